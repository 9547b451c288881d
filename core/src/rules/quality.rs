//! Q family: content the format asks for.
//!
//! - Q001 (year 2021 or later) 六 says nothing about 信息处理费
//! - Q002 三(六)2 > 0 but 六 never mentions fee notices
//! - Q003 the report of a government itself lacks 工作考核、社会评议和责任追究

use super::text::{agency_kind, AgencyKind};
use super::{cell_at, fmt_num, in_section_at, prose, whole, Context};
use crate::diagnostic::{number, Diagnostic, Location};
use crate::search;
use crate::vocab::template::TableKey;
use crate::vocab::template::{ColumnKey as C, RowKey as R};

/// The family's entries of the catalogue ([`super::RULES`]): what each rule
/// checks, and a message it gives as an example.
pub(super) const RULES: &[super::RuleMeta] = &[
    rule!("Q001", Warning, "Q", "未说明信息处理费收取情况", "no statement on information processing fees",
        "2021年及以后的报告，第六部分应说明信息处理费的收取情况（国办函〔2020〕109号），未收取也应写明。",
        "From 2021, section 六 must state whether information processing fees were charged.",
        "第六部分未说明信息处理费的收取情况（国办函〔2020〕109号），未收取也应写明"),
    rule!("Q002", Warning, "Q", "有逾期未缴费不再处理的申请，但未说明收费", "unpaid-fee requests but no word on fee notices",
        "表三“申请人逾期未按收费通知要求缴纳费用”大于0，第六部分却未提及收费通知或信息处理费。",
        "Table 三 counts requests dropped for unpaid fees, but section 六 never mentions fee notices.",
        "表三有 2 件申请因申请人逾期未按收费通知要求缴纳费用而不再处理，但第六部分未提及收费通知或信息处理费"),
    rule!("Q003", Warning, "Q", "政府报告缺少工作考核、社会评议和责任追究情况", "government report lacks assessment, public evaluation and accountability",
        "人民政府（不是部门）的年度报告应写明政府信息公开工作考核、社会评议和责任追究结果情况。",
        "The report of a government itself must state the results of assessment, public evaluation and accountability.",
        "人民政府的年度报告应写明政府信息公开工作考核、社会评议和责任追究结果情况，本报告未提及“工作考核”“社会评议”“责任追究”"),
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
        ("Q001", vec![b().body(6, "（一）建议提案办理情况。本年度无。\n").build()]),
        (
            "Q002",
            vec![b()
                .cell(Requests, R::OtherUnpaidFee, C::NaturalPerson, "2")
                .cell(Requests, R::OtherUnpaidFee, C::Total, "2")
                .body(6, "（一）本年度未产生相关费用，处理费为零。\n")
                .build()],
        ),
        (
            "Q003",
            vec![b()
                .agency("某某县人民政府")
                .body(1, "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。（五）监督保障。\n")
                .build()],
        ),
    ]
}

/// Words that show section 六 states the information processing fee.
const FEE_WORDS: &[&str] = &[
    "信息处理费",
    "处理费",
    "国办函〔2020〕109号",
    "收取费用",
    "收费",
];
/// Words that show section 六 mentions fee notices.
const FEE_NOTICE_WORDS: &[&str] = &["收费通知", "缴费通知", "缴纳费用", "缴费", "信息处理费"];
/// Words of the part of 总体情况 that covers the oversight of the work.
const OVERSIGHT: &[&str] = &["监督保障", "考核", "评议", "责任追究", "监督"];
/// The three things a government must report on.
const ACCOUNTABILITY: &[(&str, &str)] = &[
    ("工作考核", "assessment"),
    ("社会评议", "public evaluation"),
    ("责任追究", "accountability"),
];

fn section_text(ctx: &Context, ordinal: u8) -> Option<(crate::span::Span, String)> {
    let s = ctx.report.section(ordinal)?;
    let text: Vec<&str> = prose(ctx, s.body).into_iter().map(|(_, l)| l).collect();
    Some((s.heading, text.join("\n")))
}

pub(super) fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let six = section_text(ctx, 6);
    // Q001
    if let (Some(y), Some((heading, text))) = (&r.year, &six) {
        if y.value >= 2021 && !search::any(text, FEE_WORDS) {
            out.push(finding(
                "Q001",
                Location::Span(*heading),
                "第六部分未说明信息处理费的收取情况（国办函〔2020〕109号），未收取也应写明",
                "section 六 does not state whether information processing fees were charged; say so even when none were",
            ));
        }
    }
    // Q002
    let unpaid = if r.requests.layout == crate::vocab::template::Layout::Y2019 {
        None
    } else {
        r.requests.value(R::OtherUnpaidFee, C::Total)
    };
    if let (Some(n), Some((_, text))) = (unpaid, &six) {
        if n > 0.0 && !search::any(text, FEE_NOTICE_WORDS) {
            out.push(
                finding(
                    "Q002",
                    cell_at(TableKey::Requests, R::OtherUnpaidFee, C::Total),
                    format!("表三有 {} 件申请因申请人逾期未按收费通知要求缴纳费用而不再处理，但第六部分未提及收费通知或信息处理费", fmt_num(n)),
                    format!("table 三 counts {} requests dropped because the fee was not paid, but section 六 never mentions fee notices", fmt_num(n)),
                )
                .with_actual(number(n)),
            );
        }
    }
    // Q003
    if let Some(a) = &r.agency {
        if agency_kind(&a.value) == AgencyKind::Government {
            let words: Vec<&str> = ACCOUNTABILITY.iter().map(|(w, _)| *w).collect();
            let held = joined_holds(&prose(ctx, whole(ctx.doc)), &words);
            let missing: Vec<_> = ACCOUNTABILITY
                .iter()
                .zip(held)
                .filter(|(_, held)| !held)
                .map(|(w, _)| w)
                .collect();
            if !missing.is_empty() {
                let zh: Vec<String> = missing.iter().map(|(w, _)| format!("“{w}”")).collect();
                let en: Vec<&str> = missing.iter().map(|(_, e)| *e).collect();
                // They belong with the oversight of the work, in 总体情况.
                out.push(finding(
                    "Q003",
                    in_section_at(ctx, 1, OVERSIGHT),
                    format!("人民政府的年度报告应写明政府信息公开工作考核、社会评议和责任追究结果情况，本报告未提及{}", zh.join("")),
                    format!("the report of a government must state the results of assessment, public evaluation and accountability; it does not mention {}", en.join(", ")),
                ));
            }
        }
    }
}

/// For each of `words`, whether the lines put together in order, with
/// nothing between them, hold it. Looked for a line at a time after the end
/// of the lines before it (as many bytes as the longest word, less one), so
/// that the whole is never built: the prose of a text of hundreds of
/// thousands of lines would otherwise be copied once more, whole.
fn joined_holds(lines: &[(crate::span::Span, &str)], words: &[&str]) -> Vec<bool> {
    let keep = words.iter().map(|w| w.len()).max().unwrap_or(1) - 1;
    let mut held = vec![false; words.len()];
    let mut window = String::new();
    for (_, line) in lines {
        window.push_str(line);
        for (h, w) in held.iter_mut().zip(words) {
            *h = *h || search::contains(&window, w);
        }
        if held.iter().all(|h| *h) {
            break;
        }
        // A word found later starts at a character, so only the whole
        // characters of the last `keep` bytes need be kept.
        let mut cut = window.len().saturating_sub(keep);
        while !window.is_char_boundary(cut) {
            cut += 1;
        }
        window.drain(..cut);
    }
    held
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{clean, Builder};
    use crate::vocab::template::TableKey::*;

    fn ids(d: &[Diagnostic]) -> Vec<&'static str> {
        d.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn words_are_found_across_the_lines_they_are_cut_by() {
        let s = crate::span::Span::new(0, 0);
        let lines = [
            (s, "本机关开展工作"),
            (s, "考"),
            (s, "核，责任"),
            (s, "追究。社会评"),
        ];
        assert_eq!(
            joined_holds(&lines, &["工作考核", "责任追究", "社会评议"]),
            [true, true, false]
        );
        assert_eq!(joined_holds(&[], &["工作考核"]), [false]);
    }

    #[test]
    fn pass_clean_report() {
        assert!(clean().run(check).is_empty());
        // Before 2021 no statement on fees is required.
        let f = Builder::new().year(2020).body(6, "无。\n").build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn fail_q001_no_fee_statement() {
        let f = Builder::new()
            .body(6, "（一）建议提案办理情况。本年度无。\n")
            .build();
        assert_eq!(ids(&f.run(check)), ["Q001"]);
    }

    #[test]
    fn fail_q002_unpaid_fee_without_notice() {
        let f = Builder::new()
            .cell(Requests, R::OtherUnpaidFee, C::NaturalPerson, "2")
            .cell(Requests, R::OtherUnpaidFee, C::Total, "2")
            .body(6, "（一）本年度未产生相关费用，处理费为零。\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["Q002"]);
        assert_eq!(d[0].at, cell_at(Requests, R::OtherUnpaidFee, C::Total));
    }

    #[test]
    fn fail_q003_government_without_accountability() {
        let f = Builder::new()
            .agency("某某县人民政府")
            .body(1, "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。（五）监督保障。加强培训。\n")
            .build();
        let d = f.run(check);
        assert_eq!(ids(&d), ["Q003"]);
        assert!(
            d[0].message.ends_with("“工作考核”“社会评议”“责任追究”"),
            "{}",
            d[0].message
        );
        // Placed where the report should say it: the oversight part of
        // 总体情况, not the title that names the government.
        assert_eq!(d[0].at, Location::Span(f.find("（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。（五）监督保障。加强培训。")));
        let f = Builder::new()
            .agency("某某县人民政府")
            .body(
                1,
                "（一）主动公开。\n（二）依申请公开。\n（三）监督保障。加强培训。\n",
            )
            .build();
        assert_eq!(
            f.run(check)[0].at,
            Location::Span(f.find("（三）监督保障。加强培训。"))
        );
        let f = Builder::new()
            .agency("某某县人民政府")
            .body(1, "本年度工作稳步推进。\n")
            .build();
        let heading = f.report.section(1).unwrap().heading;
        assert_eq!(f.run(check)[0].at, Location::Span(heading));
        // A department need not report it.
        let f = Builder::new()
            .body(1, "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。（五）监督保障。\n")
            .build();
        assert!(f.run(check).is_empty());
    }

    #[test]
    fn snapshot_findings() {
        let f = Builder::new()
            .agency("某某县人民政府")
            .body(1, "（五）监督保障。开展社会评议。\n")
            .body(6, "无。\n")
            .build();
        insta::assert_json_snapshot!(f.run(check));
    }
}
