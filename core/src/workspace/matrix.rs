//! The workspace as a whole: agencies × years, who has a report, who has
//! errors and who is missing; the pairs of consecutive years the X rules
//! compare; counts per rule; the medians of the key figures.

use super::decisions::{reconcile, Decision};
use super::figures::{KeyFigures, Medians};
use super::groups::{group, Regrouping};
use super::stored::{DiagnosticView, ResultView};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the workspace keeps of one report for its overview, without its
/// whole result: made once when the result is stored ([`Entry::of`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The report's id in the workspace.
    pub id: u32,
    /// The file's name.
    pub file: String,
    /// The agency as written.
    pub agency: Option<String>,
    /// The year the report is about.
    pub year: Option<i32>,
    /// The file could not be read.
    pub unreadable: bool,
    /// Why (the message in Chinese), when it could not.
    #[serde(default)]
    pub error: Option<String>,
    /// Findings of severity error (with the cross-report findings).
    pub errors: u32,
    /// Findings of severity warning.
    pub warnings: u32,
    /// Findings of severity info.
    pub infos: u32,
    /// Findings per rule.
    pub rules: BTreeMap<String, u32>,
    /// The fingerprints of its findings, the report's own first, then the
    /// cross-report ones.
    pub fingerprints: Vec<String>,
    /// Its key figures.
    pub figures: KeyFigures,
    /// When it was stored (milliseconds since 1970): of two reports of one
    /// agency and year, the later one is the current one (a corrected
    /// version replaces the first).
    pub added: f64,
}

impl Entry {
    /// The entry of a stored result, its cross-report findings and the
    /// fingerprints of both (in that order).
    pub fn of(
        id: u32,
        result: &ResultView,
        cross: &[DiagnosticView],
        fingerprints: Vec<String>,
        added: f64,
    ) -> Entry {
        let mut e = Entry {
            id,
            file: result.file.clone(),
            agency: result.report.as_ref().and_then(|r| r.agency.clone()),
            year: result.report.as_ref().and_then(|r| r.year()),
            unreadable: result.error.is_some() || result.report.is_none(),
            error: result.error.as_ref().map(|e| e.message.clone()),
            fingerprints,
            figures: result
                .report
                .as_ref()
                .map(KeyFigures::of)
                .unwrap_or_default(),
            added,
            ..Entry::default()
        };
        for d in result.diagnostics.iter().chain(cross) {
            match d.severity.as_str() {
                "error" => e.errors += 1,
                "warning" => e.warnings += 1,
                _ => e.infos += 1,
            }
            *e.rules.entry(d.rule.clone()).or_insert(0) += 1;
        }
        e
    }
}

/// How an agency stands for one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellStatus {
    /// No report.
    Missing,
    /// A report with errors.
    Errors,
    /// A report with warnings and no errors.
    Warnings,
    /// A report with neither.
    Clean,
}

/// One agency in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The year.
    pub year: i32,
    /// How it stands.
    pub status: CellStatus,
    /// Every report of the agency for the year, in the order stored.
    pub reports: Vec<u32>,
    /// The current one (the last stored).
    pub current: Option<u32>,
    /// Errors of the current report.
    pub errors: u32,
    /// Warnings of the current report.
    pub warnings: u32,
    /// Findings without a decision.
    pub open: u32,
    /// Findings confirmed.
    pub confirmed: u32,
    /// Findings dismissed.
    pub dismissed: u32,
    /// Decisions whose finding is gone.
    pub resolved: u32,
}

/// One agency's row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The group's key (folded fullest name).
    pub key: String,
    /// The name to show.
    pub name: String,
    /// The names as written.
    pub written: Vec<String>,
    /// Groups it might belong to (see [`super::groups::Group::ambiguous`]).
    pub ambiguous: Vec<String>,
    /// The reviewer changed its grouping.
    pub manual: bool,
    /// One cell per year of [`Matrix::years`].
    pub cells: Vec<Cell>,
    /// Years without a report.
    pub missing: u32,
    /// Errors of its current reports together.
    pub errors: u32,
    /// Warnings of its current reports together.
    pub warnings: u32,
    /// Open findings of its current reports together.
    pub open: u32,
}

/// Two reports of one agency for consecutive years: what the cross-report
/// rules compare.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    /// The agency's group key.
    pub agency: String,
    /// The later year.
    pub year: i32,
    /// The later report.
    pub later: u32,
    /// The earlier report.
    pub earlier: u32,
}

/// How often one rule fires across the workspace's current reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCount {
    /// The rule id.
    pub rule: String,
    /// Its severity in the catalogue (`error`, `warning`, `info`).
    pub severity: String,
    /// Its title (Chinese).
    pub title: String,
    /// Its title (English).
    pub title_en: String,
    /// Its findings.
    pub findings: u32,
    /// Reports with at least one.
    pub reports: u32,
}

/// The overview's first numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Reports stored.
    pub reports: u32,
    /// Reports that count (the current one of each agency and year, and
    /// every report not placed in the matrix).
    pub current: u32,
    /// Current reports with errors.
    pub with_errors: u32,
    /// Current reports with warnings and no errors.
    pub with_warnings: u32,
    /// Files that could not be read.
    pub unreadable: u32,
    /// Reports read but without an agency or a year.
    pub unplaced: u32,
    /// Agencies.
    pub agencies: u32,
    /// Agency-years without a report.
    pub missing: u32,
    /// Open findings of the current reports.
    pub open: u32,
    /// Confirmed findings.
    pub confirmed: u32,
    /// Dismissed findings.
    pub dismissed: u32,
}

/// The agencies × years matrix and what goes with it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    /// The years shown, ascending.
    pub years: Vec<i32>,
    /// The agencies, by name.
    pub rows: Vec<Row>,
    /// Reports read but without an agency or a year.
    pub unplaced: Vec<u32>,
    /// Files that could not be read.
    pub unreadable: Vec<u32>,
    /// Consecutive years of one agency, for the cross-report rules.
    pub pairs: Vec<Pair>,
    /// Findings per rule over the current reports, most first.
    pub rules: Vec<RuleCount>,
    /// The medians of the key figures per year (current reports).
    pub medians: Vec<(i32, Medians)>,
    /// The overview's first numbers.
    pub totals: Totals,
}

/// What to show: the years (all years of the reports when `None`), and the
/// reviewer's grouping.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MatrixOptions {
    /// The years that make the matrix; an agency without a report for one
    /// of them is missing it.
    #[serde(default)]
    pub years: Option<Vec<i32>>,
    /// The reviewer's corrections of the grouping.
    #[serde(default)]
    pub regrouping: Regrouping,
}

/// A decision's report: its agency's group and year, or its file's name.
type Subject<'a> = (Option<usize>, Option<i32>, &'a str);

/// The matrix of the entries, with the decisions made on them.
pub fn matrix(entries: &[Entry], decisions: &[Decision], options: &MatrixOptions) -> Matrix {
    // Group the agencies of the reports and of the decisions together, so
    // that a decision follows its report's group.
    let names: Vec<Option<&str>> = entries
        .iter()
        .map(|e| e.agency.as_deref())
        .chain(decisions.iter().map(|d| d.agency.as_deref()))
        .collect();
    let groups = group(&names, &options.regrouping);
    let (entry_group, decision_group) = groups.of.split_at(entries.len());

    // Decisions by (group, year), or by file.
    let mut by_subject: HashMap<Subject, Vec<&Decision>> = HashMap::new();
    for (d, g) in decisions.iter().zip(decision_group) {
        let key = match (g, d.year) {
            (Some(g), Some(y)) => (Some(*g), Some(y), ""),
            _ => (None, None, d.file.as_str()),
        };
        by_subject.entry(key).or_default().push(d);
    }

    let years: Vec<i32> = match &options.years {
        Some(y) => {
            let set: BTreeSet<i32> = y.iter().copied().collect();
            set.into_iter().collect()
        }
        None => {
            let set: BTreeSet<i32> = entries
                .iter()
                .zip(entry_group)
                .filter(|(e, g)| !e.unreadable && g.is_some())
                .filter_map(|(e, _)| e.year)
                .collect();
            set.into_iter().collect()
        }
    };

    let mut out = Matrix {
        years: years.clone(),
        ..Matrix::default()
    };
    out.totals.reports = entries.len() as u32;

    // Reports per (group, year), in the order stored.
    let mut placed: BTreeMap<(usize, i32), Vec<usize>> = BTreeMap::new();
    let mut unplaced: Vec<usize> = Vec::new();
    for (i, (e, g)) in entries.iter().zip(entry_group).enumerate() {
        if e.unreadable {
            out.unreadable.push(e.id);
            continue;
        }
        match (g, e.year) {
            (Some(g), Some(y)) => placed.entry((*g, y)).or_default().push(i),
            _ => {
                out.unplaced.push(e.id);
                unplaced.push(i);
            }
        }
    }
    out.totals.unreadable = out.unreadable.len() as u32;
    out.totals.unplaced = out.unplaced.len() as u32;

    let mut current: Vec<usize> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut has_reports = vec![false; groups.groups.len()];
    for &(g, _) in placed.keys() {
        has_reports[g] = true;
    }
    for (gi, grp) in groups.groups.iter().enumerate() {
        if !has_reports[gi] {
            continue;
        }
        let mut row = Row {
            key: grp.key.clone(),
            name: grp.name.clone(),
            written: grp.written.clone(),
            ambiguous: grp.ambiguous.clone(),
            manual: grp.manual,
            cells: Vec::new(),
            missing: 0,
            errors: 0,
            warnings: 0,
            open: 0,
        };
        let mut all_years: BTreeSet<i32> = years.iter().copied().collect();
        // A year outside those shown still has its current report counted.
        all_years.extend(
            placed
                .range((gi, i32::MIN)..=(gi, i32::MAX))
                .map(|((_, y), _)| *y),
        );
        let mut current_of_year: BTreeMap<i32, u32> = BTreeMap::new();
        for y in all_years {
            let shown = years.binary_search(&y).is_ok();
            let Some(list) = placed.get(&(gi, y)) else {
                if shown {
                    row.missing += 1;
                    row.cells.push(Cell {
                        year: y,
                        status: CellStatus::Missing,
                        reports: Vec::new(),
                        current: None,
                        errors: 0,
                        warnings: 0,
                        open: 0,
                        confirmed: 0,
                        dismissed: 0,
                        resolved: 0,
                    });
                }
                continue;
            };
            // The current report: the last stored (ties: the later in the list).
            let cur = *list
                .iter()
                .max_by(|&&a, &&b| {
                    entries[a]
                        .added
                        .total_cmp(&entries[b].added)
                        .then(a.cmp(&b))
                })
                .unwrap_or(&list[0]);
            current.push(cur);
            let e = &entries[cur];
            current_of_year.insert(y, e.id);
            let ds = by_subject
                .get(&(Some(gi), Some(y), ""))
                .cloned()
                .unwrap_or_default();
            let r = reconcile(&e.fingerprints, &ds);
            row.errors += e.errors;
            row.warnings += e.warnings;
            row.open += r.open as u32;
            out.totals.open += r.open as u32;
            out.totals.confirmed += r.confirmed as u32;
            out.totals.dismissed += r.dismissed as u32;
            if shown {
                row.cells.push(Cell {
                    year: y,
                    status: if e.errors > 0 {
                        CellStatus::Errors
                    } else if e.warnings > 0 {
                        CellStatus::Warnings
                    } else {
                        CellStatus::Clean
                    },
                    reports: list.iter().map(|&i| entries[i].id).collect(),
                    current: Some(e.id),
                    errors: e.errors,
                    warnings: e.warnings,
                    open: r.open as u32,
                    confirmed: r.confirmed as u32,
                    dismissed: r.dismissed as u32,
                    resolved: r.resolved.len() as u32,
                });
            }
        }
        for (&y, &later) in &current_of_year {
            if let Some(&earlier) = current_of_year.get(&(y - 1)) {
                out.pairs.push(Pair {
                    agency: row.key.clone(),
                    year: y,
                    later,
                    earlier,
                });
            }
        }
        out.totals.missing += row.missing;
        rows.push(row);
    }
    out.totals.agencies = rows.len() as u32;
    out.rows = rows;

    // What counts: the current reports, and reports read but not placed.
    let counted: Vec<usize> = current.iter().chain(&unplaced).copied().collect();
    out.totals.current = counted.len() as u32;
    for &i in &counted {
        let e = &entries[i];
        if e.errors > 0 {
            out.totals.with_errors += 1;
        } else if e.warnings > 0 {
            out.totals.with_warnings += 1;
        }
    }

    // Findings per rule.
    let mut per_rule: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for &i in &counted {
        for (rule, n) in &entries[i].rules {
            let c = per_rule.entry(rule).or_insert((0, 0));
            c.0 += n;
            c.1 += 1;
        }
    }
    out.rules = per_rule
        .into_iter()
        .map(|(rule, (findings, reports))| {
            let meta = crate::rules::RULES.iter().find(|r| r.id == rule);
            RuleCount {
                rule: rule.to_string(),
                severity: meta.map_or("", |m| m.severity.as_str()).to_string(),
                title: meta.map_or("", |m| m.title).to_string(),
                title_en: meta.map_or("", |m| m.title_en).to_string(),
                findings,
                reports,
            }
        })
        .collect();
    out.rules
        .sort_by(|a, b| b.findings.cmp(&a.findings).then(a.rule.cmp(&b.rule)));

    // Medians per year.
    let mut by_year: BTreeMap<i32, Vec<&KeyFigures>> = BTreeMap::new();
    for &i in &current {
        if let Some(y) = entries[i].year {
            by_year.entry(y).or_default().push(&entries[i].figures);
        }
    }
    out.medians = by_year
        .into_iter()
        .map(|(y, f)| (y, Medians::of(f.iter().copied())))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::decisions::Verdict;

    fn seed(prefix: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let name = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|f| f.starts_with(prefix))
            .unwrap();
        std::fs::read_to_string(format!("{dir}{name}")).unwrap()
    }

    fn entry(id: u32, file: &str, text: &str) -> Entry {
        crate::workspace::testing::entry(id, file, text.as_bytes())
    }

    #[test]
    fn agencies_by_years_with_the_missing_and_the_decided() {
        // 博爱县 for 2024 (seed 003, one error) and the same report as if it
        // were 2023's; 博山区 for 2024 only (seed 000, clean).
        let boai = seed("003");
        let boai_2023 = boai.replacen("2024 年政府信息公开", "2023 年政府信息公开", 1);
        let entries = [
            entry(1, "boai-2024.txt", &boai),
            entry(2, "boai-2023.txt", &boai_2023),
            entry(3, "boshan-2024.txt", &seed("000")),
        ];
        assert_eq!(entries[1].year, Some(2023));
        let a004 = entries[0]
            .fingerprints
            .iter()
            .find(|f| f.starts_with("A004"))
            .unwrap()
            .clone();
        let decided = |fp: &str, verdict| Decision {
            agency: Some("博爱县人民政府".into()),
            year: Some(2024),
            file: String::new(),
            fingerprint: fp.into(),
            rule: fp[..4].into(),
            message: String::new(),
            verdict,
            note: String::new(),
            at: 1.0,
        };
        let decisions = [
            decided(&a004, Verdict::Confirmed),
            // A finding an earlier version had and this one has not.
            decided("A001-0123456789abcdef", Verdict::Confirmed),
        ];
        let m = matrix(&entries, &decisions, &MatrixOptions::default());
        assert_eq!(m.years, [2023, 2024]);
        let names: Vec<&str> = m.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["博山区人民政府办公室", "博爱县人民政府"]);
        let boshan = &m.rows[0];
        assert_eq!(boshan.missing, 1);
        assert_eq!(boshan.cells[0].status, CellStatus::Missing);
        assert_eq!(boshan.cells[1].status, CellStatus::Clean);
        let boai = &m.rows[1];
        assert_eq!(boai.missing, 0);
        let y2024 = &boai.cells[1];
        assert_eq!(y2024.status, CellStatus::Errors);
        assert_eq!(y2024.current, Some(1));
        assert_eq!((y2024.confirmed, y2024.resolved), (1, 1));
        assert_eq!(y2024.open as usize, entries[0].fingerprints.len() - 1);
        assert_eq!(
            m.pairs,
            [Pair {
                agency: boai.key.clone(),
                year: 2024,
                later: 1,
                earlier: 2
            }]
        );
        assert_eq!(m.totals.reports, 3);
        assert_eq!(m.totals.missing, 1);
        assert_eq!(m.totals.agencies, 2);
    }
}
