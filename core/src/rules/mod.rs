//! The rule catalogue of FORMAT.md §3. One family per file: its catalogue
//! entries (`RULES`), its rules, the report each rule's example message comes
//! from (`examples`, tested below) and its snapshot tests.
//!
//! | family | file |
//! |---|---|
//! | S sections | [`sections`] |
//! | F format | [`format`] |
//! | A arithmetic | [`arithmetic`] |
//! | N numbers | [`numbers`] |
//! | T text | [`text`] |
//! | Q quality | [`quality`] |
//! | P plausibility | [`plausibility`] |
//! | X across reports | [`cross`] |

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

/// A catalogue entry ([`RuleMeta`]), written in each family's file.
macro_rules! rule {
    ($id:literal, $sev:ident, $fam:literal, $t:literal, $ten:literal, $d:literal, $den:literal, $ex:literal) => {
        $crate::rules::RuleMeta {
            id: $id,
            severity: $crate::diagnostic::Severity::$sev,
            family: $fam,
            title: $t,
            title_en: $ten,
            description: $d,
            description_en: $den,
            example: $ex,
        }
    };
}

pub mod arithmetic;
pub mod cross;
pub mod format;
pub mod numbers;
pub mod plausibility;
pub mod quality;
pub mod sections;
pub mod text;

#[cfg(test)]
pub(crate) mod testing;

/// What the rules need to look at one report.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub report: &'a Report,
    /// Where the lines start and where the tables are, found once for all
    /// the rules that read the prose.
    lines: std::cell::OnceCell<ProseIndex>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, report: &'a Report) -> Self {
        Context {
            doc,
            report,
            lines: std::cell::OnceCell::new(),
        }
    }
}

struct ProseIndex {
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
    pub id: &'static str,
    pub severity: Severity,
    pub family: &'static str,
    /// What the rule checks, in Chinese and in English.
    pub title: &'static str,
    pub title_en: &'static str,
    /// A longer explanation, in Chinese and in English.
    pub description: &'static str,
    pub description_en: &'static str,
    /// A message the rule gives, as an example.
    pub example: &'static str,
}

/// The catalogue, family by family: each family's entries sit in its own
/// file beside its rules ([`sections::RULES`], …), in this order.
const FAMILIES: [&[RuleMeta]; 8] = [
    sections::RULES,
    format::RULES,
    arithmetic::RULES,
    numbers::RULES,
    text::RULES,
    quality::RULES,
    plausibility::RULES,
    cross::RULES,
];

/// How many rules the catalogue has.
const COUNT: usize = {
    let (mut n, mut f) = (0, 0);
    while f < FAMILIES.len() {
        n += FAMILIES[f].len();
        f += 1;
    }
    n
};

/// The families' entries one after the other.
const ALL: [RuleMeta; COUNT] = {
    let mut out = [FAMILIES[0][0]; COUNT];
    let (mut at, mut f) = (0, 0);
    while f < FAMILIES.len() {
        let mut i = 0;
        while i < FAMILIES[f].len() {
            out[at] = FAMILIES[f][i];
            at += 1;
            i += 1;
        }
        f += 1;
    }
    out
};

/// Every rule of the catalogue.
pub static RULES: &[RuleMeta] = &ALL;

pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|r| r.id == id)
}

/// The severity of a rule of the registry (Warning for an unknown id).
pub fn severity(id: &str) -> Severity {
    meta(id).map(|m| m.severity).unwrap_or(Severity::Warning)
}

/// A finding of rule `id`, with the registry's severity.
pub(crate) fn finding(
    id: &'static str,
    at: Location,
    message: impl Into<String>,
    message_en: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(id, severity(id), at, message, message_en)
}

/// Run every single-report rule.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A spreadsheet holds the tables alone: judging its sections and narrative
    // would only report, rule after rule, that they are absent.
    let tables_only = ctx.doc.input.kind == crate::document::InputKind::Xlsx;
    if !tables_only {
        sections::check(ctx, &mut out);
    }
    format::check(ctx, &mut out);
    arithmetic::check(ctx, &mut out);
    numbers::check(ctx, &mut out);
    if !tables_only {
        text::check(ctx, &mut out);
        quality::check(ctx, &mut out);
    }
    plausibility::check(ctx, &mut out);
    out
}

/// A finding that compares two reports (the X rules).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossFinding {
    /// Index of the later report (the one the finding is located in).
    pub report: usize,
    /// Index of the earlier report it is compared with.
    pub other: usize,
    pub diagnostic: Diagnostic,
    /// Places in the earlier report that take part (e.g. last year's
    /// 结转下年度 cell).
    pub other_related: Vec<Location>,
}

/// Run the cross-report rules over several reports (any order); `None` stands
/// for a file that could not be read. Indices in the findings are positions in
/// `reports`.
pub fn run_cross(reports: &[Option<Context>]) -> Vec<CrossFinding> {
    cross::check(reports)
}

// ---------------------------------------------------------------------------
// Helpers shared by the rule families.

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

/// The whole document.
pub(crate) fn whole(doc: &Document) -> Span {
    Span::new(0, doc.text.len())
}

/// docs/rules.md, generated from [`RULES`].
pub fn rules_markdown() -> String {
    let mut s = String::new();
    s.push_str("# Rules\n\n");
    s.push_str("<!-- Generated from core/src/rules/mod.rs (RULES); do not edit by hand.\n");
    s.push_str(
        "     Regenerate with: UPDATE_RULE_DOCS=1 cargo test -p nianbao-core rules_doc -->\n\n",
    );
    s.push_str("Severity: **E** error (the report is wrong), **W** warning (probably wrong, or off the format), **I** information.\n\n");
    s.push_str(
        "Every finding says where it sits (`at`: a table cell by its canonical keys, or a span \
         of the text), which other cells take part (`related`: for a sum, the total and each \
         addend), and, where a number is involved, what was `expected` and what was found \
         (`actual`). Messages are in Chinese, with an English version; row and column labels \
         in them come from the national template.\n\n\
         In sums a blank cell (空白, “/”, “-”, “无”) counts as 0 (N002 reports it); a sum that \
         involves a missing or unreadable cell is not checked (F003 and N001 report those). A \
         failed sum cannot tell which of its cells is wrong, so the finding names them all; \
         where a row sum and a column sum of table 三 fail at once and changing one cell would \
         balance both, the finding names that cell and its value.\n\n\
         The X rules compare reports of one agency (same name, with or without its city) for \
         consecutive years, checked together.\n\n",
    );
    s.push_str("| id | sev | what is checked |\n|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} — {} |\n",
            r.id,
            r.id.to_lowercase(),
            sev_letter(r.severity),
            r.title,
            r.title_en
        ));
    }
    let families = [
        ("S", "Sections"),
        ("F", "Format of the tables"),
        ("A", "Arithmetic of the tables"),
        ("N", "Numbers in cells"),
        ("T", "Text against tables, years, dates"),
        ("Q", "Quality of content"),
        ("P", "Plausibility"),
        ("X", "Across reports of one agency"),
    ];
    for (f, name) in families {
        s.push_str(&format!("\n## {f} — {name}\n"));
        for r in RULES.iter().filter(|r| r.family == f) {
            s.push_str(&format!(
                "\n### {}\n\n**{}** · {} · {}\n\n{}\n\n{}\n\nExample: “{}”\n",
                r.id,
                sev_letter(r.severity),
                r.title,
                r.title_en,
                r.description,
                r.description_en,
                r.example
            ));
        }
    }
    s
}

fn sev_letter(s: Severity) -> &'static str {
    match s {
        Severity::Error => "E",
        Severity::Warning => "W",
        Severity::Info => "I",
    }
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

    #[test]
    fn registry_is_complete_and_unique() {
        let ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), 28);
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        for r in RULES {
            assert_eq!(&r.id[..1], r.family);
            assert!(!r.description.is_empty() && !r.example.is_empty());
        }
        // Each family's file holds its own entries, and only those.
        for family in FAMILIES {
            assert!(family.iter().all(|r| r.family == family[0].family));
        }
        assert_eq!(meta("A004").map(|m| m.severity), Some(Severity::Error));
        assert_eq!(meta("X002").map(|m| m.severity), Some(Severity::Info));
    }

    /// The first message of each rule on its example report.
    fn example_messages() -> Vec<(&'static str, Option<String>)> {
        [
            sections::examples,
            format::examples,
            arithmetic::examples,
            numbers::examples,
            text::examples,
            quality::examples,
            plausibility::examples,
            cross::examples,
        ]
        .into_iter()
        .flat_map(|examples| examples())
        .map(|(id, fx)| {
            let found: Vec<Diagnostic> = if id.starts_with('X') {
                let ctxs: Vec<_> = fx.iter().map(|f| Some(f.ctx())).collect();
                run_cross(&ctxs).into_iter().map(|f| f.diagnostic).collect()
            } else {
                fx.first().map(|f| run(&f.ctx())).unwrap_or_default()
            };
            (
                id,
                found.into_iter().find(|d| d.rule == id).map(|d| d.message),
            )
        })
        .collect()
    }

    #[test]
    fn every_rule_has_an_example_report_and_its_example_is_real() {
        let got = example_messages();
        assert_eq!(got.len(), RULES.len());
        let mut wrong = Vec::new();
        for (id, message) in &got {
            let m = meta(id).expect("rule in registry");
            match message {
                None => wrong.push(format!("{id}: the example report gives no {id}")),
                Some(msg) if msg != m.example => wrong.push(format!("{id}: {msg}")),
                _ => {}
            }
        }
        assert!(
            wrong.is_empty(),
            "examples differ from the rules' messages:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn nothing_found_gives_missing_sections_and_tables() {
        let doc = Document {
            lines: Default::default(),
            text: String::new(),
            blocks: Vec::new(),
            input: crate::document::InputInfo {
                kind: crate::document::InputKind::Text,
                encoding: "utf-8".into(),
                layout: "unknown".into(),
            },
        };
        let report = Report::empty();
        let d = run(&Context::new(&doc, &report));
        let ids: Vec<_> = d.iter().map(|d| d.rule).collect();
        assert_eq!(
            ids,
            ["S001", "S001", "S001", "S001", "S001", "S001", "F003", "F003", "F003"]
        );
    }

    #[test]
    fn spans_off_the_text_do_not_panic() {
        let mut f = testing::clean();
        let len = f.doc.text.len();
        for s in f.report.sections.iter_mut() {
            s.body = Span::new(s.body.start + 1, len + 100);
            s.heading = Span::new(len + 5, len + 1);
        }
        if let Some(c) = f.report.requests.cells.first_mut() {
            c.span = Some(Span::new(1, 2));
        }
        f.doc.text.push_str("一是二是十是百是是（（（)）1.2.3、");
        let _ = run(&f.ctx());
        let _ = run_cross(&[Some(f.ctx()), Some(f.ctx()), None]);
    }

    /// docs/rules.md is generated from the registry; run with
    /// `UPDATE_RULE_DOCS=1` to rewrite it.
    #[test]
    fn rules_doc() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
        let generated = rules_markdown();
        if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
            std::fs::create_dir_all(path.parent().expect("docs dir")).expect("create docs/");
            std::fs::write(&path, &generated).expect("write docs/rules.md");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/rules.md is stale: run `UPDATE_RULE_DOCS=1 cargo test -p nianbao-core rules_doc`"
        );
    }
}
