// End-to-end tests of the three ways to use the checker besides the hosted page,
// and of the hosted page's offline use. Run by `cargo xtask test` (which builds
// dist/ first), or alone: cd tests/e2e && node --test embed.test.mjs
//
// - dist/nianbao-offline.html, copied alone into an empty folder and opened
//   from disk, checks seed 003 through its file input with no request at all;
// - the <nianbao-check> widget on a portal page with hostile CSS (dist/
//   embed-demo.html) stays intact and tells the page its results;
// - the JavaScript module (dist/pkg) gives the command line's JSON, under Node
//   and in the browser;
// - the hosted page keeps working offline once its service worker is in;
// - the offline page and the widget check in a web worker made from a blob:
//   URL: a file over the time limit is stopped while the page goes on
//   painting, and the next file is checked; a portal whose policy forbids
//   such workers gets the checker on its own thread;
// - the module checks a size before it copies, and refuses a name or bytes
//   of the wrong type with a TypeError.
// Every request is recorded: all go to loopback (for file://, none but the file).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import diagnostics_channel from "node:diagnostics_channel";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { batchChecked, dist, output, root, seed, useBrowser } from "./lib.mjs";
import { slowPdf } from "./slow.mjs";
import { serve } from "./serve.mjs";
import { GBK_NIANBAO, PNG, gbkName, zip } from "./zip.mjs";

const site = useBrowser({ needs: ["nianbao-offline.html", "nianbao-embed.js", "embed-demo.html", "sw.js", "pkg/nianbao.js"] });

/** The command line's JSON for a seed (run from the seeds' folder, so that the
 * file name in the result is the bare name, as the browser gives it). */
function cliJson(path) {
  // The binary the native tests built when `cargo xtask test` names it; else cargo builds it.
  const [program, args] = process.env.NIANBAO_CLI
    ? [process.env.NIANBAO_CLI, []]
    : [process.env.NIANBAO_CARGO ?? "cargo", ["run", "-q", "-p", "nianbao-cli", "--manifest-path", join(root, "Cargo.toml"), "--"]];
  const r = spawnSync(program, [...args, "check", "--format", "json", basename(path)], {
    cwd: dirname(path),
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  assert.ok(r.status === 0 || r.status === 1, `the CLI failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A fresh context whose every request and error is recorded. */
function context(t, options = {}) {
  return site.context(t, { viewport: { width: 1366, height: 900 }, ...options });
}

/** The result the widget `id` of the page tells for `text` given it from script (its `checkText`). */
function widgetCheckText(page, id, text, name) {
  return page.evaluate(
    ([id, text, name]) =>
      new Promise((ok) => {
        const el = document.getElementById(id);
        el.addEventListener("nianbao-result", (e) => ok(e.detail), { once: true });
        el.checkText(text, name);
      }),
    [id, text, name],
  );
}

function assertLoopbackOnly(requests) {
  const away = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).hostname !== "127.0.0.1");
  assert.deepEqual(away, [], "every request goes to the loopback server");
}

test("the offline page, alone in an empty folder, checks seed 003 from file:// with no request", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-offline-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "nianbao-offline.html");
  copyFileSync(join(dist, "nianbao-offline.html"), file);
  assert.deepEqual(readdirSync(dir), ["nianbao-offline.html"]);

  const { page, seen } = await context(t);
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator("#report[data-check-ms]").waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("#report").getAttribute("data-file"), basename(seed("003")));
  for (const rule of ["A004", "T001"]) {
    const finding = page.locator(`button.finding[data-rule="${rule}"]`);
    assert.equal(await finding.count(), 1, `one ${rule} finding`);
    assert.ok(await finding.isVisible(), `${rule} is visible`);
    assert.equal((await finding.locator(".rule").textContent()).trim(), rule);
  }
  // The full app: highlights, charts, the exports.
  assert.match(await page.locator('td[data-cell="appeals.litigation_after_review.total"]').getAttribute("class"), /\bhl-strong\b/);
  assert.equal(await page.locator(".charts figure.chart svg[role=img]").count(), 4);
  const download = page.waitForEvent("download");
  await page.locator("#export-json").click();
  const saved = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  assert.ok(saved.diagnostics.some((d) => d.rule === "A004"));
  await page.screenshot({ path: join(output, "offline-003.png") });

  // Several files: the batch table.
  await page.setInputFiles('input[type="file"]', [seed("000"), seed("002")]);
  await batchChecked(page, 3, { progress: false, timeout: 20_000 });

  // Saved by the browser (the page as drawn, scripts included) and opened
  // again: it starts afresh and checks.
  const copy = join(dir, "saved.html");
  writeFileSync(copy, await page.content());
  const copyUrl = pathToFileURL(copy).href;
  await page.goto(copyUrl, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
  assert.equal(await page.locator(".page").count(), 1, "one app, not two");
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator('button.finding[data-rule="A004"]').waitFor({ timeout: 20_000 });

  // (The checker's workers are made from blob: URLs, by the page itself.)
  const others = seen.requests.filter((u) => u !== url && u !== copyUrl && !u.startsWith("blob:"));
  assert.deepEqual(others, [], "no request but the file itself");
  assert.deepEqual(seen.errors, [], "no script errors");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");
});

test("the widget on a portal with hostile CSS: intact, two instances, results as events", async (t) => {
  const { page, seen } = await context(t);
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));

  // The portal's CSS reaches its own page…
  const portal = await page.evaluate(() => getComputedStyle(document.querySelector("h1")).fontFamily);
  assert.match(portal, /serif/);
  // …but not the widget: its own fonts, colours and layout, inputs visible.
  const zh = page.locator("#checker-zh");
  const inside = await zh.evaluate((el) => {
    const s = el.shadowRoot;
    const style = (sel) => {
      const c = getComputedStyle(s.querySelector(sel));
      return { font: c.fontFamily, size: c.fontSize, color: c.color, display: c.display, transform: c.textTransform };
    };
    return { h1: style("h1"), page: style(".page"), input: style('input[type="file"]'), host: getComputedStyle(el).display };
  });
  assert.equal(inside.host, "block");
  assert.doesNotMatch(inside.h1.font, /^serif$/);
  assert.match(inside.h1.font, /system-ui|sans-serif/);
  assert.equal(inside.h1.size, "20px");
  assert.notEqual(inside.h1.color, "rgb(255, 0, 0)");
  assert.equal(inside.h1.transform, "none");
  assert.equal(inside.page.display, "block");
  assert.equal(inside.page.size, "16px");
  assert.notEqual(inside.input.display, "none");
  await assert.doesNotReject(zh.locator('input[type="file"]').waitFor({ state: "visible", timeout: 5_000 }));
  assert.equal((await zh.locator("h1").textContent()).trim(), "政府信息公开工作年度报告检查");
  // The English, compact instance beside it.
  const en = page.locator("#checker-en");
  assert.match(await en.locator("h1").textContent(), /[A-Za-z]/);
  assert.equal(await en.locator(".page.compact").count(), 1);
  assert.equal(await en.locator(".intro").count(), 0);
  // The widget's own CSS does not leak out.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("main")).display), "block");
  await page.screenshot({ path: join(output, "embed-demo-start.png"), fullPage: true });

  // The person gives a file in one widget; the portal hears the result.
  const heard = page.evaluate(
    () => new Promise((ok) => document.addEventListener("nianbao-result", (e) => ok({ id: e.target.id, detail: e.detail }), { once: true })),
  );
  await zh.locator('input[type="file"]').setInputFiles(seed("003"));
  const first = await heard;
  assert.equal(first.id, "checker-zh");
  assert.equal(first.detail.file, basename(seed("003")));
  const rules = first.detail.diagnostics.map((d) => d.rule);
  assert.ok(rules.includes("A004") && rules.includes("T001"), rules.join(" "));
  await zh.locator('button.finding[data-rule="A004"]').waitFor();
  assert.ok(await zh.locator('button.finding[data-rule="T001"]').isVisible());
  assert.match(await zh.locator('td[data-cell="appeals.litigation_after_review.total"]').getAttribute("class"), /\bhl-strong\b/);
  // A finding brings its cell into view and focus, inside the shadow root.
  await zh.locator('button.finding[data-rule="A004"]').click();
  await page.waitForFunction(
    () => document.getElementById("checker-zh").shadowRoot.activeElement?.id === "cell-appeals-litigation_after_review-total",
    null,
    { timeout: 5_000 },
  );
  await page.screenshot({ path: join(output, "embed-demo-a004.png") });
  // The demo's own list shows it, outside the widget.
  await page.locator("#events li").first().waitFor();
  assert.match(await page.locator("#events li").first().textContent(), /checker-zh/);

  // The portal hands text to the other widget from script: the same result
  // as the command line.
  const text = readFileSync(seed("002"), "utf8");
  const name = basename(seed("002"));
  const detail = await widgetCheckText(page, "checker-en", text, name);
  assert.deepEqual(detail, cliJson(seed("002")));
  await en.locator("#report[data-check-ms]").waitFor();
  // Its language follows the attribute.
  await en.evaluate((el) => el.setAttribute("lang", "zh-CN"));
  await page.waitForFunction(() => /年度报告/.test(document.getElementById("checker-en").shadowRoot.querySelector("h1").textContent));
  // So does the compact layout.
  await zh.evaluate((el) => el.setAttribute("compact", ""));
  await zh.locator(".page.compact").waitFor({ timeout: 5_000 });
  assert.equal(await zh.locator(".intro").count(), 0);
  await zh.evaluate((el) => el.removeAttribute("compact"));
  await zh.locator(".intro").waitFor({ timeout: 5_000 });
  // Bytes from script, too.
  const bytes = [...readFileSync(seed("000"))];
  const [fromBytes, batch] = await page.evaluate(
    (bytes) => {
      const el = document.getElementById("checker-zh");
      const heard = (name) => new Promise((ok) => el.addEventListener(name, (e) => ok(e.detail), { once: true }));
      const both = Promise.all([heard("nianbao-result"), heard("nianbao-batch")]);
      el.checkBytes(new Uint8Array(bytes), "000.txt");
      return both;
    },
    bytes,
  );
  assert.equal(fromBytes.file, "000.txt");
  assert.ok(fromBytes.report && !fromBytes.error);
  // The widget now holds two files: the whole batch, with its cross findings.
  assert.deepEqual(batch.reports.map((r) => r.file), [basename(seed("003")), "000.txt"]);
  assert.ok(Array.isArray(batch.cross));
  await page.screenshot({ path: join(output, "embed-demo-results.png"), fullPage: true });
  // The widget takes files dropped on its own box only: a file dropped on the
  // portal's page beside it is left to the portal (only the checker's own page
  // listens on the whole document).
  const taken = await page.evaluate((name) => {
    const data = new DataTransfer();
    data.items.add(new File(["一、总体情况"], name, { type: "text/plain" }));
    return ["dragenter", "dragover", "drop"].map(
      (type) => !document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data })),
    );
  }, "beside.txt");
  assert.deepEqual(taken, [false, false, false], "the portal's drops are not taken");
  await page.waitForTimeout(300);
  assert.equal(await zh.locator("tr.batch-row").count(), 2, "nothing was added to the widget");
  assert.equal(await zh.locator(".page.dragging").count(), 0);
  // The batch charts come with the widget's batch table.
  assert.equal(await zh.locator(".batch-charts #chart-batch-findings g.stack").count(), 2);

  assertLoopbackOnly(seen.requests);
  assert.deepEqual(seen.errors, [], "no script errors");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");
  // The app's wasm and the checker's are each fetched once for both widgets.
  const wasm = seen.requests.filter((u) => u.endsWith(".wasm")).map((u) => new URL(u).pathname);
  assert.equal(wasm.length, 2, wasm.join(" "));
  assert.equal(wasm.filter((p) => /^\/nianbao-checker-[0-9a-f]{16}_bg\.wasm$/.test(p)).length, 1);
});

test("the JavaScript module under Node: seed 002 as the command line gives it, and a batch", async () => {
  const pkg = join(dist, "pkg");
  const meta = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  assert.equal(meta.name, "nianbao");
  for (const f of ["nianbao.d.ts", "nianbao-result.d.ts", "README.md", "nianbao_bg.wasm"]) {
    assert.ok(existsSync(join(pkg, f)), `pkg/${f}`);
    assert.ok(meta.files.includes(f), `package.json lists ${f}`);
  }
  const dts = readFileSync(join(pkg, "nianbao.d.ts"), "utf8");
  assert.match(dts, /export function check\(bytes: Uint8Array[^)]*, name: string\): NianbaoResult;/);
  assert.match(dts, /export function checkBatch\(files: NianbaoBatchInput\[\]\): NianbaoBatchResult;/);

  // Any connection Node makes (a socket, or fetch) is recorded: there must be none.
  const connections = [];
  const record = (what) => (m) => connections.push(`${what}: ${m?.socket?.remoteAddress ?? m?.request?.origin ?? ""}`);
  const channels = [["net.client.socket", record("socket")], ["undici:request:create", record("fetch")]];
  for (const [name, fn] of channels) diagnostics_channel.subscribe(name, fn);
  const mod = await import(pathToFileURL(join(pkg, "nianbao.js")).href);
  mod.initSync({ module: readFileSync(join(pkg, "nianbao_bg.wasm")) });
  assert.equal(mod.version(), meta.version);
  const path = seed("002");
  const expected = cliJson(path);
  assert.deepEqual(mod.check(readFileSync(path), basename(path)), expected);
  assert.deepEqual(mod.checkText(readFileSync(path, "utf8"), basename(path)), expected);
  // UTF-16 offsets slice the JavaScript string at the finding.
  const text = readFileSync(path, "utf8");
  const spanned = expected.diagnostics.find((d) => d.at.span);
  if (spanned) {
    const s = spanned.at.span;
    assert.equal(text.slice(s.utf16_start, s.utf16_end), Buffer.from(text).subarray(s.start, s.end).toString("utf8"));
  }

  const batch = mod.checkBatch([
    { name: basename(seed("003")), text: readFileSync(seed("003"), "utf8") },
    { name: basename(path), bytes: new Uint8Array(readFileSync(path)) },
    { name: "empty.txt", text: "" },
  ]);
  assert.equal(batch.reports.length, 3);
  assert.deepEqual(batch.reports[1], expected);
  assert.ok(batch.reports[0].diagnostics.some((d) => d.rule === "A004"));
  assert.equal(batch.reports[2].error.kind, "empty");
  assert.ok(Array.isArray(batch.cross));
  assert.throws(() => mod.checkBatch([{ name: "x.txt" }]), /bytes|text/);
  assert.throws(() => mod.checkBatch([{ text: "x" }]), /file 0: `name` must be a string/);
  assert.throws(() => mod.checkBatch([{ name: 7, text: "x" }]), /file 0: invalid type/);
  // The bytes also as an ArrayBuffer or a plain array of numbers.
  const raw = readFileSync(path);
  const buffer = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  const again = mod.checkBatch([
    { name: basename(path), bytes: buffer },
    { name: basename(path), bytes: Array.from(raw) },
  ]);
  assert.deepEqual(again.reports[0], expected);
  assert.deepEqual(again.reports[1], expected);
  for (const [name, fn] of channels) diagnostics_channel.unsubscribe(name, fn);
  assert.deepEqual(connections, [], "the module made no connection");
});

test("the offline page checks in a web worker: a file over its time is stopped while the page paints, and the next file is checked", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-offline-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "nianbao-offline.html");
  copyFileSync(join(dist, "nianbao-offline.html"), file);
  const { page, seen } = await context(t, { locale: "zh-CN" });
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 20_000 });
  // The slow file takes seconds; a limit of half a second stops it.
  await page.evaluate(() => {
    globalThis.nianbaoPool.timeLimitMs = 500;
  });
  await page.setInputFiles('input[type="file"]', slowPdf());
  // The page draws frames while the file is being checked (the predicate runs
  // in animation frames): the check holds another thread. On the page's own
  // thread `busy` is never seen above 0.
  await page.waitForFunction(() => globalThis.nianbaoPool.pool?.busy > 0, null, { polling: "raf", timeout: 20_000 });
  assert.equal(await page.evaluate(() => globalThis.nianbaoPool.onPage), false);
  assert.ok(Number(await page.getAttribute("html", "data-workers")) >= 1, "the page says how many workers check");
  // One file given: one worker started of those the page may start.
  assert.equal(page.workers().length, await page.evaluate(() => globalThis.nianbaoPool.pool.started));
  assert.equal(page.workers().length, 1);
  const failed = page.locator("#report.failed .read-error");
  await failed.waitFor({ timeout: 20_000 });
  assert.match(await failed.textContent(), /检查此文件超过 1 秒，已停止/);
  await page.waitForSelector('html[data-worker-restarts="1"]', { timeout: 20_000 });

  // The replacement checks the next file, under the usual limit.
  await page.evaluate(() => {
    globalThis.nianbaoPool.timeLimitMs = 20_000;
  });
  await page.locator("#clear").click();
  await page.locator("#clear-yes").click();
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator('button.finding[data-rule="A004"]').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('button.finding[data-rule="T001"]').count(), 1);

  assert.deepEqual(seen.requests.filter((u) => u !== url && !u.startsWith("blob:")), [], "no request but the file and its workers");
  assert.deepEqual(seen.errors, [], "no script errors");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");
});

test("the widget checks in a web worker: a file over its time is stopped while the portal paints, and the next file is checked", async (t) => {
  const { page, seen } = await context(t, { locale: "zh-CN" });
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));
  // The checker every widget of the page shares. (Functions, not strings:
  // the portal's policy forbids evaluating strings.)
  await page.evaluate(() => {
    customElements.get("nianbao-check").checker.timeLimitMs = 500;
  });
  const zh = page.locator("#checker-zh");
  await zh.locator('input[type="file"]').setInputFiles(slowPdf());
  await page.waitForFunction(() => customElements.get("nianbao-check").checker.pool?.busy > 0, null, { polling: "raf", timeout: 20_000 });
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check").checker.onPage), false);
  const failed = zh.locator("#report.failed .read-error");
  await failed.waitFor({ timeout: 20_000 });
  assert.match(await failed.textContent(), /检查此文件超过 1 秒，已停止/);
  await page.waitForFunction(() => customElements.get("nianbao-check").checker.pool.restarts === 1, null, { timeout: 20_000 });

  await page.evaluate(() => {
    customElements.get("nianbao-check").checker.timeLimitMs = 20_000;
  });
  const text = readFileSync(seed("003"), "utf8");
  const detail = await widgetCheckText(page, "checker-zh", text, basename(seed("003")));
  assert.ok(detail.diagnostics.some((d) => d.rule === "A004"));
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check").checker.pool.restarts), 1, "checked by the replacement");

  assertLoopbackOnly(seen.requests);
  assert.deepEqual(seen.errors, [], "no script errors");
  assert.deepEqual(seen.console, [], "no console errors or warnings (CSP included)");
});

test("the widget on a portal whose policy forbids blob: workers checks on the portal's thread", async (t) => {
  const { page, seen } = await context(t);
  // The demo portal, its policy without `worker-src blob:` (workers then
  // fall back to script-src 'self').
  const demo = readFileSync(join(dist, "embed-demo.html"), "utf8");
  const strict = demo.replace("worker-src blob:; ", "");
  assert.notEqual(strict, demo);
  await page.route(site.base + "embed-demo.html", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: strict }));
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));
  const text = readFileSync(seed("003"), "utf8");
  const detail = await widgetCheckText(page, "checker-zh", text, basename(seed("003")));
  assert.ok(detail.diagnostics.some((d) => d.rule === "A004"));
  assert.equal(await page.evaluate(() => customElements.get("nianbao-check").checker.pool.onPage), true);
  assert.equal(page.workers().length, 0);
  assert.ok(seen.console.some((m) => /no web worker/.test(m)), seen.console.join("\n"));
  assertLoopbackOnly(seen.requests);
  assert.deepEqual(seen.errors, []);
});

test("the JavaScript module under Node: a size checked before copying, names and bytes of the wrong type refused", async () => {
  const pkg = join(dist, "pkg");
  const mod = await import(pathToFileURL(join(pkg, "nianbao.js")).href);
  const wasm = mod.initSync({ module: readFileSync(join(pkg, "nianbao_bg.wasm")) });
  const path = seed("002");
  const bytes = readFileSync(path);
  const expected = cliJson(path);

  // Over 50 MB: refused, and the wasm memory did not grow to hold the bytes.
  const before = wasm.memory.buffer.byteLength;
  const big = new Uint8Array(51 << 20);
  const refused = mod.check(big, "big.pdf");
  assert.equal(refused.error.kind, "too_large");
  assert.match(refused.error.message, /文件过大（51\.0 MB），超过 50 MB 的上限/);
  assert.match(refused.error.message_en, /too large/);
  assert.equal(JSON.parse(mod.checkJson(big, "big.pdf")).error.kind, "too_large");
  assert.throws(() => mod.annotate(big, "big.docx"), /超过 50 MB/);
  // An array of 60 million (empty) places: refused on its length alone.
  const sparse = [];
  sparse.length = 60 << 20;
  assert.equal(mod.check(sparse, "sparse.txt").error.kind, "too_large");
  assert.equal(mod.check(big.buffer, "big.pdf").error.kind, "too_large");
  // In a batch a file may be as large as an archive (256 MB): beyond, it is
  // refused on its length, and the others are checked.
  const huge = [];
  huge.length = 300 << 20;
  const batch = mod.checkBatch([
    { name: "huge.zip", bytes: huge },
    { name: basename(path), bytes },
  ]);
  assert.equal(batch.reports[0].error.kind, "too_large");
  assert.deepEqual(batch.reports[1], expected);
  assert.ok(wasm.memory.buffer.byteLength - before < 16 << 20, `memory grew from ${before} to ${wasm.memory.buffer.byteLength}`);

  // A number as the name is its text; anything else that is not a string is
  // a TypeError, and the module goes on working.
  assert.equal(mod.check(bytes, 2024).file, "2024");
  const hostile = { toString() { throw new Error("no name"); } };
  for (const name of [Symbol("report"), hostile, {}, undefined, null, 10n]) {
    const what = typeof name === "symbol" ? "a Symbol" : String(typeof name);
    assert.throws(() => mod.check(bytes, name), TypeError, `check, ${what}`);
    assert.throws(() => mod.checkJson(bytes, name), TypeError, `checkJson, ${what}`);
    assert.throws(() => mod.checkText("一、总体情况", name), TypeError, `checkText, ${what}`);
    assert.throws(() => mod.annotate(bytes, name), TypeError, `annotate, ${what}`);
  }
  for (const given of ["一、总体情况", 42, null, undefined, Symbol("bytes")]) {
    assert.throws(() => mod.check(given, "x.txt"), TypeError);
  }
  for (const given of [42, null, undefined, bytes, hostile]) {
    assert.throws(() => mod.checkText(given, "x.txt"), TypeError);
  }
  // In a batch, an entry of the wrong type is an error that names it.
  for (const entry of [{ name: Symbol("report"), text: "x" }, { name: hostile, text: "x" }, { name: "x.txt", bytes: hostile }, Symbol("entry")]) {
    assert.throws(() => mod.checkBatch([entry]), /^Error: file 0: invalid type/);
  }
  // Other ways of giving bytes still work: an ArrayBuffer, an array.
  assert.deepEqual(mod.check(bytes, basename(path)), expected);
  assert.deepEqual(mod.check(Array.from(bytes), basename(path)), expected);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.deepEqual(mod.check(buffer, basename(path)), expected);
  assert.deepEqual(mod.checkText(bytes.toString("utf8"), basename(path)), expected);
});

test("the JavaScript module in the browser: seed 002 as the command line gives it", async (t) => {
  const { page, seen } = await context(t);
  await page.goto(site.base + "pkg/package.json");
  const path = seed("002");
  const result = await page.evaluate(
    async ([bytes, name]) => {
      const m = await import("/pkg/nianbao.js");
      await m.default();
      return { result: m.check(new Uint8Array(bytes), name), version: m.version() };
    },
    [[...readFileSync(path)], basename(path)],
  );
  assert.deepEqual(result.result, cliJson(path));
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  assertLoopbackOnly(seen.requests);
  assert.deepEqual(seen.errors, []);
});

test("the hosted page works offline after its first visit (service worker)", async (t) => {
  // A server of its own, stopped halfway.
  const own = await serve(dist, 0);
  t.after(() => own.server.close());
  const { page, seen } = await context(t, { serviceWorkers: "allow" });
  await page.goto(own.url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  await page.waitForSelector("html[data-offline=true]", { timeout: 15_000 });
  const note = page.locator("#offline-note");
  assert.ok(await note.isVisible(), "the page says it works offline");
  assert.match(await note.textContent(), /可离线使用/);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith("nianbao-")));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(cached.includes("/index.html") && cached.some((p) => p.endsWith(".wasm")), cached.join(" "));
  assert.ok(cached.every((p) => !p.startsWith("/pkg/") && !p.includes("offline.html")), "only the page's files");

  // The server goes away; the page still loads and checks.
  // Stop listening, then drop the connections Chromium keeps alive: close()
  // alone waits for them, which can be for ever.
  const closed = new Promise((ok) => own.server.close(ok));
  own.server.closeAllConnections();
  await closed;
  await page.reload({ waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
  await page.setInputFiles('input[type="file"]', seed("003"));
  await page.locator('button.finding[data-rule="A004"]').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(output, "sw-offline-003.png") });
  assertLoopbackOnly(seen.requests);
  assert.deepEqual(seen.errors, []);
});

test("the widget takes a zip of reports: one result per report, named by its path, the picture skipped", async (t) => {
  const { page, seen } = await context(t);
  await page.goto(site.base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));
  const inner = zip([{ name: basename(seed("002")), data: readFileSync(seed("002")) }]);
  const bytes = zip([
    { name: gbkName(GBK_NIANBAO, "/" + basename(seed("003"))), data: readFileSync(seed("003")) },
    { name: basename(seed("000")), data: readFileSync(seed("000")) },
    { name: "inner.zip", data: inner },
    { name: "photo.png", data: PNG },
  ]);
  const heard = page.evaluate(
    () => new Promise((ok) => document.addEventListener("nianbao-batch", (e) => ok({ id: e.target.id, detail: e.detail }), { once: true })),
  );
  const zh = page.locator("#checker-zh");
  await zh.locator("#file-input").setInputFiles({ name: "reports.zip", mimeType: "application/zip", buffer: bytes });
  const batch = await heard;
  assert.equal(batch.id, "checker-zh");
  const files = batch.detail.reports.map((r) => r.file).sort();
  assert.deepEqual(files, [`年报/${basename(seed("003"))}`, basename(seed("000")), `inner.zip/${basename(seed("002"))}`].sort());
  const seed003 = batch.detail.reports.find((r) => r.file.startsWith("年报/"));
  assert.ok(seed003.diagnostics.some((d) => d.rule === "A004"));
  assert.deepEqual(batch.detail.skipped.map((s) => s.file), ["photo.png"]);
  assert.equal(await zh.locator("tr.batch-row").count(), 3);
  assert.equal(await zh.locator("#skipped").getAttribute("data-count"), "1");
  // Handed over by the portal's script too.
  const heard2 = page.evaluate(
    () => new Promise((ok) => document.addEventListener("nianbao-batch", (e) => ok(e.detail), { once: true })),
  );
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    document.getElementById("checker-en").checkBytes(bytes, "reports.zip");
  }, bytes.toString("base64"));
  assert.equal((await heard2).reports.length, 3);
  assertLoopbackOnly(seen.requests);
  assert.deepEqual(seen.errors, []);
});
