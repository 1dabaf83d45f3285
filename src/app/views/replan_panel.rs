//! Plan ▸ Re-plan from today…: after missed sessions, a bigger or smaller week than
//! planned, or a symptom, the coming weeks are changed so every rule is back below
//! caution; previewed week by week with a reason per change, applied as one undo step.

use super::tool::Tool;
use super::{UiState, ViewCtx};
use crate::app::style;
use crate::app::tasks::Task;
use crate::document::Command;
use crate::model::week_start;
use crate::replan::{Replan, replan};
use chrono::NaiveDate;
use egui::{RichText, Ui};

/// The window's state; the proposal is worked out on a worker thread when the plan or
/// the first day changes (it analyses the plan once per change it tries: 0.1 s for a
/// 2-year plan, seconds for ten; README, Speed).
#[derive(Default)]
pub struct ReplanPanel {
    /// Whether the window is open.
    pub open: bool,
    /// The first day that may change (default: today).
    pub from: Option<NaiveDate>,
    /// The proposal for (document state, from).
    cache: Option<(u64, NaiveDate, Box<Replan>)>,
    /// The proposal being worked out for (document state, from).
    working: Option<(u64, NaiveDate, Task<Replan>)>,
    /// Why the last re-plan failed, for (document state, first day): a message, never a
    /// window that goes away.
    failed: Option<(u64, NaiveDate, String)>,
}

/// What re-planning does, at the top of its window.
const ABOUT: &str = "Sessions done and days before the first day stay as they are. Every \
    run planned after a red flag, pain above 5/10 or a strain without an all-clear is \
    dropped (Return to running plans the way back); a quality run in the first two weeks \
    after an all-clear becomes easy; cross-training that loads the calves right before a \
    run moves to a nearby day; then every week over its headroom is shortened to it, in \
    date order, so a missed week is not made up with a catch-up spike, and a single run \
    still too long for its week is shortened. The race keeps its date and distance.";

/// How many of a finished plan's last weeks the window offers to re-plan.
const LAST_WEEKS: i64 = 4;

/// Shows the window; emits the re-plan as one command.
pub fn show(ctx: &egui::Context, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let mut open = st.replan.open;
    Tool::new("Re-plan", [300.0, 80.0], 560.0).show(ctx, &mut open, |ui| body(ui, v, st, out));
    st.replan.open &= open;
}

/// Past the plan's end (today, by default, after a finished plan) there is nothing to
/// re-plan: says so and offers its last weeks; whether `from` is past the end.
fn past_the_end(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, from: NaiveDate) -> bool {
    let Some((_, last)) = v.doc.plan().date_range().filter(|(_, last)| from > *last) else {
        return false;
    };
    let start = crate::model::week_start(last) - chrono::Duration::days(7 * (LAST_WEEKS - 1));
    ui.label(format!(
        "{from} is after the plan's last day ({last}): nothing is left to re-plan from it."
    ));
    if ui
        .button(format!(
            "Re-plan its last {LAST_WEEKS} weeks (from {start})"
        ))
        .clicked()
    {
        st.replan.from = Some(start);
    }
    true
}

/// The first-day field; `None` when the day is past the plan's end (the window says so).
fn first_day(ui: &mut Ui, v: &ViewCtx, st: &mut UiState) -> Option<NaiveDate> {
    let from = st.replan.from.unwrap_or(v.today);
    if let Some(d) = st.fields.date(ui, "replan-from", "First day", from) {
        st.replan.from = Some(d);
    }
    let from = st.replan.from.unwrap_or(v.today);
    (!past_the_end(ui, v, st, from)).then_some(from)
}

fn body(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    ui.label(ABOUT);
    let Some(from) = first_day(ui, v, st) else {
        return;
    };
    let state = v.doc.state();
    let panel = &mut st.replan;
    let current = |k: &(u64, NaiveDate)| *k == (state, from);
    let fresh = panel
        .cache
        .as_ref()
        .is_some_and(|(s, f, _)| current(&(*s, *f)));
    let asked = panel
        .working
        .as_ref()
        .is_some_and(|(s, f, _)| current(&(*s, *f)));
    if !fresh && !asked {
        let plan = v.doc.plan().clone();
        let task = Task::spawn(ui.ctx(), v.background, move || replan(&plan, from));
        panel.working = Some((state, from, task));
    }
    // The worker wakes the window when done (in tests the work is done already).
    if let Some((s, f, task)) = &panel.working
        && let Some(r) = task.poll()
    {
        match r {
            Ok(r) => panel.cache = Some((*s, *f, Box::new(r))),
            Err(e) => panel.failed = Some((*s, *f, e)),
        }
        panel.working = None;
    }
    if let Some((_, _, e)) = panel.failed.as_ref().filter(|(s, f, _)| current(&(*s, *f))) {
        ui.label(
            RichText::new(format!(
                "Re-planning failed: {e}. Nothing was changed; the plan is as it was."
            ))
            .color(crate::app::style::severity_text(
                crate::analysis::Severity::Warning,
                ui.visuals(),
            )),
        );
        return;
    }
    let Some((_, _, r)) = panel.cache.as_ref().filter(|(s, f, _)| current(&(*s, *f))) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Working out the changes…");
        });
        return;
    };
    ui.separator();
    if r.changes.is_empty() {
        ui.label(format!(
            "Nothing to change: no rule reaches caution from {from} on that re-planning can fix."
        ));
    }
    egui::ScrollArea::vertical()
        .id_salt("replan-changes")
        .max_height(300.0)
        .show(ui, |ui| {
            // Week by week; a reason shared by a whole week is said once, under its title.
            let mut rest = &r.changes[..];
            while let Some(first) = rest.first() {
                let monday = week_start(first.date);
                let n = rest
                    .iter()
                    .take_while(|c| week_start(c.date) == monday)
                    .count();
                let (week, tail) = rest.split_at(n);
                rest = tail;
                ui.label(RichText::new(format!("Week of {monday}")).strong());
                let shared = week.iter().all(|c| c.reason == first.reason);
                if shared {
                    ui.label(RichText::new(format!("because {}", first.reason)).weak());
                }
                for c in week {
                    let what = match &c.after {
                        Some(after) => format!("{} becomes {}", c.before, after),
                        None => format!("{}: dropped", c.before),
                    };
                    ui.label(format!("{}  {what}", c.date.format("%a %-d %b")));
                    if !shared {
                        ui.label(RichText::new(format!("    because {}", c.reason)).weak());
                    }
                }
            }
            if !r.left.is_empty() {
                ui.add_space(6.0);
                ui.label(
                    RichText::new("Not fixed by re-planning (see the warnings):").color(
                        style::severity_text(crate::analysis::Severity::Caution, ui.visuals()),
                    ),
                );
                for l in &r.left {
                    ui.label(l);
                }
            }
        });
    let n = r.changes.len();
    let text = format!("Apply {n} change{}", if n == 1 { "" } else { "s" });
    let close = ui
        .horizontal(|ui| {
            if ui.add_enabled(n > 0, egui::Button::new(text)).clicked() {
                out.push(Command::ReplaceSessions(
                    r.plan.sessions.clone(),
                    "Re-plan",
                    None,
                ));
                return true;
            }
            ui.button("Cancel").clicked()
        })
        .inner;
    if close {
        panel.open = false;
    }
}
