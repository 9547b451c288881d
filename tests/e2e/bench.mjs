// The browser side of `cargo xtask bench`: serves dist/ on loopback, opens
// bench.html in headless Chromium and times the given files through the
// JavaScript module (dist/pkg), in the loop of www/bench.js.
//   node bench.mjs DIST ITERATIONS FILE…
// Prints one JSON object per kind of file (as the native example does).

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { launch } from "./browser.mjs";
import { serve } from "./serve.mjs";

const [dist, iterations, ...paths] = process.argv.slice(2);
if (!dist || !(Number(iterations) > 0) || paths.length === 0) {
  console.error("usage: node bench.mjs DIST ITERATIONS FILE…");
  process.exit(2);
}

const { server, url } = await serve(dist, 0);
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(new URL("bench.html", url).href);
  await page.waitForSelector("html[data-ready]", { timeout: 30_000 }).catch(() => {
    throw new Error(`bench.html did not start: ${errors.join("; ") || "no error reported"}`);
  });
  const files = paths.map((p) => ({ name: basename(p), b64: readFileSync(p).toString("base64") }));
  const rows = await page.evaluate(
    ({ files, iterations }) => {
      const decoded = files.map(({ name, b64 }) => ({ name, bytes: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) }));
      return window.nianbaoBench(decoded, iterations);
    },
    { files, iterations: Number(iterations) },
  );
  for (const row of rows) console.log(JSON.stringify(row));
} finally {
  await browser.close();
  server.close();
}
