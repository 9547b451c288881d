//! Sorting the reader's many lists of positioned things.

/// Sort by a key of two numbers, ascending (`total_cmp`). The reader sorts in
/// a dozen places; doing it through one non-generic sort keeps a single copy
/// of the sort routine in the WebAssembly build instead of one per closure.
pub(crate) fn sort_by_key2<T>(v: &mut Vec<T>, key: impl Fn(&T) -> (f64, f64)) {
    let keys: Vec<(f64, f64, usize)> = v
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i)
        })
        .collect();
    let order = sorted_order(keys);
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    for i in order {
        if let Some(x) = slots.get_mut(i).and_then(Option::take) {
            v.push(x);
        }
    }
}

fn sorted_order(mut keys: Vec<(f64, f64, usize)>) -> Vec<usize> {
    keys.sort_unstable_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    keys.into_iter().map(|k| k.2).collect()
}
