//! Care: what the article advises when a symptom is logged (treatment), and the return
//! to running after a calf injury (entry criteria, a walk/run ladder by time, a rebuild
//! checked by Gradual's own rules).
//!
//! Everything here is guidance, not diagnosis. The advice follows the article "How To
//! Treat & Prevent Calf Pain From Running"; the return's entry criteria follow clinician
//! consensus (Green et al., Sports Medicine – Open 2022) and the pain-monitoring model
//! (Silbernagel et al., AJSM 2007).

use crate::analysis::{ARTICLE, Severity, all_clear_after, analyze, stops_running};
use crate::model::{
    Activity, Block, Footwear, Phase, Plan, RunKind, Session, Side, Status, Surface, Symptom,
    Thresholds, week_start,
};
use chrono::{Duration, NaiveDate};

/// What kind of care a symptom calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Care {
    /// A red flag: a doctor or physiotherapist first.
    RedFlag,
    /// A strain (pain of 4 or more, or a pop): RICE.
    Strain,
    /// A cramp: stretch and massage.
    Cramp,
    /// Mild pain: keep an eye on it (pain-monitoring model).
    Monitor,
}

/// The advice for one logged symptom.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// The kind of care.
    pub care: Care,
    /// A one-line heading.
    pub title: String,
    /// What to do, step by step.
    pub steps: Vec<String>,
    /// Where it comes from.
    pub source: String,
}

/// Strains start at this pain (0–10), or with a pop.
pub const STRAIN_PAIN: u8 = 4;

/// What the article advises for `s`, phrased as guidance.
pub fn advice(s: &Symptom) -> Advice {
    let area = s.area.name().to_lowercase();
    let pop = s.flags.contains(&crate::model::RedFlag::Pop);
    let rice = vec![
        "Rest the leg: no running on it.".to_string(),
        "Ice: 15–20 minutes, three times a day.".to_string(),
        "Compress it with a bandage, and loosen the bandage if the pain gets worse.".to_string(),
        "Elevate the leg when you can.".to_string(),
    ];
    if !s.flags.is_empty() {
        let flags: Vec<_> = s.flags.iter().map(|f| f.name()).collect();
        let mut steps = vec![format!(
            "See a doctor or physiotherapist before you run again: {} {} not something to run through.",
            flags.join(", "),
            if flags.len() == 1 { "is" } else { "are" }
        )];
        if pop {
            steps.push("A pop felt or heard in the calf can mean a tear.".into());
        }
        steps.extend(rice);
        return Advice {
            care: Care::RedFlag,
            title: format!("Red flag in the {area}: see a professional"),
            steps,
            source: format!("{ARTICLE}: red flags need a doctor or physiotherapist"),
        };
    }
    if s.cramp {
        return Advice {
            care: Care::Cramp,
            title: format!("A cramp in the {area}"),
            steps: vec![
                "Stretch the calf slowly and massage it until it lets go.".into(),
                "If cramps keep coming back, stop and see a doctor.".into(),
                "Drink to thirst; on long or hot runs carry fluids.".into(),
            ],
            source: format!("{ARTICLE}: treating cramps"),
        };
    }
    if s.pain >= STRAIN_PAIN {
        let mut steps = rice;
        steps.push(
            "If it is not getting better with home treatment, see a doctor or physiotherapist."
                .into(),
        );
        steps.push(
            "Do not run through it; come back with Plan > Return to running… once it has settled."
                .into(),
        );
        return Advice {
            care: Care::Strain,
            title: format!("Possibly a strain ({} pain {}/10): RICE", area, s.pain),
            steps,
            source: format!("{ARTICLE}: treating a strain with RICE"),
        };
    }
    if s.pain == 0 {
        return Advice {
            care: Care::Monitor,
            title: format!("No {area} pain"),
            steps: vec![
                "Nothing to treat. Keep warming up before runs (brisk walk, inchworms, butt kicks) and stretching after.".into(),
                "Log again if anything changes; after a strain, a log with pain 2/10 or less is the all-clear.".into(),
            ],
            source: ARTICLE.to_string(),
        };
    }
    Advice {
        care: Care::Monitor,
        title: format!("Mild {area} pain ({}/10): keep an eye on it", s.pain),
        steps: vec![
            "Pain up to 3/10 counts as safe in the pain-monitoring model; keep the load where it is if it has settled by the next morning.".into(),
            "Log how it feels the next morning; if it is higher, hold the load or ease off.".into(),
            "Warm up before runs (brisk walk, inchworms, butt kicks) and stretch after.".into(),
        ],
        source: format!("Silbernagel et al., AJSM 2007 (pain-monitoring model); {ARTICLE}"),
    }
}

/// One entry criterion of the return to running.
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    /// What is checked.
    pub name: &'static str,
    /// Whether it is met.
    pub met: bool,
    /// The numbers, and what to do when it is not met.
    pub detail: String,
}

/// The injured side must manage at least this share of the other leg's calf raises.
pub const RETURN_SYMMETRY: f64 = 0.9;

/// Logged pain may be at most this when returning.
pub const RETURN_MAX_PAIN: u8 = 2;

/// The calf or Achilles injury a return starts from: the latest log before `on` that
/// stopped running (a red flag or pain above the line) or was a strain.
pub fn injury(plan: &Plan, on: NaiveDate) -> Option<&Symptom> {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    plan.symptoms
        .iter()
        .filter(|s| s.date <= on && s.area.is_calf())
        .filter(|s| stops_running(s, &t) || s.pain >= STRAIN_PAIN)
        .max_by_key(|s| s.date)
}

/// Checks the entry criteria for returning to running on `on`.
pub fn criteria(plan: &Plan, on: NaiveDate) -> Vec<Criterion> {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    let mut out = Vec::new();
    // 1. No red flag without an all-clear.
    let open: Vec<&Symptom> = plan
        .symptoms
        .iter()
        .filter(|s| s.date <= on && stops_running(s, &t))
        .filter(|s| all_clear_after(plan, s).is_none_or(|c| c.date > on))
        .collect();
    out.push(Criterion {
        name: "No red flags",
        met: open.is_empty(),
        detail: match open.last() {
            None => "no red flag or pain above 5/10 without an all-clear".into(),
            Some(s) => format!(
                "{} {} on {} has no all-clear yet: see a doctor or physiotherapist, then log how it feels (pain 2 or less, no flags)",
                s.area.name(),
                if s.flags.is_empty() {
                    format!("pain {}/10", s.pain)
                } else {
                    s.flags.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
                },
                s.date
            ),
        },
    });
    // 2. Pain 2 or less now.
    let latest = plan
        .symptoms
        .iter()
        .filter(|s| s.date <= on && s.area.is_calf())
        .max_by_key(|s| s.date);
    out.push(match latest {
        None => Criterion {
            name: "Pain 2/10 or less walking",
            met: true,
            detail: "no calf or Achilles pain logged".into(),
        },
        Some(s) => Criterion {
            name: "Pain 2/10 or less walking",
            met: s.pain <= RETURN_MAX_PAIN && s.flags.is_empty(),
            detail: if s.pain <= RETURN_MAX_PAIN && s.flags.is_empty() {
                format!("{} pain {}/10 on {}", s.area.name(), s.pain, s.date)
            } else {
                format!(
                    "latest log: {} pain {}/10 on {}; log again once walking is comfortable (2/10 or less)",
                    s.area.name(),
                    s.pain,
                    s.date
                )
            },
        },
    });
    // 3. A calf-raise test after the injury, the injured side at 90 % of the other.
    let injury = injury(plan, on);
    let test = plan
        .athlete
        .calf_raise_tests
        .iter()
        .filter(|x| x.date <= on && injury.is_none_or(|i| x.date >= i.date))
        .max_by_key(|x| x.date);
    out.push(match (injury, test) {
        (None, _) => Criterion {
            name: "Calf strength",
            met: true,
            detail: "no calf injury logged: no calf-raise test needed".into(),
        },
        (Some(i), None) => Criterion {
            name: "Calf strength",
            met: false,
            detail: format!(
                "record a calf-raise test after the {} pain of {} (the injured side needs 90 % of the other's reps)",
                i.area.name().to_lowercase(),
                i.date
            ),
        },
        (Some(i), Some(x)) => {
            let (hurt, other, side) = match i.side {
                Some(Side::Left) => (x.left, x.right, "left"),
                Some(Side::Right) => (x.right, x.left, "right"),
                None => (x.left.min(x.right), x.left.max(x.right), "weaker"),
            };
            let share = if other == 0 {
                0.0
            } else {
                f64::from(hurt) / f64::from(other)
            };
            Criterion {
                name: "Calf strength",
                met: other > 0 && share >= RETURN_SYMMETRY - 1e-9,
                detail: format!(
                    "test on {}: {side} leg {hurt} reps vs {other}: {:.0} % (90 % needed)",
                    x.date,
                    share * 100.0
                ),
            }
        }
    });
    out
}

/// One week of a return block.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnWeek {
    /// The week's first day (7-day steps from the block's start, as the return rule
    /// counts them).
    pub start: NaiveDate,
    /// Its sessions: (day, minutes, what).
    pub sessions: Vec<(NaiveDate, u32, String)>,
    /// Walk/run intervals (the first weeks) rather than continuous running.
    pub walk_run: bool,
}

impl ReturnWeek {
    /// The week's running minutes.
    pub fn minutes(&self) -> u32 {
        self.sessions.iter().map(|s| s.1).sum()
    }
}

/// A return to running: the criteria, the weeks, and the plan with the block in place.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnBlock {
    /// First day.
    pub from: NaiveDate,
    /// The entry criteria as of `from`.
    pub criteria: Vec<Criterion>,
    /// The average week of running before the injury, in minutes: what the block rebuilds
    /// toward.
    pub before_minutes: f64,
    /// Week by week.
    pub weeks: Vec<ReturnWeek>,
    /// Planned runs the block replaces.
    pub replaced: usize,
    /// The plan with the block (runs replaced, the calf program rescheduled).
    pub plan: Plan,
    /// Warnings at caution or above about the block itself (empty when the block is
    /// clear by Gradual's own rules).
    pub block_warnings: Vec<crate::analysis::Warning>,
    /// Warnings at caution or above about the step from the block back into the plan's
    /// later weeks (the plan may need a re-plan there).
    pub after_warnings: Vec<crate::analysis::Warning>,
}

impl ReturnBlock {
    /// Whether every entry criterion is met.
    pub fn ready(&self) -> bool {
        self.criteria.iter().all(|c| c.met)
    }

    /// The block's last day.
    pub fn end(&self) -> NaiveDate {
        self.from + Duration::days(7 * self.weeks.len() as i64 - 1)
    }
}

/// The walk/run ladder for the first two weeks, step by step: (minutes running, minutes
/// walking) repeated.
const WALK_RUN: [(u32, u32); 7] = [(1, 2), (2, 2), (3, 2), (4, 1), (5, 1), (8, 1), (10, 1)];

/// At most this many weeks of rebuilding.
const MAX_WEEKS: usize = 8;

fn walk_run_note(step: usize, minutes: u32) -> String {
    let (run, walk) = WALK_RUN[step.min(WALK_RUN.len() - 1)];
    let reps = (minutes / (run + walk)).max(1);
    format!(
        "Return to running, walk/run step {}: {reps} × ({run}' run, {walk}' walk) after a 5' brisk walk. Move on only if pain stayed at 3/10 or less and was gone by the next morning; otherwise repeat this step.",
        step + 1
    )
}

fn continuous_note(week: usize, weeks: usize) -> String {
    format!(
        "Return to running, week {week} of {weeks}: continuous easy running. Move on only if pain stayed at 3/10 or less and was gone by the next morning; otherwise repeat last week."
    )
}

/// The average week of running (minutes) in the 4 weeks before `on`, else the baseline's.
fn weekly_minutes_before(plan: &Plan, on: NaiveDate) -> f64 {
    let report = analyze(plan);
    let from = on - Duration::days(28);
    let total: f64 = report
        .days
        .iter()
        .filter(|d| d.date >= from && d.date < on)
        .map(|d| d.run_minutes)
        .sum();
    if total > 0.0 {
        return total / 4.0;
    }
    plan.athlete
        .baseline
        .as_ref()
        .map(|b| plan.athlete.easy_pace.minutes_for(b.weekly_km))
        .filter(|m| *m > 0.0)
        .unwrap_or(90.0)
}

/// A return block from `from`: a walk/run ladder by time, every other day at first, then
/// continuous easy running rebuilding toward the week before the injury. Each week is
/// sized to the return rule's lines (about 50, 70, 85 % of the week before), then grows
/// by at most 15 % a week, and is checked with Gradual's own rules: a week that would
/// raise anything at caution or above is made shorter until it does not. Planned runs
/// from `from` to the block's end are replaced (never the goal race: the block ends
/// before its week); done and skipped runs, cross-training and the user's own sessions
/// stay; the calf program is rescheduled alongside.
pub fn return_block(plan: &Plan, from: NaiveDate) -> ReturnBlock {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    let criteria = criteria(plan, from);
    let injured_on = injury(plan, from).map(|i| i.date).unwrap_or(from);
    let before = weekly_minutes_before(plan, injured_on);
    let lines = [t.return_max_pct, t.return_week2_pct, t.return_week3_pct];
    // The goal race stays: the block ends before the week that holds it.
    // Weeks are 7-day steps from `from`, as the return rule counts them.
    let race_stop = plan
        .race
        .as_ref()
        .map(|r| r.date)
        .filter(|r| *r >= from)
        .map(|r| ((week_start(r) - from).num_days().max(0) / 7) as usize);
    let max_weeks = race_stop.map_or(MAX_WEEKS, |w| w.min(MAX_WEEKS));
    let mut weeks: Vec<ReturnWeek> = Vec::new();
    let mut step = 0usize;
    let mut last_week = 0.0f64;
    // The load warnings already there before this week is added (trials leave out the
    // plan's later runs, so only the block so far is judged).
    let load_warnings = |p: &Plan| -> Vec<(crate::analysis::Rule, NaiveDate)> {
        analyze(p)
            .warnings
            .iter()
            .filter(|w| {
                w.severity >= Severity::Caution
                    && w.date >= week_start(from)
                    && is_load_rule(w.rule)
            })
            .map(|w| (w.rule, w.date))
            .collect()
    };
    let mut accepted = load_warnings(&with_block(plan, from, &[], false, false).0);
    // The runs before the block (not skipped), by day and minutes: the long-run-spike
    // rule's 30-day window reaches back into them.
    let report = analyze(plan);
    let history: Vec<(NaiveDate, f64)> = plan
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date < from && s.counts() && s.run().is_some())
        .map(|(i, s)| (s.date, report.sessions[i].minutes))
        .collect();
    for k in 0..max_weeks {
        let target = if let Some(line) = lines.get(k) {
            before * line / 100.0
        } else {
            (last_week * GROWTH).min(before)
        };
        // Every other day for the first two weeks, then four days a week.
        let offsets: &[i64] = if k < 2 { &[0, 2, 4] } else { &[0, 2, 4, 6] };
        let start = from + Duration::days(7 * k as i64);
        let days: Vec<NaiveDate> = offsets.iter().map(|d| start + Duration::days(*d)).collect();
        // Each session as long as its share of the week, and at most 9 % longer than the
        // longest run of the 30 days before it (the long-run-spike line is 10 %): a ladder
        // that climbs session by session.
        let share = (target * 0.98) / offsets.len() as f64;
        let mut scale = 1.0f64;
        loop {
            let mut lengths: Vec<u32> = Vec::new();
            for d in &days {
                let recent =
                    history
                        .iter()
                        .copied()
                        .chain(weeks.iter().flat_map(|w| {
                            w.sessions.iter().map(|(day, m, _)| (*day, f64::from(*m)))
                        }))
                        .chain(
                            lengths
                                .iter()
                                .enumerate()
                                .map(|(j, m)| (days[j], f64::from(*m))),
                        )
                        .filter(|(day, _)| *day < *d && *day >= *d - Duration::days(30))
                        .map(|(_, m)| m)
                        .fold(0.0, f64::max);
                let cap = if recent > 0.0 { recent * 1.09 } else { share };
                lengths.push((share.min(cap) * scale).floor().max(MIN_SESSION) as u32);
            }
            let week = ReturnWeek {
                start,
                walk_run: k < 2,
                sessions: days
                    .iter()
                    .zip(&lengths)
                    .enumerate()
                    .map(|(i, (d, m))| {
                        let note = if k < 2 {
                            walk_run_note(step + i, *m)
                        } else {
                            String::new()
                        };
                        (*d, *m, note)
                    })
                    .collect(),
            };
            let mut trial = weeks.clone();
            trial.push(week.clone());
            let (p, _) = with_block(plan, from, &trial, false, false);
            // A warning that was not there before this week (a weekly total, a return
            // window reaching into it) is this week's to fix.
            let now = load_warnings(&p);
            let fires = now.iter().any(|w| !accepted.contains(w));
            if !fires || lengths.iter().all(|m| f64::from(*m) <= MIN_SESSION) {
                accepted = now;
                last_week = f64::from(week.minutes());
                weeks.push(week);
                break;
            }
            scale *= 0.92;
        }
        if k < 2 {
            step += days.len();
        }
        if k >= 3 && last_week >= before * 0.95 {
            break;
        }
    }
    let n = weeks.len();
    for (k, w) in weeks.iter_mut().enumerate().skip(2) {
        for s in &mut w.sessions {
            s.2 = continuous_note(k + 1, n);
        }
    }
    let (new_plan, replaced) = with_block(plan, from, &weeks, true, true);
    // The block judged on its own (without the plan's runs after it)...
    let (alone, _) = with_block(plan, from, &weeks, false, false);
    let block_warnings: Vec<_> = analyze(&alone)
        .warnings
        .into_iter()
        .filter(|w| w.severity >= Severity::Caution && w.date >= week_start(from))
        .filter(|w| is_load_rule(w.rule))
        .collect();
    // ...and what the plan after it says about the step back into it.
    let end = from + Duration::days(7 * weeks.len().max(1) as i64 - 1);
    let after_warnings = analyze(&new_plan)
        .warnings
        .into_iter()
        .filter(|w| w.severity >= Severity::Caution && is_load_rule(w.rule))
        .filter(|w| w.date + Duration::days(7) > end && w.date <= end + Duration::days(35))
        .filter(|w| {
            !block_warnings
                .iter()
                .any(|b| b.rule == w.rule && b.date == w.date)
        })
        .collect();
    ReturnBlock {
        from,
        criteria,
        before_minutes: before,
        weeks,
        replaced,
        plan: new_plan,
        block_warnings,
        after_warnings,
    }
}

/// A week grows by at most this much after the first three (under the weekly-increase
/// caution line of 20 %).
const GROWTH: f64 = 1.15;

/// The shortest session the ladder plans, in minutes.
const MIN_SESSION: f64 = 10.0;

/// The rules a return block is sized by (the load rules; symptoms and calf work are not
/// the block's to fix).
fn is_load_rule(r: crate::analysis::Rule) -> bool {
    use crate::analysis::Rule::*;
    matches!(
        r,
        LongRunSpike | WeeklyIncrease | ReturnAfterBreak | Monotony | NoRestDay
    )
}

/// `plan` with the block's sessions in place of its planned runs (to the block's end, or
/// all later planned runs too unless `keep_after`), a Recovery block named "Return to
/// running", and (if `calf`) the calf program rescheduled from `from`.
fn with_block(
    plan: &Plan,
    from: NaiveDate,
    weeks: &[ReturnWeek],
    calf: bool,
    keep_after: bool,
) -> (Plan, usize) {
    let end = if keep_after {
        from + Duration::days(7 * weeks.len().max(1) as i64 - 1)
    } else {
        NaiveDate::MAX
    };
    let race = plan.race.as_ref().map(|r| r.date);
    let mut out = plan.clone();
    let before = out.sessions.len();
    out.sessions.retain(|s| {
        !(s.date >= from
            && s.date <= end
            && (!keep_after || Some(s.date) != race)
            && s.status == Status::Planned
            && matches!(s.activity, Activity::Run { .. }))
    });
    let replaced = before - out.sessions.len();
    for w in weeks {
        for (date, minutes, note) in &w.sessions {
            let mut s = Session::new(
                *date,
                Activity::Run {
                    kind: RunKind::Easy,
                    km: None,
                    minutes: Some(*minutes),
                    rpe: 3,
                    surface: Surface::Road,
                    footwear: Footwear::Shoes,
                },
            );
            s.note = note.clone();
            out.sessions.push(s);
        }
    }
    out.blocks
        .retain(|b| !(b.name == RETURN_BLOCK && b.start == from));
    out.blocks.push(Block {
        name: RETURN_BLOCK.into(),
        start: from,
        weeks: weeks.len() as u32,
        phase: Phase::Recovery,
    });
    out.canonicalize();
    if calf && let Some(p) = crate::calf::refresh(&out, from) {
        out = p;
    }
    (out, replaced)
}

/// The name of the block a return adds.
pub const RETURN_BLOCK: &str = "Return to running";
