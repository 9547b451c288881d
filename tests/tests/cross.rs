//! X rules on two consecutive years of one agency (tests/fixtures/cross).

use nianbao_core::vocab::template::{ColumnKey as C, RowKey as R};
use nianbao_core::{
    check, check_cross, Batch, CellRef, Checked, Location, ReadError, Severity, TableKey,
};
use nianbao_tests::fixture;

fn pair() -> Vec<(String, Result<Checked, ReadError>)> {
    ["cross/boshan-2024.txt", "cross/boshan-2023.txt"]
        .iter()
        .map(|p| {
            let bytes = fixture(p);
            let name = p.trim_start_matches("cross/").to_string();
            let c = check(&name, &bytes);
            (name, c)
        })
        .collect()
}

#[test]
fn each_year_is_consistent_alone() {
    for (name, c) in pair() {
        let c = c.expect("fixture readable");
        let errs: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errs.is_empty(), "{name}: {errs:#?}");
        assert!(c.report.year.is_some(), "{name}: no year");
    }
}

#[test]
fn x001_on_carried_over_of_the_later_year() {
    let files = pair();
    let refs: Vec<_> = files.iter().map(|(_, c)| c.as_ref().ok()).collect();
    let cross = check_cross(&refs);
    let x001: Vec<_> = cross
        .iter()
        .filter(|f| f.diagnostic.rule == "X001")
        .collect();
    let at: Vec<_> = x001.iter().map(|f| f.diagnostic.at).collect();
    let cell = |c| Location::Cell(CellRef::new(TableKey::Requests, R::CarriedOver, c));
    assert_eq!(
        at,
        vec![cell(C::NaturalPerson), cell(C::Total)],
        "{cross:#?}"
    );
    for f in &x001 {
        assert_eq!((f.report, f.other), (0, 1));
        assert_eq!(f.diagnostic.severity, Severity::Warning);
        assert_eq!(f.diagnostic.expected, Some(1.into()));
        assert_eq!(f.diagnostic.actual, Some(2.into()));
    }
    assert!(
        cross.iter().any(|f| f.diagnostic.rule == "X003"),
        "copied text not seen"
    );
    // Reversed order gives the same findings, located in the later report.
    let rev: Vec<_> = refs.iter().rev().copied().collect();
    let again = check_cross(&rev);
    let x: Vec<_> = again
        .iter()
        .filter(|f| f.diagnostic.rule == "X001")
        .collect();
    assert_eq!(x.len(), 2);
    assert!(x.iter().all(|f| f.report == 1 && f.other == 0));
}

#[test]
fn batch_export_carries_the_cross_findings() {
    let files = pair();
    let batch = Batch::new(files.iter().map(|(name, c)| (name.as_str(), c)));
    let json = batch.export().to_json();
    let reports = json["reports"].as_array().expect("reports array");
    assert_eq!(reports.len(), 2);
    let x = json["cross"]
        .as_array()
        .expect("cross array")
        .iter()
        .find(|x| x["rule"] == "X001")
        .expect("X001 exported");
    assert_eq!(x["file"], "boshan-2024.txt");
    assert_eq!(x["other_file"], "boshan-2023.txt");
    assert_eq!(x["severity"], "warning");
    assert_eq!(x["at"]["cell"]["row"], "carried_over");
    assert_eq!(x["at"]["cell"]["table"], "requests");
    assert_eq!(x["expected"], 1);
    assert_eq!(x["actual"], 2);
}
