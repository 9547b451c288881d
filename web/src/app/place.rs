//! Where a finding sits, in words a person can follow in their own file: the
//! page of a PDF, the paragraph of a Word document, the table and its row and
//! column, the line of a text file; a table cell by the national template's
//! labels. The places are the core's ([`ResolvedSpan`]'s `page`, `paragraph`
//! and `table`, as in the export); this only puts them in words.

use super::i18n::{texts, Lang};
use nianbao_core::export::Resolver;
use nianbao_core::span::ResolvedSpan;
use nianbao_core::vocab::names::{cell_labels, table_short};
use nianbao_core::{Checked, Location};

/// A place in words: the page where the file has pages; then the table, row
/// and column, or else the paragraph (Word); the line and character in a
/// text file, or where the file tells no other place.
pub fn words(lang: Lang, kind: &str, p: &ResolvedSpan) -> String {
    let mut parts = Vec::new();
    if let Some(n) = p.page {
        parts.push(match lang {
            Lang::Zh => format!("第 {n} 页"),
            Lang::En => format!("page {n}"),
        });
    }
    if kind == "text" {
        parts.push(line_words(lang, p));
    } else if let Some(t) = p.table {
        let n = t.number;
        parts.push(match (lang, t.row, t.column) {
            (Lang::Zh, Some(r), Some(c)) => format!("第 {n} 个表格第 {r} 行第 {c} 列"),
            (Lang::En, Some(r), Some(c)) => format!("table {n}, row {r}, column {c}"),
            (Lang::Zh, ..) => format!("第 {n} 个表格"),
            (Lang::En, ..) => format!("table {n}"),
        });
    } else if let (Some(n), None) = (p.paragraph, p.page) {
        parts.push(match lang {
            Lang::Zh => format!("第 {n} 段"),
            Lang::En => format!("paragraph {n}"),
        });
    }
    if parts.is_empty() {
        parts.push(line_words(lang, p));
    }
    parts.join(" · ")
}

fn line_words(lang: Lang, p: &ResolvedSpan) -> String {
    match lang {
        Lang::Zh => format!("第 {} 行第 {} 字", p.line, p.column),
        Lang::En => format!("line {}, character {}", p.line, p.column),
    }
}

/// Where a finding sits, in words: a table cell by its table, row and column
/// labels (and the page it was read on), a span of the text by [`words`],
/// the document as a whole.
pub fn describe(lang: Lang, checked: &Checked, resolver: &Resolver, at: &Location) -> String {
    let kind = checked.document.input.kind.as_str();
    match at {
        Location::Cell(c) => {
            let layout = checked.report.table(c.table).layout;
            let (_, row, column) = cell_labels(lang, layout, c.table, c.row, c.column);
            let mut s = format!("{} · {row} · {column}", table_short(lang, c.table));
            let page = checked
                .report
                .cell(c)
                .and_then(|r| r.span)
                .and_then(|sp| resolver.span(sp).page);
            if let Some(n) = page {
                s.push_str(" · ");
                s.push_str(&match lang {
                    Lang::Zh => format!("第 {n} 页"),
                    Lang::En => format!("page {n}"),
                });
            }
            s
        }
        Location::Span(s) => words(lang, kind, &resolver.span(*s)),
        Location::Document => texts(lang).where_doc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::span::TablePlace;

    fn at(page: Option<u32>, paragraph: Option<u32>, table: Option<TablePlace>) -> ResolvedSpan {
        ResolvedSpan {
            start: 0,
            end: 1,
            line: 7,
            column: 3,
            utf16_start: 0,
            utf16_end: 1,
            page,
            paragraph,
            table,
        }
    }

    #[test]
    fn places_are_put_in_words() {
        let (zh, en) = (Lang::Zh, Lang::En);
        assert_eq!(words(zh, "pdf", &at(Some(3), None, None)), "第 3 页");
        assert_eq!(words(en, "pdf", &at(Some(3), None, None)), "page 3");
        assert_eq!(words(zh, "docx", &at(None, Some(12), None)), "第 12 段");
        let cell = TablePlace {
            number: 2,
            row: Some(5),
            column: Some(4),
        };
        assert_eq!(
            words(zh, "docx", &at(None, None, Some(cell))),
            "第 2 个表格第 5 行第 4 列"
        );
        let whole = TablePlace {
            number: 2,
            row: None,
            column: None,
        };
        assert_eq!(words(en, "docx", &at(None, None, Some(whole))), "table 2");
        // A file without places (text, web pages): the line and character.
        assert_eq!(words(zh, "text", &at(None, None, None)), "第 7 行第 3 字");
        assert_eq!(
            words(en, "html", &at(None, None, None)),
            "line 7, character 3"
        );
    }
}
