// End-to-end tests of the reviewer's workspace beyond the hosted page:
//
// - dist/nianbao-offline.html, alone in a folder and opened from disk
//   (file://), keeps a report checked and a decision taken on one of its
//   findings across a reload, with no request but the file itself and
//   nothing refused by its policy;
// - the widget given the attribute `workspace` (on the embed demo, a portal
//   page) shows the workspace bar and keeps the same across a reload;
// - the widget without it shows no workspace and writes nothing into the
//   portal's storage.
//
// Run alone:
//   cd tests/e2e && NIANBAO_DIST=$PWD/../../dist node --test ws-offline.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { output, seed, useBrowser, dist } from "./lib.mjs";

const site = useBrowser({ needs: ["nianbao-offline.html", "nianbao-embed.js", "embed-demo.html"] });

const NOTE = "离线确认 · confirmed offline";

/** Open the report `name` from the list where the page shows the list. */
async function openReport(scope, name) {
  const row = scope.locator(`tr.batch-row[data-file="${name}"] button.link`).first();
  if (await row.count()) await row.click();
  await scope.locator(`#report[data-file="${name}"]`).waitFor({ timeout: 15_000 });
}

/** Confirm the first finding of the report shown, with a note; resolves to its fingerprint once the page shows it kept. */
async function confirmFirst(scope) {
  const li = scope.locator("#decisions li.decision[data-fingerprint]").first();
  await li.waitFor({ timeout: 15_000 });
  const print = await li.getAttribute("data-fingerprint");
  await li.locator("input.decision-note").fill(NOTE);
  await li.locator("button.decide-confirm").click();
  await scope.locator(`#decisions li.decision[data-fingerprint="${print}"][data-verdict="confirmed"]`).waitFor({ timeout: 10_000 });
  return print;
}

/** The decision on `print` is there again, with its note. */
async function decisionBack(scope, print) {
  const back = scope.locator(`#decisions li.decision[data-fingerprint="${print}"]`);
  await back.waitFor({ timeout: 15_000 });
  assert.equal(await back.getAttribute("data-verdict"), "confirmed");
  assert.equal(await back.locator("input.decision-note").inputValue(), NOTE);
}

/** Wait until the workspace bar in `scope` says `n` reports are kept. */
async function kept(scope, n) {
  await scope.locator(`.ws-status[data-saved="${n}"]`).waitFor({ timeout: 20_000 });
}

test("the offline page opened from disk keeps a report and a decision across a reload", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-ws-offline-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "nianbao-offline.html");
  copyFileSync(join(dist, "nianbao-offline.html"), file);
  const url = pathToFileURL(file).href;

  const { page, seen } = await site.context(t, { locale: "zh-CN", viewport: { width: 1366, height: 900 } });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
  await kept(page, 0);
  assert.match(await page.locator(".ws-status").textContent(), /已保存在本浏览器：0 份报告/);

  const name = basename(seed("003"));
  await page.setInputFiles('input[type="file"]', seed("003"));
  await kept(page, 1);
  await openReport(page, name);
  const print = await confirmFirst(page);
  assert.match(await page.locator(".ws-status").textContent(), /1 份报告，1 项决定/);

  await page.reload({ waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
  await kept(page, 1);
  assert.match(await page.locator(".ws-status").textContent(), /1 份报告，1 项决定/);
  assert.deepEqual(await page.locator("tr.batch-row").evaluateAll((rs) => rs.map((r) => r.dataset.file)), [name]);
  await openReport(page, name);
  // The report as it was checked: its findings are back.
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  await decisionBack(page, print);
  await page.locator("#decisions").screenshot({ path: join(output, "ws-offline-decisions.png") });
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(output, "ws-offline-reloaded.png") });

  assert.deepEqual(readdirSync(dir), ["nianbao-offline.html"], "nothing written beside the file");
  const others = seen.requests.filter((u) => u !== url && !u.startsWith("blob:"));
  assert.deepEqual(others, [], "no request but the file itself");
  assert.deepEqual(seen.errors, [], "no script errors");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");
});

test("the offline page where the browser gives no storage says why and checks all the same", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-ws-offline-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "nianbao-offline.html");
  copyFileSync(join(dist, "nianbao-offline.html"), file);
  const { page, seen } = await site.context(t, { locale: "zh-CN" });
  // As Firefox does where site data is blocked (network.cookie.cookieBehavior 2):
  // indexedDB.open throws a SecurityError.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException("IDBFactory.open: The operation is insecure", "SecurityError");
    };
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
  const off = page.locator(".ws-status.ws-off");
  await off.waitFor({ timeout: 20_000 });
  assert.match(await off.textContent(), /此浏览器不允许本页面使用本地存储.*工作区无法保存；检查仍可进行/);
  await page.locator(".lang").click();
  assert.match(await off.textContent(), /does not let the page use its storage.*checking still works/);
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator('button.finding[data-rule="A004"]').waitFor({ timeout: 20_000 });
  assert.deepEqual(seen.errors, []);
});

/** The embed demo with a third widget given the attribute `workspace` (as a portal would write it). */
async function demoWithKeeper(page) {
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => {
    const el = document.createElement("nianbao-check");
    el.id = "checker-kept";
    el.setAttribute("lang", "zh-CN");
    el.setAttribute("workspace", "");
    document.querySelector("main section").append(el);
    return el.ready;
  });
  return page.locator("#checker-kept");
}

test("the widget with `workspace` shows the workspace bar and keeps a report and a decision across a reload", async (t) => {
  const { page, seen } = await site.context(t, { locale: "zh-CN", viewport: { width: 1366, height: 900 } });
  let widget = await demoWithKeeper(page);
  await kept(widget, 0);
  // The others on the page (without the attribute) show none.
  assert.equal(await page.locator("#checker-zh .ws-status").count(), 0);

  const name = basename(seed("003"));
  await widget.locator('input[type="file"]').setInputFiles(seed("003"));
  await kept(widget, 1);
  await openReport(widget, name);
  const print = await confirmFirst(widget);
  assert.match(await widget.locator(".ws-status").textContent(), /1 份报告，1 项决定/);

  await page.reload({ waitUntil: "load" });
  widget = await demoWithKeeper(page);
  await kept(widget, 1);
  assert.match(await widget.locator(".ws-status").textContent(), /1 份报告，1 项决定/);
  await openReport(widget, name);
  assert.equal(await widget.locator('button.finding[data-rule="A004"]').count(), 1);
  await decisionBack(widget, print);
  await widget.locator("#decisions").screenshot({ path: join(output, "ws-widget-decisions.png") });
  await widget.locator(".ws-status").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(output, "ws-widget-kept.png") });

  // Its files come from beside the loader, nowhere else.
  const away = seen.requests.filter((u) => !/^(data|blob):/.test(u) && !u.startsWith(site.base));
  assert.deepEqual(away, []);
  assert.ok(seen.requests.some((u) => /\/nianbao-store-[0-9a-f]{16}\.js$/.test(u)), "the store, by its hashed name");
  assert.ok(seen.requests.some((u) => /\/nianbao-workspace-[0-9a-f]{16}_bg\.wasm$/.test(u)), "the workspace part");
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.console, [], "no console errors or warnings (the portal's CSP included)");
});

test("the widget without `workspace` shows no workspace and writes nothing into the portal's storage", async (t) => {
  const { page, seen } = await site.context(t, { locale: "zh-CN" });
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));
  const zh = page.locator("#checker-zh");
  await zh.locator('input[type="file"]').setInputFiles([seed("003"), seed("002")]);
  await zh.locator("tr.batch-row").nth(1).waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => !document.getElementById("checker-zh").shadowRoot.querySelector(".progress, td.waiting"), null, { timeout: 20_000 });
  await openReport(zh, basename(seed("003")));
  for (const q of [".ws-status", ".ws-bar", "#decisions", "#ws-keep-files"]) {
    assert.equal(await zh.locator(q).count(), 0, `no ${q}`);
  }
  const stored = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    local: Object.keys(localStorage),
    store: typeof globalThis.nianbaoStore,
    part: typeof globalThis.nianbaoWorkspace,
  }));
  assert.deepEqual(stored, { databases: [], local: [], store: "undefined", part: "undefined" });
  assert.ok(!seen.requests.some((u) => /nianbao-(store|workspace)-/.test(u)), "neither the store nor the workspace part is loaded");
  assert.deepEqual(seen.errors, []);
});
