//! What one file may make the checker do.

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
