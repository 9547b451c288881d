//! A small decoder for the encodings Chinese reports come in besides UTF-8:
//! GB18030 (which includes GBK and GB2312) and UTF-16 LE/BE.
//!
//! It follows the WHATWG Encoding Standard, as encoding_rs does, but holds
//! only these tables (built by `build.rs` from encoding_rs, which is not a
//! run-time dependency), so that the WebAssembly build carries none of the
//! other encodings. Malformed input becomes U+FFFD exactly where the standard
//! puts it.
//!
//! The table of the two-byte codes (about 16 KB compressed) is in the library
//! only with the cargo feature `builtin-gb18030` (on by default). Without it
//! the host supplies a GB18030 decoder once, with [`set_gb18030_decoder`] (in a
//! browser: `TextDecoder("gb18030")`, which implements the same standard), and
//! the table is made on first use by decoding every two-byte code through it,
//! in one call. Everything else (the four-byte codes, what is malformed, the
//! detection of the encoding) stays here, so that the text is the same either
//! way. With neither the table nor a decoder, every two-byte code reads as
//! malformed (U+FFFD).

use crate::span::Trim;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/gb18030_ranges.rs"));

/// Two-byte codes: lead 0x81–0xFE × 190 trail bytes.
const TWO_BYTE_LEN: usize = 126 * 190;

/// A GB18030 decoder of the host: the bytes decoded as the WHATWG Encoding
/// Standard does (malformed sequences as U+FFFD, no byte-order mark handling),
/// or `None` when it cannot decode at all.
pub type Gb18030Decoder = fn(&[u8]) -> Option<String>;

static HOST_DECODER: OnceLock<Gb18030Decoder> = OnceLock::new();

/// Give the core the host's GB18030 decoder, for a build without the feature
/// `builtin-gb18030`. The first decoder given stays; with the builtin table it
/// is not used.
pub fn set_gb18030_decoder(decoder: Gb18030Decoder) {
    let _ = HOST_DECODER.set(decoder);
}

/// Every two-byte code in order (lead 0x81–0xFE, trail 0x40–0x7E, 0x80–0xFE).
fn two_byte_codes() -> Vec<u8> {
    let mut bytes = Vec::with_capacity(2 * TWO_BYTE_LEN);
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFE) {
            bytes.extend_from_slice(&[lead, trail]);
        }
    }
    bytes
}

/// The two-byte table made with `decoder`: every code decoded at once, which
/// must give one character of the Basic Multilingual Plane per code (the
/// standard maps every one). `None` when it does not.
pub fn two_byte_table_via(decoder: Gb18030Decoder) -> Option<Vec<u16>> {
    let text = decoder(&two_byte_codes())?;
    let table = text
        .chars()
        .map(|c| {
            u16::try_from(u32::from(c))
                .ok()
                .filter(|&u| u != 0 && u != 0xFFFD)
        })
        .collect::<Option<Vec<u16>>>()?;
    (table.len() == TWO_BYTE_LEN).then_some(table)
}

/// The two-byte table, unpacked on first use (0 = unmapped).
#[cfg(feature = "builtin-gb18030")]
fn two_byte() -> &'static [u16] {
    static TWO_BYTE_PACKED: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/gb18030_two_byte.bin"));
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::with_capacity(TWO_BYTE_LEN);
        let mut prev: i32 = 0;
        let mut z: u32 = 0;
        let mut shift = 0;
        for &b in TWO_BYTE_PACKED {
            z |= u32::from(b & 0x7F) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                continue;
            }
            let delta = (z >> 1) as i32 ^ -((z & 1) as i32);
            prev = prev.wrapping_add(delta);
            table.push(prev as u16);
            z = 0;
            shift = 0;
        }
        table
    })
}

/// The two-byte table, made on first use with the host's decoder; empty (every
/// code unmapped) while there is none, or when it failed.
#[cfg(not(feature = "builtin-gb18030"))]
fn two_byte() -> &'static [u16] {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    if let Some(table) = TABLE.get() {
        return table;
    }
    let Some(&decoder) = HOST_DECODER.get() else {
        return &[];
    };
    TABLE.get_or_init(|| two_byte_table_via(decoder).unwrap_or_default())
}

/// The character of a two-byte code, if it has one.
fn two_byte_char(lead: u8, trail: u8) -> Option<char> {
    if !(0x81..=0xFE).contains(&lead) {
        return None;
    }
    let t = match trail {
        0x40..=0x7E => trail - 0x40,
        0x80..=0xFE => trail - 0x41,
        _ => return None,
    };
    let pointer = usize::from(lead - 0x81) * 190 + usize::from(t);
    match two_byte().get(pointer) {
        Some(&u) if u != 0 => char::from_u32(u32::from(u)),
        _ => None,
    }
}

/// The character of a four-byte code given by its pointer.
fn four_byte_char(pointer: u32) -> Option<char> {
    if (189_000..=1_237_575).contains(&pointer) {
        return char::from_u32(0x10000 + pointer - 189_000);
    }
    if pointer > 39419 {
        return None;
    }
    let i = RANGES.partition_point(|&(p, _)| u32::from(p) <= pointer);
    let &(start, cp) = RANGES.get(i.checked_sub(1)?)?;
    if cp == 0 {
        return None;
    }
    char::from_u32(u32::from(cp) + pointer - u32::from(start))
}

/// Decode GB18030 (or GBK, or GB2312); malformed sequences become U+FFFD.
/// Returns the text and whether anything was malformed.
pub fn decode_gb18030(bytes: &[u8]) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut bad = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push(char::from(b));
            i += 1;
            continue;
        }
        if b == 0x80 {
            out.push('\u{20AC}');
            i += 1;
            continue;
        }
        if b == 0xFF {
            out.push('\u{FFFD}');
            bad = true;
            i += 1;
            continue;
        }
        // A lead byte 0x81–0xFE.
        let Some(&b2) = bytes.get(i + 1) else {
            out.push('\u{FFFD}');
            bad = true;
            break;
        };
        if (0x30..=0x39).contains(&b2) {
            // Four bytes: lead, digit, 0x81–0xFE, digit.
            let Some(&b3) = bytes.get(i + 2) else {
                out.push('\u{FFFD}');
                bad = true;
                break;
            };
            if !(0x81..=0xFE).contains(&b3) {
                out.push('\u{FFFD}');
                bad = true;
                i += 1; // the digit is read again
                continue;
            }
            let Some(&b4) = bytes.get(i + 3) else {
                out.push('\u{FFFD}');
                bad = true;
                break;
            };
            if !(0x30..=0x39).contains(&b4) {
                out.push('\u{FFFD}');
                bad = true;
                i += 1; // the digit and what follows are read again
                continue;
            }
            let pointer = u32::from(b - 0x81) * 12600
                + u32::from(b2 - 0x30) * 1260
                + u32::from(b3 - 0x81) * 10
                + u32::from(b4 - 0x30);
            match four_byte_char(pointer) {
                Some(c) => out.push(c),
                None => {
                    out.push('\u{FFFD}');
                    bad = true;
                }
            }
            i += 4;
            continue;
        }
        match two_byte_char(b, b2) {
            Some(c) => {
                out.push(c);
                i += 2;
            }
            None => {
                out.push('\u{FFFD}');
                bad = true;
                // An ASCII trail byte is read again on its own.
                i += if b2 < 0x80 { 1 } else { 2 };
            }
        }
    }
    (out, bad)
}

/// Decode UTF-16 (without byte-order mark handling); unpaired surrogates and
/// an odd last byte become U+FFFD. Returns the text and whether anything was
/// malformed.
pub fn decode_utf16(bytes: &[u8], big_endian: bool) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    let mut bad = false;
    for r in char::decode_utf16(units) {
        out.push(r.unwrap_or_else(|_| {
            bad = true;
            '\u{FFFD}'
        }));
    }
    if bytes.len() % 2 == 1 {
        out.push('\u{FFFD}');
        bad = true;
    }
    (out, bad)
}

/// The encodings the readers decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Charset {
    Utf8,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl Charset {
    /// The encoding a label names (WHATWG labels, case-insensitive, trimmed);
    /// `None` for a label of an encoding we do not decode (Big5, Shift_JIS, …)
    /// or no encoding at all.
    pub(crate) fn for_label(label: &str) -> Option<Charset> {
        let l = label.trim_ws().to_ascii_lowercase();
        Some(match l.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8"
            | "x-unicode20utf8" => Charset::Utf8,
            "gb18030" | "gbk" | "x-gbk" | "gb2312" | "gb_2312" | "gb_2312-80" | "chinese"
            | "csgb2312" | "csiso58gb231280" | "iso-ir-58" => Charset::Gb18030,
            "utf-16" | "utf-16le" | "unicode" | "ucs-2" | "csunicode" | "iso-10646-ucs-2"
            | "unicodefeff" => Charset::Utf16Le,
            "utf-16be" | "unicodefffe" => Charset::Utf16Be,
            _ => return None,
        })
    }

    /// The name reported in `InputInfo::encoding`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Gb18030 => "gb18030",
            Charset::Utf16Le => "utf-16le",
            Charset::Utf16Be => "utf-16be",
        }
    }

    /// Decode with replacement characters (no byte-order mark handling);
    /// also says whether anything was malformed.
    pub(crate) fn decode(self, bytes: &[u8]) -> (String, bool) {
        match self {
            Charset::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => (s.to_owned(), false),
                Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
            },
            Charset::Gb18030 => decode_gb18030(bytes),
            Charset::Utf16Le => decode_utf16(bytes, false),
            Charset::Utf16Be => decode_utf16(bytes, true),
        }
    }

    /// The encoding a byte-order mark at the start gives, and its length.
    pub(crate) fn for_bom(bytes: &[u8]) -> Option<(Charset, usize)> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            Some((Charset::Utf8, 3))
        } else if bytes.starts_with(b"\xFF\xFE") {
            Some((Charset::Utf16Le, 2))
        } else if bytes.starts_with(b"\xFE\xFF") {
            Some((Charset::Utf16Be, 2))
        } else {
            None
        }
    }
}

/// For tests: encoding_rs as the host's decoder (used only without the
/// builtin table), so that every test runs in both builds.
#[cfg(test)]
pub(crate) fn install_test_decoder() {
    set_gb18030_decoder(|bytes| {
        Some(
            encoding_rs::GB18030
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(bytes: &[u8]) -> String {
        encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    }

    fn agree(bytes: &[u8]) {
        install_test_decoder();
        let (ours, bad) = decode_gb18030(bytes);
        assert_eq!(ours, reference(bytes), "bytes {bytes:02X?}");
        let malformed = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_none();
        assert_eq!(bad, malformed, "malformed flag for {bytes:02X?}");
    }

    #[test]
    fn every_two_byte_code() {
        let mut mapped = 0;
        for lead in 0x81u8..=0xFE {
            for trail in 0u8..=0xFF {
                agree(&[lead, trail]);
                // And inside text, to catch trail bytes read again.
                agree(&[b'a', lead, trail, b'z']);
                if two_byte_char(lead, trail).is_some() {
                    mapped += 1;
                }
            }
        }
        // GB18030 maps every code of the two-byte area.
        assert_eq!(mapped, 126 * 190);
        assert_eq!(two_byte().len(), TWO_BYTE_LEN);
    }

    /// The table made through a host's decoder (here encoding_rs) is the
    /// builtin one.
    #[test]
    fn table_via_a_decoder_is_the_builtin_one() {
        install_test_decoder();
        let via = two_byte_table_via(|b| {
            Some(
                encoding_rs::GB18030
                    .decode_without_bom_handling(b)
                    .0
                    .into_owned(),
            )
        })
        .expect("one character per code");
        assert_eq!(via, two_byte());
        // A decoder that does not give one character per code is refused.
        assert_eq!(two_byte_table_via(|_| None), None);
        assert_eq!(
            two_byte_table_via(|b| Some("\u{FFFD}".repeat(b.len() / 2))),
            None
        );
        assert_eq!(two_byte_table_via(|_| Some("a".into())), None);
    }

    #[test]
    fn every_single_byte() {
        for b in 0u8..=0xFF {
            agree(&[b]);
            agree(&[b, b'x']);
        }
        assert_eq!(decode_gb18030(&[0x80]).0, "\u{20AC}");
    }

    #[test]
    fn every_four_byte_bmp_code() {
        for pointer in 0u32..=39419 + 10 {
            let b = [
                (0x81 + pointer / 12600) as u8,
                (0x30 + pointer / 1260 % 10) as u8,
                (0x81 + pointer / 10 % 126) as u8,
                (0x30 + pointer % 10) as u8,
            ];
            agree(&b);
        }
        // Known codes: U+0080, U+E7C7 (pointer 7457) and U+FFFF.
        assert_eq!(decode_gb18030(b"\x81\x30\x81\x30").0, "\u{80}");
        assert_eq!(decode_gb18030(b"\x81\x35\xF4\x37").0, "\u{E7C7}");
        assert_eq!(decode_gb18030(b"\x84\x31\xA4\x39").0, "\u{FFFF}");
    }

    #[test]
    fn supplementary_codes_and_gaps() {
        // Every lead byte 0x81–0xFE with samples of the rest: the BMP, the gap
        // between the BMP and the supplementary planes, the planes, and past
        // U+10FFFF.
        for b1 in 0x81u8..=0xFE {
            for b2 in [0x30u8, 0x31, 0x34, 0x35, 0x39] {
                for b3 in [0x81u8, 0x82, 0x99, 0xA4, 0xC0, 0xFE] {
                    for b4 in [0x30u8, 0x35, 0x39] {
                        agree(&[b1, b2, b3, b4]);
                    }
                }
            }
        }
        assert_eq!(decode_gb18030(b"\x90\x30\x81\x30").0, "\u{10000}");
        assert_eq!(decode_gb18030(b"\xE3\x32\x9A\x35").0, "\u{10FFFF}");
        assert_eq!(decode_gb18030(b"\x95\x32\x82\x36").0, "\u{20000}");
    }

    #[test]
    fn malformed_sequences() {
        let cases: &[&[u8]] = &[
            b"\x81",
            b"\x81\x30",
            b"\x81\x30\x81",
            b"\x81\x30a",
            b"\x81\x30\x81a",
            b"\x81\x30\xFF\x30",
            b"\x81\x30\x81\xFF",
            b"\x84\x31\xA5\x30",
            b"\xFE\x39\xFE\x39",
            b"\x81\x7F",
            b"\x81\xFF",
            b"\x81\x20",
            b"\xFF\xFF",
            b"\xA1\xA1\x81",
            b"\x81\x81\x81\x30\x81",
            b"\xB0\xA1\x30\x31",
        ];
        for c in cases {
            agree(c);
        }
        // Pseudo-random byte strings biased towards the interesting bytes.
        let pick = [
            0x00u8, 0x30, 0x35, 0x39, 0x40, 0x41, 0x7E, 0x7F, 0x80, 0x81, 0x84, 0x85, 0x8F, 0x90,
            0xA1, 0xA4, 0xB0, 0xE3, 0xE4, 0xFE, 0xFF, b'a', b'\n',
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut v = Vec::new();
            for _ in 0..(x % 9) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                v.push(if x.is_multiple_of(3) {
                    (x >> 8) as u8
                } else {
                    pick[(x >> 8) as usize % pick.len()]
                });
            }
            agree(&v);
        }
    }

    #[test]
    fn round_trip_of_all_of_unicode() {
        install_test_decoder();
        // Every scalar value, encoded by encoding_rs (the few it cannot
        // encode become `&#…;`), decodes the same.
        let all: String = (0u32..=0x10FFFF).filter_map(char::from_u32).collect();
        let (bytes, _, _) = encoding_rs::GB18030.encode(&all);
        let (ours, bad) = decode_gb18030(&bytes);
        assert!(!bad);
        assert_eq!(ours, reference(&bytes));
    }

    #[test]
    fn utf16_agrees() {
        let samples: &[&[u8]] = &[
            b"",
            b"a",
            b"a\x00b\x00",
            b"\x00\xD8",             // lone high surrogate (LE)
            b"\x00\xD8a\x00",        // high surrogate then ASCII
            b"\x00\xDC\x00\xD8",     // low then high
            b"\x3D\xD8\x00\xDE",     // U+1F600 LE
            b"\x3D\xD8\x00\xDEx",    // and an odd byte
            b"\x00\x5F\x00\x5F\x00", // odd length
        ];
        for s in samples {
            for (be, enc) in [
                (false, encoding_rs::UTF_16LE),
                (true, encoding_rs::UTF_16BE),
            ] {
                let (ours, bad) = decode_utf16(s, be);
                let theirs = enc.decode_without_bom_handling(s).0;
                assert_eq!(ours, theirs, "{s:02X?} be={be}");
                assert_eq!(
                    bad,
                    enc.decode_without_bom_handling_and_without_replacement(s)
                        .is_none()
                );
            }
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Charset::for_label(" GB2312 "), Some(Charset::Gb18030));
        assert_eq!(Charset::for_label("x-gbk"), Some(Charset::Gb18030));
        assert_eq!(Charset::for_label("UTF8"), Some(Charset::Utf8));
        assert_eq!(Charset::for_label("utf-16be"), Some(Charset::Utf16Be));
        assert_eq!(Charset::for_label("big5"), None);
        assert_eq!(Charset::for_label("shift_jis"), None);
        // Every label we accept names the same encoding in encoding_rs (GBK
        // decodes exactly as GB18030).
        for l in [
            "utf-8",
            "utf8",
            "unicode-1-1-utf-8",
            "unicode11utf8",
            "unicode20utf8",
            "x-unicode20utf8",
            "gb18030",
            "gbk",
            "x-gbk",
            "gb2312",
            "gb_2312",
            "gb_2312-80",
            "chinese",
            "csgb2312",
            "csiso58gb231280",
            "iso-ir-58",
            "utf-16",
            "utf-16le",
            "unicode",
            "ucs-2",
            "csunicode",
            "iso-10646-ucs-2",
            "unicodefeff",
            "utf-16be",
            "unicodefffe",
        ] {
            let ours = Charset::for_label(l).unwrap().name();
            let theirs = encoding_rs::Encoding::for_label(l.as_bytes())
                .unwrap()
                .name();
            let theirs = match theirs {
                "GBK" | "gb18030" => "gb18030",
                other => &other.to_ascii_lowercase(),
            };
            assert_eq!(ours, theirs, "{l}");
        }
    }
}
