//! Tables whose figures were run together: text copied from a web page by a
//! crawler keeps the labels of a table's rows but loses the cells between
//! its figures (`一、本年新收政府信息公开申请数量640020470二、上年结转…`).
//!
//! Where no table of the document holds a statistical table, its labels are
//! looked for in the running text, in the template's order, and each row's
//! run of figures is split again. A run is split every way that gives each
//! cell a figure without a leading zero (spaces the text kept are
//! boundaries), and the table's own identities keep the splits that fit:
//! the row total of table 三 (the six applicant columns add up to 总计), its
//! column identities (一 + 二 = 三(七) + 四, 三(七) = the outcome rows) where
//! a row still admits several splits, and the group totals of table 四.
//! Table 二 has no identity: a run is read only when it splits one way.
//!
//! A row split one way only is read, its cells `Reconstructed`, with a
//! `RunTogether` anomaly that says so; a row that several splits fit, or
//! none, gives no figure at all (its cells `Uncertain`), and the anomaly
//! says how many fit. Since the identities used to choose a split hold by
//! construction, no error can come from them; the identities not used
//! (table 三's columns, where every row splits one way by its row total)
//! are checked as for any table.
//!
//! Limits before work: a run longer than [`MAX_RUN`] figures' digits, a
//! figure longer than [`MAX_DIGITS`], more than [`MAX_SPLITS`] splits of a
//! row or more than [`MAX_COMBINATIONS`] combinations of the rows of table
//! 三 are not enumerated further, and the anomaly says that the run could not
//! be split.

use crate::diagnostic::Reading;
use crate::document::Document;
use crate::report::{CellProblem, Report, TableAnomaly, TableRead};
use crate::span::Span;
use crate::vocab::label;
use crate::vocab::template::{Layout, RowDef, RowKey, TableDef, TableKey, Template};

/// The most digits a figure of a table may have.
const MAX_DIGITS: usize = 8;
/// The most decimals a figure may have.
const MAX_DECIMALS: usize = 6;
/// The most characters of a figure: its digits, a sign, a point, decimals.
const MAX_FIGURE: usize = MAX_DIGITS + 2 + MAX_DECIMALS;
/// The most characters (digits, points, signs) a run may have.
const MAX_RUN: usize = 96;
/// The most splits of one run kept; one more means "too many".
const MAX_SPLITS: usize = 64;
/// The most combinations of the rows of table 三 tried against its column
/// identities.
const MAX_COMBINATIONS: usize = 4096;
/// The most steps of the enumeration of one run.
const MAX_STEPS: usize = 200_000;
/// How far (bytes of the folded text) the next row's label may be from the
/// previous one.
const WINDOW: usize = 600;

/// The text in its comparison form, with where each byte comes from.
struct Folded<'a> {
    text: &'a str,
    folded: String,
    map: Vec<(u32, u32)>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Self {
        let (folded, map) = label::fold_mapped(text);
        Folded { text, folded, map }
    }

    /// The first occurrence of a folded label at or after `from` (folded
    /// bytes) and before `until`: its folded start and end.
    fn find(&self, needle: &str, from: usize, until: usize) -> Option<(usize, usize)> {
        if needle.is_empty() || from >= self.folded.len() {
            return None;
        }
        let hay = self.folded.get(from..)?;
        let at = from + hay.find(needle)?;
        (at < until).then_some((at, at + needle.len()))
    }

    /// The original byte where folded byte `f` starts (the text's end past it).
    fn start_of(&self, f: usize) -> usize {
        self.map.get(f).map_or(self.text.len(), |m| m.0 as usize)
    }

    /// The original byte where the folded range ending at `f` ends.
    fn end_of(&self, f: usize) -> usize {
        if f == 0 {
            return 0;
        }
        self.map
            .get(f - 1)
            .map_or(self.text.len(), |m| m.1 as usize)
    }

    /// The folded position of an original byte (the first folded byte at or
    /// after it).
    fn folded_at(&self, orig: usize) -> usize {
        self.map.partition_point(|m| (m.0 as usize) < orig)
    }
}

/// One character of a run: a digit, a decimal point or a minus sign, and
/// whether the text had a space before it.
#[derive(Clone, Copy)]
struct Atom {
    at: usize,
    ch: u8,
    gap: bool,
}

/// How a run was split.
enum Split {
    /// The splits that fit (values and their spans); several when the run
    /// admits more than one.
    Fits(Vec<Vec<(f64, Span)>>),
    /// Too long, or too many ways, to enumerate.
    TooMany,
}

/// Every split of a run into `n` figures that `accept` takes.
fn split_run(atoms: &[Atom], n: usize, accept: &dyn Fn(&[f64]) -> bool) -> Split {
    if atoms.is_empty() || atoms.len() > MAX_RUN || n == 0 || atoms.len() > n * MAX_FIGURE {
        return if atoms.len() > MAX_RUN {
            Split::TooMany
        } else {
            Split::Fits(Vec::new())
        };
    }
    let mut out = Vec::new();
    let mut parts: Vec<(usize, usize)> = Vec::with_capacity(n);
    let mut steps = 0usize;
    let mut overflow = false;
    walk(
        atoms,
        n,
        0,
        &mut parts,
        &mut out,
        &mut steps,
        &mut overflow,
        accept,
    );
    if overflow {
        Split::TooMany
    } else {
        Split::Fits(out)
    }
}

/// The value of atoms `a..b` if they make a figure: digits without a
/// leading zero (a lone 0 aside), at most one point inside, a minus sign
/// only in front.
fn figure(atoms: &[Atom], a: usize, b: usize) -> Option<f64> {
    let s: Vec<u8> = atoms[a..b].iter().map(|x| x.ch).collect();
    let (neg, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, &s[..]),
    };
    if digits.is_empty() || digits.contains(&b'-') {
        return None;
    }
    let points = digits.iter().filter(|&&c| c == b'.').count();
    if points > 1 || digits[0] == b'.' || digits[digits.len() - 1] == b'.' {
        return None;
    }
    let int_len = digits
        .iter()
        .position(|&c| c == b'.')
        .unwrap_or(digits.len());
    let decimals = digits.len()
        - int_len
            .min(digits.len())
            .saturating_add(1)
            .min(digits.len());
    if int_len > MAX_DIGITS || decimals > MAX_DECIMALS || (int_len > 1 && digits[0] == b'0') {
        return None;
    }
    let v: f64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    Some(if neg { -v } else { v })
}

#[allow(clippy::too_many_arguments)]
fn walk(
    atoms: &[Atom],
    n: usize,
    i: usize,
    parts: &mut Vec<(usize, usize)>,
    out: &mut Vec<Vec<(f64, Span)>>,
    steps: &mut usize,
    overflow: &mut bool,
    accept: &dyn Fn(&[f64]) -> bool,
) {
    if *overflow {
        return;
    }
    *steps += 1;
    if *steps > MAX_STEPS {
        *overflow = true;
        return;
    }
    let left = n - parts.len();
    if left == 0 {
        if i == atoms.len() {
            let values: Vec<f64> = parts
                .iter()
                .filter_map(|&(a, b)| figure(atoms, a, b))
                .collect();
            if values.len() == n && accept(&values) {
                if out.len() >= MAX_SPLITS {
                    *overflow = true;
                    return;
                }
                out.push(
                    parts
                        .iter()
                        .zip(values)
                        .map(|(&(a, b), v)| {
                            let end = atoms[b - 1].at + 1;
                            (v, Span::new(atoms[a].at, end))
                        })
                        .collect(),
                );
            }
        }
        return;
    }
    let rest = atoms.len() - i;
    if rest < left || rest > left * MAX_FIGURE {
        return;
    }
    let mut j = i + 1;
    while j <= atoms.len() && j - i <= MAX_FIGURE {
        // A space in the text ends a figure.
        if j > i + 1 && atoms[j - 1].gap {
            break;
        }
        if figure(atoms, i, j).is_some() {
            parts.push((i, j));
            walk(atoms, n, j, parts, out, steps, overflow, accept);
            parts.pop();
        }
        j += 1;
    }
}

/// The run of figures at the start of `s` (spaces inside kept as
/// boundaries); whether the rest of `s` holds no further digit and no unit
/// follows the run; whether a unit follows it.
fn run_atoms(s: &str, base: usize) -> (Vec<Atom>, bool, bool) {
    let mut atoms = Vec::new();
    let mut gap = false;
    let mut end = s.len();
    // What closes the label (`）`, `”`) comes before the figures.
    let lead = s
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || c == '-' || c == '.')
        .map_or(s.len(), |(i, _)| i);
    for (i, c) in s[lead..].char_indices() {
        let i = i + lead;
        match c {
            '0'..='9' | '.' | '-' => {
                if c == '-' && !(atoms.is_empty() || gap) {
                    // A minus sign starts a new figure.
                    gap = true;
                }
                atoms.push(Atom {
                    at: base + i,
                    ch: c as u8,
                    gap,
                });
                gap = false;
            }
            c if c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' => gap = true,
            _ => {
                end = i;
                break;
            }
        }
    }
    // A point or sign left at the end belongs to what follows.
    while atoms.last().is_some_and(|a| a.ch == b'.' || a.ch == b'-') {
        atoms.pop();
    }
    // Figures followed by a unit (`251000元`) are not a row's cells.
    let rest = s[end..].trim_start();
    let unit = ['元', '万', '件', '个', '项', '%', '％'];
    let unit = end < s.len() && rest.starts_with(unit);
    (
        atoms,
        !unit && !rest.chars().any(|c| c.is_ascii_digit()),
        unit,
    )
}

/// The Arabic number ending a row's official number (`三(三)2` → `2`).
fn arabic_suffix(number: &str) -> &str {
    let start = number
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map_or(number.len(), |(i, _)| i);
    &number[start..]
}

/// The text between a row's label and the next one, without the next row's
/// Arabic numbering glued to its end (`00000002.` before 其他法律…).
fn strip_numbering<'t>(s: &'t str, next: Option<&RowDef>) -> &'t str {
    let Some(next) = next else { return s };
    let n = arabic_suffix(next.number);
    if n.is_empty() {
        return s;
    }
    let t = s.trim_end();
    let Some(t2) = t
        .strip_suffix('.')
        .or_else(|| t.strip_suffix('．'))
        .or_else(|| t.strip_suffix('、'))
    else {
        return s;
    };
    t2.strip_suffix(n).unwrap_or(s)
}

/// A row's figures as found: where the label is, the run after it.
struct RowRun {
    row: &'static RowDef,
    label: Span,
    atoms: Vec<Atom>,
    clean: bool,
}

/// The rows of a table found in order from `from` (original byte), each with
/// the run after its label. `None` when fewer than half its rows are there.
fn find_rows(f: &Folded, def: &'static TableDef, from: usize) -> Option<(Vec<RowRun>, usize)> {
    let mut pos = f.folded_at(from);
    let mut found: Vec<(&'static RowDef, usize, usize)> = Vec::new();
    for row in def.rows {
        let until = if found.is_empty() {
            f.folded.len()
        } else {
            pos + WINDOW
        };
        let hit = std::iter::once(row.label)
            .chain(row.aliases.iter().copied())
            .filter_map(|l| f.find(label::folded(l), pos, until))
            .min_by_key(|&(a, b)| (a, usize::MAX - b));
        if let Some((a, b)) = hit {
            found.push((row, a, b));
            pos = b;
        }
    }
    if found.len() * 2 < def.rows.len() {
        return None;
    }
    let mut rows = Vec::with_capacity(found.len());
    let mut end = 0;
    for (k, &(row, a, b)) in found.iter().enumerate() {
        let start = f.end_of(b);
        let stop = found.get(k + 1).map_or_else(
            || {
                // The last row: its run ends where the text stops being figures.
                f.text.len()
            },
            |&(_, na, _)| f.start_of(na),
        );
        let stop = stop.max(start);
        let between = &f.text[start..stop];
        let next = found.get(k + 1).map(|n| n.0);
        let between = strip_numbering(between, next);
        let (atoms, mut clean, unit) = run_atoms(between, start);
        if next.is_none() {
            // The last row: what follows is the rest of the document.
            clean = !unit;
        }
        end = atoms.last().map_or(start, |a| a.at + 1).max(end);
        rows.push(RowRun {
            row,
            label: Span::new(f.start_of(a), start),
            atoms,
            clean,
        });
    }
    Some((rows, end))
}

/// What became of a row.
enum Outcome {
    Read(Vec<(f64, Span)>),
    /// How many splits fit (0: none; `None`: too many to count).
    Unsplit(Option<usize>),
}

/// The anomaly and cells of one row.
fn set_row(text: &str, read: &mut TableRead, run: &RowRun, outcome: &Outcome) {
    let found: String = run.atoms.iter().map(|a| a.ch as char).collect::<String>();
    let span = match (run.atoms.first(), run.atoms.last()) {
        (Some(a), Some(b)) => Span::new(a.at, b.at + 1),
        _ => run.label,
    };
    let splits = match outcome {
        Outcome::Read(_) => Some(1),
        Outcome::Unsplit(n) => *n,
    };
    let trivial = matches!(outcome, Outcome::Read(v) if v.len() == 1);
    for (k, &col) in run.row.columns.iter().enumerate() {
        let Some(cell) = read
            .cells
            .iter_mut()
            .find(|c| c.row == run.row.key && c.column == col)
        else {
            continue;
        };
        match outcome {
            Outcome::Read(values) => {
                let (v, s) = values[k];
                cell.value = Some(v);
                cell.raw = Some(text.get(s.start..s.end).unwrap_or("").into());
                cell.span = Some(s);
                cell.problem = None;
                cell.reading = if trivial {
                    Reading::Certain
                } else {
                    Reading::Reconstructed
                };
            }
            Outcome::Unsplit(_) => {
                cell.value = None;
                cell.problem = Some(CellProblem::Missing);
                cell.reading = Reading::Uncertain;
            }
        }
    }
    if !trivial {
        read.anomalies.push(TableAnomaly::RunTogether {
            row: run.row.key,
            found,
            span,
            splits,
        });
    }
}

/// Read the tables the document's tables did not hold from its running text.
pub(super) fn fill(doc: &Document, report: &mut Report) {
    let missing: Vec<TableKey> = TableKey::ALL
        .into_iter()
        .filter(|k| !report.table(*k).found)
        .collect();
    if missing.is_empty() {
        return;
    }
    let f = Folded::new(&doc.text);
    let year = report.year.as_ref().map(|y| y.value);
    let order = if year.is_some_and(|y| y < 2021) {
        [Layout::Y2019, Layout::Y2021]
    } else {
        [Layout::Y2021, Layout::Y2019]
    };
    let mut requests_end = 0;
    if missing.contains(&TableKey::Requests) {
        if let Some((read, end)) = order.iter().find_map(|&l| requests(&f, l)) {
            requests_end = end;
            *report.table_mut(TableKey::Requests) = read;
        }
    }
    if missing.contains(&TableKey::Proactive) {
        if let Some(read) = order.iter().find_map(|&l| proactive(&f, l)) {
            *report.table_mut(TableKey::Proactive) = read;
        }
    }
    if missing.contains(&TableKey::Appeals) {
        if let Some(read) = appeals(&f, requests_end, report.requests.layout) {
            *report.table_mut(TableKey::Appeals) = read;
        }
    }
}

/// A table read from running text, every cell missing to begin with.
fn fresh(key: TableKey, layout: Layout, span: Span) -> TableRead {
    let mut read = TableRead::missing(key, layout);
    read.found = true;
    read.span = Some(span);
    read
}

/// Table 二: each row's run read when it splits one way only.
fn proactive(f: &Folded, layout: Layout) -> Option<TableRead> {
    let def = &Template::get(layout).proactive;
    // Its head: the last column label of its first row.
    let head = def
        .rows
        .first()
        .and_then(|r| r.columns.last())
        .and_then(|c| def.column(*c))
        .map(|c| label::folded(c.label))?;
    let (_, hb) = f.find(head, 0, f.folded.len())?;
    let (rows, end) = find_rows(f, def, f.end_of(hb))?;
    if rows.len() < def.rows.len() {
        return None;
    }
    let mut read = fresh(
        TableKey::Proactive,
        layout,
        Span::new(rows[0].label.start, end.max(rows[0].label.end)),
    );
    for run in &rows {
        if run.atoms.is_empty() || !run.clean {
            continue;
        }
        let outcome = match split_run(&run.atoms, run.row.columns.len(), &|_| true) {
            Split::Fits(v) if v.len() == 1 => {
                Outcome::Read(v.into_iter().next().unwrap_or_default())
            }
            Split::Fits(v) => Outcome::Unsplit(Some(v.len())),
            Split::TooMany => Outcome::Unsplit(None),
        };
        set_row(f.text, &mut read, run, &outcome);
    }
    Some(read)
}

/// Table 三: row totals first, then its column identities for the rows that
/// still split several ways.
fn requests(f: &Folded, layout: Layout) -> Option<(TableRead, usize)> {
    let def = &Template::get(layout).requests;
    let (rows, end) = find_rows(f, def, 0)?;
    if rows.len() < def.rows.len() {
        return None;
    }
    let total_of_six = |v: &[f64]| v.len() == 7 && (v[..6].iter().sum::<f64>() - v[6]).abs() < 1e-9;
    let mut cands: Vec<Option<Split>> = rows
        .iter()
        .map(|r| {
            (r.clean && !r.atoms.is_empty())
                .then(|| split_run(&r.atoms, r.row.columns.len(), &total_of_six))
        })
        .collect();
    // The rows still open, and the combinations of their splits.
    let open: Vec<usize> = (0..rows.len())
        .filter(|&i| matches!(&cands[i], Some(Split::Fits(v)) if v.len() > 1))
        .collect();
    let product = open.iter().try_fold(1usize, |p, &i| match &cands[i] {
        Some(Split::Fits(v)) => p.checked_mul(v.len()).filter(|&p| p <= MAX_COMBINATIONS),
        _ => Some(p),
    });
    let mut chosen: Vec<Option<usize>> = vec![None; rows.len()];
    if let (false, Some(product)) = (open.is_empty(), product) {
        let index = |k: RowKey| rows.iter().position(|r| r.row.key == k);
        let outcomes: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                rows[i].row.number.starts_with("三(") && rows[i].row.key != RowKey::TotalProcessed
            })
            .collect();
        let mut fits: Vec<Vec<usize>> = Vec::new();
        let mut pick = vec![0usize; rows.len()];
        for mut c in 0..product {
            for &i in &open {
                if let Some(Split::Fits(v)) = &cands[i] {
                    pick[i] = c % v.len();
                    c /= v.len();
                }
            }
            let value = |i: usize, k: usize| -> Option<f64> {
                match &cands[i] {
                    Some(Split::Fits(v)) if !v.is_empty() => Some(v[pick[i].min(v.len() - 1)][k].0),
                    _ => None,
                }
            };
            let ok = (0..7).all(|k| {
                let balance = match (
                    index(RowKey::New),
                    index(RowKey::CarriedOver),
                    index(RowKey::TotalProcessed),
                    index(RowKey::CarriedForward),
                ) {
                    (Some(a), Some(b), Some(c), Some(d)) => {
                        match (value(a, k), value(b, k), value(c, k), value(d, k)) {
                            (Some(a), Some(b), Some(c), Some(d)) => (a + b - c - d).abs() < 1e-9,
                            _ => true,
                        }
                    }
                    _ => true,
                };
                let handled = match index(RowKey::TotalProcessed).and_then(|p| value(p, k)) {
                    Some(p) => {
                        let parts: Option<f64> = outcomes.iter().map(|&i| value(i, k)).sum();
                        parts.is_none_or(|s| (s - p).abs() < 1e-9)
                    }
                    None => true,
                };
                balance && handled
            });
            if ok {
                fits.push(open.iter().map(|&i| pick[i]).collect());
            }
        }
        for (n, &i) in open.iter().enumerate() {
            let first = fits.first().map(|p| p[n]);
            if first.is_some() && fits.iter().all(|p| Some(p[n]) == first) {
                chosen[i] = first;
            }
        }
    }
    let mut read = fresh(
        TableKey::Requests,
        layout,
        Span::new(rows[0].label.start, end.max(rows[0].label.end)),
    );
    for (i, run) in rows.iter().enumerate() {
        let outcome = match cands[i].take() {
            None => continue,
            Some(Split::TooMany) => Outcome::Unsplit(None),
            Some(Split::Fits(mut v)) => {
                if v.len() == 1 {
                    Outcome::Read(v.pop().unwrap_or_default())
                } else if let Some(c) = chosen[i] {
                    Outcome::Read(v.swap_remove(c))
                } else {
                    Outcome::Unsplit(Some(v.len()))
                }
            }
        };
        set_row(f.text, &mut read, run, &outcome);
    }
    Some((read, end))
}

/// Table 四: its fifteen figures after its header, split by the group totals.
fn appeals(f: &Folded, from: usize, layout: Layout) -> Option<TableRead> {
    let layout = if layout == Layout::Unknown {
        Layout::Y2021
    } else {
        layout
    };
    let def = &Template::get(layout).appeals;
    // The header ends with a group's columns, the last being 总计.
    let group: String = def
        .rows
        .first()?
        .columns
        .iter()
        .filter_map(|c| def.column(*c))
        .map(|c| label::folded(c.label))
        .collect();
    let mut pos = f.folded_at(from);
    let mut last = None;
    for _ in 0..def.rows.len() {
        let until = if last.is_none() {
            f.folded.len()
        } else {
            pos + WINDOW
        };
        let (_, b) = f.find(&group, pos, until)?;
        last = Some(b);
        pos = b;
    }
    let start = f.end_of(last?);
    let (atoms, _, _) = run_atoms(&f.text[start..], start);
    if atoms.is_empty() {
        return None;
    }
    let n: usize = def.rows.iter().map(|r| r.columns.len()).sum();
    let widths: Vec<usize> = def.rows.iter().map(|r| r.columns.len()).collect();
    let groups = |v: &[f64]| {
        let mut at = 0;
        widths.iter().all(|&w| {
            let g = &v[at..at + w];
            at += w;
            (g[..w - 1].iter().sum::<f64>() - g[w - 1]).abs() < 1e-9
        })
    };
    let outcome = match split_run(&atoms, n, &groups) {
        Split::Fits(v) if v.len() == 1 => Outcome::Read(v.into_iter().next().unwrap_or_default()),
        Split::Fits(v) => Outcome::Unsplit(Some(v.len())),
        Split::TooMany => Outcome::Unsplit(None),
    };
    let span = Span::new(
        f.start_of(f.folded_at(from)),
        atoms.last().map_or(start, |a| a.at + 1),
    );
    let mut read = fresh(TableKey::Appeals, layout, span);
    // The table's figures as one run, its rows cut from it.
    let mut at = 0;
    for row in def.rows {
        let w = row.columns.len();
        let part = match &outcome {
            Outcome::Read(v) => Outcome::Read(v[at..at + w].to_vec()),
            Outcome::Unsplit(n) => Outcome::Unsplit(*n),
        };
        at += w;
        let run = RowRun {
            row,
            label: Span::new(start, start),
            atoms: atoms.clone(),
            clean: true,
        };
        set_row(f.text, &mut read, &run, &part);
    }
    Some(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::document_from_text;
    use crate::vocab::template::ColumnKey as C;

    fn atoms(s: &str) -> Vec<Atom> {
        run_atoms(s, 0).0
    }

    fn fits(s: &str, n: usize, accept: &dyn Fn(&[f64]) -> bool) -> Vec<Vec<f64>> {
        match split_run(&atoms(s), n, accept) {
            Split::Fits(v) => v
                .into_iter()
                .map(|p| p.into_iter().map(|(v, _)| v).collect())
                .collect(),
            Split::TooMany => panic!("too many"),
        }
    }

    fn total(v: &[f64]) -> bool {
        v[..6].iter().sum::<f64>() == v[6]
    }

    #[test]
    fn a_row_total_decides_a_run() {
        assert_eq!(
            fits("640020470", 7, &total),
            [vec![64., 0., 0., 2., 0., 4., 70.]]
        );
        // The space the text kept is a boundary: 20 | 0 | 0 0 | 0 | 1 21.
        assert_eq!(
            fits("20 0 00 0 121", 7, &total),
            [vec![20., 0., 0., 0., 0., 1., 21.]]
        );
        // Two splits fit the row total: 27,0,0,2,0,1,30 and 2,7,0,0,20,1,30.
        assert_eq!(fits("270020130", 7, &total).len(), 2);
        // None fits: no figure.
        assert!(fits("1200004", 7, &total).is_empty());
    }

    #[test]
    fn figures_have_no_leading_zero_and_a_unit_ends_a_run() {
        assert_eq!(fits("100", 2, &|_| true), [vec![10., 0.]]);
        assert_eq!(fits("35-15", 2, &|_| true), [vec![35., -15.]]);
        assert_eq!(fits("24252.311082", 1, &|_| true), [vec![24252.311082]]);
        let (a, clean, unit) = run_atoms("251000元", 0);
        assert_eq!(a.len(), 6);
        assert!(!clean && unit);
    }

    #[test]
    fn limits_come_before_the_work() {
        let long = "1".repeat(MAX_RUN + 1);
        assert!(matches!(
            split_run(&atoms(&long), 7, &|_| true),
            Split::TooMany
        ));
        // Many ways: more splits than are kept.
        let many = "1".repeat(40);
        assert!(matches!(
            split_run(&atoms(&many), 15, &|_| true),
            Split::TooMany
        ));
    }

    /// Table 三 of a crawled page (平潭 2021): the rows that two splits fit
    /// are decided by the columns' identities.
    #[test]
    fn crawled_table_three_is_read() {
        let text = "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开270020130（二）部分公开（区分处理的，只计这一情形，不计其他情形）500000 5（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息10000016.属于四类过程性信息00000007.属于行政执法案卷60000068.属于行政查询事项1000001（四）无法提供1.本机关不掌握相关政府信息2200003252.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他1000001（七）总计630020469四、结转下年度继续办理1000001 四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计10203120001200000五、存在的主要问题及改进情况";
        let doc = document_from_text(text.to_string(), crate::document::InputKind::Text, "utf-8");
        let report = crate::extract::extract(&doc);
        let r = &report.requests;
        assert!(r.found);
        let v = |row, col| r.cell(row, col).and_then(|c| c.value);
        assert_eq!(v(RowKey::New, C::NaturalPerson), Some(64.0));
        assert_eq!(v(RowKey::New, C::Total), Some(70.0));
        assert_eq!(v(RowKey::Disclosed, C::NaturalPerson), Some(27.0));
        assert_eq!(v(RowKey::Disclosed, C::LegalService), Some(0.0));
        assert_eq!(v(RowKey::UnavailableNotHeld, C::NaturalPerson), Some(22.0));
        assert_eq!(v(RowKey::PartiallyDisclosed, C::Total), Some(5.0));
        let c = r.cell(RowKey::Disclosed, C::Total).unwrap();
        assert_eq!(c.reading, Reading::Reconstructed);
        assert_eq!(&doc.text[c.span.unwrap().start..c.span.unwrap().end], "30");
        let a = &report.appeals;
        assert_eq!(
            a.cell(RowKey::LitigationDirect, C::Upheld)
                .and_then(|c| c.value),
            Some(12.0)
        );
        assert_eq!(
            a.cell(RowKey::Review, C::Total).and_then(|c| c.value),
            Some(3.0)
        );
        assert!(r.anomalies.iter().any(|x| matches!(
            x,
            TableAnomaly::RunTogether {
                row: RowKey::New,
                splits: Some(1),
                ..
            }
        )));
    }
}
