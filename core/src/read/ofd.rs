//! OFD files (GB/T 33190, China's fixed-layout format).
//!
//! An OFD is a zip of XML parts: `OFD.xml` names the document's root
//! (`Document.xml`), which lists its pages (`Pages/Page_N/Content.xml`) and
//! their templates. A page holds text objects (a boundary, an optional
//! matrix, a size, and `TextCode` runs with the position of each character:
//! `X`/`Y` and the advances `DeltaX`/`DeltaY`) and path objects (the ruling
//! lines of tables). This reader places every character on its page, keeps
//! the horizontal and vertical lines, and hands both to the layout step of
//! the PDF reader, so tables and sections come out as from a PDF.
//!
//! The text is the `TextCode`'s own; a glyph mapping (`CGTransform`) only
//! changes which glyphs draw it. Text drawn without a `TextCode` (glyphs
//! only) cannot be read; a page of images only is a scan.

use super::markup::{attr, local, unescape, Tok, Tokenizer};
use super::pdf::positioned::{self, PageContent, Placed, Seg};
use super::zip::{Archive, ZipLimits};
use super::{Limits, ReadError, ReadErrorKind};
use crate::decimal::parse_f64;
use crate::document::{Document, InputKind};
use std::collections::HashMap;

/// Points per millimetre: OFD measures in mm, the layout in points.
const PT: f64 = 72.0 / 25.4;

/// Most characters placed in one file (as for a PDF's glyphs).
const MAX_GLYPHS: usize = 2_000_000;

/// Most characters one `TextCode` may hold (longer runs are cut).
const MAX_RUN: usize = 100_000;

/// Most path commands read in one file.
const MAX_PATH_OPS: usize = 4_000_000;

/// Most templates a page may stack.
const MAX_TEMPLATES: usize = 8;

fn corrupt(what_zh: &str, what_en: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Corrupt,
        format!("OFD 文件已损坏或不完整（{what_zh}），无法读取。请重新下载，或用 OFD 阅读器另存为 PDF 后再检查。"),
        format!("The OFD file is damaged or incomplete ({what_en}) and cannot be read. Download it again, or save it as PDF with an OFD reader, and check that instead."),
    )
}

fn scanned() -> ReadError {
    ReadError::new(
        ReadErrorKind::Scanned,
        "这是扫描件（图片）OFD，没有文字层，无法读取其中的文字和表格。请提供由 Word/WPS 导出的文件、原始 .docx 文件，或先用 OCR 识别文字后再检查。",
        "This is a scanned (image-only) OFD without a text layer, so its text and tables cannot be read. Provide a file exported from Word/WPS, the original .docx, or run OCR on it first.",
    )
}

fn no_text() -> ReadError {
    ReadError::new(
        ReadErrorKind::Empty,
        "OFD 文件中没有可读取的文字。如果内容是图片或扫描件，请提供文字版。",
        "The OFD file holds no text that can be read. If its content is an image or a scan, provide a text version.",
    )
}

/// A part of the package as text, or the error naming it.
fn part(zip: &mut Archive<'_>, name: &str) -> Result<String, ReadError> {
    zip.read_text(name)?.ok_or_else(|| {
        corrupt(
            &format!("缺少 {name}"),
            &format!("the part {name} is missing"),
        )
    })
}

/// The folder of a part's name (`Doc_0/Document.xml` → `Doc_0`).
fn dir_of(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Numbers of an attribute or element (`"0 0 210 297"`).
fn numbers(s: &str) -> Vec<f64> {
    s.split_ascii_whitespace()
        .filter_map(parse_f64)
        .filter(|v| v.is_finite())
        .collect()
}

/// A list of advances: numbers, and `g N v` for N times v; at most `max`.
fn deltas(s: &str, max: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut it = s.split_ascii_whitespace();
    while let Some(t) = it.next() {
        if out.len() >= max {
            break;
        }
        if t == "g" {
            let n = it.next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
            let v = it
                .next()
                .and_then(parse_f64)
                .filter(|v| v.is_finite())
                .unwrap_or(0.0);
            for _ in 0..n.min(max - out.len()) {
                out.push(v);
            }
        } else if let Some(v) = parse_f64(t) {
            out.push(if v.is_finite() { v } else { 0.0 });
        }
    }
    out
}

/// An affine matrix `a b c d e f` (x' = a x + c y + e, y' = b x + d y + f).
#[derive(Clone, Copy, Debug)]
struct Ctm([f64; 6]);

impl Ctm {
    const ID: Ctm = Ctm([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    fn parse(s: Option<&str>) -> Ctm {
        match s.map(numbers) {
            Some(v) if v.len() == 6 => Ctm([v[0], v[1], v[2], v[3], v[4], v[5]]),
            _ => Ctm::ID,
        }
    }
    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
    /// How much the matrix scales lengths (for the font size).
    fn scale(&self) -> f64 {
        let [a, b, c, d, _, _] = self.0;
        let s = (a * d - b * c).abs().sqrt();
        if s.is_finite() && s > 0.0 {
            s
        } else {
            1.0
        }
    }
}

/// What one page (or template) draws: characters and lines in page
/// millimetres, y down.
#[derive(Clone, Default)]
struct Drawn {
    glyphs: Vec<Placed>,
    segs: Vec<Seg>,
    images: usize,
    /// Text drawn by glyph numbers only (no `TextCode` text).
    unmapped: usize,
}

/// Budgets shared by all the pages of a file.
struct Budget {
    glyphs: usize,
    path_ops: usize,
}

/// A text object being read.
struct TextObj {
    origin: (f64, f64),
    /// The width of its boundary (where it has no matrix).
    width: Option<f64>,
    ctm: Ctm,
    size: f64,
    /// Where the next `TextCode` without X/Y starts (object space).
    pen: (f64, f64),
}

/// Read the objects of a page's or template's content.
fn draw(xml: &str, budget: &mut Budget, out: &mut Drawn) {
    let mut text: Option<TextObj> = None;
    // An open TextCode: (x, y, DeltaX, DeltaY, text so far).
    let mut code: Option<(f64, f64, String, String, String)> = None;
    let mut cg_only = false;
    // An open PathObject: (origin, ctm, keep all lines, filled only, data).
    let mut path: Option<((f64, f64), Ctm, bool, String)> = None;
    let mut in_data = false;
    let mut hidden = 0u32;
    for tok in Tokenizer::new(xml, false) {
        match tok {
            Tok::Start {
                name,
                attrs,
                self_closing,
            } => {
                let l = local(name);
                let visible = attr(attrs, "Visible").is_none_or(|v| v != "false");
                let boundary = || {
                    let b = attr(attrs, "Boundary")
                        .map(|b| numbers(&b))
                        .unwrap_or_default();
                    (
                        b.first().copied().unwrap_or(0.0),
                        b.get(1).copied().unwrap_or(0.0),
                    )
                };
                let object = matches!(l, "TextObject" | "PathObject" | "ImageObject");
                match l {
                    // An object not shown, and everything inside it.
                    _ if object && !self_closing && (!visible || hidden > 0) => hidden += 1,
                    _ if hidden > 0 || (object && !visible) => {}
                    "TextObject" => {
                        let size = attr(attrs, "Size")
                            .and_then(|s| parse_f64(s.trim()))
                            .filter(|s| s.is_finite() && *s > 0.0)
                            .unwrap_or(3.5);
                        let ctm = Ctm::parse(attr(attrs, "CTM").as_deref());
                        let width = attr(attrs, "Boundary")
                            .map(|b| numbers(&b))
                            .and_then(|b| b.get(2).copied())
                            .filter(|_| attr(attrs, "CTM").is_none());
                        text = (!self_closing).then_some(TextObj {
                            origin: boundary(),
                            width,
                            ctm,
                            size,
                            pen: (0.0, 0.0),
                        });
                        cg_only = false;
                    }
                    "TextCode" if text.is_some() => {
                        let pen = text.as_ref().map_or((0.0, 0.0), |t| t.pen);
                        let num = |k: &str, d: f64| {
                            attr(attrs, k)
                                .and_then(|v| parse_f64(v.trim()))
                                .filter(|v| v.is_finite())
                                .unwrap_or(d)
                        };
                        let dx = attr(attrs, "DeltaX")
                            .map(|v| v.into_owned())
                            .unwrap_or_default();
                        let dy = attr(attrs, "DeltaY")
                            .map(|v| v.into_owned())
                            .unwrap_or_default();
                        code = (!self_closing)
                            .then(|| (num("X", pen.0), num("Y", pen.1), dx, dy, String::new()));
                    }
                    "CGTransform" => cg_only = true,
                    "PathObject" => {
                        let stroke = attr(attrs, "Stroke").is_none_or(|v| v != "false");
                        let fill = attr(attrs, "Fill").is_some_and(|v| v == "true");
                        path = (!self_closing && (stroke || fill)).then(|| {
                            (
                                boundary(),
                                Ctm::parse(attr(attrs, "CTM").as_deref()),
                                stroke,
                                String::new(),
                            )
                        });
                    }
                    "AbbreviatedData" => in_data = path.is_some() && !self_closing,
                    "ImageObject" => out.images += 1,
                    _ => {}
                }
            }
            Tok::Text(s) | Tok::Cdata(s) => {
                if hidden > 0 {
                    continue;
                }
                if let Some(c) = code.as_mut() {
                    if c.4.len() < MAX_RUN * 4 {
                        c.4.push_str(&unescape(s));
                    }
                } else if in_data {
                    if let Some(p) = path.as_mut() {
                        if p.3.len() < 1 << 20 {
                            p.3.push_str(s);
                        }
                    }
                }
            }
            Tok::End { name } => match local(name) {
                "TextObject" | "PathObject" | "ImageObject" if hidden > 0 => hidden -= 1,
                "TextCode" => {
                    if let (Some(c), Some(t)) = (code.take(), text.as_mut()) {
                        place(t, c, budget, out);
                    }
                }
                "TextObject" => {
                    if let Some(t) = text.take() {
                        // A text object with a glyph mapping and no text of its own.
                        if cg_only && t.pen == (0.0, 0.0) {
                            out.unmapped += 1;
                        }
                    }
                }
                "AbbreviatedData" => in_data = false,
                "PathObject" => {
                    if let Some((origin, ctm, stroke, data)) = path.take() {
                        lines(&data, origin, ctm, stroke, budget, out);
                    }
                }
                _ => {}
            },
        }
    }
}

/// Place the characters of one `TextCode`.
fn place(
    t: &mut TextObj,
    (x, y, dx, dy, s): (f64, f64, String, String, String),
    budget: &mut Budget,
    out: &mut Drawn,
) {
    let chars: Vec<char> = s.chars().take(MAX_RUN).collect();
    if chars.is_empty() {
        return;
    }
    let n = chars.len();
    let dxs = deltas(&dx, n);
    let dys = deltas(&dy, n);
    let scale = t.ctm.scale();
    let size = t.size * scale;
    let (mut px, mut py) = (x, y);
    // The width of the previous character and whether it was wide.
    let mut prev: Option<(f64, bool)> = None;
    for (i, c) in chars.iter().enumerate() {
        if budget.glyphs == 0 {
            break;
        }
        budget.glyphs -= 1;
        let wide = !c.is_ascii();
        let est = if wide { t.size } else { 0.6 * t.size };
        // The advance to the next character is the character's width,
        // unless it is wider than any character (then a gap follows); the
        // last one reaches to the end of its object's boundary, or is as
        // wide as the one before it of its kind.
        let adv = dxs.get(i).copied();
        let w = match adv {
            Some(a) if i + 1 < n => {
                if a >= 0.0 && a <= 1.05 * t.size {
                    a
                } else {
                    est
                }
            }
            _ => match (prev, t.width.map(|w| w - px)) {
                (_, Some(rest)) if rest > 0.2 * t.size && rest <= 1.05 * t.size => rest,
                (Some((pw, pwide)), _) if pwide == wide => pw,
                _ => est,
            },
        };
        prev = Some((w, wide));
        let adv = adv.unwrap_or(est);
        let (ax, ay) = t.ctm.apply(px, py);
        out.glyphs.push(Placed {
            text: c.to_string(),
            x: t.origin.0 + ax,
            y: t.origin.1 + ay,
            w: w * scale,
            size,
            space: c.is_whitespace(),
        });
        px += adv;
        py += dys.get(i).copied().unwrap_or(0.0);
    }
    t.pen = (px, py);
}

/// The horizontal and vertical lines of a path (`M x y`, `L x y`, `C`
/// closes; curves move the pen). A filled path that is not stroked counts
/// only where it is a thin bar (a rule drawn as a rectangle).
fn lines(
    data: &str,
    origin: (f64, f64),
    ctm: Ctm,
    stroke: bool,
    budget: &mut Budget,
    out: &mut Drawn,
) {
    let mut toks = data.split_ascii_whitespace();
    let mut pen: Option<(f64, f64)> = None;
    let mut start: Option<(f64, f64)> = None;
    let mut segs: Vec<((f64, f64), (f64, f64))> = Vec::new();
    let num = |toks: &mut std::str::SplitAsciiWhitespace<'_>| -> Option<f64> {
        parse_f64(toks.next()?).filter(|v| v.is_finite())
    };
    while let Some(op) = toks.next() {
        if budget.path_ops == 0 {
            break;
        }
        budget.path_ops -= 1;
        let at = |x: f64, y: f64| {
            let (a, b) = ctm.apply(x, y);
            (origin.0 + a, origin.1 + b)
        };
        match op {
            "M" | "S" => {
                let (Some(x), Some(y)) = (num(&mut toks), num(&mut toks)) else {
                    break;
                };
                pen = Some(at(x, y));
                start = pen;
            }
            "L" => {
                let (Some(x), Some(y)) = (num(&mut toks), num(&mut toks)) else {
                    break;
                };
                let p = at(x, y);
                if let Some(q) = pen {
                    segs.push((q, p));
                }
                pen = Some(p);
            }
            "Q" => {
                let mut last = None;
                for _ in 0..2 {
                    last = num(&mut toks).zip(num(&mut toks));
                }
                pen = last.map(|(x, y)| at(x, y)).or(pen);
            }
            "B" => {
                let mut last = None;
                for _ in 0..3 {
                    last = num(&mut toks).zip(num(&mut toks));
                }
                pen = last.map(|(x, y)| at(x, y)).or(pen);
            }
            "A" => {
                let mut v = [0.0; 7];
                for x in v.iter_mut() {
                    *x = num(&mut toks).unwrap_or(0.0);
                }
                pen = Some(at(v[5], v[6]));
            }
            "C" => {
                if let (Some(p), Some(s)) = (pen, start) {
                    segs.push((p, s));
                }
                pen = start;
            }
            _ => {}
        }
    }
    if !stroke {
        // A filled thin bar: the line through its middle.
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (a, b) in &segs {
            for p in [a, b] {
                x0 = x0.min(p.0);
                y0 = y0.min(p.1);
                x1 = x1.max(p.0);
                y1 = y1.max(p.1);
            }
        }
        if segs.is_empty() {
            return;
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if h <= 1.0 && w > 2.0 * h {
            let y = (y0 + y1) / 2.0;
            segs = vec![((x0, y), (x1, y))];
        } else if w <= 1.0 && h > 2.0 * w {
            let x = (x0 + x1) / 2.0;
            segs = vec![((x, y0), (x, y1))];
        } else {
            return;
        }
    }
    for ((ax, ay), (bx, by)) in segs {
        if (ay - by).abs() <= 0.1 && (ax - bx).abs() > 0.1 {
            out.segs.push(Seg {
                horizontal: true,
                at: (ay + by) / 2.0,
                from: ax.min(bx),
                to: ax.max(bx),
            });
        } else if (ax - bx).abs() <= 0.1 && (ay - by).abs() > 0.1 {
            out.segs.push(Seg {
                horizontal: false,
                at: (ax + bx) / 2.0,
                from: ay.min(by),
                to: ay.max(by),
            });
        }
    }
}

/// A page's size in mm (`PhysicalBox`: x y width height).
fn page_box(xml: &str) -> Option<(f64, f64)> {
    let mut in_box = false;
    for tok in Tokenizer::new(xml, false) {
        match tok {
            Tok::Start { name, .. } if local(name) == "PhysicalBox" => in_box = true,
            Tok::Text(s) if in_box => {
                let v = numbers(s);
                return (v.len() == 4 && v[2] > 0.0 && v[3] > 0.0).then(|| (v[2], v[3]));
            }
            Tok::Start { name, .. } if local(name) == "Content" => return None,
            _ => in_box = false,
        }
    }
    None
}

/// The content of a drawn page in the layout's space: points, y up.
fn to_layout(d: Drawn, height_mm: f64) -> (f64, PageContent) {
    let h = height_mm * PT;
    let glyphs = d
        .glyphs
        .into_iter()
        .map(|g| Placed {
            x: g.x * PT,
            y: h - g.y * PT,
            w: g.w * PT,
            size: g.size * PT,
            ..g
        })
        .collect();
    let segs = d
        .segs
        .into_iter()
        .map(|s| {
            if s.horizontal {
                Seg {
                    at: h - s.at * PT,
                    from: s.from * PT,
                    to: s.to * PT,
                    ..s
                }
            } else {
                Seg {
                    at: s.at * PT,
                    from: h - s.to * PT,
                    to: h - s.from * PT,
                    ..s
                }
            }
        })
        .collect();
    (
        h,
        PageContent {
            glyphs,
            segs,
            images: d.images,
            unmapped: d.unmapped,
        },
    )
}

/// The OFD reader: the package's pages (and their templates) placed and
/// laid out as a PDF's; an encrypted package is refused, a package of
/// pictures only is named a scan.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = Archive::open(bytes, ZipLimits::from(limits))?;
    if zip.contains("Encryptions.xml") {
        return Err(ReadError::new(
            ReadErrorKind::Encrypted,
            "OFD 文件已加密，无法读取。请用 OFD 阅读器解密后另存为 PDF，或提供原始 Word 文件后再检查。",
            "The OFD file is encrypted and cannot be read. Decrypt it and save it as PDF with an OFD reader, or provide the original Word file, and check that instead.",
        ));
    }
    let ofd = part(&mut zip, "OFD.xml")?;
    let mut root = None;
    let mut in_root = false;
    for tok in Tokenizer::new(&ofd, false) {
        match tok {
            Tok::Start { name, .. } if local(name) == "DocRoot" => in_root = true,
            Tok::Text(s) if in_root => {
                root = Some(super::ooxml::resolve("", unescape(s).trim()));
                break;
            }
            _ => in_root = false,
        }
    }
    let root = root.ok_or_else(|| corrupt("OFD.xml 中没有 DocRoot", "OFD.xml names no DocRoot"))?;
    let doc_xml = part(&mut zip, &root)?;
    let doc_dir = dir_of(&root).to_string();
    // Pages and templates of the document, in order.
    let mut pages: Vec<String> = Vec::new();
    let mut templates: HashMap<String, String> = HashMap::new();
    let default_box = page_box(&doc_xml);
    let mut in_pages = false;
    for tok in Tokenizer::new(&doc_xml, false) {
        if let Tok::Start { name, attrs, .. } = tok {
            match local(name) {
                "Pages" => in_pages = true,
                // Pages past the limit are not read (as a PDF's).
                "Page" if in_pages && pages.len() < limits.max_pdf_pages => {
                    if let Some(loc) = attr(attrs, "BaseLoc") {
                        pages.push(super::ooxml::resolve(&doc_dir, loc.trim()));
                    }
                }
                "TemplatePage" => {
                    if let (Some(id), Some(loc)) = (attr(attrs, "ID"), attr(attrs, "BaseLoc")) {
                        if templates.len() < 1000 {
                            templates.insert(
                                id.into_owned(),
                                super::ooxml::resolve(&doc_dir, loc.trim()),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if pages.is_empty() {
        return Err(corrupt("文档中没有页面", "the document lists no pages"));
    }
    let mut budget = Budget {
        glyphs: MAX_GLYPHS,
        path_ops: MAX_PATH_OPS,
    };
    let mut drawn_templates: HashMap<String, Drawn> = HashMap::new();
    let mut laid = Vec::with_capacity(pages.len());
    let (mut glyphs, mut images, mut unmapped) = (0usize, 0usize, 0usize);
    for loc in &pages {
        let Some(xml) = zip.read_text(loc)? else {
            continue;
        };
        let (_, height) = page_box(&xml).or(default_box).unwrap_or((210.0, 297.0));
        let mut d = Drawn::default();
        // Templates first (they lie under the page's own content).
        let mut used = 0;
        for tok in Tokenizer::new(&xml, false) {
            match tok {
                Tok::Start { name, attrs, .. } if local(name) == "Template" => {
                    used += 1;
                    if used > MAX_TEMPLATES {
                        break;
                    }
                    let Some(id) = attr(attrs, "TemplateID") else {
                        continue;
                    };
                    if !drawn_templates.contains_key(id.as_ref()) {
                        let mut t = Drawn::default();
                        if let Some(tloc) = templates.get(id.as_ref()) {
                            if let Some(txml) = zip.read_text(tloc)? {
                                draw(&txml, &mut budget, &mut t);
                            }
                        }
                        drawn_templates.insert(id.to_string(), t);
                    }
                    // A template's content counts against the budgets on
                    // every page that shows it.
                    if let Some(t) = drawn_templates.get(id.as_ref()) {
                        let g = t.glyphs.len().min(budget.glyphs);
                        d.glyphs.extend(t.glyphs[..g].iter().cloned());
                        budget.glyphs -= g;
                        let n = t.segs.len().min(budget.path_ops);
                        d.segs.extend_from_slice(&t.segs[..n]);
                        budget.path_ops -= n;
                        d.images += t.images;
                    }
                }
                Tok::Start { name, .. } if local(name) == "Content" => break,
                _ => {}
            }
        }
        draw(&xml, &mut budget, &mut d);
        glyphs += d.glyphs.iter().filter(|g| !g.space).count();
        images += d.images;
        unmapped += d.unmapped;
        laid.push(to_layout(d, height));
    }
    if glyphs == 0 {
        return Err(if images > 0 && unmapped == 0 {
            scanned()
        } else if unmapped > 0 {
            ReadError::new(
                ReadErrorKind::Unsupported,
                "OFD 中的文字只以字形编号绘制，没有文字编码，无法读取。请用 OFD 阅读器另存为 PDF，或提供原始 Word 文件后再检查。",
                "The text of this OFD is drawn by glyph numbers only, without its characters, so it cannot be read. Save it as PDF with an OFD reader, or provide the original Word file, and check that instead.",
            )
        } else {
            no_text()
        });
    }
    Ok(positioned::document(&laid, InputKind::Ofd))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_repeat_with_g() {
        assert_eq!(
            deltas("g 3 2.5 1 g 2 4", 10),
            [2.5, 2.5, 2.5, 1.0, 4.0, 4.0]
        );
        assert_eq!(deltas("g 1000000000 1", 4).len(), 4);
        assert_eq!(deltas("x g", 4), Vec::<f64>::new());
    }

    #[test]
    fn characters_are_placed_by_their_advances() {
        let xml = r#"<ofd:Page><ofd:Content><ofd:Layer>
            <ofd:TextObject Boundary="10 20 100 10" Size="5"><ofd:TextCode X="1" Y="4" DeltaX="g 2 5">报告书</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject Boundary="10 30 100 10" Size="5" Visible="false"><ofd:TextCode X="0" Y="4">隐</ofd:TextCode></ofd:TextObject>
            <ofd:PathObject Boundary="0 50 200 0.2"><ofd:AbbreviatedData>M 0 0 L 200 0 M 5 0 L 5 40</ofd:AbbreviatedData></ofd:PathObject>
            </ofd:Layer></ofd:Content></ofd:Page>"#;
        let mut b = Budget {
            glyphs: 100,
            path_ops: 100,
        };
        let mut d = Drawn::default();
        draw(xml, &mut b, &mut d);
        let g: Vec<(String, f64, f64)> = d
            .glyphs
            .iter()
            .map(|g| (g.text.clone(), g.x, g.y))
            .collect();
        assert_eq!(
            g,
            [
                ("报".to_string(), 11.0, 24.0),
                ("告".to_string(), 16.0, 24.0),
                ("书".to_string(), 21.0, 24.0)
            ]
        );
        assert_eq!(d.segs.len(), 2);
        assert!(d.segs[0].horizontal && d.segs[0].at == 50.0 && d.segs[0].to == 200.0);
        assert!(!d.segs[1].horizontal && d.segs[1].at == 5.0 && d.segs[1].to == 90.0);
    }
}
