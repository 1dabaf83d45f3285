//! Dialogs over the window (unsaved changes, errors, conflicts) and the Help windows.

use super::*;

impl GradualApp {
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
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
        egui::Window::new(title)
        .default_pos([260.0, 60.0]).open(&mut open).default_width(560.0).show(ctx, |ui| match help {
            Help::Shortcuts => {
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
