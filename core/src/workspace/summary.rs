//! The workspace's summary workbook (.xlsx): one row per agency and year
//! (the missing ones too), its findings by severity and by rule, the
//! reviewer's decisions, the key figures; then the missing reports, the
//! rules across the workspace, the medians of the key figures per year, and
//! the files that could not be read or placed. Numbers are numbers, rates
//! fractions shown as percentages; names are text (never formulas).

use super::decisions::Decision;
use super::figures::FIGURES;
use super::matrix::{matrix, CellStatus, Entry, MatrixOptions};
use crate::write::xlsx::{xlsx, Sheet, XCell};
use crate::write::zip::TooLarge;
use std::collections::HashMap;

fn status_text(s: CellStatus) -> &'static str {
    match s {
        CellStatus::Missing => "缺报 missing",
        CellStatus::Errors => "有错误 errors",
        CellStatus::Warnings => "有警告 warnings",
        CellStatus::Clean => "通过 clean",
    }
}

fn headings(names: &[&str]) -> Vec<XCell> {
    names
        .iter()
        .map(|n| XCell::Heading(n.to_string()))
        .collect()
}

/// The summary workbook of a workspace.
pub fn summary_workbook(
    entries: &[Entry],
    decisions: &[Decision],
    options: &MatrixOptions,
    title: &str,
    created: &str,
) -> Result<Vec<u8>, TooLarge> {
    let m = matrix(entries, decisions, options);
    let by_id: HashMap<u32, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let rules: Vec<&str> = {
        let mut r: Vec<&str> = m.rules.iter().map(|r| r.rule.as_str()).collect();
        r.sort_unstable();
        r
    };

    // Sheet 1: agencies × years.
    let mut head = vec![
        "机关 Agency",
        "年度 Year",
        "文件 File",
        "状态 Status",
        "错误 Errors",
        "警告 Warnings",
        "提示 Infos",
        "待定 Open",
        "确认问题 Confirmed",
        "不是问题 Dismissed",
    ];
    let figure_heads: Vec<String> = FIGURES
        .iter()
        .map(|(_, zh, en)| format!("{zh} {en}"))
        .collect();
    head.extend(figure_heads.iter().map(String::as_str));
    head.push("样本少 Few cases");
    head.extend(rules.iter().copied());
    let mut rows = vec![headings(&head)];
    for row in &m.rows {
        for cell in &row.cells {
            let mut r = vec![
                XCell::text(row.name.clone()),
                XCell::Number(f64::from(cell.year)),
            ];
            let e = cell.current.and_then(|id| by_id.get(&id));
            r.push(XCell::text(e.map(|e| e.file.clone()).unwrap_or_default()));
            r.push(XCell::text(status_text(cell.status)));
            if let Some(e) = e {
                for n in [
                    e.errors,
                    e.warnings,
                    e.infos,
                    cell.open,
                    cell.confirmed,
                    cell.dismissed,
                ] {
                    r.push(XCell::Number(f64::from(n)));
                }
                let values = e.figures.values();
                r.push(XCell::number(values[0]));
                for v in &values[1..] {
                    r.push(XCell::percent(*v));
                }
                let few: Vec<&str> = FIGURES
                    .iter()
                    .zip(e.figures.cautions())
                    .filter(|(_, c)| *c)
                    .map(|((_, zh, _), _)| *zh)
                    .collect();
                r.push(XCell::text(few.join("、")));
                for rule in &rules {
                    r.push(match e.rules.get(*rule) {
                        Some(n) => XCell::Number(f64::from(*n)),
                        None => XCell::Empty,
                    });
                }
            }
            rows.push(r);
        }
    }
    let mut widths = vec![28.0, 8.0, 28.0, 14.0];
    widths.extend([8.0; 6]);
    widths.extend([12.0; 5]);
    widths.push(16.0);
    widths.extend(std::iter::repeat_n(7.0, rules.len()));
    let mut sheets = vec![Sheet {
        name: "汇总 Summary".into(),
        widths,
        rows,
        frozen_rows: 1,
    }];

    // Sheet 2: the missing reports.
    let mut missing = vec![headings(&["机关 Agency", "年度 Year"])];
    for row in &m.rows {
        for cell in row.cells.iter().filter(|c| c.status == CellStatus::Missing) {
            missing.push(vec![
                XCell::text(row.name.clone()),
                XCell::Number(f64::from(cell.year)),
            ]);
        }
    }
    sheets.push(Sheet {
        name: "缺报 Missing".into(),
        widths: vec![28.0, 8.0],
        rows: missing,
        frozen_rows: 1,
    });

    // Sheet 3: the rules.
    let mut rule_rows = vec![headings(&[
        "规则 Rule",
        "名称",
        "Title",
        "严重程度 Severity",
        "问题数 Findings",
        "报告数 Reports",
    ])];
    for r in &m.rules {
        rule_rows.push(vec![
            XCell::text(r.rule.clone()),
            XCell::text(r.title.clone()),
            XCell::text(r.title_en.clone()),
            XCell::text(r.severity.clone()),
            XCell::Number(f64::from(r.findings)),
            XCell::Number(f64::from(r.reports)),
        ]);
    }
    sheets.push(Sheet {
        name: "规则 Rules".into(),
        widths: vec![8.0, 30.0, 36.0, 10.0, 10.0, 10.0],
        rows: rule_rows,
        frozen_rows: 1,
    });

    // Sheet 4: medians per year.
    let mut head = vec!["年度 Year".to_string()];
    for (_, zh, en) in FIGURES {
        head.push(format!("{zh} {en}"));
        head.push(format!("{zh} 报告数 n"));
    }
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut median_rows = vec![headings(&head_refs)];
    for (year, med) in &m.medians {
        let mut r = vec![XCell::Number(f64::from(*year))];
        for (i, (v, n)) in med.values.iter().zip(med.counts).enumerate() {
            r.push(if i == 0 {
                XCell::number(*v)
            } else {
                XCell::percent(*v)
            });
            r.push(XCell::Number(n as f64));
        }
        median_rows.push(r);
    }
    sheets.push(Sheet {
        name: "中位数 Medians".into(),
        widths: vec![8.0],
        rows: median_rows,
        frozen_rows: 1,
    });

    // Sheet 5: what could not be read or placed.
    let mut other = vec![headings(&["文件 File", "情况 What", "说明 Message"])];
    for id in &m.unreadable {
        if let Some(e) = by_id.get(id) {
            other.push(vec![
                XCell::text(e.file.clone()),
                XCell::text("无法读取 unreadable"),
                XCell::text(e.error.clone().unwrap_or_default()),
            ]);
        }
    }
    for id in &m.unplaced {
        if let Some(e) = by_id.get(id) {
            other.push(vec![
                XCell::text(e.file.clone()),
                XCell::text("缺少机关或年度 no agency or year"),
                XCell::text(match (&e.agency, e.year) {
                    (None, None) => "未识别机关和年度".to_string(),
                    (None, Some(_)) => "未识别机关".to_string(),
                    (Some(_), _) => "未识别年度".to_string(),
                }),
            ]);
        }
    }
    sheets.push(Sheet {
        name: "未读取 Not read".into(),
        widths: vec![36.0, 24.0, 60.0],
        rows: other,
        frozen_rows: 1,
    });

    xlsx(&sheets, title, created)
}
