//! The Office package step (.docx, .xlsx): the zip archive is opened once, and
//! what it holds says which reader reads it — a workbook renamed `.docx` is
//! read as a workbook, a Word document renamed `.xlsx` as a document. The
//! name decides only where the archive holds both main parts or neither.
//!
//! Also the pieces of the Open Packaging Conventions both readers need: the
//! main part named by the package relationships, relationship targets
//! resolved against their part's folder, and the error for an archive that is
//! no Office document at all.

use super::error::ofd_unsupported;
use super::markup::{attr, local, Tok, Tokenizer};
use super::zip::{Archive, ZipLimits};
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::InputKind;

/// The main part of a Word document, as Word and WPS write it.
const WORD_MAIN: &str = "word/document.xml";
/// The main part of a workbook, as Excel and WPS write it.
const BOOK_MAIN: &str = "xl/workbook.xml";
/// The entry point of an OFD package (GB/T 33190), also a zip archive.
const OFD_MAIN: &str = "OFD.xml";
/// Present in every Office package.
const CONTENT_TYPES: &str = "[Content_Types].xml";

/// An opened Office package and which reader it is for.
pub(crate) struct Package<'a> {
    pub(crate) zip: Archive<'a>,
    kind: InputKind,
}

impl<'a> Package<'a> {
    /// Open the archive and decide by its main part: [`InputKind::Docx`] or
    /// [`InputKind::Xlsx`]. `named` (the kind the file's name or its sniffing
    /// gave) decides a package holding both main parts, or neither but its
    /// content types (its main part may sit elsewhere: the relationships
    /// say). An archive without either is no Office document.
    pub(crate) fn open(
        bytes: &'a [u8],
        limits: &Limits,
        named: InputKind,
    ) -> Result<Self, ReadError> {
        let zip = Archive::open(bytes, ZipLimits::from(limits))?;
        let word = zip.contains(WORD_MAIN);
        let book = zip.contains(BOOK_MAIN);
        let kind = match (word, book) {
            (true, false) => InputKind::Docx,
            (false, true) => InputKind::Xlsx,
            (false, false) if !zip.contains(CONTENT_TYPES) => return Err(not_office(&zip)),
            _ if named == InputKind::Xlsx => InputKind::Xlsx,
            _ => InputKind::Docx,
        };
        Ok(Package { zip, kind })
    }

    /// Open the archive for one reader, whatever it holds: a package without
    /// that reader's main part (nor content types) is refused by the reader.
    pub(crate) fn open_as(
        bytes: &'a [u8],
        limits: &Limits,
        kind: InputKind,
    ) -> Result<Self, ReadError> {
        let zip = Archive::open(bytes, ZipLimits::from(limits))?;
        let main = if kind == InputKind::Xlsx {
            BOOK_MAIN
        } else {
            WORD_MAIN
        };
        if !zip.contains(main) && !zip.contains(CONTENT_TYPES) {
            return Err(not_office(&zip));
        }
        Ok(Package { zip, kind })
    }

    /// Which reader reads this package: [`InputKind::Docx`] or [`InputKind::Xlsx`].
    pub(crate) fn kind(&self) -> InputKind {
        self.kind
    }

    /// The main part named by the package relationships (`word/document.xml`
    /// or `xl/workbook.xml` as a rule).
    pub(crate) fn main_part(&mut self) -> Result<String, ReadError> {
        let fallback = match self.kind {
            InputKind::Xlsx => BOOK_MAIN,
            _ => WORD_MAIN,
        };
        main_part(&mut self.zip, "/officeDocument", fallback)
    }
}

/// Tell a zip archive's kind by its entries, whatever its name: .docx,
/// .xlsx, or an OFD package (by its `OFD.xml`); `None` when they do not tell.
pub fn zip_kind(bytes: &[u8]) -> Option<InputKind> {
    let zip = Archive::open(bytes, ZipLimits::default()).ok()?;
    if zip.contains(WORD_MAIN) {
        Some(InputKind::Docx)
    } else if zip.contains(BOOK_MAIN) {
        Some(InputKind::Xlsx)
    } else if zip.contains(OFD_MAIN) {
        Some(InputKind::Ofd)
    } else {
        None
    }
}

/// The part the package relationships name for a relationship type ending
/// in `rel_suffix`, when the archive holds it; else `fallback`.
pub(crate) fn main_part(
    zip: &mut Archive<'_>,
    rel_suffix: &str,
    fallback: &str,
) -> Result<String, ReadError> {
    if let Some(rels) = zip.read_text("_rels/.rels")? {
        for tok in Tokenizer::new(&rels, false) {
            if let Tok::Start { name, attrs, .. } = tok {
                if local(name) == "Relationship"
                    && attr(attrs, "Type").is_some_and(|t| t.ends_with(rel_suffix))
                {
                    if let Some(target) = attr(attrs, "Target") {
                        let target = target.trim_start_matches('/').to_string();
                        if zip.contains(&target) {
                            return Ok(target);
                        }
                    }
                }
            }
        }
    }
    Ok(fallback.to_string())
}

/// The relationships part of a part: `word/_rels/document.xml.rels` for
/// `word/document.xml`.
pub(crate) fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((d, f)) => format!("{d}/_rels/{f}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The folder of a part, against which its relationship targets resolve.
pub(crate) fn folder_of(part: &str) -> &str {
    part.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Resolve a relationship target against the folder of the part.
pub(crate) fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The error for a zip archive that is no Office document at all.
pub(crate) fn not_office(zip: &Archive<'_>) -> ReadError {
    if zip.contains(OFD_MAIN) {
        return ofd_unsupported();
    }
    ReadError::new(
        ReadErrorKind::Unsupported,
        "这是一个压缩包，不是 Word 或 Excel 文件。请解压后选择其中的年度报告文件再检查。",
        "This is a zip archive, not a Word or Excel file. Unpack it and check the annual report inside.",
    )
}
