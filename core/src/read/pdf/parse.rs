//! PDF objects and the lexer shared by the file structure and content streams.
//!
//! Every read is bounds-checked: malformed input yields `None` or a `Null`
//! object, never a panic. Nesting is capped so hostile input cannot exhaust
//! the stack.

/// Deepest nesting of arrays and dictionaries accepted.
const MAX_DEPTH: usize = 48;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// A stream: its dictionary and its raw (still encoded) bytes.
    Stream(Dict, Vec<u8>),
    Ref(u32, u16),
}

/// A dictionary, kept as a small list: PDF dictionaries are short.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub(super) fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub(super) fn has(&self, key: &[u8]) -> bool {
        self.get(key).is_some()
    }
}

impl Obj {
    pub(super) fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }
    pub(super) fn as_i64(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) if r.is_finite() => Some(*r as i64),
            _ => None,
        }
    }
    pub(super) fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub(super) fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }
    pub(super) fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
    pub(super) fn as_str(&self) -> Option<&[u8]> {
        match self {
            Obj::Str(s) => Some(s),
            _ => None,
        }
    }
}

pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | 0)
}

pub(super) fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A token of the PDF syntax.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok<'a> {
    Obj(Obj),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
    /// A bare word: `obj`, `R`, an operator of a content stream, …
    Word(&'a [u8]),
}

/// A cursor over bytes.
pub(super) struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    pub(super) fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the data.
    pub(super) fn token(&mut self) -> Option<Tok<'a>> {
        self.skip_ws();
        let b = self.peek()?;
        match b {
            b'[' => {
                self.pos += 1;
                Some(Tok::ArrayOpen)
            }
            b']' => {
                self.pos += 1;
                Some(Tok::ArrayClose)
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Some(Tok::DictOpen)
                } else {
                    self.pos += 1;
                    Some(Tok::Obj(Obj::Str(self.hex_string())))
                }
            }
            b'>' => {
                self.pos += 1;
                if self.peek() == Some(b'>') {
                    self.pos += 1;
                }
                Some(Tok::DictClose)
            }
            b'(' => {
                self.pos += 1;
                Some(Tok::Obj(Obj::Str(self.literal_string())))
            }
            b'/' => {
                self.pos += 1;
                Some(Tok::Obj(Obj::Name(self.name())))
            }
            b'{' | b'}' | b')' => {
                self.pos += 1;
                Some(Tok::Word(&self.data[self.pos - 1..self.pos]))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => Some(self.number()),
            _ => {
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                let w = self.data.get(start..self.pos).unwrap_or(b"");
                Some(match w {
                    b"true" => Tok::Obj(Obj::Bool(true)),
                    b"false" => Tok::Obj(Obj::Bool(false)),
                    b"null" => Tok::Obj(Obj::Null),
                    _ => Tok::Word(w),
                })
            }
        }
    }

    fn number(&mut self) -> Tok<'a> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+' {
                self.pos += 1;
            } else {
                break;
            }
        }
        let s = self.data.get(start..self.pos).unwrap_or(b"");
        Tok::Obj(parse_number(s))
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if is_white(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
            if c == b'#' {
                let h = self.data.get(self.pos..self.pos + 2).and_then(hex_pair);
                if let Some(v) = h {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            let v = match hex_val(c) {
                Some(v) => v,
                None => continue,
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

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Parse one object (resolving `n g R` into a reference). Words other than
    /// the object syntax are returned as `Err(word)`.
    pub(super) fn object(&mut self) -> Result<Obj, &'a [u8]> {
        self.object_at_depth(0)
    }

    fn object_at_depth(&mut self, depth: usize) -> Result<Obj, &'a [u8]> {
        let tok = match self.token() {
            Some(t) => t,
            None => return Ok(Obj::Null),
        };
        self.finish(tok, depth)
    }

    fn finish(&mut self, tok: Tok<'a>, depth: usize) -> Result<Obj, &'a [u8]> {
        match tok {
            Tok::Obj(Obj::Int(n)) => {
                // Maybe `n g R`.
                let save = self.pos;
                if let Some(Tok::Obj(Obj::Int(g))) = self.token() {
                    if let Some(Tok::Word(b"R")) = self.token() {
                        if let (Ok(n), Ok(g)) = (u32::try_from(n), u16::try_from(g)) {
                            return Ok(Obj::Ref(n, g));
                        }
                    }
                }
                self.pos = save;
                Ok(Obj::Int(n))
            }
            Tok::Obj(o) => Ok(o),
            Tok::ArrayOpen => {
                if depth >= MAX_DEPTH {
                    self.skip_nested();
                    return Ok(Obj::Null);
                }
                let mut items = Vec::new();
                loop {
                    match self.token() {
                        None | Some(Tok::ArrayClose) => break,
                        Some(Tok::DictClose) => continue,
                        Some(Tok::Word(w)) if w != b"R" => {
                            // Stray word inside an array: keep going.
                            let _ = w;
                            continue;
                        }
                        Some(t) => match self.finish(t, depth + 1) {
                            Ok(o) => items.push(o),
                            Err(_) => continue,
                        },
                    }
                }
                Ok(Obj::Array(items))
            }
            Tok::DictOpen => {
                if depth >= MAX_DEPTH {
                    self.skip_nested();
                    return Ok(Obj::Null);
                }
                let mut d = Vec::new();
                loop {
                    match self.token() {
                        None | Some(Tok::DictClose) => break,
                        Some(Tok::Obj(Obj::Name(k))) => {
                            let save = self.pos;
                            match self.token() {
                                None => break,
                                Some(Tok::DictClose) => {
                                    d.push((k, Obj::Null));
                                    break;
                                }
                                Some(Tok::Obj(Obj::Name(n2))) => {
                                    d.push((k, Obj::Name(n2)));
                                }
                                Some(t) => match self.finish(t, depth + 1) {
                                    Ok(v) => d.push((k, v)),
                                    Err(_) => {
                                        self.pos = save;
                                        let _ = self.token();
                                    }
                                },
                            }
                        }
                        Some(_) => continue,
                    }
                }
                Ok(Obj::Dict(Dict(d)))
            }
            Tok::ArrayClose | Tok::DictClose => Ok(Obj::Null),
            Tok::Word(w) => Err(w),
        }
    }

    /// Skip an over-deep structure without recursion.
    fn skip_nested(&mut self) {
        let mut depth = 1usize;
        while depth > 0 {
            match self.token() {
                None => return,
                Some(Tok::ArrayOpen) | Some(Tok::DictOpen) => depth += 1,
                Some(Tok::ArrayClose) | Some(Tok::DictClose) => depth -= 1,
                _ => {}
            }
        }
    }
}

pub(super) fn parse_number(s: &[u8]) -> Obj {
    let s = std::str::from_utf8(s).unwrap_or("0");
    if !s.contains('.') {
        if let Ok(i) = s.parse::<i64>() {
            return Obj::Int(i);
        }
    }
    // Tolerate things like "--5" or "1.2.3" written by sloppy producers.
    let mut cleaned = String::new();
    let mut seen_dot = false;
    for (i, c) in s.chars().enumerate() {
        match c {
            '-' | '+' if i == 0 => cleaned.push(c),
            '.' if !seen_dot => {
                seen_dot = true;
                cleaned.push(c)
            }
            '0'..='9' => cleaned.push(c),
            _ => {}
        }
    }
    match crate::decimal::parse_f64(&cleaned) {
        Some(v) if v.is_finite() => Obj::Real(v),
        _ => Obj::Int(0),
    }
}

pub(super) fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn hex_pair(s: &[u8]) -> Option<u8> {
    let a = hex_val(*s.first()?)?;
    let b = hex_val(*s.get(1)?)?;
    Some(a << 4 | b)
}

/// Position of `needle` in `hay` at or after `from`.
pub(super) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let hay_rest = hay.get(from..)?;
    hay_rest
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Last position of `needle` in `hay`.
pub(super) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_objects_and_refs() {
        let src = b"<< /Type /Page /Kids [1 0 R 2 0 R] /N -3.5 /S (a\\(b\\)c\\101) /H <4E 6>>> ";
        let mut lx = Lexer::new(src, 0);
        let o = lx.object().unwrap();
        let d = o.as_dict().unwrap();
        assert_eq!(d.get(b"Type").unwrap().as_name(), Some(&b"Page"[..]));
        assert_eq!(
            d.get(b"Kids").unwrap().as_array().unwrap(),
            &[Obj::Ref(1, 0), Obj::Ref(2, 0)]
        );
        assert_eq!(d.get(b"N").unwrap().as_f64(), Some(-3.5));
        assert_eq!(d.get(b"S").unwrap().as_str(), Some(&b"a(b)cA"[..]));
        assert_eq!(d.get(b"H").unwrap().as_str(), Some(&b"\x4e\x60"[..]));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut src = vec![b'['; 100_000];
        src.extend(vec![b']'; 10]);
        let mut lx = Lexer::new(&src, 0);
        let _ = lx.object();
        let mut src = Vec::new();
        for _ in 0..50_000 {
            src.extend_from_slice(b"<</A ");
        }
        let mut lx = Lexer::new(&src, 0);
        let _ = lx.object();
    }
}
