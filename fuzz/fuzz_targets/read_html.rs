//! The html reader on arbitrary bytes (every span it produces must lie in its text).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_core::read::{html, Limits};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = html::read(data, &Limits::default()) {
        nianbao_fuzz::spans_in_text(&doc);
    }
});
