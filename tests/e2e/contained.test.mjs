// Where no worker can stop a check from outside, the checker stops itself at
// the file's time: the hosted page with ?workers=0, and the widget on a
// portal whose policy forbids blob: workers. The page keeps one copy of the
// checker (zips go to the workers where they run), and the JavaScript module
// replaces an instance that failed or grew its memory. Runs against the built
// dist/ (NIANBAO_DIST).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { dist, seed, seedFile, useBrowser } from "./lib.mjs";
import { slowPdf } from "./slow.mjs";
import { zip } from "./zip.mjs";

const site = useBrowser();

/** A fresh context with service workers blocked, its page not yet opened. */
function open(t) {
  return site.context(t, { serviceWorkers: "block", locale: "zh-CN" });
}

test("on the page's own thread (?workers=0) a slow file is stopped at its time by the checker, and the next file is checked on the same copy", async (t) => {
  const { page, seen } = await open(t);
  await page.goto(site.base + "?workers=0", { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  await page.evaluate(() => {
    globalThis.nianbaoPool.timeLimitMs = 500;
  });
  const started = Date.now();
  await page.setInputFiles('input[type="file"]', slowPdf());
  const failed = page.locator("#report.failed .read-error");
  await failed.waitFor({ timeout: 30_000 });
  assert.match(await failed.textContent(), /检查此文件超过 1 秒，已停止/);
  // Stopped by the checker, not by a worker's replacement: no worker, and
  // the copy on the page did not fail.
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.pool.onPage), true);
  assert.equal(page.workers().length, 0);
  assert.equal(await page.getAttribute("html", "data-checker-restarts"), null);
  assert.ok(Date.now() - started < 15_000, "stopped well before the slow file's end");
  await page.evaluate(() => {
    globalThis.nianbaoPool.timeLimitMs = 20_000;
  });
  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.setInputFiles('input[type="file"]', seedFile("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  // The app's requests (a rule's guidance) are answered by that same copy.
  const guide = await page.evaluate(async () => (await globalThis.nianbaoModule()).ruleGuide("A004"));
  assert.ok(guide.why.length > 0 && guide.fix_en.length > 0);
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.copy.copies), 1, "one copy of the checker on the page");
  assert.deepEqual(seen.errors, []);
});

test("with workers, a zip is taken apart in a worker: the page makes no copy of the checker until the app asks for one", async (t) => {
  const { page, seen } = await open(t);
  await page.goto(site.base, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  const archive = zip(["002", "003"].map((p) => ({ name: "年报/" + basename(seed(p)), data: readFileSync(seed(p)) })));
  await page.setInputFiles('input[type="file"]', { name: "reports.zip", mimeType: "application/zip", buffer: archive });
  await page.locator("tr.batch-row").nth(1).waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 2 && !document.querySelector("tr.batch-row.pending"), null, { timeout: 20_000 });
  const names = await page.locator("tr.batch-row").evaluateAll((rows) => rows.map((r) => r.dataset.file).sort());
  assert.deepEqual(names, ["年报/" + basename(seed("002")), "年报/" + basename(seed("003"))]);
  assert.ok(Number(await page.getAttribute("html", "data-workers")) >= 1);
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.copy.copies), 0, "no copy of the checker on the page");
  const guide = await page.evaluate(async () => (await globalThis.nianbaoModule()).ruleGuide("A004"));
  assert.ok(guide.why.length > 0);
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.copy.copies), 1);
  assert.deepEqual(seen.errors, []);
});

test("the widget on a portal that forbids blob: workers stops a slow file at its time on the portal's thread, then checks the next", async (t) => {
  const { page, seen } = await open(t);
  const demo = readFileSync(join(dist, "embed-demo.html"), "utf8");
  const strict = demo.replace("worker-src blob:; ", "");
  assert.notEqual(strict, demo);
  await page.route(site.base + "embed-demo.html", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: strict }));
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));
  await page.evaluate(() => {
    customElements.get("nianbao-check").checker.timeLimitMs = 500;
  });
  const slow = slowPdf().buffer.toString("base64");
  const first = await page.evaluate(
    (base64) =>
      new Promise((ok) => {
        const el = document.getElementById("checker-zh");
        el.addEventListener("nianbao-result", (e) => ok(e.detail), { once: true });
        el.checkBytes(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), "slow.pdf");
      }),
    slow,
  );
  assert.equal(first.error.kind, "timed_out");
  assert.match(first.error.message, /检查此文件超过 1 秒，已停止/);
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check").checker.pool.onPage), true);
  await page.evaluate(() => {
    customElements.get("nianbao-check").checker.timeLimitMs = 20_000;
  });
  const text = readFileSync(seed("003"), "utf8");
  const next = await page.evaluate(
    ([text, name]) =>
      new Promise((ok) => {
        const el = document.getElementById("checker-zh");
        el.addEventListener("nianbao-result", (e) => ok(e.detail), { once: true });
        el.checkText(text, name);
      }),
    [text, basename(seed("003"))],
  );
  assert.ok(next.diagnostics.some((d) => d.rule === "A004"));
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check").checker.copy.copies), 1);
  assert.deepEqual(seen.errors, []);
});

test("the JavaScript module: a slow file stopped at its time, a failed instance replaced, memory given back", async () => {
  const pkg = join(dist, "pkg");
  const mod = await import(pathToFileURL(join(pkg, "nianbao.js")).href);
  mod.initSync({ module: readFileSync(join(pkg, "nianbao_bg.wasm")) });
  const bytes = readFileSync(seed("003"));
  const expected = JSON.stringify(mod.check(bytes, "003.txt"));
  assert.match(expected, /"A004"/);

  // The time per file: 20 s unless set; here half a second.
  assert.equal(mod.setTimeLimit(500), 20_000);
  const started = Date.now();
  const slow = mod.check(slowPdf().buffer, "slow.pdf");
  assert.equal(slow.error.kind, "timed_out");
  assert.match(slow.error.message, /检查此文件超过 1 秒，已停止/);
  assert.match(slow.error.message_en, /was stopped/);
  assert.ok(Date.now() - started < 10_000);
  mod.setTimeLimit(20_000);
  assert.equal(JSON.stringify(mod.check(bytes, "003.txt")), expected);

  // The stack runs out inside the module (a check called at the bottom of a
  // deep recursion): the call throws an error of kind "internal", and the
  // next call gets a fresh instance that checks as before.
  // Where the stack runs out in JavaScript before the module is entered,
  // nothing of it failed; a probe is made again from a little deeper until a
  // call failed inside it.
  const failures = [];
  const first = mod.instances();
  function probe(shift) {
    if (shift > 0) return probe(shift - 1) + 0;
    let done = false;
    function deep(d) {
      try {
        deep(d + 1);
      } catch (overflow) {
        if (done) return;
        try {
          mod.check(bytes, "003.txt");
          done = true;
        } catch (e) {
          failures.push(e);
        }
        throw overflow;
      }
    }
    try {
      deep(0);
    } catch {}
    return 0;
  }
  for (let shift = 0; shift < 40 && mod.instances() === first; shift++) {
    probe(shift);
    // The next call makes the fresh instance, if one is due.
    assert.equal(JSON.stringify(mod.check(bytes, "003.txt")), expected);
  }
  assert.ok(mod.instances() > first, "a fresh instance after a failure inside the module");
  // Where there was room, the error says so (kind "internal", both languages).
  assert.ok(failures.every((e) => e instanceof RangeError || e.kind === "internal"));
  for (const e of failures.filter((e) => e.kind === "internal" && !(e instanceof RangeError))) {
    assert.match(e.message, /模块已换用新的实例/);
    assert.ok(e.cause instanceof RangeError || e.cause instanceof WebAssembly.RuntimeError, String(e.cause));
  }

  // A file that grows the memory past the limit: the instance is dropped
  // after the call, and the next call's instance holds little.
  const large = new Uint8Array(40 << 20).fill(0x41);
  assert.equal(mod.check(large, "large.txt").error.kind, "too_large");
  assert.ok(mod.memoryBytes() >= 40 << 20, "40 MB copied in, and kept under the default limit");
  assert.equal(mod.setMemoryLimit(32 << 20), 256 << 20);
  const before = mod.instances();
  mod.check(large, "large.txt");
  assert.equal(mod.memoryBytes(), 0, "dropped after the call");
  assert.equal(JSON.stringify(mod.check(bytes, "003.txt")), expected);
  assert.ok(mod.memoryBytes() < 16 << 20, `a fresh instance: ${mod.memoryBytes()} bytes`);
  assert.equal(mod.instances(), before + 1);
  mod.setMemoryLimit(256 << 20);
});
