//! A family: the sums of tables 三 and 四.
//!
//! - A001 table 三, per column: 一 + 二 = 三(七) + 四
//! - A002 table 三, per column: 三(七) = sum of the outcome rows 三(一)…三(六)
//! - A003 table 三, per row: 总计 = the six applicant columns
//! - A004 table 四, per group: 总计 = 维持 + 纠正 + 其他 + 尚未审结
//!
//! Blank cells count as 0 (N002 reports them); an identity that involves a
//! missing or unreadable cell is skipped (F003/N001 report those). The report
//! itself cannot tell which cell of a failed sum is wrong, so every finding
//! points at the total and names all its parts; where a row sum and a column
//! sum fail at the same time and one cell would reconcile both, the findings
//! say so.

use super::{
    cell_name, cell_name_en, column_label, column_label_en, counted, fmt_num, row_label,
    row_label_en, table_def, Context,
};
use crate::diagnostic::{number, CellRef, Diagnostic, Location};
use crate::report::TableRead;
use crate::vocab::template::TableKey;
use crate::vocab::template::{ColumnKey as C, RowKey as R};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("A001", Error, "A", "表三勾稽关系不平衡（一+二=三+四）", "table 三: new + carried over ≠ handled + carried forward",
        "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理。报告本身无法判断哪一格有误，故同时指出参与计算的各格。",
        "Table 三, per column: new + carried over = total handled + carried forward.",
        "自然人一列：本年新收政府信息公开申请数量（10）+ 上年结转政府信息公开申请数量（1）= 11，而三(七) 总计（10）+ 结转下年度继续办理（2）= 12，两边应相等（第一项加第二项之和，等于第三项加第四项之和）。仅凭报告无法判断是总计填错还是某一分项填错"),
    rule!("A002", Error, "A", "表三办理结果总计与各项之和不符", "table 三: total handled ≠ sum of outcomes",
        "表三每一列：三(七)总计 = 三(一)至三(六)各项办理结果之和。",
        "Table 三, per column: 三(七) total equals the sum of all outcome rows.",
        "自然人一列的三(七) 总计应为 10（各项办理结果之和），报告填写为 11。仅凭报告无法判断是总计填错还是某一分项填错"),
    rule!("A003", Error, "A", "表三行总计与各类申请人之和不符", "table 三: row total ≠ sum of applicants",
        "表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。",
        "Table 三, per row: total = natural persons + the five kinds of organisations.",
        "予以公开一行的总计应为 9（8+1+0+0+0+0），报告填写为 10。若将 总计/予以公开 改为 9，则两处均平衡"),
    rule!("A004", Error, "A", "表四总计与各项之和不符", "table 四: total ≠ sum of results",
        "表四每一组（行政复议、未经复议直接起诉、复议后起诉）：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。",
        "Table 四, per group: total = upheld + corrected + other + pending.",
        "行政诉讼（复议后起诉）总计应为 0（0+0+0+0），报告填写为 1。仅凭报告无法判断是总计填错还是某一分项填错"),
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
            "A001",
            vec![requests_with(
                b(),
                &[
                    (R::CarriedForward, C::NaturalPerson, "2"),
                    (R::CarriedForward, C::Total, "2"),
                ],
            )
            .build()],
        ),
        (
            "A002",
            vec![requests_with(
                b(),
                &[
                    (R::TotalProcessed, C::NaturalPerson, "11"),
                    (R::TotalProcessed, C::Total, "13"),
                    (R::New, C::NaturalPerson, "11"),
                    (R::New, C::Total, "13"),
                ],
            )
            .build()],
        ),
        (
            "A003",
            vec![requests_with(b(), &[(R::Disclosed, C::Total, "10")]).build()],
        ),
        (
            "A004",
            vec![b()
                .cell(Appeals, R::LitigationAfterReview, C::Total, "1")
                .build()],
        ),
    ]
}

/// What an identity sums, for its message.
#[derive(Clone, Copy)]
enum Shape {
    /// A001 in a column: new + carried over = handled + carried forward.
    Balance(C),
    /// A002 in a column: handled = the outcome rows.
    Outcomes(C),
    /// A003 in a row of table 三: total = the applicant columns.
    RequestRow(R),
    /// A004 in a group of table 四: total = its outcomes.
    AppealGroup(R),
}

/// One linear identity: Σ coef·cell = 0, its terms a range of the shared list.
struct Identity {
    rule: &'static str,
    /// The cell the finding sits on (the total).
    at: CellRef,
    shape: Shape,
    terms: std::ops::Range<usize>,
}

/// The identities of a table, their terms in one list: (cell, coefficient,
/// value), the coefficient +1 on one side and −1 on the other, the value as
/// the sums read it (a blank cell 0, an unreadable one none).
struct Identities {
    terms: Vec<(CellRef, i8, Option<f64>)>,
    list: Vec<Identity>,
}

impl Identities {
    /// Room for the identities of a table like `t`: each cell takes part in
    /// a row sum, and in table 三 in two column sums too.
    fn for_table(t: &TableRead) -> Self {
        let def = table_def(t);
        let cells: usize = def.rows.iter().map(|r| r.columns.len()).sum();
        Identities {
            terms: Vec::with_capacity(cells * 2 + def.columns.len() * 4),
            list: Vec::with_capacity(def.rows.len() + def.columns.len() * 2),
        }
    }

    /// An identity of `terms`: each cell, its sign and what it counts for in
    /// sums, read by the caller.
    fn push(
        &mut self,
        rule: &'static str,
        shape: Shape,
        terms: impl IntoIterator<Item = (CellRef, i8, Option<f64>)>,
    ) {
        let from = self.terms.len();
        self.terms.extend(terms);
        let terms = from..self.terms.len();
        // the total: the first term subtracted for a balance, the first otherwise
        let at = match shape {
            Shape::Balance(_) => self.terms[from + 2].0,
            _ => self.terms[from].0,
        };
        self.list.push(Identity {
            rule,
            at,
            shape,
            terms,
        });
    }

    fn terms(&self, i: &Identity) -> &[(CellRef, i8, Option<f64>)] {
        &self.terms[i.terms.clone()]
    }

    fn residual(&self, i: &Identity) -> Option<f64> {
        let mut r = 0.0;
        for (_, k, v) in self.terms(i) {
            r += f64::from(*k) * (*v)?;
        }
        Some(r)
    }

    fn coef(&self, i: &Identity, cell: &CellRef) -> i8 {
        self.terms(i)
            .iter()
            .filter(|(c, ..)| c == cell)
            .map(|(_, k, _)| *k)
            .sum()
    }

    /// The sum of one side's terms (unreadable ones left out).
    fn side(&self, i: &Identity, sign: i8) -> f64 {
        self.terms(i)
            .iter()
            .filter(|(_, k, _)| *k == sign)
            .filter_map(|(.., v)| *v)
            .sum()
    }

    /// (expected, actual): for a balance the two sides; for a total the sum
    /// of its parts and the total as written.
    fn expected_actual(&self, i: &Identity) -> (f64, f64) {
        match i.shape {
            Shape::Balance(_) => (self.side(i, 1), self.side(i, -1)),
            _ => (self.side(i, -1), self.side(i, 1)),
        }
    }

    /// The finding's words, Chinese and English.
    fn message(&self, t: &TableRead, i: &Identity) -> (String, String) {
        let (key, layout) = (t.key, t.layout);
        let (expected, actual) = self.expected_actual(i);
        let (sum, actual) = (fmt_num(expected), fmt_num(actual));
        let value = |n: usize| fmt_num(self.terms(i)[n].2.unwrap_or(0.0));
        let parts = || {
            self.terms(i)[1..]
                .iter()
                .map(|(.., v)| fmt_num(v.unwrap_or(0.0)))
                .collect::<Vec<_>>()
                .join("+")
        };
        match i.shape {
            Shape::Balance(col) => (
                format!(
                    "{}一列：{}（{}）+ {}（{}）= {sum}，而{}（{}）+ {}（{}）= {actual}，两边应相等（第一项加第二项之和，等于第三项加第四项之和）",
                    column_label(key, layout, col),
                    row_label(key, layout, R::New),
                    value(0),
                    row_label(key, layout, R::CarriedOver),
                    value(1),
                    row_label(key, layout, R::TotalProcessed),
                    value(2),
                    row_label(key, layout, R::CarriedForward),
                    value(3),
                ),
                format!(
                    "column {}: new + carried over = {sum}, but total handled + carried forward = {actual}; both sides must be equal",
                    column_label_en(key, layout, col),
                ),
            ),
            Shape::Outcomes(col) => (
                format!(
                    "{}一列的{}应为 {sum}（各项办理结果之和），报告填写为 {actual}",
                    column_label(key, layout, col),
                    row_label(key, layout, R::TotalProcessed),
                ),
                format!(
                    "column {}: total handled should be {sum} (the sum of all outcomes), the report says {actual}",
                    column_label_en(key, layout, col),
                ),
            ),
            Shape::RequestRow(row) => {
                let parts = parts();
                (
                    format!(
                        "{}一行的总计应为 {sum}（{parts}），报告填写为 {actual}",
                        row_label(key, layout, row),
                    ),
                    format!(
                        "row {}: the total should be {sum} ({parts}), the report says {actual}",
                        row_label_en(key, layout, row),
                    ),
                )
            }
            Shape::AppealGroup(row) => {
                let parts = parts();
                (
                    format!(
                        "{}总计应为 {sum}（{parts}），报告填写为 {actual}",
                        row_label(key, layout, row),
                    ),
                    format!(
                        "{}: the total should be {sum} ({parts}), the report says {actual}",
                        row_label_en(key, layout, row),
                    ),
                )
            }
        }
    }
}

fn cref(t: &TableRead, row: R, column: C) -> CellRef {
    CellRef::new(t.key, row, column)
}

/// Total = the row's other columns, for each row that has a total.
fn row_totals(t: &TableRead, rule: &'static str, shape: fn(R) -> Shape, ids: &mut Identities) {
    // A row's cells are one after another in the table, in template order:
    // each is read at its place, without a look-up by its keys.
    let def = table_def(t);
    for (row, first) in def.rows.iter().zip(def.row_starts()) {
        let columns = row.columns;
        let Some(total) = columns.iter().position(|c| *c == C::Total) else {
            continue;
        };
        let term = |k: usize, sign: i8| {
            let cell = t.cell_in_place(first + k, row.key, columns[k]);
            (cref(t, row.key, columns[k]), sign, cell.and_then(counted))
        };
        let parts = (0..columns.len())
            .filter(|&k| k != total)
            .map(|k| term(k, -1));
        ids.push(
            rule,
            shape(row.key),
            std::iter::once(term(total, 1)).chain(parts),
        );
    }
}

/// The identities of table 三.
fn request_identities(t: &TableRead) -> Identities {
    let def = table_def(t);
    let mut ids = Identities::for_table(t);
    let index = |r: R| def.rows.iter().position(|d| d.key == r);
    let (Some(new), Some(carried_over), Some(processed), Some(carried_forward)) = (
        index(R::New),
        index(R::CarriedOver),
        index(R::TotalProcessed),
        index(R::CarriedForward),
    ) else {
        return ids;
    };
    let outcomes: Vec<usize> = (0..def.rows.len())
        .filter(|&ri| def.rows[ri].number.starts_with("三(") && ri != processed)
        .collect();
    // The rows of table 三 share its columns: (row, k-th column) is read at
    // its place, the keys only checked there.
    let starts: Vec<usize> = def.row_starts().collect();
    for (k, col) in def.columns.iter().map(|c| c.key).enumerate() {
        let term = |ri: usize, sign: i8| {
            let row = def.rows[ri].key;
            let cell = t.cell_in_place(starts[ri] + k, row, col);
            (cref(t, row, col), sign, cell.and_then(counted))
        };
        ids.push(
            "A001",
            Shape::Balance(col),
            [
                term(new, 1),
                term(carried_over, 1),
                term(processed, -1),
                term(carried_forward, -1),
            ],
        );
        ids.push(
            "A002",
            Shape::Outcomes(col),
            std::iter::once(term(processed, 1)).chain(outcomes.iter().map(|&ri| term(ri, -1))),
        );
    }
    row_totals(t, "A003", Shape::RequestRow, &mut ids);
    ids
}

/// The identities of table 四.
fn appeal_identities(t: &TableRead) -> Identities {
    let mut ids = Identities::for_table(t);
    row_totals(t, "A004", Shape::AppealGroup, &mut ids);
    ids
}

const EPS: f64 = 1e-9;

fn evaluate(t: &TableRead, ids: Identities, out: &mut Vec<Diagnostic>) {
    if !t.found {
        return;
    }
    let residuals: Vec<Option<f64>> = ids.list.iter().map(|i| ids.residual(i)).collect();
    for (i, id) in ids.list.iter().enumerate() {
        let Some(resid) = residuals[i].filter(|r| r.abs() > EPS) else {
            continue;
        };
        // A single cell that would reconcile this identity and every other
        // failing identity it shares a cell with, without breaking one that holds.
        let mut hint: Option<(CellRef, f64, usize)> = None;
        for (cell, k, current) in ids.terms(id) {
            let k = f64::from(*k);
            let delta = -resid / k;
            let Some(current) = *current else {
                continue;
            };
            let mut fixes_others = 0;
            let mut ok = true;
            for (j, other) in ids.list.iter().enumerate() {
                if j == i {
                    continue;
                }
                let c = f64::from(ids.coef(other, cell));
                if c == 0.0 {
                    continue;
                }
                let Some(r) = residuals[j] else { continue };
                if (r + c * delta).abs() > EPS {
                    ok = false;
                    break;
                }
                if r.abs() > EPS {
                    fixes_others += 1;
                }
            }
            if ok && fixes_others > 0 && current + delta >= 0.0 && hint.is_none() {
                hint = Some((*cell, current + delta, fixes_others));
            }
        }
        let (mut zh, mut en) = ids.message(t, id);
        match hint {
            Some((cell, v, n)) => {
                zh.push_str(&format!(
                    "。若将 {} 改为 {}，则{}处均平衡",
                    cell_name(t, cell.row, cell.column),
                    fmt_num(v),
                    if n == 1 {
                        "两".to_string()
                    } else {
                        crate::vocab::numerals::to_chinese((n + 1) as u64)
                    }
                ));
                en.push_str(&format!(
                    ". Changing {} to {} would balance all {} sums",
                    cell_name_en(t, cell.row, cell.column),
                    fmt_num(v),
                    n + 1
                ));
            }
            None => {
                zh.push_str("。仅凭报告无法判断是总计填错还是某一分项填错");
                en.push_str(
                    ". The report alone cannot tell whether the total or one of its parts is wrong",
                );
            }
        }
        let (expected, actual) = ids.expected_actual(id);
        let mut d = finding(id.rule, Location::Cell(id.at), zh, en)
            .with_related(ids.terms(id).iter().map(|(c, ..)| Location::Cell(*c)))
            .with_expected(number(expected))
            .with_actual(number(actual));
        d.related.dedup();
        out.push(d);
    }
}

pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if r.requests.key == TableKey::Requests {
        evaluate(&r.requests, request_identities(&r.requests), out);
    }
    evaluate(&r.appeals, appeal_identities(&r.appeals), out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean, Builder};
    use crate::vocab::template::{Layout, TableKey::*};

    fn ids(d: &[Diagnostic]) -> Vec<&'static str> {
        d.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn pass_clean_report() {
        assert!(clean().run(check).is_empty());
    }

    #[test]
    fn pass_blank_counts_as_zero() {
        let f = Builder::new()
            .cell(Appeals, R::LitigationDirect, C::Upheld, "/")
            .build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn pass_missing_cell_skips_its_sums() {
        let f = Builder::new()
            .missing(Appeals, R::Review, C::Upheld)
            .missing(Requests, R::Disclosed, C::NaturalPerson)
            .build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn fail_a004_total_without_parts() {
        let f = Builder::new()
            .cell(Appeals, R::LitigationAfterReview, C::Total, "1")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["A004"]);
        assert_eq!(d[0].message, "行政诉讼（复议后起诉）总计应为 0（0+0+0+0），报告填写为 1。仅凭报告无法判断是总计填错还是某一分项填错");
        assert_eq!(
            d[0].at,
            crate::rules::cell_at(Appeals, R::LitigationAfterReview, C::Total)
        );
        assert_eq!(d[0].related.len(), 5);
        assert_eq!(d[0].expected, Some(0.into()));
        assert_eq!(d[0].actual, Some(1.into()));
    }

    #[test]
    fn fail_crossing_identities_name_the_reconciling_cell() {
        // 自然人/予以公开 8 → 7: its row (A003) and its column (A002) fail.
        let f = Builder::new()
            .cell(Requests, R::Disclosed, C::NaturalPerson, "7")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["A002", "A003"]);
        for x in &d {
            assert!(
                x.message
                    .contains("若将 自然人/予以公开 改为 8，则两处均平衡"),
                "{}",
                x.message
            );
            assert!(x.related.contains(&crate::rules::cell_at(
                Requests,
                R::Disclosed,
                C::NaturalPerson
            )));
        }
    }

    #[test]
    fn fail_a001_carried_forward() {
        let f = Builder::new()
            .cell(Requests, R::CarriedForward, C::NaturalPerson, "2")
            .cell(Requests, R::CarriedForward, C::Total, "2")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["A001", "A001"]);
        assert!(d[0].message.starts_with("自然人一列："), "{}", d[0].message);
    }

    #[test]
    fn fail_every_cell_of_tables_3_and_4_is_caught() {
        for t in [Requests, Appeals] {
            let def = crate::Template::get(Layout::Y2021).table(t);
            for (r, c) in def.cells() {
                let base = clean();
                let v = base.report.table(t).value(r.key, c.key).unwrap_or(0.0);
                let f = Builder::new()
                    .cell(t, r.key, c.key, &fmt_num(v + 2.0))
                    .build();
                let d = f.run(check);
                let cell = crate::rules::cell_at(t, r.key, c.key);
                assert!(
                    d.iter().any(|d| d.at == cell || d.related.contains(&cell)),
                    "{}/{} not caught",
                    r.key,
                    c.key
                );
            }
        }
    }

    #[test]
    fn layout_2019_uses_the_single_other_row() {
        let f = Builder::new()
            .layout(Layout::Y2019)
            .cell(Requests, R::Other, C::Commercial, "1")
            .cell(Requests, R::Other, C::Total, "1")
            .build();
        assert!(f.run(check).is_empty(), "{:?}", f.run(check));
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .cell(Requests, R::Disclosed, C::NaturalPerson, "7")
            .cell(Appeals, R::LitigationAfterReview, C::Total, "1")
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
