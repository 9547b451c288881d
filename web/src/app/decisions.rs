//! The reviewer's decisions on the findings of the report shown: each
//! finding confirmed (确认问题) or dismissed (不是问题), with a note, kept
//! under the fingerprint the core made of it (see `workspace`), so that the
//! decision comes back when the same report, or a corrected version of it,
//! is checked again; a decided finding no longer there shows as resolved.

use super::i18n::Lang;
use super::state::{CrossItem, Entry, State};
use super::workspace::{decide, Decision};
use nianbao_core::Diagnostic;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DecisionsProps {
    pub lang: Lang,
    pub entry: Entry,
    pub cross: Vec<CrossItem>,
    /// The fingerprints of its findings (own, then cross-report), once stored.
    pub prints: Option<Rc<Vec<String>>>,
    pub decisions: Rc<Vec<Decision>>,
    pub workspace: Option<u32>,
    pub dispatch: UseReducerDispatcher<State>,
}

fn status_name(lang: Lang, verdict: Option<&str>) -> &'static str {
    match verdict {
        Some("confirmed") => lang.pick("确认问题", "Confirmed"),
        Some("dismissed") => lang.pick("不是问题", "Not a problem"),
        Some("resolved") => lang.pick("已解决", "Resolved"),
        _ => lang.pick("待定", "Open"),
    }
}

/// A report's findings up to this many are listed whole for decisions; of
/// more (a report of hundreds of findings), the first [`FIRST_LISTED`] until
/// the rest is asked for: each row is a note and three buttons, and a
/// thousand of them cost the page tens of megabytes.
const WHOLE_UP_TO: usize = 200;
const FIRST_LISTED: usize = 100;

#[function_component(Decisions)]
pub fn decisions(p: &DecisionsProps) -> Html {
    let lang = p.lang;
    let whole = use_state(|| false);
    let Some(checked) = p.entry.checked() else {
        return html! {};
    };
    let findings: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .chain(p.cross.iter().map(|c| &c.diagnostic))
        .collect();
    let mine: Vec<&Decision> = p
        .decisions
        .iter()
        .filter(|d| d.concerns(&p.entry))
        .collect();
    let Some(prints) = p.prints.clone() else {
        return html! {
            <section class="decisions" id="decisions">
                <h3>{ lang.pick("审核决定", "Decisions") }</h3>
                <p class="muted">{ lang.pick("正在保存结果，稍后可对每项问题作出决定……", "Storing the result; decisions can be taken in a moment…") }</p>
            </section>
        };
    };
    let resolved: Vec<&Decision> = mine
        .iter()
        .filter(|d| !prints.contains(&d.fingerprint))
        .copied()
        .collect();
    let (listed, more) = super::batch::drawn_of(
        lang,
        findings.len().min(prints.len()),
        &whole,
        "decisions-more",
        (WHOLE_UP_TO, FIRST_LISTED),
        ("项", "findings"),
    );
    let rows = findings.iter().zip(prints.iter()).take(listed).enumerate().map(|(i, (d, fp))| {
        let decided = mine.iter().rev().find(|x| &x.fingerprint == fp);
        let verdict = decided.map(|x| x.verdict.as_str());
        let note_id = format!("decision-note-{i}");
        let act = |verdict: &'static str| {
            let dispatch = p.dispatch.clone();
            let entry = p.entry.clone();
            let (fp, rule, message) = (fp.clone(), d.rule.to_string(), d.message.clone());
            let ws = p.workspace;
            // The note beside the button (found from it, not by id in the
            // document: the widget's are inside its shadow root).
            Callback::from(move |e: MouseEvent| {
                let note = e
                    .target_dyn_into::<web_sys::Element>()
                    .and_then(|b| b.closest("li.decision").ok().flatten())
                    .and_then(|li| li.query_selector("input.decision-note").ok().flatten())
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(el).ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                decide(dispatch.clone(), ws, &entry, (fp.clone(), rule.clone(), message.clone()), verdict, note);
            })
        };
        html! {
            <li class={classes!("decision", verdict.map(|v| v.to_string()))} data-fingerprint={fp.clone()}
                data-verdict={verdict.unwrap_or("open").to_string()}>
                <span class="rule">{ d.rule }</span>{ " " }
                <span class="message">{ lang.pick(&d.message, &d.message_en) }</span>
                <span class="decision-status">{ status_name(lang, verdict) }</span>
                <span class="decision-controls">
                    <input type="text" id={note_id.clone()} class="decision-note"
                        placeholder={lang.pick("备注", "Note")}
                        aria-label={lang.pick("备注", "Note")}
                        value={decided.map(|x| x.note.clone()).unwrap_or_default()} />
                    <button type="button" class="button decide-confirm" onclick={act("confirmed")}
                        aria-pressed={(verdict == Some("confirmed")).to_string()}>{ lang.pick("确认问题", "Confirm") }</button>
                    <button type="button" class="button decide-dismiss" onclick={act("dismissed")}
                        aria-pressed={(verdict == Some("dismissed")).to_string()}>{ lang.pick("不是问题", "Not a problem") }</button>
                    if verdict.is_some() {
                        <button type="button" class="link undo" onclick={act("")}>{ lang.pick("撤销", "Undo") }</button>
                    }
                </span>
            </li>
        }
    });
    html! {
        <section class="decisions" id="decisions">
            <h3>{ lang.pick("审核决定", "Decisions") }</h3>
            if findings.is_empty() {
                <p class="muted">{ lang.pick("此报告没有发现问题。", "This report has no findings.") }</p>
            }
            <ul class="decision-list">{ for rows }</ul>
            { more }
            if !resolved.is_empty() {
                <h4>{ lang.pick("已解决（更正后的报告中已不存在）", "Resolved (gone from the corrected report)") }</h4>
                <ul class="resolved-list">
                    { for resolved.iter().map(|d| html! {
                        <li class="decision resolved" data-fingerprint={d.fingerprint.clone()} data-verdict="resolved">
                            <span class="rule">{ &d.rule }</span>{ " " }
                            <span class="message">{ &d.message }</span>
                            <span class="decision-status">{ status_name(lang, Some("resolved")) }</span>
                            if !d.note.is_empty() { <span class="note">{ &d.note }</span> }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
