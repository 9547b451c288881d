//! What every rule family shares: the [`Context`] a rule looks at one report
//! through, the catalogue entry ([`RuleMeta`]), the findings the rules make
//! and the helpers they make them with.

use crate::diagnostic::{CellRef, Diagnostic, Location, Severity};
use crate::document::{Block, Document};
use crate::report::{CellProblem, Report, TableRead};
use crate::span::{Span, Trim};
use crate::vocab::names;
pub(crate) use crate::vocab::names::{
    column_label, column_label_en, request_row_desc, row_label, row_label_en, short_label,
    table_name, table_name_en,
};
use crate::vocab::template::{ColumnKey, RowKey, TableKey, Template};
use serde::Serialize;

/// What the rules need to look at one report.
pub struct Context<'a> {
    /// The document the report was read from.
    pub doc: &'a Document,
    /// The report.
    pub report: &'a Report,
    /// Where the lines start and where the tables are, found once for all
    /// the rules that read the prose.
    lines: std::cell::OnceCell<ProseIndex>,
    /// How many findings each rule has made, and the findings counted and
    /// not made past a rule's share ([`Context::room_for`]).
    made: std::cell::RefCell<Vec<(&'static str, usize)>>,
    unlisted: std::cell::Cell<usize>,
}

impl<'a> Context<'a> {
    /// What the rules look at: a document and the report read from it.
    pub fn new(doc: &'a Document, report: &'a Report) -> Self {
        Context {
            doc,
            report,
            lines: std::cell::OnceCell::new(),
            made: Default::default(),
            unlisted: Default::default(),
        }
    }

    /// Whether a finding of `id` should be made: a rule whose findings all
    /// have the rule's one severity (the certainty of a reading only ever
    /// lowers an error) may stop making them past `max` of its own, `max`
    /// being the findings a report lists, since the list keeps the first of
    /// the most severe and the rule's own earlier ones come first; the rest
    /// are only counted, for the finding that says how many were left out.
    /// `rules` is the family's catalogue.
    pub(crate) fn room_for(&self, rules: &[RuleMeta], id: &'static str, max: usize) -> bool {
        debug_assert!(rules
            .iter()
            .any(|r| r.id == id && r.severity != Severity::Error));
        let mut made = self.made.borrow_mut();
        let n = match made.iter_mut().find(|(r, _)| *r == id) {
            Some((_, n)) => n,
            None => {
                made.push((id, 0));
                &mut made.last_mut().expect("just pushed").1
            }
        };
        if *n >= max {
            self.unlisted.set(self.unlisted.get() + 1);
            return false;
        }
        *n += 1;
        true
    }

    /// Findings counted by [`Context::room_for`] and not made.
    pub(crate) fn unlisted(&self) -> usize {
        self.unlisted.get()
    }
}

pub(crate) struct ProseIndex {
    /// The tables of the document and those the report read, by start.
    tables: Vec<Span>,
    /// For each whole line, its prose span, or `None` when it is blank or
    /// inside a table.
    kept: Vec<Option<Span>>,
}

impl ProseIndex {
    /// The text `from..to` (within one line) without its line break, unless
    /// it is blank: the prose span it gives if it is outside every table.
    fn unbroken(text: &str, from: usize, to: usize) -> Option<Span> {
        let line = text.get(from..to)?;
        let trimmed = line.trim_end_matches(['\n', '\r']);
        (!trimmed.trim_start_ws().is_empty()).then(|| Span::new(from, from + trimmed.len()))
    }

    /// The prose span of the text `from..to` (within one line), if any.
    fn piece(&self, text: &str, from: usize, to: usize) -> Option<Span> {
        let s = Self::unbroken(text, from, to)?;
        let inside = self
            .tables
            .iter()
            .any(|t| t.start <= s.start && s.end <= t.end);
        (!inside).then_some(s)
    }

    /// [`ProseIndex::piece`] of every whole line. The lines come in order,
    /// so the tables, sorted by start, are walked once beside them: a line
    /// lies inside a table when one starting at or before it ends at or
    /// after it, that is when the furthest end among them does.
    fn whole_lines(&self, text: &str, line_starts: &[usize]) -> Vec<Option<Span>> {
        debug_assert!(self.tables.is_sorted_by_key(|t| t.start));
        let mut next = 0;
        let mut furthest = 0;
        let ends = line_starts.iter().skip(1).copied().chain([text.len()]);
        line_starts
            .iter()
            .zip(ends)
            .map(|(&from, to)| {
                let s = Self::unbroken(text, from, to)?;
                while let Some(t) = self.tables.get(next).filter(|t| t.start <= from) {
                    furthest = furthest.max(t.end);
                    next += 1;
                }
                (next == 0 || furthest < s.end).then_some(s)
            })
            .collect()
    }
}

/// A rule of the catalogue, as data: id, severity, what it checks.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RuleMeta {
    /// The rule id, e.g. `A004`.
    pub id: &'static str,
    /// The severity of its findings.
    pub severity: Severity,
    /// Its family, the first letter of its id.
    pub family: &'static str,
    /// What the rule checks, in Chinese and in English.
    pub title: &'static str,
    /// The same in English.
    pub title_en: &'static str,
    /// A longer explanation, in Chinese and in English.
    pub description: &'static str,
    /// The same in English.
    pub description_en: &'static str,
    /// A message the rule gives, as an example.
    pub example: &'static str,
    /// What the rule rests on: the regulations' article, the national
    /// format (rules/guidance.rs).
    pub basis: &'static str,
    /// The same in English.
    pub basis_en: &'static str,
    /// How to fix the report.
    pub fix: &'static str,
    /// The same in English.
    pub fix_en: &'static str,
}

/// A finding of rule `id` of a family's entries `rules`, with its severity
/// there (each family makes findings of its own rules only).
pub(crate) fn finding(
    rules: &[RuleMeta],
    id: &'static str,
    at: Location,
    message: impl Into<String>,
    message_en: impl Into<String>,
) -> Diagnostic {
    let meta = rules.iter().find(|r| r.id == id);
    debug_assert!(meta.is_some(), "{id} is not a rule of this family");
    let severity = meta.map_or(Severity::Warning, |m| m.severity);
    Diagnostic::new(id, severity, at, message, message_en)
}

/// A finding that compares two reports (the X rules).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossFinding {
    /// Index of the later report (the one the finding is located in).
    pub report: usize,
    /// Index of the earlier report it is compared with.
    pub other: usize,
    /// The finding, located in the later report.
    pub diagnostic: Diagnostic,
    /// Places in the earlier report that take part (e.g. last year's
    /// 结转下年度 cell).
    pub other_related: Vec<Location>,
}

/// The template of a table as it was read.
pub(crate) fn table_def(t: &TableRead) -> &'static crate::vocab::template::TableDef {
    Template::get(t.layout).table(t.key)
}

/// “列/行” name of a cell of a table as read, e.g. 自然人/予以公开
/// ([`names::cell_name`]).
pub(crate) fn cell_name(t: &TableRead, row: RowKey, column: ColumnKey) -> String {
    names::cell_name(t.key, t.layout, row, column)
}

/// The English name of a cell of a table as read ([`names::cell_name_en`]).
pub(crate) fn cell_name_en(t: &TableRead, row: RowKey, column: ColumnKey) -> String {
    names::cell_name_en(t.key, t.layout, row, column)
}

/// A cell location.
pub(crate) fn cell_at(table: TableKey, row: RowKey, column: ColumnKey) -> Location {
    Location::Cell(CellRef::new(table, row, column))
}

/// The value a cell counts for in sums: its number, 0 when blank, `None` when
/// missing or unreadable.
pub(crate) fn sum_value(t: &TableRead, row: RowKey, column: ColumnKey) -> Option<f64> {
    t.cell(row, column).and_then(counted)
}

/// What a cell read counts for in sums ([`sum_value`]).
pub(crate) fn counted(c: &crate::report::CellRead) -> Option<f64> {
    match (c.value, c.problem) {
        (Some(v), _) => Some(v),
        (None, Some(CellProblem::Blank)) => Some(0.0),
        _ => None,
    }
}

/// A number for messages: 12, 1.5.
pub(crate) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let s = crate::decimal::fixed(v, 4);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The spans of the document's tables.
pub(crate) fn table_spans(doc: &Document) -> Vec<Span> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.span),
            _ => None,
        })
        .collect()
}

/// The lines of a part of the document that lie outside every table (and
/// outside every table the report read), each as (span, text).
/// A line cut by the span's ends where they fall inside it.
pub(crate) fn prose<'a>(ctx: &'a Context, span: Span) -> Vec<(Span, &'a str)> {
    let text: &'a str = &ctx.doc.text;
    let index = ctx.lines.get_or_init(|| {
        let mut tables = table_spans(ctx.doc);
        for t in [
            &ctx.report.proactive,
            &ctx.report.requests,
            &ctx.report.appeals,
        ] {
            if let Some(s) = t.span {
                tables.push(s);
            }
        }
        tables.sort_unstable_by_key(|t| t.start);
        let mut index = ProseIndex {
            tables,
            kept: Vec::new(),
        };
        index.kept = index.whole_lines(text, ctx.doc.line_starts());
        index
    });
    let start = span.start.min(text.len());
    let end = span.end.min(text.len());
    if text.get(start..end).is_none() {
        return Vec::new();
    }
    let starts = ctx.doc.line_starts();
    // The line holding `start`, then every line that begins before `end`.
    let first = starts.partition_point(|&s| s <= start).saturating_sub(1);
    let mut out = Vec::new();
    for (i, &line_start) in starts.iter().enumerate().skip(first) {
        let from = line_start.max(start);
        if from >= end {
            break;
        }
        let line_end = starts.get(i + 1).map_or(text.len(), |&next| next);
        let to = line_end.min(end);
        // A whole line was looked at once for all; a cut one is looked at now.
        let kept = if from == line_start && to == line_end {
            index.kept[i]
        } else {
            index.piece(text, from, to)
        };
        if let Some(s) = kept {
            out.push((s, s.slice(text)));
        }
    }
    out
}

/// Where a missing section should be: before the heading of the next
/// section found; after all of them, the last line of the section before
/// it; the document as a whole when no section was found.
pub(crate) fn missing_section_at(ctx: &Context, ordinal: u8) -> Location {
    let r = ctx.report;
    if let Some(next) = r
        .sections
        .iter()
        .filter(|s| s.ordinal > ordinal)
        .min_by_key(|s| (s.ordinal, s.heading.start))
    {
        return Location::Span(next.heading);
    }
    let Some(before) = r
        .sections
        .iter()
        .filter(|s| s.ordinal < ordinal)
        .max_by_key(|s| (s.ordinal, s.heading.start))
    else {
        return Location::Document;
    };
    let last = prose(ctx, before.body).last().map(|(span, _)| *span);
    Location::Span(last.unwrap_or(before.heading))
}

/// Where something a section should say but does not belongs: the line of
/// the section holding one of `words` (its sub-heading, say), else the
/// section's heading; the document as a whole when the section is missing.
pub(crate) fn in_section_at(ctx: &Context, ordinal: u8, words: &[&str]) -> Location {
    let Some(s) = ctx.report.section(ordinal) else {
        return Location::Document;
    };
    prose(ctx, s.body)
        .into_iter()
        .find(|(_, line)| words.iter().any(|w| line.contains(w)))
        .map_or(Location::Span(s.heading), |(span, _)| Location::Span(span))
}

/// The whole document.
pub(crate) fn whole(doc: &Document) -> Span {
    Span::new(0, doc.text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_agree_with_each_line_looked_at_alone() {
        let text = "一、总体情况\n\n  \t\n第一行\r\n表格\t1\n表格\t2\n之间\n表格\t3\n末行";
        let starts = crate::span::line_starts(text);
        let line = |i: usize| Span::new(starts[i], starts.get(i + 1).map_or(text.len(), |&n| n));
        let n = starts.len();
        // Tables over any run of lines, overlapping and out of order, and
        // spans that end inside a line.
        let mut layouts: Vec<Vec<Span>> = vec![Vec::new()];
        for a in 0..n {
            for b in a..n {
                layouts.push(vec![line(a).cover(line(b))]);
                layouts.push(vec![line(b), line(a).cover(line(b)), line(a)]);
                layouts.push(vec![Span::new(line(a).start, line(b).end - 1), line(a)]);
            }
        }
        for tables in layouts {
            let mut sorted = tables.clone();
            sorted.sort_unstable_by_key(|t| t.start);
            let index = ProseIndex {
                tables: sorted,
                kept: Vec::new(),
            };
            let one_by_one: Vec<Option<Span>> = (0..n)
                .map(|i| index.piece(text, line(i).start, line(i).end))
                .collect();
            assert_eq!(index.whole_lines(text, &starts), one_by_one, "{tables:?}");
        }
    }
}
