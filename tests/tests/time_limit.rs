//! The time allowed for one file (`Limits::time_limit`): a check still
//! running when it is up stops where the readers look and the file is
//! refused as `timed_out`, in both languages; a file checked within its time
//! gets the result it gets without a limit. The clock here counts how often
//! it is read (one "millisecond" a reading), so that the tests do not depend
//! on the machine's speed.

use nianbao_core::read::{Limits, ReadErrorKind, TimeLimit};
use nianbao_core::{check_with_limits, Export};
use nianbao_tests::attacks;
use std::cell::Cell;

thread_local! {
    static READINGS: Cell<u64> = const { Cell::new(0) };
}

/// A clock that moves one millisecond each time it is read.
fn counting_clock() -> f64 {
    READINGS.with(|r| {
        r.set(r.get() + 1);
        r.get() as f64
    })
}

fn readings() -> u64 {
    READINGS.with(|r| r.get())
}

fn within(ms: f64) -> Limits {
    Limits {
        time_limit: Some(TimeLimit {
            clock: counting_clock,
            ms,
        }),
        ..Limits::default()
    }
}

#[test]
fn a_slow_pdf_is_stopped_when_its_time_is_up() {
    // Ten pages of 3,000 borderless rows: the pages, and the operators in
    // each, are where the reader looks at the clock.
    let pdf = attacks::pdf_figure_lines(3_000, 10);
    let start = readings();
    let e = check_with_limits("slow.pdf", &pdf, &within(3.0)).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TimedOut);
    assert!(e.message.contains("已停止"), "{}", e.message);
    assert!(e.message_en.contains("was stopped"), "{}", e.message_en);
    // Stopped at the third reading after the start; once up, the clock is
    // not read again.
    assert_eq!(readings() - start, 4);

    // The same file without a limit is read through (and refused for its
    // one table over the cell limit, or read: not timed out).
    let whole = check_with_limits("slow.pdf", &pdf, &Limits::default());
    assert!(
        !matches!(&whole, Err(e) if e.kind == ReadErrorKind::TimedOut),
        "{whole:?}"
    );
}

#[test]
fn a_real_clock_with_no_time_left_stops_at_once() {
    fn wall() -> f64 {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
    let limits = Limits {
        time_limit: Some(TimeLimit {
            clock: wall,
            ms: 0.0,
        }),
        ..Limits::default()
    };
    let e =
        check_with_limits("slow.pdf", &attacks::pdf_figure_lines(3_000, 2), &limits).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TimedOut);
    assert!(e.message.contains("0 秒"), "{}", e.message);
}

#[test]
fn a_report_checked_within_its_time_gets_the_same_result() {
    for seed in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    {
        let bytes = std::fs::read(&seed).unwrap();
        let name = seed.file_name().unwrap().to_str().unwrap();
        let free = check_with_limits(name, &bytes, &Limits::default()).unwrap();
        let timed = check_with_limits(name, &bytes, &within(1e9)).unwrap();
        assert_eq!(
            serde_json::to_value(Export::of(name, &free)).unwrap(),
            serde_json::to_value(Export::of(name, &timed)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn the_limit_is_for_each_file_not_for_the_thread() {
    // A file stopped leaves nothing behind: the next, without a limit, is
    // checked whole.
    let pdf = attacks::pdf_figure_lines(3_000, 10);
    assert!(check_with_limits("slow.pdf", &pdf, &within(1.0)).is_err());
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seeds/003_988e673ff9f8f84e.txt"
    ))
    .unwrap();
    assert!(check_with_limits("003.txt", &seed, &Limits::default()).is_ok());
    assert!(check_with_limits("003.txt", &seed, &within(1e9)).is_ok());
}

#[test]
fn word_files_and_pages_are_stopped_too() {
    // The markup readers (Word, pages, workbooks, OFD) look at the time
    // every 4,096 tags: 20,000 paragraphs of a .docx, and a page of 20,000
    // table rows, each stopped at the third reading after the start.
    let docx = attacks::docx_flat_paragraphs(20_000, 20);
    let rows: String = (0..20_000)
        .map(|i| format!("<tr><td>第{i}行</td><td>{i}</td></tr>"))
        .collect();
    let html = format!("<html><body><p>一、总体情况</p><table>{rows}</table></body></html>");
    for (name, bytes) in [("slow.docx", docx), ("slow.html", html.into_bytes())] {
        let start = readings();
        let e = check_with_limits(name, &bytes, &within(3.0)).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::TimedOut, "{name}");
        assert_eq!(readings() - start, 4, "{name}");
        // Without a limit the same file is read (not timed out).
        let whole = check_with_limits(name, &bytes, &Limits::default());
        assert!(
            !matches!(&whole, Err(e) if e.kind == ReadErrorKind::TimedOut),
            "{name}: {whole:?}"
        );
    }
}

/// A Word 97–2003 document whose text is `paragraphs` paragraphs of the
/// line `line` (UTF-16, one piece, no formatting): the least the .doc
/// reader takes, made here so that its length can be chosen.
fn doc_of_paragraphs(line: &str, paragraphs: usize) -> Vec<u8> {
    use std::io::Write;
    const TEXT_AT: usize = 1024;
    let text: Vec<u16> = (0..paragraphs)
        .flat_map(|_| line.encode_utf16().chain([0x0D]))
        .collect();
    // The FIB: its base (identifier, version 97, the table stream is 1Table),
    // 14 shorts, 22 longs (the text's length the fourth), 93 pairs of
    // offset and length (the piece table the 34th).
    let mut word = vec![0u8; TEXT_AT];
    let put16 =
        |w: &mut Vec<u8>, at: usize, v: u16| w[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |w: &mut Vec<u8>, at: usize, v: u32| w[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut word, 0, 0xA5EC);
    put16(&mut word, 2, 0x00C1);
    put16(&mut word, 0x0A, 0x0200);
    put16(&mut word, 32, 14);
    put16(&mut word, 62, 22);
    put32(&mut word, 64 + 3 * 4, text.len() as u32);
    put16(&mut word, 152, 93);
    // The piece table: one piece, characters 0..n stored (uncompressed) at TEXT_AT.
    let mut clx = vec![0x02];
    clx.extend(16u32.to_le_bytes());
    clx.extend(0u32.to_le_bytes());
    clx.extend((text.len() as u32).to_le_bytes());
    clx.extend([0, 0]);
    clx.extend((TEXT_AT as u32).to_le_bytes());
    clx.extend([0, 0]);
    put32(&mut word, 154 + 33 * 8, 0);
    put32(&mut word, 154 + 33 * 8 + 4, clx.len() as u32);
    word.extend(text.iter().flat_map(|u| u.to_le_bytes()));
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, data) in [("/WordDocument", &word), ("/1Table", &clx)] {
        cf.create_stream(name).unwrap().write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

#[test]
fn plain_text_and_word_97_files_are_stopped_too() {
    // The text reader looks at the time every 4,096 lines, whatever the
    // layout found (tab-indented cells, or plain lines with figures); the
    // .doc reader every 65,536 characters. Each file is stopped at the third
    // reading after the start, as the other readers are.
    let cells: String = (0..20_000).map(|i| format!("\t第{i}项\n")).collect();
    let plain: String = (0..20_000)
        .map(|i| format!("本年新制作数量 {i} {i}\n"))
        .collect();
    let head = "一、总体情况\n二、主动公开政府信息情况\n";
    let doc = doc_of_paragraphs("本机关依法做好政府信息公开工作", 20_000);
    let files = [
        ("cells.txt", format!("{head}{cells}").into_bytes()),
        ("plain.txt", format!("{head}{plain}").into_bytes()),
        ("slow.doc", doc),
    ];
    for (name, bytes) in files {
        // Read as the kind the name says, without a limit.
        let whole = check_with_limits(name, &bytes, &Limits::default());
        assert!(
            !matches!(&whole, Err(e) if e.kind == ReadErrorKind::TimedOut),
            "{name}: {whole:?}"
        );
        if name.ends_with(".doc") {
            let doc = whole.as_ref().unwrap();
            assert_eq!(doc.document.input.kind, nianbao_core::InputKind::Doc);
            assert_eq!(doc.document.blocks.len(), 20_000, "{name}");
        }
        let start = readings();
        let e = check_with_limits(name, &bytes, &within(3.0)).unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::TimedOut, "{name}");
        assert_eq!(readings() - start, 4, "{name}");
    }
}
