//! The calf program: a stage ladder of eccentric calf strengthening, the exercise library,
//! and a scheduler that places 2–3 sessions a week on days without a run, climbing the
//! ladder gradually with deload weeks.
//!
//! The ladder is a synthesis of Alfredson 1998 (eccentric heel drops), Beyer 2015 (heavy
//! slow resistance) and single-leg heel-raise norms of about 25 reps; it is not a trial
//! protocol. The advice of the article "How To Treat & Prevent Calf Pain From Running": single-leg calf raises with slow lowering, 2–3
//! times a week on non-running days, introduced slowly, toward 3 × 25–30, equal reps on
//! both legs.

use crate::model::limits;
use crate::model::{
    Activity, Athlete, CalfProgram, CalfRaiseTest, Level, Phase, Plan, Session, Status, Thresholds,
    When, week_start,
};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

mod scheduler;

use scheduler::is_replaceable;
pub use scheduler::schedule;

/// One step of the ladder.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stage {
    /// 1–6.
    pub number: u8,
    /// The exercise's id in the library.
    pub exercise: &'static str,
    /// Short name.
    pub name: &'static str,
    /// Sets per session.
    pub sets: u8,
    /// Reps per set: the first week at the stage uses the low end, the second the high end.
    pub reps: (u8, u8),
    /// Per leg (single-leg or eccentric work).
    pub per_leg: bool,
    /// Tempo, in words.
    pub tempo: &'static str,
    /// Plain-language instructions.
    pub instructions: &'static str,
}

/// The stage ladder, stage 1 first.
pub const LADDER: [Stage; 6] = [
    Stage {
        number: 1,
        exercise: "double-leg-raise",
        name: "Double-leg raise",
        sets: 3,
        reps: (15, 15),
        per_leg: false,
        tempo: "1 s up, 3 s down",
        instructions: "Both feet on a step; rise, then lower slowly over 3 seconds. Stop if pain goes above 5/10.",
    },
    Stage {
        number: 2,
        exercise: "eccentric-two-up-one-down",
        name: "Up on two, down on one",
        sets: 3,
        reps: (12, 12),
        per_leg: true,
        tempo: "up on both, 3 s down on one",
        instructions: "Rise on both feet, lower on one leg over 3 seconds; straight and bent knee; both legs the same. Stop if pain goes above 5/10.",
    },
    Stage {
        number: 3,
        exercise: "single-leg-raise",
        name: "Single-leg raise",
        sets: 3,
        reps: (12, 15),
        per_leg: true,
        tempo: "1 s up, 2–3 s down",
        instructions: "One leg, full range, slow lowering; part of the sets with a bent knee; both legs the same. Stop if pain goes above 5/10.",
    },
    Stage {
        number: 4,
        exercise: "single-leg-raise",
        name: "Single-leg raise",
        sets: 3,
        reps: (20, 25),
        per_leg: true,
        tempo: "1 s up, 2–3 s down",
        instructions: "One leg, full range, slow lowering; both legs the same. Stop if pain goes above 5/10.",
    },
    Stage {
        number: 5,
        exercise: "single-leg-raise",
        name: "Single-leg raise (target)",
        sets: 3,
        reps: (25, 30),
        per_leg: true,
        tempo: "1 s up, 2–3 s down",
        instructions: "The article's target: 3 × 25–30 on each leg, slow lowering. Stop if pain goes above 5/10.",
    },
    Stage {
        number: 6,
        exercise: "loaded-heel-drop",
        name: "Loaded eccentric heel drop",
        sets: 3,
        reps: (15, 15),
        per_leg: true,
        tempo: "up on both, 3 s down on one",
        instructions: "Add about 5 % of body mass (backpack or dumbbell) a step when all sets are easy; straight and bent knee. Stop if pain goes above 5/10.",
    },
];

/// The ladder entry for `stage` (clamped to 1–6).
pub fn stage(stage: u8) -> &'static Stage {
    &LADDER[usize::from(stage.clamp(1, 6)) - 1]
}

/// The warm-up before a run (library ids), from the article.
pub const WARM_UP: [&str; 3] = ["brisk-walk", "inchworms", "butt-kicks"];

/// The stretches after a run, 30–45 s each side (library ids), from the article.
pub const STRETCHES: [&str; 3] = ["standing-calf-stretch", "downward-dog", "heel-drop-stretch"];

/// The library entry with this id.
pub fn exercise(id: &str) -> Option<&'static Exercise> {
    library().iter().find(|e| e.id == id)
}

/// The names of these library entries, joined: "Brisk walk, Inchworms, Butt kicks".
pub fn names(ids: &[&str]) -> String {
    ids.iter()
        .filter_map(|id| exercise(id))
        .map(|e| e.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What kind of exercise a library entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum ExerciseKind {
    /// Part of the calf ladder.
    Strength,
    /// A stretch (30–45 s, both sides).
    Stretch,
    /// Part of the warm-up before a run.
    WarmUp,
}

impl ExerciseKind {
    /// The name on screen.
    pub fn name(self) -> &'static str {
        match self {
            ExerciseKind::Strength => "strength",
            ExerciseKind::Stretch => "stretch",
            ExerciseKind::WarmUp => "warm-up",
        }
    }
}

/// One exercise of the library in `assets/exercises.ron`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Strength, stretch or warm-up.
    pub kind: ExerciseKind,
    /// One line.
    pub summary: String,
    /// How to do it.
    pub steps: Vec<String>,
}

/// The exercise library, built into the binary (parsed once, on first use: the
/// inspector shows it every frame).
pub fn library() -> &'static [Exercise] {
    static LIBRARY: std::sync::OnceLock<Vec<Exercise>> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(|| {
        ron::from_str(include_str!("../../assets/exercises.ron"))
            .expect("assets/exercises.ron is valid (tested)")
    })
}

/// How to do a calf-raise test, as the calendar, the inspector and exports say it.
pub const TEST_INSTRUCTIONS: &str = "Calf-raise test: on one leg, fingertips on a wall for balance, rise as high as you can and lower fully at a steady pace (about one rise every 2 seconds) until you can no longer rise fully or keep the pace; count the reps, rest, then the other leg. Record both.";

/// A test older than this no longer sets the starting stage above 3.
pub const TEST_VALID_WEEKS: i64 = 8;

/// The first weeks of a new program use at most this share of the weaker leg's test per
/// set ("slowly introduce eccentric loads", the article).
pub const FIRST_WEEKS_SHARE: f64 = 0.6;

/// No generated calf work from this many days before the goal race...
pub const RACE_DAYS_BEFORE: i64 = 3;
/// ...to this many days after it.
pub const RACE_DAYS_AFTER: i64 = 2;
/// No stage increase in this many days before the goal race.
pub const RACE_NO_INCREASE_DAYS: i64 = 14;

/// A single-leg stage's set never asks for more reps than the weaker leg's latest test,
/// so each of these stages needs a test of at least its lowest dose: (stage, reps).
pub const STAGE_TEST_REPS: [(u8, u32); 4] = [(3, 12), (4, 20), (5, 25), (6, 30)];

/// The weaker leg's reps a test needs for stage 5 (the article's 3 × 25–30).
pub const STAGE5_TEST_REPS: u32 = 25;
/// The weaker leg's reps a test needs for stage 6 (loaded), besides a known body mass.
pub const STAGE6_TEST_REPS: u32 = 30;

/// The reps in a session grow by at most this share from one normal week to the next
/// ("gradual": 3 × 15 becomes at most 3 × 18).
pub const MAX_WEEKLY_GROWTH: f64 = 0.25;

/// Single-leg raise stages: their reps a set are capped by the weaker leg's latest test.
pub fn is_single_leg(stage: u8) -> bool {
    matches!(stage, 3..=5)
}

/// The athlete's latest calf-raise test on or before `on`.
pub fn latest_test_on(athlete: &Athlete, on: NaiveDate) -> Option<&CalfRaiseTest> {
    athlete
        .calf_raise_tests
        .iter()
        .filter(|t| t.date <= on)
        .max_by_key(|t| t.date)
}

/// The highest stage the evidence allows on `on`, and why not higher: a single-leg stage
/// needs a test whose weaker leg reaches its lowest dose (stage 3: 12, stage 4: 20,
/// stage 5: 25), stage 6 a test of 30 and a known body mass; without a test, stage 2
/// (single-leg work waits for a test to set its reps).
pub fn stage_cap(athlete: &Athlete, on: NaiveDate) -> (u8, Option<String>) {
    let Some(t) = latest_test_on(athlete, on) else {
        return (
            2,
            Some(
                "single-leg raises (stage 3 and up) wait for a calf-raise test: a set never asks for more reps than the weaker leg managed"
                    .into(),
            ),
        );
    };
    let weaker = t.left.min(t.right);
    for &(stage, reps) in &STAGE_TEST_REPS {
        if weaker < reps {
            return (
                stage - 1,
                Some(format!(
                    "stage {stage} waits for a calf-raise test with {reps} or more reps on the weaker leg (latest: {weaker} on {})",
                    t.date
                )),
            );
        }
    }
    if athlete.body_mass_kg.is_none() {
        (
            5,
            Some("stage 6 (loaded) needs the athlete's body mass to set the load".into()),
        )
    } else {
        (6, None)
    }
}

/// Calf sessions a week when the user has not chosen: two for a novice, three otherwise
/// (the article's "two or three times a week").
pub fn default_per_week(level: Level) -> u8 {
    if level == Level::Novice { 2 } else { 3 }
}

/// The starting stage of a new program on `on`, from the athlete's latest calf-raise test
/// (the weaker leg), and why. Novices, and anyone whose test is missing or older than 8
/// weeks, start at stage 3 or lower.
pub fn starting_stage(athlete: &Athlete, on: NaiveDate) -> (u8, String) {
    let Some(t) = latest_test_on(athlete, on).or_else(|| athlete.latest_calf_test()) else {
        return (
            1,
            "no calf-raise test yet: start at stage 1 (a test is scheduled in the first week)"
                .into(),
        );
    };
    let weaker = t.left.min(t.right);
    let from_test = match weaker {
        0..=9 => 1,
        10..=14 => 2,
        15..=19 => 3,
        20..=24 => 4,
        _ => 5,
    };
    let leg = if t.left <= t.right { "left" } else { "right" };
    let mut stage = from_test;
    let mut why = format!(
        "calf-raise test on {}: weaker leg ({leg}) {weaker} reps, so stage {from_test} (under 10: 1, 10–14: 2, 15–19: 3, 20–24: 4, 25 or more: 5)",
        t.date
    );
    let old = (on - t.date).num_days() > TEST_VALID_WEEKS * 7;
    if stage > 3 && (athlete.level == crate::model::Level::Novice || old) {
        stage = 3;
        why.push_str(if old {
            "; the test is older than 8 weeks, so stage 3 until a new one"
        } else {
            "; a novice starts at stage 3 or lower"
        });
    }
    (stage, why)
}

/// How to schedule. Options left out come from the plan's recorded program
/// (`calf_program`), so rescheduling keeps its choices; without one, from the defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Sessions a week (2 or 3); default: the program's, else 2 for novices, 3 otherwise.
    pub per_week: Option<u8>,
    /// First day (default: the program's, else the Monday of the plan's first week).
    pub from: Option<NaiveDate>,
    /// Last day (default: the program's, else the plan's last day).
    pub to: Option<NaiveDate>,
    /// Start at this stage instead of the one from the calf-raise test (default: the
    /// program's choice when it starts on the same day).
    pub start_stage: Option<u8>,
}

/// What the scheduler decided for one week.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekPlan {
    /// The Monday.
    pub start: NaiveDate,
    /// The stage used.
    pub stage: u8,
    /// Sets per session.
    pub sets: u8,
    /// Reps per set.
    pub reps: u8,
    /// Added load at stage 6, in kg.
    pub kg: Option<f64>,
    /// A half-volume week (every 4th week, Recovery and Taper blocks).
    pub deload: bool,
    /// Days of generated calf sessions (the test day not included).
    pub days: Vec<NaiveDate>,
    /// The day of a generated calf-raise test, if the week has one.
    pub test: Option<NaiveDate>,
    /// The program is stopped on some days of this week (a red flag or calf pain above
    /// 5/10, until an all-clear log).
    pub stopped: bool,
    /// The dose is held this week (next-morning pain rose, or a strain at 4–5/10 has no
    /// all-clear yet).
    pub held: bool,
    /// Why the week differs from the usual (fewer sessions, a step down, a stop), if it does.
    pub note: Option<String>,
}

/// The scheduler's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The first and last day scheduled.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Sessions a week aimed for.
    pub per_week: u8,
    /// Starting stage and why.
    pub start_stage: u8,
    /// Why that stage.
    pub reason: String,
    /// The stage chosen in the options, if any (kept in the plan's `calf_program`).
    pub chosen_stage: Option<u8>,
    /// Week by week.
    pub weeks: Vec<WeekPlan>,
    /// The generated sessions (calf work and tests), in date order.
    pub sessions: Vec<Session>,
}

impl Schedule {
    /// Why the program is stopped or held now, for the calf panel: the latest week with a
    /// stop or a hold on or before `today`, else the first one after it.
    pub fn status(&self, today: NaiveDate) -> Option<String> {
        let flagged = |w: &&WeekPlan| w.stopped || w.held;
        self.weeks
            .iter()
            .filter(flagged)
            .rfind(|w| w.start <= today)
            .or_else(|| self.weeks.iter().find(flagged))
            .and_then(|w| w.note.clone().map(|n| format!("Week of {}: {n}", w.start)))
    }
}

/// Days where a generated calf session shares the day with a counted run (a run moved
/// onto it): the program's placement no longer holds there. Sessions must be in date
/// order.
pub fn conflicts(plan: &Plan) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = plan
        .sessions
        .iter()
        .filter(|s| s.generated && s.activity.is_calf_work())
        .filter(|c| {
            plan.sessions[plan.day_range(c.date)]
                .iter()
                .any(|r| r.run().is_some() && r.counts())
        })
        .map(|c| c.date)
        .collect();
    days.dedup();
    days
}

/// `plan` with the schedule applied: generated sessions still only planned from `from` to
/// `to` are replaced by the schedule's; the user's own sessions, and generated ones done
/// or skipped, are never touched. The plan remembers the program (`calf_program`).
pub fn apply(plan: &Plan, schedule: &Schedule) -> Plan {
    let mut out = plan.clone();
    out.sessions
        .retain(|s| !(is_replaceable(s) && s.date >= schedule.from && s.date <= schedule.to));
    out.sessions.extend(schedule.sessions.iter().cloned());
    out.sessions.sort_by_key(|s| s.date);
    out.calf_program = Some(CalfProgram {
        from: schedule.from,
        to: schedule.to,
        per_week: schedule.per_week,
        start_stage: schedule.chosen_stage,
    });
    out
}

/// The calf program's range and choices: as the plan recorded them, or (for a plan from
/// before that was recorded) read from its generated sessions.
pub fn program(plan: &Plan) -> Option<CalfProgram> {
    if let Some(p) = &plan.calf_program {
        return Some(p.clone());
    }
    let generated: Vec<&Session> = plan
        .sessions
        .iter()
        .filter(|s| s.generated && s.activity.is_calf_work())
        .collect();
    let from = week_start(generated.iter().map(|s| s.date).min()?);
    let to = generated.iter().map(|s| s.date).max()?;
    // The most sessions in a week is what was asked for.
    let mut per_week = 0;
    for s in &generated {
        let n = generated
            .iter()
            .filter(|o| week_start(o.date) == week_start(s.date))
            .count();
        per_week = per_week.max(n);
    }
    Some(CalfProgram {
        from,
        to,
        per_week: (per_week as u8)
            .clamp(*limits::CALF_PER_WEEK.start(), *limits::CALF_PER_WEEK.end()),
        start_stage: None,
    })
}

/// Reschedules the calf program after something changed it (a symptom or a test logged,
/// a return block): the whole program again, with its recorded choices, so the result is
/// exactly what scheduling it from the calf window or `gradual calf` would give (one
/// scheduler, one answer; weeks before the change come out as they were, unless it
/// reaches back, like a first test that sets the starting stage). Only generated
/// sessions still planned are replaced. `None` when the plan has no calf program.
pub fn refresh(plan: &Plan) -> Option<Plan> {
    let p = program(plan)?;
    let mut recorded = plan.clone();
    recorded.calf_program = Some(p);
    let s = schedule(&recorded, &Options::default())?;
    Some(apply(&recorded, &s))
}

/// Records a calf-raise test in `plan`: adds it to the athlete's tests (replacing one of
/// the same day), marks that day's test session done and reschedules the calf program
/// from its week (progress waits for tests). Returns whether the program was
/// rescheduled. The window and `gradual calf-test` both record through here.
pub fn record_test(plan: &mut Plan, test: CalfRaiseTest) -> bool {
    let date = test.date;
    let tests = &mut plan.athlete.calf_raise_tests;
    match tests.iter_mut().find(|t| t.date == date) {
        Some(t) => *t = test,
        None => tests.push(test),
    }
    tests.sort_by_key(|t| t.date);
    for s in plan
        .sessions
        .iter_mut()
        .filter(|s| s.date == date && matches!(s.activity, Activity::CalfTest))
    {
        s.status = Status::Done;
    }
    plan.canonicalize();
    match refresh(plan) {
        Some(p) => {
            *plan = p;
            true
        }
        None => false,
    }
}

/// One week of a preview: what applying would add, move, change and remove.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekChange {
    /// The Monday.
    pub start: NaiveDate,
    /// Stage, sets × reps, deload, note from the schedule.
    pub plan: WeekPlan,
    /// New days.
    pub added: Vec<NaiveDate>,
    /// Days that lose their generated session.
    pub removed: Vec<NaiveDate>,
    /// Old day → new day (a removed and an added session paired in order).
    pub moved: Vec<(NaiveDate, NaiveDate)>,
    /// Same day, different dose or stage.
    pub changed: Vec<NaiveDate>,
}

impl WeekChange {
    /// Whether applying changes nothing in this week.
    pub fn is_unchanged(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.moved.is_empty()
            && self.changed.is_empty()
    }
}

/// Week by week, what [`apply`] would change in `plan`. Linear in the number of sessions
/// (each is looked up by its week).
pub fn preview(plan: &Plan, schedule: &Schedule) -> Vec<WeekChange> {
    use std::collections::BTreeMap;
    let mut old: BTreeMap<NaiveDate, Vec<&Session>> = BTreeMap::new();
    for s in plan
        .sessions
        .iter()
        .filter(|s| is_replaceable(s) && s.date >= schedule.from && s.date <= schedule.to)
    {
        old.entry(week_start(s.date)).or_default().push(s);
    }
    let mut new: BTreeMap<NaiveDate, Vec<&Session>> = BTreeMap::new();
    for s in &schedule.sessions {
        new.entry(week_start(s.date)).or_default().push(s);
    }
    let none = Vec::new();
    schedule
        .weeks
        .iter()
        .map(|w| {
            let old_w = old.get(&w.start).unwrap_or(&none);
            let new_w = new.get(&w.start).unwrap_or(&none);
            let mut added: Vec<NaiveDate> = new_w
                .iter()
                .map(|s| s.date)
                .filter(|d| !old_w.iter().any(|o| o.date == *d))
                .collect();
            let mut removed: Vec<NaiveDate> = old_w
                .iter()
                .map(|s| s.date)
                .filter(|d| !new_w.iter().any(|n| n.date == *d))
                .collect();
            let changed = new_w
                .iter()
                .filter(|n| {
                    old_w
                        .iter()
                        .any(|o| o.date == n.date && o.activity != n.activity)
                })
                .map(|n| n.date)
                .collect();
            let pairs = added.len().min(removed.len());
            let moved = removed.drain(..pairs).zip(added.drain(..pairs)).collect();
            WeekChange {
                start: w.start,
                plan: w.clone(),
                added,
                removed,
                moved,
                changed,
            }
        })
        .collect()
}
