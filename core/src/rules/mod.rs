//! The rule catalogue of FORMAT.md §3. One family per file, each with its cases.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::report::Report;
use serde::Serialize;

/// What the rules need to look at one report.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub report: &'a Report,
}

/// A rule of the catalogue, as data: id, severity, what it checks.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    pub id: &'static str,
    pub severity: Severity,
    pub family: &'static str,
    /// What the rule checks, in Chinese and in English.
    pub title: &'static str,
    pub title_en: &'static str,
}

/// Every rule of the catalogue.
pub static RULES: &[RuleMeta] = &[];

pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|r| r.id == id)
}

/// Run every single-report rule.
pub fn run(_ctx: &Context) -> Vec<Diagnostic> {
    Vec::new()
}

/// A finding that compares two reports (the X rules).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossFinding {
    /// Index of the later report (the one the finding is located in).
    pub report: usize,
    /// Index of the earlier report it is compared with.
    pub other: usize,
    pub diagnostic: Diagnostic,
}

/// Run the cross-report rules over several reports (any order); `None` stands
/// for a file that could not be read. Indices in the findings are positions in
/// `reports`.
pub fn run_cross(_reports: &[Option<Context>]) -> Vec<CrossFinding> {
    Vec::new()
}
