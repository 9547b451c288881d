//! The six section headings.

use crate::document::Document;
use crate::report::{Numbering, Section};
use crate::span::{Span, Trim};
use crate::vocab::headings::{max_heading_chars, section_names};
use crate::vocab::label::{self, Match, NumberStyle};
use crate::vocab::template::SectionDef;

struct Candidate {
    ordinal: u8,
    number: String,
    numbering: Numbering,
    title: String,
    heading: Span,
    quality: u8,
}

/// The lines a heading can be: the first line of every paragraph.
fn heading_lines(doc: &Document) -> impl Iterator<Item = Span> + '_ {
    doc.paragraphs().map(move |p| {
        let s = doc.slice(p.span);
        let first = s.split('\n').next().unwrap_or("");
        Span::new(p.span.start, p.span.start + first.len())
    })
}

/// Which section a heading's words (folded, numbering removed) name.
fn section_of(folded: &str, strict: bool) -> Option<(&'static SectionDef, Match)> {
    let mut best: Option<(&'static SectionDef, Match)> = None;
    let found = label::Found::new(folded);
    let count = found.len();
    for (s, i, p, len) in section_names() {
        let (i, len) = (*i, *len);
        let f = p.folded;
        // The heading may add a short tail: 统计表, 情况表.
        let tail_ok = folded.starts_with(f) && count <= len + 4;
        let m = if folded == f || tail_ok {
            Some(if i == 0 {
                Match::Exact
            } else {
                Match::Alias(i - 1)
            })
        } else if !strict {
            label::compare_prepared(&found, p, true)
        } else {
            None
        };
        if let Some(m) = m {
            if best.as_ref().is_none_or(|(_, b)| m < *b) {
                best = Some((s, m));
            }
        }
    }
    best
}

fn candidate(doc: &Document, line: Span) -> Option<Candidate> {
    let raw = doc.slice(line);
    let noise = label::noise_len(raw);
    let lead = raw.len() - raw.trim_start_ws().len();
    let skip = noise.max(lead);
    let text = &raw[skip..];
    let text_trim = text.trim_end_ws();
    if text_trim.is_empty() {
        return None;
    }
    let heading = Span::new(line.start + skip, line.start + skip + text_trim.len());
    let (numbering, number, rest) = match label::numbering(text_trim) {
        Some(n) => {
            let numbering = match n.style {
                NumberStyle::Chinese => Numbering::Chinese,
                NumberStyle::Arabic => Numbering::Arabic,
                NumberStyle::Parenthesised => Numbering::Parenthesised,
            };
            (numbering, n.number.to_string(), &text_trim[n.rest..])
        }
        None => (Numbering::None, String::new(), text_trim),
    };
    let folded = label::fold_within(rest, max_heading_chars())?;
    // An unnumbered or sub-item-numbered line must be the heading exactly.
    let strict = !matches!(numbering, Numbering::Chinese | Numbering::Arabic);
    let (def, m) = section_of(&folded, strict)?;
    let quality = match numbering {
        Numbering::Chinese => 0,
        Numbering::Arabic => 1,
        Numbering::None => 2,
        Numbering::Parenthesised => 3,
    } * 4
        + match m {
            Match::Exact => 0,
            Match::Alias(_) => 1,
            Match::Fuzzy(_) => 2,
        };
    Some(Candidate {
        ordinal: def.ordinal,
        number,
        numbering,
        title: label::collapse(rest),
        heading,
        quality,
    })
}

/// Every line of every table cell: headings that a web page or a document
/// keeps inside a layout table.
fn cell_lines(doc: &Document) -> impl Iterator<Item = Span> + '_ {
    doc.tables().flat_map(|t| t.cells()).flat_map(move |c| {
        let text = doc.slice(c.span);
        let mut at = c.span.start;
        text.split('\n')
            .map(move |l| {
                let span = Span::new(at, at + l.len());
                at += l.len() + 1;
                span
            })
            .filter(|s| !s.is_empty())
    })
}

/// The quality of a heading found inside a paragraph: below every heading
/// that starts a line, so that it only fills a section found nowhere else.
const INLINE: u8 = 100;

/// Headings run into the text (a web page's text copied as one long
/// paragraph: `…本报告。一、总体情况2021年，我区…`): a Chinese number
/// 一 … 六 with `、`, not part of a larger number, followed at once by the
/// name (or an alias) of the section of that number, word for word. The
/// number must be the section's own: `三、本年度办理结果` is no heading.
fn inline_candidates(doc: &Document) -> Vec<Candidate> {
    const NUMBERS: [char; 6] = ['一', '二', '三', '四', '五', '六'];
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        let Some(n) = NUMBERS.iter().position(|&x| x == c) else {
            continue;
        };
        if before.is_some_and(crate::vocab::numerals::is_chinese_numeral_char) {
            continue;
        }
        let after = i + c.len_utf8();
        let Some(rest) = text[after..].strip_prefix('、') else {
            continue;
        };
        let name_start = after + '、'.len_utf8();
        let ordinal = n as u8 + 1;
        // The longest name of this section that the text begins with.
        let mut best: Option<(usize, usize)> = None; // (name index, end)
        for (def, idx, prepared, len) in section_names() {
            if def.ordinal != ordinal {
                continue;
            }
            let mut folded = String::new();
            let mut count = 0;
            let mut end = name_start;
            for (j, ch) in rest.char_indices() {
                if count == *len || ch == '\n' {
                    break;
                }
                let f = label::fold(ch.encode_utf8(&mut [0; 4]));
                count += f.chars().count();
                folded.push_str(&f);
                end = name_start + j + ch.len_utf8();
            }
            if count == *len && folded == prepared.folded && best.is_none_or(|(_, e)| end > e) {
                best = Some((*idx, end));
            }
        }
        if let Some((idx, end)) = best {
            out.push(Candidate {
                ordinal,
                number: c.to_string(),
                numbering: Numbering::Chinese,
                title: text[name_start..end].to_string(),
                heading: Span::new(i, end),
                quality: INLINE + u8::from(idx > 0),
            });
        }
    }
    out
}

/// Find the section headings, in document order, each with its body.
pub(super) fn find(doc: &Document) -> Vec<Section> {
    let mut best: Vec<Option<Candidate>> = (0..6).map(|_| None).collect();
    let from_paragraphs: Vec<Span> = heading_lines(doc).collect();
    let mut lines = from_paragraphs;
    let mut candidates: Vec<Candidate> = lines.iter().filter_map(|l| candidate(doc, *l)).collect();
    if candidates.len() < 6 {
        lines.clear();
        lines.extend(cell_lines(doc));
        candidates.extend(lines.iter().filter_map(|l| candidate(doc, *l)));
    }
    let slots = |cs: &[Candidate]| {
        let mut seen = [false; 6];
        for c in cs {
            if let Some(s) = seen.get_mut(usize::from(c.ordinal).saturating_sub(1)) {
                *s = true;
            }
        }
        seen.iter().filter(|s| **s).count()
    };
    if slots(&candidates) < 6 {
        candidates.extend(inline_candidates(doc));
    }
    for c in candidates {
        let Some(slot) = best.get_mut(usize::from(c.ordinal).saturating_sub(1)) else {
            continue;
        };
        if slot.as_ref().is_none_or(|old| c.quality < old.quality) {
            *slot = Some(c);
        }
    }
    let mut found: Vec<Candidate> = best.into_iter().flatten().collect();
    found.sort_by_key(|c| c.heading.start);
    let end = doc.text.len();
    let mut out = Vec::with_capacity(found.len());
    for (i, c) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(end, |n| n.heading.start);
        let body_start = c.heading.end.min(next);
        out.push(Section {
            ordinal: c.ordinal,
            number: c.number.clone(),
            numbering: c.numbering,
            title: c.title.clone(),
            heading: c.heading,
            body: Span::new(body_start, next),
        });
    }
    out
}
