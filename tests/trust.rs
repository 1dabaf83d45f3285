//! Warnings a runner can trust: races, layoffs, symptoms, time-only runs, missing
//! baselines and partial weeks, each as a small plan at and around its thresholds.

mod common;

use common::*;
use gradual::analysis::{Report, Rule, Severity, analyze};
use gradual::model::{
    Activity, BodyArea, Level, Race, RedFlag, RunKind, Session, Symptom, Thresholds,
};
use std::path::Path;

fn race_on(p: &mut gradual::model::Plan, n: i64, km: f64) {
    p.race = Some(Race {
        name: "Goal".into(),
        date: day(n),
        km,
    });
}

fn with_rpe(mut s: Session, r: u8) -> Session {
    if let Activity::Run { rpe, .. } = &mut s.activity {
        *rpe = r;
    }
    s
}

// ---- no baseline ------------------------------------------------------------------------

#[test]
fn without_a_baseline_the_first_30_days_are_not_spikes() {
    let mut p = plan(Level::Novice);
    // A normal second run twice the first: not a +100 % spike, nothing to compare with.
    p.sessions = vec![easy(0, 5.0), easy(3, 10.0), easy(29, 10.0)];
    let r = analyze(&p);
    assert!(of(&r, Rule::LongRunSpike).is_empty(), "{:#?}", r.warnings);
    let note = one(&r, Rule::NoBaseline);
    assert_eq!((note.severity, note.date), (Severity::Info, day(0)));
    assert!(
        note.message
            .contains("add the athlete's current weekly distance")
    );
    // From day 30 on, 30 days of the plan lie behind a run: judged.
    p.sessions = vec![easy(0, 5.0), easy(25, 5.0), easy(30, 6.0)];
    assert_eq!(
        severity(&analyze(&p), Rule::LongRunSpike),
        Some(Severity::Caution),
        "6 km after 5 km, on day 30"
    );
    // With a baseline the first days are judged against it, and there is no note.
    let mut p = with_baseline(Level::Novice, 15.0, 5.0);
    p.sessions = vec![easy(0, 5.0), easy(3, 10.0)];
    let r = analyze(&p);
    assert_eq!(severity(&r, Rule::LongRunSpike), Some(Severity::Caution));
    assert!(of(&r, Rule::NoBaseline).is_empty());
}

#[test]
fn a_baseline_from_before_a_layoff_does_not_stand_in_for_recent_runs() {
    // Last run 40 days before the plan: its long run is not "the last 30 days".
    let mut p = with_baseline(Level::Experienced, 30.0, 12.0);
    p.athlete.baseline.as_mut().unwrap().last_run = Some(day(-40));
    p.sessions = vec![easy(0, 14.0)];
    let r = analyze(&p);
    assert!(of(&r, Rule::LongRunSpike).is_empty(), "{:#?}", r.warnings);
    // Ran 20 days before: it does.
    p.athlete.baseline.as_mut().unwrap().last_run = Some(day(-20));
    assert_eq!(
        severity(&analyze(&p), Rule::LongRunSpike),
        Some(Severity::Caution)
    );
}

// ---- partial weeks -----------------------------------------------------------------------

#[test]
fn a_plan_starting_mid_week_does_not_compare_a_partial_week() {
    // Starts on a Thursday: 3 days of running (10 km), then a normal 20 km week.
    let mut p = plan(Level::Experienced);
    p.sessions = vec![
        easy(3, 5.0),
        easy(5, 5.0),
        easy(8, 10.0),
        easy(11, 10.0),
        easy(15, 10.0),
        easy(18, 10.0),
    ];
    let r = analyze(&p);
    assert!(of(&r, Rule::WeeklyIncrease).is_empty(), "{:#?}", r.warnings);
    // The same weeks starting on a Monday: week 2 doubles week 1, and that is real.
    p.sessions[0].date = day(0);
    p.sessions[1].date = day(2);
    assert_eq!(
        severity(&analyze(&p), Rule::WeeklyIncrease),
        Some(Severity::Caution)
    );
    // A Monday rest day does not make the first week partial.
    p.sessions[0].date = day(1);
    assert_eq!(
        severity(&analyze(&p), Rule::WeeklyIncrease),
        Some(Severity::Caution)
    );
}

#[test]
fn a_partial_first_week_leaves_the_comparison_to_the_baseline() {
    let mut p = with_baseline(Level::Experienced, 20.0, 10.0);
    p.sessions = vec![easy(4, 5.0), easy(8, 10.0), easy(11, 10.0)];
    assert!(of(&analyze(&p), Rule::WeeklyIncrease).is_empty());
    p.sessions.push(easy(13, 6.0)); // 26 km: +30 % over the baseline's 20
    let r = analyze(&p);
    let w = one(&r, Rule::WeeklyIncrease);
    assert_eq!(w.severity, Severity::Caution);
    assert!(
        w.message.contains("(20.0 km, from the baseline)"),
        "{}",
        w.message
    );
}

// ---- layoffs -----------------------------------------------------------------------------

/// Baseline 30 km a week, last run `days_before` days before the plan's first run, then
/// a first week of `first_week` km.
fn layoff(days_before: i64, first_week: f64) -> Report {
    let mut p = with_baseline(Level::Returning, 30.0, 10.0);
    p.athlete.baseline.as_mut().unwrap().last_run = Some(day(-days_before));
    p.sessions = vec![easy(0, first_week / 2.0), easy(3, first_week / 2.0)];
    analyze(&p)
}

#[test]
fn a_layoff_before_the_plan_is_a_return() {
    // Gap = days_before − 1 days without running.
    assert!(
        of(&layoff(14, 20.0), Rule::ReturnAfterBreak).is_empty(),
        "13 days off"
    );
    let r = layoff(15, 20.0);
    let w = one(&r, Rule::ReturnAfterBreak);
    assert_eq!((w.severity, w.date), (Severity::Warning, day(0)));
    assert!(
        w.message.contains(
            "Week 1 back after 14 days without running before the plan (last run 2025-12-21)"
        ),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("(30.0 km, from the baseline)"),
        "{}",
        w.message
    );
    assert!(w.message.contains("about 50 % (15.0 km)"), "{}", w.message);
    assert!(
        of(&layoff(15, 15.0), Rule::ReturnAfterBreak).is_empty(),
        "50 % exactly"
    );
    assert_eq!(of(&layoff(15, 15.5), Rule::ReturnAfterBreak).len(), 1);
}

/// Four weeks of 20 km, three weeks off, then three weeks back.
fn comeback(weeks: [f64; 3]) -> Report {
    let mut p = plan(Level::Returning);
    for w in 0..4 {
        p.sessions.push(easy(w * 7, 10.0));
        p.sessions.push(easy(w * 7 + 3, 10.0));
    }
    // Last run on day 24; back on day 46 (21 days off).
    for (k, km) in weeks.into_iter().enumerate() {
        let d = 46 + 7 * k as i64;
        p.sessions.push(easy(d, km / 2.0));
        p.sessions.push(easy(d + 2, km / 2.0));
    }
    analyze(&p)
}

#[test]
fn a_return_is_judged_over_three_weeks() {
    // 50, 70, 85 % of the 20 km before: exactly at the lines.
    assert!(of(&comeback([10.0, 14.0, 17.0]), Rule::ReturnAfterBreak).is_empty());
    // Back to full volume in week 2: caught.
    let r = comeback([10.0, 20.0, 20.0]);
    let ws = of(&r, Rule::ReturnAfterBreak);
    assert_eq!(ws.len(), 2, "{:#?}", r.warnings);
    assert!(
        ws[0].message.starts_with("Week 2 back"),
        "{}",
        ws[0].message
    );
    assert!(
        ws[0].message.contains("about 70 % (14.0 km)"),
        "{}",
        ws[0].message
    );
    assert!(
        ws[1].message.starts_with("Week 3 back"),
        "{}",
        ws[1].message
    );
    // Just over each line.
    assert_eq!(
        of(&comeback([10.4, 14.0, 17.0]), Rule::ReturnAfterBreak).len(),
        1
    );
    assert_eq!(
        of(&comeback([10.0, 14.4, 17.0]), Rule::ReturnAfterBreak).len(),
        1
    );
    assert_eq!(
        of(&comeback([10.0, 14.0, 17.4]), Rule::ReturnAfterBreak).len(),
        1
    );
}

// ---- races ---------------------------------------------------------------------------------

/// Six weeks of 8 + 8 + 10 km with a Tempo run every week, a goal race on day 41.
fn race_plan() -> gradual::model::Plan {
    let mut p = with_baseline(Level::Experienced, 26.0, 10.0);
    for w in 0..6 {
        let d = w * 7;
        p.sessions.push(easy(d + 1, 8.0));
        p.sessions.push(run(d + 3, RunKind::Tempo, 8.0));
        if w < 5 {
            p.sessions.push(run(d + 6, RunKind::Long, 10.0));
        }
    }
    p.sessions.push(with_rpe(run(41, RunKind::Race, 21.1), 9));
    race_on(&mut p, 41, 21.1);
    p
}

#[test]
fn only_the_goal_race_is_a_planned_peak() {
    let p = race_plan();
    let r = analyze(&p);
    let spike = one(&r, Rule::LongRunSpike);
    assert_eq!((spike.severity, spike.date), (Severity::Info, day(41)));
    assert!(spike.message.contains("goal race"), "{}", spike.message);
    // The goal race's week is not a weekly increase (26 → 37.1 km).
    assert!(of(&r, Rule::WeeklyIncrease).is_empty(), "{:#?}", r.warnings);
    // A tune-up half in week 3 after a longest run of 10 km: a real spike.
    let mut p = race_plan();
    p.sessions.push(run(20, RunKind::Race, 21.1));
    let r = analyze(&p);
    let spikes = of(&r, Rule::LongRunSpike);
    let tune_up = spikes
        .iter()
        .find(|w| w.date == day(20))
        .expect("tune-up spike");
    assert_eq!(
        tune_up.severity,
        Severity::Warning,
        "21.1 after 10 km: +111 %"
    );
    assert!(tune_up.message.contains("a race counts like any other run"));
    // With no goal race at all, the last race is judged at full severity too.
    let mut p = race_plan();
    p.race = None;
    let r = analyze(&p);
    assert_eq!(severity(&r, Rule::LongRunSpike), Some(Severity::Warning));
}

#[test]
fn the_goal_race_is_not_new_intensity_and_advice_fits_a_race() {
    // Easy running only, then the goal race five weeks in: no new-intensity.
    let mut p = with_baseline(Level::Novice, 15.0, 8.0);
    for w in 0..5 {
        p.sessions.push(easy(w * 7 + 1, 5.0));
        p.sessions.push(easy(w * 7 + 4, 8.0));
    }
    p.sessions.push(with_rpe(run(34, RunKind::Race, 5.0), 9));
    race_on(&mut p, 34, 5.0);
    let r = analyze(&p);
    assert!(of(&r, Rule::NewIntensity).is_empty(), "{:#?}", r.warnings);
    for w in &r.warnings {
        assert!(
            !w.message.contains("ease back in"),
            "race day gets no comeback advice: {}",
            w.message
        );
    }
    // A tune-up 5K in the same spot (goal race later): a hard session with race advice.
    race_on(&mut p, 60, 10.0);
    let r = analyze(&p);
    let w = one(&r, Rule::NewIntensity);
    assert_eq!((w.severity, w.date), (Severity::Caution, day(34)));
    assert!(
        w.message.contains("a race is a hard effort") && w.message.contains("easy days after it"),
        "{}",
        w.message
    );
    assert!(!w.message.contains("ease back in"), "{}", w.message);
}

// ---- acwr ------------------------------------------------------------------------------------

#[test]
fn a_steady_plan_never_gets_an_acwr_caution() {
    // One 8 km run and one 24 km long run a week for 20 weeks, the ratio raised to warning.
    let mut p = with_baseline(Level::Experienced, 32.0, 24.0);
    for w in 0..20 {
        p.sessions.push(easy(w * 7 + 1, 8.0));
        p.sessions
            .push(with_rpe(run(w * 7 + 6, RunKind::Long, 24.0), 5));
    }
    p.settings.acwr_severity = Some(Severity::Warning);
    let r = analyze(&p);
    // The daily ratio swings with the long run...
    assert!(
        r.weeks.iter().filter_map(|w| w.acwr).any(|a| a >= 1.5),
        "daily peaks: {:?}",
        r.weeks.iter().map(|w| w.acwr).collect::<Vec<_>>()
    );
    // ...but the weekly load does not change, so the rule says nothing.
    assert!(of(&r, Rule::Acwr).is_empty(), "{:#?}", of(&r, Rule::Acwr));
    for w in r.weeks.iter().filter_map(|w| w.acwr_week) {
        assert!((w - 1.0).abs() < 0.1, "weekly ratio {w}");
    }
    assert_eq!(r.worst(), Some(Severity::Info), "{:#?}", r.warnings);
}

// ---- symptoms --------------------------------------------------------------------------------

fn symptom(n: i64, area: BodyArea, pain: u8, flags: Vec<RedFlag>) -> Symptom {
    Symptom {
        flags,
        ..Symptom::new(day(n), area, pain)
    }
}

/// Runs on days 10, 12, 16 and 18 and the given symptoms.
fn runs_after(symptoms: Vec<Symptom>) -> Report {
    let mut p = with_baseline(Level::Experienced, 30.0, 10.0);
    p.sessions = [10, 12, 16, 18].into_iter().map(|d| easy(d, 6.0)).collect();
    p.symptoms = symptoms;
    analyze(&p)
}

#[test]
fn runs_after_a_red_flag_are_warned() {
    let r = runs_after(vec![symptom(
        10,
        BodyArea::Calf,
        3,
        vec![RedFlag::Swelling],
    )]);
    assert_eq!(
        one(&r, Rule::RedFlag).severity,
        Severity::Danger,
        "the symptom itself"
    );
    let ws = of(&r, Rule::BeforeAllClear);
    assert_eq!(ws.len(), 2, "{ws:#?}");
    let runs = ws[0];
    assert_eq!((runs.severity, runs.date), (Severity::Warning, day(12)));
    assert_eq!(
        runs.sessions,
        vec![1, 2],
        "days 12 and 16 (within 7 days); not the same day"
    );
    assert!(
        runs.message
            .contains("see a doctor or physiotherapist before running"),
        "{}",
        runs.message
    );
    // Day 18, still without an all-clear: protected, at caution.
    assert_eq!(
        (ws[1].severity, ws[1].sessions.clone()),
        (Severity::Caution, vec![3])
    );
    assert!(
        ws[1]
            .message
            .contains("the calf log with swelling on 2026-01-15")
            && ws[1].message.contains("no all-clear logged since"),
        "{}",
        ws[1].message
    );
    // An all-clear log (same area, pain ≤ 2, no flags) on day 14 ends it.
    let r = runs_after(vec![
        symptom(10, BodyArea::Calf, 3, vec![RedFlag::Swelling]),
        symptom(14, BodyArea::Calf, 2, vec![]),
    ]);
    let runs = one(&r, Rule::BeforeAllClear);
    assert_eq!(runs.sessions, vec![1]);
    assert!(
        runs.message.contains("before the all-clear on 2026-01-19"),
        "{}",
        runs.message
    );
    // Pain 3 is not an all-clear.
    let r = runs_after(vec![
        symptom(10, BodyArea::Calf, 3, vec![RedFlag::Swelling]),
        symptom(14, BodyArea::Calf, 3, vec![]),
    ]);
    let ws = of(&r, Rule::BeforeAllClear);
    assert!(ws.iter().any(|w| w.sessions == vec![1, 2]));
    assert!(ws.iter().any(|w| w.sessions == vec![3]));
}

#[test]
fn a_pop_is_a_danger_and_high_calf_pain_stops_running() {
    let r = runs_after(vec![symptom(11, BodyArea::Calf, 4, vec![RedFlag::Pop])]);
    let w = one(&r, Rule::RedFlag);
    assert_eq!(w.severity, Severity::Danger);
    assert!(w.message.contains("a pop felt or heard"), "{}", w.message);
    // A pop suggests a tear: every run of the next 14 days is a warning.
    let runs = one(&r, Rule::BeforeAllClear);
    assert_eq!(
        (runs.severity, runs.sessions.clone()),
        (Severity::Warning, vec![1, 2, 3])
    );
    // Calf pain 6 without flags: a warning, and the runs are told not to run through it.
    let r = runs_after(vec![symptom(11, BodyArea::Achilles, 6, vec![])]);
    assert_eq!(one(&r, Rule::RedFlag).severity, Severity::Warning);
    let runs = one(&r, Rule::BeforeAllClear);
    assert_eq!(runs.severity, Severity::Warning);
    assert!(
        runs.message.contains("rest until it settles"),
        "{}",
        runs.message
    );
    // Pain 5 is a strain: not a red flag, but the advice says no running on it, so the
    // runs after it are a caution until an all-clear.
    let r = runs_after(vec![symptom(11, BodyArea::Calf, 5, vec![])]);
    assert!(of(&r, Rule::RedFlag).is_empty());
    let runs = one(&r, Rule::BeforeAllClear);
    assert_eq!(
        (runs.severity, runs.sessions.clone()),
        (Severity::Caution, vec![1, 2, 3])
    );
    assert!(
        runs.message.contains("no running on a strain"),
        "{}",
        runs.message
    );
    // Pain 3 is mild: nothing.
    let r = runs_after(vec![symptom(11, BodyArea::Calf, 3, vec![])]);
    assert!(of(&r, Rule::BeforeAllClear).is_empty());
    // Knee pain 9 is not a calf red flag.
    let r = runs_after(vec![symptom(11, BodyArea::Knee, 9, vec![])]);
    assert!(of(&r, Rule::RedFlag).is_empty());
    assert!(of(&r, Rule::BeforeAllClear).is_empty());
}

#[test]
fn calf_pain_that_does_not_settle_is_a_caution() {
    let case = |logs: Vec<Symptom>| {
        let mut p = plan(Level::Experienced);
        p.symptoms = logs;
        analyze(&p)
    };
    let r = case(vec![
        symptom(1, BodyArea::Calf, 3, vec![]),
        symptom(2, BodyArea::Calf, 3, vec![]),
    ]);
    let w = one(&r, Rule::PainMonitoring);
    assert_eq!((w.severity, w.date), (Severity::Caution, day(2)));
    assert!(w.message.contains("not settling"), "{}", w.message);
    assert!(w.evidence.contains("Silbernagel"));
    // Falling, or under 3, or another area: nothing.
    for logs in [
        vec![
            symptom(1, BodyArea::Calf, 4, vec![]),
            symptom(2, BodyArea::Calf, 3, vec![]),
        ],
        vec![
            symptom(1, BodyArea::Calf, 2, vec![]),
            symptom(2, BodyArea::Calf, 5, vec![]),
        ],
        vec![
            symptom(1, BodyArea::Calf, 3, vec![]),
            symptom(2, BodyArea::Achilles, 3, vec![]),
        ],
        vec![
            symptom(1, BodyArea::Knee, 4, vec![]),
            symptom(2, BodyArea::Knee, 4, vec![]),
        ],
    ] {
        assert!(of(&case(logs), Rule::PainMonitoring).is_empty());
    }
    // Rising: a caution at the later log.
    let r = case(vec![
        symptom(1, BodyArea::Achilles, 3, vec![]),
        symptom(5, BodyArea::Achilles, 5, vec![]),
    ]);
    assert_eq!(one(&r, Rule::PainMonitoring).date, day(5));
}

// ---- time-only runs --------------------------------------------------------------------------

#[test]
fn time_only_runs_load_and_are_refused_without_minutes() {
    let text = r#"(format: 1, name: "Walk/run", athlete: (name: "W", level: Novice),
        sessions: [(date: "2026-01-05", activity: Run(kind: Easy, minutes: 30, rpe: 4))])"#;
    let p = gradual::format::parse(text, Path::new("w.ron")).unwrap();
    assert_eq!(p.sessions[0].activity.label(), "Easy 30'");
    let back = gradual::format::to_canonical_string(&p);
    assert!(
        back.contains("Run(kind: Easy, minutes: 30, rpe: 4)"),
        "{back}"
    );
    let bad = text.replace("minutes: 30, ", "");
    let e = gradual::format::parse(&bad, Path::new("w.ron")).unwrap_err();
    assert!(
        e.message
            .contains("sessions[0] on 2026-01-05: a run needs `km`, `minutes` or both"),
        "{e}"
    );
}

#[test]
fn distance_rules_compare_minutes_for_time_only_runs() {
    let mut p = with_baseline(Level::Novice, 10.0, 5.0);
    // A long session of 50 minutes after a longest of 30.
    p.sessions = vec![
        timed(0, RunKind::Easy, 30),
        timed(2, RunKind::Easy, 30),
        timed(7, RunKind::Long, 50),
    ];
    let r = analyze(&p);
    let w = one(&r, Rule::LongRunSpike);
    assert_eq!(w.severity, Severity::Caution, "+67 %");
    assert!(
        w.message.starts_with("Long run 50 min is +67 %"),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("(30 min; compared by time"),
        "{}",
        w.message
    );
    assert_eq!(r.weeks[0].run_km, 0.0);
    assert_eq!(r.weeks[0].time_only_minutes, 60.0);
    assert_eq!(r.weeks[1].run_minutes, 50.0);
    // Weekly increase by minutes: 60 → 80 minutes is +33 % → caution.
    p.sessions.push(timed(9, RunKind::Easy, 30));
    let r = analyze(&p);
    let w = one(&r, Rule::WeeklyIncrease);
    assert!(w.message.contains("80 min is +33 %"), "{}", w.message);
    // The baseline's km become minutes at the easy pace (6:00/km) for the first week.
    let mut p = with_baseline(Level::Novice, 10.0, 5.0);
    p.sessions = vec![timed(0, RunKind::Easy, 35)];
    let w = one(&analyze(&p), Rule::LongRunSpike).clone();
    assert!(
        w.message
            .contains("(30 min, from the baseline; compared by time"),
        "{}",
        w.message
    );
    // A km run after time-only runs is compared by minutes too.
    let mut p = with_baseline(Level::Novice, 10.0, 5.0);
    p.sessions = vec![timed(0, RunKind::Easy, 30), run_min(3, 6.0, Some(40))];
    let w = one(&analyze(&p), Rule::LongRunSpike).clone();
    assert!(
        w.message.contains("Easy run 40 min is +33 %"),
        "{}",
        w.message
    );
}

// ---- hydration, thresholds in force --------------------------------------------------------

#[test]
fn hydration_is_one_note_for_the_plan_and_says_what_studies_found() {
    let mut p = with_baseline(Level::Experienced, 40.0, 16.0);
    for w in 0..12 {
        p.sessions.push(run(w * 7 + 6, RunKind::Long, 16.0)); // 96 min each
    }
    let r = analyze(&p);
    let w = one(&r, Rule::Hydration);
    assert_eq!(w.sessions.len(), 12, "every long run is involved");
    assert!(
        w.message.starts_with("12 runs take over 60 minutes"),
        "{}",
        w.message
    );
    assert!(w.message.contains("drink to thirst"), "{}", w.message);
    assert!(w.evidence.contains("Schwellnus") && w.evidence.contains("Hew-Butler"));
    assert!(!w.evidence.contains("Dehydration is a cause"));
}

#[test]
fn help_shows_the_thresholds_in_force() {
    let mut s = gradual::model::Settings::default();
    let novice = Thresholds::resolve(&s, Level::Novice);
    let t = Rule::WeeklyIncrease.thresholds(&novice);
    assert!(
        t.contains("more than 10 % over the highest")
            && t.contains("note; more than 20 %: caution;"),
        "{t}"
    );
    assert!(!t.contains("warning"), "no warning line by default: {t}");
    assert!(t.contains("return ladder's step (+40 %)"), "{t}");
    let spike = Rule::LongRunSpike.thresholds(&novice);
    assert!(
        spike.contains("more than 10 % longer") && spike.contains("more than 100 %: warning."),
        "{spike}"
    );
    assert!(!spike.contains("danger"), "{spike}");
    s.weekly_increase_warning_pct = Some(30.0);
    let expert = Thresholds::resolve(&s, Level::Experienced);
    assert!(
        Rule::WeeklyIncrease
            .thresholds(&expert)
            .contains("more than 30 %: warning")
    );
    s.long_run_caution_pct = Some(15.0);
    s.acwr_severity = Some(Severity::Caution);
    let t = Thresholds::resolve(&s, Level::Experienced);
    assert!(
        Rule::LongRunSpike
            .thresholds(&t)
            .contains("more than 15 % longer")
    );
    assert!(Rule::Acwr.thresholds(&t).ends_with(": caution"));
    // Every rule says why it sits where it does, and the ladder names all four rungs.
    for r in gradual::analysis::RULES {
        assert!(r.rung.len() > 20, "{}: {}", r.id, r.rung);
    }
    let rungs: Vec<Severity> = gradual::analysis::LADDER.iter().map(|(s, _)| *s).collect();
    assert_eq!(rungs, Severity::ALL);
    assert!(gradual::analysis::LADDER[3].1.contains("red flags only"));
}

#[test]
fn settings_for_the_new_lines_load_from_a_file() {
    let text = r#"(format: 1, name: "S", athlete: (name: "A", level: Novice,
        baseline: Some((weekly_km: 20.0, long_run_km: 8.0, last_run: Some("2026-01-01")))),
        settings: (acwr_severity: Warning, weekly_increase_info_pct: 5.0, return_week2_pct: 60.0))"#;
    let p = gradual::format::parse(text, Path::new("s.ron")).unwrap();
    assert_eq!(p.settings.acwr_severity, Some(Severity::Warning));
    assert_eq!(
        p.athlete.baseline.as_ref().unwrap().last_run,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
    );
    let back = gradual::format::to_canonical_string(&p);
    assert!(back.contains("last_run: Some(\"2026-01-01\")"), "{back}");
    assert!(back.contains("acwr_severity: Warning"), "{back}");
    // Steps must climb.
    let bad = text.replace(
        "weekly_increase_info_pct: 5.0",
        "weekly_increase_info_pct: 25.0",
    );
    let e = gradual::format::parse(&bad, Path::new("s.ron")).unwrap_err();
    assert!(
        e.message
            .contains("weekly_increase_info_pct (25) is above weekly_increase_caution_pct (20)"),
        "{e}"
    );
}

#[test]
fn the_red_flag_window_is_seven_days() {
    let mut p = with_baseline(Level::Experienced, 30.0, 10.0);
    p.sessions = vec![easy(17, 6.0), easy(18, 6.0)];
    p.symptoms = vec![symptom(10, BodyArea::Calf, 2, vec![RedFlag::Numbness])];
    let r = analyze(&p);
    let at = |r: &Report, sev: Severity| -> Vec<usize> {
        of(r, Rule::BeforeAllClear)
            .iter()
            .filter(|w| w.severity == sev)
            .flat_map(|w| w.sessions.clone())
            .collect()
    };
    assert_eq!(
        at(&r, Severity::Warning),
        vec![0],
        "day 17 is the 7th day after; day 18 is not"
    );
    assert_eq!(
        at(&r, Severity::Caution),
        vec![1],
        "protected until an all-clear"
    );
    p.settings.red_flag_days = Some(8);
    let r = analyze(&p);
    assert_eq!(at(&r, Severity::Warning), vec![0, 1]);
}
