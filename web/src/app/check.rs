//! The checking step as the app sees it: the checker (`crate::checker`, a
//! second wasm, in a web worker or on the page) answers in the form of
//! [`crate::wire`], and [`from_worker`] makes an [`Outcome`] of it; see
//! `runner` for how files reach it.

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

/// What the page shows for one file: the checker's answer ([`crate::wire`])
/// as the page decodes it. The page itself never calls this (its wasm holds
/// no checker; files go to the pool of www/boot.js): native tests do, to
/// follow the same path from bytes to an [`Outcome`].
pub fn check_file(name: &str, bytes: &[u8]) -> Outcome {
    let answer = crate::wire::encode(&nianbao_core::check(name, bytes));
    Outcome {
        result: from_worker(Ok(&answer)),
        check_ms: 0.0,
        total_ms: 0.0,
        given_ms: 0.0,
    }
}

/// What the page makes of a worker's answer: the result it sent, or why there
/// is none (`kind` of the pool's rejection: `timeout`, `trap`, `unavailable`
/// or `unreadable`; `limit_ms` the time allowed).
pub fn from_worker(answer: Result<&[u8], (&str, f64)>) -> Result<Checked, ReadError> {
    match answer {
        Ok(bytes) => crate::wire::decode(bytes).unwrap_or_else(|| Err(internal_error())),
        Err(("timeout", limit_ms)) => Err(nianbao_core::read::timed_out(limit_ms)),
        // The checker itself could not be loaded (a lost connection before
        // its first use, a page that forbids it): nothing was read.
        Err(("unavailable", _)) => Err(ReadError::new(
            ReadErrorKind::Internal,
            "检查程序未能载入，此文件未检查。请检查网络后刷新页面重试（载入一次后可离线使用）。",
            "The checker could not be loaded, so this file was not checked. Reload the page once connected (after one load it works offline).",
        )),
        // The browser could not read the file it was given (moved, deleted,
        // changed or locked after it was chosen): nothing was checked.
        Err(("unreadable", _)) => Err(nianbao_core::read::cannot_open(
            "浏览器读不到它（选定后可能已被移动、删除、修改或占用），请重新选择此文件",
            "the browser could not read it (it may have been moved, deleted, changed or locked after it was chosen); choose it again",
        )),
        Err(_) => Err(internal_error()),
    }
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
