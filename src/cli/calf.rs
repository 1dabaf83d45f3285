//! `gradual calf` and `gradual calf-test`: schedule the calf program, record a test.

use super::PlanEdit;
use super::{CliError, CliResult, EXIT_OK, date_arg, safe, safe_path};
use crate::model::limits;
use crate::model::{CalfRaiseTest, fmt_km};
use std::io::Write;

/// Arguments of `gradual calf`.
#[derive(Debug, clap::Args)]
pub struct CalfArgs {
    /// The plan, `--dry-run` and `-o`.
    #[command(flatten)]
    pub edit: PlanEdit,
    /// Sessions a week (default: 2 for novices, 3 otherwise).
    #[arg(long, value_parser = super::small_arg(limits::CALF_PER_WEEK))]
    pub per_week: Option<u8>,
    /// First day (YYYY-MM-DD; default: the plan's first week).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day (YYYY-MM-DD; default: the plan's last day).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub to: Option<chrono::NaiveDate>,
    /// Start at this stage (1–6) instead of the one from the calf-raise test.
    #[arg(long, value_parser = super::small_arg(crate::model::CALF_STAGES))]
    pub stage: Option<u8>,
}

/// Runs `gradual calf`; returns the exit status.
pub fn calf(args: &CalfArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let loaded = args.edit.load()?;
    let plan = &loaded.plan;
    let target = args.edit.target();
    let (out, report) = target.streams(out, err);
    let opts = crate::calf::Options {
        per_week: args.per_week,
        from: args.from,
        to: args.to,
        start_stage: args.stage,
    };
    let Some(schedule) = crate::calf::schedule(plan, &opts) else {
        return Err(CliError::Usage(format!(
            "{}: nothing to schedule (the plan has no dates, or --to is before --from)",
            safe_path(&args.edit.plan)
        )));
    };
    let changes = crate::calf::preview(plan, &schedule);
    writeln!(
        report,
        "Calf program for {} ({}), {} to {}: {} sessions a week, starting at stage {} ({})",
        safe(&plan.name),
        safe(&plan.athlete.name),
        schedule.from,
        schedule.to,
        schedule.per_week,
        schedule.start_stage,
        schedule.reason
    )?;
    writeln!(report)?;
    writeln!(
        report,
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
            report,
            "  {}  {:>5}  {:>6}  {:<16}  {}{}{}",
            w.start,
            format!("S{}", w.stage),
            format!(
                "{}×{}{}",
                w.sets,
                w.reps,
                w.kg.map(|k| format!("+{}kg", fmt_km(k)))
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
    writeln!(report)?;
    writeln!(
        report,
        "{added} added, {moved} moved, {changed} changed, {removed} removed."
    )?;
    let new_plan = crate::calf::apply(plan, &schedule);
    args.edit.finish(&new_plan, &loaded, out, report)?;
    Ok(EXIT_OK)
}

/// Arguments of `gradual calf-test`.
#[derive(Debug, clap::Args)]
pub struct CalfTestArgs {
    /// The plan, `--dry-run` and `-o`.
    #[command(flatten)]
    pub edit: PlanEdit,
    /// The day of the test (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub date: chrono::NaiveDate,
    /// Reps on the left leg.
    #[arg(long, value_parser = super::whole_arg(limits::TEST_REPS))]
    pub left: u32,
    /// Reps on the right leg.
    #[arg(long, value_parser = super::whole_arg(limits::TEST_REPS))]
    pub right: u32,
    /// The most pain felt during the test, 0 (none) to 10 (a return to running needs a
    /// test without pain).
    #[arg(long, value_parser = super::small_arg(limits::PAIN))]
    pub pain: Option<u8>,
}

/// Runs `gradual calf-test`; returns the exit status.
pub fn calf_test(args: &CalfTestArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let loaded = args.edit.load()?;
    let mut plan = loaded.plan.clone();
    let target = args.edit.target();
    let (out, report) = target.streams(out, err);
    let rescheduled = crate::calf::record_test(
        &mut plan,
        CalfRaiseTest {
            date: args.date,
            left: args.left,
            right: args.right,
            pain: args.pain,
        },
    );
    let weaker = args.left.min(args.right);
    writeln!(
        report,
        "Calf-raise test on {}: left {}, right {} (weaker leg {weaker}){}{}.",
        args.date,
        args.left,
        args.right,
        args.pain
            .map(|p| format!(", pain during the test {p}/10"))
            .unwrap_or_default(),
        if rescheduled {
            "; calf program rescheduled from that week"
        } else {
            ""
        }
    )?;
    args.edit.finish(&plan, &loaded, out, report)?;
    Ok(EXIT_OK)
}
