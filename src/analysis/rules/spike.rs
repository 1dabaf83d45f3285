//! long-run-spike (Frandsen et al., BJSM 2025): a run against the longest of the 30 days
//! before it, its inverse for one run and for a week.

use super::*;

/// Per day of the span: the longest run with a distance, the longest by minutes, and
/// whether a time-only run was among them. The goal race is left out: it is a planned
/// peak, not training that later runs may build on (a long run the week after a half
/// marathon is judged against the training before it).
pub(super) struct DayRuns {
    pub(super) km: Vec<f64>,
    pub(super) minutes: Vec<f64>,
    pub(super) timed: Vec<bool>,
}

pub(super) fn day_runs(c: &Ctx) -> DayRuns {
    let n = c.report.days.len();
    let mut r = DayRuns {
        km: vec![0.0; n],
        minutes: vec![0.0; n],
        timed: vec![false; n],
    };
    for d in 0..n {
        for i in c.runs_on(d).filter(|&i| !c.is_goal(i)) {
            r.km[d] = r.km[d].max(c.size(i, false));
            r.minutes[d] = r.minutes[d].max(c.size(i, true));
            r.timed[d] |= c.time_only(i);
        }
    }
    r
}

/// What the long-run-spike rule compares run `i` on day `d` with: the previous
/// [`SPIKE_WINDOW_DAYS`] days (`lo..d`), in minutes or km, and the baseline's longest run
/// where the window reaches before the plan. `None` when the rule does not judge the run
/// (the window reaches before the plan and nothing stands in for those days).
pub(super) struct SpikeRef {
    pub(super) lo: usize,
    pub(super) by_time: bool,
    pub(super) stand_in: Option<f64>,
}

pub(super) fn spike_ref(c: &Ctx, runs: &DayRuns, d: usize, i: usize) -> Option<SpikeRef> {
    let lo = d.saturating_sub(SPIKE_WINDOW_DAYS);
    // The window reaches before the plan: only the baseline can stand in for those
    // days, and only if the athlete ran within them.
    let before_plan = d < c.plan_start + SPIKE_WINDOW_DAYS;
    let baseline = c
        .plan
        .athlete
        .baseline
        .as_ref()
        .filter(|b| b.long_run_km > 0.0)
        .filter(|b| {
            b.last_run
                .is_none_or(|l| (c.date(d) - l).num_days() <= SPIKE_WINDOW_DAYS as i64)
        });
    if before_plan && baseline.is_none() {
        return None; // nothing to compare with (the no-baseline note says so)
    }
    let run = c.session(i).run()?;
    let by_time = run.km.is_none() || runs.timed[lo..d].iter().any(|t| *t);
    let stand_in = baseline.filter(|_| before_plan).map(|b| {
        if by_time {
            c.minutes_for(b.long_run_km)
        } else {
            b.long_run_km
        }
    });
    Some(SpikeRef {
        lo,
        by_time,
        stand_in,
    })
}

impl DayRuns {
    pub(super) fn series(&self, by_time: bool) -> &[f64] {
        if by_time { &self.minutes } else { &self.km }
    }
}

/// The smallest spike, in %, the long-run-spike rule reports at caution or above.
pub(super) fn spike_limit_pct(t: &Thresholds) -> f64 {
    t.long_run_caution_pct
        .min(t.long_run_warning_pct)
        .min(t.long_run_danger_pct)
}

/// long-run-spike (Frandsen et al., BJSM 2025).
pub(super) fn long_run_spike(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let runs = day_runs(c);
    for d in 0..n {
        for i in c.runs_on(d).collect::<Vec<_>>() {
            let Some(r) = spike_ref(c, &runs, d, i) else {
                continue;
            };
            let run = c.session(i).run().expect("runs_on yields runs");
            let by_time = r.by_time;
            let mut prev = runs.series(by_time)[r.lo..d]
                .iter()
                .copied()
                .fold(0.0, f64::max);
            let mut from_baseline = false;
            if let Some(b) = r.stand_in
                && b > prev
            {
                (prev, from_baseline) = (b, true);
            }
            if prev <= 0.0 {
                continue;
            }
            let size = c.size(i, by_time);
            let spike = (size / prev - 1.0) * 100.0;
            let severity = if exceeds(spike, c.t.long_run_danger_pct) {
                Severity::Danger
            } else if exceeds(spike, c.t.long_run_warning_pct) {
                Severity::Warning
            } else if exceeds(spike, c.t.long_run_caution_pct) {
                Severity::Caution
            } else {
                continue;
            };
            let mut source = String::new();
            if from_baseline {
                source.push_str(", from the baseline");
            }
            if by_time {
                source.push_str("; ");
                source.push_str(BY_TIME);
            }
            // Only the goal race is a planned peak; a tune-up race is judged like any run.
            let (severity, advice) = if c.is_goal(i) {
                (
                    Severity::Info,
                    "expected for a goal race; plan easy days after it".to_string(),
                )
            } else if run.kind == RunKind::Race {
                (
                    severity,
                    "a race counts like any other run: build the long run up toward it first, or choose a shorter race".to_string(),
                )
            } else {
                (
                    severity,
                    format!(
                        "keep single runs within +{} of it",
                        line(c.t.long_run_caution_pct)
                    ),
                )
            };
            push(
                out,
                Rule::LongRunSpike,
                severity,
                c.date(d),
                vec![i],
                format!(
                    "{} run {} is +{} over your longest run of the previous {SPIKE_WINDOW_DAYS} days ({}{source}); {advice}",
                    run.kind.name(),
                    amount(size, by_time),
                    pct_vs(
                        spike,
                        &[
                            c.t.long_run_caution_pct,
                            c.t.long_run_warning_pct,
                            c.t.long_run_danger_pct
                        ]
                    ),
                    amount(prev, by_time),
                ),
            );
        }
    }
}

/// The inverse of long-run-spike for one run, the others as they are: the most run `i` on
/// day `d` may be. `None` when the rule does not judge it (or it is the goal race).
pub(super) fn run_limit(c: &Ctx, runs: &DayRuns, d: usize, i: usize) -> Option<RunLimit> {
    if c.is_goal(i) {
        return None;
    }
    let r = spike_ref(c, runs, d, i)?;
    let mut over = runs.series(r.by_time)[r.lo..d]
        .iter()
        .copied()
        .fold(0.0, f64::max);
    let mut from_baseline = false;
    if let Some(b) = r.stand_in
        && b > over
    {
        (over, from_baseline) = (b, true);
    }
    (over > 0.0).then(|| RunLimit {
        session: i,
        size: c.size(i, r.by_time),
        limit: over * (1.0 + spike_limit_pct(c.t) / 100.0),
        over,
        by_time: r.by_time,
        from_baseline,
    })
}

/// The inverse of long-run-spike for week `w` with its `scalable` runs scaled together:
/// each run's bound, given the runs before the week and the week's own earlier runs
/// (which scale with it). A run longer than an earlier one this week by more than the
/// limit, with nothing longer before the week, stays a spike however the week is scaled:
/// that is reshaping, not less running.
pub(super) fn long_run_bounds(
    c: &Ctx,
    runs: &DayRuns,
    w: usize,
    scalable: &[usize],
    bounds: &mut Vec<Bound>,
    stuck: &mut Vec<Stuck>,
) {
    let ws = w * 7;
    let m = 1.0 + spike_limit_pct(c.t) / 100.0;
    for &i in scalable {
        let d = (c.session(i).date - c.start).num_days() as usize;
        let Some(r) = spike_ref(c, runs, d, i) else {
            continue;
        };
        // Fixed: the days before the week, the baseline.
        let fixed = runs.series(r.by_time)[r.lo..ws.max(r.lo)]
            .iter()
            .copied()
            .fold(r.stand_in.unwrap_or(0.0), f64::max);
        // Scaling: the week's own earlier runs (the goal race is no reference).
        let scaling = (ws.max(r.lo)..d)
            .flat_map(|e| c.runs_on(e))
            .filter(|&e| !c.is_goal(e))
            .map(|e| c.size(e, r.by_time))
            .fold(0.0f64, f64::max);
        let size = c.size(i, r.by_time);
        if size <= 0.0 || (scaling > 0.0 && !exceeds(size, scaling * m)) {
            continue; // within the limit of an earlier run this week, at any scale
        }
        let day = c.date(d).format("%a %-d %b");
        if fixed > 0.0 {
            bounds.push(Bound {
                rule: Rule::LongRunSpike,
                factor: fixed * m / size,
                text: format!(
                    "long-run spike: the run on {day} at most +{} over {}",
                    line(spike_limit_pct(c.t)),
                    amount(fixed, r.by_time)
                ),
            });
        } else if scaling > 0.0 {
            stuck.push(Stuck {
                rule: Rule::LongRunSpike,
                text: format!(
                    "the run on {day} is +{} over an earlier run this week, with nothing longer in the 30 days before: shorten it or lengthen the earlier one",
                    pct((size / scaling - 1.0) * 100.0)
                ),
            });
        }
    }
}
