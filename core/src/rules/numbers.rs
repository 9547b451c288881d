//! N family: what each cell holds.
//!
//! - N001 a cell is not a number, is negative (except a 2019 本年增/减), or
//!   has decimals where a count is expected (amounts may have decimals)
//! - N002 a cell is blank or a placeholder (“/”, “-”, “无”): write 0

use super::{
    cell_at, cell_name, cell_name_en, fmt_num, table_def, table_name, table_name_en, Context,
};
use crate::diagnostic::{number, Diagnostic};
use crate::report::CellProblem;
use crate::span::Trim;
use crate::vocab::template::ValueKind;

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("N001", Error, "N", "单元格不是合格的数字", "a cell is not a valid number",
        "单元格内容不是数字、为负数，或件数中出现小数（收费金额可有小数，2019年格式的“本年增/减”可为负数）。",
        "A cell is not a number, is negative, or has decimals where a count is expected.",
        "表三（收到和处理政府信息公开申请情况）“科研机构/予以公开”填写为“约5”，不是数字"),
    rule!("N002", Warning, "N", "单元格空白或为占位符", "a cell is blank or a placeholder",
        "单元格为空，或填写“/”“-”“无”；如无数据应填 0。计算合计时按 0 处理。",
        "A cell is blank or holds “/”, “-”, “无”; 0 should be written. Counted as 0 in sums.",
        "表四（政府信息公开行政复议、行政诉讼情况）“行政复议/其他结果”为“/”，如无数据应填写 0（合计时按 0 计算）"),
];

family_finding!();

/// A hand-made report for each rule of the family that makes it fire: the
/// catalogue's example of the rule must be the message it really gives there
/// (the X rules take two: the later report, then the earlier).
#[cfg(test)]
pub(super) fn examples() -> Vec<(&'static str, Vec<super::testing::Fixture>)> {
    use super::testing::Builder;
    use crate::vocab::template::TableKey::*;
    use crate::vocab::template::{ColumnKey as C, RowKey as R};
    let b = Builder::new;
    vec![
        (
            "N001",
            vec![b().cell(Requests, R::Disclosed, C::Research, "约5").build()],
        ),
        (
            "N002",
            vec![b().cell(Appeals, R::Review, C::Other, "/").build()],
        ),
    ]
}

/// A figure the reader converted into the column's unit (`251000元` in a
/// column of 万元).
fn in_other_unit(c: &crate::report::CellRead) -> bool {
    c.value.is_some()
        && c.reading == crate::diagnostic::Reading::Reconstructed
        && c.raw
            .as_deref()
            .is_some_and(|r| r.trim_ws().ends_with('元') && !r.trim_ws().ends_with("万元"))
}

pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for t in [
        &ctx.report.proactive,
        &ctx.report.requests,
        &ctx.report.appeals,
    ] {
        if !t.found {
            continue;
        }
        let def = table_def(t);
        for c in &t.cells {
            let Some(col) = def.column(c.column) else {
                continue;
            };
            // Most cells are in order: their names are written only for a finding.
            let finding_due = match (c.value, c.problem) {
                (Some(v), _) => {
                    (v < 0.0 && col.kind != ValueKind::Change)
                        || (v.fract() != 0.0 && col.kind != ValueKind::Amount)
                        || in_other_unit(c)
                }
                (None, Some(CellProblem::NotNumber | CellProblem::Blank)) => true,
                _ => false,
            };
            if !finding_due {
                continue;
            }
            let at = cell_at(t.key, c.row, c.column);
            let name = cell_name(t, c.row, c.column);
            let name_en = cell_name_en(t, c.row, c.column);
            let raw = c.raw.clone().unwrap_or_default();
            match (c.value, c.problem) {
                (Some(v), _) => {
                    if v < 0.0 && col.kind != ValueKind::Change {
                        out.push(
                            finding(
                                "N001",
                                at,
                                format!(
                                    "{}“{name}”填写为负数 {}，件数和金额不能为负",
                                    table_name(t.key),
                                    fmt_num(v)
                                ),
                                format!(
                                    "{} “{name_en}” is negative ({}); counts and amounts cannot be",
                                    table_name_en(t.key),
                                    fmt_num(v)
                                ),
                            )
                            .with_actual(number(v)),
                        );
                    } else if v.fract() != 0.0 && col.kind != ValueKind::Amount {
                        out.push(
                            finding(
                                "N001",
                                at,
                                format!(
                                    "{}“{name}”填写为 {}，件数应为整数",
                                    table_name(t.key),
                                    fmt_num(v)
                                ),
                                format!(
                                    "{} “{name_en}” is {}; a count must be a whole number",
                                    table_name_en(t.key),
                                    fmt_num(v)
                                ),
                            )
                            .with_actual(number(v)),
                        );
                    } else if in_other_unit(c) {
                        // Read by converting the unit: the figure is there,
                        // in another unit than the column's.
                        out.push(
                            Diagnostic::new(
                                "N001",
                                crate::diagnostic::Severity::Warning,
                                at,
                                format!(
                                    "{}“{name}”填写为“{raw}”，该列单位为万元，已按 {} 万元读取，请改用万元填写",
                                    table_name(t.key),
                                    fmt_num(v)
                                ),
                                format!(
                                    "{} “{name_en}” is written “{raw}”; the column is in 万元 (10,000 yuan), read as {} 万元: write it in 万元",
                                    table_name_en(t.key),
                                    fmt_num(v)
                                ),
                            )
                            .with_reading(c.reading)
                            .with_expected(number(v))
                            .with_actual(raw.to_string()),
                        );
                    }
                }
                (None, Some(CellProblem::NotNumber)) => out.push(
                    finding(
                        "N001",
                        at,
                        format!(
                            "{}“{name}”填写为“{}”，不是数字",
                            table_name(t.key),
                            raw.trim_ws()
                        ),
                        format!(
                            "{} “{name_en}” holds “{}”, which is not a number",
                            table_name_en(t.key),
                            raw.trim_ws()
                        ),
                    )
                    .with_actual(raw.trim_ws().to_string()),
                ),
                (None, Some(CellProblem::Blank)) => {
                    let shown = if raw.trim_ws().is_empty() {
                        "空白".to_string()
                    } else {
                        format!("“{}”", raw.trim_ws())
                    };
                    let shown_en = if raw.trim_ws().is_empty() {
                        "blank".to_string()
                    } else {
                        format!("“{}”", raw.trim_ws())
                    };
                    out.push(
                        finding(
                            "N002",
                            at,
                            format!("{}“{name}”为{shown}，如无数据应填写 0（合计时按 0 计算）", table_name(t.key)),
                            format!("{} “{name_en}” is {shown_en}; write 0 when there is nothing to count (counted as 0 in sums)", table_name_en(t.key)),
                        )
                        .with_expected(0)
                        .with_actual(raw.trim_ws().to_string()),
                    );
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean, Builder};
    use crate::vocab::template::{ColumnKey as C, RowKey as R};
    use crate::vocab::template::{Layout, TableKey::*};

    #[test]
    fn pass_clean_report_and_fractional_fee() {
        assert!(clean().run(check).is_empty());
    }

    #[test]
    fn pass_negative_change_in_2019_layout() {
        let f = Builder::new()
            .layout(Layout::Y2019)
            .cell(Proactive, R::Licensing, C::Change, "-3")
            .build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn fail_not_a_number_negative_fraction_blank() {
        let f = Builder::new()
            .cell(Requests, R::Disclosed, C::Research, "约5")
            .cell(Requests, R::Disclosed, C::LegalService, "-1")
            .cell(Appeals, R::Review, C::Pending, "1.5")
            .cell(Appeals, R::Review, C::Other, "/")
            .build();
        let d = f.run(check);
        let got: Vec<_> = d.iter().map(|d| (d.rule, d.at)).collect();
        assert_eq!(
            got,
            vec![
                ("N001", cell_at(Requests, R::Disclosed, C::Research)),
                ("N001", cell_at(Requests, R::Disclosed, C::LegalService)),
                ("N002", cell_at(Appeals, R::Review, C::Other)),
                ("N001", cell_at(Appeals, R::Review, C::Pending)),
            ]
        );
        assert!(d[0].message.contains("约5"));
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .cell(Requests, R::Disclosed, C::Research, "约5")
            .cell(Appeals, R::Review, C::Other, "")
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
