//! Web pages (.html, .htm, and pages saved as a single file, see
//! `mhtml.rs`).
//!
//! The page is decoded (BOM, declared charset, else UTF-8 or GB18030),
//! tokenized (`markup.rs`) into paragraphs and tables, and laid out by
//! the builder the other markup readers share (`grid.rs`).

use super::gb18030::Charset;
use super::grid::{Builder, Item, RawCell, RawTable};
use super::limits::MAX_NESTING;
use super::markup::{attr, unescape, Tok, Tokenizer};
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Document, InputKind};
use crate::span::Trim;

/// True when the bytes look like an HTML page rather than plain text.
/// True when the bytes look like an HTML page rather than plain text.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let has = |w: &str| crate::search::contains(&head, w);
    has("<html")
        || has("<!doctype html")
        || has("<table")
        || (has("mime-version") && has("multipart/related"))
}

/// Decode a page: BOM, then a declared charset (`<meta charset>` or
/// `http-equiv` content type), then UTF-8 if valid, else GB18030.
///
/// Only UTF-8, GB18030 (and its subsets GBK, GB2312) and UTF-16 are decoded;
/// a page declaring another charset (Big5, Shift_JIS, …) is read as if it
/// declared none: UTF-8 if valid, else GB18030 — the best guess for a
/// Chinese government page.
pub(crate) fn decode_html(bytes: &[u8]) -> (String, &'static str) {
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
    /// Tables opened past [`MAX_NESTING`], whose end tags are ignored too.
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
                        if t.open.len() < MAX_NESTING {
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
/// The HTML reader: a page, or a page saved as a single file.
pub fn read(bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    let (src, encoding) = match super::mhtml::page(bytes) {
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
