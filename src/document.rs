//! The open plan, its analysis, and undo/redo. [`Document::handle`] is the only place
//! the plan changes: it applies a [`Command`], records the undo step, keeps sessions in
//! canonical order and re-runs the analysis, so none of that can be forgotten by a view.

use crate::analysis::{Report, analyze};
use crate::model::{Athlete, Block, CalfRaiseTest, Plan, Race, Session, Symptom};
use chrono::NaiveDate;
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

    /// Reverts the last step; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Selection> {
        self.undo_redo(true)
    }

    /// Re-applies the last undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<Selection> {
        self.undo_redo(false)
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

fn apply(plan: &mut Plan, cmd: Command) -> Option<Selection> {
    let n = plan.sessions.len();
    Some(match cmd {
        Command::AddSession(s) => Selection::Sessions(plan.append_sessions(vec![s])),
        Command::InsertSessions(v) => Selection::Sessions(plan.append_sessions(v)),
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
                let map = plan.sort_sessions();
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
            if !copy {
                // Remove and re-append so it lands last on the target day.
                plan.sessions.remove(index);
            }
            Selection::Sessions(plan.append_sessions(vec![s]))
        }
        Command::InsertWeek(week) => {
            plan.insert_week(week);
            Selection::Clear
        }
        Command::RemoveWeek(week) => {
            plan.remove_week(week);
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
            plan.sort_sessions();
            Selection::Clear
        }
        Command::InsertRecoveryWeek(n) => {
            if !plan.insert_recovery_week(n) {
                return None;
            }
            Selection::Clear
        }
        Command::AddBlocks(blocks, sessions) => {
            plan.add_blocks(blocks, sessions);
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
    })
}

/// Reschedules the calf program, when the plan has one (a symptom changes what the
/// program should do next).
fn refresh_calf(plan: &mut Plan) {
    if let Some(p) = crate::calf::refresh(plan) {
        *plan = p;
    }
}
