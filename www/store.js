// The reviewer's workspaces in the browser's own storage (IndexedDB), so that
// a reload, a crash or a closed laptop loses nothing. Nothing leaves the
// machine: this module makes no request.
//
// One database, "nianbao-workspaces", with eight object stores:
//
//   workspaces  {id, name, created, modified, regrouping, years, nextReport,
//                nextBatch}
//   reports     {ws, id, file, added, size, result, cross, entry,
//                wire, wireRest, wireBuild}                         key [ws, id]
//   texts       {ws, id, text}                                      key [ws, id]
//   files       {ws, id, blob}  (only files the reviewer keeps)     key [ws, id]
//   decisions   {ws, key, agency, year, file, fingerprint, rule,
//                message, verdict, note, at}                        key [ws, key]
//   batches     {ws, id, started, kept, files: [{name, size}]}      key [ws, id]
//   batchFiles  {ws, batch, slot, blob} (a batch's files, where the
//                reviewer keeps them)                         key [ws, batch, slot]
//   batchDone   {ws, batch, slot, report}                     key [ws, batch, slot]
//
// A batch is written down when it is given (what it was given: names and
// sizes, and the files themselves where the reviewer keeps them) and each of
// its results is stored as it arrives, with its slot in `batchDone`, in the
// same transaction; the batch is struck off once every result is in. A batch
// still written down when the page opens was cut short (a reload, a crash):
// `batchDone` says which of its files are checked, so that only the others
// are checked again.
//
// `result` is the export JSON of one file (docs/export.md): its UTF-8 bytes,
// as the page stores it, or its text or the object it parses into (records
// stored before, and imported ones); a text in `texts` is likewise its UTF-8
// bytes or a string; `cross` its
// cross-report findings, `entry` what the core's workspace::record made of it
// (docs/workspace.md); `wire` the page's own compact form of the same
// result (web/src/wire.rs) and `wireBuild` the build that made it: a page of
// that build reopens it without checking again; another build checks the
// kept file, or the text, again. Where `wireRest` is true, `wire` holds what
// follows the document's text in that form, and the text is in `texts` only:
// the page decodes the two together. A decision is one record per report and fingerprint:
// deciding again replaces it. Every write is one transaction; decisions are
// written with strict durability, so that a decision the page has confirmed
// is on disk before the browser could be killed.
//
// Failures become a StoreError with a code and a message in Chinese and in
// English: "unavailable" (no IndexedDB, or the browser refuses it: private
// windows of some browsers, file:// pages, storage blocked by settings),
// "quota" (the storage is full), "future" (a later version of the page made
// the database), "blocked" (another tab holds the database open in an older
// version), "missing" (no such workspace), "failed" (anything else).

const DB_NAME = "nianbao-workspaces";
const DB_VERSION = 2;
const STORES = ["workspaces", "reports", "texts", "files", "decisions", "batches", "batchFiles", "batchDone"];

const MESSAGES = {
  unavailable: [
    "此浏览器不允许本页面使用本地存储（如隐私窗口或已禁用网站数据），工作区无法保存；检查仍可进行。",
    "This browser does not let the page use its storage (a private window, or site data blocked); the workspace cannot be kept, checking still works.",
  ],
  quota: [
    "浏览器存储空间不足，未能保存。请删除不用的工作区或不保留原文件后重试。",
    "The browser's storage is full; nothing was saved. Delete workspaces you no longer need, or do not keep the files themselves, and try again.",
  ],
  future: [
    "工作区由更新版本的页面创建，请使用最新版本打开。",
    "The workspaces were made by a later version of this page; open them with the latest version.",
  ],
  blocked: [
    "另一个标签页正在使用旧版本的工作区，请关闭其他标签页后重试。",
    "Another tab holds the workspaces open in an older version; close it and try again.",
  ],
  missing: ["找不到该工作区。", "No such workspace."],
  failed: ["工作区存储出错。", "The workspace storage failed."],
};

/** A failure of the store, with a code and a message in both languages. */
export class StoreError extends Error {
  constructor(code, cause) {
    const [zh, en] = MESSAGES[code] ?? MESSAGES.failed;
    super(`${zh} / ${en}`);
    this.name = "StoreError";
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
    this.detail = cause ? String(cause?.message ?? cause) : "";
  }
}

function codeOf(e) {
  if (e instanceof StoreError) return e.code;
  switch (e?.name) {
    case "QuotaExceededError":
      return "quota";
    case "VersionError":
      return "future";
    case "SecurityError":
    case "InvalidAccessError":
      return "unavailable";
    default:
      // Chromium reports a full disk inside an UnknownError's message.
      return /quota|space/i.test(String(e?.message)) ? "quota" : "failed";
  }
}

function wrap(e) {
  return e instanceof StoreError ? e : new StoreError(codeOf(e), e);
}

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(wrap(r.error));
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(wrap(tx.error));
    tx.onabort = () => reject(wrap(tx.error ?? new DOMException("aborted", "AbortError")));
  });
}

/** Every key [ws, …] of one workspace: arrays sort after numbers and strings. */
function range(ws) {
  return IDBKeyRange.bound([ws], [ws, []]);
}

/** Every key [ws, batch, …] of one batch. */
function batchRange(ws, batch) {
  return IDBKeyRange.bound([ws, batch], [ws, batch, []]);
}

/** The key a decision is kept under: its report (agency and year, or the file's name when it gives neither) and fingerprint. */
export function decisionKey(d) {
  const placed = d.agency || d.year;
  return [d.agency ?? "", d.year ?? "", placed ? "" : (d.file ?? ""), d.fingerprint].join("\u001f");
}

/** The browser's IndexedDB, or null. A browser that denies the page its
 * storage may throw (a SecurityError) on merely reading `indexedDB`; that
 * is the same refusal as one from `open`. */
function browserFactory() {
  try {
    return globalThis.indexedDB ?? null;
  } catch (e) {
    throw new StoreError("unavailable", e);
  }
}

/** Open the store. Rejects with a StoreError when the browser gives no storage. */
export async function openStore(factory = browserFactory()) {
  if (!factory) throw new StoreError("unavailable");
  let open;
  try {
    open = factory.open(DB_NAME, DB_VERSION);
  } catch (e) {
    throw new StoreError(e?.name === "SecurityError" ? "unavailable" : codeOf(e), e);
  }
  const db = await new Promise((resolve, reject) => {
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains("workspaces")) {
        db.createObjectStore("workspaces", { keyPath: "id", autoIncrement: true });
      }
      for (const name of ["reports", "texts", "files"]) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: ["ws", "id"] });
      }
      if (!db.objectStoreNames.contains("decisions")) {
        db.createObjectStore("decisions", { keyPath: ["ws", "key"] });
      }
      if (!db.objectStoreNames.contains("batches")) db.createObjectStore("batches", { keyPath: ["ws", "id"] });
      for (const name of ["batchFiles", "batchDone"]) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: ["ws", "batch", "slot"] });
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new StoreError(open.error?.name === "UnknownError" ? "unavailable" : codeOf(open.error), open.error));
    open.onblocked = () => reject(new StoreError("blocked"));
  });
  // A later version of the page asks for the database: let it have it.
  db.onversionchange = () => db.close();
  return new Store(db);
}

class Store {
  constructor(db) {
    this.db = db;
  }

  tx(names, mode = "readonly", durability = "default") {
    try {
      return this.db.transaction(names, mode, { durability });
    } catch (e) {
      throw wrap(e);
    }
  }

  /**
   * Run `fn(tx)` in one read-write transaction; resolves to what it returns
   * once the transaction is committed. Any failure aborts the whole of it.
   */
  async write(names, durability, fn) {
    const tx = this.tx(names, "readwrite", durability);
    const committed = done(tx);
    committed.catch(() => {});
    let out;
    try {
      out = await fn(tx);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      throw wrap(e);
    }
    await committed;
    return out;
  }

  /** Every workspace, most recently changed first. */
  async listWorkspaces() {
    const all = await request(this.tx("workspaces").objectStore("workspaces").getAll());
    return all.sort((a, b) => b.modified - a.modified);
  }

  async getWorkspace(id) {
    const w = await request(this.tx("workspaces").objectStore("workspaces").get(id));
    if (!w) throw new StoreError("missing");
    return w;
  }

  /** A new workspace; resolves to it (with its id). */
  async createWorkspace(name, now = Date.now()) {
    const w = { name: String(name), created: now, modified: now, regrouping: {}, years: null, nextReport: 1 };
    const id = await this.write("workspaces", "strict", (tx) => request(tx.objectStore("workspaces").add(w)));
    return { ...w, id };
  }

  /** Change a workspace's name, grouping corrections or years. */
  async updateWorkspace(id, patch, now = Date.now()) {
    return this.write("workspaces", "strict", async (tx) => {
      const s = tx.objectStore("workspaces");
      const w = await request(s.get(id));
      if (!w) throw new StoreError("missing");
      const next = { ...w, modified: now };
      for (const k of ["name", "regrouping", "years"]) if (k in patch) next[k] = patch[k];
      s.put(next);
      return next;
    });
  }

  renameWorkspace(id, name) {
    return this.updateWorkspace(id, { name: String(name) });
  }

  /** Delete a workspace with its reports, texts, files and decisions. */
  async deleteWorkspace(id) {
    await this.write(STORES, "strict", (tx) => {
      tx.objectStore("workspaces").delete(id);
      for (const name of STORES.slice(1)) tx.objectStore(name).delete(range(id));
    });
  }

  /**
   * Store a checked report: `record` holds file, size, result, cross and entry;
   * `text` the document's text; `blob` the file itself when the reviewer keeps it.
   * Resolves to the report's id in the workspace (a new one unless record.id is given).
   */
  async putReport(ws, record, { text = null, blob = null } = {}, now = Date.now()) {
    return this.write(["workspaces", "reports", "texts", "files"], "default", async (tx) => {
      const wstore = tx.objectStore("workspaces");
      const w = await request(wstore.get(ws));
      if (!w) throw new StoreError("missing");
      let id = record.id;
      if (id == null) {
        id = w.nextReport;
        w.nextReport += 1;
      } else if (id >= w.nextReport) {
        w.nextReport = id + 1;
      }
      w.modified = now;
      wstore.put(w);
      tx.objectStore("reports").put({ ...record, ws, id, added: record.added ?? now });
      if (text != null) tx.objectStore("texts").put({ ws, id, text });
      if (blob != null) tx.objectStore("files").put({ ws, id, blob });
      return id;
    });
  }

  /**
   * Store several checked reports in one transaction: `items` are
   * `{record, text, blob, batch, slot}` as for putReport, with, for a result
   * of a batch written down by beginBatch, its batch and slot (marked done in
   * the same transaction). Resolves to their ids, in order.
   */
  async putReports(ws, items, now = Date.now()) {
    return this.write(["workspaces", "reports", "texts", "files", "batchDone"], "default", async (tx) => {
      const wstore = tx.objectStore("workspaces");
      const w = await request(wstore.get(ws));
      if (!w) throw new StoreError("missing");
      const ids = [];
      for (const { record, text = null, blob = null, batch = null, slot = null } of items) {
        let id = record.id;
        if (id == null) {
          id = w.nextReport;
          w.nextReport += 1;
        } else if (id >= w.nextReport) {
          w.nextReport = id + 1;
        }
        tx.objectStore("reports").put({ ...record, ws, id, added: record.added ?? now });
        if (text != null) tx.objectStore("texts").put({ ws, id, text });
        if (blob != null) tx.objectStore("files").put({ ws, id, blob });
        if (batch != null && slot != null) tx.objectStore("batchDone").put({ ws, batch, slot, report: id });
        ids.push(id);
      }
      w.modified = now;
      wstore.put(w);
      return ids;
    });
  }

  /**
   * Write a batch down before it is checked: `files` its files' names and
   * sizes, `blobs` (parallel to them) the files themselves where the
   * reviewer keeps them, else null. Resolves to the batch's id.
   */
  async beginBatch(ws, files, blobs = null, now = Date.now()) {
    return this.write(["workspaces", "batches", "batchFiles"], "strict", async (tx) => {
      const wstore = tx.objectStore("workspaces");
      const w = await request(wstore.get(ws));
      if (!w) throw new StoreError("missing");
      const id = w.nextBatch ?? 1;
      w.nextBatch = id + 1;
      wstore.put(w);
      const list = files.map((f) => ({ name: String(f.name), size: Number(f.size) || 0 }));
      tx.objectStore("batches").put({ ws, id, started: now, kept: blobs != null, files: list });
      if (blobs != null) {
        blobs.forEach((blob, slot) => blob != null && tx.objectStore("batchFiles").put({ ws, batch: id, slot, blob }));
      }
      return id;
    });
  }

  /** Batches written down and not struck off (cut short): `{id, started,
   * kept, total, done}`, the oldest first. */
  async openBatches(ws) {
    const tx = this.tx(["batches", "batchDone"]);
    const all = await request(tx.objectStore("batches").getAll(range(ws)));
    const out = [];
    for (const b of all) {
      const done = await request(tx.objectStore("batchDone").count(batchRange(ws, b.id)));
      out.push({ id: b.id, started: b.started, kept: b.kept, total: b.files.length, done });
    }
    return out;
  }

  /** One batch in full: `{id, kept, files: [{name, size, slot, done}]}`,
   * or null when it is not written down. */
  async getBatch(ws, id) {
    const tx = this.tx(["batches", "batchDone"]);
    const b = await request(tx.objectStore("batches").get([ws, id]));
    if (!b) return null;
    const done = new Set((await request(tx.objectStore("batchDone").getAll(batchRange(ws, id)))).map((d) => d.slot));
    return { id, kept: b.kept, started: b.started, files: b.files.map((f, slot) => ({ ...f, slot, done: done.has(slot) })) };
  }

  /** A file of a batch, where it was kept (a Blob), else null. */
  async getBatchFile(ws, id, slot) {
    return (await request(this.tx("batchFiles").objectStore("batchFiles").get([ws, id, slot])))?.blob ?? null;
  }

  /** Strike a batch off (every result in, or the reviewer gave it up). */
  async endBatch(ws, id) {
    await this.write(["batches", "batchFiles", "batchDone"], "default", (tx) => {
      tx.objectStore("batches").delete([ws, id]);
      tx.objectStore("batchFiles").delete(batchRange(ws, id));
      tx.objectStore("batchDone").delete(batchRange(ws, id));
    });
  }

  /** Every report of a workspace, in the order of their ids. */
  getReports(ws) {
    return request(this.tx("reports").objectStore("reports").getAll(range(ws)));
  }

  getReport(ws, id) {
    return request(this.tx("reports").objectStore("reports").get([ws, id]));
  }

  /** Every text of a workspace's reports (`{ws, id, text}`), in the order of their ids. */
  getTexts(ws) {
    return request(this.tx("texts").objectStore("texts").getAll(range(ws)));
  }

  async getText(ws, id) {
    return (await request(this.tx("texts").objectStore("texts").get([ws, id])))?.text ?? null;
  }

  async getFile(ws, id) {
    return (await request(this.tx("files").objectStore("files").get([ws, id])))?.blob ?? null;
  }

  async deleteReport(ws, id) {
    await this.write(["reports", "texts", "files"], "default", (tx) => {
      for (const name of ["reports", "texts", "files"]) tx.objectStore(name).delete([ws, id]);
    });
  }

  /** Keep a decision (replacing an earlier one on the same report and finding). */
  async putDecision(ws, decision) {
    const d = { ...decision, at: decision.at ?? Date.now() };
    await this.write("decisions", "strict", (tx) => {
      tx.objectStore("decisions").put({ ...d, ws, key: decisionKey(d) });
    });
    return d;
  }

  async deleteDecision(ws, decision) {
    await this.write("decisions", "strict", (tx) => {
      tx.objectStore("decisions").delete([ws, decisionKey(decision)]);
    });
  }

  /** Every decision of a workspace, as the core reads them (without ws and key). */
  async getDecisions(ws) {
    const all = await request(this.tx("decisions").objectStore("decisions").getAll(range(ws)));
    return all.map(({ ws: _w, key: _k, ...d }) => d);
  }

  /** How much the origin uses and may use, in bytes, where the browser says. */
  async estimate() {
    try {
      return (await navigator.storage?.estimate?.()) ?? null;
    } catch {
      return null;
    }
  }

  /** Ask the browser not to clear the storage under pressure; resolves to whether it agreed. */
  async persist() {
    try {
      return (await navigator.storage?.persist?.()) ?? false;
    } catch {
      return false;
    }
  }

  close() {
    this.db.close();
  }
}
