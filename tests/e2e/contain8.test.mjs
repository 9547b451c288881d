// Where files are checked on the page's own thread — the hosted page with
// ?workers=0, and the widget on a portal whose policy forbids blob: workers —
// a batch of several files gives the page a frame between one file's check
// and the next, so that it shows its progress and takes input while a batch
// is checked. And a very long document is not laid out whole: the page shows
// its beginning and says how much is left out. Runs against the built dist/
// (NIANBAO_DIST).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { batchChecked, dist, seed, useBrowser } from "./lib.mjs";
import { slowPdf } from "./slow.mjs";

const site = useBrowser({ needs: ["index.html", "embed-demo.html", "nianbao-embed.js"] });

/**
 * In the page: wrap the check of the pool in use (`window.__pool`, set by the
 * test) to record when each file's check was called and when it ended, and
 * record the animation frames; `framesBetween` reads the record.
 */
function watchChecks(page) {
  return page.evaluate(() => {
    const m = (window.__checks = { calls: [], ends: [], frames: [] });
    const target = window.__pool;
    const check = target.check;
    target.check = function (...args) {
      m.calls.push(performance.now());
      const answer = check.apply(this, args);
      answer.then(
        () => m.ends.push(performance.now()),
        () => m.ends.push(performance.now()),
      );
      return answer;
    };
    const tick = () => {
      m.frames.push(performance.now());
      if (!m.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Four PDFs of a page of 10,000 borderless rows each: some 0.1–0.3 s each
 * for the checker on a two-core machine, so that each holds the page well
 * past a frame's time, on a machine several times faster too. */
function batch() {
  return [1, 2, 3, 4].map((i) => ({ ...slowPdf(1, 10_000), name: `rows-${i}.pdf` }));
}

/** For each file after the first: the frames drawn between the end of the check before it and the start of its own ("N after T ms", T the time of the check before). */
async function framesBetween(page) {
  const { calls, ends, frames } = await page.evaluate(() => {
    window.__checks.stop = true;
    return window.__checks;
  });
  assert.equal(calls.length, ends.length, "every check ended");
  calls.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  // (with each check's time, for the message of a failure)
  return calls.slice(1).map((start, k) => `${frames.filter((f) => f >= ends[k] && f <= start).length} after ${Math.round(ends[k] - calls[k])} ms`);
}

test("on the page's own thread (?workers=0) a batch draws a frame between one file's check and the next", async (t) => {
  const { page, seen } = await site.open(t, { path: "?workers=0" });
  // Loaded on a first file, so that the pool in use can be watched.
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.pool.onPage), true);
  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.evaluate(() => {
    window.__pool = globalThis.nianbaoPool.pool;
  });
  await watchChecks(page);
  await page.setInputFiles('input[type="file"]', batch());
  await batchChecked(page, 4);
  const between = await framesBetween(page);
  assert.equal(between.length, 3);
  assert.ok(between.every((n) => !n.startsWith("0 ")), `frames between files: ${between.join(", ")}`);
  assert.deepEqual(seen.errors, []);
});

test("the widget on a portal that forbids blob: workers draws a frame between the files of a batch", async (t) => {
  const { page, seen } = await site.context(t, { locale: "zh-CN", serviceWorkers: "block" });
  const demo = readFileSync(`${dist}/embed-demo.html`, "utf8");
  const strict = demo.replace("worker-src blob:; ", "");
  assert.notEqual(strict, demo);
  await page.route(site.base + "embed-demo.html", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: strict }));
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));
  const zh = page.locator("#checker-zh");
  await zh.locator('input[type="file"]').setInputFiles(seed("003"));
  await zh.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check").checker.pool.onPage), true);
  await zh.locator("#clear").click();
  await zh.locator("#clear-yes").click();
  await page.evaluate(() => {
    window.__pool = customElements.get("nianbao-check").checker.pool;
  });
  await watchChecks(page);
  await zh.locator('input[type="file"]').setInputFiles(batch());
  await batchChecked(page, 4, { scope: "#checker-zh" });
  const between = await framesBetween(page);
  assert.equal(between.length, 3);
  assert.ok(between.every((n) => !n.startsWith("0 ")), `frames between files: ${between.join(", ")}`);
  assert.deepEqual(seen.errors, []);
});

test("a report of 30,000 paragraphs shows the first 3,000 and says how many are left out; a real report is shown whole", async (t) => {
  const { page, seen } = await site.open(t);
  const lines = Array.from({ length: 30_000 }, (_, i) => `第${i + 1}条 本机关按照规定公开政府信息。`).join("\n");
  const text = `${readFileSync(seed("003"), "utf8")}\n${lines}\n`;
  await page.setInputFiles('input[type="file"]', { name: "long.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 30_000 });
  const note = page.locator(".doc-body .doc-cut");
  assert.match(await note.textContent(), /原文过长，以下 \d+ 个段落或表格未显示/);
  const left = Number((await note.textContent()).match(/以下 (\d+) 个/)[1]);
  const drawn = await page.locator(".doc-body > p.para:not(.doc-cut)").count();
  assert.ok(drawn <= 3_000 && drawn > 2_500, `paragraphs drawn: ${drawn}`);
  assert.ok(left >= 27_000, `left out: ${left}`);

  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.equal(await page.locator(".doc-body .doc-cut").count(), 0);
  assert.deepEqual(seen.errors, []);
});
