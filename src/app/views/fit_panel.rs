//! Plan > Fit to headroom…: scale down the weeks over their headroom, for one week, one
//! block or the whole plan; previewed week by week, applied as one undo step.

use super::fields::choice;
use super::tool::Tool;
use super::{UiState, ViewCtx};
use crate::analysis::headroom::{Fitted, fit, size_text};
use crate::document::Command;
use crate::model::week_start;
use chrono::{Duration, NaiveDate};
use egui::{RichText, Ui};

/// A fit worked out, or why it failed (a message, never a window that goes away).
pub type Made<T> = Result<T, String>;

/// What is fitted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// The selected day's week.
    Week,
    /// Block `n`.
    Block(usize),
    /// Every week.
    #[default]
    Plan,
}

/// The window's state; the preview is computed when the plan or the scope changes.
#[derive(Clone, Debug, Default)]
pub struct FitPanel {
    /// Whether the window is open.
    pub open: bool,
    /// What to fit.
    pub scope: Scope,
    /// The fit for (document state, scope).
    cache: Option<(u64, Scope, Box<Made<Fitted>>)>,
}

/// What fitting does, at the top of its window.
const ABOUT: &str = "Each week over its headroom is scaled down to it, in date order (a \
    fitted week changes the limits of the weeks after it): its runs keep their proportions, \
    so the long run keeps its share; the goal race keeps its distance. Weeks with runs \
    already done stay as they are.";

/// The first and last day of `scope`.
fn range(v: &ViewCtx, st: &UiState, scope: Scope) -> Option<(NaiveDate, NaiveDate)> {
    let plan = v.doc.plan();
    match scope {
        Scope::Week => {
            let d = st.selected_day?;
            Some((week_start(d), week_start(d) + Duration::days(6)))
        }
        Scope::Block(n) => plan.blocks.get(n).map(|b| (b.start, b.last_day())),
        Scope::Plan => plan.date_range(),
    }
}

/// Shows the window; emits the fit as one command.
pub fn show(ctx: &egui::Context, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let mut open = st.fit.open;
    Tool::new("Fit to headroom", [300.0, 80.0], 480.0)
        .show(ctx, &mut open, |ui| body(ui, v, st, out));
    st.fit.open &= open;
}

fn body(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    ui.label(ABOUT);
    let plan = v.doc.plan();
    let mut scopes = Vec::new();
    if st.selected_day.is_some() {
        scopes.push(Scope::Week);
    }
    scopes.extend((0..plan.blocks.len()).map(Scope::Block));
    scopes.push(Scope::Plan);
    if !scopes.contains(&st.fit.scope) {
        st.fit.scope = Scope::Plan;
    }
    let day = st.selected_day;
    if let Some(s) = choice(ui, "fit-scope", "Fit", st.fit.scope, &scopes, |s| match s {
        Scope::Week => format!(
            "The week of {}",
            day.map(week_start)
                .map(|d| d.to_string())
                .unwrap_or_default()
        ),
        Scope::Block(n) => format!("Block: {}", plan.blocks[n].name),
        Scope::Plan => "The whole plan".into(),
    }) {
        st.fit.scope = s;
    }
    let Some((from, to)) = range(v, st, st.fit.scope) else {
        ui.label("Nothing to fit: the plan has no dates.");
        return;
    };
    let state = v.doc.state();
    let scope = st.fit.scope;
    if !st
        .fit
        .cache
        .as_ref()
        .is_some_and(|(s, sc, _)| *s == state && *sc == scope)
    {
        let fitted = crate::app::tasks::guarded(|| fit(plan, week_start(from), to));
        st.fit.cache = Some((state, scope, Box::new(fitted)));
    }
    let Some((_, _, fitted)) = &st.fit.cache else {
        return;
    };
    let fitted = match fitted.as_ref() {
        Ok(f) => f,
        Err(e) => {
            ui.label(
                RichText::new(format!(
                    "Fitting failed: {e}. Nothing was changed; the plan is as it was."
                ))
                .color(crate::app::style::severity_text(
                    crate::analysis::Severity::Warning,
                    ui.visuals(),
                )),
            );
            return;
        }
    };
    ui.separator();
    if fitted.changed.is_empty() {
        ui.label("Every week here is within its headroom: nothing to change.");
    }
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            for c in &fitted.changed {
                ui.label(format!(
                    "Week of {}: {} down to {} ({})",
                    c.start,
                    size_text(c.before, c.by_time),
                    size_text(c.after, c.by_time),
                    c.limit
                ));
            }
            for (week, why) in &fitted.left {
                ui.label(RichText::new(format!("Week of {week}: left as it is ({why})")).weak());
            }
        });
    let n = fitted.changed.len();
    let text = format!("Fit {n} week{}", if n == 1 { "" } else { "s" });
    if ui.add_enabled(n > 0, egui::Button::new(text)).clicked() {
        out.push(Command::ReplaceSessions(
            fitted.plan.sessions.clone(),
            "Fit to headroom",
            None,
        ));
        st.fit.open = false;
    }
}
