//! Fingerprints of findings: what a reviewer's decision on a finding is
//! kept under, so that it holds when the same report is checked again and
//! when a corrected version of it changes other cells or other sentences.
//!
//! A fingerprint is made of
//!
//! - the rule id;
//! - the place in the template: a table cell by its canonical keys
//!   (`c:requests.new.total`), or for a finding on the text the words at
//!   that place — the finding's own text and the start of its line, folded
//!   (spaces, punctuation and full-width forms left out), so that the same
//!   sentence is found again where the text before it grew or shrank — or
//!   `d` for a finding on the document as a whole;
//! - the values: what the rule expected and what the report says (JSON
//!   text; absent is `null`);
//! - for the second, third, … finding with all of these equal, its rank
//!   among them in the report's order.
//!
//! These are hashed (64-bit FNV-1a, fixed for ever: fingerprints are stored
//! and travel in workspace files) and written `RULE-hhhhhhhhhhhhhhhh`, e.g.
//! `A003-5be8c6a0f2d61e4b`. Offsets, lines and the message's wording are not
//! part of it: they change when other parts of the report change, or when
//! the checker's wording improves.
//!
//! A finding whose values change (the total is wrong in another way) has
//! another fingerprint: the decision on the old one shows as resolved, and
//! the new one waits for a decision.

use super::stored::DiagnosticView;
use crate::vocab::label::fold;
use std::collections::HashMap;

/// The version of the fingerprint's recipe; a workspace file says which it
/// was made with.
pub const FINGERPRINT_VERSION: u32 = 1;

/// How many characters of a finding's own text, and of its line, take part.
const SPAN_CHARS: usize = 64;
const LINE_CHARS: usize = 32;

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// What the fingerprints are given of a report's text: all of it, or only
/// the pieces that hold its findings, each from the start of a line to at
/// least its end (the page cuts them so, to hand a report of many megabytes
/// over without its whole text). Either way a finding on the text gets the
/// same fingerprint, as long as a piece holds its span and its line.
#[derive(Clone, Copy, Debug, Default)]
pub enum Seen<'a> {
    /// No text: findings on the text get fingerprints that do not match.
    #[default]
    Nothing,
    /// The whole text.
    Whole(&'a str),
    /// Pieces of the text, in the order of the text.
    Pieces {
        /// The pieces end to end.
        text: &'a str,
        /// For each piece, its start in the whole text and its length in bytes.
        at: &'a [(usize, usize)],
    },
}

impl<'a> From<Option<&'a str>> for Seen<'a> {
    fn from(text: Option<&'a str>) -> Self {
        text.map_or(Seen::Nothing, Seen::Whole)
    }
}

impl<'a> Seen<'a> {
    /// The piece that holds the bytes `start..end` of the whole text, and
    /// where it starts in the whole text.
    fn holding(&self, start: usize, end: usize, starts: &[usize]) -> Option<(usize, &'a str)> {
        match *self {
            Seen::Nothing => None,
            Seen::Whole(text) => Some((0, text)),
            Seen::Pieces { text, at } => {
                let i = at.partition_point(|&(at, _)| at <= start).checked_sub(1)?;
                let (at, len) = at[i];
                if end > at + len {
                    return None;
                }
                let from = *starts.get(i)?;
                text.get(from..from + len).map(|piece| (at, piece))
            }
        }
    }

    /// Where each piece starts in `text`.
    fn starts(&self) -> Vec<usize> {
        match self {
            Seen::Pieces { at, .. } => at
                .iter()
                .scan(0, |from, &(_, len)| {
                    let here = *from;
                    *from += len;
                    Some(here)
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The place of a finding in the template or the text, as it enters the
/// fingerprint.
fn place(d: &DiagnosticView, text: &Seen, starts: &[usize]) -> String {
    if let Some(c) = &d.at.cell {
        return format!("c:{}.{}.{}", c.table, c.row, c.column);
    }
    let Some(s) = d.at.span else {
        return "d".to_string();
    };
    let Some((offset, text)) = text.holding(s.start, s.end.max(s.start), starts) else {
        return "t?".to_string();
    };
    // Offsets in the piece (0 in the whole text).
    let (start, end) = (s.start - offset, s.end.saturating_sub(offset));
    let own = text.get(start..end).map(fold).unwrap_or_default();
    let line = text
        .get(..start.min(text.len()))
        .map(|before| before.rfind('\n').map_or(0, |n| n + 1))
        .and_then(|ls| {
            let rest = text.get(ls..)?;
            Some(fold(&rest[..rest.find('\n').unwrap_or(rest.len())]))
        })
        .unwrap_or_default();
    format!(
        "t:{}|{}",
        first_chars(&own, SPAN_CHARS),
        first_chars(&line, LINE_CHARS)
    )
}

fn value_text(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "null".to_string(),
        Some(v) => v.to_string(),
    }
}

/// The fingerprints of a report's findings, in their order. `text` is the
/// document's text the findings' spans point into (the result's spans are
/// byte offsets in it); without it, findings on the text get fingerprints
/// that do not match those made with it.
pub fn fingerprints(diagnostics: &[DiagnosticView], text: Option<&str>) -> Vec<String> {
    fingerprints_seen(diagnostics, &Seen::from(text))
}

/// [`fingerprints`] from what the page gave of the text ([`Seen`]).
pub fn fingerprints_seen(diagnostics: &[DiagnosticView], text: &Seen) -> Vec<String> {
    let starts = text.starts();
    let mut seen: HashMap<String, u32> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let key = format!(
                "{}\u{1f}{}\u{1f}{}\u{1f}{}",
                d.rule,
                place(d, text, &starts),
                value_text(&d.expected),
                value_text(&d.actual)
            );
            let rank = seen.entry(key.clone()).or_insert(0);
            let full = if *rank == 0 {
                key
            } else {
                format!("{key}\u{1f}#{rank}")
            };
            *rank += 1;
            format!("{}-{:016x}", d.rule, fnv1a(full.as_bytes()))
        })
        .collect()
}

/// Whether a string has the shape of a fingerprint (`A003-` and 16 hex
/// digits).
pub fn is_fingerprint(s: &str) -> bool {
    let Some((rule, hash)) = s.split_once('-') else {
        return false;
    };
    (1..=8).contains(&rule.len())
        && rule.bytes().all(|b| b.is_ascii_alphanumeric())
        && hash.len() == 16
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::stored::view;
    use crate::Export;

    fn checked(text: &str) -> (serde_json::Value, String) {
        let c = crate::check("r.txt", text.as_bytes()).expect("a report");
        let doc_text = c.document.text.clone();
        (
            serde_json::to_value(Export::of("r.txt", &c)).unwrap(),
            doc_text,
        )
    }

    fn prints(text: &str) -> Vec<(String, String)> {
        let (json, doc) = checked(text);
        let v = view(&json).unwrap();
        let f = fingerprints(&v.diagnostics, Some(&doc));
        v.diagnostics
            .iter()
            .map(|d| d.rule.clone())
            .zip(f)
            .collect()
    }

    fn seed(n: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let name = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|f| f.starts_with(n))
            .unwrap();
        std::fs::read_to_string(format!("{dir}{name}")).unwrap()
    }

    #[test]
    fn the_same_report_gives_the_same_fingerprints() {
        let text = seed("003");
        let a = prints(&text);
        assert!(!a.is_empty());
        assert_eq!(a, prints(&text));
        assert!(a.iter().all(|(_, f)| is_fingerprint(f)), "{a:?}");
        // All different within one report.
        let mut all: Vec<_> = a.iter().map(|(_, f)| f).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), a.len());
    }

    #[test]
    fn a_corrected_version_keeps_the_fingerprints_of_what_it_did_not_touch() {
        // Seed 003 has A004 (table 四), T001 (text) and Q003 (on its title)
        // findings; add a blank line and a paragraph after the title (every
        // offset after it moves, lines too).
        let text = seed("003");
        let before = prints(&text);
        assert!(before.len() >= 3, "{before:?}");
        let mut lines: Vec<&str> = text.lines().collect();
        let first_section = lines.iter().position(|l| l.starts_with("一、")).unwrap();
        lines.insert(
            first_section,
            "本机关高度重视政府信息公开工作，现将有关情况报告如下。\n",
        );
        let moved = lines.join("\n");
        let after = prints(&moved);
        for (rule, f) in &before {
            assert!(
                after.iter().any(|(_, g)| g == f),
                "{rule} {f} lost after a paragraph was added: {after:?}"
            );
        }
    }

    #[test]
    fn a_finding_fixed_in_a_corrected_version_disappears() {
        let text = seed("003");
        let before = prints(&text);
        let a004: Vec<_> = before.iter().filter(|(r, _)| r == "A004").collect();
        assert_eq!(a004.len(), 1, "{before:?}");
        // Seed 003's table 四 has 复议后起诉 0/0/0/0 with 总计 1: make the
        // total 0 and the finding is gone, every other one stays.
        let fixed = fix_appeal_total(&text);
        let after = prints(&fixed);
        assert!(!after.iter().any(|(r, _)| r == "A004"), "{after:?}");
        for (rule, f) in before.iter().filter(|(r, _)| r != "A004") {
            assert!(after.iter().any(|(_, g)| g == f), "{rule} {f} lost");
        }
    }

    /// Seed 003 with its wrong 复议后起诉 total (1 over four zeros) put right.
    pub(crate) fn fix_appeal_total(text: &str) -> String {
        let c = crate::check("r.txt", text.as_bytes()).unwrap();
        let cell = c
            .report
            .appeals
            .cells
            .iter()
            .find(|c| {
                c.row == crate::vocab::template::RowKey::LitigationAfterReview
                    && c.column == crate::vocab::template::ColumnKey::Total
            })
            .unwrap();
        let span = cell.span.unwrap();
        assert_eq!(span.slice(&c.document.text), "1");
        // The document text of a .txt is the file's text (no BOM, LF lines).
        let mut out = c.document.text.clone();
        out.replace_range(span.start..span.end, "0");
        out
    }

    #[test]
    fn shapes_of_fingerprints() {
        assert!(is_fingerprint("A003-0123456789abcdef"));
        assert!(!is_fingerprint("A003-0123456789ABCDEF"));
        assert!(!is_fingerprint("<b>-0123456789abcdef"));
        assert!(!is_fingerprint("A003"));
    }
}
