// The benchmark page (dist/bench.html, run by `cargo xtask bench`) loads the
// JavaScript module and times a file through both functions it times
// (`checkJson`, `check`): a smoke test, ten iterations a round (a round of one
// check can be shorter than the browser clock's 0.1 ms step and time as 0).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { seed, useBrowser } from "./lib.mjs";

const site = useBrowser({ needs: ["bench.html"] });

test("the benchmark page loads the module and times seed 003", async (t) => {
  // (Playwright's own viewport, 1280×720.)
  const { page, seen } = await site.context(t, { viewport: { width: 1280, height: 720 } });
  await page.goto(new URL("bench.html", site.base).href);
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  const name = basename(seed("003"));
  const text = readFileSync(seed("003"), "utf8");
  const rows = await page.evaluate(
    ({ name, text }) => window.nianbaoBench([{ name, bytes: new TextEncoder().encode(text) }], 50),
    { name, text },
  );
  // One row per function timed: the JSON text first, then the objects.
  assert.deepEqual(rows.map((r) => r.via), ["checkJson", "check"], JSON.stringify(rows));
  for (const row of rows) {
    assert.equal(row.kind, "txt");
    assert.equal(row.files, 1);
    assert.ok(row.reportsPerSecond > 0, JSON.stringify(rows));
    // 50 iterations asked for: ten in each of the five rounds.
    assert.equal(row.rounds, 5);
    assert.equal(row.iterations, 50);
  }
  const shown = await page.locator("#out").textContent();
  assert.match(shown, /txt\s+1 files × 50\s+checkJson/);
  assert.match(shown, /txt\s+1 files × 50\s+check\s/);
  assert.deepEqual(seen.errors, []);
});
