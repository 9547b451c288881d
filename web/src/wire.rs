//! A compact binary form of a check's result, for handing it from one
//! instance of the core to another: the web app checks files in a web worker
//! (its own copy of the wasm, its own memory) and the page decodes what the
//! worker sends back. Both sides run the same build, so the form needs no
//! versioning; it only has to be exact: `decode(encode(x)) == x`.
//!
//! Integers are LEB128, floats 8 bytes little-endian, strings a length and
//! UTF-8, options and enums a tag byte; the values of findings are numbers or
//! strings (anything else travels as its JSON text). The canonical row and
//! column keys travel as their place among all the keys of their kind; the
//! model's other static strings (the official labels a deviation names, rule
//! ids) as their place in a list of all of them, and come back as the
//! template's and the catalogue's own strings. A static string the lists lack
//! (never made by the core) cannot travel: the bytes made of it do not decode.

use nianbao_core::diagnostic::{CellRef, Diagnostic, Location, Reading, Severity, Value};
use nianbao_core::document::{
    Block, Cell, Document, InputInfo, InputKind, Paragraph, Place, Places, Table,
};
use nianbao_core::read::{ReadError, ReadErrorKind};
use nianbao_core::report::{
    CellProblem, CellRead, Date, LabelDeviation, LabelKind, LabelRead, Located, Numbering, Period,
    Report, Section, TableAnomaly, TableRead,
};
use nianbao_core::span::Span;
use nianbao_core::vocab::template::{ColumnKey, LabelKey, Layout, RowKey, TableKey, Template};
use nianbao_core::Checked;
use std::sync::OnceLock;

/// The bytes of a check's result (a report, or why the file could not be read).
pub fn encode(result: &Result<Checked, ReadError>) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(4096));
    match result {
        Ok(c) => {
            // Room for the whole answer from the start: grown by doubling,
            // the buffer of a document of many megabytes would be held twice
            // (the old and the new) at its last growth, in a memory that
            // never shrinks.
            w.0.reserve(size_hint(c));
            w.u(0);
            c.write(&mut w);
        }
        Err(e) => {
            w.u(1);
            e.write(&mut w);
        }
    }
    w.0
}

/// About as many bytes as [`encode`] makes of `c`, seldom fewer: the texts,
/// and for each block, cell, place and finding the most its numbers take.
fn size_hint(c: &Checked) -> usize {
    let doc = &c.document;
    let cells: usize = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(_) => 12,
            Block::Table(t) => {
                12 + t
                    .rows
                    .iter()
                    .flatten()
                    .map(|c| c.text.len() + 20)
                    .sum::<usize>()
            }
        })
        .sum();
    doc.text.len() + cells + doc.places.entries().len() * 16 + c.diagnostics.len() * 256
}

/// The result [`encode`] was given, or `None` for bytes it did not make.
pub fn decode(bytes: &[u8]) -> Option<Result<Checked, ReadError>> {
    let mut r = Reader {
        b: bytes,
        at: 0,
        text: None,
    };
    let out = match r.u()? {
        0 => Ok(Checked::read(&mut r)?),
        1 => Err(ReadError::read(&mut r)?),
        _ => return None,
    };
    (r.at == bytes.len()).then_some(out)
}

/// Where the document's text lies in bytes made by [`encode`], from their
/// first bytes (`head`: at least 11 of them where there are as many): the
/// start and end of the text's UTF-8, or `None` for the bytes of an error.
/// With [`decode_after_text`], a page that holds the bytes outside its own
/// memory takes in the text and the rest apart, never the whole at once.
pub fn text_range(head: &[u8]) -> Option<(usize, usize)> {
    let mut r = Reader {
        b: head,
        at: 0,
        text: None,
    };
    if r.u()? != 0 {
        return None;
    }
    let len = r.n()?;
    Some((r.at, r.at.checked_add(len)?))
}

/// The result [`encode`] was given, from its text (the bytes at
/// [`text_range`]) and the bytes after it; `None` for bytes it did not make.
pub fn decode_after_text(text: Vec<u8>, rest: &[u8]) -> Option<Result<Checked, ReadError>> {
    let mut r = Reader {
        b: rest,
        at: 0,
        text: Some(String::from_utf8(text).ok()?),
    };
    let out = Checked::read(&mut r)?;
    (r.at == rest.len() && r.text.is_none()).then_some(Ok(out))
}

struct Writer(Vec<u8>);

impl Writer {
    fn u(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn n(&mut self, v: usize) {
        self.u(v as u64)
    }
    fn i(&mut self, v: i64) {
        self.u(((v << 1) ^ (v >> 63)) as u64)
    }
    fn f(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes())
    }
    fn s(&mut self, v: &str) {
        self.n(v.len());
        self.0.extend_from_slice(v.as_bytes());
    }
    fn b(&mut self, v: bool) {
        self.0.push(u8::from(v))
    }
    /// One of the static strings of `list`: its place plus one; 0 for a
    /// string the list lacks, which [`Reader::known`] refuses (the core makes
    /// none).
    fn known(&mut self, list: &[&'static str], v: &str) {
        self.n(place(list, v).map_or(0, |i| i + 1))
    }
    fn opt<T>(&mut self, v: &Option<T>, f: impl FnOnce(&mut Self, &T)) {
        match v {
            None => self.0.push(0),
            Some(x) => {
                self.0.push(1);
                f(self, x)
            }
        }
    }
    fn list<T>(&mut self, v: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.n(v.len());
        for x in v {
            f(self, x)
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    /// The document's text, read already ([`decode_after_text`]): the first
    /// string asked for.
    text: Option<String>,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.b.get(self.at)?;
        self.at += 1;
        Some(b)
    }
    fn u(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn n(&mut self) -> Option<usize> {
        usize::try_from(self.u()?).ok()
    }
    fn i(&mut self) -> Option<i64> {
        let z = self.u()?;
        Some((z >> 1) as i64 ^ -((z & 1) as i64))
    }
    fn f(&mut self) -> Option<f64> {
        let bytes = self.b.get(self.at..self.at + 8)?;
        self.at += 8;
        Some(f64::from_le_bytes(bytes.try_into().ok()?))
    }
    fn s(&mut self) -> Option<String> {
        if let Some(text) = self.text.take() {
            return Some(text);
        }
        let len = self.n()?;
        let bytes = self.b.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        String::from_utf8(bytes.to_vec()).ok()
    }
    /// What [`Writer::known`] wrote: the list's own string.
    fn known(&mut self, list: &[&'static str]) -> Option<&'static str> {
        list.get(self.n()?.checked_sub(1)?).copied()
    }
    fn b(&mut self) -> Option<bool> {
        Some(self.byte()? != 0)
    }
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(f(self)?)),
            _ => None,
        }
    }
    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = self.n()?;
        // Every element takes at least one byte: a length beyond the rest is a lie.
        if len > self.b.len() - self.at {
            return None;
        }
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            out.push(f(self)?);
        }
        Some(out)
    }
}

/// The official labels of the template (both layouts), in a fixed order:
/// what a label deviation expects travels as its place in this list.
fn labels() -> &'static [&'static str] {
    static LABELS: OnceLock<Vec<&'static str>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let mut all: Vec<&'static str> = Vec::new();
        for layout in [Layout::Y2021, Layout::Y2019] {
            for table in Template::get(layout).tables() {
                all.extend(table.rows.iter().map(|r| r.label));
                all.extend(table.columns.iter().map(|c| c.label));
            }
        }
        all
    })
}

/// The place of `s` in `list` (the same string first, else equal text).
fn place(list: &[&'static str], s: &str) -> Option<usize> {
    list.iter()
        .position(|k| std::ptr::eq(k.as_ptr(), s.as_ptr()) && k.len() == s.len())
        .or_else(|| list.iter().position(|k| *k == s))
}

/// The rule ids of the catalogue, in its order.
fn rule_ids() -> &'static [&'static str] {
    static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    IDS.get_or_init(|| nianbao_core::rules::RULES.iter().map(|r| r.id).collect())
}

/// Writing and reading one type of the model.
trait Wire: Sized {
    fn write(&self, w: &mut Writer);
    fn read(r: &mut Reader) -> Option<Self>;
}

/// Enums without data, as their position in a list of all their values.
macro_rules! unit_enum {
    ($t:ty, [$($v:expr),+ $(,)?]) => {
        impl Wire for $t {
            fn write(&self, w: &mut Writer) {
                let all = [$($v),+];
                w.n(all.iter().position(|x| x == self).unwrap_or(0));
            }
            fn read(r: &mut Reader) -> Option<Self> {
                [$($v),+].get(r.n()?).copied()
            }
        }
    };
}

unit_enum!(
    InputKind,
    [
        InputKind::Text,
        InputKind::Docx,
        InputKind::Html,
        InputKind::Pdf,
        InputKind::Xlsx,
        InputKind::Doc,
        InputKind::Ofd
    ]
);
unit_enum!(
    Severity,
    [Severity::Error, Severity::Warning, Severity::Info]
);
unit_enum!(
    Reading,
    [Reading::Certain, Reading::Reconstructed, Reading::Uncertain]
);
unit_enum!(Layout, [Layout::Y2021, Layout::Y2019, Layout::Unknown]);
unit_enum!(
    TableKey,
    [TableKey::Proactive, TableKey::Requests, TableKey::Appeals]
);
unit_enum!(LabelKind, [LabelKind::Row, LabelKind::Column]);
unit_enum!(
    CellProblem,
    [
        CellProblem::Missing,
        CellProblem::Blank,
        CellProblem::NotNumber
    ]
);
unit_enum!(
    Numbering,
    [
        Numbering::Chinese,
        Numbering::Arabic,
        Numbering::Parenthesised,
        Numbering::None
    ]
);
unit_enum!(
    ReadErrorKind,
    [
        ReadErrorKind::Empty,
        ReadErrorKind::TooLarge,
        ReadErrorKind::Unsupported,
        ReadErrorKind::LegacyOffice,
        ReadErrorKind::Encrypted,
        ReadErrorKind::Scanned,
        ReadErrorKind::ZipBomb,
        ReadErrorKind::Corrupt,
        ReadErrorKind::NotAReport,
        ReadErrorKind::Internal,
        ReadErrorKind::TimedOut,
        ReadErrorKind::Unreadable,
    ]
);

/// The canonical keys, as their place among all the keys of their kind.
macro_rules! key_enum {
    ($t:ty) => {
        impl Wire for $t {
            fn write(&self, w: &mut Writer) {
                w.n(*self as usize)
            }
            fn read(r: &mut Reader) -> Option<Self> {
                <$t>::ALL.get(r.n()?).copied()
            }
        }
    };
}

key_enum!(RowKey);
key_enum!(ColumnKey);

impl Wire for LabelKey {
    fn write(&self, w: &mut Writer) {
        match self {
            LabelKey::Row(k) => {
                w.n(0);
                k.write(w);
            }
            LabelKey::Column(k) => {
                w.n(1);
                k.write(w);
            }
        }
    }
    fn read(r: &mut Reader) -> Option<Self> {
        match r.n()? {
            0 => Some(LabelKey::Row(RowKey::read(r)?)),
            1 => Some(LabelKey::Column(ColumnKey::read(r)?)),
            _ => None,
        }
    }
}

impl Wire for Span {
    fn write(&self, w: &mut Writer) {
        w.n(self.start);
        w.n(self.end.wrapping_sub(self.start));
    }
    fn read(r: &mut Reader) -> Option<Self> {
        let start = r.n()?;
        Some(Span::new(start, start.wrapping_add(r.n()?)))
    }
}

impl Wire for ReadError {
    fn write(&self, w: &mut Writer) {
        self.kind.write(w);
        w.s(&self.message);
        w.s(&self.message_en);
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(ReadError::new(ReadErrorKind::read(r)?, r.s()?, r.s()?))
    }
}

impl Wire for Checked {
    fn write(&self, w: &mut Writer) {
        self.document.write(w);
        self.report.write(w);
        w.list(&self.diagnostics, |w, d| d.write(w));
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(Checked {
            document: Document::read(r)?,
            report: Report::read(r)?,
            diagnostics: r.list(Diagnostic::read)?,
        })
    }
}

impl Wire for Document {
    fn write(&self, w: &mut Writer) {
        w.s(&self.text);
        w.list(&self.blocks, |w, b| match b {
            Block::Paragraph(p) => {
                w.n(0);
                p.span.write(w);
            }
            Block::Table(t) => {
                w.n(1);
                t.span.write(w);
                w.list(&t.rows, |w, row| {
                    w.list(row, |w, c| {
                        w.s(&c.text);
                        c.span.write(w);
                        w.n(c.col_span as usize);
                        w.n(c.row_span as usize);
                        w.b(c.continuation);
                    })
                });
            }
        });
        self.input.kind.write(w);
        w.s(&self.input.encoding);
        w.s(&self.input.layout);
        // Where the text lies in the original file: each entry's offset
        // after the one before, and its page, paragraph and table cell.
        let mut at = 0;
        w.list(self.places.entries(), |w, (offset, p)| {
            w.n(offset.wrapping_sub(at));
            at = *offset;
            for n in [p.page, p.paragraph, p.table, p.row, p.column] {
                w.n(n as usize);
            }
        });
    }
    fn read(r: &mut Reader) -> Option<Self> {
        let text = r.s()?;
        let blocks = r.list(|r| {
            Some(match r.n()? {
                0 => Block::Paragraph(Paragraph {
                    span: Span::read(r)?,
                }),
                1 => {
                    let span = Span::read(r)?;
                    let rows = r.list(|r| {
                        r.list(|r| {
                            Some(Cell {
                                text: r.s()?.into(),
                                span: Span::read(r)?,
                                col_span: u32::try_from(r.n()?).ok()?,
                                row_span: u32::try_from(r.n()?).ok()?,
                                continuation: r.b()?,
                            })
                        })
                    })?;
                    Block::Table(Table { rows, span })
                }
                _ => return None,
            })
        })?;
        let input = InputInfo {
            kind: InputKind::read(r)?,
            encoding: r.s()?,
            layout: r.s()?,
        };
        let mut places = Places::default();
        let mut at = 0usize;
        let number = |r: &mut Reader| u32::try_from(r.n()?).ok();
        r.list(|r| {
            at = at.wrapping_add(r.n()?);
            let mut n = [0u32; 5];
            for x in &mut n {
                *x = number(r)?;
            }
            let [page, paragraph, table, row, column] = n;
            places.push(
                at,
                Place {
                    page,
                    paragraph,
                    table,
                    row,
                    column,
                },
            );
            Some(())
        })?;
        Some(Document::new(text, blocks, input).with_places(places))
    }
}

fn write_located<T>(w: &mut Writer, v: &Option<Located<T>>, f: impl FnOnce(&mut Writer, &T)) {
    w.opt(v, |w, l| {
        f(w, &l.value);
        l.span.write(w);
    })
}

fn read_located<'a, T>(
    r: &mut Reader<'a>,
    f: impl FnOnce(&mut Reader<'a>) -> Option<T>,
) -> Option<Option<Located<T>>> {
    r.opt(|r| {
        let value = f(r)?;
        Some(Located::new(value, Span::read(r)?))
    })
}

impl Wire for Date {
    fn write(&self, w: &mut Writer) {
        w.i(i64::from(self.year));
        w.n(self.month as usize);
        w.n(self.day as usize);
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(Date::new(
            i32::try_from(r.i()?).ok()?,
            u32::try_from(r.n()?).ok()?,
            u32::try_from(r.n()?).ok()?,
        ))
    }
}

impl Wire for Report {
    fn write(&self, w: &mut Writer) {
        write_located(w, &self.title, |w, v| w.s(v));
        write_located(w, &self.agency, |w, v| w.s(v));
        write_located(w, &self.year, |w, v| w.i(i64::from(*v)));
        self.format.write(w);
        w.b(self.mixed_layout);
        write_located(w, &self.published, |w, v| v.write(w));
        write_located(w, &self.period, |w, v| {
            v.start.write(w);
            v.end.write(w);
        });
        w.list(&self.sections, |w, s| {
            w.n(usize::from(s.ordinal));
            w.s(&s.number);
            s.numbering.write(w);
            w.s(&s.title);
            s.heading.write(w);
            s.body.write(w);
        });
        for t in [&self.proactive, &self.requests, &self.appeals] {
            t.write(w);
        }
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(Report {
            title: read_located(r, Reader::s)?,
            agency: read_located(r, Reader::s)?,
            year: read_located(r, |r| i32::try_from(r.i()?).ok())?,
            format: Layout::read(r)?,
            mixed_layout: r.b()?,
            published: read_located(r, Date::read)?,
            period: read_located(r, |r| {
                Some(Period {
                    start: Date::read(r)?,
                    end: Date::read(r)?,
                })
            })?,
            sections: r.list(|r| {
                Some(Section {
                    ordinal: u8::try_from(r.n()?).ok()?,
                    number: r.s()?,
                    numbering: Numbering::read(r)?,
                    title: r.s()?,
                    heading: Span::read(r)?,
                    body: Span::read(r)?,
                })
            })?,
            proactive: TableRead::read(r)?,
            requests: TableRead::read(r)?,
            appeals: TableRead::read(r)?,
        })
    }
}

impl Wire for TableRead {
    fn write(&self, w: &mut Writer) {
        self.key.write(w);
        self.layout.write(w);
        w.b(self.found);
        w.opt(&self.span, |w, s| s.write(w));
        w.list(&self.cells, |w, c| {
            c.row.write(w);
            c.column.write(w);
            w.opt(&c.value, |w, v| w.f(*v));
            w.opt(&c.raw, |w, v| w.s(v));
            w.opt(&c.span, |w, s| s.write(w));
            w.opt(&c.problem, |w, p| p.write(w));
            c.reading.write(w);
        });
        w.list(&self.labels, |w, l| {
            l.kind.write(w);
            l.key.write(w);
            w.s(&l.found);
            l.span.write(w);
            w.opt(&l.deviation, |w, d| {
                w.known(labels(), d.expected);
                w.s(&d.detail);
                w.s(&d.detail_en);
            });
        });
        w.list(&self.anomalies, |w, a| match a {
            TableAnomaly::Merged { rows, found, span } => {
                w.n(0);
                w.list(rows, |w, row| row.write(w));
                w.s(found);
                span.write(w);
            }
            TableAnomaly::Split { row, span } => {
                w.n(1);
                row.write(w);
                span.write(w);
            }
            TableAnomaly::UnknownRow { found, span } => {
                w.n(2);
                w.s(found);
                span.write(w);
            }
            TableAnomaly::RunTogether {
                row,
                found,
                span,
                splits,
            } => {
                w.n(3);
                row.write(w);
                w.s(found);
                span.write(w);
                // 0 for "too many", else one more than the count.
                w.n(splits.map_or(0, |n| n + 1));
            }
        });
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(TableRead {
            key: TableKey::read(r)?,
            layout: Layout::read(r)?,
            found: r.b()?,
            span: r.opt(Span::read)?,
            cells: r.list(|r| {
                Some(CellRead {
                    row: RowKey::read(r)?,
                    column: ColumnKey::read(r)?,
                    value: r.opt(Reader::f)?,
                    raw: r.opt(Reader::s)?.map(Into::into),
                    span: r.opt(Span::read)?,
                    problem: r.opt(CellProblem::read)?,
                    reading: Reading::read(r)?,
                })
            })?,
            labels: r.list(|r| {
                Some(LabelRead {
                    kind: LabelKind::read(r)?,
                    key: LabelKey::read(r)?,
                    found: r.s()?,
                    span: Span::read(r)?,
                    deviation: r.opt(|r| {
                        Some(LabelDeviation {
                            expected: r.known(labels())?,
                            detail: r.s()?,
                            detail_en: r.s()?,
                        })
                    })?,
                })
            })?,
            anomalies: r.list(|r| {
                Some(match r.n()? {
                    0 => TableAnomaly::Merged {
                        rows: r.list(RowKey::read)?,
                        found: r.s()?,
                        span: Span::read(r)?,
                    },
                    1 => TableAnomaly::Split {
                        row: RowKey::read(r)?,
                        span: Span::read(r)?,
                    },
                    2 => TableAnomaly::UnknownRow {
                        found: r.s()?,
                        span: Span::read(r)?,
                    },
                    3 => TableAnomaly::RunTogether {
                        row: RowKey::read(r)?,
                        found: r.s()?,
                        span: Span::read(r)?,
                        splits: r.n()?.checked_sub(1),
                    },
                    _ => return None,
                })
            })?,
        })
    }
}

impl Wire for Location {
    fn write(&self, w: &mut Writer) {
        match self {
            Location::Cell(c) => {
                w.n(0);
                c.table.write(w);
                c.row.write(w);
                c.column.write(w);
            }
            Location::Span(s) => {
                w.n(1);
                s.write(w);
            }
            Location::Document => w.n(2),
        }
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(match r.n()? {
            0 => Location::Cell(CellRef::new(
                TableKey::read(r)?,
                RowKey::read(r)?,
                ColumnKey::read(r)?,
            )),
            1 => Location::Span(Span::read(r)?),
            2 => Location::Document,
            _ => return None,
        })
    }
}

impl Wire for Value {
    fn write(&self, w: &mut Writer) {
        match self {
            Value::Null => w.n(0),
            Value::Bool(b) => {
                w.n(1);
                w.b(*b);
            }
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => {
                    w.n(2);
                    w.i(i);
                }
                (None, Some(u)) => {
                    w.n(3);
                    w.u(u);
                }
                _ => {
                    w.n(4);
                    w.f(n.as_f64().unwrap_or(0.0));
                }
            },
            Value::String(s) => {
                w.n(5);
                w.s(s);
            }
            // The rules give numbers and strings; anything else keeps its JSON text.
            other => {
                w.n(5);
                w.s(&other.to_string());
            }
        }
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(match r.n()? {
            0 => Value::Null,
            1 => Value::Bool(r.b()?),
            2 => Value::from(r.i()?),
            3 => Value::from(r.u()?),
            4 => serde_json::Number::from_f64(r.f()?).map_or(Value::Null, Value::Number),
            5 => Value::String(r.s()?),
            _ => return None,
        })
    }
}

impl Wire for Diagnostic {
    fn write(&self, w: &mut Writer) {
        w.known(rule_ids(), self.rule);
        self.severity.write(w);
        w.s(&self.message);
        w.s(&self.message_en);
        self.at.write(w);
        w.list(&self.related, |w, l| l.write(w));
        w.opt(&self.expected, |w, v| v.write(w));
        w.opt(&self.actual, |w, v| v.write(w));
        self.reading.write(w);
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(Diagnostic {
            rule: r.known(rule_ids())?,
            severity: Severity::read(r)?,
            message: r.s()?,
            message_en: r.s()?,
            at: Location::read(r)?,
            related: r.list(Location::read)?,
            expected: r.opt(Value::read)?,
            actual: r.opt(Value::read)?,
            reading: Reading::read(r)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Result<Checked, ReadError>, b: &Result<Checked, ReadError>) -> bool {
        match (a, b) {
            (Ok(x), Ok(y)) => {
                x.document == y.document && x.report == y.report && x.diagnostics == y.diagnostics
            }
            (Err(x), Err(y)) => x == y,
            _ => false,
        }
    }

    const REPORT: &str = "某某区人民政府办公室2024年政府信息公开工作年度报告\n\
        一、总体情况\n本机关共收到依申请公开件 3 件。\n\
        二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
        四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n\
        六、其他需要报告的事项\n";

    #[test]
    fn the_text_and_the_rest_taken_apart_give_the_same_result() {
        let result = nianbao_core::check("a.txt", REPORT.as_bytes());
        let bytes = encode(&result);
        let (start, end) = text_range(&bytes[..11]).expect("a document");
        assert_eq!(
            &bytes[start..end],
            result.as_ref().unwrap().document.text.as_bytes()
        );
        let back = decode_after_text(bytes[start..end].to_vec(), &bytes[end..]).expect("decodes");
        assert!(same(&result, &back));
        // One byte short or over is refused, as by `decode`.
        assert!(
            decode_after_text(bytes[start..end].to_vec(), &bytes[end..bytes.len() - 1]).is_none()
        );
        // The bytes of an error hold no text.
        assert_eq!(
            text_range(&encode(&nianbao_core::check("b.txt", b""))),
            None
        );
    }

    #[test]
    fn a_report_and_an_error_come_back_unchanged() {
        for result in [
            nianbao_core::check("a.txt", REPORT.as_bytes()),
            nianbao_core::check("b.txt", b""),
            nianbao_core::check("c.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy"),
        ] {
            let bytes = encode(&result);
            let back = decode(&bytes).expect("decodes");
            assert!(same(&result, &back), "{result:?}\n{back:?}");
        }
    }

    #[test]
    fn keys_come_back_as_the_template_s_own_strings() {
        let r = nianbao_core::check("a.txt", REPORT.as_bytes()).unwrap();
        let Ok(back) = decode(&encode(&Ok(r))).unwrap() else {
            panic!()
        };
        let ours = &back.report.requests.cells[0];
        let template = Template::get(back.report.requests.layout)
            .requests
            .row(ours.row)
            .unwrap();
        assert_eq!(ours.row, template.key);
        for d in &back.diagnostics {
            let rule = nianbao_core::rules::RULES
                .iter()
                .find(|r| r.id == d.rule)
                .unwrap();
            assert!(std::ptr::eq(d.rule, rule.id));
        }
    }

    #[test]
    fn values_of_every_shape() {
        let mut d = Diagnostic::new("A001", Severity::Error, Location::Document, "m", "e");
        let mut c = nianbao_core::check("a.txt", REPORT.as_bytes()).unwrap();
        for (expected, actual) in [
            (Value::from(-2), Value::from(u64::MAX)),
            (Value::from(1129.7494), Value::from("2019")),
            (Value::Null, Value::Bool(true)),
        ] {
            d.expected = Some(expected);
            d.actual = Some(actual);
            c.diagnostics.push(d.clone());
        }
        // Readings travel, on findings and on cells.
        c.diagnostics
            .push(d.clone().with_reading(Reading::Uncertain));
        c.report.requests.cells[0].reading = Reading::Reconstructed;
        c.report.appeals.cells[1].reading = Reading::Uncertain;
        let result = Ok(c);
        assert!(same(&result, &decode(&encode(&result)).unwrap()));
        // What the rules never give travels as its JSON text.
        let mut e = d.clone();
        e.expected = Some(serde_json::json!([1, "x"]));
        let Ok(back) = decode(&encode(&Ok(Checked {
            document: result.as_ref().unwrap().document.clone(),
            report: result.as_ref().unwrap().report.clone(),
            diagnostics: vec![e],
        })))
        .unwrap() else {
            panic!()
        };
        assert_eq!(back.diagnostics[0].expected, Some(Value::from("[1,\"x\"]")));
    }

    #[test]
    fn damaged_bytes_are_refused_not_misread() {
        let bytes = encode(&nianbao_core::check("a.txt", REPORT.as_bytes()));
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        assert!(decode(&[]).is_none());
        assert!(decode(&[0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]).is_none());
        // Every cut of the bytes either decodes to nothing or fails: never a panic.
        for end in 0..bytes.len() {
            let _ = decode(&bytes[..end]);
        }
    }
}
