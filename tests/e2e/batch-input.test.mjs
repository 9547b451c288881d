// End-to-end tests of what the page takes besides single files: a .zip of
// reports (nested one level, names in GBK as Windows writes them) and a folder
// are a batch, one result per report named by its path in the zip or folder,
// and the files in them that are no reports are skipped and listed; a Word
// 97–2003 .doc reads as its .docx does. Headless Chromium against dist/:
//   cd tests/e2e && node --test batch-input.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { batchChecked, fixtures, output, seed, useBrowser } from "./lib.mjs";
import { makeReports } from "./reports.mjs";
import { GBK_NIANBAO, PNG, gbkName, zip } from "./zip.mjs";

const site = useBrowser({ needs: ["index.html"] });

/** The page (`path`: another page of dist/) in a fresh context, started; its errors recorded. */
function open(t, path = "") {
  return site.open(t, { path, viewport: { width: 1366, height: 900 } });
}

/** The rules found in the report shown, each as often as found, sorted. */
async function rulesShown(page) {
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  return (await page.locator("button.finding[data-rule]").evaluateAll((bs) => bs.map((b) => b.dataset.rule))).sort();
}


/** A zip as an agency's office sends one: reports in a folder named in GBK,
 * a zip inside with one more, a picture and a file of macOS's archiver. */
function reportsZip() {
  const inner = zip([{ name: basename(seed("004")), data: readFileSync(seed("004")) }]);
  return zip([
    ...["000", "001", "002", "003"].map((p) => ({ name: gbkName(GBK_NIANBAO, "/" + basename(seed(p))), data: readFileSync(seed(p)) })),
    { name: "more.zip", data: inner },
    { name: "logo.png", data: PNG },
    { name: "__MACOSX/._logo.png", data: Buffer.from([0, 5, 22, 7]) },
  ]);
}

const ZIP_NAMES = [
  ...["000", "001", "002", "003"].map((p) => "年报/" + basename(seed(p))),
  "more.zip/" + basename(seed("004")),
].sort();

test("a zip of reports is a batch: one result per report, named by its path in the zip; the rest skipped and listed", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles("#file-input", { name: "reports.zip", mimeType: "application/zip", buffer: reportsZip() });
  const names = await batchChecked(page, 5, { progress: false });
  assert.deepEqual(names.sort(), ZIP_NAMES);
  // Every one was read and checked: none failed.
  assert.equal(await page.locator("tr.batch-row td.unreadable").count(), 0);
  const skipped = page.locator("#skipped");
  assert.equal(await skipped.getAttribute("data-count"), "2");
  await skipped.locator("summary").click();
  const listed = await skipped.locator("li").evaluateAll((ls) => ls.map((l) => [l.querySelector(".name").textContent, l.dataset.reason]));
  assert.deepEqual(listed, [["logo.png", "picture"], ["__MACOSX/._logo.png", "system-file"]]);
  // A report of the zip opens with its findings, as the same file alone would.
  await page.locator(`tr.batch-row[data-file="年报/${basename(seed("003"))}"] button.link`).click();
  assert.ok((await rulesShown(page)).includes("A004"));
  await page.screenshot({ path: join(output, "batch-zip.png"), fullPage: true });
  assert.deepEqual(seen.errors, []);
});

test("a zip nested too deep is refused with the core's message, not checked", async (t) => {
  const { page, seen } = await open(t);
  // Ten deep, one report at the bottom.
  let deep = zip([{ name: "r.txt", data: readFileSync(seed("003")) }]);
  for (let i = 0; i < 10; i++) deep = zip([{ name: `level${i}.zip`, data: deep }]);
  await page.setInputFiles("#file-input", [
    { name: "deep.zip", mimeType: "application/zip", buffer: deep },
    { name: basename(seed("000")), mimeType: "text/plain", buffer: readFileSync(seed("000")) },
  ]);
  const names = await batchChecked(page, 2, { progress: false });
  assert.deepEqual(names.sort(), ["deep.zip", basename(seed("000"))].sort());
  await page.locator('tr.batch-row[data-file="deep.zip"] button.link').click();
  await page.locator("#report.failed").waitFor({ timeout: 10_000 });
  assert.match(await page.locator("#report.failed").textContent(), /压缩包/);
  assert.deepEqual(seen.errors, []);
});

test("a folder chosen is a batch: one result per report, named by its path; other files skipped", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-folder-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const folder = join(dir, "reports");
  mkdirSync(join(folder, "2024"), { recursive: true });
  for (const p of ["000", "001", "002"]) copyFileSync(seed(p), join(folder, basename(seed(p))));
  copyFileSync(seed("003"), join(folder, "2024", basename(seed("003"))));
  copyFileSync(join(fixtures, "doc/004.doc"), join(folder, "2024", "004.doc"));
  writeFileSync(join(folder, "style.css"), "body { color: red }\n");
  writeFileSync(join(folder, "2024", "scan.png"), PNG);

  const { page, seen } = await open(t);
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.locator("#choose-folder").click()]);
  await chooser.setFiles(folder);
  const names = await batchChecked(page, 5, { progress: false });
  assert.deepEqual(names.sort(), [
    ...["000", "001", "002"].map((p) => "reports/" + basename(seed(p))),
    "reports/2024/" + basename(seed("003")),
    "reports/2024/004.doc",
  ].sort());
  assert.equal(await page.locator("#skipped").getAttribute("data-count"), "2");
  const reasons = await page.locator("#skipped li").evaluateAll((ls) => ls.map((l) => [l.querySelector(".name").textContent, l.dataset.reason]).sort());
  assert.deepEqual(reasons, [["reports/2024/scan.png", "picture"], ["reports/style.css", "other-kind"]]);
  // The picker is gone once it has answered: one file input on the page.
  assert.equal(await page.locator('input[type="file"]').count(), 1);
  // Paste still works beside them.
  await page.locator("details.paste summary").click().catch(() => {});
  await page.locator("#paste-box").fill(readFileSync(seed("001"), "utf8"));
  await page.locator("details.paste button").click();
  // (A report of the same agency and year takes the place of the one
  // checked before, so the list keeps its length.)
  await page.waitForFunction(() => [...document.querySelectorAll("tr.batch-row")].some((r) => !r.dataset.file.startsWith("reports/")), null, { timeout: 20_000 });
  await page.screenshot({ path: join(output, "batch-folder.png"), fullPage: true });
  assert.deepEqual(seen.errors, []);
});

// A file of a folder is read where it is checked, some time after it was
// chosen. One that is gone by then (deleted, moved, changed) is said to be
// unreadable, in its row, with the reason; it is not checked as an empty file,
// and the files after it are checked. In workers and on the page's own thread.
for (const [how, path] of [["in workers", ""], ["on the page's own thread", "?workers=0"]]) {
  test(`a file of a folder deleted after it was chosen is said to be unreadable, the rest checked (${how})`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-gone-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const folder = join(dir, "reports");
    mkdirSync(folder);
    // The folder's files are checked in the order of their names: the last
    // is read after 80 others, well after the test has deleted it.
    const made = makeReports(folder, 81);
    const gone = made.at(-1);
    const { page, seen } = await open(t, path);
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.locator("#choose-folder").click()]);
    await chooser.setFiles(folder);
    rmSync(gone);
    const names = await batchChecked(page, 81, { progress: false, timeout: 120_000 });
    assert.equal(names.length, 81);
    const failed = await page.locator("tr.batch-row:has(td.unreadable)").evaluateAll((rs) =>
      rs.map((r) => [r.dataset.file, r.querySelector("td.unreadable").textContent]));
    assert.equal(failed.length, 1, JSON.stringify(failed));
    assert.equal(failed[0][0], "reports/" + basename(gone));
    assert.match(failed[0][1], /无法打开文件：浏览器读不到它/);
    assert.doesNotMatch(failed[0][1], /空/);
    // The others were checked: each row counts its errors.
    const counted = await page.locator('tr.batch-row td[data-col="errors"]').count();
    assert.equal(counted, 80);
    assert.deepEqual(seen.errors, []);
  });
}

test("a .doc (Word 97–2003) checks with the same findings as its .docx", async (t) => {
  for (const n of ["003", "004"]) {
    const found = {};
    for (const ext of ["docx", "doc"]) {
      const { page, seen } = await open(t);
      await page.setInputFiles("#file-input", join(fixtures, ext, `${n}.${ext}`));
      found[ext] = await rulesShown(page);
      assert.doesNotMatch(await page.locator("#report").textContent(), /另存为/, "no message to save it as .docx");
      assert.deepEqual(seen.errors, []);
    }
    assert.ok(found.docx.length > 0, `${n}.docx has findings`);
    assert.deepEqual(found.doc, found.docx, `${n}.doc`);
  }
});

test("an OFD checks in the page", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles("#file-input", join(fixtures, "ofd/seed-003.ofd"));
  assert.ok((await rulesShown(page)).includes("A004"));
  assert.match(await page.locator("#report").textContent(), /OFD/);
  assert.deepEqual(seen.errors, []);
});

test("the single-file offline page takes a zip too (its checker on the page)", async (t) => {
  const { page, seen } = await open(t, "nianbao-offline.html");
  await page.setInputFiles("#file-input", { name: "reports.zip", mimeType: "application/zip", buffer: reportsZip() });
  const names = await batchChecked(page, 5, { progress: false });
  assert.deepEqual(names.sort(), ZIP_NAMES);
  assert.equal(await page.locator("#skipped").getAttribute("data-count"), "2");
  assert.deepEqual(seen.errors, []);
});
