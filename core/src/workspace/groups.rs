//! Agencies of a workspace: the names its reports give, grouped into bodies.
//!
//! Names are compared in their folded form ([`agency::fold`]). A name joins
//! the group of the longer names it is a short form of
//! ([`agency::short_forms`]: 洪泽区人民政府 joins 淮安市洪泽区人民政府) when
//! they are all one group; when they are not (鼓楼区人民政府 beside both
//! 南京市鼓楼区人民政府 and 福州市鼓楼区人民政府) it stays apart, and its group
//! says which groups it might belong to, for the reviewer to decide.
//!
//! The reviewer's own grouping ([`Regrouping`]) comes last and wins: a name
//! put with another name's group, or kept apart on its own.

use crate::vocab::agency;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The reviewer's corrections of the grouping: for a folded name, the folded
/// name of the group it belongs with; a name mapped to itself stands alone.
pub type Regrouping = BTreeMap<String, String>;

/// One body and the names it is given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The group's key: the folded form of its fullest name (the longest).
    pub key: String,
    /// The name to show: the fullest name as written (the most used, of
    /// those written that way).
    pub name: String,
    /// Every folded name in the group.
    pub names: Vec<String>,
    /// Every name as written, first seen first.
    pub written: Vec<String>,
    /// Keys of other groups this one might belong to: a short name that
    /// several groups could have written.
    pub ambiguous: Vec<String>,
    /// Whether the reviewer changed the group.
    pub manual: bool,
}

/// The names of a workspace grouped into bodies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Groups {
    /// The groups, ordered by their name.
    pub groups: Vec<Group>,
    /// For each name given (in order), the index of its group; `None` for
    /// a report without an agency.
    pub of: Vec<Option<usize>>,
}

struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The longer name (smaller index: they are sorted longest first) roots.
            let (root, child) = if a < b { (a, b) } else { (b, a) };
            self.0[child] = root;
        }
    }
}

/// Group the agencies' names (as written; `None` where a report has none),
/// with the reviewer's corrections.
pub fn group(names: &[Option<&str>], regrouping: &Regrouping) -> Groups {
    // Distinct folded names, longest first (then in text order, for a
    // stable result).
    let folded: Vec<Option<String>> = names
        .iter()
        .map(|n| n.map(agency::fold).filter(|f| !f.is_empty()))
        .collect();
    let mut distinct: Vec<&str> = folded.iter().flatten().map(String::as_str).collect();
    distinct.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    distinct.dedup();
    let index: HashMap<&str, usize> = distinct.iter().enumerate().map(|(i, n)| (*n, i)).collect();

    // Which longer names each name is a short form of.
    let mut longer: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    for (i, n) in distinct.iter().enumerate() {
        for s in agency::short_forms(n) {
            if let Some(&j) = index.get(s) {
                longer[j].push(i);
            }
        }
    }
    let mut sets = Sets((0..distinct.len()).collect());
    let mut ambiguous: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    for i in 0..distinct.len() {
        let mut roots: Vec<usize> = longer[i].iter().map(|&j| sets.find(j)).collect();
        roots.sort_unstable();
        roots.dedup();
        match roots.as_slice() {
            [] => {}
            [one] => sets.join(i, *one),
            many => ambiguous[i] = many.to_vec(),
        }
    }

    // The reviewer's corrections: a name moves to the group of its target
    // (or stands alone); names that joined through it stay where they are.
    let mut group_of: Vec<usize> = (0..distinct.len()).map(|i| sets.find(i)).collect();
    let mut manual = vec![false; distinct.len()];
    for (name, target) in regrouping {
        let Some(&i) = index.get(name.as_str()) else {
            continue;
        };
        let to = if target == name {
            // Alone: a root of its own (its own index is free when it was
            // not a root; if it was, others keep it).
            if group_of.iter().filter(|&&g| g == group_of[i]).count() > 1 && group_of[i] == i {
                let moved: Vec<usize> = (0..distinct.len())
                    .filter(|&k| k != i && group_of[k] == i)
                    .collect();
                let new_root = moved[0];
                for k in moved {
                    group_of[k] = new_root;
                    manual[k] = true;
                }
            }
            i
        } else if let Some(&t) = index.get(target.as_str()) {
            group_of[t]
        } else {
            // A group named by a name no report gives (any more): the
            // name stands alone.
            i
        };
        group_of[i] = to;
        manual[i] = true;
        manual[to] = true;
    }

    // Build the groups.
    let mut groups: Vec<Group> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for i in 0..distinct.len() {
        let root = group_of[i];
        let g = *slot.entry(root).or_insert_with(|| {
            groups.push(Group {
                key: distinct[root].to_string(),
                name: String::new(),
                names: Vec::new(),
                written: Vec::new(),
                ambiguous: Vec::new(),
                manual: false,
            });
            groups.len() - 1
        });
        groups[g].names.push(distinct[i].to_string());
        groups[g].manual |= manual[i];
    }
    for (i, amb) in ambiguous.iter().enumerate() {
        if amb.is_empty() {
            continue;
        }
        let g = slot[&group_of[i]];
        let keys: Vec<String> = amb
            .iter()
            .map(|&r| distinct[group_of[r]].to_string())
            .filter(|k| *k != groups[g].key)
            .collect();
        groups[g].ambiguous.extend(keys);
    }
    let mut counts: Vec<HashMap<&str, usize>> = vec![HashMap::new(); groups.len()];
    let of: Vec<Option<usize>> = folded
        .iter()
        .zip(names)
        .map(|(f, written)| {
            let g = slot[&group_of[index[f.as_deref()?]]];
            let w = written.unwrap_or_default().trim();
            if !groups[g].written.iter().any(|x| x == w) {
                groups[g].written.push(w.to_string());
            }
            // The display name: written forms of the group's key, the most used.
            if f.as_deref() == Some(groups[g].key.as_str()) {
                *counts[g].entry(w).or_insert(0) += 1;
            }
            Some(g)
        })
        .collect();
    for (g, c) in groups.iter_mut().zip(&counts) {
        g.name = c
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(w, _)| w.to_string())
            .or_else(|| g.written.first().cloned())
            .unwrap_or_else(|| g.key.clone());
        g.ambiguous.sort();
        g.ambiguous.dedup();
    }

    // Order by name, and renumber.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| groups[a].key.cmp(&groups[b].key));
    let mut new_index = vec![0; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    let groups = order.iter().filter_map(|&o| sorted[o].take()).collect();
    Groups {
        groups,
        of: of.into_iter().map(|g| g.map(|g| new_index[g])).collect(),
    }
}

/// The groups whose names contain the query (folded as names are: spaces,
/// width, 人民政府/政府 do not matter), names beginning with it first.
pub fn search<'a>(groups: &'a Groups, query: &str) -> Vec<&'a Group> {
    let q = agency::fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(bool, &Group)> = groups
        .groups
        .iter()
        .filter_map(|g| {
            let starts = g.names.iter().any(|n| n.starts_with(&q));
            (starts || g.names.iter().any(|n| n.contains(&q))).then_some((!starts, g))
        })
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.key.cmp(&b.1.key)));
    hits.into_iter().map(|(_, g)| g).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(g: &Groups) -> Vec<Option<&str>> {
        g.of.iter()
            .map(|i| i.map(|i| g.groups[i].key.as_str()))
            .collect()
    }

    #[test]
    fn variants_of_one_body_are_one_group() {
        // The real corpus: 洪泽区 2023 and 淮安市洪泽区 2024; 上海市政府办公厅
        // read from a PDF with Kangxi radicals and from its web page.
        let names = [
            Some("洪泽区人民政府"),
            Some("淮安市洪泽区人民政府"),
            Some("淮安市人民政府"),
            Some("上海市⼈⺠政府办公厅"),
            Some("上海市人民政府办公厅"),
            None,
            Some("山亭区政府办公室"),
            Some("枣庄市山亭区人民政府办公室"),
        ];
        let g = group(&names, &Regrouping::new());
        assert_eq!(
            keys(&g),
            vec![
                Some("淮安市洪泽区政府"),
                Some("淮安市洪泽区政府"),
                Some("淮安市政府"),
                Some("上海市政府办公室"),
                Some("上海市政府办公室"),
                None,
                Some("枣庄市山亭区政府办公室"),
                Some("枣庄市山亭区政府办公室"),
            ]
        );
        let hongze = &g.groups[g.of[0].unwrap()];
        assert_eq!(hongze.name, "淮安市洪泽区人民政府");
        assert_eq!(hongze.written, ["洪泽区人民政府", "淮安市洪泽区人民政府"]);
        assert_eq!(g.groups.len(), 4);
    }

    #[test]
    fn a_short_name_two_bodies_could_have_written_stays_apart() {
        let names = [
            Some("南京市鼓楼区人民政府"),
            Some("福州市鼓楼区人民政府"),
            Some("鼓楼区人民政府"),
        ];
        let g = group(&names, &Regrouping::new());
        assert_eq!(g.groups.len(), 3);
        let short = &g.groups[g.of[2].unwrap()];
        assert_eq!(short.ambiguous, ["南京市鼓楼区政府", "福州市鼓楼区政府"]);
        // The reviewer puts it with Nanjing's.
        let mut r = Regrouping::new();
        r.insert("鼓楼区政府".into(), "南京市鼓楼区政府".into());
        let g = group(&names, &r);
        assert_eq!(g.groups.len(), 2);
        assert_eq!(g.of[2], g.of[0]);
        assert!(g.groups[g.of[0].unwrap()].manual);
    }

    #[test]
    fn the_reviewer_joins_and_splits() {
        // 上海市科委 is the short name of 上海市科学技术委员会: no rule can
        // know it, the reviewer can.
        let names = [
            Some("上海市科学技术委员会"),
            Some("上海市科委"),
            Some("淮安市洪泽区人民政府"),
            Some("洪泽区人民政府"),
        ];
        let mut r = Regrouping::new();
        r.insert("上海市科委".into(), "上海市科学技术委员会".into());
        r.insert("洪泽区政府".into(), "洪泽区政府".into());
        let g = group(&names, &r);
        assert_eq!(g.of[0], g.of[1]);
        assert_ne!(g.of[2], g.of[3]);
        assert_eq!(g.groups.len(), 3);
        // A correction naming a name no report gives is ignored.
        r.insert("不存在的机关".into(), "上海市科委".into());
        assert_eq!(group(&names, &r).groups.len(), 3);
    }

    #[test]
    fn the_fullest_name_keeps_the_others_when_it_is_split_off() {
        let names = [
            Some("山东省淄博市博山区人民政府办公室"),
            Some("淄博市博山区人民政府办公室"),
            Some("博山区人民政府办公室"),
        ];
        let g = group(&names, &Regrouping::new());
        assert_eq!(g.groups.len(), 1);
        let mut r = Regrouping::new();
        r.insert(
            "山东省淄博市博山区政府办公室".into(),
            "山东省淄博市博山区政府办公室".into(),
        );
        let g = group(&names, &r);
        assert_eq!(g.groups.len(), 2);
        assert_ne!(g.of[0], g.of[1]);
        assert_eq!(g.of[1], g.of[2]);
    }

    #[test]
    fn search_by_name() {
        let names = [
            Some("淮安市洪泽区人民政府"),
            Some("淮安市人民政府"),
            Some("沭阳县发展和改革局"),
        ];
        let g = group(&names, &Regrouping::new());
        let hits: Vec<&str> = search(&g, "淮安 市")
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(hits, ["淮安市人民政府", "淮安市洪泽区人民政府"]);
        let hits: Vec<&str> = search(&g, "洪泽区人民政府")
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(hits, ["淮安市洪泽区人民政府"]);
        assert!(search(&g, "  ").is_empty());
    }
}
