//! Fonts: turning the bytes of a shown string into characters and advances.
//!
//! Simple fonts (WinAnsi / Standard encodings, `/Differences`), composite
//! (Type0) fonts with Identity-H/V or the predefined Chinese CMaps, and
//! ToUnicode CMaps (`bfchar`, `bfrange` with strings or arrays) as Word and
//! WPS write them. Widths come from `/Widths` or `/W`.

use super::file::File;
use super::parse::{Dict, Lexer, Obj, Tok};
use super::sort::sort_by_key2;
use std::collections::HashMap;

/// One glyph of a shown string.
pub(super) struct Glyph {
    pub text: String,
    /// Advance in text space units (1/1000 em) — horizontal, or vertical for
    /// vertical fonts.
    pub width: f64,
    /// A single-byte code 32 (word spacing applies).
    pub is_space: bool,
}

/// A ToUnicode (or encoding) CMap.
#[derive(Default, Debug)]
pub(super) struct CMap {
    /// Codespace ranges: (byte length, low, high).
    codespace: Vec<(usize, u32, u32)>,
    single: HashMap<u32, String>,
    /// (low, high, first destination); sorted by low.
    ranges: Vec<(u32, u32, String)>,
    /// Code → CID ranges of an embedded encoding CMap.
    cids: Vec<(u32, u32, u32)>,
}

const MAX_CMAP_ENTRIES: usize = 200_000;

impl CMap {
    pub(super) fn parse(data: &[u8]) -> CMap {
        let mut cm = CMap::default();
        let mut lx = Lexer::new(data, 0);
        let mut operands: Vec<Obj> = Vec::new();
        let mut entries = 0usize;
        loop {
            let save = lx.pos;
            let tok = match lx.token() {
                Some(t) => t,
                None => break,
            };
            if lx.pos == save {
                break;
            }
            if let Tok::Word(w) = tok {
                let w = w.to_vec();
                match w.as_slice() {
                    b"begincodespacerange"
                    | b"beginbfchar"
                    | b"beginbfrange"
                    | b"begincidchar"
                    | b"begincidrange" => {
                        let end: &[u8] = match w.as_slice() {
                            b"begincodespacerange" => b"endcodespacerange",
                            b"beginbfchar" => b"endbfchar",
                            b"beginbfrange" => b"endbfrange",
                            b"begincidchar" => b"endcidchar",
                            _ => b"endcidrange",
                        };
                        let mut items = Vec::new();
                        loop {
                            let save = lx.pos;
                            match lx.token() {
                                None => break,
                                Some(Tok::Word(e)) if e == end => break,
                                Some(Tok::Word(_)) => {}
                                Some(t) => {
                                    lx.pos = save;
                                    let _ = t;
                                    if let Ok(o) = lx.object() {
                                        items.push(o)
                                    }
                                }
                            }
                            if lx.pos == save {
                                break;
                            }
                            if items.len() > MAX_CMAP_ENTRIES {
                                break;
                            }
                        }
                        entries += items.len();
                        if entries > MAX_CMAP_ENTRIES * 4 {
                            break;
                        }
                        cm.section(&w, &items);
                    }
                    _ => {}
                }
                operands.clear();
            }
        }
        sort_by_key2(&mut cm.ranges, |r| (f64::from(r.0), 0.0));
        sort_by_key2(&mut cm.cids, |r| (f64::from(r.0), 0.0));
        cm
    }

    fn section(&mut self, kind: &[u8], items: &[Obj]) {
        match kind {
            b"begincodespacerange" => {
                for p in items.chunks(2) {
                    if let (Some(Obj::Str(lo)), Some(Obj::Str(hi))) = (p.first(), p.get(1)) {
                        if (1..=4).contains(&lo.len()) {
                            self.codespace.push((lo.len(), be(lo), be(hi)));
                        }
                    }
                }
            }
            b"beginbfchar" => {
                for p in items.chunks(2) {
                    if let (Some(Obj::Str(src)), Some(dst)) = (p.first(), p.get(1)) {
                        let text = match dst {
                            Obj::Str(d) => utf16be(d),
                            Obj::Name(n) => glyph_name(n).map(String::from).unwrap_or_default(),
                            _ => continue,
                        };
                        self.single.insert(be(src), text);
                    }
                }
            }
            b"beginbfrange" => {
                for p in items.chunks(3) {
                    let (Some(Obj::Str(lo)), Some(Obj::Str(hi)), Some(dst)) =
                        (p.first(), p.get(1), p.get(2))
                    else {
                        continue;
                    };
                    let (lo, hi) = (be(lo), be(hi));
                    if hi < lo {
                        continue;
                    }
                    match dst {
                        Obj::Str(d) => self.ranges.push((lo, hi, utf16be(d))),
                        Obj::Array(a) => {
                            for (i, d) in a.iter().enumerate() {
                                let Some(code) = lo.checked_add(i as u32) else {
                                    break;
                                };
                                if code > hi {
                                    break;
                                }
                                if let Obj::Str(d) = d {
                                    self.single.insert(code, utf16be(d));
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            b"begincidchar" => {
                for p in items.chunks(2) {
                    if let (Some(Obj::Str(src)), Some(cid)) =
                        (p.first(), p.get(1).and_then(Obj::as_i64))
                    {
                        let c = be(src);
                        self.cids.push((c, c, u32::try_from(cid).unwrap_or(0)));
                    }
                }
            }
            _ => {
                for p in items.chunks(3) {
                    if let (Some(Obj::Str(lo)), Some(Obj::Str(hi)), Some(cid)) =
                        (p.first(), p.get(1), p.get(2).and_then(Obj::as_i64))
                    {
                        self.cids
                            .push((be(lo), be(hi), u32::try_from(cid).unwrap_or(0)));
                    }
                }
            }
        }
    }

    pub(super) fn lookup(&self, code: u32) -> Option<String> {
        if let Some(s) = self.single.get(&code) {
            return Some(s.clone());
        }
        let i = self.ranges.partition_point(|r| r.0 <= code);
        // Ranges may overlap; look back a little.
        for r in self
            .ranges
            .get(i.saturating_sub(8)..i)
            .unwrap_or(&[])
            .iter()
            .rev()
        {
            if r.0 <= code && code <= r.1 {
                return Some(offset_last(&r.2, code - r.0));
            }
        }
        None
    }

    fn cid(&self, code: u32) -> Option<u32> {
        let i = self.cids.partition_point(|r| r.0 <= code);
        let r = self.cids.get(i.checked_sub(1)?)?;
        (code <= r.1).then(|| r.2.saturating_add(code - r.0))
    }

    /// Byte length of the code starting with `bytes`, from the codespace ranges.
    fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        if self.codespace.is_empty() {
            return None;
        }
        for &(len, lo, hi) in &self.codespace {
            if let Some(b) = bytes.get(..len) {
                let v = be(b);
                // Compare byte by byte, as the specification asks.
                let ok = (0..len).all(|k| {
                    let shift = 8 * (len - 1 - k);
                    let (x, l, h) = (
                        (v >> shift) & 0xff,
                        (lo >> shift) & 0xff,
                        (hi >> shift) & 0xff,
                    );
                    l <= x && x <= h
                });
                if ok {
                    return Some(len);
                }
            }
        }
        None
    }
}

fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | u32::from(x))
}

fn utf16be(b: &[u8]) -> String {
    let units = b.chunks(2).map(|c| match c {
        [a, b] => u16::from(*a) << 8 | u16::from(*b),
        [a] => u16::from(*a),
        _ => 0,
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// `base` with its last character moved on by `n` (bfrange destinations).
fn offset_last(base: &str, n: u32) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = char::from_u32(u32::from(*last).saturating_add(n)).unwrap_or('\u{FFFD}');
    }
    chars.into_iter().collect()
}

enum Kind {
    Simple {
        map: Box<[Option<char>; 256]>,
        widths: Vec<f64>,
        first: u32,
        missing: f64,
        fixed: Option<f64>,
    },
    Composite {
        encoding: Encoding,
        widths: Vec<(u32, u32, f64)>,
        dw: f64,
    },
}

enum Encoding {
    Identity,
    /// Codes are UCS-2 / UTF-16 code units.
    Unicode,
    /// Codes are GBK bytes (one or two).
    Gbk,
    Embedded(CMap),
}

pub(super) struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    pub vertical: bool,
    /// Scale from glyph space widths to 1/1000 em (Type3 fonts).
    scale: f64,
}

impl Font {
    pub(super) fn load(file: &File, dict: &Dict) -> Font {
        let subtype = file.get_in(dict, b"Subtype");
        let to_unicode = match file.get_in(dict, b"ToUnicode") {
            Obj::Stream(d, raw) => file.decode_stream(&d, &raw).map(|b| CMap::parse(&b)),
            _ => None,
        };
        if subtype.as_name() == Some(b"Type0") {
            let enc = file.get_in(dict, b"Encoding");
            let (encoding, vertical) = match &enc {
                Obj::Name(n) => {
                    let v = n.ends_with(b"-V");
                    let e = if n.starts_with(b"Identity") {
                        Encoding::Identity
                    } else if contains(n, b"UCS2") || contains(n, b"UTF16") {
                        Encoding::Unicode
                    } else if n.starts_with(b"GB") {
                        Encoding::Gbk
                    } else {
                        Encoding::Identity
                    };
                    (e, v)
                }
                Obj::Stream(d, raw) => {
                    let v = d.get(b"WMode").and_then(Obj::as_i64) == Some(1);
                    let cm = file
                        .decode_stream(d, raw)
                        .map(|b| CMap::parse(&b))
                        .unwrap_or_default();
                    (Encoding::Embedded(cm), v)
                }
                _ => (Encoding::Identity, false),
            };
            let desc = match file.get_in(dict, b"DescendantFonts") {
                Obj::Array(a) => a.first().map(|o| file.resolve(o)).unwrap_or(Obj::Null),
                _ => Obj::Null,
            };
            let desc = desc.as_dict().cloned().unwrap_or_default();
            let dw = file.get_in(&desc, b"DW").as_f64().unwrap_or(1000.0);
            let mut widths = Vec::new();
            if let Obj::Array(w) = file.get_in(&desc, b"W") {
                let mut i = 0;
                while i < w.len() && widths.len() < MAX_CMAP_ENTRIES {
                    let Some(c) = w.get(i).and_then(Obj::as_i64) else {
                        break;
                    };
                    let c = u32::try_from(c).unwrap_or(0);
                    match w.get(i + 1).map(|o| file.resolve(o)) {
                        Some(Obj::Array(list)) => {
                            for (k, v) in list.iter().enumerate() {
                                let cid = c.saturating_add(k as u32);
                                widths.push((cid, cid, v.as_f64().unwrap_or(dw)));
                            }
                            i += 2;
                        }
                        Some(o) => {
                            let hi = o.as_i64().and_then(|v| u32::try_from(v).ok()).unwrap_or(c);
                            let v = w.get(i + 2).and_then(Obj::as_f64).unwrap_or(dw);
                            widths.push((c, hi, v));
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
            sort_by_key2(&mut widths, |r| (f64::from(r.0), 0.0));
            return Font {
                kind: Kind::Composite {
                    encoding,
                    widths,
                    dw,
                },
                to_unicode,
                vertical,
                scale: 1.0,
            };
        }
        // Simple fonts.
        let base = file.get_in(dict, b"BaseFont");
        let base = base.as_name().unwrap_or(b"");
        let mut map: Box<[Option<char>; 256]> = Box::new([None; 256]);
        let enc = file.get_in(dict, b"Encoding");
        let base_enc: &[u8] = match &enc {
            Obj::Name(n) => n,
            Obj::Dict(d) => d
                .get(b"BaseEncoding")
                .and_then(Obj::as_name)
                .unwrap_or(b"StandardEncoding"),
            _ => b"StandardEncoding",
        };
        for (c, slot) in map.iter_mut().enumerate() {
            *slot = base_char(base_enc, c as u8);
        }
        if let Obj::Dict(d) = &enc {
            if let Obj::Array(diffs) = file.get_in(d, b"Differences") {
                let mut code: i64 = 0;
                for o in diffs {
                    match o {
                        Obj::Int(n) => code = n,
                        Obj::Name(n) => {
                            if let Some(slot) =
                                usize::try_from(code).ok().and_then(|c| map.get_mut(c))
                            {
                                *slot = glyph_name(&n).or(*slot);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        let first = file
            .get_in(dict, b"FirstChar")
            .as_i64()
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0);
        let widths: Vec<f64> = match file.get_in(dict, b"Widths") {
            Obj::Array(a) => a
                .iter()
                .take(256)
                .map(|o| file.resolve(o).as_f64().unwrap_or(0.0))
                .collect(),
            _ => Vec::new(),
        };
        let fd = file.get_in(dict, b"FontDescriptor");
        let missing = fd
            .as_dict()
            .and_then(|d| d.get(b"MissingWidth"))
            .and_then(Obj::as_f64)
            .unwrap_or(0.0);
        let fixed = contains(base, b"Courier").then_some(600.0);
        let scale = match file.get_in(dict, b"FontMatrix") {
            Obj::Array(m) => m
                .first()
                .and_then(Obj::as_f64)
                .map(|a| a * 1000.0)
                .unwrap_or(1.0),
            _ => 1.0,
        };
        Font {
            kind: Kind::Simple {
                map,
                widths,
                first,
                missing,
                fixed,
            },
            to_unicode,
            vertical: false,
            scale: if scale.is_finite() && scale.abs() > 1e-6 {
                scale
            } else {
                1.0
            },
        }
    }

    /// Split a shown string into glyphs.
    pub(super) fn decode(&self, bytes: &[u8], out: &mut Vec<Glyph>) {
        match &self.kind {
            Kind::Simple {
                map,
                widths,
                first,
                missing,
                fixed,
            } => {
                for &b in bytes {
                    let code = u32::from(b);
                    let text = match self.to_unicode.as_ref().and_then(|t| t.lookup(code)) {
                        Some(t) => t,
                        None => map[b as usize].map(String::from).unwrap_or_default(),
                    };
                    let w = code
                        .checked_sub(*first)
                        .and_then(|i| widths.get(i as usize))
                        .copied()
                        .filter(|w| *w > 0.0)
                        .or(*fixed)
                        .unwrap_or_else(|| {
                            if *missing > 0.0 {
                                *missing
                            } else {
                                guess_width(&text)
                            }
                        });
                    out.push(Glyph {
                        text,
                        width: w * self.scale,
                        is_space: b == b' ',
                    });
                }
            }
            Kind::Composite {
                encoding,
                widths,
                dw,
            } => {
                let mut i = 0;
                while i < bytes.len() {
                    let rest = bytes.get(i..).unwrap_or(b"");
                    let len = match encoding {
                        Encoding::Embedded(cm) => cm.code_len(rest),
                        _ => None,
                    }
                    .or_else(|| self.to_unicode.as_ref().and_then(|t| t.code_len(rest)))
                    .unwrap_or(match encoding {
                        Encoding::Gbk if rest.first().is_some_and(|&b| b < 0x81) => 1,
                        _ => 2,
                    });
                    let code_bytes = rest.get(..len).unwrap_or(rest);
                    i += len.max(1);
                    let code = be(code_bytes);
                    let mapped = self.to_unicode.as_ref().and_then(|t| t.lookup(code));
                    let (cid, fallback) = match encoding {
                        Encoding::Identity => (code, None),
                        Encoding::Unicode => {
                            let s = utf16be(code_bytes);
                            let u = s.chars().next().map(u32::from).unwrap_or(0);
                            let cid = if (0x20..0x7f).contains(&u) {
                                u - 0x1f
                            } else {
                                u
                            };
                            (cid, Some(s))
                        }
                        Encoding::Gbk => {
                            let (s, _) = crate::read::gb18030::decode_gb18030(code_bytes);
                            let u = s.chars().next().map(u32::from).unwrap_or(0);
                            let cid = if (0x20..0x7f).contains(&u) {
                                u - 0x1f
                            } else {
                                u
                            };
                            (cid, Some(s))
                        }
                        Encoding::Embedded(cm) => (cm.cid(code).unwrap_or(code), None),
                    };
                    let text = mapped.or(fallback).unwrap_or_default();
                    let wi = widths.partition_point(|r| r.0 <= cid);
                    let w = wi
                        .checked_sub(1)
                        .and_then(|k| widths.get(k))
                        .filter(|r| cid <= r.1)
                        .map(|r| r.2)
                        .unwrap_or(*dw);
                    let w = if self.vertical { 1000.0 } else { w };
                    out.push(Glyph {
                        text,
                        width: w,
                        is_space: len == 1 && code == 32,
                    });
                }
            }
        }
    }
}

fn contains(h: &[u8], n: &[u8]) -> bool {
    h.windows(n.len()).any(|w| w == n)
}

fn guess_width(text: &str) -> f64 {
    match text.chars().next() {
        Some(' ') => 250.0,
        Some(c) if c.is_ascii_digit() => 500.0,
        Some(c) if c.is_ascii_uppercase() => 667.0,
        Some(c) if c.is_ascii() => 450.0,
        Some(_) => 1000.0,
        None => 500.0,
    }
}

/// The character of `code` in a base encoding (ASCII plus the WinAnsi upper half).
fn base_char(enc: &[u8], code: u8) -> Option<char> {
    const WIN_80: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match code {
        0x20..=0x7e => {
            if enc == b"StandardEncoding" {
                match code {
                    0x27 => return Some('\u{2019}'),
                    0x60 => return Some('\u{2018}'),
                    _ => {}
                }
            }
            Some(code as char)
        }
        0x80..=0x9f if enc == b"WinAnsiEncoding" => {
            char::from_u32(u32::from(WIN_80[(code - 0x80) as usize])).filter(|c| *c != '\0')
        }
        0xa0..=0xff if enc == b"WinAnsiEncoding" => char::from_u32(u32::from(code)),
        _ => None,
    }
}

/// Unicode of a glyph name: the common Latin names, `uniXXXX` and `uXXXX`.
pub(super) fn glyph_name(name: &[u8]) -> Option<char> {
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quoteright", '\u{2019}'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("quoteleft", '\u{2018}'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("bullet", '\u{2022}'),
        ("endash", '\u{2013}'),
        ("emdash", '\u{2014}'),
        ("quotedblleft", '\u{201C}'),
        ("quotedblright", '\u{201D}'),
        ("ellipsis", '\u{2026}'),
        ("periodcentered", '\u{00B7}'),
        ("degree", '\u{00B0}'),
        ("plusminus", '\u{00B1}'),
        ("multiply", '\u{00D7}'),
        ("divide", '\u{00F7}'),
        ("section", '\u{00A7}'),
        ("copyright", '\u{00A9}'),
        ("registered", '\u{00AE}'),
        ("trademark", '\u{2122}'),
        ("Euro", '\u{20AC}'),
        ("nbspace", ' '),
        ("fi", '\u{FB01}'),
        ("fl", '\u{FB02}'),
        ("yen", '\u{00A5}'),
        ("middot", '\u{00B7}'),
    ];
    let s = std::str::from_utf8(name).ok()?;
    let s = s.split('.').next().unwrap_or(s);
    if s.len() == 1 {
        return s.chars().next().filter(char::is_ascii_alphabetic);
    }
    if let Some(&(_, c)) = NAMES.iter().find(|(n, _)| *n == s) {
        return Some(c);
    }
    let hex = s
        .strip_prefix("uni")
        .filter(|h| h.len() >= 4)
        .map(|h| &h[..4])
        .or_else(|| s.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())))?;
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tounicode_bfchar_bfrange_and_arrays() {
        let src = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0E85> <6DEE> endbfchar\n\
            2 beginbfrange <0010> <0012> <0030> <0100> <0101> [<4E00> <D83DDE00>] endbfrange";
        let cm = CMap::parse(src);
        assert_eq!(cm.lookup(0x0E85).as_deref(), Some("淮"));
        assert_eq!(cm.lookup(0x0012).as_deref(), Some("2"));
        assert_eq!(cm.lookup(0x0100).as_deref(), Some("一"));
        assert_eq!(cm.lookup(0x0101).as_deref(), Some("😀"));
        assert_eq!(cm.lookup(0x0013), None);
        assert_eq!(cm.code_len(&[0x0e, 0x85]), Some(2));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"uni6DEE"), Some('淮'));
        assert_eq!(glyph_name(b"five"), Some('5'));
        assert_eq!(glyph_name(b"A"), Some('A'));
        assert_eq!(glyph_name(b"g123"), None);
    }
}
