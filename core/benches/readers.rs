//! Throughput of the .docx, .html and .xlsx readers on the seed fixtures:
//! `cargo bench -p nianbao-core --bench readers`. Each kind reads the five
//! seeds' fixtures in turn; one iteration is one report read.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_core::read::{read, Limits};
use std::hint::black_box;
use std::path::PathBuf;

fn fixtures(kind: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(kind);
    (0..5)
        .map(|i| {
            let name = format!("{i:03}.{kind}");
            let bytes = std::fs::read(dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, bytes)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("readers");
    group.throughput(Throughput::Elements(1));
    for kind in ["docx", "html", "xlsx"] {
        let files = fixtures(kind);
        let mut next = files.iter().cycle();
        group.bench_function(kind, |b| {
            b.iter(|| {
                let (name, bytes) = next.next().expect("cycle");
                read(name, black_box(bytes), &limits).expect("fixture reads")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
