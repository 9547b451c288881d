//! Builds the GB18030 tables the run-time decoder (`src/read/gb18030.rs`)
//! needs, from encoding_rs, which is only a build dependency: the tables end
//! up in the library, encoding_rs (and its dozens of other encodings) does not.
//!
//! Written to `OUT_DIR`:
//! - `gb18030_two_byte.bin` (only with the feature `builtin-gb18030`): the 126 × 190 two-byte codes (lead 0x81–0xFE,
//!   trail 0x40–0x7E, 0x80–0xFE) in order, each as the difference from the
//!   previous code point (zigzag, LEB128). Unmapped codes count as U+0000.
//!   Long runs of consecutive characters become runs of one byte `02`, which
//!   compress to almost nothing.
//! - `gb18030_ranges.rs`: the four-byte codes of the Basic Multilingual Plane
//!   (pointers 0–39419) as runs `(first pointer, first code point)` in which
//!   the code point grows with the pointer; a run whose code point is 0 is
//!   unmapped.

use std::fmt::Write as _;
use std::path::PathBuf;

use encoding_rs::GB18030;

fn decode(bytes: &[u8]) -> Option<char> {
    let s = GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(c)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));

    // Two-byte codes (without the feature, the host's decoder gives them).
    if std::env::var_os("CARGO_FEATURE_BUILTIN_GB18030").is_some() {
        two_byte(&out);
    }
    ranges(&out);
}

fn two_byte(out: &std::path::Path) {
    let mut bin = Vec::new();
    let mut prev: i32 = 0;
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFE) {
            let cp = match decode(&[lead, trail]) {
                Some(c) => {
                    let u = u32::from(c);
                    assert!(
                        u <= 0xFFFF,
                        "two-byte code {lead:02X}{trail:02X} outside the BMP"
                    );
                    u as i32
                }
                None => 0,
            };
            let delta = cp - prev;
            prev = cp;
            let mut z = ((delta << 1) ^ (delta >> 31)) as u32;
            loop {
                let byte = (z & 0x7F) as u8;
                z >>= 7;
                if z == 0 {
                    bin.push(byte);
                    break;
                }
                bin.push(byte | 0x80);
            }
        }
    }
    std::fs::write(out.join("gb18030_two_byte.bin"), &bin).expect("write two-byte table");
}

/// Four-byte codes of the BMP.
fn ranges(out: &std::path::Path) {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let mut expect: Option<u32> = None; // code point the current run predicts
    for pointer in 0u32..=39419 {
        let b1 = 0x81 + pointer / 12600;
        let b2 = 0x30 + pointer / 1260 % 10;
        let b3 = 0x81 + pointer / 10 % 126;
        let b4 = 0x30 + pointer % 10;
        let cp = decode(&[b1 as u8, b2 as u8, b3 as u8, b4 as u8]).map(u32::from);
        if let Some(u) = cp {
            assert!(
                (1..=0xFFFF).contains(&u),
                "four-byte BMP code {pointer} maps to {u:X}"
            );
        }
        let cp = cp.unwrap_or(0);
        let fits = match expect {
            Some(0) => cp == 0,
            Some(e) => cp == e,
            None => false,
        };
        if !fits {
            runs.push((pointer, cp));
        }
        expect = Some(if cp == 0 { 0 } else { cp + 1 });
    }
    let mut src = String::from("pub(super) static RANGES: &[(u16, u16)] = &[\n");
    for (p, c) in &runs {
        writeln!(src, "    ({p}, 0x{c:04X}),").unwrap();
    }
    src.push_str("];\n");
    std::fs::write(out.join("gb18030_ranges.rs"), src).expect("write ranges");
}
