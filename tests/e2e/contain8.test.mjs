// A very long document is not laid out whole: the page shows its beginning
// and says how much is left out. Runs against the built dist/ (NIANBAO_DIST).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { seed, useBrowser } from "./lib.mjs";

const site = useBrowser({ needs: ["index.html"] });

test("a report of 30,000 paragraphs shows the first 10,000 and says how many are left out; a real report is shown whole", async (t) => {
  const { page, seen } = await site.open(t);
  const lines = Array.from({ length: 30_000 }, (_, i) => `第${i + 1}条 本机关按照规定公开政府信息。`).join("\n");
  const text = `${readFileSync(seed("003"), "utf8")}\n${lines}\n`;
  await page.setInputFiles('input[type="file"]', { name: "long.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 30_000 });
  const note = page.locator(".doc-body .doc-cut");
  assert.match(await note.textContent(), /原文过长，以下 \d+ 个段落或表格未显示/);
  const left = Number((await note.textContent()).match(/以下 (\d+) 个/)[1]);
  const drawn = await page.locator(".doc-body > p.para:not(.doc-cut)").count();
  assert.ok(drawn <= 10_000 && drawn > 9_000, `paragraphs drawn: ${drawn}`);
  assert.ok(left >= 20_000, `left out: ${left}`);

  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.equal(await page.locator(".doc-body .doc-cut").count(), 0);
  assert.deepEqual(seen.errors, []);
});
