//! Several files checked together: each file's result, then the findings
//! that compare them (the X rules: two years of one agency), then their
//! export. The one step behind the command line, the JavaScript module's
//! `checkBatch`, the page's list of files and its exports, and the widget's
//! batch event.

use crate::diagnostic::Severity;
use crate::export::BatchExport;
use crate::pipeline::{check_guarded, Checked};
use crate::read::{Limits, ReadError};
use crate::rules::{self, CrossFinding};

/// Files checked together, borrowed from whoever holds their results: their
/// names and results in the order given, and the cross-report findings
/// between them (indices in the findings are positions in that order).
#[derive(Debug)]
pub struct Batch<'a> {
    files: Vec<(&'a str, &'a Result<Checked, ReadError>)>,
    cross: Vec<CrossFinding>,
}

impl<'a> Batch<'a> {
    /// Run the cross-report rules over files already checked. A file that
    /// could not be read takes no part; with fewer than two read there is
    /// nothing to compare.
    pub fn new(files: impl IntoIterator<Item = (&'a str, &'a Result<Checked, ReadError>)>) -> Self {
        let files: Vec<_> = files.into_iter().collect();
        let read: Vec<Option<&Checked>> = files.iter().map(|(_, r)| r.as_ref().ok()).collect();
        let cross = if read.iter().flatten().count() >= 2 {
            check_cross(&read)
        } else {
            Vec::new()
        };
        Batch { files, cross }
    }

    /// The files, in the order given.
    pub fn files(&self) -> &[(&'a str, &'a Result<Checked, ReadError>)] {
        &self.files
    }

    /// The cross-report findings.
    pub fn cross(&self) -> &[CrossFinding] {
        &self.cross
    }

    /// The cross-report findings, taken out of the batch.
    pub fn into_cross(self) -> Vec<CrossFinding> {
        self.cross
    }

    /// The export of the batch: every file's result and the cross-report
    /// findings resolved against their files.
    pub fn export(&self) -> BatchExport {
        BatchExport::of(&self.files, &self.cross)
    }

    /// Whether some file has a finding of severity error, or some
    /// cross-report finding has.
    pub fn has_errors(&self) -> bool {
        self.files
            .iter()
            .any(|(_, r)| r.as_ref().is_ok_and(Checked::has_errors))
            || self
                .cross
                .iter()
                .any(|f| f.diagnostic.severity == Severity::Error)
    }

    /// Whether some file could not be read.
    pub fn has_unreadable(&self) -> bool {
        self.files.iter().any(|(_, r)| r.is_err())
    }
}

/// Read and check the files of a batch, each as [`check_guarded`] does (a
/// panic in one becomes an error for that file), in the order given: the
/// results to make a [`Batch`] of.
pub fn check_each<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    limits: &Limits,
) -> Vec<Result<Checked, ReadError>> {
    files
        .into_iter()
        .map(|(name, bytes)| check_guarded(name, bytes, limits))
        .collect()
}

/// Run the cross-report rules (X001–X003) over files checked together; the
/// indices in the findings are positions in `files` (files that could not be
/// read take no part).
pub fn check_cross(files: &[Option<&Checked>]) -> Vec<CrossFinding> {
    let contexts: Vec<_> = files
        .iter()
        .map(|f| f.map(|c| rules::Context::new(&c.document, &c.report)))
        .collect();
    rules::run_cross(&contexts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/cross/");
        std::fs::read(format!("{dir}{name}")).expect("a fixture of the repository")
    }

    #[test]
    fn files_are_compared_only_when_two_were_read() {
        let (later, earlier) = (fixture("boshan-2024.txt"), fixture("boshan-2023.txt"));
        let names = ["boshan-2024.txt", "empty.txt", "boshan-2023.txt"];
        let bytes: [&[u8]; 3] = [&later, b"", &earlier];
        let results = check_each(names.into_iter().zip(bytes), &Limits::default());
        let batch = Batch::new(names.into_iter().zip(&results));
        assert!(batch.has_unreadable());
        assert_eq!(batch.files().len(), 3);
        // X001 in the later report, compared with the earlier one: indices
        // are positions among all the files given, the unreadable one too.
        let x001: Vec<_> = batch
            .cross()
            .iter()
            .filter(|f| f.diagnostic.rule == "X001")
            .collect();
        assert!(!x001.is_empty());
        assert!(x001.iter().all(|f| f.report == 0 && f.other == 2));
        let export = batch.export();
        assert_eq!(export.reports.len(), 3);
        assert_eq!(export.cross.len(), batch.cross().len());
        assert_eq!(export.cross[0].other_file, "boshan-2023.txt");
        assert_eq!(
            batch.has_errors(),
            results.iter().flatten().any(Checked::has_errors)
        );

        // One report alone: nothing to compare.
        let one = Batch::new(names.into_iter().zip(&results).take(1));
        assert!(one.cross().is_empty() && !one.has_unreadable());
    }
}
