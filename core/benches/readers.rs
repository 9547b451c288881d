//! Throughput of the .docx, .html and .xlsx readers on the seed fixtures
//! (`cargo bench -p nianbao-core --bench readers`). A plain timing loop, so
//! that it needs no extra dependency; prints reports per second per kind.

use nianbao_core::read::{read, Limits};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let limits = Limits::default();
    for kind in ["docx", "html", "xlsx"] {
        let files: Vec<(String, Vec<u8>)> = (0..5)
            .map(|i| {
                let name = format!("{i:03}.{kind}");
                let bytes = std::fs::read(dir.join(kind).join(&name)).expect("fixture");
                (name, bytes)
            })
            .collect();
        // Warm up, then read the five files round-robin for about a second.
        for (n, b) in &files {
            read(n, b, &limits).expect("fixture reads");
        }
        let start = Instant::now();
        let mut reports = 0u64;
        while start.elapsed() < Duration::from_secs(1) {
            for (n, b) in &files {
                black_box(read(black_box(n), black_box(b), &limits).ok());
                reports += 1;
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        println!(
            "{kind}: {:.0} reports/s ({:.1} µs per report, average file {} KB)",
            reports as f64 / secs,
            secs * 1e6 / reports as f64,
            bytes / files.len() / 1024
        );
    }
}
