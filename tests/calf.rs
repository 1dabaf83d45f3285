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

#[test]
fn starting_stage_from_the_weaker_leg() {
    let mut a = gradual::model::Athlete::new("A", Level::Novice);
    assert_eq!(calf::starting_stage(&a).0, 1);
    assert!(calf::starting_stage(&a).1.contains("no calf-raise test"));
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
        a.calf_raise_tests = vec![CalfRaiseTest {
            date: day(0),
            left: reps,
            right: reps + 5,
        }];
        let (s, why) = calf::starting_stage(&a);
        assert_eq!(s, stage, "{reps} reps");
        assert!(
            why.contains(&format!("weaker leg (left) {reps} reps → stage {stage}")),
            "{why}"
        );
    }
    // The latest test counts.
    a.calf_raise_tests.push(CalfRaiseTest {
        date: day(-30),
        left: 5,
        right: 5,
    });
    assert_eq!(calf::starting_stage(&a).0, 5);
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

#[test]
fn a_three_run_week_gets_three_sessions_on_free_days_48h_apart() {
    let p = three_run_week(Level::Experienced);
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert_eq!(s.per_week, 3, "3 a week for non-novices");
    let week1: Vec<_> = s.weeks[0].days.clone();
    assert_eq!(
        week1,
        vec![day(0), day(2), day(6)],
        "Mon, Wed, Sun: Fri is the day before the long run"
    );
    assert!(s.weeks[0].note.is_none());
    let novice = calf::schedule(&three_run_week(Level::Novice), &Options::default()).unwrap();
    assert_eq!(novice.weeks[0].days.len(), 2, "2 a week for novices");
}

#[test]
fn a_six_run_week_gets_one_session_and_says_why() {
    let mut p = plan(Level::Experienced);
    p.sessions = (0..6).map(|d| easy(d, 5.0)).collect();
    let s = calf::schedule(
        &p,
        &Options {
            to: Some(day(6)),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(calf_days(&s), vec![day(6)]);
    let note = s.weeks[0].note.as_deref().unwrap();
    assert!(
        note.contains("1 calf session instead of 3: only 1 day without a run"),
        "{note}"
    );
}

#[test]
fn a_skipped_week_steps_down() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest {
        date: day(-3),
        left: 22,
        right: 22,
    }];
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
fn calf_pain_steps_down() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest {
        date: day(-3),
        left: 22,
        right: 22,
    }];
    p.symptoms.push(Symptom {
        date: day(3),
        area: BodyArea::Calf,
        pain: 6,
        flags: vec![],
        note: String::new(),
    });
    let s = calf::schedule(&p, &Options::default()).unwrap();
    assert_eq!((s.weeks[0].stage, s.weeks[1].stage), (4, 3));
}

#[test]
fn stages_climb_every_two_weeks_with_a_deload_every_fourth() {
    let mut p = plan(Level::Experienced);
    for w in 0..10 {
        p.sessions.push(easy(w * 7 + 1, 6.0));
    }
    let s = calf::schedule(&p, &Options::default()).unwrap();
    let stages: Vec<u8> = s.weeks.iter().map(|w| w.stage).collect();
    let deloads: Vec<bool> = s.weeks.iter().map(|w| w.deload).collect();
    // Two completed full weeks per step; deload weeks do not count toward a step.
    assert_eq!(stages, vec![1, 1, 2, 2, 2, 3, 3, 4, 4, 4]);
    assert_eq!(
        deloads,
        vec![
            false, false, false, true, false, false, false, true, false, false
        ]
    );
    let reps: Vec<u8> = s.weeks.iter().map(|w| w.reps).collect();
    assert_eq!(&reps[2..5], &[12, 6, 12], "deload at half volume");
}

#[test]
fn a_taper_halves_the_volume() {
    let mut p = three_run_week(Level::Experienced);
    p.athlete.calf_raise_tests = vec![CalfRaiseTest {
        date: day(-3),
        left: 26,
        right: 27,
    }];
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
    assert_eq!(s.weeks[0].reps, 25);
    assert!(s.weeks[2].deload && s.weeks[3].deload);
    for w in &s.weeks[2..] {
        let full = calf::stage(w.stage).reps.0;
        assert_eq!(w.reps, full.div_ceil(2), "half of {full}");
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
    let p = three_run_week(Level::Novice);
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
        let week = s.weeks.iter().find(|w| w.days.contains(&g.date)).unwrap();
        assert_eq!(
            g.activity,
            Activity::Calf {
                stage: week.stage,
                sets: 3,
                reps: week.reps
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
        out.contains("2026-01-05     S3    3×12  Mon Wed Sun"),
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
