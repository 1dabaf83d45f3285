//! The plan: athlete, blocks, sessions and symptoms.
//!
//! These types are exactly what a plan file holds (see [`crate::format`]). They carry no
//! derived data; everything computed from them lives in [`crate::analysis`].

mod athlete;
mod edit;
pub mod limits;
mod pace;
pub mod plain_option;
mod session;
mod settings;
mod severity;
mod symptom;

pub use athlete::*;
pub use edit::{RECOVERY_SHARE, Rounding, minutes_keeping_pace};
pub use pace::Pace;
pub use session::*;
pub use settings::{CALF_FACTOR_TABLE, CalfFactorKey, CalfFactors, Settings, Thresholds};
pub use severity::Severity;
pub use symptom::*;

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
