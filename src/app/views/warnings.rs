//! Warnings: the full list with a severity filter (repeats of one rule grouped), and the
//! short list in the inspector. Every view counts the same way: "warnings" are caution
//! and above, "notes" are info ([`Report::count`]).

use super::{UiState, ViewCtx, WindowUi};
use crate::analysis::{Report, Rule, Severity, Warning};
use crate::app::style;
use egui::{RichText, Ui};

/// Groups of this many or more warnings of one rule and severity collapse into one row.
pub const GROUP_AT: usize = 3;

/// One warning: severity, a link to its day, the message. With `evidence` the evidence
/// follows in small print (the inspector); without, the warning takes one line (wrapped
/// when long) and its evidence shows on hover (the full list, where space is short).
fn row(ui: &mut Ui, st: &mut UiState, w: &Warning, evidence: bool) {
    // Anywhere on the row shows its session: the severity, the day and the message.
    let mut clicked = false;
    let click = |ui: &mut Ui, text: RichText| -> egui::Response {
        ui.add(egui::Label::new(text).sense(egui::Sense::click()))
            .on_hover_cursor(egui::CursorIcon::PointingHand)
    };
    ui.horizontal_wrapped(|ui| {
        let c = style::severity_text(w.severity, ui.visuals());
        clicked |= click(
            ui,
            RichText::new(format!(
                "{} {}",
                style::severity_icon(w.severity),
                w.severity
            ))
            .color(c)
            .strong(),
        )
        .clicked();
        let link = ui.link(RichText::new(format!("{} · {}", w.date, w.rule.id())).small());
        clicked |= link.on_hover_text("Show it in the calendar").clicked();
        if !evidence {
            clicked |= click(ui, RichText::new(&w.message))
                .on_hover_text(format!("Evidence: {}", w.evidence))
                .clicked();
        }
    });
    if evidence {
        clicked |= click(ui, RichText::new(&w.message)).clicked();
        ui.label(
            RichText::new(format!("Evidence: {}", w.evidence))
                .small()
                .weak(),
        );
    }
    if clicked {
        st.selection = w.sessions.first().copied();
        st.selected_day = Some(w.date);
        st.scroll_to = Some(w.date);
    }
    ui.add_space(2.0);
}

/// The tab's title: "⚠ Warnings 2 · notes 3".
pub fn tab_title(report: &Report) -> String {
    let c = Report::count(&report.warnings);
    format!("⚠ Warnings {} · notes {}", c.warnings, c.notes)
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
    let counts = Report::count(ws.iter().copied());
    ui.label(RichText::new(format!("{title}: {counts}")).strong());
    egui::ScrollArea::vertical()
        .id_salt("inspector-warnings")
        .show(ui, |ui| {
            for w in ws.into_iter().take(40) {
                row(ui, st, w, true);
            }
        });
}

/// Warnings grouped by rule and severity, most serious first; a group keeps its
/// warnings in date order.
pub fn groups<'a>(ws: impl IntoIterator<Item = &'a Warning>) -> Vec<Vec<&'a Warning>> {
    let mut groups: Vec<((Severity, Rule), Vec<&Warning>)> = Vec::new();
    for w in ws {
        match groups.iter_mut().find(|(k, _)| *k == (w.severity, w.rule)) {
            Some((_, g)) => g.push(w),
            None => groups.push(((w.severity, w.rule), vec![w])),
        }
    }
    for (_, g) in groups.iter_mut() {
        g.sort_by_key(|w| w.date);
    }
    groups.sort_by_key(|(k, g)| (std::cmp::Reverse(k.0), g[0].date));
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The full list, filterable by severity (the filter is window state: it stays when
/// another plan opens).
pub fn show(ui: &mut Ui, v: &ViewCtx, win: &mut WindowUi, st: &mut UiState) {
    let report = v.doc.report();
    ui.horizontal_wrapped(|ui| {
        ui.label("Show:");
        for (i, s) in Severity::ALL.into_iter().enumerate().rev() {
            let n = report.warnings.iter().filter(|w| w.severity == s).count();
            let text = RichText::new(format!("{} {s} ({n})", style::severity_icon(s)))
                .color(style::severity_text(s, ui.visuals()));
            ui.checkbox(&mut win.severity_filter[i], text);
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
        .filter(|w| win.severity_filter[w.severity as usize])
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
            for g in groups(shown) {
                if g.len() < GROUP_AT {
                    for w in g {
                        row(ui, st, w, false);
                    }
                    continue;
                }
                let (first, last) = (g[0], g[g.len() - 1]);
                let header = RichText::new(format!(
                    "{} {} · {} × {} ({} to {})",
                    style::severity_icon(first.severity),
                    first.severity,
                    first.rule.id(),
                    g.len(),
                    first.date,
                    last.date
                ))
                .color(style::severity_text(first.severity, ui.visuals()))
                .strong();
                egui::CollapsingHeader::new(header)
                    .id_salt(("group", first.rule, first.severity))
                    .show(ui, |ui| {
                        ui.label(
                            RichText::new(format!("Evidence: {}", first.evidence))
                                .small()
                                .weak(),
                        );
                        for w in g {
                            row(ui, st, w, false);
                        }
                    });
                ui.add(egui::Label::new(RichText::new(&first.message).weak()).truncate());
            }
            for n in &report.notes {
                ui.label(RichText::new(format!("Note: {n}")).small().weak());
            }
        });
}
