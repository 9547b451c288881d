//! What the page offers on request beyond checking (the annotated copy of a
//! Word document, a rule's guidance, a sample report): exports of the checker
//! (`crate::checker`), a copy of which the loader starts on the page when
//! first asked (`globalThis.nianbaoModule`, www/boot.js). The widget and the
//! offline page give none; the page then offers what it can without it.

use wasm_bindgen::{JsCast, JsValue};

/// The module, loaded (once) and started: its exports as an object.
pub async fn load() -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let loader: js_sys::Function =
        js_sys::Reflect::get(&global, &"nianbaoModule".into())?.dyn_into()?;
    let promise: js_sys::Promise = loader.call0(&global)?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await
}

/// Call the module's function `name` with `args`.
pub async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let module = load().await?;
    let f: js_sys::Function = js_sys::Reflect::get(&module, &name.into())?.dyn_into()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&module, &args)
}

/// A string field of an object (`""` when it has none).
pub fn text(v: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(v, &key.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// Whether the page can load the module (the page's loader offers it; the
/// widget and the single-file offline page may not).
pub fn available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"nianbaoModule".into()).is_ok_and(|f| f.is_function())
}
