// End-to-end tests of the reviewer's workspace in the page (dist/), in
// headless Chromium: the seeds checked, one finding confirmed and another
// dismissed with a note, and everything back after a reload; the workspace
// exported as one file and imported into a fresh browser; the agencies ×
// years matrix with its missing cells; the review memo of an agency as a
// .docx; a decision that survives checking a corrected file, and a finding
// the correction removed shown as resolved.
// Run by `cargo xtask test`, or alone:
//   cd tests/e2e && NIANBAO_DIST=$PWD/../../dist node --test workspace.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ALL_SEEDS, output, seed, useBrowser } from "./lib.mjs";

const site = useBrowser({ needs: ["store.js"] });

/** The five seeds' paths. */
const SEED_PATHS = ALL_SEEDS.map(seed);

/** A fresh context (its own storage), the app started and its workspace open. */
async function open(t, context) {
  const opened = await site.open(t, { context, viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  await ready(opened.page);
  return opened;
}

async function ready(page) {
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  await page.waitForSelector(".ws-status[data-saved]", { timeout: 15_000 });
}

/** Wait until `n` reports are stored in the workspace and nothing is being checked. */
function stored(page, n) {
  return page.waitForFunction(
    (n) => document.querySelector(".ws-status")?.dataset.saved === String(n) && !document.querySelector(".progress"),
    n,
    { timeout: 45_000 },
  );
}

async function openReport(page, name) {
  await page.locator(`tr.batch-row[data-file="${name}"] button.link`).first().click();
  await page.locator("#decisions li.decision[data-fingerprint]").first().waitFor({ timeout: 15_000 });
}

/** Each finding of the report shown: fingerprint → {verdict, note}. */
function decisions(page) {
  return page.locator("#decisions .decision-list li.decision").evaluateAll((lis) =>
    Object.fromEntries(lis.map((li) => [li.dataset.fingerprint, { verdict: li.dataset.verdict, note: li.querySelector("input.decision-note")?.value ?? "" }])),
  );
}

async function decide(page, fingerprint, verdict, note) {
  const li = page.locator(`#decisions li.decision[data-fingerprint="${fingerprint}"]`);
  await li.locator("input.decision-note").fill(note);
  await li.locator(verdict === "confirmed" ? "button.decide-confirm" : "button.decide-dismiss").click();
  await page.locator(`#decisions li.decision[data-fingerprint="${fingerprint}"][data-verdict="${verdict}"]`).waitFor({ timeout: 10_000 });
}

function unzipText(path, entry) {
  const r = spawnSync("unzip", ["-p", path, entry], { encoding: "utf8" });
  assert.equal(r.status, 0, `unzip ${entry}: ${r.stderr}`);
  return r.stdout;
}

test("the seeds' results and decisions survive a reload, an export and an import; the matrix and the memo", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles('input[type="file"]', SEED_PATHS);
  await stored(page, 5);

  const boai = basename(seed("003"));
  await openReport(page, boai);
  const found = await decisions(page);
  const prints = Object.keys(found);
  assert.ok(prints.length >= 2, `findings of 003: ${prints}`);
  assert.ok(prints.every((f) => /^[A-Z]\d{3}-[0-9a-f]{16}$/.test(f)), `fingerprints made by the core: ${prints}`);
  const confirm = prints.find((f) => f.startsWith("A004")) ?? prints[0];
  const dismiss = prints.find((f) => f !== confirm);
  await decide(page, confirm, "confirmed", "请核对表四 <b>复议后起诉</b>");
  await decide(page, dismiss, "dismissed", "已核实，不是问题");
  await page.locator("#decisions").screenshot({ path: join(output, "workspace-decisions.png") });

  // A reload: the five reports and both decisions are back.
  await page.reload({ waitUntil: "load" });
  await ready(page);
  await stored(page, 5);
  assert.equal(await page.locator("tr.batch-row").count(), 5);
  await openReport(page, boai);
  const back = await decisions(page);
  assert.deepEqual(back[confirm], { verdict: "confirmed", note: "请核对表四 <b>复议后起诉</b>" });
  assert.deepEqual(back[dismiss], { verdict: "dismissed", note: "已核实，不是问题" });
  assert.ok(Object.values(back).filter((d) => d.verdict === "open").length === prints.length - 2);

  // The matrix: five agencies, 2023 and 2024, and the years they miss.
  await page.locator("#ws-matrix").click();
  await page.locator("#matrix-table").waitFor({ timeout: 15_000 });
  assert.ok(page.url().endsWith("#matrix"), page.url());
  const years = await page.locator("#matrix-table thead th").allTextContents();
  assert.deepEqual(years.slice(1, -1), ["2023", "2024"]);
  assert.equal(await page.locator("#matrix-table tbody tr").count(), 5);
  // 山亭区 (001) has 2023 only; the four others 2024 only.
  assert.equal(await page.locator('#matrix-table td.cell[data-status="missing"]').count(), 5);
  const shanting = page.locator("#matrix-table tbody tr", { hasText: "山亭区" });
  assert.equal(await shanting.locator('td[data-year="2024"]').getAttribute("data-status"), "missing");
  assert.notEqual(await shanting.locator('td[data-year="2023"]').getAttribute("data-status"), "missing");
  const boaiRow = page.locator("#matrix-table tbody tr", { hasText: "博爱县" });
  assert.equal(await boaiRow.locator('td[data-year="2024"]').getAttribute("data-status"), "errors");
  assert.match(await page.locator(".matrix-summary").textContent(), /5 个机关，5 份报告中 \d+ 份有错误，缺报 5 份/);
  await page.screenshot({ path: join(output, "workspace-matrix.png"), fullPage: true });

  // The memo of 博爱县: a Word document with the confirmed finding and its note.
  const [memo] = await Promise.all([page.waitForEvent("download"), boaiRow.locator("button.memo").click()]);
  assert.match(memo.suggestedFilename(), /整改意见\.docx$/);
  const memoPath = join(output, "workspace-memo.docx");
  await memo.saveAs(memoPath);
  assert.equal(readFileSync(memoPath).subarray(0, 2).toString(), "PK");
  const doc = unzipText(memoPath, "word/document.xml");
  assert.match(doc, /请核对表四 &lt;b&gt;复议后起诉&lt;\/b&gt;/, "the note, as text");
  assert.ok(!doc.includes("已核实，不是问题"), "a dismissed finding is not in the memo");

  // A cell opens its report.
  await boaiRow.locator('td[data-year="2024"] button.open').click();
  await page.locator("#report").waitFor();
  assert.equal(await page.locator("#report").getAttribute("data-file"), boai);

  // Export, then import into a fresh browser: the same reports and decisions.
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator("#ws-export").click()]);
  const exported = join(output, "workspace-export.zip");
  await file.saveAs(exported);
  assert.match(unzipText(exported, "manifest.json"), /"format":"nianbao-workspace"/);

  const fresh = await open(t);
  const [chooser] = await Promise.all([fresh.page.waitForEvent("filechooser"), fresh.page.locator("#ws-import").click()]);
  await chooser.setFiles(exported);
  await fresh.page.waitForFunction(() => /工作区已导入/.test(document.querySelector(".ws-message")?.textContent ?? ""), null, { timeout: 30_000 });
  await stored(fresh.page, 5);
  assert.equal(await fresh.page.locator("#ws-select option").count(), 2);
  await openReport(fresh.page, boai);
  const imported = await decisions(fresh.page);
  assert.deepEqual(imported[confirm], back[confirm]);
  assert.deepEqual(imported[dismiss], back[dismiss]);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(fresh.seen.errors, []);
});

test("a decision survives checking a corrected file; a finding the correction removed is resolved", async (t) => {
  const { page, seen } = await open(t);
  const name = basename(seed("003"));
  const text = readFileSync(seed("003"), "utf8");
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#decisions li.decision[data-fingerprint]").first().waitFor({ timeout: 20_000 });
  const before = Object.keys(await decisions(page));
  const a004 = before.find((f) => f.startsWith("A004"));
  const other = before.find((f) => !f.startsWith("A004"));
  assert.ok(a004 && other, `findings: ${before}`);
  await decide(page, a004, "confirmed", "复议后起诉总计有误");
  await decide(page, other, "dismissed", "保留");

  // The clerk corrects 复议后起诉 and sends the file again.
  const fixed = text.replace("0\t0\t0\t0\t0\t0\t0\t0\t0\t1\t1", "0\t0\t0\t0\t0\t0\t0\t0\t0\t0");
  assert.notEqual(fixed, text);
  await page.setInputFiles('input[type="file"]', { name, mimeType: "text/plain", buffer: Buffer.from(fixed) });
  await page.locator(`#decisions .resolved-list li[data-fingerprint="${a004}"]`).waitFor({ timeout: 20_000 });
  const now = await decisions(page);
  assert.ok(!(a004 in now), "A004 is gone from the findings");
  assert.deepEqual(now[other], { verdict: "dismissed", note: "保留" }, "the other decision stays with its finding");
  assert.equal(await page.locator(`#decisions .resolved-list li[data-fingerprint="${a004}"]`).getAttribute("data-verdict"), "resolved");
  await page.locator("#decisions").screenshot({ path: join(output, "workspace-resolved.png") });

  // And after a reload, the same.
  await page.reload({ waitUntil: "load" });
  await ready(page);
  await stored(page, 1);
  await openReport(page, name);
  assert.deepEqual((await decisions(page))[other], { verdict: "dismissed", note: "保留" });
  assert.equal(await page.locator(`#decisions .resolved-list li[data-fingerprint="${a004}"]`).count(), 1);
  assert.deepEqual(seen.errors, []);
});

test("without storage the page says so and keeps checking; decisions last on the page", async (t) => {
  const context = await site.browser.newContext({ locale: "zh-CN", serviceWorkers: "block" });
  // A browser that gives the page no IndexedDB (as some private windows do).
  await context.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { value: undefined, configurable: true });
  });
  t.after(() => context.close().catch(() => {}));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site.base, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  const off = page.locator(".ws-status.ws-off");
  await off.waitFor({ timeout: 15_000 });
  assert.match(await off.textContent(), /工作区无法保存；检查仍可进行/);
  assert.equal(await off.getAttribute("role"), "alert");
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.ok((await page.locator("button.finding").count()) > 0, "checked all the same");
  // Decisions can be taken all the same; they last while the page is open.
  await page.locator("#decisions li.decision[data-fingerprint]").first().waitFor({ timeout: 15_000 });
  const first = await page.locator("#decisions li.decision").first().getAttribute("data-fingerprint");
  await decide(page, first, "confirmed", "无存储");
  assert.deepEqual(errors, []);
});

test("a report of hundreds of findings lists its first 100 for decisions, the rest when asked; it reopens from what was stored", async (t) => {
  const { page, seen } = await open(t);
  // Seed 003 with 400 sentences whose figures the tables contradict.
  const lines = Array.from({ length: 400 }, (_, i) => `本年共收到政府信息公开申请${(i % 900) + 7}件，办结${(i % 800) + 3}件。\n`).join("");
  const text = readFileSync(seed("003"), "utf8").replace("二、主动公开政府信息情况", lines + "二、主动公开政府信息情况");
  const name = "many-findings.txt";
  await page.setInputFiles('input[type="file"]', { name, mimeType: "text/plain", buffer: Buffer.from(text) });
  const more = page.locator("#decisions-more");
  await more.waitFor({ timeout: 20_000 });
  const total = Number(await more.getAttribute("data-rows"));
  assert.ok(total > 400, `${total} findings`);
  assert.equal(await page.locator("#decisions .decision-list li.decision").count(), 100);
  const [first] = Object.keys(await decisions(page));
  await decide(page, first, "confirmed", "第一项");
  await more.click();
  await page.waitForFunction((n) => document.querySelectorAll("#decisions .decision-list li.decision").length === n, total, { timeout: 10_000 });
  const all = await decisions(page);
  assert.equal(Object.keys(all).length, total);

  // Reopened from the stored answer and text, not checked again: the same findings, the decision kept.
  await page.reload({ waitUntil: "load" });
  await ready(page);
  await stored(page, 1);
  await page.locator(`tr.batch-row[data-file="${name}"] button.link`).first().click();
  await page.locator("#decisions-more").waitFor({ timeout: 15_000 });
  assert.equal(Number(await page.locator("#report").getAttribute("data-total-ms")), 0, "restored, not checked again");
  await page.locator("#decisions-more").click();
  const again = await decisions(page);
  assert.deepEqual(Object.keys(again), Object.keys(all));
  assert.deepEqual(again[first], { verdict: "confirmed", note: "第一项" });
  assert.deepEqual(seen.errors, []);
});
