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
    let shared = std::env::var_os("NIANBAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    let mut out = Vec::new();
    let corpus = shared.join("corpus/huaian-city-2024.pdf");
    if let Ok(b) = std::fs::read(&corpus) {
        out.push(("huaian-city-2024".to_string(), b, 6));
    } else {
        eprintln!(
            "note: {} not found (set NIANBAO_SHARED); benching the fixtures only",
            corpus.display()
        );
    }
    for (name, pages) in [("seed-000", 4), ("seed-003", 3)] {
        let p = root.join("tests/fixtures/pdf").join(format!("{name}.pdf"));
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
