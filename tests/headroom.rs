//! Headroom: each rule's inverse at its boundary, blockers, fitting a plan to its
//! headroom, and a property test that a week at its headroom is clear while a little more
//! makes the named rule fire.

mod common;

use chrono::Duration;
use common::*;
use gradual::analysis::headroom::{WeekHeadroom, fit};
use gradual::analysis::{Report, Rule, Severity, analyze};
use gradual::model::*;
use proptest::prelude::*;

fn week(r: &Report, n: i64) -> &WeekHeadroom {
    r.headroom.iter().find(|h| h.start == day(n)).unwrap()
}

/// A run with a distance and no minutes (estimated from km), so scaling is exact.
fn km_run(n: i64, kind: RunKind, km: f64) -> Session {
    run_min(n, km, None).with_kind(kind)
}

trait WithKind {
    fn with_kind(self, kind: RunKind) -> Self;
}

impl WithKind for Session {
    fn with_kind(mut self, k: RunKind) -> Self {
        if let Activity::Run { kind, .. } = &mut self.activity {
            *kind = k;
        }
        self
    }
}

/// Multiplies the runs `idx` by `f` exactly (km and minutes as given).
fn scaled(p: &Plan, idx: &[usize], f: f64) -> Plan {
    let mut p = p.clone();
    for &i in idx {
        if let Activity::Run { km, minutes, .. } = &mut p.sessions[i].activity {
            if let Some(k) = km {
                *k *= f;
            }
            if let Some(m) = minutes {
                *m = (f64::from(*m) * f).round() as u32;
            }
        }
    }
    p
}

/// Distance-rule warnings at caution or above that concern week `h`.
fn distance_warnings<'a>(r: &'a Report, h: &WeekHeadroom) -> Vec<&'a gradual::analysis::Warning> {
    r.warnings
        .iter()
        .filter(|w| w.severity >= Severity::Caution)
        .filter(|w| match w.rule {
            Rule::Acwr => w.week == h.start,
            Rule::LongRunSpike | Rule::WeeklyIncrease | Rule::ReturnAfterBreak => {
                w.sessions.iter().any(|s| h.runs.contains(s))
            }
            _ => false,
        })
        .collect()
}

// ---- each rule's inverse --------------------------------------------------------------

#[test]
fn weekly_increase_sets_the_week_by_percentage_or_floor() {
    // Baseline 20 km a week: week 1 may hold 20 + 20 % = 24 km (above the 3 km floor).
    let mut p = with_baseline(Level::Experienced, 20.0, 8.0);
    p.sessions = vec![
        km_run(1, RunKind::Easy, 8.0),
        km_run(3, RunKind::Easy, 8.0),
        km_run(6, RunKind::Long, 8.0),
    ];
    let r = analyze(&p);
    let h = week(&r, 0);
    assert!((h.max_volume.unwrap() - 24.0).abs() < 1e-9, "{h:#?}");
    let l = h.limit.as_ref().unwrap();
    assert_eq!(l.rule, Rule::WeeklyIncrease);
    assert_eq!(
        l.text.to_string(),
        "weekly increase: +20 % over 20.0 km (the baseline)"
    );
    assert!(!h.over());
    assert_eq!(h.max_text().unwrap(), "up to 24.0 km");
    // Baseline 10 km: 10 + 20 % = 12 is below the floor's 13 km; the floor sets it.
    let mut p = with_baseline(Level::Experienced, 10.0, 8.0);
    p.sessions = vec![km_run(1, RunKind::Easy, 6.0), km_run(6, RunKind::Long, 8.0)];
    let h = week(&analyze(&p), 0).clone();
    assert!((h.max_volume.unwrap() - 13.0).abs() < 1e-9, "{h:#?}");
    assert_eq!(
        h.limit.unwrap().text.to_string(),
        "weekly increase: 3.0 km over 10.0 km (the baseline)"
    );
}

#[test]
fn a_single_run_may_be_ten_percent_over_the_longest_of_the_last_30_days() {
    let mut p = with_baseline(Level::Experienced, 30.0, 10.0);
    p.sessions = vec![
        km_run(1, RunKind::Easy, 6.0),
        km_run(3, RunKind::Easy, 6.0),
        km_run(6, RunKind::Long, 10.0),
        km_run(13, RunKind::Long, 14.0),
    ];
    let r = analyze(&p);
    let limit = r.run_limits[3].clone().unwrap();
    assert!((limit.limit - 11.0).abs() < 1e-9, "{limit:?}");
    assert_eq!((limit.over, limit.by_time), (10.0, false));
    // Week 2 holds one 14 km run: the spike binds, at 11 km.
    let h = week(&r, 7);
    assert_eq!(h.limit.as_ref().unwrap().rule, Rule::LongRunSpike);
    assert!((h.max_volume.unwrap() - 11.0).abs() < 1e-9, "{h:#?}");
    assert!(h.over());
    assert!((h.long_run.as_ref().unwrap().limit - 11.0).abs() < 1e-9);
}

#[test]
fn a_return_after_a_layoff_is_held_to_half_the_usual_week() {
    // 40 km a week until 30 days before the plan.
    let mut p = with_baseline(Level::Experienced, 40.0, 14.0);
    p.athlete.baseline.as_mut().unwrap().last_run = Some(day(-30));
    p.sessions = vec![
        km_run(0, RunKind::Easy, 6.0),
        km_run(2, RunKind::Easy, 6.0),
        km_run(4, RunKind::Easy, 6.0),
        km_run(6, RunKind::Easy, 6.0),
    ];
    let r = analyze(&p);
    let h = week(&r, 0);
    assert_eq!(h.limit.as_ref().unwrap().rule, Rule::ReturnAfterBreak);
    assert!((h.max_volume.unwrap() - 20.0).abs() < 1e-9, "{h:#?}");
    assert!(
        h.limit
            .as_ref()
            .unwrap()
            .text
            .to_string()
            .contains("at most 50 % of 40.0 km")
    );
}

#[test]
fn the_load_ratio_limits_only_when_it_is_set_to_caution_or_above() {
    let mut p = with_baseline(Level::Experienced, 30.0, 12.0);
    for w in 0..6 {
        for (d, km) in [(1, 6.0), (3, 6.0), (6, 10.0)] {
            p.sessions.push(km_run(w * 7 + d, RunKind::Easy, km));
        }
    }
    let r = analyze(&p);
    assert!(
        r.headroom
            .iter()
            .all(|h| h.limit.as_ref().is_none_or(|l| l.rule != Rule::Acwr))
    );
    p.settings.acwr_severity = Some(Severity::Warning);
    p.settings.acwr_warning = Some(1.03);
    let r = analyze(&p);
    let h = week(&r, 35);
    assert_eq!(h.limit.as_ref().unwrap().rule, Rule::Acwr, "{h:#?}");
    // At the limit the ratio stays under 1.03; 0.5 km more crosses it.
    let at = scaled(&p, &h.runs, h.factor.unwrap());
    assert!(distance_warnings(&analyze(&at), h).is_empty());
    let f = (h.max_volume.unwrap() + 0.5) / h.volume;
    assert!(
        distance_warnings(&analyze(&scaled(&p, &h.runs, f)), h)
            .iter()
            .any(|w| w.rule == Rule::Acwr)
    );
}

#[test]
fn time_only_weeks_are_limited_in_minutes() {
    let mut p = with_baseline(Level::Novice, 10.0, 6.0);
    p.athlete.easy_pace = Pace::parse("7:00").unwrap();
    p.sessions = vec![
        timed(1, RunKind::Easy, 20),
        timed(3, RunKind::Easy, 20),
        timed(5, RunKind::Long, 30),
    ];
    let r = analyze(&p);
    let h = week(&r, 0);
    assert!(h.by_time);
    // Baseline 10 km at 7:00/km = 70 min; +20 % would be 84 min, but the 3 km floor
    // (21 min at that pace) allows more: 91 min.
    assert!((h.max_volume.unwrap() - 91.0).abs() < 1e-9, "{h:#?}");
    assert_eq!(h.max_text().unwrap(), "up to 91 min");
    assert_eq!(
        h.limit.as_ref().unwrap().text.to_string(),
        "weekly increase: 21 min over 70 min (the baseline)"
    );
}

#[test]
fn what_less_running_cannot_fix_is_a_blocker() {
    let mut p = with_baseline(Level::Experienced, 30.0, 12.0);
    p.sessions = vec![km_run(1, RunKind::Easy, 5.0), km_run(3, RunKind::Easy, 5.0)];
    p.symptoms.push(Symptom {
        flags: vec![RedFlag::Swelling],
        ..Symptom::new(day(0), BodyArea::Calf, 4)
    });
    let h = week(&analyze(&p), 0).clone();
    assert!(h.blockers.iter().any(|b| b.rule == Rule::RedFlag), "{h:#?}");
    assert!(
        h.blockers.iter().any(|b| b.rule == Rule::BeforeAllClear),
        "less running does not make running before the all-clear safe: {h:#?}"
    );
    // A long run twice an earlier run of the same week, with no run in the 30 days
    // before: scaling the week keeps the spike, so it is a shape to change.
    let mut p = plan(Level::Experienced);
    p.sessions = vec![
        Session::new(
            day(0),
            Activity::Cross {
                kind: CrossKind::Cycling,
                minutes: 30,
                rpe: 4,
                calf_work: false,
            },
        ),
        km_run(36, RunKind::Easy, 5.0),
        km_run(38, RunKind::Long, 11.0),
    ];
    let r = analyze(&p);
    assert_eq!(
        severity(&r, Rule::LongRunSpike),
        Some(Severity::Warning),
        "+120 %"
    );
    let h = week(&r, 35);
    let b = h
        .blockers
        .iter()
        .find(|b| b.rule == Rule::LongRunSpike)
        .unwrap_or_else(|| panic!("{h:#?}"));
    assert!(
        b.text.contains("over an earlier run this week"),
        "{}",
        b.text
    );
}

// ---- fit to headroom ------------------------------------------------------------------

#[test]
fn fitting_scales_weeks_over_their_headroom_in_date_order() {
    let mut p = with_baseline(Level::Experienced, 20.0, 8.0);
    for w in 0..4 {
        p.sessions.push(km_run(w * 7 + 1, RunKind::Easy, 8.0));
        p.sessions.push(km_run(w * 7 + 3, RunKind::Easy, 8.0));
        p.sessions
            .push(km_run(w * 7 + 6, RunKind::Long, 8.8 + w as f64 * 0.2));
    }
    let before = analyze(&p);
    assert!(before.headroom[0].over(), "24.8 km over the 24 km headroom");
    let fitted = fit(&p, day(0), day(21));
    let r = analyze(&fitted.plan);
    for h in &r.headroom {
        assert!(!h.over(), "{} still over: {h:#?}", h.start);
    }
    assert!(
        r.warnings.iter().all(|w| w.severity < Severity::Caution
            || !matches!(w.rule, Rule::WeeklyIncrease | Rule::LongRunSpike)),
        "{:#?}",
        r.warnings
    );
    assert_eq!(fitted.changed[0].start, day(0));
    assert!(fitted.changed[0].limit.starts_with("weekly increase"));
    // The long run keeps its share (to the 0.1 km the fit rounds down to).
    let s = &fitted.plan.sessions;
    let km = |i: usize| s[i].run().unwrap().km.unwrap();
    assert!((km(2) / (km(0) + km(1) + km(2)) - 8.8 / 24.8).abs() < 0.01);
    // A run done stays as it was; the runs still to come take the cut.
    p.sessions[0].status = Status::Done;
    let fitted = fit(&p, day(0), day(0));
    let s = &fitted.plan.sessions;
    assert_eq!(s[0], p.sessions[0]);
    assert!(km_of(&s[1]) < 8.0 && km_of(&s[2]) < 8.8);
    assert!(!analyze(&fitted.plan).headroom[0].over());
    // Weeks outside the range are left alone.
    let fitted = fit(&p, day(7), day(21));
    assert_eq!(fitted.plan.sessions[..3], p.sessions[..3]);
}

fn km_of(s: &Session) -> f64 {
    s.run().unwrap().km.unwrap()
}

// ---- the property ---------------------------------------------------------------------

fn arb_plan() -> impl Strategy<Value = Plan> {
    let run = (0i64..84, 0usize..4, 2.0f64..20.0, 1u8..=9);
    let cross = (0i64..84, 20u32..90, 2u8..=8);
    (
        proptest::collection::vec(run, 4..30),
        proptest::collection::vec(cross, 0..6),
        proptest::option::of((10.0f64..60.0, 4.0f64..20.0, proptest::option::of(15i64..60))),
        proptest::option::of(40i64..84),
        any::<bool>(),
        0usize..3,
    )
        .prop_map(|(runs, crosses, baseline, race, acwr_on, level)| {
            let level = [Level::Novice, Level::Returning, Level::Experienced][level];
            let mut p = plan(level);
            for (d, k, km, rpe) in runs {
                let kind = [RunKind::Easy, RunKind::Long, RunKind::Tempo, RunKind::Race][k];
                let mut s = km_run(d, kind, (km * 10.0).round() / 10.0);
                if let Activity::Run { rpe: r, .. } = &mut s.activity {
                    *r = rpe;
                }
                p.sessions.push(s);
            }
            for (d, minutes, rpe) in crosses {
                p.sessions.push(Session::new(
                    day(d),
                    Activity::Cross {
                        kind: CrossKind::Cycling,
                        minutes,
                        rpe,
                        calf_work: false,
                    },
                ));
            }
            p.athlete.baseline = baseline.map(|(weekly_km, long_run_km, gap)| Baseline {
                weekly_km,
                long_run_km,
                last_run: gap.map(|g| day(0) - Duration::days(g)),
            });
            if let Some(n) = race {
                p.race = Some(Race {
                    name: "Goal".into(),
                    date: day(n),
                    km: 10.0,
                });
                p.sessions.push(km_run(n, RunKind::Race, 10.0));
            }
            if acwr_on {
                p.settings.acwr_severity = Some(Severity::Caution);
            }
            p.canonicalize();
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A week at its headroom has no distance-rule warning at caution or above; 0.5 km
    /// (or 1 minute) more and the named rule fires.
    #[test]
    fn a_week_at_its_headroom_is_clear_and_a_little_more_is_not(p in arb_plan()) {
        let r = analyze(&p);
        for h in &r.headroom {
            let (Some(f), Some(max), Some(limit)) = (h.factor, h.max_volume, h.limit.as_ref()) else {
                continue;
            };
            let stuck = h.blockers.iter().any(|b| gradual::analysis::headroom::is_distance_rule(b.rule));
            if stuck || f < 0.05 || h.runs.is_empty() {
                continue;
            }
            let at = analyze(&scaled(&p, &h.runs, f));
            let left = distance_warnings(&at, h);
            prop_assert!(left.is_empty(), "week {} at {max}: {left:#?}\n{h:#?}", h.start);
            let step = if h.by_time { 1.0 } else { 0.5 };
            let fixed = h.volume - h.runs.iter().map(|&i| {
                let s = &r.sessions[i];
                if h.by_time { s.minutes } else { p.sessions[i].run().unwrap().km.unwrap_or(0.0) }
            }).sum::<f64>();
            let f2 = (max + step - fixed) / (h.volume - fixed);
            let over = analyze(&scaled(&p, &h.runs, f2));
            let fired = distance_warnings(&over, h);
            prop_assert!(
                fired.iter().any(|w| w.rule == limit.rule),
                "week {} at {max} + {step}: {} did not fire; {fired:#?}\n{h:#?}",
                h.start, limit.rule.id()
            );
        }
    }
}

#[test]
fn templates_are_clear_by_construction() {
    for e in gradual::templates::all(None) {
        for (base, level) in [
            (e.template.base_km.0, Level::Novice),
            (e.template.base_km.1, Level::Experienced),
            (e.template.base_km.0 * 0.6, Level::Returning),
        ] {
            let p = from_template(&e.template, base, level);
            let r = analyze(&p);
            let bad: Vec<_> = r
                .warnings
                .iter()
                .filter(|w| w.severity >= Severity::Caution)
                .filter(|w| gradual::analysis::headroom::is_distance_rule(w.rule))
                .collect();
            assert!(
                bad.is_empty(),
                "{} at {base} km ({level:?}): {bad:#?}",
                e.id
            );
        }
    }
}

#[test]
fn a_goal_race_that_alone_takes_a_return_over_its_limit_is_a_blocker() {
    // 40 km a week until 30 days before the plan; the first run back is a 25 km goal race,
    // more than half the usual week on its own: nothing to shorten, so the week says why.
    let mut p = with_baseline(Level::Experienced, 40.0, 14.0);
    p.athlete.baseline.as_mut().unwrap().last_run = Some(day(-30));
    p.race = Some(gradual::model::Race {
        name: "Goal".into(),
        date: day(6),
        km: 25.0,
    });
    p.sessions = vec![
        km_run(6, RunKind::Race, 25.0),
        km_run(8, RunKind::Easy, 5.0),
    ];
    let r = analyze(&p);
    let h = week(&r, 0);
    assert!(h.runs.is_empty(), "the goal race does not scale: {h:#?}");
    let b = h
        .blockers
        .iter()
        .find(|b| b.rule == Rule::ReturnAfterBreak)
        .unwrap_or_else(|| panic!("{h:#?}"));
    assert!(b.text.contains("the goal race"), "{}", b.text);
    // The week after has the easy run to scale and no such blocker of its own.
    assert!(
        week(&r, 7)
            .blockers
            .iter()
            .all(|b| !b.text.contains("the goal race"))
    );
}
