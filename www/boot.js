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

/**
 * What a failed instance throws: a trap (a panic aborts), a stack overflow or
 * memory exhausted (a RangeError; InternalError in Firefox). Any of them
 * leaves the instance unusable.
 */
function fatal(error) {
  return (
    error instanceof WebAssembly.RuntimeError ||
    error instanceof RangeError ||
    error?.name === "InternalError"
  );
}

let restarting = false;
async function onTrap(error) {
  if (!fatal(error) || restarting) return false;
  // Only while the app checks a file: other errors of the page are not ours.
  if (html.dataset.checking === undefined && !(error instanceof WebAssembly.RuntimeError)) return false;
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
  if (fatal(e.reason) && (html.dataset.checking !== undefined || e.reason instanceof WebAssembly.RuntimeError)) {
    e.preventDefault();
    onTrap(e.reason).then(() => console.warn("nianbao: restarted after", e.reason));
  }
});

// ---- web workers ----------------------------------------------------------------
// Files are checked in web workers (www/worker.js), each running its own instance
// of the compiled wasm, so the page stays responsive however many files it is
// given. The app finds them as `globalThis.nianbaoPool`: `check(name, bytes)`
// resolves to `{out, ms}` (the result in the core's wire form) or rejects with
// `{kind: "timeout" | "trap", message, limitMs}`. A worker that traps, or is still
// busy when a file's time is up, is terminated and replaced, so that one bad file
// costs only its own result. Where no worker can be started (`?workers=0`, or the
// browser refuses), the app checks on the page itself, a file at a time.

/** Time allowed for one file, in milliseconds (the pool's `timeLimitMs`). */
const TIME_LIMIT_MS = 20_000;

function startWorker(url, init) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(url, { type: "module", name: "nianbao-check" });
    } catch (error) {
      reject(error);
      return;
    }
    const fail = (error) => {
      clearTimeout(timer);
      worker.terminate();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error("the worker did not start")), 10_000);
    worker.onerror = (e) => fail(new Error(e.message || "the worker failed to load"));
    worker.onmessage = ({ data }) => {
      if (data.type !== "ready") return fail(new Error(data.message));
      clearTimeout(timer);
      worker.onerror = null;
      worker.onmessage = null;
      resolve(worker);
    };
    worker.postMessage({ type: "init", ...init });
  });
}

async function createPool(url, init, size) {
  const idle = await Promise.all(Array.from({ length: size }, () => startWorker(url, init)));
  // Workers that can check: started, or being started in place of one lost.
  // Files given meanwhile wait for the replacement; only when none is left
  // (a replacement failed to start) are they refused.
  let alive = idle.length;
  const queue = [];
  let lastId = 0;
  const pool = {
    size,
    timeLimitMs: TIME_LIMIT_MS,
    restarts: 0,
    check(name, bytes) {
      return new Promise((resolve, reject) => {
        queue.push({ name, bytes, resolve, reject });
        pump();
      });
    },
  };
  function pump() {
    while (idle.length && queue.length) run(idle.pop(), queue.shift());
    if (alive === 0) {
      for (const job of queue.splice(0)) job.reject({ kind: "trap", message: "no worker left" });
    }
  }
  function run(worker, job) {
    const id = ++lastId;
    const limitMs = pool.timeLimitMs;
    const timer = setTimeout(() => done({ kind: "timeout", limitMs, message: `still checking after ${limitMs} ms` }), limitMs);
    function done(error, value) {
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      if (error) job.reject(error);
      else job.resolve(value);
      if (!error) {
        idle.push(worker);
        pump();
        return;
      }
      // A trapped instance cannot be used again; a busy one cannot be stopped.
      // Its replacement keeps its place in `alive` while it starts.
      worker.terminate();
      pool.restarts += 1;
      html.dataset.workerRestarts = String(pool.restarts);
      startWorker(url, init).then(
        (fresh) => {
          idle.push(fresh);
          pump();
        },
        (error) => {
          console.warn("nianbao: a worker could not be replaced:", error);
          alive -= 1;
          pump();
        },
      );
    }
    worker.onmessage = ({ data }) => {
      if (data.id !== id) return;
      if (data.trap) done({ kind: "trap", message: data.message });
      else done(null, { out: data.out, ms: data.ms });
    };
    worker.onerror = (e) => {
      e.preventDefault();
      done({ kind: "trap", message: e.message || "the worker failed" });
    };
    worker.postMessage({ id, name: job.name, bytes: job.bytes });
  }
  return pool;
}

/** The workers, unless the page says not to (`?workers=0`) or they cannot start. */
async function startPool() {
  const wanted = new URLSearchParams(location.search).get("workers");
  if (!tag.dataset.worker || wanted === "0") return;
  // One core is left to the page.
  const size = Math.max(1, Math.min(Number(wanted) || (navigator.hardwareConcurrency ?? 2) - 1, 4));
  try {
    const init = { js: new URL(tag.dataset.js, location.href).href, module: compiled };
    globalThis.nianbaoPool = await createPool(new URL(tag.dataset.worker, location.href), init, size);
    html.dataset.workers = String(size);
  } catch (error) {
    console.warn("nianbao: no web worker; files are checked on the page itself:", error);
  }
}

try {
  compiled = await compile(tag.dataset.wasm);
  await startPool();
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
