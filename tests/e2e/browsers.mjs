// The page in the browsers besides Chromium: Firefox ESR (headless, through
// geckodriver) and WebKitGTK (its MiniBrowser under a virtual X server,
// through WebKitWebDriver). They are driven by the W3C WebDriver protocol
// spoken over HTTP with node's own fetch, so nothing beyond node is needed.
// `cargo xtask setup` installs the browsers and drivers; `cargo xtask test`
// runs this file after the Chromium tests, against the same fresh dist/:
//
//   cd tests/e2e && NIANBAO_DIST=$PWD/../../dist node --test browsers.mjs
//
// Environment: NIANBAO_DIST the built page (default dist/); GECKODRIVER,
// FIREFOX, WEBKIT_WEBDRIVER, WEBKIT_BROWSER, XVFB_RUN where the programs are
// (defaults: found on PATH, or Debian's places).
//
// In each: the hosted page checks seed 003 and locks itself; the single-file
// offline page, opened from disk, keeps a report in its workspace across a
// reload (both engines give file:// pages IndexedDB).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { createServer } from "node:net";
import { basename, delimiter, join } from "node:path";
import { dist, seed } from "./lib.mjs";
import { serve } from "./serve.mjs";

const SETUP = "run `cargo xtask setup` (it installs firefox-esr, webkit2gtk-driver, xvfb and geckodriver)";

/** The executable `name` on PATH, or null. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

/** `env` if set, else the first of `candidates` (names on PATH or paths) that exists; fails with the way out. */
function program(env, what, ...candidates) {
  const given = process.env[env];
  if (given) {
    assert.ok(existsSync(given), `${env}=${given} does not exist: ${SETUP}`);
    return given;
  }
  for (const c of candidates) {
    const p = c.includes("/") ? (existsSync(c) ? c : null) : onPath(c);
    if (p) return p;
  }
  assert.fail(`${what} is missing (${candidates.join(", ")}): ${SETUP}`);
}

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** One WebDriver command; resolves to its `value`, throws the driver's error. */
async function command(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json.value?.error) {
    throw new Error(`WebDriver ${method} ${path}: ${res.status} ${json.value?.error ?? ""} ${json.value?.message ?? ""}`);
  }
  return json.value;
}

/**
 * Start a WebDriver server (`argv`, told its port by `portArgs(port)`) in a
 * process group of its own, and wait until it is ready. Resolves to
 * `{base, stop, output}`.
 */
async function startDriver(argv, portArgs) {
  const port = await freePort();
  const proc = spawn(argv[0], [...argv.slice(1), ...portArgs(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  let exited = null;
  proc.once("exit", (code, signal) => (exited = code ?? signal));
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-proc.pid, "SIGTERM");
    } catch {}
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`${argv.join(" ")} exited (${exited}): ${output}`);
    const ready = await fetch(`${base}/status`).then((r) => r.json()).then((j) => j.value?.ready, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      stop();
      throw new Error(`${argv.join(" ")} did not answer on ${base} within 30 s: ${output}`);
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  return { base, stop, output: () => output };
}

/** A WebDriver session: the few commands the tests use. */
class Session {
  constructor(base, id) {
    this.base = base;
    this.path = `/session/${id}`;
  }

  static async open(base, capabilities) {
    const value = await command(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    const session = new Session(base, value.sessionId);
    session.capabilities = value.capabilities;
    return session;
  }

  do(method, path, body) {
    return command(this.base, method, this.path + path, body);
  }

  close() {
    return this.do("DELETE", "").catch(() => {});
  }

  go(url) {
    return this.do("POST", "/url", { url });
  }

  /** Run `script` (a function body) on the page with `args`. */
  run(script, ...args) {
    return this.do("POST", "/execute/sync", { script, args });
  }

  /** Run `script` on the page; it calls its last argument with the answer. */
  runAsync(script, ...args) {
    return this.do("POST", "/execute/async", { script, args });
  }

  async find(css) {
    const value = await this.do("POST", "/element", { using: "css selector", value: css });
    return Object.values(value)[0];
  }

  /** Element Send Keys: for a file input, the path of a file to give it. */
  sendKeys(element, text) {
    return this.do("POST", `/element/${element}/value`, { text });
  }

  /** Wait until `css` matches an element of the page. */
  async waitFor(css, timeout = 30_000) {
    const deadline = Date.now() + timeout;
    while (!(await this.run("return document.querySelector(arguments[0]) !== null;", css))) {
      if (Date.now() > deadline) {
        const state = await this.run(`const html = document.documentElement;
          return [...html.attributes].map((a) => a.name + "=" + a.value).join(" ") + " | " + document.body.innerText.slice(0, 1500);`)
          .catch((e) => String(e));
        assert.fail(`no ${css} after ${timeout / 1000} s; the page: ${state}`);
      }
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
}

/** The browsers, how their drivers start and what a session asks for. */
const BROWSERS = [
  {
    name: "Firefox",
    driver() {
      const gecko = program("GECKODRIVER", "geckodriver", "geckodriver", join(process.env.HOME ?? "", ".cargo/bin/geckodriver"));
      return [[gecko, "--host", "127.0.0.1"], (port) => ["--port", String(port)]];
    },
    capabilities() {
      const firefox = program("FIREFOX", "Firefox", "firefox-esr", "firefox");
      return {
        browserName: "firefox",
        "moz:firefoxOptions": {
          binary: firefox,
          args: ["-headless"],
          prefs: { "intl.accept_languages": "zh-CN", "network.proxy.type": 0 },
        },
      };
    },
  },
  {
    name: "WebKit",
    driver() {
      const driver = program("WEBKIT_WEBDRIVER", "WebKitWebDriver", "WebKitWebDriver");
      const xvfb = program("XVFB_RUN", "xvfb-run (package xvfb)", "xvfb-run");
      return [[xvfb, "-a", "-s", "-screen 0 1366x768x24", driver, "--host=127.0.0.1"], (port) => [`--port=${port}`]];
    },
    capabilities() {
      const browser = program(
        "WEBKIT_BROWSER",
        "WebKitGTK's MiniBrowser",
        "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        "/usr/libexec/webkit2gtk-4.1/MiniBrowser",
      );
      return {
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary: browser, args: ["--automation"] },
      };
    },
  },
];

for (const browser of BROWSERS) {
  test(`${browser.name}: seed 003 through the file input shows its A004 error; the page is locked`, async (t) => {
    assert.ok(existsSync(join(dist, "index.html")), `${dist}/index.html is missing: run \`cargo xtask dist\``);
    const [argv, portArgs] = browser.driver();
    const capabilities = browser.capabilities();
    // Closed in the reverse order: the session, the driver, the server.
    const opened = [];
    t.after(async () => {
      for (const close of opened.reverse()) await close();
    });
    const site = await serve(dist, 0);
    opened.push(() => site.server.close());
    const driver = await startDriver(argv, portArgs);
    opened.push(() => driver.stop());
    const session = await Session.open(driver.base, capabilities);
    opened.push(() => session.close());
    t.diagnostic(`${browser.name}: ${session.capabilities.browserName} ${session.capabilities.browserVersion}`);

    await session.go(site.url);
    await session.waitFor("html[data-ready]");
    assert.equal(await session.run("return document.documentElement.dataset.locked ?? null;"), null, "not locked before a file");

    // Errors the page meets from here on (what WebDriver can see of them).
    await session.run(`window.__errors = [];
      addEventListener("error", (e) => __errors.push(String(e.message ?? e)));
      addEventListener("unhandledrejection", (e) => __errors.push(String(e.reason)));`);

    // The real file input, given the seed's path as a person would choose it.
    const input = await session.find('input[type="file"]');
    await session.sendKeys(input, seed("003"));
    await session.waitFor("#report[data-check-ms]");

    const shown = await session.run(`
      const report = document.querySelector("#report");
      const a004 = document.querySelectorAll('button.finding[data-rule="A004"]');
      const total = document.querySelector('td[data-cell="appeals.litigation_after_review.total"]');
      return {
        file: report.dataset.file,
        a004: a004.length,
        inErrors: document.querySelectorAll('.group-error button.finding[data-rule="A004"]').length,
        rule: a004[0]?.querySelector(".rule")?.textContent.trim(),
        expected: a004[0]?.querySelector(".expected")?.textContent,
        actual: a004[0]?.querySelector(".actual")?.textContent,
        totalClass: total?.getAttribute("class"),
        totalTitle: total?.getAttribute("title"),
        agency: document.body.textContent.includes("博爱县"),
      };`);
    assert.equal(shown.file, basename(seed("003")));
    assert.equal(shown.a004, 1, "one A004 finding");
    assert.equal(shown.inErrors, 1, "listed among the errors");
    assert.equal(shown.rule, "A004");
    assert.match(shown.expected, /0/);
    assert.match(shown.actual, /1/);
    assert.match(shown.totalClass, /\bhl-strong\b/, "the total of 复议后起诉 is marked");
    assert.match(shown.totalTitle, /^A004 /);
    assert.ok(shown.agency, "the report of 博爱县 is shown");

    // With the first file the page forbade itself every connection.
    const lock = await session.run(`return {
      locked: document.documentElement.dataset.locked ?? null,
      policy: document.querySelector('meta[data-lock]')?.content ?? null,
    };`);
    assert.deepEqual(lock, { locked: "true", policy: "connect-src 'none'" });
    const outcome = await session.runAsync(`
      const done = arguments[arguments.length - 1];
      fetch("/index.html").then(() => done("fetched"), () => done("refused"));`);
    assert.equal(outcome, "refused", "a fetch is refused by the page's policy");
    assert.deepEqual(await session.run("return window.__errors;"), [], "no script errors");
  });
}

for (const browser of BROWSERS) {
  test(`${browser.name}: the offline page opened from disk keeps a report in its workspace across a reload`, async (t) => {
    assert.ok(existsSync(join(dist, "nianbao-offline.html")), `${dist}/nianbao-offline.html is missing: run \`cargo xtask dist\``);
    const dir = mkdtempSync(join(tmpdir(), "nianbao-offline-"));
    copyFileSync(join(dist, "nianbao-offline.html"), join(dir, "nianbao-offline.html"));
    const url = pathToFileURL(join(dir, "nianbao-offline.html")).href;
    const [argv, portArgs] = browser.driver();
    const opened = [() => rmSync(dir, { recursive: true, force: true })];
    t.after(async () => {
      for (const close of opened.reverse()) await close();
    });
    const driver = await startDriver(argv, portArgs);
    opened.push(() => driver.stop());
    const session = await Session.open(driver.base, browser.capabilities());
    opened.push(() => session.close());

    await session.go(url);
    await session.waitFor("html[data-ready]");
    await session.waitFor('.ws-status[data-saved="0"]');
    await session.sendKeys(await session.find('input[type="file"]'), seed("003"));
    await session.waitFor("#report[data-check-ms]");
    await session.waitFor('.ws-status[data-saved="1"]');

    await session.go(url);
    await session.waitFor("html[data-ready]");
    await session.waitFor('.ws-status[data-saved="1"]');
    const rows = await session.run('return [...document.querySelectorAll("tr.batch-row")].map((r) => r.dataset.file);');
    assert.deepEqual(rows, [basename(seed("003"))]);
  });
}
