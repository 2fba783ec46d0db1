//! Exact decimal arithmetic for cell values.
//!
//! Counts are integers but fees are printed with decimals (`96171.6`, `24252.311082` 万元), so the
//! rules compare exact decimals, never floats. A value with more than 30 digits or 12 decimals is
//! not a number here (the rule then treats it like an unprinted operand).

use std::cmp::Ordering;
use std::fmt;

const MAX_DIGITS: usize = 30;
const MAX_SCALE: u32 = 12;

/// `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy)]
pub struct Dec {
    mantissa: i128,
    scale: u32,
}

impl Dec {
    pub const ZERO: Dec = Dec {
        mantissa: 0,
        scale: 0,
    };

    #[cfg(test)]
    pub fn from_int(n: i64) -> Dec {
        Dec {
            mantissa: i128::from(n),
            scale: 0,
        }
    }

    /// Parse a normalised value (`-12`, `96171.6`); `None` for anything else.
    pub fn parse(s: &str) -> Option<Dec> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((_, "")) => return None,
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty()
            || int.len() + frac.len() > MAX_DIGITS
            || frac.len() > MAX_SCALE as usize
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        Some(Dec {
            mantissa: if neg { -mantissa } else { mantissa },
            scale: frac.len() as u32,
        })
    }

    fn rescaled(&self, scale: u32) -> i128 {
        // Scales are at most MAX_SCALE and mantissas at most MAX_DIGITS digits, so no overflow.
        self.mantissa * 10i128.pow(scale - self.scale)
    }

    pub fn add(self, other: Dec) -> Dec {
        let scale = self.scale.max(other.scale);
        Dec {
            mantissa: self.rescaled(scale) + other.rescaled(scale),
            scale,
        }
    }

    pub fn neg(self) -> Dec {
        Dec {
            mantissa: -self.mantissa,
            scale: self.scale,
        }
    }

    #[cfg(test)]
    pub fn sub(self, other: Dec) -> Dec {
        self.add(other.neg())
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    pub fn is_integer(&self) -> bool {
        self.mantissa % 10i128.pow(self.scale) == 0
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

impl Ord for Dec {
    fn cmp(&self, other: &Dec) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.rescaled(scale).cmp(&other.rescaled(scale))
    }
}

/// Minimal form: no trailing zeros after the point, no point for integers, `-` for negatives.
impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = self.mantissa;
        let mut scale = self.scale;
        while scale > 0 && m % 10 == 0 {
            m /= 10;
            scale -= 1;
        }
        let sign = if m < 0 { "-" } else { "" };
        let digits = m.unsigned_abs().to_string();
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let scale = scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
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
        assert_eq!(Dec::ZERO.to_string(), "0");
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
            "1234567890123456789012345678901",
        ] {
            assert!(Dec::parse(s).is_none(), "{s}");
        }
        assert!(!d("2.50").is_integer() && d("3.00").is_integer());
    }
}
