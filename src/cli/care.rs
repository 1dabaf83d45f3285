//! `gradual symptom` and `gradual return`: log how a calf feels, with the article's
//! advice; a return-to-running block once the entry criteria are met.

use super::PlanEdit;
use super::{CliError, CliResult, EXIT_NOT_READY, EXIT_OK, OneOf, date_arg, safe};
use crate::analysis::{Rule, Severity, Warning, analyze};
use crate::model::limits;
use crate::model::{BodyArea, Plan, RedFlag, Side, Symptom, When};
use std::io::{self, Write};

/// Arguments of `gradual symptom`.
#[derive(Debug, clap::Args)]
pub struct SymptomArgs {
    /// The plan, `--dry-run` and `-o`.
    #[command(flatten)]
    pub edit: PlanEdit,
    /// The day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub date: chrono::NaiveDate,
    /// Where it hurts.
    #[arg(long, value_parser = OneOf(&BodyArea::ALL))]
    pub area: BodyArea,
    /// Pain, 0 (none) to 10 (worst).
    #[arg(long, value_parser = super::small_arg(limits::PAIN))]
    pub pain: u8,
    /// When it hurt.
    #[arg(long, value_parser = OneOf(&When::ALL))]
    pub when: Option<When>,
    /// Which leg.
    #[arg(long, value_parser = OneOf(&Side::ALL))]
    pub side: Option<Side>,
    /// A red flag (repeat for several).
    #[arg(long = "flag", value_parser = OneOf(&RedFlag::ALL))]
    pub flags: Vec<RedFlag>,
    /// It was a cramp.
    #[arg(long)]
    pub cramp: bool,
    /// A note.
    #[arg(long, default_value = "")]
    pub note: String,
}

/// Writes warnings as `  SEVERITY  rule  message`.
fn write_warnings<'a>(
    report: &mut dyn Write,
    warnings: impl IntoIterator<Item = &'a Warning>,
) -> io::Result<()> {
    for w in warnings {
        writeln!(
            report,
            "  {}  {}  {}",
            w.severity.as_str().to_uppercase(),
            w.rule.id(),
            safe(&w.message)
        )?;
    }
    Ok(())
}

/// Runs `gradual symptom`; returns the exit status.
pub fn symptom(args: &SymptomArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let loaded = args.edit.load()?;
    let plan = &loaded.plan;
    let target = args.edit.target();
    let (out, report) = target.streams(out, err);
    let s = Symptom {
        flags: args.flags.clone(),
        when: args.when,
        side: args.side,
        cramp: args.cramp,
        note: args.note.clone(),
        ..Symptom::new(args.date, args.area, args.pain)
    };
    let mut new_plan = plan.clone();
    let repeat = new_plan.symptoms.contains(&s);
    let rescheduled = crate::care::log_symptom(&mut new_plan, s.clone());
    let a = crate::care::advice_in(&new_plan, &s);
    let flags: Vec<&str> = s.flags.iter().map(|f| f.name()).collect();
    writeln!(
        report,
        "Logged for {} on {}: {} pain {}/10{}{}.",
        safe(&plan.athlete.name),
        s.date,
        s.area.name(),
        s.pain,
        s.when.map(|w| format!(" {}", w.name())).unwrap_or_default(),
        if flags.is_empty() {
            String::new()
        } else {
            format!(" with {}", flags.join(", "))
        }
    )?;
    writeln!(report)?;
    writeln!(report, "{} (guidance, not a diagnosis)", a.title)?;
    for step in &a.steps {
        writeln!(report, "  - {step}")?;
    }
    writeln!(report, "  source: {}", a.source)?;
    writeln!(report)?;
    let generated_from = |p: &Plan| {
        p.sessions
            .iter()
            .filter(|x| x.generated && x.date >= s.date)
            .count()
    };
    match rescheduled {
        _ if repeat => writeln!(
            report,
            "The same log is already in the plan for that day: nothing added."
        )?,
        true => writeln!(
            report,
            "Calf program rescheduled from the week of {}: {} generated sessions from that day before, {} now.",
            crate::model::week_start(s.date),
            generated_from(plan),
            generated_from(&new_plan)
        )?,
        false => writeln!(report, "No calf program to reschedule.")?,
    }
    // What the log means for the plan: the symptom rules from its day on (the runs it
    // protects until an all-clear included).
    let analysis = analyze(&new_plan);
    let symptom_rule = |r: Rule| {
        matches!(
            r,
            Rule::RedFlag | Rule::BeforeAllClear | Rule::PainMonitoring
        )
    };
    let mine: Vec<&Warning> = analysis
        .warnings
        .iter()
        .filter(|w| w.severity >= Severity::Caution && symptom_rule(w.rule))
        .filter(|w| {
            w.date >= s.date
                || w.sessions
                    .iter()
                    .any(|&i| new_plan.sessions.get(i).is_some_and(|x| x.date >= s.date))
        })
        .collect();
    write_warnings(report, mine.iter().copied().take(5))?;
    if mine.len() > 5 {
        writeln!(report, "  … and {} more (gradual check)", mine.len() - 5)?;
    }
    args.edit.finish(&new_plan, &loaded, out, report)?;
    Ok(EXIT_OK)
}

/// Arguments of `gradual return`.
#[derive(Debug, clap::Args)]
pub struct ReturnArgs {
    /// The plan, `--dry-run` and `-o`.
    #[command(flatten)]
    pub edit: PlanEdit,
    /// The first day of the return (YYYY-MM-DD; default: the day after the latest
    /// all-clear or calf-raise test after the latest injury, as the window suggests).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub from: Option<chrono::NaiveDate>,
}

/// Runs `gradual return`; returns the exit status ([`EXIT_NOT_READY`] when the entry
/// criteria are not met: nothing is written then).
pub fn return_to_running(args: &ReturnArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let loaded = args.edit.load()?;
    let plan = &loaded.plan;
    let target = args.edit.target();
    let (out, report) = target.streams(out, err);
    let from = args
        .from
        .unwrap_or_else(|| crate::care::default_from(plan, super::today()));
    if let Some(why) = crate::care::outside_plan(plan, from) {
        return Err(CliError::Usage(why));
    }
    let block = crate::care::return_block(plan, from);
    writeln!(
        report,
        "Return to running for {} from {}: entry criteria",
        safe(&plan.athlete.name),
        block.from
    )?;
    for c in &block.criteria {
        writeln!(
            report,
            "  [{}] {}: {}",
            if c.met { "x" } else { " " },
            c.name,
            c.detail
        )?;
    }
    writeln!(report)?;
    writeln!(
        report,
        "Rebuilding toward {:.0} minutes a week (the 4 weeks before the injury); {} planned runs replaced.",
        block.before_minutes, block.replaced
    )?;
    for (k, w) in block.weeks.iter().enumerate() {
        let days: Vec<String> = w
            .sessions
            .iter()
            .map(|s| format!("{} {}'", s.date.format("%a %-d %b"), s.run_minutes))
            .collect();
        let walking = if w.walk_minutes() > 0 {
            format!(" + {} min walking", w.walk_minutes())
        } else {
            String::new()
        };
        writeln!(
            report,
            "  week {}  {:>4} min running{walking}  {}  {}",
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
    if let Some(first) = block.weeks.first().and_then(|w| w.sessions.first()) {
        writeln!(report, "  first session: {}", safe(&first.note))?;
    }
    if block.block_warnings.is_empty() {
        writeln!(
            report,
            "Gradual's rules find nothing at caution or above in the block."
        )?;
    }
    write_warnings(report, &block.block_warnings)?;
    if !block.after_warnings.is_empty() {
        writeln!(report, "After the block, back into the plan:")?;
        write_warnings(report, &block.after_warnings)?;
    }
    if !block.ready() {
        writeln!(report)?;
        writeln!(
            report,
            "Not ready to return yet: meet the criteria above first. Nothing written."
        )?;
        return Ok(EXIT_NOT_READY);
    }
    args.edit.finish(&block.plan, &loaded, out, report)?;
    Ok(EXIT_OK)
}
