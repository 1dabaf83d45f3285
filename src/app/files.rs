//! Files and background work: dialogs, loading, saving (with the comments and
//! conflict checks), exports, folder scans, and what happens after unsaved changes are
//! dealt with.

use super::*;

impl GradualApp {
    /// The one way a new plan arrives in the window: the document is replaced, its
    /// view state starts fresh (window state such as the clipboard stays), the watcher
    /// follows its file, and the calendar scrolls to `scroll_to` (default: today when
    /// the plan covers it, else its first day).
    pub(super) fn replace_document(&mut self, doc: Document, scroll_to: Option<NaiveDate>) {
        self.doc = doc;
        self.ui = UiState::default();
        self.ui.scroll_to = Some(scroll_to.unwrap_or_else(|| self.initial_scroll()));
        self.watcher.watch(self.doc.path.as_deref());
        self.open_file = self
            .doc
            .path
            .as_deref()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
    }

    pub(super) fn opened(&mut self, path: PathBuf, loaded: format::Loaded) {
        let mut doc = Document::new(loaded.plan, Some(path.clone()));
        doc.fingerprint = Some(loaded.fingerprint);
        doc.has_comments = loaded.has_comments;
        self.replace_document(doc, None);
        self.remember(&path);
        self.status = if self.doc.has_comments {
            format!(
                "Opened {}. It has comments: saving writes one canonical form without them (the original is kept as .bak).",
                path.display()
            )
        } else {
            format!("Opened {}", path.display())
        };
    }

    /// Reads the templates (built-in and the user's folder) off the UI thread.
    pub(super) fn start_templates(&mut self, ctx: &egui::Context) {
        let dir = self.config.template_dir.clone();
        let task = Task::spawn(ctx, self.config.background, move || {
            crate::templates::all(dir.as_deref())
        });
        self.pending.push(Pending::Templates(task));
    }

    /// Writes a template into the user's folder off the UI thread; the Save as template
    /// window shows the result and the lists read the folder again.
    pub(super) fn start_save_template(
        &mut self,
        ctx: &egui::Context,
        template: crate::templates::Template,
        name: String,
    ) {
        let Some(dir) = self.config.template_dir.clone() else {
            self.window.save_template.message =
                "No folder for templates: set GRADUAL_TEMPLATES or HOME.".into();
            return;
        };
        let task = Task::spawn(ctx, self.config.background, move || {
            crate::templates::save_user(&dir, &crate::model::slug(&name), &template)
        });
        self.pending.push(Pending::SaveTemplate(task));
    }

    pub(super) fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    pub(super) fn start_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
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
            Purpose::Import => DialogKind::Import,
        };
        let dialogs = Arc::clone(&self.config.dialogs);
        let task = Task::spawn(ctx, self.config.background, move || dialogs.pick(&kind));
        self.pending.push(Pending::Dialog(purpose, task));
    }

    /// Reads activity files off the UI thread; the Import window shows the progress,
    /// then the preview.
    pub(super) fn start_import(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let progress = Arc::new(crate::import::Progress::default());
        let p = Arc::clone(&progress);
        self.ui.import = views::import_panel::ImportPanel::reading(progress);
        let task = Task::spawn(ctx, self.config.background, move || {
            crate::import::read(&paths, &p)
        });
        self.pending.push(Pending::Import(task));
    }

    pub(super) fn start_scan(&mut self, ctx: &egui::Context, folder: PathBuf) {
        let task = Task::spawn(ctx, self.config.background, move || {
            crate::roster::scan(&folder)
        });
        self.pending.push(Pending::Scan(task));
    }

    /// Re-reads the open folder now if it changed (its watcher thread checks every second).
    pub fn check_folder_on_disk(&mut self) {
        self.folder_watcher.check_now();
    }

    pub(super) fn start_load(&mut self, ctx: &egui::Context, path: PathBuf) {
        let task = Task::spawn(ctx, self.config.background, move || {
            let r = format::load_full(&path);
            (path, r)
        });
        self.pending.push(Pending::Load(task));
    }

    /// Saves to `path`; a plan loaded with comments asks first (saving drops them).
    pub(super) fn start_save(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<After>) {
        if self.doc.has_comments && self.doc.path.as_deref() == Some(path.as_path()) {
            self.modal = Some(Modal::DropComments { path, then });
            return;
        }
        self.save_now(ctx, path, then);
    }

    pub(super) fn save_now(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<After>) {
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
    pub(super) fn guard(&mut self, ctx: &egui::Context, after: After) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(after));
        } else {
            self.proceed(ctx, after);
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, after: After) {
        match after {
            After::New => {
                let mut plan = Plan::new("New plan", Athlete::new("Runner", Level::Novice));
                plan.blocks.clear();
                let today = self.today();
                self.replace_document(Document::new(plan, None), Some(today));
                self.ui.selected_day = Some(today);
                self.status = "New plan: double-click a day to add a session.".into();
            }
            After::NewPlan(plan) => {
                let mut doc = Document::new(*plan, None);
                doc.mark_unsaved(); // a new plan to save somewhere
                let first = doc.plan().date_range().map(|(lo, _)| lo);
                self.replace_document(doc, first);
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

    pub(super) fn save_or_ask(&mut self, ctx: &egui::Context, then: Option<After>) {
        match self.doc.path.clone() {
            Some(p) => self.start_save(ctx, p, then),
            None => self.start_dialog(ctx, Purpose::SaveAs(then)),
        }
    }

    /// Checks the open file on disk now (the watcher thread does this every second).
    pub fn check_file_on_disk(&mut self) {
        self.watcher.check_now();
    }

    pub(super) fn poll_pending(&mut self, ctx: &egui::Context) {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            match p {
                Pending::Dialog(purpose, task) => match task.poll() {
                    None => self.pending.push(Pending::Dialog(purpose, task)),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok(DialogOutcome::Cancelled)) => {}
                    Some(Ok(DialogOutcome::Unavailable)) => {
                        // Suggest the plan's file, or for activities the plan's folder.
                        let path = self.doc.path.as_deref();
                        let text = match purpose {
                            Purpose::Import => path
                                .and_then(Path::parent)
                                .filter(|d| !d.as_os_str().is_empty())
                                .map(|d| format!("{}/", d.display())),
                            _ => path.map(|p| p.display().to_string()),
                        }
                        .unwrap_or_default();
                        self.modal = Some(Modal::PathPrompt { purpose, text });
                    }
                    Some(Ok(DialogOutcome::Picked(path))) => self.picked(ctx, purpose, path),
                    Some(Ok(DialogOutcome::PickedMany(paths))) => self.start_import(ctx, paths),
                },
                Pending::Export(task) => match task.poll() {
                    None => self.pending.push(Pending::Export(task)),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok((path, Ok(())))) => {
                        self.status = format!("Exported {}", path.display())
                    }
                    Some(Ok((_, Err(e)))) => self.error("Could not export the plan", e),
                },
                Pending::Scan(task) => match task.poll() {
                    None => self.pending.push(Pending::Scan(task)),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok(roster)) => {
                        self.prefs.show_plan = true;
                        self.roster = Some(roster);
                    }
                },
                Pending::Templates(task) => match task.poll() {
                    None => self.pending.push(Pending::Templates(task)),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok(entries)) => {
                        let n = entries.len();
                        self.templates = entries;
                        let nt = &mut self.window.new_template;
                        nt.selected = nt.selected.min(n.saturating_sub(1));
                    }
                },
                Pending::SaveTemplate(task) => match task.poll() {
                    None => self.pending.push(Pending::SaveTemplate(task)),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok(Ok(path))) => {
                        self.window.save_template.message = format!(
                            "Saved {}; it is in File > New from template.",
                            path.display()
                        );
                        self.start_templates(ctx);
                    }
                    Some(Ok(Err(e))) => self.window.save_template.message = e,
                },
                Pending::Import(task) => match task.poll() {
                    None => self.pending.push(Pending::Import(task)),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok(found)) => self.ui.import.found(found),
                },
                Pending::Load(task) => match task.poll() {
                    None => self.pending.push(Pending::Load(task)),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok((path, Ok(loaded)))) => self.opened(path, loaded),
                    Some(Ok((_, Err(e)))) => self.error(
                        "Could not open the plan",
                        format!("{e}\n\nThe plan you had open is unchanged."),
                    ),
                },
                Pending::Save { task, state, then } => match task.poll() {
                    None => self.pending.push(Pending::Save { task, state, then }),
                    Some(Err(e)) => self.task_failed(e),
                    Some(Ok((path, Ok(fingerprint)))) => {
                        self.doc.mark_saved_state(path.clone(), state);
                        self.doc.fingerprint = Some(fingerprint);
                        self.doc.has_comments = false;
                        self.remember(&path);
                        self.watcher.watch(Some(&path));
                        self.open_file =
                            Some(std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone()));
                        self.status = format!("Saved {}", path.display());
                        if let Some(after) = then {
                            self.proceed(ctx, after);
                        }
                    }
                    Some(Ok((path, Err((_, true))))) => {
                        self.modal = Some(Modal::SaveConflict { path, then })
                    }
                    Some(Ok((_, Err((e, _))))) => self.error("Could not save the plan", e),
                },
            }
        }
    }

    /// A background task panicked: say so; the plan is as it was.
    fn task_failed(&mut self, e: String) {
        self.error(
            "Something went wrong in the background",
            format!("{e}\n\nThe plan you had open is unchanged."),
        );
    }

    pub(super) fn picked(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
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
            Purpose::Import => self.start_import(ctx, vec![path]),
        }
    }
}
