//! Dialogs over the window (unsaved changes, errors, conflicts) and the Help windows.
//! Each dialog is a method that draws it and returns whether it is done.

use super::*;

/// Help ▸ About: what Gradual is.
const ABOUT: &str = "A training planner that explains every risky spot in a plan: \
    too-much-too-soon, long-run spikes, load ratio, returns after a break, barefoot \
    running and calf-loading cross-training.";

/// Help ▸ About: what a warning is not.
const NOT_A_DIAGNOSIS: &str = "Warnings are risk signals from studies and expert opinion, \
    not diagnoses. Pain that does not settle, or any red flag, needs a professional.";

/// Under the rules in Help.
const CALF_FACTORS: &str =
    "Calf-load factors are estimates relative to easy road running, not measurements.";

impl GradualApp {
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let name = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.doc.plan().name.clone());
        let mut close = false;
        egui::Modal::new(egui::Id::unique("gradual-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            close = match &modal {
                Modal::Unsaved(after) => self.unsaved(ui, ctx, &name, after),
                Modal::Error { title, text } => {
                    ui.heading(title);
                    ui.label(RichText::new(text).monospace());
                    ui.button("OK").clicked() || escape(ui)
                }
                Modal::PathPrompt { purpose, text } => self.path_prompt(ui, ctx, purpose, text),
                Modal::DiskChanged => self.disk_changed(ui, ctx, &name),
                Modal::DropComments { path, then } => {
                    self.drop_comments(ui, ctx, &name, path, then)
                }
                Modal::SaveConflict { path, then } => {
                    self.save_conflict(ui, ctx, &name, path, then)
                }
            };
        });
        // Close it, unless a button opened another dialog in its place.
        if close
            && self
                .modal
                .as_ref()
                .is_some_and(|m| std::mem::discriminant(m) == std::mem::discriminant(&modal))
        {
            self.modal = None;
        }
    }

    fn unsaved(&mut self, ui: &mut Ui, ctx: &egui::Context, name: &str, after: &After) -> bool {
        ui.heading("Unsaved changes");
        ui.label(format!("Save the changes to “{name}” first?"));
        match buttons(ui, &["Save", "Discard changes", "Cancel"]) {
            Some(0) => self.save_or_ask(ctx, Some(after.clone())),
            Some(1) => self.proceed(ctx, after.clone()),
            Some(_) => {}
            None => return false,
        }
        true
    }

    fn path_prompt(
        &mut self,
        ui: &mut Ui,
        ctx: &egui::Context,
        purpose: &Purpose,
        text: &str,
    ) -> bool {
        let verb = match purpose {
            Purpose::Open | Purpose::Folder => "Open",
            Purpose::SaveAs(_) => "Save",
            Purpose::Export(_) => "Export",
            Purpose::Import => "Import",
        };
        ui.heading(match purpose {
            Purpose::Import => "Import activities".to_string(),
            Purpose::Folder => "Open a folder of plans".to_string(),
            _ => format!("{verb} plan"),
        });
        ui.label(match purpose {
            Purpose::Import => {
                "No file dialog is available on this desktop. Type the path of an activity \
                 file, a folder of them or an export archive:"
            }
            Purpose::Folder => {
                "No folder dialog is available on this desktop. Type the folder's path:"
            }
            _ => "No file dialog is available on this desktop. Type the file's path:",
        });
        let mut t = text.to_string();
        let l = ui.label(match purpose {
            Purpose::Folder => "Folder path",
            _ => "File path",
        });
        let resp = ui
            .add(egui::TextEdit::singleline(&mut t).desired_width(460.0))
            .labelled_by(l.id);
        // Typing starts in the field (nothing else in the dialog takes keys).
        if ctx.memory(|m| m.focused().is_none()) {
            resp.request_focus();
        }
        if t != text {
            self.modal = Some(Modal::PathPrompt {
                purpose: purpose.clone(),
                text: t.clone(),
            });
        }
        // Enter in the field submits it (the field gives up its focus on Enter, and the
        // line above takes it back for the next frame).
        let enter = (resp.lost_focus() || resp.has_focus() || resp.gained_focus())
            && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if (ui.button(verb).clicked() || enter) && !t.trim().is_empty() {
                self.picked(ctx, purpose.clone(), PathBuf::from(t.trim()));
                return true;
            }
            ui.button("Cancel").clicked() || escape(ui)
        })
        .inner
    }

    fn disk_changed(&mut self, ui: &mut Ui, ctx: &egui::Context, name: &str) -> bool {
        ui.heading("The file changed on disk");
        if self.doc.is_dirty() {
            ui.label(format!(
                "“{name}” was changed by another program, and you have unsaved changes \
                 here. Reloading loses your changes; keeping yours means saving will \
                 overwrite the other version."
            ));
        } else {
            ui.label(format!(
                "“{name}” was changed by another program. Reload it?"
            ));
        }
        match buttons(ui, &["Reload from disk", "Keep my version"]) {
            Some(0) => self.proceed(ctx, After::Reload),
            Some(_) => {
                self.watcher.watch(self.doc.path.as_deref());
                // Saving will now overwrite the other version, as chosen.
                self.doc.fingerprint = self
                    .doc
                    .path
                    .as_deref()
                    .and_then(format::Fingerprint::of_file);
                self.doc.mark_unsaved();
            }
            None => return false,
        }
        true
    }

    fn drop_comments(
        &mut self,
        ui: &mut Ui,
        ctx: &egui::Context,
        name: &str,
        path: &Path,
        then: &Option<After>,
    ) -> bool {
        let backup = format::backup_path(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.heading("Saving removes the comments");
        ui.label(format!(
            "“{name}” has comments (// …). Gradual saves one canonical form of the plan, \
             without them; the file as it is now is kept as {backup}."
        ));
        match buttons(ui, &["Save without the comments", "Save As…", "Cancel"]) {
            Some(0) => {
                self.doc.has_comments = false;
                self.save_now(ctx, path.to_path_buf(), then.clone());
            }
            Some(1) => self.start_dialog(ctx, Purpose::SaveAs(then.clone())),
            Some(_) => {}
            None => return false,
        }
        true
    }

    fn save_conflict(
        &mut self,
        ui: &mut Ui,
        ctx: &egui::Context,
        name: &str,
        path: &Path,
        then: &Option<After>,
    ) -> bool {
        ui.heading("Not saved: the file changed on disk");
        ui.label(format!(
            "“{name}” was changed by another program (or another Gradual) since you opened \
             it. Nothing was overwritten."
        ));
        let choices = [
            "Reload from disk",
            "Overwrite with my version",
            "Save As…",
            "Cancel",
        ];
        match buttons(ui, &choices) {
            Some(0) => self.proceed(ctx, After::Reload),
            Some(1) => {
                self.doc.fingerprint = format::Fingerprint::of_file(path);
                self.save_now(ctx, path.to_path_buf(), then.clone());
            }
            Some(2) => self.start_dialog(ctx, Purpose::SaveAs(then.clone())),
            Some(_) => {}
            None => return false,
        }
        true
    }

    pub(super) fn help_windows(&mut self, ctx: &egui::Context) {
        let Some(help) = self.help else {
            return;
        };
        let mut open = true;
        let title = match help {
            Help::Shortcuts => "Keyboard shortcuts",
            Help::Rules => "Rules and their evidence",
            Help::About => "About Gradual",
        };
        super::views::tool::Tool::new(title, [260.0, 60.0], 560.0).show(ctx, &mut open, |ui| {
            match help {
                Help::Shortcuts => shortcuts(ui, ctx),
                Help::Rules => self.rules(ui),
                Help::About => {
                    ui.label(format!("Gradual {}", env!("CARGO_PKG_VERSION")));
                    ui.label(ABOUT);
                    ui.label(NOT_A_DIAGNOSIS);
                }
            }
        });
        if !open {
            self.help = None;
        }
    }

    /// Every rule with the thresholds in force for this plan and its evidence.
    fn rules(&self, ui: &mut Ui) {
        egui::ScrollArea::vertical()
            .max_height(480.0)
            .show(ui, |ui| {
                let plan = self.doc.plan();
                let t = crate::model::Thresholds::resolve(&plan.settings, plan.athlete.level);
                let own = if plan.settings.is_default() {
                    ""
                } else {
                    ", with the plan's settings"
                };
                ui.label(RichText::new("Severity follows the strength of the evidence").strong());
                for (severity, what) in crate::analysis::LADDER {
                    ui.label(format!("{}: {what}.", severity.as_str()));
                }
                ui.add_space(6.0);
                ui.label(format!(
                    "Thresholds in force for this plan ({} athlete{own}):",
                    plan.athlete.level.name(),
                ));
                for r in crate::analysis::RULES {
                    ui.label(RichText::new(format!("{} ({})", r.title, r.id)).strong());
                    ui.label(r.rule.thresholds(&t));
                    ui.label(format!("Why this severity: {}", r.rung));
                    ui.label(RichText::new(r.evidence).small().weak());
                    ui.add_space(6.0);
                }
                ui.label(RichText::new(CALF_FACTORS).small());
            });
    }
}

/// A dialog's row of buttons; which one was clicked.
/// The dialog's buttons, in order; Escape chooses the last, which is always the one that
/// changes nothing (Cancel, Keep my version).
fn buttons(ui: &mut Ui, labels: &[&str]) -> Option<usize> {
    let clicked = ui
        .horizontal(|ui| {
            let mut clicked = None;
            for (i, l) in labels.iter().enumerate() {
                if ui.button(*l).clicked() {
                    clicked = Some(i);
                }
            }
            clicked
        })
        .inner;
    clicked.or_else(|| escape(ui).then(|| labels.len() - 1))
}

/// Escape was pressed (and is taken): the dialog over the window closes.
fn escape(ui: &Ui) -> bool {
    ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape))
}

/// Help ▸ Keyboard shortcuts: the action table's keys, then the mouse gestures.
fn shortcuts(ui: &mut Ui, ctx: &egui::Context) {
    egui::Grid::new("keys").striped(true).show(ui, |ui| {
        let rows = actions::ACTIONS
            .iter()
            .filter(|s| !s.keys.is_empty())
            .map(|s| (actions::keys_text(ctx, s.keys), s.help))
            .chain(actions::GESTURES.iter().map(|(g, w)| (g.to_string(), *w)));
        for (k, what) in rows {
            ui.label(RichText::new(k).monospace());
            ui.label(what);
            ui.end_row();
        }
    });
}
