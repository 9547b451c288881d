//! Checks shared by the fuzz targets, beyond "does not panic".

use nianbao_core::{Block, Document};

/// Every span of a document lies inside its text and on character boundaries.
pub fn spans_in_text(doc: &Document) {
    let ok = |s: nianbao_core::Span| {
        s.start <= s.end
            && s.end <= doc.text.len()
            && doc.text.is_char_boundary(s.start)
            && doc.text.is_char_boundary(s.end)
    };
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                assert!(ok(p.span), "paragraph span {:?} outside the text", p.span)
            }
            Block::Table(t) => {
                assert!(ok(t.span), "table span {:?} outside the text", t.span);
                for cell in t.rows.iter().flatten() {
                    assert!(ok(cell.span), "cell span {:?} outside the text", cell.span);
                }
            }
        }
    }
}
