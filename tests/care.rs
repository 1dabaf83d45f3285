//! Care: the article's advice for each kind of symptom, the return-to-running criteria,
//! the return block's ladder (checked by Gradual's own rules), and the CLI commands.

mod common;

use common::*;
use gradual::analysis::{Severity, analyze};
use gradual::care::{self, Care};
use gradual::model::{
    BodyArea, CalfRaiseTest, Level, Plan, RedFlag, RunKind, Side, Status, Symptom, When,
};
use std::process::Command;

fn sym(n: i64, area: BodyArea, pain: u8) -> Symptom {
    Symptom::new(day(n), area, pain)
}

#[test]
fn advice_fits_the_symptom() {
    // A cramp: stretch and massage; a doctor if it keeps coming back.
    let a = care::advice(&Symptom {
        cramp: true,
        ..sym(0, BodyArea::Calf, 6)
    });
    assert_eq!(a.care, Care::Cramp);
    assert!(a.steps[0].contains("Stretch the calf slowly and massage"));
    assert!(
        a.steps
            .iter()
            .any(|s| s.contains("keep coming back, stop and see a doctor"))
    );
    // A strain (pain 4 or more): RICE with the article's numbers.
    let a = care::advice(&sym(0, BodyArea::Calf, 4));
    assert_eq!(a.care, Care::Strain);
    let text = a.steps.join(" ");
    for part in [
        "Rest the leg",
        "Ice: 15–20 minutes, three times a day",
        "loosen the bandage if the pain gets worse",
        "Elevate",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert!(
        a.source
            .contains("How To Treat & Prevent Calf Pain From Running")
    );
    // Pain 3: keep an eye on it.
    assert_eq!(care::advice(&sym(0, BodyArea::Calf, 3)).care, Care::Monitor);
    // A red flag first sends to a professional; a pop says it can be a tear.
    let a = care::advice(&Symptom {
        flags: vec![RedFlag::Pop],
        ..sym(0, BodyArea::Calf, 3)
    });
    assert_eq!(a.care, Care::RedFlag);
    assert!(a.steps[0].starts_with("See a doctor or physiotherapist"));
    assert!(a.steps.iter().any(|s| s.contains("can mean a tear")));
    assert!(!a.title.contains("diagnos"), "guidance, not diagnosis");
}

/// Six weeks of running (about 30 km a week), a strain on day 43 (left calf, pain 6),
/// and what follows.
fn strained() -> Plan {
    let mut p = with_baseline(Level::Experienced, 30.0, 12.0);
    for w in 0..12 {
        p.sessions.push(easy(w * 7 + 1, 8.0));
        p.sessions.push(run(w * 7 + 3, RunKind::Tempo, 8.0));
        p.sessions.push(run(w * 7 + 6, RunKind::Long, 12.0));
    }
    for s in p.sessions.iter_mut().filter(|s| s.date < day(43)) {
        s.status = Status::Done;
    }
    p.symptoms.push(Symptom {
        side: Some(Side::Left),
        when: Some(When::During),
        ..sym(43, BodyArea::Calf, 6)
    });
    p
}

#[test]
fn the_criteria_are_checked_and_say_what_is_missing() {
    let mut p = strained();
    let c = care::criteria(&p, day(49));
    assert!(!c[0].met, "pain 6 without an all-clear: {}", c[0].detail);
    assert!(!c[1].met);
    assert!(
        !c[2].met
            && c[2]
                .detail
                .contains("record a calf-raise test after the calf pain of 2026-02-17")
    );
    // Pain settles: 3 is not enough, 2 is.
    p.symptoms.push(sym(50, BodyArea::Calf, 3));
    assert!(!care::criteria(&p, day(51))[1].met);
    p.symptoms.push(sym(53, BodyArea::Calf, 2));
    let c = care::criteria(&p, day(54));
    assert!(c[0].met && c[1].met, "{c:#?}");
    // A test with the injured (left) side at 85 %, then at 92 %.
    p.athlete.calf_raise_tests.push(CalfRaiseTest {
        date: day(54),
        left: 17,
        right: 20,
    });
    let c = care::criteria(&p, day(55));
    assert!(
        !c[2].met
            && c[2]
                .detail
                .contains("left leg 17 reps vs 20: 85 % (90 % needed)"),
        "{}",
        c[2].detail
    );
    p.athlete.calf_raise_tests.push(CalfRaiseTest {
        date: day(55),
        left: 22,
        right: 24,
    });
    assert!(care::criteria(&p, day(56)).iter().all(|c| c.met));
    // 90 % exactly is enough (18 of 20).
    p.athlete.calf_raise_tests.push(CalfRaiseTest {
        date: day(56),
        left: 18,
        right: 20,
    });
    assert!(care::criteria(&p, day(56))[2].met);
    // A test from before the injury does not count.
    let mut q = strained();
    q.athlete.calf_raise_tests.push(CalfRaiseTest {
        date: day(40),
        left: 25,
        right: 25,
    });
    q.symptoms.push(sym(53, BodyArea::Calf, 1));
    assert!(!care::criteria(&q, day(54))[2].met);
    // A red flag needs its all-clear.
    let mut r = strained();
    r.symptoms[0].flags = vec![RedFlag::Swelling];
    assert!(
        care::criteria(&r, day(50))[0]
            .detail
            .contains("no all-clear yet")
    );
}

fn ready() -> Plan {
    let mut p = strained();
    p.symptoms.push(sym(53, BodyArea::Calf, 2));
    p.athlete.calf_raise_tests.push(CalfRaiseTest {
        date: day(55),
        left: 22,
        right: 24,
    });
    for s in p
        .sessions
        .iter_mut()
        .filter(|s| s.date >= day(43) && s.date < day(56))
    {
        s.status = Status::Skipped;
    }
    p
}

#[test]
fn the_return_block_is_a_walk_run_ladder_then_a_rebuild_clear_by_the_rules() {
    let p = ready();
    let b = care::return_block(&p, day(56)); // a Monday
    assert!(b.ready());
    assert!(b.before_minutes > 150.0, "{}", b.before_minutes);
    // Walk/run every other day for two weeks, then continuous, rebuilding upward.
    assert!(b.weeks[0].walk_run && b.weeks[1].walk_run && !b.weeks[2].walk_run);
    assert_eq!(b.weeks[0].sessions.len(), 3);
    let gaps: Vec<i64> = b.weeks[0]
        .sessions
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).num_days())
        .collect();
    assert_eq!(gaps, vec![2, 2], "every other day");
    let totals: Vec<u32> = b.weeks.iter().map(|w| w.minutes()).collect();
    assert!(totals.windows(2).all(|w| w[1] >= w[0]), "{totals:?}");
    assert!(f64::from(totals[0]) <= b.before_minutes * 0.5, "{totals:?}");
    assert!(
        f64::from(*totals.last().unwrap()) > b.before_minutes * 0.8,
        "{totals:?}"
    );
    assert!(b.weeks.len() >= 4, "over several weeks: {totals:?}");
    // Sessions are time-only easy runs with a note saying when to move on.
    let block: Vec<_> = b
        .plan
        .sessions
        .iter()
        .filter(|s| s.date >= day(56) && s.date <= b.end() && s.run().is_some())
        .collect();
    assert!(block.iter().all(|s| {
        let r = s.run().unwrap();
        r.km.is_none()
            && r.kind == RunKind::Easy
            && s.note
                .contains("3/10 or less and was gone by the next morning")
    }));
    assert!(block[0].note.contains("walk/run step 1"));
    // Gradual's own rules: nothing at caution or above in the block.
    assert!(b.block_warnings.is_empty(), "{:#?}", b.block_warnings);
    let r = analyze(&b.plan);
    assert!(
        r.warnings
            .iter()
            .filter(|w| w.date >= day(56) && w.date <= b.end())
            .all(|w| w.severity < Severity::Caution),
        "{:#?}",
        r.warnings
    );
    // The runs it replaced are gone; done and skipped runs stay.
    assert!(b.replaced > 0);
    assert!(b.plan.sessions.iter().any(|s| s.status == Status::Skipped));
    assert!(b.plan.blocks.iter().any(|x| x.name == care::RETURN_BLOCK));
}

#[test]
fn the_return_block_is_clear_for_many_starts_and_histories() {
    // A property over starts on every weekday, breaks of different length and volumes.
    for weekly in [15.0, 30.0, 60.0] {
        for gap in [14i64, 28, 60] {
            for start_offset in 0..7 {
                let mut p = with_baseline(Level::Novice, weekly, weekly / 3.0);
                for w in 0..6 {
                    p.sessions.push(easy(w * 7 + 1, weekly / 3.0));
                    p.sessions.push(easy(w * 7 + 3, weekly / 3.0));
                    p.sessions.push(run(w * 7 + 6, RunKind::Long, weekly / 3.0));
                }
                let from = 42 + gap + start_offset;
                for w in 0..10 {
                    p.sessions.push(easy(from + w * 7, weekly / 2.0));
                }
                let b = care::return_block(&p, day(from));
                assert!(
                    b.block_warnings.is_empty(),
                    "{weekly} km, {gap} days off, start +{start_offset}: {:#?}",
                    b.block_warnings
                );
                let first = b.weeks.iter().find(|w| !w.sessions.is_empty()).unwrap();
                assert!(first.sessions[0].0 == day(from), "starts on the day asked");
            }
        }
    }
}

#[test]
fn the_goal_race_stays_and_the_block_ends_before_its_week() {
    let mut p = ready();
    p.sessions.push(run(76, RunKind::Race, 10.0));
    p.race = Some(gradual::model::Race {
        name: "10K".into(),
        date: day(76),
        km: 10.0,
    });
    let b = care::return_block(&p, day(56));
    assert!(b.end() < gradual::model::week_start(day(76)));
    assert!(
        b.plan
            .sessions
            .iter()
            .any(|s| s.date == day(76) && s.run().is_some_and(|r| r.kind == RunKind::Race))
    );
}

#[test]
fn the_calf_program_runs_alongside_one_stage_lower() {
    let mut p = ready();
    let s = gradual::calf::schedule(&p, &gradual::calf::Options::default()).unwrap();
    p = gradual::calf::apply(&p, &s);
    let b = care::return_block(&p, day(56));
    let runs: std::collections::HashSet<_> = b
        .plan
        .sessions
        .iter()
        .filter(|s| s.run().is_some() && s.status != Status::Skipped)
        .map(|s| s.date)
        .collect();
    let calf: Vec<_> = b
        .plan
        .sessions
        .iter()
        .filter(|s| s.generated && s.date >= day(56) && s.date <= b.end())
        .collect();
    assert!(!calf.is_empty());
    assert!(
        calf.iter().all(|s| !runs.contains(&s.date)),
        "on the other days"
    );
    let stage_before = p
        .sessions
        .iter()
        .filter(|s| s.date < day(43))
        .rev()
        .find_map(|s| match s.activity {
            gradual::model::Activity::Calf { stage, .. } => Some(stage),
            _ => None,
        })
        .unwrap();
    let stage_after = calf
        .iter()
        .find_map(|s| match s.activity {
            gradual::model::Activity::Calf { stage, .. } => Some(stage),
            _ => None,
        })
        .unwrap();
    assert!(
        stage_after < stage_before,
        "{stage_after} after {stage_before}"
    );
}

fn gradual(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_gradual"))
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr),
    )
}

#[test]
fn cli_symptom_calf_test_and_return() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = strained();
    p.symptoms.clear();
    let s = gradual::calf::schedule(&p, &gradual::calf::Options::default()).unwrap();
    gradual::format::save(&gradual::calf::apply(&p, &s), &path).unwrap();
    let f = path.to_str().unwrap();
    // Log the strain: the advice is printed and the calf program stops.
    let (code, out) = gradual(&[
        "symptom",
        f,
        "--date",
        "2026-02-17",
        "--area",
        "calf",
        "--pain",
        "6",
        "--when",
        "during",
        "--side",
        "left",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Logged for Tester on 2026-02-17: Calf pain 6/10 during the run."),
        "{out}"
    );
    assert!(
        out.contains("Ice: 15–20 minutes, three times a day"),
        "{out}"
    );
    assert!(
        out.contains("Calf program rescheduled from the week of 2026-02-16"),
        "{out}"
    );
    let after = gradual::format::load(&path).unwrap();
    assert_eq!(after.symptoms.len(), 1);
    assert!(
        !after
            .sessions
            .iter()
            .any(|s| s.generated && s.date >= day(43))
    );
    // Not ready yet: the return refuses and writes nothing.
    let (code, out) = gradual(&["return", f, "--from", "2026-03-02"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("[ ] Calf strength") && out.contains("Not ready to return yet"),
        "{out}"
    );
    assert_eq!(gradual::format::load(&path).unwrap(), after);
    // The all-clear and a test, then the return.
    let (code, _) = gradual(&[
        "symptom",
        f,
        "--date",
        "2026-02-27",
        "--area",
        "calf",
        "--pain",
        "1",
    ]);
    assert_eq!(code, 0);
    let (code, out) = gradual(&[
        "calf-test",
        f,
        "--date",
        "2026-02-28",
        "--left",
        "21",
        "--right",
        "23",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("left 21, right 23 (weaker leg 21)"), "{out}");
    let (code, out) = gradual(&["return", f, "--from", "2026-03-02", "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("[x] Calf strength: test on 2026-02-28: left leg 21 reps vs 23: 91 %"),
        "{out}"
    );
    assert!(out.contains("week 1") && out.contains("walk/run"), "{out}");
    assert!(
        out.contains("Gradual's rules find nothing at caution or above in the block."),
        "{out}"
    );
    let (code, out) = gradual(&["return", f, "--from", "2026-03-02"]);
    assert_eq!(code, 0, "{out}");
    let done = gradual::format::load(&path).unwrap();
    assert!(done.blocks.iter().any(|b| b.name == "Return to running"));
    assert!(
        path.with_extension("ron.bak").exists(),
        "saved with a backup"
    );
}
