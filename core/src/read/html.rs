//! Web pages (.html, .htm, pages saved from a browser).
//!
//! This module also holds the markup pieces the .docx and .xlsx readers share:
//! a small tolerant tokenizer (good for well-formed XML and for real-world
//! HTML alike), entity decoding, the intermediate tree of paragraphs and
//! tables, and the builder that lays tables out (merged cells, placeholders)
//! and writes [`Document::text`] with every span pointing at its own text.

use super::gb18030::Charset;
use super::{ReadError, ReadErrorKind};
use crate::document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Table};
use crate::span::{Span, Trim};
use std::borrow::Cow;

/// True when the bytes look like an HTML page rather than plain text.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let has = |w: &str| crate::search::contains(&head, w);
    has("<html")
        || has("<!doctype html")
        || has("<table")
        || (has("mime-version") && has("multipart/related"))
}

// ---------------------------------------------------------------------------
// Tokenizer

/// One token of markup. Names keep their case; attributes stay raw until asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    Start {
        name: &'a str,
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    /// Text with entities still encoded.
    Text(&'a str),
    /// CDATA content: literal text.
    Cdata(&'a str),
}

/// A tolerant tokenizer: never fails, skips comments, doctypes and processing
/// instructions. In HTML mode the content of `script`, `style` and similar
/// elements is skipped whole.
pub(crate) struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    html: bool,
    /// Raw-text elements found never to close from some point on (so never
    /// searched again: keeps garbage input linear).
    unclosed: Vec<&'static str>,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(s: &'a str, html: bool) -> Self {
        Tokenizer {
            s,
            pos: 0,
            html,
            unclosed: Vec::new(),
        }
    }

    fn find_from(&self, from: usize, pat: &str) -> Option<usize> {
        self.s.get(from..)?.find(pat).map(|i| i + from)
    }

    /// Skip to after `</name` … `>`, case-insensitively (raw-text elements);
    /// when the element is never closed, nothing is skipped.
    fn skip_raw(&mut self, name: &'static str) {
        if self.unclosed.contains(&name) {
            return;
        }
        let bytes = self.s.as_bytes();
        let mut i = self.pos;
        while let Some(off) = self.s.get(i..).and_then(|r| r.find("</")) {
            let at = i + off + 2;
            let end = at + name.len();
            if bytes
                .get(at..end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(end)
                    .is_none_or(|b| *b == b'>' || b.is_ascii_whitespace() || *b == b'/')
            {
                self.pos = self.find_from(end, ">").map_or(self.s.len(), |g| g + 1);
                return;
            }
            i = at;
        }
        // Never closed: read on as ordinary markup rather than lose the page.
        self.unclosed.push(name);
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.') || b >= 0x80
}

/// Elements whose content is not text of the report: scripts and styles, and
/// page furniture (navigation, drop-down lists, embedded graphics).
const HTML_RAW_SKIP: &[&str] = &[
    "script", "style", "title", "noscript", "template", "textarea", "xmp", "nav", "select", "svg",
    "iframe", "object",
];

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        loop {
            let rest = self.s.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.pos += len;
                return Some(Tok::Text(&rest[..len]));
            }
            let b = rest.as_bytes();
            if rest.starts_with("<!--") {
                self.pos = self
                    .find_from(self.pos + 4, "-->")
                    .map_or(self.s.len(), |i| i + 3);
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                let start = self.pos + 9;
                let end = self.find_from(start, "]]>").unwrap_or(self.s.len());
                self.pos = (end + 3).min(self.s.len());
                return Some(Tok::Cdata(self.s.get(start..end).unwrap_or("")));
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.pos = self
                    .find_from(self.pos + 2, ">")
                    .map_or(self.s.len(), |i| i + 1);
                continue;
            }
            let closing = b.get(1) == Some(&b'/');
            let name_start = if closing { 2 } else { 1 };
            let name_len = b
                .get(name_start..)
                .unwrap_or(&[])
                .iter()
                .take_while(|c| is_name_byte(**c))
                .count();
            if name_len == 0
                || !b
                    .get(name_start)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c >= 0x80)
            {
                // A lone '<' in text (tolerated in HTML).
                self.pos += 1;
                return Some(Tok::Text("<"));
            }
            let name = &rest[name_start..name_start + name_len];
            // Find the closing '>' outside quoted attribute values.
            let mut i = name_start + name_len;
            let mut quote = 0u8;
            while let Some(&c) = b.get(i) {
                if quote != 0 {
                    if c == quote {
                        quote = 0;
                    }
                } else if c == b'"' || c == b'\'' {
                    quote = c;
                } else if c == b'>' {
                    break;
                }
                i += 1;
            }
            let tag_end = i.min(b.len());
            let inner = &rest[name_start + name_len..tag_end];
            self.pos += (tag_end + 1).min(rest.len());
            if closing {
                return Some(Tok::End { name });
            }
            let self_closing = inner.trim_end_ws().ends_with('/');
            let attrs = inner.trim_end_ws().trim_end_matches('/');
            if self.html && !self_closing {
                if let Some(raw) = HTML_RAW_SKIP.iter().find(|n| n.eq_ignore_ascii_case(name)) {
                    self.skip_raw(raw);
                    continue;
                }
            }
            return Some(Tok::Start {
                name,
                attrs,
                self_closing,
            });
        }
    }
}

/// The local part of a qualified name (`w:tc` → `tc`).
pub(crate) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The value of an attribute (matched on its local name, ASCII case ignored),
/// entities decoded.
pub(crate) fn attr<'a>(attrs: &'a str, want: &str) -> Option<Cow<'a, str>> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        let ns = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'=' && *c != b'/')
        {
            i += 1;
        }
        let name = attrs.get(ns..i).unwrap_or("");
        while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let vs = i + 1;
                    let ve = attrs
                        .get(vs..)
                        .and_then(|r| r.find(q as char))
                        .map_or(attrs.len(), |e| vs + e);
                    value = attrs.get(vs..ve).unwrap_or("");
                    i = ve + 1;
                }
                _ => {
                    let vs = i;
                    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                        i += 1;
                    }
                    value = attrs.get(vs..i).unwrap_or("");
                }
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        if local(name).eq_ignore_ascii_case(want) || name.eq_ignore_ascii_case(want) {
            return Some(unescape(value));
        }
    }
    None
}

/// Decode character references: numeric ones and the named ones that occur
/// in reports. Unknown names stay as written.
pub(crate) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| j);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = if let Some(num) = ent.strip_prefix('#') {
                let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    num.parse::<u32>().ok()
                };
                v.and_then(char::from_u32)
            } else {
                named_entity(ent)
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        // Non-breaking and typographic spaces read as plain spaces.
        "nbsp" | "ensp" | "emsp" | "thinsp" | "NBSP" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "deg" => '°',
        "copy" => '©',
        "reg" => '®',
        "yen" => '¥',
        "permil" => '‰',
        "bull" => '•',
        "laquo" => '«',
        "raquo" => '»',
        "sect" => '§',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "minus" => '−',
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => '\u{200B}',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// The intermediate tree and the builder

/// A vertical merge as Word marks it (`w:vMerge`): the rows below carry
/// explicit continuation cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

/// Content in reading order.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    Para(String),
    Table(RawTable),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct RawTable {
    pub rows: Vec<Vec<RawCell>>,
}

/// A cell as the source describes it.
#[derive(Clone, Debug)]
pub(crate) struct RawCell {
    pub items: Vec<Item>,
    pub col_span: u32,
    /// Rows covered, for sources (HTML, spreadsheets) whose later rows simply
    /// omit the covered cells; placeholders are inserted for them.
    pub row_span: u32,
    pub vmerge: VMerge,
    /// Empty grid columns before this cell (`w:gridBefore`).
    pub skip_before: u32,
}

impl Default for RawCell {
    fn default() -> Self {
        RawCell {
            items: Vec::new(),
            col_span: 1,
            row_span: 1,
            vmerge: VMerge::None,
            skip_before: 0,
        }
    }
}

impl RawCell {
    pub(crate) fn text(text: String) -> Self {
        RawCell {
            items: vec![Item::Para(text)],
            ..RawCell::default()
        }
    }

    fn has_table(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::Table(_)))
    }

    fn joined(&self) -> String {
        let mut s = String::new();
        for it in &self.items {
            if let Item::Para(p) = it {
                let p = p.trim_ws();
                if p.is_empty() {
                    continue;
                }
                if !s.is_empty() {
                    s.push('\n');
                }
                s.push_str(p);
            }
        }
        s
    }
}

/// A laid-out cell: text and spans final.
#[derive(Clone, Debug)]
struct Laid {
    text: String,
    col_span: u32,
    row_span: u32,
    continuation: bool,
}

/// Most columns or rows one cell may span (guards against absurd attributes).
const MAX_SPAN: u32 = 1000;

/// Cells reaching down are tracked on at most this many grid columns (as many
/// as a spreadsheet has); beyond, a row span gets no placeholders.
const MAX_GRID_COLUMNS: usize = 16_384;

/// Lay a table out on its grid: resolve Word's vertical merges into row spans,
/// and insert a continuation placeholder wherever a cell from a row above
/// reaches down, so that every row keeps its column positions.
fn lay_out(t: &RawTable) -> Vec<Vec<Laid>> {
    let nrows = t.rows.len();
    // Grid column of each source cell.
    let cols: Vec<Vec<u32>> = t
        .rows
        .iter()
        .map(|row| {
            let mut c = 0u32;
            row.iter()
                .map(|cell| {
                    c = c.saturating_add(cell.skip_before);
                    let at = c;
                    c = c.saturating_add(cell.col_span.clamp(1, MAX_SPAN));
                    at
                })
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(nrows);
    // For each grid column: (rows still covered, col_span) of a cell reaching down.
    let mut reach: Vec<(u32, u32)> = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let mut laid = Vec::with_capacity(row.len());
        let mut col = 0u32;
        let emit_reach =
            |upto: u32, col: &mut u32, laid: &mut Vec<Laid>, reach: &mut Vec<(u32, u32)>| {
                while *col < upto {
                    let slot = reach.get_mut(*col as usize).filter(|s| s.0 > 0);
                    match slot {
                        Some(s) => {
                            s.0 -= 1;
                            let span = s.1.max(1);
                            laid.push(Laid {
                                text: String::new(),
                                col_span: span,
                                row_span: 1,
                                continuation: true,
                            });
                            *col = col.saturating_add(span);
                        }
                        None => break,
                    }
                }
            };
        for (i, cell) in row.iter().enumerate() {
            let at = cols[r][i];
            emit_reach(at, &mut col, &mut laid, &mut reach);
            // Also fill a reaching cell that starts exactly where this one would.
            loop {
                let before = col;
                emit_reach(col.saturating_add(1), &mut col, &mut laid, &mut reach);
                if col == before {
                    break;
                }
            }
            let col_span = cell.col_span.clamp(1, MAX_SPAN);
            match cell.vmerge {
                VMerge::Continue => {
                    laid.push(Laid {
                        text: String::new(),
                        col_span,
                        row_span: 1,
                        continuation: true,
                    });
                }
                VMerge::Restart => {
                    // Count the rows below that continue at the same grid column.
                    let mut span = 1u32;
                    for (rr, below) in t.rows.iter().enumerate().skip(r + 1) {
                        // Grid columns grow along a row: find the cell starting at `at`.
                        let cont = cols[rr]
                            .binary_search(&at)
                            .ok()
                            .and_then(|j| below.get(j))
                            .is_some_and(|c| c.vmerge == VMerge::Continue);
                        if !cont {
                            break;
                        }
                        span += 1;
                    }
                    laid.push(Laid {
                        text: cell.joined(),
                        col_span,
                        row_span: span,
                        continuation: false,
                    });
                }
                VMerge::None => {
                    let left = (nrows - r) as u32;
                    let row_span = if cell.row_span == 0 {
                        left
                    } else {
                        cell.row_span.min(left).clamp(1, MAX_SPAN)
                    };
                    let idx = col.max(at) as usize;
                    if row_span > 1 && idx < MAX_GRID_COLUMNS {
                        if reach.len() <= idx {
                            reach.resize(idx + 1, (0, 0));
                        }
                        reach[idx] = (row_span - 1, col_span);
                    }
                    laid.push(Laid {
                        text: cell.joined(),
                        col_span,
                        row_span,
                        continuation: false,
                    });
                }
            }
            col = col.max(at).saturating_add(col_span);
        }
        // Cells from above reaching past the last cell of this row.
        let width = reach.len() as u32;
        while col < width {
            let before = col;
            emit_reach(col.saturating_add(1), &mut col, &mut laid, &mut reach);
            if col == before {
                col += 1;
            }
        }
        out.push(laid);
    }
    out
}

/// Writes [`Document::text`] and the blocks whose spans point into it.
pub(crate) struct Builder {
    text: String,
    blocks: Vec<Block>,
}

impl Builder {
    pub(crate) fn new() -> Self {
        Builder {
            text: String::new(),
            blocks: Vec::new(),
        }
    }

    /// A paragraph (trimmed; nothing for blank text), then a line break.
    pub(crate) fn paragraph(&mut self, s: &str) {
        let s = s.trim_ws();
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        let span = Span::new(start, self.text.len());
        self.text.push('\n');
        self.blocks.push(Block::Paragraph(Paragraph { span }));
    }

    /// Items in order: paragraphs, and tables — a table holding other tables,
    /// or a single cell, is a layout table and is read as its content.
    pub(crate) fn items(&mut self, items: &[Item]) {
        for it in items {
            match it {
                Item::Para(p) => self.paragraph(p),
                Item::Table(t) => self.table(t),
            }
        }
    }

    pub(crate) fn table(&mut self, t: &RawTable) {
        let n_cells: usize = t.rows.iter().map(Vec::len).sum();
        let nested = t.rows.iter().flatten().any(RawCell::has_table);
        if nested || n_cells <= 1 {
            for cell in t.rows.iter().flatten() {
                self.items(&cell.items);
            }
            return;
        }
        let laid = lay_out(t);
        // One row per line, cells separated by tabs; a cell's own line breaks stay.
        let start = self.text.len();
        let mut rows = Vec::with_capacity(laid.len());
        for row in laid {
            let mut cells = Vec::with_capacity(row.len());
            for (i, c) in row.into_iter().enumerate() {
                if i > 0 {
                    self.text.push('\t');
                }
                let s = self.text.len();
                self.text.push_str(&c.text);
                let span = Span::new(s, self.text.len());
                cells.push(Cell {
                    text: c.text.into(),
                    span,
                    col_span: c.col_span,
                    row_span: c.row_span,
                    continuation: c.continuation,
                });
            }
            self.text.push('\n');
            rows.push(cells);
        }
        if rows.iter().all(Vec::is_empty) {
            return;
        }
        let end = self.text.len().saturating_sub(1).max(start);
        self.blocks.push(Block::Table(Table {
            rows,
            span: Span::new(start, end),
        }));
    }

    pub(crate) fn finish(self, kind: InputKind, encoding: &str) -> Document {
        Document {
            lines: Default::default(),
            text: self.text,
            blocks: self.blocks,
            input: InputInfo {
                kind,
                encoding: encoding.to_string(),
                layout: "table".to_string(),
            },
        }
    }
}

// ---------------------------------------------------------------------------
// The HTML reader

/// Decode a page: BOM, then a declared charset (`<meta charset>` or
/// `http-equiv` content type), then UTF-8 if valid, else GB18030.
///
/// Only UTF-8, GB18030 (and its subsets GBK, GB2312) and UTF-16 are decoded;
/// a page declaring another charset (Big5, Shift_JIS, …) is read as if it
/// declared none: UTF-8 if valid, else GB18030 — the best guess for a
/// Chinese government page.
pub fn decode_html(bytes: &[u8]) -> (String, &'static str) {
    if let Some((cs, bom)) = Charset::for_bom(bytes) {
        let (s, _) = cs.decode(bytes.get(bom..).unwrap_or_default());
        return (s, cs.name());
    }
    if let Some(cs) = declared_charset(bytes) {
        // A page declared UTF-8 that is not valid UTF-8 was probably saved as GBK.
        let cs = if cs == Charset::Utf8 && std::str::from_utf8(bytes).is_err() {
            Charset::Gb18030
        } else {
            cs
        };
        let (s, _) = cs.decode(bytes);
        return (s, cs.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), "utf-8"),
        Err(_) => {
            let (s, _) = Charset::Gb18030.decode(bytes);
            (s, "gb18030")
        }
    }
}

fn declared_charset(bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(4096)];
    // ASCII-only view: other bytes become spaces so that offsets stay put.
    let head: String = head
        .iter()
        .map(|b| {
            if b.is_ascii() {
                b.to_ascii_lowercase() as char
            } else {
                ' '
            }
        })
        .collect();
    for tok in Tokenizer::new(&head, true) {
        if let Tok::Start { name, attrs, .. } = tok {
            if name != "meta" {
                continue;
            }
            if let Some(cs) = attr(attrs, "charset") {
                if let Some(e) = Charset::for_label(&cs) {
                    return Some(e);
                }
            }
            if let Some(content) = attr(attrs, "content") {
                if let Some(i) = content.find("charset=") {
                    let cs = content[i + 8..]
                        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
                    let cs = cs
                        .split(|c: char| c == ';' || c.is_whitespace())
                        .next()
                        .unwrap_or("");
                    if let Some(e) = Charset::for_label(cs) {
                        return Some(e);
                    }
                }
            }
        }
    }
    None
}

/// Elements that start and end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "center",
    "caption",
    "address",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "hr",
    "body",
    "html",
    "head",
    "option",
];

struct OpenTable {
    table: RawTable,
    row: Option<Vec<RawCell>>,
    cell: Option<RawCell>,
}

impl OpenTable {
    fn close_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            self.row.get_or_insert_with(Vec::new).push(c);
        }
    }
    fn close_row(&mut self) {
        self.close_cell();
        if let Some(r) = self.row.take() {
            self.table.rows.push(r);
        }
    }
}

/// White space pending between two pieces of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    None,
    /// Spaces only.
    Space,
    /// A line break, with or without spaces around it.
    Break,
}

/// Chinese, Japanese and full-width characters, between which a source line
/// break means nothing.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

struct HtmlTree {
    root: Vec<Item>,
    open: Vec<OpenTable>,
    line: String,
    gap: Gap,
    pre: u32,
    /// Tables opened past [`MAX_TABLE_DEPTH`], whose end tags are ignored too.
    ignored_tables: u32,
}

impl HtmlTree {
    fn container(&mut self) -> &mut Vec<Item> {
        for t in self.open.iter_mut().rev() {
            if let Some(c) = t.cell.as_mut() {
                return &mut c.items;
            }
        }
        &mut self.root
    }

    fn flush(&mut self) {
        self.gap = Gap::None;
        let line = std::mem::take(&mut self.line);
        let t = line.trim_ws();
        if !t.is_empty() {
            let t = t.to_string();
            self.container().push(Item::Para(t));
        }
    }

    fn text(&mut self, raw: &str) {
        let s = unescape(raw);
        if self.pre > 0 {
            let mut first = true;
            for part in s.split('\n') {
                if !first {
                    self.flush();
                }
                first = false;
                self.line.push_str(part.trim_end_matches('\r'));
            }
            return;
        }
        // Collapse runs of white space to one space; a line break between two
        // Chinese characters (source wrapping) is dropped, as CSS does for
        // East Asian text, so that labels wrapped in the source read whole.
        for c in s.chars() {
            if c == '\u{200B}' {
                continue;
            }
            if c.is_whitespace() && c != '\u{3000}' {
                if !self.line.is_empty() {
                    if c == '\n' || c == '\r' {
                        self.gap = Gap::Break;
                    } else if self.gap == Gap::None {
                        self.gap = Gap::Space;
                    }
                }
                continue;
            }
            match self.gap {
                Gap::Space => self.line.push(' '),
                Gap::Break
                    if !(self.line.chars().next_back().is_some_and(is_wide) && is_wide(c)) =>
                {
                    self.line.push(' ')
                }
                _ => {}
            }
            self.gap = Gap::None;
            self.line.push(c);
        }
    }

    fn start_table(&mut self) {
        self.flush();
        self.open.push(OpenTable {
            table: RawTable::default(),
            row: None,
            cell: None,
        });
    }

    fn end_table(&mut self) {
        self.flush();
        if let Some(mut t) = self.open.pop() {
            t.close_row();
            let table = t.table;
            self.container().push(Item::Table(table));
        }
    }
}

/// Most tables open inside one another before further ones are ignored.
const MAX_TABLE_DEPTH: usize = 64;

/// Parse decoded HTML into paragraphs and tables.
pub(crate) fn html_items(src: &str) -> Vec<Item> {
    let mut t = HtmlTree {
        root: Vec::new(),
        open: Vec::new(),
        line: String::new(),
        gap: Gap::None,
        pre: 0,
        ignored_tables: 0,
    };
    for tok in Tokenizer::new(src, true) {
        match tok {
            Tok::Text(s) | Tok::Cdata(s) => t.text(s),
            Tok::Start {
                name,
                attrs,
                self_closing,
            } => {
                let n = name.to_ascii_lowercase();
                match n.as_str() {
                    "table" if !self_closing => {
                        if t.open.len() < MAX_TABLE_DEPTH {
                            t.start_table();
                        } else {
                            t.ignored_tables += 1;
                        }
                    }
                    "tr" => {
                        t.flush();
                        if let Some(o) = t.open.last_mut() {
                            o.close_row();
                            o.row = Some(Vec::new());
                        }
                    }
                    "td" | "th" => {
                        t.flush();
                        if let Some(o) = t.open.last_mut() {
                            o.close_cell();
                            let span = |a: &str| {
                                attr(attrs, a).map(|v| {
                                    let d: String = v
                                        .trim_ws()
                                        .chars()
                                        .take_while(char::is_ascii_digit)
                                        .collect();
                                    d.parse::<u32>().unwrap_or(1)
                                })
                            };
                            o.cell = Some(RawCell {
                                col_span: span("colspan").unwrap_or(1).max(1),
                                row_span: span("rowspan").unwrap_or(1),
                                ..RawCell::default()
                            });
                        }
                    }
                    "br" => {
                        t.flush();
                    }
                    "pre" => {
                        t.flush();
                        t.pre += 1;
                    }
                    _ if BLOCKS.contains(&n.as_str()) => t.flush(),
                    _ => {}
                }
            }
            Tok::End { name } => {
                let n = name.to_ascii_lowercase();
                match n.as_str() {
                    "table" if t.ignored_tables > 0 => t.ignored_tables -= 1,
                    "table" => t.end_table(),
                    "tr" => {
                        t.flush();
                        if let Some(o) = t.open.last_mut() {
                            o.close_row();
                        }
                    }
                    "td" | "th" => {
                        t.flush();
                        if let Some(o) = t.open.last_mut() {
                            o.close_cell();
                        }
                    }
                    "pre" => {
                        t.flush();
                        t.pre = t.pre.saturating_sub(1);
                    }
                    "br" => t.flush(),
                    _ if BLOCKS.contains(&n.as_str()) => t.flush(),
                    _ => {}
                }
            }
        }
    }
    while !t.open.is_empty() {
        t.end_table();
    }
    t.flush();
    t.root
}

// ---------------------------------------------------------------------------
// Pages saved as a single file (.mht/.mhtml): MIME multipart around the page

fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A MIME header parameter (`boundary=…`, `charset=…`), quoted or not.
fn mime_param(header: &str, name: &str) -> Option<String> {
    let lower = header.to_ascii_lowercase();
    let i = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = header.get(i..)?.trim_start_ws();
    let v = if let Some(q) = rest.strip_prefix('"') {
        q.split('"').next().unwrap_or("")
    } else {
        rest.split(|c: char| c == ';' || c.is_whitespace())
            .next()
            .unwrap_or("")
    };
    (!v.is_empty()).then(|| v.to_string())
}

fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b == b'=' {
            let hex = |c: u8| (c as char).to_digit(16);
            match (body.get(i + 1), body.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                    out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                    i += 3;
                }
                _ => {
                    out.push(b);
                    i += 1;
                }
            }
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

fn base64(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in body {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// The HTML part of a single-file saved page, decoded from its transfer
/// encoding, with the charset its part header declares.
fn mhtml_page(bytes: &[u8]) -> Option<(Vec<u8>, Option<String>)> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let lower = head.to_ascii_lowercase();
    if !lower.contains("mime-version") || !lower.contains("multipart/") {
        return None;
    }
    let boundary = mime_param(&head, "boundary")?;
    let delim = format!("--{boundary}");
    let mut at = find_bytes(bytes, delim.as_bytes(), 0)?;
    loop {
        let start = at + delim.len();
        let next = find_bytes(bytes, delim.as_bytes(), start).unwrap_or(bytes.len());
        let part = bytes.get(start..next)?;
        let (hdr_end, body_start) = match find_bytes(part, b"\r\n\r\n", 0) {
            Some(i) => (i, i + 4),
            None => {
                let i = find_bytes(part, b"\n\n", 0)?;
                (i, i + 2)
            }
        };
        let headers = String::from_utf8_lossy(&part[..hdr_end]).to_string();
        // Unfold continued header lines.
        let headers = headers
            .replace("\r\n", "\n")
            .replace("\n\t", " ")
            .replace("\n ", " ");
        let mut ctype = String::new();
        let mut cte = String::new();
        for line in headers.lines() {
            if let Some((k, v)) = line.split_once(':') {
                match k.trim_ws().to_ascii_lowercase().as_str() {
                    "content-type" => ctype = v.trim_ws().to_string(),
                    "content-transfer-encoding" => cte = v.trim_ws().to_ascii_lowercase(),
                    _ => {}
                }
            }
        }
        if ctype.to_ascii_lowercase().starts_with("text/html") {
            let body = &part[body_start..];
            let page = match cte.as_str() {
                "quoted-printable" => quoted_printable(body),
                "base64" => base64(body),
                _ => body.to_vec(),
            };
            return Some((page, mime_param(&ctype, "charset")));
        }
        if next >= bytes.len() {
            return None;
        }
        at = next;
    }
}

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let (src, encoding) = match mhtml_page(bytes) {
        Some((page, charset)) => match charset.as_deref().and_then(Charset::for_label) {
            Some(cs) if Charset::for_bom(&page).is_none() => {
                let (s, _) = cs.decode(&page);
                (s, cs.name())
            }
            _ => decode_html(&page),
        },
        None => decode_html(bytes),
    };
    let items = html_items(&src);
    let mut b = Builder::new();
    b.items(&items);
    let doc = b.finish(InputKind::Html, encoding);
    if doc.blocks.is_empty() {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "网页中没有可读的正文文字。",
            "The page holds no readable text.",
        ));
    }
    Ok(doc)
}
