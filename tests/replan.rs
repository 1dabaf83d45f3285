//! Re-plan after reality: missed weeks, bigger weeks, red flags; a property test over
//! random missed-session patterns on generated plans.

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use gradual::analysis::headroom::is_distance_rule;
use gradual::analysis::{Rule, Severity, analyze};
use gradual::model::*;
use gradual::replan::replan;
use gradual::templates::all;
use proptest::prelude::*;

fn template_plan(id: &str, base: f64, level: Level) -> Plan {
    let e = all(None).into_iter().find(|e| e.id == id).unwrap();
    from_template(&e.template, base, level)
}

/// Marks the runs of the week starting on day `w * 7` as done (with what was planned) or
/// skipped.
fn settle(p: &mut Plan, w: i64, skip: bool) {
    for s in p
        .sessions
        .iter_mut()
        .filter(|s| s.run().is_some() && s.date >= day(w * 7) && s.date < day(w * 7 + 7))
    {
        s.status = if skip { Status::Skipped } else { Status::Done };
    }
}

/// Distance-rule warnings at caution or above on runs the re-plan could change.
fn open_problems(p: &Plan, from: NaiveDate) -> Vec<String> {
    let r = analyze(p);
    r.warnings
        .iter()
        .filter(|w| w.severity >= Severity::Caution && is_distance_rule(w.rule))
        .filter(|w| {
            w.sessions
                .iter()
                .any(|&i| p.sessions[i].date >= from && p.sessions[i].status == Status::Planned)
        })
        .filter(|w| {
            // Weeks whose limit less running cannot reach are reported, not fixed.
            r.headroom
                .iter()
                .find(|h| h.start == w.week)
                .is_none_or(|h| !h.blockers.iter().any(|b| is_distance_rule(b.rule)))
        })
        .map(|w| format!("{} {}: {}", w.date, w.rule.id(), w.message))
        .collect()
}

#[test]
fn a_missed_week_does_not_turn_the_next_into_a_catch_up_spike() {
    let mut p = template_plan("half-marathon-novice", 25.0, Level::Novice);
    // Week 2 missed, long run included: the plan's next long run is now a spike over
    // the longest of the last 30 days.
    settle(&mut p, 0, false);
    settle(&mut p, 1, true);
    let from = day(14);
    let before = open_problems(&p, from);
    assert!(
        before.iter().any(|x| x.contains("long-run-spike")),
        "{before:#?}"
    );
    let r = replan(&p, from);
    assert!(
        open_problems(&r.plan, from).is_empty(),
        "{:#?}",
        open_problems(&r.plan, from)
    );
    assert!(!r.changes.is_empty());
    assert!(
        r.changes
            .iter()
            .all(|c| c.date >= from && c.after.is_some())
    );
    assert!(
        r.changes
            .iter()
            .all(|c| c.reason.contains("within its headroom")),
        "{:#?}",
        r.changes
    );
    assert!(
        r.changes
            .iter()
            .any(|c| c.reason.contains("long-run spike"))
    );
    // Two weeks missed are a break: the week back is held to a return.
    let mut q = template_plan("half-marathon-novice", 25.0, Level::Novice);
    settle(&mut q, 0, false);
    settle(&mut q, 1, true);
    settle(&mut q, 2, true);
    let rq = replan(&q, day(21));
    assert!(open_problems(&rq.plan, day(21)).is_empty());
    assert!(
        rq.changes.iter().any(|c| c.reason.contains("return after")),
        "{:#?}",
        rq.changes
    );
    // The past and the race are as they were; nothing is made up for the missed week.
    for (a, b) in p.sessions.iter().zip(&r.plan.sessions) {
        if a.date < from {
            assert_eq!(a, b);
        }
    }
    assert_eq!(p.race, r.plan.race);
    assert_eq!(p.sessions.len(), r.plan.sessions.len());
}

#[test]
fn runs_after_a_red_flag_are_dropped_until_an_all_clear() {
    let mut p = template_plan("10k-experienced", 40.0, Level::Experienced);
    settle(&mut p, 0, false);
    p.symptoms.push(Symptom {
        flags: vec![RedFlag::Swelling],
        ..Symptom::new(day(7), BodyArea::Calf, 5)
    });
    let r = replan(&p, day(7));
    let dropped: Vec<_> = r.changes.iter().filter(|c| c.after.is_none()).collect();
    // Every run after the log, not only the first week's: no all-clear was ever logged.
    let runs_after = p
        .sessions
        .iter()
        .filter(|s| s.run().is_some() && s.date > day(7))
        .count();
    assert_eq!(dropped.len(), runs_after, "{dropped:#?}");
    for c in &dropped {
        assert!(c.date > day(7), "{c:?}");
        assert!(
            c.reason
                .contains("the calf log with swelling on 2026-01-12"),
            "{c:?}"
        );
    }
    let a = analyze(&r.plan);
    assert!(
        of(&a, Rule::BeforeAllClear).is_empty(),
        "no run left before the all-clear: {:#?}",
        of(&a, Rule::BeforeAllClear)
    );
    // The red flag itself is reported as what re-planning cannot fix.
    assert!(
        r.left.iter().any(|l| l.contains("red-flag")),
        "{:#?}",
        r.left
    );
    // With an all-clear on day 16, only the runs before it go.
    p.symptoms.push(Symptom::new(day(16), BodyArea::Calf, 1));
    let r = replan(&p, day(7));
    let dropped: Vec<_> = r.changes.iter().filter(|c| c.after.is_none()).collect();
    assert!(!dropped.is_empty());
    assert!(dropped.iter().all(|c| c.date < day(16)), "{dropped:#?}");
}

#[test]
fn after_an_all_clear_the_way_back_starts_easy() {
    // A strain, cleared on day 9; intervals planned on day 11 (day 2 back).
    let mut p = template_plan("10k-experienced", 40.0, Level::Experienced);
    settle(&mut p, 0, false);
    p.symptoms.push(Symptom::new(day(7), BodyArea::Calf, 4));
    p.symptoms.push(Symptom::new(day(9), BodyArea::Calf, 1));
    p.sessions
        .retain(|s| !(s.date == day(11) && s.run().is_some()));
    p.sessions.push(run(11, RunKind::Intervals, 7.0));
    p.canonicalize();
    let before = analyze(&p);
    let w = of(&before, Rule::NewIntensity)
        .into_iter()
        .find(|w| w.date == day(11))
        .expect("check flags the quality run on day 2 back");
    assert_eq!(w.severity, Severity::Caution);
    assert!(
        w.message
            .contains("2 days after the all-clear for the calf strain (4/10) on 2026-01-12"),
        "{}",
        w.message
    );
    let r = replan(&p, day(8));
    let day2 = r
        .plan
        .sessions
        .iter()
        .filter(|s| s.date == day(11))
        .find_map(|s| s.run())
        .expect("kept as a run");
    assert_eq!(day2.kind, RunKind::Easy, "no quality run on day 2 back");
    assert!(r.changes.iter().any(|c| c.date == day(11)
        && c.before.starts_with("Intervals")
        && c.after.as_deref().is_some_and(|a| a.starts_with("Easy"))));
    let after = analyze(&r.plan);
    assert!(
        of(&after, Rule::NewIntensity)
            .iter()
            .all(|w| w.date != day(11)),
        "{:#?}",
        of(&after, Rule::NewIntensity)
    );
}

#[test]
fn a_spike_less_running_fixes_is_fixed_not_left() {
    // A week with an easy 5 km and a long run of 8.1 km (+62 %) with nothing before: the
    // week's scale keeps the shape, so only shortening that run fixes it.
    let mut p = plan(Level::Experienced);
    p.sessions = vec![load(0, 30), easy(36, 5.0), run(38, RunKind::Long, 8.1)];
    let before = analyze(&p);
    assert!(
        of(&before, Rule::LongRunSpike)
            .iter()
            .any(|w| w.message.contains("+62 %"))
    );
    let r = replan(&p, day(0));
    assert!(
        r.left.iter().all(|l| !l.contains("long-run-spike")),
        "{:#?}",
        r.left
    );
    assert_eq!(r.changes.len(), 1, "{:#?}", r.changes);
    assert_eq!(r.changes[0].before, "Long run 8.1 km");
    assert_eq!(r.changes[0].after.as_deref(), Some("Long run 5.5 km"));
    let long = r.plan.sessions.iter().find(|s| s.date == day(38)).unwrap();
    assert_eq!(long.run().unwrap().km, Some(5.5));
    assert!(of(&analyze(&r.plan), Rule::LongRunSpike).is_empty());
}

#[test]
fn nothing_changes_when_nothing_needs_to() {
    let p = template_plan("5k-novice", 12.0, Level::Novice);
    let r = replan(&p, day(0));
    assert!(r.changes.is_empty(), "{:#?}", r.changes);
    assert_eq!(r.plan, p);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever was missed or done before `from`, the re-plan leaves no distance or load
    /// warning at caution or above on the runs still to come (except what less running
    /// cannot fix), never touches the past and never adds a session.
    #[test]
    fn after_a_replan_the_coming_weeks_are_clear(
        t in 0usize..4,
        weeks_done in 1i64..8,
        missed in proptest::collection::vec(any::<bool>(), 8),
        bigger in proptest::option::of(0i64..8),
    ) {
        let (id, base, level) = [
            ("5k-novice", 10.0, Level::Novice),
            ("10k-experienced", 35.0, Level::Experienced),
            ("half-marathon-novice", 22.0, Level::Returning),
            ("marathon-experienced", 55.0, Level::Experienced),
        ][t];
        let mut p = template_plan(id, base, level);
        for w in 0..weeks_done {
            settle(&mut p, w, missed[w as usize]);
        }
        // A week done bigger than planned: its long run 40 % longer than written.
        if let Some(w) = bigger.filter(|w| *w < weeks_done && !missed[*w as usize])
            && let Some(s) = p
                .sessions
                .iter_mut()
                .filter(|s| s.date >= day(w * 7) && s.date < day(w * 7 + 7))
                .rfind(|s| s.run().is_some_and(|r| r.kind == RunKind::Long))
        {
            let km = s.run().unwrap().km.unwrap_or(10.0);
            s.actual = Some(Actual {
                km: Some(km * 1.4),
                minutes: (km * 1.4 * 6.5) as u32,
                rpe: None,
                source: "watch.fit".into(),
                start: None,
                unplanned: false,
            });
        }
        let from = day(weeks_done * 7);
        let r = replan(&p, from);
        let problems = open_problems(&r.plan, from);
        prop_assert!(problems.is_empty(), "{id}: {problems:#?}\n{:#?}", r.changes);
        for (a, b) in p.sessions.iter().zip(&r.plan.sessions) {
            if a.date < from || a.status == Status::Done {
                prop_assert_eq!(a, b);
            }
        }
        prop_assert!(r.plan.sessions.len() <= p.sessions.len());
        prop_assert_eq!(&p.race, &r.plan.race);
        let _ = Duration::days(0);
    }
}

fn gradual(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gradual"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_previews_then_writes_with_a_backup() {
    let mut p = template_plan("half-marathon-novice", 25.0, Level::Novice);
    settle(&mut p, 0, false);
    settle(&mut p, 1, true);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missed.ron");
    gradual::format::save(&p, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let f = path.to_str().unwrap();
    let from = day(14).to_string();
    let o = gradual(&["replan", f, "--from", &from, "--dry-run"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains(&format!("  week of {}", day(14))), "{out}");
    assert!(out.contains("within its headroom"), "{out}");
    assert!(out.contains("Dry run: nothing written."), "{out}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let o = gradual(&["replan", f, "--from", &from]);
    assert_eq!(o.status.code(), Some(0));
    let after = gradual::format::load(&path).unwrap();
    assert_eq!(after, replan(&p, day(14)).plan);
    assert!(gradual::format::backup_path(&path).exists());
    // Again: nothing left to change, nothing written.
    let o = gradual(&["replan", f, "--from", &from]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Nothing to change"), "{out}");
    // A date it cannot read is refused with the form it wants.
    let o = gradual(&["replan", f, "--from", "next week"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn calf_loading_cross_training_before_a_run_is_shifted_to_a_day_that_raises_nothing() {
    let mut p = with_baseline(Level::Experienced, 30.0, 12.0);
    p.sessions = vec![
        easy(1, 8.0),
        easy(3, 8.0),
        cross(4, CrossKind::Plyometrics, 30, 7, false),
        run(5, RunKind::Long, 12.0),
        easy(8, 8.0),
        easy(10, 8.0),
        run(12, RunKind::Long, 12.0),
    ];
    p.canonicalize();
    let before = analyze(&p);
    assert!(
        before
            .warnings
            .iter()
            .any(|w| w.rule == Rule::CalfCrossTraining && w.severity >= Severity::Caution),
        "{:#?}",
        before.warnings
    );
    let r = replan(&p, day(0));
    let moved: Vec<_> = r
        .changes
        .iter()
        .filter(|c| c.before.starts_with("Plyometrics"))
        .collect();
    assert_eq!(moved.len(), 1, "{:#?}", r.changes);
    assert_eq!(moved[0].date, day(4));
    assert!(
        moved[0]
            .after
            .as_deref()
            .is_some_and(|a| a.contains(" on "))
    );
    let after = analyze(&r.plan);
    assert!(
        !after
            .warnings
            .iter()
            .any(|w| w.rule == Rule::CalfCrossTraining && w.severity >= Severity::Caution),
        "{:#?}",
        after.warnings
    );
    assert_eq!(
        r.plan.sessions.len(),
        p.sessions.len(),
        "moved, not dropped"
    );
    // From a later day the session is in the past: left where it is.
    let later = replan(&p, day(5));
    assert!(
        later
            .changes
            .iter()
            .all(|c| !c.before.starts_with("Plyometrics"))
    );
}

/// The re-plan judges each calf-loading session's move on its own day and the next
/// (`replan::shift`): that is exact only while the placement rules are the only ones that
/// ever name a session that is not a run.
fn only_placement_rules_name_other_sessions(p: &Plan) -> Result<(), String> {
    for w in analyze(p).warnings {
        for &i in &w.sessions {
            if p.sessions[i].run().is_none() && !w.rule.is_placement() {
                return Err(format!("{} names {:?}", w.rule.id(), p.sessions[i]));
            }
        }
    }
    Ok(())
}

#[test]
fn only_placement_rules_name_sessions_that_are_not_runs_in_the_bundled_plans() {
    for entry in std::fs::read_dir("plans").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let p = gradual::format::parse(&text, &path).unwrap();
        only_placement_rules_name_other_sessions(&p).unwrap();
    }
    for e in all(None) {
        let p = template_plan(&e.id, 30.0, Level::Novice);
        only_placement_rules_name_other_sessions(&p).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn only_placement_rules_name_sessions_that_are_not_runs(
        sessions in proptest::collection::vec((0i64..70, 0u8..8, 1u32..120), 1..60),
        pain in proptest::option::of((0i64..70, 0u8..11)),
    ) {
        let mut p = with_baseline(Level::Novice, 20.0, 8.0);
        for (d, kind, size) in sessions {
            p.sessions.push(match kind {
                0 => easy(d, f64::from(size) / 8.0),
                1 => run(d, RunKind::Long, f64::from(size) / 5.0),
                2 => run(d, RunKind::Intervals, f64::from(size) / 10.0),
                3 => timed(d, RunKind::Tempo, size),
                4 => cross(d, CrossKind::SkippingRope, size, 7, true),
                5 => cross(d, CrossKind::Cycling, size, 5, false),
                6 => calf(d),
                _ => barefoot(d, f64::from(size) / 20.0, Footwear::Barefoot),
            });
        }
        if let Some((d, pain)) = pain {
            p.symptoms.push(Symptom::new(day(d), BodyArea::Calf, pain));
        }
        p.canonicalize();
        prop_assert_eq!(only_placement_rules_name_other_sessions(&p), Ok(()));
    }
}

/// A synthetic plan of `years`, its first half done but for one missed week just before
/// the middle, and the middle's Monday (as the benchmark sets it up).
fn missed_week(years: u32) -> (Plan, NaiveDate) {
    let mut plan = gradual::synthetic::plan(years * 52);
    let (lo, hi) = plan.date_range().unwrap();
    let from = week_start(lo + (hi - lo) / 2);
    for s in &mut plan.sessions {
        if s.date < from - Duration::days(7) {
            s.status = Status::Done;
        } else if s.date < from {
            s.status = Status::Skipped;
        }
    }
    (plan, from)
}

/// The days analysed (summed over every analysis) by `f`.
fn work(f: impl FnOnce()) -> u64 {
    let before = gradual::analysis::days_analysed();
    f();
    gradual::analysis::days_analysed() - before
}

#[test]
fn a_replan_is_linear_in_the_plan() {
    // Every week's second calf session shares the long run's day: a move a week from the
    // middle on, each once judged by analysing the whole plan again (and again for each
    // day tried).
    let (one, from1) = missed_week(1);
    let (four, from4) = missed_week(4);
    let r1 = replan(&one, from1);
    assert!(r1.changes.len() >= 20, "{}", r1.changes.len());
    let w1 = work(|| drop(replan(&one, from1)));
    let w4 = work(|| drop(replan(&four, from4)));
    let days = |p: &Plan| {
        p.date_range()
            .map(|(a, b)| (b - a).num_days() as u64)
            .unwrap()
    };
    // Linear: four times the plan, about four times the work (a quadratic path does 16×);
    // and a small multiple of one analysis.
    assert!(w4 < 5 * w1, "1 year {w1} days analysed, 4 years {w4}");
    assert!(
        w4 < 15 * days(&four),
        "4 years: {w4} days analysed for {}",
        days(&four)
    );
}

#[test]
fn a_fit_is_linear_in_the_plan() {
    // Two weeks without running in every eight: three weeks back after each break are over
    // their headroom, and each fitted week changes the next one's limits — a fit that
    // analysed the whole plan again after each week would do 16× the work for 4× the plan.
    let breaks = |years: u32| {
        let mut plan = gradual::synthetic::plan(years * 52);
        let (lo, hi) = plan.date_range().unwrap();
        for s in &mut plan.sessions {
            if (s.date - lo).num_days() / 7 % 8 >= 6 && s.run().is_some() {
                s.status = Status::Skipped;
            }
        }
        (plan, lo, hi)
    };
    let (one, lo1, hi1) = breaks(1);
    let (four, lo4, hi4) = breaks(4);
    let fitted = gradual::analysis::headroom::fit(&four, lo4, hi4);
    assert!(fitted.changed.len() >= 100, "{}", fitted.changed.len());
    let w1 = work(|| drop(gradual::analysis::headroom::fit(&one, lo1, hi1)));
    let w4 = work(|| drop(gradual::analysis::headroom::fit(&four, lo4, hi4)));
    let days = (hi4 - lo4).num_days() as u64;
    // About 70 days analysed per day of the plan (a window of a few weeks for each week,
    // once or twice); analysing the whole plan after each fitted week is about 300.
    assert!(w4 < 100 * days, "4 years: {w4} days analysed for {days}");
    assert!(w4 < 8 * w1, "1 year {w1} days analysed, 4 years {w4}");
}
