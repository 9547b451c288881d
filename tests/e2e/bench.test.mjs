// The benchmark page (dist/bench.html, run by `cargo xtask bench`) loads the
// JavaScript module and times a file through both functions it times
// (`checkJson`, `check`): a smoke test, ten iterations a round (a round of one
// check can be shorter than the browser clock's 0.1 ms step and time as 0).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launch } from "./browser.mjs";
import { serve } from "./serve.mjs";

const root = resolve(import.meta.dirname, "../..");
const dist = resolve(process.env.NIANBAO_DIST ?? join(root, "dist"));
const seeds = join(root, "tests/fixtures/seeds");

test("the benchmark page loads the module and times seed 003", async () => {
  assert.ok(existsSync(join(dist, "bench.html")), `${dist}/bench.html is missing: run \`cargo xtask dist\``);
  const { server, url } = await serve(dist, 0);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(new URL("bench.html", url).href);
    await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
    const name = readdirSync(seeds).find((n) => n.startsWith("003"));
    const text = readFileSync(join(seeds, name), "utf8");
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
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
