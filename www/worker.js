// A web worker that checks files for the page (started by www/boot.js), so that
// reading and checking never block the page. It runs its own instance of the
// checker (web/src/checker.rs): the page hands over the compiled module and the
// address of its JS glue, nothing is fetched but the glue itself.
//
// Messages in:  {type: "init", js, module}, then {id, name, bytes, found} per
//               file (`bytes`: a Uint8Array, or the File itself, read here;
//               `found`: in a folder, set aside if it is no report),
//               or {id, op: "expand", name, bytes, found, prefix} for a zip.
// Messages out: {type: "ready"} or {type: "failed", message};
//               {id, out, ms, memory}: the result in the core's wire form (a
//               Uint8Array, transferred), the time the check took and the
//               size of the checker's memory after it;
//               {id, list}: what the checker's expandArchive gave (for a
//               file found in a folder: where that is not the file itself);
//               {id, trap, message}: the checker failed (a trap of the wasm, whose
//               instance cannot be used again: the page replaces this worker).
//
// The widget and the offline page, which have no worker file of their own
// origin, run the same loop in a worker made from a `blob:` URL, with the
// checker's glue inside it (www/checker.js, `blobWorkerScript`).

let glue;
// The checker's wasm memory (its size goes with each answer).
let memory;

// The files handed to this worker are checked in the order they came; the
// next one's bytes are read while one is checked.
let turn = Promise.resolve();

self.onmessage = ({ data }) => {
  if (data.type === "init") {
    turn = turn.then(async () => {
      try {
        glue = await import(data.js);
        ({ memory } = await glue.default({ module_or_path: data.module }));
        self.postMessage({ type: "ready" });
      } catch (error) {
        self.postMessage({ type: "failed", message: String(error) });
      }
    });
    return;
  }
  // A file of the disk is read here, not on the page's thread.
  const read = data.bytes instanceof Blob ? data.bytes.arrayBuffer().then((b) => new Uint8Array(b)) : Promise.resolve(data.bytes);
  read.catch(() => {});
  turn = turn.then(() => answer(data, read));
};

/** Check one file (its bytes from `read`) and post the answer. */
async function answer(data, read) {
  const { id, name } = data;
  let bytes;
  try {
    bytes = await read;
  } catch (error) {
    // One the browser cannot read (moved, deleted, changed or locked since
    // it was chosen) is answered as such; this worker goes on.
    self.postMessage({ id, unreadable: String(error) });
    return;
  }
  try {
    const start = performance.now();
    // A zip taken apart, or a file of a folder that is no report (or an
    // archive): the list is the answer; its files' bytes are handed over,
    // not copied.
    const list =
      data.op === "expand" ? glue.expandArchive(name, bytes, data.found, data.prefix) : data.found ? notAsItIs(name, bytes) : null;
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
}

/** A file found in a folder: what `expandArchive` makes of it where that is
 * not the file itself, else null (as `notAsItIs` of www/checker.js). */
function notAsItIs(name, bytes) {
  const list = glue.expandArchive(name, bytes, true, `${name}/`);
  const [only] = list;
  const itself = list.length === 1 && only.name === name && !only.bytes && !only.answer && !only.skipped;
  return itself ? null : list;
}
