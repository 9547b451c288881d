//! The three statistical tables, read into the canonical keys of the template.
//!
//! Extraction walks the cells of a table in reading order and does not rely
//! on row boundaries: a row label is followed by its values; the labels of
//! table 四 are all in its header and its figures follow in template order.

use crate::document::{Cell, Document, Table};
use crate::report::{
    CellProblem, CellRead, LabelDeviation, LabelKind, LabelRead, Reading, Report, Section,
    TableAnomaly, TableRead,
};
use crate::span::{Span, Trim};
use crate::vocab::label::{self, Match};
use crate::vocab::template::{ColumnKey, LabelKey, Layout, RowKey, TableDef, TableKey, Template};
use crate::vocab::terms::{is_template_label, template_labels};
use crate::vocab::value::{parse_value, value_like};
use std::borrow::Cow;

/// What reading a table needs to know about the document.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    text: &'a str,
    /// Figures may have been split at spaces (text copied from a PDF):
    /// `1 129.7494` is one figure when a row has one figure too many.
    split_figures: bool,
}

/// One cell prepared for matching.
struct Item<'a> {
    cell: &'a Cell,
    /// The label's comparison form (numbering removed); empty for values.
    key: &'a str,
    value: bool,
}

/// The comparison forms of the labels of all the tables' cells, in one
/// string, so that a report's few hundred labels take one allocation.
#[derive(Default)]
struct Keys {
    text: String,
}

/// A cell that is not a continuation, with where its key ends in
/// [`Keys::text`] and whether it is a value.
type Marked<'a> = (&'a Cell, usize, bool);

impl Keys {
    /// The cells that are not continuations, marked.
    fn add<'a>(&mut self, cells: &[&'a Cell]) -> Vec<Marked<'a>> {
        cells
            .iter()
            .filter(|c| !c.continuation)
            .map(|c| {
                let value = value_like(&c.text) || odd_value(&c.text);
                if !value {
                    label::key_into(&c.text, &mut self.text);
                }
                (*c, self.text.len(), value)
            })
            .collect()
    }
}

/// The items of one table's cells from what [`Keys::add`] gave, `start`
/// being where its first key starts.
fn items<'a>(keys: &'a str, start: usize, cells: &[Marked<'a>]) -> Vec<Item<'a>> {
    let mut from = start;
    cells
        .iter()
        .map(|&(cell, end, value)| {
            let key = &keys[from..end];
            from = end;
            Item { cell, key, value }
        })
        .collect()
}

/// A table of the template prepared once for matching labels.
struct TablePre {
    def: &'static TableDef,
    rows: Vec<(label::Prepared, bool)>,
    columns: Vec<(label::Prepared, bool)>,
    /// Comparison forms of row groups, blocks and column groups.
    structural: rustc_hash::FxHashSet<&'static str>,
    /// Where each row's first cell is in [`TableDef::cells`] order.
    row_start: Vec<usize>,
    /// Every piece of one to four characters of the row groups and blocks
    /// (for [`is_group_fragment`]).
    group_pieces: rustc_hash::FxHashSet<&'static str>,
}

impl TablePre {
    fn new(def: &'static TableDef) -> Self {
        let ambiguous = |s: &'static str| label::folded(s).chars().count() <= 2;
        TablePre {
            def,
            rows: def
                .rows
                .iter()
                .map(|r| (label::Prepared::new(r.label, r.aliases), ambiguous(r.label)))
                .collect(),
            columns: def
                .columns
                .iter()
                .map(|c| (label::Prepared::new(c.label, c.aliases), ambiguous(c.label)))
                .collect(),
            structural: def
                .rows
                .iter()
                .filter_map(|r| r.parent)
                .chain(def.rows.iter().filter_map(|r| r.block))
                .chain(def.columns.iter().filter_map(|c| c.group))
                .map(label::folded)
                .collect(),
            row_start: def.row_starts().collect(),
            group_pieces: def
                .rows
                .iter()
                .filter_map(|r| r.parent.or(r.block))
                .flat_map(|g| pieces(label::folded(g), 4))
                .collect(),
        }
    }
}

/// The prepared form of a table of the template.
fn pre(def: &'static TableDef) -> &'static TablePre {
    static PRE: std::sync::OnceLock<[[TablePre; 3]; 2]> = std::sync::OnceLock::new();
    let all = PRE.get_or_init(|| {
        [Layout::Y2021, Layout::Y2019]
            .map(|l| TableKey::ALL.map(|k| TablePre::new(Template::get(l).table(k))))
    });
    match all.iter().flatten().find(|p| std::ptr::eq(p.def, def)) {
        Some(p) => p,
        // A table that is not one of the template's (not expected).
        None => Box::leak(Box::new(TablePre::new(def))),
    }
}

/// The labels (comparison form, longer than two characters) of each table,
/// both layouts.
fn table_labels(key: TableKey) -> &'static rustc_hash::FxHashSet<&'static str> {
    use rustc_hash::FxHashSet;
    static SETS: std::sync::OnceLock<[FxHashSet<&'static str>; 3]> = std::sync::OnceLock::new();
    let sets = SETS.get_or_init(|| {
        TableKey::ALL.map(|key| {
            let mut labels: FxHashSet<&'static str> = FxHashSet::default();
            for layout in [Layout::Y2021, Layout::Y2019] {
                let def = Template::get(layout).table(key);
                for r in def.rows {
                    labels.insert(label::folded(r.label));
                    labels.extend(r.aliases.iter().map(|a| label::folded(a)));
                }
                for c in def.columns {
                    labels.insert(label::folded(c.label));
                    labels.extend(c.aliases.iter().map(|a| label::folded(a)));
                }
            }
            labels.retain(|l| l.chars().count() > 2);
            labels
        })
    });
    match key {
        TableKey::Proactive => &sets[0],
        TableKey::Requests => &sets[1],
        TableKey::Appeals => &sets[2],
    }
}

/// A short text that cannot be a label (no label of the template contains
/// it): “x”, “不详” in a figure's place. Read as a value, which then is not
/// a number.
fn odd_value(text: &str) -> bool {
    let t = text.trim_ws();
    if t.is_empty() || t.chars().count() > 3 || label::numbering(t).is_some() {
        return false;
    }
    let k = label::fold(t);
    !k.is_empty() && !label_pieces().contains(k.as_str())
}

/// Every piece of one to three characters of every template label: what
/// [`odd_value`] looks a short text up in.
fn label_pieces() -> &'static rustc_hash::FxHashSet<&'static str> {
    static PIECES: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    PIECES.get_or_init(|| {
        template_labels()
            .iter()
            .flat_map(|l| pieces(l.as_str(), 3))
            .collect()
    })
}

/// Every piece of one to `max` characters of `s`.
fn pieces(s: &'static str, max: usize) -> impl Iterator<Item = &'static str> {
    let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    (0..starts.len()).flat_map(move |a| {
        let from = starts[a];
        starts[a + 1..]
            .iter()
            .take(max)
            .map(move |&to| &s[from..to])
            .collect::<Vec<_>>()
    })
}

/// How strongly a table's cells speak for each of the three tables.
fn score(items: &[Item], key: TableKey) -> usize {
    let labels = table_labels(key);
    items
        .iter()
        .filter(|i| !i.value && labels.contains(i.key))
        .count()
}

/// Which tables of the document hold which statistical table.
/// `prepared` holds each table of the document with its cells prepared;
/// the answer is indices into it.
fn assign(prepared: &[(&Table, Vec<Item>)], sections: &[Section]) -> [Vec<usize>; 3] {
    let mut out: [Vec<usize>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut last: Option<usize> = None;
    for (ti, (t, it)) in prepared.iter().enumerate() {
        let scores: Vec<usize> = TableKey::ALL.iter().map(|k| score(it, *k)).collect();
        let (best, &top) = scores
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (**s, usize::MAX - i))
            .unwrap_or((0, &0));
        let idx = if top >= 2 {
            Some(best)
        } else {
            // A table without labels: its section says which it is, else it
            // continues the table before it (figures cut off by a page break).
            let in_section = sections
                .iter()
                .find(|s| {
                    s.body.contains(t.span)
                        || (s.body.start <= t.span.start && t.span.start < s.body.end)
                })
                .and_then(|s| TableKey::ALL.iter().position(|k| k.section() == s.ordinal));
            let has_values = it
                .iter()
                .any(|i| i.value && !i.cell.text.trim_ws().is_empty());
            if !has_values {
                None
            } else {
                in_section.or(last)
            }
        };
        if let Some(i) = idx {
            out[i].push(ti);
            last = Some(i);
        }
        // A block that holds a second table as well (a heading between
        // them not recognised): it is read for that table too.
        if top >= 2 {
            for (k, &sc) in scores.iter().enumerate() {
                if k != best && sc >= 3 && sc * 4 >= top {
                    out[k].push(ti);
                }
            }
        }
    }
    out
}

/// Read all three tables into the report; sets the report's format.
pub(super) fn fill(doc: &Document, report: &mut Report) {
    let mut keys = Keys::default();
    let marked: Vec<(&Table, usize, Vec<Marked>)> = doc
        .tables()
        .map(|t| {
            let cells: Vec<&Cell> = t.cells().collect();
            let start = keys.text.len();
            (t, start, keys.add(&cells))
        })
        .collect();
    let prepared: Vec<(&Table, Vec<Item>)> = marked
        .iter()
        .map(|(t, start, cells)| (*t, items(&keys.text, *start, cells)))
        .collect();
    let assigned = assign(&prepared, &report.sections);
    let ctx = Ctx {
        text: &doc.text,
        split_figures: matches!(doc.input.layout.as_str(), "plain" | "positioned"),
    };
    let year = report.year.as_ref().map(|y| y.value);
    for (i, key) in TableKey::ALL.iter().enumerate() {
        let tables = &assigned[i];
        if tables.is_empty() {
            continue;
        }
        // The cells' labels do not depend on the layout: prepared once.
        let items: Vec<&Item> = tables
            .iter()
            .filter_map(|&k| prepared.get(k))
            .flat_map(|(_, it)| it.iter())
            .collect();
        let span = tables
            .iter()
            .filter_map(|&k| prepared.get(k))
            .map(|(t, _)| t.span)
            .reduce(Span::cover)
            .unwrap_or_default();
        let read = match key {
            TableKey::Appeals => read_appeals(ctx, &items, Layout::Y2021),
            _ => {
                // The layout of the report's year is read first and keeps a
                // tie; the other wins only with a better fit, and is not read
                // at all when even a perfect fit could not be better.
                let (first, second) = if year.is_some_and(|y| y < 2021) {
                    (Layout::Y2019, Layout::Y2021)
                } else {
                    (Layout::Y2021, Layout::Y2019)
                };
                let a = read_rows(ctx, *key, &items, first);
                if best_fit(*key, second) <= a.1 {
                    a.0
                } else {
                    let b = read_rows(ctx, *key, &items, second);
                    if b.1 > a.1 {
                        b.0
                    } else {
                        a.0
                    }
                }
            }
        };
        let mut read = read;
        // A table in pieces (a page break): rows left between them.
        let mut pieces: Vec<Span> = tables
            .iter()
            .filter_map(|&k| prepared.get(k))
            .map(|(t, _)| t.span)
            .collect();
        pieces.sort_by_key(|s| s.start);
        if pieces
            .windows(2)
            .any(|w| rows_between(&doc.text, w[0], w[1]))
        {
            doubt_missing(&mut read);
        }
        read.found = true;
        read.span = Some(span);
        *report.table_mut(*key) = read;
    }

    // Table 二's single figures written beside it as lines (行政许可 97).
    let body = report
        .sections
        .iter()
        .find(|s| s.ordinal == 2)
        .map(|s| s.body);
    if let (true, Some(body)) = (report.proactive.found, body) {
        label_lines(&doc.text, body, &mut report.proactive);
    }

    // Tables whose figures the text runs together, read from the text.
    super::glued::fill(doc, report);

    // The layout of the report, and whether its tables mix layouts.
    let p = &report.proactive;
    let r = &report.requests;
    let format = if p.found {
        p.layout
    } else if r.found {
        r.layout
    } else {
        Layout::Unknown
    };
    let mut mixed = p.found && r.found && p.layout != r.layout;
    // A single 三(六) row in a report that otherwise follows 2021.
    let requests_merged = r.found
        && r.layout == Layout::Y2019
        && ((p.found && p.layout == Layout::Y2021)
            || (!p.found && year.is_some_and(|y| y >= 2021)));
    if requests_merged {
        mixed = true;
        let other = r
            .labels
            .iter()
            .find(|l| l.key == LabelKey::Row(RowKey::Other));
        let (found, span) = other.map_or_else(
            || (String::new(), r.span.unwrap_or_default()),
            |l| (l.found.clone(), l.span),
        );
        let rows = Template::get(Layout::Y2021)
            .requests
            .rows
            .iter()
            .filter(|row| {
                row.parent
                    == Template::get(Layout::Y2021)
                        .requests
                        .row(RowKey::OtherMisc)
                        .and_then(|m| m.parent)
            })
            .map(|row| row.key)
            .collect();
        report
            .requests
            .anomalies
            .push(TableAnomaly::Merged { rows, found, span });
    }
    // The reverse: the three 2021 rows of 三(六) in a report that otherwise
    // follows 2019, where one row 其他处理 is expected.
    let r = &report.requests;
    let p = &report.proactive;
    let requests_split = r.found
        && r.layout == Layout::Y2021
        && ((p.found && p.layout == Layout::Y2019) || (!p.found && year.is_some_and(|y| y < 2021)));
    if requests_split {
        mixed = true;
        let split_rows = Template::get(Layout::Y2021).requests.rows;
        let other_parent = Template::get(Layout::Y2021)
            .requests
            .row(RowKey::OtherMisc)
            .and_then(|m| m.parent);
        let spans: Vec<Span> = r
            .labels
            .iter()
            .filter(|l| {
                split_rows
                    .iter()
                    .any(|d| LabelKey::Row(d.key) == l.key && d.parent == other_parent)
            })
            .map(|l| l.span)
            .collect();
        let span = spans
            .into_iter()
            .reduce(Span::cover)
            .or(r.span)
            .unwrap_or_default();
        if let Some(other) = Template::get(Layout::Y2019).requests.row(RowKey::Other) {
            report.requests.anomalies.push(TableAnomaly::Split {
                row: other.key,
                span,
            });
        }
    }
    report.format = if requests_merged && !report.proactive.found {
        Layout::Y2021
    } else if requests_split && !report.proactive.found {
        Layout::Y2019
    } else {
        format
    };
    report.mixed_layout = mixed;
    if report.appeals.found && report.format != Layout::Unknown {
        report.appeals.layout = report.format;
    }
}

fn deviation(found_key: &str, official: &'static str, m: Match) -> Option<LabelDeviation> {
    match m {
        Match::Exact => None,
        Match::Alias(_) | Match::Fuzzy(_) => {
            let (zh, en) = label::describe_difference(label::folded(official), found_key);
            let (detail, detail_en) = match m {
                Match::Alias(_) => (
                    format!("与国家格式的措辞不同：{zh}"),
                    format!("worded differently from the national format: {en}"),
                ),
                _ => (zh, en),
            };
            Some(LabelDeviation {
                expected: official,
                detail,
                detail_en,
            })
        }
    }
}

fn label_read(key: LabelKey, item: &Item, official: &'static str, m: Match) -> LabelRead {
    label_read_of(key, item.cell, item.key, official, m)
}

fn label_read_of(
    key: LabelKey,
    cell: &Cell,
    found_key: &str,
    official: &'static str,
    m: Match,
) -> LabelRead {
    LabelRead {
        kind: match key {
            LabelKey::Row(_) => LabelKind::Row,
            LabelKey::Column(_) => LabelKind::Column,
        },
        key,
        found: label::collapse(&cell.text),
        span: cell.span,
        deviation: deviation(found_key, official, m),
    }
}

/// A column label; in text copied from a PDF, where header cells break
/// anywhere, a label that is just a piece of the official one is no deviation.
fn column_label(
    ctx: Ctx,
    col: &'static crate::vocab::template::ColumnDef,
    item: &Item,
    m: Match,
) -> LabelRead {
    let mut l = label_read(LabelKey::Column(col.key), item, col.label, m);
    if ctx.split_figures && label::folded(col.label).contains(item.key) {
        l.deviation = None;
    }
    l
}

/// Labels that structure a table without naming a row or column: row groups
/// (不予公开), blocks (第二十条第（一）项), column groups (法人或其他组织).
fn is_structural(def: &'static TableDef, key: &str) -> bool {
    pre(def).structural.contains(key)
}

/// The best row for a label, looking forward from `pos`.
fn match_row(
    def: &'static TableDef,
    pos: usize,
    key: &str,
    has_values: bool,
) -> Option<(usize, Match)> {
    let rows = &pre(def).rows;
    let candidates = rows
        .iter()
        .enumerate()
        .skip(pos)
        .filter(|&(ri, (_, ambiguous))| {
            let near = ri < pos + 4;
            !(*ambiguous && !(near && (has_values || ri < pos + 2)))
        })
        // fuzzy only near where the table has got to
        .map(|(ri, (r, _))| (ri, r, ri < pos + 4));
    best_match(key, candidates)
}

/// The best match of a found label (comparison form) among template
/// labels `(index, label, whether a fuzzy match counts)`: the least
/// [`Match`], the first of equals. An exact match beats every other: the
/// first one, if any, is found without computing distances.
fn best_match<'p>(
    key: &str,
    candidates: impl Iterator<Item = (usize, &'p label::Prepared, bool)> + Clone,
) -> Option<(usize, Match)> {
    if key.is_empty() {
        return None;
    }
    if let Some((i, _, _)) = candidates.clone().find(|(_, p, _)| key == p.folded) {
        return Some((i, Match::Exact));
    }
    let found = label::Found::new(key);
    let mut best: Option<(usize, Match)> = None;
    for (i, p, fuzzy) in candidates {
        if let Some(m) = label::compare_prepared(&found, p, fuzzy) {
            if best.is_none_or(|(_, b)| m < b) {
                best = Some((i, m));
            }
        }
    }
    best
}

fn match_column(
    def: &'static TableDef,
    key: &str,
    allow_ambiguous: bool,
) -> Option<(usize, Match)> {
    let candidates = pre(def)
        .columns
        .iter()
        .enumerate()
        .filter(|(_, (_, ambiguous))| allow_ambiguous || !*ambiguous)
        .map(|(ci, (c, _))| (ci, c, true));
    best_match(key, candidates)
}

fn cell_read(row: RowKey, column: ColumnKey, cell: Option<&Cell>) -> CellRead {
    match cell {
        None => CellRead {
            row,
            column,
            value: None,
            raw: None,
            span: None,
            problem: Some(CellProblem::Missing),
            reading: Reading::Certain,
        },
        Some(c) => {
            let parsed = parse_value(&c.text);
            let (parsed, reading) = match parsed {
                Err(CellProblem::NotNumber) if column == ColumnKey::Amount => {
                    in_wanyuan(&c.text).map_or((parsed, Reading::Certain), |(v, r)| (Ok(v), r))
                }
                _ => (parsed, Reading::Certain),
            };
            CellRead {
                row,
                column,
                value: parsed.ok(),
                raw: Some(c.text.clone()),
                span: Some(c.span),
                problem: parsed.err(),
                reading,
            }
        }
    }
}

/// The cells of table 二's rows of one figure that the table lacks, where
/// the section's text gives them as lines of a row label and a figure
/// (`行政许可 97`): a transcription that left these rows out of the table.
fn label_lines(text: &str, body: Span, read: &mut TableRead) {
    let def: &'static TableDef = Template::get(read.layout).table(read.key);
    let Some(region) = text.get(body.start..body.end.min(text.len())) else {
        return;
    };
    for line in region.lines() {
        let Some((lab, fig)) = line.trim_ws().rsplit_once(char::is_whitespace) else {
            continue;
        };
        let fig = fig.trim_ws();
        if parse_value(fig).is_err() {
            continue;
        }
        let key = label::key(lab);
        for (ri, row) in def.rows.iter().enumerate() {
            let [col] = row.columns else { continue };
            let lacking = read
                .cell(row.key, *col)
                .is_some_and(|c| c.problem == Some(CellProblem::Missing));
            if !lacking || key != pre(def).rows[ri].0.folded {
                continue;
            }
            // `fig` is a part of `text`: its place is where it starts.
            let at = fig.as_ptr() as usize - text.as_ptr() as usize;
            let cell = Cell::new(fig, Span::new(at, at + fig.len()));
            set_cell(read, row.key, *col, Some(&cell));
        }
    }
}

/// An amount written with its unit where the column's unit is 万元: `25.1万元`
/// is 25.1 as written; `251000元` is 25.1 万元 converted by the checker (a
/// reading put together, on which no error is built).
fn in_wanyuan(raw: &str) -> Option<(f64, Reading)> {
    let t = raw.trim_ws();
    if let Some(n) = t.strip_suffix("万元") {
        return parse_value(n).ok().map(|v| (v, Reading::Certain));
    }
    let n = t.strip_suffix('元')?;
    let v = parse_value(n).ok()?;
    Some((v / 10000.0, Reading::Reconstructed))
}

/// Keep `n` values out of a run of value cells: placeholders of merged cells
/// at either end go first; figures split at a space are joined again when
/// the document may split them.
/// Cells are borrowed from the document; only a joined figure is new.
fn fit<'a>(ctx: Ctx, run: Vec<&'a Cell>, n: usize) -> Vec<Cow<'a, Cell>> {
    // Only the first cells after the placeholders can be needed.
    let keep = run
        .iter()
        .take_while(|c| c.text.trim_ws().is_empty())
        .count()
        + 2 * n
        + 8;
    let mut run: Vec<Cow<'a, Cell>> = run.into_iter().take(keep).map(Cow::Borrowed).collect();
    while run.len() > n && run.last().is_some_and(|c| c.text.trim_ws().is_empty()) {
        run.pop();
    }
    let leading = run
        .iter()
        .take_while(|c| c.text.trim_ws().is_empty())
        .count();
    let drop = leading.min(run.len().saturating_sub(n));
    run.drain(..drop);
    while ctx.split_figures && run.len() > n {
        let Some(k) =
            (0..run.len().saturating_sub(1)).find(|&k| thousands_pair(ctx, &run[k], &run[k + 1]))
        else {
            break;
        };
        let span = run[k].span.cover(run[k + 1].span);
        let joined = Cell::new(span.slice(ctx.text), span);
        run[k] = Cow::Owned(joined);
        run.remove(k + 1);
    }
    run
}

/// `1` and `129.7494` separated by one space: one figure, 1129.7494.
fn thousands_pair(ctx: Ctx, a: &Cell, b: &Cell) -> bool {
    let head = a.text.trim_start_matches('-');
    let gap = ctx.text.get(a.span.end..b.span.start).unwrap_or("x");
    let (int, frac) = b.text.split_once('.').unwrap_or((&b.text, ""));
    (1..=3).contains(&head.len())
        && head.chars().all(|c| c.is_ascii_digit())
        && int.len() == 3
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
        && gap.chars().count() == 1
        && gap
            .chars()
            .all(|c| c == ' ' || c == '\u{3000}' || c == '\u{a0}')
}

fn set_cell(read: &mut TableRead, row: RowKey, column: ColumnKey, cell: Option<&Cell>) {
    if let Some(slot) = read.cell_mut(row, column) {
        *slot = cell_read(row, column, cell);
    }
}

/// [`set_cell`] where the cell's place among the table's cells is known
/// (`at`, in [`TableDef::cells`] order): found there without a search.
fn set_cell_at(
    read: &mut TableRead,
    at: usize,
    row: RowKey,
    column: ColumnKey,
    cell: Option<&Cell>,
) {
    if read.place_holds(at, row, column) {
        read.cells[at] = cell_read(row, column, cell);
    } else {
        set_cell(read, row, column, cell);
    }
}

/// The figures of row `ri` into the table.
fn set_row(read: &mut TableRead, def: &'static TableDef, ri: usize, values: &[Cow<Cell>]) {
    let (Some(row), Some(&start)) = (def.rows.get(ri), pre(def).row_start.get(ri)) else {
        return;
    };
    // Fewer figures than columns (`| 规章 | 22 | 235 |` under three): a
    // figure was lost, and which one the reader cannot tell. None is put
    // under a column it may not belong to; the row's cells are unsure.
    if row.columns.len() > 1 && !values.is_empty() && values.len() < row.columns.len() {
        for (k, col) in row.columns.iter().enumerate() {
            set_cell_at(read, start + k, row.key, *col, None);
            if let Some(c) = read.cell_mut(row.key, *col) {
                c.reading = Reading::Uncertain;
            }
        }
        return;
    }
    for (k, col) in row.columns.iter().enumerate() {
        set_cell_at(read, start + k, row.key, *col, values.get(k).map(|c| &**c));
    }
}

/// A row label put together from parts.
struct Join<'a> {
    row: usize,
    matched: Match,
    key: String,
    /// Indices of the items that make up the label.
    parts: Vec<usize>,
    values: Vec<&'a Cell>,
    /// The item after the last part and its figures.
    next: usize,
}

/// Put a label wrapped over several cells back together: the label starting
/// at item `i` (whose figures, if any, run up to `j`) and the label cells
/// that follow, skipping pieces of row-group labels (（六）其 | 他处理) that a
/// PDF copy interleaves. The figures must follow exactly one part.
fn join_wrapped<'a>(
    def: &'static TableDef,
    items: &[&Item<'a>],
    i: usize,
    j: usize,
    pos: usize,
) -> Option<Join<'a>> {
    let first = &items[i];
    if is_template_label(first.key) || (is_group_fragment(def, first.key) && i + 1 == j) {
        return None;
    }
    let run_of = |start: usize| -> (Vec<&'a Cell>, usize) {
        let mut end = start;
        while end < items.len() && items[end].value {
            end += 1;
        }
        (items[start..end].iter().map(|x| x.cell).collect(), end)
    };
    let filled = |run: &[&Cell]| run.iter().any(|c| !c.text.trim_ws().is_empty());
    let first_run: Vec<&Cell> = items[i + 1..j].iter().map(|x| x.cell).collect();
    let mut parts = vec![i];
    let mut key = first.key.to_string();
    let mut values: Option<Vec<&Cell>> = filled(&first_run).then_some(first_run);
    let mut at = j;
    let mut best: Option<Join> = None;
    while parts.len() < 4 && at < items.len() {
        let next = &items[at];
        if next.value || next.key.is_empty() {
            break;
        }
        let (run, end) = run_of(at + 1);
        let piece_of_group = is_group_fragment(def, next.key);
        if piece_of_group && !filled(&run) {
            at = end;
            continue;
        }
        if is_template_label(next.key)
            || match_row(def, pos, next.key, filled(&run)).is_some_and(|(_, m)| m == Match::Exact)
        {
            break;
        }
        if filled(&run) {
            if values.is_some() {
                break;
            }
            values = Some(run);
        }
        parts.push(at);
        key.push_str(next.key);
        at = end;
        if let Some(v) = &values {
            if let Some((row, m)) = match_row(def, pos, &key, true) {
                if best.as_ref().is_none_or(|b| m < b.matched) {
                    best = Some(Join {
                        row,
                        matched: m,
                        key: key.clone(),
                        parts: parts.clone(),
                        values: v.clone(),
                        next: at,
                    });
                }
                if m == Match::Exact {
                    break;
                }
            }
        }
    }
    best
}

/// A piece of a row-group or block label (他处理 of 其他处理), as a PDF copy
/// leaves them between the pieces of a row label.
fn is_group_fragment(def: &'static TableDef, key: &str) -> bool {
    !key.is_empty() && key.chars().count() <= 4 && pre(def).group_pieces.contains(key)
}

/// The best fit [`read_rows`] can report for a layout: every row matched
/// with its figures (2 each) and every column label (1 each).
fn best_fit(key: TableKey, layout: Layout) -> usize {
    let def = Template::get(layout).table(key);
    2 * def.rows.len() + def.columns.len()
}

/// Tables 二 and 三: rows labelled, each label followed by its figures.
/// Returns the table and how well it fits the layout.
fn read_rows(ctx: Ctx, key: TableKey, items: &[&Item], layout: Layout) -> (TableRead, usize) {
    let def: &'static TableDef = Template::get(layout).table(key);
    let mut read = TableRead::missing(key, layout);
    let mut pos = 0;
    let mut rows_seen = false;
    let mut fit_score = 0;
    let mut matched_rows: Vec<RowKey> = Vec::new();
    let mut matched_cols: Vec<ColumnKey> = Vec::new();
    // Figures no row took (a run of values after a label the reader could
    // not place, a row of figures whose label is elsewhere): a row missing
    // from the table may be among them.
    let mut stray = false;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        if item.value || item.key.is_empty() {
            stray |= item.value && parse_value(&item.cell.text).is_ok();
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < items.len() && items[j].value {
            j += 1;
        }
        let run: Vec<&Cell> = items[i + 1..j].iter().map(|x| x.cell).collect();
        let has_values = run.iter().any(|c| !c.text.trim_ws().is_empty());
        // Figures inside a label's cell (a PDF whose text runs a row's label
        // and figures into one cell): not placed under any column.
        stray |= holds_figures(&item.cell.text);
        if is_structural(def, item.key) && !has_values {
            i += 1;
            continue;
        }
        // A label wrapped over several cells (5.要求行政机关确认或重新 | 出具已获取信息
        // 0 0 …), its figures after any one part.
        let single = match_row(def, pos, item.key, has_values);
        if !matches!(single, Some((_, Match::Exact))) {
            if let Some(join) = join_wrapped(def, items, i, j, pos) {
                let row = &def.rows[join.row];
                let span = join
                    .parts
                    .iter()
                    .map(|&k| items[k].cell.span)
                    .reduce(Span::cover)
                    .unwrap_or(item.cell.span);
                let mut cell = Cell::new(String::new(), span);
                cell.text = join
                    .parts
                    .iter()
                    .map(|&k| label::collapse(&items[k].cell.text))
                    .collect();
                read.labels.push(label_read_of(
                    LabelKey::Row(row.key),
                    &cell,
                    &join.key,
                    row.label,
                    join.matched,
                ));
                let values = fit(ctx, join.values, row.columns.len());
                set_row(&mut read, def, join.row, &values);
                if !matched_rows.contains(&row.key) {
                    matched_rows.push(row.key);
                    fit_score += 2;
                }
                pos = join.row + 1;
                rows_seen = true;
                i = join.next;
                continue;
            }
        }
        // Not a wrapped label: the match found above (nothing has moved).
        if let Some((ri, m)) = single {
            let row = &def.rows[ri];
            read.labels
                .push(label_read(LabelKey::Row(row.key), item, row.label, m));
            let values = fit(ctx, run, row.columns.len());
            set_row(&mut read, def, ri, &values);
            if !matched_rows.contains(&row.key) {
                matched_rows.push(row.key);
                if has_values {
                    fit_score += 2;
                }
            }
            pos = ri + 1;
            rows_seen = true;
            i = j;
            continue;
        }
        if let Some((ci, m)) = match_column(def, item.key, !rows_seen) {
            let col = &def.columns[ci];
            read.labels.push(column_label(ctx, col, item, m));
            if !matched_cols.contains(&col.key) {
                matched_cols.push(col.key);
                fit_score += 1;
            }
            i += 1;
            continue;
        }
        let of_another_table = TableKey::ALL
            .iter()
            .any(|k| *k != key && table_labels(*k).contains(item.key));
        if has_values && !is_structural(def, item.key) && !of_another_table {
            read.anomalies.push(TableAnomaly::UnknownRow {
                found: label::collapse(&item.cell.text),
                span: item.cell.span,
            });
            // A row in words the template does not know may be the one
            // the table seems to lack.
            stray = true;
            i = j;
            continue;
        }
        i += 1;
    }
    if stray {
        doubt_missing(&mut read);
    }
    (read, fit_score)
}

/// Whether a label's cell holds a figure standing apart (`一、本年新收 821 35
/// 2 1 859`): a word of digits only, beside the label's words.
fn holds_figures(text: &str) -> bool {
    text.split_whitespace().count() > 1
        && text.split_whitespace().any(|w| {
            w.starts_with(|c: char| c.is_ascii_digit())
                && w.ends_with(|c: char| c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        })
}

/// Whether the text between two pieces of one table (a page break between
/// them) holds figures beside words: rows the reader did not take as part
/// of either piece (`8.属于行政查询事 0 0项`).
fn rows_between(text: &str, a: Span, b: Span) -> bool {
    let (from, to) = (a.end.min(b.start), b.start.max(a.end));
    text.get(from..to).is_some_and(|gap| {
        gap.lines().any(|l| {
            l.chars().any(|c| c.is_ascii_digit())
                && l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
    })
}

/// The table holds figures the reader could not place under a row: that a
/// cell is missing is not certain (it may be among them), and is said as a
/// reading the checker is unsure of, not as the report's fault.
fn doubt_missing(read: &mut TableRead) {
    for c in read
        .cells
        .iter_mut()
        .filter(|c| c.value.is_none() && c.problem == Some(CellProblem::Missing))
    {
        c.reading = Reading::Uncertain;
    }
}

/// Table 四: labels in the header, then fifteen figures in template order.
fn read_appeals(ctx: Ctx, items: &[&Item], layout: Layout) -> TableRead {
    let def: &'static TableDef = Template::get(layout).table(TableKey::Appeals);
    let mut read = TableRead::missing(TableKey::Appeals, layout);
    // Labels
    for item in items.iter().filter(|i| !i.value && !i.key.is_empty()) {
        if is_structural(def, item.key) {
            continue;
        }
        let candidates = pre(def)
            .rows
            .iter()
            .enumerate()
            .map(|(ri, (p, _))| (ri, p, true));
        if let Some((ri, m)) = best_match(item.key, candidates) {
            let r = &def.rows[ri];
            read.labels
                .push(label_read(LabelKey::Row(r.key), item, r.label, m));
            continue;
        }
        if let Some((ci, m)) = match_column(def, item.key, true) {
            let col = &def.columns[ci];
            read.labels.push(column_label(ctx, col, item, m));
        }
    }
    // Figures: the run of value cells holding the most figures.
    let mut best: Vec<&Cell> = Vec::new();
    let mut best_filled = 0;
    let mut runs: Vec<Vec<&Cell>> = Vec::new();
    let mut run: Vec<&Cell> = Vec::new();
    for item in items {
        if item.value {
            run.push(item.cell);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    for r in runs {
        let filled = r.iter().filter(|c| !c.text.trim_ws().is_empty()).count();
        if filled > best_filled {
            best_filled = filled;
            best = r;
        }
    }
    let n = def.cell_count();
    let values = fit(ctx, best, n);
    let slots: Vec<(RowKey, ColumnKey)> = def.cells().map(|(r, c)| (r.key, c.key)).collect();
    for (k, (row, col)) in slots.into_iter().enumerate() {
        set_cell_at(&mut read, k, row, col, values.get(k).map(|c| &**c));
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_values_are_short_texts_no_label_contains() {
        for t in ["x", "不详", "甲", "N/A"] {
            assert!(odd_value(t), "{t}");
        }
        // pieces of labels, numbering, longer texts and blanks are not
        for t in [
            "其他",
            "总计",
            "自然人",
            "行政",
            "复议",
            "（一）",
            "一、",
            "不予公开x",
            "？",
            "",
        ] {
            assert!(!odd_value(t), "{t}");
        }
        // the lookup agrees with searching every label
        let labels = template_labels();
        for l in labels.iter().take(40) {
            for (i, _) in l.char_indices() {
                let piece: String = l[i..].chars().take(2).collect();
                assert!(label_pieces().contains(piece.as_str()), "{piece}");
            }
        }
    }
}
