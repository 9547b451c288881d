// The service worker of the hosted page: after the first visit the page keeps
// working with no network. It caches the page's own built files (the list is
// written in by `cargo xtask dist`) and nothing else: no report, no other URL.
// A new build has a new version, whose cache replaces the old one.

const VERSION = "__NIANBAO_VERSION__";
const FILES = ["__NIANBAO_FILES__"];
const CACHE = `nianbao-${VERSION}`;
const URLS = new Set(FILES.map((f) => new URL(f, self.location).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("nianbao-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (!URLS.has(url.href)) return; // not ours: the browser handles it
  if (request.mode === "navigate") {
    // The page itself: the newest when online, the cached one when not.
    event.respondWith(
      fetch(request).catch(() => caches.match(url.href, { cacheName: CACHE }).then((r) => r ?? Response.error())),
    );
  } else {
    // Hashed files never change: the cache first.
    event.respondWith(
      caches.match(url.href, { cacheName: CACHE }).then((r) => r ?? fetch(request)),
    );
  }
});
