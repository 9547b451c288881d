//! Hostile inputs are refused quickly, with the right kind of error and a
//! clear message, without the memory they ask for.
//!
//! The inputs are made here (nothing huge is committed). Each case asserts the
//! error kind, the words of the message, a loose bound on time (5 s, so that a
//! loaded debug build does not make it flaky; the real figures are printed
//! with `--nocapture`) and a bound on the memory allocated while refusing
//! (measured by a counting allocator).

use nianbao_core::read::{read, Limits, ReadErrorKind};
use nianbao_core::{check, ReadError};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts live bytes and their peak, to bound the memory a refusal takes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The measurements need the process to themselves: one case at a time.
static SERIAL: Mutex<()> = Mutex::new(());

const MB: usize = 1024 * 1024;

/// Run a refusal: the error, the time it took and the most memory it held
/// beyond what was live before.
fn refuse(label: &str, f: impl FnOnce() -> Result<(), ReadError>) -> (ReadError, Duration, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let err = f().expect_err("refused");
    let took = start.elapsed();
    let extra = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    println!(
        "{label}: {:?} in {:.1} ms, {:.1} MB held; {}",
        err.kind,
        took.as_secs_f64() * 1e3,
        extra as f64 / MB as f64,
        err.message_en
    );
    assert!(took < Duration::from_secs(5), "{label} took {took:?}");
    (err, took, extra)
}

fn lock() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

/// Deterministic pseudo-random bytes (xorshift).
fn garbage(n: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(n);
    out
}

/// A zip archive of (name, data, method, declared inflated size) entries.
fn zip(entries: &[(&str, &[u8], u16, u64)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, method, inflated) in entries {
        let offset = out.len() as u32;
        let inflated32 = (*inflated).min(0xFFFF_FFFE) as u32;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0]);
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0; 8]); // time, date, crc
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&inflated32.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
        central.extend_from_slice(&method.to_le_bytes());
        central.extend_from_slice(&[0; 8]);
        central.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend_from_slice(&inflated32.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let count = entries.len().min(0xFFFF) as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

const DOC_XML: &str = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"#;

#[test]
fn zip_bomb_declared_in_the_directory_is_refused_before_inflating() {
    let _g = lock();
    // 10 MB of zeros deflate to about 10 KB; the directory says 2 GB.
    let zeros = vec![0u8; 10 * MB];
    let deflated = miniz_oxide::deflate::compress_to_vec(&zeros, 6);
    drop(zeros);
    let bytes = zip(&[
        (
            "word/document.xml",
            DOC_XML.as_bytes(),
            0,
            DOC_XML.len() as u64,
        ),
        ("word/media/big.bin", &deflated, 8, 2_000 * MB as u64),
    ]);
    let (e, _, held) = refuse("zip bomb (declared 2 GB)", || {
        check("bomb.docx", &bytes).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::ZipBomb);
    assert!(
        e.message_en.contains("zip bomb") && e.message.contains("压缩炸弹"),
        "{e}"
    );
    assert!(held < 4 * MB, "held {held} bytes");
}

#[test]
fn zip_bomb_with_a_lying_directory_stops_at_the_declared_size() {
    let _g = lock();
    // The main part itself: declared 1 KB, inflates to 10 MB of spaces.
    let mut xml = DOC_XML.as_bytes().to_vec();
    xml.resize(10 * MB, b' ');
    let deflated = miniz_oxide::deflate::compress_to_vec(&xml, 6);
    drop(xml);
    let bytes = zip(&[("word/document.xml", &deflated, 8, 1024)]);
    let (e, _, held) = refuse("zip bomb (directory lies)", || {
        check("lying.docx", &bytes).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::ZipBomb);
    assert!(
        e.message_en.contains("inflates past its declared size"),
        "{e}"
    );
    assert!(held < 4 * MB, "held {held} bytes");
}

#[test]
fn zip_with_too_many_entries_is_refused() {
    let _g = lock();
    let names: Vec<String> = (0..20_000).map(|i| format!("x/{i}")).collect();
    let entries: Vec<(&str, &[u8], u16, u64)> =
        names.iter().map(|n| (n.as_str(), &b""[..], 0, 0)).collect();
    let bytes = zip(&entries);
    let (e, _, _) = refuse("zip with 20,000 entries", || {
        check("many.xlsx", &bytes).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::ZipBomb);
    assert!(e.message_en.contains("entries; the limit is 10000"), "{e}");
    // The limit comes from `Limits`.
    let few = Limits {
        max_zip_entries: 2,
        ..Limits::default()
    };
    let bytes = zip(&[("a", b"", 0, 0), ("b", b"", 0, 0), ("c", b"", 0, 0)]);
    let e = read("three.docx", &bytes, &few).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::ZipBomb);
}

#[test]
fn a_hundred_megabytes_of_garbage_is_refused_by_its_size() {
    let _g = lock();
    let bytes = garbage(100 * MB, 0x9E37_79B9_7F4A_7C15);
    let (e, took, held) = refuse("100 MB of garbage", || {
        check("garbage.pdf", &bytes).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(
        e.message.contains("100.0 MB") && e.message_en.contains("the limit is 50 MB"),
        "{e}"
    );
    assert!(
        took < Duration::from_secs(1),
        "refused by size alone, took {took:?}"
    );
    assert!(held < MB, "held {held} bytes");
}

#[test]
fn garbage_under_the_size_limit_is_refused_as_unreadable() {
    let _g = lock();
    let bytes = garbage(8 * MB, 42);
    let (e, _, held) = refuse("8 MB of garbage", || check("garbage.txt", &bytes).map(drop));
    assert_eq!(e.kind, ReadErrorKind::Unsupported);
    assert!(held < 64 * MB, "held {held} bytes");
}

/// A PDF of `n` objects; with `xref`, a cross-reference table declaring them.
fn pdf_with_objects(n: usize, xref: bool) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::with_capacity(n * 40 + 1024);
    out.extend_from_slice(b"%PDF-1.4\n");
    let mut offsets = Vec::with_capacity(if xref { n } else { 0 });
    for i in 1..=n {
        if xref {
            offsets.push(out.len());
        }
        write!(out, "{i} 0 obj\nnull\nendobj\n").unwrap();
    }
    if xref {
        let at = out.len();
        write!(out, "xref\n0 {}\n0000000000 65535 f \n", n + 1).unwrap();
        for o in offsets {
            writeln!(out, "{o:010} 00000 n ").unwrap();
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{at}\n%%EOF\n",
            n + 1
        )
        .unwrap();
    } else {
        out.extend_from_slice(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    }
    out
}

#[test]
fn a_pdf_with_a_million_objects_is_refused() {
    let _g = lock();
    let bytes = pdf_with_objects(1_000_000, true);
    assert!(bytes.len() < 50 * MB);
    let (e, _, held) = refuse("PDF, a million objects in its xref", || {
        check("million.pdf", &bytes).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message_en.contains("1000001 objects"), "{e}");
    assert!(held < 64 * MB, "held {held} bytes");
}

#[test]
fn a_pdf_with_a_million_objects_and_no_xref_is_refused() {
    let _g = lock();
    let bytes = pdf_with_objects(1_000_000, false);
    let (e, _, held) = refuse("PDF, a million objects, no xref", || {
        check("million-noxref.pdf", &bytes).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(
        e.message_en.contains("objects, beyond the safety limit"),
        "{e}"
    );
    assert!(held < 128 * MB, "held {held} bytes");
}

#[test]
fn a_huge_table_is_refused_before_extraction() {
    let _g = lock();
    let mut html = String::from("<html><body><p>一、总体情况</p><table>");
    for _ in 0..500 {
        html.push_str("<tr>");
        for _ in 0..500 {
            html.push_str("<td>1</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</table></body></html>");
    let (e, _, _) = refuse("HTML table of 500 × 500 cells", || {
        check("big.html", html.as_bytes()).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(
        e.message_en
            .contains("500 rows, 250000 cells; the limit is 200000 cells"),
        "{e}"
    );
    // A lower limit refuses the real tables of a seed's .docx.
    let small = Limits {
        max_table_cells: 50,
        ..Limits::default()
    };
    let e = read("003.docx", &nianbao_tests::fixture("docx/003.docx"), &small).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(e.message.contains("表格过大"), "{e}");
}

#[test]
fn too_much_text_is_refused_before_it_is_read() {
    let _g = lock();
    let (_, seed) = nianbao_tests::seed("003");
    let mut bytes = Vec::with_capacity(17 * MB + seed.len());
    while bytes.len() < 17 * MB {
        bytes.extend_from_slice(&seed);
    }
    let (e, took, held) = refuse("17 MB of report text", || {
        check("long.txt", &bytes).map(drop)
    });
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
    assert!(
        e.message_en.contains("too much text") && e.message_en.contains("the limit is 16 MB"),
        "{e}"
    );
    assert!(
        took < Duration::from_secs(1),
        "refused before reading, took {took:?}"
    );
    assert!(held < MB, "held {held} bytes");
    // The limit also applies to the text a reader built (a seed under a tiny limit).
    let tiny = Limits {
        max_text_bytes: 1000,
        ..Limits::default()
    };
    let e = read("003.html", &nianbao_tests::fixture("html/003.html"), &tiny).unwrap_err();
    assert_eq!(e.kind, ReadErrorKind::TooLarge);
}

#[test]
fn the_defaults_are_documented_values() {
    let l = Limits::default();
    assert_eq!(l.max_input_bytes, 50 * MB);
    assert_eq!(l.max_zip_entries, 10_000);
    assert_eq!(l.max_zip_inflated_bytes, 256 * MB as u64);
    assert_eq!(l.max_pdf_objects, 500_000);
    assert_eq!(l.max_pdf_pages, 1_000);
    assert_eq!(l.max_table_cells, 200_000);
    assert_eq!(l.max_text_bytes, 16 * MB);
}
