//! Archives of reports as batches (`nianbao_core::expand`): one result per
//! report, each named by its path inside, archives inside opened, files that
//! are no reports skipped and named; and hostile archives (a bomb, too many
//! entries, nesting ten deep) refused as a whole before their entries are
//! inflated.

use nianbao_core::export::Export;
use nianbao_core::read::archive::Skip;
use nianbao_core::{check_guarded, check_inputs, expand, Input, Limits, ReadErrorKind};
use nianbao_tests::{fixture, seed};
use std::time::Instant;

/// One entry of a hand-made zip: its name as stored (any encoding), its
/// data as stored, its compression method (0 stored, 8 deflated) and the
/// size its directory declares once inflated.
struct Raw {
    name: Vec<u8>,
    data: Vec<u8>,
    method: u16,
    inflated: u32,
}

fn deflated(name: impl Into<Vec<u8>>, data: &[u8]) -> Raw {
    Raw {
        name: name.into(),
        data: miniz_oxide::deflate::compress_to_vec(data, 6),
        method: 8,
        inflated: data.len() as u32,
    }
}

fn stored(name: impl Into<Vec<u8>>, data: &[u8]) -> Raw {
    Raw {
        name: name.into(),
        data: data.to_vec(),
        method: 0,
        inflated: data.len() as u32,
    }
}

/// A zip of these entries (names without the UTF-8 flag, as Windows writes them).
fn zip(entries: &[Raw]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let mut head = Vec::new();
        head.extend_from_slice(&[20, 0, 0, 0]); // version, flags
        head.extend_from_slice(&e.method.to_le_bytes());
        head.extend_from_slice(&[0; 8]); // time, date, crc
        head.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        head.extend_from_slice(&e.inflated.to_le_bytes());
        head.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        head.extend_from_slice(&[0, 0]);
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&head);
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&e.data);
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        central.extend_from_slice(&head);
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&e.name);
    }
    let (at, n) = (out.len() as u32, entries.len().min(0xFFFF) as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn gbk(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

/// The reports of the archive test: (path in the archive, bytes).
fn reports() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| {
            let (name, bytes) = seed(p);
            (format!("seeds/{name}"), bytes)
        })
        .collect();
    out.push(("docx/000.docx".into(), fixture("docx/000.docx")));
    out.push((
        "html/003-gb2312.html".into(),
        fixture("html/003-gb2312.html"),
    ));
    out.push(("pdf/docx-000.pdf".into(), fixture("pdf/docx-000.pdf")));
    out
}

#[test]
fn a_zip_of_reports_gives_one_result_per_report_named_by_its_path() {
    let reports = reports();
    let inner = zip(&[
        deflated(gbk("报告/2024年度报告.docx"), &fixture("docx/001.docx")),
        stored("说明.css", b"body { color: black }"),
    ]);
    let mut entries: Vec<Raw> = vec![stored("seeds/", b"")];
    entries.extend(reports.iter().map(|(n, b)| deflated(n.as_bytes(), b)));
    entries.push(stored(
        gbk("附件/照片.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    ));
    entries.push(stored("__MACOSX/seeds/._000.txt", b"\0\x05\x16\x07\0\x02"));
    entries.push(stored(gbk("往年/2023.zip"), &inner));
    let archive = zip(&entries);

    let limits = Limits::default();
    let inputs = expand("reports.zip", "", archive, false, &limits);
    let results = check_inputs(inputs, &limits, 2);

    let mut expected: Vec<(String, Vec<u8>)> = reports;
    expected.push((
        "往年/2023.zip/报告/2024年度报告.docx".into(),
        fixture("docx/001.docx"),
    ));
    let names: Vec<&str> = results.files.iter().map(|(n, _)| n.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, want);
    // Each result is the one of the file checked alone.
    for ((name, got), (_, bytes)) in results.files.iter().zip(&expected) {
        let alone = check_guarded(name, bytes, &limits);
        assert!(alone.is_ok(), "{name} reads alone");
        assert_eq!(
            serde_json::to_value(Export::of_result(name, got)).unwrap(),
            serde_json::to_value(Export::of_result(name, &alone)).unwrap(),
            "{name}"
        );
    }
    let skipped: Vec<(&str, Skip)> = results
        .skipped
        .iter()
        .map(|s| (s.file.as_str(), s.reason))
        .collect();
    assert_eq!(
        skipped,
        [
            ("附件/照片.png", Skip::Picture),
            ("__MACOSX/seeds/._000.txt", Skip::SystemFile),
            ("往年/2023.zip/说明.css", Skip::OtherKind),
        ]
    );
    // The export names them, with the reason in both languages.
    let json = results.batch().export().to_json();
    assert_eq!(json["reports"].as_array().unwrap().len(), 9);
    assert_eq!(json["skipped"][0]["file"], "附件/照片.png");
    assert_eq!(json["skipped"][0]["reason"], "picture");
    assert!(json["skipped"][0]["message"]
        .as_str()
        .unwrap()
        .contains("图片"));
    assert!(json["skipped"][0]["message_en"]
        .as_str()
        .unwrap()
        .contains("picture"));
}

#[test]
fn a_report_of_a_zipped_kind_is_no_archive() {
    // A .docx (and an OFD) is a zip whose entries tell its kind: one file.
    let limits = Limits::default();
    let inputs = expand("a.zip", "", fixture("docx/000.docx"), false, &limits);
    assert!(matches!(inputs.as_slice(), [Input::File(n, _)] if n == "a.zip"));
    // A file named by a person is checked even if it is no report; found in a
    // folder, the same file is skipped.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    assert!(matches!(
        expand("p.png", "", png.clone(), false, &limits).as_slice(),
        [Input::File(..)]
    ));
    assert!(matches!(
        expand("p.png", "", png, true, &limits).as_slice(),
        [Input::Skipped(s)] if s.reason == Skip::Picture
    ));
}

/// The archive's inputs must be one refusal of kind `ZipBomb` whose messages
/// say `zh` and `en`; returns the milliseconds it took (printed, not held).
fn refused(name: &str, archive: Vec<u8>, zh: &str, en: &str) {
    let t = Instant::now();
    let inputs = expand(name, "", archive, false, &Limits::default());
    let ms = t.elapsed().as_millis();
    eprintln!("{name}: refused in {ms} ms");
    match inputs.as_slice() {
        [Input::Refused(n, e)] => {
            assert_eq!(n, name);
            assert_eq!(e.kind, ReadErrorKind::ZipBomb, "{e:?}");
            assert!(e.message.contains(zh), "{}", e.message);
            assert!(e.message_en.contains(en), "{}", e.message_en);
        }
        other => panic!("{name}: not refused: {other:?}"),
    }
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    // One entry of 8 MB of zeros, compressed about a thousandfold.
    let zeros = vec![0u8; 8 << 20];
    refused(
        "bomb.zip",
        zip(&[deflated("报告.txt", &zeros)]),
        "压缩比",
        "compression ratio",
    );
    // Three hundred entries of a million zeros each: under the ratio's floor
    // one by one, 286 MB together, more than the 256 MB all may inflate to.
    let million = miniz_oxide::deflate::compress_to_vec(&vec![0u8; 1_000_000], 6);
    let many: Vec<Raw> = (0..300)
        .map(|i| Raw {
            name: format!("{i}.txt").into_bytes(),
            data: million.clone(),
            method: 8,
            inflated: 1_000_000,
        })
        .collect();
    refused("wide.zip", zip(&many), "解压后", "inflated");
}

#[test]
fn ten_thousand_empty_entries_are_refused() {
    let empty: Vec<Raw> = (0..10_000)
        .map(|i| stored(format!("{i}.txt"), b""))
        .collect();
    refused("empty.zip", zip(&empty), "文件过多", "too many files");
    // A few empty entries are files like any other: each one a clear error.
    let few: Vec<Raw> = (0..3).map(|i| stored(format!("{i}.txt"), b"")).collect();
    let limits = Limits::default();
    let results = check_inputs(expand("few.zip", "", zip(&few), false, &limits), &limits, 1);
    assert_eq!(results.files.len(), 3);
    assert!(results
        .files
        .iter()
        .all(|(_, r)| r.as_ref().is_err_and(|e| e.kind == ReadErrorKind::Empty)));
}

#[test]
fn nesting_ten_deep_is_refused_and_three_deep_is_read() {
    let nest = |levels: usize| {
        let mut z = zip(&[deflated("报告.txt", &seed("000").1)]);
        for i in 0..levels {
            z = zip(&[stored(format!("level{i}.zip"), &z)]);
        }
        z
    };
    refused("deep.zip", nest(10), "嵌套过深", "nested too deep");
    let limits = Limits::default();
    let results = check_inputs(expand("ok.zip", "", nest(3), false, &limits), &limits, 1);
    assert_eq!(results.files.len(), 1);
    assert_eq!(
        results.files[0].0,
        "level2.zip/level1.zip/level0.zip/报告.txt"
    );
    assert!(results.files[0].1.is_ok());
}

#[test]
fn a_damaged_entry_is_refused_alone() {
    let (name, bytes) = seed("000");
    let mut cut = deflated("cut.txt", &bytes);
    cut.data.truncate(cut.data.len() / 2);
    let limits = Limits::default();
    let inputs = expand(
        "mixed.zip",
        "",
        zip(&[cut, deflated(name.as_bytes(), &bytes)]),
        false,
        &limits,
    );
    let results = check_inputs(inputs, &limits, 2);
    assert_eq!(results.files.len(), 2);
    assert!(results.files[0].1.is_err());
    assert!(results.files[1].1.is_ok());

    // A damaged archive inside is refused alone too.
    let inner = zip(&[deflated("a.txt", &bytes)]);
    let cut_inner = inner[..inner.len() - 10].to_vec();
    let inputs = expand(
        "outer.zip",
        "",
        zip(&[
            stored("inner.zip", &cut_inner),
            deflated(name.as_bytes(), &bytes),
        ]),
        false,
        &limits,
    );
    let results = check_inputs(inputs, &limits, 1);
    let got: Vec<(&str, bool)> = results
        .files
        .iter()
        .map(|(n, r)| (n.as_str(), r.is_ok()))
        .collect();
    assert_eq!(got, [("inner.zip", false), (name.as_str(), true)]);
}

#[test]
fn the_javascript_modules_batch_takes_a_zip() {
    // `checkBatch` of the module, before its result crosses into JavaScript.
    let (name, bytes) = seed("000");
    let archive = zip(&[
        deflated(format!("2024/{name}").as_bytes(), &bytes),
        stored("2024/图.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
    ]);
    let alone = nianbao_web::api::batch_export(&[("reports.zip".into(), archive.clone())]);
    let json = serde_json::to_value(&alone).unwrap();
    assert_eq!(json["reports"][0]["file"], format!("2024/{name}"));
    assert_eq!(
        json["reports"][0]["report"]["agency"],
        "博山区人民政府办公室"
    );
    assert_eq!(json["skipped"][0]["file"], "2024/图.jpg");
    assert_eq!(json["skipped"][0]["reason"], "picture");
    // Beside another file, the zip's files are named under its name.
    let (other, other_bytes) = seed("001");
    let two = nianbao_web::api::batch_export(&[
        ("reports.zip".into(), archive),
        (other.clone(), other_bytes),
    ]);
    let names: Vec<&str> = two.reports.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(names, [format!("reports.zip/2024/{name}"), other]);
}
