//! Export, the annotated copy, print, clear.

use super::export::{download, findings_csv, json, values_csv};
use super::i18n::{export_name, texts, Lang};
use super::state::{CrossItem, Entry};
use super::Source;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub entries: Vec<Entry>,
    pub cross: std::rc::Rc<Vec<CrossItem>>,
    pub on_clear: Callback<MouseEvent>,
    /// The report shown, if one is.
    #[prop_or_default]
    pub selected: Option<Entry>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let t = texts(props.lang);
    let lang = props.lang;
    let asking = use_state_eq(|| false);
    let save = |what: usize| {
        let entries = props.entries.clone();
        let cross = props.cross.clone();
        Callback::from(move |_| {
            let name = export_name(lang, &entries, what);
            match what {
                0 => download(
                    &name,
                    "text/csv;charset=utf-8",
                    &findings_csv(lang, &entries, &cross),
                ),
                1 => download(&name, "text/csv;charset=utf-8", &values_csv(lang, &entries)),
                _ => download(&name, "application/json", &json(&entries)),
            }
        })
    };
    let on_print = Callback::from(|_| super::dom::print());
    // A Word document gets a copy of itself with a comment at each finding
    // (written by the full module); any other file a print of its report
    // with each place numbered after its note.
    let annotate = props.selected.as_ref().filter(|e| e.checked().is_some()).map(|e| {
        let file = match e.source.as_deref() {
            Some(Source::File(f))
                if super::module::available()
                    && e.checked().is_some_and(|c| c.document.input.kind.as_str() == "docx") =>
            {
                Some(f.clone())
            }
            _ => None,
        };
        match file {
            Some(file) => {
                let name = e.name.clone();
                let out = format!(
                    "{}-{}.docx",
                    name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s),
                    lang.pick("批注", "annotated")
                );
                let onclick = Callback::from(move |_| {
                    let (file, name, out) = (file.clone(), name.clone(), out.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let blob = gloo::file::Blob::from(file);
                        let bytes = gloo::file::futures::read_as_bytes(&blob).await.unwrap_or_default();
                        let bytes = js_sys::Uint8Array::from(bytes.as_slice());
                        let args = [bytes.into(), name.into(), lang.code().into()];
                        match super::module::call("annotate", &args).await {
                            Ok(copy) if wasm_bindgen::JsCast::is_instance_of::<js_sys::Uint8Array>(&copy) => {
                                super::export::download_bytes(&out, DOCX, &copy)
                            }
                            _ => super::dom::alert(texts(lang).module_failed),
                        }
                    });
                });
                html! { <button type="button" class="button" id="annotate" {onclick}>{ t.annotate_docx }</button> }
            }
            None => html! {
                <button type="button" class="button" id="annotate"
                    onclick={Callback::from(|_| super::dom::print_annotated())}>{ t.annotate_print }</button>
            },
        }
    });
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(!*asking))
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let confirm = {
        let asking = asking.clone();
        let on_clear = props.on_clear.clone();
        Callback::from(move |e| {
            asking.set(false);
            on_clear.emit(e)
        })
    };
    html! {
        <nav class="toolbar" aria-label={t.export}>
            <button type="button" class="button" id="export-json" onclick={save(2)}>{ t.export_json }</button>
            <button type="button" class="button" id="export-findings" onclick={save(0)}>{ t.export_findings_csv }</button>
            <button type="button" class="button" id="export-values" onclick={save(1)}>{ t.export_values_csv }</button>
            { for annotate }
            <button type="button" class="button" onclick={on_print}>{ t.print }</button>
            <button type="button" class="button quiet" id="clear" onclick={ask}
                aria-expanded={(*asking).to_string()}>{ t.clear }</button>
            if *asking {
                <span class="confirm" role="group" aria-label={t.clear_ask}>
                    { t.clear_ask }
                    <button type="button" class="button danger" id="clear-yes" onclick={confirm}>{ t.clear }</button>
                    <button type="button" class="button" id="clear-no" onclick={cancel}>{ t.cancel }</button>
                </span>
            }
        </nav>
    }
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
