//! Sessions: what each is (run, cross-training, calf work, rest), what was done, and the
//! kinds they come in.

use super::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

/// serde: a false flag is not written.
pub(super) fn is_false(b: &bool) -> bool {
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
