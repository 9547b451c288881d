//! Word 97–2003 documents (.doc) and WPS Writer documents (.wps, the same
//! binary format): OLE2 compound files.
//!
//! The compound file ([`compound`]) and the Word binary inside it
//! ([`binary`]) are read here: the FIB, the piece table (text stored as
//! cp1252 bytes or UTF-16), and the paragraph properties that make tables
//! (in-table paragraphs, cell marks 0x07, row ends with their row definition:
//! cell boundaries, horizontal merges, vertical merges). The result is the
//! same [`Document`] as the .docx reader's: paragraphs, and tables with their
//! cells and merges laid out on one grid. Field codes are dropped and field
//! results kept; hidden text, text deleted by a tracked change, pictures and
//! objects are skipped. Headers, footers, footnotes and text boxes are not
//! read (as with .docx, the main text only).

mod binary;
mod compound;
mod lists;

use super::grid::{Item, RawCell, RawTable, VMerge};
use super::{Limits, ReadError, ReadErrorKind};
use crate::document::{Document, InputKind};
use binary::{Fib, FibError, Piece, Run};
use compound::Compound as File;

/// Most tables open inside one another (nested tables).
const MAX_DEPTH: usize = 16;

/// The kind of compound file, from its streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compound {
    /// A Word (or WPS Writer) document: a `WordDocument` stream.
    Word,
    /// An Office Open XML file encrypted with a password (`EncryptedPackage`).
    EncryptedOoxml,
    /// An Excel (or WPS spreadsheet) workbook: `Workbook` or `Book`.
    Workbook,
    /// A PowerPoint presentation.
    Presentation,
    /// A compound file of another kind.
    Other,
}

/// Tell what a compound file holds from its root streams; `None` when the
/// bytes are no readable compound file.
pub fn compound_kind(bytes: &[u8]) -> Option<Compound> {
    File::open(bytes).map(|cf| kind_of(&cf))
}

fn kind_of(cf: &File<'_>) -> Compound {
    if cf.has("EncryptedPackage") {
        Compound::EncryptedOoxml
    } else if cf.has("WordDocument") {
        Compound::Word
    } else if cf.has("Workbook") || cf.has("Book") {
        Compound::Workbook
    } else if cf.has("PowerPoint Document") {
        Compound::Presentation
    } else {
        Compound::Other
    }
}

fn corrupt(what_zh: &str, what_en: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Corrupt,
        format!("Word 文档已损坏或不完整（{what_zh}），无法读取。请在 Word 或 WPS 中打开后另存为 .docx 或 PDF 再检查。"),
        format!("The Word document is damaged or incomplete ({what_en}) and cannot be read. Open it in Word or WPS, save it as .docx or PDF and check that instead."),
    )
}

/// The message for a password-protected Office file (the one the other readers give).
pub(crate) fn encrypted() -> ReadError {
    ReadError::new(
        ReadErrorKind::Encrypted,
        "文件已加密或设有打开密码，无法读取。请取消密码后重新保存为 .docx 再检查。",
        "The file is encrypted or password-protected. Remove the password, save it again as .docx and check it again.",
    )
}

/// The message for a compound file that is not a document this reader reads.
pub(crate) fn not_a_document(kind: Compound) -> ReadError {
    match kind {
        Compound::Workbook => ReadError::new(
            ReadErrorKind::LegacyOffice,
            "这是旧版 Excel（.xls）或 WPS 表格（.et）文件，暂不支持。请在 Excel 或 WPS 中“另存为” .xlsx，或将年度报告另存为 .docx 或 PDF 后再检查。",
            "This is a legacy Excel (.xls) or WPS spreadsheet (.et) file, which is not supported. Save it as .xlsx in Excel or WPS, or save the annual report as .docx or PDF, and check that instead.",
        ),
        _ => ReadError::new(
            ReadErrorKind::LegacyOffice,
            "这是旧版 Office 复合文档，但不是 Word 文档，无法读取。请将年度报告另存为 .docx 或 PDF 后再检查。",
            "This is a legacy Office compound file but not a Word document, so it cannot be read. Save the annual report as .docx or PDF and check that instead.",
        ),
    }
}

fn too_old() -> ReadError {
    ReadError::new(
        ReadErrorKind::LegacyOffice,
        "这是 Word 95 或更早版本的文档，暂不支持。请在 Word 或 WPS 中“另存为” .docx 或 PDF 后再检查。",
        "This is a Word 95 (or older) document, which is not supported. Save it as .docx or PDF in Word or WPS and check that instead.",
    )
}

/// The reader of Word 97–2003 and WPS Writer documents: the compound file
/// opened, its `WordDocument` stream's text, paragraphs and tables read into
/// the same model as a .docx's; an encrypted document, a workbook or a Word
/// 95 file is refused with the way out.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let cf = File::open(bytes)
        .ok_or_else(|| corrupt("复合文档结构损坏", "its compound-file structure is damaged"))?;
    match kind_of(&cf) {
        Compound::Word => {}
        Compound::EncryptedOoxml => return Err(encrypted()),
        other => return Err(not_a_document(other)),
    }
    let word = cf.stream("WordDocument").unwrap_or_default();
    let fib = Fib::parse(&word).map_err(|e| match e {
        FibError::TooOld => too_old(),
        FibError::NotWord => corrupt("缺少 Word 文档标识", "no Word document identifier"),
        FibError::Broken => corrupt(
            "文件信息块不完整",
            "its file information block is cut short",
        ),
    })?;
    if fib.encrypted {
        return Err(encrypted());
    }
    let table_name = if fib.table_1 { "1Table" } else { "0Table" };
    let table = cf.stream(table_name).ok_or_else(|| {
        corrupt(
            &format!("缺少数据流 {table_name}"),
            &format!("the stream {table_name} is missing"),
        )
    })?;
    // The text's length is known before anything is decoded.
    let ccp = fib.ccp_text as usize;
    if ccp > limits.max_text_bytes {
        return Err(super::too_much_text(ccp, limits));
    }
    let clx = binary::part(&table, fib.clx)
        .ok_or_else(|| corrupt("缺少文本片段表", "its piece table is missing"))?;
    let pieces = binary::pieces(clx)
        .ok_or_else(|| corrupt("文本片段表损坏", "its piece table is damaged"))?;
    let papx = binary::part(&table, fib.bte_papx)
        .map(|p| binary::runs(&word, p, true))
        .unwrap_or_default();
    let chpx = binary::part(&table, fib.bte_chpx)
        .map(|p| binary::runs(&word, p, false))
        .unwrap_or_default();
    // Paragraph properties too large for their page lie in the Data stream.
    let data = cf.stream("Data").unwrap_or_default();
    let text = Text {
        word: &word,
        data: &data,
        pieces: &pieces,
        papx: &papx,
        chpx: &chpx,
        cells: std::cell::Cell::new(0),
        rows: std::cell::Cell::new(0),
        max_cells: limits.max_table_cells,
    };
    let mut lists = lists::Lists::read(&table, fib.plf_lst, fib.plf_lfo, fib.stsh);
    let items = text.items(fib.ccp_text, &mut lists);
    if text.cells.get() > text.max_cells {
        let (rows, cells) = (text.rows.get() as u64, text.cells.get() as u64);
        return Err(super::table_too_large(rows, cells, limits));
    }
    super::docx::word_document(&items, InputKind::Doc, "utf-16le")
}

/// Characters of the text read between two looks at the file's time.
const CHARS_BETWEEN_LOOKS: u32 = 1 << 16;

/// The text of the main document and the properties that apply to it.
struct Text<'a> {
    word: &'a [u8],
    data: &'a [u8],
    pieces: &'a [Piece],
    papx: &'a [Run],
    chpx: &'a [Run],
    /// Cells read so far, and the most there may be (`max_table_cells`):
    /// past it the reader stops taking cells and the file is refused.
    cells: std::cell::Cell<usize>,
    rows: std::cell::Cell<usize>,
    max_cells: usize,
}

/// A table being read: rows done, the current row's cells, the current cell.
#[derive(Default)]
struct Open {
    rows: Vec<(Vec<RawCell>, Option<binary::RowDef>)>,
    cells: Vec<RawCell>,
    cell: Vec<Item>,
}

impl Open {
    fn end_cell(&mut self) {
        let items = std::mem::take(&mut self.cell);
        self.cells.push(RawCell {
            items,
            ..RawCell::default()
        });
    }

    fn end_row(&mut self, def: Option<binary::RowDef>) {
        // Text after the last cell mark and before the row mark is no cell.
        self.cell.clear();
        let cells = std::mem::take(&mut self.cells);
        self.rows.push((cells, def));
    }

    /// The table, its cells placed on one grid of column boundaries.
    fn finish(mut self) -> RawTable {
        if !self.cells.is_empty() || !self.cell.is_empty() {
            if !self.cell.is_empty() {
                self.end_cell();
            }
            self.end_row(None);
        }
        grid(self.rows)
    }
}

/// Place rows of cells on the grid of all their boundaries: a cell's column
/// span is the number of grid columns between its edges, cells merged
/// horizontally (fFirstMerged/fMerged) become one, and vertical merges
/// (fVertMerge/fVertRestart) become a first cell and its continuations.
fn grid(rows: Vec<(Vec<RawCell>, Option<binary::RowDef>)>) -> RawTable {
    // Distinct edges of every row, within a few twips of one another.
    let mut edges: Vec<i32> = rows
        .iter()
        .filter_map(|(_, d)| d.as_ref())
        .flat_map(|d| d.edges.iter().map(|&e| i32::from(e)))
        .collect();
    edges.sort_unstable();
    let mut grid: Vec<i32> = Vec::new();
    for e in edges {
        match grid.last() {
            Some(&g) if e - g <= 8 => {}
            _ => grid.push(e),
        }
    }
    let col = |x: i16| -> u32 {
        let x = i32::from(x);
        let i = grid.partition_point(|&g| g + 8 < x);
        i as u32
    };
    let mut out = RawTable::default();
    for (cells, def) in rows {
        let mut row: Vec<RawCell> = Vec::with_capacity(cells.len());
        let Some(def) = def.filter(|d| d.cells.len() >= cells.len() && !cells.is_empty()) else {
            out.rows.push(cells);
            continue;
        };
        let mut first_col = None;
        for (i, mut cell) in cells.into_iter().enumerate() {
            let cd = def.cells[i];
            let (Some(&l), Some(&r)) = (def.edges.get(i), def.edges.get(i + 1)) else {
                row.push(cell);
                continue;
            };
            let (a, b) = (col(l), col(r));
            if first_col.is_none() {
                first_col = Some(a);
                cell.skip_before = a;
            }
            let span = b.saturating_sub(a).max(1);
            if cd.merged && !cd.first_merged {
                // Part of the cell on its left: widen it, keep any text.
                if let Some(prev) = row.last_mut() {
                    prev.col_span = prev.col_span.saturating_add(span);
                    prev.items.append(&mut cell.items);
                    continue;
                }
            }
            cell.col_span = span;
            cell.vmerge = match (cd.vert_merge, cd.vert_restart) {
                (true, true) => VMerge::Restart,
                (true, false) => VMerge::Continue,
                _ => VMerge::None,
            };
            row.push(cell);
        }
        out.rows.push(row);
    }
    // A vertical merge that continues nothing above starts one. Each row's
    // cells by their first grid column, to find the one above in log time.
    let mut above: Vec<(u32, VMerge)> = Vec::new();
    for row in out.rows.iter_mut() {
        let mut here: Vec<(u32, VMerge)> = Vec::with_capacity(row.len());
        let mut at = 0u32;
        for cell in row.iter_mut() {
            at = at.saturating_add(cell.skip_before);
            if cell.vmerge == VMerge::Continue {
                let merged = above
                    .binary_search_by_key(&at, |a| a.0)
                    .ok()
                    .is_some_and(|i| above[i].1 != VMerge::None);
                if !merged {
                    cell.vmerge = VMerge::None;
                }
            }
            here.push((at, cell.vmerge));
            at = at.saturating_add(cell.col_span);
        }
        above = here;
    }
    out
}

/// Fields: `true` while in a field's code (between 0x13 and 0x14).
struct Fields(Vec<bool>);

impl Fields {
    fn in_code(&self) -> bool {
        self.0.last().copied().unwrap_or(false)
    }
}

impl Text<'_> {
    /// The paragraph properties (sprms) of the paragraph whose mark is at
    /// byte `fc`; those moved to the Data stream (sprmPHugePapx) are
    /// followed there.
    fn para_sprms(&self, fc: u32) -> &[u8] {
        let Some(run) = binary::run_at(self.papx, fc) else {
            return &[];
        };
        let g = self.word.get(run.grpprl.0..run.grpprl.1).unwrap_or(&[]);
        for s in binary::sprms(g) {
            if s.code == binary::SPRM_P_HUGE_PAPX || s.code == binary::SPRM_P_HUGE_PAPX_OLD {
                let moved = binary::u32_at(s.operand, 0)
                    .map(|o| o as usize)
                    .and_then(|o| {
                        let cb = usize::from(binary::u16_at(self.data, o)?);
                        self.data.get(o + 2..(o + 2).checked_add(cb)?)
                    });
                return moved.unwrap_or(&[]);
            }
        }
        g
    }

    /// Decode the main text, `0..ccp`, into paragraphs and tables.
    fn items(&self, ccp: u32, lists: &mut lists::Lists) -> Vec<Item> {
        let mut root: Vec<Item> = Vec::new();
        let mut tables: Vec<Open> = Vec::new();
        let mut para = String::new();
        let mut fields = Fields(Vec::new());
        // Characters already read: pieces that overlap them (only in a
        // damaged file) are read from where the last one ended, so that no
        // character is read twice.
        let mut done = 0u32;
        // Characters read, for looking at the file's time every so many.
        let mut steps = 0u32;
        'pieces: for piece in self.pieces {
            if piece.cp >= ccp || piece.cp_end <= done {
                continue;
            }
            let end = piece.cp_end.min(ccp);
            let mut cp = piece.cp.max(done);
            done = end;
            // Character properties are looked up once per run, not per character.
            let mut char_run: Option<(u32, u32, binary::CharProps)> = None;
            while cp < end {
                // When the time of the file is up, the text ends here; the
                // pipeline, looking at the same time after reading, refuses
                // the file as timed out.
                steps = steps.wrapping_add(1);
                if steps.is_multiple_of(CHARS_BETWEEN_LOOKS) && crate::read::time_is_up() {
                    break 'pieces;
                }
                let fc = piece.fc_of(cp);
                let unit = if piece.compressed {
                    self.word.get(fc as usize).map(|&b| binary::cp1252(b))
                } else {
                    binary::u16_at(self.word, fc as usize)
                };
                let Some(unit) = unit else { break };
                cp += 1;
                let props = match char_run {
                    Some((a, b, p)) if fc >= a && fc < b => p,
                    _ => {
                        let (a, b, p) = match binary::run_at(self.chpx, fc) {
                            Some(r) => (
                                r.fc,
                                r.fc_end,
                                binary::char_props(
                                    self.word.get(r.grpprl.0..r.grpprl.1).unwrap_or(&[]),
                                ),
                            ),
                            None => (fc, fc.saturating_add(1), binary::CharProps::default()),
                        };
                        char_run = Some((a, b, p));
                        p
                    }
                };
                match unit {
                    0x0D | 0x07 => {
                        let pt = binary::para_table(self.para_sprms(fc));
                        self.mark(unit, fc, pt, &mut para, &mut tables, &mut root, lists);
                        fields.0.clear();
                    }
                    0x0C => {
                        // A page or section break: the paragraph goes on (a
                        // section break ends it, with a mark after it).
                    }
                    0x13 => fields.0.push(true),
                    0x14 => {
                        if let Some(f) = fields.0.last_mut() {
                            *f = false;
                        }
                    }
                    0x15 => {
                        fields.0.pop();
                    }
                    _ if fields.in_code() || props.hidden => {}
                    0x09 => para.push('\t'),
                    0x0B => para.push('\n'),
                    0x1E => para.push('-'),
                    0x1F | 0x0E => {}
                    // Special characters: pictures, objects, footnote marks, ….
                    _ if props.special && unit < 0x20 => {}
                    0x00..=0x1F => {}
                    0xF000..=0xF0FF => {}
                    0xD800..=0xDBFF => {
                        // A surrogate pair: its second half is the next character.
                        let low = if cp < end {
                            let fc2 = piece.fc_of(cp);
                            binary::u16_at(self.word, fc2 as usize)
                        } else {
                            None
                        };
                        if let Some(low @ 0xDC00..=0xDFFF) = low {
                            cp += 1;
                            let c = 0x10000
                                + ((u32::from(unit) - 0xD800) << 10)
                                + (u32::from(low) - 0xDC00);
                            if let Some(c) = char::from_u32(c) {
                                para.push(c);
                            }
                        }
                    }
                    u => {
                        if let Some(c) = char::from_u32(u32::from(u)) {
                            para.push(c);
                        }
                    }
                }
            }
        }
        if !para.is_empty() {
            let p = std::mem::take(&mut para);
            container(&mut root, &mut tables).push(Item::Para(p));
        }
        while let Some(t) = tables.pop() {
            let table = t.finish();
            container(&mut root, &mut tables).push(Item::Table(table));
        }
        root
    }

    /// The list number of the paragraph whose mark is at byte `fc`.
    fn list_label(&self, fc: u32, lists: &mut lists::Lists) -> Option<String> {
        let istd = binary::run_at(self.papx, fc).map_or(0, |r| r.istd);
        let (mut ilfo, mut ilvl) = (None, None);
        for s in binary::sprms(self.para_sprms(fc)) {
            match s.code {
                lists::SPRM_P_ILFO => ilfo = binary::u16_at(s.operand, 0),
                lists::SPRM_P_ILVL => ilvl = s.operand.first().copied(),
                _ => {}
            }
        }
        lists.label(istd, (ilfo, ilvl))
    }

    /// A paragraph mark (0x0D) or a cell mark (0x07) at byte `fc`.
    #[allow(clippy::too_many_arguments)]
    fn mark(
        &self,
        unit: u16,
        fc: u32,
        pt: binary::ParaTable,
        para: &mut String,
        tables: &mut Vec<Open>,
        root: &mut Vec<Item>,
        lists: &mut lists::Lists,
    ) {
        let depth = (pt.depth as usize).min(MAX_DEPTH);
        // Close tables deeper than this paragraph; open those it is in.
        while tables.len() > depth {
            if let Some(t) = tables.pop() {
                let table = t.finish();
                container(root, tables).push(Item::Table(table));
            }
        }
        while tables.len() < depth {
            tables.push(Open::default());
        }
        let mut text = std::mem::take(para);
        if !pt.row_end {
            if let Some(label) = self.list_label(fc, lists) {
                text.insert_str(0, &label);
            }
        }
        let Some(t) = tables.last_mut() else {
            root.push(Item::Para(text));
            return;
        };
        let cell_end = if depth > 1 {
            pt.inner_cell
        } else {
            unit == 0x07
        };
        if pt.row_end {
            let def = binary::row_def(self.para_sprms(fc));
            self.rows.set(self.rows.get() + 1);
            t.end_row(def);
        } else {
            t.cell.push(Item::Para(text));
            if cell_end {
                self.cells.set(self.cells.get() + 1);
                if self.cells.get() > self.max_cells {
                    t.cell.clear();
                } else {
                    t.end_cell();
                }
            }
        }
    }
}

fn container<'a>(root: &'a mut Vec<Item>, tables: &'a mut [Open]) -> &'a mut Vec<Item> {
    match tables.last_mut() {
        Some(t) => &mut t.cell,
        None => root,
    }
}
