// Registers the service worker (www/sw.js) that keeps this page working offline
// after the first visit, and then shows the note saying so. Only over http(s):
// opened from disk, the page has no worker (use nianbao-offline.html there).
const note = document.getElementById("offline-note");
if ("serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker
    .register("sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      if (note) note.hidden = false;
      document.documentElement.dataset.offline = "true";
    })
    // Refused (private mode, a blocked worker…): the page works as before.
    .catch(() => {
      document.documentElement.dataset.offline = "unavailable";
    });
}
