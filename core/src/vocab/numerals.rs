//! Numbers as written in Chinese reports: Arabic (`12`, `1,234`, `1129.7494`,
//! full-width `１２`) and Chinese numerals (`十二`, `一百零三`, `两千`, `二〇二四`).

use crate::span::Trim;

/// The value of one Chinese digit, or `None`.
fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a Chinese unit character below 万.
fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// True for every character that can be part of a Chinese numeral.
pub(crate) fn is_chinese_numeral_char(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some()
}

/// Parse a Chinese numeral: `十二` → 12, `一百零三` → 103, `两千` → 2000,
/// `二〇二四` → 2024 (digit by digit). `None` when the text is not one.
pub(crate) fn parse_chinese(s: &str) -> Option<u64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || !chars.iter().all(|c| is_chinese_numeral_char(*c)) {
        return None;
    }
    // Digit by digit (years such as 二〇二四).
    if chars.len() > 1 && chars.iter().all(|c| digit(*c).is_some()) {
        let mut v: u64 = 0;
        for c in &chars {
            v = v.checked_mul(10)?.checked_add(digit(*c)?)?;
        }
        return Some(v);
    }
    let mut total: u64 = 0; // completed 万/亿 groups
    let mut section: u64 = 0; // below the current big unit
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    for c in chars {
        if let Some(d) = digit(c) {
            if pending.is_some() && d != 0 {
                // two digits in a row (一二) are not a numeral here
                return None;
            }
            pending = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = small_unit(c) {
            let d = pending.take().unwrap_or(1);
            section = section.checked_add(d.checked_mul(u)?)?;
        } else if let Some(u) = big_unit(c) {
            let part = section.checked_add(pending.take().unwrap_or(0))?;
            let part = if part == 0 { 1 } else { part };
            total = total.checked_add(part.checked_mul(u)?)?;
            section = 0;
        }
    }
    let rest = section.checked_add(pending.unwrap_or(0))?;
    total.checked_add(rest)
}

/// Write a small number in Chinese numerals: 2 → 二, 12 → 十二, 35 → 三十五.
pub(crate) fn to_chinese(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            match n % 10 {
                0 => "",
                d => D[d as usize],
            }
        ),
        _ => n.to_string(),
    }
}

/// Parse an Arabic number, allowing thousands separators and full-width digits:
/// `1,234` → 1234, `１２` → 12, `1129.7494`, `-3`.
pub(crate) fn parse_arabic(s: &str) -> Option<f64> {
    let mut out = String::new();
    for c in s.trim_ws().chars() {
        match c {
            '0'..='9' | '.' | '-' => out.push(c),
            '０'..='９' => out.push(char::from_u32(c as u32 - '０' as u32 + '0' as u32)?),
            '．' => out.push('.'),
            '－' | '—' => out.push('-'),
            '+' => {}
            ',' | '，' => {}
            _ => return None,
        }
    }
    if out.is_empty() || out == "-" || out == "." {
        return None;
    }
    crate::decimal::parse_f64(&out).filter(|v| v.is_finite())
}

/// Parse a number in either notation.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim_ws();
    parse_arabic(t).or_else(|| parse_chinese(t).map(|v| v as f64))
}

/// A number found in running text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FoundNumber {
    pub value: f64,
    /// Byte range of the numeral itself.
    pub start: usize,
    pub end: usize,
    pub chinese: bool,
}

fn is_ascii_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Every number in `text`, with its byte range. Arabic numbers may contain
/// `,` between digit groups and one decimal point; Chinese numerals are runs
/// of numeral characters that parse as one number.
pub(crate) fn find_numbers(text: &str) -> Vec<FoundNumber> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_ascii_digit_like(c) {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if is_ascii_digit_like(cj)
                    || ((cj == ',' || cj == '.' || cj == '．')
                        && chars.get(j + 1).is_some_and(|n| is_ascii_digit_like(n.1)))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
            if let Some(v) = text.get(start..end).and_then(parse_arabic) {
                out.push(FoundNumber {
                    value: v,
                    start,
                    end,
                    chinese: false,
                });
            }
            i = j;
        } else if is_chinese_numeral_char(c) {
            let mut j = i + 1;
            while j < chars.len() && is_chinese_numeral_char(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
            if let Some(v) = text.get(start..end).and_then(parse_chinese) {
                out.push(FoundNumber {
                    value: v as f64,
                    start,
                    end,
                    chinese: true,
                });
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十五", 25),
            ("一百零三", 103),
            ("一百一十", 110),
            ("两千", 2000),
            ("三千零五", 3005),
            ("一万二千", 12000),
            ("二〇二四", 2024),
            ("零", 0),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese(""), None);
        assert_eq!(parse_chinese("十a"), None);
        assert_eq!(parse_chinese("一二三四"), Some(1234));
    }

    #[test]
    fn arabic_numerals() {
        assert_eq!(parse_arabic("1,234"), Some(1234.0));
        assert_eq!(parse_arabic("１２"), Some(12.0));
        assert_eq!(parse_arabic("1129.7494"), Some(1129.7494));
        assert_eq!(parse_arabic("-3"), Some(-3.0));
        assert_eq!(parse_arabic("/"), None);
        assert_eq!(parse_arabic("无"), None);
        assert_eq!(parse_number("十二"), Some(12.0));
    }

    #[test]
    fn numbers_in_text() {
        let t = "共收到依申请公开件 12 件，办结一百零三件，合计1,234元";
        let found = find_numbers(t);
        let values: Vec<f64> = found.iter().map(|f| f.value).collect();
        assert_eq!(values, vec![12.0, 103.0, 1234.0]);
        assert_eq!(&t[found[0].start..found[0].end], "12");
        assert_eq!(&t[found[1].start..found[1].end], "一百零三");
        assert!(found[1].chinese);
    }
}
