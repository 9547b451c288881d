//! The typed report that extraction builds from a [`crate::Document`].
//!
//! Every value read keeps the span it was read from, so that findings can be
//! shown where they sit. Cells are keyed by the canonical keys of the template
//! ([`crate::vocab::template`]).

pub use crate::diagnostic::Reading;
use crate::span::Span;
use crate::vocab::template::{ColumnKey, LabelKey, Layout, RowKey, TableKey, Template};
pub use crate::vocab::value::{CellProblem, Date};
use serde::Serialize;

/// A value together with where it was read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was read.
    pub span: Span,
}

impl<T> Located<T> {
    /// A value read at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

/// The statistical period the report states (统计期限 …自…起，至…止).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub start: Date,
    /// The last day.
    pub end: Date,
}

/// How a section heading is numbered, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// 一、 (the national form)
    Chinese,
    /// 6、 or 6.
    Arabic,
    /// （一） or (一) — a sub-item style used for a section heading
    Parenthesised,
    /// no number at all
    None,
}

/// One of the six sections, as found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// Which template section this is (1 … 6).
    pub ordinal: u8,
    /// The number as written (`一`, `6`, or empty).
    pub number: String,
    /// How the number is written.
    pub numbering: Numbering,
    /// The title as written.
    pub title: String,
    /// The heading line.
    pub heading: Span,
    /// From the end of the heading to the start of the next section (or the end
    /// of the document).
    pub body: Span,
}

/// One cell of a statistical table, as read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellRead {
    /// The cell's row.
    pub row: RowKey,
    /// The cell's column.
    pub column: ColumnKey,
    /// The number read; negative values and decimals are kept as written, the
    /// rules judge them.
    pub value: Option<f64>,
    /// The cell's text as found; `None` when the cell is missing.
    pub raw: Option<crate::document::CompactString>,
    /// Where the cell's text is; `None` when the cell is missing.
    pub span: Option<Span>,
    /// Set whenever `value` is `None`.
    pub problem: Option<CellProblem>,
    /// How sure the reading is: `Reconstructed` for a figure the reader put
    /// together itself (figures run together and split again), `Uncertain`
    /// for one it could not be sure of. No error is built on a cell that is
    /// not `Certain` (the rules' findings on it are warnings at most).
    pub reading: Reading,
}

/// Whether a label names a row or a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    /// A row label.
    Row,
    /// A column label.
    Column,
}

/// How a label found in a report differs from the national wording.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LabelDeviation {
    /// The official wording.
    pub expected: &'static str,
    /// What differs, in words a clerk understands (Chinese), e.g.
    /// “缺少“法规禁”三字”.
    pub detail: String,
    /// The same in English.
    pub detail_en: String,
}

/// A row or column label as found in a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelRead {
    /// Whether it names a row or a column.
    pub kind: LabelKind,
    /// The canonical key of the row or column it was matched to.
    pub key: LabelKey,
    /// The label as written (whitespace collapsed).
    pub found: String,
    /// Where it is.
    pub span: Span,
    /// `None` when the label matches the national wording (up to spacing,
    /// punctuation width and numbering style).
    pub deviation: Option<LabelDeviation>,
}

/// Something about a table's shape that departs from its layout.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TableAnomaly {
    /// Several template rows appear as one (e.g. a single 三(六) 其他处理 row in
    /// a 2021-layout table). `rows` are the template rows it stands for.
    Merged {
        /// The template rows the one row stands for.
        rows: Vec<RowKey>,
        /// The row's label as written.
        found: String,
        /// Where the label is.
        span: Span,
    },
    /// One template row appears split into several.
    Split {
        /// The template row.
        row: RowKey,
        /// Where the rows that split it are.
        span: Span,
    },
    /// A row whose figures the text runs together (`640020470`), split
    /// again by the table's identities: `splits` is how many splits fit
    /// (1: read as that split, its cells `Reconstructed`; 0 or several: not
    /// read, its cells `Uncertain`; `None`: too many to enumerate).
    RunTogether {
        /// The template row.
        row: RowKey,
        /// The run of figures as written.
        found: String,
        /// Where the run is.
        span: Span,
        /// How many splits fit.
        splits: Option<usize>,
    },
    /// A row whose label matches nothing in the template.
    UnknownRow {
        /// The label as written.
        found: String,
        /// Where it is.
        span: Span,
    },
}

/// One statistical table, as read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableRead {
    /// Which table.
    pub key: TableKey,
    /// The layout whose template this table was matched against.
    pub layout: Layout,
    /// False when no trace of the table was found.
    pub found: bool,
    /// Where the table is, when it was found.
    pub span: Option<Span>,
    /// One entry per cell of the template of `layout`, in template order.
    pub cells: Vec<CellRead>,
    /// The row and column labels found, with how they differ from the national wording.
    pub labels: Vec<LabelRead>,
    /// What departs from the layout.
    pub anomalies: Vec<TableAnomaly>,
}

impl TableRead {
    /// A table with every template cell missing.
    pub fn missing(key: TableKey, layout: Layout) -> Self {
        static ALL: std::sync::OnceLock<Vec<TableRead>> = std::sync::OnceLock::new();
        let all = ALL.get_or_init(|| {
            [Layout::Y2021, Layout::Y2019]
                .into_iter()
                .flat_map(|l| TableKey::ALL.map(|k| Self::build_missing(k, l)))
                .collect()
        });
        match all.iter().find(|t| t.key == key && t.layout == layout) {
            // Every cell is missing and holds no text: copied field by field,
            // without the general clone of each cell's text.
            Some(t) => TableRead {
                cells: t
                    .cells
                    .iter()
                    .map(|c| CellRead {
                        row: c.row,
                        column: c.column,
                        value: None,
                        raw: None,
                        span: None,
                        problem: c.problem,
                        reading: Reading::Certain,
                    })
                    .collect(),
                labels: Vec::new(),
                anomalies: Vec::new(),
                ..*t
            },
            None => Self::build_missing(key, layout),
        }
    }

    fn build_missing(key: TableKey, layout: Layout) -> Self {
        let def = Template::get(layout).table(key);
        TableRead {
            key,
            layout,
            found: false,
            span: None,
            cells: def
                .cells()
                .map(|(r, c)| CellRead {
                    row: r.key,
                    column: c.key,
                    value: None,
                    raw: None,
                    span: None,
                    problem: Some(CellProblem::Missing),
                    reading: Reading::Certain,
                })
                .collect(),
            labels: Vec::new(),
            anomalies: Vec::new(),
        }
    }

    /// The cell (`row`, `column`), if the table's layout has it.
    pub fn cell(&self, row: RowKey, column: ColumnKey) -> Option<&CellRead> {
        self.cell_index(row, column).map(|i| &self.cells[i])
    }

    /// Where a cell is in `cells`: at its template place (the cells are in
    /// template order), else found by a search.
    fn cell_index(&self, row: RowKey, column: ColumnKey) -> Option<usize> {
        let def = Template::get(self.layout).table(self.key);
        match def.cell_index(row, column) {
            Some(i) if self.place_holds(i, row, column) => Some(i),
            _ => self
                .cells
                .iter()
                .position(|c| c.row == row && c.column == column),
        }
    }

    /// The cell at place `i` of `cells` when it is (`row`, `column`), else
    /// found by its keys: for walking the template and the table together.
    pub fn cell_in_place(&self, i: usize, row: RowKey, column: ColumnKey) -> Option<&CellRead> {
        if self.place_holds(i, row, column) {
            self.cells.get(i)
        } else {
            self.cell(row, column)
        }
    }

    /// Whether the cell at place `i` of `cells` is (`row`, `column`).
    pub(crate) fn place_holds(&self, i: usize, row: RowKey, column: ColumnKey) -> bool {
        self.cells
            .get(i)
            .is_some_and(|c| c.row == row && c.column == column)
    }

    /// The number in the cell (`row`, `column`), if one was read.
    pub fn value(&self, row: RowKey, column: ColumnKey) -> Option<f64> {
        self.cell(row, column).and_then(|c| c.value)
    }

    /// The cell (`row`, `column`), to change (tests and tools that make reports).
    pub fn cell_mut(&mut self, row: RowKey, column: ColumnKey) -> Option<&mut CellRead> {
        self.cell_index(row, column).map(|i| &mut self.cells[i])
    }
}

/// Everything extraction learned about a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The report's title line(s), joined.
    pub title: Option<Located<String>>,
    /// The agency that publishes the report (from the title, else the body).
    pub agency: Option<Located<String>>,
    /// The year the report is about.
    pub year: Option<Located<i32>>,
    /// The layout of the report as a whole: the layout its tables follow, or
    /// `Unknown` when there are no tables to tell.
    pub format: Layout,
    /// True when the tables follow different layouts, or a table mixes them.
    pub mixed_layout: bool,
    /// The publication date, when the document states one (发文日期, 成文日期,
    /// a date line under the title or at the end).
    pub published: Option<Located<Date>>,
    /// The statistical period, when the document states one.
    pub period: Option<Located<Period>>,
    /// The sections found, in document order.
    pub sections: Vec<Section>,
    /// Table 二 (主动公开政府信息情况).
    pub proactive: TableRead,
    /// Table 三 (收到和处理政府信息公开申请情况).
    pub requests: TableRead,
    /// Table 四 (政府信息公开行政复议、行政诉讼情况).
    pub appeals: TableRead,
}

impl Report {
    /// A report in which nothing was found.
    pub fn empty() -> Self {
        Report {
            title: None,
            agency: None,
            year: None,
            format: Layout::Unknown,
            mixed_layout: false,
            published: None,
            period: None,
            sections: Vec::new(),
            proactive: TableRead::missing(TableKey::Proactive, Layout::Y2021),
            requests: TableRead::missing(TableKey::Requests, Layout::Y2021),
            appeals: TableRead::missing(TableKey::Appeals, Layout::Y2021),
        }
    }

    /// One of the three tables.
    pub fn table(&self, key: TableKey) -> &TableRead {
        match key {
            TableKey::Proactive => &self.proactive,
            TableKey::Requests => &self.requests,
            TableKey::Appeals => &self.appeals,
        }
    }

    /// One of the three tables, to change.
    pub fn table_mut(&mut self, key: TableKey) -> &mut TableRead {
        match key {
            TableKey::Proactive => &mut self.proactive,
            TableKey::Requests => &mut self.requests,
            TableKey::Appeals => &mut self.appeals,
        }
    }

    /// The section of this ordinal (1 … 6), if it was found.
    pub fn section(&self, ordinal: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.ordinal == ordinal)
    }

    /// The cell a [`crate::CellRef`] names.
    pub fn cell(&self, at: &crate::diagnostic::CellRef) -> Option<&CellRead> {
        self.table(at.table).cell(at.row, at.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_table_is_the_template_with_every_cell_missing() {
        for layout in [Layout::Y2021, Layout::Y2019] {
            for key in TableKey::ALL {
                let t = TableRead::missing(key, layout);
                assert_eq!(
                    t,
                    TableRead::build_missing(key, layout),
                    "{key:?} {layout:?}"
                );
                assert!(t
                    .cells
                    .iter()
                    .all(|c| c.problem == Some(CellProblem::Missing)));
                assert_eq!(t.cells.len(), Template::get(layout).table(key).cell_count());
            }
        }
    }
}
