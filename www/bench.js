// The browser benchmark (bench.html): checks files through the JavaScript
// module, N timed iterations each after a warm-up, and reports reports/s per
// kind of file, once through `checkJson` (the result as JSON text: the work
// the native benchmark times) and once through `check` (that text parsed into
// JavaScript objects as well). `cargo xtask bench` drives it in headless
// Chromium through `window.nianbaoBench(files, iterations)`; a person can
// choose files by hand.
import init, { check, checkJson, version } from "./pkg/nianbao.js";

const out = document.getElementById("out");

/** The kind of a file, from its extension (`.txt`, `.docx`, …). */
export function kindOf(name) {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "other" : name.slice(dot + 1).toLowerCase();
}

/** How long the files are checked untimed before the timing starts. */
const WARM_UP_MS = 1500;

/** Rounds of timed checks (the same in tests/examples/throughput.rs). */
const ROUNDS = 5;

/** The module's functions timed, by the name a row of results gives. */
const VIA = { checkJson, check };

/**
 * Check every file `iterations` times (after an untimed warm-up) through one
 * function of the module (`via`, a key of VIA) and return per kind:
 * {kind, via, files, iterations, rounds, seconds, reportsPerSecond}.
 * The timed checks come in ROUNDS rounds that go through all the files in
 * turn; a file's time is its mean in its fastest round (a moment when the
 * machine was busy elsewhere, or the garbage collector ran, does not
 * count), and the rate is the number of files of that kind divided by the
 * sum of their times (reports per second when each file is checked once).
 * `files` is an array of {name, bytes: Uint8Array}.
 *
 * The warm-up checks all the files over and over for WARM_UP_MS (at least
 * twice): the browser first runs wasm from a quickly made baseline
 * compilation and puts the optimised code of hot functions in place as they
 * run, so the first few checks are several times slower than the rest. The
 * timing is of the steady state, as when a batch of reports is checked.
 */
export function run(files, iterations, via) {
  const fn = VIA[via];
  if (!fn) throw new Error(`no function ${via} to time`);
  for (const { name, bytes } of files) {
    const warm = check(bytes, name);
    if (warm.error) throw new Error(`${name}: ${warm.error.message_en}`);
  }
  const warmStart = performance.now();
  for (let pass = 0; pass < 2 || performance.now() - warmStart < WARM_UP_MS; pass++) {
    for (const { name, bytes } of files) fn(bytes, name);
  }
  const perRound = Math.ceil(iterations / ROUNDS);
  const best = files.map(() => Infinity);
  const spent = files.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    files.forEach(({ name, bytes }, k) => {
      const t0 = performance.now();
      for (let i = 0; i < perRound; i++) fn(bytes, name);
      const seconds = (performance.now() - t0) / 1000;
      spent[k] += seconds;
      best[k] = Math.min(best[k], seconds / perRound);
    });
  }
  const kinds = new Map();
  files.forEach(({ name }, k) => {
    const kind = kindOf(name);
    const row = kinds.get(kind) ?? { kind, via, files: 0, iterations: perRound * ROUNDS, rounds: ROUNDS, seconds: 0, timeSum: 0 };
    row.files += 1;
    row.seconds += spent[k];
    row.timeSum += best[k];
    kinds.set(kind, row);
  });
  return [...kinds.values()].map(({ timeSum, ...row }) => ({
    ...row,
    reportsPerSecond: timeSum > 0 ? row.files / timeSum : 0,
  }));
}

/** Both ways of checking, JSON text first: the rows of both. */
function runBoth(files, iterations) {
  return Object.keys(VIA).flatMap((via) => run(files, iterations, via));
}

function show(rows) {
  out.textContent = rows
    .map((r) => `${r.kind.padEnd(5)} ${String(r.files).padStart(3)} files × ${r.iterations}  ${r.via.padEnd(9)} ${r.reportsPerSecond.toFixed(1).padStart(9)} reports/s`)
    .join("\n");
}

await init();
window.nianbaoBench = (files, iterations) => {
  const rows = runBoth(files, iterations);
  show(rows);
  return rows;
};
const button = document.getElementById("run");
button.disabled = false;
button.addEventListener("click", async () => {
  const chosen = [...document.getElementById("files").files];
  const files = await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const iterations = Math.max(1, Number(document.getElementById("iters").value) || 1);
  out.textContent = "running…";
  try {
    show(runBoth(files, iterations));
  } catch (e) {
    out.textContent = String(e);
  }
});
document.documentElement.dataset.ready = version();
