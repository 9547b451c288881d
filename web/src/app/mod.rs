//! The first page: pick or drop report files, see each file's name and size and
//! the counts of findings the checker gives for it.

use crate::api::check_export;
use gloo::file::File;
use nianbao_core::export::Export;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

/// One file given by the person, and what became of it.
#[derive(Clone, PartialEq)]
struct Entry {
    id: u64,
    name: String,
    size: u64,
    state: State,
}

#[derive(Clone, PartialEq)]
enum State {
    Reading,
    Checked {
        errors: usize,
        warnings: usize,
        infos: usize,
    },
    Failed(String),
}

impl State {
    fn of(export: &Export) -> State {
        match &export.error {
            Some(e) => State::Failed(e.message.clone()),
            None => State::Checked {
                errors: export.summary.errors,
                warnings: export.summary.warnings,
                infos: export.summary.infos,
            },
        }
    }
}

/// The files given so far, in order.
#[derive(Clone, Default, PartialEq)]
struct Files(Vec<Entry>);

enum Action {
    Add(Vec<Entry>),
    Done(u64, State),
}

impl Reducible for Files {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut list = self.0.clone();
        match action {
            Action::Add(entries) => list.extend(entries),
            Action::Done(id, state) => {
                if let Some(entry) = list.iter_mut().find(|e| e.id == id) {
                    entry.state = state;
                }
            }
        }
        Rc::new(Files(list))
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let files = use_reducer(Files::default);
    let dragging = use_state(|| false);
    let next_id = use_mut_ref(|| 0u64);

    let add_files = {
        let files = files.clone();
        Callback::from(move |given: Vec<File>| {
            let given: Vec<(u64, File)> = given
                .into_iter()
                .map(|f| {
                    let mut next = next_id.borrow_mut();
                    *next += 1;
                    (*next, f)
                })
                .collect();
            files.dispatch(Action::Add(
                given
                    .iter()
                    .map(|(id, f)| Entry {
                        id: *id,
                        name: f.name(),
                        size: f.size(),
                        state: State::Reading,
                    })
                    .collect(),
            ));
            for (id, file) in given {
                let files = files.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let state = match gloo::file::futures::read_as_bytes(&file).await {
                        Ok(bytes) => State::of(&check_export(&bytes, &file.name())),
                        Err(e) => State::Failed(format!("无法读取文件：{e}")),
                    };
                    files.dispatch(Action::Done(id, state));
                });
            }
        })
    };

    let on_change = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = files_of(input.files());
            input.set_value("");
            add_files.emit(files);
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = e.data_transfer().and_then(|d| d.files());
            add_files.emit(files_of(files));
        })
    };

    html! {
        <main class="page">
            <h1>{ "nianbao 年报检查" }</h1>
            <p class="lead">
                { "检查政府信息公开工作年度报告中的统计表与正文是否一致。文件只在本机浏览器中处理，不会上传。" }
            </p>
            <label
                class={classes!("drop", dragging.then_some("dragging"))}
                ondragover={on_drag_over}
                ondragleave={on_drag_leave}
                ondrop={on_drop}
            >
                <span>{ "把报告文件拖到这里，或选择文件（.txt .docx .html .pdf .xlsx）" }</span>
                <input type="file" multiple=true onchange={on_change} />
            </label>
            <ul class="files">
                { for files.0.iter().map(view_entry) }
            </ul>
        </main>
    }
}

fn view_entry(entry: &Entry) -> Html {
    let status = match &entry.state {
        State::Reading => html! { <span class="status">{ "检查中…" }</span> },
        State::Checked {
            errors,
            warnings,
            infos,
        } => html! {
            <span class="status summary">
                { format!("错误 {errors} · 警告 {warnings} · 提示 {infos}") }
            </span>
        },
        State::Failed(message) => html! { <span class="status failed">{ message.clone() }</span> },
    };
    html! {
        <li class="file">
            <span class="name">{ entry.name.clone() }</span>
            <span class="size">{ format_size(entry.size) }</span>
            { status }
        </li>
    }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(File::from)
        .collect()
}

/// A size for people: bytes below 1 KiB, then KB and MB with one decimal.
pub fn format_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}
