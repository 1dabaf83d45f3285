//! Image snapshots of the main window with an example plan, light and dark. They render
//! with wgpu; without a GPU that is Mesa's lavapipe (`mesa-vulkan-drivers`, installed by
//! `.ci/run`). Update after an intended change with `UPDATE_SNAPSHOTS=1 cargo test`.

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gradual::app::tasks::RfdDialogs;
use gradual::app::{AppConfig, GradualApp, Theme};
use std::path::PathBuf;
use std::sync::Arc;

/// The window on `plan` in `theme`, with today fixed, rendering with wgpu.
fn window(plan: &str, today: NaiveDate, theme: Theme) -> Harness<'static, GradualApp> {
    let config = AppConfig {
        dialogs: Arc::new(RfdDialogs),
        background: false,
        today: Some(today),
        watch_files: false,
        template_dir: None,
    };
    let mut app = GradualApp::new(
        &egui::Context::default(),
        None,
        config,
        Some(PathBuf::from(plan)),
    );
    app.prefs.theme = theme;
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(24)
        .wgpu()
        .build_ui_state(|ui, app: &mut GradualApp| app.show(ui), app);
    h.run();
    h
}

fn snapshot(theme: Theme, name: &str) {
    let day = NaiveDate::from_ymd_opt(2026, 1, 21).unwrap();
    let mut h = window("plans/half-marathon.ron", day, theme);
    h.get_by_label("Long 15 km on 2026-01-25").click();
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot(name);
}

#[test]
fn main_window_light() {
    snapshot(Theme::Light, "main_window_light");
}

#[test]
fn main_window_dark() {
    snapshot(Theme::Dark, "main_window_dark");
}

/// A file dropped on the window, as winit hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The import preview over the plan, after the fixtures' folder is dropped on the window
/// (the README's picture of it).
#[test]
fn import_preview() {
    // The preview shows start times in local time: the picture is of a UTC machine (CI).
    use chrono::{Offset, TimeZone};
    let noon = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    if chrono::Local
        .offset_from_utc_datetime(&noon)
        .fix()
        .local_minus_utc()
        != 0
    {
        eprintln!("import_preview skipped: its picture is of a machine on UTC");
        return;
    }
    // Opened from the fixtures (nothing is saved): a stable path in the status bar.
    let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let mut h = window("tests/fixtures/import/plan.ron", day, Theme::Dark);
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped("tests/fixtures/import".into())));
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot("import_preview");
}

/// The re-plan window on a plan whose second week was missed (the README's picture).
#[test]
fn replan_preview() {
    let day = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    let mut h = window("tests/fixtures/replan/missed.ron", day, Theme::Dark);
    h.get_by_role_and_label(egui::Role::Button, "Plan").click();
    h.run();
    h.get_by_label_contains("Re-plan from today…").click();
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot("replan_preview");
}
