// A batch of more than a thousand reports: the list of files draws its first
// 200 rows (the browser's work on thousands of rows, drawn again as results
// arrive, held the page), says how many there are, and draws them all when
// asked. Headless Chromium against dist/:
//   cd tests/e2e && NIANBAO_DIST=$PWD/../../dist node --test long-lists.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { useBrowser } from "./lib.mjs";
import { makeReports } from "./reports.mjs";

const site = useBrowser({ needs: ["index.html"] });
const COUNT = 1_050;

test("a list of more than 1,000 files draws its first 200 rows, then all of them when asked", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-long-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = makeReports(dir, COUNT);

  const { page, seen } = await site.open(t);
  await page.setInputFiles('input[type="file"]', files);
  await page.waitForFunction(() => document.querySelector("section.batch") && !document.querySelector(".progress"), null, {
    timeout: 180_000,
    polling: 250,
  });
  assert.equal(await page.locator("section.batch").getAttribute("data-count"), String(COUNT));
  assert.equal(await page.locator("tr.batch-row").count(), 200);
  const more = page.locator("#batch-more");
  assert.equal(await more.getAttribute("data-rows"), String(COUNT));
  assert.match(await page.locator("p.more-rows").textContent(), new RegExp(`共 ${COUNT} 行，显示前 200 行`));
  // The rows drawn are the first of the list, in its order (the order given).
  const first = await page.locator("tr.batch-row").first().getAttribute("data-file");
  assert.equal(first, basename(files[0]));

  await more.click();
  await page.waitForFunction((n) => document.querySelectorAll("tr.batch-row").length === n, COUNT, { timeout: 30_000 });
  assert.equal(await page.locator("#batch-more").count(), 0);
  assert.equal(await page.locator("tr.batch-row td.waiting").count(), 0, "every file checked");
  const names = await page.locator("tr.batch-row").evaluateAll((rs) => rs.map((r) => r.dataset.file));
  assert.equal(new Set(names).size, COUNT);
  assert.deepEqual(seen.errors, []);
});
