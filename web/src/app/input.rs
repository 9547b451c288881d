//! The ways in: a real file picker, a folder picker, and a box to paste text
//! into. (Dropping files and folders works anywhere on the page; see the root
//! component.) A .zip of reports and a folder are a batch: the checker takes
//! the archive apart ([`expand`]), and files that are no reports are skipped
//! and listed ([`SkippedList`]).

use super::i18n::{texts, Lang};
use super::Source;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The kinds of file the checker reads, and archives of them, for the file
/// picker (a file of another kind can still be dropped; the checker says
/// what it is).
const ACCEPT: &str = ".txt,.text,.docx,.doc,.wps,.ofd,.html,.htm,.mhtml,.mht,.pdf,.xlsx,.zip,\
                      text/plain,text/html,application/pdf,application/msword,application/zip";

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub lang: Lang,
    pub on_sources: Callback<Vec<(String, Source)>>,
    /// Once reports are shown, the panel takes less room: the paste box folds.
    #[prop_or_default]
    pub compact: bool,
}

#[function_component(InputPanel)]
pub fn input_panel(props: &InputProps) -> Html {
    let t = texts(props.lang);
    let pasted = use_state(String::new);

    let onchange = {
        let on_sources = props.on_sources.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            on_sources.emit(super::files_of(input.files()));
            // Let the same file be chosen again.
            input.set_value("");
        })
    };
    let on_folder = {
        let on_sources = props.on_sources.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(button) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                choose_folder(&button, on_sources.clone());
            }
        })
    };
    let oninput = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                pasted.set(area.value());
            }
        })
    };
    let on_check_text = {
        let pasted = pasted.clone();
        let on_sources = props.on_sources.clone();
        let name = t.pasted_name;
        Callback::from(move |_| {
            if !pasted.trim().is_empty() {
                on_sources.emit(vec![(name.to_string(), Source::Text((*pasted).clone()))]);
            }
        })
    };

    html! {
        <section class={classes!("input", props.compact.then_some("compact"))} aria-label={t.choose_files}>
            <div class="picker">
                <label for="file-input">{ t.choose_files }</label>
                <input id="file-input" type="file" multiple=true
                    accept={ACCEPT}
                    {onchange} />
                <button type="button" class="button folder" id="choose-folder" onclick={on_folder}>
                    { props.lang.pick("选择文件夹", "Choose a folder") }</button>
                <p class="hint">{ t.choose_files_hint }</p>
            </div>
            <details class="paste" open={!props.compact}>
                <summary>{ t.paste_label }</summary>
                <textarea id="paste-box" rows="3" placeholder={t.paste_placeholder} aria-label={t.paste_label}
                    value={(*pasted).clone()} {oninput} />
                <button type="button" class="button" onclick={on_check_text}
                    disabled={pasted.trim().is_empty()}>{ t.paste_check }</button>
            </details>
        </section>
    }
}

use nianbao_core::read::archive::Skip;
/// A file of a folder or an archive that was not checked (it is no report):
/// the core's own record, as the command line and the module list it.
pub use nianbao_core::Skipped as SkippedFile;

/// The reason from its word (the checker's answer).
fn skip_of(word: &str) -> Skip {
    match word {
        "picture" => Skip::Picture,
        "system-file" => Skip::SystemFile,
        _ => Skip::OtherKind,
    }
}

/// The files of folders and archives that were no reports: counted, listed
/// with the reason, not reported as errors. (A plain function rather than a
/// component: it has no state of its own, and weighs less in the page.)
pub fn skipped_list(lang: Lang, files: &[SkippedFile]) -> Html {
    let n = files.len();
    html! {
        <details class="skipped" id="skipped" data-count={n.to_string()}>
            <summary>{ lang.pick(
                &format!("已跳过 {n} 个不是报告的文件（图片、系统文件等）"),
                &format!("{n} file{} skipped: not reports (pictures, system files…)", if n == 1 { "" } else { "s" }),
            ) }</summary>
            <ul>
                { for files.iter().map(|f| html! {
                    <li data-reason={f.reason.as_str()}>
                        <span class="name">{ &f.file }</span>{ "：" }
                        { lang.pick(f.reason.message(), f.reason.message_en()) }
                    </li>
                }) }
            </ul>
        </details>
    }
}

/// The files of a drop: those of dropped folders too, each named by its path
/// from the folder dropped (`报告/2024/a.docx`). A drop without folders is
/// its files, as given.
///
/// The dropped items must be taken while the drop event lasts; the folders
/// are read afterwards.
pub fn dropped(data: &web_sys::DataTransfer) -> DroppedFiles {
    let items = get(data, "items");
    let len = get(&items, "length").as_f64().unwrap_or(0.0) as u32;
    let mut entries = Vec::new();
    let mut folders = false;
    for i in 0..len {
        let item = js_sys::Reflect::get_u32(&items, i).unwrap_or_default();
        if get(&item, "kind").as_string().as_deref() != Some("file") {
            continue;
        }
        let Some(entry) = call(&item, "webkitGetAsEntry", &[]).filter(|e| e.is_object()) else {
            continue;
        };
        folders |= get(&entry, "isDirectory").is_truthy();
        entries.push(entry);
    }
    if folders {
        DroppedFiles::Entries(entries)
    } else {
        DroppedFiles::Files(super::files_of(data.files()))
    }
}

/// What [`dropped`] took from a drop.
pub enum DroppedFiles {
    Files(Vec<(String, Source)>),
    /// File system entries (files and folders) to read.
    Entries(Vec<JsValue>),
}

impl DroppedFiles {
    /// Every file, those of the folders (and their folders) in the order the
    /// browser lists them.
    pub async fn files(self) -> Vec<(String, Source)> {
        match self {
            DroppedFiles::Files(files) => files,
            DroppedFiles::Entries(entries) => {
                // The entries of the files, folders walked in order...
                let mut found = Vec::new();
                let mut todo: Vec<JsValue> = entries.into_iter().rev().collect();
                // At most this many files from one drop (as a zip may hold).
                while let Some(entry) = todo.pop() {
                    if found.len() >= MAX_FOLDER_FILES {
                        break;
                    }
                    if get(&entry, "isDirectory").is_truthy() {
                        let mut inner = read_folder(&entry).await;
                        inner.reverse();
                        todo.extend(inner);
                    } else {
                        found.push(entry);
                    }
                }
                // ...then their files, asked for many at a time: each is a
                // round trip to the browser, and one after the other they
                // took some 2 s for 3,000 files before any was checked.
                let mut out = Vec::with_capacity(found.len());
                for part in found.chunks(FILES_AT_ONCE) {
                    for (entry, file) in part.iter().zip(entry_files(part).await) {
                        let Some(file) = file else { continue };
                        let path = get(entry, "fullPath").as_string().unwrap_or_default();
                        let path = path.trim_start_matches('/');
                        let name = if path.is_empty() {
                            file.name()
                        } else {
                            path.to_string()
                        };
                        out.push((name, Source::File(file)));
                    }
                }
                out
            }
        }
    }
}

/// The most files taken from folders given at once.
const MAX_FOLDER_FILES: usize = 10_000;

/// The entries of a dropped folder (`readEntries` gives them in parts).
async fn read_folder(folder: &JsValue) -> Vec<JsValue> {
    let Some(reader) = call(folder, "createReader", &[]) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    loop {
        let part = callback_promise(&reader, "readEntries").await;
        let Some(part) = part.and_then(|p| p.dyn_into::<js_sys::Array>().ok()) else {
            break;
        };
        if part.length() == 0 || all.len() >= MAX_FOLDER_FILES {
            break;
        }
        all.extend(part.iter());
    }
    all
}

/// How many files of a dropped folder are asked for at once.
const FILES_AT_ONCE: usize = 256;

/// The files of file entries, asked for all at once; `None` for one the
/// browser would not give (gone meanwhile, not permitted).
async fn entry_files(entries: &[JsValue]) -> Vec<Option<web_sys::File>> {
    // A refusal becomes undefined, so that one file does not fail the
    // others; the one handler lives until every promise has settled.
    let nothing = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
    let asked = js_sys::Array::new();
    for entry in entries {
        asked.push(&promised(entry, "file").catch(&nothing));
    }
    let got = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&asked))
        .await
        .ok()
        .and_then(|a| a.dyn_into::<js_sys::Array>().ok());
    drop(nothing);
    let got = got
        .map(|a| a.iter().collect::<Vec<_>>())
        .unwrap_or_default();
    (0..entries.len())
        .map(|i| got.get(i).and_then(|f| f.clone().dyn_into().ok()))
        .collect()
}

/// `object.method(resolve, reject)` as a future.
async fn callback_promise(object: &JsValue, method: &str) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(promised(object, method))
        .await
        .ok()
}

/// `object.method(resolve, reject)` as a promise (rejected where there is no
/// such method or it throws).
fn promised(object: &JsValue, method: &str) -> js_sys::Promise {
    let f = get(object, method).dyn_into::<js_sys::Function>().ok();
    js_sys::Promise::new(&mut |resolve, reject| {
        if f.as_ref()
            .is_none_or(|f| f.call2(object, &resolve, &reject).is_err())
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    })
}

/// Ask for a folder (a file picker with `webkitdirectory`); its files, each
/// named by its path from the folder chosen, go to `on_sources`. The picker
/// is made when asked for and removed once it has answered, so that the page
/// has one file input (the one for files) the rest of the time.
fn choose_folder(button: &web_sys::Element, on_sources: Callback<Vec<(String, Source)>>) {
    let Some(doc) = button.owner_document() else {
        return;
    };
    let Some(input) = doc
        .create_element("input")
        .ok()
        .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    input.set_type("file");
    input.set_multiple(true);
    input.set_webkitdirectory(true);
    input.set_id("folder-input");
    input.set_hidden(true);
    if let Some(old) = button.parent_node().and_then(|p| {
        p.dyn_into::<web_sys::Element>()
            .ok()?
            .query_selector("#folder-input")
            .ok()?
    }) {
        old.remove();
    }
    let _ = button.after_with_node_1(&input);
    // One answer: the folder chosen (`change`) or none (`cancel`).
    let picked = input.clone();
    let on_answer = wasm_bindgen::closure::Closure::once_into_js(move |e: web_sys::Event| {
        if e.type_() == "change" {
            on_sources.emit(folder_files(picked.files()));
        }
        picked.remove();
    });
    for event in ["change", "cancel"] {
        let _ = input.add_event_listener_with_callback(event, on_answer.unchecked_ref());
    }
    input.click();
}

/// The files chosen in a folder picker (`webkitdirectory`), each named by
/// its path from the folder chosen.
fn folder_files(list: Option<web_sys::FileList>) -> Vec<(String, Source)> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .take(MAX_FOLDER_FILES)
        .map(|f| {
            let path = get(&f, "webkitRelativePath")
                .as_string()
                .unwrap_or_default();
            let name = if path.is_empty() { f.name() } else { path };
            (name, Source::File(f))
        })
        .collect()
}

/// Whether a file given must first be taken apart by the checker: a .zip
/// (an archive of reports). A file of a folder is not: it goes to the checker
/// once, which sets it aside if it is no report ([`in_folder`]).
pub fn to_expand(name: &str, source: &Source) -> bool {
    matches!(source, Source::File(_)) && name.to_ascii_lowercase().ends_with(".zip")
}

/// Whether a file given was found in a folder (its name is its path): the
/// checker sets it aside if it is no report, or takes it apart if it is an
/// archive, when it is given to be checked.
pub fn in_folder(name: &str, source: &Source) -> bool {
    matches!(source, Source::File(_)) && name.bytes().any(|b| b == b'/')
}

/// What the checker's `expandArchive` listed for the file `source`: the
/// files to check, and those skipped (see [`expand`]).
pub fn listed(list: &js_sys::Array, source: &Source) -> (Vec<(String, Source)>, Vec<SkippedFile>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for item in list.iter() {
        let n = get(&item, "name").as_string().unwrap_or_default();
        if let Some(reason) = get(&item, "skipped").as_string() {
            skipped.push(SkippedFile {
                file: n,
                reason: skip_of(&reason),
            });
        } else if let Ok(bytes) = get(&item, "bytes").dyn_into::<js_sys::Uint8Array>() {
            files.push((n, Source::Bytes(bytes)));
        } else if let Ok(answer) = get(&item, "answer").dyn_into::<js_sys::Uint8Array>() {
            files.push((n, Source::Answer(answer.to_vec())));
        } else {
            files.push((n, source.clone()));
        }
    }
    (files, skipped)
}

/// The files given, archives taken apart and files of folders that are no
/// reports set aside, through the checker's `expandArchive` (web/src/checker.rs,
/// reached through the pool's `expand`): the files to check, in order, and
/// those skipped. A zip given alone names its files by their paths in it;
/// with others, by its name, `/`, their paths.
///
/// The work is done on the page's thread in slices of at most about
/// [`SLICE_MS`]: after each, the page is let draw, and `on_count` is told how
/// many files have been gone through.
pub async fn expand(
    pool: Option<JsValue>,
    sources: Vec<(String, Source)>,
    on_count: impl Fn(usize),
) -> (Vec<(String, Source)>, Vec<SkippedFile>) {
    let alone = sources.len() == 1;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut slice_start = super::check::now_ms();
    for (i, (name, source)) in sources.into_iter().enumerate() {
        if super::check::now_ms() - slice_start > SLICE_MS {
            on_count(i);
            super::runner::sleep(0).await;
            slice_start = super::check::now_ms();
        }
        let (Some(pool), Source::File(file)) = (pool.as_ref(), &source) else {
            files.push((name, source));
            continue;
        };
        if !to_expand(&name, &source) {
            files.push((name, source));
            continue;
        }
        let found = name.bytes().any(|b| b == b'/');
        let prefix = if alone && !found {
            String::new()
        } else {
            format!("{name}/")
        };
        let answer = async {
            let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
            let bytes = js_sys::Uint8Array::new(&bytes);
            let f: js_sys::Function = get(pool, "expand").dyn_into()?;
            let args = js_sys::Array::of4(
                &name.as_str().into(),
                &bytes,
                &found.into(),
                &prefix.as_str().into(),
            );
            let promise: js_sys::Promise = f.apply(pool, &args)?.dyn_into()?;
            wasm_bindgen_futures::JsFuture::from(promise)
                .await?
                .dyn_into::<js_sys::Array>()
        }
        .await;
        // Without the checker's answer the file is checked as it is, and its
        // result says what is wrong.
        let Ok(list) = answer else {
            files.push((name, source));
            continue;
        };
        let (f, s) = listed(&list, &source);
        files.extend(f);
        skipped.extend(s);
    }
    (files, skipped)
}

/// The longest the page's thread works on a folder given before it lets the
/// page draw (milliseconds).
const SLICE_MS: f64 = 25.0;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap_or_default()
}

fn call(v: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: js_sys::Function = get(v, method).dyn_into().ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(v, &args).ok()
}
