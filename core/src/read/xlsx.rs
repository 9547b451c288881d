//! Spreadsheets (.xlsx) holding the tables.

use super::{Limits, ReadError, ReadErrorKind};
use crate::document::Document;

pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    Err(ReadError::new(
        ReadErrorKind::Unsupported,
        "暂不支持 .xlsx 文件。",
        ".xlsx files are not supported yet.",
    ))
}
