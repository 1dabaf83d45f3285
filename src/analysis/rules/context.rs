//! What every dated rule reads (the plan, the thresholds, the report's series, the
//! sessions by day, the goal race) and the helpers their messages share; the rules run
//! in one table ([`DATED`]).

use super::*;
use std::cell::OnceCell;

/// Shared inputs of the dated rules.
pub(super) struct Ctx<'a> {
    pub(super) plan: &'a Plan,
    pub(super) t: &'a Thresholds,
    pub(super) report: &'a Report,
    pub(super) start: NaiveDate,
    /// The plan's own first day, as a day index (the first week is partial when > 0).
    pub(super) plan_start: usize,
    /// Counted sessions, sorted by date, in file order within a day.
    pub(super) order: Vec<usize>,
    /// `order[offsets[d]..offsets[d + 1]]` are day `d`'s sessions.
    pub(super) offsets: Vec<usize>,
    /// Each counted session's day index (indexed like `plan.sessions`; others 0).
    days: Vec<u32>,
    /// Sessions that are the goal race: a Race run on the race's date.
    pub(super) goal: Vec<usize>,
    /// The day index of the goal race, if it lies in the span.
    pub(super) goal_day: Option<usize>,
    /// Derived series several rules and their inverses read, made once per analysis.
    runs: OnceCell<DayRuns>,
    returns: OnceCell<Vec<(i64, i64)>>,
    windows: OnceCell<Vec<ReturnWindow>>,
    spikes: OnceCell<Vec<Option<SpikeRef>>>,
}

impl Ctx<'_> {
    /// The longest runs per day ([`day_runs`]).
    pub(super) fn runs(&self) -> &DayRuns {
        self.runs.get_or_init(|| day_runs(self))
    }

    /// The breaks without running ([`breaks`]).
    pub(super) fn breaks(&self) -> &[(i64, i64)] {
        self.returns.get_or_init(|| breaks(self))
    }

    /// The windows after each break the return rule judges ([`return_windows`]).
    pub(super) fn windows(&self) -> &[ReturnWindow] {
        self.windows.get_or_init(|| return_windows(self))
    }

    /// What the long-run-spike rule compares counted run `i` with ([`spike_ref`]): the
    /// rule, each run's limit and each week's bound all ask.
    pub(super) fn spike(&self, i: usize) -> Option<SpikeRef> {
        self.spikes.get_or_init(|| {
            let mut refs = vec![None; self.plan.sessions.len()];
            for d in 0..self.report.days.len() {
                for i in self.runs_on(d) {
                    refs[i] = spike_ref(self, self.runs(), d, i);
                }
            }
            refs
        })[i]
    }

    pub(super) fn on_day(&self, d: usize) -> &[usize] {
        &self.order[self.offsets[d]..self.offsets[d + 1]]
    }

    /// The day index of counted session `i` (without date arithmetic: most rules ask it
    /// for every run).
    pub(super) fn day_of(&self, i: usize) -> usize {
        self.days[i] as usize
    }

    pub(super) fn session(&self, i: usize) -> &Session {
        &self.plan.sessions[i]
    }

    pub(super) fn date(&self, d: usize) -> NaiveDate {
        self.start + Duration::days(d as i64)
    }

    pub(super) fn runs_on(&self, d: usize) -> impl Iterator<Item = usize> + '_ {
        self.on_day(d)
            .iter()
            .copied()
            .filter(|&i| matches!(self.plan.sessions[i].activity, Activity::Run { .. }))
    }

    /// Whether session `i` is a run that gives no distance.
    pub(super) fn time_only(&self, i: usize) -> bool {
        self.session(i).run().is_some_and(|r| r.km.is_none())
    }

    /// A run's size: km, or minutes (given or estimated) when comparing by time.
    pub(super) fn size(&self, i: usize, by_time: bool) -> f64 {
        if by_time {
            self.report.sessions[i].minutes
        } else {
            self.session(i).run().and_then(|r| r.km).unwrap_or(0.0)
        }
    }

    /// Minutes for `km` at the athlete's easy pace (baseline distances compared by time).
    pub(super) fn minutes_for(&self, km: f64) -> f64 {
        self.plan.athlete.easy_pace.minutes_for(km)
    }

    pub(super) fn is_goal(&self, i: usize) -> bool {
        self.goal.contains(&i)
    }

    pub(super) fn week_has_goal(&self, w: usize) -> bool {
        self.goal_day.is_some_and(|d| d / 7 == w)
    }
}

/// Adds one warning to `out`.
pub(super) fn push(
    out: &mut Vec<Warning>,
    rule: Rule,
    severity: Severity,
    date: NaiveDate,
    sessions: Vec<usize>,
    message: String,
) {
    out.push(warning(rule, severity, date, sessions, message));
}

pub(super) fn warning(
    rule: Rule,
    severity: Severity,
    date: NaiveDate,
    sessions: Vec<usize>,
    message: String,
) -> Warning {
    Warning {
        rule,
        severity,
        date,
        week: week_start(date),
        sessions,
        message,
        evidence: rule.info().evidence,
    }
}

/// `value > threshold`, ignoring floating-point noise (4.4 km over 4.0 km is +10 %, not
/// +10.000000000000009 %).
pub(super) fn exceeds(value: f64, threshold: f64) -> bool {
    value > threshold + EPS
}

pub(super) fn pct(x: f64) -> String {
    format!("{x:.0} %")
}

/// A threshold as written in settings: "10 %", "12.5 %".
pub(super) fn line(x: f64) -> String {
    format!("{} %", fmt_km(x))
}

/// A measured percentage with enough decimals not to seem to contradict the `lines` it
/// is judged by: "+10.2 %" next to "keep within +10 %", where "+10 %" would read as
/// within it; "+94 %" far from any line.
pub(super) fn pct_vs(x: f64, lines: &[f64]) -> String {
    for decimals in 0..=2 {
        let f = 10f64.powi(decimals);
        let r = (x * f).round() / f;
        let agrees = lines
            .iter()
            .filter(|l| l.is_finite())
            .all(|&l| exceeds(x, l) == (r > l + EPS));
        if agrees {
            return format!("{r:.*} %", decimals as usize);
        }
    }
    format!("{x:.3} %")
}

/// The largest step of the return ladder between two weeks back, in % (70 after 50 is
/// +40 %): in the three weeks after a break the weekly-increase rule allows it.
pub(super) fn return_step_pct(t: &Thresholds) -> f64 {
    let lines = [t.return_max_pct, t.return_week2_pct, t.return_week3_pct];
    lines
        .windows(2)
        .filter(|w| w[0] > 0.0)
        .map(|w| (w[1] / w[0] - 1.0) * 100.0)
        .fold(0.0, f64::max)
}

/// A volume as people say it: "31.0 km" or "95 min".
pub(super) fn amount(x: f64, by_time: bool) -> String {
    if by_time {
        format!("{x:.0} min")
    } else {
        format!("{x:.1} km")
    }
}

/// What a comparison by time says about itself.
pub(super) const BY_TIME: &str = "compared by time, as time-only runs are involved";

/// Rules that need no dated span (calf test, symptoms).
pub(in crate::analysis) fn undated(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    calf_imbalance(plan, t, out);
    red_flag(plan, t, out);
    before_all_clear(plan, t, out);
    pain_monitoring(plan, t, out);
}

/// The shared inputs of the dated rules for `report` (whose series are filled in).
pub(super) fn context<'a>(plan: &'a Plan, t: &'a Thresholds, report: &'a Report) -> Ctx<'a> {
    let start = report.days[0].date;
    let n = report.days.len();
    let end = start + Duration::days(n as i64 - 1);
    let mut order: Vec<usize> = (0..plan.sessions.len())
        .filter(|&i| {
            let s = &plan.sessions[i];
            s.counts() && s.date >= start && s.date <= end
        })
        .collect();
    order.sort_by_key(|&i| plan.sessions[i].date);
    let mut offsets = vec![0usize; n + 1];
    let mut days = vec![0u32; plan.sessions.len()];
    for &i in &order {
        let d = (plan.sessions[i].date - start).num_days() as usize;
        days[i] = d as u32;
        offsets[d + 1] += 1;
    }
    for d in 0..n {
        offsets[d + 1] += offsets[d];
    }
    let race_date = plan.race.as_ref().map(|r| r.date);
    let goal: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| {
            let s = &plan.sessions[i];
            Some(s.date) == race_date && s.run().is_some_and(|r| r.kind == RunKind::Race)
        })
        .collect();
    let goal_day = goal
        .first()
        .map(|&i| (plan.sessions[i].date - start).num_days() as usize);
    let plan_start = report
        .plan_start
        .map_or(0, |d| (d - start).num_days().max(0) as usize);
    Ctx {
        plan,
        t,
        report,
        start,
        plan_start,
        order,
        offsets,
        days,
        goal,
        goal_day,
        runs: OnceCell::new(),
        returns: OnceCell::new(),
        windows: OnceCell::new(),
        spikes: OnceCell::new(),
    }
}

/// The dated rules, in the order their warnings are made: each reads the shared context
/// and adds to the output.
pub(super) const DATED: [fn(&Ctx, &mut Vec<Warning>); 12] = [
    long_run_spike,
    weekly_increase,
    acwr,
    monotony,
    new_intensity,
    return_after_break,
    barefoot_transition,
    calf_cross_training,
    calf_work_on_run_day,
    no_rest_day,
    hydration,
    no_baseline,
];

/// Applies every rule to a report whose series are filled in, leaving its warnings sorted
/// by date then rule, and returns every week's and every run's limits (headroom), made
/// from the same context.
/// With `limits` (`Some(from)`: only runs from `from` on scale, when given); `None`
/// without.
pub(in crate::analysis) fn apply(
    plan: &Plan,
    t: &Thresholds,
    report: &mut Report,
    limits: Option<Option<NaiveDate>>,
) -> Option<(Vec<WeekLimits>, Vec<Option<RunLimit>>)> {
    let mut out = Vec::new();
    undated(plan, t, &mut out);
    let limits = {
        let ctx = context(plan, t, report);
        for rule in DATED {
            rule(&ctx, &mut out);
        }
        out.sort_by_key(|w| (w.date, w.rule));
        limits.map(|from| limits_of(&ctx, &out, from))
    };
    report.warnings = out;
    limits
}
