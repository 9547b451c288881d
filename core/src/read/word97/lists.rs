//! Word's own list numbers (一、 （一） 1. that Word writes, not the author):
//! the list definitions (PlfLst with their levels), the list overrides
//! (PlfLfo), and the paragraph styles that carry a list (the stylesheet), so
//! that a numbered heading reads with its number, as the .docx reader gives
//! it.

use super::binary::{sprms, u16_at, u32_at};

/// One level of a list: its start, number format and number text (code
/// units 0–8 stand for the numbers of those levels).
#[derive(Clone, Debug, Default)]
struct Level {
    start: i64,
    nfc: u8,
    text: Vec<u16>,
}

/// A list definition: up to nine levels.
#[derive(Clone, Debug, Default)]
struct List {
    id: i32,
    levels: Vec<Level>,
}

/// An override of a list (what a paragraph's sprmPIlfo names): its list and
/// the start numbers it sets.
#[derive(Clone, Debug, Default)]
struct Override {
    list: usize,
    starts: Vec<(usize, i64)>,
}

/// The list a paragraph style carries, and the style it is based on.
#[derive(Clone, Copy, Debug, Default)]
struct StyleList {
    ilfo: Option<u16>,
    ilvl: Option<u8>,
    base: Option<u16>,
}

/// Most lists, overrides and styles read.
const MAX_LISTS: usize = 4096;

pub(super) const SPRM_P_ILFO: u16 = 0x460B;
pub(super) const SPRM_P_ILVL: u16 = 0x260A;

#[derive(Debug, Default)]
pub(super) struct Lists {
    lists: Vec<List>,
    overrides: Vec<Override>,
    styles: Vec<StyleList>,
    counters: Vec<[i64; 9]>,
    started: Vec<bool>,
}

/// A level (LVL) at `at`: the level and where the next one starts.
fn level(t: &[u8], at: usize) -> Option<(Level, usize)> {
    let start = i64::from(u32_at(t, at)? as i32);
    let nfc = *t.get(at + 4)?;
    let cb_chpx = usize::from(*t.get(at + 24)?);
    let cb_papx = usize::from(*t.get(at + 25)?);
    let xst = at.checked_add(28 + cb_papx + cb_chpx)?;
    let cch = usize::from(u16_at(t, xst)?);
    let text = (0..cch.min(64))
        .map(|i| u16_at(t, xst + 2 + i * 2))
        .collect::<Option<Vec<u16>>>()?;
    Some((Level { start, nfc, text }, xst + 2 + cch * 2))
}

impl Lists {
    /// Read the lists of the table stream; `plf_lst`, `plf_lfo` and `stsh`
    /// are the (fc, lcb) pairs of the FIB. Anything damaged is left out.
    pub(super) fn read(
        t: &[u8],
        plf_lst: (u32, u32),
        plf_lfo: (u32, u32),
        stsh: (u32, u32),
    ) -> Lists {
        let mut out = Lists::default();
        if plf_lst.1 == 0 {
            return out;
        }
        let at = plf_lst.0 as usize;
        let n = u16_at(t, at).map_or(0, |n| usize::from(n).min(MAX_LISTS));
        // The levels follow the PlfLst, list after list.
        let mut lvl_at = at.saturating_add(plf_lst.1 as usize);
        for i in 0..n {
            let lstf = at + 2 + i * 28;
            let (Some(id), Some(&flags)) = (u32_at(t, lstf), t.get(lstf + 26)) else {
                break;
            };
            let count = if flags & 1 != 0 { 1 } else { 9 };
            let mut levels = Vec::with_capacity(count);
            for _ in 0..count {
                match level(t, lvl_at) {
                    Some((l, next)) => {
                        levels.push(l);
                        lvl_at = next;
                    }
                    None => break,
                }
            }
            out.lists.push(List {
                id: id as i32,
                levels,
            });
        }
        out.read_overrides(t, plf_lfo);
        out.read_styles(t, stsh);
        out.counters = vec![[i64::MIN; 9]; out.lists.len()];
        out.started = vec![false; out.overrides.len()];
        out
    }

    fn read_overrides(&mut self, t: &[u8], (fc, lcb): (u32, u32)) {
        if lcb == 0 {
            return;
        }
        let at = fc as usize;
        let n = u32_at(t, at).map_or(0, |n| (n as usize).min(MAX_LISTS));
        let mut data = at + 4 + n * 16;
        for i in 0..n {
            let lfo = at + 4 + i * 16;
            let (Some(id), Some(&clfolvl)) = (u32_at(t, lfo), t.get(lfo + 12)) else {
                break;
            };
            let list = self
                .lists
                .iter()
                .position(|l| l.id == id as i32)
                .unwrap_or(usize::MAX);
            let mut o = Override {
                list,
                starts: Vec::new(),
            };
            // LFOData: a cp, then clfolvl LFOLVLs (each may carry a level).
            data += 4;
            for _ in 0..clfolvl.min(9) {
                let (Some(start), Some(flags)) = (u32_at(t, data), u32_at(t, data + 4)) else {
                    break;
                };
                data += 8;
                let ilvl = (flags & 0xF) as usize;
                if flags & 0x10 != 0 {
                    o.starts.push((ilvl, i64::from(start as i32)));
                }
                if flags & 0x20 != 0 {
                    match level(t, data) {
                        Some((_, next)) => data = next,
                        None => break,
                    }
                }
            }
            self.overrides.push(o);
        }
    }

    fn read_styles(&mut self, t: &[u8], (fc, lcb): (u32, u32)) {
        let Some(stsh) = t.get(fc as usize..(fc as usize).saturating_add(lcb as usize)) else {
            return;
        };
        let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else {
            return;
        };
        let (Some(cstd), Some(cb_base)) = (u16_at(stsh, 2), u16_at(stsh, 4)) else {
            return;
        };
        let cb_base = usize::from(cb_base);
        let mut at = 2 + cb_stshi;
        for _ in 0..usize::from(cstd).min(MAX_LISTS) {
            let Some(cb) = u16_at(stsh, at).map(usize::from) else {
                break;
            };
            let std = stsh.get(at + 2..at + 2 + cb).unwrap_or(&[]);
            at += 2 + cb;
            let mut s = StyleList::default();
            if cb >= 10 && cb_base >= 10 {
                let stk_base = u16_at(std, 2).unwrap_or(0);
                let base = stk_base >> 4;
                s.base = (base != 0x0FFF).then_some(base);
                // A paragraph style: its first UPX holds paragraph properties.
                if stk_base & 0xF == 1 {
                    let cch = usize::from(u16_at(std, cb_base).unwrap_or(0));
                    let mut upx = cb_base + 2 + cch * 2 + 2;
                    upx += upx % 2;
                    if let Some(cb_upx) = u16_at(std, upx).map(usize::from) {
                        // istd (2 bytes), then the sprms.
                        let g = std.get(upx + 4..upx + 2 + cb_upx).unwrap_or(&[]);
                        for sp in sprms(g) {
                            match sp.code {
                                SPRM_P_ILFO => s.ilfo = u16_at(sp.operand, 0),
                                SPRM_P_ILVL => s.ilvl = sp.operand.first().copied(),
                                _ => {}
                            }
                        }
                    }
                }
            }
            self.styles.push(s);
        }
    }

    /// The number Word shows before a paragraph of style `istd` with the
    /// list properties `direct` (sprmPIlfo, sprmPIlvl), advancing the counters.
    pub(super) fn label(&mut self, istd: u16, direct: (Option<u16>, Option<u8>)) -> Option<String> {
        if self.lists.is_empty() {
            return None;
        }
        let (mut ilfo, mut ilvl) = direct;
        let mut st = Some(istd);
        for _ in 0..10 {
            let Some(s) = st.and_then(|i| self.styles.get(usize::from(i))) else {
                break;
            };
            ilfo = ilfo.or(s.ilfo);
            ilvl = ilvl.or(s.ilvl);
            st = s.base;
        }
        // 0: no list; 1-based otherwise (0xF801: Word 6 lists, not read).
        let ilfo = usize::from(ilfo?);
        if ilfo == 0 || ilfo > self.overrides.len() {
            return None;
        }
        let o = &self.overrides[ilfo - 1];
        let list = self.lists.get(o.list)?;
        let ilvl = usize::from(ilvl.unwrap_or(0)).min(8);
        let level = list.levels.get(ilvl)?;
        // Bullets (0x17) and no number (0xFF) show nothing to read.
        if level.nfc == 0x17 || level.nfc == 0xFF {
            return None;
        }
        let counters = self.counters.get_mut(o.list)?;
        if !self.started[ilfo - 1] {
            self.started[ilfo - 1] = true;
            for &(l, s) in &o.starts {
                if let Some(c) = counters.get_mut(l) {
                    *c = s.saturating_sub(1);
                }
            }
        }
        let start = |l: usize| list.levels.get(l).map_or(1, |x| x.start);
        counters[ilvl] = if counters[ilvl] == i64::MIN {
            start(ilvl)
        } else {
            counters[ilvl].saturating_add(1)
        };
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = i64::MIN;
        }
        let mut out = String::new();
        for &u in &level.text {
            if u < 9 {
                let l = usize::from(u);
                let n = if counters[l] == i64::MIN {
                    start(l)
                } else {
                    counters[l]
                };
                let nfc = list.levels.get(l).map_or(0, |x| x.nfc);
                out.push_str(&super::super::docx::format_number(n, format_name(nfc)));
            } else if let Some(c) = char::from_u32(u32::from(u)) {
                out.push(c);
            }
        }
        if out.is_empty() {
            return None;
        }
        if !out.ends_with(['、', '）', ')', '．', '.', '。', ' ', '　']) {
            out.push(' ');
        }
        Some(out)
    }
}

/// The WordprocessingML name of a number format (MSONFC), as the .docx
/// reader knows them.
fn format_name(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        // DbNum1, TpeDbNum1/3, ChnDbNum1/3: 一 二 … 十一 (the Taiwanese ones
        // are what LibreOffice writes for 一, 二, 三).
        0x0A | 0x21 | 0x23 | 0x25 | 0x27 => "chineseCounting",
        0x22 | 0x26 => "chineseLegalSimplified",
        0x24 => "ideographDigital",
        0x0E => "decimalFullWidth",
        0x12 => "decimalEnclosedCircle",
        0x1C => "decimalEnclosedCircleChinese",
        0x1E => "ideographTraditional",
        _ => "decimal",
    }
}
