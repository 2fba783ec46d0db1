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

/// Chromium headless, dumping the DOM of `page` after its scripts ran.
fn chromium_dom(page: &Path, profile: &Path) -> String {
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
            // The harness below reads the DOM of report pages it opens in frames: pages on
            // disk are of one origin only with this switch.
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("{CHROMIUM} must be installed (see .ci/run): {e}"));
    assert!(o.status.success(), "chromium failed on {}", page.display());
    String::from_utf8(o.stdout).expect("UTF-8 DOM")
}

/// The DOM of every page, each after its scripts ran, from one Chromium: a harness page opens
/// them in frames and, once all have loaded, copies each frame's body (its attributes and its
/// markup) into a `<div data-harness-page="N">` of its own. One browser start for many pages
/// instead of one a page (about 1.5 s each on CI's two cores).
fn rendered_all(pages: &[PathBuf], harness: &Path, profile: &Path) -> Vec<String> {
    let frames: String = pages
        .iter()
        .map(|p| format!(r#"<iframe src="file://{}"></iframe>"#, p.display()))
        .collect();
    let html = format!(
        r#"<!doctype html><meta charset="utf-8"><body>{frames}<script>
window.addEventListener("load", () => {{
  const frames = [...document.querySelectorAll("iframe")];
  frames.forEach((f, n) => {{
    const d = document.createElement("div");
    d.setAttribute("data-harness-page", String(n));
    const b = f.contentDocument.body;
    for (const a of b.attributes) d.setAttribute(a.name, a.value);
    d.innerHTML = b.innerHTML;
    document.body.append(d);
  }});
  frames.forEach(f => f.remove());
}});
</script>"#
    );
    std::fs::write(harness, html).unwrap();
    let dom = chromium_dom(harness, profile);
    let start = regex::Regex::new(r#"<div data-harness-page="(\d+)""#).unwrap();
    let at: Vec<(usize, usize)> = start
        .captures_iter(&dom)
        .map(|c| (c.get(0).unwrap().start(), c[1].parse().unwrap()))
        .collect();
    assert_eq!(at.len(), pages.len(), "every page copied by the harness");
    at.iter()
        .enumerate()
        .map(|(i, &(from, n))| {
            assert_eq!(n, i, "pages in order");
            let to = at.get(i + 1).map_or(dom.len(), |&(next, _)| next);
            dom[from..to].to_string()
        })
        .collect()
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
    xxgk_tests::out_sharing_ocr(&out, env!("CARGO_TARGET_TMPDIR"));
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
    let index = chromium_dom(&out.join("review/index.html"), &profile);
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

    // Every report page, rendered by two Chromiums (one a core), each through a harness.
    let paths: Vec<PathBuf> = reports
        .iter()
        .map(|r| out.join("review").join(&pages[&r["report"]]))
        .collect();
    let half = paths.len().div_ceil(2);
    let doms: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(half)
            .enumerate()
            .map(|(n, chunk)| {
                let harness = out.join("review").join(format!("harness-{n}.html"));
                let prof = tmp.path().join(format!("profile-{n}"));
                s.spawn(move || {
                    std::fs::create_dir(&prof).unwrap();
                    rendered_all(chunk, &harness, &prof)
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(doms.len(), reports.len());
    let reports: Vec<&HashMap<String, String>> = reports.iter().collect();

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
                        // a derived text's cell that no rule pins (a crawler dump's run that
                        // no rule cuts among them: tests/realtext.rs scores those), and a
                        // number of a sheet printed to PDF that a later page prints longer
                        // (parser cut_numbers.rs: `1071` of `10714` in doubt).
                        Some(("uncertain", _))
                            if read_by_ocr
                                || id.starts_with("derived/")
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
