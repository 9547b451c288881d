// The ways to use the checker besides the hosted page, made from what trunk and
// wasm-pack built into dist/. Run by `cargo xtask dist|test|serve`:
//
//   node xtask/pack.mjs [DIST] [CHECKER]   (default: dist, target/checker)
//
// - DIST/nianbao-checker-HASH.js, …_bg.wasm   the checker (web/src/checker.rs, which
//                            the xtask built with wasm-bindgen into CHECKER), under
//                            content-hashed names, which index.html's loader is given
// - dist/nianbao-embed.js    the loader of the <nianbao-check> element (www/embed.js
//                            with the app's hashed file names and its stylesheet
//                            rewritten for a shadow root), the checker's glue as
//                            a function and www/checker.js (its workers are made
//                            from a blob: URL); it uses the app's own .js and
//                            .wasm and the checker's .wasm, so nothing is built twice
// - dist/embed-demo.*        a portal page with hostile CSS showing the widget
// - dist/nianbao-offline.html  one file holding the whole app (JS, CSS, both wasm
//                            files as base64; the checker runs in blob: workers)
//                            that works opened from disk, with no network;
//                            its size is written into dist/index.html, which offers it
// - dist/worker.js           the hosted page's worker: www/worker.js with the one
//                            loop of every worker (www/checker.js, workerScript)
// - dist/sw.js               the service worker that keeps the hosted page working
//                            offline (www/sw.js with the list of built files)
// - dist/pkg/                the JavaScript module: adds the result types, the
//                            integrators' README and a tidy package.json

import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const checkerDir = resolve(process.argv[3] ?? join(root, "target/checker"));
const www = join(root, "www");

const read = (p) => readFileSync(p, "utf8");
const fail = (msg) => {
  console.error(`pack: ${msg}`);
  process.exit(1);
};
const sha256 = (data) => createHash("sha256").update(data).digest("base64");
/** Replace a placeholder that must occur exactly once. */
const fill = (text, placeholder, value, file) => {
  const parts = text.split(placeholder);
  if (parts.length !== 2) fail(`${file}: expected ${placeholder} once, found ${parts.length - 1}`);
  return parts.join(value);
};

// ---- the hosted page's worker ----------------------------------------------------
// dist/worker.js: www/worker.js with the loop of every worker (`workerScript`
// of www/checker.js, which imports nothing) started on the glue at `init.js`.
{
  const { workerScript } = await import(pathToFileURL(join(www, "checker.js")).href);
  const loop = workerScript((init) => import(init.js));
  writeFileSync(join(dist, "worker.js"), fill(read(join(www, "worker.js")), "/*__NIANBAO_WORKER_LOOP__*/", loop, "www/worker.js"));
}

// ---- what trunk built ---------------------------------------------------------
const indexPath = join(dist, "index.html");
if (!existsSync(indexPath)) fail(`${indexPath} is missing: build the app first`);
let index = read(indexPath);

// ---- the checker: hashed names, given to the loader -----------------------------
const checkerGlue = join(checkerDir, "nianbao-checker.js");
const checkerWasm = join(checkerDir, "nianbao-checker_bg.wasm");
if (!existsSync(checkerGlue) || !existsSync(checkerWasm)) fail(`${checkerDir} has no checker: build it first (cargo xtask dist)`);
const checkerHash = createHash("sha256").update(readFileSync(checkerGlue)).update(readFileSync(checkerWasm)).digest("hex").slice(0, 16);
const checkerJsName = `nianbao-checker-${checkerHash}.js`;
const checkerWasmName = `nianbao-checker-${checkerHash}_bg.wasm`;
// The page's own copy of the checker (www/boot.js, `pageCopy`) is made from
// this module's `makeGlue`, a fresh glue each time: a copy let go is then
// no longer held by the module (an imported glue keeps its instance, and
// its memory, for as long as the page lives).
const checkerCopyName = `nianbao-checker-${checkerHash}-copy.js`;
for (const f of readdirSync(dist)) if (/^nianbao-checker-/.test(f)) rmSync(join(dist, f));
copyFileSync(checkerGlue, join(dist, checkerJsName));
copyFileSync(checkerWasm, join(dist, checkerWasmName));
{
  const tag = index.match(/<script\b[^>]*\bdata-wasm="([^"]*)"[^>]*>/);
  if (!tag) fail("index.html has no loader with data-wasm");
  const base = tag[1].slice(0, tag[1].lastIndexOf("/") + 1);
  const fresh = tag[0]
    .replace(/\s+data-checker-(js|wasm|copy)="[^"]*"/g, "")
    .replace(
      /\bdata-wasm="/,
      `data-checker-js="${base}${checkerJsName}" data-checker-wasm="${base}${checkerWasmName}" data-checker-copy="${base}${checkerCopyName}" data-wasm="`,
    );
  index = index.replace(tag[0], () => fresh);
  writeFileSync(indexPath, index);
}
// ---- the workspace part: hashed names, given to the loader -----------------------
// (web/src/workspace.rs, built into target/workspace by `cargo xtask dist`; a
// build without it gives the page no workspace part, and the page says so.)
// `workspacePart` is null then, else where its files are and their names in dist/.
let workspacePart = null;
{
  const dir = resolve(process.argv[4] ?? join(root, "target/workspace"));
  const glue = join(dir, "nianbao-workspace.js");
  const wasm = join(dir, "nianbao-workspace_bg.wasm");
  for (const f of readdirSync(dist)) if (/^nianbao-workspace-/.test(f)) rmSync(join(dist, f));
  if (existsSync(glue) && existsSync(wasm)) {
    const hash = createHash("sha256").update(readFileSync(glue)).update(readFileSync(wasm)).digest("hex").slice(0, 16);
    const jsName = `nianbao-workspace-${hash}.js`;
    const wasmName = `nianbao-workspace-${hash}_bg.wasm`;
    workspacePart = { glue, wasm, jsName, wasmName };
    copyFileSync(glue, join(dist, jsName));
    copyFileSync(wasm, join(dist, wasmName));
    const tag = index.match(/<script\b[^>]*\bdata-wasm="([^"]*)"[^>]*>/);
    const base = tag[1].slice(0, tag[1].lastIndexOf("/") + 1);
    const fresh = tag[0]
      .replace(/\s+data-workspace-(js|wasm)="[^"]*"/g, "")
      .replace(/\bdata-wasm="/, `data-workspace-js="${base}${jsName}" data-workspace-wasm="${base}${wasmName}" data-wasm="`);
    index = index.replace(tag[0], () => fresh);
    writeFileSync(indexPath, index);
  }
}
const attr = (name) => {
  const m = index.match(new RegExp(`${name}="([^"]+)"`));
  if (!m) fail(`index.html has no ${name}`);
  return m[1].replace(/^\//, "");
};
const glueName = attr("data-js");
const wasmName = attr("data-wasm");
const cssNames = [...index.matchAll(/<link rel="stylesheet" href="\/?([^"]+)"[^>]*>/g)].map((m) => m[1]);
// The icon is inline in index.html (a data: URL), so the offline page keeps it as it is.
const icon = index.match(/<link rel="icon" href="data:[^"]*"[^>]*>/)?.[0] ?? "";
if (cssNames.length === 0) fail("index.html links no stylesheet");
const appCss = cssNames.map((n) => read(join(dist, n))).join("\n");

// ---- the widget -----------------------------------------------------------------

/** The app's stylesheet for a shadow root: page-level selectors become the
 * widget's root element, and `rem` (the portal's root font size) becomes px. */
function shadowCss(css) {
  return css
    .replace(/(^|[\s,}])(:root|html|body)(?=[\s,{:.[])/g, "$1.nianbao-root")
    .replace(/(-?\d*\.?\d+)rem\b/g, (_, n) => `${+(parseFloat(n) * 16).toFixed(2)}px`);
}
/** www/checker.js without its header and its `export`s: declarations to put
 * in a script that is not a module (the widget's loader) or has no imports
 * (the offline page). */
function checkerSource() {
  const text = read(join(www, "checker.js"));
  const at = text.search(/^(export )?const TIME_LIMIT_MS\b/m);
  if (at < 0) fail("www/checker.js: no `TIME_LIMIT_MS`");
  // From the doc comment of the first declaration on.
  const body = text.slice(text.lastIndexOf("/**", at)).replace(/^export /gm, "");
  for (const f of ["defaultWorkers", "pageChecker", "workerPool", "localChecker"]) {
    if (!new RegExp(`^(async )?function ${f}\\b`, "m").test(body)) fail(`www/checker.js: no \`export function ${f}\``);
  }
  if (/^\s*(import|export)\b/m.test(body)) fail("www/checker.js: an import or export is left");
  return body;
}

/** A JS glue of wasm-bindgen (`--target web`) as a function that makes a fresh
 * copy of it each time it is called (its own memory views and instance): the
 * offline page has no file to import again after the checker failed. The
 * copy gives `default` (the glue's init) and the exported functions `names`
 * (each must be there), or, with `names` null, every function it exports. */
function glueFactory(glue, file, names = ["workerCheck", "expandArchive"]) {
  const exported = /^export (?=(async )?function |const |class |let )/gm;
  const list = /^export \{[^}]*\};?\s*$/gm;
  if (!/\bexport \{[^}]*__wbg_init as default[^}]*\}/.test(glue)) fail(`${file}: no \`export { … __wbg_init as default }\``);
  names ??= [...glue.matchAll(/^export function (\w+)\b/gm)].map((m) => m[1]);
  for (const name of names) {
    if (!new RegExp(`^export function ${name}\\b`, "m").test(glue)) fail(`${file}: no \`export function ${name}\``);
  }
  const body = glue.replace(exported, "").replace(list, "").replace(/\bimport\.meta\.url\b/g, "location.href");
  if (/^\s*(import|export)\b/m.test(body)) fail(`${file}: an import or export is left`);
  return `function () {\n${body}\nreturn { default: __wbg_init, ${names.join(", ")} };\n}`;
}

writeFileSync(
  join(dist, checkerCopyName),
  `// The checker's glue (${checkerJsName}) as a function that makes a fresh copy of it.\nexport const makeGlue = ${glueFactory(read(checkerGlue), "nianbao-checker.js", null)};\n`,
);

/** The exports of www/store.js, and www/store.js as a function that makes
 * them (an object in place of the module): the offline page inlines it. Its
 * exports must be these, so that the object is the module the hosted page
 * imports; a change of its shape stops the build here. */
const STORE_EXPORTS = ["StoreError", "decisionKey", "openStore"];
function storeFactory() {
  const text = read(join(www, "store.js"));
  const found = [...text.matchAll(/^export\b.*$/gm)].map((m) => {
    const d = m[0].match(/^export (?:class|function|async function) (\w+)\b/);
    if (!d) fail(`www/store.js: \`${m[0].trim()}\` is not an exported class or function`);
    return d[1];
  });
  if (found.sort().join() !== [...STORE_EXPORTS].sort().join()) {
    fail(`www/store.js: exports ${found.join(", ")}, expected ${STORE_EXPORTS.join(", ")}`);
  }
  if (/^\s*import\b|\bimport\s*\(|\bimport\.meta\b/m.test(text)) fail("www/store.js: imports something");
  const body = text.replace(/^export /gm, "");
  return `function () {\n${body}\nreturn { ${STORE_EXPORTS.join(", ")} };\n}`;
}

const widgetCss = shadowCss(appCss) + "\n" + read(join(www, "embed.css"));
let loader = read(join(www, "embed.js"));
loader = fill(loader, '"__NIANBAO_GLUE__"', JSON.stringify(glueName), "embed.js");
loader = fill(loader, '"__NIANBAO_WASM__"', JSON.stringify(wasmName), "embed.js");
loader = fill(loader, '"__NIANBAO_CSS__"', JSON.stringify(widgetCss), "embed.js");
loader = fill(loader, '"__NIANBAO_CHECKER_WASM__"', JSON.stringify(checkerWasmName), "embed.js");
// The workspace, for widgets that keep one: www/store.js under a hashed
// name (a portal may keep the widget's files long), the workspace part's.
for (const f of readdirSync(dist)) if (/^nianbao-store-/.test(f)) rmSync(join(dist, f));
const storeText = readFileSync(join(www, "store.js"));
const storeName = `nianbao-store-${createHash("sha256").update(storeText).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dist, storeName), storeText);
loader = fill(loader, '"__NIANBAO_STORE__"', JSON.stringify(storeName), "embed.js");
loader = fill(loader, '"__NIANBAO_WORKSPACE_JS__"', JSON.stringify(workspacePart?.jsName ?? ""), "embed.js");
loader = fill(loader, '"__NIANBAO_WORKSPACE_WASM__"', JSON.stringify(workspacePart?.wasmName ?? ""), "embed.js");
loader = fill(loader, "/*__NIANBAO_CHECKER_CODE__*/", `const makeChecker = ${glueFactory(read(checkerGlue), "nianbao-checker.js")};\n${checkerSource()}`, "embed.js");
writeFileSync(join(dist, "nianbao-embed.js"), loader);
for (const f of ["embed-demo.html", "embed-demo.css", "embed-demo.js"]) copyFileSync(join(www, f), join(dist, f));

// ---- the offline page -----------------------------------------------------------

function offlinePage() {
  const glue = read(join(dist, glueName));
  const wasm = readFileSync(join(dist, wasmName));
  const makeChecker = glueFactory(read(checkerGlue), "nianbao-checker.js");
  if (!/async function __wbg_init\b/.test(glue)) fail(`${glueName}: no __wbg_init`);
  // The glue (an ES module; its exports are harmless in an inline module) and
  // the start: the wasm is handed over as bytes, nothing is fetched.
  const script = `${glue}
;{
  const bytesOf = (base64) => {
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  };
  const bytes = bytesOf("${wasm.toString("base64")}");
  // The checker: compiled when the first file is given, and run in web
  // workers made from a blob: URL (the page's policy allows them and no other
  // worker), with the hosted page's time limit per file; where none starts,
  // on the page's thread. globalThis.nianbaoPool as on the hosted page.
  const checkerWasm = "${readFileSync(checkerWasm).toString("base64")}";
  const makeChecker = ${makeChecker};
  ${checkerSource()}
  const html = document.documentElement;
  const checker = localChecker(
    () => WebAssembly.compile(bytesOf(checkerWasm)),
    makeChecker,
    defaultWorkers(),
    {
      onWorkers: (n) => (html.dataset.workers = String(n)),
      onWorkerRestart: (n) => (html.dataset.workerRestarts = String(n)),
      onPageRestart: (n) => (html.dataset.checkerRestarts = String(n)),
    },
  );
  globalThis.nianbaoPool = checker;
  // The reviewer's workspace, as on the hosted page (www/boot.js): the
  // store (www/store.js, IndexedDB, where the browser gives it to a page
  // opened from disk; where it does not, the store says why and the page
  // checks all the same) and the workspace part, compiled from the copy
  // below when first used.
  const makeStore = ${storeFactory()};
  let storeModule = null;
  globalThis.nianbaoStore = async () => (storeModule ??= makeStore());
  const workspaceWasm = "${workspacePart ? readFileSync(workspacePart.wasm).toString("base64") : ""}";
  const makeWorkspace = ${workspacePart ? glueFactory(read(workspacePart.glue), "nianbao-workspace.js", null) : "null"};
  let workspaceLoading = null;
  globalThis.nianbaoWorkspace = () => {
    workspaceLoading ??= (async () => {
      if (!makeWorkspace) throw new Error("工作区组件未能加载 / the workspace part did not load");
      const glue = makeWorkspace();
      await glue.default({ module_or_path: await WebAssembly.compile(bytesOf(workspaceWasm)) });
      return glue;
    })();
    workspaceLoading.catch(() => (workspaceLoading = null));
    return workspaceLoading;
  };
  // A copy saved by the browser holds the page as it was drawn: start afresh.
  document.getElementById("app")?.replaceChildren();
  delete document.documentElement.dataset.ready;
  try {
    await __wbg_init({ module_or_path: bytes });
    setChecker(checker);
    document.documentElement.dataset.ready = "true";
  } catch (error) {
    const p = document.createElement("p");
    p.className = "load-error";
    p.textContent = "无法启动检查程序（" + error + "）。请使用较新版本的 Chrome、Edge、Firefox 或 Safari。";
    (document.getElementById("app") ?? document.body).append(p);
    throw error;
  }
}
`;
  const style = appCss;
  // Nothing but these two inline blocks may run or style the page, and nothing
  // may be loaded: no connection, no image but data: and blob: URLs, no
  // worker but the checker's, made from a blob: URL.
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(script)}' 'wasm-unsafe-eval'`,
    `style-src 'sha256-${sha256(style)}'`,
    "img-src data: blob:",
    // The checker's workers, made from the page's own script (above).
    "worker-src blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const html = index
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    .replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${csp}" />`)
    .replace(/<link rel="(stylesheet|icon|modulepreload|preload)"[^>]*>\s*/g, "")
    .replace(/<script\b[^>]*\bsrc="[^"]*"[^>]*><\/script>\s*/g, "")
    .replace(/<footer id="offline-foot"[\s\S]*?<\/footer>\s*/, "")
    // Functions as replacements: `$` in the glue must stay as it is.
    .replace("</head>", () => `${icon}<style>${style}</style>\n</head>`)
    // data-checker-js names the build, which a result kept in the workspace
    // is tied to (as on the hosted page; nothing is loaded from it).
    .replace("</body>", () => `<script type="module" data-checker-js="${checkerJsName}">${script}</script>\n</body>`);
  if (/\b(src|href)="(?!data:)[^"#]/.test(html.replace(/<script type="module"[^>]*>[\s\S]*<\/script>/, "")))
    fail("the offline page still refers to another file");
  writeFileSync(join(dist, "nianbao-offline.html"), html);
  // The hosted page offers it for download, with its size.
  const mb = (Buffer.byteLength(html) / 1e6).toFixed(1);
  const withSize = index.replace(/(<span id="offline-size">)[^<]*(<\/span>)/, `$1${mb} MB$2`);
  if (withSize === index && !index.includes(`>${mb} MB<`)) fail("index.html has no <span id=\"offline-size\">");
  writeFileSync(indexPath, withSize);
}
offlinePage();

// ---- the service worker -----------------------------------------------------------

{
  // The hosted page's files, relative to the worker (which sits beside them);
  // not the offline version it offers for download (a copy of them all).
  const files = ["./", "index.html", "checker.js", ...new Set([
    ...[...index.matchAll(/(?:href|src|data-js|data-wasm|data-worker|data-checker-js|data-checker-wasm|data-checker-copy|data-workspace-js|data-workspace-wasm)="\/?([^"]+)"/g)].map((m) => m[1]),
  ])].filter((f) => !/^(https?:|data:|#)/.test(f) && f !== "nianbao-offline.html" && (f === "./" || existsSync(join(dist, f))));
  const version = createHash("sha256");
  for (const f of files) if (f !== "./") version.update(f).update(readFileSync(join(dist, f)));
  let sw = read(join(www, "sw.js"));
  sw = fill(sw, '"__NIANBAO_VERSION__"', JSON.stringify(version.digest("hex").slice(0, 16)), "sw.js");
  sw = fill(sw, '["__NIANBAO_FILES__"]', JSON.stringify(files), "sw.js");
  writeFileSync(join(dist, "sw.js"), sw);
}

// ---- the JavaScript module --------------------------------------------------------

const pkg = join(dist, "pkg");

/** The module's glue (wasm-bindgen, `--target web`) wrapped so that each of
 * its instances can be replaced: the glue becomes a function making a fresh
 * copy, and each exported function runs on the copy in use. An exception out
 * of the wasm (a trap, a stack overflow, memory exhausted) leaves an instance
 * unusable: the call throws an `Error` saying so in both languages (`kind`
 * "internal", the original as `cause`) and the next call gets a fresh
 * instance of the compiled module. After a call that left the instance's
 * memory above the limit (256 MB unless `setMemoryLimit` says otherwise), the
 * instance is dropped, so that the memory goes back to the system.
 * `memoryBytes()` tells the memory the instance in use holds. Idempotent: a
 * glue already wrapped is left as it is. */
function wrapModule(dir) {
  const file = join(dir, "nianbao.js");
  const marker = "// nianbao: each instance replaceable (xtask/pack.mjs)";
  let glue = read(file);
  if (glue.includes(marker)) {
    // Wrapped by an earlier run (wasm-pack did not build again): the glue
    // back from inside the wrapper, to be wrapped as this run does it.
    const open = "const makeGlue = function () {\n";
    const close = "\nreturn { __wbg_init, initSync, module: () => wasmModule, ";
    const from = glue.indexOf(open);
    const to = glue.indexOf(close);
    if (from < 0 || to < from) fail("pkg/nianbao.js: wrapped, but its glue cannot be found");
    const names = glue.slice(to + close.length, glue.indexOf(" };", to)).split(", ");
    const exported = new RegExp(`^function (${names.join("|")})\\(`, "gm");
    glue = glue.slice(from + open.length, to).replace(exported, "export function $1(") + "\nexport { initSync, __wbg_init as default };\n";
  }
  const names = [...glue.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
  if (!names.includes("check")) fail("pkg/nianbao.js: no `export function check`");
  if (!/^export \{ initSync, __wbg_init as default \};?\s*$/m.test(glue)) fail("pkg/nianbao.js: no `export { initSync, __wbg_init as default }`");
  if (!/^let wasmModule\b/m.test(glue)) fail("pkg/nianbao.js: no `let wasmModule`");
  const body = glue.replace(/^export (?=function )/gm, "").replace(/^export \{[^}]*\};?\s*$/gm, "");
  if (/^\s*(import|export)\b/m.test(body)) fail("pkg/nianbao.js: an import or export is left");
  const wrapper = `/* @ts-self-types="./nianbao.d.ts" */
${marker}
// The glue wasm-bindgen made, as a function that makes a fresh copy of it.
const makeGlue = function () {
${body.replace(/^\/\* @ts-self-types[^\n]*\n/, "").trimEnd()}
return { __wbg_init, initSync, module: () => wasmModule, ${names.join(", ")} };
};

let copy = makeGlue();
// The wasm's exports of the copy in use (once initialised), and the compiled
// module fresh copies are made from.
let wasmExports;
let compiled;
// Whether the copy in use can be called (false after a failure, or after a
// call that left its memory above the limit).
let usable = true;
let memoryLimit = 256 * 1024 * 1024;

function failedInstance(error) {
  return (
    error instanceof WebAssembly.RuntimeError ||
    error instanceof RangeError ||
    error?.name === "InternalError" ||
    error?.name === "RuntimeError"
  );
}

/** The error a call that failed in the wasm throws. Where the stack ran
 * out there may be no room to make one: the original is marked then. */
function internalError(error) {
  try {
    error.kind = "internal";
  } catch {}
  try {
    const failure = new Error(
      "检查此文件时程序内部出错，模块已换用新的实例，可继续检查其他文件。 / The checker failed on this file (" + error + "); the module uses a fresh instance for the next call.",
      { cause: error },
    );
    failure.kind = "internal";
    return failure;
  } catch {
    return error;
  }
}

// Instances made so far (the one in use included).
let made = 1;

function call(name, args) {
  if (!usable && compiled) {
    copy = makeGlue();
    wasmExports = copy.initSync({ module: compiled });
    made += 1;
    usable = true;
  }
  try {
    return copy[name](...args);
  } catch (error) {
    if (!failedInstance(error)) throw error;
    usable = false;
    throw internalError(error);
  } finally {
    if (usable && wasmExports && wasmExports.memory.buffer.byteLength > memoryLimit) usable = false;
  }
}

${names.map((n) => `export function ${n}(...args) {
  return call(${JSON.stringify(n)}, args);
}`).join("\n\n")}

/** Instances of the WebAssembly the module has made so far, the one in
 * use included (one more after each failure or memory renewal). */
export function instances() {
  return made;
}

/** Bytes of memory the module's instance in use holds (0 before it is
 * initialised, or once it has been dropped). */
export function memoryBytes() {
  return usable && wasmExports ? wasmExports.memory.buffer.byteLength : 0;
}

/** After a call that leaves the instance's memory above \`bytes\` (256 MB
 * unless set), the instance is dropped and the next call gets a fresh one.
 * Gives the limit in force before. */
export function setMemoryLimit(bytes) {
  const before = memoryLimit;
  memoryLimit = Number(bytes) > 0 ? Number(bytes) : Infinity;
  return before;
}

function initSync(module) {
  if (wasmExports) return wasmExports;
  wasmExports = copy.initSync(module);
  compiled = copy.module();
  return wasmExports;
}

async function __wbg_init(moduleOrPath) {
  if (wasmExports) return wasmExports;
  const exports = await copy.__wbg_init(moduleOrPath);
  wasmExports ??= exports;
  compiled ??= copy.module();
  return wasmExports;
}

export { initSync, __wbg_init as default };
`;
  writeFileSync(file, wrapper);
  const dts = join(dir, "nianbao.d.ts");
  let types = read(dts);
  if (!types.includes("export function instances")) {
    types = types.replace(
      /\nexport type InitInput\b/,
      (start) => `
/**
 * Bytes of memory the module's instance in use holds (0 before it is
 * initialised, or once it has been dropped). After a call that fails in the
 * WebAssembly (a trap, a stack overflow, memory exhausted: an \`Error\` with
 * \`kind\` "internal" is thrown) or leaves this above the memory limit, the
 * instance is dropped and the next call gets a fresh one.
 */
export function memoryBytes(): number;

/**
 * Instances of the WebAssembly the module has made so far, the one in use
 * included (one more after each failure or memory renewal).
 */
export function instances(): number;

/**
 * Set the memory limit of the module's instance, in bytes (256 MB unless
 * set; 0 for none); gives the one in force before.
 */
export function setMemoryLimit(bytes: number): number;
${start}`,
    );
    writeFileSync(dts, types);
  }
}

if (existsSync(join(pkg, "package.json"))) {
  wrapModule(pkg);
  copyFileSync(join(root, "web/pkg-extra/nianbao-result.d.ts"), join(pkg, "nianbao-result.d.ts"));
  copyFileSync(join(root, "docs/pkg-README.md"), join(pkg, "README.md"));
  const meta = JSON.parse(read(join(pkg, "package.json")));
  const files = new Set([...(meta.files ?? []), "nianbao-result.d.ts", "README.md"]);
  const tidy = {
    name: "nianbao",
    description: "Checks Chinese government information-disclosure annual reports (政府信息公开工作年度报告) in the browser or Node: WebAssembly, no UI, nothing sent anywhere",
    version: meta.version,
    license: meta.license,
    type: "module",
    main: meta.main ?? "nianbao.js",
    module: meta.module ?? "nianbao.js",
    types: meta.types ?? "nianbao.d.ts",
    files: [...files],
    sideEffects: meta.sideEffects ?? ["./snippets/*"],
  };
  writeFileSync(join(pkg, "package.json"), JSON.stringify(tidy, null, 2) + "\n");
}

console.log(`pack: nianbao-embed.js, embed-demo.html, nianbao-offline.html, sw.js${existsSync(pkg) ? ", pkg/ extras" : ""} in ${dist}`);
