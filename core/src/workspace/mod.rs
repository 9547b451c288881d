//! The reviewer's workspace, below its views: what a supervising office
//! needs to review many agencies' reports over several years.
//!
//! - [`stored`]: a result as the workspace keeps it (the export JSON), read
//!   through a typed view.
//! - [`fingerprint`]: fingerprints of findings, which decisions are kept
//!   under.
//! - [`decisions`]: decisions (确认问题 / 不是问题) and where each finding
//!   stands against them (open, confirmed, dismissed, resolved).
//! - [`figures`]: key figures of a report's tables and their medians.
//! - [`groups`]: agencies' names grouped into bodies, with the reviewer's
//!   corrections; search by agency.
//! - [`matrix`]: agencies × years, pairs of consecutive years, counts per
//!   rule, the overview's totals.
//! - [`search`]: an index of the reports' texts, built one report at a time.
//! - [`memo`]: the review memo (整改意见) per agency, .docx and HTML.
//! - [`summary`]: the summary workbook (.xlsx).
//! - [`archive`]: the workspace file (export and import).
//!
//! Storage itself is the browser's (`www/store.js`, IndexedDB); this module
//! computes, checks and writes. docs/workspace.md describes the whole.

pub mod archive;
pub mod decisions;
pub mod figures;
pub mod fingerprint;
pub mod groups;
pub mod matrix;
pub mod memo;
pub mod search;
pub mod stored;
pub mod summary;

/// What the workspace's tests share: reports checked and recorded as the
/// page records them.
#[cfg(test)]
pub(crate) mod testing {
    use super::{matrix::Entry, record_alone};

    /// The directory of the seed reports, with its final slash.
    pub(crate) const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");

    /// A report checked and recorded under `id`.
    pub(crate) fn entry(id: u32, file: &str, bytes: &[u8]) -> Entry {
        let c = crate::check(file, bytes).unwrap();
        record_alone(id, file, &c, 0.0).unwrap().entry
    }

    /// The seed reports' names, sorted.
    pub(crate) fn seed_names() -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(SEEDS)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        names
    }
}

use serde::Serialize;
use serde_json::Value;

/// What the workspace computes of a result when it stores it: its
/// findings' fingerprints (the report's own, then its cross-report ones)
/// and its entry for the overview.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    /// The fingerprints.
    pub fingerprints: Vec<String>,
    /// The overview's entry.
    pub entry: matrix::Entry,
}

/// The record of a report checked on its own (no cross-report findings):
/// `checked`, exported as the file `file`, with its text for the
/// fingerprints; `None` as for [`record`].
pub fn record_alone(id: u32, file: &str, checked: &crate::Checked, added: f64) -> Option<Record> {
    let json = serde_json::to_value(crate::Export::of(file, checked)).ok()?;
    record(id, &json, Some(&checked.document.text), &Value::Null, added)
}

/// The record of a result (the export JSON of one file), its document's
/// text and its cross-report findings (`cross` items of a batch's export
/// that sit in this report; `null` or `[]` for none). `None` when `result`
/// is not shaped like a result.
pub fn record(
    id: u32,
    result: &Value,
    text: Option<&str>,
    cross: &Value,
    added: f64,
) -> Option<Record> {
    let view = stored::view(result)?;
    let cross = stored::cross_view(cross);
    Some(record_view(id, &view, text.into(), &cross, added))
}

/// [`record`] of a result and its cross-report findings already read into
/// their typed views (as the page reads them straight from their JSON text,
/// without a `Value` of every finding on the way).
pub fn record_view(
    id: u32,
    view: &stored::ResultView,
    text: fingerprint::Seen,
    cross: &[stored::DiagnosticView],
    added: f64,
) -> Record {
    let mut fingerprints = fingerprint::fingerprints_seen(&view.diagnostics, &text);
    fingerprints.extend(fingerprint::fingerprints_seen(cross, &text));
    let entry = matrix::Entry::of(id, view, cross, fingerprints.clone(), added);
    Record {
        fingerprints,
        entry,
    }
}
