//! Matching: what each activity would do to the plan, and the plan with it done.

use super::*;

/// What an activity would do to the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Attach to this planned session (index into `plan.sessions`).
    Attach(usize),
    /// Two or more planned sessions fit: the user chooses (or adds it as unplanned).
    Choose(Vec<usize>),
    /// Nothing planned fits: add it as an unplanned session.
    Unplanned,
    /// Already in the plan (this session has it): nothing to do.
    Duplicate(usize),
    /// Left out, with why.
    Ignore(String),
}

/// One activity and what it would do.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The activity.
    pub activity: Imported,
    /// What it would do; the window lets the user change it.
    pub decision: Decision,
    /// Effort to record: from the file, else the planned session's (the window asks).
    pub rpe: Option<u8>,
}

/// Whether a planned session is the same kind as an activity.
fn same_kind(s: &Session, sport: Sport) -> bool {
    match (&s.activity, sport) {
        (Activity::Run { .. }, Sport::Run) => true,
        (Activity::Cross { kind, .. }, Sport::Cross(k)) => *kind == k,
        _ => false,
    }
}

/// Whether planned session `i` could be activity `a`: the same kind, not done, nothing
/// attached, not taken by another activity of this import.
fn open(i: usize, s: &Session, a: &Imported, taken: &std::collections::HashSet<usize>) -> bool {
    s.actual.is_none() && s.status != Status::Done && same_kind(s, a.sport) && !taken.contains(&i)
}

/// One held activity under its file's name: its start, distance and value.
type HeldEntry<T> = (Option<NaiveDateTime>, Option<f64>, T);

/// Activities already held (by the plan, or earlier in this import), found by their start
/// minute or their file's name in constant time: matching stays linear however many
/// activities and sessions there are. Two are the same when they start within a minute of
/// each other, or (without a start time) come from the same file with the same distance.
struct Held<T> {
    by_minute: std::collections::HashMap<i64, Vec<(NaiveDateTime, T)>>,
    by_source: std::collections::HashMap<String, Vec<HeldEntry<T>>>,
}

impl<T: Copy> Held<T> {
    fn new() -> Self {
        Held {
            by_minute: Default::default(),
            by_source: Default::default(),
        }
    }

    fn minute(t: NaiveDateTime) -> i64 {
        t.and_utc().timestamp().div_euclid(60)
    }

    fn add(&mut self, start: Option<NaiveDateTime>, source: &str, km: Option<f64>, v: T) {
        if let Some(t) = start {
            self.by_minute
                .entry(Self::minute(t))
                .or_default()
                .push((t, v));
        }
        self.by_source
            .entry(source.to_string())
            .or_default()
            .push((start, km, v));
    }

    fn find(&self, a: &Imported) -> Option<T> {
        let same_file = |start_ok: &dyn Fn(Option<NaiveDateTime>) -> bool| {
            self.by_source.get(&a.source).and_then(|v| {
                v.iter()
                    .find(|(s, km, _)| {
                        start_ok(*s) && km.zip(a.km).is_none_or(|(x, y)| (x - y).abs() < 0.05)
                    })
                    .map(|e| e.2)
            })
        };
        match a.start {
            Some(t) => {
                let m = Self::minute(t);
                (m - 1..=m + 1)
                    .filter_map(|k| self.by_minute.get(&k))
                    .flatten()
                    .find(|(x, _)| (*x - t).num_seconds().abs() <= 60)
                    .map(|e| e.1)
                    // Held without a start time: the same file and distance.
                    .or_else(|| same_file(&|s| s.is_none()))
            }
            None => same_file(&|_| true),
        }
    }
}

/// Decides what each activity would do: duplicates of what the plan (or this import)
/// already holds, the one planned session of the same day and kind, a choice when there
/// are several, an unplanned session when there is none. Each activity is judged on its
/// own: one that cannot be right ([`Imported::implausible`], or a date that would stretch
/// the plan past its 30 years) is left out with the reason, the rest go on. Linear in the
/// activities and sessions (sessions are looked up by day, held activities by minute).
pub fn preview(plan: &Plan, activities: Vec<Imported>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut taken: std::collections::HashSet<usize> = Default::default();
    let span = plan.date_range();
    let mut in_plan: Held<usize> = Held::new();
    let mut by_day: std::collections::HashMap<NaiveDate, Vec<usize>> = Default::default();
    for (i, s) in plan.sessions.iter().enumerate() {
        if let Some(x) = &s.actual {
            in_plan.add(x.start, &x.source, x.km, i);
        }
        by_day.entry(s.date).or_default().push(i);
    }
    let mut in_import: Held<()> = Held::new();
    let open_on = |day: NaiveDate, a: &Imported, taken: &std::collections::HashSet<usize>| {
        by_day
            .get(&day)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| open(i, &plan.sessions[i], a, taken))
            .collect::<Vec<usize>>()
    };
    for a in activities {
        let planned_rpe = |i: usize| match plan.sessions[i].activity {
            Activity::Run { rpe, .. } | Activity::Cross { rpe, .. } => Some(rpe),
            _ => None,
        };
        if let Some(i) = in_plan.find(&a) {
            items.push(Item {
                activity: a,
                decision: Decision::Duplicate(i),
                rpe: None,
            });
            continue;
        }
        if in_import.find(&a).is_some() {
            items.push(Item {
                activity: a,
                decision: Decision::Ignore("the same activity is in this import twice".into()),
                rpe: None,
            });
            continue;
        }
        let too_long = span.is_some_and(|(lo, hi): (NaiveDate, NaiveDate)| {
            (hi.max(a.date) - lo.min(a.date)).num_days() > crate::model::MAX_SPAN_YEARS * 366
        });
        if let Some(why) = a.implausible().or_else(|| {
            too_long.then(|| {
                format!(
                    "its date, {}, would stretch the plan over more than {} years (a watch with its clock unset?)",
                    a.date,
                    crate::model::MAX_SPAN_YEARS
                )
            })
        }) {
            items.push(Item {
                activity: a,
                decision: Decision::Ignore(why),
                rpe: None,
            });
            continue;
        }
        let actual = to_actual(&a, None, false);
        in_import.add(actual.start, &actual.source, actual.km, ());
        let candidates = open_on(a.date, &a, &taken);
        let (decision, rpe) = match candidates.as_slice() {
            [] => (Decision::Unplanned, a.rpe),
            [i] => {
                taken.insert(*i);
                (Decision::Attach(*i), a.rpe.or(planned_rpe(*i)))
            }
            many => (Decision::Choose(many.to_vec()), a.rpe),
        };
        items.push(Item {
            activity: a,
            decision,
            rpe,
        });
    }
    // Nothing planned that day: a planned session of the same kind a day or two away, not
    // done, may be this one (run on Tuesday instead of Monday). Ask rather than add an
    // unplanned session next to a planned one that still counts.
    for it in items.iter_mut() {
        if it.decision != Decision::Unplanned {
            continue;
        }
        let a = &it.activity;
        let mut near: Vec<usize> = (1..=NEARBY_DAYS)
            .flat_map(|k| {
                [
                    a.date - chrono::Duration::days(k),
                    a.date + chrono::Duration::days(k),
                ]
            })
            .flat_map(|d| open_on(d, a, &taken))
            .collect();
        near.sort_by_key(|&i| ((plan.sessions[i].date - a.date).num_days().abs(), i));
        if !near.is_empty() {
            it.decision = Decision::Choose(near);
        }
    }
    items
}

/// How many days from an activity a planned session, not done, is offered for it when
/// nothing of its kind was planned on its own day.
pub const NEARBY_DAYS: i64 = 2;

fn to_actual(a: &Imported, rpe: Option<u8>, unplanned: bool) -> Actual {
    Actual {
        km: a
            .km
            .filter(|k| *k > 0.0)
            .map(|k| (k * 100.0).round() / 100.0),
        minutes: (a.minutes.round() as u32).clamp(1, 1440),
        rpe,
        source: a.source.clone(),
        start: a.start,
        unplanned,
    }
}

/// RPE for an unplanned activity without one: an easy effort (the window asks).
pub const DEFAULT_RPE: u8 = 3;

/// The session an unplanned activity becomes.
fn unplanned_session(a: &Imported, rpe: Option<u8>) -> Session {
    let r = rpe.unwrap_or(DEFAULT_RPE);
    let minutes = (a.minutes.round() as u32).clamp(1, 1440);
    let activity = match a.sport {
        Sport::Run => Activity::Run {
            kind: RunKind::Easy,
            km: a
                .km
                .filter(|k| *k > 0.0)
                .map(|k| (k * 100.0).round() / 100.0),
            minutes: Some(minutes),
            rpe: r,
            surface: Surface::Road,
            footwear: Footwear::Shoes,
        },
        Sport::Cross(kind) => Activity::Cross {
            kind,
            minutes,
            rpe: r,
            calf_work: false,
        },
    };
    Session {
        status: Status::Done,
        actual: Some(to_actual(a, Some(r), true)),
        ..Session::new(a.date, activity)
    }
}

/// What [`apply`] did, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Activities attached to planned sessions.
    pub attached: usize,
    /// Unplanned sessions added.
    pub added: usize,
    /// Activities left: duplicates, ignored, or a choice not made.
    pub left: usize,
    /// Planned runs without an activity marked skipped.
    pub skipped: usize,
}

/// Planned runs the import shows were not run: still planned, nothing attached, on a day
/// from the first to the last activity read (the watch was in use), and not offered to an
/// activity still waiting for a choice. A watch records runs; other sessions (strength,
/// yoga) often are not recorded, so they are left alone.
pub fn missed(plan: &Plan, items: &[Item]) -> Vec<usize> {
    let days = items
        .iter()
        .filter(|it| !matches!(it.decision, Decision::Ignore(_)));
    let (Some(first), Some(last)) = (
        days.clone().map(|it| it.activity.date).min(),
        days.map(|it| it.activity.date).max(),
    ) else {
        return Vec::new();
    };
    let mut taken = vec![false; plan.sessions.len()];
    for it in items {
        let claimed: &[usize] = match &it.decision {
            Decision::Attach(j) | Decision::Duplicate(j) => std::slice::from_ref(j),
            Decision::Choose(c) => c,
            _ => &[],
        };
        for &j in claimed {
            if let Some(t) = taken.get_mut(j) {
                *t = true;
            }
        }
    }
    let claimed = |i: usize| taken[i];
    plan.sessions
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.run().is_some()
                && s.status == Status::Planned
                && s.actual.is_none()
                && s.date >= first
                && s.date <= last
                && !claimed(*i)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The plan with the items applied: attached activities become the sessions' actual
/// numbers (and mark them done), unplanned ones new sessions; choices not made, duplicates
/// and ignored items change nothing. The plan comes back in canonical order.
pub fn apply(plan: &Plan, items: &[Item]) -> (Plan, Applied) {
    apply_marking(plan, items, &[])
}

/// [`apply`], and the sessions `missed` (see [`missed`]) marked skipped.
pub fn apply_marking(plan: &Plan, items: &[Item], missed: &[usize]) -> (Plan, Applied) {
    let mut p = plan.clone();
    let mut n = Applied::default();
    for &i in missed {
        if let Some(s) = p.sessions.get_mut(i)
            && s.status == Status::Planned
            && s.actual.is_none()
        {
            s.status = Status::Skipped;
            n.skipped += 1;
        }
    }
    for it in items {
        match &it.decision {
            Decision::Attach(i) if *i < p.sessions.len() && p.sessions[*i].actual.is_none() => {
                let s = &mut p.sessions[*i];
                s.actual = Some(to_actual(&it.activity, it.rpe, false));
                s.status = Status::Done;
                // Run on another day than planned: the session moves to the day it was run.
                s.date = it.activity.date;
                n.attached += 1;
            }
            Decision::Unplanned => {
                p.sessions.push(unplanned_session(&it.activity, it.rpe));
                n.added += 1;
            }
            _ => n.left += 1,
        }
    }
    p.canonicalize();
    (p, n)
}
