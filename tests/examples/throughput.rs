//! Native throughput of the whole check, in the same loop as the browser
//! benchmark (`www/bench.js`): each file is checked once untimed, all the
//! files over and over for [`WARM_UP`] as the browser side does (caches,
//! the allocator's free lists and the processor's clock settle as the
//! browser's optimised code does), then `ITERATIONS` times timed (`check` and the export of its result as JSON
//! text, as the JavaScript module's `check` does before the browser parses
//! it). The timed checks come in [`ROUNDS`] rounds that go through all the
//! files in turn; a file's time is its mean in its fastest round, so that a
//! moment when the machine was busy with something else (another program,
//! the other side of the benchmark) does not count. Per kind of file, the
//! rate is the number of files divided by the sum of their times.
//!
//! `cargo run --release -p nianbao-tests --example throughput -- ITERATIONS FILE…`
//! prints one JSON object per kind:
//! `{"kind","files","iterations","rounds","seconds","reportsPerSecond"}`.
//! Run by `cargo xtask bench`.

use nianbao_core::export::Export;
use std::hint::black_box;
use std::time::Instant;

/// Rounds of timed checks (the same in `www/bench.js`).
const ROUNDS: u32 = 5;

/// How long the files are checked untimed first (`WARM_UP_MS` there).
const WARM_UP: std::time::Duration = std::time::Duration::from_millis(1500);

/// What one timed check does: the check and its export as JSON text.
fn check_once(name: &str, bytes: &[u8]) {
    let result = nianbao_core::check(black_box(name), black_box(bytes));
    black_box(serde_json::to_string(&Export::of_result(name, &result)).ok());
}

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
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
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
        files.push((name, bytes));
    }
    let warm = Instant::now();
    let mut pass = 0;
    while pass < 2 || warm.elapsed() < WARM_UP {
        for (name, bytes) in &files {
            check_once(name, bytes);
        }
        pass += 1;
    }
    // Each round checks each file `per_round` times.
    let per_round = iterations.div_ceil(ROUNDS);
    // Per file: the fastest round's mean, and the seconds spent timing it.
    let mut best = vec![f64::INFINITY; files.len()];
    let mut spent = vec![0.0; files.len()];
    for _ in 0..ROUNDS {
        for (k, (name, bytes)) in files.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..per_round {
                check_once(name, bytes);
            }
            let seconds = start.elapsed().as_secs_f64();
            spent[k] += seconds;
            best[k] = best[k].min(seconds / f64::from(per_round));
        }
    }
    // (kind, files, seconds, sum of the files' times), in order of first appearance.
    let mut kinds: Vec<(String, u32, f64, f64)> = Vec::new();
    for (k, (name, _)) in files.iter().enumerate() {
        let kind = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_else(|| "other".into());
        match kinds.iter_mut().find(|x| x.0 == kind) {
            Some(x) => {
                x.1 += 1;
                x.2 += spent[k];
                x.3 += best[k];
            }
            None => kinds.push((kind, 1, spent[k], best[k])),
        }
    }
    let iterations = per_round * ROUNDS;
    for (kind, files, seconds, time_sum) in kinds {
        let rate = if time_sum > 0.0 {
            f64::from(files) / time_sum
        } else {
            0.0
        };
        println!(
            "{{\"kind\":\"{kind}\",\"files\":{files},\"iterations\":{iterations},\"rounds\":{ROUNDS},\"seconds\":{seconds:.6},\"reportsPerSecond\":{rate:.3}}}"
        );
    }
}
