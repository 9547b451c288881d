//! Hostile files, made at test time: each class of input that once made the
//! checker work, allocate or recurse far more than its size, built small and
//! deterministic here instead of committed as blobs, for the tests and the
//! benchmarks to share.

use std::io::Write;

/// A PDF written object by object, with a classic cross-reference table.
#[derive(Default)]
pub struct Pdf {
    objects: Vec<Vec<u8>>,
}

impl Pdf {
    pub fn new() -> Self {
        Pdf::default()
    }

    /// Add an object; returns its number (from 1).
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> u32 {
        self.objects.push(body.into());
        self.objects.len() as u32
    }

    /// Reserve a number for an object written later with [`Pdf::set`].
    pub fn reserve(&mut self) -> u32 {
        self.add(b"null".to_vec())
    }

    pub fn set(&mut self, n: u32, body: impl Into<Vec<u8>>) {
        self.objects[n as usize - 1] = body.into();
    }

    /// A stream object's body: `<< dict /Length n >> stream … endstream`.
    pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream");
        out
    }

    /// The file, with `root` as the catalog and `extra` in the trailer.
    pub fn finish_with(&self, root: u32, extra: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            writeln!(out, "{} 0 obj", i + 1).unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        writeln!(out, "xref\n0 {}\n0000000000 65535 f ", offsets.len() + 1).unwrap();
        for off in &offsets {
            writeln!(out, "{off:010} 00000 n ").unwrap();
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root {root} 0 R {extra} >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .unwrap();
        out
    }

    pub fn finish(&self, root: u32) -> Vec<u8> {
        self.finish_with(root, "")
    }

    /// A catalog, a page tree with one Helvetica font `/F1`, and a page per
    /// content (each a list of content stream objects), `media` its media box.
    /// Returns the file.
    pub fn pages(mut self, media: [f64; 4], pages: &[Vec<u32>]) -> Vec<u8> {
        let root = self.reserve();
        let tree = self.reserve();
        let font = self.add(&b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"[..]);
        let mut kids = String::new();
        for contents in pages {
            let list: String = contents.iter().map(|c| format!("{c} 0 R ")).collect();
            let page = self.add(format!(
                "<< /Type /Page /Parent {tree} 0 R /MediaBox [{} {} {} {}] /Contents [{list}] >>",
                media[0], media[1], media[2], media[3]
            ));
            kids.push_str(&format!("{page} 0 R "));
        }
        self.set(root, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
        self.set(
            tree,
            format!(
                "<< /Type /Pages /Kids [{kids}] /Count {} /Resources << /Font << /F1 {font} 0 R >> >> >>",
                pages.len()
            ),
        );
        self.finish(root)
    }
}

/// PDF text for one line at `y`: each piece at its x.
fn text_line(out: &mut Vec<u8>, y: f64, pieces: &[(f64, &str)]) {
    for (x, t) in pieces {
        writeln!(out, "1 0 0 1 {x} {y} Tm ({t}) Tj").unwrap();
    }
}

/// Borderless-table layout: `pages` pages of `lines` lines each, every line
/// two figures far apart (what a table without rules looks like to the
/// reader, so every line joins one long run of rows).
pub fn pdf_figure_lines(lines: usize, pages: usize) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let height = 12.0 * lines as f64 + 100.0;
    let mut list = Vec::new();
    for p in 0..pages {
        let mut data = b"BT /F1 10 Tf\n".to_vec();
        for i in 0..lines {
            let y = height - 50.0 - 12.0 * i as f64;
            let a = format!("{}", (i * 7 + p) % 1000);
            let b = format!("{}", (i * 13 + p) % 1000);
            text_line(&mut data, y, &[(72.0, &a), (300.0, &b)]);
        }
        data.extend_from_slice(b"ET\n");
        list.push(vec![pdf.add(Pdf::stream("", &data))]);
    }
    pdf.pages([0.0, 0.0, 595.0, height], &list)
}

/// A .docx whose `word/document.xml` is `body` inside the usual wrapper.
pub fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    crate::make_zip(&[("word/document.xml".to_string(), xml.into_bytes())])
}

/// A .docx with tables nested `depth` deep, one cell each, text at the bottom.
pub fn docx_nested_tables(depth: usize) -> Vec<u8> {
    let mut body = String::with_capacity(depth * 40);
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str("<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>");
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    docx(&body)
}

/// A .docx of `paragraphs` flat paragraphs of `chars` characters each.
pub fn docx_flat_paragraphs(paragraphs: usize, chars: usize) -> Vec<u8> {
    let line = "年".repeat(chars);
    let mut body = String::with_capacity(paragraphs * (line.len() + 40));
    for _ in 0..paragraphs {
        body.push_str("<w:p><w:r><w:t>");
        body.push_str(&line);
        body.push_str("</w:t></w:r></w:p>");
    }
    docx(&body)
}

/// An HTML page with tables nested `depth` deep.
pub fn html_nested_tables(depth: usize) -> Vec<u8> {
    let mut out = String::from("<html><body><p>一、总体情况</p>");
    for _ in 0..depth {
        out.push_str("<table><tr><td>");
    }
    out.push_str("本年新收 12");
    for _ in 0..depth {
        out.push_str("</td></tr></table>");
    }
    out.push_str("</body></html>");
    out.into_bytes()
}

/// A PDF of one page whose content list names the same uncompressed stream
/// of `bytes` bytes `times` times (the lines of the first 60 readings fall
/// on the page).
pub fn pdf_repeated_stream(bytes: usize, times: usize) -> Vec<u8> {
    let mut pdf = Pdf::new();
    // Each reading draws one line, 12 points below the one before (the
    // transformation carries over from one part of a page to the next), so
    // that the lines read can be counted.
    let mut data =
        b"1 0 0 1 0 -12 cm BT /F1 10 Tf 1 0 0 1 72 830 Tm (Row of data) Tj ET\n".to_vec();
    // The rest: a comment line, which the content parser reads through.
    data.push(b'%');
    data.resize(bytes.max(data.len() + 1), b'x');
    data.push(b'\n');
    let s = pdf.add(Pdf::stream("", &data));
    pdf.pages([0.0, 0.0, 595.0, 842.0], &[vec![s; times]])
}

/// A PDF of `pages` pages, each the same small content stream.
pub fn pdf_many_pages(pages: usize) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let s = pdf.add(Pdf::stream(
        "",
        b"BT /F1 10 Tf 1 0 0 1 72 700 Tm (1) Tj ET\n",
    ));
    let list = vec![vec![s]; pages];
    pdf.pages([0.0, 0.0, 595.0, 842.0], &list)
}

/// A one-page PDF of `n` text objects, one glyph each, all over the page.
pub fn pdf_tiny_text_objects(n: usize) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut data = Vec::with_capacity(n * 40);
    for i in 0..n {
        let (x, y) = (20 + (i * 7) % 560, 20 + (i * 13) % 800);
        writeln!(data, "BT /F1 4 Tf {x} {y} Td ({}) Tj ET", i % 10).unwrap();
    }
    let s = pdf.add(Pdf::stream("", &data));
    pdf.pages([0.0, 0.0, 595.0, 842.0], &[vec![s]])
}

/// A one-page PDF with a ruled grid of `rows` × `cols` cells, a figure in each.
pub fn pdf_huge_table(rows: usize, cols: usize) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (w, h) = (20.0 + 30.0 * cols as f64, 20.0 + 10.0 * rows as f64);
    let mut data = Vec::new();
    for c in 0..=cols {
        let x = 10.0 + 30.0 * c as f64;
        writeln!(data, "{x} 10 m {x} {} l S", h - 10.0).unwrap();
    }
    for r in 0..=rows {
        let y = 10.0 + 10.0 * r as f64;
        writeln!(data, "10 {y} m {} {y} l S", w - 10.0).unwrap();
    }
    data.extend_from_slice(b"BT /F1 6 Tf\n");
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (14.0 + 30.0 * c as f64, 12.0 + 10.0 * r as f64);
            writeln!(data, "1 0 0 1 {x} {y} Tm ({}) Tj", (r + c) % 100).unwrap();
        }
    }
    data.extend_from_slice(b"ET\n");
    let s = pdf.add(Pdf::stream("", &data));
    pdf.pages([0.0, 0.0, w, h], &[vec![s]])
}

/// A seed report (text) with `lines` sentences of figures that the tables
/// contradict put before its second part: one T001 finding each, for the
/// cap on findings per report.
pub fn text_many_findings(seed: &str, lines: usize) -> Vec<u8> {
    let mut extra = String::new();
    for i in 0..lines {
        extra.push_str(&format!(
            "本年共收到政府信息公开申请{}件，办结{}件。\n",
            i % 900 + 7,
            i % 800 + 3
        ));
    }
    seed.replacen(
        "二、主动公开政府信息情况",
        &(extra + "二、主动公开政府信息情况"),
        1,
    )
    .into_bytes()
}
