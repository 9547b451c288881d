//! Where the time of one check goes, stage by stage: read (bytes to
//! document), extract (document to report), rules, the JSON text of the
//! export, and dropping the result. Means over all files given, in µs.
//!
//! `cargo run --release -p nianbao-tests --example stages -- ITERATIONS FILE…`

use nianbao_core::export::Export;
use nianbao_core::{extract, read, rules};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let files: Vec<(String, Vec<u8>)> = args
        .map(|p| {
            let name = std::path::Path::new(&p)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read(&p).expect("readable file"))
        })
        .collect();
    let limits = read::Limits::default();
    let mut spent = [Duration::ZERO; 5];
    for _ in 0..iterations {
        for (name, bytes) in &files {
            let t = Instant::now();
            let doc = read::read(black_box(name), black_box(bytes), &limits).expect("a report");
            let t1 = Instant::now();
            let report = extract::extract(&doc);
            let t2 = Instant::now();
            let diagnostics = rules::run(&rules::Context::new(&doc, &report));
            let t3 = Instant::now();
            let checked = nianbao_core::Checked {
                document: doc,
                report,
                diagnostics,
            };
            let result = Ok(checked);
            black_box(serde_json::to_string(&Export::of_result(name, &result)).ok());
            let t4 = Instant::now();
            drop(black_box(result));
            let t5 = Instant::now();
            for (s, d) in spent
                .iter_mut()
                .zip([t1 - t, t2 - t1, t3 - t2, t4 - t3, t5 - t4])
            {
                *s += d;
            }
        }
    }
    let n = f64::from(iterations) * files.len() as f64;
    let total: f64 = spent.iter().map(Duration::as_secs_f64).sum();
    for (stage, d) in ["read", "extract", "rules", "export", "drop"]
        .iter()
        .zip(spent)
    {
        let us = d.as_secs_f64() * 1e6 / n;
        println!(
            "{stage:8} {us:8.1} µs  {:5.1} %",
            100.0 * d.as_secs_f64() / total
        );
    }
    println!(
        "{:8} {:8.1} µs  → {:.0} reports/s",
        "total",
        total * 1e6 / n,
        n / total
    );
}
