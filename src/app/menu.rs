//! The menu bar.

use super::*;

impl GradualApp {
    pub(super) fn menu(
        &mut self,
        ui: &mut Ui,
        actions: &mut Vec<Action>,
        commands: &mut Vec<Command>,
    ) {
        let item = |ui: &mut Ui, text: &str, shortcut: &str, enabled: bool| -> bool {
            ui.add_enabled(enabled, egui::Button::new(text).shortcut_text(shortcut))
                .clicked()
        };
        ui.menu_button("File", |ui| {
            if item(ui, "New", "Ctrl+N", true) {
                actions.push(Action::New);
            }
            if item(ui, "New from template…", "", true) {
                self.ui.new_template.date = self.today();
                self.ui.new_template.open(self.ui.template_dir.as_deref());
            }
            if item(ui, "Open…", "Ctrl+O", true) {
                actions.push(Action::Open);
            }
            if item(ui, "Open folder…", "", true) {
                actions.push(Action::OpenFolder);
            }
            ui.menu_button("Open recent", |ui| {
                if self.prefs.recent.is_empty() {
                    ui.label("No recent plans");
                }
                for p in self.prefs.recent.clone() {
                    if ui.button(p.display().to_string()).clicked() {
                        actions.push(Action::OpenPath(p));
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", "Ctrl+S", true) {
                actions.push(Action::Save);
            }
            if item(ui, "Save As…", "Ctrl+Shift+S", true) {
                actions.push(Action::SaveAs);
            }
            if item(ui, "Save as template…", "", true) {
                self.ui.save_template.open = true;
                if self.ui.save_template.name.is_empty() {
                    self.ui.save_template.name = self.doc.plan().name.clone();
                }
            }
            ui.menu_button("Export", |ui| {
                for (text, f) in [
                    ("Calendar (ICS)…", crate::export::ExportFormat::Ics),
                    ("Spreadsheet (CSV)…", crate::export::ExportFormat::Csv),
                    ("Printable page (HTML)…", crate::export::ExportFormat::Html),
                ] {
                    if ui.button(text).clicked() {
                        actions.push(Action::Export(f));
                    }
                }
            });
            ui.separator();
            if item(ui, "Quit", "Ctrl+Q", true) {
                actions.push(Action::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = self
                .doc
                .undo_label()
                .map(|l| format!("Undo {l}"))
                .unwrap_or_else(|| "Undo".into());
            if item(ui, &undo, "Ctrl+Z", self.doc.undo_label().is_some()) {
                commands.push(Command::Undo);
            }
            let redo = self
                .doc
                .redo_label()
                .map(|l| format!("Redo {l}"))
                .unwrap_or_else(|| "Redo".into());
            if item(ui, &redo, "Ctrl+Shift+Z", self.doc.redo_label().is_some()) {
                commands.push(Command::Redo);
            }
            ui.separator();
            let has = self.ui.selection.is_some();
            let day = self.ui.selected_day.is_some() || has;
            let clip = self.ui.clipboard.is_some();
            for (text, key, enabled, action) in [
                ("Cut session", "Ctrl+X", has, Action::Cut),
                ("Copy session", "Ctrl+C", has, Action::Copy),
                ("Paste", "Ctrl+V", clip && day, Action::Paste),
                ("Duplicate session", "Ctrl+D", has, Action::Duplicate),
                ("Delete session", "Del", has, Action::Delete),
            ] {
                if item(ui, text, key, enabled) {
                    actions.push(action);
                }
            }
            ui.separator();
            for (text, enabled, action) in [
                ("Copy week", day, Action::CopyWeek),
                ("Paste week", day && clip, Action::PasteWeek),
                ("Insert week", day, Action::InsertWeek),
                ("Remove week", day, Action::RemoveWeek),
            ] {
                if item(ui, text, "", enabled) {
                    actions.push(action);
                }
            }
        });
        ui.menu_button("Plan", |ui| {
            if ui.button("Calf program…").clicked() {
                self.ui.calf.open = true;
            }
            if ui.button("Log how my calves feel…").clicked() {
                let day = self.ui.selected_day.unwrap_or_else(|| self.today());
                self.ui.symptom_form = Some(views::symptoms::SymptomForm::new(day));
            }
            if ui.button("Return to running…").clicked() {
                self.ui.return_panel.open = true;
                self.ui.return_panel.from = None;
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
            if ui.button("Go to today").clicked() {
                self.ui.scroll_to = Some(self.today());
                self.ui.selected_day = Some(self.today());
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                self.help = Some(Help::Shortcuts);
            }
            if ui.button("Rules and their evidence").clicked() {
                self.help = Some(Help::Rules);
            }
            if ui.button("About Gradual").clicked() {
                self.help = Some(Help::About);
            }
        });
        // Ctrl+Q quits too.
        if ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Q)))
        {
            actions.push(Action::Quit);
        }
    }
}
