//! The worker's hand-over form (`nianbao_web::wire`): every seed, every
//! fixture of every kind and every real report (the published PDF among them)
//! come back exactly as checked.

use nianbao_core::check;
use nianbao_tests::repo_root;
use nianbao_web::wire;
use std::path::PathBuf;

fn files_under(dir: PathBuf, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            files_under(p, out);
        } else if !p.extension().is_some_and(|x| x == "md" || x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn every_seed_and_fixture_comes_back_unchanged() {
    let mut files = Vec::new();
    // The seeds, the made fixtures and the real reports, all under tests/fixtures.
    files_under(repo_root().join("tests/fixtures"), &mut files);
    assert!(files.len() > 40, "only {} files found", files.len());
    let (mut reports, mut errors) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let result = check(&name, &bytes);
        let encoded = wire::encode(&result);
        let back = wire::decode(&encoded).unwrap_or_else(|| panic!("{name}: not decoded"));
        match (&result, &back) {
            (Ok(a), Ok(b)) => {
                reports += 1;
                assert_eq!(a.document, b.document, "{name}");
                assert_eq!(a.report, b.report, "{name}");
                assert_eq!(a.diagnostics, b.diagnostics, "{name}");
            }
            (Err(a), Err(b)) => {
                errors += 1;
                assert_eq!(a, b, "{name}");
            }
            _ => panic!("{name}: came back as the other kind of result"),
        }
        // Smaller than the text it carries plus a little per cell and finding.
        if let Ok(c) = &result {
            assert!(
                encoded.len() < 4 * c.document.text.len() + 64 * 1024,
                "{name}"
            );
        }
    }
    assert!(
        reports >= 30 && errors >= 5,
        "{reports} reports, {errors} errors"
    );
}
