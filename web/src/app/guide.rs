//! What a rule checks, why, and how to fix what it found: opened under each
//! finding. What it checks is in the page (the catalogue's description); why
//! (the national format it rests on) and how to fix it come from the full
//! module, loaded when a person first opens one, and are written into the
//! opened box (an element the page draws empty and leaves to this).

use super::i18n::{texts, Lang};
use super::module;
use yew::prelude::*;

/// The box under a finding.
pub fn guide(lang: Lang, rule: &'static str) -> Html {
    let t = texts(lang);
    let meta = nianbao_core::rules::meta(rule);
    let ontoggle = Callback::from(move |e: Event| {
        let Some(details) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() else {
            return;
        };
        let Some(more) = details.last_element_child() else {
            return;
        };
        // Loaded once: opened again, the box keeps what it was given.
        if !details.open() || !module::available() || more.has_child_nodes() {
            return;
        }
        let t = texts(lang);
        more.set_text_content(Some(t.loading_module));
        wasm_bindgen_futures::spawn_local(async move {
            let add = |tag: &str, text: &str| {
                if let Some(el) = more
                    .owner_document()
                    .and_then(|d| d.create_element(tag).ok())
                {
                    el.set_text_content(Some(text));
                    let _ = more.append_child(&el);
                }
            };
            let guide = module::call("ruleGuide", &[rule.into()]).await;
            more.set_text_content(None);
            match guide {
                Ok(g) if g.is_object() => {
                    let pick = |k: &str| module::text(&g, &format!("{k}{}", lang.pick("", "_en")));
                    add("h4", t.guide_why);
                    add("p", &pick("why"));
                    add("h4", t.guide_fix);
                    add("p", &pick("fix"));
                }
                _ => add("p", t.module_failed),
            }
        });
    });
    html! {
        <details class="guide" {ontoggle}>
            <summary>{ t.guide }</summary>
            if let Some(m) = meta {
                <p class="checks"><b>{ lang.pick(m.title, m.title_en) }</b>{ " " }{ lang.pick(m.description, m.description_en) }</p>
            }
            <div class="more"></div>
        </details>
    }
}
