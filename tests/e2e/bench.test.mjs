// The benchmark page (dist/bench.html, run by `cargo xtask bench`) loads the
// JavaScript module and times a file: a smoke test, one iteration a round.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launch } from "./browser.mjs";
import { serve } from "./serve.mjs";

const root = resolve(import.meta.dirname, "../..");
const dist = resolve(process.env.NIANBAO_DIST ?? join(root, "dist"));
const shared = resolve(process.env.NIANBAO_SHARED ?? join(root, "../shared"));

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
    const dir = join(shared, "seeds");
    const name = readdirSync(dir).find((n) => n.startsWith("003"));
    const text = readFileSync(join(dir, name), "utf8");
    const rows = await page.evaluate(
      ({ name, text }) => window.nianbaoBench([{ name, bytes: new TextEncoder().encode(text) }], 1),
      { name, text },
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].kind, "txt");
    assert.equal(rows[0].files, 1);
    assert.ok(rows[0].reportsPerSecond > 0, JSON.stringify(rows));
    // One iteration asked for: one in each of the five rounds.
    assert.equal(rows[0].rounds, 5);
    assert.equal(rows[0].iterations, 5);
    assert.match(await page.locator("#out").textContent(), /txt\s+1 files × 5/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
