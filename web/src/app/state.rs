//! The state of the page and the one reducer that changes it.

use super::check::Outcome;
use super::i18n::{self, Lang};
use super::Source;
use nianbao_core::rules::{self, Context};
use nianbao_core::vocab::agency;
use nianbao_core::{CellRef, Checked, Diagnostic, Location, Severity};
use std::cmp::Ordering;
use std::rc::Rc;
use yew::Reducible;

/// One file on the page: waiting, or checked.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: usize,
    pub name: String,
    pub outcome: Option<Rc<Outcome>>,
    /// The file as given (for the annotated copy); none for pasted text.
    pub source: Option<Rc<Source>>,
    /// The number of the batch it came in (files given together share one).
    pub batch: usize,
    /// The result this file replaced (the same file, or the same agency and
    /// year, checked before), until its own result is in.
    pub before: Option<Rc<Outcome>>,
    /// What changed from the result it replaced.
    pub change: Option<Rc<Change>>,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
        }
        self.id == other.id
            && self.name == other.name
            && same(&self.outcome, &other.outcome)
            && same(&self.change, &other.change)
    }
}

impl Entry {
    pub fn new(id: usize, name: String) -> Self {
        Entry {
            id,
            name,
            outcome: None,
            source: None,
            batch: 0,
            before: None,
            change: None,
        }
    }

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

    /// Whether this is a report of the same agency (as the cross-report rules
    /// match names) and year as `other`.
    fn same_report(&self, other: &Entry) -> bool {
        self.year().is_some()
            && self.year() == other.year()
            && matches!((self.agency(), other.agency()), (Some(a), Some(b)) if agency::same_agency(a, b))
    }

    /// The layout column of the batch table: the national format and how the
    /// tables were laid out in the file, in words.
    pub fn layout(&self, lang: Lang) -> Option<String> {
        self.checked().map(|c| {
            format!(
                "{} · {}",
                i18n::format_name(lang, c.report.format),
                i18n::layout_name(lang, &c.document.input.layout)
            )
        })
    }
}

/// What a check of a corrected file changed, against the result it replaced:
/// findings matched by rule and place (a cell, or the words a finding sits on).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    /// Findings of the earlier result that are gone.
    pub resolved: Vec<Diagnostic>,
    /// Indices (in the new result's findings) of the findings that are new.
    pub new: Vec<usize>,
    /// How many findings are still there.
    pub open: usize,
}

/// What identifies a finding across two checks of one report: its rule and
/// where it sits — a table cell, or the words it sits on (offsets move when
/// the text is edited; the words mostly do not).
#[derive(PartialEq, Eq)]
struct Key<'a> {
    rule: &'static str,
    cell: Option<CellRef>,
    words: &'a str,
}

fn key<'a>(c: &'a Checked, d: &Diagnostic) -> Key<'a> {
    let (cell, words) = match d.at {
        Location::Cell(cell) => (Some(cell), ""),
        Location::Span(s) => (None, s.slice(&c.document.text).trim()),
        Location::Document => (None, ""),
    };
    Key {
        rule: d.rule,
        cell,
        words,
    }
}

/// The findings resolved, new and still open from `before` to `after`.
pub fn change(before: &Checked, after: &Checked) -> Change {
    let mut left: Vec<Option<Key>> = before
        .diagnostics
        .iter()
        .map(|d| Some(key(before, d)))
        .collect();
    let mut out = Change::default();
    for (i, d) in after.diagnostics.iter().enumerate() {
        let k = key(after, d);
        match left.iter_mut().find(|o| o.as_ref() == Some(&k)) {
            Some(slot) => {
                *slot = None;
                out.open += 1;
            }
            None => out.new.push(i),
        }
    }
    out.resolved = before
        .diagnostics
        .iter()
        .zip(&left)
        .filter(|(_, k)| k.is_some())
        .map(|(d, _)| d.clone())
        .collect();
    out
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

/// What is shown: the list of files, a report, or a report compared with
/// another (`(report, earlier)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    List,
    Report(usize),
    Compare(usize, usize),
    /// The workspace's agencies × years.
    Matrix,
}

impl View {
    /// The view in the page's address (`#r3`, `#c3-5`; the list has none).
    pub fn hash(self) -> String {
        match self {
            View::List => String::new(),
            View::Report(id) => format!("#r{id}"),
            View::Compare(a, b) => format!("#c{a}-{b}"),
            View::Matrix => "#matrix".to_string(),
        }
    }

    /// The view an address names, if it names one (`None`: not ours, e.g.
    /// `#findings`).
    pub fn from_hash(hash: &str) -> Option<View> {
        let h = hash.trim_start_matches('#');
        if h.is_empty() {
            return Some(View::List);
        }
        if h == "matrix" {
            return Some(View::Matrix);
        }
        let num = |s: &str| s.parse::<usize>().ok();
        if let Some(id) = h.strip_prefix('r') {
            return num(id).map(View::Report);
        }
        let (a, b) = h.strip_prefix('c')?.split_once('-')?;
        Some(View::Compare(num(a)?, num(b)?))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub entries: Vec<Entry>,
    /// The id of the entry whose report is shown.
    pub selected: Option<usize>,
    /// With `selected`: the id of the report it is compared with.
    pub compare: Option<usize>,
    pub progress: Option<Progress>,
    /// While a folder or archive given is read, before checking starts: the
    /// files found so far.
    pub gathering: Option<usize>,
    pub cross: Rc<Vec<CrossItem>>,
    /// The cross-report findings are being worked out again, between frames
    /// ([`super::runner::Crosser`]): the number of the request, which their
    /// answer ([`Action::Crossed`]) carries. Until it comes the batch counts
    /// as not yet done.
    pub cross_due: Option<u64>,
    pub sort: SortKey,
    pub ascending: bool,
    pub filter: Filter,
    /// Milliseconds from giving the last batch to its last result.
    pub last_batch_ms: Option<f64>,
    /// Reports paired by hand: (report, the earlier report it is compared with).
    pub pairs: Vec<(usize, usize)>,
    /// The number of the last batch given.
    pub batches: usize,
    /// What the page last told screen readers (a live region).
    pub announce: String,
    /// Files of folders and archives given that were no reports.
    pub skipped: Vec<super::input::SkippedFile>,
    /// The reviewer's workspace (kept in the browser's storage).
    pub ws: super::workspace::Ws,
    /// The agencies × years view is shown (when no report is).
    pub matrix: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            lang: Lang::Zh,
            entries: Vec::new(),
            selected: None,
            compare: None,
            progress: None,
            gathering: None,
            cross: Rc::default(),
            cross_due: None,
            sort: SortKey::Added,
            ascending: true,
            filter: Filter::default(),
            last_batch_ms: None,
            pairs: Vec::new(),
            batches: 0,
            announce: String::new(),
            skipped: Vec::new(),
            ws: Default::default(),
            matrix: false,
        }
    }
}

pub enum Action {
    SetLang(Lang),
    /// Files given: their ids and names (and the files, kept for the
    /// annotated copy), and the clock when they were given.
    Queue {
        files: Vec<(usize, String, Option<Rc<Source>>)>,
        now_ms: f64,
    },
    /// One file checked.
    Done {
        id: usize,
        outcome: Rc<Outcome>,
    },
    /// Several files checked (delivered together, so the page redraws once).
    DoneMany(Vec<(usize, Rc<Outcome>)>),
    /// Every file of the batch checked: the cross-report findings are due.
    Finished,
    /// The cross-report findings worked out for request `due`
    /// ([`State::cross_due`]), and the clock then.
    Crossed {
        due: u64,
        cross: Vec<CrossItem>,
        now_ms: f64,
    },
    /// Show a report (`None`: the list).
    Select(Option<usize>),
    /// Show a view (from the address, on Back and Forward).
    Go(View),
    /// Compare a report with another, paired by hand: (report, earlier).
    Pair(usize, usize),
    /// Take one file off the page.
    Remove(usize),
    /// Sort the batch table by a column; the same column again flips the order.
    Sort(SortKey),
    ToggleSeverity(Severity),
    ToggleFamily(char),
    Clear,
    /// A folder or an archive being read: the files found so far (`None`:
    /// read, or given up).
    Gathering(Option<usize>),
    /// Files of a folder or an archive that are no reports.
    Skipped(Vec<super::input::SkippedFile>),
    /// A file of a folder found to be no report (`skipped`) or an archive
    /// (its files are given as a batch of their own) when it was to be
    /// checked: its entry goes, and the progress no longer waits for it.
    SetAside {
        id: usize,
        skipped: Vec<super::input::SkippedFile>,
    },
    /// The reviewer's workspace.
    Ws(super::workspace::WsAction),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::Queue { files, now_ms } => s.queue(files, now_ms),
            Action::Done { id, outcome } => s.done(id, outcome),
            Action::DoneMany(done) => {
                for (id, outcome) in done {
                    s.done(id, outcome);
                }
            }
            Action::Finished => s.cross_due = Some(next_request()),
            Action::Crossed { due, cross, now_ms } => {
                if s.cross_due != Some(due) {
                    // Asked again meanwhile: the later answer counts.
                    return self;
                }
                s.cross_due = None;
                // Without the findings of reports taken off meanwhile.
                let on_page: std::collections::HashSet<usize> =
                    s.entries.iter().map(|e| e.id).collect();
                s.cross = Rc::new(
                    cross
                        .into_iter()
                        .filter(|c| on_page.contains(&c.report) && on_page.contains(&c.other))
                        .collect(),
                );
                if let Some(p) = &s.progress {
                    if p.done >= p.total {
                        s.last_batch_ms = Some((now_ms - p.started_ms).max(0.0));
                        s.progress = None;
                    }
                }
                s.announce = s.announcement();
            }
            Action::Select(id) => {
                s.selected = id.filter(|id| s.entry(*id).is_some());
                s.compare = None;
                s.matrix = false;
            }
            Action::Go(view) => s.go(view),
            Action::Pair(a, b) => {
                if a != b && s.entry(a).is_some() && s.entry(b).is_some() {
                    s.pairs.retain(|p| p.0 != a);
                    s.pairs.push((a, b));
                    s.cross = Rc::new(cross_items(&s.entries, &s.pairs));
                    s.ask_cross_again();
                    s.selected = Some(a);
                    s.compare = Some(b);
                }
            }
            Action::Remove(id) => {
                if let Some(i) = s.entries.iter().position(|e| e.id == id) {
                    let e = s.entries.remove(i);
                    s.uncount(&e);
                }
                s.forget(id);
                s.cross = Rc::new(cross_items(&s.entries, &s.pairs));
                s.ask_cross_again();
            }
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
            Action::Skipped(files) => s.skipped.extend(files),
            Action::SetAside { id, skipped } => {
                if let Some(i) = s.entries.iter().position(|e| e.id == id) {
                    let e = s.entries.remove(i);
                    s.uncount(&e);
                }
                s.forget(id);
                s.skipped.extend(skipped);
            }
            Action::Gathering(n) => s.gathering = n,
            Action::Clear => {
                s = State {
                    lang: s.lang,
                    batches: s.batches,
                    ws: s.ws.cleared(),
                    ..State::default()
                };
            }
            Action::Ws(a) => super::workspace::reduce(&mut s, a),
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

/// Run the cross-report rules over every checked entry, and over the pairs
/// made by hand that the rules did not pair themselves.
pub fn cross_items(entries: &[Entry], pairs: &[(usize, usize)]) -> Vec<CrossItem> {
    let (ids, files) = crossing(entries);
    let found = nianbao_core::check_cross(&files);
    with_pairs(entries, pairs, &ids, found)
}

/// [`cross_items`], worked out in slices of at most 25 ms of the page's time
/// with the page free to draw between them (the rules of a batch of
/// thousands, run at once, held the page for seconds).
pub async fn cross_items_sliced(entries: &[Entry], pairs: &[(usize, usize)]) -> Vec<CrossItem> {
    let (ids, files) = crossing(entries);
    let mut run = nianbao_core::cross_run(&files);
    let mut slice = super::check::now_ms();
    while run.step() {
        if super::check::now_ms() - slice > 25.0 {
            super::runner::sleep(0).await;
            slice = super::check::now_ms();
        }
    }
    with_pairs(entries, pairs, &ids, run.finish())
}

/// The entries checked (those not read take no part): their ids, and their
/// results in the same order.
fn crossing(entries: &[Entry]) -> (Vec<usize>, Vec<Option<&Checked>>) {
    entries
        .iter()
        .filter(|e| e.outcome.is_some())
        .map(|e| (e.id, e.checked()))
        .unzip()
}

/// The findings of the rules (`found`, indices into `ids`) by the entries'
/// ids, and those of the pairs made by hand that the rules did not pair.
fn with_pairs(
    entries: &[Entry],
    pairs: &[(usize, usize)],
    ids: &[usize],
    found: Vec<nianbao_core::rules::CrossFinding>,
) -> Vec<CrossItem> {
    let mut out: Vec<CrossItem> = found
        .into_iter()
        .filter_map(|f| {
            Some(CrossItem {
                report: *ids.get(f.report)?,
                other: *ids.get(f.other)?,
                diagnostic: f.diagnostic,
            })
        })
        .collect();
    let checked = |id: usize| entries.iter().find(|e| e.id == id)?.checked();
    for &(a, b) in pairs {
        if out.iter().any(|c| c.report == a && c.other == b) {
            continue;
        }
        let (Some(x), Some(y)) = (checked(a), checked(b)) else {
            continue;
        };
        let (x, y) = (
            Context::new(&x.document, &x.report),
            Context::new(&y.document, &y.report),
        );
        out.extend(rules::run_pair(&x, &y).into_iter().map(|f| CrossItem {
            report: a,
            other: b,
            diagnostic: f.diagnostic,
        }));
    }
    out
}

thread_local! {
    /// The last request for cross-report findings ([`State::cross_due`]); not
    /// reset when the page is cleared, so that an answer to a request made
    /// before is never taken for one made after.
    static REQUESTS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn next_request() -> u64 {
    REQUESTS.with(|r| {
        r.set(r.get() + 1);
        r.get()
    })
}

impl State {
    /// While cross-report findings are being worked out, the reports or pairs
    /// changed: they are asked for again, of the page as it is now.
    fn ask_cross_again(&mut self) {
        if self.cross_due.is_some() {
            self.cross_due = Some(next_request());
        }
    }

    fn queue(&mut self, files: Vec<(usize, String, Option<Rc<Source>>)>, now_ms: f64) {
        self.batches += 1;
        let batch = self.batches;
        let batch_len = files.len();
        let first = files.first().map(|(id, ..)| *id);
        for (id, name, source) in files {
            let mut e = Entry::new(id, name);
            e.source = source;
            e.batch = batch;
            // The same file again (a corrected version): it takes the
            // earlier one's place.
            match self
                .entries
                .iter()
                .position(|o| o.name == e.name && o.batch < batch)
            {
                Some(i) => {
                    let old = std::mem::replace(&mut self.entries[i], e);
                    self.uncount(&old);
                    self.entries[i].before = old.outcome.clone();
                    self.rename(old.id, id);
                }
                None => self.entries.push(e),
            }
        }
        let (total, done) = match &self.progress {
            Some(p) => (p.total + batch_len, p.done),
            None => (batch_len, 0),
        };
        self.progress = Some(Progress {
            total,
            done,
            started_ms: self
                .progress
                .as_ref()
                .map(|p| p.started_ms)
                .unwrap_or(now_ms),
        });
        // A single file opens at once; several show the list first.
        self.compare = None;
        self.selected = if batch_len > 1 && self.entries.len() > 1 {
            None
        } else {
            first
        };
    }

    fn done(&mut self, id: usize, outcome: Rc<Outcome>) {
        let Some(i) = self.entries.iter().position(|e| e.id == id) else {
            return;
        };
        self.entries[i].outcome = Some(outcome);
        if let Some(p) = self.progress.as_mut() {
            p.done = (p.done + 1).min(p.total);
        }
        // A report of the same agency and year as one given before (another
        // file name): it replaces that one.
        let e = &self.entries[i];
        if e.before.is_none() {
            let batch = e.batch;
            let earlier = self
                .entries
                .iter()
                .position(|o| o.batch < batch && o.same_report(e));
            if let Some(j) = earlier {
                let old = self.entries.remove(j);
                let i = if j < i { i - 1 } else { i };
                let e = self.entries.remove(i);
                self.entries.insert(j, e);
                self.entries[j].before = old.outcome.clone();
                self.rename(old.id, id);
            }
        }
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            let before = e.before.take();
            if let (Some(b), Some(a)) = (before.as_deref().and_then(Outcome::checked), e.checked())
            {
                e.change = Some(Rc::new(change(b, a)));
            }
        }
    }

    /// An entry taken off the page while it waits: its result, when it
    /// comes, is not shown, so the progress no longer waits for it.
    fn uncount(&mut self, e: &Entry) {
        if let (None, Some(p)) = (&e.outcome, self.progress.as_mut()) {
            p.total = p.total.saturating_sub(1).max(p.done);
        }
    }

    /// An entry replaced by another: what pointed at it points at the new one.
    fn rename(&mut self, old: usize, new: usize) {
        let swap = |x: &mut usize| {
            if *x == old {
                *x = new
            }
        };
        if let Some(x) = self.selected.as_mut() {
            swap(x)
        }
        if let Some(x) = self.compare.as_mut() {
            swap(x)
        }
        for p in &mut self.pairs {
            swap(&mut p.0);
            swap(&mut p.1);
        }
        self.pairs.retain(|p| p.0 != p.1);
        Rc::make_mut(&mut self.cross).retain(|c| c.report != old && c.other != old);
    }

    /// An entry gone: views and pairs of it go too.
    fn forget(&mut self, id: usize) {
        if self.selected == Some(id) || self.compare == Some(id) {
            self.selected = None;
            self.compare = None;
        }
        self.pairs.retain(|p| p.0 != id && p.1 != id);
    }

    fn go(&mut self, view: View) {
        let known = |id: usize| self.entry(id).is_some();
        (self.selected, self.compare) = match view {
            View::Report(a) if known(a) => (Some(a), None),
            View::Compare(a, b) if known(a) && known(b) => (Some(a), Some(b)),
            _ => (None, None),
        };
        self.matrix = view == View::Matrix;
    }

    /// The view shown.
    pub fn view(&self) -> View {
        match (self.selected, self.compare) {
            (None, _) if self.matrix => View::Matrix,
            (Some(a), Some(b)) => View::Compare(a, b),
            (Some(a), None) => View::Report(a),
            _ => View::List,
        }
    }

    /// What to tell screen readers once a batch is checked: the file and its
    /// counts (and what changed), or how many files and how many with errors.
    fn announcement(&self) -> String {
        let lang = self.lang;
        let last: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.batch == self.batches)
            .collect();
        match last.as_slice() {
            [] => String::new(),
            [e] => i18n::announce_one(lang, e),
            many => {
                let errors = many
                    .iter()
                    .filter(|e| e.count(Severity::Error).unwrap_or(0) > 0)
                    .count();
                let unread = many.iter().filter(|e| e.checked().is_none()).count();
                i18n::announce_many(lang, many.len(), errors, unread)
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
        let lang = self.lang;
        v.sort_by(|a, b| {
            let o = compare(lang, key, a, b);
            if self.ascending {
                o
            } else {
                o.reverse()
            }
        });
        v
    }

    /// The report the given entry is compared with: the one paired with it
    /// by hand, else the same agency's (as the cross-report rules match
    /// names) for the year before.
    pub fn previous_year_of(&self, id: usize) -> Option<&Entry> {
        if let Some(&(_, b)) = self.pairs.iter().find(|p| p.0 == id) {
            return self.entry(b);
        }
        let e = self.entry(id)?;
        let (name, year) = (e.agency()?, e.year()?);
        self.entries.iter().find(|o| {
            o.id != id
                && o.year() == year.checked_sub(1)
                && o.agency().is_some_and(|a| agency::same_agency(a, name))
        })
    }

    /// Cross-report findings located in the given entry.
    pub fn cross_of(&self, id: usize) -> Vec<&CrossItem> {
        self.cross.iter().filter(|c| c.report == id).collect()
    }
}

/// Order two entries by a column; files without a value come last.
fn compare(lang: Lang, key: SortKey, a: &Entry, b: &Entry) -> Ordering {
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
        SortKey::Layout => opt(a.layout(lang), b.layout(lang)),
        SortKey::Time => opt(
            a.outcome.as_ref().map(|o| (o.check_ms * 1000.0) as u64),
            b.outcome.as_ref().map(|o| (o.check_ms * 1000.0) as u64),
        ),
    };
    o.then(a.id.cmp(&b.id))
}
