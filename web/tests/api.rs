//! The JavaScript API, called from inside headless Chromium
//! (`cargo xtask test`, or `wasm-pack test --headless --chrome web`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use nianbao_web::api;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_003: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/seeds/003_988e673ff9f8f84e.txt"
));

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key))
        .unwrap_or_else(|_| panic!("cannot read `{key}` of {}", json(v)))
}

fn json(v: &JsValue) -> String {
    JSON::stringify(v)
        .map(String::from)
        .unwrap_or_else(|_| "<not JSON>".into())
}

fn keys(v: &JsValue) -> Vec<String> {
    Object::keys(&Object::from(v.clone()))
        .iter()
        .filter_map(|k| k.as_string())
        .collect()
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(api::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn an_empty_file_is_an_error_result_not_an_exception() {
    let result = api::check(b"  \n\t ", "blank.txt").expect("a result, not an exception");
    // A plain object (maps are objects, not `Map`), as docs/export.md says.
    assert!(result.is_object(), "{}", json(&result));
    assert!(!result.is_instance_of::<js_sys::Map>());
    assert_eq!(
        get(&result, "file").as_string().as_deref(),
        Some("blank.txt")
    );
    assert!(get(&result, "report").is_null(), "{}", json(&result));
    assert!(get(&result, "input").is_null(), "{}", json(&result));
    assert_eq!(Array::from(&get(&result, "diagnostics")).length(), 0);
    let summary = get(&result, "summary");
    for k in ["errors", "warnings", "infos"] {
        assert_eq!(get(&summary, k).as_f64(), Some(0.0), "summary.{k}");
    }
    let error = get(&result, "error");
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("empty"));
    let message = get(&error, "message").as_string().unwrap_or_default();
    assert!(message.contains("空"), "message in Chinese: {message}");
    let message_en = get(&error, "message_en").as_string().unwrap_or_default();
    assert!(
        message_en.contains("empty"),
        "message in English: {message_en}"
    );
}

#[wasm_bindgen_test]
fn a_legacy_word_file_is_refused_with_a_clear_message() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend_from_slice(&[0; 504]);
    let result = api::check(&bytes, "2024年报.doc").expect("a result");
    let error = get(&result, "error");
    assert_eq!(
        get(&error, "kind").as_string().as_deref(),
        Some("legacy_office"),
        "{}",
        json(&result)
    );
    assert!(get(&error, "message")
        .as_string()
        .unwrap_or_default()
        .contains(".docx"));
}

#[wasm_bindgen_test]
fn check_text_is_check_on_the_utf8_bytes() {
    let a = api::check_text("", "empty.txt").expect("a result");
    let b = api::check(b"", "empty.txt").expect("a result");
    assert_eq!(json(&a), json(&b));
}

/// `checkJson` is `check`'s result as text: parsed, the same object; an
/// unreadable file is an error result there too.
#[wasm_bindgen_test]
fn check_json_is_the_text_of_check() {
    for (bytes, name) in [
        (SEED_003.as_bytes(), "003.txt"),
        (&b"PK\x03\x04"[..], "x.docx"),
    ] {
        let text = api::check_json(bytes, name).expect("a result");
        let parsed = JSON::parse(&text).expect("JSON text");
        let object = api::check(bytes, name).expect("a result");
        assert_eq!(json(&parsed), json(&object));
    }
    let seed = api::check_json(SEED_003.as_bytes(), "003.txt").unwrap();
    assert!(seed.contains("\"rule\":\"A004\""), "{seed}");
    let broken = api::check_json(b"PK\x03\x04", "x.docx").unwrap();
    assert!(broken.contains("\"report\":null"), "{broken}");
}

/// A real report: the shape of docs/export.md, with the three tables as nested
/// objects keyed by the canonical keys of docs/format.md.
#[wasm_bindgen_test]
fn a_seed_gives_the_export_shape() {
    let result = api::check_text(SEED_003, "003.txt").expect("a result");
    assert_eq!(get(&result, "file").as_string().as_deref(), Some("003.txt"));
    assert!(get(&result, "error").is_undefined(), "{}", json(&result));
    let input = get(&result, "input");
    assert_eq!(get(&input, "kind").as_string().as_deref(), Some("text"));
    let report = get(&result, "report");
    assert!(report.is_object(), "{}", json(&result));
    for table in ["proactive", "requests", "appeals"] {
        let t = get(&report, table);
        assert!(t.is_object() && !keys(&t).is_empty(), "report.{table}");
    }
    let appeals = get(&report, "appeals");
    let review = get(&appeals, "review");
    assert!(
        keys(&review).contains(&"total".to_string()),
        "{}",
        json(&review)
    );
    // Facts of seed 003 (tests/fixtures/seeds/README.md).
    assert_eq!(get(&report, "year").as_f64(), Some(2024.0));
    let new = get(&get(&report, "requests"), "new");
    assert_eq!(get(&new, "total").as_f64(), Some(35.0), "{}", json(&new));
    let after_review = get(&appeals, "litigation_after_review");
    assert_eq!(get(&after_review, "total").as_f64(), Some(1.0));
    let diagnostics = Array::from(&get(&result, "diagnostics"));
    let a004 = diagnostics
        .iter()
        .find(|d| get(d, "rule").as_string().as_deref() == Some("A004"))
        .unwrap_or_else(|| panic!("an A004 finding in {}", json(&diagnostics)));
    let cell = get(&get(&a004, "at"), "cell");
    assert_eq!(
        get(&cell, "row").as_string().as_deref(),
        Some("litigation_after_review")
    );
    let sections = Array::from(&get(&report, "sections"));
    assert!(sections.length() >= 6, "sections: {}", json(&sections));
    let span = get(&sections.get(0), "span");
    for k in ["start", "end", "line", "column", "utf16_start", "utf16_end"] {
        assert!(
            get(&span, k).as_f64().is_some(),
            "span.{k}: {}",
            json(&span)
        );
    }
    // UTF-16 offsets slice the JavaScript string at the heading.
    let start = get(&span, "utf16_start").as_f64().unwrap_or(0.0) as u32;
    let end = get(&span, "utf16_end").as_f64().unwrap_or(0.0) as u32;
    let text = js_sys::JsString::from(SEED_003);
    let heading = String::from(text.slice(start, end));
    let title = get(&sections.get(0), "title")
        .as_string()
        .unwrap_or_default();
    assert!(heading.contains(&title), "{heading:?} contains {title:?}");
}

/// Files the checker cannot read, in the browser build: each gives an error
/// result of its kind with a message in both languages, never an exception
/// or a trap, and the module goes on checking afterwards.
#[wasm_bindgen_test]
fn unreadable_files_are_error_results_in_the_browser() {
    macro_rules! fixture {
        ($p:literal) => {
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/fixtures/",
                $p
            ))
            .as_slice()
        };
    }
    let mut garbage = vec![0u8; 64 * 1024];
    let mut x: u32 = 0x9E37_79B9;
    for b in garbage.iter_mut() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    let cases: [(&str, &[u8], &str); 7] = [
        ("bomb.docx", fixture!("docx/bomb.docx"), "zip_bomb"),
        (
            "bomb-lying.docx",
            fixture!("docx/bomb-lying.docx"),
            "zip_bomb",
        ),
        ("truncated.docx", fixture!("docx/truncated.docx"), "corrupt"),
        ("scanned.pdf", fixture!("pdf/scanned.pdf"), "scanned"),
        (
            "encrypted.pdf",
            fixture!("pdf/encrypted-password.pdf"),
            "encrypted",
        ),
        ("bomb.pdf", fixture!("pdf/bomb.pdf"), "too_large"),
        ("noise.pdf", &garbage, "corrupt"),
    ];
    for (name, bytes, kind) in cases {
        let result = api::check(bytes, name).expect("a result, not an exception");
        let error = get(&result, "error");
        assert_eq!(
            get(&error, "kind").as_string().as_deref(),
            Some(kind),
            "{name}: {}",
            json(&result)
        );
        for key in ["message", "message_en"] {
            let m = get(&error, key).as_string().unwrap_or_default();
            assert!(m.chars().count() > 8, "{name}: {key} “{m}”");
        }
    }
    // Random bytes under a text name are read as text and said not to be a report.
    let result = api::check(&garbage, "noise.txt").expect("a result");
    assert!(get(&result, "error").is_object(), "{}", json(&result));
    // And the module still checks a report.
    let result = api::check_text(SEED_003, "003.txt").expect("a result");
    assert_eq!(get(&get(&result, "summary"), "errors").as_f64(), Some(1.0));
}

/// The allocator of the wasm builds (`nianbao_web::pool`) hands freed blocks
/// out again: once the module has checked a few reports, checking them
/// hundreds of times more asks the standard library for no more small
/// blocks, and leaves no large block behind (a block lost on the way back
/// would cost some 100 KB a round).
#[wasm_bindgen_test]
fn repeated_checks_reuse_the_freed_blocks() {
    use nianbao_web::pool::GLOBAL;
    let docx: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/docx/002.docx"
    ));
    let round = || {
        let text = api::check_json(SEED_003.as_bytes(), "003.txt").expect("a result");
        assert!(text.contains("\"errors\":1"), "{text}");
        let result = api::check(docx, "002.docx").expect("a result");
        assert!(get(&result, "report").is_object(), "{}", json(&result));
    };
    for _ in 0..5 {
        round();
    }
    let (fresh, large) = (GLOBAL.small_fresh_bytes(), GLOBAL.large_live_bytes());
    assert!(fresh > 0, "the pool is the global allocator");
    for _ in 0..300 {
        round();
    }
    assert_eq!(
        GLOBAL.small_fresh_bytes(),
        fresh,
        "small blocks were asked for anew"
    );
    assert_eq!(
        GLOBAL.large_live_bytes(),
        large,
        "large blocks were left behind"
    );
}
