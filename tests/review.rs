//! The review of the corpus, rendered by headless Chromium (`/usr/bin/chromium`, installed by
//! `.ci/run`): every report page draws one template cell per values.csv row and one box per
//! cell placed on a PDF page, shows the truth value in each cell, and every finding links to
//! cells that exist in the page; the index lists every report and links to existing pages.
//!
//! The counts come from the DOM after the pages' scripts ran (`--dump-dom`), so a script that
//! fails to draw fails the test.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use xxgk_export::{extract, ExtractOptions};
use xxgk_model::Flag;
use xxgk_tests::{reports_dir, truth_dir, Truth};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The DOM of a page after its scripts ran.
fn rendered(page: &Path, profile: &Path) -> String {
    let o = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("{CHROMIUM} must be installed (see .ci/run): {e}"));
    assert!(o.status.success(), "chromium failed on {}", page.display());
    String::from_utf8(o.stdout).expect("UTF-8 DOM")
}

/// `(key, flag, text)` of every element with `class="cell flag-…" data-key="…"` of a tag.
fn cells(dom: &str, tag: &str) -> Vec<(String, String, String)> {
    let re = regex::Regex::new(&format!(
        r#"<{tag} class="cell flag-([a-z]+)(?: hl)?" data-key="([^"]+)"[^>]*>([^<]*)"#
    ))
    .unwrap();
    re.captures_iter(dom)
        .map(|c| (c[2].to_string(), c[1].to_string(), c[3].to_string()))
        .collect()
}

/// The `data-cells` of every finding.
fn findings(dom: &str) -> Vec<Vec<String>> {
    let re = regex::Regex::new(r#"<li class="finding sev-[a-z]+" data-cells="([^"]*)""#).unwrap();
    re.captures_iter(dom)
        .map(|c| c[1].split_whitespace().map(str::to_string).collect())
        .collect()
}

fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            head.iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn truth_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            truth_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn the_corpus_review_draws_every_cell_and_links_every_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let input = [reports_dir()];
    let opts = ExtractOptions {
        threads: 2,
        ..ExtractOptions::default()
    };
    extract(&input, &out, &opts, &mut |_, _| {}).unwrap();
    // The scans are drawn from Tesseract's answers that extract kept: a Tesseract that
    // refuses to recognise anything (it still lists its languages) draws them all the same.
    let refusing = tmp.path().join("tesseract-refusing");
    std::fs::write(
        &refusing,
        "#!/bin/sh\ncase \"$1\" in --list-langs|--version) exec tesseract \"$@\";; esac\nexit 3\n",
    )
    .unwrap();
    std::fs::set_permissions(
        &refusing,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    // The only test of this binary: no other thread reads the variable.
    std::env::set_var("XXGK_TESSERACT", &refusing);
    let summary = xxgk_export::review::write(&out, &input).unwrap();
    std::env::remove_var("XXGK_TESSERACT");
    assert!(summary.notes.is_empty(), "{:?}", summary.notes);

    let reports = csv_rows(&out.join("reports.csv"));
    let values = csv_rows(&out.join("values.csv"));
    let all_findings = csv_rows(&out.join("findings.csv"));
    assert_eq!(summary.reports, reports.len());

    // Truth values by report id.
    let mut truths = Vec::new();
    truth_files(&truth_dir(), &mut truths);
    let truth: HashMap<String, Truth> = truths
        .iter()
        .map(|p| Truth::load(p).unwrap())
        .map(|t| {
            let id = t
                .source
                .strip_prefix(reports_dir())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (id, t)
        })
        .collect();

    let profile = tmp.path().join("chromium-profile");
    std::fs::create_dir(&profile).unwrap();
    let index = rendered(&out.join("review/index.html"), &profile);
    assert!(index.contains(r#"data-rendered="index""#));
    let href = regex::Regex::new(r#"<a href="(r/\d+\.html)">([^<]+)</a>"#).unwrap();
    let pages: HashMap<String, String> = href
        .captures_iter(&index)
        .map(|c| (c[2].replace("&amp;", "&"), c[1].to_string()))
        .collect();
    assert_eq!(pages.len(), reports.len(), "one index row per report");
    // 洪泽区 2023 and 2024 (named 洪泽区人民政府 and 淮安市洪泽区人民政府): five charts, with the
    // X-* findings of 2024 marked on each.
    assert!(
        index.contains("洪泽区人民政府 / 淮安市洪泽区人民政府"),
        "charts for 洪泽区"
    );
    assert_eq!(index.matches(r#"<svg class="chart""#).count(), 5);
    assert_eq!(index.matches(r#"<line class="brk""#).count(), 5);

    // Render the pages three at a time (each Chromium gets its own profile folder). Chromium
    // takes about 1.5 s a page on CI's two cores, so of the derived texts (136 of them, the
    // same review page over text sources: docs/corpus.md) every third is rendered; every other
    // report is.
    let mut derived_seen = 0;
    let reports: Vec<&HashMap<String, String>> = reports
        .iter()
        .filter(|r| {
            if !r["report"].starts_with("derived/") {
                return true;
            }
            derived_seen += 1;
            derived_seen % 3 == 1
        })
        .collect();
    assert!(derived_seen >= 136 && reports.len() >= derived_seen / 3 + 70);
    let paths: Vec<PathBuf> = reports
        .iter()
        .map(|r| out.join("review").join(&pages[&r["report"]]))
        .collect();
    let mut doms: Vec<String> = Vec::new();
    for (n, chunk) in paths.chunks(3).enumerate() {
        let rendered_chunk: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let prof = tmp.path().join(format!("profile-{n}-{i}"));
                    s.spawn(move || {
                        std::fs::create_dir(&prof).unwrap();
                        rendered(p, &prof)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        doms.extend(rendered_chunk);
    }

    let (mut drawn_td, mut drawn_rect, mut linked, mut truth_checked) = (0, 0, 0, 0);
    let mut scans_drawn = 0;
    let mut per_report = Vec::new();
    for (r, dom) in reports.iter().zip(&doms) {
        let id = &r["report"];
        assert!(dom.contains(r#"data-rendered="report""#), "{id}");
        let mine: Vec<&HashMap<String, String>> =
            values.iter().filter(|v| &v["report"] == id).collect();
        let td = cells(dom, "td");
        let rect = cells(dom, "rect");
        // One template cell per values.csv row, with its flag.
        assert_eq!(td.len(), mine.len(), "{id}: template cells");
        for (v, (key, flag, _)) in mine.iter().zip(&td) {
            assert_eq!(
                &format!("{}.{}.{}", v["table"], v["row"], v["col"]),
                key,
                "{id}"
            );
            assert_eq!(&v["flag"], flag, "{id} {key}");
        }
        // One box per cell placed on a page, for every PDF that was read.
        let placed = mine.iter().filter(|v| !v["bbox"].is_empty()).count();
        let pdf_read = r["format"] == "pdf" && matches!(r["status"].as_str(), "ok" | "partial");
        assert_eq!(rect.len(), if pdf_read { placed } else { 0 }, "{id}: boxes");
        let scan = mine.iter().any(|v| !v["ocr_confidence"].is_empty());
        if pdf_read && scan {
            assert!(placed >= 100, "{id}: a scan drawn with {placed} boxes");
            scans_drawn += 1;
        }
        // The truth's numbers are what the cells show (cells the extract did not find show
        // ∅ with flag absent, checked above against values.csv).
        let read_by_ocr = mine.iter().any(|v| !v["ocr_confidence"].is_empty());
        if let Some(t) = truth.get(id) {
            let shown: HashMap<&str, (&str, &str)> = td
                .iter()
                .map(|(k, f, s)| (k.as_str(), (f.as_str(), s.as_str())))
                .collect();
            for (key, value) in &t.cells {
                if let Some((Flag::Number, n)) = xxgk_model::text::classify_value(value) {
                    match shown.get(key.as_str()) {
                        Some(("absent", "∅")) => {}
                        // An OCR reading (a scan, a picture) that no sum confirms is drawn uncertain, with
                        // the value read (tests/ocr.rs and the batch test score those); so is
                        // a crawler dump's run that no rule cuts (tests/realtext.rs), and a
                        // number of a sheet printed to PDF that a later page prints longer
                        // (parser cut_numbers.rs: `1071` of `10714` in doubt).
                        Some(("uncertain", _))
                            if read_by_ocr
                                || id.contains("-dump-")
                                || id.starts_with("exported/") => {}
                        Some((flag, text)) => {
                            let want = if t.uncertain.contains(key) {
                                "uncertain"
                            } else {
                                "number"
                            };
                            assert_eq!((*flag, *text), (want, n.as_str()), "{id} {key}");
                            truth_checked += 1;
                        }
                        // A key the report's rows do not have (a partial report read with
                        // the other （六） layout) is missing for eval; a complete report
                        // draws every truth key.
                        None => assert_ne!(r["status"], "ok", "{id}: {key} is not drawn"),
                    }
                }
            }
        }
        // Every finding is listed and links to cells that exist in the page.
        let fs = findings(dom);
        let expected = all_findings.iter().filter(|f| &f["report"] == id).count();
        assert_eq!(fs.len(), expected, "{id}: findings");
        for keys in &fs {
            for k in keys {
                assert!(
                    dom.contains(&format!(r#"data-key="{k}""#)),
                    "{id}: finding cell {k} is not drawn"
                );
                linked += 1;
            }
        }
        drawn_td += td.len();
        drawn_rect += rect.len();
        per_report.push(format!("{id}: {} cells, {} boxes", td.len(), rect.len()));
    }
    eprintln!("{}", per_report.join("\n"));
    eprintln!(
        "review: {} reports, {drawn_td} template cells, {drawn_rect} boxes on pages, {linked} finding links, {truth_checked} truth numbers shown",
        reports.len()
    );
    let expected_cells: usize = reports
        .iter()
        .map(|r| r["cells_expected"].parse::<usize>().unwrap_or(0))
        .sum();
    assert_eq!(drawn_td, expected_cells);
    assert!(drawn_rect > 0 && linked > 0 && truth_checked > 0);
    // Every scanned PDF of the corpus (scans/: six), drawn from the answers extract kept.
    assert!(scans_drawn >= 6, "{scans_drawn} scans drawn");
    // The Huai'an 2024 PDF: all 200 cells boxed on its pages.
    let huaian = per_report
        .iter()
        .find(|l| l.starts_with("huaian-2024.pdf:"));
    assert_eq!(
        huaian.map(String::as_str),
        Some("huaian-2024.pdf: 200 cells, 200 boxes")
    );
}
