//! The open plan, its analysis, and undo/redo. [`Document::handle`] is the only place
//! the plan changes: it applies a [`Command`], records the undo step, keeps sessions in
//! canonical order and re-runs the analysis, so none of that can be forgotten by a view.

use crate::analysis::{Report, analyze};
use crate::model::{Athlete, Block, CalfRaiseTest, Plan, Race, Session, Symptom, week_start};
use chrono::{Duration, NaiveDate};
use std::path::PathBuf;

/// Identifies one continuous gesture on one field (typing in it, dragging a slider), so
/// the whole gesture becomes one undo step: `(field name, gesture number)`.
pub type MergeKey = (&'static str, u64);

/// An edit of the plan, or undo/redo. Views emit these; [`Document::handle`] applies them.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add a session after the others on its day.
    AddSession(Session),
    /// Replace session `index` (from the inspector); clears its `generated` flag.
    UpdateSession {
        /// Which session.
        index: usize,
        /// Its new value.
        session: Session,
        /// Merge with the previous step when it has the same key.
        merge: Option<MergeKey>,
    },
    /// Delete these sessions.
    DeleteSessions(Vec<usize>),
    /// Move session `index` to another day (last in that day), or copy it there.
    MoveSession {
        /// Which session.
        index: usize,
        /// The target day.
        to: NaiveDate,
        /// Copy instead of move (Ctrl-drag).
        copy: bool,
    },
    /// Add several sessions at once (paste, duplicate, paste week).
    InsertSessions(Vec<Session>),
    /// Insert an empty week starting at this Monday: later sessions, blocks and the race
    /// move one week later.
    InsertWeek(NaiveDate),
    /// Remove the week starting at this Monday: its sessions go, later ones move back.
    RemoveWeek(NaiveDate),
    /// Rename the plan.
    SetName(String, Option<MergeKey>),
    /// Set or clear the goal race.
    SetRace(Option<Race>, Option<MergeKey>),
    /// Replace the athlete profile.
    SetAthlete(Athlete, Option<MergeKey>),
    /// Replace the blocks.
    SetBlocks(Vec<Block>, Option<MergeKey>),
    /// Replace all sessions at once (applying the calf program), as one undo step.
    ReplaceSessions(Vec<Session>, &'static str, Option<MergeKey>),
    /// Insert a recovery week at the end of block `n`: later dates move a week, and the
    /// new week repeats the block's last week at 70 % of the distance and time.
    InsertRecoveryWeek(usize),
    /// Append blocks with their sessions (chaining a block template).
    AddBlocks(Vec<Block>, Vec<Session>),
    /// Record the result of a calf-raise test on `date` (adds or replaces the athlete's
    /// test of that day, marks the day's test session done and reschedules the calf
    /// program from that week: progress waits for tests).
    RecordCalfTest(CalfRaiseTest),
    /// Log a symptom; the calf program is rescheduled (a red flag stops it).
    AddSymptom(Symptom),
    /// Replace symptom `index` (the calf program is rescheduled).
    UpdateSymptom {
        /// Which symptom.
        index: usize,
        /// Its new value.
        symptom: Symptom,
        /// Merge with the previous step when it has the same key.
        merge: Option<MergeKey>,
    },
    /// Delete symptom `index` (the calf program is rescheduled).
    DeleteSymptom(usize),
    /// Replace the whole plan at once (a previewed change such as a return block or the
    /// calf program), as one undo step with this label.
    ReplacePlan(Box<Plan>, &'static str),
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
}

impl Command {
    /// Short description for the Edit menu ("Undo move session").
    pub fn label(&self) -> &'static str {
        match self {
            Command::AddSession(_) => "add session",
            Command::UpdateSession { .. } => "edit session",
            Command::DeleteSessions(_) => "delete",
            Command::MoveSession { copy: false, .. } => "move session",
            Command::MoveSession { copy: true, .. } => "copy session",
            Command::InsertSessions(_) => "paste",
            Command::InsertWeek(_) => "insert week",
            Command::RemoveWeek(_) => "remove week",
            Command::SetName(..) => "rename plan",
            Command::SetRace(..) => "edit race",
            Command::SetAthlete(..) => "edit athlete",
            Command::SetBlocks(..) => "edit blocks",
            Command::ReplaceSessions(_, label, _) => label,
            Command::InsertRecoveryWeek(_) => "insert recovery week",
            Command::AddBlocks(..) => "chain block",
            Command::RecordCalfTest(_) => "record calf-raise test",
            Command::AddSymptom(_) => "log symptom",
            Command::UpdateSymptom { .. } => "edit symptom",
            Command::DeleteSymptom(_) => "delete symptom",
            Command::ReplacePlan(_, label) => label,
            Command::Undo => "undo",
            Command::Redo => "redo",
        }
    }

    /// The gesture this edit belongs to, if it may merge with the previous one.
    pub fn merge_key(&self) -> Option<MergeKey> {
        match self {
            Command::UpdateSession { merge, .. }
            | Command::SetName(_, merge)
            | Command::SetRace(_, merge)
            | Command::SetAthlete(_, merge)
            | Command::SetBlocks(_, merge)
            | Command::UpdateSymptom { merge, .. }
            | Command::ReplaceSessions(_, _, merge) => *merge,
            _ => None,
        }
    }
}

/// What a view should select after a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Leave the selection alone (indices did not move).
    Keep,
    /// Select these sessions.
    Sessions(Vec<usize>),
    /// Clear it (indices moved).
    Clear,
}

struct Step {
    plan: Plan,
    state: u64,
    label: &'static str,
}

/// The open plan with its file, analysis, and history.
pub struct Document {
    plan: Plan,
    report: Report,
    /// Where the plan lives on disk; `None` for a new or bundled plan.
    pub path: Option<PathBuf>,
    /// What the file held when it was loaded or last saved: saving refuses to overwrite
    /// a file that no longer holds it.
    pub fingerprint: Option<crate::format::Fingerprint>,
    /// The file was loaded with comments, which saving drops (asked before the first save).
    pub has_comments: bool,
    undo: Vec<Step>,
    redo: Vec<Step>,
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    merge: Option<MergeKey>,
}

/// How many undo steps are kept.
const MAX_UNDO: usize = 500;

impl Document {
    /// A document for `plan`; `path` is where it was loaded from (then it is not dirty).
    pub fn new(mut plan: Plan, path: Option<PathBuf>) -> Self {
        plan.canonicalize();
        let report = analyze(&plan);
        Document {
            plan,
            report,
            path,
            fingerprint: None,
            has_comments: false,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            // Fresh documents (loaded, new, the example) have nothing unsaved.
            saved_state: Some(0),
            merge: None,
        }
    }

    /// The plan (read-only: change it with [`Document::handle`]).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The analysis of the current plan.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// Records that `state` (taken when a background save started) is on disk at `path`;
    /// edits made meanwhile keep the document dirty.
    pub fn mark_saved_state(&mut self, path: PathBuf, state: u64) {
        self.path = Some(path);
        self.saved_state = Some(state);
        self.merge = None;
    }

    /// Marks the document as differing from its file (the file changed underneath it).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = None;
    }

    /// An id of the current state of the plan (changes with every edit, undo and redo).
    pub fn state(&self) -> u64 {
        self.state
    }

    /// The label of the step Undo would revert, if any.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }

    /// The label of the step Redo would re-apply, if any.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }

    /// Ends the current merge gesture, so the next edit is a step of its own.
    pub fn end_gesture(&mut self) {
        self.merge = None;
    }

    /// Applies `cmd`. Returns what to select afterwards, or `None` if nothing changed
    /// (an out-of-range index, nothing to undo, an edit that changes nothing).
    pub fn handle(&mut self, cmd: Command) -> Option<Selection> {
        match cmd {
            Command::Undo => return self.undo_redo(true),
            Command::Redo => return self.undo_redo(false),
            _ => {}
        }
        let label = cmd.label();
        let merge = cmd.merge_key();
        let before = self.plan.clone();
        let selection = apply(&mut self.plan, cmd)?;
        if self.plan == before {
            return None;
        }
        let merging = merge.is_some() && merge == self.merge && !self.undo.is_empty();
        if !merging {
            self.undo.push(Step {
                plan: before,
                state: self.state,
                label,
            });
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        // A merged edit is a new state too: it is no longer what was saved.
        self.state = self.next_state;
        self.next_state += 1;
        self.merge = merge;
        self.redo.clear();
        self.report = analyze(&self.plan);
        Some(selection)
    }

    fn undo_redo(&mut self, undo: bool) -> Option<Selection> {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let step = from.pop()?;
        let current = std::mem::replace(&mut self.plan, step.plan);
        to.push(Step {
            plan: current,
            state: self.state,
            label: step.label,
        });
        self.state = step.state;
        self.merge = None;
        self.report = analyze(&self.plan);
        Some(Selection::Keep)
    }
}

/// Sorts sessions by date (stable) and returns where each old index went.
fn sort_sessions(plan: &mut Plan) -> Vec<usize> {
    let mut order: Vec<usize> = (0..plan.sessions.len()).collect();
    order.sort_by_key(|&i| plan.sessions[i].date);
    let mut old_to_new = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        old_to_new[old] = new;
    }
    let mut slots: Vec<Option<Session>> = std::mem::take(&mut plan.sessions)
        .into_iter()
        .map(Some)
        .collect();
    plan.sessions = order
        .iter()
        .map(|&i| slots[i].take().expect("each index once"))
        .collect();
    old_to_new
}

/// Appends sessions (after the others on their days) and returns their new indices.
fn append(plan: &mut Plan, sessions: Vec<Session>) -> Vec<usize> {
    let first = plan.sessions.len();
    let n = sessions.len();
    plan.sessions.extend(sessions);
    let map = sort_sessions(plan);
    (first..first + n).map(|i| map[i]).collect()
}

fn shift_from(plan: &mut Plan, from: NaiveDate, days: i64) {
    let d = Duration::days(days);
    for s in plan.sessions.iter_mut().filter(|s| s.date >= from) {
        s.date += d;
    }
    if let Some(r) = plan.race.as_mut().filter(|r| r.date >= from) {
        r.date += d;
    }
}

fn apply(plan: &mut Plan, cmd: Command) -> Option<Selection> {
    let n = plan.sessions.len();
    Some(match cmd {
        Command::AddSession(s) => Selection::Sessions(append(plan, vec![s])),
        Command::InsertSessions(v) => Selection::Sessions(append(plan, v)),
        Command::UpdateSession {
            index, mut session, ..
        } => {
            if index >= n {
                return None;
            }
            session.generated = false;
            let moved = session.date != plan.sessions[index].date;
            plan.sessions[index] = session;
            if moved {
                let map = sort_sessions(plan);
                Selection::Sessions(vec![map[index]])
            } else {
                Selection::Keep
            }
        }
        Command::DeleteSessions(mut v) => {
            v.sort_unstable();
            v.dedup();
            if v.iter().any(|&i| i >= n) {
                return None;
            }
            for i in v.into_iter().rev() {
                plan.sessions.remove(i);
            }
            Selection::Clear
        }
        Command::MoveSession { index, to, copy } => {
            if index >= n {
                return None;
            }
            let mut s = plan.sessions[index].clone();
            s.date = to;
            s.generated = false;
            if copy {
                Selection::Sessions(append(plan, vec![s]))
            } else {
                // Remove and re-append so it lands last on the target day.
                plan.sessions.remove(index);
                Selection::Sessions(append(plan, vec![s]))
            }
        }
        Command::InsertWeek(week) => {
            let week = week_start(week);
            shift_from(plan, week, 7);
            for b in plan.blocks.iter_mut() {
                if b.start >= week {
                    b.start += Duration::days(7);
                } else if b.last_day() >= week {
                    b.weeks += 1;
                }
            }
            Selection::Clear
        }
        Command::RemoveWeek(week) => {
            let week = week_start(week);
            let end = week + Duration::days(7);
            plan.sessions.retain(|s| s.date < week || s.date >= end);
            shift_from(plan, end, -7);
            plan.blocks.retain_mut(|b| {
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
            Selection::Clear
        }
        Command::SetName(name, _) => {
            plan.name = name;
            Selection::Keep
        }
        Command::SetRace(race, _) => {
            plan.race = race;
            Selection::Keep
        }
        Command::SetAthlete(a, _) => {
            plan.athlete = a;
            Selection::Keep
        }
        Command::ReplaceSessions(sessions, _, _) => {
            plan.sessions = sessions;
            sort_sessions(plan);
            Selection::Clear
        }
        Command::InsertRecoveryWeek(n) => {
            let b = plan.blocks.get(n)?.clone();
            let monday = week_start(b.last_day() + Duration::days(1));
            let last_week: Vec<Session> = plan
                .sessions
                .iter()
                .filter(|s| s.date >= monday - Duration::days(7) && s.date < monday && !s.generated)
                .cloned()
                .collect();
            shift_from(plan, monday, 7);
            for other in plan.blocks.iter_mut().filter(|o| o.start >= monday) {
                other.start += Duration::days(7);
            }
            plan.blocks[n].weeks += 1;
            let easier = last_week.into_iter().map(|mut s| {
                s.date += Duration::days(7);
                scale_session(&mut s, 0.7);
                s
            });
            plan.sessions.extend(easier);
            sort_sessions(plan);
            Selection::Clear
        }
        Command::AddBlocks(blocks, sessions) => {
            plan.blocks.extend(blocks);
            plan.blocks.sort_by_key(|b| b.start);
            plan.sessions.extend(sessions);
            sort_sessions(plan);
            Selection::Clear
        }
        Command::SetBlocks(mut b, _) => {
            b.sort_by_key(|b| b.start);
            plan.blocks = b;
            Selection::Keep
        }
        Command::RecordCalfTest(test) => {
            crate::calf::record_test(plan, test);
            Selection::Keep
        }
        Command::AddSymptom(s) => {
            crate::care::log_symptom(plan, s);
            Selection::Keep
        }
        Command::UpdateSymptom { index, symptom, .. } => {
            *plan.symptoms.get_mut(index)? = symptom;
            plan.symptoms.sort_by_key(|s| s.date);
            refresh_calf(plan);
            Selection::Keep
        }
        Command::DeleteSymptom(index) => {
            if index >= plan.symptoms.len() {
                return None;
            }
            plan.symptoms.remove(index);
            refresh_calf(plan);
            Selection::Keep
        }
        Command::ReplacePlan(new, _) => {
            *plan = *new;
            plan.canonicalize();
            Selection::Clear
        }
        Command::Undo | Command::Redo => unreachable!("handled by Document::handle"),
    })
}

/// Reschedules the calf program, when the plan has one (a symptom changes what the
/// program should do next).
fn refresh_calf(plan: &mut Plan) {
    if let Some(p) = crate::calf::refresh(plan) {
        *plan = p;
    }
}

/// Scales a session's distance and duration by `f` (runs: km and minutes, rounded to
/// 0.1 km and whole minutes; cross-training: minutes).
pub fn scale_session(s: &mut Session, f: f64) {
    match &mut s.activity {
        crate::model::Activity::Run { km, minutes, .. } => {
            if let Some(km) = km {
                *km = ((*km * f * 10.0).round() / 10.0).max(0.1);
            }
            if let Some(m) = minutes {
                *m = ((f64::from(*m) * f).round() as u32).max(1);
            }
        }
        crate::model::Activity::Cross { minutes, .. } => {
            *minutes = ((f64::from(*minutes) * f).round() as u32).max(1);
        }
        _ => {}
    }
}
