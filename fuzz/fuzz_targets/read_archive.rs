//! An archive of reports taken apart on arbitrary bytes: no panic, and never
//! more bytes handed on than the limits let it inflate.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_core::read::archive::{self, ArchiveLimits, Member};
use nianbao_core::read::Limits;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let _ = archive::is_archive("a.zip", data);
    if let Ok(members) = archive::unpack(data, &limits, &ArchiveLimits::default()) {
        let mut total = 0u64;
        for m in &members {
            if let Member::File(name, bytes) = m {
                assert!(bytes.len() <= limits.max_input_bytes, "{name} past the input limit");
                total += bytes.len() as u64;
            }
        }
        assert!(total <= limits.max_zip_inflated_bytes, "{total} bytes handed on");
        assert!(members.len() <= ArchiveLimits::default().max_entries);
    }
});
