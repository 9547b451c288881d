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
