//! The workspace file: one workspace as a single file, to take to another
//! machine.
//!
//! A zip archive (`.nianbao.zip`) holding
//!
//! | entry | what |
//! |---|---|
//! | `manifest.json` | `{"format": "nianbao-workspace", "version": 1, "generator", "fingerprint_version", "reports", "decisions", "files"}` |
//! | `workspace.json` | the workspace: `name`, `created`, `regrouping`, `years` |
//! | `reports/<id>.json` | one report: `id`, `file`, `added`, `size`, `result` (the export JSON of docs/export.md), `cross` (its cross-report findings) |
//! | `texts/<id>.txt` | the document's text the result's spans point into (UTF-8) |
//! | `files/<id>` | the file itself, where the reviewer kept it (stored, not deflated) |
//! | `decisions.json` | every decision ([`Decision`]) |
//!
//! Reading one ([`read_archive`]) trusts nothing in it. Limits come before
//! work: the archive's size, then its directory (entries, declared total,
//! each entry's compression ratio before it is inflated — the core's zip
//! reader), then each part's size and shape. The manifest decides first: a
//! file that is not a workspace, or one from a later version of the format,
//! is refused with a message that says so. A report or decision that is
//! damaged, hand-edited out of shape or holds strings longer than anything
//! the checker makes is left out, and a note says which; everything else is
//! imported. Fingerprints are made again from each result and its text, so
//! that edited fingerprints cannot attach decisions to other findings.
//! Names and notes are kept as they are — markup in them is text, and every
//! writer escapes it.

use super::decisions::Decision;
use super::fingerprint::{fingerprints, is_fingerprint, FINGERPRINT_VERSION};
use super::groups::Regrouping;
use super::matrix::Entry;
use super::stored::{cross_view, measure, view};
use crate::read::zip::{Archive, ZipLimits};
use crate::read::ReadErrorKind;
use crate::write::zip::{Method, ZipWriter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// The `format` of the manifest.
pub const FORMAT: &str = "nianbao-workspace";
/// The version of the format this build writes and reads.
pub const VERSION: u64 = 1;

/// What a workspace is, apart from its reports and decisions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceInfo {
    /// Its name (“2024 年度 · 某市”).
    #[serde(default)]
    pub name: String,
    /// When it was made (milliseconds since 1970).
    #[serde(default)]
    pub created: f64,
    /// The reviewer's corrections of the agencies' grouping.
    #[serde(default)]
    pub regrouping: Regrouping,
    /// The years the matrix shows (`None`: all the reports' years).
    #[serde(default)]
    pub years: Option<Vec<i32>>,
}

/// One stored report, as the file holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportRecord {
    /// Its id in the workspace.
    pub id: u32,
    /// The file's name.
    pub file: String,
    /// When it was stored (milliseconds since 1970).
    #[serde(default)]
    pub added: f64,
    /// The file's size in bytes.
    #[serde(default)]
    pub size: Option<u64>,
    /// The result: the export JSON of docs/export.md.
    pub result: Value,
    /// Its cross-report findings (an array of the export's `cross` items).
    #[serde(default)]
    pub cross: Value,
}

/// Limits on a workspace file read from outside.
#[derive(Clone, Copy, Debug)]
pub struct ArchiveLimits {
    /// Largest file.
    pub max_bytes: usize,
    /// Most entries.
    pub max_entries: usize,
    /// Most bytes all entries together may inflate to.
    pub max_inflated: u64,
    /// Most reports.
    pub max_reports: usize,
    /// Most decisions.
    pub max_decisions: usize,
    /// Largest report (its JSON), decisions list or text.
    pub max_part_bytes: usize,
    /// Largest kept file.
    pub max_file_bytes: usize,
    /// Longest name (workspace, file, agency), in characters.
    pub max_name_chars: usize,
    /// Longest note, in characters.
    pub max_note_chars: usize,
    /// Longest string anywhere in a result, in characters.
    pub max_string_chars: usize,
    /// Deepest nesting of a result.
    pub max_depth: usize,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_bytes: 1 << 30,
            max_entries: 40_000,
            max_inflated: 1 << 30,
            max_reports: 20_000,
            max_decisions: 500_000,
            max_part_bytes: 32 << 20,
            max_file_bytes: crate::Limits::default().max_input_bytes,
            max_name_chars: 500,
            max_note_chars: 20_000,
            max_string_chars: 100_000,
            max_depth: 32,
        }
    }
}

/// Why a workspace file was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportError {
    /// `not_workspace`, `future_version`, `invalid`, `corrupt`, `too_large`
    /// or `zip_bomb`.
    pub kind: &'static str,
    /// In Chinese.
    pub message: String,
    /// In English.
    pub message_en: String,
}

fn refuse(kind: &'static str, zh: impl Into<String>, en: impl Into<String>) -> ImportError {
    ImportError {
        kind,
        message: zh.into(),
        message_en: en.into(),
    }
}

/// Something left out or changed on import, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// In Chinese.
    pub message: String,
    /// In English.
    pub message_en: String,
}

/// One report read from a workspace file.
#[derive(Clone, Debug)]
pub struct ImportedReport {
    /// The report as stored.
    pub record: ReportRecord,
    /// Its document's text.
    pub text: Option<String>,
    /// The file itself, when it was kept.
    pub file: Option<Vec<u8>>,
    /// Its findings' fingerprints (made again), then its cross-report ones.
    pub fingerprints: Vec<String>,
    /// What the overview needs of it.
    pub entry: Entry,
}

/// A workspace read from a file.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The workspace.
    pub info: WorkspaceInfo,
    /// Its reports, by id.
    pub reports: Vec<ImportedReport>,
    /// Its decisions.
    pub decisions: Vec<Decision>,
    /// What was left out or changed, and why.
    pub notes: Vec<Note>,
}

/// The workspace file being written.
#[derive(Debug, Default)]
pub struct ArchiveWriter {
    zip: ZipWriter,
    ids: HashSet<u32>,
    files: u32,
}

fn too_large() -> ImportError {
    refuse(
        "too_large",
        "工作区过大，无法写成一个文件（超过 4 GB）。请不保留原文件再导出。",
        "The workspace is too large for one file (over 4 GB). Export it without the kept files.",
    )
}

impl ArchiveWriter {
    /// An empty workspace file.
    pub fn new() -> Self {
        ArchiveWriter::default()
    }

    /// Add a report, with its text and (where kept) its file.
    pub fn add_report(
        &mut self,
        record: &ReportRecord,
        text: Option<&str>,
        file: Option<&[u8]>,
    ) -> Result<(), ImportError> {
        if !self.ids.insert(record.id) {
            return Err(refuse(
                "invalid",
                format!("报告编号 {} 重复。", record.id),
                format!("Report id {} appears twice.", record.id),
            ));
        }
        let json = serde_json::to_vec(record).map_err(|_| too_large())?;
        let id = record.id;
        self.zip
            .add(&format!("reports/{id}.json"), &json, Method::Deflate)
            .map_err(|_| too_large())?;
        if let Some(t) = text {
            self.zip
                .add(&format!("texts/{id}.txt"), t.as_bytes(), Method::Deflate)
                .map_err(|_| too_large())?;
        }
        if let Some(f) = file {
            self.zip
                .add(&format!("files/{id}"), f, Method::Store)
                .map_err(|_| too_large())?;
            self.files += 1;
        }
        Ok(())
    }

    /// The file's bytes, with the workspace and its decisions.
    pub fn finish(
        mut self,
        info: &WorkspaceInfo,
        decisions: &[Decision],
    ) -> Result<Vec<u8>, ImportError> {
        let manifest = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "generator": concat!("nianbao ", env!("CARGO_PKG_VERSION")),
            "fingerprint_version": FINGERPRINT_VERSION,
            "reports": self.ids.len(),
            "decisions": decisions.len(),
            "files": self.files,
        });
        for (name, json) in [
            ("workspace.json", serde_json::to_vec(info)),
            ("decisions.json", serde_json::to_vec(decisions)),
            ("manifest.json", serde_json::to_vec(&manifest)),
        ] {
            let json = json.map_err(|_| too_large())?;
            self.zip
                .add(name, &json, Method::Deflate)
                .map_err(|_| too_large())?;
        }
        self.zip.finish().map_err(|_| too_large())
    }
}

fn mb(n: usize) -> String {
    format!("{} MB", n.div_ceil(1 << 20))
}

fn note(zh: impl Into<String>, en: impl Into<String>) -> Note {
    Note {
        message: zh.into(),
        message_en: en.into(),
    }
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Read, check and take in a workspace file.
pub fn read_archive(bytes: &[u8], limits: &ArchiveLimits) -> Result<Imported, ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(refuse(
            "too_large",
            format!(
                "工作区文件过大（{}，上限 {}），未导入。",
                mb(bytes.len()),
                mb(limits.max_bytes)
            ),
            format!(
                "The workspace file is too large ({}; the limit is {}) and was not imported.",
                mb(bytes.len()),
                mb(limits.max_bytes)
            ),
        ));
    }
    let zip_error = |e: crate::ReadError| {
        match e.kind {
        ReadErrorKind::ZipBomb => refuse(
            "zip_bomb",
            format!("工作区文件解压后过大，疑似“压缩炸弹”，已拒绝导入。（{}）", e.message),
            format!("The workspace file would inflate far too much; it looks like a zip bomb and was refused. ({})", e.message_en),
        ),
        ReadErrorKind::Encrypted => refuse(
            "invalid",
            "工作区文件已加密，无法导入。",
            "The workspace file is encrypted and cannot be imported.",
        ),
        _ => refuse(
            "corrupt",
            "工作区文件已损坏或不完整（可能下载或复制未完成），无法导入。请重新导出后再试。",
            "The workspace file is damaged or incomplete (perhaps cut short while it was copied) and cannot be imported. Export it again and retry.",
        ),
    }
    };
    if !bytes.starts_with(b"PK") {
        return Err(not_workspace());
    }
    let mut zip = Archive::open(
        bytes,
        ZipLimits {
            max_entries: limits.max_entries,
            max_total_inflated: limits.max_inflated,
            ..ZipLimits::default()
        },
    )
    .map_err(zip_error)?;

    // The manifest decides first.
    let manifest = zip
        .read("manifest.json")
        .map_err(zip_error)?
        .ok_or_else(not_workspace)?;
    if manifest.len() > 64 * 1024 {
        return Err(invalid("manifest.json", "过大", "too large"));
    }
    let manifest: Value = serde_json::from_slice(&manifest)
        .map_err(|e| invalid("manifest.json", &e.to_string(), &e.to_string()))?;
    if manifest.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(not_workspace());
    }
    match manifest.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(v) if v > VERSION => {
            return Err(refuse(
                "future_version",
                format!("此工作区文件由较新版本的 nianbao 生成（格式版本 {v}），本版本只能读取格式版本 {VERSION}。请更新 nianbao 后再导入。"),
                format!("This workspace file was made by a newer nianbao (format version {v}); this one reads format version {VERSION}. Update nianbao and import it again."),
            ))
        }
        _ => return Err(invalid("manifest.json", "版本号无效", "no valid version")),
    }
    let declared = |k: &str| manifest.get(k).and_then(Value::as_u64).unwrap_or(0);
    let mut notes = Vec::new();

    // The workspace.
    let mut info: WorkspaceInfo = match zip.read("workspace.json").map_err(zip_error)? {
        Some(b) if b.len() <= limits.max_part_bytes => serde_json::from_slice(&b)
            .map_err(|e| invalid("workspace.json", &e.to_string(), &e.to_string()))?,
        Some(_) => return Err(invalid("workspace.json", "过大", "too large")),
        None => return Err(invalid("workspace.json", "缺失", "missing")),
    };
    if info.name.chars().count() > limits.max_name_chars {
        info.name = cut(&info.name, limits.max_name_chars);
        notes.push(note(
            format!("工作区名称过长，已截为 {} 个字。", limits.max_name_chars),
            format!(
                "The workspace's name was too long and was cut to {} characters.",
                limits.max_name_chars
            ),
        ));
    }
    if !info.created.is_finite() {
        info.created = 0.0;
    }
    let before = info.regrouping.len();
    info.regrouping.retain(|k, v| {
        k.chars().count() <= limits.max_name_chars && v.chars().count() <= limits.max_name_chars
    });
    if info.regrouping.len() < before {
        notes.push(note(
            format!(
                "{} 条机关归并设置过长，未导入。",
                before - info.regrouping.len()
            ),
            format!(
                "{} grouping corrections were too long and were left out.",
                before - info.regrouping.len()
            ),
        ));
    }
    if let Some(y) = &mut info.years {
        y.retain(|y| (1990..=2200).contains(y));
        y.truncate(200);
    }

    // The reports, in the order of the directory.
    let mut ids: Vec<u32> = zip
        .entries()
        .iter()
        .filter_map(|e| {
            let n = e.name.strip_prefix("reports/")?.strip_suffix(".json")?;
            (!n.is_empty() && n.len() <= 10 && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse().ok())
                .flatten()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > limits.max_reports {
        return Err(refuse(
            "too_large",
            format!(
                "工作区包含 {} 份报告，超过上限 {}。",
                ids.len(),
                limits.max_reports
            ),
            format!(
                "The workspace holds {} reports; the limit is {}.",
                ids.len(),
                limits.max_reports
            ),
        ));
    }
    if (ids.len() as u64) < declared("reports") {
        notes.push(note(
            format!("清单列出 {} 份报告，文件中只有 {} 份：文件可能不完整或被改动过。", declared("reports"), ids.len()),
            format!("The manifest lists {} reports but the file holds {}: it may be incomplete or edited.", declared("reports"), ids.len()),
        ));
    }
    let mut reports = Vec::with_capacity(ids.len());
    for id in ids {
        match read_report(&mut zip, id, limits).map_err(zip_error)? {
            Ok(r) => reports.push(r),
            Err(n) => notes.push(n),
        }
    }

    // The decisions.
    let mut decisions = Vec::new();
    if let Some(b) = zip.read("decisions.json").map_err(zip_error)? {
        if b.len() > limits.max_part_bytes {
            return Err(invalid("decisions.json", "过大", "too large"));
        }
        let list: Vec<Value> = serde_json::from_slice(&b)
            .map_err(|e| invalid("decisions.json", &e.to_string(), &e.to_string()))?;
        if list.len() > limits.max_decisions {
            return Err(refuse(
                "too_large",
                format!(
                    "工作区包含 {} 条审核意见，超过上限 {}。",
                    list.len(),
                    limits.max_decisions
                ),
                format!(
                    "The workspace holds {} decisions; the limit is {}.",
                    list.len(),
                    limits.max_decisions
                ),
            ));
        }
        let mut bad = 0;
        for v in list {
            match Decision::deserialize(&v) {
                Ok(d) if decision_ok(&d, limits) => decisions.push(d),
                _ => bad += 1,
            }
        }
        if bad > 0 {
            notes.push(note(
                format!("{bad} 条审核意见格式不正确或内容过长，未导入。"),
                format!("{bad} decisions were malformed or too long and were left out."),
            ));
        }
    }
    Ok(Imported {
        info,
        reports,
        decisions,
        notes,
    })
}

fn decision_ok(d: &Decision, l: &ArchiveLimits) -> bool {
    is_fingerprint(&d.fingerprint)
        && d.agency
            .as_ref()
            .is_none_or(|a| a.chars().count() <= l.max_name_chars)
        && d.file.chars().count() <= l.max_name_chars
        && d.rule.len() <= 8
        && d.message.chars().count() <= l.max_string_chars
        && d.note.chars().count() <= l.max_note_chars
        && d.at.is_finite()
        && d.year.is_none_or(|y| (1900..=2200).contains(&y))
}

fn not_workspace() -> ImportError {
    refuse(
        "not_workspace",
        "这不是 nianbao 工作区文件（缺少 manifest.json 或格式不符）。请选择由“导出工作区”生成的 .zip 文件。",
        "This is not a nianbao workspace file (no manifest.json, or not of its format). Choose a .zip made by “Export workspace”.",
    )
}

fn invalid(part: &str, zh: &str, en: &str) -> ImportError {
    refuse(
        "invalid",
        format!("工作区文件的 {part} 无效（{zh}），可能被手工改动过，未导入。"),
        format!("The workspace file's {part} is not valid ({en}); it may have been edited by hand. Nothing was imported."),
    )
}

/// One report: left out with a note when it is not sound; an error when
/// the archive itself is damaged.
fn read_report(
    zip: &mut Archive,
    id: u32,
    l: &ArchiveLimits,
) -> Result<Result<ImportedReport, Note>, crate::ReadError> {
    let skip = |zh: &str, en: &str| {
        Ok(Err(note(
            format!("第 {id} 号报告未导入：{zh}。"),
            format!("Report {id} was left out: {en}."),
        )))
    };
    let json = zip.read(&format!("reports/{id}.json"))?.unwrap_or_default();
    if json.len() > l.max_part_bytes {
        return skip("内容过大", "too large");
    }
    let value: Value = match serde_json::from_slice(&json) {
        Ok(v) => v,
        Err(e) => return skip(&format!("JSON 无效（{e}）"), &format!("invalid JSON ({e})")),
    };
    let (longest, deepest) = measure(&value);
    if longest > l.max_string_chars || deepest > l.max_depth {
        return skip(
            "含有过长的文字或过深的嵌套",
            "it holds an over-long string or nests too deep",
        );
    }
    let mut record = match ReportRecord::deserialize(&value) {
        Ok(r) => r,
        Err(e) => {
            return skip(
                &format!("格式不符（{e}）"),
                &format!("not of the expected shape ({e})"),
            )
        }
    };
    if record.id != id {
        return skip("编号与文件名不符", "its id does not match its entry");
    }
    if record.file.chars().count() > l.max_name_chars {
        return skip("文件名过长", "its file name is too long");
    }
    if !record.added.is_finite() {
        record.added = 0.0;
    }
    let Some(result) = view(&record.result).filter(|r| r.report.is_some() || r.error.is_some())
    else {
        return skip("检查结果格式不符", "its result is not shaped like one");
    };
    if !matches!(record.cross, Value::Array(_)) {
        record.cross = Value::Array(Vec::new());
    }
    let cross = cross_view(&record.cross);
    let text = match zip.read(&format!("texts/{id}.txt"))? {
        Some(t) if t.len() > l.max_part_bytes => return skip("正文过大", "its text is too large"),
        Some(t) => match String::from_utf8(t) {
            Ok(t) => Some(t),
            Err(_) => return skip("正文不是 UTF-8 文本", "its text is not UTF-8"),
        },
        None => None,
    };
    let file = zip.read(&format!("files/{id}"))?;
    if file.as_ref().is_some_and(|f| f.len() > l.max_file_bytes) {
        return skip("原文件过大", "its kept file is too large");
    }
    let mut fps = fingerprints(&result.diagnostics, text.as_deref());
    fps.extend(fingerprints(&cross, text.as_deref()));
    let entry = Entry::of(id, &result, &cross, fps.clone(), record.added);
    Ok(Ok(ImportedReport {
        record,
        text,
        file,
        fingerprints: fps,
        entry,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::decisions::Verdict;
    use crate::Export;

    fn seed(prefix: &str) -> (String, Vec<u8>) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let name = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|f| f.starts_with(prefix))
            .unwrap();
        let bytes = std::fs::read(format!("{dir}{name}")).unwrap();
        (name, bytes)
    }

    /// Seed 003 as the page stores it: its record, text and file, and its
    /// fingerprints.
    fn stored(id: u32) -> (ReportRecord, String, Vec<u8>, Vec<String>) {
        let (name, bytes) = seed("003");
        let c = crate::check(&name, &bytes).unwrap();
        let result = serde_json::to_value(Export::of(&name, &c)).unwrap();
        let v = view(&result).unwrap();
        let fps = fingerprints(&v.diagnostics, Some(&c.document.text));
        let record = ReportRecord {
            id,
            file: name,
            added: 1.7e12,
            size: Some(bytes.len() as u64),
            result,
            cross: Value::Array(Vec::new()),
        };
        (record, c.document.text.clone(), bytes, fps)
    }

    fn decision(fp: &str, note: &str) -> Decision {
        Decision {
            agency: Some("博爱县人民政府".into()),
            year: Some(2024),
            file: "003.txt".into(),
            fingerprint: fp.into(),
            rule: fp[..4].into(),
            message: "m".into(),
            verdict: Verdict::Confirmed,
            note: note.into(),
            at: 1.0,
        }
    }

    fn info() -> WorkspaceInfo {
        WorkspaceInfo {
            name: "2024 年度 · 某市 <script>".into(),
            created: 1.0,
            ..WorkspaceInfo::default()
        }
    }

    fn written(decisions: &[Decision]) -> (Vec<u8>, Vec<String>) {
        let (record, text, file, fps) = stored(7);
        let mut w = ArchiveWriter::new();
        w.add_report(&record, Some(&text), Some(&file)).unwrap();
        assert_eq!(
            w.add_report(&record, None, None).unwrap_err().kind,
            "invalid"
        );
        (w.finish(&info(), decisions).unwrap(), fps)
    }

    #[test]
    fn a_workspace_comes_back_as_it_was_written() {
        let (_, _, file, fps) = stored(7);
        let d = decision(&fps[0], "<b>请核对</b> & 改正");
        let (bytes, _) = written(std::slice::from_ref(&d));
        let got = read_archive(&bytes, &ArchiveLimits::default()).unwrap();
        assert_eq!(got.info, info());
        assert_eq!(got.decisions, [d]);
        assert!(got.notes.is_empty(), "{:?}", got.notes);
        let [r] = got.reports.as_slice() else {
            panic!("{} reports", got.reports.len())
        };
        assert_eq!(r.record.id, 7);
        assert_eq!(r.file.as_deref(), Some(file.as_slice()));
        // Fingerprints are made again from the result and its text: the
        // same as when the report was stored.
        assert_eq!(r.fingerprints, fps);
        assert_eq!(r.entry.agency.as_deref(), Some("博爱县人民政府"));
        assert_eq!(r.entry.errors, 1);
    }

    #[test]
    fn what_is_not_a_workspace_or_is_damaged_is_refused() {
        let (bytes, _) = written(&[]);
        let l = ArchiveLimits::default();
        let kind = |b: &[u8]| read_archive(b, &l).map(|_| ()).unwrap_err().kind;
        assert_eq!(kind(b"not a zip at all"), "not_workspace");
        // Cut short, as by an unfinished download.
        assert_eq!(kind(&bytes[..bytes.len() * 2 / 3]), "corrupt");
        // A zip that is something else (a .docx).
        let mut z = ZipWriter::new();
        z.add("word/document.xml", b"<w:document/>", Method::Deflate)
            .unwrap();
        assert_eq!(kind(&z.finish().unwrap()), "not_workspace");
        // Too large before anything is read.
        let small = ArchiveLimits {
            max_bytes: 100,
            ..l
        };
        assert_eq!(
            read_archive(&bytes, &small).map(|_| ()).unwrap_err().kind,
            "too_large"
        );
    }

    fn archive(manifest: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = ZipWriter::new();
        z.add("manifest.json", manifest.as_bytes(), Method::Deflate)
            .unwrap();
        for (name, b) in parts {
            z.add(name, b, Method::Deflate).unwrap();
        }
        z.finish().unwrap()
    }

    #[test]
    fn a_later_version_is_refused_with_a_message_that_says_so() {
        let b = archive(
            r#"{"format":"nianbao-workspace","version":2}"#,
            &[("workspace.json", b"{}")],
        );
        let e = read_archive(&b, &ArchiveLimits::default()).unwrap_err();
        assert_eq!(e.kind, "future_version");
        assert!(e.message.contains("较新版本") && e.message_en.contains("newer"));
    }

    #[test]
    fn hand_edited_parts_are_left_out_with_a_note() {
        let (record, text, _, fps) = stored(1);
        let good = serde_json::to_vec(&record).unwrap();
        let mut other = record.clone();
        other.id = 2;
        let mut huge = serde_json::to_value(&other).unwrap();
        huge["file"] = Value::String("名".repeat(100_000));
        let decisions = serde_json::to_vec(&[
            serde_json::to_value(decision(&fps[0], "ok")).unwrap(),
            serde_json::to_value(decision("<img src=x>-0123456789abcdef", "x")).unwrap(),
            serde_json::json!({"fingerprint": 5}),
        ])
        .unwrap();
        let b = archive(
            r#"{"format":"nianbao-workspace","version":1,"reports":4}"#,
            &[
                ("workspace.json", br#"{"name":"w","years":[2024,99999]}"#),
                ("reports/1.json", &good),
                ("texts/1.txt", text.as_bytes()),
                ("reports/2.json", &serde_json::to_vec(&huge).unwrap()),
                ("reports/3.json", b"{\"id\": 3, \"file\": "),
                ("decisions.json", &decisions),
            ],
        );
        let got = read_archive(&b, &ArchiveLimits::default()).unwrap();
        assert_eq!(got.info.years, Some(vec![2024]));
        let ids: Vec<u32> = got.reports.iter().map(|r| r.record.id).collect();
        assert_eq!(ids, [1]);
        assert_eq!(got.reports[0].fingerprints, fps);
        assert_eq!(got.decisions.len(), 1);
        let notes: Vec<&str> = got.notes.iter().map(|n| n.message_en.as_str()).collect();
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(notes[0].contains("lists 4 reports but the file holds 3"));
        assert!(notes[1].starts_with("Report 2 was left out"));
        assert!(notes[2].starts_with("Report 3 was left out: invalid JSON"));
        assert!(notes[3].starts_with("2 decisions"));
    }
}
