//! PDF files with a text layer.

use super::{Limits, ReadError, ReadErrorKind};
use crate::document::Document;

pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    Err(ReadError::new(
        ReadErrorKind::Unsupported,
        "暂不支持 PDF 文件。",
        "PDF files are not supported yet.",
    ))
}
