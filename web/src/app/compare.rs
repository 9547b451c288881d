//! Two years of one agency side by side: each cell with last year's value and
//! the change.

use super::check::Outcome;
use super::i18n::{texts, Lang};
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
    pub previous: Rc<Outcome>,
    pub previous_name: String,
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
        <details class="compare" id="compare">
            <summary><h2 id="compare-title">{ t.compare_title }</h2></summary>
            <p>{ t.compare_intro }{ format!("（{}：{}）", t.last_year, props.previous_name) }</p>
            { for tables }
        </details>
    }
}
