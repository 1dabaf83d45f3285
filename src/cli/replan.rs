//! `gradual replan`: after missed sessions, a bigger or smaller week than planned, or a
//! symptom, the coming weeks changed so every rule is back below caution.

use super::PlanEdit;
use super::{CliResult, EXIT_OK, date_arg, safe};
use crate::model::week_start;
use crate::replan::replan;
use std::io::Write;

/// Arguments of `gradual replan`.
#[derive(Debug, clap::Args)]
pub struct ReplanArgs {
    /// The plan, `--dry-run` and `-o`.
    #[command(flatten)]
    pub edit: PlanEdit,
    /// The first day that may change (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub from: Option<chrono::NaiveDate>,
}

/// Runs `gradual replan`; returns the exit status.
pub fn run(args: &ReplanArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let loaded = args.edit.load()?;
    let plan = &loaded.plan;
    let target = args.edit.target();
    let (out, report) = target.streams(out, err);
    let from = args.from.unwrap_or_else(super::today);
    let r = replan(plan, from);
    writeln!(
        report,
        "Re-plan of \"{}\" from {from}: sessions done and days before it stay as they are.",
        safe(&plan.name)
    )?;
    let mut week = None;
    for c in &r.changes {
        if week != Some(week_start(c.date)) {
            week = Some(week_start(c.date));
            writeln!(report, "  week of {}", week_start(c.date))?;
        }
        match &c.after {
            Some(after) => writeln!(
                report,
                "    {}  {} → {}  ({})",
                c.date.format("%a %-d %b"),
                c.before,
                after,
                c.reason
            )?,
            None => writeln!(
                report,
                "    {}  {}: dropped ({})",
                c.date.format("%a %-d %b"),
                c.before,
                safe(&c.reason)
            )?,
        }
    }
    if r.changes.is_empty() {
        writeln!(
            report,
            "  Nothing to change: every rule is below caution from {from} on."
        )?;
    }
    if !r.left.is_empty() {
        writeln!(report, "  Not fixed by re-planning:")?;
        for l in &r.left {
            writeln!(report, "    {}", safe(l))?;
        }
    }
    writeln!(
        report,
        "{} change{}.",
        r.changes.len(),
        if r.changes.len() == 1 { "" } else { "s" }
    )?;
    if args.edit.dry_run || !r.changes.is_empty() {
        args.edit.finish(&r.plan, &loaded, out, report)?;
    }
    Ok(EXIT_OK)
}
