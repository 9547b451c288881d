//! Exports of the files on the page: the JSON of the export format, the
//! findings as CSV, the table values as CSV; saved through a Blob, never sent.

use super::i18n::{findings_header, problem_name, severity_label, values_header, Lang};
use super::state::{CrossItem, Entry};
use nianbao_core::decimal::Num;
use nianbao_core::export::Resolver;
use nianbao_core::vocab::names::{cell_labels, table_short};
use nianbao_core::{Batch, Checked, Diagnostic, Location, TableKey};

/// The JSON of the export format for the given files (one object for one
/// file, an array for several, `{reports, cross}` with cross-report findings).
pub fn json(entries: &[Entry]) -> String {
    let batch = Batch::new(
        entries
            .iter()
            .filter_map(|e| Some((e.name.as_str(), &e.outcome.as_ref()?.result))),
    );
    // The shape of `BatchExport::to_json`, serialised directly (no JSON tree
    // in between: less code in the page).
    serde_json::to_string(&batch.export().shape()).unwrap_or_else(|_| "null".into())
}

/// One field of a CSV line: quoted when needed, and text that a spreadsheet
/// would take for a formula prefixed with an apostrophe.
pub fn field(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '@', '\t', '\r'])
        || (s.starts_with('-') && nianbao_core::decimal::parse_f64(s).is_none());
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn line(fields: &[String]) -> String {
    let mut l = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    l.push_str("\r\n");
    l
}

fn value_text(v: &Option<serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// A CSV of the findings of the given files, one line per finding.
pub fn findings_csv(lang: Lang, entries: &[Entry], cross: &[CrossItem]) -> String {
    let mut out = line(&findings_header(lang).map(String::from));
    for e in entries {
        let Some(outcome) = &e.outcome else { continue };
        let checked = match &outcome.result {
            Ok(c) => c,
            Err(err) => {
                let mut fields = vec![String::new(); 13];
                fields[0] = e.name.clone();
                fields[2] = severity_label(lang, nianbao_core::Severity::Error).to_string();
                fields[3] = lang.pick(&err.message, &err.message_en).to_string();
                out.push_str(&line(&fields));
                continue;
            }
        };
        let resolver = Resolver::new(&checked.document, &checked.report);
        let own = checked.diagnostics.iter().map(|d| (d, None));
        let crossed = cross.iter().filter(|c| c.report == e.id).map(|c| {
            let other = entries
                .iter()
                .find(|o| o.id == c.other)
                .map(|o| o.name.clone());
            (&c.diagnostic, other)
        });
        for (d, other) in own.chain(crossed) {
            let place = super::place::describe(lang, checked, &resolver, &d.at);
            out.push_str(&finding_line(
                lang, &e.name, checked, &resolver, d, place, other,
            ));
        }
    }
    out
}

fn finding_line(
    lang: Lang,
    file: &str,
    checked: &Checked,
    resolver: &Resolver,
    d: &Diagnostic,
    place: String,
    other: Option<String>,
) -> String {
    let (table, row, column) = match &d.at {
        Location::Cell(c) => cell_labels(
            lang,
            checked.report.table(c.table).layout,
            c.table,
            c.row,
            c.column,
        ),
        _ => Default::default(),
    };
    let pos = resolver.location(&d.at).span;
    line(&[
        file.to_string(),
        d.rule.to_string(),
        severity_label(lang, d.severity).to_string(),
        lang.pick(&d.message, &d.message_en).to_string(),
        table,
        row,
        column,
        pos.map(|p| p.line.to_string()).unwrap_or_default(),
        pos.map(|p| p.column.to_string()).unwrap_or_default(),
        value_text(&d.expected),
        value_text(&d.actual),
        other.unwrap_or_default(),
        // Last, so that the columns before keep their places.
        place,
    ])
}

/// A CSV of every template cell of the three tables of each file.
pub fn values_csv(lang: Lang, entries: &[Entry]) -> String {
    let mut out = line(&values_header(lang).map(String::from));
    for e in entries {
        let Some(c) = e.checked() else { continue };
        let r = &c.report;
        for key in TableKey::ALL {
            let t = r.table(key);
            for cell in &t.cells {
                let (_, row, column) = cell_labels(lang, t.layout, key, cell.row, cell.column);
                out.push_str(&line(&[
                    e.name.clone(),
                    r.agency
                        .as_ref()
                        .map(|a| a.value.clone())
                        .unwrap_or_default(),
                    r.year
                        .as_ref()
                        .map(|y| y.value.to_string())
                        .unwrap_or_default(),
                    table_short(lang, key),
                    cell.row.to_string(),
                    cell.column.to_string(),
                    row,
                    column,
                    cell.value.map(|v| Num(v).to_string()).unwrap_or_default(),
                    cell.raw.as_deref().unwrap_or_default().to_string(),
                    cell.problem
                        .map(|p| problem_name(lang, p).to_string())
                        .unwrap_or_default(),
                ]));
            }
        }
    }
    out
}

/// Offer text as a file to save, through a Blob and an object URL.
#[cfg(target_arch = "wasm32")]
pub fn download(file_name: &str, mime: &str, content: &str) {
    // A byte-order mark so that spreadsheet programs read UTF-8 CSV right.
    let body = if mime.starts_with("text/csv") {
        format!("\u{feff}{content}")
    } else {
        content.to_string()
    };
    download_bytes(file_name, mime, &wasm_bindgen::JsValue::from_str(&body));
}

/// Offer a string or bytes (a `Uint8Array`) as a file to save.
#[cfg(target_arch = "wasm32")]
pub fn download_bytes(file_name: &str, mime: &str, content: &wasm_bindgen::JsValue) {
    use wasm_bindgen::JsCast;
    let run = || -> Option<()> {
        let parts = js_sys::Array::of1(content);
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let doc = web_sys::window()?.document()?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    };
    let _ = run();
}

#[cfg(not(target_arch = "wasm32"))]
pub fn download(_file_name: &str, _mime: &str, _content: &str) {}

#[cfg(not(target_arch = "wasm32"))]
pub fn download_bytes(_file_name: &str, _mime: &str, _content: &wasm_bindgen::JsValue) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("-cmd"), "'-cmd");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
    }
}
