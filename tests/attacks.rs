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
            write!(out, "{} 0 obj\n", i + 1).unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        write!(out, "xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).unwrap();
        for off in &offsets {
            write!(out, "{off:010} 00000 n \n").unwrap();
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
        write!(out, "1 0 0 1 {x} {y} Tm ({t}) Tj\n").unwrap();
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
