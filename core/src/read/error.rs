//! Why a file could not be read: the kinds of refusal, and their messages in
//! Chinese and English.

use super::limits::Limits;
use crate::decimal::Num;
use serde::Serialize;

/// Why a file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadErrorKind {
    /// No bytes, or only white space.
    Empty,
    /// Larger than the limit.
    TooLarge,
    /// A kind of file the checker does not read (images, archives, …).
    Unsupported,
    /// A legacy Word (.doc) or WPS (.wps) file.
    LegacyOffice,
    /// An encrypted or password-protected file.
    Encrypted,
    /// A PDF without a text layer (a scan).
    Scanned,
    /// A zip archive that would inflate beyond the limits.
    ZipBomb,
    /// A file of a supported kind that is damaged or cut short.
    Corrupt,
    /// Text that does not look like an annual report at all.
    NotAReport,
    /// The checker failed on this file (a bug); the other files are unaffected.
    Internal,
    /// Checking took longer than the time allowed for one file (in the
    /// browser, where the page stops a check that would freeze it).
    TimedOut,
    /// The file's bytes could not be had at all: it is gone, locked or not
    /// permitted (the command line could not open it; the browser could not
    /// read a file after it was chosen).
    Unreadable,
}

/// A clear message for a file that cannot be read, in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadError {
    /// The kind of refusal.
    pub kind: ReadErrorKind,
    /// The message in Chinese.
    pub message: String,
    /// The message in English.
    pub message_en: String,
}

impl ReadError {
    /// A refusal of this kind, in both languages.
    pub fn new(
        kind: ReadErrorKind,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        ReadError {
            kind,
            message: message.into(),
            message_en: message_en.into(),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.message_en)
    }
}

impl std::error::Error for ReadError {}

/// The error for a file on which the checker itself failed (a panic caught
/// by the caller): the other files are unaffected.
pub fn internal_error() -> ReadError {
    ReadError::new(
        ReadErrorKind::Internal,
        "检查此文件时程序内部出错，请将文件反馈给开发者。其他文件不受影响。",
        "The checker failed on this file (an internal error); please report it. Other files are not affected.",
    )
}

/// The error for a file whose bytes could not be had (`detail`, `detail_en`:
/// why, as the system said it or as the caller knows it): nothing was read.
pub fn cannot_open(detail: &str, detail_en: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Unreadable,
        format!("无法打开文件：{detail}"),
        format!("cannot open the file: {detail_en}"),
    )
}

/// The error for a file whose check took longer than the `limit_ms`
/// milliseconds allowed for one file, and was stopped.
pub fn timed_out(limit_ms: f64) -> ReadError {
    let secs = (limit_ms / 1000.0).ceil().max(0.0) as u64;
    ReadError::new(
        ReadErrorKind::TimedOut,
        format!("检查此文件超过 {secs} 秒，已停止（文件可能过大、过于复杂或已损坏）。其他文件不受影响。"),
        format!(
            "Checking this file took longer than {secs} s and was stopped (the file may be too large, too complex or damaged). Other files are not affected."
        ),
    )
}

/// The text of a file (or of the document a reader made) is over
/// `max_text_bytes`.
pub(crate) fn too_much_text(len: usize, limits: &Limits) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "文件中的文字过多（{:.1} MB），超过 {:.0} MB 的上限。年度报告的文字通常不足 1 MB，请确认选择的文件是否正确。",
            Num(len as f64 / 1_048_576.0),
            Num(limits.max_text_bytes as f64 / 1_048_576.0)
        ),
        format!(
            "The file holds too much text ({:.1} MB; the limit is {:.0} MB). The text of an annual report is usually under 1 MB; check that this is the right file.",
            Num(len as f64 / 1_048_576.0),
            Num(limits.max_text_bytes as f64 / 1_048_576.0)
        ),
    )
}

/// A table of `rows` rows and `cells` cells is over `max_table_cells`: the
/// error of [`check_document_limits`], also given by a reader that can tell
/// the size of a table before building it (a sheet's used range).
pub(crate) fn table_too_large(rows: u64, cells: u64, limits: &Limits) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "文件中有一个表格过大（{rows} 行，{cells} 个单元格），超过 {} 个单元格的上限。年度报告的统计表只有几百个单元格，请确认选择的文件是否正确。",
            limits.max_table_cells
        ),
        format!(
            "A table of the file is too large ({rows} rows, {cells} cells; the limit is {} cells). The statistical tables of an annual report have a few hundred cells; check that this is the right file.",
            limits.max_table_cells
        ),
    )
}

/// Tables nest deeper than `max` inside one another.
pub(crate) fn nested_too_deep(max: usize) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "文件中的表格嵌套过深（超过 {max} 层），已拒绝读取。年度报告的表格不会层层嵌套，请确认文件是否正确，或另存为新文件后再检查。"
        ),
        format!(
            "The tables of the file nest too deep (more than {max} levels), so it was refused. The tables of an annual report do not nest like this; check the file, or save it again as a new file."
        ),
    )
}

/// The message for an OFD file when its reader is not built in.
pub(crate) fn ofd_unsupported() -> ReadError {
    ReadError::new(
        ReadErrorKind::Unsupported,
        "这是 OFD 版式文件，暂不支持。请用 OFD 阅读器将其另存为 PDF，或提供 Word 版本后再检查。",
        "This is an OFD file, which is not supported. Save it as PDF with an OFD reader, or provide the Word version, and check that instead.",
    )
}
