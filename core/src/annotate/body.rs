//! Where a place of the checker's document ([`Place`]) lies in the XML of a
//! Word document's body: which `w:p` elements make a paragraph, a table
//! cell or a table, and where in the XML a comment's range can start and
//! end in each.
//!
//! Counted as the Word reader and its builder count: paragraphs with text
//! outside tables, in reading order; tables in the order they open (a table
//! inside another's cell counts after it); rows and grid columns of each
//! table, 1-based. Paragraphs inside text boxes are part of the paragraph
//! that holds them, as the reader skips them.

use crate::document::Place;
use crate::read::markup::{local, Tok, Tokenizer};
use std::collections::HashMap;

/// One `w:p` of the body (not one inside a text box).
#[derive(Clone, Debug)]
pub(crate) struct Para {
    /// Where a range can start: after the opening tag and its properties.
    pub(crate) start: usize,
    /// Where a range can end: before `</w:p>`.
    pub(crate) end: usize,
    /// For `<w:p …/>`: the bytes of the tag's `/>` (a range is written
    /// into it by opening the element).
    pub(crate) empty: Option<(usize, usize)>,
    /// Its text (of `w:t`), for telling which paragraph of a cell holds a
    /// span.
    pub(crate) text: String,
}

/// A stretch of the body a comment can cover: from the start of one
/// paragraph to the end of another (indexes into [`Body::paras`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    pub(crate) first: usize,
    pub(crate) last: usize,
}

/// The body of a Word document, by the places the checker names.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) paras: Vec<Para>,
    /// Paragraphs with text outside tables, in order.
    outside: Vec<usize>,
    /// (table, row, column) → the paragraphs of the cell.
    cells: HashMap<(u32, u32, u32), Range>,
    /// Table number → its paragraphs (of every cell, nested tables too).
    tables: HashMap<u32, Range>,
}

struct OpenTable {
    number: u32,
    row: u32,
    column: u32,
    first: Option<usize>,
    /// The open cell: its grid column, span and paragraphs.
    cell: Option<(u32, u32, Option<usize>, Option<usize>)>,
}

fn val(attrs: &str) -> Option<u32> {
    crate::read::markup::attr(attrs, "w:val")?
        .trim()
        .parse()
        .ok()
}

/// The byte offset of a slice of `s` within it.
fn offset_in(s: &str, part: &str) -> usize {
    part.as_ptr() as usize - s.as_ptr() as usize
}

impl Body {
    /// Read the body's structure from `document.xml`.
    pub(crate) fn read(xml: &str) -> Body {
        let mut body = Body::default();
        let mut tables: Vec<OpenTable> = Vec::new();
        let mut count = 0u32;
        // The open paragraph (an index into body.paras) and how deep in
        // paragraphs we are (text boxes nest them).
        let mut open: Option<usize> = None;
        let mut depth = 0u32;
        // The paragraph whose properties are still to come or being read.
        let mut props: Option<(usize, bool)> = None;
        let mut in_text = false;
        for tok in Tokenizer::new(xml, false) {
            // A paragraph's properties come first: a range starts after them
            // (whitespace may come before them).
            if let Some((_, false)) = props {
                let blank = matches!(tok, Tok::Text(t) if t.trim().is_empty());
                let ppr = matches!(tok, Tok::Start { name, .. } if local(name) == "pPr");
                if !blank && !ppr {
                    props = None;
                }
            }
            match tok {
                Tok::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    let at = offset_in(xml, name);
                    let tag_end = xml[at..].find('>').map_or(xml.len(), |g| at + g + 1);
                    match local(name) {
                        "p" if depth == 0 => {
                            let index = body.paras.len();
                            if self_closing {
                                let attrs_end = offset_in(xml, attrs) + attrs.len();
                                body.paras.push(Para {
                                    start: tag_end,
                                    end: tag_end,
                                    empty: Some((attrs_end, tag_end)),
                                    text: String::new(),
                                });
                            } else {
                                body.paras.push(Para {
                                    start: tag_end,
                                    end: tag_end,
                                    empty: None,
                                    text: String::new(),
                                });
                                open = Some(index);
                                depth = 1;
                                props = Some((index, false));
                            }
                            if let Some(t) = tables.last_mut() {
                                t.first.get_or_insert(index);
                                if let Some(c) = t.cell.as_mut() {
                                    c.2.get_or_insert(index);
                                    c.3 = Some(index);
                                }
                            }
                            if self_closing {
                                body.close_outside(&tables, index);
                            }
                        }
                        "p" if !self_closing => depth += 1,
                        "pPr" if depth == 1 => {
                            if let Some((p, false)) = props {
                                if self_closing {
                                    body.paras[p].start = tag_end;
                                    props = None;
                                } else {
                                    props = Some((p, true));
                                }
                            }
                        }
                        "tbl" if !self_closing && depth == 0 => {
                            count += 1;
                            tables.push(OpenTable {
                                number: count,
                                row: 0,
                                column: 0,
                                first: None,
                                cell: None,
                            });
                        }
                        "tr" if depth == 0 => {
                            if let Some(t) = tables.last_mut() {
                                t.row += 1;
                                t.column = 0;
                            }
                        }
                        "gridBefore" if depth == 0 => {
                            if let Some(t) = tables.last_mut() {
                                t.column += val(attrs).unwrap_or(0);
                            }
                        }
                        "tc" if !self_closing && depth == 0 => {
                            if let Some(t) = tables.last_mut() {
                                t.cell = Some((t.column + 1, 1, None, None));
                            }
                        }
                        "gridSpan" if depth == 0 => {
                            if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                                c.1 = val(attrs).unwrap_or(1).max(1);
                            }
                        }
                        "t" if depth >= 1 => in_text = !self_closing,
                        _ => {}
                    }
                }
                Tok::End { name } => {
                    let at = offset_in(xml, name).saturating_sub(2);
                    match local(name) {
                        "p" if depth == 1 => {
                            depth = 0;
                            if let Some(p) = open.take() {
                                body.paras[p].end = at;
                                if body.paras[p].start > at {
                                    body.paras[p].start = at;
                                }
                                body.close_outside(&tables, p);
                            }
                            props = None;
                        }
                        "p" if depth > 1 => depth -= 1,
                        "pPr" if depth == 1 => {
                            if let Some((p, true)) = props {
                                let end = xml[at..].find('>').map_or(xml.len(), |g| at + g + 1);
                                body.paras[p].start = end;
                                props = None;
                            }
                        }
                        "t" => in_text = false,
                        "tc" if depth == 0 => {
                            if let Some(t) = tables.last_mut() {
                                if let Some((column, span, first, last)) = t.cell.take() {
                                    t.column += span;
                                    if let (Some(first), Some(last)) = (first, last) {
                                        body.cells.insert(
                                            (t.number, t.row, column),
                                            Range { first, last },
                                        );
                                    }
                                }
                            }
                        }
                        "tbl" if depth == 0 => {
                            if let Some(t) = tables.pop() {
                                let last = body.paras.len().checked_sub(1);
                                if let (Some(first), Some(last)) = (t.first, last) {
                                    body.tables.insert(t.number, Range { first, last });
                                    // The paragraphs of a nested table are its
                                    // outer cell's as well.
                                    if let Some(outer) = tables.last_mut() {
                                        outer.first.get_or_insert(first);
                                        if let Some(c) = outer.cell.as_mut() {
                                            c.2.get_or_insert(first);
                                            c.3 = Some(last);
                                        }
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Tok::Text(s) if in_text && depth == 1 => {
                    if let Some(p) = open {
                        body.paras[p]
                            .text
                            .push_str(&crate::read::markup::unescape(s));
                    }
                }
                _ => {}
            }
        }
        body
    }

    /// A paragraph just closed: outside tables and with text, it is counted.
    fn close_outside(&mut self, tables: &[OpenTable], p: usize) {
        if tables.is_empty() && !self.paras[p].text.trim().is_empty() {
            self.outside.push(p);
        }
    }

    /// The paragraphs of a place, when the body has it.
    pub(crate) fn range(&self, place: Place) -> Option<Range> {
        if place.table > 0 {
            if place.row > 0 && place.column > 0 {
                return self
                    .cells
                    .get(&(place.table, place.row, place.column))
                    .copied();
            }
            return self.tables.get(&place.table).copied();
        }
        if place.paragraph > 0 {
            let p = *self.outside.get(place.paragraph as usize - 1)?;
            return Some(Range { first: p, last: p });
        }
        None
    }

    /// The first paragraph with text, for what concerns the whole document.
    pub(crate) fn first(&self) -> Option<Range> {
        let p = self
            .outside
            .first()
            .copied()
            .or_else(|| (!self.paras.is_empty()).then_some(0))?;
        Some(Range { first: p, last: p })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p><w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t xml:space="preserve"> 正文 </w:t></w:r></w:p></w:body></w:document>"#;

    #[test]
    fn places_are_found_in_the_xml() {
        let b = Body::read(XML);
        let p1 = b.range(Place::paragraph(1)).unwrap();
        let para = &b.paras[p1.first];
        assert_eq!(&XML[para.start..para.end], "<w:r><w:t>标题</w:t></w:r>");
        let p2 = b.range(Place::paragraph(2)).unwrap();
        assert_eq!(b.paras[p2.first].text.trim(), "正文");
        let a = b.range(Place::cell(1, 1, 1)).unwrap();
        assert_eq!(b.paras[a.first].text, "a");
        let merged = b.range(Place::cell(1, 1, 2)).unwrap();
        assert_eq!(
            b.paras[merged.first].empty.map(|(s, e)| &XML[s..e]),
            Some("/>")
        );
        let c = b.range(Place::cell(1, 1, 4)).unwrap();
        assert_eq!(b.paras[c.first].text, "c");
        let t = b.range(Place::cell(1, 0, 0)).unwrap();
        assert_eq!((t.first, t.last), (a.first, c.first));
        assert!(b.range(Place::paragraph(3)).is_none());
    }
}
