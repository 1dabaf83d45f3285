//! Rule thresholds and calf-load factors: defaults, per-plan overrides, and the resolved
//! values the analysis uses.

use super::Severity;
use super::{CrossKind, Footwear, Level, RunKind, Surface};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Declares one threshold in three places at once: the optional override in [`Settings`],
/// the resolved value in [`Thresholds`], and its default (novice/returning, experienced).
macro_rules! thresholds {
    ($( $(#[doc = $doc:expr])* $field:ident : $ty:ty = $novice:expr, $experienced:expr; )*) => {
        /// Per-plan overrides of rule thresholds and calf-load factors. Every field is
        /// optional; an absent one takes the default for the athlete's level.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Settings {
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::model::plain_option")]
                pub $field: Option<$ty>,
            )*
            /// Calf/Achilles load factor overrides by name (see [`CalfFactorKey`]),
            /// e.g. `{"Cycling": 0.4}`.
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            pub calf_factors: BTreeMap<String, f64>,
        }

        /// Resolved thresholds: the plan's overrides over the level's defaults.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Thresholds {
            $(
                $(#[doc = $doc])*
                pub $field: $ty,
            )*
            /// Calf/Achilles load factors.
            pub calf_factors: CalfFactors,
        }

        impl Thresholds {
            /// The defaults for `level`, with `settings` applied on top.
            pub fn resolve(settings: &Settings, level: Level) -> Thresholds {
                let strict = level != Level::Experienced;
                Thresholds {
                    $( $field: settings.$field.unwrap_or(if strict { $novice } else { $experienced }), )*
                    calf_factors: CalfFactors::with_overrides(&settings.calf_factors),
                }
            }
        }

        impl Settings {
            /// Names of every threshold field, for messages.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
        }
    };
}

thresholds! {
    /// long-run-spike: caution above this % over the longest run of the previous 30 days
    /// (Frandsen et al. 2025: HRR 1.64 for 10–30 %, a significant association).
    long_run_caution_pct: f64 = 10.0, 10.0;
    /// long-run-spike: warning above this % (HRR 2.28 above 100 %, a strong association;
    /// the 30–100 % group's 1.52 is not above the 10–30 % group's 1.64).
    long_run_warning_pct: f64 = 100.0, 100.0;
    /// long-run-spike: danger above this %. Off by default: danger is for red flags.
    long_run_danger_pct: f64 = f64::INFINITY, f64::INFINITY;
    /// weekly-increase: an info note above this % over the highest of the previous 4 weeks.
    weekly_increase_info_pct: f64 = 10.0, 10.0;
    /// weekly-increase: caution above this % (Nielsen et al. 2014 saw a trend, not a
    /// significant association, above 30 %).
    weekly_increase_caution_pct: f64 = 20.0, 20.0;
    /// weekly-increase: warning above this %. Off by default: a trend never ranks above a
    /// significant association of equal size (a single run +10–30 % is a caution).
    weekly_increase_warning_pct: f64 = f64::INFINITY, f64::INFINITY;
    /// weekly-increase: increases of at most this many km (or its minutes at the easy
    /// pace) are never flagged.
    weekly_increase_floor_km: f64 = 3.0, 3.0;
    /// acwr: the weekly EWMA acute:chronic ratio at or above which the rule speaks.
    acwr_warning: f64 = 1.5, 1.5;
    /// acwr: how loudly it speaks (info by default: the ratio did not predict injuries in
    /// runners, Frandsen et al. 2025).
    acwr_severity: Severity = Severity::Info, Severity::Info;
    /// monotony: a note above this weekly monotony (in a week whose strain is above the
    /// athlete's recent weeks).
    monotony_caution: f64 = 2.0, 2.0;
    /// new-intensity: days without a quality run after which the next one is "new".
    quality_gap_days: u32 = 28, 28;
    /// new-intensity: most quality runs in a week for a novice.
    novice_max_quality_per_week: u32 = 2, 2;
    /// return-after-break: days without running that count as a break.
    break_days: u32 = 14, 14;
    /// return-after-break: the first week back may reach this % of the average week of
    /// the 4 weeks before the break.
    return_max_pct: f64 = 50.0, 50.0;
    /// return-after-break: the second week back may reach this %.
    return_week2_pct: f64 = 70.0, 70.0;
    /// return-after-break: the third week back may reach this %.
    return_week3_pct: f64 = 85.0, 85.0;
    /// barefoot-transition: caution above this % of the week's distance barefoot or minimalist.
    barefoot_share_pct: f64 = 10.0, 10.0;
    /// barefoot-transition: a first barefoot run longer than this is a caution.
    barefoot_first_run_km: f64 = 3.0, 3.0;
    /// calf-cross-training: cycling at or above this RPE counts as calf-loading.
    hard_cycling_rpe: u8 = 7, 7;
    /// no-rest-day: this many consecutive running days is a caution.
    max_running_days: u32 = 7, 7;
    /// hydration: runs longer than this many minutes get the hydration note.
    hydration_minutes: f64 = 60.0, 60.0;
    /// calf-imbalance: caution when the legs differ by more than this %...
    calf_imbalance_pct: f64 = 10.0, 10.0;
    /// calf-imbalance: ...and by at least this many reps (smaller differences are within
    /// the test's day-to-day error).
    calf_imbalance_min_reps: u32 = 5, 5;
    /// red-flag: calf or Achilles pain above this (0–10) is a warning.
    calf_pain_warning: u8 = 5, 5;
    /// before-all-clear: runs this many days after a red flag or pain above the line are a
    /// warning (later ones, still before an all-clear log, a caution).
    red_flag_days: u32 = 7, 7;
    /// before-all-clear: after a sign of a tear (a pop, bruising, not bearing weight) runs
    /// are a warning for this many days.
    tear_days: u32 = 14, 14;
    /// pain-monitoring: calf or Achilles pain at or above this on two logs in a row,
    /// not falling, is a caution.
    pain_monitor_min: u8 = 3, 3;
}

impl Settings {
    /// Whether nothing is overridden (the file then omits `settings`).
    pub fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

/// Every activity trait with a calf/Achilles load factor. Run factors multiply:
/// kind × surface × footwear.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum CalfFactorKey {
    Easy,
    Long,
    Recovery,
    Tempo,
    Intervals,
    Hills,
    Fartlek,
    Race,
    Road,
    Trail,
    Track,
    Treadmill,
    Grass,
    Sand,
    Shoes,
    Minimalist,
    Barefoot,
    Cycling,
    Strength,
    StrengthCalfWork,
    Plyometrics,
    SkippingRope,
    Hiking,
    Stairs,
    Walking,
    Elliptical,
    Rowing,
    Swimming,
    Yoga,
    CalfProgram,
}

/// The one table of calf/Achilles load factors, relative to easy road running in shoes
/// (= 1.0): name, key, default, and why.
///
/// These are heuristics, not measurements. They are ordered after Baxter et al., MSSE 2021
/// (peak Achilles tendon load from 0.5 body weights in a seated heel raise to 7.3 in a
/// forward single-leg hop): plyometrics, skipping, hills, speed and barefoot above 1; walking, hiking, stairs
/// and heel raises below; cycling and elliptical low; swimming and yoga near 0.
pub const CALF_FACTOR_TABLE: &[(&str, CalfFactorKey, f64)] = &[
    ("Easy", CalfFactorKey::Easy, 1.0),
    ("Long", CalfFactorKey::Long, 1.0),
    ("Recovery", CalfFactorKey::Recovery, 0.9),
    ("Tempo", CalfFactorKey::Tempo, 1.2),
    ("Intervals", CalfFactorKey::Intervals, 1.4),
    ("Hills", CalfFactorKey::Hills, 1.5),
    ("Fartlek", CalfFactorKey::Fartlek, 1.2),
    ("Race", CalfFactorKey::Race, 1.3),
    ("Road", CalfFactorKey::Road, 1.0),
    ("Trail", CalfFactorKey::Trail, 1.1),
    ("Track", CalfFactorKey::Track, 1.0),
    ("Treadmill", CalfFactorKey::Treadmill, 0.95),
    ("Grass", CalfFactorKey::Grass, 0.95),
    ("Sand", CalfFactorKey::Sand, 1.3),
    ("Shoes", CalfFactorKey::Shoes, 1.0),
    ("Minimalist", CalfFactorKey::Minimalist, 1.2),
    ("Barefoot", CalfFactorKey::Barefoot, 1.4),
    ("Cycling", CalfFactorKey::Cycling, 0.3),
    ("Strength", CalfFactorKey::Strength, 0.3),
    ("StrengthCalfWork", CalfFactorKey::StrengthCalfWork, 0.8),
    ("Plyometrics", CalfFactorKey::Plyometrics, 1.6),
    ("SkippingRope", CalfFactorKey::SkippingRope, 1.5),
    ("Hiking", CalfFactorKey::Hiking, 0.6),
    ("Stairs", CalfFactorKey::Stairs, 0.7),
    ("Walking", CalfFactorKey::Walking, 0.4),
    ("Elliptical", CalfFactorKey::Elliptical, 0.3),
    ("Rowing", CalfFactorKey::Rowing, 0.2),
    ("Swimming", CalfFactorKey::Swimming, 0.05),
    ("Yoga", CalfFactorKey::Yoga, 0.1),
    ("CalfProgram", CalfFactorKey::CalfProgram, 0.6),
];

/// Resolved calf/Achilles load factors, indexed by [`CalfFactorKey`].
#[derive(Clone, Debug, PartialEq)]
pub struct CalfFactors {
    values: [f64; CALF_FACTOR_TABLE.len()],
}

impl Default for CalfFactors {
    fn default() -> Self {
        let mut values = [0.0; CALF_FACTOR_TABLE.len()];
        for (i, (_, key, v)) in CALF_FACTOR_TABLE.iter().enumerate() {
            debug_assert_eq!(*key as usize, i);
            values[i] = *v;
        }
        CalfFactors { values }
    }
}

impl CalfFactors {
    /// The key for a factor name as written in `settings.calf_factors`.
    pub fn key(name: &str) -> Option<CalfFactorKey> {
        CALF_FACTOR_TABLE
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, k, _)| *k)
    }

    /// Defaults with the named overrides applied (unknown names are ignored here; the
    /// loader rejects them).
    pub fn with_overrides(overrides: &BTreeMap<String, f64>) -> Self {
        let mut f = CalfFactors::default();
        for (name, v) in overrides {
            if let Some(k) = Self::key(name) {
                f.values[k as usize] = *v;
            }
        }
        f
    }

    /// The factor for one key.
    pub fn get(&self, key: CalfFactorKey) -> f64 {
        self.values[key as usize]
    }

    /// A run's factor: kind × surface × footwear.
    pub fn run(&self, kind: RunKind, surface: Surface, footwear: Footwear) -> f64 {
        use CalfFactorKey as K;
        let k = match kind {
            RunKind::Easy => K::Easy,
            RunKind::Long => K::Long,
            RunKind::Recovery => K::Recovery,
            RunKind::Tempo => K::Tempo,
            RunKind::Intervals => K::Intervals,
            RunKind::Hills => K::Hills,
            RunKind::Fartlek => K::Fartlek,
            RunKind::Race => K::Race,
        };
        let s = match surface {
            Surface::Road => K::Road,
            Surface::Trail => K::Trail,
            Surface::Track => K::Track,
            Surface::Treadmill => K::Treadmill,
            Surface::Grass => K::Grass,
            Surface::Sand => K::Sand,
        };
        let f = match footwear {
            Footwear::Shoes => K::Shoes,
            Footwear::Minimalist => K::Minimalist,
            Footwear::Barefoot => K::Barefoot,
        };
        self.get(k) * self.get(s) * self.get(f)
    }

    /// A cross-training session's factor.
    pub fn cross(&self, kind: CrossKind, calf_work: bool) -> f64 {
        use CalfFactorKey as K;
        self.get(match kind {
            CrossKind::Cycling => K::Cycling,
            CrossKind::Strength if calf_work => K::StrengthCalfWork,
            CrossKind::Strength => K::Strength,
            CrossKind::Plyometrics => K::Plyometrics,
            CrossKind::SkippingRope => K::SkippingRope,
            CrossKind::Hiking => K::Hiking,
            CrossKind::Stairs => K::Stairs,
            CrossKind::Walking => K::Walking,
            CrossKind::Elliptical => K::Elliptical,
            CrossKind::Rowing => K::Rowing,
            CrossKind::Swimming => K::Swimming,
            CrossKind::Yoga => K::Yoga,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_key() {
        for (i, (name, key, _)) in CALF_FACTOR_TABLE.iter().enumerate() {
            assert_eq!(*key as usize, i, "{name}");
            assert_eq!(CalfFactors::key(name), Some(*key));
        }
    }

    #[test]
    fn overrides_and_level_defaults() {
        let mut s = Settings::default();
        let novice = Thresholds::resolve(&s, Level::Novice);
        let expert = Thresholds::resolve(&s, Level::Experienced);
        // The severity ladder: a trend (a week +30 %) never ranks above a significant
        // association of equal size (a single run +10–30 %, caution).
        assert_eq!(novice.weekly_increase_caution_pct, 20.0);
        assert_eq!(expert.weekly_increase_caution_pct, 20.0);
        assert_eq!(novice.weekly_increase_warning_pct, f64::INFINITY);
        assert_eq!(expert.long_run_caution_pct, 10.0);
        assert_eq!(expert.long_run_warning_pct, 100.0);
        assert_eq!(
            expert.long_run_danger_pct,
            f64::INFINITY,
            "danger: red flags only"
        );
        assert_eq!(expert.acwr_severity, Severity::Info);
        s.acwr_warning = Some(1.3);
        s.calf_factors.insert("Cycling".into(), 0.5);
        let t = Thresholds::resolve(&s, Level::Experienced);
        assert_eq!(t.acwr_warning, 1.3);
        assert_eq!(t.calf_factors.cross(CrossKind::Cycling, false), 0.5);
        let barefoot_hills = t
            .calf_factors
            .run(RunKind::Hills, Surface::Road, Footwear::Barefoot);
        assert!((barefoot_hills - 1.5 * 1.4).abs() < 1e-12);
    }
}
