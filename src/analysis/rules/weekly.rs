//! weekly-increase (Buist et al. 2008; Nielsen et al. 2014; Frandsen et al. 2025): a
//! week against the highest of the four before it, and its inverse.

use super::*;

/// What week `i` is compared with by the weekly-increase rule: the highest of the
/// previous four full weeks (the baseline standing in for weeks before the plan), in km,
/// or in minutes when time-only runs are involved. `None` when the rule does not judge
/// the week (a partial first week, nothing to compare with).
///
/// The goal race is left out of its week (a race week is judged on its other runs). In
/// the three weeks after a break the week is compared with the full weeks since the
/// first run back (the return rule judges it against the weeks before the break), and
/// its lines widen to the return ladder's step: 50 → 70 % of the usual week is +40 %.
pub(super) struct WeeklyRef {
    pub(super) reference: f64,
    pub(super) from_baseline: bool,
    pub(super) by_time: bool,
    /// The week's volume as the rule counts it (the goal race left out).
    pub(super) volume: f64,
    /// The note and caution lines for this week, in %.
    pub(super) info_pct: f64,
    pub(super) caution_pct: f64,
    /// The first run back, when the week is one of the three after a break.
    pub(super) returning: Option<NaiveDate>,
}

impl WeeklyRef {
    /// The most the week may hold before caution: the larger of the reference plus the
    /// floor and the reference plus the caution (or warning, if lower) line.
    pub(super) fn limit(&self, c: &Ctx) -> f64 {
        let p = self.caution_pct.min(c.t.weekly_increase_warning_pct);
        (self.reference * (1.0 + p / 100.0)).max(self.reference + weekly_floor(c, self.by_time))
    }

    /// What the reference is, in words: "the highest of the previous four weeks (31.0 km)".
    pub(super) fn describe(&self) -> String {
        let what = match self.returning {
            Some(d) => format!("the highest full week since the return on {d}"),
            None => "the highest of the previous four weeks".to_string(),
        };
        let mut source = String::new();
        if self.from_baseline {
            source.push_str(", from the baseline");
        }
        if self.by_time {
            source.push_str("; ");
            source.push_str(BY_TIME);
        }
        format!("{what} ({}{source})", amount(self.reference, self.by_time))
    }
}

pub(super) fn weekly_reference(c: &Ctx, i: usize, returns: &[(i64, i64)]) -> Option<WeeklyRef> {
    let weeks = &c.report.weeks;
    let baseline = c
        .plan
        .athlete
        .baseline
        .as_ref()
        .map(|b| b.weekly_km)
        .filter(|k| *k > 0.0);
    // A week is judged, and judges others, only when the plan covers it: a plan starting
    // on a Thursday must not compare a 4-day week with a 7-day one. (A plan whose first
    // session is on a Tuesday or Wednesday just has a rest day or two first.)
    let first_full = usize::from(c.plan_start >= PARTIAL_WEEK_DAYS);
    if i < first_full {
        return None;
    }
    // The three weeks after a break: only full weeks since the first run back count.
    let (a, b) = (i as i64 * 7, i as i64 * 7 + 7);
    let back = returns
        .iter()
        .map(|(_, d)| *d)
        .filter(|d| a < d + RETURN_DAYS && *d < b)
        .max();
    let counts = |j: usize| j >= first_full && back.is_none_or(|d| j as i64 * 7 >= d);
    let refs: [Option<usize>; REFERENCE_WEEKS] = std::array::from_fn(|k| {
        let j = i as i64 - REFERENCE_WEEKS as i64 + k as i64;
        (j >= 0 && counts(j as usize)).then_some(j as usize)
    });
    // The goal race's own size is left out of its week.
    let goal_size = |by_time: bool| -> f64 {
        c.goal
            .iter()
            .filter(|_| c.week_has_goal(i))
            .map(|&g| c.size(g, by_time))
            .sum()
    };
    let by_time = weeks[i].time_only_minutes > 0.0
        || refs
            .iter()
            .flatten()
            .any(|&j| weeks[j].time_only_minutes > 0.0);
    let volume = |j: usize| {
        if by_time {
            weeks[j].run_minutes
        } else {
            weeks[j].run_km
        }
    };
    let from_base = baseline
        .filter(|_| back.is_none())
        .map(|b| if by_time { c.minutes_for(b) } else { b });
    let mut reference: Option<(f64, bool)> = None;
    for r in &refs {
        let v = match r {
            Some(j) => Some((volume(*j), false)),
            None => from_base.map(|b| (b, true)),
        };
        if let Some(v) = v
            && reference.is_none_or(|r| v.0 > r.0)
        {
            reference = Some(v);
        }
    }
    let (reference, from_baseline) = reference.filter(|r| r.0 > 0.0)?;
    let (info_pct, caution_pct) = match back {
        Some(_) => {
            let line = c.t.weekly_increase_caution_pct.max(return_step_pct(c.t));
            (line, line)
        }
        None => (
            c.t.weekly_increase_info_pct,
            c.t.weekly_increase_caution_pct,
        ),
    };
    Some(WeeklyRef {
        reference,
        from_baseline,
        by_time,
        volume: (volume(i) - goal_size(by_time)).max(0.0),
        info_pct,
        caution_pct,
        returning: back.map(|d| c.date(d as usize)),
    })
}

/// The weekly-increase floor in the comparison's unit.
pub(super) fn weekly_floor(c: &Ctx, by_time: bool) -> f64 {
    if by_time {
        c.minutes_for(c.t.weekly_increase_floor_km)
    } else {
        c.t.weekly_increase_floor_km
    }
}

/// weekly-increase (Buist et al. 2008; Nielsen et al. 2014; Frandsen et al. 2025).
pub(super) fn weekly_increase(c: &Ctx, out: &mut Vec<Warning>) {
    let weeks = &c.report.weeks;
    let returns = c.breaks();
    for (i, w) in weeks.iter().enumerate() {
        let Some(r) = weekly_reference(c, i, returns) else {
            continue;
        };
        let now = r.volume;
        let increase = now - r.reference;
        let floor = weekly_floor(c, r.by_time);
        let p = increase / r.reference * 100.0;
        if !exceeds(increase, floor) || !exceeds(p, r.info_pct) {
            continue;
        }
        let (severity, advice) = if exceeds(p, c.t.weekly_increase_warning_pct) {
            (
                Severity::Warning,
                "build more gradually: spread the increase over several weeks".to_string(),
            )
        } else if exceeds(p, r.caution_pct) {
            let advice = match r.returning {
                Some(_) => format!(
                    "after a break, build back week by week (about +{} a week at most): keep it to {}",
                    line(r.caution_pct),
                    amount(r.limit(c), r.by_time)
                ),
                None => "consider spreading the increase over two weeks".to_string(),
            };
            (Severity::Caution, advice)
        } else {
            (
                Severity::Info,
                format!(
                    "above the {} rule of thumb, which on its own did not prevent injuries in a trial; fine if the week feels easy",
                    line(r.info_pct)
                ),
            )
        };
        let d0 = i * 7;
        let runs: Vec<usize> = (d0..d0 + 7)
            .flat_map(|d| c.runs_on(d).collect::<Vec<_>>())
            .filter(|&j| !c.is_goal(j))
            .collect();
        let race = if c.week_has_goal(i) {
            " without the goal race"
        } else {
            ""
        };
        push(
            out,
            Rule::WeeklyIncrease,
            severity,
            w.start,
            runs,
            format!(
                "Week of {}: {}{race} is +{} over {}; {advice}",
                w.start,
                amount(now, r.by_time),
                pct_vs(
                    p,
                    &[r.info_pct, r.caution_pct, c.t.weekly_increase_warning_pct]
                ),
                r.describe()
            ),
        );
    }
}

/// The inverse of weekly-increase for a week with reference `r`: the week's volume stays
/// below caution while it is at most [`WeeklyRef::limit`].
pub(super) fn weekly_increase_bound(c: &Ctx, r: &WeeklyRef, scalable: &[usize]) -> Option<Bound> {
    let scaling: f64 = scalable.iter().map(|&i| c.size(i, r.by_time)).sum();
    if scaling <= 0.0 {
        return None;
    }
    let p = r.caution_pct.min(c.t.weekly_increase_warning_pct);
    let floor = weekly_floor(c, r.by_time);
    let by_pct = r.reference * (1.0 + p / 100.0);
    let base = if r.from_baseline {
        " (the baseline)"
    } else if r.returning.is_some() {
        " (since the return)"
    } else {
        ""
    };
    Some(Bound {
        rule: Rule::WeeklyIncrease,
        factor: (r.limit(c) - (r.volume - scaling)) / scaling,
        text: LimitText::WeeklyIncrease {
            pct: (by_pct >= r.reference + floor).then_some(p),
            floor,
            reference: r.reference,
            by_time: r.by_time,
            source: base,
        },
    })
}

/// The words of a weekly-increase bound ([`LimitText::WeeklyIncrease`]).
pub(super) fn weekly_increase_text(
    f: &mut std::fmt::Formatter<'_>,
    pct: Option<f64>,
    floor: f64,
    reference: f64,
    by_time: bool,
    base: &str,
) -> std::fmt::Result {
    match pct {
        Some(p) => write!(
            f,
            "weekly increase: +{} over {}{base}",
            line(p),
            amount(reference, by_time)
        ),
        None => write!(
            f,
            "weekly increase: {} over {}{base}",
            amount(floor, by_time),
            amount(reference, by_time)
        ),
    }
}
