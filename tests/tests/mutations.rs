//! Change any single number of tables 三 and 四 of a consistent seed and the
//! rules must give an error located at (or naming) that very cell.

use nianbao_core::rules::{run, Context};
use nianbao_core::{check, CellRef, Checked, Diagnostic, Location, Severity, Template};
use nianbao_tests::seed;

const CONSISTENT: &[&str] = &["000", "001", "002", "004"];

fn checked(prefix: &str) -> Checked {
    let (name, bytes) = seed(prefix);
    check(&name, &bytes).unwrap_or_else(|e| panic!("seed {prefix} unreadable: {}", e.message_en))
}

fn names(d: &Diagnostic, cell: &CellRef) -> bool {
    let l = Location::Cell(*cell);
    d.severity == Severity::Error && (d.at == l || d.related.contains(&l))
}

fn cells(c: &Checked) -> Vec<CellRef> {
    let mut out = Vec::new();
    for t in [&c.report.requests, &c.report.appeals] {
        for (r, col) in Template::get(t.layout).table(t.key).cells() {
            out.push(CellRef::new(t.key, r.key, col.key));
        }
    }
    out
}

#[test]
fn seeds_are_consistent_to_begin_with() {
    for p in CONSISTENT {
        let c = checked(p);
        let a: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with('A'))
            .collect();
        assert!(a.is_empty(), "seed {p}: {a:?}");
        assert!(
            cells(&c).len() >= 190,
            "seed {p}: tables 三 and 四 not read"
        );
    }
}

#[test]
fn every_cell_changed_in_the_report_is_caught() {
    for p in CONSISTENT {
        let c = checked(p);
        for cell in cells(&c) {
            let v = c
                .report
                .cell(&cell)
                .and_then(|x| x.value)
                .unwrap_or_else(|| panic!("{p}: {cell:?} not read"));
            for delta in [1.0, 2.0, 7.0, -1.0] {
                if v + delta < 0.0 {
                    continue;
                }
                let mut report = c.report.clone();
                let target = report
                    .table_mut(cell.table)
                    .cell_mut(cell.row, cell.column)
                    .expect("cell exists");
                target.value = Some(v + delta);
                let d = run(&Context::new(&c.document, &report));
                assert!(
                    d.iter().any(|d| names(d, &cell)),
                    "seed {p}: {cell:?} {v} → {} not caught: {d:#?}",
                    v + delta
                );
            }
        }
    }
}

#[test]
fn every_cell_changed_in_the_source_text_is_caught() {
    for p in CONSISTENT {
        let c = checked(p);
        for (i, cell) in cells(&c).into_iter().enumerate() {
            let read = c.report.cell(&cell).expect("cell read");
            let span = read
                .span
                .unwrap_or_else(|| panic!("{p}: {cell:?} has no span"));
            let v = read.value.expect("value");
            // Alternate between a bigger figure and a different one of the same width.
            let new = if i % 2 == 0 {
                v + 3.0
            } else if v >= 1.0 {
                v - 1.0
            } else {
                v + 1.0
            };
            let mut text = c.document.text.clone();
            text.replace_range(span.start..span.end, &format!("{}", new as i64));
            let m = check("mutated.txt", text.as_bytes()).expect("mutated text readable");
            let got = m.report.cell(&cell).and_then(|x| x.value);
            assert_eq!(
                got,
                Some(new),
                "seed {p}: edited {cell:?} read back as {got:?}"
            );
            assert!(
                m.diagnostics.iter().any(|d| names(d, &cell)),
                "seed {p}: {cell:?} {v} → {new} in the text not caught"
            );
        }
    }
}
