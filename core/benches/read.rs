//! Reading and extracting each seed: `cargo bench -p nianbao-core --bench read`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_core::extract::extract;
use nianbao_core::read::{read, Limits};
use std::path::PathBuf;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/seeds");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".txt"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).expect("seed readable");
            (name, bytes)
        })
        .collect();
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("read+extract");
    for (name, bytes) in seeds() {
        group.throughput(Throughput::Elements(1));
        let id = name.get(..3).unwrap_or(&name).to_string();
        group.bench_function(id, |b| {
            b.iter(|| {
                let doc = read(&name, std::hint::black_box(&bytes), &limits).expect("reads");
                extract(&doc)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
