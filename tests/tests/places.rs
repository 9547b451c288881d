//! Places a person can follow in the original file: the page of every span
//! of a PDF, held to the pages where poppler's `pdftotext` finds the same
//! words; the paragraph and the table cell of every span of a Word document,
//! held to the document's own XML read here independently.

use nianbao_core::document::{Block, Document, Place};
use nianbao_core::{check, Export, InputKind, Location};
use nianbao_tests::{external_tool, fixture, repo_root, zip_entries};
use std::path::PathBuf;
use std::process::Command;

/// The PDFs with a text layer: the made fixtures and the real reports.
fn pdfs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["tests/fixtures/pdf", "tests/fixtures/real"] {
        for e in std::fs::read_dir(repo_root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "pdf") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The characters two programs surely read alike: Chinese characters of the
/// unified block and ASCII letters and digits (a PDF's text may hold the
/// look-alike Kangxi radicals, which `pdftotext` maps to the characters they
/// stand for, as here; punctuation and spaces come out as each program sees
/// fit).
fn squeeze(s: &str) -> String {
    s.chars()
        .map(|c| match (c as u32).checked_sub(0x2F00) {
            Some(k) if k < 214 => KANGXI.chars().nth(k as usize).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect()
}

/// The characters the 214 Kangxi radicals (U+2F00 …) stand for (Unicode's
/// compatibility mapping, NFKC).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// The text of each page as `pdftotext` reads it (squeezed), or `None` for
/// a file it cannot read (no text layer, a password).
fn poppler_pages(path: &PathBuf) -> Option<Vec<String>> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    // Pages end with a form feed.
    let mut pages: Vec<String> = text.split('\u{c}').map(squeeze).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    Some(pages)
}

/// A few characters a span begins with, enough to tell its page: up to ten,
/// never across a line of the checker's text.
fn words(text: &str) -> String {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    squeeze(first).chars().take(10).collect()
}

/// What to look for on a span's page, and where it came from: the span's
/// own words, and for a span inside a table row also the first words of the
/// row (a figure alone is on many pages; its row's label is not).
fn evidence(doc: &Document, start: usize, end: usize) -> Vec<String> {
    let mut out = vec![words(doc.text.get(start..end).unwrap_or(""))];
    for b in &doc.blocks {
        let Block::Table(t) = b else { continue };
        if !(t.span.start <= start && start <= t.span.end) {
            continue;
        }
        for row in &t.rows {
            let cells: Vec<_> = row.iter().filter(|c| !c.continuation).collect();
            let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
                continue;
            };
            if first.span.start <= start && start <= last.span.end {
                if let Some(c) = cells.iter().find(|c| !words(&c.text).is_empty()) {
                    out.push(words(&c.text));
                }
            }
        }
    }
    out.retain(|w| !w.is_empty());
    out
}

/// How much of `words` a page's text holds: the share of its pairs of
/// neighbouring characters found there (of the one character, for a single
/// one). The two programs order the text of a table's cells differently, so
/// a pair, not the whole, is what both surely give.
fn score(page: &str, words: &str) -> f64 {
    let chars: Vec<char> = words.chars().collect();
    let pieces: Vec<String> = if chars.len() < 2 {
        vec![words.to_string()]
    } else {
        chars.windows(2).map(|w| w.iter().collect()).collect()
    };
    let found = pieces.iter().filter(|p| page.contains(p.as_str())).count();
    found as f64 / pieces.len() as f64
}

/// Whether page `page` is where `pdftotext` finds the evidence: for every
/// piece, at least half of it there, and no other page holding more of it.
fn on_page(pages: &[String], page: u32, evidence: &[String]) -> bool {
    let Some(text) = (page as usize).checked_sub(1).and_then(|i| pages.get(i)) else {
        return false;
    };
    evidence.iter().all(|w| {
        let here = score(text, w);
        here >= 0.5 && pages.iter().all(|p| score(p, w) <= here)
    })
}

#[test]
fn every_finding_on_every_pdf_carries_the_page_pdftotext_finds_its_words_on() {
    if !external_tool("pdftotext") {
        return;
    }
    let (mut files, mut findings, mut blocks) = (0, 0, 0);
    let (mut neighbours, mut also_next) = (0, 0);
    let mut wrong = Vec::new();
    for path in pdfs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(checked) = check(&name, &bytes) else {
            continue;
        };
        let pages = poppler_pages(&path).unwrap_or_else(|| panic!("{name}: pdftotext fails"));
        let doc = &checked.document;
        assert_eq!(doc.input.kind, InputKind::Pdf);
        files += 1;
        // Every paragraph and every row of every table begins on its page.
        for b in &doc.blocks {
            let rows: Vec<(usize, usize)> = match b {
                Block::Paragraph(p) => vec![(p.span.start, p.span.end)],
                // A row by its first cell with text (its label, as a rule).
                Block::Table(t) => t
                    .rows
                    .iter()
                    .filter_map(|r| {
                        let c = r
                            .iter()
                            .find(|c| !c.continuation && !words(&c.text).is_empty())?;
                        Some((c.span.start, c.span.end))
                    })
                    .collect(),
            };
            for (start, end) in rows {
                let Some(Place { page, .. }) = doc.places.at(start) else {
                    wrong.push(format!("{name}: no page at {start}"));
                    continue;
                };
                let ev = evidence(doc, start, end);
                blocks += 1;
                if !on_page(&pages, page, &ev) {
                    wrong.push(format!("{name}: {ev:?} is not on page {page}"));
                }
                // The check tells pages apart: the page after is seldom
                // right as well.
                if pages.len() > 1 {
                    let other = if page as usize == pages.len() {
                        page - 1
                    } else {
                        page + 1
                    };
                    neighbours += 1;
                    if on_page(&pages, other, &ev) {
                        also_next += 1;
                    }
                }
            }
        }
        // Every finding has a page (the export's), and its words are there.
        let export = serde_json::to_value(Export::of(&name, &checked)).unwrap();
        for (d, out) in checked
            .diagnostics
            .iter()
            .zip(export["diagnostics"].as_array().unwrap())
        {
            findings += 1;
            let span = &out["at"]["span"];
            if span.is_null() {
                // Only a finding about the document as a whole has no place.
                assert_eq!(d.at, Location::Document, "{name}: {} has no span", d.rule);
                continue;
            }
            let Some(page) = span["page"].as_u64() else {
                wrong.push(format!("{name}: {} has no page: {span}", d.rule));
                continue;
            };
            let (start, end) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            let ev = evidence(doc, start, end);
            if !on_page(&pages, page as u32, &ev) {
                wrong.push(format!("{name}: {} {ev:?} is not on page {page}", d.rule));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {blocks} places wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    eprintln!(
        "{files} files, {findings} findings, {blocks} paragraphs and rows; \
         {also_next} of {neighbours} also found on a neighbouring page"
    );
    assert!(
        files >= 15 && findings >= 300 && blocks > 1000,
        "{files} files, {findings} findings, {blocks} blocks"
    );
    assert!(
        also_next * 100 < neighbours * 15,
        "{also_next} of {neighbours} also on a neighbouring page"
    );
}

/// A Word document's body as its XML says, read here without the checker:
/// the paragraphs with text outside tables, and every table's cells by row
/// and grid column (all 1-based), with their text.
struct WordBody {
    paragraphs: Vec<String>,
    cells: Vec<(u32, u32, u32, String)>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn attr_val(tag: &str) -> Option<u32> {
    let at = tag.find("w:val=\"")? + 7;
    tag[at..].split('"').next()?.parse().ok()
}

fn word_body(xml: &str) -> WordBody {
    struct Open {
        number: u32,
        row: u32,
        column: u32,
        cell: Option<(u32, u32, Vec<String>)>,
    }
    let mut body = WordBody {
        paragraphs: Vec::new(),
        cells: Vec::new(),
    };
    let mut tables: Vec<Open> = Vec::new();
    let mut count = 0;
    let mut para: Option<String> = None;
    let mut in_text = false;
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        if in_text {
            if let Some(p) = para.as_mut() {
                p.push_str(&unescape(&rest[..lt]));
            }
        }
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = &rest[lt..gt];
        rest = &rest[gt..];
        let name = tag
            .trim_start_matches(['<', '/'])
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        let closing = tag.starts_with("</");
        match (name, closing) {
            ("w:tbl", false) => {
                count += 1;
                tables.push(Open {
                    number: count,
                    row: 0,
                    column: 0,
                    cell: None,
                });
            }
            ("w:tbl", true) => {
                tables.pop();
            }
            ("w:tr", false) => {
                if let Some(t) = tables.last_mut() {
                    t.row += 1;
                    t.column = 0;
                }
            }
            ("w:gridBefore", false) => {
                if let Some(t) = tables.last_mut() {
                    t.column += attr_val(tag).unwrap_or(0);
                }
            }
            ("w:tc", false) => {
                if let Some(t) = tables.last_mut() {
                    t.cell = Some((t.column + 1, 1, Vec::new()));
                }
            }
            ("w:gridSpan", false) => {
                if let Some((_, span, _)) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    *span = attr_val(tag).unwrap_or(1);
                }
            }
            ("w:tc", true) => {
                if let Some(t) = tables.last_mut() {
                    if let Some((column, span, paras)) = t.cell.take() {
                        t.column += span;
                        let text: Vec<&str> = paras
                            .iter()
                            .map(|p| p.trim())
                            .filter(|p| !p.is_empty())
                            .collect();
                        body.cells.push((t.number, t.row, column, text.join("\n")));
                    }
                }
            }
            ("w:p", false) if !tag.ends_with("/>") => para = Some(String::new()),
            ("w:p", true) => {
                let p = para.take().unwrap_or_default();
                match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some((_, _, paras)) => paras.push(p),
                    None if !p.trim().is_empty() => body.paragraphs.push(p.trim().to_string()),
                    None => {}
                }
            }
            ("w:t", false) => in_text = !tag.ends_with("/>"),
            ("w:t", true) => in_text = false,
            ("w:br" | "w:cr", false) if !tag.contains("w:type=\"page\"") => {
                if let Some(p) = para.as_mut() {
                    p.push('\n')
                }
            }
            ("w:tab", false) if para.is_some() && !closing => {
                if let Some(p) = para.as_mut() {
                    p.push('\t')
                }
            }
            _ => {}
        }
    }
    body
}

/// The Word fixtures made by LibreOffice from the seeds and from real pages.
fn word_fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|n| (format!("{n}.docx"), fixture(&format!("docx/{n}.docx"))))
        .collect();
    for n in [
        "shanghai-government-2019-libreoffice-docx.docx",
        "shuyang-fgj-2023-libreoffice-docx.docx",
    ] {
        out.push((n.to_string(), fixture(&format!("real/{n}"))));
    }
    out
}

#[test]
fn every_span_of_a_word_document_names_its_paragraph_or_table_cell() {
    let (mut paragraphs, mut cells, mut findings) = (0, 0, 0);
    for (name, bytes) in word_fixtures() {
        let entries = zip_entries(&bytes).unwrap();
        let xml = entries
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .map(|(_, x)| String::from_utf8_lossy(x).into_owned())
            .unwrap();
        let word = word_body(&xml);
        let checked = check(&name, &bytes).unwrap();
        let doc = &checked.document;
        for b in &doc.blocks {
            match b {
                Block::Paragraph(p) => {
                    let place = doc.places.at(p.span.start).unwrap();
                    let text = doc.slice(p.span);
                    if place.table > 0 {
                        continue;
                    }
                    paragraphs += 1;
                    let n = place.paragraph as usize;
                    assert_eq!(
                        word.paragraphs.get(n.wrapping_sub(1)).map(String::as_str),
                        Some(text),
                        "{name}: paragraph {n}"
                    );
                }
                Block::Table(t) => {
                    for c in t.rows.iter().flatten().filter(|c| !c.continuation) {
                        let p = doc.places.of(c.span).unwrap();
                        assert!(p.table > 0 && p.row > 0 && p.column > 0, "{name}: {p:?}");
                        let found = word
                            .cells
                            .iter()
                            .find(|(t, r, col, _)| (*t, *r, *col) == (p.table, p.row, p.column))
                            .map(|(.., text)| text.as_str());
                        assert_eq!(found, Some(c.text.as_str()), "{name}: {p:?}");
                        cells += 1;
                    }
                }
            }
        }
        // Every finding with a place in the text names it in the export.
        let export = serde_json::to_value(Export::of(&name, &checked)).unwrap();
        for d in export["diagnostics"].as_array().unwrap() {
            let span = &d["at"]["span"];
            if span.is_null() {
                continue;
            }
            findings += 1;
            assert!(
                span["paragraph"].is_u64() || span["table"]["number"].is_u64(),
                "{name}: {d}"
            );
            assert!(
                span.get("page").is_none(),
                "{name}: a Word document has no pages: {d}"
            );
        }
    }
    assert!(
        paragraphs > 150 && cells > 1000 && findings >= 10,
        "{paragraphs} paragraphs, {cells} cells, {findings} findings"
    );
}

#[test]
fn text_and_web_pages_have_no_places() {
    for (name, bytes) in [
        nianbao_tests::seed("003"),
        ("003.html".to_string(), fixture("html/003.html")),
    ] {
        let checked = check(&name, &bytes).unwrap();
        assert!(checked.document.places.is_empty(), "{name}");
        let json = serde_json::to_string(&Export::of(&name, &checked)).unwrap();
        assert!(
            !json.contains("\"page\"") && !json.contains("\"paragraph\""),
            "{name}"
        );
    }
}

/// Each table cell's text with its place, in reading order.
fn cell_places(doc: &Document) -> Vec<(String, Option<Place>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
        .flat_map(|t| t.rows.iter().flatten())
        .filter(|c| !c.continuation)
        .map(|c| (c.text.to_string(), doc.places.of(c.span)))
        .collect()
}

#[test]
fn a_word_97_document_names_the_same_table_cells_as_its_docx() {
    let mut cells = 0;
    for n in ["000", "001", "002", "003", "004"] {
        let doc = check(&format!("{n}.doc"), &fixture(&format!("doc/{n}.doc"))).unwrap();
        let docx = check(&format!("{n}.docx"), &fixture(&format!("docx/{n}.docx"))).unwrap();
        assert_eq!(doc.document.input.kind, InputKind::Doc);
        let (a, b) = (cell_places(&doc.document), cell_places(&docx.document));
        assert!(a.iter().all(|(_, p)| p.is_some_and(|p| p.table > 0)), "{n}");
        assert_eq!(a, b, "{n}");
        cells += a.len();
        // Paragraphs are numbered, too.
        assert!(doc
            .document
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p)
                if doc.document.places.at(p.span.start).is_some_and(|p| p.paragraph > 0))));
    }
    assert!(cells > 500, "{cells} cells");
}
