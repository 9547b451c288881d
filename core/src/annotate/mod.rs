//! The annotated copy of a Word document: the clerk's own .docx with one
//! Word comment per finding, anchored on the paragraph, the table cell or
//! the table the finding is about, in Chinese with English beside it.
//!
//! Nothing else changes: every other entry of the package is copied as it
//! was stored, `word/document.xml` gains only the comments'
//! range marks and references, and the comments part, its relationship and
//! its content type are added (or the document's own comments part gains
//! ours).
//!
//! The zip writer lives here (`zip.rs`) beside the reader it matches, as
//! the annotated copy is the one package the core writes.

mod body;
mod zip;

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::document::InputKind;
use crate::pipeline::Checked;
use crate::read::markup::{attr, local, Tok, Tokenizer};
use crate::read::ooxml;
use crate::read::zip::{Archive, ZipLimits};
use crate::read::{Limits, ReadError, ReadErrorKind};
use crate::span::Span;
use body::{Body, Range};
use std::collections::BTreeMap;

/// The relationship type of a comments part.
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
/// The content type of a comments part.
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Who the comments are by, as Word shows it.
const AUTHOR: &str = "nianbao 年报检查";

/// Where each finding's comment went, for a caller that tells the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotated {
    /// The annotated copy.
    pub bytes: Vec<u8>,
    /// How many comments were added (one per finding).
    pub comments: usize,
    /// Of them, how many sit on the document's first paragraph because the
    /// finding concerns the whole document or its place was not found.
    pub unplaced: usize,
}

fn not_docx() -> ReadError {
    ReadError::new(
        ReadErrorKind::Unsupported,
        "只能为 Word 文档（.docx）添加批注。",
        "Only a Word document (.docx) can be annotated.",
    )
}

/// The span a finding is about: its cell's text, or the table that lacks
/// it, or its stretch of text; none for the document as a whole.
fn span_of(checked: &Checked, at: &Location) -> Option<Span> {
    match at {
        Location::Cell(c) => checked
            .report
            .cell(c)
            .and_then(|r| r.span)
            .or(checked.report.table(c.table).span),
        Location::Span(s) => Some(*s),
        Location::Document => None,
    }
}

/// The words a person sees, without spaces (to tell which paragraph of a
/// cell holds a span).
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The paragraphs a finding's comment covers.
fn anchor(checked: &Checked, body: &Body, d: &Diagnostic) -> Option<Range> {
    let span = span_of(checked, &d.at)?;
    let place = checked.document.places.of(span)?;
    let range = body.range(place)?;
    if range.first == range.last || place.row == 0 {
        return Some(range);
    }
    // A cell of several paragraphs (a layout table holding the report's
    // text): the paragraph that holds the span's words, when one does.
    let words = squeezed(checked.document.slice(span));
    let words: String = words.chars().take(12).collect();
    if words.is_empty() {
        return Some(range);
    }
    (range.first..=range.last)
        .find(|&p| squeezed(&body.paras[p].text).contains(&words))
        .map(|p| Range { first: p, last: p })
        .or(Some(range))
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn severity_words(s: Severity) -> (&'static str, &'static str) {
    match s {
        Severity::Error => ("错误", "error"),
        Severity::Warning => ("警告", "warning"),
        Severity::Info => ("提示", "note"),
    }
}

/// One `w:comment`: the Chinese message, then the English one, then how
/// to fix it in both languages.
fn comment_xml(id: u64, d: &Diagnostic, whole: bool) -> String {
    let (zh, en) = severity_words(d.severity);
    let mut lines = vec![
        format!("【{} {zh}】{}", d.rule, d.message),
        format!("[{} {en}] {}", d.rule, d.message_en),
    ];
    if let Some(r) = crate::rules::RULES.iter().find(|r| r.id == d.rule) {
        lines.push(format!("如何改正：{}", r.fix));
        lines.push(format!("How to fix: {}", r.fix_en));
    }
    if whole {
        lines.push("（此问题涉及整份报告。This concerns the report as a whole.）".to_string());
    }
    let mut out = format!(
        r#"<w:comment w:id="{id}" w:author="{}" w:initials="NB">"#,
        escape(AUTHOR)
    );
    for l in lines {
        out.push_str(r#"<w:p><w:r><w:t xml:space="preserve">"#);
        out.push_str(&escape(&l));
        out.push_str("</w:t></w:r></w:p>");
    }
    out.push_str("</w:comment>");
    out
}

/// The largest `w:id` in a part, so ours come after every id already used.
fn max_id(xml: &str) -> Option<u64> {
    let mut max = None;
    for tok in Tokenizer::new(xml, false) {
        if let Tok::Start { attrs, .. } = tok {
            if let Some(n) = attr(attrs, "w:id").and_then(|v| v.trim().parse::<u64>().ok()) {
                max = max.max(Some(n));
            }
        }
    }
    max
}

/// `document.xml` with each comment's range marks and reference written in:
/// `ranges` gives each comment id its paragraphs.
fn mark(xml: &str, body: &Body, ranges: &[(u64, Range)]) -> String {
    // Per paragraph: the comments that start and that end there.
    let mut starts: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
    let mut ends: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
    for &(id, r) in ranges {
        starts.entry(r.first).or_default().push(id);
        ends.entry(r.last).or_default().push(id);
    }
    let start_marks = |ids: &[u64]| -> String {
        ids.iter()
            .map(|id| format!(r#"<w:commentRangeStart w:id="{id}"/>"#))
            .collect()
    };
    let end_marks = |ids: &[u64]| -> String {
        ids.iter()
            .map(|id| {
                format!(
                    r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
                )
            })
            .collect()
    };
    // Edits as (from, to, text), in the order of the text.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let none = Vec::new();
    let touched: std::collections::BTreeSet<usize> =
        starts.keys().chain(ends.keys()).copied().collect();
    for p in touched {
        let para = &body.paras[p];
        let s = start_marks(starts.get(&p).unwrap_or(&none));
        let e = end_marks(ends.get(&p).unwrap_or(&none));
        match para.empty {
            Some((from, to)) => edits.push((from, to, format!(">{s}{e}</w:p>"))),
            None if para.start == para.end => edits.push((para.start, para.start, s + &e)),
            None => {
                edits.push((para.start, para.start, s));
                edits.push((para.end, para.end, e));
            }
        }
    }
    edits.sort_by_key(|(from, ..)| *from);
    let mut out = String::with_capacity(xml.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
    let mut at = 0;
    for (from, to, text) in edits {
        out.push_str(&xml[at..from]);
        out.push_str(&text);
        at = to;
    }
    out.push_str(&xml[at..]);
    out
}

/// Add an override for the comments part to `[Content_Types].xml`.
fn with_content_type(types: &str, part: &str) -> String {
    let name = format!("/{part}");
    let has = Tokenizer::new(types, false).any(|t| {
        matches!(t, Tok::Start { name: n, attrs, .. }
            if local(n) == "Override" && attr(attrs, "PartName").is_some_and(|p| p == name))
    });
    if has {
        return types.to_string();
    }
    let entry = format!(r#"<Override PartName="{name}" ContentType="{COMMENTS_TYPE}"/>"#);
    match types.rfind("</") {
        Some(at) => format!("{}{entry}{}", &types[..at], &types[at..]),
        None => types.to_string(),
    }
}

/// The comments part the main part's relationships name, if any.
fn comments_part(rels: &str, dir: &str) -> Option<String> {
    Tokenizer::new(rels, false).find_map(|t| match t {
        Tok::Start { name, attrs, .. }
            if local(name) == "Relationship"
                && attr(attrs, "Type").is_some_and(|t| t == COMMENTS_REL) =>
        {
            attr(attrs, "Target").map(|t| ooxml::resolve(dir, &t))
        }
        _ => None,
    })
}

/// The relationships with one to `comments.xml` added, under an id not in use.
fn with_comments_rel(rels: Option<&str>) -> String {
    let rels = rels.unwrap_or(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#,
    );
    let mut n = 1;
    while rels.contains(&format!("\"rIdNianbao{n}\"")) {
        n += 1;
    }
    let entry = format!(
        r#"<Relationship Id="rIdNianbao{n}" Type="{COMMENTS_REL}" Target="comments.xml"/>"#
    );
    match rels.rfind("</") {
        Some(at) => format!("{}{entry}{}", &rels[..at], &rels[at..]),
        None => rels.to_string(),
    }
}

/// A copy of the Word document `bytes` with a comment per finding of
/// `checked` (the result of checking those same bytes).
pub fn annotate_docx(bytes: &[u8], checked: &Checked) -> Result<Annotated, ReadError> {
    if checked.document.input.kind != InputKind::Docx {
        return Err(not_docx());
    }
    let limits = Limits::default();
    let mut zip = Archive::open(bytes, ZipLimits::from(&limits))?;
    let part = ooxml::main_part(&mut zip, "/officeDocument", "word/document.xml")?;
    let Some(xml) = zip.read_text(&part)? else {
        return Err(not_docx());
    };
    let body = Body::read(&xml);
    let dir = ooxml::folder_of(&part).to_string();
    let rels_name = ooxml::rels_of(&part);
    let rels = zip.read_text(&rels_name)?;
    let existing = rels.as_deref().and_then(|r| comments_part(r, &dir));
    let existing_xml = match &existing {
        Some(p) => zip.read_text(p)?,
        None => None,
    };
    let base = max_id(&xml)
        .max(existing_xml.as_deref().and_then(max_id))
        .map_or(0, |m| m + 1);

    let mut ranges = Vec::new();
    let mut comments = String::new();
    let mut unplaced = 0;
    for (i, d) in checked.diagnostics.iter().enumerate() {
        let id = base + i as u64;
        let (range, whole) = match anchor(checked, &body, d) {
            Some(r) => (Some(r), false),
            None => (body.first(), true),
        };
        unplaced += usize::from(whole);
        comments.push_str(&comment_xml(id, d, whole));
        if let Some(r) = range {
            ranges.push((id, r));
        }
    }
    let marked = mark(&xml, &body, &ranges);

    let comments_name = existing
        .clone()
        .unwrap_or_else(|| ooxml::resolve(&dir, "comments.xml"));
    let comments_xml = match existing_xml {
        Some(old) => match old.rfind("</") {
            Some(at) => format!("{}{comments}{}", &old[..at], &old[at..]),
            None => old,
        },
        None => format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W_NS}">{comments}</w:comments>"#
        ),
    };

    let mut out = zip::ZipWriter::default();
    let names: Vec<String> = zip.entries().iter().map(|e| e.name.clone()).collect();
    let too_large = |_| {
        ReadError::new(
            ReadErrorKind::TooLarge,
            "批注后的文件过大，无法写出。",
            "The annotated copy is too large to write.",
        )
    };
    let mut wrote_rels = false;
    for name in &names {
        let data: Vec<u8> = if *name == part {
            marked.as_bytes().to_vec()
        } else if *name == comments_name {
            continue;
        } else if *name == "[Content_Types].xml" {
            let types = zip.read_text(name)?.unwrap_or_default();
            with_content_type(&types, &comments_name).into_bytes()
        } else if *name == rels_name && existing.is_none() {
            wrote_rels = true;
            with_comments_rel(rels.as_deref()).into_bytes()
        } else {
            // Any other entry, as it was stored.
            if let Some(raw) = zip.raw(name)? {
                if raw.flags & 1 != 0 {
                    return Err(ReadError::new(
                        ReadErrorKind::Encrypted,
                        "文件中有加密的部分，无法添加批注。",
                        "Part of the file is encrypted; it cannot be annotated.",
                    ));
                }
                out.copy(name, &raw).map_err(too_large)?;
            }
            continue;
        };
        out.add(name, &data).map_err(too_large)?;
    }
    if !wrote_rels && existing.is_none() {
        out.add(&rels_name, with_comments_rel(None).as_bytes())
            .map_err(too_large)?;
    }
    out.add(&comments_name, comments_xml.as_bytes())
        .map_err(too_large)?;
    Ok(Annotated {
        bytes: out.finish().map_err(too_large)?,
        comments: checked.diagnostics.len(),
        unplaced,
    })
}
