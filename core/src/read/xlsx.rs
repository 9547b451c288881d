//! Spreadsheets (.xlsx) holding the tables.
//!
//! Each sheet's used range becomes one table, preceded by the sheet's name as
//! a paragraph. Shared strings, inline strings, numbers and booleans are read;
//! merged ranges (`<mergeCells>`) become spans, with continuation placeholders
//! in the rows below as for the other readers.

use super::grid::{Builder, RawCell, RawTable};
use super::markup::{attr, local, unescape, Tok, Tokenizer};
use super::ooxml::{self, Package};
use super::zip::{Archive, ZipLimits};
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Document, InputKind};
use crate::span::Trim;
use std::collections::HashMap;

/// The spreadsheet reader: the package read as a workbook, whatever it holds
/// (the package step of [`super::read`] sends a Word document to the .docx
/// reader).
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    read_package(Package::open_as(bytes, limits, InputKind::Xlsx)?, limits)
}

/// Read the workbook of an opened package.
pub(crate) fn read_package(
    mut package: Package<'_>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let book = package.main_part()?;
    let mut b = Builder::new();
    for (name, table) in sheets_of(&mut package.zip, &book, limits)? {
        b.paragraph(&name);
        b.table(&table);
    }
    let doc = b.finish(InputKind::Xlsx, "utf-8");
    if doc.tables().next().is_none() {
        return Err(ReadError::new(
            ReadErrorKind::Empty,
            "工作簿中没有数据。",
            "The workbook holds no data.",
        ));
    }
    Ok(doc)
}

/// The tables of a workbook embedded in a Word document (an “Excel object”):
/// its first visible sheet holding data. Nothing when it cannot be read.
pub(crate) fn embedded_table(bytes: &[u8]) -> Option<RawTable> {
    let limits = ZipLimits {
        max_total_inflated: 32 * 1024 * 1024,
        ..ZipLimits::default()
    };
    let mut zip = Archive::open(bytes, limits).ok()?;
    let book = ooxml::main_part(&mut zip, "/officeDocument", "xl/workbook.xml").ok()?;
    sheets_of(&mut zip, &book, &Limits::default())
        .ok()?
        .into_iter()
        .next()
        .map(|(_, t)| t)
}

/// Every visible sheet holding data, with its name, in workbook order;
/// `book_part` is the workbook's main part.
fn sheets_of(
    zip: &mut Archive<'_>,
    book_part: &str,
    limits: &Limits,
) -> Result<Vec<(String, RawTable)>, ReadError> {
    let Some(book) = zip.read_text(book_part)? else {
        return Err(ReadError::new(
            ReadErrorKind::Corrupt,
            "这不是有效的 Excel 工作簿：缺少 xl/workbook.xml。",
            "This is not a valid Excel workbook: xl/workbook.xml is missing.",
        ));
    };
    let dir = ooxml::folder_of(book_part);
    let rels = zip
        .read_text(&ooxml::rels_of(book_part))?
        .unwrap_or_default();
    let mut targets: HashMap<String, String> = HashMap::new();
    let mut shared_part = None;
    for tok in Tokenizer::new(&rels, false) {
        if let Tok::Start { name, attrs, .. } = tok {
            if local(name) != "Relationship" {
                continue;
            }
            let (Some(id), Some(target)) = (attr(attrs, "Id"), attr(attrs, "Target")) else {
                continue;
            };
            let path = ooxml::resolve(dir, &target);
            if attr(attrs, "Type").is_some_and(|t| t.ends_with("/sharedStrings")) {
                shared_part = Some(path.clone());
            }
            targets.insert(id.into_owned(), path);
        }
    }
    let shared_part = shared_part.unwrap_or_else(|| ooxml::resolve(dir, "sharedStrings.xml"));
    let shared = match zip.read_text(&shared_part)? {
        Some(xml) => shared_strings(&xml),
        None => Vec::new(),
    };
    // Sheets in workbook order.
    let mut sheets = Vec::new();
    for tok in Tokenizer::new(&book, false) {
        if let Tok::Start { name, attrs, .. } = tok {
            if local(name) == "sheet" {
                // Hidden sheets hold working data, not the published tables.
                if attr(attrs, "state").is_some_and(|s| s != "visible") {
                    sheets.push((String::new(), String::new()));
                    continue;
                }
                let sheet_name = attr(attrs, "name")
                    .map(|n| n.into_owned())
                    .unwrap_or_default();
                let path = attr(attrs, "id")
                    .and_then(|id| targets.get(id.as_ref()).cloned())
                    .unwrap_or_else(|| {
                        ooxml::resolve(dir, &format!("worksheets/sheet{}.xml", sheets.len() + 1))
                    });
                sheets.push((sheet_name, path));
            }
        }
    }
    let mut out = Vec::new();
    for (name, path) in sheets {
        if path.is_empty() {
            continue;
        }
        let Some(xml) = zip.read_text(&path)? else {
            continue;
        };
        let table = sheet_table(&xml, &shared, limits)?;
        if !table.rows.is_empty() {
            out.push((name, table));
        }
    }
    Ok(out)
}

/// The shared strings: each `<si>` joins the `<t>` of its runs; phonetic
/// guides (`<rPh>`) are skipped.
fn shared_strings(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_t = false;
    let mut in_ph = 0u32;
    for tok in Tokenizer::new(xml, false) {
        match tok {
            Tok::Start {
                name, self_closing, ..
            } => match local(name) {
                "si" => {
                    cur = Some(String::new());
                    if self_closing {
                        out.push(cur.take().unwrap_or_default());
                    }
                }
                "t" if !self_closing => in_t = true,
                "rPh" if !self_closing => in_ph += 1,
                _ => {}
            },
            Tok::End { name } => match local(name) {
                "si" => out.push(cur.take().unwrap_or_default()),
                "t" => in_t = false,
                "rPh" => in_ph = in_ph.saturating_sub(1),
                _ => {}
            },
            Tok::Text(s) if in_t && in_ph == 0 => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&unescape(s));
                }
            }
            Tok::Cdata(s) if in_t && in_ph == 0 => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(s);
                }
            }
            _ => {}
        }
    }
    out
}

/// `B12` → (row 11, column 1), zero-based.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.trim_ws().trim_start_matches('$');
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0u32;
    for b in r.bytes().take(letters) {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = r.get(letters..)?.trim_start_matches('$').parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// A number as a person would write it: no trailing `.0`, and binary
/// floating-point noise (`0.30000000000000004`) rounded away at 15 significant
/// digits, as Excel shows it. Pure string work: no float formatting code is
/// pulled into the WebAssembly build. Anything but a plain decimal stays as written.
fn number(raw: &str) -> String {
    let raw = raw.trim_ws();
    let (neg, body) = match raw.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, raw),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !plain(int) || !plain(frac) {
        return raw.to_string();
    }
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let mut int_len = int.len();
    let Some(first) = digits.iter().position(|d| *d != 0) else {
        return "0".to_string();
    };
    let keep = first + 15;
    if keep < digits.len() {
        let up = digits[keep] >= 5;
        digits.truncate(keep);
        if up {
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    int_len += 1;
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
    }
    while digits.len() < int_len {
        digits.push(0);
    }
    let (i, f) = digits.split_at(int_len);
    let mut out = String::new();
    let i: String = i.iter().map(|d| char::from(b'0' + d)).collect();
    let i = i.trim_start_matches('0');
    let f: String = f.iter().map(|d| char::from(b'0' + d)).collect();
    let f = f.trim_end_matches('0');
    if neg && !(i.is_empty() && f.is_empty()) {
        out.push('-');
    }
    out.push_str(if i.is_empty() { "0" } else { i });
    if !f.is_empty() {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The table of one sheet: its used range, every cell in place. A range of
/// more cells than `limits.max_table_cells` is refused before it is built
/// (a stray value far down a sheet would otherwise make a table of millions
/// of empty cells out of a few kilobytes).
fn sheet_table(xml: &str, shared: &[String], limits: &Limits) -> Result<RawTable, ReadError> {
    let mut cells: HashMap<(u32, u32), String> = HashMap::new();
    let mut merges: Vec<((u32, u32), (u32, u32))> = Vec::new();
    // Current cell: position, type, value text.
    let mut pos: Option<(u32, u32)> = None;
    let mut kind = String::new();
    let mut value = String::new();
    let mut in_v = false;
    let mut in_t = false;
    // Inside a phonetic guide (`<rPh>`), whose text is not the cell's.
    let mut in_ph = 0u32;
    let mut row_no = 0u32;
    let mut next_col = 0u32;
    for tok in Tokenizer::new(xml, false) {
        match tok {
            Tok::Start {
                name,
                attrs,
                self_closing,
            } => match local(name) {
                "row" => {
                    row_no = attr(attrs, "r")
                        .and_then(|r| r.trim_ws().parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(row_no);
                    next_col = 0;
                }
                "c" => {
                    let p = attr(attrs, "r")
                        .and_then(|r| cell_ref(&r))
                        .unwrap_or((row_no, next_col));
                    next_col = p.1.saturating_add(1);
                    kind = attr(attrs, "t").map(|t| t.into_owned()).unwrap_or_default();
                    value.clear();
                    pos = if self_closing { None } else { Some(p) };
                }
                "v" if !self_closing => in_v = true,
                "t" if !self_closing && in_ph == 0 => in_t = true,
                "rPh" if !self_closing => in_ph += 1,
                "mergeCell" => {
                    if let Some(r) = attr(attrs, "ref") {
                        if let Some((a, b)) = r.split_once(':') {
                            if let (Some(a), Some(b)) = (cell_ref(a), cell_ref(b)) {
                                merges.push((
                                    (a.0.min(b.0), a.1.min(b.1)),
                                    (a.0.max(b.0), a.1.max(b.1)),
                                ));
                            }
                        }
                    }
                }
                _ => {}
            },
            Tok::End { name } => match local(name) {
                "v" => in_v = false,
                "t" => in_t = false,
                "rPh" => in_ph = in_ph.saturating_sub(1),
                "c" => {
                    if let Some(p) = pos.take() {
                        let text = match kind.as_str() {
                            "s" => value
                                .trim_ws()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| shared.get(i).cloned())
                                .unwrap_or_default(),
                            "b" => {
                                if value.trim_ws() == "1" {
                                    "TRUE".into()
                                } else {
                                    "FALSE".into()
                                }
                            }
                            "str" | "inlineStr" | "e" => value.clone(),
                            _ => number(&value),
                        };
                        if !text.trim_ws().is_empty() {
                            cells.insert(p, text);
                        }
                    }
                }
                _ => {}
            },
            Tok::Text(s) if (in_v || in_t) && pos.is_some() => value.push_str(&unescape(s)),
            Tok::Cdata(s) if (in_v || in_t) && pos.is_some() => value.push_str(s),
            _ => {}
        }
    }
    if cells.is_empty() {
        return Ok(RawTable::default());
    }
    // The used range: every cell with a value, and the merges touching them.
    let (mut r0, mut c0, mut r1, mut c1) = (u32::MAX, u32::MAX, 0u32, 0u32);
    for &(r, c) in cells.keys() {
        r0 = r0.min(r);
        c0 = c0.min(c);
        r1 = r1.max(r);
        c1 = c1.max(c);
    }
    merges.retain(|(a, _)| {
        cells.contains_key(a) || (a.0 >= r0 && a.0 <= r1 && a.1 >= c0 && a.1 <= c1)
    });
    for (a, b) in &merges {
        r0 = r0.min(a.0);
        c0 = c0.min(a.1);
        r1 = r1.max(b.0);
        c1 = c1.max(b.1);
    }
    let (nrows, ncols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
    let (range, max_cells) = (nrows.saturating_mul(ncols), limits.max_table_cells as u64);
    if range > max_cells {
        return Err(super::table_too_large(nrows, range, limits));
    }
    // Cells covered by a merge (other than its top-left) are left out; the
    // layout inserts placeholders where a merge reaches into a row below.
    let mut covered: HashMap<(u32, u32), ()> = HashMap::new();
    let mut origin: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    let mut merged_area: u64 = 0;
    for (a, b) in &merges {
        if origin.contains_key(a) || covered.contains_key(a) {
            continue; // overlapping merges: keep the first
        }
        // Absurdly many overlapping merges: the rest are ignored.
        merged_area += u64::from(b.0 - a.0 + 1) * u64::from(b.1 - a.1 + 1);
        if merged_area > max_cells {
            break;
        }
        origin.insert(*a, (b.0 - a.0 + 1, b.1 - a.1 + 1));
        for r in a.0..=b.0 {
            for c in a.1..=b.1 {
                if (r, c) != *a {
                    covered.insert((r, c), ());
                }
            }
        }
    }
    let mut table = RawTable::default();
    for r in r0..=r1 {
        let mut row = Vec::new();
        for c in c0..=c1 {
            if covered.contains_key(&(r, c)) {
                continue;
            }
            let mut cell = RawCell::text(cells.remove(&(r, c)).unwrap_or_default());
            if let Some(&(rs, cs)) = origin.get(&(r, c)) {
                cell.row_span = rs;
                cell.col_span = cs;
            }
            row.push(cell);
        }
        table.rows.push(row);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::{number, sheet_table};
    use crate::read::grid::Item;
    use crate::read::{Limits, ReadErrorKind};

    /// A sheet with a value in A1 and a stray one in AB65003: its used range
    /// is 65,003 × 28 cells. Found by the fuzz target `read_xlsx`: an 8.5 KB
    /// file made the reader build 1.8 million empty cells (280 MB) before the
    /// document's table limit refused them.
    const STRAY: &str = r#"<worksheet><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>主动公开</t></is></c></row>
        <row r="65003"><c r="AB65003"><v>7</v></c></row>
        </sheetData></worksheet>"#;

    #[test]
    fn a_used_range_over_the_limit_is_refused_before_it_is_built() {
        let e = sheet_table(STRAY, &[], &Limits::default()).expect_err("too large");
        assert_eq!(e.kind, ReadErrorKind::TooLarge);
        assert!(
            e.message_en.contains("65003 rows, 1820084 cells"),
            "{}",
            e.message_en
        );
        assert!(e.message.contains("200000 个单元格的上限"), "{}", e.message);
        // The same sheet within a larger limit is read, every cell in place.
        let roomy = Limits {
            max_table_cells: 2_000_000,
            ..Limits::default()
        };
        let t = sheet_table(STRAY, &[], &roomy).expect("read");
        assert_eq!(t.rows.len(), 65_003);
        assert_eq!(t.rows[0].len(), 28);
        let text = |r: usize, c: usize| match t.rows[r][c].items.as_slice() {
            [Item::Para(p)] => p.clone(),
            _ => panic!("cell {r},{c} is not one paragraph"),
        };
        assert_eq!(text(65_002, 27), "7");
        assert_eq!(text(1, 0), "");
    }

    #[test]
    fn merges_count_toward_the_used_range() {
        let sheet = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>
            </sheetData><mergeCells><mergeCell ref="A1:J20"/></mergeCells></worksheet>"#;
        let small = Limits {
            max_table_cells: 199,
            ..Limits::default()
        };
        let e = sheet_table(sheet, &[], &small).expect_err("20 × 10 is over 199");
        assert!(
            e.message_en.contains("20 rows, 200 cells"),
            "{}",
            e.message_en
        );
        let exact = Limits {
            max_table_cells: 200,
            ..Limits::default()
        };
        let t = sheet_table(sheet, &[], &exact).expect("200 cells are allowed");
        assert_eq!(t.rows.len(), 20);
        assert_eq!(t.rows[0][0].row_span, 20);
        assert_eq!(t.rows[0][0].col_span, 10);
    }

    #[test]
    fn numbers_read_as_written() {
        for (raw, want) in [
            ("35", "35"),
            ("35.0", "35"),
            ("1129.7494", "1129.7494"),
            ("0.30000000000000004", "0.3"),
            ("2.9999999999999996", "3"),
            ("99999.999999999999", "100000"),
            ("-2", "-2"),
            ("-0.0", "0"),
            ("007", "7"),
            (".5", "0.5"),
            ("1.0000000000000001E-3", "1.0000000000000001E-3"),
            ("abc", "abc"),
            ("", ""),
        ] {
            assert_eq!(number(raw), want, "{raw}");
        }
    }
}
