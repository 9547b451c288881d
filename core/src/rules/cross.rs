//! X family: two reports of one agency for consecutive years.
//!
//! - X001 this year's 上年结转 ≠ last year's 结转下年度继续办理 (per column)
//! - X002 现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止
//! - X003 all table cells identical, or most of the text copied

use super::{
    cell_at, column_label, column_label_en, fmt_num, prose, row_label, row_label_en, sum_value,
    table_def, whole, Context, CrossFinding,
};
use crate::diagnostic::{number, Location};
use crate::vocab::agency;
use crate::vocab::template::{ColumnKey as C, RowKey as R};
use crate::vocab::template::{Layout, TableKey};
use std::collections::{HashMap, HashSet};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("X001", Warning, "X", "上年结转与上年报告的结转下年度不一致", "carried over ≠ last year's carried forward",
        "同一机关相邻两年的报告：本年“上年结转”应等于上一年报告“结转下年度继续办理”（逐列比较）。",
        "Across two reports of one agency: this year's carried over equals last year's carried forward, per column.",
        "本年“上年结转政府信息公开申请数量”（自然人）为 1，而2023年报告“结转下年度继续办理”为 3，两者应相等"),
    rule!("X002", Info, "X", "现行有效件数与上年不衔接", "in force does not follow from last year",
        "相邻两年：本年现行有效件数 = 上年现行有效 + 本年制发 − 本年废止。",
        "Across two years: in force = last year's in force + issued − repealed.",
        "行政规范性文件“现行有效件数”应为 12（上年 10 + 制发 3 − 废止 1），报告填写为 20"),
    rule!("X003", Warning, "X", "与上年报告雷同", "copied from last year's report",
        "相邻两年的报告表格数字完全相同，或正文大部分照抄上年。",
        "Across two years: all table cells identical, or most of the text copied.",
        "本报告三张统计表的数字与2023年报告完全相同，请核实是否照搬上年数据"),
];

family_finding!();

/// A hand-made report for each rule of the family that makes it fire: the
/// catalogue's example of the rule must be the message it really gives there
/// (the X rules take two: the later report, then the earlier).
#[cfg(test)]
pub(super) fn examples() -> Vec<(&'static str, Vec<super::testing::Fixture>)> {
    use super::testing::{requests_with, Builder};
    use crate::vocab::template::TableKey::*;
    use crate::vocab::template::{ColumnKey as C, RowKey as R};
    let b = Builder::new;
    vec![
        (
            "X001",
            vec![
                b().build(),
                requests_with(
                    b().year(2023),
                    &[
                        (R::CarriedForward, C::NaturalPerson, "3"),
                        (R::CarriedForward, C::Total, "3"),
                    ],
                )
                .build(),
            ],
        ),
        (
            "X002",
            vec![
                b().build(),
                b().year(2023)
                    .cell(Proactive, R::NormativeDocs, C::InForce, "10")
                    .build(),
            ],
        ),
        ("X003", vec![b().build(), b().year(2023).build()]),
    ]
}

/// The agency's name in its comparison form ([`agency::fold`]), for matching
/// reports of one body: [`agency::same`] tells the same body named in full or
/// with its place dropped (枣庄市山亭区人民政府办公室 and 山亭区人民政府办公室),
/// 人民政府 or 政府, 办公厅 or 办公室 — the one test the reviewer's workspace
/// groups names by too.
fn agency_key(ctx: &Context) -> Option<String> {
    let k = agency::fold(&ctx.report.agency.as_ref()?.value);
    (!k.is_empty()).then_some(k)
}

pub(super) fn check(reports: &[Option<Context>]) -> Vec<CrossFinding> {
    let mut run = CrossRun::new(
        reports
            .iter()
            .map(|r| r.as_ref().map(|c| Context::new(c.doc, c.report)))
            .collect(),
    );
    while run.step() {}
    run.finish()
}

/// The cross-report rules over many reports, run one later report at a time
/// so that a caller can spread the work (the page runs it in slices between
/// frames; [`check`] runs it whole). Each report's agency and year are worked
/// out once and the reports are listed by year, so that a report is set only
/// against the reports of the year before (not against every report of the
/// batch); each report's sentences are read once, however many reports it is
/// compared with. The findings are those of comparing every report with every
/// other, in the same order: by later report, then by earlier report.
pub struct CrossRun<'a> {
    reports: Vec<Option<Context<'a>>>,
    /// Each report's agency (its comparison form) and year.
    keys: Vec<Option<(String, i32)>>,
    /// The reports read, by year, each list in the order given.
    by_year: HashMap<i32, Vec<usize>>,
    /// Each report's sentences, once read.
    sentences: Vec<Option<Sentences>>,
    next: usize,
    out: Vec<CrossFinding>,
}

impl<'a> CrossRun<'a> {
    /// The run over `reports` (`None`: a file that could not be read), not
    /// yet begun.
    pub fn new(reports: Vec<Option<Context<'a>>>) -> Self {
        let keys: Vec<Option<(String, i32)>> = reports
            .iter()
            .map(|r| {
                let r = r.as_ref()?;
                Some((agency_key(r)?, r.report.year.as_ref()?.value))
            })
            .collect();
        let mut by_year: HashMap<i32, Vec<usize>> = HashMap::new();
        for (j, r) in reports.iter().enumerate() {
            if let Some(year) = r.as_ref().and_then(|r| r.report.year.as_ref()) {
                by_year.entry(year.value).or_default().push(j);
            }
        }
        let sentences = reports.iter().map(|_| None).collect();
        CrossRun {
            reports,
            keys,
            by_year,
            sentences,
            next: 0,
            out: Vec::new(),
        }
    }

    /// How many reports the run goes through, and how many it has.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.reports.len())
    }

    /// Compare the next report with the reports of the year before; false
    /// once every report has been.
    pub fn step(&mut self) -> bool {
        let i = self.next;
        if i >= self.reports.len() {
            return false;
        }
        self.next += 1;
        let CrossRun {
            reports,
            keys,
            by_year,
            sentences,
            out,
            ..
        } = self;
        let (Some(later), Some((agency, year))) = (&reports[i], &keys[i]) else {
            return true;
        };
        let Some(year_before) = year.checked_sub(1).and_then(|y| by_year.get(&y)) else {
            return true;
        };
        for &j in year_before {
            // Its year matched, so it has a key when it names its agency.
            if i == j
                || !keys[j]
                    .as_ref()
                    .is_some_and(|(k, _)| agency::same(k, agency))
            {
                continue;
            }
            let Some(earlier) = &reports[j] else { continue };
            for (k, ctx) in [(i, later), (j, earlier)] {
                if sentences[k].is_none() {
                    sentences[k] = Some(Sentences::of(ctx));
                }
            }
            let (Some(now), Some(before)) = (&sentences[i], &sentences[j]) else {
                continue;
            };
            pair_read(i, later, now, j, earlier, before, out);
        }
        true
    }

    /// The findings, once every report has been compared ([`Self::step`]
    /// gave false): the findings of the reports compared so far otherwise.
    pub fn finish(self) -> Vec<CrossFinding> {
        self.out
    }
}

/// One report's sentences ([`sentences`]), as a list and as a set.
struct Sentences {
    list: Vec<String>,
    set: HashSet<String>,
}

impl Sentences {
    fn of(ctx: &Context) -> Self {
        let list = sentences(ctx);
        let set = list.iter().cloned().collect();
        Sentences { list, set }
    }
}

/// The rules comparing one report (`i`) with the report of the year before
/// (`j`).
pub(super) fn pair(
    i: usize,
    later: &Context,
    j: usize,
    earlier: &Context,
    out: &mut Vec<CrossFinding>,
) {
    let (now, before) = (Sentences::of(later), Sentences::of(earlier));
    pair_read(i, later, &now, j, earlier, &before, out);
}

/// [`pair`] with the two reports' sentences read already.
fn pair_read(
    i: usize,
    later: &Context,
    now: &Sentences,
    j: usize,
    earlier: &Context,
    before: &Sentences,
    out: &mut Vec<CrossFinding>,
) {
    x001(i, later, j, earlier, out);
    x002(i, later, j, earlier, out);
    x003(i, later, now, j, earlier, before, out);
}

fn x001(i: usize, later: &Context, j: usize, earlier: &Context, out: &mut Vec<CrossFinding>) {
    let (now, before) = (&later.report.requests, &earlier.report.requests);
    if !now.found || !before.found {
        return;
    }
    let year = later.report.year.as_ref().map(|y| y.value).unwrap_or(0);
    for col in table_def(now).columns {
        let (Some(a), Some(b)) = (
            sum_value(now, R::CarriedOver, col.key),
            sum_value(before, R::CarriedForward, col.key),
        ) else {
            continue;
        };
        if (a - b).abs() < 1e-9 {
            continue;
        }
        let cl = column_label(TableKey::Requests, now.layout, col.key);
        let d = finding(
            "X001",
            cell_at(TableKey::Requests, R::CarriedOver, col.key),
            format!(
                "本年“{}”（{cl}）为 {}，而{}年报告“{}”为 {}，两者应相等",
                row_label(TableKey::Requests, now.layout, R::CarriedOver),
                fmt_num(a),
                year - 1,
                row_label(TableKey::Requests, before.layout, R::CarriedForward),
                fmt_num(b)
            ),
            format!(
                "carried over this year ({}) is {}, but the {} report carried {} forward; they must be equal",
                column_label_en(TableKey::Requests, now.layout, col.key),
                fmt_num(a),
                year - 1,
                fmt_num(b)
            ),
        )
        .with_expected(number(b))
        .with_actual(number(a));
        out.push(CrossFinding {
            report: i,
            other: j,
            diagnostic: d,
            other_related: vec![cell_at(TableKey::Requests, R::CarriedForward, col.key)],
        });
    }
}

fn x002(i: usize, later: &Context, j: usize, earlier: &Context, out: &mut Vec<CrossFinding>) {
    let (now, before) = (&later.report.proactive, &earlier.report.proactive);
    if !now.found || !before.found || now.layout == Layout::Y2019 || before.layout == Layout::Y2019
    {
        return;
    }
    for row in [R::Rules, R::NormativeDocs] {
        let (Some(last), Some(iss), Some(rep), Some(f)) = (
            before.value(row, C::InForce),
            now.value(row, C::Issued),
            now.value(row, C::Repealed),
            now.value(row, C::InForce),
        ) else {
            continue;
        };
        let expected = last + iss - rep;
        if (expected - f).abs() < 1e-9 {
            continue;
        }
        let rl = row_label(TableKey::Proactive, now.layout, row);
        let d = finding(
            "X002",
            cell_at(TableKey::Proactive, row, C::InForce),
            format!(
                "{rl}“{}”应为 {}（上年 {} + 制发 {} − 废止 {}），报告填写为 {}",
                column_label(TableKey::Proactive, now.layout, C::InForce),
                fmt_num(expected),
                fmt_num(last),
                fmt_num(iss),
                fmt_num(rep),
                fmt_num(f)
            ),
            format!(
                "{}: in force should be {} (last year {} + issued {} − repealed {}), the report says {}",
                row_label_en(TableKey::Proactive, now.layout, row),
                fmt_num(expected),
                fmt_num(last),
                fmt_num(iss),
                fmt_num(rep),
                fmt_num(f)
            ),
        )
        .with_related([cell_at(TableKey::Proactive, row, C::Issued), cell_at(TableKey::Proactive, row, C::Repealed)])
        .with_expected(number(expected))
        .with_actual(number(f));
        out.push(CrossFinding {
            report: i,
            other: j,
            diagnostic: d,
            other_related: vec![cell_at(TableKey::Proactive, row, C::InForce)],
        });
    }
}

/// Sentences of the narrative with digits blanked, so that a text copied with
/// only its years and figures changed still counts as copied.
fn sentences(ctx: &Context) -> Vec<String> {
    let mut out = Vec::new();
    for (_, line) in prose(ctx, whole(ctx.doc)) {
        for s in line.split(['。', '；', '！']) {
            let norm: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| {
                    if c.is_ascii_digit() || crate::vocab::numerals::is_chinese_numeral_char(c) {
                        '#'
                    } else {
                        c
                    }
                })
                .collect();
            if norm.chars().count() >= 12 {
                out.push(norm);
            }
        }
    }
    out
}

/// Share of the later report's sentences found verbatim in the earlier one.
fn copied_share(now: &Sentences, before: &Sentences) -> Option<f64> {
    let now = &now.list;
    if now.len() < 5 {
        return None;
    }
    let same = now.iter().filter(|s| before.set.contains(*s)).count();
    Some(same as f64 / now.len() as f64)
}

fn x003(
    i: usize,
    later: &Context,
    now: &Sentences,
    j: usize,
    earlier: &Context,
    before: &Sentences,
    out: &mut Vec<CrossFinding>,
) {
    let year = later.report.year.as_ref().map(|y| y.value).unwrap_or(0);
    // Identical tables (ignoring tables that are all zero: a body with no
    // requests has identical tables year after year).
    let mut compared = 0;
    let mut nonzero = false;
    let mut identical = true;
    for key in [TableKey::Proactive, TableKey::Requests, TableKey::Appeals] {
        let (a, b) = (later.report.table(key), earlier.report.table(key));
        if !a.found || !b.found || a.layout != b.layout {
            identical = false;
            break;
        }
        for c in &a.cells {
            let (x, y) = (c.value, b.value(c.row, c.column));
            if x != y {
                identical = false;
            }
            if x.is_some_and(|v| v != 0.0) {
                nonzero = true;
            }
            compared += 1;
        }
    }
    if identical && nonzero && compared > 0 {
        out.push(CrossFinding {
            report: i,
            other: j,
            diagnostic: finding(
                "X003",
                Location::Document,
                format!("本报告三张统计表的数字与{}年报告完全相同，请核实是否照搬上年数据", year - 1),
                format!("every figure of the three tables is the same as in the {} report; check that last year's data were not copied", year - 1),
            ),
            other_related: Vec::new(),
        });
    }
    if let Some(share) = copied_share(now, before) {
        if share >= 0.8 {
            let pct = (share * 100.0).round();
            out.push(CrossFinding {
                report: i,
                other: j,
                diagnostic: finding(
                    "X003",
                    Location::Document,
                    format!("本报告正文约 {}% 的句子与{}年报告相同（仅年份或数字不同），请核实是否照抄上年报告", fmt_num(pct), year - 1),
                    format!("about {}% of the sentences are the same as in the {} report (only years or figures differ)", fmt_num(pct), year - 1),
                )
                .with_actual(number(pct)),
                other_related: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::Builder;
    use crate::vocab::template::TableKey::*;

    fn run(
        a: &crate::rules::testing::Fixture,
        b: &crate::rules::testing::Fixture,
    ) -> Vec<CrossFinding> {
        check(&[Some(a.ctx()), Some(b.ctx()), None])
    }

    #[test]
    fn pass_unrelated_or_consistent() {
        let y23 = Builder::new()
            .year(2023)
            .body(1, "二〇二三年的情况。\n")
            .body(5, "问题一。问题二。\n")
            .cell(Proactive, R::NormativeDocs, C::InForce, "18")
            .build();
        let y24 = Builder::new().build();
        assert!(run(&y24, &y23).is_empty(), "{:?}", run(&y24, &y23));
        let other = Builder::new().year(2023).agency("另一个局").build();
        assert!(run(&y24, &other).is_empty());
    }

    #[test]
    fn fail_x001_x002_x003() {
        let y23 = Builder::new()
            .year(2023)
            .cell(Requests, R::CarriedForward, C::NaturalPerson, "3")
            .cell(Requests, R::CarriedForward, C::Total, "3")
            .build();
        let y24 = Builder::new().build();
        let f = run(&y24, &y23);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.diagnostic.rule, f.report, f.other, f.diagnostic.at))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "X001",
                    0,
                    1,
                    cell_at(Requests, R::CarriedOver, C::NaturalPerson)
                ),
                ("X001", 0, 1, cell_at(Requests, R::CarriedOver, C::Total)),
                (
                    "X002",
                    0,
                    1,
                    cell_at(Proactive, R::NormativeDocs, C::InForce)
                ),
                ("X003", 0, 1, Location::Document),
            ]
        );
        assert_eq!(
            f[0].other_related,
            vec![cell_at(Requests, R::CarriedForward, C::NaturalPerson)]
        );
        assert_eq!(f[0].diagnostic.message, "本年“上年结转政府信息公开申请数量”（自然人）为 1，而2023年报告“结转下年度继续办理”为 3，两者应相等");
        assert_eq!(f[2].diagnostic.severity, crate::Severity::Info);
    }

    #[test]
    fn fail_x003_identical_tables() {
        let y23 = Builder::new().year(2023).body(1, "甲。\n").build();
        let y24 = Builder::new().body(5, "乙。\n").build();
        let f = run(&y24, &y23);
        assert!(f
            .iter()
            .any(|f| f.diagnostic.rule == "X003" && f.diagnostic.message.contains("完全相同")));
    }

    #[test]
    fn agencies_match_with_or_without_their_city() {
        let same = |a: Option<&str>, b: &str| a.is_some_and(|a| agency::same_agency(a, b));
        assert!(same(
            Some("枣庄市山亭区人民政府办公室"),
            "山亭区人民政府办公室"
        ));
        assert!(!same(Some("山亭区人民政府办公室"), "山亭区发展和改革局"));
        assert!(!same(Some("人民政府"), "某县人民政府"));
        assert!(!same(None, "某县人民政府"));
        // Two years of one body written two ways are compared.
        let y23 = Builder::new()
            .year(2023)
            .agency("洪泽区人民政府")
            .cell(Requests, R::CarriedForward, C::Total, "2")
            .build();
        let y24 = Builder::new().agency("淮安市洪泽区人民政府").build();
        assert!(run(&y24, &y23).iter().any(|f| f.diagnostic.rule == "X001"));
    }

    /// Two reports paired by hand are compared whatever their names and
    /// years say; unpaired, the same two are not.
    #[test]
    fn a_pair_made_by_hand_is_compared() {
        let earlier = Builder::new()
            .year(2021)
            .agency("某县教育局")
            .cell(Requests, R::CarriedForward, C::Total, "2")
            .build();
        let later = Builder::new().agency("某县人民政府").build();
        assert!(run(&later, &earlier).is_empty());
        let found = crate::rules::run_pair(&later.ctx(), &earlier.ctx());
        assert!(found
            .iter()
            .any(|f| f.diagnostic.rule == "X001" && f.report == 0 && f.other == 1));
    }

    /// The two-year fixture made from seed 000 (tests/fixtures/cross), read and
    /// extracted for real.
    #[test]
    fn snapshot_two_year_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/cross");
        let read = |n: &str| {
            let bytes = std::fs::read(dir.join(n)).expect("fixture");
            crate::check(n, &bytes).expect("fixture readable")
        };
        let (a, b) = (read("boshan-2024.txt"), read("boshan-2023.txt"));
        assert!(
            a.diagnostics.is_empty() && b.diagnostics.is_empty(),
            "{:?}",
            a.diagnostics
        );
        let found = crate::check_cross(&[Some(&a), Some(&b)]);
        insta::assert_json_snapshot!(found);
    }

    #[test]
    fn snapshot_findings() {
        let y23 = Builder::new()
            .year(2023)
            .cell(Requests, R::CarriedForward, C::Total, "2")
            .build();
        let y24 = Builder::new().build();
        insta::assert_json_snapshot!(run(&y24, &y23));
    }
}
