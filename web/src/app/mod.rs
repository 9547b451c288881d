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
pub mod runner;
pub mod state;
pub mod tables;
pub mod toolbar;

use gloo::events::{EventListener, EventListenerOptions};
use i18n::texts;
use nianbao_core::decimal::Num;
pub use runner::run_batch;
use state::{Action, State};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the bytes of a file come from.
pub enum Source {
    File(web_sys::File),
    Text(String),
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<(String, Source)> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| (f.name(), Source::File(f)))
        .collect()
}

/// Files dragged over the window and dropped anywhere in it, margins
/// included: listeners on the document, dropped (removed) with the page. Only
/// the page installs them; the widget takes drops on its own box.
fn drop_listeners(
    page: NodeRef,
    dragging: UseStateSetter<bool>,
    dispatch: UseReducerDispatcher<State>,
) -> Vec<EventListener> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let on = Rc::new(move |e: &Event| {
        // A page replaced after a trap leaves drops to the fresh one.
        let here = page.get().is_some_and(|p| p.is_connected());
        let Some(e) = e.dyn_ref::<DragEvent>().filter(|_| here) else {
            return;
        };
        let Some(data) = e.data_transfer() else {
            return;
        };
        // Text dragged within the page (into the paste box) is left alone.
        if !data.types().includes(&"Files".into(), 0) {
            return;
        }
        match e.type_().as_str() {
            // Only when the pointer leaves the window.
            "dragleave" => {
                if e.related_target().is_none() {
                    dragging.set(false);
                }
            }
            "drop" => {
                e.prevent_default();
                dragging.set(false);
                run_batch(dispatch.clone(), files_of(data.files()));
            }
            _ => {
                e.prevent_default();
                dragging.set(true);
            }
        }
    });
    ["dragenter", "dragover", "dragleave", "drop"]
        .into_iter()
        .map(|name| {
            let on = on.clone();
            let opts = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&doc, name, opts, move |e| on(e))
        })
        .collect()
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let dragging = use_state_eq(|| false);
    let page = use_node_ref();
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

    {
        let args = (page.clone(), dragging.setter(), state.dispatcher());
        use_effect_with((), move |_| {
            let listeners = drop_listeners(args.0, args.1, args.2);
            move || drop(listeners)
        });
    }

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
        <div class={classes!("page", dragging.then_some("dragging"))} ref={page}
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
                        checking={state.progress.is_some()}
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
