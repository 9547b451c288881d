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

/// Print the report with the number of its note at each place a finding
/// sits (the class `annotate` on the root element switches the print sheet
/// to that), for files that get no annotated copy of their own.
pub fn print_annotated() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(r) = &root {
        let _ = r.class_list().add_1("annotate");
    }
    print();
    if let Some(r) = &root {
        let _ = r.class_list().remove_1("annotate");
    }
}

/// How far the window is scrolled down.
pub fn scroll_y() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

/// Scroll the window down to `y`.
pub fn scroll_to(y: f64) {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}

/// Give the focus to the first element under `root` matching `selector`,
/// after scrolling it to the top of the window when `scroll`.
pub fn focus_in(root: &yew::NodeRef, selector: &str, scroll: bool) {
    let Some(el) = root
        .cast::<web_sys::Element>()
        .and_then(|r| r.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if scroll {
        el.scroll_into_view();
    }
    let _ = el.focus();
}

/// The language of the page: the one chosen last time (kept in the
/// browser's storage), else the first of the browser's languages that the
/// page has, else Chinese.
pub fn initial_lang() -> super::i18n::Lang {
    use super::i18n::Lang;
    let Some(w) = web_sys::window() else {
        return Lang::Zh;
    };
    let kept = w
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let languages = w.navigator().languages();
    let browser = languages.iter().filter_map(|l| l.as_string());
    kept.into_iter()
        .chain(browser)
        .find_map(|l| {
            let l = l.to_ascii_lowercase();
            (l.starts_with("zh") || l.starts_with("en")).then_some(l)
        })
        .map_or(Lang::Zh, |l| {
            if l.starts_with("en") {
                Lang::En
            } else {
                Lang::Zh
            }
        })
}

/// Where the page keeps the language chosen.
const LANG_KEY: &str = "nianbao-lang";

/// Keep the language chosen for the next visit.
pub fn remember_lang(lang: super::i18n::Lang) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// The fragment of the page's address (`#r3`).
pub fn address_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Put a view's fragment (`""`: none) in the page's address: a new entry of
/// the browser's history, or in place of the current one.
pub fn set_address(hash: &str, replace: bool) {
    let Some(w) = web_sys::window() else { return };
    let url = if hash.is_empty() {
        let l = w.location();
        format!(
            "{}{}",
            l.pathname().unwrap_or_default(),
            l.search().unwrap_or_default()
        )
    } else {
        hash.to_string()
    };
    if let Ok(h) = w.history() {
        // The page puts the scroll back itself (the list's place, a report's
        // heading): the browser's own restoring on Back would undo that.
        let _ = js_sys::Reflect::set(&h, &"scrollRestoration".into(), &"manual".into());
        let _ = if replace {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}

/// Tell the person something went wrong, in the browser's own box.
pub fn alert(message: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.alert_with_message(message);
    }
}
