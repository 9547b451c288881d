// www/store.js in headless Chromium: workspaces, reports and decisions kept in
// IndexedDB survive a reload and a restart of the browser on the same profile;
// a full storage and a missing IndexedDB give a clear message. The module is
// served from www/ itself (no build needed), under an origin of its own.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, launchProfile } from "./browser.mjs";

const root = resolve(import.meta.dirname, "../..");
const ORIGIN = "http://store.nianbao.test";
const STORE_JS = readFileSync(join(root, "www/store.js"));

async function page(context) {
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/store.js") {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: STORE_JS });
    }
    if (path === "/") {
      return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>store</title>" });
    }
    return route.fulfill({ status: 404, body: "" });
  });
  const p = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  await p.goto(`${ORIGIN}/`);
  return { p, errors };
}

// A result as the core exports it, trimmed to what the store is given.
const RESULT = {
  file: "博爱县2024.txt",
  report: { agency: "博爱县人民政府", year: 2024 },
  diagnostics: [{ rule: "A004", severity: "error", message: "行政诉讼（复议后起诉）总计应为 0" }],
  summary: { errors: 1, warnings: 0, infos: 0 },
};

test("workspaces, reports and decisions survive a reload and a restart", async () => {
  const profile = mkdtempSync(join(tmpdir(), "nianbao-store-"));
  try {
    let context = await launchProfile(profile);
    let { p, errors } = await page(context);
    const made = await p.evaluate(async (result) => {
      const { openStore } = await import("/store.js");
      const s = await openStore();
      const w = await s.createWorkspace("2024 年度 · 某市");
      const other = await s.createWorkspace("<b>试</b>");
      const id = await s.putReport(
        w.id,
        { file: result.file, size: 1234, result, cross: [], entry: { agency: "博爱县人民政府", year: 2024 } },
        { text: "博爱县人民政府 2024 年政府信息公开工作年度报告", blob: new Blob(["原文"]) },
      );
      const second = await s.putReport(w.id, { file: "b.txt", result: { file: "b.txt" }, cross: [] });
      await s.putDecision(w.id, {
        agency: "博爱县人民政府", year: 2024, file: result.file, fingerprint: "A004-0123456789abcdef",
        rule: "A004", message: "m", verdict: "dismissed", note: "先记下", at: 1,
      });
      // Deciding again on the same finding replaces the decision.
      await s.putDecision(w.id, {
        agency: "博爱县人民政府", year: 2024, file: result.file, fingerprint: "A004-0123456789abcdef",
        rule: "A004", message: "m", verdict: "confirmed", note: "请核对表四", at: 2,
      });
      await s.putDecision(other.id, { fingerprint: "T001-0000000000000000", file: "x.txt", verdict: "confirmed" });
      await s.renameWorkspace(other.id, "待删除");
      s.close();
      return { ws: w.id, other: other.id, ids: [id, second] };
    }, RESULT);
    assert.deepEqual(made.ids, [1, 2]);

    // Reload: everything is there.
    await p.reload();
    const seen = await p.evaluate(async ({ ws }) => {
      const { openStore } = await import("/store.js");
      const s = await openStore();
      const r = {
        names: (await s.listWorkspaces()).map((w) => w.name).sort(),
        reports: (await s.getReports(ws)).map((x) => [x.id, x.file, x.result.diagnostics?.[0]?.rule ?? null]),
        text: await s.getText(ws, 1),
        texts: (await s.getTexts(ws)).map((t) => [t.id, t.text]),
        file: await (await s.getFile(ws, 1)).text(),
        decisions: await s.getDecisions(ws),
      };
      s.close();
      return r;
    }, made);
    assert.deepEqual(seen.names, ["2024 年度 · 某市", "待删除"]);
    assert.deepEqual(seen.reports, [[1, "博爱县2024.txt", "A004"], [2, "b.txt", null]]);
    assert.equal(seen.text, "博爱县人民政府 2024 年政府信息公开工作年度报告");
    assert.deepEqual(seen.texts, [[1, seen.text]]);
    assert.equal(seen.file, "原文");
    assert.equal(seen.decisions.length, 1);
    assert.equal(seen.decisions[0].verdict, "confirmed");
    assert.equal(seen.decisions[0].note, "请核对表四");
    assert.ok(!("ws" in seen.decisions[0]) && !("key" in seen.decisions[0]));
    assert.deepEqual(errors, []);
    await context.close();

    // A new browser on the same profile: still there; deleting a workspace
    // takes its reports and decisions with it and leaves the other alone.
    context = await launchProfile(profile);
    ({ p, errors } = await page(context));
    const after = await p.evaluate(async ({ ws, other }) => {
      const { openStore } = await import("/store.js");
      const s = await openStore();
      const before = (await s.getDecisions(ws)).length;
      await s.deleteWorkspace(other);
      const r = {
        before,
        names: (await s.listWorkspaces()).map((w) => w.name),
        otherDecisions: (await s.getDecisions(other)).length,
        reports: (await s.getReports(ws)).length,
        next: await s.putReport(ws, { file: "c.txt", result: {}, cross: [] }),
        missing: await s.getWorkspace(other).then(() => "found", (e) => e.code),
      };
      s.close();
      return r;
    }, made);
    assert.deepEqual(after, {
      before: 1,
      names: ["2024 年度 · 某市"],
      otherDecisions: 0,
      reports: 2,
      next: 3,
      missing: "missing",
    });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test("a full storage and a browser without IndexedDB are said plainly", async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const { p } = await page(context);
    const out = await p.evaluate(async () => {
      const { openStore, StoreError } = await import("/store.js");
      const none = await openStore(null).then(() => null, (e) => [e instanceof StoreError, e.code, e.messageZh, e.messageEn]);
      const s = await openStore();
      const w = await s.createWorkspace("满");
      // The storage refuses the write as a full disk would.
      const real = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException("quota", "QuotaExceededError");
      };
      const full = await s.putReport(w.id, { file: "a.txt", result: {}, cross: [] }).then(() => null, (e) => [e.code, e.messageEn]);
      IDBObjectStore.prototype.put = real;
      const reports = (await s.getReports(w.id)).length;
      return { none, full, reports };
    });
    assert.deepEqual(out.none.slice(0, 2), [true, "unavailable"]);
    assert.match(out.none[2], /本地存储/);
    assert.match(out.none[3], /storage/);
    assert.equal(out.full?.[0], "quota", JSON.stringify(out));
    assert.match(out.full[1], /storage is full/);
    assert.equal(out.reports, 0, "nothing half-written");
  } finally {
    await browser.close();
  }
});
