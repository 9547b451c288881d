// Headless Chromium as the end-to-end tests and the benchmarks start it, and
// a watch on how the page keeps up while it works.
//
// Debian's chromium (never a downloaded browser), without sandbox (root), GPU
// or any of Chromium's own background traffic, as on the machines this runs on.

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
