//! Text as XML character data or attribute values.

/// Whether XML 1.0 can hold a character at all (tab, line feed and carriage
/// return are the only controls written; U+FFFE and U+FFFF never).
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (!c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `s` escaped for XML text and attribute values (`&`, `<`, `>`, `"`, `'`),
/// with the characters XML cannot hold left out.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(s, &mut out);
    out
}

/// [`escape`] appended to `out`.
pub fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\u{FFFF}d\te\n"), "abcd\te\n");
        assert_eq!(escape("某县人民政府"), "某县人民政府");
    }
}
