//! Readers: bytes of any supported kind in, one [`Document`] out.
//!
//! Every reader has one signature, [`ReadFn`]: the bytes and the [`Limits`]
//! in, a [`Document`] or a [`ReadError`] out. [`read`] refuses what is too
//! large or empty, tells the kind of the file ([`sniff`]) and hands the bytes
//! to the reader of that kind ([`reader`]); a new kind of file is a new
//! [`InputKind`], a line in [`sniff`] and one in [`reader`]. Each reader
//! lives in its own module and produces the same model, so that extraction
//! and the rules never care where the bytes came from; no reader looks at
//! extraction.
//!
//! | module | reads |
//! |---|---|
//! | [`text`] | plain text (with `decode.rs` and [`gb18030`] for its encodings) |
//! | [`html`] | web pages; `mhtml.rs` pages saved as a single file |
//! | [`docx`] | Word documents |
//! | [`xlsx`] | spreadsheets |
//! | [`pdf`] | PDF files with a text layer |
//! | `word97` | Word 97–2003 and WPS Writer documents (.doc, .wps; feature `word97`) |
//! | `ofd` | OFD files (GB/T 33190), through the PDF reader's layout step (feature `ofd`) |
//! | [`archive`] | not a reader: a .zip of reports taken apart into files for a batch |
//!
//! Shared by the readers of markup: `markup.rs` (the tokenizer and character
//! references) and `grid.rs` (tables laid out on their grid, and the builder
//! of the document's text); by the Office readers: [`zip`] and [`ooxml`] (the
//! package step that tells a Word document from a workbook).

use crate::decimal::Num;
use crate::document::{Document, InputKind};

pub mod archive;
pub(crate) mod decode;
pub mod docx;
mod error;
pub mod gb18030;
pub(crate) mod grid;
pub mod html;
mod limits;
pub(crate) mod markup;
pub(crate) mod mhtml;
#[cfg(feature = "ofd")]
pub mod ofd;
pub mod ooxml;
pub mod pdf;
pub mod text;
#[cfg(feature = "word97")]
pub mod word97;
pub mod xlsx;
pub mod zip;

pub use error::{cannot_open, internal_error, timed_out, ReadError, ReadErrorKind};
pub(crate) use error::{ofd_unsupported, table_too_large, too_much_text};
pub(crate) use limits::Watch;
pub use limits::{time_is_up, Limits, TimeLimit, MAX_NESTING};

/// A reader: the bytes of one kind of file and the limits in, a [`Document`]
/// or a [`ReadError`] out.
pub type ReadFn = fn(&[u8], &Limits) -> Result<Document, ReadError>;

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
    match ooxml::zip_kind(bytes)? {
        InputKind::Ofd => Some(ofd_kind()),
        kind => Some(Ok(kind)),
    }
}

fn ofd_kind() -> Result<InputKind, ReadError> {
    #[cfg(feature = "ofd")]
    return Ok(InputKind::Ofd);
    #[cfg(not(feature = "ofd"))]
    Err(ofd_unsupported())
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

/// The refusal of a file of `len` bytes, over `limits.max_input_bytes`: what
/// [`read`] gives before anything else, and what a caller that holds the
/// bytes elsewhere (the JS module, before it copies them) gives without them.
pub fn too_large(len: usize, limits: &Limits) -> ReadError {
    let mb = Num(len as f64 / 1_048_576.0);
    let limit = limits.max_input_bytes / 1_048_576;
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!("文件过大（{mb:.1} MB），超过 {limit} MB 的上限。年度报告通常不足 5 MB，请确认选择的文件是否正确。"),
        format!("The file is too large ({mb:.1} MB; the limit is {limit} MB). Annual reports are usually under 5 MB; check that this is the right file."),
    )
}

/// Read a file of any supported kind into a [`Document`].
pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(too_large(bytes.len(), limits));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "文件是空的，没有可检查的内容。",
            "The file is empty; there is nothing to check.",
        ));
    }
    let kind = sniff(name, bytes)?;
    let mut doc = reader(kind)(bytes, limits)?;
    check_document_limits(&doc, limits)?;
    // The text reader normalises before it tells lines apart, and a text
    // has no table cells of its own: nothing is left to do for it.
    if kind != InputKind::Text {
        normalise(&mut doc);
    }
    Ok(doc)
}

/// Compatibility code points (Kangxi radicals, compatibility ideographs) to
/// their unified ideographs, in the text and in every cell, once for every
/// reader ([`crate::vocab::normal`]): lengths are kept, so every span still
/// points at its character.
fn normalise(doc: &mut Document) {
    use crate::document::Block;
    use crate::vocab::normal;
    if !normal::normalise(&mut doc.text) {
        return;
    }
    for block in &mut doc.blocks {
        if let Block::Table(t) = block {
            for cell in t.rows.iter_mut().flatten() {
                if let std::borrow::Cow::Owned(s) = normal::normalised(&cell.text) {
                    cell.text = s.into();
                }
            }
        }
    }
}

/// The reader of each kind of file: the one dispatch from a sniffed kind.
pub fn reader(kind: InputKind) -> ReadFn {
    match kind {
        InputKind::Text => text::read,
        InputKind::Html => html::read,
        InputKind::Pdf => pdf::read,
        // The package step: what the archive holds decides between the two.
        InputKind::Docx => |bytes, limits| office(bytes, limits, InputKind::Docx),
        InputKind::Xlsx => |bytes, limits| office(bytes, limits, InputKind::Xlsx),
        #[cfg(feature = "word97")]
        InputKind::Doc => word97::read,
        #[cfg(feature = "ofd")]
        InputKind::Ofd => ofd::read,
        // Never sniffed without their reader.
        #[allow(unreachable_patterns)]
        InputKind::Doc => |_, _| Err(legacy_or_encrypted("doc")),
        #[allow(unreachable_patterns)]
        InputKind::Ofd => |_, _| Err(ofd_unsupported()),
    }
}

/// An Office package: opened once, and read by the reader its main part
/// calls for (`named` decides only between a package's two main parts).
fn office(bytes: &[u8], limits: &Limits, named: InputKind) -> Result<Document, ReadError> {
    let package = ooxml::Package::open(bytes, limits, named)?;
    match package.kind() {
        InputKind::Xlsx => xlsx::read_package(package, limits),
        _ => docx::read_package(package, limits),
    }
}

/// Refuse a document whose text or tables exceed the limits, before
/// extraction and the rules work on it.
pub(crate) fn check_document_limits(doc: &Document, limits: &Limits) -> Result<(), ReadError> {
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
