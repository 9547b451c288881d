// A bug in the checker must not take the page down. The wasm is built with
// `panic = "abort"`, so a panic in the core traps the wasm instance. Checked in
// a web worker (the page's way), only that worker's instance is lost: the file
// gets an error, the worker is replaced, earlier results stay. Checked on the
// page itself (`?workers=0`, as where no worker can start), only that copy of
// the checker is lost (www/checker.js): the app, another wasm, goes on. The
// offline page's workers (made from a blob: URL) are replaced as the hosted
// page's are.
//
// Needs a build of the page whose checker has the test-only feature
// `panic-trigger` (a file named `__nianbao_panic_test__` makes the core panic),
// which `cargo xtask test` makes into target/dist-panic and passes as
// NIANBAO_PANIC_DIST. Skipped without it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { seed, useBrowser } from "./lib.mjs";

const dist = process.env.NIANBAO_PANIC_DIST && resolve(process.env.NIANBAO_PANIC_DIST);
const available = dist && existsSync(join(dist, "index.html"));

const site = useBrowser({ dir: dist, needs: ["index.html"], when: available });

const PANIC_FILE = { name: "__nianbao_panic_test__", mimeType: "text/plain", buffer: Buffer.from("一、总体情况\n") };

/** The page (with `query`) in a fresh context, started; what it requests, logs and throws is recorded. */
async function open(t, query) {
  // (Playwright's own viewport, 1280×720.)
  const { page, seen } = await site.open(t, { path: query, viewport: { width: 1280, height: 720 } });
  return { page, ...seen };
}

test(
  "a panic in a worker is an error for that file alone; earlier results stay",
  { skip: !available && "NIANBAO_PANIC_DIST (a build with panic-trigger) not given" },
  async (t) => {
    const { page, errors } = await open(t, "");
    await page.setInputFiles('input[type="file"]', seed("003"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    assert.ok(await page.getAttribute("html", "data-workers"), "the page started its workers");

    await page.setInputFiles('input[type="file"]', PANIC_FILE);
    await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 15_000 });
    const rows = page.locator("table.batch-table tbody tr");
    await rows.nth(1).waitFor({ timeout: 15_000 });
    assert.equal(await rows.count(), 2, "seed 003 is still listed");
    await page.locator("#report.failed .read-error").waitFor({ timeout: 15_000 });
    assert.match(await page.locator("#report.failed .read-error").textContent(), /程序内部出错/);
    assert.equal(await page.getAttribute("html", "data-restarts"), null, "the page itself did not restart");

    // The replacement worker checks as before.
    await page.setInputFiles('input[type="file"]', seed("002"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    assert.equal(await rows.count(), 3);
    assert.deepEqual(errors, []);
  },
);

test(
  "a file given while a worker is being replaced waits for the replacement",
  { skip: !available && "NIANBAO_PANIC_DIST (a build with panic-trigger) not given" },
  async (t) => {
    const { page, errors, requests } = await open(t, "");
    // The replacement worker imports the JS glue again: hold that back for
    // 1.5 s, so that the next file surely comes while it starts.
    const glue = /\/nianbao-checker-[0-9a-f]+\.js$/;
    const before = requests.filter((u) => glue.test(u)).length;
    await page.context().route(glue, async (route) => {
      await new Promise((done) => setTimeout(done, 1_500));
      await route.continue();
    });
    await page.setInputFiles('input[type="file"]', PANIC_FILE);
    await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 15_000 });
    await page.setInputFiles('input[type="file"]', seed("002"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    const rows = page.locator("table.batch-table tbody tr");
    assert.equal(await rows.count(), 2);
    assert.doesNotMatch(await rows.nth(1).textContent(), /无法读取/, "002 was checked, not refused");
    assert.ok(requests.filter((u) => glue.test(u)).length > before, "the replacement loaded the glue");
    assert.deepEqual(errors, []);
  },
);

test(
  "a panic on the page itself is an error for that file alone, and the page keeps checking",
  { skip: !available && "NIANBAO_PANIC_DIST (a build with panic-trigger) not given" },
  async (t) => {
    const { page, requests, errors } = await open(t, "?workers=0");
    await page.setInputFiles('input[type="file"]', seed("003"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    assert.equal(await page.getAttribute("html", "data-workers"), null, "no workers asked for");

    // The file that makes the core panic: the checker's copy on the page
    // traps; that file gets an error, seed 003 stays, the app goes on.
    await page.setInputFiles('input[type="file"]', PANIC_FILE);
    await page.waitForSelector('html[data-checker-restarts="1"]', { timeout: 15_000 });
    const rows = page.locator("table.batch-table tbody tr");
    await rows.nth(1).waitFor({ timeout: 15_000 });
    assert.equal(await rows.count(), 2, "seed 003 is still listed");
    await page.locator("#report.failed .read-error").waitFor({ timeout: 15_000 });
    assert.match(await page.locator("#report.failed .read-error").textContent(), /程序内部出错/);
    assert.equal(await page.getAttribute("html", "data-restarts"), null, "the app itself did not restart");
    assert.equal(await page.locator(".trap-error").count(), 0);

    // A fresh copy of the checker checks as before: seed 002, then a file
    // dropped on the document, each once.
    await page.setInputFiles('input[type="file"]', seed("002"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    assert.equal(await rows.count(), 3);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(["一、总体情况\n"], "dropped.txt", { type: "text/plain" }));
      for (const type of ["dragenter", "dragover", "drop"]) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }
    });
    await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 4 && !document.querySelector(".progress"), null, { timeout: 15_000 });
    assert.equal(await page.getAttribute("html", "data-checker-restarts"), "1", "no second trap");
    // The fresh copy is a fresh glue made by the factory the page loaded
    // once, from its own origin (nothing is fetched again).
    const origin = new URL(site.base).origin;
    assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), []);
    assert.equal(await page.evaluate(() => globalThis.nianbaoPool.copy.copies), 2, "a fresh copy of the checker");
    assert.equal(requests.filter((u) => /nianbao-checker-[0-9a-f]+-copy\.js$/.test(u)).length, 1, "the glue factory, loaded once");
    assert.ok(!requests.some((u) => /\?instance=/.test(u)), "no glue imported again");
    assert.deepEqual(errors, []);
  },
);

test(
  "a panic in the offline page's worker is an error for that file alone, and the replacement checks the next",
  { skip: !available && "NIANBAO_PANIC_DIST (a build with panic-trigger) not given" },
  async (t) => {
    // The offline page of the panic build, opened from disk: its checker runs
    // in workers made from a blob: URL (www/checker.js, localChecker).
    const context = await site.browser.newContext({ locale: "zh-CN" });
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dist, "nianbao-offline.html")).href, { waitUntil: "load" });
    await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
    await page.setInputFiles('input[type="file"]', seed("003"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    assert.ok(Number(await page.getAttribute("html", "data-workers")) >= 1, "checked in a worker");

    await page.setInputFiles('input[type="file"]', PANIC_FILE);
    await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 15_000 });
    await page.locator("#report.failed .read-error").waitFor({ timeout: 15_000 });
    assert.match(await page.locator("#report.failed .read-error").textContent(), /程序内部出错/);
    const rows = page.locator("table.batch-table tbody tr");
    assert.equal(await rows.count(), 2, "seed 003 is still listed");

    await page.setInputFiles('input[type="file"]', seed("002"));
    await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 3 && !document.querySelector(".progress"), null, { timeout: 15_000 });
    assert.doesNotMatch(await rows.nth(2).textContent(), /无法读取|程序内部出错/, "002 was checked");
    assert.equal(await page.getAttribute("html", "data-worker-restarts"), "1", "no second trap");
    assert.equal(await page.getAttribute("html", "data-checker-restarts"), null, "nothing ran on the page's thread");
    assert.deepEqual(errors, []);
  },
);
