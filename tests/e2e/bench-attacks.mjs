// Benchmark of the hostile files through the JavaScript module (not a test):
// each file of DIR (written by `cargo run --release -p nianbao-tests
// --example attacks -- DIR`) checked by dist/pkg under Node, one process a
// file, so that the peak resident size is the file's own. Prints one line a
// file: the time of the check, the module's memory after it, the process's
// peak, the result, and whether the next check (a seed) still works.
//   node bench-attacks.mjs DIR [DIST]
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const seed = join(here, "../fixtures/seeds/003_988e673ff9f8f84e.txt");

if (process.argv[2] === "--one") {
  const [pkg, file] = process.argv.slice(3);
  const mod = await import(pathToFileURL(join(pkg, "nianbao.js")).href);
  mod.initSync({ module: readFileSync(join(pkg, "nianbao_bg.wasm")) });
  mod.check(readFileSync(seed), "warm.txt");
  const bytes = readFileSync(file);
  const t0 = performance.now();
  let kind;
  try {
    const r = mod.check(bytes, basename(file));
    kind = r.error ? r.error.kind : `read: ${r.summary.errors} errors, ${r.summary.warnings} warnings`;
  } catch (e) {
    kind = `threw ${e.kind ?? e.message}`;
  }
  const ms = performance.now() - t0;
  const memory = mod.memoryBytes();
  const next = mod.check(readFileSync(seed), "003.txt");
  const mb = (n) => (n / 1048576).toFixed(0);
  console.log(
    `| ${basename(file)} | ${(ms / 1000).toFixed(2)} s | ${mb(memory)} MB | ${mb(process.resourceUsage().maxRSS * 1024)} MB | ${kind} | ${next.error ? "fails" : "checked"} |`,
  );
} else {
  const dir = resolve(process.argv[2] ?? ".");
  const pkg = join(resolve(process.argv[3] ?? join(here, "../../dist")), "pkg");
  console.log("| file | check | module memory after | process peak | result | next file |\n|---|--:|--:|--:|---|---|");
  for (const f of readdirSync(dir).sort()) {
    process.stdout.write(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--one", pkg, join(dir, f)], { encoding: "utf8" }));
  }
}
