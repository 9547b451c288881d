//! Plain text reports: one cell per line, tab-separated rows, pipe-separated
//! cells, and text copied out of a PDF viewer.
//!
//! [`Document::text`] is the decoded text with its line ends normalised to
//! `\n` (see `decode.rs`); every span points into it.
//!
//! Layouts, reported in [`InputInfo::layout`]:
//! - `cell-per-line`: each table cell on its own line, indented by a tab; a
//!   label may wrap onto following lines that lost their indent; rows are
//!   separated by blank lines (as far as the source keeps them).
//! - `tsv`: each row a line of tab-separated cells.
//! - `pipe`: each cell ends with ` |`; lines of only pipes (`|||`) end a row.
//! - `plain`: no table markup at all (text copied out of a PDF viewer): rows
//!   are rebuilt from lines that end in figures.

use super::decode::{decode, garbage_ratio};
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Table};
use crate::span::{Span, Trim};
use crate::vocab::headings::is_heading_line;
use crate::vocab::label;
use crate::vocab::terms::{is_template_label, looks_like_report};
use crate::vocab::value::{is_blank, parse_value, value_like};

/// The text reader. A file over `max_text_bytes` is refused before it is
/// decoded (its size is its text's, give or take the encoding).
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() > limits.max_text_bytes {
        return Err(super::too_much_text(bytes.len(), limits));
    }
    let (mut text, encoding) = decode(bytes);
    // Before the lines are told apart: headings and labels written with
    // compatibility code points are recognised as such.
    crate::vocab::normal::normalise(&mut text);
    if text.trim_ws().is_empty() {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "文件是空的，没有可检查的内容。",
            "The file is empty; there is nothing to check.",
        ));
    }
    if garbage_ratio(&text) > 0.05 {
        return Err(ReadError::new(
            ReadErrorKind::Unsupported,
            "无法把文件识别为文本：其中含有大量无法解码的字节（可能是图片、压缩包或已损坏的文件）。请上传年度报告的 .txt、.docx、.pdf、.html 或 .xlsx 文件。",
            "The file cannot be read as text: it holds many bytes that decode to nothing (an image, an archive or a damaged file?). Upload the annual report as .txt, .docx, .pdf, .html or .xlsx.",
        ));
    }
    if !looks_like_report(&text) {
        return Err(not_a_report());
    }
    Ok(document_from_text(text, InputKind::Text, encoding))
}

/// The error for text that has no trace of an annual report.
pub(crate) fn not_a_report() -> ReadError {
    ReadError::new(
        ReadErrorKind::NotAReport,
        "文件中找不到政府信息公开工作年度报告的任何内容（既没有“总体情况”“主动公开政府信息情况”等章节标题，也没有统计表的栏目）。请确认选择的文件是否正确。",
        "The file shows no trace of a government information-disclosure annual report (no section headings such as 总体情况 or 主动公开政府信息情况, no labels of the statistical tables). Check that this is the right file.",
    )
}

/// Build a document from decoded text (line ends already normalised). Other
/// readers that end up with plain text (e.g. text pulled out of a PDF) can use
/// this too.
pub(crate) fn document_from_text(text: String, kind: InputKind, encoding: &str) -> Document {
    let starts = crate::span::line_starts(&text);
    let (blocks, layout) = parse_lines(&text, &starts);
    Document {
        text,
        blocks,
        lines: starts.into(),
        skipped: Vec::new(),
        places: Default::default(),
        input: InputInfo {
            kind,
            encoding: encoding.to_string(),
            layout: layout.to_string(),
        },
    }
}

// ---------------------------------------------------------------------------
// Lines

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    /// One cell, indented by a tab.
    Cell,
    /// Tab-separated cells.
    Tsv,
    /// Pipe-separated cells (or a pipe separator line).
    Pipe,
    /// Running text.
    Text,
}

#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    start: usize,
    text: &'a str,
    kind: Kind,
}

fn lines<'t>(text: &'t str, starts: &[usize]) -> Vec<Line<'t>> {
    let ends = starts.iter().skip(1).map(|&s| s - 1).chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| {
            let piece = &text[start..end];
            Line {
                start,
                text: piece,
                kind: classify(piece),
            }
        })
        .collect()
}

fn classify(line: &str) -> Kind {
    let trimmed = line.trim_ws();
    if (trimmed.is_empty() && !line.contains('\t')) || is_page_number(trimmed) {
        return Kind::Blank;
    }
    if trimmed.ends_with('|')
        || (trimmed.starts_with('|') && trimmed.len() > 1)
        || is_rule_line(trimmed)
    {
        return Kind::Pipe;
    }
    if line.contains('\t') {
        let (mut fields, mut filled) = (0, 0);
        for f in line.split('\t').take(3) {
            fields += 1;
            filled += usize::from(!f.trim_ws().is_empty());
        }
        if fields >= 3 || (fields == 2 && filled == 2) {
            return Kind::Tsv;
        }
        if line.starts_with('\t') || line.trim_start_matches([' ', '\u{3000}']).starts_with('\t') {
            return Kind::Cell;
        }
    }
    Kind::Text
}

/// A page number left in text copied from a PDF: `-4-`, `— 4 —`, `第 4 页`,
/// `第4页 共12页`, `4 / 12`.
pub(crate) fn is_page_number(t: &str) -> bool {
    // Every form has a dash, a slash or 第 besides its digits: a bare
    // number (most lines of a table) is none.
    if t.bytes()
        .all(|b| b.is_ascii_digit() || b == b' ' || b == b'\t')
    {
        return false;
    }
    // Every form starts with a dash, a digit or 第: most lines are ruled
    // out by their first character.
    let first = t.trim_start_ws().chars().next().map(label::half_width);
    if !first
        .is_some_and(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '第') || c.is_ascii_digit())
    {
        return false;
    }
    // At most twelve characters once white space is gone: put together
    // on the stack.
    let mut buf = [0u8; 48];
    let mut len = 0;
    for (n, c) in t.chars().filter(|c| !c.is_whitespace()).enumerate() {
        if n == 12 {
            return false;
        }
        len += label::half_width(c).encode_utf8(&mut buf[len..]).len();
    }
    let Ok(t) = std::str::from_utf8(&buf[..len]) else {
        return false;
    };
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '·');
    // -4-
    if t.starts_with(dashes) && t.ends_with(dashes) && digits(t.trim_matches(dashes)) {
        return true;
    }
    // 4/12
    if let Some((a, b)) = t.split_once('/') {
        if digits(a) && digits(b) && t.len() <= 9 {
            return true;
        }
    }
    // 第4页, 第4页共12页
    if let Some(rest) = t.strip_prefix('第') {
        if let Some((n, tail)) = rest.split_once('页') {
            return digits(n)
                && (tail.is_empty()
                    || tail
                        .strip_prefix('共')
                        .and_then(|x| x.strip_suffix('页'))
                        .is_some_and(digits));
        }
    }
    false
}

/// `---|---|---` (a markdown table rule).
fn is_rule_line(t: &str) -> bool {
    // The character test first: it rules out most lines at their first.
    t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' ')) && t.contains('|')
}

// ---------------------------------------------------------------------------
// Cells

/// A cell from the byte range `start..end` of `text`: leading noise and
/// surrounding white space are left out of its text and span.
fn make_cell(text: &str, start: usize, end: usize) -> Cell {
    let raw = &text[start..end];
    let lead_ws = raw.len() - raw.trim_start_ws().len();
    let mut s = start + lead_ws;
    s += label::noise_len(&text[s..end]);
    let inner = &text[s..end];
    let inner_trim = inner.trim_start_ws();
    s += inner.len() - inner_trim.len();
    let e = s + inner_trim.trim_end_ws().len();
    Cell::new(&text[s..e], Span::new(s, e))
}

// ---------------------------------------------------------------------------
// Blocks

struct Builder<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    /// A line's cells while it is decided where they go.
    scratch: Vec<Cell>,
    /// Blank lines since the last table line.
    blanks: usize,
    /// Cells made so far.
    cells: usize,
}

impl<'a> Builder<'a> {
    fn in_table(&self) -> bool {
        !self.rows.is_empty() || !self.row.is_empty()
    }

    fn end_row(&mut self) {
        if !self.row.is_empty() {
            // The next row is likely as long: room for it at once, rather
            // than growing it cell by cell.
            let room = self.row.len().min(16);
            self.rows
                .push(std::mem::replace(&mut self.row, Vec::with_capacity(room)));
        }
    }

    fn end_table(&mut self) {
        self.end_row();
        let rows = std::mem::take(&mut self.rows);
        let count: usize = rows.iter().map(Vec::len).sum();
        if count == 0 {
            return;
        }
        if count < 3 {
            // Too small to be a table: keep its lines as running text.
            for c in rows.into_iter().flatten() {
                if !c.span.is_empty() {
                    self.blocks
                        .push(Block::Paragraph(Paragraph { span: c.span }));
                }
            }
            return;
        }
        let start = rows
            .iter()
            .flatten()
            .map(|c| c.span.start)
            .min()
            .unwrap_or(0);
        let end = rows
            .iter()
            .flatten()
            .map(|c| c.span.end)
            .max()
            .unwrap_or(start);
        self.blocks.push(Block::Table(Table {
            rows,
            span: Span::new(start, end),
        }));
    }

    fn paragraph(&mut self, line: &Line) {
        self.end_table();
        let lead = line.text.len() - line.text.trim_start_ws().len();
        let s = line.start + lead;
        let e = line.start + line.text.trim_end_ws().len();
        if e > s {
            self.blocks.push(Block::Paragraph(Paragraph {
                span: Span::new(s, e),
            }));
        }
    }

    fn last_cell_mut(&mut self) -> Option<&mut Cell> {
        if !self.row.is_empty() {
            self.row.last_mut()
        } else {
            self.rows.last_mut().and_then(|r| r.last_mut())
        }
    }

    /// A line without indent that continues the label of the cell above it.
    fn continues(&mut self, line: &Line) -> bool {
        if !self.in_table() || self.blanks > 1 {
            return false;
        }
        let t = line.text.trim_ws();
        if t.chars().count() > 16 || is_heading_line(t) || label::numbering(t).is_some() {
            return false;
        }
        let text = self.text;
        let Some(cell) = self.last_cell_mut() else {
            return false;
        };
        if cell.text.is_empty() || value_like(&cell.text) {
            return false;
        }
        // Only a label cut short continues: one that already ends a
        // sentence (。) does not.
        if cell.text.ends_with('。') {
            return false;
        }
        let lead = line.text.len() - line.text.trim_start_ws().len();
        let end = line.start + lead + t.len();
        cell.span = Span::new(cell.span.start, end);
        cell.text = text[cell.span.start..end].into();
        true
    }

    fn push_cells(&mut self, cells: impl IntoIterator<Item = Cell>) {
        // A report has a few hundred cells; a file of nothing but separators
        // must not make millions of them.
        let room = MAX_CELLS.saturating_sub(self.cells);
        let before = self.row.len();
        self.row.extend(cells.into_iter().take(room));
        self.cells += self.row.len() - before;
    }
}

/// The most cells a text document is read into, and the most per line.
const MAX_CELLS: usize = 100_000;
const MAX_CELLS_PER_LINE: usize = 1_000;

/// Lines read between two looks at the file's time.
const LINES_BETWEEN_LOOKS: usize = 4096;

/// Whether the time of the file is up, looked at once every
/// [`LINES_BETWEEN_LOOKS`] lines (`idx` is the line's index). When it is, the
/// reader stops taking lines; the pipeline, looking at the same time after
/// reading, refuses the file as timed out, so nothing is built on the lines
/// left unread.
fn time_is_up_at(idx: usize) -> bool {
    (idx + 1).is_multiple_of(LINES_BETWEEN_LOOKS) && super::time_is_up()
}

/// Split the text into paragraphs and tables; returns the blocks and the name
/// of the layout found.
#[cfg(test)]
pub(crate) fn parse(text: &str) -> (Vec<Block>, &'static str) {
    parse_lines(text, &crate::span::line_starts(text))
}

/// [`parse`] with the text's line starts already found.
fn parse_lines(text: &str, starts: &[usize]) -> (Vec<Block>, &'static str) {
    let lines = lines(text, starts);
    let count = |k: Kind| lines.iter().filter(|l| l.kind == k).count();
    let (cells, tsv, pipe) = (count(Kind::Cell), count(Kind::Tsv), count(Kind::Pipe));
    let layout = if pipe >= 10 && pipe >= tsv && pipe >= cells {
        "pipe"
    } else if tsv >= 5 && tsv >= cells {
        "tsv"
    } else if cells >= 10 {
        "cell-per-line"
    } else {
        "plain"
    };
    if layout == "plain" {
        return (parse_plain(text, &lines), layout);
    }
    let mut b = Builder {
        text,
        blocks: Vec::new(),
        rows: Vec::new(),
        row: Vec::new(),
        scratch: Vec::new(),
        blanks: 0,
        cells: 0,
    };
    for (idx, line) in lines.iter().enumerate() {
        if time_is_up_at(idx) {
            break;
        }
        match line.kind {
            Kind::Blank => {
                if b.in_table() {
                    b.blanks += 1;
                    if layout == "cell-per-line" {
                        b.end_row();
                    }
                }
            }
            Kind::Cell => {
                let t = line.text.trim_ws();
                // Headings and running text indented by a tab are not cells.
                if is_heading_line(t) || t.contains('。') || t.chars().count() > 80 {
                    b.paragraph(line);
                    continue;
                }
                b.blanks = 0;
                let cell = make_cell(text, line.start, line.start + line.text.len());
                b.push_cells(std::iter::once(cell));
            }
            Kind::Tsv if is_heading_line(line.text.trim_ws()) => b.paragraph(line),
            Kind::Tsv => {
                b.blanks = 0;
                b.end_row();
                let mut at = line.start;
                b.push_cells(line.text.split('\t').take(MAX_CELLS_PER_LINE).map(|field| {
                    let cell = make_cell(text, at, at + field.len());
                    at += field.len() + 1;
                    cell
                }));
                b.end_row();
            }
            Kind::Pipe => {
                b.blanks = 0;
                let mut cells = std::mem::take(&mut b.scratch);
                cells.clear();
                cells.extend(pipe_cells(text, line));
                let mut filled = cells.iter().filter(|c| !c.text.is_empty());
                if let (Some(only), None) = (filled.next(), filled.next()) {
                    if is_heading_line(&only.text) {
                        let span = only.span;
                        b.scratch = cells;
                        b.end_table();
                        b.blocks.push(Block::Paragraph(Paragraph { span }));
                        continue;
                    }
                }
                if cells
                    .iter()
                    .all(|c| c.text.is_empty() || c.text.chars().all(|ch| ch == '-' || ch == ':'))
                {
                    b.end_row();
                } else if cells.len() >= 2 {
                    b.end_row();
                    b.push_cells(cells.drain(..));
                    b.end_row();
                } else {
                    b.push_cells(cells.drain(..));
                }
                b.scratch = cells;
            }
            Kind::Text => {
                if b.continues(line) {
                    continue;
                }
                // A short line between two table lines: a label that lost
                // its cell markup (a wrapped label, a row that lost its tabs).
                let t = line.text.trim_ws();
                let next_is_table = lines
                    .get(idx + 1)
                    .is_some_and(|n| matches!(n.kind, Kind::Tsv | Kind::Cell | Kind::Pipe));
                if b.in_table()
                    && b.blanks == 0
                    && next_is_table
                    && t.chars().count() <= 20
                    && !is_heading_line(t)
                    && !t.contains('。')
                {
                    b.end_row();
                    b.push_cells(std::iter::once(make_cell(
                        text,
                        line.start,
                        line.start + line.text.len(),
                    )));
                    b.end_row();
                    continue;
                }
                b.blanks = 0;
                b.paragraph(line);
            }
        }
    }
    b.end_table();
    (b.blocks, layout)
}

fn pipe_cells<'t>(text: &'t str, line: &Line<'t>) -> impl Iterator<Item = Cell> + 't {
    // The pieces between bars, less the empty ones outside a leading and a
    // trailing bar.
    let pieces = (line.text.bytes().filter(|&b| b == b'|').count() + 1).min(MAX_CELLS_PER_LINE);
    let trimmed = line.text.trim_ws();
    let keep = pieces - usize::from(trimmed.ends_with('|'));
    let skip = usize::from(trimmed.starts_with('|'));
    let mut at = line.start;
    line.text
        .split('|')
        .take(keep)
        .map(move |piece| {
            let span = (at, at + piece.len());
            at += piece.len() + 1;
            span
        })
        .skip(skip)
        .map(move |(s, e)| make_cell(text, s, e))
}

/// White-space separated tokens of a line, as byte ranges into the text.
fn tokens(line: &Line) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in line.text.char_indices() {
        if out.len() >= MAX_CELLS_PER_LINE {
            return out;
        }
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((line.start + s, line.start + i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((line.start + s, line.start + line.text.len()));
    }
    out
}

fn is_figure(t: &str) -> bool {
    parse_value(t).is_ok() || is_blank(t) && !t.is_empty()
}

/// The cells of one line of a table copied out of a PDF: figures one per
/// token; words joined into labels, cut where a template label ends (so that
/// `结果 维持 结果 纠正` gives two labels and `行 政 许 可` one).
fn plain_cells(text: &str, line: &Line) -> Vec<Cell> {
    let toks = tokens(line);
    let mut cells = Vec::new();
    let mut i = 0;
    let mut pending: Option<(usize, usize)> = None;
    let flush = |pending: &mut Option<(usize, usize)>, cells: &mut Vec<Cell>| {
        if let Some((s, e)) = pending.take() {
            cells.push(make_cell(text, s, e));
        }
    };
    while i < toks.len() {
        let (s, e) = toks[i];
        if is_figure(&text[s..e]) {
            flush(&mut pending, &mut cells);
            cells.push(make_cell(text, s, e));
            i += 1;
            continue;
        }
        // the longest run of words from here that is a template label
        let mut matched = None;
        let mut j = (i + 12).min(toks.len());
        while j > i {
            if toks[i..j].iter().all(|&(a, b)| !is_figure(&text[a..b])) {
                let key = label::key(&text[s..toks[j - 1].1]);
                if is_template_label(&key) {
                    matched = Some(j);
                    break;
                }
            }
            j -= 1;
        }
        match matched {
            Some(j) => {
                flush(&mut pending, &mut cells);
                cells.push(make_cell(text, s, toks[j - 1].1));
                i = j;
            }
            None => {
                pending = Some(pending.map_or((s, e), |(ps, _)| (ps, e)));
                i += 1;
            }
        }
    }
    flush(&mut pending, &mut cells);
    cells
}

/// How a line of plain text may take part in a table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PlainRow {
    /// Ends in figures after a short label (or is only figures).
    Figures,
    /// A short line holding template labels (a header, a row group).
    Labels,
    /// A short fragment (a label wrapped onto two lines).
    Fragment,
    No,
}

fn plain_row(text: &str, line: &Line) -> PlainRow {
    let t = line.text.trim_ws();
    if t.is_empty() || is_heading_line(t) || t.contains('。') || t.contains('；') {
        return PlainRow::No;
    }
    let cells = plain_cells(text, line);
    let figures = cells
        .iter()
        .rev()
        .take_while(|c| is_figure(&c.text))
        .count();
    let words: usize = cells
        .iter()
        .filter(|c| !is_figure(&c.text))
        .map(|c| c.text.chars().count())
        .sum();
    if figures >= 1 && words <= 60 {
        return PlainRow::Figures;
    }
    if figures == 0
        && t.chars().count() <= 60
        && cells
            .iter()
            .any(|c| is_template_label(&label::key(&c.text)))
    {
        return PlainRow::Labels;
    }
    if figures == 0 && t.chars().count() <= 30 {
        return PlainRow::Fragment;
    }
    PlainRow::No
}

/// Text without table markup (copied out of a PDF viewer): every line a
/// paragraph, except runs of lines that end in figures (with the header and
/// group lines around them), which become a table, one row per line.
fn parse_plain(text: &str, lines: &[Line]) -> Vec<Block> {
    let kinds: Vec<PlainRow> = lines.iter().map(|l| plain_row(text, l)).collect();
    // Within the next few lines, figures come before any running text.
    let figures_follow = |from: usize| -> bool {
        let next = lines
            .iter()
            .zip(&kinds)
            .skip(from)
            .filter(|(l, _)| l.kind != Kind::Blank)
            .take(6)
            .map(|(_, k)| *k);
        for k in next {
            match k {
                PlainRow::Figures => return true,
                PlainRow::No => return false,
                _ => {}
            }
        }
        false
    };
    let mut b = Builder {
        text,
        blocks: Vec::new(),
        rows: Vec::new(),
        row: Vec::new(),
        scratch: Vec::new(),
        blanks: 0,
        cells: 0,
    };
    let mut region: Vec<usize> = Vec::new();
    let flush_region = |region: &mut Vec<usize>, b: &mut Builder| {
        let has_figures = region.iter().any(|&i| kinds[i] == PlainRow::Figures);
        let has_labels = region.iter().any(|&i| {
            plain_cells(text, &lines[i])
                .iter()
                .any(|c| is_template_label(&label::key(&c.text)))
        });
        if has_figures && has_labels {
            for &i in region.iter() {
                let cells = plain_cells(text, &lines[i]);
                b.push_cells(cells);
                b.end_row();
            }
            b.end_table();
        } else {
            for &i in region.iter() {
                b.paragraph(&lines[i]);
            }
        }
        region.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        if time_is_up_at(i) {
            break;
        }
        if line.kind == Kind::Blank {
            continue;
        }
        let k = kinds[i];
        let joins = match k {
            PlainRow::Figures | PlainRow::Labels => true,
            // a fragment joins when figures follow soon (a wrapped label, a
            // header cell broken over lines)
            PlainRow::Fragment => !region.is_empty() && figures_follow(i + 1),
            PlainRow::No => false,
        };
        if joins {
            region.push(i);
        } else {
            flush_region(&mut region, &mut b);
            b.paragraph(line);
        }
    }
    flush_region(&mut region, &mut b);
    b.end_table();
    b.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.tables().collect()
    }

    #[test]
    fn page_numbers_and_bare_figures() {
        for page in [
            "-4-",
            "— 4 —",
            "第 4 页",
            "第4页 共12页",
            "4 / 12",
            "－１２－",
        ] {
            assert!(is_page_number(page), "{page}");
        }
        for not in [
            "4",
            "12",
            "1 2",
            "2024",
            "",
            "   ",
            "4年",
            "第四部分",
            "-",
            "1/2/3",
        ] {
            assert!(!is_page_number(not), "{not}");
        }
    }

    #[test]
    fn cell_per_line_with_wrapped_labels_and_noise() {
        let text = "三、收到和处理政府信息公开申请情况\n\t[bookmark: _Hlk1]（一）予以公开\n\t1\n\t0\n\n\t5.要求行政机关确认或重新\n出具已获取信息\n\t0\n\t2\n\n\n四、政府信息公开行政复议、行政诉讼情况\n";
        let doc = document_from_text(text.to_string(), InputKind::Text, "utf-8");
        assert_eq!(doc.input.layout, "plain"); // too few cells to call it a layout
        let (blocks, _) = {
            // force the cell-per-line path with a longer table
            let long = text.replace("\t0\n\t2\n", "\t0\n\t2\n\t3\n\t4\n\t5\n\t6\n\t7\n\t8\n");
            let (b, l) = parse(&long);
            assert_eq!(l, "cell-per-line");
            (b, long)
        };
        let t = blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        });
        let t = t.expect("a table");
        let cells: Vec<&str> = t.cells().map(|c| c.text.as_str()).collect();
        assert_eq!(cells[0], "（一）予以公开");
        assert_eq!(cells[3], "5.要求行政机关确认或重新\n出具已获取信息");
        assert!(matches!(blocks.first(), Some(Block::Paragraph(_))));
        assert!(matches!(blocks.last(), Some(Block::Paragraph(_))));
        let _ = tables;
    }

    #[test]
    fn tsv_rows_and_spans() {
        let text = "二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t5\t21\t63\n3. 其他\t\t5\t0\n\t\t2. 重复申请\t1\t0\n五、存在的主要问题及改进情况\n";
        let (blocks, layout) = parse(text);
        assert_eq!(layout, "tsv");
        let t = blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table");
        assert_eq!(t.rows.len(), 5);
        assert_eq!(
            t.rows[3]
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>(),
            ["3. 其他", "", "5", "0"]
        );
        for c in t.cells() {
            assert_eq!(c.span.slice(text), c.text);
        }
        assert!(matches!(blocks.last(), Some(Block::Paragraph(_))));
    }

    #[test]
    fn pipe_rows() {
        let text = "标题: | 某局 2024年度政府信息公开工作年度报告 | ||\n---|---|---|---|\n发文日期: | 2025-01-15 | 发布机构: | 某局 |\n二、主动公开政府信息情况\n规章 |\n0 |\n0 |\n0 |\n||\n行政许可 |\n2 |\n||\n行政处罚 |\n0 |\n||\n行政强制 |\n0 |\n";
        let (blocks, layout) = parse(text);
        assert_eq!(layout, "pipe");
        let tables: Vec<&Table> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows[0][0].text, "标题:");
        assert_eq!(tables[0].rows[1][1].text, "2025-01-15");
        assert_eq!(
            tables[1].rows[0]
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>(),
            ["规章", "0", "0", "0"]
        );
    }

    #[test]
    fn pipe_pieces() {
        let cells = |t: &str| -> Vec<String> {
            let line = Line {
                start: 0,
                text: t,
                kind: Kind::Pipe,
            };
            pipe_cells(t, &line).map(|c| c.text.to_string()).collect()
        };
        assert_eq!(cells("| a | b |"), ["a", "b"]);
        assert_eq!(cells("a | b |"), ["a", "b"]);
        assert_eq!(cells("| a | b"), ["a", "b"]);
        assert_eq!(cells("a|b"), ["a", "b"]);
        assert_eq!(cells("a | | b"), ["a", "", "b"]);
        assert_eq!(cells("||"), [""]);
        assert!(cells("|").is_empty());
        // the spans point back into the text
        let t = "x\n| 规章 | 12 |";
        let line = Line {
            start: 2,
            text: &t[2..],
            kind: Kind::Pipe,
        };
        let got: Vec<Cell> = pipe_cells(t, &line).collect();
        assert_eq!(got[1].span.slice(t), "12");
        // a line of more bars than a row can hold keeps the first thousand pieces
        let many = "|".repeat(5_000);
        assert_eq!(cells(&many).len(), MAX_CELLS_PER_LINE - 2);
    }

    #[test]
    fn not_a_report_is_refused() {
        let e = read(
            "今天天气很好，我们去公园散步。\n".as_bytes(),
            &Limits::default(),
        )
        .unwrap_err();
        assert_eq!(e.kind, ReadErrorKind::NotAReport);
        assert!(read(
            "一、总体情况\n二、主动公开政府信息情况\n".as_bytes(),
            &Limits::default()
        )
        .is_ok());
    }
}
