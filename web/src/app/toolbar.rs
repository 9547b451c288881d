//! Export and print.

use super::export::{download, findings_csv, json, values_csv};
use super::i18n::{texts, Lang};
use super::state::{CrossItem, Entry};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub entries: Vec<Entry>,
    pub cross: Vec<CrossItem>,
    pub on_clear: Callback<MouseEvent>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let t = texts(props.lang);
    let lang = props.lang;
    let on_json = {
        let entries = props.entries.clone();
        Callback::from(move |_| download("nianbao.json", "application/json", &json(&entries)))
    };
    let on_findings = {
        let entries = props.entries.clone();
        let cross = props.cross.clone();
        Callback::from(move |_| {
            download(
                "nianbao-findings.csv",
                "text/csv;charset=utf-8",
                &findings_csv(lang, &entries, &cross),
            )
        })
    };
    let on_values = {
        let entries = props.entries.clone();
        Callback::from(move |_| {
            download(
                "nianbao-values.csv",
                "text/csv;charset=utf-8",
                &values_csv(lang, &entries),
            )
        })
    };
    let on_print = Callback::from(|_| super::dom::print());
    html! {
        <nav class="toolbar" aria-label={t.export}>
            <button type="button" class="button" id="export-json" onclick={on_json}>{ t.export_json }</button>
            <button type="button" class="button" id="export-findings" onclick={on_findings}>{ t.export_findings_csv }</button>
            <button type="button" class="button" id="export-values" onclick={on_values}>{ t.export_values_csv }</button>
            <button type="button" class="button" onclick={on_print}>{ t.print }</button>
            <button type="button" class="button quiet" onclick={props.on_clear.clone()}>{ t.clear }</button>
        </nav>
    }
}
