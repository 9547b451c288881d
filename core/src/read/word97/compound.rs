//! OLE2 compound files (the container of .doc, .wps, .xls and encrypted
//! OOXML), read only: the header, the sector allocation tables (FAT and
//! mini FAT), the directory, and the streams at the root.
//!
//! Written here rather than taken from the `cfb` crate for size: built into
//! a wasm module, `cfb` (open and read one stream) weighs 119 KB gzipped,
//! more than the rest of a reader; this file adds a few KB
//! (docs/dependencies.md). Every sector number, chain and size comes from
//! the file: chains are followed at most as many steps as the file has
//! sectors, and a stream is never read past the end of the file.

use super::binary::{u16_at, u32_at};

const FREE: u32 = 0xFFFF_FFFF;
const END: u32 = 0xFFFF_FFFE;

/// One directory entry: its name, type (1 storage, 2 stream, 5 root), its
/// siblings and child in the directory's tree, its first sector and size.
#[derive(Clone, Debug)]
struct Entry {
    name: String,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

/// An opened compound file.
pub(super) struct Compound<'a> {
    bytes: &'a [u8],
    shift: u32,
    mini_cutoff: u64,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    entries: Vec<Entry>,
    /// Indices of the streams directly under the root.
    root_streams: Vec<usize>,
}

impl<'a> Compound<'a> {
    /// Read the header, the allocation tables and the directory; `None`
    /// when the bytes are no compound file this reader can follow.
    pub(super) fn open(bytes: &'a [u8]) -> Option<Compound<'a>> {
        if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return None;
        }
        let shift = u32::from(u16_at(bytes, 30)?);
        if shift != 9 && shift != 12 {
            return None;
        }
        let size = 1usize << shift;
        // Sectors the file holds (the header takes the first sector's room).
        let sectors = bytes.len().saturating_sub(size) / size + 1;
        let fat_sectors = u32_at(bytes, 44)? as usize;
        let first_dir = u32_at(bytes, 48)?;
        let mini_cutoff = u64::from(u32_at(bytes, 56)?);
        let first_mini_fat = u32_at(bytes, 60)?;
        let first_difat = u32_at(bytes, 68)?;
        let mut cf = Compound {
            bytes,
            shift,
            mini_cutoff,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            entries: Vec::new(),
            root_streams: Vec::new(),
        };
        // The FAT's sectors: 109 in the header, then chained DIFAT sectors.
        let mut fat_list: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 76 + i * 4))
            .take(fat_sectors)
            .collect();
        let per = size / 4;
        let mut difat = first_difat;
        let mut steps = 0;
        while fat_list.len() < fat_sectors && difat < END && steps < sectors {
            steps += 1;
            let Some(s) = cf.sector(difat) else { break };
            fat_list.extend((0..per - 1).filter_map(|i| u32_at(s, i * 4)));
            difat = u32_at(s, (per - 1) * 4).unwrap_or(END);
        }
        fat_list.truncate(fat_sectors.min(sectors));
        let mut fat = Vec::with_capacity(fat_list.len() * per);
        for &f in &fat_list {
            match cf.sector(f) {
                Some(s) => fat.extend((0..per).filter_map(|i| u32_at(s, i * 4))),
                None => break,
            }
        }
        cf.fat = fat;
        // The directory: 128-byte entries along its chain.
        let dir = cf.chain_bytes(first_dir, u64::MAX, false);
        let n = dir.len() / 128;
        let mut entries = Vec::with_capacity(n);
        for i in 0..n {
            let e = &dir[i * 128..(i + 1) * 128];
            let len = usize::from(u16_at(e, 64).unwrap_or(0)).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
                .filter_map(|k| u16_at(e, k * 2))
                .collect();
            let lo = u64::from(u32_at(e, 120).unwrap_or(0));
            let hi = u64::from(u32_at(e, 124).unwrap_or(0));
            entries.push(Entry {
                name: String::from_utf16_lossy(&units),
                kind: e[66],
                left: u32_at(e, 68).unwrap_or(FREE),
                right: u32_at(e, 72).unwrap_or(FREE),
                child: u32_at(e, 76).unwrap_or(FREE),
                start: u32_at(e, 116).unwrap_or(END),
                // Version 3 files keep only the low 32 bits.
                size: if shift == 9 { lo } else { lo | (hi << 32) },
            });
        }
        if entries.first().is_none_or(|r| r.kind != 5) {
            return None;
        }
        cf.entries = entries;
        // The root's children: the tree of siblings under its child.
        let mut stack = vec![cf.entries[0].child];
        let mut seen = vec![false; cf.entries.len()];
        while let Some(i) = stack.pop() {
            let i = i as usize;
            let Some(e) = cf.entries.get(i) else { continue };
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            if e.kind == 2 {
                cf.root_streams.push(i);
            }
            stack.push(e.left);
            stack.push(e.right);
        }
        // The mini FAT, for streams under the cutoff.
        let mini = cf.chain_bytes(first_mini_fat, u64::MAX, false);
        cf.mini_fat = (0..mini.len() / 4)
            .filter_map(|i| u32_at(&mini, i * 4))
            .collect();
        Some(cf)
    }

    /// The bytes of sector `n`, if the file holds it whole.
    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let at = (n as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(at..at.checked_add(size)?)
    }

    /// The sectors of a chain (of the FAT, or of the mini FAT inside the
    /// mini stream), joined, up to `len` bytes. A chain that loops, leaves
    /// the file or ends early gives what it had.
    fn chain_bytes(&self, start: u32, len: u64, mini: bool) -> Vec<u8> {
        let (table, unit) = if mini {
            (&self.mini_fat, 64usize)
        } else {
            (&self.fat, 1usize << self.shift)
        };
        let limit = usize::try_from(len)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        let ministream = if mini {
            match self.entries.first() {
                Some(root) => self.chain_bytes(root.start, root.size, false),
                None => return Vec::new(),
            }
        } else {
            Vec::new()
        };
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        while s < END && out.len() < limit && steps <= table.len() {
            steps += 1;
            let data = if mini {
                let at = s as usize * 64;
                ministream.get(at..at + 64)
            } else {
                self.sector(s)
            };
            let Some(data) = data else { break };
            let take = unit.min(limit - out.len());
            out.extend_from_slice(&data[..take]);
            s = table.get(s as usize).copied().unwrap_or(END);
        }
        out
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.root_streams
            .iter()
            .map(|&i| &self.entries[i])
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// True when a stream of this name lies at the root.
    pub(super) fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// A root stream's bytes (at most its declared size, never past the
    /// end of the file), or `None` when there is no such stream.
    pub(super) fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let e = self.find(name)?;
        let mini = e.size < self.mini_cutoff;
        Some(self.chain_bytes(e.start, e.size, mini))
    }
}
