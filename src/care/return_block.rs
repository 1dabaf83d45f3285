//! The return-to-running block: walk/run, then continuous running, rebuilt gradually
//! toward the minutes run before the injury.

use super::*;

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
            let week = week_of(k, start, cap, last_session, scale);
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
    let (block_warnings, after_warnings) = judged(plan, from, &weeks, &new_plan);
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

/// Week `k` of a return block, starting on `start`: three sessions growing about 10 %
/// from `last_session` (the previous week's last), sharing at most `cap` minutes, all
/// scaled by `scale` (the sizing loop's step down); walk/run while the steps last.
fn week_of(k: usize, start: NaiveDate, cap: u32, last_session: u32, scale: f64) -> ReturnWeek {
    let mut sessions = Vec::new();
    let mut prev = last_session;
    let mut used = 0u32;
    for (j, d) in OFFSETS.iter().enumerate() {
        let left = (OFFSETS.len() - j) as u32;
        let want = if prev == 0 { FIRST_SESSION } else { grow(prev) };
        let share = cap.saturating_sub(used) / left;
        let run = ((f64::from(want.min(share).max(prev.min(share))) * scale).floor() as u32)
            .max(MIN_SESSION);
        used += run;
        prev = run;
        let step = k * OFFSETS.len() + j;
        let (walk, note) = match WALK_RUN.get(step) {
            Some(&(bout, walk)) => walk_run(step, run, bout, walk),
            None => (0, String::new()),
        };
        sessions.push(ReturnSession {
            date: start + Duration::days(*d),
            run_minutes: run,
            walk_minutes: walk,
            note,
        });
    }
    ReturnWeek {
        start,
        walk_run: k * OFFSETS.len() < WALK_RUN.len(),
        sessions,
    }
}

/// The load warnings of the block judged on its own (without the plan's runs after it),
/// and those the plan after it adds about the step back into it.
fn judged(
    plan: &Plan,
    from: NaiveDate,
    weeks: &[ReturnWeek],
    new_plan: &Plan,
) -> (Vec<crate::analysis::Warning>, Vec<crate::analysis::Warning>) {
    let (alone, _) = with_block(plan, from, weeks, false, false);
    let block_warnings: Vec<_> = analyze(&alone)
        .warnings
        .into_iter()
        .filter(|w| w.severity >= Severity::Caution && w.date >= week_start(from))
        .filter(|w| is_load_rule(w.rule))
        .collect();
    let end = from + Duration::days(7 * weeks.len().max(1) as i64 - 1);
    let after_warnings = analyze(new_plan)
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
    (block_warnings, after_warnings)
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
