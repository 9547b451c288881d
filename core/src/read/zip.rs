//! Reading zip archives (.docx, .xlsx) safely.
//!
//! Only what OOXML needs: the central directory, stored and deflated entries.
//! Every size comes from the file itself and is therefore untrusted: the
//! limits below are checked from the central directory before anything is
//! inflated (entry count and total size when the archive is opened, the
//! compression ratio of an entry before it is inflated), and enforced again
//! while inflating (inflation stops at the declared size and at the budget),
//! so that a small file that would inflate to gigabytes is refused quickly.

use super::{ReadError, ReadErrorKind};

/// Limits on what an archive may make us inflate.
#[derive(Clone, Copy, Debug)]
pub struct ZipLimits {
    /// Most entries the central directory may list.
    pub max_entries: usize,
    /// Most bytes all entries together may inflate to.
    pub max_total_inflated: u64,
    /// Largest inflated/compressed ratio accepted for an entry that inflates
    /// to more than [`ZipLimits::ratio_floor`] bytes.
    pub max_ratio: u64,
    /// Entries smaller than this once inflated are never refused for their ratio.
    pub ratio_floor: u64,
    /// Most bytes one entry may inflate to (the parts a reader parses as a
    /// whole: a Word document's text, a sheet).
    pub max_entry_inflated: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        ZipLimits {
            max_entries: 10_000,
            max_total_inflated: 256 * 1024 * 1024,
            max_ratio: 200,
            ratio_floor: 1024 * 1024,
            max_entry_inflated: u64::MAX,
        }
    }
}

impl From<&super::Limits> for ZipLimits {
    fn from(l: &super::Limits) -> Self {
        ZipLimits {
            max_entries: l.max_zip_entries,
            max_total_inflated: l.max_zip_inflated_bytes,
            // A part is parsed whole, in memory: its markup may run to a few
            // times its text, not to hundreds of megabytes (a real report's
            // Word text part is well under 1 MB).
            max_entry_inflated: (l.max_text_bytes as u64).saturating_mul(4),
            ..ZipLimits::default()
        }
    }
}

/// One entry of the central directory.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its name in the archive.
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: u64,
    inflated: u64,
    local_offset: u64,
}

/// An entry as stored: its compression method, flags, CRC-32, inflated size
/// and compressed bytes.
#[derive(Clone, Copy, Debug)]
pub struct RawEntry<'a> {
    /// The compression method (0 stored, 8 deflated).
    pub method: u16,
    /// The general-purpose flags.
    pub flags: u16,
    /// The CRC-32 of the inflated bytes.
    pub crc: u32,
    /// The size once inflated.
    pub inflated: u64,
    /// The bytes as stored.
    pub data: &'a [u8],
}

impl Entry {
    /// The size it declares once inflated (untrusted: inflation stops there).
    pub fn inflated_size(&self) -> u64 {
        self.inflated
    }

    /// Whether it is a folder rather than a file.
    pub fn is_folder(&self) -> bool {
        self.name.ends_with('/') || self.name.ends_with('\\')
    }
}

/// An entry's name: UTF-8 when its flag says so or when it is valid UTF-8;
/// else GBK, as the archivers of Chinese Windows write names.
fn entry_name(raw: &[u8], flags: u16) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_owned(),
        Err(_) if flags & 0x0800 != 0 => String::from_utf8_lossy(raw).into_owned(),
        Err(_) => super::gb18030::decode_gb18030(raw).0,
    }
}

/// An opened archive: its central directory, checked against the limits.
#[derive(Debug)]
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    limits: ZipLimits,
    /// Bytes inflated so far (all entries), to enforce the total limit.
    inflated_so_far: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// The error for a damaged or cut-short archive.
pub fn corrupt(what_zh: &str, what_en: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Corrupt,
        format!("文件已损坏或不完整（{what_zh}），无法读取。请重新下载或在 Word/WPS/Excel 中重新保存后再检查。"),
        format!("The file is damaged or incomplete ({what_en}) and cannot be read. Download it again, or save it again from Word/WPS/Excel, and check it again."),
    )
}

fn bomb(what_zh: String, what_en: String) -> ReadError {
    ReadError::new(
        ReadErrorKind::ZipBomb,
        format!("文件解压后过大（{what_zh}），疑似“压缩炸弹”，已拒绝读取。正常的年度报告解压后不过几 MB。"),
        format!("The file would inflate far too much ({what_en}); it looks like a zip bomb and was refused. A real annual report inflates to a few MB at most."),
    )
}

/// Whole megabytes, rounded up (integer arithmetic: no float formatting in the wasm build).
fn mb(n: u64) -> String {
    format!("{} MB", n.div_ceil(1_048_576))
}

const EOCD_SIG: u32 = 0x0605_4b50;
const EOCD64_LOCATOR_SIG: u32 = 0x0706_4b50;
const EOCD64_SIG: u32 = 0x0606_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const LOCAL_SIG: u32 = 0x0403_4b50;

impl<'a> Archive<'a> {
    /// Read and check the central directory.
    pub fn open(bytes: &'a [u8], limits: ZipLimits) -> Result<Archive<'a>, ReadError> {
        // The end-of-central-directory record sits in the last 22 + 65535 bytes.
        let min_start = bytes.len().saturating_sub(22 + 65_535);
        let mut eocd = None;
        let mut at = bytes.len().saturating_sub(22);
        loop {
            if at < min_start {
                break;
            }
            if u32_at(bytes, at) == Some(EOCD_SIG) {
                eocd = Some(at);
                break;
            }
            if at == 0 {
                break;
            }
            at -= 1;
        }
        let Some(eocd) = eocd else {
            return Err(corrupt(
                "找不到 zip 目录，文件可能被截断",
                "no zip directory found; the file may have been cut short",
            ));
        };
        let bad_dir = || corrupt("zip 目录损坏", "the zip directory is damaged");
        let mut count = u64::from(u16_at(bytes, eocd + 10).ok_or_else(bad_dir)?);
        let mut cd_size = u64::from(u32_at(bytes, eocd + 12).ok_or_else(bad_dir)?);
        let mut cd_offset = u64::from(u32_at(bytes, eocd + 16).ok_or_else(bad_dir)?);
        if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the classic record.
            let loc = eocd.checked_sub(20).ok_or_else(bad_dir)?;
            if u32_at(bytes, loc) != Some(EOCD64_LOCATOR_SIG) {
                return Err(bad_dir());
            }
            let rec = usize::try_from(u64_at(bytes, loc + 8).ok_or_else(bad_dir)?)
                .map_err(|_| bad_dir())?;
            if u32_at(bytes, rec) != Some(EOCD64_SIG) {
                return Err(bad_dir());
            }
            count = u64_at(bytes, rec + 32).ok_or_else(bad_dir)?;
            cd_size = u64_at(bytes, rec + 40).ok_or_else(bad_dir)?;
            cd_offset = u64_at(bytes, rec + 48).ok_or_else(bad_dir)?;
        }
        if count > limits.max_entries as u64 {
            return Err(bomb(
                format!("{count} 个条目，上限 {}", limits.max_entries),
                format!("{count} entries; the limit is {}", limits.max_entries),
            ));
        }
        let cd_start = usize::try_from(cd_offset).map_err(|_| bad_dir())?;
        let cd_end = cd_start
            .checked_add(usize::try_from(cd_size).map_err(|_| bad_dir())?)
            .ok_or_else(bad_dir)?;
        if cd_end > bytes.len() {
            return Err(corrupt(
                "zip 目录超出文件末尾，文件可能被截断",
                "the zip directory runs past the end of the file; it may have been cut short",
            ));
        }
        let mut entries = Vec::with_capacity(count as usize);
        let mut total: u64 = 0;
        let mut p = cd_start;
        for _ in 0..count {
            if u32_at(bytes, p) != Some(CENTRAL_SIG) {
                return Err(bad_dir());
            }
            let flags = u16_at(bytes, p + 8).ok_or_else(bad_dir)?;
            let method = u16_at(bytes, p + 10).ok_or_else(bad_dir)?;
            let crc = u32_at(bytes, p + 16).ok_or_else(bad_dir)?;
            let mut compressed = u64::from(u32_at(bytes, p + 20).ok_or_else(bad_dir)?);
            let mut inflated = u64::from(u32_at(bytes, p + 24).ok_or_else(bad_dir)?);
            let name_len = usize::from(u16_at(bytes, p + 28).ok_or_else(bad_dir)?);
            let extra_len = usize::from(u16_at(bytes, p + 30).ok_or_else(bad_dir)?);
            let comment_len = usize::from(u16_at(bytes, p + 32).ok_or_else(bad_dir)?);
            let mut local_offset = u64::from(u32_at(bytes, p + 42).ok_or_else(bad_dir)?);
            let name_start = p + 46;
            let name = bytes
                .get(name_start..name_start + name_len)
                .ok_or_else(bad_dir)?;
            let extra = bytes
                .get(name_start + name_len..name_start + name_len + extra_len)
                .ok_or_else(bad_dir)?;
            // Zip64 extended sizes, in the order of the fields that overflowed.
            if inflated == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || local_offset == 0xFFFF_FFFF {
                let mut q = 0;
                while q + 4 <= extra.len() {
                    let id = u16_at(extra, q).unwrap_or(0);
                    let len = usize::from(u16_at(extra, q + 2).unwrap_or(0));
                    if id == 0x0001 {
                        let mut r = q + 4;
                        for field in [&mut inflated, &mut compressed, &mut local_offset] {
                            if *field == 0xFFFF_FFFF {
                                *field = u64_at(extra, r).ok_or_else(bad_dir)?;
                                r += 8;
                            }
                        }
                        break;
                    }
                    q += 4 + len;
                }
            }
            total = total.saturating_add(inflated);
            if total > limits.max_total_inflated {
                return Err(bomb(
                    format!(
                        "声明解压后共 {} 以上，上限 {}",
                        mb(total),
                        mb(limits.max_total_inflated)
                    ),
                    format!(
                        "it declares more than {} inflated; the limit is {}",
                        mb(total),
                        mb(limits.max_total_inflated)
                    ),
                ));
            }
            entries.push(Entry {
                name: entry_name(name, flags),
                method,
                flags,
                crc,
                compressed,
                inflated,
                local_offset,
            });
            p = name_start + name_len + extra_len + comment_len;
        }
        Ok(Archive {
            bytes,
            entries,
            limits,
            inflated_so_far: 0,
        })
    }

    /// The entries of the central directory, in its order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// True when the archive has an entry of this name (exact, or ignoring
    /// ASCII case and a leading `/`).
    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries.iter().find(|e| e.name == name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(name))
        })
    }

    /// An entry as it is stored, not inflated (for copying it into another
    /// archive unchanged), or `Ok(None)` when there is no such entry.
    pub fn raw(&self, name: &str) -> Result<Option<RawEntry<'a>>, ReadError> {
        let Some(e) = self.find(name) else {
            return Ok(None);
        };
        Ok(Some(RawEntry {
            method: e.method,
            flags: e.flags,
            crc: e.crc,
            inflated: e.inflated,
            data: self.stored(e)?,
        }))
    }

    /// An entry's data as it is stored (after its local header), or an
    /// error when the archive is cut short before or within it.
    fn stored(&self, e: &Entry) -> Result<&'a [u8], ReadError> {
        let bad = || {
            corrupt(
                &format!("条目 {} 的数据缺失，文件可能被截断", e.name),
                &format!(
                    "the data of entry {} is missing; the file may have been cut short",
                    e.name
                ),
            )
        };
        let lo = usize::try_from(e.local_offset).map_err(|_| bad())?;
        if u32_at(self.bytes, lo) != Some(LOCAL_SIG) {
            return Err(bad());
        }
        let n = usize::from(u16_at(self.bytes, lo + 26).ok_or_else(bad)?);
        let x = usize::from(u16_at(self.bytes, lo + 28).ok_or_else(bad)?);
        let start = lo.checked_add(30 + n + x).ok_or_else(bad)?;
        let end = start
            .checked_add(usize::try_from(e.compressed).map_err(|_| bad())?)
            .ok_or_else(bad)?;
        self.bytes.get(start..end).ok_or_else(bad)
    }

    /// The inflated bytes of an entry, or `Ok(None)` when there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(e) = self.find(name).cloned() else {
            return Ok(None);
        };
        self.inflate(&e).map(Some)
    }

    /// The inflated bytes of the entry at this place in [`Archive::entries`]
    /// (`Ok(None)` past the end): every entry, even of a name given twice.
    pub fn read_at(&mut self, index: usize) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(e) = self.entries.get(index).cloned() else {
            return Ok(None);
        };
        self.inflate(&e).map(Some)
    }

    /// Bytes inflated so far from all entries.
    pub fn inflated_so_far(&self) -> u64 {
        self.inflated_so_far
    }

    fn inflate(&mut self, e: &Entry) -> Result<Vec<u8>, ReadError> {
        if e.flags & 1 != 0 {
            return Err(ReadError::new(
                ReadErrorKind::Encrypted,
                "文件已加密，无法读取。请取消密码后重新保存再检查。",
                "The file is encrypted. Remove the password, save it again and check it again.",
            ));
        }
        // The ratio is checked for the entries actually read (an embedded
        // picture we never inflate may compress well and is no threat).
        if e.inflated > self.limits.ratio_floor
            && e.inflated / e.compressed.max(1) > self.limits.max_ratio
        {
            let ratio = e.inflated / e.compressed.max(1);
            return Err(bomb(
                format!(
                    "条目 {} 压缩比 {ratio}:1，上限 {}:1",
                    e.name, self.limits.max_ratio
                ),
                format!(
                    "entry {} has a compression ratio of {ratio}:1; the limit is {}:1",
                    e.name, self.limits.max_ratio
                ),
            ));
        }
        if e.inflated
            > self
                .limits
                .max_total_inflated
                .saturating_sub(self.inflated_so_far)
        {
            return Err(bomb(
                format!("超过 {}", mb(self.limits.max_total_inflated)),
                format!("more than {}", mb(self.limits.max_total_inflated)),
            ));
        }
        if e.inflated > self.limits.max_entry_inflated {
            return Err(bomb(
                format!(
                    "条目 {} 解压后 {}，单个部件上限 {}",
                    e.name,
                    mb(e.inflated),
                    mb(self.limits.max_entry_inflated)
                ),
                format!(
                    "entry {} inflates to {}; the limit for one part is {}",
                    e.name,
                    mb(e.inflated),
                    mb(self.limits.max_entry_inflated)
                ),
            ));
        }
        let data = self.stored(e)?;
        let budget = self
            .limits
            .max_total_inflated
            .saturating_sub(self.inflated_so_far);
        // Never inflate past what the directory declared, nor past the budget.
        let limit = e.inflated.min(budget);
        let out = match e.method {
            0 => {
                if data.len() as u64 > budget {
                    return Err(bomb(
                        format!("超过 {}", mb(self.limits.max_total_inflated)),
                        format!("more than {}", mb(self.limits.max_total_inflated)),
                    ));
                }
                data.to_vec()
            }
            8 => {
                let limit = usize::try_from(limit).unwrap_or(usize::MAX);
                match miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit) {
                    Ok(v) => v,
                    Err(err) => {
                        if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                            return Err(bomb(
                                format!("条目 {} 解压后超过声明的大小或 {} 上限", e.name, mb(self.limits.max_total_inflated)),
                                format!("entry {} inflates past its declared size or the {} limit", e.name, mb(self.limits.max_total_inflated)),
                            ));
                        }
                        return Err(corrupt(
                            &format!("条目 {} 的压缩数据损坏", e.name),
                            &format!("the compressed data of entry {} is damaged", e.name),
                        ));
                    }
                }
            }
            m => {
                return Err(ReadError::new(
                    ReadErrorKind::Unsupported,
                    format!("文件使用了不支持的压缩方式（{m}）。请在 Word/WPS/Excel 中重新保存后再检查。"),
                    format!("The file uses an unsupported compression method ({m}). Save it again from Word/WPS/Excel and check it again."),
                ))
            }
        };
        self.inflated_so_far = self.inflated_so_far.saturating_add(out.len() as u64);
        Ok(out)
    }

    /// An entry as text (UTF-8, BOM stripped; XML parts of OOXML are UTF-8).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        // The inflated bytes become the text in place: a part may be a
        // couple of hundred megabytes, and a copy would double that.
        Ok(self.read(name)?.map(|mut b| {
            if b.starts_with(b"\xEF\xBB\xBF") {
                b.drain(..3);
            }
            String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }))
    }
}
