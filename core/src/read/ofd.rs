//! OFD (GB/T 33190).
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::Document;

pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    Err(ReadError::new(ReadErrorKind::Unsupported, "OFD", "OFD"))
}
