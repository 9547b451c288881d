//! Native throughput of the whole check, in the same loop as the browser
//! benchmark (`www/bench.js`): each file is checked once untimed, then
//! `ITERATIONS` times timed (`check` and the export of its result as JSON
//! text, as the JavaScript module's `check` does before the browser parses
//! it); per kind of file, the rate is the number of files divided by the sum
//! of their mean times.
//!
//! `cargo run --release -p nianbao-tests --example throughput -- ITERATIONS FILE…`
//! prints one JSON object per kind: `{"kind","files","iterations","seconds","reportsPerSecond"}`.
//! Run by `cargo xtask bench`.

use nianbao_core::export::Export;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: u32 = args
        .next()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| {
            eprintln!("usage: throughput ITERATIONS FILE…");
            std::process::exit(2)
        });
    // (kind, files, seconds, sum of mean seconds), in order of first appearance.
    let mut kinds: Vec<(String, u32, f64, f64)> = Vec::new();
    for path in args {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        });
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.clone());
        if let Err(e) = nianbao_core::check(&name, &bytes) {
            eprintln!("{name}: {}", e.message_en);
            std::process::exit(1)
        }
        let start = Instant::now();
        for _ in 0..iterations {
            let result = nianbao_core::check(black_box(&name), black_box(&bytes));
            black_box(serde_json::to_string(&Export::of_result(&name, &result)).ok());
        }
        let seconds = start.elapsed().as_secs_f64();
        let kind = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_else(|| "other".into());
        match kinds.iter_mut().find(|k| k.0 == kind) {
            Some(k) => {
                k.1 += 1;
                k.2 += seconds;
                k.3 += seconds / f64::from(iterations);
            }
            None => kinds.push((kind, 1, seconds, seconds / f64::from(iterations))),
        }
    }
    for (kind, files, seconds, mean_sum) in kinds {
        let rate = if mean_sum > 0.0 {
            f64::from(files) / mean_sum
        } else {
            0.0
        };
        println!(
            "{{\"kind\":\"{kind}\",\"files\":{files},\"iterations\":{iterations},\"seconds\":{seconds:.6},\"reportsPerSecond\":{rate:.3}}}"
        );
    }
}
