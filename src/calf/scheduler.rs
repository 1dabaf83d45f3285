//! The scheduler: what it works around ([`Ground`], gathered once), and its state from
//! one week to the next ([`Scheduler`]), which climbs the ladder a week at a time.

use super::*;
use crate::model::{CALF_STAGES, RunKind};
use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// A session the scheduler made and may replace: generated calf work that is still only
/// planned (done or skipped ones are history, and stay).
pub(super) fn is_replaceable(s: &Session) -> bool {
    s.generated && s.activity.is_calf_work() && s.status == Status::Planned
}

/// A span of days the program treats differently because of a symptom log: from the log
/// until its all-clear log (same area, pain ≤ 2, no flags).
struct Span {
    from: NaiveDate,
    until: Option<NaiveDate>,
    why: String,
}

impl Span {
    fn covers(&self, d: NaiveDate) -> bool {
        self.from <= d && self.until.is_none_or(|u| d < u)
    }
}

/// Stops (a red flag or calf/Achilles pain above the line: no calf work) and holds (a
/// strain at 4–5/10: the dose held, not progressed), each until an all-clear.
fn spans(plan: &Plan, t: &Thresholds) -> (Vec<Span>, Vec<Span>) {
    let span = |s: &crate::model::Symptom| {
        let what = if s.flags.is_empty() {
            format!("{} pain {}/10", s.area.name().to_lowercase(), s.pain)
        } else {
            let flags: Vec<_> = s.flags.iter().map(|f| f.name()).collect();
            format!("{} ({})", s.area.name().to_lowercase(), flags.join(", "))
        };
        Span {
            from: s.date,
            until: crate::analysis::all_clear_after(plan, s).map(|c| c.date),
            why: format!("{what} logged on {}", s.date),
        }
    };
    let mut stops: Vec<Span> = plan
        .symptoms
        .iter()
        .filter(|s| crate::analysis::stops_running(s, t))
        .map(span)
        .collect();
    stops.sort_by_key(|s| s.from);
    let mut holds: Vec<Span> = plan
        .symptoms
        .iter()
        .filter(|s| crate::analysis::is_strain(s, t))
        .map(span)
        .collect();
    holds.sort_by_key(|s| s.from);
    (stops, holds)
}

/// Next-morning calf or Achilles pain higher than the previous log of that area: the
/// pain-monitoring model's sign to hold the load (Silbernagel et al. 2007). Cramps are
/// not counted.
fn rising_mornings(plan: &Plan) -> Vec<(NaiveDate, u8, u8)> {
    let mut out = Vec::new();
    for area in [
        crate::model::BodyArea::Calf,
        crate::model::BodyArea::Achilles,
    ] {
        let mut logs: Vec<&crate::model::Symptom> = plan
            .symptoms
            .iter()
            .filter(|s| s.area == area && !s.cramp)
            .collect();
        logs.sort_by_key(|s| s.date);
        for w in logs.windows(2) {
            if w[1].when == Some(When::NextMorning) && w[1].pain > w[0].pain {
                out.push((w[1].date, w[0].pain, w[1].pain));
            }
        }
    }
    out
}

fn round_half(x: f64) -> f64 {
    (x * 2.0).round() / 2.0
}

/// What the scheduler works around, gathered once from the plan.
struct Ground<'a> {
    plan: &'a Plan,
    from: NaiveDate,
    to: NaiveDate,
    per_week: u8,
    run_days: BTreeSet<NaiveDate>,
    /// Days with a long or quality run: no calf work the day before them.
    key_days: BTreeSet<NaiveDate>,
    /// Calf work that stays (the user's own, generated work done, skipped or outside the
    /// range), by week.
    fixed_by_week: std::collections::BTreeMap<NaiveDate, Vec<&'a Session>>,
    stops: Vec<Span>,
    holds: Vec<Span>,
    rising: Vec<(NaiveDate, u8, u8)>,
    race: Option<NaiveDate>,
    new_program: bool,
}

impl<'a> Ground<'a> {
    /// The stop covering `d`, if any.
    fn stopped_on(&self, d: NaiveDate) -> Option<&Span> {
        self.stops.iter().find(|s| s.covers(d))
    }

    /// No calf work from a few days before the goal race to a few days after.
    fn in_race_window(&self, d: NaiveDate) -> bool {
        self.race.is_some_and(|r| {
            d >= r - Duration::days(RACE_DAYS_BEFORE) && d <= r + Duration::days(RACE_DAYS_AFTER)
        })
    }

    /// No dose increase lands in the two weeks before the goal race: the week starting
    /// on `monday` overlaps them.
    fn before_race(&self, monday: NaiveDate) -> bool {
        self.race.is_some_and(|r| {
            monday <= r && monday + Duration::days(6) >= r - Duration::days(RACE_NO_INCREASE_DAYS)
        })
    }

    /// Calf work that stays in the week starting on `monday`.
    fn fixed(&self, monday: NaiveDate) -> &[&'a Session] {
        self.fixed_by_week
            .get(&monday)
            .map_or(&[], |v| v.as_slice())
    }
}

/// The scheduler's state from one week to the next: it climbs the ladder week by week
/// ([`Scheduler::week`]), so what a week gets depends only on the weeks before it.
struct Scheduler<'a> {
    g: Ground<'a>,
    stage: u8,
    /// Complete normal weeks at this stage.
    completed: u32,
    /// One of them was at the stage's high end.
    high_done: bool,
    kg_steps: u32,
    /// The stage when a stop began (it resumes one lower).
    stopped_stage: Option<u8>,
    /// The evidence cap's reason, once said (not repeated every week it holds).
    cap_noted: Option<String>,
    /// The last day with calf work, for the 48 h spacing.
    last_day: Option<NaiveDate>,
    /// Reps a set in the last normal week (not a deload): the growth limit's reference.
    last_reps: Option<u8>,
    /// A test is due but found no day yet.
    test_pending: bool,
    step_down_next: bool,
    needs_test: bool,
    index: u32,
}

/// One week's dose: what its calf sessions hold, and why.
struct Dose {
    /// The highest stage the evidence allows, and why it stops there.
    cap: u8,
    cap_why: Option<String>,
    /// The top of the reps range this week: the stage's, or the weaker leg's test.
    high: u8,
    /// Reps a set in a normal week.
    reps: u8,
    /// A half-volume week.
    deload: bool,
    /// One of a new program's first two weeks.
    first_weeks: bool,
    /// Held: next-morning pain rose or a strain has no all-clear yet.
    held: bool,
    /// The week overlaps the fortnight before the goal race.
    near_race: bool,
    /// Added load at stage 6.
    kg: Option<f64>,
}

impl Dose {
    /// Reps a set in this week's sessions (half in a deload week).
    fn session_reps(&self) -> u8 {
        if self.deload {
            self.reps.div_ceil(2)
        } else {
            self.reps
        }
    }
}

/// The days of one week in the scheduled range, and what is already there.
struct Week<'a> {
    monday: NaiveDate,
    /// Days of the week inside the range.
    days: Vec<NaiveDate>,
    /// Days a stop covers.
    stop_days: Vec<NaiveDate>,
    /// Calf work that stays.
    fixed: Vec<&'a Session>,
}

impl Week<'_> {
    fn sunday(&self) -> NaiveDate {
        self.monday + Duration::days(6)
    }
}

impl<'a> Scheduler<'a> {
    /// The week starting on `monday`: its plan and its generated sessions.
    fn week(&mut self, monday: NaiveDate) -> (WeekPlan, Vec<Session>) {
        let g = &self.g;
        let days: Vec<NaiveDate> = (0..7)
            .map(|d| monday + Duration::days(d))
            .filter(|d| *d >= g.from && *d <= g.to)
            .collect();
        let week = Week {
            monday,
            stop_days: days
                .iter()
                .copied()
                .filter(|d| g.stopped_on(*d).is_some())
                .collect(),
            fixed: g.fixed(monday).to_vec(),
            days,
        };
        let mut notes: Vec<String> = Vec::new();
        self.stop_and_resume(&week, &mut notes);
        let dose = self.dose(&week, &mut notes);
        let mut chosen = self.days_for(&week, &mut notes);
        let test_day = self.place_test(&week, &mut chosen, &mut notes);
        let st = stage(self.stage);
        let mut sessions = Vec::new();
        if let Some(d) = test_day {
            let mut s = Session::new(d, Activity::CalfTest);
            s.generated = true;
            s.note = self.test_note(dose.cap, &dose.cap_why, dose.high, st.reps.1);
            sessions.push(s);
        }
        for d in &chosen {
            let mut s = Session::new(
                *d,
                Activity::Calf {
                    stage: self.stage,
                    sets: st.sets,
                    reps: dose.session_reps(),
                    kg: dose.kg,
                },
            );
            s.generated = true;
            sessions.push(s);
        }
        if let Some(d) = chosen
            .iter()
            .chain(test_day.iter())
            .chain(week.fixed.iter().map(|s| &s.date))
            .max()
        {
            self.last_day = Some(self.last_day.map_or(*d, |l| l.max(*d)));
        }
        let plan = WeekPlan {
            start: monday,
            stage: self.stage,
            sets: st.sets,
            reps: dose.session_reps(),
            kg: dose.kg,
            deload: dose.deload,
            days: chosen,
            test: test_day,
            stopped: !week.stop_days.is_empty(),
            held: dose.held,
            note: None,
        };
        self.advance(&week, &dose, plan.days.len(), &mut notes);
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        (WeekPlan { note, ..plan }, sessions)
    }

    /// A week after one whose calf sessions were all skipped steps one stage down; a stop
    /// covering some days is said, and once it is over the program resumes one stage
    /// lower.
    fn stop_and_resume(&mut self, w: &Week, notes: &mut Vec<String>) {
        // Skipped weeks during a stop are the stop, not a step down.
        if self.step_down_next && self.stage > 1 && self.stopped_stage.is_none() {
            self.stage -= 1;
            (self.completed, self.high_done) = (0, false);
            notes.push(format!(
                "one stage down to {}: the previous week's calf sessions were all skipped",
                self.stage
            ));
        }
        let g = &self.g;
        if let Some(first) = w.stop_days.first() {
            let stop = g.stopped_on(*first).expect("a stopped day");
            self.stopped_stage.get_or_insert(self.stage);
            notes.push(match stop.until {
                Some(u) if u <= w.sunday() => format!(
                    "calf work stopped from {}: {}; all-clear logged on {u}",
                    stop.from.max(w.monday),
                    stop.why
                ),
                Some(u) => format!(
                    "calf work stopped: {}, until the all-clear on {u}",
                    stop.why
                ),
                None => format!(
                    "calf work stopped: {}; log how it feels (pain 2 or less, no flags) to resume, and see a physiotherapist if it persists",
                    stop.why
                ),
            });
        }
        let after_stop = w
            .stop_days
            .last()
            .copied()
            .unwrap_or(w.monday - Duration::days(1));
        let resumes = self.stopped_stage.is_some()
            && w.days
                .iter()
                .any(|d| *d > after_stop && g.stopped_on(*d).is_none());
        if resumes && let Some(before) = self.stopped_stage.take() {
            self.stage = before.saturating_sub(1).max(1).min(self.stage);
            (self.completed, self.high_done) = (0, false);
            notes.push(format!(
                "resumes one stage lower, at stage {}, after the all-clear",
                self.stage
            ));
        }
    }

    /// The week's dose: the stage the evidence allows, reps a set within the stage, the
    /// weaker leg's test, a new program's slow start and the weekly growth limit; held
    /// when pain rose, a strain is open or the race is near.
    fn dose(&mut self, w: &Week, notes: &mut Vec<String>) -> Dose {
        let g = &self.g;
        let athlete = &g.plan.athlete;
        let (cap, cap_why) = stage_cap(athlete, w.monday);
        if self.stage > cap {
            self.stage = cap;
            (self.completed, self.high_done) = (0, false);
            if let Some(why) = &cap_why {
                notes.push(why.clone());
                self.cap_noted = Some(why.clone());
            }
        }
        let weaker = latest_test_on(athlete, w.monday).map(|t| t.left.min(t.right));
        let st = stage(self.stage);
        let test_cap = weaker
            .filter(|_| is_single_leg(self.stage))
            .map(|w| w.min(255) as u8);
        let high = st.reps.1.min(test_cap.unwrap_or(u8::MAX));
        let phase = g.plan.block_on(w.monday).map(|b| b.phase);
        let deload = self.index % 4 == 3 || matches!(phase, Some(Phase::Recovery | Phase::Taper));
        // Slowly introduce eccentric loads: a new program's first two weeks at the low end,
        // at most about 60 % of the weaker leg's test; every new stage starts low.
        let first_weeks = g.new_program && self.index < 2;
        let mut reps = if first_weeks || self.completed == 0 {
            st.reps.0
        } else {
            st.reps.1
        }
        .min(high);
        if first_weeks && let Some(weak) = weaker {
            let share = ((f64::from(weak) * FIRST_WEEKS_SHARE).floor() as u8).max(5);
            if share < reps {
                reps = share;
                if self.index == 0 {
                    notes.push(format!(
                        "{share} reps a set to start: about 60 % of the weaker leg's {weak} in the test"
                    ));
                }
            }
        }
        if let (Some(c), Some(weak)) = (test_cap, weaker)
            && st.reps.0 > c
            && reps == c
        {
            notes.push(format!(
                "{c} reps a set: never more than the weaker leg's {weak} in the latest test"
            ));
        }
        // Gradual: at most about +25 % reps from one normal week to the next.
        if let Some(prev) = self.last_reps {
            let most = ((f64::from(prev) * (1.0 + MAX_WEEKLY_GROWTH)).floor() as u8).max(prev + 1);
            reps = reps.min(most);
        }
        let held = self.held(w, notes);
        let near_race = g.before_race(w.monday);
        if (held || near_race)
            && let Some(prev) = self.last_reps
        {
            reps = reps.min(prev);
        }
        let kg = (self.stage == 6)
            .then(|| {
                athlete
                    .body_mass_kg
                    .map(|m| round_half(m * 0.05 * f64::from(self.kg_steps)))
            })
            .flatten();
        Dose {
            cap,
            cap_why,
            high,
            reps: reps.max(1),
            deload,
            first_weeks,
            held,
            near_race,
            kg,
        }
    }

    /// Whether the dose is held this week (next-morning pain rose, or a strain has no
    /// all-clear yet), with why in `notes`.
    fn held(&self, w: &Week, notes: &mut Vec<String>) -> bool {
        let g = &self.g;
        let rise = g
            .rising
            .iter()
            .find(|(d, _, _)| *d >= w.monday && *d <= w.sunday());
        if let Some((d, a, b)) = rise {
            notes.push(format!(
                "dose held: next-morning pain rose from {a} to {b}/10 on {d}"
            ));
        }
        let strain = g.holds.iter().find(|h| w.days.iter().any(|d| h.covers(*d)));
        if let Some(h) = strain {
            notes.push(format!(
                "dose held: {}; it progresses again after a log with pain 2 or less",
                h.why
            ));
        }
        rise.is_some() || strain.is_some()
    }

    /// The days for the week's sessions: without a run, not stopped, not near the race,
    /// 48 h apart, and not the day before a long or quality run.
    fn days_for(&self, w: &Week, notes: &mut Vec<String>) -> Vec<NaiveDate> {
        let g = &self.g;
        let wanted = usize::from(g.per_week).saturating_sub(w.fixed.len());
        let race_days = w.days.iter().filter(|d| g.in_race_window(**d)).count();
        let open_days: Vec<NaiveDate> = w
            .days
            .iter()
            .copied()
            .filter(|d| !g.run_days.contains(d) && !w.fixed.iter().any(|s| s.date == *d))
            .filter(|d| g.stopped_on(*d).is_none() && !g.in_race_window(*d))
            .collect();
        let before_key = |d: &NaiveDate| g.key_days.contains(&(*d + Duration::days(1)));
        let free: Vec<NaiveDate> = open_days
            .iter()
            .copied()
            .filter(|d| !before_key(d))
            .collect();
        // Keep 48 h from every calf session already there: the user's own (any week) and
        // the last one scheduled (only the days near this week matter).
        let mut taken: Vec<NaiveDate> = [-7, 0, 7]
            .iter()
            .flat_map(|k| g.fixed(w.monday + Duration::days(*k)).iter())
            .map(|s| s.date)
            .filter(|d| *d >= w.monday - Duration::days(2) && *d <= w.sunday() + Duration::days(2))
            .collect();
        taken.sort();
        taken.dedup();
        taken.extend(self.last_day);
        let chosen = choose_days(&free, wanted, &taken);
        if race_days > 0 {
            notes.push(format!(
                "no calf work from {RACE_DAYS_BEFORE} days before to {RACE_DAYS_AFTER} days after the race"
            ));
        }
        let complete_week = w.days.len() == 7 && w.stop_days.is_empty() && race_days == 0;
        if chosen.len() < wanted && complete_week {
            let more = choose_days(&open_days, wanted, &taken).len();
            let n = chosen.len();
            let sessions = format!("{n} calf session{}", if n == 1 { "" } else { "s" });
            notes.push(if more > n {
                format!(
                    "{sessions} instead of {wanted}: another would fall the day before a long or quality run"
                )
            } else {
                format!(
                    "{sessions} instead of {wanted}: only {} day{} without a run{}",
                    free.len(),
                    if free.len() == 1 { "" } else { "s" },
                    if free.len() > n {
                        ", and sessions need 48 h between them"
                    } else {
                        ""
                    }
                )
            });
        }
        chosen
    }

    /// Progress on evidence: a calf-raise test every 4 weeks, and in the first week when
    /// the latest test is missing or old. It takes the place of a session; with no day for
    /// it, it moves to the next week.
    fn place_test(
        &mut self,
        w: &Week,
        chosen: &mut Vec<NaiveDate>,
        notes: &mut Vec<String>,
    ) -> Option<NaiveDate> {
        let test_due =
            self.test_pending || self.index % 4 == 3 || (self.index == 0 && self.needs_test);
        let test_day = (test_due && !chosen.is_empty()).then(|| chosen.remove(0));
        self.test_pending = test_due && test_day.is_none() && w.days.len() == 7;
        if self.test_pending && w.stop_days.is_empty() {
            notes.push("the calf-raise test moves to next week: no day for it this week".into());
        }
        test_day
    }

    /// After the week: reps of a normal week with sessions placed become the growth
    /// limit's reference; only a complete week counts toward moving up (every calf session
    /// of it done — generated ones ahead are assumed done — none skipped, none stopped);
    /// two such weeks, one at the stage's high end, move up a stage (or add load at stage
    /// 6), unless the race is near or the evidence caps it.
    fn advance(&mut self, w: &Week, dose: &Dose, placed: usize, notes: &mut Vec<String>) {
        let any_work = placed > 0 || !w.fixed.is_empty();
        let complete = any_work
            && w.stop_days.is_empty()
            && w.fixed.iter().all(|s| s.status != Status::Skipped);
        if !dose.deload && placed > 0 && w.stop_days.is_empty() {
            self.last_reps = Some(dose.reps);
        }
        if complete && !dose.deload && !dose.held {
            self.completed += 1;
            self.high_done |= !dose.first_weeks && dose.reps >= dose.high;
            if self.completed >= 2 && self.high_done {
                if self.g.before_race(w.monday + Duration::days(7)) || dose.near_race {
                    notes.push("no stage increase in the two weeks before the race".into());
                } else if self.stage < dose.cap {
                    self.stage += 1;
                    (self.completed, self.high_done) = (0, false);
                } else if self.stage == 6 {
                    self.kg_steps += 1;
                    (self.completed, self.high_done) = (0, false);
                } else if let Some(why) = &dose.cap_why
                    && self.cap_noted.as_ref() != Some(why)
                {
                    notes.push(why.clone());
                    self.cap_noted = Some(why.clone());
                }
            }
        }
        self.step_down_next = week_needs_step_down(Some(&w.fixed));
        self.index += 1;
    }

    /// What a scheduled test is for: the dose that waits for it, when one does.
    fn test_note(&self, cap: u8, cap_why: &Option<String>, high: u8, stage_high: u8) -> String {
        let waiting = if self.stage == cap && cap < 6 {
            cap_why.clone()
        } else if high < stage_high {
            Some(format!(
                "3 × {stage_high} at stage {} waits for a test with {stage_high} or more reps on the weaker leg",
                self.stage
            ))
        } else {
            None
        };
        match waiting {
            Some(w) => format!("Calf-raise test: record the reps of both legs; {w}."),
            None => "Calf-raise test: record the reps of both legs (and any pain); the next weeks follow from it.".into(),
        }
    }
}

/// Schedules the calf program for `plan`. Pure: it reads the plan's runs, its calf
/// sessions (the user's own, and generated ones already done or skipped), blocks,
/// symptoms, tests and the goal race, and ignores generated sessions still only planned
/// in the range (they are what it replaces). Options left out come from the plan's
/// recorded program, so scheduling again gives the same answer.
pub fn schedule(plan: &Plan, opts: &Options) -> Option<Schedule> {
    let (from, to, per_week, chosen_stage) = resolve(plan, opts)?;
    let mut g = Ground::new(plan, from, to, per_week);
    // Where the program starts: continuing from calf work in the 4 weeks before `from`,
    // or a new program from the calf-raise test.
    let stays = || g.fixed_by_week.values().flatten();
    let previous = stays()
        .filter(|s| s.date < from && s.date >= from - Duration::days(28))
        .filter(|s| s.status != Status::Skipped)
        .filter_map(|s| match s.activity {
            Activity::Calf { stage, reps, .. } => Some((s.date, stage, reps)),
            _ => None,
        })
        .max_by_key(|(d, _, _)| *d);
    let last_day = stays().filter(|s| s.date < from).map(|s| s.date).max();
    let (stage_now, reason, new_program) = match (chosen_stage, previous) {
        (Some(s), _) => {
            let s = s.clamp(*CALF_STAGES.start(), *CALF_STAGES.end());
            (s, format!("chosen: stage {s}"), true)
        }
        (None, Some((d, s, _))) => (
            s,
            format!("continuing at stage {s} (the last calf session, on {d})"),
            false,
        ),
        (None, None) => {
            let (s, why) = starting_stage(&plan.athlete, from);
            (s, why, true)
        }
    };
    g.new_program = new_program;
    let step_down_next = week_needs_step_down(
        g.fixed_by_week
            .get(&(week_start(from) - Duration::days(7)))
            .map(|v| v.as_slice()),
    );
    let mut sch = Scheduler {
        g,
        stage: stage_now,
        completed: 0,
        high_done: false,
        kg_steps: 1,
        stopped_stage: None,
        cap_noted: None,
        last_day,
        last_reps: previous.map(|(_, _, r)| r).filter(|_| !new_program),
        test_pending: false,
        step_down_next,
        needs_test: latest_test_on(&plan.athlete, from)
            .is_none_or(|t| (from - t.date).num_days() > TEST_VALID_WEEKS * 7),
        index: 0,
    };
    let mut weeks = Vec::new();
    let mut sessions = Vec::new();
    let mut monday = week_start(from);
    while monday <= to {
        let (w, s) = sch.week(monday);
        weeks.push(w);
        sessions.extend(s);
        monday += Duration::days(7);
    }
    sessions.sort_by_key(|s| s.date);
    Some(Schedule {
        from,
        to,
        per_week,
        start_stage: stage_now,
        reason,
        chosen_stage,
        weeks,
        sessions,
    })
}

/// The options with the recorded program's and the defaults filled in: first and last
/// day, sessions a week, the chosen start stage. `None` when there is nothing to schedule.
fn resolve(plan: &Plan, opts: &Options) -> Option<(NaiveDate, NaiveDate, u8, Option<u8>)> {
    // The default range ignores replaceable sessions, so re-running gives the same range.
    let mut own = plan.clone();
    own.sessions.retain(|s| !is_replaceable(s));
    let (lo, hi) = own.date_range()?;
    let recorded = plan.calf_program.as_ref();
    let from = opts
        .from
        .or(recorded.map(|p| p.from))
        .unwrap_or_else(|| week_start(lo));
    let to = opts.to.or(recorded.map(|p| p.to)).unwrap_or(hi);
    if to < from {
        return None;
    }
    let per_week = opts
        .per_week
        .or(recorded.map(|p| p.per_week))
        .unwrap_or(default_per_week(plan.athlete.level))
        .clamp(*limits::CALF_PER_WEEK.start(), *limits::CALF_PER_WEEK.end());
    let chosen_stage = opts.start_stage.or_else(|| {
        recorded
            .filter(|p| p.from == from)
            .and_then(|p| p.start_stage)
    });
    Some((from, to, per_week, chosen_stage))
}

impl<'a> Ground<'a> {
    /// What scheduling `plan` from `from` to `to` must respect, by day.
    fn new(plan: &'a Plan, from: NaiveDate, to: NaiveDate, per_week: u8) -> Self {
        let runs = || {
            plan.sessions
                .iter()
                .filter(|s| s.status != Status::Skipped)
                .filter_map(|s| s.run().map(|r| (s.date, r)))
        };
        let run_days = runs().map(|(d, _)| d).collect();
        let key_days = runs()
            .filter(|(_, r)| r.kind.is_quality() || r.kind == RunKind::Long)
            .map(|(d, _)| d)
            .collect();
        // Calf work that stays: the user's own, and generated work outside the range or
        // already done or skipped.
        let mut fixed_by_week: BTreeMap<NaiveDate, Vec<&Session>> = BTreeMap::new();
        for s in plan.sessions.iter().filter(|s| s.activity.is_calf_work()) {
            if !(is_replaceable(s) && s.date >= from && s.date <= to) {
                fixed_by_week.entry(week_start(s.date)).or_default().push(s);
            }
        }
        let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
        let (stops, holds) = spans(plan, &t);
        Ground {
            plan,
            from,
            to,
            per_week,
            run_days,
            key_days,
            fixed_by_week,
            stops,
            holds,
            rising: rising_mornings(plan),
            race: plan.race.as_ref().map(|r| r.date),
            new_program: true,
        }
    }
}

/// Every calf session of the week was skipped: the next week steps one stage down.
fn week_needs_step_down(week: Option<&[&Session]>) -> bool {
    let week: Vec<_> = week
        .into_iter()
        .flatten()
        .filter(|s| matches!(s.activity, Activity::Calf { .. }))
        .collect();
    !week.is_empty() && week.iter().all(|s| s.status == Status::Skipped)
}

/// The best `k` of the `free` days, each at least 48 h (two calendar days) from the
/// others and from `taken`: the widest spacing, then the earliest days.
fn best_days(free: &[NaiveDate], k: usize, taken: &[NaiveDate]) -> Option<Vec<NaiveDate>> {
    let n = free.len();
    let mut best: Option<(Vec<NaiveDate>, (i64, i64))> = None;
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize != k {
            continue;
        }
        let pick: Vec<NaiveDate> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| free[i])
            .collect();
        let spaced = pick.iter().all(|a| {
            pick.iter()
                .chain(taken)
                .all(|b| a == b || (*a - *b).num_days().abs() >= 2)
        });
        if !spaced {
            continue;
        }
        let min_gap = pick
            .windows(2)
            .map(|w| (w[1] - w[0]).num_days())
            .min()
            .unwrap_or(7);
        let first = pick.iter().map(|d| (*d - free[0]).num_days()).sum::<i64>();
        // Lower is better: wider gaps, earlier days.
        let score = (-min_gap, first);
        if best.as_ref().is_none_or(|(_, s)| score < *s) {
            best = Some((pick, score));
        }
    }
    best.map(|(p, _)| p)
}

/// Picks up to `wanted` of the `free` days (see [`best_days`]): as many as fit.
fn choose_days(free: &[NaiveDate], wanted: usize, taken: &[NaiveDate]) -> Vec<NaiveDate> {
    (1..=wanted.min(free.len()))
        .rev()
        .find_map(|k| best_days(free, k, taken))
        .unwrap_or_default()
}
