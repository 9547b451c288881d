//! Tolerant comparison of labels and headings.
//!
//! Published reports write the same label in many ways: full-width or
//! half-width punctuation, spaces inside words (text copied out of a PDF),
//! lines broken in the middle of a word, （一） or (一), 1. or 1、, and plain
//! typos. This module folds those differences away, strips numbering, and
//! describes what is left in words a clerk understands.

use crate::span::Trim;

/// How a piece of numbering is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberStyle {
    /// 一、 二. 三．
    Chinese,
    /// 1. 6、
    Arabic,
    /// （一） (1) （6）
    Parenthesised,
}

/// A number found at the start of a label or heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Numbered<'a> {
    pub style: NumberStyle,
    /// The number itself, without punctuation: `一`, `6`.
    pub number: &'a str,
    /// Byte offset where the text after the number (and its spaces) starts.
    pub rest: usize,
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

pub(crate) fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零'
    )
}

/// Full-width ASCII forms to their half-width equivalents; the ideographic
/// space to a space.
pub(crate) fn half_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Whether a character is punctuation for the purpose of comparing labels.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '、'
                | '。'
                | '·'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '「'
                | '」'
                | '『'
                | '』'
                | '—'
                | '–'
                | '…'
                | '﹝'
                | '﹞'
                | '•'
        )
}

/// The comparison form of a label: half-width, without white space and
/// punctuation. Letters, digits and Chinese characters are kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appended to `out`. The characters that stay as they are (most
/// of a label: Chinese characters, letters, digits) are copied in runs, not
/// one by one.
fn fold_into(s: &str, out: &mut String) {
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let h = half_width(c);
        if h == c && kept(c) {
            continue;
        }
        out.push_str(&s[run..i]);
        if kept(h) {
            out.push(h);
        }
        run = i + c.len_utf8();
    }
    out.push_str(&s[run..]);
}

/// [`fold`] of a whole text with, for every byte of the folded form, where
/// the character it comes from starts and ends in `s`, so that a label found
/// in the folded form can be placed in the original (text whose figures and
/// labels were run together, read without a table).
pub(crate) fn fold_mapped(s: &str) -> (String, Vec<(u32, u32)>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let h = half_width(c);
        if kept(h) {
            out.push(h);
            let at = (i as u32, (i + c.len_utf8()) as u32);
            map.extend(std::iter::repeat_n(at, h.len_utf8()));
        }
    }
    (out, map)
}

/// Whether a character (already half-width) stays in the comparison form.
#[inline]
fn kept(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c as u32, 0x4E00..=0x9FFF) {
        // The common case, a Chinese character: neither space, punctuation
        // nor control.
        true
    } else {
        !c.is_whitespace() && !is_punct(c) && !c.is_control()
    }
}

/// The first character of the comparison form of a text ([`fold`]), found
/// without folding the rest.
pub(crate) fn first_kept(s: &str) -> Option<char> {
    s.chars().map(half_width).find(|&c| kept(c))
}

/// [`fold`] when the comparison form has at most `max` characters; `None`,
/// without folding the rest, as soon as it has more. A heading or a label is
/// short: a long line needs no full fold to know it is neither.
pub(crate) fn fold_within(s: &str, max: usize) -> Option<String> {
    let mut out = String::with_capacity(s.len().min(4 * max + 4));
    fold_within_into(s, max, &mut out).then_some(out)
}

/// [`fold_within`] into a buffer the caller keeps (cleared first): false,
/// with the buffer holding a part, when the comparison form is longer.
pub(crate) fn fold_within_into(s: &str, max: usize, out: &mut String) -> bool {
    out.clear();
    // As in `fold_into`, characters that stay as they are go in runs.
    let mut n = 0;
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let h = half_width(c);
        let keep = kept(h);
        if keep {
            if n == max {
                out.push_str(&s[run..i]);
                return false;
            }
            n += 1;
            if h == c {
                continue;
            }
        }
        out.push_str(&s[run..i]);
        if keep {
            out.push(h);
        }
        run = i + c.len_utf8();
    }
    out.push_str(&s[run..]);
    true
}

/// [`fold`] of a string that lives for the whole program (a template label),
/// computed once and remembered.
pub(crate) fn folded(s: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::hash::{BuildHasherDefault, Hasher};
    use std::sync::{Mutex, OnceLock};

    /// The key is an address and a length: mixing two words is enough.
    #[derive(Default)]
    struct WordHasher(u64);
    impl Hasher for WordHasher {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for b in bytes {
                self.0 =
                    (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
            }
        }
        fn write_usize(&mut self, n: usize) {
            self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    type Cache = Mutex<HashMap<(usize, usize), &'static str, BuildHasherDefault<WordHasher>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (s.as_ptr() as usize, s.len());
    let cache = CACHE.get_or_init(Default::default);
    let mut map = match cache.lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(v) = map.get(&key) {
        return v;
    }
    let v: &'static str = Box::leak(fold(s).into_boxed_str());
    map.insert(key, v);
    v
}

/// Leading noise some converters leave in text: `[bookmark: _Hlk66973412]`.
/// Returns the byte length of the noise (and of white space after it).
pub(crate) fn noise_len(s: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &s[at..];
        let trimmed = rest.trim_start_ws();
        let ws = rest.len() - trimmed.len();
        if trimmed.starts_with("[bookmark:") {
            match trimmed.find(']') {
                Some(end) => at += ws + end + 1,
                None => return at,
            }
        } else {
            return if at == 0 { 0 } else { at + ws };
        }
    }
}

/// Parse one number at the start of `s` (after white space).
pub(crate) fn numbering(s: &str) -> Option<Numbered<'_>> {
    let lead = s.len() - s.trim_start_ws().len();
    let body = &s[lead..];
    let mut chars = body.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let is_open = |c: char| c == '(' || c == '（';
    let is_close = |c: char| c == ')' || c == '）';
    let (style, num_start, num_end, after) = if is_open(first) {
        chars.next();
        let start = chars.peek()?.0;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if is_chinese_numeral(c) || c.is_ascii_digit() || ('０'..='９').contains(&c) {
                chars.next();
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        if end == start {
            return None;
        }
        // spaces before the closing bracket are tolerated
        while let Some(&(_, c)) = chars.peek() {
            if c == ' ' {
                chars.next();
            } else {
                break;
            }
        }
        let &(i, c) = chars.peek()?;
        if !is_close(c) {
            return None;
        }
        (NumberStyle::Parenthesised, start, end, i + c.len_utf8())
    } else if is_chinese_numeral(first) || first.is_ascii_digit() || ('０'..='９').contains(&first)
    {
        let chinese = is_chinese_numeral(first);
        let mut end = 0;
        while let Some(&(i, c)) = chars.peek() {
            let ok = if chinese {
                is_chinese_numeral(c)
            } else {
                c.is_ascii_digit() || ('０'..='９').contains(&c)
            };
            if ok {
                chars.next();
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        // the separator: 、 . ． ，
        let &(i, c) = chars.peek()?;
        if !matches!(c, '、' | '.' | '．' | '，' | ',' | '）' | ')') {
            return None;
        }
        let after = i + c.len_utf8();
        // "1.5" is a decimal, not a number followed by text
        if !chinese {
            if let Some(n) = body[after..].chars().next() {
                if n.is_ascii_digit() {
                    return None;
                }
            }
        }
        let style = if chinese {
            NumberStyle::Chinese
        } else {
            NumberStyle::Arabic
        };
        (style, 0, end, after)
    } else {
        return None;
    };
    let rest_body = &body[after..];
    let spaces = rest_body.len() - rest_body.trim_start_ws().len();
    Some(Numbered {
        style,
        number: &body[num_start..num_end],
        rest: lead + after + spaces,
    })
}

/// The byte offset where a label's text starts once every leading number
/// (`三、`, `（一）`, `1.`) has been skipped.
pub(crate) fn skip_numbering(s: &str) -> usize {
    let mut at = 0;
    for _ in 0..4 {
        match numbering(&s[at..]) {
            Some(n) if n.rest > 0 => at += n.rest,
            _ => break,
        }
    }
    at
}

/// The comparison form of a label without its numbering.
pub(crate) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// [`key`] appended to `out`.
pub(crate) fn key_into(s: &str, out: &mut String) {
    let s = &s[noise_len(s)..];
    fold_into(&s[skip_numbering(s)..], out);
}

/// White space collapsed: runs of white space between two Chinese characters
/// disappear (a word broken across lines), other runs become one space.
pub(crate) fn collapse(s: &str) -> String {
    let t = s.trim_ws();
    // Most labels have no white space inside: copied whole.
    if !t.chars().any(char::is_whitespace) {
        return t.to_owned();
    }
    let mut out = String::with_capacity(t.len());
    let mut pending_space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            let prev_cjk = out
                .chars()
                .last()
                .is_some_and(|p| is_cjk(p) || is_wide_punct(p));
            if !(prev_cjk && (is_cjk(c) || is_wide_punct(c))) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn is_wide_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF) || matches!(c, '“' | '”')
}

/// Levenshtein distance over characters.
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Levenshtein distance when it is at most `max`; `None` as soon as it is
/// certain to be larger (a whole row of the table above `max`).
///
/// Only the band of the table within `max` of its diagonal is computed
/// (Ukkonen): a path through a cell further out costs more than `max`, so
/// the cells outside count as `max + 1`, as does any larger distance.
pub(crate) fn edit_distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    const N: usize = 96;
    if n >= N || m >= N || max >= N - 1 {
        let d = edit_distance(a, b);
        return (d <= max).then_some(d);
    }
    let k = max;
    // Every distance is held as at most `cap`, which a byte holds.
    let cap = (k + 1) as u8;
    let mut prev = [cap; N + 1];
    let mut cur = [cap; N + 1];
    for (j, p) in prev.iter_mut().enumerate().take(m.min(k) + 1) {
        *p = j as u8;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(k);
        let hi = (i + k).min(m);
        // The cells just outside the band, read below, count as cap: the
        // one left of it in this row (the buffer holds an older row there),
        // and the one past it in the row above (never written: the bands
        // only move right).
        if lo == 0 {
            cur[0] = i as u8;
        } else {
            cur[lo - 1] = cap;
        }
        let ca = a[i - 1];
        let mut row_min = if lo == 0 { cur[0] } else { cap };
        for j in lo.max(1)..=hi {
            let sub = prev[j - 1] + u8::from(ca != b[j - 1]);
            let v = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(cap);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k as u8 {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = usize::from(prev[m]);
    (d <= max).then_some(d)
}

/// A template label prepared once for [`compare_prepared`]: its comparison
/// form, as characters, and the comparison forms of its aliases.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub folded: &'static str,
    pub chars: Box<[char]>,
    pub aliases: Box<[&'static str]>,
}

impl Prepared {
    pub(crate) fn new(official: &'static str, aliases: &[&'static str]) -> Self {
        let folded = folded(official);
        Prepared {
            folded,
            chars: folded.chars().collect(),
            aliases: aliases.iter().map(|a| self::folded(a)).collect(),
        }
    }
}

/// How well a found label matches a template label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Match {
    /// The official wording, up to spacing, punctuation and numbering.
    Exact,
    /// One of the other wordings the template lists.
    Alias(usize),
    /// Close to the official wording: this many characters differ.
    Fuzzy(usize),
}

/// The most characters that may differ for a fuzzy match of a label whose
/// comparison form has `len` characters; short labels must match exactly.
pub(crate) fn fuzzy_budget(len: usize) -> usize {
    if len < 4 {
        0
    } else {
        (len / 4).max(1)
    }
}

/// Compare the comparison form `found` (see [`key`]) with a template label.
#[cfg(test)]
pub(crate) fn compare(
    found: &str,
    official: &'static str,
    aliases: &[&'static str],
    fuzzy: bool,
) -> Option<Match> {
    if found.is_empty() {
        return None;
    }
    let off = folded(official);
    if found == off {
        return Some(Match::Exact);
    }
    for (i, a) in aliases.iter().enumerate() {
        if found == folded(a) {
            return Some(Match::Alias(i));
        }
    }
    if !fuzzy {
        return None;
    }
    let f: Vec<char> = found.chars().collect();
    let o: Vec<char> = off.chars().collect();
    fuzzy_match(&f, &o)
}

/// The fuzzy part of [`compare`], on characters.
#[cfg(test)]
fn fuzzy_match(f: &[char], o: &[char]) -> Option<Match> {
    fuzzy_match_lazy(f.len(), || f, o)
}

/// [`fuzzy_match`] with the found label's characters asked for only when
/// its length (`f_len` characters) leaves an edit distance to compute.
fn fuzzy_match_lazy<'f>(f_len: usize, f: impl FnOnce() -> &'f [char], o: &[char]) -> Option<Match> {
    let budget = fuzzy_budget(o.len());
    if budget == 0 || f_len.abs_diff(o.len()) > budget {
        return None;
    }
    let d = edit_distance_within(f(), o, budget)?;
    // Half the characters must be kept whatever the budget.
    if d * 2 < o.len() {
        Some(Match::Fuzzy(d))
    } else {
        None
    }
}

/// A label found in a report, in comparison form, for [`compare_prepared`].
/// Most labels match a template label exactly or are ruled out by their
/// length: their characters are taken apart only when an edit distance
/// needs them, and then once for all the comparisons.
pub(crate) struct Found<'a> {
    text: &'a str,
    len: usize,
    chars: std::cell::OnceCell<Chars>,
}

/// A label's characters: on the stack when it is as short as labels are.
enum Chars {
    Inline([char; INLINE_CHARS]),
    Heap(Vec<char>),
}

const INLINE_CHARS: usize = 40;

impl<'a> Found<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Found {
            text,
            len: text.chars().count(),
            chars: std::cell::OnceCell::new(),
        }
    }

    /// Its length in characters.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    fn chars(&self) -> &[char] {
        let chars = self.chars.get_or_init(|| {
            if self.len <= INLINE_CHARS {
                let mut a = ['\0'; INLINE_CHARS];
                for (slot, c) in a.iter_mut().zip(self.text.chars()) {
                    *slot = c;
                }
                Chars::Inline(a)
            } else {
                Chars::Heap(self.text.chars().collect())
            }
        });
        match chars {
            Chars::Inline(a) => &a[..self.len],
            Chars::Heap(v) => v,
        }
    }
}

/// [`compare`] with the template label prepared beforehand and the found
/// label prepared once for many comparisons.
pub(crate) fn compare_prepared(found: &Found, label: &Prepared, fuzzy: bool) -> Option<Match> {
    let text = found.text;
    if text.is_empty() {
        return None;
    }
    if text == label.folded {
        return Some(Match::Exact);
    }
    for (i, a) in label.aliases.iter().enumerate() {
        if text == *a {
            return Some(Match::Alias(i));
        }
    }
    if !fuzzy {
        return None;
    }
    fuzzy_match_lazy(found.len, || found.chars(), &label.chars)
}

/// Describe how `found` differs from `expected` (both in comparison form), in
/// Chinese and in English: “缺少“法规禁””, ““三”写作“山””, “多出“的””.
pub(crate) fn describe_difference(expected: &str, found: &str) -> (String, String) {
    let e: Vec<char> = expected.chars().collect();
    let f: Vec<char> = found.chars().collect();
    // LCS table
    let (n, m) = (e.len(), f.len());
    let mut t = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if e[i] == f[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    // Walk it into runs of (missing, extra).
    let mut parts: Vec<(String, String)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut missing = String::new();
    let mut extra = String::new();
    let flush = |missing: &mut String, extra: &mut String, parts: &mut Vec<(String, String)>| {
        if !missing.is_empty() || !extra.is_empty() {
            parts.push((std::mem::take(missing), std::mem::take(extra)));
        }
    };
    while i < n || j < m {
        if i < n && j < m && e[i] == f[j] {
            flush(&mut missing, &mut extra, &mut parts);
            i += 1;
            j += 1;
        } else if j < m && (i == n || t[i][j + 1] >= t[i + 1][j]) {
            extra.push(f[j]);
            j += 1;
        } else {
            missing.push(e[i]);
            i += 1;
        }
    }
    flush(&mut missing, &mut extra, &mut parts);
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for (miss, ext) in parts {
        match (miss.is_empty(), ext.is_empty()) {
            (false, true) => {
                zh.push(format!("缺少“{miss}”"));
                en.push(format!("“{miss}” is missing"));
            }
            (true, false) => {
                zh.push(format!("多出“{ext}”"));
                en.push(format!("“{ext}” is extra"));
            }
            _ => {
                zh.push(format!("“{miss}”写作“{ext}”"));
                en.push(format!("“{miss}” is written “{ext}”"));
            }
        }
    }
    (zh.join("；"), en.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_in_runs_agrees_with_folding_one_by_one() {
        let by_chars =
            |s: &str| -> String { s.chars().map(half_width).filter(|c| kept(*c)).collect() };
        let within_by_chars = |s: &str, max: usize| -> Option<String> {
            let f = by_chars(s);
            (f.chars().count() <= max).then_some(f)
        };
        let mut texts: Vec<String> = [
            "",
            "一、总体情况",
            "（一）　主动公开　ＡＢＣ１２３，“规章”。",
            "ａ　b\u{3000}c\t\n—…·",
            "本年新收政府信息公开申请数量",
            "１２３４５６７８９０",
            "é ü 𝄞 \u{85}\u{a0}x",
        ]
        .map(String::from)
        .to_vec();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds");
        for entry in std::fs::read_dir(dir).expect("the seeds of tests/fixtures") {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            texts.extend(text.lines().map(String::from));
        }
        // Every character of a few blocks, among Chinese ones.
        for block in [
            0x20..0x250u32,
            0x2000..0x2070,
            0x3000..0x3040,
            0xFE30..0xFF70,
        ] {
            let mixed: String = block
                .filter_map(char::from_u32)
                .flat_map(|c| [c, '年'])
                .collect();
            texts.push(mixed);
        }
        let mut buf = String::new();
        for t in &texts {
            assert_eq!(fold(t), by_chars(t), "{t:?}");
            let n = by_chars(t).chars().count();
            for max in [0, 1, 5, n.saturating_sub(1), n, n + 1] {
                let got = fold_within_into(t, max, &mut buf).then(|| buf.clone());
                assert_eq!(got, within_by_chars(t, max), "{t:?} {max}");
            }
        }
    }

    #[test]
    fn banded_distance_agrees_with_the_whole_table() {
        // Strings over three letters make many near matches, the hard case.
        let mut x = 12_345u32;
        let mut word = |len: usize| -> Vec<char> {
            (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ['甲', '乙', '丙'][(x >> 16) as usize % 3]
                })
                .collect()
        };
        let mut within = 0;
        for _ in 0..4000 {
            let (la, lb) = (word(1)[0] as usize % 13, word(1)[0] as usize % 11);
            let (a, b) = (word(la), word(lb));
            let d = edit_distance(&a, &b);
            for max in 0..8 {
                let expected = (d <= max).then_some(d);
                assert_eq!(
                    edit_distance_within(&a, &b, max),
                    expected,
                    "{a:?} {b:?} {max}"
                );
                within += usize::from(expected.is_some());
            }
        }
        assert!(
            within > 1000,
            "too few distances within the bound: {within}"
        );
        // Beyond the stack table, and equal texts.
        let long: Vec<char> = "报告".repeat(60).chars().collect();
        let mut other = long.clone();
        other[50] = '甲';
        other.remove(7);
        assert_eq!(edit_distance_within(&long, &other, 3), Some(2));
        assert_eq!(edit_distance_within(&long, &other, 1), None);
        assert_eq!(edit_distance_within(&long[..20], &long[..20], 0), Some(0));
        assert_eq!(edit_distance_within(&[], &[], 0), Some(0));
        assert_eq!(edit_distance_within(&long[..3], &[], 3), Some(3));
        assert_eq!(edit_distance_within(&[], &long[..3], 2), None);
    }

    #[test]
    fn chinese_characters_are_kept_without_the_general_tests() {
        // The premise of the short cut in `kept`.
        for c in (0x4E00..=0x9FFF).filter_map(char::from_u32) {
            assert!(!c.is_whitespace() && !is_punct(c) && !c.is_control(), "{c}");
        }
    }

    #[test]
    fn key_into_appends_the_key() {
        let mut out = String::from("前");
        for s in [
            "（二）部分公开",
            "3. 其他",
            "  ",
            "",
            "一、总体情况",
            "ＡＢ　c",
        ] {
            let before = out.clone();
            key_into(s, &mut out);
            assert_eq!(out, before + &key(s), "{s:?}");
        }
        assert_eq!(out, "前部分公开其他总体情况ABc");
    }

    #[test]
    fn folds_spacing_punctuation_and_numbering() {
        assert_eq!(
            key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            key("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)")
        );
        assert_eq!(key("3. 其他"), "其他");
        assert_eq!(key("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(
            key("[bookmark: _Hlk66973412]一、本年新收政府信息公开申请数量"),
            "本年新收政府信息公开申请数量"
        );
        assert_eq!(key("结果\n\n维持"), "结果维持");
        assert_eq!(
            key("本年收费金额(单位:万元)"),
            fold("本年收费金额（单位：万元）")
        );
        assert_eq!(key("1.5"), "15");
    }

    #[test]
    fn numbering_styles() {
        let n = numbering("6、 其他需要报告的事项").unwrap();
        assert_eq!((n.style, n.number), (NumberStyle::Arabic, "6"));
        assert_eq!(&"6、 其他需要报告的事项"[n.rest..], "其他需要报告的事项");
        let n = numbering("（一）予以公开").unwrap();
        assert_eq!((n.style, n.number), (NumberStyle::Parenthesised, "一"));
        let n = numbering("四、结转").unwrap();
        assert_eq!((n.style, n.number), (NumberStyle::Chinese, "四"));
        assert!(numbering("存在的主要问题").is_none());
        assert!(numbering("2024年").is_none());
        assert!(numbering("1129.7494").is_none());
    }

    #[test]
    fn typos_match_fuzzily_and_are_described() {
        let m = compare(
            &key("2.其他法律行政止公开"),
            "其他法律行政法规禁止公开",
            &[],
            true,
        );
        assert_eq!(m, Some(Match::Fuzzy(3)));
        let (zh, en) = describe_difference("其他法律行政法规禁止公开", "其他法律行政止公开");
        assert_eq!(zh, "缺少“法规禁”");
        assert_eq!(en, "“法规禁” is missing");
        let (zh, _) = describe_difference("危及三安全一稳定", "危及山安全一稳定");
        assert_eq!(zh, "“三”写作“山”");
        assert_eq!(compare("其他", "总计", &[], true), None);
        assert_eq!(
            compare("规范性文件", "行政规范性文件", &["规范性文件"], true),
            Some(Match::Alias(0))
        );
    }

    #[test]
    fn collapse_joins_broken_words() {
        assert_eq!(
            collapse("要求行政机关确认或重新\n出具已获取信息"),
            "要求行政机关确认或重新出具已获取信息"
        );
        assert_eq!(collapse("1. 属于国家秘密"), "1. 属于国家秘密");
        assert_eq!(
            collapse(" 瑶海区人民政府办公室   2024年"),
            "瑶海区人民政府办公室 2024年"
        );
    }
}
