//! Each class of hostile input (made by `nianbao_tests::attacks`) ends with a
//! result or a clear refusal, never a panic, a stack overflow or work out of
//! proportion to its size. The bounds asserted are counts (depth, bytes, cells,
//! pages), not time: how long each takes is measured by the benchmark.

use nianbao_core::read::{read, Limits, ReadErrorKind, MAX_NESTING};
use nianbao_core::{check_with_limits, Document};
use nianbao_tests::attacks;

/// Read and check `bytes` under `limits`: a document or a refusal with a
/// message in both languages; a panic fails the test.
fn ends(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, nianbao_core::ReadError> {
    let r = read(name, bytes, limits);
    if let Err(e) = &r {
        assert!(!e.message.is_empty() && !e.message_en.is_empty(), "{e:?}");
    }
    // The whole check as well (extraction and the rules on what was read).
    let _ = check_with_limits(name, bytes, limits);
    r
}

#[test]
fn deeply_nested_word_tables_are_refused_before_they_are_built() {
    // Within the limit: read, with the text at the bottom.
    let doc = ends(
        "ok.docx",
        &attacks::docx_nested_tables(MAX_NESTING),
        &Limits::default(),
    )
    .unwrap();
    assert!(doc.text.contains("总体情况"));
    // Past it, and far past it (a stack overflow before the limit existed).
    for depth in [MAX_NESTING + 1, 25_000] {
        let e = ends(
            "deep.docx",
            &attacks::docx_nested_tables(depth),
            &Limits::default(),
        )
        .unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::TooLarge);
        assert!(e.message_en.contains("nest too deep"), "{e}");
        assert!(e.message.contains("嵌套过深"), "{e}");
    }
}

#[test]
fn deeply_nested_html_tables_keep_their_text_without_recursing() {
    let doc = ends(
        "deep.html",
        &attacks::html_nested_tables(25_000),
        &Limits::default(),
    )
    .unwrap();
    assert!(doc.text.contains("本年新收 12"), "{}", doc.text);
    // The tables past the limit are read as text, not as tables.
    let tables = doc.tables().count();
    assert!((1..=MAX_NESTING).contains(&tables), "{tables}");
}

#[test]
fn word_text_is_counted_while_it_is_read() {
    // 4,000 paragraphs of 300 characters (900 bytes of UTF-8 each): 3.6 MB
    // of text against a 1 MB limit. The refusal names the bytes read when it
    // stopped, just past the limit, not the whole text.
    let small = Limits {
        max_text_bytes: 1 << 20,
        ..Limits::default()
    };
    let e = ends(
        "flat.docx",
        &attacks::docx_flat_paragraphs(4_000, 300),
        &small,
    )
    .unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message_en.contains("(1.0 MB;"), "{e}");
    // Under the default limit the same file reads.
    ends(
        "flat.docx",
        &attacks::docx_flat_paragraphs(400, 300),
        &Limits::default(),
    )
    .unwrap();
}

#[test]
fn a_stream_listed_many_times_is_counted_each_time() {
    // 64 KB listed 1,000 times is 64 MB to parse; a 1 MB budget stops it after
    // 16 readings. What was read is kept.
    let small = Limits {
        max_inflated_total_bytes: 1 << 20,
        ..Limits::default()
    };
    let bytes = attacks::pdf_repeated_stream(64 * 1024, 1_000);
    assert!(bytes.len() < 100_000);
    let doc = ends("repeat.pdf", &bytes, &small).unwrap();
    let n = doc.text.matches("Row of data").count();
    assert!((1..=16).contains(&n), "{n} readings: {}", doc.text);
    // Listed just a few times, every reading is within the budget.
    let doc = ends(
        "repeat.pdf",
        &attacks::pdf_repeated_stream(64 * 1024, 4),
        &small,
    )
    .unwrap();
    assert_eq!(doc.text.matches("Row of data").count(), 4, "{}", doc.text);
}

#[test]
fn pages_past_the_limit_are_not_read() {
    let few = Limits {
        max_pdf_pages: 50,
        ..Limits::default()
    };
    let doc = ends("pages.pdf", &attacks::pdf_many_pages(2_000), &few).unwrap();
    let ones = doc.text.matches('1').count();
    assert!((1..=50).contains(&ones), "{ones}");
}

#[test]
fn many_tiny_text_objects_end() {
    // 200,000 text objects of one glyph on one page.
    let bytes = attacks::pdf_tiny_text_objects(200_000);
    let _ = ends("tiny.pdf", &bytes, &Limits::default());
}

#[test]
fn a_huge_ruled_table_is_refused_or_read() {
    // 300 × 80 = 24,000 grid cells: past what the layout fills as a ruled
    // table; its text is still read.
    let doc = ends(
        "grid.pdf",
        &attacks::pdf_huge_table(300, 80),
        &Limits::default(),
    );
    if let Ok(doc) = doc {
        assert!(!doc.text.is_empty());
        for t in doc.tables() {
            let cells: usize = t.rows.iter().map(Vec::len).sum();
            assert!(cells <= Limits::default().max_table_cells);
        }
    }
    // A smaller one is read as a table of its cells.
    let doc = ends(
        "grid.pdf",
        &attacks::pdf_huge_table(30, 8),
        &Limits::default(),
    )
    .unwrap();
    assert!(
        doc.tables().any(|t| t.rows.len() >= 30),
        "{:?}",
        doc.blocks.len()
    );
}

#[test]
fn borderless_figure_lines_are_read_in_proportion() {
    // Each line of two figures is a row of one borderless table.
    let doc = ends(
        "lines.pdf",
        &attacks::pdf_figure_lines(5_000, 2),
        &Limits::default(),
    )
    .unwrap();
    let rows: usize = doc.tables().map(|t| t.rows.len()).sum();
    assert!(rows >= 9_000, "{rows} rows");
}

/// `seed-000.pdf` (a valid report of four pages) with a page inserted after
/// its first, by an incremental update: the new page's content is one
/// uncompressed stream of `bytes` bytes.
fn report_with_page_inserted(bytes: usize) -> Vec<u8> {
    use std::io::Write;
    let mut pdf = nianbao_tests::fixture("pdf/seed-000.pdf");
    let prev = {
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).to_string();
        let n: String = tail
            .split("startxref")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        n
    };
    let mut data = b"% a page of nothing but bytes\n%".to_vec();
    data.resize(bytes, b'x');
    data.push(b'\n');
    let mut offsets = Vec::new();
    pdf.push(b'\n');
    offsets.push((33, pdf.len()));
    write!(pdf, "33 0 obj\n<</Length {}>>\nstream\n", data.len()).unwrap();
    pdf.extend_from_slice(&data);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    offsets.push((34, pdf.len()));
    pdf.extend_from_slice(
        b"34 0 obj\n<</Type/Page/Parent 13 0 R/Resources 30 0 R/MediaBox[0 0 595 842]/Contents 33 0 R>>\nendobj\n",
    );
    offsets.push((13, pdf.len()));
    pdf.extend_from_slice(
        b"13 0 obj\n<</Type/Pages/Resources 30 0 R/MediaBox[0 0 595 842]/Kids[1 0 R 34 0 R 4 0 R 7 0 R 10 0 R]/Count 5>>\nendobj\n",
    );
    offsets.sort();
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n");
    for (n, off) in &offsets {
        write!(pdf, "{n} 1\n{off:010} 00000 n \n").unwrap();
    }
    write!(
        pdf,
        "trailer\n<</Size 35/Root 31 0 R/Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n"
    )
    .unwrap();
    pdf
}

#[test]
fn a_report_with_an_oversized_page_gets_its_findings_and_one_reading_finding() {
    use nianbao_core::Severity;
    let limits = Limits {
        max_inflated_stream_bytes: 1 << 20,
        ..Limits::default()
    };
    let findings = |bytes: &[u8]| -> Vec<(String, Severity, String)> {
        check_with_limits("report.pdf", bytes, &limits)
            .unwrap()
            .diagnostics
            .into_iter()
            .map(|d| (d.rule.to_string(), d.severity, d.message))
            .collect()
    };
    let plain = findings(&nianbao_tests::fixture("pdf/seed-000.pdf"));
    assert!(!plain.iter().any(|f| f.0 == "R001"));
    // A page within the limit: read, and nothing said.
    let small = findings(&report_with_page_inserted(4_000));
    assert_eq!(small, plain);
    // A page over it: the same findings, and one R001 naming page 2.
    let mut big = findings(&report_with_page_inserted(1_500_000));
    let at = big.iter().position(|f| f.0 == "R001").expect("R001");
    let r001 = big.remove(at);
    assert_eq!(r001.1, Severity::Warning);
    assert!(r001.2.contains("第 2 页"), "{}", r001.2);
    assert!(!big.iter().any(|f| f.0 == "R001"));
    assert_eq!(big, plain);
}

#[test]
fn a_pdf_whose_only_text_is_in_a_skipped_page_is_not_called_a_scan() {
    let few = Limits {
        max_inflated_stream_bytes: 1 << 16,
        ..Limits::default()
    };
    let e = ends("big.pdf", &attacks::pdf_repeated_stream(100_000, 1), &few).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge, "{e}");
}

#[test]
fn a_page_whose_text_cannot_be_decoded_is_named() {
    use attacks::Pdf;
    let mut pdf = Pdf::new();
    let root = pdf.reserve();
    let tree = pdf.reserve();
    let helvetica = pdf.add(&b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"[..]);
    let cid = pdf.add(
        &b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
           /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"[..],
    );
    // A CID font without a ToUnicode map: its codes name no characters.
    let blind = pdf.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [{cid} 0 R] >>"
    ));
    let plain = pdf.add(Pdf::stream(
        "",
        b"BT /F1 12 Tf 72 800 Td (Readable text on page one) Tj ET",
    ));
    let coded = pdf.add(Pdf::stream(
        "",
        b"BT /F2 12 Tf 72 800 Td <0001000200030004> Tj ET",
    ));
    let mut kids = String::new();
    for c in [plain, coded] {
        let p = pdf.add(format!(
            "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {c} 0 R >>"
        ));
        kids.push_str(&format!("{p} 0 R "));
    }
    pdf.set(root, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    pdf.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{kids}] /Count 2 /Resources << /Font << /F1 {helvetica} 0 R /F2 {blind} 0 R >> >> >>"
        ),
    );
    let doc = ends("coded.pdf", &pdf.finish(root), &Limits::default()).unwrap();
    assert!(doc.text.contains("Readable text"), "{}", doc.text);
    assert_eq!(doc.skipped.len(), 1, "{:?}", doc.skipped);
    assert_eq!(doc.skipped[0].page, Some(2));
    assert!(doc.skipped[0].why_en.contains("could not be decoded"));
}

#[test]
fn a_text_of_countless_contradicting_figures_lists_the_cap_and_counts_the_rest() {
    // 20,000 sentences, each with two figures the tables contradict (T001):
    // the report lists the most a report lists, and one R002 counts the
    // rest, which were counted and never put into words.
    let seed = String::from_utf8(nianbao_tests::fixture("seeds/003_988e673ff9f8f84e.txt")).unwrap();
    let bytes = attacks::text_many_findings(&seed, 20_000);
    let found = check_with_limits("many.txt", &bytes, &Limits::default())
        .unwrap()
        .diagnostics;
    assert_eq!(found.len(), nianbao_core::rules::MAX_FINDINGS + 1);
    let last = found.last().unwrap();
    assert_eq!(last.rule, "R002");
    let more: usize = last
        .message
        .trim_start_matches("另有 ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Two sentences' figures a line, a few of which happen to agree.
    assert!((38_500..=40_000).contains(&more), "{}", last.message);
    assert!(found.iter().filter(|d| d.rule == "T001").count() >= 990);
}

#[test]
fn the_parts_of_one_page_are_held_to_the_limit_of_one_stream() {
    // 64 KB listed 1,000 times under a 1 MB limit per stream (and the
    // file's whole budget): the page stops gathering after 16 readings,
    // keeps what it read and says it was not read whole.
    let limits = Limits {
        max_inflated_stream_bytes: 1 << 20,
        ..Limits::default()
    };
    let doc = ends(
        "repeat.pdf",
        &attacks::pdf_repeated_stream(64 * 1024, 1_000),
        &limits,
    )
    .unwrap();
    let n = doc.text.matches("Row of data").count();
    assert!((1..=16).contains(&n), "{n} readings");
    assert_eq!(doc.skipped.len(), 1, "{:?}", doc.skipped);
    assert_eq!(doc.skipped[0].page, Some(1));
}

#[test]
fn a_word_part_far_larger_than_any_report_is_refused_before_it_is_inflated() {
    // A part is parsed whole: one declared over four times the text limit
    // (1 MB here, so 4 MB) is refused from the directory's figure, and
    // names the part and the limit.
    let small = Limits {
        max_text_bytes: 1 << 20,
        ..Limits::default()
    };
    let e = ends(
        "flat.docx",
        &attacks::docx_flat_paragraphs(5_000, 1_000),
        &small,
    )
    .unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::ZipBomb, "{e}");
    assert!(e.message.contains("word/document.xml"), "{}", e.message);
    assert!(
        e.message_en.contains("the limit for one part is 4 MB"),
        "{}",
        e.message_en
    );
}
