//! The findings of one report: filters, and the list grouped by severity.

use super::check::Outcome;
use super::highlight::target_id;
use super::i18n::{
    colon, family_label, paren, severity_icon, severity_label, texts, Lang, FAMILIES,
};
use super::place::describe;
use super::state::{Action, Filter};
use nianbao_core::export::Resolver;
use nianbao_core::{Diagnostic, Severity};
use std::rc::Rc;
use yew::prelude::*;

/// A finding as shown: the diagnostic, and for a cross-report finding the file
/// it was compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub diag: Diagnostic,
    pub other: Option<String>,
    /// New since the result this one replaced.
    pub new: bool,
}

impl Finding {
    pub fn family(&self) -> char {
        self.diag.rule.chars().next().unwrap_or('?')
    }

    /// “A004 message”, for the title of a highlight.
    pub fn title(&self, lang: Lang) -> String {
        format!(
            "{} {}",
            self.diag.rule,
            lang.pick(&self.diag.message, &self.diag.message_en)
        )
    }
}

/// The findings the filter lets through, in order.
pub fn visible(all: &[Finding], filter: &Filter) -> Vec<Finding> {
    all.iter()
        .filter(|f| filter.shows(&f.diag))
        .cloned()
        .collect()
}

fn value(v: &Option<serde_json::Value>) -> Option<String> {
    match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v) => Some(v.to_string()),
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub lang: Lang,
    pub outcome: Rc<Outcome>,
    pub all: Rc<Vec<Finding>>,
    pub visible: Rc<Vec<Finding>>,
    pub filter: Filter,
    pub on_filter: Callback<Action>,
}

#[function_component(FindingsPanel)]
pub fn findings_panel(props: &FindingsProps) -> Html {
    let lang = props.lang;
    let t = texts(lang);
    let checked = props.outcome.checked();
    let resolver = checked.map(|c| Resolver::new(&c.document, &c.report));

    let severity_boxes = [Severity::Error, Severity::Warning, Severity::Info].map(|s| {
        let count = props.all.iter().filter(|f| f.diag.severity == s).count();
        let checked = !props.filter.hidden_severities.contains(&s);
        let cb = props.on_filter.clone();
        html! {
            <label class={classes!("chip", format!("sev-{}", s.as_str()))}>
                <input type="checkbox" {checked}
                    onchange={Callback::from(move |_| cb.emit(Action::ToggleSeverity(s)))} />
                <span class="sev-icon" aria-hidden="true">{ severity_icon(s) }</span>
                { format!("{} {count}", severity_label(lang, s)) }
            </label>
        }
    });
    let family_boxes = FAMILIES.iter().map(|(f, _, _)| {
        let f = *f;
        let count = props.all.iter().filter(|x| x.family() == f).count();
        let checked = !props.filter.hidden_families.contains(&f);
        let cb = props.on_filter.clone();
        html! {
            <label class={classes!("chip", (count == 0).then_some("empty"))} title={family_label(lang, f)}>
                <input type="checkbox" {checked}
                    onchange={Callback::from(move |_| cb.emit(Action::ToggleFamily(f)))} />
                <span class="fam">{ f }</span>{ format!(" {} {count}", family_label(lang, f)) }
            </label>
        }
    });

    let groups = [Severity::Error, Severity::Warning, Severity::Info].map(|sev| {
        let items: Vec<Html> = props
            .visible
            .iter()
            .enumerate()
            .filter(|(_, f)| f.diag.severity == sev)
            .map(|(i, f)| {
                let d = &f.diag;
                let target = target_id(i, &d.at);
                let onclick = Callback::from(move |e: MouseEvent| super::dom::reveal(e.target(), &target));
                let expected = value(&d.expected);
                let actual = value(&d.actual);
                let sep = colon(lang);
                html! {
                    <li>
                        <button type="button" class={classes!("finding", format!("sev-{}", sev.as_str()), f.new.then_some("new"))}
                            {onclick} data-rule={d.rule} data-index={i.to_string()}>
                            <span class="finding-head">
                                <span class="sev-icon" aria-hidden="true">{ severity_icon(sev) }</span>
                                <span class="n">{ i + 1 }</span>
                                <span class="rule" title={nianbao_core::rules::meta(d.rule).map(|m| lang.pick(m.title, m.title_en).to_string())}>{ d.rule }</span>
                                <span class="place">{ checked.zip(resolver.as_ref()).map(|(c, r)| describe(lang, c, r, &d.at)) }</span>
                                if f.new {
                                    <span class="badge">{ t.new_finding }</span>
                                }
                            </span>
                            <span class="message">{ lang.pick(&d.message, &d.message_en) }</span>
                            if expected.is_some() || actual.is_some() {
                                <span class="values">
                                    if let Some(e) = expected {
                                        <span class="expected">{ format!("{}{sep}{e}", t.expected) }</span>
                                    }
                                    if let Some(a) = actual {
                                        <span class="actual">{ format!("{}{sep}{a}", t.actual) }</span>
                                    }
                                </span>
                            }
                            if let Some(other) = &f.other {
                                <span class="other">{ format!("{}{sep}{other}", t.cross_with) }</span>
                            }
                        </button>
                        { super::guide::guide(lang, d.rule) }
                    </li>
                }
            })
            .collect();
        if items.is_empty() {
            return html! {};
        }
        html! {
            <section class={classes!("finding-group", format!("group-{}", sev.as_str()))}>
                <h3>
                    <span class="sev-icon" aria-hidden="true">{ severity_icon(sev) }</span>
                    { format!("{}{}", severity_label(lang, sev), paren(lang, items.len())) }
                </h3>
                <ul class="finding-list">{ for items }</ul>
            </section>
        }
    });

    html! {
        <section class="findings" id="findings" aria-labelledby="findings-title" tabindex="-1">
            <h2 id="findings-title">{ t.findings }</h2>
            <fieldset class="filters">
                <legend>{ t.filters }</legend>
                <div class="chips" role="group" aria-label={t.severity}>{ for severity_boxes }</div>
                <div class="chips" role="group" aria-label={t.family}>{ for family_boxes }</div>
            </fieldset>
            if props.all.is_empty() {
                <p class="empty-note">{ t.no_findings }</p>
            } else if props.visible.is_empty() {
                <p class="empty-note">{ t.none_match_filters }</p>
            }
            { for groups }
        </section>
    }
}
