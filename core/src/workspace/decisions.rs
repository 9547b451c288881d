//! A reviewer's decisions on findings, and what they say about a report's
//! findings now.
//!
//! A decision is made on a finding of one agency's report for one year, and
//! is kept under the finding's fingerprint ([`super::fingerprint`]). When a
//! report of that agency and year is checked again — the same file, or a
//! corrected version — each of its findings is confirmed (确认问题),
//! dismissed (不是问题) or open (待定), and a decision whose finding is no
//! longer there is resolved (已解决).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the reviewer said of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// 确认问题: the report must be corrected.
    Confirmed,
    /// 不是问题: not a problem.
    Dismissed,
}

/// One decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The report it was made on: its agency as written (`None` when the
    /// report gives none).
    #[serde(default)]
    pub agency: Option<String>,
    /// The year of that report.
    #[serde(default)]
    pub year: Option<i32>,
    /// The file's name, which stands for the report when it gives no agency
    /// or year.
    #[serde(default)]
    pub file: String,
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// The rule of the finding (for lists of decisions whose finding is gone).
    #[serde(default)]
    pub rule: String,
    /// The finding's message when the decision was made (Chinese).
    #[serde(default)]
    pub message: String,
    /// Confirmed or dismissed.
    pub verdict: Verdict,
    /// The reviewer's note (plain text, shown as text everywhere).
    #[serde(default)]
    pub note: String,
    /// When (milliseconds since 1970).
    #[serde(default)]
    pub at: f64,
}

/// Where a finding stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No decision yet (待定).
    Open,
    /// 确认问题.
    Confirmed,
    /// 不是问题.
    Dismissed,
    /// Decided on an earlier check, and no longer found (已解决).
    Resolved,
}

/// The findings of one report against the decisions made on its agency and
/// year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reconciled {
    /// For each finding (in the order of the fingerprints given): its status
    /// and the index of its decision among those given.
    pub findings: Vec<(Status, Option<usize>)>,
    /// The decisions (indices) whose finding is no longer there: resolved.
    pub resolved: Vec<usize>,
    /// How many findings are open, confirmed, dismissed; how many resolved.
    pub open: usize,
    /// Confirmed findings.
    pub confirmed: usize,
    /// Dismissed findings.
    pub dismissed: usize,
}

/// The status of each finding of a report (`fingerprints`) given the
/// decisions made on its agency and year (the latest decision on a
/// fingerprint counts).
pub fn reconcile(fingerprints: &[String], decisions: &[&Decision]) -> Reconciled {
    let mut latest: HashMap<&str, usize> = HashMap::new();
    for (i, d) in decisions.iter().enumerate() {
        match latest.get(d.fingerprint.as_str()) {
            Some(&j) if decisions[j].at > d.at => {}
            _ => {
                latest.insert(&d.fingerprint, i);
            }
        }
    }
    let mut out = Reconciled::default();
    let mut present: HashMap<&str, ()> = HashMap::new();
    for f in fingerprints {
        present.insert(f, ());
        let (status, at) = match latest.get(f.as_str()) {
            Some(&i) => (
                match decisions[i].verdict {
                    Verdict::Confirmed => Status::Confirmed,
                    Verdict::Dismissed => Status::Dismissed,
                },
                Some(i),
            ),
            None => (Status::Open, None),
        };
        match status {
            Status::Open => out.open += 1,
            Status::Confirmed => out.confirmed += 1,
            Status::Dismissed => out.dismissed += 1,
            Status::Resolved => {}
        }
        out.findings.push((status, at));
    }
    let mut resolved: Vec<usize> = latest
        .iter()
        .filter(|(f, _)| !present.contains_key(*f))
        .map(|(_, &i)| i)
        .collect();
    resolved.sort_unstable();
    out.resolved = resolved;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(fp: &str, verdict: Verdict, at: f64) -> Decision {
        Decision {
            agency: Some("某县人民政府".into()),
            year: Some(2024),
            file: "a.txt".into(),
            fingerprint: fp.into(),
            rule: "A003".into(),
            message: String::new(),
            verdict,
            note: String::new(),
            at,
        }
    }

    #[test]
    fn findings_against_decisions() {
        let fps: Vec<String> = ["A003-1", "A004-2", "T001-3"].map(String::from).to_vec();
        let ds = [
            decision("A003-1", Verdict::Dismissed, 1.0),
            decision("A003-1", Verdict::Confirmed, 2.0),
            decision("T001-3", Verdict::Dismissed, 1.0),
            decision("X001-9", Verdict::Confirmed, 1.0),
        ];
        let refs: Vec<&Decision> = ds.iter().collect();
        let r = reconcile(&fps, &refs);
        assert_eq!(
            r.findings,
            vec![
                (Status::Confirmed, Some(1)),
                (Status::Open, None),
                (Status::Dismissed, Some(2))
            ]
        );
        assert_eq!(r.resolved, vec![3]);
        assert_eq!((r.open, r.confirmed, r.dismissed), (1, 1, 1));
    }
}
