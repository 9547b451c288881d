//! The table of all files checked: errors, warnings, year, agency, layout.

use super::charts::batch_charts;
use super::i18n::{colon, paren, severity_icon, severity_label};
use super::i18n::{texts, Lang};
use super::state::{CrossItem, Entry, SortKey};
use nianbao_core::Severity;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BatchProps {
    pub lang: Lang,
    /// In display order.
    pub entries: Vec<Entry>,
    pub sort: SortKey,
    pub ascending: bool,
    pub selected: Option<usize>,
    pub on_sort: Callback<SortKey>,
    pub on_select: Callback<usize>,
    /// Take a file off the list.
    pub on_remove: Callback<usize>,
    /// Findings across reports (two years of one agency).
    #[prop_or_default]
    pub cross: Rc<Vec<CrossItem>>,
    /// Files of the batch are still being checked: the charts comparing them
    /// wait until all are done (drawing them for every group of results would
    /// cost the page more than the checking does).
    #[prop_or_default]
    pub checking: bool,
}

/// A list of up to this many rows is drawn whole; a longer one (a folder of
/// thousands of reports) shows its first [`FIRST_ROWS`], the rest when asked
/// for: the browser's work on a table of thousands of rows, redrawn as
/// results arrive, held the page longer than the checking did.
pub const WHOLE_UP_TO: usize = 1_000;

/// The rows of a long list drawn until the rest is asked for.
pub const FIRST_ROWS: usize = 200;

/// How many of `n` rows to draw, and the button that draws the rest (none
/// when all are drawn). `whole`: the rest was asked for.
pub fn rows_drawn(lang: Lang, n: usize, whole: &UseStateHandle<bool>, id: &str) -> (usize, Html) {
    drawn_of(
        lang,
        n,
        whole,
        id,
        (WHOLE_UP_TO, FIRST_ROWS),
        ("行", "rows"),
    )
}

/// [`rows_drawn`] with its own limits (`(whole up to, first)`) and the
/// word for what is listed (`(中文量词, English plural)`).
pub fn drawn_of(
    lang: Lang,
    n: usize,
    whole: &UseStateHandle<bool>,
    id: &str,
    (whole_up_to, first): (usize, usize),
    (zh, en): (&str, &str),
) -> (usize, Html) {
    if n <= whole_up_to || **whole {
        return (n, html! {});
    }
    let onclick = {
        let whole = whole.clone();
        Callback::from(move |_: MouseEvent| whole.set(true))
    };
    let button = html! {
        <p class="more-rows">
            { match lang {
                Lang::Zh => format!("共 {n} {zh}，显示前 {first} {zh}。"),
                Lang::En => format!("{n} {en}; the first {first} are shown. "),
            } }
            <button type="button" class="button" id={id.to_string()} data-rows={n.to_string()} {onclick}>
                { lang.pick(&format!("显示全部 {n} {zh}"), &format!("Show all {n} {en}")) }</button>
        </p>
    };
    (first, button)
}

#[function_component(BatchTable)]
pub fn batch_table(props: &BatchProps) -> Html {
    let t = texts(props.lang);
    let lang = props.lang;
    let whole = use_state(|| false);
    let whole_cross = use_state(|| false);
    let (drawn, more) = rows_drawn(lang, props.entries.len(), &whole, "batch-more");
    let (drawn_cross, more_cross) = rows_drawn(lang, props.cross.len(), &whole_cross, "cross-more");
    let header = |key: SortKey, label: &'static str, numeric: bool| {
        let sorted = props.sort == key;
        let aria = match (sorted, props.ascending) {
            (false, _) => None,
            (true, true) => Some("ascending"),
            (true, false) => Some("descending"),
        };
        let arrow = match aria {
            Some("ascending") => "▲",
            Some(_) => "▼",
            None => "↕",
        };
        let on_sort = props.on_sort.clone();
        html! {
            <th scope="col" aria-sort={aria} class={classes!(numeric.then_some("num"))}>
                <button type="button" class="sort" onclick={Callback::from(move |_| on_sort.emit(key))}>
                    { label } <span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let rows = props.entries.iter().take(drawn).map(|e| {
        let id = e.id;
        let select = {
            let on_select = props.on_select.clone();
            Callback::from(move |_: MouseEvent| on_select.emit(id))
        };
        let selected = props.selected == Some(id);
        let status = match &e.outcome {
            None => html! { <td colspan="6" class="waiting">{ t.waiting }</td> },
            Some(o) => match &o.result {
                Err(err) => html! {
                    <td colspan="6" class="unreadable">
                        <span class="sev-icon" aria-hidden="true">{ "✖" }</span>
                        { format!("{}{}{}", t.unreadable, colon(lang), lang.pick(&err.message, &err.message_en)) }
                    </td>
                },
                Ok(_) => {
                    let errors = e.count(Severity::Error).unwrap_or(0);
                    let warnings = e.count(Severity::Warning).unwrap_or(0);
                    html! { <>
                        <td class={classes!("num", (errors > 0).then_some("has-errors"))} data-col="errors">{ errors }</td>
                        <td class={classes!("num", (warnings > 0).then_some("has-warnings"))} data-col="warnings">{ warnings }</td>
                        <td class="num">{ e.year().map(|y| y.to_string()).unwrap_or_else(|| t.unknown.into()) }</td>
                        <td>{ e.agency().unwrap_or(t.unknown) }</td>
                        <td>{ e.layout(lang).unwrap_or_default() }</td>
                        <td class="num">{ format!("{:.0} {}", nianbao_core::decimal::Num(o.check_ms), t.ms) }</td>
                    </> }
                }
            },
        };
        let remove = {
            let on_remove = props.on_remove.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                on_remove.emit(id)
            })
        };
        html! {
            <tr key={id} class={classes!("batch-row", selected.then_some("selected"))}
                onclick={select.clone()} data-file={e.name.clone()} data-id={id.to_string()}>
                <th scope="row">
                    <button type="button" class="link" onclick={select}
                        aria-current={selected.then_some("true")}
                        title={t.open_report}>{ &e.name }</button>
                    <button type="button" class="remove" onclick={remove}
                        title={t.remove} aria-label={format!("{} {}", t.remove, e.name)}>{ "×" }</button>
                </th>
                { status }
            </tr>
        }
    });
    // Looked up once, not once per finding among every file of the batch.
    let names: HashMap<usize, &str> = if props.cross.is_empty() {
        HashMap::new()
    } else {
        props
            .entries
            .iter()
            .map(|e| (e.id, e.name.as_str()))
            .collect()
    };
    html! {
        <section class="batch" aria-labelledby="batch-title" data-count={props.entries.len().to_string()}>
            <h2 id="batch-title">{ t.batch_title }{ paren(lang, props.entries.len()) }</h2>
            <div class="scroll-x">
                <table class="batch-table">
                    <thead><tr>
                        { header(SortKey::File, t.col_file, false) }
                        { header(SortKey::Errors, t.col_errors, true) }
                        { header(SortKey::Warnings, t.col_warnings, true) }
                        { header(SortKey::Year, t.col_year, true) }
                        { header(SortKey::Agency, t.col_agency, false) }
                        { header(SortKey::Layout, t.col_layout, false) }
                        { header(SortKey::Time, t.col_time, true) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { more }
            if !props.cross.is_empty() {
                <h3 id="cross-title">{ t.cross_findings }{ paren(lang, props.cross.len()) }</h3>
                <ul class="cross-list" aria-labelledby="cross-title">
                    { for props.cross.iter().take(drawn_cross).map(|c| {
                        let name = |id: usize| names.get(&id).map(|n| n.to_string()).unwrap_or_default();
                        let d = &c.diagnostic;
                        let open = {
                            let on_select = props.on_select.clone();
                            let id = c.report;
                            Callback::from(move |_: MouseEvent| on_select.emit(id))
                        };
                        html! {
                            <li class={classes!("cross", format!("sev-{}", d.severity.as_str()))}>
                                <span class="sev-icon" aria-hidden="true">{ severity_icon(d.severity) }</span>
                                <span class="sr-only">{ severity_label(lang, d.severity) }</span>
                                <span class="rule">{ d.rule }</span>{ " " }
                                <button type="button" class="link" onclick={open}>{ name(c.report) }</button>
                                { format!(" ⇄ {}{}", name(c.other), colon(lang)) }
                                { lang.pick(&d.message, &d.message_en) }
                            </li>
                        }
                    }) }
                </ul>
                { more_cross }
            }
            if !props.checking {
                { batch_charts(lang, &props.entries) }
            }
        </section>
    }
}
