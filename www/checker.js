// The checker on the page's own thread: the pool the app is given (its
// `setChecker`) where files are not checked in web workers — the offline page,
// the widget, the hosted page with `?workers=0` or where no worker can start.
// www/boot.js imports it; xtask/pack.mjs copies the function into the widget's
// loader and the offline page.
//
// `instantiate(n)` resolves to the n-th fresh copy of the checker's JS glue,
// initialised with its wasm (web/src/checker.rs). A copy that failed (a trap:
// a panic aborts; a stack overflow or memory exhausted: RangeError, in Firefox
// InternalError) cannot be used again. The file it was checking gets an error,
// and the next file a fresh copy: nothing else on the page is touched.

export function pageChecker(instantiate, onRestart = () => {}) {
  // The copy in use (a promise: files given while it loads wait for it).
  let copy = null;
  let copies = 0;
  return {
    size: 1,
    onPage: true,
    /** No time limit: a check on the page's thread cannot be stopped. */
    timeLimitMs: 0,
    restarts: 0,
    async check(name, bytes) {
      if (!copy) {
        copies += 1;
        copy = instantiate(copies);
      }
      const mine = copy;
      let glue;
      try {
        glue = await mine;
      } catch (error) {
        if (copy === mine) copy = null;
        throw { kind: "unavailable", message: String(error) };
      }
      const start = performance.now();
      try {
        const out = glue.workerCheck(name, bytes);
        return { out, ms: performance.now() - start };
      } catch (error) {
        if (copy === mine) {
          copy = null;
          this.restarts += 1;
          onRestart(this.restarts, name, error);
        }
        throw { kind: "trap", message: String(error) };
      }
    },
    /** A zip taken apart, or a file of a folder set aside if it is no report
     * (the checker's `expandArchive`), on the same copy. */
    async expand(name, bytes, found, prefix) {
      if (!copy) {
        copies += 1;
        copy = instantiate(copies);
      }
      const mine = copy;
      try {
        return (await mine).expandArchive(name, bytes, found, prefix);
      } catch (error) {
        if (copy === mine) copy = null;
        throw error;
      }
    },
  };
}
