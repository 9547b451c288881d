//! Writing zip archives: the package of a .docx or .xlsx, and the workspace
//! file. Entries are deflated (miniz_oxide, the inflater the readers use)
//! or stored as they are (what does not compress: PDFs, images); names are
//! UTF-8 (flag bit 11). No zip64: an archive stops at 4 GiB, and
//! [`ZipWriter::add`] refuses what would pass it.

/// The CRC-32 of zip (IEEE, reflected), by a table of 256 built at compile time.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut c = !0u32;
    for &b in data {
        c = TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// The archive would pass 4 GiB or 65,535 entries (no zip64 here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge;

/// How an entry is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Deflated (text, XML, JSON).
    Deflate,
    /// As it is (what does not compress).
    Store,
}

/// A zip archive being written, in memory.
#[derive(Debug)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    /// MS-DOS time and date of every entry.
    time: u16,
    date: u16,
}

impl Default for ZipWriter {
    fn default() -> Self {
        ZipWriter::new()
    }
}

fn u16le(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn u32le(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

impl ZipWriter {
    /// An empty archive whose entries are dated 1980-01-01 00:00 (the same
    /// input gives the same bytes).
    pub fn new() -> Self {
        ZipWriter {
            out: Vec::new(),
            central: Vec::new(),
            entries: 0,
            time: 0,
            date: (1 << 5) | 1,
        }
    }

    /// Date the entries (local time, as zip keeps it): year 1980–2107.
    pub fn dated(mut self, year: u16, month: u16, day: u16, hour: u16, minute: u16) -> Self {
        if (1980..=2107).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day) {
            self.date = ((year - 1980) << 9) | (month << 5) | day;
            self.time = (hour.min(23) << 11) | (minute.min(59) << 5);
        }
        self
    }

    /// Add an entry.
    pub fn add(&mut self, name: &str, data: &[u8], method: Method) -> Result<(), TooLarge> {
        let crc = crc32(data);
        let deflated;
        let (code, body): (u16, &[u8]) = match method {
            Method::Deflate => {
                deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
                if deflated.len() < data.len() {
                    (8, &deflated)
                } else {
                    (0, data)
                }
            }
            Method::Store => (0, data),
        };
        let offset = u32::try_from(self.out.len()).map_err(|_| TooLarge)?;
        let size = u32::try_from(data.len()).map_err(|_| TooLarge)?;
        let packed = u32::try_from(body.len()).map_err(|_| TooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| TooLarge)?;
        if self.entries == u16::MAX
            || (self.out.len() as u64 + 30 + name.len() as u64 + body.len() as u64)
                >= u64::from(u32::MAX)
        {
            return Err(TooLarge);
        }
        // Local header.
        let o = &mut self.out;
        u32le(o, 0x0403_4b50);
        u16le(o, 20); // version needed: 2.0
        u16le(o, 1 << 11); // UTF-8 names
        u16le(o, code);
        u16le(o, self.time);
        u16le(o, self.date);
        u32le(o, crc);
        u32le(o, packed);
        u32le(o, size);
        u16le(o, name_len);
        u16le(o, 0);
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(body);
        // Central directory entry.
        let c = &mut self.central;
        u32le(c, 0x0201_4b50);
        u16le(c, 20); // made by: MS-DOS, 2.0
        u16le(c, 20);
        u16le(c, 1 << 11);
        u16le(c, code);
        u16le(c, self.time);
        u16le(c, self.date);
        u32le(c, crc);
        u32le(c, packed);
        u32le(c, size);
        u16le(c, name_len);
        u16le(c, 0); // extra
        u16le(c, 0); // comment
        u16le(c, 0); // disk
        u16le(c, 0); // internal attributes
        u32le(c, 0); // external attributes
        u32le(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
        Ok(())
    }

    /// The archive's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, TooLarge> {
        let start = u32::try_from(self.out.len()).map_err(|_| TooLarge)?;
        let size = u32::try_from(self.central.len()).map_err(|_| TooLarge)?;
        if u64::from(start) + u64::from(size) + 22 > u64::from(u32::MAX) {
            return Err(TooLarge);
        }
        let mut out = self.out;
        out.append(&mut self.central);
        u32le(&mut out, 0x0605_4b50);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u16le(&mut out, self.entries);
        u16le(&mut out, self.entries);
        u32le(&mut out, size);
        u32le(&mut out, start);
        u16le(&mut out, 0);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::zip::{Archive, ZipLimits};

    #[test]
    fn crc_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn what_is_written_is_read_back_by_the_core_s_reader() {
        let mut z = ZipWriter::new().dated(2025, 3, 1, 9, 30);
        let text = "政府信息公开工作年度报告\n".repeat(200);
        z.add("word/document.xml", text.as_bytes(), Method::Deflate)
            .unwrap();
        z.add("files/1", b"%PDF-1.4 not compressible", Method::Store)
            .unwrap();
        z.add("空.txt", b"", Method::Deflate).unwrap();
        let bytes = z.finish().unwrap();
        let mut a = Archive::open(&bytes, ZipLimits::default()).unwrap();
        let names: Vec<_> = a.entries().iter().map(|e| e.name.clone()).collect();
        assert_eq!(names, ["word/document.xml", "files/1", "空.txt"]);
        assert_eq!(a.read_text("word/document.xml").unwrap().unwrap(), text);
        assert_eq!(
            a.read("files/1").unwrap().unwrap(),
            b"%PDF-1.4 not compressible"
        );
        assert_eq!(a.read("空.txt").unwrap().unwrap(), b"");
        assert!(bytes.len() < text.len() / 4, "deflated: {}", bytes.len());
    }
}
