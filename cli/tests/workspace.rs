//! `nianbao memo` and `nianbao summary` on the seed reports: the files they
//! write are Word documents and workbooks that say what the seeds say.

use nianbao_core::read::zip::{Archive, ZipLimits};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

fn seeds() -> PathBuf {
    repo().join("tests/fixtures/seeds")
}

fn out_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("nianbao-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn entry(bytes: &[u8], name: &str) -> String {
    let mut a = Archive::open(bytes, ZipLimits::default()).expect("a zip");
    a.read_text(name)
        .expect("readable")
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn the_summary_workbook_of_the_seeds() {
    let dir = out_dir("summary");
    let out = dir.join("summary.xlsx");
    let seeds = seeds();
    let r = nianbao(&[
        "summary",
        "-o",
        out.to_str().unwrap(),
        seeds.to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(entry(&bytes, "xl/workbook.xml").contains("<sheet "));
    let sheet = entry(&bytes, "xl/worksheets/sheet1.xml");
    // Five agencies of 2024; each is missing its 2023 report.
    for agency in [
        "博山区人民政府办公室",
        "博爱县人民政府",
        "山亭区政府办公室",
        "瑶海区人民政府办公室",
        "淄博高新技术产业开发区发展改革局",
    ] {
        assert_eq!(sheet.matches(agency).count(), 2, "{agency} twice:\n{sheet}");
    }
    assert_eq!(sheet.matches("缺报 missing").count(), 5, "{sheet}");
    assert!(sheet.contains("003_988e673ff9f8f84e.txt"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_review_memo_of_one_agency() {
    let dir = out_dir("memo");
    let docx = dir.join("memo.docx");
    let seeds = seeds();
    let r = nianbao(&[
        "memo",
        "--agency",
        "博爱",
        "--reviewer",
        "某市政务公开办 <b>",
        "-o",
        docx.to_str().unwrap(),
        seeds.to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let bytes = std::fs::read(&docx).unwrap();
    let doc = entry(&bytes, "word/document.xml");
    assert!(doc.contains("关于博爱县人民政府政府信息公开工作年度报告的整改意见"));
    // Seed 003's one error: 复议后起诉 总计 1 over four zeros (A004),
    // confirmed because no decisions were given.
    assert!(doc.contains("A004"), "{doc}");
    assert!(doc.contains("行政诉讼（复议后起诉）"), "{doc}");
    // Its warnings are not confirmed, so not in the memo.
    assert!(!doc.contains("T001"), "{doc}");
    // Markup in what the reviewer typed is text.
    assert!(doc.contains("某市政务公开办 &lt;b&gt;"), "{doc}");

    // The same as a printable page.
    let html = dir.join("memo.html");
    let r = nianbao(&[
        "memo",
        "--agency",
        "博爱",
        "-o",
        html.to_str().unwrap(),
        seeds.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(0));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>"), "{page}");
    assert!(page.contains("A004"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_memo_needs_one_agency() {
    let dir = out_dir("several");
    let out = dir.join("memo.docx");
    let r = nianbao(&[
        "memo",
        "-o",
        out.to_str().unwrap(),
        seeds().to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("--agency") && err.contains("博爱县人民政府"),
        "{err}"
    );
    assert!(!out.exists());
    std::fs::remove_dir_all(dir).ok();
}

/// The memo and the workbook open in an office suite: LibreOffice converts
/// both to PDF. Needs `soffice` (LibreOffice), so it runs on demand:
/// `cargo test -p nianbao-cli --test workspace -- --ignored`.
#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn libreoffice_opens_the_memo_and_the_workbook() {
    let dir = out_dir("soffice");
    let seeds = seeds();
    let memo = dir.join("memo.docx");
    let summary = dir.join("summary.xlsx");
    for (args, out) in [
        (vec!["memo", "--agency", "博爱"], &memo),
        (vec!["summary"], &summary),
    ] {
        let mut a = args.clone();
        a.extend(["-o", out.to_str().unwrap(), seeds.to_str().unwrap()]);
        assert_eq!(nianbao(&a).status.code(), Some(0));
    }
    let profile = format!("file://{}", dir.join("lo-profile").display());
    let r = Command::new(std::env::var("SOFFICE").unwrap_or("soffice".into()))
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&memo)
        .arg(&summary)
        .output()
        .expect("soffice runs");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    for pdf in ["memo.pdf", "summary.pdf"] {
        let bytes = std::fs::read(dir.join(pdf)).unwrap_or_else(|e| panic!("{pdf}: {e}"));
        assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 10_000, "{pdf}");
    }
    std::fs::remove_dir_all(dir).ok();
}
