// The page side of `cargo xtask bench`: the real app (dist/index.html, with its
// web workers) given COUNT files at once through its file input, made by
// cycling through the given files (the seeds in every kind, the published
// PDF). Measures the time from giving the files to the last result, and how
// the page kept up meanwhile: the gaps between animation frames and the long
// tasks (over 50 ms) of the page's thread.
//   node batch-bench.mjs DIST COUNT FILE…
// Prints one JSON object.

import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { frameFigures, launch, watchFrames } from "./browser.mjs";
import { serve } from "./serve.mjs";

const [dist, count, ...paths] = process.argv.slice(2);
if (!dist || !(Number(count) > 0) || paths.length === 0) {
  console.error("usage: node batch-bench.mjs DIST COUNT FILE…");
  process.exit(2);
}

// The files under names of their own (links in a folder of the run's own): the
// browser is given paths, as a person choosing them would.
const sources = paths.map((p) => ({ name: basename(p), path: resolve(p) }));
const folder = mkdtempSync(join(tmpdir(), "nianbao-batch-"));
const files = Array.from({ length: Number(count) }, (_, i) => {
  const s = sources[i % sources.length];
  const link = join(folder, `${String(i).padStart(4, "0")}-${s.name}`);
  symlinkSync(s.path, link);
  return link;
});

const { server, url } = await serve(dist, 0);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: "block", locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
  await watchFrames(page);
  const start = Date.now();
  await page.setInputFiles('input[type="file"]', files);
  await page.waitForSelector(".page[data-batch-ms]", { timeout: 600_000 });
  const seconds = (Date.now() - start) / 1000;
  const { gaps, long } = await frameFigures(page);
  const m = await page.evaluate(() => ({
    pageMs: Number(document.querySelector(".page").dataset.batchMs),
    rows: document.querySelectorAll("table.batch-table tbody tr").length,
    workers: Number(document.documentElement.dataset.workers ?? 0),
    // The time the core took, file by file (the batch table's last column).
    checkMs: [...document.querySelectorAll("table.batch-table tbody tr")]
      .map((tr) => parseFloat(tr.lastElementChild?.textContent ?? "") || 0)
      .reduce((a, b) => a + b, 0),
  }));
  if (m.rows !== files.length) throw new Error(`${m.rows} rows for ${files.length} files`);
  const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * q))] ?? 0;
  console.log(JSON.stringify({
    files: files.length,
    kinds: [...new Set(sources.map((s) => s.name.split(".").pop()))],
    workers: m.workers,
    seconds: Number(seconds.toFixed(2)),
    pageSeconds: Number((m.pageMs / 1000).toFixed(2)),
    coreSeconds: Number((m.checkMs / 1000).toFixed(2)),
    frameGapP50Ms: Math.round(at(0.5)),
    frameGapP95Ms: Math.round(at(0.95)),
    frameGapMaxMs: Math.round(gaps.at(-1) ?? 0),
    longTasks: long.length,
    longestTaskMs: Math.round(Math.max(0, ...long)),
  }));
} finally {
  await browser.close();
  server.close();
  rmSync(folder, { recursive: true, force: true });
}
