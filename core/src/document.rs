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

/// Where a stretch of the text lies in the original file, in the terms a
/// person finds it there: the page of a paged file (PDF, OFD), the paragraph
/// of a word-processing file, or the cell of one of its tables. Every number
/// is 1-based; 0 where the file does not tell.
///
/// What a reader counts: a page as the file's own page order; a paragraph as
/// one holding text outside the document's tables, in reading order (empty
/// paragraphs, which a reader of the file does not see, are not counted); a
/// table as one laid out as a table, in reading order; its row and column as
/// the row of the source and the column of its grid (a merged cell is at its
/// first column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Place {
    /// The page, for a paged file.
    pub page: u32,
    /// The paragraph, outside tables.
    pub paragraph: u32,
    /// The table.
    pub table: u32,
    /// The row of the table.
    pub row: u32,
    /// The column of the table.
    pub column: u32,
}

impl Place {
    /// On page `page`.
    pub fn page(page: u32) -> Self {
        Place {
            page,
            ..Place::default()
        }
    }

    /// In paragraph `paragraph`.
    pub fn paragraph(paragraph: u32) -> Self {
        Place {
            paragraph,
            ..Place::default()
        }
    }

    /// In the cell at `row` and `column` of table `table`.
    pub fn cell(table: u32, row: u32, column: u32) -> Self {
        Place {
            table,
            row,
            column,
            ..Place::default()
        }
    }
}

/// The places of a document's text: from the offset of each entry to the
/// offset of the next, the text lies at the entry's [`Place`]. A document of
/// a kind without pages or paragraphs a person could count (text, web pages,
/// spreadsheets) has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Places(Vec<(usize, Place)>);

impl Places {
    /// From byte `at` of the text on, the text lies at `place`. Entries come
    /// in the order of the text; one at the offset of the last replaces it,
    /// and one at the place of the last adds nothing.
    pub fn push(&mut self, at: usize, place: Place) {
        match self.0.last_mut() {
            Some((last, p)) if *p == place && *last <= at => {}
            Some((last, p)) if *last >= at => {
                *last = at;
                *p = place;
            }
            _ => self.0.push((at, place)),
        }
    }

    /// The place of the text at byte `offset`, if the document has places.
    pub fn at(&self, offset: usize) -> Option<Place> {
        let i = self.0.partition_point(|(at, _)| *at <= offset);
        self.0.get(i.checked_sub(1)?).map(|(_, p)| *p)
    }

    /// The place of a span: that of its start. A span that runs over several
    /// cells of a table (the whole table, say) is placed in the table alone,
    /// without a row and column.
    pub fn of(&self, span: crate::span::Span) -> Option<Place> {
        let i = self.0.partition_point(|(at, _)| *at <= span.start);
        let (_, mut place) = *self.0.get(i.checked_sub(1)?)?;
        let beyond = self.0[i..]
            .iter()
            .take_while(|(at, _)| *at < span.end)
            .any(|(_, p)| p.table != place.table || p.row != place.row || p.column != place.column);
        if beyond && place.table != 0 {
            place.row = 0;
            place.column = 0;
        }
        Some(place)
    }

    /// The entries, in the order of the text.
    pub fn entries(&self) -> &[(usize, Place)] {
        &self.0
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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
    /// Where the text lies in the original file (pages, paragraphs, table
    /// cells), for the readers whose files have such places.
    pub places: Places,
    /// Where the lines of [`Document::text`] start, found once for the
    /// reader, the rules and the export ([`Document::line_starts`]): filled
    /// on first use (or by the reader), so the text is not to be changed
    /// after that. Not part of a document's value: two documents are equal
    /// when their text, blocks, input and places are.
    #[serde(skip)]
    pub(crate) lines: std::sync::OnceLock<Vec<usize>>,
    /// What the reader gave up on (a page over a limit, content it could not
    /// decode): the document holds the rest. Empty for a file read whole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

/// A part of a file the reader did not read, and why, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The page (from 1), where the file has pages.
    pub page: Option<u32>,
    /// Why, in Chinese.
    pub why: String,
    /// Why, in English.
    pub why_en: String,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && self.blocks == other.blocks
            && self.input == other.input
            && self.places == other.places
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
            places: Places::default(),
            lines: Default::default(),
            skipped: Vec::new(),
        }
    }

    /// The document with the places of its text in the original file.
    pub fn with_places(mut self, places: Places) -> Self {
        self.places = places;
        self
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
