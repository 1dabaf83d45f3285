//! The inspector: edit the selected session; below it, the warnings about it and its week.

use super::fields::choice;
use super::{UiState, ViewCtx, warnings};
use crate::analysis::headroom::{better_days, size_text};
use crate::app::actions::{self, Action};
use crate::document::Command;
use crate::model::limits;
use crate::model::{
    Activity, CALF_STAGES, CrossKind, Footwear, RunKind, Session, Status, Surface, week_start,
};
use egui::{RichText, Ui};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Type {
    Run,
    Cross,
    Calf,
    CalfTest,
    Rest,
}

fn type_of(a: &Activity) -> Type {
    match a {
        Activity::Run { .. } => Type::Run,
        Activity::Cross { .. } => Type::Cross,
        Activity::Calf { .. } => Type::Calf,
        Activity::CalfTest => Type::CalfTest,
        Activity::Rest => Type::Rest,
    }
}

/// Converts an activity to another type, keeping what carries over (duration, effort).
fn convert(a: &Activity, to: Type, minutes: f64) -> Activity {
    let rpe = match a {
        Activity::Run { rpe, .. } | Activity::Cross { rpe, .. } => *rpe,
        _ => 3,
    };
    let minutes = (minutes.round() as u32).max(10);
    match to {
        Type::Run => Activity::Run {
            kind: RunKind::Easy,
            km: Some(((f64::from(minutes) / 6.0) * 2.0).round() / 2.0),
            minutes: Some(minutes),
            rpe,
            surface: Surface::Road,
            footwear: Footwear::Shoes,
        },
        Type::Cross => Activity::Cross {
            kind: CrossKind::Cycling,
            minutes,
            rpe,
            calf_work: false,
        },
        Type::Calf => Activity::Calf {
            stage: 1,
            sets: 3,
            reps: 15,
            kg: None,
        },
        Type::CalfTest => Activity::CalfTest,
        Type::Rest => Activity::Rest,
    }
}

/// Shows the inspector.
pub fn show(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    if let Some(i) = st.selected_symptom {
        egui::ScrollArea::vertical()
            .id_salt("symptom-inspector")
            .show(ui, |ui| super::symptoms::inspector(ui, v, st, i, out));
        return;
    }
    ui.heading("Session");
    let plan = v.doc.plan();
    let Some(index) = st.selection.filter(|&i| i < plan.sessions.len()) else {
        nothing_selected(ui, v, st, out);
        return;
    };
    let s = &plan.sessions[index];
    let sl = &v.doc.report().sessions[index];
    let g = st.fields.gesture;
    let edit = |out: &mut Vec<Command>, key: &'static str, session: Session| {
        out.push(Command::UpdateSession {
            index,
            session,
            merge: Some((key, g)),
        });
    };
    if st.focus_inspector {
        // Enter in the calendar: focus the first field.
        st.focus_inspector = false;
        ui.memory_mut(|m| m.request_focus(ui.scope_id().with("date")));
    }
    if let Some(d) = st.fields.date(ui, "date", "Date", s.date) {
        edit(
            out,
            "date",
            Session {
                date: d,
                ..s.clone()
            },
        );
    }
    if let Some(nt) = type_choice(ui, type_of(&s.activity)) {
        edit(
            out,
            "type",
            Session {
                activity: convert(&s.activity, nt, sl.minutes),
                ..s.clone()
            },
        );
    }
    // The fields edit a working copy of the activity; a change becomes one command.
    let mut a = s.activity.clone();
    let changed = match &mut a {
        Activity::Run { .. } => run_fields(ui, st, &mut a, sl.minutes),
        Activity::Cross { .. } => cross_fields(ui, st, &mut a),
        Activity::Calf { .. } => calf_fields(ui, st, &mut a),
        Activity::CalfTest => {
            calf_test_result(ui, v, st, s, out);
            None
        }
        Activity::Rest => None,
    };
    if let Some(key) = changed {
        edit(
            out,
            key,
            Session {
                activity: a,
                ..s.clone()
            },
        );
    }
    session_footer(ui, v, st, index, out);
}

/// No session selected: the selected day's actions (add a session, log how the calves
/// feel) and its week's warnings.
fn nothing_selected(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, out: &mut Vec<Command>) {
    match st.selected_day {
        Some(day) => {
            ui.label(format!(
                "{} — no session selected.",
                day.format("%a %-d %b %Y")
            ));
            if ui.button(format!("➕ Add session on {day}")).clicked() {
                out.push(Command::AddSession(super::calendar::default_session(day)));
            }
            if ui.button("How do my calves feel?").clicked() {
                st.symptom_form = Some(super::symptoms::SymptomForm::new(day));
            }
        }
        None => {
            ui.label("Select a session in the calendar, or double-click a day to add one.");
            if ui.button("How do my calves feel?").clicked() {
                st.symptom_form = Some(super::symptoms::SymptomForm::new(v.today));
            }
        }
    }
    if let Some(day) = st.selected_day {
        ui.separator();
        warnings::list_for(ui, v, st, |w| w.week == week_start(day), "This week");
    }
}

/// The session type picker.
fn type_choice(ui: &mut Ui, t: Type) -> Option<Type> {
    choice(
        ui,
        "type",
        "Type",
        t,
        &[
            Type::Run,
            Type::Cross,
            Type::Calf,
            Type::CalfTest,
            Type::Rest,
        ],
        |t| {
            match t {
                Type::Run => "Run",
                Type::Cross => "Cross-training",
                Type::Calf => "Calf program",
                Type::CalfTest => "Calf-raise test",
                Type::Rest => "Rest",
            }
            .to_string()
        },
    )
}

/// A run's fields; returns the one changed. `estimated` is the minutes the analysis
/// gives a run without them.
fn run_fields(
    ui: &mut Ui,
    st: &mut UiState,
    a: &mut Activity,
    estimated: f64,
) -> Option<&'static str> {
    let Activity::Run {
        kind,
        km,
        minutes,
        rpe,
        surface,
        footwear,
    } = a
    else {
        return None;
    };
    let mut changed = None;
    if let Some(k) = choice(ui, "kind", "Kind", *kind, &RunKind::ALL, |k| {
        k.name().to_string()
    }) {
        (*kind, changed) = (k, Some("kind"));
    }
    // Either may be empty, not both: a time-only run gives minutes, a run with a
    // distance may leave its minutes to the easy pace.
    let current = km.map(super::fields::fmt_number).unwrap_or_default();
    let has_minutes = minutes.is_some();
    if let Some(x) = st
        .fields
        .text(ui, "km", "Distance", &current, 60.0, |t| {
            if t.is_empty() {
                return if has_minutes {
                    Ok(None)
                } else {
                    Err("give a distance or minutes (empty distance = a time-only run)"
                        .into())
                };
            }
            let v: f64 = t
                .replace(',', ".")
                .parse()
                .map_err(|_| format!("\"{t}\" is not a number"))?;
            if !v.is_finite() || v <= 0.0 || v > limits::MAX_KM {
                return Err(format!(
                    "{} km refused: must be more than 0 and at most {} km (or empty for a time-only run)",
                    super::fields::fmt_number(v),
                    limits::MAX_KM
                ));
            }
            Ok(Some(v))
        })
    {
        // The pace stays as it was: the minutes follow the distance.
        *minutes = crate::model::minutes_keeping_pace(*minutes, *km, x);
        (*km, changed) = (x, Some("km"));
    }
    let current = minutes.map(|m| m.to_string()).unwrap_or_default();
    let has_km = km.is_some();
    if let Some(m) = st
        .fields
        .text(ui, "minutes", "Minutes", &current, 60.0, |t| {
            if t.is_empty() {
                return if has_km {
                    Ok(None)
                } else {
                    Err("a time-only run needs its minutes".into())
                };
            }
            let m: i64 = t
                .parse()
                .map_err(|_| format!("\"{t}\" is not a whole number"))?;
            let range = limits::MINUTES;
            match u32::try_from(m).ok().filter(|m| range.contains(m)) {
                Some(m) => Ok(Some(m)),
                None => Err(format!(
                    "{m} min refused: must be {}–{} min (or empty to estimate)",
                    range.start(),
                    range.end()
                )),
            }
        })
    {
        (*minutes, changed) = (m, Some("minutes"));
    }
    if km.is_none() {
        ui.label(
            RichText::new("Time-only run: distance rules compare its minutes")
                .small()
                .weak(),
        );
    } else if minutes.is_none() {
        ui.label(
            RichText::new(format!(
                "≈ {:.0} min, estimated from your easy pace",
                estimated
            ))
            .small()
            .weak(),
        );
    }
    if let Some(r) = rpe_slider(ui, st, *rpe) {
        (*rpe, changed) = (r, Some("rpe"));
    }
    if let Some(x) = choice(ui, "surface", "Surface", *surface, &Surface::ALL, |s| {
        s.name().to_string()
    }) {
        (*surface, changed) = (x, Some("surface"));
    }
    if let Some(x) = choice(ui, "footwear", "Footwear", *footwear, &Footwear::ALL, |s| {
        s.name().to_string()
    }) {
        (*footwear, changed) = (x, Some("footwear"));
    }
    changed
}

/// Cross-training's fields; returns the one changed.
fn cross_fields(ui: &mut Ui, st: &mut UiState, a: &mut Activity) -> Option<&'static str> {
    let Activity::Cross {
        kind,
        minutes,
        rpe,
        calf_work,
    } = a
    else {
        return None;
    };
    let mut changed = None;
    if let Some(k) = choice(ui, "kind", "Kind", *kind, &CrossKind::ALL, |k| {
        k.name().to_string()
    }) {
        (*kind, changed) = (k, Some("kind"));
    }
    if let Some(m) = st
        .fields
        .whole(ui, ("minutes", "Minutes"), *minutes, limits::MINUTES, "min")
    {
        (*minutes, changed) = (m, Some("minutes"));
    }
    if let Some(r) = rpe_slider(ui, st, *rpe) {
        (*rpe, changed) = (r, Some("rpe"));
    }
    if *kind == CrossKind::Strength
        && ui
            .checkbox(calf_work, "Includes calf work (raises, jumps)")
            .changed()
    {
        changed = Some("calf_work");
    }
    changed
}

/// A calf session's fields; returns the one changed.
fn calf_fields(ui: &mut Ui, st: &mut UiState, a: &mut Activity) -> Option<&'static str> {
    let Activity::Calf {
        stage,
        sets,
        reps,
        kg,
    } = a
    else {
        return None;
    };
    let mut changed = None;
    if let Some(x) = st
        .fields
        .whole(ui, ("stage", "Stage"), *stage, CALF_STAGES, "")
    {
        (*stage, changed) = (x, Some("stage"));
    }
    if let Some(x) = st
        .fields
        .whole(ui, ("sets", "Sets"), *sets, limits::CALF_SETS, "")
    {
        (*sets, changed) = (x, Some("sets"));
    }
    if let Some(x) = st
        .fields
        .whole(ui, ("reps", "Reps"), *reps, limits::CALF_REPS, "")
    {
        (*reps, changed) = (x, Some("reps"));
    }
    if *stage == 6 || kg.is_some() {
        let current = kg.map(super::fields::fmt_number).unwrap_or_default();
        if let Some(x) = st.fields.text(ui, "kg", "Added kg", &current, 60.0, |t| {
            if t.is_empty() {
                return Ok(None);
            }
            let v: f64 = t
                .replace(',', ".")
                .parse()
                .map_err(|_| format!("\"{t}\" is not a number"))?;
            if !(0.0..=200.0).contains(&v) {
                return Err(format!("{v} kg refused: must be 0–200 kg"));
            }
            Ok(Some(v))
        }) {
            (*kg, changed) = (x, Some("kg"));
        }
    }
    changed
}

/// Below the activity's fields: status, what was done, the note, load, where the session
/// came from, duplicate and delete, the run's headroom, and the warnings.
fn session_footer(
    ui: &mut Ui,
    v: &ViewCtx,
    st: &mut UiState,
    index: usize,
    out: &mut Vec<Command>,
) {
    let s = &v.doc.plan().sessions[index];
    let sl = &v.doc.report().sessions[index];
    let g = st.fields.gesture;
    let edit = |out: &mut Vec<Command>, key: &'static str, session: Session| {
        out.push(Command::UpdateSession {
            index,
            session,
            merge: Some((key, g)),
        });
    };
    if let Some(x) = choice(
        ui,
        "status",
        "Status",
        s.status,
        &[Status::Planned, Status::Done, Status::Skipped],
        |s| s.name().to_string(),
    ) {
        edit(
            out,
            "status",
            Session {
                status: x,
                ..s.clone()
            },
        );
    }
    actual_section(ui, v, s, &mut |session| {
        out.push(Command::UpdateSession {
            index,
            session,
            merge: None,
        })
    });
    // A long note (a return session's walk/run steps) is read in full, not in the
    // one-line field.
    if s.note.chars().count() > 40 {
        ui.add(egui::Label::new(RichText::new(&s.note).small()).wrap());
    }
    if let Some(n) = st
        .fields
        .text(ui, "note", "Note", &s.note, 170.0, |t| Ok(t.to_string()))
    {
        edit(
            out,
            "note",
            Session {
                note: n,
                ..s.clone()
            },
        );
    }
    if s.counts() {
        ui.label(
            RichText::new(format!(
                "load {:.0} · calf load {:.0} (calf factors are estimates)",
                sl.load, sl.calf_load
            ))
            .small()
            .weak(),
        );
    }
    exercise_notes(ui, s);
    if s.generated {
        ui.label(
            RichText::new("Made by the calf program; editing it makes it yours.")
                .small()
                .weak(),
        );
    }
    ui.horizontal(|ui| {
        if ui
            .button("Duplicate")
            .on_hover_text(actions::with_key(
                ui.ctx(),
                Action::Duplicate,
                "Copy to the next day",
            ))
            .clicked()
        {
            out.push(Command::InsertSessions(vec![Session {
                date: s.date + chrono::Duration::days(1),
                generated: false,
                ..s.clone()
            }]));
        }
        if ui
            .button("🗑 Delete")
            .on_hover_text(actions::with_key(
                ui.ctx(),
                Action::Delete,
                "Delete the session",
            ))
            .clicked()
        {
            out.push(Command::DeleteSessions(vec![index]));
        }
    });
    run_headroom(ui, v, index, out);
    move_hint(ui, v, st, index, out);
    ui.separator();
    let week = week_start(s.date);
    warnings::list_for(
        ui,
        v,
        st,
        |w| w.sessions.contains(&index) || w.week == week,
        "This session and its week",
    );
}

/// A calf-raise test session: record its result (reps to fatigue on each leg) as the
/// athlete's test of that day. Both legs are typed, then recorded together.
fn calf_test_result(
    ui: &mut Ui,
    v: &ViewCtx,
    st: &mut UiState,
    s: &Session,
    out: &mut Vec<Command>,
) {
    ui.label(RichText::new(crate::calf::TEST_INSTRUCTIONS).small());
    let plan = v.doc.plan();
    let recorded = plan
        .athlete
        .calf_raise_tests
        .iter()
        .find(|t| t.date == s.date)
        .cloned();
    let entry = st.calf_test_entry.get_or_insert_with(Default::default);
    if entry.date != Some(s.date) {
        *entry = super::CalfTestEntry::for_date(s.date, recorded.as_ref());
    }
    if let super::calf_test_form::Outcome::Record(t) = super::calf_test_form::show(ui, entry, false)
    {
        out.push(Command::RecordCalfTest(t));
    }
    match &recorded {
        Some(t) => {
            ui.label(
                RichText::new(format!(
                    "Recorded: left {} · right {} (weaker leg {}){}.",
                    t.left,
                    t.right,
                    t.left.min(t.right),
                    t.pain
                        .map(|p| format!(", pain {p}/10 during the test"))
                        .unwrap_or_default()
                ))
                .small(),
            );
        }
        None => {
            ui.label(
                RichText::new("Type both legs' reps, then Record test.")
                    .small()
                    .weak(),
            );
        }
    }
}

/// What was actually run (imported from a file), against the plan, with a way to take
/// the imported numbers off again (the session goes back to planned).
fn actual_section(ui: &mut Ui, v: &ViewCtx, s: &Session, edit: &mut dyn FnMut(Session)) {
    let Some(a) = &s.actual else {
        return;
    };
    ui.separator();
    let km = a.km.map(|k| format!("{k:.2} km in ")).unwrap_or_default();
    let rpe = a
        .rpe
        .map(|r| format!(", effort {r}/10"))
        .unwrap_or_default();
    let start = a
        .start
        .map(|t| format!(", started {}", t.format("%-d %b %H:%M")))
        .unwrap_or_default();
    let what = if a.unplanned {
        "Unplanned, done"
    } else {
        "Done"
    };
    ui.label(format!("{what}: {km}{} min{rpe}{start}", a.minutes));
    ui.label(RichText::new(format!("From {}", a.source)).small().weak());
    if !a.unplanned
        && let Some(t) = crate::analysis::adherence::session(s, v.doc.plan().athlete.easy_pace)
    {
        let text = super::calendar::done_text(&t);
        match t.band() {
            Some(b) => ui.label(
                RichText::new(text).color(crate::app::style::band_text_color(b, ui.visuals())),
            ),
            None => ui.label(text),
        };
    }
    if !a.unplanned
        && ui
            .button("Remove the imported numbers")
            .on_hover_text("The session goes back to planned; the file can be imported again.")
            .clicked()
    {
        edit(Session {
            actual: None,
            status: Status::Planned,
            ..s.clone()
        });
    }
}

fn rpe_slider(ui: &mut Ui, st: &mut UiState, rpe: u8) -> Option<u8> {
    let mut out = None;
    ui.horizontal(|ui| {
        let l = ui.add_sized([72.0, 18.0], egui::Label::new("Effort (RPE)").truncate());
        let mut v = rpe;
        let resp = ui
            .add(egui::Slider::new(&mut v, limits::RPE))
            .labelled_by(l.id);
        if resp.drag_started() || resp.gained_focus() {
            st.fields.gesture += 1;
        }
        if v != rpe {
            out = Some(v);
        }
    });
    out
}

/// What to do: the calf stage's exercise, or a run's warm-up and stretches (from the
/// exercise library in `assets/exercises.ron`). Hydration for long runs is the
/// `hydration` rule's note, listed with the warnings below.
fn exercise_notes(ui: &mut Ui, s: &Session) {
    let show = |ui: &mut Ui, id: &str| {
        if let Some(e) = crate::calf::exercise(id) {
            ui.label(RichText::new(&e.name).strong());
            for step in &e.steps {
                ui.label(format!("• {step}"));
            }
        }
    };
    match &s.activity {
        Activity::Calf { stage, .. } => {
            let st = crate::calf::stage(*stage);
            egui::CollapsingHeader::new(format!("How: stage {} – {}", st.number, st.name))
                .id_salt("how-calf")
                .show(ui, |ui| {
                    ui.label(format!("{} · {}", st.tempo, st.instructions));
                    show(ui, st.exercise);
                });
        }
        Activity::Run { .. } => {
            egui::CollapsingHeader::new("Warm-up and stretches")
                .id_salt("how-run")
                .show(ui, |ui| {
                    for id in crate::calf::WARM_UP {
                        show(ui, id);
                    }
                    ui.separator();
                    ui.label(RichText::new("After the run, 30–45 s each side:").small());
                    for id in crate::calf::STRETCHES {
                        show(ui, id);
                    }
                });
        }
        _ => {}
    }
}

/// A run's own headroom: how long it can be before long-run-spike reaches caution, the
/// answer first and prominent, why below it, and when the run is longer, the one-click fix.
fn run_headroom(ui: &mut Ui, v: &ViewCtx, index: usize, out: &mut Vec<Command>) {
    let Some(l) = v.doc.report().run_limits.get(index).cloned().flatten() else {
        return;
    };
    let over = l.size > l.limit + 1e-9;
    let limit = size_text(l.limit, l.by_time);
    let colour = if over {
        crate::app::style::severity_text(crate::analysis::Severity::Caution, ui.visuals())
    } else {
        ui.visuals().text_color()
    };
    ui.label(
        RichText::new(format!("This run can be up to {limit}"))
            .strong()
            .color(colour),
    );
    ui.label(
        RichText::new(format!(
            "before long-run-spike cautions: +{:.0} % over {}, the longest run of the 30 days before it{}.",
            (l.limit / l.over - 1.0) * 100.0,
            size_text(l.over, l.by_time),
            if l.from_baseline {
                ", from the baseline"
            } else {
                ""
            }
        ))
        .small(),
    );
    if over && ui.button(format!("Set to {limit}")).clicked() {
        let mut session = v.doc.plan().sessions[index].clone();
        // As a re-plan shortens a spike: just under the limit, rounded down.
        crate::analysis::headroom::scale_run(&mut session, (l.limit / l.size).min(1.0));
        out.push(Command::UpdateSession {
            index,
            session,
            merge: None,
        });
    }
}

/// For a session in a warning a nearby day would avoid (calf-loading cross-training the
/// day before a run): the days it could move to, as buttons. Computed once per edit.
fn move_hint(ui: &mut Ui, v: &ViewCtx, st: &mut UiState, index: usize, out: &mut Vec<Command>) {
    // Placement problems a day's move fixes (for the cross-training or calf session, not
    // the run it is before); distance problems have headroom instead.
    if v.doc.plan().sessions[index].run().is_some() {
        return;
    }
    let placement = v
        .doc
        .report()
        .warnings_for_session(index)
        .any(|w| w.rule.is_placement());
    if !placement {
        return;
    }
    let state = v.doc.state();
    let fresh = st
        .better_days
        .as_ref()
        .is_some_and(|(s, i, _)| *s == state && *i == index);
    if !fresh {
        let days = better_days(v.doc.plan(), v.doc.report(), index);
        st.better_days = Some((state, index, days));
    }
    let Some((_, _, days)) = &st.better_days else {
        return;
    };
    if days.is_empty() {
        return;
    }
    ui.label(RichText::new("It could move to a day where it raises no warning:").small());
    ui.horizontal_wrapped(|ui| {
        for d in days.iter().take(3) {
            if ui
                .button(format!("Move to {}", d.format("%a %-d %b")))
                .clicked()
            {
                out.push(Command::MoveSession {
                    index,
                    to: *d,
                    copy: false,
                });
            }
        }
    });
}
