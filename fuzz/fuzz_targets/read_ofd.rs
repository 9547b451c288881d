//! The OFD reader on arbitrary bytes (every span it produces must lie in its text).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_core::read::{ofd, Limits};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = ofd::read(data, &Limits::default()) {
        nianbao_fuzz::spans_in_text(&doc);
    }
});
