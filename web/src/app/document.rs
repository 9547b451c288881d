//! The report as read: its paragraphs with the findings marked where they sit,
//! and in place of each statistical table the table rebuilt from what was read.

use super::check::Outcome;
use super::findings::Finding;
use super::highlight::{marks, segments, CellMarks, Mark};
use super::i18n::{texts, Lang};
use super::tables::ReportTable;
use nianbao_core::{Block, Span, TableKey};
use std::rc::Rc;
use yew::prelude::*;

/// Text with its marks, as `<mark>` elements. The first strong piece of each
/// finding gets the id `mark-N` that the findings list scrolls to.
fn marked_text(
    text: &str,
    range: Span,
    text_marks: &[Mark],
    findings: &[Finding],
    lang: Lang,
    anchored: &mut Vec<usize>,
) -> Html {
    let segs = segments(text, range, text_marks);
    let pieces = segs.into_iter().map(|s| {
        let piece = s.text(text).to_string();
        if s.marks.is_empty() {
            return html! { piece };
        }
        let strong = s.is_strong();
        let id = s
            .marks
            .iter()
            .find(|(i, st)| *st && !anchored.contains(i))
            .inspect(|(i, _)| anchored.push(*i))
            .map(|(i, _)| format!("mark-{i}"));
        let title = s
            .marks
            .iter()
            .filter_map(|(i, _)| findings.get(*i))
            .map(|f| f.title(lang))
            .collect::<Vec<_>>()
            .join("\n");
        let rules = s
            .marks
            .iter()
            .filter_map(|(i, _)| findings.get(*i))
            .map(|f| f.diag.rule)
            .collect::<Vec<_>>()
            .join(" ");
        html! {
            <mark {id} class={classes!("hl", if strong { "hl-strong" } else { "hl-related" })}
                {title} data-rules={rules} data-n={numbers(&s.marks)}>{ piece }</mark>
        }
    });
    html! { <>{ for pieces }</> }
}

/// The numbers (as in the list of findings) of the findings that sit on a
/// place, for the printed notes: “1,3”.
pub fn numbers(marks: &[(usize, bool)]) -> Option<String> {
    let n: Vec<String> = marks
        .iter()
        .filter(|(_, strong)| *strong)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    (!n.is_empty()).then(|| n.join(","))
}

/// How much of the document's text is shown: at most this many paragraphs
/// and table cells, and the block that passes this many bytes of text is the
/// last shown. A real report has a few hundred of each and some 30 KB of
/// text; a file of hundreds of thousands of lines (which the checker reads
/// in well under a second) would otherwise hold the page for many seconds
/// while it lays out a DOM of as many pieces, and each piece is cut at every
/// mark of the report.
const SHOWN_PIECES: usize = 3_000;
const SHOWN_BYTES: usize = 512 << 10;

#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    pub lang: Lang,
    pub outcome: Rc<Outcome>,
    pub findings: Rc<Vec<Finding>>,
    pub cell_marks: Rc<CellMarks>,
}

#[function_component(DocumentView)]
pub fn document_view(props: &DocumentProps) -> Html {
    let lang = props.lang;
    let t = texts(lang);
    let Some(checked) = props.outcome.checked() else {
        return html! {};
    };
    let doc = &checked.document;
    let report = &checked.report;
    let text = doc.text.as_str();
    let text_marks = marks(report, props.findings.iter().map(|f| &f.diag));
    let mut anchored = Vec::new();

    let regions: Vec<(TableKey, Span)> = TableKey::ALL
        .iter()
        .filter_map(|k| {
            let t = report.table(*k);
            t.found.then_some(())?;
            Some((*k, t.span?))
        })
        .collect();
    let mut shown: Vec<TableKey> = Vec::new();
    let table_html = |key: TableKey| {
        html! {
            <ReportTable {lang} table={report.table(key).clone()}
                findings={props.findings.clone()} marks={props.cell_marks.clone()} />
        }
    };

    let mut body: Vec<Html> = Vec::new();
    if doc.blocks.is_empty() {
        body.push(html! {
            <p class="para">{ marked_text(text, Span::new(0, text.len().min(SHOWN_BYTES)), &text_marks, &props.findings, lang, &mut anchored) }</p>
        });
    }
    // Pieces (paragraphs, cells) and bytes of text shown so far.
    let (mut pieces, mut bytes) = (0usize, 0usize);
    // The first block not shown whole, once the limit is reached.
    let mut cut = None;
    for (at, block) in doc.blocks.iter().enumerate() {
        if cut.is_some() {
            break;
        }
        if pieces >= SHOWN_PIECES || bytes >= SHOWN_BYTES {
            cut = Some(at);
            break;
        }
        let span = block.span();
        if let Some((key, _)) = regions
            .iter()
            .find(|(_, r)| r.start < span.end.max(span.start + 1) && span.start < r.end)
        {
            if !shown.contains(key) {
                shown.push(*key);
                body.push(table_html(*key));
            }
            continue;
        }
        match block {
            Block::Paragraph(p) => {
                if p.span.is_empty() {
                    continue;
                }
                pieces += 1;
                bytes += p.span.len();
                body.push(html! {
                    <p class="para">{ marked_text(text, p.span, &text_marks, &props.findings, lang, &mut anchored) }</p>
                });
            }
            Block::Table(tb) => {
                // A table of more cells than are left is shown in part; the
                // note after it counts it with the blocks not shown.
                let shown_rows = tb
                    .rows
                    .iter()
                    .take_while(|row| {
                        let fits = pieces < SHOWN_PIECES;
                        pieces += if fits { row.len() } else { 0 };
                        fits
                    })
                    .count();
                bytes += span.len();
                if shown_rows < tb.rows.len() {
                    cut = Some(at);
                }
                let rows = tb.rows[..shown_rows].iter().map(|row| {
                    let cells = row.iter().filter(|c| !c.continuation).map(|c| {
                        html! {
                            <td colspan={(c.col_span.max(1)).to_string()} rowspan={(c.row_span.max(1)).to_string()}>
                                { marked_text(text, c.span, &text_marks, &props.findings, lang, &mut anchored) }
                            </td>
                        }
                    }).collect::<Vec<_>>();
                    html! { <tr>{ for cells }</tr> }
                }).collect::<Vec<_>>();
                body.push(html! {
                    <div class="table-wrap"><table class="raw"><tbody>{ for rows }</tbody></table></div>
                });
            }
        }
    }
    if let Some(at) = cut {
        body.push(html! {
            <p class="para doc-cut" role="note">{ super::i18n::document_cut(lang, doc.blocks.len() - at) }</p>
        });
    }
    // Tables read but not placed in the text above, and tables not found.
    let rest: Vec<Html> = TableKey::ALL
        .into_iter()
        .filter(|k| !shown.contains(k))
        .map(table_html)
        .collect();

    html! {
        <section class="document" aria-labelledby="document-title">
            <h2 id="document-title">{ t.document_text }</h2>
            <div class="doc-body">{ for body }</div>
            if !rest.is_empty() {
                <h3 class="tables-title">{ t.tables }</h3>
                { for rest }
            }
        </section>
    }
}
