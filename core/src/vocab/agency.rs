//! Names of the agencies that publish reports, and when two names are one body.
//!
//! One agency writes its name in several ways from year to year and from file
//! to file: with or without the city or province above it (淮安市洪泽区人民政府
//! and 洪泽区人民政府), 人民政府 or 政府, 办公厅 or 办公室, with spaces copied out
//! of a PDF, with a second name in brackets (…办公室（外事办公室）), with
//! full-width letters, or with the Kangxi radicals some PDF fonts put in place
//! of common characters (⼈⺠ for 人民). [`fold`] removes those differences;
//! [`same`] then says whether two folded names are one body: equal, or one is
//! the other with places in front of it, and the shorter one still begins with
//! a place (山亭区人民政府办公室 is 枣庄市山亭区人民政府办公室, but 人民政府办公室
//! is nobody in particular).
//!
//! The cross-report rules (X001–X003) pair reports through [`same`]; the
//! reviewer's workspace groups names with [`fold`] and [`short_forms`]: one
//! implementation for both.

use super::label::half_width;

/// The characters that end the name of a place (province, city, district,
/// county, prefecture, banner, league), in one piece of a name.
const PLACE_ENDS: &[char] = &['省', '市', '区', '县', '州', '旗', '盟'];

/// Two-character words that end like a place and are not one.
const NOT_PLACES: &[&str] = &[
    "城市", "超市", "都市", "社区", "园区", "景区", "街区", "校区", "小区", "市区", "郊区", "辖区",
    "山区", "地区", "新区", "片区", "厂区", "矿区", "营区", "专区", "分区",
];

/// Characters that belong to the name of a body, never to a place before it.
/// (Only characters no place name has: 中, 会, 馆 and 行 are in 中山市, 会昌县,
/// 馆陶县 and 香港特别行政区.)
const BODY_CHARS: &[char] = &['局', '委', '厅', '办', '府', '室', '署'];

/// The longest place piece looked for, in characters (广西壮族自治区, 淄博高新技术产业开发区).
const MAX_PLACE_CHARS: usize = 12;

/// The country's own name, a place before the name of a national body.
const COUNTRY: &str = "中华人民共和国";

/// The unified character of a Kangxi radical (U+2F00–U+2FD5), in their order:
/// what Unicode's compatibility mapping gives.
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// The character a radical of the CJK Radicals Supplement stands for, where
/// it is a whole character of simplified Chinese (the forms PDF fonts map
/// to, e.g. ⺠ for 民).
fn supplement_radical(c: char) -> Option<char> {
    Some(match c {
        '⺟' => '母',
        '⺠' => '民',
        '⻄' => '西',
        '⻅' => '见',
        '⻆' => '角',
        '⻉' => '贝',
        '⻋' => '车',
        '⻓' => '长',
        '⻔' => '门',
        '⻘' => '青',
        '⻙' => '韦',
        '⻚' => '页',
        '⻛' => '风',
        '⻜' => '飞',
        '⻢' => '马',
        '⻣' => '骨',
        '⻥' => '鱼',
        '⻦' => '鸟',
        '⻧' => '卤',
        '⻨' => '麦',
        '⻩' => '黄',
        '⻪' => '黾',
        '⻬' => '齐',
        '⻮' => '齿',
        '⻰' => '龙',
        '⻳' => '龟',
        _ => return None,
    })
}

/// A character as it is compared: a radical as its character, full-width
/// forms half-width, ASCII letters in lower case.
fn unify(c: char) -> char {
    let u = c as u32;
    if (0x2F00..=0x2FD5).contains(&u) {
        return KANGXI.chars().nth((u - 0x2F00) as usize).unwrap_or(c);
    }
    if let Some(s) = supplement_radical(c) {
        return s;
    }
    half_width(c).to_ascii_lowercase()
}

fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '【' | '〔' | '﹝' | '〖' | '（' | '［')
}

fn closes(c: char) -> bool {
    matches!(c, ')' | ']' | '】' | '〕' | '﹞' | '〗' | '）' | '］')
}

/// The comparison form of an agency's name: radicals as characters,
/// half-width, lower case, without spaces, punctuation or a second name in
/// brackets (unless the name is nothing but brackets), 人民政府 as 政府 and
/// 办公厅 as 办公室.
///
/// ```
/// use nianbao_core::vocab::agency::fold;
/// assert_eq!(fold("上海市⼈⺠政府办公厅"), "上海市政府办公室");
/// assert_eq!(fold(" 北京市东城区人民政府办公室（区政府外事办公室）"), "北京市东城区政府办公室");
/// ```
pub fn fold(name: &str) -> String {
    let mut outside = String::with_capacity(name.len());
    let mut inside = String::new();
    let mut depth = 0usize;
    for c in name.chars().map(unify) {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        } else if c.is_alphanumeric() {
            if depth == 0 {
                outside.push(c);
            } else {
                inside.push(c);
            }
        }
    }
    let kept = if outside.is_empty() { inside } else { outside };
    kept.replace("人民政府", "政府").replace("办公厅", "办公室")
}

/// The length in bytes of the place at the start of a folded name (山东省,
/// 淮安市, 广西壮族自治区, 中华人民共和国), or `None` when it does not begin
/// with one.
pub fn place_len(folded: &str) -> Option<usize> {
    if folded.starts_with(COUNTRY) {
        return Some(COUNTRY.len());
    }
    for (n, (i, c)) in folded.char_indices().enumerate() {
        let chars = n + 1;
        if chars > MAX_PLACE_CHARS || BODY_CHARS.contains(&c) {
            return None;
        }
        if chars >= 2 && PLACE_ENDS.contains(&c) {
            let end = i + c.len_utf8();
            // 州 begins many cities' and provinces' names' ends (福州市,
            // 贵州省, 通州区): the place goes on to the next ending.
            let more = c == '州'
                && folded[end..]
                    .chars()
                    .next()
                    .is_some_and(|n| matches!(n, '市' | '省' | '区' | '县'));
            if !more && !NOT_PLACES.contains(&&folded[..end]) {
                return Some(end);
            }
        }
    }
    None
}

/// The shorter ways of writing a folded name that still name the same body:
/// the name with one, two, … of its leading places left out, as long as what
/// is left begins with a place (淄博市博山区政府办公室 and 博山区政府办公室 for
/// 山东省淄博市博山区政府办公室).
/// A national body may also leave out the country's name (中华人民共和国教育部
/// and 教育部).
pub fn short_forms(folded: &str) -> impl Iterator<Item = &str> {
    let mut rest = folded;
    std::iter::from_fn(move || {
        if let Some(after) = rest.strip_prefix(COUNTRY).filter(|a| !a.is_empty()) {
            rest = after;
            return Some(after);
        }
        let n = place_len(rest)?;
        let after = &rest[n..];
        place_len(after)?;
        rest = after;
        Some(after)
    })
}

/// Whether two folded names ([`fold`]) are one body: equal, or the shorter
/// is one of the longer's [`short_forms`].
pub fn same(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.ends_with(short) && short_forms(long).any(|s| s == short)
}

/// [`same`] for names as written.
pub fn same_agency(a: &str, b: &str) -> bool {
    same(&fold(a), &fold(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_one_form() {
        assert_eq!(fold("上海市⼈⺠政府办公厅"), "上海市政府办公室");
        assert_eq!(fold("沭阳县发展和改⾰局"), "沭阳县发展和改革局");
        assert_eq!(fold("# 沐阳县人民政府"), "沐阳县政府");
        assert_eq!(fold("博 山 区 人 民 政 府 办 公 室"), "博山区政府办公室");
        assert_eq!(fold("ＡＢＣ市数据局"), "abc市数据局");
        assert_eq!(
            fold("北京市东城区人民政府办公室（区政府外事办公室）"),
            "北京市东城区政府办公室"
        );
        assert_eq!(fold("（某某县人民政府）"), "某某县政府");
        assert_eq!(fold(" \t"), "");
    }

    #[test]
    fn places_at_the_start_of_a_name() {
        fn len(s: &str) -> Option<&str> {
            place_len(s).map(|n| &s[..n])
        }
        assert_eq!(len("山东省淄博市"), Some("山东省"));
        assert_eq!(len("淮安市洪泽区政府"), Some("淮安市"));
        assert_eq!(len("福州市鼓楼区政府"), Some("福州市"));
        assert_eq!(len("贵州省政府"), Some("贵州省"));
        assert_eq!(
            len("黔东南苗族侗族自治州政府"),
            Some("黔东南苗族侗族自治州")
        );
        assert_eq!(len("广西壮族自治区政府"), Some("广西壮族自治区"));
        assert_eq!(len("中华人民共和国教育部"), Some("中华人民共和国"));
        assert_eq!(
            len("淄博高新技术产业开发区发展改革局"),
            Some("淄博高新技术产业开发区")
        );
        assert_eq!(len("市场监督管理局"), None);
        assert_eq!(len("城市管理局"), None);
        assert_eq!(len("政府办公室"), None);
        assert_eq!(len("发展和改革局"), None);
        assert_eq!(len("社区"), None);
    }

    #[test]
    fn one_body_with_or_without_its_places() {
        assert!(same_agency("淮安市洪泽区人民政府", "洪泽区人民政府"));
        assert!(same_agency(
            "枣庄市山亭区人民政府办公室",
            "山亭区政府办公室"
        ));
        assert!(same_agency(
            "山东省淄博市博山区人民政府办公室",
            "博山区人民政府办公室"
        ));
        assert!(same_agency("上海市人民政府办公厅", "上海市⼈⺠政府办公厅"));
        assert!(same_agency("教育部", "中华人民共和国教育部"));
        assert!(same_agency("中山市人民政府", "广东省中山市人民政府"));
        assert!(same_agency("济南市市中区人民政府", "市中区人民政府"));
        assert!(same_agency("福建省平潭综合实验区", "平潭综合实验区"));
        // Not one body.
        assert!(!same_agency("山亭区人民政府办公室", "山亭区发展和改革局"));
        assert!(!same_agency("人民政府", "某县人民政府"));
        assert!(!same_agency("枣庄市人民政府办公室", "人民政府办公室"));
        assert!(!same_agency("博山区城市管理局", "城市管理局"));
        assert!(!same_agency("南京市鼓楼区人民政府", "福州市鼓楼区人民政府"));
        assert!(!same_agency("某市人民政府", "某市人民政府办公室"));
        assert!(!same_agency("", ""));
    }

    #[test]
    fn shorter_forms_of_a_name() {
        let forms: Vec<_> = short_forms("山东省淄博市博山区政府办公室").collect();
        assert_eq!(forms, ["淄博市博山区政府办公室", "博山区政府办公室"]);
        assert_eq!(short_forms("博山区政府办公室").count(), 0);
        assert_eq!(short_forms("政府办公室").count(), 0);
    }
}
