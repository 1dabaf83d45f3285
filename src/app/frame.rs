//! One frame of the window: the menu, the panels and tool windows that show the plan,
//! the dialogs, then the edits and requests they made, applied in that order.

use super::*;
use crate::roster::Roster;

impl GradualApp {
    /// Draws one frame (what [`eframe::App::ui`] calls; benchmarks and tests call it too).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.begin_frame(&ctx);
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
        let close_roster = self.views(ui, &mut requests, &mut commands);
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
        if close_roster {
            self.roster = None;
            self.folder_watcher.watch(None);
        }
        self.modals(&ctx);
        self.help_windows(&ctx);
        self.end_frame(&ctx, commands, requests);
    }

    /// Before drawing: the theme, work that waits for the first frame, finished
    /// background work, files changed on disk, a close with unsaved changes.
    fn begin_frame(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(match self.prefs.theme {
                Theme::System => egui::ThemePreference::System,
                Theme::Light => egui::ThemePreference::Light,
                Theme::Dark => egui::ThemePreference::Dark,
            });
            // Faint text readable (WCAG AA) in both themes.
            ctx.all_styles_mut(|s| style::readable_visuals(&mut s.visuals));
            self.applied_theme = Some(self.prefs.theme);
        }
        self.frames += 1;
        // Off the start-up path: the templates are read once the first frame is shown.
        if self.frames == 1 {
            ctx.request_repaint();
        } else if self.frames == 2 {
            self.start_templates(ctx);
        }
        self.poll_pending(ctx);
        if self.folder_watcher.take_changed()
            && let Some(r) = &self.roster
        {
            let folder = r.folder.clone();
            self.folder_watcher.watch(Some(&folder));
            self.start_scan(ctx, folder);
        }
        if self.watcher.take_changed() && self.doc.path.is_some() {
            self.modal = Some(Modal::DiskChanged);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(After::Quit));
        }
    }

    /// The panels and tool windows that show the plan. They borrow the document
    /// read-only and push commands and requests, applied after the frame's views.
    /// Returns whether the folder of plans was closed.
    fn views(
        &mut self,
        ui: &mut Ui,
        requests: &mut Vec<Request>,
        commands: &mut Vec<Command>,
    ) -> bool {
        let ctx = ui.ctx().clone();
        let v = ViewCtx {
            doc: &self.doc,
            today: self.config.today(),
            templates: &self.templates,
            background: self.config.background,
        };
        let mut close_roster = false;
        if self.prefs.show_plan {
            egui::Panel::left("plan")
                .resizable(true)
                .default_size(225.0)
                .max_size(320.0)
                .show(ui, |ui| {
                    // A folder of plans sits above the open plan, in the same panel.
                    if let Some(roster) = &self.roster {
                        close_roster =
                            roster_section(ui, roster, self.open_file.as_deref(), requests);
                        ui.separator();
                    }
                    views::plan_panel::show(ui, &v, &mut self.ui, commands);
                });
        }
        if self.prefs.show_inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(270.0)
                .show(ui, |ui| {
                    views::inspector::show(ui, &v, &mut self.ui, commands)
                });
        }
        if self.prefs.show_bottom {
            bottom_panel(ui, &v, &mut self.window, &mut self.ui);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(day) = self.ui.calf_conflict {
                calf_conflict_bar(ui, &v, day, &mut self.ui, commands);
            }
            views::calendar::show(ui, &v, &mut self.window, &mut self.ui, commands);
        });
        views::calf_panel::show(&ctx, &v, &mut self.ui, commands);
        views::symptoms::show_form(&ctx, v.doc.plan(), &mut self.ui, commands);
        views::return_panel::show(&ctx, &v, &mut self.ui, commands);
        views::fit_panel::show(&ctx, &v, &mut self.ui, commands);
        views::replan_panel::show(&ctx, &v, &mut self.ui, commands);
        if let Some(m) = views::import_panel::show(&ctx, &v, &mut self.ui.import, commands) {
            requests.push(Request::Status(m));
        }
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
        close_roster
    }

    /// After drawing: the edits, then the requests, then the window title.
    fn end_frame(&mut self, ctx: &egui::Context, commands: Vec<Command>, requests: Vec<Request>) {
        let selected_before = self.ui.selection;
        for c in commands {
            self.apply(c);
        }
        for r in requests {
            self.perform(ctx, r);
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
        views::tool::remember_keyboard(ctx);
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
                // The last message at the size of the rest of the window, in full colour.
                ui.label(&self.status);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let bg = ui.visuals().panel_fill;
                    for (name, color) in style::legend().iter().rev() {
                        let color = style::readable_on(*color, bg, style::AA);
                        ui.label(RichText::new(*name).small().color(color).strong());
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

/// The folder of plans, above the open plan: a plan picked opens; returns whether the
/// folder was closed.
fn roster_section(
    ui: &mut Ui,
    roster: &Roster,
    open_file: Option<&Path>,
    requests: &mut Vec<Request>,
) -> bool {
    let mut close = false;
    egui::CollapsingHeader::new("Athletes")
        .id_salt("roster")
        .default_open(true)
        .show(ui, |ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            if let Some(p) = views::roster::show(ui, roster, open_file) {
                requests.push(Request::OpenPath(p));
            }
            close = ui.button("Close folder").clicked();
        });
    close
}

/// The charts and warnings, in tabs at the bottom.
fn bottom_panel(ui: &mut Ui, v: &ViewCtx, window: &mut WindowUi, st: &mut UiState) {
    // Tall enough for several warnings at the default window size; resizable, and egui's
    // memory (persisted by eframe) remembers the height.
    egui::Panel::bottom("bottom")
        .resizable(true)
        .default_size(280.0)
        .min_size(120.0)
        .show(ui, |ui| {
            // Fill the panel: egui remembers a panel's size as its content's, and a short
            // first frame would otherwise shrink it for good.
            ui.set_min_height(ui.available_height());
            ui.horizontal(|ui| {
                ui.selectable_value(&mut window.bottom_tab, BottomTab::Charts, "📈 Charts");
                ui.selectable_value(
                    &mut window.bottom_tab,
                    BottomTab::Warnings,
                    views::warnings::tab_title(v.doc.report()),
                );
            });
            ui.separator();
            match window.bottom_tab {
                BottomTab::Charts => views::charts::show(ui, v, st),
                BottomTab::Warnings => views::warnings::show(ui, v, window, st),
            }
        });
}

/// Above the calendar when a run moved onto a calf program day: offer to reschedule.
fn calf_conflict_bar(
    ui: &mut Ui,
    v: &ViewCtx,
    day: NaiveDate,
    st: &mut UiState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "A run now shares {} with a calf program session.",
                day.format("%a %-d %b")
            ))
            .color(style::severity_text(
                crate::analysis::Severity::Caution,
                ui.visuals(),
            )),
        );
        if ui.button("Reschedule calf program").clicked()
            && let Some(cmd) = views::calf_panel::apply_command(v, &st.calf.options())
        {
            commands.push(cmd);
        }
        if ui.button("Not now").clicked() {
            st.calf_conflict = None;
        }
    });
}
