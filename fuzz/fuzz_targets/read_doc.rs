//! The Word 97–2003 reader (.doc, .wps) on arbitrary bytes (every span it
//! produces must lie in its text).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_core::read::{word97, Limits};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = word97::read(data, &Limits::default()) {
        nianbao_fuzz::spans_in_text(&doc);
    }
});
