//! The workspace's summary workbook (.xlsx): one row per agency and year
//! (the missing ones too), its findings by severity and by rule, the
//! reviewer's decisions, the key figures; then the missing reports, the
//! rules across the workspace, the medians of the key figures per year, and
//! the files that could not be read or placed. Numbers are numbers, rates
//! fractions shown as percentages; names are text (never formulas).

use super::decisions::Decision;
use super::figures::FIGURES;
use super::matrix::{matrix, CellStatus, Entry, MatrixOptions};
use crate::vocab::names::Lang;
use crate::write::docx::{Block, Run};
use crate::write::html::page;
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

fn status_words(s: CellStatus, lang: Lang) -> &'static str {
    match s {
        CellStatus::Missing => lang.pick("缺报", "missing"),
        CellStatus::Errors => lang.pick("有错误", "errors"),
        CellStatus::Warnings => lang.pick("有警告", "warnings"),
        CellStatus::Clean => lang.pick("通过", "clean"),
    }
}

fn percent(v: Option<f64>) -> String {
    // One decimal by integer arithmetic (no float formatting with a precision).
    v.map(|v| {
        let t = (v * 1000.0).round() as i64;
        format!("{}.{}%", t / 10, (t % 10).abs())
    })
    .unwrap_or_default()
}

/// The blocks of the printable summary of a workspace (for a notice, 通报):
/// the totals in one sentence, then each agency and year with its status,
/// findings and key figures, the missing reports, the rules that fired
/// most, and the files that could not be read.
pub fn summary_blocks(
    entries: &[Entry],
    decisions: &[Decision],
    options: &MatrixOptions,
    title: &str,
    lang: Lang,
) -> Vec<Block> {
    let m = matrix(entries, decisions, options);
    let by_id: HashMap<u32, &Entry> = entries.iter().map(|e| (e.id, e)).collect();
    let t = &m.totals;
    let title = if title.is_empty() {
        lang.pick(
            "政府信息公开工作年度报告审核情况",
            "Review of the annual reports",
        )
        .to_string()
    } else {
        title.to_string()
    };
    let mut blocks = vec![Block::Title(title)];
    blocks.push(Block::Paragraph(vec![Run::plain(match lang {
        Lang::Zh => format!(
            "共审核 {} 个机关的年度报告 {} 份，其中 {} 份有错误、{} 份有警告；缺报 {} 份；无法读取 {} 份。已确认问题 {} 项，不是问题 {} 项，待定 {} 项。",
            t.agencies, t.current, t.with_errors, t.with_warnings, t.missing, t.unreadable, t.confirmed, t.dismissed, t.open
        ),
        Lang::En => format!(
            "{} reports of {} agencies reviewed: {} with errors, {} with warnings; {} missing; {} could not be read. {} findings confirmed, {} dismissed, {} open.",
            t.current, t.agencies, t.with_errors, t.with_warnings, t.missing, t.unreadable, t.confirmed, t.dismissed, t.open
        ),
    })]));

    blocks.push(Block::Heading(
        1,
        lang.pick("一、各机关审核情况", "1. Each agency").into(),
    ));
    let mut header: Vec<String> = [
        lang.pick("机关", "Agency"),
        lang.pick("年度", "Year"),
        lang.pick("状态", "Status"),
        lang.pick("错误", "Errors"),
        lang.pick("警告", "Warnings"),
        lang.pick("确认问题", "Confirmed"),
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        FIGURES
            .iter()
            .map(|(_, zh, en)| lang.pick(zh, en).to_string()),
    );
    let mut rows = Vec::new();
    for row in &m.rows {
        for cell in &row.cells {
            let mut r = vec![
                vec![Run::plain(row.name.clone())],
                vec![Run::plain(cell.year.to_string())],
                vec![Run::plain(status_words(cell.status, lang))],
            ];
            match cell.current.and_then(|id| by_id.get(&id)) {
                Some(e) => {
                    for n in [e.errors, e.warnings, cell.confirmed] {
                        r.push(vec![Run::plain(n.to_string())]);
                    }
                    let values = e.figures.values();
                    let cautions = e.figures.cautions();
                    r.push(vec![Run::plain(
                        values[0].map(|v| v.to_string()).unwrap_or_default(),
                    )]);
                    for (v, c) in values[1..].iter().zip(&cautions[1..]) {
                        let mut text = percent(*v);
                        if *c {
                            text.push_str(lang.pick("（样本少）", " (few cases)"));
                        }
                        r.push(vec![Run::plain(text)]);
                    }
                }
                None => r.extend(std::iter::repeat_n(Vec::new(), 3 + FIGURES.len())),
            }
            rows.push(r);
        }
    }
    blocks.push(Block::Table {
        header,
        rows,
        widths: vec![1900, 600, 700, 500, 500, 600, 800, 800, 800, 800, 800],
    });

    let missing: Vec<String> = m
        .rows
        .iter()
        .flat_map(|r| {
            r.cells
                .iter()
                .filter(|c| c.status == CellStatus::Missing)
                .map(move |c| match lang {
                    Lang::Zh => format!("{}（{} 年度）", r.name, c.year),
                    Lang::En => format!("{} ({})", r.name, c.year),
                })
        })
        .collect();
    blocks.push(Block::Heading(
        1,
        lang.pick("二、缺报情况", "2. Missing reports").into(),
    ));
    blocks.push(Block::Paragraph(vec![Run::plain(if missing.is_empty() {
        lang.pick("无。", "None.").to_string()
    } else {
        missing.join(lang.pick("；", "; "))
    })]));

    blocks.push(Block::Heading(
        1,
        lang.pick("三、常见问题", "3. The most frequent findings")
            .into(),
    ));
    let rule_rows: Vec<Vec<Vec<Run>>> = m
        .rules
        .iter()
        .map(|r| {
            vec![
                vec![Run::plain(r.rule.clone())],
                vec![Run::plain(lang.pick(&r.title, &r.title_en).to_string())],
                vec![Run::plain(r.findings.to_string())],
                vec![Run::plain(r.reports.to_string())],
            ]
        })
        .collect();
    if rule_rows.is_empty() {
        blocks.push(Block::Paragraph(vec![Run::plain(
            lang.pick("无。", "None."),
        )]));
    } else {
        blocks.push(Block::Table {
            header: [
                lang.pick("规则", "Rule"),
                lang.pick("名称", "Title"),
                lang.pick("问题数", "Findings"),
                lang.pick("报告数", "Reports"),
            ]
            .map(String::from)
            .to_vec(),
            rows: rule_rows,
            widths: vec![900, 5100, 1500, 1500],
        });
    }

    let other: Vec<String> = m
        .unreadable
        .iter()
        .chain(&m.unplaced)
        .filter_map(|id| by_id.get(id))
        .map(|e| match (&e.error, lang) {
            (Some(err), _) => format!("{}：{err}", e.file),
            (None, Lang::Zh) => format!("{}：未识别机关或年度", e.file),
            (None, Lang::En) => format!("{}: no agency or year recognised", e.file),
        })
        .collect();
    if !other.is_empty() {
        blocks.push(Block::Heading(
            1,
            lang.pick("四、无法读取或归类的文件", "4. Files not read or placed")
                .into(),
        ));
        for o in other {
            blocks.push(Block::Paragraph(vec![Run::plain(o)]));
        }
    }
    blocks
}

/// The printable summary of a workspace as one HTML page (its style inside
/// it, everything escaped, nothing that runs or loads).
pub fn summary_html(
    entries: &[Entry],
    decisions: &[Decision],
    options: &MatrixOptions,
    title: &str,
    lang: Lang,
) -> String {
    let blocks = summary_blocks(entries, decisions, options, title, lang);
    let title = match blocks.first() {
        Some(Block::Title(t)) => t.clone(),
        _ => String::new(),
    };
    page(&blocks, &title, lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::testing;

    fn seeds() -> Vec<Entry> {
        testing::seed_names()
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let bytes = std::fs::read(format!("{}{n}", testing::SEEDS)).unwrap();
                testing::entry(i as u32 + 1, n, &bytes)
            })
            .collect()
    }

    #[test]
    fn the_printable_summary_names_every_agency_and_shows_markup_as_text() {
        let mut entries = seeds();
        assert_eq!(entries.len(), 5);
        let html = summary_html(&entries, &[], &MatrixOptions::default(), "", Lang::Zh);
        let m = matrix(&entries, &[], &MatrixOptions::default());
        assert_eq!(m.rows.len(), 5);
        for r in &m.rows {
            assert!(html.contains(&r.name), "{} in the summary", r.name);
        }
        assert!(html.contains("5 个机关的年度报告 5 份"), "{html}");
        assert!(html.contains("default-src 'none'"));
        // The one real error of the seeds is 博爱县's A004.
        assert!(html.contains("<td>A004</td>"), "{html}");
        // A name with markup is text.
        entries[0].agency = Some("<script>alert(1)</script>县人民政府".into());
        let html = summary_html(
            &entries,
            &[],
            &MatrixOptions::default(),
            "<b>通报</b>",
            Lang::En,
        );
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
