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

/// The criterion named `name`, or a panic listing them.
fn crit<'a>(c: &'a [care::Criterion], name: &str) -> &'a care::Criterion {
    c.iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("no {name}: {c:#?}"))
}

fn test(n: i64, left: u32, right: u32, pain: Option<u8>) -> CalfRaiseTest {
    CalfRaiseTest {
        pain,
        ..CalfRaiseTest::new(day(n), left, right)
    }
}

#[test]
fn the_criteria_are_checked_and_say_what_is_missing() {
    let mut p = strained();
    let c = care::criteria(&p, day(49));
    assert!(!c[0].met, "pain 6 without an all-clear: {}", c[0].detail);
    assert!(
        c[0].detail
            .contains("the calf strain (6/10) on 2026-02-17 has no all-clear yet"),
        "{}",
        c[0].detail
    );
    assert!(!c[1].met);
    let t = crit(&c, "Calf-raise test after the injury");
    assert!(
        !t.met
            && t.detail.contains(
                "record a calf-raise test taken after the calf strain (6/10) on 2026-02-17"
            ),
        "{}",
        t.detail
    );
    // Pain settles: 3 is not enough, 2 is.
    p.symptoms.push(sym(50, BodyArea::Calf, 3));
    assert!(!care::criteria(&p, day(51))[1].met);
    p.symptoms.push(sym(53, BodyArea::Calf, 2));
    let c = care::criteria(&p, day(54));
    assert!(c[0].met && c[1].met, "{c:#?}");
    // A test with the injured (left) side at 85 % of the other: not yet.
    p.athlete.calf_raise_tests.push(test(54, 22, 26, Some(0)));
    let c = care::criteria(&p, day(55));
    let both = crit(&c, "Both legs alike");
    assert!(
        !both.met
            && both
                .detail
                .contains("left leg 22 reps vs 26: 85 % (90 % needed)"),
        "{}",
        both.detail
    );
    // 92 %, 25 reps or more, no pain: ready.
    p.athlete.calf_raise_tests.push(test(55, 25, 27, Some(1)));
    let c = care::criteria(&p, day(56));
    assert!(c.iter().all(|c| c.met), "{c:#?}");
    // 90 % exactly is enough (27 of 30).
    p.athlete.calf_raise_tests.push(test(56, 27, 30, Some(0)));
    assert!(crit(&care::criteria(&p, day(56)), "Both legs alike").met);
    // Pain during the test must be recorded and 2 or less.
    p.athlete.calf_raise_tests.push(test(57, 27, 30, None));
    let c = care::criteria(&p, day(57));
    assert!(!crit(&c, "No pain in the test").met);
    p.athlete.calf_raise_tests.push(test(58, 27, 30, Some(4)));
    let c = care::criteria(&p, day(58));
    let pain = crit(&c, "No pain in the test");
    assert!(
        !pain.met && pain.detail.contains("pain 4/10 during the test"),
        "{}",
        pain.detail
    );
    // A test from before the injury does not count.
    let mut q = strained();
    q.athlete.calf_raise_tests.push(test(40, 25, 25, Some(0)));
    q.symptoms.push(sym(53, BodyArea::Calf, 1));
    assert!(
        !crit(
            &care::criteria(&q, day(54)),
            "Calf-raise test after the injury"
        )
        .met
    );
    // A red flag needs its all-clear, and a professional.
    let mut r = strained();
    r.symptoms[0].flags = vec![RedFlag::Swelling];
    let c = care::criteria(&r, day(50));
    assert!(
        c[0].detail
            .contains("no all-clear yet: see a doctor or physiotherapist"),
        "{}",
        c[0].detail
    );
}

#[test]
fn symmetry_alone_is_not_strength_back() {
    // The case: 22/21 before the injury, 10/9 after. Symmetric (90 %), but far
    // from what the calves could do, and too few reps to run on.
    let mut p = strained();
    p.symptoms[0].side = None;
    p.athlete.calf_raise_tests.push(test(30, 22, 21, Some(0)));
    p.symptoms.push(sym(53, BodyArea::Calf, 1));
    p.athlete.calf_raise_tests.push(test(54, 10, 9, Some(0)));
    let c = care::criteria(&p, day(55));
    assert!(crit(&c, "Both legs alike").met, "{c:#?}");
    let back = crit(&c, "Back to before the injury");
    assert!(
        !back.met
            && back.detail.contains(
                "weaker (right) leg 9 reps vs 21 in the test on 2026-02-04, before the injury: 43 %"
            ),
        "{}",
        back.detail
    );
    let reps = crit(&c, "Enough reps");
    assert!(
        !reps.met && reps.detail.contains("9 reps; 19 needed"),
        "{}",
        reps.detail
    );
    assert!(!care::return_block(&p, day(55)).ready());
    // Back to 20/19: 90 % of before (19 of 21) and 19 reps (90 % of a test under 25).
    p.athlete.calf_raise_tests.push(test(60, 20, 19, Some(1)));
    let c = care::criteria(&p, day(61));
    assert!(c.iter().all(|c| c.met), "{c:#?}");
    // Without a test before the injury, 25 reps are needed.
    p.athlete.calf_raise_tests.retain(|t| t.date != day(30));
    let c = care::criteria(&p, day(61));
    let reps = crit(&c, "Enough reps");
    assert!(
        !reps.met && reps.detail.contains("19 reps; 25 needed"),
        "{}",
        reps.detail
    );
}

fn ready() -> Plan {
    let mut p = strained();
    p.symptoms.push(sym(53, BodyArea::Calf, 2));
    p.athlete.calf_raise_tests.push(test(55, 25, 27, Some(0)));
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
    assert!(b.ready(), "{:#?}", b.criteria);
    assert!(b.before_minutes > 150.0, "{}", b.before_minutes);
    // Walk/run every other day for two weeks, then continuous, rebuilding upward.
    assert!(b.weeks[0].walk_run && b.weeks[1].walk_run && !b.weeks[2].walk_run);
    assert_eq!(b.weeks[0].sessions.len(), 3);
    let days: Vec<_> = b
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .map(|s| s.date)
        .collect();
    assert!(
        days.windows(2).all(|w| (w[1] - w[0]).num_days() >= 2),
        "never two days in a row: {days:?}"
    );
    // Running rises gradually, session by session: at most +10 % (whole minutes), never
    // a jump from walk/run intervals to an hour of running.
    let runs: Vec<u32> = b
        .weeks
        .iter()
        .flat_map(|w| &w.sessions)
        .map(|s| s.run_minutes)
        .collect();
    assert_eq!(runs[0], 10, "{runs:?}");
    for w in runs.windows(2) {
        assert!(w[1] >= w[0], "{runs:?}");
        assert!(f64::from(w[1]) <= f64::from(w[0]) * 1.1 + 1e-9, "{runs:?}");
    }
    // Walking is counted apart: the first session is 10' running and 20' walking.
    let first = &b.weeks[0].sessions[0];
    assert_eq!((first.run_minutes, first.walk_minutes), (10, 20));
    assert!(
        first
            .note
            .contains("10 × (1 min run, 2 min walk): 10 min running and 20 min walking"),
        "{}",
        first.note
    );
    let totals: Vec<u32> = b.weeks.iter().map(|w| w.minutes()).collect();
    assert!(totals.windows(2).all(|w| w[1] >= w[0]), "{totals:?}");
    assert!(f64::from(totals[0]) <= b.before_minutes * 0.5, "{totals:?}");
    for (k, w) in totals.windows(2).enumerate().skip(2) {
        assert!(
            f64::from(w[1]) <= f64::from(w[0]) * 1.15 + 1.0,
            "week {}: {totals:?}",
            k + 2
        );
    }
    assert!(b.weeks.len() >= 6, "over several weeks: {totals:?}");
    // Sessions are time-only easy runs (their minutes are the running) with a note saying
    // when to move on.
    let block: Vec<_> = b
        .plan
        .sessions
        .iter()
        .filter(|s| s.date >= day(56) && s.date <= b.end() && s.run().is_some())
        .collect();
    assert_eq!(block.len(), runs.len());
    assert!(block.iter().all(|s| {
        let r = s.run().unwrap();
        r.km.is_none()
            && r.kind == RunKind::Easy
            && s.note
                .contains("3/10 or less and was gone by the next morning")
    }));
    assert!(block[0].note.contains("walk/run step 1"));
    assert_eq!(block[0].run().unwrap().minutes, Some(10));
    // Gradual's own rules, the weekly increase included: nothing at caution or above in
    // the block.
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
    // Its weeks are labelled with the return block, not the block it interrupts.
    assert_eq!(
        b.plan.block_in_week(day(56)).map(|x| x.name.as_str()),
        Some(care::RETURN_BLOCK)
    );
}

#[test]
fn a_return_day_never_holds_rest_and_a_run() {
    let mut p = ready();
    for d in [56, 58, 60] {
        let mut rest = gradual::model::Session::new(day(d), gradual::model::Activity::Rest);
        rest.note = "rest".into();
        p.sessions.push(rest);
    }
    p.canonicalize();
    let b = care::return_block(&p, day(58)); // a Wednesday
    for d in [58, 60] {
        let on: Vec<_> = b
            .plan
            .sessions
            .iter()
            .filter(|s| s.date == day(d))
            .collect();
        assert!(on.iter().any(|s| s.run().is_some()), "{on:?}");
        assert!(
            on.iter()
                .all(|s| s.activity != gradual::model::Activity::Rest),
            "{on:?}"
        );
    }
    // A rest day before the block stays.
    assert!(
        b.plan
            .sessions
            .iter()
            .any(|s| s.date == day(56) && s.activity == gradual::model::Activity::Rest)
    );
    // Its first week, starting on a Wednesday, is labelled with the return block.
    assert_eq!(
        b.plan.block_in_week(day(56)).map(|x| x.name.as_str()),
        Some(care::RETURN_BLOCK)
    );
}

#[test]
fn the_return_starts_from_the_latest_injury_never_a_test_before_it() {
    let mut p = strained();
    p.athlete.calf_raise_tests.push(test(30, 25, 25, Some(0)));
    // No all-clear yet: not before the day after the injury.
    assert_eq!(care::default_from(&p, day(20)), day(44));
    assert_eq!(care::default_from(&p, day(47)), day(47));
    // The all-clear on day 53 and a test on day 55: the day after the test.
    p.symptoms.push(sym(53, BodyArea::Calf, 2));
    assert_eq!(care::default_from(&p, day(47)), day(54));
    p.athlete.calf_raise_tests.push(test(55, 25, 27, Some(0)));
    assert_eq!(care::default_from(&p, day(47)), day(56));
    // A block made after the injury is where it starts.
    let b = care::return_block(&p, day(57));
    assert_eq!(care::default_from(&b.plan, day(47)), day(57));
    // A new injury after that block: the block no longer counts.
    let mut q = b.plan.clone();
    q.symptoms.push(Symptom {
        flags: vec![RedFlag::Pop],
        ..sym(70, BodyArea::Calf, 3)
    });
    assert_eq!(care::default_from(&q, day(47)), day(71));
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
                assert!(
                    first.sessions[0].date == day(from),
                    "starts on the day asked"
                );
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
    // One scheduler, one answer: `calf` right after `symptom` changes nothing.
    let (code, out) = gradual(&["calf", f, "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 added, 0 moved, 0 changed, 0 removed."),
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
        out.contains("[ ] Calf-raise test after the injury")
            && out.contains("Not ready to return yet"),
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
    // Every command that writes a plan takes --dry-run (one shared argument struct).
    let before_test = gradual::format::load(&path).unwrap();
    let (code, out) = gradual(&[
        "calf-test",
        f,
        "--date",
        "2026-02-28",
        "--left",
        "25",
        "--right",
        "27",
        "--dry-run",
    ]);
    assert!(
        code == 0 && out.contains("Dry run: nothing written."),
        "{out}"
    );
    assert_eq!(gradual::format::load(&path).unwrap(), before_test);
    let (code, out) = gradual(&[
        "calf-test",
        f,
        "--date",
        "2026-02-28",
        "--left",
        "25",
        "--right",
        "27",
        "--pain",
        "0",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("left 25, right 27 (weaker leg 25), pain during the test 0/10"),
        "{out}"
    );
    let (code, out) = gradual(&["calf", f, "--dry-run"]);
    assert!(
        code == 0 && out.contains("0 added, 0 moved, 0 changed, 0 removed."),
        "calf right after calf-test: {out}"
    );
    let (code, out) = gradual(&["return", f, "--from", "2026-03-02", "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("[x] Both legs alike: left leg 25 reps vs 27: 93 %"),
        "{out}"
    );
    assert!(out.contains("[x] No pain in the test: pain 0/10"), "{out}");
    assert!(
        out.contains("first session: Return to running, walk/run step 1: 5 min brisk walk, then 10 × (1 min run, 2 min walk)"),
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
