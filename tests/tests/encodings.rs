//! Each seed re-encoded to GB18030 and UTF-16 (LE and BE, with a byte-order
//! mark; and without one) reads exactly as the UTF-8 original.

use encoding_rs::GB18030;
use nianbao_core::read::{read, Limits};
use nianbao_core::{extract::extract, Report};
use nianbao_tests::seed;

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

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

/// What must not change with the encoding: every cell, every section, the
/// metadata. (Spans are byte offsets into the decoded text, which is the same
/// text whatever the encoding.)
fn essence(r: &Report) -> String {
    let mut out = String::new();
    for t in [&r.proactive, &r.requests, &r.appeals] {
        for c in &t.cells {
            out += &format!("{}.{}={:?}@{:?};", c.row, c.column, c.value, c.span);
        }
        out += &format!("labels={};", t.labels.len());
    }
    for s in &r.sections {
        out += &format!(
            "{}:{}:{:?}:{}@{:?};",
            s.ordinal, s.number, s.numbering, s.title, s.heading
        );
    }
    out += &format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}",
        r.title.as_ref().map(|t| &t.value),
        r.agency.as_ref().map(|t| &t.value),
        r.year.as_ref().map(|t| t.value),
        r.published.as_ref().map(|t| t.value),
        r.format
    );
    out
}

fn read_as(name: &str, bytes: &[u8]) -> (String, String, Report) {
    let doc = read(name, bytes, &Limits::default()).expect("reads");
    let report = extract(&doc);
    (doc.input.encoding.clone(), doc.text.clone(), report)
}

#[test]
fn gb18030_reads_identically() {
    for p in SEEDS {
        let (name, bytes) = seed(p);
        let text = String::from_utf8(bytes.clone()).expect("seed is UTF-8");
        let (enc, base_text, base) = read_as(&name, &bytes);
        assert_eq!(enc, "utf-8");
        let (gb, _, unmappable) = GB18030.encode(&text);
        assert!(!unmappable);
        let (enc, t, r) = read_as(&name, &gb);
        assert_eq!(enc, "gb18030", "{p}");
        assert_eq!(t, base_text, "{p}");
        assert_eq!(essence(&r), essence(&base), "{p}");
        assert!(r.requests.found && r.sections.len() == 6, "{p}");
    }
}

#[test]
fn utf16_reads_identically() {
    for p in SEEDS {
        let (name, bytes) = seed(p);
        let text = String::from_utf8(bytes.clone()).expect("seed is UTF-8");
        let (_, _, base) = read_as(&name, &bytes);
        for (be, bom, want) in [
            (false, true, "utf-16le"),
            (true, true, "utf-16be"),
            (false, false, "utf-16le"),
            (true, false, "utf-16be"),
        ] {
            let (enc, _, r) = read_as(&name, &utf16(&text, be, bom));
            assert_eq!(enc, want, "{p} be={be} bom={bom}");
            assert_eq!(essence(&r), essence(&base), "{p} {want} bom={bom}");
        }
    }
}

#[test]
fn utf8_bom_and_crlf_read_identically() {
    for p in SEEDS {
        let (name, bytes) = seed(p);
        let text = String::from_utf8(bytes.clone()).expect("seed is UTF-8");
        let (_, _, base) = read_as(&name, &bytes);
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(&bytes);
        let (enc, _, r) = read_as(&name, &with_bom);
        assert_eq!(enc, "utf-8");
        assert_eq!(essence(&r), essence(&base), "{p} BOM");
        // CRLF line ends: same cells and sections (spans move with the text,
        // which has its line ends normalised)
        let crlf = text.replace('\n', "\r\n");
        let (enc, t, r) = read_as(&name, crlf.as_bytes());
        assert_eq!(enc, "utf-8");
        assert_eq!(t, text);
        assert_eq!(essence(&r), essence(&base), "{p} CRLF");
    }
}

/// The core's own GB18030 decoder gives exactly what encoding_rs gives on
/// every seed re-encoded to GB18030, whole and cut at arbitrary bytes (which
/// leaves a broken character at the cut).
#[test]
fn own_gb18030_decoder_matches_encoding_rs_on_seeds() {
    use nianbao_core::read::gb18030::decode_gb18030;
    for p in SEEDS {
        let (_, bytes) = seed(p);
        let text = String::from_utf8(bytes).expect("seed is UTF-8");
        let (gb, _, _) = GB18030.encode(&text);
        let (ours, bad) = decode_gb18030(&gb);
        assert!(!bad, "{p}");
        assert_eq!(ours, text, "{p}");
        for cut in (1..gb.len()).step_by(997) {
            let part = &gb[..cut];
            let (ours, _) = decode_gb18030(part);
            let (theirs, _) = GB18030.decode_without_bom_handling(part);
            assert_eq!(ours, theirs, "{p} cut at {cut}");
            // And from the cut on: starts inside a character.
            let rest = &gb[cut..];
            let (ours, _) = decode_gb18030(rest);
            let (theirs, _) = GB18030.decode_without_bom_handling(rest);
            assert_eq!(ours, theirs, "{p} from {cut}");
        }
    }
}
