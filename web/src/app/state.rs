//! The state of the page and the one reducer that changes it.

use super::check::Outcome;
use super::i18n::Lang;
use nianbao_core::{Batch, Checked, Diagnostic, Severity};
use std::cmp::Ordering;
use std::rc::Rc;
use yew::Reducible;

/// One file on the page: waiting, or checked.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: usize,
    pub name: String,
    pub outcome: Option<Rc<Outcome>>,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.name == other.name
            && match (&self.outcome, &other.outcome) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Entry {
    pub fn checked(&self) -> Option<&Checked> {
        self.outcome.as_deref().and_then(Outcome::checked)
    }

    pub fn count(&self, severity: Severity) -> Option<usize> {
        self.checked().map(|c| {
            c.diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        })
    }

    pub fn year(&self) -> Option<i32> {
        self.checked()
            .and_then(|c| c.report.year.as_ref().map(|y| y.value))
    }

    pub fn agency(&self) -> Option<&str> {
        self.checked()
            .and_then(|c| c.report.agency.as_ref().map(|a| a.value.as_str()))
    }

    /// The layout column of the batch table: the national format and how the
    /// tables were laid out in the file.
    pub fn layout(&self) -> Option<String> {
        self.checked().map(|c| {
            format!(
                "{} · {}",
                c.report.format.as_str(),
                c.document.input.layout.as_str()
            )
        })
    }
}

/// A cross-report finding, by the ids of the two files.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossItem {
    /// The later report, where the finding is located.
    pub report: usize,
    /// The earlier report it was compared with.
    pub other: usize,
    pub diagnostic: Diagnostic,
}

/// Columns of the batch table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// The order the files were given in.
    Added,
    File,
    Errors,
    Warnings,
    Year,
    Agency,
    Layout,
    Time,
}

/// Which findings are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Hidden severities.
    pub hidden_severities: Vec<Severity>,
    /// Hidden families (first letter of the rule id).
    pub hidden_families: Vec<char>,
}

impl Filter {
    pub fn shows(&self, d: &Diagnostic) -> bool {
        let family = d.rule.chars().next().unwrap_or('?');
        !self.hidden_severities.contains(&d.severity) && !self.hidden_families.contains(&family)
    }
}

/// A batch of files being checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    /// `performance.now()` when the files were given.
    pub started_ms: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub entries: Vec<Entry>,
    /// The id of the entry whose report is shown.
    pub selected: Option<usize>,
    pub progress: Option<Progress>,
    pub cross: Vec<CrossItem>,
    pub sort: SortKey,
    pub ascending: bool,
    pub filter: Filter,
    /// Milliseconds from giving the last batch to its last result.
    pub last_batch_ms: Option<f64>,
}

impl Default for State {
    fn default() -> Self {
        State {
            lang: Lang::Zh,
            entries: Vec::new(),
            selected: None,
            progress: None,
            cross: Vec::new(),
            sort: SortKey::Added,
            ascending: true,
            filter: Filter::default(),
            last_batch_ms: None,
        }
    }
}

pub enum Action {
    SetLang(Lang),
    /// Files given: their ids and names, and the clock when they were given.
    Queue {
        files: Vec<(usize, String)>,
        now_ms: f64,
    },
    /// One file checked.
    Done {
        id: usize,
        outcome: Rc<Outcome>,
    },
    /// Several files checked (delivered together, so the page redraws once).
    DoneMany(Vec<(usize, Rc<Outcome>)>),
    /// Every file of the batch checked.
    Finished {
        now_ms: f64,
    },
    Select(Option<usize>),
    /// Sort the batch table by a column; the same column again flips the order.
    Sort(SortKey),
    ToggleSeverity(Severity),
    ToggleFamily(char),
    Clear,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::Queue { files, now_ms } => {
                let batch_len = files.len();
                let first = files.first().map(|(id, _)| *id);
                s.entries.extend(files.into_iter().map(|(id, name)| Entry {
                    id,
                    name,
                    outcome: None,
                }));
                let (total, done) = match &s.progress {
                    Some(p) => (p.total + batch_len, p.done),
                    None => (batch_len, 0),
                };
                s.progress = Some(Progress {
                    total,
                    done,
                    started_ms: s.progress.as_ref().map(|p| p.started_ms).unwrap_or(now_ms),
                });
                // A single file opens at once; several show the list first.
                if s.entries.len() == 1 {
                    s.selected = first;
                } else if batch_len > 1 {
                    s.selected = None;
                } else {
                    s.selected = first;
                }
            }
            Action::Done { id, outcome } => s.done(id, outcome),
            Action::DoneMany(done) => {
                for (id, outcome) in done {
                    s.done(id, outcome);
                }
            }
            Action::Finished { now_ms } => {
                if let Some(p) = &s.progress {
                    if p.done >= p.total {
                        s.last_batch_ms = Some((now_ms - p.started_ms).max(0.0));
                        s.progress = None;
                    }
                }
                s.cross = cross_items(&s.entries);
            }
            Action::Select(id) => s.selected = id,
            Action::Sort(key) => {
                if s.sort == key {
                    s.ascending = !s.ascending;
                } else {
                    s.sort = key;
                    s.ascending = true;
                }
            }
            Action::ToggleSeverity(sev) => toggle(&mut s.filter.hidden_severities, sev),
            Action::ToggleFamily(f) => toggle(&mut s.filter.hidden_families, f),
            Action::Clear => {
                let lang = s.lang;
                s = State::default();
                s.lang = lang;
            }
        }
        Rc::new(s)
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if let Some(i) = list.iter().position(|x| *x == item) {
        list.remove(i);
    } else {
        list.push(item);
    }
}

/// Run the cross-report rules over every checked entry.
pub fn cross_items(entries: &[Entry]) -> Vec<CrossItem> {
    let done: Vec<(usize, &str, &Result<Checked, _>)> = entries
        .iter()
        .filter_map(|e| Some((e.id, e.name.as_str(), &e.outcome.as_ref()?.result)))
        .collect();
    Batch::new(done.iter().map(|&(_, name, result)| (name, result)))
        .into_cross()
        .into_iter()
        .filter_map(|f| {
            Some(CrossItem {
                report: done.get(f.report)?.0,
                other: done.get(f.other)?.0,
                diagnostic: f.diagnostic,
            })
        })
        .collect()
}

impl State {
    fn done(&mut self, id: usize, outcome: Rc<Outcome>) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.outcome = Some(outcome);
            if let Some(p) = self.progress.as_mut() {
                p.done = (p.done + 1).min(p.total);
            }
        }
    }

    pub fn entry(&self, id: usize) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.selected.and_then(|id| self.entry(id))
    }

    /// The entries in the order of the batch table.
    pub fn sorted(&self) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self.entries.iter().collect();
        let key = self.sort;
        v.sort_by(|a, b| {
            let o = compare(key, a, b);
            if self.ascending {
                o
            } else {
                o.reverse()
            }
        });
        v
    }

    /// The report of the same agency for the year before the given entry's.
    pub fn previous_year_of(&self, id: usize) -> Option<&Entry> {
        let e = self.entry(id)?;
        let (agency, year) = (e.agency()?, e.year()?);
        self.entries
            .iter()
            .find(|o| o.id != id && o.agency() == Some(agency) && o.year() == year.checked_sub(1))
    }

    /// Cross-report findings located in the given entry.
    pub fn cross_of(&self, id: usize) -> Vec<&CrossItem> {
        self.cross.iter().filter(|c| c.report == id).collect()
    }
}

/// Order two entries by a column; files without a value come last.
fn compare(key: SortKey, a: &Entry, b: &Entry) -> Ordering {
    fn opt<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let o = match key {
        SortKey::Added => Ordering::Equal,
        SortKey::File => a.name.cmp(&b.name),
        SortKey::Errors => opt(a.count(Severity::Error), b.count(Severity::Error)),
        SortKey::Warnings => opt(a.count(Severity::Warning), b.count(Severity::Warning)),
        SortKey::Year => opt(a.year(), b.year()),
        SortKey::Agency => opt(a.agency(), b.agency()),
        SortKey::Layout => opt(a.layout(), b.layout()),
        SortKey::Time => opt(
            a.outcome.as_ref().map(|o| (o.check_ms * 1000.0) as u64),
            b.outcome.as_ref().map(|o| (o.check_ms * 1000.0) as u64),
        ),
    };
    o.then(a.id.cmp(&b.id))
}
