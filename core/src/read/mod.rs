//! Readers: bytes of any supported kind in, one [`Document`] out.
//!
//! Each reader lives in its own module and produces the same model, so that
//! extraction and the rules never care where the bytes came from.

use crate::document::{Document, InputKind};
use serde::Serialize;

pub mod decode;
pub mod docx;
pub mod gb18030;
pub mod html;
pub mod pdf;
pub mod text;
pub mod xlsx;
pub mod zip;

/// Limits applied before any work is done.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Most objects a PDF may declare (its cross-reference size).
    pub max_pdf_objects: usize,
    /// Most pages of a PDF that are read.
    pub max_pdf_pages: usize,
    /// Largest single PDF stream once inflated, in bytes.
    pub max_inflated_stream_bytes: usize,
    /// Most bytes inflated from all the streams of one PDF together.
    pub max_inflated_total_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 50 * 1024 * 1024,
            max_pdf_objects: 500_000,
            max_pdf_pages: 1_000,
            max_inflated_stream_bytes: 32 * 1024 * 1024,
            max_inflated_total_bytes: 256 * 1024 * 1024,
        }
    }
}

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
}

/// A clear message for a file that cannot be read, in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadError {
    pub kind: ReadErrorKind,
    pub message: String,
    pub message_en: String,
}

impl ReadError {
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

/// Decide the kind of a file from its first bytes, falling back on its name.
pub fn sniff(name: &str, bytes: &[u8]) -> Result<InputKind, ReadError> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if bytes.starts_with(b"%PDF") {
        return Ok(InputKind::Pdf);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // OLE compound file: legacy .doc/.wps/.xls, or an encrypted OOXML file.
        return Err(legacy_or_encrypted(ext));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return match ext {
            "xlsx" | "xlsm" => Ok(InputKind::Xlsx),
            "docx" | "docm" => Ok(InputKind::Docx),
            _ => Ok(docx::zip_kind(bytes).unwrap_or(InputKind::Docx)),
        };
    }
    match ext {
        "pdf" => return Ok(InputKind::Pdf),
        "docx" => return Ok(InputKind::Docx),
        "xlsx" => return Ok(InputKind::Xlsx),
        "doc" | "wps" | "xls" | "et" => return Err(legacy_or_encrypted(ext)),
        "html" | "htm" | "xhtml" | "mhtml" | "mht" => return Ok(InputKind::Html),
        _ => {}
    }
    if html::looks_like_html(bytes) {
        return Ok(InputKind::Html);
    }
    Ok(InputKind::Text)
}

fn legacy_or_encrypted(ext: &str) -> ReadError {
    match ext {
        "docx" | "xlsx" => ReadError::new(
            ReadErrorKind::Encrypted,
            "文件已加密或设有打开密码，无法读取。请取消密码后重新保存为 .docx 再检查。",
            "The file is encrypted or password-protected. Remove the password, save it again as .docx and check it again.",
        ),
        _ => ReadError::new(
            ReadErrorKind::LegacyOffice,
            "这是旧版 Word（.doc）或 WPS（.wps/.et）格式文件，暂不支持。请在 Word 或 WPS 中“另存为” .docx 或 PDF 后再检查。",
            "This is a legacy Word (.doc) or WPS (.wps/.et) file, which is not supported. Save it as .docx or PDF in Word or WPS and check that instead.",
        ),
    }
}

/// Read a file of any supported kind into a [`Document`].
pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            format!(
                "文件过大（{:.1} MB），超过 {} MB 的上限。年度报告通常不足 5 MB，请确认选择的文件是否正确。",
                bytes.len() as f64 / 1_048_576.0,
                limits.max_input_bytes / 1_048_576
            ),
            format!(
                "The file is too large ({:.1} MB; the limit is {} MB). Annual reports are usually under 5 MB; check that this is the right file.",
                bytes.len() as f64 / 1_048_576.0,
                limits.max_input_bytes / 1_048_576
            ),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "文件是空的，没有可检查的内容。",
            "The file is empty; there is nothing to check.",
        ));
    }
    match sniff(name, bytes)? {
        InputKind::Text => text::read(bytes),
        InputKind::Docx => docx::read(bytes, limits),
        InputKind::Html => html::read(bytes),
        InputKind::Pdf => pdf::read(bytes, limits),
        InputKind::Xlsx => xlsx::read(bytes, limits),
    }
}
