//! The calf program panel: choose sessions a week, the start stage and the date range,
//! preview week by week what will be added, moved and removed, and apply it as one
//! undoable edit. Also the ladder and exercise library.

use super::fields::choice;
use super::tool::Tool;
use super::{UiState, ViewCtx};
use crate::calf::{self, Options};
use crate::document::Command;
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Line, Plot};

/// What the program does, at the top of its window.
const ABOUT: &str = "Eccentric calf strengthening on days without a run and not the day \
    before a long or quality run, 2–3 times a week, at least 48 h apart, introduced \
    slowly: a new program's first two weeks at the low end (at most about 60 % of the \
    weaker leg's test), the reps growing by at most 25 % a week, one stage up after two \
    complete weeks, every 4th week (and Recovery/Taper blocks) at half volume, a \
    calf-raise test every 4 weeks. Single-leg stages never ask for more reps a set than \
    the weaker leg managed in its latest test (stage 3 needs a test of 12, stage 4 20, \
    stage 5 25, stage 6 30 and a body mass). No calf work from 3 days before to 2 days \
    after the goal race, and no increase in the two weeks before it.";
/// When it stops and holds.
const STOPS: &str = "It stops after a red flag or calf pain above 5/10 until a log with \
    pain 2 or less and no flags, then resumes one stage lower; it holds the dose after a \
    strain (4–5/10) until that all-clear and when next-morning pain rises; one stage down \
    after a skipped week.";
/// Where the ladder comes from.
const LADDER_SOURCE: &str = "The ladder is a synthesis of Alfredson 1998, Beyer 2015 and \
    heel-raise norms, not a trial protocol.";

/// A schedule and its preview for (document state, options); `None` for a plan with
/// nothing to place around.
type Cached = (
    u64,
    Options,
    Option<(calf::Schedule, Vec<calf::WeekChange>)>,
);

/// The panel's settings (UI state, not part of the plan).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalfPanel {
    /// Whether the panel is open.
    pub open: bool,
    /// Sessions a week; `None` = by level.
    pub per_week: Option<u8>,
    /// Start stage; `None` = from the calf-raise test.
    pub stage: Option<u8>,
    /// First day; `None` = the plan's first week.
    pub from: Option<chrono::NaiveDate>,
    /// Last day; `None` = the plan's last day.
    pub to: Option<chrono::NaiveDate>,
    /// The schedule and its preview for (document state, options): made when either
    /// changes, not every frame.
    cache: Option<Box<Cached>>,
}

impl CalfPanel {
    /// The scheduler options these settings mean.
    pub fn options(&self) -> Options {
        Options {
            per_week: self.per_week,
            from: self.from,
            to: self.to,
            start_stage: self.stage,
        }
    }
}

/// The command that applies the calf program with `opts` to the document's plan, if it
/// changes anything.
pub fn apply_command(v: &ViewCtx, opts: &Options) -> Option<Command> {
    let plan = v.doc.plan();
    let schedule = calf::schedule(plan, opts)?;
    let new_plan = calf::apply(plan, &schedule);
    let changed = new_plan != *plan;
    changed.then_some(Command::ReplacePlan(
        Box::new(new_plan),
        "apply calf program",
    ))
}

/// Shows the panel as a window.
pub fn show(ctx: &egui::Context, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let mut open = st.calf.open;
    Tool::new("Calf program", [260.0, 60.0], 640.0)
        .height(560.0)
        .show(ctx, &mut open, |ui| body(ui, v, st, out));
    st.calf.open &= open;
}

/// The window's content: what the program is, its options, the schedule's changes to
/// apply, a chart and a preview by week, and the ladder.
fn body(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let plan = v.doc.plan();
    ui.label(ABOUT);
    ui.label(STOPS);
    ui.label(RichText::new(LADDER_SOURCE).small().weak());
    ui.separator();
    options(ui, v, st);
    let (state, opts) = (v.doc.state(), st.calf.options());
    if !st
        .calf
        .cache
        .as_ref()
        .is_some_and(|c| c.0 == state && c.1 == opts)
    {
        let made = calf::schedule(plan, &opts).map(|s| {
            let changes = calf::preview(plan, &s);
            (s, changes)
        });
        st.calf.cache = Some(Box::new((state, opts, made)));
    }
    let Some((schedule, changes)) = st.calf.cache.as_ref().and_then(|c| c.2.as_ref()) else {
        ui.label("Add sessions first: the program is placed around your runs.");
        return;
    };
    ui.horizontal(|ui| {
        if let Some(d) = st.fields.date(ui, "calf-from", "From", schedule.from) {
            st.calf.from = Some(d);
        }
        if let Some(d) = st.fields.date(ui, "calf-to", "To", schedule.to) {
            st.calf.to = Some(d);
        }
    });
    if let Some(status) = schedule.status(v.today) {
        ui.label(
            RichText::new(status).color(crate::app::style::severity_text(
                crate::analysis::Severity::Caution,
                ui.visuals(),
            )),
        );
    }
    apply_row(ui, v, st, changes, out);
    chart(ui, schedule);
    preview(ui, changes);
    ladder_help(ui);
}

/// Sessions a week and the start stage (each "Auto" by default, with why).
fn options(ui: &mut Ui, v: &ViewCtx, st: &mut UiState) {
    let plan = v.doc.plan();
    let from = st
        .calf
        .from
        .or_else(|| {
            plan.date_range()
                .map(|(lo, _)| crate::model::week_start(lo))
        })
        .unwrap_or(v.today);
    let (auto_stage, reason) = calf::starting_stage(&plan.athlete, from);
    let auto_per_week = calf::default_per_week(plan.athlete.level);
    if let Some(x) = choice(
        ui,
        "calf-per-week",
        "A week",
        st.calf.per_week,
        &std::iter::once(None)
            .chain(crate::model::limits::CALF_PER_WEEK.map(Some))
            .collect::<Vec<_>>(),
        |x| match x {
            None => format!("Auto ({auto_per_week}, by level)"),
            Some(n) => format!("{n} sessions"),
        },
    ) {
        st.calf.per_week = x;
    }
    let stages: Vec<Option<u8>> = std::iter::once(None)
        .chain(crate::model::CALF_STAGES.map(Some))
        .collect();
    if let Some(x) = choice(
        ui,
        "calf-stage",
        "Start stage",
        st.calf.stage,
        &stages,
        |x| match x {
            None => format!("Auto (stage {auto_stage})"),
            Some(n) => format!("Stage {n}: {}", calf::stage(n).name),
        },
    ) {
        st.calf.stage = x;
    }
    if st.calf.stage.is_none() {
        ui.label(RichText::new(format!("Why: {reason}")).small());
    }
}

/// What applying the schedule changes, and the button that does it.
fn apply_row(
    ui: &mut Ui,
    v: &ViewCtx,
    st: &UiState,
    changes: &[calf::WeekChange],
    out: &mut Vec<Command>,
) {
    let count = |f: fn(&calf::WeekChange) -> usize| changes.iter().map(f).sum::<usize>();
    let (added, moved, removed, changed) = (
        count(|c| c.added.len()),
        count(|c| c.moved.len()),
        count(|c| c.removed.len()),
        count(|c| c.changed.len()),
    );
    ui.horizontal(|ui| {
        let nothing = added + moved + removed + changed == 0;
        let text = if nothing {
            "Up to date".to_string()
        } else {
            format!("Apply: {added} added, {moved} moved, {changed} changed, {removed} removed")
        };
        if ui.add_enabled(!nothing, egui::Button::new(text)).clicked()
            && let Some(cmd) = apply_command(v, &st.calf.options())
        {
            out.push(cmd);
        }
        ui.label(
            RichText::new("one undoable edit; your own calf sessions are never touched")
                .small()
                .weak(),
        );
    });
}

/// Stage and weekly volume over time.
fn chart(ui: &mut Ui, schedule: &calf::Schedule) {
    // Stage and weekly volume over time.
    let bars: Vec<Bar> = schedule
        .weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let reps = f64::from(w.sets)
                * f64::from(w.reps)
                * w.days.len() as f64
                * if w.stage >= 2 { 2.0 } else { 1.0 };
            Bar::new(i as f64, reps).width(0.7).fill(if w.deload {
                Color32::from_rgb(0xc9, 0xa0, 0xb4)
            } else {
                Color32::from_rgb(0xa8, 0x4a, 0x6e)
            })
        })
        .collect();
    let max_reps = bars.iter().map(|b| b.value).fold(1.0, f64::max);
    let stage_line: Vec<[f64; 2]> = schedule
        .weeks
        .iter()
        .enumerate()
        .map(|(i, w)| [i as f64, f64::from(w.stage) / 6.0 * max_reps])
        .collect();
    let starts: Vec<chrono::NaiveDate> = schedule.weeks.iter().map(|w| w.start).collect();
    ui.label("Weekly reps (bars; light = deload) and stage (line, 1–6)");
    Plot::new("calf-chart")
        .height(120.0)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(super::charts::week_axis(starts))
        .show(ui, |p| {
            p.bar_chart(BarChart::new("reps a week", bars));
            p.line(
                Line::new("stage", stage_line)
                    .color(Color32::from_rgb(0x35, 0x64, 0xa8))
                    .width(2.0),
            );
        });
}

/// The schedule by week: stage, dose, days, what changes.
fn preview(ui: &mut Ui, changes: &[calf::WeekChange]) {
    ui.label(RichText::new("Preview").strong());
    egui::ScrollArea::vertical()
        .id_salt("calf-preview")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("calf-grid")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for h in ["Week", "Stage", "Dose", "Days", "Changes"] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for c in changes {
                        let w = &c.plan;
                        ui.label(w.start.format("%-d %b %Y").to_string());
                        ui.label(format!("S{}", w.stage));
                        ui.label(format!(
                            "{}×{}{}{}",
                            w.sets,
                            w.reps,
                            w.kg.map(|k| format!(" +{} kg", crate::model::fmt_km(k)))
                                .unwrap_or_default(),
                            if w.deload { " (deload)" } else { "" }
                        ));
                        let mut days: Vec<String> =
                            w.days.iter().map(|d| d.format("%a").to_string()).collect();
                        if let Some(t) = w.test {
                            days.push(format!("test {}", t.format("%a")));
                        }
                        ui.label(if days.is_empty() {
                            "–".to_string()
                        } else {
                            days.join(" ")
                        });
                        let mut what: Vec<String> = Vec::new();
                        what.extend(c.added.iter().map(|d| format!("+{}", d.format("%a"))));
                        what.extend(
                            c.moved
                                .iter()
                                .map(|(a, b)| format!("{} to {}", a.format("%a"), b.format("%a"))),
                        );
                        what.extend(c.changed.iter().map(|d| format!("~{}", d.format("%a"))));
                        what.extend(c.removed.iter().map(|d| format!("−{}", d.format("%a"))));
                        let mut text = if what.is_empty() {
                            "–".to_string()
                        } else {
                            what.join(" ")
                        };
                        if let Some(n) = &w.note {
                            text.push_str(&format!("  ({n})"));
                        }
                        ui.label(text);
                        ui.end_row();
                    }
                });
        });
}

/// The ladder's stages and the warm-up and stretching exercises.
fn ladder_help(ui: &mut Ui) {
    egui::CollapsingHeader::new("The ladder and the exercises").show(ui, |ui| {
        for s in calf::LADDER {
            ui.label(
                RichText::new(format!(
                    "Stage {}: {} — {} × {}–{}{}",
                    s.number,
                    s.name,
                    s.sets,
                    s.reps.0,
                    s.reps.1,
                    if s.per_leg { " per leg" } else { "" }
                ))
                .strong(),
            );
            ui.label(format!("{}. {}", s.tempo, s.instructions));
        }
        ui.separator();
        for e in calf::library()
            .iter()
            .filter(|e| e.kind != calf::ExerciseKind::Strength)
        {
            ui.label(RichText::new(format!("{} ({})", e.name, e.kind.name())).strong());
            ui.label(&e.summary);
        }
    });
}
