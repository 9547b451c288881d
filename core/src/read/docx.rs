//! Word documents (.docx, from Word or WPS).
//!
//! Reads the main document part: paragraphs, and tables as real tables with
//! their merged cells (`w:gridSpan` → column span, `w:vMerge` → row span on
//! the first cell and a continuation placeholder below). The text of all runs
//! of a paragraph is joined, so a number Word split over several runs reads
//! whole; field codes (`w:instrText`) are dropped and field results kept;
//! deleted text of tracked changes, drawings and text boxes are skipped.
//! List numbers Word writes itself (`numbering.xml`) are put in the text, and
//! Excel objects embedded in the document are read as tables.

use super::error::{nested_too_deep, too_much_text};
use super::grid::{Builder, Item, RawCell, RawTable, VMerge};
use super::limits::MAX_NESTING;
use super::markup::{attr, local, unescape, Tok, Tokenizer};
use super::ooxml::{self, Package};
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Document, InputKind};
use std::collections::{HashMap, HashSet};

/// The Word reader: the package read as a Word document, whatever it holds
/// (the package step of [`super::read`] sends a workbook to the .xlsx reader).
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    read_package(Package::open_as(bytes, limits, InputKind::Docx)?, limits)
}

/// Read the Word document of an opened package.
pub(crate) fn read_package(
    mut package: Package<'_>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let part = package.main_part()?;
    let zip = &mut package.zip;
    let Some(xml) = zip.read_text(&part)? else {
        return Err(ReadError::new(
            ReadErrorKind::Corrupt,
            "这不是有效的 Word 文档：缺少正文部分 word/document.xml。",
            "This is not a valid Word document: the main part word/document.xml is missing.",
        ));
    };
    let mut numbering = Numbering::default();
    if xml.contains("numPr") || xml.contains("pStyle") {
        if let Some(n) = zip.read_text("word/numbering.xml")? {
            numbering.read_numbering(&n);
        }
        // Styles matter only when some list is defined and some paragraph has a style.
        if !numbering.abstracts.is_empty() && xml.contains("pStyle") {
            if let Some(st) = zip.read_text("word/styles.xml")? {
                numbering.read_styles(&st);
            }
        }
    }
    // Excel objects embedded in the document: their relationship ids → parts.
    let mut targets: HashMap<String, String> = HashMap::new();
    if xml.contains("OLEObject") {
        let dir = ooxml::folder_of(&part);
        if let Some(rels) = zip.read_text(&ooxml::rels_of(&part))? {
            for tok in Tokenizer::new(&rels, false) {
                if let Tok::Start { name, attrs, .. } = tok {
                    if let (true, Some(id), Some(t)) = (
                        local(name) == "Relationship",
                        attr(attrs, "Id"),
                        attr(attrs, "Target"),
                    ) {
                        targets.insert(id.into_owned(), ooxml::resolve(dir, &t));
                    }
                }
            }
        }
    }
    let mut embedded = 0;
    let mut embed = |rid: &str| -> Option<RawTable> {
        embedded += 1;
        if embedded > MAX_EMBEDDED {
            return None;
        }
        let bytes = zip.read(targets.get(rid)?).ok()??;
        super::xlsx::embedded_table(&bytes)
    };
    let items = document_items(&xml, &mut numbering, &mut embed, limits)?;
    word_document(&items, InputKind::Docx, "utf-8")
}

/// The document of a Word file's paragraphs and tables (a .docx, or a .doc or
/// .wps read by `word97`), with their places; one without text is refused.
pub(super) fn word_document(
    items: &[Item],
    kind: InputKind,
    encoding: &str,
) -> Result<Document, ReadError> {
    let mut b = Builder::with_places();
    b.items(items);
    let doc = b.finish(kind, encoding);
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
    "delText",
    "instrText",
    "del",
    "drawing",
    "pict",
    "AlternateContent",
    "object",
    "rPr",
    "sectPr",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
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
/// Most embedded Excel objects read from one document.
const MAX_EMBEDDED: usize = 20;

///
/// Refuses a part whose tables nest deeper than [`MAX_NESTING`] or whose
/// text passes `max_text_bytes`, as soon as it does, before the rest is built.
pub(crate) fn document_items(
    xml: &str,
    numbering: &mut Numbering,
    embed: &mut dyn FnMut(&str) -> Option<RawTable>,
    limits: &Limits,
) -> Result<Vec<Item>, ReadError> {
    // Bytes of text gathered so far.
    let mut text_bytes = 0usize;
    let mut root: Vec<Item> = Vec::new();
    // Tables of embedded Excel objects, placed after the paragraph holding them.
    let mut pending: Vec<Item> = Vec::new();
    // Paragraph properties: inside `w:pPr`, and the list it belongs to.
    let mut in_ppr = false;
    let mut p_style: Option<String> = None;
    let mut p_num: Option<(Option<String>, Option<u8>)> = None;
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
                Tok::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    if local(name) == "OLEObject"
                        && attr(attrs, "ProgID").is_some_and(|p| p.starts_with("Excel.Sheet"))
                    {
                        if let Some(t) = attr(attrs, "id").and_then(|rid| embed(&rid)) {
                            pending.push(Item::Table(t));
                        }
                    }
                    if !self_closing {
                        skip += 1;
                    }
                }
                Tok::End { .. } => skip -= 1,
                _ => {}
            }
            continue;
        }
        match tok {
            Tok::Text(s) => {
                if in_t && !fields.last().copied().unwrap_or(false) {
                    if let Some(p) = para.as_mut() {
                        text_bytes += s.len();
                        if text_bytes > limits.max_text_bytes {
                            return Err(too_much_text(text_bytes, limits));
                        }
                        p.push_str(&unescape(s));
                    }
                }
            }
            Tok::Cdata(s) => {
                if in_t {
                    if let Some(p) = para.as_mut() {
                        text_bytes += s.len();
                        if text_bytes > limits.max_text_bytes {
                            return Err(too_much_text(text_bytes, limits));
                        }
                        p.push_str(s);
                    }
                }
            }
            Tok::Start {
                name,
                attrs,
                self_closing,
            } => {
                let l = local(name);
                if SKIP.contains(&l) {
                    if !self_closing {
                        skip = 1;
                    }
                    continue;
                }
                if l == "pPr" {
                    in_ppr = !self_closing;
                    continue;
                }
                if in_ppr {
                    match l {
                        "pStyle" => p_style = attr(attrs, "val").map(|v| v.into_owned()),
                        "numId" => {
                            p_num.get_or_insert((None, None)).0 =
                                attr(attrs, "val").map(|v| v.into_owned())
                        }
                        "ilvl" => {
                            p_num.get_or_insert((None, None)).1 =
                                attr(attrs, "val").and_then(|v| v.parse().ok())
                        }
                        _ => {}
                    }
                    continue;
                }
                let in_code = fields.last().copied().unwrap_or(false);
                match l {
                    "p" => {
                        para = Some(String::new());
                        p_style = None;
                        p_num = None;
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
                        let page =
                            attr(attrs, "type").is_some_and(|t| t == "page" || t == "column");
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
                        if tables.len() >= MAX_NESTING {
                            return Err(nested_too_deep(MAX_NESTING));
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
                            t.grid_before = attr(attrs, "val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(0)
                                .min(1000);
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            let before = if t.row.as_ref().is_none_or(Vec::is_empty) {
                                t.grid_before
                            } else {
                                0
                            };
                            t.cell = Some(RawCell {
                                skip_before: before,
                                ..RawCell::default()
                            });
                        }
                    }
                    "gridSpan" => {
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.col_span = attr(attrs, "val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1)
                                .max(1);
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
                    // Legacy horizontal merge: a continuing cell widens the one before.
                    "hMerge" if attr(attrs, "val").as_deref() != Some("restart") => {
                        if let Some(t) = tables.last_mut() {
                            if let (Some(c), Some(prev)) =
                                (t.cell.as_mut(), t.row.as_mut().and_then(|r| r.last_mut()))
                            {
                                prev.col_span = prev.col_span.saturating_add(c.col_span);
                                c.col_span = 0; // marks the cell to drop
                            }
                        }
                    }
                    _ => {}
                }
            }
            Tok::End { name } => match local(name) {
                "pPr" => in_ppr = false,
                "t" => in_t = false,
                "p" => {
                    if let Some(mut p) = para.take() {
                        if let Some(label) = numbering.label(p_style.as_deref(), p_num.take()) {
                            p.insert_str(0, &label);
                        }
                        let c = container(&mut root, &mut tables);
                        c.push(Item::Para(p));
                        c.append(&mut pending);
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
    container(&mut root, &mut tables).append(&mut pending);
    while let Some(mut t) = tables.pop() {
        if let Some(c) = t.cell.take() {
            t.row.get_or_insert_with(Vec::new).push(c);
        }
        if let Some(r) = t.row.take() {
            t.table.rows.push(r);
        }
        container(&mut root, &mut tables).push(Item::Table(t.table));
    }
    Ok(root)
}

// ---------------------------------------------------------------------------
// Automatic list numbering (一、 （一） 1. written by Word, not typed)

/// One level of a list definition.
#[derive(Clone, Debug, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
}

/// The list a paragraph style carries, and the style it is based on.
#[derive(Clone, Debug, Default)]
struct StyleList {
    num: Option<String>,
    ilvl: Option<u8>,
    based_on: Option<String>,
}

/// The list definitions of `word/numbering.xml`, the lists attached to
/// paragraph styles in `word/styles.xml`, and the running counters.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, Vec<(u8, i64)>)>,
    styles: HashMap<String, StyleList>,
    counters: HashMap<String, [i64; 9]>,
    started: HashSet<String>,
}

impl Numbering {
    fn read_numbering(&mut self, xml: &str) {
        let mut abs: Option<String> = None;
        let mut lvl: Option<usize> = None;
        let mut num: Option<String> = None;
        let mut over_lvl: Option<u8> = None;
        for tok in Tokenizer::new(xml, false) {
            match tok {
                Tok::Start { name, attrs, .. } => {
                    let v = || attr(attrs, "val").map(|v| v.into_owned());
                    match local(name) {
                        "abstractNum" => abs = attr(attrs, "abstractNumId").map(|v| v.into_owned()),
                        "lvl" => {
                            lvl = attr(attrs, "ilvl")
                                .and_then(|v| v.parse::<usize>().ok())
                                .filter(|l| *l < 9);
                            if let (Some(a), Some(l)) = (&abs, lvl) {
                                let levels = self.abstracts.entry(a.clone()).or_default();
                                if levels.len() <= l {
                                    levels.resize(
                                        l + 1,
                                        Level {
                                            start: 1,
                                            ..Level::default()
                                        },
                                    );
                                }
                            }
                        }
                        "start" | "numFmt" | "lvlText" => {
                            if let (Some(a), Some(l), Some(val)) = (&abs, lvl, v()) {
                                if let Some(level) =
                                    self.abstracts.get_mut(a).and_then(|ls| ls.get_mut(l))
                                {
                                    match local(name) {
                                        "start" => level.start = val.parse().unwrap_or(1),
                                        "numFmt" => level.format = val,
                                        _ => level.text = val,
                                    }
                                }
                            }
                        }
                        "num" => num = attr(attrs, "numId").map(|v| v.into_owned()),
                        "abstractNumId" => {
                            if let (Some(n), Some(a)) = (&num, v()) {
                                self.nums
                                    .entry(n.clone())
                                    .or_insert_with(|| (String::new(), Vec::new()))
                                    .0 = a;
                            }
                        }
                        "lvlOverride" => {
                            over_lvl = attr(attrs, "ilvl").and_then(|v| v.parse().ok())
                        }
                        "startOverride" => {
                            if let (Some(n), Some(l), Some(st)) =
                                (&num, over_lvl, v().and_then(|x| x.parse().ok()))
                            {
                                self.nums
                                    .entry(n.clone())
                                    .or_insert_with(|| (String::new(), Vec::new()))
                                    .1
                                    .push((l, st));
                            }
                        }
                        _ => {}
                    }
                }
                Tok::End { name } => match local(name) {
                    "abstractNum" => abs = None,
                    "lvl" => lvl = None,
                    "num" => num = None,
                    "lvlOverride" => over_lvl = None,
                    _ => {}
                },
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        // Word's styles part is large (hundreds of KB, mostly run and
        // paragraph properties) and only a few tags of each style matter
        // here: with the usual `w:` prefix, hand the tokenizer just those.
        if !xml.contains("<w:styles") {
            return self.read_style_tags(xml);
        }
        let mut rest = xml;
        while let Some(at) = rest.find("<w:style ") {
            let tail = &rest[at..];
            let head_end = tail.find('>').map_or(tail.len(), |e| e + 1);
            let head = &tail[..head_end];
            if head.ends_with("/>") {
                rest = &tail[head_end..];
                continue;
            }
            let end = tail.find("</w:style>").unwrap_or(tail.len()).max(head_end);
            // A style cut short (no end tag) stops at the next style.
            let end = tail[head_end..end]
                .find("<w:style ")
                .map_or(end, |n| head_end + n);
            let body = &tail[..end];
            let mut small = String::from(head);
            for tag in ["<w:basedOn", "<w:numId", "<w:ilvl"] {
                if let Some(p) = body.find(tag) {
                    let e = body[p..].find('>').map_or(body.len(), |e| p + e + 1);
                    small.push_str(&body[p..e]);
                }
            }
            small.push_str("</w:style>");
            self.read_style_tags(&small);
            rest = &tail[end.max(1)..];
        }
    }

    fn read_style_tags(&mut self, xml: &str) {
        let mut style: Option<String> = None;
        for tok in Tokenizer::new(xml, false) {
            match tok {
                Tok::Start { name, attrs, .. } => {
                    let v = || attr(attrs, "val").map(|v| v.into_owned());
                    match local(name) {
                        "style" => style = attr(attrs, "styleId").map(|v| v.into_owned()),
                        "basedOn" | "numId" | "ilvl" => {
                            if let Some(s) = &style {
                                let e = self.styles.entry(s.clone()).or_default();
                                match local(name) {
                                    "basedOn" => e.based_on = v(),
                                    "numId" => e.num = v(),
                                    _ => e.ilvl = v().and_then(|x| x.parse().ok()),
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Tok::End { name } if local(name) == "style" => style = None,
                _ => {}
            }
        }
    }

    /// The number Word shows before a paragraph, advancing the counters.
    fn label(
        &mut self,
        style: Option<&str>,
        direct: Option<(Option<String>, Option<u8>)>,
    ) -> Option<String> {
        if self.abstracts.is_empty() {
            return None;
        }
        let (mut num, mut ilvl) = direct.unwrap_or((None, None));
        // Fill in from the paragraph style and the styles it is based on.
        let mut st = style.map(str::to_string);
        for _ in 0..10 {
            let Some(s) = st.take() else { break };
            let Some(sl) = self.styles.get(&s) else { break };
            if num.is_none() {
                num = sl.num.clone();
            }
            if ilvl.is_none() {
                ilvl = sl.ilvl;
            }
            st = sl.based_on.clone();
        }
        let num = num?;
        let ilvl = usize::from(ilvl.unwrap_or(0)).min(8);
        let (abs, overrides) = self.nums.get(&num)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let level = levels.get(ilvl)?;
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let counters = self.counters.entry(abs.clone()).or_insert([i64::MIN; 9]);
        if self.started.insert(num.clone()) {
            for (l, st) in &overrides {
                if let Some(c) = counters.get_mut(usize::from(*l)) {
                    *c = st.saturating_sub(1);
                }
            }
        }
        let start = |l: usize| levels.get(l).map_or(1, |x| x.start);
        counters[ilvl] = if counters[ilvl] == i64::MIN {
            start(ilvl)
        } else {
            counters[ilvl].saturating_add(1)
        };
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = i64::MIN;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(8);
                    let n = if counters[l] == i64::MIN {
                        start(l)
                    } else {
                        counters[l]
                    };
                    let fmt = levels.get(l).map_or("decimal", |x| x.format.as_str());
                    out.push_str(&format_number(n, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        if out.is_empty() {
            return None;
        }
        if !out.ends_with(['、', '）', ')', '．', '.', '。', ' ', '　']) {
            out.push(' ');
        }
        Some(out)
    }
}

fn chinese(n: i64) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if !(0..100).contains(&n) {
        return n.to_string();
    }
    let (t, u) = ((n / 10) as usize, (n % 10) as usize);
    match (t, u) {
        (0, u) => D[u].to_string(),
        (1, 0) => "十".to_string(),
        (1, u) => format!("十{}", D[u]),
        (t, 0) => format!("{}十", D[t]),
        (t, u) => format!("{}十{}", D[t], D[u]),
    }
}

pub(crate) fn format_number(n: i64, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "chineseLegalSimplified" => chinese(n),
        "ideographDigital" => n
            .to_string()
            .chars()
            .map(|c| chinese(i64::from(c.to_digit(10).unwrap_or(0))))
            .collect(),
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get(n.saturating_sub(1).clamp(0, 9) as usize)
            .map_or(n.to_string(), |s| s.to_string()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(0xFF10 + d))
                    .unwrap_or(c)
            })
            .collect(),
        "upperLetter" | "lowerLetter" if (1..=26).contains(&n) => {
            let c = (b'A' + (n - 1) as u8) as char;
            if fmt == "lowerLetter" {
                c.to_ascii_lowercase().to_string()
            } else {
                c.to_string()
            }
        }
        "upperRoman" | "lowerRoman" if (1..40).contains(&n) => {
            let mut s = String::new();
            let mut v = n;
            for (k, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
                while v >= k {
                    s.push_str(r);
                    v -= k;
                }
            }
            if fmt == "lowerRoman" {
                s.to_ascii_lowercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}
