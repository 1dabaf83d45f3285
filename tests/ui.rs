//! The window, driven headlessly through egui_kittest by accessible labels: edit in the
//! inspector, undo/redo, drag and drop, week operations, files and their guards.

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gradual::analysis::Rule;
use gradual::app::tasks::{DialogKind, DialogOutcome, FileDialogs};
use gradual::app::views::charts;
use gradual::app::{AppConfig, GradualApp};
use gradual::format;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Dialog answers queued by the test; records what was asked.
#[derive(Default)]
struct FakeDialogs {
    answers: Mutex<VecDeque<DialogOutcome>>,
    asked: Mutex<Vec<DialogKind>>,
}

impl FileDialogs for FakeDialogs {
    fn pick(&self, kind: &DialogKind) -> DialogOutcome {
        self.asked.lock().unwrap().push(kind.clone());
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(DialogOutcome::Cancelled)
    }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn app_with(plan: Option<&Path>, dialogs: Arc<FakeDialogs>) -> GradualApp {
    app_with_templates(plan, dialogs, None)
}

fn app_with_templates(
    plan: Option<&Path>,
    dialogs: Arc<FakeDialogs>,
    template_dir: Option<&Path>,
) -> GradualApp {
    let config = AppConfig {
        dialogs,
        background: false,
        today: Some(date("2026-03-04")),
        watch_files: false,
        template_dir: template_dir.map(Path::to_path_buf),
    };
    GradualApp::new(
        &egui::Context::default(),
        None,
        config,
        plan.map(Path::to_path_buf),
    )
}

fn harness(app: GradualApp) -> Harness<'static, GradualApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(24) // scrolling to a date animates over a few frames
        .build_ui_state(|ui, app: &mut GradualApp| app.show(ui), app)
}

fn open(plan: &str) -> (Harness<'static, GradualApp>, Arc<FakeDialogs>) {
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = harness(app_with(Some(Path::new(plan)), dialogs.clone()));
    h.run();
    (h, dialogs)
}

/// Scrolls the calendar to `day` and clicks the chip labelled `label`.
fn select(h: &mut Harness<'static, GradualApp>, label: &str, day: &str) {
    h.state_mut().ui.scroll_to = Some(date(day));
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// Replaces the text of the field labelled `label` with `text` and leaves the field.
fn type_into(h: &mut Harness<'static, GradualApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Opens the plan panel's "Add calf-raise test" form and records a test with it.
fn add_test_in_panel(
    h: &mut Harness<'static, GradualApp>,
    day: &str,
    left: &str,
    right: &str,
    pain: Option<&str>,
) {
    // The form may be open already.
    if h.query_by_label("➕ Add calf-raise test").is_some() {
        h.get_by_label("➕ Add calf-raise test").scroll_to_me();
        h.run();
        h.get_by_label("➕ Add calf-raise test").click();
        h.run();
    }
    type_into(h, "Test day", day);
    type_into(h, "Left reps", left);
    type_into(h, "Right reps", right);
    if let Some(pain) = pain {
        h.get_by_label("Pain 0–10").scroll_to_me();
        h.run();
        type_into(h, "Pain 0–10", pain);
    }
    h.get_by_label("Record test").scroll_to_me();
    h.run();
    h.get_by_label("Record test").click();
    h.run();
}

fn leave_field(h: &mut Harness<'static, GradualApp>) {
    h.key_press(Key::Escape);
    h.run();
}

fn week_km(h: &Harness<'static, GradualApp>, monday: &str) -> f64 {
    h.state().doc.report().week_of(date(monday)).unwrap().run_km
}

fn checkbox<'a>(h: &'a Harness<'static, GradualApp>, contains: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(move |n| {
        n.role() == egui::Role::CheckBox && n.label().is_some_and(|l| l.contains(contains))
    })
}

fn menu(h: &mut Harness<'static, GradualApp>, top: &str, item: &str) {
    h.get_by_role_and_label(egui::Role::Button, top).click();
    h.run();
    match h.query_by_label(item) {
        Some(node) => node.click(),
        None => h.get_by_label_contains(item).click(),
    }
    h.run();
}

#[test]
fn editing_distance_updates_totals_chart_and_warnings() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    assert!(h.state().doc.report().warnings.is_empty());
    select(&mut h, "Long 6.4 km on 2026-04-18", "2026-04-13");
    assert_eq!(h.get_by_label("Distance").value().as_deref(), Some("6.4"));
    let before = charts::series(h.state().doc.report());
    assert_eq!(week_km(&h, "2026-04-13"), 14.4);

    type_into(&mut h, "Distance", "9");
    leave_field(&mut h);

    assert!(
        (week_km(&h, "2026-04-13") - 17.0).abs() < 1e-9,
        "week total follows"
    );
    let after = charts::series(h.state().doc.report());
    let i = before
        .iter()
        .position(|p| p.start == date("2026-04-13"))
        .unwrap();
    assert!((after[i].run_km - 17.0).abs() < 1e-9, "chart data follows");
    assert_ne!(
        before[i].worst, after[i].worst,
        "the bar's colour follows the new warning"
    );
    let report = h.state().doc.report();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.rule == Rule::LongRunSpike && w.date == date("2026-04-18"))
    );
    // The totals column and the inspector's warning list show it too.
    assert!(
        h.query_all_by_label_contains("Week of 2026-04-13: 17.0 km, +25 % vs last week")
            .next()
            .is_some()
    );
    h.get_by_label_contains("Long run 9.0 km is +50 % over your longest run");
    assert!(h.state().doc.is_dirty());
    assert!(
        h.state()
            .title()
            .starts_with("* Beginner 5K — beginner-5k.ron"),
        "{}",
        h.state().title()
    );
}

#[test]
fn undo_and_redo_the_edit_typing_is_one_step() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    select(&mut h, "Long 6.4 km on 2026-04-18", "2026-04-13");
    h.get_by_label("Distance").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    for part in ["1", "2", ".", "5"] {
        h.get_by_label("Distance").type_text(part);
        h.run();
    }
    leave_field(&mut h);
    assert!((week_km(&h, "2026-04-13") - 20.5).abs() < 1e-9);

    undo(&mut h);
    assert!(
        (week_km(&h, "2026-04-13") - 14.4).abs() < 1e-9,
        "one undo reverts all typing"
    );
    assert!(!h.state().doc.is_dirty(), "back to the saved state");

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!((week_km(&h, "2026-04-13") - 20.5).abs() < 1e-9);

    // And through the Edit menu.
    menu(&mut h, "Edit", "Undo edit session");
    assert!((week_km(&h, "2026-04-13") - 14.4).abs() < 1e-9);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!((week_km(&h, "2026-04-13") - 20.5).abs() < 1e-9);
}

#[test]
fn out_of_range_values_are_refused_with_a_message() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    select(&mut h, "Long 6.4 km on 2026-04-18", "2026-04-13");
    type_into(&mut h, "Distance", "-3");
    h.get_by_label_contains("-3 km refused: must be more than 0");
    assert_eq!(week_km(&h, "2026-04-13"), 14.4, "nothing was changed");
    assert!(h.state().doc.undo_label().is_none());
    type_into(&mut h, "Date", "2026-02-30");
    h.get_by_label_contains("is not a date");
}

#[test]
fn drag_a_session_to_another_day_and_ctrl_drag_copies() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    h.state_mut().ui.scroll_to = Some(date("2026-03-09"));
    h.run();
    let from = h.get_by_label("Easy 3.2 km on 2026-03-10").rect().center();
    let to = h.get_by_label("Day 2026-03-12").rect().center();
    h.drag_at(from);
    h.run();
    for k in 1..=5 {
        h.hover_at(from + (to - from) * (k as f32 / 5.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let plan = h.state().doc.plan();
    assert!(!plan.sessions.iter().any(|s| s.date == date("2026-03-10")));
    assert_eq!(
        plan.sessions
            .iter()
            .filter(|s| s.date == date("2026-03-12"))
            .count(),
        2
    );
    assert_eq!(h.state().doc.undo_label(), Some("move session"));

    undo(&mut h);
    assert!(
        h.state()
            .doc
            .plan()
            .sessions
            .iter()
            .any(|s| s.date == date("2026-03-10"))
    );
}

#[test]
fn copy_and_paste_a_week_then_insert_and_remove_weeks() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    let n = h.state().doc.plan().sessions.len();
    select_day(&mut h, "2026-03-02");
    menu(&mut h, "Edit", "Copy week");
    h.get_by_label("Day 2026-03-10").click(); // a day in the next week
    h.run();
    menu(&mut h, "Edit", "Paste week");
    assert_eq!(
        h.state().doc.plan().sessions.len(),
        n + 5,
        "five sessions in the copied week"
    );
    assert!((week_km(&h, "2026-03-09") - (11.2 + 10.4)).abs() < 1e-9);

    let race = h.state().doc.plan().race.clone().unwrap().date;
    let last = h.state().doc.plan().sessions.last().unwrap().date;
    menu(&mut h, "Edit", "Insert week");
    let plan = h.state().doc.plan();
    assert_eq!(
        plan.race.as_ref().unwrap().date,
        race + chrono::Duration::days(7),
        "later dates shift"
    );
    assert_eq!(
        plan.sessions.last().unwrap().date,
        last + chrono::Duration::days(7)
    );
    assert!(
        !plan
            .sessions
            .iter()
            .any(|s| gradual::model::week_start(s.date) == date("2026-03-09")),
        "the new week is empty"
    );
    assert_eq!(plan.blocks[0].weeks, 5, "the block containing it grows");

    menu(&mut h, "Edit", "Remove week");
    let plan = h.state().doc.plan();
    assert_eq!(plan.race.as_ref().unwrap().date, race);
    assert_eq!(
        plan.sessions.len(),
        n + 5,
        "the empty week went, nothing else"
    );
    assert_eq!(plan.blocks[0].weeks, 4);
}

#[test]
fn add_a_session_by_double_click_and_delete_it() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    let n = h.state().doc.plan().sessions.len();
    edit(&mut h);
    assert_eq!(h.state().doc.plan().sessions.len(), n + 1);
    h.get_by_label("Easy 5 km on 2026-03-06");
    assert_eq!(
        h.get_by_label("Distance").value().as_deref(),
        Some("5"),
        "the new session is selected"
    );
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().doc.plan().sessions.len(), n);
}

#[test]
fn save_to_a_temp_path_and_reload_gives_an_equal_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.ron");
    let dialogs = Arc::new(FakeDialogs::default());
    dialogs
        .answers
        .lock()
        .unwrap()
        .push_back(DialogOutcome::Picked(path.clone()));
    let mut h = harness(app_with(None, dialogs.clone()));
    h.run();
    assert!(
        h.state().title().contains("not saved"),
        "first start: the bundled example"
    );
    select(&mut h, "Long 13 km on 2026-01-11", "2026-01-05");
    type_into(&mut h, "Distance", "13.5");
    leave_field(&mut h);
    menu(&mut h, "File", "Save As");
    assert_eq!(
        dialogs.asked.lock().unwrap()[0],
        DialogKind::Save("spring-half-marathon.ron".into())
    );
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    let loaded = format::load(&path).unwrap();
    assert_eq!(&loaded, h.state().doc.plan());
    assert_eq!(
        h.state().prefs.recent[0],
        std::fs::canonicalize(&path).unwrap()
    );

    // Ctrl+S saves in place and keeps a backup.
    select(&mut h, "Long 13.5 km on 2026-01-11", "2026-01-05");
    type_into(&mut h, "Distance", "14");
    leave_field(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(format::backup_path(&path).exists());
    assert_eq!(&format::load(&path).unwrap(), h.state().doc.plan());
}

#[test]
fn a_broken_file_keeps_the_previous_plan_and_shows_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    let text = std::fs::read_to_string("plans/beginner-5k.ron")
        .unwrap()
        .replacen("km: 3.0", "km: 3.0,, ", 1);
    std::fs::write(&broken, text).unwrap();
    let (mut h, dialogs) = open("plans/half-marathon.ron");
    dialogs
        .answers
        .lock()
        .unwrap()
        .push_back(DialogOutcome::Picked(broken.clone()));
    let before = h.state().doc.plan().clone();
    menu(&mut h, "File", "Open…");
    let msg = h.state().modal_text().expect("an error dialog");
    assert!(
        msg.contains("broken.ron:23:") && msg.contains("hint:"),
        "{msg}"
    );
    h.get_by_label_contains("The plan you had open is unchanged");
    assert_eq!(h.state().doc.plan(), &before);
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().modal_text().is_none());
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    unsaved_dialog(&mut h);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        h.state().doc.plan().name,
        "Beginner 5K",
        "cancel keeps the plan"
    );
    menu(&mut h, "File", "New Ctrl+N");
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(h.state().doc.plan().name, "New plan");
    assert!(h.state().doc.plan().sessions.is_empty());
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn no_file_dialog_falls_back_to_a_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.ron");
    let (mut h, dialogs) = open("plans/beginner-5k.ron");
    no_file_dialog(&dialogs);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.get_by_label_contains("No file dialog is available");
    h.get_by_label("File path").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File path")
        .type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(&format::load(&path).unwrap(), h.state().doc.plan());
}

#[test]
fn a_file_changed_on_disk_offers_to_reload() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::copy("plans/beginner-5k.ron", &path).unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = harness(app_with(Some(&path), dialogs));
    h.run();
    let mut plan = format::load(&path).unwrap();
    plan.name = "Edited elsewhere".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    format::save(&plan, &path).unwrap();
    h.state_mut().check_file_on_disk();
    h.run();
    h.get_by_label_contains("was changed by another program. Reload it?");
    h.get_by_label("Reload from disk").click();
    h.run();
    assert_eq!(h.state().doc.plan().name, "Edited elsewhere");
}

#[test]
fn warnings_list_filters_and_selects() {
    let (mut h, _) = open("plans/too-much-too-soon.ron");
    h.get_by_label("⚠ Warnings 3 · notes 1").click();
    h.run();
    h.get_by_label_contains("31.0 km is +94 % over the highest");
    checkbox(&h, "caution (").click(); // hide cautions
    h.run();
    assert!(h.query_by_label_contains("31.0 km is +94 %").is_none());
    assert!(h.state().window.severity_filter[0], "info still shown");
    h.get_by_label_contains("2026-05-10 · hydration").click();
    h.run();
    let sel = h.state().ui.selection.unwrap();
    assert_eq!(h.state().doc.plan().sessions[sel].date, date("2026-05-10"));
}

#[test]
fn counts_agree_between_the_tab_the_badges_and_the_inspector() {
    let (mut h, _) = open("plans/too-much-too-soon.ron");
    // The week of 2026-05-04: a weekly increase and two long-run spikes (cautions), and
    // the hydration note dated 2026-05-10.
    h.state_mut().ui.scroll_to = Some(date("2026-05-04"));
    h.run();
    h.get_by_label("Week of 2026-05-04: 3 warnings, 1 note (worst: caution)");
    select(&mut h, "Easy 9 km on 2026-05-05", "2026-05-04");
    h.get_by_label("This session and its week: 3 warnings, 1 note");
    h.get_by_label("⚠ Warnings 3 · notes 1");
    // An info note alone is a note everywhere, not a warning.
    let (mut h, _) = open("plans/half-marathon.ron");
    h.get_by_label("⚠ Warnings 0 · notes 1");
    let r = h.state().doc.report();
    let first = r.warnings[0].sessions[0];
    let day = h.state().doc.plan().sessions[first].date;
    h.state_mut().ui.selection = Some(first);
    h.state_mut().ui.scroll_to = Some(day);
    h.run();
    h.get_by_label_contains("This session and its week: no warnings, 1 note");
}

#[test]
fn repeated_warnings_of_one_rule_are_grouped() {
    let (mut h, _) = open("plans/cross-training-before-runs.ron");
    h.get_by_label("⚠ Warnings 18 · notes 1").click();
    h.run();
    let header = "⚠ caution · calf-cross-training × 18 (2026-05-06 to 2026-06-14)";
    h.get_by_label(header);
    assert!(
        h.query_by_label_contains("2026-05-13 · calf-cross-training")
            .is_none(),
        "collapsed"
    );
    h.get_by_label(header).click();
    h.run();
    h.get_by_label_contains("2026-05-13 · calf-cross-training");
    // The single note stays a plain row.
    h.get_by_label_contains("2026-05-10 · hydration");
}

#[test]
fn help_shows_the_rules_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut plan = format::load(Path::new("plans/beginner-5k.ron")).unwrap();
    plan.settings.long_run_caution_pct = Some(15.0);
    format::save(&plan, &path).unwrap();
    let (mut h, _) = open(path.to_str().unwrap());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Rules and their evidence").click();
    h.run();
    h.get_by_label_contains(
        "Thresholds in force for this plan (Novice athlete, with the plan's settings)",
    );
    h.get_by_label_contains("a run more than 15 % longer than the longest");
    h.get_by_label_contains("more than 10 % over the highest of the previous four full weeks: note; more than 20 %: caution;");
    // The severity ladder, and why each rule sits where it does.
    h.get_by_label_contains("danger: red flags only: see a doctor or physiotherapist.");
    h.get_by_label_contains(
        "Why this severity: caution above +10 %: a significant association (HRR 1.64)",
    );
}

#[test]
fn every_icon_is_in_the_bundled_fonts() {
    let ctx = egui::Context::default();
    let mut out = ctx.run_ui(Default::default(), |_| {});
    out.textures_delta.clear();
    for icon in [
        "ℹ", "⚠", "⛔", "🏁", "✔", "🗑", "➕", "📈", "✖", "…", "–", "×", "·", "≈", "“", "”", "📆",
    ] {
        assert!(
            ctx.fonts_mut(|f| f.has_glyphs(&egui::FontId::proportional(12.0), icon)),
            "{icon}"
        );
    }
}

#[test]
fn keyboard_moves_the_day_and_enter_edits() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    select_day(&mut h, "2026-03-02");
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().ui.selected_day, Some(date("2026-03-10")));
    h.key_press(Key::Enter);
    h.run();
    let sel = h
        .state()
        .ui
        .selection
        .expect("Enter selects the day's session");
    assert_eq!(h.state().doc.plan().sessions[sel].date, date("2026-03-10"));
    assert!(
        h.get_by_label("Date").is_focused(),
        "and focuses the inspector"
    );
}

#[test]
fn an_idle_window_asks_for_no_repaint() {
    let (mut h, _) = open("plans/half-marathon.ron");
    h.step();
    let out = &h.output().viewport_output[&egui::ViewportId::ROOT];
    assert_eq!(
        out.repaint_delay,
        std::time::Duration::MAX,
        "no repaint loop when nothing changes"
    );
}

#[test]
fn ctrl_drag_copies_and_clipboard_pastes() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    let n = h.state().doc.plan().sessions.len();
    h.state_mut().ui.scroll_to = Some(date("2026-03-09"));
    h.run();
    let from = h.get_by_label("Easy 3.2 km on 2026-03-10").rect().center();
    let to = h.get_by_label("Day 2026-03-13").rect().center();
    h.drag_at(from);
    h.run();
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::COMMAND,
    });
    h.run();
    let plan = h.state().doc.plan();
    assert_eq!(plan.sessions.len(), n + 1, "Ctrl-drag copies");
    assert!(
        plan.sessions.iter().any(|s| s.date == date("2026-03-10")),
        "the original stays"
    );
    assert!(plan.sessions.iter().any(|s| s.date == date("2026-03-13")));
    assert_eq!(h.state().doc.undo_label(), Some("copy session"));

    // Copy the selected session, select another day, paste.
    h.get_by_label("Easy 3.2 km on 2026-03-10").click();
    h.run();
    h.event(egui::Event::Copy);
    h.run();
    h.get_by_label("Day 2026-03-15").click();
    h.run();
    h.event(egui::Event::Paste(String::new()));
    h.run();
    assert_eq!(h.state().doc.plan().sessions.len(), n + 2);
    h.get_by_label("Easy 3.2 km on 2026-03-15");
    // Cut removes it again.
    h.event(egui::Event::Cut);
    h.run();
    assert_eq!(h.state().doc.plan().sessions.len(), n + 1);
}

#[test]
fn calf_program_panel_previews_applies_and_undoes() {
    let (mut h, _) = open("plans/too-much-too-soon.ron");
    let before = h.state().doc.plan().clone();
    menu(&mut h, "Plan", "Calf program…");
    h.get_by_label_contains("Why: no calf-raise test yet");
    h.get_by_label_contains("Apply: 16 added, 0 moved, 0 changed, 0 removed")
        .click();
    h.run();
    let plan = h.state().doc.plan();
    let generated: Vec<_> = plan.sessions.iter().filter(|s| s.generated).collect();
    assert_eq!(generated.len(), 16, "novice: 2 a week for 8 weeks");
    assert!(generated.iter().all(|g| {
        !plan
            .sessions
            .iter()
            .any(|r| r.date == g.date && r.run().is_some())
    }));
    h.get_by_label("Up to date");
    assert_eq!(h.state().doc.undo_label(), Some("apply calf program"));
    undo(&mut h);
    assert_eq!(
        h.state().doc.plan(),
        &before,
        "one undo removes the whole program"
    );
}

#[test]
fn a_run_on_a_calf_day_offers_to_reschedule() {
    let (mut h, _) = open("plans/half-marathon.ron");
    h.state_mut().ui.scroll_to = Some(date("2026-01-05"));
    h.run();
    h.get_by_label("Add session on 2026-01-09").click(); // Friday: a generated calf session
    h.run();
    assert_eq!(h.state().ui.calf_conflict, Some(date("2026-01-09")));
    let report = h.state().doc.report();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.rule == Rule::CalfWorkOnRunDay && w.date == date("2026-01-09"))
    );
    h.get_by_label("Reschedule calf program").click();
    h.run();
    let plan = h.state().doc.plan();
    assert!(
        !plan
            .sessions
            .iter()
            .any(|s| s.generated && s.date == date("2026-01-09"))
    );
    assert!(h.state().ui.calf_conflict.is_none());
    assert!(
        !h.state()
            .doc
            .report()
            .warnings
            .iter()
            .any(|w| w.rule == Rule::CalfWorkOnRunDay)
    );
}

#[test]
fn export_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan");
    let (mut h, dialogs) = open("plans/beginner-5k.ron");
    dialogs
        .answers
        .lock()
        .unwrap()
        .push_back(DialogOutcome::Picked(path.clone()));
    h.get_by_role_and_label(egui::Role::Button, "File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("Calendar (ICS)…").click();
    h.run();
    assert_eq!(
        dialogs.asked.lock().unwrap()[0],
        DialogKind::Export("beginner-5k.ics".into(), "ics")
    );
    let text = std::fs::read_to_string(path.with_extension("ics")).unwrap();
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        h.state().doc.plan().sessions.len()
    );
    assert!(h.state().status().starts_with("Exported"));
}

#[test]
fn open_a_folder_and_switch_athletes() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["beginner-5k.ron", "too-much-too-soon.ron"] {
        std::fs::copy(Path::new("plans").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join("broken.ron"), "(format: 1,").unwrap();
    let (mut h, dialogs) = open("plans/half-marathon.ron");
    dialogs
        .answers
        .lock()
        .unwrap()
        .push_back(DialogOutcome::Picked(dir.path().to_path_buf()));
    menu(&mut h, "File", "Open folder…");
    h.get_by_label("Alex — Beginner 5K · race 9 May 2026");
    h.get_by_label("broken.ron — could not be read");
    h.get_by_label("Jo — Too much too soon · race 31 May 2026")
        .click();
    h.run();
    assert_eq!(h.state().doc.plan().athlete.name, "Jo");

    // An unsaved edit: switching asks first.
    h.state_mut().ui.scroll_to = Some(date("2026-04-06"));
    h.run();
    h.get_by_label("Add session on 2026-04-08").click();
    h.run();
    h.get_by_label("Alex — Beginner 5K · race 9 May 2026")
        .click();
    h.run();
    h.get_by_label_contains("Save the changes to");
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(h.state().doc.plan().athlete.name, "Alex");

    // The list follows the folder.
    std::fs::copy(
        "plans/return-after-layoff.ron",
        dir.path().join("chris.ron"),
    )
    .unwrap();
    h.state_mut().check_folder_on_disk();
    h.run();
    h.get_by_label("Chris — Back after the flu");
    assert_eq!(h.state().roster.as_ref().unwrap().entries.len(), 4);
}

#[test]
fn new_plan_from_a_template() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    menu(&mut h, "File", "New from template…");
    h.get_by_label_contains("Half marathon, novice — 12 weeks")
        .click();
    h.run();
    type_into(&mut h, "Base km", "25");
    h.get_by_label("Race on").click();
    h.run();
    type_into(&mut h, "Race date", "2026-09-27");
    leave_field(&mut h);
    h.get_by_label_contains("12 weeks, 6 Jul 2026 to 27 Sep 2026");
    h.get_by_label("Create plan").click();
    h.run();
    let plan = h.state().doc.plan();
    assert_eq!(plan.name, "Half marathon, novice");
    assert_eq!(plan.race.as_ref().unwrap().date, date("2026-09-27"));
    assert_eq!(plan.athlete.baseline.as_ref().unwrap().weekly_km, 25.0);
    assert!(
        h.state().doc.is_dirty() && h.state().doc.path.is_none(),
        "a new plan to save"
    );
    assert!(
        h.state()
            .doc
            .report()
            .warnings
            .iter()
            .all(|w| w.severity < gradual::analysis::Severity::Warning)
    );
}

#[test]
fn scale_a_block_by_dragging_and_undo() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    let before: f64 = h.state().doc.report().weeks[..4]
        .iter()
        .map(|w| w.run_km)
        .sum();
    let slider = h.get_by_label("Scale Base volume");
    slider.scroll_to_me();
    h.run();
    let r = h.get_by_label("Scale Base volume").rect();
    let from = r.center();
    let to = egui::pos2(r.left() + r.width() * 0.75, r.center().y);
    h.drag_at(from);
    h.run();
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.run();
        // Charts and warnings follow while dragging.
        let now: f64 = h.state().doc.report().weeks[..4]
            .iter()
            .map(|w| w.run_km)
            .sum();
        assert!(now >= before - 1e-9);
    }
    h.drop_at(to);
    h.run();
    let after: f64 = h.state().doc.report().weeks[..4]
        .iter()
        .map(|w| w.run_km)
        .sum();
    assert!(after > before * 1.05, "{before} → {after}");
    assert!(
        h.state().doc.report().weeks[4..]
            .iter()
            .map(|w| w.run_km)
            .sum::<f64>()
            > 0.0
    );
    assert_eq!(h.state().doc.undo_label(), Some("scale block"));
    undo(&mut h);
    let undone: f64 = h.state().doc.report().weeks[..4]
        .iter()
        .map(|w| w.run_km)
        .sum();
    assert!(
        (undone - before).abs() < 1e-9,
        "one undo reverts the whole drag"
    );
}

#[test]
fn recovery_week_and_chained_block() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    let weeks = h.state().doc.plan().blocks[0].weeks;
    let race = h.state().doc.plan().race.clone().unwrap().date;
    h.get_all_by_label("+ Recovery week")
        .next()
        .unwrap()
        .scroll_to_me();
    h.run();
    h.get_all_by_label("+ Recovery week")
        .next()
        .unwrap()
        .click();
    h.run();
    let plan = h.state().doc.plan();
    assert_eq!(plan.blocks[0].weeks, weeks + 1);
    assert_eq!(
        plan.race.as_ref().unwrap().date,
        race + chrono::Duration::days(7)
    );
    let r = h.state().doc.report();
    let new_week = r.weeks[weeks as usize].run_km;
    let prev_week = r.weeks[weeks as usize - 1].run_km;
    assert!(
        (new_week - prev_week * 0.7).abs() < 1.0,
        "{prev_week} → {new_week}"
    );
    let n_blocks = plan.blocks.len();
    h.get_by_label("Chain a block template").scroll_to_me();
    h.run();
    h.get_by_label("Chain a block template").click();
    h.run();
    h.get_by_label("Taper block").click();
    h.run();
    assert_eq!(h.state().doc.plan().blocks.len(), n_blocks + 1);
    assert_eq!(
        h.state().doc.plan().blocks.last().unwrap().phase,
        gradual::model::Phase::Taper
    );
}

#[test]
fn save_as_template_then_find_it_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_with_templates(
        Some(Path::new("plans/half-marathon.ron")),
        Arc::new(FakeDialogs::default()),
        Some(dir.path()),
    ));
    h.run();
    menu(&mut h, "File", "Save as template…");
    type_into(&mut h, "Name", "Sam's half");
    leave_field(&mut h);
    h.get_by_label("Save template").click();
    h.run();
    assert!(dir.path().join("sam-s-half.ron").exists());
    h.get_by_label_contains("it is in File > New from template");
    h.state_mut().window.save_template.open = false;
    h.run();
    menu(&mut h, "File", "New from template…");
    h.get_by_label_contains("Sam's half (yours) — 12 weeks");
}

#[test]
fn time_only_runs_show_minutes_and_refuse_to_lose_both() {
    let (mut h, _) = open("plans/walk-run-5k.ron");
    h.state_mut().ui.scroll_to = Some(date("2027-03-01"));
    h.run();
    h.get_by_label_contains(
        "Week of 2027-03-01: 62 min, +29 % vs last week, load 248. Headroom: up to",
    );
    select(&mut h, "Easy 20' on 2027-03-02", "2027-03-01");
    h.get_by_label_contains("Time-only run: distance rules compare its minutes");
    // A time-only run cannot lose its minutes too.
    h.get_by_label("Minutes").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label_contains("a time-only run needs its minutes");
    let sel = h.state().ui.selection.unwrap();
    assert!(
        h.state().doc.plan().sessions[sel]
            .run()
            .unwrap()
            .minutes
            .is_some()
    );
    // Giving it a distance makes it a distance run.
    type_into(&mut h, "Distance", "3");
    let sel = h.state().ui.selection.unwrap();
    assert_eq!(
        h.state().doc.plan().sessions[sel].run().unwrap().km,
        Some(3.0)
    );
    h.get_by_label("Easy 3 km on 2027-03-02");
}

#[test]
fn log_a_symptom_see_the_advice_and_the_calf_program_stop() {
    let (mut h, _) = open("plans/half-marathon.ron");
    let generated_after = |h: &Harness<'static, GradualApp>| {
        h.state()
            .doc
            .plan()
            .sessions
            .iter()
            .filter(|s| s.generated && s.date > date("2026-02-04"))
            .count()
    };
    assert!(generated_after(&h) > 0);
    h.state_mut().ui.selected_day = Some(date("2026-02-04"));
    menu(&mut h, "Plan", "Log how my calves feel…");
    assert!(h.state().ui.symptom_form.is_some());
    // Pain 6 with the keyboard, and swelling.
    h.get_by_role_and_label(egui::Role::Slider, "Pain (0–10)")
        .focus();
    h.run();
    for _ in 0..6 {
        h.key_press(Key::ArrowRight);
    }
    h.run();
    checkbox(&h, "swelling").click();
    h.run();
    // The advice updates while filling in the form.
    h.get_by_label_contains("Red flag in the calf: see a professional");
    h.get_by_label("Log it").click();
    h.run();
    let plan = h.state().doc.plan();
    assert_eq!(plan.symptoms.len(), 1);
    let s = &plan.symptoms[0];
    assert_eq!((s.date, s.pain), (date("2026-02-04"), 6));
    assert_eq!(s.flags, vec![gradual::model::RedFlag::Swelling]);
    assert_eq!(generated_after(&h), 0, "the calf program stops");
    assert!(
        h.state()
            .status()
            .contains("the calf program was rescheduled")
    );
    // The inspector shows the symptom and the article's advice.
    h.get_by_label_contains("See a doctor or physiotherapist before you run again");
    h.get_by_label_contains("Ice: 15–20 minutes, three times a day.");
    // The calendar marks the day; the runs after it are warned.
    h.state_mut().ui.scroll_to = Some(date("2026-02-02"));
    h.run();
    h.get_by_label("Calf pain 6/10 with swelling on 2026-02-04");
    assert!(h.state().doc.report().warnings.iter().any(|w| {
        w.rule == Rule::BeforeAllClear
            && w.message
                .contains("see a doctor or physiotherapist before running")
    }));
    // One undo step takes it all back.
    undo(&mut h);
    assert!(h.state().doc.plan().symptoms.is_empty());
    assert!(generated_after(&h) > 0);
}

#[test]
fn record_a_calf_raise_test_from_its_session() {
    let (mut h, _) = open("plans/half-marathon.ron");
    let test_day = h
        .state()
        .doc
        .plan()
        .sessions
        .iter()
        .find(|s| s.activity == gradual::model::Activity::CalfTest)
        .unwrap()
        .date;
    select(
        &mut h,
        &format!("Calf test on {test_day}"),
        &test_day.to_string(),
    );
    h.get_by_label_contains("Calf-raise test: on one leg");
    type_into(&mut h, "Left reps", "26");
    type_into(&mut h, "Right reps", "x");
    h.get_by_label("Record test").click();
    h.run();
    h.get_by_label_contains("right: \"x\" is not a whole number of reps");
    assert!(
        h.state()
            .doc
            .plan()
            .athlete
            .calf_raise_tests
            .iter()
            .all(|t| t.date != test_day)
    );
    type_into(&mut h, "Right reps", "27");
    h.get_by_label("Record test").click();
    h.run();
    let plan = h.state().doc.plan();
    let t = plan
        .athlete
        .calf_raise_tests
        .iter()
        .find(|t| t.date == test_day)
        .unwrap();
    assert_eq!((t.left, t.right), (26, 27));
    assert!(
        plan.sessions
            .iter()
            .any(|s| s.date == test_day && s.status == gradual::model::Status::Done),
        "the test session is done"
    );
    // Stage 5 no longer waits: the program moves on after the test.
    assert!(plan.sessions.iter().any(|s| s.date > test_day
        && matches!(s.activity, gradual::model::Activity::Calf { stage: 5, .. })));
    h.get_by_label_contains("Recorded: left 26 · right 27");
}

#[test]
fn create_a_return_block_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut plan = format::load(Path::new("plans/half-marathon.ron")).unwrap();
    let mut strain =
        gradual::model::Symptom::new(date("2026-02-05"), gradual::model::BodyArea::Calf, 6);
    strain.side = Some(gradual::model::Side::Left);
    plan.symptoms.push(strain);
    format::save(&plan, &path).unwrap();
    let (mut h, _) = open(path.to_str().unwrap());
    menu(&mut h, "Plan", "Return to running…");
    h.get_by_label("Return to running");
    type_into(&mut h, "From", "2026-02-23");
    leave_field(&mut h);
    // Not ready: the criteria say what is missing, and the button is off.
    h.get_by_label_contains("has no all-clear yet");
    assert!(
        h.get_by_label("Create return block")
            .accesskit_node()
            .is_disabled()
    );
    // Pain settles.
    let mut plan = h.state().doc.plan().clone();
    plan.symptoms.push(gradual::model::Symptom::new(
        date("2026-02-20"),
        gradual::model::BodyArea::Calf,
        1,
    ));
    h.state_mut().apply(gradual::document::Command::ReplacePlan(
        Box::new(plan),
        "test setup",
    ));
    h.run();
    h.get_by_label_contains(
        "record a calf-raise test taken after the calf strain (6/10) on 2026-02-05",
    );
    // "Add calf-raise test" opens a form: nothing counts until the numbers are typed.
    let tests_before = h.state().doc.plan().athlete.calf_raise_tests.len();
    h.get_by_label("➕ Add calf-raise test").click();
    h.run();
    assert_eq!(
        h.state().doc.plan().athlete.calf_raise_tests.len(),
        tests_before,
        "no placeholder test"
    );
    add_test_in_panel(&mut h, "2026-02-21", "25", "27", None);
    // Without the pain during the test it is recorded, but not yet enough to return.
    let t = h
        .state()
        .doc
        .plan()
        .athlete
        .calf_raise_tests
        .iter()
        .find(|t| t.date == date("2026-02-21"))
        .cloned()
        .expect("recorded");
    assert_eq!((t.left, t.right, t.pain), (25, 27, None));
    h.get_by_label_contains("record the pain felt during the test");
    add_test_in_panel(&mut h, "2026-02-21", "25", "27", Some("0"));
    h.get_by_label_contains("left leg 25 reps vs 27: 93 %");
    h.get_by_label_contains("Gradual's rules find nothing at caution or above in the block.");
    h.get_by_label("Create return block").click();
    h.run();
    let plan = h.state().doc.plan();
    assert!(plan.blocks.iter().any(|b| b.name == "Return to running"));
    let first = plan
        .sessions
        .iter()
        .find(|s| s.date == date("2026-02-23") && s.run().is_some())
        .unwrap();
    assert!(first.note.contains("walk/run step 1"), "{}", first.note);
    assert_eq!(h.state().doc.undo_label(), Some("return to running"));
    undo(&mut h);
    assert!(
        !h.state()
            .doc
            .plan()
            .blocks
            .iter()
            .any(|b| b.name == "Return to running")
    );
}

/// A copy of `plans/beginner-5k.ron` in a temporary folder, opened in the window.
fn open_copy(
    prefix: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, GradualApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let text = std::fs::read_to_string("plans/beginner-5k.ron").unwrap();
    std::fs::write(&path, format!("{prefix}{text}")).unwrap();
    let mut h = harness(app_with(Some(&path), Arc::new(FakeDialogs::default())));
    h.run();
    (dir, path, h)
}

/// Scrolls to `day` and clicks it.
fn select_day(h: &mut Harness<'static, GradualApp>, day: &str) {
    h.state_mut().ui.scroll_to = Some(date(day));
    h.run();
    h.get_by_label(&format!("Day {day}")).click();
    h.run();
}

/// Ctrl+Z.
fn undo(h: &mut Harness<'static, GradualApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

/// The next file dialog is not available (the path field stands in for it).
fn no_file_dialog(dialogs: &FakeDialogs) {
    dialogs
        .answers
        .lock()
        .unwrap()
        .push_back(DialogOutcome::Unavailable);
}

/// An edit, then File ▸ New by its key: the unsaved-changes dialog is up.
fn unsaved_dialog(h: &mut Harness<'static, GradualApp>) {
    edit(h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label_contains("Save the changes to “beginner-5k.ron” first?");
}

/// Adds a session on 2026-03-06 so the plan has something to save.
fn edit(h: &mut Harness<'static, GradualApp>) {
    h.state_mut().ui.scroll_to = Some(date("2026-03-02"));
    h.run();
    h.get_by_label("Add session on 2026-03-06").click();
    h.run();
    assert!(h.state().doc.is_dirty());
}

#[test]
fn saving_a_commented_plan_says_first_that_comments_go_to_the_backup() {
    let (_dir, path, mut h) = open_copy("// Coach: keep Tuesdays easy\n");
    edit(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label_contains("has comments (// …)");
    assert!(
        std::fs::read_to_string(&path).unwrap().contains("// Coach"),
        "nothing written before the answer"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().doc.is_dirty(), "cancel keeps the edit unsaved");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save without the comments").click();
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert_eq!(&format::load(&path).unwrap(), h.state().doc.plan());
    let bak = std::fs::read_to_string(format::backup_path(&path)).unwrap();
    assert!(bak.contains("// Coach: keep Tuesdays easy"), "{bak}");
    // Asked once: the next save goes straight through.
    h.get_by_label("Add session on 2026-03-07").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().modal_text().is_none());
    assert_eq!(&format::load(&path).unwrap(), h.state().doc.plan());
}

#[test]
fn a_save_over_a_file_changed_meanwhile_asks_instead_of_clobbering() {
    let (_dir, path, mut h) = open_copy("");
    edit(&mut h);
    let mut theirs = format::load(&path).unwrap();
    theirs.name = "Edited elsewhere".into();
    format::save(&theirs, &path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label_contains("Not saved: the file changed on disk");
    assert_eq!(format::load(&path).unwrap().name, "Edited elsewhere");
    assert!(h.state().doc.is_dirty());
    h.get_by_label("Overwrite with my version").click();
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert_eq!(&format::load(&path).unwrap(), h.state().doc.plan());
    // The other version is the backup.
    assert_eq!(
        format::load(&format::backup_path(&path)).unwrap().name,
        "Edited elsewhere"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_plan_is_not_replaced_and_the_edit_stays() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, mut h) = open_copy("");
    edit(&mut h);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let msg = h.state().modal_text().expect("an error dialog");
    assert!(msg.contains("read-only"), "{msg}");
    assert!(h.state().doc.is_dirty(), "the edit is kept");
    assert_eq!(
        format::load(&path).unwrap().sessions.len() + 1,
        h.state().doc.plan().sessions.len()
    );
}

#[test]
fn no_key_acts_while_a_dialog_is_open_not_even_quit() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    unsaved_dialog(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    undo(&mut h);
    assert!(
        h.state().doc.is_dirty(),
        "Ctrl+Z did not undo behind the dialog"
    );
    // Still the New dialog: discarding makes a new plan rather than quitting.
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(h.state().doc.plan().name, "New plan");
}

#[test]
fn the_clipboard_outlives_the_plan_and_view_state_does_not() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    select(&mut h, "Easy 3 km on 2026-03-03", "2026-03-02");
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().perform(
        &ctx,
        gradual::app::Request::OpenPath("plans/half-marathon.ron".into()),
    );
    h.run_steps(60); // the calendar scrolls to the new plan
    assert_eq!(h.state().doc.plan().name, "Spring half marathon");
    assert_eq!(h.state().ui.selection, None, "a fresh selection");
    assert!(
        h.state().window.clipboard.is_some(),
        "the copied session stays"
    );
    h.state_mut().ui.scroll_to = Some(date("2026-01-05"));
    h.state_mut().ui.selected_day = Some(date("2026-01-08"));
    h.run_steps(60);
    let before = h.state().doc.plan().sessions.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::V);
    h.run();
    assert_eq!(h.state().doc.plan().sessions.len(), before + 1);
    let sel = h.state().ui.selection.unwrap();
    assert_eq!(h.state().doc.plan().sessions[sel].date, date("2026-01-08"));
}

#[test]
fn new_from_template_starts_on_the_configured_today() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    menu(&mut h, "File", "New from template…");
    assert_eq!(h.state().window.new_template.date, date("2026-03-04"));
    assert!(!h.state().templates.is_empty(), "read in the background");
}

#[test]
fn dates_can_be_picked_from_a_calendar_as_well_as_typed() {
    let (mut h, _) = open("plans/half-marathon.ron");
    let before = h.state().doc.plan().blocks[0].start;
    h.get_all_by_label("Pick the block start from a calendar")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label(">").click(); // one day later
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(
        h.state().doc.plan().blocks[0].start,
        before + chrono::Duration::days(1)
    );
    // The text field shows the picked date.
    let shown = (before + chrono::Duration::days(1)).to_string();
    assert!(
        h.query_all_by_value(&shown).next().is_some(),
        "the field shows {shown}"
    );
    // One undo step.
    undo(&mut h);
    assert_eq!(h.state().doc.plan().blocks[0].start, before);
}

#[test]
fn fit_to_headroom_previews_applies_and_undoes() {
    let (mut h, _) = open("plans/too-much-too-soon.ron");
    let before = h.state().doc.plan().clone();
    assert!(h.state().doc.report().headroom.iter().any(|w| w.over()));
    // The week's totals say how much it may hold.
    h.state_mut().ui.scroll_to = Some(date("2026-05-04"));
    h.run_steps(40);
    h.get_by_label_contains("Week of 2026-05-04: 31.0 km")
        .hover();
    h.run();
    assert!(
        h.query_all_by_label_contains("Headroom: up to 15.7 km (long-run spike")
            .next()
            .is_some(),
        "the totals' label names the headroom and its rule"
    );
    menu(&mut h, "Plan", "Fit to headroom…");
    h.get_by_label_contains("Week of 2026-05-04: 31.0 km down to");
    let n = h
        .state()
        .doc
        .report()
        .headroom
        .iter()
        .filter(|w| w.over())
        .count();
    assert!(n >= 1);
    h.get_by(|x| {
        x.role() == egui::Role::Button
            && x.label()
                .is_some_and(|l| l.starts_with("Fit ") && l.contains(" week"))
    })
    .click();
    h.run();
    let r = h.state().doc.report();
    assert!(r.headroom.iter().all(|w| !w.over()), "{:#?}", r.headroom);
    assert_eq!(h.state().doc.undo_label(), Some("Fit to headroom"));
    undo(&mut h);
    assert_eq!(h.state().doc.plan(), &before, "one undo step");
}

#[test]
fn calf_loading_cross_training_before_a_long_run_offers_days_to_move_to() {
    use gradual::model::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = Plan::new("Move", Athlete::new("A", Level::Experienced));
    p.athlete.baseline = Some(Baseline {
        weekly_km: 30.0,
        long_run_km: 12.0,
        last_run: None,
    });
    let run = |d: &str, kind, km| {
        Session::new(
            date(d),
            Activity::Run {
                kind,
                km: Some(km),
                minutes: None,
                rpe: 4,
                surface: Surface::Road,
                footwear: Footwear::Shoes,
            },
        )
    };
    p.sessions = vec![
        run("2026-03-03", RunKind::Easy, 8.0),
        run("2026-03-05", RunKind::Easy, 8.0),
        Session::new(
            date("2026-03-07"),
            Activity::Cross {
                kind: CrossKind::Plyometrics,
                minutes: 30,
                rpe: 7,
                calf_work: false,
            },
        ),
        run("2026-03-08", RunKind::Long, 12.0),
    ];
    format::save(&p, &path).unwrap();
    let mut h = harness(app_with(Some(&path), Arc::new(FakeDialogs::default())));
    h.run();
    let rule = gradual::analysis::Rule::CalfCrossTraining;
    assert!(
        h.state()
            .doc
            .report()
            .warnings
            .iter()
            .any(|w| w.rule == rule)
    );
    select(&mut h, "Plyometrics 30' on 2026-03-07", "2026-03-02");
    h.get_by_label_contains("It could move to a day where it raises no warning");
    h.get_by_label("Move to Sun 8 Mar").click();
    h.run();
    let doc = &h.state().doc;
    assert!(
        doc.report().warnings.iter().all(|w| w.rule != rule),
        "{:#?}",
        doc.report().warnings
    );
    assert!(
        doc.plan()
            .sessions
            .iter()
            .any(|s| s.date == date("2026-03-08") && s.run().is_none())
    );
}

/// The import fixtures' plan, copied so nothing writes into the fixtures, open in the
/// window with `answer` queued for the first file dialog.
fn import_window(
    answer: Option<DialogOutcome>,
) -> (
    tempfile::TempDir,
    Harness<'static, GradualApp>,
    Arc<FakeDialogs>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::copy("tests/fixtures/import/plan.ron", &path).unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    dialogs.answers.lock().unwrap().extend(answer);
    let mut h = harness(app_with(Some(&path), dialogs.clone()));
    h.run();
    (dir, h, dialogs)
}

#[test]
fn import_a_folder_choose_a_session_and_apply_as_one_undo_step() {
    let (_dir, mut h, dialogs) = import_window(Some(DialogOutcome::Picked(
        Path::new("tests/fixtures/import").to_path_buf(),
    )));
    let before = h.state().doc.plan().clone();
    let planned_km = week_km(&h, "2026-03-02");
    menu(&mut h, "File", "Import activities…");
    h.run();
    assert_eq!(
        dialogs.asked.lock().unwrap().as_slice(),
        [DialogKind::Import]
    );
    // The bad files are named; the rest are previewed; nothing has changed yet.
    h.get_by_label_contains("could not be read");
    h.get_by_label_contains("truncated.fit:");
    h.get_by_label_contains("broken.tcx:");
    assert_eq!(h.state().doc.plan(), &before);
    // Thursday has two planned runs: the TCX asks; choose the easy run.
    h.get_by_label("Use 2026-03-05-run.tcx").click();
    h.run();
    h.query_all_by_label("Planned Easy 6 km")
        .last()
        .expect("the easy run is offered")
        .click();
    h.run();
    // Friday: nothing planned, but Thursday's recovery run is near and not done: it asks;
    // add it as unplanned.
    h.get_by_label("Use 2026-03-06-extra.gpx.gz").click();
    h.run();
    h.query_all_by_label("Add as unplanned")
        .last()
        .expect("unplanned is offered")
        .click();
    h.run();
    // Thursday's recovery run now has no activity: marked skipped unless unticked.
    checkbox(&h, "Mark the 1 planned run with no activity");
    let apply = h.get_by(|n| {
        n.role() == egui::Role::Button
            && n.label()
                .is_some_and(|l| l.starts_with("Apply: attach") && l.ends_with("mark 1 skipped"))
    });
    apply.click();
    h.run();
    let plan = h.state().doc.plan().clone();
    let thursday: Vec<_> = plan
        .sessions
        .iter()
        .filter(|s| s.date == date("2026-03-05"))
        .collect();
    let easy = thursday
        .iter()
        .find(|s| s.activity.label().starts_with("Easy"))
        .unwrap();
    assert_eq!(easy.actual.as_ref().map(|a| a.km), Some(Some(5.0)));
    assert_eq!(easy.status, gradual::model::Status::Done);
    let recovery = thursday
        .iter()
        .find(|s| s.activity.label().starts_with("Recovery"))
        .unwrap();
    assert!(recovery.actual.is_none());
    assert_eq!(
        recovery.status,
        gradual::model::Status::Skipped,
        "no activity for it: missed"
    );
    // The Friday activity had nothing planned: an unplanned session, done.
    assert!(plan.sessions.iter().any(|s| s.date == date("2026-03-06")
        && s.actual.as_ref().is_some_and(|a| a.unplanned)));
    assert!(
        h.state().status().starts_with("Imported:"),
        "{}",
        h.state().status()
    );
    assert_eq!(h.state().doc.undo_label(), Some("Import activities"));
    // The analysis speaks about what was run: 8.2 km on Monday instead of 8, 9 on
    // Wednesday instead of 8, 5 on Thursday instead of 6 + 4, 5 on Friday, 6.1 and 15.
    let done_km = week_km(&h, "2026-03-02");
    assert_eq!(planned_km, 46.0);
    assert!((done_km - 48.3).abs() < 0.05, "{planned_km} → {done_km}");
    undo(&mut h);
    assert_eq!(h.state().doc.plan(), &before, "one undo step");
}

/// A file dropped on the window, as winit hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_an_export_archive_on_the_window_previews_it() {
    let (_dir, mut h, _) = import_window(None);
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped("tests/fixtures/import/export.zip".into())));
    h.run();
    h.run();
    h.get_by_label_contains("activities read:");
    assert!(
        h.state().ui.import.items.len() >= 2,
        "{:#?}",
        h.state().ui.import.items
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().ui.import.open);
    assert_eq!(h.state().doc.undo_label(), None, "cancel changes nothing");
}

#[test]
fn replan_after_a_missed_week_previews_by_week_and_applies_as_one_step() {
    use gradual::analysis::Severity;
    use gradual::analysis::headroom::is_distance_rule;
    use gradual::model::{Level, Status};
    use gradual::templates::{Anchor, Params, all, generate};
    let e = all(None)
        .into_iter()
        .find(|e| e.id == "half-marathon-novice")
        .unwrap();
    let mut p = generate(
        &e.template,
        &Params {
            anchor: Anchor::Start(date("2026-02-16")),
            base_km: 25.0,
            level: Level::Novice,
            athlete: "A".into(),
            name: None,
            calf: true,
        },
    );
    // Week one run as planned; week two missed (today is Wednesday of week three).
    for s in p.sessions.iter_mut().filter(|s| s.run().is_some()) {
        if s.date < date("2026-02-23") {
            s.status = Status::Done;
        } else if s.date < date("2026-03-02") {
            s.status = Status::Skipped;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missed.ron");
    format::save(&p, &path).unwrap();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = harness(app_with(Some(&path), dialogs));
    h.run();
    let before = h.state().doc.plan().clone();
    menu(&mut h, "Plan", "Re-plan from today…");
    assert!(
        h.query_all_by_label_contains("because the week of 2026-03")
            .next()
            .is_some(),
        "each change says why"
    );
    let apply = h.get_by(|n| {
        n.role() == egui::Role::Button && n.label().is_some_and(|l| l.starts_with("Apply "))
    });
    apply.click();
    h.run();
    assert_eq!(h.state().doc.undo_label(), Some("Re-plan"));
    let after = h.state().doc.plan().clone();
    let from = date("2026-03-04");
    // Nothing before today or done changed.
    let old: Vec<_> = before.sessions.iter().filter(|s| s.date < from).collect();
    let new: Vec<_> = after.sessions.iter().filter(|s| s.date < from).collect();
    assert_eq!(old, new);
    let r = h.state().doc.report();
    let open: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.severity >= Severity::Caution && is_distance_rule(w.rule) && w.date >= from)
        .filter(|w| {
            r.headroom
                .iter()
                .find(|x| x.start == w.week)
                .is_none_or(|x| !x.blockers.iter().any(|b| is_distance_rule(b.rule)))
        })
        .collect();
    assert!(open.is_empty(), "{open:#?}");
    undo(&mut h);
    assert_eq!(h.state().doc.plan(), &before, "one undo step");
}

#[test]
fn without_a_file_dialog_a_typed_path_imports_and_reading_shows_progress() {
    use gradual::app::views::import_panel::ImportPanel;
    use gradual::import::Progress;
    use std::sync::atomic::Ordering;
    let (_dir, mut h, _) = import_window(Some(DialogOutcome::Unavailable));
    // While files are read: a progress bar with the count.
    let progress = Arc::new(Progress::default());
    progress.total.store(10, Ordering::Relaxed);
    progress.done.store(4, Ordering::Relaxed);
    h.state_mut().ui.import = ImportPanel::reading(progress);
    h.run();
    assert!(
        h.query_all_by_label_contains("4 of 10 files")
            .next()
            .is_some(),
        "the progress bar says how far"
    );
    h.state_mut().ui.import = ImportPanel::default();
    h.run();
    menu(&mut h, "File", "Import activities…");
    h.get_by_label_contains("Import activities");
    // Typing starts in the field, which suggests the plan's folder.
    h.run();
    let field = h.get_by_label("File path");
    assert!(field.is_focused());
    assert!(
        field.value().is_some_and(|v| v.ends_with('/')),
        "{:?}",
        field.value()
    );
    type_into(
        &mut h,
        "File path",
        "tests/fixtures/import/2026-03-04-tempo.gpx",
    );
    h.get_by_role_and_label(egui::Role::Button, "Import")
        .click();
    h.run();
    h.run();
    h.get_by_label_contains("1 activity read: 1 attach to planned sessions");
}

#[test]
fn the_calf_window_agrees_with_the_reschedule_a_symptom_made() {
    // Was: right after an all-clear that already rescheduled, the window proposed 14
    // changes. One scheduler, one answer.
    let (mut h, _) = open("plans/half-marathon.ron");
    for s in [
        gradual::model::Symptom::new(date("2026-02-04"), gradual::model::BodyArea::Calf, 6),
        gradual::model::Symptom::new(date("2026-02-12"), gradual::model::BodyArea::Calf, 1),
    ] {
        h.state_mut()
            .apply(gradual::document::Command::AddSymptom(s));
        h.run();
    }
    menu(&mut h, "Plan", "Calf program…");
    h.get_by_label("Up to date");
    // And after a test recorded in the plan panel's form.
    h.state_mut().ui.calf.open = false;
    h.run();
    add_test_in_panel(&mut h, "2026-02-14", "26", "27", None);
    assert!(
        h.state()
            .doc
            .plan()
            .athlete
            .calf_raise_tests
            .iter()
            .any(|t| t.date == date("2026-02-14") && t.left == 26)
    );
    menu(&mut h, "Plan", "Calf program…");
    h.get_by_label("Up to date");
}

/// A plan whose last week's runs all scale below a kilometre (and so are all dropped),
/// starting today in the tests (2026-03-04's week).
fn short_runs_plan(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("short.ron");
    std::fs::write(
        &path,
        r#"(
    format: 1,
    name: "Short runs",
    athlete: (name: "A", level: Novice, baseline: Some((weekly_km: 1.0, long_run_km: 1.0))),
    sessions: [
        (date: "2026-03-02", activity: Run(kind: Easy, km: 1.0, rpe: 3)),
        (date: "2026-03-09", activity: Run(kind: Easy, km: 0.9, rpe: 3)),
        (date: "2026-03-10", activity: Run(kind: Easy, km: 0.9, rpe: 3)),
        (date: "2026-03-11", activity: Run(kind: Easy, km: 0.9, rpe: 3)),
        (date: "2026-03-12", activity: Run(kind: Easy, km: 0.9, rpe: 3)),
        (date: "2026-03-13", activity: Run(kind: Easy, km: 0.9, rpe: 3)),
        (date: "2026-03-14", activity: Run(kind: Easy, km: 0.9, rpe: 3)),
    ],
)
"#,
    )
    .unwrap();
    path
}

#[test]
fn fit_and_replan_survive_a_week_whose_runs_are_all_dropped() {
    // Both took the window down (and the edits with it): the fit looked the week up by an
    // index the shorter plan no longer had.
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(short_runs_plan(dir.path()).to_str().unwrap());
    menu(&mut h, "Plan", "Fit to headroom…");
    h.get_by_label_contains("Week of 2026-03-09: 5.4 km down to 0.0 km");
    h.get_by_label("Fit 1 week").click();
    h.run();
    assert_eq!(h.state().doc.undo_label(), Some("Fit to headroom"));
    undo(&mut h);
    menu(&mut h, "Plan", "Re-plan from today…");
    h.get_by_label_contains("Apply 6 changes");
}

#[test]
fn return_to_running_on_an_empty_plan_says_why_not() {
    // Was: the window exited as soon as From was a Monday.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    std::fs::write(
        &path,
        "(format: 1, name: \"Empty\", athlete: (name: \"A\", level: Novice))",
    )
    .unwrap();
    let (mut h, _) = open(path.to_str().unwrap());
    menu(&mut h, "Plan", "Return to running…");
    type_into(&mut h, "From", "2026-03-09");
    leave_field(&mut h);
    h.get_by_label_contains("The plan has no sessions yet");
    assert!(h.query_by_label("Create return block").is_none());
}

#[test]
fn a_plan_name_cannot_disguise_the_window_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut plan = format::load(Path::new("plans/beginner-5k.ron")).unwrap();
    plan.name = "Invoice\u{202E}fdp.exe".into();
    format::save(&plan, &path).unwrap();
    let (h, _) = open(path.to_str().unwrap());
    let title = h.state().title();
    assert!(title.starts_with("Invoicefdp.exe — p.ron"), "{title:?}");
    assert!(!title.contains('\u{202E}'));
}

/// Tool windows close with Escape, the topmost first; Escape in a text field only leaves
/// the field.
#[test]
fn escape_closes_the_topmost_tool_window() {
    let (mut h, _) = open("plans/too-much-too-soon.ron");
    menu(&mut h, "Plan", "Calf program…");
    menu(&mut h, "Plan", "Re-plan from today…");
    h.run();
    assert!(h.state().ui.calf.open && h.state().ui.replan.open);
    // Editing the re-plan window's first day: the first Escape leaves the field.
    h.get_by_label("First day").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().ui.replan.open, "Escape left the field first");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().ui.replan.open, "the top window closes");
    assert!(h.state().ui.calf.open, "the one below stays");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().ui.calf.open);
    // With no tool window open, Escape does nothing to the plan.
    let plan = h.state().doc.plan().clone();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().doc.plan(), &plan);
}

#[test]
fn a_new_distance_keeps_the_runs_pace() {
    // 5 km in 30 minutes made 12 km: 72 minutes, not 30 (2:30/km) with a load to match.
    let (mut h, _) = open("plans/barefoot-streak.ron");
    let label = format!(
        "{} on 2026-06-01",
        h.state().doc.plan().sessions[0].activity.label()
    );
    select(&mut h, &label, "2026-06-01");
    assert_eq!(h.get_by_label("Minutes").value().as_deref(), Some("30"));
    type_into(&mut h, "Distance", "12");
    leave_field(&mut h);
    assert_eq!(h.get_by_label("Minutes").value().as_deref(), Some("72"));
    let s = &h.state().doc.plan().sessions[0];
    assert_eq!(s.run().and_then(|r| r.minutes), Some(72), "{s:?}");
}

#[test]
fn the_folder_fallback_asks_for_a_folder_and_enter_opens_it() {
    let (mut h, dialogs) = open("plans/beginner-5k.ron");
    no_file_dialog(&dialogs);
    menu(&mut h, "File", "Open folder…");
    h.get_by_label("Open a folder of plans");
    h.get_by_label_contains("No folder dialog is available");
    assert!(
        h.query_by_label("File path").is_none(),
        "it asks for a folder"
    );
    type_into(&mut h, "Folder path", "plans");
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(
        h.state().modal_text().is_none(),
        "Enter opened it: {:?}",
        h.state().modal_text()
    );
}

#[test]
fn escape_closes_every_dialog_and_window_without_changing_anything() {
    let (mut h, dialogs) = open("plans/beginner-5k.ron");
    // Unsaved changes: Escape is Cancel.
    unsaved_dialog(&mut h);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().modal_text(), None);
    assert_eq!(
        h.state().doc.plan().name,
        "Beginner 5K",
        "nothing discarded"
    );
    assert!(h.state().doc.is_dirty());
    // The path field when no file dialog is available: Escape is Cancel, even typing.
    no_file_dialog(&dialogs);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.run();
    assert!(h.get_by_label("File path").is_focused());
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert_eq!(h.state().modal_text(), None, "the path dialog closed");
    // Help and template windows, like the tool windows.
    for (top, item, title) in [
        (
            "Help",
            "Rules and their evidence",
            "Rules and their evidence",
        ),
        ("Help", "Keyboard shortcuts", "Keyboard shortcuts"),
        ("File", "New from template…", "New plan from template"),
    ] {
        menu(&mut h, top, item);
        h.run();
        assert!(h.query_by_label(title).is_some(), "{title} opened");
        h.key_press(Key::Escape);
        h.run();
        h.run();
        assert!(
            h.query_by_label(title).is_none(),
            "{title} closed by Escape"
        );
    }
    assert!(h.state().doc.is_dirty(), "still the edited plan");
}

#[test]
fn a_whole_step_and_its_undo_say_so_in_the_status_bar() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    select_day(&mut h, "2026-03-09");
    menu(&mut h, "Edit", "Insert week");
    assert_eq!(
        h.state().status(),
        "Applied: insert week. Undo (Edit menu) takes it back."
    );
    h.get_by_label_contains("Applied: insert week.");
    undo(&mut h);
    assert_eq!(
        h.state().status(),
        "Undone: insert week. Redo (Edit menu) brings it back."
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().status(), "Redone: insert week.");
}

#[test]
fn clicking_the_calendar_leaves_the_field_so_undo_undoes_the_edit() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    select(&mut h, "Long 6.4 km on 2026-04-18", "2026-04-13");
    type_into(&mut h, "Distance", "9");
    h.get_by_label("Day 2026-04-14").click();
    h.run();
    assert!(
        h.query_by_label("Distance").is_none_or(|n| !n.is_focused()),
        "the field was left"
    );
    undo(&mut h);
    assert!(
        (week_km(&h, "2026-04-13") - 14.4).abs() < 1e-9,
        "Ctrl+Z undid the distance: {}",
        week_km(&h, "2026-04-13")
    );
    // The same with a click on the session's own chip: the field stays on screen.
    select(&mut h, "Long 6.4 km on 2026-04-18", "2026-04-13");
    type_into(&mut h, "Distance", "9");
    h.get_by_label("Long 9 km on 2026-04-18").click();
    h.run();
    assert!(
        !h.get_by_label("Distance").is_focused(),
        "the field was left"
    );
    undo(&mut h);
    assert!((week_km(&h, "2026-04-13") - 14.4).abs() < 1e-9);
}

#[test]
fn a_click_anywhere_on_a_warning_row_selects_its_session() {
    let (mut h, _) = open("plans/too-much-too-soon.ron");
    h.get_by_label("⚠ Warnings 3 · notes 1").click();
    h.run();
    // The message itself, not only the day's link.
    h.get_by_label_contains("31.0 km is +94 % over the highest")
        .click();
    h.run();
    let sel = h.state().ui.selection.expect("a session is selected");
    let w = h
        .state()
        .doc
        .report()
        .warnings
        .iter()
        .find(|w| w.message.contains("31.0 km is +94 %"))
        .unwrap()
        .clone();
    assert_eq!(Some(sel), w.sessions.first().copied());
    assert_eq!(h.state().ui.selected_day, Some(w.date));
}

#[test]
fn the_plan_menu_has_keys() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    assert!(h.state().ui.replan.open, "Ctrl+R: re-plan");
    h.key_press_modifiers(cmd_shift, Key::F);
    h.run();
    assert!(h.state().ui.fit.open, "Ctrl+Shift+F: fit to headroom");
    h.key_press_modifiers(cmd_shift, Key::R);
    h.run();
    assert!(
        h.state().ui.return_panel.open,
        "Ctrl+Shift+R: return to running"
    );
    h.key_press_modifiers(cmd_shift, Key::P);
    h.run();
    assert!(h.state().ui.calf.open, "Ctrl+Shift+P: calf program");
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    assert!(
        h.state().ui.symptom_form.is_some(),
        "Ctrl+L: log how the calves feel"
    );
}

#[test]
fn re_plan_past_the_plans_end_says_so_and_offers_its_last_weeks() {
    let (mut h, _) = open("plans/beginner-5k.ron");
    let last = h.state().doc.plan().date_range().unwrap().1;
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    h.state_mut().ui.replan.from = Some(last + chrono::Duration::days(30));
    h.run();
    h.get_by_label_contains("is after the plan's last day");
    let start = gradual::model::week_start(last) - chrono::Duration::days(21);
    h.get_by_label(&format!("Re-plan its last 4 weeks (from {start})"))
        .click();
    h.run();
    h.run();
    assert_eq!(h.state().ui.replan.from, Some(start));
    assert!(
        h.query_by_label_contains("is after the plan's last day")
            .is_none()
    );
}

#[test]
fn a_run_over_its_limit_says_so_first_and_is_fixed_in_one_click() {
    let (mut h, _) = open("plans/too-much-too-soon.ron");
    select(&mut h, "Long 13 km on 2026-05-10", "2026-05-04");
    h.get_by_label("This run can be up to 9.9 km");
    h.get_by_label_contains("before long-run-spike cautions: +10 % over 9.0 km");
    h.get_by_label("Set to 9.9 km").click();
    h.run();
    let i = h.state().ui.selection.unwrap();
    let run = h.state().doc.plan().sessions[i].run().unwrap();
    assert_eq!(run.km, Some(9.9));
    let report = h.state().doc.report();
    let spikes = report
        .warnings
        .iter()
        .filter(|w| w.rule == Rule::LongRunSpike);
    assert_eq!(
        spikes.filter(|w| w.date == date("2026-05-10")).count(),
        0,
        "the spike is gone"
    );
    assert!(
        h.query_by_label("Set to 9.9 km").is_none(),
        "nothing left to fix"
    );
    undo(&mut h);
    assert_eq!(
        h.state().doc.plan().sessions[i].run().unwrap().km,
        Some(13.0)
    );
}
