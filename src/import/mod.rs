//! Importing what was actually run: FIT, GPX and TCX files (and `.gz` copies), folders of
//! them, and the zip archives Strava and Garmin bulk exports produce. Each activity
//! becomes actual numbers on the planned session of its day and kind, or an unplanned
//! session; what cannot be decided without asking (two candidates) is left to the user.
//!
//! Reading never changes a plan: [`read`] returns activities and per-file errors,
//! [`preview`] decides what each activity would do, [`apply`] makes the new plan (one
//! undo step in the window, one atomic save on the command line).

mod archive;
mod fit;
mod gpx;
mod matching;
mod read;
mod tcx;

pub use matching::*;
pub use read::*;

use crate::model::limits;
use crate::model::{
    Activity, Actual, CrossKind, Footwear, Plan, RunKind, Session, Status, Surface,
};
use chrono::{NaiveDate, NaiveDateTime};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What sport an activity was, as the plan knows sports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sport {
    /// Any run (road, trail, treadmill, track).
    Run,
    /// Cross-training of this kind.
    Cross(CrossKind),
}

impl Sport {
    /// "Run", or the cross-training kind's name ("Cycling", …).
    pub fn name(self) -> &'static str {
        match self {
            Sport::Run => "Run",
            Sport::Cross(k) => k.name(),
        }
    }
}

/// One activity read from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The file (inside an archive: `export.zip/activities/123.fit`).
    pub source: String,
    /// When it started, local time.
    pub start: Option<NaiveDateTime>,
    /// The day it counts for.
    pub date: NaiveDate,
    /// What sport.
    pub sport: Sport,
    /// Distance.
    pub km: Option<f64>,
    /// Moving minutes (elapsed when the file has no moving time).
    pub minutes: f64,
    /// Effort (CR-10) recorded in the file.
    pub rpe: Option<u8>,
}

impl Imported {
    /// Distance and time as people read them ("8.2 km, 47 min"), whatever a file claims
    /// (a duration of 1e300 seconds is "?", not a 300-digit number).
    pub fn size_text(&self) -> String {
        let km = match self.km {
            Some(k) if k.is_finite() && k < 100_000.0 => format!("{k:.1} km, "),
            Some(_) => "? km, ".into(),
            None => String::new(),
        };
        let min = if self.minutes.is_finite() && self.minutes.abs() < 1e6 {
            format!("{:.0} min", self.minutes)
        } else {
            "? min".into()
        };
        format!("{km}{min}")
    }

    /// Why the plan cannot hold this activity as read, if it cannot: a date outside the
    /// years plans use, no real duration or one longer than a day, a distance that is
    /// not a number or over 300 km, or a speed no runner or rider reaches (50 km in 10
    /// minutes). Each activity is judged on its own: the rest of an import goes in.
    pub fn implausible(&self) -> Option<String> {
        if !crate::model::date_in_range(self.date) {
            return Some(format!(
                "its date, {}, is outside the years plans use (a watch with its clock unset?)",
                self.date
            ));
        }
        if !self.minutes.is_finite() || self.minutes <= 0.0 {
            return Some("its duration is not a real time".into());
        }
        if self.minutes > 1440.0 {
            return Some(format!(
                "it lasts over a day ({}): not one activity a plan can hold",
                if self.minutes < 1e6 {
                    format!("{:.0} hours", self.minutes / 60.0)
                } else {
                    "far more".into()
                }
            ));
        }
        if let Some(km) = self.km {
            if !km.is_finite() || km < 0.0 {
                return Some("its distance is not a real distance".into());
            }
            if km > limits::MAX_KM {
                return Some(format!(
                    "a distance of {km:.0} km is more than plans hold ({:.0} km)",
                    limits::MAX_KM
                ));
            }
            let kmh = km / (self.minutes / 60.0);
            let most = match self.sport {
                Sport::Run => MAX_RUN_KMH,
                Sport::Cross(CrossKind::Cycling) => MAX_RIDE_KMH,
                Sport::Cross(_) => MAX_OTHER_KMH,
            };
            if km >= 1.0 && kmh > most {
                return Some(format!(
                    "{km:.1} km in {:.0} min is {kmh:.0} km/h, faster than a {} can go ({most:.0} km/h): a wrong distance or time",
                    self.minutes,
                    match self.sport {
                        Sport::Run => "runner",
                        Sport::Cross(CrossKind::Cycling) => "rider",
                        Sport::Cross(_) => "person",
                    }
                ));
            }
        }
        None
    }
}

/// Average speeds above these are a wrong distance or time: a run (the 1,000 m world
/// record is about 27 km/h), a ride, anything else.
pub const MAX_RUN_KMH: f64 = 30.0;
/// See [`MAX_RUN_KMH`].
pub const MAX_RIDE_KMH: f64 = 80.0;
/// See [`MAX_RUN_KMH`].
pub const MAX_OTHER_KMH: f64 = 40.0;

/// A file that could not be read, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// The file (inside an archive: `export.zip/activities/bad.fit`).
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// What [`read`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// Activities, in the order read.
    pub activities: Vec<Imported>,
    /// Files that are activity files but could not be read.
    pub errors: Vec<FileError>,
    /// Files that are not activity files (a CSV in an export, a photo), by name.
    pub skipped: Vec<String>,
}
