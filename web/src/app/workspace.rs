//! The reviewer's workspace on the page: the reports checked and the
//! decisions taken on their findings, kept in the browser's own storage
//! (www/store.js, IndexedDB), so that a reload or a crash loses nothing.
//!
//! The app keeps its part of the state here ([`Ws`], changed by
//! [`WsAction`] through the page's one reducer); the [`Keeper`] component
//! does the storing: it restores the workspace when the page opens, stores
//! each result as it arrives (the results of one delivery in one
//! transaction), and forgets reports taken off the page. A batch is written
//! down in the workspace before it is checked ([`journal`]), so that one cut
//! short by a reload or a crash is offered again when the page opens
//! ("上次的批量检查未完成"): from the files kept, or by giving the same files
//! again, the ones already checked skipped. What the core computes of a workspace (fingerprints, the matrix, the
//! memo, the workspace file) comes from the page's third wasm
//! (`crate::workspace`, reached through [`part`]); the app computes none of it.
//!
//! The hosted page, the single-file offline page and the widget given the
//! attribute `workspace` offer the storage (each its own
//! `globalThis.nianbaoStore` and `globalThis.nianbaoWorkspace`); where the
//! browser gives none (some private windows, file:// pages in some browsers,
//! site data blocked) the page keeps working without it and says why.

use super::check::{next_id, Outcome};
use super::i18n::Lang;
use super::state::{cross_items, Action, CrossItem, Entry, State};
use super::Source;
use nianbao_core::export::{CrossOut, Export, Resolver};
use nianbao_core::vocab::agency;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Whether the storage is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Storage {
    /// Being opened.
    #[default]
    Opening,
    /// Open: results and decisions are kept.
    Ready,
    /// Not available: why, in Chinese and in English.
    Off(String, String),
}

/// A decision on a finding, as the core reads it (docs/workspace.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub file: String,
    pub fingerprint: String,
    pub rule: String,
    pub message: String,
    /// `confirmed` (确认问题) or `dismissed` (不是问题).
    pub verdict: String,
    pub note: String,
    pub at: f64,
}

impl Decision {
    /// A decision as the store and the core keep it (read without serde,
    /// which would bring a JSON parser into the page's first download).
    pub fn from_js(v: &JsValue) -> Option<Decision> {
        let text = |k: &str| get(v, k).as_string().unwrap_or_default();
        Some(Decision {
            agency: get(v, "agency").as_string(),
            year: get(v, "year").as_f64().map(|y| y as i32),
            file: text("file"),
            fingerprint: get(v, "fingerprint").as_string()?,
            rule: text("rule"),
            message: text("message"),
            verdict: get(v, "verdict").as_string()?,
            note: text("note"),
            at: get(v, "at").as_f64().unwrap_or(0.0),
        })
    }

    /// The decision as a plain object.
    pub fn to_js(&self) -> JsValue {
        let o = js_sys::Object::new();
        let opt = |v: Option<JsValue>| v.unwrap_or(JsValue::NULL);
        set(&o, "agency", opt(self.agency.as_deref().map(JsValue::from)));
        set(&o, "year", opt(self.year.map(JsValue::from)));
        set(&o, "file", self.file.as_str());
        set(&o, "fingerprint", self.fingerprint.as_str());
        set(&o, "rule", self.rule.as_str());
        set(&o, "message", self.message.as_str());
        set(&o, "verdict", self.verdict.as_str());
        set(&o, "note", self.note.as_str());
        set(&o, "at", self.at);
        o.into()
    }

    /// Decisions as the JSON text of an array.
    pub fn list_json<'a>(list: impl IntoIterator<Item = &'a Decision>) -> String {
        json_text(
            &list
                .into_iter()
                .map(Decision::to_js)
                .collect::<js_sys::Array>(),
        )
    }

    /// Whether it was made on the report of `e` (its agency and year, or its
    /// file when the report gives neither).
    pub fn concerns(&self, e: &Entry) -> bool {
        match (e.agency(), e.year(), &self.agency, self.year) {
            (Some(a), Some(y), Some(b), Some(z)) => y == z && agency::same_agency(a, b),
            (None, None, None, None) => self.file == e.name,
            _ => false,
        }
    }

    fn same_key(&self, other: &Decision) -> bool {
        self.agency == other.agency
            && self.year == other.year
            && self.fingerprint == other.fingerprint
            && (self.agency.is_some() || self.year.is_some() || self.file == other.file)
    }
}

/// The workspace as the page holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ws {
    pub storage: Storage,
    /// Every workspace: (id, name).
    pub list: Vec<(u32, String)>,
    /// The workspace open.
    pub current: Option<u32>,
    /// Files on the page and their reports in the workspace: (entry id, report id).
    pub ids: Vec<(usize, u32)>,
    /// What the core made of each stored result: (entry id, its fingerprints
    /// (own findings, then cross-report ones), its overview entry as JSON text).
    pub records: Vec<(usize, Rc<Vec<String>>, Rc<str>)>,
    /// Reports of the workspace being checked again (made by another build
    /// of the page, or imported): file name → report id, stored again under it.
    pub reuse: Vec<(String, u32)>,
    /// The decisions of the workspace.
    pub decisions: Rc<Vec<Decision>>,
    /// Keep the files themselves too.
    pub keep_files: bool,
    /// The last thing to tell the reviewer (Chinese, English).
    pub message: Option<(String, String)>,
    /// Changes each time the stored reports or decisions change.
    pub version: usize,
    /// Batches of the workspace cut short (by a reload or a crash).
    pub unfinished: Vec<Unfinished>,
}

/// A batch written down in the workspace and not finished.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfinished {
    pub id: u32,
    pub total: usize,
    pub done: usize,
    /// Its files were kept: it can go on without them being given again.
    pub kept: bool,
}

impl Ws {
    /// The fingerprints of an entry's findings, once stored.
    pub fn prints(&self, id: usize) -> Option<Rc<Vec<String>>> {
        self.records.iter().find(|r| r.0 == id).map(|r| r.1.clone())
    }

    /// The report id of an entry, once stored.
    pub fn report_id(&self, id: usize) -> Option<u32> {
        self.ids.iter().find(|r| r.0 == id).map(|r| r.1)
    }

    /// What stays of it when the page is cleared.
    pub fn cleared(&self) -> Ws {
        Ws {
            storage: self.storage.clone(),
            list: self.list.clone(),
            current: self.current,
            decisions: self.decisions.clone(),
            keep_files: self.keep_files,
            ids: self.ids.clone(),
            records: self.records.clone(),
            version: self.version + 1,
            unfinished: self.unfinished.clone(),
            ..Ws::default()
        }
    }
}

/// One report restored from the workspace.
pub struct Restored {
    pub id: usize,
    pub report: u32,
    pub name: String,
    pub outcome: Rc<Outcome>,
    pub prints: Rc<Vec<String>>,
    pub entry: Rc<str>,
}

/// A result stored: (entry id, report id, fingerprints, overview entry).
pub type StoredResult = (usize, u32, Rc<Vec<String>>, Rc<str>);

pub enum WsAction {
    /// The storage could not be opened (or was lost): why.
    Off(String, String),
    /// A workspace opened, with its reports and decisions.
    Open {
        list: Vec<(u32, String)>,
        current: u32,
        reports: Vec<Restored>,
        decisions: Vec<Decision>,
        reuse: Vec<(String, u32)>,
    },
    /// The list of workspaces changed (a rename).
    List(Vec<(u32, String)>),
    /// A result stored.
    Stored {
        id: usize,
        report: u32,
        prints: Rc<Vec<String>>,
        entry: Rc<str>,
    },
    /// Results stored together.
    StoredMany(Vec<StoredResult>),
    /// The batches of the workspace cut short.
    Unfinished(Vec<Unfinished>),
    /// What the core made of a result, without storage.
    Recorded {
        id: usize,
        prints: Rc<Vec<String>>,
        entry: Rc<str>,
    },
    /// Reports no longer on the page, taken out of the workspace.
    Forgotten(Vec<usize>),
    /// A decision kept (it replaces one on the same finding).
    Decided(Decision),
    /// A decision taken back.
    Undecided(Decision),
    KeepFiles(bool),
    Say(Option<(String, String)>),
}

/// The reducer's part for the workspace.
pub fn reduce(s: &mut State, action: WsAction) {
    let ws = &mut s.ws;
    match action {
        WsAction::Off(zh, en) => {
            ws.storage = Storage::Off(zh, en);
        }
        WsAction::Open {
            list,
            current,
            reports,
            decisions,
            reuse,
        } => {
            let lang = s.lang;
            let keep = ws.keep_files;
            // Files given before the storage first opened stay, and are
            // stored in it; on a switch, the other workspace's files go.
            let kept: Vec<Entry> = if ws.current.is_none() {
                s.entries.clone()
            } else {
                Vec::new()
            };
            let mut fresh = State {
                lang,
                batches: s.batches,
                ..State::default()
            };
            fresh.ws = Ws {
                storage: Storage::Ready,
                list,
                current: Some(current),
                decisions: Rc::new(decisions),
                keep_files: keep,
                reuse,
                version: ws.version + 1,
                ..Ws::default()
            };
            for r in reports {
                let mut e = Entry::new(r.id, r.name);
                e.outcome = Some(r.outcome);
                fresh.entries.push(e);
                fresh.ws.ids.push((r.id, r.report));
                fresh.ws.records.push((r.id, r.prints, r.entry));
            }
            if !kept.is_empty() {
                fresh.entries.extend(kept);
                fresh.selected = s.selected;
                fresh.compare = s.compare;
                fresh.progress = s.progress.clone();
                fresh.pairs = s.pairs.clone();
                fresh.announce = s.announce.clone();
            }
            fresh.cross = Rc::new(cross_items(&fresh.entries, &fresh.pairs));
            *s = fresh;
        }
        WsAction::List(list) => ws.list = list,
        WsAction::Stored {
            id,
            report,
            prints,
            entry,
        } => {
            ws.ids.retain(|r| r.0 != id);
            ws.records.retain(|r| r.0 != id);
            ws.ids.push((id, report));
            ws.records.push((id, prints, entry));
            ws.version += 1;
        }
        WsAction::StoredMany(list) => {
            let ids: HashSet<usize> = list.iter().map(|r| r.0).collect();
            ws.ids.retain(|r| !ids.contains(&r.0));
            ws.records.retain(|r| !ids.contains(&r.0));
            for (id, report, prints, entry) in list {
                ws.ids.push((id, report));
                ws.records.push((id, prints, entry));
            }
            ws.version += 1;
        }
        WsAction::Unfinished(list) => ws.unfinished = list,
        WsAction::Recorded { id, prints, entry } => {
            ws.records.retain(|r| r.0 != id);
            ws.records.push((id, prints, entry));
            ws.version += 1;
        }
        WsAction::Forgotten(ids) => {
            ws.ids.retain(|r| !ids.contains(&r.0));
            ws.records.retain(|r| !ids.contains(&r.0));
            ws.version += 1;
        }
        WsAction::Decided(d) => {
            let list = Rc::make_mut(&mut ws.decisions);
            list.retain(|o| !o.same_key(&d));
            list.push(d);
            ws.version += 1;
        }
        WsAction::Undecided(d) => {
            Rc::make_mut(&mut ws.decisions).retain(|o| !o.same_key(&d));
            ws.version += 1;
        }
        WsAction::KeepFiles(k) => ws.keep_files = k,
        WsAction::Say(m) => ws.message = m,
    }
}

// ---- the store (www/store.js) -------------------------------------------------

thread_local! {
    static STORE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// The checker's build, where the loader tells it ([`set_build`]).
    static BUILD: RefCell<String> = const { RefCell::new(String::new()) };
    /// The page has opened its workspace (the keeper's first start).
    static OPENED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Entries being stored or forgotten now (so that a redraw does not do it twice).
    static BUSY: Rc<RefCell<HashSet<usize>>> = Rc::new(RefCell::new(HashSet::new()));
    /// The workspace open and whether files are kept, while storage works.
    static LIVE: Cell<Option<(u32, bool)>> = const { Cell::new(None) };
    /// Files of batches written down: entry id → (batch, slot).
    static SLOTS: RefCell<HashMap<usize, (u32, u32)>> = RefCell::new(HashMap::new());
    /// Batches of this page being checked.
    static RUNNING: RefCell<Vec<Running>> = const { RefCell::new(Vec::new()) };
    /// A batch cut short, waiting for its files to be given again.
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
    /// How many cross-report findings each entry's stored record holds.
    static CROSSED: RefCell<HashMap<usize, usize>> = RefCell::new(HashMap::new());
    /// Sizes of files given, as asked when their batch was written down:
    /// entry id → bytes. Asked again when the result is stored, the browser
    /// looked at each file on disk once more (a sixth of a millisecond each).
    static SIZES: RefCell<HashMap<usize, f64>> = RefCell::new(HashMap::new());
    /// Workers' answers not yet stored ([`keep_wire`]).
    static WIRES: RefCell<HashMap<usize, js_sys::Uint8Array>> = RefCell::new(HashMap::new());
}

/// The size of an entry's file, asked of the browser once ([`SIZES`]).
fn size_once(id: usize, src: &Source) -> u64 {
    if let Some(n) = SIZES.with(|s| s.borrow().get(&id).copied()) {
        return n as u64;
    }
    let n = size_of(src);
    SIZES.with(|s| s.borrow_mut().insert(id, n as f64));
    n
}

/// A batch of this page being checked: its workspace and id, its entries,
/// and whether they are all of its files still to check (then it is struck
/// off once they are stored).
struct Running {
    ws: u32,
    batch: u32,
    ids: Vec<usize>,
    complete: bool,
}

/// A batch cut short, as written down: its files (name, size, slot, checked).
struct Pending {
    ws: u32,
    id: u32,
    files: Vec<(String, u64, u32, bool)>,
}

const LAST_KEY: &str = "nianbao-workspace";

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap_or_default()
}

fn set(o: &JsValue, key: &str, v: impl Into<JsValue>) {
    let _ = js_sys::Reflect::set(o, &key.into(), &v.into());
}

async fn promise(v: JsValue) -> Result<JsValue, JsValue> {
    match v.dyn_into::<js_sys::Promise>() {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await,
        Err(v) => Ok(v),
    }
}

/// Why a call failed, in Chinese and English (a StoreError says both).
fn why(e: &JsValue) -> (String, String) {
    let zh = get(e, "messageZh").as_string();
    let en = get(e, "messageEn").as_string();
    match (zh, en) {
        (Some(zh), Some(en)) => (zh, en),
        _ => {
            let m = get(e, "message")
                .as_string()
                .or_else(|| e.as_string())
                .unwrap_or_default();
            (
                format!("工作区操作失败：{m}"),
                format!("The workspace failed: {m}"),
            )
        }
    }
}

/// Call `name` of the workspace part, the page's third wasm
/// (`globalThis.nianbaoWorkspace`: www/boot.js loads it with the checker, the
/// offline page compiles the copy it holds, the widget's loader fetches it).
pub async fn part(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let loader: js_sys::Function = get(&global, "nianbaoWorkspace").dyn_into()?;
    let module = promise(loader.call0(&global)?).await?;
    let f: js_sys::Function = get(&module, name).dyn_into()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&module, &args)
}

/// Open the store once (`globalThis.nianbaoStore`, given by www/boot.js, by
/// the offline page and by the widget's loader).
async fn open() -> Result<JsValue, JsValue> {
    if let Some(s) = STORE.with(|s| s.borrow().clone()) {
        return Ok(s);
    }
    let global = js_sys::global();
    let loader: js_sys::Function = get(&global, "nianbaoStore").dyn_into().map_err(|_| {
        let e = js_sys::Object::new();
        set(
            &e,
            "messageZh",
            "此页面未提供工作区存储，不保存工作区；检查仍可进行。",
        );
        set(
            &e,
            "messageEn",
            "This page offers no workspace storage and keeps nothing; checking still works.",
        );
        JsValue::from(e)
    })?;
    let module = promise(loader.call0(&global)?).await?;
    let open: js_sys::Function = get(&module, "openStore").dyn_into()?;
    let store = promise(open.call0(&module)?).await?;
    STORE.with(|s| *s.borrow_mut() = Some(store.clone()));
    Ok(store)
}

/// Call the store's method `name`.
pub async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let store = open().await?;
    let f: js_sys::Function = get(&store, name).dyn_into()?;
    let args: js_sys::Array = args.iter().collect();
    promise(f.apply(&store, &args)?).await
}

fn num(v: &JsValue, key: &str) -> Option<f64> {
    get(v, key).as_f64()
}

fn array(v: JsValue) -> Vec<JsValue> {
    v.dyn_into::<js_sys::Array>()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn json_text(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A text the store holds: a string (imported, or stored by earlier
/// versions) or its UTF-8 bytes (as the page stores it now).
fn text_of(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    let bytes = v.dyn_ref::<js_sys::Uint8Array>()?;
    String::from_utf8(bytes.to_vec()).ok()
}

fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a string that is in JavaScript already (not copied
    /// out of the app's memory again).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_js(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// The answer of a worker for entry `id` in the wire form, kept until its
/// result is stored, so that it is stored as the worker gave it rather than
/// encoded again (only while a workspace is open).
pub fn keep_wire(id: usize, wire: js_sys::Uint8Array) {
    if LIVE.with(Cell::get).is_some() {
        WIRES.with(|w| w.borrow_mut().insert(id, wire));
    }
}

fn remember(ws: u32) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(LAST_KEY, &ws.to_string());
    }
}

fn remembered() -> Option<u32> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LAST_KEY).ok().flatten())
        .and_then(|s| s.parse().ok())
}

async fn list() -> Result<Vec<(u32, String)>, JsValue> {
    let all = call("listWorkspaces", &[]).await?;
    Ok(array(all)
        .iter()
        .filter_map(|w| Some((num(w, "id")? as u32, get(w, "name").as_string()?)))
        .collect())
}

/// The build whose compact form a stored result is in: the checker's hashed
/// name, which changes with every build of the core (the hosted page's and
/// the offline page's script say it in `data-checker-js`; the widget is told
/// by its loader, [`set_build`]). A result stored by another build is checked
/// again rather than decoded.
fn build_tag() -> String {
    let told = BUILD.with(|b| b.borrow().clone());
    if !told.is_empty() {
        return told;
    }
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-checker-js]").ok().flatten())
        .and_then(|e| e.get_attribute("data-checker-js"))
        .unwrap_or_default()
}

/// Tell the app which build of the checker it runs with, where no element of
/// the page says it (the widget inside another page).
pub fn set_build(tag: &str) {
    BUILD.with(|b| *b.borrow_mut() = tag.to_string());
}

fn default_name() -> String {
    "工作区 Workspace".to_string()
}

/// Open workspace `want` (else the one used last, else the first, else a new
/// one) and hand its reports and decisions to the page.
pub async fn open_workspace(dispatch: UseReducerDispatcher<State>, want: Option<u32>) {
    let run = async {
        let mut all = list().await?;
        let current = match want
            .or_else(remembered)
            .filter(|id| all.iter().any(|w| w.0 == *id))
            .or_else(|| all.first().map(|w| w.0))
        {
            Some(id) => id,
            None => {
                let made = call("createWorkspace", &[default_name().into()]).await?;
                all = list().await?;
                num(&made, "id").unwrap_or(1.0) as u32
            }
        };
        remember(current);
        let stored = array(call("getReports", &[current.into()]).await?);
        // The texts of the answers stored without them (`wireRest`).
        let mut texts: HashMap<u32, String> = HashMap::new();
        if stored.iter().any(|r| get(r, "wireRest").is_truthy()) {
            for t in array(call("getTexts", &[current.into()]).await?) {
                if let Some(text) = text_of(&get(&t, "text")) {
                    texts.insert(num(&t, "id").unwrap_or(0.0) as u32, text);
                }
            }
        }
        let decisions = call("getDecisions", &[current.into()]).await?;
        let decisions: Vec<Decision> = array(decisions)
            .iter()
            .filter_map(Decision::from_js)
            .collect();
        let mut reports = Vec::new();
        let mut again = Vec::new();
        for r in &stored {
            let report = num(r, "id").unwrap_or(0.0) as u32;
            let name = get(r, "file").as_string().unwrap_or_default();
            let wire = get(r, "wire");
            let same_build = get(r, "wireBuild").as_string() == Some(build_tag());
            let decoded = (same_build && !wire.is_undefined() && !wire.is_null())
                .then(|| {
                    let bytes = js_sys::Uint8Array::new(&wire).to_vec();
                    if get(r, "wireRest").is_truthy() {
                        let text = texts.remove(&report)?;
                        crate::wire::decode_after_text(text.into_bytes(), &bytes)
                    } else {
                        crate::wire::decode(&bytes)
                    }
                })
                .flatten();
            let Some(result) = decoded else {
                again.push((report, name));
                continue;
            };
            let id = next_id();
            let entry = get(r, "entry");
            set(&entry, "id", id as f64);
            let prints: Vec<String> = array(get(&entry, "fingerprints"))
                .iter()
                .filter_map(|f| f.as_string())
                .collect();
            reports.push(Restored {
                id,
                report,
                name,
                outcome: Rc::new(Outcome {
                    result,
                    check_ms: 0.0,
                    total_ms: 0.0,
                    given_ms: 0.0,
                }),
                prints: Rc::new(prints),
                entry: json_text(&entry).into(),
            });
        }
        // Reports this build cannot decode (stored by another version, or
        // imported): checked again from the file kept, else from the text.
        let mut sources = Vec::new();
        let mut reuse = Vec::new();
        for (report, name) in again {
            let file = call("getFile", &[current.into(), report.into()]).await?;
            if let Ok(file) = file.clone().dyn_into::<web_sys::File>() {
                reuse.push((name.clone(), report));
                sources.push((name, Source::File(file)));
                continue;
            }
            let text = call("getText", &[current.into(), report.into()]).await?;
            if let Some(text) = text_of(&text) {
                let name = if name.to_lowercase().ends_with(".txt") {
                    name
                } else {
                    format!("{name}.txt")
                };
                reuse.push((name.clone(), report));
                sources.push((name, Source::Text(text)));
            }
        }
        dispatch.dispatch(Action::Ws(WsAction::Open {
            list: all,
            current,
            reports,
            decisions,
            reuse,
        }));
        if !sources.is_empty() {
            super::runner::run_again(dispatch.clone(), sources);
        }
        refresh_unfinished(&dispatch, current).await?;
        Ok::<(), JsValue>(())
    };
    if let Err(e) = run.await {
        let (zh, en) = why(&e);
        dispatch.dispatch(Action::Ws(WsAction::Off(zh, en)));
    }
}

/// The cross-report findings of a batch by the report they are found in,
/// and the files' names by id: looked up once per delivery, not once per
/// result among every finding and file of the batch.
struct CrossIndex<'a> {
    of: HashMap<usize, Vec<&'a CrossItem>>,
    names: HashMap<usize, &'a str>,
}

impl<'a> CrossIndex<'a> {
    fn new(cross: &'a [CrossItem], entries: &'a [Entry]) -> Self {
        let mut of: HashMap<usize, Vec<&CrossItem>> = HashMap::new();
        for x in cross {
            of.entry(x.report).or_default().push(x);
        }
        let names = if cross.is_empty() {
            HashMap::new()
        } else {
            entries.iter().map(|e| (e.id, e.name.as_str())).collect()
        };
        CrossIndex { of, names }
    }

    /// The findings found in report `id`.
    fn of(&self, id: usize) -> &[&'a CrossItem] {
        self.of.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// The export JSON of one entry's result and of its cross-report findings.
fn result_json(e: &Entry, cross: &CrossIndex) -> Option<(String, String)> {
    let outcome = e.outcome.as_ref()?;
    let result = serde_json::to_string(&Export::of_result(&e.name, &outcome.result)).ok()?;
    let cross: Vec<CrossOut> = match e.checked() {
        Some(c) => {
            let r = Resolver::new(&c.document, &c.report);
            cross
                .of(e.id)
                .iter()
                .map(|x| CrossOut {
                    file: e.name.clone(),
                    other_file: cross
                        .names
                        .get(&x.other)
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                    diagnostic: r.diagnostic(&x.diagnostic),
                    other_related: Vec::new(),
                })
                .collect()
        }
        None => Vec::new(),
    };
    Some((result, serde_json::to_string(&cross).ok()?))
}

/// The pieces of `text` the fingerprints of findings at `spans` read (the
/// workspace's `fingerprint::Seen`): for each finding its own span and the
/// whole line it starts in, from the line's start; overlapping and touching
/// pieces joined. Each piece as its start and length in bytes, in the order
/// of the text. `None` for a span that is not inside the text on character
/// boundaries (never made by the core): then the whole text is given.
fn lines_read(
    text: &str,
    spans: impl Iterator<Item = nianbao_core::Span>,
) -> Option<Vec<(usize, usize)>> {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for s in spans {
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return None;
        }
        let line = text[..s.start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[line..].find('\n').map_or(text.len(), |n| line + n);
        pieces.push((line, line_end.max(s.end)));
    }
    pieces.sort_unstable();
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for (start, end) in pieces {
        match joined.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => joined.push((start, end)),
        }
    }
    Some(joined.into_iter().map(|(a, b)| (a, b - a)).collect())
}

/// What is stored of one checked entry: the item for the store's
/// `putReports` (`{record, text, blob}`: its file where the reviewer keeps
/// them; `None` where `store` is false, for an entry only recorded on the
/// page), its fingerprints and overview entry, and how many cross-report
/// findings it holds. `reuse`: the report id it is stored under again.
async fn make_item(
    e: &Entry,
    cross: &CrossIndex<'_>,
    store: bool,
    keep_files: bool,
    reuse: Option<u32>,
) -> Result<Option<(Option<JsValue>, Rc<Vec<String>>, Rc<str>, usize)>, JsValue> {
    let Some((result, cross_json)) = result_json(e, cross) else {
        return Ok(None);
    };
    let crossed = cross.of(e.id).len();
    let outcome = e.outcome.as_ref().expect("checked");
    // The result's JSON and the document's text go to the part and to the
    // store as their UTF-8 bytes: copied as they are, where a string cost a
    // decoding on the way out of the app's memory and an encoding on the way
    // into the part's (over a second of the page's thread for 3,000 reports).
    let bytes = |s: &str| JsValue::from(js_sys::Uint8Array::from(s.as_bytes()));
    let (result, cross_json) = (bytes(&result), JsValue::from_str(&cross_json));
    // The workspace part makes only the fingerprints of the text, and they
    // read no further than the lines of the findings placed on it: only
    // those lines are given to the part, end to end, with where each piece
    // starts (the whole text where they are most of it). A report of many
    // megabytes is so not copied into the part's memory, which never shrinks.
    let read = e.checked().map(|c| {
        let doc = &c.document.text;
        let spans = c
            .diagnostics
            .iter()
            .chain(cross.of(e.id).iter().map(|x| &x.diagnostic))
            .filter_map(|d| match d.at {
                nianbao_core::Location::Span(s) => Some(s),
                _ => None,
            });
        match lines_read(doc, spans) {
            Some(pieces) if pieces.iter().map(|p| p.1).sum::<usize>() < doc.len() / 2 => {
                let text: String = pieces.iter().map(|&(a, n)| &doc[a..a + n]).collect();
                let at: Vec<u32> = pieces
                    .iter()
                    .flat_map(|&(a, n)| [a as u32, n as u32])
                    .collect();
                (
                    bytes(&text),
                    JsValue::from(js_sys::Uint32Array::from(at.as_slice())),
                )
            }
            _ => (bytes(doc), JsValue::NULL),
        }
    });
    let now = js_sys::Date::now();
    let made = part(
        "wsRecord",
        &[
            (e.id as f64).into(),
            result.clone(),
            read.as_ref().map_or(JsValue::NULL, |(t, _)| t.clone()),
            read.as_ref().map_or(JsValue::NULL, |(_, at)| at.clone()),
            cross_json.clone(),
            now.into(),
        ],
    )
    .await?;
    let made = parse_js(&made).unwrap_or(JsValue::NULL);
    let entry = get(&made, "entry");
    let prints: Vec<String> = array(get(&made, "fingerprints"))
        .iter()
        .filter_map(|f| f.as_string())
        .collect();
    if !store {
        // Only recorded on the page: no stored copy of the result (its wire
        // form would be the whole document again).
        return Ok(Some((
            None,
            Rc::new(prints),
            json_text(&entry).into(),
            crossed,
        )));
    }
    let record = js_sys::Object::new();
    if let Some(id) = reuse {
        set(&record, "id", id);
    }
    set(&record, "file", e.name.as_str());
    set(&record, "added", now);
    // The export JSON as its text: a string costs IndexedDB a copy, where
    // the object it parses into cost a walk of every finding and cell
    // (and the parsing itself) for each result stored.
    set(&record, "result", result.clone());
    set(
        &record,
        "cross",
        parse_js(&cross_json).unwrap_or(JsValue::NULL),
    );
    set(&record, "entry", entry.clone());
    let wire = WIRES
        .with(|w| w.borrow_mut().remove(&e.id))
        .unwrap_or_else(|| {
            js_sys::Uint8Array::from(crate::wire::encode(&outcome.result).as_slice())
        });
    // The answer is stored without the document's text, which the texts
    // store holds (`wireRest`): stored twice, a report of many megabytes
    // cost the page as much again while IndexedDB copied it.
    let head = wire.subarray(0, wire.length().min(16)).to_vec();
    match crate::wire::text_range(&head) {
        Some((_, end)) if e.checked().is_some() && end as u32 <= wire.length() => {
            set(&record, "wire", wire.slice(end as u32, wire.length()));
            set(&record, "wireRest", true);
        }
        _ => set(&record, "wire", wire),
    }
    set(&record, "wireBuild", build_tag());
    let item = js_sys::Object::new();
    if let Some(c) = e.checked() {
        // The whole text (the same string where the part was given it).
        let whole = match &read {
            Some((t, at)) if at.is_null() => t.clone(),
            _ => bytes(&c.document.text),
        };
        set(&item, "text", whole);
    }
    if let Some(src @ Source::File(f)) = e.source.as_deref() {
        let size = SIZES.with(|s| s.borrow_mut().remove(&e.id));
        set(&record, "size", size.unwrap_or_else(|| size_of(src) as f64));
        if keep_files {
            set(&item, "blob", f.clone());
        }
    }
    set(&item, "record", record);
    Ok(Some((
        Some(item.into()),
        Rc::new(prints),
        json_text(&entry).into(),
        crossed,
    )))
}

/// Without a workspace (no storage): only what the core makes of a result,
/// so that decisions can be taken on the page.
async fn record_entry(
    dispatch: &UseReducerDispatcher<State>,
    e: &Entry,
    cross: &[CrossItem],
    entries: &[Entry],
) -> Result<(), JsValue> {
    let cross = CrossIndex::new(cross, entries);
    if let Some((_, prints, entry, _)) = make_item(e, &cross, false, false, None).await? {
        dispatch.dispatch(Action::Ws(WsAction::Recorded {
            id: e.id,
            prints,
            entry,
        }));
    }
    Ok(())
}

/// Store checked entries in one transaction (`reuse`: the report id each is
/// stored under again, if any), with their batch's slots where the batch was
/// written down; gives back what was stored, for [`WsAction::StoredMany`]. The work is cut into slices so that the page keeps
/// drawing while a large delivery is prepared.
async fn store_entries(
    ws: u32,
    list: &[(Entry, Option<u32>)],
    cross: &[CrossItem],
    entries: &[Entry],
    keep_files: bool,
) -> Result<Vec<StoredResult>, JsValue> {
    let items = js_sys::Array::new();
    let mut made = Vec::new();
    let mut slice = super::check::now_ms();
    let cross = CrossIndex::new(cross, entries);
    for (e, reuse) in list {
        let Some((Some(item), prints, entry, crossed)) =
            make_item(e, &cross, true, keep_files, *reuse).await?
        else {
            continue;
        };
        if let Some((batch, slot)) = SLOTS.with(|s| s.borrow().get(&e.id).copied()) {
            set(&item, "batch", batch);
            set(&item, "slot", slot);
        }
        items.push(&item);
        made.push((e.id, prints, entry, crossed));
        if super::check::now_ms() - slice > 25.0 {
            super::runner::sleep(0).await;
            slice = super::check::now_ms();
        }
    }
    if made.is_empty() {
        return Ok(Vec::new());
    }
    let ids = array(call("putReports", &[ws.into(), items.into()]).await?);
    let mut stored = Vec::new();
    SLOTS.with(|s| {
        CROSSED.with(|c| {
            let (mut s, mut c) = (s.borrow_mut(), c.borrow_mut());
            for ((id, prints, entry, crossed), report) in made.into_iter().zip(ids) {
                s.remove(&id);
                c.insert(id, crossed);
                stored.push((id, report.as_f64().unwrap_or(0.0) as u32, prints, entry));
            }
        })
    });
    Ok(stored)
}

// ---- batches written down, and taken up again ----------------------------------

fn size_of(src: &Source) -> u64 {
    match src {
        Source::File(f) => f.size() as u64,
        Source::Bytes(b) => b.length() as u64,
        Source::Text(t) => t.len() as u64,
        Source::Answer(a) => a.len() as u64,
    }
}

/// The file itself, to keep with the batch (none for an archive's refusal).
fn blob_of(src: &Source) -> JsValue {
    let blob = match src {
        Source::File(f) => return f.clone().into(),
        Source::Bytes(b) => web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(b)),
        Source::Text(t) => {
            web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&t.as_str().into()))
        }
        Source::Answer(_) => return JsValue::NULL,
    };
    blob.map(JsValue::from).unwrap_or(JsValue::NULL)
}

/// Write a batch down in the workspace before it is checked, and give back
/// the files to check. Files given while a batch cut short waits for them
/// (matched by name and size) take up its slots, and those it had checked
/// already are skipped. Without a workspace, or should the store fail, the
/// files are checked all the same.
pub async fn journal(
    dispatch: &UseReducerDispatcher<State>,
    files: Vec<(usize, String, Source)>,
) -> Vec<(usize, String, Source)> {
    let Some((ws, keep)) = LIVE.with(Cell::get) else {
        return files;
    };
    let pending = PENDING.with(|p| p.borrow_mut().take());
    if let Some(p) = pending.filter(|p| p.ws == ws) {
        let mut open: HashMap<(String, u64), Vec<u32>> = HashMap::new();
        let mut done: HashMap<(String, u64), usize> = HashMap::new();
        for (name, size, slot, checked) in p.files.iter().rev() {
            if *checked {
                *done.entry((name.clone(), *size)).or_default() += 1;
            } else {
                open.entry((name.clone(), *size)).or_default().push(*slot);
            }
        }
        let mut out = Vec::new();
        let mut slots = Vec::new();
        let mut skipped = 0;
        for (id, name, src) in files {
            let key = (name.clone(), size_once(id, &src));
            if let Some(slot) = open.get_mut(&key).and_then(Vec::pop) {
                slots.push((id, slot));
                out.push((id, name, src));
            } else if let Some(n) = done.get_mut(&key).filter(|n| **n > 0) {
                *n -= 1;
                skipped += 1;
            } else {
                out.push((id, name, src));
            }
        }
        if !slots.is_empty() || skipped > 0 {
            let complete = open.values().all(Vec::is_empty);
            if complete && slots.is_empty() {
                // Every file left was checked already: nothing to wait for.
                let (dispatch, batch) = (dispatch.clone(), p.id);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = discard(dispatch.clone(), ws, batch).await {
                        say_error(&dispatch, &e);
                    }
                });
            }
            SLOTS.with(|s| {
                s.borrow_mut()
                    .extend(slots.iter().map(|(id, slot)| (*id, (p.id, *slot))))
            });
            let ids = slots.iter().map(|s| s.0).collect();
            RUNNING.with(|r| {
                r.borrow_mut().push(Running {
                    ws,
                    batch: p.id,
                    ids,
                    complete,
                })
            });
            dispatch.dispatch(Action::Ws(WsAction::Unfinished(Vec::new())));
            if skipped > 0 {
                dispatch.dispatch(Action::Ws(WsAction::Say(Some((
                    format!("继续上次的批量检查：{skipped} 份已检查的文件已跳过。"),
                    format!("Going on with the last batch: {skipped} files checked before were skipped."),
                )))));
            }
            return out;
        }
        // None of that batch's files: it waits on.
        PENDING.with(|s| *s.borrow_mut() = Some(p));
        return write_down(dispatch, ws, keep, out).await;
    }
    write_down(dispatch, ws, keep, files).await
}

async fn write_down(
    dispatch: &UseReducerDispatcher<State>,
    ws: u32,
    keep: bool,
    files: Vec<(usize, String, Source)>,
) -> Vec<(usize, String, Source)> {
    if files.is_empty() {
        return files;
    }
    // A file's size is asked of the browser, which may look at the file on
    // disk (a fraction of a millisecond each): thousands are asked in slices
    // of at most 25 ms, the page drawing between them.
    let list = js_sys::Array::new();
    let mut slice_start = super::check::now_ms();
    for (id, name, src) in &files {
        if super::check::now_ms() - slice_start > 25.0 {
            super::runner::sleep(0).await;
            slice_start = super::check::now_ms();
        }
        let o = js_sys::Object::new();
        set(&o, "name", name.as_str());
        set(&o, "size", size_once(*id, src) as f64);
        list.push(&o);
    }
    let blobs: JsValue = if keep {
        files
            .iter()
            .map(|(_, _, src)| blob_of(src))
            .collect::<js_sys::Array>()
            .into()
    } else {
        JsValue::NULL
    };
    match call("beginBatch", &[ws.into(), list.into(), blobs]).await {
        Ok(batch) => {
            let batch = batch.as_f64().unwrap_or(0.0) as u32;
            SLOTS.with(|s| {
                s.borrow_mut().extend(
                    files
                        .iter()
                        .enumerate()
                        .map(|(slot, f)| (f.0, (batch, slot as u32))),
                )
            });
            let ids = files.iter().map(|f| f.0).collect();
            RUNNING.with(|r| {
                r.borrow_mut().push(Running {
                    ws,
                    batch,
                    ids,
                    complete: true,
                })
            });
        }
        Err(e) => {
            let (zh, en) = why(&e);
            dispatch.dispatch(Action::Ws(WsAction::Say(Some((
                format!("{zh} 这批文件未能记入工作区，检查照常进行。"),
                format!("{en} This batch was not written down in the workspace; checking goes on."),
            )))));
        }
    }
    files
}

/// Read the batches of workspace `ws` cut short, show them, and wait for the
/// first one's files to be given again.
async fn refresh_unfinished(
    dispatch: &UseReducerDispatcher<State>,
    ws: u32,
) -> Result<(), JsValue> {
    let running: HashSet<u32> = RUNNING.with(|r| {
        r.borrow()
            .iter()
            .filter(|b| b.ws == ws)
            .map(|b| b.batch)
            .collect()
    });
    let list: Vec<Unfinished> = array(call("openBatches", &[ws.into()]).await?)
        .iter()
        .filter_map(|b| {
            Some(Unfinished {
                id: num(b, "id")? as u32,
                total: num(b, "total").unwrap_or(0.0) as usize,
                done: num(b, "done").unwrap_or(0.0) as usize,
                kept: get(b, "kept").is_truthy(),
            })
        })
        .filter(|b| !running.contains(&b.id))
        .collect();
    // A batch whose every result is in, though not struck off (the page was
    // closed just then), is struck off now.
    let (list, done): (Vec<Unfinished>, Vec<Unfinished>) =
        list.into_iter().partition(|b| b.done < b.total);
    for b in done {
        call("endBatch", &[ws.into(), b.id.into()]).await?;
    }
    let first = match list.first() {
        Some(b) => Some(pending(ws, b.id).await?),
        None => None,
    };
    PENDING.with(|p| *p.borrow_mut() = first.flatten());
    dispatch.dispatch(Action::Ws(WsAction::Unfinished(list)));
    Ok(())
}

/// A batch as written down, to be matched against the files given again.
async fn pending(ws: u32, id: u32) -> Result<Option<Pending>, JsValue> {
    let b = call("getBatch", &[ws.into(), id.into()]).await?;
    if b.is_null() || b.is_undefined() {
        return Ok(None);
    }
    let files = array(get(&b, "files"))
        .iter()
        .filter_map(|f| {
            Some((
                get(f, "name").as_string()?,
                num(f, "size").unwrap_or(0.0) as u64,
                num(f, "slot")? as u32,
                get(f, "done").is_truthy(),
            ))
        })
        .collect();
    Ok(Some(Pending { ws, id, files }))
}

/// Go on with a batch cut short whose files were kept: the files not yet
/// checked are checked now.
async fn resume_kept(
    dispatch: UseReducerDispatcher<State>,
    ws: u32,
    id: u32,
) -> Result<(), JsValue> {
    let Some(p) = pending(ws, id).await? else {
        return Ok(());
    };
    let mut sources = Vec::new();
    for (name, _, slot, done) in &p.files {
        if *done {
            continue;
        }
        let blob = call("getBatchFile", &[ws.into(), id.into(), (*slot).into()]).await?;
        if blob.is_null() || blob.is_undefined() {
            continue;
        }
        let file = web_sys::File::new_with_blob_sequence(&js_sys::Array::of1(&blob), name)?;
        sources.push((name.clone(), Source::File(file)));
    }
    PENDING.with(|s| *s.borrow_mut() = Some(p));
    super::run_batch(dispatch, sources);
    Ok(())
}

/// Give up a batch cut short.
async fn discard(dispatch: UseReducerDispatcher<State>, ws: u32, id: u32) -> Result<(), JsValue> {
    call("endBatch", &[ws.into(), id.into()]).await?;
    refresh_unfinished(&dispatch, ws).await
}

/// Strike off the batches of this page whose every file is stored.
fn end_batches(dispatch: &UseReducerDispatcher<State>, state: &State) {
    let on_page: HashSet<usize> = state.entries.iter().map(|e| e.id).collect();
    let stored: HashSet<usize> = state.ws.ids.iter().map(|r| r.0).collect();
    let finished: Vec<(u32, u32, bool)> = RUNNING.with(|r| {
        let mut r = r.borrow_mut();
        let (done, left): (Vec<_>, Vec<_>) = r.drain(..).partition(|b| {
            b.ids
                .iter()
                .all(|id| stored.contains(id) || !on_page.contains(id))
        });
        *r = left;
        done.into_iter()
            .map(|b| (b.ws, b.batch, b.complete))
            .collect()
    });
    for (ws, batch, complete) in finished {
        let dispatch = dispatch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let r = if complete {
                call("endBatch", &[ws.into(), batch.into()])
                    .await
                    .map(|_| ())
            } else {
                Ok(())
            };
            let r = match r {
                Ok(()) => refresh_unfinished(&dispatch, ws).await,
                Err(e) => Err(e),
            };
            if let Err(e) = r {
                say_error(&dispatch, &e);
            }
        });
    }
}

#[derive(Properties, PartialEq)]
pub struct KeeperProps {
    pub state: UseReducerHandle<State>,
}

/// Keeps the workspace: opens it with the page, stores each result as it
/// arrives, forgets reports taken off the page, strikes off the batches
/// whose every result is stored. Draws nothing.
#[function_component(Keeper)]
pub fn keeper(props: &KeeperProps) -> Html {
    let state = &props.state;
    LIVE.with(|l| {
        l.set(
            (state.ws.storage == Storage::Ready)
                .then_some(state.ws.current)
                .flatten()
                .map(|ws| (ws, state.ws.keep_files)),
        )
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            // Once per page, however often the component is made again.
            if !OPENED.with(|o| o.replace(true)) {
                wasm_bindgen_futures::spawn_local(open_workspace(dispatch, None));
            }
        });
    }
    // What is being stored or forgotten now (so that a redraw does not do
    // it twice).
    let busy = BUSY.with(|b| b.clone());
    let key = (
        state.ws.storage.clone(),
        state.ws.current,
        state.progress.is_some(),
        state
            .entries
            .iter()
            .map(|e| (e.id, e.outcome.is_some()))
            .collect::<Vec<_>>(),
        state.ws.ids.len(),
        state.cross.len(),
    );
    {
        let state = state.clone();
        use_effect_with(key, move |_| {
            // Without storage, the findings' fingerprints are made all the
            // same, so that decisions can be taken (kept on the page only).
            let off = matches!(state.ws.storage, Storage::Off(..));
            if off && state.progress.is_none() {
                let new: Vec<Entry> = state
                    .entries
                    .iter()
                    .filter(|e| {
                        e.outcome.is_some()
                            && state.ws.prints(e.id).is_none()
                            && !busy.borrow().contains(&e.id)
                    })
                    .cloned()
                    .collect();
                busy.borrow_mut().extend(new.iter().map(|e| e.id));
                let dispatch = state.dispatcher();
                let (entries, cross) = (state.entries.clone(), state.cross.clone());
                let busy = busy.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    for e in &new {
                        let _ = record_entry(&dispatch, e, &cross, &entries).await;
                        busy.borrow_mut().remove(&e.id);
                    }
                });
            }
            let ready = state.ws.storage == Storage::Ready;
            if let (true, Some(ws)) = (ready, state.ws.current) {
                let idle = state.progress.is_none();
                let on_page: HashSet<usize> = state.entries.iter().map(|e| e.id).collect();
                let gone: Vec<(usize, u32)> = state
                    .ws
                    .ids
                    .iter()
                    .filter(|r| !on_page.contains(&r.0) && !busy.borrow().contains(&r.0))
                    .copied()
                    .collect();
                // Each result as it arrives; the cross-report findings are
                // known once the batch is done: a stored result that has
                // gained or lost some is stored again then.
                let mut reuse = state.ws.reuse.clone();
                // Looked up once per round, not once per entry: a batch of
                // thousands is gone through at every delivery.
                let stored: HashMap<usize, u32> = state.ws.ids.iter().copied().collect();
                let mut crossed_now: HashMap<usize, usize> = HashMap::new();
                for x in state.cross.iter() {
                    *crossed_now.entry(x.report).or_default() += 1;
                }
                let new: Vec<(Entry, Option<u32>)> = state
                    .entries
                    .iter()
                    .filter(|e| e.outcome.is_some() && !busy.borrow().contains(&e.id))
                    .filter_map(|e| match stored.get(&e.id).copied() {
                        None => {
                            let again = reuse
                                .iter()
                                .position(|r| r.0 == e.name)
                                .map(|i| reuse.remove(i).1);
                            Some((e.clone(), again))
                        }
                        Some(report) if idle => {
                            let crossed = crossed_now.get(&e.id).copied().unwrap_or(0);
                            let stored = CROSSED.with(|c| c.borrow().get(&e.id).copied());
                            (stored.unwrap_or(0) != crossed).then(|| (e.clone(), Some(report)))
                        }
                        Some(_) => None,
                    })
                    .collect();
                busy.borrow_mut()
                    .extend(gone.iter().map(|g| g.0).chain(new.iter().map(|e| e.0.id)));
                if idle && gone.is_empty() && new.is_empty() && busy.borrow().is_empty() {
                    end_batches(&state.dispatcher(), &state);
                }
                if !gone.is_empty() || !new.is_empty() {
                    let dispatch = state.dispatcher();
                    let (entries, cross) = (state.entries.clone(), state.cross.clone());
                    let keep = state.ws.keep_files;
                    let busy = busy.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let run = async {
                            for (_, report) in &gone {
                                call("deleteReport", &[ws.into(), (*report).into()]).await?;
                            }
                            store_entries(ws, &new, &cross, &entries, keep).await
                        };
                        let result = run.await;
                        {
                            let mut b = busy.borrow_mut();
                            for g in &gone {
                                b.remove(&g.0);
                            }
                            for e in &new {
                                b.remove(&e.0.id);
                            }
                        }
                        // Told once nothing is busy, so that the next round
                        // can strike off a batch whose last results these are.
                        if result.is_ok() && !gone.is_empty() {
                            let ids = gone.iter().map(|g| g.0).collect();
                            dispatch.dispatch(Action::Ws(WsAction::Forgotten(ids)));
                        }
                        if let Ok(stored) = &result {
                            if !stored.is_empty() {
                                dispatch.dispatch(Action::Ws(WsAction::StoredMany(stored.clone())));
                            }
                        }
                        if let Err(e) = result {
                            let (zh, en) = why(&e);
                            let quota = get(&e, "code").as_string().as_deref() == Some("quota");
                            let msg = if quota {
                                (
                                    format!("{zh} 本页面暂不保存新结果，检查仍可进行。"),
                                    format!(
                                        "{en} The page keeps checking without storing new results."
                                    ),
                                )
                            } else {
                                (zh, en)
                            };
                            dispatch.dispatch(Action::Ws(WsAction::Off(msg.0, msg.1)));
                        }
                    });
                }
            }
        });
    }
    html! {}
}

// ---- decisions --------------------------------------------------------------

/// Keep a decision on a finding of `e` (`verdict`: `confirmed`,
/// `dismissed`, or empty to take it back).
pub fn decide(
    dispatch: UseReducerDispatcher<State>,
    ws: Option<u32>,
    e: &Entry,
    (fingerprint, rule, message): (String, String, String),
    verdict: &str,
    note: String,
) {
    let d = Decision {
        agency: e.agency().map(str::to_string),
        year: e.year(),
        file: e.name.clone(),
        fingerprint,
        rule,
        message,
        verdict: verdict.to_string(),
        note,
        at: js_sys::Date::now(),
    };
    let Some(ws) = ws else {
        // Without storage the decision is kept on the page only.
        dispatch.dispatch(Action::Ws(if verdict.is_empty() {
            WsAction::Undecided(d)
        } else {
            WsAction::Decided(d)
        }));
        return;
    };
    let verdict = verdict.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        let value = d.to_js();
        let r = if verdict.is_empty() {
            call("deleteDecision", &[ws.into(), value]).await
        } else {
            call("putDecision", &[ws.into(), value]).await
        };
        match r {
            Ok(_) => dispatch.dispatch(Action::Ws(if verdict.is_empty() {
                WsAction::Undecided(d)
            } else {
                WsAction::Decided(d)
            })),
            Err(e) => {
                let (zh, en) = why(&e);
                dispatch.dispatch(Action::Ws(WsAction::Say(Some((
                    format!("决定未能保存：{zh}"),
                    format!("The decision was not saved: {en}"),
                )))));
            }
        }
    });
}

// ---- workspaces: new, rename, delete, export, import --------------------------

fn prompt(lang: Lang, zh: &str, en: &str, value: &str) -> Option<String> {
    web_sys::window()?
        .prompt_with_message_and_default(lang.pick(zh, en), value)
        .ok()
        .flatten()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn confirm(lang: Lang, zh: &str, en: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(lang.pick(zh, en)).ok())
        .unwrap_or(false)
}

fn say_error(dispatch: &UseReducerDispatcher<State>, e: &JsValue) {
    let (zh, en) = why(e);
    dispatch.dispatch(Action::Ws(WsAction::Say(Some((zh, en)))));
}

/// The workspace file of workspace `ws`.
async fn export_file(ws: u32, state: &State) -> Result<(String, JsValue), JsValue> {
    let info = call("getWorkspace", &[ws.into()]).await?;
    let name = get(&info, "name").as_string().unwrap_or_default();
    let info_json = js_sys::Object::new();
    set(&info_json, "name", name.as_str());
    set(&info_json, "created", num(&info, "created").unwrap_or(0.0));
    for k in ["regrouping", "years"] {
        let v = get(&info, k);
        if !v.is_undefined() {
            set(&info_json, k, v);
        }
    }
    let info_json = json_text(&info_json);
    let reports = array(call("getReports", &[ws.into()]).await?);
    let files = js_sys::Array::new();
    let out = js_sys::Array::new();
    for r in &reports {
        let id = num(r, "id").unwrap_or(0.0) as u32;
        let o = js_sys::Object::new();
        for k in ["id", "file", "added", "size", "result", "cross"] {
            let v = get(r, k);
            // A result stored as its JSON text (see make_item) goes into
            // the file as the object it stands for, as one stored earlier.
            let v = match text_of(&v) {
                Some(json) if k == "result" => parse(&json),
                _ => v,
            };
            set(&o, k, v);
        }
        let text = call("getText", &[ws.into(), id.into()]).await?;
        set(
            &o,
            "text",
            text_of(&text).map_or(JsValue::NULL, |t| t.into()),
        );
        out.push(&o);
        let file = call("getFile", &[ws.into(), id.into()]).await?;
        match file.dyn_into::<web_sys::Blob>() {
            Ok(blob) => {
                let buf = promise(blob.array_buffer().into()).await?;
                files.push(&js_sys::Uint8Array::new(&buf));
            }
            Err(_) => {
                files.push(&JsValue::NULL);
            }
        }
    }
    let decisions = Decision::list_json(state.ws.decisions.iter());
    let bytes = part(
        "wsExport",
        &[
            info_json.into(),
            json_text(&out).into(),
            files.into(),
            decisions.into(),
        ],
    )
    .await?;
    Ok((name, bytes))
}

/// A workspace file taken in as a new workspace, which then opens.
async fn import_file(
    dispatch: UseReducerDispatcher<State>,
    file: web_sys::File,
) -> Result<(), JsValue> {
    let buf = promise(file.array_buffer().into()).await?;
    let bytes = js_sys::Uint8Array::new(&buf);
    let read = part("wsImport", &[bytes.into()]).await?;
    let json = parse(&get(&read, "json").as_string().unwrap_or_default());
    let files = array(get(&read, "files"));
    let info = get(&json, "info");
    let name = get(&info, "name").as_string().filter(|n| !n.is_empty());
    let made = call(
        "createWorkspace",
        &[name.unwrap_or_else(default_name).into()],
    )
    .await?;
    let ws = num(&made, "id").unwrap_or(0.0) as u32;
    let patch = js_sys::Object::new();
    set(&patch, "regrouping", get(&info, "regrouping"));
    set(&patch, "years", get(&info, "years"));
    call("updateWorkspace", &[ws.into(), patch.into()]).await?;
    for (i, r) in array(get(&json, "reports")).iter().enumerate() {
        let record = get(r, "record");
        let o = js_sys::Object::new();
        for k in ["file", "added", "size", "result", "cross"] {
            set(&o, k, get(&record, k));
        }
        set(&o, "entry", get(r, "entry"));
        let extra = js_sys::Object::new();
        set(&extra, "text", get(r, "text"));
        if let Some(f) = files.get(i).filter(|f| !f.is_null()) {
            let name = get(&record, "file").as_string().unwrap_or_default();
            let parts = js_sys::Array::of1(f);
            if let Ok(file) = web_sys::File::new_with_u8_array_sequence(&parts, &name) {
                set(&extra, "blob", file);
            }
        }
        call("putReport", &[ws.into(), o.into(), extra.into()]).await?;
    }
    for d in array(get(&json, "decisions")) {
        call("putDecision", &[ws.into(), d]).await?;
    }
    let notes: Vec<(String, String)> = array(get(&json, "notes"))
        .iter()
        .map(|n| {
            (
                get(n, "message").as_string().unwrap_or_default(),
                get(n, "message_en").as_string().unwrap_or_default(),
            )
        })
        .collect();
    open_workspace(dispatch.clone(), Some(ws)).await;
    let (zh, en): (Vec<String>, Vec<String>) = notes.into_iter().unzip();
    dispatch.dispatch(Action::Ws(WsAction::Say(Some((
        format!("工作区已导入。{}", zh.join(" ")),
        format!("The workspace was imported. {}", en.join(" ")),
    )))));
    Ok(())
}

#[derive(Properties, PartialEq)]
pub struct BarProps {
    pub state: UseReducerHandle<State>,
}

/// The workspace bar: which workspace is open, and what can be done with it.
#[function_component(WorkspaceBar)]
pub fn workspace_bar(props: &BarProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let ws = &state.ws;
    let status = match &ws.storage {
        Storage::Opening => html! {
            <span class="ws-status">{ lang.pick("正在打开工作区……", "Opening the workspace…") }</span>
        },
        Storage::Ready => {
            let n = ws.ids.len();
            let d = ws.decisions.len();
            html! {
                <span class="ws-status" data-saved={n.to_string()}>{ match lang {
                    Lang::Zh => format!("已保存在本浏览器：{n} 份报告，{d} 项决定。"),
                    Lang::En => format!("Kept in this browser: {n} reports, {d} decisions."),
                } }</span>
            }
        }
        Storage::Off(zh, en) => html! {
            <span class="ws-status ws-off" role="alert">{ lang.pick(zh, en) }</span>
        },
    };
    let ready = ws.storage == Storage::Ready;
    let dispatch = state.dispatcher();
    let on_switch = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse::<u32>().ok());
            if let Some(id) = v {
                wasm_bindgen_futures::spawn_local(open_workspace(dispatch.clone(), Some(id)));
            }
        })
    };
    let on_new = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            let Some(name) = prompt(lang, "新工作区的名称：", "Name of the new workspace:", "")
            else {
                return;
            };
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call("createWorkspace", &[name.into()]).await {
                    Ok(w) => {
                        let id = num(&w, "id").map(|i| i as u32);
                        open_workspace(dispatch, id).await
                    }
                    Err(e) => say_error(&dispatch, &e),
                }
            });
        })
    };
    let current_name = ws
        .list
        .iter()
        .find(|w| Some(w.0) == ws.current)
        .map(|w| w.1.clone())
        .unwrap_or_default();
    let on_rename = {
        let dispatch = dispatch.clone();
        let (current, name) = (ws.current, current_name.clone());
        Callback::from(move |_| {
            let Some(id) = current else { return };
            let Some(new) = prompt(
                lang,
                "工作区的新名称：",
                "New name of the workspace:",
                &name,
            ) else {
                return;
            };
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call("renameWorkspace", &[id.into(), new.into()]).await {
                    Ok(_) => {
                        if let Ok(l) = list().await {
                            dispatch.dispatch(Action::Ws(WsAction::List(l)));
                        }
                    }
                    Err(e) => say_error(&dispatch, &e),
                }
            });
        })
    };
    let on_delete = {
        let dispatch = dispatch.clone();
        let (current, name) = (ws.current, current_name.clone());
        Callback::from(move |_| {
            let Some(id) = current else { return };
            let (zh, en) = (
                format!("删除工作区“{name}”及其全部报告和决定？此操作无法撤销。"),
                format!("Delete the workspace “{name}” with all its reports and decisions? This cannot be undone."),
            );
            if !confirm(lang, &zh, &en) {
                return;
            }
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call("deleteWorkspace", &[id.into()]).await {
                    Ok(_) => open_workspace(dispatch, None).await,
                    Err(e) => say_error(&dispatch, &e),
                }
            });
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |_| {
            let Some(id) = state.ws.current else { return };
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match export_file(id, &state).await {
                    Ok((name, bytes)) => {
                        let name = if name.is_empty() {
                            "workspace".into()
                        } else {
                            name
                        };
                        super::export::download_bytes(
                            &format!("{name}.nianbao.zip"),
                            "application/zip",
                            &bytes,
                        );
                    }
                    Err(e) => say_error(&state.dispatcher(), &e),
                }
            });
        })
    };
    // The file input is made when asked for, so that the page holds one
    // file input only (the checker's).
    let on_import = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let Some(input) = doc
                .create_element("input")
                .ok()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            input.set_type("file");
            input.set_accept(".zip,application/zip");
            let dispatch = dispatch.clone();
            let picked = input.clone();
            let listener = gloo::events::EventListener::once(&input, "change", move |_| {
                let Some(file) = picked.files().and_then(|f| f.get(0)) else {
                    return;
                };
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = import_file(dispatch.clone(), file).await {
                        say_error(&dispatch, &e);
                    }
                });
            });
            listener.forget();
            input.click();
        })
    };
    let on_keep = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.checked());
            dispatch.dispatch(Action::Ws(WsAction::KeepFiles(on)));
        })
    };
    let on_dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Ws(WsAction::Say(None))))
    };
    let unfinished = ws.unfinished.first().cloned().zip(ws.current).map(|(b, current)| {
        let id = b.id;
        let on_resume = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| {
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = resume_kept(dispatch.clone(), current, id).await {
                        say_error(&dispatch, &e);
                    }
                });
            })
        };
        let on_discard = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| {
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = discard(dispatch.clone(), current, id).await {
                        say_error(&dispatch, &e);
                    }
                });
            })
        };
        let busy = state.progress.is_some();
        html! {
            <p class="ws-resume" role="status" data-batch={b.id.to_string()}
                data-done={b.done.to_string()} data-total={b.total.to_string()}>
                { match lang {
                    Lang::Zh => format!("上次的批量检查未完成：已检查 {} / {}。", b.done, b.total),
                    Lang::En => format!("The last batch was not finished: {} of {} checked.", b.done, b.total),
                } }{ " " }
                if b.kept {
                    <button type="button" class="button" id="ws-resume" onclick={on_resume} disabled={busy}>
                        { lang.pick("继续检查其余文件", "Check the rest") }</button>
                } else {
                    { lang.pick(
                        "原文件未保存：请再次选择或拖入同一批文件（同一文件夹），已检查的文件将跳过。",
                        "The files were not kept: give the same files again (choose or drop the same folder); those already checked are skipped.",
                    ) }
                }{ " " }
                <button type="button" class="link" id="ws-resume-discard" onclick={on_discard} disabled={busy}>
                    { lang.pick("放弃", "Give it up") }</button>
            </p>
        }
    });
    let to_matrix = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Go(super::state::View::Matrix)))
    };
    html! {
        <section class="workspace" aria-label={lang.pick("工作区", "Workspace")} id="workspace">
            <label>{ lang.pick("工作区 Workspace", "Workspace") }{ " " }
                <select id="ws-select" onchange={on_switch} disabled={!ready}>
                    { for ws.list.iter().map(|(id, name)| html! {
                        <option value={id.to_string()} selected={Some(*id) == ws.current}>{ name }</option>
                    }) }
                </select>
            </label>
            <button type="button" class="button" id="ws-new" onclick={on_new} disabled={!ready}>{ lang.pick("新建", "New") }</button>
            <button type="button" class="button" id="ws-rename" onclick={on_rename} disabled={!ready}>{ lang.pick("重命名", "Rename") }</button>
            <button type="button" class="button" id="ws-delete" onclick={on_delete} disabled={!ready}>{ lang.pick("删除", "Delete") }</button>
            <button type="button" class="button" id="ws-export" onclick={on_export} disabled={!ready}>{ lang.pick("导出工作区", "Export workspace") }</button>
            <button type="button" class="button" id="ws-import" onclick={on_import} disabled={!ready}>{ lang.pick("导入工作区", "Import workspace") }</button>
            <label class="ws-keep"><input type="checkbox" id="ws-keep-files" checked={ws.keep_files} onchange={on_keep} disabled={!ready} />
                { lang.pick("同时保存原文件", "Keep the files too") }</label>
            <button type="button" class="button" id="ws-matrix" onclick={to_matrix}>{ lang.pick("机关 × 年度", "Agencies × years") }</button>
            { status }
            { for unfinished }
            if let Some((zh, en)) = &ws.message {
                <p class="ws-message" role="status">{ lang.pick(zh, en) }{ " " }
                    <button type="button" class="link" onclick={on_dismiss}>{ lang.pick("知道了", "OK") }</button></p>
            }
        </section>
    }
}

// The workspace part's fingerprints are in the core's `workspace` feature.
#[cfg(all(test, feature = "workspace"))]
mod tests {
    use super::*;

    #[test]
    fn the_lines_read_by_the_fingerprints_give_the_same_fingerprints() {
        use nianbao_core::workspace::fingerprint::{fingerprints_seen, Seen};
        use nianbao_core::workspace::stored;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let mut seeds: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        assert!(seeds.len() >= 5);
        // A report with findings on its text, followed by lines no finding is on.
        seeds.push(format!("{}\n{}", seeds[0], "其他说明。\n".repeat(500)));
        let (mut smaller, mut on_text) = (0, 0);
        for seed in &seeds {
            let checked = nianbao_core::check("r.txt", seed.as_bytes()).expect("a report");
            let doc = &checked.document.text;
            let spans = checked.diagnostics.iter().filter_map(|d| match d.at {
                nianbao_core::Location::Span(s) => Some(s),
                _ => None,
            });
            let pieces = lines_read(doc, spans.clone()).expect("spans inside the text");
            let text: String = pieces.iter().map(|&(a, n)| &doc[a..a + n]).collect();
            if text.len() < doc.len() / 2 {
                smaller += 1;
            }
            // Every piece starts a line, in order, apart from the next.
            for w in pieces.windows(2) {
                assert!(w[0].0 + w[0].1 < w[1].0, "{w:?}");
            }
            for &(a, _) in &pieces {
                assert!(a == 0 || doc.as_bytes()[a - 1] == b'\n');
            }
            let result =
                serde_json::to_value(Export::of_result("r.txt", &Ok(checked.clone()))).unwrap();
            let view = stored::view(&result).expect("a result");
            on_text += view
                .diagnostics
                .iter()
                .filter(|d| d.at.span.is_some())
                .count();
            assert_eq!(
                fingerprints_seen(
                    &view.diagnostics,
                    &Seen::Pieces {
                        text: &text,
                        at: &pieces
                    }
                ),
                fingerprints_seen(&view.diagnostics, &Seen::Whole(doc)),
            );
        }
        assert!(smaller > 0 && on_text > 10, "{smaller} {on_text}");
        // A span past the text or inside a character: the whole text is given.
        let odd = |s: usize, e: usize| {
            lines_read("一二\n三", [nianbao_core::Span::new(s, e)].into_iter())
        };
        assert_eq!(odd(8, 9), None);
        assert_eq!(odd(1, 2), None);
        assert_eq!(odd(7, 10), Some(vec![(7, 3)]));
        assert_eq!(odd(0, 3), Some(vec![(0, 6)]));
    }
}
