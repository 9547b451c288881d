//! The page's checker: the second wasm of the page, built from this crate with
//! the feature `checker` alone (`cargo xtask dist` writes it as
//! `dist/nianbao-checker-HASH.js` and `…_bg.wasm`). It holds the readers and
//! the rules; the app (feature `app`) holds neither, and loads this when the
//! first file is given — in web workers (www/worker.js), or on the page
//! itself where no worker can start (www/boot.js, the widget, the offline
//! page). Either way the result crosses as bytes of [`crate::wire`], which the
//! app decodes: one path from a file to what the page shows.

//!
//! Loaded on the page, the same wasm also gives what the app offers when a
//! person asks for it (www/boot.js names it `nianbaoModule`): the annotated
//! copy of a Word document, a rule's basis and how to fix what it found, and
//! a sample report to try.

use wasm_bindgen::prelude::{wasm_bindgen, JsError, JsValue};

/// Read and check one file; the result (or why there is none) in the wire form.
#[wasm_bindgen(js_name = workerCheck)]
pub fn worker_check(name: &str, bytes: &[u8]) -> Vec<u8> {
    // The checker goes without the core's GB18030 table: the browser's
    // TextDecoder (in a worker too) decodes those files.
    crate::install_gb18030_decoder();
    crate::wire::encode(&nianbao_core::check(name, bytes))
}

/// A copy of a Word document (.docx) with a Word comment at each finding (the
/// module's `annotate`). `lang` is taken for the page's call; the comments
/// say both languages.
#[wasm_bindgen]
pub fn annotate(bytes: &[u8], name: &str, lang: Option<String>) -> Result<Vec<u8>, JsError> {
    let _ = lang;
    crate::annotated_copy(bytes, name)
}

/// What rule `id` rests on and how to fix what it finds, in both languages:
/// `{why, why_en, fix, fix_en}`; `undefined` for an unknown id.
#[wasm_bindgen(js_name = ruleGuide)]
pub fn rule_guide(id: &str) -> JsValue {
    let Some(m) = nianbao_core::rules::meta(id) else {
        return JsValue::UNDEFINED;
    };
    let guide = serde_json::json!({
        "why": m.basis,
        "why_en": m.basis_en,
        "fix": m.fix,
        "fix_en": m.fix_en,
    });
    crate::json_to_js(&guide).unwrap_or(JsValue::UNDEFINED)
}

/// A real report to try the checker on: 博爱县人民政府's report for 2024 as
/// published (tests/fixtures/seeds/003, with its provenance in the README
/// there), which has one error and two warnings.
#[wasm_bindgen(js_name = sampleReport)]
pub fn sample_report() -> String {
    include_str!("../../tests/fixtures/seeds/003_988e673ff9f8f84e.txt").to_string()
}
