//! Plain text reports: one cell per line, tab-separated rows, pipe-separated
//! cells, and text copied out of a PDF viewer.

use super::ReadError;
use crate::document::Document;

pub fn read(_bytes: &[u8]) -> Result<Document, ReadError> {
    todo!("text reader")
}
