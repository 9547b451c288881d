//! The file structure: cross-reference tables and streams (with incremental
//! updates), object streams, stream filters, and a rebuild by scanning when
//! the cross-reference data is damaged.

use super::super::Limits;
use super::parse::{find, rfind, Dict, Lexer, Obj, Tok};
use std::cell::RefCell;
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

#[derive(Clone, Copy, Debug)]
enum Entry {
    /// Byte offset of `n g obj`.
    Offset(usize),
    /// Inside object stream `stream`, at `index`.
    InStream { stream: u32, index: u32 },
}

#[derive(Debug)]
pub(super) enum FileError {
    NotPdf,
    TooManyObjects(usize),
    Encrypted,
    Broken(&'static str),
}

/// A decoded object stream: (object number, offset) of each object, and the bytes.
type ObjStm = (Vec<(u32, usize)>, Vec<u8>);

pub(super) struct File<'a> {
    data: &'a [u8],
    xref: HashMap<u32, Entry>,
    pub trailer: Dict,
    limits: PdfLimits,
    /// Decoded object streams: (offsets of their objects, decoded bytes).
    objstm_cache: RefCell<HashMap<u32, std::rc::Rc<ObjStm>>>,
    /// Bytes read from streams so far (raw and decoded, each time a stream
    /// is read), against the one budget of the file.
    inflated: RefCell<usize>,
    /// Set when a stream hit the size limit or the file's byte budget ran out.
    pub over_limit: RefCell<bool>,
    /// Nesting of object lookups (object streams whose filters are references…).
    depth: std::cell::Cell<usize>,
    /// Decryption, for files protected by an owner password only.
    crypt: Option<(super::crypt::Crypt, u32)>,
}

impl<'a> File<'a> {
    pub(super) fn open(data: &'a [u8], limits: PdfLimits) -> Result<Self, FileError> {
        let head = data.get(..1024.min(data.len())).unwrap_or(b"");
        if find(head, b"%PDF", 0).is_none() {
            return Err(FileError::NotPdf);
        }
        let mut f = File {
            data,
            xref: HashMap::new(),
            trailer: Dict::default(),
            limits,
            objstm_cache: RefCell::new(HashMap::new()),
            inflated: RefCell::new(0),
            over_limit: RefCell::new(false),
            depth: std::cell::Cell::new(0),
            crypt: None,
        };
        let ok = f.read_xref_chain();
        if let Err(FileError::TooManyObjects(n)) = ok {
            return Err(FileError::TooManyObjects(n));
        }
        if ok.is_err() || !f.trailer.has(b"Root") || f.catalog().is_none() {
            f.rebuild()?;
        }
        if let Some(e) = f.trailer.get(b"Encrypt").cloned() {
            let enc_num = match e {
                Obj::Ref(n, _) => n,
                _ => u32::MAX,
            };
            let enc = f.resolve(&e);
            let enc = enc.as_dict().ok_or(FileError::Encrypted)?;
            let id0 = match f.trailer.get(b"ID").map(|o| f.resolve(o)) {
                Some(Obj::Array(a)) => a
                    .first()
                    .and_then(Obj::as_str)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let c = super::crypt::Crypt::new(enc, &id0).map_err(|_| FileError::Encrypted)?;
            f.crypt = Some((c, enc_num));
            // Object streams read so far were read without decryption.
            f.objstm_cache.borrow_mut().clear();
            if f.catalog().is_none() {
                return Err(FileError::Encrypted);
            }
        }
        Ok(f)
    }

    fn check_count(&self, n: usize) -> Result<(), FileError> {
        if n > self.limits.max_objects {
            Err(FileError::TooManyObjects(n))
        } else {
            Ok(())
        }
    }

    fn read_xref_chain(&mut self) -> Result<(), FileError> {
        let tail_start = self.data.len().saturating_sub(2048);
        let tail = self.data.get(tail_start..).unwrap_or(b"");
        let sx = rfind(tail, b"startxref").ok_or(FileError::Broken("no startxref"))?;
        let mut lx = Lexer::new(self.data, tail_start + sx + 9);
        let mut offset = match lx.token() {
            Some(Tok::Obj(Obj::Int(o))) => {
                usize::try_from(o).map_err(|_| FileError::Broken("bad startxref"))?
            }
            _ => return Err(FileError::Broken("bad startxref")),
        };
        let mut seen = Vec::new();
        let mut first = true;
        while !seen.contains(&offset) && seen.len() < 256 {
            seen.push(offset);
            let trailer = self.read_xref_section(offset)?;
            // Hybrid files: the table's trailer points at an extra xref stream.
            if let Some(x) = trailer.get(b"XRefStm").and_then(Obj::as_i64) {
                if let Ok(x) = usize::try_from(x) {
                    let _ = self.read_xref_section(x);
                }
            }
            let prev = trailer.get(b"Prev").and_then(Obj::as_i64);
            if first {
                self.trailer = trailer;
                first = false;
            } else {
                // Keys missing from the newest trailer come from older ones.
                for (k, v) in trailer.0 {
                    if !self.trailer.has(&k) {
                        self.trailer.0.push((k, v));
                    }
                }
            }
            match prev.and_then(|p| usize::try_from(p).ok()) {
                Some(p) => offset = p,
                None => break,
            }
        }
        Ok(())
    }

    /// Read one xref table or stream at `offset`; entries already known
    /// (from a newer update) win.
    fn read_xref_section(&mut self, offset: usize) -> Result<Dict, FileError> {
        let mut lx = Lexer::new(self.data, offset);
        lx.skip_ws();
        if self.data.get(lx.pos..lx.pos + 4) == Some(b"xref") {
            lx.pos += 4;
            loop {
                let save = lx.pos;
                match lx.token() {
                    Some(Tok::Obj(Obj::Int(start))) => {
                        let count = match lx.token() {
                            Some(Tok::Obj(Obj::Int(c))) => c,
                            _ => return Err(FileError::Broken("bad xref subsection")),
                        };
                        let (Ok(start), Ok(count)) = (u32::try_from(start), usize::try_from(count))
                        else {
                            return Err(FileError::Broken("bad xref subsection"));
                        };
                        self.check_count(count)?;
                        for i in 0..count {
                            let off = lx.token();
                            let _gen = lx.token();
                            let kind = lx.token();
                            let (Some(Tok::Obj(Obj::Int(off))), Some(Tok::Word(kind))) =
                                (off, kind)
                            else {
                                return Err(FileError::Broken("bad xref entry"));
                            };
                            let Some(num) = start.checked_add(i as u32) else {
                                break;
                            };
                            if kind == b"n" && off > 0 {
                                if let Ok(off) = usize::try_from(off) {
                                    self.xref.entry(num).or_insert(Entry::Offset(off));
                                }
                            } else {
                                // Free: record nothing, but a newer free entry hides older ones.
                                self.xref.entry(num).or_insert(Entry::Offset(usize::MAX));
                            }
                        }
                        self.check_count(self.xref.len())?;
                    }
                    Some(Tok::Word(b"trailer")) => {
                        return match lx.object() {
                            Ok(Obj::Dict(d)) => Ok(d),
                            _ => Err(FileError::Broken("bad trailer")),
                        };
                    }
                    _ => {
                        let _ = save;
                        return Err(FileError::Broken("bad xref table"));
                    }
                }
            }
        }
        // An xref stream.
        let (dict, raw) = match self.parse_indirect_at(offset) {
            Some(Obj::Stream(d, raw)) => (d, raw),
            _ => return Err(FileError::Broken("no xref at offset")),
        };
        if dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") {
            return Err(FileError::Broken("not an xref stream"));
        }
        let size = dict.get(b"Size").and_then(Obj::as_i64).unwrap_or(0);
        self.check_count(usize::try_from(size).unwrap_or(usize::MAX))?;
        let data = self
            .decode_stream(&dict, &raw)
            .ok_or(FileError::Broken("xref stream undecodable"))?;
        let w: Vec<usize> = dict
            .get(b"W")
            .and_then(Obj::as_array)
            .map(|a| {
                a.iter()
                    .map(|o| {
                        o.as_i64()
                            .and_then(|v| usize::try_from(v).ok())
                            .unwrap_or(0)
                    })
                    .collect()
            })
            .unwrap_or_default();
        if w.len() != 3 || w.iter().any(|&x| x > 8) {
            return Err(FileError::Broken("bad /W"));
        }
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return Err(FileError::Broken("bad /W"));
        }
        let index: Vec<i64> = match dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let mut pos = 0usize;
        for pair in index.chunks(2) {
            let (Some(&start), Some(&count)) = (pair.first(), pair.get(1)) else {
                break;
            };
            let (Ok(start), Ok(count)) = (u32::try_from(start), u32::try_from(count)) else {
                break;
            };
            self.check_count(count as usize)?;
            for i in 0..count {
                let Some(rec) = data.get(pos..pos + row) else {
                    break;
                };
                pos += row;
                let field = |from: usize, len: usize| -> u64 {
                    rec.get(from..from + len)
                        .map(|b| b.iter().fold(0u64, |a, &x| a << 8 | u64::from(x)))
                        .unwrap_or(0)
                };
                let kind = if w[0] == 0 { 1 } else { field(0, w[0]) };
                let f2 = field(w[0], w[1]);
                let f3 = field(w[0] + w[1], w[2]);
                let Some(num) = start.checked_add(i) else {
                    break;
                };
                let entry = match kind {
                    1 => Entry::Offset(usize::try_from(f2).unwrap_or(usize::MAX)),
                    2 => Entry::InStream {
                        stream: u32::try_from(f2).unwrap_or(u32::MAX),
                        index: u32::try_from(f3).unwrap_or(u32::MAX),
                    },
                    _ => Entry::Offset(usize::MAX),
                };
                self.xref.entry(num).or_insert(entry);
            }
            self.check_count(self.xref.len())?;
        }
        Ok(dict)
    }

    /// Rebuild the cross-reference data by scanning for `n g obj`.
    fn rebuild(&mut self) -> Result<(), FileError> {
        let mut xref = HashMap::new();
        let data = self.data;
        let mut trailer = Dict::default();
        let mut from = 0usize;
        while let Some(p) = find(data, b" obj", from) {
            from = p + 4;
            // Walk back over "n g".
            let mut s = p;
            let mut fields = 0;
            while fields < 2 {
                while s > 0 && data.get(s - 1) == Some(&b' ') {
                    s -= 1;
                }
                let end = s;
                while s > 0 && data.get(s - 1).is_some_and(u8::is_ascii_digit) {
                    s -= 1;
                }
                if s == end {
                    break;
                }
                fields += 1;
            }
            if fields < 2 {
                continue;
            }
            let mut lx = Lexer::new(data, s);
            if let Some(Tok::Obj(Obj::Int(n))) = lx.token() {
                if let Ok(n) = u32::try_from(n) {
                    xref.insert(n, Entry::Offset(s));
                    if xref.len() > self.limits.max_objects {
                        return Err(FileError::TooManyObjects(xref.len()));
                    }
                }
            }
        }
        // Trailers: the last one with a Root wins.
        let mut from = 0;
        while let Some(p) = find(data, b"trailer", from) {
            from = p + 7;
            let mut lx = Lexer::new(data, p + 7);
            if let Ok(Obj::Dict(d)) = lx.object() {
                if d.has(b"Root") {
                    trailer = d;
                }
            }
        }
        self.xref = xref;
        if !trailer.has(b"Root") {
            // Xref-stream files: their dictionaries carry the Root; or find the catalog itself.
            let mut nums: Vec<u32> = self.xref.keys().copied().collect();
            // The reader's one sort routine (no copy of its own for u32).
            super::sort::sort_by_key2(&mut nums, |n| (f64::from(*n), 0.0));
            for n in nums {
                match self.get(n) {
                    Some(Obj::Stream(d, _))
                        if d.get(b"Type").and_then(Obj::as_name) == Some(b"XRef")
                            && d.has(b"Root") =>
                    {
                        trailer = d;
                    }
                    Some(Obj::Dict(d))
                        if d.get(b"Type").and_then(Obj::as_name) == Some(b"Catalog")
                            && !trailer.has(b"Root") =>
                    {
                        trailer.0.push((b"Root".to_vec(), Obj::Ref(n, 0)));
                    }
                    _ => {}
                }
            }
            // Objects inside object streams are only reachable through an index.
            if !trailer.has(b"Root") {
                return Err(FileError::Broken("no catalog"));
            }
        }
        self.trailer = trailer;
        if self.catalog().is_none() {
            return Err(FileError::Broken("no catalog"));
        }
        Ok(())
    }

    pub(super) fn catalog(&self) -> Option<Dict> {
        let root = self.trailer.get(b"Root")?;
        self.resolve(root).as_dict().cloned()
    }

    /// Parse `n g obj <object>` at `offset` and decrypt it if need be.
    fn parse_indirect_at(&self, offset: usize) -> Option<Obj> {
        let mut lx = Lexer::new(self.data, offset);
        let (Some(Tok::Obj(Obj::Int(n))), Some(Tok::Obj(Obj::Int(g)))) = (lx.token(), lx.token())
        else {
            return None;
        };
        let mut o = self.parse_indirect_raw(offset)?;
        if let Some((c, enc)) = &self.crypt {
            let (n, g) = (u32::try_from(n).ok()?, u16::try_from(g).unwrap_or(0));
            if n != *enc {
                c.object(n, g, &mut o);
            }
        }
        Some(o)
    }

    /// Parse `n g obj <object>` at `offset`, with its stream if any.
    fn parse_indirect_raw(&self, offset: usize) -> Option<Obj> {
        let mut lx = Lexer::new(self.data, offset);
        let (Some(Tok::Obj(Obj::Int(_))), Some(Tok::Obj(Obj::Int(_))), Some(Tok::Word(b"obj"))) =
            (lx.token(), lx.token(), lx.token())
        else {
            return None;
        };
        let obj = lx.object().ok()?;
        let Obj::Dict(dict) = obj else {
            return Some(obj);
        };
        if lx.token() != Some(Tok::Word(b"stream")) {
            return Some(Obj::Dict(dict));
        }
        // The data starts after the end of line that follows `stream`.
        let mut start = lx.pos;
        if self.data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = match dict.get(b"Length") {
            Some(Obj::Int(n)) => usize::try_from(*n).ok(),
            Some(Obj::Ref(n, _)) => self
                .get_direct(*n)
                .and_then(|o| o.as_i64())
                .and_then(|v| usize::try_from(v).ok()),
            _ => None,
        };
        let end = match declared.and_then(|l| start.checked_add(l)) {
            Some(e) if e <= self.data.len() && self.ends_stream(e) => e,
            _ => {
                // Trust `endstream` instead of a wrong length.
                let e = find(self.data, b"endstream", start)?;
                let mut e2 = e;
                if e2 > start && self.data.get(e2 - 1) == Some(&b'\n') {
                    e2 -= 1;
                }
                if e2 > start && self.data.get(e2 - 1) == Some(&b'\r') {
                    e2 -= 1;
                }
                e2
            }
        };
        let raw = self.data.get(start..end)?.to_vec();
        Some(Obj::Stream(dict, raw))
    }

    fn ends_stream(&self, e: usize) -> bool {
        let mut lx = Lexer::new(self.data, e);
        lx.skip_ws();
        self.data.get(lx.pos..lx.pos + 9) == Some(b"endstream")
    }

    /// An object by number, without following object streams' own Length refs.
    fn get_direct(&self, n: u32) -> Option<Obj> {
        match self.xref.get(&n)? {
            Entry::Offset(off) => {
                let mut lx = Lexer::new(self.data, *off);
                let _ = (lx.token(), lx.token(), lx.token());
                lx.object().ok()
            }
            Entry::InStream { .. } => self.get(n),
        }
    }

    /// The object numbered `n`, or `None`.
    pub(super) fn get(&self, n: u32) -> Option<Obj> {
        if self.depth.get() > 16 {
            return None;
        }
        self.depth.set(self.depth.get() + 1);
        let o = self.get_inner(n);
        self.depth.set(self.depth.get() - 1);
        o
    }

    fn get_inner(&self, n: u32) -> Option<Obj> {
        match *self.xref.get(&n)? {
            Entry::Offset(off) => self.parse_indirect_at(off),
            Entry::InStream { stream, index } => {
                let cached = self.objstm_cache.borrow().get(&stream).cloned();
                let stm = match cached {
                    Some(s) => s,
                    None => {
                        if stream == n {
                            return None;
                        }
                        let (dict, raw) = match self.xref.get(&stream)? {
                            Entry::Offset(off) => match self.parse_indirect_at(*off)? {
                                Obj::Stream(d, r) => (d, r),
                                _ => return None,
                            },
                            _ => return None,
                        };
                        let data = self.decode_stream(&dict, &raw)?;
                        let count = dict
                            .get(b"N")
                            .and_then(Obj::as_i64)
                            .unwrap_or(0)
                            .clamp(0, 1_000_000) as usize;
                        let first =
                            usize::try_from(dict.get(b"First").and_then(Obj::as_i64).unwrap_or(0))
                                .ok()?;
                        let mut lx = Lexer::new(&data, 0);
                        let mut offs = Vec::with_capacity(count.min(10_000));
                        for _ in 0..count {
                            let (Some(Tok::Obj(Obj::Int(num))), Some(Tok::Obj(Obj::Int(o)))) =
                                (lx.token(), lx.token())
                            else {
                                break;
                            };
                            if lx.pos > first {
                                break;
                            }
                            let (Ok(num), Ok(o)) = (u32::try_from(num), usize::try_from(o)) else {
                                break;
                            };
                            offs.push((num, first.saturating_add(o)));
                        }
                        let rc = std::rc::Rc::new((offs, data));
                        self.objstm_cache.borrow_mut().insert(stream, rc.clone());
                        rc
                    }
                };
                let (offs, data) = (&stm.0, &stm.1);
                let off = match offs.get(index as usize) {
                    Some(&(num, off)) if num == n => off,
                    _ => offs.iter().find(|(num, _)| *num == n)?.1,
                };
                let mut lx = Lexer::new(data, off);
                lx.object().ok()
            }
        }
    }

    /// Follow references (a few levels) to a direct object.
    pub(super) fn resolve(&self, o: &Obj) -> Obj {
        let mut cur = o.clone();
        for _ in 0..8 {
            match cur {
                Obj::Ref(n, _) => cur = self.get(n).unwrap_or(Obj::Null),
                other => return other,
            }
        }
        Obj::Null
    }

    /// `dict[key]`, resolved.
    pub(super) fn get_in(&self, d: &Dict, key: &[u8]) -> Obj {
        match d.get(key) {
            Some(o) => self.resolve(o),
            None => Obj::Null,
        }
    }

    /// A stream's decoded bytes (all filters applied), or `None` when a filter
    /// is unsupported, the data is broken beyond use, or it is too large.
    pub(super) fn decode_stream(&self, dict: &Dict, raw: &[u8]) -> Option<Vec<u8>> {
        let filters: Vec<Vec<u8>> = match dict.get(b"Filter").map(|f| self.resolve(f)) {
            Some(Obj::Name(n)) => vec![n],
            Some(Obj::Array(a)) => a
                .iter()
                .filter_map(|o| o.as_name().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        };
        let parms: Vec<Obj> = match dict.get(b"DecodeParms").map(|f| self.resolve(f)) {
            Some(Obj::Array(a)) => a.iter().map(|o| self.resolve(o)).collect(),
            Some(o @ Obj::Dict(_)) => vec![o],
            _ => Vec::new(),
        };
        // Every byte handed to a parser counts, each time it is read: the
        // raw bytes (compressed or not), then what each filter makes of them.
        if raw.len() > self.budget() || raw.len() > self.limits.max_stream_bytes {
            *self.over_limit.borrow_mut() = true;
            return None;
        }
        *self.inflated.borrow_mut() += raw.len();
        let mut data: Vec<u8> = raw.to_vec();
        for (i, f) in filters.iter().enumerate() {
            let budget = self.budget();
            if budget == 0 {
                *self.over_limit.borrow_mut() = true;
                return None;
            }
            data = match f.as_slice() {
                b"FlateDecode" | b"Fl" => {
                    let out = inflate(&data, budget.min(self.limits.max_stream_bytes));
                    if out.1 {
                        *self.over_limit.borrow_mut() = true;
                        return None;
                    }
                    let out = out.0;
                    match parms.get(i).and_then(Obj::as_dict) {
                        Some(p) => predict(out, p)?,
                        None => out,
                    }
                }
                b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                _ => return None,
            };
            *self.inflated.borrow_mut() += data.len();
        }
        Some(data)
    }

    /// The most bytes one stream may decode to.
    pub(super) fn max_stream_bytes(&self) -> usize {
        self.limits.max_stream_bytes
    }

    fn budget(&self) -> usize {
        self.limits
            .max_total_bytes
            .saturating_sub(*self.inflated.borrow())
    }
}

/// Inflate zlib (or raw deflate) data, up to `limit` bytes. Keeps what was
/// decoded before an error (many PDFs have truncated streams). The flag is
/// true when the limit was hit.
pub(super) fn inflate(data: &[u8], limit: usize) -> (Vec<u8>, bool) {
    use miniz_oxide::inflate::core::{decompress, inflate_flags as fl, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let zlib = data.len() >= 2
        && data[0] & 0x0f == 8
        && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let flags = fl::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | fl::TINFL_FLAG_IGNORE_ADLER32
        | if zlib {
            fl::TINFL_FLAG_PARSE_ZLIB_HEADER
        } else {
            0
        };
    let mut out = vec![0u8; data.len().saturating_mul(4).clamp(1024, limit.max(1))];
    let mut d = Box::<DecompressorOxide>::default();
    let mut input = data;
    let mut pos = 0usize;
    loop {
        let (status, used, wrote) = decompress(&mut d, input, &mut out, pos, flags);
        pos += wrote;
        input = input.get(used..).unwrap_or(b"");
        match status {
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    out.truncate(pos);
                    return (out, true);
                }
                let n = out.len().saturating_mul(2).min(limit);
                out.resize(n, 0);
            }
            _ => {
                out.truncate(pos);
                return (out, false);
            }
        }
    }
}

/// PNG (10–15) and TIFF (2) predictors.
fn predict(data: Vec<u8>, p: &Dict) -> Option<Vec<u8>> {
    let pred = p.get(b"Predictor").and_then(Obj::as_i64).unwrap_or(1);
    if pred < 10 {
        return Some(data);
    }
    let colors = p
        .get(b"Colors")
        .and_then(Obj::as_i64)
        .unwrap_or(1)
        .clamp(1, 32) as usize;
    let bpc = p
        .get(b"BitsPerComponent")
        .and_then(Obj::as_i64)
        .unwrap_or(8)
        .clamp(1, 16) as usize;
    let columns = p
        .get(b"Columns")
        .and_then(Obj::as_i64)
        .unwrap_or(1)
        .clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let Some((&ft, line)) = chunk.split_first() else {
            break;
        };
        let mut cur = line.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let ul = if i >= bpp { prev[i - bpp] } else { 0 };
            let v = cur[i];
            cur[i] = match ft {
                1 => v.wrapping_add(left),
                2 => v.wrapping_add(up),
                3 => v.wrapping_add(((u16::from(left) + u16::from(up)) / 2) as u8),
                4 => {
                    let pa = (i16::from(up) - i16::from(ul)).abs();
                    let pb = (i16::from(left) - i16::from(ul)).abs();
                    let pc = (i16::from(left) + i16::from(up) - 2 * i16::from(ul)).abs();
                    let pr = if pa <= pb && pa <= pc {
                        left
                    } else if pb <= pc {
                        up
                    } else {
                        ul
                    };
                    v.wrapping_add(pr)
                }
                _ => v,
            };
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Some(out)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut hi: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        let Some(v) = super::parse::hex_val(c) else {
            continue;
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u8; 5];
    let mut n = 0usize;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in body {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    out
}
