//! Search by text inside the workspace's reports.
//!
//! [`TextIndex`] is built one report at a time, as results arrive: for every
//! character and every pair of neighbouring characters of a report's text
//! (folded: spaces and punctuation left out, full-width forms half-width,
//! letters in lower case — PDF text has spaces between characters), the
//! reports that contain it. A query of one character is answered from the
//! first; a longer one by the reports that contain every pair of it, which
//! are then checked against their text ([`find`]) — the index narrows, the
//! text decides. The lists are ascending ids, written as differences in
//! LEB128 (reports added in order of their ids take one or two bytes each).
//!
//! [`TextIndex::to_bytes`] and [`TextIndex::from_bytes`] keep an index
//! between visits, so that reopening a workspace does not read every text.

use crate::vocab::label::half_width;
use std::collections::{BTreeSet, HashMap};

/// The characters that take part in search: half-width, lower case, no
/// white space, control or punctuation.
fn folded_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter_map(|(i, c)| {
        let c = half_width(c).to_ascii_lowercase();
        (c.is_alphanumeric()).then_some((i, c))
    })
}

fn pair_key(a: char, b: char) -> u64 {
    (1 << 42) | (u64::from(a as u32) << 21) | u64::from(b as u32)
}

fn one_key(a: char) -> u64 {
    u64::from(a as u32)
}

/// One list of report ids: ascending, as LEB128 differences.
#[derive(Clone, Debug, Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

fn push_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn read_leb(b: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in [0, 7, 14, 21, 28] {
        let x = *b.get(*at)?;
        *at += 1;
        v |= u32::from(x & 0x7F).checked_shl(shift)?;
        if x & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

impl Postings {
    fn ids(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len as usize);
        let (mut at, mut id) = (0, 0u32);
        while at < self.bytes.len() {
            let Some(d) = read_leb(&self.bytes, &mut at) else {
                break;
            };
            id = id.wrapping_add(d);
            out.push(id);
        }
        out
    }

    fn add(&mut self, id: u32) {
        if self.len == 0 {
            push_leb(&mut self.bytes, id);
        } else if id > self.last {
            push_leb(&mut self.bytes, id - self.last);
        } else {
            // Out of order (a report indexed again): rebuild the list.
            let mut ids = self.ids();
            if let Err(at) = ids.binary_search(&id) {
                ids.insert(at, id);
            }
            *self = Postings::from_ids(&ids);
            return;
        }
        self.last = id;
        self.len += 1;
    }

    fn from_ids(ids: &[u32]) -> Postings {
        let mut p = Postings::default();
        for &id in ids {
            p.add(id);
        }
        p
    }
}

/// An index of the reports' texts, built one report at a time.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    keys: HashMap<u64, Postings>,
    /// Reports indexed (and not removed).
    docs: BTreeSet<u32>,
}

impl TextIndex {
    /// An empty index.
    pub fn new() -> Self {
        TextIndex::default()
    }

    /// Index a report's text under its id (again, if it was: the old text's
    /// entries that the new one lacks only widen later candidate lists, and
    /// the text check removes them).
    pub fn add(&mut self, id: u32, text: &str) {
        let chars: Vec<char> = folded_chars(text).map(|(_, c)| c).collect();
        let mut keys: Vec<u64> = Vec::with_capacity(chars.len() * 2);
        keys.extend(chars.iter().map(|&c| one_key(c)));
        keys.extend(chars.windows(2).map(|w| pair_key(w[0], w[1])));
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            self.keys.entry(k).or_default().add(id);
        }
        self.docs.insert(id);
    }

    /// Forget a report: it is no longer a candidate.
    pub fn remove(&mut self, id: u32) {
        self.docs.remove(&id);
    }

    /// Whether a report is indexed.
    pub fn contains(&self, id: u32) -> bool {
        self.docs.contains(&id)
    }

    /// How many reports are indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Bytes the lists hold (their keys and bookkeeping besides).
    pub fn posting_bytes(&self) -> usize {
        self.keys.values().map(|p| p.bytes.len()).sum()
    }

    /// The reports that may contain the query (all that do, perhaps some
    /// that do not: check them with [`find`]), ascending. An empty query
    /// (nothing left once folded) gives none.
    pub fn candidates(&self, query: &str) -> Vec<u32> {
        let q: Vec<char> = folded_chars(query).map(|(_, c)| c).collect();
        let keys: Vec<u64> = match q.as_slice() {
            [] => return Vec::new(),
            [one] => vec![one_key(*one)],
            many => {
                let mut k: Vec<u64> = many.windows(2).map(|w| pair_key(w[0], w[1])).collect();
                k.sort_unstable();
                k.dedup();
                k
            }
        };
        let mut lists: Vec<&Postings> = Vec::with_capacity(keys.len());
        for k in &keys {
            match self.keys.get(k) {
                Some(p) => lists.push(p),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|p| p.len);
        let mut out = lists[0].ids();
        for p in &lists[1..] {
            if out.is_empty() {
                break;
            }
            let other = p.ids();
            out.retain(|id| other.binary_search(id).is_ok());
        }
        out.retain(|id| self.docs.contains(id));
        out
    }

    /// The index as bytes, to keep (`NBTI`, a version, the reports, then
    /// each key with its list).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = b"NBTI\x01".to_vec();
        push_leb(&mut out, self.docs.len() as u32);
        let mut prev = 0;
        for &d in &self.docs {
            push_leb(&mut out, d - prev);
            prev = d;
        }
        push_leb(&mut out, self.keys.len() as u32);
        for (k, p) in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
            push_leb(&mut out, p.len);
            push_leb(&mut out, p.last);
            push_leb(&mut out, p.bytes.len() as u32);
            out.extend_from_slice(&p.bytes);
        }
        out
    }

    /// An index kept by [`TextIndex::to_bytes`]; `None` for bytes it did not
    /// make (the caller then builds the index again from the texts).
    pub fn from_bytes(b: &[u8]) -> Option<TextIndex> {
        let mut at = 5;
        if b.get(..5)? != b"NBTI\x01" {
            return None;
        }
        let mut ix = TextIndex::new();
        let n = read_leb(b, &mut at)?;
        let mut id = 0u32;
        for _ in 0..n {
            id = id.checked_add(read_leb(b, &mut at)?)?;
            ix.docs.insert(id);
        }
        let keys = read_leb(b, &mut at)?;
        // Each key takes at least 11 bytes: a count beyond the rest is a lie.
        if keys as usize > b.len().saturating_sub(at) / 11 {
            return None;
        }
        ix.keys.reserve(keys as usize);
        for _ in 0..keys {
            let k = u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?);
            at += 8;
            let len = read_leb(b, &mut at)?;
            let last = read_leb(b, &mut at)?;
            let size = read_leb(b, &mut at)? as usize;
            let bytes = b.get(at..at.checked_add(size)?)?.to_vec();
            at += size;
            ix.keys.insert(k, Postings { bytes, last, len });
        }
        (at == b.len()).then_some(ix)
    }
}

/// One place a query was found in a text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    /// Byte offsets of the match in the text.
    pub start: usize,
    /// The byte after it.
    pub end: usize,
    /// The same as UTF-16 offsets (for JavaScript strings).
    pub utf16_start: usize,
    /// The UTF-16 offset of its end.
    pub utf16_end: usize,
    /// Some text around it, on one line.
    pub context: String,
}

/// Where the query is in a text (compared as the index compares: spaces
/// and punctuation left out, so 实质公开 finds 实 质 公 开), at most `max`
/// places, each with some text around it.
pub fn find(text: &str, query: &str, max: usize) -> Vec<Hit> {
    let q: Vec<char> = folded_chars(query).map(|(_, c)| c).collect();
    if q.is_empty() || max == 0 {
        return Vec::new();
    }
    let t: Vec<(usize, char)> = folded_chars(text).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= t.len() && out.len() < max {
        if t[i..i + q.len()]
            .iter()
            .map(|(_, c)| *c)
            .eq(q.iter().copied())
        {
            let start = t[i].0;
            let (last_at, last) = t[i + q.len() - 1];
            let end = last_at + last.len_utf8();
            let from = text[..start]
                .char_indices()
                .rev()
                .nth(19)
                .map_or(0, |(k, _)| k);
            let to = text[end..]
                .char_indices()
                .nth(20)
                .map_or(text.len(), |(k, _)| end + k);
            let context: String = text[from..to]
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let u16 = |b: usize| text[..b].encode_utf16().count();
            out.push(Hit {
                start,
                end,
                utf16_start: u16(start),
                utf16_end: u16(end),
                context,
            });
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_and_hits() {
        let mut ix = TextIndex::new();
        ix.add(1, "本机关全年共收到政府信息公开申请 12 件。");
        ix.add(2, "实 质 公 开 率较上年提高。");
        ix.add(5, "全年未收到行政复议申请。");
        assert_eq!(ix.candidates("公开申请"), vec![1]);
        assert_eq!(ix.candidates("实质公开"), vec![2]);
        assert_eq!(ix.candidates("申请"), vec![1, 5]);
        assert_eq!(ix.candidates("复"), vec![5]);
        assert_eq!(ix.candidates("不存在的词"), Vec::<u32>::new());
        assert_eq!(ix.candidates(" ，"), Vec::<u32>::new());
        let hits = find("实 质 公 开 率较上年提高。", "实质公开", 5);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start, hits[0].end), (0, "实 质 公 开".len()));
        assert_eq!((hits[0].utf16_start, hits[0].utf16_end), (0, 7));
        ix.remove(1);
        assert_eq!(ix.candidates("申请"), vec![5]);
        // Indexed again, out of order.
        ix.add(1, "收到申请 3 件。");
        assert_eq!(ix.candidates("申请"), vec![1, 5]);
    }

    #[test]
    fn kept_and_read_back() {
        let mut ix = TextIndex::new();
        for (id, t) in [
            (3, "主动公开规章"),
            (300, "主动公开政府信息"),
            (70_000, "依申请公开"),
        ] {
            ix.add(id, t);
        }
        let bytes = ix.to_bytes();
        let back = TextIndex::from_bytes(&bytes).unwrap();
        for q in ["主动公开", "公开", "申请", "规"] {
            assert_eq!(back.candidates(q), ix.candidates(q), "{q}");
        }
        assert!(TextIndex::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(TextIndex::from_bytes(b"NBTI\x01\xff\xff\xff\xff\x0f").is_none());
        for end in 0..bytes.len() {
            let _ = TextIndex::from_bytes(&bytes[..end]);
        }
    }

    #[test]
    fn a_real_report_is_found_by_its_words() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let mut ix = TextIndex::new();
        let mut texts = Vec::new();
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for (i, p) in names.iter().enumerate() {
            let t = std::fs::read_to_string(p).unwrap();
            ix.add(i as u32, &t);
            texts.push(t);
        }
        // Every candidate of a word really has it or not; every report
        // that has it is a candidate.
        for q in ["政府信息公开", "行政复议", "博爱县", "山亭区", "依申请公开"]
        {
            let cands = ix.candidates(q);
            for (i, t) in texts.iter().enumerate() {
                let has = !find(t, q, 1).is_empty();
                if has {
                    assert!(cands.contains(&(i as u32)), "{q} in {i}");
                }
            }
        }
        assert!(!find(&texts[3], "博爱县", 1).is_empty());
    }
}
