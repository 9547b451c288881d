//! The template's terms as a text is searched for them: every label in its
//! comparison form, and the markers that tell a text is an annual report at
//! all.

use crate::vocab::label;
use crate::vocab::template::{TEMPLATE_2019, TEMPLATE_2021};

/// Whether the text holds at least one section heading or table label of the
/// national template (compared without spaces and punctuation).
pub(crate) fn looks_like_report(text: &str) -> bool {
    let markers = markers_by_first();
    let text = &text[..floor_char_boundary(text, 2_000_000)];
    let has_marker = |folded: &str| {
        folded.char_indices().any(|(i, c)| {
            markers
                .get(&c)
                .is_some_and(|ms| ms.iter().any(|m| folded[i..].starts_with(m.as_str())))
        })
    };
    // A report names a section or a table on some line of its first few
    // dozen; only text where no line does is folded as a whole (a marker
    // may be broken across lines). Short lines (headings) are looked at
    // before long ones (paragraphs), which makes no difference to the
    // answer but spares folding paragraphs in most reports.
    let first = || text.split('\n').take(64);
    let short = |line: &&str| line.len() <= 120;
    first()
        .filter(short)
        .any(|line| has_marker(&label::fold(line)))
        || first()
            .filter(|l| !short(l))
            .any(|line| has_marker(&label::fold(line)))
        || has_marker(&label::fold(text))
}

type ByFirst = rustc_hash::FxHashMap<char, Vec<String>>;

/// The markers by their first character: each position of a text is compared
/// only with the markers that start with its character.
fn markers_by_first() -> &'static ByFirst {
    static MARKERS: std::sync::OnceLock<ByFirst> = std::sync::OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut by: ByFirst = Default::default();
        for m in markers() {
            if let Some(c) = m.chars().next() {
                by.entry(c).or_default().push(m);
            }
        }
        by
    })
}

/// Whether the text names at least `enough` different headings or labels of
/// the template: a stricter test than [`looks_like_report`], for a file whose
/// kind alone does not say it is a report (a Markdown file found in a folder
/// may as well be the folder's notes, which name a heading or two).
pub(crate) fn names_markers(text: &str, enough: usize) -> bool {
    let markers = markers_by_first();
    let folded = label::fold(&text[..floor_char_boundary(text, 2_000_000)]);
    let mut seen: Vec<&str> = Vec::new();
    for (i, c) in folded.char_indices() {
        for m in markers.get(&c).into_iter().flatten() {
            if folded[i..].starts_with(m.as_str()) && !seen.contains(&m.as_str()) {
                seen.push(m);
                if seen.len() >= enough {
                    return true;
                }
            }
        }
    }
    false
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Distinctive strings of the template: section headings, table titles, long
/// row and column labels.
fn markers() -> Vec<String> {
    let mut out = Vec::new();
    for t in [&TEMPLATE_2021, &TEMPLATE_2019] {
        for s in t.sections {
            if s.title.chars().count() >= 6 {
                out.push(label::fold(s.title));
            }
            out.extend(s.aliases.iter().map(|a| label::fold(a)));
        }
        for table in t.tables() {
            out.push(label::fold(table.title));
            for r in table.rows {
                if r.label.chars().count() >= 6 {
                    out.push(label::fold(r.label));
                }
            }
            for c in table.columns {
                if c.label.chars().count() >= 6 {
                    out.push(label::fold(c.label));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Every label of the template, in comparison form: rows (and their
/// aliases), columns, row groups, blocks, column groups, of both layouts.
pub(crate) fn template_labels() -> &'static [String] {
    static LABELS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        let mut out = Vec::new();
        for t in [&TEMPLATE_2021, &TEMPLATE_2019] {
            for table in t.tables() {
                for r in table.rows {
                    out.push(label::fold(r.label));
                    out.extend(r.aliases.iter().map(|a| label::fold(a)));
                    out.extend(r.parent.map(label::fold));
                    out.extend(r.block.map(label::fold));
                }
                for c in table.columns {
                    out.push(label::fold(c.label));
                    out.extend(c.aliases.iter().map(|a| label::fold(a)));
                    out.extend(c.group.map(label::fold));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    })
}

pub(crate) fn is_template_label(key: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    !key.is_empty()
        && SET
            .get_or_init(|| template_labels().iter().map(String::as_str).collect())
            .contains(key)
}
