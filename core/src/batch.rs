//! Several files checked together: each file's result, then the findings
//! that compare them (the X rules: two years of one agency), then their
//! export. The one step behind the command line, the JavaScript module's
//! `checkBatch`, the page's list of files and its exports, and the widget's
//! batch event.

use crate::diagnostic::Severity;
use crate::export::BatchExport;
use crate::pipeline::{check_guarded, Checked};
use crate::read::archive::{self, ArchiveLimits, Member, Skip};
use crate::read::{Limits, ReadError, ReadErrorKind};
use crate::rules::{self, CrossFinding, CrossRun};
use std::sync::Mutex;

/// Files checked together, borrowed from whoever holds their results: their
/// names and results in the order given, and the cross-report findings
/// between them (indices in the findings are positions in that order).
#[derive(Debug)]
pub struct Batch<'a> {
    files: Vec<(&'a str, &'a Result<Checked, ReadError>)>,
    cross: Vec<CrossFinding>,
    skipped: &'a [Skipped],
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
        Batch {
            files,
            cross,
            skipped: &[],
        }
    }

    /// The same batch, telling also the files of its folders and archives
    /// that were no reports.
    pub fn with_skipped(mut self, skipped: &'a [Skipped]) -> Self {
        self.skipped = skipped;
        self
    }

    /// The files that were no reports.
    pub fn skipped(&self) -> &[Skipped] {
        self.skipped
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
        let skipped: Vec<_> = self
            .skipped
            .iter()
            .map(|s| (s.file.as_str(), s.reason))
            .collect();
        BatchExport::of(&self.files, &self.cross, &skipped)
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

/// A file of a folder or an archive that was not checked because it is no
/// report (a picture, a style sheet, a file of the archiver).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Its path in the folder or the archive.
    pub file: String,
    /// Why it is no report.
    pub reason: Skip,
}

/// A file of a batch once archives are taken apart: bytes to check, a file
/// that could not be taken out of its archive, or one that is no report.
#[derive(Debug)]
pub enum Input {
    /// A file to check: its name and bytes.
    File(String, Vec<u8>),
    /// A file refused before it could be checked, with the reason.
    Refused(String, ReadError),
    /// A file that is no report.
    Skipped(Skipped),
}

/// What one file given to a batch stands for. An archive of reports (a
/// .zip that is no .docx, .xlsx or OFD; see [`archive`]) stands for the
/// files in it, each named `prefix` + its path in the archive, or for its
/// refusal when it is hostile; any other file stands for itself under
/// `name`. `found`: the file was found in a folder or an archive rather than
/// named by a person, so that one of a kind that is no report is skipped.
pub fn expand(
    name: &str,
    prefix: &str,
    bytes: Vec<u8>,
    found: bool,
    limits: &Limits,
) -> Vec<Input> {
    if !archive::is_archive(name, &bytes) {
        return match found.then(|| archive::skip_reason(name, &bytes)).flatten() {
            Some(reason) => vec![Input::Skipped(Skipped {
                file: name.to_string(),
                reason,
            })],
            None => vec![Input::File(name.to_string(), bytes)],
        };
    }
    // An archive may be larger than one report, not larger than all it may
    // inflate to.
    if bytes.len() as u64 > limits.max_zip_inflated_bytes {
        return vec![Input::Refused(
            name.to_string(),
            ReadError::new(
                ReadErrorKind::TooLarge,
                format!(
                    "压缩包过大，超过 {} MB 的上限。请分成几个压缩包再检查。",
                    limits.max_zip_inflated_bytes / 1_048_576
                ),
                format!(
                    "The archive is too large (the limit is {} MB). Split it into several archives and check them.",
                    limits.max_zip_inflated_bytes / 1_048_576
                ),
            ),
        )];
    }
    match archive::unpack(&bytes, limits, &ArchiveLimits::default()) {
        Err(e) => vec![Input::Refused(name.to_string(), e)],
        Ok(members) => members
            .into_iter()
            .map(|m| match m {
                Member::File(n, b) => Input::File(format!("{prefix}{n}"), b),
                Member::Refused(n, e) => Input::Refused(format!("{prefix}{n}"), e),
                Member::Skipped(n, reason) => Input::Skipped(Skipped {
                    file: format!("{prefix}{n}"),
                    reason,
                }),
            })
            .collect(),
    }
}

/// The results of a batch, owned: every file checked or refused, in order,
/// and the files skipped.
#[derive(Debug, Default)]
pub struct Results {
    /// Every file's name and result, in order.
    pub files: Vec<(String, Result<Checked, ReadError>)>,
    /// The files that were no reports, in order.
    pub skipped: Vec<Skipped>,
}

impl Results {
    /// Add one file's outcome.
    pub fn push(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Checked(name, r) => self.files.push((name, r)),
            Outcome::Skipped(s) => self.skipped.push(s),
        }
    }

    /// The batch of these results, with its cross-report findings.
    pub fn batch(&self) -> Batch<'_> {
        Batch::new(self.files.iter().map(|(n, r)| (n.as_str(), r))).with_skipped(&self.skipped)
    }
}

/// The outcome of one [`Input`] (short-lived, moved once into [`Results`]:
/// not worth boxing the large variant).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// A file checked, or refused.
    Checked(String, Result<Checked, ReadError>),
    /// A file that is no report.
    Skipped(Skipped),
}

/// Check one input as [`check_guarded`] does.
pub fn check_input(input: Input, limits: &Limits) -> Outcome {
    match input {
        Input::File(name, bytes) => {
            let r = check_guarded(&name, &bytes, limits);
            Outcome::Checked(name, r)
        }
        Input::Refused(name, e) => Outcome::Checked(name, Err(e)),
        Input::Skipped(s) => Outcome::Skipped(s),
    }
}

/// Check the inputs on `jobs` threads (1: on this one, the only choice in
/// the browser), the results in the order of the inputs.
pub fn check_inputs(inputs: Vec<Input>, limits: &Limits, jobs: usize) -> Results {
    let mut results = Results::default();
    for o in map_ordered(inputs, jobs, |i| check_input(i, limits)) {
        results.push(o);
    }
    results
}

/// `f` over the items on `jobs` scoped threads (at most one per item; 1 or
/// fewer: on this thread), the results in the order of the items whichever
/// thread finished first. Each thread takes the next item when it is done
/// with one, so that a slow file holds up one thread only.
pub fn map_ordered<T: Send, R: Send>(
    items: Vec<T>,
    jobs: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs.min(items.len());
    if jobs <= 1 {
        return items.into_iter().map(f).collect();
    }
    let n = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let mut done: Vec<(usize, R)> = Vec::with_capacity(n);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        // A poisoned lock only means another worker panicked
                        // in `f`; the queue itself is whole.
                        let next = queue.lock().unwrap_or_else(|p| p.into_inner()).next();
                        let Some((i, item)) = next else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        for w in workers {
            match w.join() {
                Ok(mine) => done.extend(mine),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Run the cross-report rules (X001–X003) over files checked together; the
/// indices in the findings are positions in `files` (files that could not be
/// read take no part).
pub fn check_cross(files: &[Option<&Checked>]) -> Vec<CrossFinding> {
    let mut run = cross_run(files);
    while run.step() {}
    run.finish()
}

/// The cross-report rules over files checked together, not yet run: where
/// the work must be spread (the page runs it between frames), one file at a
/// time ([`CrossRun::step`]); the findings are those of [`check_cross`].
pub fn cross_run<'a>(files: &[Option<&'a Checked>]) -> CrossRun<'a> {
    CrossRun::new(
        files
            .iter()
            .map(|f| f.map(|c| rules::Context::new(&c.document, &c.report)))
            .collect(),
    )
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

    /// The findings of the run by years are those of setting every report
    /// against every other, in the same order, copies of one report and
    /// unreadable files among them: two years of one agency given twice, two
    /// of another (real reports that give no finding), and an empty file.
    #[test]
    fn the_run_by_years_finds_what_every_pair_finds() {
        let real = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/real/");
        let pingtan = |year| {
            let name = format!("pingtan-{year}-crawled.txt");
            let bytes = std::fs::read(format!("{real}{name}")).expect("a real report");
            (name, bytes)
        };
        let files: Vec<(String, Vec<u8>)> = vec![
            ("a-boshan-2024.txt".into(), fixture("boshan-2024.txt")),
            pingtan(2024),
            ("a-boshan-2023.txt".into(), fixture("boshan-2023.txt")),
            pingtan(2023),
            ("b-boshan-2024.txt".into(), fixture("boshan-2024.txt")),
            ("empty.txt".into(), Vec::new()),
            ("b-boshan-2023.txt".into(), fixture("boshan-2023.txt")),
        ];
        let results = check_each(
            files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
            &Limits::default(),
        );
        let read: Vec<Option<&Checked>> = results.iter().map(|r| r.as_ref().ok()).collect();
        let found = check_cross(&read);

        // Every report against every other, as the rules say.
        let contexts: Vec<_> = read
            .iter()
            .map(|f| f.map(|c| rules::Context::new(&c.document, &c.report)))
            .collect();
        let mut every = Vec::new();
        for (i, later) in contexts.iter().enumerate() {
            for (j, earlier) in contexts.iter().enumerate() {
                let (Some(later), Some(earlier)) = (later, earlier) else {
                    continue;
                };
                let year = |c: &rules::Context| c.report.year.as_ref().map(|y| y.value);
                let agency = |c: &rules::Context| {
                    c.report
                        .agency
                        .as_ref()
                        .map(|a| crate::vocab::agency::fold(&a.value))
                };
                let (Some(y), Some(a), Some(b)) = (year(later), agency(later), agency(earlier))
                else {
                    continue;
                };
                if i == j || year(earlier) != Some(y - 1) || !crate::vocab::agency::same(&a, &b) {
                    continue;
                }
                every.extend(rules::run_pair(later, earlier).into_iter().map(|mut f| {
                    (f.report, f.other) = (i, j);
                    f
                }));
            }
        }
        assert_eq!(format!("{found:?}"), format!("{every:?}"));
        // Each copy of the 2024 report against each copy of the 2023 one.
        let pairs: std::collections::BTreeSet<_> =
            found.iter().map(|f| (f.report, f.other)).collect();
        assert_eq!(
            pairs,
            [(0, 2), (0, 6), (4, 2), (4, 6)].into_iter().collect()
        );
    }
}
