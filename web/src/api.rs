//! The JavaScript API over the core, with no UI.
//!
//! ```js
//! import init, { check, checkText, checkJson, version } from "./pkg/nianbao.js";
//! await init();
//! const result = check(new Uint8Array(await file.arrayBuffer()), file.name);
//! if (result.error) console.log(result.error.message);
//! else console.log(result.summary.errors, result.diagnostics);
//! ```
//!
//! Every function returns the object described in docs/export.md (the same shape as
//! the command line's `--format json`), as plain JavaScript objects: spans carry
//! `utf16_start`/`utf16_end` for slicing JavaScript strings. A file that cannot be
//! read gives an object with `error` (`kind`, `message`, `message_en`) and
//! `report: null`, never an exception.
//!
//! `checkJson` gives the same result as JSON text instead, and `checkBatch`
//! checks several files together and adds the cross-report findings
//! (X rules) that compare them: `{reports: [...], cross: [...]}`. A .zip
//! given to `checkBatch` stands for the reports in it, each named by its path
//! inside (under the zip's name when other files are given too); files in it
//! that are no reports are listed in `skipped`. `annotate`
//! gives a .docx back with a Word comment at each finding.

use nianbao_core::export::Export;
use nianbao_core::read::too_large;
use nianbao_core::{check_inputs, expand, BatchExport, Input, Limits};
use serde::Serialize;
use wasm_bindgen::prelude::*;

// The types of the result objects are written by hand (web/pkg-extra/
// nianbao-result.d.ts, shipped beside the module); the generated declarations
// import them.
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = r#"
import type { NianbaoResult, NianbaoBatchResult, NianbaoBatchInput } from "./nianbao-result";
export type { NianbaoResult, NianbaoBatchResult, NianbaoBatchInput } from "./nianbao-result";
"#;

/// Check one file given as bytes; `name` helps tell its kind (`.txt`, `.docx`, …).
/// The bytes' length is checked before they are copied into the module: a
/// file over the size limit is refused (`too_large`) without being copied.
/// Bytes that are not an array of bytes, or a name that is not a string (a
/// number is taken as its text), throw a `TypeError`.
#[wasm_bindgen(js_name = check, unchecked_return_type = "NianbaoResult")]
pub fn check_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] name: &JsValue,
) -> Result<JsValue, JsValue> {
    Ok(to_js(&given_export(bytes, name)?)?)
}

/// [`check_js`] for Rust callers (the module's own tests).
pub fn check(bytes: &[u8], name: &str) -> Result<JsValue, JsError> {
    crate::install_gb18030_decoder();
    to_js(&check_export(bytes, name))
}

/// Check text already decoded (for example pasted by a person).
#[wasm_bindgen(js_name = checkText, unchecked_return_type = "NianbaoResult")]
pub fn check_text_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] name: &JsValue,
) -> Result<JsValue, JsValue> {
    let name = js_name(name)?;
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(type_error("`text` must be a string"));
    };
    // Each UTF-16 unit is at least one byte of UTF-8: a text longer than the
    // limit in units is over it in bytes, and is not copied.
    let units = text.length() as usize;
    if units > Limits::default().max_input_bytes {
        return Ok(to_js(&too_large_export(&name, units))?);
    }
    Ok(check(String::from(text).as_bytes(), &name)?)
}

/// [`check_text_js`] for Rust callers.
pub fn check_text(text: &str, name: &str) -> Result<JsValue, JsError> {
    check(text.as_bytes(), name)
}

/// Check one file and give its result as JSON text: exactly what
/// [`check`] parses into objects, and the command line's `--format json`
/// prints for one file. For a caller that stores or saves the result as it
/// is (IndexedDB, a download) and so needs no object tree built and turned
/// back into text. Its arguments are taken as [`check_js`] takes them.
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] name: &JsValue,
) -> Result<String, JsValue> {
    Ok(to_json(&given_export(bytes, name)?)?)
}

/// [`check_json_js`] for Rust callers.
pub fn check_json(bytes: &[u8], name: &str) -> Result<String, JsError> {
    crate::install_gb18030_decoder();
    to_json(&check_export(bytes, name))
}

/// The result for one file as [`check_js`] and [`check_json_js`] take it: the
/// name and bytes checked for their types, bytes over the size limit refused
/// before they are copied.
fn given_export(bytes: &JsValue, name: &JsValue) -> Result<Export, JsValue> {
    let name = js_name(name)?;
    Ok(match js_bytes(bytes)? {
        Given::Bytes(bytes) => {
            crate::install_gb18030_decoder();
            check_export(&bytes, &name)
        }
        Given::TooLarge(len) => too_large_export(&name, len),
    })
}

/// The bytes a caller gave, copied into the module, or only their length
/// when it is over the size limit.
enum Given {
    Bytes(Vec<u8>),
    TooLarge(usize),
}

/// A file's bytes from JavaScript: a `Uint8Array` (a Node `Buffer` too), an
/// `ArrayBuffer`, or any array-like of numbers (another typed array, an
/// array). The length is looked at first; only bytes within the size limit
/// are copied.
fn js_bytes(value: &JsValue) -> Result<Given, JsValue> {
    let max = Limits::default().max_input_bytes;
    let array = if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        array.clone()
    } else if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(buffer)
    } else if value.is_object() && !value.is_function() {
        let length = js_sys::Reflect::get(value, &JsValue::from_str("length"))
            .ok()
            .and_then(|l| l.as_f64())
            .filter(|l| l.is_finite() && *l >= 0.0)
            .ok_or_else(|| type_error("`bytes` must be a Uint8Array (or an ArrayBuffer)"))?;
        if length > max as f64 {
            return Ok(Given::TooLarge(length as usize));
        }
        js_sys::Uint8Array::new(value)
    } else {
        return Err(type_error(
            "`bytes` must be a Uint8Array (or an ArrayBuffer)",
        ));
    };
    let length = array.length() as usize;
    if length > max {
        return Ok(Given::TooLarge(length));
    }
    Ok(Given::Bytes(array.to_vec()))
}

/// A file's name from JavaScript: a string, or a number taken as its text.
/// Anything else (a Symbol, an object, `undefined`) is a `TypeError`: the
/// module calls no `toString` of the caller's.
fn js_name(value: &JsValue) -> Result<String, JsValue> {
    if let Some(name) = value.as_string() {
        return Ok(name);
    }
    if let Some(n) = value.as_f64() {
        return Ok(String::from(
            js_sys::Number::from(n).to_string_with_radix(10)?,
        ));
    }
    Err(type_error(
        "`name` must be a string (the file's name, e.g. report.pdf)",
    ))
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The result for a file of `len` bytes, over the size limit.
fn too_large_export(name: &str, len: usize) -> Export {
    Export::of_error(name, &too_large(len, &Limits::default()))
}

/// Check several files together: each file's result, in the order given, and
/// the cross-report findings between them (X rules, e.g. two years of one
/// agency). `files` is an array of `{name, bytes}` (a `Uint8Array`, an
/// `ArrayBuffer` or an array of numbers) or `{name, text}`; a .zip of
/// reports stands for the files in it. Always returns `{reports, cross}`,
/// even for one file, with `skipped` when files of a zip were no reports.
/// A file larger than an archive may be (256 MB) is refused (`too_large`)
/// on its length, before it is copied.
#[wasm_bindgen(js_name = checkBatch, unchecked_return_type = "NianbaoBatchResult")]
pub fn check_batch(
    #[wasm_bindgen(unchecked_param_type = "NianbaoBatchInput[]")] files: js_sys::Array,
) -> Result<JsValue, JsError> {
    crate::install_gb18030_decoder();
    // A file may be as large as an archive may be; a larger one is refused
    // on its length, before it is copied.
    let max = Limits::default().max_zip_inflated_bytes;
    let mut given = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let size = ["bytes", "text"].iter().find_map(|k| {
            let v = js_sys::Reflect::get(&f, &JsValue::from_str(k)).ok()?;
            js_length(&v)
        });
        if let Some(len) = size.filter(|&len| len > max) {
            let name = js_sys::Reflect::get(&f, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string())
                .ok_or_else(|| JsError::new(&format!("file {i}: `name` must be a string")))?;
            given.push((name, Err(len as usize)));
            continue;
        }
        let input: BatchInput = serde_wasm_bindgen::from_value(f).map_err(|e| {
            // The text of a JavaScript Error, which begins with its kind.
            let e = e.to_string();
            JsError::new(&format!(
                "file {i}: {}",
                e.strip_prefix("Error: ").unwrap_or(&e)
            ))
        })?;
        let name = input
            .name
            .ok_or_else(|| JsError::new(&format!("file {i}: `name` must be a string")))?;
        let bytes = match (input.text, input.bytes) {
            (Some(text), _) => text.into_bytes(),
            (None, Some(Bytes(bytes))) => bytes,
            (None, None) => {
                return Err(JsError::new(&format!(
                    "file {i} ({name}): give `bytes` (a Uint8Array) or `text` (a string)"
                )))
            }
        };
        given.push((name, Ok(bytes)));
    }
    to_js(&batch_of(given))
}

/// The length of bytes or text given from JavaScript, without copying them:
/// a `Uint8Array`'s or a string's `length`, an `ArrayBuffer`'s `byteLength`,
/// an array-like's `length`.
fn js_length(value: &JsValue) -> Option<u64> {
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Some(buffer.byte_length() as u64);
    }
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        return Some(text.length() as u64);
    }
    if !value.is_object() {
        return None;
    }
    let length = js_sys::Reflect::get(value, &JsValue::from_str("length")).ok()?;
    length
        .as_f64()
        .filter(|l| l.is_finite() && *l >= 0.0)
        .map(|l| l as u64)
}

/// One file of [`check_batch`], read from its JavaScript object by
/// serde-wasm-bindgen (absent and `undefined` fields are `None`).
#[derive(serde::Deserialize)]
struct BatchInput {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    bytes: Option<Bytes>,
}

/// A file's bytes: serde-wasm-bindgen copies a `Uint8Array` or an
/// `ArrayBuffer` in one piece (`visit_byte_buf`) and an array item by item.
struct Bytes(Vec<u8>);

impl<'de> serde::Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a Uint8Array")
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Bytes, A::Error> {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(b) = seq.next_element::<u8>()? {
                    v.push(b);
                }
                Ok(Bytes(v))
            }
        }
        d.deserialize_byte_buf(Visit)
    }
}

/// The export of several files checked together, with cross-report findings;
/// a .zip of reports stands for the files in it (named by their paths inside
/// when it is given alone, else under its name).
pub fn batch_export(files: &[(String, Vec<u8>)]) -> BatchExport {
    batch_of(
        files
            .iter()
            .map(|(name, bytes)| (name.clone(), Ok(bytes.clone())))
            .collect(),
    )
}

/// [`batch_export`] of files given as bytes, or as the length of bytes
/// refused before they were copied.
fn batch_of(files: Vec<(String, Result<Vec<u8>, usize>)>) -> BatchExport {
    let limits = limits();
    let alone = files.len() == 1;
    let inputs = files
        .into_iter()
        .flat_map(|(name, bytes)| {
            let prefix = if alone {
                String::new()
            } else {
                format!("{name}/")
            };
            match bytes {
                Ok(bytes) => expand(&name, &prefix, bytes, false, &limits),
                Err(len) => vec![Input::Refused(name, too_large(len, &limits))],
            }
        })
        .collect();
    check_inputs(inputs, &limits, 1).batch().export()
}

/// A copy of a Word document (.docx) with a Word comment at each finding,
/// in Chinese with English beside it; nothing else in it changes. Throws
/// (with the reason in both languages) for a file that cannot be read or is
/// not a .docx.
#[wasm_bindgen(js_name = annotate)]
pub fn annotate_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] name: &JsValue,
) -> Result<Vec<u8>, JsValue> {
    let name = js_name(name)?;
    match js_bytes(bytes)? {
        Given::Bytes(bytes) => Ok(crate::annotated_copy(&bytes, &name)?),
        Given::TooLarge(len) => {
            let e = too_large(len, &Limits::default());
            Err(JsError::new(&format!("{} / {}", e.message, e.message_en)).into())
        }
    }
}

/// [`annotate_js`] for Rust callers.
pub fn annotate(bytes: &[u8], name: &str) -> Result<Vec<u8>, JsError> {
    crate::annotated_copy(bytes, name)
}

thread_local! {
    /// Time allowed for one file of `check`, `checkText`, `checkJson` and
    /// each file of `checkBatch`, in milliseconds (0: none).
    static TIME_LIMIT_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(TIME_LIMIT_MS_DEFAULT) };
}

/// The time allowed for one file unless the caller sets another: 20 s, as
/// the page gives each file.
pub const TIME_LIMIT_MS_DEFAULT: f64 = 20_000.0;

/// Set the time allowed for one file, in milliseconds (20,000 unless set;
/// 0 for none): a check still running when it is up stops, and the file's
/// result is the refusal `timed_out`, in both languages. Gives the time in
/// force before.
#[wasm_bindgen(js_name = setTimeLimit)]
pub fn set_time_limit(ms: f64) -> f64 {
    let ms = if ms.is_finite() && ms > 0.0 { ms } else { 0.0 };
    TIME_LIMIT_MS.with(|t| t.replace(ms))
}

/// The core's limits under the time set by [`set_time_limit`].
fn limits() -> Limits {
    crate::limits_within(TIME_LIMIT_MS.with(|t| t.get()))
}

/// The version of the checker.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The export of one file: the same value [`check`] returns, before it crosses
/// into JavaScript.
pub fn check_export(bytes: &[u8], name: &str) -> Export {
    Export::of_result(
        name,
        &nianbao_core::check_with_limits(name, bytes, &limits()),
    )
}

/// Convert a value to a plain JavaScript value ([`crate::json_to_js`]).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    crate::json_to_js(value).ok_or_else(|| JsError::new("cannot convert the result"))
}

/// The JSON text of a value, as the command line prints it.
fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, JsError> {
    serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}
