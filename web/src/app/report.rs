//! One report: what was read, the findings, the charts, the tables.

use super::charts::Charts;
use super::compare::links;
use super::document::DocumentView;
use super::findings::{visible, Finding, FindingsPanel};
use super::highlight::cell_marks;
use super::i18n::{self, colon, texts, Lang};
use super::state::{Action, CrossItem, Entry, Filter};
use nianbao_core::decimal::Num;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub lang: Lang,
    pub entry: Entry,
    /// The report it is compared with (the year before, or paired by hand).
    pub previous: Option<Entry>,
    /// The other reports, that it can be paired with by hand: (id, name).
    #[prop_or_default]
    pub others: Vec<(usize, String)>,
    /// Open the comparison with a report (paired by hand when not `previous`).
    #[prop_or_default]
    pub on_compare: Option<Callback<usize>>,
    pub cross: Vec<CrossItem>,
    /// Names of all files by id (for cross-report findings).
    pub names: Vec<(usize, String)>,
    pub filter: Filter,
    pub on_filter: Callback<Action>,
    pub on_back: Option<Callback<MouseEvent>>,
}

#[function_component(ReportView)]
pub fn report_view(props: &ReportProps) -> Html {
    let lang = props.lang;
    let t = texts(lang);
    let entry = &props.entry;
    // Once the findings of a new result are on the page, note how long it took
    // from the file being given (`data-shown-ms` on the report).
    let node = use_node_ref();
    {
        let outcome = entry.outcome.clone();
        let node = node.clone();
        use_effect_with(outcome, move |outcome| {
            if let Some(o) = outcome {
                let shown = (super::check::now_ms() - o.given_ms).max(0.0);
                if let Some(el) = node.cast::<web_sys::Element>() {
                    let _ = el.set_attribute("data-shown-ms", &format!("{:.1}", Num(shown)));
                }
            }
        });
    }
    let back = props.on_back.clone().map(|cb| {
        html! { <button type="button" class="button quiet back" onclick={cb}>{ "← " }{ t.back_to_list }</button> }
    });
    let Some(outcome) = entry.outcome.clone() else {
        return html! {
            <article class="report pending" id="report" ref={node.clone()}>
                { for back }
                <h2>{ &entry.name }</h2>
                <p>{ t.checking }{ "…" }</p>
            </article>
        };
    };
    let timing = (
        format!("{:.1}", Num(outcome.check_ms)),
        format!("{:.1}", Num(outcome.total_ms)),
    );
    let checked = match &outcome.result {
        Err(err) => {
            return html! {
                <article class="report failed" id="report" ref={node.clone()} data-file={entry.name.clone()}>
                    { for back }
                    <h2 id="report-top">{ &entry.name }</h2>
                    <div class="read-error" role="alert">
                        <p class="sev-error"><span class="sev-icon" aria-hidden="true">{ "✖ " }</span>{ t.read_failed }</p>
                        <p>{ lang.pick(&err.message, &err.message_en) }</p>
                    </div>
                </article>
            };
        }
        Ok(c) => c,
    };
    let name_of = |id: usize| {
        props
            .names
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.clone())
    };
    let all: Vec<Finding> = checked
        .diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| Finding {
            diag: d.clone(),
            other: None,
            new: entry.change.as_ref().is_some_and(|c| c.new.contains(&i)),
        })
        .chain(props.cross.iter().map(|c| Finding {
            diag: c.diagnostic.clone(),
            other: name_of(c.other),
            new: false,
        }))
        .collect();
    let shown = Rc::new(visible(&all, &props.filter));
    let all = Rc::new(all);
    let cells = Rc::new(cell_marks(shown.iter().map(|f| &f.diag)));
    let r = &checked.report;
    let unknown = || t.unknown.to_string();
    let meta = [
        (
            t.meta_agency,
            r.agency
                .as_ref()
                .map(|a| a.value.clone())
                .unwrap_or_else(unknown),
        ),
        (
            t.meta_year,
            r.year
                .as_ref()
                .map(|y| y.value.to_string())
                .unwrap_or_else(unknown),
        ),
        (t.meta_format, i18n::format_name(lang, r.format).to_string()),
        (
            t.meta_input,
            i18n::input_words(lang, &checked.document.input),
        ),
        (
            t.meta_published,
            r.published
                .as_ref()
                .map(|d| d.value.to_string())
                .unwrap_or_else(unknown),
        ),
        (t.meta_check_time, format!("{} {}", timing.0, t.ms)),
    ];
    let summary = nianbao_core::export::Summary::of(&checked.diagnostics);
    html! {
        <article class="report" id="report" ref={node.clone()} data-file={entry.name.clone()}
            data-check-ms={timing.0.clone()} data-total-ms={timing.1.clone()}
            data-errors={summary.errors.to_string()} data-warnings={summary.warnings.to_string()}>
            { for back }
            <header class="report-head" id="report-top" tabindex="-1">
                <h2 id="report-title" tabindex="-1">{ t.report_title }{ colon(lang) }<span class="file-name">{ &entry.name }</span></h2>
                <p class="counts">
                    <span class="sev-error"><span class="sev-icon" aria-hidden="true">{ "✖ " }</span>
                        { format!("{} {}", t.col_errors, summary.errors) }</span>
                    <span class="sev-warning"><span class="sev-icon" aria-hidden="true">{ "▲ " }</span>
                        { format!("{} {}", t.col_warnings, summary.warnings) }</span>
                    <span class="sev-info"><span class="sev-icon" aria-hidden="true">{ "ℹ " }</span>
                        { format!("{} {}", super::i18n::severity_label(lang, nianbao_core::Severity::Info), summary.infos) }</span>
                </p>
                <dl class="meta">
                    { for meta.into_iter().map(|(k, v)| html! { <div><dt>{ k }</dt><dd>{ v }</dd></div> }) }
                </dl>
                if let Some(c) = &entry.change {
                    <div class="change" data-resolved={c.resolved.len().to_string()}
                        data-new={c.new.len().to_string()} data-open={c.open.to_string()}>
                        <p>{ i18n::change_words(lang, c) }</p>
                        if !c.resolved.is_empty() {
                            <details>
                                <summary>{ t.resolved }{ i18n::paren(lang, c.resolved.len()) }</summary>
                                <ul>{ for c.resolved.iter().map(|d| html! {
                                    <li><span class="rule">{ d.rule }</span>{ " " }{ lang.pick(&d.message, &d.message_en) }</li>
                                }) }</ul>
                            </details>
                        }
                    </div>
                }
            </header>
            <div class="report-grid">
                <aside class="side">
                    <FindingsPanel {lang} outcome={outcome.clone()} all={all.clone()}
                        visible={shown.clone()} filter={props.filter.clone()} on_filter={props.on_filter.clone()} />
                </aside>
                <div class="main-col">
                    <Charts {lang} report={r.clone()} />
                    if let Some(on_compare) = props.on_compare.as_ref().filter(|_| !props.others.is_empty()) {
                        { links(lang, props.previous.as_ref().map(|p| (p.id, p.name.clone())), &props.others, on_compare) }
                    }
                    <DocumentView {lang} outcome={outcome.clone()} findings={shown.clone()} cell_marks={cells} />
                </div>
            </div>
        </article>
    }
}
