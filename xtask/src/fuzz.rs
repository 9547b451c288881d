//! The fuzz smoke run of `cargo xtask test` (alone: `cargo xtask fuzz-smoke`):
//! the targets of fuzz/ built as cargo-fuzz builds them (optimised, debug
//! assertions and overflow checks on, no sanitizer) and each run for a few
//! seconds from the seed corpora. It keeps the targets compiling and fails on
//! any crash, timeout or out-of-memory they find. The long runs are
//! `fuzz/run-all.sh` (fuzz/README.md).
//!
//! The corpora are seeded afresh under target/fuzz-smoke/ (never into fuzz/),
//! where the logs and any crashing input go too; the build goes to fuzz/target.

use crate::run::{query, run, Result, Steps, MINUTE};
use crate::setup::{find, Env};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub const TARGETS: [&str; 9] = [
    "read_text",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_xlsx",
    "read_doc",
    "read_ofd",
    "read_archive",
    "check",
];
/// Seconds of fuzzing per target.
pub const SECS: u64 = 15;
const DIR: &str = "target/fuzz-smoke";

/// Build the fuzz targets, then run each for `SECS` seconds.
pub fn smoke(steps: &mut Steps, env: &Env) -> Result<()> {
    let triple = steps.step("fuzz targets: cargo fuzz build -s none", || {
        let triple = host()?;
        build(env, &triple)?;
        Ok(triple)
    })?;
    steps.step(
        &format!("fuzz smoke run: {} targets, {SECS} s each", TARGETS.len()),
        || run_all(env, &triple),
    )
}

/// `cargo xtask fuzz-smoke`: only this (after installing cargo-fuzz).
pub fn smoke_only(root: &Path) -> Result<()> {
    let mut steps = Steps::new();
    let needs = crate::setup::Needs {
        browser: false,
        e2e: false,
        fuzz: true,
        other_browsers: false,
    };
    let env = crate::install(&mut steps, root, needs)?;
    let _ = smoke(&mut steps, &env);
    crate::finish(steps)
}

/// The host's target triple (cargo-fuzz builds for it).
fn host() -> Result<String> {
    query("rustc", &["-vV"])
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .ok_or_else(|| "`rustc -vV` names no host".to_string())
}

/// cargo-fuzz runs `cargo` from PATH: the directory of the cargo running this
/// xtask comes first (rustup's toolchain, never the wasm wrapper), and
/// RUSTC_BOOTSTRAP=1 lets a stable compiler take the flags it passes.
fn cargo_fuzz(env: &Env) -> Command {
    let mut dirs: Vec<PathBuf> = env
        .cargo
        .parent()
        .map(Path::to_path_buf)
        .into_iter()
        .collect();
    dirs.extend(std::env::split_paths(&env.path));
    let path = std::env::join_paths(dirs).unwrap_or_else(|_| env.path.clone());
    let program = find("cargo-fuzz", &env.path).unwrap_or_else(|| PathBuf::from("cargo-fuzz"));
    let mut cmd = Command::new(program);
    cmd.current_dir(env.root.join("fuzz"))
        .env("PATH", path)
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("RUSTC")
        .env_remove("CARGO_TARGET_DIR");
    cmd
}

fn build(env: &Env, triple: &str) -> Result<()> {
    let mut cmd = cargo_fuzz(env);
    cmd.args([
        "fuzz",
        "build",
        "-s",
        "none",
        "--target",
        triple,
        "--target-dir",
    ])
    .arg(env.root.join("fuzz/target"));
    run(&mut cmd, 30 * MINUTE)
}

fn run_all(env: &Env, triple: &str) -> Result<()> {
    let dir = env.root.join(DIR);
    let corpus = dir.join("corpus");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("logs")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut seed = Command::new("sh");
    seed.current_dir(&env.root)
        .arg("fuzz/seed-corpora.sh")
        .arg(&corpus);
    run(&mut seed, 2 * MINUTE)?;

    let bin_dir = env.root.join("fuzz/target").join(triple).join("release");
    let mut failed = Vec::new();
    for t in TARGETS {
        let artifacts = dir.join("artifacts").join(t);
        fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;
        let log_path = dir.join("logs").join(format!("{t}.log"));
        let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let err = log
            .try_clone()
            .map_err(|e| format!("{}: {e}", log_path.display()))?;
        let mut cmd = Command::new(bin_dir.join(t));
        cmd.current_dir(&dir)
            .arg(corpus.join(t))
            .arg(format!("-max_total_time={SECS}"))
            .args(["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .stdout(log)
            .stderr(err);
        // libFuzzer stops itself; the limit is for a fuzzer that does not.
        let ran = run(&mut cmd, Duration::from_secs(SECS) + 5 * MINUTE);
        let text = fs::read_to_string(&log_path).unwrap_or_default();
        println!("   {t}: {}", Stats::of(&text));
        if let Err(e) = ran {
            println!("   {t} FAILED: {e}");
            let lines: Vec<&str> = text.lines().collect();
            for l in &lines[lines.len().saturating_sub(40)..] {
                println!("   | {l}");
            }
            failed.push(t);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} failed: logs in {DIR}/logs/, the failing inputs in {DIR}/artifacts/<target>/ \
             (replay one with `cargo fuzz run -s none <target> <input>` in fuzz/, \
             then see fuzz/README.md)",
            failed.join(", ")
        ))
    }
}

/// What libFuzzer says about a run (`-print_final_stats=1` and its status lines).
#[derive(Debug, Default, PartialEq)]
pub struct Stats {
    pub runs: Option<u64>,
    pub per_sec: Option<u64>,
    pub cov: Option<u64>,
    pub ft: Option<u64>,
    pub rss_mb: Option<u64>,
}

impl Stats {
    pub fn of(log: &str) -> Stats {
        let stat = |key: &str| {
            log.lines()
                .find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
        };
        // The last status line (`#N  NEW  cov: C ft: F …`) has the final coverage.
        let status = log
            .lines()
            .rev()
            .find(|l| l.starts_with('#') && l.contains(" cov: "));
        let field = |name: &str| {
            let s = status?;
            let at = s.find(name)? + name.len();
            s[at..].split_whitespace().next()?.parse().ok()
        };
        Stats {
            runs: stat("stat::number_of_executed_units:"),
            per_sec: stat("stat::average_exec_per_sec:"),
            cov: field(" cov: "),
            ft: field(" ft: "),
            rss_mb: stat("stat::peak_rss_mb:"),
        }
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |v: Option<u64>| v.map_or("?".to_string(), |v| v.to_string());
        write!(
            f,
            "{} inputs, {}/s, cov {}, ft {}, peak {} MB",
            n(self.runs),
            n(self.per_sec),
            n(self.cov),
            n(self.ft),
            n(self.rss_mb)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_stats() {
        let log = "\
INFO: Seed: 1
#2\tINITED cov: 100 ft: 200 corp: 5/10Kb exec/s: 0 rss: 40Mb
#1024\tpulse  cov: 120 ft: 260 corp: 9/20Kb lim: 4096 exec/s: 512 rss: 48Mb
#1100\tNEW    cov: 123 ft: 270 corp: 10/21Kb lim: 4096 exec/s: 500 rss: 48Mb L: 7/7 MS: 1 CopyPart-
Done 2000 runs in 16 second(s)
stat::number_of_executed_units: 2000
stat::average_exec_per_sec:     125
stat::new_units_added:          5
stat::slowest_unit_time_sec:    0
stat::peak_rss_mb:              49
";
        assert_eq!(
            Stats::of(log),
            Stats {
                runs: Some(2000),
                per_sec: Some(125),
                cov: Some(123),
                ft: Some(270),
                rss_mb: Some(49),
            }
        );
        assert_eq!(
            Stats::of("==1== ERROR: libFuzzer: deadly signal").to_string(),
            "? inputs, ?/s, cov ?, ft ?, peak ? MB"
        );
    }
}
