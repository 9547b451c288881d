//! Writing a zip archive: the annotated copy of a Word document is the
//! original's entries, in their order, with a few parts changed or added.
//!
//! Hand-written beside the zip reader (`read/zip.rs`) for the same reason:
//! the few bytes a writer of a handful of deflated entries needs
//! (docs/dependencies.md). Deflate is `miniz_oxide`'s, already there for
//! reading; entries not changed are copied as they were stored. Plain zip only: no zip64 (the reader's limits keep a Word
//! document far below 4 GiB), no encryption, no data descriptors.

use crate::read::zip::RawEntry;

/// The CRC-32 of `data` (ISO 3309, as zip uses it).
fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *e = c;
        }
        t
    });
    let mut c = !0u32;
    for &b in data {
        c = table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// An archive being written.
#[derive(Default)]
pub(crate) struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

/// What cannot be written: more than a plain zip holds.
#[derive(Debug)]
pub(crate) struct TooLarge;

fn u32_of(n: usize) -> Result<u32, TooLarge> {
    u32::try_from(n).map_err(|_| TooLarge)
}

impl ZipWriter {
    /// Add an entry: deflated, or stored when deflating does not make it
    /// smaller.
    pub(crate) fn add(&mut self, name: &str, data: &[u8]) -> Result<(), TooLarge> {
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let (method, body): (u16, &[u8]) = if packed.len() < data.len() {
            (8, &packed)
        } else {
            (0, data)
        };
        // Flag 0x800: the name is UTF-8.
        self.put(name, 0x0800, method, crc32(data), data.len(), body)
    }

    /// Copy an entry of another archive as it was stored (not inflated).
    pub(crate) fn copy(&mut self, name: &str, e: &RawEntry<'_>) -> Result<(), TooLarge> {
        let size = usize::try_from(e.inflated).map_err(|_| TooLarge)?;
        // Without the data-descriptor flag: the sizes are in the header.
        self.put(name, e.flags & !0x0008, e.method, e.crc, size, e.data)
    }

    fn put(
        &mut self,
        name: &str,
        flags: u16,
        method: u16,
        crc: u32,
        size: usize,
        body: &[u8],
    ) -> Result<(), TooLarge> {
        let offset = u32_of(self.out.len())?;
        let (size, packed_size) = (u32_of(size)?, u32_of(body.len())?);
        let name_len = u16::try_from(name.len()).map_err(|_| TooLarge)?;
        self.count = self.count.checked_add(1).ok_or(TooLarge)?;
        // A fixed date (1980-01-01 00:00): the copy's bytes depend on its
        // content alone.
        let (time, date) = (0u16, 0x21u16);
        let local = &mut self.out;
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [20u16, flags, method, time, date] {
            local.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, packed_size, size] {
            local.extend_from_slice(&v.to_le_bytes());
        }
        local.extend_from_slice(&name_len.to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(body);

        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [20u16, 20, flags, method, time, date] {
            c.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, packed_size, size] {
            c.extend_from_slice(&v.to_le_bytes());
        }
        // Name length, extra, comment, disk, internal attributes.
        for v in [name_len, 0, 0, 0, 0] {
            c.extend_from_slice(&v.to_le_bytes());
        }
        // External attributes, the local header's offset.
        for v in [0u32, offset] {
            c.extend_from_slice(&v.to_le_bytes());
        }
        c.extend_from_slice(name.as_bytes());
        if self.out.len() > u32::MAX as usize {
            return Err(TooLarge);
        }
        Ok(())
    }

    /// The archive's bytes.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, TooLarge> {
        let at = u32_of(self.out.len())?;
        let size = u32_of(self.central.len())?;
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0u16, 0, self.count, self.count] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [size, at] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&0u16.to_le_bytes());
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::zip::{Archive, ZipLimits};

    #[test]
    fn crc_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn the_reader_reads_what_the_writer_wrote() {
        let mut w = ZipWriter::default();
        let long = "年度报告".repeat(500);
        w.add("word/document.xml", long.as_bytes()).unwrap();
        w.add("a", b"x").unwrap();
        let bytes = w.finish().unwrap();
        let mut zip = Archive::open(&bytes, ZipLimits::default()).unwrap();
        assert_eq!(zip.entries().len(), 2);
        assert_eq!(zip.read_text("word/document.xml").unwrap().unwrap(), long);
        assert_eq!(zip.read("a").unwrap().unwrap(), b"x");
        assert!(bytes.len() < long.len() / 4, "deflated");
    }
}
