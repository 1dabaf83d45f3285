//! The range of every value a plan holds, written once: the file's validation, the
//! window's fields, the importer and the command line's arguments all read these.

use std::ops::RangeInclusive;

/// Minutes of one session: a day at most.
pub const MINUTES: RangeInclusive<u32> = 1..=1440;
/// A session's distance: more than 0, at most 300 km.
pub const MAX_KM: f64 = 300.0;
/// Effort on the CR-10 scale.
pub const RPE: RangeInclusive<u8> = 1..=10;
/// Pain on a 0–10 scale.
pub const PAIN: RangeInclusive<u8> = 0..=10;
/// Reps on one leg in a calf-raise test.
pub const TEST_REPS: RangeInclusive<u32> = 0..=300;
/// Calf sessions a week: "two or three times a week" ("How To Treat & Prevent Calf Pain
/// From Running").
pub const CALF_PER_WEEK: RangeInclusive<u8> = 2..=3;
/// Sets in a calf session.
pub const CALF_SETS: RangeInclusive<u8> = 1..=10;
/// Reps a set in a calf session.
pub const CALF_REPS: RangeInclusive<u8> = 1..=100;
/// Load added to a calf session (stage 6), kg.
pub const ADDED_KG: RangeInclusive<f64> = 0.0..=200.0;
/// Body mass, kg.
pub const BODY_MASS_KG: RangeInclusive<f64> = 20.0..=300.0;
/// Weeks in one block.
pub const BLOCK_WEEKS: RangeInclusive<u32> = 1..=520;
