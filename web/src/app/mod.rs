//! The web page: give it files (drop, picker, paste), read the report it
//! makes of each, export the results. Nothing leaves the browser.

pub mod batch;
pub mod chart_data;
pub mod charts;
pub mod check;
pub mod compare;
pub mod document;
pub mod dom;
pub mod export;
pub mod findings;
pub mod highlight;
pub mod i18n;
pub mod input;
pub mod report;
pub mod state;
pub mod tables;
pub mod toolbar;

use check::{check_file, next_id, now_ms};
use i18n::texts;
use nianbao_core::decimal::Num;
use state::{Action, State};
use std::rc::Rc;
use yew::prelude::*;

/// Where the bytes of a file come from.
pub enum Source {
    File(web_sys::File),
    Text(String),
}

/// Check files one at a time, letting the page breathe between them.
pub fn run_batch(dispatch: UseReducerDispatcher<State>, sources: Vec<(String, Source)>) {
    if sources.is_empty() {
        return;
    }
    let given = now_ms();
    let files: Vec<(usize, String, Source)> = sources
        .into_iter()
        .map(|(name, src)| (next_id(), name, src))
        .collect();
    dispatch.dispatch(Action::Queue {
        files: files.iter().map(|(id, n, _)| (*id, n.clone())).collect(),
        now_ms: given,
    });
    wasm_bindgen_futures::spawn_local(async move {
        for (id, name, src) in files {
            yield_now().await;
            let bytes = match src {
                Source::Text(t) => t.into_bytes(),
                Source::File(f) => {
                    let blob = gloo::file::Blob::from(f);
                    gloo::file::futures::read_as_bytes(&blob)
                        .await
                        .unwrap_or_default()
                }
            };
            let mut outcome = check_file(&name, &bytes);
            outcome.total_ms = (now_ms() - given).max(0.0);
            outcome.given_ms = given;
            log_timing(&name, &outcome);
            dispatch.dispatch(Action::Done {
                id,
                outcome: Rc::new(outcome),
            });
        }
        yield_now().await;
        dispatch.dispatch(Action::Finished { now_ms: now_ms() });
    });
}

fn log_timing(name: &str, o: &check::Outcome) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::log_1(
        &format!(
            "nianbao: {name}: check {:.1} ms, {:.1} ms since the file was given",
            Num(o.check_ms),
            Num(o.total_ms)
        )
        .into(),
    );
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, o);
}

/// Give the event loop a turn (a zero timeout), so that the page repaints and
/// stays responsive between files.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<(String, Source)> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| (f.name(), Source::File(f)))
        .collect()
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let dragging = use_state(|| false);
    let lang = state.lang;
    let t = texts(lang);

    {
        use_effect_with(lang, move |lang| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Some(root) = doc.document_element() {
                    let _ = root.set_attribute("lang", lang.code());
                }
                doc.set_title(texts(*lang).app_title);
            }
        });
    }

    let on_sources = {
        let dispatch = state.dispatcher();
        Callback::from(move |sources: Vec<(String, Source)>| run_batch(dispatch.clone(), sources))
    };

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Only when the pointer leaves the window.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_sources = on_sources.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            on_sources.emit(files_of(e.data_transfer().and_then(|d| d.files())));
        })
    };

    let on_lang = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::SetLang(lang.other())))
    };
    let on_clear = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Clear))
    };

    let progress = state.progress.as_ref().map(|p| {
        html! {
            <div class="progress" role="status" aria-live="polite">
                <progress max={p.total.to_string()} value={p.done.to_string()}></progress>
                <span>{ i18n::progress(lang, p.done, p.total) }</span>
            </div>
        }
    });

    let selected = state.selected_entry().cloned();
    let show_batch = state.entries.len() > 1;

    html! {
        <div class={classes!("page", dragging.then_some("dragging"))}
            {ondragover} {ondragleave} {ondrop}
            data-batch-ms={state.last_batch_ms.map(|m| format!("{:.1}", Num(m)))}>
            <a class="skip" href="#findings">{ t.skip_to_findings }</a>
            <header class="top">
                <div class="brand">
                    <h1>{ t.app_title }</h1>
                    <p class="intro">{ t.app_intro }</p>
                    <p class="privacy">{ t.privacy }</p>
                </div>
                <button type="button" class="lang" onclick={on_lang}
                    aria-label={t.switch_lang_label} lang={lang.other().code()}>
                    { t.switch_lang }
                </button>
            </header>
            <main>
                <input::InputPanel {lang} on_sources={on_sources.clone()} compact={!state.entries.is_empty()} />
                { for progress }
                if !state.entries.is_empty() {
                    <toolbar::Toolbar {lang} entries={state.entries.clone()}
                        cross={state.cross.clone()} {on_clear} />
                }
                if show_batch {
                    <batch::BatchTable {lang}
                        entries={state.sorted().into_iter().cloned().collect::<Vec<_>>()}
                        sort={state.sort} ascending={state.ascending}
                        selected={state.selected}
                        cross={state.cross.clone()}
                        on_sort={{
                            let d = state.dispatcher();
                            Callback::from(move |k| d.dispatch(Action::Sort(k)))
                        }}
                        on_select={{
                            let d = state.dispatcher();
                            Callback::from(move |id| d.dispatch(Action::Select(Some(id))))
                        }} />
                }
                if let Some(entry) = selected {
                    <report::ReportView {lang}
                        entry={entry.clone()}
                        previous={state.previous_year_of(entry.id).cloned()}
                        cross={state.cross_of(entry.id).into_iter().cloned().collect::<Vec<_>>()}
                        names={state.entries.iter().map(|e| (e.id, e.name.clone())).collect::<Vec<_>>()}
                        filter={state.filter.clone()}
                        on_filter={{
                            let d = state.dispatcher();
                            Callback::from(move |a| d.dispatch(a))
                        }}
                        on_back={show_batch.then(|| {
                            let d = state.dispatcher();
                            Callback::from(move |_| d.dispatch(Action::Select(None)))
                        })} />
                }
            </main>
            <div class="drop-overlay" aria-hidden="true"><p>{ t.drop_here }</p></div>
        </div>
    }
}
