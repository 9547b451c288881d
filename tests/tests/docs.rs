//! docs/format.md and docs/export.md against the code: every rule with its
//! severity, every canonical key and cell count of both layouts, every key of
//! the result's JSON. A rule, key or field added without its line in the docs
//! fails here.

use nianbao_core::rules::RULES;
use nianbao_core::{check, Batch, Layout, Severity, Template};
use nianbao_tests::{fixture, repo_root, seed};
use serde_json::Value;

fn doc(name: &str) -> String {
    let p = repo_root().join("docs").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn letter(s: Severity) -> &'static str {
    match s {
        Severity::Error => "E",
        Severity::Warning => "W",
        Severity::Info => "I",
    }
}

#[test]
fn format_md_lists_every_rule_with_its_severity() {
    let doc = doc("format.md");
    // Rows `| S001 | E | … |` of the rule table, in their order.
    let listed: Vec<(String, String)> = doc
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let [_, id, sev, ..] = cells.as_slice() else {
                return None;
            };
            let is_id = id.len() == 4
                && id.starts_with(|c: char| c.is_ascii_uppercase())
                && id[1..].chars().all(|c| c.is_ascii_digit());
            is_id.then(|| (id.to_string(), sev.to_string()))
        })
        .collect();
    let rules: Vec<(String, String)> = RULES
        .iter()
        .map(|r| (r.id.to_string(), letter(r.severity).to_string()))
        .collect();
    assert_eq!(listed, rules);
}

#[test]
fn format_md_names_every_canonical_key_and_cell_count() {
    let doc = doc("format.md");
    let named = |key: &str| {
        assert!(
            doc.contains(&format!("`{key}`")),
            "`{key}` not in format.md"
        )
    };
    for layout in [Layout::Y2021, Layout::Y2019] {
        let t = Template::get(layout);
        t.sections.iter().for_each(|s| named(s.key));
        t.themes.iter().for_each(|s| named(s.key));
        for table in t.tables() {
            named(table.key.as_str());
            table.rows.iter().for_each(|r| named(r.key.as_str()));
            table.columns.iter().for_each(|c| named(c.key.as_str()));
            let cells = format!("{} cells", table.cell_count());
            assert!(
                doc.contains(&cells),
                "{layout:?} {:?}: “{cells}”",
                table.key
            );
        }
    }
}

/// Every object key of `v`, the cells of the three tables left out (their keys
/// are those of format.md).
fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.push(k.clone());
                if !["proactive", "requests", "appeals"].contains(&k.as_str()) {
                    keys(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

#[test]
fn export_md_names_every_key_of_the_result() {
    let doc = doc("export.md");
    let mut files = Vec::new();
    for (name, bytes) in [
        seed("003"),
        ("boshan-2024.txt".into(), fixture("cross/boshan-2024.txt")),
        ("boshan-2023.txt".into(), fixture("cross/boshan-2023.txt")),
        ("blank.txt".into(), b"  \n".to_vec()),
        // Places in the original file: pages of a PDF, paragraphs and table
        // cells of a Word document.
        ("003.docx".into(), fixture("docx/003.docx")),
        ("seed-003.pdf".into(), fixture("pdf/seed-003.pdf")),
    ] {
        let checked = check(&name, &bytes);
        files.push((name, checked));
    }
    let batch = Batch::new(files.iter().map(|(n, c)| (n.as_str(), c)));
    assert!(
        !batch.cross().is_empty(),
        "the two years give cross-report findings"
    );
    assert!(files[3].1.is_err(), "the blank file is unreadable");
    let places = serde_json::to_string(&batch.export().to_json()).unwrap_or_default();
    for key in ["\"page\":", "\"paragraph\":", "\"number\":"] {
        assert!(places.contains(key), "no {key} in the export");
    }
    let json = batch.export().to_json();
    let mut all = Vec::new();
    keys(&json, &mut all);
    all.sort();
    all.dedup();
    assert!(all.len() > 40, "{all:?}");
    for k in all {
        assert!(
            doc.contains(&format!("`{k}`")) || doc.contains(&format!("\"{k}\"")),
            "the result's key `{k}` is not in export.md"
        );
    }
}
