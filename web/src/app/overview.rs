//! The workspace's overview on the matrix view: the rules across the
//! workspace, the files not read, the agencies ranked and filtered with their
//! key figures beside the workspace's medians, search by agency and by text,
//! the grouping corrected by hand, and the charts of the whole workspace.
//!
//! The workspace part draws all of it (`crate::ws_views`, through
//! [`part`]): the app only holds what the reviewer chose (sort, filter,
//! year, query) and acts on the `data-*` attributes of what was drawn, so
//! that none of it weighs on the page's first download. What the part draws
//! is escaped there (names and texts of reports are shown as text).

use super::i18n::{texts, Lang};
use super::state::{Action, State, View};
use super::workspace::{part, Decision};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// What the reviewer chose to see.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    pub sort: String,
    pub desc: Option<bool>,
    pub rule: String,
    pub only: String,
    pub year: String,
    /// Every line of the ranking drawn (a long one draws its first lines
    /// until asked for the rest).
    pub all: bool,
}

thread_local! {
    /// Entries whose text the workspace part has indexed.
    static INDEXED: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
}

fn set(o: &JsValue, k: &str, v: JsValue) {
    let _ = js_sys::Reflect::set(o, &k.into(), &v);
}

fn get(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap_or_default()
}

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// The entries of the workspace as the JSON text of an array.
pub fn entries_json(state: &State) -> String {
    let mut out = String::from("[");
    for (i, r) in state.ws.records.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&r.2);
    }
    out.push(']');
    out
}

fn options_json(lang: Lang, regrouping: &str, c: &Choice) -> String {
    let o = js_sys::Object::new();
    set(
        &o,
        "lang",
        if lang == Lang::En { "en" } else { "zh" }.into(),
    );
    set(
        &o,
        "regrouping",
        js_sys::JSON::parse(regrouping).unwrap_or_else(|_| js_sys::Object::new().into()),
    );
    set(&o, "sort", c.sort.as_str().into());
    if let Some(d) = c.desc {
        set(&o, "desc", d.into());
    }
    set(&o, "rule", c.rule.as_str().into());
    set(&o, "only", c.only.as_str().into());
    if let Ok(y) = c.year.parse::<i32>() {
        set(&o, "year", y.into());
    }
    if !c.all {
        set(&o, "limit", (super::batch::FIRST_ROWS as f64).into());
    }
    json(&o)
}

/// The element acted on (the nearest with one of the page's `data-*`).
fn acted(e: &Event, selector: &str) -> Option<web_sys::Element> {
    e.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub state: UseReducerHandle<State>,
    /// The reviewer's grouping (JSON text of the core's `Regrouping`).
    pub regrouping: Rc<str>,
    /// A new grouping, to keep.
    pub on_regroup: Callback<String>,
    /// What goes between the ranking and the charts (the matrix).
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Overview)]
pub fn overview(p: &OverviewProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    let t = texts(lang);
    let choice = use_state(Choice::default);
    let drawn = use_state(|| None::<(AttrValue, AttrValue)>);
    let query = use_state(String::new);
    let found = use_state(|| AttrValue::from(""));
    {
        let drawn = drawn.clone();
        let entries = entries_json(state);
        let decisions = Decision::list_json(state.ws.decisions.iter());
        let options = options_json(lang, &p.regrouping, &choice);
        use_effect_with((state.ws.version, options.clone()), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(out) = part(
                    "wsOverview",
                    &[entries.into(), decisions.into(), options.into()],
                )
                .await
                else {
                    return;
                };
                let v =
                    js_sys::JSON::parse(&out.as_string().unwrap_or_default()).unwrap_or_default();
                let text = |k| AttrValue::from(get(&v, k).as_string().unwrap_or_default());
                drawn.set(Some((text("top"), text("charts"))));
            });
        });
    }

    // Search: the texts indexed once, then asked.
    let run_search = {
        let state = state.clone();
        let found = found.clone();
        let regrouping = p.regrouping.clone();
        let choice = (*choice).clone();
        move |q: String| {
            let state = state.clone();
            let found = found.clone();
            let options = options_json(state.lang, &regrouping, &choice);
            wasm_bindgen_futures::spawn_local(async move {
                for (id, _, _) in state.ws.records.iter() {
                    if INDEXED.with(|i| i.borrow().contains(id)) {
                        continue;
                    }
                    let Some(c) = state.entry(*id).and_then(|e| e.checked()) else {
                        continue;
                    };
                    let text = JsValue::from_str(&c.document.text);
                    if part("wsIndex", &[(*id as f64).into(), text]).await.is_ok() {
                        INDEXED.with(|i| i.borrow_mut().insert(*id));
                    }
                }
                let decisions = Decision::list_json(state.ws.decisions.iter());
                if let Ok(html) = part(
                    "wsSearch",
                    &[
                        entries_json(&state).into(),
                        decisions.into(),
                        q.into(),
                        options.into(),
                    ],
                )
                .await
                {
                    found.set(html.as_string().unwrap_or_default().into());
                }
            });
        }
    };
    let on_submit = {
        let query = query.clone();
        let run_search = run_search.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run_search((*query).clone());
        })
    };
    let on_input = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                query.set(i.value());
            }
        })
    };

    // What the part drew is acted on through its data-* attributes.
    let regroup = {
        let state = state.clone();
        let regrouping = p.regrouping.clone();
        let on_regroup = p.on_regroup.clone();
        move |op: &str, a: String, b: String| {
            let (state, regrouping, on_regroup) =
                (state.clone(), regrouping.clone(), on_regroup.clone());
            let op = op.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                let decisions = Decision::list_json(state.ws.decisions.iter());
                if let Ok(r) = part(
                    "wsRegroup",
                    &[
                        entries_json(&state).into(),
                        decisions.into(),
                        (*regrouping).into(),
                        op.into(),
                        a.into(),
                        b.into(),
                    ],
                )
                .await
                {
                    on_regroup.emit(r.as_string().unwrap_or_else(|| "{}".into()));
                }
            });
        }
    };
    let on_click = {
        let dispatch = state.dispatcher();
        let choice = choice.clone();
        let regroup = regroup.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = acted(
                &e,
                "[data-open],[data-sort],[data-rank-rule],[data-split],[data-reset],[data-rank-all]",
            ) else {
                return;
            };
            let attr = |k: &str| el.get_attribute(k);
            if let Some(id) = attr("data-open").and_then(|v| v.parse::<usize>().ok()) {
                dispatch.dispatch(Action::Go(View::Report(id)));
            } else if let Some(sort) = attr("data-sort") {
                let mut c = (*choice).clone();
                c.desc = if c.sort == sort || (c.sort.is_empty() && sort == "errors") {
                    Some(!c.desc.unwrap_or(sort != "name"))
                } else {
                    None
                };
                c.sort = sort;
                choice.set(c);
            } else if let Some(rule) = attr("data-rank-rule") {
                choice.set(Choice {
                    sort: "rule".into(),
                    desc: None,
                    rule,
                    ..(*choice).clone()
                });
            } else if let Some(name) = attr("data-split") {
                regroup("split", name, String::new());
            } else if let Some(key) = attr("data-reset") {
                regroup("reset", key, String::new());
            } else if attr("data-rank-all").is_some() {
                choice.set(Choice {
                    all: true,
                    ..(*choice).clone()
                });
            }
        })
    };
    let on_change = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                return;
            };
            let v = sel.value();
            if let Some(key) = sel.get_attribute("data-merge") {
                if !v.is_empty() {
                    regroup("merge", key, v);
                }
                return;
            }
            let mut c = (*choice).clone();
            match sel.get_attribute("data-opt").as_deref() {
                Some("year") => c.year = v,
                Some("only") => c.only = v,
                Some("rule") => {
                    c.rule = v;
                    if c.rule.is_empty() && c.sort == "rule" {
                        c.sort.clear();
                    }
                }
                _ => return,
            }
            choice.set(c);
        })
    };
    // A row's merge menu is given the other agencies when it is opened.
    let on_focus = Callback::from(|e: FocusEvent| fill_merge_menu(e.target()));
    let on_press = Callback::from(|e: PointerEvent| fill_merge_menu(e.target()));
    let (top, charts) = match drawn.as_ref() {
        Some((a, b)) => (
            Html::from_html_unchecked(a.clone()),
            Html::from_html_unchecked(b.clone()),
        ),
        None => (html! { <p class="muted">{ t.ws_computing }</p> }, html! {}),
    };
    html! {
        <>
            <form class="ws-search" role="search" onsubmit={on_submit}>
                <label for="ws-search-input">{ t.ws_search }</label>{ " " }
                <input type="search" id="ws-search-input" value={(*query).clone()} oninput={on_input}
                    placeholder={t.ws_search_hint} />{ " " }
                <button type="submit" class="button">{ t.ws_search_go }</button>
            </form>
            <div class="search-results" id="search-results" onclick={on_click.clone()}>
                { Html::from_html_unchecked((*found).clone()) }
            </div>
            <div class="overview" id="overview" onclick={on_click.clone()} onchange={on_change.clone()}
                onfocusin={on_focus} onpointerdown={on_press}>{ top }</div>
            { p.children.clone() }
            <div class="overview-charts" id="overview-charts" onclick={on_click}>{ charts }</div>
        </>
    }
}

/// Put the other agencies into a row's merge menu (`select[data-merge]`),
/// once, from the one list the overview holds (`#ov-merge-options`).
fn fill_merge_menu(target: Option<web_sys::EventTarget>) {
    let Some(menu) = target.and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else {
        return;
    };
    let Some(own) = menu.get_attribute("data-merge") else {
        return;
    };
    if menu.length() > 1 {
        return;
    }
    // Found from the menu (the widget's overview is inside a shadow root).
    let Some(all) = menu
        .closest("#overview")
        .ok()
        .flatten()
        .and_then(|o| o.query_selector("#ov-merge-options").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    else {
        return;
    };
    for i in 0..all.length() {
        let Some(o) = all.item(i) else { continue };
        if o.get_attribute("value").as_deref() == Some(own.as_str()) {
            continue;
        }
        if let Ok(copy) = o.clone_node_with_deep(true) {
            let _ = menu.append_child(&copy);
        }
    }
}
