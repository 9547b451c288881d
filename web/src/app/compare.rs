//! Two years of one agency side by side: each cell with last year's value and
//! the change. A view of its own (the page's address names it), opened from
//! the report; two reports the rules do not pair (names that differ beyond a
//! dropped place) can be paired by hand.

use super::check::Outcome;
use super::i18n::{colon, paren, texts, Lang};
use super::tables::{header_rows, show_number};
use nianbao_core::vocab::names::row_heading;
use nianbao_core::vocab::template::Template;
use nianbao_core::TableKey;
use std::rc::Rc;
use yew::prelude::*;

/// The change from last year, signed; `None` when either value is missing.
pub fn change(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(now? - before?)
}

pub fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", show_number(v))
    } else {
        show_number(v)
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub lang: Lang,
    pub current: Rc<Outcome>,
    pub current_name: String,
    pub previous: Rc<Outcome>,
    pub previous_name: String,
    pub on_back: Callback<MouseEvent>,
}

#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let t = texts(lang);
    let (Some(now), Some(before)) = (props.current.checked(), props.previous.checked()) else {
        return html! {};
    };
    let tables = TableKey::ALL.into_iter().map(|key| {
        let a = now.report.table(key);
        let b = before.report.table(key);
        let def = Template::get(a.layout).table(key);
        let rows = def.rows.iter().map(|row| {
            let label = row_heading(lang, row);
            let cells = def.columns.iter().map(|col| {
                if !row.columns.contains(&col.key) {
                    return html! { <td class="na"></td> };
                }
                let va = a.value(row.key, col.key);
                let vb = b.value(row.key, col.key);
                let d = change(va, vb);
                html! {
                    <td class={classes!("num", "cmp", d.filter(|d| *d != 0.0).map(|_| "changed"))}
                        data-cell={format!("{}.{}.{}", key.as_str(), row.key, col.key)}>
                        <span class="now">{ va.map(show_number).unwrap_or_else(|| "?".into()) }</span>
                        <span class="before">{ format!("{} {}", t.last_year, vb.map(show_number).unwrap_or_else(|| "?".into())) }</span>
                        if let Some(d) = d {
                            <span class="delta">{ format!("{} {}", t.change, signed(d)) }</span>
                        }
                    </td>
                }
            });
            html! { <tr><th scope="row" class="rowhead">{ label }</th>{ for cells }</tr> }
        });
        html! {
            <div class="table-wrap">
                <table class="stat compare-table">
                    <caption>{ lang.pick(def.title, def.title_en) }</caption>
                    <thead>{ header_rows(lang, def.columns) }</thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        }
    });
    html! {
        <section class="compare" id="compare" aria-labelledby="compare-title">
            <button type="button" class="button quiet back" onclick={props.on_back.clone()}>{ "← " }{ t.back_to_report }</button>
            <h2 id="compare-title" tabindex="-1">{ t.compare_title }{ colon(lang) }{ &props.current_name }{ " ⇄ " }{ &props.previous_name }</h2>
            <p>{ t.compare_intro }{ paren(lang, format!("{}{}{}", t.last_year, colon(lang), props.previous_name)) }</p>
            { for tables }
        </section>
    }
}

/// In a report: the comparison with the year before (`previous`: its id and
/// name), and the choice of another report (`others`) to compare it with.
pub fn links(
    lang: Lang,
    previous: Option<(usize, String)>,
    others: &[(usize, String)],
    on_compare: &Callback<usize>,
) -> Html {
    let t = texts(lang);
    let cb = on_compare.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(id) = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .and_then(|s| s.value().parse().ok())
        {
            cb.emit(id)
        }
    });
    html! {
        <div class="compare-links">
            if let Some((id, name)) = previous {
                <button type="button" class="button" id="open-compare"
                    onclick={on_compare.reform(move |_| id)}>
                    { t.compare_open }{ paren(lang, name) }
                </button>
            }
            <label>{ t.pair_label }
                <select id="pair-with" {onchange}>
                    <option value="" selected=true>{ t.pair_choose }</option>
                    { for others.iter().map(|(id, name)| html! {
                        <option value={id.to_string()}>{ name }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}
