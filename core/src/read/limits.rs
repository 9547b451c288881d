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
/// | `max_text_bytes` | 16 MB | a text file's size, before decoding; a .doc's main text length (its FIB), before decoding; the text of a .docx while it is read; the text any reader built, before extraction | `TooLarge` |
/// | [`MAX_NESTING`] | 64 | tables inside tables of a .docx, as each opens | `TooLarge` |
/// | `time_limit` | none | before each page of a PDF and every 4,096 of its operators; every 4,096 tags of Word, pages, workbooks and OFD; after reading and after extraction | `TimedOut` |
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
    /// Time allowed for one file, on a clock the caller gives (none by
    /// default): a check still running when it is up stops at the next point
    /// where the readers look, and the file is refused as
    /// [`TimedOut`](super::ReadErrorKind::TimedOut).
    pub time_limit: Option<TimeLimit>,
}

/// Time allowed for one file, and the clock to tell it by. The core reads no
/// clock of its own (in WebAssembly the standard library has none): the
/// command line gives one of the operating system, the browser's checker
/// `Date.now()`.
#[derive(Clone, Copy, Debug)]
pub struct TimeLimit {
    /// Milliseconds from some fixed moment; only differences are used.
    pub clock: fn() -> f64,
    /// Milliseconds allowed for one file, from the start of its check.
    pub ms: f64,
}

/// A clock and the moment on it when the time of a file is up.
type Deadline = (fn() -> f64, f64);

thread_local! {
    /// The end of the time of the file being checked on this thread, with its clock.
    static DEADLINE: std::cell::Cell<Option<Deadline>> = const { std::cell::Cell::new(None) };
    /// Set once the time was found up, so that no clock is read again.
    static OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The time of one file on this thread, from [`Watch::start`] to its drop.
/// Readers, however deep, ask [`time_is_up`] without carrying it.
pub(crate) struct Watch {
    before: Option<Deadline>,
    over_before: bool,
}

impl Watch {
    /// Starts the clock of one file (no limit: nothing is watched).
    pub(crate) fn start(limit: Option<TimeLimit>) -> Watch {
        let deadline = limit.map(|l| (l.clock, (l.clock)() + l.ms));
        Watch {
            before: DEADLINE.with(|d| d.replace(deadline)),
            over_before: OVER.with(|o| o.replace(false)),
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(self.before));
        OVER.with(|o| o.set(self.over_before));
    }
}

/// Whether the time of the file being checked on this thread is up (always
/// false where no limit was given). Reads the caller's clock: loops call it
/// every so many steps, not at each.
pub fn time_is_up() -> bool {
    if OVER.with(|o| o.get()) {
        return true;
    }
    let Some((clock, end)) = DEADLINE.with(|d| d.get()) else {
        return false;
    };
    let over = clock() >= end;
    if over {
        OVER.with(|o| o.set(true));
    }
    over
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
            time_limit: None,
        }
    }
}

/// Most tables open inside one another. Readers whose structures nest
/// (tables in table cells) refuse a deeper file, or (HTML, whose browsers
/// show such pages anyway) read the deeper tables' text as plain text, so
/// that no reader, and no step after it, recurses deeper than this.
pub const MAX_NESTING: usize = 64;
