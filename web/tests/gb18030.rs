//! The browser's `TextDecoder("gb18030")`, which the page uses instead of the
//! core's own GB18030 table, decodes exactly as the core does: every two-byte
//! code, every four-byte code of the Basic Multilingual Plane, and malformed
//! input. Runs in headless Chromium (`wasm-pack test --headless --chrome web`),
//! where the core is built with its table to compare with.
//! (tests/e2e/app.test.mjs reads a GB18030 file in the page itself.)
#![cfg(target_arch = "wasm32")]

use nianbao_core::read::gb18030::{decode_gb18030, two_byte_table_via};
use nianbao_web::text_decoder_gb18030;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn browser(bytes: &[u8]) -> String {
    text_decoder_gb18030(bytes).expect("the browser decodes GB18030")
}

#[wasm_bindgen_test]
fn the_table_made_by_the_browser_is_the_builtin_one() {
    let table = two_byte_table_via(text_decoder_gb18030).expect("one character per code");
    let mut i = 0;
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFE) {
            let (ours, bad) = decode_gb18030(&[lead, trail]);
            assert!(!bad, "{lead:02X}{trail:02X}");
            let theirs = char::from_u32(u32::from(table[i])).unwrap().to_string();
            assert_eq!(ours, theirs, "{lead:02X}{trail:02X}");
            i += 1;
        }
    }
    assert_eq!(i, table.len());
}

#[wasm_bindgen_test]
fn four_byte_codes_agree() {
    let mut bytes = Vec::new();
    for pointer in 0u32..=39419 {
        bytes.extend_from_slice(&[
            (0x81 + pointer / 12600) as u8,
            (0x30 + pointer / 1260 % 10) as u8,
            (0x81 + pointer / 10 % 126) as u8,
            (0x30 + pointer % 10) as u8,
        ]);
    }
    // And some of the supplementary planes, the gap before them and past U+10FFFF.
    for b1 in [0x84u8, 0x85, 0x8F, 0x90, 0x95, 0xE3, 0xE4, 0xFE] {
        for b3 in [0x81u8, 0x99, 0xA4, 0xFE] {
            bytes.extend_from_slice(&[b1, 0x30, b3, 0x30, b1, 0x39, b3, 0x39]);
        }
    }
    let (ours, _) = decode_gb18030(&bytes);
    assert_eq!(browser(&bytes), ours);
}

#[wasm_bindgen_test]
fn malformed_input_agrees() {
    let pick = [
        0x00u8, 0x30, 0x35, 0x39, 0x40, 0x41, 0x7E, 0x7F, 0x80, 0x81, 0x84, 0x85, 0x8F, 0x90, 0xA1,
        0xA4, 0xB0, 0xE3, 0xE4, 0xFE, 0xFF, b'a', b'\n',
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2_000 {
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
        let (ours, _) = decode_gb18030(&v);
        assert_eq!(browser(&v), ours, "{v:02X?}");
    }
}
