//! Plan vs done: how closely what was run matches what was planned, per session, week and
//! block, by distance, time and load. The colour bands are the ones coaches know from
//! TrainingPeaks' compliance colouring (its support pages): green within ±20 % of the
//! planned time, amber at 50–79 % or 121–150 %, red below 50 %, above 150 % or missed.
//!
//! Only settled sessions count: done (with or without imported numbers), skipped, and
//! unplanned ones done anyway. A session still planned is not yet due, or not recorded.

use crate::model::{Activity, Pace, Plan, Session, Status};

/// A compliance colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    /// Within ±20 % of the plan.
    Green,
    /// 50–79 % or 121–150 % of the plan.
    Amber,
    /// Below 50 %, above 150 %, or missed.
    Red,
}

impl Band {
    /// The band of `done ÷ planned`.
    pub fn of(ratio: f64) -> Band {
        if (0.8..=1.2).contains(&ratio) {
            Band::Green
        } else if (0.5..=1.5).contains(&ratio) {
            Band::Amber
        } else {
            Band::Red
        }
    }

    /// "green", "amber", "red" (CSV, JSON).
    pub fn name(self) -> &'static str {
        match self {
            Band::Green => "green",
            Band::Amber => "amber",
            Band::Red => "red",
        }
    }
}

/// Planned and done amounts of a set of sessions.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// Planned running distance.
    pub planned_km: f64,
    /// Running distance done.
    pub done_km: f64,
    /// Planned minutes (all sessions; runs without minutes at the easy pace).
    pub planned_minutes: f64,
    /// Minutes done.
    pub done_minutes: f64,
    /// Planned session-RPE load.
    pub planned_load: f64,
    /// Session-RPE load done.
    pub done_load: f64,
    /// Settled sessions counted.
    pub sessions: usize,
}

impl Totals {
    /// Done ÷ planned by time (what compliance colours go by), when anything was planned.
    pub fn time_ratio(&self) -> Option<f64> {
        (self.planned_minutes > 0.0).then(|| self.done_minutes / self.planned_minutes)
    }

    /// Done ÷ planned by distance.
    pub fn distance_ratio(&self) -> Option<f64> {
        (self.planned_km > 0.0).then(|| self.done_km / self.planned_km)
    }

    /// Done ÷ planned by load.
    pub fn load_ratio(&self) -> Option<f64> {
        (self.planned_load > 0.0).then(|| self.done_load / self.planned_load)
    }

    /// The band by time, when there is anything settled to judge.
    pub fn band(&self) -> Option<Band> {
        self.time_ratio().map(Band::of)
    }

    fn add(&mut self, o: &Totals) {
        self.planned_km += o.planned_km;
        self.done_km += o.done_km;
        self.planned_minutes += o.planned_minutes;
        self.done_minutes += o.done_minutes;
        self.planned_load += o.planned_load;
        self.done_load += o.done_load;
        self.sessions += o.sessions;
    }
}

/// (km, minutes, load) of a session's numbers as written (planned), or of what was done.
fn amounts(s: &Session, pace: Pace) -> (f64, f64, f64) {
    match &s.activity {
        Activity::Run {
            km, minutes, rpe, ..
        } => {
            let m = minutes
                .map(f64::from)
                .or(km.map(|k| pace.minutes_for(k)))
                .unwrap_or(0.0);
            (km.unwrap_or(0.0), m, m * f64::from(*rpe))
        }
        Activity::Cross { minutes, rpe, .. } => {
            let m = f64::from(*minutes);
            (0.0, m, m * f64::from(*rpe))
        }
        _ => (0.0, 0.0, 0.0),
    }
}

/// A settled session's planned and done amounts; `None` while it is still planned (or
/// rest, or calf work, which the plan does not track against a watch).
pub fn session(s: &Session, pace: Pace) -> Option<Totals> {
    if !matches!(s.activity, Activity::Run { .. } | Activity::Cross { .. }) {
        return None;
    }
    let unplanned = s.actual.as_ref().is_some_and(|a| a.unplanned);
    let settled = s.actual.is_some() || s.status != Status::Planned;
    if !settled {
        return None;
    }
    let (pk, pm, pl) = if unplanned {
        (0.0, 0.0, 0.0)
    } else {
        amounts(s, pace)
    };
    let (dk, dm, dl) = if s.status == Status::Skipped && s.actual.is_none() {
        (0.0, 0.0, 0.0)
    } else {
        amounts(&s.effective(), pace)
    };
    Some(Totals {
        planned_km: pk,
        done_km: dk,
        planned_minutes: pm,
        done_minutes: dm,
        planned_load: pl,
        done_load: dl,
        sessions: 1,
    })
}

/// Totals per Monday–Sunday week from `start` for `weeks` weeks.
pub fn weeks(plan: &Plan, start: chrono::NaiveDate, weeks: usize) -> Vec<Totals> {
    let pace = plan.athlete.easy_pace;
    let mut out = vec![Totals::default(); weeks];
    // Settled sessions first (cheap), then their week (date arithmetic is not).
    for (s, t) in plan
        .sessions
        .iter()
        .filter_map(|s| session(s, pace).map(|t| (s, t)))
    {
        let w = (s.date - start).num_days();
        if w >= 0 && (w as usize / 7) < weeks {
            out[w as usize / 7].add(&t);
        }
    }
    out
}

/// Totals of the sessions from `from` to `to` (inclusive).
pub fn between(plan: &Plan, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Totals {
    let pace = plan.athlete.easy_pace;
    let mut t = Totals::default();
    for s in plan
        .sessions
        .iter()
        .filter(|s| s.date >= from && s.date <= to)
    {
        if let Some(x) = session(s, pace) {
            t.add(&x);
        }
    }
    t
}

/// Totals of the most recent `n` weeks with settled sessions (a roster's "lately").
pub fn recent(plan: &Plan, n: usize) -> Option<Totals> {
    let last = plan
        .sessions
        .iter()
        .filter(|s| session(s, plan.athlete.easy_pace).is_some())
        .map(|s| s.date)
        .max()?;
    let from = crate::model::week_start(last) - chrono::Duration::days(7 * (n as i64 - 1));
    Some(between(plan, from, last))
}

/// Running distance and minutes per Monday–Sunday week from `start`, as planned: every
/// run by its planned numbers, whether done, skipped or still to come; unplanned runs
/// left out. Beside the analysed volume (what was run plus what is still planned) it
/// shows how reality moved the plan.
pub fn planned_running(plan: &Plan, start: chrono::NaiveDate, weeks: usize) -> Vec<(f64, f64)> {
    let pace = plan.athlete.easy_pace;
    let mut out = vec![(0.0, 0.0); weeks];
    for s in &plan.sessions {
        let w = (s.date - start).num_days();
        if w < 0 || w as usize / 7 >= weeks || s.actual.as_ref().is_some_and(|a| a.unplanned) {
            continue;
        }
        if let Activity::Run { km, minutes, .. } = &s.activity {
            let m = minutes
                .map(f64::from)
                .or(km.map(|k| pace.minutes_for(k)))
                .unwrap_or(0.0);
            let o = &mut out[w as usize / 7];
            o.0 += km.unwrap_or(0.0);
            o.1 += m;
        }
    }
    out
}
