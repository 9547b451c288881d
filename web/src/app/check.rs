//! The checking step: bytes in, an [`Outcome`] out. On the page itself
//! ([`check_file`]) or in a web worker (`worker_check` there, [`from_worker`]
//! here, the result crossing in the form of [`crate::wire`]); see `runner`
//! for which.

use nianbao_core::read::internal_error;
use nianbao_core::{Checked, ReadError, ReadErrorKind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The result of checking one file.
#[derive(Debug)]
pub struct Outcome {
    pub result: Result<Checked, ReadError>,
    /// Time spent in the core, in milliseconds (0 where no clock is available).
    pub check_ms: f64,
    /// Time from the file being given (dropped, chosen, pasted) to its result,
    /// reading included, in milliseconds.
    pub total_ms: f64,
    /// `performance.now()` when the file was given.
    pub given_ms: f64,
}

/// Outcomes are compared by identity: each check makes a new one.
impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Outcome {
    pub fn checked(&self) -> Option<&Checked> {
        self.result.as_ref().ok()
    }
}

/// Read and check one file. This is the whole of the work done per file.
pub fn check_file(name: &str, bytes: &[u8]) -> Outcome {
    let start = now_ms();
    // While the core works, the page's root element names the file: with
    // `panic = "abort"` a bug in the core traps the whole wasm instance, and the
    // loader (www/boot.js) then shows an error for that file and starts a fresh
    // instance of the app.
    mark_checking(Some(name));
    let result = nianbao_core::check(name, bytes);
    mark_checking(None);
    let check_ms = (now_ms() - start).max(0.0);
    Outcome {
        result,
        check_ms,
        total_ms: check_ms,
        given_ms: start,
    }
}

/// The worker's side (www/worker.js): check one file and give the result in
/// the core's wire form, for the page to decode ([`from_worker`]).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = workerCheck)]
pub fn worker_check(name: &str, bytes: &[u8]) -> Vec<u8> {
    crate::wire::encode(&nianbao_core::check(name, bytes))
}

/// What the page makes of a worker's answer: the result it sent, or why there
/// is none (`kind` of the pool's rejection: `timeout` or `trap`; `limit_ms`
/// the time allowed).
pub fn from_worker(answer: Result<&[u8], (&str, f64)>) -> Result<Checked, ReadError> {
    match answer {
        Ok(bytes) => crate::wire::decode(bytes).unwrap_or_else(|| Err(internal_error())),
        Err(("timeout", limit_ms)) => {
            let secs = (limit_ms / 1000.0).ceil().max(0.0) as u64;
            Err(ReadError::new(
                ReadErrorKind::TimedOut,
                format!("检查此文件超过 {secs} 秒，已停止（文件可能过大、过于复杂或已损坏）。其他文件不受影响。"),
                format!(
                    "Checking this file took longer than {secs} s and was stopped (the file may be too large, too complex or damaged). Other files are not affected."
                ),
            ))
        }
        Err(_) => Err(internal_error()),
    }
}

/// Set (or remove) `data-checking` on the document's root element.
fn mark_checking(name: Option<&str>) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match name {
            Some(n) => root.set_attribute("data-checking", n),
            None => root.remove_attribute("data-checking"),
        };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// A fresh id for a file added to the page.
pub fn next_id() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Milliseconds from the page's clock (`performance.now()`), 0 natively.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or(0.0)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
