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

#[cfg(any(feature = "api", not(feature = "app")))]
pub mod api;

#[cfg(feature = "app")]
pub mod app;

#[cfg(feature = "app")]
pub mod embed;

/// The id of the element the app mounts into.
#[cfg(feature = "app")]
pub const ROOT_ID: &str = "app";

#[cfg(feature = "app")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID))
        .filter(|root| root.has_attribute("data-nianbao"));
    if let Some(root) = root {
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
