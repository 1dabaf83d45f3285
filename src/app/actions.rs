//! Carrying out actions from menus and keys.

use super::*;

impl GradualApp {
    /// Carries out a menu or shortcut action.
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        let selected_session = self
            .ui
            .selection
            .and_then(|i| self.doc.plan().sessions.get(i).cloned().map(|s| (i, s)));
        let day = self
            .ui
            .selected_day
            .or(selected_session.as_ref().map(|(_, s)| s.date));
        match action {
            Action::New => self.guard(ctx, After::New),
            Action::Open => self.guard(ctx, After::Open),
            Action::OpenPath(p) => self.guard(ctx, After::OpenPath(p)),
            Action::Save => self.save_or_ask(ctx, None),
            Action::SaveAs => self.start_dialog(ctx, Purpose::SaveAs(None)),
            Action::SaveTo(p) => self.start_save(ctx, p, None),
            Action::Quit => self.guard(ctx, After::Quit),
            Action::Export(f) => self.start_dialog(ctx, Purpose::Export(f)),
            Action::OpenFolder => self.start_dialog(ctx, Purpose::Folder),
            Action::NewPlan(plan) => self.guard(ctx, After::NewPlan(plan)),
            Action::Copy | Action::Cut => {
                if let Some((i, s)) = selected_session {
                    ctx.copy_text(ron::to_string(&s).unwrap_or_default());
                    self.ui.clipboard = Some(Clip {
                        sessions: vec![(0, s)],
                        week: false,
                    });
                    if action == Action::Cut {
                        self.apply(Command::DeleteSessions(vec![i]));
                    }
                }
            }
            Action::Paste => {
                if let (Some(clip), Some(day)) = (self.ui.clipboard.clone(), day) {
                    let anchor = if clip.week { week_start(day) } else { day };
                    self.paste(clip, anchor);
                }
            }
            Action::PasteWeek => {
                if let (Some(clip), Some(day)) = (self.ui.clipboard.clone(), day) {
                    self.paste(clip, week_start(day));
                }
            }
            Action::Delete => {
                if let Some((i, _)) = selected_session {
                    self.apply(Command::DeleteSessions(vec![i]));
                }
            }
            Action::Duplicate => {
                if let Some((_, s)) = selected_session {
                    let copy = crate::model::Session {
                        date: s.date + Duration::days(1),
                        generated: false,
                        ..s
                    };
                    self.apply(Command::InsertSessions(vec![copy]));
                }
            }
            Action::CopyWeek => {
                if let Some(day) = day {
                    let monday = week_start(day);
                    let sessions: Vec<(i64, crate::model::Session)> = self
                        .doc
                        .plan()
                        .sessions
                        .iter()
                        .filter(|s| week_start(s.date) == monday)
                        .map(|s| ((s.date - monday).num_days(), s.clone()))
                        .collect();
                    self.status =
                        format!("Copied the week of {monday} ({} sessions).", sessions.len());
                    self.ui.clipboard = Some(Clip {
                        sessions,
                        week: true,
                    });
                }
            }
            Action::InsertWeek => {
                if let Some(day) = day {
                    self.apply(Command::InsertWeek(week_start(day)));
                }
            }
            Action::RemoveWeek => {
                if let Some(day) = day {
                    self.apply(Command::RemoveWeek(week_start(day)));
                }
            }
        }
    }

    pub(super) fn paste(&mut self, clip: Clip, anchor: NaiveDate) {
        let sessions = clip
            .sessions
            .into_iter()
            .map(|(offset, s)| crate::model::Session {
                date: anchor + Duration::days(offset),
                generated: false,
                ..s
            })
            .collect();
        self.apply(Command::InsertSessions(sessions));
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        let mut commands = Vec::new();
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        ctx.input_mut(|i| {
            // File shortcuts work even while typing in a field.
            if i.consume_shortcut(&KeyboardShortcut::new(cmd_shift, Key::S)) {
                actions.push(Action::SaveAs);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::S)) {
                actions.push(Action::Save);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::N)) {
                actions.push(Action::New);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::O)) {
                actions.push(Action::Open);
            }
        });
        if ctx.egui_wants_keyboard_input() {
            return actions; // a text field has the keys (it has its own undo)
        }
        ctx.input_mut(|i| {
            if i.consume_shortcut(&KeyboardShortcut::new(cmd_shift, Key::Z))
                || i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Y))
            {
                commands.push(Command::Redo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::Z)) {
                commands.push(Command::Undo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::D)) {
                actions.push(Action::Duplicate);
            }
            // The platform turns Ctrl+C/X/V into clipboard events; accept both forms.
            let mut copy = i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::C));
            let mut cut = i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::X));
            let mut paste = i.consume_shortcut(&KeyboardShortcut::new(cmd, Key::V));
            i.events.retain(|e| match e {
                egui::Event::Copy => {
                    copy = true;
                    false
                }
                egui::Event::Cut => {
                    cut = true;
                    false
                }
                egui::Event::Paste(_) => {
                    paste = true;
                    false
                }
                _ => true,
            });
            if copy {
                actions.push(Action::Copy);
            }
            if cut {
                actions.push(Action::Cut);
            }
            if paste {
                actions.push(Action::Paste);
            }
            if i.consume_key(Modifiers::NONE, Key::Delete) {
                actions.push(Action::Delete);
            }
            let step = [
                (Key::ArrowLeft, -1),
                (Key::ArrowRight, 1),
                (Key::ArrowUp, -7),
                (Key::ArrowDown, 7),
            ]
            .into_iter()
            .find(|(k, _)| i.consume_key(Modifiers::NONE, *k))
            .map(|(_, d)| d);
            if let Some(d) = step {
                let from = self.ui.selected_day.unwrap_or_else(|| self.today());
                let to = from + Duration::days(d);
                self.ui.selected_day = Some(to);
                self.ui.selection = None;
                if self.ui.visible.is_none_or(|(a, b)| to < a || to > b) {
                    self.ui.scroll_to = Some(to);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Enter) {
                if self.ui.selection.is_none()
                    && let Some(day) = self.ui.selected_day
                {
                    let r = views::calendar::day_range(&self.doc.plan().sessions, day);
                    self.ui.selection = (!r.is_empty()).then_some(r.start);
                }
                self.ui.focus_inspector = self.ui.selection.is_some();
            }
        });
        for c in commands {
            self.apply(c);
        }
        actions
    }
}
