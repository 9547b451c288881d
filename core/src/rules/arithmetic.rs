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
    cell_name, cell_name_en, column_label, column_label_en, finding, fmt_num, row_label,
    row_label_en, sum_value, table_def, Context,
};
use crate::diagnostic::{number, CellRef, Diagnostic, Location};
use crate::report::TableRead;
use crate::template::TableKey;

/// One linear identity: Σ coef·cell = 0.
struct Identity<'a> {
    rule: &'static str,
    /// The cell the finding sits on (the total).
    at: CellRef,
    /// (cell, coefficient): +1 on one side, −1 on the other.
    terms: Vec<(CellRef, i8)>,
    /// The message parts, written only when the identity fails.
    expected: f64,
    actual: f64,
    message: Box<dyn Fn() -> (String, String) + 'a>,
}

impl Identity<'_> {
    fn residual(&self, t: &TableRead) -> Option<f64> {
        let mut r = 0.0;
        for (c, k) in &self.terms {
            r += f64::from(*k) * sum_value(t, c.row, c.column)?;
        }
        Some(r)
    }

    fn coef(&self, cell: &CellRef) -> i8 {
        self.terms
            .iter()
            .filter(|(c, _)| c == cell)
            .map(|(_, k)| *k)
            .sum()
    }
}

fn cref(t: &TableRead, row: &'static str, column: &'static str) -> CellRef {
    CellRef::new(t.key, row, column)
}

fn value_list(t: &TableRead, cells: &[CellRef]) -> Vec<String> {
    cells
        .iter()
        .map(|c| fmt_num(sum_value(t, c.row, c.column).unwrap_or(0.0)))
        .collect()
}

/// The identities of table 三.
fn request_identities(t: &TableRead) -> Vec<Identity<'_>> {
    let def = table_def(t);
    let mut out = Vec::new();
    let has = |r: &str| def.row(r).is_some();
    if !(has("new") && has("carried_over") && has("total_processed") && has("carried_forward")) {
        return out;
    }
    let outcome_rows: Vec<&'static str> = def
        .rows
        .iter()
        .filter(|r| r.number.starts_with("三(") && r.key != "total_processed")
        .map(|r| r.key)
        .collect();
    let columns: Vec<&'static str> = def.columns.iter().map(|c| c.key).collect();
    let layout = t.layout;
    let key = t.key;
    for col in &columns {
        let col = *col;
        // A001
        let lhs = [cref(t, "new", col), cref(t, "carried_over", col)];
        let rhs = [
            cref(t, "total_processed", col),
            cref(t, "carried_forward", col),
        ];
        let mut terms: Vec<(CellRef, i8)> = lhs.iter().map(|c| (*c, 1)).collect();
        terms.extend(rhs.iter().map(|c| (*c, -1)));
        let l: f64 = lhs
            .iter()
            .filter_map(|c| sum_value(t, c.row, c.column))
            .sum();
        let r: f64 = rhs
            .iter()
            .filter_map(|c| sum_value(t, c.row, c.column))
            .sum();
        out.push(Identity {
            rule: "A001",
            at: rhs[0],
            terms,
            expected: l,
            actual: r,
            message: Box::new(move || {
                let cl = column_label(key, layout, col);
                let cle = column_label_en(key, layout, col);
                (format!(
                "{cl}一列：{}（{}）+ {}（{}）= {}，而{}（{}）+ {}（{}）= {}，两边应相等（第一项加第二项之和，等于第三项加第四项之和）",
                row_label(key, layout, "new"),
                fmt_num(sum_value(t, "new", col).unwrap_or(0.0)),
                row_label(key, layout, "carried_over"),
                fmt_num(sum_value(t, "carried_over", col).unwrap_or(0.0)),
                fmt_num(l),
                row_label(key, layout, "total_processed"),
                fmt_num(sum_value(t, "total_processed", col).unwrap_or(0.0)),
                row_label(key, layout, "carried_forward"),
                fmt_num(sum_value(t, "carried_forward", col).unwrap_or(0.0)),
                fmt_num(r),
            ), format!(
                "column {cle}: new + carried over = {}, but total handled + carried forward = {}; both sides must be equal",
                fmt_num(l),
                fmt_num(r)
            ))
            }),
        });
        // A002
        let parts: Vec<CellRef> = outcome_rows.iter().map(|r| cref(t, r, col)).collect();
        let total = cref(t, "total_processed", col);
        let mut terms: Vec<(CellRef, i8)> = vec![(total, 1)];
        terms.extend(parts.iter().map(|c| (*c, -1)));
        let sum: f64 = parts
            .iter()
            .filter_map(|c| sum_value(t, c.row, c.column))
            .sum();
        let actual = sum_value(t, total.row, total.column).unwrap_or(0.0);
        out.push(Identity {
            rule: "A002",
            at: total,
            terms,
            expected: sum,
            actual,
            message: Box::new(move || {
                let cl = column_label(key, layout, col);
                let cle = column_label_en(key, layout, col);
                (format!(
                "{cl}一列的{}应为 {}（各项办理结果之和），报告填写为 {}",
                row_label(key, layout, "total_processed"),
                fmt_num(sum),
                fmt_num(actual)
            ), format!(
                "column {cle}: total handled should be {} (the sum of all outcomes), the report says {}",
                fmt_num(sum),
                fmt_num(actual)
            ))
            }),
        });
    }
    // A003
    for row in def.rows {
        let parts: Vec<CellRef> = row
            .columns
            .iter()
            .filter(|c| **c != "total")
            .map(|c| cref(t, row.key, c))
            .collect();
        if !row.columns.contains(&"total") {
            continue;
        }
        let total = cref(t, row.key, "total");
        let mut terms: Vec<(CellRef, i8)> = vec![(total, 1)];
        terms.extend(parts.iter().map(|c| (*c, -1)));
        let sum: f64 = parts
            .iter()
            .filter_map(|c| sum_value(t, c.row, c.column))
            .sum();
        let actual = sum_value(t, total.row, total.column).unwrap_or(0.0);
        out.push(Identity {
            rule: "A003",
            at: total,
            terms,
            expected: sum,
            actual,
            message: Box::new(move || {
                (
                    format!(
                        "{}一行的总计应为 {}（{}），报告填写为 {}",
                        row_label(key, layout, row.key),
                        fmt_num(sum),
                        value_list(t, &parts).join("+"),
                        fmt_num(actual)
                    ),
                    format!(
                        "row {}: the total should be {} ({}), the report says {}",
                        row_label_en(key, layout, row.key),
                        fmt_num(sum),
                        value_list(t, &parts).join("+"),
                        fmt_num(actual)
                    ),
                )
            }),
        });
    }
    out
}

/// The identities of table 四.
fn appeal_identities(t: &TableRead) -> Vec<Identity<'_>> {
    let def = table_def(t);
    let mut out = Vec::new();
    for row in def.rows {
        if !row.columns.contains(&"total") {
            continue;
        }
        let parts: Vec<CellRef> = row
            .columns
            .iter()
            .filter(|c| **c != "total")
            .map(|c| cref(t, row.key, c))
            .collect();
        let total = cref(t, row.key, "total");
        let mut terms: Vec<(CellRef, i8)> = vec![(total, 1)];
        terms.extend(parts.iter().map(|c| (*c, -1)));
        let sum: f64 = parts
            .iter()
            .filter_map(|c| sum_value(t, c.row, c.column))
            .sum();
        let actual = sum_value(t, total.row, total.column).unwrap_or(0.0);
        out.push(Identity {
            rule: "A004",
            at: total,
            terms,
            expected: sum,
            actual,
            message: Box::new(move || {
                (
                    format!(
                        "{}总计应为 {}（{}），报告填写为 {}",
                        row_label(t.key, t.layout, row.key),
                        fmt_num(sum),
                        value_list(t, &parts).join("+"),
                        fmt_num(actual)
                    ),
                    format!(
                        "{}: the total should be {} ({}), the report says {}",
                        row_label_en(t.key, t.layout, row.key),
                        fmt_num(sum),
                        value_list(t, &parts).join("+"),
                        fmt_num(actual)
                    ),
                )
            }),
        });
    }
    out
}

const EPS: f64 = 1e-9;

fn evaluate(t: &TableRead, identities: Vec<Identity<'_>>, out: &mut Vec<Diagnostic>) {
    if !t.found {
        return;
    }
    let residuals: Vec<Option<f64>> = identities.iter().map(|i| i.residual(t)).collect();
    let failing: Vec<usize> = residuals
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_some_and(|r| r.abs() > EPS))
        .map(|(i, _)| i)
        .collect();
    for &i in &failing {
        let id = &identities[i];
        let resid = residuals[i].unwrap_or(0.0);
        // A single cell that would reconcile this identity and every other
        // failing identity it shares a cell with, without breaking one that holds.
        let mut hint: Option<(CellRef, f64, usize)> = None;
        for (cell, k) in &id.terms {
            let k = f64::from(*k);
            let delta = -resid / k;
            let Some(current) = sum_value(t, cell.row, cell.column) else {
                continue;
            };
            let mut fixes_others = 0;
            let mut ok = true;
            for (j, other) in identities.iter().enumerate() {
                if j == i {
                    continue;
                }
                let c = f64::from(other.coef(cell));
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
        let (mut zh, mut en) = (id.message)();
        match hint {
            Some((cell, v, n)) => {
                zh.push_str(&format!(
                    "。若将 {} 改为 {}，则{}处均平衡",
                    cell_name(t, cell.row, cell.column),
                    fmt_num(v),
                    if n == 1 {
                        "两".to_string()
                    } else {
                        crate::numerals::to_chinese((n + 1) as u64)
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
        let mut d = finding(id.rule, Location::Cell(id.at), zh, en)
            .with_related(id.terms.iter().map(|(c, _)| Location::Cell(*c)))
            .with_expected(number(id.expected))
            .with_actual(number(id.actual));
        d.related.dedup();
        out.push(d);
    }
}

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
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
    use crate::template::{Layout, TableKey::*};

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
            .cell(Appeals, "litigation_direct", "upheld", "/")
            .build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn pass_missing_cell_skips_its_sums() {
        let f = Builder::new()
            .missing(Appeals, "review", "upheld")
            .missing(Requests, "disclosed", "natural_person")
            .build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn fail_a004_total_without_parts() {
        let f = Builder::new()
            .cell(Appeals, "litigation_after_review", "total", "1")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["A004"]);
        assert_eq!(d[0].message, "行政诉讼（复议后起诉）总计应为 0（0+0+0+0），报告填写为 1。仅凭报告无法判断是总计填错还是某一分项填错");
        assert_eq!(
            d[0].at,
            crate::rules::cell_at(Appeals, "litigation_after_review", "total")
        );
        assert_eq!(d[0].related.len(), 5);
        assert_eq!(d[0].expected, Some(0.into()));
        assert_eq!(d[0].actual, Some(1.into()));
    }

    #[test]
    fn fail_crossing_identities_name_the_reconciling_cell() {
        // 自然人/予以公开 8 → 7: its row (A003) and its column (A002) fail.
        let f = Builder::new()
            .cell(Requests, "disclosed", "natural_person", "7")
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
                "disclosed",
                "natural_person"
            )));
        }
    }

    #[test]
    fn fail_a001_carried_forward() {
        let f = Builder::new()
            .cell(Requests, "carried_forward", "natural_person", "2")
            .cell(Requests, "carried_forward", "total", "2")
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
            .cell(Requests, "other", "commercial", "1")
            .cell(Requests, "other", "total", "1")
            .build();
        assert!(f.run(check).is_empty(), "{:?}", f.run(check));
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .cell(Requests, "disclosed", "natural_person", "7")
            .cell(Appeals, "litigation_after_review", "total", "1")
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
