// End-to-end tests of the built app (dist/) in headless Chromium, served on
// loopback. Run by `cargo xtask test` (which builds dist/ first), or alone:
//   cd tests/e2e && npm ci && node --test app.test.mjs
//
// Every request the page makes is recorded: all must go to the loopback server,
// and none may be made once the app has started.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const dist = resolve(process.env.NIANBAO_DIST ?? join(root, "dist"));
const shared = resolve(process.env.NIANBAO_SHARED ?? join(root, "../shared"));
const output = join(here, "output");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

// As on the machines this runs on: no sandbox (root), no GPU, and none of
// Chromium's own background traffic.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let server;
let base;
let browser;

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), `${dist}/index.html is missing: run \`cargo xtask dist\``);
  mkdirSync(output, { recursive: true });
  ({ server, url: base } = await serve(dist, 0));
  browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

function seed(prefix) {
  const dir = join(shared, "seeds");
  const name = readdirSync(dir).find((n) => n.startsWith(prefix));
  assert.ok(name, `no seed ${prefix} in ${dir}`);
  return join(dir, name);
}

/** As the page prints sizes (web/src/app/mod.rs, format_size). */
function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Open the app in a fresh context; resolves once it has started. */
async function open(t) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 }, serviceWorkers: "block" });
  t.after(() => context.close());
  const page = await context.newPage();
  const seen = { requests: [], errors: [], console: [] };
  context.on("request", (r) => seen.requests.push(r.url()));
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") seen.console.push(m.text());
  });
  await page.goto(base, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  await page.locator("h1").waitFor();
  seen.atStart = seen.requests.length;
  seen.afterStart = () => seen.requests.slice(seen.atStart);
  return { page, seen };
}

function assertLoopbackOnly(requests) {
  const origin = new URL(base).origin;
  const away = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(away, [], "every request goes to the loopback server");
  for (const u of requests) assert.equal(new URL(u).hostname, "127.0.0.1");
}

test("the page starts from loopback alone, then can make no request", async (t) => {
  const { page, seen } = await open(t);
  assert.equal(await page.title(), "nianbao 年报检查");
  assert.equal((await page.locator("h1").textContent()).trim(), "nianbao 年报检查");
  const input = page.locator('input[type="file"]');
  assert.equal(await input.count(), 1);
  assert.ok(await input.isVisible(), "the file input is visible");
  assert.ok(await input.evaluate((e) => e.multiple), "the input takes several files");

  assertLoopbackOnly(seen.requests);
  const files = seen.requests.map((u) => new URL(u).pathname);
  t.diagnostic(`requests while loading: ${files.join(" ")}`);
  assert.ok(files.some((p) => p.endsWith(".wasm")), "the wasm came from the server");
  assert.deepEqual(seen.errors, [], "no script errors");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");

  // Once started, the page's policy forbids connections: a fetch is refused
  // before it reaches the network.
  const outcome = await page.evaluate(async () => {
    try {
      await fetch("/index.html");
      return "fetched";
    } catch {
      return "refused";
    }
  });
  assert.equal(outcome, "refused");
  assert.ok(seen.console.some((m) => m.includes("Content Security Policy")), seen.console.join("\n"));
  await page.screenshot({ path: join(output, "start.png"), fullPage: true });
  assert.deepEqual(seen.afterStart(), [], "no request after start");
});

test("an unreadable file shows its name, size and why it cannot be read", async (t) => {
  const { page, seen } = await open(t);
  const ole = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  await page.setInputFiles('input[type="file"]', { name: "2024年报.doc", mimeType: "application/msword", buffer: ole });
  const file = page.locator(".file").first();
  assert.equal(await file.locator(".name").textContent(), "2024年报.doc");
  assert.equal(await file.locator(".size").textContent(), "512 B");
  const failed = file.locator(".status.failed");
  await failed.waitFor({ timeout: 10_000 });
  assert.match(await failed.textContent(), /旧版 Word.*\.docx/);
  await page.screenshot({ path: join(output, "unreadable.png"), fullPage: true });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), [], "no request after start");
});

test("a seed report shows its name and size", async (t) => {
  const { page, seen } = await open(t);
  const path = seed("003");
  await page.setInputFiles('input[type="file"]', path);
  const file = page.locator(".file").first();
  await file.waitFor();
  assert.equal(await file.locator(".name").textContent(), basename(path));
  assert.equal(await file.locator(".size").textContent(), formatSize(statSync(path).size));
  await page.screenshot({ path: join(output, "seed.png"), fullPage: true });
  assert.deepEqual(seen.afterStart(), [], "no request after start");
});

test("a seed report is checked and its findings counted", async (t) => {
  const { page, seen } = await open(t);
  await page.setInputFiles('input[type="file"]', seed("003"));
  const summary = page.locator(".file .status.summary");
  await summary.waitFor({ timeout: 10_000 });
  // Seed 003 has at least the A004 error (FORMAT.md §4).
  assert.match(await summary.textContent(), /错误 [1-9]/);
  await page.screenshot({ path: join(output, "seed-checked.png"), fullPage: true });
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.afterStart(), [], "no request after start");
});
