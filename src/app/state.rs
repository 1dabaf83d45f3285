//! The window's state: how it reaches the outside world, the preferences, the dialogs
//! and background work in flight, and the app itself.

use super::*;

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
pub(super) enum After {
    New,
    NewPlan(Box<Plan>),
    Open,
    OpenPath(PathBuf),
    Quit,
    Reload,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Purpose {
    Open,
    SaveAs(Option<After>),
    Export(crate::export::ExportFormat),
    Folder,
    /// Activity files to import.
    Import,
}

/// A dialog over the window.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Modal {
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
pub(super) enum Help {
    Shortcuts,
    Rules,
    About,
}

/// What a save task returns: the written text's fingerprint, or (message, refused
/// because the file changed on disk).
pub(super) type SaveOutcome = (PathBuf, Result<format::Fingerprint, (String, bool)>);

pub(super) enum Pending {
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
    pub(super) config: AppConfig,
    pub(super) watcher: Watcher,
    pub(super) folder_watcher: Watcher,
    /// The open folder of plans, if any.
    pub roster: Option<crate::roster::Roster>,
    /// The open plan's file with links resolved (the roster marks it).
    pub(super) open_file: Option<PathBuf>,
    pub(super) pending: Vec<Pending>,
    pub(super) modal: Option<Modal>,
    pub(super) help: Option<Help>,
    pub(super) allow_close: bool,
    pub(super) title: String,
    pub(super) status: String,
    pub(super) applied_theme: Option<Theme>,
    /// Frames drawn so far (work that can wait starts after the first).
    pub(super) frames: u64,
}
