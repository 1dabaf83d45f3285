//! Property tests: random plans and random text never panic the loader or the analysis,
//! and every valid random plan survives a save/load round trip.

use chrono::{Duration, NaiveDate};
use gradual::analysis::analyze;
use gradual::format;
use gradual::model::*;
use proptest::prelude::*;
use std::path::Path;

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..400).prop_map(|d| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(d))
}

fn activity() -> impl Strategy<Value = Activity> {
    prop_oneof![
        (
            0usize..8,
            0.1f64..60.0,
            proptest::option::of(1u32..400),
            1u8..=10,
            0usize..6,
            0usize..3,
            any::<bool>(),
        )
            .prop_map(|(k, km, minutes, rpe, s, f, time_only)| Activity::Run {
                kind: RunKind::ALL[k],
                // Time-only runs (minutes, no km) are valid; a run with neither is not.
                km: (!time_only || minutes.is_none()).then(|| (km * 10.0).round() / 10.0 + 0.1),
                minutes,
                rpe,
                surface: Surface::ALL[s],
                footwear: Footwear::ALL[f],
            }),
        (0usize..11, 1u32..300, 1u8..=10, any::<bool>()).prop_map(
            |(k, minutes, rpe, calf_work)| Activity::Cross {
                kind: CrossKind::ALL[k],
                minutes,
                rpe,
                calf_work,
            }
        ),
        (1u8..=6, 1u8..=5, 1u8..=30, proptest::option::of(1u32..40)).prop_map(
            |(stage, sets, reps, kg)| Activity::Calf {
                stage,
                sets,
                reps,
                kg: kg.map(f64::from),
            }
        ),
        Just(Activity::CalfTest),
        Just(Activity::Rest),
    ]
}

fn session() -> impl Strategy<Value = Session> {
    (date(), activity(), 0usize..3, any::<bool>(), "[a-z ]{0,8}").prop_map(
        |(d, a, st, generated, note)| Session {
            date: d,
            activity: a,
            status: [Status::Planned, Status::Done, Status::Skipped][st],
            note,
            generated,
            actual: None,
        },
    )
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        proptest::collection::vec(session(), 0..120),
        0usize..3,
        proptest::option::of((0.0f64..120.0, 0.0f64..40.0, proptest::option::of(date()))),
        proptest::collection::vec((date(), 0u32..60, 0u32..60), 0..3),
        proptest::collection::vec(
            (
                date(),
                0u8..=10,
                proptest::collection::vec(0usize..6, 0..3),
                (0usize..3, 0usize..4, 0usize..3, any::<bool>()),
            ),
            0..3,
        ),
        proptest::option::of((date(), 1u32..30)),
    )
        .prop_map(|(sessions, level, baseline, tests, symptoms, block)| {
            let mut p = Plan::new("Random", Athlete::new("R", Level::ALL[level]));
            p.sessions = sessions;
            p.athlete.baseline = baseline.map(|(w, l, last_run)| Baseline {
                weekly_km: w,
                long_run_km: l,
                last_run,
            });
            p.athlete.calf_raise_tests = tests
                .into_iter()
                .map(|(date, left, right)| CalfRaiseTest::new(date, left, right))
                .collect();
            let flags = RedFlag::ALL;
            p.symptoms = symptoms
                .into_iter()
                .map(|(date, pain, f, (area, when, side, cramp))| Symptom {
                    flags: f.into_iter().map(|i| flags[i]).collect(),
                    when: [
                        None,
                        Some(When::During),
                        Some(When::After),
                        Some(When::NextMorning),
                    ][when],
                    side: [None, Some(Side::Left), Some(Side::Right)][side],
                    cramp,
                    ..Symptom::new(
                        date,
                        [BodyArea::Calf, BodyArea::Achilles, BodyArea::Knee][area],
                        pain,
                    )
                })
                .collect();
            if let Some((start, weeks)) = block {
                p.blocks.push(Block {
                    name: "B".into(),
                    start,
                    weeks,
                    phase: Phase::Build,
                });
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn analysis_never_panics_and_is_consistent(p in plan()) {
        let r = analyze(&p);
        prop_assert_eq!(r.days.len(), r.weeks.len() * 7);
        prop_assert_eq!(r.sessions.len(), p.sessions.len());
        let total: f64 = r.weeks.iter().map(|w| w.run_km).sum();
        let runs = || p.sessions.iter().filter(|s| s.counts()).filter_map(|s| s.run());
        let expected: f64 = runs().filter_map(|r| r.km).sum();
        prop_assert!((total - expected).abs() < 1e-6);
        let timed: f64 = r.weeks.iter().map(|w| w.time_only_minutes).sum();
        let expected: f64 = runs().filter(|r| r.km.is_none()).filter_map(|r| r.minutes).map(f64::from).sum();
        prop_assert!((timed - expected).abs() < 1e-6);
        for w in &r.warnings {
            prop_assert!(w.sessions.iter().all(|&i| i < p.sessions.len()));
            prop_assert!(!w.message.is_empty());
        }
    }

    #[test]
    fn valid_plans_round_trip(p in plan()) {
        prop_assume!(format::validate(&p).is_empty());
        let text = format::to_canonical_string(&p);
        let back = format::parse(&text, Path::new("p.ron")).unwrap();
        let mut sorted = p.clone();
        sorted.canonicalize();
        prop_assert_eq!(&back, &sorted);
        prop_assert_eq!(format::to_canonical_string(&back), text);
    }

    #[test]
    fn mangled_text_never_panics(cut in 0usize..3000, insert in "[(),:\\[\\]a-z0-9\" .-]{0,6}") {
        let text = std::fs::read_to_string("plans/half-marathon.ron").unwrap();
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) { cut -= 1; }
        let mangled = format!("{}{}{}", &text[..cut], insert, &text[cut..]);
        let _ = format::parse(&mangled, Path::new("m.ron"));
        let _ = format::parse(&text[..cut], Path::new("m.ron"));
    }

    #[test]
    fn random_bytes_never_panic(s in ".{0,200}") {
        let _ = format::parse(&s, Path::new("r.ron"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// The calf scheduler on random plans: never on a running day, around the goal race or
    /// on a stopped day, 48 h from every other calf session, one stage up at most, doses
    /// from the ladder (low at first, half in deloads), the user's sessions and calf
    /// history untouched, and a second run changes nothing.
    #[test]
    fn calf_schedule_properties(p in plan(), per_week in 2u8..=3, race in proptest::option::of(date())) {
        use gradual::calf::{self, Options};
        let mut p = p;
        p.race = race.map(|date| Race { name: "R".into(), date, km: 10.0 });
        let opts = Options { per_week: Some(per_week), ..Options::default() };
        let Some(s) = calf::schedule(&p, &opts) else { return Ok(()) };
        let runs: std::collections::HashSet<NaiveDate> = p
            .sessions
            .iter()
            .filter(|x| matches!(x.activity, Activity::Run { .. }) && x.status != Status::Skipped)
            .map(|x| x.date)
            .collect();
        let t = Thresholds::resolve(&p.settings, p.athlete.level);
        let once = calf::apply(&p, &s);
        let calf_days: Vec<NaiveDate> = once.sessions.iter().filter(|x| x.activity.is_calf_work()).map(|x| x.date).collect();
        for g in &s.sessions {
            prop_assert!(g.generated);
            prop_assert!(!runs.contains(&g.date), "calf session on a running day {}", g.date);
            prop_assert!(g.date >= s.from && g.date <= s.to);
            let near = calf_days.iter().filter(|d| (**d - g.date).num_days().abs() < 2).count();
            prop_assert_eq!(near, 1, "another calf session within 48 h of {}", g.date);
            if let Some(r) = race {
                let d = (g.date - r).num_days();
                prop_assert!(!(-3..=2).contains(&d), "calf work {} days from the race", d);
            }
            for sym in p.symptoms.iter().filter(|x| gradual::analysis::stops_running(x, &t)) {
                let clear = gradual::analysis::all_clear_after(&p, sym).map(|c| c.date);
                prop_assert!(
                    g.date < sym.date || clear.is_some_and(|c| g.date >= c),
                    "calf work on {} after the stop on {}", g.date, sym.date
                );
            }
        }
        for w in s.weeks.windows(2) {
            let step = i32::from(w[1].stage) - i32::from(w[0].stage);
            prop_assert!(step <= 1, "at most one stage up a week");
            if step < -1 {
                prop_assert!(w[1].note.as_deref().is_some_and(|n| n.contains("waits for")), "a drop of more than one is the evidence cap: {:?}", w[1]);
            }
        }
        let key_days: std::collections::HashSet<NaiveDate> = p
            .sessions
            .iter()
            .filter(|x| x.status != Status::Skipped)
            .filter(|x| x.run().is_some_and(|r| r.kind.is_quality() || r.kind == RunKind::Long))
            .map(|x| x.date)
            .collect();
        for g in &s.sessions {
            prop_assert!(
                !key_days.contains(&(g.date + chrono::Duration::days(1))),
                "calf work on {} is the day before a long or quality run", g.date
            );
        }
        let mut last_normal: Option<u8> = None;
        for w in &s.weeks {
            let (_, hi) = calf::stage(w.stage).reps;
            let full = if w.deload { hi.div_ceil(2) } else { hi };
            // Never above the stage's high end; the first weeks may start below the low end
            // (60 % of the test, at least 5), a test may cap it below.
            prop_assert!(w.reps <= full, "{:?}", w);
            prop_assert!(w.reps >= 1, "{:?}", w);
            prop_assert_eq!(w.kg.is_some(), w.stage == 6 && p.athlete.body_mass_kg.is_some());
            // The evidence: the stage within what the latest test allows, and on single-leg
            // stages a set never more than the weaker leg's reps.
            let (cap, _) = calf::stage_cap(&p.athlete, w.start);
            prop_assert!(w.stage <= cap || w.days.is_empty(), "stage {} above the cap {cap}: {:?}", w.stage, w);
            if calf::is_single_leg(w.stage) && !w.days.is_empty() {
                let test = calf::latest_test_on(&p.athlete, w.start).expect("a single-leg stage needs a test");
                prop_assert!(u32::from(w.reps) <= test.left.min(test.right), "{:?} vs {:?}", w, test);
            }
            // Gradual: at most about +25 % reps a set from one normal week to the next.
            if !w.deload && !w.stopped && !w.days.is_empty() {
                if let Some(prev) = last_normal {
                    let most = ((f64::from(prev) * 1.25).floor() as u8).max(prev + 1);
                    prop_assert!(w.reps <= most, "{} after {prev}: {:?}", w.reps, w);
                }
                last_normal = Some(w.reps);
            }
        }
        // No stage increase lands in the two weeks before the race.
        if let Some(r) = race {
            for w in s.weeks.windows(2) {
                let start = w[1].start;
                let in_window = start <= r && start + chrono::Duration::days(6) >= r - chrono::Duration::days(14);
                prop_assert!(!in_window || w[1].stage <= w[0].stage, "a stage up in the week of {start}, race {r}");
            }
        }
        // Everything but replaceable generated calf work in range survives as it was.
        let replaceable = |x: &Session| x.generated && x.activity.is_calf_work() && x.status == Status::Planned && x.date >= s.from && x.date <= s.to;
        for x in p.sessions.iter().filter(|x| !replaceable(x)) {
            prop_assert!(once.sessions.contains(x));
        }
        let again = calf::schedule(&once, &opts).unwrap();
        prop_assert_eq!(&calf::apply(&once, &again), &once, "idempotent");
        // One scheduler, one answer: after a symptom or a test is logged (which
        // reschedules), scheduling again with the program's own choices changes nothing.
        let mut logged = once.clone();
        let on = s.from + chrono::Duration::days(i64::from(per_week) * 9);
        gradual::care::log_symptom(&mut logged, Symptom::new(on, BodyArea::Calf, 6));
        let again = calf::schedule(&logged, &Options::default()).unwrap();
        prop_assert_eq!(&calf::apply(&logged, &again), &logged, "calf after symptom");
        let mut tested = once.clone();
        gradual::calf::record_test(&mut tested, CalfRaiseTest::new(on, 21, 24));
        let again = calf::schedule(&tested, &Options::default()).unwrap();
        prop_assert_eq!(&calf::apply(&tested, &again), &tested, "calf after calf-test");
    }
}
