//! Decimal text to `f64` and back, exactly as the standard library does it
//! (`str::parse::<f64>`; `{}` and `{:.N}`, through [`Num`]), in a fraction of
//! its code: the standard library's conversions are faster but carry tables
//! (128-bit powers of five, cached powers of ten) and two algorithms each
//! (Eisel-Lemire, Grisu, Dragon4 with big integers), some 20 KB gzipped in the
//! WebAssembly build.
//!
//! Parsing: short numbers (up to 19 digits, exponent within ±22: every number
//! of a report) take the exact fast path: the digits and the power of ten are
//! exact in `f64`, so one multiplication or division rounds correctly. Others
//! take the “simple decimal conversion”: the decimal digits are shifted by
//! powers of two until the value lies in [1/2, 1), then rounded, all in exact
//! decimal. Showing: the value (and, for the shortest form, the two values
//! halfway to its neighbours) is written out exactly in decimal, then rounded
//! or cut short as Dragon4 does.

/// Enough significant digits to hold exactly any value the conversion meets
/// (a `f64` needs at most 767); digits past it only count as “more follows”.
const MAX_DIGITS: usize = 800;
/// Beyond this decimal point the value is zero or infinite whatever the digits.
const DECIMAL_POINT_RANGE: i32 = 2047;

/// A decimal number 0.d₁d₂… × 10^`point`, without leading or trailing zeros.
struct Decimal {
    len: usize,
    point: i32,
    /// Nonzero digits were dropped past `MAX_DIGITS`.
    truncated: bool,
    digits: [u8; MAX_DIGITS],
}

impl Decimal {
    fn new() -> Decimal {
        Decimal {
            len: 0,
            point: 0,
            truncated: false,
            digits: [0; MAX_DIGITS],
        }
    }

    fn push(&mut self, digit: u8) {
        if self.len < MAX_DIGITS {
            self.digits[self.len] = digit;
            self.len += 1;
        } else if digit != 0 {
            self.truncated = true;
        }
    }

    fn trim(&mut self) {
        while self.len > 0 && self.digits[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    /// Multiply by 2^`shift` (at most 60).
    fn left_shift(&mut self, shift: u32) {
        if self.len == 0 {
            return;
        }
        // How many digits the product gains: those of the carry left over once
        // every digit has been multiplied.
        let mut n = 0u64;
        for &d in self.digits[..self.len].iter().rev() {
            n = (n + (u64::from(d) << shift)) / 10;
        }
        let mut new_digits = 0;
        while n > 0 {
            n /= 10;
            new_digits += 1;
        }
        let mut write = self.len + new_digits;
        let mut n = 0u64;
        let mut read = self.len;
        while read > 0 || n > 0 {
            if read > 0 {
                read -= 1;
                n += u64::from(self.digits[read]) << shift;
            }
            write -= 1;
            let (q, r) = (n / 10, (n % 10) as u8);
            if write < MAX_DIGITS {
                self.digits[write] = r;
            } else if r > 0 {
                self.truncated = true;
            }
            n = q;
        }
        self.len = (self.len + new_digits).min(MAX_DIGITS);
        self.point += new_digits as i32;
        self.trim();
    }

    /// Divide by 2^`shift` (at most 60).
    fn right_shift(&mut self, shift: u32) {
        let mut read = 0;
        let mut n = 0u64;
        while n >> shift == 0 {
            if read < self.len {
                n = 10 * n + u64::from(self.digits[read]);
                read += 1;
            } else if n == 0 {
                return;
            } else {
                while n >> shift == 0 {
                    n *= 10;
                    read += 1;
                }
                break;
            }
        }
        self.point -= read as i32 - 1;
        if self.point < -DECIMAL_POINT_RANGE {
            *self = Decimal::new();
            return;
        }
        let mask = (1u64 << shift) - 1;
        let mut write = 0;
        while read < self.len {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask) + u64::from(self.digits[read]);
            read += 1;
            self.digits[write] = digit;
            write += 1;
        }
        while n > 0 {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask);
            if write < MAX_DIGITS {
                self.digits[write] = digit;
                write += 1;
            } else if digit > 0 {
                self.truncated = true;
            }
        }
        self.len = write;
        self.trim();
    }

    /// The integer part, rounded half to even (saturating).
    fn round(&self) -> u64 {
        if self.len == 0 || self.point < 0 {
            return 0;
        }
        if self.point > 18 {
            return u64::MAX;
        }
        let point = self.point as usize;
        let mut n = 0u64;
        for i in 0..point {
            n *= 10;
            if i < self.len {
                n += u64::from(self.digits[i]);
            }
        }
        let mut up = false;
        if point < self.len {
            up = self.digits[point] >= 5;
            if self.digits[point] == 5 && point + 1 == self.len {
                up = self.truncated || (point > 0 && self.digits[point - 1] % 2 == 1);
            }
        }
        n + u64::from(up)
    }

    /// The nearest `f64` (ties to even), as its bits.
    fn nearest_f64_bits(&mut self) -> u64 {
        const INFINITY: u64 = 0x7FF << 52;
        const MIN_EXPONENT: i32 = -1023;
        const MANTISSA_BITS: u32 = 52;
        const MAX_SHIFT: u32 = 60;
        // The shift that moves the point by `n` digits without overflow.
        const POWERS: [u8; 19] = [
            0, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59,
        ];
        let shift_for = |n: i32| POWERS.get(n as usize).map_or(MAX_SHIFT, |&p| u32::from(p));
        if self.len == 0 || self.point < -324 {
            return 0;
        }
        if self.point >= 310 {
            return INFINITY;
        }
        let mut exp2 = 0i32;
        while self.point > 0 {
            let shift = shift_for(self.point);
            self.right_shift(shift);
            if self.point < -DECIMAL_POINT_RANGE {
                return 0;
            }
            exp2 += shift as i32;
        }
        while self.point <= 0 {
            let shift = if self.point == 0 {
                match self.digits[0] {
                    5.. => break,
                    0 | 1 => 2,
                    _ => 1,
                }
            } else {
                shift_for(-self.point)
            };
            self.left_shift(shift);
            if self.point > DECIMAL_POINT_RANGE {
                return INFINITY;
            }
            exp2 -= shift as i32;
        }
        // Now 1/2 ≤ value < 1: the value is in [1, 2) × 2^exp2.
        exp2 -= 1;
        while MIN_EXPONENT + 1 > exp2 {
            let n = ((MIN_EXPONENT + 1 - exp2) as u32).min(MAX_SHIFT);
            self.right_shift(n);
            exp2 += n as i32;
        }
        if exp2 - MIN_EXPONENT >= 0x7FF {
            return INFINITY;
        }
        self.left_shift(MANTISSA_BITS + 1);
        let mut mantissa = self.round();
        if mantissa >= 1u64 << (MANTISSA_BITS + 1) {
            self.right_shift(1);
            exp2 += 1;
            mantissa = self.round();
            if exp2 - MIN_EXPONENT >= 0x7FF {
                return INFINITY;
            }
        }
        let mut power2 = exp2 - MIN_EXPONENT;
        if mantissa < 1u64 << MANTISSA_BITS {
            power2 -= 1;
        }
        (mantissa & ((1u64 << MANTISSA_BITS) - 1)) | (power2 as u64) << MANTISSA_BITS
    }
}

/// `s.parse::<f64>().ok()`: an optional sign, then `inf`, `infinity` or `nan`
/// (any case), or decimal digits with at most one point and at least one digit,
/// and an optional exponent (`e` or `E`, an optional sign, digits).
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (negative, b) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let v = match parse_unsigned(b) {
        Some(v) => v,
        None if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") => {
            f64::INFINITY
        }
        None if b.eq_ignore_ascii_case(b"nan") => f64::NAN,
        None => return None,
    };
    Some(if negative { -v } else { v })
}

fn parse_unsigned(b: &[u8]) -> Option<f64> {
    let mut d = Decimal::new();
    let mut i = 0;
    let mut any_digit = false;
    let mut seen_point = false;
    // The first digits exactly, for the fast path: at most 19 fit in a u64.
    let mut mantissa = 0u64;
    let mut mantissa_digits = 0usize;
    let mut exp10 = 0i64; // of `mantissa`
    let mut point = 0i64; // of `d`, before the exponent
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                let digit = c - b'0';
                if seen_point {
                    exp10 -= 1;
                } else {
                    point += 1;
                }
                if d.len == 0 && !d.truncated && digit == 0 {
                    // A leading zero: only moves the point.
                    point -= 1;
                } else {
                    d.push(digit);
                }
                if mantissa_digits < 19 {
                    if mantissa != 0 || digit != 0 {
                        mantissa_digits += 1;
                    }
                    mantissa = 10 * mantissa + u64::from(digit);
                } else {
                    mantissa_digits = usize::MAX; // too long for the fast path
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    let mut exp = 0i64;
    if let Some(&(b'e' | b'E')) = b.get(i) {
        i += 1;
        let negative = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            exp = (10 * exp + i64::from(c - b'0')).min(0x10000);
            i += 1;
        }
        if i == start {
            return None;
        }
        if negative {
            exp = -exp;
        }
    }
    if i != b.len() {
        return None;
    }
    // Fast path: an exact mantissa and an exact power of ten.
    let exp10 = exp10 + exp;
    if mantissa_digits != usize::MAX && mantissa < 1 << 53 && (-22..=22).contains(&exp10) {
        let mut power = 1.0f64;
        for _ in 0..exp10.unsigned_abs() {
            power *= 10.0;
        }
        let m = mantissa as f64;
        return Some(if exp10 < 0 { m / power } else { m * power });
    }
    d.trim();
    d.point = (point + exp).clamp(-0x10000, 0x10000) as i32;
    Some(f64::from_bits(d.nearest_f64_bits()))
}

/// A `f64` shown as the standard library shows it with `{}` and `{:.N}` (the
/// shortest digits that read back as the same value, or N decimals rounded half
/// to even; never an exponent), without its formatting code (Grisu, Dragon and
/// their tables): `format!("{:.1} MB", Num(x))`, `Num(x).to_string()`. Width,
/// fill and sign flags are not supported.
#[derive(Clone, Copy, Debug)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match f.precision() {
            Some(digits) => f.write_str(&fixed(self.0, digits)),
            None => f.write_str(&shortest(self.0)),
        }
    }
}

impl Decimal {
    /// Exactly `mantissa` × 2^`exp` (a `f64` needs at most 767 digits).
    fn exact(mantissa: u64, exp: i32) -> Decimal {
        let mut d = Decimal::new();
        let mut rev = [0u8; 20];
        let (mut m, mut n) = (mantissa, 0);
        while m > 0 {
            rev[n] = (m % 10) as u8;
            m /= 10;
            n += 1;
        }
        for &digit in rev[..n].iter().rev() {
            d.push(digit);
        }
        d.point = n as i32;
        d.trim();
        let mut e = exp;
        while e > 0 {
            let shift = e.min(60);
            d.left_shift(shift as u32);
            e -= shift;
        }
        while e < 0 {
            let shift = (-e).min(60);
            d.right_shift(shift as u32);
            e += shift;
        }
        d
    }
}

/// Compare two positive decimals 0.`a` × 10^`pa` and 0.`b` × 10^`pb`, given
/// without leading zeros (an empty digit list is zero).
fn compare(a: &[u8], pa: i32, b: &[u8], pb: i32) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    let a_zero = a.iter().all(|&d| d == 0);
    let b_zero = b.iter().all(|&d| d == 0);
    match (a_zero, b_zero) {
        (true, true) => return Equal,
        (true, false) => return Less,
        (false, true) => return Greater,
        _ => {}
    }
    if pa != pb {
        return pa.cmp(&pb);
    }
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        if x != y {
            return x.cmp(&y);
        }
    }
    Equal
}

/// The digits plus one unit of the last one (with the carry): digits and point.
fn plus_one_unit(digits: &[u8], point: i32) -> (Vec<u8>, i32) {
    let mut out = digits.to_vec();
    for d in out.iter_mut().rev() {
        if *d < 9 {
            *d += 1;
            return (out, point);
        }
        *d = 0;
    }
    out.insert(0, 1);
    (out, point + 1)
}

/// Lay digits 0.d₁d₂… × 10^`point` out in plain decimal notation.
fn lay_out(out: &mut String, digits: &[u8], point: i32) {
    let digit = |d: &u8| char::from(b'0' + d);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.extend(digits.iter().map(digit));
    } else if (point as usize) < digits.len() {
        let (int, frac) = digits.split_at(point as usize);
        out.extend(int.iter().map(digit));
        out.push('.');
        out.extend(frac.iter().map(digit));
    } else {
        out.extend(digits.iter().map(digit));
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    }
}

/// The sign, and the text of NaN and the infinities.
fn special(v: f64, out: &mut String) -> bool {
    if v.is_nan() {
        out.push_str("NaN");
        return true;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
        return true;
    }
    false
}

/// `format!("{v}")`: the shortest digits that read back as `v` (the closest
/// of them to `v`), as the standard library's Dragon4 gives them.
pub(crate) fn shortest(v: f64) -> String {
    let mut out = String::new();
    if special(v, &mut out) {
        return out;
    }
    if v == 0.0 {
        out.push('0');
        return out;
    }
    // v = mantissa × 2^exp, and the values halfway to its neighbours, as the
    // standard library decodes it (subnormals with both bounds included).
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exp, above, inclusive) = if biased == 0 {
        (fraction << 1, -1075, 1, true)
    } else {
        let m = fraction | 1 << 52;
        if fraction == 0 {
            (m << 2, biased - 1077, 2, m & 1 == 0)
        } else {
            (m << 1, biased - 1076, 1, m & 1 == 0)
        }
    };
    let value = Decimal::exact(mantissa, exp);
    let low = Decimal::exact(mantissa - 1, exp);
    let high = Decimal::exact(mantissa + above, exp);
    let high = (&high.digits[..high.len], high.point);
    let within_high = |digits: &[u8], point: i32| match compare(digits, point, high.0, high.1) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Equal => inclusive,
        std::cmp::Ordering::Greater => false,
    };
    let k = value.point;
    let digits = &value.digits[..value.len];
    // Where the upper bound reaches the next power of ten, that is the
    // shortest (the standard library starts one digit higher, with a 0).
    if within_high(&[1], k + 1) {
        lay_out(&mut out, &[1], k + 1);
        return out;
    }
    for c in 1..=digits.len() {
        let kept = &digits[..c];
        let down = match compare(kept, k, &low.digits[..low.len], low.point) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => inclusive,
            std::cmp::Ordering::Less => false,
        };
        let (next, next_point) = plus_one_unit(kept, k);
        let up = within_high(&next, next_point);
        if down || up {
            if up && (!down || digits.get(c).is_some_and(|&d| d >= 5)) {
                lay_out(&mut out, &next, next_point);
            } else {
                lay_out(&mut out, kept, k);
            }
            return out;
        }
    }
    lay_out(&mut out, digits, k);
    out
}

/// `format!("{v:.digits$}")`: rounded half to even at `digits` decimals.
pub fn fixed(v: f64, digits: usize) -> String {
    let mut out = String::new();
    if special(v, &mut out) {
        return out;
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let value = if biased == 0 {
        Decimal::exact(fraction, -1074)
    } else {
        Decimal::exact(fraction | 1 << 52, biased - 1075)
    };
    let all = &value.digits[..value.len];
    // The value × 10^digits rounded to an integer, as digits.
    let keep = i64::from(value.point) + digits as i64;
    let mut int: Vec<u8> = if keep < 0 || all.is_empty() {
        Vec::new()
    } else {
        let keep = keep as usize;
        let mut int: Vec<u8> = (0..keep)
            .map(|i| all.get(i).copied().unwrap_or(0))
            .collect();
        let up = match all.get(keep) {
            Some(&d) if d > 5 => true,
            Some(&5) => all.len() > keep + 1 || int.last().is_some_and(|d| d % 2 == 1),
            _ => false,
        };
        if up {
            int = plus_one_unit(&int, 0).0;
        }
        int
    };
    while int.len() > 1 && int[0] == 0 {
        int.remove(0);
    }
    if int.len() <= digits {
        let mut padded = vec![0; digits + 1 - int.len()];
        padded.extend_from_slice(&int);
        int = padded;
    }
    let (whole, frac) = int.split_at(int.len() - digits);
    out.extend(whole.iter().map(|d| char::from(b'0' + d)));
    if digits > 0 {
        out.push('.');
        out.extend(frac.iter().map(|d| char::from(b'0' + d)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(s: &str) {
        let std = s.parse::<f64>().ok();
        let ours = parse_f64(s);
        match (std, ours) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{s:?}: {a:e} vs {b:e}"),
            (a, b) => assert_eq!(a, b, "{s:?}"),
        }
    }

    #[test]
    fn syntax_as_the_standard_library() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "-.",
            "+.",
            "e",
            "e1",
            ".e1",
            "1e",
            "1e+",
            "1e-",
            "1.e1",
            ".5e1",
            "1..2",
            "1.2.3",
            " 1",
            "1 ",
            "1_000",
            "0x10",
            "inf",
            "-inf",
            "+inf",
            "INF",
            "Infinity",
            "-infinity",
            "infinit",
            "infinityx",
            "nan",
            "NaN",
            "-NaN",
            "+nan",
            "nana",
            "in",
            "1,5",
            "１",
            "--1",
            "+-1",
            "1e1e1",
            "1E5",
            "1e+05",
            "1e-05",
            "00",
            "-0",
            "+0",
            "0.",
            ".0",
            "-0.0",
            "000.000",
            "5.",
            ".5",
            "1e0",
            "1e-0",
            "1e00000000001",
        ] {
            same(s);
        }
    }

    #[test]
    fn numbers_of_reports() {
        for s in [
            "0",
            "1",
            "12",
            "35",
            "1129.7494",
            "0.5",
            "3.14159",
            "100",
            "2024",
            "99.99",
            "0.1",
            "0.2",
            "0.3",
            "123456789",
            "9007199254740992",
            "9007199254740993",
            "12345678901234567890",
            "1234567890123456789",
            "0.30000000000000004",
        ] {
            same(s);
            same(&format!("-{s}"));
        }
    }

    #[test]
    fn hard_cases() {
        for s in [
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9e-324",
            "5e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.47032822920623272e-324",
            "1e-400",
            "1e-324",
            "1e-323",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e308",
            "1e309",
            "1e400",
            "9007199254740993.0",
            "9007199254740994.9999999999999999999999999999",
            "9007199254740995",
            "1e23",
            "8.589973e9",
            "7.038531e-26",
            "1448997445238699",
            "4.35679e-309",
            "0.000000000000000000000000000000000000000000001",
            "123456789012345678901234567890e-30",
            "1e22",
            "1e-22",
            "9007199254740991e22",
            "9007199254740992e-22",
            "4503599627370496.5",
            "4503599627370497.5",
            "2.0000000000000004440892098500626161694526672363281250",
            "2.0000000000000004440892098500626161694526672363281249",
            "2.0000000000000004440892098500626161694526672363281251",
        ] {
            same(s);
        }
        // Long mantissas: halfway between two doubles, with a 1 far away.
        let half = "9007199254740993";
        for zeros in [10usize, 300, 760, 790, 800, 900] {
            same(&format!("{half}.{}", "0".repeat(zeros)));
            same(&format!("{half}.{}1", "0".repeat(zeros)));
            same(&format!("{half}{}e-{zeros}", "0".repeat(zeros)));
        }
        same(&format!("0.{}1", "0".repeat(1000)));
        same(&format!("1{}", "0".repeat(400)));
        same(&format!("{}e-300", "9".repeat(1000)));
    }

    #[test]
    fn random_decimals() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..100_000 {
            let r = next();
            let digits = 1 + (r % 25) as usize;
            let mut s = String::new();
            if r & (1 << 40) != 0 {
                s.push('-');
            }
            let point = (next() % (digits as u64 + 2)) as usize;
            for k in 0..digits {
                if k == point {
                    s.push('.');
                }
                s.push(char::from(b'0' + (next() % 10) as u8));
            }
            match r >> 60 {
                0..=5 => {}
                6..=11 => s += &format!("e{}", (next() % 60) as i64 - 30),
                _ => s += &format!("e{}", (next() % 700) as i64 - 350),
            }
            same(&s);
        }
        // Every double's shortest and exact-ish forms read back.
        for _ in 0..50_000 {
            let v = f64::from_bits(next());
            if v.is_finite() {
                same(&format!("{v:e}"));
                same(&format!("{v:.20e}"));
                same(&v.to_string());
            }
            let sub = f64::from_bits(next() & ((1 << 52) - 1));
            same(&format!("{sub:e}"));
            same(&format!("{sub:.25e}"));
            // Odd integers past 2^53 lie halfway between two doubles.
            let k = ((1u64 << 53) + (next() % (1 << 53))) | 1;
            same(&k.to_string());
            same(&format!("{k}e-{}", next() % 40));
            same(&format!("{k}e{}", next() % 40));
        }
    }

    fn shows(v: f64) {
        assert_eq!(shortest(v), format!("{v}"), "{v:e} ({:#x})", v.to_bits());
        assert_eq!(Num(v).to_string(), format!("{v}"));
        for digits in [0, 1, 2, 4] {
            assert_eq!(fixed(v, digits), format!("{v:.digits$}"), "{v:e} .{digits}");
        }
        assert_eq!(format!("{:.1}", Num(v)), format!("{v:.1}"));
    }

    #[test]
    fn shown_as_the_standard_library() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.2,
            0.3,
            0.5,
            1.5,
            2.5,
            0.25,
            0.125,
            0.375,
            0.05,
            0.15,
            9.5,
            10.5,
            35.0,
            1129.7494,
            99.99,
            100.0,
            1e21,
            1e22,
            1e23,
            1e-7,
            123456.789,
            0.30000000000000004,
            9007199254740993.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            f64::from_bits((1 << 52) - 1),
            1.7976931348623157e308,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::EPSILON,
            0.000123,
            1e15,
            1e16,
            1e17,
            4.35,
            2.675,
            1.005,
            33.333333333333336,
            66.66666666666667,
            0.9999999999999999,
            9.999999999999998,
        ] {
            shows(v);
            shows(-v);
        }
        // Every power of two (the neighbour below is nearer) and of ten.
        for e in -1074..=1023 {
            shows(2f64.powi(e));
        }
        for e in -323..=308 {
            shows(format!("1e{e}").parse().unwrap());
            shows(format!("9.999999999999999e{e}").parse().unwrap());
        }
    }

    #[test]
    fn random_doubles_shown_as_the_standard_library() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..60_000u64 {
            let bits = next();
            let v = match i % 4 {
                // Any bits; a subnormal; a figure of a report (a few
                // decimals, as a percentage or a sum makes them).
                0 => f64::from_bits(bits),
                1 => f64::from_bits(bits & ((1 << 52) - 1)),
                2 => (bits % 1_000_000) as f64 / [1.0, 3.0, 7.0, 100.0][(bits >> 60) as usize % 4],
                _ => (bits % 100_000) as f64 * 0.01,
            };
            shows(v);
        }
    }
}
