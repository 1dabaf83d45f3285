//! The calf program: starting stage, the ladder, the scheduler's example cases, the
//! exercise library and `gradual calf`.

mod common;

use common::*;
use gradual::calf::{self, Options};
use gradual::model::{
    Activity, Block, BodyArea, CalfRaiseTest, Level, Phase, RunKind, Status, Symptom,
};

fn calf_days(s: &calf::Schedule) -> Vec<chrono::NaiveDate> {
    s.sessions.iter().map(|s| s.date).collect()
}

fn test_on(n: i64, left: u32, right: u32) -> CalfRaiseTest {
    CalfRaiseTest::new(day(n), left, right)
}

/// The schedule of the plan's first week (day 0 to 6).
fn first_week(p: &gradual::model::Plan) -> calf::Schedule {
    calf::schedule(
        p,
        &Options {
            to: Some(day(6)),
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn starting_stage_from_the_weaker_leg() {
    let mut a = gradual::model::Athlete::new("A", Level::Experienced);
    assert_eq!(calf::starting_stage(&a, day(0)).0, 1);
    assert!(
        calf::starting_stage(&a, day(0))
            .1
            .contains("no calf-raise test")
    );
    for (reps, stage) in [
        (9, 1),
        (10, 2),
        (14, 2),
        (15, 3),
        (19, 3),
        (20, 4),
        (24, 4),
        (25, 5),
        (40, 5),
    ] {
        a.calf_raise_tests = vec![test_on(0, reps, reps + 5)];
        let (s, why) = calf::starting_stage(&a, day(0));
        assert_eq!(s, stage, "{reps} reps");
        assert!(
            why.contains(&format!("weaker leg (left) {reps} reps, so stage {stage}")),
            "{why}"
        );
    }
    // The latest test counts.
    a.calf_raise_tests.push(test_on(-30, 5, 5));
    assert_eq!(calf::starting_stage(&a, day(0)).0, 5);
}

#[test]
fn novices_and_old_tests_start_at_stage_3_or_lower() {
    // The case: a novice whose weaker leg manages 27 raises.
    let mut a = gradual::model::Athlete::new("A", Level::Novice);
    a.calf_raise_tests = vec![test_on(0, 27, 30)];
    let (s, why) = calf::starting_stage(&a, day(0));
    assert_eq!(s, 3);
    assert!(why.contains("a novice starts at stage 3 or lower"), "{why}");
    a.calf_raise_tests = vec![test_on(0, 12, 30)];
    assert_eq!(calf::starting_stage(&a, day(0)).0, 2, "lower stays lower");
    // Experienced, but the test is more than 8 weeks old.
    let mut a = gradual::model::Athlete::new("A", Level::Experienced);
    a.calf_raise_tests = vec![test_on(0, 27, 30)];
    assert_eq!(calf::starting_stage(&a, day(56)).0, 5, "8 weeks exactly");
    let (s, why) = calf::starting_stage(&a, day(57));
    assert_eq!(s, 3);
    assert!(why.contains("older than 8 weeks"), "{why}");
}

#[test]
fn the_ladder_and_the_library_agree() {
    let lib = calf::library();
    for st in calf::LADDER {
        assert!(lib.iter().any(|e| e.id == st.exercise), "{}", st.exercise);
        assert!(
            st.instructions.contains("5/10"),
            "stage {} says when to stop",
            st.number
        );
    }
    for id in [
        "standing-calf-stretch",
        "downward-dog",
        "heel-drop-stretch",
        "brisk-walk",
        "inchworms",
        "butt-kicks",
    ] {
        let e = lib
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        assert!(!e.steps.is_empty());
    }
    assert_eq!(
        calf::LADDER[4].reps,
        (25, 30),
        "stage 5 is the article's 3 × 25–30"
    );
}

fn three_run_week(level: Level) -> gradual::model::Plan {
    let mut p = plan(level);
    for w in 0..4 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
        p.sessions.push(easy(w * 7 + 3, 6.0));
        p.sessions.push(run(w * 7 + 5, RunKind::Long, 10.0));
    }
    p
}

/// All generated calf days of a week: sessions and the test.
fn week_days(w: &calf::WeekPlan) -> Vec<chrono::NaiveDate> {
    let mut d = w.days.clone();
    d.extend(w.test);
    d.sort();
    d
}

#[test]
fn a_three_run_week_gets_three_sessions_on_free_days_48h_apart() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 22, 22)];
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert_eq!(s.per_week, 3, "3 a week for non-novices");
    assert_eq!(
        s.weeks[0].days,
        vec![day(0), day(2), day(6)],
        "Mon, Wed, Sun: Fri is the day before the long run"
    );
    assert_eq!(s.weeks[0].test, None, "a recent test: no test in week 1");
    let novice = calf::schedule(&three_run_week(Level::Novice), &Options::default()).unwrap();
    assert_eq!(week_days(&novice.weeks[0]).len(), 2, "2 a week for novices");
}

#[test]
fn a_six_run_week_gets_one_session_and_says_why() {
    let mut p = plan(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 22, 22)];
    p.sessions = (0..6).map(|d| easy(d, 5.0)).collect();
    let s = first_week(&p);
    assert_eq!(calf_days(&s), vec![day(6)]);
    let note = s.weeks[0].note.as_deref().unwrap();
    assert!(
        note.contains("1 calf session instead of 3: only 1 day without a run"),
        "{note}"
    );
}

#[test]
fn two_sessions_rather_than_one_the_day_before_a_key_run() {
    // Runs Tue (tempo), Thu, Sat (long): free Mon, Wed, Fri, Sun. Three sessions 48 h
    // apart would need Fri (before the long run) or Mon (before the tempo run)...
    let mut p = plan(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 22, 22)];
    p.sessions = vec![
        run(1, RunKind::Tempo, 8.0),
        easy(3, 6.0),
        run(5, RunKind::Long, 14.0),
    ];
    let s = first_week(&p);
    assert_eq!(s.weeks[0].days, vec![day(2), day(6)], "Wed and Sun only");
    let note = s.weeks[0].note.as_deref().unwrap();
    assert!(
        note.contains(
            "2 calf sessions instead of 3: another would fall the day before a long or quality run"
        ),
        "{note}"
    );
}

#[test]
fn a_skipped_week_steps_down() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 22, 22)];
    for d in [0, 2, 6] {
        let mut c = calf(d);
        c.status = Status::Skipped;
        p.sessions.push(c);
    }
    let s = calf::schedule(
        &p,
        &Options {
            from: Some(day(7)),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(s.start_stage, 4);
    assert_eq!(s.weeks[0].stage, 3, "one stage down after a skipped week");
    assert!(
        s.weeks[0]
            .note
            .as_deref()
            .unwrap()
            .contains("one stage down")
    );
}

#[test]
fn stages_climb_on_complete_weeks_with_a_test_every_fourth() {
    let mut p = plan(Level::Experienced);
    for w in 0..10 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
    }
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let stages: Vec<u8> = s.weeks.iter().map(|w| w.stage).collect();
    let deloads: Vec<bool> = s.weeks.iter().map(|w| w.deload).collect();
    // A new program: two weeks at the low end, a stage up after two complete weeks (one at
    // its high end); deload weeks do not count. Without a test, single-leg raises wait for
    // one (a set never asks for more reps than the weaker leg managed): stage 2 is the top.
    assert_eq!(stages, vec![1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
    assert_eq!(
        deloads,
        vec![
            false, false, false, true, false, false, false, true, false, false
        ]
    );
    let reps: Vec<u8> = s.weeks.iter().map(|w| w.reps).collect();
    assert_eq!(&reps[3..5], &[6, 12], "deload at half volume");
    assert!(
        s.weeks.iter().any(|w| w.note.as_deref().is_some_and(
            |n| n.contains("single-leg raises (stage 3 and up) wait for a calf-raise test")
        )),
        "{:#?}",
        s.weeks
    );
    // No test yet: one in the first week, then every 4th week (the deloads).
    let tests: Vec<usize> = (0..10).filter(|&i| s.weeks[i].test.is_some()).collect();
    assert_eq!(tests, vec![0, 3, 7]);
    assert!(
        s.sessions
            .iter()
            .filter(|g| g.activity == Activity::CalfTest)
            .all(|g| g.generated)
    );
}

#[test]
fn the_first_weeks_stay_under_60_percent_of_the_test() {
    // Experienced, weaker leg 27: stage 5 (25–30), but at most 16 reps (60 %) at first.
    let mut p = plan(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 27, 29)];
    for w in 0..6 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
    }
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert_eq!(s.weeks[0].stage, 5);
    assert_eq!((s.weeks[0].reps, s.weeks[1].reps), (16, 16));
    assert!(
        s.weeks[0]
            .note
            .as_deref()
            .unwrap()
            .contains("16 reps a set to start: about 60 % of the weaker leg's 27"),
        "{:?}",
        s.weeks[0].note
    );
    assert_eq!(
        s.weeks[2].reps, 20,
        "week 3: +25 % at most, not the stage's 30"
    );
    let reps: Vec<u8> = s.weeks.iter().map(|w| w.reps).collect();
    assert_eq!(
        reps,
        vec![16, 16, 20, 13, 25, 27],
        "never more than the test's 27"
    );
    // The novice with 27: stage 3, 12 reps (44 %), not 3 × 25 in week 1.
    let mut p = plan(Level::Novice);
    p.athlete.calf_raise_tests = vec![test_on(-3, 27, 29)];
    p.sessions = (0..6).map(|w| easy(w * 7 + 1, 6.0)).collect();
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert_eq!((s.weeks[0].stage, s.weeks[0].reps), (3, 12));
    assert!(
        s.weeks.iter().take(3).all(|w| w.stage <= 3),
        "no loaded heel drops in week 3"
    );
}

#[test]
fn stage_5_and_6_wait_for_the_evidence() {
    let climb = |tests: Vec<CalfRaiseTest>, mass: Option<f64>| {
        let mut p = plan(Level::Experienced);
        p.athlete.calf_raise_tests = tests;
        p.athlete.body_mass_kg = mass;
        for w in 0..24 {
            p.sessions.push(easy(w * 7 + 1, 6.0));
        }
        calf::schedule(&p, &Options::default()).unwrap()
    };
    // A test of 24: never above stage 4, and the note says why.
    let s = climb(vec![test_on(-3, 24, 26)], Some(70.0));
    assert_eq!(s.weeks.iter().map(|w| w.stage).max(), Some(4));
    assert!(s.weeks.iter().any(|w| {
        w.note
            .as_deref()
            .is_some_and(|n| n.contains("stage 5 waits for a calf-raise test with 25 or more reps"))
    }));
    // 26: stage 5, never 6.
    let s = climb(vec![test_on(-3, 26, 26)], Some(70.0));
    assert_eq!(s.weeks.iter().map(|w| w.stage).max(), Some(5));
    // 31 but no body mass: stage 5.
    let s = climb(vec![test_on(-3, 31, 31)], None);
    assert_eq!(s.weeks.iter().map(|w| w.stage).max(), Some(5));
    assert!(s.weeks.iter().any(|w| {
        w.note
            .as_deref()
            .is_some_and(|n| n.contains("needs the athlete's body mass"))
    }));
    // 31 and 64 kg: stage 6 with the load in kg (5 % of body mass a step).
    let s = climb(vec![test_on(-3, 31, 31)], Some(64.0));
    let loaded: Vec<&calf::WeekPlan> = s.weeks.iter().filter(|w| w.stage == 6).collect();
    assert!(!loaded.is_empty());
    assert_eq!(loaded[0].kg, Some(3.0), "5 % of 64 kg, to the half kg");
    assert!(loaded.iter().all(|w| w.kg.is_some()));
    assert!(
        s.sessions.iter().any(
            |g| matches!(g.activity, Activity::Calf { stage: 6, kg: Some(k), .. } if k == 3.0)
        )
    );
    // A later, better test lets a program that waited at 4 move on.
    let s = climb(vec![test_on(-3, 24, 26), test_on(60, 27, 28)], Some(70.0));
    assert!(
        s.weeks
            .iter()
            .filter(|w| w.start < day(60))
            .all(|w| w.stage <= 4)
    );
    assert_eq!(s.weeks.iter().map(|w| w.stage).max(), Some(5));
}

#[test]
fn only_complete_weeks_count_toward_moving_up() {
    // Three weeks of generated history, all done: the stage goes up after week 3.
    let mut p = plan(Level::Novice);
    for w in 0..8 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
    }
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let mut done = calf::apply(&p, &s);
    for g in done
        .sessions
        .iter_mut()
        .filter(|g| g.generated && g.date < day(21))
    {
        g.status = Status::Done;
    }
    let climbed = calf::schedule(&done, &Options::default()).unwrap();
    // The same with one of week 3's two sessions skipped: that week does not count.
    let mut skipped = done.clone();
    skipped
        .sessions
        .iter_mut()
        .find(|g| g.generated && g.date >= day(14) && g.date < day(21))
        .unwrap()
        .status = Status::Skipped;
    let held = calf::schedule(&skipped, &Options::default()).unwrap();
    let first_at = |s: &calf::Schedule, stage: u8| s.weeks.iter().position(|w| w.stage == stage);
    assert_eq!(first_at(&climbed, 2), Some(3), "after three complete weeks");
    assert_eq!(
        first_at(&held, 2),
        Some(5),
        "the skipped week and the deload do not count"
    );
    // Done and skipped generated sessions are history: re-running keeps them.
    let after = calf::apply(&skipped, &held);
    assert!(
        after
            .sessions
            .iter()
            .any(|g| g.generated && g.status == Status::Skipped)
    );
    assert_eq!(
        after
            .sessions
            .iter()
            .filter(|g| g.generated && g.status == Status::Done)
            .count(),
        skipped
            .sessions
            .iter()
            .filter(|g| g.generated && g.status == Status::Done)
            .count()
    );
}

#[test]
fn no_calf_work_around_the_goal_race_and_no_increase_before_it() {
    let mut p = plan(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 18, 18)];
    for w in 0..6 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
    }
    p.sessions.push(run(41, RunKind::Race, 10.0));
    p.race = Some(gradual::model::Race {
        name: "10K".into(),
        date: day(41),
        km: 10.0,
    });
    p.sessions.push(easy(50, 5.0));
    let s = calf::schedule(&p, &Options::default()).unwrap();
    for g in &s.sessions {
        let d = (g.date - day(41)).num_days();
        assert!(!(-3..=2).contains(&d), "calf work {d} days from the race");
    }
    let race_week = s.weeks.iter().position(|w| w.start == day(35)).unwrap();
    assert!(
        s.weeks[race_week]
            .note
            .as_deref()
            .unwrap()
            .contains("no calf work from 3 days before to 2 days after the race")
    );
    // The weeks starting within 14 days of the race: no stage increase into them.
    let stage_of = |d: i64| s.weeks.iter().find(|w| w.start == day(d)).unwrap().stage;
    assert_eq!(stage_of(35), stage_of(28));
    assert_eq!(stage_of(42), stage_of(35));
}

#[test]
fn a_red_flag_stops_the_program_until_the_all_clear_then_one_stage_lower() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 22, 22)];
    for w in 4..8 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
    }
    p.symptoms = vec![Symptom {
        flags: vec![gradual::model::RedFlag::Swelling],
        ..Symptom::new(day(8), BodyArea::Calf, 4)
    }];
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert!(
        s.sessions.iter().all(|g| g.date < day(8)),
        "stopped with no all-clear"
    );
    let w = &s.weeks[1];
    assert!(w.stopped);
    assert!(
        w.note
            .as_deref()
            .unwrap()
            .contains("log how it feels (pain 2 or less, no flags) to resume"),
        "{:?}",
        w.note
    );
    // An all-clear on day 22: sessions again from then, one stage lower.
    p.symptoms.push(Symptom::new(day(22), BodyArea::Calf, 2));
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert!(
        s.sessions
            .iter()
            .all(|g| g.date < day(8) || g.date >= day(22))
    );
    assert!(s.sessions.iter().any(|g| g.date >= day(22)));
    let before = s.weeks[1].stage;
    let resumed = s.weeks.iter().find(|w| w.start == day(21)).unwrap();
    assert_eq!(resumed.stage, before - 1);
    assert!(
        resumed
            .note
            .as_deref()
            .unwrap()
            .contains("resumes one stage lower"),
        "{:?}",
        resumed.note
    );
    // Calf pain above 5 stops it the same way; 5 does not.
    let mut q = p.clone();
    q.symptoms = vec![Symptom::new(day(8), BodyArea::Achilles, 6)];
    assert!(calf::schedule(&q, &Options::default()).unwrap().weeks[1].stopped);
    q.symptoms = vec![Symptom::new(day(8), BodyArea::Achilles, 5)];
    assert!(!calf::schedule(&q, &Options::default()).unwrap().weeks[1].stopped);
}

#[test]
fn rising_next_morning_pain_holds_the_stage() {
    let mut p = plan(Level::Experienced);
    for w in 0..8 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
    }
    let free = calf::schedule(&p, &Options::default()).unwrap();
    p.symptoms = vec![
        Symptom::new(day(8), BodyArea::Calf, 2),
        Symptom {
            when: Some(gradual::model::When::NextMorning),
            ..Symptom::new(day(16), BodyArea::Calf, 4)
        },
    ];
    let held = calf::schedule(&p, &Options::default()).unwrap();
    let w = &held.weeks[2];
    assert!(w.held);
    assert!(
        w.note
            .as_deref()
            .unwrap()
            .contains("dose held: next-morning pain rose from 2 to 4/10"),
        "{:?}",
        w.note
    );
    let stages = |s: &calf::Schedule| s.weeks.iter().map(|w| w.stage).collect::<Vec<_>>();
    assert!(
        stages(&held)[3..] < stages(&free)[3..],
        "{:?} vs {:?}",
        stages(&held),
        stages(&free)
    );
    // Settled by the next morning (pain falling): carry on.
    p.symptoms[1].pain = 1;
    assert_eq!(
        stages(&calf::schedule(&p, &Options::default()).unwrap()),
        stages(&free)
    );
}

#[test]
fn a_logged_symptom_reschedules_the_program_it_is_part_of() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 22, 22)];
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let p = calf::apply(&p, &s);
    assert_eq!(p.calf_program.as_ref().unwrap().per_week, 3);
    let mut hurt = p.clone();
    hurt.symptoms.push(Symptom {
        flags: vec![gradual::model::RedFlag::Pop],
        ..Symptom::new(day(9), BodyArea::Calf, 7)
    });
    let after = calf::refresh(&hurt).unwrap();
    let generated_after = |pl: &gradual::model::Plan| {
        pl.sessions
            .iter()
            .filter(|g| g.generated && g.date >= day(9))
            .count()
    };
    assert!(generated_after(&p) > 0);
    assert_eq!(generated_after(&after), 0, "stopped");
    assert_eq!(
        after.calf_program, p.calf_program,
        "the program's range is kept"
    );
    // The all-clear brings it back.
    let mut clear = after.clone();
    clear
        .symptoms
        .push(Symptom::new(day(16), BodyArea::Calf, 1));
    let back = calf::refresh(&clear).unwrap();
    assert!(
        back.sessions
            .iter()
            .any(|g| g.generated && g.date >= day(16))
    );
    // A plan without a calf program is left alone.
    assert!(calf::refresh(&three_run_week(Level::Experienced)).is_none());
}

#[test]
fn a_taper_halves_the_volume() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![test_on(-3, 26, 27)];
    p.blocks = vec![
        Block {
            name: "Build".into(),
            start: day(0),
            weeks: 2,
            phase: Phase::Build,
        },
        Block {
            name: "Taper".into(),
            start: day(14),
            weeks: 2,
            phase: Phase::Taper,
        },
    ];
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert_eq!(s.weeks[0].reps, 15, "60 % of 26 in the first weeks");
    assert!(s.weeks[2].deload && s.weeks[3].deload);
    for w in &s.weeks[2..] {
        assert!(
            w.reps <= calf::stage(w.stage).reps.1.div_ceil(2),
            "half volume: {w:?}"
        );
    }
}

#[test]
fn rerunning_replaces_only_generated_sessions_and_is_idempotent() {
    let mut p = three_run_week(Level::Experienced);
    let mut own = calf(2);
    own.note = "mine".into();
    p.sessions.push(own.clone());
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let once = calf::apply(&p, &s);
    assert!(once.sessions.contains(&own), "the user's own session stays");
    assert!(
        !s.sessions
            .iter()
            .any(|g| (g.date - own.date).num_days().abs() < 2),
        "48 h from the user's session too"
    );
    let twice = calf::apply(&once, &calf::schedule(&once, &Options::default()).unwrap());
    assert_eq!(once, twice);
    assert!(
        calf::preview(&once, &calf::schedule(&once, &Options::default()).unwrap())
            .iter()
            .all(|w| w.is_unchanged())
    );
    // Moving a run onto a calf day and re-running moves the calf session.
    let mut moved = once.clone();
    let g = moved
        .sessions
        .iter()
        .find(|s| s.generated && gradual::model::week_start(s.date) == day(7))
        .unwrap()
        .date;
    moved.sessions.push(easy((g - day(0)).num_days(), 5.0));
    let changes = calf::preview(
        &moved,
        &calf::schedule(&moved, &Options::default()).unwrap(),
    );
    assert!(
        changes[1].moved.iter().any(|(from, _)| *from == g) || changes[1].removed.contains(&g),
        "{:?}",
        changes[1]
    );
}

#[test]
fn generated_sessions_are_calf_sessions_of_the_weeks_stage() {
    let mut p = three_run_week(Level::Novice);
    p.athlete.calf_raise_tests = vec![test_on(-3, 30, 30)];
    let s = calf::schedule(
        &p,
        &Options {
            per_week: Some(3),
            start_stage: Some(3),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(s.reason, "chosen: stage 3");
    for g in &s.sessions {
        assert!(g.generated);
        let week = s
            .weeks
            .iter()
            .find(|w| week_days(w).contains(&g.date))
            .unwrap();
        if week.test == Some(g.date) {
            assert_eq!(g.activity, Activity::CalfTest);
            continue;
        }
        assert_eq!(
            g.activity,
            Activity::Calf {
                stage: week.stage,
                sets: 3,
                reps: week.reps,
                kg: None,
            }
        );
    }
}

#[test]
fn cli_calf_dry_run_and_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest {
        date: day(-3),
        left: 16,
        right: 19,
        pain: None,
    }];
    gradual::format::save(&p, &path).unwrap();
    let bin = env!("CARGO_BIN_EXE_gradual");
    let o = std::process::Command::new(bin)
        .args(["calf", path.to_str().unwrap(), "--dry-run"])
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success());
    assert!(
        out.contains(
            "starting at stage 3 (calf-raise test on 2026-01-02: weaker leg (left) 16 reps"
        ),
        "{out}"
    );
    assert!(
        out.contains("2026-01-05     S3     3×9  Mon Wed Sun"),
        "{out}"
    );
    let n = calf::schedule(&p, &Options::default())
        .unwrap()
        .sessions
        .len();
    assert!(
        out.contains(&format!("{n} added, 0 moved, 0 changed, 0 removed."))
            && out.contains("Dry run"),
        "{out}"
    );
    assert_eq!(
        gradual::format::load(&path).unwrap(),
        p,
        "dry run writes nothing"
    );

    let out_path = dir.path().join("out.ron");
    let o = std::process::Command::new(bin)
        .args([
            "calf",
            path.to_str().unwrap(),
            "--per-week",
            "2",
            "-o",
            out_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let written = gradual::format::load(&out_path).unwrap();
    let expected = calf::apply(
        &p,
        &calf::schedule(
            &p,
            &Options {
                per_week: Some(2),
                ..Options::default()
            },
        )
        .unwrap(),
    );
    assert_eq!(
        written.sessions, expected.sessions,
        "the CLI writes the same schedule the window makes"
    );
    let bad = std::process::Command::new(bin)
        .args(["calf", path.to_str().unwrap(), "--per-week", "5"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// A run moved onto a generated calf day is a conflict; a skipped run, or the user's own
/// calf work beside a run, is not.
#[test]
fn conflicts_are_runs_on_generated_calf_days() {
    let mut p = plan(Level::Experienced);
    p.sessions = vec![easy(0, 5.0), easy(2, 5.0), easy(4, 5.0)];
    let s = first_week(&p);
    let p = calf::apply(&p, &s);
    assert!(calf::conflicts(&p).is_empty());
    let calf_day = s.sessions[0].date;
    let mut moved = p.clone();
    let mut run = easy(0, 5.0);
    run.date = calf_day;
    moved.sessions.push(run.clone());
    moved.sort_sessions();
    assert_eq!(calf::conflicts(&moved), [calf_day]);
    assert_eq!(moved.day_range(calf_day).len(), 2);
    // Skipped runs and the user's own calf sessions do not conflict.
    let mut skipped = p.clone();
    run.status = Status::Skipped;
    skipped.sessions.push(run);
    skipped.sort_sessions();
    assert!(calf::conflicts(&skipped).is_empty());
    let mut own = moved.clone();
    for s in own.sessions.iter_mut() {
        s.generated = false;
    }
    assert!(calf::conflicts(&own).is_empty());
}
