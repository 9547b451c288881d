//! Word documents (.docx, Office Open XML): headings, paragraphs and tables
//! with borders, on A4, in a package Word, WPS and LibreOffice open. The
//! parts are the fewest a word processor expects (content types, the
//! relationships, the document, its styles, the core and app properties),
//! with the elements of each property list in the order the schema wants
//! (Word refuses a file whose order is off).

use super::xml::escape;
use super::zip::{Method, TooLarge, ZipWriter};

/// A stretch of text with one look.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Run {
    /// The text (a line feed breaks the line, a tab is a tab).
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// A colour, `RRGGBB`.
    pub color: Option<&'static str>,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
            ..Run::default()
        }
    }
}

/// A block of the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The title, centred.
    Title(String),
    /// A heading of level 1 or 2.
    Heading(u8, String),
    /// A paragraph.
    Paragraph(Vec<Run>),
    /// A table: its header row (repeated on each page) and its rows; the
    /// columns' widths in twentieths of a point (the page's text is 9,000
    /// wide on A4 with the margins used).
    Table {
        /// The header row.
        header: Vec<String>,
        /// The rows, cell by cell.
        rows: Vec<Vec<Vec<Run>>>,
        /// Column widths.
        widths: Vec<u32>,
    },
}

/// What the package says of itself.
#[derive(Clone, Debug, Default)]
pub struct Properties {
    /// The document's title.
    pub title: String,
    /// `zh-CN` or `en-US`.
    pub lang: &'static str,
    /// When it was made, `YYYY-MM-DDTHH:MM:SSZ` (left out when empty).
    pub created: String,
}

fn runs_xml(runs: &[Run], out: &mut String) {
    for r in runs {
        out.push_str("<w:r>");
        if r.bold || r.color.is_some() {
            out.push_str("<w:rPr>");
            if r.bold {
                out.push_str("<w:b/><w:bCs/>");
            }
            if let Some(c) = r.color {
                if c.len() == 6 && c.bytes().all(|b| b.is_ascii_hexdigit()) {
                    out.push_str(&format!("<w:color w:val=\"{c}\"/>"));
                }
            }
            out.push_str("</w:rPr>");
        }
        // Lines and tabs as Word's own elements; the rest as text.
        for (i, line) in r.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                let piece = piece.trim_end_matches('\r');
                if !piece.is_empty() {
                    out.push_str("<w:t xml:space=\"preserve\">");
                    out.push_str(&escape(piece));
                    out.push_str("</w:t>");
                }
            }
        }
        out.push_str("</w:r>");
    }
}

fn paragraph(style: Option<&str>, runs: &[Run], out: &mut String) {
    out.push_str("<w:p>");
    if let Some(s) = style {
        out.push_str(&format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"));
    }
    runs_xml(runs, out);
    out.push_str("</w:p>");
}

fn table(header: &[String], rows: &[Vec<Vec<Run>>], widths: &[u32], out: &mut String) {
    let cols = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let width = |i: usize| widths.get(i).copied().unwrap_or(9000 / cols.max(1) as u32);
    out.push_str(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>\
         <w:tblBorders>",
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        ));
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for i in 0..cols {
        out.push_str(&format!("<w:gridCol w:w=\"{}\"/>", width(i)));
    }
    out.push_str("</w:tblGrid>");
    let cell = |i: usize, runs: &[Run], head: bool, out: &mut String| {
        out.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{}</w:tcPr><w:p>",
            width(i),
            if head {
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8E8E8\"/>"
            } else {
                ""
            }
        ));
        runs_xml(runs, out);
        out.push_str("</w:p></w:tc>");
    };
    if !header.is_empty() {
        out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
        for i in 0..cols {
            let text = header.get(i).cloned().unwrap_or_default();
            cell(i, &[Run::bold(text)], true, out);
        }
        out.push_str("</w:tr>");
    }
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for i in 0..cols {
            cell(i, row.get(i).map_or(&[][..], Vec::as_slice), false, out);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn document_xml(blocks: &[Block]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>",
    );
    for b in blocks {
        match b {
            Block::Title(t) => paragraph(Some("Title"), &[Run::plain(t.clone())], &mut out),
            Block::Heading(level, t) => paragraph(
                Some(if *level <= 1 { "Heading1" } else { "Heading2" }),
                &[Run::plain(t.clone())],
                &mut out,
            ),
            Block::Paragraph(runs) => paragraph(None, runs, &mut out),
            Block::Table {
                header,
                rows,
                widths,
            } => {
                table(header, rows, widths, &mut out);
                // Word wants a paragraph between two tables and before the end.
                out.push_str("<w:p/>");
            }
        }
    }
    out.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" \
         w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
    );
    out
}

fn styles_xml(lang: &str) -> String {
    let lang = if lang == "en-US" { "en-US" } else { "zh-CN" };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"SimSun\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"180\" w:after=\"60\"/><w:outlineLvl w:val=\"1\"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia=\"SimHei\"/><w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
</w:styles>"
    )
}

fn core_xml(p: &Properties) -> String {
    let created = if is_w3c_time(&p.created) {
        format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{0}</dcterms:modified>",
            p.created
        )
    } else {
        String::new()
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>nianbao</dc:creator>{created}</cp:coreProperties>",
        escape(&p.title)
    )
}

/// Whether a time is written `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn is_w3c_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>nianbao</Application></Properties>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

/// A Word document of these blocks.
pub fn docx(blocks: &[Block], properties: &Properties) -> Result<Vec<u8>, TooLarge> {
    let mut z = ZipWriter::new();
    z.add(
        "[Content_Types].xml",
        CONTENT_TYPES.as_bytes(),
        Method::Deflate,
    )?;
    z.add("_rels/.rels", RELS.as_bytes(), Method::Deflate)?;
    z.add(
        "word/document.xml",
        document_xml(blocks).as_bytes(),
        Method::Deflate,
    )?;
    z.add(
        "word/_rels/document.xml.rels",
        DOCUMENT_RELS.as_bytes(),
        Method::Deflate,
    )?;
    z.add(
        "word/styles.xml",
        styles_xml(properties.lang).as_bytes(),
        Method::Deflate,
    )?;
    z.add(
        "docProps/core.xml",
        core_xml(properties).as_bytes(),
        Method::Deflate,
    )?;
    z.add("docProps/app.xml", APP_XML.as_bytes(), Method::Deflate)?;
    z.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_back_by_the_core_s_word_reader() {
        let blocks = vec![
            Block::Title("关于某县人民政府2024年年报的整改意见".into()),
            Block::Heading(1, "一、问题清单".into()),
            Block::Paragraph(vec![
                Run::plain("请核实："),
                Run::bold("<b>不是标记</b> & =1+1"),
            ]),
            Block::Table {
                header: vec!["序号".into(), "问题".into()],
                rows: vec![vec![
                    vec![Run::plain("1")],
                    vec![Run::plain("第一行\n第二行")],
                ]],
                widths: vec![800, 8200],
            },
        ];
        let bytes = docx(
            &blocks,
            &Properties {
                title: "<script>".into(),
                lang: "zh-CN",
                created: "2025-03-01T09:30:00Z".into(),
            },
        )
        .unwrap();
        let doc = crate::read::docx::read(&bytes, &crate::Limits::default()).expect("readable");
        assert!(doc.text.contains("关于某县人民政府2024年年报的整改意见"));
        assert!(doc.text.contains("<b>不是标记</b> & =1+1"), "{}", doc.text);
        assert!(doc.text.contains("第一行"));
        assert_eq!(doc.tables().count(), 1);
    }

    #[test]
    fn times() {
        assert!(is_w3c_time("2025-03-01T09:30:00Z"));
        assert!(!is_w3c_time("2025-03-01 09:30:00"));
        assert!(!is_w3c_time("<x>"));
    }
}
