// What the end-to-end test files share: where things are, the seeds, the
// built page served on loopback with headless Chromium started for a file's
// tests, the page opened in a fresh browser context with what it does
// recorded, files and folders of the disk dropped on it, and the wait for a
// batch to be checked.
//
//   import { ALL_SEEDS, batchChecked, seed, useBrowser } from "./lib.mjs";
//   const site = useBrowser({ needs: ["index.html"] });
//   test("…", async (t) => {
//     const { page, seen } = await site.open(t);
//     await page.setInputFiles('input[type="file"]', ALL_SEEDS.map(seed));
//     await batchChecked(page, 5);
//     assert.deepEqual(seen.errors, []);
//   });
//
// Environment (as `cargo xtask test` sets it): NIANBAO_DIST the built page
// (default dist/), CHROMIUM the browser (browser.mjs).

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launch } from "./browser.mjs";

export { dropPaths } from "./browser.mjs";
import { serve } from "./serve.mjs";

/** The folder of the end-to-end tests. */
export const here = import.meta.dirname;
/** The repository. */
export const root = resolve(here, "../..");
/** The built page: NIANBAO_DIST, else dist/ of the repository. */
export const dist = resolve(process.env.NIANBAO_DIST ?? join(root, "dist"));
/** The test fixtures, and the seed reports among them. */
export const fixtures = join(root, "tests/fixtures");
export const seeds = join(fixtures, "seeds");
/** Where tests leave screenshots and downloads (not committed). */
export const output = join(here, "output");

/** The prefixes of the five seed reports. */
export const ALL_SEEDS = ["000", "001", "002", "003", "004"];

/** The path of the seed whose name starts with `prefix` ("003"); fails the test if there is none. */
export function seed(prefix) {
  const name = readdirSync(seeds).find((n) => n.startsWith(prefix));
  assert.ok(name, `no seed ${prefix} in ${seeds}`);
  return join(seeds, name);
}

/** The seed as a file given to `setInputFiles`: {name, mimeType, buffer}. */
export function seedFile(prefix) {
  const path = seed(prefix);
  return { name: path.slice(seeds.length + 1), mimeType: "text/plain", buffer: readFileSync(path) };
}

/** A Playwright note that says nothing of the page: the contexts that block
 * service workers (the default of `open`) log it when the page registers one. */
const BLOCKED_WORKER_NOTE = /^Service Worker registration blocked by Playwright/;

/**
 * For the tests of the calling file: before them, check that `needs` (paths
 * under `dir`) are built, make output/, serve `dir` on loopback (unless
 * `serve` is false) and launch Chromium; after them, close both. With `when`
 * false nothing is started (the file's tests skip themselves).
 *
 * Returns the handle `site`: `site.base` (the server's URL, ending in "/") and
 * `site.browser` once started; `site.context(t, options)` and
 * `site.open(t, options)` below.
 */
export function useBrowser({ dir = dist, needs = ["index.html"], serve: serving = true, when = true } = {}) {
  const site = {
    dir,
    base: undefined,
    browser: undefined,
    server: undefined,

    /**
     * A fresh browser context (closed when test `t` ends) and a page in it,
     * whose requests, errors and console messages are recorded in `seen`:
     * `requests` (every URL the context asks for), `errors` (uncaught
     * errors of the page), `console` (its errors and warnings), `log` (its
     * other messages), `logs` (every message). `options` go to
     * `browser.newContext` (the viewport 1366×768 unless they say);
     * `context` takes an existing context instead.
     */
    async context(t, { context, ...options } = {}) {
      context ??= await site.browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
      t.after(() => context.close().catch(() => {}));
      const page = await context.newPage();
      const seen = { requests: [], errors: [], console: [], log: [], logs: [] };
      context.on("request", (r) => seen.requests.push(r.url()));
      page.on("pageerror", (e) => seen.errors.push(String(e)));
      page.on("console", (m) => {
        seen.logs.push(m.text());
        if (BLOCKED_WORKER_NOTE.test(m.text())) return;
        if (m.type() === "error" || m.type() === "warning") seen.console.push(m.text());
        else seen.log.push(m.text());
      });
      return { page, seen, context };
    },

    /**
     * The page `path` (relative to the server's URL: "", "?workers=0",
     * "nianbao-offline.html"; or `url`) opened in `site.context(t, …)`, a
     * Chinese browser (`locale` "zh-CN") with service workers blocked
     * (`serviceWorkers` "block") unless `options` say otherwise;
     * resolves once the page has started (html[data-ready]), with
     * `seen.atStart` the number of requests made until then.
     */
    async open(t, { path = "", url, ...options } = {}) {
      const opened = await site.context(t, { locale: "zh-CN", serviceWorkers: "block", ...options });
      const { page, seen } = opened;
      await page.goto(url ?? site.base + path, { waitUntil: "load" });
      await page.waitForSelector("html[data-ready]", { timeout: 15_000 });
      seen.atStart = seen.requests.length;
      return opened;
    },
  };

  before(async () => {
    if (!when) return;
    for (const f of needs) {
      assert.ok(existsSync(join(dir, f)), `${dir}/${f} is missing: run \`cargo xtask dist\``);
    }
    mkdirSync(output, { recursive: true });
    if (serving) ({ server: site.server, url: site.base } = await serve(dir, 0));
    site.browser = await launch();
  });

  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });

  return site;
}

/**
 * Wait until the batch list (of the page, or of the widget `scope` selects,
 * in its shadow root) has `n` rows and none is waiting to be checked, and,
 * with `progress` (the default), the page shows no progress any more.
 * Resolves to the rows' file names, in the order shown.
 */
export async function batchChecked(page, n, { scope = "", progress = true, timeout = 30_000 } = {}) {
  await page.waitForFunction(
    ([scope, n, progress]) => {
      const host = scope ? document.querySelector(scope).shadowRoot : document;
      return host.querySelectorAll("tr.batch-row").length === n &&
        !host.querySelector("tr.batch-row td.waiting") &&
        !(progress && host.querySelector(".progress"));
    },
    [scope, n, progress],
    { timeout },
  );
  const at = scope ? page.locator(scope) : page;
  return at.locator("tr.batch-row").evaluateAll((rs) => rs.map((r) => r.dataset.file));
}

