// Registers the service worker (www/sw.js) that keeps this page working offline
// after the first visit, and then shows the note saying so. Only over http(s):
// opened from disk, the page has no worker (use nianbao-offline.html there).
//
// The worker is registered once the app has started, so that it finds the
// page's files (the .wasm above all) in the browser's cache where the page's
// own requests left them, instead of downloading them a second time.
const note = document.getElementById("offline-note");
const html = document.documentElement;

function register() {
  navigator.serviceWorker
    .register("sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      if (note) note.hidden = false;
      html.dataset.offline = "true";
    })
    // Refused (private mode, a blocked worker…): the page works as before.
    .catch(() => {
      html.dataset.offline = "unavailable";
    });
}

if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
  if (html.dataset.ready) register();
  else
    new MutationObserver((_, watch) => {
      if (!html.dataset.ready) return;
      watch.disconnect();
      register();
    }).observe(html, { attributes: true, attributeFilter: ["data-ready"] });
}
