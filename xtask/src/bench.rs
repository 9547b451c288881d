//! `cargo xtask bench`: the same files timed natively and in headless
//! Chromium through the JavaScript module, in the same loop, then 1,000 of them
//! given at once to the real page (its web workers, how the page kept up);
//! the tables are written to target/bench.md.
//!
//! The files are those of the native criterion benches: the seed reports as
//! text, the seed-made .docx/.html/.xlsx/.pdf fixtures and the published PDF,
//! all under tests/fixtures.

use crate::run::Steps;
use crate::run::{show, Result};
use crate::setup::{Env, Needs, CHROMIUM};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The standard output of `cmd` (its errors shown as they come), or an error.
fn stdout_of(cmd: &mut Command) -> Result<String> {
    println!("$ {}", show(cmd));
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", show(cmd)))?;
    if !out.status.success() {
        return Err(format!("{} failed ({})", show(cmd), out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Copy the benchmark page (www/bench.html, www/bench.js) into dist/, beside
/// the JavaScript module it loads (dist/pkg).
pub fn copy_page(root: &Path) -> Result<()> {
    for f in ["bench.html", "bench.js"] {
        fs::copy(root.join("www").join(f), root.join("dist").join(f))
            .map_err(|e| format!("www/{f} → dist/: {e}"))?;
    }
    Ok(())
}

fn listed(dir: &Path, ext: &str, seed_made: bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.ends_with(ext)
            && (!seed_made
                || name.starts_with(|c: char| c.is_ascii_digit())
                || name.starts_with("seed-"))
    });
    out.sort();
    out
}

/// The files timed, in kind order.
pub fn files(root: &Path) -> Vec<PathBuf> {
    let fx = root.join("tests/fixtures");
    let mut all = listed(&fx.join("seeds"), ".txt", false);
    all.extend(listed(&fx.join("docx"), ".docx", true));
    all.extend(listed(&fx.join("html"), ".html", true));
    all.extend(listed(&fx.join("xlsx"), ".xlsx", true));
    all.extend(listed(&fx.join("pdf"), ".pdf", true));
    all.extend(listed(&fx.join("real"), ".pdf", false));
    all
}

/// One row printed by either side: (kind, the function timed, files,
/// reports/s). The native side times one thing and names none (`via` empty);
/// the browser side times the module's `checkJson` and `check`.
#[derive(Debug, PartialEq)]
pub struct Row {
    pub kind: String,
    pub via: String,
    pub files: u32,
    pub rate: f64,
}

/// The value of `"key":` in one line of flat JSON (a string or a number).
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let at = line.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = line.get(at..)?.trim_start();
    if let Some(s) = rest.strip_prefix('"') {
        s.split('"').next()
    } else {
        rest.split([',', '}']).next().map(str::trim)
    }
}

pub fn parse_rows(out: &str) -> Vec<Row> {
    out.lines()
        .filter_map(|l| {
            Some(Row {
                kind: field(l, "kind")?.to_string(),
                via: field(l, "via").unwrap_or_default().to_string(),
                files: field(l, "files")?.parse().ok()?,
                rate: field(l, "reportsPerSecond")?.parse().ok()?,
            })
        })
        .collect()
}

/// The functions of the module the browser side times, in the table's order.
const VIA: [&str; 2] = ["checkJson", "check"];

/// How many times each side runs by default, taking turns.
pub const RUNS: u32 = 3;

/// Each (kind, function) with its best rate over the runs, in the order of
/// the first run.
pub fn best_of(runs: &[Vec<Row>]) -> Vec<Row> {
    let mut best: Vec<Row> = Vec::new();
    for row in runs.iter().flatten() {
        match best
            .iter_mut()
            .find(|b| b.kind == row.kind && b.via == row.via)
        {
            Some(b) => b.rate = b.rate.max(row.rate),
            None => best.push(Row {
                kind: row.kind.clone(),
                via: row.via.clone(),
                files: row.files,
                rate: row.rate,
            }),
        }
    }
    best
}

/// native / wasm of one kind and function in each run where both sides
/// gave a rate (run i of the native side against run i of the browser's).
fn ratios(natives: &[Vec<Row>], wasms: &[Vec<Row>], kind: &str, via: &str) -> Vec<f64> {
    natives
        .iter()
        .zip(wasms)
        .filter_map(|(n, w)| {
            let n = n.iter().find(|r| r.kind == kind)?;
            let w = w.iter().find(|r| r.kind == kind && r.via == via)?;
            (w.rate > 0.0).then(|| n.rate / w.rate)
        })
        .collect()
}

/// The table of both sides: per kind the best rate of each side over the
/// runs and their ratio, and the range of the ratios of the single runs.
pub fn table(natives: &[Vec<Row>], wasms: &[Vec<Row>], iterations: u32) -> String {
    let (native, wasm) = (best_of(natives), best_of(wasms));
    let mut md = String::new();
    let _ = writeln!(
        md,
        "| file kind | files | native reports/s | wasm, JSON text (`checkJson`) | native / wasm | \
         wasm, objects (`check`) | native / wasm | native / wasm in each run (`checkJson`; `check`) |\n\
         |---|---:|---:|---:|---:|---:|---:|---|"
    );
    for n in &native {
        let _ = write!(md, "| {} | {} | {:.1} |", n.kind, n.files, n.rate);
        for via in VIA {
            match wasm.iter().find(|w| w.kind == n.kind && w.via == via) {
                Some(w) if w.rate > 0.0 => {
                    let _ = write!(md, " {:.1} | {:.2} |", w.rate, n.rate / w.rate);
                }
                _ => md.push_str(" – | – |"),
            }
        }
        let each: Vec<String> = VIA
            .iter()
            .map(|via| {
                let r = ratios(natives, wasms, &n.kind, via);
                if r.is_empty() {
                    "–".to_string()
                } else {
                    r.iter()
                        .map(|x| format!("{x:.2}"))
                        .collect::<Vec<_>>()
                        .join(" / ")
                }
            })
            .collect();
        let _ = writeln!(md, " {} |", each.join("; "));
    }
    let runs = natives.len().min(wasms.len());
    let _ = writeln!(
        md,
        "\nThe two sides took turns, {runs} run(s) each; the rates are each side's best run. \
         On both sides each file checked once untimed, then all files over and over for 1.5 s \
         (in the browser until the optimised code runs), then {iterations} times timed, in five \
         rounds through all the files; a file's time is its mean in its fastest round; per kind, \
         reports/s = files / sum of their times. Native: release build, one thread; the check and \
         the export of its result as JSON text. Wasm: headless Chromium, through `pkg/nianbao.js`: \
         `checkJson` does the same work (and hands the text to JavaScript); `check` also parses \
         the text into JavaScript objects, the API most callers use."
    );
    md
}

/// How many files the page is given at once (cycling through the timed files).
pub const BATCH_FILES: usize = 1000;

/// The page's batch figures (the JSON line of batch-bench.mjs) as Markdown.
pub fn batch_table(out: &str) -> String {
    let Some(line) = out.lines().rev().find(|l| l.contains("\"pageSeconds\"")) else {
        return "\nThe page's batch run printed no figures.\n".into();
    };
    let f = |k: &str| field(line, k).unwrap_or("?").to_string();
    format!(
        "\n| the page, {} mixed files at once | |\n|---|---:|\n\
         | web workers | {} |\n\
         | given → last result (the page's own clock) | {} s |\n\
         | given → last result (the test's clock) | {} s |\n\
         | time in the core, summed over files | {} s |\n\
         | gaps between frames: median / 95th percentile / longest | {} / {} / {} ms |\n\
         | long tasks (over 50 ms) on the page's thread; longest | {}; {} ms |\n\
         \nThe real page (dist/index.html) given the files through its file input, \
         cycling through the files above.\n",
        f("files"),
        f("workers"),
        f("pageSeconds"),
        f("seconds"),
        f("coreSeconds"),
        f("frameGapP50Ms"),
        f("frameGapP95Ms"),
        f("frameGapMaxMs"),
        f("longTasks"),
        f("longestTaskMs"),
    )
}

pub fn bench(root: &Path, args: &[String]) -> Result<()> {
    // 40 checks of a file a round: a round of a text report takes some 10 ms
    // in the browser, whose clock counts in steps of 0.1 ms.
    let mut iterations: u32 = 200;
    let mut runs: u32 = RUNS;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--iterations" => {
                iterations = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--iterations wants a positive number")?
            }
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--runs wants a positive number")?
            }
            other => return Err(format!("bench: unknown option `{other}`")),
        }
    }
    let files = files(root);
    if files.is_empty() {
        return Err("no files to time (tests/fixtures missing?)".into());
    }
    let mut steps = Steps::new();
    let env: Env = crate::install(
        &mut steps,
        root,
        Needs {
            browser: true,
            e2e: true,
            fuzz: false,
            other_browsers: false,
        },
    )?;
    crate::fetch(&mut steps, &env)?;
    crate::build_app(&mut steps, &env)?;
    crate::build_pkg(&mut steps, &env)?;
    crate::pack(&mut steps, &env)?;
    steps.step("benchmark page → dist/", || copy_page(root))?;
    let iters = iterations.to_string();
    // The two sides take turns, `runs` times: a stretch of seconds in which the
    // machine is slower (another guest on the host) then falls on one run of
    // each side rather than on the whole of one side.
    let (mut natives, mut wasms) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        let native = steps.step(
            &format!("native, run {run} of {runs}: cargo run --release --example throughput"),
            || {
                let mut cmd = env.native_cargo();
                cmd.current_dir(root)
                    .args([
                        "run",
                        "--quiet",
                        "--release",
                        "-p",
                        "nianbao-tests",
                        "--example",
                        "throughput",
                        "--",
                    ])
                    .arg(&iters)
                    .args(&files);
                stdout_of(&mut cmd)
            },
        )?;
        natives.push(parse_rows(&native));
        let wasm = steps.step(
            &format!("wasm, run {run} of {runs}: node tests/e2e/bench.mjs (headless Chromium)"),
            || {
                let mut cmd = env.command("node");
                cmd.current_dir(root.join("tests/e2e"))
                    .arg("bench.mjs")
                    .arg(root.join("dist"))
                    .arg(&iters)
                    .args(&files)
                    .env("CHROMIUM", CHROMIUM);
                stdout_of(&mut cmd)
            },
        )?;
        wasms.push(parse_rows(&wasm));
    }
    let batch = steps.step(
        "page: node tests/e2e/batch-bench.mjs (1,000 mixed files, headless Chromium)",
        || {
            let mut cmd = env.command("node");
            cmd.current_dir(root.join("tests/e2e"))
                .arg("batch-bench.mjs")
                .arg(root.join("dist"))
                .arg(BATCH_FILES.to_string())
                .args(&files)
                .env("CHROMIUM", CHROMIUM);
            stdout_of(&mut cmd)
        },
    )?;
    let mut md = table(&natives, &wasms, iterations);
    md.push_str(&batch_table(&batch));
    let path = root.join("target/bench.md");
    fs::write(&path, &md).map_err(|e| format!("{}: {e}", path.display()))?;
    steps.print_summary();
    println!("\n{md}\n(written to target/bench.md)");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files timed come from the repository alone, every kind present.
    #[test]
    fn the_files_timed_are_the_fixtures() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask/ has a parent");
        let files = files(root);
        let count = |ext: &str| {
            files
                .iter()
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .count()
        };
        assert_eq!(count("txt"), 5, "the five seeds");
        for ext in ["docx", "html", "xlsx", "pdf"] {
            assert!(count(ext) >= 5, "{ext}: {}", count(ext));
        }
        assert!(files
            .iter()
            .any(|p| p.ends_with("tests/fixtures/real/huaian-city-2024.pdf")));
    }

    #[test]
    fn rows_are_read_from_either_side() {
        let out = "noise\n{\"kind\":\"txt\",\"files\":5,\"iterations\":10,\"seconds\":0.5,\"reportsPerSecond\":1234.5}\n\
                   {\"kind\":\"pdf\",\"files\":2,\"iterations\":10,\"seconds\":1,\"reportsPerSecond\":20}";
        let rows = parse_rows(out);
        assert_eq!(
            rows,
            [
                Row {
                    kind: "txt".into(),
                    via: String::new(),
                    files: 5,
                    rate: 1234.5
                },
                Row {
                    kind: "pdf".into(),
                    via: String::new(),
                    files: 2,
                    rate: 20.0
                }
            ]
        );
        let wasm = parse_rows(
            "{\"kind\":\"txt\",\"via\":\"checkJson\",\"files\":5,\"reportsPerSecond\":1000}\n\
             {\"kind\":\"txt\",\"via\":\"check\",\"files\":5,\"reportsPerSecond\":617.25}",
        );
        assert_eq!(wasm[0].via, "checkJson");
        assert_eq!(wasm[1].via, "check");
        let batch = batch_table(
            "{\"files\":1000,\"workers\":2,\"seconds\":7.5,\"pageSeconds\":6.68,\"coreSeconds\":4.35,\"frameGapP50Ms\":17,\"frameGapP95Ms\":33,\"frameGapMaxMs\":433,\"longTasks\":7,\"longestTaskMs\":369}",
        );
        assert!(
            batch.contains("| the page, 1000 mixed files at once |"),
            "{batch}"
        );
        assert!(
            batch.contains("| given → last result (the page's own clock) | 6.68 s |"),
            "{batch}"
        );
        assert!(batch.contains("| 17 / 33 / 433 ms |"), "{batch}");
        assert!(batch.contains("| 7; 369 ms |"), "{batch}");
        assert!(batch_table("nothing").contains("no figures"));
        let md = table(&[rows], &[wasm], 10);
        assert!(
            md.contains("| txt | 5 | 1234.5 | 1000.0 | 1.23 | 617.2 | 2.00 | 1.23; 2.00 |"),
            "{md}"
        );
        assert!(
            md.contains("| pdf | 2 | 20.0 | – | – | – | – | –; – |"),
            "{md}"
        );
    }

    #[test]
    fn runs_give_each_side_its_best_and_every_ratio() {
        let row = |kind: &str, via: &str, rate: f64| Row {
            kind: kind.into(),
            via: via.into(),
            files: 5,
            rate,
        };
        // The native side's second run and the browser's first are the best.
        let natives = vec![vec![row("txt", "", 3000.0)], vec![row("txt", "", 4000.0)]];
        let wasms = vec![
            vec![row("txt", "checkJson", 3200.0), row("txt", "check", 2500.0)],
            vec![row("txt", "checkJson", 2000.0), row("txt", "check", 2000.0)],
        ];
        let best = best_of(&wasms);
        assert_eq!(
            best,
            [row("txt", "checkJson", 3200.0), row("txt", "check", 2500.0)]
        );
        assert_eq!(best_of(&natives), [row("txt", "", 4000.0)]);
        let md = table(&natives, &wasms, 10);
        assert!(
            md.contains(
                "| txt | 5 | 4000.0 | 3200.0 | 1.25 | 2500.0 | 1.60 | 0.94 / 2.00; 1.20 / 2.00 |"
            ),
            "{md}"
        );
        assert!(md.contains("took turns, 2 run(s) each"), "{md}");
    }
}
