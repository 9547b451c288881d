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

pub mod batch;
pub mod decimal;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod extract;
pub mod read;
pub mod report;
pub mod rules;
pub(crate) mod search;
pub mod span;
pub mod vocab;

pub use batch::{check_cross, check_each, Batch};
pub use diagnostic::{CellRef, Diagnostic, Location, Severity};
pub use document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Table};
pub use export::{BatchExport, Export};
pub use read::{Limits, ReadError, ReadErrorKind};
pub use report::Report;
pub use rules::CrossFinding;
pub use span::{LineIndex, ResolvedSpan, Span};
pub use vocab::template::{Layout, TableKey, Template};

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
    let mut diagnostics = rules::run(&rules::Context::new(&document, &report));
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
    #[cfg(feature = "panic-trigger")]
    if name == PANIC_TEST_NAME {
        panic!("deliberate panic: the file is named {PANIC_TEST_NAME} and the panic-trigger feature is on");
    }
    read::read(name, bytes, limits).map(check_document)
}

/// The file name on which [`check`] panics on purpose when the core is built
/// with the test-only cargo feature `panic-trigger` (without the feature the
/// name is an ordinary name). It lets the CLI and the web bindings test that a
/// panic in the core turns into an error for that one file
/// ([`ReadErrorKind::Internal`]) and does not take the rest down.
pub const PANIC_TEST_NAME: &str = "__nianbao_panic_test__";

/// [`check_with_limits`], with a panic caught and turned into a
/// [`ReadErrorKind::Internal`] error, for callers that check many files and
/// must go on after a bug in one. Needs unwinding: where panics abort (the
/// `wasm` profile), the caller must isolate the work itself.
pub fn check_guarded(name: &str, bytes: &[u8], limits: &Limits) -> Result<Checked, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_with_limits(name, bytes, limits)
    }))
    .unwrap_or_else(|_| Err(read::internal_error()))
}
