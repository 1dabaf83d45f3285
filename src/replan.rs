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

use crate::analysis::headroom::{better_days_from, fit, scale_run, size_text};
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
/// where they raise no warning, one at a time (each move changes the next one's options).
fn shift(p: &mut Plan, from: NaiveDate, changes: &mut Vec<Change>) {
    let placement = |r: Rule| matches!(r, Rule::CalfCrossTraining | Rule::CalfWorkOnRunDay);
    // Each session is tried once, found again by its day and content after a move; the
    // plan is analysed again only when a move changed it.
    let mut tried: Vec<crate::model::Session> = Vec::new();
    let mut report = analyze(p);
    loop {
        let next = p.sessions.iter().enumerate().find_map(|(i, s)| {
            if s.run().is_some() || !open(s, from) || tried.contains(s) {
                return None;
            }
            report
                .warnings
                .iter()
                .find(|w| {
                    w.severity >= Severity::Caution && placement(w.rule) && w.sessions.contains(&i)
                })
                .map(|w| (i, w.message.clone()))
        });
        let Some((i, why)) = next else {
            return;
        };
        tried.push(p.sessions[i].clone());
        let Some(&day) = better_days_from(p, &report, i, from, 1).first() else {
            continue;
        };
        // As a move in the window does it: last on its new day.
        let mut s = p.sessions.remove(i);
        let before = format!("{} on {}", describe(&s), s.date.format("%a %-d %b"));
        let date = s.date;
        s.date = day;
        changes.push(Change {
            date,
            before,
            after: Some(format!("{} on {}", describe(&s), day.format("%a %-d %b"))),
            reason: why,
        });
        tried.push(s.clone());
        p.sessions.push(s);
        p.canonicalize();
        report = analyze(p);
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
        p = fitted.plan;
        let n = changes.len();
        shorten_spikes(&mut p, from, &mut changes);
        if changes.len() == n {
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
