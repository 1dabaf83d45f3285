//! `gradual new`: a plan from a template, anchored to a start or race date.

use super::{
    CliError, CliResult, EXIT_OK, OneOf, Target, counts, date_arg, safe, safe_path, write_plan,
};
use crate::analysis::analyze;
use crate::templates::{self, Anchor, Params};
use std::io::Write;
use std::path::PathBuf;

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
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub start: Option<chrono::NaiveDate>,
    /// Count back from this race date.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub race: Option<chrono::NaiveDate>,
    /// The athlete's current weekly running distance.
    #[arg(long, value_name = "KM", required_unless_present = "list")]
    pub base_km: Option<f64>,
    /// The athlete's level (default: the template's).
    #[arg(long, value_parser = OneOf(&crate::model::Level::ALL))]
    pub level: Option<crate::model::Level>,
    /// The athlete's name.
    #[arg(long, default_value = "Runner")]
    pub athlete: String,
    /// The plan's name (default: the template's).
    #[arg(long)]
    pub name: Option<String>,
    /// Leave out the calf program.
    #[arg(long)]
    pub no_calf: bool,
    /// Where to write the plan (atomically; an existing file is kept as .bak); `-` for
    /// standard output.
    #[arg(
        short = 'o',
        long,
        value_name = "PLAN.ron",
        required_unless_present = "list"
    )]
    pub output: Option<PathBuf>,
}

/// Runs `gradual new`; returns the exit status.
pub fn new(args: &NewArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let all = templates::all(templates::user_dir().as_deref());
    if args.list {
        for e in &all {
            let t = &e.template;
            writeln!(
                out,
                "{:<28} {:>2} weeks  base {:>3.0}–{:<3.0} km  {}{}",
                safe(&e.id),
                t.weeks(),
                t.base_km.0,
                t.base_km.1,
                safe(&t.description),
                if e.builtin { "" } else { "  (yours)" }
            )?;
        }
        return Ok(EXIT_OK);
    }
    let id = args.template.as_deref().unwrap_or_default();
    let Some(entry) = all.iter().find(|e| e.id == id) else {
        let ids: Vec<String> = all.iter().map(|e| safe(&e.id).into_owned()).collect();
        return Err(CliError::Usage(format!(
            "no template `{}`\n  hint: use one of: {}",
            safe(id),
            ids.join(", ")
        )));
    };
    let anchor = match (args.start, args.race) {
        (_, Some(d)) => Anchor::Race(d),
        (Some(d), None) => Anchor::Start(d),
        (None, None) => Anchor::Start(super::today()),
    };
    let base = args.base_km.unwrap_or_default();
    if !(base > 0.0 && base <= 500.0) {
        return Err(CliError::Usage(format!(
            "--base-km {base} is outside 0–500 km"
        )));
    }
    let target = Target::of(args.output.as_ref(), std::path::Path::new("-"));
    let (out, report) = target.streams(out, err);
    let (lo, hi) = entry.template.base_km;
    if base < lo || base > hi {
        writeln!(
            report,
            "note: `{}` is written for {lo:.0}–{hi:.0} km a week; {base:.0} km is outside that, check the result",
            safe(id)
        )?;
    }
    let params = Params {
        anchor,
        base_km: base,
        level: args.level.unwrap_or(entry.template.level),
        athlete: args.athlete.clone(),
        name: args.name.clone(),
        calf: !args.no_calf,
    };
    let plan = templates::generate(&entry.template, &params);
    write_plan(&plan, &target, None, out, report)?;
    let analysis = analyze(&plan);
    let span = plan
        .date_range()
        .map(|(first, last)| format!(" from {first} to {last}"))
        .unwrap_or_default();
    writeln!(
        report,
        "\"{}\" for {}, {} weeks{span}, {} sessions; {}.{}",
        safe(&plan.name),
        safe(&plan.athlete.name),
        entry.template.weeks(),
        plan.sessions.len(),
        counts(&analysis),
        match &target {
            Target::File(p) => format!(" Open it with `gradual {}`.", safe_path(p)),
            Target::Stdout => String::new(),
        }
    )?;
    Ok(EXIT_OK)
}
