//! Extraction: a [`Document`] in, a typed [`Report`] out.
//!
//! Matches sections, metadata and the three tables against the national
//! template ([`crate::template`]), tolerating the ways real reports deviate,
//! and records every deviation so that the rules can report it.

pub mod meta;
pub mod number;
pub mod sections;
pub mod tables;

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

/// Whether anything at all of a report was found: a section heading or a
/// label of a statistical table.
pub fn has_report_traces(report: &Report) -> bool {
    !report.sections.is_empty()
        || report.proactive.found
        || report.requests.found
        || report.appeals.found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputKind;
    use crate::read::text::document_from_text;
    use crate::report::{CellProblem, LabelKind, Numbering, TableAnomaly};
    use crate::template::{Layout, TableKey, Template};

    fn doc(text: &str) -> Document {
        document_from_text(text.to_string(), InputKind::Text, "utf-8")
    }

    /// A report in tab-separated rows; table 三's rows given as (label, figures).
    fn report_text(title: &str, proactive: &str, requests: &[(String, String)], tail: &str) -> String {
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

    fn rows_2021(replace: &[(&str, &str)]) -> Vec<(String, String)> {
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
            ("withheld_prohibited_by_law", "2.其他法律行政止公开"),
            ("withheld_security_stability", "3.危及“山安全一稳定”"),
        ]);
        let text = report_text("某县人民政府2024年政府信息公开工作年度报告", PROACTIVE_2021, &rows, "");
        let r = extract(&doc(&text));
        let t = &r.requests;
        assert_eq!(t.layout, Layout::Y2021);
        assert_eq!(t.value("withheld_prohibited_by_law", "total"), Some(1.0));
        let l = t.labels.iter().find(|l| l.key == "withheld_prohibited_by_law").unwrap();
        let d = l.deviation.as_ref().unwrap();
        assert_eq!(d.expected, "其他法律行政法规禁止公开");
        assert_eq!(d.detail, "缺少“法规禁”");
        assert_eq!(l.found, "2.其他法律行政止公开");
        let l = t.labels.iter().find(|l| l.key == "withheld_security_stability").unwrap();
        assert_eq!(l.deviation.as_ref().unwrap().detail, "“三”写作“山”");
        // every other label is the official wording
        assert_eq!(t.labels.iter().filter(|l| l.deviation.is_some()).count(), 2);
        assert!(t.anomalies.is_empty());
        assert_eq!(r.proactive.value("fees", "amount"), Some(0.5));
        assert_eq!(r.appeals.value("review", "upheld"), Some(1.0));
    }

    #[test]
    fn a_single_other_row_in_a_2021_report_is_mixed() {
        let mut rows = rows_2021(&[]);
        // replace the three 三(六) rows by the single 2019 row
        let at = rows.iter().position(|(l, _)| l.contains("逾期不补正")).unwrap();
        rows.splice(at..at + 3, [("（六）其他处理".to_string(), "2\t0\t0\t0\t0\t0\t2".to_string())]);
        let text = report_text("某县人民政府2024年政府信息公开工作年度报告", PROACTIVE_2021, &rows, "");
        let r = extract(&doc(&text));
        assert_eq!(r.format, Layout::Y2021);
        assert!(r.mixed_layout);
        assert_eq!(r.proactive.layout, Layout::Y2021);
        assert_eq!(r.requests.layout, Layout::Y2019);
        assert_eq!(r.requests.value("other", "total"), Some(2.0));
        assert_eq!(r.requests.value("total_processed", "total"), Some(1.0));
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
                vec!["other_overdue_correction", "other_unpaid_fee", "other_misc"],
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
            .map(|r| (format!("{}{}", written(r.number), r.label), "0\t0\t0\t0\t0\t0\t0".to_string()))
            .collect();
        let text = report_text("某区司法局2019年政府信息公开工作年度报告", proactive, &rows, "\n2020年1月20日\n");
        let r = extract(&doc(&text));
        assert_eq!(r.year.as_ref().map(|y| y.value), Some(2019));
        assert_eq!(r.format, Layout::Y2019);
        assert!(!r.mixed_layout);
        let p = &r.proactive;
        assert_eq!(p.layout, Layout::Y2019);
        assert_eq!(p.value("normative_docs", "total_published"), Some(30.0));
        assert_eq!(p.value("licensing", "change"), Some(-3.0));
        assert_eq!(p.value("fees", "change"), Some(-1.0));
        assert_eq!(p.value("procurement", "amount"), Some(123.45));
        assert!(p.cells.iter().all(|c| c.problem.is_none()));
        assert_eq!(r.requests.layout, Layout::Y2019);
        assert!(r.requests.cells.iter().all(|c| c.problem.is_none()));
        assert!(r.requests.anomalies.is_empty());
        assert_eq!(r.published.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2020-01-20"));
        assert_eq!(r.agency.as_ref().map(|a| a.value.as_str()), Some("某区司法局"));
    }

    #[test]
    fn missing_rows_and_blank_cells() {
        let mut rows = rows_2021(&[]);
        rows.retain(|(l, _)| !l.contains("重复申请"));
        rows[0].1 = "\t/\t-\t无\tx\t0\t1".to_string(); // first cell empty, then placeholders
        let text = report_text("某局2024年政府信息公开工作年度报告", PROACTIVE_2021, &rows, "成文日期：2025年1月10日\n");
        let r = extract(&doc(&text));
        let t = &r.requests;
        let c = t.cell("not_processed_duplicate", "total").unwrap();
        assert_eq!((c.value, c.problem), (None, Some(CellProblem::Missing)));
        assert!(!t.labels.iter().any(|l| l.key == "not_processed_duplicate"));
        let p = |col: &str| t.cell("new", col).unwrap().problem;
        assert_eq!(p("natural_person"), Some(CellProblem::Blank));
        assert_eq!(p("commercial"), Some(CellProblem::Blank));
        assert_eq!(p("research"), Some(CellProblem::Blank));
        assert_eq!(p("social_welfare"), Some(CellProblem::Blank));
        assert_eq!(p("legal_service"), Some(CellProblem::NotNumber));
        assert_eq!(t.value("new", "other_org"), Some(0.0));
        assert_eq!(t.value("new", "total"), Some(1.0));
        assert_eq!(r.published.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2025-01-10"));
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
        assert_eq!(r.sections[4].title, "政府信息公开工作存在的主要问题及改进情况");
        assert!(!r.proactive.found);
        assert_eq!(r.format, Layout::Unknown);
    }

    #[test]
    fn column_labels_are_recorded() {
        let text = report_text("某局2024年政府信息公开工作年度报告", PROACTIVE_2021, &rows_2021(&[]), "");
        let r = extract(&doc(&text));
        let cols: Vec<&str> = r
            .requests
            .labels
            .iter()
            .filter(|l| l.kind == LabelKind::Column)
            .map(|l| l.key)
            .collect();
        assert_eq!(cols, ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]);
        assert!(has_report_traces(&r));
    }
}
