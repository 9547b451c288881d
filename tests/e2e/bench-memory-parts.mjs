// Benchmark (not a test): where the memory of one file goes on the hosted
// page's own thread (?workers=0), where the app, the checker and the
// workspace part are three WebAssembly instances of the page itself. The
// page is warmed on seed 003, then FILE is given through the file input (the
// browser reads it from the disk) and, once its report is shown, a garbage
// collection is asked for and the benchmark prints the size of each wasm
// memory (in the order the page made them: the app, the checker, the
// workspace part; a wasm memory never shrinks, so each is its peak), the JS
// heap in use and the count of DOM nodes.
//   node bench-memory-parts.mjs FILE [DIST]

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchKillable } from "./browser.mjs";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const seed = join(here, "../fixtures/seeds/003_988e673ff9f8f84e.txt");
const file = resolve(process.argv[2] ?? seed);
const dist = resolve(process.argv[3] ?? join(here, "../../dist"));
const mb = (n) => (n / 1048576).toFixed(1);

const scratch = mkdtempSync(join(tmpdir(), "nianbao-parts-"));
const chrome = await launchKillable(join(scratch, "profile"));
const { server, url } = await serve(dist, 0);
try {
  const page = await chrome.context.newPage();
  // Every wasm memory the page makes, as it makes them.
  await page.addInitScript(() => {
    window.__memories = [];
    const keep = (made) => {
      const exports = (made.instance ?? made).exports ?? {};
      for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) window.__memories.push(v);
      return made;
    };
    for (const f of ["instantiate", "instantiateStreaming"]) {
      const original = WebAssembly[f];
      WebAssembly[f] = (...args) => original.apply(WebAssembly, args).then(keep);
    }
  });
  await page.goto(url + "?workers=0", { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { state: "attached", timeout: 30_000 });
  const cdp = await chrome.context.newCDPSession(page);
  const give = async (path) => {
    const { result } = await cdp.send("Runtime.evaluate", { expression: `document.querySelector('input[type="file"]')` });
    await cdp.send("DOM.setFileInputFiles", { files: [path], objectId: result.objectId });
    await page.waitForFunction(
      (name) => {
        const r = document.querySelector("#report");
        return r && r.dataset.file === name && (r.classList.contains("failed") || r.dataset.checkMs);
      },
      basename(path),
      { timeout: 120_000, polling: 100 },
    );
  };
  const say = async (what) => {
    await page.waitForTimeout(1000);
    await cdp.send("HeapProfiler.collectGarbage");
    const sizes = await page.evaluate(() => window.__memories.map((m) => m.buffer.byteLength));
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters");
    console.log(
      `${what}: wasm memories ${sizes.map(mb).join(" MB, ")} MB; JS heap in use ${mb(heap.usedSize)} MB; DOM nodes ${dom.nodes}`,
    );
  };
  await give(seed);
  await say("seed 003");
  await give(file);
  await say(basename(file));
} finally {
  await chrome.kill();
  server.close();
  server.closeAllConnections();
  rmSync(scratch, { recursive: true, force: true });
}
