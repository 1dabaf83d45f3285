//! Notices when the open file changes on disk (a text editor, a sync client) without a
//! repaint loop: a worker thread compares the file's size and modification time once a
//! second and wakes the UI only when they change.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// What identifies one version of a file on disk (size and modification time), or of a
/// folder of plans (the names, sizes and times of its `.ron` files).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp(u64);

impl Stamp {
    /// The stamp of `path` now, if it exists.
    pub fn of(path: &Path) -> Option<Stamp> {
        use std::hash::{Hash, Hasher};
        let m = std::fs::metadata(path).ok()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let file = |m: &std::fs::Metadata, h: &mut std::collections::hash_map::DefaultHasher| {
            m.len().hash(h);
            m.modified()
                .ok()
                .map(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .hash(h);
        };
        if m.is_dir() {
            // The same listing the roster shows (one helper for every folder of plans).
            let listing = crate::format::plan_files(path).ok()?;
            for p in listing
                .files
                .iter()
                .chain(listing.skipped.iter().map(|(p, _)| p))
            {
                p.hash(&mut h);
                if let Ok(m) = std::fs::metadata(p) {
                    file(&m, &mut h);
                }
            }
        } else {
            file(&m, &mut h);
        }
        Some(Stamp(h.finish()))
    }
}

#[derive(Default)]
struct Shared {
    watched: Mutex<Option<(PathBuf, Option<Stamp>)>>,
    changed: AtomicBool,
}

/// Watches one file at a time.
#[derive(Clone, Default)]
pub struct Watcher {
    shared: Arc<Shared>,
}

impl Watcher {
    /// Starts the polling thread (the app does; tests call [`Watcher::check_now`]).
    pub fn start(&self, ctx: &egui::Context) {
        let shared = Arc::clone(&self.shared);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(1));
                if Self::check(&shared) {
                    ctx.request_repaint();
                }
                if Arc::strong_count(&shared) == 1 {
                    return; // the app is gone
                }
            }
        });
    }

    /// Watches `path` as it is now (after a load or save); `None` stops watching.
    pub fn watch(&self, path: Option<&Path>) {
        *self.shared.watched.lock().expect("watch lock") =
            path.map(|p| (p.to_path_buf(), Stamp::of(p)));
        self.shared.changed.store(false, Ordering::SeqCst);
    }

    /// Compares the file with the known stamp now; true if it newly changed.
    pub fn check_now(&self) -> bool {
        Self::check(&self.shared)
    }

    fn check(shared: &Shared) -> bool {
        let guard = shared.watched.lock().expect("watch lock");
        let Some((path, known)) = guard.as_ref() else {
            return false;
        };
        let now = Stamp::of(path);
        if now.is_some() && now != *known && !shared.changed.swap(true, Ordering::SeqCst) {
            return true;
        }
        false
    }

    /// Whether the file changed since it was watched; clears the flag.
    pub fn take_changed(&self) -> bool {
        self.shared.changed.swap(false, Ordering::SeqCst)
    }
}
