//! The roster: every plan in a folder, with its athlete, plan, race date and a status dot
//! for the worst warning. Clicking one opens it (through the unsaved-changes guard).

use crate::analysis::{Severity, analyze};
use crate::app::style;
use chrono::NaiveDate;
use egui::{Color32, RichText, Sense, Ui, vec2};
use std::path::{Path, PathBuf};

/// One plan file in the folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// Athlete name (or the file name when it does not load).
    pub athlete: String,
    /// Plan name.
    pub name: String,
    /// Race date, if any.
    pub race: Option<NaiveDate>,
    /// Worst warning.
    pub worst: Option<Severity>,
    /// Why it does not load, if it does not.
    pub error: Option<String>,
}

/// A folder of plans.
#[derive(Clone, Debug, PartialEq)]
pub struct Roster {
    /// The folder.
    pub folder: PathBuf,
    /// Its plans, sorted by athlete then plan name.
    pub entries: Vec<Entry>,
}

/// Reads and analyzes every `.ron` file in `folder` (run off the UI thread).
pub fn scan(folder: &Path) -> Roster {
    let listing = crate::format::plan_files(folder).unwrap_or_default();
    let file_name = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    // Entries that are not plan files (a dangling link, a pipe) are named, not opened.
    let skipped = listing.skipped.into_iter().map(|(path, why)| Entry {
        athlete: file_name(&path),
        name: "not a plan file".into(),
        race: None,
        worst: None,
        error: Some(format!("{}: {why}", path.display())),
        path,
    });
    let mut entries: Vec<Entry> = listing
        .files
        .into_iter()
        .map(|path| match crate::format::load(&path) {
            Ok(plan) => Entry {
                athlete: plan.athlete.name.clone(),
                name: plan.name.clone(),
                race: plan.race.as_ref().map(|r| r.date),
                worst: analyze(&plan).worst(),
                error: None,
                path,
            },
            Err(e) => Entry {
                athlete: file_name(&path),
                name: "could not be read".into(),
                race: None,
                worst: None,
                error: Some(e.to_string()),
                path,
            },
        })
        .chain(skipped)
        .collect();
    entries.sort_by(|a, b| (&a.athlete, &a.name).cmp(&(&b.athlete, &b.name)));
    Roster {
        folder: folder.to_path_buf(),
        entries,
    }
}

/// Shows the list; returns the plan to open when one is clicked.
pub fn show(ui: &mut Ui, roster: &Roster, current: Option<&Path>) -> Option<PathBuf> {
    let mut open = None;
    ui.label(
        RichText::new(roster.folder.display().to_string())
            .small()
            .weak(),
    );
    if roster.entries.is_empty() {
        ui.label("No .ron plans in this folder.");
    }
    for e in &roster.entries {
        let selected = current.is_some_and(|c| same_file(c, &e.path));
        let (color, status) = match (&e.error, e.worst) {
            (Some(_), _) => (
                Color32::from_rgb(0xc9, 0x2a, 0x2a),
                "does not load".to_string(),
            ),
            (None, None) => (
                Color32::from_rgb(0x4c, 0x9a, 0x6a),
                "no warnings".to_string(),
            ),
            (None, Some(Severity::Info)) => (
                Color32::from_rgb(0x4c, 0x9a, 0x6a),
                "no warnings above info".to_string(),
            ),
            (None, Some(s)) => (style::severity_color(s), format!("worst: {s}")),
        };
        let race = e
            .race
            .map(|d| format!(" · race {}", d.format("%-d %b %Y")))
            .unwrap_or_default();
        let label = format!("{} — {}{race}", e.athlete, e.name);
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
            ui.painter().circle_filled(dot.center(), 5.0, color);
            let resp = ui
                .selectable_label(selected, &label)
                .on_hover_text(match &e.error {
                    Some(err) => err.clone(),
                    None => format!("{}: {status}", e.path.display()),
                });
            if resp.clicked() && !selected {
                open = Some(e.path.clone());
            }
        });
    }
    ui.separator();
    open
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
}
