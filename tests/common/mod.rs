//! Helpers shared by the integration tests: tiny plan builders.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use gradual::analysis::{Report, Rule, Severity, Warning};
use gradual::model::{
    Activity, Athlete, Baseline, CrossKind, Footwear, Level, Plan, RunKind, Session, Surface,
};
use std::collections::BTreeSet;

/// Monday 2026-01-05, day 0 of every test plan.
pub fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Duration::days(n)
}

pub fn plan(level: Level) -> Plan {
    Plan::new("Test", Athlete::new("Tester", level))
}

pub fn with_baseline(level: Level, weekly_km: f64, long_run_km: f64) -> Plan {
    let mut p = plan(level);
    p.athlete.baseline = Some(Baseline {
        weekly_km,
        long_run_km,
        last_run: None,
    });
    p
}

pub fn run(n: i64, kind: RunKind, km: f64) -> Session {
    Session::new(
        day(n),
        Activity::Run {
            kind,
            km: Some(km),
            minutes: Some((km * 6.0).round() as u32),
            rpe: 3,
            surface: Surface::Road,
            footwear: Footwear::Shoes,
        },
    )
}

pub fn run_min(n: i64, km: f64, minutes: Option<u32>) -> Session {
    Session::new(
        day(n),
        Activity::Run {
            kind: RunKind::Easy,
            km: Some(km),
            minutes,
            rpe: 3,
            surface: Surface::Road,
            footwear: Footwear::Shoes,
        },
    )
}

/// A time-only run: minutes and no distance (walk/run and couch-to-5K plans).
pub fn timed(n: i64, kind: RunKind, minutes: u32) -> Session {
    Session::new(
        day(n),
        Activity::Run {
            kind,
            km: None,
            minutes: Some(minutes),
            rpe: 3,
            surface: Surface::Road,
            footwear: Footwear::Shoes,
        },
    )
}

pub fn easy(n: i64, km: f64) -> Session {
    run(n, RunKind::Easy, km)
}

pub fn barefoot(n: i64, km: f64, footwear: Footwear) -> Session {
    let mut s = easy(n, km);
    if let Activity::Run { footwear: f, .. } = &mut s.activity {
        *f = footwear;
    }
    s
}

pub fn cross(n: i64, kind: CrossKind, minutes: u32, rpe: u8, calf_work: bool) -> Session {
    Session::new(
        day(n),
        Activity::Cross {
            kind,
            minutes,
            rpe,
            calf_work,
        },
    )
}

/// A swim with load exactly `load` (RPE 1 × minutes): load without calf rules firing.
pub fn load(n: i64, load: u32) -> Session {
    cross(n, CrossKind::Swimming, load, 1, false)
}

pub fn calf(n: i64) -> Session {
    Session::new(
        day(n),
        Activity::Calf {
            stage: 3,
            sets: 3,
            reps: 15,
            kg: None,
        },
    )
}

pub fn ids(report: &Report) -> BTreeSet<&'static str> {
    report.warnings.iter().map(|w| w.rule.id()).collect()
}

pub fn of(report: &Report, rule: Rule) -> Vec<&Warning> {
    report.warnings.iter().filter(|w| w.rule == rule).collect()
}

/// The single warning of `rule`, or a panic listing what there is.
pub fn one(report: &Report, rule: Rule) -> &Warning {
    let ws = of(report, rule);
    assert_eq!(
        ws.len(),
        1,
        "expected one {rule:?}, got {:#?}",
        report.warnings
    );
    ws[0]
}

pub fn severity(report: &Report, rule: Rule) -> Option<Severity> {
    of(report, rule).iter().map(|w| w.severity).max()
}

/// A plan generated from `template` from day 0, with the calf program.
pub fn from_template(template: &gradual::templates::Template, base_km: f64, level: Level) -> Plan {
    use gradual::templates::{Anchor, Params, generate};
    generate(
        template,
        &Params {
            anchor: Anchor::Start(day(0)),
            base_km,
            level,
            athlete: "A".into(),
            name: None,
            calf: true,
        },
    )
}
