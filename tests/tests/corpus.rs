//! The checker on the real reports of `tests/fixtures/real/` against their
//! hand-checked truths, through the same comparison as the accuracy example
//! (`cargo run --release -p nianbao-tests --example accuracy -- --list`).
//!
//! What must hold for every file: no cell read with a value other than the
//! report's (a cell is read exactly or not at all), every cell not read said
//! by a finding that names it, no error the truth does not list, and every
//! error it lists found. The ratchet below holds the same per file, with the
//! cells a report leaves blank given a number, so that a file's figures may
//! only get better; when a change improves them, lower its limits (and the
//! figures in docs/accuracy.md) in the same commit.

#[allow(dead_code)]
#[path = "../examples/accuracy.rs"]
mod accuracy;

/// Per file: false errors at most, the truth's errors found at least,
/// unread cells with no finding on them ("silent") at most, cells the report
/// leaves blank given a number at most.
const RATCHET: &[(&str, usize, usize, usize, usize)] = &[
    ("huaian-city-2024", 0, 0, 0, 0),
    ("pingtan-2019-crawled", 0, 0, 0, 0),
    ("pingtan-2020-crawled", 0, 2, 0, 0),
    ("pingtan-2021-crawled", 0, 0, 0, 0),
    ("pingtan-2022-crawled", 0, 0, 0, 0),
    ("pingtan-2023-crawled", 0, 0, 0, 0),
    ("pingtan-2024-crawled", 0, 0, 0, 0),
    ("pingtan-2025-crawled", 0, 0, 0, 0),
    ("pingtan-czj-2019-crawled", 0, 0, 0, 0),
    ("pingtan-czj-2021-crawled", 0, 1, 0, 0),
    ("pingtan-czj-2023-crawled", 0, 0, 0, 0),
    ("pingtan-czj-2024-crawled", 0, 0, 0, 0),
    ("pingtan-gaj-2019-crawled", 0, 0, 0, 0),
    ("pingtan-gaj-2021-crawled", 0, 2, 0, 0),
    ("pingtan-gaj-2022-crawled", 0, 0, 0, 0),
    ("pingtan-gaj-2024-crawled", 0, 0, 0, 0),
    ("pingtan-gwh-2024-crawled", 0, 0, 0, 0),
    ("pingtan-jtj-2020-crawled", 0, 0, 0, 0),
    ("pingtan-jtj-2023-crawled", 0, 0, 0, 0),
    ("pingtan-jtj-2025-crawled", 0, 0, 0, 0),
    ("seed-000-boshan-2024", 0, 0, 0, 0),
    ("seed-001-shanting-2023", 0, 0, 0, 0),
    ("seed-002-yaohai-2024", 0, 0, 0, 0),
    ("seed-003-boai-2024", 0, 1, 0, 0),
    ("seed-004-zibo-gaoxin-fgj-2024", 0, 0, 0, 0),
    ("shanghai-government-2019-chromium-a4", 0, 12, 0, 0),
    ("shanghai-government-2019-chromium-a5", 0, 12, 0, 0),
    ("shanghai-government-2019-libreoffice-docx", 0, 12, 0, 0),
    ("shanghai-government-2019", 0, 12, 0, 0),
    ("shanghai-government-2025-transcribed", 0, 0, 0, 0),
    ("shanghai-stcsm-2024-transcribed", 0, 2, 0, 0),
    ("shuyang-fgj-2023-chromium-a4", 0, 0, 0, 0),
    ("shuyang-fgj-2023-chromium-a5", 0, 0, 0, 0),
    ("shuyang-fgj-2023-libreoffice-docx", 0, 0, 0, 0),
    ("shuyang-fgj-2023-libreoffice-pdf", 0, 0, 0, 0),
    ("shuyang-fgj-2023", 0, 0, 0, 0),
    ("shuyang-government-2025-transcribed", 0, 0, 0, 0),
];

#[test]
fn real_reports_read_against_their_truths() {
    let dir = nianbao_tests::repo_root().join("tests/fixtures/real");
    let mut truths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/real")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    truths.sort();
    assert!(truths.len() >= 37, "{} truths", truths.len());
    let mut failures = Vec::new();
    let mut better = Vec::new();
    let (mut false_errors, mut found, mut listed) = (0, 0, 0);
    for p in &truths {
        let name = p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".truth.json")
            .to_string();
        let (t, _) = match accuracy::evaluate(p, false) {
            Ok(x) => x,
            Err(e) => {
                failures.push(format!("{name}: cannot evaluate: {e}"));
                continue;
            }
        };
        false_errors += t.false_errors;
        found += t.errors_found;
        listed += t.errors;
        if t.wrong > 0 {
            failures.push(format!("{name}: {} cells read with a wrong value", t.wrong));
        }
        // What every file must reach, and now does: every cell read exactly
        // or said to be unread, no error the truth does not list, every
        // listed error found. A new file that does not is a finding about
        // the checker, not about the file.
        if t.silent > 0 || t.false_errors > 0 || t.errors_found < t.errors {
            failures.push(format!(
                "{name}: {} unread cells without a finding, {} false errors, {} of {} real errors found",
                t.silent, t.false_errors, t.errors_found, t.errors
            ));
        }
        let Some(&(_, max_false, min_found, max_silent, max_guessed)) =
            RATCHET.iter().find(|(n, ..)| *n == name)
        else {
            failures.push(format!(
                "{name}: not in the ratchet (false errors {}, found {}/{}, silent {})",
                t.false_errors, t.errors_found, t.errors, t.silent
            ));
            continue;
        };
        if t.false_errors > max_false {
            failures.push(format!(
                "{name}: {} false errors, at most {max_false} before",
                t.false_errors
            ));
        }
        if t.errors_found < min_found {
            failures.push(format!(
                "{name}: {} of the truth's {} errors found, {min_found} before",
                t.errors_found, t.errors
            ));
        }
        if t.silent > max_silent {
            failures.push(format!(
                "{name}: {} unread cells without a finding, at most {max_silent} before",
                t.silent
            ));
        }
        if t.guessed > max_guessed {
            failures.push(format!(
                "{name}: {} cells the report leaves blank given a number, at most {max_guessed} before",
                t.guessed
            ));
        }
        if t.false_errors < max_false
            || t.errors_found > min_found
            || t.silent < max_silent
            || t.guessed < max_guessed
        {
            better.push(format!(
                "{name}: now {} false errors, {} found, {} silent: lower the ratchet",
                t.false_errors, t.errors_found, t.silent
            ));
        }
    }
    for b in &better {
        eprintln!("{b}");
    }
    eprintln!("in total: {false_errors} false errors, {found}/{listed} real errors found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
