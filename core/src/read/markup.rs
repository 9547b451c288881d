//! The markup the .html, .docx and .xlsx readers share: a small tolerant
//! tokenizer, good for well-formed XML and for real-world HTML alike, and the
//! decoding of character references.

use crate::span::Trim;
use std::borrow::Cow;

/// One token of markup. Names keep their case; attributes stay raw until asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    Start {
        name: &'a str,
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    /// Text with entities still encoded.
    Text(&'a str),
    /// CDATA content: literal text.
    Cdata(&'a str),
}

/// A tolerant tokenizer: never fails, skips comments, doctypes and processing
/// instructions. In HTML mode the content of `script`, `style` and similar
/// elements is skipped whole.
pub(crate) struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    html: bool,
    /// Raw-text elements found never to close from some point on (so never
    /// searched again: keeps garbage input linear).
    unclosed: Vec<&'static str>,
    /// Tokens given so far: every 4,096 the time of the file is looked at.
    count: u32,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(s: &'a str, html: bool) -> Self {
        Tokenizer {
            s,
            pos: 0,
            html,
            unclosed: Vec::new(),
            count: 0,
        }
    }

    fn find_from(&self, from: usize, pat: &str) -> Option<usize> {
        self.s.get(from..)?.find(pat).map(|i| i + from)
    }

    /// Skip to after `</name` … `>`, case-insensitively (raw-text elements);
    /// when the element is never closed, nothing is skipped.
    fn skip_raw(&mut self, name: &'static str) {
        if self.unclosed.contains(&name) {
            return;
        }
        let bytes = self.s.as_bytes();
        let mut i = self.pos;
        while let Some(off) = self.s.get(i..).and_then(|r| r.find("</")) {
            let at = i + off + 2;
            let end = at + name.len();
            if bytes
                .get(at..end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(end)
                    .is_none_or(|b| *b == b'>' || b.is_ascii_whitespace() || *b == b'/')
            {
                self.pos = self.find_from(end, ">").map_or(self.s.len(), |g| g + 1);
                return;
            }
            i = at;
        }
        // Never closed: read on as ordinary markup rather than lose the page.
        self.unclosed.push(name);
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.') || b >= 0x80
}

/// Elements whose content is not text of the report: scripts and styles, and
/// page furniture (navigation, drop-down lists, embedded graphics).
const HTML_RAW_SKIP: &[&str] = &[
    "script", "style", "title", "noscript", "template", "textarea", "xmp", "nav", "select", "svg",
    "iframe", "object",
];

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        // When the time of the file is up, the markup ends here; the
        // pipeline, looking at the same time after reading, refuses the file
        // as timed out, so nothing is built on the part left unread.
        self.count = self.count.wrapping_add(1);
        if self.count.is_multiple_of(4096) && super::time_is_up() {
            self.pos = self.s.len();
            return None;
        }
        loop {
            let rest = self.s.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.pos += len;
                return Some(Tok::Text(&rest[..len]));
            }
            let b = rest.as_bytes();
            if rest.starts_with("<!--") {
                self.pos = self
                    .find_from(self.pos + 4, "-->")
                    .map_or(self.s.len(), |i| i + 3);
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                let start = self.pos + 9;
                let end = self.find_from(start, "]]>").unwrap_or(self.s.len());
                self.pos = (end + 3).min(self.s.len());
                return Some(Tok::Cdata(self.s.get(start..end).unwrap_or("")));
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.pos = self
                    .find_from(self.pos + 2, ">")
                    .map_or(self.s.len(), |i| i + 1);
                continue;
            }
            let closing = b.get(1) == Some(&b'/');
            let name_start = if closing { 2 } else { 1 };
            let name_len = b
                .get(name_start..)
                .unwrap_or(&[])
                .iter()
                .take_while(|c| is_name_byte(**c))
                .count();
            if name_len == 0
                || !b
                    .get(name_start)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c >= 0x80)
            {
                // A lone '<' in text (tolerated in HTML).
                self.pos += 1;
                return Some(Tok::Text("<"));
            }
            let name = &rest[name_start..name_start + name_len];
            // Find the closing '>' outside quoted attribute values.
            let mut i = name_start + name_len;
            let mut quote = 0u8;
            while let Some(&c) = b.get(i) {
                if quote != 0 {
                    if c == quote {
                        quote = 0;
                    }
                } else if c == b'"' || c == b'\'' {
                    quote = c;
                } else if c == b'>' {
                    break;
                }
                i += 1;
            }
            let tag_end = i.min(b.len());
            let inner = &rest[name_start + name_len..tag_end];
            self.pos += (tag_end + 1).min(rest.len());
            if closing {
                return Some(Tok::End { name });
            }
            let self_closing = inner.trim_end_ws().ends_with('/');
            let attrs = inner.trim_end_ws().trim_end_matches('/');
            if self.html && !self_closing {
                if let Some(raw) = HTML_RAW_SKIP.iter().find(|n| n.eq_ignore_ascii_case(name)) {
                    self.skip_raw(raw);
                    continue;
                }
            }
            return Some(Tok::Start {
                name,
                attrs,
                self_closing,
            });
        }
    }
}

/// The local part of a qualified name (`w:tc` → `tc`).
pub(crate) fn local(name: &str) -> &str {
    // A byte loop: names are a few bytes long, and the standard library's
    // reverse search for a char (memrchr) cost a Word file 12 % of its check.
    match name.bytes().rposition(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of an attribute (matched on its local name, ASCII case ignored),
/// entities decoded.
pub(crate) fn attr<'a>(attrs: &'a str, want: &str) -> Option<Cow<'a, str>> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        let ns = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'=' && *c != b'/')
        {
            i += 1;
        }
        let name = attrs.get(ns..i).unwrap_or("");
        while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let vs = i + 1;
                    let ve = attrs
                        .get(vs..)
                        .and_then(|r| r.find(q as char))
                        .map_or(attrs.len(), |e| vs + e);
                    value = attrs.get(vs..ve).unwrap_or("");
                    i = ve + 1;
                }
                _ => {
                    let vs = i;
                    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                        i += 1;
                    }
                    value = attrs.get(vs..i).unwrap_or("");
                }
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        if local(name).eq_ignore_ascii_case(want) || name.eq_ignore_ascii_case(want) {
            return Some(unescape(value));
        }
    }
    None
}

/// Decode character references: numeric ones and the named ones that occur
/// in reports. Unknown names stay as written.
pub(crate) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| j);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = if let Some(num) = ent.strip_prefix('#') {
                let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    num.parse::<u32>().ok()
                };
                v.and_then(char::from_u32)
            } else {
                named_entity(ent)
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        // Non-breaking and typographic spaces read as plain spaces.
        "nbsp" | "ensp" | "emsp" | "thinsp" | "NBSP" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "deg" => '°',
        "copy" => '©',
        "reg" => '®',
        "yen" => '¥',
        "permil" => '‰',
        "bull" => '•',
        "laquo" => '«',
        "raquo" => '»',
        "sect" => '§',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "minus" => '−',
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => '\u{200B}',
        _ => return None,
    })
}
