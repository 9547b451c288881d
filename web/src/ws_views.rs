//! The reviewer's views of a workspace as a whole, drawn by the workspace
//! part (the page's third wasm, fetched with the checker) so that the app's
//! first download carries none of it: the overview (the rules across the
//! workspace, the files that could not be read, the agencies ranked with
//! their key figures beside the workspace's medians), the charts of the
//! workspace with their data tables, search by agency and by text, and the
//! corrections of the grouping.
//!
//! Each view is an HTML fragment. Every name, file name and text of a
//! report goes through the core's `write::html::escape`, so markup in them
//! is shown as text. The fragments carry no script, no style attribute and
//! no address: the page acts on them through `data-*` attributes (`data-open`
//! a report, `data-sort` a column, `data-opt` an option, `data-merge`,
//! `data-split`, `data-reset` the grouping), see `app::overview`.

use nianbao_core::vocab::agency;
use nianbao_core::vocab::names::Lang;
use nianbao_core::workspace::decisions::Decision;
use nianbao_core::workspace::figures::{median, FIGURES, SMALL_BASE};
use nianbao_core::workspace::groups::{group, search as search_groups, Groups, Regrouping};
use nianbao_core::workspace::matrix::{matrix, Entry, Matrix, MatrixOptions};
use nianbao_core::workspace::search::{find, TextIndex};
use nianbao_core::write::html::escape;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;

/// What the reviewer chose to see.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ViewOptions {
    /// `zh` or `en`.
    pub lang: String,
    /// The reviewer's grouping.
    pub regrouping: Regrouping,
    /// The column sorted by: `name`, `errors`, `warnings`, `open`,
    /// `missing`, `rule` (the rule chosen) or `f0`…`f4` (a key figure).
    pub sort: String,
    /// Descending (the default for every column but `name`).
    pub desc: Option<bool>,
    /// A rule: its count is a column, and `only=rule` keeps the agencies
    /// with it.
    pub rule: String,
    /// Keep only agencies with `errors`, `warnings`, `open` findings,
    /// `missing` years or the `rule`.
    pub only: String,
    /// The year whose reports are ranked (the latest of each agency when
    /// none).
    pub year: Option<i32>,
    /// A ranking of more than [`WHOLE_UP_TO`] lines draws this many (the
    /// rest when asked for): the browser's work on thousands of lines held
    /// the page for seconds when a workspace opened.
    pub limit: Option<usize>,
}

/// A ranking of up to this many lines is drawn whole (as the page's lists).
const WHOLE_UP_TO: usize = 1_000;

impl ViewOptions {
    fn lang(&self) -> Lang {
        if self.lang == "en" {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// The names the matrix groups: its entries' agencies, then its decisions'.
fn names<'a>(entries: &'a [Entry], decisions: &'a [Decision]) -> Vec<Option<&'a str>> {
    entries
        .iter()
        .map(|e| e.agency.as_deref())
        .chain(decisions.iter().map(|d| d.agency.as_deref()))
        .collect()
}

fn groups_of(entries: &[Entry], decisions: &[Decision], r: &Regrouping) -> Groups {
    group(&names(entries, decisions), r)
}

/// A share as a percentage with one decimal (integer arithmetic: no float
/// formatting with a precision in the part's wasm).
fn pct(v: f64) -> String {
    let t = (v * 1000.0).round() as i64;
    format!("{}.{}%", t / 10, (t % 10).abs())
}

fn figure_text(i: usize, v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) if i == 0 => format!("{v}"),
        Some(v) => pct(v),
    }
}

/// One agency's line of the ranking.
struct Ranked<'a> {
    key: &'a str,
    name: &'a str,
    written: &'a [String],
    manual: bool,
    year: Option<i32>,
    entry: Option<&'a Entry>,
    errors: u32,
    warnings: u32,
    open: u32,
    missing: u32,
}

impl Ranked<'_> {
    fn sort_value(&self, sort: &str, rule: &str) -> Option<f64> {
        let e = self.entry;
        match sort {
            "errors" => e.map(|_| f64::from(self.errors)),
            "warnings" => e.map(|_| f64::from(self.warnings)),
            "open" => e.map(|_| f64::from(self.open)),
            "missing" => Some(f64::from(self.missing)),
            "rule" => e.map(|e| f64::from(e.rules.get(rule).copied().unwrap_or(0))),
            f if f.starts_with('f') => {
                let i: usize = f[1..].parse().ok()?;
                e?.figures.values().get(i).copied().flatten()
            }
            _ => None,
        }
    }
}

fn ranked<'a>(m: &'a Matrix, by_id: &HashMap<u32, &'a Entry>, o: &ViewOptions) -> Vec<Ranked<'a>> {
    m.rows
        .iter()
        .map(|r| {
            let cell = match o.year {
                Some(y) => r.cells.iter().find(|c| c.year == y),
                None => r.cells.iter().rev().find(|c| c.current.is_some()),
            };
            let entry = cell
                .and_then(|c| c.current)
                .and_then(|id| by_id.get(&id).copied());
            Ranked {
                key: &r.key,
                name: &r.name,
                written: &r.written,
                manual: r.manual,
                year: cell.map(|c| c.year),
                entry,
                errors: cell.map_or(0, |c| c.errors),
                warnings: cell.map_or(0, |c| c.warnings),
                open: cell.map_or(0, |c| c.open),
                missing: r.missing,
            }
        })
        .collect()
}

/// The agencies' lines kept by `only`, sorted as asked (lines without a
/// value last, then by name).
fn ranking<'a>(m: &'a Matrix, by_id: &HashMap<u32, &'a Entry>, o: &ViewOptions) -> Vec<Ranked<'a>> {
    let mut rows = ranked(m, by_id, o);
    rows.retain(|r| match o.only.as_str() {
        "errors" => r.errors > 0,
        "warnings" => r.warnings > 0,
        "open" => r.open > 0,
        "missing" => r.missing > 0,
        "rule" => r.entry.is_some_and(|e| e.rules.contains_key(&o.rule)),
        _ => true,
    });
    let sort = if o.sort.is_empty() {
        "errors"
    } else {
        o.sort.as_str()
    };
    let desc = o.desc.unwrap_or(sort != "name");
    rows.sort_unstable_by(|a, b| {
        if sort == "name" {
            let c = a.key.cmp(b.key);
            return if desc { c.reverse() } else { c };
        }
        let (x, y) = (a.sort_value(sort, &o.rule), b.sort_value(sort, &o.rule));
        let by = match (x, y) {
            (Some(x), Some(y)) => {
                let c = x.total_cmp(&y);
                if desc {
                    c.reverse()
                } else {
                    c
                }
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by.then(a.key.cmp(b.key))
    });
    rows
}

fn option(out: &mut String, value: &str, label: &str, selected: bool) {
    let _ = write!(
        out,
        "<option value=\"{}\"{}>{}</option>",
        escape(value),
        if selected { " selected" } else { "" },
        escape(label)
    );
}

fn sort_button(out: &mut String, o: &ViewOptions, key: &str, label: &str) {
    let current = if o.sort.is_empty() { "errors" } else { &o.sort };
    let arrow = if current == key {
        if o.desc.unwrap_or(key != "name") {
            " ▼"
        } else {
            " ▲"
        }
    } else {
        ""
    };
    let _ = write!(
        out,
        "<button type=\"button\" class=\"link sort\" data-sort=\"{key}\"{}>{}{arrow}</button>",
        if current == key {
            " aria-pressed=\"true\""
        } else {
            ""
        },
        escape(label)
    );
}

fn caution_title(lang: Lang, base: f64) -> String {
    match lang {
        Lang::Zh => format!(
            "此比例只基于 {} 件（少于 {} 件）：多一件或少一件，比例就会变化十个百分点以上，比较时请谨慎。",
            base as u64, SMALL_BASE as u64
        ),
        Lang::En => format!(
            "This rate rests on {} cases (fewer than {}): one case more or less moves it by ten points or more; compare with care.",
            base as u64, SMALL_BASE as u64
        ),
    }
}

/// The overview: the rules across the workspace, the files not read, the
/// ranking of the agencies, and the regrouping controls, as HTML.
pub fn overview(entries: &[Entry], decisions: &[Decision], o: &ViewOptions) -> String {
    let lang = o.lang();
    let options = MatrixOptions {
        years: None,
        regrouping: o.regrouping.clone(),
    };
    let m = matrix(entries, decisions, &options);
    let by_id: HashMap<u32, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let groups = groups_of(entries, decisions, &o.regrouping);
    let group_by_key: HashMap<&str, &nianbao_core::workspace::groups::Group> =
        groups.groups.iter().map(|g| (g.key.as_str(), g)).collect();
    let mut out = String::new();

    // The rules across the workspace.
    let _ = write!(
        out,
        "<section class=\"ov-rules\" aria-labelledby=\"ov-rules-title\"><h3 id=\"ov-rules-title\">{}</h3>",
        lang.pick("各规则的问题数", "Findings per rule")
    );
    if m.rules.is_empty() {
        let _ = write!(
            out,
            "<p class=\"muted\">{}</p>",
            lang.pick("没有发现问题。", "No findings.")
        );
    } else {
        let _ = write!(
            out,
            "<table class=\"ov-rules-table\" id=\"ov-rules\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            lang.pick("规则", "Rule"),
            lang.pick("名称", "Title"),
            lang.pick("问题数", "Findings"),
            lang.pick("报告数", "Reports")
        );
        for r in &m.rules {
            let _ = write!(
                out,
                "<tr data-rule=\"{id}\" class=\"sev-{sev}\"><td><button type=\"button\" class=\"link\" data-rank-rule=\"{id}\" title=\"{t}\">{id}</button></td><td>{title}</td><td class=\"num\">{f}</td><td class=\"num\">{n}</td></tr>",
                id = escape(&r.rule),
                sev = escape(&r.severity),
                t = lang.pick("按此规则排序", "Rank by this rule"),
                title = escape(lang.pick(&r.title, &r.title_en)),
                f = r.findings,
                n = r.reports
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");

    // The files that could not be read, and the reports not placed.
    if !m.unreadable.is_empty() || !m.unplaced.is_empty() {
        let _ = write!(
            out,
            "<details class=\"ov-unread\" id=\"ov-unread\" open><summary>{}</summary><ul>",
            match lang {
                Lang::Zh => format!(
                    "未能读取 {} 份，未识别机关或年度 {} 份",
                    m.unreadable.len(),
                    m.unplaced.len()
                ),
                Lang::En => format!(
                    "{} could not be read, {} without an agency or year",
                    m.unreadable.len(),
                    m.unplaced.len()
                ),
            }
        );
        for id in m.unreadable.iter().chain(&m.unplaced) {
            let Some(e) = by_id.get(id) else { continue };
            let why = match &e.error {
                Some(err) => err.clone(),
                None => lang
                    .pick("未识别机关或年度", "no agency or year")
                    .to_string(),
            };
            let _ = write!(
                out,
                "<li><button type=\"button\" class=\"link\" data-open=\"{id}\">{}</button>{}{}</li>",
                escape(&e.file),
                lang.pick("：", ": "),
                escape(&why)
            );
        }
        out.push_str("</ul></details>");
    }

    // The ranking.
    let rows = ranking(&m, &by_id, o);
    let _ = write!(
        out,
        "<section class=\"ov-rank\" aria-labelledby=\"ov-rank-title\"><h3 id=\"ov-rank-title\">{}</h3><p class=\"ov-controls\">",
        lang.pick("机关排序与筛选", "Agencies ranked and filtered")
    );
    let _ = write!(
        out,
        "<label>{} <select data-opt=\"year\">",
        lang.pick("年度", "Year")
    );
    option(
        &mut out,
        "",
        lang.pick("各机关最新一年", "latest of each agency"),
        o.year.is_none(),
    );
    for y in &m.years {
        option(&mut out, &y.to_string(), &y.to_string(), o.year == Some(*y));
    }
    let _ = write!(
        out,
        "</select></label> <label>{} <select data-opt=\"only\">",
        lang.pick("只看", "Show")
    );
    for (v, zh, en) in [
        ("", "全部机关", "all agencies"),
        ("errors", "有错误的", "with errors"),
        ("warnings", "有警告的", "with warnings"),
        ("open", "有待定问题的", "with open findings"),
        ("missing", "有缺报的", "with missing years"),
        ("rule", "有所选规则问题的", "with the rule chosen"),
    ] {
        option(&mut out, v, lang.pick(zh, en), o.only == v);
    }
    let _ = write!(
        out,
        "</select></label> <label>{} <select data-opt=\"rule\">",
        lang.pick("规则", "Rule")
    );
    option(
        &mut out,
        "",
        lang.pick("（选择规则）", "(choose a rule)"),
        o.rule.is_empty(),
    );
    for r in &m.rules {
        option(
            &mut out,
            &r.rule,
            &format!("{} {}", r.rule, lang.pick(&r.title, &r.title_en)),
            o.rule == r.rule,
        );
    }
    out.push_str("</select></label></p>");

    // The medians of the figures over the lines shown (before filtering).
    let all = ranked(&m, &by_id, o);
    let medians: Vec<(Option<f64>, usize)> = (0..FIGURES.len())
        .map(|i| {
            let v: Vec<f64> = all
                .iter()
                .filter_map(|r| r.entry?.figures.values()[i])
                .collect();
            (median(v.iter().copied()), v.len())
        })
        .collect();

    let _ = write!(
        out,
        "<table class=\"ov-rank-table\" id=\"ov-rank\" data-rows=\"{}\"><thead><tr><th scope=\"col\">",
        rows.len()
    );
    sort_button(&mut out, o, "name", lang.pick("机关", "Agency"));
    let _ = write!(
        out,
        "</th><th scope=\"col\">{}</th>",
        lang.pick("年度", "Year")
    );
    for (key, zh, en) in [
        ("errors", "错误", "Errors"),
        ("warnings", "警告", "Warnings"),
        ("open", "待定", "Open"),
        ("missing", "缺报年数", "Years missing"),
    ] {
        out.push_str("<th scope=\"col\" class=\"num\">");
        sort_button(&mut out, o, key, lang.pick(zh, en));
        out.push_str("</th>");
    }
    if !o.rule.is_empty() {
        out.push_str("<th scope=\"col\" class=\"num\">");
        sort_button(&mut out, o, "rule", &o.rule);
        out.push_str("</th>");
    }
    for (i, (_, zh, en)) in FIGURES.iter().enumerate() {
        out.push_str("<th scope=\"col\" class=\"num fig\">");
        sort_button(&mut out, o, &format!("f{i}"), lang.pick(zh, en));
        let (med, n) = medians[i];
        let _ = write!(
            out,
            "<br><small class=\"median\" data-median=\"{}\" title=\"{}\">{} {}</small></th>",
            med.map(|v| v.to_string()).unwrap_or_default(),
            match lang {
                Lang::Zh => format!("工作区中位数，基于 {n} 份报告"),
                Lang::En => format!("The workspace's median, of {n} reports"),
            },
            lang.pick("中位数", "median"),
            figure_text(i, med)
        );
    }
    let _ = write!(
        out,
        "<th scope=\"col\">{}</th></tr></thead><tbody>",
        lang.pick("归类", "Grouping")
    );
    let mut cautions = 0;
    let limit = o
        .limit
        .filter(|_| rows.len() > WHOLE_UP_TO)
        .unwrap_or(usize::MAX);
    for r in rows.iter().take(limit) {
        let _ = write!(
            out,
            "<tr data-agency=\"{}\" data-key=\"{}\"><th scope=\"row\">{}",
            escape(r.name),
            escape(r.key),
            escape(r.name)
        );
        let others: Vec<&String> = r.written.iter().filter(|w| w.as_str() != r.name).collect();
        if !others.is_empty() {
            let list: Vec<String> = others.iter().map(|w| escape(w)).collect();
            let _ = write!(
                out,
                "<br><small class=\"variants\">{}{}</small>",
                lang.pick("又作：", "also: "),
                list.join(lang.pick("、", ", "))
            );
        }
        out.push_str("</th><td>");
        match (r.year, r.entry) {
            (Some(y), Some(e)) => {
                let _ = write!(
                    out,
                    "<button type=\"button\" class=\"link\" data-open=\"{}\" title=\"{}\">{y}</button>",
                    e.id,
                    escape(&e.file)
                );
            }
            (Some(y), None) => {
                let _ = write!(
                    out,
                    "{y} <span class=\"missing\">{}</span>",
                    lang.pick("缺报", "missing")
                );
            }
            _ => out.push('—'),
        }
        out.push_str("</td>");
        let has = r.entry.is_some();
        for v in [r.errors, r.warnings, r.open] {
            if has {
                let _ = write!(out, "<td class=\"num\">{v}</td>");
            } else {
                out.push_str("<td class=\"num\">—</td>");
            }
        }
        let _ = write!(out, "<td class=\"num\">{}</td>", r.missing);
        if !o.rule.is_empty() {
            match r.entry {
                Some(e) => {
                    let _ = write!(
                        out,
                        "<td class=\"num\">{}</td>",
                        e.rules.get(&o.rule).copied().unwrap_or(0)
                    );
                }
                None => out.push_str("<td class=\"num\">—</td>"),
            }
        }
        let (values, cauts, bases) = match r.entry {
            Some(e) => {
                let f = &e.figures;
                (
                    f.values(),
                    f.cautions(),
                    [
                        None,
                        f.disclosure_rate.denominator,
                        f.review_correction_rate.denominator,
                        f.litigation_correction_rate.denominator,
                        f.carryover_rate.denominator,
                    ],
                )
            }
            None => ([None; 5], [false; 5], [None; 5]),
        };
        for i in 0..FIGURES.len() {
            if cauts[i] {
                cautions += 1;
                let _ = write!(
                    out,
                    "<td class=\"num fig caution\" title=\"{}\">{}<sup aria-hidden=\"true\">*</sup><span class=\"sr\">{}</span></td>",
                    escape(&caution_title(lang, bases[i].unwrap_or(0.0))),
                    figure_text(i, values[i]),
                    lang.pick("（样本少）", " (few cases)")
                );
            } else {
                let _ = write!(
                    out,
                    "<td class=\"num fig\">{}</td>",
                    figure_text(i, values[i])
                );
            }
        }
        // The grouping: merge into another agency, split a name out, undo.
        out.push_str("<td class=\"regroup\">");
        let _ = write!(
            out,
            "<select data-merge=\"{}\" aria-label=\"{}\">",
            escape(r.key),
            lang.pick("并入其他机关", "Merge into another agency")
        );
        // The other agencies are put in when the menu is first opened, from
        // the one list after the table (web/src/app/overview.rs): listed in
        // every row, they grew with the square of the agencies (20 million
        // characters of markup for 1,000 reports).
        option(&mut out, "", lang.pick("并入……", "Merge into…"), true);
        out.push_str("</select>");
        if let Some(g) = group_by_key.get(r.key) {
            if g.names.len() > 1 {
                for n in &g.names {
                    let label = g
                        .written
                        .iter()
                        .find(|w| agency::fold(w) == *n)
                        .cloned()
                        .unwrap_or_else(|| n.clone());
                    let _ = write!(
                        out,
                        " <button type=\"button\" class=\"link split\" data-split=\"{}\">{}{}</button>",
                        escape(n),
                        lang.pick("拆出 ", "split out "),
                        escape(&label)
                    );
                }
            }
        }
        if r.manual {
            let _ = write!(
                out,
                " <button type=\"button\" class=\"link reset\" data-reset=\"{}\">{}</button>",
                escape(r.key),
                lang.pick("恢复自动归类", "undo")
            );
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table>");
    if rows.len() > limit {
        let n = rows.len();
        let _ = write!(
            out,
            "<p class=\"more-rows\">{}<button type=\"button\" class=\"button\" id=\"rank-more\" data-rank-all=\"\" data-rows=\"{n}\">{}</button></p>",
            match lang {
                Lang::Zh => format!("共 {n} 行，显示前 {limit} 行。"),
                Lang::En => format!("{n} rows; the first {limit} are shown. "),
            },
            match lang {
                Lang::Zh => format!("显示全部 {n} 行"),
                Lang::En => format!("Show all {n} rows"),
            }
        );
    }
    // Every agency once, for the rows' merge menus.
    out.push_str("<select id=\"ov-merge-options\" hidden>");
    for other in &m.rows {
        option(&mut out, &other.key, &other.name, false);
    }
    out.push_str("</select>");
    if cautions > 0 {
        let _ = write!(
            out,
            "<p class=\"muted caution-note\">{}</p>",
            match lang {
                Lang::Zh => format!("* 样本少：比例的基数少于 {} 件，一件之差即可使比例变化十个百分点以上；鼠标悬停可见基数。", SMALL_BASE as u64),
                Lang::En => format!("* Few cases: the rate rests on fewer than {} cases, and one case more or less moves it by ten points or more; hover to see the base.", SMALL_BASE as u64),
            }
        );
    }
    out.push_str("</section>");
    out
}

/// One bar chart with its data table.
struct Chart<'a> {
    id: &'a str,
    title: String,
    /// (label, value, class of the bar)
    bars: Vec<(String, f64, &'static str)>,
    /// The value's column heading.
    unit: String,
}

fn chart(out: &mut String, c: &Chart, lang: Lang) {
    let _ = write!(
        out,
        "<figure class=\"ov-chart\" id=\"{}\"><figcaption>{}</figcaption>",
        c.id,
        escape(&c.title)
    );
    if c.bars.is_empty() || c.bars.iter().all(|b| b.1 == 0.0) {
        let _ = write!(
            out,
            "<p class=\"muted\">{}</p></figure>",
            lang.pick("无数据", "No data")
        );
        return;
    }
    // Whole pixels: the values are counts.
    let max = c.bars.iter().map(|b| b.1).fold(0.0, f64::max).max(1.0);
    let (label_w, bar_w, row_h) = (170u32, 330.0, 22u32);
    let h = row_h * c.bars.len() as u32 + 4;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 560 {h}\" width=\"560\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        escape(&c.title)
    );
    for (i, (label, v, class)) in c.bars.iter().enumerate() {
        let y = i as u32 * row_h + 2;
        let w = (v / max * bar_w).round() as u32;
        let w = if *v > 0.0 { w.max(1) } else { 0 };
        let short: String = label.chars().take(14).collect();
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\" class=\"label\">{}</text><rect x=\"{bx}\" y=\"{y}\" width=\"{w}\" height=\"{bh}\" class=\"bar {class}\"/><text x=\"{vx}\" y=\"{ty}\" class=\"value\">{}</text>",
            escape(&short),
            *v as u64,
            x = label_w - 6,
            ty = y + 15,
            bx = label_w,
            bh = row_h - 6,
            vx = label_w + w + 4
        );
    }
    out.push_str("</svg>");
    let _ = write!(
        out,
        "<details class=\"chart-data\"><summary>{}</summary><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        lang.pick("数据表", "Data table"),
        lang.pick("类别", "Category"),
        escape(&c.unit)
    );
    for (label, v, _) in &c.bars {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{v}</td></tr>",
            escape(label)
        );
    }
    out.push_str("</tbody></table></details></figure>");
}

/// Charts of the workspace as a whole (its current reports, however many),
/// each with its data table.
pub fn charts(entries: &[Entry], decisions: &[Decision], o: &ViewOptions) -> String {
    let lang = o.lang();
    let m = matrix(
        entries,
        decisions,
        &MatrixOptions {
            years: None,
            regrouping: o.regrouping.clone(),
        },
    );
    let by_id: HashMap<u32, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let current: Vec<&Entry> = m
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().filter_map(|c| c.current))
        .chain(m.unplaced.iter().copied())
        .filter_map(|id| by_id.get(&id).copied())
        .collect();
    let t = &m.totals;
    let reports = lang.pick("报告数", "Reports").to_string();
    let mut out = format!(
        "<section class=\"ov-charts\" aria-labelledby=\"ov-charts-title\"><h3 id=\"ov-charts-title\">{}</h3>",
        match lang {
            Lang::Zh => format!("工作区图表（{} 份报告）", t.current),
            Lang::En => format!("Charts of the workspace ({} reports)", t.current),
        }
    );
    let clean = t.current - t.with_errors - t.with_warnings;
    chart(
        &mut out,
        &Chart {
            id: "chart-status",
            title: lang.pick("报告情况", "How the reports stand").into(),
            bars: vec![
                (
                    lang.pick("有错误", "with errors").into(),
                    f64::from(t.with_errors),
                    "errors",
                ),
                (
                    lang.pick("仅有警告", "warnings only").into(),
                    f64::from(t.with_warnings),
                    "warnings",
                ),
                (
                    lang.pick("无问题", "clean").into(),
                    f64::from(clean),
                    "clean",
                ),
                (
                    lang.pick("缺报（机关·年度）", "missing (agency-years)")
                        .into(),
                    f64::from(t.missing),
                    "missing",
                ),
                (
                    lang.pick("无法读取", "could not be read").into(),
                    f64::from(t.unreadable),
                    "unread",
                ),
            ],
            unit: reports.clone(),
        },
        lang,
    );
    chart(
        &mut out,
        &Chart {
            id: "chart-rules",
            title: lang
                .pick(
                    "问题最多的规则（前 15 条）",
                    "The rules found most (top 15)",
                )
                .into(),
            bars: m
                .rules
                .iter()
                .take(15)
                .map(|r| {
                    (
                        format!("{} {}", r.rule, lang.pick(&r.title, &r.title_en)),
                        f64::from(r.findings),
                        match r.severity.as_str() {
                            "error" => "errors",
                            "warning" => "warnings",
                            _ => "clean",
                        },
                    )
                })
                .collect(),
            unit: lang.pick("问题数", "Findings").into(),
        },
        lang,
    );
    // The disclosure rate in tenths.
    let mut tenths = [0u32; 10];
    for e in &current {
        if let Some(v) = e.figures.disclosure_rate.value {
            tenths[((v * 10.0).floor() as usize).min(9)] += 1;
        }
    }
    chart(
        &mut out,
        &Chart {
            id: "chart-disclosure",
            title: lang
                .pick("实质公开率的分布", "How the disclosure rate is spread")
                .into(),
            bars: tenths
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let label = if i == 9 {
                        "90%–100%".to_string()
                    } else {
                        format!("{}%–{}%", i * 10, i * 10 + 10)
                    };
                    (label, f64::from(*n), "clean")
                })
                .collect(),
            unit: reports.clone(),
        },
        lang,
    );
    // New requests in bands.
    let bands: [(f64, &str); 6] = [
        (1.0, "0"),
        (10.0, "1–9"),
        (50.0, "10–49"),
        (100.0, "50–99"),
        (500.0, "100–499"),
        (f64::INFINITY, "≥ 500"),
    ];
    let mut counts = [0u32; 6];
    for e in &current {
        if let Some(v) = e.figures.new_requests {
            if let Some(i) = bands.iter().position(|(top, _)| v < *top) {
                counts[i] += 1;
            }
        }
    }
    chart(
        &mut out,
        &Chart {
            id: "chart-requests",
            title: lang
                .pick(
                    "新收申请数的分布",
                    "How many requests the agencies received",
                )
                .into(),
            bars: bands
                .iter()
                .zip(counts)
                .map(|((_, l), n)| (l.to_string(), f64::from(n), "warnings"))
                .collect(),
            unit: reports,
        },
        lang,
    );
    out.push_str("</section>");
    out
}

thread_local! {
    /// The text index of the reports on the page, and their texts (the
    /// index narrows, the text decides).
    static INDEX: RefCell<(TextIndex, HashMap<u32, String>)> = RefCell::new((TextIndex::new(), HashMap::new()));
}

/// Index a report's text under its id (once).
pub fn index(id: u32, text: &str) {
    INDEX.with(|i| {
        let (ix, texts) = &mut *i.borrow_mut();
        if !ix.contains(id) {
            ix.add(id, text);
            texts.insert(id, text.to_string());
        }
    })
}

/// Whether a report's text is indexed.
pub fn indexed(id: u32) -> bool {
    INDEX.with(|i| i.borrow().0.contains(id))
}

/// Results of a search by agency name and by text, as HTML: the agencies
/// whose names match, each with its reports; the reports whose text holds
/// the query, each with the places (at most 3 a report, 50 reports).
pub fn search(entries: &[Entry], decisions: &[Decision], query: &str, o: &ViewOptions) -> String {
    let lang = o.lang();
    let query = query.trim();
    let mut out = String::new();
    if query.is_empty() {
        return out;
    }
    let groups = groups_of(entries, decisions, &o.regrouping);
    let hits = search_groups(&groups, query);
    let _ = write!(
        out,
        "<section class=\"search-agencies\" id=\"search-agencies\" data-hits=\"{}\"><h3>{}</h3>",
        hits.len(),
        match lang {
            Lang::Zh => format!("机关名称中含“{}”：{} 个", escape(query), hits.len()),
            Lang::En => format!("Agencies named like “{}”: {}", escape(query), hits.len()),
        }
    );
    if !hits.is_empty() {
        out.push_str("<ul>");
        let index_of: HashMap<&str, usize> = groups
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.key.as_str(), i))
            .collect();
        for g in hits {
            let gi = index_of.get(g.key.as_str()).copied();
            let _ = write!(
                out,
                "<li data-agency=\"{}\"><strong>{}</strong> ",
                escape(&g.name),
                escape(&g.name)
            );
            let mut reports: Vec<&Entry> = entries
                .iter()
                .zip(&groups.of)
                .filter(|(_, of)| of.is_some() && *of == &gi)
                .map(|(e, _)| e)
                .collect();
            reports.sort_unstable_by_key(|e| (e.year, e.id));
            for e in reports {
                let _ = write!(
                    out,
                    "<button type=\"button\" class=\"link\" data-open=\"{}\" title=\"{}\">{}</button> ",
                    e.id,
                    escape(&e.file),
                    e.year.map(|y| y.to_string()).unwrap_or_else(|| escape(&e.file))
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");

    // By text.
    let ids: HashMap<u32, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let found: Vec<(u32, Vec<nianbao_core::workspace::search::Hit>)> = INDEX.with(|i| {
        let (ix, texts) = &*i.borrow();
        ix.candidates(query)
            .into_iter()
            .filter(|id| ids.contains_key(id))
            .filter_map(|id| {
                let hits = find(texts.get(&id)?, query, 3);
                (!hits.is_empty()).then_some((id, hits))
            })
            .collect()
    });
    let _ = write!(
        out,
        "<section class=\"search-text\" id=\"search-text\" data-hits=\"{}\"><h3>{}</h3>",
        found.len(),
        match lang {
            Lang::Zh => format!("正文中含“{}”：{} 份报告", escape(query), found.len()),
            Lang::En => format!(
                "Reports whose text holds “{}”: {}",
                escape(query),
                found.len()
            ),
        }
    );
    if !found.is_empty() {
        out.push_str("<ul>");
        for (id, hits) in found.iter().take(50) {
            let e = ids[id];
            let _ = write!(
                out,
                "<li data-report=\"{id}\"><button type=\"button\" class=\"link\" data-open=\"{id}\">{}</button> <span class=\"muted\">{} {}</span><ul>",
                escape(&e.file),
                escape(e.agency.as_deref().unwrap_or("")),
                e.year.map(|y| y.to_string()).unwrap_or_default()
            );
            for h in hits {
                let _ = write!(out, "<li class=\"context\">…{}…</li>", escape(&h.context));
            }
            out.push_str("</ul></li>");
        }
        out.push_str("</ul>");
        if found.len() > 50 {
            let _ = write!(
                out,
                "<p class=\"muted\">{}</p>",
                match lang {
                    Lang::Zh => format!("另有 {} 份报告未列出。", found.len() - 50),
                    Lang::En => format!("{} more reports not listed.", found.len() - 50),
                }
            );
        }
    }
    out.push_str("</section>");
    out
}

/// The grouping after one correction: `merge` the group `a` (its key) into
/// the group `b`; `split` the name `a` (folded) out of its group; `reset`
/// the group `a` to the automatic grouping.
pub fn regroup(
    entries: &[Entry],
    decisions: &[Decision],
    r: &Regrouping,
    op: &str,
    a: &str,
    b: &str,
) -> Regrouping {
    let groups = groups_of(entries, decisions, r);
    let names_of = |key: &str| -> Vec<String> {
        groups
            .groups
            .iter()
            .find(|g| g.key == key)
            .map(|g| g.names.clone())
            .unwrap_or_default()
    };
    let mut out = r.clone();
    match op {
        "merge" if !b.is_empty() && a != b => {
            // The target by one of its names that is not moving.
            let target = names_of(b);
            let Some(to) = target.first() else {
                return out;
            };
            for n in names_of(a) {
                out.insert(n, to.clone());
            }
        }
        "split" => {
            out.insert(a.to_string(), a.to_string());
        }
        "reset" => {
            let names = names_of(a);
            out.retain(|k, v| !names.contains(k) && !names.contains(v));
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::workspace::record_alone;

    fn seeds() -> Vec<(Entry, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let bytes = std::fs::read(format!("{dir}{n}")).unwrap();
                let c = nianbao_core::check(n, &bytes).unwrap();
                let e = record_alone(i as u32 + 1, n, &c, 0.0).unwrap().entry;
                (e, c.document.text.to_string())
            })
            .collect()
    }

    fn agencies_in_order(html: &str) -> Vec<String> {
        html.split("<tr data-agency=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn ranked_by_errors_and_by_name_with_medians_and_cautions() {
        let entries: Vec<Entry> = seeds().into_iter().map(|s| s.0).collect();
        let o = ViewOptions::default();
        let html = overview(&entries, &[], &o);
        let order = agencies_in_order(&html);
        assert_eq!(order.len(), 5);
        assert!(order[0].contains("博爱县"), "{order:?}");
        let by_name = overview(
            &entries,
            &[],
            &ViewOptions {
                sort: "name".into(),
                ..o.clone()
            },
        );
        let mut sorted = agencies_in_order(&by_name);
        assert_ne!(sorted, order);
        let shown = sorted.clone();
        sorted.sort_by_key(|n| agency::fold(n));
        assert_eq!(shown, sorted);
        // Only those with errors.
        let only = overview(
            &entries,
            &[],
            &ViewOptions {
                only: "errors".into(),
                ..o.clone()
            },
        );
        let with_errors = entries.iter().filter(|e| e.errors > 0).count();
        assert_eq!(agencies_in_order(&only).len(), with_errors);
        // A median beside each figure: the new requests' median is the
        // median of the seeds'.
        let news: Vec<f64> = entries
            .iter()
            .filter_map(|e| e.figures.new_requests)
            .collect();
        let med = median(news).unwrap();
        assert!(html.contains(&format!("data-median=\"{med}\"")), "{html}");
        // Every caution the figures carry is marked.
        let cautions: usize = entries
            .iter()
            .map(|e| e.figures.cautions().iter().filter(|c| **c).count())
            .sum();
        assert_eq!(html.matches("fig caution").count(), cautions);
        if cautions > 0 {
            assert!(html.contains("caution-note"));
        }
    }

    #[test]
    fn markup_in_names_is_text() {
        let mut entries: Vec<Entry> = seeds().into_iter().map(|s| s.0).collect();
        entries[0].agency = Some("<img src=x onerror=alert(1)>县人民政府".into());
        entries[0].file = "<b>x</b>.txt".into();
        for html in [
            overview(&entries, &[], &ViewOptions::default()),
            charts(&entries, &[], &ViewOptions::default()),
            search(&entries, &[], "县", &ViewOptions::default()),
        ] {
            assert!(!html.contains("<img"), "{html}");
            assert!(!html.contains("<b>"), "{html}");
        }
    }

    #[test]
    fn search_by_name_and_by_text() {
        let seeds = seeds();
        let entries: Vec<Entry> = seeds.iter().map(|s| s.0.clone()).collect();
        for (e, text) in &seeds {
            index(e.id, text);
        }
        let boai = seeds
            .iter()
            .find(|s| s.0.agency.as_deref().is_some_and(|a| a.contains("博爱县")))
            .unwrap();
        let html = search(&entries, &[], "博爱", &ViewOptions::default());
        assert!(html.contains(&format!("data-open=\"{}\"", boai.0.id)));
        // A phrase of one report only.
        let phrase: String = boai
            .1
            .lines()
            .find(|l| l.chars().count() > 30 && l.contains("博爱"))
            .unwrap()
            .chars()
            .take(20)
            .collect();
        let html = search(&entries, &[], &phrase, &ViewOptions::default());
        let text_part = html.split("id=\"search-text\"").nth(1).unwrap();
        assert!(
            text_part.contains("data-hits=\"1\""),
            "{phrase}: {text_part}"
        );
        assert!(text_part.contains(&format!("data-open=\"{}\"", boai.0.id)));
    }

    #[test]
    fn merged_and_split_by_hand() {
        let entries: Vec<Entry> = seeds().into_iter().map(|s| s.0).collect();
        let m = matrix(&entries, &[], &MatrixOptions::default());
        assert_eq!(m.rows.len(), 5);
        let (a, b) = (m.rows[0].key.clone(), m.rows[1].key.clone());
        let r = regroup(&entries, &[], &Regrouping::new(), "merge", &a, &b);
        let m2 = matrix(
            &entries,
            &[],
            &MatrixOptions {
                years: None,
                regrouping: r.clone(),
            },
        );
        assert_eq!(m2.rows.len(), 4);
        assert!(m2.rows.iter().any(|row| row.manual));
        // Split the merged name out again.
        let folded = agency::fold(
            entries
                .iter()
                .find_map(|e| e.agency.as_deref().filter(|n| agency::fold(n) == a))
                .unwrap(),
        );
        let r2 = regroup(&entries, &[], &r, "split", &folded, "");
        let m3 = matrix(
            &entries,
            &[],
            &MatrixOptions {
                years: None,
                regrouping: r2,
            },
        );
        assert_eq!(m3.rows.len(), 5);
        // Undo.
        let merged = m2.rows.iter().find(|row| row.manual).unwrap().key.clone();
        let r3 = regroup(&entries, &[], &r, "reset", &merged, "");
        assert!(r3.is_empty(), "{r3:?}");
    }
}
