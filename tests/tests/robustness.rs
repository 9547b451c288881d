//! A short, deterministic fuzz run that needs no nightly toolchain: the seeds
//! and fixtures of every kind, mutated by a seeded PRNG (bit flips,
//! truncation, insertion, splicing, zip entries corrupted inside .docx/.xlsx,
//! objects corrupted inside PDFs), must each give a result or a clear error —
//! never a panic — within a bounded time. The full fuzzing with cargo-fuzz
//! lives in `fuzz/`; inputs that once crashed or hung are kept under
//! `tests/fixtures/regressions/` and replayed here.
//!
//! `NIANBAO_ROBUSTNESS_SCALE=10` runs ten times as many mutants.

use nianbao_core::read::{Limits, ReadErrorKind};
use nianbao_core::{check, check_guarded, Block, Checked, Document, PANIC_TEST_NAME};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Longest any one input may take (debug build, loaded machine: loose).
const MAX_PER_INPUT: Duration = Duration::from_secs(5);

/// xorshift64*: small, fast, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

fn scale() -> usize {
    std::env::var("NIANBAO_ROBUSTNESS_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

/// Byte-level mutations, one to three at a time.
fn mutate(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(3) {
        match rng.below(7) {
            0 => {
                // bit flips
                for _ in 0..1 + rng.below(8) {
                    if !b.is_empty() {
                        let i = rng.below(b.len());
                        b[i] ^= 1 << rng.below(8);
                    }
                }
            }
            1 => {
                // truncation
                let n = rng.below(b.len() + 1);
                b.truncate(n);
            }
            2 => {
                // insertion of random bytes
                let at = rng.below(b.len() + 1);
                let n = 1 + rng.below(16);
                let ins: Vec<u8> = (0..n).map(|_| rng.byte()).collect();
                b.splice(at..at, ins);
            }
            3 => {
                // splice a piece of another input
                let other = &others[rng.below(others.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let len = rng.below((other.len() - from).min(4096) + 1);
                    let at = rng.below(b.len() + 1);
                    let end = (at + rng.below(len + 1)).min(b.len());
                    b.splice(at..end, other[from..from + len].iter().copied());
                }
            }
            4 => {
                // delete a range
                if !b.is_empty() {
                    let at = rng.below(b.len());
                    let end = (at + 1 + rng.below(256)).min(b.len());
                    b.drain(at..end);
                }
            }
            5 => {
                // duplicate a range
                if !b.is_empty() {
                    let at = rng.below(b.len());
                    let end = (at + 1 + rng.below(512)).min(b.len());
                    let piece = b[at..end].to_vec();
                    let to = rng.below(b.len() + 1);
                    b.splice(to..to, piece);
                }
            }
            _ => {
                // interesting values: digits, huge numbers, markup characters
                const INTERESTING: &[&[u8]] = &[
                    b"0",
                    b"-1",
                    b"4294967295",
                    b"99999999999999999999",
                    b"\xE3\x80\x80",
                    b"<",
                    b">",
                    b"\"",
                    b"&",
                    b"\t",
                    b"\n",
                    b"|",
                    b"\xEF\xBC\x88",
                    b"\xE5\x90\x88\xE8\xAE\xA1",
                    b"\x00",
                    b"\xFF\xFE",
                    b"obj",
                    b"R",
                    b"]",
                ];
                let v = INTERESTING[rng.below(INTERESTING.len())];
                let at = rng.below(b.len() + 1);
                let end = (at + rng.below(4)).min(b.len());
                b.splice(at..end, v.iter().copied());
            }
        }
    }
    b
}

/// Mutate one entry of a zip archive: inflate it, mutate the inflated bytes
/// (the XML the reader parses), deflate it again and rebuild the archive; or
/// corrupt the archive's own fields (sizes, offsets, methods).
fn mutate_zip(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let Some(mut entries) = nianbao_tests::zip_entries(input) else {
        return mutate(rng, input, others);
    };
    if entries.is_empty() {
        return mutate(rng, input, others);
    }
    if rng.below(4) == 0 {
        // The container itself: a field of a header or the directory.
        let mut b = input.to_vec();
        let sigs: Vec<usize> = (0..b.len().saturating_sub(4))
            .filter(|&i| b[i] == b'P' && b[i + 1] == b'K' && b[i + 2] < 8)
            .collect();
        if let Some(&at) = sigs.get(rng.below(sigs.len())) {
            let field = at + 4 + rng.below(42);
            if field < b.len() {
                b[field] = match rng.below(3) {
                    0 => 0xFF,
                    1 => 0,
                    _ => rng.byte(),
                };
            }
        }
        return b;
    }
    // Prefer the main parts, which hold the report.
    let main = entries.iter().position(|(n, _)| {
        n == "word/document.xml" || n.starts_with("xl/worksheets/") || n == "xl/sharedStrings.xml"
    });
    let i = match main {
        Some(m) if rng.below(3) > 0 => m,
        _ => rng.below(entries.len()),
    };
    let xml_others: Vec<Vec<u8>> = entries.iter().map(|(_, d)| d.clone()).collect();
    entries[i].1 = mutate(rng, &entries[i].1, &xml_others);
    if rng.below(8) == 0 {
        // An entry dropped altogether.
        let j = rng.below(entries.len());
        entries.remove(j);
    }
    nianbao_tests::make_zip(&entries)
}

/// Corrupt the objects of a PDF: numbers after keys and references, stream
/// lengths, `endobj`/`endstream` markers, bytes inside streams.
fn mutate_pdf(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    const MARKS: &[&[u8]] = &[
        b"/Length",
        b" R",
        b" obj",
        b"endobj",
        b"stream",
        b"/Count",
        b"/Kids",
        b"/Size",
        b"/W ",
        b"/Index",
        b"/First",
        b"/N ",
        b"xref",
        b"/Prev",
        b"/ToUnicode",
        b"/Widths",
        b"beginbfrange",
        b"Tj",
        b"TJ",
        b"cm",
    ];
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(3) {
        let mark = MARKS[rng.below(MARKS.len())];
        let hits: Vec<usize> = b
            .windows(mark.len())
            .enumerate()
            .filter(|(_, w)| *w == mark)
            .map(|(i, _)| i)
            .collect();
        let Some(&at) = hits.get(rng.below(hits.len())) else {
            return mutate(rng, &b, others);
        };
        let near = (at + mark.len()).min(b.len());
        match rng.below(5) {
            0 => {
                // a number nearby becomes huge, negative or zero
                const NUMS: &[&[u8]] = &[
                    b"999999999",
                    b"-1",
                    b"0",
                    b"2147483648",
                    b"1e308",
                    b"18446744073709551616",
                ];
                let v = NUMS[rng.below(NUMS.len())];
                let end = (near + 1 + rng.below(8)).min(b.len());
                b.splice(near..end, v.iter().copied());
            }
            1 => {
                // the marker removed
                b.drain(at..near);
            }
            2 => {
                // bytes after it scrambled
                for k in 0..1 + rng.below(16) {
                    if let Some(x) = b.get_mut(near + k * (1 + rng.below(64))) {
                        *x = rng.byte();
                    }
                }
            }
            3 => {
                // the object cut short here
                b.truncate(near + rng.below(64));
            }
            _ => {
                // the marker repeated (nested structures)
                let rep = mark.repeat(1 + rng.below(64));
                b.splice(near..near, rep);
            }
        }
    }
    b
}

/// Every span of a document lies in its text on character boundaries.
fn assert_spans(doc: &Document, what: &str) {
    let ok = |s: nianbao_core::Span| {
        s.start <= s.end
            && s.end <= doc.text.len()
            && doc.text.is_char_boundary(s.start)
            && doc.text.is_char_boundary(s.end)
    };
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => assert!(ok(p.span), "{what}: paragraph span {:?}", p.span),
            Block::Table(t) => {
                assert!(ok(t.span), "{what}: table span {:?}", t.span);
                for c in t.rows.iter().flatten() {
                    assert!(ok(c.span), "{what}: cell span {:?}", c.span);
                }
            }
        }
    }
}

/// Run the whole check and the export on one input: no panic, bounded time,
/// spans in range. Returns the time taken.
fn run_one(name: &str, bytes: &[u8], what: &str) -> Duration {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let r: Result<Checked, _> = check(name, bytes);
        if let Ok(c) = &r {
            assert_spans(&c.document, what);
        }
        let export = nianbao_core::Export::of_result(name, &r);
        serde_json::to_string(&export).expect("export serialises");
    }));
    let took = start.elapsed();
    if result.is_err() {
        let path =
            std::env::temp_dir().join(format!("nianbao-robustness-{}", name.replace('/', "_")));
        let _ = std::fs::write(&path, bytes);
        panic!(
            "{what}: panicked on {name} ({} bytes); input written to {}",
            bytes.len(),
            path.display()
        );
    }
    assert!(
        took < MAX_PER_INPUT,
        "{what}: {name} ({} bytes) took {took:?}",
        bytes.len()
    );
    took
}

type Mutator = fn(&mut Rng, &[u8], &[Vec<u8>]) -> Vec<u8>;

fn campaign(
    kind: &str,
    files: Vec<(String, Vec<u8>)>,
    iterations: usize,
    mutator: Mutator,
    seed: u64,
) {
    let start = Instant::now();
    let others: Vec<Vec<u8>> = files.iter().map(|(_, b)| b.clone()).collect();
    let mut rng = Rng(seed);
    let mut slowest = Duration::ZERO;
    // The originals first: they must all check.
    for (name, bytes) in &files {
        run_one(name, bytes, &format!("{kind} original"));
    }
    let n = iterations * scale();
    for i in 0..n {
        let (name, bytes) = &files[rng.below(files.len())];
        let m = mutator(&mut rng, bytes, &others);
        slowest = slowest.max(run_one(name, &m, &format!("{kind} mutant {i}")));
    }
    println!(
        "{kind}: {n} mutants of {} files in {:.1} s, slowest {:.0} ms",
        files.len(),
        start.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1e3
    );
}

fn fixtures(kind: &str, names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .map(|n| {
            (
                n.to_string(),
                nianbao_tests::fixture(&format!("{kind}/{n}")),
            )
        })
        .collect()
}

#[test]
fn mutated_text_reports_never_panic() {
    let mut files: Vec<(String, Vec<u8>)> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| nianbao_tests::seed(p))
        .collect();
    files.push((
        "boshan-2023.txt".into(),
        nianbao_tests::fixture("cross/boshan-2023.txt"),
    ));
    campaign("txt", files, 600, mutate, 0x5EED_0001);
}

#[test]
fn mutated_docx_never_panic() {
    let files = fixtures(
        "docx",
        &[
            "000.docx",
            "002.docx",
            "003.docx",
            "numbering.docx",
            "runs-fields-merges.docx",
        ],
    );
    campaign("docx", files, 500, mutate_zip, 0x5EED_0002);
}

#[test]
fn mutated_xlsx_never_panic() {
    let files = fixtures("xlsx", &["000.xlsx", "001.xlsx", "003.xlsx", "004.xlsx"]);
    campaign("xlsx", files, 500, mutate_zip, 0x5EED_0003);
}

#[test]
fn mutated_html_never_panic() {
    let files = fixtures(
        "html",
        &[
            "000.html",
            "002.html",
            "003-gb2312.html",
            "003.mhtml",
            "004.html",
        ],
    );
    campaign("html", files, 500, mutate, 0x5EED_0004);
}

#[test]
fn mutated_pdf_never_panic() {
    let files = fixtures(
        "pdf",
        &["seed-000.pdf", "seed-003.pdf", "bomb.pdf", "scanned.pdf"],
    );
    campaign("pdf", files, 150, mutate_pdf, 0x5EED_0005);
}

/// Inputs that once crashed or hung a reader (see the README there).
#[test]
fn regressions_stay_fixed() {
    let dir = nianbao_tests::repo_root().join("tests/fixtures/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir)
        .expect("regressions dir")
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("readable");
        run_one(&name, &bytes, "regression");
        n += 1;
    }
    println!("{n} regression inputs");
}

#[test]
fn a_panic_in_the_core_becomes_an_internal_error_for_that_file() {
    // `check` itself panics on the trigger name (feature `panic-trigger`, on
    // for the tests)…
    let caught = catch_unwind(|| check(PANIC_TEST_NAME, b"anything"));
    assert!(
        caught.is_err(),
        "the trigger name must panic in test builds"
    );
    // …and `check_guarded` turns that into an error for this one file.
    let e = check_guarded(PANIC_TEST_NAME, b"anything", &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::Internal);
    assert!(
        e.message_en.contains("internal error") && e.message.contains("内部出错"),
        "{e}"
    );
    // Other files are unaffected, before and after.
    let (name, bytes) = nianbao_tests::seed("003");
    assert!(check_guarded(&name, &bytes, &Limits::default()).is_ok());
    // Only the exact name triggers it.
    let e = check_guarded(
        "__nianbao_panic_test__.txt",
        b"anything",
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::NotAReport);
}

#[test]
fn file_names_and_report_text_stay_plain_text_in_messages() {
    // Markup in a file name and in the report's text is carried as plain
    // text: nothing in the core builds or escapes HTML (the UI escapes what
    // it shows).
    let (_, bytes) = nianbao_tests::seed("003");
    let text = String::from_utf8(bytes).expect("utf-8 seed");
    let hostile = text.replacen(
        "一、总体情况",
        "一、总体情况<script>alert(1)</script>&amp;",
        1,
    );
    assert_ne!(hostile, text);
    let name = "<img src=x onerror=alert(1)>.txt";
    let checked = check(name, hostile.as_bytes()).expect("still a report");
    assert!(
        checked
            .document
            .text
            .contains("<script>alert(1)</script>&amp;"),
        "text kept verbatim"
    );
    let export = serde_json::to_value(nianbao_core::Export::of(name, &checked)).expect("export");
    assert_eq!(
        export["file"].as_str(),
        Some(name),
        "file name kept verbatim"
    );
    let json = export.to_string();
    assert!(
        !json.contains("&lt;") && !json.contains("&gt;") && !json.contains("&amp;lt;"),
        "no HTML escaping in core output"
    );
    // No message of any rule or reader is built with markup.
    let src = nianbao_tests::repo_root().join("core/src");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir)
            .expect("core/src")
            .filter_map(Result::ok)
        {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs")
                && !p.starts_with(nianbao_tests::repo_root().join("core/src/read"))
                // The annotated .docx is XML the core writes (escaped as XML
                // must be), not a message.
                && !p.starts_with(nianbao_tests::repo_root().join("core/src/annotate"))
                // The memo, summary and printable pages the writers and the
                // workspace make are markup on purpose.
                && !p.starts_with(nianbao_tests::repo_root().join("core/src/write"))
                && !p.starts_with(nianbao_tests::repo_root().join("core/src/workspace"))
            {
                let code = std::fs::read_to_string(&p).expect("source");
                for tag in [
                    "\"<b>", "<span", "<br", "<div", "<mark", "<strong>", "<em>", "&lt;", "&gt;",
                ] {
                    assert!(!code.contains(tag), "{} builds markup ({tag})", p.display());
                }
            }
        }
    }
}

#[test]
fn broken_styles_parts_of_a_docx_never_panic() {
    // The styles part is read by a fast path that cuts it at its tags: cut
    // and malformed tags must not trip it.
    let entries =
        nianbao_tests::zip_entries(&nianbao_tests::fixture("docx/numbering.docx")).expect("zip");
    for styles in [
        "<w:styles><w:style </w:style>",
        "<w:styles><w:style w:styleId=\"a\"><w:basedOn w:val=\"b\"",
        "<w:styles><w:style w:styleId=\"a\"/><w:style w:styleId=\"b\"><w:numId w:val=\"1\"/></w:style>",
        "<w:styles><w:style w:styleId=\"a\"><w:style w:styleId=\"b\"><w:ilvl w:val=\"x\"/>",
        "<w:styles><w:style >",
        "<w:styles><w:style ",
    ] {
        let mut e = entries.clone();
        for (name, data) in e.iter_mut() {
            if name == "word/styles.xml" {
                *data = styles.as_bytes().to_vec();
            }
        }
        run_one("styles.docx", &nianbao_tests::make_zip(&e), styles);
    }
}
