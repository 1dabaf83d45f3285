//! The calf program: a stage ladder of eccentric calf strengthening, the exercise library,
//! and a scheduler that places 2–3 sessions a week on days without a run, climbing the
//! ladder gradually with deload weeks.
//!
//! The ladder is a synthesis of Alfredson 1998 (eccentric heel drops), Beyer 2015 (heavy
//! slow resistance) and single-leg heel-raise norms of about 25 reps; it is not a trial
//! protocol. The advice of the article "How To Treat & Prevent Calf Pain From Running": single-leg calf raises with slow lowering, 2–3
//! times a week on non-running days, introduced slowly, toward 3 × 25–30, equal reps on
//! both legs.

use crate::model::{
    Activity, Athlete, BodyArea, Phase, Plan, Session, Status, Thresholds, week_start,
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

/// The starting stage from the athlete's latest calf-raise test (the weaker leg), and why.
pub fn starting_stage(athlete: &Athlete) -> (u8, String) {
    let Some(t) = athlete.latest_calf_test() else {
        return (1, "no calf-raise test yet: start at stage 1".into());
    };
    let weaker = t.left.min(t.right);
    let stage = match weaker {
        0..=9 => 1,
        10..=14 => 2,
        15..=19 => 3,
        20..=24 => 4,
        _ => 5,
    };
    let leg = if t.left <= t.right { "left" } else { "right" };
    (
        stage,
        format!(
            "calf-raise test on {}: weaker leg ({leg}) {weaker} reps → stage {stage} (<10 → 1, 10–14 → 2, 15–19 → 3, 20–24 → 4, ≥25 → 5)",
            t.date
        ),
    )
}

/// How to schedule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Sessions a week (2 or 3); default 2 for novices, 3 otherwise.
    pub per_week: Option<u8>,
    /// First day (default: the Monday of the plan's first week).
    pub from: Option<NaiveDate>,
    /// Last day (default: the plan's last day).
    pub to: Option<NaiveDate>,
    /// Start at this stage instead of the one from the calf-raise test.
    pub start_stage: Option<u8>,
}

/// What the scheduler decided for one week.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekPlan {
    /// The Monday.
    pub start: NaiveDate,
    /// The stage used.
    pub stage: u8,
    /// Sets and reps per session.
    pub sets: u8,
    /// Reps per set.
    pub reps: u8,
    /// A half-volume week (every 4th week, Recovery and Taper blocks).
    pub deload: bool,
    /// Days of generated sessions.
    pub days: Vec<NaiveDate>,
    /// Why the week differs from the usual (fewer sessions, a step down), if it does.
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
    /// Week by week.
    pub weeks: Vec<WeekPlan>,
    /// The generated sessions, in date order.
    pub sessions: Vec<Session>,
}

/// Schedules the calf program for `plan`. Pure: it reads the plan's runs, the user's own
/// calf sessions, blocks and symptoms, and ignores previously generated sessions in range.
pub fn schedule(plan: &Plan, opts: &Options) -> Option<Schedule> {
    // The default range ignores generated calf sessions, so re-running gives the same range.
    let mut own = plan.clone();
    own.sessions.retain(|s| !is_generated_calf(s));
    let (lo, hi) = own.date_range()?;
    let from = opts.from.unwrap_or_else(|| week_start(lo));
    let to = opts.to.unwrap_or(hi);
    if to < from {
        return None;
    }
    let per_week = opts
        .per_week
        .unwrap_or(if plan.athlete.level == crate::model::Level::Novice {
            2
        } else {
            3
        })
        .clamp(1, 3);
    let (auto_stage, auto_reason) = starting_stage(&plan.athlete);
    let (mut stage_now, reason) = match opts.start_stage {
        Some(s) => (s.clamp(1, 6), format!("chosen: stage {}", s.clamp(1, 6))),
        None => (auto_stage, auto_reason),
    };
    let start_stage = stage_now;
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);

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
    let own_calf: Vec<&Session> = plan
        .sessions
        .iter()
        .filter(|s| {
            matches!(s.activity, Activity::Calf { .. })
                && !(is_generated_calf(s) && s.date >= from && s.date <= to)
        })
        .collect();
    let pain_days: BTreeSet<NaiveDate> = plan
        .symptoms
        .iter()
        .filter(|s| {
            matches!(s.area, BodyArea::Calf | BodyArea::Achilles) && s.pain > t.calf_pain_warning
        })
        .map(|s| s.date)
        .collect();

    // The week before `from`: a week of calf sessions all skipped, or calf pain, means the
    // program starts one stage lower.
    let mut step_down_next =
        week_needs_step_down(week_start(from) - Duration::days(7), &own_calf, &pain_days);
    let mut completed_at_stage = 0u32;
    let mut last_day: Option<NaiveDate> = own_calf
        .iter()
        .filter(|s| s.date < from)
        .map(|s| s.date)
        .max();
    let mut weeks = Vec::new();
    let mut sessions = Vec::new();
    let mut monday = week_start(from);
    let mut index = 0u32;
    while monday <= to {
        let mut note = None;
        if step_down_next && stage_now > 1 {
            stage_now -= 1;
            completed_at_stage = 0;
            note = Some(format!(
                "one stage down to {stage_now}: the previous week's calf sessions were all skipped, or calf pain above {}/10 was logged",
                t.calf_pain_warning
            ));
        }
        let phase = plan.block_on(monday).map(|b| b.phase);
        let deload = index % 4 == 3 || matches!(phase, Some(Phase::Recovery | Phase::Taper));
        let st = stage(stage_now);
        // First week at a stage: the low end of its reps; second week: the high end.
        let full_reps = if completed_at_stage == 0 {
            st.reps.0
        } else {
            st.reps.1
        };
        let reps = if deload {
            full_reps.div_ceil(2)
        } else {
            full_reps
        };

        let days: Vec<NaiveDate> = (0..7)
            .map(|d| monday + Duration::days(d))
            .filter(|d| *d >= from && *d <= to)
            .collect();
        let own_this_week: Vec<&&Session> = own_calf
            .iter()
            .filter(|s| week_start(s.date) == monday)
            .collect();
        let wanted = usize::from(per_week).saturating_sub(own_this_week.len());
        let free: Vec<NaiveDate> = days
            .iter()
            .copied()
            .filter(|d| !run_days.contains(d) && !own_this_week.iter().any(|s| s.date == *d))
            .collect();
        // Keep 48 h from every calf session already there: the user's own (any week) and
        // the last one scheduled.
        let mut taken: Vec<NaiveDate> = own_calf.iter().map(|s| s.date).collect();
        taken.extend(last_day);
        let chosen = choose_days(&free, wanted, &taken, &key_days);
        if chosen.len() < wanted && days.len() == 7 {
            let reason = format!(
                "{} calf session{} instead of {wanted}: only {} day{} without a run{}",
                chosen.len(),
                if chosen.len() == 1 { "" } else { "s" },
                free.len(),
                if free.len() == 1 { "" } else { "s" },
                if free.len() > chosen.len() {
                    ", and sessions need 48 h between them"
                } else {
                    ""
                }
            );
            note = Some(match note {
                Some(n) => format!("{n}; {reason}"),
                None => reason,
            });
        }
        for d in &chosen {
            let mut s = Session::new(
                *d,
                Activity::Calf {
                    stage: stage_now,
                    sets: st.sets,
                    reps,
                },
            );
            s.generated = true;
            sessions.push(s);
        }
        if let Some(d) = chosen
            .iter()
            .chain(own_this_week.iter().map(|s| &s.date))
            .max()
        {
            last_day = Some(last_day.map_or(*d, |l| l.max(*d)));
        }
        let week_stage = stage_now;
        // Progress: every two completed full weeks, one stage up.
        let done = !chosen.is_empty() || own_this_week.iter().any(|s| s.status != Status::Skipped);
        if done && !deload {
            completed_at_stage += 1;
            if completed_at_stage >= 2 && stage_now < 6 {
                stage_now += 1;
                completed_at_stage = 0;
            }
        }
        step_down_next = week_needs_step_down(monday, &own_calf, &pain_days);
        weeks.push(WeekPlan {
            start: monday,
            stage: week_stage,
            sets: st.sets,
            reps,
            deload,
            days: chosen,
            note,
        });
        monday += Duration::days(7);
        index += 1;
    }
    Some(Schedule {
        from,
        to,
        per_week,
        start_stage,
        reason,
        weeks,
        sessions,
    })
}

/// A session the scheduler made (and may replace).
fn is_generated_calf(s: &Session) -> bool {
    s.generated && matches!(s.activity, Activity::Calf { .. })
}

fn week_needs_step_down(
    monday: NaiveDate,
    own_calf: &[&Session],
    pain_days: &BTreeSet<NaiveDate>,
) -> bool {
    let in_week = |d: NaiveDate| week_start(d) == monday;
    let week: Vec<_> = own_calf.iter().filter(|s| in_week(s.date)).collect();
    let all_skipped = !week.is_empty() && week.iter().all(|s| s.status == Status::Skipped);
    all_skipped || pain_days.iter().any(|d| in_week(*d))
}

/// Picks up to `wanted` of the `free` days, each at least 48 h (two calendar days) from
/// the others and from `taken`; prefers days that are not the day before a long or
/// quality run, then the widest spacing, then the earliest days.
fn choose_days(
    free: &[NaiveDate],
    wanted: usize,
    taken: &[NaiveDate],
    key_days: &BTreeSet<NaiveDate>,
) -> Vec<NaiveDate> {
    let n = free.len();
    for k in (1..=wanted.min(n)).rev() {
        let mut best: Option<(Vec<NaiveDate>, (usize, i64, i64))> = None;
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != k {
                continue;
            }
            let pick: Vec<NaiveDate> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| free[i])
                .collect();
            let all: Vec<NaiveDate> = pick.iter().chain(taken).copied().collect();
            let spaced = pick.iter().all(|a| {
                all.iter()
                    .all(|b| a == b || (*a - *b).num_days().abs() >= 2)
            });
            if !spaced {
                continue;
            }
            let before_key = pick
                .iter()
                .filter(|d| key_days.contains(&(**d + Duration::days(1))))
                .count();
            let min_gap = pick
                .windows(2)
                .map(|w| (w[1] - w[0]).num_days())
                .min()
                .unwrap_or(7);
            let first = pick.iter().map(|d| (*d - free[0]).num_days()).sum::<i64>();
            // Lower is better: fewer days before key runs, wider gaps, earlier days.
            let score = (before_key, -min_gap, first);
            if best.as_ref().is_none_or(|(_, s)| score < *s) {
                best = Some((pick, score));
            }
        }
        if let Some((pick, _)) = best {
            return pick;
        }
    }
    Vec::new()
}

/// `plan` with the schedule applied: generated sessions from `from` to `to` are replaced
/// by the schedule's; the user's own sessions are never touched.
pub fn apply(plan: &Plan, schedule: &Schedule) -> Plan {
    let mut out = plan.clone();
    out.sessions
        .retain(|s| !(is_generated_calf(s) && s.date >= schedule.from && s.date <= schedule.to));
    out.sessions.extend(schedule.sessions.iter().cloned());
    out.sessions.sort_by_key(|s| s.date);
    out
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

/// Week by week, what [`apply`] would change in `plan`.
pub fn preview(plan: &Plan, schedule: &Schedule) -> Vec<WeekChange> {
    let old: Vec<&Session> = plan
        .sessions
        .iter()
        .filter(|s| is_generated_calf(s) && s.date >= schedule.from && s.date <= schedule.to)
        .collect();
    schedule
        .weeks
        .iter()
        .map(|w| {
            let in_week = |d: NaiveDate| week_start(d) == w.start;
            let old_w: Vec<&&Session> = old.iter().filter(|s| in_week(s.date)).collect();
            let new_w: Vec<&Session> = schedule
                .sessions
                .iter()
                .filter(|s| in_week(s.date))
                .collect();
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
