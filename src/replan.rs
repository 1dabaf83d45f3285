//! Re-plan after reality: when sessions were missed, a week ran bigger or smaller than
//! planned, or a symptom was logged, change the coming weeks so that every rule is back
//! below `caution` — without making up what was missed, and keeping the race date.
//!
//! Three kinds of change, each with its reason:
//! - **drop**: every run planned while an injury log (a red flag, calf pain above 5/10, a
//!   strain) has no all-clear; the calf program stops on its own (see `calf`), and the
//!   return window plans the way back once the criteria are met;
//! - **ease**: a quality run in the first two weeks after an all-clear becomes an easy
//!   run of the same size;
//! - **shift**: cross-training or calf work that loads the calves right before a run (or
//!   shares a run's day) moves to the nearest day, within three, where it raises no
//!   warning (`analysis::headroom::better_days`, the inspector's "Move to" buttons);
//! - **shorten**: every week over its headroom is scaled down to it in date order (see
//!   `analysis::headroom::fit`), so a smaller week than planned does not turn the next one
//!   into a catch-up spike; a run still a long-run spike after that (longer than an
//!   earlier run of its week) is shortened to the most it may be.
//!
//! Sessions before `from`, and sessions done, are never touched. What neither change can
//! fix (calf imbalance, barefoot running, a shape within a week) is reported, not hidden.

use crate::analysis::headroom::{fit, scale_run, size_text};
use crate::analysis::{Rule, Severity, analyze, describe};
use crate::model::{Plan, Status, week_start};
use chrono::NaiveDate;

/// One change to a session.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The session's day.
    pub date: NaiveDate,
    /// The session as planned: "Long run 16 km".
    pub before: String,
    /// What it becomes ("Long run 13.9 km"), or `None` when it is dropped.
    pub after: Option<String>,
    /// Why.
    pub reason: String,
}

/// What [`replan`] proposes.
#[derive(Clone, Debug, PartialEq)]
pub struct Replan {
    /// The plan with the changes made.
    pub plan: Plan,
    /// The changes, by date.
    pub changes: Vec<Change>,
    /// Warnings at caution or above from `from` on that the re-plan cannot fix.
    pub left: Vec<String>,
}

/// Whether a session is one the re-plan may change: on or after `from`, not done.
fn open(s: &crate::model::Session, from: NaiveDate) -> bool {
    s.date >= from && s.status != Status::Done && s.actual.is_none()
}

/// Moves calf-loading sessions placed before (or on the day of) a run to the nearest day
/// where they raise no warning, in date order.
///
/// Linear in the plan: the only rules that name such a session ([`Rule::is_placement`])
/// read its own day and the next one, and runs never move here, so one move does not
/// change whether another session is misplaced or where it may go. Each session is judged on a plan of
/// just those two days (the warning's words included, which name the day's other calf-
/// loading sessions as they are after earlier moves), not by analysing the whole plan
/// again for every move and every day it tries.
fn shift(p: &mut Plan, from: NaiveDate, changes: &mut Vec<Change>) {
    let misplaced = |p: &Plan| -> Vec<usize> {
        let report = analyze(p);
        (0..p.sessions.len())
            .filter(|&i| {
                let s = &p.sessions[i];
                s.run().is_none()
                    && open(s, from)
                    && report.warnings.iter().any(|w| {
                        w.severity >= Severity::Caution
                            && w.rule.is_placement()
                            && w.sessions.contains(&i)
                    })
            })
            .collect()
    };
    let mut candidates = misplaced(p);
    if candidates.is_empty() {
        return;
    }
    // As the window keeps them: by date, in file order within a day.
    if !p.sessions.is_sorted_by_key(|s| s.date) {
        p.canonicalize();
        candidates = misplaced(p);
    }
    let mut days = Days::new(p);
    let mut tried: Vec<crate::model::Session> = Vec::new();
    let mut moved: Vec<usize> = Vec::new();
    for i in candidates {
        if tried.contains(&p.sessions[i]) {
            continue;
        }
        tried.push(p.sessions[i].clone());
        let date = p.sessions[i].date;
        // Still misplaced, and the warning's words as they are now.
        let Some(why) = days.placement_warning(p, i, date) else {
            continue;
        };
        let Some(day) = [1i64, -1, 2, -2, 3, -3]
            .into_iter()
            .map(|k| date + chrono::Duration::days(k))
            .filter(|d| crate::model::date_in_range(*d) && *d >= from)
            .find(|&d| days.placement_warning(p, i, d).is_none())
        else {
            continue;
        };
        let before = format!(
            "{} on {}",
            describe(&p.sessions[i]),
            date.format("%a %-d %b")
        );
        days.moved(i, date, day);
        p.sessions[i].date = day;
        changes.push(Change {
            date,
            before,
            after: Some(format!(
                "{} on {}",
                describe(&p.sessions[i]),
                day.format("%a %-d %b")
            )),
            reason: why,
        });
        tried.push(p.sessions[i].clone());
        moved.push(i);
    }
    // As a move in the window does it: last on its new day, in the order of the moves.
    let mut rank = vec![0usize; p.sessions.len()];
    for (k, &i) in moved.iter().enumerate() {
        rank[i] = k + 1;
    }
    let mut order: Vec<usize> = (0..p.sessions.len()).collect();
    order.sort_by_key(|&i| (p.sessions[i].date, rank[i]));
    let mut sessions: Vec<Option<crate::model::Session>> = std::mem::take(&mut p.sessions)
        .into_iter()
        .map(Some)
        .collect();
    p.sessions = order
        .into_iter()
        .map(|i| sessions[i].take().expect("each index once"))
        .collect();
}

/// The plan's sessions by day, kept as moves change them, and a plan of two days to judge
/// one session's place on.
struct Days {
    by_day: std::collections::BTreeMap<NaiveDate, Vec<usize>>,
    /// The plan without sessions, blocks, race or logs: what the two-day plans share.
    empty: Plan,
}

impl Days {
    fn new(p: &Plan) -> Self {
        let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<usize>> = Default::default();
        for (i, s) in p.sessions.iter().enumerate() {
            by_day.entry(s.date).or_default().push(i);
        }
        let empty = Plan {
            format: p.format,
            name: p.name.clone(),
            athlete: p.athlete.clone(),
            race: None,
            blocks: Vec::new(),
            sessions: Vec::new(),
            symptoms: Vec::new(),
            calf_program: None,
            settings: p.settings.clone(),
        };
        Self { by_day, empty }
    }

    fn moved(&mut self, i: usize, from: NaiveDate, to: NaiveDate) {
        if let Some(v) = self.by_day.get_mut(&from) {
            v.retain(|&j| j != i);
        }
        self.by_day.entry(to).or_default().push(i);
    }

    /// The placement warning at caution or above that names session `i` on `day` (where it
    /// is on its own day, last on another, as a move puts it), with the plan's other
    /// sessions where they are now; `None` when it would be in none.
    fn placement_warning(&self, p: &Plan, i: usize, day: NaiveDate) -> Option<String> {
        let mut local = self.empty.clone();
        let mut me = None;
        for d in [day, day + chrono::Duration::days(1)] {
            for &j in self.by_day.get(&d).into_iter().flatten() {
                if j == i {
                    me = Some(local.sessions.len());
                }
                local.sessions.push(p.sessions[j].clone());
            }
            if d == day && me.is_none() {
                let mut s = p.sessions[i].clone();
                s.date = day;
                me = Some(local.sessions.len());
                local.sessions.push(s);
            }
        }
        let me = me.expect("placed");
        analyze(&local)
            .warnings
            .into_iter()
            .find(|w| w.severity >= Severity::Caution && w.sessions.contains(&me))
            .map(|w| w.message)
    }
}

/// Proposes the changes from `from` on (see the module's documentation).
pub fn replan(plan: &Plan, from: NaiveDate) -> Replan {
    let mut p = plan.clone();
    let mut changes = Vec::new();
    // Drop: every run before-all-clear protects (after a red flag, pain above the line or
    // a strain, until an all-clear), from `from` on, not only the first week's.
    let report = analyze(&p);
    let mut drop: Vec<(usize, String)> = Vec::new();
    for w in report
        .warnings
        .iter()
        .filter(|w| w.rule == Rule::BeforeAllClear && w.severity >= Severity::Caution)
    {
        for &i in &w.sessions {
            let s = &p.sessions[i];
            if s.run().is_some() && open(s, from) && !drop.iter().any(|(j, _)| *j == i) {
                drop.push((i, w.message.clone()));
            }
        }
    }
    // Ease: a quality run in the first days after an all-clear becomes an easy run of the
    // same size (the way back starts easy).
    let mut eased = 0;
    for w in report
        .warnings
        .iter()
        .filter(|w| w.rule == Rule::NewIntensity && w.message.contains("after the all-clear"))
    {
        for &i in &w.sessions {
            let s = &mut p.sessions[i];
            if !open(s, from) || drop.iter().any(|(j, _)| *j == i) {
                continue;
            }
            let before = describe(s);
            if let crate::model::Activity::Run { kind, rpe, .. } = &mut s.activity {
                *kind = crate::model::RunKind::Easy;
                *rpe = (*rpe).min(4);
            }
            changes.push(Change {
                date: s.date,
                before,
                after: Some(describe(s)),
                reason: w.message.clone(),
            });
            eased += 1;
        }
    }
    if eased > 0 {
        p.canonicalize();
    }
    drop.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
    for (i, why) in drop {
        let s = p.sessions.remove(i);
        changes.push(Change {
            date: s.date,
            before: describe(&s),
            after: None,
            reason: why,
        });
    }
    shift(&mut p, from, &mut changes);
    // Shorten: every week over its headroom, in date order, the past left alone (a run
    // scaled to a token jog is dropped instead); then single runs that are still spikes.
    // Shortening a run lowers what later weeks are compared with, so fit again until
    // nothing changes (a few rounds at most).
    let last = p.date_range().map_or(from, |(_, hi)| hi);
    for _ in 0..4 {
        let fitted = fit(&p, from, last);
        for e in &fitted.edits {
            let week = fitted
                .changed
                .iter()
                .find(|c| c.start == week_start(e.date));
            let reason = match week {
                Some(c) => format!(
                    "the week of {} down to {} so it stays within its headroom ({})",
                    c.start,
                    size_text(c.after, c.by_time),
                    c.limit
                ),
                None => e.reason.clone(),
            };
            changes.push(Change {
                date: e.date,
                before: e.before.clone(),
                after: e.after.clone(),
                reason: if e.after.is_none() {
                    format!("too short to be worth running once {reason}")
                } else {
                    reason
                },
            });
        }
        // A fit that dropped runs can move a break's first run back, and with it the
        // return rule's windows: fit again until a round changes nothing.
        let fitted_any = !fitted.edits.is_empty();
        p = fitted.plan;
        let n = changes.len();
        shorten_spikes(&mut p, from, &mut changes);
        if changes.len() == n && !fitted_any {
            break;
        }
    }
    merge(&mut changes);
    changes.sort_by_key(|c| c.date);
    let after = analyze(&p);
    let left = after
        .warnings
        .iter()
        .filter(|w| w.severity >= Severity::Caution && w.date >= from)
        .map(|w| format!("{} {}: {}", w.date, w.rule.id(), w.message))
        .collect();
    Replan {
        plan: p,
        changes,
        left,
    }
}

/// Folds a later change of a session into its earlier one (fitted, then shortened
/// again): one change per session, from what was planned to what it becomes, with the
/// last reason.
fn merge(changes: &mut Vec<Change>) {
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    for c in changes.drain(..) {
        match out
            .iter_mut()
            .rev()
            .find(|o| o.date == c.date && o.after.as_deref() == Some(c.before.as_str()))
        {
            Some(o) => {
                o.after = c.after;
                o.reason = c.reason;
            }
            None => out.push(c),
        }
    }
    *changes = out;
}

/// Shortens every run still to come that is a long-run spike after the weeks are fitted
/// (a run far longer than an earlier one in its week, which scaling the week keeps) to the
/// most it may be, in date order: less running fixes it, so it is not left as "not fixed".
fn shorten_spikes(p: &mut Plan, from: NaiveDate, changes: &mut Vec<Change>) {
    let mut done: Vec<NaiveDate> = Vec::new();
    loop {
        let report = analyze(p);
        let next = report
            .warnings
            .iter()
            .filter(|w| w.rule == Rule::LongRunSpike && w.severity >= Severity::Caution)
            .flat_map(|w| w.sessions.iter().copied())
            .filter(|&i| open(&p.sessions[i], from) && !done.contains(&p.sessions[i].date))
            .min_by_key(|&i| p.sessions[i].date);
        let Some(i) = next else {
            return;
        };
        done.push(p.sessions[i].date);
        let Some(limit) = report.run_limits.get(i).cloned().flatten() else {
            continue;
        };
        let s = &mut p.sessions[i];
        let before = describe(s);
        // Just under the limit, rounded down as a fit rounds.
        scale_run(s, (limit.limit / limit.size).min(1.0));
        changes.push(Change {
            date: s.date,
            before,
            after: Some(describe(s)),
            reason: format!(
                "a single run at most +10 % over the longest of the 30 days before it ({})",
                size_text(limit.over, limit.by_time)
            ),
        });
    }
}
