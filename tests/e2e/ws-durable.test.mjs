// End-to-end tests of the workspace's durability, in headless Chromium on a
// profile of its own that outlives the browser: a batch of 500 reports (made
// from the seeds, each under an agency and year of its own) is cut short by
// killing the browser (SIGKILL, as a crash would); on the same profile again,
// every result stored before the kill is there, the page says the batch was
// not finished, and it is taken up and completed — by giving the same files
// again (those checked are skipped), or from the files kept with the batch.
// A decision the page has shown as saved survives a kill right after it.
// The single-file offline page, opened from disk, keeps its results the same way.
// Run alone:
//   cd tests/e2e && NIANBAO_DIST=$PWD/../../dist node --test ws-durable.test.mjs

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchKillable } from "./browser.mjs";
import { dist } from "./lib.mjs";
import { makeReports } from "./reports.mjs";
import { serve } from "./serve.mjs";
const COUNT = 500;

let server;
let base;
let scratch;
let files;

before(async () => {
  assert.ok(existsSync(join(dist, "store.js")), `${dist}/store.js is missing: run \`cargo xtask dist\``);
  ({ server, url: base } = await serve(dist, 0));
  scratch = mkdtempSync(join(tmpdir(), "nianbao-durable-"));
  const reports = join(scratch, "reports");
  mkdirSync(reports);
  files = makeReports(reports, COUNT);
  assert.equal(new Set(files.map((f) => readFileSync(f, "utf8"))).size, COUNT, "the reports differ");
});

after(() => {
  server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Chromium on `profile`, the page open and its workspace ready. */
async function start(t, profile) {
  const chrome = await launchKillable(profile);
  t.after(() => chrome.kill());
  const page = await chrome.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
  await page.waitForSelector(".ws-status[data-saved]", { timeout: 20_000 });
  return { ...chrome, page, errors };
}

const saved = (page) => page.locator(".ws-status").evaluate((e) => Number(e.dataset.saved));

/** Wait until all `n` reports are stored, nothing is being checked and no batch is left unfinished. */
async function complete(page, n) {
  try {
    await page.waitForFunction(
      (n) => document.querySelector(".ws-status")?.dataset.saved === String(n) && !document.querySelector(".progress") && !document.querySelector(".ws-resume"),
      n,
      { timeout: 180_000, polling: 200 },
    );
  } catch (e) {
    const now = await page.evaluate(() =>
      [".ws-status", ".progress", ".ws-resume", ".ws-message"].map((q) => `${q}: ${document.querySelector(q)?.textContent ?? "none"}`).join("; "),
    );
    throw new Error(`${e.message} (${now}; rows: ${await page.locator("tr.batch-row").count()})`);
  }
}

/** Give the batch, wait until part of it is stored (more than 40 results, and
 * still checking), then kill the browser: resolves to how many were stored. */
async function cutShort(chrome) {
  const { page } = chrome;
  await page.setInputFiles('input[type="file"]', files);
  await page.waitForFunction(
    () => Number(document.querySelector(".ws-status")?.dataset.saved) > 40 && document.querySelector(".progress"),
    null,
    { timeout: 120_000, polling: 20 },
  );
  const before = await saved(page);
  await chrome.kill();
  return before;
}

/** The page after the crash: every result stored before is there, and the batch is offered again. */
async function afterCrash(chrome, before) {
  const { page } = chrome;
  const resume = page.locator(".ws-resume");
  await resume.waitFor({ timeout: 20_000 });
  const total = Number(await resume.getAttribute("data-total"));
  const done = Number(await resume.getAttribute("data-done"));
  assert.equal(total, COUNT, "the batch as given");
  assert.ok(done >= before, `${done} checked in the batch, ${before} stored before the kill`);
  assert.ok(done < COUNT, `the batch was cut short (${done} of ${COUNT})`);
  assert.match(await resume.textContent(), new RegExp(`上次的批量检查未完成：已检查 ${done} / ${COUNT}`));
  assert.equal(await saved(page), done, "every result of the batch stored is back");
  assert.equal(await page.locator("tr.batch-row").count(), done);
  return done;
}

test("a batch cut short by a crash keeps its results and goes on when the same files are given again", async (t) => {
  const profile = join(scratch, "profile-again");
  const first = await start(t, profile);
  const before = await cutShort(first);
  assert.ok(before > 40 && before < COUNT, `stored before the kill: ${before}`);

  const second = await start(t, profile);
  const done = await afterCrash(second, before);
  // The files were not kept: the page asks for them again, then checks only the rest.
  assert.match(await second.page.locator(".ws-resume").textContent(), /请再次选择或拖入同一批文件/);
  assert.equal(await second.page.locator("#ws-resume").count(), 0);
  await second.page.setInputFiles('input[type="file"]', files);
  await second.page.locator(".ws-message", { hasText: `${done} 份已检查的文件已跳过` }).waitFor({ timeout: 20_000 });
  await complete(second.page, COUNT);
  const names = await second.page.locator("tr.batch-row").evaluateAll((rows) => rows.map((r) => r.dataset.file));
  assert.equal(names.length, COUNT);
  assert.equal(new Set(names).size, COUNT, "no file checked twice");
  assert.deepEqual(second.errors, []);

  // Once complete, the batch is no longer offered after a reload.
  await second.page.reload({ waitUntil: "load" });
  await second.page.waitForSelector(".ws-status[data-saved]", { timeout: 20_000 });
  await second.page.waitForFunction((n) => document.querySelector(".ws-status")?.dataset.saved === String(n), COUNT, { timeout: 60_000 });
  assert.equal(await second.page.locator(".ws-resume").count(), 0);
});

test("a batch whose files were kept goes on from them after a crash", async (t) => {
  const profile = join(scratch, "profile-kept");
  const first = await start(t, profile);
  await first.page.locator("#ws-keep-files").check();
  const before = await cutShort(first);

  const second = await start(t, profile);
  await afterCrash(second, before);
  await second.page.locator("#ws-resume").click();
  await complete(second.page, COUNT);
  const names = await second.page.locator("tr.batch-row").evaluateAll((rows) => rows.map((r) => r.dataset.file));
  assert.equal(new Set(names).size, COUNT, "each file once");
  assert.deepEqual(second.errors, []);
});

test("a decision shown as saved survives a crash right after it", async (t) => {
  const profile = join(scratch, "profile-decision");
  const first = await start(t, profile);
  await first.page.setInputFiles('input[type="file"]', files.slice(0, 5));
  await complete(first.page, 5);
  const name = await first.page.locator("tr.batch-row").nth(3).getAttribute("data-file");
  await first.page.locator(`tr.batch-row[data-file="${name}"] button.link`).first().click();
  const li = first.page.locator("#decisions li.decision[data-fingerprint]").first();
  await li.waitFor({ timeout: 15_000 });
  const print = await li.getAttribute("data-fingerprint");
  await li.locator("input.decision-note").fill("崩溃前确认 · confirmed before the crash");
  await li.locator("button.decide-confirm").click();
  // The page says it is saved once the store has it: then the browser dies.
  await first.page.locator(`#decisions li.decision[data-fingerprint="${print}"][data-verdict="confirmed"]`).waitFor({ timeout: 10_000 });
  await first.kill();

  const second = await start(t, profile);
  await second.page.waitForFunction(() => document.querySelector(".ws-status")?.dataset.saved === "5", null, { timeout: 20_000 });
  assert.match(await second.page.locator(".ws-status").textContent(), /1 项决定/);
  await second.page.locator(`tr.batch-row[data-file="${name}"] button.link`).first().click();
  const back = second.page.locator(`#decisions li.decision[data-fingerprint="${print}"]`);
  await back.waitFor({ timeout: 15_000 });
  assert.equal(await back.getAttribute("data-verdict"), "confirmed");
  assert.equal(await back.locator("input.decision-note").inputValue(), "崩溃前确认 · confirmed before the crash");
  assert.deepEqual(second.errors, []);
});

test("the single-file offline page, opened from disk, keeps its results through a crash", async (t) => {
  const dir = join(scratch, "offline");
  mkdirSync(dir);
  copyFileSync(join(dist, "nianbao-offline.html"), join(dir, "nianbao-offline.html"));
  const profile = join(scratch, "profile-offline");
  const url = pathToFileURL(join(dir, "nianbao-offline.html")).href;
  const open = async () => {
    const chrome = await launchKillable(profile);
    t.after(() => chrome.kill());
    const page = await chrome.context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
    await page.waitForSelector(".ws-status[data-saved]", { timeout: 20_000 });
    return { ...chrome, page, errors };
  };
  const first = await open();
  await first.page.setInputFiles('input[type="file"]', files.slice(0, 3));
  await complete(first.page, 3);
  assert.deepEqual(first.errors, []);
  await first.kill();

  const second = await open();
  await second.page.waitForFunction(() => document.querySelector(".ws-status")?.dataset.saved === "3", null, { timeout: 20_000 });
  assert.equal(await second.page.locator("tr.batch-row").count(), 3);
  assert.equal(await second.page.locator(".ws-resume").count(), 0, "no batch left unfinished");
  assert.deepEqual(second.errors, []);
});
