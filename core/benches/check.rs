//! Throughput of the whole check (read → extract → rules) and of each reader,
//! per seed and per kind of fixture, in reports per second (criterion's
//! "elem/s"): `cargo bench -p nianbao-core --bench check`.
//!
//! Targets (native, one core): ≥ 5,000 text reports/s and ≥ 1,000 .docx/s.
//! Every file comes from `tests/fixtures`: the seeds from `seeds/`, the
//! published PDF from `real/`, the other kinds from the seed-made fixtures.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_core::read::{docx, html, pdf, text, xlsx, Limits};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Files of one kind: (name, bytes), sorted by name.
fn files(dir: PathBuf, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).expect("readable");
            (n, bytes)
        })
        .collect();
    out.sort();
    out
}

/// The fixtures of every kind that read as reports (the seeds as text, the
/// seed-made .docx/.html/.xlsx/.pdf fixtures, the published PDF).
type Files = Vec<(String, Vec<u8>)>;

fn kinds() -> Vec<(&'static str, Files)> {
    let fx = repo().join("tests/fixtures");
    let seed_made = |kind: &str, ext: &str| -> Vec<(String, Vec<u8>)> {
        files(fx.join(kind), ext)
            .into_iter()
            .filter(|(n, _)| n.starts_with(|c: char| c.is_ascii_digit()) || n.starts_with("seed-"))
            .collect()
    };
    let mut pdfs = seed_made("pdf", ".pdf");
    pdfs.extend(files(fx.join("real"), ".pdf"));
    vec![
        ("txt", files(fx.join("seeds"), ".txt")),
        ("docx", seed_made("docx", ".docx")),
        ("html", seed_made("html", ".html")),
        ("xlsx", seed_made("xlsx", ".xlsx")),
        ("pdf", pdfs),
    ]
}

fn read_only(kind: &str, bytes: &[u8], limits: &Limits) -> bool {
    match kind {
        "txt" => text::read(bytes, limits).is_ok(),
        "docx" => docx::read(bytes, limits).is_ok(),
        "html" => html::read(bytes, limits).is_ok(),
        "xlsx" => xlsx::read(bytes, limits).is_ok(),
        _ => pdf::read(bytes, limits).is_ok(),
    }
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let kinds = kinds();

    // The whole check on each seed.
    let mut g = c.benchmark_group("check/seed");
    g.throughput(Throughput::Elements(1));
    for (name, bytes) in &kinds[0].1 {
        assert!(nianbao_core::check(name, bytes).is_ok(), "{name} checks");
        g.bench_with_input(
            BenchmarkId::from_parameter(&name[..3]),
            bytes,
            |b, bytes| {
                b.iter(|| black_box(nianbao_core::check(black_box(name), black_box(bytes)).ok()))
            },
        );
    }
    g.finish();

    // The whole check and the reader alone, per kind: every file of the kind
    // once per iteration, so the throughput is in reports per second.
    for (stage, check) in [("check", true), ("read", false)] {
        let mut g = c.benchmark_group(format!("{stage}/kind"));
        for (kind, files) in &kinds {
            if files.is_empty() {
                continue;
            }
            for (name, bytes) in files {
                assert!(read_only(kind, bytes, &limits), "{name} reads");
            }
            if *kind == "pdf" {
                g.sample_size(10).measurement_time(Duration::from_secs(4));
            }
            g.throughput(Throughput::Elements(files.len() as u64));
            g.bench_function(*kind, |b| {
                b.iter(|| {
                    for (name, bytes) in files {
                        if check {
                            black_box(nianbao_core::check(black_box(name), black_box(bytes)).ok());
                        } else {
                            black_box(read_only(kind, black_box(bytes), &limits));
                        }
                    }
                })
            });
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    targets = bench
}
criterion_main!(benches);
