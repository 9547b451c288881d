//! Extraction: a [`Document`] in, a typed [`Report`] out.
//!
//! Matches sections, metadata and the three tables against the national
//! template ([`crate::template`]), tolerating the ways real reports deviate,
//! and records every deviation so that the rules can report it.

pub mod meta;
pub mod number;
pub mod sections;
pub mod tables;

use crate::document::Document;
use crate::report::Report;

/// Read the report out of a document. Never fails: whatever cannot be found is
/// left empty (or marked missing), and the rules say so.
pub fn extract(doc: &Document) -> Report {
    let mut report = Report::empty();
    report.sections = sections::find(doc);
    let m = meta::find(doc, &report.sections);
    report.title = m.title;
    report.agency = m.agency;
    report.year = m.year;
    report.published = m.published;
    report.period = m.period;
    tables::fill(doc, &mut report);
    report
}

/// Whether anything at all of a report was found: a section heading or a
/// label of a statistical table.
pub fn has_report_traces(report: &Report) -> bool {
    !report.sections.is_empty()
        || report.proactive.found
        || report.requests.found
        || report.appeals.found
}
