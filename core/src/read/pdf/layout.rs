//! Layout: glyph positions and ruling lines in, lines of text and tables out.
//!
//! Tables are rebuilt from their drawn borders (a lattice): the distinct x of
//! the vertical rules and y of the horizontal rules make a grid, a missing
//! border between two grid cells merges them (merged cells, tall labels
//! written one character per line), and every glyph goes to the grid cell
//! under its centre. Text outside tables is grouped into lines by baseline.

use super::content::{PageContent, Placed, Seg};

/// A line of running text on a page.
#[derive(Clone, Debug)]
pub struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    pub size: f64,
}

/// A cell of a rebuilt table.
#[derive(Clone, Debug)]
pub struct TCell {
    pub text: String,
    pub col_span: u32,
    pub row_span: u32,
    pub continuation: bool,
    pub x0: f64,
    pub x1: f64,
}

#[derive(Clone, Debug)]
pub struct TableGrid {
    pub rows: Vec<Vec<TCell>>,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

#[derive(Clone, Debug)]
pub enum Item {
    Line(Line),
    Table(TableGrid),
}

impl Item {
    pub fn top(&self) -> f64 {
        match self {
            Item::Line(l) => l.y + l.size * 0.8,
            Item::Table(t) => t.top,
        }
    }
}

const TOL: f64 = 2.0;

/// Lay out one page: its lines and tables, top to bottom.
pub fn page(content: &PageContent) -> Vec<Item> {
    let glyphs: Vec<&Placed> = content.glyphs.iter().collect();
    let mut taken = vec![false; glyphs.len()];
    let mut items = Vec::new();
    for grid in grids(&content.segs) {
        if let Some(t) = fill_table(&grid, &glyphs, &mut taken) {
            items.push(Item::Table(t));
        }
    }
    let rest: Vec<&Placed> = glyphs.iter().zip(&taken).filter(|(_, t)| !**t).map(|(g, _)| *g).collect();
    for l in lines(&rest) {
        items.push(Item::Line(l));
    }
    items.sort_by(|a, b| b.top().total_cmp(&a.top()));
    items
}

/// Merge collinear, touching segments.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
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
        bucket.sort_by(|a, b| a.from.total_cmp(&b.from));
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
            if vs.at >= hs.from - TOL && vs.at <= hs.to + TOL && hs.at >= vs.from - TOL && hs.at <= vs.to + TOL {
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
    v.sort_by(f64::total_cmp);
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
        self.v.iter().any(|s| (s.at - x).abs() <= TOL && s.from <= bottom + q && s.to >= top - q)
    }
    fn h_rule(&self, y: f64, left: f64, right: f64) -> bool {
        let q = (right - left) * 0.25;
        self.h.iter().any(|s| (s.at - y).abs() <= TOL && s.from <= left + q && s.to >= right - q)
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
                let (a, b) = (find(&mut parent, idx(r, c)), find(&mut parent, idx(r, c + 1)));
                if a != b {
                    parent[b] = a;
                }
            }
            if r + 1 < nr && !g.h_rule(bottom, g.xs[c], g.xs[c + 1]) {
                let (a, b) = (find(&mut parent, idx(r, c)), find(&mut parent, idx(r + 1, c)));
                if a != b {
                    parent[b] = a;
                }
            }
        }
    }
    // Bounding box of every merged group.
    let mut bbox: std::collections::HashMap<usize, (usize, usize, usize, usize)> = Default::default();
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, idx(r, c));
            let e = bbox.entry(root).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    // Glyphs into groups.
    let (left, right, top, bottom) = (g.xs[0], g.xs[nc], g.ys[0], g.ys[nr]);
    let mut content: std::collections::HashMap<usize, Vec<&Placed>> = Default::default();
    let mut any = false;
    for (i, gl) in glyphs.iter().enumerate() {
        let cx = gl.x + gl.w / 2.0;
        let cy = gl.y + gl.size * 0.3;
        if cx < left || cx > right || cy > top || cy < bottom {
            continue;
        }
        let c = g.xs.partition_point(|&x| x <= cx).saturating_sub(1).min(nc - 1);
        let r = g.ys.partition_point(|&y| y >= cy).saturating_sub(1).min(nr - 1);
        let root = find(&mut parent, idx(r, c));
        content.entry(root).or_default().push(gl);
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
            let (r0, c0, r1, c1) = bbox.get(&root).copied().unwrap_or((r, c, r, c));
            let span = (c1.max(c) - c + 1) as u32;
            if r0 == r && c0 == c {
                let text = content
                    .get(&root)
                    .map(|gs| lines(gs).into_iter().map(|l| l.text).collect::<Vec<_>>().join("\n"))
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
    Some(TableGrid { rows, x0: left, x1: right, top, bottom })
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

/// Group glyphs into lines by baseline, left to right.
pub fn lines(glyphs: &[&Placed]) -> Vec<Line> {
    let mut gs: Vec<&Placed> = glyphs.to_vec();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
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
        grp.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut prev: Option<&Placed> = None;
        let mut pending_space = false;
        let (mut x0, mut x1) = (f64::MAX, f64::MIN);
        let size = grp.iter().filter(|g| !g.space).map(|g| g.size).fold(0.0, f64::max);
        for g in grp {
            if g.space {
                pending_space = prev.is_some();
                continue;
            }
            if let Some(p) = prev {
                // A glyph drawn twice (fake bold) at almost the same place.
                if p.text == g.text && (g.x - p.x).abs() < 0.25 * g.size.max(1.0) {
                    continue;
                }
                let gap = g.x - (p.x + p.w);
                let a = p.text.chars().last().unwrap_or(' ');
                let b = g.text.chars().next().unwrap_or(' ');
                let limit = if is_cjk(a) && is_cjk(b) { 1.2 } else { 0.25 };
                if pending_space || gap > limit * g.size.max(p.size) {
                    text.push(' ');
                }
            }
            pending_space = false;
            text.push_str(&g.text);
            x0 = x0.min(g.x);
            x1 = x1.max(g.x + g.w);
            prev = Some(g);
        }
        let text = text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        out.push(Line { text, x0, x1, y: base, size });
    }
    out
}
