//! The plan: athlete, blocks, sessions and symptoms.
//!
//! These types are exactly what a plan file holds (see [`crate::format`]). They carry no
//! derived data; everything computed from them lives in [`crate::analysis`].

mod edit;
pub mod limits;
mod pace;
pub mod plain_option;
mod settings;
mod severity;

pub use edit::{RECOVERY_SHARE, Rounding};
pub use pace::Pace;
pub use settings::{CALF_FACTOR_TABLE, CalfFactorKey, CalfFactors, Settings, Thresholds};
pub use severity::Severity;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A training plan: one athlete, an optional goal race, blocks and sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// File format version; see [`FORMAT_VERSION`].
    pub format: u32,
    /// The plan's name, shown in titles and reports.
    pub name: String,
    /// Who the plan is for.
    pub athlete: Athlete,
    /// The goal race, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub race: Option<Race>,
    /// Training blocks (base, build, ...), labelling ranges of weeks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Every session; several per day allowed, in their order within the day.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Logged symptoms (pain, red flags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub symptoms: Vec<Symptom>,
    /// The calf program's range and choices, kept so that a logged symptom or test can
    /// reschedule it (see [`crate::calf::refresh`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calf_program: Option<CalfProgram>,
    /// Threshold and calf-factor overrides.
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
}

impl Plan {
    /// An empty plan for `athlete` with the given name.
    pub fn new(name: impl Into<String>, athlete: Athlete) -> Self {
        Plan {
            format: FORMAT_VERSION,
            name: name.into(),
            athlete,
            race: None,
            blocks: Vec::new(),
            sessions: Vec::new(),
            symptoms: Vec::new(),
            calf_program: None,
            settings: Settings::default(),
        }
    }

    /// Sorts sessions by date (keeping their order within a day), blocks by start, tests
    /// and symptoms by date: the canonical order the file is saved in.
    pub fn canonicalize(&mut self) {
        self.sessions.sort_by_key(|s| s.date);
        self.blocks.sort_by_key(|b| b.start);
        self.athlete.calf_raise_tests.sort_by_key(|t| t.date);
        self.symptoms.sort_by_key(|s| s.date);
    }

    /// The plan as it happened so far: every session with actual numbers carries them
    /// (see [`Session::effective`]); the plan itself when nothing was recorded. A run
    /// recorded without a distance is given one: its planned distance scaled by the time
    /// run, or for an unplanned run its time at the athlete's easy pace.
    pub fn effective(&self) -> std::borrow::Cow<'_, Plan> {
        if self.sessions.iter().all(|s| s.actual.is_none()) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut p = self.clone();
        let pace = self.athlete.easy_pace;
        for s in &mut p.sessions {
            let Some(a) = s.actual.clone() else {
                continue;
            };
            let planned = s.activity.clone();
            *s = s.effective();
            // A run recorded without a distance (a treadmill without a foot pod) counts
            // its planned distance scaled by the time run, or an unplanned one its time at
            // the easy pace: one such run must not turn the plan's distance rules into
            // minutes (a week with a time-only run is judged in minutes).
            if a.km.is_none()
                && let Activity::Run { km, .. } = &mut s.activity
            {
                let minutes = f64::from(a.minutes.max(1));
                *km = match planned {
                    Activity::Run {
                        km: Some(k),
                        minutes: m,
                        ..
                    } if !a.unplanned => {
                        let planned_minutes = m.map(f64::from).unwrap_or(pace.minutes_for(k));
                        Some(k * minutes / planned_minutes.max(1.0))
                    }
                    _ if a.unplanned => Some(minutes / pace.minutes_for(1.0)),
                    _ => None,
                };
            }
        }
        std::borrow::Cow::Owned(p)
    }

    /// The first and last date the plan covers (sessions, blocks, race), if any.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dates = self
            .sessions
            .iter()
            .map(|s| (s.date, s.date))
            .chain(self.blocks.iter().map(|b| (b.start, b.last_day())))
            .chain(self.race.iter().map(|r| (r.date, r.date)));
        dates.fold(None, |acc, (a, b)| match acc {
            None => Some((a, b)),
            Some((lo, hi)) => Some((lo.min(a), hi.max(b))),
        })
    }

    /// The block whose weeks contain `date`, if any; where blocks overlap (a return
    /// block inside a build), the one that started last.
    pub fn block_on(&self, date: NaiveDate) -> Option<&Block> {
        self.blocks
            .iter()
            .filter(|b| b.start <= date && date <= b.last_day())
            .max_by_key(|b| b.start)
    }

    /// The block a week row is labelled with: of the blocks covering any day of the week
    /// starting on `monday`, the one that started last (a return block starting on a
    /// Wednesday labels its first week, not the block it interrupts).
    pub fn block_in_week(&self, monday: NaiveDate) -> Option<&Block> {
        let sunday = monday + chrono::Duration::days(6);
        self.blocks
            .iter()
            .filter(|b| b.start <= sunday && monday <= b.last_day())
            .max_by_key(|b| b.start)
    }
}

/// The Monday of the week containing `date` (weeks run Monday to Sunday).
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date.checked_sub_signed(Duration::days(i64::from(
        date.weekday().num_days_from_monday(),
    )))
    .unwrap_or(NaiveDate::MIN)
}

/// The first year a plan's dates may be in.
pub const MIN_YEAR: i32 = 1900;
/// The last year a plan's dates may be in.
pub const MAX_YEAR: i32 = 2200;
/// The longest span a plan may cover, in years (the analysis works day by day).
pub const MAX_SPAN_YEARS: i64 = 30;

/// Whether `date` lies in the years plans may use ([`MIN_YEAR`]–[`MAX_YEAR`]).
pub fn date_in_range(date: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&date.year())
}

/// Parses a `YYYY-MM-DD` date in the years plans may use, with a message saying what to
/// write (for fields and command-line arguments).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    // Exactly YYYY-MM-DD: chrono alone would take `+2026-01-01` or `2026-1-1`.
    let t = text.trim();
    let shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = if shape {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
    } else {
        None
    };
    let d = parsed.ok_or(()).map_err(|_| {
        format!(
            "\"{}\" is not a date; write YYYY-MM-DD (years {MIN_YEAR}–{MAX_YEAR})",
            text.trim()
        )
    })?;
    if !date_in_range(d) {
        return Err(format!(
            "{d} is outside the years {MIN_YEAR}–{MAX_YEAR} that plans use"
        ));
    }
    Ok(d)
}

/// What the calf program was scheduled with: its days and choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalfProgram {
    /// First day scheduled.
    pub from: NaiveDate,
    /// Last day scheduled.
    pub to: NaiveDate,
    /// Sessions a week aimed for (2 or 3).
    pub per_week: u8,
    /// A starting stage chosen instead of the one from the calf-raise test.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub start_stage: Option<u8>,
}

/// The runner the plan is for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Athlete {
    /// Name shown in reports and the roster.
    pub name: String,
    /// Running experience; novices get stricter defaults.
    pub level: Level,
    /// Body mass, used for loaded calf work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_mass_kg: Option<f64>,
    /// Single-leg calf-raise tests (reps to fatigue per leg).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calf_raise_tests: Vec<CalfRaiseTest>,
    /// What the athlete runs now; stands in for the weeks before the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Easy pace, used to estimate the minutes of runs that give only km.
    #[serde(default, skip_serializing_if = "Pace::is_default")]
    pub easy_pace: Pace,
    /// Long adapted to minimalist or barefoot running (months of it without trouble):
    /// the barefoot-transition rule, which is about the change, then stays quiet.
    #[serde(default, skip_serializing_if = "is_false")]
    pub minimalist_adapted: bool,
}

impl Athlete {
    /// A new athlete with no tests and no baseline.
    pub fn new(name: impl Into<String>, level: Level) -> Self {
        Athlete {
            name: name.into(),
            level,
            body_mass_kg: None,
            calf_raise_tests: Vec::new(),
            baseline: None,
            easy_pace: Pace::default(),
            minimalist_adapted: false,
        }
    }

    /// The most recent calf-raise test, if any.
    pub fn latest_calf_test(&self) -> Option<&CalfRaiseTest> {
        self.calf_raise_tests.iter().max_by_key(|t| t.date)
    }
}

/// Running experience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum Level {
    /// Less than about a year of regular running.
    Novice,
    /// Coming back after a layoff or injury.
    Returning,
    /// Years of regular running.
    Experienced,
}

impl Level {
    /// All levels, in display order.
    pub const ALL: [Level; 3] = [Level::Novice, Level::Returning, Level::Experienced];

    /// The name used in files and on screen.
    pub fn name(self) -> &'static str {
        match self {
            Level::Novice => "Novice",
            Level::Returning => "Returning",
            Level::Experienced => "Experienced",
        }
    }
}

/// A single-leg calf-raise test: reps to fatigue on each leg.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalfRaiseTest {
    /// When the test was done.
    pub date: NaiveDate,
    /// Reps on the left leg.
    pub left: u32,
    /// Reps on the right leg.
    pub right: u32,
    /// The most pain felt during the test, 0–10, if recorded (a return to running needs
    /// a test without pain).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub pain: Option<u8>,
}

impl CalfRaiseTest {
    /// A test result without a pain score.
    pub fn new(date: NaiveDate, left: u32, right: u32) -> Self {
        CalfRaiseTest {
            date,
            left,
            right,
            pain: None,
        }
    }
}

/// What the athlete runs now, before the plan starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Usual weekly running distance.
    pub weekly_km: f64,
    /// Longest run of the last 30 days.
    pub long_run_km: f64,
    /// The last day the athlete ran before the plan, if known: a plan that starts 14 or
    /// more days later is a return after a layoff, judged from its first run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run: Option<NaiveDate>,
}

/// The goal race.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Race {
    /// Race name.
    pub name: String,
    /// Race day.
    pub date: NaiveDate,
    /// Race distance.
    pub km: f64,
}

/// A named range of whole weeks with a training phase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Label shown beside the calendar.
    pub name: String,
    /// First day of the block.
    pub start: NaiveDate,
    /// Length in weeks (at least 1).
    pub weeks: u32,
    /// Training phase.
    pub phase: Phase,
}

impl Block {
    /// The last day of the block.
    pub fn last_day(&self) -> NaiveDate {
        self.start
            .checked_add_signed(Duration::days(i64::from(self.weeks) * 7 - 1))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// Training phase of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum Phase {
    /// Aerobic base building.
    Base,
    /// Race-specific build.
    Build,
    /// Peak volume and intensity.
    Peak,
    /// Reduced volume before the race.
    Taper,
    /// Easy weeks to absorb training.
    Recovery,
}

impl Phase {
    /// The name on screen and in exports (stable: renaming the variant does not change it).
    pub fn name(self) -> &'static str {
        match self {
            Phase::Base => "Base",
            Phase::Build => "Build",
            Phase::Peak => "Peak",
            Phase::Taper => "Taper",
            Phase::Recovery => "Recovery",
        }
    }

    /// All phases, in display order.
    pub const ALL: [Phase; 5] = [
        Phase::Base,
        Phase::Build,
        Phase::Peak,
        Phase::Taper,
        Phase::Recovery,
    ];
}

/// One session on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The day.
    pub date: NaiveDate,
    /// What is done.
    pub activity: Activity,
    /// Planned, done or skipped; skipped sessions carry no load.
    #[serde(default, skip_serializing_if = "Status::is_planned")]
    pub status: Status,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Made by the calf scheduler (replaced when it runs again).
    #[serde(default, skip_serializing_if = "is_false")]
    pub generated: bool,
    /// What was actually done, imported from a watch file (or typed); the analysis uses
    /// these numbers instead of the planned ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Actual>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What was actually done for a session: `actual: Some((km: 10.3, minutes: 58, rpe: 5,
/// source: "2026-01-05-run.fit"))`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// Distance, when the activity has one (a treadmill or a swim may not).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub km: Option<f64>,
    /// Moving time in minutes (elapsed time when the file has no moving time).
    pub minutes: u32,
    /// Effort (CR-10) from the file or the athlete; the planned RPE stands in without it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub rpe: Option<u8>,
    /// The file it came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// When it started (local time), the activity's identity: importing the same
    /// activity again changes nothing.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub start: Option<chrono::NaiveDateTime>,
    /// Done without being planned (added by an import).
    #[serde(default, skip_serializing_if = "is_false")]
    pub unplanned: bool,
}

impl Session {
    /// A planned session with no note.
    pub fn new(date: NaiveDate, activity: Activity) -> Self {
        Session {
            date,
            activity,
            status: Status::Planned,
            note: String::new(),
            generated: false,
            actual: None,
        }
    }

    /// The session as it was done: the actual distance, minutes and effort in place of
    /// the planned ones (marked done); the planned session when nothing was recorded.
    pub fn effective(&self) -> Session {
        let Some(a) = &self.actual else {
            return self.clone();
        };
        let mut s = self.clone();
        s.status = Status::Done;
        match &mut s.activity {
            Activity::Run {
                km, minutes, rpe, ..
            } => {
                *km = a.km;
                *minutes = Some(a.minutes.max(1));
                *rpe = a.rpe.unwrap_or(*rpe);
            }
            Activity::Cross { minutes, rpe, .. } => {
                *minutes = a.minutes.max(1);
                *rpe = a.rpe.unwrap_or(*rpe);
            }
            _ => {}
        }
        s
    }

    /// Whether the session counts toward load (it is not skipped and not rest).
    pub fn counts(&self) -> bool {
        self.status != Status::Skipped && !matches!(self.activity, Activity::Rest)
    }

    /// The run's details, if this is a run.
    pub fn run(&self) -> Option<Run> {
        match &self.activity {
            Activity::Run {
                kind,
                km,
                minutes,
                rpe,
                surface,
                footwear,
            } => Some(Run {
                kind: *kind,
                km: *km,
                minutes: *minutes,
                rpe: *rpe,
                surface: *surface,
                footwear: *footwear,
            }),
            _ => None,
        }
    }
}

/// A flattened copy of a run session's fields.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    /// Kind of run.
    pub kind: RunKind,
    /// Distance; `None` for a time-only run (walk/run plans are written in minutes).
    pub km: Option<f64>,
    /// Duration if given.
    pub minutes: Option<u32>,
    /// Effort, CR-10.
    pub rpe: u8,
    /// Surface.
    pub surface: Surface,
    /// Footwear.
    pub footwear: Footwear,
}

/// Whether a session is still planned, done or skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Not done yet.
    #[default]
    Planned,
    /// Done as planned.
    Done,
    /// Not done; carries no load.
    Skipped,
}

impl Status {
    /// The name on screen and in exports (stable: renaming the variant does not change it).
    pub fn name(self) -> &'static str {
        match self {
            Status::Planned => "Planned",
            Status::Done => "Done",
            Status::Skipped => "Skipped",
        }
    }

    fn is_planned(&self) -> bool {
        *self == Status::Planned
    }
}

/// What a session is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Activity {
    /// A run. It gives a distance, a duration or both: a time-only run (`minutes` and no
    /// `km`) is how walk/run and couch-to-5K plans are written.
    Run {
        /// Kind of run.
        kind: RunKind,
        /// Distance in km; absent for a time-only run.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::model::plain_option"
        )]
        km: Option<f64>,
        /// Duration; estimated from km and easy pace when omitted.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::model::plain_option"
        )]
        minutes: Option<u32>,
        /// Effort on the CR-10 scale (1–10).
        rpe: u8,
        /// Surface (default road).
        #[serde(default, skip_serializing_if = "Surface::is_default")]
        surface: Surface,
        /// Footwear (default shoes).
        #[serde(default, skip_serializing_if = "Footwear::is_default")]
        footwear: Footwear,
    },
    /// Cross-training.
    Cross {
        /// Kind of cross-training.
        kind: CrossKind,
        /// Duration.
        minutes: u32,
        /// Effort on the CR-10 scale (1–10).
        rpe: u8,
        /// Whether a strength session includes calf work (raises, jumps).
        #[serde(default, skip_serializing_if = "is_false")]
        calf_work: bool,
    },
    /// Calf strengthening from the calf program's stage ladder.
    Calf {
        /// Stage on the ladder (1–6).
        stage: u8,
        /// Sets.
        sets: u8,
        /// Reps per set (per leg for single-leg stages).
        reps: u8,
        /// Added load for the loaded heel drop (stage 6), in kg.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::model::plain_option"
        )]
        kg: Option<f64>,
    },
    /// A single-leg calf-raise test (reps to fatigue on each leg); its result is recorded
    /// in the athlete's `calf_raise_tests` under the same date.
    CalfTest,
    /// A planned rest day.
    Rest,
}

/// Kinds of run. Quality runs are Tempo, Intervals, Hills, Fartlek and Race.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum RunKind {
    /// Easy aerobic run.
    Easy,
    /// The week's long run.
    Long,
    /// Very easy recovery run.
    Recovery,
    /// Sustained comfortably-hard run.
    Tempo,
    /// Repeats at speed.
    Intervals,
    /// Hill repeats or hilly run.
    Hills,
    /// Unstructured speed play.
    Fartlek,
    /// A race.
    Race,
}

impl RunKind {
    /// All run kinds, in display order.
    pub const ALL: [RunKind; 8] = [
        RunKind::Easy,
        RunKind::Long,
        RunKind::Recovery,
        RunKind::Tempo,
        RunKind::Intervals,
        RunKind::Hills,
        RunKind::Fartlek,
        RunKind::Race,
    ];

    /// Speed, hills, tempo or racing.
    pub fn is_quality(self) -> bool {
        matches!(
            self,
            RunKind::Tempo | RunKind::Intervals | RunKind::Hills | RunKind::Fartlek | RunKind::Race
        )
    }

    /// The name used in files and on screen.
    pub fn name(self) -> &'static str {
        match self {
            RunKind::Easy => "Easy",
            RunKind::Long => "Long",
            RunKind::Recovery => "Recovery",
            RunKind::Tempo => "Tempo",
            RunKind::Intervals => "Intervals",
            RunKind::Hills => "Hills",
            RunKind::Fartlek => "Fartlek",
            RunKind::Race => "Race",
        }
    }
}

/// Running surface.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize,
)]
pub enum Surface {
    /// Road or pavement.
    #[default]
    Road,
    /// Trail.
    Trail,
    /// Running track.
    Track,
    /// Treadmill.
    Treadmill,
    /// Grass.
    Grass,
    /// Sand.
    Sand,
}

impl Surface {
    /// The name on screen and in exports (stable: renaming the variant does not change it).
    pub fn name(self) -> &'static str {
        match self {
            Surface::Road => "Road",
            Surface::Trail => "Trail",
            Surface::Track => "Track",
            Surface::Treadmill => "Treadmill",
            Surface::Grass => "Grass",
            Surface::Sand => "Sand",
        }
    }

    /// All surfaces, in display order.
    pub const ALL: [Surface; 6] = [
        Surface::Road,
        Surface::Trail,
        Surface::Track,
        Surface::Treadmill,
        Surface::Grass,
        Surface::Sand,
    ];

    fn is_default(&self) -> bool {
        *self == Surface::Road
    }
}

/// Footwear for a run.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize,
)]
pub enum Footwear {
    /// Ordinary running shoes.
    #[default]
    Shoes,
    /// Minimalist shoes.
    Minimalist,
    /// Barefoot.
    Barefoot,
}

impl Footwear {
    /// The name on screen and in exports (stable: renaming the variant does not change it).
    pub fn name(self) -> &'static str {
        match self {
            Footwear::Shoes => "Shoes",
            Footwear::Minimalist => "Minimalist",
            Footwear::Barefoot => "Barefoot",
        }
    }

    /// All footwear, in display order.
    pub const ALL: [Footwear; 3] = [Footwear::Shoes, Footwear::Minimalist, Footwear::Barefoot];

    fn is_default(&self) -> bool {
        *self == Footwear::Shoes
    }
}

/// Kinds of cross-training.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum CrossKind {
    /// Cycling (indoor or outdoor).
    Cycling,
    /// Gym or body-weight strength work.
    Strength,
    /// Jumps, bounds, hops.
    Plyometrics,
    /// Skipping rope.
    SkippingRope,
    /// Hiking.
    Hiking,
    /// Stair climbing.
    Stairs,
    /// Walking.
    Walking,
    /// Elliptical trainer.
    Elliptical,
    /// Rowing.
    Rowing,
    /// Swimming.
    Swimming,
    /// Yoga or mobility.
    Yoga,
}

impl CrossKind {
    /// All cross-training kinds, in display order.
    pub const ALL: [CrossKind; 11] = [
        CrossKind::Cycling,
        CrossKind::Strength,
        CrossKind::Plyometrics,
        CrossKind::SkippingRope,
        CrossKind::Hiking,
        CrossKind::Stairs,
        CrossKind::Walking,
        CrossKind::Elliptical,
        CrossKind::Rowing,
        CrossKind::Swimming,
        CrossKind::Yoga,
    ];

    /// The name used in files and on screen.
    pub fn name(self) -> &'static str {
        match self {
            CrossKind::Cycling => "Cycling",
            CrossKind::Strength => "Strength",
            CrossKind::Plyometrics => "Plyometrics",
            CrossKind::SkippingRope => "Skipping rope",
            CrossKind::Hiking => "Hiking",
            CrossKind::Stairs => "Stairs",
            CrossKind::Walking => "Walking",
            CrossKind::Elliptical => "Elliptical",
            CrossKind::Rowing => "Rowing",
            CrossKind::Swimming => "Swimming",
            CrossKind::Yoga => "Yoga",
        }
    }
}

/// Steps of the calf program's ladder: 1 (double-leg) to 6 (loaded eccentric).
pub const CALF_STAGES: std::ops::RangeInclusive<u8> = 1..=6;

/// A logged symptom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Symptom {
    /// When it was noticed.
    pub date: NaiveDate,
    /// Where it hurts.
    pub area: BodyArea,
    /// Pain on a 0–10 scale.
    pub pain: u8,
    /// Red flags that mean: stop and see a professional.
    #[serde(default)]
    pub flags: Vec<RedFlag>,
    /// When it hurt: during a run, after it, or the next morning (the pain-monitoring
    /// model looks at the next morning).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub when: Option<When>,
    /// Which leg, if one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub side: Option<Side>,
    /// A cramp: a sudden, involuntary tightening (treated differently from a strain).
    #[serde(default, skip_serializing_if = "is_false")]
    pub cramp: bool,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Symptom {
    /// A symptom with no flags, no timing, no side and no note.
    pub fn new(date: NaiveDate, area: BodyArea, pain: u8) -> Self {
        Symptom {
            date,
            area,
            pain,
            flags: Vec::new(),
            when: None,
            side: None,
            cramp: false,
            note: String::new(),
        }
    }
}

/// When a symptom was felt, relative to running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum When {
    /// During a run.
    During,
    /// After a run, the same day.
    After,
    /// The next morning.
    NextMorning,
}

impl When {
    /// All, in display order.
    pub const ALL: [When; 3] = [When::During, When::After, When::NextMorning];

    /// Plain-language name.
    pub fn name(self) -> &'static str {
        match self {
            When::During => "during the run",
            When::After => "after the run",
            When::NextMorning => "the next morning",
        }
    }
}

/// A leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum Side {
    /// The left leg.
    Left,
    /// The right leg.
    Right,
}

impl Side {
    /// Both, in display order.
    pub const ALL: [Side; 2] = [Side::Left, Side::Right];

    /// Plain-language name.
    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// Where a symptom is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum BodyArea {
    /// Calf muscles.
    Calf,
    /// Achilles tendon.
    Achilles,
    /// Shin.
    Shin,
    /// Foot or plantar fascia.
    Foot,
    /// Knee.
    Knee,
    /// Hamstring.
    Hamstring,
    /// Hip.
    Hip,
    /// Anywhere else.
    Other,
}

impl BodyArea {
    /// All areas, in display order.
    pub const ALL: [BodyArea; 8] = [
        BodyArea::Calf,
        BodyArea::Achilles,
        BodyArea::Shin,
        BodyArea::Foot,
        BodyArea::Knee,
        BodyArea::Hamstring,
        BodyArea::Hip,
        BodyArea::Other,
    ];

    /// The name used in files and on screen.
    pub fn name(self) -> &'static str {
        match self {
            BodyArea::Calf => "Calf",
            BodyArea::Achilles => "Achilles",
            BodyArea::Shin => "Shin",
            BodyArea::Foot => "Foot",
            BodyArea::Knee => "Knee",
            BodyArea::Hamstring => "Hamstring",
            BodyArea::Hip => "Hip",
            BodyArea::Other => "Other",
        }
    }

    /// The calf or the Achilles tendon: the areas the calf program and the pain rules
    /// watch.
    pub fn is_calf(self) -> bool {
        matches!(self, BodyArea::Calf | BodyArea::Achilles)
    }
}

/// Signs that mean a symptom needs a professional, not more running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum RedFlag {
    /// Visible swelling.
    Swelling,
    /// Severe pain.
    SeverePain,
    /// Pins and needles.
    PinsAndNeedles,
    /// Numbness.
    Numbness,
    /// Redness or warmth.
    Redness,
    /// A pop felt or heard in the calf: the article's sign of a tear.
    Pop,
    /// Bruising on the calf or down toward the ankle: blood from torn fibres.
    Bruising,
    /// Walking or standing on the leg is too painful: a sign of a tear.
    CantBearWeight,
}

impl RedFlag {
    /// Plain-language name.
    pub fn name(self) -> &'static str {
        match self {
            RedFlag::Swelling => "swelling",
            RedFlag::SeverePain => "severe pain",
            RedFlag::PinsAndNeedles => "pins and needles",
            RedFlag::Numbness => "numbness",
            RedFlag::Redness => "redness",
            RedFlag::Pop => "a pop felt or heard",
            RedFlag::Bruising => "bruising",
            RedFlag::CantBearWeight => "can't bear weight",
        }
    }

    /// A sign that the muscle may be torn (a pop, bruising, not bearing weight): runs
    /// after it are warned for longer.
    pub fn suggests_tear(self) -> bool {
        matches!(
            self,
            RedFlag::Pop | RedFlag::Bruising | RedFlag::CantBearWeight
        )
    }

    /// All flags, in display order.
    pub const ALL: [RedFlag; 8] = [
        RedFlag::Swelling,
        RedFlag::SeverePain,
        RedFlag::PinsAndNeedles,
        RedFlag::Numbness,
        RedFlag::Redness,
        RedFlag::Pop,
        RedFlag::Bruising,
        RedFlag::CantBearWeight,
    ];
}

impl Activity {
    /// Minutes a calf-raise test takes (both legs to fatigue, with a warm-up).
    pub const CALF_TEST_MINUTES: f64 = 6.0;

    /// Whether this is calf program work: a ladder session or a calf-raise test.
    pub fn is_calf_work(&self) -> bool {
        matches!(self, Activity::Calf { .. } | Activity::CalfTest)
    }

    /// The duration a calf session takes: about 4 s a rep (3 s lowering), both legs from
    /// stage 2 on, plus a minute's rest between sets.
    pub fn calf_minutes(stage: u8, sets: u8, reps: u8) -> f64 {
        let legs = if stage >= 2 { 2.0 } else { 1.0 };
        let sets = f64::from(sets);
        (sets * f64::from(reps) * legs * 4.0 + sets * 60.0) / 60.0
    }

    /// A short label: "Long 16 km", "Easy 30'" (time-only), "Cycling 45'", "Calf S2 3×12", "Rest".
    pub fn label(&self) -> String {
        match self {
            Activity::Run {
                kind, km, minutes, ..
            } => format!("{} {}", kind.name(), run_size(*km, *minutes)),
            Activity::Cross { kind, minutes, .. } => format!("{} {minutes}'", kind.name()),
            Activity::Calf {
                stage, sets, reps, ..
            } => format!("Calf S{stage} {sets}×{reps}"),
            Activity::CalfTest => "Calf test".to_string(),
            Activity::Rest => "Rest".to_string(),
        }
    }
}

impl Activity {
    /// An even shorter label for narrow calendar cells: "Int 6.4", "Cyc 45'", "S2 3×12".
    pub fn short_label(&self) -> String {
        match self {
            Activity::Run {
                kind, km, minutes, ..
            } => {
                let k = match kind {
                    RunKind::Easy => "Easy",
                    RunKind::Long => "Long",
                    RunKind::Recovery => "Rec",
                    RunKind::Tempo => "Tmp",
                    RunKind::Intervals => "Int",
                    RunKind::Hills => "Hill",
                    RunKind::Fartlek => "Ftk",
                    RunKind::Race => "Race",
                };
                match km {
                    Some(km) => format!("{k} {}", fmt_km(*km)),
                    None => format!("{k} {}'", minutes.unwrap_or(0)),
                }
            }
            Activity::Cross { kind, minutes, .. } => {
                let name = kind.name();
                format!("{} {minutes}'", &name[..name.len().min(3)])
            }
            Activity::Calf {
                stage, sets, reps, ..
            } => format!("S{stage} {sets}×{reps}"),
            Activity::CalfTest => "Test".to_string(),
            Activity::Rest => "Rest".to_string(),
        }
    }
}

/// A run's size as people say it: "16 km" with a distance, "30'" (minutes) without.
pub fn run_size(km: Option<f64>, minutes: Option<u32>) -> String {
    match km {
        Some(km) => format!("{} km", fmt_km(km)),
        None => format!("{}'", minutes.unwrap_or(0)),
    }
}

/// A file-name-friendly form of a name: lower case, words joined by `-` ("plan" if empty).
pub fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "plan".into() } else { s }
}

/// Formats a distance with at most one decimal and no trailing ".0" (16, 6.5).
pub fn fmt_km(km: f64) -> String {
    let r = (km * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::fmt::Debug;
    use std::hash::Hash;
    use strum::IntoEnumIterator;

    /// `all` (a hand-kept list in display order) holds every variant once.
    fn lists_every_variant<T: IntoEnumIterator + Debug + Eq + Hash + Copy>(all: &[T]) {
        let listed: HashSet<T> = all.iter().copied().collect();
        assert_eq!(
            listed.len(),
            all.len(),
            "a variant is listed twice: {all:?}"
        );
        for v in T::iter() {
            assert!(listed.contains(&v), "{v:?} is missing from {all:?}");
        }
    }

    #[test]
    fn every_all_list_holds_every_variant() {
        lists_every_variant(&Level::ALL);
        lists_every_variant(&Phase::ALL);
        lists_every_variant(&RunKind::ALL);
        lists_every_variant(&Surface::ALL);
        lists_every_variant(&Footwear::ALL);
        lists_every_variant(&CrossKind::ALL);
        lists_every_variant(&When::ALL);
        lists_every_variant(&Side::ALL);
        lists_every_variant(&BodyArea::ALL);
        lists_every_variant(&RedFlag::ALL);
        lists_every_variant(&Severity::ALL);
        lists_every_variant(&crate::export::ExportFormat::ALL);
    }
}
