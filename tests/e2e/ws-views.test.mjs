// End-to-end tests of the reviewer's views of a workspace (dist/), in
// headless Chromium: the five seeds checked into a workspace; the overview's
// summary and counts per rule; the agencies ranked by errors (博爱县, with
// its real A004 error, first); search by agency and by text; an agency
// merged into another by hand, kept after a reload and undone; the summary
// workbook (.xlsx), the printable summary and the printable memo.
// Run alone:
//   cd tests/e2e && NIANBAO_DIST=$PWD/../../dist node --test ws-views.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_SEEDS as SEEDS, output, seed, useBrowser } from "./lib.mjs";

const site = useBrowser({ needs: ["store.js"] });

const ALL_SEEDS = SEEDS.map(seed);
// The five agencies, as the seeds name them.
const AGENCIES = ["博山区", "山亭区", "瑶海区", "博爱县", "发展改革局"];

async function ready(page) {
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  await page.waitForSelector(".ws-status[data-saved]", { timeout: 15_000 });
}

function stored(page, n) {
  return page.waitForFunction(
    (n) => document.querySelector(".ws-status")?.dataset.saved === String(n) && !document.querySelector(".progress"),
    n,
    { timeout: 45_000 },
  );
}

async function toOverview(page) {
  await page.locator("#ws-matrix").click();
  await page.locator("#ov-rank").waitFor({ timeout: 20_000 });
}

/** The agencies of the ranking, in order. */
function ranking(page) {
  return page.locator("#ov-rank tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.agency));
}

function unzipText(path, entry) {
  const r = spawnSync("unzip", ["-p", path, entry], { encoding: "utf8" });
  assert.equal(r.status, 0, `unzip ${entry}: ${r.stderr}`);
  return r.stdout;
}

/** Text as the search compares it: letters and digits only. */
function folded(s) {
  return [...s.normalize("NFKC").toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c)).join("");
}

test("overview, ranking, search, grouping by hand and what a reviewer hands on", async (t) => {
  const { page, seen } = await site.open(t, { viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const errors = seen.errors;
  await ready(page);
  await page.setInputFiles('input[type="file"]', ALL_SEEDS);
  await stored(page, 5);
  await toOverview(page);

  // The summary first: five agencies, five reports, the one with errors.
  const sentence = await page.locator(".matrix-summary").textContent();
  const m = sentence.match(/(\d+) 个机关，(\d+) 份报告中 (\d+) 份有错误/);
  assert.ok(m, sentence);
  assert.deepEqual([m[1], m[2]], ["5", "5"]);
  const withErrors = Number(m[3]);
  assert.ok(withErrors >= 1, sentence);
  // Counts per rule across the workspace: A004 is there, once, in one report.
  const a004 = page.locator('#ov-rules tr[data-rule="A004"] td');
  assert.deepEqual((await a004.allTextContents()).slice(2), ["1", "1"]);
  const ruleRows = await page.locator("#ov-rules tbody tr").count();
  assert.ok(ruleRows >= 1);

  // Ranked by errors (the default): 博爱县 first; by name, in another order.
  assert.equal(await page.locator("#ov-rank").getAttribute("data-rows"), "5");
  const byErrors = await ranking(page);
  assert.match(byErrors[0], /博爱县/, byErrors.join(" "));
  for (const a of AGENCIES) assert.ok(byErrors.some((n) => n.includes(a)), `${a} in ${byErrors}`);
  await page.locator('#ov-rank button[data-sort="name"]').click();
  await page.waitForFunction((first) => document.querySelector("#ov-rank tbody tr")?.dataset.agency !== first, byErrors[0]);
  await page.locator('#ov-rank button[data-sort="errors"]').click();
  await page.waitForFunction(() => /博爱县/.test(document.querySelector("#ov-rank tbody tr")?.dataset.agency ?? ""));
  // Only those with errors.
  await page.locator('select[data-opt="only"]').selectOption("errors");
  await page.waitForFunction((n) => document.querySelector("#ov-rank")?.dataset.rows === String(n), withErrors);
  await page.locator('select[data-opt="only"]').selectOption("");
  await page.waitForFunction(() => document.querySelector("#ov-rank")?.dataset.rows === "5");
  // A median beside each key figure; the rates on few cases are marked, with why.
  assert.equal(await page.locator("#ov-rank thead .median").count(), 5);
  const cautions = page.locator("#ov-rank td.caution");
  if ((await cautions.count()) > 0) {
    assert.match(await cautions.first().getAttribute("title"), /少于 10 件/);
    assert.equal(await page.locator(".caution-note").count(), 1);
  }
  // The charts of the workspace, each with its data table.
  assert.equal(await page.locator("#overview-charts figure.ov-chart").count(), 4);
  assert.equal(await page.locator("#overview-charts figure.ov-chart details.chart-data table").count(), 4);
  await page.screenshot({ path: join(output, "ws-views-overview.png"), fullPage: true });

  // Search by agency name.
  await page.locator("#ws-search-input").fill("瑶海");
  await page.locator(".ws-search button[type=submit]").click();
  await page.locator("#search-agencies[data-hits='1']").waitFor({ timeout: 15_000 });
  assert.match(await page.locator("#search-agencies li").textContent(), /瑶海区/);
  // Search by text: a phrase of 博爱县's report and of no other.
  const phrase = "2345”重点项目建设";
  const having = ALL_SEEDS.filter((p) => folded(readFileSync(p, "utf8")).includes(folded(phrase)));
  assert.deepEqual(having, [seed("003")], "the phrase is in 003 only");
  await page.locator("#ws-search-input").fill(phrase);
  await page.locator(".ws-search button[type=submit]").click();
  await page.locator("#search-text[data-hits='1']").waitFor({ timeout: 15_000 });
  const hit = page.locator("#search-text li[data-report] > button[data-open]");
  assert.equal(await hit.count(), 1);
  assert.match(await hit.textContent(), /^003_/);
  // …which opens the report.
  await hit.click();
  await page.locator("#report").waitFor({ timeout: 10_000 });
  assert.match(await page.locator("#report").getAttribute("data-file"), /^003_/);
  await page.goBack();
  await page.locator("#ov-rank").waitFor({ timeout: 10_000 });

  // Grouping by hand: 瑶海区 merged into 博山区's row.
  // (A row's merge menu lists the other agencies once it is opened: rows are found by their own name.)
  const yaohai = page.locator('#ov-rank tbody tr[data-agency*="瑶海区"]');
  const boshanKey = await page.locator('#ov-rank tbody tr[data-agency*="博山区"]').getAttribute("data-key");
  const menu = yaohai.locator("select[data-merge]");
  assert.equal(await menu.locator("option").count(), 1, "no agency listed before the menu is opened");
  await menu.focus();
  assert.equal(await menu.locator("option").count(), 5, "the four other agencies once it is");
  await menu.selectOption(boshanKey);
  await page.waitForFunction(() => document.querySelector("#ov-rank")?.dataset.rows === "4", null, { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelectorAll("#matrix-table tbody tr").length === 4, null, { timeout: 10_000 });
  // It survives a reload.
  await page.reload({ waitUntil: "load" });
  await ready(page);
  await stored(page, 5);
  await toOverview(page);
  await page.waitForFunction(() => document.querySelector("#ov-rank")?.dataset.rows === "4", null, { timeout: 10_000 });
  assert.equal(await page.locator("#matrix-table tbody tr").count(), 4);
  const merged = page.locator("#ov-rank tbody tr", { has: page.locator("button[data-reset]") });
  assert.equal(await merged.count(), 1);
  assert.match(await merged.getAttribute("data-agency"), /博山区/);
  assert.match(await merged.locator("th .variants").textContent(), /瑶海区/);

  // The summary workbook: a zip whose first sheet lists the agencies.
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator("#ws-summary-xlsx").click()]);
  assert.match(xlsx.suggestedFilename(), /汇总表\.xlsx$/);
  const xlsxPath = join(output, "ws-views-summary.xlsx");
  await xlsx.saveAs(xlsxPath);
  assert.equal(readFileSync(xlsxPath).subarray(0, 2).toString(), "PK");
  assert.match(unzipText(xlsxPath, "xl/workbook.xml"), /<sheet name="汇总 Summary"/);
  const sheet = unzipText(xlsxPath, "xl/worksheets/sheet1.xml");
  for (const a of AGENCIES) {
    // 瑶海区 is now with 博山区: its row carries the group's name.
    if (a !== "瑶海区") assert.ok(sheet.includes(a), `${a} in the summary workbook`);
  }

  // The printable summary for a notice: every agency, markup-free.
  const [print] = await Promise.all([page.waitForEvent("download"), page.locator("#ws-summary-print").click()]);
  assert.match(print.suggestedFilename(), /\.html$/);
  const printPath = join(output, "ws-views-summary.html");
  await print.saveAs(printPath);
  const html = readFileSync(printPath, "utf8");
  for (const a of AGENCIES) if (a !== "瑶海区") assert.ok(html.includes(a), `${a} in the printable summary`);
  assert.match(html, /default-src 'none'/);
  assert.match(html, /@page/);

  // Undo the merge: five again, and the printable summary names 瑶海区.
  await merged.locator("button[data-reset]").click();
  await page.waitForFunction(() => document.querySelector("#ov-rank")?.dataset.rows === "5", null, { timeout: 10_000 });
  const [again] = await Promise.all([page.waitForEvent("download"), page.locator("#ws-summary-print").click()]);
  await again.saveAs(printPath);
  const html2 = readFileSync(printPath, "utf8");
  for (const a of AGENCIES) assert.ok(html2.includes(a), `${a} in the printable summary`);

  // The printable memo of 博爱县 beside its .docx.
  const boaiRow = page.locator("#matrix-table tbody tr", { hasText: "博爱县" });
  const [memo] = await Promise.all([page.waitForEvent("download"), boaiRow.locator("button.memo-print").click()]);
  assert.match(memo.suggestedFilename(), /整改意见\.html$/);
  const memoPath = join(output, "ws-views-memo.html");
  await memo.saveAs(memoPath);
  assert.match(readFileSync(memoPath, "utf8"), /关于博爱县人民政府政府信息公开工作年度报告的整改意见/);
  assert.deepEqual(errors, []);
});
