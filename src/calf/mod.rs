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
use std::collections::BTreeSet;

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

/// A session the scheduler made and may replace: generated calf work that is still only
/// planned (done or skipped ones are history, and stay).
fn is_replaceable(s: &Session) -> bool {
    s.generated && s.activity.is_calf_work() && s.status == Status::Planned
}

/// A span of days the program treats differently because of a symptom log: from the log
/// until its all-clear log (same area, pain ≤ 2, no flags).
struct Span {
    from: NaiveDate,
    until: Option<NaiveDate>,
    why: String,
}

impl Span {
    fn covers(&self, d: NaiveDate) -> bool {
        self.from <= d && self.until.is_none_or(|u| d < u)
    }
}

/// Stops (a red flag or calf/Achilles pain above the line: no calf work) and holds (a
/// strain at 4–5/10: the dose held, not progressed), each until an all-clear.
fn spans(plan: &Plan, t: &Thresholds) -> (Vec<Span>, Vec<Span>) {
    let span = |s: &crate::model::Symptom| {
        let what = if s.flags.is_empty() {
            format!("{} pain {}/10", s.area.name().to_lowercase(), s.pain)
        } else {
            let flags: Vec<_> = s.flags.iter().map(|f| f.name()).collect();
            format!("{} ({})", s.area.name().to_lowercase(), flags.join(", "))
        };
        Span {
            from: s.date,
            until: crate::analysis::all_clear_after(plan, s).map(|c| c.date),
            why: format!("{what} logged on {}", s.date),
        }
    };
    let mut stops: Vec<Span> = plan
        .symptoms
        .iter()
        .filter(|s| crate::analysis::stops_running(s, t))
        .map(span)
        .collect();
    stops.sort_by_key(|s| s.from);
    let mut holds: Vec<Span> = plan
        .symptoms
        .iter()
        .filter(|s| crate::analysis::is_strain(s, t))
        .map(span)
        .collect();
    holds.sort_by_key(|s| s.from);
    (stops, holds)
}

/// Next-morning calf or Achilles pain higher than the previous log of that area: the
/// pain-monitoring model's sign to hold the load (Silbernagel et al. 2007). Cramps are
/// not counted.
fn rising_mornings(plan: &Plan) -> Vec<(NaiveDate, u8, u8)> {
    let mut out = Vec::new();
    for area in [
        crate::model::BodyArea::Calf,
        crate::model::BodyArea::Achilles,
    ] {
        let mut logs: Vec<&crate::model::Symptom> = plan
            .symptoms
            .iter()
            .filter(|s| s.area == area && !s.cramp)
            .collect();
        logs.sort_by_key(|s| s.date);
        for w in logs.windows(2) {
            if w[1].when == Some(When::NextMorning) && w[1].pain > w[0].pain {
                out.push((w[1].date, w[0].pain, w[1].pain));
            }
        }
    }
    out
}

fn round_half(x: f64) -> f64 {
    (x * 2.0).round() / 2.0
}

/// What the scheduler works around, gathered once from the plan.
struct Ground<'a> {
    plan: &'a Plan,
    from: NaiveDate,
    to: NaiveDate,
    per_week: u8,
    run_days: BTreeSet<NaiveDate>,
    /// Days with a long or quality run: no calf work the day before them.
    key_days: BTreeSet<NaiveDate>,
    /// Calf work that stays (the user's own, generated work done, skipped or outside the
    /// range), by week.
    fixed_by_week: std::collections::BTreeMap<NaiveDate, Vec<&'a Session>>,
    stops: Vec<Span>,
    holds: Vec<Span>,
    rising: Vec<(NaiveDate, u8, u8)>,
    race: Option<NaiveDate>,
    new_program: bool,
}

impl Ground<'_> {
    fn stopped_on(&self, d: NaiveDate) -> Option<&Span> {
        self.stops.iter().find(|s| s.covers(d))
    }

    fn in_race_window(&self, d: NaiveDate) -> bool {
        self.race.is_some_and(|r| {
            d >= r - Duration::days(RACE_DAYS_BEFORE) && d <= r + Duration::days(RACE_DAYS_AFTER)
        })
    }

    /// No dose increase lands in the two weeks before the goal race: the week starting
    /// on `monday` overlaps them.
    fn before_race(&self, monday: NaiveDate) -> bool {
        self.race.is_some_and(|r| {
            monday <= r && monday + Duration::days(6) >= r - Duration::days(RACE_NO_INCREASE_DAYS)
        })
    }

    fn fixed(&self, monday: NaiveDate) -> &[&Session] {
        self.fixed_by_week
            .get(&monday)
            .map_or(&[], |v| v.as_slice())
    }
}

/// The scheduler's state from one week to the next: it climbs the ladder week by week
/// ([`Scheduler::week`]), so what a week gets depends only on the weeks before it.
struct Scheduler<'a> {
    g: Ground<'a>,
    stage: u8,
    /// Complete normal weeks at this stage.
    completed: u32,
    /// One of them was at the stage's high end.
    high_done: bool,
    kg_steps: u32,
    /// The stage when a stop began (it resumes one lower).
    stopped_stage: Option<u8>,
    /// The evidence cap's reason, once said (not repeated every week it holds).
    cap_noted: Option<String>,
    /// The last day with calf work, for the 48 h spacing.
    last_day: Option<NaiveDate>,
    /// Reps a set in the last normal week (not a deload): the growth limit's reference.
    last_reps: Option<u8>,
    /// A test is due but found no day yet.
    test_pending: bool,
    step_down_next: bool,
    needs_test: bool,
    index: u32,
}

impl<'a> Scheduler<'a> {
    /// The week starting on `monday`: its plan and its generated sessions.
    fn week(&mut self, monday: NaiveDate) -> (WeekPlan, Vec<Session>) {
        let g = &self.g;
        let athlete = &g.plan.athlete;
        let sunday = monday + Duration::days(6);
        let mut notes: Vec<String> = Vec::new();
        // Skipped weeks during a stop are the stop, not a step down.
        if self.step_down_next && self.stage > 1 && self.stopped_stage.is_none() {
            self.stage -= 1;
            (self.completed, self.high_done) = (0, false);
            notes.push(format!(
                "one stage down to {}: the previous week's calf sessions were all skipped",
                self.stage
            ));
        }
        let days: Vec<NaiveDate> = (0..7)
            .map(|d| monday + Duration::days(d))
            .filter(|d| *d >= g.from && *d <= g.to)
            .collect();
        // A stop covers some days: note it; once it is over, resume one stage lower.
        let stop_days: Vec<NaiveDate> = days
            .iter()
            .copied()
            .filter(|d| g.stopped_on(*d).is_some())
            .collect();
        if let Some(first) = stop_days.first() {
            let stop = g.stopped_on(*first).expect("a stopped day");
            self.stopped_stage.get_or_insert(self.stage);
            notes.push(match stop.until {
                Some(u) if u <= sunday => format!(
                    "calf work stopped from {}: {}; all-clear logged on {u}",
                    stop.from.max(monday),
                    stop.why
                ),
                Some(u) => format!(
                    "calf work stopped: {}, until the all-clear on {u}",
                    stop.why
                ),
                None => format!(
                    "calf work stopped: {}; log how it feels (pain 2 or less, no flags) to resume, and see a physiotherapist if it persists",
                    stop.why
                ),
            });
        }
        let after_stop = stop_days
            .last()
            .copied()
            .unwrap_or(monday - Duration::days(1));
        let resumes = self.stopped_stage.is_some()
            && days
                .iter()
                .any(|d| *d > after_stop && g.stopped_on(*d).is_none());
        if resumes && let Some(before) = self.stopped_stage.take() {
            self.stage = before.saturating_sub(1).max(1).min(self.stage);
            (self.completed, self.high_done) = (0, false);
            notes.push(format!(
                "resumes one stage lower, at stage {}, after the all-clear",
                self.stage
            ));
        }
        // What the evidence allows: the stage and, on single-leg stages, the reps a set.
        let (cap, cap_why) = stage_cap(athlete, monday);
        if self.stage > cap {
            self.stage = cap;
            (self.completed, self.high_done) = (0, false);
            if let Some(w) = &cap_why {
                notes.push(w.clone());
                self.cap_noted = Some(w.clone());
            }
        }
        let test = latest_test_on(athlete, monday);
        let weaker = test.map(|t| t.left.min(t.right));
        let st = stage(self.stage);
        let test_cap = weaker
            .filter(|_| is_single_leg(self.stage))
            .map(|w| w.min(255) as u8);
        let high = st.reps.1.min(test_cap.unwrap_or(u8::MAX));
        let phase = g.plan.block_on(monday).map(|b| b.phase);
        let deload = self.index % 4 == 3 || matches!(phase, Some(Phase::Recovery | Phase::Taper));
        // Slowly introduce eccentric loads: a new program's first two weeks at the low end,
        // at most about 60 % of the weaker leg's test; every new stage starts low.
        let first_weeks = g.new_program && self.index < 2;
        let mut reps = if first_weeks || self.completed == 0 {
            st.reps.0
        } else {
            st.reps.1
        }
        .min(high);
        if first_weeks && let Some(w) = weaker {
            let share = ((f64::from(w) * FIRST_WEEKS_SHARE).floor() as u8).max(5);
            if share < reps {
                reps = share;
                if self.index == 0 {
                    notes.push(format!(
                        "{share} reps a set to start: about 60 % of the weaker leg's {w} in the test"
                    ));
                }
            }
        }
        if let (Some(c), Some(w)) = (test_cap, weaker)
            && st.reps.0 > c
            && reps == c
        {
            notes.push(format!(
                "{c} reps a set: never more than the weaker leg's {w} in the latest test"
            ));
        }
        // Gradual: at most about +25 % reps from one normal week to the next.
        if let Some(prev) = self.last_reps {
            let most = ((f64::from(prev) * (1.0 + MAX_WEEKLY_GROWTH)).floor() as u8).max(prev + 1);
            if reps > most {
                reps = most;
            }
        }
        // Held: next-morning pain rose, a strain has no all-clear yet, or the race is near.
        let rise = g
            .rising
            .iter()
            .find(|(d, _, _)| *d >= monday && *d <= sunday);
        if let Some((d, a, b)) = rise {
            notes.push(format!(
                "dose held: next-morning pain rose from {a} to {b}/10 on {d}"
            ));
        }
        let strain = g.holds.iter().find(|h| days.iter().any(|d| h.covers(*d)));
        if let Some(h) = strain {
            notes.push(format!(
                "dose held: {}; it progresses again after a log with pain 2 or less",
                h.why
            ));
        }
        let near_race = g.before_race(monday);
        let held = rise.is_some() || strain.is_some();
        if (held || near_race)
            && let Some(prev) = self.last_reps
        {
            reps = reps.min(prev);
        }
        let reps = reps.max(1);
        let session_reps = if deload { reps.div_ceil(2) } else { reps };
        let kg = (self.stage == 6)
            .then(|| {
                athlete
                    .body_mass_kg
                    .map(|m| round_half(m * 0.05 * f64::from(self.kg_steps)))
            })
            .flatten();

        // Where: days without a run, not stopped, not near the race, 48 h apart, and not
        // the day before a long or quality run.
        let fixed_this_week: Vec<&Session> = g.fixed(monday).to_vec();
        let wanted = usize::from(g.per_week).saturating_sub(fixed_this_week.len());
        let race_days = days.iter().filter(|d| g.in_race_window(**d)).count();
        let open_days: Vec<NaiveDate> = days
            .iter()
            .copied()
            .filter(|d| !g.run_days.contains(d) && !fixed_this_week.iter().any(|s| s.date == *d))
            .filter(|d| g.stopped_on(*d).is_none() && !g.in_race_window(*d))
            .collect();
        let before_key = |d: &NaiveDate| g.key_days.contains(&(*d + Duration::days(1)));
        let free: Vec<NaiveDate> = open_days
            .iter()
            .copied()
            .filter(|d| !before_key(d))
            .collect();
        // Keep 48 h from every calf session already there: the user's own (any week) and
        // the last one scheduled (only the days near this week matter).
        let mut taken: Vec<NaiveDate> = [
            monday - Duration::days(7),
            monday,
            monday + Duration::days(7),
        ]
        .iter()
        .flat_map(|w| g.fixed(*w).iter())
        .map(|s| s.date)
        .filter(|d| *d >= monday - Duration::days(2) && *d <= sunday + Duration::days(2))
        .collect();
        taken.sort();
        taken.dedup();
        taken.extend(self.last_day);
        let mut chosen = choose_days(&free, wanted, &taken);
        if race_days > 0 {
            notes.push(format!(
                "no calf work from {RACE_DAYS_BEFORE} days before to {RACE_DAYS_AFTER} days after the race"
            ));
        }
        let complete_week = days.len() == 7 && stop_days.is_empty() && race_days == 0;
        if chosen.len() < wanted && complete_week {
            let more = choose_days(&open_days, wanted, &taken).len();
            let n = chosen.len();
            let sessions = format!("{n} calf session{}", if n == 1 { "" } else { "s" });
            notes.push(if more > n {
                format!(
                    "{sessions} instead of {wanted}: another would fall the day before a long or quality run"
                )
            } else {
                format!(
                    "{sessions} instead of {wanted}: only {} day{} without a run{}",
                    free.len(),
                    if free.len() == 1 { "" } else { "s" },
                    if free.len() > n {
                        ", and sessions need 48 h between them"
                    } else {
                        ""
                    }
                )
            });
        }
        // Progress on evidence: a calf-raise test every 4 weeks, and in the first week
        // when the latest test is missing or old. It takes the place of a session; with no
        // day for it, it moves to the next week.
        let test_due =
            self.test_pending || self.index % 4 == 3 || (self.index == 0 && self.needs_test);
        let test_day = (test_due && !chosen.is_empty()).then(|| chosen.remove(0));
        self.test_pending = test_due && test_day.is_none() && days.len() == 7;
        if self.test_pending && stop_days.is_empty() {
            notes.push("the calf-raise test moves to next week: no day for it this week".into());
        }
        let mut sessions = Vec::new();
        if let Some(d) = test_day {
            let mut s = Session::new(d, Activity::CalfTest);
            s.generated = true;
            s.note = self.test_note(cap, &cap_why, high, st.reps.1);
            sessions.push(s);
        }
        for d in &chosen {
            let mut s = Session::new(
                *d,
                Activity::Calf {
                    stage: self.stage,
                    sets: st.sets,
                    reps: session_reps,
                    kg,
                },
            );
            s.generated = true;
            sessions.push(s);
        }
        if let Some(d) = chosen
            .iter()
            .chain(test_day.iter())
            .chain(fixed_this_week.iter().map(|s| &s.date))
            .max()
        {
            self.last_day = Some(self.last_day.map_or(*d, |l| l.max(*d)));
        }
        let week_stage = self.stage;
        // Only a complete week counts toward moving up: every calf session of it done
        // (generated ones ahead are assumed done), none skipped, none stopped.
        let any_work = !chosen.is_empty() || !fixed_this_week.is_empty();
        let complete = any_work
            && stop_days.is_empty()
            && fixed_this_week.iter().all(|s| s.status != Status::Skipped);
        if !deload && !chosen.is_empty() && stop_days.is_empty() {
            self.last_reps = Some(reps);
        }
        if complete && !deload && !held {
            self.completed += 1;
            self.high_done |= !first_weeks && reps >= high;
            if self.completed >= 2 && self.high_done {
                if g.before_race(monday + Duration::days(7)) || near_race {
                    notes.push("no stage increase in the two weeks before the race".into());
                } else if self.stage < cap {
                    self.stage += 1;
                    (self.completed, self.high_done) = (0, false);
                } else if self.stage == 6 {
                    self.kg_steps += 1;
                    (self.completed, self.high_done) = (0, false);
                } else if let Some(w) = &cap_why
                    && self.cap_noted.as_ref() != Some(w)
                {
                    notes.push(w.clone());
                    self.cap_noted = Some(w.clone());
                }
            }
        }
        self.step_down_next = week_needs_step_down(Some(&fixed_this_week));
        self.index += 1;
        let plan = WeekPlan {
            start: monday,
            stage: week_stage,
            sets: st.sets,
            reps: session_reps,
            kg,
            deload,
            days: chosen,
            test: test_day,
            stopped: !stop_days.is_empty(),
            held,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        };
        (plan, sessions)
    }

    /// What a scheduled test is for: the dose that waits for it, when one does.
    fn test_note(&self, cap: u8, cap_why: &Option<String>, high: u8, stage_high: u8) -> String {
        let waiting = if self.stage == cap && cap < 6 {
            cap_why.clone()
        } else if high < stage_high {
            Some(format!(
                "3 × {stage_high} at stage {} waits for a test with {stage_high} or more reps on the weaker leg",
                self.stage
            ))
        } else {
            None
        };
        match waiting {
            Some(w) => format!("Calf-raise test: record the reps of both legs; {w}."),
            None => "Calf-raise test: record the reps of both legs (and any pain); the next weeks follow from it.".into(),
        }
    }
}

/// Schedules the calf program for `plan`. Pure: it reads the plan's runs, its calf
/// sessions (the user's own, and generated ones already done or skipped), blocks,
/// symptoms, tests and the goal race, and ignores generated sessions still only planned
/// in the range (they are what it replaces). Options left out come from the plan's
/// recorded program, so scheduling again gives the same answer.
pub fn schedule(plan: &Plan, opts: &Options) -> Option<Schedule> {
    // The default range ignores replaceable sessions, so re-running gives the same range.
    let mut own = plan.clone();
    own.sessions.retain(|s| !is_replaceable(s));
    let (lo, hi) = own.date_range()?;
    let recorded = plan.calf_program.as_ref();
    let from = opts
        .from
        .or(recorded.map(|p| p.from))
        .unwrap_or_else(|| week_start(lo));
    let to = opts.to.or(recorded.map(|p| p.to)).unwrap_or(hi);
    if to < from {
        return None;
    }
    let athlete = &plan.athlete;
    let per_week = opts
        .per_week
        .or(recorded.map(|p| p.per_week))
        .unwrap_or(default_per_week(athlete.level))
        .clamp(*limits::CALF_PER_WEEK.start(), *limits::CALF_PER_WEEK.end());
    let chosen_stage = opts.start_stage.or_else(|| {
        recorded
            .filter(|p| p.from == from)
            .and_then(|p| p.start_stage)
    });
    let t = Thresholds::resolve(&plan.settings, athlete.level);

    // What the scheduler must respect, by day.
    let is_run =
        |s: &Session| matches!(s.activity, Activity::Run { .. }) && s.status != Status::Skipped;
    let run_days: BTreeSet<NaiveDate> = plan
        .sessions
        .iter()
        .filter(|s| is_run(s))
        .map(|s| s.date)
        .collect();
    let key_days: BTreeSet<NaiveDate> = plan
        .sessions
        .iter()
        .filter(|s| is_run(s))
        .filter(|s| {
            s.run()
                .is_some_and(|r| r.kind.is_quality() || r.kind == crate::model::RunKind::Long)
        })
        .map(|s| s.date)
        .collect();
    // Calf work that stays: the user's own, and generated work outside the range or
    // already done or skipped.
    let fixed: Vec<&Session> = plan
        .sessions
        .iter()
        .filter(|s| s.activity.is_calf_work())
        .filter(|s| !(is_replaceable(s) && s.date >= from && s.date <= to))
        .collect();
    // Where the program starts: continuing from calf work in the 4 weeks before `from`,
    // or a new program from the calf-raise test.
    let previous = fixed
        .iter()
        .filter(|s| s.date < from && s.date >= from - Duration::days(28))
        .filter(|s| s.status != Status::Skipped)
        .filter_map(|s| match s.activity {
            Activity::Calf { stage, reps, .. } => Some((s.date, stage, reps)),
            _ => None,
        })
        .max_by_key(|(d, _, _)| *d);
    let (stage_now, reason, new_program) = match (chosen_stage, previous) {
        (Some(s), _) => (
            s.clamp(1, 6),
            format!("chosen: stage {}", s.clamp(1, 6)),
            true,
        ),
        (None, Some((d, s, _))) => (
            s,
            format!("continuing at stage {s} (the last calf session, on {d})"),
            false,
        ),
        (None, None) => {
            let (s, why) = starting_stage(athlete, from);
            (s, why, true)
        }
    };
    let needs_test = latest_test_on(athlete, from)
        .is_none_or(|t| (from - t.date).num_days() > TEST_VALID_WEEKS * 7);
    let mut fixed_by_week: std::collections::BTreeMap<NaiveDate, Vec<&Session>> =
        Default::default();
    for s in &fixed {
        fixed_by_week.entry(week_start(s.date)).or_default().push(s);
    }
    let step_down_next = week_needs_step_down(
        fixed_by_week
            .get(&(week_start(from) - Duration::days(7)))
            .map(|v| v.as_slice()),
    );
    let last_day = fixed.iter().filter(|s| s.date < from).map(|s| s.date).max();
    let (stops, holds) = spans(plan, &t);
    let mut sch = Scheduler {
        g: Ground {
            plan,
            from,
            to,
            per_week,
            run_days,
            key_days,
            fixed_by_week,
            stops,
            holds,
            rising: rising_mornings(plan),
            race: plan.race.as_ref().map(|r| r.date),
            new_program,
        },
        stage: stage_now,
        completed: 0,
        high_done: false,
        kg_steps: 1,
        stopped_stage: None,
        cap_noted: None,
        last_day,
        last_reps: previous.map(|(_, _, r)| r).filter(|_| !new_program),
        test_pending: false,
        step_down_next,
        needs_test,
        index: 0,
    };
    let mut weeks = Vec::new();
    let mut sessions = Vec::new();
    let mut monday = week_start(from);
    while monday <= to {
        let (w, s) = sch.week(monday);
        weeks.push(w);
        sessions.extend(s);
        monday += Duration::days(7);
    }
    sessions.sort_by_key(|s| s.date);
    Some(Schedule {
        from,
        to,
        per_week,
        start_stage: stage_now,
        reason,
        chosen_stage,
        weeks,
        sessions,
    })
}

fn week_needs_step_down(week: Option<&[&Session]>) -> bool {
    let week: Vec<_> = week
        .into_iter()
        .flatten()
        .filter(|s| matches!(s.activity, Activity::Calf { .. }))
        .collect();
    !week.is_empty() && week.iter().all(|s| s.status == Status::Skipped)
}

/// The best `k` of the `free` days, each at least 48 h (two calendar days) from the
/// others and from `taken`: the widest spacing, then the earliest days.
fn best_days(free: &[NaiveDate], k: usize, taken: &[NaiveDate]) -> Option<Vec<NaiveDate>> {
    let n = free.len();
    let mut best: Option<(Vec<NaiveDate>, (i64, i64))> = None;
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize != k {
            continue;
        }
        let pick: Vec<NaiveDate> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| free[i])
            .collect();
        let spaced = pick.iter().all(|a| {
            pick.iter()
                .chain(taken)
                .all(|b| a == b || (*a - *b).num_days().abs() >= 2)
        });
        if !spaced {
            continue;
        }
        let min_gap = pick
            .windows(2)
            .map(|w| (w[1] - w[0]).num_days())
            .min()
            .unwrap_or(7);
        let first = pick.iter().map(|d| (*d - free[0]).num_days()).sum::<i64>();
        // Lower is better: wider gaps, earlier days.
        let score = (-min_gap, first);
        if best.as_ref().is_none_or(|(_, s)| score < *s) {
            best = Some((pick, score));
        }
    }
    best.map(|(p, _)| p)
}

/// Picks up to `wanted` of the `free` days (see [`best_days`]): as many as fit.
fn choose_days(free: &[NaiveDate], wanted: usize, taken: &[NaiveDate]) -> Vec<NaiveDate> {
    (1..=wanted.min(free.len()))
        .rev()
        .find_map(|k| best_days(free, k, taken))
        .unwrap_or_default()
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
