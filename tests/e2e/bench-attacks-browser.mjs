// Benchmark of the hostile files on the browser's surfaces (not a test): each
// file of DIR (written by `cargo run --release -p nianbao-tests --example
// attacks -- DIR`) given through the file input of
//
//   page            the hosted page (dist/index.html), files checked in workers
//   page-thread     the hosted page with ?workers=0, on the page's own thread
//   offline         the single-file offline page, opened from file://
//   widget          <nianbao-check> on the demo portal, in a blob: worker
//   widget-thread   the same on a portal whose policy forbids blob: workers,
//                   on the portal's own thread
//
// Each file on each surface gets a Chromium of its own (a fresh profile), so
// that the peak resident size of the renderer (the page's thread and its
// dedicated workers share that process) is the file's own. The surface is
// warmed on seed 003 first (the checker loaded), then the file is given and
// the benchmark measures the time from giving it (the browser reads it from
// the disk, as from its file chooser) to its result or its error shown, the
// renderer's peak resident size (and the peak before the file), the longest
// gap between animation frames meanwhile, the message shown;
// then it gives seed 003 again and says whether it was checked (the
// surface kept working).
//   node bench-attacks-browser.mjs DIR [DIST] [SURFACE…]
// Prints one Markdown table a surface.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchKillable, rendererPeakMb, rendererPrivateMb, watchPrivate } from "./browser.mjs";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const seed = join(here, "../fixtures/seeds/003_988e673ff9f8f84e.txt");
const dir = resolve(process.argv[2] ?? ".");
const dist = resolve(process.argv[3] ?? join(here, "../../dist"));
const ALL = ["page", "page-thread", "offline", "widget", "widget-thread"];
const surfaces = process.argv.length > 4 ? process.argv.slice(4) : ALL;
/** How long a file may take before the benchmark gives up on it. */
const GIVE_UP_MS = 120_000;

/** Open `surface` in `page`; resolves to `{root, scope}`: the locator the app lives under (the page, or the widget's element) and its selector ("" for the page). */
async function open(page, surface, base) {
  if (surface === "page" || surface === "page-thread") {
    await page.goto(base + (surface === "page-thread" ? "?workers=0" : ""), { waitUntil: "load" });
    await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
    return { root: page.locator("body"), scope: "" };
  }
  if (surface === "offline") {
    await page.goto(pathToFileURL(join(dist, "nianbao-offline.html")).href, { waitUntil: "load" });
    await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
    return { root: page.locator("body"), scope: "" };
  }
  if (surface === "widget-thread") {
    const demo = readFileSync(join(dist, "embed-demo.html"), "utf8");
    const strict = demo.replace("worker-src blob:; ", "");
    if (strict === demo) throw new Error("the demo portal's policy no longer names worker-src blob:");
    await page.route(base + "embed-demo.html", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: strict }));
  }
  await page.goto(base + "embed-demo.html", { waitUntil: "load" });
  await page.evaluate(() => Promise.all([...document.querySelectorAll("nianbao-check")].map((el) => el.ready)));
  return { root: page.locator("#checker-zh"), scope: "#checker-zh" };
}

/**
 * Give `path` through the file input under `scope` ("" for the page, else
 * the widget's selector) as the browser's file chooser does: the browser
 * reads it from the disk (DevTools' DOM.setFileInputFiles, on `cdp`), with no
 * copy of it passing through the page's script. Resolves once its report or
 * its error is shown: `{ms, gap, shown}`. The times are the page's own, from
 * the input's change event to the first frame after the report was put in
 * the page: `ms`, and `gap` the longest time meanwhile without a frame.
 * `shown` is the message, or the counts of a read report, or null when
 * nothing was shown within GIVE_UP_MS.
 */
async function give(page, cdp, root, scope, path) {
  const name = basename(path);
  await page.evaluate(
    ([scope, name]) => {
      const host = scope ? document.querySelector(scope).shadowRoot : document;
      const m = (window.__give = { given: null, shown: null, frames: [] });
      const tick = () => {
        m.frames.push(performance.now());
        if (m.shown === null) requestAnimationFrame(tick);
      };
      host.addEventListener(
        "change",
        () => {
          m.given ??= performance.now();
          requestAnimationFrame(tick);
        },
        { capture: true, once: true },
      );
      const seen = new MutationObserver(() => {
        const r = host.querySelector("#report");
        if (!r || r.dataset.file !== name || !(r.classList.contains("failed") || r.dataset.checkMs)) return;
        seen.disconnect();
        requestAnimationFrame(() => (m.shown = performance.now()));
      });
      seen.observe(host, { subtree: true, childList: true, attributes: true });
    },
    [scope, name],
  );
  const input = scope
    ? `document.querySelector(${JSON.stringify(scope)}).shadowRoot.querySelector('input[type="file"]')`
    : `document.querySelector('input[type="file"]')`;
  const { result } = await cdp.send("Runtime.evaluate", { expression: input });
  await cdp.send("DOM.setFileInputFiles", { files: [path], objectId: result.objectId });
  try {
    await page.waitForFunction(() => window.__give.shown !== null, null, { timeout: GIVE_UP_MS, polling: 100 });
  } catch {
    return { ms: GIVE_UP_MS, gap: GIVE_UP_MS, shown: null };
  }
  const { ms, gap } = await page.evaluate(() => {
    const { given, shown, frames } = window.__give;
    const times = [given, ...frames.filter((f) => f > given && f < shown), shown];
    return { ms: shown - given, gap: Math.max(...times.slice(1).map((t, k) => t - times[k])) };
  });
  const shown = await root.locator("#report").evaluate((r) =>
    r.classList.contains("failed")
      ? r.querySelector(".read-error p:last-child").textContent.trim()
      : `${r.dataset.errors} errors, ${r.dataset.warnings} warnings`,
  );
  return { ms, gap, shown };
}

/** Clear the list of files checked, where the surface has the button. */
async function clear(root) {
  const button = root.locator("#clear");
  if (!(await button.count())) return;
  await button.click();
  await root.locator("#clear-yes").click();
  await root.locator("#report").waitFor({ state: "detached", timeout: 10_000 });
}

async function one(surface, base, file) {
  const scratch = mkdtempSync(join(tmpdir(), "nianbao-attack-"));
  const profile = join(scratch, "profile");
  const chrome = await launchKillable(profile);
  try {
    const page = await chrome.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    const { root, scope } = await open(page, surface, base);
    const cdp = await chrome.context.newCDPSession(page);
    const warm = await give(page, cdp, root, scope, seed);
    if (!warm.shown) throw new Error(`${surface}: seed 003 not checked`);
    await clear(root);
    const before = rendererPeakMb(profile);
    const privateBefore = Math.round(rendererPrivateMb(profile));
    const stop = watchPrivate(profile);
    const { ms, gap, shown } = await give(page, cdp, root, scope, file);
    const privatePeak = stop();
    const peak = rendererPeakMb(profile);
    let next = "not tried";
    if (shown) {
      await clear(root);
      const again = await give(page, cdp, root, scope, seed);
      next = again.shown && /^\d+ errors/.test(again.shown) ? "checked" : `fails (${again.shown ?? "nothing shown"})`;
    }
    return {
      ms,
      shown: shown ?? `nothing shown in ${GIVE_UP_MS / 1000} s`,
      before,
      peak,
      privateBefore,
      privatePeak,
      gap,
      next,
    };
  } finally {
    await chrome.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const { server, url: base } = await serve(dist, 0);
try {
  const files = readdirSync(dir).sort();
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  for (const surface of surfaces) {
    if (!ALL.includes(surface)) throw new Error(`no surface ${surface} (${ALL.join(", ")})`);
    console.log(`\n${surface}\n`);
    console.log("| file | result shown | renderer peak (before) | private peak (before) | longest frame gap | message | next file |\n|---|--:|--:|--:|--:|---|---|");
    for (const f of files) {
      const r = await one(surface, base, join(dir, f));
      const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
      console.log(`| ${f} | ${s(r.ms)} | ${r.peak} MB (${r.before} MB) | ${r.privatePeak} MB (${r.privateBefore} MB) | ${s(r.gap)} | ${r.shown.replaceAll("|", "\\|")} | ${r.next} |`);
    }
  }
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  server.close();
  server.closeAllConnections();
}
