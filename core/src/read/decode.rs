//! Character encodings: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM,
//! or without one when the NUL bytes give it away), and GB18030/GBK, detected
//! automatically.
//!
//! The decoded text has its line ends normalised to `\n` (CRLF and lone CR
//! both become LF), so that every reader and every span work on one form.

use super::gb18030::Charset;

/// Decode bytes to text, returning the text and the name of the encoding used.
///
/// Never fails: bytes that are valid in no candidate encoding are decoded
/// with replacement characters in the encoding that needs the fewest of them.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let (text, name) = decode_raw(bytes);
    (normalise_newlines(text), name)
}

fn decode_raw(bytes: &[u8]) -> (String, &'static str) {
    if let Some((cs, bom)) = Charset::for_bom(bytes) {
        return (lossy(cs, bytes.get(bom..).unwrap_or_default()).0, cs.name());
    }
    if let Some(cs) = sniff_utf16(bytes) {
        return (lossy(cs, bytes).0, cs.name());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), "utf-8");
    }
    let (gb, malformed) = Charset::Gb18030.decode(bytes);
    if !malformed {
        return (gb, "gb18030");
    }
    // Neither decodes cleanly (a file cut in the middle of a character, or a
    // few stray bytes): keep the encoding with fewer replacement characters.
    let gb_bad = replacements(&gb);
    let (utf8, utf8_bad) = lossy(Charset::Utf8, bytes);
    if gb_bad < utf8_bad {
        (gb, "gb18030")
    } else {
        (utf8, "utf-8")
    }
}

/// Decode with replacement; also count the replacement characters introduced.
fn lossy(cs: Charset, bytes: &[u8]) -> (String, usize) {
    let (text, _) = cs.decode(bytes);
    let bad = replacements(&text);
    (text, bad)
}

fn replacements(text: &str) -> usize {
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// UTF-16 without a byte-order mark: text of this kind has a NUL byte in every
/// ASCII character (digits, line ends, punctuation), always on the same side.
fn sniff_utf16(bytes: &[u8]) -> Option<Charset> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0 {
            even += 1;
        }
        if pair[1] == 0 {
            odd += 1;
        }
    }
    // At least one pair in eight is ASCII, and the NULs are (nearly) all on
    // one side (a Chinese character such as 开 U+5F00 has one on the other).
    if odd * 8 >= pairs && even * 5 <= odd {
        Some(Charset::Utf16Le)
    } else if even * 8 >= pairs && odd * 5 <= even {
        Some(Charset::Utf16Be)
    } else {
        None
    }
}

/// CRLF and lone CR become LF.
pub fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// The share of characters that are replacement characters or control
/// characters other than tab, line ends and form feed: high for binary files.
pub fn garbage_ratio(text: &str) -> f64 {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(200_000) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) {
            bad += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        bad as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "一、总体情况\r\n本年新收政府信息公开申请数量 8\r最后一行";

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, e) = decode(SAMPLE.as_bytes());
        assert_eq!(e, "utf-8");
        assert_eq!(t, "一、总体情况\n本年新收政府信息公开申请数量 8\n最后一行");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&b), (t, "utf-8"));
    }

    #[test]
    fn gb18030_detected() {
        super::super::gb18030::install_test_decoder();
        let (bytes, _, _) = encoding_rs::GB18030.encode(SAMPLE);
        let (t, e) = decode(&bytes);
        assert_eq!(e, "gb18030");
        assert!(t.starts_with("一、总体情况\n"));
    }

    fn utf16(s: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf16_with_bom_and_sniffed() {
        let text = "2024年，共收到申请 12 件。\n二、主动公开政府信息情况\n规章\t0\t0\t0\n";
        for be in [false, true] {
            for bom in [true, false] {
                let (t, e) = decode(&utf16(text, be, bom));
                assert_eq!(t, text, "be={be} bom={bom}");
                assert_eq!(e, if be { "utf-16be" } else { "utf-16le" });
            }
        }
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let s = "本年新收政府信息公开申请数量";
        let b = &s.as_bytes()[..s.len() - 1];
        let (t, e) = decode(b);
        assert_eq!(e, "utf-8");
        assert!(t.starts_with("本年新收政府信息公开申请"));
    }

    #[test]
    fn garbage_is_measured() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let (t, _) = decode(&bytes);
        assert!(garbage_ratio(&t) > 0.1);
        assert!(garbage_ratio("正常的文本\n") < 0.01);
    }
}
