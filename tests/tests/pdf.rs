//! The PDF reader: real published PDFs and PDFs made from the seeds.

use nianbao_core::document::{Block, Cell, Document, InputKind, Table};
use nianbao_core::extract::extract;
use nianbao_core::read::{read, Limits, ReadErrorKind};
use nianbao_core::{Layout, TableKey, Template};

/// A real published report of `tests/fixtures/real`.
fn corpus(name: &str) -> Vec<u8> {
    nianbao_tests::fixture(&format!("real/{name}"))
}

fn dump(doc: &Document) -> String {
    let mut s = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => s.push_str(&format!("P {}\n", doc.slice(p.span))),
            Block::Table(t) => {
                s.push_str("TABLE\n");
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .iter()
                        .map(|c| {
                            if c.continuation {
                                "^".to_string()
                            } else {
                                format!(
                                    "{}[{}x{}]",
                                    c.text.replace('\n', "/"),
                                    c.col_span,
                                    c.row_span
                                )
                            }
                        })
                        .collect();
                    s.push_str(&format!("  | {}\n", cells.join(" | ")));
                }
            }
        }
    }
    s
}

fn huaian() -> Document {
    read(
        "huaian-city-2024.pdf",
        &corpus("huaian-city-2024.pdf"),
        &Limits::default(),
    )
    .expect("the corpus PDF reads")
}

/// The texts of a row's cells, continuations left out.
fn texts(row: &[Cell]) -> Vec<&str> {
    row.iter()
        .filter(|c| !c.continuation)
        .map(|c| c.text.as_str())
        .collect()
}

/// The figures of a row (cells that are numbers), in order.
fn figures(row: &[Cell]) -> Vec<&str> {
    texts(row)
        .into_iter()
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect()
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

#[test]
fn huaian_input_and_spans() {
    let doc = huaian();
    assert_eq!(doc.input.kind, InputKind::Pdf);
    assert_eq!(doc.input.layout, "positioned");
    // Every span is the text of its block or cell.
    let mut last = 0;
    for b in &doc.blocks {
        let s = b.span();
        assert!(
            s.start >= last && s.end <= doc.text.len(),
            "blocks in text order"
        );
        last = s.end;
        if let Block::Table(t) = b {
            for c in t.cells() {
                assert_eq!(doc.slice(c.span), c.text);
                assert!(t.span.contains(c.span));
            }
        }
    }
    // The six headings are paragraphs of their own; page numbers are gone.
    let paras: Vec<&str> = doc.paragraphs().map(|p| doc.slice(p.span)).collect();
    for h in [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ] {
        assert!(paras.contains(&h), "heading {h} in {paras:?}");
    }
    assert!(
        !paras
            .iter()
            .any(|p| p.contains("- 3 -") || p.trim() == "-3-"),
        "page numbers dropped"
    );
    // Running text wrapped over lines and pages is one paragraph.
    assert!(paras
        .iter()
        .any(|p| p.starts_with("（四）政府信息公开平台建设情况")
            && p.contains("将栏目不更新、政策解读不通俗易懂")
            && p.ends_with("合格率均为 100%。")));
    assert!(paras
        .iter()
        .any(|p| p.contains("全市共受理政府信息公开申请 3119件，答复 3050件")));
    assert_eq!(
        tables(&doc).len(),
        3,
        "tables 二, 三 and 四 (二 and 三 continue over a page)"
    );
}

/// Values read by eye from the rendered pages 3–5 of the corpus PDF.
#[test]
fn huaian_table_two() {
    let doc = huaian();
    let t = tables(&doc)[0];
    let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| texts(r)).collect();
    let expected: Vec<Vec<&str>> = vec![
        vec!["第二十条第（一）项"],
        vec!["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        vec!["规章", "1", "0", "11"],
        vec!["行政规范性文件", "8", "26", "66"],
        vec!["第二十条第（五）项"],
        vec!["信息内容", "本年处理决定数量"],
        vec!["行政许可", "447228"],
        vec!["第二十条第（六）项"],
        // Page 4: the table goes on.
        vec!["信息内容", "本年处理决定数量"],
        vec!["行政处罚", "3985758"],
        vec!["行政强制", "88283"],
        vec!["第二十条第（八）项"],
        vec!["信息内容", "本年收费金额（单位：万元）"],
        vec!["行政事业性收费", "96171.6"],
    ];
    assert_eq!(rows, expected);
    // The heading row spans the four columns.
    assert_eq!(t.rows[0][0].col_span, 4);
}

#[test]
fn huaian_table_three() {
    let doc = huaian();
    let t = tables(&doc)[1];
    // (label fragment, 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)
    let expected: &[(&str, [&str; 7])] = &[
        (
            "一、本年新收政府信息公开申请数量",
            ["3001", "53", "0", "0", "61", "4", "3119"],
        ),
        (
            "二、上年结转政府信息公开申请数量",
            ["34", "0", "0", "0", "0", "0", "34"],
        ),
        (
            "（一）予以公开",
            ["1288", "21", "0", "0", "50", "3", "1362"],
        ),
        ("（二）部分公开", ["447", "7", "0", "0", "0", "0", "454"]),
        ("1.属于国家秘密", ["2", "0", "0", "0", "0", "0", "2"]),
        (
            "2.其他法律行政法规禁止公开",
            ["30", "1", "0", "0", "0", "0", "31"],
        ),
        ("3.危及“三安全一稳定”", ["5", "0", "0", "0", "0", "0", "5"]),
        ("4.保护第三方合法权益", ["6", "0", "0", "0", "0", "0", "6"]),
        (
            "5.属于三类内部事务信息",
            ["7", "1", "0", "0", "0", "0", "8"],
        ),
        (
            "6.属于四类过程性信息",
            ["12", "0", "0", "0", "0", "0", "12"],
        ),
        ("7.属于行政执法案卷", ["9", "0", "0", "0", "0", "0", "9"]),
        (
            "8.属于行政查询事项",
            ["105", "0", "0", "0", "0", "0", "105"],
        ),
        (
            "1.本机关不掌握相关政府信息",
            ["746", "12", "0", "0", "10", "1", "769"],
        ),
        (
            "2.没有现成信息需要另行制作",
            ["11", "0", "0", "0", "0", "0", "11"],
        ),
        (
            "3.补正后申请内容仍不明确",
            ["1", "0", "0", "0", "0", "0", "1"],
        ),
        (
            "1.信访举报投诉类申请",
            ["56", "6", "0", "0", "0", "0", "62"],
        ),
        ("2.重复申请", ["25", "0", "0", "0", "0", "0", "25"]),
        ("3.要求提供公开出版物", ["0", "0", "0", "0", "0", "0", "0"]),
        (
            "4.无正当理由大量反复申请",
            ["0", "0", "0", "0", "0", "0", "0"],
        ),
        (
            "5.要求行政机关确认或重新出\n具已获取信息",
            ["1", "0", "0", "0", "0", "0", "1"],
        ),
        (
            "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请",
            ["67", "3", "0", "0", "1", "0", "71"],
        ),
        (
            "2、申请人逾期未按收费通知要\n求缴纳费用、行政机关不再处理\n其政府信息公开申请",
            ["6", "0", "0", "0", "0", "0", "6"],
        ),
        ("3、其他", ["108", "2", "0", "0", "0", "0", "110"]),
        ("（七）总计", ["2932", "53", "0", "0", "61", "4", "3050"]),
        (
            "四、结转下年度继续办理",
            ["103", "0", "0", "0", "0", "0", "103"],
        ),
    ];
    let data: Vec<&Vec<Cell>> = t.rows.iter().filter(|r| figures(r).len() == 7).collect();
    assert_eq!(data.len(), 25, "25 rows of figures");
    for (row, (label, values)) in data.iter().zip(expected) {
        let cells = texts(row);
        assert!(
            cells.iter().any(|c| c.starts_with(label)),
            "{label:?} in {cells:?}"
        );
        assert_eq!(figures(row), values.to_vec(), "row {label}");
        // Label first, then the seven figures as the last seven cells.
        assert_eq!(cells[cells.len() - 7..], values[..]);
    }
    // Every row keeps its columns: 10 grid columns in all.
    for r in &t.rows {
        let cols: u32 = r.iter().map(|c| c.col_span).sum();
        assert_eq!(cols, 10, "row {:?}", texts(r));
    }
    // The tall label written one character per line, and the group labels,
    // merged across the page break.
    let all: Vec<&Cell> = t.cells().filter(|c| !c.continuation).collect();
    let tall = all
        .iter()
        .find(|c| c.text.starts_with("三、"))
        .expect("vertical label");
    assert_eq!(tall.text, "三、\n本\n年\n度\n办\n理\n结\n果");
    assert_eq!(tall.row_span, 22);
    let four = all
        .iter()
        .find(|c| c.text.starts_with("（四）"))
        .expect("（四） label");
    assert_eq!(four.text, "（四）无\n法提供");
    assert_eq!(four.row_span, 3);
    let five = all
        .iter()
        .find(|c| c.text.starts_with("（五）"))
        .expect("（五） label");
    assert_eq!((five.text.as_str(), five.row_span), ("（五）不\n予处理", 5));
    // The header: 申请人情况 over seven columns, 法人或其他组织 over five.
    let head = texts(&t.rows[0]);
    assert!(head[0].starts_with("（本列数据的勾稽关系为："));
    assert_eq!(head[1], "申请人情况");
    assert_eq!(t.rows[0][1].col_span, 7);
    assert_eq!(texts(&t.rows[1]), ["自然人", "法人或其他组织", "总计"]);
    assert_eq!(
        texts(&t.rows[2]),
        [
            "商业企\n业",
            "科研机\n构",
            "社会公益\n组织",
            "法律服务\n机构",
            "其他"
        ]
    );
}

#[test]
fn huaian_table_four() {
    let doc = huaian();
    let t = tables(&doc)[2];
    assert_eq!(texts(&t.rows[0]), ["行政复议", "行政诉讼"]);
    assert_eq!(texts(&t.rows[1])[5..], ["未经复议直接起诉", "复议后起诉"]);
    assert_eq!(t.rows.len(), 4);
    assert_eq!(
        figures(&t.rows[3]),
        ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]
    );
}

/// Figures of the tables of a seed as its text has them: the numbers of its
/// table lines between heading 二 and heading 五, in order.
fn seed_figures(text: &str) -> Vec<String> {
    let start = text.find("二、主动公开政府信息情况").expect("heading 二");
    let end = text[start..]
        .find("五、")
        .map(|e| start + e)
        .unwrap_or(text.len());
    text[start..end]
        .lines()
        .filter(|l| l.starts_with('\t') || l.contains('\t'))
        .flat_map(|l| l.split('\t'))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(String::from)
        .collect()
}

fn pdf_figures(doc: &Document) -> Vec<String> {
    doc.tables()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| figures(r))
        .map(String::from)
        .collect()
}

#[test]
fn seed_pdfs_keep_every_figure_of_their_text() {
    for prefix in ["000", "002", "003"] {
        let (_, bytes) = nianbao_tests::seed(prefix);
        let text = String::from_utf8(bytes).unwrap();
        let expected = seed_figures(&text);
        assert!(
            expected.len() >= 200,
            "seed {prefix} has {} figures",
            expected.len()
        );
        let name = format!("seed-{prefix}.pdf");
        let doc = read(
            &name,
            &nianbao_tests::fixture(&format!("pdf/{name}")),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(pdf_figures(&doc), expected, "seed {prefix}");
        assert_eq!(doc.tables().count(), 3, "seed {prefix}: tables 二, 三, 四");
    }
}

#[test]
fn seed_pdf_rows_are_the_rows_of_the_text() {
    // Seed 003 has one table row per line: each PDF row holds that line's cells.
    let (_, bytes) = nianbao_tests::seed("003");
    let text = String::from_utf8(bytes).unwrap();
    let doc = read(
        "seed-003.pdf",
        &nianbao_tests::fixture("pdf/seed-003.pdf"),
        &Limits::default(),
    )
    .unwrap();
    let t3 = doc.tables().nth(1).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("一、本年新收"))
        .unwrap();
    let want: Vec<&str> = line.split('\t').map(str::trim).collect();
    let row = t3
        .rows
        .iter()
        .find(|r| r[0].text.starts_with("一、本年新收"))
        .unwrap();
    let got: Vec<String> = row.iter().map(|c| c.text.replace('\n', "")).collect();
    assert_eq!(got, want);
    // The row whose leading tabs were lost stays as the text has it.
    let lost = t3
        .rows
        .iter()
        .find(|r| r[0].text.starts_with("3. 其他"))
        .unwrap();
    assert_eq!(figures(lost), ["5", "0", "0", "0", "0", "0", "5"]);
}

#[test]
fn scanned_pdf_is_refused_with_a_clear_message() {
    let e = read(
        "scan.pdf",
        &nianbao_tests::fixture("pdf/scanned.pdf"),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::Scanned);
    assert!(e.message.contains("扫描件"), "{}", e.message);
    assert!(e.message_en.contains("scanned"), "{}", e.message_en);
}

/// Owner-password-only files (empty user password) open like in any viewer.
#[test]
fn encrypted_pdfs_without_a_user_password_are_read() {
    let plain = read(
        "seed-003.pdf",
        &nianbao_tests::fixture("pdf/seed-003.pdf"),
        &Limits::default(),
    )
    .unwrap();
    for f in [
        "encrypted-rc4.pdf",
        "encrypted-aes128.pdf",
        "encrypted-aes256.pdf",
    ] {
        let doc = read(
            f,
            &nianbao_tests::fixture(&format!("pdf/{f}")),
            &Limits::default(),
        )
        .unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(doc.text, plain.text, "{f}");
        assert_eq!(doc.blocks, plain.blocks, "{f}");
    }
}

#[test]
fn pdfs_that_need_a_password_are_refused_with_a_clear_message() {
    let e = read(
        "x.pdf",
        &nianbao_tests::fixture("pdf/encrypted-password.pdf"),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::Encrypted);
    assert!(e.message.contains("加密"), "{}", e.message);
    assert!(e.message_en.contains("encrypted"), "{}", e.message_en);
}

#[test]
fn decompression_bomb_is_refused() {
    let start = std::time::Instant::now();
    let e = read(
        "bomb.pdf",
        &nianbao_tests::fixture("pdf/bomb.pdf"),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge, "{e}");
    let small = Limits {
        max_inflated_stream_bytes: 1 << 20,
        ..Limits::default()
    };
    let e = read("bomb.pdf", &nianbao_tests::fixture("pdf/bomb.pdf"), &small).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn a_million_objects_are_refused_quickly() {
    let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 1000000\n0000000000 65535 f \n");
    pdf.extend_from_slice(
        format!("trailer\n<< /Size 1000000 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    let start = std::time::Instant::now();
    let e = read("big.pdf", &pdf, &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge, "{e}");
    assert!(e.message.contains("1000000"), "{}", e.message);
    assert!(start.elapsed().as_millis() < 2000);
    // The same through an xref stream's /Size.
    let mut pdf = b"%PDF-1.5\n".to_vec();
    let xref = pdf.len();
    pdf.extend_from_slice(b"5 0 obj\n<< /Type /XRef /Size 5000000 /W [1 4 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n");
    pdf.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
    let e = read("big.pdf", &pdf, &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge, "{e}");
}

#[test]
fn damaged_pdfs_give_corrupt_not_a_panic() {
    for bytes in [
        &b"%PDF-1.4\n"[..],
        b"%PDF-1.7\ngarbage garbage\n%%EOF",
        b"%PDF-\x00\xff\xfe",
    ] {
        let e = read("x.pdf", bytes, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::Corrupt, "{e}");
    }
    let e = read("x.pdf", b"not a pdf at all", &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::Corrupt, "{e}");
}

#[test]
fn a_broken_xref_is_rebuilt_by_scanning() {
    // Point startxref at nonsense: the objects are found by scanning.
    let mut bytes = nianbao_tests::fixture("pdf/seed-003.pdf");
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    bytes.truncate(at);
    bytes.extend_from_slice(b"startxref\n12345678\n%%EOF\n");
    let doc = read("x.pdf", &bytes, &Limits::default()).expect("rebuilt");
    assert_eq!(doc.tables().count(), 3);
}

#[test]
fn truncated_and_mangled_pdfs_never_panic() {
    let whole = corpus("huaian-city-2024.pdf");
    let mut cut = 0;
    while cut < whole.len() {
        let _ = read("x.pdf", &whole[..cut], &Limits::default());
        cut += 7919;
    }
    let base = nianbao_tests::fixture("pdf/seed-003.pdf");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..60 {
        let mut b = base.clone();
        for _ in 0..20 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed % b.len() as u64) as usize;
            b[i] = (seed >> 32) as u8;
        }
        let _ = read("x.pdf", &b, &Limits::default());
    }
}

/// Extraction reads all 200 cells of the corpus PDF right (values by eye, as above).
#[test]
fn huaian_extracts_every_cell() {
    let doc = huaian();
    let r = extract(&doc);
    let two: Vec<Option<f64>> = r.proactive.cells.iter().map(|c| c.value).collect();
    let want2 = [
        1.0, 0.0, 11.0, 8.0, 26.0, 66.0, 447228.0, 3985758.0, 88283.0, 96171.6,
    ];
    assert_eq!(two, want2.iter().map(|v| Some(*v)).collect::<Vec<_>>());
    let three: Vec<f64> = r
        .requests
        .cells
        .iter()
        .map(|c| c.value.expect("a figure"))
        .collect();
    let want3: [[f64; 7]; 25] = [
        [3001.0, 53.0, 0.0, 0.0, 61.0, 4.0, 3119.0],
        [34.0, 0.0, 0.0, 0.0, 0.0, 0.0, 34.0],
        [1288.0, 21.0, 0.0, 0.0, 50.0, 3.0, 1362.0],
        [447.0, 7.0, 0.0, 0.0, 0.0, 0.0, 454.0],
        [2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
        [30.0, 1.0, 0.0, 0.0, 0.0, 0.0, 31.0],
        [5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0],
        [6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0],
        [7.0, 1.0, 0.0, 0.0, 0.0, 0.0, 8.0],
        [12.0, 0.0, 0.0, 0.0, 0.0, 0.0, 12.0],
        [9.0, 0.0, 0.0, 0.0, 0.0, 0.0, 9.0],
        [105.0, 0.0, 0.0, 0.0, 0.0, 0.0, 105.0],
        [746.0, 12.0, 0.0, 0.0, 10.0, 1.0, 769.0],
        [11.0, 0.0, 0.0, 0.0, 0.0, 0.0, 11.0],
        [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        [56.0, 6.0, 0.0, 0.0, 0.0, 0.0, 62.0],
        [25.0, 0.0, 0.0, 0.0, 0.0, 0.0, 25.0],
        [0.0; 7],
        [0.0; 7],
        [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        [67.0, 3.0, 0.0, 0.0, 1.0, 0.0, 71.0],
        [6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0],
        [108.0, 2.0, 0.0, 0.0, 0.0, 0.0, 110.0],
        [2932.0, 53.0, 0.0, 0.0, 61.0, 4.0, 3050.0],
        [103.0, 0.0, 0.0, 0.0, 0.0, 0.0, 103.0],
    ];
    assert_eq!(three, want3.iter().flatten().copied().collect::<Vec<_>>());
    let def = Template::get(Layout::Y2021).table(TableKey::Requests);
    let keys: Vec<_> = r.requests.cells.iter().step_by(7).map(|c| c.row).collect();
    assert_eq!(keys, def.rows.iter().map(|r| r.key).collect::<Vec<_>>());
    let four: Vec<Option<f64>> = r.appeals.cells.iter().map(|c| c.value).collect();
    let want4 = [
        72.0, 64.0, 178.0, 37.0, 351.0, 13.0, 4.0, 8.0, 1.0, 26.0, 12.0, 1.0, 1.0, 6.0, 20.0,
    ];
    assert_eq!(four, want4.iter().map(|v| Some(*v)).collect::<Vec<_>>());
    for key in TableKey::ALL {
        let t = r.table(key);
        assert!(t.anomalies.is_empty(), "{key:?}: {:?}", t.anomalies);
        for c in &t.cells {
            let (Some(span), Some(raw)) = (c.span, &c.raw) else {
                panic!("{} {} without span", c.row, c.column)
            };
            assert_eq!(doc.slice(span), raw);
        }
    }
}

/// Each seed PDF gives the same 200 cells as the seed's text.
#[test]
fn seed_pdfs_extract_like_their_text() {
    for prefix in ["000", "002", "003"] {
        let (name, bytes) = nianbao_tests::seed(prefix);
        let from_text = extract(&read(&name, &bytes, &Limits::default()).unwrap());
        let pdf = format!("seed-{prefix}.pdf");
        let from_pdf = extract(
            &read(
                &pdf,
                &nianbao_tests::fixture(&format!("pdf/{pdf}")),
                &Limits::default(),
            )
            .unwrap(),
        );
        let mut n = 0;
        for key in TableKey::ALL {
            let (a, b) = (from_text.table(key), from_pdf.table(key));
            assert_eq!(a.found, b.found, "{prefix} {key:?}");
            let ca: Vec<_> = a.cells.iter().map(|c| (c.row, c.column, c.value)).collect();
            let cb: Vec<_> = b.cells.iter().map(|c| (c.row, c.column, c.value)).collect();
            assert_eq!(ca, cb, "seed {prefix} table {key:?}");
            n += cb.len();
        }
        assert_eq!(n, 200, "seed {prefix}");
    }
}

/// The .docx fixtures (official layout, merged cells) printed to PDF by
/// LibreOffice: tables cut by page breaks in the middle of merged cells and
/// of rows. Every seed's 200 cells come out as from its text.
#[test]
fn docx_printed_pdfs_extract_like_their_text() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let (name, bytes) = nianbao_tests::seed(prefix);
        let from_text = extract(&read(&name, &bytes, &Limits::default()).unwrap());
        let pdf = format!("docx-{prefix}.pdf");
        let doc = read(
            &pdf,
            &nianbao_tests::fixture(&format!("pdf/{pdf}")),
            &Limits::default(),
        )
        .unwrap();
        let from_pdf = extract(&doc);
        let mut n = 0;
        for key in TableKey::ALL {
            let (a, b) = (from_text.table(key), from_pdf.table(key));
            let ca: Vec<_> = a.cells.iter().map(|c| (c.row, c.column, c.value)).collect();
            let cb: Vec<_> = b.cells.iter().map(|c| (c.row, c.column, c.value)).collect();
            assert_eq!(ca, cb, "seed {prefix} table {key:?}");
            n += cb.len();
        }
        assert!(n >= 200, "seed {prefix}: {n} cells");
        // Table 三 is one table again, whatever the page breaks did to it.
        let t3 = doc
            .tables()
            .find(|t| t.cells().any(|c| c.text.starts_with("一、本年新收")))
            .unwrap();
        let tall = t3
            .cells()
            .find(|c| c.text.starts_with("三、"))
            .expect("三、本年度办理结果");
        assert_eq!(
            tall.text.replace('\n', ""),
            "三、本年度办理结果",
            "seed {prefix}"
        );
        let rows_with_figures = t3.rows.iter().filter(|r| figures(r).len() == 7).count();
        assert_eq!(
            tall.row_span as usize,
            rows_with_figures - 3,
            "seed {prefix}: spans the outcome rows and （七）总计"
        );
    }
}

/// A table printed without any borders: rows and cells from positions only
/// (figures anchor rows, wrapped labels join them). Tables 二 and 四 come out
/// whole; table 三 loses only the row whose label a page break cuts in two
/// (三(六)1), which a text copied from the same page would lose too.
#[test]
fn borderless_tables_are_read_from_positions() {
    let (name, bytes) = nianbao_tests::seed("003");
    let text = extract(&read(&name, &bytes, &Limits::default()).unwrap());
    let doc = read(
        "b.pdf",
        &nianbao_tests::fixture("pdf/seed-003-borderless.pdf"),
        &Limits::default(),
    )
    .unwrap();
    let pdf = extract(&doc);
    for key in [TableKey::Proactive, TableKey::Appeals] {
        let ca: Vec<_> = text
            .table(key)
            .cells
            .iter()
            .map(|c| (c.row, c.column, c.value))
            .collect();
        let cb: Vec<_> = pdf
            .table(key)
            .cells
            .iter()
            .map(|c| (c.row, c.column, c.value))
            .collect();
        assert_eq!(ca, cb, "{key:?}");
    }
    let (a, b) = (
        text.table(TableKey::Requests),
        pdf.table(TableKey::Requests),
    );
    let wrong: Vec<&str> = a
        .cells
        .iter()
        .filter(|ca| {
            !b.cells
                .iter()
                .any(|cb| cb.row == ca.row && cb.column == ca.column && cb.value == ca.value)
        })
        .map(|c| c.row.as_str())
        .collect();
    assert!(
        wrong.iter().all(|r| *r == "other_overdue_correction"),
        "{wrong:?}"
    );
    // The heading after table 二 stays a paragraph, not a cell.
    assert!(doc
        .paragraphs()
        .any(|p| doc.slice(p.span) == "三、收到和处理政府信息公开申请情况"));
}

/// A PDF written by hand, object by object, to reach what the fixtures do
/// not: inherited resources, a content array, TJ kerning, TD/T*, hex strings,
/// `/Differences`, horizontal scaling, a Form XObject, object streams with an
/// xref stream, and an incremental update.
struct HandPdf {
    objects: Vec<(u32, Vec<u8>)>,
}

impl HandPdf {
    fn new() -> Self {
        let stream = |dict: &str, data: &str| {
            format!(
                "<< {dict} /Length {} >>\nstream\n{data}\nendstream",
                data.len()
            )
            .into_bytes()
        };
        let objects = vec![
            (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
            (
                2,
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>"
                    .to_vec(),
            ),
            (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 7 0 R] >>".to_vec()),
            (4, stream("", "BT /F1 12 Tf 72 800 Td (Hello) Tj 0 -20 TD [(W) 120 (orld)] TJ T* <414243> Tj ET")),
            (
                5,
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /uni6DEE] >> >>"
                    .to_vec(),
            ),
            (
                6,
                stream(
                    "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -100] /Resources << /Font << /F1 5 0 R >> >>",
                    "BT /F1 12 Tf 72 600 Td (Inside form) Tj ET",
                ),
            ),
            (7, stream("", "q /X1 Do Q BT /F1 12 Tf 50 Tz 72 400 Td (Squeezed) Tj ET")),
        ];
        HandPdf { objects }
    }

    /// Classic cross-reference table.
    fn classic(&self) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in &self.objects {
            offsets.push((*n, out.len()));
            out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
        );
        for (_, off) in &offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                offsets.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    /// Dictionaries in an object stream (object 8), found through an xref stream (object 9).
    fn compressed(&self) -> Vec<u8> {
        let mut out = b"%PDF-1.5\n".to_vec();
        let packed: Vec<&(u32, Vec<u8>)> = self
            .objects
            .iter()
            .filter(|(n, _)| [1, 2, 3, 5].contains(n))
            .collect();
        let mut header = String::new();
        let mut body = Vec::new();
        for (n, b) in &packed {
            header.push_str(&format!("{n} {} ", body.len()));
            body.extend_from_slice(b);
            body.push(b'\n');
        }
        let mut data = header.clone().into_bytes();
        data.extend_from_slice(&body);
        let mut offsets: Vec<(u32, u8, usize, usize)> = Vec::new(); // (num, type, field2, field3)
        for (n, b) in self
            .objects
            .iter()
            .filter(|(n, _)| ![1, 2, 3, 5].contains(n))
        {
            offsets.push((*n, 1, out.len(), 0));
            out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
            out.extend_from_slice(b);
            out.extend_from_slice(b"\nendobj\n");
        }
        offsets.push((8, 1, out.len(), 0));
        out.extend_from_slice(
            format!(
                "8 0 obj\n<< /Type /ObjStm /N {} /First {} /Length {} >>\nstream\n",
                packed.len(),
                header.len(),
                data.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        for (i, (n, _)) in packed.iter().enumerate() {
            offsets.push((*n, 2, 8, i));
        }
        let xref = out.len();
        offsets.push((9, 1, xref, 0));
        offsets.sort();
        let mut rows = vec![0u8, 0, 0, 0, 0, 0xff]; // object 0: free
        for (_, t, f2, f3) in &offsets {
            rows.push(*t);
            rows.extend_from_slice(&(*f2 as u32).to_be_bytes());
            rows.push(*f3 as u8);
        }
        out.extend_from_slice(
            format!(
                "9 0 obj\n<< /Type /XRef /Size 10 /W [1 4 1] /Root 1 0 R /Length {} >>\nstream\n",
                rows.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&rows);
        out.extend_from_slice(
            format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }
}

fn hand_lines(doc: &Document) -> Vec<&str> {
    doc.paragraphs().map(|p| doc.slice(p.span)).collect()
}

#[test]
fn hand_written_pdfs_read_through_every_structure() {
    let pdf = HandPdf::new();
    let want = ["Hello", "World", "淮BC", "Inside form", "Squeezed"];
    let classic = read("h.pdf", &pdf.classic(), &Limits::default()).unwrap();
    assert_eq!(hand_lines(&classic), want);
    let compressed = read("h.pdf", &pdf.compressed(), &Limits::default()).unwrap();
    assert_eq!(hand_lines(&compressed), want);
    // An incremental update replacing the second content stream.
    let mut updated = pdf.classic();
    let prev = String::from_utf8_lossy(&updated)
        .rfind("startxref")
        .map(|i| {
            String::from_utf8_lossy(&updated)[i + 10..]
                .lines()
                .next()
                .unwrap()
                .trim()
                .parse::<usize>()
                .unwrap()
        });
    let off = updated.len();
    let data = "BT /F1 12 Tf 72 400 Td (Updated) Tj ET";
    updated.extend_from_slice(
        format!(
            "7 0 obj\n<< /Length {} >>\nstream\n{data}\nendstream\nendobj\n",
            data.len()
        )
        .as_bytes(),
    );
    let xref = updated.len();
    updated.extend_from_slice(
        format!("xref\n7 1\n{off:010} 00000 n \ntrailer\n<< /Size 8 /Root 1 0 R /Prev {} >>\nstartxref\n{xref}\n%%EOF\n", prev.unwrap())
            .as_bytes(),
    );
    let doc = read("h.pdf", &updated, &Limits::default()).unwrap();
    assert_eq!(hand_lines(&doc), ["Hello", "World", "淮BC", "Updated"]);
}

#[test]
#[ignore]
fn dump_huaian() {
    let doc = read(
        "huaian-city-2024.pdf",
        &corpus("huaian-city-2024.pdf"),
        &Limits::default(),
    )
    .unwrap();
    println!("{}", dump(&doc));
}

#[test]
#[ignore]
fn dump_fixture() {
    let name = std::env::var("PDF").unwrap_or_else(|_| "seed-000.pdf".into());
    let doc = read(
        &name,
        &nianbao_tests::fixture(&format!("pdf/{name}")),
        &Limits::default(),
    )
    .unwrap();
    println!("{}", dump(&doc));
}

#[test]
#[ignore]
fn dump_extract() {
    let name = std::env::var("PDF").unwrap_or_else(|_| "huaian".into());
    let doc = if name == "huaian" {
        huaian()
    } else {
        read(
            &name,
            &nianbao_tests::fixture(&format!("pdf/{name}")),
            &Limits::default(),
        )
        .unwrap()
    };
    let r = nianbao_core::extract::extract(&doc);
    for key in nianbao_core::TableKey::ALL {
        let t = r.table(key);
        println!(
            "{:?} found {} layout {:?} cells {} anomalies {:?}",
            key,
            t.found,
            t.layout,
            t.cells.len(),
            t.anomalies
        );
        let v: Vec<String> = t
            .cells
            .iter()
            .map(|c| {
                format!(
                    "{}.{}={}",
                    c.row,
                    c.column,
                    c.value.map(|v| v.to_string()).unwrap_or("-".into())
                )
            })
            .collect();
        println!("  {}", v.join(" "));
    }
}

#[test]
#[ignore]
fn compare_extract() {
    let prefix = std::env::var("SEED").unwrap_or_else(|_| "003".into());
    let name = std::env::var("PDF").unwrap();
    let (sname, bytes) = nianbao_tests::seed(&prefix);
    let a = extract(&read(&sname, &bytes, &Limits::default()).unwrap());
    let b = extract(
        &read(
            &name,
            &nianbao_tests::fixture(&format!("pdf/{name}")),
            &Limits::default(),
        )
        .unwrap(),
    );
    let mut same = 0;
    let mut total = 0;
    for key in TableKey::ALL {
        let (ta, tb) = (a.table(key), b.table(key));
        for ca in &ta.cells {
            total += 1;
            if tb
                .cells
                .iter()
                .any(|cb| cb.row == ca.row && cb.column == ca.column && cb.value == ca.value)
            {
                same += 1;
            }
        }
    }
    println!("same {same} of {total}");
}

#[test]
#[ignore]
fn diff_extract() {
    let prefix = std::env::var("SEED").unwrap_or_else(|_| "003".into());
    let name = std::env::var("PDF").unwrap();
    let (sname, bytes) = nianbao_tests::seed(&prefix);
    let a = extract(&read(&sname, &bytes, &Limits::default()).unwrap());
    let b = extract(
        &read(
            &name,
            &nianbao_tests::fixture(&format!("pdf/{name}")),
            &Limits::default(),
        )
        .unwrap(),
    );
    for key in TableKey::ALL {
        let (ta, tb) = (a.table(key), b.table(key));
        for ca in &ta.cells {
            let got = tb
                .cells
                .iter()
                .find(|cb| cb.row == ca.row && cb.column == ca.column)
                .map(|c| c.value);
            if got != Some(ca.value) {
                println!(
                    "{key:?} {} {} text {:?} pdf {:?}",
                    ca.row, ca.column, ca.value, got
                );
            }
        }
    }
}

/// CID-keyed (Type0) fonts as WPS and Word write them: two-byte codes with
/// `/Identity-H` and `/Identity-V`, mapped to text by a ToUnicode CMap. The
/// vertical font stacks its glyphs downwards (a label written one character a
/// line, as in a merged cell), and they are read top to bottom.
#[test]
fn identity_h_and_v_fonts_are_read_through_their_tounicode() {
    let stream = |dict: &str, data: &str| {
        format!(
            "<< {dict} /Length {} >>\nstream\n{data}\nendstream",
            data.len()
        )
        .into_bytes()
    };
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
                1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
                6 beginbfchar\n<0001> <603B>\n<0002> <4F53>\n<0003> <529E>\n\
                <0004> <7406>\n<0005> <7ED3>\n<0006> <679C>\nendbfchar\n\
                endcmap CMapName currentdict /CMap defineresource pop end end";
    let font = |encoding: &str| {
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{encoding} \
             /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"
        )
        .into_bytes()
    };
    let pdf = HandPdf {
        objects: vec![
            (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                  /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>"
                    .to_vec(),
            ),
            (
                4,
                stream(
                    "",
                    "BT /F1 12 Tf 72 800 Td <00010002> Tj ET BT /F2 12 Tf 300 600 Td <0003000400050006> Tj ET",
                ),
            ),
            (5, font("Identity-H")),
            (6, font("Identity-V")),
            (
                7,
                b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
                  /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
                    .to_vec(),
            ),
            (8, stream("", cmap)),
        ],
    };
    let doc = read("cid.pdf", &pdf.classic(), &Limits::default()).unwrap();
    let lines = hand_lines(&doc);
    assert_eq!(lines.first().copied(), Some("总体"), "{lines:?}");
    // The vertical glyphs, each below the one before: a line each, top to
    // bottom (a horizontal reading would put them on one line).
    assert_eq!(lines[1..], ["办", "理", "结", "果"], "{lines:?}");
}

/// Past the page limit the rest of a PDF is not read: a report has a few
/// dozen pages, and a file claiming thousands costs no more than the limit.
#[test]
fn pages_past_the_limit_are_not_read() {
    let stream = |data: String| {
        format!("<< /Length {} >>\nstream\n{data}\nendstream", data.len()).into_bytes()
    };
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (
            2,
            b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 \
              /Resources << /Font << /F1 9 0 R >> >> >>"
                .to_vec(),
        ),
        (
            9,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ),
    ];
    for (page, content) in [(3, 6), (4, 7), (5, 8)] {
        objects.push((
            page,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R >>"
            )
            .into_bytes(),
        ));
        objects.push((
            content,
            // At a height of its own: a line repeated in place on every page
            // is a running header, which the reader drops.
            stream(format!(
                "BT /F1 12 Tf 72 {} Td (Text of page {}) Tj ET",
                700 - 100 * page,
                page - 2
            )),
        ));
    }
    objects.sort_by_key(|(n, _)| *n);
    let bytes = HandPdf { objects }.classic();
    let all = read("p.pdf", &bytes, &Limits::default()).unwrap();
    assert_eq!(
        hand_lines(&all),
        ["Text of page 1", "Text of page 2", "Text of page 3"]
    );
    let two = Limits {
        max_pdf_pages: 2,
        ..Limits::default()
    };
    let first = read("p.pdf", &bytes, &two).unwrap();
    assert_eq!(hand_lines(&first), ["Text of page 1", "Text of page 2"]);
}
