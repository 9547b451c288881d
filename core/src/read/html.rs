//! Web pages (.html, .htm, pages saved from a browser).

use super::{ReadError, ReadErrorKind};
use crate::document::Document;

/// True when the bytes look like an HTML page rather than plain text.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<table")
}

pub fn read(_bytes: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::new(
        ReadErrorKind::Unsupported,
        "暂不支持网页文件。",
        "HTML files are not supported yet.",
    ))
}
