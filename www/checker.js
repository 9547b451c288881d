// Where the page's checker (web/src/checker.rs, the second wasm) runs, and the
// time each file is given. One copy of this code serves every surface: the
// hosted page imports it (www/boot.js); xtask/pack.mjs copies it, without its
// `export`s, into the widget's loader (www/embed.js) and the offline page.
// So it holds declarations only, and imports nothing.
//
// Each surface gives the app (its `setChecker`) a pool: `check(name, bytes,
// move, found)` (`bytes`: a Uint8Array, or a File, read where it is
// checked; `move`: the bytes may be moved to a worker rather than copied;
// `found`: the file was found in a folder, and is set aside if it is no
// report) resolves to `{out, ms}` (the result in the core's wire form, and
// the time the check took), or, for a file found in a folder that is no
// report (or an archive), to `{list}` as `expand` gives it, or rejects with `{kind, message, limitMs}`, where `kind` is
// "timeout" (the file took longer than `timeLimitMs`), "trap" (the checker
// failed on it) or "unavailable" (the checker could not be loaded);
// `expand(name, bytes, found, prefix)` resolves to what the checker's
// `expandArchive` gives (a zip taken apart), in a worker where workers run.
//
// - `workerPool`: web workers, each with its own instance of the checker. A
//   worker that traps, or is still busy when a file's time is up, is
//   terminated and replaced, so one bad file costs only its own result.
// - `pageChecker`: the page's own thread, where no worker can start. The
//   checker is given the file's time and stops itself when it is up (the
//   file is refused as timed out); a failed copy is replaced for the next file.
// - `pageCopy`: the one copy of the checker on the page's thread, shared by
//   `pageChecker`, the zips taken apart there and (hosted page) what the app
//   asks of `nianbaoModule`; a copy that failed, or whose memory grew past
//   `MEMORY_LIMIT`, is dropped and the next use makes a fresh one.
// - `localChecker`: what the widget and the offline page give the app: workers
//   made from a `blob:` URL whose script holds the checker's JS glue (they have
//   no worker file of their own origin to start), else the page's thread.

/** Time allowed for one file, in milliseconds (a pool's `timeLimitMs`). */
export const TIME_LIMIT_MS = 20_000;

/** How many workers a page may start: one a core but one, at least two (the
 * page's thread spends most of a batch waiting on its own work, and a second
 * worker checks while the first one's answer waits for it) and at most four.
 * A pool starts the second only when a batch gives it more than one file. */
export function defaultWorkers() {
  return Math.max(2, Math.min((navigator.hardwareConcurrency ?? 2) - 1, 4));
}

/** A copy of the checker whose memory grew past this many bytes (a file
 * that needed it) is let go, so that one large file does not keep that
 * memory (a wasm memory never shrinks) while the page draws and stores its
 * result: the page's own copy after the call, a worker once it has nothing
 * left to check and no file waits (in a batch, busy workers are kept:
 * starting one costs time). The next use makes a fresh one. (`memoryLimit`
 * of a pool and of the page's copy.) */
export const MEMORY_LIMIT = 64 * 1024 * 1024;

/** Whether an exception out of the wasm leaves its instance unusable: a trap
 * (a panic aborts; memory access out of bounds), a stack overflow or memory
 * exhausted (RangeError; InternalError in Firefox). The errors the checker
 * throws on purpose (an `Error`, a `TypeError`) leave it as it was. */
export function failedInstance(error) {
  return (
    error instanceof WebAssembly.RuntimeError ||
    error instanceof RangeError ||
    error?.name === "InternalError" ||
    error?.name === "RuntimeError"
  );
}

/** A file found in a folder, before it is checked: what the checker's
 * `expandArchive` makes of it where that is not the file itself (no report:
 * skipped; an archive: the files in it), else null (check it as it is). The
 * file is read once, in the worker that checks it, so that the checking of
 * a folder begins with its first file rather than once every file was read.
 * (In every worker's script, `workerScript`.) */
function notAsItIs(glue, name, bytes) {
  const list = glue.expandArchive(name, bytes, true, `${name}/`);
  const [only] = list;
  const itself = list.length === 1 && only.name === name && !only.bytes && !only.answer && !only.skipped;
  return itself ? null : list;
}

/** Start one worker (`spawn()` makes it) and hand it `init`; resolves once it
 * says it is ready, rejects if it fails or is silent for 10 s. */
function startWorker(spawn, init) {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = spawn();
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
    worker.onerror = (e) => {
      e.preventDefault?.();
      fail(new Error(e.message || "the worker failed to load"));
    };
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

/** How many files a worker is handed at once: the one it checks and those
 * after it, whose bytes it reads meanwhile, so that it need not wait for the
 * page's thread (busy with the answers before) to hand it another. */
const HANDED = 4;

/** A pool of up to `size` workers, each made by `spawn()` and started with
 * `init` (the compiled checker in `init.module`). Resolves once the first has
 * started; rejects if it cannot. The others are started when files wait for a
 * worker (a batch), so that a page given one file at a time holds one copy of
 * the checker. Each worker is handed up to `HANDED` files and checks them in
 * order; a file's time runs from when the worker starts on it (the answer to
 * the one before). `onRestart(restarts)` is told each replacement. */
export async function workerPool(spawn, init, size, onRestart = () => {}) {
  // The workers that can check: {worker, jobs} (the files handed to it, in
  // order; the first is the one being checked).
  const workers = [];
  const adopt = (worker) => {
    const w = { worker, jobs: [] };
    worker.onmessage = ({ data }) => answered(w, data);
    worker.onerror = (e) => {
      e.preventDefault();
      failed(w, { kind: "trap", message: e.message || "the worker failed" });
    };
    workers.push(w);
  };
  adopt(await startWorker(spawn, init));
  // Workers started, or being started (beyond the first, or in place of one
  // lost). Files given meanwhile wait for them; only when none is left (a
  // worker failed to start) are they refused.
  let alive = 1;
  const queue = [];
  let lastId = 0;
  const pool = {
    size,
    /** Workers started and not retired (at most `size`; replacements not counted). */
    started: 1,
    onPage: false,
    timeLimitMs: TIME_LIMIT_MS,
    restarts: 0,
    /** Files handed to workers now. */
    busy: 0,
    memoryLimit: MEMORY_LIMIT,
    /** Workers stopped, idle, for the memory they held. */
    retired: 0,
    check(name, bytes, move = false, found = false) {
      return new Promise((resolve, reject) => {
        // Moved to the worker rather than copied where the caller allows it.
        const moved = move && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer?.byteLength ? [bytes.buffer] : [];
        queue.push({ message: { name, bytes, found }, moved, resolve, reject });
        pump();
      });
    },
    /** A zip taken apart, or a file of a folder set aside if it is no report
     * (the checker's `expandArchive`), in a worker: the page's thread is not
     * held, and a hostile archive costs a worker, not the page. */
    expand(name, bytes, found, prefix) {
      return new Promise((resolve, reject) => {
        queue.push({ message: { op: "expand", name, bytes, found, prefix }, resolve, reject });
        pump();
      });
    },
  };
  function pump() {
    while (queue.length) {
      // A file whose bytes are moved goes only to a worker with nothing in
      // hand: it is never the one handed back when a worker is lost.
      const moves = (queue[0].moved ?? []).length > 0;
      let w = null;
      for (const c of workers) if (c.jobs.length < (moves ? 1 : HANDED) && (!w || c.jobs.length < w.jobs.length)) w = c;
      if (!w) break;
      hand(w, queue.shift());
    }
    if (alive < size && (queue.length > 0 || workers.some((w) => w.jobs.length > 1))) {
      alive += 1;
      pool.started += 1;
      start("one more worker could not be started", () => {
        alive -= 1;
        pool.started -= 1;
      });
    }
    if (alive === 0) {
      for (const job of queue.splice(0)) job.reject({ kind: "trap", message: "no worker left" });
    }
  }
  function hand(w, job) {
    job.id = ++lastId;
    w.jobs.push(job);
    pool.busy += 1;
    if (w.jobs.length === 1) clock(w);
    w.worker.postMessage({ id: job.id, ...job.message }, job.moved ?? []);
  }
  /** The time of the file `w` checks now starts. */
  function clock(w) {
    const job = w.jobs[0];
    const limitMs = pool.timeLimitMs;
    job.timer = setTimeout(() => failed(w, { kind: "timeout", limitMs, message: `still checking after ${limitMs} ms` }), limitMs);
  }
  function answered(w, data) {
    const k = w.jobs.findIndex((j) => j.id === data.id);
    if (k < 0) return;
    if (data.trap) return failed(w, { kind: "trap", message: data.message });
    const [job] = w.jobs.splice(k, 1);
    clearTimeout(job.timer);
    pool.busy -= 1;
    // A file that could not be read fails alone: the worker goes on.
    if (data.unreadable !== undefined) job.reject({ kind: "unreadable", message: data.unreadable });
    else if (data.list) job.resolve(job.message.op ? data.list : { list: data.list });
    else job.resolve({ out: data.out, ms: data.ms });
    if (k === 0 && w.jobs.length) clock(w);
    if (!w.jobs.length && !queue.length && data.memory > pool.memoryLimit) retire(w);
    pump();
  }
  /** Stop `w`, idle, for the memory its checker holds; files given later
   * start a fresh worker (`pump`). */
  function retire(w) {
    stop(w);
    alive -= 1;
    pool.started -= 1;
    pool.retired += 1;
  }
  /** The file `w` checks now failed it (`error`): a trapped instance cannot
   * be used again, a busy one cannot be stopped. That file gets the error,
   * the files handed to `w` after it go back to the front of the queue, and
   * a replacement keeps the worker's place in `alive` while it starts. */
  function failed(w, error) {
    if (!workers.includes(w)) return;
    stop(w);
    const [job, ...after] = w.jobs;
    for (const j of w.jobs) clearTimeout(j.timer);
    pool.busy -= w.jobs.length;
    queue.unshift(...after);
    job?.reject(error);
    pool.restarts += 1;
    onRestart(pool.restarts);
    start("a worker could not be replaced", () => (alive -= 1));
  }
  /** Take `w` out of the pool and terminate it. */
  function stop(w) {
    workers.splice(workers.indexOf(w), 1);
    w.worker.onmessage = null;
    w.worker.onerror = null;
    w.worker.terminate();
  }
  /** Start a worker (one more, or a replacement) and give it files; where it
   * cannot start, say `why` and `uncount()` it. */
  function start(why, uncount) {
    startWorker(spawn, init).then(
      (worker) => {
        adopt(worker);
        pump();
      },
      (error) => {
        console.warn(`nianbao: ${why}:`, error);
        uncount();
        pump();
      },
    );
  }
  return pool;
}

/** The one copy of the checker on the page's own thread. `instantiate(n)`
 * resolves to the n-th fresh copy: `{glue, memory}`, its JS glue initialised
 * with its wasm and the wasm's memory. Made when first used; every use goes
 * through `run` (or `exports`). A copy that failed (`failedInstance`; for
 * `workerCheck`, which throws nothing on purpose, any exception) cannot be
 * used again: it is dropped, `onRestart(restarts, error)` is told, and the
 * next use makes a fresh one. A copy whose memory grew past `memoryLimit`
 * is dropped after the call that grew it (`renewals` counts them), so that
 * one large file does not keep the page's memory. */
export function pageCopy(instantiate, onRestart = () => {}) {
  // The copy in use (a promise: uses while it loads wait for it).
  let current = null;
  let made = 0;
  const copy = {
    /** Copies made so far (the one in use included). */
    get copies() {
      return made;
    },
    restarts: 0,
    renewals: 0,
    memoryLimit: MEMORY_LIMIT,
    /** The copy in use, made if there is none (rejects if it cannot be). */
    ready() {
      if (!current) {
        made += 1;
        const mine = instantiate(made);
        current = mine;
        mine.catch(() => {
          if (current === mine) current = null;
        });
      }
      return current;
    },
    /** `use(glue)` on the copy in use, once it is loaded. */
    async run(use, anyError = false) {
      const mine = copy.ready();
      return copy.runOn(mine, await mine, use, anyError);
    },
    /** `use(glue)` on a loaded copy (`mine`, the promise it came from). */
    runOn(mine, loaded, use, anyError = false) {
      try {
        return use(loaded.glue);
      } catch (error) {
        if ((anyError || failedInstance(error)) && current === mine) {
          current = null;
          copy.restarts += 1;
          onRestart(copy.restarts, error);
        }
        throw error;
      } finally {
        if (current === mine && loaded.memory?.buffer.byteLength > copy.memoryLimit) {
          current = null;
          copy.renewals += 1;
        }
      }
    },
    /** The copy's exports (functions), each call made through `runOn`: what
     * the hosted page gives the app as `nianbaoModule()`. */
    async exports() {
      const mine = copy.ready();
      const loaded = await mine;
      const out = {};
      for (const [name, f] of Object.entries(loaded.glue)) {
        if (typeof f !== "function" || name === "default" || name === "initSync") continue;
        out[name] = (...args) => copy.runOn(mine, loaded, (glue) => glue[name](...args));
      }
      return out;
    },
  };
  return copy;
}

/** The checker on the page's own thread, on `copy` (a `pageCopy`). Each file
 * is given `timeLimitMs` (the checker stops itself when it is up, and the
 * file is refused as timed out: the page's thread cannot be stopped from
 * outside). A copy that failed on a file costs that file an error; the next
 * file gets a fresh copy: nothing else on the page is touched. */
export function pageChecker(copy) {
  return {
    size: 1,
    onPage: true,
    timeLimitMs: TIME_LIMIT_MS,
    get restarts() {
      return copy.restarts;
    },
    /** Files being checked now: never seen above 0 from the page, whose
     * thread the check holds. */
    busy: 0,
    async check(name, file, move, found = false) {
      let loaded;
      const mine = copy.ready();
      try {
        loaded = await mine;
      } catch (error) {
        throw { kind: "unavailable", message: String(error) };
      }
      let bytes = file;
      if (file instanceof Blob) {
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch (error) {
          throw { kind: "unreadable", message: String(error) };
        }
      }
      const start = performance.now();
      const limit = this.timeLimitMs > 0 ? this.timeLimitMs : undefined;
      this.busy += 1;
      try {
        const list = found ? copy.runOn(mine, loaded, (glue) => notAsItIs(glue, name, bytes)) : null;
        if (list) return { list };
        const out = copy.runOn(mine, loaded, (glue) => glue.workerCheck(name, bytes, limit), true);
        return { out, ms: performance.now() - start };
      } catch (error) {
        throw { kind: "trap", message: String(error) };
      } finally {
        this.busy -= 1;
      }
    },
    /** A zip taken apart, or a file of a folder set aside if it is no report
     * (the checker's `expandArchive`), on the same copy. */
    expand(name, bytes, found, prefix) {
      return copy.run((glue) => glue.expandArchive(name, bytes, found, prefix));
    },
  };
}

/** The script of a worker that checks files: `notAsItIs` and the loop
 * below, started with `loadGlue(init)`, which resolves to the checker's JS
 * glue (not yet initialised) when the page's `init` message comes. One loop
 * for every worker: the hosted page's www/worker.js is this script with the
 * glue imported from `init.js` (written into dist/ by xtask/pack.mjs), and
 * the widget's and the offline page's `blob:` workers are this script with
 * `makeGlue` (a fresh copy of the glue, no import: xtask/pack.mjs makes it).
 *
 * Messages in:  {type: "init", js, module}, then {id, name, bytes, found} per
 *               file (`bytes`: a Uint8Array, or the File itself, read in the
 *               worker; `found`: in a folder, set aside if it is no report),
 *               or {id, op: "expand", name, bytes, found, prefix} for a zip.
 * Messages out: {type: "ready"} or {type: "failed", message};
 *               {id, out, ms, memory}: the result in the core's wire form (a
 *               Uint8Array, transferred), the time the check took and the size
 *               of the checker's memory after it; {id, list}: what
 *               expandArchive gave (for a file found in a folder: where that
 *               is not the file itself); {id, unreadable}: the file could not
 *               be read (the worker goes on); {id, trap, message}: the checker
 *               failed (its instance cannot be used again: the pool replaces
 *               the worker). Files are checked in the order they came; the
 *               next one's bytes are read while one is checked. */
export function workerScript(loadGlue) {
  function serve(loadGlue) {
    let glue;
    let memory;
    let turn = Promise.resolve();
    const answer = async (data, read) => {
      const { id, name } = data;
      let bytes;
      try {
        bytes = await read;
      } catch (error) {
        self.postMessage({ id, unreadable: String(error) });
        return;
      }
      try {
        const start = performance.now();
        const list =
          data.op === "expand" ? glue.expandArchive(name, bytes, data.found, data.prefix) : data.found ? notAsItIs(glue, name, bytes) : null;
        if (list) {
          const moved = list.flatMap((o) => [o.bytes?.buffer, o.answer?.buffer]).filter(Boolean);
          self.postMessage({ id, list }, moved);
          return;
        }
        const out = glue.workerCheck(name, bytes);
        self.postMessage({ id, out, ms: performance.now() - start, memory: memory?.buffer.byteLength }, [out.buffer]);
      } catch (error) {
        self.postMessage({ id, trap: true, message: String(error) });
      }
    };
    self.onmessage = ({ data }) => {
      if (data.type === "init") {
        turn = turn.then(async () => {
          try {
            glue = await loadGlue(data);
            ({ memory } = await glue.default({ module_or_path: data.module }));
            self.postMessage({ type: "ready" });
          } catch (error) {
            self.postMessage({ type: "failed", message: String(error) });
          }
        });
        return;
      }
      const read = data.bytes instanceof Blob ? data.bytes.arrayBuffer().then((b) => new Uint8Array(b)) : Promise.resolve(data.bytes);
      read.catch(() => {});
      turn = turn.then(() => answer(data, read));
    };
  }
  return `"use strict";\n${notAsItIs}\n(${serve})(${loadGlue});\n`;
}

/** The checker of a page that holds the checker's glue as a function (the
 * widget, the offline page). `compile()` resolves to the compiled checker
 * (called once, when the first file is given); `makeGlue()` makes a fresh
 * copy of its glue; `size` workers are wanted. Workers are made from a
 * `blob:` URL holding the glue, and take zips apart too; where none starts
 * (no Worker, a policy without `worker-src blob:`), files are checked on the
 * page's thread, on its one copy (`copy`), which stops a file at its time.
 * `timeLimitMs` (tests lower it) applies to the files given after it is set;
 * `pool` is the pool in use once loaded. */
export function localChecker(compile, makeGlue, size = 1, hooks = {}) {
  // The checker compiled once, for the workers and for the copy on the page.
  let compiled = null;
  const module = () => {
    compiled ??= compile();
    compiled.catch(() => (compiled = null));
    return compiled;
  };
  // The one copy on the page (used only where no worker runs).
  const copy = pageCopy(async () => {
    const glue = makeGlue();
    const exports = await glue.default({ module_or_path: await module() });
    return { glue, memory: exports.memory };
  }, hooks.onPageRestart);
  let loading = null;
  const load = () => {
    loading ??= (async () => {
      const compiledModule = await module();
      if (typeof Worker === "function" && size > 0) {
        let url = null;
        try {
          url = URL.createObjectURL(new Blob([workerScript(makeGlue)], { type: "text/javascript" }));
          const spawn = () => new Worker(url, { name: "nianbao-check" });
          const pool = await workerPool(spawn, { module: compiledModule }, size, hooks.onWorkerRestart);
          hooks.onWorkers?.(size);
          return pool;
        } catch (error) {
          if (url) URL.revokeObjectURL(url);
          console.warn("nianbao: no web worker; files are checked on the page itself:", error);
        }
      }
      return pageChecker(copy);
    })();
    loading.catch(() => (loading = null));
    return loading;
  };
  const checker = {
    size,
    /** On the page's thread until a worker is known to run. */
    get onPage() {
      return !checker.pool || checker.pool.onPage === true;
    },
    timeLimitMs: TIME_LIMIT_MS,
    pool: null,
    copy,
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
    /** A zip taken apart, or a file of a folder set aside if it is no report
     * (the checker's `expandArchive`): in a worker, else on the page's copy. */
    async expand(name, bytes, found, prefix) {
      const pool = await load();
      checker.pool = pool;
      return pool.expand(name, bytes, found, prefix);
    },
  };
  return checker;
}
