//! The reviewer's workspace for the page: the third wasm of the page, built
//! from this crate with the feature `workspace` alone (`cargo xtask dist`
//! writes it as `dist/nianbao-workspace-HASH.js` and `…_bg.wasm`). It holds
//! the core's module `workspace` and its writers (docs/workspace.md): what
//! the core computes of a workspace, which the app (`app::workspace`) asks
//! for through `globalThis.nianbaoWorkspace` (www/boot.js). It reads and
//! checks no file; the checker (`crate::checker`) does.
//!
//! The app keeps the workspace in the browser's storage (www/store.js) and
//! asks for the fingerprints and overview entry of a result, the agencies ×
//! years matrix, the review memo and the workspace file. Everything crosses
//! as JSON text (and bytes for files).

use wasm_bindgen::prelude::{wasm_bindgen, JsError, JsValue};

use nianbao_core::vocab::names::Lang as CoreLang;
use nianbao_core::workspace::{archive, decisions::Decision, matrix, memo, stored, summary};

use crate::ws_views::{self, ViewOptions};

fn ws_error(zh: &str, en: &str) -> JsError {
    JsError::new(&format!("{zh} / {en}"))
}

/// The fingerprints and overview entry of one stored result (`result`: the
/// export JSON of one file, as UTF-8 bytes; `text`: its document's text, or
/// with `pieces` the pieces of it its findings are on (`fingerprint::Seen`),
/// UTF-8 bytes too; `cross`: its cross-report findings, a JSON array):
/// `{fingerprints, entry}` as JSON text, `""` when `result` is not a result.
#[wasm_bindgen(js_name = wsRecord)]
pub fn ws_record(
    id: u32,
    result: &[u8],
    text: Option<Vec<u8>>,
    pieces: Option<Vec<u32>>,
    cross: &str,
    added: f64,
) -> String {
    use nianbao_core::workspace::fingerprint::Seen;
    // Read as text (serde_json's reader of bytes would be another copy of
    // its parser in this part: 3.4 KB).
    let Ok(result) = std::str::from_utf8(result) else {
        return String::new();
    };
    use nianbao_core::workspace::stored::{DiagnosticView, ResultView};
    // `pieces`: the text is only the lines of the findings, end to end, and
    // these say where each piece starts in the whole text and how long it is.
    let at: Vec<(usize, usize)> = pieces
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|p| (p[0] as usize, p[1] as usize))
        .collect();
    // Both as UTF-8 bytes (the page hands them over so).
    let text = text.and_then(|t| String::from_utf8(t).ok());
    let seen = match text.as_deref() {
        Some(text) if !at.is_empty() => Seen::Pieces { text, at: &at },
        text => Seen::from(text),
    };
    // Read straight into the typed views (a `Value` of every finding and
    // cell first cost as much again); a result or a list of findings that
    // does not read so goes the tolerant way, through `Value`.
    let record = match (
        serde_json::from_str::<ResultView>(result),
        serde_json::from_str::<Vec<DiagnosticView>>(cross),
    ) {
        (Ok(view), Ok(cross)) => Some(nianbao_core::workspace::record_view(
            id, &view, seen, &cross, added,
        )),
        _ => {
            let Ok(result) = serde_json::from_str::<serde_json::Value>(result) else {
                return String::new();
            };
            let cross = serde_json::from_str::<serde_json::Value>(cross).unwrap_or_default();
            nianbao_core::workspace::stored::view(&result).map(|view| {
                let cross = nianbao_core::workspace::stored::cross_view(&cross);
                nianbao_core::workspace::record_view(id, &view, seen, &cross, added)
            })
        }
    };
    record
        .and_then(|r| serde_json::to_string(&r).ok())
        .unwrap_or_default()
}

/// The agencies × years matrix (`matrix::Matrix` as JSON text) of the
/// entries (a JSON array of `matrix::Entry`), the decisions (a JSON array)
/// and the options (`{years, regrouping}`).
#[wasm_bindgen(js_name = wsMatrix)]
pub fn ws_matrix(entries: &str, decisions: &str, options: &str) -> String {
    let entries: Vec<matrix::Entry> = serde_json::from_str(entries).unwrap_or_default();
    let decisions: Vec<Decision> = serde_json::from_str(decisions).unwrap_or_default();
    let options: matrix::MatrixOptions = serde_json::from_str(options).unwrap_or_default();
    serde_json::to_string(&matrix::matrix(&entries, &decisions, &options)).unwrap_or_default()
}

#[derive(serde::Deserialize)]
struct MemoInput {
    result: serde_json::Value,
    #[serde(default)]
    cross: serde_json::Value,
    #[serde(default)]
    fingerprints: Vec<String>,
    #[serde(default)]
    decisions: Vec<Decision>,
}

/// The memo's reports and options from the page's JSON.
fn memo_parts(
    reports: &str,
    lang: &str,
    reviewer: &str,
    date: &str,
) -> Result<(Vec<MemoInput>, memo::MemoOptions), JsError> {
    let inputs: Vec<MemoInput> = serde_json::from_str(reports).map_err(|_| {
        ws_error(
            "整改意见的数据无法读取。",
            "The memo's data could not be read.",
        )
    })?;
    let o = memo::MemoOptions {
        lang: if lang == "en" {
            CoreLang::En
        } else {
            CoreLang::Zh
        },
        reviewer: reviewer.to_string(),
        date: date.to_string(),
        created: String::new(),
    };
    Ok((inputs, o))
}

/// The memo of these reports, written by `write`.
fn with_memo<T>(inputs: &[MemoInput], write: impl FnOnce(&[memo::MemoReport]) -> T) -> T {
    let views: Vec<(stored::ResultView, Vec<stored::DiagnosticView>)> = inputs
        .iter()
        .filter_map(|i| Some((stored::view(&i.result)?, stored::cross_view(&i.cross))))
        .collect();
    let reports: Vec<memo::MemoReport> = inputs
        .iter()
        .filter(|i| stored::view(&i.result).is_some())
        .zip(&views)
        .map(|(i, (result, cross))| memo::MemoReport {
            result,
            cross,
            fingerprints: &i.fingerprints,
            decisions: i.decisions.iter().collect(),
        })
        .collect();
    write(&reports)
}

/// The review memo (整改意见) of one agency as a Word document: `reports`
/// is a JSON array of `{result, cross, fingerprints, decisions}` (its
/// reports, each with the decisions made on it); `lang` `zh` or `en`.
#[wasm_bindgen(js_name = wsMemo)]
pub fn ws_memo(
    agency: &str,
    reports: &str,
    lang: &str,
    reviewer: &str,
    date: &str,
) -> Result<Vec<u8>, JsError> {
    let (inputs, o) = memo_parts(reports, lang, reviewer, date)?;
    with_memo(&inputs, |r| memo::memo_docx(agency, r, &o)).map_err(|_| {
        ws_error(
            "整改意见过大，无法写出。",
            "The memo is too large to write.",
        )
    })
}

/// The same memo as a printable page (HTML, everything escaped, nothing
/// that runs or loads).
#[wasm_bindgen(js_name = wsMemoHtml)]
pub fn ws_memo_html(
    agency: &str,
    reports: &str,
    lang: &str,
    reviewer: &str,
    date: &str,
) -> Result<String, JsError> {
    let (inputs, o) = memo_parts(reports, lang, reviewer, date)?;
    Ok(with_memo(&inputs, |r| memo::memo_html(agency, r, &o)))
}

fn entries_of(entries: &str) -> Vec<matrix::Entry> {
    serde_json::from_str(entries).unwrap_or_default()
}

fn decisions_of(decisions: &str) -> Vec<Decision> {
    serde_json::from_str(decisions).unwrap_or_default()
}

fn view_options(options: &str) -> ViewOptions {
    serde_json::from_str(options).unwrap_or_default()
}

/// The overview of the workspace as HTML fragments: `{top, charts}` as
/// JSON text (`top`: the rules, the files not read, the ranking; `charts`:
/// the charts with their data tables). `options`: see `ws_views::ViewOptions`.
#[wasm_bindgen(js_name = wsOverview)]
pub fn ws_overview(entries: &str, decisions: &str, options: &str) -> String {
    let (entries, decisions, o) = (
        entries_of(entries),
        decisions_of(decisions),
        view_options(options),
    );
    serde_json::json!({
        "top": ws_views::overview(&entries, &decisions, &o),
        "charts": ws_views::charts(&entries, &decisions, &o),
    })
    .to_string()
}

/// Index a report's text for search (once per id).
#[wasm_bindgen(js_name = wsIndex)]
pub fn ws_index(id: u32, text: &str) {
    ws_views::index(id, text);
}

/// Whether a report's text is indexed.
#[wasm_bindgen(js_name = wsIndexed)]
pub fn ws_indexed(id: u32) -> bool {
    ws_views::indexed(id)
}

/// Search by agency name and by text (in the reports indexed): HTML.
#[wasm_bindgen(js_name = wsSearch)]
pub fn ws_search(entries: &str, decisions: &str, query: &str, options: &str) -> String {
    ws_views::search(
        &entries_of(entries),
        &decisions_of(decisions),
        query,
        &view_options(options),
    )
}

/// The reviewer's grouping after one correction (`op`: `merge` group `a`
/// into group `b`, `split` name `a` out, `reset` group `a`), as JSON text.
#[wasm_bindgen(js_name = wsRegroup)]
pub fn ws_regroup(
    entries: &str,
    decisions: &str,
    regrouping: &str,
    op: &str,
    a: &str,
    b: &str,
) -> String {
    let r = serde_json::from_str(regrouping).unwrap_or_default();
    let out = ws_views::regroup(&entries_of(entries), &decisions_of(decisions), &r, op, a, b);
    serde_json::to_string(&out).unwrap_or_else(|_| "{}".into())
}

/// The summary workbook (.xlsx) of the workspace: one row per agency and
/// year, counts by rule, key figures, the missing reports. `options`:
/// `{years, regrouping}`.
#[wasm_bindgen(js_name = wsSummary)]
pub fn ws_summary(
    entries: &str,
    decisions: &str,
    options: &str,
    title: &str,
    created: &str,
) -> Result<Vec<u8>, JsError> {
    let o: matrix::MatrixOptions = serde_json::from_str(options).unwrap_or_default();
    summary::summary_workbook(
        &entries_of(entries),
        &decisions_of(decisions),
        &o,
        title,
        created,
    )
    .map_err(|_| {
        ws_error(
            "汇总表过大，无法写出。",
            "The summary workbook is too large to write.",
        )
    })
}

/// The printable summary of the workspace for a notice (通报), as one HTML
/// page; `lang` `zh` or `en`.
#[wasm_bindgen(js_name = wsSummaryHtml)]
pub fn ws_summary_html(
    entries: &str,
    decisions: &str,
    options: &str,
    title: &str,
    lang: &str,
) -> String {
    let o: matrix::MatrixOptions = serde_json::from_str(options).unwrap_or_default();
    summary::summary_html(
        &entries_of(entries),
        &decisions_of(decisions),
        &o,
        title,
        if lang == "en" {
            CoreLang::En
        } else {
            CoreLang::Zh
        },
    )
}

#[derive(serde::Deserialize)]
struct ExportReport {
    #[serde(flatten)]
    record: archive::ReportRecord,
    #[serde(default)]
    text: Option<String>,
}

/// The workspace file: `info` (`{name, created, regrouping, years}`),
/// `reports` (a JSON array of stored reports, each with its `text`), `files`
/// (an array, parallel to `reports`, of the kept files' bytes or null) and
/// `decisions` (a JSON array).
#[wasm_bindgen(js_name = wsExport)]
pub fn ws_export(
    info: &str,
    reports: &str,
    files: js_sys::Array,
    decisions: &str,
) -> Result<Vec<u8>, JsError> {
    let bad = || {
        ws_error(
            "工作区数据无法读取。",
            "The workspace's data could not be read.",
        )
    };
    let info: archive::WorkspaceInfo = serde_json::from_str(info).map_err(|_| bad())?;
    let reports: Vec<ExportReport> = serde_json::from_str(reports).map_err(|_| bad())?;
    let decisions: Vec<Decision> = serde_json::from_str(decisions).map_err(|_| bad())?;
    let mut w = archive::ArchiveWriter::new();
    for (i, r) in reports.iter().enumerate() {
        let file = files.get(i as u32);
        let file = (!file.is_null() && !file.is_undefined())
            .then(|| js_sys::Uint8Array::new(&file).to_vec());
        w.add_report(&r.record, r.text.as_deref(), file.as_deref())
            .map_err(|e| ws_error(&e.message, &e.message_en))?;
    }
    w.finish(&info, &decisions)
        .map_err(|e| ws_error(&e.message, &e.message_en))
}

/// A workspace file read back: `{json, files}`, `json` the JSON text of
/// `{info, reports: [{record, text, fingerprints, entry, file}], decisions,
/// notes}` (`file`: whether the file was kept) and `files` an array of the
/// kept files' bytes (or null), parallel to `reports`. Throws, with the
/// reason in both languages, for a file that is not a workspace, from a
/// later version, damaged or too large.
#[wasm_bindgen(js_name = wsImport)]
pub fn ws_import(bytes: &[u8]) -> Result<JsValue, JsError> {
    let imported = archive::read_archive(bytes, &archive::ArchiveLimits::default())
        .map_err(|e| ws_error(&e.message, &e.message_en))?;
    let files = js_sys::Array::new();
    let reports: Vec<serde_json::Value> = imported
        .reports
        .iter()
        .map(|r| {
            files.push(&match &r.file {
                Some(f) => js_sys::Uint8Array::from(f.as_slice()).into(),
                None => JsValue::NULL,
            });
            serde_json::json!({
                "record": r.record,
                "text": r.text,
                "fingerprints": r.fingerprints,
                "entry": r.entry,
                "file": r.file.is_some(),
            })
        })
        .collect();
    let json = serde_json::json!({
        "info": imported.info,
        "reports": reports,
        "decisions": imported.decisions,
        "notes": imported.notes,
    });
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"json".into(), &json.to_string().into());
    let _ = js_sys::Reflect::set(&out, &"files".into(), &files);
    Ok(out.into())
}

#[cfg(test)]
mod tests {
    use super::ws_record;
    use nianbao_core::export::Export;

    /// The record read straight into the typed views is the record read
    /// through `Value`s, with cross-report findings and without; a list of
    /// findings that does not read as one still gives the report's own.
    #[test]
    fn a_record_read_typed_is_the_record_read_through_values() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
        let name = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("003"))
            .unwrap();
        let bytes = std::fs::read(format!("{dir}{name}")).unwrap();
        let c = nianbao_core::check(&name, &bytes).unwrap();
        let result = serde_json::to_string(&Export::of(&name, &c)).unwrap();
        let one = serde_json::to_value(Export::of(&name, &c)).unwrap()["diagnostics"][0].clone();
        let cross = serde_json::to_string(&[&one]).unwrap();
        let text = Some(c.document.text.clone().into_bytes());
        for cross in [cross.as_str(), "[]", "null", "[7]"] {
            let typed = ws_record(3, result.as_bytes(), text.clone(), None, cross, 12.0);
            let through = nianbao_core::workspace::record(
                3,
                &serde_json::from_str(&result).unwrap(),
                Some(&c.document.text),
                &serde_json::from_str(cross).unwrap(),
                12.0,
            )
            .unwrap();
            assert_eq!(typed, serde_json::to_string(&through).unwrap(), "{cross}");
            assert!(typed.contains("fingerprints"), "{typed}");
        }
        assert_eq!(ws_record(3, b"[1]", text, None, "[]", 0.0), "");
    }
}
