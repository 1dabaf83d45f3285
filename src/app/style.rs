//! Colours and icons, the same in every view.

use crate::analysis::Severity;
use crate::model::{Activity, RunKind};
use egui::Color32;

/// The chip colour of an activity, dark enough for its white text (AA) in both themes.
pub fn activity_color(a: &Activity) -> Color32 {
    readable_on(activity_base(a), Color32::WHITE, AA)
}

fn activity_base(a: &Activity) -> Color32 {
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

/// A run of `kind` standing for its colour (the legend, the contrast test).
fn sample_run(kind: RunKind) -> Activity {
    Activity::Run {
        kind,
        km: Some(1.0),
        minutes: None,
        rpe: 1,
        surface: Default::default(),
        footwear: Default::default(),
    }
}

/// Legend entries: (name, colour) for the chip colours.
pub fn legend() -> [(&'static str, Color32); 6] {
    use crate::model::CrossKind;
    let run = sample_run;
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

/// WCAG AA's least contrast for text (4.5:1).
pub const AA: f64 = 4.5;

/// `c` as it shows over the opaque `bg` (egui's colours are premultiplied: a faded text
/// colour is partly the background).
pub fn over(c: Color32, bg: Color32) -> Color32 {
    let k = 1.0 - f64::from(c.a()) / 255.0;
    let m = |x: u8, y: u8| (f64::from(x) + f64::from(y) * k).round().min(255.0) as u8;
    Color32::from_rgb(m(c.r(), bg.r()), m(c.g(), bg.g()), m(c.b(), bg.b()))
}

/// Makes the theme's faint text (hints, evidence, "up to …") reach AA on its panels: egui
/// fades the text colour by half, 2.3:1 in the dark theme.
pub fn readable_visuals(v: &mut egui::Visuals) {
    let weak = over(v.weak_text_color(), v.panel_fill);
    let bg = if contrast(weak, v.panel_fill) < contrast(weak, v.window_fill) {
        v.panel_fill
    } else {
        v.window_fill
    };
    v.weak_text_color = Some(readable_on(weak, bg, AA));
}

/// The WCAG 2 contrast ratio of two opaque colours, from 1 (the same) to 21 (black on
/// white).
pub fn contrast(a: Color32, b: Color32) -> f64 {
    let luminance = |c: Color32| {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `c` darkened (on a light background) or lightened (on a dark one), in small steps, just
/// until it reaches `min` contrast with `bg`; `c` itself when it already does.
///
/// Remembered per thread: every chip and warning asks each frame, and working it out
/// takes up to twenty contrast computations (measured: 8 % of a 2-year plan's frame).
pub fn readable_on(c: Color32, bg: Color32, min: f64) -> Color32 {
    type Memo = Vec<((Color32, Color32, u64), Color32)>;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let key = (c, bg, min.to_bits());
    if let Some(x) = MEMO.with_borrow(|m| m.iter().find(|(k, _)| *k == key).map(|(_, x)| *x)) {
        return x;
    }
    let x = work_out_readable(c, bg, min);
    // A handful of colours on a handful of backgrounds: bounded all the same.
    MEMO.with_borrow_mut(|m| {
        if m.len() < 256 {
            m.push((key, x));
        }
    });
    x
}

fn work_out_readable(c: Color32, bg: Color32, min: f64) -> Color32 {
    let toward = if contrast(bg, Color32::WHITE) < contrast(bg, Color32::BLACK) {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    (0..=20)
        .map(|k| lerp(c, toward, f64::from(k) / 20.0))
        .find(|x| contrast(*x, bg) >= min)
        .unwrap_or(toward)
}

fn lerp(a: Color32, b: Color32, t: f64) -> Color32 {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// A severity's colour as text on the panel: AA contrast in the light and the dark theme
/// (the amber of caution is 2.8:1 on white as it is).
pub fn severity_text(s: Severity, visuals: &egui::Visuals) -> Color32 {
    readable_on(severity_color(s), visuals.panel_fill, AA)
}

/// The colour of a severity (marks, bars, fills).
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

#[cfg(test)]
mod contrast_tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn contrast_is_wcags() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // The caution amber on white, as it was written: 2.8:1.
        let amber = severity_color(Severity::Caution);
        assert!((contrast(amber, Color32::WHITE) - 2.76).abs() < 0.01);
    }

    /// Every text colour Gradual chooses reaches WCAG AA (4.5:1) on what it is drawn on,
    /// in both themes: the severities on the panels and windows, white on every chip.
    #[test]
    fn text_reaches_aa_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            for s in Severity::iter() {
                for bg in [visuals.panel_fill, visuals.window_fill] {
                    let c = severity_text(s, &visuals);
                    assert!(contrast(c, bg) >= AA, "{s:?} {c:?} on {bg:?}");
                }
            }
            let text = visuals.text_color();
            assert!(contrast(text, visuals.panel_fill) >= AA, "{text:?}");
        }
        let chips = RunKind::ALL.iter().map(|k| sample_run(*k)).chain([
            Activity::Cross {
                kind: crate::model::CrossKind::Cycling,
                minutes: 1,
                rpe: 1,
                calf_work: false,
            },
            Activity::Calf {
                stage: 1,
                sets: 1,
                reps: 1,
                kg: None,
            },
            Activity::CalfTest,
            Activity::Rest,
        ]);
        for a in chips {
            let c = activity_color(&a);
            assert!(contrast(Color32::WHITE, c) >= AA, "{a:?}: {c:?}");
        }
    }

    #[test]
    fn faint_text_reaches_aa_in_both_themes() {
        for mut v in [egui::Visuals::light(), egui::Visuals::dark()] {
            let before = contrast(over(v.weak_text_color(), v.panel_fill), v.panel_fill);
            readable_visuals(&mut v);
            for bg in [v.panel_fill, v.window_fill] {
                let c = over(v.weak_text_color(), bg);
                assert!(
                    contrast(c, bg) >= AA,
                    "{before:.2} -> {:.2}",
                    contrast(c, bg)
                );
            }
        }
        // egui's own faint text in the dark theme, as measured: under AA.
        let v = egui::Visuals::dark();
        assert!(contrast(over(v.weak_text_color(), v.panel_fill), v.panel_fill) < AA);
    }
}
