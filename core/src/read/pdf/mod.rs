//! PDF files with a text layer.
//!
//! A small PDF reader of our own (pure Rust; inflate by `miniz_oxide`): the
//! file structure ([`file`]), objects (`parse`), fonts and ToUnicode maps
//! (`font`), content streams with glyph positions and ruling lines
//! (`content`), and the layout that rebuilds lines and tables from positions
//! (`layout`). Files protected only by an owner password (an empty user
//! password, as many published reports are) are decrypted (`crypt`). The result is the one [`Document`] model: running text as
//! paragraphs, tables as rows of cells, every span pointing into the text.

mod content;
mod crypt;
mod file;
mod font;
mod layout;
mod parse;
#[cfg(feature = "ofd")]
pub(crate) mod positioned;
mod sort;

use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{
    Block, Cell, Document, InputInfo, InputKind, Paragraph, Place, Places, Skipped, Table,
};
use crate::span::Span;
use content::{Budget, Interp, Mat};
use file::{File, FileError, PdfLimits};
use layout::{Item, Line, TableGrid};
use parse::{Dict, Obj};
use sort::sort_by_key2;
use std::collections::HashMap;

/// The entry of page `p` in a vector indexed by page, made (default) if missing.
fn at_page<T: Default>(v: &mut Vec<T>, p: usize) -> &mut T {
    if v.len() <= p {
        v.resize_with(p + 1, T::default);
    }
    &mut v[p]
}

/// A page to read: its dictionary with inherited attributes resolved.
struct PageRef {
    dict: Dict,
    resources: Dict,
    media: [f64; 4],
    rotate: i64,
}

/// The PDF reader: the text layer of each page, its lines and tables rebuilt from where the text sits.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let pl = PdfLimits::from(limits);
    let file = File::open(bytes, pl).map_err(file_error)?;
    let (pages, more) = page_list(&file, pl.max_pages)?;
    let mut fonts = HashMap::new();
    // The file's budget, of which one page may take at most a share: a page
    // built to exhaust it leaves the others theirs.
    let mut budget = Budget {
        ops: FILE_OPS,
        glyphs: FILE_GLYPHS,
    };
    let mut items: Vec<(usize, f64, Item)> = Vec::new();
    let (mut glyphs, mut images, mut unmapped) = (0usize, 0usize, 0usize);
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut any_over = *file.over_limit.borrow();
    for (pi, page) in pages.iter().enumerate() {
        // The file's time is up: the caller refuses it (`check_with_limits`).
        if crate::read::time_is_up() {
            break;
        }
        // Whether a stream of this page was over a limit (or the budget out).
        *file.over_limit.borrow_mut() = false;
        let content = page_content(&file, &page.dict);
        let ctm = page_matrix(page.media, page.rotate);
        let mut share = Budget {
            ops: budget.ops.min(PAGE_OPS),
            glyphs: budget.glyphs.min(PAGE_GLYPHS),
        };
        let (ops0, glyphs0) = (share.ops, share.glyphs);
        let mut interp = Interp::new(&file, &mut fonts, &mut share);
        interp.run_page(&content, &page.resources, ctm);
        let out = interp.out;
        budget.ops -= ops0 - share.ops;
        budget.glyphs -= glyphs0 - share.glyphs;
        let over = *file.over_limit.borrow();
        any_over |= over;
        any_over |= out.cut;
        if out.cut || over {
            skipped.push(Skipped {
                page: u32::try_from(pi + 1).ok(),
                why: "内容超过读取上限，未读完".into(),
                why_en: "its content is over the reading limits and was not read whole".into(),
            });
        }
        let mapped = out.glyphs.iter().filter(|g| !g.space).count();
        if mapped == 0 && out.unmapped > 0 && !(out.cut || over) {
            skipped.push(Skipped {
                page: u32::try_from(pi + 1).ok(),
                why: "文字无法解码（字体缺少字符映射）".into(),
                why_en: "its text could not be decoded (its fonts lack a character map)".into(),
            });
        }
        glyphs += mapped;
        images += out.images;
        unmapped += out.unmapped;
        let height = page_height(page.media, page.rotate);
        for it in layout::page(&out) {
            items.push((pi, height, it));
        }
    }
    if more {
        skipped.push(Skipped {
            page: None,
            why: format!("第 {} 页之后的页面未读取（页数上限）", pages.len()),
            why_en: format!(
                "the pages after page {} were not read (the page limit)",
                pages.len()
            ),
        });
    }
    // Text that sits only in what was skipped is no scan: say what stopped.
    if (any_over || more) && glyphs == 0 {
        return Err(ReadError::new(
            ReadErrorKind::TooLarge,
            "PDF 中的数据流解压后过大或页面内容过多，超过了安全上限，已停止读取。请确认文件是否正确，或另存为较小的 PDF。",
            "A stream of this PDF inflates beyond the safety limit, or a page holds too much content, so reading stopped. Check the file, or save it again as a smaller PDF.",
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
    let mut doc = assemble(items);
    doc.skipped = skipped;
    Ok(doc)
}

/// Operators and glyphs one file may make the reader interpret, and one page
/// of it (a real report's page takes a few thousand of each).
const FILE_OPS: usize = 20_000_000;
const FILE_GLYPHS: usize = 2_000_000;
const PAGE_OPS: usize = 4_000_000;
const PAGE_GLYPHS: usize = 200_000;

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
            "PDF 文件已加密，需要密码才能打开，无法读取其中的文字。请用密码打开后另存为不加密的 PDF，或上传原始 .docx 文件。",
            "The PDF is encrypted and needs a password to open, so its text cannot be read. Open it with the password and save an unencrypted copy, or upload the original .docx.",
        ),
        FileError::TooManyObjects(n) => ReadError::new(
            ReadErrorKind::TooLarge,
            format!("PDF 文件声明了 {n} 个对象，超过安全上限，已拒绝读取。年度报告通常只有几百个对象，请确认文件是否正确。"),
            format!("The PDF declares {n} objects, beyond the safety limit, so it was refused. Annual reports have a few hundred objects; check that this is the right file."),
        ),
        FileError::NotPdf => ReadError::new(
            ReadErrorKind::Corrupt,
            "这不是有效的 PDF 文件（文件开头没有 PDF 标记），无法读取。请确认文件是否完整、扩展名是否正确。",
            "This is not a valid PDF file (no PDF marker at its start). Check that the file is complete and has the right extension.",
        ),
        FileError::Broken(what) => corrupt(what),
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
/// The pages (at most `max_pages`), and whether the tree holds more.
fn page_list(file: &File, max_pages: usize) -> Result<(Vec<PageRef>, bool), ReadError> {
    let cat = file.catalog().ok_or_else(|| corrupt("no catalog"))?;
    let root = cat
        .get(b"Pages")
        .cloned()
        .ok_or_else(|| corrupt("no page tree"))?;
    let mut out = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    // (node, inherited resources, media box, rotate)
    type Node = (Obj, Option<Dict>, Option<[f64; 4]>, Option<i64>);
    let mut stack: Vec<Node> = vec![(root, None, None, None)];
    let mut visits = 0usize;
    let mut more = false;
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
        let Some(d) = file.resolve(&node).as_dict().cloned() else {
            continue;
        };
        let res = match file.get_in(&d, b"Resources") {
            Obj::Dict(r) => Some(r),
            _ => res,
        };
        let media = match file.get_in(&d, b"MediaBox") {
            Obj::Array(a) if a.len() == 4 => {
                let v: Vec<f64> = a
                    .iter()
                    .map(|o| file.resolve(o).as_f64().unwrap_or(0.0))
                    .collect();
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
                more = true;
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
    Ok((out, more))
}

fn page_content(file: &File, page: &Dict) -> Vec<u8> {
    let mut out = Vec::new();
    // One part at a time: a page may list the same large stream many times,
    // and each reading is counted against the file's byte budget.
    let parts = match file.get_in(page, b"Contents") {
        Obj::Array(a) => a,
        o => vec![o],
    };
    // The parts of one page together are held to the limit of one stream:
    // a page listing one stream thousands of times would otherwise gather
    // the whole file's budget in memory before its first operator is run.
    let cap = file.max_stream_bytes();
    for p in parts {
        if *file.over_limit.borrow() {
            break;
        }
        if let Obj::Stream(d, raw) = file.resolve(&p) {
            if let Some(data) = file.decode_stream(&d, &raw) {
                if out.len() + data.len() > cap {
                    *file.over_limit.borrow_mut() = true;
                    break;
                }
                out.extend_from_slice(&data);
                out.push(b'\n');
            }
        }
    }
    out
}

/// The matrix that shows the page upright with its media box at the origin.
fn page_matrix(m: [f64; 4], rotate: i64) -> Mat {
    let (x0, y0, x1, y1) = (
        m[0].min(m[2]),
        m[1].min(m[3]),
        m[0].max(m[2]),
        m[1].max(m[3]),
    );
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
    !t.is_empty()
        && t.len() <= 9
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '共')
}

/// Does the line start like a numbered heading or item: （三） (3) 三、 3. 3、
fn starts_numbered(s: &str) -> bool {
    const NUM: &str = "一二三四五六七八九十";
    let mut it = s.chars();
    match it.next() {
        Some('（' | '(') => {
            let inner: String = it
                .by_ref()
                .take_while(|c| !matches!(c, '）' | ')'))
                .collect();
            !inner.is_empty()
                && inner.chars().count() <= 3
                && inner.chars().all(|c| NUM.contains(c) || c.is_ascii_digit())
        }
        Some(c) if NUM.contains(c) => it.find(|c| !NUM.contains(*c)) == Some('、'),
        Some(c) if c.is_ascii_digit() => {
            matches!(it.find(|c| !c.is_ascii_digit()), Some('.' | '、' | '．'))
        }
        _ => false,
    }
}

/// A line in the top or bottom margin, keyed by its text with digits masked
/// and its rounded height on the page.
fn margin_key(_page: usize, height: f64, l: &Line) -> Option<String> {
    if l.y > height * 0.1 && l.y < height * 0.92 {
        return None;
    }
    let masked: String = l
        .text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    Some(format!(
        "{}@{}",
        masked,
        crate::decimal::Num((l.y / 4.0).round())
    ))
}

/// Running headers and footers: margin lines repeated on several pages.
fn running_lines(items: &[(usize, f64, Item)]) -> Vec<String> {
    let pages = items.iter().map(|(p, _, _)| *p + 1).max().unwrap_or(0);
    if pages < 2 {
        return Vec::new();
    }
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (p, h, it) in items {
        if let Item::Line(l) = it {
            if let Some(k) = margin_key(*p, *h, l) {
                let e = seen.entry(k).or_default();
                if !e.contains(p) {
                    e.push(*p);
                }
            }
        }
    }
    seen.into_iter()
        .filter(|(_, ps)| ps.len() >= 2 && ps.len() * 2 >= pages)
        .map(|(k, _)| k)
        .collect()
}

enum Pending {
    Para {
        text: String,
        last: Line,
        page: usize,
        /// Where in `text` each page's lines begin: (offset, page).
        pages: Vec<(usize, usize)>,
    },
    Table {
        grid: TableGrid,
        page: usize,
        /// The page each row of `grid` begins on.
        row_pages: Vec<usize>,
    },
}

/// Turn the laid-out items of all pages into the document.
fn assemble(items: Vec<(usize, f64, Item)>) -> Document {
    let running = running_lines(&items);
    let items: Vec<(usize, f64, Item)> = items
        .into_iter()
        .filter(|(p, h, it)| match it {
            Item::Line(l) => !running.contains(&margin_key(*p, *h, l).unwrap_or_default()),
            Item::Table(_) => true,
        })
        .collect();
    // Margins of running text per page.
    // (Indexed by page: vectors rather than maps keep the wasm smaller.)
    let mut margins: Vec<Option<(f64, f64)>> = Vec::new();
    for (p, h, it) in &items {
        if let Item::Line(l) = it {
            if is_page_number(l, *h) {
                continue;
            }
            let e = at_page(&mut margins, *p).get_or_insert((f64::MAX, f64::MIN));
            e.0 = e.0.min(l.x0);
            e.1 = e.1.max(l.x1);
        }
    }
    // Line pitch per page: the median distance between consecutive baselines.
    let mut deltas: Vec<Vec<f64>> = Vec::new();
    let mut prev: Option<(usize, f64, f64)> = None;
    for (p, _, it) in &items {
        match it {
            Item::Line(l) => {
                if let Some((pp, py, ps)) = prev {
                    let d = py - l.y;
                    if pp == *p && d > 0.0 && d < 3.0 * ps.max(l.size) {
                        at_page(&mut deltas, *p).push(d);
                    }
                }
                prev = Some((*p, l.y, l.size));
            }
            Item::Table(_) => prev = None,
        }
    }
    let pitch: Vec<Option<f64>> = deltas
        .into_iter()
        .map(|mut v| {
            if v.is_empty() {
                return None;
            }
            sort_by_key2(&mut v, |x| (*x, 0.0));
            Some(v.get(v.len() / 2).copied().unwrap_or(0.0))
        })
        .collect();
    let mut done: Vec<Pending> = Vec::new();
    for (p, h, it) in items {
        match it {
            Item::Line(l) => {
                if is_page_number(&l, h) {
                    continue;
                }
                let (left, right) = margins.get(p).copied().flatten().unwrap_or((l.x0, l.x1));
                if let Some(Pending::Para {
                    text,
                    last,
                    page,
                    pages,
                }) = done.last_mut()
                {
                    let size = l.size.max(1.0);
                    let same_size = (last.size - l.size).abs() <= 0.2 * size;
                    // Wrapped: the line above reached the right margin (and is a real line of text).
                    let full = last.x1 >= right - 2.5 * size && last.x1 - last.x0 >= 12.0 * size;
                    let not_indented = l.x0 <= left + 0.8 * size;
                    let limit = match pitch.get(p).copied().flatten() {
                        Some(pt) if pt > 0.0 => pt * 1.25,
                        _ => 2.2 * size,
                    };
                    let close = *page != p || (last.y - l.y) < limit;
                    let ended =
                        text.ends_with(['。', '：', ':', '；', ';']) && starts_numbered(&l.text);
                    if same_size && full && not_indented && close && !ended {
                        let a = text.chars().last().unwrap_or(' ');
                        let b = l.text.chars().next().unwrap_or(' ');
                        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                            text.push(' ');
                        }
                        if *page != p {
                            pages.push((text.len(), p));
                        }
                        text.push_str(&l.text);
                        *last = l;
                        *page = p;
                        continue;
                    }
                }
                done.push(Pending::Para {
                    text: l.text.clone(),
                    last: l,
                    page: p,
                    pages: vec![(0, p)],
                });
            }
            Item::Table(t) => {
                if let Some(Pending::Table {
                    grid,
                    page,
                    row_pages,
                }) = done.last_mut()
                {
                    if *page + 1 == p
                        && (grid.x0 - t.x0).abs() < 3.0
                        && (grid.x1 - t.x1).abs() < 3.0
                    {
                        join_tables(grid, t);
                        // The rows the page added (a row split by the break
                        // is joined to the row it began as).
                        row_pages.resize(grid.rows.len(), p);
                        *page = p;
                        continue;
                    }
                }
                let row_pages = vec![p; t.rows.len()];
                done.push(Pending::Table {
                    grid: t,
                    page: p,
                    row_pages,
                });
            }
        }
    }
    let mut text = String::new();
    let mut blocks = Vec::new();
    // Where each page's text lies, for a person to find it (pages 1-based).
    let mut places = Places::default();
    let page = |p: usize| Place::page(u32::try_from(p + 1).unwrap_or(u32::MAX));
    for d in done {
        match d {
            Pending::Para { text: t, pages, .. } => {
                let start = text.len();
                for (at, p) in pages {
                    places.push(start + at, page(p));
                }
                text.push_str(&t);
                blocks.push(Block::Paragraph(Paragraph {
                    span: Span::new(start, text.len()),
                }));
                text.push('\n');
            }
            Pending::Table {
                grid, row_pages, ..
            } => {
                let start = text.len();
                let mut rows = Vec::with_capacity(grid.rows.len());
                for (ri, row) in grid.rows.into_iter().enumerate() {
                    if ri > 0 {
                        text.push('\n');
                    }
                    if let Some(p) = row_pages.get(ri) {
                        places.push(text.len(), page(*p));
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
                            text: t.into(),
                            span: Span::new(s, text.len()),
                            col_span: c.col_span,
                            row_span: c.row_span,
                            continuation: c.continuation,
                        });
                    }
                    rows.push(cells);
                }
                blocks.push(Block::Table(Table {
                    rows,
                    span: Span::new(start, text.len()),
                }));
                text.push('\n');
            }
        }
    }
    Document {
        lines: Default::default(),
        skipped: Vec::new(),
        places,
        text,
        blocks,
        input: InputInfo {
            kind: InputKind::Pdf,
            encoding: "utf-8".into(),
            layout: "positioned".into(),
        },
    }
}

/// Continue a table on the next page.
///
/// Two things a page break does to a table: a row split in two (the rest of
/// its label at the top of the new page, its figures left behind), and a
/// merged cell cut in two (三、本年度办理结果, （四）无法提供 going on over the
/// break). Both are joined back: the split row into the last row, the cut
/// merged cell into the cell above it, whose row span grows.
fn join_tables(a: &mut TableGrid, b: TableGrid) {
    let mut b_rows = b.rows;
    // Header rows repeated on the new page ("repeat as header row").
    let same_row = |x: &[layout::TCell], y: &[layout::TCell]| {
        x.len() == y.len()
            && x.iter()
                .zip(y)
                .all(|(p, q)| p.text == q.text && p.continuation == q.continuation)
    };
    let repeated = (1..=3.min(b_rows.len()).min(a.rows.len()))
        .rev()
        .find(|&k| {
            (0..k).all(|i| same_row(&a.rows[i], &b_rows[i]))
                && b_rows[..k].iter().flatten().any(|c| !c.text.is_empty())
        })
        .unwrap_or(0);
    b_rows.drain(..repeated);
    let split = match (a.rows.last(), b_rows.first()) {
        (Some(ar), Some(br)) if ar.len() == br.len() => {
            let same = ar
                .iter()
                .zip(br)
                .all(|(x, y)| (x.x0 - y.x0).abs() < 3.0 && (x.x1 - y.x1).abs() < 3.0);
            let fits = ar
                .iter()
                .zip(br)
                .all(|(x, y)| y.text.is_empty() || !x.text.is_empty() || x.continuation);
            // Cells left empty by the break, not merged cells going on below it.
            let left_behind = ar
                .iter()
                .zip(br)
                .any(|(x, y)| y.text.is_empty() && y.row_span == 1 && !x.text.is_empty());
            same && fits && left_behind
        }
        _ => false,
    };
    if split {
        let br = b_rows.remove(0);
        let last = a.rows.len() - 1;
        for (ci, y) in br.into_iter().enumerate() {
            if y.continuation {
                continue;
            }
            let own = a
                .rows
                .get(last)
                .and_then(|r| r.get(ci))
                .filter(|x| !x.continuation)
                .map(|_| (last, ci));
            let Some((ri, cj)) = own.or_else(|| anchor_reaching_end(a, y.x0, y.x1)) else {
                continue;
            };
            if let Some(x) = a.rows.get_mut(ri).and_then(|r| r.get_mut(cj)) {
                if !y.text.is_empty() {
                    if !x.text.is_empty() {
                        x.text.push('\n');
                    }
                    x.text.push_str(&y.text);
                }
                x.row_span += y.row_span.saturating_sub(1);
            }
        }
    } else if let Some(first) = b_rows.first_mut() {
        for cell in first.iter_mut() {
            if cell.continuation || !(cell.row_span > 1 || cell.text.is_empty()) {
                continue;
            }
            // A figure, or a label that begins with its number ("3．其他",
            // "（七）总计"), begins a cell of its own: a row of the new page,
            // whose cells a page printed by a browser may show as merged.
            if layout::is_figure(&cell.text) || starts_numbered(&cell.text) {
                continue;
            }
            let Some((ri, ci)) = anchor_reaching_end(a, cell.x0, cell.x1) else {
                continue;
            };
            let Some(ac) = a.rows.get_mut(ri).and_then(|r| r.get_mut(ci)) else {
                continue;
            };
            // Only a merged cell continues: one of the two parts spans rows.
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
    a.rows.extend(b_rows);
    a.bottom = b.bottom;
}

/// The cell of `a` over the columns `x0..x1` that reaches down to its last row.
fn anchor_reaching_end(a: &TableGrid, x0: f64, x1: f64) -> Option<(usize, usize)> {
    let last = a.rows.len();
    let mut found = None;
    for (ri, row) in a.rows.iter().enumerate() {
        for (ci, c) in row.iter().enumerate() {
            if !c.continuation
                && (c.x0 - x0).abs() < 3.0
                && (c.x1 - x1).abs() < 3.0
                && ri + c.row_span as usize == last
            {
                found = Some((ri, ci));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::layout::{Item, Line, TCell, TableGrid};
    use super::*;

    fn cell(t: &str, x0: f64, x1: f64) -> TCell {
        TCell {
            text: t.into(),
            col_span: 1,
            row_span: 1,
            continuation: false,
            x0,
            x1,
        }
    }

    fn grid(rows: Vec<Vec<TCell>>) -> TableGrid {
        TableGrid {
            rows,
            x0: 0.0,
            x1: 200.0,
            top: 700.0,
            bottom: 100.0,
        }
    }

    #[test]
    fn repeated_header_rows_are_dropped_when_a_table_goes_on() {
        let head = || vec![cell("项目", 0.0, 100.0), cell("数量", 100.0, 200.0)];
        let mut a = grid(vec![
            head(),
            vec![cell("甲", 0.0, 100.0), cell("1", 100.0, 200.0)],
        ]);
        let b = grid(vec![
            head(),
            vec![cell("乙", 0.0, 100.0), cell("2", 100.0, 200.0)],
        ]);
        join_tables(&mut a, b);
        let texts: Vec<Vec<&str>> = a
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(texts, [["项目", "数量"], ["甲", "1"], ["乙", "2"]]);
    }

    #[test]
    fn running_headers_are_dropped() {
        let line = |t: &str, y: f64| {
            Item::Line(Line {
                text: t.into(),
                x0: 50.0,
                x1: 300.0,
                y,
                size: 10.0,
                chunks: Vec::new(),
            })
        };
        let mut items = Vec::new();
        for p in 0..3 {
            items.push((
                p,
                842.0,
                line("某某区2024年政府信息公开工作年度报告", 800.0),
            ));
            items.push((p, 842.0, line(&format!("正文第{p}页"), 500.0)));
            items.push((p, 842.0, line(&format!("第 {} 页 共 3 页", p + 1), 30.0)));
        }
        let doc = assemble(items);
        assert!(
            !doc.text.contains("年度报告") && !doc.text.contains("共 3 页"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("正文第0页") && doc.text.contains("正文第2页"));
    }

    #[test]
    fn numbered_lines() {
        assert!(starts_numbered("（三）政务公开创新实践情况"));
        assert!(starts_numbered("三、收到和处理"));
        assert!(starts_numbered("2. 重复申请"));
        assert!(!starts_numbered("三是加强"));
        assert!(!starts_numbered("2024年，"));
    }
}
