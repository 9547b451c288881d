//! The `nianbao` binary as users call it: `nianbao check --format json|text FILE…`,
//! its output and its exit status (0 clean, 1 errors found, 2 unreadable input).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

fn seed(prefix: &str) -> PathBuf {
    let dir = repo().join("tests/fixtures/seeds");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn nianbao(args: &[&str], files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .args(files)
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn consistent_seed_exits_0_with_the_export_shape() {
    let out = nianbao(&["check", "--format", "json"], &[&seed("000")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert!(v["file"].as_str().unwrap().ends_with(".txt"));
    assert_eq!(v["input"]["kind"], "text");
    assert_eq!(v["input"]["encoding"], "utf-8");
    assert_eq!(v["input"]["layout"], "cell-per-line");
    let r = &v["report"];
    assert_eq!(r["agency"], "博山区人民政府办公室");
    assert_eq!(r["year"], 2024);
    assert_eq!(r["format"], "2021");
    let numbers: Vec<&str> = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["一", "二", "三", "四", "五", "六"]);
    // Every cell of the three tables is there under its canonical key.
    assert_eq!(r["proactive"].as_object().unwrap().len(), 6);
    assert_eq!(r["requests"].as_object().unwrap().len(), 25);
    for row in r["requests"].as_object().unwrap().values() {
        assert_eq!(row.as_object().unwrap().len(), 7, "{row}");
    }
    assert_eq!(r["appeals"].as_object().unwrap().len(), 3);
    assert_eq!(r["requests"]["new"]["natural_person"], 8);
    assert_eq!(r["requests"]["new"]["total"], 8);
    assert_eq!(v["diagnostics"], Value::Array(vec![]));
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 0, "warnings": 0, "infos": 0})
    );
}

#[test]
fn seed_003_exits_1_and_locates_a004() {
    let out = nianbao(&["check", "--format", "json"], &[&seed("003")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let a004: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "A004")
        .collect();
    assert_eq!(a004.len(), 1, "{}", v["diagnostics"]);
    let d = a004[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(
        d["at"]["cell"],
        serde_json::json!({"table": "appeals", "row": "litigation_after_review", "column": "total"})
    );
    let related: Vec<&str> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["cell"]["column"].as_str().unwrap())
        .collect();
    for col in ["upheld", "corrected", "other", "pending"] {
        assert!(related.contains(&col), "related: {related:?}");
    }
    assert_eq!(d["expected"], 0);
    assert_eq!(d["actual"], 1);
    let t001 = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "T001")
        .expect("T001 reported");
    let span = &t001["at"]["span"];
    assert!(span["line"].as_u64().unwrap() > 1, "{span}");
    assert!(span["start"].as_u64().unwrap() < span["end"].as_u64().unwrap());
    assert_eq!(t001["expected"], 35);
    assert_eq!(t001["actual"], 12);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn unreadable_file_exits_2_and_the_others_are_still_checked() {
    let missing = repo().join("tests/fixtures/no-such-report.txt");
    let out = nianbao(
        &["check", "--format", "json"],
        &[&missing, &seed("000"), &seed("003")],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("no-such-report.txt") && err.contains("无法打开文件"),
        "{err}"
    );
    let v = json(&out);
    let reports = v.as_array().expect("several files give an array");
    assert_eq!(reports.len(), 3);
    assert!(reports[0]["error"]["message"].is_string(), "{}", reports[0]);
    assert_eq!(reports[1]["report"]["agency"], "博山区人民政府办公室");
    assert_eq!(reports[2]["summary"]["errors"], 1);
}

#[test]
fn garbage_bytes_are_a_clear_message_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let legacy = dir.join("报告.doc");
    // The signature of an OLE2 compound file (legacy Word), then noise.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    std::fs::write(&legacy, &bytes).unwrap();
    let out = nianbao(&["check", "--lang", "en"], &[&legacy]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("报告.doc"), "{err}");
    assert!(
        err.contains(".docx"),
        "the message should say what to do: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_format_is_a_readable_summary() {
    let out = nianbao(&["check", "--format", "text"], &[&seed("003")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("年度 2024"), "{text}");
    assert!(text.contains("读取 text/utf-8/tsv"), "{text}");
    assert!(
        text.contains(
            "A004 错误 [appeals.litigation_after_review.total] 行政诉讼（复议后起诉）总计应为 0"
        ),
        "{text}"
    );
    assert!(text.contains("共 1 个错误"), "{text}");
    let out = nianbao(
        &["check", "--format", "text", "--lang", "en"],
        &[&seed("003")],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 errors, 2 warnings"), "{text}");
}

#[test]
fn two_years_of_one_agency_give_x001_across_them() {
    let fixtures = repo().join("tests/fixtures/cross");
    let out = nianbao(
        &["check", "--format", "json"],
        &[
            &fixtures.join("boshan-2024.txt"),
            &fixtures.join("boshan-2023.txt"),
        ],
    );
    // Each year is consistent alone, and X001 is a warning: exit 0.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["reports"].as_array().unwrap().len(), 2);
    let x001: Vec<&Value> = v["cross"]
        .as_array()
        .expect("cross findings")
        .iter()
        .filter(|c| c["rule"] == "X001")
        .collect();
    let columns: Vec<&str> = x001
        .iter()
        .map(|c| c["at"]["cell"]["column"].as_str().unwrap())
        .collect();
    assert_eq!(columns, ["natural_person", "total"], "{}", v["cross"]);
    for c in &x001 {
        assert_eq!(c["at"]["cell"]["row"], "carried_over");
        assert_eq!(c["expected"], 1);
        assert_eq!(c["actual"], 2);
    }
    let text = nianbao(
        &["check"],
        &[
            &fixtures.join("boshan-2024.txt"),
            &fixtures.join("boshan-2023.txt"),
        ],
    );
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("boshan-2024.txt ⟷ ") && text.contains("X001"),
        "{text}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = nianbao(&["check"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = nianbao(&["check", "--format", "xml"], &[&seed("000")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("xml"));
    let out = nianbao(&["rules", "--format", "json"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let rules = json(&out);
    assert_eq!(rules.as_array().unwrap().len(), 30);
}

#[test]
fn annotate_writes_a_commented_copy_of_a_word_document() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-annotate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = repo().join("tests/fixtures/docx/003.docx");
    let output = dir.join("out.docx");
    let out = nianbao(&["annotate", "-o", output.to_str().unwrap()], &[&input]);
    // 003 has errors: exit 1, as `check` does, once the copy is written.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("条批注"), "{}", stderr(&out));
    let copy = std::fs::read(&output).unwrap();
    assert_eq!(&copy[..2], b"PK");
    // The copy checks as the original did.
    let a = json(&nianbao(&["check", "--format", "json"], &[&input]));
    let b = json(&nianbao(&["check", "--format", "json"], &[&output]));
    assert_eq!(a["diagnostics"], b["diagnostics"]);
    // Not a Word document: exit 2 with a message, nothing written.
    let txt = dir.join("none.docx");
    let out = nianbao(&["annotate", "-o", txt.to_str().unwrap()], &[&seed("003")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".docx"), "{}", stderr(&out));
    assert!(!txt.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_output_names_the_page_or_paragraph_of_the_original() {
    let pdf = repo().join("tests/fixtures/pdf/seed-003.pdf");
    let out = nianbao(&["check"], &[&pdf]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("页]"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let docx = repo().join("tests/fixtures/docx/003.docx");
    let out = nianbao(&["check", "--lang", "en"], &[&docx]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(" row ") || text.contains(" para. "), "{text}");
}

/// A zip of these files, stored (the reader takes stored entries as it takes
/// deflated ones).
fn stored_zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let mut head = vec![20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        head.extend_from_slice(&(data.len() as u32).to_le_bytes());
        head.extend_from_slice(&(data.len() as u32).to_le_bytes());
        head.extend_from_slice(&(name.len() as u16).to_le_bytes());
        head.extend_from_slice(&[0, 0]);
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&head);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        central.extend_from_slice(&head);
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (at, n) = (out.len() as u32, files.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A folder of the seeds (and one .docx) in two levels, with a picture and
/// the seeds' README beside them: (folder, the reports' relative paths in
/// name order, their contents).
fn seed_folder(tag: &str) -> (PathBuf, Vec<(String, Vec<u8>)>) {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for p in ["000", "001", "002", "003", "004"] {
        let path = seed(p);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.push((format!("seeds/{name}"), std::fs::read(&path).unwrap()));
    }
    files.push((
        "word/000.docx".into(),
        std::fs::read(repo().join("tests/fixtures/docx/000.docx")).unwrap(),
    ));
    for (name, bytes) in &files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    std::fs::write(dir.join("seeds/logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("README.md"), "# 说明\n").unwrap();
    (dir, files)
}

fn names(v: &Value) -> Vec<String> {
    v["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_folder_is_checked_with_relative_names_the_same_on_one_thread_or_two() {
    let (dir, files) = seed_folder("dir");
    let one = nianbao(&["check", "--format", "json", "--jobs", "1"], &[&dir]);
    let two = nianbao(&["check", "--format", "json", "--jobs=2"], &[&dir]);
    // Seed 003 has errors: exit 1, as for the files given one by one.
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    assert_eq!(two.status.code(), Some(1));
    assert_eq!(one.stdout, two.stdout);
    let v = json(&one);
    let want: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names(&v), want);
    let skipped: Vec<(&str, &str)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["file"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        skipped,
        [("README.md", "other-kind"), ("seeds/logo.png", "picture")]
    );
    // The same reports as given one by one.
    let paths: Vec<PathBuf> = files.iter().map(|(n, _)| dir.join(n)).collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let alone = json(&nianbao(&["check", "--format", "json"], &refs));
    for (a, b) in v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .zip(alone.as_array().unwrap())
    {
        assert_eq!(a["report"], b["report"]);
        assert_eq!(a["diagnostics"], b["diagnostics"]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_zip_is_checked_like_its_folder() {
    let (dir, files) = seed_folder("zip");
    let folder = json(&nianbao(&["check", "--format", "json"], &[&dir]));
    let zip = dir.with_extension("zip");
    std::fs::write(&zip, stored_zip(&files)).unwrap();
    let out = nianbao(&["check", "--format", "json"], &[&zip]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Nothing skipped in the zip: the array of several files.
    let v = json(&out);
    assert!(
        v == folder["reports"],
        "the zip's results differ from the folder's"
    );
    // Text output names each file and the count skipped.
    std::fs::write(dir.join("nested.zip"), stored_zip(&files[..1])).unwrap();
    let text = nianbao(&["check", "--lang", "en"], &[&dir]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("== nested.zip/seeds/000_"), "{text}");
    assert!(text.contains("== seeds/logo.png"), "{text}");
    assert!(
        text.contains("2 files that are not reports skipped"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&zip);
}

#[test]
fn a_hostile_zip_exits_2_with_a_clear_message() {
    let files: Vec<(String, Vec<u8>)> = (0..10_000)
        .map(|i| (format!("{i}.txt"), Vec::new()))
        .collect();
    let zip = std::env::temp_dir().join(format!("nianbao-cli-empty-{}.zip", std::process::id()));
    std::fs::write(&zip, stored_zip(&files)).unwrap();
    let out = nianbao(&["check", "--jobs", "0"], &[&zip]);
    assert_eq!(out.status.code(), Some(2), "--jobs 0 is a usage error");
    let out = nianbao(&["check"], &[&zip]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("压缩包中的文件过多"),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_file(&zip);
}

#[test]
fn a_file_past_its_time_limit_exits_2_and_says_so() {
    // A microsecond is less than reading any report takes: the check stops at
    // the first point where the pipeline looks at the clock (after reading).
    let out = nianbao(
        &["check", "--format", "json", "--time-limit", "0.000001"],
        &[&seed("003")],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("已停止"), "{err}");
    let v = json(&out);
    assert_eq!(v["error"]["kind"], "timed_out", "{v}");
    // No limit (0), and the default: the same file is checked.
    for limit in [&["--time-limit", "0"][..], &[][..]] {
        let args: Vec<&str> = ["check", "--format", "json"]
            .into_iter()
            .chain(limit.iter().copied())
            .collect();
        let out = nianbao(&args, &[&seed("003")]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    }
    let bad = nianbao(&["check", "--time-limit", "-1"], &[&seed("003")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--time-limit"), "{}", stderr(&bad));
}

#[test]
fn the_real_reports_folder_checks_its_reports_and_skips_its_notes_and_truths() {
    // Beside each report a truth (.json quoting the page's markup) and the
    // folder's README (Markdown quoting the template's headings): skipped.
    // The reports transcribed as Markdown are checked.
    let dir = repo().join("tests/fixtures/real");
    let v = json(&nianbao(&["check", "--format", "json"], &[&dir]));
    let checked = names(&v);
    assert!(
        checked
            .iter()
            .any(|n| n == "shanghai-stcsm-2024-transcribed.md"),
        "{checked:?}"
    );
    assert!(checked
        .iter()
        .any(|n| n == "shanghai-government-2025-transcribed.md"));
    assert!(
        !checked
            .iter()
            .any(|n| n.ends_with(".json") || n == "README.md"),
        "{checked:?}"
    );
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert!(skipped.contains(&"README.md"));
    assert!(
        skipped
            .iter()
            .filter(|n| n.ends_with(".truth.json"))
            .count()
            >= 37
    );
}
