//! Extraction: a [`Document`] in, a typed [`Report`] out.
//!
//! Matches sections, metadata and the three tables against the national
//! template ([`crate::vocab::template`]), tolerating the ways real reports deviate,
//! and records every deviation so that the rules can report it.
//!
//! - `sections`: the six headings, numbered 一、 / 6、 / （一） / not at all,
//!   worded as the template or one of its aliases (a short tail such as
//!   统计表 allowed); looked for in paragraphs, and in table cells when a
//!   document keeps its text inside a layout table.
//! - `meta`: title (a 标题 field, or the first lines naming a 报告), agency
//!   (before the year in the title, or after it, or 请与…联系), year (title,
//!   else statistical period), statistical period, publication date
//!   (发文日期/成文日期/… field or line, or a line holding only a date under the
//!   title or at the end).
//! - `tables`: each table block is given to the statistical table whose
//!   labels it holds; cells are walked in reading order: a row label takes
//!   the figures that follow it (placeholders of merged cells trimmed at
//!   either end), labels wrapped over several cells are joined, table 四's
//!   fifteen figures are its longest run of figures. Both layouts are tried
//!   for tables 二 and 三 and the better fit kept. A single 三(六) 其他处理 row
//!   in a report otherwise in the 2021 layout gives table 三 the 2019 layout,
//!   `mixed_layout` and a `Merged` anomaly (the reverse gives `Split`).
//!   Figures beyond a row's cells (seed 003's sixteenth figure in table 四)
//!   are left out, never shifted into a cell.
//!
//! What a figure or a date is and how it parses, what a label is and how
//! labels compare, the section names: the vocabulary ([`crate::vocab`]),
//! which the readers share.

mod glued;
mod meta;
mod sections;
mod tables;

use crate::document::Document;
use crate::report::Report;

/// Read the report out of a document. Never fails: whatever cannot be found is
/// left empty (or marked missing), and the rules say so.
pub fn extract(doc: &Document) -> Report {
    let mut report = Report::empty();
    report.sections = sections::find(doc);
    let m = meta::find(doc, &report.sections);
    report.title = m.title;
    report.agency = m.agency;
    report.year = m.year;
    report.published = m.published;
    report.period = m.period;
    tables::fill(doc, &mut report);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether anything at all of a report was found: a section heading or a
    /// label of a statistical table.
    fn has_report_traces(report: &Report) -> bool {
        !report.sections.is_empty()
            || report.proactive.found
            || report.requests.found
            || report.appeals.found
    }
    use crate::document::InputKind;
    use crate::read::text::document_from_text;
    use crate::report::{CellProblem, LabelKind, Numbering, TableAnomaly};
    use crate::vocab::template::{
        ColumnKey as C, LabelKey, Layout, RowKey as R, TableKey, Template,
    };

    fn doc(text: &str) -> Document {
        document_from_text(text.to_string(), InputKind::Text, "utf-8")
    }

    /// A report in tab-separated rows; table 三's rows given as (label, figures).
    fn report_text(
        title: &str,
        proactive: &str,
        requests: &[(String, String)],
        tail: &str,
    ) -> String {
        let mut s = format!("{title}\n一、总体情况\n概述。\n二、主动公开政府信息情况\n{proactive}三、收到和处理政府信息公开申请情况\n\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n");
        for (l, v) in requests {
            s += &format!("{l}\t{v}\n");
        }
        s += "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n五、存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n无。\n";
        s += tail;
        s
    }

    const PROACTIVE_2021: &str = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t7\n信息内容\t本年处理决定数量\n行政许可\t3\n行政处罚\t4\n行政强制\t5\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0.5\n";

    /// A row number as reports write it: 一、 （三） 2.
    fn written(number: &str) -> String {
        match number.split_once('(') {
            None if number.is_empty() => String::new(),
            None => format!("{number}、"),
            Some((_, rest)) => match rest.split_once(')') {
                Some((sub, "")) => format!("（{sub}）"),
                Some((_, item)) => format!("{item}."),
                None => String::new(),
            },
        }
    }

    fn rows_2021(replace: &[(R, &str)]) -> Vec<(String, String)> {
        let def = Template::get(Layout::Y2021).table(TableKey::Requests);
        def.rows
            .iter()
            .map(|r| {
                let label = format!("{}{}", written(r.number), r.label);
                let label = replace
                    .iter()
                    .find(|(k, _)| *k == r.key)
                    .map_or(label, |(_, l)| l.to_string());
                (label, "1\t0\t0\t0\t0\t0\t1".to_string())
            })
            .collect()
    }

    #[test]
    fn typos_in_row_labels_are_matched_and_described() {
        let rows = rows_2021(&[
            (R::WithheldProhibitedByLaw, "2.其他法律行政止公开"),
            (R::WithheldSecurityStability, "3.危及“山安全一稳定”"),
        ]);
        let text = report_text(
            "某县人民政府2024年政府信息公开工作年度报告",
            PROACTIVE_2021,
            &rows,
            "",
        );
        let r = extract(&doc(&text));
        let t = &r.requests;
        assert_eq!(t.layout, Layout::Y2021);
        assert_eq!(t.value(R::WithheldProhibitedByLaw, C::Total), Some(1.0));
        let l = t
            .labels
            .iter()
            .find(|l| l.key == LabelKey::Row(R::WithheldProhibitedByLaw))
            .unwrap();
        let d = l.deviation.as_ref().unwrap();
        assert_eq!(d.expected, "其他法律行政法规禁止公开");
        assert_eq!(d.detail, "缺少“法规禁”");
        assert_eq!(l.found, "2.其他法律行政止公开");
        let l = t
            .labels
            .iter()
            .find(|l| l.key == LabelKey::Row(R::WithheldSecurityStability))
            .unwrap();
        assert_eq!(l.deviation.as_ref().unwrap().detail, "“三”写作“山”");
        // every other label is the official wording
        assert_eq!(t.labels.iter().filter(|l| l.deviation.is_some()).count(), 2);
        assert!(t.anomalies.is_empty());
        assert_eq!(r.proactive.value(R::Fees, C::Amount), Some(0.5));
        assert_eq!(r.appeals.value(R::Review, C::Upheld), Some(1.0));
    }

    #[test]
    fn a_single_other_row_in_a_2021_report_is_mixed() {
        let mut rows = rows_2021(&[]);
        // replace the three 三(六) rows by the single 2019 row
        let at = rows
            .iter()
            .position(|(l, _)| l.contains("逾期不补正"))
            .unwrap();
        rows.splice(
            at..at + 3,
            [(
                "（六）其他处理".to_string(),
                "2\t0\t0\t0\t0\t0\t2".to_string(),
            )],
        );
        let text = report_text(
            "某县人民政府2024年政府信息公开工作年度报告",
            PROACTIVE_2021,
            &rows,
            "",
        );
        let r = extract(&doc(&text));
        assert_eq!(r.format, Layout::Y2021);
        assert!(r.mixed_layout);
        assert_eq!(r.proactive.layout, Layout::Y2021);
        assert_eq!(r.requests.layout, Layout::Y2019);
        assert_eq!(r.requests.value(R::Other, C::Total), Some(2.0));
        assert_eq!(r.requests.value(R::TotalProcessed, C::Total), Some(1.0));
        let merged: Vec<_> = r
            .requests
            .anomalies
            .iter()
            .filter_map(|a| match a {
                TableAnomaly::Merged { rows, found, .. } => Some((rows.clone(), found.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            merged,
            vec![(
                vec![R::OtherOverdueCorrection, R::OtherUnpaidFee, R::OtherMisc],
                "（六）其他处理".to_string()
            )]
        );
    }

    #[test]
    fn a_2019_report_reads_in_the_2019_layout() {
        let proactive = "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t2\t2\t30\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t10\t-3\t120\n其他对外管理服务事项\t5\t0\t8\n行政处罚\t7\t1\t40\n行政强制\t2\t0\t3\n信息内容\t上一年项目数量\t本年增/减\n行政事业性收费\t4\t－1\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t6\t123.45\n";
        let def = Template::get(Layout::Y2019).table(TableKey::Requests);
        let rows: Vec<(String, String)> = def
            .rows
            .iter()
            .map(|r| {
                (
                    format!("{}{}", written(r.number), r.label),
                    "0\t0\t0\t0\t0\t0\t0".to_string(),
                )
            })
            .collect();
        let text = report_text(
            "某区司法局2019年政府信息公开工作年度报告",
            proactive,
            &rows,
            "\n2020年1月20日\n",
        );
        let r = extract(&doc(&text));
        assert_eq!(r.year.as_ref().map(|y| y.value), Some(2019));
        assert_eq!(r.format, Layout::Y2019);
        assert!(!r.mixed_layout);
        let p = &r.proactive;
        assert_eq!(p.layout, Layout::Y2019);
        assert_eq!(p.value(R::NormativeDocs, C::TotalPublished), Some(30.0));
        assert_eq!(p.value(R::Licensing, C::Change), Some(-3.0));
        assert_eq!(p.value(R::Fees, C::Change), Some(-1.0));
        assert_eq!(p.value(R::Procurement, C::Amount), Some(123.45));
        assert!(p.cells.iter().all(|c| c.problem.is_none()));
        assert_eq!(r.requests.layout, Layout::Y2019);
        assert!(r.requests.cells.iter().all(|c| c.problem.is_none()));
        assert!(r.requests.anomalies.is_empty());
        assert_eq!(
            r.published.as_ref().map(|d| d.value.to_string()).as_deref(),
            Some("2020-01-20")
        );
        assert_eq!(
            r.agency.as_ref().map(|a| a.value.as_str()),
            Some("某区司法局")
        );
    }

    #[test]
    fn missing_rows_and_blank_cells() {
        let mut rows = rows_2021(&[]);
        rows.retain(|(l, _)| !l.contains("重复申请"));
        rows[0].1 = "\t/\t-\t无\tx\t0\t1".to_string(); // first cell empty, then placeholders
        let text = report_text(
            "某局2024年政府信息公开工作年度报告",
            PROACTIVE_2021,
            &rows,
            "成文日期：2025年1月10日\n",
        );
        let r = extract(&doc(&text));
        let t = &r.requests;
        let c = t.cell(R::NotProcessedDuplicate, C::Total).unwrap();
        assert_eq!((c.value, c.problem), (None, Some(CellProblem::Missing)));
        assert!(!t
            .labels
            .iter()
            .any(|l| l.key == LabelKey::Row(R::NotProcessedDuplicate)));
        let p = |col: C| t.cell(R::New, col).unwrap().problem;
        assert_eq!(p(C::NaturalPerson), Some(CellProblem::Blank));
        assert_eq!(p(C::Commercial), Some(CellProblem::Blank));
        assert_eq!(p(C::Research), Some(CellProblem::Blank));
        assert_eq!(p(C::SocialWelfare), Some(CellProblem::Blank));
        assert_eq!(p(C::LegalService), Some(CellProblem::NotNumber));
        assert_eq!(t.value(R::New, C::OtherOrg), Some(0.0));
        assert_eq!(t.value(R::New, C::Total), Some(1.0));
        assert_eq!(
            r.published.as_ref().map(|d| d.value.to_string()).as_deref(),
            Some("2025-01-10")
        );
    }

    #[test]
    fn sections_in_odd_forms() {
        let text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n2、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n（四）政府信息公开行政复议、行政诉讼情况\n政府信息公开工作存在的主要问题及改进情况\n六．其他需要报告的事项\n";
        let r = extract(&doc(text));
        let got: Vec<(u8, &str, Numbering)> = r
            .sections
            .iter()
            .map(|s| (s.ordinal, s.number.as_str(), s.numbering))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "一", Numbering::Chinese),
                (2, "2", Numbering::Arabic),
                (3, "三", Numbering::Chinese),
                (4, "四", Numbering::Parenthesised),
                (5, "", Numbering::None),
                (6, "六", Numbering::Chinese),
            ]
        );
        assert_eq!(
            r.sections[4].title,
            "政府信息公开工作存在的主要问题及改进情况"
        );
        assert!(!r.proactive.found);
        assert_eq!(r.format, Layout::Unknown);
    }

    #[test]
    fn column_labels_are_recorded() {
        let text = report_text(
            "某局2024年政府信息公开工作年度报告",
            PROACTIVE_2021,
            &rows_2021(&[]),
            "",
        );
        let r = extract(&doc(&text));
        let cols: Vec<C> = r
            .requests
            .labels
            .iter()
            .filter_map(|l| match l.key {
                LabelKey::Column(c) => Some(c),
                LabelKey::Row(_) => None,
            })
            .collect();
        assert_eq!(
            cols,
            [
                C::NaturalPerson,
                C::Commercial,
                C::Research,
                C::SocialWelfare,
                C::LegalService,
                C::OtherOrg,
                C::Total
            ]
        );
        assert!(has_report_traces(&r));
    }

    /// A document as the .docx/.html readers build it: real rows, merged cells
    /// with continuation placeholders.
    fn table_doc(
        paragraphs_before: &[&str],
        rows: &[Vec<(&str, bool)>],
        after: &[&str],
    ) -> Document {
        use crate::document::{Block, Cell, Paragraph, Table};
        use crate::span::Span;
        let mut text = String::new();
        let mut blocks = Vec::new();
        let push_par = |text: &mut String, blocks: &mut Vec<Block>, p: &str| {
            let s = text.len();
            text.push_str(p);
            blocks.push(Block::Paragraph(Paragraph {
                span: Span::new(s, text.len()),
            }));
            text.push('\n');
        };
        for p in paragraphs_before {
            push_par(&mut text, &mut blocks, p);
        }
        let start = text.len();
        let mut trows = Vec::new();
        for row in rows {
            let mut cells = Vec::new();
            for (t, cont) in row {
                let s = text.len();
                if !cont {
                    text.push_str(t);
                }
                let mut c = Cell::new(if *cont { "" } else { t }, Span::new(s, text.len()));
                c.continuation = *cont;
                cells.push(c);
                text.push('\t');
            }
            text.push('\n');
            trows.push(cells);
        }
        blocks.push(Block::Table(Table {
            rows: trows,
            span: Span::new(start, text.len()),
        }));
        for p in after {
            push_par(&mut text, &mut blocks, p);
        }
        Document {
            lines: Default::default(),
            skipped: Vec::new(),
            places: Default::default(),
            text,
            blocks,
            input: crate::document::InputInfo {
                kind: InputKind::Docx,
                encoding: "utf-8".into(),
                layout: "table".into(),
            },
        }
    }

    #[test]
    fn real_rows_with_merged_cells() {
        let mut rows: Vec<Vec<(&str, bool)>> = vec![
            vec![
                (
                    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                    false,
                ),
                ("申请人情况", false),
            ],
            vec![
                ("", true),
                ("自然人", false),
                ("法人或其他组织", false),
                ("总计", false),
            ],
            vec![
                ("", true),
                ("", true),
                ("商业企业", false),
                ("科研机构", false),
                ("社会公益组织", false),
                ("法律服务机构", false),
                ("其他", false),
                ("", true),
            ],
        ];
        let def = Template::get(Layout::Y2021).table(TableKey::Requests);
        let labels: Vec<String> = def
            .rows
            .iter()
            .map(|r| format!("{}{}", written(r.number), r.label))
            .collect();
        let figures = ["2", "0", "0", "0", "0", "0", "2"];
        for (i, r) in def.rows.iter().enumerate() {
            let mut row: Vec<(&str, bool)> = Vec::new();
            match r.parent {
                Some(p)
                    if i > 0
                        && def.rows[i - 1].parent != Some(p)
                        && r.number.contains(')')
                        && r.number.len() > 6 =>
                {
                    row.push(("三、本年度办理结果", i != 2));
                    row.push((p, false));
                }
                Some(_) if r.number.len() > 6 => {
                    row.push(("", true));
                    row.push(("", true));
                }
                Some(_) => row.push(("", i != 2)),
                None => {}
            }
            row.push((labels[i].as_str(), false));
            row.extend(figures.iter().map(|f| (*f, false)));
            rows.push(row);
        }
        let doc = table_doc(
            &[
                "某局2024年政府信息公开工作年度报告",
                "三、收到和处理政府信息公开申请情况",
            ],
            &rows,
            &["四、政府信息公开行政复议、行政诉讼情况"],
        );
        let r = extract(&doc);
        let t = &r.requests;
        assert!(t.found);
        assert_eq!(t.layout, Layout::Y2021);
        for c in &t.cells {
            assert!(c.problem.is_none(), "{} {}", c.row, c.column);
            let want = if c.column == C::NaturalPerson || c.column == C::Total {
                2.0
            } else {
                0.0
            };
            assert_eq!(c.value, Some(want), "{} {}", c.row, c.column);
        }
        assert!(t.anomalies.is_empty(), "{:?}", t.anomalies);
        assert_eq!(
            t.labels.iter().filter(|l| l.kind == LabelKind::Row).count(),
            25
        );
    }

    #[test]
    fn a_label_wrapped_after_its_figures() {
        // a PDF row whose label's second line sits below the figures
        let mut rows = rows_2021(&[(R::NotProcessedConfirmation, "5.要求行政机关确认或重新")]);
        let at = rows
            .iter()
            .position(|(l, _)| l.starts_with("5.要求"))
            .unwrap();
        rows.insert(at + 1, ("出具已获取信息".to_string(), String::new()));
        let text = report_text(
            "某局2024年政府信息公开工作年度报告",
            PROACTIVE_2021,
            &rows,
            "",
        );
        let d = doc(&text);
        let r = extract(&d);
        let t = &r.requests;
        assert_eq!(t.value(R::NotProcessedConfirmation, C::Total), Some(1.0));
        let l = t
            .labels
            .iter()
            .find(|l| l.key == LabelKey::Row(R::NotProcessedConfirmation))
            .unwrap();
        assert_eq!(l.found, "5.要求行政机关确认或重新出具已获取信息");
        assert!(l.deviation.is_none());
        assert!(t.anomalies.is_empty(), "{:?}", t.anomalies);
        assert_eq!(t.value(R::OtherOverdueCorrection, C::Total), Some(1.0));
    }

    #[test]
    fn title_under_metadata_lines() {
        let text = "索引号：11370303/2025-00012\n发布时间：2025-01-20 10:30\n某某镇人民政府\n2024年政府信息公开工作年度报告\n一、总体情况\n";
        let r = extract(&doc(text));
        assert_eq!(
            r.title.as_ref().map(|t| t.value.as_str()),
            Some("某某镇人民政府 2024年政府信息公开工作年度报告")
        );
        assert_eq!(
            r.agency.as_ref().map(|t| t.value.as_str()),
            Some("某某镇人民政府")
        );
        assert_eq!(r.year.as_ref().map(|t| t.value), Some(2024));
        assert_eq!(
            r.published.as_ref().map(|d| d.value.to_string()).as_deref(),
            Some("2025-01-20")
        );
    }

    #[test]
    fn agency_after_the_year_and_tab_indented_text() {
        let text = "2024年度某某市司法局政府信息公开工作年度报告\n\t一、总体情况\n\t2024年，我局认真贯彻落实《条例》，主动公开政府信息。\n\t存在的主要问题及改进情况\n";
        let r = extract(&doc(text));
        assert_eq!(
            r.agency.as_ref().map(|t| t.value.as_str()),
            Some("某某市司法局")
        );
        assert_eq!(r.year.as_ref().map(|t| t.value), Some(2024));
        let got: Vec<(u8, Numbering)> = r
            .sections
            .iter()
            .map(|s| (s.ordinal, s.numbering))
            .collect();
        assert_eq!(got, vec![(1, Numbering::Chinese), (5, Numbering::None)]);
    }

    /// Tables of a published PDF (淮安市人民政府, 2024) as `pdftotext -layout`
    /// copies them: labels wrapped around their figures, the row group
    /// 三、本年度办理结果 written vertically between rows, page numbers.
    const COPIED_PDF: &str = r#"            淮安市人民政府
     2024 年政府信息公开工作年度报告

     一、总体情况
   2024 年，市政府办公室认真贯彻落实《条例》。
     二、主动公开政府信息情况
第二十条 第（一）项

信息内容          本年制发件数     本年废止件数   现行有效件数

规章            1          0        11

行政规范性文件       8          26       66

第二十条 第（五）项

信息内容          本年处理决定数量

行政许可          447228

第二十条 第（六）项

                                           -3-
信息内容                          本年处理决定数量

行政处罚                          3985758

行政强制                          88283

第二十条 第（八）项

信息内容                          本年收费金额（单位：万元）

行政事业性收费                       96171.6

      三、收到和处理政府信息公开申请情况
                                                         申请人情况

（本列数据的勾稽关系为：第一项加第二项之和，                  法人或其他组织
等于第三项加第四项之和）
                               自然人                                              总计
                                        商业企      科研机     社会公益     法律服务
                                                                           其他
                                        业        构       组织       机构

一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119

二、上年结转政府信息公开申请数量                34          0        0        0        0    0    34

      （一）予以公开                   1288        21       0        0    50       3   1362

      （二）部分公开（区分处理的，只计这一情
                                447         7        0        0        0    0   454
      形，不计其他情形）

             1.属于国家秘密            2          0        0        0        0    0    2
三、

本            2.其他法律行政法规禁止公开     30          1        0        0        0    0    31

年
             3.危及“三安全一稳定”        5          0        0        0        0    0    5
度

办            4.保护第三方合法权益         6          0        0        0        0    0    6
      （三）不
理
      予公开
             5.属于三类内部事务信息        7          1        0        0        0    0    8
结

果            6.属于四类过程性信息        12          0        0        0        0    0    12

             7.属于行政执法案卷          9          0        0        0        0    0    9

             8.属于行政查询事项         105         0        0        0        0    0   105

             1.本机关不掌握相关政府信息     746         12       0        0    10       1   769
      （四）无

-4-
     法提供       2.没有现成信息需要另行制作           11        0        0         0        0         0    11

               3.补正后申请内容仍不明确            1         0        0         0        0         0    1

               1.信访举报投诉类申请              56        6        0         0        0         0    62

               2.重复申请                   25        0        0         0        0         0    25

     （五）不      3.要求提供公开出版物              0         0        0         0        0         0    0
     予处理
               4.无正当理由大量反复申请            0         0        0         0        0         0    0

               5.要求行政机关确认或重新出
                                        1         0        0         0        0         0    1
               具已获取信息

               1、申请人无正当理由逾期不补

               正、行政机关不再处理其政府信           67        3        0         0        1         0    71
               息公开申请

     （六）其
               2、申请人逾期未按收费通知要
     他处理
               求缴纳费用、行政机关不再处理           6         0        0         0        0         0    6
               其政府信息公开申请

               3、其他                  108          2        0         0        0         0    110

     （七）总计                           2932        53        0         0        61        4   3050

四、结转下年度继续办理                          103          0        0         0        0         0    103

     四、政府信息公开行政复议、行政诉讼情况
行政复议                          行政诉讼

                              未经复议直接起诉                              复议后起诉

结果   结果    其他结    尚未
                        总计
                              结 果   结果       其他       尚未            结果   结果    其他   尚未审
维持   纠正    果      审结
                                                               总计                           总计
                              维持    纠正       结果       审结            维持   纠正    结果   结

72   64    178    37    351   13    4        8        1        26   12   1     1    6       20

       五、存在的主要问题及改进情况
   对照上级新要求和公众新期待，还有一些需要加强和改进的地方。
     六、其他需要报告的事项
   全年收取政府信息公开信息处理费 3940 元。
"#;

    #[test]
    fn tables_copied_out_of_a_published_pdf() {
        let d = doc(COPIED_PDF);
        assert_eq!(d.input.layout, "plain");
        let r = extract(&d);
        assert_eq!(
            r.agency.as_ref().map(|a| a.value.as_str()),
            Some("淮安市人民政府")
        );
        assert_eq!(r.year.as_ref().map(|y| y.value), Some(2024));
        assert_eq!(r.sections.len(), 6);
        let p: Vec<Option<f64>> = r.proactive.cells.iter().map(|c| c.value).collect();
        let want = [
            1., 0., 11., 8., 26., 66., 447228., 3985758., 88283., 96171.6,
        ];
        assert_eq!(p, want.iter().map(|v| Some(*v)).collect::<Vec<_>>());
        let rows: [[f64; 7]; 25] = [
            [3001., 53., 0., 0., 61., 4., 3119.],
            [34., 0., 0., 0., 0., 0., 34.],
            [1288., 21., 0., 0., 50., 3., 1362.],
            [447., 7., 0., 0., 0., 0., 454.],
            [2., 0., 0., 0., 0., 0., 2.],
            [30., 1., 0., 0., 0., 0., 31.],
            [5., 0., 0., 0., 0., 0., 5.],
            [6., 0., 0., 0., 0., 0., 6.],
            [7., 1., 0., 0., 0., 0., 8.],
            [12., 0., 0., 0., 0., 0., 12.],
            [9., 0., 0., 0., 0., 0., 9.],
            [105., 0., 0., 0., 0., 0., 105.],
            [746., 12., 0., 0., 10., 1., 769.],
            [11., 0., 0., 0., 0., 0., 11.],
            [1., 0., 0., 0., 0., 0., 1.],
            [56., 6., 0., 0., 0., 0., 62.],
            [25., 0., 0., 0., 0., 0., 25.],
            [0., 0., 0., 0., 0., 0., 0.],
            [0., 0., 0., 0., 0., 0., 0.],
            [1., 0., 0., 0., 0., 0., 1.],
            [67., 3., 0., 0., 1., 0., 71.],
            [6., 0., 0., 0., 0., 0., 6.],
            [108., 2., 0., 0., 0., 0., 110.],
            [2932., 53., 0., 0., 61., 4., 3050.],
            [103., 0., 0., 0., 0., 0., 103.],
        ];
        let got: Vec<Option<f64>> = r.requests.cells.iter().map(|c| c.value).collect();
        let want: Vec<Option<f64>> = rows.iter().flatten().map(|v| Some(*v)).collect();
        assert_eq!(got, want);
        assert_eq!(r.requests.layout, Layout::Y2021);
        assert!(
            r.requests.anomalies.is_empty(),
            "{:?}",
            r.requests.anomalies
        );
        // every row label found, none reported as deviating
        assert_eq!(
            r.requests
                .labels
                .iter()
                .filter(|l| l.kind == LabelKind::Row)
                .count(),
            25
        );
        assert!(
            r.requests.labels.iter().all(|l| l.deviation.is_none()),
            "{:?}",
            r.requests
                .labels
                .iter()
                .filter(|l| l.deviation.is_some())
                .map(|l| &l.found)
                .collect::<Vec<_>>()
        );
        let wrapped = r
            .requests
            .labels
            .iter()
            .find(|l| l.key == LabelKey::Row(R::OtherUnpaidFee))
            .unwrap();
        assert_eq!(
            wrapped.found,
            "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        );
        let a: Vec<Option<f64>> = r.appeals.cells.iter().map(|c| c.value).collect();
        let want = [
            72., 64., 178., 37., 351., 13., 4., 8., 1., 26., 12., 1., 1., 6., 20.,
        ];
        assert_eq!(a, want.iter().map(|v| Some(*v)).collect::<Vec<_>>());
        assert!(r.appeals.labels.iter().all(|l| l.deviation.is_none()));
        for key in TableKey::ALL {
            for c in &r.table(key).cells {
                assert_eq!(d.slice(c.span.unwrap()), c.raw.as_deref().unwrap());
            }
        }
    }

    #[test]
    fn headings_inside_a_layout_table() {
        let body = "一、总体情况\n概述。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无。";
        let d = table_doc(
            &["某局2024年政府信息公开工作年度报告"],
            &[vec![(body, false)], vec![("", false)], vec![("", false)]],
            &[],
        );
        let r = extract(&d);
        let got: Vec<(u8, &str)> = r
            .sections
            .iter()
            .map(|s| (s.ordinal, s.title.as_str()))
            .collect();
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(d.slice(r.sections[1].heading), "二、主动公开政府信息情况");
        assert!(r
            .sections
            .windows(2)
            .all(|w| w[0].body.end == w[1].heading.start));
    }

    #[test]
    fn headings_in_pipe_and_tsv_lines() {
        let text = "某局2024年政府信息公开工作年度报告\n一、总体情况 |\n二、主动公开政府信息情况\t\t\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t7\n三、收到和处理政府信息公开申请情况 |\n";
        let r = extract(&doc(text));
        let got: Vec<u8> = r.sections.iter().map(|s| s.ordinal).collect();
        assert_eq!(got, vec![1, 2, 3]);
    }

    #[test]
    fn three_2021_rows_in_a_2019_report_are_a_split() {
        let proactive = "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t2\t2\t30\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t10\t-3\t120\n";
        let text = report_text(
            "某局2020年政府信息公开工作年度报告",
            proactive,
            &rows_2021(&[]),
            "",
        );
        let r = extract(&doc(&text));
        assert_eq!(r.proactive.layout, Layout::Y2019);
        assert_eq!(r.requests.layout, Layout::Y2021);
        assert!(r.mixed_layout);
        assert_eq!(r.format, Layout::Y2019);
        let split: Vec<R> = r
            .requests
            .anomalies
            .iter()
            .filter_map(|a| match a {
                TableAnomaly::Split { row, span } => {
                    assert!(d_slice(&text, *span).contains("逾期不补正"));
                    Some(*row)
                }
                _ => None,
            })
            .collect();
        assert_eq!(split, [R::Other]);
    }

    fn d_slice(text: &str, span: crate::span::Span) -> &str {
        span.slice(text)
    }

    #[test]
    fn two_tables_in_one_block_are_both_read() {
        // table 三 and table 四 with no recognised heading between them
        let mut rows = rows_2021(&[]);
        rows.push(("行政复议\t\t\t\t\t行政诉讼".into(), String::new()));
        rows.push((
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉".into(),
            String::new(),
        ));
        rows.push((
            "2\t0\t0\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t1".into(),
            "1".into(),
        ));
        let mut text = String::from("某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n");
        for (l, v) in &rows {
            text += &format!("{l}\t{v}\n");
        }
        let r = extract(&doc(&text));
        assert!(r.requests.found && r.appeals.found);
        assert_eq!(r.requests.value(R::CarriedForward, C::Total), Some(1.0));
        assert!(
            r.requests.anomalies.is_empty(),
            "{:?}",
            r.requests.anomalies
        );
        let a: Vec<Option<f64>> = r.appeals.cells.iter().map(|c| c.value).collect();
        let mut want = vec![Some(0.0); 15];
        want[0] = Some(2.0);
        want[4] = Some(2.0);
        want[13] = Some(1.0);
        want[14] = Some(1.0);
        assert_eq!(a, want);
        assert!(!r.proactive.found);
    }
}
