/*! nianbao 年报检查 — embeddable checker. Load it with one script tag:
 *    <script src="https://your.host/nianbao/nianbao-embed.js" defer></script>
 *    <nianbao-check lang="zh-CN"></nianbao-check>
 * It defines the element <nianbao-check>, which renders the checker inside its
 * shadow root. Files are checked in the browser; nothing is sent anywhere.
 * See docs/embedding.md. (`cargo xtask dist` fills in the names below.)
 */
(() => {
  "use strict";
  if (window.customElements.get("nianbao-check")) return;

  // The files of the checker sit beside this script.
  const script =
    document.currentScript ??
    document.querySelector('script[src*="nianbao-embed"]');
  const base = new URL(".", script?.src || document.baseURI);
  const GLUE = "__NIANBAO_GLUE__";
  const WASM = "__NIANBAO_WASM__";
  const CSS = "__NIANBAO_CSS__";

  const CHECKER_WASM = "__NIANBAO_CHECKER_WASM__";
  // The reviewer's workspace (www/store.js and the workspace part), for
  // widgets given the attribute `workspace`; empty in a build without it.
  const STORE = "__NIANBAO_STORE__";
  const WORKSPACE_JS = "__NIANBAO_WORKSPACE_JS__";
  const WORKSPACE_WASM = "__NIANBAO_WORKSPACE_WASM__";

  // The checker's glue as a function (`makeChecker`) and www/checker.js.
  /*__NIANBAO_CHECKER_CODE__*/

  // The checker (readers and rules, a second wasm) is fetched when the first
  // file is given and runs in a web worker made from a `blob:` URL, with the
  // time limit of the hosted page: a file over it is stopped and the worker
  // replaced. Where the portal's policy allows no such worker (no
  // `worker-src blob:`), it runs on the portal's thread, where the checker
  // itself stops a file at the same limit.
  // Either way a failed copy (a trap, a stack overflow, memory exhausted)
  // costs the file it was checking: the next file gets a fresh copy, the
  // widgets stay.
  const checker = localChecker(async () => {
    const r = await fetch(new URL(CHECKER_WASM, base));
    if (!r.ok) throw new Error(CHECKER_WASM + ": HTTP " + r.status);
    return WebAssembly.compile(await r.arrayBuffer());
  }, makeChecker);

  // One copy of the app for every element of the page.
  let loading = null;
  const load = () =>
    (loading ??= import(new URL(GLUE, base).href).then(async (glue) => {
      await glue.default({ module_or_path: new URL(WASM, base) });
      glue.setChecker(checker);
      return glue;
    }));

  // The workspace for the app, offered (as the hosted page does, as
  // `nianbaoStore` and `nianbaoWorkspace`) once a widget with the attribute
  // `workspace` is on the page, and only then: without it the widget keeps
  // nothing in the portal's storage. Both load from beside this script when
  // first used; a portal that gives its own is left with it.
  const offerWorkspace = () => {
    globalThis.nianbaoStore ??= () => import(new URL(STORE, base).href);
    let part = null;
    globalThis.nianbaoWorkspace ??= () => {
      part ??= (async () => {
        if (!WORKSPACE_JS) throw new Error("工作区组件未能加载 / the workspace part did not load");
        const glue = await import(new URL(WORKSPACE_JS, base).href);
        await glue.default({ module_or_path: new URL(WORKSPACE_WASM, base) });
        return glue;
      })();
      part.catch(() => (part = null));
      return part;
    };
  };

  // One stylesheet shared by every shadow root (no inline <style>, so the
  // portal's style-src need not allow 'unsafe-inline').
  let sheet = null;
  const styles = () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    return sheet;
  };

  class NianbaoCheck extends HTMLElement {
    static observedAttributes = ["lang", "compact"];
    /** The checker every widget of the page shares (`pool`, `timeLimitMs`). */
    static checker = checker;

    #root;
    #widget = null;
    #queue = [];
    #ready;

    constructor() {
      super();
      const shadow = this.attachShadow({ mode: "open" });
      shadow.adoptedStyleSheets = [styles()];
      this.#root = document.createElement("div");
      this.#root.className = "nianbao-root";
      shadow.append(this.#root);
      let resolve, reject;
      this.#ready = new Promise((y, n) => ((resolve = y), (reject = n)));
      this.#ready.resolve = resolve;
      this.#ready.reject = reject;
      this.#ready.catch(() => {});
    }

    /** Resolves once the checker is on the page. */
    get ready() {
      return this.#ready;
    }

    connectedCallback() {
      if (this.#widget || this.#root.dataset.state) return;
      this.#root.dataset.state = "loading";
      // Read once, when the widget starts (like the choice of the files
      // kept, it is not changed under a widget at work).
      const workspace = this.hasAttribute("workspace");
      if (workspace) offerWorkspace();
      load().then(
        (glue) => {
          this.#widget = glue.mountWidget(
            this.#root,
            this,
            this.getAttribute("lang") || "zh-CN",
            this.hasAttribute("compact"),
            workspace,
            CHECKER_WASM,
          );
          this.#root.dataset.state = "ready";
          for (const [method, ...args] of this.#queue.splice(0)) {
            this.#widget[method](...args);
          }
          this.#ready.resolve(this);
          this.dispatchEvent(new CustomEvent("nianbao-ready", { bubbles: true, composed: true }));
        },
        (error) => {
          this.#root.dataset.state = "failed";
          const p = document.createElement("p");
          p.className = "load-error";
          p.textContent =
            "无法启动年报检查（" + error + "）。The checker could not start: " +
            "the page must allow scripts and 'wasm-unsafe-eval' from " + base.origin + ".";
          this.#root.replaceChildren(p);
          this.#ready.reject(error);
          this.dispatchEvent(new CustomEvent("nianbao-error", { bubbles: true, composed: true, detail: error }));
        },
      );
    }

    attributeChangedCallback(name, _old, value) {
      if (name === "lang") this.#call("setLang", value || "zh-CN");
      if (name === "compact") this.#call("setCompact", value !== null);
    }

    /** Check text (for example a report's text the host page holds). */
    checkText(text, name = "report.txt") {
      this.#call("checkText", String(text), String(name));
    }

    /** Check a file's bytes (Uint8Array or ArrayBuffer); `name` tells its kind. */
    checkBytes(bytes, name = "report") {
      const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      this.#call("checkBytes", data, String(name));
    }

    #call(method, ...args) {
      if (this.#widget) this.#widget[method](...args);
      else this.#queue.push([method, ...args]);
    }
  }

  window.customElements.define("nianbao-check", NianbaoCheck);
})();
