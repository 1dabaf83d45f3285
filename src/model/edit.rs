//! Edits of a plan that are more than setting a field: sessions kept in date order with
//! their indices followed, weeks inserted and removed (later dates, blocks and the race
//! move with them), a recovery week, a session scaled. `Document::apply` dispatches to
//! these; they are tested on their own (`tests/document.rs`).

use super::{Activity, Block, Plan, Session, week_start};
use chrono::{Duration, NaiveDate};

/// How [`Session::scale`] rounds: to the nearest 0.1 km and minute (a block scaled by
/// hand, a recovery week), or down (a week fitted to its headroom stays within it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest.
    Nearest,
    /// Down.
    Down,
}

impl Session {
    /// Scales the session's distance and duration by `f`: a run's km (to 0.1) and
    /// minutes, cross-training's minutes; never below 0.1 km or 1 minute. Calf work,
    /// tests and rest are left as they are.
    pub fn scale(&mut self, f: f64, rounding: Rounding) {
        let round = |x: f64| match rounding {
            Rounding::Nearest => x.round(),
            // A product that should be exact (4.4 × 1.0) must not lose a step.
            Rounding::Down => (x + 1e-9).floor(),
        };
        match &mut self.activity {
            Activity::Run { km, minutes, .. } => {
                if let Some(k) = km {
                    *k = (round(*k * f * 10.0) / 10.0).max(0.1);
                }
                if let Some(m) = minutes {
                    *m = (round(f64::from(*m) * f) as u32).max(1);
                }
            }
            Activity::Cross { minutes, .. } => {
                *minutes = (round(f64::from(*minutes) * f) as u32).max(1);
            }
            _ => {}
        }
    }
}

/// A run's minutes after its distance changes from `old_km` to `new_km`, at the same pace
/// (5 km in 30 minutes made 12 km: 72 minutes, not 12 km in 30 minutes at 2:30/km), within
/// the minutes a session may have; the minutes as they are when the run gives none, or had
/// no distance before, or has none now.
pub fn minutes_keeping_pace(
    minutes: Option<u32>,
    old_km: Option<f64>,
    new_km: Option<f64>,
) -> Option<u32> {
    match (minutes, old_km, new_km) {
        (Some(m), Some(old), Some(new)) if old > 0.0 && new > 0.0 => {
            let range = super::limits::MINUTES;
            let kept = (f64::from(m) * new / old).round() as u32;
            Some(kept.clamp(*range.start(), *range.end()))
        }
        _ => minutes,
    }
}

impl Plan {
    /// The sessions on `date` as a range of indices into `sessions`, found by binary
    /// search: the sessions must be in date order ([`Plan::sort_sessions`]; the document
    /// and saved files keep them so).
    pub fn day_range(&self, date: NaiveDate) -> std::ops::Range<usize> {
        let a = self.sessions.partition_point(|s| s.date < date);
        let b = self.sessions.partition_point(|s| s.date <= date);
        a..b
    }

    /// Sorts sessions by date (stable: the order within a day stays) and returns where
    /// each old index went.
    pub fn sort_sessions(&mut self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.sessions.len()).collect();
        order.sort_by_key(|&i| self.sessions[i].date);
        let mut old_to_new = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            old_to_new[old] = new;
        }
        let mut slots: Vec<Option<Session>> = std::mem::take(&mut self.sessions)
            .into_iter()
            .map(Some)
            .collect();
        self.sessions = order
            .iter()
            .map(|&i| slots[i].take().expect("each index once"))
            .collect();
        old_to_new
    }

    /// Adds sessions after the others on their days; returns their new indices.
    pub fn append_sessions(&mut self, sessions: Vec<Session>) -> Vec<usize> {
        let first = self.sessions.len();
        let n = sessions.len();
        self.sessions.extend(sessions);
        let map = self.sort_sessions();
        (first..first + n).map(|i| map[i]).collect()
    }

    /// Moves every session and the race on or after `from` by `days`.
    pub fn shift_from(&mut self, from: NaiveDate, days: i64) {
        let d = Duration::days(days);
        for s in self.sessions.iter_mut().filter(|s| s.date >= from) {
            s.date += d;
        }
        if let Some(r) = self.race.as_mut().filter(|r| r.date >= from) {
            r.date += d;
        }
    }

    /// Inserts an empty week at the week of `day`: later sessions, the race and later
    /// blocks move a week later; a block running through it gets a week longer.
    pub fn insert_week(&mut self, day: NaiveDate) {
        let week = week_start(day);
        self.shift_from(week, 7);
        for b in self.blocks.iter_mut() {
            if b.start >= week {
                b.start += Duration::days(7);
            } else if b.last_day() >= week {
                b.weeks += 1;
            }
        }
    }

    /// Removes the week of `day`: its sessions go, later ones (and the race, and later
    /// blocks) move a week earlier; a block loses the week, and one left with no weeks
    /// goes.
    pub fn remove_week(&mut self, day: NaiveDate) {
        let week = week_start(day);
        let end = week + Duration::days(7);
        self.sessions.retain(|s| s.date < week || s.date >= end);
        self.shift_from(end, -7);
        self.blocks.retain_mut(|b| {
            if b.start >= end {
                b.start -= Duration::days(7);
            } else if b.start <= week && b.last_day() >= week {
                b.weeks -= 1;
            } else if b.start > week {
                // Starts mid-week inside the removed week: keep it, from the next Monday on.
                b.start = week;
                b.weeks -= 1;
            }
            b.weeks > 0
        });
    }

    /// Adds a recovery week at the end of block `n`: later dates move a week, and the new
    /// week repeats the block's last week (the user's sessions, not generated calf work)
    /// at 70 % of its distance and time. `false` when there is no such block.
    pub fn insert_recovery_week(&mut self, n: usize) -> bool {
        let Some(b) = self.blocks.get(n).cloned() else {
            return false;
        };
        let monday = week_start(b.last_day() + Duration::days(1));
        let last_week: Vec<Session> = self
            .sessions
            .iter()
            .filter(|s| s.date >= monday - Duration::days(7) && s.date < monday && !s.generated)
            .cloned()
            .collect();
        self.shift_from(monday, 7);
        for other in self.blocks.iter_mut().filter(|o| o.start >= monday) {
            other.start += Duration::days(7);
        }
        self.blocks[n].weeks += 1;
        let easier = last_week.into_iter().map(|mut s| {
            s.date += Duration::days(7);
            s.scale(RECOVERY_SHARE, Rounding::Nearest);
            s
        });
        self.sessions.extend(easier);
        self.sort_sessions();
        true
    }

    /// Adds blocks with their sessions (a block template chained after the last block).
    pub fn add_blocks(&mut self, blocks: Vec<Block>, sessions: Vec<Session>) {
        self.blocks.extend(blocks);
        self.blocks.sort_by_key(|b| b.start);
        self.sessions.extend(sessions);
        self.sort_sessions();
    }
}

/// A recovery week holds this share of the week before it.
pub const RECOVERY_SHARE: f64 = 0.7;

#[cfg(test)]
mod pace_tests {
    use super::minutes_keeping_pace as keep;

    #[test]
    fn a_new_distance_keeps_the_pace() {
        assert_eq!(keep(Some(30), Some(5.0), Some(12.0)), Some(72));
        assert_eq!(
            keep(Some(37), Some(6.4), Some(3.2)),
            Some(19),
            "18.5 rounds to 19"
        );
        // Nothing to keep: no minutes, no distance before, or a time-only run now.
        assert_eq!(keep(None, Some(5.0), Some(12.0)), None);
        assert_eq!(keep(Some(30), None, Some(5.0)), Some(30));
        assert_eq!(keep(Some(30), Some(5.0), None), Some(30));
        // Within what a session may hold.
        assert_eq!(keep(Some(1000), Some(1.0), Some(300.0)), Some(1440));
        assert_eq!(keep(Some(1), Some(300.0), Some(0.1)), Some(1));
    }
}
