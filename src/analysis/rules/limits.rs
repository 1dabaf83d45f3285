//! The rules' inverses, for headroom: how much each week (and each run) can hold before
//! the distance and load rules reach caution, and what less running cannot fix.

use super::*;

/// How one rule limits a week's running: the rule stays below caution while the week's
/// scalable runs are at most `factor` times their size (the rules' inverses, each next
/// to its rule below; `super::headroom` combines them).
pub(in crate::analysis) struct Bound {
    pub rule: Rule,
    pub factor: f64,
    /// The limit in words: "weekly increase: +20 % over 28.5 km".
    pub text: String,
}

/// What less running cannot fix in a week (a red flag, a shape within the week).
pub(in crate::analysis) struct Stuck {
    pub rule: Rule,
    pub text: String,
}

/// The most one run may be before long-run-spike reaches caution, the others as they are.
#[derive(Clone, Debug, PartialEq)]
pub struct RunLimit {
    /// The run (index into `plan.sessions`).
    pub session: usize,
    /// Its size now: km, or minutes when compared by time.
    pub size: f64,
    /// The most it may be.
    pub limit: f64,
    /// The longest run of the previous 30 days it is compared with (or the baseline's).
    pub over: f64,
    /// Sizes are minutes.
    pub by_time: bool,
    /// `over` is the baseline's longest run.
    pub from_baseline: bool,
}

/// One week's limits: its running (the goal race is fixed, every other counted run
/// scales), the bounds of the distance and load rules, what less running cannot fix.
pub(in crate::analysis) struct WeekLimits {
    pub w: usize,
    pub scalable: Vec<usize>,
    /// The week's unit: minutes when time-only runs are involved.
    pub by_time: bool,
    pub volume: f64,
    pub scalable_volume: f64,
    pub bounds: Vec<Bound>,
    pub stuck: Vec<Stuck>,
    /// The limit of the week's longest scalable run.
    pub long: Option<RunLimit>,
}

/// Rules whose warnings less running can lift (the others are blockers for headroom).
pub(in crate::analysis) const DISTANCE_RULES: [Rule; 4] = [
    Rule::LongRunSpike,
    Rule::WeeklyIncrease,
    Rule::ReturnAfterBreak,
    Rule::Acwr,
];

/// Every week's limits and every run's limit, for a report whose rules have run.
///
/// A week's scalable runs are the ones still to be run: counted, not done, not the goal
/// race, and from `from` on when given (a re-plan never touches the past).
pub(in crate::analysis) fn limits(
    plan: &Plan,
    t: &Thresholds,
    report: &Report,
    from: Option<NaiveDate>,
) -> (Vec<WeekLimits>, Vec<Option<RunLimit>>) {
    if report.days.is_empty() {
        return (Vec::new(), vec![None; plan.sessions.len()]);
    }
    let c = context(plan, t, report);
    let runs = day_runs(&c);
    let returns = breaks(&c);
    let windows = return_windows(&c);
    let mut run_limits = vec![None; plan.sessions.len()];
    for d in 0..report.days.len() {
        for i in c.runs_on(d) {
            run_limits[i] = run_limit(&c, &runs, d, i);
        }
    }
    let mut weeks = Vec::with_capacity(report.weeks.len());
    for (w, week) in report.weeks.iter().enumerate() {
        let all: Vec<usize> = (w * 7..w * 7 + 7).flat_map(|d| c.runs_on(d)).collect();
        let scalable: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| {
                let s = c.session(i);
                !c.is_goal(i)
                    && s.status != crate::model::Status::Done
                    && from.is_none_or(|f| s.date >= f)
            })
            .collect();
        let by_time =
            weekly_reference(&c, w, &returns).map_or(week.time_only_minutes > 0.0, |r| r.by_time);
        let volume = if by_time {
            week.run_minutes
        } else {
            week.run_km
        };
        let scalable_volume: f64 = scalable.iter().map(|&i| c.size(i, by_time)).sum();
        let mut bounds = Vec::new();
        let mut stuck = Vec::new();
        if scalable_volume > 0.0 {
            bounds.extend(weekly_increase_bound(&c, w, &returns, &scalable));
            long_run_bounds(&c, &runs, w, &scalable, &mut bounds, &mut stuck);
            return_bounds(&c, &windows, w, &scalable, &mut bounds, &mut stuck);
            bounds.extend(acwr_bound(&c, w, &scalable));
        }
        // What less running cannot fix: the week's other warnings at caution or above.
        for x in report.warnings.iter().filter(|x| {
            x.week == week.start
                && x.severity >= Severity::Caution
                && !DISTANCE_RULES.contains(&x.rule)
        }) {
            stuck.push(Stuck {
                rule: x.rule,
                text: x.message.clone(),
            });
        }
        let long = scalable
            .iter()
            .copied()
            .filter(|&i| run_limits[i].is_some())
            .max_by(|&a, &b| c.size(a, by_time).total_cmp(&c.size(b, by_time)))
            .and_then(|i| run_limits[i].clone());
        weeks.push(WeekLimits {
            w,
            scalable,
            by_time,
            volume,
            scalable_volume,
            bounds,
            stuck,
            long,
        });
    }
    (weeks, run_limits)
}
