//! Colours and icons, the same in every view.

use crate::analysis::Severity;
use crate::model::{Activity, RunKind};
use egui::Color32;

/// The chip colour of an activity (readable with white text in both themes).
pub fn activity_color(a: &Activity) -> Color32 {
    match a {
        Activity::Run { kind, .. } => match kind {
            RunKind::Easy | RunKind::Recovery => Color32::from_rgb(0x2a, 0x8c, 0x7f),
            RunKind::Long => Color32::from_rgb(0x35, 0x64, 0xa8),
            RunKind::Race => Color32::from_rgb(0x8e, 0x44, 0xad),
            _ => Color32::from_rgb(0xc8, 0x5a, 0x12),
        },
        Activity::Cross { .. } => Color32::from_rgb(0x5f, 0x6b, 0x7d),
        Activity::Calf { .. } | Activity::CalfTest => Color32::from_rgb(0xa8, 0x4a, 0x6e),
        Activity::Rest => Color32::from_rgb(0x8a, 0x8a, 0x8a),
    }
}

/// Legend entries: (name, colour) for the chip colours.
pub fn legend() -> [(&'static str, Color32); 6] {
    use crate::model::CrossKind;
    let run = |kind| Activity::Run {
        kind,
        km: Some(1.0),
        minutes: None,
        rpe: 1,
        surface: Default::default(),
        footwear: Default::default(),
    };
    [
        ("Easy", activity_color(&run(RunKind::Easy))),
        ("Long", activity_color(&run(RunKind::Long))),
        ("Quality", activity_color(&run(RunKind::Tempo))),
        ("Race", activity_color(&run(RunKind::Race))),
        (
            "Cross",
            activity_color(&Activity::Cross {
                kind: CrossKind::Cycling,
                minutes: 1,
                rpe: 1,
                calf_work: false,
            }),
        ),
        (
            "Calf",
            activity_color(&Activity::Calf {
                stage: 1,
                sets: 1,
                reps: 1,
                kg: None,
            }),
        ),
    ]
}

/// The colour of a severity.
pub fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Info => Color32::from_rgb(0x3b, 0x82, 0xc4),
        Severity::Caution => Color32::from_rgb(0xc9, 0x92, 0x0e),
        Severity::Warning => Color32::from_rgb(0xe0, 0x5a, 0x12),
        Severity::Danger => Color32::from_rgb(0xc9, 0x2a, 0x2a),
    }
}

/// A one-character icon for a severity (from egui's bundled fonts).
pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Info => "ℹ",
        Severity::Caution => "⚠",
        Severity::Warning => "⚠",
        Severity::Danger => "⛔",
    }
}

/// Bar colour in the charts for a week whose worst warning is `s` (grey-blue when none).
pub fn week_color(s: Option<Severity>) -> Color32 {
    match s {
        None | Some(Severity::Info) => Color32::from_rgb(0x6b, 0x8f, 0xb8),
        Some(s) => severity_color(s),
    }
}

/// The colour of a plan-vs-done band (green, amber, red as coaches know them).
pub fn band_color(b: crate::analysis::adherence::Band) -> Color32 {
    use crate::analysis::adherence::Band;
    match b {
        Band::Green => Color32::from_rgb(0x2e, 0xa0, 0x43),
        Band::Amber => Color32::from_rgb(0xe0, 0xa8, 0x00),
        Band::Red => Color32::from_rgb(0xd0, 0x30, 0x30),
    }
}

/// A band's colour for text on the panel's background: the stripe colours are too pale
/// to read on white, so the light theme gets darker ones (those of the HTML export).
pub fn band_text_color(b: crate::analysis::adherence::Band, visuals: &egui::Visuals) -> Color32 {
    use crate::analysis::adherence::Band;
    if visuals.dark_mode {
        return band_color(b);
    }
    match b {
        Band::Green => Color32::from_rgb(0x1f, 0x7a, 0x33),
        Band::Amber => Color32::from_rgb(0xa8, 0x7a, 0x0a),
        Band::Red => Color32::from_rgb(0xc9, 0x2a, 0x2a),
    }
}
