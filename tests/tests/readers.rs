//! Reader-level tests for .docx, .html and .xlsx: cell texts, merged cells,
//! spans, limits and damaged files. None of them needs extraction.

use nianbao_core::document::{Block, Document, InputKind, Table};
use nianbao_core::read::zip::{Archive, ZipLimits};
use nianbao_core::read::{self, Limits, ReadErrorKind};
use nianbao_tests::{fixture, seed};
use std::time::{Duration, Instant};

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];
const KINDS: [&str; 3] = ["docx", "html", "xlsx"];

fn read_fixture(path: &str) -> Document {
    let bytes = fixture(path);
    read::read(path, &bytes, &Limits::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_err(name: &str, bytes: &[u8]) -> read::ReadError {
    match read::read(name, bytes, &Limits::default()) {
        Ok(d) => panic!("{name}: read unexpectedly: {:?}", d.input),
        Err(e) => e,
    }
}

/// A compact picture of a document, for eyeballing and for exact assertions.
fn dump(doc: &Document) -> String {
    let mut s = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => s.push_str(&format!("P {:?}\n", doc.slice(p.span))),
            Block::Table(t) => {
                s.push_str("TABLE\n");
                for row in &t.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| {
                            if c.continuation {
                                return format!("^{}", c.col_span);
                            }
                            let mut x = format!("{:?}", c.text);
                            if c.col_span > 1 {
                                x += &format!(" c{}", c.col_span);
                            }
                            if c.row_span > 1 {
                                x += &format!(" r{}", c.row_span);
                            }
                            x
                        })
                        .collect();
                    s.push_str(&format!("  | {}\n", cells.join(" | ")));
                }
            }
        }
    }
    s
}

/// Every span points at its own text; blocks come in order and do not overlap.
fn check_spans(doc: &Document, what: &str) {
    let mut last_end = 0;
    for b in &doc.blocks {
        let span = b.span();
        assert!(
            span.start >= last_end,
            "{what}: block {span:?} overlaps the previous one"
        );
        assert!(
            span.end <= doc.text.len(),
            "{what}: block {span:?} past the end"
        );
        assert!(
            doc.text.get(span.start..span.end).is_some(),
            "{what}: block off char boundaries"
        );
        last_end = span.end;
        if let Block::Table(t) = b {
            for c in t.cells() {
                assert!(
                    span.contains(c.span),
                    "{what}: cell {:?} outside its table",
                    c.text
                );
                assert_eq!(
                    doc.slice(c.span),
                    c.text,
                    "{what}: cell span does not hold its text"
                );
                if c.continuation {
                    assert!(
                        c.text.is_empty() && c.span.is_empty(),
                        "{what}: continuation with text"
                    );
                }
            }
        } else {
            let t = doc.slice(span);
            assert!(
                !t.is_empty() && t.trim() == t,
                "{what}: paragraph {t:?} blank or untrimmed"
            );
        }
    }
}

/// Every row of a table covers the same number of grid columns.
fn check_grid(t: &Table, width: u32, what: &str) {
    for (i, row) in t.rows.iter().enumerate() {
        let w: u32 = row.iter().map(|c| c.col_span).sum();
        assert_eq!(w, width, "{what}: row {i} covers {w} columns, not {width}");
    }
}

fn is_number(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.parse::<f64>().is_ok()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

/// The numeric cells of each table, in reading order.
fn table_numbers(doc: &Document) -> Vec<Vec<String>> {
    doc.tables()
        .map(|t| {
            t.cells()
                .filter(|c| is_number(&c.text))
                .map(|c| c.text.to_string())
                .collect()
        })
        .collect()
}

/// The seed's three tables as numbers, read straight from its text: cells are
/// lines, tab- or pipe-separated parts of lines; table 四 keeps its first 15.
fn seed_numbers(prefix: &str) -> Vec<Vec<String>> {
    let (_, bytes) = seed(prefix);
    let text = String::from_utf8(bytes).expect("seeds are UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    let heading = |from: usize, pred: &dyn Fn(&str) -> bool| -> usize {
        (from..lines.len())
            .find(|&i| !lines[i].starts_with('\t') && pred(lines[i].trim()))
            .unwrap_or_else(|| panic!("seed {prefix}: heading not found"))
    };
    let h2 = heading(0, &|s| s.starts_with("二、") && s.contains("主动公开"));
    let h3 = heading(h2, &|s| s.starts_with("三、") && s.contains("收到和处理"));
    let h4 = heading(h3, &|s| s.starts_with("四、") && s.contains("行政复议"));
    let h5 = heading(h4, &|s| {
        s.contains("存在的主要问题") && s.chars().count() <= 20
    });
    let nums = |a: usize, b: usize| -> Vec<String> {
        lines[a + 1..b]
            .iter()
            .flat_map(|l| l.split(['\t', '|']))
            .map(str::trim)
            .filter(|c| is_number(c))
            .map(String::from)
            .collect()
    };
    let mut appeals = nums(h4, h5);
    appeals.truncate(15);
    vec![nums(h2, h3), nums(h3, h4), appeals]
}

/// A zip archive of stored (uncompressed) entries, written by hand. CRCs are
/// left at zero: the reader does not check them.
fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // method: stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&0u32.to_le_bytes()); // crc
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0u8; 6]); // comment, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes());
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
#[ignore]
fn print_fixture() {
    let path = std::env::var("FIXTURE").expect("set FIXTURE=kind/name");
    let doc = read_fixture(&path);
    println!("{:?}\n{}", doc.input, dump(&doc));
}

#[test]
fn seeds_read_from_every_kind_give_the_seed_tables() {
    for s in SEEDS {
        let want = seed_numbers(s);
        assert_eq!(
            want.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![10, 175, 15],
            "seed {s}: the seed itself has 200 cells"
        );
        for k in KINDS {
            let path = format!("{k}/{s}.{k}");
            let doc = read_fixture(&path);
            check_spans(&doc, &path);
            assert_eq!(doc.input.layout, "table");
            let tables: Vec<&Table> = doc.tables().collect();
            assert_eq!(tables.len(), 3, "{path}: three tables");
            check_grid(tables[0], 4, &path);
            check_grid(tables[1], 10, &path);
            check_grid(tables[2], 15, &path);
            assert_eq!(
                table_numbers(&doc),
                want,
                "{path}: the cells differ from the seed's"
            );
        }
    }
}

#[test]
fn seed_003_keeps_its_inconsistent_appeals_row() {
    for k in KINDS {
        let doc = read_fixture(&format!("{k}/003.{k}"));
        let appeals = &table_numbers(&doc)[2];
        // 复议后起诉: 0, 0, 0, 0 and a total of 1 (A004 must fire on it).
        assert_eq!(appeals[10..], ["0", "0", "0", "0", "1"], "{k}");
        assert_eq!(appeals[..5], ["6", "1", "0", "0", "7"], "{k}");
    }
}

#[test]
fn merged_cells_follow_the_official_template() {
    for k in KINDS {
        let path = format!("{k}/000.{k}");
        let doc = read_fixture(&path);
        let t: Vec<&Table> = doc.tables().collect();
        let req = t[1];
        // Header: the note spans 3 columns × 3 rows; 申请人情况 spans 7 columns.
        let head = &req.rows[0];
        assert!(head[0].text.starts_with("（本列数据的勾稽关系为"), "{path}");
        assert_eq!((head[0].col_span, head[0].row_span), (3, 3), "{path}");
        assert_eq!(
            (head[1].text.as_str(), head[1].col_span),
            ("申请人情况", 7),
            "{path}"
        );
        // Row 2: the note continues, 自然人 spans 2 rows, 法人或其他组织 spans 5 columns.
        let r1 = &req.rows[1];
        assert!(r1[0].continuation && r1[0].col_span == 3, "{path}");
        assert_eq!(
            (r1[1].text.as_str(), r1[1].row_span),
            ("自然人", 2),
            "{path}"
        );
        assert_eq!(
            (r1[2].text.as_str(), r1[2].col_span),
            ("法人或其他组织", 5),
            "{path}"
        );
        assert_eq!((r1[3].text.as_str(), r1[3].row_span), ("总计", 2), "{path}");
        let r2 = &req.rows[2];
        assert!(
            r2[0].continuation && r2[1].continuation && r2[7].continuation,
            "{path}"
        );
        assert_eq!(r2[2].text, "商业企业", "{path}");
        // 三、本年度办理结果 spans the 22 outcome rows; each later row starts with a placeholder.
        let r5 = &req.rows[5];
        assert_eq!(
            (r5[0].text.as_str(), r5[0].row_span),
            ("三、本年度办理结果", 22),
            "{path}"
        );
        for row in &req.rows[6..27] {
            assert!(
                row[0].continuation && row[0].col_span == 1,
                "{path}: {row:?}"
            );
        }
        // (三) 不予公开 spans its 8 rows.
        let r7 = &req.rows[7];
        assert_eq!(
            (r7[1].text.as_str(), r7[1].row_span),
            ("（三）不予公开", 8),
            "{path}"
        );
        assert!(req.rows[8][1].continuation, "{path}");
        assert_eq!(req.rows.len(), 28, "{path}");
        // Table 四: 行政诉讼 spans 10 columns, 总计 of 行政复议 two rows.
        let app = t[2];
        assert_eq!(
            (app.rows[0][1].text.as_str(), app.rows[0][1].col_span),
            ("行政诉讼", 10),
            "{path}"
        );
        assert_eq!(
            (app.rows[1][4].text.as_str(), app.rows[1][4].row_span),
            ("总计", 2),
            "{path}"
        );
        // Table 二: the 第二十条 headings span 4 columns, single values 3.
        let pro = t[0];
        assert_eq!(
            (pro.rows[0][0].text.as_str(), pro.rows[0][0].col_span),
            ("第二十条第（一）项", 4),
            "{path}"
        );
        assert_eq!(pro.rows[6][1].col_span, 3, "{path}");
    }
}

#[test]
fn narrative_paragraphs_and_section_headings_are_read() {
    for k in ["docx", "html"] {
        let doc = read_fixture(&format!("{k}/003.{k}"));
        let paras: Vec<&str> = doc.paragraphs().map(|p| doc.slice(p.span)).collect();
        assert_eq!(
            paras[0], "博爱县人民政府 2024 年政府信息公开工作年度报告",
            "{k}"
        );
        for h in [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ] {
            assert!(paras.contains(&h), "{k}: heading {h} missing");
        }
        assert!(
            paras.iter().any(|p| p.contains("共收到依申请公开件 12 件")),
            "{k}"
        );
        // Headings come right before their tables.
        let pos_h3 = doc.blocks.iter().position(|b| matches!(b, Block::Paragraph(p) if doc.slice(p.span) == "三、收到和处理政府信息公开申请情况")).unwrap();
        assert!(matches!(doc.blocks[pos_h3 + 1], Block::Table(_)), "{k}");
    }
    // The page's script and title are not report text.
    let doc = read_fixture("html/003.html");
    assert!(!doc.text.contains("not report text"));
    assert_eq!(
        doc.text
            .matches("博爱县人民政府 2024 年政府信息公开工作年度报告")
            .count(),
        1
    );
    // The workbook names its sheets before each table.
    let doc = read_fixture("xlsx/003.xlsx");
    let paras: Vec<&str> = doc.paragraphs().map(|p| doc.slice(p.span)).collect();
    assert_eq!(
        paras,
        [
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况"
        ]
    );
}

#[test]
fn docx_runs_fields_breaks_and_merges() {
    let doc = read_fixture("docx/runs-fields-merges.docx");
    check_spans(&doc, "runs");
    assert_eq!(
        dump(&doc),
        concat!(
            "P \"全年共收到申请12件。\"\n",
            "P \"第3页9\"\n",
            "P \"甲\\t乙丙\"\n",
            "TABLE\n",
            "  | \"本年新收\\n申请数量\" r2 | \"35\" | \"<1&2>\"\n",
            "  | ^1 | \"合计\" c2\n",
            "P \"完\"\n",
        )
    );
    assert!(!doc.text.contains("PAGE") && !doc.text.contains("删除"));
}

#[test]
fn html_declared_gb2312_is_decoded() {
    let bytes = fixture("html/003-gb2312.html");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is GBK-encoded"
    );
    let doc = read_fixture("html/003-gb2312.html");
    assert_eq!(doc.input.encoding, "gb18030");
    let utf8 = read_fixture("html/003.html");
    assert_eq!(doc.text, utf8.text);
    assert_eq!(doc.blocks, utf8.blocks);
}

#[test]
fn html_spans_entities_and_stray_markup() {
    let page = "<html><head><meta charset=utf-8><style>p{}</style></head><body>\
        <p>收到&nbsp;申请&#x35;&#51;件&amp;&ldquo;办结&rdquo;</p>\
        <div>第一行<br>第二行</div><ul><li>甲<li>乙</ul>\
        <table><caption>表一</caption><tr><th rowspan=2>项目<th colspan=\"2\">数量\
        <tr><td> 1 <td>2<br/>3</td>\
        <tr><td>合计</td><td colspan=2>&nbsp;</td></table>< 不是标签 &unknown; <script>var x='<table>';</script>尾";
    let doc = read::read("page.html", page.as_bytes(), &Limits::default()).unwrap();
    check_spans(&doc, "page");
    assert_eq!(
        dump(&doc),
        concat!(
            "P \"收到 申请53件&“办结”\"\n",
            "P \"第一行\"\n",
            "P \"第二行\"\n",
            "P \"甲\"\n",
            "P \"乙\"\n",
            "P \"表一\"\n",
            "TABLE\n",
            "  | \"项目\" r2 | \"数量\" c2\n",
            "  | ^1 | \"1\" | \"2\\n3\"\n",
            "  | \"合计\" | \"\" c2\n",
            "P \"< 不是标签 &unknown; 尾\"\n",
        )
    );
}

#[test]
fn html_source_line_breaks_inside_chinese_text_vanish() {
    let page =
        "<p>本年新收政府信息公开\n    申请数量</p><p>共 12\n件，办结 <b>10</b> 件</p><td>a\nb</td>";
    let doc = read::read("p.html", page.as_bytes(), &Limits::default()).unwrap();
    let paras: Vec<&str> = doc.paragraphs().map(|p| doc.slice(p.span)).collect();
    assert_eq!(
        paras,
        [
            "本年新收政府信息公开申请数量",
            "共 12 件，办结 10 件",
            "a b"
        ]
    );
}

#[test]
fn html_page_furniture_is_skipped_but_unclosed_elements_lose_nothing() {
    let page = "<nav><a>首页</a><a>政务公开</a></nav><p>正文</p><select><option>选择站点</option></select>\
        <svg><text>图</text></svg><p>一、总体情况</p>";
    let doc = read::read("p.html", page.as_bytes(), &Limits::default()).unwrap();
    let paras: Vec<&str> = doc.paragraphs().map(|p| doc.slice(p.span)).collect();
    assert_eq!(paras, ["正文", "一、总体情况"]);
    // A title never closed does not swallow the page.
    let page = "<html><head><title>报告<body><p>一、总体情况</p></body></html>";
    let doc = read::read("p.html", page.as_bytes(), &Limits::default()).unwrap();
    assert!(doc.text.contains("一、总体情况"), "{:?}", doc.text);
}

#[test]
fn html_layout_tables_are_read_through() {
    // A page laid out with an outer table around the report's own tables.
    let page = "<html><body><table><tr><td>导航</td><td><p>二、主动公开</p>\
        <table><tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr></table>\
        <p>结束</p></td></tr></table></body></html>";
    let doc = read::read("p.htm", page.as_bytes(), &Limits::default()).unwrap();
    check_spans(&doc, "layout");
    assert_eq!(
        dump(&doc),
        "P \"导航\"\nP \"二、主动公开\"\nTABLE\n  | \"甲\" | \"1\"\n  | \"乙\" | \"2\"\nP \"结束\"\n"
    );
}

#[test]
fn unnamed_zips_are_told_apart() {
    assert_eq!(
        read::sniff("upload", &fixture("docx/000.docx")).unwrap(),
        InputKind::Docx
    );
    assert_eq!(
        read::sniff("upload", &fixture("xlsx/000.xlsx")).unwrap(),
        InputKind::Xlsx
    );
    assert_eq!(
        read::ooxml::zip_kind(&fixture("xlsx/000.xlsx")),
        Some(InputKind::Xlsx)
    );
    // A workbook renamed .docx (or the reverse) is read for what it is.
    let doc = read::read("report.docx", &fixture("xlsx/000.xlsx"), &Limits::default()).unwrap();
    assert_eq!(doc.input.kind, InputKind::Xlsx);
    let doc = read::read("report.xlsx", &fixture("docx/000.docx"), &Limits::default()).unwrap();
    assert_eq!(doc.input.kind, InputKind::Docx);
    // A zip that is neither: a clear error.
    let e = read_err("report.docx", &stored_zip(&[("a.txt", b"hello")]));
    assert_eq!(e.kind, ReadErrorKind::Unsupported);
    assert!(
        e.message.contains("压缩包") && e.message_en.contains("zip archive"),
        "{}",
        e.message
    );
    let e = read_err("report.zip", &stored_zip(&[("a.txt", b"hello")]));
    assert_eq!(e.kind, ReadErrorKind::Unsupported);
    let e = read_err("report.ofd", &stored_zip(&[("OFD.xml", b"<ofd:OFD/>")]));
    assert!(e.message.contains("OFD"), "{}", e.message);
    // An Office package without its main part is damaged.
    let e = read_err(
        "report.docx",
        &stored_zip(&[("[Content_Types].xml", b"<Types/>")]),
    );
    assert_eq!(e.kind, ReadErrorKind::Corrupt);
    assert!(e.message.contains("word/document.xml"), "{}", e.message);
    assert_eq!(
        read::ooxml::zip_kind(&stored_zip(&[("a.txt", b"hello")])),
        None
    );
}

#[test]
fn zip_bombs_are_refused_quickly() {
    for name in ["docx/bomb.docx", "docx/bomb-lying.docx"] {
        let bytes = fixture(name);
        assert!(bytes.len() < 100_000, "{name} is small");
        let t = Instant::now();
        let e = read_err(name, &bytes);
        let took = t.elapsed();
        assert_eq!(e.kind, ReadErrorKind::ZipBomb, "{name}: {e}");
        assert!(
            e.message.contains("压缩炸弹") && e.message_en.contains("zip bomb"),
            "{e}"
        );
        assert!(took < Duration::from_secs(2), "{name} took {took:?}");
    }
    // The honest bomb is refused from its directory, before any inflating:
    // by its total size when opened, by its ratio when the entry is asked for.
    let bytes = fixture("docx/bomb.docx");
    let small = ZipLimits {
        max_total_inflated: 32 << 20,
        ..ZipLimits::default()
    };
    assert_eq!(
        Archive::open(&bytes, small).unwrap_err().kind,
        ReadErrorKind::ZipBomb
    );
    let mut zip = Archive::open(&bytes, ZipLimits::default()).unwrap();
    let e = zip.read("word/document.xml").unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::ZipBomb);
    assert!(
        e.message_en.contains("compression ratio"),
        "{}",
        e.message_en
    );
    // The lying bomb is not caught by its ratio (it declares 1 KB) but by
    // inflation stopping at the declared size.
    let bytes = fixture("docx/bomb-lying.docx");
    let lax = ZipLimits {
        max_ratio: u64::MAX,
        ..ZipLimits::default()
    };
    let mut zip = Archive::open(&bytes, lax).unwrap();
    let e = zip.read("word/document.xml").unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::ZipBomb);
    assert!(e.message_en.contains("declared size"), "{}", e.message_en);
}

#[test]
fn a_well_compressed_picture_is_no_bomb() {
    let doc = read_fixture("docx/blank-picture.docx");
    assert_eq!(doc.text, "正文\n");
}

#[test]
fn zip_limits_on_entries_and_total_size() {
    let bytes = fixture("docx/000.docx");
    let few = ZipLimits {
        max_entries: 3,
        ..ZipLimits::default()
    };
    let e = Archive::open(&bytes, few).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::ZipBomb);
    assert!(e.message_en.contains("entries"), "{}", e.message_en);
    let small = ZipLimits {
        max_total_inflated: 10_000,
        ..ZipLimits::default()
    };
    assert_eq!(
        Archive::open(&bytes, small).unwrap_err().kind,
        ReadErrorKind::ZipBomb
    );
    // Within the limits, the same archive reads.
    let mut zip = Archive::open(&bytes, ZipLimits::default()).unwrap();
    assert!(zip
        .read_text("word/document.xml")
        .unwrap()
        .unwrap()
        .contains("<w:tbl>"));
    assert!(zip.read("no/such/entry").unwrap().is_none());
}

#[test]
fn truncated_docx_gives_a_clear_error() {
    let e = read_err("report.docx", &fixture("docx/truncated.docx"));
    assert_eq!(e.kind, ReadErrorKind::Corrupt);
    assert!(
        e.message.contains("损坏或不完整") && e.message.contains("截断"),
        "{}",
        e.message
    );
    assert!(e.message_en.contains("cut short"), "{}", e.message_en);
}

#[test]
fn damaged_archives_never_panic() {
    for path in [
        "docx/000.docx",
        "xlsx/000.xlsx",
        "docx/runs-fields-merges.docx",
        "html/003.html",
        "html/003.mhtml",
    ] {
        let good = fixture(path);
        // Cut short at many points.
        for cut in (0..good.len()).step_by(good.len() / 97 + 1) {
            let _ = read::read(path, &good[..cut], &Limits::default());
        }
        // Bytes overwritten here and there (a fixed pseudo-random walk).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut bad = good.clone();
            for _ in 0..8 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let i = (x as usize) % bad.len();
                bad[i] = (x >> 32) as u8;
            }
            let _ = read::read(path, &bad, &Limits::default());
        }
    }
}

#[test]
fn garbage_never_panics() {
    let mut x: u64 = 42;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let alphabet: &[u8] = b"<>/=\"'&#;x abtdrpcolspanwrow1-!?[]CDATA\n\xe4\xb8\x80";
    for n in 0..500 {
        let len = (next() % 400) as usize;
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let _ = read::read("x.html", &bytes, &Limits::default());
        bytes.splice(0..0, b"PK\x03\x04".iter().copied());
        let _ = read::read(
            if n % 2 == 0 { "x.docx" } else { "x.xlsx" },
            &bytes,
            &Limits::default(),
        );
        let _ = read::read("x", &bytes, &Limits::default());
    }
    // Pathological markup stays fast (no quadratic rescans).
    let t = Instant::now();
    let many = "<title>x<td rowspan=999999 colspan=999999>&#xFFFFFFFF;&amp".repeat(20_000);
    let _ = read::read("x.html", many.as_bytes(), &Limits::default());
    let wide = format!(
        "<table><tr>{}<tr><td>x<tr><td>y</table>",
        "<td rowspan=3 colspan=1000>".repeat(50_000)
    );
    let doc = read::read("x.html", wide.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(doc.tables().count(), 1);
    let deep = "<table><tr><td>".repeat(5_000);
    let _ = read::read("x.html", deep.as_bytes(), &Limits::default());
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
    for e in [
        read_err("a.docx", b"PK\x03\x04 not really a zip"),
        read_err("a.xlsx", b"PK\x05\x06"),
    ] {
        assert_eq!(e.kind, ReadErrorKind::Corrupt, "{e}");
    }
}

#[test]
fn damaged_compound_files_are_named() {
    // The signature of a compound file and nothing readable after it: the
    // Word reader says the file is damaged and what to do.
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    for name in ["report.doc", "report.wps", "report.docx"] {
        let e = read_err(name, &ole);
        assert_eq!(e.kind, ReadErrorKind::Corrupt, "{name}: {e}");
        assert!(e.message.contains(".docx"), "{e}");
    }
}

#[test]
fn xlsx_strings_numbers_and_merges() {
    let book = br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&#34920;&#19977;" sheetId="1" r:id="rId7"/><sheet name="empty" sheetId="2" r:id="rId8"/><sheet name="old" sheetId="3" state="hidden" r:id="rId7"/></sheets></workbook>"#;
    let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/none.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strs.xml"/></Relationships>"#;
    let strs = "<sst><si><t>项目</t></si><si><r><t>本年</t></r><r><rPr><b/></rPr><t>新收</t></r><rPh><t>ほん</t></rPh></si><si><t xml:space=\"preserve\"> 合计 </t></si></sst>";
    let sheet = r#"<worksheet><sheetData>
        <row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2"/></row>
        <row r="3"><c r="B3"><v>0.30000000000000004</v></c><c r="C3"><v>35</v></c><c r="D3"><v>1129.7494</v></c></row>
        <row r="4"><c r="B4" t="inlineStr"><is><r><t>行&amp;</t></r><r><t>内</t></r><rPh sb="0" eb="1"><t>ぎょう</t></rPh></is></c><c t="b"><v>1</v></c><c r="D4" t="s"><v>2</v></c></row>
        <row r="5"><c r="B5"><v>-2</v></c><c r="C5" t="str"><f>A1</f><v>公式</v></c></row>
        <row r="6"><c r="B6"><v>2.9999999999999996</v></c><c r="C6"><v>12.0</v></c></row>
        </sheetData><mergeCells count="2"><mergeCell ref="C2:D2"/><mergeCell ref="D4:D5"/></mergeCells></worksheet>"#;
    let bytes = stored_zip(&[
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/strs.xml", strs.as_bytes()),
        ("xl/worksheets/data.xml", sheet.as_bytes()),
        (
            "xl/worksheets/none.xml",
            b"<worksheet><sheetData/></worksheet>",
        ),
    ]);
    let doc = read::read("t.xlsx", &bytes, &Limits::default()).unwrap();
    check_spans(&doc, "xlsx");
    assert_eq!(
        dump(&doc),
        concat!(
            "P \"表三\"\n",
            "TABLE\n",
            "  | \"项目\" | \"本年新收\" c2\n",
            "  | \"0.3\" | \"35\" | \"1129.7494\"\n",
            "  | \"行&内\" | \"TRUE\" | \"合计\" r2\n",
            "  | \"-2\" | \"公式\" | ^1\n",
            "  | \"3\" | \"12\" | \"\"\n",
        )
    );
}

#[test]
fn docx_without_text_or_body_is_explained() {
    let empty = stored_zip(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"x\"><w:body><w:p/></w:body></w:document>",
    )]);
    let e = read_err("e.docx", &empty);
    assert_eq!(e.kind, ReadErrorKind::Empty);
    assert!(e.message.contains("没有文字"), "{}", e.message);
}

/// The values of the three statistical tables: (table, row, column, value).
fn cells_of(
    report: &nianbao_core::Report,
) -> Vec<(String, &'static str, &'static str, Option<f64>)> {
    [&report.proactive, &report.requests, &report.appeals]
        .iter()
        .flat_map(|t| {
            t.cells.iter().map(move |c| {
                (
                    format!("{:?}", t.key),
                    c.row.as_str(),
                    c.column.as_str(),
                    c.value,
                )
            })
        })
        .collect()
}

#[test]
fn every_kind_extracts_the_same_200_cells_as_the_seed_text() {
    use nianbao_core::extract::extract;
    for s in SEEDS {
        let (name, bytes) = seed(s);
        let text_doc = read::read(&name, &bytes, &Limits::default()).expect("seed reads");
        let want = cells_of(&extract(&text_doc));
        assert_eq!(want.len(), 200, "seed {s}: the text reader finds 200 cells");
        assert!(
            want.iter().all(|c| c.3.is_some()),
            "seed {s}: every cell has a value"
        );
        for k in KINDS {
            let path = format!("{k}/{s}.{k}");
            let report = extract(&read_fixture(&path));
            let got = cells_of(&report);
            assert_eq!(got.len(), 200, "{path}: 200 cells");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g, w, "{path}");
            }
            // Each cell's span points at its own figure in the document.
            let doc = read_fixture(&path);
            for t in [&report.proactive, &report.requests, &report.appeals] {
                for c in &t.cells {
                    let span = c
                        .span
                        .unwrap_or_else(|| panic!("{path}: {} {} has no span", c.row, c.column));
                    assert_eq!(
                        Some(doc.slice(span)),
                        c.raw.as_deref(),
                        "{path}: {} {}",
                        c.row,
                        c.column
                    );
                }
            }
        }
    }
}

#[test]
fn docx_and_html_give_the_sections_and_year_of_the_seed_text() {
    use nianbao_core::extract::extract;
    let heads = |r: &nianbao_core::Report| -> Vec<(u8, String, String)> {
        r.sections
            .iter()
            .map(|x| (x.ordinal, x.number.clone(), x.title.clone()))
            .collect()
    };
    for s in SEEDS {
        let (name, bytes) = seed(s);
        let want = extract(&read::read(&name, &bytes, &Limits::default()).unwrap());
        assert_eq!(want.sections.len(), 6, "seed {s}");
        for k in ["docx", "html"] {
            let path = format!("{k}/{s}.{k}");
            let doc = read_fixture(&path);
            let got = extract(&doc);
            assert_eq!(heads(&got), heads(&want), "{path}");
            assert_eq!(
                got.year.as_ref().map(|y| y.value),
                want.year.as_ref().map(|y| y.value),
                "{path}"
            );
            for sec in &got.sections {
                assert!(
                    doc.slice(sec.heading).contains(&sec.title),
                    "{path}: heading span"
                );
            }
        }
    }
}

#[test]
fn docx_list_numbers_written_by_word_are_part_of_the_text() {
    let doc = read_fixture("docx/numbering.docx");
    check_spans(&doc, "numbering");
    assert_eq!(
        dump(&doc),
        concat!(
            "P \"某县人民政府2024年政府信息公开工作年度报告\"\n",
            "P \"一、总体情况\"\n",
            "P \"（一）主动公开情况。\"\n",
            "P \"（二）依申请公开情况。\"\n",
            "P \"1.第一点\"\n",
            "P \"2.第二点\"\n",
            "P \"（三）政府信息管理情况。\"\n",
            "P \"一个要点\"\n",
            "P \"二、主动公开政府信息情况\"\n",
            "P \"不编号\"\n",
            "P \"三、收到和处理政府信息公开申请情况\"\n",
        )
    );
}

#[test]
fn pages_saved_as_a_single_file_are_read() {
    let html = read_fixture("html/003.html");
    for (path, encoding) in [
        ("html/003.mhtml", "utf-8"),
        ("html/003-gb2312-base64.mht", "gb18030"),
    ] {
        let bytes = fixture(path);
        // Also without a telling name.
        assert_eq!(
            read::sniff("saved", &bytes).unwrap(),
            InputKind::Html,
            "{path}"
        );
        let doc = read_fixture(path);
        assert_eq!(doc.input.encoding, encoding, "{path}");
        assert_eq!(doc.text, html.text, "{path}");
        assert_eq!(doc.blocks, html.blocks, "{path}");
    }
}

#[test]
fn excel_objects_embedded_in_word_are_read_as_tables() {
    use nianbao_core::extract::extract;
    let doc = read_fixture("docx/003-excel-object.docx");
    check_spans(&doc, "excel object");
    let kinds: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(_) => "P",
            Block::Table(_) => "T",
        })
        .collect();
    assert_eq!(
        kinds,
        ["P", "T", "P"],
        "the table sits where the object was"
    );
    assert!(
        !doc.text.contains("不应读到"),
        "the workbook's hidden sheet is not read"
    );
    let table = doc.tables().next().unwrap();
    let xlsx = read_fixture("xlsx/003.xlsx");
    let texts = |t: &Table| -> Vec<Vec<(String, u32, u32, bool)>> {
        t.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| (c.text.to_string(), c.col_span, c.row_span, c.continuation))
                    .collect()
            })
            .collect()
    };
    assert_eq!(texts(table), texts(xlsx.tables().nth(1).unwrap()));
    // Extraction finds the 175 cells of table 三 as in the seed's text.
    let (name, bytes) = seed("003");
    let want = extract(&read::read(&name, &bytes, &Limits::default()).unwrap());
    let got = extract(&doc);
    let cells = |r: &nianbao_core::Report| {
        r.requests
            .cells
            .iter()
            .map(|c| (c.row, c.column, c.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(cells(&got), cells(&want));
}
