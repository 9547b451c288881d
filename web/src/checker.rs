//! The page's checker: the second wasm of the page, built from this crate with
//! the feature `checker` alone (`cargo xtask dist` writes it as
//! `dist/nianbao-checker-HASH.js` and `…_bg.wasm`). It holds the readers and
//! the rules; the app (feature `app`) holds neither, and loads this when the
//! first file is given — in web workers (www/worker.js), or on the page
//! itself where no worker can start (www/boot.js, the widget, the offline
//! page). Either way the result crosses as bytes of [`crate::wire`], which the
//! app decodes: one path from a file to what the page shows.

use wasm_bindgen::prelude::wasm_bindgen;

/// Read and check one file; the result (or why there is none) in the wire form.
#[wasm_bindgen(js_name = workerCheck)]
pub fn worker_check(name: &str, bytes: &[u8]) -> Vec<u8> {
    // The checker goes without the core's GB18030 table: the browser's
    // TextDecoder (in a worker too) decodes those files.
    crate::install_gb18030_decoder();
    crate::wire::encode(&nianbao_core::check(name, bytes))
}
