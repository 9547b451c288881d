// End-to-end tests of the built app (dist/) in headless Chromium, served on
// loopback. Run by `cargo xtask test` (which builds dist/ first), or alone:
//   cd tests/e2e && npm ci && node --test app.test.mjs
//
// Every request the page makes is recorded: all must go to the loopback server,
// and none may be made once the app has started. Screenshots go to output/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ALL_SEEDS, batchChecked, output, seed, useBrowser } from "./lib.mjs";

const site = useBrowser({ needs: ["index.html"] });

/** Open the app in a fresh context; resolves once it has started. */
async function open(t, viewport = { width: 1366, height: 768 }) {
  // A Chinese browser: the page takes its language from the browser.
  const opened = await site.open(t, { viewport, acceptDownloads: true, locale: "zh-CN" });
  const { page, seen } = opened;
  await page.locator("h1").waitFor();
  seen.atStart = seen.requests.length;
  // After start the page asks for nothing but its checker (and the workspace
  // part, and the workspace's storage module as it opens the workspace),
  // when the first file is given (the first test holds what, and how often).
  seen.afterStart = () => seen.requests.slice(seen.atStart).filter((u) => !LATER_FILE.test(new URL(u).pathname));
  return opened;
}

/** The checker's files (its wasm and JS glue), the workers that run it and
 * the workspace part fetched with it. */
const CHECKER_FILE = /^\/(nianbao-(checker|workspace)-[0-9a-f]{16}(_bg\.wasm|\.js|-copy\.js)|worker\.js)$/;
/** Those, and the workspace's storage (www/store.js), imported as the page opens its workspace. */
const LATER_FILE = /^\/(nianbao-(checker|workspace)-[0-9a-f]{16}(_bg\.wasm|\.js|-copy\.js)|worker\.js|store\.js)$/;

function assertLoopbackOnly(requests) {
  const origin = new URL(site.base).origin;
  const away = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(away, [], "every request goes to the loopback server");
}

/** The texts of the charts (`selector`: their svg elements) drawn beyond their chart's sides. */
function textsOutsideCharts(page, selector) {
  return page.locator(selector).evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("text")].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1;
      }).map((t) => t.textContent);
    }));
}

/** Give files through the real file input and wait for the report to open. */
async function checkSeed(page, prefix) {
  await page.setInputFiles('input[type="file"]', seed(prefix));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
}

test("the page starts from loopback alone, in Chinese; its checker comes with the first file, then nothing", async (t) => {
  const { page, seen } = await open(t);
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.equal((await page.locator("h1").textContent()).trim(), "政府信息公开工作年度报告检查");
  const input = page.locator('input[type="file"]');
  assert.equal(await input.count(), 1);
  assert.ok(await input.isVisible(), "the file input is visible");
  assert.notEqual(await input.getAttribute("multiple"), null, "several files at once");
  assertLoopbackOnly(seen.requests);
  assert.deepEqual(seen.errors, [], "no script errors");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");
  await page.screenshot({ path: join(output, "app-start.png") });
  // The first download has no checker in it.
  assert.deepEqual(seen.requests.filter((u) => CHECKER_FILE.test(new URL(u).pathname)), [], "no checker before a file is given");
  assert.equal(await page.getAttribute("html", "data-locked"), null);

  // The first file brings the checker: its wasm once, its glue and the
  // workers' script; then the page's policy forbids connections.
  await checkSeed(page, "002");
  const loaded = seen.requests.slice(seen.atStart).map((u) => new URL(u).pathname);
  assert.deepEqual(loaded.filter((p) => !LATER_FILE.test(p)), [], "only the checker's files");
  assert.equal(loaded.filter((p) => p.endsWith("_bg.wasm")).length, 2, "the checker's wasm and the workspace part's, once each");
  assert.ok(loaded.some((p) => /^\/nianbao-checker-[0-9a-f]{16}\.js$/.test(p)), "its glue");
  assert.equal(await page.getAttribute("html", "data-locked"), "true");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");
  const outcome = await page.evaluate(async () => {
    try {
      await fetch("/index.html");
      return "fetched";
    } catch {
      return "refused";
    }
  });
  assert.equal(outcome, "refused", "a fetch is refused before it reaches the network");
  const before = seen.requests.length;
  await checkSeed(page, "003");
  assert.deepEqual(seen.requests.slice(before), [], "the next file: no request at all");
  assert.deepEqual(seen.errors, [], "no script errors");
  // The browser's words on the refused fetch, nothing else.
  assert.deepEqual(seen.console.filter((m) => !/index\.html/.test(m)), []);
});

test("seed 003: A004 and T001 with their rule ids, the A004 cell highlighted, charts drawn", async (t) => {
  const { page, seen } = await open(t);
  await checkSeed(page, "003");
  const report = page.locator("#report");
  assert.equal(await report.getAttribute("data-file"), basename(seed("003")));

  for (const rule of ["A004", "T001"]) {
    const finding = page.locator(`button.finding[data-rule="${rule}"]`);
    assert.equal(await finding.count(), 1, `one ${rule} finding`);
    assert.equal((await finding.locator(".rule").textContent()).trim(), rule);
    assert.ok(await finding.isVisible());
  }
  // A004 is an error: listed under 错误 with its icon and word.
  const errors = page.locator(".group-error");
  assert.match(await errors.locator("h3").textContent(), /错误/);
  assert.equal(await errors.locator('button.finding[data-rule="A004"]').count(), 1);
  assert.match(await page.locator('button.finding[data-rule="A004"] .expected').textContent(), /0/);
  assert.match(await page.locator('button.finding[data-rule="A004"] .actual').textContent(), /1/);

  // The total of 复议后起诉 is where A004 sits; its addends take part.
  const total = page.locator('td[data-cell="appeals.litigation_after_review.total"]');
  assert.match(await total.getAttribute("class"), /\bhl-strong\b/);
  assert.match(await total.getAttribute("title"), /^A004 /);
  assert.equal((await total.textContent()).replace("!", "").trim(), "1");
  const upheld = page.locator('td[data-cell="appeals.litigation_after_review.upheld"]');
  assert.match(await upheld.getAttribute("class"), /\bhl-related\b/);
  assert.doesNotMatch(await upheld.getAttribute("class"), /\bhl-strong\b/);

  // T001 is marked on the figure in the text.
  const mark = page.locator('mark.hl-strong[data-rules~="T001"]');
  assert.ok((await mark.count()) >= 1);
  assert.match(await mark.first().textContent(), /12/);

  // Four charts, each an SVG with a text alternative.
  const charts = page.locator(".charts figure.chart");
  assert.equal(await charts.count(), 4);
  for (const id of ["chart-applicants", "chart-outcomes", "chart-appeals", "chart-ratios"]) {
    const fig = page.locator(`#${id}`);
    assert.equal(await fig.locator("svg[role=img]").count(), 1, `${id} has an svg`);
    assert.ok((await fig.locator("svg rect").count()) > 0, `${id} draws bars`);
    assert.ok((await fig.locator(".sr-only table tbody tr").count()) > 0, `${id} has a data table`);
  }
  assert.equal(await page.locator('#chart-applicants .bar[data-key="natural_person"] .value').textContent(), "35");
  // The key ratios as bars on a 0–100 % track, their numbers shown and tabled.
  const ratios = page.locator("#chart-ratios");
  assert.deepEqual(await ratios.locator("svg g.stack").evaluateAll((gs) => gs.map((g) => g.dataset.key)), ["disclosed", "corrected"]);
  assert.equal(await ratios.locator("svg rect.track").count(), 2);
  const shown = await ratios.locator("svg g.stack .value").allTextContents();
  assert.equal(shown.length, 2);
  for (const v of shown) assert.match(v, /^\d{1,3}\.\d%$/);
  const tabled = await ratios.locator(".sr-only tbody tr").evaluateAll((rs) => rs.map((r) => [r.cells[0].textContent, r.cells[1].textContent]));
  assert.deepEqual(tabled, [["予以公开或部分公开占办结总数", shown[0]], ["行政复议结果纠正占比", shown[1]]]);
  // Seed 003: 1 of 7 reviews corrected.
  assert.equal(shown[1], "14.3%");
  const bar = await ratios.locator('g.stack[data-key="corrected"] rect:not(.track)').evaluate((r) => Number(r.getAttribute("width")));
  const track = await ratios.locator('g.stack[data-key="corrected"] rect.track').evaluate((r) => Number(r.getAttribute("width")));
  assert.ok(Math.abs(bar / track - 1 / 7) < 0.01, `the bar is ${bar} of ${track}`);
  await ratios.screenshot({ path: join(output, "app-003-ratios.png") });

  await page.screenshot({ path: join(output, "app-003.png") });
  await page.screenshot({ path: join(output, "app-003-full.png"), fullPage: true });

  // A click on the finding (here: by keyboard) brings its cell into view and focus.
  await page.locator('button.finding[data-rule="A004"]').focus();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "cell-appeals-litigation_after_review-total");
  assert.ok(await total.isVisible());
  await page.screenshot({ path: join(output, "app-003-a004.png") });

  // Filters: hiding errors hides A004 and its highlight.
  await page.locator(".chip.sev-error input").uncheck();
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 0);
  assert.doesNotMatch((await total.getAttribute("class")) ?? "", /hl-strong/);
  await page.locator(".chip.sev-error input").check();
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), [], "no request after start");
});

test("all five seeds at once: the batch table, sortable, rows open their report", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles('input[type="file"]', ALL_SEEDS.map(seed));
  const rows = page.locator("tr.batch-row");
  await batchChecked(page, 5, { timeout: 20_000 });
  assert.equal(await rows.count(), 5);
  const names = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.file));
  assert.deepEqual(names, ALL_SEEDS.map((p) => basename(seed(p))));
  // Every seed is a 2023 or 2024 report of the 2021 layout.
  const years = await rows.evaluateAll((rs) => rs.map((r) => r.children[3].textContent.trim()));
  for (const y of years) assert.match(y, /^202[34]$/);
  await page.screenshot({ path: join(output, "app-batch.png") });

  // The batch charts: in each, one bar group per file in the table's order,
  // and a data table naming every file.
  const files = ALL_SEEDS.map((p) => basename(seed(p)));
  const batchCharts = { "chart-batch-findings": 2, "chart-batch-outcomes": 6, "chart-batch-disclosed": 1 };
  for (const [id, parts] of Object.entries(batchCharts)) {
    const fig = page.locator(`.batch-charts #${id}`);
    assert.equal(await fig.locator("svg[role=img]").count(), 1, `${id} has an svg`);
    const groups = fig.locator("svg g.stack");
    assert.deepEqual(await groups.evaluateAll((gs) => gs.map((g) => g.dataset.key)), files, `${id}: one group per file`);
    for (const f of files) {
      const g = fig.locator(`svg g.stack[data-key="${f}"]`);
      assert.equal(await g.locator("rect:not(.track)").count(), parts, `${id} ${f}: ${parts} parts`);
      assert.equal(await g.locator(".label").textContent(), f, "the file name is the label");
    }
    const heads = await fig.locator(".sr-only tbody th").allTextContents();
    assert.equal(heads.length, files.length * parts, `${id}: a row per file and part`);
    for (const f of files) assert.ok(heads.some((h) => h.startsWith(f)), `${id}: a row names ${f}`);
  }
  // The figures agree with the table: errors and warnings of seed 003.
  const row003 = rows.nth(3);
  const [e003, w003] = await Promise.all(["errors", "warnings"].map((c) => row003.locator(`td[data-col="${c}"]`).textContent()));
  assert.equal(await page.locator(`#chart-batch-findings g.stack[data-key="${files[3]}"] .value`).textContent(), `✖${e003} ▲${w003}`);
  const findingCells = await page.locator("#chart-batch-findings .sr-only tbody tr").evaluateAll((rs) => rs.map((r) => r.cells[1].textContent));
  assert.deepEqual(findingCells.slice(6, 8), [e003, w003]);
  // Outcomes: the six groups in the legend; shares in per cent.
  assert.deepEqual(
    await page.locator("#chart-batch-outcomes .legend text").allTextContents(),
    ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"],
  );
  for (const v of await page.locator("#chart-batch-disclosed g.stack .value").allTextContents()) assert.match(v, /^\d{1,3}\.\d%$|^无数据$/);
  // Nothing drawn outside its chart.
  assert.deepEqual(await textsOutsideCharts(page, ".batch-charts svg"), [], "every label and value fits in its chart");
  await page.locator(".batch-charts").scrollIntoViewIfNeeded();
  await page.locator(".batch-charts").screenshot({ path: join(output, "app-batch-charts.png") });

  // Sorting by errors, most first: seed 003 (A004) leads.
  await page.locator("th button.sort", { hasText: "错误" }).click();
  await page.locator("th button.sort", { hasText: "错误" }).click();
  assert.equal(await page.locator("th[aria-sort]").getAttribute("aria-sort"), "descending");
  assert.equal(await rows.first().getAttribute("data-file"), basename(seed("003")));

  await rows.first().click();
  await page.locator("#report[data-check-ms]").waitFor();
  assert.equal(await page.locator("#report").getAttribute("data-file"), basename(seed("003")));
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  await page.screenshot({ path: join(output, "app-batch-open.png") });

  // Exports are made in the page: a download, no request.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
  const json = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(json.length, 5);
  assert.ok(json[3].diagnostics.some((d) => d.rule === "A004"));
  const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#export-findings").click()]);
  const text = readFileSync(await csv.path(), "utf8");
  assert.match(text, /^\ufeff文件,规则,严重程度,问题,表,行,列,行号,字,应为,实际,对比文件,位置\r?\n/);
  assert.match(text, /003_[0-9a-f]+\.txt,A004,错误,/);

  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), [], "no request after start");
});

/**
 * Text encoded in GB18030. Node decodes GB18030 but has no encoder: the codes
 * come from decoding every two-byte code at once (one character each).
 */
function gb18030(text) {
  const codes = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) codes.push([lead, trail]);
  }
  const chars = [...new TextDecoder("gb18030").decode(Uint8Array.from(codes.flat()))];
  assert.equal(chars.length, codes.length);
  const code = new Map(chars.map((c, i) => [c, codes[i]]));
  const out = [];
  for (const c of text) {
    if (c.codePointAt(0) < 0x80) out.push(c.codePointAt(0));
    else {
      assert.ok(code.has(c), `no two-byte GB18030 code for ${c}`);
      out.push(...code.get(c));
    }
  }
  return Buffer.from(out);
}

// The page has no GB18030 table of its own: it decodes with the browser's
// TextDecoder. A seed in GB18030 reads exactly as in UTF-8.
test("a GB18030 file reads as its UTF-8 original: same cells, sections and findings", async (t) => {
  const { page, seen } = await open(t);
  const text = readFileSync(seed("003"), "utf8");
  const gb = gb18030(text);
  assert.notDeepEqual(gb, Buffer.from(text));
  await page.setInputFiles('input[type="file"]', [
    { name: "003-utf8.txt", mimeType: "text/plain", buffer: Buffer.from(text) },
    { name: "003-gb18030.txt", mimeType: "text/plain", buffer: gb },
  ]);
  await batchChecked(page, 2, { timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
  const [utf8, gbk] = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(utf8.input.encoding, "utf-8");
  assert.equal(gbk.input.encoding, "gb18030");
  assert.ok(Object.keys(utf8.report.requests).length > 0 && utf8.report.sections.length === 6);
  assert.deepEqual(gbk.report, utf8.report);
  assert.deepEqual(gbk.diagnostics, utf8.diagnostics);
  assert.ok(gbk.diagnostics.some((d) => d.rule === "A004"));
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), []);
});

test("markup in a file name or a pasted text is shown as text", async (t) => {
  const { page, seen } = await open(t);
  const evil = `<img src=x onerror="window.__hit=1">`;
  const text = readFileSync(seed("003"), "utf8").replace("博爱县人民政府 2024", `博爱县${evil}<script>window.__hit=2</script>人民政府 2024`);
  await page.setInputFiles('input[type="file"]', {
    name: `<script>window.__hit=3<\/script>.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(text),
  });
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator("#report .file-name").textContent(), "<script>window.__hit=3</script>.txt");
  assert.match(await page.locator(".doc-body").textContent(), /<img src=x onerror=/);
  assert.equal(await page.locator("#report img, #report script").count(), 0);

  await page.locator(".paste summary").click();
  await page.locator("#paste-box").fill(`${evil}\n一、总体情况`);
  await page.locator(".paste .button").click();
  await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 2);
  assert.equal(await page.locator("main img").count(), 0);
  assert.equal(await page.evaluate(() => window.__hit), undefined);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), []);
});

test("English on request; at phone width nothing spills sideways", async (t) => {
  const { page, seen } = await open(t, { width: 390, height: 844 });
  await page.locator("button.lang").click();
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal((await page.locator("h1").textContent()).trim(), "Annual disclosure report checker");
  await checkSeed(page, "003");
  assert.match(await page.locator(".group-error h3").textContent(), /Error/);
  assert.match(await page.locator('button.finding[data-rule="A004"] .place').textContent(), /Table 4/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(output, "app-phone-en.png"), fullPage: true });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), []);
});

test("seed 002: time from giving the file to its findings", async (t) => {
  const { page, seen } = await open(t);
  const path = seed("002");
  // A warm-up check first (the first check also pays for compiling code paths).
  await checkSeed(page, "003");
  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.evaluate(() => { window.__t0 = performance.now(); });
  await page.setInputFiles('input[type="file"]', path);
  await page.locator("#findings .finding, #findings .empty-note").first().waitFor({ timeout: 15_000 });
  const shown = await page.evaluate(() => performance.now() - window.__t0);
  const report = page.locator("#report");
  const checkMs = Number(await report.getAttribute("data-check-ms"));
  const totalMs = Number(await report.getAttribute("data-total-ms"));
  await page.waitForSelector("#report[data-shown-ms]");
  const shownMs = Number(await report.getAttribute("data-shown-ms"));
  assert.ok(shownMs >= totalMs, "findings are shown after the result is ready");
  assert.ok(checkMs > 0 && checkMs < 2000, `check took ${checkMs} ms`);
  const timing = { file: basename(path), check_ms: checkMs, given_to_result_ms: totalMs, given_to_findings_rendered_ms: shownMs, seen_by_test_ms: Math.round(shown * 10) / 10 };
  t.diagnostic(JSON.stringify(timing));
  writeFileSync(join(output, "timing-002.json"), JSON.stringify(timing, null, 2));
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), []);
});

test("two years of one agency: cross-report findings and the side-by-side comparison", async (t) => {
  const { page, seen } = await open(t);
  const later = readFileSync(seed("003"), "utf8");
  // The same agency's report a year earlier: every year moved back by one.
  const earlier = later.replaceAll("2024", "2023").replaceAll("2025", "2024");
  await page.setInputFiles('input[type="file"]', [
    { name: "博爱县-2023.txt", mimeType: "text/plain", buffer: Buffer.from(earlier) },
    { name: "博爱县-2024.txt", mimeType: "text/plain", buffer: Buffer.from(later) },
  ]);
  await page.waitForFunction(() => document.querySelectorAll("tr.batch-row").length === 2 && !document.querySelector(".progress"));
  const cross = page.locator(".cross-list li");
  await cross.first().waitFor();
  const rules = await cross.locator(".rule").allTextContents();
  assert.ok(rules.includes("X003"), `cross findings: ${rules}`);
  await page.screenshot({ path: join(output, "app-two-years.png"), fullPage: true });

  // The later report lists them among its findings and compares its tables.
  await page.locator("tr.batch-row", { hasText: "博爱县-2024.txt" }).click();
  await page.locator("#report[data-check-ms]").waitFor();
  assert.ok((await page.locator('#findings button.finding[data-rule^="X"]').count()) >= 1);
  assert.match(await page.locator('#findings button.finding[data-rule="X003"] .other').first().textContent(), /博爱县-2023\.txt/);
  await page.locator("#open-compare").click();
  const compare = page.locator("section.compare");
  assert.equal(await compare.count(), 1);
  const cell = compare.locator('td[data-cell="requests.new.total"]');
  assert.equal(await cell.locator(".now").textContent(), "35");
  assert.match(await cell.locator(".before").textContent(), /35/);
  assert.match(await cell.locator(".delta").textContent(), /0$/);
  await compare.screenshot({ path: join(output, "app-compare.png") });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), []);
});

test("the batch charts in English at phone width: labels fit, nothing spills sideways", async (t) => {
  const { page, seen } = await open(t, { width: 390, height: 844 });
  await page.locator("button.lang").click();
  await page.setInputFiles('input[type="file"]', ALL_SEEDS.map(seed));
  await page.waitForFunction(() => document.querySelectorAll("#chart-batch-disclosed g.stack").length === 5 && !document.querySelector(".progress"), null, { timeout: 20_000 });
  assert.equal((await page.locator("#batch-charts-title").textContent()).trim(), "The reports side by side");
  assert.deepEqual(
    await page.locator("#chart-batch-outcomes .legend text").allTextContents(),
    ["disclosed", "partially disclosed", "withheld", "unavailable", "not processed", "other handling"],
  );
  assert.match(await page.locator("#chart-batch-findings .legend text").first().textContent(), /Errors/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  assert.deepEqual(await textsOutsideCharts(page, ".batch-charts svg"), [], "every label and value fits in its chart");
  await page.locator(".batch-charts").screenshot({ path: join(output, "app-batch-charts-phone-en.png") });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), []);
});

test("a file dropped anywhere in a wide window, outside the page's column, is checked", async (t) => {
  const { page, seen } = await open(t, { width: 1920, height: 1000 });
  const name = basename(seed("003"));
  const text = readFileSync(seed("003"), "utf8");
  // A point in the left margin, outside .page.
  const at = await page.evaluate(() => {
    const box = document.querySelector(".page").getBoundingClientRect();
    const x = Math.floor(box.left / 2), y = 400;
    const el = document.elementFromPoint(x, y);
    return { x, y, left: box.left, inPage: !!el?.closest(".page") };
  });
  assert.ok(at.left > 100, `the page's column leaves a margin (${at.left}px)`);
  assert.equal(at.inPage, false, "the point is outside .page");

  const drag = (type) =>
    page.evaluate(
      ([type, x, y, name, text]) => {
        window.__data ??= (() => {
          const d = new DataTransfer();
          d.items.add(new File([text], name, { type: "text/plain" }));
          return d;
        })();
        const target = document.elementFromPoint(x, y);
        const e = new DragEvent(type, { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, dataTransfer: window.__data });
        return { handled: !target.dispatchEvent(e), on: target.tagName + (target.id ? "#" + target.id : "") };
      },
      [type, at.x, at.y, name, text],
    );
  for (const type of ["dragenter", "dragover"]) {
    const r = await drag(type);
    assert.ok(r.handled, `${type} on ${r.on} is taken (default prevented)`);
  }
  // The overlay shows while a file is over the window.
  await page.locator(".page.dragging .drop-overlay").waitFor({ state: "visible", timeout: 5_000 });
  await page.screenshot({ path: join(output, "app-drop-overlay.png") });
  const dropped = await drag("drop");
  assert.ok(dropped.handled, "the drop is taken, not left to the browser");
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator("#report").getAttribute("data-file"), name);
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  assert.equal(await page.locator(".page.dragging").count(), 0, "the overlay is gone");

  // A drag that leaves the window hides the overlay again.
  await drag("dragover");
  await page.locator(".page.dragging").waitFor();
  await page.evaluate(() => document.body.dispatchEvent(new DragEvent("dragleave", { bubbles: true, dataTransfer: window.__data })));
  await page.locator(".page.dragging").waitFor({ state: "detached" });
  // Text dragged (not files) is left to the browser, e.g. into the paste box.
  const text_drag = await page.evaluate(() => {
    const d = new DataTransfer();
    d.setData("text/plain", "一、总体情况");
    return !document.body.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: d }));
  });
  assert.equal(text_drag, false, "a text drag is not taken");
  assert.equal(await page.locator("tr.batch-row").count(), 0, "one file, no batch");
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), []);
});
