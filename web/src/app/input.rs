//! The ways in: a real file picker, and a box to paste text into. (Dropping
//! files works anywhere on the page; see the root component.)

use super::i18n::{texts, Lang};
use super::Source;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub lang: Lang,
    pub on_sources: Callback<Vec<(String, Source)>>,
    /// Once reports are shown, the panel takes less room: the paste box folds.
    #[prop_or_default]
    pub compact: bool,
}

#[function_component(InputPanel)]
pub fn input_panel(props: &InputProps) -> Html {
    let t = texts(props.lang);
    let pasted = use_state(String::new);

    let onchange = {
        let on_sources = props.on_sources.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            on_sources.emit(super::files_of(input.files()));
            // Let the same file be chosen again.
            input.set_value("");
        })
    };
    let oninput = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                pasted.set(area.value());
            }
        })
    };
    let on_check_text = {
        let pasted = pasted.clone();
        let on_sources = props.on_sources.clone();
        let name = t.pasted_name;
        Callback::from(move |_| {
            if !pasted.trim().is_empty() {
                on_sources.emit(vec![(name.to_string(), Source::Text((*pasted).clone()))]);
            }
        })
    };

    html! {
        <section class={classes!("input", props.compact.then_some("compact"))} aria-label={t.choose_files}>
            <div class="picker">
                <label for="file-input">{ t.choose_files }</label>
                <input id="file-input" type="file" multiple=true
                    accept=".txt,.text,.docx,.html,.htm,.pdf,.xlsx,text/plain,text/html,application/pdf"
                    {onchange} />
                <p class="hint">{ t.choose_files_hint }</p>
            </div>
            <details class="paste" open={!props.compact}>
                <summary>{ t.paste_label }</summary>
                <textarea id="paste-box" rows="3" placeholder={t.paste_placeholder} aria-label={t.paste_label}
                    value={(*pasted).clone()} {oninput} />
                <button type="button" class="button" onclick={on_check_text}
                    disabled={pasted.trim().is_empty()}>{ t.paste_check }</button>
            </details>
        </section>
    }
}
