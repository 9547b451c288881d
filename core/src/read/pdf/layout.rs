//! Layout: glyph positions and ruling lines in, lines of text and tables out.
//!
//! Tables are rebuilt from their drawn borders (a lattice): the distinct x of
//! the vertical rules and y of the horizontal rules make a grid, a missing
//! border between two grid cells merges them (merged cells, tall labels
//! written one character per line), and every glyph goes to the grid cell
//! under its centre. Text outside tables is grouped into lines by baseline.

use super::content::{PageContent, Placed, Seg};
use super::sort::sort_by_key2;
use crate::span::Trim;

/// A line of running text on a page.
#[derive(Clone, Debug)]
pub(super) struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    pub size: f64,
    /// Pieces of the line separated by wide gaps: (text, x0, x1).
    pub chunks: Vec<(String, f64, f64)>,
}

/// A cell of a rebuilt table.
#[derive(Clone, Debug)]
pub(super) struct TCell {
    pub text: String,
    pub col_span: u32,
    pub row_span: u32,
    pub continuation: bool,
    pub x0: f64,
    pub x1: f64,
}

#[derive(Clone, Debug)]
pub(super) struct TableGrid {
    pub rows: Vec<Vec<TCell>>,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

#[derive(Clone, Debug)]
pub(super) enum Item {
    Line(Line),
    Table(TableGrid),
}

impl Item {
    pub(super) fn top(&self) -> f64 {
        match self {
            Item::Line(l) => l.y + l.size * 0.8,
            Item::Table(t) => t.top,
        }
    }
}

const TOL: f64 = 2.0;

/// Most units of work the layout of one page may take in its ruled tables:
/// a glyph looked at, a grid cell joined. A page of a real report takes a
/// few thousand; a page built to make the layout work hard (thousands of
/// nested frames around the same text) stops here, and the text of its
/// remaining ruled tables is read as lines instead.
const PAGE_WORK: usize = 2_000_000;

/// Lay out one page: its lines and tables, top to bottom.
pub(super) fn page(content: &PageContent) -> Vec<Item> {
    let glyphs: Vec<&Placed> = content.glyphs.iter().collect();
    let mut taken = vec![false; glyphs.len()];
    let mut items = Vec::new();
    // The glyphs by the height of their centre, for the grids to find theirs.
    let mut by_height: Vec<(f64, usize)> = glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| (g.y + g.size * 0.3, i))
        .collect();
    sort_by_key2(&mut by_height, |e| (e.0, 0.0));
    let mut work = PAGE_WORK;
    for mut grid in grids(&content.segs) {
        grid.close_open_edges(&glyphs, &by_height);
        match fill_table(&grid, &glyphs, &by_height, &mut taken, &mut work) {
            Ok(Some(t)) => items.push(Item::Table(t)),
            Ok(None) => {}
            Err(OverBudget) => break,
        }
    }
    let rest: Vec<&Placed> = glyphs
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(g, _)| *g)
        .collect();
    items.extend(stream_tables(lines(&rest)));
    sort_by_key2(&mut items, |it| (-it.top(), 0.0));
    items
}

/// The page's work limit was reached.
struct OverBudget;

/// Take `n` units of work from the budget.
fn spend(work: &mut usize, n: usize) -> Result<(), OverBudget> {
    *work = work.checked_sub(n).ok_or(OverBudget)?;
    Ok(())
}

/// Merge collinear, touching segments.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    sort_by_key2(&mut segs, |s| (s.at, s.from));
    let mut out: Vec<Seg> = Vec::new();
    // Bucket by position, then merge overlapping ranges within a bucket.
    let mut i = 0;
    while i < segs.len() {
        let at = segs[i].at;
        let mut j = i;
        while j < segs.len() && segs[j].at - at < 1.0 {
            j += 1;
        }
        let mut bucket: Vec<Seg> = segs[i..j].to_vec();
        sort_by_key2(&mut bucket, |s| (s.from, 0.0));
        let mut cur: Option<Seg> = None;
        for s in bucket {
            match cur.as_mut() {
                Some(c) if s.from <= c.to + 1.5 => c.to = c.to.max(s.to),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(s);
                }
            }
        }
        if let Some(c) = cur {
            out.push(c);
        }
        i = j;
    }
    out
}

/// A grid of rules: distinct x of the vertical lines, y of the horizontal ones
/// (top to bottom), and for each of those lines the segments drawn along it.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Per x of `xs`, the vertical segments within `TOL` of it.
    v_at: Vec<Along>,
    /// Per y of `ys`, the horizontal segments within `TOL` of it.
    h_at: Vec<Along>,
    /// Where the vertical rules go on above the top rule and below the
    /// bottom one with no rule across them: a row cut by a page break (a
    /// browser draws the sides of the part of a row on each page, but no
    /// border where the page cuts it). The top and the bottom they reach.
    open: (Option<f64>, Option<f64>),
}

/// How far a rule must go on past the last rule across it to leave a row open.
const OPEN_EDGE: f64 = 6.0;

/// The open ends of a grid (see [`Grid::open`]): at least two vertical rules
/// going on past the top (bottom) horizontal rule by more than `OPEN_EDGE`.
fn open_edges(v: &[Seg], ys: &[f64]) -> (Option<f64>, Option<f64>) {
    let (Some(&top), Some(&bottom)) = (ys.first(), ys.last()) else {
        return (None, None);
    };
    let reach = |above: bool| {
        let past: Vec<f64> = v
            .iter()
            .filter(|s| s.from < top - OPEN_EDGE && s.to > bottom + OPEN_EDGE)
            .map(|s| if above { s.to } else { s.from })
            .filter(|&e| {
                if above {
                    e > top + OPEN_EDGE
                } else {
                    e < bottom - OPEN_EDGE
                }
            })
            .collect();
        if past.len() < 2 {
            return None;
        }
        // The nearest of them: the band every one of them closes.
        Some(if above {
            past.iter().copied().fold(f64::INFINITY, f64::min)
        } else {
            past.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        })
    };
    (reach(true), reach(false))
}

/// The segments along one grid line, by where they start, with the furthest
/// end of each prefix: "is there a segment from at most `a` to at least
/// `b`" is then one binary search.
#[derive(Default)]
struct Along {
    from: Vec<f64>,
    reach: Vec<f64>,
}

impl Along {
    /// Of `segs` (sorted by position), those within `TOL` of `at`.
    fn new(segs: &[Seg], at: f64) -> Along {
        // (A margin around the window: the test that counts is the one below.)
        let lo = segs.partition_point(|s| s.at < at - TOL - 1.0);
        let mut near: Vec<(f64, f64)> = segs[lo..]
            .iter()
            .take_while(|s| s.at <= at + TOL + 1.0)
            .filter(|s| (s.at - at).abs() <= TOL)
            .map(|s| (s.from, s.to))
            .collect();
        sort_by_key2(&mut near, |p| (p.0, 0.0));
        let mut reach = Vec::with_capacity(near.len());
        let mut most = f64::NEG_INFINITY;
        for p in &near {
            most = most.max(p.1);
            reach.push(most);
        }
        Along {
            from: near.into_iter().map(|p| p.0).collect(),
            reach,
        }
    }

    /// Is there a segment with `from <= a` and `to >= b`?
    fn spans(&self, a: f64, b: f64) -> bool {
        let n = self.from.partition_point(|f| *f <= a);
        n > 0 && self.reach.get(n - 1).is_some_and(|r| *r >= b)
    }
}

fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

fn grids(segs: &[Seg]) -> Vec<Grid> {
    let h = merge(segs.iter().filter(|s| s.horizontal).copied().collect());
    let v = merge(segs.iter().filter(|s| !s.horizontal).copied().collect());
    if h.len() < 2 || v.len() < 2 || h.len() * v.len() > 4_000_000 {
        return Vec::new();
    }
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, hs) in h.iter().enumerate() {
        for (j, vs) in v.iter().enumerate() {
            if vs.at >= hs.from - TOL
                && vs.at <= hs.to + TOL
                && hs.at >= vs.from - TOL
                && hs.at <= vs.to + TOL
            {
                let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, s) in h.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        let r = find(&mut parent, h.len() + j);
        groups.entry(r).or_default().1.push(*s);
    }
    let mut out = Vec::new();
    for (_, (h, v)) in groups {
        if h.len() < 2 || v.len() < 2 {
            continue;
        }
        let xs = cluster(v.iter().map(|s| s.at).collect());
        let mut ys = cluster(h.iter().map(|s| s.at).collect());
        ys.reverse();
        let open = open_edges(&v, &ys);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let (mut h, mut v) = (h, v);
        sort_by_key2(&mut h, |s| (s.at, 0.0));
        sort_by_key2(&mut v, |s| (s.at, 0.0));
        let v_at = xs.iter().map(|&x| Along::new(&v, x)).collect();
        let h_at = ys.iter().map(|&y| Along::new(&h, y)).collect();
        out.push(Grid {
            xs,
            ys,
            v_at,
            h_at,
            open,
        });
    }
    out
}

/// Distinct values (sorted ascending), merging those closer than `TOL`.
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    sort_by_key2(&mut v, |x| (*x, 0.0));
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, k)) if x - *m / *k as f64 <= TOL => {
                *m += x;
                *k += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, k)| m / k as f64).collect()
}

impl Grid {
    /// Take in the rows left open at the top and the bottom (see
    /// [`Grid::open`]) that hold text: a row line where their vertical rules end.
    fn close_open_edges(&mut self, glyphs: &[&Placed], by_height: &[(f64, usize)]) {
        let (Some(&left), Some(&right)) = (self.xs.first(), self.xs.last()) else {
            return;
        };
        let holds_text = |lo: f64, hi: f64| {
            let a = by_height.partition_point(|e| e.0 < lo);
            let b = by_height.partition_point(|e| e.0 <= hi).max(a);
            by_height[a..b].iter().any(|e| {
                glyphs.get(e.1).is_some_and(|g| {
                    let cx = g.x + g.w / 2.0;
                    !g.space && cx > left && cx < right
                })
            })
        };
        if let (Some(edge), Some(&top)) = (self.open.0, self.ys.first()) {
            if holds_text(top, edge) {
                self.ys.insert(0, edge);
                self.h_at.insert(0, Along::default());
            }
        }
        if let (Some(edge), Some(&bottom)) = (self.open.1, self.ys.last()) {
            if holds_text(edge, bottom) {
                self.ys.push(edge);
                self.h_at.push(Along::default());
            }
        }
    }

    /// Is there a vertical rule along column line `c` across the middle of `top..bottom`?
    fn v_rule(&self, c: usize, top: f64, bottom: f64) -> bool {
        let q = (top - bottom) * 0.25;
        self.v_at
            .get(c)
            .is_some_and(|a| a.spans(bottom + q, top - q))
    }
    /// Is there a horizontal rule along row line `r` across the middle of `left..right`?
    fn h_rule(&self, r: usize, left: f64, right: f64) -> bool {
        let q = (right - left) * 0.25;
        self.h_at
            .get(r)
            .is_some_and(|a| a.spans(left + q, right - q))
    }
}

fn fill_table(
    g: &Grid,
    glyphs: &[&Placed],
    by_height: &[(f64, usize)],
    taken: &mut [bool],
    work: &mut usize,
) -> Result<Option<TableGrid>, OverBudget> {
    let (nr, nc) = (g.ys.len() - 1, g.xs.len() - 1);
    if nr * nc < 2 || nr * nc > 20_000 {
        return Ok(None);
    }
    spend(work, 2 * nr * nc)?;
    // Merge grid cells across missing borders.
    let idx = |r: usize, c: usize| r * nc + c;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            let (top, bottom) = (g.ys[r], g.ys[r + 1]);
            if c + 1 < nc && !g.v_rule(c + 1, top, bottom) {
                let (a, b) = (
                    find(&mut parent, idx(r, c)),
                    find(&mut parent, idx(r, c + 1)),
                );
                if a != b {
                    parent[b] = a;
                }
            }
            if r + 1 < nr && !g.h_rule(r + 1, g.xs[c], g.xs[c + 1]) {
                let (a, b) = (
                    find(&mut parent, idx(r, c)),
                    find(&mut parent, idx(r + 1, c)),
                );
                if a != b {
                    parent[b] = a;
                }
            }
        }
    }
    // Glyphs into groups.
    let (left, right, top, bottom) = (g.xs[0], g.xs[nc], g.ys[0], g.ys[nr]);
    let mut content: Vec<Option<Vec<&Placed>>> = vec![None; nr * nc];
    let mut any = false;
    // Only the glyphs whose centre is at the height of the grid, in the
    // order of the page's list.
    let lo = by_height.partition_point(|e| e.0 < bottom);
    let hi = by_height.partition_point(|e| e.0 <= top).max(lo);
    spend(work, hi - lo)?;
    let mut inside: Vec<usize> = by_height[lo..hi].iter().map(|e| e.1).collect();
    inside.sort_unstable();
    for &i in &inside {
        let Some(gl) = glyphs.get(i) else { continue };
        let cx = gl.x + gl.w / 2.0;
        let cy = gl.y + gl.size * 0.3;
        if cx < left || cx > right || cy > top || cy < bottom {
            continue;
        }
        let c =
            g.xs.partition_point(|&x| x <= cx)
                .saturating_sub(1)
                .min(nc - 1);
        let r =
            g.ys.partition_point(|&y| y >= cy)
                .saturating_sub(1)
                .min(nr - 1);
        let root = find(&mut parent, idx(r, c));
        if let Some(slot) = content.get_mut(root) {
            slot.get_or_insert_with(Vec::new).push(gl);
        }
        if let Some(t) = taken.get_mut(i) {
            *t = true;
        }
        if !gl.space {
            any = true;
        }
    }
    if !any {
        return Ok(None);
    }
    // Rows of cells. A group goes on along a row as far as it reaches; it
    // begins a cell where the grid cell above is not in it, and goes on
    // below as far as the grid cells under it are. A group is mostly a
    // rectangle; one that is not (a border missing where a page cut a
    // merged cell) puts its text in its first cell, and no text is lost.
    let mut told = vec![false; nr * nc];
    // The row where each group's first cell was laid (groups are met top
    // down, so before any row they reach down to).
    let mut began = vec![0usize; nr * nc];
    let mut rows = Vec::with_capacity(nr);
    for r in 0..nr {
        let mut row = Vec::new();
        let mut c = 0;
        while c < nc {
            let root = find(&mut parent, idx(r, c));
            let mut c1 = c;
            while c1 + 1 < nc && find(&mut parent, idx(r, c1 + 1)) == root {
                c1 += 1;
            }
            let span = (c1 - c + 1) as u32;
            let (x0, x1) = (g.xs[c], g.xs[c1 + 1]);
            if r > 0 && find(&mut parent, idx(r - 1, c)) == root {
                // A merged cell without text (a rule left out between two
                // empty cells) is blank in each row it covers: a blank cell
                // here, not the continuation of a figure above. One that
                // reaches the top of the grid may go on from the page before
                // (its text there): it stays a continuation.
                let top = began.get(root).copied().unwrap_or(0);
                let holds_text = content
                    .get(root)
                    .and_then(Option::as_ref)
                    .is_some_and(|gs| lines(gs).iter().any(|l| !l.text.trim().is_empty()));
                row.push(TCell {
                    text: String::new(),
                    col_span: span,
                    row_span: 1,
                    continuation: holds_text || top == 0,
                    x0,
                    x1,
                });
            } else {
                let mut r1 = r;
                while r1 + 1 < nr && find(&mut parent, idx(r1 + 1, c)) == root {
                    r1 += 1;
                }
                let first = told
                    .get_mut(root)
                    .is_some_and(|t| !std::mem::replace(t, true));
                if first {
                    if let Some(b) = began.get_mut(root) {
                        *b = r;
                    }
                }
                let text = content
                    .get(root)
                    .and_then(Option::as_ref)
                    .filter(|_| first)
                    .map(|gs| {
                        lines(gs)
                            .into_iter()
                            .map(|l| l.text)
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .unwrap_or_default();
                row.push(TCell {
                    text,
                    col_span: span,
                    row_span: (r1 - r + 1) as u32,
                    continuation: false,
                    x0,
                    x1,
                });
            }
            c = c1 + 1;
        }
        rows.push(row);
    }
    // A lone frame around text, or a row of nothing but continuations, is not a table.
    rows.retain(|row| row.iter().any(|c| !c.continuation));
    if rows.iter().all(|r| r.len() < 2) {
        // A single column of boxes: un-take its glyphs so they read as text.
        for &i in &inside {
            let Some(gl) = glyphs.get(i) else { continue };
            let cx = gl.x + gl.w / 2.0;
            let cy = gl.y + gl.size * 0.3;
            if cx >= left && cx <= right && cy <= top && cy >= bottom {
                if let Some(t) = taken.get_mut(i) {
                    *t = false;
                }
            }
        }
        return Ok(None);
    }
    Ok(Some(TableGrid {
        rows,
        x0: left,
        x1: right,
        top,
        bottom,
    }))
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

/// Group glyphs into lines by baseline, left to right.
pub(super) fn lines(glyphs: &[&Placed]) -> Vec<Line> {
    let mut gs: Vec<&Placed> = glyphs.to_vec();
    sort_by_key2(&mut gs, |g| (-g.y, g.x));
    let mut groups: Vec<(f64, Vec<&Placed>)> = Vec::new();
    let mut base = f64::NAN;
    let mut size = 0.0f64;
    for g in gs {
        let fresh = groups.is_empty() || (base - g.y).abs() > 0.45 * size.max(g.size).max(1.0);
        if fresh {
            groups.push((g.y, Vec::new()));
            base = g.y;
            size = g.size;
        }
        if let Some(last) = groups.last_mut() {
            last.1.push(g);
        }
    }
    let mut out = Vec::new();
    for (base, mut grp) in groups {
        sort_by_key2(&mut grp, |g| (g.x, 0.0));
        let mut text = String::new();
        let mut chunks: Vec<(String, f64, f64)> = Vec::new();
        let mut prev: Option<&Placed> = None;
        let mut pending_space = false;
        let (mut x0, mut x1) = (f64::MAX, f64::MIN);
        let size = grp
            .iter()
            .filter(|g| !g.space)
            .map(|g| g.size)
            .fold(0.0, f64::max);
        for g in grp {
            if g.space {
                pending_space = prev.is_some();
                continue;
            }
            if let Some(p) = prev {
                // A glyph drawn twice (fake bold) at almost the same place.
                if p.text == g.text && (g.x - p.x).abs() < (0.25 * g.size).min(0.5 * p.w).max(0.05)
                {
                    continue;
                }
                let gap = g.x - (p.x + p.w);
                let a = p.text.chars().last().unwrap_or(' ');
                let b = g.text.chars().next().unwrap_or(' ');
                let em = g.size.max(p.size);
                let limit = if is_cjk(a) && is_cjk(b) { 1.2 } else { 0.25 };
                if pending_space || gap > limit * em {
                    text.push(' ');
                }
                // A wide gap, or a figure after a word, starts a new piece.
                let figure_edge = a.is_ascii_digit() != b.is_ascii_digit() && gap > 0.8 * em;
                if gap > 1.5 * em || figure_edge {
                    chunks.push((String::new(), g.x, g.x));
                } else if pending_space {
                    if let Some(c) = chunks.last_mut() {
                        c.0.push(' ');
                    }
                }
            }
            if chunks.is_empty() {
                chunks.push((String::new(), g.x, g.x));
            }
            if let Some(c) = chunks.last_mut() {
                c.0.push_str(&g.text);
                c.2 = g.x + g.w;
            }
            pending_space = false;
            text.push_str(&g.text);
            x0 = x0.min(g.x);
            x1 = x1.max(g.x + g.w);
            prev = Some(g);
        }
        let text = text.trim_ws().to_string();
        if text.is_empty() {
            continue;
        }
        for c in chunks.iter_mut() {
            c.0 = c.0.trim_ws().to_string();
        }
        chunks.retain(|c| !c.0.is_empty());
        out.push(Line {
            text,
            x0,
            x1,
            y: base,
            size,
            chunks,
        });
    }
    out
}

pub(super) fn is_figure(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%'))
        && s.chars().any(|c| c.is_ascii_digit())
}

/// Do two lines have pieces that overlap horizontally?
fn overlaps(a: &Line, b: &Line) -> bool {
    let hit = |x: &(String, f64, f64), y: &(String, f64, f64)| x.1 < y.2 && y.1 < x.2;
    if a.chunks.len().saturating_mul(b.chunks.len()) <= 64 {
        return a.chunks.iter().any(|x| b.chunks.iter().any(|y| hit(x, y)));
    }
    // Many pieces: `b`'s by where they start, with the furthest end so far;
    // a piece of `a` meets one of `b` when one of those starting before its
    // end reaches past its start.
    let mut starts: Vec<(f64, f64)> = b.chunks.iter().map(|c| (c.1, c.2)).collect();
    sort_by_key2(&mut starts, |p| (p.0, 0.0));
    let mut most = f64::NEG_INFINITY;
    let reach: Vec<f64> = starts
        .iter()
        .map(|p| {
            most = most.max(p.1);
            most
        })
        .collect();
    a.chunks.iter().any(|x| {
        let n = starts.partition_point(|p| p.0 < x.2);
        n > 0 && reach.get(n - 1).is_some_and(|r| *r > x.1)
    })
}

/// Tables without ruling lines. A run of lines of which several are split
/// into pieces by wide gaps and hold figures is a table. Each line holding
/// figures anchors a row; the other lines of the run (labels wrapped over
/// several lines, centred against their figures) join the nearest anchor, or
/// make a row of their own when none is near. In a row, pieces that overlap
/// horizontally are one cell (a wrapped label), read top to bottom.
///
/// Linear in the lines, but for sorting: a run is looked at once (a run that
/// is not a table is not one from any of its later lines either, so those go
/// on as text at once).
fn stream_tables(lines: Vec<Line>) -> Vec<Item> {
    let multi = |l: &Line| l.chunks.len() >= 2;
    let anchor = |l: &Line| multi(l) && l.chunks.iter().any(|c| is_figure(&c.0));
    // Lines of about the same size, close together (a heading in larger type ends a table).
    let close = |a: &Line, b: &Line| {
        a.y - b.y < 2.6 * a.size.max(b.size) && a.size.max(b.size) <= 1.15 * a.size.min(b.size)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if multi(&lines[i]) {
            // Extend the run over multi-piece lines, bridging up to four others.
            let mut j = i + 1;
            'run: while j < lines.len() && close(&lines[j - 1], &lines[j]) {
                if multi(&lines[j]) {
                    j += 1;
                    continue;
                }
                for k in j + 1..(j + 5).min(lines.len()) {
                    if !close(&lines[k - 1], &lines[k]) {
                        break 'run;
                    }
                    if multi(&lines[k]) {
                        j = k + 1;
                        continue 'run;
                    }
                }
                break;
            }
            // The last row's label may wrap below its figures.
            while j < lines.len()
                && j > i
                && !multi(&lines[j])
                && close(&lines[j - 1], &lines[j])
                && lines[j - 1].y - lines[j].y < 1.6 * lines[j].size
                && overlaps(&lines[j - 1], &lines[j])
            {
                j += 1;
            }
            let anchors: Vec<usize> = (i..j).filter(|&k| anchor(&lines[k])).collect();
            let wide = anchors
                .iter()
                .any(|&k| lines[k].chunks.iter().filter(|c| is_figure(&c.0)).count() >= 5);
            if !((anchors.len() >= 2 || wide) && j - i >= 2) {
                // Not a table; nor is the run from any later line of it
                // (the same run's end, fewer anchors): all of it is text.
                out.extend(lines[i..j].iter().cloned().map(Item::Line));
                i = j;
                continue;
            }
            let mut run: Vec<Line> = lines[i..j].to_vec();
            // The first row's label may begin above it (a label wrapped over a page break).
            let mut lead = 0;
            while lead < 3 {
                let Some(Item::Line(prev)) = out.last() else {
                    break;
                };
                let Some(first) = run.first() else { break };
                if multi(prev)
                    || !close(prev, first)
                    || prev.y - first.y > 1.6 * first.size
                    || !overlaps(prev, first)
                {
                    break;
                }
                let Some(Item::Line(prev)) = out.pop() else {
                    break;
                };
                run.insert(0, prev);
                lead += 1;
            }
            let anchors: Vec<usize> = (0..run.len()).filter(|&k| anchor(&run[k])).collect();
            out.push(Item::Table(band_table(&run, &anchors)));
            i = j;
            continue;
        }
        out.push(Item::Line(lines[i].clone()));
        i += 1;
    }
    out
}

/// The anchor (index into `run`) nearest in height to `y`, the first of
/// those equally near; `by_y` holds the anchors' (height, index), ascending.
fn nearest_anchor(by_y: &[(f64, usize)], y: f64) -> Option<(usize, f64)> {
    let pos = by_y.partition_point(|e| e.0 < y);
    let dist = |k: usize| by_y.get(k).map(|e| (e.0 - y).abs());
    let up = dist(pos);
    let down = pos.checked_sub(1).and_then(dist);
    let best = match (up, down) {
        (Some(u), Some(d)) => u.min(d),
        (Some(u), None) => u,
        (None, Some(d)) => d,
        (None, None) => return None,
    };
    // Of those at the least distance (next to each other in `by_y`), the
    // first in the run.
    let mut first = usize::MAX;
    let mut k = pos;
    while dist(k) == Some(best) {
        first = first.min(by_y[k].1);
        k += 1;
    }
    let mut k = pos;
    while let Some(km) = k.checked_sub(1) {
        if dist(km) != Some(best) {
            break;
        }
        first = first.min(by_y[km].1);
        k = km;
    }
    (first != usize::MAX).then_some((first, best))
}

fn band_table(run: &[Line], anchors: &[usize]) -> TableGrid {
    let size = run.iter().map(|l| l.size).fold(0.0, f64::max).max(1.0);
    // Rows whose label fits on one line sit one row pitch apart: the least
    // distance between two anchors. A wrapped label's lines sit closer to
    // their figures than that.
    let pitch = anchors
        .windows(2)
        .map(|w| run[w[0]].y - run[w[1]].y)
        .filter(|d| *d > 0.0)
        .fold(f64::MAX, f64::min);
    let reach = if pitch < f64::MAX {
        0.75 * pitch
    } else {
        1.2 * size
    };
    let mut is_anchor = vec![false; run.len()];
    for &a in anchors {
        if let Some(x) = is_anchor.get_mut(a) {
            *x = true;
        }
    }
    let mut by_y: Vec<(f64, usize)> = anchors.iter().map(|&a| (run[a].y, a)).collect();
    sort_by_key2(&mut by_y, |e| (e.0, e.1 as f64));
    // Row of each line: its own when it anchors, else the nearest anchor within reach.
    let mut row_of: Vec<usize> = Vec::with_capacity(run.len());
    for (k, l) in run.iter().enumerate() {
        if is_anchor[k] {
            row_of.push(k);
            continue;
        }
        let near = nearest_anchor(&by_y, l.y)
            .filter(|(_, d)| *d < reach)
            .map(|(a, _)| a);
        row_of.push(near.unwrap_or(k));
    }
    // Further lines of a wrapped label: right above or below a line already
    // in a row, in the same column.
    for _ in 0..4 {
        for k in 0..run.len() {
            if row_of[k] != k || is_anchor[k] {
                continue;
            }
            for n in [k.wrapping_sub(1), k + 1] {
                let Some(m) = run.get(n) else { continue };
                if row_of[n] != n && (m.y - run[k].y).abs() < 1.6 * size && overlaps(m, &run[k]) {
                    row_of[k] = row_of[n];
                    break;
                }
            }
        }
    }
    // The rows in the order they first appear, then top to bottom; the lines
    // of each, in order.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); run.len()];
    let mut order: Vec<usize> = Vec::new();
    for (k, &r) in row_of.iter().enumerate() {
        let Some(m) = members.get_mut(r) else {
            continue;
        };
        if m.is_empty() {
            order.push(r);
        }
        m.push(k);
    }
    sort_by_key2(&mut order, |k| (-run.get(*k).map_or(0.0, |l| l.y), 0.0));
    let mut rows = Vec::with_capacity(order.len());
    for key in order {
        let mut pieces: Vec<(f64, f64, f64, &str)> = Vec::new();
        for &k in members.get(key).map(Vec::as_slice).unwrap_or_default() {
            let l = &run[k];
            pieces.extend(
                l.chunks
                    .iter()
                    .map(|(t, x0, x1)| (*x0, *x1, l.y, t.as_str())),
            );
        }
        sort_by_key2(&mut pieces, |p| (p.0, 0.0));
        let row: Vec<TCell> = gather_cells(pieces, 0.5 * size)
            .into_iter()
            .map(|(x0, x1, mut parts)| {
                sort_by_key2(&mut parts, |p| (-p.0, 0.0));
                let text = parts
                    .into_iter()
                    .map(|p| p.1)
                    .collect::<Vec<_>>()
                    .join("\n");
                TCell {
                    text,
                    col_span: 1,
                    row_span: 1,
                    continuation: false,
                    x0,
                    x1,
                }
            })
            .collect();
        rows.push(row);
    }
    let x0 = run.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    let x1 = run.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    let top = run.first().map(|l| l.y + l.size).unwrap_or(0.0);
    let bottom = run.last().map(|l| l.y).unwrap_or(0.0);
    TableGrid {
        rows,
        x0,
        x1,
        top,
        bottom,
    }
}

/// (x0, x1, [(y, text)]): a cell of a borderless row being gathered.
type Gathered = (f64, f64, Vec<(f64, String)>);

/// The cells of a borderless row from its pieces (sorted by where they
/// start): a piece joins the first cell it overlaps (within `slack`), else
/// starts a cell of its own; the cells, left to right.
///
/// The pieces come left to right, so the cells start left to right too, and
/// a cell that ends before a piece's start (with slack) ends before every
/// later piece's start: it is dropped from the search for good, which keeps
/// the whole row linear.
fn gather_cells(pieces: Vec<(f64, f64, f64, &str)>, slack: f64) -> Vec<Gathered> {
    let mut cells: Vec<Gathered> = Vec::new();
    // The cells in the order they were made; those before `closed` end
    // before the pieces still to come.
    let mut closed = 0;
    for (x0, x1, y, t) in pieces {
        while cells.get(closed).is_some_and(|c| c.1 + slack <= x0) {
            closed += 1;
        }
        // The first cell still open meets the piece, or none does: every
        // later cell starts further right.
        let found = cells
            .get(closed)
            .filter(|c| x0 < c.1 + slack && x1 > c.0 - slack)
            .map(|_| closed);
        match found {
            Some(ci) => {
                let c = &mut cells[ci];
                c.0 = c.0.min(x0);
                c.1 = c.1.max(x1);
                c.2.push((y, t.to_string()));
            }
            None => cells.push((x0, x1, vec![(y, t.to_string())])),
        }
    }
    sort_by_key2(&mut cells, |c| (c.0, 0.0));
    cells
}

#[cfg(test)]
mod tests {
    //! The fast searches against the plain pairwise ones they replace, on
    //! random input.
    use super::*;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        /// A coordinate on a coarse grid, so that ties and touching ends happen.
        fn at(&mut self, n: u64) -> f64 {
            (self.next() % n) as f64 * 0.5
        }
    }

    fn line(rng: &mut Rng, pieces: usize) -> Line {
        let chunks = (0..pieces)
            .map(|_| {
                let x0 = rng.at(400);
                (String::new(), x0, x0 + rng.at(60) - 2.0)
            })
            .collect();
        Line {
            text: String::new(),
            x0: 0.0,
            x1: 0.0,
            y: rng.at(2000),
            size: 10.0,
            chunks,
        }
    }

    #[test]
    fn overlaps_is_the_pairwise_test() {
        let mut rng = Rng(7);
        for round in 0..4000 {
            let (na, nb) = (round % 13, (round / 13) % 29);
            let (a, b) = (line(&mut rng, na), line(&mut rng, nb));
            let pairwise = a
                .chunks
                .iter()
                .any(|x| b.chunks.iter().any(|y| x.1 < y.2 && y.1 < x.2));
            assert_eq!(overlaps(&a, &b), pairwise, "{a:?} {b:?}");
        }
    }

    #[test]
    fn nearest_anchor_is_the_first_of_the_nearest() {
        let mut rng = Rng(11);
        for round in 0..4000 {
            let n = 1 + round % 40;
            let ys: Vec<f64> = (0..n).map(|_| rng.at(100)).collect();
            let anchors: Vec<usize> = (0..n).filter(|_| !rng.next().is_multiple_of(3)).collect();
            let mut by_y: Vec<(f64, usize)> = anchors.iter().map(|&a| (ys[a], a)).collect();
            sort_by_key2(&mut by_y, |e| (e.0, e.1 as f64));
            let y = rng.at(110) - 2.0;
            let pairwise = anchors
                .iter()
                .map(|&a| (a, (ys[a] - y).abs()))
                .min_by(|x, y| x.1.total_cmp(&y.1));
            assert_eq!(nearest_anchor(&by_y, y), pairwise, "{ys:?} {anchors:?} {y}");
        }
    }

    #[test]
    fn gathered_cells_are_those_of_the_first_overlap() {
        let mut rng = Rng(13);
        for round in 0..4000 {
            let n = round % 30;
            let mut pieces: Vec<(f64, f64, f64, &str)> = (0..n)
                .map(|_| {
                    let x0 = rng.at(300);
                    (x0, x0 + rng.at(50) - 1.0, rng.at(20), "")
                })
                .collect();
            sort_by_key2(&mut pieces, |p| (p.0, 0.0));
            let slack = 0.5 * (1.0 + (round % 5) as f64);
            let mut pairwise: Vec<Gathered> = Vec::new();
            for &(x0, x1, y, t) in &pieces {
                match pairwise
                    .iter_mut()
                    .find(|c| x0 < c.1 + slack && x1 > c.0 - slack)
                {
                    Some(c) => {
                        c.0 = c.0.min(x0);
                        c.1 = c.1.max(x1);
                        c.2.push((y, t.to_string()));
                    }
                    None => pairwise.push((x0, x1, vec![(y, t.to_string())])),
                }
            }
            sort_by_key2(&mut pairwise, |c| (c.0, 0.0));
            assert_eq!(gather_cells(pieces.clone(), slack), pairwise, "{pieces:?}");
        }
    }

    #[test]
    fn a_rule_along_a_grid_line_is_found_as_by_looking_at_each() {
        let mut rng = Rng(17);
        for round in 0..2000 {
            let n = round % 25;
            let mut segs: Vec<Seg> = (0..n)
                .map(|_| {
                    let from = rng.at(200);
                    Seg {
                        horizontal: false,
                        at: rng.at(40),
                        from,
                        to: from + rng.at(100),
                    }
                })
                .collect();
            sort_by_key2(&mut segs, |s| (s.at, 0.0));
            let at = rng.at(44) - 1.0;
            let along = Along::new(&segs, at);
            for _ in 0..20 {
                let (a, b) = (rng.at(250), rng.at(250));
                let pairwise = segs
                    .iter()
                    .any(|s| (s.at - at).abs() <= TOL && s.from <= a && s.to >= b);
                assert_eq!(along.spans(a, b), pairwise);
            }
        }
    }
}
