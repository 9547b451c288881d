//! The checker as a widget inside another page: the custom element
//! `<nianbao-check>` (defined by the loader `www/embed.js`) mounts it into its
//! shadow root through [`mount_widget`].
//!
//! The widget is the app's own components (input, batch table, report,
//! exports) arranged for a box inside a page: it leaves the host page's title
//! and `lang` alone, takes its language and size from the element's
//! attributes, tells the host page about every result through DOM events, and
//! accepts reports handed to it from script.

use crate::app::i18n::Lang;
use crate::app::runner::run_batch_as;
use crate::app::shell::Shell;
use crate::app::state::{Action, State};
use crate::app::Source;
use nianbao_core::export::Export;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The event fired on the element for every file checked; `detail` is the
/// result object of docs/export.md.
pub const RESULT_EVENT: &str = "nianbao-result";
/// The event fired once several files given together are all checked;
/// `detail` is `{reports, cross}` with the cross-report findings.
pub const BATCH_EVENT: &str = "nianbao-batch";

/// What the host page's script asks of a mounted widget, kept until the widget
/// has rendered once.
#[derive(Default)]
struct Bridge {
    dispatch: RefCell<Option<UseReducerDispatcher<State>>>,
    pending: RefCell<Vec<(String, Source)>>,
    lang: RefCell<Option<Lang>>,
    compact: RefCell<Option<UseStateSetter<bool>>>,
    /// The widget keeps a workspace (its attribute `workspace`).
    keep: bool,
}

impl Bridge {
    fn give(&self, sources: Vec<(String, Source)>) {
        match self.dispatch.borrow().as_ref() {
            Some(d) => run_batch_as(d.clone(), sources, self.keep),
            None => self.pending.borrow_mut().extend(sources),
        }
    }

    fn set_lang(&self, lang: Lang) {
        match self.dispatch.borrow().as_ref() {
            Some(d) => d.dispatch(Action::SetLang(lang)),
            None => *self.lang.borrow_mut() = Some(lang),
        }
    }
}

/// A widget mounted into a shadow root, for the element's script.
#[wasm_bindgen]
pub struct Widget {
    bridge: Rc<Bridge>,
    app: Option<yew::AppHandle<WidgetView>>,
}

#[wasm_bindgen]
impl Widget {
    /// Check text handed over by the host page, as if the person had given it.
    #[wasm_bindgen(js_name = checkText)]
    pub fn check_text(&self, text: String, name: String) {
        self.bridge.give(vec![(name, Source::Text(text))]);
    }

    /// Check the bytes of a file handed over by the host page.
    #[wasm_bindgen(js_name = checkBytes)]
    pub fn check_bytes(&self, bytes: &js_sys::Uint8Array, name: String) -> Result<(), JsError> {
        let parts = js_sys::Array::of1(bytes);
        let file = web_sys::File::new_with_u8_array_sequence(&parts, &name)
            .map_err(|_| JsError::new("cannot make a file of these bytes"))?;
        self.bridge.give(vec![(name, Source::File(file))]);
        Ok(())
    }

    /// Switch the interface language (`zh-CN` or `en`).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: &str) {
        self.bridge.set_lang(lang_of(lang));
    }

    /// Switch the compact layout on or off.
    #[wasm_bindgen(js_name = setCompact)]
    pub fn set_compact(&self, compact: bool) {
        if let Some(set) = self.bridge.compact.borrow().as_ref() {
            set.set(compact);
        }
    }

    /// Take the widget off the page.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mount the widget into `root` (an element inside the shadow root of
/// `host`); events are fired on `host`. `lang` is `zh-CN` or `en`. With
/// `workspace` (the element's attribute of that name) the widget keeps the
/// reviewer's workspace in the portal's storage as the hosted page does
/// (the loader then offers `globalThis.nianbaoStore` and
/// `globalThis.nianbaoWorkspace`); `build` names the checker's build, which
/// a kept result is tied to.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    root: web_sys::Element,
    host: web_sys::HtmlElement,
    lang: &str,
    compact: bool,
    workspace: bool,
    build: &str,
) -> Widget {
    if workspace {
        crate::app::workspace::set_build(build);
    }
    let bridge = Rc::new(Bridge {
        keep: workspace,
        ..Bridge::default()
    });
    let props = WidgetProps {
        host,
        bridge: BridgeRef(bridge.clone()),
        lang: lang_of(lang),
        compact,
        workspace,
    };
    let app = yew::Renderer::<WidgetView>::with_root_and_props(root, props).render();
    Widget {
        bridge,
        app: Some(app),
    }
}

fn lang_of(code: &str) -> Lang {
    if code.trim().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// The bridge, compared by identity.
#[derive(Clone)]
struct BridgeRef(Rc<Bridge>);

impl PartialEq for BridgeRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    host: web_sys::HtmlElement,
    bridge: BridgeRef,
    lang: Lang,
    compact: bool,
    workspace: bool,
}

/// Fire `name` on the host element with `detail`; it bubbles and crosses
/// shadow boundaries.
fn fire(host: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

#[function_component(WidgetView)]
pub fn widget_view(props: &WidgetProps) -> Html {
    let state = use_reducer(|| State {
        lang: props.lang,
        ..State::default()
    });
    let dragging = use_state(|| false);
    let compact_state = use_state(|| props.compact);

    // Connect the bridge once, and run what the host page asked for before.
    {
        let bridge = props.bridge.0.clone();
        let dispatch = state.dispatcher();
        let set_compact = compact_state.setter();
        use_effect_with((), move |_| {
            *bridge.dispatch.borrow_mut() = Some(dispatch.clone());
            *bridge.compact.borrow_mut() = Some(set_compact);
            if let Some(lang) = bridge.lang.borrow_mut().take() {
                dispatch.dispatch(Action::SetLang(lang));
            }
            let pending: Vec<_> = bridge.pending.borrow_mut().drain(..).collect();
            run_batch_as(dispatch, pending, bridge.keep);
        });
    }

    // Tell the host page about every result, once.
    let told = use_mut_ref(HashSet::<usize>::new);
    let batch_told = use_mut_ref(|| false);
    {
        let host = props.host.clone();
        let entries = state.entries.clone();
        let finished = state.progress.is_none();
        // Files of a zip or a folder that were no reports (`skipped`).
        let skipped = state.skipped.clone();
        use_effect_with((entries, finished), move |(entries, finished)| {
            for e in entries.iter() {
                let Some(outcome) = &e.outcome else { continue };
                if !told.borrow_mut().insert(e.id) {
                    continue;
                }
                if let Some(detail) =
                    crate::json_to_js(&Export::of_result(&e.name, &outcome.result))
                {
                    fire(&host, RESULT_EVENT, &detail);
                }
            }
            // After the last file of several: the whole batch with its
            // cross-report findings.
            let done = entries.iter().all(|e| e.outcome.is_some());
            if *finished && done && entries.len() > 1 && !*batch_told.borrow() {
                *batch_told.borrow_mut() = true;
                let batch = nianbao_core::Batch::new(
                    entries
                        .iter()
                        .filter_map(|e| Some((e.name.as_str(), &e.outcome.as_ref()?.result))),
                )
                .with_skipped(&skipped);
                if let Some(detail) = crate::json_to_js(&batch.export()) {
                    fire(&host, BATCH_EVENT, &detail);
                }
            }
            if !*finished {
                *batch_told.borrow_mut() = false;
            }
            if entries.is_empty() {
                told.borrow_mut().clear();
            }
        });
    }

    let on_sources = {
        let dispatch = state.dispatcher();
        let keep = props.workspace;
        Callback::from(move |sources: Vec<(String, Source)>| {
            run_batch_as(dispatch.clone(), sources, keep)
        })
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
            // Only when the pointer leaves the widget.
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(
                    e.current_target()
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
                )
                .is_some_and(|(to, me)| me.contains(Some(&to)));
            if !inside {
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
            if let Some(data) = e.data_transfer() {
                let dropped = crate::app::input::dropped(&data);
                let on_sources = on_sources.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    on_sources.emit(dropped.files().await);
                });
            }
        })
    };
    html! {
        <Shell state={state.clone()} {on_sources} dragging={*dragging} widget=true
            workspace={props.workspace} compact={*compact_state} {ondragover} {ondragleave} {ondrop} />
    }
}
