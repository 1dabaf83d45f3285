//! `gradual check` and friends: thin wrappers over [`crate::format`] and
//! [`crate::analysis`], writing text or JSON.

use crate::analysis::{Report, Severity, analyze};
use crate::format::{self, LoadError};
use crate::model::Plan;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

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
    /// Export a plan: calendar (ICS), spreadsheet (CSV) or printable page (HTML).
    Export(ExportArgs),
    /// Make a plan from a template, anchored to a start or race date, scaled to the athlete.
    New(NewArgs),
    /// Log how a calf (or another area) feels: pain, when, red flags. Prints the article's
    /// advice for it and reschedules the calf program.
    Symptom(SymptomArgs),
    /// Replace the planned runs from a date with a return-to-running block (walk/run by
    /// time, then a gradual rebuild), once the entry criteria are met.
    Return(ReturnArgs),
    /// Record a single-leg calf-raise test (reps on each leg); the calf program moves on
    /// from it.
    CalfTest(CalfTestArgs),
}

/// Level names for the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Novice.
    Novice,
    /// Returning after a layoff.
    Returning,
    /// Experienced.
    Experienced,
}

impl From<LevelArg> for crate::model::Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Novice => crate::model::Level::Novice,
            LevelArg::Returning => crate::model::Level::Returning,
            LevelArg::Experienced => crate::model::Level::Experienced,
        }
    }
}

/// Arguments of `gradual new`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("anchor").args(["start", "race"])))]
pub struct NewArgs {
    /// The template's id (see `--list`).
    #[arg(long, required_unless_present = "list")]
    pub template: Option<String>,
    /// List the templates and exit.
    #[arg(long)]
    pub list: bool,
    /// The first week starts on this date's Monday.
    #[arg(long, value_name = "DATE")]
    pub start: Option<chrono::NaiveDate>,
    /// Count back from this race date.
    #[arg(long, value_name = "DATE")]
    pub race: Option<chrono::NaiveDate>,
    /// The athlete's current weekly running distance.
    #[arg(long, value_name = "KM", required_unless_present = "list")]
    pub base_km: Option<f64>,
    /// The athlete's level (default: the template's).
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    /// The athlete's name.
    #[arg(long, default_value = "Runner")]
    pub athlete: String,
    /// The plan's name (default: the template's).
    #[arg(long)]
    pub name: Option<String>,
    /// Leave out the calf program.
    #[arg(long)]
    pub no_calf: bool,
    /// Where to write the plan.
    #[arg(
        short = 'o',
        long,
        value_name = "PLAN.ron",
        required_unless_present = "list"
    )]
    pub output: Option<PathBuf>,
}

/// Runs `gradual new`; returns the exit status.
pub fn new(args: &NewArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let all = crate::templates::all(crate::templates::user_dir().as_deref());
    if args.list {
        for e in &all {
            let t = &e.template;
            writeln!(
                out,
                "{:<28} {:>2} weeks  base {:>3.0}–{:<3.0} km  {}{}",
                e.id,
                t.weeks(),
                t.base_km.0,
                t.base_km.1,
                t.description,
                if e.builtin { "" } else { "  (yours)" }
            )?;
        }
        return Ok(EXIT_OK);
    }
    let id = args.template.as_deref().unwrap_or_default();
    let Some(entry) = all.iter().find(|e| e.id == id) else {
        let ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
        writeln!(
            err,
            "error: no template `{id}`\n  hint: use one of: {}",
            ids.join(", ")
        )?;
        return Ok(EXIT_BAD_FILE);
    };
    let anchor = match (args.start, args.race) {
        (Some(d), None) => crate::templates::Anchor::Start(d),
        (None, Some(d)) => crate::templates::Anchor::Race(d),
        (None, None) => crate::templates::Anchor::Start(chrono::Local::now().date_naive()),
        (Some(_), Some(_)) => unreachable!("clap's arg group allows one"),
    };
    let base = args.base_km.unwrap_or_default();
    if !(base > 0.0 && base <= 500.0) {
        writeln!(err, "error: --base-km {base} is outside 0–500 km")?;
        return Ok(EXIT_BAD_FILE);
    }
    let (lo, hi) = entry.template.base_km;
    if base < lo || base > hi {
        writeln!(
            err,
            "note: `{id}` is written for {lo:.0}–{hi:.0} km a week; {base:.0} km is outside that, check the result"
        )?;
    }
    let params = crate::templates::Params {
        anchor,
        base_km: base,
        level: args.level.map(Into::into).unwrap_or(entry.template.level),
        athlete: args.athlete.clone(),
        name: args.name.clone(),
        calf: !args.no_calf,
    };
    let plan = crate::templates::generate(&entry.template, &params);
    let output = args
        .output
        .as_ref()
        .expect("clap requires -o without --list");
    if let Err(e) = format::save(&plan, output) {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_BAD_FILE);
    }
    let report = analyze(&plan);
    let (first, last) = plan.date_range().expect("a generated plan has dates");
    writeln!(
        out,
        "Wrote {}: \"{}\" for {}, {} weeks from {first} to {last}, {} sessions; {}.",
        output.display(),
        plan.name,
        plan.athlete.name,
        entry.template.weeks(),
        plan.sessions.len(),
        counts(&report)
    )?;
    Ok(EXIT_OK)
}

/// Body areas for the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum AreaArg {
    Calf,
    Achilles,
    Shin,
    Foot,
    Knee,
    Hamstring,
    Hip,
    Other,
}

impl From<AreaArg> for crate::model::BodyArea {
    fn from(a: AreaArg) -> Self {
        use crate::model::BodyArea as B;
        match a {
            AreaArg::Calf => B::Calf,
            AreaArg::Achilles => B::Achilles,
            AreaArg::Shin => B::Shin,
            AreaArg::Foot => B::Foot,
            AreaArg::Knee => B::Knee,
            AreaArg::Hamstring => B::Hamstring,
            AreaArg::Hip => B::Hip,
            AreaArg::Other => B::Other,
        }
    }
}

/// When it hurt, for the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum WhenArg {
    During,
    After,
    NextMorning,
}

/// Red flags for the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum FlagArg {
    Swelling,
    SeverePain,
    PinsAndNeedles,
    Numbness,
    Redness,
    Pop,
}

/// A leg, for the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum SideArg {
    Left,
    Right,
}

/// Arguments of `gradual symptom`.
#[derive(Debug, clap::Args)]
pub struct SymptomArgs {
    /// The plan.
    pub plan: PathBuf,
    /// The day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub date: chrono::NaiveDate,
    /// Where it hurts.
    #[arg(long, value_enum)]
    pub area: AreaArg,
    /// Pain, 0 (none) to 10 (worst).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub pain: u8,
    /// When it hurt.
    #[arg(long, value_enum)]
    pub when: Option<WhenArg>,
    /// Which leg.
    #[arg(long, value_enum)]
    pub side: Option<SideArg>,
    /// A red flag (repeat for several).
    #[arg(long = "flag", value_enum)]
    pub flags: Vec<FlagArg>,
    /// It was a cramp.
    #[arg(long)]
    pub cramp: bool,
    /// A note.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Print what would change without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the result here instead of over the plan (which is saved atomically with a .bak).
    #[arg(short = 'o', long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
}

/// Runs `gradual symptom`; returns the exit status.
pub fn symptom(args: &SymptomArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    use crate::model::{RedFlag, Side, Symptom, When};
    let plan = match format::load(&args.plan) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_BAD_FILE);
        }
    };
    let flags = args
        .flags
        .iter()
        .map(|f| match f {
            FlagArg::Swelling => RedFlag::Swelling,
            FlagArg::SeverePain => RedFlag::SeverePain,
            FlagArg::PinsAndNeedles => RedFlag::PinsAndNeedles,
            FlagArg::Numbness => RedFlag::Numbness,
            FlagArg::Redness => RedFlag::Redness,
            FlagArg::Pop => RedFlag::Pop,
        })
        .collect();
    let s = Symptom {
        flags,
        when: args.when.map(|w| match w {
            WhenArg::During => When::During,
            WhenArg::After => When::After,
            WhenArg::NextMorning => When::NextMorning,
        }),
        side: args.side.map(|w| match w {
            SideArg::Left => Side::Left,
            SideArg::Right => Side::Right,
        }),
        cramp: args.cramp,
        note: args.note.clone(),
        ..Symptom::new(args.date, args.area.into(), args.pain)
    };
    let mut new_plan = plan.clone();
    new_plan.symptoms.push(s.clone());
    new_plan.canonicalize();
    let rescheduled = crate::calf::refresh(&new_plan, s.date);
    if let Some(p) = &rescheduled {
        new_plan = p.clone();
    }
    let a = crate::care::advice(&s);
    writeln!(
        out,
        "Logged for {} on {}: {} pain {}/10{}{}.",
        plan.athlete.name,
        s.date,
        s.area.name(),
        s.pain,
        s.when.map(|w| format!(" {}", w.name())).unwrap_or_default(),
        if s.flags.is_empty() {
            String::new()
        } else {
            format!(
                " with {}",
                s.flags
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    )?;
    writeln!(out)?;
    writeln!(out, "{} (guidance, not a diagnosis)", a.title)?;
    for step in &a.steps {
        writeln!(out, "  - {step}")?;
    }
    writeln!(out, "  source: {}", a.source)?;
    writeln!(out)?;
    let removed = |p: &Plan| {
        p.sessions
            .iter()
            .filter(|x| x.generated && x.date >= s.date)
            .count()
    };
    match &rescheduled {
        Some(_) => writeln!(
            out,
            "Calf program rescheduled from the week of {}: {} generated sessions from that day before, {} now.",
            crate::model::week_start(s.date),
            removed(&plan),
            removed(&new_plan)
        )?,
        None => writeln!(out, "No calf program to reschedule.")?,
    }
    let report = analyze(&new_plan);
    for w in report
        .warnings
        .iter()
        .filter(|w| w.date >= s.date && w.severity >= Severity::Warning)
        .take(5)
    {
        writeln!(
            out,
            "  {}  {}  {}",
            w.severity.as_str().to_uppercase(),
            w.rule.id(),
            w.message
        )?;
    }
    if args.dry_run {
        writeln!(out, "Dry run: nothing written.")?;
        return Ok(EXIT_OK);
    }
    let target = args.output.as_ref().unwrap_or(&args.plan);
    if let Err(e) = format::save(&new_plan, target) {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_BAD_FILE);
    }
    writeln!(out, "Wrote {}.", target.display())?;
    Ok(EXIT_OK)
}

/// Arguments of `gradual calf-test`.
#[derive(Debug, clap::Args)]
pub struct CalfTestArgs {
    /// The plan.
    pub plan: PathBuf,
    /// The day of the test (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub date: chrono::NaiveDate,
    /// Reps on the left leg.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=300))]
    pub left: u32,
    /// Reps on the right leg.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=300))]
    pub right: u32,
    /// Write the result here instead of over the plan (which is saved atomically with a .bak).
    #[arg(short = 'o', long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
}

/// Runs `gradual calf-test`; returns the exit status.
pub fn calf_test(args: &CalfTestArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let mut plan = match format::load(&args.plan) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_BAD_FILE);
        }
    };
    let tests = &mut plan.athlete.calf_raise_tests;
    match tests.iter_mut().find(|t| t.date == args.date) {
        Some(t) => (t.left, t.right) = (args.left, args.right),
        None => tests.push(crate::model::CalfRaiseTest {
            date: args.date,
            left: args.left,
            right: args.right,
        }),
    }
    for s in plan
        .sessions
        .iter_mut()
        .filter(|s| s.date == args.date && matches!(s.activity, crate::model::Activity::CalfTest))
    {
        s.status = crate::model::Status::Done;
    }
    plan.canonicalize();
    let rescheduled = crate::calf::refresh(&plan, args.date);
    if let Some(p) = rescheduled.as_ref() {
        plan = p.clone();
    }
    let weaker = args.left.min(args.right);
    writeln!(
        out,
        "Calf-raise test on {}: left {}, right {} (weaker leg {weaker}){}.",
        args.date,
        args.left,
        args.right,
        if rescheduled.is_some() {
            "; calf program rescheduled from that week"
        } else {
            ""
        }
    )?;
    let target = args.output.as_ref().unwrap_or(&args.plan);
    if let Err(e) = format::save(&plan, target) {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_BAD_FILE);
    }
    writeln!(out, "Wrote {}.", target.display())?;
    Ok(EXIT_OK)
}

/// Arguments of `gradual return`.
#[derive(Debug, clap::Args)]
pub struct ReturnArgs {
    /// The plan.
    pub plan: PathBuf,
    /// The first day of the return (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: chrono::NaiveDate,
    /// Print the block without writing anything (also when the criteria are not met).
    #[arg(long)]
    pub dry_run: bool,
    /// Write the result here instead of over the plan (which is saved atomically with a .bak).
    #[arg(short = 'o', long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
}

/// Exit status of `gradual return` when the entry criteria are not met.
pub const EXIT_NOT_READY: u8 = 1;

/// Runs `gradual return`; returns the exit status.
pub fn return_to_running(
    args: &ReturnArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let plan = match format::load(&args.plan) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_BAD_FILE);
        }
    };
    let block = crate::care::return_block(&plan, args.from);
    writeln!(
        out,
        "Return to running for {} from {}: entry criteria",
        plan.athlete.name, block.from
    )?;
    for c in &block.criteria {
        writeln!(
            out,
            "  [{}] {}: {}",
            if c.met { "x" } else { " " },
            c.name,
            c.detail
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Rebuilding toward {:.0} minutes a week (the 4 weeks before the injury); {} planned runs replaced.",
        block.before_minutes, block.replaced
    )?;
    for (k, w) in block.weeks.iter().enumerate() {
        let days: Vec<String> = w
            .sessions
            .iter()
            .map(|(d, m, _)| format!("{} {m}'", d.format("%a %-d %b")))
            .collect();
        writeln!(
            out,
            "  week {}  {:>4} min  {}  {}",
            k + 1,
            w.minutes(),
            if w.walk_run {
                "walk/run  "
            } else {
                "continuous"
            },
            days.join(", ")
        )?;
    }
    if block.block_warnings.is_empty() {
        writeln!(
            out,
            "Gradual's rules find nothing at caution or above in the block."
        )?;
    }
    for w in &block.block_warnings {
        writeln!(
            out,
            "  {}  {}  {}",
            w.severity.as_str().to_uppercase(),
            w.rule.id(),
            w.message
        )?;
    }
    if !block.after_warnings.is_empty() {
        writeln!(out, "After the block, back into the plan:")?;
        for w in &block.after_warnings {
            writeln!(
                out,
                "  {}  {}  {}",
                w.severity.as_str().to_uppercase(),
                w.rule.id(),
                w.message
            )?;
        }
    }
    if !block.ready() {
        writeln!(out)?;
        writeln!(
            out,
            "Not ready to return yet: meet the criteria above first. Nothing written."
        )?;
        return Ok(EXIT_NOT_READY);
    }
    if args.dry_run {
        writeln!(out, "Dry run: nothing written.")?;
        return Ok(EXIT_OK);
    }
    let target = args.output.as_ref().unwrap_or(&args.plan);
    if let Err(e) = format::save(&block.plan, target) {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_BAD_FILE);
    }
    writeln!(out, "Wrote {}.", target.display())?;
    Ok(EXIT_OK)
}

/// Arguments of `gradual export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The plan.
    pub plan: PathBuf,
    /// The format.
    #[arg(long = "to", value_enum)]
    pub format: crate::export::ExportFormat,
    /// Where to write (atomically); `-` for standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs `gradual export`; returns the exit status.
pub fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let plan = match format::load(&args.plan) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_BAD_FILE);
        }
    };
    let text = crate::export::export(&plan, args.format);
    if args.output == Path::new("-") {
        out.write_all(text.as_bytes())?;
        return Ok(EXIT_OK);
    }
    if let Err(e) = format::write_atomic(&args.output, text.as_bytes(), false) {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_BAD_FILE);
    }
    writeln!(
        err,
        "Wrote {} ({} sessions, {}).",
        args.output.display(),
        plan.sessions.len(),
        args.format.extension()
    )?;
    Ok(EXIT_OK)
}

/// Arguments of `gradual calf`.
#[derive(Debug, clap::Args)]
pub struct CalfArgs {
    /// The plan.
    pub plan: PathBuf,
    /// Sessions a week (default: 2 for novices, 3 otherwise).
    #[arg(long, value_parser = clap::value_parser!(u8).range(2..=3))]
    pub per_week: Option<u8>,
    /// First day (YYYY-MM-DD; default: the plan's first week).
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,
    /// Last day (YYYY-MM-DD; default: the plan's last day).
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,
    /// Start at this stage (1–6) instead of the one from the calf-raise test.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=6))]
    pub stage: Option<u8>,
    /// Print the changes without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the result here instead of over the plan (which is saved atomically with a .bak).
    #[arg(short = 'o', long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
}

/// Runs `gradual calf`; returns the exit status.
pub fn calf(args: &CalfArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let plan = match format::load(&args.plan) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_BAD_FILE);
        }
    };
    let opts = crate::calf::Options {
        per_week: args.per_week,
        from: args.from,
        to: args.to,
        start_stage: args.stage,
    };
    let Some(schedule) = crate::calf::schedule(&plan, &opts) else {
        writeln!(
            err,
            "error: {}: nothing to schedule (the plan has no dates, or --to is before --from)",
            args.plan.display()
        )?;
        return Ok(EXIT_BAD_FILE);
    };
    let changes = crate::calf::preview(&plan, &schedule);
    writeln!(
        out,
        "Calf program for {} ({}), {} to {}: {} sessions a week, starting at stage {} ({})",
        plan.name,
        plan.athlete.name,
        schedule.from,
        schedule.to,
        schedule.per_week,
        schedule.start_stage,
        schedule.reason
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "  {:<10}  {:>5}  {:>6}  {:<16}  changes",
        "week", "stage", "dose", "days"
    )?;
    let (mut added, mut removed, mut moved, mut changed) = (0, 0, 0, 0);
    for c in &changes {
        let w = &c.plan;
        let mut days: Vec<String> = w.days.iter().map(|d| d.format("%a").to_string()).collect();
        if let Some(t) = w.test {
            days.push(format!("test {}", t.format("%a")));
        }
        let mut what = Vec::new();
        for d in &c.added {
            what.push(format!("+{}", d.format("%a %-d %b")));
        }
        for (a, b) in &c.moved {
            what.push(format!("{} → {}", a.format("%a"), b.format("%a %-d %b")));
        }
        for d in &c.removed {
            what.push(format!("−{}", d.format("%a %-d %b")));
        }
        for d in &c.changed {
            what.push(format!("~{}", d.format("%a %-d %b")));
        }
        added += c.added.len();
        removed += c.removed.len();
        moved += c.moved.len();
        changed += c.changed.len();
        writeln!(
            out,
            "  {}  {:>5}  {:>6}  {:<16}  {}{}{}",
            w.start,
            format!("S{}", w.stage),
            format!(
                "{}×{}{}",
                w.sets,
                w.reps,
                w.kg.map(|k| format!("+{}kg", crate::model::fmt_km(k)))
                    .unwrap_or_default()
            ),
            if days.is_empty() {
                "–".to_string()
            } else {
                days.join(" ")
            },
            if w.deload {
                "deload (half volume)  "
            } else {
                ""
            },
            what.join(", "),
            w.note
                .as_ref()
                .map(|n| format!("  note: {n}"))
                .unwrap_or_default()
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{added} added, {moved} moved, {changed} changed, {removed} removed."
    )?;
    if args.dry_run {
        writeln!(out, "Dry run: nothing written.")?;
        return Ok(EXIT_OK);
    }
    let new_plan = crate::calf::apply(&plan, &schedule);
    let target = args.output.as_ref().unwrap_or(&args.plan);
    if let Err(e) = format::save(&new_plan, target) {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_BAD_FILE);
    }
    writeln!(out, "Wrote {}.", target.display())?;
    Ok(EXIT_OK)
}

/// Arguments of `gradual check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Plan files or folders of plans.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Exit with status 1 if any warning at or above this level exists.
    #[arg(long, value_name = "LEVEL", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s)
        .ok_or_else(|| format!("`{s}` is not a level; use info, caution, warning or danger"))
}

/// Output formats of `gradual check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A table and warnings for people.
    Text,
    /// One JSON document for programs.
    Json,
}

/// When to colour text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Exit status: everything fine.
pub const EXIT_OK: u8 = 0;
/// Exit status: a warning at or above `--fail-on`.
pub const EXIT_WARNINGS: u8 = 1;
/// Exit status: a file could not be read or is invalid.
pub const EXIT_BAD_FILE: u8 = 2;

/// Expands folders into the `.ron` files they hold (sorted; backups skipped).
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "ron"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            if files.is_empty() {
                // Keep the folder so the caller reports "no plans here" as an error.
                out.push(p.clone());
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Runs `gradual check`, writing the result to `out` and problems to `err`; returns the
/// exit status.
pub fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let mut plans: Vec<(PathBuf, Plan, Report)> = Vec::new();
    let mut errors: Vec<LoadError> = Vec::new();
    for path in expand_paths(&args.paths) {
        if path.is_dir() {
            errors.push(LoadError {
                file: path.clone(),
                line: None,
                column: None,
                message: "the folder holds no .ron plan files".into(),
                hint: "give plan files or a folder that contains some".into(),
            });
            continue;
        }
        match format::load(&path) {
            Ok(plan) => {
                let report = analyze(&plan);
                plans.push((path, plan, report));
            }
            Err(e) => errors.push(e),
        }
    }
    match args.format {
        OutputFormat::Json => write_json(out, &plans, &errors)?,
        OutputFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let style = Style { color };
            for (path, plan, report) in &plans {
                write_text(out, &style, path, plan, report)?;
            }
            for e in &errors {
                writeln!(err, "{}: {e}", style.paint("1;31", "error"))?;
            }
            if plans.len() + errors.len() > 1 {
                write_summary(out, &style, &plans, &errors)?;
            }
        }
    }
    let worst = plans.iter().filter_map(|(_, _, r)| r.worst()).max();
    Ok(if !errors.is_empty() {
        EXIT_BAD_FILE
    } else if args
        .fail_on
        .is_some_and(|level| worst.is_some_and(|w| w >= level))
    {
        EXIT_WARNINGS
    } else {
        EXIT_OK
    })
}

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Info => "36",
            Severity::Caution => "33",
            Severity::Warning => "31",
            Severity::Danger => "1;35",
        };
        self.paint(code, &s.as_str().to_uppercase())
    }
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map(f).unwrap_or_else(|| "–".into())
}

fn write_text(
    out: &mut dyn Write,
    st: &Style,
    path: &Path,
    plan: &Plan,
    report: &Report,
) -> io::Result<()> {
    let a = &plan.athlete;
    write!(
        out,
        "{}  {} — {} ({})",
        st.paint("1", &path.display().to_string()),
        plan.name,
        a.name,
        a.level.name()
    )?;
    if let Some(r) = &plan.race {
        write!(out, ", {} on {}", r.name, r.date)?;
    }
    writeln!(out)?;
    writeln!(out)?;
    writeln!(
        out,
        "  {:<10}  {:>7}  {:>7}  {:>6}  {:>5}  {:>9}  worst",
        "week", "run km", "change", "load", "ACWR", "calf load"
    )?;
    for w in &report.weeks {
        let km = if w.time_only_minutes > 0.0 && w.run_km == 0.0 {
            format!("{:.0}'", w.time_only_minutes)
        } else if w.time_only_minutes > 0.0 {
            format!("{:.1}+{:.0}'", w.run_km, w.time_only_minutes)
        } else {
            format!("{:.1}", w.run_km)
        };
        writeln!(
            out,
            "  {}  {:>7}  {:>7}  {:>6.0}  {:>5}  {:>9.0}  {}",
            w.start,
            km,
            opt(w.change_pct, |c| format!("{c:+.0} %")),
            w.load,
            opt(w.acwr_week, |r| format!("{r:.2}")),
            w.calf_load,
            w.worst.map(|s| st.severity(s)).unwrap_or_default()
        )?;
    }
    if report.weeks.iter().any(|w| w.time_only_minutes > 0.0) {
        writeln!(
            out,
            "  (' = minutes of time-only runs, which give no distance)"
        )?;
    }
    writeln!(out)?;
    if report.warnings.is_empty() {
        writeln!(out, "  No warnings.")?;
    }
    for sev in Severity::ALL.into_iter().rev() {
        let ws: Vec<_> = report
            .warnings
            .iter()
            .filter(|w| w.severity == sev)
            .collect();
        if ws.is_empty() {
            continue;
        }
        writeln!(out, "  {} ({})", st.severity(sev), ws.len())?;
        for w in ws {
            writeln!(out, "    {}  {:<20}  {}", w.date, w.rule.id(), w.message)?;
            writeln!(
                out,
                "    {:<10}  {:<20}  {}",
                "",
                "",
                st.paint("2", &format!("evidence: {}", w.evidence))
            )?;
        }
    }
    for n in &report.notes {
        writeln!(out, "  note: {n}")?;
    }
    writeln!(out)?;
    Ok(())
}

fn counts(report: &Report) -> String {
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

fn write_summary(
    out: &mut dyn Write,
    st: &Style,
    plans: &[(PathBuf, Plan, Report)],
    errors: &[LoadError],
) -> io::Result<()> {
    writeln!(out, "{}", st.paint("1", "Summary"))?;
    for (path, plan, report) in plans {
        let worst = report
            .worst()
            .map(|s| st.severity(s))
            .unwrap_or_else(|| st.paint("32", "OK"));
        let race = plan
            .race
            .as_ref()
            .map(|r| format!(", race {}", r.date))
            .unwrap_or_default();
        writeln!(
            out,
            "  {worst:<8} {}  {} — {}{race}: {}",
            path.display(),
            plan.name,
            plan.athlete.name,
            counts(report)
        )?;
    }
    for e in errors {
        writeln!(
            out,
            "  {:<8} {}  could not be read: {}",
            st.paint("1;31", "ERROR"),
            e.file.display(),
            e.message.lines().next().unwrap_or("")
        )?;
    }
    Ok(())
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

fn write_json(
    out: &mut dyn Write,
    plans: &[(PathBuf, Plan, Report)],
    errors: &[LoadError],
) -> io::Result<()> {
    let plans: Vec<_> = plans
        .iter()
        .map(|(path, plan, report)| {
            json!({
                "file": path.display().to_string(),
                "name": plan.name,
                "athlete": plan.athlete.name,
                "weeks": report.weeks.iter().map(|w| json!({
                    "start": w.start.to_string(),
                    "run_km": round(w.run_km, 2),
                    "run_minutes": round(w.run_minutes, 1),
                    "load": round(w.load, 1),
                    "calf_load": round(w.calf_load, 1),
                    "acwr": w.acwr.map(|x| round(x, 3)),
                    "acwr_week": w.acwr_week.map(|x| round(x, 3)),
                    "time_only_minutes": round(w.time_only_minutes, 1),
                    "calf_pain": w.calf_pain,
                    "change_pct": w.change_pct.map(|x| round(x, 1)),
                })).collect::<Vec<_>>(),
                "warnings": report.warnings.iter().map(|w| json!({
                    "rule": w.rule.id(),
                    "severity": w.severity.as_str(),
                    "date": w.date.to_string(),
                    "week": w.week.to_string(),
                    "sessions": w.sessions,
                    "message": w.message,
                    "evidence": w.evidence,
                })).collect::<Vec<_>>(),
                "notes": report.notes,
            })
        })
        .collect();
    let errors: Vec<_> = errors
        .iter()
        .map(|e| {
            json!({
                "file": e.file.display().to_string(),
                "line": e.line,
                "column": e.column,
                "message": e.message,
                "hint": e.hint,
            })
        })
        .collect();
    let doc = json!({ "plans": plans, "errors": errors });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
