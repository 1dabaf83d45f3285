//! One table for every action of the window: its menu text, what it does, its keys and
//! whether the keys work while typing. Key handling, the menus, Help ▸ Keyboard
//! shortcuts and the README's key table all come from [`ACTIONS`]; a test fails when two
//! actions share a key.

use super::*;
use crate::export::ExportFormat;

/// Everything the window does from a menu or a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumCount)]
pub enum Action {
    /// File ▸ New.
    New,
    /// File ▸ New from template….
    NewFromTemplate,
    /// File ▸ Open….
    Open,
    /// File ▸ Open folder….
    OpenFolder,
    /// File ▸ Save.
    Save,
    /// File ▸ Save As….
    SaveAs,
    /// File ▸ Save as template….
    SaveAsTemplate,
    /// File ▸ Import activities….
    ImportActivities,
    /// File ▸ Export ▸ ….
    Export(ExportFormat),
    /// File ▸ Quit.
    Quit,
    /// Edit ▸ Undo.
    Undo,
    /// Edit ▸ Redo.
    Redo,
    /// Edit ▸ Cut session.
    Cut,
    /// Edit ▸ Copy session.
    Copy,
    /// Edit ▸ Paste.
    Paste,
    /// Edit ▸ Duplicate session (to the next day).
    Duplicate,
    /// Edit ▸ Delete session.
    Delete,
    /// Edit ▸ Copy week.
    CopyWeek,
    /// Edit ▸ Paste week.
    PasteWeek,
    /// Edit ▸ Insert week.
    InsertWeek,
    /// Edit ▸ Remove week.
    RemoveWeek,
    /// Plan ▸ Calf program….
    CalfProgram,
    /// Plan ▸ Log how my calves feel….
    LogSymptom,
    /// Plan ▸ Return to running….
    ReturnToRunning,
    /// Plan ▸ Fit to headroom….
    FitToHeadroom,
    /// Plan ▸ Re-plan from today….
    Replan,
    /// View ▸ Go to today.
    GoToToday,
    /// Select the previous day.
    PreviousDay,
    /// Select the next day.
    NextDay,
    /// Select the same day a week earlier.
    PreviousWeek,
    /// Select the same day a week later.
    NextWeek,
    /// Edit the selected day's session in the inspector.
    EditSelected,
    /// Help ▸ Keyboard shortcuts.
    ShowShortcuts,
    /// Help ▸ Rules and their evidence.
    ShowRules,
    /// Help ▸ About Gradual.
    About,
}

/// An action's entry in the table.
#[derive(Debug)]
pub struct Spec {
    /// The action.
    pub action: Action,
    /// Its menu text.
    pub text: &'static str,
    /// What it does, for Help ▸ Keyboard shortcuts and the README.
    pub help: &'static str,
    /// Its keys, the one shown in menus first.
    pub keys: &'static [KeyboardShortcut],
    /// Its keys work while a text field has the keyboard (file actions); the others leave
    /// the keys to the field (its own undo, copy and cursor keys).
    pub while_typing: bool,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const fn spec(
    action: Action,
    text: &'static str,
    help: &'static str,
    keys: &'static [KeyboardShortcut],
    while_typing: bool,
) -> Spec {
    Spec {
        action,
        text,
        help,
        keys,
        while_typing,
    }
}

/// Every action, in menu order.
pub const ACTIONS: &[Spec] = &[
    spec(Action::New, "New", "new plan", &[key(CMD, Key::N)], true),
    spec(
        Action::NewFromTemplate,
        "New from template…",
        "new plan from a template",
        &[],
        false,
    ),
    spec(
        Action::Open,
        "Open…",
        "open a plan",
        &[key(CMD, Key::O)],
        true,
    ),
    spec(
        Action::OpenFolder,
        "Open folder…",
        "open a folder of plans (one per athlete)",
        &[],
        false,
    ),
    spec(Action::Save, "Save", "save", &[key(CMD, Key::S)], true),
    spec(
        Action::SaveAs,
        "Save As…",
        "save under another name",
        &[key(CMD_SHIFT, Key::S)],
        true,
    ),
    spec(
        Action::SaveAsTemplate,
        "Save as template…",
        "save the plan or a block as a template",
        &[],
        false,
    ),
    spec(
        Action::ImportActivities,
        "Import activities…",
        "read FIT, GPX or TCX files, folders or export archives onto the plan",
        &[],
        false,
    ),
    spec(
        Action::Export(ExportFormat::Ics),
        "Calendar (ICS)…",
        "export to a calendar",
        &[],
        false,
    ),
    spec(
        Action::Export(ExportFormat::Csv),
        "Spreadsheet (CSV)…",
        "export to a spreadsheet",
        &[],
        false,
    ),
    spec(
        Action::Export(ExportFormat::Html),
        "Printable page (HTML)…",
        "export a printable page",
        &[],
        false,
    ),
    spec(Action::Quit, "Quit", "quit", &[key(CMD, Key::Q)], true),
    spec(Action::Undo, "Undo", "undo", &[key(CMD, Key::Z)], false),
    spec(
        Action::Redo,
        "Redo",
        "redo",
        &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
        false,
    ),
    spec(
        Action::Cut,
        "Cut session",
        "cut the selected session",
        &[key(CMD, Key::X)],
        false,
    ),
    spec(
        Action::Copy,
        "Copy session",
        "copy the selected session",
        &[key(CMD, Key::C)],
        false,
    ),
    spec(
        Action::Paste,
        "Paste",
        "paste sessions onto the selected day",
        &[key(CMD, Key::V)],
        false,
    ),
    spec(
        Action::Duplicate,
        "Duplicate session",
        "duplicate the selected session to the next day",
        &[key(CMD, Key::D)],
        false,
    ),
    spec(
        Action::Delete,
        "Delete session",
        "delete the selected session",
        &[key(NONE, Key::Delete)],
        false,
    ),
    spec(
        Action::CopyWeek,
        "Copy week",
        "copy the selected week",
        &[],
        false,
    ),
    spec(
        Action::PasteWeek,
        "Paste week",
        "paste a copied week onto the selected week",
        &[],
        false,
    ),
    spec(
        Action::InsertWeek,
        "Insert week",
        "insert an empty week (later dates move a week)",
        &[],
        false,
    ),
    spec(
        Action::RemoveWeek,
        "Remove week",
        "remove the selected week (later dates move back)",
        &[],
        false,
    ),
    spec(
        Action::CalfProgram,
        "Calf program…",
        "schedule the calf program",
        &[key(CMD_SHIFT, Key::P)],
        false,
    ),
    spec(
        Action::LogSymptom,
        "Log how my calves feel…",
        "log pain, when it hurt and red flags",
        &[key(CMD, Key::L)],
        false,
    ),
    spec(
        Action::ReturnToRunning,
        "Return to running…",
        "plan a return after an injury",
        &[key(CMD_SHIFT, Key::R)],
        false,
    ),
    spec(
        Action::FitToHeadroom,
        "Fit to headroom…",
        "scale the weeks over their headroom down to it",
        &[key(CMD_SHIFT, Key::F)],
        false,
    ),
    spec(
        Action::Replan,
        "Re-plan from today…",
        "change the coming weeks after what was run so every rule is below caution",
        &[key(CMD, Key::R)],
        false,
    ),
    spec(
        Action::GoToToday,
        "Go to today",
        "scroll to today",
        &[],
        false,
    ),
    spec(
        Action::PreviousDay,
        "Previous day",
        "select the previous day",
        &[key(NONE, Key::ArrowLeft)],
        false,
    ),
    spec(
        Action::NextDay,
        "Next day",
        "select the next day",
        &[key(NONE, Key::ArrowRight)],
        false,
    ),
    spec(
        Action::PreviousWeek,
        "Previous week",
        "select the same day a week earlier",
        &[key(NONE, Key::ArrowUp)],
        false,
    ),
    spec(
        Action::NextWeek,
        "Next week",
        "select the same day a week later",
        &[key(NONE, Key::ArrowDown)],
        false,
    ),
    spec(
        Action::EditSelected,
        "Edit session",
        "edit the selected day's session in the inspector",
        &[key(NONE, Key::Enter)],
        false,
    ),
    spec(
        Action::ShowShortcuts,
        "Keyboard shortcuts",
        "this list",
        &[],
        false,
    ),
    spec(
        Action::ShowRules,
        "Rules and their evidence",
        "every rule with its thresholds and evidence",
        &[],
        false,
    ),
    spec(
        Action::About,
        "About Gradual",
        "version and scope",
        &[],
        false,
    ),
];

/// Mouse gestures and keys handled outside the action table (Escape belongs to the
/// window on top), listed with the keys in Help ▸ Keyboard shortcuts.
pub const GESTURES: &[(&str, &str)] = &[
    (
        "Escape",
        "leave a text field; again, close the window on top; in a dialog, Cancel",
    ),
    ("Double-click a day", "add a session"),
    ("Drag a session", "move it (hold Ctrl to copy)"),
    (
        "Right-click a day",
        "add a session or log how the calves feel",
    ),
];

impl Action {
    /// The action's entry in [`ACTIONS`].
    pub fn spec(self) -> &'static Spec {
        ACTIONS
            .iter()
            .find(|s| s.action == self)
            .expect("every action is in the table (tested)")
    }
}

/// Keys as text the way the platform writes them ("Ctrl+Shift+S", "⇧⌘S" on a Mac).
pub fn keys_text(ctx: &egui::Context, keys: &[KeyboardShortcut]) -> String {
    keys.iter()
        .map(|k| ctx.format_shortcut(k))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` followed by the action's first key from [`ACTIONS`], for a button's tooltip:
/// "Copy to the next day (Ctrl+D)".
pub fn with_key(ctx: &egui::Context, action: Action, text: &str) -> String {
    match action.spec().keys.first() {
        Some(k) => format!("{text} ({})", ctx.format_shortcut(k)),
        None => text.to_string(),
    }
}

/// The README's key table, written from [`ACTIONS`] (a test keeps the README equal to it).
pub fn keys_markdown() -> String {
    let ctx = egui::Context::default();
    ctx.set_os(egui::os::OperatingSystem::Nix); // the README names keys as on Linux
    let mut out = String::from("| keys | action |\n| --- | --- |\n");
    for s in ACTIONS.iter().filter(|s| !s.keys.is_empty()) {
        out.push_str(&format!("| {} | {} |\n", keys_text(&ctx, s.keys), s.help));
    }
    for (g, what) in GESTURES {
        out.push_str(&format!("| {g} | {what} |\n"));
    }
    out
}

/// The actions whose keys were pressed this frame, consuming the keys. With `typing`
/// (a text field has the keyboard) only actions that work while typing are looked at.
/// Keys with more modifiers are checked first, so Ctrl+Shift+S is not also Ctrl+S.
pub fn pressed(ctx: &egui::Context, typing: bool) -> Vec<Action> {
    let mut keys: Vec<(KeyboardShortcut, Action)> = ACTIONS
        .iter()
        .filter(|s| s.while_typing || !typing)
        .flat_map(|s| s.keys.iter().map(move |k| (*k, s.action)))
        .collect();
    keys.sort_by_key(|(k, _)| {
        let m = k.modifiers;
        std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
    });
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (k, action) in keys {
            if i.consume_shortcut(&k) && !out.contains(&action) {
                out.push(action);
            }
        }
        if typing {
            return;
        }
        // The platform may turn Ctrl+C/X/V into clipboard events: the same actions.
        i.events.retain(|e| {
            let action = match e {
                egui::Event::Copy => Action::Copy,
                egui::Event::Cut => Action::Cut,
                egui::Event::Paste(_) => Action::Paste,
                _ => return true,
            };
            if !out.contains(&action) {
                out.push(action);
            }
            false
        });
    });
    out
}

/// What views and dialogs ask of the app: an action, or something that carries data.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// An action from the table.
    Do(Action),
    /// Open this file (recent, roster, command line), after the unsaved-changes guard.
    OpenPath(PathBuf),
    /// Save to this path (the in-app path field, or tests).
    SaveTo(PathBuf),
    /// Replace the open plan with this one (from a template), after the guard.
    NewPlan(Box<Plan>),
    /// Write this template into the user's template folder under this name.
    SaveTemplate(Box<crate::templates::Template>, String),
    /// Import these activity files, folders or archives (dropped on the window).
    Import(Vec<PathBuf>),
    /// Say this in the status bar: after the frame's edits, so a view's own words about
    /// its Apply win over the general "Applied: …".
    Status(String),
}

impl From<Action> for Request {
    fn from(a: Action) -> Self {
        Request::Do(a)
    }
}

impl GradualApp {
    /// Whether `action` can be carried out now (menus grey out the others).
    pub fn enabled(&self, action: Action) -> bool {
        let session = self.ui.selection.is_some();
        let day = self.ui.selected_day.is_some() || session;
        let clip = self.window.clipboard.is_some();
        match action {
            Action::Undo => self.doc.undo_label().is_some(),
            Action::Redo => self.doc.redo_label().is_some(),
            Action::Cut | Action::Copy | Action::Duplicate | Action::Delete => session,
            Action::Paste | Action::PasteWeek => day && clip,
            Action::CopyWeek | Action::InsertWeek | Action::RemoveWeek => day,
            _ => true,
        }
    }

    /// Carries out a request from a menu, a key, a view or a dialog.
    pub fn perform(&mut self, ctx: &egui::Context, request: impl Into<Request>) {
        match request.into() {
            Request::Do(a) => self.act(ctx, a),
            Request::OpenPath(p) => self.guard(ctx, After::OpenPath(p)),
            Request::SaveTo(p) => self.start_save(ctx, p, None),
            Request::NewPlan(plan) => self.guard(ctx, After::NewPlan(plan)),
            Request::SaveTemplate(t, name) => self.start_save_template(ctx, *t, name),
            Request::Import(paths) => self.start_import(ctx, paths),
            Request::Status(m) => self.status = m,
        }
    }

    /// Carries out `action` (when it is enabled).
    fn act(&mut self, ctx: &egui::Context, action: Action) {
        if !self.enabled(action) {
            return;
        }
        let selected = self
            .ui
            .selection
            .and_then(|i| self.doc.plan().sessions.get(i).cloned().map(|s| (i, s)));
        let day = self
            .ui
            .selected_day
            .or(selected.as_ref().map(|(_, s)| s.date));
        match action {
            Action::New => self.guard(ctx, After::New),
            Action::NewFromTemplate => {
                self.window.new_template.date = self.today();
                self.window.new_template.open = true;
                self.start_templates(ctx);
            }
            Action::Open => self.guard(ctx, After::Open),
            Action::OpenFolder => self.start_dialog(ctx, Purpose::Folder),
            Action::Save => self.save_or_ask(ctx, None),
            Action::SaveAs => self.start_dialog(ctx, Purpose::SaveAs(None)),
            Action::SaveAsTemplate => self.open_save_template(),
            Action::Export(f) => self.start_dialog(ctx, Purpose::Export(f)),
            Action::ImportActivities => self.start_dialog(ctx, Purpose::Import),
            Action::Replan => {
                self.ui.replan.open = true;
                self.ui.replan.from = None;
            }
            Action::Quit => self.guard(ctx, After::Quit),
            Action::Undo => self.undo_redo(true),
            Action::Redo => self.undo_redo(false),
            Action::Copy | Action::Cut => {
                if let Some((i, s)) = selected {
                    self.copy_session(ctx, i, s, action == Action::Cut);
                }
            }
            Action::Paste | Action::PasteWeek => {
                if let (Some(clip), Some(day)) = (self.window.clipboard.clone(), day) {
                    let whole_week = clip.week || action == Action::PasteWeek;
                    self.paste(clip, if whole_week { week_start(day) } else { day });
                }
            }
            Action::Delete => {
                if let Some((i, _)) = selected {
                    self.apply(Command::DeleteSessions(vec![i]));
                }
            }
            Action::Duplicate => {
                if let Some((_, s)) = selected {
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
                    self.copy_week(week_start(day));
                }
            }
            Action::InsertWeek | Action::RemoveWeek => {
                if let Some(day) = day {
                    let monday = week_start(day);
                    self.apply(if action == Action::InsertWeek {
                        Command::InsertWeek(monday)
                    } else {
                        Command::RemoveWeek(monday)
                    });
                }
            }
            Action::CalfProgram => self.ui.calf.open = true,
            Action::LogSymptom => {
                let day = self.ui.selected_day.unwrap_or_else(|| self.today());
                self.ui.symptom_form = Some(views::symptoms::SymptomForm::new(day));
            }
            Action::ReturnToRunning => {
                self.ui.return_panel.open = true;
                self.ui.return_panel.from = None;
            }
            Action::FitToHeadroom => {
                self.ui.fit.open = true;
                if self.ui.selected_day.is_some() {
                    self.ui.fit.scope = views::fit_panel::Scope::Week;
                }
            }
            Action::GoToToday => {
                self.ui.scroll_to = Some(self.today());
                self.ui.selected_day = Some(self.today());
            }
            Action::PreviousDay => self.step_day(-1),
            Action::NextDay => self.step_day(1),
            Action::PreviousWeek => self.step_day(-7),
            Action::NextWeek => self.step_day(7),
            Action::EditSelected => self.edit_selected(),
            Action::ShowShortcuts => self.help = Some(Help::Shortcuts),
            Action::ShowRules => self.help = Some(Help::Rules),
            Action::About => self.help = Some(Help::About),
        }
    }

    /// Opens "Save as template", named after the plan the first time.
    fn open_save_template(&mut self) {
        let st = &mut self.window.save_template;
        st.open = true;
        st.message.clear();
        if st.name.is_empty() {
            st.name = self.doc.plan().name.clone();
        }
    }

    /// Copies session `i` to the clipboard (and the system's, as RON); `cut` deletes it.
    fn copy_session(&mut self, ctx: &egui::Context, i: usize, s: crate::model::Session, cut: bool) {
        ctx.copy_text(ron::to_string(&s).unwrap_or_default());
        self.window.clipboard = Some(Clip {
            sessions: vec![(0, s)],
            week: false,
        });
        if cut {
            self.apply(Command::DeleteSessions(vec![i]));
        }
    }

    /// Copies the week starting on `monday` to the clipboard.
    fn copy_week(&mut self, monday: NaiveDate) {
        let sessions: Vec<(i64, crate::model::Session)> = self
            .doc
            .plan()
            .sessions
            .iter()
            .filter(|s| week_start(s.date) == monday)
            .map(|s| ((s.date - monday).num_days(), s.clone()))
            .collect();
        self.status = format!("Copied the week of {monday} ({} sessions).", sessions.len());
        self.window.clipboard = Some(Clip {
            sessions,
            week: true,
        });
    }

    /// Enter: the selected day's first session in the inspector, its first field focused.
    fn edit_selected(&mut self) {
        if self.ui.selection.is_none()
            && let Some(day) = self.ui.selected_day
        {
            let r = self.doc.plan().day_range(day);
            self.ui.selection = (!r.is_empty()).then_some(r.start);
        }
        self.ui.focus_inspector = self.ui.selection.is_some();
    }

    /// Moves the selected day by `days`, scrolling when it leaves the screen.
    fn step_day(&mut self, days: i64) {
        let from = self.ui.selected_day.unwrap_or_else(|| self.today());
        let to = from + Duration::days(days);
        self.ui.selected_day = Some(to);
        self.ui.selection = None;
        if self.ui.visible.is_none_or(|(a, b)| to < a || to > b) {
            self.ui.scroll_to = Some(to);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_key_and_every_action_is_in_the_table() {
        let mut seen: Vec<(KeyboardShortcut, Action)> = Vec::new();
        for s in ACTIONS {
            for k in s.keys {
                if let Some((_, other)) = seen.iter().find(|(x, _)| x == k) {
                    panic!("{k:?} is the key of both {other:?} and {:?}", s.action);
                }
                seen.push((*k, s.action));
            }
        }
        let actions: Vec<Action> = ACTIONS.iter().map(|s| s.action).collect();
        for (i, a) in actions.iter().enumerate() {
            assert!(!actions[i + 1..].contains(a), "{a:?} is in the table twice");
        }
        // Every variant is in the table once (strum counts the variants; exports once
        // per format), and `spec` finds it.
        use strum::{EnumCount, IntoEnumIterator};
        let kinds: std::collections::HashSet<_> =
            actions.iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), Action::COUNT, "a variant is not in ACTIONS");
        for f in ExportFormat::iter() {
            assert!(actions.contains(&Action::Export(f)), "export {f:?}");
        }
        for a in &actions {
            assert_eq!(a.spec().action, *a);
        }
    }

    #[test]
    fn shift_variants_are_not_taken_by_the_plain_key() {
        let ctx = egui::Context::default();
        let mut input = egui::RawInput::default();
        input.events.push(egui::Event::Key {
            key: Key::S,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND.plus(Modifiers::SHIFT),
        });
        let mut got = Vec::new();
        let mut out = ctx.run_ui(input, |ui| got = pressed(ui.ctx(), false));
        out.textures_delta.clear();
        assert_eq!(got, [Action::SaveAs]);
    }

    #[test]
    fn the_readme_lists_the_keys_of_the_table() {
        let readme = include_str!("../../README.md");
        let table = keys_markdown();
        assert!(
            readme.contains(&table),
            "README.md's key table differs from the action table; put this in it:\n{table}"
        );
    }

    #[test]
    fn keys_are_written_the_platform_way() {
        let ctx = egui::Context::default();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        assert_eq!(keys_text(&ctx, Action::SaveAs.spec().keys), "Ctrl+Shift+S");
        // Tooltips name the table's key, so a changed key changes them too.
        assert_eq!(
            with_key(&ctx, Action::Duplicate, "Copy to the next day"),
            "Copy to the next day (Ctrl+D)"
        );
        assert_eq!(with_key(&ctx, Action::Delete, "Delete"), "Delete (Delete)");
        ctx.set_os(egui::os::OperatingSystem::Mac);
        // A Mac shows symbols when the fonts have them: fonts exist after a first frame.
        let mut frame = ctx.run_ui(Default::default(), |_| {});
        frame.textures_delta.clear();
        let mac = keys_text(&ctx, Action::SaveAs.spec().keys);
        assert!(!mac.contains("Ctrl"), "{mac}");
        assert!(mac.contains('S'), "{mac}");
    }
}
