//! Work off the UI thread: file dialogs and file I/O run on a worker thread that wakes the
//! UI when done. Tests run them inline so results are there on the next frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A result that arrives later: the work's value, or why it failed. A panic in the work
/// is caught where it happens and arrives as `Err` with its message, so no background
/// task can take the window down (the plan stays as it was).
pub struct Task<T> {
    rx: Receiver<Result<T, String>>,
}

/// Runs `work`, turning a panic into `Err` with what the panic said.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an internal error".into());
        format!("{what} (an internal error in Gradual; please report it)")
    })
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a worker thread (then repaints `ctx`), or right now when
    /// `background` is false.
    pub fn spawn(
        ctx: &egui::Context,
        background: bool,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        if background {
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                let _ = tx.send(guarded(work));
                ctx.request_repaint();
            });
        } else {
            let _ = tx.send(guarded(work));
            // The result is picked up at the start of the next frame: make sure there is one.
            ctx.request_repaint();
        }
        Task { rx }
    }

    /// The result, once it is there.
    pub fn poll(&self) -> Option<Result<T, String>> {
        self.rx.try_recv().ok()
    }
}

/// What a file dialog was asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick a plan to open.
    Open,
    /// Pick where to save, suggesting a file name.
    Save(String),
    /// Pick where to export, suggesting a file name with this extension.
    Export(String, &'static str),
    /// Pick a folder of plans.
    Folder,
    /// Pick activity files to import (several at once).
    Import,
}

/// How a file dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose this path.
    Picked(PathBuf),
    /// The user chose these paths (a dialog that picks several).
    PickedMany(Vec<PathBuf>),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown (no desktop portal): ask for a path in the window.
    Unavailable,
}

/// File dialogs, behind a trait so tests inject answers and views never call rfd.
/// `pick` blocks; the app calls it on a worker thread.
pub trait FileDialogs: Send + Sync {
    /// Shows a dialog and waits for the answer.
    fn pick(&self, kind: &DialogKind) -> DialogOutcome;
}

/// The real dialogs, through rfd's desktop-portal backend.
pub struct RfdDialogs;

impl FileDialogs for RfdDialogs {
    fn pick(&self, kind: &DialogKind) -> DialogOutcome {
        if std::env::var_os("GRADUAL_NO_FILE_DIALOG").is_some() {
            return DialogOutcome::Unavailable;
        }
        let started = Instant::now();
        let plans = || rfd::FileDialog::new().add_filter("Gradual plan", &["ron"]);
        let picked = match kind {
            DialogKind::Open => plans().pick_file(),
            DialogKind::Save(name) => plans().set_file_name(name).save_file(),
            DialogKind::Export(name, ext) => rfd::FileDialog::new()
                .add_filter(ext.to_uppercase(), &[*ext])
                .set_file_name(name)
                .save_file(),
            DialogKind::Folder => rfd::FileDialog::new().pick_folder(),
            DialogKind::Import => {
                let many = rfd::FileDialog::new()
                    .add_filter("Activities", &["fit", "gpx", "tcx", "gz", "zip"])
                    .pick_files();
                return match many {
                    Some(v) if !v.is_empty() => DialogOutcome::PickedMany(v),
                    None if started.elapsed() < Duration::from_millis(250) => {
                        DialogOutcome::Unavailable
                    }
                    _ => DialogOutcome::Cancelled,
                };
            }
        };
        match picked {
            Some(p) => DialogOutcome::Picked(p),
            // rfd answers None both for "cancelled" and "no portal". Nobody cancels a
            // dialog within a quarter of a second, so a quick None means none was shown.
            None if started.elapsed() < Duration::from_millis(250) => DialogOutcome::Unavailable,
            None => DialogOutcome::Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_task_becomes_a_message() {
        assert_eq!(guarded(|| 41 + 1), Ok(42));
        let e =
            guarded(|| -> u8 { panic!("index out of bounds: the len is 1 but the index is 1") })
                .unwrap_err();
        assert!(e.starts_with("index out of bounds"), "{e}");
        assert!(e.contains("an internal error in Gradual"), "{e}");
        let ctx = egui::Context::default();
        let task = Task::spawn(&ctx, false, || -> u8 { panic!("{}", String::from("boom")) });
        assert!(task.poll().unwrap().unwrap_err().starts_with("boom"));
    }
}
