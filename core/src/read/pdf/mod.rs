//! PDF files with a text layer.
//!
//! A small PDF reader of our own (pure Rust; inflate by `miniz_oxide`): the
//! file structure ([`file`]), objects ([`parse`]), fonts and ToUnicode maps
//! ([`font`]), content streams with glyph positions and ruling lines
//! ([`content`]), and the layout that rebuilds lines and tables from positions
//! ([`layout`]). The result is the one [`Document`] model: running text as
//! paragraphs, tables as rows of cells, every span pointing into the text.

mod content;
mod file;
mod font;
mod layout;
mod parse;

use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Block, Cell, Document, InputInfo, InputKind, Paragraph, Table};
use crate::span::Span;
use content::{Budget, Interp, Mat};
use file::{File, FileError};
use layout::{Item, Line, TableGrid};
use parse::{Dict, Obj};
use std::collections::HashMap;

/// The limits the PDF reader works under.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PdfLimits {
    pub max_objects: usize,
    pub max_pages: usize,
    pub max_stream_bytes: usize,
    pub max_total_bytes: usize,
}

impl From<&Limits> for PdfLimits {
    fn from(l: &Limits) -> Self {
        PdfLimits {
            max_objects: l.max_pdf_objects,
            max_pages: l.max_pdf_pages,
            max_stream_bytes: l.max_inflated_stream_bytes,
            max_total_bytes: l.max_inflated_total_bytes,
        }
    }
}

/// A page to read: its dictionary with inherited attributes resolved.
struct PageRef {
    dict: Dict,
    resources: Dict,
    media: [f64; 4],
    rotate: i64,
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let pl = PdfLimits::from(limits);
    let file = File::open(bytes, pl).map_err(file_error)?;
    let pages = page_list(&file, pl.max_pages)?;
    let mut fonts = HashMap::new();
    let mut budget = Budget { ops: 20_000_000, glyphs: 2_000_000 };
    let mut items: Vec<(usize, f64, Item)> = Vec::new();
    let (mut glyphs, mut images, mut unmapped) = (0usize, 0usize, 0usize);
    for (pi, page) in pages.iter().enumerate() {
        let content = page_content(&file, &page.dict);
        let ctm = page_matrix(page.media, page.rotate);
        let mut interp = Interp::new(&file, &mut fonts, &mut budget);
        interp.run_page(&content, &page.resources, ctm);
        let out = interp.out;
        glyphs += out.glyphs.iter().filter(|g| !g.space).count();
        images += out.images;
        unmapped += out.unmapped;
        let height = page_height(page.media, page.rotate);
        for it in layout::page(&out) {
            items.push((pi, height, it));
        }
    }
    if *file.over_limit.borrow() && glyphs == 0 {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            "PDF 中的数据流解压后过大，超过了安全上限，已停止读取。请确认文件是否正确，或另存为较小的 PDF。",
            "A stream of this PDF inflates beyond the safety limit, so reading stopped. Check the file, or save it again as a smaller PDF.",
        ));
    }
    if glyphs == 0 {
        return Err(if unmapped > 0 {
            undecodable()
        } else {
            scanned(images)
        });
    }
    if unmapped > glyphs * 2 {
        return Err(undecodable());
    }
    Ok(assemble(items))
}

fn scanned(images: usize) -> ReadError {
    let _ = images;
    ReadError::new(
        ReadErrorKind::Scanned,
        "这是扫描件（图片）PDF，没有文字层，无法读取其中的文字和表格。请上传由 Word/WPS 直接导出的 PDF、原始 .docx 文件，或先用 OCR 识别文字后再检查。",
        "This is a scanned (image-only) PDF without a text layer, so its text and tables cannot be read. Upload a PDF exported directly from Word/WPS, the original .docx, or run OCR on it first.",
    )
}

fn undecodable() -> ReadError {
    ReadError::new(
        ReadErrorKind::Unsupported,
        "PDF 中的文字无法解码（所用字体缺少字符映射 ToUnicode），无法读取。请上传原始 .docx 文件，或用其他软件重新导出 PDF。",
        "The text of this PDF cannot be decoded (its fonts lack a ToUnicode character map). Upload the original .docx, or export the PDF again with other software.",
    )
}

fn file_error(e: FileError) -> ReadError {
    match e {
        FileError::Encrypted => ReadError::new(
            ReadErrorKind::Encrypted,
            "PDF 文件已加密（设有密码或权限保护），无法读取其中的文字。请取消加密后重新保存，或上传原始 .docx 文件。",
            "The PDF is encrypted (password or permission protection), so its text cannot be read. Remove the protection and save it again, or upload the original .docx.",
        ),
        FileError::TooManyObjects(n) => ReadError::new(
            ReadErrorKind::TooLarge,
            format!("PDF 文件声明了 {n} 个对象，超过安全上限，已拒绝读取。年度报告通常只有几百个对象，请确认文件是否正确。"),
            format!("The PDF declares {n} objects, beyond the safety limit, so it was refused. Annual reports have a few hundred objects; check that this is the right file."),
        ),
        FileError::StreamTooLarge => ReadError::new(
            ReadErrorKind::TooLarge,
            "PDF 中的数据流解压后过大，超过了安全上限，已停止读取。",
            "A stream of this PDF inflates beyond the safety limit, so reading stopped.",
        ),
        FileError::NotPdf | FileError::Broken(_) => ReadError::new(
            ReadErrorKind::Corrupt,
            "PDF 文件已损坏或不完整，无法读取。请重新下载或重新导出该文件后再检查。",
            "The PDF file is damaged or incomplete and cannot be read. Download or export it again and check it again.",
        ),
    }
}

fn corrupt(what: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Corrupt,
        format!("PDF 文件已损坏，无法读取（{what}）。请重新下载或重新导出该文件后再检查。"),
        format!("The PDF file is damaged and cannot be read ({what}). Download or export it again and check it again."),
    )
}

/// Walk the page tree, carrying inherited Resources, MediaBox and Rotate.
fn page_list(file: &File, max_pages: usize) -> Result<Vec<PageRef>, ReadError> {
    let cat = file.catalog().ok_or_else(|| corrupt("no catalog"))?;
    let root = cat.get(b"Pages").cloned().ok_or_else(|| corrupt("no page tree"))?;
    let mut out = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    // (node, inherited resources, media box, rotate)
    let mut stack: Vec<(Obj, Option<Dict>, Option<[f64; 4]>, Option<i64>)> = vec![(root, None, None, None)];
    let mut visits = 0usize;
    while let Some((node, res, media, rot)) = stack.pop() {
        visits += 1;
        if visits > max_pages.saturating_mul(4).max(64) {
            break;
        }
        if let Obj::Ref(n, _) = node {
            if seen.contains(&n) {
                continue;
            }
            seen.push(n);
        }
        let Some(d) = file.resolve(&node).as_dict().cloned() else { continue };
        let res = match file.get_in(&d, b"Resources") {
            Obj::Dict(r) => Some(r),
            _ => res,
        };
        let media = match file.get_in(&d, b"MediaBox") {
            Obj::Array(a) if a.len() == 4 => {
                let v: Vec<f64> = a.iter().map(|o| file.resolve(o).as_f64().unwrap_or(0.0)).collect();
                Some([v[0], v[1], v[2], v[3]])
            }
            _ => media,
        };
        let rot = file.get_in(&d, b"Rotate").as_i64().or(rot);
        let is_pages = d.get(b"Type").and_then(Obj::as_name) == Some(b"Pages") || d.has(b"Kids");
        if is_pages {
            if let Obj::Array(kids) = file.get_in(&d, b"Kids") {
                for k in kids.into_iter().rev() {
                    stack.push((k, res.clone(), media, rot));
                }
            }
        } else {
            if out.len() >= max_pages {
                break;
            }
            out.push(PageRef {
                dict: d,
                resources: res.unwrap_or_default(),
                media: media.unwrap_or([0.0, 0.0, 595.0, 842.0]),
                rotate: rot.unwrap_or(0),
            });
        }
    }
    if out.is_empty() {
        return Err(corrupt("no pages"));
    }
    Ok(out)
}

fn page_content(file: &File, page: &Dict) -> Vec<u8> {
    let mut out = Vec::new();
    let parts = match file.get_in(page, b"Contents") {
        Obj::Array(a) => a.iter().map(|o| file.resolve(o)).collect(),
        o => vec![o],
    };
    for p in parts {
        if let Obj::Stream(d, raw) = p {
            if let Some(data) = file.decode_stream(&d, &raw) {
                out.extend_from_slice(&data);
                out.push(b'\n');
            }
        }
    }
    out
}

/// The matrix that shows the page upright with its media box at the origin.
fn page_matrix(m: [f64; 4], rotate: i64) -> Mat {
    let (x0, y0, x1, y1) = (m[0].min(m[2]), m[1].min(m[3]), m[0].max(m[2]), m[1].max(m[3]));
    let shift = Mat::new([1.0, 0.0, 0.0, 1.0, -x0, -y0]);
    let (w, h) = (x1 - x0, y1 - y0);
    let rot = match rotate.rem_euclid(360) {
        90 => Mat::new([0.0, -1.0, 1.0, 0.0, 0.0, w]),
        180 => Mat::new([-1.0, 0.0, 0.0, -1.0, w, h]),
        270 => Mat::new([0.0, 1.0, -1.0, 0.0, h, 0.0]),
        _ => Mat::ID,
    };
    shift.mul(&rot)
}

fn page_height(m: [f64; 4], rotate: i64) -> f64 {
    let (w, h) = ((m[2] - m[0]).abs(), (m[3] - m[1]).abs());
    if rotate.rem_euclid(180) == 90 {
        w
    } else {
        h
    }
}

/// A page number line in the margin: "- 3 -", "3", "第 3 页", "3/6".
fn is_page_number(l: &Line, page_height: f64) -> bool {
    let in_margin = l.y < page_height * 0.12 || l.y > page_height * 0.9;
    if !in_margin {
        return false;
    }
    let t: String = l.text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·'));
    let t = t.strip_prefix('第').unwrap_or(t);
    let t = t.strip_suffix('页').unwrap_or(t);
    !t.is_empty() && t.len() <= 9 && t.chars().all(|c| c.is_ascii_digit() || c == '/' || c == '共')
}

/// Does the line start like a numbered heading or item: （三） (3) 三、 3. 3、
fn starts_numbered(s: &str) -> bool {
    const NUM: &str = "一二三四五六七八九十";
    let mut it = s.chars();
    match it.next() {
        Some('（' | '(') => {
            let inner: String = it.by_ref().take_while(|c| !matches!(c, '）' | ')')).collect();
            !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(|c| NUM.contains(c) || c.is_ascii_digit())
        }
        Some(c) if NUM.contains(c) => it.find(|c| !NUM.contains(*c)) == Some('、'),
        Some(c) if c.is_ascii_digit() => matches!(it.find(|c| !c.is_ascii_digit()), Some('.' | '、' | '．')),
        _ => false,
    }
}

enum Pending {
    Para { text: String, last: Line, page: usize },
    Table { grid: TableGrid, page: usize },
}

/// Turn the laid-out items of all pages into the document.
fn assemble(items: Vec<(usize, f64, Item)>) -> Document {
    // Margins of running text per page.
    let mut margins: HashMap<usize, (f64, f64)> = HashMap::new();
    for (p, h, it) in &items {
        if let Item::Line(l) = it {
            if is_page_number(l, *h) {
                continue;
            }
            let e = margins.entry(*p).or_insert((f64::MAX, f64::MIN));
            e.0 = e.0.min(l.x0);
            e.1 = e.1.max(l.x1);
        }
    }
    // Line pitch per page: the median distance between consecutive baselines.
    let mut deltas: HashMap<usize, Vec<f64>> = HashMap::new();
    let mut prev: Option<(usize, f64, f64)> = None;
    for (p, _, it) in &items {
        match it {
            Item::Line(l) => {
                if let Some((pp, py, ps)) = prev {
                    let d = py - l.y;
                    if pp == *p && d > 0.0 && d < 3.0 * ps.max(l.size) {
                        deltas.entry(*p).or_default().push(d);
                    }
                }
                prev = Some((*p, l.y, l.size));
            }
            Item::Table(_) => prev = None,
        }
    }
    let pitch: HashMap<usize, f64> = deltas
        .into_iter()
        .map(|(p, mut v)| {
            v.sort_by(f64::total_cmp);
            (p, v.get(v.len() / 2).copied().unwrap_or(0.0))
        })
        .collect();
    let mut done: Vec<Pending> = Vec::new();
    for (p, h, it) in items {
        match it {
            Item::Line(l) => {
                if is_page_number(&l, h) {
                    continue;
                }
                let (left, right) = margins.get(&p).copied().unwrap_or((l.x0, l.x1));
                if let Some(Pending::Para { text, last, page }) = done.last_mut() {
                    let size = l.size.max(1.0);
                    let same_size = (last.size - l.size).abs() <= 0.2 * size;
                    let full = last.x1 >= right - 2.5 * size;
                    let not_indented = l.x0 <= left + 0.8 * size;
                    let limit = match pitch.get(&p) {
                        Some(&pt) if pt > 0.0 => pt * 1.25,
                        _ => 2.2 * size,
                    };
                    let close = *page != p || (last.y - l.y) < limit;
                    let ended = text.ends_with(['。', '：', ':', '；', ';']) && starts_numbered(&l.text);
                    if same_size && full && not_indented && close && !ended {
                        let a = text.chars().last().unwrap_or(' ');
                        let b = l.text.chars().next().unwrap_or(' ');
                        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                            text.push(' ');
                        }
                        text.push_str(&l.text);
                        *last = l;
                        *page = p;
                        continue;
                    }
                }
                done.push(Pending::Para { text: l.text.clone(), last: l, page: p });
            }
            Item::Table(t) => {
                if let Some(Pending::Table { grid, page }) = done.last_mut() {
                    if *page + 1 == p && (grid.x0 - t.x0).abs() < 3.0 && (grid.x1 - t.x1).abs() < 3.0 {
                        join_tables(grid, t);
                        *page = p;
                        continue;
                    }
                }
                done.push(Pending::Table { grid: t, page: p });
            }
        }
    }
    let mut text = String::new();
    let mut blocks = Vec::new();
    for d in done {
        match d {
            Pending::Para { text: t, .. } => {
                let start = text.len();
                text.push_str(&t);
                blocks.push(Block::Paragraph(Paragraph { span: Span::new(start, text.len()) }));
                text.push('\n');
            }
            Pending::Table { grid, .. } => {
                let start = text.len();
                let mut rows = Vec::with_capacity(grid.rows.len());
                for (ri, row) in grid.rows.into_iter().enumerate() {
                    if ri > 0 {
                        text.push('\n');
                    }
                    let mut cells = Vec::with_capacity(row.len());
                    for (ci, c) in row.into_iter().enumerate() {
                        if ci > 0 {
                            text.push('\t');
                        }
                        let t = c.text.replace('\t', " ");
                        let s = text.len();
                        text.push_str(&t);
                        cells.push(Cell {
                            text: t,
                            span: Span::new(s, text.len()),
                            col_span: c.col_span,
                            row_span: c.row_span,
                            continuation: c.continuation,
                        });
                    }
                    rows.push(cells);
                }
                blocks.push(Block::Table(Table { rows, span: Span::new(start, text.len()) }));
                text.push('\n');
            }
        }
    }
    Document {
        text,
        blocks,
        input: InputInfo { kind: InputKind::Pdf, encoding: "utf-8".into(), layout: "positioned".into() },
    }
}

/// Continue a table on the next page. A cell of the new part's first row that
/// spans several rows (or is empty) continues a cell of the old part that
/// reached its last row in the same columns: a merged cell split by the page
/// break.
fn join_tables(a: &mut TableGrid, b: TableGrid) {
    let last = a.rows.len();
    let mut b_rows = b.rows;
    // A row split by the page break: the rest of its cells' text (or only
    // their padding) at the top of the new page, its figures left behind.
    let split = match (a.rows.last(), b_rows.first()) {
        (Some(ar), Some(br)) if ar.len() == br.len() => {
            let same = ar.iter().zip(br).all(|(x, y)| (x.x0 - y.x0).abs() < 3.0 && (x.x1 - y.x1).abs() < 3.0);
            let fits = ar.iter().zip(br).all(|(x, y)| y.text.is_empty() || !x.text.is_empty() || x.continuation);
            let left_behind = ar.iter().zip(br).any(|(x, y)| y.text.is_empty() && !x.text.is_empty());
            same && fits && left_behind
        }
        _ => false,
    };
    if split {
        let br = b_rows.remove(0);
        if let Some(ar) = a.rows.last_mut() {
            for (x, y) in ar.iter_mut().zip(br) {
                if !y.text.is_empty() {
                    x.text.push('\n');
                    x.text.push_str(&y.text);
                }
            }
        }
    }
    if let Some(first) = b_rows.first_mut() {
        for cell in first.iter_mut() {
            if cell.continuation || !(cell.row_span > 1 || cell.text.is_empty()) {
                continue;
            }
            // The anchor in `a` covering these columns down to its last row.
            let mut found = None;
            for (ri, row) in a.rows.iter().enumerate() {
                for (ci, ac) in row.iter().enumerate() {
                    if !ac.continuation
                        && (ac.x0 - cell.x0).abs() < 3.0
                        && (ac.x1 - cell.x1).abs() < 3.0
                        && ri + ac.row_span as usize == last
                    {
                        found = Some((ri, ci));
                    }
                }
            }
            if let Some((ri, ci)) = found {
                if let Some(ac) = a.rows.get_mut(ri).and_then(|r| r.get_mut(ci)) {
                    // Only merge when the old cell spans rows too, or the new one does.
                    if ac.row_span > 1 || cell.row_span > 1 {
                        if !cell.text.is_empty() {
                            if !ac.text.is_empty() {
                                ac.text.push('\n');
                            }
                            ac.text.push_str(&cell.text);
                        }
                        ac.row_span += cell.row_span;
                        cell.text.clear();
                        cell.continuation = true;
                        cell.row_span = 1;
                    }
                }
            }
        }
    }
    a.rows.extend(b_rows);
    a.bottom = b.bottom;
}
