//! The `gradual` command line: thin commands over the core, one dispatcher.
//!
//! Every command returns its exit status or a [`CliError`]; [`run`] prints the error,
//! and handles a closed pipe once for all of them (`gradual export … -o - | head` is
//! not an error, and `gradual check … | head` keeps the status its files deserve).
//! Text meant for a terminal has control characters escaped ([`safe`]): a name in a
//! plan from someone else cannot hide the output or write the clipboard.
//!
//! One policy for enums: the core knows nothing of clap, so an argument that takes a core
//! enum parses it with [`OneOf`] over the enum's `ALL` list, by each variant's
//! [`ArgName`] (`next-morning`): written out here, so renaming a variant in the code never
//! renames an argument.

mod calf;
mod care;
mod check;
mod export;
mod headroom;
mod import;
mod names;
mod new;
mod replan;

pub use calf::{CalfArgs, CalfTestArgs, calf, calf_test};
pub use care::{ReturnArgs, SymptomArgs, return_to_running, symptom};
pub use check::{CheckArgs, ColorChoice, OutputFormat, check, expand_paths};
pub use export::{ExportArgs, export};
pub use headroom::{HeadroomArgs, headroom};
pub use import::{ImportArgs, import};
pub use names::{ArgName, OneOf};
pub use new::{NewArgs, new};
pub use replan::ReplanArgs;

use crate::format::{self, LoadError, Loaded, SaveError, Saved};
use crate::model::Plan;
use clap::{Parser, Subcommand};
use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Gradual: a training planner for runners that explains every risky spot in a plan.
#[derive(Debug, Parser)]
#[command(name = "gradual", version, about, long_about = None)]
pub struct Cli {
    /// What to do; with none, Gradual opens its window.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A plan to open in the window.
    pub plan: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plans: weekly table and warnings for each file (folders: every .ron inside).
    Check(CheckArgs),
    /// Schedule the calf program: eccentric calf work on days without a run.
    Calf(CalfArgs),
    /// Record a single-leg calf-raise test (reps on each leg); the calf program moves on
    /// from it.
    CalfTest(CalfTestArgs),
    /// Log how a calf (or another area) feels: pain, when, red flags. Prints the article's
    /// advice for it and reschedules the calf program.
    Symptom(SymptomArgs),
    /// Replace the planned runs from a date with a return-to-running block (walk/run by
    /// time, then a gradual rebuild), once the entry criteria are met.
    Return(ReturnArgs),
    /// Import what was actually run (FIT, GPX, TCX, .gz, folders, zip exports) onto the
    /// plan's sessions; unplanned activities become unplanned sessions.
    Import(ImportArgs),
    /// Change the coming weeks after what happened (missed sessions, a bigger or smaller
    /// week, a symptom) so every rule is back below caution; the past stays.
    Replan(ReplanArgs),
    /// How much each week and its long run can hold before the distance and load rules
    /// reach caution; `--fit` scales the weeks over it down to it.
    Headroom(HeadroomArgs),
    /// Export a plan: calendar (ICS), spreadsheet (CSV) or printable page (HTML).
    Export(ExportArgs),
    /// Make a plan from a template, anchored to a start or race date, scaled to the athlete.
    New(NewArgs),
}

/// Exit status: everything fine.
pub const EXIT_OK: u8 = 0;
/// Exit status: a warning at or above `--fail-on` (check); not ready to return (return).
pub const EXIT_WARNINGS: u8 = 1;
/// Exit status of `gradual return` when the entry criteria are not met.
pub const EXIT_NOT_READY: u8 = 1;
/// Exit status: a file could not be read, written or is invalid; a bad argument.
pub const EXIT_BAD_FILE: u8 = 2;

/// Why a command failed. [`run`] prints it and exits with [`EXIT_BAD_FILE`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A plan could not be loaded.
    #[error("{}", safe_lines(&.0.to_string()))]
    Load(#[from] LoadError),
    /// A file could not be written.
    #[error("{}", safe_lines(&.0.to_string()))]
    Save(#[from] SaveError),
    /// An argument that cannot work (beyond what clap checks).
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed (other than a closed pipe).
    #[error("could not write the output: {0}")]
    Io(#[from] io::Error),
}

/// What a command returns.
pub type CliResult = Result<u8, CliError>;

/// A writer that turns a closed pipe into silence: the command runs to its end and keeps
/// its exit status; other write errors still fail.
struct PipeSafe<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for PipeSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            r => r,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

/// Runs one command on standard output and error; returns the process's exit status.
///
/// The standard streams are not held locked: each write takes the lock for itself, so a
/// library that prints to standard error from another thread (fitparser warns about
/// malformed FIT fields there) cannot block on a lock this thread holds for the whole
/// command.
pub fn run(command: &Command) -> ExitCode {
    let mut out = PipeSafe {
        inner: io::stdout(),
        closed: false,
    };
    let mut err = PipeSafe {
        inner: io::stderr(),
        closed: false,
    };
    let result = dispatch(command, &mut out, &mut err).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(EXIT_BAD_FILE)
        }
    }
}

/// Runs `command`, writing to `out` and `err` (tests call it with buffers).
pub fn dispatch(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    match command {
        Command::Check(a) => check(a, out, err),
        Command::Calf(a) => calf(a, out, err),
        Command::CalfTest(a) => calf_test(a, out, err),
        Command::Symptom(a) => symptom(a, out, err),
        Command::Return(a) => return_to_running(a, out, err),
        Command::Import(a) => import(a, out, err),
        Command::Replan(a) => replan::run(a, out, err),
        Command::Headroom(a) => headroom(a, out, err),
        Command::Export(a) => export(a, out, err),
        Command::New(a) => new(a, out, err),
    }
}

/// Text for a terminal: control characters (escape sequences, bells, line breaks) shown
/// as `\u{1b}` and the like rather than sent, so a name cannot hide or rewrite the output.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// [`safe`] for text of several lines: line breaks are kept.
pub fn safe_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| safe(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A path for a terminal.
pub fn safe_path(p: &Path) -> String {
    safe(&p.display().to_string()).into_owned()
}

/// A `YYYY-MM-DD` argument in the years plans use (clap value parser).
pub fn date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    if s.trim() != s {
        return Err(format!("\"{s}\" has spaces around it; write YYYY-MM-DD"));
    }
    crate::model::parse_date(s)
}

/// A clap parser for a whole number in `range` (one of `model::limits`', mostly), digits
/// only: `+5`, ` 5` or `5.0` are refused rather than read as something else.
pub fn whole_arg(range: RangeInclusive<u32>) -> impl Fn(&str) -> Result<u32, String> + Clone {
    let (lo, hi) = (*range.start(), *range.end());
    move |s: &str| {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("\"{s}\" is not a whole number (digits only)"));
        }
        let v: u32 = s
            .parse()
            .map_err(|_| format!("\"{s}\" is too large; use {lo}–{hi}"))?;
        if v < lo || v > hi {
            return Err(format!("{v} is outside {lo}–{hi}"));
        }
        Ok(v)
    }
}

/// [`whole_arg`] for a small number (pain, a stage, sessions a week).
pub fn small_arg(range: RangeInclusive<u8>) -> impl Fn(&str) -> Result<u8, String> + Clone {
    let whole = whole_arg(u32::from(*range.start())..=u32::from(*range.end()));
    move |s: &str| whole(s).map(|v| v as u8)
}

/// The arguments every command that opens, changes and writes a plan shares
/// (`#[command(flatten)]`): the plan, `--dry-run` and `-o`.
#[derive(Debug, clap::Args)]
pub struct PlanEdit {
    /// The plan.
    pub plan: PathBuf,
    /// Print what would change without writing anything.
    #[arg(long, display_order = 900)]
    pub dry_run: bool,
    /// Write the result here instead of over the plan (which is saved atomically with a
    /// .bak); `-` for standard output.
    #[arg(short = 'o', long, value_name = "OUT.ron", display_order = 901)]
    pub output: Option<PathBuf>,
}

impl PlanEdit {
    /// Loads the plan.
    pub fn load(&self) -> Result<Loaded, CliError> {
        load(&self.plan)
    }

    /// Where the result goes.
    pub fn target(&self) -> Target {
        Target::of(self.output.as_ref(), &self.plan)
    }

    /// Writes `plan` (changed from `loaded`) to the target, or on a dry run says that
    /// nothing was written.
    pub fn finish(
        &self,
        plan: &Plan,
        loaded: &Loaded,
        out: &mut dyn Write,
        report: &mut dyn Write,
    ) -> Result<(), CliError> {
        if self.dry_run {
            writeln!(report, "Dry run: nothing written.")?;
            return Ok(());
        }
        write_plan(
            plan,
            &self.target(),
            Some((&self.plan, loaded)),
            out,
            report,
        )
    }
}

/// Where a command writes a plan: standard output (`-o -`) or a file.
pub enum Target {
    /// `-o -`.
    Stdout,
    /// A file (the plan itself, or `-o FILE`).
    File(PathBuf),
}

impl Target {
    /// `-o` if given, else `default` (the plan the command read).
    pub fn of(output: Option<&PathBuf>, default: &Path) -> Target {
        match output {
            Some(p) if p.as_os_str() == "-" => Target::Stdout,
            Some(p) => Target::File(p.clone()),
            None => Target::File(default.to_path_buf()),
        }
    }

    /// Whether the plan goes to standard output (then messages go to standard error).
    pub fn is_stdout(&self) -> bool {
        matches!(self, Target::Stdout)
    }

    /// Where the plan text and the messages go: with the plan on standard output, the
    /// messages go to standard error so a pipe gets the plan alone.
    pub fn streams<'a>(
        &self,
        out: &'a mut dyn Write,
        err: &'a mut dyn Write,
    ) -> (&'a mut dyn Write, &'a mut dyn Write) {
        if self.is_stdout() {
            (out, err)
        } else {
            (err, out)
        }
    }
}

/// Today's date on the local clock: the commands read the date only through here.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Loads the plan a command works on.
pub fn load(path: &Path) -> Result<Loaded, CliError> {
    Ok(format::load_full(path)?)
}

/// Writes `plan` to `target`: standard output, or a file atomically with a `.bak`. Over
/// the plan the command read, the save refuses to clobber a change made meanwhile; a
/// save that changes nothing writes nothing; dropped comments are said. Messages go to
/// `report`.
pub fn write_plan(
    plan: &Plan,
    target: &Target,
    input: Option<(&Path, &Loaded)>,
    out: &mut dyn Write,
    report: &mut dyn Write,
) -> Result<(), CliError> {
    match target {
        Target::Stdout => {
            let text = format::writable_text(plan, Path::new("-"))?;
            out.write_all(text.as_bytes())?;
        }
        Target::File(path) => {
            let own = input.filter(|(p, _)| format::same_file(p, path));
            let expected = own.map(|(_, l)| l.fingerprint);
            match format::save_checked(plan, path, expected.as_ref())? {
                Saved::Written => writeln!(report, "Wrote {}.", safe_path(path))?,
                Saved::Unchanged => writeln!(
                    report,
                    "{} already holds this plan; nothing written.",
                    safe_path(path)
                )?,
            }
            if own.is_some_and(|(_, l)| l.has_comments) {
                writeln!(
                    report,
                    "note: {} had comments; Gradual writes one canonical form without them. The file as it was is kept as {}.",
                    safe_path(path),
                    safe_path(&format::backup_path(path))
                )?;
            }
        }
    }
    Ok(())
}

/// "2 danger, 3 warning", or "no warnings".
pub fn counts(report: &crate::analysis::Report) -> String {
    use crate::analysis::Severity;
    let parts: Vec<String> = Severity::ALL
        .into_iter()
        .rev()
        .filter_map(|s| {
            let n = report.warnings.iter().filter(|w| w.severity == s).count();
            (n > 0).then(|| format!("{n} {s}"))
        })
        .collect();
    if parts.is_empty() {
        "no warnings".into()
    } else {
        parts.join(", ")
    }
}
