//! The command line: exit statuses, messages and help.

use std::fs;
use std::process::{Command, Output};

fn xxgk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .output()
        .expect("run xxgk")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_missing_input_is_a_one_line_error_with_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = xxgk(&[
        "extract",
        "/nonexistent/年报",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "xxgk: input not found: /nonexistent/年报\n");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn no_input_files_and_an_unwritable_output_give_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let o = xxgk(&[
        "extract",
        empty.to_str().unwrap(),
        "--out",
        tmp.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("xxgk: no input files found in "),
        "{}",
        stderr(&o)
    );

    fs::write(empty.join("a.txt"), "hello").unwrap();
    let blocker = tmp.path().join("file");
    fs::write(&blocker, "").unwrap();
    let o = xxgk(&[
        "extract",
        empty.to_str().unwrap(),
        "--out",
        blocker.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--out ") && stderr(&o).contains("cannot create the folder"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_give_status_2() {
    assert_eq!(
        xxgk(&["extract", "x"]).status.code(),
        Some(2),
        "--out is required"
    );
    assert_eq!(
        xxgk(&["extract", "x", "--out", "o", "--shard", "3/3"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        xxgk(&["extract", "x", "--out", "o", "--threads", "0"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(xxgk(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_run_with_bad_files_completes_with_status_0_and_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("junk.bin"), [0u8, 1, 2, 255, 0]).unwrap();
    fs::write(d.join("empty.pdf"), b"").unwrap();
    let out = tmp.path().join("out");
    let o = xxgk(&[
        "extract",
        d.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--threads",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!(
            "xxgk: 2 files → {}: 0 ok, 0 partial, 0 legacy, 2 unsupported, 0 failed; findings: 0 errors, 0 warnings, 0 info; ",
            out.display()
        )),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    for f in [
        "reports.csv",
        "values.csv",
        "findings.csv",
        "wide.csv",
        "codebook.csv",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let q = xxgk(&[
        "extract",
        d.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(q.status.code(), Some(0));
    assert!(q.stderr.is_empty());

    // eval: a truth report missing from the output is a failure (status 1).
    let truth = tmp.path().join("truth");
    fs::create_dir(&truth).unwrap();
    fs::write(
        truth.join("x.json"),
        r#"{"source": "x.pdf", "cells": {"t2.regulation.made": "1"}}"#,
    )
    .unwrap();
    let e = xxgk(&["eval", out.to_str().unwrap(), truth.to_str().unwrap()]);
    assert_eq!(e.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&e.stdout).starts_with("x: not in the output"));
}

#[test]
fn every_command_has_help_with_examples() {
    for cmd in ["extract", "merge", "audit", "eval", "inspect"] {
        let o = xxgk(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("Examples:"), "{cmd}");
        assert!(text.contains(&format!("xxgk {cmd}")), "{cmd}");
    }
}

#[test]
fn every_command_says_what_it_does_in_chinese_too() {
    for cmd in ["extract", "merge", "audit", "eval", "inspect", "review"] {
        let o = xxgk(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        let help = String::from_utf8_lossy(&o.stdout).into_owned();
        let first_lines: Vec<&str> = help.lines().take_while(|l| !l.is_empty()).collect();
        assert!(
            first_lines
                .iter()
                .any(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))),
            "{cmd} --help has no Chinese purpose line:\n{help}"
        );
    }
}

/// Issue 17: options are checked before any input is read, with one line naming the option.
#[test]
fn bad_option_values_are_named_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("a.txt");
    fs::write(&input, "政府信息公开工作年度报告").unwrap();
    let plain = tmp.path().join("plainfile");
    fs::write(&plain, "").unwrap();
    let out = tmp.path().join("out");
    let (i, o, p) = (
        input.to_str().unwrap(),
        out.to_str().unwrap(),
        plain.to_str().unwrap(),
    );
    let reports = out.join("reports.csv");
    let in_plain = plain.join("x.xlsx");
    let cases: [(Vec<&str>, &str); 5] = [
        (
            vec!["extract", i, "--out", o, "--timeout-per-file", "1e20"],
            "--timeout-per-file 100000000000000000000: must be",
        ),
        (vec!["extract", i, "--out", p], "exists and is not a folder"),
        (
            vec!["extract", i, "--out", "/proc/xxgk-test"],
            "--out /proc/xxgk-test: cannot create the folder",
        ),
        (
            vec![
                "extract",
                i,
                "--out",
                o,
                "--xlsx",
                in_plain.to_str().unwrap(),
            ],
            "is a file, not a folder",
        ),
        (
            vec![
                "extract",
                i,
                "--out",
                o,
                "--xlsx",
                reports.to_str().unwrap(),
            ],
            "would overwrite reports.csv",
        ),
    ];
    for (args, want) in cases {
        let r = xxgk(&args);
        let err = stderr(&r);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // Nothing was read or written by the refused runs.
    assert!(!reports.exists());
}

#[test]
fn inspect_refuses_special_files_and_bad_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("a.txt");
    fs::write(&f, "2024年政府信息公开工作年度报告\n一、总体情况\n").unwrap();
    let path = f.to_str().unwrap();
    for page in ["0", "2"] {
        let r = xxgk(&["inspect", path, "--page", page]);
        assert_eq!(r.status.code(), Some(2));
        assert!(
            stderr(&r).contains(&format!("--page {page}: ")),
            "{}",
            stderr(&r)
        );
    }
    assert_eq!(
        xxgk(&["inspect", path, "--page", "1"]).status.code(),
        Some(0)
    );
    let r = xxgk(&["inspect", "/dev/zero"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("not a regular file"), "{}", stderr(&r));
}

#[test]
fn a_second_run_into_a_busy_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("a.txt");
    fs::write(&input, "hello").unwrap();
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    // A lock held by a live process (this test).
    fs::write(out.join(".xxgk.lock"), std::process::id().to_string()).unwrap();
    let r = xxgk(&[
        "extract",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("another xxgk run"), "{}", stderr(&r));
    // A lock left by a process that is gone is taken over.
    fs::write(out.join(".xxgk.lock"), "4000000000").unwrap();
    let r = xxgk(&[
        "extract",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    assert!(!out.join(".xxgk.lock").exists());
}

#[test]
fn audit_does_not_overwrite_the_folder_it_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let findings = out.join("findings.csv");
    let r = xxgk(&[
        "audit",
        out.to_str().unwrap(),
        "--out",
        findings.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        stderr(&r).contains("would overwrite findings.csv"),
        "{}",
        stderr(&r)
    );
}

/// Issue 17 item 13: Ctrl-C (SIGINT) stops a run with exit 130, removes its temporary files and
/// says that the folder's files are unchanged. The signal is sent once the run holds its lock
/// (it has started); 3,000 inputs keep it busy for seconds after that.
#[cfg(unix)]
#[test]
fn ctrl_c_removes_temporaries_and_says_what_was_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/reports/liaocheng-waiban-2019.txt");
    for i in 0..3000 {
        fs::hard_link(&seed, input.join(format!("r{i:04}.txt"))).unwrap();
    }
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("mine.txt"), "kept").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["extract", input.to_str().unwrap(), "--out"])
        .arg(&out)
        .args(["--threads", "1"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lock = out.join(".xxgk.lock");
    let start = std::time::Instant::now();
    while !lock.exists() {
        assert!(start.elapsed().as_secs() < 120, "the run never started");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(130), "{err}");
    assert!(
        err.contains("interrupted: temporary files removed"),
        "{err}"
    );
    let mut left: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["mine.txt"], "only the user's file is left");
}
