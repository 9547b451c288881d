//! Byte ranges into a document's text, and the conversions a user interface needs
//! (1-based line and column in characters, UTF-16 offsets for JavaScript).

use serde::Serialize;

/// A half-open byte range `start..end` into [`crate::Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

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
    pub start: usize,
    pub end: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Offsets in UTF-16 code units, for JavaScript strings.
    pub utf16_start: usize,
    pub utf16_end: usize,
}

/// Maps byte offsets of one text to lines, columns and UTF-16 offsets.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// The UTF-16 offset of each line's start.
    line_utf16: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut line_utf16 = vec![0];
        let mut at = 0;
        let mut units = 0;
        for line in text.split_inclusive('\n') {
            at += line.len();
            units += utf16_len(line);
            if line.ends_with('\n') {
                line_starts.push(at);
                line_utf16.push(units);
            }
        }
        LineIndex {
            line_starts,
            line_utf16,
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
        let start = self.line_starts[line];
        let column = text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// UTF-16 offset of a byte offset.
    pub fn utf16(&self, text: &str, offset: usize) -> usize {
        let offset = Self::floor(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        self.line_utf16[line] + utf16_len(&text[start..offset])
    }

    pub fn resolve(&self, text: &str, span: Span) -> ResolvedSpan {
        let (line, column) = self.line_col(text, span.start);
        ResolvedSpan {
            start: span.start,
            end: span.end,
            line,
            column,
            utf16_start: self.utf16(text, span.start),
            utf16_end: self.utf16(text, span.end),
        }
    }
}

/// Length in UTF-16 code units: one per character, two for those outside
/// the basic plane (four bytes in UTF-8).
fn utf16_len(s: &str) -> usize {
    s.chars().count() + s.bytes().filter(|b| *b >= 0xF0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
