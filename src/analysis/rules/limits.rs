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
    pub text: LimitText,
}

/// A limit in words, kept as its numbers until it is shown: formatting every bound of
/// every week (dates, percentages) was most of headroom's time. Each variant's words are
/// written next to its rule.
#[derive(Clone, Debug, PartialEq)]
pub enum LimitText {
    /// weekly-increase: the line over the reference week.
    WeeklyIncrease {
        /// The line in %, or `None` when the floor (`floor`) is the larger allowance.
        pct: Option<f64>,
        /// The smallest increase always allowed (km or minutes).
        floor: f64,
        /// The reference week's volume.
        reference: f64,
        /// Volumes are minutes.
        by_time: bool,
        /// What the reference is, when not the previous weeks: " (the baseline)".
        source: &'static str,
    },
    /// long-run-spike: one run over the longest of the days before.
    LongRunSpike {
        /// The run's day.
        date: NaiveDate,
        /// The line in %.
        pct: f64,
        /// The longest run before it.
        over: f64,
        /// Sizes are minutes.
        by_time: bool,
    },
    /// return-after-break: one of the three weeks back.
    ReturnAfterBreak {
        /// Days without running.
        gap: i64,
        /// The last run before the break.
        last_run: NaiveDate,
        /// Which week back (0, 1, 2).
        week: usize,
        /// The week's line, % of the usual week before the break.
        pct: f64,
        /// The usual week before the break.
        before: f64,
        /// Volumes are minutes.
        by_time: bool,
    },
    /// acwr, when set to caution or above.
    Acwr {
        /// The ratio's line.
        line: f64,
        /// The severity it is set to.
        severity: Severity,
    },
}

impl std::fmt::Display for LimitText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Self::WeeklyIncrease {
                pct,
                floor,
                reference,
                by_time,
                source,
            } => weekly_increase_text(f, pct, floor, reference, by_time, source),
            Self::LongRunSpike {
                date,
                pct,
                over,
                by_time,
            } => long_run_spike_text(f, date, pct, over, by_time),
            Self::ReturnAfterBreak {
                gap,
                week,
                last_run: _,
                pct,
                before,
                by_time,
            } => return_text(f, gap, week, pct, before, by_time),
            Self::Acwr { line, severity } => {
                write!(f, "load ratio: below {line} (acwr set to {severity})")
            }
        }
    }
}

/// The bound that binds among those a week's rules offer: the smallest factor, the first
/// of equals (a week keeps only it, not every bound).
#[derive(Default)]
pub(in crate::analysis) struct Binding(pub Option<Bound>);

impl Binding {
    /// Offers one bound.
    pub fn push(&mut self, b: Bound) {
        if self
            .0
            .as_ref()
            .is_none_or(|c| b.factor.total_cmp(&c.factor).is_lt())
        {
            self.0 = Some(b);
        }
    }

    /// Offers a bound, if there is one.
    pub fn extend(&mut self, b: Option<Bound>) {
        if let Some(b) = b {
            self.push(b);
        }
    }
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
    pub bounds: Binding,
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
    limits_of(&context(plan, t, report), &report.warnings, from)
}

/// [`limits`] from a context the rules have run on and their `warnings` (by date).
pub(super) fn limits_of(
    c: &Ctx,
    warnings: &[Warning],
    from: Option<NaiveDate>,
) -> (Vec<WeekLimits>, Vec<Option<RunLimit>>) {
    let (plan, report) = (c.plan, c.report);
    let (runs, returns, windows) = (c.runs(), c.breaks(), c.windows());
    let mut run_limits = vec![None; plan.sessions.len()];
    for d in 0..report.days.len() {
        for i in c.runs_on(d) {
            run_limits[i] = run_limit(c, runs, d, i);
        }
    }
    // The warnings less running cannot fix, by week (one pass, not one per week).
    let mut others: Vec<Vec<&Warning>> = vec![Vec::new(); report.weeks.len()];
    for x in warnings
        .iter()
        .filter(|x| x.severity >= Severity::Caution && !DISTANCE_RULES.contains(&x.rule))
    {
        if let Some(d) = report.day_index(x.week) {
            others[d / 7].push(x);
        }
    }
    let mut weeks = Vec::with_capacity(report.weeks.len());
    for (w, week) in report.weeks.iter().enumerate() {
        let scalable: Vec<usize> = (w * 7..w * 7 + 7)
            .flat_map(|d| c.runs_on(d))
            .filter(|&i| {
                let s = c.session(i);
                !c.is_goal(i)
                    && s.status != crate::model::Status::Done
                    && from.is_none_or(|f| s.date >= f)
            })
            .collect();
        let reference = weekly_reference(c, w, returns);
        let by_time = reference
            .as_ref()
            .map_or(week.time_only_minutes > 0.0, |r| r.by_time);
        let volume = if by_time {
            week.run_minutes
        } else {
            week.run_km
        };
        let scalable_volume: f64 = scalable.iter().map(|&i| c.size(i, by_time)).sum();
        let mut bounds = Binding::default();
        let mut stuck = Vec::new();
        if scalable_volume > 0.0 {
            bounds.extend(
                reference
                    .as_ref()
                    .and_then(|r| weekly_increase_bound(c, r, &scalable)),
            );
            long_run_bounds(c, runs, w, &scalable, &mut bounds, &mut stuck);
            return_bounds(c, windows, w, &scalable, &mut bounds, &mut stuck);
            bounds.extend(acwr_bound(c, w, &scalable));
        } else {
            // Nothing to scale, but a return window the goal race alone takes over its
            // limit is still a blocker of the week it opens in.
            return_bounds(c, windows, w, &scalable, &mut bounds, &mut stuck);
        }
        // What less running cannot fix: the week's other warnings at caution or above.
        for x in &others[w] {
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
