//! xxgk: the command-line front end (extract, merge, audit, eval, inspect, review).
//!
//! A thin layer over `xxgk-export`: it parses arguments (clap), shows progress on a terminal,
//! prints the one-line summary and maps outcomes to exit statuses: 0 when the run completed
//! (per-file failures are rows in reports.csv), 1 when `eval` finds differences or an internal
//! step fails, 2 for usage errors, a missing input, no readable input or an unwritable output
//! folder.

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use xxgk_export::{Aliases, ExtractOptions, Headers, MergeOptions, Shard, Summary};

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "Turn government information-disclosure annual reports (政府信息公开工作年度报告) into clean, audited CSV.\n把政府信息公开工作年度报告转成干净、经过审核的 CSV。",
    after_help = "Examples:\n  xxgk extract 年报/ --out 结果/\n  xxgk extract 年报/ --out 结果/ --bom --headers zh --xlsx 结果/年报.xlsx\n  xxgk eval 结果/ corpus/truth\n  xxgk inspect corpus/reports/huaian-2024.pdf --page 4\n\nSee docs/guide.md and docs/output-schema.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports (files and folders, recursively) and write reports.csv, values.csv,
    /// findings.csv, wide.csv and codebook.csv.
    /// 读取年报（文件和文件夹，逐层查找），写出 reports.csv、values.csv、findings.csv、wide.csv 和 codebook.csv。
    #[command(after_help = "Examples:\n  \
        xxgk extract corpus/reports --out out\n  \
        xxgk extract D:\\年报\\ --out 结果\\ --bom --xlsx 结果\\年报.xlsx     (for Excel / WPS)\n  \
        xxgk extract 年报/ --out 结果/ --headers zh --jsonl\n  \
        xxgk extract crawl/ --out part-3 --shard 3/16 --threads 8         (one node of a cluster)\n\n\
        Exit status: 0 when the run completed (files that could not be read are rows with status\n\
        failed in reports.csv), 2 for usage errors, a missing input, no input files or an\n\
        unwritable output folder.")]
    Extract(ExtractArgs),
    /// Combine the output folders of shards (`extract --shard K/N`) and re-run the cross-year
    /// audit over the union.
    /// 合并各分片（extract --shard K/N）的输出文件夹，并对合并结果重新做跨年度审核。
    #[command(after_help = "Examples:\n  \
        xxgk merge part-0 part-1 part-2 part-3 --out all\n  \
        xxgk merge parts/* --out all --xlsx all/年报.xlsx --agencies aliases.csv")]
    Merge(MergeArgs),
    /// Re-run the cross-year rules (X-*) over earlier output folders and print the findings as
    /// CSV (findings.csv columns).
    /// 对已有的输出文件夹重新运行跨年度规则（X-*），以 CSV（findings.csv 的列）输出审核发现。
    #[command(after_help = "Examples:\n  \
        xxgk audit out-2023 out-2024 > cross-year.csv\n  \
        xxgk audit all --agencies aliases.csv --out cross-year.csv")]
    Audit(AuditArgs),
    /// Compare an output folder with hand-checked truth files (truth/*.json); exits 1 when any
    /// cell, agency, year or template differs or a truth report is missing.
    /// 将输出文件夹与人工核对的标准答案（truth/*.json）比较；有任何单元格、机关、年度或模板不同，或缺少报告时退出码为 1。
    #[command(after_help = "Examples:\n  \
        xxgk extract corpus/reports --out out && xxgk eval out corpus/truth")]
    Eval(EvalArgs),
    /// Show what xxgk reads in a file: lines with boxes, ruling segments and grids.
    /// 显示 xxgk 从一个文件读到的内容：带位置的文本行、表格线和表格。
    #[command(after_help = "Examples:\n  \
        xxgk inspect corpus/reports/huaian-2024.pdf\n  \
        xxgk inspect corpus/reports/huaian-2024.pdf --page 4")]
    Inspect(InspectArgs),
    /// Write a review of an output folder (review/index.html, one page per report) that opens
    /// from disk: each table drawn as read, every cell coloured by flag, findings linked.
    /// 为输出文件夹生成核对页面（review/index.html，每份报告一页，直接从磁盘打开）：按读取结果绘制表格，单元格按标记着色，审核发现可点击定位。
    #[command(after_help = "Examples:\n  \
        xxgk extract corpus/reports --out out && xxgk review out corpus/reports\n  \
        xxgk extract 年报/ --out 结果/ --review        (the same, in one step)\n\n\
        The inputs are read again to draw the pages; give the same files and folders as to\n\
        extract. A file whose SHA-256 differs from reports.csv is not drawn (the page says so).")]
    Review(ReviewArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum HeaderLang {
    /// `t3.new_received.natural_person`
    En,
    /// `表三·本年新收·自然人`
    Zh,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files and folders to read (folders are walked recursively).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder (created when missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Give up on a file after this many seconds (status failed, "timed out").
    #[arg(long, value_name = "S", default_value_t = 60.0)]
    timeout_per_file: f64,
    /// Do not read files larger than this many megabytes (status failed).
    #[arg(long, value_name = "MB", default_value_t = 256)]
    max_file_size: u64,
    /// Start every CSV with a UTF-8 BOM so Excel shows Chinese correctly.
    #[arg(long)]
    bom: bool,
    /// Column headers of every CSV and workbook sheet (zh: Chinese; values stay as they are).
    #[arg(long, value_enum, default_value = "en")]
    headers: HeaderLang,
    /// Also write reports.jsonl (one JSON object per report with all cells and findings).
    #[arg(long)]
    jsonl: bool,
    /// Also write one Excel workbook (sheets reports, wide, findings, values, codebook).
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Process only shard K of N (0-based, K < N), chosen by a hash of the report id.
    #[arg(long, value_name = "K/N", value_parser = Shard::parse)]
    shard: Option<Shard>,
    /// Agency name aliases for the cross-year audit (CSV: alias,canonical).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
    /// No progress bar and no summary line (notes about unreadable folders still go to stderr).
    #[arg(long, short)]
    quiet: bool,
    /// Also write the review pages (as `xxgk review OUT INPUT...`).
    #[arg(long)]
    review: bool,
}

#[derive(Args)]
struct ReviewArgs {
    /// An output folder of `xxgk extract` (the review goes to OUT_DIR/review/).
    #[arg(value_name = "OUT_DIR")]
    out_dir: PathBuf,
    /// The files and folders given to extract, read again to draw the pages.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

#[derive(Args)]
struct MergeArgs {
    /// Output folders of `xxgk extract` (e.g. one per shard).
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Where the merged files go.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Start every CSV with a UTF-8 BOM.
    #[arg(long)]
    bom: bool,
    /// Also write one Excel workbook.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Agency name aliases for the cross-year audit (CSV: alias,canonical).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
    /// Merge an incomplete set of shards (a warning row in findings.csv names the missing ones).
    #[arg(long)]
    allow_missing: bool,
    /// No summary.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct AuditArgs {
    /// Output folders of `xxgk extract` or `xxgk merge`.
    #[arg(required = true, value_name = "OUT_DIR")]
    dirs: Vec<PathBuf>,
    /// Agency name aliases (CSV: alias,canonical).
    #[arg(long, value_name = "FILE")]
    agencies: Option<PathBuf>,
    /// Write the findings here instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Args)]
struct EvalArgs {
    /// An output folder of `xxgk extract`.
    out_dir: PathBuf,
    /// A folder of truth files (*.json).
    truth_dir: PathBuf,
}

#[derive(Args)]
struct InspectArgs {
    /// The file to show.
    file: PathBuf,
    /// Only this page (1-based).
    #[arg(long, value_name = "N")]
    page: Option<u32>,
}

fn main() -> ExitCode {
    quiet_worker_panics();
    // Ctrl-C: every file's budget expires, the run stops and removes its temporary files.
    let _ = ctrlc::set_handler(xxgk_model::budget::cancel_all);
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract(a),
        Command::Merge(a) => merge(a),
        Command::Audit(a) => audit(a),
        Command::Eval(a) => eval(a),
        Command::Inspect(a) => inspect(a),
        Command::Review(a) => review(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err((code, msg)) => {
            eprintln!("xxgk: {msg}");
            ExitCode::from(code)
        }
    }
}

type Outcome = Result<u8, (u8, String)>;

fn fail(e: xxgk_export::Error) -> (u8, String) {
    (e.exit_code() as u8, e.to_string())
}

/// A panic inside one file's work is caught and reported in reports.csv; keep it off stderr.
fn quiet_worker_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(xxgk_export::WORKER_THREAD) {
            default(info);
        }
    }));
}

fn load_aliases(path: Option<&Path>) -> Result<Aliases, (u8, String)> {
    match path {
        None => Ok(Aliases::default()),
        Some(p) => xxgk_export::aliases::load(p).map_err(|m| (2, m)),
    }
}

/// Notes (symlink loops, unreadable folders, sheets left out) always; the summary unless quiet.
fn print_summary(s: &Summary, out: &Path, quiet: bool) {
    for n in &s.notes {
        if !(quiet && n.starts_with("shard ")) {
            eprintln!("xxgk: note: {n}");
        }
    }
    if !quiet {
        eprintln!("xxgk: {}", xxgk_export::summary_line(s, out));
    }
}

/// The largest `--timeout-per-file`, in seconds.
const MAX_TIMEOUT: f64 = 604_800.0;
/// The largest `--max-file-size`, in megabytes.
const MAX_FILE_MB: u64 = 4096;
/// `inspect` reads no file larger than extract's default limit.
const INSPECT_MAX_BYTES: u64 = 256 << 20;

fn extract(a: ExtractArgs) -> Outcome {
    if !(a.timeout_per_file.is_finite() && (0.001..=MAX_TIMEOUT).contains(&a.timeout_per_file)) {
        return Err((
            2,
            format!(
                "--timeout-per-file {}: must be a number of seconds from 0.001 to {MAX_TIMEOUT} (a week)",
                a.timeout_per_file
            ),
        ));
    }
    if a.max_file_size == 0 || a.max_file_size > MAX_FILE_MB {
        return Err((
            2,
            format!(
                "--max-file-size {}: must be from 1 to {MAX_FILE_MB} (megabytes)",
                a.max_file_size
            ),
        ));
    }
    let opts = ExtractOptions {
        threads: a.threads.map_or(0, usize::from),
        timeout: Duration::from_secs_f64(a.timeout_per_file),
        max_file_bytes: a.max_file_size.saturating_mul(1 << 20),
        bom: a.bom,
        headers: match a.headers {
            HeaderLang::En => Headers::En,
            HeaderLang::Zh => Headers::Zh,
        },
        jsonl: a.jsonl,
        xlsx: a.xlsx,
        shard: a.shard,
        aliases: load_aliases(a.agencies.as_deref())?,
        ..ExtractOptions::default()
    };
    let bar = (!a.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files  {rate}  ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.1} files/s", state.per_sec());
                    },
                ),
        );
        bar
    });
    let mut progress = |done: usize, total: usize| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    };
    let result = xxgk_export::extract(&a.inputs, &a.out, &opts, &mut progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let summary = result.map_err(fail)?;
    print_summary(&summary, &a.out, a.quiet);
    if a.review {
        write_review(&a.out, &a.inputs, a.quiet)?;
    }
    if summary.files > 0 && summary.unreadable == summary.files {
        return Err((
            2,
            format!(
                "none of the {} input files could be read (see {}/reports.csv)",
                summary.files,
                a.out.display()
            ),
        ));
    }
    Ok(0)
}

fn merge(a: MergeArgs) -> Outcome {
    let opts = MergeOptions {
        bom: a.bom,
        xlsx: a.xlsx,
        aliases: load_aliases(a.agencies.as_deref())?,
        allow_missing: a.allow_missing,
    };
    let summary = xxgk_export::merge(&a.dirs, &a.out, &opts).map_err(fail)?;
    print_summary(&summary, &a.out, a.quiet);
    Ok(0)
}

fn audit(a: AuditArgs) -> Outcome {
    if let Some(p) = &a.out {
        refuse_overwriting_an_input(p, &a.dirs)?;
    }
    let aliases = load_aliases(a.agencies.as_deref())?;
    let findings = xxgk_export::audit_dirs(&a.dirs, &aliases).map_err(fail)?;
    let written = match &a.out {
        Some(p) => std::fs::File::create(p)
            .and_then(|f| xxgk_export::write_findings(std::io::BufWriter::new(f), &findings)),
        None => xxgk_export::write_findings(std::io::stdout().lock(), &findings),
    };
    written.map_err(|e| (1, format!("cannot write the findings: {e}")))?;
    eprintln!(
        "xxgk: {}",
        xxgk_export::run::plural(findings.len(), "cross-year finding", "cross-year findings")
    );
    Ok(0)
}

fn eval(a: EvalArgs) -> Outcome {
    let result = xxgk_export::eval(&a.out_dir, &a.truth_dir).map_err(fail)?;
    print!("{}", result.render());
    Ok(if result.passed() { 0 } else { 1 })
}

fn inspect(a: InspectArgs) -> Outcome {
    let bytes = read_for_inspect(&a.file)?;
    let name = a
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _folder = a.file.parent().map(xxgk_ingest::folder::start);
    match xxgk_ingest::ingest(&bytes, &name) {
        Ok(doc) => {
            let pages = doc.pages.len();
            if let Some(n) = a.page {
                if n == 0 || n as usize > pages {
                    return Err((
                        2,
                        format!(
                            "--page {n}: {} has {pages} page{} (pages are numbered from 1)",
                            a.file.display(),
                            if pages == 1 { "" } else { "s" }
                        ),
                    ));
                }
            }
            print!("{}", xxgk_ingest::inspect::render(&doc, a.page));
            Ok(0)
        }
        Err(e) => Err((1, format!("{}: {e}", a.file.display()))),
    }
}

fn review(a: ReviewArgs) -> Outcome {
    write_review(&a.out_dir, &a.inputs, false)?;
    Ok(0)
}

fn write_review(out: &Path, inputs: &[PathBuf], quiet: bool) -> Result<(), (u8, String)> {
    let r = xxgk_export::review::write(out, inputs).map_err(fail)?;
    for n in &r.notes {
        eprintln!("xxgk: note: {n}");
    }
    if !quiet {
        eprintln!("xxgk: {}", r.line());
    }
    Ok(())
}

/// `audit --out` may not replace a file of one of the folders it reads.
fn refuse_overwriting_an_input(out: &Path, dirs: &[PathBuf]) -> Result<(), (u8, String)> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = canon(
        out.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    );
    match dirs.iter().find(|d| canon(d) == parent) {
        Some(d) if xxgk_export::OWN_FILES.contains(&name.as_str()) => Err((
            2,
            format!(
                "--out {}: would overwrite {name} of {}, which is being read; choose another file",
                out.display(),
                d.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// The bytes of a file for `inspect`, under the same limits as `extract`: a regular file (not a
/// FIFO or device, which could block or never end) of at most 256 MB.
fn read_for_inspect(path: &Path) -> Result<Vec<u8>, (u8, String)> {
    use std::io::Read;
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| (2, format!("cannot read {shown}: {e}")))?;
    if !meta.is_file() {
        return Err((
            2,
            format!("{shown}: not a regular file (a folder, FIFO or device); inspect reads files"),
        ));
    }
    if meta.len() > INSPECT_MAX_BYTES {
        return Err((
            2,
            format!(
                "{shown}: {} MB is larger than the limit of {} MB",
                meta.len() >> 20,
                INSPECT_MAX_BYTES >> 20
            ),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(INSPECT_MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| (2, format!("cannot read {shown}: {e}")))?;
    if bytes.len() as u64 > INSPECT_MAX_BYTES {
        return Err((2, format!("{shown}: larger than the limit of 256 MB")));
    }
    Ok(bytes)
}
