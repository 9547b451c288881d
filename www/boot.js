// Starts the app. The page gives the (content-hashed) names of the JS glue and
// the wasm in data attributes of the script element that loads this module.
//
// The wasm is built with `panic = "abort"`: a bug in the checker traps its
// instance (a WebAssembly.RuntimeError), which cannot be used again. The app
// names the file it is checking in `data-checking` on <html>; on a trap this
// loader shows an error for that file and starts a fresh instance of the app
// from the module compiled at start (no new request is made).
const tag = document.querySelector("script[data-wasm]");
const html = document.documentElement;
let compiled;
let generation = 0;

async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** A fresh instance of the app (a fresh copy of the JS glue, a new instance of the compiled wasm). */
async function start() {
  generation += 1;
  const url = generation === 1 ? tag.dataset.js : `${tag.dataset.js}?instance=${generation}`;
  const { default: init } = await import(url);
  await init({ module_or_path: compiled });
}

function showTrap(name) {
  const note = document.createElement("p");
  note.className = "load-error trap-error";
  note.setAttribute("role", "alert");
  note.dataset.file = name ?? "";
  const who = name ? `“${name}”` : "a file";
  note.textContent = `无法检查${name ? `「${name}」` : "文件"}：检查程序出错，已重新启动（之前的结果已清除）。 · Could not check ${who}: the checker failed and was restarted (earlier results were cleared).`;
  document.querySelector(".trap-error")?.remove();
  const root = document.getElementById("app");
  root.before(note);
}

let restarting = false;
async function onTrap(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || restarting) return false;
  const name = html.dataset.checking;
  // A trap from an instance already given up (no file being checked) is ignored.
  if (name === undefined) return true;
  restarting = true;
  delete html.dataset.checking;
  showTrap(name);
  const old = document.getElementById("app");
  const fresh = old.cloneNode(false);
  old.replaceWith(fresh);
  try {
    await start();
    html.dataset.restarts = String(Number(html.dataset.restarts ?? 0) + 1);
  } finally {
    restarting = false;
  }
  return true;
}

window.addEventListener("error", (e) => {
  onTrap(e.error).then((handled) => handled && console.warn("nianbao: restarted after", e.error));
});
window.addEventListener("unhandledrejection", (e) => {
  if (e.reason instanceof WebAssembly.RuntimeError) {
    e.preventDefault();
    onTrap(e.reason).then(() => console.warn("nianbao: restarted after", e.reason));
  }
});

try {
  compiled = await compile(tag.dataset.wasm);
  await start();
  // Everything is loaded: from now on, forbid every connection (fetch, XHR,
  // WebSocket, beacons). A policy added by a <meta> in <head> adds to the one in
  // index.html; both are enforced.
  const lock = document.createElement("meta");
  lock.httpEquiv = "Content-Security-Policy";
  lock.content = "connect-src 'none'";
  document.head.append(lock);
  html.dataset.ready = "true";
} catch (error) {
  const root = document.getElementById("app") ?? document.body;
  const p = document.createElement("p");
  p.className = "load-error";
  p.textContent = `无法启动检查程序（${error}）。请使用较新版本的 Chrome、Edge、Firefox 或 Safari。`;
  root.append(p);
  throw error;
}
