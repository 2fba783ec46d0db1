//! Text reuse across years (`R-1`, info): how much of sections 一 and 五 repeats the same body's
//! previous report (the 2021 notice singles out 内容雷同 reports).
//!
//! A section is reduced to a small fingerprint: its letters only (digits, punctuation and white
//! space dropped, so a copy with updated years and counts still matches), cut into overlapping
//! 8-character shingles, each hashed with FNV-1a (stable across runs and platforms); one hash in
//! four is kept (those ≡ 0 mod 4 — the same shingles are kept in every report, so the sample
//! estimates overlap without bias), stored as the high 32 bits, sorted, at most 4096.
//!
//! Overlap = share of this year's sampled shingles found in last year's (containment). A section
//! shorter than 200 characters is not measured (a bare "无。" repeats trivially).

use serde::{Deserialize, Serialize};
use xxgk_model::hash::Fnv1a;

/// Shingle length in characters.
pub const SHINGLE_CHARS: usize = 8;
/// Sections measured: 一 (总体情况) and 五 (存在的主要问题及改进情况).
pub const SECTIONS: [u8; 2] = [1, 5];
/// Smallest section measured, in kept characters.
pub const MIN_CHARS: usize = 200;
/// Overlap from which R-1 is reported, in percent.
pub const THRESHOLD_PERCENT: u32 = 60;
const SAMPLE_MOD: u64 = 4;
const MAX_SHINGLES: usize = 4096;

/// The fingerprint of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Section number (1 or 5).
    pub section: u8,
    /// Characters kept (letters only).
    pub chars: u32,
    /// Sampled shingle hashes, sorted, without repeats.
    pub shingles: Vec<u32>,
}

/// FNV-1a of the characters' UTF-8 bytes.
fn fnv1a(chars: &[char]) -> u64 {
    let mut h = Fnv1a::default();
    let mut buf = [0u8; 4];
    for c in chars {
        h.write(c.encode_utf8(&mut buf).as_bytes());
    }
    h.finish()
}

/// Fingerprint a section's text; `None` when it is too short to say anything.
pub fn fingerprint(section: u8, text: &str) -> Option<Fingerprint> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if chars.len() < MIN_CHARS.max(SHINGLE_CHARS) {
        return None;
    }
    let mut shingles: Vec<u32> = chars
        .windows(SHINGLE_CHARS)
        .map(fnv1a)
        .filter(|h| h % SAMPLE_MOD == 0)
        .map(|h| (h >> 32) as u32)
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles.truncate(MAX_SHINGLES);
    Some(Fingerprint {
        section,
        chars: u32::try_from(chars.len()).unwrap_or(u32::MAX),
        shingles,
    })
}

/// Share of `this`'s shingles found in `previous`, in percent (rounded down); `None` when `this`
/// kept no shingle.
pub fn overlap_percent(this: &Fingerprint, previous: &Fingerprint) -> Option<u32> {
    if this.shingles.is_empty() {
        return None;
    }
    let common = this
        .shingles
        .iter()
        .filter(|h| previous.shingles.binary_search(h).is_ok())
        .count();
    u32::try_from(common * 100 / this.shingles.len()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。主要表现在：一是政策解读质量仍需提升，个别单位政策解读内容简单、形式单一；二是政务公开队伍建设还需进一步加强，个别单位存在人员配备不足、兼职多、流动性过快的问题。针对存在问题，下一步，我市将着力加强政策解读质效，重点提升解读的针对性和通俗化，探索建立政社合作、多元参与的政策宣传解读模式，开发更多可读、可视、可感的政策解读产品，积极回应企业和群众的实际需求；建立健全传帮带机制，对新上岗人员开展面对面、手把手指导，定期组织业务培训，全面提升政务公开工作队伍水平，同时加强先进典型宣传和正面激励，增强队伍凝聚力。";

    #[test]
    fn a_copy_with_new_numbers_overlaps_fully() {
        let a = fingerprint(5, &format!("2023年{BASE}共12次")).unwrap();
        let b = fingerprint(5, &format!("2024 年，{BASE} 共 15 次")).unwrap();
        assert!(a.shingles.len() > 20, "{}", a.shingles.len());
        assert_eq!(overlap_percent(&b, &a), Some(100));
    }

    #[test]
    fn different_text_barely_overlaps_and_short_text_is_not_measured() {
        let other = "本年度围绕优化营商环境深化政务公开，完善主动公开目录，推进基层政务公开标准化规范化建设，加强政府网站和政务新媒体管理，规范依申请公开办理流程，健全保密审查机制，组织开展业务培训三次，覆盖全区各部门和街道工作人员，提升了队伍的专业能力。同时，围绕重大决策预公开、重要政策解读回应和公共企事业单位信息公开等重点领域开展专项检查，对发现的问题建立台账，逐项督促整改到位，确保各项工作要求落地见效，群众满意度持续提升。下一步将继续推进政务数据开放共享，拓展公开渠道，探索以视频和图解方式发布政策，畅通政民互动，提升政府透明度和公信力。";
        let a = fingerprint(5, BASE).unwrap();
        let b = fingerprint(5, other).unwrap();
        assert!(overlap_percent(&b, &a).unwrap() < 20);
        assert!(fingerprint(5, "无。").is_none());
    }
}
