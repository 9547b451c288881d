// Reports printed from a browser: each HTML fixture printed by headless
// Chromium to PDF on small paper (A6), so that its tables break across pages
// with their header rows repeated, reads with the same cells and the same
// findings as the HTML itself. Checked with the JavaScript module (dist/pkg),
// the core the command line and the page share.

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dist, output as outputs, root, useBrowser } from "./lib.mjs";

const html = join(root, "tests/fixtures/html");
const output = join(outputs, "printed");

// The browser alone: nothing is served.
const site = useBrowser({ needs: ["pkg/nianbao.js"], serve: false });
let mod;

before(async () => {
  const pkg = join(dist, "pkg");
  mod = await import(pathToFileURL(join(pkg, "nianbao.js")).href);
  mod.initSync({ module: readFileSync(join(pkg, "nianbao_bg.wasm")) });
  mkdirSync(output, { recursive: true });
});

/** Every cell read (table, row, column → value), in a stable order. */
function cells(result) {
  const out = [];
  for (const table of ["proactive", "requests", "appeals"]) {
    for (const [row, columns] of Object.entries(result.report[table] ?? {})) {
      for (const [column, value] of Object.entries(columns ?? {})) out.push(`${table}/${row}/${column}=${value}`);
    }
  }
  return out.sort();
}

/** Each finding by its rule, severity and cell (places differ between the two). */
function findings(result) {
  return result.diagnostics.map((d) => `${d.rule} ${d.severity} ${d.at?.cell ? JSON.stringify(d.at.cell) : ""}`).sort();
}

const fixtures = readdirSync(html).filter((n) => /^\d{3}\.html$/.test(n));

test("there are HTML fixtures to print", () => {
  assert.ok(fixtures.length >= 5, fixtures.join(" "));
});

for (const name of fixtures) {
  test(`${name} printed by Chromium on A6 reads as the page itself`, async (t) => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    t.after(() => context.close());
    const page = await context.newPage();
    // Nothing is fetched: the fixture is given as the page's content.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(readFileSync(join(html, name), "utf8"), { waitUntil: "load" });
    const pdf = await page.pdf({ format: "A6", printBackground: false });
    const pdfName = name.replace(/\.html$/, "-a6.pdf");
    writeFileSync(join(output, pdfName), pdf);

    const fromHtml = mod.check(readFileSync(join(html, name)), name);
    const fromPdf = mod.check(pdf, pdfName);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 4, `${pdfName}: ${pages} pages, the tables must break across pages`);
    assert.ok(cells(fromHtml).length > 0, "the HTML has its tables");
    assert.deepEqual(cells(fromPdf), cells(fromHtml), `${pdfName}: the same cells`);
    assert.deepEqual(findings(fromPdf), findings(fromHtml), `${pdfName}: the same findings`);
  });
}
