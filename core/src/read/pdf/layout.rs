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

/// Lay out one page: its lines and tables, top to bottom.
pub(super) fn page(content: &PageContent) -> Vec<Item> {
    let glyphs: Vec<&Placed> = content.glyphs.iter().collect();
    let mut taken = vec![false; glyphs.len()];
    let mut items = Vec::new();
    for grid in grids(&content.segs) {
        if let Some(t) = fill_table(&grid, &glyphs, &mut taken) {
            items.push(Item::Table(t));
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
/// (top to bottom), and the segments themselves.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    h: Vec<Seg>,
    v: Vec<Seg>,
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
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        out.push(Grid { xs, ys, h, v });
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
    /// Is there a vertical rule at `x` across the middle of `top..bottom`?
    fn v_rule(&self, x: f64, top: f64, bottom: f64) -> bool {
        let q = (top - bottom) * 0.25;
        self.v
            .iter()
            .any(|s| (s.at - x).abs() <= TOL && s.from <= bottom + q && s.to >= top - q)
    }
    fn h_rule(&self, y: f64, left: f64, right: f64) -> bool {
        let q = (right - left) * 0.25;
        self.h
            .iter()
            .any(|s| (s.at - y).abs() <= TOL && s.from <= left + q && s.to >= right - q)
    }
}

fn fill_table(g: &Grid, glyphs: &[&Placed], taken: &mut [bool]) -> Option<TableGrid> {
    let (nr, nc) = (g.ys.len() - 1, g.xs.len() - 1);
    if nr * nc < 2 || nr * nc > 20_000 {
        return None;
    }
    // Merge grid cells across missing borders.
    let idx = |r: usize, c: usize| r * nc + c;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            let (top, bottom) = (g.ys[r], g.ys[r + 1]);
            if c + 1 < nc && !g.v_rule(g.xs[c + 1], top, bottom) {
                let (a, b) = (
                    find(&mut parent, idx(r, c)),
                    find(&mut parent, idx(r, c + 1)),
                );
                if a != b {
                    parent[b] = a;
                }
            }
            if r + 1 < nr && !g.h_rule(bottom, g.xs[c], g.xs[c + 1]) {
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
    // Bounding box of every merged group.
    // (Indexed by grid cell: vectors rather than maps keep the wasm smaller.)
    let mut bbox: Vec<Option<(usize, usize, usize, usize)>> = vec![None; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, idx(r, c));
            let Some(slot) = bbox.get_mut(root) else {
                continue;
            };
            let e = slot.get_or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    // Glyphs into groups.
    let (left, right, top, bottom) = (g.xs[0], g.xs[nc], g.ys[0], g.ys[nr]);
    let mut content: Vec<Option<Vec<&Placed>>> = vec![None; nr * nc];
    let mut any = false;
    for (i, gl) in glyphs.iter().enumerate() {
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
        return None;
    }
    let mut rows = Vec::with_capacity(nr);
    for r in 0..nr {
        let mut row = Vec::new();
        let mut c = 0;
        while c < nc {
            let root = find(&mut parent, idx(r, c));
            let (r0, c0, r1, c1) = bbox.get(root).copied().flatten().unwrap_or((r, c, r, c));
            let span = (c1.max(c) - c + 1) as u32;
            if r0 == r && c0 == c {
                let text = content
                    .get(root)
                    .and_then(Option::as_ref)
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
                    row_span: (r1 - r0 + 1) as u32,
                    continuation: false,
                    x0: g.xs[c],
                    x1: g.xs[(c1 + 1).min(nc)],
                });
            } else {
                row.push(TCell {
                    text: String::new(),
                    col_span: span,
                    row_span: 1,
                    continuation: true,
                    x0: g.xs[c],
                    x1: g.xs[(c1 + 1).min(nc)],
                });
            }
            c = c1.max(c) + 1;
        }
        rows.push(row);
    }
    // A lone frame around text, or a row of nothing but continuations, is not a table.
    rows.retain(|row| row.iter().any(|c| !c.continuation));
    if rows.iter().all(|r| r.len() < 2) {
        // A single column of boxes: un-take its glyphs so they read as text.
        for (i, gl) in glyphs.iter().enumerate() {
            let cx = gl.x + gl.w / 2.0;
            let cy = gl.y + gl.size * 0.3;
            if cx >= left && cx <= right && cy <= top && cy >= bottom {
                if let Some(t) = taken.get_mut(i) {
                    *t = false;
                }
            }
        }
        return None;
    }
    Some(TableGrid {
        rows,
        x0: left,
        x1: right,
        top,
        bottom,
    })
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

fn is_figure(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%'))
        && s.chars().any(|c| c.is_ascii_digit())
}

/// Tables without ruling lines. A run of lines of which several are split
/// into pieces by wide gaps and hold figures is a table. Each line holding
/// figures anchors a row; the other lines of the run (labels wrapped over
/// several lines, centred against their figures) join the nearest anchor, or
/// make a row of their own when none is near. In a row, pieces that overlap
/// horizontally are one cell (a wrapped label), read top to bottom.
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
            let overlaps = |a: &Line, b: &Line| {
                a.chunks
                    .iter()
                    .any(|x| b.chunks.iter().any(|y| x.1 < y.2 && y.1 < x.2))
            };
            while j < lines.len()
                && j > i
                && !multi(&lines[j])
                && close(&lines[j - 1], &lines[j])
                && lines[j - 1].y - lines[j].y < 1.6 * lines[j].size
                && overlaps(&lines[j - 1], &lines[j])
            {
                j += 1;
            }
            let mut run: Vec<Line> = lines[i..j].to_vec();
            let anchors: Vec<usize> = (0..run.len()).filter(|&k| anchor(&run[k])).collect();
            let wide = anchors
                .iter()
                .any(|&k| run[k].chunks.iter().filter(|c| is_figure(&c.0)).count() >= 5);
            if (anchors.len() >= 2 || wide) && run.len() >= 2 {
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
        }
        out.push(Item::Line(lines[i].clone()));
        i += 1;
    }
    out
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
    // Row of each line: its own when it anchors, else the nearest anchor within reach.
    let mut row_of: Vec<usize> = Vec::with_capacity(run.len());
    for (k, l) in run.iter().enumerate() {
        if anchors.contains(&k) {
            row_of.push(k);
            continue;
        }
        let near = anchors
            .iter()
            .map(|&a| (a, (run[a].y - l.y).abs()))
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .filter(|(_, d)| *d < reach)
            .map(|(a, _)| a);
        row_of.push(near.unwrap_or(k));
    }
    // Further lines of a wrapped label: right above or below a line already
    // in a row, in the same column.
    let overlaps = |a: &Line, b: &Line| {
        a.chunks
            .iter()
            .any(|x| b.chunks.iter().any(|y| x.1 < y.2 && y.1 < x.2))
    };
    for _ in 0..4 {
        for k in 0..run.len() {
            if row_of[k] != k || anchors.contains(&k) {
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
    let mut keys: Vec<usize> = row_of.clone();
    keys.dedup();
    let mut order: Vec<usize> = Vec::new();
    for k in keys {
        if !order.contains(&k) {
            order.push(k);
        }
    }
    sort_by_key2(&mut order, |k| (-run.get(*k).map_or(0.0, |l| l.y), 0.0));
    let mut rows = Vec::with_capacity(order.len());
    for key in order {
        // (x0, x1, [(y, text)])
        type Gathered = (f64, f64, Vec<(f64, String)>);
        let mut cells: Vec<Gathered> = Vec::new();
        let mut pieces: Vec<(f64, f64, f64, &str)> = Vec::new();
        for (k, l) in run.iter().enumerate() {
            if row_of[k] == key {
                pieces.extend(
                    l.chunks
                        .iter()
                        .map(|(t, x0, x1)| (*x0, *x1, l.y, t.as_str())),
                );
            }
        }
        sort_by_key2(&mut pieces, |p| (p.0, 0.0));
        for (x0, x1, y, t) in pieces {
            let slack = 0.5 * size;
            match cells
                .iter_mut()
                .find(|c| x0 < c.1 + slack && x1 > c.0 - slack)
            {
                Some(c) => {
                    c.0 = c.0.min(x0);
                    c.1 = c.1.max(x1);
                    c.2.push((y, t.to_string()));
                }
                None => cells.push((x0, x1, vec![(y, t.to_string())])),
            }
        }
        sort_by_key2(&mut cells, |c| (c.0, 0.0));
        let row: Vec<TCell> = cells
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
