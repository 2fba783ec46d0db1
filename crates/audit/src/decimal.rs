//! Exact decimal arithmetic for cell values, on `rust_decimal` with checked operations.
//!
//! Counts are integers but fees are printed with decimals (`96171.6`, `24252.311082` 万元), so the
//! rules compare exact decimals, never floats. A value with more than 28 digits or 12 decimals is
//! not a number here (the rule then treats it like an unprinted operand: `uncertain`, never a
//! computed figure). A sum that no longer fits exactly (28 significant digits) is
//! [`Dec::is_overflow`]: it prints as `overflow`, and an equation over it is `uncertain`.

use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;

/// Digits a value may have in all (rust_decimal holds 28 exactly).
const MAX_DIGITS: usize = 28;
const MAX_SCALE: usize = 12;

/// An exact decimal, or the overflow of a sum.
#[derive(Debug, Clone, Copy)]
pub struct Dec(Option<Decimal>);

impl Dec {
    pub const ZERO: Dec = Dec(Some(Decimal::ZERO));

    #[cfg(test)]
    pub fn from_int(n: i64) -> Dec {
        Dec(Some(Decimal::from(n)))
    }

    /// Parse a normalised value (`-12`, `96171.6`); `None` for anything else.
    pub fn parse(s: &str) -> Option<Dec> {
        let body = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = match body.split_once('.') {
            Some((_, "")) => return None,
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty()
            || int.len() + frac.len() > MAX_DIGITS
            || frac.len() > MAX_SCALE
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        Decimal::from_str_exact(s).ok().map(|d| Dec(Some(d)))
    }

    /// The exact sum, or overflow (never a rounded figure).
    pub fn add(self, other: Dec) -> Dec {
        let (Some(a), Some(b)) = (self.0, other.0) else {
            return Dec(None);
        };
        let sum = a
            .checked_add(b)
            .filter(|s| s.scale() >= a.scale().max(b.scale()));
        Dec(sum)
    }

    pub fn neg(self) -> Dec {
        Dec(self.0.map(|d| -d))
    }

    #[cfg(test)]
    pub fn sub(self, other: Dec) -> Dec {
        self.add(other.neg())
    }

    /// A sum too large to hold exactly.
    pub fn is_overflow(&self) -> bool {
        self.0.is_none()
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_some_and(|d| d.is_sign_negative() && !d.is_zero())
    }

    pub fn is_integer(&self) -> bool {
        self.0.is_some_and(|d| d.fract().is_zero())
    }
}

impl PartialEq for Dec {
    fn eq(&self, other: &Dec) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Dec {}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Dec) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Overflow sorts above every number (and equals only itself).
impl Ord for Dec {
    fn cmp(&self, other: &Dec) -> Ordering {
        match (self.0, other.0) {
            (Some(a), Some(b)) => a.cmp(&b),
            (a, b) => a.is_some().cmp(&b.is_some()).reverse(),
        }
    }
}

/// Minimal form: no trailing zeros after the point, no point for integers, `-` for negatives.
impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(d) => write!(f, "{}", d.normalize()),
            None => f.write_str("overflow"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    #[test]
    fn sums_are_exact_and_printed_minimally() {
        assert_eq!(d("0.1").add(d("0.2")), d("0.3"));
        assert_eq!(d("0.1").add(d("0.2")).to_string(), "0.3");
        assert_eq!(d("96171.60").to_string(), "96171.6");
        assert_eq!(d("-3").add(d("1")).to_string(), "-2");
        assert_eq!(d("0.05").neg().to_string(), "-0.05");
        assert_eq!(d("24252.311082").sub(d("0.311082")).to_string(), "24252");
        assert_eq!(d("-0.5").add(d("0.5")).to_string(), "0");
        assert_eq!(Dec::ZERO.to_string(), "0");
        assert_eq!(Dec::ZERO.neg().to_string(), "0");
        assert_eq!(d("-0.0").to_string(), "0");
        assert_eq!(d("3119"), Dec::from_int(3119));
    }

    #[test]
    fn rejects_what_is_not_a_normalised_number() {
        for s in [
            "",
            "-",
            "1.",
            ".5",
            "1,000",
            "1e5",
            "１",
            "+1",
            "1234567890123456789012345678901",
            "0.1234567890123",
        ] {
            assert!(Dec::parse(s).is_none(), "{s}");
        }
        assert!(!d("2.50").is_integer() && d("3.00").is_integer());
        assert!(d("-1").is_negative() && !d("0").is_negative());
    }

    /// The 30-digit cell of issue 16 overflowed i128 once rescaled: now it is not a number
    /// (the rule reads it as unprinted), and a sum past 28 digits is overflow, not garbage.
    #[test]
    fn thirty_digits_and_huge_sums_never_give_a_figure() {
        assert!(Dec::parse("123456789012345678901234567890").is_none());
        assert!(Dec::parse("123456789012345678.901234567890").is_none());
        let big = d("9999999999999999999999999999");
        assert_eq!(big.add(d("1")).to_string(), "10000000000000000000000000000");
        let sum = (0..8).fold(Dec::ZERO, |acc, _| acc.add(big));
        assert!(sum.is_overflow());
        assert_eq!(sum.to_string(), "overflow");
        assert!(sum.add(d("1")).is_overflow() && sum.neg().is_overflow());
        // Exactness: a sum that would need rounding is overflow too.
        let sum = d("9999999999999999.999999999999").add(d("0.000000000001"));
        assert_eq!(sum.to_string(), "10000000000000000");
        let sum = d("9999999999999999999999999999").add(d("0.5"));
        assert!(sum.is_overflow());
        assert!(sum > big && sum.cmp(&sum).is_eq());
    }
}
