//! The rules on the five seeds: the findings tests/fixtures/seeds/README.md says
//! each must give, and no false errors on the consistent ones.

use nianbao_core::vocab::template::{ColumnKey as C, RowKey as R};
use nianbao_core::{check, CellRef, Checked, Diagnostic, Location, Severity, TableKey};
use nianbao_tests::seed;

fn checked(prefix: &str) -> Checked {
    let (name, bytes) = seed(prefix);
    check(&name, &bytes).unwrap_or_else(|e| panic!("seed {prefix} unreadable: {}", e.message_en))
}

fn of<'a>(c: &'a Checked, rule: &str) -> Vec<&'a Diagnostic> {
    c.diagnostics.iter().filter(|d| d.rule == rule).collect()
}

fn show(c: &Checked) -> String {
    c.diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.rule, d.severity, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_003_a004_on_litigation_after_review_total() {
    let c = checked("003");
    let a004 = of(&c, "A004");
    assert_eq!(a004.len(), 1, "{}", show(&c));
    let d = a004[0];
    assert_eq!(d.severity, Severity::Error);
    let cell = |col| {
        Location::Cell(CellRef::new(
            TableKey::Appeals,
            R::LitigationAfterReview,
            col,
        ))
    };
    assert_eq!(d.at, cell(C::Total));
    for col in [C::Upheld, C::Corrected, C::Other, C::Pending] {
        assert!(
            d.related.contains(&cell(col)),
            "related lacks {col}: {:?}",
            d.related
        );
    }
    assert_eq!(d.expected, Some(0.into()));
    assert_eq!(d.actual, Some(1.into()));
    assert!(
        d.message
            .starts_with("行政诉讼（复议后起诉）总计应为 0（0+0+0+0），报告填写为 1"),
        "{}",
        d.message
    );
}

#[test]
fn seed_003_t001_on_its_12() {
    let c = checked("003");
    let t001 = of(&c, "T001");
    assert_eq!(t001.len(), 1, "{}", show(&c));
    let Location::Span(s) = t001[0].at else {
        panic!("T001 not at a span")
    };
    let figure = c.document.slice(s);
    assert!(
        figure.starts_with("12") && figure.ends_with('件'),
        "at “{figure}”"
    );
    let before = &c.document.text[..s.start];
    assert!(
        before.ends_with("共收到依申请公开件 "),
        "{}",
        &before[before.len().saturating_sub(40)..]
    );
    assert_eq!(t001[0].expected, Some(35.into()));
    assert_eq!(t001[0].actual, Some(12.into()));
}

#[test]
fn heading_numbering_s003_on_001_and_002() {
    let c = checked("001");
    let s003 = of(&c, "S003");
    assert_eq!(s003.len(), 1, "{}", show(&c));
    assert!(
        s003[0].message.contains("第五部分标题"),
        "{}",
        s003[0].message
    );
    let Location::Span(s) = s003[0].at else {
        panic!("S003 not at a span")
    };
    assert_eq!(c.document.slice(s), "存在的主要问题及改进情况");
    let c = checked("002");
    let s003 = of(&c, "S003");
    assert_eq!(s003.len(), 1, "{}", show(&c));
    assert_eq!(s003[0].message, "第六部分标题编号写作“6、”，应为“六、”");
    let Location::Span(s) = s003[0].at else {
        panic!()
    };
    assert!(c.document.slice(s).contains("6、"));
    for p in ["000", "003", "004"] {
        let c = checked(p);
        assert!(of(&c, "S003").is_empty(), "{p}: {}", show(&c));
    }
}

#[test]
fn sub_item_numbering_s004_on_001_and_004() {
    // Each finding sits on the sub-item number that breaks the sequence, inside 六.
    let located = |prefix: &str, message: &str, numeral: &str| {
        let c = checked(prefix);
        let d = of(&c, "S004")
            .into_iter()
            .find(|d| d.message == message)
            .unwrap_or_else(|| panic!("{prefix}: no “{message}”\n{}", show(&c)));
        let Location::Span(s) = d.at else {
            panic!("{prefix}: S004 not at a span")
        };
        assert_eq!(c.document.slice(s), numeral, "{prefix}");
        let six = c
            .report
            .sections
            .iter()
            .find(|x| x.ordinal == 6)
            .expect("section 六");
        assert!(
            six.body.start <= s.start && s.start < six.body.end,
            "{prefix}: S004 outside 六"
        );
    };
    located(
        "001",
        "第六部分的小标题编号从（一）跳到（三），缺少（二）",
        "（三）",
    );
    located(
        "004",
        "第六部分的小标题编号在（三）之后又出现（二），编号重复",
        "(二)",
    );
    for p in ["000", "002", "003"] {
        let c = checked(p);
        assert!(of(&c, "S004").is_empty(), "{p}: {}", show(&c));
    }
}

#[test]
fn no_false_errors_on_consistent_seeds() {
    for p in ["000", "002", "004"] {
        let c = checked(p);
        let bad: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && "ANTF".contains(&d.rule[..1]))
            .collect();
        assert!(bad.is_empty(), "seed {p}:\n{}", show(&c));
    }
}

#[test]
fn text_figures_agree_on_000_002_004() {
    for p in ["000", "002", "004"] {
        let c = checked(p);
        assert!(of(&c, "T001").is_empty(), "seed {p}:\n{}", show(&c));
    }
}

#[test]
fn government_report_003_lacks_accountability_statement() {
    let c = checked("003");
    assert_eq!(of(&c, "Q003").len(), 1, "{}", show(&c));
    // Departments need not state it.
    assert!(of(&checked("000"), "Q003").is_empty());
}

#[test]
fn seed_004_published_in_time() {
    let c = checked("004");
    let p = c.report.published.as_ref().expect("004 has 发文日期");
    assert_eq!(p.value.to_string(), "2025-01-15");
    assert!(of(&c, "T003").is_empty(), "{}", show(&c));
}

/// Every finding on every seed, by rule and severity: nothing more, nothing less.
#[test]
fn all_findings_on_the_seeds() {
    let expected: &[(&str, &[(&str, Severity)])] = &[
        ("000", &[]),
        (
            "001",
            &[("S003", Severity::Warning), ("S004", Severity::Warning)],
        ),
        ("002", &[("S003", Severity::Warning)]),
        (
            "003",
            &[
                ("A004", Severity::Error),
                ("T001", Severity::Warning),
                ("Q003", Severity::Warning),
            ],
        ),
        ("004", &[("S004", Severity::Warning)]),
    ];
    for (p, want) in expected {
        let c = checked(p);
        let got: Vec<_> = c.diagnostics.iter().map(|d| (d.rule, d.severity)).collect();
        assert_eq!(&got, want, "seed {p}:\n{}", show(&c));
    }
}

/// A seed with one piece of its text replaced, checked again.
fn edited(prefix: &str, from: &str, to: &str) -> Checked {
    let (name, bytes) = seed(prefix);
    let text = String::from_utf8(bytes).expect("seed is UTF-8");
    assert!(text.contains(from), "seed {prefix} lacks “{from}”");
    let text = text.replacen(from, to, 1);
    check(&name, text.as_bytes()).expect("edited seed readable")
}

#[test]
fn text_figure_in_chinese_numerals() {
    let c = edited(
        "002",
        "新受理政府信息公开申请103件",
        "新受理政府信息公开申请一百零三件",
    );
    assert!(of(&c, "T001").is_empty(), "{}", show(&c));
    let c = edited(
        "002",
        "新受理政府信息公开申请103件",
        "新受理政府信息公开申请一百零二件",
    );
    let t = of(&c, "T001");
    assert_eq!(t.len(), 1, "{}", show(&c));
    let Location::Span(s) = t[0].at else { panic!() };
    assert_eq!(c.document.slice(s), "一百零二件");
    assert_eq!(t[0].expected, Some(103.into()));
}

#[test]
fn text_figures_of_appeals_and_carry_forward() {
    let c = edited("002", "行政诉讼5件", "行政诉讼6件");
    assert_eq!(of(&c, "T001").len(), 1, "{}", show(&c));
    let c = edited("002", "继续办理2件", "继续办理3件");
    assert_eq!(of(&c, "T001").len(), 1, "{}", show(&c));
    let c = edited(
        "000",
        "共收到政府信息公开申请8件",
        "共收到政府信息公开申请9件",
    );
    assert_eq!(of(&c, "T001").len(), 1, "{}", show(&c));
}

#[test]
fn carried_forward_to_the_wrong_year() {
    let c = edited("002", "结转到2025年", "结转到2024年");
    let t = of(&c, "T002");
    assert_eq!(t.len(), 1, "{}", show(&c));
    assert_eq!(t[0].severity, Severity::Error);
    assert_eq!(t[0].expected, Some(2025.into()));
}

#[test]
fn published_too_late() {
    let c = edited("004", "2025-01-15", "2025-02-15");
    let t = of(&c, "T003");
    assert_eq!(t.len(), 1, "{}", show(&c));
    assert!(t[0].message.contains("2025-01-31"), "{}", t[0].message);
}

#[test]
fn no_fee_statement() {
    let (name, bytes) = seed("002");
    let text = String::from_utf8(bytes).expect("UTF-8");
    // Section 六 of 002 is a heading “信息公开处理费” and one sentence on the fee.
    let six = text.find("6、").expect("六 of 002");
    let kept = &text[..six];
    let c = check(
        &name,
        format!("{kept}6、 其他需要报告的事项\n本年度无其他需要报告的事项。\n").as_bytes(),
    )
    .expect("readable");
    assert_eq!(of(&c, "Q001").len(), 1, "{}", show(&c));
    // As published, 002 states it.
    assert!(of(&checked("002"), "Q001").is_empty());
}

/// Seed 003 with its three 三(六) rows merged into the single 2019 row: a 2024
/// report using the old row is F004 (not F001), and the sums use that row.
#[test]
fn single_other_row_in_a_2024_report() {
    let (name, bytes) = seed("003");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains("其他处理"))
        .expect("三(六) of 003");
    let mut out: Vec<String> = lines[..start].iter().map(|s| s.to_string()).collect();
    out.push("\t(六) 其他处理\t\t7\t0\t0\t0\t0\t0\t7\t".to_string());
    out.extend(lines[start + 3..].iter().map(|s| s.to_string()));
    let c = check(&name, out.join("\n").as_bytes()).expect("readable");
    assert_eq!(
        c.report.requests.value(R::Other, C::Total),
        Some(7.0),
        "{}",
        show(&c)
    );
    assert_eq!(of(&c, "F004").len(), 1, "{}", show(&c));
    assert!(of(&c, "F001").is_empty(), "{}", show(&c));
    for r in ["A001", "A002", "A003"] {
        assert!(of(&c, r).is_empty(), "{}", show(&c));
    }
    // And a wrong figure in that row is caught.
    let bad = out
        .join("\n")
        .replace("\t(六) 其他处理\t\t7\t", "\t(六) 其他处理\t\t8\t");
    let c = check(&name, bad.as_bytes()).expect("readable");
    let cell = Location::Cell(CellRef::new(TableKey::Requests, R::Other, C::NaturalPerson));
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.rule.starts_with('A') && (d.at == cell || d.related.contains(&cell))),
        "{}",
        show(&c)
    );
}

#[test]
fn reworded_row_label_is_f002() {
    let c = edited(
        "004",
        "2.其他法律行政法规禁止公开",
        "2.其他法律行政禁止公开",
    );
    let f = of(&c, "F002");
    assert_eq!(f.len(), 1, "{}", show(&c));
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(
        f[0].message.contains("其他法律行政法规禁止公开"),
        "{}",
        f[0].message
    );
    let Location::Span(s) = f[0].at else {
        panic!("F002 not at a span")
    };
    assert!(c.document.slice(s).contains("其他法律行政禁止公开"));
    // The cells of the row are still read and add up.
    assert!(
        of(&c, "A003").is_empty() && of(&c, "F003").is_empty(),
        "{}",
        show(&c)
    );
}

#[test]
fn blank_and_placeholder_cells() {
    // 004 table 四: the first figure (行政复议 结果维持) written as “/”.
    let c = edited("004", "|||||\n0 |\n", "|||||\n/ |\n");
    let n = of(&c, "N002");
    assert_eq!(n.len(), 1, "{}", show(&c));
    assert_eq!(
        n[0].at,
        Location::Cell(CellRef::new(TableKey::Appeals, R::Review, C::Upheld))
    );
    assert!(of(&c, "A004").is_empty(), "blank counts as 0: {}", show(&c));
}

/// A workbook holds the three tables and nothing else: its table findings are
/// those of the seed, and the missing narrative is not reported section by section.
#[test]
fn a_workbook_of_tables_is_judged_on_its_tables_alone() {
    let bytes = nianbao_tests::fixture("xlsx/003.xlsx");
    let checked = nianbao_core::check("003.xlsx", &bytes).expect("workbook readable");
    let rules: Vec<&str> = checked.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["A004"], "{rules:?}");
    let bytes = nianbao_tests::fixture("xlsx/002.xlsx");
    let checked = nianbao_core::check("002.xlsx", &bytes).expect("workbook readable");
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}
