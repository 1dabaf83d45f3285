//! Load analysis: daily and weekly series, ACWR, monotony, fitness/fatigue, and the rules
//! that turn them into explained warnings.
//!
//! [`analyze`] is pure and recomputes everything from the plan in one pass over its days
//! (well under a millisecond for a year), so callers never need to cache or invalidate.

pub mod adherence;
pub mod headroom;
mod rules;

pub use rules::{
    ARTICLE, ARTICLE_TITLE, EPS, LADDER, REFERENCE_WEEKS, RULES, Rule, RuleInfo, SPIKE_WINDOW_DAYS,
    STRAIN_PAIN, all_clear_after, describe, is_all_clear, is_strain, log_name, needs_all_clear,
    protection, stops_running, uncleared_on,
};

use crate::model::{Activity, Plan, Thresholds, week_start};
use chrono::{Duration, NaiveDate};
use std::fmt;

/// Warning severity (it lives with the model: settings choose one).
pub use crate::model::Severity;

/// One explained risk in the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Which rule raised it.
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// The day it concerns.
    pub date: NaiveDate,
    /// The Monday of the week it concerns.
    pub week: NaiveDate,
    /// Indices into `plan.sessions` of the sessions involved (may be empty).
    pub sessions: Vec<usize>,
    /// What is wrong, with the numbers.
    pub message: String,
    /// The evidence behind the rule.
    pub evidence: &'static str,
}

/// One day of the plan's span.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Day {
    /// The date.
    pub date: NaiveDate,
    /// Session-RPE load (RPE × minutes), all counted sessions.
    pub load: f64,
    /// Running distance.
    pub run_km: f64,
    /// Running minutes (given or estimated).
    pub run_minutes: f64,
    /// Minutes of time-only runs (runs that give no distance).
    pub time_only_minutes: f64,
    /// Cross-training minutes.
    pub cross_minutes: f64,
    /// Calf/Achilles load: minutes × calf factor.
    pub calf_load: f64,
    /// Session-RPE load of calf program sessions (part of `load`).
    pub program_load: f64,
    /// Acute (7-day) EWMA of load.
    pub acute: f64,
    /// Chronic (28-day) EWMA of load.
    pub chronic: f64,
    /// Acute ÷ chronic, from the plan's 28th day on.
    pub acwr: Option<f64>,
    /// 42-day exponential average of load (CTL).
    pub fitness: f64,
    /// 7-day exponential average of load (ATL).
    pub fatigue: f64,
    /// Fitness − fatigue (TSB).
    pub form: f64,
}

/// Totals for one Monday–Sunday week.
#[derive(Clone, Debug, PartialEq)]
pub struct Week {
    /// The Monday.
    pub start: NaiveDate,
    /// Running distance.
    pub run_km: f64,
    /// Running minutes (given, or estimated from km at the easy pace).
    pub run_minutes: f64,
    /// Minutes of time-only runs (runs that give no distance): the week's running is
    /// `run_km` plus these.
    pub time_only_minutes: f64,
    /// Counted sessions (not rest, not skipped).
    pub sessions: usize,
    /// Session-RPE load.
    pub load: f64,
    /// Cross-training minutes.
    pub cross_minutes: f64,
    /// Calf/Achilles load.
    pub calf_load: f64,
    /// The week's highest daily ACWR, once 28 days of history exist.
    pub acwr: Option<f64>,
    /// The week's ratio as the `acwr` rule judges it: the mean of the week's daily acute
    /// EWMAs ÷ the mean of its chronic EWMAs (a weekly pattern of long and rest days does
    /// not make it swing). Only for weeks whose every day has 28 days of history.
    pub acwr_week: Option<f64>,
    /// Foster monotony: mean ÷ SD of the 7 daily training loads; infinite when every day
    /// carries the same load (maximal monotony); none for a week without load. Calf
    /// program sessions are left out: short strength work placed on rest days on
    /// purpose, they would turn every rest day into a training day.
    pub monotony: Option<f64>,
    /// Foster strain: the week's training load (without calf program sessions) × monotony.
    pub strain: Option<f64>,
    /// Plain change in running km vs the previous week (the baseline before week 1), %.
    pub change_pct: Option<f64>,
    /// The longest single run (runs with a distance).
    pub longest_run_km: f64,
    /// The longest single run in minutes (given or estimated).
    pub longest_run_minutes: f64,
    /// The most serious warning concerning this week.
    pub worst: Option<Severity>,
    /// The highest calf or Achilles pain (0–10) logged this week, if any was.
    pub calf_pain: Option<u8>,
}

impl Week {
    /// The week's running as people say it: "31.0 km", "90 min" (time-only runs),
    /// "5.0 km + 45 min".
    pub fn volume(&self) -> String {
        match (self.run_km > 0.0, self.time_only_minutes > 0.0) {
            (true, true) => format!("{:.1} km + {:.0} min", self.run_km, self.time_only_minutes),
            (false, true) => format!("{:.0} min", self.time_only_minutes),
            _ => format!("{:.1} km", self.run_km),
        }
    }
}

/// Per-session derived numbers, parallel to `plan.sessions`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionLoad {
    /// Duration used (given, estimated or zero).
    pub minutes: f64,
    /// Whether `minutes` was estimated from km and easy pace.
    pub estimated: bool,
    /// Session-RPE load (0 when skipped).
    pub load: f64,
    /// Calf/Achilles load (0 when skipped).
    pub calf_load: f64,
}

/// Everything [`analyze`] computes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Report {
    /// Every day from the Monday of the first week to the Sunday of the last.
    pub days: Vec<Day>,
    /// Every week of the span.
    pub weeks: Vec<Week>,
    /// Per-session numbers, indexed like `plan.sessions`.
    pub sessions: Vec<SessionLoad>,
    /// All warnings, by date then rule.
    pub warnings: Vec<Warning>,
    /// Remarks about the analysis itself (estimates made, assumptions).
    pub notes: Vec<String>,
    /// The plan's own first day (its earliest session, block or race): the first week is
    /// partial when this is not a Monday.
    pub plan_start: Option<NaiveDate>,
    /// Each week's headroom: how much it can hold before the distance and load rules
    /// reach caution (see [`headroom`]).
    pub headroom: Vec<headroom::WeekHeadroom>,
    /// Each run's limit before long-run-spike reaches caution, indexed like
    /// `plan.sessions` (`None` for other sessions and runs the rule does not judge).
    pub run_limits: Vec<Option<headroom::RunLimit>>,
    /// Plan vs done per week (settled sessions only), parallel to `weeks`.
    pub adherence: Vec<adherence::Totals>,
    /// Running km and minutes per week as planned (see [`adherence::planned_running`]),
    /// parallel to `weeks`; empty while nothing is done or skipped.
    pub planned_running: Vec<(f64, f64)>,
}

impl Report {
    /// The first day of the span, if the plan has any dates.
    pub fn start(&self) -> Option<NaiveDate> {
        self.days.first().map(|d| d.date)
    }

    /// The day index of `date` within the span.
    pub fn day_index(&self, date: NaiveDate) -> Option<usize> {
        let i = (date - self.start()?).num_days();
        (0..self.days.len() as i64)
            .contains(&i)
            .then_some(i as usize)
    }

    /// The week starting on or containing `date`.
    pub fn week_of(&self, date: NaiveDate) -> Option<&Week> {
        self.day_index(date).map(|i| &self.weeks[i / 7])
    }

    /// The most serious severity among all warnings.
    pub fn worst(&self) -> Option<Severity> {
        self.warnings.iter().map(|w| w.severity).max()
    }

    /// Warnings that concern session `index`.
    pub fn warnings_for_session(&self, index: usize) -> impl Iterator<Item = &Warning> {
        self.warnings
            .iter()
            .filter(move |w| w.sessions.contains(&index))
    }

    /// How many warnings (caution and above) and notes (info) there are among `ws`: the
    /// one count every view shows.
    pub fn count<'a>(ws: impl IntoIterator<Item = &'a Warning>) -> Counts {
        let mut c = Counts::default();
        for w in ws {
            if w.severity > Severity::Info {
                c.warnings += 1;
            } else {
                c.notes += 1;
            }
        }
        c
    }
}

/// Warnings (caution and above) and notes (info), counted the same way everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Caution, warning and danger.
    pub warnings: usize,
    /// Info.
    pub notes: usize,
}

impl fmt::Display for Counts {
    /// "2 warnings, 1 note", "no warnings".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match (self.warnings, self.notes) {
            (0, 0) => f.write_str("no warnings"),
            (w, 0) => f.write_str(&plural(w, "warning", "warnings")),
            (0, n) => write!(f, "no warnings, {}", plural(n, "note", "notes")),
            (w, n) => write!(
                f,
                "{}, {}",
                plural(w, "warning", "warnings"),
                plural(n, "note", "notes")
            ),
        }
    }
}

/// RPE assumed for calf program sessions.
const CALF_SESSION_RPE: f64 = 5.0;

/// RPE assumed for a calf-raise test (reps to fatigue).
const CALF_TEST_RPE: f64 = 7.0;

/// One session's minutes (and whether they are estimated from km), RPE and calf factor.
fn session_numbers(
    s: &crate::model::Session,
    t: &Thresholds,
    pace: crate::model::Pace,
) -> (f64, bool, f64, f64) {
    match &s.activity {
        Activity::Run {
            kind,
            km,
            minutes,
            rpe,
            surface,
            footwear,
        } => {
            let (m, est) = match (minutes, km) {
                (Some(m), _) => (f64::from(*m), false),
                (None, Some(km)) => (pace.minutes_for(*km), true),
                // Refused by validation; counts as nothing if it gets here.
                (None, None) => (0.0, false),
            };
            (
                m,
                est,
                f64::from(*rpe),
                t.calf_factors.run(*kind, *surface, *footwear),
            )
        }
        Activity::Cross {
            kind,
            minutes,
            rpe,
            calf_work,
        } => (
            f64::from(*minutes),
            false,
            f64::from(*rpe),
            t.calf_factors.cross(*kind, *calf_work),
        ),
        Activity::Calf {
            stage, sets, reps, ..
        } => (
            Activity::calf_minutes(*stage, *sets, *reps),
            false,
            CALF_SESSION_RPE,
            t.calf_factors.get(crate::model::CalfFactorKey::CalfProgram),
        ),
        // Reps to fatigue on each leg: hard, but short.
        Activity::CalfTest => (
            Activity::CALF_TEST_MINUTES,
            false,
            CALF_TEST_RPE,
            t.calf_factors.get(crate::model::CalfFactorKey::CalfProgram),
        ),
        Activity::Rest => (0.0, false, 0.0, 0.0),
    }
}

/// Per-session numbers and their daily sums over whole weeks from `start`; sessions
/// outside `lo..=hi` count as nothing. Also how many runs' minutes are estimated.
fn daily(
    plan: &Plan,
    t: &Thresholds,
    start: NaiveDate,
    (lo, hi): (NaiveDate, NaiveDate),
) -> (Vec<Day>, Vec<SessionLoad>, usize) {
    let n_weeks = ((week_start(hi) - start).num_days() / 7 + 1) as usize;
    let mut days: Vec<Day> = (0..n_weeks * 7)
        .map(|i| Day {
            date: start + Duration::days(i as i64),
            ..Day::default()
        })
        .collect();
    let mut estimated = 0usize;
    let sessions = plan
        .sessions
        .iter()
        .map(|s| {
            let counts = s.counts() && s.date >= lo && s.date <= hi;
            let (minutes, est, rpe, factor) = session_numbers(s, t, plan.athlete.easy_pace);
            if !counts {
                return SessionLoad {
                    minutes,
                    estimated: est,
                    load: 0.0,
                    calf_load: 0.0,
                };
            }
            estimated += usize::from(est);
            let (load, calf_load) = (rpe * minutes, minutes * factor);
            let d = &mut days[(s.date - start).num_days() as usize];
            d.load += load;
            d.calf_load += calf_load;
            match &s.activity {
                Activity::Run { km, .. } => {
                    match km {
                        Some(km) => d.run_km += km,
                        None => d.time_only_minutes += minutes,
                    }
                    d.run_minutes += minutes;
                }
                Activity::Cross { .. } => d.cross_minutes += minutes,
                Activity::Calf { .. } | Activity::CalfTest => d.program_load += load,
                _ => {}
            }
            SessionLoad {
                minutes,
                estimated: est,
                load,
                calf_load,
            }
        })
        .collect();
    (days, sessions, estimated)
}

/// EWMA ACWR (Williams et al. 2017) and fitness/fatigue, day by day. The averages start
/// from the mean daily load of the first 28 days rather than from zero (which would bias
/// the chronic average low and inflate the ratio); the ratio is reported only once 28
/// days of the plan lie behind it. The baseline describes running only, so it does not
/// seed these load averages (cross-training would be missing from it).
fn ewma(days: &mut [Day]) {
    let warmup = days.len().min(28);
    let seed = days[..warmup].iter().map(|d| d.load).sum::<f64>() / warmup as f64;
    let (mut acute, mut chronic, mut fitness, mut fatigue) = (seed, seed, seed, seed);
    let (la, lc) = (ewma_lambda(7.0), ewma_lambda(28.0));
    for (i, d) in days.iter_mut().enumerate() {
        acute = la * d.load + (1.0 - la) * acute;
        chronic = lc * d.load + (1.0 - lc) * chronic;
        fitness += (d.load - fitness) / 42.0;
        fatigue += (d.load - fatigue) / 7.0;
        d.acute = acute;
        d.chronic = chronic;
        d.acwr = (i >= 27 && chronic > 1e-6).then(|| acute / chronic);
        d.fitness = fitness;
        d.fatigue = fatigue;
        d.form = fitness - fatigue;
    }
}

/// One week's totals from its seven days: distance, time, load, monotony and strain
/// (Foster 1998, of training load without the calf program), the ACWR.
fn week_of(w: &[Day]) -> Week {
    let load: f64 = w.iter().map(|d| d.load).sum();
    let training = |d: &Day| d.load - d.program_load;
    let train: f64 = w.iter().map(training).sum();
    let mean = train / 7.0;
    let var = w.iter().map(|d| (training(d) - mean).powi(2)).sum::<f64>() / 7.0;
    let sd = var.sqrt();
    // Seven days of the same load: maximal monotony, not "undefined".
    let monotony = if train <= rules::EPS {
        None
    } else if sd > rules::EPS {
        Some(mean / sd)
    } else {
        Some(f64::INFINITY)
    };
    let full = w.iter().all(|d| d.acwr.is_some());
    let acute: f64 = w.iter().map(|d| d.acute).sum();
    let chronic: f64 = w.iter().map(|d| d.chronic).sum();
    let acwr_week = (full && chronic > 1e-6).then(|| acute / chronic);
    Week {
        start: w[0].date,
        run_km: w.iter().map(|d| d.run_km).sum(),
        run_minutes: w.iter().map(|d| d.run_minutes).sum(),
        time_only_minutes: w.iter().map(|d| d.time_only_minutes).sum(),
        sessions: 0,
        load,
        cross_minutes: w.iter().map(|d| d.cross_minutes).sum(),
        calf_load: w.iter().map(|d| d.calf_load).sum(),
        acwr: w.iter().filter_map(|d| d.acwr).reduce(f64::max),
        acwr_week,
        monotony,
        strain: monotony.map(|m| m * train),
        change_pct: None,
        longest_run_km: 0.0,
        longest_run_minutes: 0.0,
        worst: None,
        calf_pain: None,
    }
}

/// Each week's session count, longest run and worst calf pain logged.
fn longest_runs_and_pain(
    plan: &Plan,
    sessions: &[SessionLoad],
    weeks: &mut [Week],
    start: NaiveDate,
    lo: NaiveDate,
) {
    for (i, s) in plan
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.counts() && s.date >= lo)
    {
        let w = &mut weeks[((s.date - start).num_days() / 7) as usize];
        w.sessions += 1;
        if let Activity::Run { km, .. } = s.activity {
            w.longest_run_km = w.longest_run_km.max(km.unwrap_or(0.0));
            w.longest_run_minutes = w.longest_run_minutes.max(sessions[i].minutes);
        }
    }
    for s in plan.symptoms.iter().filter(|s| s.area.is_calf()) {
        let d = (s.date - start).num_days();
        if let Some(w) = (d >= 0).then(|| weeks.get_mut(d as usize / 7)).flatten() {
            w.calf_pain = w.calf_pain.max(Some(s.pain));
        }
    }
}

/// Plain change vs the previous week (the first against the baseline): in km, or in
/// minutes when time-only runs are involved (the baseline's km then count at the easy
/// pace).
fn change_vs_previous(plan: &Plan, weeks: &mut [Week]) {
    let pace = plan.athlete.easy_pace;
    let mut previous: Option<(f64, f64, bool)> = plan
        .athlete
        .baseline
        .as_ref()
        .map(|b| (b.weekly_km, pace.minutes_for(b.weekly_km), false));
    for w in weeks.iter_mut() {
        w.change_pct = previous.and_then(|(km, minutes, timed)| {
            let (now, before) = if timed || w.time_only_minutes > 0.0 {
                (w.run_minutes, minutes)
            } else {
                (w.run_km, km)
            };
            (before > 0.0).then(|| (now / before - 1.0) * 100.0)
        });
        previous = Some((w.run_km, w.run_minutes, w.time_only_minutes > 0.0));
    }
}

/// λ = 2 / (N + 1), the EWMA decay of Williams et al. 2017.
pub(crate) fn ewma_lambda(n: f64) -> f64 {
    2.0 / (n + 1.0)
}

thread_local! {
    static DAYS_ANALYSED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many days this thread has analysed so far, summed over every [`analyze`] and every
/// headroom computed on its own: the work of an analysis is linear in its days, so tests
/// hold re-plan and fit to work that grows linearly with the plan, not with its square.
pub fn days_analysed() -> u64 {
    DAYS_ANALYSED.with(|p| p.get())
}

fn count_days(days: usize) {
    DAYS_ANALYSED.with(|p| p.set(p.get() + days as u64));
}

/// Analyzes `plan`: series, weekly totals and warnings.
pub fn analyze(plan: &Plan) -> Report {
    analyze_with(plan, true, None)
}

/// [`analyze`] with only the runs from `from` on scaling in the weeks' headroom (a fit or
/// a re-plan leaves the past alone): what `headroom::from_day` gives, in the same pass.
pub fn analyze_from(plan: &Plan, from: NaiveDate) -> Report {
    analyze_with(plan, true, Some(from))
}

/// [`analyze`] without headroom, run limits and adherence (left empty): what the analysis
/// costs without them, which the core benchmark compares `analyze` with.
pub fn analyze_rules_only(plan: &Plan) -> Report {
    analyze_with(plan, false, None)
}

fn analyze_with(plan: &Plan, with_limits: bool, from: Option<NaiveDate>) -> Report {
    let planned = plan;
    // What was done counts as done: actual numbers in place of planned ones.
    let effective = plan.effective();
    let plan = effective.as_ref();
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    // No dated span (no sessions, or only a block of no weeks): the undated rules only.
    let Some((lo, hi)) = plan.date_range().filter(|(lo, hi)| lo <= hi) else {
        let mut report = Report::default();
        rules::undated(plan, &t, &mut report.warnings);
        return report;
    };
    // The analysis works day by day: a plan edited to span centuries is analysed over its
    // last 30 years only (files that long are refused when loaded).
    let cap = Duration::days(crate::model::MAX_SPAN_YEARS * 366);
    let clipped = hi.signed_duration_since(lo) > cap;
    let lo = if clipped { hi - cap } else { lo };
    let start = week_start(lo);
    let pace = plan.athlete.easy_pace;
    let (mut days, sessions, estimated) = daily(plan, &t, start, (lo, hi));
    count_days(days.len());
    ewma(&mut days);
    let mut weeks: Vec<Week> = days.chunks(7).map(week_of).collect();
    longest_runs_and_pain(plan, &sessions, &mut weeks, start, lo);
    change_vs_previous(plan, &mut weeks);
    let mut report = Report {
        days,
        weeks,
        sessions,
        warnings: Vec::new(),
        notes: Vec::new(),
        plan_start: Some(lo),
        headroom: Vec::new(),
        run_limits: Vec::new(),
        adherence: Vec::new(),
        planned_running: Vec::new(),
    };
    if clipped {
        report.notes.push(format!(
            "The plan spans more than {} years; only the {} years up to {hi} are analysed.",
            crate::model::MAX_SPAN_YEARS,
            crate::model::MAX_SPAN_YEARS
        ));
    }
    if estimated > 0 {
        report.notes.push(format!(
            "{estimated} run{} give no minutes; their duration is estimated from km at the easy pace of {pace}/km.",
            if estimated == 1 { "" } else { "s" }
        ));
    }
    let limits = rules::apply(plan, &t, &mut report, with_limits.then_some(from));
    for w in &report.warnings {
        if let Some(i) = report.day_index(w.week) {
            let week = &mut report.weeks[i / 7];
            week.worst = week.worst.max(Some(w.severity));
        }
    }
    let Some((week_limits, run_limits)) = limits else {
        return report;
    };
    report.headroom = week_limits
        .into_iter()
        .map(|l| headroom::week(&report, l))
        .collect();
    report.run_limits = run_limits;
    report.adherence = adherence::weeks(planned, start, report.weeks.len());
    if report.adherence.iter().any(|t| t.sessions > 0) {
        report.planned_running = adherence::planned_running(planned, start, report.weeks.len());
    }
    report
}
