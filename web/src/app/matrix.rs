//! Agencies × years: for each agency of the workspace and each year, whether
//! it has a report, whether that report has errors, or whether it is missing
//! (the core's `workspace::matrix`, computed by the checker). A cell opens its
//! report; two consecutive years open the two-year comparison; each agency's
//! row offers its review memo (整改意见) as a Word document and as a
//! printable page. Around the matrix, the overview (`super::overview`):
//! rules, ranking, search, grouping by hand, charts; and what a reviewer
//! hands on for the whole workspace: the summary workbook (.xlsx) and the
//! printable summary for a notice (通报).
//!
//! The reviewer's grouping is the workspace's `regrouping` (www/store.js):
//! read when the view opens, written at each correction, so that it
//! survives a reload.

use super::export;
use super::i18n::{texts, Lang};
use super::overview::{entries_json, Overview};
use super::state::{Action, State, View};
use super::workspace::Decision;
use super::workspace::{call, part, Storage};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

fn parse_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// The parts of the core's `Matrix` the view shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MatrixData {
    pub years: Vec<i32>,
    pub rows: Vec<RowData>,
    pub unplaced: Vec<usize>,
    pub unreadable: Vec<usize>,
    pub totals: Totals,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowData {
    pub key: String,
    pub name: String,
    pub cells: Vec<CellData>,
    pub missing: u32,
    pub errors: u32,
    pub open: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CellData {
    pub year: i32,
    /// `missing`, `errors`, `warnings` or `clean`.
    pub status: String,
    pub reports: Vec<usize>,
    pub current: Option<usize>,
    pub errors: u32,
    pub warnings: u32,
    pub open: u32,
    pub confirmed: u32,
    pub dismissed: u32,
    pub resolved: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub current: u32,
    pub with_errors: u32,
    pub unreadable: u32,
    pub agencies: u32,
    pub missing: u32,
    pub confirmed: u32,
    pub dismissed: u32,
    pub open: u32,
}

/// The matrix of what the page holds (entries made by the core when each
/// result was stored; their ids are the page's).
async fn compute(
    entries: Vec<Rc<str>>,
    decisions: Rc<Vec<Decision>>,
    regrouping: Rc<str>,
) -> Option<MatrixData> {
    let entries = format!(
        "[{}]",
        entries.iter().map(|e| &**e).collect::<Vec<_>>().join(",")
    );
    let decisions = Decision::list_json(decisions.iter());
    let options = format!("{{\"regrouping\":{regrouping}}}");
    let out = part(
        "wsMatrix",
        &[entries.into(), decisions.into(), options.into()],
    )
    .await
    .ok()?;
    let m = js_sys::JSON::parse(&out.as_string()?).ok()?;
    Some(MatrixData::from_js(&m))
}

// The matrix read from the plain object the JSON text parses into (no
// serde: the page's first download carries no JSON parser).
fn field(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap_or_default()
}
fn n(v: &JsValue, k: &str) -> u32 {
    field(v, k).as_f64().unwrap_or(0.0) as u32
}
fn list(v: &JsValue, k: &str) -> Vec<JsValue> {
    field(v, k)
        .dyn_into::<js_sys::Array>()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}
fn ids(v: &JsValue, k: &str) -> Vec<usize> {
    list(v, k)
        .iter()
        .filter_map(|x| x.as_f64())
        .map(|x| x as usize)
        .collect()
}
fn text(v: &JsValue, k: &str) -> String {
    field(v, k).as_string().unwrap_or_default()
}

impl MatrixData {
    fn from_js(m: &JsValue) -> MatrixData {
        let t = field(m, "totals");
        MatrixData {
            years: list(m, "years")
                .iter()
                .filter_map(|y| y.as_f64())
                .map(|y| y as i32)
                .collect(),
            rows: list(m, "rows")
                .iter()
                .map(|r| RowData {
                    key: text(r, "key"),
                    name: text(r, "name"),
                    cells: list(r, "cells")
                        .iter()
                        .map(|c| CellData {
                            year: n(c, "year") as i32,
                            status: text(c, "status"),
                            reports: ids(c, "reports"),
                            current: field(c, "current").as_f64().map(|x| x as usize),
                            errors: n(c, "errors"),
                            warnings: n(c, "warnings"),
                            open: n(c, "open"),
                            confirmed: n(c, "confirmed"),
                            dismissed: n(c, "dismissed"),
                            resolved: n(c, "resolved"),
                        })
                        .collect(),
                    missing: n(r, "missing"),
                    errors: n(r, "errors"),
                    open: n(r, "open"),
                })
                .collect(),
            unplaced: ids(m, "unplaced"),
            unreadable: ids(m, "unreadable"),
            totals: Totals {
                current: n(&t, "current"),
                with_errors: n(&t, "with_errors"),
                unreadable: n(&t, "unreadable"),
                agencies: n(&t, "agencies"),
                missing: n(&t, "missing"),
                confirmed: n(&t, "confirmed"),
                dismissed: n(&t, "dismissed"),
                open: n(&t, "open"),
            },
        }
    }
}

/// The memo of one agency (the reports of its row) as a .docx download, or
/// as a printable page (`print`).
async fn memo(state: UseReducerHandle<State>, name: String, ids: Vec<usize>, print: bool) {
    let lang = state.lang;
    let mut reports = Vec::new();
    for id in ids {
        let Some(e) = state.entry(id) else { continue };
        let Some(outcome) = &e.outcome else { continue };
        let result = nianbao_core::export::Export::of_result(&e.name, &outcome.result);
        let decisions: Vec<&Decision> = state
            .ws
            .decisions
            .iter()
            .filter(|d| d.concerns(e))
            .collect();
        let prints = state
            .ws
            .prints(id)
            .map(|p| (*p).clone())
            .unwrap_or_default();
        let cross: Vec<nianbao_core::export::CrossOut> = match e.checked() {
            Some(c) => {
                let r = nianbao_core::export::Resolver::new(&c.document, &c.report);
                state
                    .cross_of(id)
                    .into_iter()
                    .map(|x| nianbao_core::export::CrossOut {
                        file: e.name.clone(),
                        other_file: state
                            .entry(x.other)
                            .map(|o| o.name.clone())
                            .unwrap_or_default(),
                        diagnostic: r.diagnostic(&x.diagnostic),
                        other_related: Vec::new(),
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let o = js_sys::Object::new();
        let put = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &k.into(), &v);
        };
        put(
            "result",
            parse_json(&serde_json::to_string(&result).unwrap_or_default()),
        );
        put(
            "cross",
            parse_json(&serde_json::to_string(&cross).unwrap_or_default()),
        );
        put(
            "fingerprints",
            prints
                .iter()
                .map(|p| JsValue::from(p.as_str()))
                .collect::<js_sys::Array>()
                .into(),
        );
        put(
            "decisions",
            decisions
                .iter()
                .map(|d| d.to_js())
                .collect::<js_sys::Array>()
                .into(),
        );
        reports.push(o);
    }
    let json = js_sys::JSON::stringify(&reports.into_iter().collect::<js_sys::Array>())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let code = if lang == Lang::En { "en" } else { "zh" };
    match part(
        if print { "wsMemoHtml" } else { "wsMemo" },
        &[
            name.as_str().into(),
            json.into(),
            code.into(),
            "".into(),
            "".into(),
        ],
    )
    .await
    {
        Ok(out) if print => export::download_bytes(
            &format!("{}-{}.html", name, lang.pick("整改意见", "review-memo")),
            "text/html;charset=utf-8",
            &out,
        ),
        Ok(bytes) => export::download_bytes(
            &format!("{}-{}.docx", name, lang.pick("整改意见", "review-memo")),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            &bytes,
        ),
        Err(e) => web_sys::console::warn_1(&e),
    }
}

/// The workspace's name, for the files handed on.
fn workspace_name(state: &State) -> String {
    state
        .ws
        .list
        .iter()
        .find(|w| Some(w.0) == state.ws.current)
        .map(|w| w.1.clone())
        .unwrap_or_else(|| "nianbao".into())
}

/// The summary workbook (.xlsx), or the printable summary (`print`).
async fn summary(state: UseReducerHandle<State>, regrouping: Rc<str>, print: bool) {
    let lang = state.lang;
    let name = workspace_name(&state);
    let entries = entries_json(&state);
    let decisions = Decision::list_json(state.ws.decisions.iter());
    let options = format!("{{\"regrouping\":{regrouping}}}");
    let got = if print {
        let title = match lang {
            Lang::Zh => format!("{name}：政府信息公开工作年度报告审核情况通报"),
            Lang::En => format!("{name}: review of the annual reports"),
        };
        let code = if lang == Lang::En { "en" } else { "zh" };
        part(
            "wsSummaryHtml",
            &[
                entries.into(),
                decisions.into(),
                options.into(),
                title.into(),
                code.into(),
            ],
        )
        .await
    } else {
        let created = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .map(|s| format!("{}Z", &s[..19.min(s.len())]))
            .unwrap_or_default();
        part(
            "wsSummary",
            &[
                entries.into(),
                decisions.into(),
                options.into(),
                name.as_str().into(),
                created.into(),
            ],
        )
        .await
    };
    match got {
        Ok(out) if print => export::download_bytes(
            &format!("{name}-{}.html", lang.pick("审核情况通报", "summary")),
            "text/html;charset=utf-8",
            &out,
        ),
        Ok(out) => export::download_bytes(
            &format!("{name}-{}.xlsx", lang.pick("汇总表", "summary")),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &out,
        ),
        Err(e) => web_sys::console::warn_1(&e),
    }
}

#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    pub state: UseReducerHandle<State>,
}

fn status_text(lang: Lang, c: &CellData) -> String {
    match c.status.as_str() {
        "missing" => lang.pick("缺报", "missing").to_string(),
        "errors" => match lang {
            Lang::Zh => format!("{} 个错误", c.errors),
            Lang::En => format!("{} errors", c.errors),
        },
        "warnings" => match lang {
            Lang::Zh => format!("{} 个警告", c.warnings),
            Lang::En => format!("{} warnings", c.warnings),
        },
        _ => lang.pick("无问题", "clean").to_string(),
    }
}

#[function_component(MatrixView)]
pub fn matrix_view(p: &MatrixProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    let tx = texts(lang);
    let data = use_state(|| None::<Rc<MatrixData>>);
    let whole = use_state(|| false);
    let regrouping = use_state(|| Rc::<str>::from("{}"));
    // The grouping kept with the workspace, read when it opens.
    {
        let regrouping = regrouping.clone();
        let ready = state.ws.storage == Storage::Ready;
        use_effect_with((state.ws.current, ready), move |&(ws, ready)| {
            if let (Some(ws), true) = (ws, ready) {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(info) = call("getWorkspace", &[ws.into()]).await {
                        let r = js_sys::Reflect::get(&info, &"regrouping".into())
                            .ok()
                            .filter(|r| r.is_object())
                            .and_then(|r| js_sys::JSON::stringify(&r).ok())
                            .and_then(|s| s.as_string())
                            .unwrap_or_else(|| "{}".into());
                        regrouping.set(r.into());
                    }
                });
            }
        });
    }
    let on_regroup = {
        let regrouping = regrouping.clone();
        let ws = state
            .ws
            .current
            .filter(|_| state.ws.storage == Storage::Ready);
        Callback::from(move |r: String| {
            regrouping.set(Rc::from(r.as_str()));
            if let Some(ws) = ws {
                wasm_bindgen_futures::spawn_local(async move {
                    let patch = js_sys::Object::new();
                    let value = js_sys::JSON::parse(&r).unwrap_or_default();
                    let _ = js_sys::Reflect::set(&patch, &"regrouping".into(), &value);
                    if let Err(e) = call("updateWorkspace", &[ws.into(), patch.into()]).await {
                        web_sys::console::warn_1(&e);
                    }
                });
            }
        })
    };
    {
        let data = data.clone();
        let entries: Vec<Rc<str>> = state.ws.records.iter().map(|r| r.2.clone()).collect();
        let decisions = state.ws.decisions.clone();
        let r = (*regrouping).clone();
        use_effect_with((state.ws.version, r.clone()), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(m) = compute(entries, decisions, r).await {
                    data.set(Some(Rc::new(m)));
                }
            });
        });
    }
    let hand_on = |print: bool| {
        let state = state.clone();
        let r = (*regrouping).clone();
        Callback::from(move |_| {
            wasm_bindgen_futures::spawn_local(summary(state.clone(), r.clone(), print))
        })
    };
    let go = |v: View| {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Go(v)))
    };
    let body = match data.as_ref() {
        None => html! { <p class="muted">{ lang.pick("正在计算……", "Computing…") }</p> },
        Some(m) => {
            let t = &m.totals;
            let summary = match lang {
                Lang::Zh => format!(
                    "{} 个机关，{} 份报告中 {} 份有错误，缺报 {} 份，未能读取 {} 份；已确认问题 {} 项，不是问题 {} 项，待定 {} 项。",
                    t.agencies, t.current, t.with_errors, t.missing, t.unreadable, t.confirmed, t.dismissed, t.open
                ),
                Lang::En => format!(
                    "{} agencies; {} of {} reports have errors, {} missing, {} could not be read; {} findings confirmed, {} dismissed, {} open.",
                    t.agencies, t.with_errors, t.current, t.missing, t.unreadable, t.confirmed, t.dismissed, t.open
                ),
            };
            // The agencies of thousands of reports: the first rows drawn, the
            // rest when asked for (super::batch::rows_drawn).
            let (drawn, more) = super::batch::rows_drawn(lang, m.rows.len(), &whole, "matrix-more");
            // Looked up once, not among every entry for each cell.
            let on_page: std::collections::HashSet<usize> =
                state.entries.iter().map(|e| e.id).collect();
            let known = |id: usize| on_page.contains(&id);
            let rows = m.rows.iter().take(drawn).map(|r| {
                let ids: Vec<usize> = r.cells.iter().filter_map(|c| c.current).collect();
                let on_memo = |print: bool| {
                    let state = state.clone();
                    let (name, ids) = (r.name.clone(), ids.clone());
                    Callback::from(move |_| {
                        wasm_bindgen_futures::spawn_local(memo(state.clone(), name.clone(), ids.clone(), print))
                    })
                };
                let cells = r.cells.iter().enumerate().map(|(i, c)| {
                    let earlier = i.checked_sub(1).and_then(|j| r.cells.get(j)).and_then(|p| p.current);
                    let compare = match (c.current, earlier) {
                        (Some(a), Some(b)) if known(a) && known(b) => html! {
                            <button type="button" class="link compare" onclick={go(View::Compare(a, b))}
                                title={lang.pick("与上一年对比", "Compare with the year before")}>
                                { lang.pick("对比", "compare") }</button>
                        },
                        _ => html! {},
                    };
                    let main = match c.current {
                        Some(id) if known(id) => html! {
                            <button type="button" class="link open" onclick={go(View::Report(id))}>{ status_text(lang, c) }</button>
                        },
                        _ => html! { <span>{ status_text(lang, c) }</span> },
                    };
                    html! {
                        <td class={classes!("cell", c.status.clone())} data-year={c.year.to_string()} data-status={c.status.clone()}>
                            { main }
                            if c.confirmed + c.dismissed + c.resolved > 0 {
                                <small class="decided">{ match lang {
                                    Lang::Zh => format!(" 确认 {} · 否 {} · 已解决 {}", c.confirmed, c.dismissed, c.resolved),
                                    Lang::En => format!(" confirmed {} · dismissed {} · resolved {}", c.confirmed, c.dismissed, c.resolved),
                                } }</small>
                            }
                            { " " }{ compare }
                        </td>
                    }
                });
                html! {
                    <tr data-agency={r.name.clone()}>
                        <th scope="row">{ &r.name }</th>
                        { for cells }
                        <td><button type="button" class="button memo" onclick={on_memo(false)} disabled={ids.is_empty()}>
                            { lang.pick("整改意见 .docx", "Review memo .docx") }</button>{ " " }
                            <button type="button" class="button memo-print" onclick={on_memo(true)} disabled={ids.is_empty()}>
                            { tx.ws_memo_print }</button></td>
                    </tr>
                }
            });
            html! {
                <>
                    <p class="matrix-summary">{ summary }</p>
                    <p class="hand-on">
                        <button type="button" class="button" id="ws-summary-xlsx" onclick={hand_on(false)}>{ tx.ws_summary_xlsx }</button>{ " " }
                        <button type="button" class="button" id="ws-summary-print" onclick={hand_on(true)}>{ tx.ws_summary_print }</button>
                    </p>
                    <Overview state={state.clone()} regrouping={(*regrouping).clone()} on_regroup={on_regroup.clone()}>
                    <table class="matrix" id="matrix-table">
                        <thead><tr>
                            <th scope="col">{ lang.pick("机关", "Agency") }</th>
                            { for m.years.iter().map(|y| html! { <th scope="col">{ y }</th> }) }
                            <th scope="col">{ lang.pick("整改意见", "Memo") }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                    { more }
                    if !m.unplaced.is_empty() || !m.unreadable.is_empty() {
                        <p class="muted">{ match lang {
                            Lang::Zh => format!("未识别机关或年度的报告 {} 份，未能读取 {} 份（见文件列表）。", m.unplaced.len(), m.unreadable.len()),
                            Lang::En => format!("{} reports without an agency or year, {} could not be read (see the list of files).", m.unplaced.len(), m.unreadable.len()),
                        } }</p>
                    }
                    </Overview>
                </>
            }
        }
    };
    html! {
        <section class="matrix-view" aria-labelledby="matrix-title">
            <p><button type="button" class="link" onclick={go(View::List)}>{ lang.pick("← 返回文件列表", "← Back to the list") }</button></p>
            <h2 id="matrix-title" tabindex="-1">{ lang.pick("机关 × 年度", "Agencies × years") }</h2>
            { body }
        </section>
    }
}
