//! Where a finding sits, in words a person can follow in their own file: the
//! page of a PDF, the paragraph of a Word document or web page, the table and
//! its row and column, the line of a text file; a table cell by the national
//! template's labels.

use super::i18n::{texts, Lang};
use nianbao_core::vocab::names::{cell_labels, table_short};
use nianbao_core::{Block, Checked, Document, LineIndex, Location, Span};

/// A place in the file, counted from 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub page: Option<usize>,
    pub paragraph: Option<usize>,
    /// The table among the file's tables, its row and its column.
    pub table: Option<(usize, usize, usize)>,
    pub line: usize,
    pub column: usize,
}

/// The place of a span of the document's text.
pub fn locate(doc: &Document, index: &LineIndex, span: Span) -> Place {
    let (line, column) = index.line_col(&doc.text, span.start);
    let mut place = Place {
        line,
        column,
        ..Place::default()
    };
    let at = span.start;
    let (mut paragraphs, mut tables) = (0, 0);
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                if p.span.is_empty() {
                    continue;
                }
                paragraphs += 1;
                if p.span.start <= at && at < p.span.end.max(p.span.start + 1) {
                    place.paragraph = Some(paragraphs);
                    break;
                }
            }
            Block::Table(t) => {
                tables += 1;
                let found = t.rows.iter().enumerate().find_map(|(r, row)| {
                    let mut col = 0;
                    row.iter().find_map(|c| {
                        col += c.col_span.max(1) as usize;
                        let s = c.span;
                        (s.start <= at && at < s.end.max(s.start + 1))
                            .then_some((r + 1, col + 1 - c.col_span.max(1) as usize))
                    })
                });
                if let Some((row, col)) = found {
                    place.table = Some((tables, row, col));
                    break;
                }
            }
        }
    }
    place
}

/// A place in words: the page where the file has pages; then the table, row
/// and column, or else the paragraph (Word, web pages); the line and
/// character in a text file.
pub fn words(lang: Lang, kind: &str, p: &Place) -> String {
    let mut parts = Vec::new();
    if let Some(n) = p.page {
        parts.push(match lang {
            Lang::Zh => format!("第 {n} 页"),
            Lang::En => format!("page {n}"),
        });
    }
    if kind == "text" {
        parts.push(match lang {
            Lang::Zh => format!("第 {} 行第 {} 字", p.line, p.column),
            Lang::En => format!("line {}, character {}", p.line, p.column),
        });
    } else if let Some((t, r, c)) = p.table {
        parts.push(match lang {
            Lang::Zh => format!("第 {t} 个表格第 {r} 行第 {c} 列"),
            Lang::En => format!("table {t}, row {r}, column {c}"),
        });
    } else if let (Some(n), None) = (p.paragraph, p.page) {
        parts.push(match lang {
            Lang::Zh => format!("第 {n} 段"),
            Lang::En => format!("paragraph {n}"),
        });
    }
    if parts.is_empty() {
        parts.push(match lang {
            Lang::Zh => format!("第 {} 行第 {} 字", p.line, p.column),
            Lang::En => format!("line {}, character {}", p.line, p.column),
        });
    }
    parts.join(" · ")
}

/// Where a finding sits, in words: a table cell by its table, row and column
/// labels (and the page it was read on), a span of the text by [`words`],
/// the document as a whole.
pub fn describe(lang: Lang, checked: &Checked, index: &LineIndex, at: &Location) -> String {
    let doc = &checked.document;
    let kind = doc.input.kind.as_str();
    match at {
        Location::Cell(c) => {
            let layout = checked.report.table(c.table).layout;
            let (_, row, column) = cell_labels(lang, layout, c.table, c.row, c.column);
            let mut s = format!("{} · {row} · {column}", table_short(lang, c.table));
            let page = checked
                .report
                .cell(c)
                .and_then(|r| r.span)
                .and_then(|sp| locate(doc, index, sp).page);
            if let Some(n) = page {
                s.push_str(" · ");
                s.push_str(&words(
                    lang,
                    kind,
                    &Place {
                        page: Some(n),
                        ..Place::default()
                    },
                ));
            }
            s
        }
        Location::Span(s) => words(lang, kind, &locate(doc, index, *s)),
        Location::Document => texts(lang).where_doc.to_string(),
    }
}
