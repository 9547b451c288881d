//! Every cell, section and metadata field of the five seeds, read by eye from
//! the files and written out here.

use nianbao_core::read::{read, Limits};
use nianbao_core::report::{LabelKind, Numbering, TableAnomaly};
use nianbao_core::vocab::template::{ColumnKey as C, RowKey as R};
use nianbao_core::{extract::extract, Document, Layout, Report, TableKey, Template};
use nianbao_tests::seed;

fn load(prefix: &str) -> (Document, Report) {
    let (name, bytes) = seed(prefix);
    let doc = read(&name, &bytes, &Limits::default()).expect("seed reads");
    let report = extract(&doc);
    (doc, report)
}

const Z7: [f64; 7] = [0.0; 7];

/// Table 二 (2021): 规章 ×3, 行政规范性文件 ×3, 行政许可, 行政处罚, 行政强制, 收费.
fn check_proactive(r: &Report, expected: [f64; 10]) {
    let t = &r.proactive;
    assert!(t.found);
    assert_eq!(t.layout, Layout::Y2021);
    let got: Vec<Option<f64>> = t.cells.iter().map(|c| c.value).collect();
    let want: Vec<Option<f64>> = expected.iter().map(|v| Some(*v)).collect();
    assert_eq!(got, want);
    let keys: Vec<(&str, &str)> = t
        .cells
        .iter()
        .map(|c| (c.row.as_str(), c.column.as_str()))
        .collect();
    assert_eq!(keys[0], ("rules", "issued"));
    assert_eq!(keys[9], ("fees", "amount"));
}

/// Table 三 (2021): 25 rows of 7 columns, in template order.
fn check_requests(r: &Report, expected: [[f64; 7]; 25]) {
    let t = &r.requests;
    assert!(t.found);
    assert_eq!(t.layout, Layout::Y2021);
    let def = Template::get(Layout::Y2021).table(TableKey::Requests);
    for (row, want) in def.rows.iter().zip(expected.iter()) {
        let got: Vec<Option<f64>> = row.columns.iter().map(|&c| t.value(row.key, c)).collect();
        let want: Vec<Option<f64>> = want.iter().map(|v| Some(*v)).collect();
        assert_eq!(got, want, "row {}", row.key);
    }
    assert_eq!(t.cells.len(), 175);
}

/// Table 四: review, litigation_direct, litigation_after_review × (维持, 纠正, 其他, 尚未审结, 总计).
fn check_appeals(r: &Report, expected: [f64; 15]) {
    let t = &r.appeals;
    assert!(t.found);
    let got: Vec<Option<f64>> = t.cells.iter().map(|c| c.value).collect();
    let want: Vec<Option<f64>> = expected.iter().map(|v| Some(*v)).collect();
    assert_eq!(got, want);
}

fn check_sections(r: &Report, expected: [(&str, Numbering, &str); 6]) {
    assert_eq!(r.sections.len(), 6);
    for (i, (s, (number, numbering, title))) in r.sections.iter().zip(expected).enumerate() {
        assert_eq!(usize::from(s.ordinal), i + 1);
        assert_eq!(s.number, number, "section {}", i + 1);
        assert_eq!(s.numbering, numbering, "section {}", i + 1);
        assert_eq!(s.title, title, "section {}", i + 1);
        assert!(s.body.start >= s.heading.end);
    }
    for w in r.sections.windows(2) {
        assert_eq!(w[0].body.end, w[1].heading.start);
    }
}

/// Every value and label points at its own text; no converter noise leaks.
fn check_spans(doc: &Document, r: &Report) {
    for key in TableKey::ALL {
        let t = r.table(key);
        for c in &t.cells {
            let (Some(span), Some(raw)) = (c.span, &c.raw) else {
                panic!("{:?} {} {} has no span", key, c.row, c.column);
            };
            assert_eq!(doc.slice(span), raw);
            assert!(c.problem.is_none(), "{:?} {} {}", key, c.row, c.column);
        }
        for l in &t.labels {
            assert!(!l.found.contains("bookmark"), "{}", l.found);
            assert!(!doc.slice(l.span).contains("bookmark"));
            assert_eq!(
                nianbao_core::vocab::label::fold(doc.slice(l.span)),
                nianbao_core::vocab::label::fold(&l.found)
            );
            assert!(l.deviation.is_none(), "{} deviates", l.found);
        }
        // every row label of the template is found once, the columns in the header
        let def = Template::get(t.layout).table(key);
        for row in def.rows {
            assert!(
                t.labels
                    .iter()
                    .any(|l| l.kind == LabelKind::Row && l.key.as_str() == row.key.as_str()),
                "{:?}: row label {} not found",
                key,
                row.key
            );
        }
        for col in def.columns {
            assert!(
                t.labels
                    .iter()
                    .any(|l| l.kind == LabelKind::Column && l.key.as_str() == col.key.as_str()),
                "{:?}: column label {} not found",
                key,
                col.key
            );
        }
    }
    for s in &r.sections {
        assert!(!doc.slice(s.heading).contains("bookmark"));
    }
}

const CHINESE: Numbering = Numbering::Chinese;

fn official_sections() -> [(&'static str, Numbering, &'static str); 6] {
    [
        ("一", CHINESE, "总体情况"),
        ("二", CHINESE, "主动公开政府信息情况"),
        ("三", CHINESE, "收到和处理政府信息公开申请情况"),
        ("四", CHINESE, "政府信息公开行政复议、行政诉讼情况"),
        ("五", CHINESE, "存在的主要问题及改进情况"),
        ("六", CHINESE, "其他需要报告的事项"),
    ]
}

#[test]
fn seed_000_cell_per_line_consistent() {
    let (doc, r) = load("000");
    assert_eq!(doc.input.layout, "cell-per-line");
    assert_eq!(doc.input.encoding, "utf-8");
    assert_eq!(
        r.title.as_ref().unwrap().value,
        "博山区人民政府办公室2024年政府信息公开工作年度报告"
    );
    assert_eq!(r.agency.as_ref().unwrap().value, "博山区人民政府办公室");
    assert_eq!(r.year.as_ref().unwrap().value, 2024);
    assert_eq!(doc.slice(r.year.as_ref().unwrap().span), "2024");
    let p = r.period.as_ref().unwrap();
    assert_eq!(
        (p.value.start.to_string(), p.value.end.to_string()),
        ("2024-01-01".into(), "2024-12-31".into())
    );
    assert!(r.published.is_none());
    assert_eq!(r.format, Layout::Y2021);
    assert!(!r.mixed_layout);
    check_sections(&r, official_sections());
    check_proactive(&r, [0., 0., 0., 1., 0., 7., 0., 0., 0., 0.]);
    check_requests(
        &r,
        [
            [8., 0., 0., 0., 0., 0., 8.], // 一 新收
            Z7,                           // 二 上年结转
            [1., 0., 0., 0., 0., 0., 1.], // 三(一) 予以公开
            [4., 0., 0., 0., 0., 0., 4.], // 三(二) 部分公开
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,                           // 三(三) 1–8
            [3., 0., 0., 0., 0., 0., 3.], // 三(四)1 不掌握
            Z7,
            Z7, // 三(四)2–3
            Z7,
            Z7,
            Z7,
            Z7,
            Z7, // 三(五) 1–5
            Z7,
            Z7,
            Z7,                           // 三(六) 1–3
            [8., 0., 0., 0., 0., 0., 8.], // 三(七) 总计
            Z7,                           // 四 结转
        ],
    );
    check_appeals(&r, [0.; 15]);
    check_spans(&doc, &r);
    // the label broken across two lines is one label, read whole
    let l = r
        .requests
        .labels
        .iter()
        .find(|l| l.key.as_str() == "not_processed_confirmation")
        .unwrap();
    assert_eq!(l.found, "5.要求行政机关确认或重新出具已获取信息");
    assert_eq!(
        doc.slice(l.span),
        "5.要求行政机关确认或重新\n出具已获取信息"
    );
    // a label that followed a bookmark starts after it
    let l = r
        .requests
        .labels
        .iter()
        .find(|l| l.key.as_str() == "new")
        .unwrap();
    assert_eq!(doc.slice(l.span), "一、本年新收政府信息公开申请数量");
}

#[test]
fn seed_001_unnumbered_heading() {
    let (doc, r) = load("001");
    assert_eq!(doc.input.layout, "cell-per-line");
    assert_eq!(
        r.title.as_ref().unwrap().value,
        "山亭区政府办公室2023年政府信息公开工作年度报告"
    );
    assert_eq!(r.agency.as_ref().unwrap().value, "山亭区政府办公室");
    assert_eq!(r.year.as_ref().unwrap().value, 2023);
    let p = r.period.as_ref().unwrap();
    assert_eq!(
        (p.value.start.to_string(), p.value.end.to_string()),
        ("2023-01-01".into(), "2023-12-31".into())
    );
    assert!(r.published.is_none());
    assert_eq!(r.format, Layout::Y2021);
    let mut s = official_sections();
    s[3].2 = "因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表";
    s[4] = ("", Numbering::None, "存在的主要问题及改进情况");
    check_sections(&r, s);
    check_proactive(&r, [0.; 10]);
    check_requests(&r, [Z7; 25]);
    check_appeals(&r, [0.; 15]);
    check_spans(&doc, &r);
}

#[test]
fn seed_002_arabic_heading() {
    let (doc, r) = load("002");
    assert_eq!(doc.input.layout, "cell-per-line");
    assert_eq!(
        r.title.as_ref().unwrap().value,
        "瑶海区人民政府办公室 2024年政府信息公开工作年度报告"
    );
    assert_eq!(r.agency.as_ref().unwrap().value, "瑶海区人民政府办公室");
    assert_eq!(r.year.as_ref().unwrap().value, 2024);
    assert_eq!(r.format, Layout::Y2021);
    assert!(r.period.is_none());
    assert!(r.published.is_none());
    let mut s = official_sections();
    s[5] = ("6", Numbering::Arabic, "其他需要报告的事项");
    check_sections(&r, s);
    check_proactive(&r, [0., 0., 0., 1., 0., 5., 0., 0., 0., 0.]);
    check_requests(
        &r,
        [
            [41., 1., 0., 0., 61., 0., 103.],
            [5., 0., 0., 0., 0., 0., 5.],
            [8., 0., 0., 0., 4., 0., 12.],
            [8., 0., 0., 0., 15., 0., 23.],
            [1., 0., 0., 0., 0., 0., 1.], // 三(三)1 国家秘密
            Z7,
            Z7,
            Z7,
            Z7,
            [1., 0., 0., 0., 0., 0., 1.], // 三(三)6 过程性信息
            [1., 0., 0., 0., 0., 0., 1.], // 三(三)7 行政执法案卷
            [1., 0., 0., 0., 0., 0., 1.], // 三(三)8 行政查询事项
            [9., 0., 0., 0., 16., 0., 25.],
            [15., 1., 0., 0., 26., 0., 42.],
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            Z7,
            [44., 1., 0., 0., 61., 0., 106.],
            [2., 0., 0., 0., 0., 0., 2.],
        ],
    );
    check_appeals(
        &r,
        [6., 8., 1., 1., 16., 0., 0., 0., 0., 0., 3., 0., 1., 1., 5.],
    );
    check_spans(&doc, &r);
    // “  23” is read, its span still the cell's text
    let c = r.requests.cell(R::PartiallyDisclosed, C::Total).unwrap();
    assert_eq!(c.raw.as_deref(), Some("23"));
}

#[test]
fn seed_003_tsv_lost_tabs_and_extra_figure() {
    let (doc, r) = load("003");
    assert_eq!(doc.input.layout, "tsv");
    assert_eq!(
        r.title.as_ref().unwrap().value,
        "博爱县人民政府 2024 年政府信息公开工作年度报告"
    );
    assert_eq!(r.agency.as_ref().unwrap().value, "博爱县人民政府");
    assert_eq!(r.year.as_ref().unwrap().value, 2024);
    assert_eq!(r.format, Layout::Y2021);
    assert!(r.period.is_none());
    assert!(r.published.is_none());
    check_sections(&r, official_sections());
    check_proactive(
        &r,
        [0., 0., 0., 5., 21., 63., 38042., 217971., 1097., 1129.7494],
    );
    check_requests(
        &r,
        [
            [35., 0., 0., 0., 0., 0., 35.],
            Z7,
            [12., 0., 0., 0., 0., 0., 12.],
            [5., 0., 0., 0., 0., 0., 5.],
            Z7,
            Z7,
            Z7,
            Z7,
            [2., 0., 0., 0., 0., 0., 2.], // 三(三)5 内部事务
            [1., 0., 0., 0., 0., 0., 1.], // 三(三)6 过程性
            [1., 0., 0., 0., 0., 0., 1.], // 三(三)7 执法案卷
            Z7,
            [6., 0., 0., 0., 0., 0., 6.], // 三(四)1 不掌握
            Z7,
            Z7,
            Z7,
            [1., 0., 0., 0., 0., 0., 1.], // 三(五)2 重复申请
            Z7,
            Z7,
            Z7,
            [2., 0., 0., 0., 0., 0., 2.], // 三(六)1 逾期不补正
            Z7,
            [5., 0., 0., 0., 0., 0., 5.], // 三(六)3 其他 — the row that lost its leading tabs
            [35., 0., 0., 0., 0., 0., 35.],
            Z7,
        ],
    );
    // 复议后起诉 0,0,0,0 with 总计 1 (the rules report it); the 16th figure is not a cell
    check_appeals(
        &r,
        [6., 1., 0., 0., 7., 0., 0., 0., 0., 0., 0., 0., 0., 0., 1.],
    );
    check_spans(&doc, &r);
    let misc = r.requests.cell(R::OtherMisc, C::NaturalPerson).unwrap();
    assert_eq!(misc.raw.as_deref(), Some("5"));
    let l = r
        .requests
        .labels
        .iter()
        .find(|l| l.key.as_str() == "other_misc")
        .unwrap();
    assert_eq!(l.found, "3. 其他");
}

#[test]
fn seed_004_pipe_with_metadata() {
    let (doc, r) = load("004");
    assert_eq!(doc.input.layout, "pipe");
    assert_eq!(
        r.title.as_ref().unwrap().value,
        "淄博高新技术产业开发区发展改革局 2024年度政府信息公开工作年度报告"
    );
    assert_eq!(
        r.agency.as_ref().unwrap().value,
        "淄博高新技术产业开发区发展改革局"
    );
    assert_eq!(r.year.as_ref().unwrap().value, 2024);
    let pubd = r.published.as_ref().unwrap();
    assert_eq!(pubd.value.to_string(), "2025-01-15");
    assert_eq!(doc.slice(pubd.span), "2025-01-15");
    let p = r.period.as_ref().unwrap();
    assert_eq!(
        (p.value.start.to_string(), p.value.end.to_string()),
        ("2024-01-01".into(), "2024-12-31".into())
    );
    assert_eq!(r.format, Layout::Y2021);
    let mut s = official_sections();
    s[3].2 = "因政府信息公开行政复议、行政诉讼情况";
    check_sections(&r, s);
    check_proactive(&r, [0., 0., 0., 0., 0., 0., 2., 0., 0., 0.]);
    let mut rows = [Z7; 25];
    rows[0] = [3., 0., 0., 0., 0., 0., 3.];
    rows[2] = [3., 0., 0., 0., 0., 0., 3.];
    rows[23] = [3., 0., 0., 0., 0., 0., 3.];
    check_requests(&r, rows);
    check_appeals(&r, [0.; 15]);
    check_spans(&doc, &r);
}

#[test]
fn no_anomalies_in_the_seeds() {
    for p in ["000", "001", "002", "003", "004"] {
        let (_, r) = load(p);
        for key in TableKey::ALL {
            let t = r.table(key);
            let unexpected: Vec<&TableAnomaly> = t.anomalies.iter().collect();
            assert!(unexpected.is_empty(), "{p} {key:?}: {unexpected:?}");
        }
        assert!(!r.mixed_layout, "{p}");
    }
}

/// The seed as a PDF viewer would let one copy it: each table row on one line,
/// cells separated by spaces, no tabs and no pipes.
fn as_copied_from_pdf(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            nianbao_core::Block::Paragraph(p) => {
                out += doc.slice(p.span);
                out += "\n";
            }
            nianbao_core::Block::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<&str> = row
                        .iter()
                        .map(|c| c.text.as_str())
                        .filter(|c| !c.trim().is_empty())
                        .collect();
                    if !cells.is_empty() {
                        out += &cells.join(" ");
                        out += "\n";
                    }
                }
            }
        }
    }
    out
}

fn values(r: &Report) -> Vec<(TableKey, R, C, Option<f64>)> {
    TableKey::ALL
        .iter()
        .flat_map(|k| {
            r.table(*k)
                .cells
                .iter()
                .map(move |c| (*k, c.row, c.column, c.value))
        })
        .collect()
}

#[test]
fn seeds_copied_from_a_pdf_read_the_same() {
    for p in ["000", "001", "002", "003", "004"] {
        let (doc, base) = load(p);
        let mut plain = as_copied_from_pdf(&doc);
        if p == "003" {
            // figures and labels with spaces inside, as PDF viewers copy them
            plain = plain
                .replace(" 217971", " 217 971")
                .replace(" 1129.7494", " 1 129.7494")
                .replace("行政许可 ", "行 政 许 可 ");
        }
        let doc2 = read("copied.txt", plain.as_bytes(), &Limits::default()).expect("reads");
        assert_eq!(doc2.input.layout, "plain", "{p}");
        let r = extract(&doc2);
        let want = values(&base);
        let got = values(&r);
        let diff: Vec<_> = want.iter().zip(&got).filter(|(a, b)| a != b).collect();
        assert!(diff.is_empty(), "{p}: {diff:?}\n{plain}");
        assert_eq!(r.sections.len(), 6, "{p}");
        assert_eq!(
            r.year.as_ref().map(|y| y.value),
            base.year.as_ref().map(|y| y.value)
        );
        assert_eq!(
            r.agency.as_ref().map(|y| &y.value),
            base.agency.as_ref().map(|y| &y.value)
        );
        for key in TableKey::ALL {
            for c in &r.table(key).cells {
                assert_eq!(doc2.slice(c.span.unwrap()), c.raw.as_deref().unwrap());
            }
        }
    }
}

#[test]
fn seeds_with_one_cell_per_line_and_no_indent_read_the_same() {
    // a PDF viewer often copies a table one cell per line, without indents
    for p in ["000", "001", "002"] {
        let (doc, base) = load(p);
        let plain: String = doc
            .text
            .lines()
            .map(|l| l.trim_start_matches('\t'))
            .collect::<Vec<_>>()
            .join("\n");
        let doc2 = read("copied.txt", plain.as_bytes(), &Limits::default()).expect("reads");
        assert_eq!(doc2.input.layout, "plain", "{p}");
        let r = extract(&doc2);
        let want = values(&base);
        let got = values(&r);
        let diff: Vec<_> = want.iter().zip(&got).filter(|(a, b)| a != b).collect();
        assert!(
            diff.is_empty(),
            "{p}: {} cells differ, first {:?}",
            diff.len(),
            diff.first()
        );
        assert_eq!(r.sections.len(), 6, "{p}");
    }
}
