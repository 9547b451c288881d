//! Archives (.zip) of reports: a batch of files, each named by its path in
//! the archive, archives inside it opened in turn to a bounded depth.
//!
//! Not a reader of one report: a .docx, .xlsx or OFD is a zip too, but its
//! entries tell its kind ([`is_archive`] leaves those to their readers).
//! Everything is limited before work, from the central directories, with one
//! budget for the archive and every archive inside it:
//!
//! | limit | default | refusal |
//! |---|---|---|
//! | entries of all archives together | 2,000 | whole archive, from the directory before inflating |
//! | bytes inflated, all entries together | `Limits::max_zip_inflated_bytes` (256 MB) | whole archive, from the declared sizes before inflating and again while inflating |
//! | inflated/compressed ratio of an entry over 1 MB | 200:1 | whole archive, before inflating the entry |
//! | archives inside archives | 3 deep | whole archive |
//! | one entry's size | `Limits::max_input_bytes` (50 MB) | that entry, before inflating it |
//!
//! A hostile archive (a bomb, too many entries, too deep) is refused as a
//! whole; a damaged entry (or archive inside), or one too large, is refused
//! alone and the others are read.

use super::zip::{Archive, ZipLimits};
use super::{ooxml, sniff, Limits, ReadError, ReadErrorKind};

/// Limits on an archive of reports, beyond those on each file.
#[derive(Clone, Copy, Debug)]
pub struct ArchiveLimits {
    /// Most entries of the archive and the archives inside it together.
    pub max_entries: usize,
    /// Most levels of archives inside the archive (1: an archive in the archive).
    pub max_depth: usize,
    /// Largest inflated/compressed ratio of an entry over 1 MB inflated.
    pub max_ratio: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_entries: 2_000,
            max_depth: 3,
            max_ratio: 200,
        }
    }
}

/// Why a file of a folder or an archive is not checked: it is no report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// A picture (a photo, a scan, a logo).
    Picture,
    /// A file of the operating system or the archiver (`__MACOSX/`,
    /// `.DS_Store`, `Thumbs.db`).
    SystemFile,
    /// Any other kind that no reader takes (style sheets, scripts, data).
    OtherKind,
}

impl Skip {
    /// A word for the reason, stable: `picture`, `system-file`, `other-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::Picture => "picture",
            Skip::SystemFile => "system-file",
            Skip::OtherKind => "other-kind",
        }
    }

    /// The reason, in Chinese.
    pub fn message(self) -> &'static str {
        match self {
            Skip::Picture => "图片，不是年度报告，已跳过（扫描件请先识别文字）",
            Skip::SystemFile => "系统或压缩软件生成的文件，已跳过",
            Skip::OtherKind => "不是可检查的报告格式，已跳过",
        }
    }

    /// The reason, in English.
    pub fn message_en(self) -> &'static str {
        match self {
            Skip::Picture => "a picture, not a report; skipped (run OCR on a scan first)",
            Skip::SystemFile => "a file of the system or the archiver; skipped",
            Skip::OtherKind => "not a kind of report that can be checked; skipped",
        }
    }
}

/// One file of an archive.
#[derive(Debug)]
pub enum Member {
    /// A file to check: its path in the archive and its bytes.
    File(String, Vec<u8>),
    /// An entry that could not be taken out (damaged, too large).
    Refused(String, ReadError),
    /// A file that is no report.
    Skipped(String, Skip),
}

/// Whether the bytes are an archive of files rather than one report: a zip
/// whose entries are not those of a Word document, a workbook or an OFD, and
/// whose name does not call it one of those.
pub fn is_archive(name: &str, bytes: &[u8]) -> bool {
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return false;
    }
    let ext = extension(name);
    if matches!(
        ext.as_str(),
        "docx" | "docm" | "dotx" | "xlsx" | "xlsm" | "xltx" | "ofd"
    ) {
        return false;
    }
    ooxml::zip_kind(bytes).is_none()
}

/// Whether a file found in a folder or an archive is no report, and why.
pub fn skip_reason(name: &str, bytes: &[u8]) -> Option<Skip> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    if name.starts_with("__MACOSX/")
        || name.contains("/__MACOSX/")
        || base.starts_with("._")
        || matches!(lower.as_str(), ".ds_store" | "thumbs.db" | "desktop.ini")
    {
        return Some(Skip::SystemFile);
    }
    let ext = extension(name);
    // Data, code and style sheets: whatever their content looks like (a
    // JSON file may quote a page's markup), no reader takes them.
    if NOT_REPORTS.contains(&ext.as_str()) {
        return Some(Skip::OtherKind);
    }
    match sniff(name, bytes) {
        Err(e) if e.kind == ReadErrorKind::Scanned => Some(Skip::Picture),
        Ok(crate::document::InputKind::Text) => match ext.as_str() {
            "txt" | "text" => None,
            // Markdown is a report (another program's transcription of
            // one) when it names several of the template's headings and
            // labels and has at least two of its section headings as lines
            // of their own; a folder's notes may quote many of them, inside
            // sentences and tables of their own.
            "md" | "markdown" => {
                let head = &bytes[..bytes.len().min(2_000_000)];
                let (text, _) = super::decode::decode(head);
                let headings = text
                    .lines()
                    .filter(|l| {
                        crate::vocab::headings::is_heading_line(
                            l.trim().trim_start_matches(['#', ' ']).trim(),
                        )
                    })
                    .take(2)
                    .count();
                (headings < 2 || !crate::vocab::terms::names_markers(&text, 4))
                    .then_some(Skip::OtherKind)
            }
            // Plain text is a report only under a name that says text.
            _ => Some(Skip::OtherKind),
        },
        _ => None,
    }
}

/// Extensions of files that are never a report: data, code, style sheets.
const NOT_REPORTS: &[&str] = &[
    "json", "js", "mjs", "css", "map", "xml", "csv", "tsv", "yaml", "yml", "toml", "ini", "log",
    "sql", "py", "sh",
];

fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Take the files out of an archive (and of the archives inside it), in
/// the order of its directory, each named by its path in the archive (an
/// archive inside: its path, `/`, the path inside). Folders are left out;
/// files that are no report are [`Member::Skipped`]. A hostile archive is
/// refused as a whole, before its entries are inflated.
pub fn unpack(
    bytes: &[u8],
    limits: &Limits,
    archive_limits: &ArchiveLimits,
) -> Result<Vec<Member>, ReadError> {
    let mut state = State {
        entries: 0,
        inflated: 0,
        out: Vec::new(),
    };
    walk("", bytes, 0, limits, archive_limits, &mut state)?;
    Ok(state.out)
}

struct State {
    entries: usize,
    inflated: u64,
    out: Vec<Member>,
}

fn walk(
    prefix: &str,
    bytes: &[u8],
    depth: usize,
    limits: &Limits,
    al: &ArchiveLimits,
    state: &mut State,
) -> Result<(), ReadError> {
    let budget = limits.max_zip_inflated_bytes.saturating_sub(state.inflated);
    let mut zip = Archive::open(
        bytes,
        ZipLimits {
            max_entries: al.max_entries.saturating_sub(state.entries),
            max_total_inflated: budget,
            max_ratio: al.max_ratio,
            ..ZipLimits::default()
        },
    )
    .map_err(|e| too_many(e, al))?;
    state.entries += zip.entries().len();
    for i in 0..zip.entries().len() {
        let entry = &zip.entries()[i];
        if entry.is_folder() {
            continue;
        }
        let name = format!("{prefix}{}", entry.name.trim_start_matches(['/', '\\']));
        if entry.inflated_size() > limits.max_input_bytes as u64 {
            state.out.push(Member::Refused(
                name,
                ReadError::new(
                    ReadErrorKind::TooLarge,
                    format!(
                        "压缩包中的这个文件解压后超过 {} MB 的上限，未读取。",
                        limits.max_input_bytes / 1_048_576
                    ),
                    format!(
                        "This file of the archive inflates past the {} MB limit and was not read.",
                        limits.max_input_bytes / 1_048_576
                    ),
                ),
            ));
            continue;
        }
        let data = match zip.read_at(i) {
            Ok(Some(d)) => d,
            Ok(None) => continue,
            Err(e) if e.kind == ReadErrorKind::ZipBomb => return Err(e),
            Err(e) => {
                state.out.push(Member::Refused(name, e));
                continue;
            }
        };
        state.inflated = state.inflated.saturating_add(data.len() as u64);
        if is_archive(&name, &data) {
            if depth + 1 > al.max_depth {
                return Err(too_deep(al));
            }
            // A hostile archive inside refuses the whole; a damaged one is
            // refused alone (with what was taken out of it before).
            match walk(&format!("{name}/"), &data, depth + 1, limits, al, state) {
                Err(e) if e.kind != ReadErrorKind::ZipBomb => {
                    state.out.push(Member::Refused(name, e))
                }
                other => other?,
            }
            continue;
        }
        match skip_reason(&name, &data) {
            Some(skip) => state.out.push(Member::Skipped(name, skip)),
            None => state.out.push(Member::File(name, data)),
        }
    }
    Ok(())
}

/// The directory's refusal for too many entries, told for a batch.
fn too_many(e: ReadError, al: &ArchiveLimits) -> ReadError {
    if e.kind != ReadErrorKind::ZipBomb || !e.message_en.contains("entries") {
        return e;
    }
    ReadError::new(
        ReadErrorKind::ZipBomb,
        format!(
            "压缩包中的文件过多（包括其中的压缩包，上限 {} 个），疑似“压缩炸弹”，已拒绝读取。请分成几个压缩包再检查。",
            al.max_entries
        ),
        format!(
            "The archive holds too many files (with the archives inside it; the limit is {}); it looks like a zip bomb and was refused. Split it into several archives and check them.",
            al.max_entries
        ),
    )
}

fn too_deep(al: &ArchiveLimits) -> ReadError {
    ReadError::new(
        ReadErrorKind::ZipBomb,
        format!(
            "压缩包嵌套过深（压缩包中的压缩包超过 {} 层），疑似“压缩炸弹”，已拒绝读取。请解压后再检查。",
            al.max_depth
        ),
        format!(
            "The archive is nested too deep (archives inside archives more than {} levels); it looks like a zip bomb and was refused. Unpack it and check the files.",
            al.max_depth
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_files_and_ofd_are_no_archives() {
        assert!(!is_archive("a.docx", b"PK\x03\x04whatever"));
        assert!(!is_archive("a.ofd", b"PK\x03\x04whatever"));
        assert!(!is_archive("a.zip", b"%PDF-1.4"));
    }

    #[test]
    fn what_is_skipped() {
        assert_eq!(
            skip_reason("a/b.png", b"\x89PNG\r\n\x1a\n...."),
            Some(Skip::Picture)
        );
        assert_eq!(
            skip_reason("__MACOSX/a/._b.docx", b"\0\x05\x16\x07"),
            Some(Skip::SystemFile)
        );
        assert_eq!(skip_reason("style.css", b"body{}"), Some(Skip::OtherKind));
        // A truth beside a report quotes the report's page markup.
        assert_eq!(
            skip_reason("a.truth.json", br#"{"notes": "<html><body><table>"}"#),
            Some(Skip::OtherKind)
        );
        // Markdown: a transcribed report is checked, a folder's notes are not.
        let notes = "# 说明\n\n这里是政府信息公开工作年度报告的样本，第一部分为总体情况。";
        assert_eq!(
            skip_reason("README.md", notes.as_bytes()),
            Some(Skip::OtherKind)
        );
        // Notes quoting the template's headings and labels in sentences.
        let quoting = "# Reports\n\n- a.md: 三、收到和处理政府信息公开申请情况 lacks 一、本年新收政府信息公开申请数量; \
                       四、政府信息公开行政复议、行政诉讼情况 and 二、主动公开政府信息情况 keep their titles.\n";
        assert_eq!(
            skip_reason("README.md", quoting.as_bytes()),
            Some(Skip::OtherKind)
        );
        let report = "## 一、总体情况\n\n## 二、主动公开政府信息情况\n\n## 三、收到和处理政府信息公开申请情况\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n| 一、本年新收政府信息公开申请数量 | 3 |\n";
        assert_eq!(skip_reason("报告.md", report.as_bytes()), None);
        assert_eq!(skip_reason("报告.txt", "一、总体情况".as_bytes()), None);
        assert_eq!(skip_reason("报告.pdf", b"%PDF-1.7"), None);
    }
}
