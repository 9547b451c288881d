//! Byte ranges into a document's text, and the conversions a user interface needs
//! (1-based line and column in characters, UTF-16 offsets for JavaScript).

use serde::Serialize;

/// A half-open byte range `start..end` into [`crate::Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether `other` lies inside it.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text of this span, or "" when it does not fall on character boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A span with everything a reader of the result needs to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ResolvedSpan {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Offsets in UTF-16 code units, for JavaScript strings.
    pub utf16_start: usize,
    /// The UTF-16 offset of its end.
    pub utf16_end: usize,
    /// The page of the original file it lies on (1-based), for a paged file
    /// (PDF, OFD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The paragraph of the original document it lies in (1-based, counting
    /// the paragraphs with text outside tables), for a word-processing file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// The table of the original document it lies in, for a word-processing
    /// file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<TablePlace>,
}

/// Where a span lies in a table of the original document: which table, and
/// the row and column of its cell, each 1-based (`{"number": 2, "row": 5,
/// "column": 4}`). A span over several cells (a whole table) has no row and
/// column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TablePlace {
    /// The table, counting the document's tables in reading order.
    pub number: u32,
    /// The row, counting the table's rows from the top.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The column, counting the columns of the table's grid from the left
    /// (a merged cell is at its first column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// Maps byte offsets of one text to lines, columns and UTF-16 offsets.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// The UTF-16 offset of each line's start.
    line_utf16: Vec<usize>,
    /// Inside lines longer than [`MARK_STRIDE`] bytes, a mark about every
    /// `MARK_STRIDE` bytes: its byte offset (a character boundary), the
    /// characters from its line's start to it and its UTF-16 offset. A text
    /// copied from a web page can be one line of 50 KB, and without them
    /// every offset resolved in it counted from the line's start (three
    /// times a span); with them, from the mark before it.
    marks: Vec<Mark>,
}

/// A place inside a long line: byte offset, characters since the line's
/// start, UTF-16 offset in the text.
#[derive(Clone, Copy, Debug)]
struct Mark {
    at: usize,
    chars: usize,
    utf16: usize,
}

/// How far apart the marks of a long line are, in bytes.
const MARK_STRIDE: usize = 512;

/// The byte offset of every line's start: 0, and the offset after each
/// `\n`.
///
/// Several passes of a check need the lines of a text. A line of a report
/// is short, and a general search for `\n` costs more to set up than it
/// saves on one: this reads the text eight bytes at a time and looks closer
/// only at a group of eight that holds a `\n`.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 24 + 2);
    out.push(0);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A byte of `x` is zero where the text has a `\n`; the test below
        // is never false for a group holding a zero byte.
        let x = u64::from_ne_bytes(word) ^ NEWLINES;
        if x.wrapping_sub(ONES) & !x & HIGH != 0 {
            for (k, b) in chunk.iter().enumerate() {
                if *b == b'\n' {
                    out.push(at + k + 1);
                }
            }
        }
        at += 8;
    }
    for (k, b) in chunks.remainder().iter().enumerate() {
        if *b == b'\n' {
            out.push(at + k + 1);
        }
    }
    out
}

impl LineIndex {
    /// The index of a text.
    pub fn new(text: &str) -> Self {
        Self::with_starts(text, line_starts(text))
    }

    /// [`LineIndex::new`] with the text's line starts (the byte offset of
    /// each line's first character) already found.
    pub fn with_starts(text: &str, line_starts: Vec<usize>) -> Self {
        debug_assert_eq!(line_starts.first(), Some(&0));
        let mut line_utf16 = Vec::with_capacity(line_starts.len());
        let mut marks = Vec::new();
        let mut units = 0;
        let mut prev = 0;
        // Each line's start, then the text's end (the last line is marked
        // too, and is no line's start).
        for (k, &start) in line_starts.iter().chain([&text.len()]).enumerate() {
            // The line before `start`, in steps of a stride where it is
            // long, each step's end a mark (but the line's own end).
            let mut chars = 0;
            while start - prev > MARK_STRIDE {
                let mut at = prev + MARK_STRIDE;
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                if at >= start {
                    break;
                }
                let step = &text[prev..at];
                chars += step.chars().count();
                units += utf16_len(step);
                marks.push(Mark {
                    at,
                    chars,
                    utf16: units,
                });
                prev = at;
            }
            if k == line_starts.len() {
                break;
            }
            units += utf16_len(&text[prev..start]);
            line_utf16.push(units);
            prev = start;
        }
        LineIndex {
            line_starts,
            line_utf16,
            marks,
        }
    }

    /// Where to count an offset (already a boundary) from: the start of its
    /// line (`line`) or the last mark of that line before it, as (byte
    /// offset, characters since the line's start, UTF-16 offset).
    fn base(&self, line: usize, offset: usize) -> (usize, usize, usize) {
        let start = self.line_starts[line];
        let i = self.marks.partition_point(|m| m.at <= offset);
        match i.checked_sub(1).map(|i| self.marks[i]) {
            Some(m) if m.at > start => (m.at, m.chars, m.utf16),
            _ => (start, 0, self.line_utf16[line]),
        }
    }

    /// Clamp an offset into `text` and move it back to a character boundary.
    fn floor(text: &str, mut offset: usize) -> usize {
        offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The 0-based line holding a byte offset (already a boundary).
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = Self::floor(text, offset);
        let line = self.line_of(offset);
        let (from, chars, _) = self.base(line, offset);
        let column = chars + text[from..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// UTF-16 offset of a byte offset.
    pub fn utf16(&self, text: &str, offset: usize) -> usize {
        let offset = Self::floor(text, offset);
        let line = self.line_of(offset);
        let (from, _, units) = self.base(line, offset);
        units + utf16_len(&text[from..offset])
    }

    /// A span of the text, resolved.
    pub fn resolve(&self, text: &str, span: Span) -> ResolvedSpan {
        let start = Self::floor(text, span.start);
        let line = self.line_of(start);
        let (from, chars, units) = self.base(line, start);
        let before = &text[from..start];
        ResolvedSpan {
            start: span.start,
            end: span.end,
            line: line + 1,
            column: chars + before.chars().count() + 1,
            utf16_start: units + utf16_len(before),
            utf16_end: self.utf16(text, span.end),
            page: None,
            paragraph: None,
            table: None,
        }
    }
}

/// Length in UTF-16 code units: one per character, two for those outside
/// the basic plane (four bytes in UTF-8).
fn utf16_len(s: &str) -> usize {
    // Every byte that starts a character counts one (all but the
    // continuation bytes, 10xxxxxx); one that starts a four-byte character
    // (11110xxx) counts one more. Eight bytes at a time: the top bit of each
    // byte of `w << k` is bit 7 - k of that byte.
    const TOP: u64 = u64::from_ne_bytes([0x80; 8]);
    let count = |b: u8| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
    let mut chunks = s.as_bytes().chunks_exact(8);
    let mut units = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(word);
        let continuation = w & !(w << 1) & TOP;
        let four_byte_lead = w & (w << 1) & (w << 2) & (w << 3) & TOP;
        units += 8 - continuation.count_ones() as usize + four_byte_lead.count_ones() as usize;
    }
    units + chunks.remainder().iter().map(|&b| count(b)).sum::<usize>()
}

/// `str::trim` and its halves, with a shortcut for the usual case of a
/// piece of a report: one that neither starts nor ends with white space.
///
/// A check trims a cell or a line a few thousand times, and the standard
/// library decodes the first and last character of each to ask whether it
/// is white space. Here the first and the last character are tested on
/// their bytes ([`space_at`]); only an end that is white space goes to the
/// standard library's trim, so the result is always the same.
pub(crate) trait Trim {
    fn trim_ws(&self) -> &str;
    fn trim_start_ws(&self) -> &str;
    fn trim_end_ws(&self) -> &str;
}

/// Whether the character that starts at byte `i` of a text is white space
/// (`char::is_whitespace`): the ASCII controls tab to carriage return and
/// space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000, told apart on their UTF-8 bytes. Most characters of a
/// report (Chinese, and the punctuation of U+3000–U+303F such as 。) are
/// ruled out by the first byte or the second.
#[inline]
fn space_at(b: &[u8], i: usize) -> bool {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'\t'..=b'\r' | b' ' => true,
        0xC2 => matches!(next(1), 0x85 | 0xA0),
        0xE1 => next(1) == 0x9A && next(2) == 0x80,
        0xE2 => match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => next(2) == 0x9F,
            _ => false,
        },
        0xE3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    }
}

/// Where the last character of a non-empty text starts.
#[inline]
fn last_char_start(b: &[u8]) -> usize {
    let mut i = b.len() - 1;
    while i > 0 && b[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

impl Trim for str {
    #[inline]
    fn trim_ws(&self) -> &str {
        let b = self.as_bytes();
        if b.is_empty() || (!space_at(b, 0) && !space_at(b, last_char_start(b))) {
            self
        } else {
            self.trim()
        }
    }

    #[inline]
    fn trim_start_ws(&self) -> &str {
        let b = self.as_bytes();
        if b.is_empty() || !space_at(b, 0) {
            self
        } else {
            self.trim_start()
        }
    }

    #[inline]
    fn trim_end_ws(&self) -> &str {
        let b = self.as_bytes();
        if b.is_empty() || !space_at(b, last_char_start(b)) {
            self
        } else {
            self.trim_end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_is_told_on_the_bytes_as_the_library_tells_it() {
        // Every character there is, alone and before another.
        let mut buf = [0u8; 8];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let n = c.encode_utf8(&mut buf).len();
            assert_eq!(
                space_at(&buf[..n], 0),
                c.is_whitespace(),
                "{:04X}",
                c as u32
            );
            buf[n] = b'x';
            assert_eq!(
                space_at(&buf[..n + 1], 0),
                c.is_whitespace(),
                "{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn utf16_lengths_agree_with_the_characters() {
        let mut texts: Vec<String> = ["", "a", "一", "𝄞", "ab一二𝄞c\n\u{80}\u{7ff}\u{800}\u{ffff}"]
            .map(String::from)
            .to_vec();
        let mixed = "报告ab𝄞\t1\u{7f}\u{80}\u{10ffff}".repeat(7);
        for i in 0..mixed.len() {
            if mixed.is_char_boundary(i) {
                texts.push(mixed[i..].to_string());
            }
        }
        for t in &texts {
            let counted: usize = t.chars().map(char::len_utf16).sum();
            assert_eq!(utf16_len(t), counted, "{t:?}");
        }
    }

    #[test]
    fn line_starts_agree_with_splitting() {
        let texts = [
            "",
            "\n",
            "a",
            "一、总体情况\n\n\t12\n",
            "\n\n\n\n\n\n\n\n\n",
            "abcdefg\nabcdefgh\nabcdefghi\n\u{8a}\u{10a}\n",
            "没有换行的一行中文文字，长于八个字节",
        ];
        for text in texts {
            let mut expected = vec![0];
            expected.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            assert_eq!(line_starts(text), expected, "{text:?}");
        }
        // Every place of a newline in a longer text, and bytes around it of
        // every value a character can give.
        let base: String = "报告ab\t1\u{7f}\u{80}".repeat(5);
        for i in 0..=base.len() {
            if base.is_char_boundary(i) {
                let text = format!("{}\n{}", &base[..i], &base[i..]);
                let mut expected = vec![0];
                expected.extend(text.match_indices('\n').map(|(i, _)| i + 1));
                assert_eq!(line_starts(&text), expected, "{i}");
            }
        }
    }

    #[test]
    fn resolves_lines_columns_and_utf16() {
        let text = "一、总体情况\nab𝄞c\n";
        let idx = LineIndex::new(text);
        // "c" sits after a 4-byte, 2-UTF-16-unit character.
        let c = text.find('c').unwrap();
        let r = idx.resolve(text, Span::new(c, c + 1));
        assert_eq!((r.line, r.column), (2, 4));
        assert_eq!(r.utf16_start, 7 + 2 + 2);
        assert_eq!(r.utf16_end, r.utf16_start + 1);
        // Offsets inside a character are moved back to its start.
        assert_eq!(idx.line_col(text, 1), (1, 1));
        assert_eq!(idx.line_col(text, 10_000).0, 3);
        // Every offset agrees with counting from the start.
        for offset in 0..=text.len() + 2 {
            let o = offset.min(text.len());
            let mut b = o;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let counted: usize = text[..b].chars().map(char::len_utf16).sum();
            assert_eq!(idx.utf16(text, offset), counted, "offset {offset}");
        }
    }

    /// Long lines (a page's text copied as one line) are counted from the
    /// marks inside them: every offset, in lines shorter and longer than a
    /// stride, of one-, two-, three- and four-byte characters, resolves as
    /// counting from the start of the text does.
    #[test]
    fn long_lines_resolve_as_counted_from_the_start() {
        let unit = "本年新收申请640件；ab𝄞é，";
        let mut text = String::new();
        for n in [1, 40, 300, 2, 0, 900] {
            text.push_str(&unit.repeat(n));
            text.push('\n');
        }
        text.push_str(&unit.repeat(77));
        let idx = LineIndex::new(&text);
        assert!(idx.marks.len() > 50, "{}", idx.marks.len());
        // The last line (no line's start after it) is marked too.
        let last_line = text.rfind('\n').unwrap() + 1;
        assert!(idx.marks.last().unwrap().at > last_line + MARK_STRIDE);
        for offset in 0..=text.len() {
            let mut b = offset;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let before = &text[..b];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..b].chars().count() + 1;
            let units: usize = before.chars().map(char::len_utf16).sum();
            assert_eq!(
                idx.line_col(&text, offset),
                (line, column),
                "offset {offset}"
            );
            assert_eq!(idx.utf16(&text, offset), units, "offset {offset}");
            let end = (offset + 37).min(text.len());
            let r = idx.resolve(&text, Span::new(offset, end));
            assert_eq!(
                (r.line, r.column, r.utf16_start),
                (line, column, units),
                "offset {offset}"
            );
            assert_eq!(r.utf16_end, idx.utf16(&text, end));
        }
    }

    #[test]
    fn trims_as_the_standard_library_does() {
        // Every white-space character, and characters that share its first
        // byte or its last, at either end or both.
        let spaces: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let neighbours = [
            '\u{84}', '\u{a1}', '\u{1681}', '\u{2010}', '\u{3001}', '一', 'a', '𝄞',
        ];
        let mut ends: Vec<String> = spaces
            .iter()
            .chain(&neighbours)
            .map(|c| c.to_string())
            .collect();
        ends.push(String::new());
        for a in &ends {
            for z in &ends {
                for middle in ["", "报告", "x", " "] {
                    let t = format!("{a}{middle}{z}");
                    assert_eq!(t.trim_ws(), t.trim(), "{t:?}");
                    assert_eq!(t.trim_start_ws(), t.trim_start(), "{t:?}");
                    assert_eq!(t.trim_end_ws(), t.trim_end(), "{t:?}");
                }
            }
        }
    }
}
