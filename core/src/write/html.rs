//! Printable HTML pages of the same blocks as [`super::docx`]: one file, its
//! style inside it, everything escaped, and a policy that lets nothing run
//! or load (`default-src 'none'`): opened from disk or from a `blob:` URL,
//! the page shows text and nothing else.

use super::docx::{Block, Run};

/// `s` escaped for HTML text and attribute values, with the characters a
/// page cannot show left out.
pub fn escape(s: &str) -> String {
    super::xml::escape(s)
}

fn runs(rs: &[Run], out: &mut String) {
    for r in rs {
        let text = escape(&r.text).replace('\n', "<br>");
        if r.bold {
            out.push_str(&format!("<strong>{text}</strong>"));
        } else {
            out.push_str(&text);
        }
    }
}

const STYLE: &str = "body{font:11pt/1.6 \"Songti SC\",SimSun,\"Noto Serif CJK SC\",serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}\
h1{font:bold 18pt/1.4 \"Heiti SC\",SimHei,\"Noto Sans CJK SC\",sans-serif;text-align:center;margin:1.5rem 0}\
h2{font:bold 14pt/1.4 \"Heiti SC\",SimHei,\"Noto Sans CJK SC\",sans-serif;margin:1.5rem 0 .5rem;break-after:avoid}\
h3{font:bold 12pt/1.4 \"Heiti SC\",SimHei,\"Noto Sans CJK SC\",sans-serif;margin:1rem 0 .4rem;break-after:avoid}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:10pt}\
th,td{border:1px solid #888;padding:.3rem .4rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}\
th{background:#eee}tr{break-inside:avoid}thead{display:table-header-group}\
@page{size:A4;margin:2cm}@media print{body{margin:0;max-width:none}}";

/// A whole page of these blocks, titled `title`, in `lang` (`zh-CN`, `en`).
pub fn page(blocks: &[Block], title: &str, lang: &str) -> String {
    let lang = if lang.starts_with("en") {
        "en"
    } else {
        "zh-CN"
    };
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(title)
    );
    for b in blocks {
        match b {
            Block::Title(t) => out.push_str(&format!("<h1>{}</h1>\n", escape(t))),
            Block::Heading(level, t) => {
                let h = if *level <= 1 { "h2" } else { "h3" };
                out.push_str(&format!("<{h}>{}</{h}>\n", escape(t)));
            }
            Block::Paragraph(rs) => {
                out.push_str("<p>");
                runs(rs, &mut out);
                out.push_str("</p>\n");
            }
            Block::Table { header, rows, .. } => {
                out.push_str("<table>");
                if !header.is_empty() {
                    out.push_str("<thead><tr>");
                    for h in header {
                        out.push_str(&format!("<th>{}</th>", escape(h)));
                    }
                    out.push_str("</tr></thead>");
                }
                out.push_str("<tbody>");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str("<td>");
                        runs(cell, &mut out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>\n");
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_text() {
        let p = page(
            &[
                Block::Title("<img src=x onerror=alert(1)>".into()),
                Block::Paragraph(vec![Run::plain("a<script>b</script>\nc")]),
                Block::Table {
                    header: vec!["<th>".into()],
                    rows: vec![vec![vec![Run::bold("\"onclick=\"x")]]],
                    widths: vec![],
                },
            ],
            "</title><script>alert(1)</script>",
            "zh-CN",
        );
        assert!(!p.contains("<img"));
        assert!(!p.contains("<script"));
        assert!(p.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(p.contains("a&lt;script&gt;b&lt;/script&gt;<br>c"));
        assert!(p.contains("<strong>&quot;onclick=&quot;x</strong>"));
        assert!(p.contains("default-src 'none'"));
    }
}
