//! Spreadsheets (.xlsx, Office Open XML) of plain sheets: numbers as numbers
//! (a rate as a fraction shown as a percentage), text as text.
//!
//! Text is written as an inline string (`t="inlineStr"`), which a
//! spreadsheet never evaluates; text that would read as a formula once
//! edited (beginning with `=`, `+`, `-`, `@`, a tab or a carriage return)
//! also carries the quote-prefix style, the spreadsheet's own mark for
//! "this is text". A name like `=HYPERLINK(…)` stays a name.

use super::docx::is_w3c_time;
use super::xml::escape;
use super::zip::{Method, TooLarge, ZipWriter};

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum XCell {
    /// Nothing.
    Empty,
    /// A number (not finite: left empty).
    Number(f64),
    /// A fraction shown as a percentage with one decimal.
    Percent(f64),
    /// Text.
    Text(String),
    /// Text in bold (headings).
    Heading(String),
}

impl XCell {
    /// Text, or nothing for an empty string.
    pub fn text(s: impl Into<String>) -> XCell {
        let s = s.into();
        if s.is_empty() {
            XCell::Empty
        } else {
            XCell::Text(s)
        }
    }

    /// A number when there is one.
    pub fn number(v: Option<f64>) -> XCell {
        v.map_or(XCell::Empty, XCell::Number)
    }

    /// A percentage when there is one.
    pub fn percent(v: Option<f64>) -> XCell {
        v.map_or(XCell::Empty, XCell::Percent)
    }
}

/// One sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// Its name (cut to 31 characters; `[]:*?/\` become `_`).
    pub name: String,
    /// Column widths, in characters.
    pub widths: Vec<f64>,
    /// The rows.
    pub rows: Vec<Vec<XCell>>,
    /// Rows kept in view at the top (the header).
    pub frozen_rows: u32,
}

/// The column's letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Whether a spreadsheet would take this text for a formula once edited.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
}

fn sheet_name(name: &str, used: &mut Vec<String>) -> String {
    let mut n: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(31)
        .collect();
    n = n.trim_matches('\'').to_string();
    if n.is_empty() {
        n = format!("Sheet{}", used.len() + 1);
    }
    while used.iter().any(|u| u.eq_ignore_ascii_case(&n)) {
        let suffix = format!("({})", used.len() + 1);
        n = n.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
    }
    used.push(n.clone());
    n
}

// Styles (cellXfs): 0 plain, 1 bold heading, 2 text with the quote prefix,
// 3 percentage, 4 wrapped text.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"4\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" quotePrefix=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

fn number_text(v: f64) -> String {
    // Rust's shortest round-trip form; never an exponent a spreadsheet
    // misreads (values here are counts and fractions).
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn sheet_xml(sheet: &Sheet) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    );
    if sheet.frozen_rows > 0 {
        let top = format!("A{}", sheet.frozen_rows + 1);
        out.push_str(&format!(
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"{}\" topLeftCell=\"{top}\" \
             activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>",
            sheet.frozen_rows
        ));
    }
    if !sheet.widths.is_empty() {
        out.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            let w = if w.is_finite() {
                w.clamp(2.0, 120.0)
            } else {
                10.0
            };
            out.push_str(&format!(
                "<col min=\"{0}\" max=\"{0}\" width=\"{w}\" customWidth=\"1\"/>",
                i + 1
            ));
        }
        out.push_str("</cols>");
    }
    out.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        out.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_name(c), r + 1);
            match cell {
                XCell::Empty => {}
                XCell::Number(v) | XCell::Percent(v) if !v.is_finite() => {}
                XCell::Number(v) => {
                    out.push_str(&format!("<c r=\"{at}\"><v>{}</v></c>", number_text(*v)))
                }
                XCell::Percent(v) => out.push_str(&format!(
                    "<c r=\"{at}\" s=\"3\"><v>{}</v></c>",
                    number_text(*v)
                )),
                XCell::Text(s) | XCell::Heading(s) => {
                    let style = if matches!(cell, XCell::Heading(_)) {
                        " s=\"1\""
                    } else if looks_like_formula(s) {
                        " s=\"2\""
                    } else {
                        ""
                    };
                    // A cell holds at most 32,767 characters.
                    let s: String = s.chars().take(32_767).collect();
                    out.push_str(&format!(
                        "<c r=\"{at}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                        escape(&s)
                    ));
                }
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

/// A workbook of these sheets. `created` as in [`super::docx::Properties`].
pub fn xlsx(sheets: &[Sheet], title: &str, created: &str) -> Result<Vec<u8>, TooLarge> {
    let mut used = Vec::new();
    let names: Vec<String> = sheets
        .iter()
        .map(|s| sheet_name(&s.name, &mut used))
        .collect();
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    );
    let mut workbook = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
        workbook.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape(name)
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
    }
    types.push_str("</Types>");
    workbook.push_str("</sheets></workbook>");
    rels.push_str(&format!(
        "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>",
        names.len() + 1
    ));
    let created = if is_w3c_time(created) {
        format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>")
    } else {
        String::new()
    };
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>nianbao</dc:creator>{created}</cp:coreProperties>",
        escape(title)
    );
    let root_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

    let mut z = ZipWriter::new();
    z.add("[Content_Types].xml", types.as_bytes(), Method::Deflate)?;
    z.add("_rels/.rels", root_rels.as_bytes(), Method::Deflate)?;
    z.add("xl/workbook.xml", workbook.as_bytes(), Method::Deflate)?;
    z.add(
        "xl/_rels/workbook.xml.rels",
        rels.as_bytes(),
        Method::Deflate,
    )?;
    z.add("xl/styles.xml", STYLES.as_bytes(), Method::Deflate)?;
    for (i, s) in sheets.iter().enumerate() {
        z.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(s).as_bytes(),
            Method::Deflate,
        )?;
    }
    z.add("docProps/core.xml", core.as_bytes(), Method::Deflate)?;
    z.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn formulas_stay_text() {
        assert!(looks_like_formula("=cmd|' /C calc'!A0"));
        assert!(looks_like_formula("+1"));
        assert!(looks_like_formula("@SUM(A1)"));
        assert!(!looks_like_formula("某县人民政府"));
        let xml = sheet_xml(&Sheet {
            name: "x".into(),
            rows: vec![vec![
                XCell::text("=HYPERLINK(\"http://x\",\"y\")"),
                XCell::Number(3.0),
                XCell::Percent(0.25),
                XCell::Number(f64::NAN),
            ]],
            ..Sheet::default()
        });
        assert!(xml.contains("<c r=\"A1\" s=\"2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</t></is></c>"), "{xml}");
        assert!(xml.contains("<c r=\"B1\"><v>3</v></c>"));
        assert!(xml.contains("<c r=\"C1\" s=\"3\"><v>0.25</v></c>"));
        assert!(!xml.contains("D1"));
        assert!(!xml.contains("<f>"));
    }

    #[test]
    fn sheet_names_are_made_valid_and_unique() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("汇总 Summary", &mut used), "汇总 Summary");
        assert_eq!(sheet_name("a/b[c]", &mut used), "a_b_c_");
        assert_eq!(sheet_name("汇总 summary", &mut used), "汇总 summary(3)");
        assert_eq!(sheet_name("", &mut used), "Sheet4");
        assert_eq!(sheet_name(&"长".repeat(40), &mut used).chars().count(), 31);
    }

    #[test]
    fn read_back_by_the_core_s_spreadsheet_reader() {
        let sheets = [Sheet {
            name: "汇总 Summary".into(),
            widths: vec![20.0, 8.0],
            rows: vec![
                vec![
                    XCell::Heading("机关 Agency".into()),
                    XCell::Heading("新收".into()),
                ],
                vec![XCell::text("<b>某县</b>"), XCell::Number(12.0)],
                vec![XCell::text("=1+1"), XCell::Percent(0.5)],
            ],
            frozen_rows: 1,
        }];
        let bytes = xlsx(&sheets, "汇总", "2025-03-01T00:00:00Z").unwrap();
        let doc = crate::read::xlsx::read(&bytes, &crate::Limits::default()).expect("readable");
        assert!(doc.text.contains("<b>某县</b>"), "{}", doc.text);
        assert!(doc.text.contains("=1+1"));
        assert!(doc.text.contains("12"));
        assert_eq!(doc.tables().count(), 1);
    }
}
