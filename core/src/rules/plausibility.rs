//! P family: figures that cannot be right for this kind of body.
//!
//! - P001 规章 non-zero for a body that cannot make rules (county, township,
//!   most departments)
//! - P002 document counts that do not add up within the year: documents issued
//!   this year and not repealed must still be in force (in force ≥ issued −
//!   repealed)

use super::text::{agency_kind, AgencyKind};
use super::{cell_at, fmt_num, Context};
use crate::diagnostic::{number, Diagnostic};
use crate::vocab::template::{ColumnKey as C, RowKey as R};
use crate::vocab::template::{Layout, TableKey};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("P001", Warning, "P", "无规章制定权的机关填报了规章", "rules reported by a body that cannot make rules",
        "只有省、自治区、直辖市和设区的市人民政府及国务院部门可以制定规章；县、乡镇和大多数部门的规章栏应为 0。",
        "Only provincial and districted-city governments and State Council departments make rules (规章).",
        "某某区人民政府办公室无规章制定权，表二“规章”“本年制发件数”却填写为 2"),
    rule!("P002", Warning, "P", "规范性文件件数不合常理", "implausible document counts",
        "本年制发且未废止的文件应仍现行有效：现行有效件数不应少于本年制发件数减去本年废止件数。",
        "Documents issued this year and not repealed are still in force: in force ≥ issued − repealed.",
        "行政规范性文件本年制发 5 件、废止 0 件，现行有效却只有 3 件：本年制发且未废止的文件应仍现行有效"),
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
            "P001",
            vec![b()
                .cell(Proactive, R::Rules, C::Issued, "2")
                .cell(Proactive, R::Rules, C::InForce, "2")
                .build()],
        ),
        (
            "P002",
            vec![b()
                .cell(Proactive, R::NormativeDocs, C::Issued, "5")
                .cell(Proactive, R::NormativeDocs, C::Repealed, "0")
                .cell(Proactive, R::NormativeDocs, C::InForce, "3")
                .build()],
        ),
    ]
}

/// True when the named body may make rules (规章): the government of a
/// province, autonomous region, municipality or districted city, and the
/// departments of the State Council.
pub(super) fn can_make_rules(agency: &str) -> bool {
    let n: String = agency.chars().filter(|c| !c.is_whitespace()).collect();
    match agency_kind(&n) {
        AgencyKind::Township => false,
        // Who reports cannot be told: no warning on a guess.
        AgencyKind::Unknown => true,
        AgencyKind::Government => {
            let place = n.trim_end_matches("人民政府");
            !(place.ends_with('县')
                || place.ends_with('区')
                || place.ends_with('旗')
                || place.contains("县级"))
        }
        AgencyKind::Department => {
            n.starts_with("国家")
                || n.starts_with("中华人民共和国")
                || n.starts_with("国务院")
                || (n.ends_with('部')
                    && !n.contains('省')
                    && !n.contains('市')
                    && !n.contains('县')
                    && !n.contains('区'))
        }
    }
}

pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let t = &r.proactive;
    if !t.found {
        return;
    }
    // P001
    if let Some(a) = &r.agency {
        if !can_make_rules(&a.value) {
            let cols: &[C] = if t.layout == Layout::Y2019 {
                &[C::Made, C::Published, C::TotalPublished]
            } else {
                &[C::Issued, C::Repealed, C::InForce]
            };
            for &col in cols {
                let Some(v) = t.value(R::Rules, col) else {
                    continue;
                };
                if v > 0.0 {
                    let cl = super::column_label(TableKey::Proactive, t.layout, col);
                    out.push(
                        finding(
                            "P001",
                            cell_at(TableKey::Proactive, R::Rules, col),
                            format!(
                                "{}无规章制定权，表二“{}”“{cl}”却填写为 {}",
                                a.value,
                                super::row_label(TableKey::Proactive, t.layout, R::Rules),
                                fmt_num(v)
                            ),
                            format!(
                                "{} cannot make rules (规章), yet table 二 reports {} ({})",
                                a.value,
                                fmt_num(v),
                                super::column_label_en(TableKey::Proactive, t.layout, col)
                            ),
                        )
                        .with_expected(0)
                        .with_actual(number(v)),
                    );
                }
            }
        }
    }
    // P002
    if t.layout != Layout::Y2019 {
        for row in [R::Rules, R::NormativeDocs] {
            let (Some(i), Some(x), Some(f)) = (
                t.value(row, C::Issued),
                t.value(row, C::Repealed),
                t.value(row, C::InForce),
            ) else {
                continue;
            };
            if f < i - x {
                let rl = super::row_label(TableKey::Proactive, t.layout, row);
                out.push(
                    finding(
                        "P002",
                        cell_at(TableKey::Proactive, row, C::InForce),
                        format!("{rl}本年制发 {} 件、废止 {} 件，现行有效却只有 {} 件：本年制发且未废止的文件应仍现行有效", fmt_num(i), fmt_num(x), fmt_num(f)),
                        format!("{}: {} issued and {} repealed this year, but only {} in force; documents issued this year and not repealed are still in force", super::row_label_en(TableKey::Proactive, t.layout, row), fmt_num(i), fmt_num(x), fmt_num(f)),
                    )
                    .with_related([cell_at(TableKey::Proactive, row, C::Issued), cell_at(TableKey::Proactive, row, C::Repealed)])
                    .with_expected(number(i - x))
                    .with_actual(number(f)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean, Builder};
    use crate::vocab::template::TableKey::*;

    #[test]
    fn who_can_make_rules() {
        assert!(can_make_rules("淮安市人民政府"));
        assert!(can_make_rules("山东省人民政府"));
        assert!(!can_make_rules("博爱县人民政府"));
        assert!(!can_make_rules("博山区人民政府办公室"));
        assert!(!can_make_rules("某某镇人民政府"));
        assert!(can_make_rules("国家发展和改革委员会"));
    }

    #[test]
    fn pass_clean_report() {
        assert!(clean().run(check).is_empty());
        let f = Builder::new()
            .agency("淮安市人民政府")
            .cell(Proactive, R::Rules, C::Issued, "2")
            .cell(Proactive, R::Rules, C::InForce, "2")
            .build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn fail_p001_district_office_reports_rules() {
        let f = Builder::new()
            .cell(Proactive, R::Rules, C::Issued, "2")
            .cell(Proactive, R::Rules, C::InForce, "2")
            .build();
        let d = f.run(check);
        assert_eq!(d.len(), 2);
        assert_eq!(
            d[0].message,
            "某某区人民政府办公室无规章制定权，表二“规章”“本年制发件数”却填写为 2"
        );
    }

    #[test]
    fn fail_p002_fewer_in_force_than_issued() {
        let f = Builder::new()
            .cell(Proactive, R::NormativeDocs, C::InForce, "1")
            .build();
        let d = f.run(check);
        assert_eq!(d.iter().map(|d| d.rule).collect::<Vec<_>>(), ["P002"]);
        assert_eq!(d[0].expected, Some(2.into()));
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .cell(Proactive, R::Rules, C::Issued, "1")
            .cell(Proactive, R::NormativeDocs, C::InForce, "0")
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
