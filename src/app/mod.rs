//! The window: an eframe app over the core. Views read the [`Document`] and emit
//! [`Command`]s and [`Action`]s; [`GradualApp::apply`] and [`GradualApp::perform`] are
//! the only places that change the plan or touch files.

pub mod actions;
mod files;
mod menu;
mod modals;
pub mod style;
pub mod tasks;
pub mod views;
pub mod watch;

use crate::document::{Command, Document, Selection};
use crate::format::{self, LoadError};
use crate::model::{Athlete, Level, Plan, week_start};
pub use actions::{Action, Request};
use chrono::{Duration, NaiveDate};
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tasks::{DialogKind, DialogOutcome, FileDialogs, RfdDialogs, Task};
use views::{BottomTab, Clip, UiState, ViewCtx, WindowUi};
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
    /// The folder of the user's own templates (`GRADUAL_TEMPLATES`, else the XDG data
    /// folder; see `templates::user_dir`), read once here rather than by each view.
    pub template_dir: Option<PathBuf>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            dialogs: Arc::new(RfdDialogs),
            background: true,
            today: None,
            watch_files: true,
            template_dir: crate::templates::user_dir(),
        }
    }
}

impl AppConfig {
    /// Today's date: the fixed one in tests, else the local clock's. The window reads the
    /// date only through here.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
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
    /// Activity files to import.
    Import,
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
    Scan(Task<crate::roster::Roster>),
    Templates(Task<Vec<crate::templates::Entry>>),
    SaveTemplate(Task<Result<PathBuf, String>>),
    Load(Task<(PathBuf, Result<format::Loaded, LoadError>)>),
    Import(Task<crate::import::Found>),
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
    /// The open document's view state: selection, scroll, typed text, its panels.
    pub ui: UiState,
    /// View state that outlives documents: clipboard, tabs, filter, template windows.
    pub window: WindowUi,
    /// The templates (built-in and the user's), read off the UI thread.
    pub templates: Vec<crate::templates::Entry>,
    /// Preferences kept between runs.
    pub prefs: Prefs,
    config: AppConfig,
    watcher: Watcher,
    folder_watcher: Watcher,
    /// The open folder of plans, if any.
    pub roster: Option<crate::roster::Roster>,
    /// The open plan's file with links resolved (the roster marks it).
    open_file: Option<PathBuf>,
    pending: Vec<Pending>,
    modal: Option<Modal>,
    help: Option<Help>,
    allow_close: bool,
    title: String,
    status: String,
    applied_theme: Option<Theme>,
    /// Frames drawn so far (work that can wait starts after the first).
    frames: u64,
}

/// The renderer: glow (OpenGL), measured faster to the first window and lighter than
/// wgpu (README, Speed); `GRADUAL_RENDERER=wgpu` picks wgpu instead (a driver where
/// OpenGL misbehaves; scripts/measure-startup.sh compares the two).
pub fn renderer() -> eframe::Renderer {
    match std::env::var("GRADUAL_RENDERER").as_deref() {
        Ok("wgpu") => eframe::Renderer::Wgpu,
        _ => eframe::Renderer::Glow,
    }
}

/// Opens the window (`gradual` with no subcommand).
pub fn run(initial: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Gradual")
            .with_app_id("gradual")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0]),
        renderer: renderer(),
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
        let today = config.today();
        let mut app = GradualApp {
            // A placeholder until the plan (or the example) below replaces it.
            doc: Document::new(Plan::new("", Athlete::new("", Level::Novice)), None),
            ui: UiState::default(),
            window: WindowUi::new(today),
            templates: Vec::new(),
            prefs,
            config,
            watcher,
            folder_watcher,
            roster: None,
            open_file: None,
            pending: Vec::new(),
            modal: None,
            help: None,
            allow_close: false,
            title: String::new(),
            status: String::new(),
            applied_theme: None,
            frames: 0,
        };
        let start = initial
            .clone()
            .or_else(|| app.prefs.recent.first().cloned());
        match start.map(|p| (format::load_full(&p), p)) {
            Some((Ok(loaded), path)) => app.opened(path, loaded),
            Some((Err(e), _)) if initial.is_some() => {
                app.replace_document(example_document(), None);
                app.error("Could not open the plan", e.to_string());
            }
            Some((Err(_), path)) => {
                app.replace_document(example_document(), None);
                app.status = format!(
                    "{} could not be opened; showing the example plan.",
                    path.display()
                );
            }
            None => {
                app.replace_document(example_document(), None);
                app.status = "Showing the bundled example plan. File > New starts your own.".into();
            }
        }
        app
    }

    /// Today's date.
    pub fn today(&self) -> NaiveDate {
        self.config.today()
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

    /// Applies an edit through the document and follows its selection.
    pub fn apply(&mut self, cmd: Command) {
        let structural = cmd.merge_key().is_none();
        if structural {
            self.doc.end_gesture();
        }
        let offers = !matches!(cmd, Command::ReplaceSessions(..));
        let before = calf_conflicts(self.doc.plan());
        let logged = match &cmd {
            Command::AddSymptom(s) => Some(s.clone()),
            _ => None,
        };
        // Only a logged symptom reports whether the calf program was rescheduled.
        let generated = |p: &Plan| p.sessions.iter().filter(|s| s.generated).count();
        let generated_before = logged.as_ref().map(|_| generated(self.doc.plan()));
        let result = self.doc.handle(cmd);
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
        let before = calf_conflicts(self.doc.plan());
        let result = if undo {
            self.doc.undo()
        } else {
            self.doc.redo()
        };
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
        let after = calf_conflicts(self.doc.plan());
        if after.is_empty() {
            self.ui.calf_conflict = None;
        } else if offers && let Some(d) = after.iter().find(|d| !before.contains(d)) {
            self.ui.calf_conflict = Some(*d);
        }
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
        self.frames += 1;
        // Off the start-up path: the templates are read once the first frame is shown.
        if self.frames == 1 {
            ctx.request_repaint();
        } else if self.frames == 2 {
            self.start_templates(&ctx);
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

        // Keys act only when no dialog is open; while a text field has the keyboard,
        // only the actions that work while typing (files, quit).
        let mut requests: Vec<Request> = if self.modal.is_none() {
            actions::pressed(&ctx, ctx.egui_wants_keyboard_input())
                .into_iter()
                .map(Request::Do)
                .collect()
        } else {
            Vec::new()
        };
        let mut commands: Vec<Command> = Vec::new();

        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu(ui, &mut requests));
        });
        self.status_bar(ui);
        let today = self.today();
        let mut close_roster = false;
        // Views borrow the document immutably and push commands; applied afterwards.
        let v = ViewCtx {
            doc: &self.doc,
            today,
            templates: &self.templates,
            background: self.config.background,
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
                                    views::roster::show(ui, roster, self.open_file.as_deref())
                                {
                                    requests.push(Request::OpenPath(p));
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
            // Tall enough for several warnings at the default window size; resizable,
            // and egui's memory (persisted by eframe) remembers the height.
            egui::Panel::bottom("bottom")
                .resizable(true)
                .default_size(280.0)
                .min_size(120.0)
                .show(ui, |ui| {
                    // Fill the panel: egui remembers a panel's size as its content's, and
                    // a short first frame would otherwise shrink it for good.
                    ui.set_min_height(ui.available_height());
                    ui.horizontal(|ui| {
                        ui.selectable_value(
                            &mut self.window.bottom_tab,
                            BottomTab::Charts,
                            "📈 Charts",
                        );
                        ui.selectable_value(
                            &mut self.window.bottom_tab,
                            BottomTab::Warnings,
                            views::warnings::tab_title(v.doc.report()),
                        );
                    });
                    ui.separator();
                    match self.window.bottom_tab {
                        BottomTab::Charts => views::charts::show(ui, &v, &mut self.ui),
                        BottomTab::Warnings => {
                            views::warnings::show(ui, &v, &mut self.window, &mut self.ui)
                        }
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
            views::calendar::show(ui, &v, &mut self.window, &mut self.ui, &mut commands);
        });
        views::calf_panel::show(&ctx, &v, &mut self.ui, &mut commands);
        views::symptoms::show_form(&ctx, v.doc.plan(), &mut self.ui, &mut commands);
        views::return_panel::show(&ctx, &v, &mut self.ui, &mut commands);
        views::fit_panel::show(&ctx, &v, &mut self.ui, &mut commands);
        views::replan_panel::show(&ctx, &v, &mut self.ui, &mut commands);
        if let Some(m) = views::import_panel::show(&ctx, &v, &mut self.ui.import, &mut commands) {
            self.status = m;
        }
        // Activity files dropped on the window are imported like File > Import.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            requests.push(Request::Import(dropped));
        }
        drop_overlay(&ctx);
        if let Some(plan) =
            views::template_panel::show_new(&ctx, &v, &mut self.window, &mut self.ui)
        {
            requests.push(Request::NewPlan(Box::new(plan)));
        }
        if let Some((t, name)) =
            views::template_panel::show_save(&ctx, &v, &mut self.window, &mut self.ui)
        {
            requests.push(Request::SaveTemplate(Box::new(t), name));
        }

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
        for r in requests {
            self.perform(&ctx, r);
        }
        if self.ui.selection != selected_before {
            self.ui.fields.reset();
        }

        let title = format!(
            "{}{} — {} — Gradual",
            if self.doc.is_dirty() { "* " } else { "" },
            plain_text(&self.doc.plan().name),
            plain_text(
                &self
                    .doc
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "not saved".into())
            )
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        views::tool::remember_keyboard(&ctx);
    }

    /// The status bar: the file, unsaved changes, the last message, the colour legend.
    fn status_bar(&self, ui: &mut Ui) {
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
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }
}

/// Text for places that show it outside the window's own layout (the title bar): control
/// characters and bidirectional overrides (U+202E turns "nur.nalp" into "plan.run") are
/// left out, so a plan's name cannot disguise itself.
pub fn plain_text(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// While files are dragged over the window, says what dropping them does.
fn drop_overlay(ctx: &egui::Context) {
    let n = ctx.input(|i| i.raw.hovered_files.len());
    if n == 0 {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        format!(
            "Drop to import {n} file{} as activities (FIT, GPX, TCX, .gz, zip)",
            if n == 1 { "" } else { "s" }
        ),
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
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
