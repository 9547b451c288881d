//! R family: what the reader could not read, and findings left out.
//!
//! - R001 part of the file was skipped (a page over a limit, a page that
//!   could not be decoded): the findings rest on the rest, and no error is
//!   built on the absence of what was skipped
//! - R002 more findings than one report lists

use super::Context;
use crate::diagnostic::{Diagnostic, Location, Severity};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("R001", Warning, "R", "部分内容未能读取", "part of the file was not read",
        "读取时跳过了文件的一部分（超过读取上限或无法解码的页面）。检查只针对已读取的内容；因内容缺失而得出的问题（如缺少某一部分、缺少单元格）只作为警告提示，不作为错误。",
        "The reader skipped part of the file (a page over the reading limits or one it could not decode). The checks cover what was read; what follows from absent content (a missing section or cell) is given as a warning, not an error.",
        "文件第 2 页（内容超过读取上限，未读完）未能读取。以下检查只针对已读取的内容，因缺失内容得出的问题仅作提示"),
    rule!("R002", Info, "R", "发现过多，未全部列出", "more findings than are listed",
        "一份报告最多列出 1000 条发现；超出的部分只说明条数。这么多问题通常说明所选文件不是年度报告，或表格未能正确读取。",
        "At most 1,000 findings are listed for one report; the rest are counted. So many usually means the file is not an annual report, or its tables were not read right.",
        "另有 5 条发现未列出（每份报告最多列出 1000 条）"),
];

/// Most findings listed for one report.
pub const MAX_FINDINGS: usize = 1000;

/// Rules whose errors say that something is absent (a section, a table's
/// row or cell, the order of what is there): not certain when part of the
/// file was skipped.
const ABSENCE: &[&str] = &["S001", "S002", "S007", "F001", "F003", "F004"];

/// R001, and absence errors made warnings, when the reader skipped content.
pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let skipped = &ctx.doc.skipped;
    if skipped.is_empty() {
        return;
    }
    for d in out.iter_mut() {
        if d.severity == Severity::Error && ABSENCE.contains(&d.rule) {
            d.severity = Severity::Warning;
        }
    }
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for s in skipped.iter().take(10) {
        match s.page {
            Some(p) => {
                zh.push(format!("第 {p} 页（{}）", s.why));
                en.push(format!("page {p} ({})", s.why_en));
            }
            None => {
                zh.push(s.why.clone());
                en.push(s.why_en.clone());
            }
        }
    }
    if skipped.len() > 10 {
        zh.push(format!("另有 {} 处", skipped.len() - 10));
        en.push(format!("{} more", skipped.len() - 10));
    }
    out.push(super::context::finding(
        RULES,
        "R001",
        Location::Document,
        format!(
            "文件{}未能读取。以下检查只针对已读取的内容，因缺失内容得出的问题仅作提示",
            zh.join("、")
        ),
        format!(
            "Part of the file was not read: {}. The checks cover what was read; what follows from the missing content is given as a warning only",
            en.join(", ")
        ),
    ));
}

/// Keep the first [`MAX_FINDINGS`] of `found` (the most severe first) and
/// say how many more there were, `unlisted` of them counted by the rules
/// and never made.
pub(super) fn cap(found: &mut Vec<Diagnostic>, max: usize, unlisted: usize) {
    if found.len() + unlisted <= max {
        return;
    }
    found.sort_by_key(|d| d.severity);
    let more = found.len().saturating_sub(max) + unlisted;
    found.truncate(max);
    found.push(super::context::finding(
        RULES,
        "R002",
        Location::Document,
        format!("另有 {more} 条发现未列出（每份报告最多列出 {MAX_FINDINGS} 条）"),
        format!("{more} more findings are not listed (at most {MAX_FINDINGS} are listed for one report)"),
    ));
}

/// A hand-made report for each rule of the family that makes it fire (R002
/// is made in the catalogue's test, from more findings than the cap).
#[cfg(test)]
pub(super) fn examples() -> Vec<(&'static str, Vec<super::testing::Fixture>)> {
    use super::testing::Builder;
    let mut fx = Builder::new().build();
    fx.doc.skipped.push(crate::document::Skipped {
        page: Some(2),
        why: "内容超过读取上限，未读完".into(),
        why_en: "its content is over the reading limits and was not read whole".into(),
    });
    vec![("R001", vec![fx])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::Builder;

    #[test]
    fn a_skipped_page_turns_absence_errors_into_warnings_and_says_so() {
        // The report without section 五: S001 is an error when all was read…
        let fx = Builder::new().without_section(5).build();
        let found = crate::rules::run(&fx.ctx());
        assert!(found
            .iter()
            .any(|d| d.rule == "S001" && d.severity == Severity::Error));
        assert!(!found.iter().any(|d| d.rule == "R001"));
        // … and a warning when a page was skipped, with one R001.
        let mut fx = fx;
        fx.doc.skipped.push(crate::document::Skipped {
            page: Some(4),
            why: "无法解码".into(),
            why_en: "could not be decoded".into(),
        });
        let found = crate::rules::run(&fx.ctx());
        assert!(found
            .iter()
            .any(|d| d.rule == "S001" && d.severity == Severity::Warning));
        assert!(!found
            .iter()
            .any(|d| d.severity == Severity::Error && ABSENCE.contains(&d.rule)));
        assert_eq!(found.iter().filter(|d| d.rule == "R001").count(), 1);
        let r = found.iter().find(|d| d.rule == "R001").unwrap();
        assert!(r.message.contains("第 4 页"), "{}", r.message);
    }

    #[test]
    fn findings_past_the_cap_are_counted_in_one() {
        let one = Diagnostic::new("N001", Severity::Error, Location::Document, "x", "x");
        let warn = Diagnostic::new("N002", Severity::Warning, Location::Document, "w", "w");
        let mut found = vec![warn; 7];
        found.extend(vec![one; 5]);
        cap(&mut found, 8, 0);
        assert_eq!(found.len(), 9);
        // The errors are kept first.
        assert!(found[..5].iter().all(|d| d.rule == "N001"));
        let last = found.last().unwrap();
        assert_eq!(last.rule, "R002");
        assert!(last.message.contains("另有 4 条"), "{}", last.message);
        // At the cap or under, nothing changes.
        let mut few = found[..3].to_vec();
        cap(&mut few, 3, 0);
        assert_eq!(few.len(), 3);
        // Findings the rules counted and did not make are in the number.
        let mut counted = found[..8].to_vec();
        cap(&mut counted, 8, 10);
        assert_eq!(counted.len(), 9);
        assert!(
            counted[8].message.contains("另有 10 条"),
            "{}",
            counted[8].message
        );
    }
}
