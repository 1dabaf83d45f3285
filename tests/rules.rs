//! Every rule at and around its thresholds, and the formulas against hand-computed values.

mod common;

use common::*;
use gradual::analysis::{Rule, Severity, analyze};
use gradual::model::{
    BodyArea, CalfRaiseTest, CrossKind, Footwear, Level, RedFlag, RunKind, Status, Symptom,
};

// ---- long-run-spike -------------------------------------------------------------

fn spike(km: f64) -> Option<Severity> {
    // The baseline covers the days before the plan, so day 7 is judged.
    let mut p = with_baseline(Level::Experienced, 100.0, 10.0);
    p.sessions = vec![easy(0, 10.0), run(7, RunKind::Long, km)];
    severity(&analyze(&p), Rule::LongRunSpike)
}

#[test]
fn long_run_spike_thresholds() {
    // The severity ladder: +10–100 % is a significant association (HRR 1.64, and 1.52 for
    // +30–100 %, not higher), so caution; above +100 % a strong one (HRR 2.28), warning;
    // danger is for red flags only.
    assert_eq!(spike(11.0), None, "+10 % is not over 10 %");
    assert_eq!(spike(11.1), Some(Severity::Caution));
    assert_eq!(
        spike(13.1),
        Some(Severity::Caution),
        "+31 %: the 30–100 % group's HRR is not above the 10–30 % group's"
    );
    assert_eq!(
        spike(20.0),
        Some(Severity::Caution),
        "+100 % is still caution"
    );
    assert_eq!(spike(20.1), Some(Severity::Warning));
    assert_eq!(spike(60.0), Some(Severity::Warning), "never danger");
}

#[test]
fn a_danger_line_for_spikes_is_a_setting_off_by_default() {
    let mut p = with_baseline(Level::Experienced, 100.0, 10.0);
    p.sessions = vec![easy(0, 10.0), run(7, RunKind::Long, 35.0)];
    assert_eq!(
        severity(&analyze(&p), Rule::LongRunSpike),
        Some(Severity::Warning)
    );
    p.settings.long_run_danger_pct = Some(200.0);
    assert_eq!(
        severity(&analyze(&p), Rule::LongRunSpike),
        Some(Severity::Danger)
    );
}

#[test]
fn numbers_near_a_line_do_not_contradict_it() {
    // +10.2 % is over the 10 % line: "+10 %" would read as within it.
    let mut p = with_baseline(Level::Experienced, 100.0, 10.0);
    p.sessions = vec![easy(0, 10.0), run(7, RunKind::Long, 11.02)];
    let w = one(&analyze(&p), Rule::LongRunSpike).clone();
    assert!(w.message.contains("is +10.2 % over"), "{}", w.message);
    assert!(w.message.contains("within +10 % of it"), "{}", w.message);
    // Far from a line, whole numbers.
    p.sessions[1] = run(7, RunKind::Long, 14.5);
    let w = one(&analyze(&p), Rule::LongRunSpike).clone();
    assert!(w.message.contains("is +45 % over"), "{}", w.message);
    // A week just over the 20 % caution line.
    let mut p = with_baseline(Level::Experienced, 40.0, 100.0);
    p.sessions = vec![easy(1, 24.04), easy(3, 24.0)];
    let w = one(&analyze(&p), Rule::WeeklyIncrease).clone();
    assert_eq!(w.severity, Severity::Caution);
    assert!(w.message.contains("+20.1 %"), "{}", w.message);
}
#[test]
fn long_run_spike_message_has_the_numbers() {
    let mut p = with_baseline(Level::Experienced, 100.0, 11.0);
    p.sessions = vec![easy(0, 11.0), run(10, RunKind::Long, 16.0)];
    let r = analyze(&p);
    let w = one(&r, Rule::LongRunSpike);
    assert_eq!(
        w.message,
        "Long run 16.0 km is +45 % over your longest run of the previous 30 days (11.0 km); keep single runs within +10 % of it"
    );
    assert_eq!(w.date, day(10));
    assert_eq!(w.week, day(7));
    assert_eq!(w.sessions, vec![1]);
    assert!(w.evidence.contains("Frandsen"));
}

#[test]
fn long_run_spike_looks_back_exactly_30_days() {
    let mut p = plan(Level::Experienced);
    p.sessions = vec![easy(0, 10.0), easy(30, 12.0)];
    assert_eq!(
        severity(&analyze(&p), Rule::LongRunSpike),
        Some(Severity::Caution)
    );
    p.sessions = vec![easy(0, 10.0), easy(31, 12.0)];
    assert_eq!(
        severity(&analyze(&p), Rule::LongRunSpike),
        None,
        "day 0 is outside the window"
    );
}

#[test]
fn long_run_spike_uses_the_baseline_before_the_plan() {
    let mut p = with_baseline(Level::Experienced, 30.0, 10.0);
    p.sessions = vec![run(2, RunKind::Long, 12.0)];
    let r = analyze(&p);
    let w = one(&r, Rule::LongRunSpike);
    assert_eq!(w.severity, Severity::Caution);
    assert!(
        w.message.contains("(10.0 km, from the baseline)"),
        "{}",
        w.message
    );
}

#[test]
fn skipped_runs_do_not_count() {
    let mut p = with_baseline(Level::Experienced, 100.0, 10.0);
    let mut long = easy(3, 15.0);
    long.status = Status::Skipped;
    p.sessions = vec![easy(0, 10.0), long, easy(7, 12.0)];
    let r = analyze(&p);
    assert_eq!(r.weeks[0].run_km, 10.0);
    assert_eq!(r.sessions[1].load, 0.0);
    assert_eq!(
        one(&r, Rule::LongRunSpike).sessions,
        vec![2],
        "compared with 10 km, not 15"
    );
}

// ---- weekly-increase ------------------------------------------------------------

fn weekly(level: Level, baseline: f64, week_km: f64) -> Option<Severity> {
    let mut p = with_baseline(level, baseline, 100.0);
    // Two runs so the long-run rule stays quiet (baseline long run is huge).
    p.sessions = vec![easy(1, week_km / 2.0), easy(3, week_km / 2.0)];
    severity(&analyze(&p), Rule::WeeklyIncrease)
}

#[test]
fn weekly_increase_thresholds_experienced() {
    assert_eq!(
        weekly(Level::Experienced, 40.0, 44.0),
        None,
        "+10 % exactly"
    );
    assert_eq!(
        weekly(Level::Experienced, 40.0, 44.5),
        Some(Severity::Info),
        "above 10 %: a note, the 10 % rule did not prevent injuries"
    );
    assert_eq!(
        weekly(Level::Experienced, 40.0, 48.0),
        Some(Severity::Info),
        "+20 % exactly"
    );
    assert_eq!(
        weekly(Level::Experienced, 40.0, 48.5),
        Some(Severity::Caution)
    );
    // A trend (Nielsen 2014: > 30 %, HR 1.59, CI 0.96–2.66) never ranks above a single
    // run's significant association of the same size (+10–100 %: caution).
    assert_eq!(
        weekly(Level::Experienced, 40.0, 52.5),
        Some(Severity::Caution),
        "+31 %"
    );
    assert_eq!(
        weekly(Level::Experienced, 40.0, 100.0),
        Some(Severity::Caution),
        "+150 %"
    );
}

#[test]
fn a_week_never_ranks_above_a_run_spike_of_the_same_size() {
    for pct in [11.0, 25.0, 31.0, 60.0, 99.0] {
        let run = spike(10.0 * (1.0 + pct / 100.0)).unwrap();
        for level in [Level::Novice, Level::Experienced] {
            let week = weekly(level, 40.0, 40.0 * (1.0 + pct / 100.0)).unwrap();
            assert!(week <= run, "+{pct} %: week {week:?}, run {run:?}");
        }
    }
}

#[test]
fn a_weekly_warning_line_is_a_setting_off_by_default() {
    let mut p = with_baseline(Level::Novice, 40.0, 100.0);
    p.sessions = vec![easy(1, 30.0), easy(3, 30.0)];
    assert_eq!(
        severity(&analyze(&p), Rule::WeeklyIncrease),
        Some(Severity::Caution)
    );
    p.settings.weekly_increase_warning_pct = Some(30.0);
    assert_eq!(
        severity(&analyze(&p), Rule::WeeklyIncrease),
        Some(Severity::Warning)
    );
}

#[test]
fn weekly_increase_is_the_same_for_novices() {
    assert_eq!(
        weekly(Level::Novice, 40.0, 48.0),
        Some(Severity::Info),
        "+20 % exactly"
    );
    assert_eq!(weekly(Level::Novice, 40.0, 48.5), Some(Severity::Caution));
    assert_eq!(
        weekly(Level::Returning, 40.0, 48.5),
        Some(Severity::Caution)
    );
}

#[test]
fn weekly_increase_has_an_absolute_floor() {
    // +50 % but only 3 km more: not an alarm.
    assert_eq!(weekly(Level::Experienced, 6.0, 9.0), None);
    assert_eq!(
        weekly(Level::Experienced, 6.0, 9.2),
        Some(Severity::Caution)
    );
}

#[test]
fn weekly_increase_ignores_a_return_from_a_recovery_week() {
    let mut p = with_baseline(Level::Experienced, 40.0, 100.0);
    for (w, km) in [40.0, 40.0, 40.0, 28.0, 40.0].into_iter().enumerate() {
        let w = w as i64 * 7;
        p.sessions.push(easy(w + 1, km / 2.0));
        p.sessions.push(easy(w + 4, km / 2.0));
    }
    let r = analyze(&p);
    assert!(of(&r, Rule::WeeklyIncrease).is_empty(), "{:#?}", r.warnings);
    let change = r.weeks[4].change_pct.unwrap();
    assert!(
        (change - (40.0 / 28.0 - 1.0) * 100.0).abs() < 1e-9,
        "plain change vs last week"
    );
    assert!(
        (r.weeks[0].change_pct.unwrap()).abs() < 1e-9,
        "week 1 vs the baseline"
    );
}

#[test]
fn weekly_increase_message() {
    let mut p = with_baseline(Level::Experienced, 20.0, 100.0);
    p.sessions = vec![easy(1, 15.0), easy(3, 15.0)];
    let r = analyze(&p);
    assert_eq!(
        one(&r, Rule::WeeklyIncrease).message,
        "Week of 2026-01-05: 30.0 km is +50 % over the highest of the previous four weeks (20.0 km, from the baseline); consider spreading the increase over two weeks"
    );
    assert!(one(&r, Rule::WeeklyIncrease).evidence.contains("Buist"));
}

// ---- acwr ---------------------------------------------------------------------------

/// 28 days of load 100, then a week of `spike` a day.
fn acwr_after(spike: u32) -> gradual::analysis::Report {
    let mut p = plan(Level::Experienced);
    p.sessions = (0..28).map(|d| load(d, 100)).collect();
    p.sessions.extend((28..35).map(|d| load(d, spike)));
    analyze(&p)
}

#[test]
fn acwr_matches_hand_computed_ewma() {
    // Seeded at 100; day 28 at 500: acute = 0.25·500 + 0.75·100 = 200,
    // chronic = (2/29)·500 + (27/29)·100 = 127.586..., ratio = 1.5676.
    let r = acwr_after(500);
    let d = &r.days[28];
    assert!((d.acute - 200.0).abs() < 1e-9);
    assert!((d.chronic - (1000.0 / 29.0 + 2700.0 / 29.0)).abs() < 1e-9);
    assert!((d.acwr.unwrap() - 200.0 / (3700.0 / 29.0)).abs() < 1e-9);
    // The week's ratio is the mean acute over the mean chronic EWMA of its 7 days.
    let week = &r.days[28..35];
    let ratio =
        week.iter().map(|d| d.acute).sum::<f64>() / week.iter().map(|d| d.chronic).sum::<f64>();
    assert!((r.weeks[4].acwr_week.unwrap() - ratio).abs() < 1e-12);
    let w = one(&r, Rule::Acwr);
    assert_eq!(w.severity, Severity::Info, "a chart and a note by default");
    assert_eq!(w.date, day(28));
    assert!(w.message.contains(&format!("{ratio:.2}")), "{}", w.message);
    assert!(
        w.message.contains("exponentially weighted 7-day load"),
        "names what it shows: {}",
        w.message
    );
    assert!(w.message.contains("team-sport convention"));
    assert!(w.evidence.contains("Frandsen"));
}

#[test]
fn acwr_severity_is_a_setting() {
    let mut p = plan(Level::Experienced);
    p.sessions = (0..28).map(|d| load(d, 100)).collect();
    p.sessions.extend((28..35).map(|d| load(d, 500)));
    p.settings.acwr_severity = Some(Severity::Warning);
    assert_eq!(severity(&analyze(&p), Rule::Acwr), Some(Severity::Warning));
}

#[test]
fn acwr_below_threshold_is_quiet() {
    // A week at 170 a day after 100: the week's ratio stays under 1.5.
    let r = acwr_after(170);
    assert!(r.weeks[4].acwr_week.unwrap() < 1.5);
    assert!(of(&r, Rule::Acwr).is_empty());
}

#[test]
fn acwr_needs_28_days_of_history() {
    let mut p = plan(Level::Experienced);
    p.sessions = vec![load(0, 10), load(20, 900), load(40, 10)];
    let r = analyze(&p);
    assert!(r.days[..27].iter().all(|d| d.acwr.is_none()));
    assert!(r.days[27].acwr.is_some());
    assert!(
        r.weeks[..4].iter().all(|w| w.acwr_week.is_none()),
        "week 4 starts on day 28"
    );
    assert!(of(&r, Rule::Acwr).iter().all(|w| w.date >= day(28)));
    // A steady load gives exactly 1.
    let mut p = plan(Level::Experienced);
    p.sessions = (0..35).map(|d| load(d, 80)).collect();
    let r = analyze(&p);
    assert!((r.days[34].acwr.unwrap() - 1.0).abs() < 1e-12);
    assert!((r.days[34].fitness - 80.0).abs() < 1e-9 && r.days[34].form.abs() < 1e-9);
}

// ---- monotony -------------------------------------------------------------------------

/// Three lighter varied weeks (strain about 300), then `week`.
fn monotony_after(week: Vec<gradual::model::Session>) -> gradual::analysis::Report {
    let mut p = plan(Level::Experienced);
    for w in 0..3 {
        p.sessions.push(load(w * 7, 120));
        p.sessions.push(load(w * 7 + 3, 60));
    }
    p.sessions.extend(week);
    analyze(&p)
}

#[test]
fn monotony_is_mean_over_sd() {
    // k equal days and 7 − k rest days: monotony = sqrt(k / (7 − k)).
    for k in [4, 5, 6] {
        let mut p = plan(Level::Experienced);
        p.sessions = (0..k).map(|d| load(d, 60)).collect();
        let r = analyze(&p);
        let m = r.weeks[0].monotony.unwrap();
        assert!(
            (m - (k as f64 / (7 - k) as f64).sqrt()).abs() < 1e-9,
            "k = {k}: {m}"
        );
        assert!((r.weeks[0].strain.unwrap() - m * 60.0 * k as f64).abs() < 1e-9);
    }
    // Seven identical days: maximal monotony, not undefined.
    let mut p = plan(Level::Experienced);
    p.sessions = (0..7).map(|d| load(d, 60)).collect();
    assert_eq!(analyze(&p).weeks[0].monotony, Some(f64::INFINITY));
    // A week without load has none.
    p.sessions = vec![load(0, 60), load(14, 60)];
    assert_eq!(analyze(&p).weeks[1].monotony, None);
}

#[test]
fn monotony_notes_above_2_in_a_week_of_higher_strain() {
    // 5 equal days (monotony 1.58): not flagged whatever the load.
    let r = monotony_after((21..26).map(|d| load(d, 100)).collect());
    assert!(of(&r, Rule::Monotony).is_empty());
    // 6 equal days (2.45) at 100: strain 1470 over ~300 before → caution.
    let r = monotony_after((21..27).map(|d| load(d, 100)).collect());
    let w = one(&r, Rule::Monotony);
    assert_eq!(
        (w.severity, w.date),
        (Severity::Info, day(21)),
        "illness evidence: a note"
    );
    assert!(
        !w.message.contains("take a rest day"),
        "the week has a rest day: {}",
        w.message
    );
    // Seven identical days: maximal monotony, and the advice adds a rest day.
    let r = monotony_after((21..28).map(|d| load(d, 100)).collect());
    let w = one(&r, Rule::Monotony);
    assert!(w.message.contains("maximal monotony"), "{}", w.message);
    assert!(w.message.contains("take a rest day"), "{}", w.message);
}

#[test]
fn a_light_steady_week_is_not_flagged() {
    // Six equal but light days (20 each): strain 294, not above the ~300 before.
    let r = monotony_after((21..27).map(|d| load(d, 20)).collect());
    assert!(r.weeks[3].monotony.unwrap() > 2.0);
    assert!(of(&r, Rule::Monotony).is_empty(), "{:#?}", r.warnings);
    // And a plan that repeats the same monotonous week is not flagged week after week.
    let mut p = plan(Level::Experienced);
    p.sessions = (0..42)
        .filter(|d| d % 7 != 6)
        .map(|d| load(d, 100))
        .collect();
    assert!(of(&analyze(&p), Rule::Monotony).is_empty());
}

// ---- new-intensity ----------------------------------------------------------------

#[test]
fn new_intensity_after_four_weeks_without_quality() {
    let at = |first_quality: i64| {
        let mut p = plan(Level::Experienced);
        p.sessions = vec![easy(0, 5.0), run(first_quality, RunKind::Intervals, 6.0)];
        severity(&analyze(&p), Rule::NewIntensity)
    };
    assert_eq!(at(27), None);
    assert_eq!(at(28), Some(Severity::Caution));

    let mut p = plan(Level::Experienced);
    p.sessions = vec![
        run(0, RunKind::Hills, 5.0),
        run(27, RunKind::Tempo, 5.0),
        run(55, RunKind::Tempo, 5.0),
    ];
    let r = analyze(&p);
    let w = one(&r, Rule::NewIntensity);
    assert_eq!(w.date, day(55));
    assert!(
        w.message.contains("after 4 weeks without one"),
        "{}",
        w.message
    );
}

#[test]
fn new_intensity_caps_quality_sessions_for_novices() {
    let week = |level| {
        let mut p = plan(level);
        p.sessions = vec![
            run(0, RunKind::Intervals, 5.0),
            run(2, RunKind::Tempo, 5.0),
            run(4, RunKind::Hills, 5.0),
        ];
        analyze(&p)
    };
    let r = week(Level::Novice);
    assert_eq!(one(&r, Rule::NewIntensity).sessions, vec![0, 1, 2]);
    assert!(of(&week(Level::Experienced), Rule::NewIntensity).is_empty());
    let mut p = plan(Level::Novice);
    p.sessions = vec![run(0, RunKind::Intervals, 5.0), run(2, RunKind::Tempo, 5.0)];
    assert!(
        of(&analyze(&p), Rule::NewIntensity).is_empty(),
        "two are fine"
    );
}

// ---- return-after-break -------------------------------------------------------------

fn comeback(gap_days: i64, first_week_km: f64) -> Option<Severity> {
    let mut p = plan(Level::Returning);
    // Four weeks of 20 km: runs of 10 km on days 0, 3, 7, ..., last on day 24.
    for w in 0..4 {
        p.sessions.push(easy(w * 7, 10.0));
        p.sessions.push(easy(w * 7 + 3, 10.0));
    }
    let back = 24 + gap_days + 1;
    p.sessions.push(easy(back, first_week_km / 2.0));
    p.sessions.push(easy(back + 2, first_week_km / 2.0));
    severity(&analyze(&p), Rule::ReturnAfterBreak)
}

#[test]
fn return_after_break_thresholds() {
    assert_eq!(comeback(14, 10.0), None, "50 % exactly is fine");
    assert_eq!(comeback(14, 10.4), Some(Severity::Warning));
    assert_eq!(comeback(13, 20.0), None, "13 days is not a break");
}

// ---- barefoot-transition ------------------------------------------------------------

#[test]
fn barefoot_share_of_the_week() {
    let share = |bare_km: f64| {
        let mut p = plan(Level::Experienced);
        p.sessions = vec![
            easy(0, 20.0 - bare_km),
            barefoot(2, bare_km, Footwear::Minimalist),
        ];
        severity(&analyze(&p), Rule::BarefootTransition)
    };
    assert_eq!(share(2.0), None, "10 % exactly");
    assert_eq!(share(2.5), Some(Severity::Caution));
}

#[test]
fn first_long_barefoot_run() {
    let mut p = plan(Level::Experienced);
    p.settings.barefoot_share_pct = Some(100.0); // isolate the first-run check
    p.sessions = vec![
        easy(0, 10.0),
        barefoot(2, 3.0, Footwear::Barefoot),
        barefoot(9, 3.5, Footwear::Barefoot),
    ];
    assert!(
        of(&analyze(&p), Rule::BarefootTransition).is_empty(),
        "3 km first, then longer"
    );
    p.sessions = vec![easy(0, 10.0), barefoot(2, 3.5, Footwear::Barefoot)];
    let r = analyze(&p);
    assert!(
        one(&r, Rule::BarefootTransition)
            .message
            .contains("no shorter barefoot run before it")
    );
}

// ---- calf-cross-training -------------------------------------------------------------

#[test]
fn calf_loading_earlier_the_same_day() {
    let mut p = plan(Level::Experienced);
    p.sessions = vec![cross(0, CrossKind::Strength, 40, 6, true), easy(0, 6.0)];
    let r = analyze(&p);
    let w = one(&r, Rule::CalfCrossTraining);
    assert_eq!(w.severity, Severity::Caution, "expert opinion: caution");
    assert_eq!(w.sessions, vec![0, 1]);
    assert!(w.evidence.contains("Expert opinion"));
    // After the run, or without calf work: fine.
    p.sessions = vec![easy(0, 6.0), cross(0, CrossKind::Strength, 40, 6, true)];
    assert!(of(&analyze(&p), Rule::CalfCrossTraining).is_empty());
    p.sessions = vec![cross(0, CrossKind::Strength, 40, 6, false), easy(0, 6.0)];
    assert!(of(&analyze(&p), Rule::CalfCrossTraining).is_empty());
}

#[test]
fn calf_loading_the_day_before_a_key_run() {
    let case = |kind: CrossKind, rpe: u8, next: RunKind| {
        let mut p = plan(Level::Experienced);
        p.sessions = vec![
            easy(0, 8.0),
            cross(1, kind, 60, rpe, false),
            run(2, next, 8.0),
        ];
        !of(&analyze(&p), Rule::CalfCrossTraining).is_empty()
    };
    assert!(
        !case(CrossKind::Cycling, 6, RunKind::Long),
        "easy cycling is fine"
    );
    assert!(
        case(CrossKind::Cycling, 7, RunKind::Long),
        "hard cycling before a long run"
    );
    assert!(case(CrossKind::Plyometrics, 5, RunKind::Intervals));
    assert!(case(CrossKind::SkippingRope, 5, RunKind::Hills));
    assert!(
        !case(CrossKind::Plyometrics, 5, RunKind::Easy),
        "only long or quality runs the next day"
    );
    assert!(!case(CrossKind::Swimming, 9, RunKind::Long));
}

// ---- calf-work-on-run-day, calf-imbalance --------------------------------------------

#[test]
fn calf_program_on_a_running_day() {
    let mut p = plan(Level::Experienced);
    p.sessions = vec![easy(0, 6.0), calf(0), calf(1)];
    let r = analyze(&p);
    let w = one(&r, Rule::CalfWorkOnRunDay);
    assert_eq!((w.severity, w.date), (Severity::Caution, day(0)));
}

#[test]
fn calf_imbalance_uses_the_latest_test_and_the_test_error() {
    let test = |date, left, right| CalfRaiseTest::new(date, left, right);
    let mut p = plan(Level::Novice);
    p.athlete.calf_raise_tests = vec![test(day(0), 20, 18)];
    assert!(
        of(&analyze(&p), Rule::CalfImbalance).is_empty(),
        "10 % exactly"
    );
    // 3 reps (15 %): within the test's day-to-day error, at most a note.
    p.athlete.calf_raise_tests = vec![test(day(0), 20, 17)];
    let r = analyze(&p);
    let w = one(&r, Rule::CalfImbalance);
    assert_eq!(w.severity, Severity::Info);
    assert!(
        w.message.contains("within the test's day-to-day error"),
        "{}",
        w.message
    );
    // 4 reps (16 %): still a note; 5 reps (20 %): a caution with what to do.
    p.athlete.calf_raise_tests = vec![test(day(0), 25, 21)];
    assert_eq!(
        severity(&analyze(&p), Rule::CalfImbalance),
        Some(Severity::Info)
    );
    p.athlete.calf_raise_tests = vec![test(day(0), 25, 20)];
    let r = analyze(&p);
    let w = one(&r, Rule::CalfImbalance);
    assert_eq!(w.severity, Severity::Caution);
    assert!(
        w.message.contains("differ by 5 (20 %)") && w.message.contains("right leg"),
        "{}",
        w.message
    );
    assert!(w.message.contains("test again"), "{}", w.message);
    assert!(w.evidence.contains("Hébert-Losier"));
    // 5 reps but only 10 % (50 vs 45): nothing.
    p.athlete.calf_raise_tests = vec![test(day(0), 50, 45)];
    assert!(of(&analyze(&p), Rule::CalfImbalance).is_empty());
    // The latest test counts.
    p.athlete.calf_raise_tests = vec![test(day(7), 25, 25), test(day(0), 20, 10)];
    assert!(of(&analyze(&p), Rule::CalfImbalance).is_empty());
}

// ---- no-rest-day, hydration, red-flag --------------------------------------------------

#[test]
fn no_rest_day_after_seven_running_days() {
    let streak = |n: i64| {
        let mut p = plan(Level::Experienced);
        p.sessions = (0..n).map(|d| easy(d, 5.0)).collect();
        analyze(&p)
    };
    assert!(of(&streak(6), Rule::NoRestDay).is_empty());
    let r = streak(9);
    let w = one(&r, Rule::NoRestDay);
    assert_eq!(w.date, day(6));
    assert!(w.message.starts_with("9 days in a row"), "{}", w.message);
}

#[test]
fn hydration_note_over_an_hour() {
    let mut p = plan(Level::Experienced);
    p.sessions = vec![run_min(0, 10.0, Some(60))];
    assert!(of(&analyze(&p), Rule::Hydration).is_empty());
    p.sessions = vec![run_min(0, 10.0, Some(61))];
    assert_eq!(one(&analyze(&p), Rule::Hydration).severity, Severity::Info);
    // No minutes: 10.5 km at the default 6:00/km is 63 minutes, and the report says so.
    p.sessions = vec![run_min(0, 10.5, None)];
    let r = analyze(&p);
    assert!(
        one(&r, Rule::Hydration)
            .message
            .contains("about 63 minutes")
    );
    assert!(r.sessions[0].estimated);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("estimated from km at the easy pace of 6:00/km"))
    );
}

#[test]
fn red_flags_and_calf_pain() {
    let symptom = |area, pain, flags: Vec<RedFlag>| Symptom {
        flags,
        ..Symptom::new(day(3), area, pain)
    };
    let mut p = plan(Level::Experienced);
    p.symptoms = vec![
        symptom(BodyArea::Calf, 5, vec![]),
        symptom(BodyArea::Knee, 9, vec![]),
    ];
    assert!(of(&analyze(&p), Rule::RedFlag).is_empty());
    p.symptoms = vec![symptom(BodyArea::Achilles, 6, vec![])];
    assert_eq!(one(&analyze(&p), Rule::RedFlag).severity, Severity::Warning);
    p.symptoms = vec![symptom(
        BodyArea::Calf,
        2,
        vec![RedFlag::Numbness, RedFlag::PinsAndNeedles],
    )];
    let r = analyze(&p);
    let w = one(&r, Rule::RedFlag);
    assert_eq!(w.severity, Severity::Danger);
    assert!(w.message.contains("numbness, pins and needles") && w.message.contains("see a doctor"));
}

// ---- formulas -----------------------------------------------------------------------------

#[test]
fn session_load_weekly_totals_and_calf_load() {
    let mut p = plan(Level::Experienced);
    p.sessions = vec![
        run(0, RunKind::Easy, 10.0), // 60 min × RPE 3 = 180, calf 60 × 1.0
        cross(1, CrossKind::Cycling, 45, 5, false), // 225, calf 45 × 0.3
        run(2, RunKind::Hills, 5.0), // 30 × 3 = 90, calf 30 × 1.5
        calf(3),                     // stage 3, 3 × 15, both legs
    ];
    let r = analyze(&p);
    let w = &r.weeks[0];
    let calf_min = (3.0 * 15.0 * 2.0 * 4.0 + 180.0) / 60.0;
    assert_eq!(w.run_km, 15.0);
    assert_eq!(w.run_minutes, 90.0);
    assert_eq!(w.cross_minutes, 45.0);
    assert_eq!(w.sessions, 4);
    assert!((w.load - (180.0 + 225.0 + 90.0 + 5.0 * calf_min)).abs() < 1e-9);
    assert!((w.calf_load - (60.0 + 13.5 + 45.0 + 0.6 * calf_min)).abs() < 1e-9);
    assert_eq!(w.longest_run_km, 10.0);
    assert_eq!(r.days.len(), 7);
    assert_eq!(r.weeks.len(), 1);
}

#[test]
fn settings_override_thresholds_and_factors() {
    let mut p = with_baseline(Level::Experienced, 100.0, 10.0);
    p.sessions = vec![easy(0, 10.0), run(7, RunKind::Long, 11.5)];
    assert_eq!(
        severity(&analyze(&p), Rule::LongRunSpike),
        Some(Severity::Caution)
    );
    p.settings.long_run_caution_pct = Some(20.0);
    assert_eq!(severity(&analyze(&p), Rule::LongRunSpike), None);
    p.settings.calf_factors.insert("Easy".into(), 2.0);
    let r = analyze(&p);
    assert!((r.sessions[0].calf_load - 120.0).abs() < 1e-9);
}

#[test]
fn week_worst_severity_and_empty_plans() {
    let mut p = with_baseline(Level::Experienced, 100.0, 10.0);
    assert!(analyze(&p).weeks.is_empty());
    p.sessions = vec![easy(0, 10.0), run(8, RunKind::Long, 25.0)];
    let r = analyze(&p);
    assert_eq!(r.weeks[0].worst, None);
    assert_eq!(r.weeks[1].worst, Some(Severity::Warning));
    assert_eq!(r.worst(), Some(Severity::Warning));
}

#[test]
fn a_goal_race_is_a_planned_peak_reported_at_info() {
    let mut p = plan(Level::Experienced);
    p.sessions = (0..30).map(|d| load(d, 100)).collect();
    p.sessions.push(easy(3, 10.0));
    let mut race = run(30, RunKind::Race, 21.1);
    if let gradual::model::Activity::Run { rpe, .. } = &mut race.activity {
        *rpe = 9;
    }
    p.sessions.push(race);
    p.race = Some(gradual::model::Race {
        name: "City Half".into(),
        date: day(30),
        km: 21.1,
    });
    let r = analyze(&p);
    let spike = one(&r, Rule::LongRunSpike);
    assert_eq!(spike.severity, Severity::Info);
    assert!(
        spike.message.contains("expected for a goal race"),
        "{}",
        spike.message
    );
    assert!(
        of(&r, Rule::Acwr)
            .iter()
            .all(|w| w.severity == Severity::Info)
    );
    // Not on the race's date: a race like any other run, at full severity.
    p.race.as_mut().unwrap().date = day(60);
    let r = analyze(&p);
    let spike = one(&r, Rule::LongRunSpike);
    assert_eq!(spike.severity, Severity::Warning);
    assert!(
        spike.message.contains("a race counts like any other run"),
        "{}",
        spike.message
    );
}
