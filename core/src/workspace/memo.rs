//! The review memo (整改意见) a reviewer hands an agency: for each of its
//! reports, every finding the reviewer confirmed, in the checker's words,
//! where it is (the table and cell by their names, or the section and
//! line), what would balance it, and the reviewer's note. As a Word
//! document ([`memo_docx`]) and as a printable page ([`memo_html`]), from
//! the same blocks.

use super::decisions::{reconcile, Decision, Status};
use super::stored::{DiagnosticView, LocationView, ResultView};
use crate::vocab::names::{cell_name, cell_name_en, table_name, table_name_en, Lang};
use crate::vocab::template::Layout;
use crate::write::docx::{docx, Block, Properties, Run};
use crate::write::html::page;
use crate::write::zip::TooLarge;

/// One report of the agency, with what the reviewer decided on it.
#[derive(Clone, Debug)]
pub struct MemoReport<'a> {
    /// The report's result.
    pub result: &'a ResultView,
    /// Its cross-report findings (compared with last year's report).
    pub cross: &'a [DiagnosticView],
    /// The fingerprints of its findings, then of its cross-report findings.
    pub fingerprints: &'a [String],
    /// The decisions made on its agency and year.
    pub decisions: Vec<&'a Decision>,
}

/// Who writes the memo, when, in which language.
#[derive(Clone, Debug)]
pub struct MemoOptions {
    /// The language of the memo.
    pub lang: Lang,
    /// The reviewing office, as it signs (may be empty).
    pub reviewer: String,
    /// The date as it is to be printed (may be empty).
    pub date: String,
    /// When the file is made, `YYYY-MM-DDTHH:MM:SSZ`, for the document's
    /// properties (may be empty).
    pub created: String,
}

fn layout_of(result: &ResultView) -> Layout {
    match result.report.as_ref().and_then(|r| r.format.as_deref()) {
        Some("2019") => Layout::Y2019,
        _ => Layout::Y2021,
    }
}

fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Where a finding is, in words.
fn place(result: &ResultView, at: &LocationView, lang: Lang) -> String {
    let layout = layout_of(result);
    if let Some(cell) = at.cell.as_ref().and_then(|c| c.typed()) {
        return match lang {
            Lang::Zh => format!(
                "{} · {}",
                table_name(cell.table),
                cell_name(cell.table, layout, cell.row, cell.column)
            ),
            Lang::En => format!(
                "{} · {}",
                table_name_en(cell.table),
                cell_name_en(cell.table, layout, cell.row, cell.column)
            ),
        };
    }
    if let Some(span) = at.span {
        let section = result.report.as_ref().and_then(|r| {
            r.sections
                .iter()
                .rfind(|s| s.span.is_some_and(|h| h.start <= span.start))
        });
        let line = span.line;
        return match (section, lang) {
            (Some(s), Lang::Zh) => format!("“{}、{}”部分，第 {line} 行", s.number, s.title),
            (Some(s), Lang::En) => format!("section “{} {}”, line {line}", s.number, s.title),
            (None, Lang::Zh) => format!("第 {line} 行"),
            (None, Lang::En) => format!("line {line}"),
        };
    }
    lang.pick("全文", "the report as a whole").to_string()
}

/// What would put the finding right, in words.
fn remedy(result: &ResultView, d: &DiagnosticView, lang: Lang) -> String {
    let layout = layout_of(result);
    let mut out = String::new();
    if let (Some(e), Some(a)) = (&d.expected, &d.actual) {
        let (e, a) = (value_text(e), value_text(a));
        if d.expected.as_ref().is_some_and(|v| v.is_number()) {
            out.push_str(&match lang {
                Lang::Zh => format!("若相关数字无误，此处应为 {e}（报告为 {a}）。"),
                Lang::En => format!(
                    "With the other figures as they are, this should be {e} (the report has {a})."
                ),
            });
        } else {
            out.push_str(&match lang {
                Lang::Zh => format!("应为 {e}（报告为 {a}）。"),
                Lang::En => format!("Should be {e} (the report has {a})."),
            });
        }
    }
    let related: Vec<String> = d
        .related
        .iter()
        .filter_map(|l| l.cell.as_ref()?.typed())
        .map(|c| match lang {
            Lang::Zh => cell_name(c.table, layout, c.row, c.column),
            Lang::En => cell_name_en(c.table, layout, c.row, c.column),
        })
        .collect();
    if !related.is_empty() {
        out.push_str(&match lang {
            Lang::Zh => format!("请一并核对：{}。", related.join("、")),
            Lang::En => format!("Check these cells too: {}.", related.join("; ")),
        });
    }
    if out.is_empty() {
        if let Some(meta) = crate::rules::RULES.iter().find(|r| r.id == d.rule) {
            out.push_str(lang.pick(meta.description, meta.description_en));
        }
    }
    out
}

/// The title and blocks of the memo for one agency.
pub fn memo_blocks(agency: &str, reports: &[MemoReport], o: &MemoOptions) -> (String, Vec<Block>) {
    let lang = o.lang;
    let years: Vec<String> = reports
        .iter()
        .filter_map(|r| r.result.report.as_ref()?.year().map(|y| y.to_string()))
        .collect();
    let title = match lang {
        Lang::Zh => format!("关于{agency}政府信息公开工作年度报告的整改意见"),
        Lang::En => format!("Review of the information-disclosure annual reports of {agency}"),
    };
    let mut blocks = vec![Block::Title(title.clone())];
    blocks.push(Block::Paragraph(vec![Run::plain(match lang {
        Lang::Zh => format!("{agency}："),
        Lang::En => format!("To {agency}:"),
    })]));
    blocks.push(Block::Paragraph(vec![Run::plain(match lang {
        Lang::Zh => format!(
            "经审核，你单位{}年度政府信息公开工作年度报告存在以下问题。请逐项核实，修改后重新发布。",
            if years.is_empty() { "相关".to_string() } else { years.join("、") }
        ),
        Lang::En => format!(
            "We reviewed your annual report{} on government information disclosure{} and found the problems listed below. Please check each one, correct the report and publish it again.",
            if reports.len() > 1 { "s" } else { "" },
            if years.is_empty() { String::new() } else { format!(" for {}", years.join(", ")) }
        ),
    })]));
    for r in reports {
        let year = r.result.report.as_ref().and_then(|x| x.year());
        blocks.push(Block::Heading(
            1,
            match (lang, year) {
                (Lang::Zh, Some(y)) => format!("{y}年度报告"),
                (Lang::En, Some(y)) => format!("The report for {y}"),
                (Lang::Zh, None) => "年度报告".to_string(),
                (Lang::En, None) => "The report".to_string(),
            },
        ));
        blocks.push(Block::Paragraph(vec![
            Run::plain(lang.pick("报告文件：", "File: ")),
            Run::plain(r.result.file.clone()),
        ]));
        let all: Vec<(&DiagnosticView, bool)> = r
            .result
            .diagnostics
            .iter()
            .map(|d| (d, false))
            .chain(r.cross.iter().map(|d| (d, true)))
            .collect();
        let rec = reconcile(r.fingerprints, &r.decisions);
        let mut rows = Vec::new();
        for ((d, cross), (status, decision)) in all.iter().zip(&rec.findings) {
            if *status != Status::Confirmed {
                continue;
            }
            let meta = crate::rules::RULES.iter().find(|m| m.id == d.rule);
            let rule_title = meta.map_or("", |m| lang.pick(m.title, m.title_en));
            let mut what = vec![Run::plain(match lang {
                Lang::Zh => d.message.clone(),
                Lang::En if !d.message_en.is_empty() => d.message_en.clone(),
                Lang::En => d.message.clone(),
            })];
            what.push(Run::plain(format!("\n[{} {rule_title}]", d.rule)));
            let mut place_text = place(r.result, &d.at, lang);
            if *cross {
                place_text.push_str(lang.pick(
                    "（与上一年度报告比较）",
                    " (compared with last year's report)",
                ));
            }
            let note = decision
                .and_then(|i| r.decisions.get(i))
                .map(|d| d.note.clone())
                .unwrap_or_default();
            rows.push(vec![
                vec![Run::plain((rows.len() + 1).to_string())],
                what,
                vec![Run::plain(place_text)],
                vec![Run::plain(remedy(r.result, d, lang))],
                vec![Run::plain(note)],
            ]);
        }
        if rows.is_empty() {
            blocks.push(Block::Paragraph(vec![Run::plain(lang.pick(
                "经审核，该报告没有需要整改的问题。",
                "No problem in this report needs correcting.",
            ))]));
        } else {
            blocks.push(Block::Table {
                header: match lang {
                    Lang::Zh => ["序号", "问题", "位置", "整改建议", "审核意见"],
                    Lang::En => [
                        "No.",
                        "Problem",
                        "Where",
                        "What would put it right",
                        "Reviewer's note",
                    ],
                }
                .map(String::from)
                .to_vec(),
                rows,
                widths: vec![600, 3000, 1900, 2200, 1300],
            });
        }
    }
    if !o.reviewer.is_empty() || !o.date.is_empty() {
        blocks.push(Block::Paragraph(vec![Run::plain(o.reviewer.clone())]));
        blocks.push(Block::Paragraph(vec![Run::plain(o.date.clone())]));
    }
    (title, blocks)
}

/// The memo as a Word document.
pub fn memo_docx(
    agency: &str,
    reports: &[MemoReport],
    o: &MemoOptions,
) -> Result<Vec<u8>, TooLarge> {
    let (title, blocks) = memo_blocks(agency, reports, o);
    docx(
        &blocks,
        &Properties {
            title,
            lang: o.lang.pick("zh-CN", "en-US"),
            created: o.created.clone(),
        },
    )
}

/// The memo as a printable page.
pub fn memo_html(agency: &str, reports: &[MemoReport], o: &MemoOptions) -> String {
    let (title, blocks) = memo_blocks(agency, reports, o);
    page(&blocks, &title, o.lang.code())
}
