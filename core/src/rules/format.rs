//! F family: the tables against the national layout.
//!
//! - F001 the 2019 layout in a report for 2021 or later (E), or the 2021
//!   layout in an earlier report (W)
//! - F002 a row or column label differs from the national wording
//! - F003 a table, row, column or cell is missing
//! - F004 rows merged or split against the layout, or a row the layout lacks

use super::{
    cell_at, column_label, column_label_en, in_section_at, row_label, row_label_en, table_def,
    table_name, table_name_en, Context,
};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::report::{CellProblem, CellRead, LabelKind, TableAnomaly, TableRead};
use crate::vocab::template::{ColumnKey as C, RowKey as R};
use crate::vocab::template::{Layout, TableKey, Template};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("F001", Error, "F", "表格样式与年度不符", "layout does not match the year",
        "2021年及以后的年度报告应使用国办公开办函〔2021〕30号的新格式（错误）；2021年以前的报告使用新格式给出警告。",
        "Reports for 2021 or later must use the 2021 layout (error); the 2021 layout in an earlier report is a warning.",
        "2023年度报告使用了2019年试行格式（国办公开办函〔2019〕60号）的表格，2023年度应使用2021年格式（国办公开办函〔2021〕30号）"),
    rule!("F002", Warning, "F", "行列名称与国家格式用语不一致", "a row or column label differs from the national wording",
        "表格行名或列名与国家格式用语不同（错字、漏字、改写），指出应为何种写法以及差在哪里。",
        "A row or column label differs from the official wording (typo, missing characters, rewording).",
        "表三（收到和处理政府信息公开申请情况）行名“其他法律行政禁止公开”与国家格式“其他法律行政法规禁止公开”不一致：缺少“法规”二字"),
    rule!("F003", Error, "F", "表格缺少行、列或单元格", "a table row, column or cell is missing",
        "表二应有10个数据格，表三175个，表四15个（2021年格式）；缺少的行、列或单元格逐一指出。未读出的表格若在文中留有其行名列名（数字连写、版式无法辨认）、缺少的行其行名在表中可见（分页、换行）、或行已读出而单元格无法定位（数字少于列数），只作读取不确定的警告。一行的数字在文中连写时（网页抓取的文本），按表内勾稽关系（行总计、表三的列关系、表四的分组总计）拆分：只有一种拆分时读出并提示（信息），有多种或没有时不给数字，作读取不确定的警告。",
        "Table 二 has 10 cells, 三 175, 四 15 (2021 layout); every missing row, column or cell is reported. A table not read whose labels the text holds (figures run together, a layout not known), a missing row whose label the table's text holds (page breaks, wrapped lines), or a cell of a row that was read but whose figures cannot be placed (fewer than its columns) is a warning that the reading is uncertain. A row whose figures the text runs together (a crawled page) is split by the table's identities (row totals, table 三's columns, table 四's group totals): read, with a note (information), when one split fits; no figure and a warning of an uncertain reading when several fit or none.",
        "表三（收到和处理政府信息公开申请情况）缺少“属于行政查询事项”一行（7个单元格）"),
    rule!("F004", Warning, "F", "行被合并或拆分", "rows merged or split",
        "表格行的划分与格式不一致：几行合并为一行（如2021年报告中只有一行“其他处理”），或一行拆成几行，或出现格式中没有的行。",
        "Rows are merged or split against the layout, or a row matches nothing in it.",
        "表三（收到和处理政府信息公开申请情况）中“（六）其他处理”一行代替了格式中的3行（三(六)1、三(六)2、三(六)3），应分行填报"),
];

family_finding!();

/// A hand-made report for each rule of the family that makes it fire: the
/// catalogue's example of the rule must be the message it really gives there
/// (the X rules take two: the later report, then the earlier).
#[cfg(test)]
pub(super) fn examples() -> Vec<(&'static str, Vec<super::testing::Fixture>)> {
    use super::testing::Builder;
    use crate::report::{LabelDeviation, LabelKind, LabelRead, TableAnomaly};
    use crate::span::Span;
    use crate::vocab::template::TableKey::*;
    use crate::vocab::template::{ColumnKey as C, LabelKey, Layout, RowKey as R};
    let b = Builder::new;
    vec![
        ("F001", vec![b().year(2023).layout(Layout::Y2019).build()]),
        (
            "F002",
            vec![b()
                .label(
                    Requests,
                    LabelRead {
                        kind: LabelKind::Row,
                        key: LabelKey::Row(R::WithheldProhibitedByLaw),
                        found: "其他法律行政禁止公开".into(),
                        span: Span::new(0, 3),
                        deviation: Some(LabelDeviation {
                            expected: "其他法律行政法规禁止公开",
                            detail: "缺少“法规”二字".into(),
                            detail_en: "“法规” is missing".into(),
                        }),
                    },
                )
                .build()],
        ),
        (
            "F003",
            vec![[
                C::NaturalPerson,
                C::Commercial,
                C::Research,
                C::SocialWelfare,
                C::LegalService,
                C::OtherOrg,
                C::Total,
            ]
            .iter()
            .fold(b(), |b, &c| {
                b.missing(Requests, R::WithheldAdministrativeQuery, c)
            })
            .build()],
        ),
        (
            "F004",
            vec![b()
                .anomaly(
                    Requests,
                    TableAnomaly::Merged {
                        rows: vec![R::OtherOverdueCorrection, R::OtherUnpaidFee, R::OtherMisc],
                        found: "（六）其他处理".into(),
                        span: Span::new(0, 3),
                    },
                )
                .build()],
        ),
    ]
}

pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    f001(ctx, out);
    for t in [
        &ctx.report.proactive,
        &ctx.report.requests,
        &ctx.report.appeals,
    ] {
        f002(t, out);
        f003(ctx, t, out);
        f004(t, out);
    }
}

/// The labels of a table's rows and columns (of four characters or more in
/// their comparison form: shorter ones, 维持 or 总计, say little) that the
/// document's text holds: the trace of a table the reader could not read.
fn table_traces(ctx: &Context, t: &TableRead) -> usize {
    let text = crate::vocab::label::fold(&ctx.doc.text);
    let def = table_def(t);
    let rows = def.rows.iter().map(|r| r.label);
    let columns = def.columns.iter().map(|c| c.label);
    let mut seen: Vec<String> = Vec::new();
    for label in rows.chain(columns) {
        let f = crate::vocab::label::fold(label);
        if f.chars().count() >= 4 && !seen.contains(&f) && text.contains(f.as_str()) {
            seen.push(f);
        }
    }
    seen.len()
}

fn f001(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(year) = &r.year else { return };
    let y = year.value;
    // The layout of the report as a whole (table 二 tells the layouts apart; a
    // single 三(六) row in an otherwise 2021 report is F004, not F001).
    let uses_2019 = r.format == Layout::Y2019;
    let at = r
        .requests
        .span
        .filter(|_| !r.proactive.found)
        .or(r.proactive.span)
        .map(Location::Span)
        .unwrap_or(Location::Document);
    if y >= 2021 && uses_2019 {
        out.push(
            finding(
                "F001",
                at,
                format!("{y}年度报告使用了2019年试行格式（国办公开办函〔2019〕60号）的表格，{y}年度应使用2021年格式（国办公开办函〔2021〕30号）"),
                format!("the report for {y} uses the 2019 trial layout; reports for 2021 and later must use the 2021 layout"),
            )
            .with_expected("2021")
            .with_actual("2019"),
        );
    } else if (2019..2021).contains(&y) && r.format == Layout::Y2021 {
        let mut d = finding(
            "F001",
            at,
            format!("{y}年度报告使用了2021年格式的表格，{y}年度应使用2019年试行格式（国办公开办函〔2019〕60号）"),
            format!("the report for {y} uses the 2021 layout; reports for 2019 and 2020 used the 2019 trial layout"),
        )
        .with_expected("2019")
        .with_actual("2021");
        d.severity = Severity::Warning;
        out.push(d);
    }
}

fn f002(t: &TableRead, out: &mut Vec<Diagnostic>) {
    for l in &t.labels {
        let Some(dev) = &l.deviation else { continue };
        let (kind, kind_en) = match l.kind {
            LabelKind::Row => ("行名", "row label"),
            LabelKind::Column => ("列名", "column label"),
        };
        out.push(
            finding(
                "F002",
                Location::Span(l.span),
                format!(
                    "{}{kind}“{}”与国家格式“{}”不一致：{}",
                    table_name(t.key),
                    l.found,
                    dev.expected,
                    dev.detail
                ),
                format!(
                    "{} {kind_en} “{}” differs from the national wording “{}”: {}",
                    table_name_en(t.key),
                    l.found,
                    dev.expected,
                    dev.detail_en
                ),
            )
            .with_expected(dev.expected)
            .with_actual(l.found.clone()),
        );
    }
}

fn merged_rows(t: &TableRead) -> Vec<R> {
    t.anomalies
        .iter()
        .flat_map(|a| match a {
            TableAnomaly::Merged { rows, .. } => rows.clone(),
            _ => Vec::new(),
        })
        .collect()
}

fn is_missing(t: &TableRead, row: R, col: C) -> bool {
    missing(t.cell(row, col))
}

/// Whether a cell (`None`: not even read) is missing from the table.
fn missing(cell: Option<&CellRead>) -> bool {
    cell.is_none_or(|c| c.value.is_none() && c.problem == Some(CellProblem::Missing))
}

/// Whether the reader doubts that the cells of a row are missing (the
/// table holds figures it could not place): see the cells' `reading`.
fn doubted(t: &TableRead, row: R, columns: &[C]) -> bool {
    columns.iter().any(|&c| {
        t.cell(row, c)
            .is_some_and(|c| c.value.is_none() && !c.reading.is_certain())
    })
}

/// Whether the text from the table on holds a row's label (or an alias),
/// of four characters or more in its comparison form: the row is there,
/// the reader did not place its figures.
fn row_traced(ctx: &Context, t: &TableRead, row: &crate::vocab::template::RowDef) -> bool {
    let Some(span) = t.span else { return false };
    let text = &ctx.doc.text;
    let from = span.start.min(text.len());
    if !text.is_char_boundary(from) {
        return false;
    }
    let folded = crate::vocab::label::fold(&text[from..]);
    std::iter::once(row.label)
        .chain(row.aliases.iter().copied())
        .map(crate::vocab::label::fold)
        .any(|f| f.chars().count() >= 4 && folded.contains(f.as_str()))
}

fn f003(ctx: &Context, t: &TableRead, out: &mut Vec<Diagnostic>) {
    let def = table_def(t);
    if !t.found {
        // The table's own labels in the text, figures run together or a
        // layout the reader does not know: the table may well be there.
        // That is the reader's doubt, not the report's fault.
        let traces = table_traces(ctx, t);
        if traces >= 3 {
            out.push(
                Diagnostic::new(
                    "F003",
                    Severity::Warning,
                    Location::Document,
                    format!(
                        "未能读出{}：文中有该表的{traces}个行名或列名，但未能将其识别为表格（数字可能连在一起，或版式无法辨认），其中的数字未予核对",
                        table_name(t.key)
                    ),
                    format!(
                        "{} could not be read: the text holds {traces} of its row or column labels, but not as a table the checker can read (figures run together, or a layout it does not know); its figures were not checked",
                        table_name_en(t.key)
                    ),
                )
                .with_reading(crate::diagnostic::Reading::Uncertain)
                .with_expected(def.cell_count())
                .with_actual(0),
            );
            return;
        }
        out.push(
            finding(
                "F003",
                // Where it belongs: the section that should hold it.
                in_section_at(ctx, t.key.section(), &[]),
                format!("未找到{}", table_name(t.key)),
                format!("{} was not found", table_name_en(t.key)),
            )
            .with_expected(def.cell_count())
            .with_actual(0),
        );
        return;
    }
    let merged = merged_rows(t);
    let mut reported: Vec<(R, C)> = Vec::new();
    run_together(t, &mut reported, out);
    // Whole rows.
    for row in def.rows {
        if merged.contains(&row.key) {
            reported.extend(row.columns.iter().map(|c| (row.key, *c)));
            continue;
        }
        if reported.contains(&(row.key, row.columns.first().copied().unwrap_or(C::Total))) {
            continue;
        }
        if row.columns.len() > 1 && row.columns.iter().all(|&c| is_missing(t, row.key, c)) {
            let first = row.columns.first().copied().unwrap_or(C::Total);
            // Why a row the checker could not read may be there after all.
            let unsure = if doubted(t, row.key, row.columns) {
                let label_read = t
                    .labels
                    .iter()
                    .any(|l| l.key == crate::vocab::template::LabelKey::Row(row.key));
                Some(if label_read {
                    (
                        "该行已找到，但其数字少于列数，无法确定各数字属于哪一列",
                        "its row was found, but with fewer figures than columns, so which column each belongs to cannot be told",
                    )
                } else {
                    (
                        "表中另有未能归入任何一行的数字，该行可能就在其中",
                        "the table holds figures the checker could not put under any row, and the row may be among them",
                    )
                })
            } else if row_traced(ctx, t, row) {
                Some((
                    "文中有该行名，但未能把它的数字放进表格（可能因分页、换行或数字连写）",
                    "the text holds its label, but its figures could not be put in the table (a page break, a wrapped line, figures run together)",
                ))
            } else {
                None
            };
            let at = cell_at(t.key, row.key, first);
            let diagnostic = match unsure {
                Some((why, why_en)) => Diagnostic::new(
                    "F003",
                    Severity::Warning,
                    at,
                    format!(
                        "{}的“{}”一行未能读出：{why}，这{}个单元格未予核对",
                        table_name(t.key),
                        row_label(t.key, t.layout, row.key),
                        row.columns.len()
                    ),
                    format!(
                        "the row “{}” of {} could not be read: {why_en}; its {} cells were not checked",
                        row_label_en(t.key, t.layout, row.key),
                        table_name_en(t.key),
                        row.columns.len()
                    ),
                )
                .with_reading(crate::diagnostic::Reading::Uncertain),
                None => finding(
                    "F003",
                    at,
                    format!(
                        "{}缺少“{}”一行（{}个单元格）",
                        table_name(t.key),
                        row_label(t.key, t.layout, row.key),
                        row.columns.len()
                    ),
                    format!(
                        "{} lacks the row “{}” ({} cells)",
                        table_name_en(t.key),
                        row_label_en(t.key, t.layout, row.key),
                        row.columns.len()
                    ),
                ),
            };
            out.push(
                diagnostic.with_related(row.columns.iter().map(|&c| cell_at(t.key, row.key, c))),
            );
            reported.extend(row.columns.iter().map(|c| (row.key, *c)));
        }
    }
    // Whole columns (only for tables whose rows share their columns).
    if t.key != TableKey::Proactive {
        for col in def.columns {
            let rows: Vec<_> = def
                .rows
                .iter()
                .filter(|r| r.columns.contains(&col.key) && !reported.contains(&(r.key, col.key)))
                .collect();
            if rows.len() > 1 && rows.iter().all(|r| is_missing(t, r.key, col.key)) {
                let first = rows[0].key;
                out.push(
                    finding(
                        "F003",
                        cell_at(t.key, first, col.key),
                        format!(
                            "{}缺少“{}”一列（{}个单元格）",
                            table_name(t.key),
                            column_label(t.key, t.layout, col.key),
                            rows.len()
                        ),
                        format!(
                            "{} lacks the column “{}” ({} cells)",
                            table_name_en(t.key),
                            column_label_en(t.key, t.layout, col.key),
                            rows.len()
                        ),
                    )
                    .with_related(rows.iter().map(|r| cell_at(t.key, r.key, col.key))),
                );
                reported.extend(rows.iter().map(|r| (r.key, col.key)));
            }
        }
    }
    // Single cells, each read at its place in the table (template order).
    for (i, (row, col)) in def.cells().enumerate() {
        if reported.contains(&(row.key, col.key)) || !missing(t.cell_in_place(i, row.key, col.key))
        {
            continue;
        }
        // The row was read, this cell of it was not: its values were fewer
        // than its columns, or not where the columns are. Which value is
        // missing the reader cannot tell.
        let row_read = row
            .columns
            .iter()
            .any(|&c| c != col.key && !is_missing(t, row.key, c));
        if row_read || doubted(t, row.key, &[col.key]) {
            let (why, why_en) = if row_read {
                (
                    "该行已找到，但其数字少于列数或不在列下，无法确定放在哪一列",
                    "its row was found, but with fewer figures than columns or not under them, so they cannot be placed",
                )
            } else {
                (
                    "表中另有未能归入任何一行的数字，该单元格可能就在其中",
                    "the table holds figures the checker could not put under any row, and the cell may be among them",
                )
            };
            out.push(
                Diagnostic::new(
                    "F003",
                    Severity::Warning,
                    cell_at(t.key, row.key, col.key),
                    format!(
                        "{}的单元格“{}”未能读出：{why}，未予核对",
                        table_name(t.key),
                        super::cell_name(t, row.key, col.key)
                    ),
                    format!(
                        "the cell “{}” of {} could not be read: {why_en}; not checked",
                        super::cell_name_en(t, row.key, col.key),
                        table_name_en(t.key)
                    ),
                )
                .with_reading(crate::diagnostic::Reading::Uncertain),
            );
            continue;
        }
        out.push(finding(
            "F003",
            cell_at(t.key, row.key, col.key),
            format!(
                "{}缺少单元格“{}”",
                table_name(t.key),
                super::cell_name(t, row.key, col.key)
            ),
            format!(
                "{} lacks the cell “{}”",
                table_name_en(t.key),
                super::cell_name_en(t, row.key, col.key)
            ),
        ));
    }
}

/// Rows whose figures the text ran together: read by the one split the
/// table's identities admit (information, the cells `reconstructed`), or not
/// read because several splits fit, or none (a warning, the cells
/// `uncertain`). The rows not read are `reported`.
fn run_together(t: &TableRead, reported: &mut Vec<(R, C)>, out: &mut Vec<Diagnostic>) {
    let def = table_def(t);
    for a in &t.anomalies {
        let TableAnomaly::RunTogether {
            row, found, splits, ..
        } = a
        else {
            continue;
        };
        let Some(d) = def.row(*row) else { continue };
        let first = d.columns.first().copied().unwrap_or(C::Total);
        let cells = || d.columns.iter().map(|&c| cell_at(t.key, *row, c));
        let label = row_label(t.key, t.layout, *row);
        let label_en = row_label_en(t.key, t.layout, *row);
        if *splits == Some(1) {
            let values: Vec<String> = d
                .columns
                .iter()
                .filter_map(|&c| t.cell(*row, c))
                .filter_map(|c| c.raw.as_ref().map(|r| r.to_string()))
                .collect();
            out.push(
                Diagnostic::new(
                    "F003",
                    Severity::Info,
                    cell_at(t.key, *row, first),
                    format!(
                        "{}的“{label}”一行数字在文中连写为“{found}”，已按唯一可能的拆分读出：{}",
                        table_name(t.key),
                        values.join("、")
                    ),
                    format!(
                        "the figures of the row “{label_en}” of {} run together in the text (“{found}”); read in the only split that fits: {}",
                        table_name_en(t.key),
                        values.join(", ")
                    ),
                )
                .with_reading(crate::diagnostic::Reading::Reconstructed)
                .with_related(cells()),
            );
            continue;
        }
        let (why, why_en) = match splits {
            None => (
                "过长，拆分方式过多，未予枚举".to_string(),
                "too long: too many ways to split it to try them all".to_string(),
            ),
            Some(0) => (
                "没有一种拆分符合表内勾稽关系".to_string(),
                "no split of it fits the table's identities".to_string(),
            ),
            Some(n) if t.key == TableKey::Proactive => (
                format!("可有{n}种拆分，表二没有可据以确定的勾稽关系"),
                format!("it splits {n} ways, and table 二 has no identity to tell which is meant"),
            ),
            Some(n) => (
                format!("有{n}种拆分都符合表内勾稽关系，无法确定"),
                format!("{n} splits of it fit the table's identities, and which is meant cannot be told"),
            ),
        };
        out.push(
            Diagnostic::new(
                "F003",
                Severity::Warning,
                cell_at(t.key, *row, first),
                format!(
                    "{}的“{label}”一行未能读出：数字在文中连写为“{found}”，{why}；这{}个单元格未予核对",
                    table_name(t.key),
                    d.columns.len()
                ),
                format!(
                    "the row “{label_en}” of {} could not be read: its figures run together in the text (“{found}”), and {why_en}; its {} cells were not checked",
                    table_name_en(t.key),
                    d.columns.len()
                ),
            )
            .with_reading(crate::diagnostic::Reading::Uncertain)
            .with_related(cells()),
        );
        reported.extend(d.columns.iter().map(|&c| (*row, c)));
    }
}

fn f004(t: &TableRead, out: &mut Vec<Diagnostic>) {
    let tpl = Template::get(t.layout);
    let def = tpl.table(t.key);
    for a in &t.anomalies {
        match a {
            TableAnomaly::Merged { rows, found, span } => {
                // The rows it stands for may belong to the other layout (a
                // 2019-style single row read in a 2021 report).
                let row_def = |r: R| {
                    def.row(r)
                        .or_else(|| Template::get(Layout::Y2021).table(t.key).row(r))
                        .or_else(|| Template::get(Layout::Y2019).table(t.key).row(r))
                };
                let labels: Vec<String> = rows
                    .iter()
                    .map(|&r| match row_def(r) {
                        Some(d) if !d.number.is_empty() => d.number.to_string(),
                        Some(d) => super::short_label(d.label).to_string(),
                        None => r.to_string(),
                    })
                    .collect();
                out.push(
                    finding(
                        "F004",
                        Location::Span(*span),
                        format!(
                            "{}中“{found}”一行代替了格式中的{}行（{}），应分行填报",
                            table_name(t.key),
                            rows.len(),
                            labels.join("、")
                        ),
                        format!(
                            "{}: the row “{found}” stands for {} rows of the layout ({}); they should be reported separately",
                            table_name_en(t.key),
                            rows.len(),
                            rows.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    )
                    // Every cell of the rows it stands for: none of them can
                    // be read apart from the others.
                    .with_related(rows.iter().flat_map(|&r| {
                        row_def(r)
                            .map(|d| d.columns)
                            .unwrap_or_default()
                            .iter()
                            .map(move |&c| cell_at(t.key, r, c))
                    })),
                );
            }
            TableAnomaly::Split { row, span } => out.push(finding(
                "F004",
                Location::Span(*span),
                format!(
                    "{}中“{}”一行被拆成了多行",
                    table_name(t.key),
                    row_label(t.key, t.layout, *row)
                ),
                format!(
                    "{}: the row “{}” is split into several rows",
                    table_name_en(t.key),
                    row_label_en(t.key, t.layout, *row)
                ),
            )),
            // A reading matter, said by F003.
            TableAnomaly::RunTogether { .. } => {}
            TableAnomaly::UnknownRow { found, span } => out.push(finding(
                "F004",
                Location::Span(*span),
                format!(
                    "{}中有一行“{found}”，国家格式中没有这一行",
                    table_name(t.key)
                ),
                format!(
                    "{} has a row “{found}” that the national layout does not have",
                    table_name_en(t.key)
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{LabelDeviation, LabelRead};
    use crate::rules::testing::{clean, Builder};
    use crate::span::Span;
    use crate::vocab::template::LabelKey;
    use crate::vocab::template::TableKey::*;

    fn ids(d: &[Diagnostic]) -> Vec<(&'static str, Severity)> {
        d.iter().map(|d| (d.rule, d.severity)).collect()
    }

    #[test]
    fn pass_clean_report() {
        assert!(clean().run(check).is_empty());
    }

    #[test]
    fn pass_2019_layout_for_2020() {
        let f = Builder::new().year(2020).layout(Layout::Y2019).build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn pass_single_other_row_is_not_f001() {
        // Table 三 read with the 2019 rows, table 二 in the 2021 layout: F004's business.
        let mut f = Builder::new().year(2023).build();
        f.report.requests = TableRead {
            layout: Layout::Y2019,
            ..f.report.requests.clone()
        };
        assert!(f.run(check).iter().all(|d| d.rule != "F001"));
    }

    #[test]
    fn fail_f001_both_ways() {
        let f = Builder::new().year(2023).layout(Layout::Y2019).build();
        assert_eq!(ids(&f.run(check)), [("F001", Severity::Error)]);
        let f = Builder::new().year(2020).build();
        assert_eq!(ids(&f.run(check)), [("F001", Severity::Warning)]);
    }

    #[test]
    fn fail_f002_label_deviation() {
        let f = Builder::new()
            .label(
                Requests,
                LabelRead {
                    kind: LabelKind::Row,
                    key: LabelKey::Row(R::WithheldProhibitedByLaw),
                    found: "其他法律行政禁止公开".into(),
                    span: Span::new(0, 3),
                    deviation: Some(LabelDeviation {
                        expected: "其他法律行政法规禁止公开",
                        detail: "缺少“法规”二字".into(),
                        detail_en: "“法规” is missing".into(),
                    }),
                },
            )
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), [("F002", Severity::Warning)]);
        assert!(d[0].message.contains("缺少“法规”二字"));
    }

    #[test]
    fn fail_f003_rows_columns_cells() {
        let mut b = Builder::new();
        for c in [
            C::NaturalPerson,
            C::Commercial,
            C::Research,
            C::SocialWelfare,
            C::LegalService,
            C::OtherOrg,
            C::Total,
        ] {
            b = b.missing(Requests, R::WithheldAdministrativeQuery, c);
        }
        for r in [R::Review, R::LitigationDirect, R::LitigationAfterReview] {
            b = b.missing(Appeals, r, C::Pending);
        }
        let d = b.missing(Proactive, R::Fees, C::Amount).build().run(check);
        let msgs: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "表二（主动公开政府信息情况）缺少单元格“行政事业性收费/本年收费金额”",
                "表三（收到和处理政府信息公开申请情况）缺少“属于行政查询事项”一行（7个单元格）",
                "表四（政府信息公开行政复议、行政诉讼情况）缺少“尚未审结”一列（3个单元格）",
            ]
        );
    }

    #[test]
    fn fail_f003_table_not_found() {
        let mut f = clean();
        f.report.appeals = TableRead::missing(Appeals, Layout::Y2021);
        let d = f.run(check);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].expected, Some(15.into()));
    }

    #[test]
    fn fail_f004_merged_row() {
        let f = Builder::new()
            .anomaly(
                Requests,
                TableAnomaly::Merged {
                    rows: vec![R::OtherOverdueCorrection, R::OtherUnpaidFee, R::OtherMisc],
                    found: "（六）其他处理".into(),
                    span: Span::new(0, 3),
                },
            )
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), [("F004", Severity::Warning)]);
        assert!(
            d[0].message.contains("代替了格式中的3行"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn a_missing_table_is_placed_in_its_section() {
        let mut f = Builder::new().build();
        f.report.requests = TableRead::missing(TableKey::Requests, Layout::Y2021);
        let d = f.run(check);
        let three = f.report.section(3).map(|s| Location::Span(s.heading));
        assert_eq!(d.iter().map(|d| Some(d.at)).collect::<Vec<_>>(), [three]);
        f.report.sections.retain(|s| s.ordinal != 3);
        assert_eq!(f.run(check)[0].at, Location::Document);
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .year(2023)
            .layout(Layout::Y2019)
            .missing(Appeals, R::Review, C::Upheld)
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
