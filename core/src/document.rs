//! The one document model every reader produces.
//!
//! A reader turns bytes of any kind (text, .docx, .html, .pdf, .xlsx) into a
//! [`Document`]: the extracted text, and an ordered list of blocks — paragraphs
//! and tables — whose spans point into that text. Extraction and rules only ever
//! see this model, never the bytes it came from.

use crate::span::Span;
pub use compact_str::CompactString;
use serde::Serialize;

/// What kind of file the bytes were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Text,
    Docx,
    Html,
    Pdf,
    Xlsx,
    /// Word 97–2003 (.doc) or WPS Writer (.wps): the Word binary format.
    Doc,
    /// OFD (GB/T 33190), China's fixed-layout format.
    Ofd,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Docx => "docx",
            InputKind::Html => "html",
            InputKind::Pdf => "pdf",
            InputKind::Xlsx => "xlsx",
            InputKind::Doc => "doc",
            InputKind::Ofd => "ofd",
        }
    }
}

/// How the input was read: the `input` object of the export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputInfo {
    pub kind: InputKind,
    /// The character encoding the text was decoded from (`utf-8`, `gb18030`,
    /// `utf-16le`, …); for container formats the encoding of their text parts.
    pub encoding: String,
    /// How tables were laid out: `cell-per-line`, `tsv`, `pipe`, `table`
    /// (real table markup), `positioned` (rebuilt from PDF text positions), …
    pub layout: String,
}

/// One cell of a table as it appears in the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The cell's text, whitespace as in the source (lines of a wrapped
    /// label joined by `\n`). Most cells are short figures, kept without an
    /// allocation of their own.
    pub text: CompactString,
    /// Where the cell's text sits in [`Document::text`].
    pub span: Span,
    /// Columns and rows the cell covers (merged cells); 1 for ordinary cells.
    pub col_span: u32,
    pub row_span: u32,
    /// True for the placeholder a reader emits where a vertically merged cell
    /// continues (so that every row keeps its column positions).
    pub continuation: bool,
}

impl Cell {
    pub fn new(text: impl Into<CompactString>, span: Span) -> Self {
        Cell {
            text: text.into(),
            span,
            col_span: 1,
            row_span: 1,
            continuation: false,
        }
    }
}

/// A table: rows of cells. Readers that cannot know row boundaries (text with
/// one cell per line) do their best; extraction walks the cells in reading
/// order and does not depend on row boundaries being exact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    pub span: Span,
}

impl Table {
    /// All cells in reading order (row by row, left to right).
    pub fn cells(&self) -> impl Iterator<Item = &Cell> {
        self.rows.iter().flatten()
    }
}

/// A paragraph or line of running text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

impl Block {
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph(p) => p.span,
            Block::Table(t) => t.span,
        }
    }
}

/// The result of reading a file.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// The whole extracted text. Every span in the document points into it.
    pub text: String,
    pub blocks: Vec<Block>,
    pub input: InputInfo,
    /// Where the lines of [`Document::text`] start, found once for the
    /// reader, the rules and the export ([`Document::line_starts`]): filled
    /// on first use (or by the reader), so the text is not to be changed
    /// after that. Not part of a document's value: two documents are equal
    /// when their text, blocks and input are.
    #[serde(skip)]
    pub lines: std::sync::OnceLock<Vec<usize>>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.blocks == other.blocks && self.input == other.input
    }
}

impl Eq for Document {}

impl Document {
    /// The byte offset of every line's start ([`crate::span::line_starts`]).
    pub fn line_starts(&self) -> &[usize] {
        self.lines
            .get_or_init(|| crate::span::line_starts(&self.text))
    }

    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
    }

    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}
