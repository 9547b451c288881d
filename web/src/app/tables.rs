//! Tables 二, 三 and 四 rebuilt from what was read, with the national labels,
//! the cells that findings point at highlighted.

use super::findings::Finding;
use super::highlight::{cell_id, CellMarks};
use super::i18n::{texts, Lang};
use nianbao_core::report::{CellProblem, CellRead, TableRead};
use nianbao_core::vocab::names::{column_group, column_heading, row_heading, table_short};
use nianbao_core::vocab::template::{ColumnDef, Template};
use nianbao_core::{CellRef, TableKey};
use std::rc::Rc;
use yew::prelude::*;

/// A number as written in a table: whole numbers without a fraction.
pub fn show_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = nianbao_core::decimal::fixed(v, 4);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// What a cell shows: the value, or what was written, or a question mark for
/// a cell that was not found.
pub fn cell_text(c: Option<&CellRead>) -> String {
    match c {
        Some(CellRead { value: Some(v), .. }) => show_number(*v),
        Some(CellRead { raw: Some(r), .. }) if !r.trim().is_empty() => r.trim().to_string(),
        Some(CellRead {
            problem: Some(CellProblem::Blank),
            ..
        }) => "".to_string(),
        _ => "?".to_string(),
    }
}

/// Column headers: one row, or two when some columns sit under a group.
pub fn header_rows(lang: Lang, columns: &[ColumnDef]) -> Html {
    let t = texts(lang);
    let grouped = columns.iter().any(|c| c.group.is_some());
    if !grouped {
        return html! {
            <tr>
                <th scope="col" class="rowhead">{ t.row }</th>
                { for columns.iter().map(|c| html! {
                    <th scope="col">{ column_heading(lang, c) }</th>
                }) }
            </tr>
        };
    }
    let mut top = Vec::new();
    let mut i = 0;
    while let Some(c) = columns.get(i) {
        match c.group {
            None => {
                top.push(html! { <th scope="col" rowspan="2">{ column_heading(lang, c) }</th> });
                i += 1;
            }
            Some(g) => {
                let n = columns[i..]
                    .iter()
                    .take_while(|d| d.group == Some(g))
                    .count();
                let label = column_group(lang, c).unwrap_or(g);
                top.push(html! { <th scope="colgroup" colspan={n.to_string()}>{ label }</th> });
                i += n;
            }
        }
    }
    html! { <>
        <tr>
            <th scope="col" rowspan="2" class="rowhead">{ t.row }</th>
            { for top }
        </tr>
        <tr>
            { for columns.iter().filter(|c| c.group.is_some()).map(|c| html! {
                <th scope="col">{ column_heading(lang, c) }</th>
            }) }
        </tr>
    </> }
}

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub table: TableRead,
    pub findings: Rc<Vec<Finding>>,
    pub marks: Rc<CellMarks>,
}

#[function_component(ReportTable)]
pub fn report_table(props: &TableProps) -> Html {
    let lang = props.lang;
    let t = texts(lang);
    let table = &props.table;
    let def = Template::get(table.layout).table(table.key);
    let ncols = def.columns.len();
    let mut last_parent = None;
    let mut body = Vec::new();
    for row in def.rows {
        if lang == Lang::Zh && row.parent.is_some() && row.parent != last_parent {
            body.push(html! {
                <tr class="group"><th scope="rowgroup" colspan={(ncols + 1).to_string()}>
                    { row.parent.unwrap_or_default() }
                </th></tr>
            });
        }
        last_parent = row.parent;
        let label = row_heading(lang, row);
        let cells = def.columns.iter().map(|col| {
            if !row.columns.contains(&col.key) {
                return html! { <td class="na" aria-label={t.not_applicable}></td> };
            }
            let at = CellRef::new(table.key, row.key, col.key);
            let cell = table.cell(row.key, col.key);
            let marks = props.marks.get(&at);
            let strong = marks.is_some_and(|m| m.iter().any(|(_, s)| *s));
            let related = marks.is_some_and(|m| !m.is_empty()) && !strong;
            let title = marks.map(|m| {
                m.iter()
                    .filter_map(|(i, _)| props.findings.get(*i))
                    .map(|f| f.title(lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            let problem = cell.and_then(|c| c.problem).map(|p| match p {
                CellProblem::Missing => "missing",
                CellProblem::Blank => "blank",
                CellProblem::NotNumber => "not-number",
            });
            html! {
                <td id={cell_id(&at)}
                    class={classes!("num", problem, strong.then_some("hl-strong"), related.then_some("hl-related"))}
                    data-cell={format!("{}.{}.{}", table.key.as_str(), row.key, col.key)}
                    data-rules={marks.map(|m| m.iter().filter_map(|(i, _)| props.findings.get(*i)).map(|f| f.diag.rule).collect::<Vec<_>>().join(" "))}
                    data-n={marks.and_then(|m| super::document::numbers(m))}
                    {title}>
                    { cell_text(cell) }
                    if strong {
                        <span class="hl-tag" aria-hidden="true">{ "!" }</span>
                    }
                </td>
            }
        });
        body.push(html! {
            <tr>
                <th scope="row" class="rowhead">{ label }</th>
                { for cells }
            </tr>
        });
    }
    let number = ["", "一", "二", "三", "四"][table.key.section() as usize];
    html! {
        <div class="table-wrap" id={format!("table-{}", table.key.as_str())}>
            <table class={classes!("stat", format!("stat-{}", table.key.as_str()))}>
                <caption>
                    { match lang {
                        Lang::Zh => format!("表{number}　{}（按国家格式重建）", def.title),
                        Lang::En => format!("{}: {} (rebuilt in the national layout)", table_short(lang, table.key), def.title_en),
                    } }
                    if !table.found {
                        <span class="not-found">{ t.table_not_found }</span>
                    }
                </caption>
                <thead>{ header_rows(lang, def.columns) }</thead>
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}

/// All three tables of a report.
pub fn keys() -> [TableKey; 3] {
    TableKey::ALL
}
