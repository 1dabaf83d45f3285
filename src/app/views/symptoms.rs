//! Symptoms in the window: the "How do my calves feel?" form, the inspector of a logged
//! symptom with the article's advice for it, and the markers in the calendar.

use super::fields::choice;
use super::{UiState, ViewCtx};
use crate::app::style;
use crate::document::Command;
use crate::model::limits;
use crate::model::{BodyArea, RedFlag, Side, Symptom, When};
use chrono::NaiveDate;
use egui::{RichText, Ui};

/// The symptom form being filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct SymptomForm {
    /// What will be logged.
    pub symptom: Symptom,
}

impl SymptomForm {
    /// A form for `date`: calf, no pain yet.
    pub fn new(date: NaiveDate) -> Self {
        SymptomForm {
            symptom: Symptom::new(date, BodyArea::Calf, 0),
        }
    }
}

fn when_name(w: Option<When>) -> String {
    w.map_or("—".into(), |w| w.name().to_string())
}

fn side_name(s: Option<Side>) -> String {
    s.map_or("—".into(), |s| s.name().to_string())
}

/// The fields of a symptom; returns which one changed (for undo merging).
fn fields(ui: &mut Ui, st: &mut UiState, s: &mut Symptom, key: &str) -> Option<&'static str> {
    let mut changed = None;
    if let Some(d) = st.fields.date(ui, &format!("{key}-date"), "Date", s.date) {
        (s.date, changed) = (d, Some("date"));
    }
    if let Some(a) = choice(
        ui,
        &format!("{key}-area"),
        "Where",
        s.area,
        &BodyArea::ALL,
        |a| a.name().to_string(),
    ) {
        (s.area, changed) = (a, Some("area"));
    }
    ui.horizontal(|ui| {
        let l = ui.add_sized([72.0, 18.0], egui::Label::new("Pain (0–10)").truncate());
        let mut p = s.pain;
        let resp = ui
            .add(egui::Slider::new(&mut p, limits::PAIN))
            .labelled_by(l.id);
        if resp.drag_started() || resp.gained_focus() {
            st.fields.gesture += 1;
        }
        if p != s.pain {
            (s.pain, changed) = (p, Some("pain"));
        }
    });
    let whens = [
        None,
        Some(When::During),
        Some(When::After),
        Some(When::NextMorning),
    ];
    if let Some(w) = choice(
        ui,
        &format!("{key}-when"),
        "When",
        s.when,
        &whens,
        when_name,
    ) {
        (s.when, changed) = (w, Some("when"));
    }
    let sides = [None, Some(Side::Left), Some(Side::Right)];
    if let Some(x) = choice(ui, &format!("{key}-side"), "Leg", s.side, &sides, side_name) {
        (s.side, changed) = (x, Some("side"));
    }
    if ui
        .checkbox(&mut s.cramp, "A cramp (sudden, involuntary tightening)")
        .changed()
    {
        changed = Some("cramp");
    }
    ui.label(RichText::new("Red flags").strong());
    ui.horizontal_wrapped(|ui| {
        for f in RedFlag::ALL {
            let mut on = s.flags.contains(&f);
            if ui.checkbox(&mut on, f.name()).changed() {
                if on {
                    s.flags.push(f);
                } else {
                    s.flags.retain(|x| *x != f);
                }
                changed = Some("flags");
            }
        }
    });
    if let Some(n) = st
        .fields
        .text(ui, &format!("{key}-note"), "Note", &s.note, 170.0, |t| {
            Ok(t.to_string())
        })
    {
        (s.note, changed) = (n, Some("note"));
    }
    changed
}

/// The article's advice for `s` in `plan` (earlier logs still waiting for an all-clear
/// change it), phrased as guidance.
pub fn advice(ui: &mut Ui, plan: &crate::model::Plan, s: &Symptom) {
    let a = crate::care::advice_in(plan, s);
    let color = style::severity_text(
        match a.care {
            crate::care::Care::RedFlag => crate::analysis::Severity::Danger,
            crate::care::Care::Strain => crate::analysis::Severity::Warning,
            crate::care::Care::Cramp | crate::care::Care::Monitor => {
                crate::analysis::Severity::Info
            }
        },
        ui.visuals(),
    );
    ui.label(RichText::new(&a.title).strong().color(color));
    ui.label(RichText::new("What to do (guidance, not a diagnosis):").small());
    for step in &a.steps {
        ui.label(format!("• {step}"));
    }
    ui.label(RichText::new(format!("From: {}", a.source)).small().weak());
}

/// The "How do my calves feel?" window, when open.
pub fn show_form(
    ctx: &egui::Context,
    plan: &crate::model::Plan,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let Some(mut form) = st.symptom_form.take() else {
        return;
    };
    let mut open = true;
    let mut done = false;
    super::tool::Tool::new("How do my calves feel?", [320.0, 80.0], 380.0)
        .fixed()
        .show(ctx, &mut open, |ui| {
            fields(ui, st, &mut form.symptom, "log");
            ui.separator();
            advice(ui, plan, &form.symptom);
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Log it").clicked() {
                    out.push(Command::AddSymptom(form.symptom.clone()));
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
            ui.label(
                RichText::new(
                    "Logging reschedules the calf program: a red flag or pain above 5/10 stops it, a strain (4–5/10) holds it, until you log pain 2 or less; runs until then are flagged.",
                )
                .small()
                .weak(),
            );
        });
    if open && !done {
        st.symptom_form = Some(form);
    }
}

/// The inspector of symptom `index`: its fields, the advice, delete.
pub fn inspector(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, index: usize, out: &mut Vec<Command>) {
    let Some(s) = v.doc.plan().symptoms.get(index) else {
        st.selected_symptom = None;
        return;
    };
    ui.heading("Symptom");
    let mut edited = s.clone();
    let g = st.fields.gesture;
    if let Some(key) = fields(ui, st, &mut edited, "symptom") {
        out.push(Command::UpdateSymptom {
            index,
            symptom: edited,
            merge: Some((key, g)),
        });
    }
    ui.horizontal(|ui| {
        if ui.button("🗑 Delete symptom").clicked() {
            out.push(Command::DeleteSymptom(index));
            st.selected_symptom = None;
        }
        if s.area.is_calf()
            && ((s.pain >= crate::care::STRAIN_PAIN && !s.cramp) || !s.flags.is_empty())
            && ui.button("Return to running…").clicked()
        {
            st.return_panel.open = true;
            st.return_panel.from = None;
        }
    });
    ui.separator();
    advice(ui, v.doc.plan(), s);
}

/// The colour of a symptom's marker: by how serious it is.
pub fn marker_color(s: &Symptom) -> egui::Color32 {
    use crate::analysis::Severity::*;
    style::severity_color(if !s.flags.is_empty() {
        Danger
    } else if s.pain > 5 && !s.cramp {
        Warning
    } else if s.pain >= 3 {
        Caution
    } else {
        Info
    })
}

/// A symptom as the calendar names it: "Calf pain 4/10 on 2026-03-04".
pub fn label(s: &Symptom) -> String {
    let flags = if s.flags.is_empty() {
        String::new()
    } else {
        format!(
            " with {}",
            s.flags
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let cramp = if s.cramp { " (a cramp)" } else { "" };
    format!(
        "{} pain {}/10{cramp}{flags} on {}",
        s.area.name(),
        s.pain,
        s.date
    )
}
