//! The layout of the checker, the same on the page and in the widget: the
//! header with the title and the language switch, the input, the progress,
//! the toolbar, the list of files, the report of the file chosen (or its
//! comparison with another), and the overlay shown while files are dragged
//! over it. The page ([`super::App`]) and the widget (`crate::embed`) differ
//! only in what they hand it (the page also keeps the view in its address).

use super::i18n::{self, texts};
use super::state::{Action, State, View};
use super::{batch, compare, dom, input, report, toolbar, Source};
use nianbao_core::decimal::Num;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub state: UseReducerHandle<State>,
    /// Files given through the input (picked, pasted or dropped on it).
    pub on_sources: Callback<Vec<(String, Source)>>,
    /// Files are being dragged over the checker.
    pub dragging: bool,
    /// The widget inside another page (class `widget`, its own `lang`, no
    /// link to skip to the findings).
    #[prop_or_default]
    pub widget: bool,
    /// The widget's compact layout (no introduction, a compact input).
    #[prop_or_default]
    pub compact: bool,
    /// The widget keeps the reviewer's workspace (its attribute `workspace`):
    /// the workspace bar and the decisions, as on the page.
    #[prop_or_default]
    pub workspace: bool,
    /// The outer element, for the page's window-wide drop handling.
    #[prop_or_default]
    pub node: NodeRef,
    /// Drags over the checker's own box (the widget's; the page listens on
    /// the whole window instead).
    #[prop_or_default]
    pub ondragover: Option<Callback<DragEvent>>,
    #[prop_or_default]
    pub ondragleave: Option<Callback<DragEvent>>,
    #[prop_or_default]
    pub ondrop: Option<Callback<DragEvent>>,
}

#[function_component(Shell)]
pub fn shell(props: &ShellProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let t = texts(lang);
    let (widget, compact) = (props.widget, props.compact);
    // The page always keeps a workspace; the widget when its element asks.
    let keeps = !widget || props.workspace;
    let view = state.view();
    let go = |v: View| {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Go(v)))
    };

    // Keep the reader's place: a report (or comparison) opened is scrolled
    // to and its heading takes the focus once it is there; back on the list,
    // its scroll and the row last opened come back.
    let inner = use_node_ref();
    {
        let ready = state.selected_entry().is_some_and(|e| e.outcome.is_some());
        // The view and readiness last seen; the list's scroll and the row
        // opened from it.
        let place = use_mut_ref(|| ((View::List, false), None::<(f64, usize)>));
        let inner = inner.clone();
        use_effect_with((view, ready), move |&now| {
            let mut place = place.borrow_mut();
            let (before, _) = std::mem::replace(&mut place.0, now);
            if before == now.0 && !now.1 {
                return;
            }
            match now.0 {
                View::List => {
                    if let Some((y, id)) = place.1.take() {
                        dom::scroll_to(y);
                        dom::focus_in(&inner, &format!("tr[data-id=\"{id}\"] button.link"), false);
                    }
                }
                View::Report(id) => {
                    if before == View::List {
                        place.1 = Some((dom::scroll_y(), id));
                    }
                    dom::focus_in(&inner, "#report-title", true);
                }
                View::Compare(..) => dom::focus_in(&inner, "#compare-title", true),
                View::Matrix => dom::focus_in(&inner, "#matrix-title", true),
            }
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
    let on_sample = {
        let on_sources = props.on_sources.clone();
        Callback::from(move |_| {
            let on_sources = on_sources.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(sample) = super::module::call("sampleReport", &[]).await {
                    let text = sample
                        .as_string()
                        .unwrap_or_else(|| super::module::text(&sample, "text"));
                    let name = lang.pick("示例报告.txt", "sample-report.txt").to_string();
                    if !text.is_empty() {
                        on_sources.emit(vec![(name, Source::Text(text))]);
                    }
                }
            });
        })
    };

    let progress = state.progress.as_ref().map(|p| {
        html! {
            <div class="progress" role="status" aria-live="polite">
                <progress max={p.total.to_string()} value={p.done.to_string()}></progress>
                <span>{ i18n::progress(lang, p.done, p.total) }</span>
            </div>
        }
    });
    // Before the progress bar: the folder being read.
    let gathering = state
        .gathering
        .filter(|_| state.progress.is_none())
        .map(|n| {
            html! {
                <div class="gathering" role="status" aria-live="polite" data-count={n.to_string()}>
                    <span>{ lang.pick(
                        &format!("正在读取文件夹：{n} 个文件"),
                        &format!("Reading the folder: {n} file{}", if n == 1 { "" } else { "s" }),
                    ) }</span>
                </div>
            }
        });
    let selected = state.selected_entry().cloned();
    // Several files, or one with its report closed (Back from it).
    let show_batch = state.entries.len() > 1 || (view == View::List && !state.entries.is_empty());
    let shown = match (view, &selected) {
        (View::Compare(a, b), Some(entry)) => {
            let other = state.entry(b).cloned();
            match (
                entry.outcome.clone(),
                other.and_then(|o| Some((o.outcome.clone()?, o.name))),
            ) {
                (Some(current), Some((previous, previous_name))) => html! {
                    <compare::Compare {lang} {current} current_name={entry.name.clone()}
                        {previous} {previous_name} on_back={go(View::Report(a))} />
                },
                _ => html! {},
            }
        }
        (_, Some(entry)) => {
            let on_compare = {
                let d = state.dispatcher();
                let previous = state.previous_year_of(entry.id).map(|p| p.id);
                let id = entry.id;
                Callback::from(move |other: usize| {
                    d.dispatch(if previous == Some(other) {
                        Action::Go(View::Compare(id, other))
                    } else {
                        Action::Pair(id, other)
                    })
                })
            };
            html! { <>
                <report::ReportView {lang}
                    entry={entry.clone()}
                    previous={state.previous_year_of(entry.id).cloned()}
                    others={state.entries.iter().filter(|e| e.id != entry.id && e.checked().is_some())
                        .map(|e| (e.id, e.name.clone())).collect::<Vec<_>>()}
                    {on_compare}
                    cross={state.cross_of(entry.id).into_iter().cloned().collect::<Vec<_>>()}
                    names={state.entries.iter().map(|e| (e.id, e.name.clone())).collect::<Vec<_>>()}
                    filter={state.filter.clone()}
                    on_filter={{
                        let d = state.dispatcher();
                        Callback::from(move |a| d.dispatch(a))
                    }}
                    on_back={show_batch.then(|| go(View::List))} />
                if keeps {
                    <super::decisions::Decisions key={entry.id} {lang} entry={entry.clone()}
                        cross={state.cross_of(entry.id).into_iter().cloned().collect::<Vec<_>>()}
                        prints={state.ws.prints(entry.id)}
                        decisions={state.ws.decisions.clone()}
                        workspace={(state.ws.storage == super::workspace::Storage::Ready).then_some(state.ws.current).flatten()}
                        dispatch={state.dispatcher()} />
                }
            </> }
        }
        _ if view == View::Matrix => html! { <super::matrix::MatrixView state={state.clone()} /> },
        _ => html! {},
    };

    html! {
        <div class={classes!(
                "page",
                widget.then_some("widget"),
                compact.then_some("compact"),
                props.dragging.then_some("dragging"),
                selected.is_some().then_some("has-report"),
            )}
            ref={props.node.clone()}
            lang={widget.then(|| lang.code())}
            ondragover={props.ondragover.clone()}
            ondragleave={props.ondragleave.clone()}
            ondrop={props.ondrop.clone()}
            data-batch-ms={state.last_batch_ms.map(|m| format!("{:.1}", Num(m)))}>
            if !widget {
                <a class="skip" href="#findings">{ t.skip_to_findings }</a>
            }
            <header class="top">
                <div class="brand">
                    <h1>{ t.app_title }</h1>
                    if !compact {
                        <p class="intro">{ t.app_intro }</p>
                    }
                    <p class="privacy">{ t.privacy }</p>
                </div>
                <button type="button" class="lang" onclick={on_lang}
                    aria-label={t.switch_lang_label} lang={lang.other().code()}>
                    { t.switch_lang }
                </button>
            </header>
            <main ref={inner}>
                <input::InputPanel {lang} on_sources={props.on_sources.clone()}
                    compact={compact || !state.entries.is_empty()} />
                <super::runner::Crosser state={state.clone()} />
                if keeps {
                    <super::workspace::Keeper state={state.clone()} />
                    <super::workspace::WorkspaceBar state={state.clone()} />
                }
                if state.entries.is_empty() && super::module::available() {
                    <p class="sample"><button type="button" class="button" id="try-sample" onclick={on_sample}>{ t.sample }</button></p>
                }
                { for gathering }
                { for progress }
                if !state.skipped.is_empty() {
                    { input::skipped_list(lang, &state.skipped) }
                }
                <p class="sr-only" role="status" aria-live="polite" id="announce">{ &state.announce }</p>
                if !state.entries.is_empty() {
                    <toolbar::Toolbar {lang} entries={state.entries.clone()}
                        cross={state.cross.clone()} {on_clear} {selected} />
                }
                if show_batch && view != View::Matrix {
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
                        }}
                        on_remove={{
                            let d = state.dispatcher();
                            Callback::from(move |id| d.dispatch(Action::Remove(id)))
                        }} />
                }
                { shown }
            </main>
            <div class="drop-overlay" aria-hidden="true"><p>{ t.drop_here }</p></div>
        </div>
    }
}
