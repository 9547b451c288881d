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
/// `time_limit_ms` (on the page's own thread, where no worker can be stopped
/// from outside) is the time the file is given: a check still running then
/// stops and the file is refused as `timed_out`. Workers pass none: their
/// pool terminates a worker whose file is over its time.
#[wasm_bindgen(js_name = workerCheck)]
pub fn worker_check(name: &str, bytes: &[u8], time_limit_ms: Option<f64>) -> Vec<u8> {
    // The checker goes without the core's GB18030 table: the browser's
    // TextDecoder (in a worker too) decodes those files.
    crate::install_gb18030_decoder();
    let limits = crate::limits_within(time_limit_ms.unwrap_or(0.0));
    crate::wire::encode(&nianbao_core::check_with_limits(name, bytes, &limits))
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
    // Built in place rather than through JSON text: the checker then carries
    // no JSON writer.
    let guide = js_sys::Object::new();
    for (key, text) in [
        ("why", m.basis),
        ("why_en", m.basis_en),
        ("fix", m.fix),
        ("fix_en", m.fix_en),
    ] {
        set(&guide, key, &text.into());
    }
    guide.into()
}

/// A real report to try the checker on: 博爱县人民政府's report for 2024 as
/// published (tests/fixtures/seeds/003, with its provenance in the README
/// there), which has one error and two warnings.
#[wasm_bindgen(js_name = sampleReport)]
pub fn sample_report() -> String {
    include_str!("../../tests/fixtures/seeds/003_988e673ff9f8f84e.txt").to_string()
}

/// What a file given to the page stands for: a zip of reports (nested zips
/// too, their names in GBK as Windows writes them) stands for the files in
/// it; a file of a folder (`found`) that is no report is skipped. The core's
/// `batch::expand` with its limits: a zip bomb, too many entries or archives
/// nested too deep are refused as a whole, with its message.
///
/// An array, one object per file, in order:
/// - `{name}`: the file itself, as given (not an archive, not skipped);
/// - `{name, bytes}`: a file taken out of the archive, to check;
/// - `{name, answer}`: refused before it could be checked (the archive as
///   a whole, or one entry): the refusal in the wire form, as `workerCheck`
///   gives it;
/// - `{name, skipped, message, message_en}`: no report (`skipped`: the
///   reason's word, `picture`, `system-file`, `other-kind`).
///
/// Entries are named `prefix` + their path in the archive.
#[wasm_bindgen(js_name = expandArchive)]
pub fn expand_archive(name: &str, bytes: &[u8], found: bool, prefix: &str) -> js_sys::Array {
    use nianbao_core::{expand, Input};
    crate::install_gb18030_decoder();
    let out = js_sys::Array::new();
    let object = |name: &str| {
        let o = js_sys::Object::new();
        set(&o, "name", &name.into());
        o
    };
    let inputs = expand(
        name,
        prefix,
        bytes.to_vec(),
        found,
        &nianbao_core::Limits::default(),
    );
    let alone = inputs.len() == 1;
    for input in inputs {
        let o = match input {
            Input::File(n, _) if alone && n == name => object(&n),
            Input::File(n, b) => {
                let o = object(&n);
                set(&o, "bytes", &js_sys::Uint8Array::from(&b[..]));
                o
            }
            Input::Refused(n, e) => {
                let o = object(&n);
                let answer = crate::wire::encode(&Err(e));
                set(&o, "answer", &js_sys::Uint8Array::from(&answer[..]));
                o
            }
            Input::Skipped(s) => {
                let o = object(&s.file);
                set(&o, "skipped", &s.reason.as_str().into());
                set(&o, "message", &s.reason.message().into());
                set(&o, "message_en", &s.reason.message_en().into());
                o
            }
        };
        out.push(&o);
    }
    out
}

fn set(o: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(o, &key.into(), value);
}
