//! Word documents (.docx, from Word or WPS).

use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Document, InputKind};

/// For a zip archive of unknown name, tell .docx from .xlsx by its entries.
pub fn zip_kind(_bytes: &[u8]) -> Option<InputKind> {
    None
}

pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    Err(ReadError::new(
        ReadErrorKind::Unsupported,
        "暂不支持 .docx 文件。",
        ".docx files are not supported yet.",
    ))
}
