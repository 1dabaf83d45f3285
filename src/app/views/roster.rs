//! The roster in the window: every plan of the open folder ([`crate::roster`]) with a
//! status dot for its worst warning. Clicking one opens it (through the unsaved-changes
//! guard).

use crate::analysis::Severity;
use crate::app::style;
use crate::roster::Roster;
use egui::{Color32, RichText, Sense, Ui, vec2};
use std::path::{Path, PathBuf};

/// Shows the list; returns the plan to open when one is clicked. `current` is the open
/// plan's file with links resolved.
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
        let selected = current.is_some_and(|c| c == e.canonical);
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
        // Plan vs done lately, in its band's colour, after the name.
        let lately = e
            .lately
            .and_then(|t| t.time_ratio().zip(t.band()))
            .map(|(r, b)| (format!("{:.0} %", r * 100.0), b));
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
            if let Some((pct, band)) = &lately {
                ui.label(
                    RichText::new(pct)
                        .small()
                        .color(style::band_text_color(*band, ui.visuals())),
                )
                .on_hover_text(format!(
                    "Done {pct} of the planned time over the last {} weeks with sessions \
                     done or skipped ({})",
                    crate::roster::RECENT_WEEKS,
                    band.name()
                ));
            }
        });
    }
    ui.separator();
    open
}
