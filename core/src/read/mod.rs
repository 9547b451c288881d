//! Readers: bytes of any supported kind in, one [`Document`] out.
//!
//! Each reader lives in its own module and produces the same model, so that
//! extraction and the rules never care where the bytes came from.

use crate::decimal::Num;
use crate::document::{Document, InputKind};
use serde::Serialize;

pub mod decode;
pub mod docx;
pub mod gb18030;
pub mod html;
#[cfg(feature = "ofd")]
pub mod ofd;
pub mod pdf;
pub mod text;
#[cfg(feature = "word97")]
pub mod word97;
pub mod xlsx;
pub mod zip;

/// Limits on what one file may make the checker do, so that a hostile or
/// broken file is refused quickly with a clear message instead of exhausting
/// time or memory. Each is checked as early as the information is known:
///
/// | limit | default | checked | refusal |
/// |---|---|---|---|
/// | `max_input_bytes` | 50 MB | before anything else | `TooLarge` |
/// | `max_zip_entries` | 10,000 | .docx/.xlsx/OFD central directory, before inflating | `ZipBomb` |
/// | `max_zip_inflated_bytes` | 256 MB | sizes declared in the directory before inflating, and again while inflating | `ZipBomb` |
/// | `max_pdf_objects` | 500,000 | PDF cross-reference size, before reading objects | `TooLarge` |
/// | `max_pdf_pages` | 1,000 | PDF page tree, OFD page list (later pages are not read) | — |
/// | `max_inflated_stream_bytes` | 32 MB | each PDF stream while inflating | `TooLarge` |
/// | `max_inflated_total_bytes` | 256 MB | all PDF streams together | `TooLarge` |
/// | `max_table_cells` | 200,000 | a sheet's used range (rows × columns), before the .xlsx reader builds its table; the cells of a .doc as they are read; cells of each table any reader built (placeholders of merged cells included), before extraction | `TooLarge` |
/// | `max_text_bytes` | 16 MB | a text file's size, before decoding; a .doc's main text length (its FIB), before decoding; the text any reader built, before extraction | `TooLarge` |
///
/// A real annual report is a few hundred KB at most, with tables of about
/// 200 cells and some 30 KB of text, so the defaults leave a wide margin.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Most entries the central directory of a .docx/.xlsx may list.
    pub max_zip_entries: usize,
    /// Most bytes all entries of a .docx/.xlsx together may inflate to.
    pub max_zip_inflated_bytes: u64,
    /// Most cells of one table (the placeholders of merged cells included).
    pub max_table_cells: usize,
    /// Longest document text (UTF-8 bytes) handed to extraction.
    pub max_text_bytes: usize,
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
            max_zip_entries: 10_000,
            max_zip_inflated_bytes: 256 * 1024 * 1024,
            max_table_cells: 200_000,
            max_text_bytes: 16 * 1024 * 1024,
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
    /// Checking took longer than the time allowed for one file (in the
    /// browser, where the page stops a check that would freeze it).
    TimedOut,
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

/// The error for a file on which the checker itself failed (a panic caught
/// by the caller): the other files are unaffected.
pub fn internal_error() -> ReadError {
    ReadError::new(
        ReadErrorKind::Internal,
        "检查此文件时程序内部出错，请将文件反馈给开发者。其他文件不受影响。",
        "The checker failed on this file (an internal error); please report it. Other files are not affected.",
    )
}

/// Decide the kind of a file from its content, falling back on its name
/// only where the content does not tell: a `.doc` that is really a .docx or
/// a web page, a `.pdf` that is a web page, a `.txt` in GBK (the text reader
/// finds the encoding), an OFD by its `OFD.xml`, a Word binary document by
/// its compound file's `WordDocument` stream, a picture by its signature.
pub fn sniff(name: &str, bytes: &[u8]) -> Result<InputKind, ReadError> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let head = &bytes[..bytes.len().min(1024)];
    // A PDF's header may follow some junk within its first kilobyte.
    if bytes.starts_with(b"%PDF") || head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(InputKind::Pdf);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // OLE compound file: .doc/.wps/.xls/.et, or an encrypted OOXML file.
        return compound_kind(ext, bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if let Some(kind) = zip_kind(bytes) {
            return kind;
        }
        return match ext {
            "xlsx" | "xlsm" => Ok(InputKind::Xlsx),
            "ofd" => ofd_kind(),
            _ => Ok(InputKind::Docx),
        };
    }
    if is_picture(bytes) {
        // A scan or a photo has no text to read.
        return Err(ReadError::new(
            ReadErrorKind::Scanned,
            "这是图片（扫描件或照片），没有可读取的文字。请上传 Word/WPS 导出的 PDF 或原始 .docx，或先用 OCR 识别文字后再检查。",
            "This is a picture (a scan or a photo) with no text to read. Upload a PDF exported from Word/WPS or the original .docx, or run OCR on it first.",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ReadError::new(
            ReadErrorKind::Unsupported,
            "这是 RTF 文件，暂不支持。请另存为 .docx 或 PDF 后再检查。",
            "This is an RTF file, which is not supported. Save it as .docx or PDF and check that instead.",
        ));
    }
    // A web page under any name (Word's "save as web page" keeps .doc).
    if html::looks_like_html(bytes) {
        return Ok(InputKind::Html);
    }
    match ext {
        "pdf" => return Ok(InputKind::Pdf),
        "docx" => return Ok(InputKind::Docx),
        "xlsx" => return Ok(InputKind::Xlsx),
        "ofd" => return ofd_kind(),
        // Plain text under a Word name reads as text; anything else is no
        // readable Word file.
        "doc" | "wps" | "xls" | "et" if head.contains(&0) => return Err(not_compound(ext)),
        "html" | "htm" | "xhtml" | "mhtml" | "mht" => return Ok(InputKind::Html),
        _ => {}
    }
    Ok(InputKind::Text)
}

/// A binary file under a Word or Excel name that is no compound file (Word
/// 2 for DOS and Windows, another program's file).
fn not_compound(ext: &str) -> ReadError {
    if cfg!(feature = "word97") && matches!(ext, "doc" | "wps") {
        return ReadError::new(
            ReadErrorKind::LegacyOffice,
            "这个文件不是 Word 97–2003 或 WPS 格式（可能是更早的 Word 版本或其他程序的文件），无法读取。请在 Word 或 WPS 中打开后另存为 .docx 或 PDF 再检查。",
            "This file is not in the Word 97–2003 or WPS format (it may come from an older Word or another program), so it cannot be read. Open it in Word or WPS, save it as .docx or PDF and check that instead.",
        );
    }
    legacy_or_encrypted(ext)
}

/// A zip archive's kind from its entries: `None` when they do not tell.
fn zip_kind(bytes: &[u8]) -> Option<Result<InputKind, ReadError>> {
    let zip = zip::Archive::open(bytes, zip::ZipLimits::default()).ok()?;
    if zip.contains("word/document.xml") {
        Some(Ok(InputKind::Docx))
    } else if zip.contains("xl/workbook.xml") {
        Some(Ok(InputKind::Xlsx))
    } else if zip.contains("OFD.xml") {
        Some(ofd_kind())
    } else {
        None
    }
}

fn ofd_kind() -> Result<InputKind, ReadError> {
    #[cfg(feature = "ofd")]
    return Ok(InputKind::Ofd);
    #[cfg(not(feature = "ofd"))]
    Err(ofd_unsupported())
}

/// The message for an OFD file when its reader is not built in.
pub(crate) fn ofd_unsupported() -> ReadError {
    ReadError::new(
        ReadErrorKind::Unsupported,
        "这是 OFD 版式文件，暂不支持。请用 OFD 阅读器将其另存为 PDF，或提供 Word 版本后再检查。",
        "This is an OFD file, which is not supported. Save it as PDF with an OFD reader, or provide the Word version, and check that instead.",
    )
}

/// A compound file's kind from its streams (with the Word reader built in).
fn compound_kind(ext: &str, bytes: &[u8]) -> Result<InputKind, ReadError> {
    #[cfg(feature = "word97")]
    {
        use word97::Compound;
        let _ = ext;
        match word97::compound_kind(bytes) {
            // A damaged compound file: the reader says what is wrong.
            Some(Compound::Word) | None => Ok(InputKind::Doc),
            Some(Compound::EncryptedOoxml) => Err(word97::encrypted()),
            Some(other) => Err(word97::not_a_document(other)),
        }
    }
    #[cfg(not(feature = "word97"))]
    {
        let _ = bytes;
        Err(legacy_or_encrypted(ext))
    }
}

/// Whether the bytes are a picture (JPEG, PNG, GIF, TIFF, WebP, HEIC, BMP),
/// from its signature.
fn is_picture(b: &[u8]) -> bool {
    let at = |i: usize, s: &[u8]| b.get(i..i + s.len()) == Some(s);
    at(0, &[0xFF, 0xD8, 0xFF])
        || at(0, b"\x89PNG\r\n\x1a\n")
        || at(0, b"GIF8")
        || at(0, b"II*\0")
        || at(0, b"MM\0*")
        || (at(0, b"RIFF") && at(8, b"WEBP"))
        || (at(4, b"ftyp") && (at(8, b"heic") || at(8, b"heix") || at(8, b"mif1")))
        || (at(0, b"BM") && b.get(2..6) == Some(&(b.len() as u32).to_le_bytes()[..]))
}

/// The message for a compound file when the Word reader is not built in, or
/// for a binary file under a Word or Excel name that is none.
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
                Num(bytes.len() as f64 / 1_048_576.0),
                limits.max_input_bytes / 1_048_576
            ),
            format!(
                "The file is too large ({:.1} MB; the limit is {} MB). Annual reports are usually under 5 MB; check that this is the right file.",
                Num(bytes.len() as f64 / 1_048_576.0),
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
    let kind = sniff(name, bytes)?;
    // Refuse an oversized text file before decoding it (its size is its
    // text's, give or take the encoding).
    if kind == InputKind::Text && bytes.len() > limits.max_text_bytes {
        return Err(too_much_text(bytes.len(), limits));
    }
    let doc = match kind {
        InputKind::Text => text::read(bytes),
        InputKind::Docx => docx::read(bytes, limits),
        InputKind::Html => html::read(bytes),
        InputKind::Pdf => pdf::read(bytes, limits),
        InputKind::Xlsx => xlsx::read(bytes, limits),
        #[cfg(feature = "word97")]
        InputKind::Doc => word97::read(bytes, limits),
        #[cfg(feature = "ofd")]
        InputKind::Ofd => ofd::read(bytes, limits),
        // Never sniffed without their reader.
        #[allow(unreachable_patterns)]
        InputKind::Doc | InputKind::Ofd => Err(legacy_or_encrypted("doc")),
    }?;
    check_document_limits(&doc, limits)?;
    Ok(doc)
}

fn too_much_text(len: usize, limits: &Limits) -> ReadError {
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

/// Refuse a document whose text or tables exceed the limits, before
/// extraction and the rules work on it.
pub fn check_document_limits(doc: &Document, limits: &Limits) -> Result<(), ReadError> {
    if doc.text.len() > limits.max_text_bytes {
        return Err(too_much_text(doc.text.len(), limits));
    }
    for t in doc.tables() {
        let cells: usize = t.rows.iter().map(Vec::len).sum();
        if cells > limits.max_table_cells {
            return Err(table_too_large(t.rows.len() as u64, cells as u64, limits));
        }
    }
    Ok(())
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
