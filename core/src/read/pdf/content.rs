//! Content streams: where each glyph sits on the page, and the ruling lines.
//!
//! Interprets the text operators (BT/ET, Tf, Tm, Td/TD/T*, Tj/TJ/'/",
//! Tc/Tw/Tz/TL/Ts) under the graphics state (q/Q, cm), follows Form XObjects
//! (Do), and keeps the axis-aligned strokes and thin filled rectangles that
//! draw table borders.

use super::file::File;
use super::font::{Font, Glyph};
use super::parse::{Dict, Lexer, Obj};
use std::collections::HashMap;
use std::rc::Rc;

/// A 2-D affine matrix `[a b c d e f]` (row-vector convention).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Mat([f64; 6]);

impl Mat {
    pub(super) const ID: Mat = Mat([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    pub(super) fn new(v: [f64; 6]) -> Mat {
        if v.iter().all(|x| x.is_finite()) {
            Mat(v)
        } else {
            Mat::ID
        }
    }
    /// `self × other`: apply `self`, then `other`.
    pub(super) fn mul(&self, o: &Mat) -> Mat {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Mat::new([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
    pub(super) fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }
    fn translate(tx: f64, ty: f64) -> Mat {
        Mat::new([1.0, 0.0, 0.0, 1.0, tx, ty])
    }
}

/// A glyph placed on the page (page space, y up).
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    pub text: String,
    /// Baseline origin.
    pub x: f64,
    pub y: f64,
    /// Advance along the baseline.
    pub w: f64,
    /// Font size on the page.
    pub size: f64,
    pub space: bool,
}

/// A horizontal or vertical ruling segment.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seg {
    pub horizontal: bool,
    /// y of a horizontal line, x of a vertical one.
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

#[derive(Default)]
pub(crate) struct PageContent {
    pub glyphs: Vec<Placed>,
    pub segs: Vec<Seg>,
    pub images: usize,
    /// Glyphs whose text could not be decoded.
    pub unmapped: usize,
    /// Set when the page's operators or glyphs ran past their budget, so
    /// that the rest of the page was not read.
    pub cut: bool,
}

pub(super) struct Budget {
    pub ops: usize,
    pub glyphs: usize,
}

#[derive(Clone)]
struct TextState {
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
    fs: f64,
    font: Option<Rc<Font>>,
}

#[derive(Clone)]
struct GState {
    ctm: Mat,
    ts: TextState,
}

pub(super) struct Interp<'f, 'a> {
    file: &'f File<'a>,
    fonts: &'f mut HashMap<u32, Rc<Font>>,
    pub out: PageContent,
    budget: &'f mut Budget,
    path: Vec<Vec<(f64, f64)>>,
    forms: Vec<u32>,
}

const MAX_STACK: usize = 64;
const MAX_PAGE_GLYPHS: usize = 200_000;

impl<'f, 'a> Interp<'f, 'a> {
    pub(super) fn new(
        file: &'f File<'a>,
        fonts: &'f mut HashMap<u32, Rc<Font>>,
        budget: &'f mut Budget,
    ) -> Self {
        Interp {
            file,
            fonts,
            out: PageContent::default(),
            budget,
            path: Vec::new(),
            forms: Vec::new(),
        }
    }

    pub(super) fn run_page(&mut self, content: &[u8], resources: &Dict, ctm: Mat) {
        let gs = GState {
            ctm,
            ts: TextState {
                tc: 0.0,
                tw: 0.0,
                th: 1.0,
                tl: 0.0,
                rise: 0.0,
                fs: 0.0,
                font: None,
            },
        };
        self.run(content, resources, gs);
    }

    /// The font `name` of `fonts` (the resources' `/Font`, resolved).
    fn font(&mut self, fonts: &Obj, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = fonts.as_dict()?;
        let r = fonts.get(name)?;
        if let Obj::Ref(n, _) = r {
            if let Some(f) = self.fonts.get(n) {
                return Some(f.clone());
            }
            let d = self.file.resolve(r);
            let f = Rc::new(Font::load(self.file, d.as_dict()?));
            self.fonts.insert(*n, f.clone());
            return Some(f);
        }
        let d = self.file.resolve(r);
        Some(Rc::new(Font::load(self.file, d.as_dict()?)))
    }

    fn run(&mut self, content: &[u8], resources: &Dict, start: GState) {
        let mut gs = start;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Mat::ID;
        let mut tlm = Mat::ID;
        let mut ops: Vec<Obj> = Vec::new();
        let mut lx = Lexer::new(content, 0);
        let mut glyphs: Vec<Glyph> = Vec::new();
        // The resources' `/Font` and `/XObject`, resolved when first used:
        // once for this content, not at each `Tf` or `Do` (a page printed
        // from a browser sets its font for every run of text, and each
        // resolving parsed or copied the whole dictionary again).
        let mut font_dict: Option<Obj> = None;
        let mut x_dict: Option<Obj> = None;
        loop {
            let before = lx.pos;
            let w = match lx.object() {
                Ok(o) => {
                    if lx.pos == before {
                        break;
                    }
                    if ops.len() < MAX_STACK {
                        ops.push(o);
                    }
                    if lx.peek().is_none() {
                        break;
                    }
                    continue;
                }
                Err(w) => w,
            };
            if lx.pos == before {
                break;
            }
            self.budget.ops = match self.budget.ops.checked_sub(1) {
                Some(v) => v,
                None => {
                    self.out.cut = true;
                    return;
                }
            };
            // The file's time (when the caller gave one), looked at every
            // 4,096 operators: the check stops and the file is refused.
            if self.budget.ops.is_multiple_of(4096) && crate::read::time_is_up() {
                self.out.cut = true;
                return;
            }
            let n = |i: usize| -> f64 {
                ops.len()
                    .checked_sub(i)
                    .and_then(|k| ops.get(k))
                    .and_then(Obj::as_f64)
                    .unwrap_or(0.0)
            };
            match w {
                b"q" if stack.len() < 256 => {
                    stack.push(gs.clone());
                }
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" if ops.len() >= 6 => {
                    let m = Mat::new([n(6), n(5), n(4), n(3), n(2), n(1)]);
                    gs.ctm = m.mul(&gs.ctm);
                }
                b"BT" => {
                    tm = Mat::ID;
                    tlm = Mat::ID;
                }
                b"ET" => {}
                b"Tf" if ops.len() >= 2 => {
                    gs.ts.fs = n(1);
                    let name = ops
                        .get(ops.len() - 2)
                        .and_then(Obj::as_name)
                        .map(<[u8]>::to_vec);
                    let fonts =
                        font_dict.get_or_insert_with(|| self.file.get_in(resources, b"Font"));
                    gs.ts.font = name.and_then(|nm| self.font(fonts, &nm));
                }
                b"Tc" => gs.ts.tc = n(1),
                b"Tw" => gs.ts.tw = n(1),
                b"Tz" => gs.ts.th = n(1) / 100.0,
                b"TL" => gs.ts.tl = n(1),
                b"Ts" => gs.ts.rise = n(1),
                b"Tm" if ops.len() >= 6 => {
                    tm = Mat::new([n(6), n(5), n(4), n(3), n(2), n(1)]);
                    tlm = tm;
                }
                b"Td" => {
                    tlm = Mat::translate(n(2), n(1)).mul(&tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.ts.tl = -n(1);
                    tlm = Mat::translate(n(2), n(1)).mul(&tlm);
                    tm = tlm;
                }
                b"T*" => {
                    tlm = Mat::translate(0.0, -gs.ts.tl).mul(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if w == b"'" || w == b"\"" {
                        if w == b"\"" {
                            gs.ts.tw = n(3);
                            gs.ts.tc = n(2);
                        }
                        tlm = Mat::translate(0.0, -gs.ts.tl).mul(&tlm);
                        tm = tlm;
                    }
                    let Some(font) = gs.ts.font.clone() else {
                        ops.clear();
                        continue;
                    };
                    let last = ops.pop().unwrap_or(Obj::Null);
                    let items: Vec<Obj> = match last {
                        Obj::Array(a) => a,
                        o => vec![o],
                    };
                    for it in items {
                        match it {
                            Obj::Str(s) => {
                                glyphs.clear();
                                font.decode(&s, &mut glyphs);
                                for g in glyphs.drain(..) {
                                    self.show(&gs, &font, &mut tm, g);
                                }
                            }
                            o => {
                                if let Some(adj) = o.as_f64() {
                                    let d = -adj / 1000.0 * gs.ts.fs;
                                    tm = if font.vertical {
                                        Mat::translate(0.0, d).mul(&tm)
                                    } else {
                                        Mat::translate(d * gs.ts.th, 0.0).mul(&tm)
                                    };
                                }
                            }
                        }
                    }
                }
                b"m" => self.path.push(vec![gs.ctm.apply(n(2), n(1))]),
                b"l" => {
                    let p = gs.ctm.apply(n(2), n(1));
                    match self.path.last_mut() {
                        Some(sp) => sp.push(p),
                        None => self.path.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves: keep the end point only (borders are straight).
                    let p = gs.ctm.apply(n(2), n(1));
                    self.path.push(vec![p]);
                }
                b"h" => {
                    if let Some(sp) = self.path.last_mut() {
                        if let Some(&first) = sp.first() {
                            sp.push(first);
                        }
                    }
                }
                b"re" => {
                    let (x, y, wd, ht) = (n(4), n(3), n(2), n(1));
                    let c = gs.ctm;
                    self.path.push(vec![
                        c.apply(x, y),
                        c.apply(x + wd, y),
                        c.apply(x + wd, y + ht),
                        c.apply(x, y + ht),
                        c.apply(x, y),
                    ]);
                }
                b"S" | b"s" => self.paint(true, false),
                b"f" | b"F" | b"f*" => self.paint(false, true),
                b"B" | b"B*" | b"b" | b"b*" => self.paint(true, true),
                b"n" => self.path.clear(),
                b"Do" => {
                    if let Some(name) = ops.last().and_then(Obj::as_name).map(<[u8]>::to_vec) {
                        let xo =
                            x_dict.get_or_insert_with(|| self.file.get_in(resources, b"XObject"));
                        self.x_object(resources, xo, &name, &gs);
                    }
                }
                b"BI" => {
                    self.out.images += 1;
                    // Skip the inline image's parameters and data.
                    match super::parse::find(content, b"ID", lx.pos) {
                        Some(p) => {
                            let mut q = p + 3;
                            loop {
                                match super::parse::find(content, b"EI", q) {
                                    Some(e) => {
                                        let before_ok = e == 0
                                            || content
                                                .get(e - 1)
                                                .is_some_and(|b| super::parse::is_white(*b));
                                        let after_ok = content
                                            .get(e + 2)
                                            .is_none_or(|b| super::parse::is_white(*b));
                                        if before_ok && after_ok {
                                            lx.pos = e + 2;
                                            break;
                                        }
                                        q = e + 2;
                                    }
                                    None => {
                                        lx.pos = content.len();
                                        break;
                                    }
                                }
                            }
                        }
                        None => lx.pos = content.len(),
                    }
                }
                _ => {}
            }
            ops.clear();
        }
    }

    fn show(&mut self, gs: &GState, font: &Font, tm: &mut Mat, g: Glyph) {
        let ts = &gs.ts;
        let m = tm.mul(&gs.ctm);
        let (x, y) = m.apply(0.0, ts.rise);
        let [_, _, c, d, _, _] = m.0;
        let size = (ts.fs * (c * c + d * d).sqrt()).abs();
        let spacing = ts.tc + if g.is_space { ts.tw } else { 0.0 };
        let (tx, ty) = if font.vertical {
            (0.0, -g.width / 1000.0 * ts.fs + spacing)
        } else {
            ((g.width / 1000.0 * ts.fs + spacing) * ts.th, 0.0)
        };
        let (x2, y2) = m.apply(tx, ty + ts.rise);
        let w = ((x2 - x).powi(2) + (y2 - y).powi(2)).sqrt();
        *tm = Mat::translate(tx, ty).mul(tm);
        if g.text.is_empty() {
            self.out.unmapped += 1;
            return;
        }
        // Keep upright text only: watermarks and rotated stamps would scramble lines.
        let [a, b, _, _, _, _] = m.0;
        let upright = font.vertical || (a > 0.0 && b.abs() <= a * 0.1);
        if !upright || !x.is_finite() || !y.is_finite() || size < 0.5 {
            return;
        }
        // Bounded memory: a whole document's glyphs, and one page's.
        if self.budget.glyphs == 0 || self.out.glyphs.len() >= MAX_PAGE_GLYPHS {
            self.out.cut = true;
            return;
        }
        self.budget.glyphs -= 1;
        let space = g.text.chars().all(char::is_whitespace);
        self.out.glyphs.push(Placed {
            text: g.text,
            x,
            y,
            w: if font.vertical { size } else { w },
            size,
            space,
        });
    }

    fn paint(&mut self, stroke: bool, fill: bool) {
        let path = std::mem::take(&mut self.path);
        for sp in &path {
            if stroke {
                for pair in sp.windows(2) {
                    if let [(x0, y0), (x1, y1)] = pair {
                        self.push_seg(*x0, *y0, *x1, *y1);
                    }
                }
            }
            if fill && sp.len() >= 4 {
                let xs = sp.iter().map(|p| p.0);
                let ys = sp.iter().map(|p| p.1);
                let (x0, x1) = (
                    xs.clone().fold(f64::MAX, f64::min),
                    xs.fold(f64::MIN, f64::max),
                );
                let (y0, y1) = (
                    ys.clone().fold(f64::MAX, f64::min),
                    ys.fold(f64::MIN, f64::max),
                );
                // A rectangle, or nearly one: a browser draws each edge of a
                // cell's border as a thin trapezoid, its ends cut at a slant
                // where two edges meet (a fraction of a point).
                const CORNER: f64 = 1.0;
                let rect = sp.iter().all(|&(x, y)| {
                    ((x - x0).abs() < CORNER || (x - x1).abs() < CORNER)
                        && ((y - y0).abs() < CORNER || (y - y1).abs() < CORNER)
                });
                if rect {
                    if y1 - y0 < 2.5 && x1 - x0 > 2.5 {
                        let y = (y0 + y1) / 2.0;
                        self.push_seg(x0, y, x1, y);
                    } else if x1 - x0 < 2.5 && y1 - y0 > 2.5 {
                        let x = (x0 + x1) / 2.0;
                        self.push_seg(x, y0, x, y1);
                    }
                }
            }
        }
    }

    fn push_seg(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        if self.out.segs.len() >= 100_000 {
            return;
        }
        if (y0 - y1).abs() < 0.5 && (x1 - x0).abs() > 1.0 {
            self.out.segs.push(Seg {
                horizontal: true,
                at: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            });
        } else if (x0 - x1).abs() < 0.5 && (y1 - y0).abs() > 1.0 {
            self.out.segs.push(Seg {
                horizontal: false,
                at: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            });
        }
    }

    /// The XObject `name` of `xo` (the resources' `/XObject`, resolved).
    fn x_object(&mut self, resources: &Dict, xo: &Obj, name: &[u8], gs: &GState) {
        let Some(xo) = xo.as_dict() else { return };
        let Some(r) = xo.get(name) else { return };
        let num = match r {
            Obj::Ref(n, _) => Some(*n),
            _ => None,
        };
        if let Some(n) = num {
            if self.forms.contains(&n) || self.forms.len() >= 12 {
                return;
            }
        }
        let Obj::Stream(dict, raw) = self.file.resolve(r) else {
            return;
        };
        match dict.get(b"Subtype").and_then(Obj::as_name) {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                let Some(data) = self.file.decode_stream(&dict, &raw) else {
                    return;
                };
                let m = match self.file.get_in(&dict, b"Matrix") {
                    Obj::Array(a) if a.len() == 6 => {
                        let v: Vec<f64> = a.iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
                        Mat::new([v[0], v[1], v[2], v[3], v[4], v[5]])
                    }
                    _ => Mat::ID,
                };
                let res = match self.file.get_in(&dict, b"Resources") {
                    Obj::Dict(d) => d,
                    _ => resources.clone(),
                };
                let mut inner = gs.clone();
                inner.ctm = m.mul(&gs.ctm);
                let saved = std::mem::take(&mut self.path);
                if let Some(n) = num {
                    self.forms.push(n);
                }
                self.run(&data, &res, inner);
                self.forms.pop();
                self.path = saved;
            }
            _ => {}
        }
    }
}
