//! A check's result as the workspace keeps it: the export JSON of
//! docs/export.md, kept whole (so that fields added to the export later
//! travel too), and read through a typed view of the parts the workspace
//! computes with.

use crate::diagnostic::CellRef;
use crate::vocab::template::{ColumnKey, RowKey, TableKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// The parts of a result (one file's export) the workspace uses.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ResultView {
    /// The file's name.
    #[serde(default)]
    pub file: String,
    /// What was read; `None` when the file could not be read.
    #[serde(default)]
    pub report: Option<ReportView>,
    /// The findings.
    #[serde(default)]
    pub diagnostics: Vec<DiagnosticView>,
    /// Why the file could not be read.
    #[serde(default)]
    pub error: Option<ErrorView>,
}

/// Why a file could not be read.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ErrorView {
    /// The kind (`corrupt`, `scanned`, …).
    #[serde(default)]
    pub kind: String,
    /// In Chinese.
    #[serde(default)]
    pub message: String,
    /// In English.
    #[serde(default)]
    pub message_en: String,
}

/// A table of the export: `{row: {column: value}}`.
pub type TableView = HashMap<String, HashMap<String, Option<f64>>>;

/// What was read of a report.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ReportView {
    /// The agency, as written.
    #[serde(default)]
    pub agency: Option<String>,
    /// The year the report is about.
    #[serde(default)]
    pub year: Option<i64>,
    /// The layout: `2021`, `2019`, `unknown`.
    #[serde(default)]
    pub format: Option<String>,
    /// The section headings.
    #[serde(default)]
    pub sections: Vec<SectionView>,
    /// Table 二.
    #[serde(default)]
    pub proactive: TableView,
    /// Table 三.
    #[serde(default)]
    pub requests: TableView,
    /// Table 四.
    #[serde(default)]
    pub appeals: TableView,
}

impl ReportView {
    /// The value of a cell, when it was read.
    pub fn value(&self, table: TableKey, row: RowKey, column: ColumnKey) -> Option<f64> {
        let t = match table {
            TableKey::Proactive => &self.proactive,
            TableKey::Requests => &self.requests,
            TableKey::Appeals => &self.appeals,
        };
        t.get(row.as_str())?.get(column.as_str()).copied().flatten()
    }

    /// The year, when it is a year.
    pub fn year(&self) -> Option<i32> {
        self.year.and_then(|y| i32::try_from(y).ok())
    }
}

/// A section heading.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SectionView {
    /// Its number as written.
    #[serde(default)]
    pub number: String,
    /// Its title as written.
    #[serde(default)]
    pub title: String,
    /// Where the heading is.
    #[serde(default)]
    pub span: Option<SpanView>,
}

/// A place in the text.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct SpanView {
    /// First byte (UTF-8) in the document's text.
    #[serde(default)]
    pub start: usize,
    /// The byte after the last.
    #[serde(default)]
    pub end: usize,
    /// 1-based line.
    #[serde(default)]
    pub line: usize,
}

/// A cell by its keys, as the export writes it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct CellView {
    /// `proactive`, `requests` or `appeals`.
    pub table: String,
    /// The row's key.
    pub row: String,
    /// The column's key.
    pub column: String,
}

impl CellView {
    /// The cell with typed keys, when every key is one of the template's.
    pub fn typed(&self) -> Option<CellRef> {
        let table = match self.table.as_str() {
            "proactive" => TableKey::Proactive,
            "requests" => TableKey::Requests,
            "appeals" => TableKey::Appeals,
            _ => return None,
        };
        Some(CellRef::new(
            table,
            RowKey::from_key(&self.row)?,
            ColumnKey::from_key(&self.column)?,
        ))
    }
}

/// Where a finding sits.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct LocationView {
    /// A table cell.
    #[serde(default)]
    pub cell: Option<CellView>,
    /// A place in the text.
    #[serde(default)]
    pub span: Option<SpanView>,
}

/// A finding.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DiagnosticView {
    /// The rule id.
    #[serde(default)]
    pub rule: String,
    /// `error`, `warning` or `info`.
    #[serde(default)]
    pub severity: String,
    /// In Chinese.
    #[serde(default)]
    pub message: String,
    /// In English.
    #[serde(default)]
    pub message_en: String,
    /// Where it sits.
    #[serde(default)]
    pub at: LocationView,
    /// Other places that take part.
    #[serde(default)]
    pub related: Vec<LocationView>,
    /// What the rule expected.
    #[serde(default)]
    pub expected: Option<Value>,
    /// What the report says.
    #[serde(default)]
    pub actual: Option<Value>,
}

/// The typed view of a result, or `None` when it is not shaped like one.
pub fn view(result: &Value) -> Option<ResultView> {
    ResultView::deserialize(result).ok()
}

/// The typed view of cross-report findings (`cross` of a batch's export,
/// those that sit in one report), each read as a finding.
pub fn cross_view(cross: &Value) -> Vec<DiagnosticView> {
    match cross {
        Value::Array(items) => items
            .iter()
            .filter_map(|c| DiagnosticView::deserialize(c).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The longest string, in characters, anywhere in a JSON value, and how
/// deep it nests: what a limit on a value read from outside looks at.
pub fn measure(v: &Value) -> (usize, usize) {
    fn walk(v: &Value, depth: usize, longest: &mut usize, deepest: &mut usize) {
        *deepest = (*deepest).max(depth);
        match v {
            Value::String(s) => *longest = (*longest).max(s.chars().count()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, depth + 1, longest, deepest)),
            Value::Object(o) => o.iter().for_each(|(k, x)| {
                *longest = (*longest).max(k.chars().count());
                walk(x, depth + 1, longest, deepest)
            }),
            _ => {}
        }
    }
    let (mut longest, mut deepest) = (0, 0);
    walk(v, 0, &mut longest, &mut deepest);
    (longest, deepest)
}
