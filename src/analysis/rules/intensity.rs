//! new-intensity (the article): quality runs introduced or stacked too quickly, and too
//! soon after an injury's all-clear.

use super::*;

/// After the all-clear for a calf or Achilles injury, quality runs wait this many days
/// (easy running first: the article's return "only when the calf is strong").
pub const EASY_AFTER_CLEAR_DAYS: i64 = 14;

pub(super) fn quality_runs_on<'a>(c: &'a Ctx, d: usize) -> impl Iterator<Item = usize> + 'a {
    c.runs_on(d)
        .filter(|&i| c.session(i).run().is_some_and(|r| r.kind.is_quality()))
}

/// new-intensity (the article).
pub(super) fn new_intensity(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let first_day = c.order.first().map(|&i| c.day_of(i)).unwrap_or(0);
    let mut last: Option<usize> = None;
    for d in 0..n {
        let quality: Vec<usize> = quality_runs_on(c, d).collect();
        let Some(&i) = quality.iter().find(|&&i| !c.is_goal(i)) else {
            if !quality.is_empty() {
                last = Some(d); // the goal race is hard, but never "new intensity"
            }
            continue;
        };
        let since = d - last.unwrap_or(first_day);
        if since >= c.t.quality_gap_days as usize {
            let kind = c.session(i).run().expect("quality run").kind;
            let what = if last.is_some() {
                format!("{} weeks without one", since / 7)
            } else {
                format!("{} weeks of the plan without one", since / 7)
            };
            let advice = if kind == RunKind::Race {
                "a race is a hard effort: run it controlled, and plan easy days after it"
            } else {
                "ease back in with a short, controlled session"
            };
            push(
                out,
                Rule::NewIntensity,
                Severity::Caution,
                c.date(d),
                vec![i],
                format!(
                    "{} run on {} is the first quality session after {what}: {advice}",
                    kind.name(),
                    c.date(d)
                ),
            );
        }
        last = Some(d);
    }
    // The way back after an injury: easy running first, quality later.
    let clears: Vec<(NaiveDate, &Symptom)> = c
        .plan
        .symptoms
        .iter()
        .filter(|s| needs_all_clear(s, c.t))
        .filter_map(|s| all_clear_after(c.plan, s).map(|a| (a.date, s)))
        .collect();
    if !clears.is_empty() {
        for d in 0..n {
            let date = c.date(d);
            let Some((cleared, s)) = clears
                .iter()
                .filter(|(a, _)| *a <= date && (date - *a).num_days() < EASY_AFTER_CLEAR_DAYS)
                .max_by_key(|(a, _)| *a)
            else {
                continue;
            };
            for i in quality_runs_on(c, d).filter(|&i| !c.is_goal(i)) {
                let kind = c.session(i).run().expect("quality run").kind;
                push(
                    out,
                    Rule::NewIntensity,
                    Severity::Caution,
                    date,
                    vec![i],
                    format!(
                        "{} run on {date} is {} days after the all-clear for {}: come back with easy running first (Plan > Return to running…), quality sessions after {EASY_AFTER_CLEAR_DAYS} days at the earliest",
                        kind.name(),
                        (date - *cleared).num_days(),
                        log_name(s)
                    ),
                );
            }
        }
    }
    if c.plan.athlete.level == crate::model::Level::Novice {
        for w in 0..n / 7 {
            let q: Vec<usize> = (w * 7..w * 7 + 7)
                .flat_map(|d| quality_runs_on(c, d).collect::<Vec<_>>())
                .filter(|&i| !c.is_goal(i))
                .collect();
            if q.len() > c.t.novice_max_quality_per_week as usize {
                let start = c.date(w * 7);
                push(
                    out,
                    Rule::NewIntensity,
                    Severity::Caution,
                    start,
                    q.clone(),
                    format!(
                        "Week of {start}: {} quality runs; for a novice keep it to {} a week, with easy days between",
                        q.len(),
                        c.t.novice_max_quality_per_week
                    ),
                );
            }
        }
    }
}
