//! The JSON shape of a check result (docs/export.md): the same for the CLI, the
//! browser's export and the JavaScript API.

use crate::diagnostic::{number, CellRef, Diagnostic, Location, Severity, Value};
use crate::document::{Document, InputInfo};
use crate::pipeline::Checked;
use crate::read::archive::Skip;
use crate::read::ReadError;
use crate::report::{Report, TableRead};
use crate::rules::CrossFinding;
use crate::span::{LineIndex, ResolvedSpan};
use crate::vocab::template::{ColumnKey, RowKey, Template};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The result of one file as exported: the JSON object of EXPORT.md.
#[derive(Clone, Debug, Serialize)]
pub struct Export {
    /// The file's name, as given.
    pub file: String,
    /// How it was read; `None` when it could not be.
    pub input: Option<InputInfo>,
    /// What was read; `None` when the file could not be read.
    pub report: Option<ReportOut>,
    /// The findings, errors first.
    pub diagnostics: Vec<DiagnosticOut>,
    /// How many findings of each severity.
    pub summary: Summary,
    /// Set when the file could not be read; `report` is then null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ReadError>,
}

/// How many findings of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
}

impl Summary {
    /// The counts of these findings.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// A section heading as exported.
#[derive(Clone, Debug, Serialize)]
pub struct SectionOut {
    /// Its number as written (`一`, `6`, or empty).
    pub number: String,
    /// Its title as written.
    pub title: String,
    /// Where the heading is.
    pub span: ResolvedSpan,
}

/// What was read of a report, as exported.
#[derive(Clone, Debug, Serialize)]
pub struct ReportOut {
    /// The agency that publishes the report.
    pub agency: Option<String>,
    /// The year the report is about.
    pub year: Option<i32>,
    /// The layout of its tables: `2021`, `2019` or `unknown`.
    pub format: &'static str,
    /// Whether its tables mix the two layouts.
    pub mixed_layout: bool,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The statistical period: first and last day.
    pub period: Option<[String; 2]>,
    /// The section headings, in document order.
    pub sections: Vec<SectionOut>,
    /// Table 二 by canonical keys.
    pub proactive: TableOut,
    /// Table 三 by canonical keys.
    pub requests: TableOut,
    /// Table 四 by canonical keys.
    pub appeals: TableOut,
}

/// A table as nested objects `{row: {column: value}}` in template order.
#[derive(Clone, Debug)]
pub struct TableOut(Vec<(RowKey, Vec<(ColumnKey, Value)>)>);

impl TableOut {
    fn of(table: &TableRead) -> Self {
        let def = Template::get(table.layout).table(table.key);
        let mut place = 0;
        TableOut(
            def.rows
                .iter()
                .map(|r| {
                    let cols = r
                        .columns
                        .iter()
                        .map(|c| {
                            let value = table.cell_in_place(place, r.key, *c).and_then(|x| x.value);
                            place += 1;
                            (*c, value.map(number).unwrap_or(Value::Null))
                        })
                        .collect();
                    (r.key, cols)
                })
                .collect(),
        )
    }
}

impl Serialize for TableOut {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Row<'a>(&'a [(ColumnKey, Value)]);
        impl Serialize for Row<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    m.serialize_entry(k.as_str(), v)?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, cols) in &self.0 {
            m.serialize_entry(k.as_str(), &Row(cols))?;
        }
        m.end()
    }
}

/// A location with spans resolved to lines, columns and UTF-16 offsets. A cell
/// also carries the span of its text in the document, when it was found.
#[derive(Clone, Debug, Serialize)]
pub struct LocationOut {
    /// The cell, for a finding on a table cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
    /// The place in the text: the span for a finding on text, the cell's text for one on a cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<ResolvedSpan>,
}

/// A finding as exported.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticOut {
    /// The rule id, e.g. `A004`.
    pub rule: &'static str,
    /// How sure the finding is.
    pub severity: Severity,
    /// The message in Chinese.
    pub message: String,
    /// The message in English.
    pub message_en: String,
    /// Where it sits.
    pub at: LocationOut,
    /// Other places that take part.
    pub related: Vec<LocationOut>,
    /// What the rule expected.
    pub expected: Option<Value>,
    /// What the report says.
    pub actual: Option<Value>,
}

/// Resolves internal locations against one document.
pub struct Resolver<'a> {
    doc: &'a Document,
    report: &'a Report,
    index: LineIndex,
}

impl<'a> Resolver<'a> {
    /// The resolver of a document and the report read from it.
    pub fn new(doc: &'a Document, report: &'a Report) -> Self {
        Resolver {
            doc,
            report,
            index: LineIndex::with_starts(&doc.text, doc.line_starts().to_vec()),
        }
    }

    /// A span resolved to lines, columns and UTF-16 offsets.
    pub fn span(&self, span: crate::span::Span) -> ResolvedSpan {
        self.index.resolve(&self.doc.text, span)
    }

    /// A location resolved for the export.
    pub fn location(&self, at: &Location) -> LocationOut {
        match at {
            Location::Cell(c) => LocationOut {
                cell: Some(*c),
                span: self
                    .report
                    .cell(c)
                    .and_then(|r| r.span)
                    .map(|s| self.span(s)),
            },
            Location::Span(s) => LocationOut {
                cell: None,
                span: Some(self.span(*s)),
            },
            Location::Document => LocationOut {
                cell: None,
                span: None,
            },
        }
    }

    /// A finding resolved for the export.
    pub fn diagnostic(&self, d: &Diagnostic) -> DiagnosticOut {
        DiagnosticOut {
            rule: d.rule,
            severity: d.severity,
            message: d.message.clone(),
            message_en: d.message_en.clone(),
            at: self.location(&d.at),
            related: d.related.iter().map(|l| self.location(l)).collect(),
            expected: d.expected.clone(),
            actual: d.actual.clone(),
        }
    }

    /// The report as exported.
    pub fn report(&self) -> ReportOut {
        let r = self.report;
        ReportOut {
            agency: r.agency.as_ref().map(|a| a.value.clone()),
            year: r.year.as_ref().map(|y| y.value),
            format: r.format.as_str(),
            mixed_layout: r.mixed_layout,
            published: r.published.as_ref().map(|d| d.value.to_string()),
            period: r
                .period
                .as_ref()
                .map(|p| [p.value.start.to_string(), p.value.end.to_string()]),
            sections: r
                .sections
                .iter()
                .map(|s| SectionOut {
                    number: s.number.clone(),
                    title: s.title.clone(),
                    span: self.span(s.heading),
                })
                .collect(),
            proactive: TableOut::of(&r.proactive),
            requests: TableOut::of(&r.requests),
            appeals: TableOut::of(&r.appeals),
        }
    }
}

impl Export {
    /// The export of a file that was read and checked.
    pub fn of(file: &str, checked: &Checked) -> Export {
        let resolver = Resolver::new(&checked.document, &checked.report);
        Export {
            file: file.to_string(),
            input: Some(checked.document.input.clone()),
            report: Some(resolver.report()),
            diagnostics: checked
                .diagnostics
                .iter()
                .map(|d| resolver.diagnostic(d))
                .collect(),
            summary: Summary::of(&checked.diagnostics),
            error: None,
        }
    }

    /// The export of a file that could not be read.
    pub fn of_error(file: &str, error: &ReadError) -> Export {
        Export {
            file: file.to_string(),
            input: None,
            report: None,
            diagnostics: Vec::new(),
            summary: Summary::default(),
            error: Some(error.clone()),
        }
    }

    /// The export of either.
    pub fn of_result(file: &str, result: &Result<Checked, ReadError>) -> Export {
        match result {
            Ok(c) => Export::of(file, c),
            Err(e) => Export::of_error(file, e),
        }
    }
}

/// A cross-report finding as exported: which files it concerns, and the finding
/// resolved against the later report.
#[derive(Clone, Debug, Serialize)]
pub struct CrossOut {
    /// The later report, where the finding sits.
    pub file: String,
    /// The earlier report it was compared with.
    pub other_file: String,
    /// The finding, resolved against the later report.
    #[serde(flatten)]
    pub diagnostic: DiagnosticOut,
    /// The places in the other (earlier) report that take part.
    pub other_related: Vec<LocationOut>,
}

/// The export of several files checked together.
#[derive(Clone, Debug, Serialize)]
pub struct BatchExport {
    /// Every file's result, in the order given.
    pub reports: Vec<Export>,
    /// The findings that compare two files.
    pub cross: Vec<CrossOut>,
    /// The files of folders and archives that were no reports (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedOut>,
}

/// A file of a folder or an archive that was not checked, as exported.
#[derive(Clone, Debug, Serialize)]
pub struct SkippedOut {
    /// Its path in the folder or the archive.
    pub file: String,
    /// Why: `picture`, `system-file` or `other-kind`.
    pub reason: &'static str,
    /// Why, in Chinese.
    pub message: &'static str,
    /// Why, in English.
    pub message_en: &'static str,
}

impl BatchExport {
    /// The export of files checked together ([`crate::Batch::export`]).
    pub(crate) fn of(
        files: &[(&str, &Result<Checked, ReadError>)],
        cross: &[CrossFinding],
        skipped: &[(&str, Skip)],
    ) -> BatchExport {
        let reports = files
            .iter()
            .map(|(name, r)| Export::of_result(name, r))
            .collect();
        let cross = cross
            .iter()
            .filter_map(|f| {
                let (name, Ok(checked)) = files.get(f.report)? else {
                    return None;
                };
                let (other_name, other) = files.get(f.other)?;
                let resolver = Resolver::new(&checked.document, &checked.report);
                let other_related = match other {
                    Ok(o) => {
                        let r = Resolver::new(&o.document, &o.report);
                        f.other_related.iter().map(|l| r.location(l)).collect()
                    }
                    Err(_) => Vec::new(),
                };
                Some(CrossOut {
                    file: name.to_string(),
                    other_file: other_name.to_string(),
                    diagnostic: resolver.diagnostic(&f.diagnostic),
                    other_related,
                })
            })
            .collect();
        let skipped = skipped
            .iter()
            .map(|&(file, reason)| SkippedOut {
                file: file.to_string(),
                reason: reason.as_str(),
                message: reason.message(),
                message_en: reason.message_en(),
            })
            .collect();
        BatchExport {
            reports,
            cross,
            skipped,
        }
    }

    /// The JSON value: a single object for one file; an array for several; an
    /// object `{"reports": […], "cross": […]}` when there are cross-report
    /// findings or skipped files (then with `"skipped": […]`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.shape()).unwrap_or(Value::Null)
    }

    /// The same shape as [`BatchExport::to_json`], serialised directly, so that
    /// rows and columns keep the template's order in the text.
    pub fn shape(&self) -> impl Serialize + '_ {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Shape<'a> {
            One(&'a Export),
            Many(&'a [Export]),
            WithCross(&'a BatchExport),
        }
        match (
            self.cross.is_empty() && self.skipped.is_empty(),
            self.reports.as_slice(),
        ) {
            (true, [one]) => Shape::One(one),
            (true, many) => Shape::Many(many),
            (false, _) => Shape::WithCross(self),
        }
    }
}
