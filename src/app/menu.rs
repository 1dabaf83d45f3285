//! The menu bar, drawn from the action table: each item's text, its key as the platform
//! writes it, and whether it can be used now.

use super::actions::{Action, Request};
use super::*;
use crate::export::ExportFormat;

impl GradualApp {
    /// One menu item for `action`; `text` overrides the table's (Undo names its step).
    fn item(&self, ui: &mut Ui, action: Action, text: Option<String>, out: &mut Vec<Request>) {
        let spec = action.spec();
        let text = text.unwrap_or_else(|| spec.text.to_string());
        let mut button = egui::Button::new(text);
        if let Some(k) = spec.keys.first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(k));
        }
        if ui.add_enabled(self.enabled(action), button).clicked() {
            out.push(Request::Do(action));
        }
    }

    pub(super) fn menu(&mut self, ui: &mut Ui, out: &mut Vec<Request>) {
        ui.menu_button("File", |ui| {
            for a in [
                Action::New,
                Action::NewFromTemplate,
                Action::Open,
                Action::OpenFolder,
            ] {
                self.item(ui, a, None, out);
            }
            ui.menu_button("Open recent", |ui| {
                if self.prefs.recent.is_empty() {
                    ui.label("No recent plans");
                }
                for p in &self.prefs.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        out.push(Request::OpenPath(p.clone()));
                    }
                }
            });
            ui.separator();
            for a in [Action::Save, Action::SaveAs, Action::SaveAsTemplate] {
                self.item(ui, a, None, out);
            }
            self.item(ui, Action::ImportActivities, None, out);
            ui.menu_button("Export", |ui| {
                for f in [ExportFormat::Ics, ExportFormat::Csv, ExportFormat::Html] {
                    self.item(ui, Action::Export(f), None, out);
                }
            });
            ui.separator();
            self.item(ui, Action::Quit, None, out);
        });
        ui.menu_button("Edit", |ui| {
            let undo = self.doc.undo_label().map(|l| format!("Undo {l}"));
            self.item(ui, Action::Undo, undo, out);
            let redo = self.doc.redo_label().map(|l| format!("Redo {l}"));
            self.item(ui, Action::Redo, redo, out);
            ui.separator();
            for a in [
                Action::Cut,
                Action::Copy,
                Action::Paste,
                Action::Duplicate,
                Action::Delete,
            ] {
                self.item(ui, a, None, out);
            }
            ui.separator();
            for a in [
                Action::CopyWeek,
                Action::PasteWeek,
                Action::InsertWeek,
                Action::RemoveWeek,
            ] {
                self.item(ui, a, None, out);
            }
        });
        ui.menu_button("Plan", |ui| {
            for a in [
                Action::CalfProgram,
                Action::LogSymptom,
                Action::ReturnToRunning,
                Action::FitToHeadroom,
                Action::Replan,
            ] {
                self.item(ui, a, None, out);
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
            self.item(ui, Action::GoToToday, None, out);
        });
        ui.menu_button("Help", |ui| {
            for a in [Action::ShowShortcuts, Action::ShowRules, Action::About] {
                self.item(ui, a, None, out);
            }
        });
    }
}
