//! Writes one hostile file of each class, at the sizes that once made the
//! checker crash, hang or grow without bound, into a folder, for measuring
//! the command line (and the page) on them:
//!
//!   cargo run --release -p nianbao-tests --example attacks -- DIR
//!
//! then, for each file, `/usr/bin/time -f "%e s %M KB" nianbao check FILE`
//! (docs/limits.md, "Measured", gives the figures).

use nianbao_tests::attacks;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: attacks DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = String::from_utf8(nianbao_tests::fixture("seeds/003_988e673ff9f8f84e.txt")).unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "docx-nested-25000.docx",
            attacks::docx_nested_tables(25_000),
        ),
        (
            "docx-flat-200mb.docx",
            attacks::docx_flat_paragraphs(70_000, 1_000),
        ),
        (
            "html-nested-25000.html",
            attacks::html_nested_tables(25_000),
        ),
        (
            "pdf-lines-100000.pdf",
            attacks::pdf_figure_lines(100_000, 1),
        ),
        (
            "pdf-lines-10x10000.pdf",
            attacks::pdf_figure_lines(10_000, 10),
        ),
        (
            "pdf-stream-1mb-x2000.pdf",
            attacks::pdf_repeated_stream(1 << 20, 2_000),
        ),
        (
            "pdf-stream-1mb-x20000.pdf",
            attacks::pdf_repeated_stream(1 << 20, 20_000),
        ),
        ("pdf-pages-5000.pdf", attacks::pdf_many_pages(5_000)),
        (
            "pdf-tiny-objects-300000.pdf",
            attacks::pdf_tiny_text_objects(300_000),
        ),
        ("pdf-grid-1000x200.pdf", attacks::pdf_huge_table(1_000, 200)),
        (
            "text-findings-14mb.txt",
            attacks::text_many_findings(&seed, 220_000),
        ),
    ];
    for (name, bytes) in files {
        println!("{name}\t{} bytes", bytes.len());
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}
