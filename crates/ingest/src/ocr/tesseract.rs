//! The Tesseract program: found at run time (`XXGK_TESSERACT`, else `tesseract` on `PATH`),
//! fed a PGM on standard input, read back as TSV word boxes.

use crate::image::Gray;
use std::io::Write;
use std::process::{Command, Stdio};

/// What to install when Tesseract or its Chinese model is missing.
pub const INSTALL_HINT: &str =
    "install Tesseract 5 and its Simplified Chinese model: apt-get install tesseract-ocr tesseract-ocr-chi-sim";

/// The program to run.
pub fn program() -> String {
    std::env::var("XXGK_TESSERACT")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "tesseract".to_string())
}

/// `Ok` when the program runs and knows `chi_sim`; otherwise what is missing.
pub fn check() -> Result<(), String> {
    check_program(&program())
}

/// [`check`] for a given program path.
pub fn check_program(program: &str) -> Result<(), String> {
    let out = Command::new(program)
        .arg("--list-langs")
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|_| format!("Tesseract was not found; {INSTALL_HINT}"))?;
    let listed = String::from_utf8_lossy(&out.stdout);
    if !listed.lines().any(|l| l.trim() == "chi_sim") {
        return Err(format!(
            "Tesseract has no Simplified Chinese model (chi_sim); {INSTALL_HINT}"
        ));
    }
    Ok(())
}

/// One recognised word, in the pixels of the image given.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Block, paragraph and line number as Tesseract grouped them.
    pub line_key: (u32, u32, u32),
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
    /// 0–100.
    pub conf: f32,
    pub text: String,
}

/// How to run one recognition.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// Page segmentation mode (4: a column of variable sizes, 6: one block).
    pub psm: u8,
    pub lang: &'a str,
    /// Only these characters (digits pass).
    pub whitelist: Option<&'a str>,
    pub dpi: u32,
}

/// Recognise an image; the words in reading order.
pub fn words(img: &Gray, run: Run<'_>) -> Result<Vec<Word>, String> {
    let mut cmd = Command::new(program());
    cmd.args(["stdin", "stdout", "--psm"])
        .arg(run.psm.to_string())
        .args(["-l", run.lang, "--dpi"])
        .arg(run.dpi.clamp(70, 2400).to_string());
    if let Some(list) = run.whitelist {
        cmd.arg("-c").arg(format!("tessedit_char_whitelist={list}"));
    }
    cmd.arg("tsv");
    let out = run_on(cmd, img)?;
    Ok(parse_tsv(&String::from_utf8_lossy(&out)))
}

/// Run Tesseract (`cmd`, reading `stdin`) on `img`, one thread; what it wrote to standard output.
fn run_on(mut cmd: Command, img: &Gray) -> Result<Vec<u8>, String> {
    let pgm = img.to_pgm();
    let key = super::cache::key(&cmd, &pgm);
    if let Some(kept) = key.as_deref().and_then(super::cache::get) {
        return Ok(kept);
    }
    cmd.env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd
        .spawn()
        .map_err(|_| format!("Tesseract could not be started; {INSTALL_HINT}"))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| "Tesseract's input could not be opened".to_string())?;
    let writer = std::thread::spawn(move || stdin.write_all(&pgm));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("Tesseract failed: {e}"))?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(format!("Tesseract failed ({})", out.status));
    }
    if let Some(key) = &key {
        super::cache::put(key, &out.stdout);
    }
    Ok(out.stdout)
}

/// Orientation confidence below which Tesseract's guess is not taken (its scale: a sideways
/// table page scores about 20, an upright one about 10 for "no turn").
const MIN_ORIENTATION_CONFIDENCE: f32 = 5.0;

/// How many quarter turns clockwise make the page upright, by Tesseract's orientation and
/// script detection (`--psm 0`, `osd.traineddata`); `None` when upright, unsure, or OSD is
/// not installed.
pub fn quarter_turns(img: &Gray, dpi: u32) -> Option<u8> {
    let mut cmd = Command::new(program());
    cmd.args(["stdin", "stdout", "--psm", "0", "--dpi"])
        .arg(dpi.clamp(70, 2400).to_string());
    let out = run_on(cmd, img).ok()?;
    parse_osd(&String::from_utf8_lossy(&out))
}

/// `Rotate: 90` and `Orientation confidence: 20.94` of Tesseract's OSD output → 1 quarter turn.
pub fn parse_osd(text: &str) -> Option<u8> {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    let rotate: u32 = field("Rotate:")?.parse().ok()?;
    let confidence: f32 = field("Orientation confidence:")?.parse().ok()?;
    let quarters = match rotate {
        90 => 1,
        180 => 2,
        270 => 3,
        _ => return None,
    };
    (confidence >= MIN_ORIENTATION_CONFIDENCE).then_some(quarters)
}

/// Word rows (level 5) of Tesseract's TSV.
pub fn parse_tsv(tsv: &str) -> Vec<Word> {
    tsv.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 12 || f[0] != "5" {
                return None;
            }
            let n = |i: usize| f[i].trim().parse::<u32>().ok();
            let text = f[11].trim();
            if text.is_empty() {
                return None;
            }
            Some(Word {
                line_key: (n(2)?, n(3)?, n(4)?),
                left: n(6)?,
                top: n(7)?,
                width: n(8)?,
                height: n(9)?,
                conf: f[10].trim().parse().ok()?,
                text: text.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_turn_osd_is_sure_of() {
        let sideways = "Page number: 0\nOrientation in degrees: 270\nRotate: 90\n\
                        Orientation confidence: 20.94\nScript: Han\nScript confidence: 1.28\n";
        assert_eq!(parse_osd(sideways), Some(1));
        let unsure = sideways.replace("20.94", "1.10");
        assert_eq!(parse_osd(&unsure), None);
        let upright = sideways.replace("Rotate: 90", "Rotate: 0");
        assert_eq!(parse_osd(&upright), None);
        assert_eq!(parse_osd("Too few characters. Skipping this page"), None);
    }

    #[test]
    fn reads_word_rows() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   4\t1\t1\t1\t1\t0\t10\t10\t100\t20\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t10\t40\t20\t96.5\t3001\n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text, "3001");
        assert_eq!(w[0].line_key, (1, 1, 1));
    }
}
