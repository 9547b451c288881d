// The page checks files in web workers (www/boot.js, www/worker.js): results
// are those of the core, a file over its time is stopped without freezing the
// page, and a batch of many files keeps the page responding. Runs against the
// built dist/ (NIANBAO_DIST), like app.test.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { frameFigures, watchFrames } from "./browser.mjs";
import { ALL_SEEDS, batchChecked, seedFile, useBrowser } from "./lib.mjs";
import { slowPdf } from "./slow.mjs";

const site = useBrowser({ needs: ["index.html"] });

function open(t, query = "") {
  return site.open(t, { path: query, viewport: { width: 1366, height: 768 } });
}

test("files are checked in a web worker, with the core's findings", async (t) => {
  const { page, seen } = await open(t);
  // The workers start with the checker, when the first file is given.
  assert.equal(page.workers().length, 0, "no worker before a file is given");
  await page.setInputFiles('input[type="file"]', seedFile("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  const workers = Number(await page.getAttribute("html", "data-workers"));
  assert.ok(workers >= 2, "the page may start two workers or more");
  assert.equal(page.workers().length, 1, "one file given: one worker started");
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  assert.equal(await page.locator('button.finding[data-rule="T001"]').count(), 1);
  const total = page.locator('td[data-cell="appeals.litigation_after_review.total"]');
  assert.match(await total.getAttribute("class"), /\bhl-strong\b/);
  assert.ok(await page.locator('mark.hl-strong[data-rules~="T001"]').count() >= 1);
  // A batch: files wait for a worker, and the others are started.
  await page.setInputFiles('input[type="file"]', ALL_SEEDS.map(seedFile));
  await batchChecked(page, 5, { timeout: 20_000 });
  assert.equal(page.workers().length, workers, "a batch given: as many web workers as the page says");
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.pool.started), workers);
  assert.deepEqual(seen.errors, []);
  const after = seen.requests.slice(seen.atStart).map((u) => new URL(u).pathname);
  assert.deepEqual(after.filter((p) => !/^\/(nianbao-(checker|workspace)-[0-9a-f]{16}(_bg\.wasm|\.js|-copy\.js)|worker\.js)$/.test(p)), [], "after start, only the checker and the workspace part");
});

test("a worker left holding much memory is stopped once idle; the next file starts a fresh one", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles('input[type="file"]', seedFile("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  assert.equal(page.workers().length, 1);
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.pool.retired), 0, "a report's check keeps less than the limit");
  // Every checker's memory is over a limit of one byte.
  await page.evaluate(() => { globalThis.nianbaoPool.pool.memoryLimit = 1; });
  await page.setInputFiles('input[type="file"]', seedFile("004"));
  await page.locator('#report[data-check-ms][data-file^="004"]').waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => globalThis.nianbaoPool.pool.retired === 1, null, { timeout: 10_000 });
  assert.equal(page.workers().length, 0, "the idle worker was stopped");
  await page.evaluate(() => { globalThis.nianbaoPool.pool.memoryLimit = 64 * 1024 * 1024; });
  await page.setInputFiles('input[type="file"]', seedFile("003"));
  await page.locator('#report[data-check-ms][data-file^="003"]').waitFor({ timeout: 15_000 });
  assert.equal(page.workers().length, 1, "a fresh worker checked the next file");
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  assert.deepEqual(seen.errors, []);
});

test("a file over its time is stopped, and the page goes on checking", async (t) => {
  const { page, seen } = await open(t);
  // Every file is over a limit of 1 ms: the worker is stopped and replaced.
  await page.evaluate(() => { globalThis.nianbaoPool.timeLimitMs = 1; });
  await page.setInputFiles('input[type="file"]', seedFile("002"));
  const failed = page.locator("#report.failed .read-error");
  await failed.waitFor({ timeout: 15_000 });
  assert.match(await failed.textContent(), /检查此文件超过 1 秒，已停止/);
  await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 15_000 });
  // The fresh worker checks as before.
  await page.evaluate(() => { globalThis.nianbaoPool.timeLimitMs = 20_000; });
  // Clearing asks first.
  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.setInputFiles('input[type="file"]', seedFile("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  assert.deepEqual(seen.errors, []);
  // Replacing the worker fetched nothing but the page's own files.
  const origin = new URL(site.base).origin;
  assert.deepEqual(seen.requests.filter((u) => new URL(u).origin !== origin), []);
});

test("a slow file is stopped at the limit while the page draws frames, and the next file is checked", async (t) => {
  const { page, seen } = await open(t);
  // The slow file takes seconds; half a second is its limit here.
  await page.evaluate(() => {
    globalThis.nianbaoPool.timeLimitMs = 500;
  });
  await page.setInputFiles('input[type="file"]', slowPdf());
  // The predicate runs in animation frames: one drawn while the worker is
  // checking (on the page's own thread `busy` is never seen above 0).
  await page.waitForFunction(() => globalThis.nianbaoPool.pool?.busy > 0, null, { polling: "raf", timeout: 20_000 });
  const failed = page.locator("#report.failed .read-error");
  await failed.waitFor({ timeout: 20_000 });
  assert.match(await failed.textContent(), /检查此文件超过 1 秒，已停止/);
  await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 15_000 });
  await page.evaluate(() => {
    globalThis.nianbaoPool.timeLimitMs = 20_000;
  });
  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.setInputFiles('input[type="file"]', seedFile("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  assert.equal(await page.getAttribute("html", "data-worker-restarts"), "1");
  assert.deepEqual(seen.errors, []);
});

test("a batch of 500 files keeps the page responding", async (t) => {
  const { page } = await open(t);
  const seeds = ["000", "001", "002", "003", "004"].map(seedFile);
  const files = Array.from({ length: 500 }, (_, i) => {
    const s = seeds[i % seeds.length];
    return { ...s, name: `${String(i).padStart(3, "0")}-${s.name}` };
  });
  await watchFrames(page);
  const start = Date.now();
  await page.setInputFiles('input[type="file"]', files);
  await page.waitForSelector(".page[data-batch-ms]", { timeout: 120_000 });
  const seconds = (Date.now() - start) / 1000;
  const rows = await page.locator("table.batch-table tbody tr").count();
  const { gaps } = await frameFigures(page);
  assert.equal(rows, 500);
  const p95 = gaps[Math.floor(gaps.length * 0.95)];
  const worst = gaps.at(-1);
  console.log(`500 files: ${seconds.toFixed(1)} s; frame gaps p95 ${p95.toFixed(0)} ms, worst ${worst.toFixed(0)} ms`);
  // Responsive: most frames come in time; none is held for long.
  assert.ok(p95 < 250, `p95 frame gap ${p95} ms`);
  assert.ok(worst < 2000, `worst frame gap ${worst} ms`);
});
