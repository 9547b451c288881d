//! Bad input never panics: it gives a clear message, or a partial report.

use nianbao_core::read::{read, Limits, ReadErrorKind};
use nianbao_core::report::CellProblem;
use nianbao_core::vocab::template::{ColumnKey as C, RowKey as R};
use nianbao_core::{check, extract::extract, TableKey};
use nianbao_tests::seed;

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn assert_clear(e: &nianbao_core::ReadError) {
    assert!(e.message.chars().count() >= 8, "{e:?}");
    assert!(e.message_en.len() >= 16, "{e:?}");
    assert!(
        e.message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{e:?}"
    );
}

#[test]
fn empty_and_white_space() {
    for bytes in [&b""[..], b"   ", b"\n\n\t \r\n", "\u{3000}\n".as_bytes()] {
        let e = read("empty.txt", bytes, &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::Empty, "{bytes:?}");
        assert_clear(&e);
    }
    // a byte-order mark and nothing else
    let e = read("bom.txt", b"\xEF\xBB\xBF\n", &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::Empty);
}

#[test]
fn random_bytes_are_refused_clearly() {
    let mut g = Lcg(7);
    for len in [1usize, 2, 3, 17, 256, 4096, 100_000] {
        let rounds = if len > 10_000 { 1 } else { 5 };
        for _ in 0..rounds {
            let bytes: Vec<u8> = (0..len).map(|_| g.next() as u8).collect();
            match read("random.txt", &bytes, &Limits::default()) {
                Err(e) => {
                    assert_clear(&e);
                    assert!(
                        matches!(
                            e.kind,
                            ReadErrorKind::Unsupported
                                | ReadErrorKind::NotAReport
                                | ReadErrorKind::Empty
                                | ReadErrorKind::Corrupt
                        ),
                        "{e:?}"
                    );
                }
                Ok(doc) => {
                    // whatever was read, extraction must not panic
                    let _ = extract(&doc);
                }
            }
        }
    }
}

#[test]
fn garbage_text_and_control_bytes() {
    let mut bytes = Vec::new();
    for i in 0..3000u32 {
        bytes.push((i % 32) as u8);
    }
    let e = read("ctrl.txt", &bytes, &Limits::default()).unwrap_err();
    assert_clear(&e);
    let e = read("nul.txt", &[0u8; 1000], &Limits::default()).unwrap_err();
    assert_clear(&e);
}

#[test]
fn text_that_is_not_a_report() {
    for text in [
        "今天天气很好，我们去公园散步，然后吃了午饭。\n明天继续。\n",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n",
        "关于召开年度工作会议的通知\n各单位：定于下周召开会议。\n",
        "1\t2\t3\n4\t5\t6\n",
    ] {
        let e = read("other.txt", text.as_bytes(), &Limits::default()).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::NotAReport, "{text}");
        assert_clear(&e);
        assert!(e.message.contains("年度报告"));
        // the top-level entry point says the same
        let e = check("other.txt", text.as_bytes()).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::NotAReport);
    }
}

#[test]
fn truncated_seeds_give_partial_reports() {
    for p in SEEDS {
        let (name, bytes) = seed(p);
        // cut at many points, including in the middle of a character
        let step = bytes.len() / 23;
        for cut in (1..bytes.len())
            .step_by(step.max(1))
            .chain([bytes.len() - 1, bytes.len() / 2 + 1])
        {
            let part = &bytes[..cut];
            match read(&name, part, &Limits::default()) {
                Ok(doc) => {
                    let r = extract(&doc);
                    // a report cut short has its later cells missing, never guessed
                    for key in TableKey::ALL {
                        for c in &r.table(key).cells {
                            if c.value.is_none() {
                                assert!(c.problem.is_some(), "{p} cut {cut}");
                            }
                            if let Some(span) = c.span {
                                assert!(span.end <= doc.text.len());
                            }
                        }
                    }
                }
                Err(e) => assert_clear(&e),
            }
        }
    }
}

#[test]
fn a_report_cut_in_table_three_keeps_what_it_has() {
    let (name, bytes) = seed("000");
    let text = String::from_utf8(bytes).unwrap();
    let cut = text.find("（四）无法提供").unwrap();
    // cut one byte into the next character as well
    let part = &text.as_bytes()[..cut + 1];
    let doc = read(&name, part, &Limits::default()).unwrap();
    assert_eq!(doc.input.encoding, "utf-8");
    let r = extract(&doc);
    assert_eq!(r.requests.value(R::New, C::NaturalPerson), Some(8.0));
    assert_eq!(r.requests.value(R::PartiallyDisclosed, C::Total), Some(4.0));
    let c = r
        .requests
        .cell(R::UnavailableNotHeld, C::NaturalPerson)
        .unwrap();
    assert_eq!((c.value, c.problem), (None, Some(CellProblem::Missing)));
    assert!(!r.appeals.found);
    assert_eq!(r.sections.len(), 3);
    assert_eq!(r.proactive.value(R::NormativeDocs, C::InForce), Some(7.0));
}

#[test]
fn mangled_seeds_do_not_panic() {
    let mut g = Lcg(42);
    for p in SEEDS {
        let (name, bytes) = seed(p);
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for round in 0..8 {
            // drop, duplicate and swap lines at random
            let mut out: Vec<&str> = Vec::new();
            for l in &lines {
                match g.next() % 10 {
                    0 => {}
                    1 => {
                        out.push(l);
                        out.push(l);
                    }
                    _ => out.push(l),
                }
            }
            if out.len() > 2 {
                let a = (g.next() as usize) % out.len();
                let b = (g.next() as usize) % out.len();
                out.swap(a, b);
            }
            let mangled = out.join(if round % 2 == 0 { "\n" } else { "\r\n" });
            if let Ok(doc) = read(&name, mangled.as_bytes(), &Limits::default()) {
                let _ = extract(&doc);
            }
            // and random bytes flipped
            let mut b = mangled.into_bytes();
            for _ in 0..10 {
                if b.is_empty() {
                    break;
                }
                let i = (g.next() as usize) % b.len();
                b[i] = g.next() as u8;
            }
            if let Ok(doc) = read(&name, &b, &Limits::default()) {
                let _ = extract(&doc);
            }
        }
    }
}

#[test]
fn odd_cells_are_marked_not_guessed() {
    let (name, bytes) = seed("003");
    let text = String::from_utf8(bytes).unwrap();
    let text = text
        .replace("行政规范性文件\t5\t21\t63", "行政规范性文件\t5件\t/\t-")
        .replace(
            "二、上年结转政府信息公开申请数量\t\t0\t0",
            "二、上年结转政府信息公开申请数量\t\t无\t",
        );
    let doc = read(&name, text.as_bytes(), &Limits::default()).unwrap();
    let r = extract(&doc);
    let c = r.proactive.cell(R::NormativeDocs, C::Issued).unwrap();
    assert_eq!(
        (c.value, c.problem, c.raw.as_deref()),
        (None, Some(CellProblem::NotNumber), Some("5件"))
    );
    let c = r.proactive.cell(R::NormativeDocs, C::Repealed).unwrap();
    assert_eq!((c.value, c.problem), (None, Some(CellProblem::Blank)));
    let c = r.proactive.cell(R::NormativeDocs, C::InForce).unwrap();
    assert_eq!((c.value, c.problem), (None, Some(CellProblem::Blank)));
    let c = r.requests.cell(R::CarriedOver, C::NaturalPerson).unwrap();
    assert_eq!((c.value, c.problem), (None, Some(CellProblem::Blank)));
    let c = r.requests.cell(R::CarriedOver, C::Commercial).unwrap();
    assert_eq!((c.value, c.problem), (None, Some(CellProblem::Blank)));
    // the cells after the odd ones did not shift
    assert_eq!(r.requests.value(R::CarriedOver, C::Research), Some(0.0));
    assert_eq!(r.requests.value(R::CarriedOver, C::Total), Some(0.0));
    assert_eq!(r.requests.value(R::Disclosed, C::NaturalPerson), Some(12.0));
}

#[test]
fn random_report_like_text_does_not_panic() {
    // Pieces of reports in random order: headings, labels, figures, tabs,
    // pipes, brackets, numbering, broken characters.
    const PIECES: &[&str] = &[
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "6、其他需要报告的事项",
        "规章",
        "行政规范性文件",
        "行政许可",
        "本年制发件数",
        "第二十条第（一）项",
        "（三）不予公开",
        "1.属于国家秘密",
        "3. 其他",
        "（七）总计",
        "总计",
        "其他",
        "结果\n维持",
        "尚未",
        "审结",
        "自然人",
        "商业企业",
        "复议后起诉",
        "未经复议直接起诉",
        "行政复议",
        "0",
        "12",
        "1 129.7494",
        "-3",
        "/",
        "无",
        "“",
        "”",
        "（",
        ")",
        "(一",
        "2024年",
        "2025-01-15",
        "统计期限自",
        "年1月1日起",
        "至",
        "标题:",
        "发文日期:",
        "[bookmark: _Hlk1]",
        "[bookmark:",
        "\t",
        "\t\t",
        " | ",
        "|||",
        "\n",
        "\n\n",
        " ",
        "\u{3000}",
        "\r\n",
        "。",
        "，",
        "年度报告",
        "\u{FFFD}",
        "𠀀",
        "١٢",
    ];
    let mut g = Lcg(2024);
    for _ in 0..300 {
        let n = 5 + (g.next() as usize) % 200;
        let mut s = String::new();
        for _ in 0..n {
            s += PIECES[(g.next() as usize) % PIECES.len()];
        }
        match read("fuzz.txt", s.as_bytes(), &Limits::default()) {
            Ok(doc) => {
                let r = extract(&doc);
                for key in TableKey::ALL {
                    let t = r.table(key);
                    for c in &t.cells {
                        assert_eq!(c.value.is_none(), c.problem.is_some());
                        if let (Some(span), Some(raw)) = (c.span, &c.raw) {
                            assert_eq!(doc.slice(span), raw);
                        }
                    }
                    for l in &t.labels {
                        assert!(l.span.end <= doc.text.len());
                    }
                }
                for sec in &r.sections {
                    assert!(sec.heading.end <= sec.body.start.max(sec.heading.end));
                    assert!(sec.body.end <= doc.text.len());
                }
            }
            Err(e) => assert_clear(&e),
        }
    }
}

#[test]
fn huge_tables_of_nothing_stay_bounded() {
    // separators only, figures only, one endless line: read quickly, no blow-up
    let tabs = format!("二、主动公开政府信息情况\n{}\n", "\t".repeat(2_000_000));
    let pipes = format!("二、主动公开政府信息情况\n{}", "0 |\n".repeat(300_000));
    let figures = format!(
        "三、收到和处理政府信息公开申请情况\n总计\t{}\n",
        "0\t".repeat(500_000)
    );
    for text in [tabs, pipes, figures] {
        let started = std::time::Instant::now();
        let doc = read("big.txt", text.as_bytes(), &Limits::default()).expect("reads");
        let cells: usize = doc.tables().map(|t| t.cells().count()).sum();
        assert!(cells <= 100_000 + 1_000, "{cells}");
        let _ = extract(&doc);
        assert!(started.elapsed().as_secs() < 60);
    }
}
