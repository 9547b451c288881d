//! How well the checker reads the real reports of `tests/fixtures/real/`
//! against their hand-checked truths (`*.truth.json`, described in that
//! folder's README): per file and in total, the truth's cells read exactly,
//! read wrong or reported unreadable, the cells the truth cannot know that
//! were given a value anyway, the error findings the truth does not list
//! (false errors) and the truth's errors found or missed.
//!
//! `cargo run --release -p nianbao-tests --example accuracy [-- [--list] [DIR | TRUTH.json …]]`
//!
//! `--list` also names every wrong cell, guessed cell, false error and
//! missed error. The check runs through the core directly; the result is
//! compared in the export's shape (EXPORT.md), the contract the CLI and the
//! web page share.

use nianbao_core::Export;
use nianbao_core::{Layout, Template};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One cell of a truth: where, and what the report says (`None`: blank, or
/// not knowable from the document).
struct TruthCell {
    table: String,
    row: String,
    column: String,
    value: Option<f64>,
}

#[derive(Default, Clone, Copy)]
pub(crate) struct Tally {
    /// Cells the truth knows a value for.
    pub(crate) cells: usize,
    pub(crate) exact: usize,
    pub(crate) wrong: usize,
    /// Known to the truth, no value from the checker.
    pub(crate) unreadable: usize,
    /// ... of which no finding points at the cell itself.
    pub(crate) silent: usize,
    /// Cells the truth leaves without a value (blank, or undecidable).
    pub(crate) unknown: usize,
    /// ... to which the checker gave a number all the same.
    pub(crate) guessed: usize,
    pub(crate) false_errors: usize,
    pub(crate) errors: usize,
    pub(crate) errors_found: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.cells += o.cells;
        self.exact += o.exact;
        self.wrong += o.wrong;
        self.unreadable += o.unreadable;
        self.silent += o.silent;
        self.unknown += o.unknown;
        self.guessed += o.guessed;
        self.false_errors += o.false_errors;
        self.errors += o.errors;
        self.errors_found += o.errors_found;
    }
}

fn truth_cells(truth: &Value) -> Vec<TruthCell> {
    let mut out = Vec::new();
    for table in ["proactive", "requests", "appeals"] {
        let Some(rows) = truth["tables"][table].as_object() else {
            continue;
        };
        for (row, cols) in rows {
            for (column, v) in cols.as_object().into_iter().flatten() {
                out.push(TruthCell {
                    table: table.into(),
                    row: row.clone(),
                    column: column.clone(),
                    value: v.as_f64(),
                });
            }
        }
    }
    out
}

/// The cell a location names, as (table, row, column).
fn cell_of(loc: &Value) -> Option<(&str, &str, &str)> {
    let c = loc.get("cell")?;
    Some((
        c["table"].as_str()?,
        c["row"].as_str()?,
        c["column"].as_str()?,
    ))
}

fn same_cell(loc: &Value, want: &Value) -> bool {
    match (cell_of(loc), want.as_object()) {
        (Some((t, r, c)), Some(w)) => {
            w.get("table").and_then(Value::as_str) == Some(t)
                && w.get("row").and_then(Value::as_str) == Some(r)
                && w.get("column").and_then(Value::as_str) == Some(c)
        }
        _ => false,
    }
}

/// Whether a finding is the one a truth error describes: the same rule and,
/// where the truth names a cell, that cell as the finding's place (or, for
/// a sum, among the cells it names).
fn matches(finding: &Value, error: &Value) -> bool {
    if finding["rule"] != error["rule"] {
        return false;
    }
    let Some(cell) = error.get("cell") else {
        return true;
    };
    same_cell(&finding["at"], cell)
        || finding["related"]
            .as_array()
            .is_some_and(|r| r.iter().any(|l| same_cell(l, cell)))
}

/// What a truth says of its file besides the cells: whether the file was
/// made from a report by a program (`made`) rather than kept as published,
/// and which report it is (agency and year), to count reports apart from
/// files.
pub(crate) struct Origin {
    pub(crate) converted: bool,
    pub(crate) report: String,
}

pub(crate) fn evaluate(truth_path: &Path, list: bool) -> Result<(Tally, Origin), String> {
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(truth_path).map_err(|e| format!("{truth_path:?}: {e}"))?,
    )
    .map_err(|e| format!("{truth_path:?}: {e}"))?;
    let file = truth["file"].as_str().ok_or("truth without \"file\"")?;
    // A bare name lies beside the truth; a path with a slash is taken from
    // the repository's root (a report kept elsewhere in the fixtures).
    let report_path = if file.contains('/') {
        nianbao_tests::repo_root().join(file)
    } else {
        truth_path.with_file_name(file)
    };
    let name = report_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(&report_path).map_err(|e| format!("{report_path:?}: {e}"))?;
    let result = nianbao_core::check(&name, &bytes);
    let export =
        serde_json::to_value(Export::of_result(&name, &result)).map_err(|e| e.to_string())?;
    let report = &export["report"];
    let diagnostics = export["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();

    // A truth gives every cell of its layout, no more: a gap or a stray key
    // is a mistake of the truth, not of the checker.
    let layout = match truth["layout"].as_str() {
        Some("2019") => Layout::Y2019,
        Some("2021") => Layout::Y2021,
        other => return Err(format!("{truth_path:?}: layout {other:?}")),
    };
    let template = Template::get(layout);
    let cells = truth_cells(&truth);
    let expected: usize = template.tables().iter().map(|d| d.cell_count()).sum();
    for def in template.tables() {
        for (r, c) in def.cells() {
            if !cells.iter().any(|x| {
                x.table == def.key.as_str() && x.row == r.key.as_str() && x.column == c.key.as_str()
            }) {
                return Err(format!(
                    "{truth_path:?}: no cell {}.{}.{}",
                    def.key.as_str(),
                    r.key,
                    c.key
                ));
            }
        }
    }
    if cells.len() != expected {
        return Err(format!(
            "{truth_path:?}: {} cells, the {} layout has {expected}",
            cells.len(),
            layout.as_str()
        ));
    }

    let mut t = Tally::default();
    let mut notes = Vec::new();
    for cell in cells {
        let read = report[cell.table.as_str()][cell.row.as_str()][cell.column.as_str()].as_f64();
        let place = format!("{}.{}.{}", cell.table, cell.row, cell.column);
        match (cell.value, read) {
            (Some(want), Some(got)) => {
                t.cells += 1;
                if (want - got).abs() < 1e-6 {
                    t.exact += 1;
                } else {
                    t.wrong += 1;
                    notes.push(format!("  wrong   {place}: {got}, the report says {want}"));
                }
            }
            (Some(_), None) => {
                t.cells += 1;
                t.unreadable += 1;
                let pointed = diagnostics.iter().any(|d| {
                    let here =
                        |l: &Value| cell_of(l) == Some((&cell.table, &cell.row, &cell.column));
                    here(&d["at"]) || d["related"].as_array().is_some_and(|r| r.iter().any(here))
                });
                if !pointed {
                    t.silent += 1;
                }
            }
            (None, Some(got)) => {
                t.unknown += 1;
                t.guessed += 1;
                notes.push(format!(
                    "  guessed {place}: {got}, the report gives no value"
                ));
            }
            (None, None) => t.unknown += 1,
        }
    }

    let errors = truth["errors"].as_array().cloned().unwrap_or_default();
    t.errors = errors.len();
    let found: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    for e in &errors {
        if found.iter().any(|d| matches(d, e)) {
            t.errors_found += 1;
        } else {
            notes.push(format!(
                "  missed  {} {}",
                e["rule"],
                e.get("cell").unwrap_or(&e["place"])
            ));
        }
    }
    for d in &found {
        if !errors.iter().any(|e| matches(d, e)) {
            t.false_errors += 1;
            notes.push(format!(
                "  false   {} {}",
                d["rule"].as_str().unwrap_or("?"),
                d["message"].as_str().unwrap_or("")
            ));
        }
    }
    if list {
        for n in notes {
            println!("{n}");
        }
    }
    let origin = Origin {
        converted: truth["made"].is_string(),
        report: format!(
            "{} {}",
            truth["agency"].as_str().unwrap_or("?"),
            truth["year"]
        ),
    };
    Ok((t, origin))
}

fn row(name: &str, t: &Tally) {
    println!(
        "{name:<40} {:>5} {:>5} {:>5} {:>5} {:>6} {:>5} {:>5} {:>6} {:>3}/{:<3}",
        t.cells,
        t.exact,
        t.wrong,
        t.unreadable,
        t.silent,
        t.unknown,
        t.guessed,
        t.false_errors,
        t.errors_found,
        t.errors
    );
}

fn main() {
    let mut list = false;
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--list" {
            list = true;
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    if paths.is_empty() {
        paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real"));
    }
    let mut truths = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&p)
                .expect("a readable folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
                .collect();
            found.sort();
            truths.extend(found);
        } else {
            truths.push(p);
        }
    }
    println!(
        "{:<40} {:>5} {:>5} {:>5} {:>5} {:>6} {:>5} {:>5} {:>6} {:>7}",
        "file", "cells", "exact", "wrong", "unrd", "silent", "unkn", "guess", "falseE", "errors"
    );
    let mut total = Tally::default();
    let mut published = Tally::default();
    let mut converted = Tally::default();
    let (mut n_published, mut n_converted) = (0, 0);
    let mut reports = std::collections::BTreeSet::new();
    let mut failed = false;
    for p in &truths {
        let name = p
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".truth.json")
                    .to_string()
            })
            .unwrap_or_default();
        match evaluate(p, list) {
            Ok((t, origin)) => {
                row(&name, &t);
                total.add(&t);
                if origin.converted {
                    converted.add(&t);
                    n_converted += 1;
                } else {
                    published.add(&t);
                    n_published += 1;
                }
                reports.insert(origin.report);
            }
            Err(e) => {
                println!("{name:<40} cannot evaluate: {e}");
                failed = true;
            }
        }
    }
    row(&format!("as published ({n_published} files)"), &published);
    row(&format!("converted ({n_converted} files)"), &converted);
    row(
        &format!("total ({} files, {} reports)", truths.len(), reports.len()),
        &total,
    );
    println!(
        "\ncells: known to the truth; exact/wrong: read with the truth's value or another; \
         unrd: no value (silent: no finding on that cell); unkn: blank or undecidable in the \
         report; guess: of those, given a number; falseE: error findings the truth does not \
         list; errors: the truth's errors found/listed. Converted files were made from a \
         real report by a program (their truth says how, under \"made\"); a report is an \
         agency's report for one year, whatever the number of its files."
    );
    if failed {
        std::process::exit(1);
    }
}
