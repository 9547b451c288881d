//! The layout of the checker, the same on the page and in the widget: the
//! header with the title and the language switch, the input, the progress,
//! the toolbar, the list of files, the report of the file chosen, and the
//! overlay shown while files are dragged over it. The page ([`super::App`])
//! and the widget (`crate::embed`) differ only in what they hand it.

use super::i18n::{self, texts};
use super::state::{Action, State};
use super::{batch, input, report, toolbar, Source};
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
        <div class={classes!(
                "page",
                widget.then_some("widget"),
                compact.then_some("compact"),
                props.dragging.then_some("dragging"),
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
            <main>
                <input::InputPanel {lang} on_sources={props.on_sources.clone()}
                    compact={compact || !state.entries.is_empty()} />
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
