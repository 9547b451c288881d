//! Running a batch. Files are read and checked by the checker (a second wasm,
//! `crate::checker`) through the pool the loader gives ([`set_checker`]: web
//! workers started by www/boot.js, two files in flight per worker; or the
//! checker on the page itself, one file per turn of the event loop, in the
//! offline page, the widget and with `?workers=0`).
//! Results reach the state in groups ([`group_ms`] apart), so that a batch of
//! hundreds does not redraw the page once per file.

use super::check::{from_worker, next_id, now_ms, Outcome};
use super::state::{Action, State};
use super::Source;
use nianbao_core::decimal::Num;
use nianbao_core::{Checked, ReadError};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::UseReducerDispatcher;

/// The longest a finished file waits before it is shown (after the first), in
/// a batch of `files`: each delivery redraws the batch table, so larger batches
/// are shown in fewer, larger groups.
pub fn group_ms(files: usize) -> i32 {
    100 + (files / 2).min(900) as i32
}

/// Shared by the lanes of one batch.
struct Batch {
    dispatch: UseReducerDispatcher<State>,
    queue: RefCell<VecDeque<(usize, String, Source)>>,
    finished: RefCell<Vec<(usize, Rc<Outcome>)>>,
    /// A delivery of `finished` is waiting on a timer.
    scheduled: Cell<bool>,
    shown_any: Cell<bool>,
    lanes_left: Cell<usize>,
    group_ms: i32,
    given_ms: f64,
    pool: Option<JsValue>,
    /// The pool checks on the page itself: give the page a turn between files.
    on_page: bool,
    /// Archives found in the batch are written down in the workspace
    /// ([`run_batch_as`]).
    keep: bool,
    /// Each file's time is written to the console (a batch of one file; a
    /// line per file of thousands cost the page more than a second).
    log_each: bool,
}

impl Batch {
    fn deliver(&self) {
        let done: Vec<_> = self.finished.borrow_mut().drain(..).collect();
        if !done.is_empty() {
            self.shown_any.set(true);
            self.dispatch.dispatch(Action::DoneMany(done));
        }
    }
}

/// Check the given files, reporting each to the state as it is done.
pub fn run_batch(dispatch: UseReducerDispatcher<State>, sources: Vec<(String, Source)>) {
    run_batch_as(dispatch, sources, true);
}

/// [`run_batch`], the batch written down in the open workspace only with
/// `keep` (a widget without the attribute `workspace` keeps nothing, even
/// beside one that has it on the same page: both share the app's instance).
pub fn run_batch_as(
    dispatch: UseReducerDispatcher<State>,
    sources: Vec<(String, Source)>,
    keep: bool,
) {
    if sources.is_empty() {
        return;
    }
    // Zips and the files of folders are first taken apart by the checker.
    if sources.iter().any(|(n, s)| super::input::to_expand(n, s)) {
        wasm_bindgen_futures::spawn_local(async move {
            dispatch.dispatch(Action::Gathering(Some(0)));
            let shown = dispatch.clone();
            let on_count = move |n| shown.dispatch(Action::Gathering(Some(n)));
            let (files, skipped) = super::input::expand(pool(), sources, on_count).await;
            dispatch.dispatch(Action::Gathering(None));
            if !skipped.is_empty() {
                dispatch.dispatch(Action::Skipped(skipped));
            }
            run_files_as(dispatch, files, keep);
        });
    } else {
        run_files_as(dispatch, sources, keep);
    }
}

/// Check reports of the workspace again (stored by another build of the
/// page): they are stored already, so the batch is not written down.
pub fn run_again(dispatch: UseReducerDispatcher<State>, sources: Vec<(String, Source)>) {
    run_files_as(dispatch, sources, false);
}

/// Check files that are not archives (nor taken apart again). Where the
/// workspace is open and `write` holds, the batch is first written down in
/// it (what it was given), so that a batch cut short can be taken up again; a
/// batch given again after one was cut short skips the files already checked
/// ([`super::workspace::journal`]).
fn run_files_as(
    dispatch: UseReducerDispatcher<State>,
    sources: Vec<(String, Source)>,
    write: bool,
) {
    if sources.is_empty() {
        return;
    }
    let files: Vec<(usize, String, Source)> = sources
        .into_iter()
        .map(|(name, src)| (next_id(), name, src))
        .collect();
    wasm_bindgen_futures::spawn_local(async move {
        let files = if write {
            super::workspace::journal(&dispatch, files).await
        } else {
            files
        };
        start(dispatch, files.into(), write);
    });
}

fn start(
    dispatch: UseReducerDispatcher<State>,
    files: VecDeque<(usize, String, Source)>,
    keep: bool,
) {
    if files.is_empty() {
        return;
    }
    let given_ms = now_ms();
    dispatch.dispatch(Action::Queue {
        files: files
            .iter()
            .map(|(id, n, src)| {
                // A file is kept (a handle, not its bytes) for its annotated copy.
                let kept = matches!(src, Source::File(_)).then(|| Rc::new(src.clone()));
                (*id, n.clone(), kept)
            })
            .collect(),
        now_ms: given_ms,
    });
    let pool = pool();
    let lanes = pool
        .as_ref()
        .and_then(|p| js_sys::Reflect::get(p, &"size".into()).ok())
        .and_then(|s| s.as_f64())
        // Four lanes a worker, so that each worker has files waiting while
        // the page's thread, busy drawing and storing, reads the answers
        // before (with two, the workers of a large batch waited for it more
        // than half the time).
        .map_or(1, |s| 4 * (s as usize).clamp(1, 8))
        .min(files.len());
    let on_page = pool
        .as_ref()
        .and_then(|p| js_sys::Reflect::get(p, &"onPage".into()).ok())
        .is_some_and(|v| v.is_truthy());
    let group_ms = group_ms(files.len());
    let batch = Rc::new(Batch {
        dispatch,
        queue: RefCell::new(files),
        finished: RefCell::new(Vec::new()),
        scheduled: Cell::new(false),
        shown_any: Cell::new(false),
        lanes_left: Cell::new(lanes),
        group_ms,
        given_ms,
        pool,
        on_page,
        keep,
        log_each: lanes == 1,
    });
    for _ in 0..lanes {
        wasm_bindgen_futures::spawn_local(lane(batch.clone()));
    }
}

/// One file after another from the batch's queue, until it is empty.
async fn lane(batch: Rc<Batch>) {
    loop {
        let next = batch.queue.borrow_mut().pop_front();
        let Some((id, name, src)) = next else { break };
        let found = super::input::in_folder(&name, &src);
        if batch.on_page {
            // On the page itself: let it repaint and take input between files.
            sleep(0).await;
        }
        // The bytes never go through the app's memory: a file of the disk
        // is handed over as it is and read where it is checked (in a worker,
        // not on the page's thread); other bytes are moved, not copied.
        // Checked on the page itself, a file is read here, in a turn of the
        // event loop of its own between one file's check and the next.
        // Err: the file's result is known without a check (refused when
        // the archive was taken apart, or a file the browser cannot read).
        let bytes: Result<JsValue, Result<Checked, ReadError>> = match &src {
            Source::Text(t) => Ok(js_sys::Uint8Array::from(t.as_bytes()).into()),
            Source::File(f) if batch.on_page => {
                match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                    Ok(b) => Ok(js_sys::Uint8Array::new(&b).into()),
                    Err(_) => Err(from_worker(Err(("unreadable", 0.0)))),
                }
            }
            Source::File(f) => Ok(f.clone().into()),
            // A copy of its own, which can be moved.
            Source::Bytes(b) => Ok(b.slice(0, b.length()).into()),
            Source::Answer(a) => Err(from_worker(Ok(a))),
        };
        let mut outcome = match (&batch.pool, bytes) {
            (_, Err(result)) => Outcome {
                result,
                check_ms: 0.0,
                total_ms: 0.0,
                given_ms: 0.0,
            },
            (Some(pool), Ok(bytes)) => match in_worker(pool, id, &name, &bytes, found).await {
                Answer::Checked(outcome) => *outcome,
                Answer::Listed(list) => {
                    // No report (set aside), or an archive: the entry goes,
                    // the files in the archive are checked as a batch of
                    // their own.
                    let (files, skipped) = super::input::listed(&list, &src);
                    batch.dispatch.dispatch(Action::SetAside { id, skipped });
                    if !files.is_empty() {
                        run_files_as(batch.dispatch.clone(), files, batch.keep);
                    }
                    continue;
                }
            },
            (None, Ok(_)) => Outcome {
                result: from_worker(Err(("unavailable", 0.0))),
                check_ms: 0.0,
                total_ms: 0.0,
                given_ms: 0.0,
            },
        };
        outcome.total_ms = (now_ms() - batch.given_ms).max(0.0);
        outcome.given_ms = batch.given_ms;
        if batch.log_each {
            log_timing(&name, &outcome);
        }
        batch.finished.borrow_mut().push((id, Rc::new(outcome)));
        if !batch.scheduled.replace(true) {
            let b = batch.clone();
            let wait = if b.shown_any.get() { b.group_ms } else { 0 };
            wasm_bindgen_futures::spawn_local(async move {
                sleep(wait).await;
                b.scheduled.set(false);
                b.deliver();
            });
        }
    }
    batch.lanes_left.set(batch.lanes_left.get() - 1);
    if batch.lanes_left.get() == 0 {
        batch.deliver();
        sleep(0).await;
        batch.dispatch.dispatch(Action::Finished);
    }
}

#[derive(yew::Properties, PartialEq)]
pub struct CrosserProps {
    pub state: yew::UseReducerHandle<State>,
}

/// Works out the cross-report findings when they are due (a batch ended,
/// [`State::cross_due`]), in slices between frames, and gives them back to the
/// state. Draws nothing.
#[yew::function_component(Crosser)]
pub fn crosser(props: &CrosserProps) -> yew::Html {
    let state = props.state.clone();
    yew::use_effect_with(state.cross_due, move |due| {
        if let Some(due) = *due {
            let dispatch = state.dispatcher();
            let (entries, pairs) = (state.entries.clone(), state.pairs.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let cross = super::state::cross_items_sliced(&entries, &pairs).await;
                dispatch.dispatch(Action::Crossed {
                    due,
                    cross,
                    now_ms: now_ms(),
                });
            });
        }
    });
    yew::html! {}
}

thread_local! {
    static CHECKER: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) };
}

/// The loader hands the app the pool that checks files (www/boot.js,
/// www/embed.js, the offline page): an object with `check(name, bytes)`,
/// resolving to `{out, ms}` (the answer in the wire form) or rejecting with
/// `{kind, message, limitMs}`; `size`, how many files it checks at once; and
/// `onPage`, true where it checks on the page's own thread.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = setChecker)]
pub fn set_checker(pool: JsValue) {
    CHECKER.with(|c| *c.borrow_mut() = pool.is_object().then_some(pool));
}

/// The pool given by the loader.
pub(super) fn pool() -> Option<JsValue> {
    CHECKER.with(|c| c.borrow().clone())
}

/// What the pool answered for a file.
enum Answer {
    Checked(Box<Outcome>),
    /// A file found in a folder that is not to be checked as it is: what the
    /// checker's `expandArchive` listed for it.
    Listed(js_sys::Array),
}

/// Check one file through the pool; its bytes are moved to the worker (the
/// array is of no use afterwards). `found`: the file was found in a folder.
/// The answer is kept for the workspace (entry `id`), to be stored as it is.
async fn in_worker(pool: &JsValue, id: usize, name: &str, bytes: &JsValue, found: bool) -> Answer {
    let start = now_ms();
    let answer = async {
        let check: js_sys::Function = js_sys::Reflect::get(pool, &"check".into())?.dyn_into()?;
        let args = js_sys::Array::of4(&name.into(), bytes, &JsValue::TRUE, &found.into());
        let promise: js_sys::Promise = check.apply(pool, &args)?.dyn_into()?;
        wasm_bindgen_futures::JsFuture::from(promise).await
    }
    .await;
    let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap_or_default();
    if let Some(list) = answer
        .as_ref()
        .ok()
        .and_then(|v| field(v, "list").dyn_into::<js_sys::Array>().ok())
    {
        return Answer::Listed(list);
    }
    let (result, check_ms) = match answer {
        Ok(v) => {
            let out = js_sys::Uint8Array::new(&field(&v, "out"));
            let ms = field(&v, "ms").as_f64().unwrap_or(0.0);
            let result = take_answer(&out);
            if result.is_some() {
                super::workspace::keep_wire(id, out);
            }
            (
                result.unwrap_or_else(|| Err(nianbao_core::read::internal_error())),
                ms,
            )
        }
        Err(e) => {
            let kind = field(&e, "kind").as_string().unwrap_or_default();
            let limit = field(&e, "limitMs").as_f64().unwrap_or(0.0);
            (from_worker(Err((&kind, limit))), now_ms() - start)
        }
    };
    Answer::Checked(Box::new(Outcome {
        result,
        check_ms: check_ms.max(0.0),
        total_ms: 0.0,
        given_ms: start,
    }))
}

/// The checker's answer (bytes in the JS heap) decoded into the app's
/// memory: the document's text is copied once, straight into the string the
/// model keeps, and the rest of the answer apart from it, so that the app's
/// memory (which never shrinks) never holds the whole answer and the decoded
/// result at once — for a file of many megabytes of text, that would be the
/// text twice more.
/// `None` when the answer is not in the wire form.
fn take_answer(
    out: &js_sys::Uint8Array,
) -> Option<Result<nianbao_core::Checked, nianbao_core::ReadError>> {
    let len = out.length();
    let mut head = [0u8; 11];
    let head_len = len.min(head.len() as u32);
    out.subarray(0, head_len)
        .copy_to(&mut head[..head_len as usize]);
    let range = crate::wire::text_range(&head[..head_len as usize])
        .and_then(|(a, b)| Some((u32::try_from(a).ok()?, u32::try_from(b).ok()?)))
        .filter(|&(_, end)| end <= len);
    let Some((start, end)) = range else {
        return crate::wire::decode(&out.to_vec());
    };
    let mut text = vec![0; (end - start) as usize];
    out.subarray(start, end).copy_to(&mut text);
    let rest = out.subarray(end, len).to_vec();
    crate::wire::decode_after_text(text, &rest)
}

fn log_timing(name: &str, o: &Outcome) {
    web_sys::console::log_1(
        &format!(
            "nianbao: {name}: check {:.1} ms, {:.1} ms since the file was given",
            Num(o.check_ms),
            Num(o.total_ms)
        )
        .into(),
    );
}

/// A turn of the event loop after `ms` milliseconds (a timeout).
pub(super) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Ok(global) = js_sys::global().dyn_into::<web_sys::Window>() {
            let _ = global.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
