//! One hand-made report per rule that makes the rule fire: the registry's
//! example of each rule must be the message the rule really gives here.

use super::testing::{Builder, Fixture};
use crate::report::{LabelDeviation, LabelKind, LabelRead, Numbering, TableAnomaly};
use crate::span::Span;
use crate::vocab::template::{ColumnKey as C, LabelKey, RowKey as R};
use crate::vocab::template::{Layout, TableKey::*};

fn requests_with(b: Builder, cells: &[(R, C, &str)]) -> Builder {
    cells
        .iter()
        .fold(b, |b, &(r, c, v)| b.cell(Requests, r, c, v))
}

/// (rule, the report(s) it fires on). Two fixtures for the X rules: later, earlier.
pub fn fixtures() -> Vec<(&'static str, Vec<Fixture>)> {
    let b = Builder::new;
    vec![
        ("S001", vec![b().without_section(5).build()]),
        ("S002", vec![b().swap_sections(3, 4).build()]),
        ("S003", vec![b().heading(6, "6、 其他需要报告的事项", Numbering::Arabic, "6").build()]),
        (
            "S004",
            vec![b()
                .body(6, "（一）信息处理费。本年度未收取信息处理费。\n本机关落实工作要点情况。\n（三）建议提案办理情况。\n")
                .build()],
        ),
        (
            "S005",
            vec![b()
                .body(1, "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）政府信息公开平台建设。\n")
                .build()],
        ),
        ("S006", vec![b().body(5, "无\n").build()]),
        ("S007", vec![b().intro("本报告共分五部分。").build()]),
        ("F001", vec![b().year(2023).layout(Layout::Y2019).build()]),
        (
            "F002",
            vec![b()
                .label(
                    Requests,
                    LabelRead {
                        kind: LabelKind::Row,
                        key: LabelKey::Row(R::WithheldProhibitedByLaw),
                        found: "其他法律行政禁止公开".into(),
                        span: Span::new(0, 3),
                        deviation: Some(LabelDeviation {
                            expected: "其他法律行政法规禁止公开",
                            detail: "缺少“法规”二字".into(),
                            detail_en: "“法规” is missing".into(),
                        }),
                    },
                )
                .build()],
        ),
        (
            "F003",
            vec![[C::NaturalPerson, C::Commercial, C::Research, C::SocialWelfare, C::LegalService, C::OtherOrg, C::Total]
                .iter()
                .fold(b(), |b, &c| b.missing(Requests, R::WithheldAdministrativeQuery, c))
                .build()],
        ),
        (
            "F004",
            vec![b()
                .anomaly(
                    Requests,
                    TableAnomaly::Merged {
                        rows: vec![R::OtherOverdueCorrection, R::OtherUnpaidFee, R::OtherMisc],
                        found: "（六）其他处理".into(),
                        span: Span::new(0, 3),
                    },
                )
                .build()],
        ),
        (
            "A001",
            vec![requests_with(
                b(),
                &[(R::CarriedForward, C::NaturalPerson, "2"), (R::CarriedForward, C::Total, "2")],
            )
            .build()],
        ),
        ("A002", vec![requests_with(b(), &[(R::TotalProcessed, C::NaturalPerson, "11"), (R::TotalProcessed, C::Total, "13"), (R::New, C::NaturalPerson, "11"), (R::New, C::Total, "13")]).build()]),
        ("A003", vec![requests_with(b(), &[(R::Disclosed, C::Total, "10")]).build()]),
        ("A004", vec![b().cell(Appeals, R::LitigationAfterReview, C::Total, "1").build()]),
        ("N001", vec![b().cell(Requests, R::Disclosed, C::Research, "约5").build()]),
        ("N002", vec![b().cell(Appeals, R::Review, C::Other, "/").build()]),
        (
            "T001",
            vec![requests_with(
                b().body(1, "（二）依申请公开办理情况。2024 年，共收到依申请公开件 12 件，均及时进行回复。\n"),
                &[(R::New, C::NaturalPerson, "33"), (R::New, C::Total, "35"), (R::Disclosed, C::NaturalPerson, "31"), (R::Disclosed, C::Total, "32"), (R::TotalProcessed, C::NaturalPerson, "33"), (R::TotalProcessed, C::Total, "35")],
            )
            .build()],
        ),
        ("T002", vec![b().body(1, "本年新收政府信息公开申请12件，结转到2024年继续办理1件。\n").build()]),
        ("T003", vec![b().published(2025, 2, 15).build()]),
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
        (
            "X001",
            vec![
                b().build(),
                requests_with(
                    b().year(2023),
                    &[(R::CarriedForward, C::NaturalPerson, "3"), (R::CarriedForward, C::Total, "3")],
                )
                .build(),
            ],
        ),
        (
            "X002",
            vec![b().build(), b().year(2023).cell(Proactive, R::NormativeDocs, C::InForce, "10").build()],
        ),
        ("X003", vec![b().build(), b().year(2023).build()]),
    ]
}
