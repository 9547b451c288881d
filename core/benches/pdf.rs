//! Throughput of the PDF reader (`cargo bench -p nianbao-core --bench pdf`):
//! the published six-page corpus PDF (WPS export, CID fonts, tables with
//! merged cells over page breaks) and the seed PDFs printed by LibreOffice.
//! Criterion reports the time per report; pages per second follow from the
//! page counts printed first.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_core::read::{read, Limits};
use std::hint::black_box;
use std::path::PathBuf;

fn inputs() -> Vec<(String, Vec<u8>, u64)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for (path, pages) in [
        ("real/huaian-city-2024.pdf", 6),
        ("pdf/seed-000.pdf", 4),
        ("pdf/seed-003.pdf", 3),
    ] {
        let p = root.join("tests/fixtures").join(path);
        let name = p.file_stem().expect("a file name").to_string_lossy();
        let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.push((name.to_string(), b, pages));
    }
    out
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let mut g = c.benchmark_group("pdf");
    for (name, bytes, pages) in inputs() {
        read("x.pdf", &bytes, &limits).expect("bench input reads");
        g.throughput(Throughput::Elements(pages));
        g.bench_function(&name, |b| {
            b.iter(|| black_box(read("x.pdf", black_box(&bytes), &limits).ok()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
