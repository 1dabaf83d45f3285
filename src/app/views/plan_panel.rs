//! The left panel: the plan's name and race, the athlete, and the blocks — all editable.

use super::fields::{choice, fmt_number};
use super::{UiState, ViewCtx};
use crate::document::Command;
use crate::model::limits;
use crate::model::{Baseline, Block, Level, Pace, Phase, Race, week_start};
use chrono::Duration;
use egui::{RichText, Ui};

/// Hover text of a block's "Earlier" button.
const EARLIER_HELP: &str =
    "Move this block and everything after it one week earlier (the week before must be empty)";
/// Hover text of a block's "Later" button.
const LATER_HELP: &str = "Move this block and everything after it one week later";

/// Shows the panel.
pub fn show(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .id_salt("plan-panel")
        .show(ui, |ui| {
            plan_section(ui, v, st, out);
            ui.separator();
            athlete_section(ui, v, st, out);
            baseline_section(ui, v, st, out);
            calf_tests_section(ui, v, st, out);
            ui.separator();
            blocks_section(ui, v, st, out);
        });
}

/// The plan's name and goal race.
fn plan_section(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let plan = v.doc.plan();
    let g = st.fields.gesture;
    ui.heading("Plan");
    if let Some(n) = st
        .fields
        .text(ui, "plan-name", "Plan name", &plan.name, 130.0, |t| {
            Ok(t.to_string())
        })
    {
        out.push(Command::SetName(n, Some(("plan-name", g))));
    }
    let mut has_race = plan.race.is_some();
    if ui.checkbox(&mut has_race, "Goal race").changed() {
        let race = has_race.then(|| Race {
            name: "Race".into(),
            date: plan.date_range().map(|(_, hi)| hi).unwrap_or(v.today),
            km: 10.0,
        });
        out.push(Command::SetRace(race, None));
    }
    if let Some(r) = &plan.race {
        let set = |r: Race| Command::SetRace(Some(r), Some(("race", g)));
        if let Some(n) = st
            .fields
            .text(ui, "race-name", "Race name", &r.name, 130.0, |t| {
                Ok(t.to_string())
            })
        {
            out.push(set(Race {
                name: n,
                ..r.clone()
            }));
        }
        if let Some(d) = st.fields.date(ui, "race-date", "Race day", r.date) {
            out.push(set(Race {
                date: d,
                ..r.clone()
            }));
        }
        if let Some(km) = st
            .fields
            .number(ui, "race-km", "Race km", r.km, 0.0, 500.0, true, "km")
        {
            out.push(set(Race { km, ..r.clone() }));
        }
    }
}

/// The athlete: name, level, body mass, easy pace, minimalist shoes.
fn athlete_section(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let plan = v.doc.plan();
    let g = st.fields.gesture;
    ui.heading("Athlete");
    let a = &plan.athlete;
    let set = |a| Command::SetAthlete(a, Some(("athlete", g)));
    if let Some(n) = st
        .fields
        .text(ui, "athlete-name", "Athlete", &a.name, 130.0, |t| {
            Ok(t.to_string())
        })
    {
        out.push(set(crate::model::Athlete {
            name: n,
            ..a.clone()
        }));
    }
    if let Some(l) = choice(ui, "level", "Level", a.level, &Level::ALL, |l| {
        l.name().to_string()
    }) {
        out.push(Command::SetAthlete(
            crate::model::Athlete {
                level: l,
                ..a.clone()
            },
            None,
        ));
    }
    let mass = a.body_mass_kg.map(fmt_number).unwrap_or_default();
    if let Some(m) = st.fields.text(ui, "mass", "Body mass", &mass, 60.0, |t| {
        if t.is_empty() {
            return Ok(None);
        }
        let m: f64 = t
            .replace(',', ".")
            .parse()
            .map_err(|_| format!("\"{t}\" is not a number"))?;
        let range = limits::BODY_MASS_KG;
        if !range.contains(&m) {
            return Err(format!(
                "{m} kg refused: must be {}–{} kg (or empty)",
                range.start(),
                range.end()
            ));
        }
        Ok(Some(m))
    }) {
        out.push(set(crate::model::Athlete {
            body_mass_kg: m,
            ..a.clone()
        }));
    }
    if let Some(p) = st.fields.text(
        ui,
        "pace",
        "Easy pace",
        &a.easy_pace.to_string(),
        60.0,
        Pace::parse,
    ) {
        out.push(set(crate::model::Athlete {
            easy_pace: p,
            ..a.clone()
        }));
    }
    let mut adapted = a.minimalist_adapted;
    if ui
        .checkbox(&mut adapted, "Long adapted to minimalist shoes")
        .on_hover_text(
            "Months of running in minimalist shoes without trouble: running in them is not a transition (barefoot still is).",
        )
        .changed()
    {
        out.push(Command::SetAthlete(
            crate::model::Athlete {
                minimalist_adapted: adapted,
                ..a.clone()
            },
            None,
        ));
    }
}

/// What the athlete runs now, before the plan.
fn baseline_section(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let plan = v.doc.plan();
    let g = st.fields.gesture;
    let a = &plan.athlete;
    let set = |a| Command::SetAthlete(a, Some(("athlete", g)));
    let mut has_base = a.baseline.is_some();
    if ui
        .checkbox(&mut has_base, "Current running (baseline)")
        .on_hover_text("What the athlete runs now; it stands in for the weeks before the plan.")
        .changed()
    {
        let baseline = has_base.then_some(Baseline {
            weekly_km: 20.0,
            long_run_km: 8.0,
            last_run: None,
        });
        out.push(Command::SetAthlete(
            crate::model::Athlete {
                baseline,
                ..a.clone()
            },
            None,
        ));
    }
    if let Some(b) = &a.baseline {
        if let Some(x) = st.fields.number(
            ui,
            "base-week",
            "Weekly km",
            b.weekly_km,
            0.0,
            500.0,
            false,
            "km",
        ) {
            out.push(set(crate::model::Athlete {
                baseline: Some(Baseline {
                    weekly_km: x,
                    ..b.clone()
                }),
                ..a.clone()
            }));
        }
        if let Some(x) = st.fields.number(
            ui,
            "base-long",
            "Longest run",
            b.long_run_km,
            0.0,
            200.0,
            false,
            "km",
        ) {
            out.push(set(crate::model::Athlete {
                baseline: Some(Baseline {
                    long_run_km: x,
                    ..b.clone()
                }),
                ..a.clone()
            }));
        }
        let current = b.last_run.map(|d| d.to_string()).unwrap_or_default();
        if let Some(x) = st
            .fields
            .text(ui, "base-last", "Last run", &current, 90.0, |t| {
                if t.is_empty() {
                    Ok(None)
                } else {
                    super::fields::parse_date(t).map(Some)
                }
            })
        {
            out.push(set(crate::model::Athlete {
                baseline: Some(Baseline {
                    last_run: x,
                    ..b.clone()
                }),
                ..a.clone()
            }));
        }
        ui.label(
            RichText::new(
                "Last run: leave empty if running now; after a layoff, the day they last ran.",
            )
            .small()
            .weak(),
        );
    }
}

/// The calf-raise tests, editable, and a form for a new one.
fn calf_tests_section(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let plan = v.doc.plan();
    let g = st.fields.gesture;
    let a = &plan.athlete;
    let set = |a| Command::SetAthlete(a, Some(("athlete", g)));
    ui.label(RichText::new("Calf-raise tests (single-leg reps)").strong());
    let mut tests = a.calf_raise_tests.clone();
    let mut changed = false;
    let mut remove = None;
    for (i, t) in a.calf_raise_tests.iter().enumerate() {
        ui.push_id(("test", i), |ui| {
            if let Some(d) = st.fields.date(ui, "test-date", "Test date", t.date) {
                tests[i].date = d;
                changed = true;
            }
            ui.horizontal(|ui| {
                ui.vertical(|ui| {
                    if let Some(x) =
                        st.fields
                            .whole(ui, ("left", "Left"), t.left, limits::TEST_REPS, "reps")
                    {
                        tests[i].left = x;
                        changed = true;
                    }
                    if let Some(x) =
                        st.fields
                            .whole(ui, ("right", "Right"), t.right, limits::TEST_REPS, "reps")
                    {
                        tests[i].right = x;
                        changed = true;
                    }
                    let pain = t.pain.map(|p| p.to_string()).unwrap_or_default();
                    if let Some(x) =
                        st.fields
                            .text(ui, "test-pain", "Pain", &pain, 60.0, |t| match t.trim() {
                                "" => Ok(None),
                                t => match t.parse::<u8>() {
                                    Ok(p) if p <= 10 => Ok(Some(p)),
                                    _ => Err(format!(
                                        "pain \"{t}\" refused: a whole number 0–10, or empty"
                                    )),
                                },
                            })
                    {
                        tests[i].pain = x;
                        changed = true;
                    }
                });
                if ui.button("🗑").on_hover_text("Remove this test").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        tests.remove(i);
        out.push(Command::SetAthlete(
            crate::model::Athlete {
                calf_raise_tests: tests,
                ..a.clone()
            },
            None,
        ));
    } else if changed {
        out.push(set(crate::model::Athlete {
            calf_raise_tests: tests,
            ..a.clone()
        }));
    }
    if ui
        .button("Schedule calf work…")
        .on_hover_text("Schedule eccentric calf work on non-running days")
        .clicked()
    {
        st.calf.open = true;
    }
    match st.new_calf_test.as_mut() {
        None => {
            if ui
                .button("➕ Add calf-raise test")
                .on_hover_text("Record a test you have done: both legs' reps and any pain")
                .clicked()
            {
                st.new_calf_test = Some(super::CalfTestEntry::for_date(v.today, None));
            }
        }
        Some(entry) => {
            ui.label(RichText::new("New calf-raise test").strong());
            match super::calf_test_form::show(ui, entry, true) {
                super::calf_test_form::Outcome::Record(t) => {
                    out.push(Command::RecordCalfTest(t));
                    st.new_calf_test = None;
                }
                super::calf_test_form::Outcome::Cancel => st.new_calf_test = None,
                super::calf_test_form::Outcome::None => {}
            }
        }
    }
}

/// The blocks, editable, with adding one and chaining a block template.
fn blocks_section(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    let plan = v.doc.plan();
    let g = st.fields.gesture;
    ui.heading("Blocks");
    let n_blocks = plan.blocks.len();
    let mut blocks = plan.blocks.clone();
    let mut changed = false;
    let mut remove = None;
    for (i, b) in plan.blocks.iter().enumerate() {
        // Long plans: blocks start collapsed (and cost nothing to lay out).
        let header = format!(
            "{} · {} – {}",
            b.name,
            b.start.format("%-d %b"),
            b.last_day().format("%-d %b %Y")
        );
        egui::CollapsingHeader::new(header)
            .id_salt(("block", i))
            .default_open(n_blocks <= 6)
            .show(ui, |ui| {
                if let Some(n) =
                    st.fields
                        .text(ui, "block-name", "Block name", &b.name, 110.0, |t| {
                            Ok(t.to_string())
                        })
                {
                    blocks[i].name = n;
                    changed = true;
                }
                if let Some(d) = st.fields.date(ui, "block-start", "Block start", b.start) {
                    blocks[i].start = d;
                    changed = true;
                }
                if let Some(w) = st.fields.whole(
                    ui,
                    ("block-weeks", "Weeks"),
                    b.weeks,
                    limits::BLOCK_WEEKS,
                    "weeks",
                ) {
                    blocks[i].weeks = w;
                    changed = true;
                }
                ui.horizontal(|ui| {
                    if let Some(p) = choice(ui, "phase", "Phase", b.phase, &Phase::ALL, |p| {
                        p.name().to_string()
                    }) {
                        blocks[i].phase = p;
                        changed = true;
                    }
                    if ui
                        .button("🗑")
                        .on_hover_text("Remove this block (its sessions stay)")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
                block_tools(ui, v, st, out, i);
                ui.add_space(4.0);
            });
    }
    if let Some(i) = remove {
        blocks.remove(i);
        out.push(Command::SetBlocks(blocks, None));
    } else if changed {
        out.push(Command::SetBlocks(blocks, Some(("blocks", g))));
    }
    if ui.button("➕ Add block").clicked() {
        let start = plan
            .blocks
            .iter()
            .map(|b| b.last_day() + Duration::days(1))
            .max()
            .or_else(|| plan.date_range().map(|(lo, _)| week_start(lo)))
            .unwrap_or_else(|| week_start(v.today));
        let mut blocks = plan.blocks.clone();
        blocks.push(Block {
            name: "New block".into(),
            start,
            weeks: 4,
            phase: Phase::Base,
        });
        out.push(Command::SetBlocks(blocks, None));
    }
    ui.menu_button("Chain a block template", |ui| {
        if v.templates.is_empty() {
            ui.label("Reading the templates…");
        }
        for e in v.templates.iter().filter(|e| e.template.race_km.is_none()) {
            if ui
                .button(&e.template.name)
                .on_hover_text(&e.template.description)
                .clicked()
            {
                let (blocks, sessions) = crate::templates::chain(plan, &e.template, v.today);
                out.push(Command::AddBlocks(blocks, sessions));
            }
        }
    });
}

/// Scale a block's volume (live, as one undo step per drag), shift it by whole weeks,
/// add a recovery week.
fn block_tools(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>, i: usize) {
    let plan = v.doc.plan();
    let b = &plan.blocks[i];
    // The block's plan vs done so far (sessions done or skipped).
    let done = crate::analysis::adherence::between(plan, b.start, b.last_day());
    if done.sessions > 0 {
        let text = format!("Block so far. {}", super::calendar::done_text(&done));
        match done.band() {
            Some(band) => ui.label(
                egui::RichText::new(text)
                    .small()
                    .color(crate::app::style::band_text_color(band, ui.visuals())),
            ),
            None => ui.label(egui::RichText::new(text).small()),
        };
    }
    ui.horizontal(|ui| {
        let mut pct = match &st.block_scale {
            Some((bi, _, p)) if *bi == i => *p,
            _ => 100.0,
        };
        ui.label("Volume");
        let resp = ui
            .add(
                egui::Slider::new(&mut pct, 50.0..=150.0)
                    .integer()
                    .suffix(" %"),
            )
            .accessible_name(format!("Scale {} volume", b.name));
        if resp.changed() {
            if st.block_scale.as_ref().is_none_or(|(bi, _, _)| *bi != i) {
                st.fields.gesture += 1;
                st.block_scale = Some((i, plan.sessions.clone(), 100.0));
            }
            if let Some((_, original, p)) = st.block_scale.as_mut() {
                *p = pct;
                let (from, to) = (b.start, b.last_day());
                let scaled = original
                    .iter()
                    .cloned()
                    .map(|mut s| {
                        if s.date >= from && s.date <= to && !s.generated {
                            s.scale(pct / 100.0, crate::model::Rounding::Nearest);
                        }
                        s
                    })
                    .collect();
                out.push(Command::ReplaceSessions(
                    scaled,
                    "scale block",
                    Some(("scale-block", st.fields.gesture)),
                ));
            }
        }
        if (resp.drag_stopped()
            || resp.lost_focus()
            || !(resp.dragged() || resp.has_focus() || resp.changed()))
            && st.block_scale.as_ref().is_some_and(|(bi, _, _)| *bi == i)
        {
            st.block_scale = None;
        }
    });
    ui.horizontal_wrapped(|ui| {
        let before = week_start(b.start) - Duration::days(7);
        let free_before = !plan.sessions.iter().any(|s| week_start(s.date) == before)
            && !plan
                .blocks
                .iter()
                .any(|o| o.start <= before && o.last_day() >= before);
        if ui
            .add_enabled(free_before, egui::Button::new("◀ Earlier"))
            .on_hover_text(EARLIER_HELP)
            .clicked()
        {
            out.push(Command::RemoveWeek(before));
        }
        if ui.button("Later ▶").on_hover_text(LATER_HELP).clicked() {
            out.push(Command::InsertWeek(week_start(b.start)));
        }
        if ui
            .button("+ Recovery week")
            .on_hover_text("Add a week at the end of this block at 70 % of its last week")
            .clicked()
        {
            out.push(Command::InsertRecoveryWeek(i));
        }
    });
}
