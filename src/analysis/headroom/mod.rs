//! Headroom: how much a week (and each run) can hold before Gradual's distance and load
//! rules reach `caution`. Each rule answers its own inverse next to its check
//! (`rules/`: weekly-increase, long-run-spike, return-after-break, acwr when it is set
//! to caution or above); a week's headroom is the smallest of them, with the binding rule
//! named. What less running cannot fix (a red flag, calf imbalance, a shape within the
//! week) is listed as a blocker instead of a number.
//!
//! A week is scaled as a whole: its runs keep their proportions (the long run keeps its
//! share), the goal race keeps its distance. Every bound is linear in that scale, so the
//! headroom is exact: at it the rules stay below caution; a little above it the binding
//! rule fires (a property test holds them to that).

use super::rules::{self, DISTANCE_RULES, WeekLimits};
use super::{Report, Rule, analyze};
use crate::model::{Plan, Thresholds};
use chrono::NaiveDate;

pub use super::rules::{LimitText, RunLimit};

mod fit;
pub use fit::{Edit, Fitted, MIN_RUN_KM, MIN_RUN_MINUTES, WeekChange, fit};

/// The rule that sets a week's limit, and the limit in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Limit {
    /// The rule.
    pub rule: Rule,
    /// "weekly increase: +20 % over 28.5 km" (`to_string()` writes it).
    pub text: LimitText,
}

/// Something in a week that less running cannot fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Blocker {
    /// The rule.
    pub rule: Rule,
    /// What it is and what to do.
    pub text: String,
}

/// One week's headroom.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekHeadroom {
    /// The Monday.
    pub start: NaiveDate,
    /// Volumes are minutes (time-only runs are involved), else km.
    pub by_time: bool,
    /// The week's running now.
    pub volume: f64,
    /// The most the week may hold with its runs scaled together; `None` when no
    /// distance rule limits it (no history yet, nothing scalable).
    pub max_volume: Option<f64>,
    /// The rule that sets `max_volume`.
    pub limit: Option<Limit>,
    /// The week's longest run and the most it may be on its own (long-run-spike).
    pub long_run: Option<RunLimit>,
    /// What less running cannot fix.
    pub blockers: Vec<Blocker>,
    /// The factor on the week's runs that reaches `max_volume` (1 = as planned).
    pub factor: Option<f64>,
    /// Runs that scale (every counted run but the goal race), indices into
    /// `plan.sessions`.
    pub runs: Vec<usize>,
}

impl WeekHeadroom {
    /// The week is over its headroom.
    pub fn over(&self) -> bool {
        self.factor.is_some_and(|f| f < 1.0 - 1e-9)
    }

    /// "up to 34.2 km", "up to 95 min", or `None` without a limit.
    pub fn max_text(&self) -> Option<String> {
        self.max_volume
            .map(|m| format!("up to {}", amount(m, self.by_time)))
    }
}

fn amount(x: f64, by_time: bool) -> String {
    if by_time {
        format!("{:.0} min", x.max(0.0).floor())
    } else {
        format!("{:.1} km", (x.max(0.0) * 10.0).floor() / 10.0)
    }
}

/// A run size as shown: "15.4 km", "95 min" (rounded down: the limit is never shown
/// higher than it is).
pub fn size_text(x: f64, by_time: bool) -> String {
    amount(x, by_time)
}

/// Every week's headroom and every run's limit for `plan` and its `report` (what
/// [`analyze`] stores in `Report::headroom` and `Report::run_limits`; the benchmark
/// measures this part on its own).
pub fn of(plan: &Plan, report: &Report) -> (Vec<WeekHeadroom>, Vec<Option<RunLimit>>) {
    from_day(plan, report, None)
}

/// [`of`] with only the runs from `from` on scaling (a re-plan leaves the past alone).
pub fn from_day(
    plan: &Plan,
    report: &Report,
    from: Option<NaiveDate>,
) -> (Vec<WeekHeadroom>, Vec<Option<RunLimit>>) {
    super::count_days(report.days.len());
    let plan = plan.effective();
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    compute(&plan, &t, report, from)
}

/// [`of`] for the (effective) plan, with the thresholds already resolved.
fn compute(
    plan: &Plan,
    t: &Thresholds,
    report: &Report,
    from: Option<NaiveDate>,
) -> (Vec<WeekHeadroom>, Vec<Option<RunLimit>>) {
    let (weeks, runs) = rules::limits(plan, t, report, from);
    (weeks.into_iter().map(|w| week(report, w)).collect(), runs)
}

/// One week's headroom from its limits.
pub(super) fn week(report: &Report, l: WeekLimits) -> WeekHeadroom {
    let binding = l.bounds.0.as_ref();
    let fixed = l.volume - l.scalable_volume;
    let mut blockers: Vec<Blocker> = l
        .stuck
        .into_iter()
        .map(|s| Blocker {
            rule: s.rule,
            text: s.text,
        })
        .collect();
    let factor = binding.map(|b| b.factor.max(0.0));
    if binding.is_some_and(|b| b.factor <= 0.0) {
        let b = binding.expect("checked");
        blockers.push(Blocker {
            rule: b.rule,
            text: format!("{}: the week's fixed running already reaches it", b.text),
        });
    }
    WeekHeadroom {
        start: report.weeks[l.w].start,
        by_time: l.by_time,
        volume: l.volume,
        max_volume: factor.map(|f| fixed + f * l.scalable_volume),
        limit: binding.map(|b| Limit {
            rule: b.rule,
            text: b.text.clone(),
        }),
        long_run: l.long,
        blockers,
        factor,
        runs: l.scalable,
    }
}

/// Scales run `s` by `f`, rounded down (so a fitted week stays within its headroom):
/// [`Session::scale`](crate::model::Session::scale).
pub fn scale_run(s: &mut crate::model::Session, f: f64) {
    if s.run().is_some() {
        s.scale(f, crate::model::Rounding::Down);
    }
}

/// Whether `rule` is one headroom turns into a number (the others are blockers).
pub fn is_distance_rule(rule: Rule) -> bool {
    DISTANCE_RULES.contains(&rule)
}

/// Days within three of session `i`'s own where it would be in no warning at caution or
/// above, nearest first (e.g. calf-loading cross-training the day before a key run).
/// Empty when the session is in no such warning now, or no nearby day helps.
pub fn better_days(plan: &Plan, report: &Report, i: usize) -> Vec<NaiveDate> {
    better_days_from(plan, report, i, NaiveDate::MIN, usize::MAX)
}

/// [`better_days`] on or after `from`, stopping after `max` (each day tried is a whole
/// analysis of the plan with the session moved).
pub fn better_days_from(
    plan: &Plan,
    report: &Report,
    i: usize,
    from: NaiveDate,
    max: usize,
) -> Vec<NaiveDate> {
    let Some(s) = plan.sessions.get(i) else {
        return Vec::new();
    };
    let in_warning = |r: &Report, i: usize| {
        r.warnings
            .iter()
            .any(|w| w.severity >= super::Severity::Caution && w.sessions.contains(&i))
    };
    if !in_warning(report, i) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for k in [1i64, -1, 2, -2, 3, -3] {
        let day = s.date + chrono::Duration::days(k);
        if !crate::model::date_in_range(day) || day < from {
            continue;
        }
        // As a move does it: last on its new day.
        let mut moved = plan.clone();
        let mut m = moved.sessions.remove(i);
        m.date = day;
        moved.sessions.push(m);
        let last = moved.sessions.len() - 1;
        if !in_warning(&analyze(&moved), last) {
            out.push(day);
            if out.len() >= max {
                break;
            }
        }
    }
    out
}
