//! Reports printed from a browser: the HTML fixtures printed by headless
//! Chromium on A6 (tests/fixtures/pdf/README.md), so that table 三 runs over
//! several pages, read with the same cells and the same findings as the HTML.
//! (tests/e2e/print.test.mjs prints them afresh with the browser.)

use nianbao_core::check;
use nianbao_core::export::Export;
use serde_json::Value;

/// Every cell of tables 二, 三 and 四 as `table/row/column=value`, sorted.
fn cells(result: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["proactive", "requests", "appeals"] {
        let Some(rows) = result["report"][table].as_object() else {
            continue;
        };
        for (row, columns) in rows {
            for (column, value) in columns.as_object().into_iter().flatten() {
                out.push(format!("{table}/{row}/{column}={value}"));
            }
        }
    }
    out.sort();
    out
}

/// Each finding by its rule, severity, cell and message (where it is differs).
fn findings(result: &Value) -> Vec<String> {
    let mut out: Vec<String> = result["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            format!(
                "{} {} {} {}",
                d["rule"], d["severity"], d["at"]["cell"], d["message"]
            )
        })
        .collect();
    out.sort();
    out
}

fn exported(name: &str, bytes: &[u8]) -> Value {
    let result = check(name, bytes);
    assert!(result.is_ok(), "{name} is read");
    serde_json::to_value(Export::of_result(name, &result)).unwrap()
}

#[test]
fn html_printed_by_chromium_on_a6_reads_as_the_html() {
    for n in 0..5 {
        let html = format!("{n:03}.html");
        let pdf = format!("{n:03}-a6.pdf");
        let from_html = exported(&html, &nianbao_tests::fixture(&format!("html/{html}")));
        let from_pdf = exported(&pdf, &nianbao_tests::fixture(&format!("pdf/printed/{pdf}")));
        assert_eq!(from_pdf["input"]["kind"], "pdf", "{pdf}");
        let want = cells(&from_html);
        // Table 三 has 25 rows of 7 cells: it is there whole.
        assert!(
            want.iter().filter(|c| c.starts_with("requests/")).count() == 25 * 7,
            "{html}: {want:?}"
        );
        assert_eq!(cells(&from_pdf), want, "{pdf}: the cells of {html}");
        assert_eq!(
            findings(&from_pdf),
            findings(&from_html),
            "{pdf}: the findings of {html}"
        );
    }
}
