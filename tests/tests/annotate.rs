//! The annotated copy of a Word document (`nianbao annotate`): one comment
//! per finding, anchored on the words the finding is about, and nothing else
//! changed; LibreOffice opens it.

use nianbao_core::{annotate_docx, check, Location};
use nianbao_tests::{external_tool, repo_root, zip_entries};
use std::path::PathBuf;
use std::process::Command;

/// Every .docx fixture the checker reads.
fn word_fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["tests/fixtures/docx", "tests/fixtures/real"] {
        for e in std::fs::read_dir(repo_root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "docx") {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                let bytes = std::fs::read(&p).unwrap();
                if check(&name, &bytes).is_ok() {
                    out.push((name, bytes));
                }
            }
        }
    }
    out.sort();
    out
}

fn entry<'a>(entries: &'a [(String, Vec<u8>)], name: &str) -> Option<&'a str> {
    entries
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| std::str::from_utf8(b).unwrap())
}

/// The text of the `w:t` elements of some XML, without white space.
fn words_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at + 4..];
        let Some(gt) = rest.find('>') else { break };
        let (tag, after) = rest.split_at(gt);
        rest = &after[1..];
        if !(tag.is_empty() || tag.starts_with(' ')) || tag.ends_with('/') {
            continue;
        }
        let end = rest.find("</w:t>").unwrap_or(rest.len());
        out.push_str(&rest[..end]);
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The XML without our comment marks.
fn unmarked(xml: &str) -> String {
    let mut out = xml.to_string();
    for (open, close) in [
        ("<w:commentRangeStart ", "/>"),
        ("<w:commentRangeEnd ", "/>"),
        ("<w:r><w:commentReference ", "/></w:r>"),
    ] {
        while let Some(at) = out.find(open) {
            let end = out[at..].find(close).unwrap() + at + close.len();
            out.replace_range(at..end, "");
        }
    }
    // An empty paragraph opened to hold marks closes again.
    out
}

#[test]
fn every_word_fixture_gets_one_comment_per_finding_on_its_words() {
    let (mut files, mut comments, mut on_words) = (0, 0, 0);
    let mut wrong = Vec::new();
    for (name, bytes) in word_fixtures() {
        let checked = check(&name, &bytes).unwrap();
        let copy = annotate_docx(&bytes, &checked).unwrap();
        assert_eq!(copy.comments, checked.diagnostics.len(), "{name}");
        let before = zip_entries(&bytes).unwrap();
        let after = zip_entries(&copy.bytes).unwrap();
        files += 1;

        // The comments part, one comment per finding, Chinese and English.
        let xml = entry(&after, "word/comments.xml").expect("word/comments.xml");
        // Ours (the document may have comments of its own).
        let ids: Vec<&str> = xml
            .split("<w:comment ")
            .skip(1)
            .filter(|c| c.contains(r#"w:author="nianbao"#))
            .map(|c| c.split('"').nth(1).unwrap())
            .collect();
        assert_eq!(ids.len(), checked.diagnostics.len(), "{name}");
        for d in &checked.diagnostics {
            assert!(
                xml.contains(&format!("【{} ", d.rule)),
                "{name}: {}",
                d.rule
            );
            assert!(xml.contains(&format!("[{} ", d.rule)), "{name}: {}", d.rule);
            let fix = nianbao_core::rules::RULES
                .iter()
                .find(|r| r.id == d.rule)
                .unwrap()
                .fix;
            assert!(xml.contains(fix), "{name}: {} without its fix", d.rule);
        }
        let types = entry(&after, "[Content_Types].xml").unwrap();
        assert!(types.contains(r#"PartName="/word/comments.xml""#), "{name}");
        let rels = entry(&after, "word/_rels/document.xml.rels").unwrap();
        assert!(rels.contains("relationships/comments"), "{name}");

        // Each comment's range and reference in the body, on the words of
        // its finding.
        let doc = entry(&after, "word/document.xml").unwrap();
        for (id, d) in ids.iter().zip(&checked.diagnostics) {
            let start = format!(r#"<w:commentRangeStart w:id="{id}"/>"#);
            let end = format!(r#"<w:commentRangeEnd w:id="{id}"/>"#);
            let reference = format!(r#"<w:commentReference w:id="{id}"/>"#);
            let (Some(s), Some(e)) = (doc.find(&start), doc.find(&end)) else {
                panic!("{name}: comment {id} has no range");
            };
            assert!(s < e && doc[e..].contains(&reference), "{name}: {id}");
            comments += 1;
            let span = match d.at {
                Location::Span(s) => Some(s),
                Location::Cell(c) => checked.report.cell(&c).and_then(|r| r.span),
                Location::Document => None,
            };
            let Some(span) = span else { continue };
            // Without a list number Word writes itself (not in the XML's text).
            let want: String = checked
                .document
                .slice(span)
                .trim_start()
                .trim_start_matches(|c: char| {
                    "一二三四五六七八九十、.．（）()".contains(c) || c.is_ascii_digit()
                })
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(8)
                .collect();
            if want.is_empty() {
                continue;
            }
            let covered = words_of(&doc[s..e]);
            if covered.contains(&want) {
                on_words += 1;
            } else {
                wrong.push(format!("{name}: {} on {covered:.40} not {want}", d.rule));
            }
        }

        // Nothing else changed: the body without the marks is the original,
        // every other entry is byte for byte the same.
        let original = entry(&before, "word/document.xml").unwrap();
        let restored = unmarked(doc);
        if restored != original {
            // Empty paragraphs opened to hold marks: `<w:p …></w:p>` for `<w:p …/>`.
            assert_eq!(
                restored.replace("></w:p>", "/>"),
                original.replace("></w:p>", "/>"),
                "{name}"
            );
        }
        for (n, b) in &before {
            if [
                "word/document.xml",
                "[Content_Types].xml",
                "word/_rels/document.xml.rels",
            ]
            .contains(&n.as_str())
            {
                continue;
            }
            let a = after.iter().find(|(m, _)| m == n).map(|(_, b)| b);
            if n == "word/comments.xml" {
                // The document's own comments stay, ours follow them.
                let old = std::str::from_utf8(b).unwrap();
                let kept = old.rsplit_once("</").unwrap().0;
                assert!(xml.starts_with(kept), "{name}: its own comments changed");
                continue;
            }
            assert!(a == Some(b), "{name}: {n} changed");
        }
        // Only comments.xml added (and the body's relationships, when it had none).
        let had_rels = entry(&before, "word/_rels/document.xml.rels").is_some();
        let had_comments = entry(&before, "word/comments.xml").is_some();
        assert_eq!(
            after.len(),
            before.len() + usize::from(!had_comments) + usize::from(!had_rels),
            "{name}: only comments.xml added"
        );

        // The copy reads as the original: the same findings.
        let again = check(&name, &copy.bytes).unwrap();
        let rules = |c: &nianbao_core::Checked| -> Vec<&str> {
            c.diagnostics.iter().map(|d| d.rule).collect()
        };
        assert_eq!(rules(&again), rules(&checked), "{name}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    eprintln!("{files} files, {comments} comments, {on_words} on their finding's words");
    assert!(
        files >= 8 && comments >= 20 && on_words >= 10,
        "{files} {comments} {on_words}"
    );
}

#[test]
fn libreoffice_opens_an_annotated_copy_and_converts_it_to_pdf() {
    if !external_tool("soffice") {
        return;
    }
    let name = "shuyang-fgj-2023-libreoffice-docx.docx";
    let bytes = std::fs::read(repo_root().join("tests/fixtures/real").join(name)).unwrap();
    let checked = check(name, &bytes).unwrap();
    assert!(!checked.diagnostics.is_empty());
    let copy = annotate_docx(&bytes, &checked).unwrap();
    let dir = std::env::temp_dir().join(format!("nianbao-annotate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input: PathBuf = dir.join("annotated.docx");
    std::fs::write(&input, &copy.bytes).unwrap();
    // A profile of its own, so that a running LibreOffice does not take the job.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&input)
        .output()
        .expect("soffice runs");
    let pdf = dir.join("annotated.pdf");
    let made = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success() && made > 1000,
        "soffice: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
