//! Small effects on the page that Yew does not do: scrolling to a finding's
//! place and making it flash.

use wasm_bindgen::JsCast;

/// Scroll the element with this id into view, give it the keyboard focus and
/// flash it. The element is looked for in the report that holds `from` (the
/// control clicked), so that it is found inside a shadow root too, and else in
/// the document.
pub fn reveal(from: Option<web_sys::EventTarget>, id: &str) {
    let in_report = from
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("article.report").ok().flatten())
        .and_then(|r| r.query_selector(&format!("#{id}")).ok().flatten());
    let Some(el) = in_report.or_else(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
    }) else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    let classes = el.class_list();
    let _ = classes.remove_1("flash");
    if let Ok(h) = el.clone().dyn_into::<web_sys::HtmlElement>() {
        // Reading the layout restarts the animation.
        let _ = h.offset_width();
        if !h.has_attribute("tabindex") {
            let _ = h.set_attribute("tabindex", "-1");
        }
        let _ = h.focus();
    }
    let _ = classes.add_1("flash");
}

/// Open the browser's print dialogue.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
