//! return-after-break (the article; coaching practice): the three weeks after a break,
//! and their inverse.

use super::*;

/// The day index of the athlete's last run before the plan: the baseline's `last_run`,
/// or the day before the plan when the baseline does not say (none without a baseline).
pub(super) fn last_run_before(c: &Ctx) -> Option<i64> {
    let plan_start = c.plan_start as i64;
    c.plan.athlete.baseline.as_ref().map(|b| {
        b.last_run.map_or(plan_start - 1, |l| {
            (l - c.start).num_days().min(plan_start - 1)
        })
    })
}

/// Breaks of `break_days` or more without running, as day indices: (the last run before
/// it, the first run back). The last run may lie before the plan (the baseline's
/// `last_run`).
pub(super) fn breaks(c: &Ctx) -> Vec<(i64, i64)> {
    let days = &c.report.days;
    let mut last = last_run_before(c);
    let mut out = Vec::new();
    for d in 0..days.len() as i64 {
        if days[d as usize].run_minutes <= 0.0 {
            continue;
        }
        if let Some(l) = last
            && d - l > i64::from(c.t.break_days)
        {
            out.push((l, d));
        }
        last = Some(d);
    }
    out
}

/// Days after a break's first run that the return rule judges (three 7-day windows).
pub(super) const RETURN_DAYS: i64 = 21;

/// The weeks before a break that set the usual weekly volume a return is measured against.
pub(super) const BEFORE_BREAK_WEEKS: i64 = 4;

/// One of the three 7-day windows after a break that the return rule judges.
pub(super) struct ReturnWindow {
    /// Which week back (0, 1, 2).
    pub(super) k: usize,
    /// The window's first day (day index; the first run back plus `7 k`).
    pub(super) a: i64,
    /// Compared by time (time-only runs before or after the break).
    pub(super) by_time: bool,
    /// The average week of the four before the break.
    pub(super) before: f64,
    /// The window's share of `before` that is fine, in %.
    pub(super) limit_pct: f64,
    /// Days without running.
    pub(super) gap: i64,
    /// The break began before the plan (`baseline.last_run`).
    pub(super) from_baseline: bool,
}

impl ReturnWindow {
    /// The most running the window may hold.
    pub(super) fn limit(&self) -> f64 {
        self.before * self.limit_pct / 100.0
    }
}

/// Running on day `d` (km or minutes) as the return rule counts it: before the plan, the
/// baseline's average day up to the last run before it.
pub(super) fn return_volume(c: &Ctx, d: i64, by_time: bool) -> f64 {
    let plan_start = c.plan_start as i64;
    let n = c.report.days.len() as i64;
    if d < plan_start {
        let ran = last_run_before(c).is_some_and(|l| d <= l);
        match c.plan.athlete.baseline.as_ref().filter(|_| ran) {
            Some(b) => {
                let km = b.weekly_km / 7.0;
                if by_time { c.minutes_for(km) } else { km }
            }
            None => 0.0,
        }
    } else if d < n {
        let day = &c.report.days[d as usize];
        if by_time { day.run_minutes } else { day.run_km }
    } else {
        0.0
    }
}

/// The windows the return rule judges, for every break in the span (or before it).
pub(super) fn return_windows(c: &Ctx) -> Vec<ReturnWindow> {
    let days = &c.report.days;
    let n = days.len() as i64;
    let limits = [
        c.t.return_max_pct,
        c.t.return_week2_pct,
        c.t.return_week3_pct,
    ];
    let mut out = Vec::new();
    for &(l, d) in c.breaks() {
        let timed =
            |a: i64, b: i64| (a.max(0)..b.min(n)).any(|k| days[k as usize].time_only_minutes > 0.0);
        // The usual week before the break: the average of the 4 weeks up to the last run.
        let window = 7 * BEFORE_BREAK_WEEKS;
        let by_time = timed(l - window + 1, l + 1) || timed(d, d + RETURN_DAYS);
        let before: f64 = (l - window + 1..=l)
            .map(|k| return_volume(c, k, by_time))
            .sum::<f64>()
            / BEFORE_BREAK_WEEKS as f64;
        for (k, limit_pct) in limits.iter().enumerate() {
            let a = d + 7 * k as i64;
            if a >= n || before <= 0.0 {
                break;
            }
            out.push(ReturnWindow {
                k,
                a,
                by_time,
                before,
                limit_pct: *limit_pct,
                gap: d - l - 1,
                from_baseline: l < c.plan_start as i64,
            });
        }
    }
    out
}

/// return-after-break (the article; coaching practice): the three weeks after a break of
/// `break_days` or more, including a layoff before the plan (`baseline.last_run`).
pub(super) fn return_after_break(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len() as i64;
    let baseline = c.plan.athlete.baseline.as_ref();
    for w in c.windows() {
        let back: f64 = (w.a..w.a + 7).map(|x| return_volume(c, x, w.by_time)).sum();
        if !exceeds(back, w.limit()) {
            continue;
        }
        let runs: Vec<usize> = (w.a..(w.a + 7).min(n))
            .flat_map(|x| c.runs_on(x as usize).collect::<Vec<_>>())
            .collect();
        let gap = w.gap;
        let when = match baseline
            .and_then(|b| b.last_run)
            .filter(|_| w.from_baseline)
        {
            Some(lr) => format!("{gap} days without running before the plan (last run {lr})"),
            None => format!("{gap} days without running"),
        };
        let mut source = String::new();
        if w.from_baseline {
            source.push_str(", from the baseline");
        }
        if w.by_time {
            source.push_str("; ");
            source.push_str(BY_TIME);
        }
        push(
            out,
            Rule::ReturnAfterBreak,
            Severity::Warning,
            c.date(w.a as usize),
            runs,
            format!(
                "Week {} back after {when}: {} in the 7 days from {} is {} of your average week before the break ({}{source}); keep it to about {} ({}) and rebuild over three weeks",
                w.k + 1,
                amount(back, w.by_time),
                c.date(w.a as usize),
                pct_vs(back / w.before * 100.0, &[w.limit_pct]),
                amount(w.before, w.by_time),
                line(w.limit_pct),
                amount(w.limit(), w.by_time),
            ),
        );
    }
}

/// The inverse of return-after-break for week `w`: every return window the week
/// overlaps holds at most its limit, the window's days outside the week as they are.
///
/// Its words: [`return_text`].
pub(super) fn return_bounds(
    c: &Ctx,
    windows: &[ReturnWindow],
    w: usize,
    scalable: &[usize],
    bounds: &mut Binding,
    stuck: &mut Vec<Stuck>,
) {
    let (ws, we) = (w as i64 * 7, w as i64 * 7 + 7);
    for win in windows.iter().filter(|x| x.a < we && x.a + 7 > ws) {
        let inside = |i: &usize| {
            let d = c.day_of(*i) as i64;
            d >= win.a && d < win.a + 7
        };
        let scaling: f64 = scalable
            .iter()
            .filter(|i| inside(i))
            .map(|&i| c.size(i, win.by_time))
            .sum();
        let back = || -> f64 {
            (win.a..win.a + 7)
                .map(|x| return_volume(c, x, win.by_time))
                .sum()
        };
        let text = || LimitText::ReturnAfterBreak {
            gap: win.gap,
            last_run: c.start + Duration::days(win.a - 7 * win.k as i64 - win.gap - 1),
            week: win.k,
            pct: win.limit_pct,
            before: win.before,
            by_time: win.by_time,
        };
        if scaling <= 0.0 {
            // Nothing in it to scale this week: if what cannot scale (the goal race, runs
            // done) already reaches its limit, the week the window opens in says so.
            if (ws..we).contains(&win.a) && exceeds(back(), win.limit()) {
                stuck.push(Stuck {
                    rule: Rule::ReturnAfterBreak,
                    text: format!(
                        "{}, and what cannot be shortened in it (the goal race, runs done) already reaches it",
                        text()
                    ),
                });
            }
            continue;
        }
        let room = win.limit() - (back() - scaling);
        let text = text();
        if room <= 0.0 {
            stuck.push(Stuck {
                rule: Rule::ReturnAfterBreak,
                text: format!("{text}, and the window's other days already reach it"),
            });
        } else {
            bounds.push(Bound {
                rule: Rule::ReturnAfterBreak,
                factor: room / scaling,
                text,
            });
        }
    }
}

/// The words of a return-after-break bound ([`LimitText::ReturnAfterBreak`]).
pub(super) fn return_text(
    f: &mut std::fmt::Formatter<'_>,
    gap: i64,
    week: usize,
    limit_pct: f64,
    before: f64,
    by_time: bool,
) -> std::fmt::Result {
    write!(
        f,
        "return after {gap} days without running: week {} back at most {} of {}",
        week + 1,
        line(limit_pct),
        amount(before, by_time)
    )
}
