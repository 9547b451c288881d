//! The text reader on arbitrary bytes, then extraction and the rules on what it reads.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = nianbao_core::read::text::read(data) {
        let _ = nianbao_core::check_document(doc);
    }
});
