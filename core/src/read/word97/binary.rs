//! The structures of the Word 97–2003 binary format that reading text and
//! tables needs: the file information block (FIB), the piece table (CLX), the
//! formatted disk pages of paragraph and character properties (FKP), and
//! property modifiers (sprms). Everything is read from untrusted bytes: every
//! offset and count is checked against the stream it points into, and every
//! loop is bounded by the bytes it walks.

/// A little-endian `u16` at `at`, if the bytes reach.
pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

/// A little-endian `u32` at `at`, if the bytes reach.
pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// What the reader needs of the FIB.
#[derive(Clone, Debug)]
pub(super) struct Fib {
    pub encrypted: bool,
    /// The table stream is `1Table` (else `0Table`).
    pub table_1: bool,
    /// Characters of the main document.
    pub ccp_text: u32,
    /// (fc, lcb) of the CLX, the paragraph and character property bin tables.
    pub clx: (u32, u32),
    pub bte_papx: (u32, u32),
    pub bte_chpx: (u32, u32),
    /// The stylesheet, the list definitions and the list overrides.
    pub stsh: (u32, u32),
    pub plf_lst: (u32, u32),
    pub plf_lfo: (u32, u32),
}

/// Word 97 writes nFib 193 (0x00C1); earlier versions (Word 6, Word 95) less.
pub(super) const WORD97_NFIB: u16 = 0x00C1;

pub(super) enum FibError {
    /// Not a Word document stream at all.
    NotWord,
    /// A Word 6/95 (or older) document, in a format this reader does not know.
    TooOld,
    /// Cut short or inconsistent.
    Broken,
}

impl Fib {
    pub(super) fn parse(w: &[u8]) -> Result<Fib, FibError> {
        if u16_at(w, 0) != Some(0xA5EC) {
            // 0xA5DC is Word 6/95's identifier.
            return Err(if u16_at(w, 0) == Some(0xA5DC) {
                FibError::TooOld
            } else {
                FibError::NotWord
            });
        }
        let n_fib = u16_at(w, 2).ok_or(FibError::Broken)?;
        let flags = u16_at(w, 0x0A).ok_or(FibError::Broken)?;
        // fEncrypted (0x0100) and fObfuscated (0x8000).
        let encrypted = flags & 0x0100 != 0 || flags & 0x8000 != 0;
        let table_1 = flags & 0x0200 != 0;
        if n_fib < WORD97_NFIB && !encrypted {
            return Err(FibError::TooOld);
        }
        // FibBase (32 bytes), csw, fibRgW, cslw, fibRgLw, cbRgFcLcb, fibRgFcLcbBlob.
        let csw = usize::from(u16_at(w, 32).ok_or(FibError::Broken)?);
        let lw_at = 34 + csw * 2;
        let cslw = usize::from(u16_at(w, lw_at).ok_or(FibError::Broken)?);
        let lw = lw_at + 2;
        let ccp_text = u32_at(w, lw + 3 * 4).ok_or(FibError::Broken)?;
        let fc_at = lw + cslw * 4;
        let cb_fc_lcb = usize::from(u16_at(w, fc_at).ok_or(FibError::Broken)?);
        let blob = fc_at + 2;
        let pair = |i: usize| -> (u32, u32) {
            if i >= cb_fc_lcb {
                return (0, 0);
            }
            let at = blob + i * 8;
            (u32_at(w, at).unwrap_or(0), u32_at(w, at + 4).unwrap_or(0))
        };
        Ok(Fib {
            encrypted,
            table_1,
            ccp_text,
            clx: pair(33),
            bte_papx: pair(13),
            bte_chpx: pair(12),
            stsh: pair(1),
            plf_lst: pair(73),
            plf_lfo: pair(74),
        })
    }
}

/// A slice of a stream named by an (fc, lcb) pair of the FIB.
pub(super) fn part(stream: &[u8], (fc, lcb): (u32, u32)) -> Option<&[u8]> {
    let start = usize::try_from(fc).ok()?;
    let end = start.checked_add(usize::try_from(lcb).ok()?)?;
    stream.get(start..end)
}

/// One piece of the text: characters `cp..cp_end` stored from byte `fc` of
/// the WordDocument stream, one byte each (cp1252) or two (UTF-16LE).
#[derive(Clone, Copy, Debug)]
pub(super) struct Piece {
    pub cp: u32,
    pub cp_end: u32,
    pub fc: u32,
    pub compressed: bool,
}

impl Piece {
    /// The byte offset in the WordDocument stream of character `cp`.
    pub(super) fn fc_of(&self, cp: u32) -> u32 {
        let d = cp.saturating_sub(self.cp);
        if self.compressed {
            self.fc.saturating_add(d)
        } else {
            self.fc.saturating_add(d.saturating_mul(2))
        }
    }
}

/// The piece table of the CLX: skip the property groups (Prc), read the
/// piece descriptors (Pcdt).
pub(super) fn pieces(clx: &[u8]) -> Option<Vec<Piece>> {
    let mut at = 0usize;
    // Prc entries: clxt 0x01, a 16-bit size, that many bytes.
    while clx.get(at) == Some(&0x01) {
        let cb = usize::from(u16_at(clx, at + 1)?);
        at = at.checked_add(3 + cb)?;
    }
    if clx.get(at) != Some(&0x02) {
        return None;
    }
    let lcb = usize::try_from(u32_at(clx, at + 1)?).ok()?;
    let plc = clx.get(at + 5..at.checked_add(5)?.checked_add(lcb)?)?;
    // (n + 1) CPs of 4 bytes, n descriptors of 8 bytes.
    if plc.len() < 4 {
        return None;
    }
    let n = (plc.len() - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4)?;
        let cp_end = u32_at(plc, (i + 1) * 4)?;
        let d = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, d + 2)?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = fc_raw & 0x3FFF_FFFF;
        let fc = if compressed { fc / 2 } else { fc };
        if cp_end <= cp {
            continue;
        }
        out.push(Piece {
            cp,
            cp_end,
            fc,
            compressed,
        });
    }
    Some(out)
}

/// The characters of cp1252 0x80–0x9F (compressed pieces); the other bytes
/// are their own code points.
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// A UTF-16 code unit of a compressed piece's byte.
pub(super) fn cp1252(b: u8) -> u16 {
    if (0x80..0xA0).contains(&b) {
        CP1252_HIGH[usize::from(b - 0x80)]
    } else {
        u16::from(b)
    }
}

/// A run of the stream's bytes `fc..fc_end` with the property modifiers
/// (sprms) that apply to it: a range of bytes of the WordDocument stream.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    pub fc: u32,
    pub fc_end: u32,
    /// Where the grpprl lies in the WordDocument stream (start, end).
    pub grpprl: (usize, usize),
    /// The paragraph style (paragraph runs only).
    pub istd: u16,
}

/// Most FKP pages followed (each 512 bytes of the stream).
const MAX_PAGES: usize = 1 << 16;

/// The runs of a bin table of paragraph (`papx`) or character properties:
/// every page its PlcBte names, decoded. Sorted by `fc`.
pub(super) fn runs(word: &[u8], plc_bte: &[u8], papx: bool) -> Vec<Run> {
    let mut out = Vec::new();
    if plc_bte.len() < 4 {
        return out;
    }
    let n = ((plc_bte.len() - 4) / 8).min(MAX_PAGES);
    let mut seen = Vec::with_capacity(n);
    for i in 0..n {
        let Some(pn) = u32_at(plc_bte, (n + 1) * 4 + i * 4) else {
            break;
        };
        let pn = (pn & 0x003F_FFFF) as usize;
        if seen.contains(&pn) {
            continue;
        }
        seen.push(pn);
        let Some(page) = pn
            .checked_mul(512)
            .and_then(|s| word.get(s..s.checked_add(512)?))
        else {
            continue;
        };
        let base = pn * 512;
        let crun = usize::from(page[511]);
        // rgfc: crun + 1 FCs; then the per-run entries.
        let entry_size = if papx { 13 } else { 1 };
        if (crun + 1) * 4 + crun * entry_size > 511 {
            continue;
        }
        for r in 0..crun {
            let (Some(fc), Some(fc_end)) = (u32_at(page, r * 4), u32_at(page, (r + 1) * 4)) else {
                break;
            };
            let b_offset = usize::from(page[(crun + 1) * 4 + r * entry_size]) * 2;
            if b_offset == 0 {
                // No properties beyond the defaults.
                out.push(Run {
                    fc,
                    fc_end,
                    grpprl: (0, 0),
                    istd: 0,
                });
                continue;
            }
            let mut istd = 0;
            let grpprl = if papx {
                // PapxInFkp: cb; if 0, a second cb' and 2 × cb' bytes follow,
                // else 2 × cb − 1 bytes; they start with the style (istd).
                let Some(&cb) = page.get(b_offset) else {
                    continue;
                };
                let (start, len) = if cb == 0 {
                    let Some(&cb2) = page.get(b_offset + 1) else {
                        continue;
                    };
                    (b_offset + 2, usize::from(cb2) * 2)
                } else {
                    (b_offset + 1, usize::from(cb) * 2 - 1)
                };
                // The style (istd, 2 bytes), then the sprms.
                istd = u16_at(page, start).unwrap_or(0);
                (start + 2, (start + len).min(511))
            } else {
                // Chpx: cb, then cb bytes of sprms.
                let Some(&cb) = page.get(b_offset) else {
                    continue;
                };
                (b_offset + 1, (b_offset + 1 + usize::from(cb)).min(511))
            };
            if grpprl.0 > grpprl.1 {
                continue;
            }
            out.push(Run {
                fc,
                fc_end,
                grpprl: (base + grpprl.0, base + grpprl.1),
                istd,
            });
        }
    }
    out.sort_by_key(|r| r.fc);
    out
}

/// The run holding byte `fc`, if any.
pub(super) fn run_at(runs: &[Run], fc: u32) -> Option<&Run> {
    let i = runs.partition_point(|r| r.fc <= fc);
    let r = runs.get(i.checked_sub(1)?)?;
    (fc < r.fc_end).then_some(r)
}

/// One property modifier: its code and its operand.
#[derive(Clone, Copy, Debug)]
pub(super) struct Sprm<'a> {
    pub code: u16,
    pub operand: &'a [u8],
}

/// The sprms of a grpprl, in order; stops at the first that runs past the end.
pub(super) fn sprms(grpprl: &[u8]) -> impl Iterator<Item = Sprm<'_>> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let code = u16_at(grpprl, at)?;
        let rest = grpprl.get(at + 2..)?;
        let len = match code >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                // Variable: a size byte first, except sprmTDefTable (a 16-bit
                // size, counting one more than the bytes that follow it) and
                // sprmPChgTabs (255: sizes of its own inside).
                if code == 0xD608 {
                    let cb = usize::from(u16_at(rest, 0)?);
                    1 + cb
                } else if code == 0xC615 && rest.first() == Some(&255) {
                    let del = usize::from(*rest.get(1)?);
                    let add = usize::from(*rest.get(2 + del * 4)?);
                    1 + 1 + del * 4 + 1 + add * 3
                } else {
                    1 + usize::from(*rest.first()?)
                }
            }
        };
        let operand = rest.get(..len)?;
        at = at.checked_add(2 + len)?;
        Some(Sprm { code, operand })
    })
}

pub(super) const SPRM_P_F_IN_TABLE: u16 = 0x2416;
pub(super) const SPRM_P_F_TTP: u16 = 0x2417;
pub(super) const SPRM_P_ITAP: u16 = 0x6649;
pub(super) const SPRM_P_F_INNER_TABLE_CELL: u16 = 0x244B;
pub(super) const SPRM_P_F_INNER_TTP: u16 = 0x244C;
pub(super) const SPRM_P_HUGE_PAPX: u16 = 0x6646;
pub(super) const SPRM_P_HUGE_PAPX_OLD: u16 = 0x6645;
pub(super) const SPRM_T_DEF_TABLE: u16 = 0xD608;
pub(super) const SPRM_T_VERT_MERGE: u16 = 0xD62B;
pub(super) const SPRM_T_MERGE: u16 = 0x5624;
pub(super) const SPRM_C_F_VANISH: u16 = 0x083C;
pub(super) const SPRM_C_F_RMARK_DEL: u16 = 0x0800;
pub(super) const SPRM_C_F_SPEC: u16 = 0x0855;
pub(super) const SPRM_C_F_OLE2: u16 = 0x080A;

/// What a paragraph mark's properties say about tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct ParaTable {
    /// Table depth: 0 outside tables.
    pub depth: u32,
    /// The mark ends a row (of the table at `depth`).
    pub row_end: bool,
    /// At depth > 1, a paragraph mark that ends a cell.
    pub inner_cell: bool,
}

pub(super) fn para_table(grpprl: &[u8]) -> ParaTable {
    let mut in_table = false;
    let mut ttp = false;
    let mut itap: Option<u32> = None;
    let mut inner_cell = false;
    let mut inner_ttp = false;
    for s in sprms(grpprl) {
        let b = s.operand.first().copied().unwrap_or(0);
        match s.code {
            SPRM_P_F_IN_TABLE => in_table = b != 0,
            SPRM_P_F_TTP => ttp = b != 0,
            SPRM_P_ITAP => itap = u32_at(s.operand, 0).map(|v| v.min(64)),
            SPRM_P_F_INNER_TABLE_CELL => inner_cell = b != 0,
            SPRM_P_F_INNER_TTP => inner_ttp = b != 0,
            _ => {}
        }
    }
    let depth = match itap {
        Some(d) if d > 0 => d,
        _ if in_table => 1,
        _ => 0,
    };
    ParaTable {
        depth,
        row_end: if depth > 1 { inner_ttp } else { ttp },
        inner_cell,
    }
}

/// A cell of a row's definition (TC80).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct CellDef {
    pub first_merged: bool,
    pub merged: bool,
    pub vert_merge: bool,
    pub vert_restart: bool,
}

/// A row's definition: the cells' boundaries (twips, n + 1) and their flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct RowDef {
    pub edges: Vec<i16>,
    pub cells: Vec<CellDef>,
}

/// The row definition of a row-end mark's properties: sprmTDefTable, then
/// vertical merges (sprmTVertMerge) and horizontal merges (sprmTMerge)
/// applied in order.
pub(super) fn row_def(grpprl: &[u8]) -> Option<RowDef> {
    let mut def: Option<RowDef> = None;
    for s in sprms(grpprl) {
        match s.code {
            SPRM_T_DEF_TABLE => {
                // cb (2), itcMac (1), rgdxaCenter (itcMac + 1) × 2, rgTc80 × 20.
                let op = s.operand;
                let n = usize::from(*op.get(2)?).min(63);
                let mut edges = Vec::with_capacity(n + 1);
                for i in 0..=n {
                    let at = 3 + i * 2;
                    edges.push(u16_at(op, at).map_or(0, |v| v as i16));
                }
                let tc_at = 3 + (n + 1) * 2;
                let cells = (0..n)
                    .map(|i| {
                        let flags = u16_at(op, tc_at + i * 20).unwrap_or(0);
                        CellDef {
                            first_merged: flags & 0x0001 != 0,
                            merged: flags & 0x0002 != 0,
                            vert_merge: flags & 0x0020 != 0,
                            vert_restart: flags & 0x0040 != 0,
                        }
                    })
                    .collect();
                def = Some(RowDef { edges, cells });
            }
            SPRM_T_VERT_MERGE => {
                // cb, itc, vertMergeCode (0 none, 1 continue, 3 restart).
                if let (Some(d), Some(&itc), Some(&code)) =
                    (def.as_mut(), s.operand.get(1), s.operand.get(2))
                {
                    if let Some(c) = d.cells.get_mut(usize::from(itc)) {
                        c.vert_merge = code & 1 != 0;
                        c.vert_restart = code & 2 != 0;
                    }
                }
            }
            SPRM_T_MERGE => {
                if let (Some(d), Some(&first), Some(&lim)) =
                    (def.as_mut(), s.operand.first(), s.operand.get(1))
                {
                    let (first, lim) = (usize::from(first), usize::from(lim));
                    for (i, c) in d.cells.iter_mut().enumerate() {
                        if i == first {
                            c.first_merged = true;
                        } else if i > first && i < lim {
                            c.merged = true;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    def
}

/// What a character run's properties say: hidden (vanished or deleted by a
/// tracked change), special (a picture, an object, a footnote reference).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CharProps {
    pub hidden: bool,
    pub special: bool,
}

pub(super) fn char_props(grpprl: &[u8]) -> CharProps {
    let mut p = CharProps::default();
    for s in sprms(grpprl) {
        let b = s.operand.first().copied().unwrap_or(0);
        // A toggle's operand: 0 off, 1 on, 0x80/0x81 as the style or its opposite (read as on/off).
        let on = b == 1 || b == 0x81;
        match s.code {
            SPRM_C_F_VANISH | SPRM_C_F_RMARK_DEL => p.hidden = on,
            SPRM_C_F_SPEC | SPRM_C_F_OLE2 => p.special = on,
            _ => {}
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprm_sizes_follow_spra() {
        // sprmPFInTable (1 byte), sprmPItap (4), sprmPFTtp (1), a variable one (size 2).
        let g = [
            0x16, 0x24, 1, 0x49, 0x66, 2, 0, 0, 0, 0x17, 0x24, 1, 0x00, 0xC6, 2, 9, 9,
        ];
        let codes: Vec<u16> = sprms(&g).map(|s| s.code).collect();
        assert_eq!(codes, [0x2416, 0x6649, 0x2417, 0xC600]);
        let t = para_table(&g);
        assert_eq!(
            t,
            ParaTable {
                depth: 2,
                row_end: false,
                inner_cell: false
            }
        );
    }

    #[test]
    fn a_sprm_running_past_the_end_stops_the_walk() {
        let g = [0x16, 0x24, 1, 0x49, 0x66, 2];
        assert_eq!(sprms(&g).count(), 1);
        assert!(row_def(&[0x08, 0xD6, 0xFF, 0xFF, 3]).is_none());
    }

    #[test]
    fn a_row_definition_with_merges() {
        // Two cells 0..1000..3000, the first restarting a vertical merge, the
        // second marked merged by sprmTMerge(0, 2) (its first becomes fFirstMerged).
        let mut op = vec![0u8; 0];
        let n = 2u8;
        let body_len = 1 + 3 * 2 + 2 * 20;
        op.extend_from_slice(&((body_len + 1) as u16).to_le_bytes());
        op.push(n);
        for e in [0i16, 1000, 3000] {
            op.extend_from_slice(&e.to_le_bytes());
        }
        let mut tc = [0u8; 20];
        tc[0] = 0x60;
        op.extend_from_slice(&tc);
        op.extend_from_slice(&[0u8; 20]);
        let mut g = vec![0x08, 0xD6];
        g.extend_from_slice(&op);
        g.extend_from_slice(&[0x24, 0x56, 0, 2]);
        let d = row_def(&g).expect("a row definition");
        assert_eq!(d.edges, [0, 1000, 3000]);
        assert!(d.cells[0].vert_merge && d.cells[0].vert_restart && d.cells[0].first_merged);
        assert!(d.cells[1].merged && !d.cells[1].vert_merge);
    }
}
