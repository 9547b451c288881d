//! What looks like a value and how it parses: figures and dates as reports
//! write them, and the placeholders that stand for nothing.

use crate::span::Trim;
use crate::vocab::label::{self, half_width};
use serde::Serialize;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1 … 12.
    pub month: u32,
    /// The day, 1 … 31.
    pub day: u32,
}

impl Date {
    /// The date `year`-`month`-`day`.
    pub fn new(year: i32, month: u32, day: u32) -> Self {
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why a cell has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellProblem {
    /// The cell was not found at all (row or column missing, table cut short).
    Missing,
    /// The cell is empty, or holds a placeholder such as “/”, “-”, “无”.
    Blank,
    /// The cell holds text that is not a number.
    NotNumber,
}

/// Whether a cell's text reads as a value (a number, a placeholder, or a short
/// figure with a unit) rather than a label.
pub(crate) fn value_like(s: &str) -> bool {
    let t = s.trim_ws();
    if t.is_empty() {
        return true;
    }
    // The common case, a whole number, without the general tests below.
    if t.len() <= 16 && t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if matches!(
        t,
        "/" | "／" | "-" | "－" | "—" | "–" | "——" | "无" | "\\" | "、"
    ) {
        return true;
    }
    if label::numbering(t).is_some_and(|n| n.rest < t.len()) {
        return false;
    }
    let has_digit = t
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let cjk = t.chars().filter(|c| label::is_cjk(*c)).count();
    has_digit && cjk <= 2 && t.chars().count() <= 16
}

/// Whether a cell holds a placeholder for “nothing”: empty, “/”, “-”, “无”.
pub(crate) fn is_blank(raw: &str) -> bool {
    let t: String = raw
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    matches!(
        t.as_str(),
        "" | "/" | "-" | "—" | "–" | "——" | "--" | "无" | "\\" | "、" | "空" | "/无"
    ) || t
        .chars()
        .all(|c| matches!(c, '“' | '”' | '"' | '/' | '-' | '—'))
}

/// Read a figure: thousands separators and spaces inside the digits (text
/// copied from a PDF) are allowed, so are decimals and a leading minus.
/// Anything else is not a number: no unit is stripped, nothing is guessed.
pub(crate) fn parse_value(raw: &str) -> Result<f64, CellProblem> {
    // Most cells are a plain whole number: read without the general path.
    if (1..=15).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit()) {
        let v = raw.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return Ok(v as f64);
    }
    if is_blank(raw) {
        return Err(CellProblem::Blank);
    }
    let chars: Vec<char> = raw
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut s = String::with_capacity(chars.len());
    let mut negative = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '0'..='9' | '.' => s.push(c),
            '-' | '−' | '—' | '－' if i == 0 => negative = true,
            '+' if i == 0 => {}
            // a thousands separator sits between digits, three before the next
            ',' | '，'
                if i > 0 && chars[i - 1].is_ascii_digit() && thousands_group(&chars[i + 1..]) => {}
            _ => return Err(CellProblem::NotNumber),
        }
    }
    if s.is_empty() || s.starts_with('.') || s.ends_with('.') || s.matches('.').count() > 1 {
        return Err(CellProblem::NotNumber);
    }
    let v = crate::decimal::parse_f64(&s).ok_or(CellProblem::NotNumber)?;
    Ok(if negative { -v } else { v })
}

fn thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(|c| c.is_ascii_digit())
        && rest.get(3).is_none_or(|c| !c.is_ascii_digit())
}

fn digit_value(c: char) -> Option<u32> {
    let c = half_width(c);
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    match c {
        '〇' | '零' | 'Ｏ' | 'O' | '○' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// A run of digits (Arabic or Chinese, 二〇二五) or a Chinese number up to
/// 三十一 (十五, 二十一), with white space allowed inside; returns the value
/// and the byte offset after it.
fn number_at(s: &str, at: usize, max_digits: usize) -> Option<(u32, usize)> {
    let mut i = skip_ws(s, at);
    let start = i;
    let mut digits = 0usize;
    let mut value: u32 = 0;
    let mut chinese_ten = false;
    let mut tens: Option<u32> = None;
    while let Some(c) = s[i..].chars().next() {
        if c == '十' {
            // 十 = 10, 十五 = 15, 二十 = 20, 二十一 = 21
            tens = Some(if digits == 0 { 1 } else { value });
            value = 0;
            digits = 0;
            chinese_ten = true;
            i += c.len_utf8();
            continue;
        }
        match digit_value(c) {
            Some(d) if digits < max_digits => {
                value = value.checked_mul(10)?.checked_add(d)?;
                digits += 1;
                i += c.len_utf8();
                // spaces inside a figure (PDF copies): only between digits
                let j = skip_ws(s, i);
                if j > i
                    && s[j..].chars().next().and_then(digit_value).is_some()
                    && digits < max_digits
                {
                    i = j;
                }
            }
            _ => break,
        }
    }
    if chinese_ten {
        let t = tens.unwrap_or(1);
        return Some((t * 10 + value, i));
    }
    if i == start || digits == 0 {
        None
    } else {
        Some((value, i))
    }
}

fn skip_ws(s: &str, mut i: usize) -> usize {
    while let Some(c) = s[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn expect(s: &str, at: usize, options: &[char]) -> Option<usize> {
    let i = skip_ws(s, at);
    let c = s[i..].chars().next()?;
    if options.contains(&c) {
        Some(i + c.len_utf8())
    } else {
        None
    }
}

/// A date starting at byte `at` (white space allowed around its parts):
/// `2025-01-15`, `2025/1/15`, `2025.1.15`, `2025年1月15日`, `二〇二五年一月十五日`.
/// Returns the date and the byte offset after it.
pub(crate) fn date_at(s: &str, at: usize) -> Option<(Date, usize)> {
    let (year, i) = number_at(s, at, 4)?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let (sep, i) = {
        let j = skip_ws(s, i);
        let c = s[j..].chars().next()?;
        (c, j + c.len_utf8())
    };
    let (month, i) = number_at(s, i, 2)?;
    let i = match sep {
        '年' => expect(s, i, &['月'])?,
        '-' | '/' | '.' | '－' | '／' | '．' => expect(s, i, &[sep])?,
        _ => return None,
    };
    let (day, mut i) = number_at(s, i, 2)?;
    if sep == '年' {
        i = expect(s, i, &['日', '号'])?;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((Date::new(year as i32, month, day), i))
}

/// Every date in `s`, with its byte range.
pub(crate) fn dates(s: &str) -> Vec<(Date, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let prev_digit = s[..i].chars().next_back().and_then(digit_value).is_some();
        if digit_value(c).is_some() && !prev_digit {
            if let Some((d, end)) = date_at(s, i) {
                out.push((d, i, end));
                i = end;
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// A year written as four digits followed by 年 (spaces allowed: `2024 年`);
/// returns the year and the byte range of its digits.
pub(crate) fn years(s: &str) -> Vec<(i32, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let prev_digit = s[..i]
            .chars()
            .next_back()
            .is_some_and(|p| half_width(p).is_ascii_digit());
        if half_width(c).is_ascii_digit() && !prev_digit {
            let mut j = i;
            let mut v = 0i32;
            let mut n = 0;
            while let Some(d) = s[j..].chars().next() {
                let h = half_width(d);
                if h.is_ascii_digit() && n < 5 {
                    v = v * 10 + (h as i32 - '0' as i32);
                    n += 1;
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let k = skip_ws(s, j);
            if n == 4 && (1990..=2100).contains(&v) && s[k..].starts_with('年') {
                out.push((v, i, j));
            }
            i = j.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_like_cells() {
        for v in [
            "0",
            "  23",
            "1129.7494",
            "-3",
            "/",
            "无",
            "",
            "1,234",
            "3件",
        ] {
            assert!(value_like(v), "{v}");
        }
        for l in ["规章", "1.属于国家秘密", "（七）总计", "结果\n维持"] {
            assert!(!value_like(l), "{l}");
        }
    }

    #[test]
    fn values() {
        assert_eq!(parse_value("0"), Ok(0.0));
        assert_eq!(parse_value("  23"), Ok(23.0));
        assert_eq!(parse_value("1129.7494"), Ok(1129.7494));
        assert_eq!(parse_value("38,042"), Ok(38042.0));
        assert_eq!(parse_value("217 971"), Ok(217971.0));
        assert_eq!(parse_value("-3"), Ok(-3.0));
        assert_eq!(parse_value("－3"), Ok(-3.0));
        assert_eq!(parse_value("１２"), Ok(12.0));
        assert_eq!(parse_value(""), Err(CellProblem::Blank));
        assert_eq!(parse_value("/"), Err(CellProblem::Blank));
        assert_eq!(parse_value("“/”"), Err(CellProblem::Blank));
        assert_eq!(parse_value("无"), Err(CellProblem::Blank));
        assert_eq!(parse_value("-"), Err(CellProblem::Blank));
        assert_eq!(parse_value("3件"), Err(CellProblem::NotNumber));
        assert_eq!(parse_value("1,23"), Err(CellProblem::NotNumber));
        assert_eq!(parse_value("1.2.3"), Err(CellProblem::NotNumber));
        assert_eq!(parse_value("八"), Err(CellProblem::NotNumber));
    }

    #[test]
    fn dates_in_many_forms() {
        let d = Date::new(2025, 1, 15);
        assert_eq!(date_at("2025-01-15", 0).map(|x| x.0), Some(d));
        assert_eq!(date_at("2025年1月15日", 0).map(|x| x.0), Some(d));
        assert_eq!(date_at("2025 年 1 月 15 日", 0).map(|x| x.0), Some(d));
        assert_eq!(date_at("二〇二五年一月十五日", 0).map(|x| x.0), Some(d));
        assert_eq!(
            date_at("2024年12月31日", 0).map(|x| x.0),
            Some(Date::new(2024, 12, 31))
        );
        assert_eq!(date_at("2024年13月1日", 0), None);
        let found = dates("统计期限自 2024 年1月1日起,至2024 年12 月 31日止");
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].0, Date::new(2024, 12, 31));
    }

    #[test]
    fn years_before_nian() {
        let y = years("博爱县人民政府 2024 年政府信息公开工作年度报告");
        assert_eq!(y.len(), 1);
        assert_eq!(y[0].0, 2024);
        assert!(years("电话 12345678").is_empty());
    }
}
