// End-to-end tests of the clerk's loop in the page (dist/), in headless
// Chromium: a corrected file checked again replaces its earlier result and the
// page says what changed; Back and Forward move between the list, a report and
// a comparison, and the page keeps the reader's place; a batch prints as a
// batch; the page speaks the user's words; the loading is shown; the wasm is
// downloaded once on a first visit; the offline version comes from the page.
// Run by `cargo xtask test`, or alone: cd tests/e2e && node --test clerk.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ALL_SEEDS, batchChecked, dist, fixtures, output, root, seed, useBrowser } from "./lib.mjs";
import { serve } from "./serve.mjs";

const real = join(fixtures, "real");

const site = useBrowser({ needs: ["index.html", "nianbao-offline.html", "sw.js"] });

/** A fresh context (a Chinese browser unless told), the app started. */
function open(t, { viewport = { width: 1366, height: 768 }, locale = "zh-CN", url } = {}) {
  return site.open(t, { viewport, locale, url, acceptDownloads: true });
}

const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { id: a?.id ?? "", tag: a?.tagName ?? "", row: a?.closest("tr")?.dataset.file ?? "" };
});

test("a corrected file checked again replaces its result and the page says what changed", async (t) => {
  const { page, seen } = await open(t);
  const name = basename(seed("003"));
  const text = readFileSync(seed("003"), "utf8");
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  const before = await page.locator("button.finding").evaluateAll((bs) => bs.map((b) => b.dataset.rule));
  assert.ok(before.includes("A004"));
  // Told to screen readers: the file and its counts.
  await page.waitForFunction(() => /检查完毕/.test(document.getElementById("announce").textContent));
  assert.match(await page.locator("#announce").textContent(), new RegExp(`${name.replace(".", "\\.")}：检查完毕，错误 \\d+ 项`));
  assert.equal(await page.locator("#announce").getAttribute("aria-live"), "polite");

  // The clerk corrects 复议后起诉 (total 1 where every part is 0) and gives the
  // file again, under the same name.
  const fixed = text.replace("0\t0\t0\t0\t0\t0\t0\t0\t0\t1\t1", "0\t0\t0\t0\t0\t0\t0\t0\t0\t0");
  assert.notEqual(fixed, text);
  await page.setInputFiles('input[type="file"]', { name, mimeType: "text/plain", buffer: Buffer.from(fixed) });
  await page.locator("#report .change").waitFor({ timeout: 15_000 });
  // One file, not two: no list, the report stays open.
  assert.equal(await page.locator("tr.batch-row").count(), 0);
  assert.equal(await page.locator("#report").getAttribute("data-file"), name);
  const after = await page.locator("button.finding").evaluateAll((bs) => bs.map((b) => b.dataset.rule));
  assert.ok(!after.includes("A004"), "A004 is gone");
  const change = page.locator("#report .change");
  const [resolved, added, open_] = await Promise.all(["resolved", "new", "open"].map(async (k) => Number(await change.getAttribute(`data-${k}`))));
  assert.ok(resolved >= 1, `resolved ${resolved}`);
  assert.equal(added, 0);
  assert.equal(open_, after.length, "every finding left was there before");
  assert.equal(resolved + open_, before.length);
  assert.match(await change.textContent(), new RegExp(`与上次检查相比：已解决 ${resolved} 项，新出现 0 项，仍存在 ${open_} 项`));
  await change.locator("summary").click();
  assert.match(await change.locator("li").first().textContent(), /A004/);
  await page.waitForFunction(() => /已解决/.test(document.getElementById("announce").textContent));
  await page.locator("#report").screenshot({ path: join(output, "clerk-recheck.png") });

  // A second version under another name, of the same agency and year, is
  // the same report: it replaces it too, and A004 is new in it.
  await page.setInputFiles('input[type="file"]', { name: "博爱县2024年报（第二稿）.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.waitForFunction(() => document.querySelector("#report")?.dataset.file === "博爱县2024年报（第二稿）.txt" && document.querySelector("#report .change"));
  await page.waitForFunction(() => !document.querySelector(".progress"));
  assert.equal(await page.locator("tr.batch-row").count(), 0, "still one report");
  assert.equal(await page.locator("#report .change").getAttribute("data-new"), String(resolved));
  assert.equal(await page.locator('button.finding.new[data-rule="A004"] .badge').count(), 1);
  assert.deepEqual(seen.errors, []);
});

test("a batch: one report removed, cross-year findings once, a batch given again replaces", async (t) => {
  const { page, seen } = await open(t);
  const later = readFileSync(seed("003"), "utf8");
  const earlier = later.replaceAll("2024", "2023").replaceAll("2025", "2024");
  const files = [
    { name: "博爱县-2023.txt", mimeType: "text/plain", buffer: Buffer.from(earlier) },
    { name: "博爱县-2024.txt", mimeType: "text/plain", buffer: Buffer.from(later) },
    { name: basename(seed("000")), mimeType: "text/plain", buffer: readFileSync(seed("000")) },
  ];
  await page.setInputFiles('input[type="file"]', files);
  await batchChecked(page, 3);
  // The cross-report findings are worked out once the batch is in, between frames.
  const crossShown = (n) => page.waitForFunction((n) => document.querySelectorAll(".cross-list li").length === n, n, { timeout: 10_000 });
  await page.locator(".cross-list li").first().waitFor({ timeout: 10_000 });
  const cross = await page.locator(".cross-list li").count();
  assert.ok(cross >= 1);
  // The same files again: the same three rows, the cross findings once.
  await page.setInputFiles('input[type="file"]', files);
  await page.waitForFunction(() => !document.querySelector(".progress") && !document.querySelector("tr.batch-row td.waiting"), null, { timeout: 20_000 });
  await batchChecked(page, 3);
  await crossShown(cross);
  // And no more come later.
  await page.waitForTimeout(300);
  assert.equal(await page.locator(".cross-list li").count(), cross);
  assert.match(await page.locator("#announce").textContent(), /已检查 3 份报告/);
  // Remove one.
  await page.locator(`tr.batch-row[data-file="${basename(seed("000"))}"] button.remove`).click();
  await batchChecked(page, 2);
  assert.equal(await page.locator("#report").count(), 0, "removing does not open a report");
  await crossShown(cross);
  await page.locator('tr.batch-row[data-file="博爱县-2023.txt"] button.remove').click();
  await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 1);
  await crossShown(0); // nothing left to compare
  assert.deepEqual(seen.errors, []);
});

test("Back and Forward move between the list, a report and a comparison; focus and scroll follow", async (t) => {
  const { page, seen } = await open(t, { viewport: { width: 1366, height: 700 } });
  const later = readFileSync(seed("003"), "utf8");
  const earlier = later.replaceAll("2024", "2023").replaceAll("2025", "2024");
  // Twenty-four files, as a clerk's batch: the two years of 博爱县 last.
  const files = Array.from({ length: 22 }, (_, i) => {
    const p = seed(ALL_SEEDS[i % 5]);
    return { name: `${String(i).padStart(2, "0")}-${basename(p)}`, mimeType: "text/plain", buffer: readFileSync(p) };
  });
  files.push({ name: "博爱县-2023.txt", mimeType: "text/plain", buffer: Buffer.from(earlier) });
  files.push({ name: "博爱县-2024.txt", mimeType: "text/plain", buffer: Buffer.from(later) });
  const start = page.url();
  await page.setInputFiles('input[type="file"]', files);
  await batchChecked(page, 24);
  assert.equal(page.url(), start, "the list has no address of its own");

  // Open the last report from the list, scrolled down to it.
  const row = page.locator('tr.batch-row[data-file="博爱县-2024.txt"]');
  await row.scrollIntoViewIfNeeded();
  const listY = await page.evaluate(() => window.scrollY);
  assert.ok(listY > 0);
  await row.locator("button.link").click();
  await page.locator("#report[data-check-ms]").waitFor();
  assert.match(page.url(), /#r\d+$/);
  // The report is scrolled to and its heading has the focus.
  await page.waitForFunction(() => document.activeElement?.id === "report-title");
  const top = await page.locator("#report-title").evaluate((h) => h.getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 200, `the report's heading is at the top of the window (${top}px)`);
  await page.screenshot({ path: join(output, "clerk-open-report.png") });
  const reportUrl = page.url();

  // Its comparison with the year before: a view of its own.
  await page.locator("#open-compare").click();
  await page.locator("section.compare").waitFor();
  assert.match(page.url(), /#c\d+-\d+$/);
  await page.waitForFunction(() => document.activeElement?.id === "compare-title");
  assert.equal(await page.locator('section.compare td[data-cell="requests.new.total"] .now').textContent(), "35");

  // Back: the report again.
  await page.goBack();
  await page.locator("#report[data-check-ms]").waitFor();
  assert.equal(page.url(), reportUrl);
  assert.equal(await page.locator("section.compare").count(), 0);
  // Back: the list, where it was, the row opened in focus.
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector("#report"));
  assert.equal(page.url(), start);
  await page.waitForFunction(() => document.activeElement?.closest("tr")?.dataset.file === "博爱县-2024.txt");
  const backY = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(backY - listY) < 5, `the list's scroll is back (${backY} vs ${listY})`);
  await page.screenshot({ path: join(output, "clerk-back-to-list.png") });
  // Forward, twice: the report, then the comparison.
  await page.goForward();
  await page.locator("#report[data-check-ms]").waitFor();
  assert.equal(await page.locator("#report").getAttribute("data-file"), "博爱县-2024.txt");
  await page.goForward();
  await page.locator("section.compare").waitFor();
  // The page's own back button goes to the report, as Back does.
  await page.locator("section.compare .back").click();
  await page.locator("#report[data-check-ms]").waitFor();
  // The report's "back to the list" restores the place as well.
  await page.locator("#report .back").click();
  await page.waitForFunction(() => document.activeElement?.closest("tr")?.dataset.file === "博爱县-2024.txt");
  // The browser's Back never leaves the app while it holds results.
  assert.deepEqual(seen.errors, []);
});

test("two years of a real agency are compared; others are paired by hand", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles('input[type="file"]', [join(real, "pingtan-2023-crawled.txt"), join(real, "pingtan-2024-crawled.txt"), join(real, "huaian-city-2024.pdf")]);
  await batchChecked(page, 3);
  const agencies = await page.locator("tr.batch-row").evaluateAll((rs) => rs.map((r) => r.children[4].textContent));
  assert.equal(agencies.filter((a) => a.includes("平潭综合实验区")).length, 2, agencies.join(" "));
  await page.locator('tr.batch-row[data-file="pingtan-2024-crawled.txt"] button.link').click();
  await page.locator("#report[data-check-ms]").waitFor();
  await page.locator("#open-compare").click();
  const compare = page.locator("section.compare");
  await compare.waitFor();
  assert.match(await compare.locator("h2").textContent(), /pingtan-2024-crawled\.txt ⇄ pingtan-2023-crawled\.txt/);
  assert.ok((await compare.locator("td.cmp").count()) > 50);
  await compare.screenshot({ path: join(output, "clerk-pingtan-compare.png") });
  // 淮安市人民政府 2024 is another body: paired by hand with 平潭 2023.
  await page.goBack();
  await page.goBack();
  await page.locator('tr.batch-row[data-file="huaian-city-2024.pdf"] button.link').click();
  await page.locator("#report[data-check-ms]").waitFor();
  assert.equal(await page.locator("#open-compare").count(), 0, "no year before of its own");
  const id2023 = await page.locator('tr.batch-row[data-file="pingtan-2023-crawled.txt"]').getAttribute("data-id");
  await page.locator("#pair-with").selectOption(id2023);
  await page.locator("section.compare").waitFor();
  assert.match(await page.locator("section.compare h2").textContent(), /huaian-city-2024\.pdf ⇄ pingtan-2023-crawled\.txt/);
  // The pair counts for the cross-year rules too.
  await page.goBack();
  await page.locator("#report[data-check-ms]").waitFor();
  assert.ok((await page.locator('#findings button.finding[data-rule^="X"]').count()) >= 1, "cross-year findings of the pair");
  assert.deepEqual(seen.errors, []);
});

test("clearing asks first", async (t) => {
  const { page } = await open(t);
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  await page.locator("#clear").click();
  assert.equal(await page.locator("#clear").getAttribute("aria-expanded"), "true");
  assert.match(await page.locator(".confirm").textContent(), /清空全部检查结果？/);
  await page.locator("#clear-no").click();
  assert.equal(await page.locator("#report").count(), 1, "cancelled: nothing cleared");
  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.locator("#report").waitFor({ state: "detached" });
  assert.equal(await page.locator("tr.batch-row").count(), 0);
});

test("a batch prints as a batch: its table, cross-year findings and charts are in the PDF", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles('input[type="file"]', ALL_SEEDS.map(seed));
  await batchChecked(page, 5);
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.locator("table.batch-table").isVisible(), "the table prints");
  assert.ok(await page.locator(".batch-charts").isVisible(), "the charts print");
  assert.equal(await page.locator(".toolbar").isVisible(), false, "no controls");
  const pdf = join(output, "clerk-batch.pdf");
  await page.pdf({ path: pdf, format: "A4" });
  await page.emulateMedia({ media: "screen" });
  const text = pdfText(pdf);
  for (const p of ALL_SEEDS) assert.ok(text.includes(basename(seed(p))), `${basename(seed(p))} is in the printed table`);
  assert.match(text, /已检查的报告/);
  assert.match(text, /各文件的错误和警告/);
  // A report open prints the report, not the list.
  await page.locator("tr.batch-row").first().click();
  await page.locator("#report[data-check-ms]").waitFor();
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("table.batch-table").isVisible(), false);
  assert.ok(await page.locator("#report").isVisible());
  assert.deepEqual(seen.errors, []);
});

/** The text of a PDF, by poppler's pdftotext. */
function pdfText(path) {
  const r = spawnSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  assert.equal(r.error, undefined, "pdftotext (poppler-utils) is needed to read the printed PDF");
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("the page in its user's words: Chinese words for formats, names from the report, ASCII in English", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles('input[type="file"]', [seed("003"), join(real, "huaian-city-2024.pdf")]);
  await batchChecked(page, 2);
  const layouts = await page.locator("tr.batch-row").evaluateAll((rs) => rs.map((r) => r.children[5].textContent));
  assert.deepEqual(layouts, ["2021 年格式 · 制表符分隔", "2021 年格式 · 按位置还原"]);
  await page.locator("tr.batch-row").first().click();
  await page.locator("#report[data-check-ms]").waitFor();
  const meta = await page.locator(".meta div").evaluateAll((ds) => Object.fromEntries(ds.map((d) => [d.querySelector("dt").textContent, d.querySelector("dd").textContent])));
  assert.equal(meta["格式"], "2021 年格式");
  assert.equal(meta["读取方式"], "文字 · UTF-8 · 制表符分隔");
  // Exports are named after the report's agency and year when it is one.
  await page.locator("#report .back").click();
  await page.locator(`tr.batch-row[data-file="huaian-city-2024.pdf"] button.remove`).click();
  await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 1);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#export-findings").click()]);
  assert.equal(csv.suggestedFilename(), "博爱县人民政府-2024-问题清单.csv");
  const [values] = await Promise.all([page.waitForEvent("download"), page.locator("#export-values").click()]);
  assert.equal(values.suggestedFilename(), "博爱县人民政府-2024-表格数据.csv");
  const valuesText = readFileSync(await values.path(), "utf8");
  assert.match(valuesText, /^\ufeff文件,机关,年度,表,/);
  assert.match(valuesText, /,表三,new,total,/);
  assert.doesNotMatch(valuesText, /,(proactive|requests|appeals),/);

  // In English: English words and ASCII punctuation in what the page writes.
  await page.locator("button.lang").click();
  await page.locator("tr.batch-row button.link").click();
  await page.locator("#report[data-check-ms]").waitFor();
  const ui = await page.evaluate(() => {
    const texts = [...document.querySelectorAll(".report-head h2, .counts, .meta dt, .meta dd, .finding-group h3, .finding .values, .finding .place, .toolbar")]
      .map((e) => e.textContent.replace(document.querySelector("#report").dataset.file, ""));
    const dt = getComputedStyle(document.querySelector(".meta dt"), "::after").content;
    return { texts, dt };
  });
  const wide = ui.texts.filter((s) => /[：（），。]/.test(s));
  assert.deepEqual(wide, [], "no full-width punctuation on the English page");
  assert.equal(ui.dt, '":"');
  assert.ok(ui.texts.some((s) => s === "text · UTF-8 · tab-separated"), ui.texts.join(" | "));
  const [en] = await Promise.all([page.waitForEvent("download"), page.locator("#export-findings").click()]);
  assert.equal(en.suggestedFilename(), "博爱县人民政府-2024-findings.csv");
  await page.screenshot({ path: join(output, "clerk-english.png") });
  assert.deepEqual(seen.errors, []);
});

test("the language: taken from the browser on a first visit, then remembered", async (t) => {
  const { page } = await open(t, { locale: "en-US" });
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal((await page.locator("h1").textContent()).trim(), "Annual disclosure report checker");
  await page.locator("button.lang").click();
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  await page.reload({ waitUntil: "load" });
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN", "the choice is remembered");
  assert.equal((await page.locator("h1").textContent()).trim(), "政府信息公开工作年度报告检查");
});

test("while the checker loads, the page says what it is doing", async (t) => {
  const context = await site.browser.newContext({ locale: "zh-CN", serviceWorkers: "block" });
  t.after(() => context.close());
  const page = await context.newPage();
  let release;
  const held = new Promise((ok) => (release = ok));
  // A slow link: the wasm is held back until the test has looked.
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(site.base, { waitUntil: "domcontentloaded" });
  const note = page.locator("#loading");
  await note.waitFor({ state: "visible" });
  await page.waitForFunction(() => /正在下载检查程序/.test(document.getElementById("loading")?.textContent ?? ""));
  assert.match(await note.textContent(), /Downloading the checker/);
  assert.equal(await note.getAttribute("role"), "status");
  await page.screenshot({ path: join(output, "clerk-loading.png") });
  release();
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  assert.equal(await page.locator("#loading").count(), 0, "the app replaced the note");
});

test("a first visit downloads the wasm once, service worker included, and works offline after", async (t) => {
  // A server of its own, whose every request the test logs.
  const own = await serve(dist, 0);
  t.after(() => own.server.close());
  const log = [];
  own.server.prependListener("request", (req) => log.push(req.url));
  const context = await site.browser.newContext({ locale: "zh-CN", serviceWorkers: "allow" });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(own.url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  await page.waitForSelector("html[data-offline=true]", { timeout: 15_000 });
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith("nianbao-")));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(cached.some((p) => p.endsWith("_bg.wasm")), "the service worker holds the wasm");
  // Three wasm files: the app's, its checker's and the workspace part (which
  // the service worker keeps for the first file given offline). Each is
  // requested once.
  const wasm = log.filter((u) => /_bg\.wasm$/.test(new URL(u, own.url).pathname));
  assert.equal(wasm.length, 3, `the wasm files were requested ${wasm.length} times: ${log.join(" ")}`);
  assert.equal(new Set(wasm).size, 3, `each once: ${log.join(" ")}`);
  const note = await page.locator("#offline-note").textContent();
  assert.match(note, /断网后本页仍能打开/);
  // A second visit takes it from the service worker.
  await page.reload({ waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  assert.equal(log.filter((u) => /_bg\.wasm$/.test(u)).length, 3, "not downloaded again");
});

test("the offline version, downloaded from the page, opens from disk in a folder of its own and checks", async (t) => {
  const { page } = await open(t);
  const link = page.locator("#offline-download");
  assert.ok(await link.isVisible());
  const size = await page.locator("#offline-size").textContent();
  const mb = (readFileSync(join(dist, "nianbao-offline.html")).length / 1e6).toFixed(1);
  assert.equal(size, `${mb} MB`);
  assert.match(await page.locator(".offline-get").textContent(), /双击用浏览器打开/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const dir = mkdtempSync(join(tmpdir(), "nianbao-saved-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  assert.deepEqual(readdirSync(dir), ["nianbao-offline.html"]);

  const context = await site.browser.newContext({ locale: "zh-CN" });
  t.after(() => context.close());
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const offline = await context.newPage();
  const url = pathToFileURL(file).href;
  await offline.goto(url, { waitUntil: "load" });
  await offline.waitForSelector("html[data-ready]", { timeout: 20_000 });
  assert.equal(await offline.locator("#offline-download").count(), 0, "it does not offer itself");
  await offline.setInputFiles('input[type="file"]', seed("003"));
  await offline.locator('button.finding[data-rule="A004"]').waitFor({ timeout: 20_000 });
  // (The checker's workers are made from blob: URLs, by the page itself.)
  assert.deepEqual(requests.filter((u) => u !== url && !u.startsWith("blob:")), [], "no request but the file itself");
});

test("a sample to try, each rule's basis and fix, and an annotated copy of a Word file, all from the checker loaded on the page", async (t) => {
  const { page, seen } = await open(t);
  // 试一试: the sample report (a real one, seed 003) is checked like a file.
  await page.locator("#try-sample").click();
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.match(await page.locator("#report h2").first().textContent(), /示例报告/);
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  // A finding's guide: what the rule checks, then its basis and how to fix
  // it, fetched from the checker when first opened.
  const guide = page.locator("details.guide").first();
  await guide.locator("summary").click();
  await guide.locator(".more h4").first().waitFor({ timeout: 15_000 });
  const text = await guide.textContent();
  assert.match(text, /依据/);
  assert.match(text, /国办公开办函/);
  assert.match(text, /怎样改正/);

  // A .docx gets a copy of itself with a Word comment at each finding.
  await page.setInputFiles('input[type="file"]', join(root, "tests/fixtures/docx/002.docx"));
  await page.waitForFunction(() => document.querySelector("#report h2")?.textContent.includes("002.docx"), null, { timeout: 20_000 });
  const button = page.locator("#annotate");
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  assert.match(download.suggestedFilename(), /^002-批注\.docx$/);
  const file = join(output, "annotated-002.docx");
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 2).toString(), "PK", "a zip (a .docx)");
  assert.ok(bytes.includes(Buffer.from("word/comments.xml")), "with Word comments");
  assert.deepEqual(seen.errors, []);
});
