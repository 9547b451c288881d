//! The whole check (read, extract, rules, export) on arbitrary bytes; the
//! first byte picks the file name, so that every reader and the sniffing by
//! name are reached.
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 13] = [
    "report.txt",
    "report.docx",
    "report.html",
    "report.pdf",
    "report.xlsx",
    "report",
    "report.mht",
    "report.doc",
    "年度报告.TXT",
    "report.htm",
    "report.wps",
    "report.ofd",
    "report.jpg",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(first) % NAMES.len()];
    if let Ok(checked) = nianbao_core::check(name, rest) {
        nianbao_fuzz::spans_in_text(&checked.document);
        let _ = serde_json::to_string(&nianbao_core::Export::of(name, &checked));
    }
});
