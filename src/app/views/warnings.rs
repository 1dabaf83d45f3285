//! Warnings: the full list with a severity filter, and the short list in the inspector.

use super::{UiState, ViewCtx};
use crate::analysis::{Severity, Warning};
use crate::app::style;
use egui::{RichText, Ui};

fn row(ui: &mut Ui, st: &mut UiState, w: &Warning, evidence: bool) {
    ui.horizontal_wrapped(|ui| {
        let c = style::severity_color(w.severity);
        ui.label(
            RichText::new(format!(
                "{} {}",
                style::severity_icon(w.severity),
                w.severity
            ))
            .color(c)
            .strong(),
        );
        let link = ui.link(RichText::new(format!("{} · {}", w.date, w.rule.id())).small());
        let link = link.on_hover_text("Show it in the calendar");
        if link.clicked() {
            st.selection = w.sessions.first().copied();
            st.selected_day = Some(w.date);
            st.scroll_to = Some(w.date);
        }
    });
    ui.label(&w.message);
    if evidence {
        ui.label(
            RichText::new(format!("Evidence: {}", w.evidence))
                .small()
                .weak(),
        );
    }
    ui.add_space(4.0);
}

/// The warnings matching `filter`, compact, under a heading.
pub fn list_for(
    ui: &mut Ui,
    v: &ViewCtx,
    st: &mut UiState,
    filter: impl Fn(&Warning) -> bool,
    title: &str,
) {
    let mut ws: Vec<&Warning> = v
        .doc
        .report()
        .warnings
        .iter()
        .filter(|w| filter(w))
        .collect();
    // Most serious first, then by date.
    ws.sort_by_key(|w| (std::cmp::Reverse(w.severity), w.date));
    ui.label(
        RichText::new(format!(
            "{title}: {}",
            if ws.is_empty() {
                "no warnings".into()
            } else {
                format!("{} warning(s)", ws.len())
            }
        ))
        .strong(),
    );
    egui::ScrollArea::vertical()
        .id_salt("inspector-warnings")
        .show(ui, |ui| {
            for w in ws.into_iter().take(40) {
                row(ui, st, w, true);
            }
        });
}

/// The full list, filterable by severity.
pub fn show(ui: &mut Ui, v: &ViewCtx, st: &mut UiState) {
    let report = v.doc.report();
    ui.horizontal(|ui| {
        ui.label("Show:");
        for (i, s) in Severity::ALL.into_iter().enumerate().rev() {
            let n = report.warnings.iter().filter(|w| w.severity == s).count();
            let text = RichText::new(format!("{} {s} ({n})", style::severity_icon(s)))
                .color(style::severity_color(s));
            ui.checkbox(&mut st.severity_filter[i], text);
        }
        if let Some(week) = st.warning_week
            && ui.button(format!("✖ only week of {week}")).clicked()
        {
            st.warning_week = None;
        }
    });
    ui.separator();
    let shown: Vec<&Warning> = report
        .warnings
        .iter()
        .filter(|w| st.severity_filter[w.severity as usize])
        .filter(|w| st.warning_week.is_none_or(|wk| w.week == wk))
        .collect();
    if shown.is_empty() {
        ui.label(if report.warnings.is_empty() {
            "No warnings: nothing in this plan ramps up too fast."
        } else {
            "No warnings match the filter."
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("all-warnings")
        .auto_shrink(false)
        .show(ui, |ui| {
            for w in shown {
                row(ui, st, w, true);
                ui.separator();
            }
            for n in &report.notes {
                ui.label(RichText::new(format!("Note: {n}")).small().weak());
            }
        });
}
