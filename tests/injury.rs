//! The injury path a runner leans on: protection until the all-clear, a calf program
//! within the calves' tested capacity, a return that is really gradual, and severities
//! that follow the evidence. Each test is an everyday scenario that went wrong before
//! (its plan is built here, day 0 a Monday).

mod common;

use common::*;
use gradual::analysis::{Report, Rule, Severity, analyze};
use gradual::calf::{self, Options};
use gradual::care::{self, Care};
use gradual::model::{
    Activity, BodyArea, CalfRaiseTest, Footwear, Level, Plan, Race, RedFlag, RunKind, Symptom,
};

fn sym(n: i64, area: BodyArea, pain: u8) -> Symptom {
    Symptom::new(day(n), area, pain)
}

fn pop(n: i64) -> Symptom {
    Symptom {
        flags: vec![RedFlag::Pop],
        ..sym(n, BodyArea::Calf, 5)
    }
}

/// A steady runner: 8, 8 and 12 km on Tuesday, Thursday and Sunday for `weeks` weeks.
fn steady(weeks: i64) -> Plan {
    let mut p = with_baseline(Level::Experienced, 28.0, 12.0);
    for w in 0..weeks {
        p.sessions.push(easy(w * 7 + 1, 8.0));
        p.sessions.push(easy(w * 7 + 3, 8.0));
        p.sessions.push(run(w * 7 + 6, RunKind::Long, 12.0));
    }
    p
}

/// Four weeks of two easy runs (Tuesday, Thursday) and a long run on Sunday.
fn four_weeks(p: &mut Plan, easy_km: f64, long_km: f64) {
    for w in 0..4 {
        p.sessions.push(easy(w * 7 + 1, easy_km));
        p.sessions.push(easy(w * 7 + 3, easy_km));
        p.sessions.push(run(w * 7 + 6, RunKind::Long, long_km));
    }
}

/// Weeks of two easy runs (Tuesday, Friday) of `km` in all.
fn two_run_weeks(p: &mut Plan, weeks: &[(i64, f64)]) {
    for (w, km) in weeks {
        p.sessions.push(easy(w * 7 + 1, km / 2.0));
        p.sessions.push(easy(w * 7 + 4, km / 2.0));
    }
}

/// The before-all-clear warnings covering session `i`.
fn protecting(r: &Report, i: usize) -> Vec<&gradual::analysis::Warning> {
    of(r, Rule::BeforeAllClear)
        .into_iter()
        .filter(|w| w.sessions.contains(&i))
        .collect()
}

fn index_on(p: &Plan, n: i64) -> usize {
    p.sessions
        .iter()
        .position(|s| s.date == day(n) && s.run().is_some())
        .unwrap()
}

// ---- protection lasts until the all-clear ---------------------------------------------

#[test]
fn intervals_nine_days_after_a_pop_are_a_warning() {
    // Was silent: the protection ended after 7 days though no all-clear was logged.
    let mut p = steady(4);
    p.symptoms.push(pop(7));
    p.sessions.push(run(16, RunKind::Intervals, 7.0));
    p.canonicalize();
    let r = analyze(&p);
    let i = index_on(&p, 16);
    let ws = protecting(&r, i);
    assert_eq!(ws.len(), 1, "{:#?}", r.warnings);
    assert_eq!(
        ws[0].severity,
        Severity::Warning,
        "a sign of a tear: 14 days"
    );
    assert!(
        ws[0]
            .message
            .contains("after the calf log with a pop felt or heard on 2026-01-12"),
        "{}",
        ws[0].message
    );
    // After 14 days still protected, at caution, until an all-clear.
    let later = index_on(&p, 27);
    assert_eq!(protecting(&r, later)[0].severity, Severity::Caution);
    p.symptoms.push(sym(24, BodyArea::Calf, 1));
    let r = analyze(&p);
    assert!(
        protecting(&r, index_on(&p, 27)).is_empty(),
        "cleared on day 24"
    );
    assert!(
        !protecting(&r, index_on(&p, 22)).is_empty(),
        "before the all-clear"
    );
}

#[test]
fn full_volume_four_weeks_after_an_uncleared_strain_is_flagged() {
    // A 6/10 strain, never cleared; back at full volume four weeks later. Was: only the
    // generic return-after-break lines.
    let mut p = steady(8);
    p.symptoms.push(sym(9, BodyArea::Calf, 6));
    p.sessions.retain(|s| s.date < day(9) || s.date >= day(35));
    let r = analyze(&p);
    let first_back = index_on(&p, 36);
    let ws = protecting(&r, first_back);
    assert_eq!(ws.len(), 1, "{:#?}", of(&r, Rule::BeforeAllClear));
    assert_eq!(ws[0].severity, Severity::Caution);
    assert!(
        ws[0]
            .message
            .contains("the calf strain (6/10) on 2026-01-14 with no all-clear logged since"),
        "{}",
        ws[0].message
    );
    // Every planned run after it is protected, not only the first week's.
    let runs_after = p
        .sessions
        .iter()
        .filter(|s| s.date > day(9) && s.run().is_some())
        .count();
    let protected: usize = of(&r, Rule::BeforeAllClear)
        .iter()
        .map(|w| w.sessions.len())
        .sum();
    assert_eq!(protected, runs_after);
    // The re-plan drops them all (the return block plans the way back).
    let rp = gradual::replan::replan(&p, day(10));
    assert_eq!(
        rp.changes.iter().filter(|c| c.after.is_none()).count(),
        runs_after
    );
}

#[test]
fn a_new_log_while_a_red_flag_is_uncleared_says_so() {
    let mut p = steady(3);
    p.symptoms.push(pop(2));
    // Mild pain four days later: not "keep the load where it is".
    let mild = sym(6, BodyArea::Calf, 3);
    let a = care::advice_in(&p, &mild);
    assert!(a.title.contains("has no all-clear yet"), "{}", a.title);
    assert!(
        a.steps[0].starts_with(
            "Not cleared yet: the calf log with a pop felt or heard on 2026-01-07 has no all-clear"
        ),
        "{:?}",
        a.steps
    );
    assert!(
        !a.steps
            .iter()
            .any(|s| s.contains("keep the load where it is")),
        "{:?}",
        a.steps
    );
    // Pain 1 is the all-clear: it says so, and that a tear needs a professional first.
    let clear = sym(12, BodyArea::Calf, 1);
    let a = care::advice_in(&p, &clear);
    assert_eq!(
        a.title,
        "All-clear for the calf log with a pop felt or heard on 2026-01-07"
    );
    assert!(
        a.steps.iter().any(|s| s.contains("Return to running")),
        "{:?}",
        a.steps
    );
    assert!(
        a.steps
            .iter()
            .any(|s| s.contains("once a doctor or physiotherapist has seen it"))
    );
    // Another area's log does not clear it.
    let other = sym(12, BodyArea::Achilles, 0);
    assert!(care::advice_in(&p, &other).steps[0].starts_with("Not cleared yet"));
}

#[test]
fn strain_advice_and_warnings_agree_and_calf_work_is_held() {
    // Pain 4: "rest the leg: no running on it" — so check flags the runs after it.
    let mut p = steady(6);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest::new(day(-2), 22, 22)];
    let s = sym(15, BodyArea::Calf, 4);
    let a = care::advice(&s);
    assert_eq!(a.care, Care::Strain);
    assert!(
        a.steps
            .iter()
            .any(|x| x == "Rest the leg: no running on it.")
    );
    p.symptoms.push(s);
    let r = analyze(&p);
    let ws = protecting(&r, index_on(&p, 17));
    assert_eq!(ws.len(), 1);
    assert_eq!(ws[0].severity, Severity::Caution);
    assert!(
        ws[0].message.contains("no running on a strain"),
        "{}",
        ws[0].message
    );
    assert!(
        of(&r, Rule::RedFlag).is_empty(),
        "a strain is not a red flag"
    );
    // The calf program holds its dose (no progress) until the all-clear, and says why.
    let sch = calf::schedule(&p, &Options::default()).unwrap();
    let week = sch.weeks.iter().find(|w| w.start == day(14)).unwrap();
    let next = sch.weeks.iter().find(|w| w.start == day(21)).unwrap();
    assert!(week.held && next.held, "{week:#?}");
    assert!(
        next.note
            .as_deref()
            .unwrap()
            .contains("dose held: calf pain 4/10 logged on 2026-01-20"),
        "{:?}",
        next.note
    );
    assert!(next.reps <= week.reps || next.deload, "{week:?} → {next:?}");
    assert_eq!(next.stage, week.stage);
    // The all-clear ends both.
    p.symptoms.push(sym(20, BodyArea::Calf, 2));
    let r = analyze(&p);
    assert!(protecting(&r, index_on(&p, 22)).is_empty());
    let sch = calf::schedule(&p, &Options::default()).unwrap();
    assert!(!sch.weeks.iter().find(|w| w.start == day(21)).unwrap().held);
}

#[test]
fn a_cramp_is_not_a_strain() {
    let mut p = steady(3);
    let cramp = Symptom {
        cramp: true,
        ..sym(3, BodyArea::Calf, 8)
    };
    let a = care::advice(&cramp);
    assert_eq!(a.care, Care::Cramp);
    assert!(a.steps[0].contains("Stretch the calf slowly and massage"));
    assert!(
        a.steps
            .iter()
            .any(|s| s.contains("log it again without \"cramp\""))
    );
    p.symptoms.push(cramp.clone());
    let r = analyze(&p);
    assert!(of(&r, Rule::RedFlag).is_empty(), "{:#?}", r.warnings);
    assert!(of(&r, Rule::BeforeAllClear).is_empty());
    // Two painful cramps in a row are not "pain not settling".
    p.symptoms.push(Symptom {
        date: day(5),
        ..cramp.clone()
    });
    assert!(of(&analyze(&p), Rule::PainMonitoring).is_empty());
    // A cramp with a red flag ticked is a red flag.
    p.symptoms[1].flags = vec![RedFlag::Swelling];
    let r = analyze(&p);
    assert_eq!(severity(&r, Rule::RedFlag), Some(Severity::Danger));
    assert!(!of(&r, Rule::BeforeAllClear).is_empty());
}

// ---- the calf program stays within the calves' tested capacity -------------------------

/// A novice running Tuesday, Thursday and Saturday, with a test of `reps` (weaker leg).
fn novice_with_test(reps: u32, weeks: i64) -> Plan {
    let mut p = with_baseline(Level::Novice, 12.0, 5.0);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest::new(day(-3), reps, reps + 2)];
    for w in 0..weeks {
        p.sessions.push(easy(w * 7 + 1, 4.0));
        p.sessions.push(easy(w * 7 + 3, 4.0));
        p.sessions.push(easy(w * 7 + 5, 5.0));
    }
    p
}

fn max_single_leg_reps(s: &calf::Schedule) -> Option<u8> {
    s.weeks
        .iter()
        .filter(|w| calf::is_single_leg(w.stage) && !w.days.is_empty())
        .map(|w| w.reps)
        .max()
}

#[test]
fn a_novice_who_managed_8_raises_waits_for_a_new_test() {
    // Was: stage 4 (3 × 25 single-leg) ten weeks later without another test.
    let p = novice_with_test(8, 16);
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert!(
        s.weeks.iter().all(|w| w.stage <= 2),
        "{:?}",
        s.weeks.iter().map(|w| w.stage).collect::<Vec<_>>()
    );
    assert_eq!(max_single_leg_reps(&s), None);
    // The scheduled tests say what waits for them.
    let tests: Vec<_> = s
        .sessions
        .iter()
        .filter(|x| x.activity == Activity::CalfTest)
        .collect();
    assert!(!tests.is_empty());
    assert!(
        tests.last().unwrap().note.contains(
            "stage 3 waits for a calf-raise test with 12 or more reps on the weaker leg (latest: 8"
        ),
        "{}",
        tests.last().unwrap().note
    );
    // A new test of 13 lets it move on, never above 13 a set.
    let mut q = p.clone();
    q.athlete
        .calf_raise_tests
        .push(CalfRaiseTest::new(day(52), 13, 14));
    let s = calf::schedule(&q, &Options::default()).unwrap();
    assert!(s.weeks.iter().any(|w| w.stage == 3), "{:#?}", s.weeks);
    assert!(max_single_leg_reps(&s).unwrap() <= 13);
}

#[test]
fn a_set_never_asks_for_more_than_the_weaker_leg_managed() {
    // Was: a runner who tested 15 got 3 × 20–25; one who tested 26 got 3 × 30.
    for (reps, level) in [
        (15, Level::Novice),
        (22, Level::Experienced),
        (26, Level::Experienced),
    ] {
        let mut p = novice_with_test(reps, 20);
        p.athlete.level = level;
        p.athlete.body_mass_kg = Some(70.0);
        let s = calf::schedule(&p, &Options::default()).unwrap();
        let most = max_single_leg_reps(&s).unwrap();
        assert_eq!(
            u32::from(most),
            reps,
            "tested {reps}: {:?}",
            s.weeks
                .iter()
                .map(|w| (w.stage, w.reps))
                .collect::<Vec<_>>()
        );
        assert!(
            s.weeks.iter().all(|w| w.stage < 6),
            "no loaded heel drops under 30"
        );
    }
}

#[test]
fn a_recorded_test_below_the_dose_steps_the_program_down() {
    let mut p = novice_with_test(22, 12);
    p.athlete.level = Level::Experienced;
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let at =
        |s: &calf::Schedule, n: i64| s.weeks.iter().find(|w| w.start == day(n)).cloned().unwrap();
    assert_eq!(at(&s, 56).stage, 4);
    // A test of 16 on day 51: from the next week, stage 3 and at most 16 a set.
    p.athlete
        .calf_raise_tests
        .push(CalfRaiseTest::new(day(51), 16, 17));
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let w = at(&s, 56);
    assert_eq!(w.stage, 3, "{w:#?}");
    assert!(w.reps <= 16);
    assert!(
        w.note
            .as_deref()
            .unwrap()
            .contains("stage 4 waits for a calf-raise test with 20 or more"),
        "{:?}",
        w.note
    );
}

#[test]
fn gradual_means_gradual() {
    // Was: 3 × 5 → 3 × 15 and 3 × 9 → 3 × 15 in one week.
    for reps in [8, 15, 27] {
        let p = novice_with_test(reps, 16);
        let s = calf::schedule(&p, &Options::default()).unwrap();
        let normal: Vec<u8> = s
            .weeks
            .iter()
            .filter(|w| !w.deload && !w.days.is_empty())
            .map(|w| w.reps)
            .collect();
        for pair in normal.windows(2) {
            let most = ((f64::from(pair[0]) * 1.25).floor() as u8).max(pair[0] + 1);
            assert!(pair[1] <= most, "tested {reps}: {normal:?}");
        }
    }
}

#[test]
fn no_calf_session_the_day_before_a_long_or_quality_run() {
    // Runs Tuesday (intervals), Thursday (easy), Sunday (long): Monday and Saturday are
    // off limits; the program says why it places fewer.
    let mut p = with_baseline(Level::Experienced, 30.0, 12.0);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest::new(day(-3), 20, 20)];
    for w in 0..6 {
        p.sessions.push(run(w * 7 + 1, RunKind::Intervals, 7.0));
        p.sessions.push(easy(w * 7 + 3, 8.0));
        p.sessions.push(run(w * 7 + 6, RunKind::Long, 12.0));
    }
    let s = calf::schedule(
        &p,
        &Options {
            per_week: Some(3),
            ..Options::default()
        },
    )
    .unwrap();
    let key: Vec<_> = p
        .sessions
        .iter()
        .filter(|x| x.run().is_some_and(|r| r.kind != RunKind::Easy))
        .map(|x| x.date)
        .collect();
    for g in &s.sessions {
        assert!(
            !key.contains(&(g.date + chrono::Duration::days(1))),
            "{} before a key run",
            g.date
        );
    }
    assert!(s.weeks.iter().any(|w| {
        w.note
            .as_deref()
            .is_some_and(|n| n.contains("another would fall the day before a long or quality run"))
    }));
    // The rule that flags calf-loading work there agrees: nothing.
    let r = analyze(&calf::apply(&p, &s));
    assert!(
        of(&r, Rule::CalfCrossTraining).is_empty(),
        "{:#?}",
        of(&r, Rule::CalfCrossTraining)
    );
}

#[test]
fn recording_a_test_never_moves_a_stage_up_into_the_race_fortnight() {
    let mut p = novice_with_test(20, 10);
    p.athlete.level = Level::Experienced;
    p.sessions.push(run(68, RunKind::Race, 10.0));
    p.race = Some(Race {
        name: "10K".into(),
        date: day(68),
        km: 10.0,
    });
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let p = calf::apply(&p, &s);
    // A test of 30 recorded on day 45 (the evidence for stage 5 and more).
    let mut q = p.clone();
    calf::record_test(&mut q, CalfRaiseTest::new(day(45), 30, 31));
    let s = calf::schedule(&q, &Options::default()).unwrap();
    for w in s.weeks.windows(2) {
        let start = w[1].start;
        if start <= day(68) && start + chrono::Duration::days(6) >= day(54) {
            assert!(
                w[1].stage <= w[0].stage,
                "a stage up in the week of {start}: {:#?}",
                s.weeks
            );
        }
    }
}

#[test]
fn calf_right_after_symptom_or_calf_test_changes_nothing() {
    let p = novice_with_test(18, 12);
    let s = calf::schedule(
        &p,
        &Options {
            per_week: Some(2),
            ..Options::default()
        },
    )
    .unwrap();
    let p = calf::apply(&p, &s);
    let unchanged = |q: &Plan| {
        let s = calf::schedule(q, &Options::default()).unwrap();
        calf::preview(q, &s).iter().all(|w| w.is_unchanged())
    };
    let mut q = p.clone();
    care::log_symptom(&mut q, sym(20, BodyArea::Calf, 6));
    assert!(unchanged(&q), "after the strain");
    care::log_symptom(&mut q, sym(30, BodyArea::Calf, 1));
    assert!(unchanged(&q), "after the all-clear");
    calf::record_test(&mut q, CalfRaiseTest::new(day(33), 20, 21));
    assert!(unchanged(&q), "after a test");
    // Logging the same symptom twice is one log.
    let n = q.symptoms.len();
    assert!(!care::log_symptom(&mut q, sym(30, BodyArea::Calf, 1)));
    assert_eq!(q.symptoms.len(), n);
}

// ---- no blind spots ---------------------------------------------------------------------

#[test]
fn a_jump_in_the_third_week_back_is_flagged() {
    // 34 km weeks, three weeks off, then 10 → 10 → 27 km: the return rule only caps from
    // above (27 is under 85 % of 34), so the weekly increase judges the weeks since the
    // return.
    let mut p = with_baseline(Level::Experienced, 34.0, 12.0);
    four_weeks(&mut p, 11.0, 12.0);
    two_run_weeks(&mut p, &[(7, 10.0), (8, 10.0), (9, 27.0)]);
    let r = analyze(&p);
    assert!(
        of(&r, Rule::ReturnAfterBreak).is_empty(),
        "{:#?}",
        of(&r, Rule::ReturnAfterBreak)
    );
    let w = one(&r, Rule::WeeklyIncrease);
    assert_eq!((w.severity, w.date), (Severity::Caution, day(63)));
    assert!(
        w.message.contains(
            "27.0 km is +170 % over the highest full week since the return on 2026-02-24 (10.0 km)"
        ),
        "{}",
        w.message
    );
    // The return ladder's own steps (50 → 70 → 85 %) are not a weekly increase.
    let mut q = p.clone();
    q.sessions.retain(|s| s.date < day(49));
    two_run_weeks(&mut q, &[(7, 17.0), (8, 23.8), (9, 28.8)]);
    assert!(
        of(&analyze(&q), Rule::WeeklyIncrease).is_empty(),
        "{:#?}",
        of(&analyze(&q), Rule::WeeklyIncrease)
    );
}

#[test]
fn the_race_exemption_covers_the_race_session_only() {
    // Peak weeks of 44 km, then a race week of 67 km around a 10K: its other runs are
    // +30 % over the peak.
    let mut p = with_baseline(Level::Experienced, 40.0, 16.0);
    four_weeks(&mut p, 14.0, 16.0);
    p.sessions.push(easy(29, 15.0));
    p.sessions.push(easy(30, 14.0));
    p.sessions.push(easy(31, 14.0));
    p.sessions.push(easy(32, 14.0));
    p.sessions.push(run(34, RunKind::Race, 10.0));
    p.race = Some(Race {
        name: "10K".into(),
        date: day(34),
        km: 10.0,
    });
    let r = analyze(&p);
    assert_eq!(r.weeks[4].run_km, 67.0);
    let w = one(&r, Rule::WeeklyIncrease);
    assert_eq!(w.severity, Severity::Caution);
    assert!(
        w.message
            .contains("57.0 km without the goal race is +30 % over"),
        "{}",
        w.message
    );
    assert!(
        !w.sessions.contains(&(p.sessions.len() - 1)),
        "the race itself is exempt"
    );
    // A 23 km long run a week after a goal half marathon is judged against the training
    // before the race, not the race.
    let mut p = with_baseline(Level::Experienced, 40.0, 16.0);
    four_weeks(&mut p, 10.0, 16.0);
    p.sessions.push(easy(29, 8.0));
    p.sessions.push(run(34, RunKind::Race, 21.1));
    p.sessions.push(easy(37, 8.0));
    p.sessions.push(run(41, RunKind::Long, 23.0));
    p.race = Some(Race {
        name: "Half".into(),
        date: day(34),
        km: 21.1,
    });
    let r = analyze(&p);
    let spikes: Vec<_> = of(&r, Rule::LongRunSpike)
        .into_iter()
        .filter(|w| w.date == day(41))
        .collect();
    assert_eq!(spikes.len(), 1, "{:#?}", of(&r, Rule::LongRunSpike));
    assert_eq!(spikes[0].severity, Severity::Caution);
    assert!(
        spikes[0]
            .message
            .contains("+44 % over your longest run of the previous 30 days (16.0 km)"),
        "{}",
        spikes[0].message
    );
}

#[test]
fn a_runner_adapted_to_minimalist_shoes_is_not_in_a_transition() {
    let mut p = steady(3);
    for s in &mut p.sessions {
        if let Activity::Run { footwear, .. } = &mut s.activity {
            *footwear = Footwear::Minimalist;
        }
    }
    assert!(!of(&analyze(&p), Rule::BarefootTransition).is_empty());
    p.athlete.minimalist_adapted = true;
    assert!(of(&analyze(&p), Rule::BarefootTransition).is_empty());
    // Barefoot is still a change.
    p.sessions.push(barefoot(18, 5.0, Footwear::Barefoot));
    assert!(!of(&analyze(&p), Rule::BarefootTransition).is_empty());
    // It round-trips in the file, and is left out when false.
    let text = gradual::format::to_canonical_string(&p);
    assert!(text.contains("minimalist_adapted: true"), "{text}");
    p.athlete.minimalist_adapted = false;
    assert!(!gradual::format::to_canonical_string(&p).contains("minimalist_adapted"));
}

#[test]
fn imbalance_advice_follows_the_article() {
    let mut p = steady(1);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest::new(day(0), 22, 15)];
    let w = one(&analyze(&p), Rule::CalfImbalance).clone();
    assert!(
        w.message.contains(
            "train both legs with the same reps, set by the weaker right leg (15 a set at most)"
        ),
        "{}",
        w.message
    );
    assert!(!w.message.contains("add a set"), "{}", w.message);
}

#[test]
fn severities_follow_the_evidence() {
    // A single run +10–30 % (significant, HRR 1.64) never ranks below a week +30 % (a
    // trend): was caution against warning.
    let mut run_spike = with_baseline(Level::Novice, 100.0, 10.0);
    run_spike.sessions = vec![easy(0, 10.0), run(7, RunKind::Long, 12.5)];
    let mut week_jump = with_baseline(Level::Novice, 40.0, 100.0);
    week_jump.sessions = vec![easy(1, 26.0), easy(3, 26.0)];
    let a = severity(&analyze(&run_spike), Rule::LongRunSpike).unwrap();
    let b = severity(&analyze(&week_jump), Rule::WeeklyIncrease).unwrap();
    assert_eq!((a, b), (Severity::Caution, Severity::Caution));
    // Danger is for red flags only.
    let mut huge = with_baseline(Level::Novice, 100.0, 5.0);
    huge.sessions = vec![easy(0, 5.0), run(7, RunKind::Long, 30.0)];
    assert_eq!(analyze(&huge).worst(), Some(Severity::Warning));
}

#[test]
fn the_symptom_command_says_when_an_earlier_red_flag_is_uncleared() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = steady(3);
    p.symptoms.push(pop(2));
    gradual::format::save(&p, &path).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gradual"))
        .args([
            "symptom",
            path.to_str().unwrap(),
            "--date",
            "2026-01-11",
            "--area",
            "calf",
            "--pain",
            "3",
            "--dry-run",
        ])
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains(
            "Not cleared yet: the calf log with a pop felt or heard on 2026-01-07 has no all-clear"
        ),
        "{text}"
    );
    assert!(!text.contains("keep the load where it is"), "{text}");
    // What it means for the plan: the runs still protected.
    assert!(text.contains("WARNING  before-all-clear"), "{text}");
}
