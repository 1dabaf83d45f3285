//! The runner: level, baseline, calf-raise tests, the calf program's recorded choices.

use super::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
