//! The calf rules: barefoot transition, calf-loading work before runs, calf work on run
//! days, an imbalance between the legs.

use super::*;

/// barefoot-transition (the article). A runner long adapted to minimalist shoes
/// (`minimalist_adapted`) is not in a transition when running in them; barefoot running
/// is still judged.
pub(super) fn barefoot_transition(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let adapted = c.plan.athlete.minimalist_adapted;
    let transition = |f: Footwear| match f {
        Footwear::Shoes => false,
        Footwear::Minimalist => !adapted,
        Footwear::Barefoot => true,
    };
    for (w, week) in c.report.weeks.iter().enumerate() {
        let runs: Vec<usize> = (w * 7..w * 7 + 7)
            .flat_map(|d| c.runs_on(d).collect::<Vec<_>>())
            .collect();
        let by_time = runs.iter().any(|&i| c.time_only(i));
        let bare: Vec<usize> = runs
            .iter()
            .copied()
            .filter(|&i| c.session(i).run().is_some_and(|r| transition(r.footwear)))
            .collect();
        let bare_amount: f64 = bare.iter().map(|&i| c.size(i, by_time)).sum();
        let total: f64 = runs.iter().map(|&i| c.size(i, by_time)).sum();
        if bare_amount > 0.0 && exceeds(bare_amount / total * 100.0, c.t.barefoot_share_pct) {
            push(
                out,
                Rule::BarefootTransition,
                Severity::Caution,
                c.session(bare[0]).date,
                bare.clone(),
                format!(
                    "Week of {}: {} of {} ({}) barefoot or minimalist; keep it to about {} of the week while your calves adapt",
                    week.start,
                    amount(bare_amount, by_time),
                    amount(total, by_time),
                    pct_vs(bare_amount / total * 100.0, &[c.t.barefoot_share_pct]),
                    line(c.t.barefoot_share_pct)
                ),
            );
        }
    }
    // The first barefoot runs: compare by time (minutes at the easy pace for the km line).
    let first_limit = c.minutes_for(c.t.barefoot_first_run_km);
    let mut shortest: Option<f64> = None;
    for d in 0..n {
        for &i in c.on_day(d) {
            let Some(run) = c.session(i).run() else {
                continue;
            };
            if run.footwear != Footwear::Barefoot {
                continue;
            }
            let minutes = c.size(i, true);
            let (long, what) = match run.km {
                Some(km) => (
                    exceeds(km, c.t.barefoot_first_run_km),
                    format!("{km:.1} km"),
                ),
                None => (exceeds(minutes, first_limit), format!("{minutes:.0} min")),
            };
            if long && shortest.is_none_or(|s| s >= minutes) {
                push(
                    out,
                    Rule::BarefootTransition,
                    Severity::Caution,
                    c.date(d),
                    vec![i],
                    format!(
                        "Barefoot run of {what} with no shorter barefoot run before it: start with runs under {} km (about {first_limit:.0} min) and build up",
                        fmt_km(c.t.barefoot_first_run_km)
                    ),
                );
            }
            shortest = Some(shortest.map_or(minutes, |s| s.min(minutes)));
        }
    }
}

pub(super) fn is_calf_loading(s: &Session, t: &Thresholds) -> bool {
    match s.activity {
        Activity::Cross {
            kind,
            rpe,
            calf_work,
            ..
        } => match kind {
            CrossKind::Strength => calf_work,
            CrossKind::Plyometrics
            | CrossKind::SkippingRope
            | CrossKind::Stairs
            | CrossKind::Hiking => true,
            CrossKind::Cycling => rpe >= t.hard_cycling_rpe,
            _ => false,
        },
        _ => false,
    }
}

/// The sessions' descriptions, joined; at most 5 named (a day may hold thousands).
pub(super) fn labels(c: &Ctx, idx: &[usize]) -> String {
    const SHOWN: usize = 5;
    let mut out = idx
        .iter()
        .take(SHOWN)
        .map(|&i| describe(c.session(i)))
        .collect::<Vec<_>>()
        .join(", ");
    if idx.len() > SHOWN {
        out.push_str(&format!(" and {} more", idx.len() - SHOWN));
    }
    out
}

/// "Long run 16 km", "Easy run 30 min", "Cycling 45 min at RPE 8", "Strength with calf
/// work 40 min".
pub fn describe(s: &Session) -> String {
    match &s.activity {
        Activity::Run {
            kind, km, minutes, ..
        } => match km {
            Some(km) => format!("{} run {} km", kind.name(), fmt_km(*km)),
            None => format!("{} run {} min", kind.name(), minutes.unwrap_or(0)),
        },
        Activity::Cross {
            kind,
            minutes,
            rpe,
            calf_work,
        } => match kind {
            CrossKind::Strength if *calf_work => format!("Strength with calf work {minutes} min"),
            CrossKind::Cycling => format!("Cycling {minutes} min at RPE {rpe}"),
            k => format!("{} {minutes} min", k.name()),
        },
        a => a.label(),
    }
}

/// calf-cross-training (expert opinion; the article).
pub(super) fn calf_cross_training(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    for d in 0..n {
        // Same day, earlier in the day's order than a run.
        let mut loading = Vec::new();
        let mut runs_after = Vec::new();
        for &i in c.on_day(d) {
            let s = c.session(i);
            if is_calf_loading(s, c.t) {
                loading.push(i);
            } else if s.run().is_some() && !loading.is_empty() {
                runs_after.push(i);
            }
        }
        if !runs_after.is_empty() {
            push(
                out,
                Rule::CalfCrossTraining,
                Severity::Caution,
                c.date(d),
                [loading.clone(), runs_after.clone()].concat(),
                format!(
                    "{} before the {} on the same day: calf-loading cross-training can tire the calves before the run; run first or move it to another day",
                    labels(c, &loading),
                    labels(c, &runs_after).to_lowercase()
                ),
            );
        }
        // The day before a long or quality run.
        if d == 0 {
            continue;
        }
        let key: Vec<usize> = c
            .runs_on(d)
            .filter(|&i| {
                c.session(i)
                    .run()
                    .is_some_and(|r| r.kind.is_quality() || r.kind == RunKind::Long)
            })
            .collect();
        if key.is_empty() {
            continue;
        }
        // Calf program work counts here too: the scheduler keeps it off these days.
        let before: Vec<usize> = c
            .on_day(d - 1)
            .iter()
            .copied()
            .filter(|&i| {
                let s = c.session(i);
                is_calf_loading(s, c.t) || s.activity.is_calf_work()
            })
            .collect();
        if !before.is_empty() {
            push(
                out,
                Rule::CalfCrossTraining,
                Severity::Caution,
                c.date(d),
                [before.clone(), key.clone()].concat(),
                format!(
                    "{} on {} is the day before the {} on {}: tired calves on a long or quality run; move it at least two days earlier or after the run",
                    labels(c, &before),
                    c.date(d - 1),
                    labels(c, &key).to_lowercase(),
                    c.date(d)
                ),
            );
        }
    }
}

/// calf-work-on-run-day (the article).
pub(super) fn calf_work_on_run_day(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    for d in 0..n {
        // Most days have no calf session: check before collecting anything.
        let has_calf = c
            .on_day(d)
            .iter()
            .any(|&i| c.session(i).activity.is_calf_work());
        if !has_calf || c.runs_on(d).next().is_none() {
            continue;
        }
        let calf: Vec<usize> = c
            .on_day(d)
            .iter()
            .copied()
            .filter(|&i| c.session(i).activity.is_calf_work())
            .collect();
        let runs: Vec<usize> = c.runs_on(d).collect();
        push(
            out,
            Rule::CalfWorkOnRunDay,
            Severity::Caution,
            c.date(d),
            [calf.clone(), runs.clone()].concat(),
            format!(
                "{} on a running day ({}): put calf strengthening on non-running days so the calves recover",
                labels(c, &calf),
                labels(c, &runs)
            ),
        );
    }
}

/// calf-imbalance (the article; Hébert-Losier et al. 2017).
pub(super) fn calf_imbalance(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    let Some(test) = plan.athlete.latest_calf_test() else {
        return;
    };
    let (l, r) = (f64::from(test.left), f64::from(test.right));
    let hi = l.max(r);
    if hi <= 0.0 {
        return;
    }
    let reps = test.left.abs_diff(test.right);
    let diff = (l - r).abs() / hi * 100.0;
    if !exceeds(diff, t.calf_imbalance_pct) {
        return;
    }
    let (weaker, weak_reps) = if l < r {
        ("left", test.left)
    } else {
        ("right", test.right)
    };
    let (severity, advice) = if reps >= t.calf_imbalance_min_reps {
        (
            Severity::Caution,
            format!(
                "test again on a fresh day to confirm it; if it holds, train both legs with the same reps, set by the weaker {weaker} leg ({weak_reps} a set at most), until they match (the article: equal reps on both legs)"
            ),
        )
    } else {
        (
            Severity::Info,
            "within the test's day-to-day error (about ±6 reps); test again in a few weeks"
                .to_string(),
        )
    };
    out.push(warning(
        Rule::CalfImbalance,
        severity,
        test.date,
        Vec::new(),
        format!(
            "Calf-raise test on {}: left {} and right {} reps differ by {reps} ({}); {advice}",
            test.date,
            test.left,
            test.right,
            pct_vs(diff, &[t.calf_imbalance_pct])
        ),
    ));
}
