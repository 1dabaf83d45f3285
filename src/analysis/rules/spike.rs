//! long-run-spike (Frandsen et al., BJSM 2025): a run against the longest of the 30 days
//! before it, its inverse for one run and for a week.

use super::*;

/// Per day of the span: the longest run with a distance, the longest by minutes, and
/// whether a time-only run was among them. The goal race is left out: it is a planned
/// peak, not training that later runs may build on (a long run the week after a half
/// marathon is judged against the training before it).
pub(super) struct DayRuns {
    km: RangeMax,
    minutes: RangeMax,
    /// `timed_before[d]`: how many of the days before `d` had a time-only run.
    timed_before: Vec<u32>,
}

pub(super) fn day_runs(c: &Ctx) -> DayRuns {
    let n = c.report.days.len();
    let (mut km, mut minutes) = (vec![0.0f64; n], vec![0.0f64; n]);
    let mut timed_before = vec![0u32; n + 1];
    for d in 0..n {
        let mut timed = false;
        for i in c.runs_on(d).filter(|&i| !c.is_goal(i)) {
            km[d] = km[d].max(c.size(i, false));
            minutes[d] = minutes[d].max(c.size(i, true));
            timed |= c.time_only(i);
        }
        timed_before[d + 1] = timed_before[d] + u32::from(timed);
    }
    DayRuns {
        km: RangeMax::new(km),
        minutes: RangeMax::new(minutes),
        timed_before,
    }
}

/// The largest of any range of a day series in constant time (a sparse table up to
/// [`RangeMax::LEVELS`] levels): every run asks for the longest of the 30 days before it,
/// every week for each of its runs, and scanning the 30 days each time was most of
/// headroom's time.
struct RangeMax {
    /// `levels[k][d]`: the largest of `d..d + 2^k`.
    levels: Vec<Vec<f64>>,
}

impl RangeMax {
    /// Ranges up to 2 × 2^(LEVELS − 1) = 64 days answer from two blocks; longer ones scan.
    const LEVELS: usize = 6;

    fn new(series: Vec<f64>) -> Self {
        let mut levels = vec![series];
        for k in 1..Self::LEVELS {
            let prev = &levels[k - 1];
            let half = 1 << (k - 1);
            if prev.len() <= half {
                break;
            }
            let next: Vec<f64> = (0..prev.len() - half)
                .map(|d| prev[d].max(prev[d + half]))
                .collect();
            levels.push(next);
        }
        Self { levels }
    }

    /// The largest value of days `lo..hi`, or 0 for an empty range (the series are never
    /// negative).
    fn max(&self, lo: usize, hi: usize) -> f64 {
        if hi <= lo {
            return 0.0;
        }
        let len = hi - lo;
        let k = (usize::BITS - 1 - len.leading_zeros()) as usize;
        if k >= self.levels.len() {
            return self.levels[0][lo..hi].iter().copied().fold(0.0, f64::max);
        }
        let level = &self.levels[k];
        level[lo].max(level[hi - (1 << k)]).max(0.0)
    }
}

/// What the long-run-spike rule compares run `i` on day `d` with: the previous
/// [`SPIKE_WINDOW_DAYS`] days (`lo..d`), in minutes or km, and the baseline's longest run
/// where the window reaches before the plan. `None` when the rule does not judge the run
/// (the window reaches before the plan and nothing stands in for those days).
#[derive(Clone, Copy)]
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
    // (Looked at only then: most runs are well inside the plan.)
    let baseline = before_plan
        .then(|| {
            c.plan
                .athlete
                .baseline
                .as_ref()
                .filter(|b| b.long_run_km > 0.0)
                .filter(|b| {
                    b.last_run
                        .is_none_or(|l| (c.date(d) - l).num_days() <= SPIKE_WINDOW_DAYS as i64)
                })
        })
        .flatten();
    if before_plan && baseline.is_none() {
        return None; // nothing to compare with (the no-baseline note says so)
    }
    let run = c.session(i).run()?;
    let by_time = run.km.is_none() || runs.timed_before[d] > runs.timed_before[lo];
    let stand_in = baseline.map(|b| {
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
    /// The longest run (minutes or km) of days `lo..hi`; 0 when the range is empty.
    pub(super) fn longest(&self, by_time: bool, lo: usize, hi: usize) -> f64 {
        if by_time { &self.minutes } else { &self.km }.max(lo, hi)
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
    let runs = c.runs();
    for d in 0..n {
        for i in c.runs_on(d).collect::<Vec<_>>() {
            let Some(r) = c.spike(i) else {
                continue;
            };
            let run = c.session(i).run().expect("runs_on yields runs");
            let by_time = r.by_time;
            let mut prev = runs.longest(by_time, r.lo, d);
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
    let r = c.spike(i)?;
    let mut over = runs.longest(r.by_time, r.lo, d);
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

/// The words of a long-run-spike bound ([`LimitText::LongRunSpike`]).
pub(super) fn long_run_spike_text(
    f: &mut std::fmt::Formatter<'_>,
    date: NaiveDate,
    limit_pct: f64,
    over: f64,
    by_time: bool,
) -> std::fmt::Result {
    write!(
        f,
        "long-run spike: the run on {} at most +{} over {}",
        date.format("%a %-d %b"),
        line(limit_pct),
        amount(over, by_time)
    )
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
    bounds: &mut Binding,
    stuck: &mut Vec<Stuck>,
) {
    let ws = w * 7;
    let m = 1.0 + spike_limit_pct(c.t) / 100.0;
    for &i in scalable {
        let d = c.day_of(i);
        let Some(r) = c.spike(i) else {
            continue;
        };
        // Fixed: the days before the week, the baseline.
        let fixed = runs
            .longest(r.by_time, r.lo, ws.max(r.lo))
            .max(r.stand_in.unwrap_or(0.0));
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
        if fixed > 0.0 {
            bounds.push(Bound {
                rule: Rule::LongRunSpike,
                factor: fixed * m / size,
                text: LimitText::LongRunSpike {
                    date: c.date(d),
                    pct: spike_limit_pct(c.t),
                    over: fixed,
                    by_time: r.by_time,
                },
            });
        } else if scaling > 0.0 {
            stuck.push(Stuck {
                rule: Rule::LongRunSpike,
                text: format!(
                    "the run on {} is +{} over an earlier run this week, with nothing longer in the 30 days before: shorten it or lengthen the earlier one",
                    c.date(d).format("%a %-d %b"),
                    pct((size / scaling - 1.0) * 100.0)
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RangeMax;
    use proptest::prelude::*;

    proptest! {
        /// Every range answers as a scan of it does, short or longer than the table.
        #[test]
        fn range_max_is_the_scan(
            series in proptest::collection::vec(0.0f64..50.0, 0..200),
            lo in 0usize..200,
            len in 0usize..120,
        ) {
            let hi = (lo + len).min(series.len());
            let lo = lo.min(hi);
            let scan = series[lo..hi].iter().copied().fold(0.0, f64::max);
            prop_assert_eq!(RangeMax::new(series.clone()).max(lo, hi), scan);
        }
    }
}
