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
pub(crate) fn decode(bytes: &[u8]) -> (String, &'static str) {
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
    // (a text with no NUL byte, the common case, is found at once)
    if pairs < 4 || !sample.contains(&0) {
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
pub(crate) fn normalise_newlines(text: String) -> String {
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

/// How many characters [`garbage_ratio`] looks at.
const GARBAGE_SAMPLE: usize = 200_000;

/// The share of characters that are replacement characters or control
/// characters other than tab, line ends and form feed, among the first
/// [`GARBAGE_SAMPLE`]: high for binary files.
///
/// Counted on the bytes, which is several times faster than decoding each
/// character: a C0 control or DEL is one byte, a C1 control (U+0080–U+009F)
/// is `C2 80`–`C2 9F`, U+FFFD is `EF BF BD`, and a character starts at every
/// byte that is not a continuation byte (`80`–`BF`). The characters are only
/// counted when there is garbage to divide, which a report has not.
pub(crate) fn garbage_ratio(text: &str) -> f64 {
    // (a text of no more bytes than that has no more characters)
    let sample = if text.len() > GARBAGE_SAMPLE {
        text.char_indices()
            .nth(GARBAGE_SAMPLE)
            .map_or(text, |(end, _)| &text[..end])
    } else {
        text
    };
    let b = sample.as_bytes();
    let mut bad = 0usize;
    for (i, &c) in b.iter().enumerate() {
        match BYTE_CLASS[usize::from(c)] {
            0 => {}
            CONTROL => bad += 1,
            // U+0080–U+009F
            C2 => bad += usize::from(b.get(i + 1).is_some_and(|&n| n <= 0x9F)),
            // U+FFFD
            _ => bad += usize::from(b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD])),
        }
    }
    if bad == 0 {
        return 0.0;
    }
    let total = b.iter().filter(|&&c| c & 0xC0 != 0x80).count();
    bad as f64 / total as f64
}

const CONTROL: u8 = 1;
const C2: u8 = 2;
const EF: u8 = 3;

/// For each byte: [`CONTROL`] for a control character by itself (C0 but
/// tab, line feed, form feed and carriage return; DEL); [`C2`] and [`EF`]
/// for the first bytes of U+0080–U+009F and of U+FFFD; else 0.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = CONTROL;
        c += 1;
    }
    t[b'\t' as usize] = 0;
    t[b'\n' as usize] = 0;
    t[b'\r' as usize] = 0;
    t[0x0C] = 0;
    t[0x7F] = CONTROL;
    t[0xC2] = C2;
    t[0xEF] = EF;
    t
};

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

    /// What [`garbage_ratio`] counts, character by character.
    fn garbage_ratio_of_the_characters(text: &str) -> f64 {
        let (mut total, mut bad) = (0usize, 0usize);
        for c in text.chars().take(GARBAGE_SAMPLE) {
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

    #[test]
    fn garbage_counted_on_bytes_as_on_characters() {
        let pieces = [
            "报", "a", "\t", "\n", "\r", "\x0C", "\0", "\x1F", "\x7F", "\u{80}", "\u{9F}",
            "\u{A0}", "\u{FFFD}", "\u{FFFC}", "\u{FFBD}", "\u{EFBF}", "𝄞", "\u{85}", "¿",
        ];
        // Every piece next to every other, and a long mixed text.
        for a in pieces {
            for b in pieces {
                let t = format!("{a}{b}{a}");
                assert_eq!(
                    garbage_ratio(&t),
                    garbage_ratio_of_the_characters(&t),
                    "{t:?}"
                );
            }
        }
        let mut t = String::new();
        let mut x = 7u32;
        while t.chars().count() < GARBAGE_SAMPLE + 500 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            t.push_str(pieces[(x >> 16) as usize % pieces.len()]);
        }
        assert_eq!(garbage_ratio(&t), garbage_ratio_of_the_characters(&t));
        assert!(garbage_ratio(&t) > 0.3);
        // The sample stops at its count of characters.
        let long = "报".repeat(GARBAGE_SAMPLE) + &"\0".repeat(100);
        assert_eq!(garbage_ratio(&long), 0.0);
        assert_eq!(garbage_ratio(""), 0.0);
    }

    #[test]
    fn garbage_is_measured() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let (t, _) = decode(&bytes);
        assert!(garbage_ratio(&t) > 0.1);
        assert!(garbage_ratio("正常的文本\n") < 0.01);
    }
}
