//! Word documents (.docx, from Word or WPS).
//!
//! Reads the main document part: paragraphs, and tables as real tables with
//! their merged cells (`w:gridSpan` → column span, `w:vMerge` → row span on
//! the first cell and a continuation placeholder below). The text of all runs
//! of a paragraph is joined, so a number Word split over several runs reads
//! whole; field codes (`w:instrText`) are dropped and field results kept;
//! deleted text of tracked changes, drawings and text boxes are skipped.

use super::html::{attr, local, unescape, Builder, Item, RawCell, RawTable, Tok, Tokenizer, VMerge};
use super::zip::{Archive, ZipLimits};
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Document, InputKind};

/// For a zip archive of unknown name, tell .docx from .xlsx by its entries.
pub fn zip_kind(bytes: &[u8]) -> Option<InputKind> {
    let zip = Archive::open(bytes, ZipLimits::default()).ok()?;
    if zip.contains("word/document.xml") {
        Some(InputKind::Docx)
    } else if zip.contains("xl/workbook.xml") {
        Some(InputKind::Xlsx)
    } else {
        None
    }
}

/// The main part named by the package relationships (`word/document.xml` as a rule).
pub(crate) fn main_part(zip: &mut Archive<'_>, rel_suffix: &str, fallback: &str) -> Result<String, ReadError> {
    if let Some(rels) = zip.read_text("_rels/.rels")? {
        for tok in Tokenizer::new(&rels, false) {
            if let Tok::Start { name, attrs, .. } = tok {
                if local(name) == "Relationship"
                    && attr(attrs, "Type").is_some_and(|t| t.ends_with(rel_suffix))
                {
                    if let Some(target) = attr(attrs, "Target") {
                        let target = target.trim_start_matches('/').to_string();
                        if zip.contains(&target) {
                            return Ok(target);
                        }
                    }
                }
            }
        }
    }
    Ok(fallback.to_string())
}

pub fn read(bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = Archive::open(bytes, ZipLimits::default())?;
    if !zip.contains("word/document.xml") && zip.contains("xl/workbook.xml") {
        // A workbook under a Word name: read it for what it is.
        return super::xlsx::read(bytes, _limits);
    }
    let part = main_part(&mut zip, "/officeDocument", "word/document.xml")?;
    let Some(xml) = zip.read_text(&part)? else {
        return Err(ReadError::new(
            ReadErrorKind::Corrupt,
            "这不是有效的 Word 文档：缺少正文部分 word/document.xml。",
            "This is not a valid Word document: the main part word/document.xml is missing.",
        ));
    };
    let items = document_items(&xml);
    let mut b = Builder::new();
    b.items(&items);
    let doc = b.finish(InputKind::Docx, "utf-8");
    if doc.blocks.is_empty() {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "Word 文档中没有文字。如果内容是图片或扫描件，请提供文字版。",
            "The Word document holds no text. If its content is an image or a scan, provide a text version.",
        ));
    }
    Ok(doc)
}

/// Elements whose whole content is skipped: deleted text, field codes,
/// drawings and text boxes, alternative content, comments' anchors.
const SKIP: &[&str] = &[
    "delText", "instrText", "del", "drawing", "pict", "AlternateContent", "object", "rPr", "pPr",
    "sectPr", "footnoteReference", "endnoteReference", "commentReference",
];

struct OpenTable {
    table: RawTable,
    row: Option<Vec<RawCell>>,
    cell: Option<RawCell>,
    /// `w:gridBefore` of the current row.
    grid_before: u32,
}

/// Parse `word/document.xml` (or any part with the same vocabulary) into
/// paragraphs and tables.
pub(crate) fn document_items(xml: &str) -> Vec<Item> {
    let mut root: Vec<Item> = Vec::new();
    let mut tables: Vec<OpenTable> = Vec::new();
    let mut para: Option<String> = None;
    let mut in_t = false;
    let mut skip = 0u32;
    // Complex fields: true while between `begin` and `separate` (the code).
    let mut fields: Vec<bool> = Vec::new();

    fn container<'a>(root: &'a mut Vec<Item>, tables: &'a mut [OpenTable]) -> &'a mut Vec<Item> {
        match tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(c) => &mut c.items,
            None => root,
        }
    }

    for tok in Tokenizer::new(xml, false) {
        if skip > 0 {
            match tok {
                Tok::Start { self_closing: false, .. } => skip += 1,
                Tok::End { .. } => skip -= 1,
                _ => {}
            }
            continue;
        }
        match tok {
            Tok::Text(s) => {
                if in_t && !fields.last().copied().unwrap_or(false) {
                    if let Some(p) = para.as_mut() {
                        p.push_str(&unescape(s));
                    }
                }
            }
            Tok::Cdata(s) => {
                if in_t {
                    if let Some(p) = para.as_mut() {
                        p.push_str(s);
                    }
                }
            }
            Tok::Start { name, attrs, self_closing } => {
                let l = local(name);
                if SKIP.contains(&l) {
                    if !self_closing {
                        skip = 1;
                    }
                    continue;
                }
                let in_code = fields.last().copied().unwrap_or(false);
                match l {
                    "p" => {
                        para = Some(String::new());
                        if self_closing {
                            if let Some(p) = para.take() {
                                container(&mut root, &mut tables).push(Item::Para(p));
                            }
                        }
                    }
                    "t" => in_t = !self_closing,
                    "tab" | "ptab" if !in_code => {
                        // `w:tab` inside `w:tabs` (paragraph properties) is skipped with pPr.
                        if let Some(p) = para.as_mut() {
                            p.push('\t');
                        }
                    }
                    "br" | "cr" if !in_code => {
                        // Page and column breaks end nothing in the text.
                        let page = attr(attrs, "type").is_some_and(|t| t == "page" || t == "column");
                        if let Some(p) = para.as_mut() {
                            if !page {
                                p.push('\n');
                            }
                        }
                    }
                    "noBreakHyphen" if !in_code => {
                        if let Some(p) = para.as_mut() {
                            p.push('-');
                        }
                    }
                    "sym" if !in_code => {
                        if let Some(c) = attr(attrs, "char")
                            .and_then(|h| u32::from_str_radix(&h, 16).ok())
                            .and_then(char::from_u32)
                        {
                            if let Some(p) = para.as_mut() {
                                // Symbol-font private-use code points are not text.
                                if !('\u{F000}'..='\u{F0FF}').contains(&c) {
                                    p.push(c);
                                }
                            }
                        }
                    }
                    "fldChar" => match attr(attrs, "fldCharType").as_deref() {
                        Some("begin") => fields.push(true),
                        Some("separate") => {
                            if let Some(f) = fields.last_mut() {
                                *f = false;
                            }
                        }
                        Some("end") => {
                            fields.pop();
                        }
                        _ => {}
                    },
                    "tbl" if !self_closing => {
                        // A table inside a paragraph cannot be; close any open paragraph.
                        if let Some(p) = para.take() {
                            container(&mut root, &mut tables).push(Item::Para(p));
                        }
                        tables.push(OpenTable {
                            table: RawTable::default(),
                            row: None,
                            cell: None,
                            grid_before: 0,
                        });
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(r) = t.row.take() {
                                t.table.rows.push(r);
                            }
                            t.row = Some(Vec::new());
                            t.grid_before = 0;
                        }
                    }
                    "gridBefore" => {
                        if let Some(t) = tables.last_mut() {
                            t.grid_before = attr(attrs, "val").and_then(|v| v.parse().ok()).unwrap_or(0).min(1000);
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            let before = if t.row.as_ref().is_none_or(Vec::is_empty) { t.grid_before } else { 0 };
                            t.cell = Some(RawCell {
                                skip_before: before,
                                ..RawCell::default()
                            });
                        }
                    }
                    "gridSpan" => {
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.col_span = attr(attrs, "val").and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
                        }
                    }
                    "vMerge" => {
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.vmerge = match attr(attrs, "val").as_deref() {
                                Some("restart") => VMerge::Restart,
                                _ => VMerge::Continue,
                            };
                        }
                    }
                    "hMerge" => {
                        // Legacy horizontal merge: a continuing cell widens the one before.
                        if attr(attrs, "val").as_deref() != Some("restart") {
                            if let Some(t) = tables.last_mut() {
                                if let (Some(c), Some(prev)) = (t.cell.as_mut(), t.row.as_mut().and_then(|r| r.last_mut())) {
                                    prev.col_span = prev.col_span.saturating_add(c.col_span);
                                    c.col_span = 0; // marks the cell to drop
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Tok::End { name } => match local(name) {
                "t" => in_t = false,
                "p" => {
                    if let Some(p) = para.take() {
                        container(&mut root, &mut tables).push(Item::Para(p));
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some(c) = t.cell.take() {
                            if c.col_span > 0 {
                                t.row.get_or_insert_with(Vec::new).push(c);
                            }
                        }
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some(c) = t.cell.take() {
                            t.row.get_or_insert_with(Vec::new).push(c);
                        }
                        if let Some(r) = t.row.take() {
                            t.table.rows.push(r);
                        }
                    }
                }
                "tbl" => {
                    if let Some(mut t) = tables.pop() {
                        if let Some(c) = t.cell.take() {
                            t.row.get_or_insert_with(Vec::new).push(c);
                        }
                        if let Some(r) = t.row.take() {
                            t.table.rows.push(r);
                        }
                        container(&mut root, &mut tables).push(Item::Table(t.table));
                    }
                }
                _ => {}
            },
        }
    }
    // A cut-short part: keep what was read.
    if let Some(p) = para.take() {
        container(&mut root, &mut tables).push(Item::Para(p));
    }
    while let Some(mut t) = tables.pop() {
        if let Some(c) = t.cell.take() {
            t.row.get_or_insert_with(Vec::new).push(c);
        }
        if let Some(r) = t.row.take() {
            t.table.rows.push(r);
        }
        container(&mut root, &mut tables).push(Item::Table(t.table));
    }
    root
}
