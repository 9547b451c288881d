//! The text reader on arbitrary bytes (every span it produces must lie in its
//! text), then extraction and the rules on what it reads.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = nianbao_core::read::text::read(data, &nianbao_core::Limits::default()) {
        nianbao_fuzz::spans_in_text(&doc);
        let _ = nianbao_core::check_document(doc);
    }
});
