// Starts the page. Two wasm files: the app (the page itself, loaded at start)
// and the checker (the readers and rules, web/src/checker.rs), loaded when the
// first file is given. The page gives their content-hashed names, and their
// JS glue's, in data attributes of the script element that loads this module.
//
// Files are checked by the checker in web workers (www/worker.js) or, where
// none can start, on the page itself (www/checker.js). Either way a failure of
// the checker costs the file it was checking, nothing more (the app is another
// instance). The app's own wasm is built with `panic = "abort"` too: should
// it trap, this loader says so and starts a fresh instance of the app from the
// module compiled at start (no new request is made).
import { TIME_LIMIT_MS, defaultWorkers, pageChecker, pageCopy, workerPool } from "./checker.js";

const tag = document.querySelector("script[data-wasm]");
const html = document.documentElement;
let compiled;
let generation = 0;

/** What the loading note of index.html says until the app replaces it. */
function say(text) {
  const note = document.getElementById("loading");
  if (note) note.textContent = text;
}

async function compile(url) {
  say("正在下载检查程序…… · Downloading the checker…");
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const mb = (Number(response.headers.get("content-length")) / 1e6).toFixed(1);
  if (mb > 0) say(`正在下载检查程序（${mb} MB）…… · Downloading the checker (${mb} MB)…`);
  const bytes = await response.arrayBuffer();
  say("正在准备检查程序…… · Preparing the checker…");
  return WebAssembly.compile(bytes);
}

/** A fresh instance of the app (a fresh copy of the JS glue, a new instance of the compiled wasm). */
async function start() {
  generation += 1;
  const url = generation === 1 ? tag.dataset.js : `${tag.dataset.js}?instance=${generation}`;
  const glue = await import(url);
  await glue.default({ module_or_path: compiled });
  glue.setChecker(checker);
}

function showTrap() {
  const note = document.createElement("p");
  note.className = "load-error trap-error";
  note.setAttribute("role", "alert");
  note.textContent = "页面出错，已重新启动（之前的结果已清除）。 · The page failed and was restarted (earlier results were cleared).";
  document.querySelector(".trap-error")?.remove();
  const root = document.getElementById("app");
  root.before(note);
}

/** A trap of a wasm instance (a panic aborts), which leaves it unusable: on
 * the page's thread only the app's can reach here (the checker's failures are
 * caught where it is called). */
function fatal(error) {
  return error instanceof WebAssembly.RuntimeError;
}

let restarting = false;
async function onTrap(error) {
  if (!fatal(error) || restarting) return false;
  restarting = true;
  showTrap();
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
  if (fatal(e.reason)) {
    e.preventDefault();
    onTrap(e.reason).then(() => console.warn("nianbao: restarted after", e.reason));
  }
});

// ---- web workers ----------------------------------------------------------------
// Files are checked in web workers (www/worker.js), each running its own instance
// of the compiled checker, so the page stays responsive however many files it is
// given. A worker's pool: `check(name, bytes, move)` resolves to `{out, ms}` (the result
// in the core's wire form) or rejects with `{kind: "timeout" | "trap", message,
// limitMs}`. A worker that traps, or is still busy when a file's time is up, is
// terminated and replaced, so that one bad file costs only its own result. Where
// no worker can be started (`?workers=0`, or the browser refuses), the checker
// runs on the page itself, a file at a time. Both are in www/checker.js.

/** How many workers at most: `?workers=N` (1 to 4), else `defaultWorkers()`;
 * 0 for none. */
function workersWanted() {
  const wanted = new URLSearchParams(location.search).get("workers");
  if (!tag.dataset.worker || wanted === "0") return 0;
  return Math.max(1, Math.min(Number(wanted) || defaultWorkers(), 4));
}

/** From now on, forbid every connection (fetch, XHR, WebSocket, beacons). A
 * policy added by a <meta> in <head> adds to the one in index.html; both are
 * enforced. Scripts of the page's own origin may still load (the glue of a
 * fresh instance after a failure), but nothing can be sent anywhere. */
function lock() {
  if (document.querySelector('meta[data-lock]')) return;
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = "connect-src 'none'";
  meta.dataset.lock = "";
  document.head.append(meta);
  html.dataset.locked = "true";
}

/** The one copy of the checker on the page: it checks files where no worker
 * runs, and gives what the app asks of `nianbaoModule`; replaced after a
 * failure or a call that grew its memory past `MEMORY_LIMIT` (www/checker.js). */
const copy = pageCopy(
  async () => {
    await load();
    // A fresh glue each time (`makeGlue`, written by xtask/pack.mjs), held
    // by nothing but the copy: a copy let go gives its memory back.
    const { makeGlue } = await import(new URL(tag.dataset.checkerCopy, location.href).href);
    const glue = makeGlue();
    const exports = await glue.default({ module_or_path: checkerModule });
    return { glue, memory: exports.memory };
  },
  (restarts) => {
    html.dataset.checkerRestarts = String(restarts);
  },
);

/** The checker's pool, loaded once, when the first file is given: its wasm is
 * fetched and compiled, the page is locked, then workers start with it. */
let loading = null;
let checkerModule = null;
let workspaceModule = null;
function load() {
  loading ??= (async () => {
    // The workspace part (web/src/workspace.rs) comes with the checker,
    // before the lock; the page works without it.
    const part = tag.dataset.workspaceWasm
      ? fetch(tag.dataset.workspaceWasm)
          .then((r) => {
            if (!r.ok) throw new Error(`${r.url}: HTTP ${r.status}`);
            return r.arrayBuffer();
          })
          .then((bytes) => WebAssembly.compile(bytes))
          .catch((error) => {
            console.warn("nianbao: no workspace part:", error);
            return null;
          })
      : Promise.resolve(null);
    const module = await compile(tag.dataset.checkerWasm);
    checkerModule = module;
    workspaceModule = await part;
    // Nothing more will be fetched: the checker is the last of the page's files.
    lock();
    const js = new URL(tag.dataset.checkerJs, location.href).href;
    const size = workersWanted();
    if (size > 0) {
      try {
        const url = new URL(tag.dataset.worker, location.href);
        const spawn = () => new Worker(url, { type: "module", name: "nianbao-check" });
        const pool = await workerPool(spawn, { js, module }, size, (restarts) => {
          html.dataset.workerRestarts = String(restarts);
        });
        html.dataset.workers = String(size);
        return pool;
      } catch (error) {
        console.warn("nianbao: no web worker; files are checked on the page itself:", error);
      }
    }
    return pageChecker(copy);
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** What the app is given: the pool, once loaded; until then files wait for it.
 * `globalThis.nianbaoPool` is the same object (tests change its time limit). */
const checker = {
  get size() {
    return workersWanted() || 1;
  },
  get onPage() {
    return workersWanted() === 0 || this.pool?.onPage === true;
  },
  timeLimitMs: TIME_LIMIT_MS,
  pool: null,
  async check(name, bytes, move, found) {
    let pool;
    try {
      pool = await load();
    } catch (error) {
      throw { kind: "unavailable", message: String(error) };
    }
    checker.pool = pool;
    pool.timeLimitMs = checker.timeLimitMs;
    return pool.check(name, bytes, move, found);
  },
  /** A zip taken apart, or a file of a folder set aside if it is no report:
   * the checker's `expandArchive`, in a worker (on the page's copy where no
   * worker runs). */
  async expand(name, bytes, found, prefix) {
    return (await load()).expand(name, bytes, found, prefix);
  },
  copy,
};
globalThis.nianbaoPool = checker;

/** The checker on the page for what the app offers on request (the
 * annotated copy of a Word document, a rule's guidance, a sample report):
 * the exports of the page's one copy, once loaded. */
globalThis.nianbaoModule = () => copy.exports();

/** The reviewer's workspace storage (www/store.js, IndexedDB), loaded when
 * the app first opens it. */
globalThis.nianbaoStore = () => import("./store.js");

/** The workspace part on the page (fingerprints, the matrix, the memo, the
 * workspace file): its exports, once loaded. */
let workspacePart = null;
globalThis.nianbaoWorkspace = () => {
  workspacePart ??= (async () => {
    await load();
    if (!workspaceModule) throw new Error("工作区组件未能加载 / the workspace part did not load");
    const glue = await import(new URL(tag.dataset.workspaceJs, location.href).href);
    await glue.default({ module_or_path: workspaceModule });
    return glue;
  })();
  workspacePart.catch(() => (workspacePart = null));
  return workspacePart;
};

try {
  compiled = await compile(tag.dataset.wasm);
  await start();
  html.dataset.ready = "true";
} catch (error) {
  const root = document.getElementById("app") ?? document.body;
  const p = document.createElement("p");
  p.className = "load-error";
  p.textContent = `无法启动检查程序（${error}）。请使用较新版本的 Chrome、Edge、Firefox 或 Safari。`;
  root.append(p);
  throw error;
}
