//! The six section headings as reports write them: every name of every
//! section prepared for comparison once, and the test for a line that is,
//! beyond doubt, a heading.

use crate::vocab::label;
use crate::vocab::template::{Layout, SectionDef, Template};

/// Every name of every section (title first, then aliases), prepared once:
/// (section, index among its names, the name prepared, its length).
type SectionName = (&'static SectionDef, usize, label::Prepared, usize);

pub(crate) fn section_names() -> &'static [SectionName] {
    static NAMES: std::sync::OnceLock<Vec<SectionName>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut out = Vec::new();
        for s in Template::get(Layout::Y2021).sections {
            let names = std::iter::once(s.title).chain(s.aliases.iter().copied());
            for (i, name) in names.enumerate() {
                let p = label::Prepared::new(name, &[]);
                let len = p.chars.len();
                out.push((s, i, p, len));
            }
        }
        out
    })
}

/// Whether a comparison form that starts with this character can be a
/// section name or begin with one: the first characters of all the names.
pub(crate) fn may_begin_name(c: char) -> bool {
    static FIRST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    FIRST
        .get_or_init(|| {
            let mut v: Vec<char> = section_names()
                .iter()
                .filter_map(|(_, _, p, _)| p.folded.chars().next())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .contains(&c)
}

/// The most characters the comparison form of a heading can have and still
/// name a section: the longest name with a tail (统计表) or a few typos.
pub(crate) fn max_heading_chars() -> usize {
    static MAX: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MAX.get_or_init(|| {
        section_names()
            .iter()
            .map(|(_, _, _, len)| len + (len / 4).max(4))
            .max()
            .unwrap_or(0)
    })
}

/// A line that is, beyond doubt, one of the six section headings: numbered
/// 一、 … 六、 (or 1、 …) and worded as the template has it.
pub(crate) fn is_heading_line(t: &str) -> bool {
    // Every heading is in Chinese: a line without a character of three or
    // more bytes is none (figures, most table cells).
    if !t.bytes().any(|b| b >= 0xE0) {
        return false;
    }
    let t = &t[label::noise_len(t)..];
    let max = max_heading_chars();
    let numbered = label::numbering(t);
    let title = &t[numbered.as_ref().map_or(0, |n| n.rest)..];
    // Both tests below want the comparison form to begin with a name: one
    // that begins with another character is told without folding the line.
    if !label::first_kept(title).is_some_and(may_begin_name) {
        return false;
    }
    match numbered {
        Some(n) if n.style != label::NumberStyle::Parenthesised => {
            label::fold_within(title, max).is_some_and(|f| section_title_match(&f))
        }
        // without a number (or numbered as a sub-item): the exact wording only
        _ => label::fold_within(title, max).is_some_and(|f| section_title_exact(&f)),
    }
}

fn section_title_exact(folded: &str) -> bool {
    section_names()
        .iter()
        .any(|(_, _, p, _)| p.folded == folded)
}

/// Whether folded text is a section title of the template, possibly followed
/// by a short tail such as 统计表.
pub(crate) fn section_title_match(folded: &str) -> bool {
    let count = folded.chars().count();
    section_names()
        .iter()
        .any(|(_, _, p, len)| folded.starts_with(p.folded) && count <= len + 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Trim;

    /// Headings told by folding every line, as before the first character
    /// was tested alone.
    fn is_heading_line_by_folding(t: &str) -> bool {
        if !t.bytes().any(|b| b >= 0xE0) {
            return false;
        }
        let t = &t[label::noise_len(t)..];
        let max = max_heading_chars();
        match label::numbering(t) {
            Some(n) if n.style != label::NumberStyle::Parenthesised => {
                label::fold_within(&t[n.rest..], max).is_some_and(|f| section_title_match(&f))
            }
            Some(n) => {
                label::fold_within(&t[n.rest..], max).is_some_and(|f| section_title_exact(&f))
            }
            None => label::fold_within(t, max).is_some_and(|f| section_title_exact(&f)),
        }
    }

    #[test]
    fn headings_are_told_as_by_folding_every_line() {
        let mut lines: Vec<String> = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds");
        for entry in std::fs::read_dir(dir).expect("the seeds of tests/fixtures") {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(String::from));
        }
        for (_, _, p, _) in section_names() {
            lines.push(p.folded.to_string());
            lines.push(format!("{}统计表", p.folded));
            lines.push(format!("“{}”", p.folded));
        }
        let mut more = Vec::new();
        for line in &lines {
            for prefix in ["一、", "（一）", "3.", "  ", "——", "六 、 "] {
                more.push(format!("{prefix}{line}"));
            }
        }
        lines.extend(more);
        let mut headings = 0;
        for line in &lines {
            let t = line.trim_ws();
            assert_eq!(is_heading_line(t), is_heading_line_by_folding(t), "{t}");
            headings += usize::from(is_heading_line(t));
        }
        assert!(headings > 60, "{headings}");
    }
}
