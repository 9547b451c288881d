//! Web pages saved as a single file (.mht/.mhtml): the MIME multipart around
//! the page, its transfer encoding and the charset its part declares. The
//! page found is read by the HTML reader.

use crate::span::Trim;

fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A MIME header parameter (`boundary=…`, `charset=…`), quoted or not.
fn mime_param(header: &str, name: &str) -> Option<String> {
    let lower = header.to_ascii_lowercase();
    let i = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = header.get(i..)?.trim_start_ws();
    let v = if let Some(q) = rest.strip_prefix('"') {
        q.split('"').next().unwrap_or("")
    } else {
        rest.split(|c: char| c == ';' || c.is_whitespace())
            .next()
            .unwrap_or("")
    };
    (!v.is_empty()).then(|| v.to_string())
}

fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b == b'=' {
            let hex = |c: u8| (c as char).to_digit(16);
            match (body.get(i + 1), body.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                    out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                    i += 3;
                }
                _ => {
                    out.push(b);
                    i += 1;
                }
            }
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

fn base64(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in body {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// The HTML part of a single-file saved page, decoded from its transfer
/// encoding, with the charset its part header declares; `None` for bytes
/// that are no MIME multipart holding a page.
pub(crate) fn page(bytes: &[u8]) -> Option<(Vec<u8>, Option<String>)> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let lower = head.to_ascii_lowercase();
    if !lower.contains("mime-version") || !lower.contains("multipart/") {
        return None;
    }
    let boundary = mime_param(&head, "boundary")?;
    let delim = format!("--{boundary}");
    let mut at = find_bytes(bytes, delim.as_bytes(), 0)?;
    loop {
        let start = at + delim.len();
        let next = find_bytes(bytes, delim.as_bytes(), start).unwrap_or(bytes.len());
        let part = bytes.get(start..next)?;
        let (hdr_end, body_start) = match find_bytes(part, b"\r\n\r\n", 0) {
            Some(i) => (i, i + 4),
            None => {
                let i = find_bytes(part, b"\n\n", 0)?;
                (i, i + 2)
            }
        };
        let headers = String::from_utf8_lossy(&part[..hdr_end]).to_string();
        // Unfold continued header lines.
        let headers = headers
            .replace("\r\n", "\n")
            .replace("\n\t", " ")
            .replace("\n ", " ");
        let mut ctype = String::new();
        let mut cte = String::new();
        for line in headers.lines() {
            if let Some((k, v)) = line.split_once(':') {
                match k.trim_ws().to_ascii_lowercase().as_str() {
                    "content-type" => ctype = v.trim_ws().to_string(),
                    "content-transfer-encoding" => cte = v.trim_ws().to_ascii_lowercase(),
                    _ => {}
                }
            }
        }
        if ctype.to_ascii_lowercase().starts_with("text/html") {
            let body = &part[body_start..];
            let page = match cte.as_str() {
                "quoted-printable" => quoted_printable(body),
                "base64" => base64(body),
                _ => body.to_vec(),
            };
            return Some((page, mime_param(&ctype, "charset")));
        }
        if next >= bytes.len() {
            return None;
        }
        at = next;
    }
}
