//! Fit to headroom: every week over its headroom scaled down to it, in date order.

use super::{WeekHeadroom, scale_run};
use crate::analysis::{Severity, analyze_from};
use crate::model::{Plan, Thresholds, week_start};
use chrono::{Duration, NaiveDate};

/// One week [`fit`] scaled down.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekChange {
    /// The Monday.
    pub start: NaiveDate,
    /// The week's running before and after (km, or minutes when `by_time`).
    pub before: f64,
    /// After.
    pub after: f64,
    /// Volumes are minutes.
    pub by_time: bool,
    /// The limit it was brought under: "weekly increase: +20 % over 28.5 km".
    pub limit: String,
}

/// One session [`fit`] shortened or dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// The session's day.
    pub date: NaiveDate,
    /// As it was: "Long run 16 km".
    pub before: String,
    /// As it is now, or `None` when dropped (scaled below [`MIN_RUN_KM`] it is not worth
    /// running).
    pub after: Option<String>,
    /// The week's limit.
    pub reason: String,
}

/// A run scaled below this many km (or [`MIN_RUN_MINUTES`] for a time-only run) is
/// dropped rather than kept as a token jog.
pub const MIN_RUN_KM: f64 = 1.0;
/// See [`MIN_RUN_KM`].
pub const MIN_RUN_MINUTES: u32 = 6;

/// What [`fit`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// The plan with every week over its headroom scaled down to it.
    pub plan: Plan,
    /// The weeks scaled.
    pub changed: Vec<WeekChange>,
    /// The sessions shortened or dropped, by date.
    pub edits: Vec<Edit>,
    /// Weeks over their headroom that scaling cannot bring under it, with why.
    pub left: Vec<(NaiveDate, String)>,
}

/// Scales down the runs still to be run from `from` to `to` in every week over its
/// headroom, in date order: each fitted week changes the next week's limits, so the
/// headroom is recomputed after each. Runs done, and runs before `from`, stay as they are.
///
/// Linear in the plan: a week's limits depend only on the weeks before it and on itself
/// (the rules look back 30 days, four weeks, or to the last run before a break and the four
/// weeks before that), so once a week is scaled each later week is judged on a plan of its
/// own few weeks before it ([`Window`]) instead of the whole plan analysed again — what
/// the whole plan would say, for the numbers (a test compares the two on random plans). A
/// week left over its headroom takes its blockers from the whole plan (what less running
/// cannot fix may reach further back).
pub fn fit(plan: &Plan, from: NaiveDate, to: NaiveDate) -> Fitted {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    if t.acwr_severity >= Severity::Caution {
        return fit_whole(plan, from, to);
    }
    let heads = analyze_from(plan, from).headroom;
    let (Some(first), Some(last)) = (heads.first(), heads.last()) else {
        return Fitted {
            plan: plan.clone(),
            changed: Vec::new(),
            edits: Vec::new(),
            left: Vec::new(),
        };
    };
    let (first, last) = (first.start, last.start);
    let mut w = Window::new(plan, from, i64::from(t.break_days));
    let mut changed = Vec::new();
    let mut edits = Vec::new();
    let mut left = Vec::new();
    let mut touched = false;
    let mut monday = first;
    while monday <= last {
        let this = monday;
        monday += Duration::days(7);
        // Until a week is scaled, the first analysis holds; a week with nothing still to
        // run is never over its headroom.
        let h = if touched && !w.has_open_runs(this) {
            None
        } else if touched {
            w.head(this)
        } else {
            heads.iter().find(|h| h.start == this).cloned()
        };
        let Some(h) = h else {
            continue;
        };
        let in_range = h.start + Duration::days(6) >= from && h.start <= to;
        if !in_range || !h.over() {
            continue;
        }
        if h.runs.is_empty() || h.factor.is_none_or(|f| f <= 0.0) {
            let h = if touched { w.whole_head(this) } else { Some(h) };
            let why = h
                .and_then(|h| h.blockers.first().map(|b| b.text.clone()))
                .unwrap_or_else(|| "nothing still to run in it can be shortened".into());
            left.push((this, why));
            continue;
        }
        let (f, limit) = factor_and_limit(&h);
        for i in scale_week(&mut w.plan, &h.runs, f, &limit, &mut edits) {
            w.dropped[i] = true;
        }
        touched = true;
        changed.push(WeekChange {
            start: h.start,
            before: h.volume,
            // Every run of the week may have been dropped (and the week with them).
            after: w.head(this).map_or(0.0, |h| h.volume),
            by_time: h.by_time,
            limit,
        });
    }
    edits.sort_by_key(|e| e.date);
    Fitted {
        plan: w.into_plan(),
        changed,
        edits,
        left,
    }
}

/// The factor a week over its headroom is scaled by, and its limit in words.
fn factor_and_limit(h: &WeekHeadroom) -> (f64, String) {
    let f = h.factor.expect("a week over its headroom has a factor");
    let limit = h
        .limit
        .as_ref()
        .map(|l| l.text.to_string())
        .unwrap_or_default();
    (f, limit)
}

/// Scales `runs` of `plan` by `f` (rounded down), recording each edit with `limit` as its
/// reason; returns the runs scaled below a token jog (to be dropped).
fn scale_week(
    plan: &mut Plan,
    runs: &[usize],
    f: f64,
    limit: &str,
    edits: &mut Vec<Edit>,
) -> Vec<usize> {
    let mut tokens = Vec::new();
    for &i in runs {
        let s = &mut plan.sessions[i];
        let was = crate::analysis::describe(s);
        scale_run(s, f);
        let token = s.run().is_some_and(|r| match r.km {
            Some(km) => km < MIN_RUN_KM,
            None => r.minutes.unwrap_or(0) < MIN_RUN_MINUTES,
        });
        edits.push(Edit {
            date: s.date,
            before: was,
            after: (!token).then(|| crate::analysis::describe(s)),
            reason: limit.to_string(),
        });
        if token {
            tokens.push(i);
        }
    }
    tokens
}

/// The headroom of the week of `monday` in `part` (a window of the plan, or the plan
/// without its dropped runs), its runs given back their indices in the plan (`index`).
fn week_of(
    part: &Plan,
    from: NaiveDate,
    monday: NaiveDate,
    index: &[usize],
) -> Option<WeekHeadroom> {
    let mut h = analyze_from(part, from)
        .headroom
        .into_iter()
        .find(|h| h.start == monday)?;
    for r in &mut h.runs {
        *r = index[*r];
    }
    if let Some(l) = &mut h.long_run {
        l.session = index[l.session];
    }
    Some(h)
}

/// The plan being fitted, and a week's headroom judged on the few weeks before it.
struct Window {
    plan: Plan,
    /// Runs dropped (scaled below a token jog): left out of every analysis, removed at the
    /// end (indices stay put meanwhile).
    dropped: Vec<bool>,
    /// Session indices by date (dates do not change in a fit).
    order: Vec<usize>,
    from: NaiveDate,
    break_days: i64,
    /// The plan's own first day: windows reaching it are the whole plan's start.
    start: NaiveDate,
}

/// Days a week's limits look back, besides a break's: the long-run spike's 30 days, the
/// weekly increase's four weeks, with a week to spare.
const LOOK_BACK_DAYS: i64 = 35;

/// Days a week's limits look ahead: the return rule's three weeks after a first run back.
const LOOK_AHEAD_DAYS: i64 = 21;

/// The four weeks before a break that its return is measured against, plus a day.
const BEFORE_BREAK_DAYS: i64 = 29;

impl Window {
    fn new(plan: &Plan, from: NaiveDate, break_days: i64) -> Self {
        let mut order: Vec<usize> = (0..plan.sessions.len()).collect();
        order.sort_by_key(|&i| plan.sessions[i].date);
        Self {
            plan: plan.clone(),
            dropped: vec![false; plan.sessions.len()],
            order,
            from,
            break_days,
            start: plan.date_range().map_or(NaiveDate::MIN, |(lo, _)| lo),
        }
    }

    fn date(&self, k: usize) -> NaiveDate {
        self.plan.sessions[self.order[k]].date
    }

    /// Whether the week of `monday` has a run still to be run (from `from` on): weeks
    /// without one have no limits to fit, and need no window (after a long stretch without
    /// running, a window reaches back to the last run).
    fn has_open_runs(&self, monday: NaiveDate) -> bool {
        let k = self
            .order
            .partition_point(|&i| self.plan.sessions[i].date < monday);
        self.order[k..]
            .iter()
            .take_while(|&&i| self.plan.sessions[i].date < monday + Duration::days(7))
            .any(|&i| {
                let s = &self.plan.sessions[i];
                !self.dropped[i]
                    && s.counts()
                    && s.run().is_some()
                    && s.status != crate::model::Status::Done
                    && s.date >= self.from
            })
    }

    /// Whether the `k`-th session by date is a run that counts.
    fn is_run(&self, k: usize) -> bool {
        let i = self.order[k];
        let s = &self.plan.sessions[i];
        !self.dropped[i] && s.counts() && s.run().is_some()
    }

    /// The first day the week of `monday` needs behind it to be judged as the whole plan
    /// would judge it, or `None` when that reaches the plan's own start; and, after a long
    /// stretch without running, the four weeks before its last run (what the return is
    /// measured against) as a piece of their own, the stretch left out (no run in it).
    fn window_start(
        &self,
        monday: NaiveDate,
    ) -> Option<(NaiveDate, Option<(NaiveDate, NaiveDate)>)> {
        let mut a = week_start(monday - Duration::days(LOOK_BACK_DAYS + self.break_days));
        loop {
            if a <= self.start + Duration::days(LOOK_BACK_DAYS) {
                return None;
            }
            let k = self
                .order
                .partition_point(|&i| self.plan.sessions[i].date < a);
            // The last run before the window: none means the window holds the plan's
            // first run, which the whole plan judges against what came before it.
            let prev = (0..k)
                .rev()
                .find(|&j| self.is_run(j))
                .map(|j| self.date(j))?;
            // The window's plan starts at its first session: what the rules read of the
            // days before that (the baseline's average day) must lie outside the week's
            // reach, so the first session opens the 35 days before the week.
            let Some(first) = self.order[k..]
                .iter()
                .find(|&&i| !self.dropped[i])
                .map(|&i| self.plan.sessions[i].date)
            else {
                return Some((a, None));
            };
            if first > monday - Duration::days(LOOK_BACK_DAYS) {
                a -= Duration::days(7);
                continue;
            }
            // A break measures its return against the four weeks before its last run: a
            // last run before the window, or in its first four weeks, needs them inside.
            let mut last = prev;
            let mut earlier = None;
            for j in (k..self.order.len()).filter(|&j| self.is_run(j)) {
                let d = self.date(j);
                if (d - last).num_days() > self.break_days {
                    earlier = Some(last);
                    break;
                }
                last = d;
                if last >= first + Duration::days(BEFORE_BREAK_DAYS) {
                    break;
                }
            }
            match earlier {
                // Long before the window: its four weeks as a piece of their own, if the
                // piece opens with a session (the rule reads no day before the plan's).
                Some(l) if l + Duration::days(LOOK_BACK_DAYS) < a => {
                    let p = week_start(l - Duration::days(LOOK_BACK_DAYS));
                    let k = self
                        .order
                        .partition_point(|&i| self.plan.sessions[i].date < p);
                    let opens = self.order[k..]
                        .iter()
                        .find(|&&i| !self.dropped[i])
                        .is_some_and(|&i| {
                            self.plan.sessions[i].date < l - Duration::days(BEFORE_BREAK_DAYS)
                        });
                    if !opens || p <= self.start + Duration::days(LOOK_BACK_DAYS) {
                        return None;
                    }
                    return Some((a, Some((p, l))));
                }
                Some(l) if l < first + Duration::days(BEFORE_BREAK_DAYS) => {
                    // Always further back: the window only grows.
                    a = week_start(l - Duration::days(BEFORE_BREAK_DAYS))
                        .min(a - Duration::days(7));
                }
                _ => return Some((a, None)),
            }
        }
    }

    /// The headroom of the week of `monday` as the whole plan would give it (numbers and
    /// limits; its blockers may miss what reaches further back), `None` outside the span.
    fn head(&self, monday: NaiveDate) -> Option<WeekHeadroom> {
        // Near the plan's start, the window is the plan up to the week (with its blocks,
        // which set where the plan starts).
        let (a, piece, prefix) = match self.window_start(monday) {
            Some((a, piece)) => (a, piece, false),
            None => (NaiveDate::MIN, None, true),
        };

        // The return rule compares by time when a time-only run lies in the three weeks
        // after the first run back: the window reaches that far ahead too.
        let end = monday + Duration::days(6 + LOOK_AHEAD_DAYS);
        let range = |from: NaiveDate, to: NaiveDate| {
            let k0 = self
                .order
                .partition_point(|&i| self.plan.sessions[i].date < from);
            let k1 = self
                .order
                .partition_point(|&i| self.plan.sessions[i].date <= to);
            k0..k1
        };
        let kept = |r: std::ops::Range<usize>| -> Vec<usize> {
            self.order[r]
                .iter()
                .copied()
                .filter(|&i| !self.dropped[i])
                .collect()
        };
        let mut index = piece.map_or_else(Vec::new, |(p, l)| kept(range(p, l)));
        let pieced = index.len();
        index.extend(kept(range(a, end)));
        // The stretch without running between the piece and the window is left out, and
        // the piece brought closer by whole weeks (still a break, still further back than
        // anything else reads), so a window costs the same however long the stretch: the
        // break's length in the limit's words is put back below.
        let closer = piece.map_or(0, |(_, l)| {
            let stretch = (a - l).num_days() - (self.break_days + 7);
            stretch.max(0) / 7 * 7
        });
        let sub = Plan {
            format: self.plan.format,
            name: String::new(),
            athlete: self.plan.athlete.clone(),
            race: self
                .plan
                .race
                .clone()
                .filter(|r| r.date >= piece.map_or(a, |(p, _)| p) && r.date <= end),
            blocks: if prefix {
                self.plan
                    .blocks
                    .iter()
                    .filter(|b| b.start <= end)
                    .map(|b| crate::model::Block {
                        weeks: b.weeks.min(((end - b.start).num_days() / 7 + 1) as u32),
                        ..b.clone()
                    })
                    .collect()
            } else {
                Vec::new()
            },
            sessions: index
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let mut s = self.plan.sessions[i].clone();
                    if k < pieced {
                        s.date += Duration::days(closer);
                    }
                    s
                })
                .collect(),
            symptoms: self.plan.symptoms.clone(),
            calf_program: self.plan.calf_program.clone(),
            settings: self.plan.settings.clone(),
        };
        let mut h = week_of(&sub, self.from, monday, &index)?;
        // The piece's break, brought closer: its real length and last run.
        if let (
            Some((_, l)),
            Some(super::Limit {
                text: super::LimitText::ReturnAfterBreak { gap, last_run, .. },
                ..
            }),
        ) = (piece, &mut h.limit)
            && *last_run == l + Duration::days(closer)
        {
            *gap += closer;
            *last_run = l;
        }
        Some(h)
    }

    /// The headroom of the week of `monday` from the whole plan.
    fn whole_head(&self, monday: NaiveDate) -> Option<WeekHeadroom> {
        let (plan, index) = self.without_dropped();
        week_of(&plan, self.from, monday, &index)
    }

    /// The plan without its dropped runs, and each session's index in `self.plan`.
    fn without_dropped(&self) -> (Plan, Vec<usize>) {
        let index: Vec<usize> = (0..self.plan.sessions.len())
            .filter(|&i| !self.dropped[i])
            .collect();
        let mut plan = self.plan.clone();
        plan.sessions = index
            .iter()
            .map(|&i| self.plan.sessions[i].clone())
            .collect();
        (plan, index)
    }

    fn into_plan(self) -> Plan {
        let mut plan = self.plan;
        let mut k = 0;
        plan.sessions.retain(|_| {
            k += 1;
            !self.dropped[k - 1]
        });
        plan
    }
}

/// [`fit`] by analysing the whole plan again after each week it scales: quadratic in the
/// plan, used when a rule reaching back to the plan's first day limits weeks (acwr set to
/// caution or above), and by the test that holds [`fit`] to the same answers.
pub(crate) fn fit_whole(plan: &Plan, from: NaiveDate, to: NaiveDate) -> Fitted {
    let mut plan = plan.clone();
    let mut changed = Vec::new();
    let mut edits = Vec::new();
    let mut left = Vec::new();
    let mut heads = analyze_from(&plan, from).headroom;
    // Weeks are found by their Monday: dropping every run of a week can shorten the plan,
    // and the same week then has another index.
    let mut next = heads.first().map(|h| h.start);
    while let Some(monday) = next {
        let after = |heads: &[WeekHeadroom]| heads.iter().map(|h| h.start).find(|s| *s > monday);
        let Some(w) = heads.iter().position(|h| h.start == monday) else {
            next = after(&heads);
            continue;
        };
        let h = &heads[w];
        let in_range = h.start + chrono::Duration::days(6) >= from && h.start <= to;
        if !in_range || !h.over() {
            next = after(&heads);
            continue;
        }
        if h.runs.is_empty() || h.factor.is_none_or(|f| f <= 0.0) {
            let why = h
                .blockers
                .first()
                .map(|b| b.text.clone())
                .unwrap_or_else(|| "nothing still to run in it can be shortened".into());
            left.push((h.start, why));
            next = after(&heads);
            continue;
        }
        let (start, before, by_time) = (h.start, h.volume, h.by_time);
        let (f, limit) = factor_and_limit(h);
        let runs = h.runs.clone();
        let mut drop = scale_week(&mut plan, &runs, f, &limit, &mut edits);
        drop.sort_unstable_by(|a, b| b.cmp(a));
        for i in drop {
            plan.sessions.remove(i);
        }
        heads = analyze_from(&plan, from).headroom;
        changed.push(WeekChange {
            start,
            before,
            // Every run of the week may have been dropped (and the week with them).
            after: heads
                .iter()
                .find(|h| h.start == start)
                .map_or(0.0, |h| h.volume),
            by_time,
            limit,
        });
        next = after(&heads);
    }
    edits.sort_by_key(|e| e.date);
    Fitted {
        plan,
        changed,
        edits,
        left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Athlete, Baseline, Level, Race, RunKind, Session, Status};
    use proptest::prelude::*;

    /// A plan that outgrows its headroom: runs that grow faster than the rules allow, breaks
    /// of a few weeks, time-only runs, runs done or skipped, a goal race.
    fn plan(
        weeks: Vec<(u8, u8, bool, u8)>,
        baseline: Option<(u8, Option<u8>)>,
        break_days: u32,
        race: bool,
        stretch: Option<(usize, usize)>,
    ) -> Plan {
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut athlete = Athlete::new("A", Level::Novice);
        athlete.baseline = baseline.map(|(km, ago)| Baseline {
            weekly_km: f64::from(km),
            long_run_km: f64::from(km) / 3.0,
            last_run: ago.map(|d| start - Duration::days(i64::from(d))),
        });
        let mut p = Plan::new("P", athlete);
        p.settings.break_days = Some(break_days);
        let n = weeks.len();
        for (w, (size, off, timed, status)) in weeks.into_iter().enumerate() {
            // A week without running (two in a row make a break), or a long stretch.
            if off == 0 || stretch.is_some_and(|(a, n)| (a..a + n).contains(&w)) {
                continue;
            }
            let day = |d: i64| start + Duration::days(7 * w as i64 + d);
            let km = f64::from(size) / 2.0 + 2.0;
            for (d, kind, f) in [
                (1, RunKind::Easy, 1.0),
                (3, RunKind::Tempo, 0.8),
                (6, RunKind::Long, 1.6),
            ] {
                let mut s = Session::new(
                    day(d),
                    Activity::Run {
                        kind,
                        km: (!(timed && d == 3)).then_some((km * f * 10.0).round() / 10.0),
                        minutes: (timed && d == 3).then_some((km * f * 6.0) as u32 + 1),
                        rpe: 4,
                        surface: Default::default(),
                        footwear: Default::default(),
                    },
                );
                s.status = match status {
                    0 => Status::Done,
                    1 if d == 1 => Status::Skipped,
                    _ => Status::Planned,
                };
                p.sessions.push(s);
            }
        }
        if race && n > 0 {
            let date = start + Duration::days(7 * n as i64 - 1);
            p.race = Some(Race {
                name: "R".into(),
                date,
                km: 21.1,
            });
            p.sessions.push(Session::new(
                date,
                Activity::Run {
                    kind: RunKind::Race,
                    km: Some(21.1),
                    minutes: None,
                    rpe: 9,
                    surface: Default::default(),
                    footwear: Default::default(),
                },
            ));
        }
        p
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// Fitting on windows gives what fitting on the whole plan again after every week
        /// gives: the same plan, weeks, edits and weeks left.
        #[test]
        fn a_fit_on_windows_is_the_fit_on_the_whole_plan(
            weeks in proptest::collection::vec((0u8..80, 0u8..6, any::<bool>(), 0u8..6), 1..70),
            stretch in proptest::option::of((0usize..50, 3usize..30)),
            baseline in proptest::option::of((5u8..60, proptest::option::of(1u8..60))),
            break_days in 7u32..22,
            race in any::<bool>(),
            from_week in 0i64..30,
        ) {
            let p = plan(weeks, baseline, break_days, race, stretch);
            let Some((lo, hi)) = p.date_range() else { return Ok(()) };
            let from = week_start(lo) + Duration::days(7 * from_week);
            prop_assert_eq!(fit(&p, from, hi), fit_whole(&p, from, hi));
        }
    }
}
