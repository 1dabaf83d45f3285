use crate::model::{
    Activity, Athlete, Baseline, Block, CrossKind, Level, Phase, Plan, Race, RunKind, Session,
    Surface,
};
use chrono::{Duration, NaiveDate};

/// A realistic plan of `weeks` weeks starting on Monday 2026-01-05: six runs, two
/// cross-training sessions and two calf sessions a week (10 sessions a week), in 4-week
/// cycles with a recovery week, 12-week blocks, and a race at the end.
pub fn plan(weeks: u32) -> Plan {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date");
    let mut athlete = Athlete::new("Bench", Level::Experienced);
    athlete.baseline = Some(Baseline {
        weekly_km: 40.0,
        long_run_km: 14.0,
        last_run: None,
    });
    let mut plan = Plan::new(format!("Synthetic {weeks}-week plan"), athlete);
    let day = |w: u32, d: u32| start + Duration::days(i64::from(w * 7 + d));
    for b in 0..weeks.div_ceil(12) {
        let phase = Phase::ALL[(b % 4) as usize];
        plan.blocks.push(Block {
            name: format!("{} {}", phase.name(), b + 1),
            start: day(b * 12, 0),
            weeks: 12.min(weeks - b * 12),
            phase,
        });
    }
    for w in 0..weeks {
        // Gentle waves: +5 % a week for three weeks, then a recovery week.
        let scale = if w % 4 == 3 {
            0.75
        } else {
            1.0 + 0.05 * f64::from(w % 4)
        };
        let run = |kind, km: f64, rpe, surface| Activity::Run {
            kind,
            km: Some((km * scale * 10.0).round() / 10.0),
            minutes: Some((km * scale * 5.5).round() as u32),
            rpe,
            surface,
            footwear: Default::default(),
        };
        let s = &mut plan.sessions;
        s.push(Session::new(
            day(w, 0),
            run(RunKind::Recovery, 5.0, 2, Surface::Road),
        ));
        s.push(Session::new(
            day(w, 1),
            run(RunKind::Intervals, 9.0, 7, Surface::Track),
        ));
        s.push(Session::new(
            day(w, 2),
            run(RunKind::Easy, 8.0, 3, Surface::Trail),
        ));
        s.push(Session::new(
            day(w, 3),
            run(RunKind::Tempo, 9.0, 6, Surface::Road),
        ));
        s.push(Session::new(
            day(w, 3),
            Activity::Cross {
                kind: CrossKind::Strength,
                minutes: 30,
                rpe: 5,
                calf_work: false,
            },
        ));
        s.push(Session::new(
            day(w, 4),
            Activity::Calf {
                stage: 3,
                sets: 3,
                reps: 15,
                kg: None,
            },
        ));
        s.push(Session::new(
            day(w, 4),
            Activity::Cross {
                kind: CrossKind::Swimming,
                minutes: 40,
                rpe: 4,
                calf_work: false,
            },
        ));
        s.push(Session::new(
            day(w, 5),
            run(RunKind::Easy, 6.0, 3, Surface::Grass),
        ));
        s.push(Session::new(
            day(w, 6),
            run(RunKind::Long, 16.0, 4, Surface::Road),
        ));
        s.push(Session::new(
            day(w, 6),
            Activity::Calf {
                stage: 3,
                sets: 3,
                reps: 15,
                kg: None,
            },
        ));
    }
    plan.race = Some(Race {
        name: "Goal race".into(),
        date: day(weeks.saturating_sub(1), 6),
        km: 21.1,
    });
    plan
}
