//! `gradual import`: what was actually run, from FIT, GPX and TCX files (and `.gz`),
//! folders and zip exports, onto the plan's sessions.

use super::PlanEdit;
use super::{CliResult, EXIT_OK, EXIT_WARNINGS, safe};
use crate::import::{Decision, Found, Item, Progress, apply_marking, missed, preview, read};
use crate::model::Plan;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// Arguments of `gradual import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The plan, `--dry-run` and `-o`.
    #[command(flatten)]
    pub edit: PlanEdit,
    /// Activity files (.fit, .gpx, .tcx, also .gz), folders of them, or zip exports.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Mark the planned runs that have no activity, between the first and the last
    /// activity read, as skipped (left as planned they still count as run).
    #[arg(long)]
    pub mark_missed: bool,
}

/// "Easy run 8 km" for session `i`.
fn planned(plan: &Plan, i: usize) -> String {
    crate::analysis::describe(&plan.sessions[i])
}

fn line(plan: &Plan, it: &Item) -> String {
    let a = &it.activity;
    let size = a.size_text();
    let what = format!("{}  {:<8} {:<14}", a.date, a.sport.name(), size);
    let rpe = match (it.rpe, a.rpe) {
        (Some(r), Some(_)) => format!(", RPE {r} from the file"),
        (Some(r), None) => format!(", RPE {r} as planned"),
        _ => String::new(),
    };
    match &it.decision {
        Decision::Attach(i) => format!("{what}  done for: {}{rpe}", planned(plan, *i)),
        Decision::Choose(c) if c.iter().all(|&i| plan.sessions[i].date == a.date) => format!(
            "{what}  not attached: {} planned sessions fit ({}); choose in the window (File > Import activities…)",
            c.len(),
            c.iter()
                .map(|&i| planned(plan, i))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Decision::Choose(c) => format!(
            "{what}  not attached: nothing of its kind planned that day, but not done nearby: {}; attach it or add it as unplanned in the window (File > Import activities…)",
            c.iter()
                .map(|&i| format!(
                    "{} on {}",
                    planned(plan, i),
                    plan.sessions[i].date.format("%a %-d %b")
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Decision::Unplanned => format!(
            "{what}  added as an unplanned {} (RPE {})",
            a.sport.name().to_lowercase(),
            it.rpe.unwrap_or(crate::import::DEFAULT_RPE)
        ),
        Decision::Duplicate(i) => format!("{what}  already in the plan ({})", planned(plan, *i)),
        Decision::Ignore(why) => format!("{what}  left out: {why}"),
    }
}

/// Runs `gradual import`; returns the exit status (1 when some files could not be read).
pub fn import(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    // The plan must never be written over an activity file (or into an archive) read.
    if let Some(o) = args.edit.output.as_ref().filter(|o| o.as_os_str() != "-") {
        let same = |a: &std::path::Path, b: &std::path::Path| match (
            std::fs::canonicalize(a),
            std::fs::canonicalize(b),
        ) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        };
        if let Some(f) = args.files.iter().find(|f| same(o, f)) {
            return Err(super::CliError::Usage(format!(
                "-o {} is one of the activity files read ({}): write the plan somewhere else",
                super::safe_path(o),
                super::safe_path(f)
            )));
        }
    }
    let loaded = args.edit.load()?;
    let plan = &loaded.plan;
    // Progress on a terminal for long imports (an export of a thousand activities), on the
    // error stream like every message that is not the result.
    let progress = Arc::new(Progress::default());
    let show = std::io::stderr().is_terminal();
    let found = std::thread::scope(|scope| -> std::io::Result<Found> {
        let p = Arc::clone(&progress);
        let worker = scope.spawn(move || read(&args.files, &p));
        while !worker.is_finished() {
            std::thread::sleep(std::time::Duration::from_millis(200));
            let (done, total) = progress.get();
            if show && total > 50 {
                write!(err, "\rReading {done}/{total} files…")?;
                err.flush()?;
            }
        }
        if show && progress.get().1 > 50 {
            writeln!(err)?;
        }
        Ok(worker.join().unwrap_or_default())
    })?;
    let target = args.edit.target();
    let (out, report) = target.streams(out, err);
    let items = preview(plan, found.activities);
    for it in &items {
        writeln!(report, "  {}", safe(&line(plan, it)))?;
    }
    for e in &found.errors {
        writeln!(
            report,
            "  not read: {}: {}",
            safe(&e.file),
            safe(&e.message)
        )?;
    }
    if !found.skipped.is_empty() {
        writeln!(
            report,
            "  {} file{} not an activity file (skipped)",
            found.skipped.len(),
            if found.skipped.len() == 1 {
                " is"
            } else {
                "s are"
            }
        )?;
    }
    let not_run = missed(plan, &items);
    for &i in &not_run {
        writeln!(
            report,
            "  {}  no activity for: {}{}",
            plan.sessions[i].date,
            safe(&planned(plan, i)),
            if args.mark_missed {
                " (marked skipped)"
            } else {
                " (still planned; --mark-missed marks it skipped)"
            }
        )?;
    }
    let marking = if args.mark_missed { &not_run[..] } else { &[] };
    let (new_plan, n) = apply_marking(plan, &items, marking);
    writeln!(
        report,
        "{} activit{} read: {} attached to planned sessions, {} added as unplanned, {} left{}; {} file{} not read.",
        items.len(),
        if items.len() == 1 { "y" } else { "ies" },
        n.attached,
        n.added,
        n.left,
        if n.skipped > 0 {
            format!(", {} missed runs marked skipped", n.skipped)
        } else {
            String::new()
        },
        found.errors.len(),
        if found.errors.len() == 1 { "" } else { "s" },
    )?;
    let status = if found.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_WARNINGS
    };
    if args.edit.dry_run || n.attached + n.added + n.skipped > 0 {
        args.edit.finish(&new_plan, &loaded, out, report)?;
    }
    Ok(status)
}
