//! The full JavaScript module (`dist/pkg`: the core with every reader and
//! writer, and the rule guidance), which the page loads on first need: what a
//! first check does not use stays out of the page's first download.

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
