//! The window: an eframe app over the core. Views read the [`Document`] and emit
//! [`Command`]s and [`Action`]s; [`GradualApp::apply`] and [`GradualApp::perform`] are
//! the only places that change the plan or touch files.

pub mod style;
pub mod tasks;
pub mod views;
pub mod watch;

use crate::document::{Command, Document, Selection};
use crate::format::{self, LoadError};
use crate::model::{Athlete, Level, Plan, week_start};
use chrono::{Duration, NaiveDate};
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tasks::{DialogKind, DialogOutcome, FileDialogs, RfdDialogs, Task};
use views::{BottomTab, Clip, UiState, ViewCtx};
use watch::Watcher;

/// The example plan opened on first start, built into the binary.
pub const EXAMPLE_PLAN: &str = include_str!("../../plans/half-marathon.ron");

/// The key of the preferences in eframe's storage.
const PREFS_KEY: &str = "gradual-prefs";
/// How many recent files are remembered.
const MAX_RECENT: usize = 10;

/// How the app reaches the outside world; tests replace the dialogs and run I/O inline.
pub struct AppConfig {
    /// File dialogs.
    pub dialogs: Arc<dyn FileDialogs>,
    /// Run dialogs and file I/O on worker threads (false in tests: results are immediate).
    pub background: bool,
    /// Today's date (fixed in tests so snapshots do not change).
    pub today: Option<NaiveDate>,
    /// Start the thread that notices changes to the open file.
    pub watch_files: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            dialogs: Arc::new(RfdDialogs),
            background: true,
            today: None,
            watch_files: true,
        }
    }
}

/// Colour theme preference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    /// Follow the desktop.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// UI preferences kept by eframe between runs. Only preferences: the plan lives in its file.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Recently opened plans, newest first.
    pub recent: Vec<PathBuf>,
    /// Colour theme.
    pub theme: Theme,
    /// Show the plan/athlete panel.
    pub show_plan: bool,
    /// Show the inspector.
    pub show_inspector: bool,
    /// Show the charts/warnings panel.
    pub show_bottom: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            theme: Theme::System,
            show_plan: true,
            show_inspector: true,
            show_bottom: true,
        }
    }
}

/// App-level actions from the menu and shortcuts (files, clipboard, weeks).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// File ▸ New.
    New,
    /// File ▸ Open… (dialog).
    Open,
    /// Open this file (recent, or command line).
    OpenPath(PathBuf),
    /// File ▸ Save.
    Save,
    /// File ▸ Save As… (dialog).
    SaveAs,
    /// Save to this path (the in-app path field, or tests).
    SaveTo(PathBuf),
    /// File ▸ Quit.
    Quit,
    /// File ▸ Export ▸ … (dialog).
    Export(crate::export::ExportFormat),
    /// File ▸ Open folder… (dialog).
    OpenFolder,
    /// Replace the open plan with this one (from a template), after the guard.
    NewPlan(Box<Plan>),
    /// Edit ▸ Cut.
    Cut,
    /// Edit ▸ Copy.
    Copy,
    /// Edit ▸ Paste.
    Paste,
    /// Delete the selected session.
    Delete,
    /// Duplicate the selected session to the next day.
    Duplicate,
    /// Copy the selected week.
    CopyWeek,
    /// Paste the copied week onto the selected week.
    PasteWeek,
    /// Insert an empty week before the selected week.
    InsertWeek,
    /// Remove the selected week.
    RemoveWeek,
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
enum After {
    New,
    NewPlan(Box<Plan>),
    Open,
    OpenPath(PathBuf),
    Quit,
    Reload,
}

#[derive(Clone, Debug, PartialEq)]
enum Purpose {
    Open,
    SaveAs(Option<After>),
    Export(crate::export::ExportFormat),
    Folder,
}

/// A dialog over the window.
#[derive(Clone, Debug, PartialEq)]
enum Modal {
    Unsaved(After),
    Error {
        title: String,
        text: String,
    },
    PathPrompt {
        purpose: Purpose,
        text: String,
    },
    DiskChanged,
    /// The file was loaded with comments: saving drops them (asked once).
    DropComments {
        path: PathBuf,
        then: Option<After>,
    },
    /// A save was refused: the file changed on disk since it was opened.
    SaveConflict {
        path: PathBuf,
        then: Option<After>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Help {
    Shortcuts,
    Rules,
    About,
}

/// What a save task returns: the written text's fingerprint, or (message, refused
/// because the file changed on disk).
type SaveOutcome = (PathBuf, Result<format::Fingerprint, (String, bool)>);

enum Pending {
    Dialog(Purpose, Task<DialogOutcome>),
    Export(Task<(PathBuf, Result<(), String>)>),
    Scan(Task<views::roster::Roster>),
    Load(Task<(PathBuf, Result<format::Loaded, LoadError>)>),
    Save {
        task: Task<SaveOutcome>,
        state: u64,
        then: Option<After>,
    },
}

/// The Gradual window.
pub struct GradualApp {
    /// The open plan and its history.
    pub doc: Document,
    /// Selection, scroll, filters, typed text.
    pub ui: UiState,
    /// Preferences kept between runs.
    pub prefs: Prefs,
    config: AppConfig,
    watcher: Watcher,
    folder_watcher: Watcher,
    /// The open folder of plans, if any.
    pub roster: Option<views::roster::Roster>,
    pending: Vec<Pending>,
    modal: Option<Modal>,
    help: Option<Help>,
    allow_close: bool,
    title: String,
    status: String,
    applied_theme: Option<Theme>,
}

/// Opens the window (`gradual` with no subcommand).
pub fn run(initial: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Gradual")
            .with_app_id("gradual")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Gradual",
        options,
        Box::new(move |cc| {
            Ok(Box::new(GradualApp::new(
                &cc.egui_ctx,
                cc.storage,
                AppConfig::default(),
                initial,
            )))
        }),
    )
}

fn example_document() -> Document {
    let plan = format::parse(EXAMPLE_PLAN, Path::new("example.ron"))
        .expect("the bundled example is valid");
    Document::new(plan, None)
}

impl GradualApp {
    /// Creates the app: preferences from `storage`; opens `initial`, else the last plan
    /// opened, else the bundled example.
    pub fn new(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        config: AppConfig,
        initial: Option<PathBuf>,
    ) -> Self {
        let prefs: Prefs = storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let watcher = Watcher::default();
        let folder_watcher = Watcher::default();
        if config.watch_files {
            watcher.start(ctx);
            folder_watcher.start(ctx);
        }
        let mut app = GradualApp {
            doc: example_document(),
            ui: UiState::default(),
            prefs,
            config,
            watcher,
            folder_watcher,
            roster: None,
            pending: Vec::new(),
            modal: None,
            help: None,
            allow_close: false,
            title: String::new(),
            status: String::new(),
            applied_theme: None,
        };
        let start = initial
            .clone()
            .or_else(|| app.prefs.recent.first().cloned());
        if let Some(path) = start {
            match format::load_full(&path) {
                Ok(loaded) => app.opened(path, loaded),
                Err(e) if initial.is_some() => app.error("Could not open the plan", e.to_string()),
                Err(_) => {
                    app.status = format!(
                        "{} could not be opened; showing the example plan.",
                        path.display()
                    )
                }
            }
        } else {
            app.status = "Showing the bundled example plan. File > New starts your own.".into();
        }
        app.ui.scroll_to = Some(app.initial_scroll());
        app
    }

    /// Today's date.
    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    fn initial_scroll(&self) -> NaiveDate {
        let today = self.today();
        match self.doc.plan().date_range() {
            Some((lo, hi)) if today >= lo && today <= hi => today,
            Some((lo, _)) => lo,
            None => today,
        }
    }

    /// The text of the dialog over the window, if one is open (for tests and screen readers).
    pub fn modal_text(&self) -> Option<String> {
        self.modal.as_ref().map(|m| match m {
            Modal::Unsaved(_) => "unsaved changes".to_string(),
            Modal::Error { title, text } => format!("{title}\n{text}"),
            Modal::PathPrompt { .. } => "path prompt".to_string(),
            Modal::DiskChanged => "changed on disk".to_string(),
            Modal::DropComments { .. } => "saving drops comments".to_string(),
            Modal::SaveConflict { .. } => "save conflict".to_string(),
        })
    }

    /// The status line's text.
    pub fn status(&self) -> &str {
        &self.status
    }

    fn error(&mut self, title: &str, text: String) {
        self.modal = Some(Modal::Error {
            title: title.to_string(),
            text,
        });
    }

    fn opened(&mut self, path: PathBuf, loaded: format::Loaded) {
        self.doc = Document::new(loaded.plan, Some(path.clone()));
        self.doc.fingerprint = Some(loaded.fingerprint);
        self.doc.has_comments = loaded.has_comments;
        self.ui = UiState {
            severity_filter: self.ui.severity_filter,
            bottom_tab: self.ui.bottom_tab,
            clipboard: self.ui.clipboard.take(),
            ..UiState::default()
        };
        self.ui.scroll_to = Some(self.initial_scroll());
        self.remember(&path);
        self.watcher.watch(Some(&path));
        self.status = if self.doc.has_comments {
            format!(
                "Opened {}. It has comments: saving writes one canonical form without them (the original is kept as .bak).",
                path.display()
            )
        } else {
            format!("Opened {}", path.display())
        };
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// Applies an edit through the document and follows its selection.
    pub fn apply(&mut self, cmd: Command) {
        let structural = cmd.merge_key().is_none();
        if structural {
            self.doc.end_gesture();
        }
        let offers = !matches!(
            cmd,
            Command::ReplaceSessions(..) | Command::Undo | Command::Redo
        );
        let before = calf_conflicts(self.doc.plan());
        let logged = match &cmd {
            Command::AddSymptom(s) => Some(s.clone()),
            _ => None,
        };
        let generated_before = self
            .doc
            .plan()
            .sessions
            .iter()
            .filter(|s| s.generated)
            .count();
        let result = self.doc.handle(cmd);
        if let Some(s) = logged.filter(|_| result.is_some()) {
            self.ui.selected_symptom = self.doc.plan().symptoms.iter().position(|x| *x == s);
            self.ui.selection = None;
            let generated = self
                .doc
                .plan()
                .sessions
                .iter()
                .filter(|s| s.generated)
                .count();
            self.status = format!(
                "Logged {}{}.",
                views::symptoms::label(&s),
                if generated != generated_before {
                    "; the calf program was rescheduled"
                } else {
                    ""
                }
            );
        }
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
        let after = calf_conflicts(self.doc.plan());
        if after.is_empty() {
            self.ui.calf_conflict = None;
        } else if offers && let Some(d) = after.iter().find(|d| !before.contains(d)) {
            self.ui.calf_conflict = Some(*d);
        }
    }

    fn start_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let stem = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| crate::model::slug(&self.doc.plan().name));
        let kind = match &purpose {
            Purpose::Open => DialogKind::Open,
            Purpose::SaveAs(_) => DialogKind::Save(format!("{stem}.ron")),
            Purpose::Export(f) => {
                DialogKind::Export(format!("{stem}.{}", f.extension()), f.extension())
            }
            Purpose::Folder => DialogKind::Folder,
        };
        let dialogs = Arc::clone(&self.config.dialogs);
        let task = Task::spawn(ctx, self.config.background, move || dialogs.pick(&kind));
        self.pending.push(Pending::Dialog(purpose, task));
    }

    fn start_scan(&mut self, ctx: &egui::Context, folder: PathBuf) {
        let task = Task::spawn(ctx, self.config.background, move || {
            views::roster::scan(&folder)
        });
        self.pending.push(Pending::Scan(task));
    }

    /// Re-reads the open folder now if it changed (its watcher thread checks every second).
    pub fn check_folder_on_disk(&mut self) {
        self.folder_watcher.check_now();
    }

    fn start_load(&mut self, ctx: &egui::Context, path: PathBuf) {
        let task = Task::spawn(ctx, self.config.background, move || {
            let r = format::load_full(&path);
            (path, r)
        });
        self.pending.push(Pending::Load(task));
    }

    /// Saves to `path`; a plan loaded with comments asks first (saving drops them).
    fn start_save(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<After>) {
        if self.doc.has_comments && self.doc.path.as_deref() == Some(path.as_path()) {
            self.modal = Some(Modal::DropComments { path, then });
            return;
        }
        self.save_now(ctx, path, then);
    }

    fn save_now(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<After>) {
        let plan = self.doc.plan().clone();
        let state = self.doc.state();
        // Saving over the open file refuses to clobber someone else's change to it.
        let expected = if self.doc.path.as_deref() == Some(path.as_path()) {
            self.doc.fingerprint
        } else {
            None
        };
        let task = Task::spawn(ctx, self.config.background, move || {
            let r = format::save_checked(&plan, &path, expected.as_ref())
                .map(|_| format::Fingerprint::of(format::to_canonical_string(&plan).as_bytes()))
                .map_err(|e| (e.to_string(), e.is_changed_on_disk()));
            (path, r)
        });
        self.pending.push(Pending::Save { task, state, then });
    }

    /// Runs `after` now if there are no unsaved changes, else asks first.
    fn guard(&mut self, ctx: &egui::Context, after: After) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(after));
        } else {
            self.proceed(ctx, after);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, after: After) {
        match after {
            After::New => {
                let mut plan = Plan::new("New plan", Athlete::new("Runner", Level::Novice));
                plan.blocks.clear();
                self.doc = Document::new(plan, None);
                self.watcher.watch(None);
                self.ui = UiState {
                    selected_day: Some(self.today()),
                    scroll_to: Some(self.today()),
                    ..UiState::default()
                };
                self.status = "New plan: double-click a day to add a session.".into();
            }
            After::NewPlan(plan) => {
                self.doc = Document::new(*plan, None);
                self.doc.mark_unsaved(); // a new plan to save somewhere
                self.watcher.watch(None);
                let first = self.doc.plan().date_range().map(|(lo, _)| lo);
                self.ui = UiState {
                    scroll_to: first,
                    ..UiState::default()
                };
                self.status = "New plan from a template: Save As to keep it.".into();
            }
            After::Open => self.start_dialog(ctx, Purpose::Open),
            After::OpenPath(p) => self.start_load(ctx, p),
            After::Reload => {
                if let Some(p) = self.doc.path.clone() {
                    self.start_load(ctx, p);
                }
            }
            After::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn save_or_ask(&mut self, ctx: &egui::Context, then: Option<After>) {
        match self.doc.path.clone() {
            Some(p) => self.start_save(ctx, p, then),
            None => self.start_dialog(ctx, Purpose::SaveAs(then)),
        }
    }

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

    fn paste(&mut self, clip: Clip, anchor: NaiveDate) {
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

    /// Checks the open file on disk now (the watcher thread does this every second).
    pub fn check_file_on_disk(&mut self) {
        self.watcher.check_now();
    }

    fn poll_pending(&mut self, ctx: &egui::Context) {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            match p {
                Pending::Dialog(purpose, task) => match task.poll() {
                    None => self.pending.push(Pending::Dialog(purpose, task)),
                    Some(DialogOutcome::Cancelled) => {}
                    Some(DialogOutcome::Unavailable) => {
                        let text = self
                            .doc
                            .path
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        self.modal = Some(Modal::PathPrompt { purpose, text });
                    }
                    Some(DialogOutcome::Picked(path)) => self.picked(ctx, purpose, path),
                },
                Pending::Export(task) => match task.poll() {
                    None => self.pending.push(Pending::Export(task)),
                    Some((path, Ok(()))) => self.status = format!("Exported {}", path.display()),
                    Some((_, Err(e))) => self.error("Could not export the plan", e),
                },
                Pending::Scan(task) => match task.poll() {
                    None => self.pending.push(Pending::Scan(task)),
                    Some(roster) => {
                        self.prefs.show_plan = true;
                        self.roster = Some(roster);
                    }
                },
                Pending::Load(task) => match task.poll() {
                    None => self.pending.push(Pending::Load(task)),
                    Some((path, Ok(loaded))) => self.opened(path, loaded),
                    Some((_, Err(e))) => self.error(
                        "Could not open the plan",
                        format!("{e}\n\nThe plan you had open is unchanged."),
                    ),
                },
                Pending::Save { task, state, then } => match task.poll() {
                    None => self.pending.push(Pending::Save { task, state, then }),
                    Some((path, Ok(fingerprint))) => {
                        self.doc.mark_saved_state(path.clone(), state);
                        self.doc.fingerprint = Some(fingerprint);
                        self.doc.has_comments = false;
                        self.remember(&path);
                        self.watcher.watch(Some(&path));
                        self.status = format!("Saved {}", path.display());
                        if let Some(after) = then {
                            self.proceed(ctx, after);
                        }
                    }
                    Some((path, Err((_, true)))) => {
                        self.modal = Some(Modal::SaveConflict { path, then })
                    }
                    Some((_, Err((e, _)))) => self.error("Could not save the plan", e),
                },
            }
        }
    }

    fn picked(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.start_load(ctx, path),
            Purpose::SaveAs(then) => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.start_save(ctx, path, then);
            }
            Purpose::Export(f) => {
                let path = if path.extension().is_none() {
                    path.with_extension(f.extension())
                } else {
                    path
                };
                let plan = self.doc.plan().clone();
                let task = Task::spawn(ctx, self.config.background, move || {
                    let text = crate::export::export(&plan, f);
                    let r = format::write_atomic(&path, text.as_bytes(), false)
                        .map_err(|e| e.to_string());
                    (path, r)
                });
                self.pending.push(Pending::Export(task));
            }
            Purpose::Folder => {
                self.folder_watcher.watch(Some(&path));
                self.start_scan(ctx, path);
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Action> {
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

    /// Draws one frame (what [`eframe::App::ui`] calls; benchmarks and tests call it too).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(match self.prefs.theme {
                Theme::System => egui::ThemePreference::System,
                Theme::Light => egui::ThemePreference::Light,
                Theme::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.prefs.theme);
        }
        self.poll_pending(&ctx);
        if self.folder_watcher.take_changed()
            && let Some(r) = &self.roster
        {
            let folder = r.folder.clone();
            self.folder_watcher.watch(Some(&folder));
            self.start_scan(&ctx, folder);
        }
        if self.watcher.take_changed() && self.doc.path.is_some() {
            self.modal = Some(Modal::DiskChanged);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(After::Quit));
        }

        let mut actions = if self.modal.is_none() {
            self.shortcuts(&ctx)
        } else {
            Vec::new()
        };
        let mut commands: Vec<Command> = Vec::new();

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu(ui, &mut actions, &mut commands));
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let file = self
                    .doc
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "not saved to a file".into());
                let dirty = if self.doc.is_dirty() {
                    " — unsaved changes"
                } else {
                    ""
                };
                ui.label(RichText::new(format!("{file}{dirty}")).small());
                ui.separator();
                ui.label(RichText::new(&self.status).small().weak());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    for (name, color) in style::legend().iter().rev() {
                        ui.label(RichText::new(*name).small().color(*color).strong());
                    }
                });
            });
        });
        let today = self.today();
        let mut close_roster = false;
        // Views borrow the document immutably and push commands; applied afterwards.
        let v = ViewCtx {
            doc: &self.doc,
            today,
        };
        if self.prefs.show_plan {
            egui::Panel::left("plan")
                .resizable(true)
                .default_size(225.0)
                .max_size(320.0)
                .show(ui, |ui| {
                    // A folder of plans sits above the open plan, in the same panel.
                    if let Some(roster) = &self.roster {
                        egui::CollapsingHeader::new("Athletes")
                            .id_salt("roster")
                            .default_open(true)
                            .show(ui, |ui| {
                                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                                if let Some(p) =
                                    views::roster::show(ui, roster, v.doc.path.as_deref())
                                {
                                    actions.push(Action::OpenPath(p));
                                }
                                if ui.button("Close folder").clicked() {
                                    close_roster = true;
                                }
                            });
                        ui.separator();
                    }
                    views::plan_panel::show(ui, &v, &mut self.ui, &mut commands);
                });
        }
        if self.prefs.show_inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(270.0)
                .show(ui, |ui| {
                    views::inspector::show(ui, &v, &mut self.ui, &mut commands);
                });
        }
        if self.prefs.show_bottom {
            egui::Panel::bottom("bottom")
                .resizable(true)
                .default_size(210.0)
                .min_size(120.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.selectable_value(
                            &mut self.ui.bottom_tab,
                            BottomTab::Charts,
                            "📈 Charts",
                        );
                        ui.selectable_value(
                            &mut self.ui.bottom_tab,
                            BottomTab::Warnings,
                            views::warnings::tab_title(v.doc.report()),
                        );
                    });
                    ui.separator();
                    match self.ui.bottom_tab {
                        BottomTab::Charts => views::charts::show(ui, &v, &mut self.ui),
                        BottomTab::Warnings => views::warnings::show(ui, &v, &mut self.ui),
                    }
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(day) = self.ui.calf_conflict {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "A run now shares {} with a calf program session.",
                            day.format("%a %-d %b")
                        ))
                        .color(style::severity_color(crate::analysis::Severity::Caution)),
                    );
                    if ui.button("Reschedule calf program").clicked()
                        && let Some(cmd) =
                            views::calf_panel::apply_command(&v, &self.ui.calf.options())
                    {
                        commands.push(cmd);
                    }
                    if ui.button("Not now").clicked() {
                        self.ui.calf_conflict = None;
                    }
                });
            }
            views::calendar::show(ui, &v, &mut self.ui, &mut commands);
        });
        views::calf_panel::show(&ctx, &v, &mut self.ui, &mut commands);
        views::symptoms::show_form(&ctx, &mut self.ui, &mut commands);
        views::return_panel::show(&ctx, &v, &mut self.ui, &mut commands);
        if let Some(plan) = views::template_panel::show_new(&ctx, &mut self.ui) {
            actions.push(Action::NewPlan(Box::new(plan)));
        }
        views::template_panel::show_save(&ctx, &v, &mut self.ui);

        if close_roster {
            self.roster = None;
            self.folder_watcher.watch(None);
        }
        self.modals(&ctx);
        self.help_windows(&ctx);

        let selected_before = self.ui.selection;
        for c in commands {
            self.apply(c);
        }
        for a in actions {
            self.perform(&ctx, a);
        }
        if self.ui.selection != selected_before {
            self.ui.fields.reset();
        }

        let title = format!(
            "{}{} — {} — Gradual",
            if self.doc.is_dirty() { "* " } else { "" },
            self.doc.plan().name,
            self.doc
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "not saved".into())
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn menu(&mut self, ui: &mut Ui, actions: &mut Vec<Action>, commands: &mut Vec<Command>) {
        let item = |ui: &mut Ui, text: &str, shortcut: &str, enabled: bool| -> bool {
            ui.add_enabled(enabled, egui::Button::new(text).shortcut_text(shortcut))
                .clicked()
        };
        ui.menu_button("File", |ui| {
            if item(ui, "New", "Ctrl+N", true) {
                actions.push(Action::New);
            }
            if item(ui, "New from template…", "", true) {
                self.ui.new_template.date = self.today();
                self.ui.new_template.open(self.ui.template_dir.as_deref());
            }
            if item(ui, "Open…", "Ctrl+O", true) {
                actions.push(Action::Open);
            }
            if item(ui, "Open folder…", "", true) {
                actions.push(Action::OpenFolder);
            }
            ui.menu_button("Open recent", |ui| {
                if self.prefs.recent.is_empty() {
                    ui.label("No recent plans");
                }
                for p in self.prefs.recent.clone() {
                    if ui.button(p.display().to_string()).clicked() {
                        actions.push(Action::OpenPath(p));
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", "Ctrl+S", true) {
                actions.push(Action::Save);
            }
            if item(ui, "Save As…", "Ctrl+Shift+S", true) {
                actions.push(Action::SaveAs);
            }
            if item(ui, "Save as template…", "", true) {
                self.ui.save_template.open = true;
                if self.ui.save_template.name.is_empty() {
                    self.ui.save_template.name = self.doc.plan().name.clone();
                }
            }
            ui.menu_button("Export", |ui| {
                for (text, f) in [
                    ("Calendar (ICS)…", crate::export::ExportFormat::Ics),
                    ("Spreadsheet (CSV)…", crate::export::ExportFormat::Csv),
                    ("Printable page (HTML)…", crate::export::ExportFormat::Html),
                ] {
                    if ui.button(text).clicked() {
                        actions.push(Action::Export(f));
                    }
                }
            });
            ui.separator();
            if item(ui, "Quit", "Ctrl+Q", true) {
                actions.push(Action::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = self
                .doc
                .undo_label()
                .map(|l| format!("Undo {l}"))
                .unwrap_or_else(|| "Undo".into());
            if item(ui, &undo, "Ctrl+Z", self.doc.undo_label().is_some()) {
                commands.push(Command::Undo);
            }
            let redo = self
                .doc
                .redo_label()
                .map(|l| format!("Redo {l}"))
                .unwrap_or_else(|| "Redo".into());
            if item(ui, &redo, "Ctrl+Shift+Z", self.doc.redo_label().is_some()) {
                commands.push(Command::Redo);
            }
            ui.separator();
            let has = self.ui.selection.is_some();
            let day = self.ui.selected_day.is_some() || has;
            let clip = self.ui.clipboard.is_some();
            for (text, key, enabled, action) in [
                ("Cut session", "Ctrl+X", has, Action::Cut),
                ("Copy session", "Ctrl+C", has, Action::Copy),
                ("Paste", "Ctrl+V", clip && day, Action::Paste),
                ("Duplicate session", "Ctrl+D", has, Action::Duplicate),
                ("Delete session", "Del", has, Action::Delete),
            ] {
                if item(ui, text, key, enabled) {
                    actions.push(action);
                }
            }
            ui.separator();
            for (text, enabled, action) in [
                ("Copy week", day, Action::CopyWeek),
                ("Paste week", day && clip, Action::PasteWeek),
                ("Insert week", day, Action::InsertWeek),
                ("Remove week", day, Action::RemoveWeek),
            ] {
                if item(ui, text, "", enabled) {
                    actions.push(action);
                }
            }
        });
        ui.menu_button("Plan", |ui| {
            if ui.button("Calf program…").clicked() {
                self.ui.calf.open = true;
            }
            if ui.button("Log how my calves feel…").clicked() {
                let day = self.ui.selected_day.unwrap_or_else(|| self.today());
                self.ui.symptom_form = Some(views::symptoms::SymptomForm::new(day));
            }
            if ui.button("Return to running…").clicked() {
                self.ui.return_panel.open = true;
                self.ui.return_panel.from = None;
            }
        });
        ui.menu_button("View", |ui| {
            ui.label(RichText::new("Theme").strong());
            ui.radio_value(&mut self.prefs.theme, Theme::System, "Follow the system");
            ui.radio_value(&mut self.prefs.theme, Theme::Light, "Light");
            ui.radio_value(&mut self.prefs.theme, Theme::Dark, "Dark");
            ui.separator();
            ui.checkbox(&mut self.prefs.show_plan, "Plan and athlete panel");
            ui.checkbox(&mut self.prefs.show_inspector, "Inspector");
            ui.checkbox(&mut self.prefs.show_bottom, "Charts and warnings");
            ui.separator();
            if ui.button("Go to today").clicked() {
                self.ui.scroll_to = Some(self.today());
                self.ui.selected_day = Some(self.today());
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                self.help = Some(Help::Shortcuts);
            }
            if ui.button("Rules and their evidence").clicked() {
                self.help = Some(Help::Rules);
            }
            if ui.button("About Gradual").clicked() {
                self.help = Some(Help::About);
            }
        });
        // Ctrl+Q quits too.
        if ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Q)))
        {
            actions.push(Action::Quit);
        }
    }

    fn modals(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let name = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.doc.plan().name.clone());
        egui::Modal::new(egui::Id::unique("gradual-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &modal {
                Modal::Unsaved(after) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!("Save the changes to “{name}” first?"));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            self.save_or_ask(ctx, Some(after.clone()));
                        }
                        if ui.button("Discard changes").clicked() {
                            close = true;
                            self.proceed(ctx, after.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Error { title, text } => {
                    ui.heading(title);
                    ui.label(RichText::new(text).monospace());
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
                Modal::PathPrompt { purpose, text } => {
                    let verb = match purpose {
                        Purpose::Open | Purpose::Folder => "Open",
                        Purpose::SaveAs(_) => "Save",
                        Purpose::Export(_) => "Export",
                    };
                    ui.heading(format!("{verb} plan"));
                    ui.label("No file dialog is available on this desktop. Type the file's path:");
                    let mut t = text.clone();
                    let l = ui.label("File path");
                    let resp = ui.add(egui::TextEdit::singleline(&mut t).desired_width(460.0)).labelled_by(l.id);
                    if t != *text {
                        self.modal = Some(Modal::PathPrompt { purpose: purpose.clone(), text: t.clone() });
                    }
                    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if (ui.button(verb).clicked() || enter) && !t.trim().is_empty() {
                            close = true;
                            self.picked(ctx, purpose.clone(), PathBuf::from(t.trim()));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::DiskChanged => {
                    ui.heading("The file changed on disk");
                    if self.doc.is_dirty() {
                        ui.label(format!("“{name}” was changed by another program, and you have unsaved changes here. Reloading loses your changes; keeping yours means saving will overwrite the other version."));
                    } else {
                        ui.label(format!("“{name}” was changed by another program. Reload it?"));
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Reload from disk").clicked() {
                            close = true;
                            self.proceed(ctx, After::Reload);
                        }
                        if ui.button("Keep my version").clicked() {
                            close = true;
                            self.watcher.watch(self.doc.path.as_deref());
                            // Saving will now overwrite the other version, as chosen.
                            self.doc.fingerprint = self
                                .doc
                                .path
                                .as_deref()
                                .and_then(format::Fingerprint::of_file);
                            self.doc.mark_unsaved();
                        }
                    });
                }
                Modal::DropComments { path, then } => {
                    ui.heading("Saving removes the comments");
                    ui.label(format!("“{name}” has comments (// …). Gradual saves one canonical form of the plan, without them; the file as it is now is kept as {}.", format::backup_path(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()));
                    ui.horizontal(|ui| {
                        if ui.button("Save without the comments").clicked() {
                            close = true;
                            self.doc.has_comments = false;
                            self.save_now(ctx, path.clone(), then.clone());
                        }
                        if ui.button("Save As…").clicked() {
                            close = true;
                            self.start_dialog(ctx, Purpose::SaveAs(then.clone()));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::SaveConflict { path, then } => {
                    ui.heading("Not saved: the file changed on disk");
                    ui.label(format!("“{name}” was changed by another program (or another Gradual) since you opened it. Nothing was overwritten."));
                    ui.horizontal(|ui| {
                        if ui.button("Reload from disk").clicked() {
                            close = true;
                            self.proceed(ctx, After::Reload);
                        }
                        if ui.button("Overwrite with my version").clicked() {
                            close = true;
                            self.doc.fingerprint = format::Fingerprint::of_file(path);
                            self.save_now(ctx, path.clone(), then.clone());
                        }
                        if ui.button("Save As…").clicked() {
                            close = true;
                            self.start_dialog(ctx, Purpose::SaveAs(then.clone()));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
            }
        });
        if close
            && self
                .modal
                .as_ref()
                .is_some_and(|m| std::mem::discriminant(m) == std::mem::discriminant(&modal))
        {
            self.modal = None;
        }
    }

    fn help_windows(&mut self, ctx: &egui::Context) {
        let Some(help) = self.help else {
            return;
        };
        let mut open = true;
        let title = match help {
            Help::Shortcuts => "Keyboard shortcuts",
            Help::Rules => "Rules and their evidence",
            Help::About => "About Gradual",
        };
        egui::Window::new(title)
        .default_pos([260.0, 60.0]).open(&mut open).default_width(560.0).show(ctx, |ui| match help {
            Help::Shortcuts => {
                egui::Grid::new("keys").striped(true).show(ui, |ui| {
                    for (k, what) in [
                        ("Ctrl+N / Ctrl+O", "new plan / open a plan"),
                        ("Ctrl+S / Ctrl+Shift+S", "save / save as"),
                        ("Ctrl+Z", "undo"),
                        ("Ctrl+Shift+Z, Ctrl+Y", "redo"),
                        ("Arrow keys", "move the selected day (up/down: a week)"),
                        ("Enter", "edit the selected session in the inspector"),
                        ("Delete", "delete the selected session"),
                        ("Ctrl+C / Ctrl+X / Ctrl+V", "copy / cut / paste sessions"),
                        ("Ctrl+D", "duplicate the session to the next day"),
                        ("Double-click a day", "add a session"),
                        ("Drag a session", "move it (hold Ctrl to copy)"),
                        ("Ctrl+Q", "quit"),
                    ] {
                        ui.label(RichText::new(k).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
            }
            Help::Rules => {
                egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                    let plan = self.doc.plan();
                    let t = crate::model::Thresholds::resolve(&plan.settings, plan.athlete.level);
                    ui.label(format!(
                        "Thresholds in force for this plan ({} athlete{}):",
                        plan.athlete.level.name(),
                        if plan.settings.is_default() { "" } else { ", with the plan's settings" }
                    ));
                    for r in crate::analysis::RULES {
                        ui.label(RichText::new(format!("{} ({})", r.title, r.id)).strong());
                        ui.label(r.rule.thresholds(&t));
                        ui.label(RichText::new(r.evidence).small().weak());
                        ui.add_space(6.0);
                    }
                    ui.label(RichText::new("Calf-load factors are estimates relative to easy road running, not measurements.").small());
                });
            }
            Help::About => {
                ui.label(format!("Gradual {}", env!("CARGO_PKG_VERSION")));
                ui.label("A training planner that explains every risky spot in a plan: too-much-too-soon, long-run spikes, load ratio, returns after a break, barefoot running and calf-loading cross-training.");
                ui.label("Warnings are risk signals from studies and expert opinion, not diagnoses. Pain that does not settle, or any red flag, needs a professional.");
            }
        });
        if !open {
            self.help = None;
        }
    }
}

/// Days where a generated calf session shares the day with a run.
fn calf_conflicts(plan: &Plan) -> Vec<NaiveDate> {
    // The document keeps sessions sorted by date: look up each calf day's sessions.
    let mut days: Vec<NaiveDate> = plan
        .sessions
        .iter()
        .filter(|s| s.generated && s.activity.is_calf_work())
        .filter(|c| {
            plan.sessions[views::calendar::day_range(&plan.sessions, c.date)]
                .iter()
                .any(|r| r.run().is_some() && r.counts())
        })
        .map(|c| c.date)
        .collect();
    days.dedup();
    days
}

impl eframe::App for GradualApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
