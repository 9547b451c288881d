// Starts the app. The page gives the (content-hashed) names of the JS glue and
// the wasm in data attributes of the script element that loads this module.
const tag = document.querySelector("script[data-wasm]");

try {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
  // Everything is loaded: from now on, forbid every connection (fetch, XHR,
  // WebSocket, beacons). A policy added by a <meta> in <head> adds to the one in
  // index.html; both are enforced.
  const lock = document.createElement("meta");
  lock.httpEquiv = "Content-Security-Policy";
  lock.content = "connect-src 'none'";
  document.head.append(lock);
  document.documentElement.dataset.ready = "true";
} catch (error) {
  const root = document.getElementById("app") ?? document.body;
  const p = document.createElement("p");
  p.className = "load-error";
  p.textContent = `无法启动检查程序（${error}）。请使用较新版本的 Chrome、Edge、Firefox 或 Safari。`;
  root.append(p);
  throw error;
}
