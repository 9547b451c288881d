//! The positioned-text layout step, for other fixed-layout formats (OFD):
//! each page's height and its glyphs and ruling lines (points, y up, as a
//! PDF page's), laid out and assembled as a PDF's pages are.

pub(crate) use super::content::{PageContent, Placed, Seg};
use super::{assemble, layout};
use crate::document::{Document, InputKind};

/// The document of `pages` (each page's height and content), as the PDF
/// reader would make it, marked as a file of `kind`.
pub(crate) fn document(pages: &[(f64, PageContent)], kind: InputKind) -> Document {
    let mut items = Vec::new();
    for (pi, (height, content)) in pages.iter().enumerate() {
        for it in layout::page(content) {
            items.push((pi, *height, it));
        }
    }
    let mut doc = assemble(items);
    doc.input.kind = kind;
    doc
}
