//! The published PDF of tests/fixtures/real read by the core compiled to wasm, in
//! headless Chromium: every cell of tables 二/三/四 as the native build reads it
//! (tests/fixtures/pdf/huaian-city-2024.tables.json holds the values read off
//! the rendered pages; tests/tests/pdf.rs asserts the same values natively).
#![cfg(target_arch = "wasm32")]

use nianbao_core::export::Export;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PDF: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/real/huaian-city-2024.pdf"
));
const EXPECTED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/pdf/huaian-city-2024.tables.json"
));

#[wasm_bindgen_test]
fn the_corpus_pdf_reads_every_cell_in_the_browser() {
    let checked =
        nianbao_core::check("huaian-city-2024.pdf", PDF).expect("the corpus PDF is readable");
    let export =
        serde_json::to_value(Export::of("huaian-city-2024.pdf", &checked)).expect("serialisable");
    let expected: serde_json::Value =
        serde_json::from_str(EXPECTED).expect("expected values are JSON");
    let report = &export["report"];
    for table in ["proactive", "requests", "appeals"] {
        assert_eq!(report[table], expected[table], "table {table}");
    }
    let cells: usize = ["proactive", "requests", "appeals"]
        .iter()
        .map(|t| {
            expected[t].as_object().map_or(0, |rows| {
                rows.values()
                    .map(|r| r.as_object().map_or(0, |c| c.len()))
                    .sum()
            })
        })
        .sum();
    assert_eq!(cells, 200);
    assert_eq!(export["input"]["kind"], "pdf");
    assert_eq!(checked.report.year.as_ref().map(|y| y.value), Some(2024));
}
