// The service worker of the hosted page: after the first visit the page keeps
// working with no network. It caches the page's own built files (the list is
// written in by `cargo xtask dist`) and the full module under pkg/ once the
// page has loaded it, and nothing else: no report, no other URL. A new build
// has a new version, whose cache replaces the old one.

const VERSION = "__NIANBAO_VERSION__";
const FILES = ["__NIANBAO_FILES__"];
const CACHE = `nianbao-${VERSION}`;
const URLS = new Set(FILES.map((f) => new URL(f, self.location).href));
const PKG = new URL("pkg/", self.location).pathname;

// Files whose names carry a hash of their content never change: taken from
// the browser's HTTP cache when the page has just fetched them (the worker is
// registered after the app started), so that a first visit downloads the
// .wasm once. The others are asked of the server afresh. (trunk writes the
// hash in hexadecimal without leading zeros: 16 digits or fewer.)
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: HASHED.test(f) ? "force-cache" : "reload" }))))
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
  // The full module (pkg/), loaded by the page on first need: kept once
  // fetched, so that what it does works offline after its first use.
  if (url.pathname.startsWith(PKG)) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(url.href).then(
          (hit) =>
            hit ??
            fetch(request).then((r) => {
              if (r.ok) cache.put(url.href, r.clone());
              return r;
            }),
        ),
      ),
    );
    return;
  }
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
