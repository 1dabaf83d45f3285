//! Templates in the window: "New plan from template" (pick a template, level, base
//! volume, start or race date; see the result's weeks and warnings before creating it)
//! and "Save as template" (the whole plan or one block, into the user's template folder).

use super::fields::choice;
use super::{UiState, ViewCtx, WindowUi};
use crate::analysis::{Severity, analyze};
use crate::model::{Level, Plan};
use crate::templates::{self, Anchor, Entry, Params, Template};
use chrono::NaiveDate;
use egui::{RichText, Ui};

/// State of the "New plan from template" window.
#[derive(Clone, Debug, PartialEq)]
pub struct NewFromTemplate {
    /// Whether it is open.
    pub open: bool,
    /// Index of the chosen template in the list (`ViewCtx::templates`).
    pub selected: usize,
    /// Level (default: the template's).
    pub level: Option<Level>,
    /// The athlete's current weekly km.
    pub base_km: f64,
    /// Anchor to the race date (else to the start date).
    pub to_race: bool,
    /// The start or race date.
    pub date: NaiveDate,
    /// Athlete name.
    pub athlete: String,
    /// The preview for the choices above: (template count and chosen id, choices without
    /// this cache),
    /// the plan, its peak week km and warnings at caution or above. Generating a plan
    /// (fitted to its headroom, with a calf program) takes most of a millisecond: made
    /// when a choice changes, not every frame.
    preview: Option<Box<PreviewCache>>,
}

/// See [`NewFromTemplate`]'s `preview`.
type PreviewCache = ((usize, String), NewFromTemplate, Plan, f64, usize);

impl NewFromTemplate {
    /// A closed window with defaults around `today`.
    pub fn new(today: NaiveDate) -> Self {
        NewFromTemplate {
            open: false,
            selected: 0,
            level: None,
            base_km: 20.0,
            to_race: false,
            date: today,
            athlete: "Runner".into(),
            preview: None,
        }
    }

    /// The generated plan for the current choices, its peak week and serious warnings.
    fn preview(&mut self, entries: &[Entry]) -> Option<(&Plan, f64, usize)> {
        let key = NewFromTemplate {
            preview: None,
            ..self.clone()
        };
        let list = (
            entries.len(),
            entries.get(self.selected).map(|e| e.id.clone())?,
        );
        let stale = !self
            .preview
            .as_ref()
            .is_some_and(|p| p.0 == list && p.1 == key);
        if stale {
            let plan = self.generate(entries)?;
            let report = analyze(&plan);
            let peak = report.weeks.iter().map(|w| w.run_km).fold(0.0, f64::max);
            let serious = report
                .warnings
                .iter()
                .filter(|w| w.severity >= Severity::Caution)
                .count();
            self.preview = Some(Box::new((list, key, plan, peak, serious)));
        }
        self.preview
            .as_deref()
            .map(|(_, _, p, peak, n)| (p, *peak, *n))
    }

    /// The plan the current choices make from `entries`.
    pub fn generate(&self, entries: &[Entry]) -> Option<Plan> {
        let e = entries.get(self.selected)?;
        let params = Params {
            anchor: if self.to_race {
                Anchor::Race(self.date)
            } else {
                Anchor::Start(self.date)
            },
            base_km: self.base_km,
            level: self.level.unwrap_or(e.template.level),
            athlete: self.athlete.clone(),
            name: None,
            calf: true,
        };
        Some(templates::generate(&e.template, &params))
    }
}

/// State of the "Save as template" window.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveTemplate {
    /// Whether it is open.
    pub open: bool,
    /// The template's name.
    pub name: String,
    /// `None`: the whole plan; `Some(i)`: block `i`.
    pub block: Option<usize>,
    /// The last result, shown under the button.
    pub message: String,
}

/// Shows "New plan from template"; returns the plan to open when the user creates it.
pub fn show_new(
    ctx: &egui::Context,
    v: &ViewCtx,
    win: &mut WindowUi,
    st: &mut UiState,
) -> Option<Plan> {
    if !win.new_template.open {
        return None;
    }
    let mut open = true;
    let mut created = None;
    super::tool::Tool::new("New plan from template", [260.0, 60.0], 560.0).show(
        ctx,
        &mut open,
        |ui| {
            created = new_body(ui, v.templates, win, st);
        },
    );
    win.new_template.open &= open && created.is_none();
    created
}

/// "New from template": the list, the level, base and date, the preview, create.
fn new_body(ui: &mut Ui, entries: &[Entry], win: &mut WindowUi, st: &mut UiState) -> Option<Plan> {
    let nt = &mut win.new_template;
    if entries.is_empty() {
        ui.label("Reading the templates…");
        return None;
    }
    ui.label("Plans and single blocks; volumes scale with the athlete's current weekly distance.");
    template_list(ui, entries, nt);
    let entry = entries.get(nt.selected)?.clone();
    ui.label(RichText::new(&entry.template.description).small());
    ui.separator();
    let levels = [
        None,
        Some(Level::Novice),
        Some(Level::Returning),
        Some(Level::Experienced),
    ];
    if let Some(l) = choice(
        ui,
        "template-level",
        "Level",
        nt.level,
        &levels,
        |l| match l {
            None => format!("As written ({})", entry.template.level.name()),
            Some(l) => l.name().to_string(),
        },
    ) {
        nt.level = l;
    }
    let (lo, hi) = entry.template.base_km;
    if let Some(km) = st.fields.number(
        ui,
        "template-base",
        "Base km",
        nt.base_km,
        0.0,
        500.0,
        true,
        "km",
    ) {
        win.new_template.base_km = km;
    }
    let nt = &mut win.new_template;
    if nt.base_km < lo || nt.base_km > hi {
        ui.label(
            RichText::new(format!(
                "This template is written for {lo:.0}–{hi:.0} km a week."
            ))
            .small(),
        );
    }
    if entry.template.race_km.is_some() {
        ui.horizontal(|ui| {
            ui.radio_value(&mut nt.to_race, false, "Start on");
            ui.radio_value(&mut nt.to_race, true, "Race on");
        });
    } else {
        nt.to_race = false;
    }
    let date_label = if win.new_template.to_race {
        "Race date"
    } else {
        "Start date"
    };
    if let Some(d) = st
        .fields
        .date(ui, "template-date", date_label, win.new_template.date)
    {
        win.new_template.date = d;
    }
    if let Some(n) = st.fields.text(
        ui,
        "template-athlete",
        "Athlete",
        &win.new_template.athlete.clone(),
        140.0,
        |t| Ok(t.to_string()),
    ) {
        win.new_template.athlete = n;
    }
    let day = win.new_template.date;
    let (plan, peak, serious) = win.new_template.preview(entries)?;
    let (lo_d, hi_d) = plan.date_range().unwrap_or((day, day));
    ui.label(format!(
        "{} weeks, {} to {}; peak {:.0} km a week; {} sessions with a calf program; {}.",
        entry.template.weeks(),
        lo_d.format("%-d %b %Y"),
        hi_d.format("%-d %b %Y"),
        peak,
        plan.sessions.len(),
        if serious == 0 {
            "no warnings above info".to_string()
        } else {
            format!("{serious} warnings to look at")
        }
    ));
    ui.button("Create plan").clicked().then(|| plan.clone())
}

/// The templates to choose from; picking one keeps the base within its range.
fn template_list(ui: &mut Ui, entries: &[Entry], nt: &mut NewFromTemplate) {
    egui::ScrollArea::vertical()
        .id_salt("template-list")
        .max_height(190.0)
        .show(ui, |ui| {
            for (i, e) in entries.iter().enumerate() {
                let t = &e.template;
                let label = format!(
                    "{}{} — {} weeks, base {:.0}–{:.0} km",
                    t.name,
                    if e.builtin { "" } else { " (yours)" },
                    t.weeks(),
                    t.base_km.0,
                    t.base_km.1
                );
                if ui
                    .selectable_label(nt.selected == i, label)
                    .on_hover_text(&t.description)
                    .clicked()
                {
                    nt.selected = i;
                    nt.base_km = nt.base_km.clamp(t.base_km.0, t.base_km.1);
                }
            }
        });
}

/// Shows "Save as template"; returns the template to save (with its name) when the
/// user asks: the app writes it into the user's template folder off the UI thread.
pub fn show_save(
    ctx: &egui::Context,
    v: &ViewCtx,
    win: &mut WindowUi,
    st: &mut UiState,
) -> Option<(Template, String)> {
    if !win.save_template.open {
        return None;
    }
    let mut open = true;
    let mut save = None;
    super::tool::Tool::new("Save as template", [260.0, 60.0], 420.0).show(ctx, &mut open, |ui| {
        let plan = v.doc.plan();
        let sv = &mut win.save_template;
        if let Some(n) = st.fields.text(
            ui,
            "save-template-name",
            "Name",
            &sv.name.clone(),
            200.0,
            |t| {
                if t.trim().is_empty() {
                    Err("give the template a name".to_string())
                } else {
                    Ok(t.to_string())
                }
            },
        ) {
            sv.name = n;
        }
        let scopes: Vec<Option<usize>> = std::iter::once(None)
            .chain((0..plan.blocks.len()).map(Some))
            .collect();
        if let Some(b) = choice(
            ui,
            "save-template-scope",
            "From",
            sv.block,
            &scopes,
            |b| match b {
                None => "The whole plan".to_string(),
                Some(i) => format!("Block: {}", plan.blocks[i].name),
            },
        ) {
            sv.block = b;
        }
        let name = sv.name.trim().to_string();
        if ui
            .add_enabled(!name.is_empty(), egui::Button::new("Save template"))
            .clicked()
        {
            match templates::from_plan(plan, sv.block, &name) {
                Some(t) => {
                    sv.message = "Saving…".into();
                    save = Some((t, name));
                }
                None => {
                    sv.message =
                        "Nothing to save: the plan (or block) has no running weeks yet.".into()
                }
            }
        }
        if !sv.message.is_empty() {
            ui.label(RichText::new(&sv.message).small());
        }
    });
    win.save_template.open &= open;
    save
}
