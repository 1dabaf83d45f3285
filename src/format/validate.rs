//! Checks on values the type system cannot rule out (ranges, ordering, names).

use super::locate::Seg;
use crate::model::limits;
use crate::model::{
    Activity, CALF_STAGES, CalfFactors, FORMAT_VERSION, Level, MAX_SPAN_YEARS, MAX_YEAR, MIN_YEAR,
    Plan, Settings, Thresholds, date_in_range,
};
use chrono::NaiveDate;
use std::fmt;
use std::ops::RangeInclusive;

/// One impossible value, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Where: `sessions[12] on 2026-03-04`, `athlete`, `settings`, ...
    pub location: String,
    /// What is wrong and what is allowed.
    pub message: String,
    /// The value's place in the file's structure (to find its line and column).
    pub path: Vec<Seg>,
}

/// The structure path of a location such as `athlete.calf_raise_tests[3] on 2026-01-02`
/// or `blocks[0] "Base"`, followed by `field` when given.
fn path_of(location: &str, field: Option<&str>) -> Vec<Seg> {
    let head = location.split(' ').next().unwrap_or_default();
    let mut path = Vec::new();
    for part in head.split('.') {
        match part.split_once('[') {
            Some((name, rest)) => {
                path.push(Seg::Field(name.to_string()));
                if let Ok(n) = rest.trim_end_matches(']').parse() {
                    path.push(Seg::Item(n));
                }
            }
            None if part == "plan" || part.is_empty() => {}
            None => path.push(Seg::Field(part.to_string())),
        }
    }
    // Names with a space ("last day") are computed, not written in the file.
    if let Some(f) = field.filter(|f| !f.contains(' ')) {
        path.push(Seg::Field(f.to_string()));
    }
    path
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// What an effort number means, in the file's error messages.
const RPE_NOTE: &str = " (CR-10 effort: 1 very easy … 10 maximal)";

struct Checker {
    problems: Vec<Problem>,
    location: String,
}

impl Checker {
    fn at(&mut self, location: impl Into<String>) -> &mut Self {
        self.location = location.into();
        self
    }

    fn fail(&mut self, message: String) {
        self.fail_at(None, message);
    }

    /// A problem with the value of `field` at the current location.
    fn fail_at(&mut self, field: Option<&str>, message: String) {
        self.problems.push(Problem {
            path: path_of(&self.location, field),
            location: self.location.clone(),
            message,
        });
    }

    /// A finite number in `lo..=hi`, or in `(lo, hi]` when `exclusive_lo`.
    fn number(&mut self, name: &str, v: f64, lo: f64, hi: f64, exclusive_lo: bool, unit: &str) {
        let low_ok = if exclusive_lo { v > lo } else { v >= lo };
        if !v.is_finite() || !low_ok || v > hi {
            let range = if exclusive_lo {
                format!("more than {lo} and at most {hi}")
            } else {
                format!("{lo}–{hi}")
            };
            self.fail_at(
                Some(name),
                format!("{name} {v}{unit} is outside the allowed range ({range}{unit})"),
            );
        }
    }

    /// A date in the years plans may use.
    fn date(&mut self, name: &str, d: NaiveDate) {
        if !date_in_range(d) {
            self.fail_at(
                Some(name),
                format!("{name} {d} is outside the years {MIN_YEAR}–{MAX_YEAR} that plans use"),
            );
        }
    }

    /// A whole number inside `range` (one of [`limits`]'s, mostly).
    fn whole<T: Copy + Into<u32>>(
        &mut self,
        name: &str,
        v: T,
        range: RangeInclusive<T>,
        what: &str,
    ) {
        let (v, lo, hi) = (v.into(), (*range.start()).into(), (*range.end()).into());
        if v < lo || v > hi {
            self.fail_at(Some(name), format!("{name} {v} is outside {lo}–{hi}{what}"));
        }
    }
}

/// Every impossible value in `plan` (empty when the plan is valid).
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        location: String::new(),
    };
    if plan.format == 0 || plan.format > FORMAT_VERSION {
        c.at("format").fail(format!(
            "format {} is not one this version reads (it reads {FORMAT_VERSION})",
            plan.format
        ));
    }
    check_dates(&mut c, plan);
    let a = &plan.athlete;
    if let Some(m) = a.body_mass_kg {
        c.at("athlete").number(
            "body_mass_kg",
            m,
            *limits::BODY_MASS_KG.start(),
            *limits::BODY_MASS_KG.end(),
            false,
            " kg",
        );
    }
    if let Some(b) = &a.baseline {
        c.at("athlete.baseline");
        c.number("weekly_km", b.weekly_km, 0.0, 500.0, false, " km");
        c.number("long_run_km", b.long_run_km, 0.0, 200.0, false, " km");
    }
    for (i, t) in a.calf_raise_tests.iter().enumerate() {
        c.at(format!("athlete.calf_raise_tests[{i}] on {}", t.date));
        c.whole("left", t.left, limits::TEST_REPS, " reps");
        c.whole("right", t.right, limits::TEST_REPS, " reps");
    }
    if let Some(r) = &plan.race {
        c.at("race").number("km", r.km, 0.0, 500.0, true, " km");
    }
    for (i, b) in plan.blocks.iter().enumerate() {
        c.at(format!("blocks[{i}] \"{}\"", b.name));
        c.whole(
            "weeks",
            b.weeks,
            limits::BLOCK_WEEKS,
            " (a block is 1 to 520 weeks long)",
        );
    }
    for (i, s) in plan.sessions.iter().enumerate() {
        c.at(format!("sessions[{i}] on {}", s.date));
        match &s.activity {
            Activity::Run {
                km, minutes, rpe, ..
            } => {
                if let Some(km) = km {
                    c.number("km", *km, 0.0, limits::MAX_KM, true, " km");
                }
                if let Some(m) = minutes {
                    c.whole("minutes", *m, limits::MINUTES, " (a day has 1440)");
                }
                if km.is_none() && minutes.is_none() {
                    c.fail(
                        "a run needs `km`, `minutes` or both (time-only runs give minutes)".into(),
                    );
                }
                c.whole("rpe", *rpe, limits::RPE, RPE_NOTE);
            }
            Activity::Cross { minutes, rpe, .. } => {
                c.whole("minutes", *minutes, limits::MINUTES, " (a day has 1440)");
                c.whole("rpe", *rpe, limits::RPE, RPE_NOTE);
            }
            Activity::Calf {
                stage,
                sets,
                reps,
                kg,
            } => {
                if let Some(kg) = kg {
                    c.number(
                        "kg",
                        *kg,
                        *limits::ADDED_KG.start(),
                        *limits::ADDED_KG.end(),
                        false,
                        " kg",
                    );
                }
                c.whole("stage", *stage, CALF_STAGES, " (the calf ladder's stages)");
                c.whole("sets", *sets, limits::CALF_SETS, "");
                c.whole("reps", *reps, limits::CALF_REPS, "");
            }
            Activity::Rest | Activity::CalfTest => {}
        }
        if let Some(a) = &s.actual {
            c.at(format!("sessions[{i}].actual on {}", s.date));
            if let Some(km) = a.km {
                c.number("km", km, 0.0, limits::MAX_KM, true, " km");
            }
            c.whole("minutes", a.minutes, limits::MINUTES, " (a day has 1440)");
            if let Some(rpe) = a.rpe {
                c.whole("rpe", rpe, limits::RPE, RPE_NOTE);
            }
        }
    }
    for (i, s) in plan.symptoms.iter().enumerate() {
        c.at(format!("symptoms[{i}] on {}", s.date));
        c.whole("pain", s.pain, limits::PAIN, " (0 none … 10 worst)");
    }
    check_settings(&mut c, &plan.settings, plan.athlete.level);
    c.problems
}

/// Every date in the years plans use, and the plan's span within [`MAX_SPAN_YEARS`] (the
/// analysis works day by day: a file with sessions in year 1 and 9999 must not ask for
/// gigabytes).
fn check_dates(c: &mut Checker, plan: &Plan) {
    let a = &plan.athlete;
    if let Some(l) = a.baseline.as_ref().and_then(|b| b.last_run) {
        c.at("athlete.baseline").date("last_run", l);
    }
    for (i, t) in a.calf_raise_tests.iter().enumerate() {
        c.at(format!("athlete.calf_raise_tests[{i}]"))
            .date("date", t.date);
    }
    if let Some(r) = &plan.race {
        c.at("race").date("date", r.date);
    }
    for (i, b) in plan.blocks.iter().enumerate() {
        c.at(format!("blocks[{i}] \"{}\"", b.name));
        c.date("start", b.start);
        if date_in_range(b.start) {
            c.date("last day", b.last_day());
        }
    }
    for (i, s) in plan.sessions.iter().enumerate() {
        c.at(format!("sessions[{i}]")).date("date", s.date);
        if let Some(start) = s.actual.as_ref().and_then(|a| a.start) {
            c.at(format!("sessions[{i}].actual"))
                .date("start", start.date());
        }
    }
    for (i, s) in plan.symptoms.iter().enumerate() {
        c.at(format!("symptoms[{i}]")).date("date", s.date);
    }
    if let Some(p) = &plan.calf_program {
        c.at("calf_program");
        c.date("from", p.from);
        c.date("to", p.to);
    }
    if !c.problems.is_empty() {
        return; // the span of out-of-range dates says nothing more
    }
    if let Some((lo, hi)) = plan.date_range() {
        let years = (hi - lo).num_days() / 365;
        if (hi - lo).num_days() > MAX_SPAN_YEARS * 366 {
            c.at("plan").fail(format!(
                "the plan spans {years} years (from {lo} to {hi}); plans are limited to {MAX_SPAN_YEARS} years"
            ));
        }
    }
}

/// The settings' overrides: each in its range, severity steps that climb, calf factors
/// by known names.
fn check_settings(c: &mut Checker, s: &Settings, level: Level) {
    c.at("settings");
    check_setting_ranges(c, s);
    check_steps_climb(c, &Thresholds::resolve(s, level));
    check_calf_factors(c, s);
}

/// Each overridden number in its range.
fn check_setting_ranges(c: &mut Checker, s: &Settings) {
    let pcts = [
        ("long_run_caution_pct", s.long_run_caution_pct),
        ("long_run_warning_pct", s.long_run_warning_pct),
        ("long_run_danger_pct", s.long_run_danger_pct),
        ("weekly_increase_info_pct", s.weekly_increase_info_pct),
        ("weekly_increase_caution_pct", s.weekly_increase_caution_pct),
        ("weekly_increase_warning_pct", s.weekly_increase_warning_pct),
        ("return_max_pct", s.return_max_pct),
        ("return_week2_pct", s.return_week2_pct),
        ("return_week3_pct", s.return_week3_pct),
        ("barefoot_share_pct", s.barefoot_share_pct),
        ("calf_imbalance_pct", s.calf_imbalance_pct),
    ];
    for (name, v) in pcts {
        if let Some(v) = v {
            c.number(name, v, 0.0, 1000.0, false, " %");
        }
    }
    let others = [
        (
            "weekly_increase_floor_km",
            s.weekly_increase_floor_km,
            100.0,
        ),
        ("acwr_warning", s.acwr_warning, 10.0),
        ("monotony_caution", s.monotony_caution, 100.0),
        ("barefoot_first_run_km", s.barefoot_first_run_km, 100.0),
        (
            "hydration_minutes",
            s.hydration_minutes,
            f64::from(*limits::MINUTES.end()),
        ),
    ];
    for (name, v, hi) in others {
        if let Some(v) = v {
            c.number(name, v, 0.0, hi, false, "");
        }
    }
    if let Some(v) = s.hard_cycling_rpe {
        c.whole("hard_cycling_rpe", v, limits::RPE, "");
    }
    if let Some(v) = s.calf_pain_warning {
        c.whole("calf_pain_warning", v, limits::PAIN, "");
    }
    if let Some(v) = s.pain_monitor_min {
        c.whole("pain_monitor_min", v, limits::PAIN, "");
    }
    if let Some(v) = s.calf_imbalance_min_reps {
        c.whole("calf_imbalance_min_reps", v, limits::TEST_REPS, " reps");
    }
    if let Some(v) = s.red_flag_days {
        c.whole("red_flag_days", v, 1..=60, " days");
    }
    if let Some(v) = s.tear_days {
        c.whole("tear_days", v, 1..=90, " days");
    }
    if let Some(v) = s.break_days {
        c.whole("break_days", v, 2..=365, " days");
    }
    if let Some(v) = s.quality_gap_days {
        c.whole("quality_gap_days", v, 7..=365, " days");
    }
    if let Some(v) = s.max_running_days {
        c.whole("max_running_days", v, 2..=365, " days");
    }
}

/// Severity steps must climb, whichever of them the plan overrides.
fn check_steps_climb(c: &mut Checker, t: &Thresholds) {
    let steps = [
        (
            "long_run_caution_pct",
            t.long_run_caution_pct,
            "long_run_warning_pct",
            t.long_run_warning_pct,
        ),
        (
            "long_run_warning_pct",
            t.long_run_warning_pct,
            "long_run_danger_pct",
            t.long_run_danger_pct,
        ),
        (
            "weekly_increase_info_pct",
            t.weekly_increase_info_pct,
            "weekly_increase_caution_pct",
            t.weekly_increase_caution_pct,
        ),
        (
            "weekly_increase_caution_pct",
            t.weekly_increase_caution_pct,
            "weekly_increase_warning_pct",
            t.weekly_increase_warning_pct,
        ),
        (
            "return_max_pct",
            t.return_max_pct,
            "return_week2_pct",
            t.return_week2_pct,
        ),
        (
            "return_week2_pct",
            t.return_week2_pct,
            "return_week3_pct",
            t.return_week3_pct,
        ),
    ];
    for (a, va, b, vb) in steps {
        if va > vb {
            c.fail(format!(
                "{a} ({va}) is above {b} ({vb}); the steps must climb"
            ));
        }
    }
}

/// Calf factors by known names, each 0–5.
fn check_calf_factors(c: &mut Checker, s: &Settings) {
    for (name, v) in &s.calf_factors {
        if CalfFactors::key(name).is_none() {
            let names: Vec<_> = crate::model::CALF_FACTOR_TABLE
                .iter()
                .map(|(n, _, _)| *n)
                .collect();
            c.fail(format!(
                "calf_factors: unknown name \"{name}\"; use one of {}",
                names.join(", ")
            ));
        } else {
            c.number(
                &format!("calf_factors[\"{name}\"]"),
                *v,
                0.0,
                5.0,
                false,
                "",
            );
        }
    }
}
