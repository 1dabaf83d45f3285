//! Plan > Return to running…: the entry criteria, a preview of the return block week by
//! week, and one undoable Apply.

use super::tool::Tool;
use super::{UiState, ViewCtx};
use crate::app::style;
use crate::care::ReturnBlock;
use crate::document::Command;
use chrono::NaiveDate;
use egui::{RichText, Ui};

/// What the return block is, at the top of its window.
const ABOUT: &str = "Do not run through a calf injury: return when the calf is strong and \
    knee and ankle work normally. The block replaces the planned runs from the day you \
    choose: walk/run for two weeks, then continuous easy running, three times a week on \
    every other day, the running growing by at most 10 % a session toward your week \
    before the injury; walking is counted apart. The calf program runs alongside on \
    other days.";
/// The entry criteria and their source.
const CRITERIA_SOURCE: &str = "Criteria: an all-clear (pain 2/10 or less, no flags); a \
    calf-raise test after the injury with the injured side at 90 % of the other leg and \
    of its own test before the injury, 25 reps or more (or 90 % of a lower test before), \
    and no pain in the test (Green et al., Sports Medicine – Open 2022: symmetry within \
    10 %, no symptoms, 30 reps for a full return to play; 25 reps is a sports \
    physiotherapy clinic's line to start jogging).";
/// When a session lets the runner move on.
const MOVING_ON: &str = "Each session's note says when to move on: only while pain stays \
    at 3/10 or less and is gone by the next morning; otherwise repeat the step.";
/// The window's state. The block is computed when the plan or the date changes (it runs
/// the analysis a few times per week it sizes), not every frame.
#[derive(Clone, Debug, Default)]
pub struct ReturnPanel {
    /// Whether the window is open.
    pub open: bool,
    /// The first day; `None` = the day after the latest all-clear, else today.
    pub from: Option<NaiveDate>,
    /// The block for (document state, first day).
    cache: Option<(u64, NaiveDate, Box<super::fit_panel::Made<ReturnBlock>>)>,
}

/// The day a return starts by default (see [`crate::care::default_from`]).
pub fn default_from(v: &ViewCtx) -> NaiveDate {
    crate::care::default_from(v.doc.plan(), v.today)
}

/// Shows the window.
pub fn show(ctx: &egui::Context, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let mut open = st.return_panel.open;
    Tool::new("Return to running", [300.0, 70.0], 560.0)
        .show(ctx, &mut open, |ui| body(ui, v, st, out));
    st.return_panel.open &= open;
}

/// The window's content: the first day, the criteria, the block and its warnings, and
/// creating it.
fn body(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    ui.label(ABOUT);
    let from = st.return_panel.from.unwrap_or_else(|| default_from(v));
    if let Some(d) = st.fields.date(ui, "return-from", "From", from) {
        st.return_panel.from = Some(d);
    }
    let state = v.doc.state();
    let fresh = matches!(&st.return_panel.cache, Some((s, f, _)) if *s == state && *f == from);
    if !fresh {
        let plan = v.doc.plan();
        let block = match crate::care::outside_plan(plan, from) {
            Some(why) => Err(why),
            None => crate::app::tasks::guarded(|| crate::care::return_block(plan, from)),
        };
        st.return_panel.cache = Some((state, from, Box::new(block)));
    }
    let Some((_, _, block)) = &st.return_panel.cache else {
        return;
    };
    let block = match block.as_ref() {
        Ok(b) => b,
        Err(e) => {
            ui.label(RichText::new(e).color(style::severity_text(
                crate::analysis::Severity::Warning,
                ui.visuals(),
            )));
            if ui.button("Cancel").clicked() {
                st.return_panel.open = false;
            }
            return;
        }
    };
    ui.separator();
    criteria(ui, block);
    ui.separator();
    weeks(ui, block);
    warnings(ui, block);
    ui.label(RichText::new(MOVING_ON).small());
    ui.horizontal(|ui| {
        let ready = block.ready();
        let button = ui.add_enabled(ready, egui::Button::new("Create return block"));
        let button = if ready {
            button
        } else {
            button.on_disabled_hover_text("Meet the criteria above first")
        };
        if button.clicked() {
            out.push(Command::ReplacePlan(
                Box::new(block.plan.clone()),
                "return to running",
            ));
            st.return_panel.open = false;
        }
        if ui.button("Cancel").clicked() {
            st.return_panel.open = false;
        }
    });
}

/// The entry criteria, each met or not, with its numbers.
fn criteria(ui: &mut Ui, block: &crate::care::ReturnBlock) {
    ui.label(RichText::new("Ready to return?").strong());
    for c in &block.criteria {
        let (mark, color) = if c.met {
            (
                "✔",
                style::severity_text(crate::analysis::Severity::Info, ui.visuals()),
            )
        } else {
            (
                "✖",
                style::severity_text(crate::analysis::Severity::Warning, ui.visuals()),
            )
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{mark} {}", c.name))
                    .color(color)
                    .strong(),
            );
            ui.label(&c.detail);
        });
    }
    ui.label(RichText::new(CRITERIA_SOURCE).small().weak());
}

/// The block week by week, and each session's steps.
fn weeks(ui: &mut Ui, block: &crate::care::ReturnBlock) {
    ui.label(format!(
        "Rebuilding toward {:.0} minutes a week (the 4 weeks before the injury); replaces {} planned run{}.",
        block.before_minutes,
        block.replaced,
        if block.replaced == 1 { "" } else { "s" }
    ));
    egui::Grid::new("return-grid")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [
                "Week",
                "Running",
                "Walking",
                "Kind",
                "Sessions (minutes running)",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (k, w) in block.weeks.iter().enumerate() {
                ui.label(format!("{} ({})", k + 1, w.start.format("%-d %b")));
                ui.label(format!("{} min", w.minutes()));
                ui.label(if w.walk_minutes() > 0 {
                    format!("{} min", w.walk_minutes())
                } else {
                    "–".to_string()
                });
                ui.label(if w.walk_run { "walk/run" } else { "continuous" });
                ui.label(
                    w.sessions
                        .iter()
                        .map(|s| format!("{} {}'", s.date.format("%a"), s.run_minutes))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                ui.end_row();
            }
        });
    egui::CollapsingHeader::new("Each session, step by step")
        .id_salt("return-steps")
        .show(ui, |ui| {
            for s in block.weeks.iter().flat_map(|w| &w.sessions) {
                ui.label(RichText::new(s.date.format("%a %-d %b").to_string()).strong());
                ui.add(egui::Label::new(&s.note).wrap());
            }
        });
}

/// What Gradual's rules say about the block, and about the plan after it.
fn warnings(ui: &mut Ui, block: &crate::care::ReturnBlock) {
    if block.block_warnings.is_empty() {
        ui.label(
            RichText::new("Gradual's rules find nothing at caution or above in the block.").color(
                style::severity_text(crate::analysis::Severity::Info, ui.visuals()),
            ),
        );
    }
    for w in &block.block_warnings {
        ui.label(
            RichText::new(format!("{} {}: {}", w.severity, w.rule.id(), w.message))
                .color(style::severity_text(w.severity, ui.visuals())),
        );
    }
    if !block.after_warnings.is_empty() {
        ui.label(RichText::new("After the block, back into the plan:").strong());
        for w in &block.after_warnings {
            ui.label(
                RichText::new(format!("{} {}: {}", w.severity, w.rule.id(), w.message))
                    .color(style::severity_text(w.severity, ui.visuals())),
            );
        }
    }
}
