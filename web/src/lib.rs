//! The web app and the JavaScript API: thin layers over nianbao-core.
//!
//! - [`api`]: the JavaScript API (`check`, `checkText`, `version`), no UI. The
//!   embeddable module in `dist/pkg/` is this crate built without the `app`
//!   feature, so it carries no Yew and mounts nothing.
//! - `app` (feature `app`, on by default): the Yew page that trunk builds into
//!   `dist/`. It mounts itself into the element `#app` of the page when that
//!   element exists and carries `data-nianbao`, and does nothing on any other
//!   page (a portal that loads the widget may have an `#app` of its own).
//! - [`embed`] (feature `app`): the same app as a widget, mounted by the custom
//!   element `<nianbao-check>` into its shadow root.
//! - `checker` (feature `checker`): the second wasm of the page, which reads
//!   and checks. The app hands files to it through a pool (www/boot.js: web
//!   workers, or the page itself) and decodes the answers ([`wire`]); the
//!   app's own wasm holds neither readers nor rules.

#[cfg(any(
    feature = "api",
    not(any(feature = "app", feature = "checker", feature = "workspace"))
))]
pub mod api;

/// The checker the page loads when a file is first given: bytes in, the
/// result in the wire form out (feature `checker`).
#[cfg(feature = "checker")]
pub mod checker;

/// The reviewer's workspace the page loads with the checker: fingerprints,
/// the matrix, the memo, the workspace file (feature `workspace`).
#[cfg(feature = "workspace")]
pub mod workspace;

/// The workspace part's views: overview, ranking, charts, search, grouping
/// by hand (feature `workspace`).
#[cfg(feature = "workspace")]
pub mod ws_views;

/// The compact form in which a web worker hands a check's result to the page.
pub mod wire;

/// The global allocator of the wasm builds (`pool::GLOBAL`): small blocks
/// from size-class lists, the rest from `talc`.
pub mod pool;

#[cfg(feature = "app")]
pub mod app;

#[cfg(feature = "app")]
pub mod embed;

/// A value as plain JavaScript objects: the JSON text of the command line's
/// `--format json`, parsed by the browser. The module's results and the
/// widget's events both cross this way. A result is a large tree (every cell
/// of three tables, every finding with its spans); one `JSON.parse` builds it
/// in about three quarters of the time that setting its properties one by one
/// from the wasm takes (measured with `cargo xtask bench`), it is the CLI's
/// output exactly, and the page needs no second serialisation of every result
/// type beside serde_json's (7.5 KB of its gzipped wasm).
pub fn json_to_js<T: serde::Serialize + ?Sized>(value: &T) -> Option<wasm_bindgen::JsValue> {
    // Serialising a result does not fail; leaving its error's text out keeps
    // serde_json's error formatting out of the page.
    let text = serde_json::to_string(value).ok()?;
    js_sys::JSON::parse(&text).ok()
}

/// A copy of a Word document (.docx) with a Word comment at each finding;
/// throws (with the reason in both languages) for a file that cannot be read
/// or is not a .docx. The module's `annotate` and the checker's.
#[cfg(any(feature = "checker", feature = "api", not(feature = "app")))]
pub fn annotated_copy(bytes: &[u8], name: &str) -> Result<Vec<u8>, wasm_bindgen::JsError> {
    install_gb18030_decoder();
    let copy = nianbao_core::check(name, bytes)
        .and_then(|checked| nianbao_core::annotate_docx(bytes, &checked));
    copy.map(|a| a.bytes)
        .map_err(|e| wasm_bindgen::JsError::new(&format!("{} / {}", e.message, e.message_en)))
}

#[cfg(any(feature = "checker", feature = "api", not(feature = "app")))]
/// Milliseconds on the browser's clock (`Date.now()`), for the core's time
/// limit per file; natively (the crate's own tests) the system's.
pub fn clock_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

#[cfg(any(feature = "checker", feature = "api", not(feature = "app")))]
/// The core's limits with `ms` milliseconds for one file (none if `ms` is
/// not above 0), on [`clock_ms`].
pub fn limits_within(ms: f64) -> nianbao_core::Limits {
    nianbao_core::Limits {
        time_limit: (ms > 0.0).then_some(nianbao_core::read::TimeLimit {
            clock: clock_ms,
            ms,
        }),
        ..nianbao_core::Limits::default()
    }
}

/// The id of the element the app mounts into.
#[cfg(feature = "app")]
pub const ROOT_ID: &str = "app";

/// GB18030 decoded by the browser's `TextDecoder`, which implements the same
/// WHATWG standard as the core's own decoder (malformed sequences become
/// U+FFFD). `None` where there is none (and natively).
pub fn text_decoder_gb18030(bytes: &[u8]) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let decoder = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = bytes;
        None
    }
}

/// Give the core [`text_decoder_gb18030`] for the GB18030 two-byte codes: a
/// build without the core's table (the page: feature `app` without `api`)
/// needs it before the first GB18030 file. Cheap, and harmless with the table.
/// Every instance of the wasm calls it once: the app at start, the API on each
/// call.
pub fn install_gb18030_decoder() {
    nianbao_core::read::gb18030::set_gb18030_decoder(text_decoder_gb18030);
}

#[cfg(feature = "app")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    install_gb18030_decoder();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID))
        .filter(|root| root.has_attribute("data-nianbao"));
    if let Some(root) = root {
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
