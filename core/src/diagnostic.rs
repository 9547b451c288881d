//! Findings: what a rule reports, where, and what it expected.

use crate::span::Span;
use crate::vocab::template::{ColumnKey, RowKey, TableKey};
use serde::Serialize;

/// How sure a finding is that the report is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report is wrong (a certainty).
    Error,
    /// Probably wrong, or off the format.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The export's word for it: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Chinese word for it: 错误, 警告, 提示.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// How sure the reading under a cell or a finding is. The order is from the
/// surest to the least sure: the reading of a finding is the least sure of
/// the readings of the cells it stands on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reading {
    /// Read as the document gives it.
    #[default]
    Certain,
    /// Put together from what the document gives, in the only way the
    /// table's own identities admit (figures run together and split again).
    Reconstructed,
    /// The reader could not be sure: a value it could not place, figures it
    /// could not split, a table or a section it found only in part.
    Uncertain,
}

impl Reading {
    /// Whether the reading is as the document gives it.
    pub fn is_certain(&self) -> bool {
        *self == Reading::Certain
    }

    /// The export's word for it: `certain`, `reconstructed`, `uncertain`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::Certain => "certain",
            Reading::Reconstructed => "reconstructed",
            Reading::Uncertain => "uncertain",
        }
    }
}

/// A table cell by its canonical keys (serialised as their strings:
/// `{"table": "requests", "row": "new", "column": "total"}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CellRef {
    /// The table.
    pub table: TableKey,
    /// The row.
    pub row: RowKey,
    /// The column.
    pub column: ColumnKey,
}

impl CellRef {
    /// The cell (`row`, `column`) of `table`.
    pub fn new(table: TableKey, row: RowKey, column: ColumnKey) -> Self {
        CellRef { table, row, column }
    }
}

/// Where a finding sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    /// A cell of one of the statistical tables.
    Cell(CellRef),
    /// A stretch of the document's text (a heading, a sentence, a figure).
    Span(Span),
    /// The document as a whole (e.g. a section that is missing altogether).
    Document,
}

/// A number, date or word a rule expected or found.
pub type Value = serde_json::Value;

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The rule id of the catalogue (docs/format.md, docs/rules.md), e.g. `A004`.
    pub rule: &'static str,
    /// The rule's severity in the catalogue.
    pub severity: Severity,
    /// The message in Chinese.
    pub message: String,
    /// The same message in English.
    pub message_en: String,
    /// Where the finding sits.
    pub at: Location,
    /// Other places that take part (for a sum: the total and each addend).
    pub related: Vec<Location>,
    /// What the rule expected, where a number, date or word is involved.
    pub expected: Option<Value>,
    /// What the report says instead.
    pub actual: Option<Value>,
    /// How sure the reading under the finding is: the least sure of the
    /// cells it stands on, `uncertain` for what the reader could not read.
    /// (Left out of this type's own serialisation when certain; the export
    /// always gives it.)
    #[serde(skip_serializing_if = "Reading::is_certain")]
    pub reading: Reading,
}

impl Diagnostic {
    /// A finding of `rule` at `at`, in both languages.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        at: Location,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            message_en: message_en.into(),
            at,
            related: Vec::new(),
            expected: None,
            actual: None,
            reading: Reading::Certain,
        }
    }

    /// The finding with how sure the reading under it is.
    pub fn with_reading(mut self, reading: Reading) -> Self {
        self.reading = reading;
        self
    }

    /// The finding with other places that take part.
    pub fn with_related(mut self, related: impl IntoIterator<Item = Location>) -> Self {
        self.related.extend(related);
        self
    }

    /// The finding with what was expected.
    pub fn with_expected(mut self, expected: impl Into<Value>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// The finding with what was found.
    pub fn with_actual(mut self, actual: impl Into<Value>) -> Self {
        self.actual = Some(actual.into());
        self
    }
}

/// Turn a number into a JSON value, whole numbers without a fraction.
pub(crate) fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}
