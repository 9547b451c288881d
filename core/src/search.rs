//! Looking for a word in a whole document.
//!
//! The rules and the metadata look for dozens of fixed words (统计期限,
//! 发文日期, …) in texts of some ten thousand bytes, most of which hold none
//! of them. The standard library finds a word with the two-way algorithm; on
//! x86-64 it asks whether a text holds a word with vector instructions, but
//! in WebAssembly both go through the two-way searcher, which looks at most
//! bytes of a Chinese text. [`find`] is Horspool's algorithm instead: the last
//! byte of the window decides how far to move, and a byte that is not in the
//! word moves the window past it, so a text without the word is read a
//! word's length at a time.
//!
//! A match of valid UTF-8 in valid UTF-8 starts on a character boundary (a
//! lead byte never equals a continuation byte), so byte offsets are string
//! offsets.

/// The byte offset of the first occurrence of `word` in `text`, as
/// [`str::find`] gives it.
pub(crate) fn find(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let m = w.len();
    // A one-byte word or a very long one: the library's way.
    if !(2..=255).contains(&m) {
        return text.find(word);
    }
    if t.len() < m {
        return None;
    }
    // A short text (a sentence, a cell): each place, first byte first,
    // costs less than setting up the table.
    if t.len() < 64 {
        let first = w[0];
        return (0..=t.len() - m).find(|&i| t[i] == first && t[i..i + m] == *w);
    }
    let mut shift = [m as u8; 256];
    for (i, &b) in w[..m - 1].iter().enumerate() {
        shift[usize::from(b)] = (m - 1 - i) as u8;
    }
    let last = w[m - 1];
    let mut at = 0;
    while at + m <= t.len() {
        let b = t[at + m - 1];
        if b == last && t[at..at + m - 1] == w[..m - 1] {
            return Some(at);
        }
        at += usize::from(shift[usize::from(b)]);
    }
    None
}

/// Whether `text` holds `word` ([`str::contains`]).
pub(crate) fn contains(text: &str, word: &str) -> bool {
    // On x86-64 the library's test is vectorised and faster still.
    if cfg!(target_arch = "x86_64") {
        text.contains(word)
    } else {
        find(text, word).is_some()
    }
}

/// The byte offset of the first occurrence of `word` in `text` at or after
/// `from` (a character boundary).
pub(crate) fn find_from(text: &str, word: &str, from: usize) -> Option<usize> {
    find(text.get(from..)?, word).map(|i| from + i)
}

/// Which of `words` occur in `text`: bit `i` is set when `words[i]` does
/// (up to 64 words; [`contains`] of each, in one pass).
///
/// Several words are looked for at once with Horspool's algorithm for a set
/// of words: the window is as long as the shortest word, and a byte moves it
/// as far as it may for every word at once. The metadata asks whether a text
/// holds any of four or six words of four characters, most often none of
/// them: one pass reads about as much of the text as one search for one word.
pub(crate) fn which(text: &str, words: &[&str]) -> u64 {
    scan(text, words, false)
}

/// Whether `text` holds any of `words` (up to 64), in one pass.
pub(crate) fn any(text: &str, words: &[&str]) -> bool {
    scan(text, words, true) != 0
}

fn scan(text: &str, words: &[&str], first_only: bool) -> u64 {
    assert!(words.len() <= 64, "search::which takes up to 64 words");
    let t = text.as_bytes();
    let m = words.iter().map(|w| w.len()).min().unwrap_or(0);
    // A one-byte word, a long one, a short text, a single word: word by
    // word. So too on x86-64, where the library's vectorised test of each
    // word is faster than one pass whose every step waits for the load
    // before it.
    if cfg!(target_arch = "x86_64") || !set_worthwhile(t.len(), words.len(), m) {
        word_by_word(text, words, first_only)
    } else {
        set_horspool(t, words, m, first_only)
    }
}

fn set_worthwhile(text_len: usize, words: usize, m: usize) -> bool {
    (2..=MAX_SET_WORD).contains(&m) && text_len >= 64 && words > 1
}

fn word_by_word(text: &str, words: &[&str], first_only: bool) -> u64 {
    let mut found = 0;
    for (i, w) in words.iter().enumerate() {
        if contains(text, w) {
            found |= 1 << i;
            if first_only {
                break;
            }
        }
    }
    found
}

/// [`scan`] in one pass; `m` is the length of the shortest word.
fn set_horspool(t: &[u8], words: &[&str], m: usize, first_only: bool) -> u64 {
    // How far the window's last byte moves it (the least over the words'
    // first m bytes but their last), and whether the byte is the m-th of a
    // word, so that a word may start at the window.
    const CANDIDATE: u8 = 0x80;
    let mut shift = [m as u8; 256];
    for w in words {
        for (i, &b) in w.as_bytes()[..m - 1].iter().enumerate() {
            let s = &mut shift[usize::from(b)];
            *s = (*s).min((m - 1 - i) as u8);
        }
    }
    for w in words {
        shift[usize::from(w.as_bytes()[m - 1])] |= CANDIDATE;
    }
    let all = u64::MAX >> (64 - words.len());
    let mut found = 0u64;
    let mut at = 0;
    while at + m <= t.len() {
        let b = t[at + m - 1];
        let s = shift[usize::from(b)];
        if s & CANDIDATE != 0 {
            for (i, w) in words.iter().enumerate() {
                let w = w.as_bytes();
                if w[m - 1] == b && found & (1 << i) == 0 && t[at..].starts_with(w) {
                    found |= 1 << i;
                }
            }
            if found == all || (first_only && found != 0) {
                break;
            }
        }
        at += usize::from(s & !CANDIDATE);
    }
    found
}

/// The longest window [`which`] takes words in: its shifts share a byte
/// with a flag.
const MAX_SET_WORD: usize = 127;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_library() {
        let text = "一、总体情况\n本年度统计期限为2024年1月1日至2024年12月31日。\
                    发文日期：2025年1月15日，统计期限统计期限；aab abab ababab。"
            .repeat(3);
        let words = [
            "统计期限",
            "发文日期",
            "日至",
            "ab",
            "abab",
            "bab",
            "。",
            "2024年12月31日",
            "不在其中",
            "aa",
            "期限；",
            "一、总体情况",
            "\n本",
            "5日，统",
            "ababab。",
        ];
        for w in words {
            for from in text.char_indices().map(|(i, _)| i).step_by(7) {
                let t = &text[from..];
                assert_eq!(find(t, w), t.find(w), "{w:?} from {from}");
                assert_eq!(contains(t, w), t.contains(w));
                assert_eq!(find_from(&text, w, from), t.find(w).map(|i| i + from));
            }
        }
    }

    #[test]
    fn edges() {
        let long = "甲".repeat(100);
        assert_eq!(find(&long, ""), Some(0));
        assert_eq!(find(&long, "甲甲"), Some(0));
        assert_eq!(find(&(long.clone() + "乙"), "甲乙"), Some(297));
        assert_eq!(find(&long, &"甲".repeat(100)), Some(0));
        assert_eq!(find(&long, &"甲".repeat(101)), None);
        // a word longer than the shift table holds
        let w = "甲".repeat(90);
        assert_eq!(find(&(long.clone() + &w), &w), Some(0));
        assert_eq!(find_from(&long, "甲", 300), None);
        assert_eq!(find_from(&long, "甲", 301), None);
    }

    #[test]
    fn random_texts_over_a_small_alphabet() {
        // A small alphabet makes many partial matches, the hard case.
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let alphabet = ["a", "b", "统", "计"];
        for _ in 0..4_000 {
            let n = (next() % 160) as usize;
            let text: String = (0..n).map(|_| alphabet[(next() % 4) as usize]).collect();
            let k = 2 + (next() % 5) as usize;
            let word: String = (0..k).map(|_| alphabet[(next() % 4) as usize]).collect();
            assert_eq!(find(&text, &word), text.find(&word), "{word:?} in {text:?}");
        }
    }

    /// Pseudo-random numbers for the tests.
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    #[test]
    fn which_agrees_with_contains() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        let alphabet = ["a", "b", "统", "计", "期"];
        let mut held = 0;
        let mut set_passes = 0;
        for _ in 0..3_000 {
            let n = (next() % 400) as usize;
            let text: String = (0..n).map(|_| alphabet[(next() % 5) as usize]).collect();
            let count = 1 + (next() % 6) as usize;
            let words: Vec<String> = (0..count)
                .map(|_| {
                    let k = 1 + (next() % 5) as usize;
                    (0..k).map(|_| alphabet[(next() % 5) as usize]).collect()
                })
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let expected = words
                .iter()
                .enumerate()
                .filter(|(_, w)| text.contains(*w))
                .fold(0u64, |a, (i, _)| a | 1 << i);
            assert_eq!(which(&text, &words), expected, "{words:?} in {text:?}");
            // the one-pass search, whichever this machine's way is
            let m = words.iter().map(|w| w.len()).min().unwrap_or(0);
            if set_worthwhile(text.len(), words.len(), m) {
                assert_eq!(set_horspool(text.as_bytes(), &words, m, false), expected);
                let first = set_horspool(text.as_bytes(), &words, m, true);
                assert_eq!(first != 0, expected != 0);
                assert_eq!(first & !expected, 0);
                set_passes += 1;
            }
            assert_eq!(any(&text, &words), expected != 0, "{words:?} in {text:?}");
            held += expected.count_ones();
        }
        assert!(held > 1_000, "too few words held: {held}");
        assert!(
            set_passes > 1_000,
            "too few one-pass searches: {set_passes}"
        );
        // the metadata's words in a text of the length of a report
        let text = "本报告统计期间为2024年1月1日至12月31日。发布日期：2025年1月".repeat(40);
        let period = crate::vocab::template::METADATA.period;
        assert_eq!(period[1], "统计期间");
        assert_eq!(which(&text, period), 0b10);
        let published = crate::vocab::template::METADATA.published;
        assert_eq!(published[2], "发布日期");
        assert_eq!(which(&text, published), 0b100);
        assert!(!any(&text, &published[..2]));
        assert_eq!(which(&text, &[]), 0);
        let many: Vec<String> = (0..64).map(|i| format!("词{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let text = "词63，词0。".repeat(20);
        // (词6 is held too, in 词63)
        assert_eq!(which(&text, &many), 1 << 63 | 1 << 6 | 1);
    }
}
