//! The pipeline of one file: bytes → [`Document`] (the readers) →
//! [`Report`] (extraction) → findings (the rules).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::read::{self, Limits, ReadError};
use crate::report::Report;
use crate::{extract, rules};

/// Everything known about one checked file.
#[derive(Clone, Debug)]
pub struct Checked {
    /// What the reader made of the file.
    pub document: Document,
    /// What extraction read from the document.
    pub report: Report,
    /// The findings of every rule, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether some finding has severity error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Extract the report from a document and run every rule on it.
pub fn check_document(document: Document) -> Checked {
    let report = extract::extract(&document);
    check_extracted(document, report)
}

fn check_extracted(document: Document, report: Report) -> Checked {
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

/// [`check`] under the given limits.
pub fn check_with_limits(name: &str, bytes: &[u8], limits: &Limits) -> Result<Checked, ReadError> {
    #[cfg(feature = "panic-trigger")]
    if name == PANIC_TEST_NAME {
        panic!("deliberate panic: the file is named {PANIC_TEST_NAME} and the panic-trigger feature is on");
    }
    // The time of this file (`limits.time_limit`): the readers stop where
    // they look at it, and between the steps it is looked at again.
    let _watch = read::Watch::start(limits.time_limit);
    let over = |limits: &Limits| {
        let ms = limits.time_limit.map_or(0.0, |t| t.ms);
        read::time_is_up().then(|| read::timed_out(ms))
    };
    let read = read::read(name, bytes, limits);
    if let Some(e) = over(limits) {
        return Err(e);
    }
    let document = read?;
    let report = extract::extract(&document);
    if let Some(e) = over(limits) {
        return Err(e);
    }
    Ok(check_extracted(document, report))
}

/// The file name on which [`check`] panics on purpose when the core is built
/// with the test-only cargo feature `panic-trigger` (without the feature the
/// name is an ordinary name). It lets the CLI and the web bindings test that a
/// panic in the core turns into an error for that one file
/// ([`ReadErrorKind::Internal`](crate::read::ReadErrorKind::Internal)) and does not take the rest down.
pub const PANIC_TEST_NAME: &str = "__nianbao_panic_test__";

/// [`check_with_limits`], with a panic caught and turned into a
/// [`ReadErrorKind::Internal`](crate::read::ReadErrorKind::Internal) error, for callers that check many files and
/// must go on after a bug in one. Needs unwinding: where panics abort (the
/// `wasm` profile), the caller must isolate the work itself.
pub fn check_guarded(name: &str, bytes: &[u8], limits: &Limits) -> Result<Checked, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_with_limits(name, bytes, limits)
    }))
    .unwrap_or_else(|_| Err(read::internal_error()))
}
