// A bug in the checker must not take the page down. The wasm is built with
// `panic = "abort"`, so a panic in the core traps the wasm instance. Checked in
// a web worker (the page's way), only that worker's instance is lost: the file
// gets an error, the worker is replaced, earlier results stay. Checked on the
// page itself (`?workers=0`, as where no worker can start), the loader
// (www/boot.js) shows an error for that file and starts a fresh instance.
//
// Needs a build of the app with the test-only feature `panic-trigger` (a file
// named `__nianbao_panic_test__` makes the core panic), which `cargo xtask test`
// makes into target/dist-panic and passes as NIANBAO_PANIC_DIST. Skipped without it.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launch } from "./browser.mjs";
import { serve } from "./serve.mjs";

const dist = process.env.NIANBAO_PANIC_DIST && resolve(process.env.NIANBAO_PANIC_DIST);
const seeds = resolve(import.meta.dirname, "../fixtures/seeds");
const available = dist && existsSync(join(dist, "index.html"));

let server;
let base;
let browser;

before(async () => {
  if (!available) return;
  ({ server, url: base } = await serve(dist, 0));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const PANIC_FILE = { name: "__nianbao_panic_test__", mimeType: "text/plain", buffer: Buffer.from("一、总体情况\n") };

function seedPath(prefix) {
  return join(seeds, readdirSync(seeds).find((n) => n.startsWith(prefix)));
}

/** The page (with `query`) in a fresh context, started; what it requests, logs and throws is recorded. */
async function open(t, query) {
  const context = await browser.newContext({ serviceWorkers: "block", locale: "zh-CN" });
  t.after(() => context.close());
  const page = await context.newPage();
  const seen = { page, requests: [], logs: [], errors: [] };
  context.on("request", (r) => seen.requests.push(r.url()));
  page.on("console", (m) => seen.logs.push(m.text()));
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  await page.goto(`${base}${query}`, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  return seen;
}

test(
  "a panic in a worker is an error for that file alone; earlier results stay",
  { skip: !available && "NIANBAO_PANIC_DIST (a build with panic-trigger) not given" },
  async (t) => {
    const { page, errors } = await open(t, "");
    assert.ok(await page.getAttribute("html", "data-workers"), "the page started its workers");
    await page.setInputFiles('input[type="file"]', seedPath("003"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });

    await page.setInputFiles('input[type="file"]', PANIC_FILE);
    await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 15_000 });
    const rows = page.locator("table.batch-table tbody tr");
    await rows.nth(1).waitFor({ timeout: 15_000 });
    assert.equal(await rows.count(), 2, "seed 003 is still listed");
    await page.locator("#report.failed .read-error").waitFor({ timeout: 15_000 });
    assert.match(await page.locator("#report.failed .read-error").textContent(), /程序内部出错/);
    assert.equal(await page.getAttribute("html", "data-restarts"), null, "the page itself did not restart");

    // The replacement worker checks as before.
    await page.setInputFiles('input[type="file"]', seedPath("002"));
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
    const glue = /\/nianbao-web-[0-9a-f]+\.js$/;
    const before = requests.filter((u) => glue.test(u)).length;
    await page.context().route(glue, async (route) => {
      await new Promise((done) => setTimeout(done, 1_500));
      await route.continue();
    });
    await page.setInputFiles('input[type="file"]', PANIC_FILE);
    await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 15_000 });
    await page.setInputFiles('input[type="file"]', seedPath("002"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    const rows = page.locator("table.batch-table tbody tr");
    assert.equal(await rows.count(), 2);
    assert.doesNotMatch(await rows.nth(1).textContent(), /无法读取/, "002 was checked, not refused");
    assert.ok(requests.filter((u) => glue.test(u)).length > before, "the replacement loaded the glue");
    assert.deepEqual(errors, []);
  },
);

test(
  "a panic on the page itself shows an error for that file, and the page keeps checking",
  { skip: !available && "NIANBAO_PANIC_DIST (a build with panic-trigger) not given" },
  async (t) => {
    const { page, requests, logs } = await open(t, "?workers=0");
    assert.equal(await page.getAttribute("html", "data-workers"), null, "no workers asked for");

    // The file that makes the core panic: the instance traps.
    await page.setInputFiles('input[type="file"]', PANIC_FILE);
    const alert = page.locator('.trap-error[role="alert"]');
    await alert.waitFor({ timeout: 15_000 });
    assert.equal(await alert.getAttribute("data-file"), "__nianbao_panic_test__");
    assert.match(await alert.textContent(), /无法检查「__nianbao_panic_test__」/);
    await page.waitForSelector('html[data-restarts="1"]', { timeout: 15_000 });
    assert.equal(await page.getAttribute("html", "data-checking"), null);

    // The fresh instance checks as before: seed 003 gives A004.
    await page.setInputFiles('input[type="file"]', seedPath("003"));
    await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
    assert.equal(await page.getAttribute("html", "data-restarts"), "1", "no second trap");

    // A file dropped on the document is checked once, by the fresh instance:
    // the one given up after the trap still has its listeners on the document
    // but leaves drops alone.
    const restarted = logs.filter((l) => /restarted after/.test(l)).length;
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(["一、总体情况\n"], "dropped.txt", { type: "text/plain" }));
      for (const type of ["dragenter", "dragover", "drop"]) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }
    });
    await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 2 && !document.querySelector(".progress"), null, { timeout: 15_000 });
    await page.waitForTimeout(300);
    assert.equal(logs.filter((l) => /^nianbao: dropped\.txt: check/.test(l)).length, 1, "checked once");
    assert.equal(logs.filter((l) => /restarted after/.test(l)).length, restarted, "the old instance stays quiet");
    assert.equal(await page.getAttribute("html", "data-restarts"), "1");
    // Starting again made no request beyond the page's own origin.
    const origin = new URL(base).origin;
    assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), []);
  },
);
