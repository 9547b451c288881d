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

  // One copy of the checker for every element of the page. A copy that
  // failed (a trap, a stack overflow, memory exhausted) cannot be used again:
  // the next one is a fresh import of the glue (`?instance=N`) and a fresh
  // instance of the wasm.
  let loading = null;
  let generation = 0;
  const load = () =>
    (loading ??= (() => {
      generation += 1;
      const url = new URL(GLUE, base);
      if (generation > 1) url.searchParams.set("instance", String(generation));
      return import(url.href).then(async (glue) => {
        await glue.default({ module_or_path: new URL(WASM, base) });
        return glue;
      });
    })());

  // What a failed wasm instance throws: a trap (a panic aborts), a stack
  // overflow or memory exhausted (RangeError; InternalError in Firefox).
  const fatal = (e) =>
    e instanceof WebAssembly.RuntimeError ||
    e instanceof RangeError ||
    e?.name === "InternalError";
  const widgets = new Set();
  const root = document.documentElement;
  let restarting = false;
  // While the checker works on a file, the page's root element names it
  // (`data-checking`); a fatal error then costs that file only: every
  // element gets a fresh checker and a note naming the file.
  const onFatal = (error) => {
    if (!fatal(error) || restarting) return false;
    const name = root.dataset.checking;
    if (name === undefined) return false;
    restarting = true;
    delete root.dataset.checking;
    loading = null;
    for (const el of widgets) el._restart(name, error);
    restarting = false;
    return true;
  };
  window.addEventListener("error", (e) => {
    if (onFatal(e.error)) e.preventDefault();
  });
  window.addEventListener("unhandledrejection", (e) => {
    if (onFatal(e.reason)) e.preventDefault();
  });

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
      widgets.add(this);
      if (this.#widget || this.#root.dataset.state) return;
      this.#root.dataset.state = "loading";
      load().then(
        (glue) => {
          this.#widget = glue.mountWidget(
            this.#root,
            this,
            this.getAttribute("lang") || "zh-CN",
            this.hasAttribute("compact"),
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

    disconnectedCallback() {
      widgets.delete(this);
    }

    /** The checker failed on `name`: say so, and start on a fresh checker. */
    _restart(name, error) {
      this.#widget = null;
      delete this.#root.dataset.state;
      const note = document.createElement("p");
      note.className = "load-error trap-error";
      note.setAttribute("role", "alert");
      note.dataset.file = name;
      note.textContent =
        "无法检查「" + name + "」：检查程序出错，已重新启动（之前的结果已清除）。 · Could not check “" +
        name + "”: the checker failed and was restarted (earlier results were cleared).";
      const fresh = document.createElement("div");
      fresh.className = "nianbao-root";
      this.#root.replaceWith(fresh);
      this.#root = fresh;
      this.dispatchEvent(
        new CustomEvent("nianbao-error", {
          bubbles: true,
          composed: true,
          detail: new Error("could not check " + name + ": " + error),
        }),
      );
      this.connectedCallback();
      // The note (only the latest) stays above the fresh checker.
      this.shadowRoot.querySelector(".trap-error")?.remove();
      this.#root.before(note);
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
