// Benchmark of the workspace at scale (not a test): COUNT reports given to the
// page (dist/) as one folder, through its folder picker, as a reviewer would
// give a year's reports of a region. The folder is made at run time: reports
// made from the seeds (tests/e2e/reports.mjs) and, every third file, one of the
// real reports of tests/fixtures/real in turn (PDF, Word, HTML, text; hard
// links, so they cost no disk). Chromium runs on a profile of its own.
//
// Measures: the time from giving the folder to the last result shown, and to
// the last result stored in the workspace; the gaps between animation frames
// meanwhile (largest, 95th percentile) and the long tasks; the tab's memory
// (the peak resident size of the page's renderer process, its web workers
// included, from /proc); the CPU time of its threads (the page's, the
// workers'); and, after a reload, the time until the workspace's
// agencies × years matrix is shown with every report in it.
//   node bench-workspace.mjs [DIST] [COUNT] [EVERY]
// (defaults: ../../dist, 3000, 3: every third file a real report; 0: none,
// only reports made from the seeds). The real reports are 18 files copied
// over and over, so each copy of an agency's report for one year is compared
// with every copy of its report for the year before: far more cross-report
// findings than a real folder holds.
// Prints one JSON object. With NIANBAO_PROFILE set, the page's main thread is
// also profiled (the DevTools protocol's sampling profiler, from giving the
// folder to the last result) and the object says, for each long task over half
// a second (over NIANBAO_LONG_MS milliseconds where set), the functions it
// spent most of its time in (self time; wasm functions by their index where
// the build carries no names), and the heaviest over the whole run and over
// the reopening.

import { linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { dropPaths, frameFigures, launchKillable, rendererPeakMb, renderers, watchFrames } from "./browser.mjs";
import { makeReports } from "./reports.mjs";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? join(here, "../../dist"));
const count = Number(process.argv[3] ?? 3000);
const every = Number(process.argv[4] ?? 3);
const realCount = every > 0 ? Math.floor(count / every) : 0;
// The long tasks listed (and, profiled, attributed): those over this many ms.
const LONG_MS = Number(process.env.NIANBAO_LONG_MS ?? 500);
// With NIANBAO_DROP set, the folder is dropped on the page (a real drop, as
// from a file manager: the page reads the folder's entries itself) instead of
// given through its folder picker.
const dropped = Boolean(process.env.NIANBAO_DROP);
const real = join(here, "../fixtures/real");

const scratch = mkdtempSync(join(tmpdir(), "nianbao-wsbench-"));
const folder = join(scratch, "报告 reports");
mkdirSync(folder, { recursive: true });
makeReports(folder, count - realCount);
const realFiles = readdirSync(real).filter((n) => /\.(pdf|docx|html|txt)$/.test(n));
for (let i = 0; i < realCount; i++) {
  const name = realFiles[i % realFiles.length];
  const to = join(folder, `r${String(i).padStart(4, "0")}-${name}`);
  try {
    linkSync(join(real, name), to);
  } catch {
    symlinkSync(join(real, name), to);
  }
}
const bytes = readdirSync(folder).reduce((n, f) => n + readFileSync(join(folder, f)).length, 0);

/**
 * For each long task ([start, length] in ms after the folder was given, the
 * profile started then too), its heaviest functions by self time.
 */
function attribute(profile, tasks) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url ? f.url.split("/").pop().replace(/-[0-9a-f]{8,}/, "") : "";
    return `${f.functionName || "(anonymous)"} ${where}:${f.lineNumber + 1}`;
  };
  const times = [];
  let t = 0;
  for (const d of profile.timeDeltas) times.push((t += d) / 1000);
  return tasks.map(([from, length]) => {
    const self = new Map();
    profile.samples.forEach((id, k) => {
      if (times[k] < from || times[k] > from + length) return;
      const l = label(byId.get(id));
      self.set(l, (self.get(l) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000);
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
    return { at: from, ms: length, top: top.map(([f, ms]) => `${Math.round(ms)} ms ${f}`) };
  });
}

/**
 * CPU seconds of the renderer process that holds the page (the largest), by
 * thread name (the page's thread is CrRendererMain, web workers
 * DedicatedWorker), since it started.
 */
function rendererCpu() {
  const tick = 100; // USER_HZ on Linux
  let best = null;
  for (const [pid, status] of renderers(scratch)) {
    try {
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (best && best.rss >= rss) continue;
      const threads = {};
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/[0-9]+$/, "");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        threads[name] = (threads[name] ?? 0) + (Number(f[11]) + Number(f[12])) / tick;
      }
      best = { rss, threads };
    } catch {
      // Gone meanwhile.
    }
  }
  return Object.fromEntries(
    Object.entries(best?.threads ?? {})
      .filter(([, s]) => s >= 0.5)
      .map(([n, s]) => [n, Number(s.toFixed(1))]),
  );
}

const { server, url } = await serve(dist, 0);
const chrome = await launchKillable(join(scratch, "profile"));
try {
  const page = await chrome.context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  // NIANBAO_WORKERS: how many workers the page starts (its `?workers=`),
  // else as many as it chooses for the machine.
  const workers = process.env.NIANBAO_WORKERS;
  await page.goto(workers ? `${url}?workers=${workers}` : url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
  await page.waitForSelector(".ws-status[data-saved]", { timeout: 30_000 });
  await watchFrames(page);
  // The long tasks over half a second, with when they began (ms after the folder was given).
  await page.evaluate((longMs) => {
    window.__given = performance.now();
    window.__longest = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration > longMs) window.__longest.push([Math.round(e.startTime - window.__given), Math.round(e.duration)]);
      }
    }).observe({ type: "longtask" });
    // When the first result row and the end of the progress bar were seen.
    const seen = (window.__seen = {});
    const poll = () => {
      const t = Math.round(performance.now() - window.__given);
      if (!seen.progress && document.querySelector(".progress")) seen.progress = t;
      if (!seen.firstRow && document.querySelector("tr.batch-row")) seen.firstRow = t;
      if (seen.progress && !seen.progressGone && !document.querySelector(".progress")) seen.progressGone = t;
      if (!seen.progressGone) setTimeout(poll, 50);
    };
    poll();
  }, LONG_MS);
  const profiling = Boolean(process.env.NIANBAO_PROFILE);
  const cdp = profiling ? await chrome.context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
    await page.evaluate(() => (window.__given = performance.now()));
  }
  const start = Date.now();
  if (dropped) {
    await dropPaths(page, [folder]);
  } else {
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.locator("#choose-folder").click()]);
    await chooser.setFiles(folder);
  }
  await page.waitForSelector(".page[data-batch-ms]", { timeout: 1_800_000 });
  const checked = (Date.now() - start) / 1000;
  // The list's length (a long list draws its first rows only).
  const rows = Number(await page.locator("section.batch").getAttribute("data-count"));
  await page.waitForFunction((n) => document.querySelector(".ws-status")?.dataset.saved === String(n), rows, {
    timeout: 1_800_000,
    polling: 250,
  });
  const stored = (Date.now() - start) / 1000;
  const profile = cdp ? (await cdp.send("Profiler.stop")).profile : null;
  const { gaps, long } = await frameFigures(page);
  const peakMb = rendererPeakMb(scratch);
  const cpuSeconds = rendererCpu();
  const timeline = await page.evaluate(() => ({ longTasksListed: window.__longest, seen: window.__seen }));
  // Workers stopped, idle, for the memory they held (www/checker.js, MEMORY_LIMIT).
  const retired = await page.evaluate(() => globalThis.nianbaoPool.pool?.retired ?? null);
  const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * q))] ?? 0;

  // Reopen: a fresh load of the page straight onto the matrix (not with
  // NIANBAO_SKIP_REOPEN set).
  const reopen = async () => {
    if (cdp) await cdp.send("Profiler.start");
    const reopenStart = Date.now();
    await page.goto(`${url}#matrix`, { waitUntil: "load" });
    await page.waitForFunction((n) => document.querySelector(".ws-status")?.dataset.saved === String(n), rows, {
      timeout: 600_000,
      polling: 50,
    });
    const restored = (Date.now() - reopenStart) / 1000;
    await page.locator("#matrix-table tbody tr").first().waitFor({ timeout: 600_000 });
    const matrix = (Date.now() - reopenStart) / 1000;
    const matrixRows = await page.locator("#matrix-table tbody tr").count();
    // The agencies in all (a long matrix draws its first rows only).
    const matrixAgencies = Number((await page.locator("#matrix-more").getAttribute("data-rows", { timeout: 1000 }).catch(() => null)) ?? matrixRows);
    const reopenProfile = cdp ? (await cdp.send("Profiler.stop")).profile : null;
    // How much the reopened page drew: elements in all, and the characters
    // of the overview and its charts (drawn by the workspace part as markup).
    const drawn = await page.evaluate(() => ({
      elements: document.getElementsByTagName("*").length,
      overviewChars: document.getElementById("overview")?.innerHTML.length ?? 0,
      chartsChars: document.getElementById("overview-charts")?.innerHTML.length ?? 0,
      matrixChars: document.getElementById("matrix-table")?.outerHTML.length ?? 0,
    }));
    return {
      reopenRestoredSeconds: Number(restored.toFixed(1)),
      reopenMatrixSeconds: Number(matrix.toFixed(1)),
      matrixRows,
      matrixAgencies,
      reopenDrawn: drawn,
      ...(reopenProfile ? { reopenInAll: attribute(reopenProfile, [[0, Infinity]])[0].top } : {}),
    };
  };
  const reopened = process.env.NIANBAO_SKIP_REOPEN ? {} : await reopen();

  console.log(
    JSON.stringify({
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GB`,
      given: dropped ? "dropped" : "folder picker",
      files: count,
      realFiles: realCount,
      rows,
      megabytes: Math.round(bytes / 1e6),
      workers: Number(await page.evaluate(() => document.documentElement.dataset.workers ?? 0)),
      workersRetired: retired,
      checkedSeconds: Number(checked.toFixed(1)),
      storedSeconds: Number(stored.toFixed(1)),
      frameGapMaxMs: Math.round(gaps.at(-1) ?? 0),
      frameGapP95Ms: Math.round(at(0.95)),
      // How many gaps were over 200 ms, and the longest but one (the
      // longest is the browser's task as the folder is given).
      frameGapsOver200Ms: gaps.filter((g) => g > 200).length,
      frameGapSecondMs: Math.round(gaps.at(-2) ?? 0),
      frames: gaps.length,
      longTasks: long.length,
      longestTaskMs: Math.round(Math.max(0, ...long)),
      rendererPeakMb: peakMb,
      cpuSeconds,
      ...reopened,
      ...timeline,
      ...(profile
        ? {
            inLongTasks: attribute(profile, timeline.longTasksListed),
            inAll: attribute(profile, [[0, Infinity]])[0].top,
          }
        : {}),
    }),
  );
} finally {
  await chrome.kill();
  server.close();
  rmSync(scratch, { recursive: true, force: true });
}
