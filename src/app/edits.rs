//! After an edit: the document changes, the selection follows it, and a run moved onto
//! the calf program's day offers a reschedule.

use super::*;

impl GradualApp {
    /// Applies an edit through the document and follows its selection.
    pub fn apply(&mut self, cmd: Command) {
        let structural = cmd.merge_key().is_none();
        if structural {
            self.doc.end_gesture();
        }
        let offers = !matches!(cmd, Command::ReplaceSessions(..));
        // Whole steps (a tool's Apply, a week inserted) say what they did and how to take
        // it back; typing in a field does not fill the status bar.
        let step = matches!(
            cmd,
            Command::ReplaceSessions(..)
                | Command::ReplacePlan(..)
                | Command::AddBlocks(..)
                | Command::InsertWeek(_)
                | Command::RemoveWeek(_)
                | Command::InsertRecoveryWeek(_)
        )
        .then(|| cmd.label());
        let before = crate::calf::conflicts(self.doc.plan());
        let logged = match &cmd {
            Command::AddSymptom(s) => Some(s.clone()),
            _ => None,
        };
        // Only a logged symptom reports whether the calf program was rescheduled.
        let generated = |p: &Plan| p.sessions.iter().filter(|s| s.generated).count();
        let generated_before = logged.as_ref().map(|_| generated(self.doc.plan()));
        let result = self.doc.handle(cmd);
        if let Some(label) = step.filter(|_| self.doc.undo_label().is_some()) {
            self.status = format!("Applied: {label}. Undo (Edit menu) takes it back.");
        }
        if let Some(s) = logged.filter(|_| result.is_some()) {
            self.ui.selected_symptom = self.doc.plan().symptoms.iter().position(|x| *x == s);
            self.ui.selection = None;
            self.status = format!(
                "Logged {}{}.",
                views::symptoms::label(&s),
                if Some(generated(self.doc.plan())) != generated_before {
                    "; the calf program was rescheduled"
                } else {
                    ""
                }
            );
        }
        self.follow(result, offers, &before);
    }

    /// Undoes (or redoes) the last step and follows the selection.
    pub fn undo_redo(&mut self, undo: bool) {
        self.doc.end_gesture();
        let before = crate::calf::conflicts(self.doc.plan());
        let label = if undo {
            self.doc.undo_label()
        } else {
            self.doc.redo_label()
        };
        let result = if undo {
            self.doc.undo()
        } else {
            self.doc.redo()
        };
        if let Some(label) = label {
            self.status = if undo {
                format!("Undone: {label}. Redo (Edit menu) brings it back.")
            } else {
                format!("Redone: {label}.")
            };
        }
        self.follow(result, false, &before);
    }

    /// After a change of the plan: the selection follows it (or goes when its session
    /// does), and a run that moved onto a generated calf session offers a reschedule
    /// (`offers`, not after undo, redo or a whole-sessions replacement).
    fn follow(&mut self, result: Option<Selection>, offers: bool, before: &[NaiveDate]) {
        if self
            .ui
            .selected_symptom
            .is_some_and(|i| i >= self.doc.plan().symptoms.len())
        {
            self.ui.selected_symptom = None;
        }
        match result {
            Some(Selection::Sessions(v)) => {
                self.ui.selection = v.first().copied();
                if let Some(s) = self
                    .ui
                    .selection
                    .and_then(|i| self.doc.plan().sessions.get(i))
                {
                    self.ui.selected_day = Some(s.date);
                }
            }
            Some(Selection::Clear) => self.ui.selection = None,
            Some(Selection::Keep) | None => {}
        }
        if self
            .ui
            .selection
            .is_some_and(|i| i >= self.doc.plan().sessions.len())
        {
            self.ui.selection = None;
        }
        // A run moved onto a generated calf session: offer to reschedule the program.
        let after = crate::calf::conflicts(self.doc.plan());
        if after.is_empty() {
            self.ui.calf_conflict = None;
        } else if offers && let Some(d) = after.iter().find(|d| !before.contains(d)) {
            self.ui.calf_conflict = Some(*d);
        }
    }
}
