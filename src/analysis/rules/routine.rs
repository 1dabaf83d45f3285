//! Rest, hydration and the baseline: no-rest-day, hydration, no-baseline.

use super::*;

/// no-rest-day (recovery; coaching practice).
pub(super) fn no_rest_day(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let max = c.t.max_running_days as usize;
    let running = |d: usize| c.report.days[d].run_minutes > 0.0;
    let mut d = 0;
    while d < n {
        if !running(d) {
            d += 1;
            continue;
        }
        let s = d;
        while d < n && running(d) {
            d += 1;
        }
        let len = d - s;
        if len >= max {
            let runs: Vec<usize> = (s..d)
                .flat_map(|k| c.runs_on(k).collect::<Vec<_>>())
                .collect();
            push(
                out,
                Rule::NoRestDay,
                Severity::Caution,
                c.date(s + max - 1),
                runs,
                format!(
                    "{len} days in a row with running ({} to {}): plan at least one rest day a week",
                    c.date(s),
                    c.date(d - 1)
                ),
            );
        }
    }
}

/// hydration (the article; Schwellnus 2004, 2011; Hew-Butler 2015): one note for the plan.
pub(super) fn hydration(c: &Ctx, out: &mut Vec<Warning>) {
    let long: Vec<usize> = c
        .order
        .iter()
        .copied()
        .filter(|&i| {
            c.session(i).run().is_some()
                && exceeds(c.report.sessions[i].minutes, c.t.hydration_minutes)
        })
        .collect();
    let Some(&first) = long.first() else {
        return;
    };
    let s = c.session(first);
    let sl = &c.report.sessions[first];
    let about = if sl.estimated { "about " } else { "" };
    let what = if long.len() == 1 {
        format!(
            "{} on {} takes {about}{:.0} minutes",
            describe(s),
            s.date,
            sl.minutes
        )
    } else {
        format!(
            "{} runs take over {} minutes (the first: {} on {}, {about}{:.0} minutes)",
            long.len(),
            fmt_km(c.t.hydration_minutes),
            describe(s).to_lowercase(),
            s.date,
            sl.minutes
        )
    };
    push(
        out,
        Rule::Hydration,
        Severity::Info,
        s.date,
        long.clone(),
        format!("{what}: drink to thirst, and carry fluids on long or hot runs"),
    );
}

/// no-baseline: one note when the first weeks have nothing to be compared with.
pub(super) fn no_baseline(c: &Ctx, out: &mut Vec<Warning>) {
    if c.plan.athlete.baseline.is_some() {
        return;
    }
    let Some(&first) = c.order.iter().find(|&&i| c.session(i).run().is_some()) else {
        return;
    };
    let date = c.session(first).date;
    push(
        out,
        Rule::NoBaseline,
        Severity::Info,
        date,
        Vec::new(),
        format!(
            "No baseline: runs in the plan's first {SPIKE_WINDOW_DAYS} days and its first weeks are not compared with anything; add the athlete's current weekly distance and longest recent run (Plan panel, Athlete)"
        ),
    );
}
