//! Title, agency, year, statistical period and publication date.

use crate::document::Document;
use crate::report::{Date, Located, Period, Section};
use crate::search;
use crate::span::{Span, Trim};
use crate::vocab::label;
use crate::vocab::template::METADATA;
use crate::vocab::value::{date_at, dates, years};

/// What was learned about a report besides its sections and tables.
#[derive(Default)]
pub(super) struct Meta {
    pub title: Option<Located<String>>,
    pub agency: Option<Located<String>>,
    pub year: Option<Located<i32>>,
    pub published: Option<Located<Date>>,
    pub period: Option<Located<Period>>,
}

fn located_text(doc: &Document, span: Span) -> Located<String> {
    Located::new(label::collapse(doc.slice(span)), span)
}

/// The cells of a metadata table (`标题: | … |`), as (label, value) pairs;
/// only labels that [`field`] asks for are kept.
fn fields(doc: &Document) -> Vec<(String, Span)> {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        METADATA
            .title
            .iter()
            .chain(METADATA.published)
            .map(|k| label::folded(k))
            .collect()
    });
    let mut out = Vec::new();
    let mut name = String::new();
    for t in doc.tables() {
        for row in &t.rows {
            let mut cells = row.iter().filter(|c| !c.text.trim_ws().is_empty());
            let Some(mut prev) = cells.next() else {
                continue;
            };
            for cell in cells {
                if prev.text.len() <= 24
                    && label::fold_within_into(&prev.text, 6, &mut name)
                    && names.contains(&name.as_str())
                {
                    out.push((name.clone(), cell.span));
                }
                prev = cell;
            }
        }
    }
    out
}

fn field<'a>(fields: &'a [(String, Span)], names: &[&'static str]) -> Option<&'a Span> {
    let names: Vec<&'static str> = names.iter().map(|k| label::folded(k)).collect();
    fields
        .iter()
        .find(|(n, _)| names.contains(&n.as_str()))
        .map(|(_, s)| s)
}

/// A span with surrounding white space left out.
fn trim_span(doc: &Document, span: Span) -> Span {
    let s = doc.slice(span);
    let lead = s.len() - s.trim_start_ws().len();
    Span::new(span.start + lead, span.start + lead + s.trim_ws().len())
}

pub(super) fn find(doc: &Document, sections: &[Section]) -> Meta {
    let fields = fields(doc);
    let mut meta = Meta {
        title: title(doc, &fields, sections),
        ..Meta::default()
    };
    if let Some(t) = &meta.title {
        let (agency, year) = agency_and_year(doc, t.span);
        meta.agency = agency;
        meta.year = year;
    }
    meta.period = period(doc);
    if meta.year.is_none() {
        if let Some(p) = &meta.period {
            meta.year = Some(Located::new(p.value.start.year, p.span));
        }
    }
    if meta.agency.is_none() {
        meta.agency = agency_from_body(doc);
    }
    meta.published = published(doc, &fields, meta.title.as_ref().map(|t| t.span));
    meta
}

fn title(
    doc: &Document,
    fields: &[(String, Span)],
    sections: &[Section],
) -> Option<Located<String>> {
    if let Some(span) = field(fields, METADATA.title) {
        let span = trim_span(doc, *span);
        if !span.is_empty() {
            return Some(located_text(doc, span));
        }
    }
    // The first line before the first section that names a report
    // (…年度报告), with the line above it when the title wraps (the agency's
    // name, or the start of the title, on a line of its own).
    let limit = sections.first().map_or(doc.text.len(), |s| s.heading.start);
    let lines: Vec<Span> = doc
        .paragraphs()
        .filter(|p| p.span.end <= limit)
        .take(8)
        .map(|p| {
            let text = doc.slice(p.span);
            let skip = label::noise_len(text).max(field_label_len(text, METADATA.title));
            Span::new(p.span.start + skip, p.span.end)
        })
        .collect();
    let short = |span: &Span| doc.slice(*span).chars().count() <= 60;
    let k = lines.iter().position(|span| {
        let f = label::fold(doc.slice(*span));
        short(span) && METADATA.title_words.iter().any(|w| f.contains(w))
    })?;
    let line = lines[k];
    let text = doc.slice(line);
    let names_agency = years(text)
        .first()
        .is_some_and(|&(_, ys, _)| !text[..ys].trim_ws().is_empty());
    let mut span = line;
    if !names_agency && k > 0 {
        let prev = lines[k - 1];
        let p = doc.slice(prev);
        let metadata_like = p.contains(':') || p.contains('：') || p.chars().count() > 40;
        if !metadata_like {
            span = prev.cover(line);
        }
    }
    Some(located_text(doc, trim_span(doc, span)))
}

/// The length of a leading field label (`标题:`) of a line, or 0.
fn field_label_len(text: &str, names: &[&str]) -> usize {
    let t = text.trim_start_ws();
    for n in names {
        if let Some(rest) = t.strip_prefix(n) {
            let r = rest.trim_start_ws();
            if let Some(after) = r.strip_prefix([':', '：']) {
                return text.len() - after.trim_start_ws().len();
            }
        }
    }
    0
}

/// The agency is what the title says before the year; the year is the first
/// year in the title.
fn agency_and_year(doc: &Document, title: Span) -> (Option<Located<String>>, Option<Located<i32>>) {
    let text = doc.slice(title);
    let Some(&(y, ys, ye)) = years(text).first() else {
        return (None, None);
    };
    let year = Some(Located::new(
        y,
        Span::new(title.start + ys, title.start + ye),
    ));
    let before = &text[..ys];
    let agency = if before.trim_ws().is_empty() {
        // 2024年度某某局政府信息公开工作年度报告: the name follows the year
        let after_year = &text[ye..];
        let skip = after_year.len() - after_year.trim_start_ws().len();
        let rest = &after_year[skip..];
        let rest_start = ye
            + skip
            + rest
                .strip_prefix("年度")
                .or_else(|| rest.strip_prefix('年'))
                .map_or(0, |r| rest.len() - r.len());
        let tail = &text[rest_start..];
        let end = METADATA
            .title_subject
            .iter()
            .filter_map(|w| tail.find(w))
            .min()
            .unwrap_or(0);
        if tail[..end].trim_ws().chars().count() >= 2 {
            Some(located_text(
                doc,
                trim_span(
                    doc,
                    Span::new(title.start + rest_start, title.start + rest_start + end),
                ),
            ))
        } else {
            None
        }
    } else {
        let span = trim_span(doc, Span::new(title.start, title.start + ys));
        Some(located_text(doc, span))
    };
    (agency, year)
}

/// Where each occurrence of `word` in `text` ends, each found after the end
/// of the one before; `held` says whether the text holds the word at all,
/// which is found faster than where (for several words at once with
/// [`search::which`], or vectorised on x86-64), and is most often no.
fn word_ends<'t>(text: &'t str, word: &'t str, held: bool) -> impl Iterator<Item = usize> + 't {
    let mut from = if held { 0 } else { text.len() };
    std::iter::from_fn(move || {
        let i = search::find_from(text, word, from)?;
        from = i + word.len();
        Some(from)
    })
}

/// The words of `words` that `text` holds, with whether it does, in one
/// pass.
fn holding<'w>(text: &str, words: &'w [&'w str]) -> impl Iterator<Item = (&'w str, bool)> {
    let found = search::which(text, words);
    words
        .iter()
        .enumerate()
        .map(move |(i, w)| (*w, found & (1 << i) != 0))
}

fn agency_from_body(doc: &Document) -> Option<Located<String>> {
    let text = &doc.text;
    for (before, after) in METADATA.agency_context {
        for s in word_ends(text, before, search::contains(text, before)) {
            let rest = &text[s..];
            let end = if after.is_empty() {
                rest.find(['，', '。', '（', '(', '\n']).unwrap_or(0)
            } else {
                search::find(rest, after).unwrap_or(0)
            };
            let name = &rest[..end];
            if end > 0 && name.chars().count() <= 30 && !name.contains('\n') {
                return Some(located_text(doc, Span::new(s, s + end)));
            }
        }
    }
    None
}

fn period(doc: &Document) -> Option<Located<Period>> {
    let text = &doc.text;
    for (word, held) in holding(text, METADATA.period) {
        for s in word_ends(text, word, held) {
            let window_end = floor_boundary(text, s + 160);
            let found = dates(&text[s..window_end]);
            if let [a, b, ..] = found.as_slice() {
                let span = Span::new(s + a.1, s + b.2);
                return Some(Located::new(
                    Period {
                        start: a.0,
                        end: b.0,
                    },
                    span,
                ));
            }
        }
    }
    None
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn published(
    doc: &Document,
    fields: &[(String, Span)],
    title: Option<Span>,
) -> Option<Located<Date>> {
    // 1. a metadata field
    if let Some(span) = field(fields, METADATA.published) {
        let span = trim_span(doc, *span);
        let s = doc.slice(span);
        if let Some((d, end)) = date_at(s, 0) {
            return Some(Located::new(d, Span::new(span.start, span.start + end)));
        }
    }
    // 2. a labelled date in the text: 发文日期：2025年1月15日
    let text = &doc.text;
    for (word, held) in holding(text, METADATA.published) {
        if let Some(s) = word_ends(text, word, held).next() {
            let window_end = floor_boundary(text, s + 40);
            let win = &text[s..window_end];
            let skip = win
                .char_indices()
                .find(|(_, c)| !(c.is_whitespace() || matches!(c, ':' | '：')))
                .map_or(win.len(), |(k, _)| k);
            if let Some((d, end)) = date_at(win, skip) {
                return Some(Located::new(d, Span::new(s + skip, s + end)));
            }
        }
    }
    // 3. a line holding only a date: under the title, or among the last lines
    let lone_date = |span: Span| -> Option<Located<Date>> {
        let span = trim_span(doc, span);
        let s = doc.slice(span);
        let (d, end) = date_at(s, 0)?;
        if s[end..].trim_ws().is_empty() {
            Some(Located::new(d, Span::new(span.start, span.start + end)))
        } else {
            None
        }
    };
    let paragraphs: Vec<Span> = doc.paragraphs().map(|p| p.span).collect();
    if let Some(t) = title {
        if let Some(next) = paragraphs.iter().find(|p| p.start >= t.end) {
            if let Some(d) = lone_date(*next) {
                return Some(d);
            }
        }
    }
    for p in paragraphs.iter().rev().take(4) {
        if let Some(d) = lone_date(*p) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ends_are_those_of_repeated_finds() {
        let text = "统计期限为2024年，统计期限统计期限；无";
        let ends: Vec<usize> = word_ends(text, "统计期限", true).collect();
        let mut expected = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find("统计期限") {
            from += i + "统计期限".len();
            expected.push(from);
        }
        assert_eq!(ends, expected);
        assert_eq!(ends.len(), 3);
        assert_eq!(word_ends(text, "发文日期", true).count(), 0);
        assert_eq!(word_ends("", "统计", true).count(), 0);
        // a word the text is known not to hold is not looked for
        assert_eq!(word_ends(text, "统计期限", false).count(), 0);
        let held: Vec<_> = holding(text, METADATA.period).collect();
        assert_eq!(held[0], ("统计期限", true));
        assert!(held[1..].iter().all(|(_, h)| !h));
    }
}
