// A folder dragged from the desktop onto the page (a real drop: the browser is
// told by the DevTools protocol that a folder of the disk is dropped, and the
// page reads it through the entries of the drop, as from a file manager) is a
// batch: every report in it and in its subfolders is checked, named by its
// path from the folder dropped, and the files that are no reports are listed
// as skipped. Headless Chromium against dist/:
//   cd tests/e2e && NIANBAO_DIST=$PWD/../../dist node --test folder-drop.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { batchChecked, dropPaths, fixtures, output, seed, useBrowser } from "./lib.mjs";
import { PNG } from "./zip.mjs";

const site = useBrowser({ needs: ["index.html"] });

test("a folder dropped on the page: each report in it and its subfolders checked, named by its path; the rest skipped", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-drop-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // 年报/ holds a report, two folders of reports (one inside the other) and
  // two files that are no reports.
  const folder = join(dir, "年报");
  mkdirSync(join(folder, "2023"), { recursive: true });
  mkdirSync(join(folder, "2024", "区县"), { recursive: true });
  copyFileSync(seed("000"), join(folder, basename(seed("000"))));
  copyFileSync(seed("001"), join(folder, "2023", basename(seed("001"))));
  copyFileSync(seed("003"), join(folder, "2024", basename(seed("003"))));
  copyFileSync(join(fixtures, "docx/004.docx"), join(folder, "2024", "区县", "004.docx"));
  writeFileSync(join(folder, "2024", "说明.css"), "body { color: red }\n");
  writeFileSync(join(folder, "封面.png"), PNG);

  const { page, seen } = await site.open(t, { viewport: { width: 1366, height: 900 } });
  await dropPaths(page, [folder]);
  const names = await batchChecked(page, 4);
  assert.deepEqual(names.sort(), [
    "年报/" + basename(seed("000")),
    "年报/2023/" + basename(seed("001")),
    "年报/2024/" + basename(seed("003")),
    "年报/2024/区县/004.docx",
  ].sort());
  // Each one was read and checked: its row counts its errors and warnings
  // (a file that could not be read says so in their place); seed 003 has
  // its errors (A004 among them).
  const counted = await page.locator("tr.batch-row").evaluateAll((rs) =>
    Object.fromEntries(rs.map((r) => [r.dataset.file, r.querySelector('td[data-col="errors"]')?.textContent ?? r.textContent])));
  for (const [name, errors] of Object.entries(counted)) assert.match(errors, /^\d+$/, `${name} is checked`);
  assert.ok(Number(counted["年报/2024/" + basename(seed("003"))]) >= 1, JSON.stringify(counted));
  // The files that are no reports are listed, each with its reason.
  const skipped = page.locator("#skipped");
  assert.equal(await skipped.getAttribute("data-count"), "2");
  await skipped.locator("summary").click();
  const listed = await skipped.locator("li").evaluateAll((ls) => ls.map((l) => [l.querySelector(".name").textContent, l.dataset.reason]).sort());
  assert.deepEqual(listed, [["年报/2024/说明.css", "other-kind"], ["年报/封面.png", "picture"]]);
  // A report of a subfolder opens with its findings, as the same file alone would.
  await page.locator(`tr.batch-row[data-file="年报/2024/${basename(seed("003"))}"] button.link`).click();
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("#report").getAttribute("data-file"), "年报/2024/" + basename(seed("003")));
  assert.equal(await page.locator('button.finding[data-rule="A004"]').count(), 1);
  await page.screenshot({ path: join(output, "folder-drop.png"), fullPage: true });
  assert.deepEqual(seen.errors, []);
});
