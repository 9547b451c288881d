//! Character encodings: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and
//! GB18030/GBK, detected automatically.

/// Decode bytes to text, returning the text and the name of the encoding used.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    // Placeholder until the text reader lands: UTF-8 with replacement.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    (String::from_utf8_lossy(bytes).into_owned(), "utf-8")
}
