//! The JavaScript API over the core, with no UI.
//!
//! ```js
//! import init, { check, checkText, version } from "./pkg/nianbao_web.js";
//! await init();
//! const result = check(new Uint8Array(await file.arrayBuffer()), file.name);
//! if (result.error) console.log(result.error.message);
//! else console.log(result.summary.errors, result.diagnostics);
//! ```
//!
//! Every function returns the object described in EXPORT.md (the same shape as
//! the command line's `--format json`), as plain JavaScript objects: spans carry
//! `utf16_start`/`utf16_end` for slicing JavaScript strings. A file that cannot be
//! read gives an object with `error` (`kind`, `message`, `message_en`) and
//! `report: null`, never an exception.

use nianbao_core::export::Export;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Check one file given as bytes; `name` helps tell its kind (`.txt`, `.docx`, …).
#[wasm_bindgen]
pub fn check(bytes: &[u8], name: &str) -> Result<JsValue, JsError> {
    to_js(&check_export(bytes, name))
}

/// Check text already decoded (for example pasted by a person).
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(text: &str, name: &str) -> Result<JsValue, JsError> {
    check(text.as_bytes(), name)
}

/// The version of the checker.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The export of one file: the same value [`check`] returns, before it crosses
/// into JavaScript.
pub fn check_export(bytes: &[u8], name: &str) -> Export {
    Export::of_result(name, &nianbao_core::check(name, bytes))
}

/// Convert a value to a plain JavaScript value: maps become objects (not `Map`),
/// and 64-bit integers become numbers.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}
