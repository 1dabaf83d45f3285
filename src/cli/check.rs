//! `gradual check`: a weekly table and the warnings of each plan (text or JSON), a
//! summary for folders, and an exit status for scripts.

use super::{
    CliResult, EXIT_BAD_FILE, EXIT_OK, EXIT_WARNINGS, counts, safe, safe_lines, safe_path,
};
use crate::analysis::{Report, Severity, analyze};
use crate::format::{self, LoadError};
use crate::model::Plan;
use clap::ValueEnum;
use serde_json::json;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

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

/// Expands folders into the plan files they hold (sorted; backups skipped), and says
/// which `.ron` entries were skipped and why (a dangling link, a pipe). A folder without
/// plans is kept as itself, so the caller reports "no plans here".
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.is_dir() {
            let listing = format::plan_files(p).unwrap_or_default();
            if listing.files.is_empty() {
                out.push(p.clone());
            }
            out.extend(listing.files);
            skipped.extend(listing.skipped);
        } else {
            out.push(p.clone());
        }
    }
    (out, skipped)
}

/// Runs `gradual check`, writing the result to `out` and problems to `err`; returns the
/// exit status.
pub fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let mut plans: Vec<(PathBuf, Plan, Report)> = Vec::new();
    let mut errors: Vec<LoadError> = Vec::new();
    let (paths, skipped) = expand_paths(&args.paths);
    for path in paths {
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
        OutputFormat::Json => write_json(out, &plans, &errors, &skipped)?,
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
                writeln!(
                    err,
                    "{}: {}",
                    style.paint("1;31", "error"),
                    safe_lines(&e.to_string())
                )?;
            }
            for (p, why) in &skipped {
                writeln!(err, "skipped: {}: {why}", safe_path(p))?;
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
        st.paint("1", &safe_path(path)),
        safe(&plan.name),
        safe(&a.name),
        a.level.name()
    )?;
    if let Some(r) = &plan.race {
        write!(out, ", {} on {}", safe(&r.name), r.date)?;
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
            writeln!(
                out,
                "    {}  {:<20}  {}",
                w.date,
                w.rule.id(),
                safe(&w.message)
            )?;
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
        writeln!(out, "  note: {}", safe(n))?;
    }
    writeln!(out)?;
    Ok(())
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
            safe_path(path),
            safe(&plan.name),
            safe(&plan.athlete.name),
            counts(report)
        )?;
    }
    for e in errors {
        writeln!(
            out,
            "  {:<8} {}  could not be read: {}",
            st.paint("1;31", "ERROR"),
            safe_path(&e.file),
            safe(e.message.lines().next().unwrap_or(""))
        )?;
    }
    Ok(())
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// Plan vs done of settled sessions: planned and done amounts, the ratios, the band.
fn adherence_json(t: &crate::analysis::adherence::Totals) -> serde_json::Value {
    json!({
        "sessions": t.sessions,
        "planned_km": round(t.planned_km, 2),
        "done_km": round(t.done_km, 2),
        "planned_minutes": round(t.planned_minutes, 1),
        "done_minutes": round(t.done_minutes, 1),
        "planned_load": round(t.planned_load, 1),
        "done_load": round(t.done_load, 1),
        "time_pct": t.time_ratio().map(|r| round(r * 100.0, 1)),
        "distance_pct": t.distance_ratio().map(|r| round(r * 100.0, 1)),
        "load_pct": t.load_ratio().map(|r| round(r * 100.0, 1)),
        "band": t.band().map(|b| b.name()),
    })
}

fn write_json(
    out: &mut dyn Write,
    plans: &[(PathBuf, Plan, Report)],
    errors: &[LoadError],
    skipped: &[(PathBuf, String)],
) -> io::Result<()> {
    let plans: Vec<_> = plans
        .iter()
        .map(|(path, plan, report)| {
            json!({
                "file": path.display().to_string(),
                "name": plan.name,
                "athlete": plan.athlete.name,
                "weeks": report.weeks.iter().enumerate().map(|(i, w)| json!({
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
                    "adherence": report.adherence.get(i).filter(|t| t.sessions > 0).map(adherence_json),
                })).collect::<Vec<_>>(),
                "adherence": plan
                    .date_range()
                    .map(|(lo, hi)| crate::analysis::adherence::between(plan, lo, hi))
                    .filter(|t| t.sessions > 0)
                    .map(|t| adherence_json(&t)),
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
    let skipped: Vec<_> = skipped
        .iter()
        .map(|(p, why)| json!({ "file": p.display().to_string(), "reason": why }))
        .collect();
    let doc = json!({ "plans": plans, "errors": errors, "skipped": skipped });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
