//! The window: an eframe app over the core. Views read the [`Document`] and emit
//! [`Command`]s and [`Action`]s; [`GradualApp::apply`] and [`GradualApp::perform`] are
//! the only places that change the plan or touch files.

pub mod actions;
mod edits;
mod files;
mod frame;
mod menu;
mod modals;
mod state;
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
pub use frame::plain_text;
use state::*;
pub use state::{AppConfig, GradualApp, Prefs, Theme};
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
}

impl eframe::App for GradualApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
