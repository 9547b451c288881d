// Headless Chromium as the end-to-end tests and the benchmarks start it, and
// a watch on how the page keeps up while it works.
//
// Debian's chromium (never a downloaded browser), without sandbox (root), GPU
// or any of Chromium's own background traffic, as on the machines this runs on.

import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser: CHROMIUM, else Debian's. */
const executable = () => process.env.CHROMIUM ?? "/usr/bin/chromium";

export function launch() {
  return chromium.launch({ executablePath: executable(), args: CHROMIUM_ARGS });
}

/** Chromium on the profile folder `dir` (kept between launches), headless; its one context. */
export function launchProfile(dir) {
  return chromium.launchPersistentContext(dir, { executablePath: executable(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * Chromium on a profile that outlives it (`dir`, made by the caller), started
 * as a process of our own and reached through its DevTools port, so that a
 * test can kill it as a crash would. Resolves to `{browser, context, kill}`:
 * `kill()` sends SIGKILL to the browser and every process it started, and
 * resolves once the browser is gone.
 */
export async function launchKillable(dir) {
  const exe = executable();
  const args = [...CHROMIUM_ARGS, "--headless=new", "--lang=zh-CN", "--accept-lang=zh-CN", `--user-data-dir=${dir}`, "--remote-debugging-port=0", "about:blank"];
  const proc = spawn(exe, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
  const exited = new Promise((ok) => proc.once("exit", ok));
  const endpoint = await new Promise((ok, fail) => {
    let said = "";
    const timer = setTimeout(() => fail(new Error(`chromium did not start: ${said}`)), 30_000);
    proc.stderr.on("data", (d) => {
      said += d;
      const m = said.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    exited.then((code) => fail(new Error(`chromium exited (${code}): ${said}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const kill = async () => {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      // Gone already.
    }
    await exited;
  };
  return { browser, context: browser.contexts()[0], kill };
}

/** Start recording the gaps between animation frames and the long tasks (over 50 ms) of the page's thread. */
export function watchFrames(page) {
  return page.evaluate(() => {
    const m = (window.__frames = { gaps: [], long: [] });
    let last = performance.now();
    const tick = (now) => {
      m.gaps.push(now - last);
      last = now;
      if (!m.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => m.long.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
  });
}

/** Stop recording: the frame gaps (ms, ascending) and the long tasks' durations (ms). */
export async function frameFigures(page) {
  const { gaps, long } = await page.evaluate(() => {
    window.__frames.stop = true;
    return window.__frames;
  });
  return { gaps: gaps.sort((a, b) => a - b), long };
}

/**
 * Drop `paths` (files or folders of the disk) on the page at (`x`, `y`), as
 * from a file manager: a real drag and drop, told to the browser by the
 * DevTools protocol (dragEnter, dragOver, drop), so that a folder comes as a
 * folder entry of the drop (`webkitGetAsEntry`) with its files inside.
 */
export async function dropPaths(page, paths, { x = 400, y = 300 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    for (const type of ["dragEnter", "dragOver", "drop"]) {
      await cdp.send("Input.dispatchDragEvent", { type, x, y, data });
    }
  } finally {
    await cdp.detach();
  }
}

// ---- the renderer's memory, from /proc (Linux) ------------------------------------

/**
 * The `/proc/PID/status` text of each renderer process of the Chromium whose
 * command line holds `tag` (its profile folder), with its pid: `[pid, status]`.
 */
export function renderers(tag) {
  const out = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("--type=renderer") || !cmd.includes(tag)) continue;
      out.push([pid, readFileSync(`/proc/${pid}/status`, "utf8")]);
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** A field of a `/proc/PID/status` text, in MB (0 where it has none). */
const statusMb = (status, field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;

/** The largest peak resident size (VmHWM) among those renderers, in MB. */
export function rendererPeakMb(tag) {
  return Math.round(Math.max(0, ...renderers(tag).map(([, s]) => statusMb(s, "VmHWM"))));
}

/**
 * The largest private memory among those renderers now, in MB: what
 * Chromium's task manager calls the memory footprint (resident anonymous and
 * shared-memory pages, and swap), without the browser's own code, which
 * every tab maps from the same files (some 90–110 MB of the resident size of
 * any tab, an empty one included).
 */
export function rendererPrivateMb(tag) {
  return Math.max(0, ...renderers(tag).map(([, s]) => statusMb(s, "RssAnon") + statusMb(s, "RssShmem") + statusMb(s, "VmSwap")));
}

/** Sample rendererPrivateMb every 10 ms until the returned function is called; it gives the peak seen, in MB. */
export function watchPrivate(tag) {
  let peak = rendererPrivateMb(tag);
  const timer = setInterval(() => (peak = Math.max(peak, rendererPrivateMb(tag))), 10);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, rendererPrivateMb(tag)));
  };
}
