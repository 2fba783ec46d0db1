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
        stderr(&o).contains("cannot write to the output folder"),
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
