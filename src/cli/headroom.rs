//! `gradual headroom`: how much each week (and its long run) can hold before the distance
//! and load rules reach caution, the rule that sets it, what less running cannot fix;
//! with `--fit`, the plan with every week over its headroom scaled down to it.

use super::PlanEdit;
use super::{CliResult, EXIT_OK, OutputFormat, date_arg, safe, safe_path};
use crate::analysis::headroom::{WeekHeadroom, fit, size_text};
use crate::analysis::{Report, analyze};
use serde_json::json;
use std::io::Write;

/// Arguments of `gradual headroom`.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("dry_run", |a| a.requires("fit").help(
        "With --fit: print what would change without writing anything"
    )),
    mut_arg("output", |a| a.requires("fit").help(
        "With --fit: write the result here instead of over the plan (which is saved \
         atomically with a .bak); `-` for standard output"
    )),
)]
pub struct HeadroomArgs {
    /// The plan; with --fit, `--dry-run` and `-o`.
    #[command(flatten)]
    pub edit: PlanEdit,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Scale every week over its headroom down to it (in date order) and write the plan.
    #[arg(long)]
    pub fit: bool,
    /// With --fit: the first week (YYYY-MM-DD; default: the plan's first).
    #[arg(long, value_name = "DATE", value_parser = date_arg, requires = "fit")]
    pub from: Option<chrono::NaiveDate>,
    /// With --fit: the last week (YYYY-MM-DD; default: the plan's last).
    #[arg(long, value_name = "DATE", value_parser = date_arg, requires = "fit")]
    pub to: Option<chrono::NaiveDate>,
}

/// A number for JSON, rounded to what the text shows.
fn num(x: f64, by_time: bool) -> serde_json::Value {
    let v = if by_time {
        x.floor()
    } else {
        (x * 10.0).floor() / 10.0
    };
    json!(v)
}

/// One week as JSON: km keys, or minute keys for weeks compared by time.
fn week_json(h: &WeekHeadroom) -> serde_json::Value {
    let unit = if h.by_time { "minutes" } else { "km" };
    let mut o = serde_json::Map::new();
    o.insert("start".into(), json!(h.start.to_string()));
    o.insert("unit".into(), json!(unit));
    o.insert(format!("run_{unit}"), num(h.volume, h.by_time));
    o.insert(
        format!("max_run_{unit}"),
        h.max_volume
            .map_or(serde_json::Value::Null, |m| num(m, h.by_time)),
    );
    if let Some(l) = &h.long_run {
        let u = if l.by_time { "minutes" } else { "km" };
        o.insert(format!("long_run_{u}"), num(l.size, l.by_time));
        o.insert(format!("max_long_run_{u}"), num(l.limit, l.by_time));
    }
    o.insert(
        "limiting_rule".into(),
        h.limit
            .as_ref()
            .map_or(serde_json::Value::Null, |l| json!(l.rule.id())),
    );
    o.insert(
        "limit".into(),
        h.limit
            .as_ref()
            .map_or(serde_json::Value::Null, |l| json!(l.text.to_string())),
    );
    o.insert(
        "blockers".into(),
        json!(
            h.blockers
                .iter()
                .map(|b| json!({"rule": b.rule.id(), "text": b.text}))
                .collect::<Vec<_>>()
        ),
    );
    serde_json::Value::Object(o)
}

fn write_table(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    writeln!(
        out,
        "  {:<10}  {:>9}  {:>14}  {:>9}  {:>14}  limit set by",
        "week", "running", "headroom", "long run", "long-run limit"
    )?;
    for h in &report.headroom {
        if h.volume <= 0.0 && h.max_volume.is_none() {
            continue;
        }
        let (long, long_max) = h
            .long_run
            .as_ref()
            .map_or((String::new(), String::new()), |l| {
                (
                    size_text(l.size, l.by_time),
                    format!("up to {}", size_text(l.limit, l.by_time)),
                )
            });
        let mark = if h.over() { " OVER" } else { "" };
        writeln!(
            out,
            "  {}  {:>9}  {:>14}  {:>9}  {:>14}  {}{mark}",
            h.start,
            size_text(h.volume, h.by_time),
            h.max_text().unwrap_or_else(|| "no limit".into()),
            long,
            long_max,
            h.limit
                .as_ref()
                .map_or("no history to compare with".to_string(), |l| l
                    .text
                    .to_string())
        )?;
        for b in &h.blockers {
            writeln!(
                out,
                "              not fixed by less running: {} {}",
                b.rule.id(),
                safe(&b.text)
            )?;
        }
    }
    Ok(())
}

/// Runs `gradual headroom`; returns the exit status.
pub fn headroom(args: &HeadroomArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let loaded = args.edit.load()?;
    let plan = &loaded.plan;
    if !args.fit {
        let report = analyze(plan);
        match args.format {
            OutputFormat::Json => {
                let doc = json!({
                    "file": args.edit.plan.display().to_string(),
                    "weeks": report.headroom.iter().map(week_json).collect::<Vec<_>>(),
                });
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&doc).expect("JSON of plain values")
                )?;
            }
            OutputFormat::Text => {
                writeln!(
                    out,
                    "{}  {} — {}",
                    safe_path(&args.edit.plan),
                    safe(&plan.name),
                    safe(&plan.athlete.name)
                )?;
                writeln!(out)?;
                write_table(out, &report)?;
            }
        }
        return Ok(EXIT_OK);
    }
    let target = args.edit.target();
    let (out, report) = target.streams(out, err);
    let Some((lo, hi)) = plan.date_range() else {
        writeln!(report, "The plan has no dates: nothing to fit.")?;
        return Ok(EXIT_OK);
    };
    let from = args.from.unwrap_or(lo);
    let to = args.to.unwrap_or(hi);
    if to < from {
        return Err(super::CliError::Usage(format!(
            "--to {to} is before --from {from}: nothing to fit"
        )));
    }
    let fitted = fit(plan, crate::model::week_start(from), to);
    for c in &fitted.changed {
        writeln!(
            report,
            "  {}  {} → {}  ({})",
            c.start,
            size_text(c.before, c.by_time),
            size_text(c.after, c.by_time),
            c.limit
        )?;
    }
    for (week, why) in &fitted.left {
        writeln!(report, "  {week}  left as it is: {why}")?;
    }
    writeln!(
        report,
        "{} week{} fitted to headroom{}.",
        fitted.changed.len(),
        if fitted.changed.len() == 1 { "" } else { "s" },
        if fitted.left.is_empty() {
            String::new()
        } else {
            format!(", {} left", fitted.left.len())
        }
    )?;
    if args.edit.dry_run || !fitted.changed.is_empty() {
        args.edit.finish(&fitted.plan, &loaded, out, report)?;
    }
    Ok(EXIT_OK)
}
