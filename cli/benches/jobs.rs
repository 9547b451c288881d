//! `cargo bench -p nianbao-cli --bench jobs [-- FILES RUNS]`: the command
//! line on a folder of FILES reports (1,000 unless given), copies of the
//! fixtures of every kind in ten folders, checked with `--jobs 1` and with
//! the default (one thread per core), each RUNS times (3 unless given),
//! alternating. Prints the wall times, their medians and the speed-up, and
//! checks that both give the same output. Figures in docs/measurements.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The fixtures copied, cycling: the seed reports and what was made from
/// them (and the published reports among the PDFs and OFDs), kind by kind.
const KINDS: [(&str, &str); 7] = [
    ("seeds", ".txt"),
    ("docx", ".docx"),
    ("html", ".html"),
    ("pdf", ".pdf"),
    ("xlsx", ".xlsx"),
    ("doc", ".doc"),
    ("ofd", ".ofd"),
];

fn fixtures(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (dir, ext) in KINDS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures").join(dir))
            .unwrap_or_else(|e| panic!("tests/fixtures/{dir}: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy();
                // Reports only: not the hostile or unreadable fixtures.
                n.ends_with(ext)
                    && !["bomb", "truncated", "encrypted", "scanned"]
                        .iter()
                        .any(|w| n.contains(w))
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// One run: wall seconds, the output, the exit code, and the CPU seconds
/// (user + system) the run took where GNU time is installed (the wall time
/// alone says little on a machine other work keeps busy).
fn run(folder: &Path, jobs: Option<&str>) -> (f64, Vec<u8>, Option<i32>, Option<f64>) {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "cpu %U %S"])
            .arg(env!("CARGO_BIN_EXE_nianbao"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_nianbao"))
    };
    cmd.args(["check", "--format", "json"]);
    if let Some(j) = jobs {
        cmd.args(["--jobs", j]);
    }
    cmd.arg(folder);
    let t = Instant::now();
    let out = cmd.output().expect("the binary runs");
    let wall = t.elapsed().as_secs_f64();
    let cpu = String::from_utf8_lossy(&out.stderr)
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("cpu ").map(str::to_owned))
        .and_then(|l| {
            let mut it = l.split(' ').filter_map(|x| x.parse::<f64>().ok());
            Some(it.next()? + it.next()?)
        });
    (wall, out.stdout, out.status.code(), cpu)
}

fn cpu(c: Option<f64>, wall: f64) -> String {
    c.map(|c| format!(", CPU {c:.2} s ({:.0}%)", 100.0 * c / wall))
        .unwrap_or_default()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; the numbers are ours.
    let nums: Vec<usize> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    let n = nums.first().copied().unwrap_or(1_000);
    let runs = nums.get(1).copied().unwrap_or(3);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let sources = fixtures(root);
    let folder = std::env::temp_dir().join(format!("nianbao-jobs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let mut bytes = 0u64;
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let name = src.file_name().unwrap().to_string_lossy();
        let dest = folder
            .join(format!("{:02}", i % 10))
            .join(format!("{i:04}-{name}"));
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        bytes += std::fs::copy(src, &dest).unwrap();
    }
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!(
        "{n} files ({} kinds of fixture, {:.1} MB) in {}; {cores} cores; {runs} runs each",
        sources.len(),
        bytes as f64 / 1_048_576.0,
        folder.display()
    );
    let (mut one, mut all) = (Vec::new(), Vec::new());
    for r in 0..runs {
        let (t1, o1, c1, u1) = run(&folder, Some("1"));
        let (ta, oa, ca, ua) = run(&folder, None);
        println!(
            "run {}: --jobs 1 {t1:.2} s{}; all cores {ta:.2} s{} (exit {c1:?}, {ca:?})",
            r + 1,
            cpu(u1, t1),
            cpu(ua, ta)
        );
        assert_eq!(o1, oa, "--jobs 1 and all cores give different output");
        one.push(t1);
        all.push(ta);
    }
    let (m1, ma) = (median(&mut one), median(&mut all));
    println!(
        "median: --jobs 1 {m1:.2} s ({:.1} files/s), all cores {ma:.2} s ({:.1} files/s); speed-up {:.2}x",
        n as f64 / m1,
        n as f64 / ma,
        m1 / ma
    );
    let _ = std::fs::remove_dir_all(&folder);
}
