//! The tables of the markup readers (.html, .docx, .xlsx): the intermediate
//! tree of paragraphs and tables they parse their source into, the layout of a
//! table on its grid (merged cells, continuation placeholders), and the
//! builder that writes [`Document::text`] with every span pointing at its own
//! text.

use crate::document::{
    Block, Cell, Document, InputInfo, InputKind, Paragraph, Place, Places, Table,
};
use crate::span::{Span, Trim};

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
    /// The grid column it starts at (0-based).
    column: u32,
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
                                column: *col,
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
            let column = col.max(at);
            match cell.vmerge {
                VMerge::Continue => {
                    laid.push(Laid {
                        text: String::new(),
                        column,
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
                        column,
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
                        column,
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
    /// Where the text lies in the original document, when the reader asks
    /// for it ([`Builder::with_places`]).
    places: Option<Places>,
    /// Paragraphs with text written outside tables, and tables laid out.
    paragraphs: u32,
    tables: u32,
    /// The cell of a layout table whose content is being written as
    /// paragraphs.
    in_cell: Option<Place>,
}

impl Builder {
    pub(crate) fn new() -> Self {
        Builder {
            text: String::new(),
            blocks: Vec::new(),
            places: None,
            paragraphs: 0,
            tables: 0,
            in_cell: None,
        }
    }

    /// A builder that also records where each paragraph and cell lies in the
    /// original document ([`Document::places`]): for the word-processing
    /// readers, whose paragraphs and tables a person can count.
    pub(crate) fn with_places() -> Self {
        Builder {
            places: Some(Places::default()),
            ..Builder::new()
        }
    }

    /// A paragraph (trimmed; nothing for blank text), then a line break.
    pub(crate) fn paragraph(&mut self, s: &str) {
        let s = s.trim_ws();
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        if let Some(places) = self.places.as_mut() {
            let place = match self.in_cell {
                Some(cell) => cell,
                None => {
                    self.paragraphs += 1;
                    Place::paragraph(self.paragraphs)
                }
            };
            places.push(start, place);
        }
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
            if self.places.is_none() {
                for cell in t.rows.iter().flatten() {
                    self.items(&cell.items);
                }
                return;
            }
            // A layout table: its content is read as paragraphs, each placed
            // in the cell of the table it sits in (a table of its own counts
            // among the tables).
            self.tables += 1;
            let (number, outer) = (self.tables, self.in_cell);
            for (r, row) in t.rows.iter().enumerate() {
                let mut column = 0u32;
                for cell in row {
                    column = column.saturating_add(cell.skip_before);
                    self.in_cell = Some(Place::cell(number, r as u32 + 1, column + 1));
                    self.items(&cell.items);
                    column = column.saturating_add(cell.col_span.clamp(1, MAX_SPAN));
                }
            }
            self.in_cell = outer;
            return;
        }
        let laid = lay_out(t);
        let number = self.places.as_ref().map(|_| {
            self.tables += 1;
            self.tables
        });
        // One row per line, cells separated by tabs; a cell's own line breaks stay.
        let start = self.text.len();
        let mut rows = Vec::with_capacity(laid.len());
        for (r, row) in laid.into_iter().enumerate() {
            let mut cells = Vec::with_capacity(row.len());
            for (i, c) in row.into_iter().enumerate() {
                if i > 0 {
                    self.text.push('\t');
                }
                let s = self.text.len();
                if let (Some(places), Some(number), false) =
                    (self.places.as_mut(), number, c.continuation)
                {
                    places.push(s, Place::cell(number, r as u32 + 1, c.column + 1));
                }
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
            skipped: Vec::new(),
            places: self.places.unwrap_or_default(),
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
