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
    /// Plain text (.txt and anything not recognised otherwise).
    Text,
    /// A Word document (.docx).
    Docx,
    /// A web page (.html, .htm, .mht, .mhtml).
    Html,
    /// A PDF file.
    Pdf,
    /// A spreadsheet (.xlsx).
    Xlsx,
    /// Word 97–2003 (.doc) or WPS Writer (.wps): the Word binary format.
    Doc,
    /// OFD (GB/T 33190), China's fixed-layout format.
    Ofd,
}

impl InputKind {
    /// The export's word for it: `text`, `docx`, `html`, `pdf`, `xlsx`.
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
    /// The kind of file.
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
    /// Rows the cell covers.
    pub row_span: u32,
    /// True for the placeholder a reader emits where a vertically merged cell
    /// continues (so that every row keeps its column positions).
    pub continuation: bool,
}

impl Cell {
    /// An ordinary cell (spanning one row and one column) of this text, found at `span`.
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
    /// The rows, each its cells from left to right.
    pub rows: Vec<Vec<Cell>>,
    /// From the table's first cell to its last in [`Document::text`].
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
    /// Where it sits in [`Document::text`].
    pub span: Span,
}

/// A block of the document: running text or a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph or line of running text.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

impl Block {
    /// Where the block sits in [`Document::text`].
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
    /// Paragraphs and tables, in reading order.
    pub blocks: Vec<Block>,
    /// How the file was read.
    pub input: InputInfo,
    /// Where the lines of [`Document::text`] start, found once for the
    /// reader, the rules and the export ([`Document::line_starts`]): filled
    /// on first use (or by the reader), so the text is not to be changed
    /// after that. Not part of a document's value: two documents are equal
    /// when their text, blocks and input are.
    #[serde(skip)]
    pub(crate) lines: std::sync::OnceLock<Vec<usize>>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.blocks == other.blocks && self.input == other.input
    }
}

impl Eq for Document {}

impl Document {
    /// A document of `text` and `blocks` (whose spans point into the text),
    /// read as `input` says.
    pub fn new(text: String, blocks: Vec<Block>, input: InputInfo) -> Self {
        Document {
            text,
            blocks,
            input,
            lines: Default::default(),
        }
    }

    /// The byte offset of every line's start (`span::line_starts`).
    pub fn line_starts(&self) -> &[usize] {
        self.lines
            .get_or_init(|| crate::span::line_starts(&self.text))
    }

    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
    }

    /// The tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}
