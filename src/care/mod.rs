//! Care: what the article advises when a symptom is logged (treatment), and the return
//! to running after a calf injury (entry criteria, a walk/run ladder by time, a rebuild
//! checked by Gradual's own rules).
//!
//! Everything here is guidance, not diagnosis. The advice follows the article "How To
//! Treat & Prevent Calf Pain From Running"; the return's entry criteria follow clinician
//! consensus (Green et al., Sports Medicine – Open 2022) and the pain-monitoring model
//! (Silbernagel et al., AJSM 2007).

use crate::analysis::{
    ARTICLE, Severity, all_clear_after, analyze, is_all_clear, log_name, needs_all_clear,
};
use crate::model::{
    Activity, Block, Footwear, Phase, Plan, RedFlag, RunKind, Session, Side, Status, Surface,
    Symptom, Thresholds, week_start,
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

pub use crate::analysis::STRAIN_PAIN;

/// What the article advises for `s` on its own, phrased as guidance. [`advice_in`] adds
/// what the plan's earlier logs change about it.
pub fn advice(s: &Symptom) -> Advice {
    let area = s.area.name().to_lowercase();
    let tear = s.flags.iter().any(|f| f.suggests_tear());
    let clot = s.flags.contains(&RedFlag::Swelling) || s.flags.contains(&RedFlag::Redness);
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
        if tear {
            steps.push("A pop, bruising or not being able to bear weight can mean a tear.".into());
        }
        if clot && !tear {
            steps.push(
                "Calf swelling with warmth or redness, above all without an injury, can be a blood clot: see a doctor the same day, and get emergency help for breathlessness or chest pain.".into(),
            );
        }
        steps.extend(rice);
        return Advice {
            care: Care::RedFlag,
            title: format!("Red flag in the {area}: see a professional"),
            steps,
            source: format!(
                "{ARTICLE}: red flags need a doctor or physiotherapist{}",
                if clot && !tear {
                    "; NHS: deep vein thrombosis"
                } else {
                    ""
                }
            ),
        };
    }
    if s.cramp {
        let mut steps = vec![
            "Stretch the calf slowly and massage it until it lets go.".to_string(),
            "If cramps keep coming back, stop and see a doctor.".to_string(),
            "Drink to thirst; on long or hot runs carry fluids.".to_string(),
        ];
        if s.pain >= STRAIN_PAIN {
            steps.push(format!(
                "A cramp can hurt a lot while it lasts. If the pain stays once it has let go, it may be a strain: log it again without \"cramp\" ({}/10 now)."
                ,
                s.pain
            ));
        }
        return Advice {
            care: Care::Cramp,
            title: format!("A cramp in the {area}"),
            steps,
            source: format!("{ARTICLE}: treating cramps"),
        };
    }
    if s.pain >= STRAIN_PAIN && s.area.is_calf() {
        let mut steps = rice;
        steps.push(
            "If it is not getting better with home treatment, see a doctor or physiotherapist."
                .into(),
        );
        steps.push(
            "Do not run through it. Once it has settled, log how it feels (pain 2/10 or less is the all-clear) and come back with Plan > Return to running…"
                .into(),
        );
        return Advice {
            care: Care::Strain,
            title: format!("Possibly a strain ({} pain {}/10): RICE", area, s.pain),
            steps,
            source: format!("{ARTICLE}: treating a strain with RICE"),
        };
    }
    if s.pain >= STRAIN_PAIN {
        return Advice {
            care: Care::Strain,
            title: format!("{} pain {}/10: rest it", s.area.name(), s.pain),
            steps: vec![
                "Rest it and ease off until it settles; do not run through pain.".into(),
                "If it is not getting better in a few days, see a doctor or physiotherapist."
                    .into(),
            ],
            source: ARTICLE.to_string(),
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
            "Mild pain that settles by the next morning counts as safe in the pain-monitoring model (from Achilles tendinopathy, used here by analogy); keep the load where it is if it has.".into(),
            "Log how it feels the next morning; if it is higher, hold the load or ease off.".into(),
            "Warm up before runs (brisk walk, inchworms, butt kicks) and stretch after.".into(),
        ],
        source: format!("Silbernagel et al., AJSM 2007 (pain-monitoring model); {ARTICLE}"),
    }
}

/// The advice for `s` in the plan it is (or is about to be) logged in: the earlier logs
/// that still wait for an all-clear change it. A mild log while a pop has no all-clear
/// says so instead of "keep the load where it is"; a log that is the all-clear for an
/// earlier one says how to come back.
pub fn advice_in(plan: &Plan, s: &Symptom) -> Advice {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    let mut a = advice(s);
    // Earlier logs that protect runs and had no all-clear before this one.
    let earlier: Vec<&Symptom> = plan
        .symptoms
        .iter()
        .filter(|o| *o != s && o.date <= s.date && needs_all_clear(o, &t))
        .filter(|o| {
            !plan.symptoms.iter().any(|c| {
                c != s && c.date > o.date && c.date <= s.date && c.area == o.area && is_all_clear(c)
            })
        })
        .collect();
    let clears = |o: &&Symptom| o.area == s.area && o.date < s.date && is_all_clear(s);
    let (cleared, open): (Vec<&Symptom>, Vec<&Symptom>) = earlier.into_iter().partition(clears);
    if let Some(o) = open.iter().max_by_key(|o| o.date) {
        let named = log_name(o);
        let keep_off = format!(
            "Not cleared yet: {named} has no all-clear. Keep off running on it until a log of the {} with pain 2/10 or less and no flags.",
            o.area.name().to_lowercase()
        );
        if a.care == Care::Monitor {
            a.title = format!(
                "{}; {named} has no all-clear yet",
                a.title.split(':').next().unwrap_or(&a.title)
            );
            a.steps.retain(|x| {
                !x.contains("keep the load where it is") && !x.starts_with("Nothing to treat")
            });
        }
        a.steps.insert(0, keep_off);
    } else if let Some(o) = cleared.iter().max_by_key(|o| o.date) {
        let named = log_name(o);
        a.title = format!("All-clear for {named}");
        let mut steps = vec![
            format!("Pain {}/10 and no flags: this log is the all-clear for {named}.", s.pain),
            "Come back gradually, not at the old volume: Plan > Return to running… checks a calf-raise test first and builds a walk/run start.".to_string(),
        ];
        if cleared
            .iter()
            .any(|o| o.flags.iter().any(|f| f.suggests_tear()))
        {
            steps.push("After a possible tear, run again only once a doctor or physiotherapist has seen it.".into());
        }
        steps.extend(
            a.steps
                .into_iter()
                .filter(|x| !x.starts_with("Nothing to treat")),
        );
        a.steps = steps;
    }
    a
}

/// Logs a symptom in `plan` and reschedules the calf program from its week (a red flag
/// stops it). A log identical to one already there (same day, area, pain, flags, …) is
/// the same log: logging it again changes nothing. Returns whether the program was
/// rescheduled. The window and `gradual symptom` both log through here.
pub fn log_symptom(plan: &mut Plan, s: Symptom) -> bool {
    if plan.symptoms.contains(&s) {
        return false;
    }
    plan.symptoms.push(s);
    plan.symptoms.sort_by_key(|s| s.date);
    match crate::calf::refresh(plan) {
        Some(p) => {
            *plan = p;
            true
        }
        None => false,
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

/// The injured side must manage at least this share of the other leg's calf raises, and
/// of its own test before the injury (Green et al. 2022: asymmetry of 10 % or less).
pub const RETURN_SYMMETRY: f64 = 0.9;

/// Logged pain may be at most this when returning, walking and during the calf-raise test.
pub const RETURN_MAX_PAIN: u8 = 2;

/// Single-leg calf raises the injured side needs before running again, or 90 % of its
/// own result before the injury when that is lower (a sports physiotherapy clinic's
/// line to start jogging; Green et al. 2022 ask 30 for a full return to play).
pub const RETURN_MIN_REPS: u32 = 25;

/// The calf or Achilles injury a return starts from: the latest log on or before `on`
/// that protects the runs after it (a red flag, pain above the line, a strain). Cramps
/// are not injuries.
pub fn injury(plan: &Plan, on: NaiveDate) -> Option<&Symptom> {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    plan.symptoms
        .iter()
        .filter(|s| s.date <= on && s.area.is_calf())
        .filter(|s| needs_all_clear(s, &t))
        .max_by_key(|s| s.date)
}

/// The day a return starts by default: where a return block already built after the
/// latest injury starts; else the day after the latest all-clear log or calf-raise test
/// after that injury; never on or before the injury itself (a test taken before it says
/// nothing about the way back); without an injury, `today`.
pub fn default_from(plan: &Plan, today: NaiveDate) -> NaiveDate {
    let Some(i) = injury(plan, NaiveDate::MAX) else {
        return today;
    };
    if let Some(b) = plan
        .blocks
        .iter()
        .filter(|b| b.name == RETURN_BLOCK && b.start > i.date)
        .max_by_key(|b| b.start)
    {
        return b.start;
    }
    let clear = plan
        .symptoms
        .iter()
        .filter(|s| s.date > i.date && s.area == i.area && is_all_clear(s))
        .map(|s| s.date);
    let tests = plan
        .athlete
        .calf_raise_tests
        .iter()
        .filter(|t| t.date > i.date)
        .map(|t| t.date);
    let after = i.date + Duration::days(1);
    match clear.chain(tests).max() {
        Some(d) => (d + Duration::days(1)).max(after),
        None => today.max(after),
    }
}

/// Why a return cannot start on `from`, if it cannot: the plan has no dates, or `from`
/// is after its last day (a return block goes into the plan's weeks).
pub fn outside_plan(plan: &Plan, from: NaiveDate) -> Option<String> {
    match plan.date_range() {
        None => Some(
            "The plan has no sessions yet: a return block replaces planned runs, so add the weeks to come first."
                .into(),
        ),
        Some((_, last)) if from > last => Some(format!(
            "{from} is after the plan's last day ({last}): a return block goes into the plan's weeks; choose a day up to {last}, or add the weeks first."
        )),
        _ => None,
    }
}

/// Checks the entry criteria for returning to running on `on`.
pub fn criteria(plan: &Plan, on: NaiveDate) -> Vec<Criterion> {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    let mut out = Vec::new();
    // 1. No injury log without an all-clear.
    let open: Vec<&Symptom> = plan
        .symptoms
        .iter()
        .filter(|s| s.date <= on && needs_all_clear(s, &t))
        .filter(|s| all_clear_after(plan, s).is_none_or(|c| c.date > on))
        .collect();
    out.push(Criterion {
        name: "All-clear logged",
        met: open.is_empty(),
        detail: match open.iter().max_by_key(|s| s.date) {
            None => "no red flag, strain or pain above 5/10 without an all-clear".into(),
            Some(s) => format!(
                "{} has no all-clear yet: {}then log how it feels (pain 2 or less, no flags)",
                log_name(s),
                if s.flags.is_empty() {
                    ""
                } else {
                    "see a doctor or physiotherapist, "
                }
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
            met: is_all_clear(s),
            detail: if is_all_clear(s) {
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
    // 3. A calf-raise test after the injury: the injured side back to 90 % of the other
    //    leg and of its own test before the injury, enough reps, and no pain.
    let Some(i) = injury(plan, on) else {
        out.push(Criterion {
            name: "Calf strength",
            met: true,
            detail: "no calf injury logged: no calf-raise test needed".into(),
        });
        return out;
    };
    let test = plan
        .athlete
        .calf_raise_tests
        .iter()
        .filter(|x| x.date <= on && x.date > i.date)
        .max_by_key(|x| x.date);
    let Some(x) = test else {
        out.push(Criterion {
            name: "Calf-raise test after the injury",
            met: false,
            detail: format!(
                "record a calf-raise test taken after {} (both legs' reps and the pain during it)",
                log_name(i)
            ),
        });
        return out;
    };
    out.push(Criterion {
        name: "Calf-raise test after the injury",
        met: true,
        detail: format!("test on {}: left {}, right {}", x.date, x.left, x.right),
    });
    let (hurt, other, side) = match i.side {
        Some(Side::Left) => (x.left, x.right, Side::Left),
        Some(Side::Right) => (x.right, x.left, Side::Right),
        None if x.left <= x.right => (x.left, x.right, Side::Left),
        None => (x.right, x.left, Side::Right),
    };
    let leg = if i.side.is_some() {
        format!("{} leg", side.name())
    } else {
        format!("weaker ({}) leg", side.name())
    };
    let share = |a: u32, b: u32| {
        if b == 0 {
            0.0
        } else {
            f64::from(a) / f64::from(b)
        }
    };
    let s = share(hurt, other);
    out.push(Criterion {
        name: "Both legs alike",
        met: other > 0 && s >= RETURN_SYMMETRY - 1e-9,
        detail: format!(
            "{leg} {hurt} reps vs {other}: {:.0} % (90 % needed)",
            s * 100.0
        ),
    });
    let before = plan
        .athlete
        .calf_raise_tests
        .iter()
        .filter(|b| b.date <= i.date)
        .max_by_key(|b| b.date)
        .map(|b| {
            let reps = if side == Side::Left { b.left } else { b.right };
            (b.date, reps)
        });
    match before {
        Some((d, reps)) => {
            let s = share(hurt, reps);
            out.push(Criterion {
                name: "Back to before the injury",
                met: s >= RETURN_SYMMETRY - 1e-9,
                detail: format!(
                    "{leg} {hurt} reps vs {reps} in the test on {d}, before the injury: {:.0} % (90 % needed)",
                    s * 100.0
                ),
            });
        }
        None => out.push(Criterion {
            name: "Back to before the injury",
            met: true,
            detail: "no test before the injury to compare with".into(),
        }),
    }
    let needed = before.map_or(RETURN_MIN_REPS, |(_, reps)| {
        RETURN_MIN_REPS.min((f64::from(reps) * RETURN_SYMMETRY).ceil() as u32)
    });
    out.push(Criterion {
        name: "Enough reps",
        met: hurt >= needed,
        detail: if needed < RETURN_MIN_REPS {
            format!(
                "{leg} {hurt} reps; {needed} needed (90 % of the test before the injury, which was under {RETURN_MIN_REPS})"
            )
        } else {
            format!("{leg} {hurt} reps; {needed} needed")
        },
    });
    out.push(match x.pain {
        None => Criterion {
            name: "No pain in the test",
            met: false,
            detail: "record the pain felt during the test (2/10 or less to return)".into(),
        },
        Some(p) => Criterion {
            name: "No pain in the test",
            met: p <= RETURN_MAX_PAIN,
            detail: format!("pain {p}/10 during the test ({RETURN_MAX_PAIN}/10 or less needed)"),
        },
    });
    out
}

/// One session of a return block.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnSession {
    /// The day.
    pub date: NaiveDate,
    /// Minutes of running (what the analysis counts).
    pub run_minutes: u32,
    /// Minutes of walking between the running, not counted as running.
    pub walk_minutes: u32,
    /// What to do, and when to move on.
    pub note: String,
}

/// One week of a return block.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnWeek {
    /// The week's first day (7-day steps from the block's start, as the return rule
    /// counts them).
    pub start: NaiveDate,
    /// Its sessions.
    pub sessions: Vec<ReturnSession>,
    /// Walk/run intervals (the first weeks) rather than continuous running.
    pub walk_run: bool,
}

impl ReturnWeek {
    /// The week's running minutes.
    pub fn minutes(&self) -> u32 {
        self.sessions.iter().map(|s| s.run_minutes).sum()
    }

    /// The week's walking minutes (between the running).
    pub fn walk_minutes(&self) -> u32 {
        self.sessions.iter().map(|s| s.walk_minutes).sum()
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

/// The walk/run steps of the first two weeks, session by session: (minutes running in a
/// bout, minutes walking after it).
const WALK_RUN: [(u32, u32); 6] = [(1, 2), (1, 1), (2, 1), (2, 1), (3, 1), (4, 1)];

/// At most this many weeks of rebuilding.
const MAX_WEEKS: usize = 12;

/// The first session's running, in minutes (in 1-minute bouts).
const FIRST_SESSION: u32 = 10;

/// The shortest session the ladder plans, in minutes of running.
const MIN_SESSION: u32 = 5;

/// Running grows by at most this share from one session to the next (under the
/// long-run-spike line of 10 %, whatever the runs before the injury were).
const SESSION_GROWTH: f64 = 0.10;

/// After the first three weeks a week grows by at most this much (under the
/// weekly-increase caution line of 20 %).
const GROWTH: f64 = 1.15;

/// Sessions a week, every other day: days 0, 2 and 4 of each 7-day step (never two days
/// in a row, also across weeks).
const OFFSETS: [i64; 3] = [0, 2, 4];

/// The note of a walk/run session: `run` minutes of running in bouts of `bout`, `walk`
/// minutes of walking after each.
fn walk_run(step: usize, run: u32, bout: u32, walk: u32) -> (u32, String) {
    let bouts = run / bout;
    let rest = run % bout;
    let walking = bouts * walk;
    let then = if rest > 0 {
        format!(", then {rest} min run")
    } else {
        String::new()
    };
    (
        walking,
        format!(
            "Return to running, walk/run step {}: 5 min brisk walk, then {bouts} × ({bout} min run, {walk} min walk){then}: {run} min running and {walking} min walking. Move on only if pain stayed at 3/10 or less and was gone by the next morning; otherwise repeat this step.",
            step + 1
        ),
    )
}

fn continuous_note(week: usize, weeks: usize, run: u32) -> String {
    format!(
        "Return to running, week {week} of {weeks}: 5 min brisk walk, then {run} min of continuous easy running. Move on only if pain stayed at 3/10 or less and was gone by the next morning; otherwise repeat last week."
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

/// The next session's running after one of `prev` minutes: at most +10 %, whole minutes.
fn grow(prev: u32) -> u32 {
    ((f64::from(prev) * (1.0 + SESSION_GROWTH) + 1e-9).floor() as u32).max(prev)
}

/// A return block from `from`: a walk/run ladder by time for two weeks, then continuous
/// easy running, three sessions a week on every other day. Running grows by at most 10 %
/// from one session to the next (walking is counted apart), the first three weeks stay
/// within the return rule's lines (about 50, 70, 85 % of the week before the injury),
/// later weeks grow by at most 15 %, toward the week before the injury. Each week is
/// checked with Gradual's own rules, the weekly increase included, and made shorter if
/// anything reaches caution. Planned runs (and rest days) from `from` to the block's end
/// are replaced (never the goal race: the block ends before its week); done and skipped
/// runs, cross-training and the user's own sessions stay; the calf program is
/// rescheduled alongside.
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
    let mut last_session = 0u32;
    let mut last_week = 0u32;
    for k in 0..max_weeks {
        let start = from + Duration::days(7 * k as i64);
        // The week's cap: the return rule's line for the first three weeks, then at most
        // +15 % a week, never above the week before the injury.
        let cap = match lines.get(k) {
            Some(line) => before * line / 100.0,
            None => (f64::from(last_week) * GROWTH).min(before),
        }
        .floor() as u32;
        let mut scale = 1.0f64;
        loop {
            let mut sessions = Vec::new();
            let mut prev = last_session;
            let mut used = 0u32;
            for (j, d) in OFFSETS.iter().enumerate() {
                let left = (OFFSETS.len() - j) as u32;
                let want = if prev == 0 { FIRST_SESSION } else { grow(prev) };
                let share = cap.saturating_sub(used) / left;
                let run = ((f64::from(want.min(share).max(prev.min(share))) * scale).floor()
                    as u32)
                    .max(MIN_SESSION);
                used += run;
                prev = run;
                let step = k * OFFSETS.len() + j;
                let date = start + Duration::days(*d);
                let (walk, note) = match WALK_RUN.get(step) {
                    Some(&(bout, walk)) => walk_run(step, run, bout, walk),
                    None => (0, String::new()),
                };
                sessions.push(ReturnSession {
                    date,
                    run_minutes: run,
                    walk_minutes: walk,
                    note,
                });
            }
            let week = ReturnWeek {
                start,
                walk_run: k * OFFSETS.len() < WALK_RUN.len(),
                sessions,
            };
            let mut trial = weeks.clone();
            trial.push(week.clone());
            let (p, _) = with_block(plan, from, &trial, false, false);
            // A warning that was not there before this week (a weekly total, a return
            // window reaching into it) is this week's to fix.
            let now = load_warnings(&p);
            let fires = now.iter().any(|w| !accepted.contains(w));
            let floor = week.sessions.iter().all(|s| s.run_minutes <= MIN_SESSION);
            if !fires || floor {
                accepted = now;
                last_week = week.minutes();
                last_session = week.sessions.last().map_or(0, |s| s.run_minutes);
                weeks.push(week);
                break;
            }
            scale *= 0.92;
        }
        if k >= 3 && f64::from(last_week) >= before * 0.95 {
            break;
        }
    }
    let n = weeks.len();
    for (k, w) in weeks.iter_mut().enumerate() {
        for s in w.sessions.iter_mut().filter(|s| s.note.is_empty()) {
            s.note = continuous_note(k + 1, n, s.run_minutes);
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
/// running", and (if `calf`) the calf program rescheduled. A planned rest day on a day
/// the block runs goes too (a day never holds both).
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
    let days: std::collections::BTreeSet<NaiveDate> = weeks
        .iter()
        .flat_map(|w| w.sessions.iter().map(|s| s.date))
        .collect();
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
    out.sessions.retain(|s| {
        !(days.contains(&s.date) && s.status == Status::Planned && s.activity == Activity::Rest)
    });
    for w in weeks {
        for r in &w.sessions {
            let mut s = Session::new(
                r.date,
                Activity::Run {
                    kind: RunKind::Easy,
                    km: None,
                    minutes: Some(r.run_minutes),
                    rpe: 3,
                    surface: Surface::Road,
                    footwear: Footwear::Shoes,
                },
            );
            s.note = r.note.clone();
            out.sessions.push(s);
        }
    }
    out.blocks
        .retain(|b| !(b.name == RETURN_BLOCK && b.start == from));
    if !weeks.is_empty() {
        out.blocks.push(Block {
            name: RETURN_BLOCK.into(),
            start: from,
            weeks: weeks.len() as u32,
            phase: Phase::Recovery,
        });
    }
    out.canonicalize();
    if calf && let Some(p) = crate::calf::refresh(&out) {
        out = p;
    }
    (out, replaced)
}

/// The name of the block a return adds.
pub const RETURN_BLOCK: &str = "Return to running";
