//! File ▸ Import activities… (or files dropped on the window): reads FIT, GPX and TCX
//! files, folders and export archives off the UI thread with a progress bar, then
//! previews what each activity would do — attach to a planned session, become an
//! unplanned one, or be left out — and lets the user decide the open cases and the effort
//! before anything changes. Apply is one undo step.

use super::ViewCtx;
use super::tool::Tool;
use crate::app::style;
use crate::document::Command;
use crate::import::{
    Decision, FileError, Imported, Item, Progress, apply_marking, missed, preview,
};
use crate::model::Activity;
use crate::model::limits;
use egui::{RichText, Ui};
use std::sync::Arc;

/// The window's state.
#[derive(Debug, Default)]
pub struct ImportPanel {
    /// Whether the window is open.
    pub open: bool,
    /// Files read so far, while reading.
    pub progress: Option<Arc<Progress>>,
    /// What was read, to preview again if the plan changes meanwhile.
    activities: Vec<Imported>,
    /// Each activity and what it would do (the user changes the decisions).
    pub items: Vec<Item>,
    /// The sessions each activity could attach to, as the preview found them.
    candidates: Vec<Vec<usize>>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Files left out because they are not activities.
    pub skipped: Vec<String>,
    /// The document state the preview was made against.
    state: Option<u64>,
    /// Mark the planned runs the import shows were missed as skipped.
    pub mark_missed: bool,
    /// Those runs for the current decisions (recomputed when one changes).
    missed: Option<Vec<usize>>,
}

impl ImportPanel {
    /// The window while files are read.
    pub fn reading(progress: Arc<Progress>) -> Self {
        ImportPanel {
            open: true,
            progress: Some(progress),
            ..Default::default()
        }
    }

    /// The files are read: preview them against the plan.
    pub fn found(&mut self, found: crate::import::Found) {
        self.progress = None;
        self.open = true;
        self.activities = found.activities;
        self.errors = found.errors;
        self.skipped = found.skipped;
        self.state = None;
        // TrainingPeaks' compliance colouring shows a planned workout not completed in red:
        // coaches read a run without an activity as missed. The user can untick it.
        self.mark_missed = true;
    }

    /// Previews again when the plan changed since the last preview (indices move).
    fn refresh(&mut self, v: &ViewCtx) {
        let state = v.doc.state();
        if self.state == Some(state) {
            return;
        }
        self.items = preview(v.doc.plan(), self.activities.clone());
        self.candidates = self
            .items
            .iter()
            .map(|it| match &it.decision {
                Decision::Attach(i) => vec![*i],
                Decision::Choose(v) => v.clone(),
                _ => Vec::new(),
            })
            .collect();
        self.state = Some(state);
        self.missed = None;
    }
}

/// What the "Use" choice of a row can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    Session(usize),
    Undecided,
    Unplanned,
    Ignore,
}

fn activity_text(a: &Imported) -> String {
    let time = a
        .start
        .map(|t| format!(" at {}", t.format("%H:%M")))
        .unwrap_or_default();
    format!("{}{time}: {}", a.sport.name(), a.size_text())
}

/// The file's name without its folders (the full path is in the hover text).
fn short_source(s: &str) -> &str {
    s.rsplit(['/', '\\']).next().unwrap_or(s)
}

/// Counts of what applying would do: (attach, add, open choices).
fn counts(items: &[Item]) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for it in items {
        match it.decision {
            Decision::Attach(_) => n.0 += 1,
            Decision::Unplanned => n.1 += 1,
            Decision::Choose(_) => n.2 += 1,
            _ => {}
        }
    }
    n
}

/// Shows the window; emits the import as one command and returns a status message.
pub fn show(
    ctx: &egui::Context,
    v: &ViewCtx,
    panel: &mut ImportPanel,
    out: &mut Vec<Command>,
) -> Option<String> {
    let mut open = panel.open;
    let message = Tool::new("Import activities", [260.0, 70.0], 640.0)
        .show(ctx, &mut open, |ui| body(ui, v, panel, out))
        .flatten();
    panel.open &= open;
    message
}

/// The window's content: progress while reading; then what was read, a row an
/// activity to decide its use, and apply. Returns the status message after applying.
fn body(
    ui: &mut Ui,
    v: &ViewCtx,
    panel: &mut ImportPanel,
    out: &mut Vec<Command>,
) -> Option<String> {
    if let Some(p) = &panel.progress {
        reading(ui, p);
        return None;
    }
    panel.refresh(v);
    let plan = v.doc.plan();
    summary(ui, panel);
    ui.separator();
    let ImportPanel {
        items,
        candidates,
        missed: missed_cache,
        ..
    } = panel;
    if rows(ui, plan, items, candidates) {
        *missed_cache = None;
    }
    ui.separator();
    apply_row(ui, plan, panel, out)
}

/// Progress while the files are read.
fn reading(ui: &mut Ui, p: &Progress) {
    let (done, total) = p.get();
    let fraction = if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    };
    // In words too: screen readers do not read the bar's text.
    ui.label(format!(
        "Reading the activity files: {done} of {total} files…"
    ));
    ui.add(egui::ProgressBar::new(fraction).show_percentage());
    // Nothing else wakes the window while the workers read: look again shortly.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}

/// What was read: how many activities attach, are added, await a choice or are already
/// in the plan; the files that could not be read and those left out.
fn summary(ui: &mut Ui, panel: &ImportPanel) {
    let (attach, add, choose) = counts(&panel.items);
    let dups = panel
        .items
        .iter()
        .filter(|it| matches!(it.decision, Decision::Duplicate(_)))
        .count();
    ui.label(format!(
        "{} activit{} read: {attach} attach to planned sessions, {add} to add as unplanned, \
         {choose} awaiting your choice, {dups} already in the plan.",
        panel.items.len(),
        if panel.items.len() == 1 { "y" } else { "ies" }
    ));
    ui.label(
        RichText::new(
            "Nothing changes until you apply; sessions attached are marked done with the \
             numbers from the file, and the analysis then speaks about what was run.",
        )
        .weak(),
    );
    if !panel.errors.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} file{} could not be read (the rest are below):",
                panel.errors.len(),
                if panel.errors.len() == 1 { "" } else { "s" }
            ))
            .color(style::severity_text(
                crate::analysis::Severity::Warning,
                ui.visuals(),
            )),
        );
        egui::ScrollArea::vertical()
            .id_salt("import-errors")
            .max_height(80.0)
            .show(ui, |ui| {
                for e in &panel.errors {
                    ui.label(format!("{}: {}", e.file, e.message));
                }
            });
    }
    if !panel.skipped.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} file{} left out: not activity files.",
                panel.skipped.len(),
                if panel.skipped.len() == 1 { "" } else { "s" }
            ))
            .weak(),
        )
        .on_hover_text(panel.skipped.join("\n"));
    }
}

/// A row an activity: date and kind, file, its use, its effort. Only the rows on screen
/// are laid out. Returns whether a use changed.
fn rows(
    ui: &mut Ui,
    plan: &crate::model::Plan,
    items: &mut [Item],
    candidates: &[Vec<usize>],
) -> bool {
    let mut changed = false;
    // Fixed columns, and only the rows on screen are laid out: an export of a thousand
    // activities previews as fast as ten.
    const COLUMNS: [f32; 4] = [280.0, 150.0, 200.0, 90.0];
    let row = ui.spacing().interact_size.y + 2.0;
    let header =
        |ui: &mut Ui, k: usize, text: &str| cell(ui, COLUMNS[k], row, RichText::new(text).strong());
    let effort = ui
        .horizontal(|ui| {
            header(ui, 0, "Activity");
            header(ui, 1, "File");
            header(ui, 2, "Use");
            header(ui, 3, "Effort (RPE)").id
        })
        .inner;
    egui::ScrollArea::vertical()
        .id_salt("import-items")
        .max_height(320.0)
        .show_rows(ui, row, items.len(), |ui, rows| {
            for n in rows {
                let it = &mut items[n];
                ui.horizontal(|ui| {
                    cell(
                        ui,
                        COLUMNS[0],
                        row,
                        format!(
                            "{} {}",
                            it.activity.date.format("%a %-d %b"),
                            activity_text(&it.activity)
                        ),
                    );
                    cell(ui, COLUMNS[1], row, short_source(&it.activity.source))
                        .on_hover_text(&it.activity.source);
                    changed |= row_use(ui, n, it, &candidates[n], plan);
                    if matches!(it.decision, Decision::Attach(_) | Decision::Unplanned) {
                        let mut rpe = it.rpe.unwrap_or(crate::import::DEFAULT_RPE);
                        let resp = ui
                            .add(egui::DragValue::new(&mut rpe).range(limits::RPE))
                            .labelled_by(effort)
                            .on_hover_text(
                                "How hard it felt, 1 (very easy) to 10 (maximal). From \
                                 the file when it has one, else the planned effort.",
                            );
                        if resp.changed() || it.rpe.is_none() {
                            it.rpe = Some(rpe);
                        }
                    }
                });
            }
        });
    changed
}

/// Marking missed runs, and the apply and cancel buttons. Returns the status message
/// after applying.
fn apply_row(
    ui: &mut Ui,
    plan: &crate::model::Plan,
    panel: &mut ImportPanel,
    out: &mut Vec<Command>,
) -> Option<String> {
    let ImportPanel {
        items,
        mark_missed,
        missed: missed_cache,
        open,
        ..
    } = panel;
    let missed_runs = missed_cache.get_or_insert_with(|| missed(plan, items));
    if !missed_runs.is_empty() {
        let days: Vec<String> = missed_runs
            .iter()
            .map(|&i| {
                let s = &plan.sessions[i];
                format!("{} {}", s.date.format("%a %-d %b"), s.activity.label())
            })
            .collect();
        ui.checkbox(
            mark_missed,
            format!(
                "Mark the {} planned run{} with no activity in these days as skipped",
                days.len(),
                if days.len() == 1 { "" } else { "s" }
            ),
        )
        .on_hover_text(format!(
            "Between the first and the last activity read, these runs have none: {}. \
             Left as planned they would still count as run. Untick if the watch was not \
             worn for them.",
            days.join(", ")
        ));
    }
    let marking: Vec<usize> = if *mark_missed {
        missed_runs.clone()
    } else {
        Vec::new()
    };
    let (attach, add, _) = counts(items);
    let text = if marking.is_empty() {
        format!("Apply: attach {attach}, add {add}")
    } else {
        format!(
            "Apply: attach {attach}, add {add}, mark {} skipped",
            marking.len()
        )
    };
    let mut message = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(attach + add + marking.len() > 0, egui::Button::new(text))
            .clicked()
        {
            let (new, applied) = apply_marking(plan, items, &marking);
            out.push(Command::ReplaceSessions(
                new.sessions,
                "Import activities",
                None,
            ));
            let skipped = if applied.skipped > 0 {
                format!(", {} missed runs marked skipped", applied.skipped)
            } else {
                String::new()
            };
            message = Some(format!(
                "Imported: {} attached to planned sessions, {} unplanned added, {} left out{skipped}. \
                 Plan > Re-plan from today… fits the coming weeks to what was run.",
                applied.attached, applied.added, applied.left
            ));
            *open = false;
        }
        if ui.button("Cancel").clicked() {
            *open = false;
        }
    });
    message
}

/// A label in a column of `width`, left-aligned, cut short with "…" when too long.
fn cell(ui: &mut Ui, width: f32, height: f32, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}

/// The row's "Use" choice: a planned session, unplanned, leave out (or a duplicate's note).
/// Returns whether the user changed it.
fn row_use(
    ui: &mut Ui,
    n: usize,
    it: &mut Item,
    candidates: &[usize],
    plan: &crate::model::Plan,
) -> bool {
    let current = match &it.decision {
        Decision::Duplicate(i) => {
            ui.label(format!(
                "Already in the plan ({})",
                plan.sessions
                    .get(*i)
                    .map(|s| s.activity.label())
                    .unwrap_or_default()
            ));
            return false;
        }
        Decision::Attach(i) => Use::Session(*i),
        Decision::Choose(_) => Use::Undecided,
        Decision::Unplanned => Use::Unplanned,
        Decision::Ignore(_) => Use::Ignore,
    };
    let mut options: Vec<Use> = candidates.iter().map(|&i| Use::Session(i)).collect();
    if candidates.len() > 1 {
        options.insert(0, Use::Undecided);
    }
    options.push(Use::Unplanned);
    options.push(Use::Ignore);
    let day = it.activity.date;
    let name = |u: Use| match u {
        Use::Session(i) => match plan.sessions.get(i) {
            // Planned on another day: say which (attaching moves it to the day it was run).
            Some(s) if s.date != day => {
                format!(
                    "Planned {}, {}",
                    s.activity.label(),
                    s.date.format("%a %-d")
                )
            }
            Some(s) => format!("Planned {}", s.activity.label()),
            None => String::new(),
        },
        Use::Undecided => "Choose a session…".into(),
        Use::Unplanned => "Add as unplanned".into(),
        Use::Ignore => "Leave out".into(),
    };
    let mut picked = None;
    let resp = egui::ComboBox::from_id_salt(("import-use", n))
        .selected_text(name(current))
        .width(190.0)
        .show_ui(ui, |ui| {
            for &o in &options {
                if ui.selectable_label(o == current, name(o)).clicked() && o != current {
                    picked = Some(o);
                }
            }
        });
    let why = match &it.decision {
        Decision::Ignore(why) => format!("Use: left out ({why})"),
        Decision::Choose(c)
            if c.iter()
                .all(|&i| plan.sessions.get(i).is_some_and(|s| s.date == day)) =>
        {
            "Use: two or more planned sessions fit; choose one".into()
        }
        Decision::Choose(_) => "Use: nothing of its kind was planned that day, but a session \
            nearby is not done: attach it there (it moves to this day) or add it as unplanned"
            .into(),
        _ => "Use".into(),
    };
    resp.response.on_hover_text(&why).widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::ComboBox,
            true,
            format!("Use {}", short_source(&it.activity.source)),
        )
    });
    if let Some(p) = picked {
        it.decision = match p {
            Use::Session(i) => {
                if it.rpe.is_none()
                    && let Some(Activity::Run { rpe, .. } | Activity::Cross { rpe, .. }) =
                        plan.sessions.get(i).map(|s| &s.activity)
                {
                    it.rpe = Some(*rpe);
                }
                Decision::Attach(i)
            }
            Use::Undecided => Decision::Choose(candidates.to_vec()),
            Use::Unplanned => Decision::Unplanned,
            Use::Ignore => Decision::Ignore("left out by you".into()),
        };
    }
    picked.is_some()
}
