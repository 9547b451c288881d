//! The web page: give it files (drop, picker, paste), read the report it
//! makes of each, export the results. Nothing leaves the browser.

pub mod batch;
pub mod chart_data;
pub mod charts;
pub mod check;
pub mod compare;
pub mod decisions;
pub mod document;
pub mod dom;
pub mod export;
pub mod findings;
pub mod guide;
pub mod highlight;
pub mod i18n;
pub mod input;
pub mod matrix;
pub mod module;
pub mod overview;
pub mod place;
pub mod report;
pub mod runner;
pub mod shell;
pub mod state;
pub mod tables;
pub mod toolbar;
pub mod workspace;

use gloo::events::{EventListener, EventListenerOptions};
use i18n::texts;
pub use runner::run_batch;
use state::{Action, State, View};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the bytes of a file come from.
#[derive(Clone, Debug)]
pub enum Source {
    File(web_sys::File),
    Text(String),
    /// A file taken out of an archive by the checker.
    Bytes(js_sys::Uint8Array),
    /// A file refused before it could be checked (an archive too large or
    /// hostile, a damaged entry): the checker's answer, in the wire form.
    Answer(Vec<u8>),
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
                let dropped = input::dropped(&data);
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    run_batch(dispatch, dropped.files().await);
                });
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
    let state = use_reducer(|| State {
        lang: dom::initial_lang(),
        ..State::default()
    });
    let dragging = use_state_eq(|| false);
    let page = use_node_ref();
    let lang = state.lang;

    {
        let first = use_mut_ref(|| true);
        use_effect_with(lang, move |lang| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Some(root) = doc.document_element() {
                    let _ = root.set_attribute("lang", lang.code());
                }
                doc.set_title(texts(*lang).app_title);
            }
            // A language chosen (not the one found at start) is kept.
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                dom::remember_lang(*lang);
            }
        });
    }

    // The view is in the page's address, so that Back and Forward move
    // between the list, a report and a comparison. A view the address names
    // is shown (unknown files: the list); a view shown is written into the
    // address, as a new entry of the history unless the entry it replaces
    // shows what is gone (a file replaced or removed) or came from the
    // history itself.
    let from_history = use_mut_ref(|| true);
    {
        let dispatch = state.dispatcher();
        let from_history = from_history.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "popstate", move |_| {
                    if let Some(v) = View::from_hash(&dom::address_hash()) {
                        *from_history.borrow_mut() = true;
                        dispatch.dispatch(Action::Go(v));
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        let view = state.view();
        let ids: Vec<usize> = state.entries.iter().map(|e| e.id).collect();
        let last = use_mut_ref(|| View::List);
        use_effect_with((view, ids), move |(view, ids)| {
            let before = std::mem::replace(&mut *last.borrow_mut(), *view);
            let gone = match before {
                View::List | View::Matrix => false,
                View::Report(a) => !ids.contains(&a),
                View::Compare(a, b) => !ids.contains(&a) || !ids.contains(&b),
            };
            let hash = view.hash();
            let replace = std::mem::replace(&mut *from_history.borrow_mut(), false) || gone;
            let now = dom::address_hash();
            // On the list, an address of another kind (`#findings`) is left.
            if now != hash && !(hash.is_empty() && View::from_hash(&now).is_none()) {
                dom::set_address(&hash, replace);
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

    html! {
        <shell::Shell state={state.clone()} {on_sources} dragging={*dragging} node={page} />
    }
}
