//! nianbao-core: reads Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) and checks them against the national format.
//!
//! Plain Rust with no knowledge of browsers or files on disk: bytes in, a
//! [`Document`], a typed [`Report`] and [`Diagnostic`]s out. The CLI, the WASM
//! bindings and the web app are thin layers over [`check`].
//!
//! ```text
//! bytes ──read──▶ Document ──extract──▶ Report ──rules──▶ Vec<Diagnostic>
//!                (text + blocks with spans)  (canonical keys)     (located findings)
//! ```

pub mod diagnostic;
pub mod document;
pub mod export;
pub mod extract;
pub mod label;
pub mod numerals;
pub mod read;
pub mod report;
pub mod rules;
pub mod span;
pub mod template;

pub use diagnostic::{CellRef, Diagnostic, Location, Severity};
pub use document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Table};
pub use export::{BatchExport, Export};
pub use read::{Limits, ReadError, ReadErrorKind};
pub use report::Report;
pub use rules::CrossFinding;
pub use span::{LineIndex, ResolvedSpan, Span};
pub use template::{Layout, TableKey, Template};

/// Everything known about one checked file.
#[derive(Clone, Debug)]
pub struct Checked {
    pub document: Document,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Extract the report from a document and run every rule on it.
pub fn check_document(document: Document) -> Checked {
    let report = extract::extract(&document);
    let mut diagnostics = rules::run(&rules::Context {
        doc: &document,
        report: &report,
    });
    diagnostics.sort_by_key(|d| d.severity);
    Checked {
        document,
        report,
        diagnostics,
    }
}

/// Read and check one file. `name` is used to tell the kind of file when its
/// bytes do not.
pub fn check(name: &str, bytes: &[u8]) -> Result<Checked, ReadError> {
    check_with_limits(name, bytes, &Limits::default())
}

pub fn check_with_limits(name: &str, bytes: &[u8], limits: &Limits) -> Result<Checked, ReadError> {
    read::read(name, bytes, limits).map(check_document)
}

/// Run the cross-report rules (X001–X003) over files checked together; the
/// indices in the findings are positions in `files` (files that could not be
/// read take no part).
pub fn check_cross(files: &[Option<&Checked>]) -> Vec<CrossFinding> {
    let contexts: Vec<_> = files
        .iter()
        .map(|f| {
            f.map(|c| rules::Context {
                doc: &c.document,
                report: &c.report,
            })
        })
        .collect();
    rules::run_cross(&contexts)
}
