//! The calendar: one row per week (Monday to Sunday) with a totals column. Only the rows
//! on screen are laid out, so a 10-year plan scrolls as smoothly as a 10-week one.

use super::{UiState, ViewCtx, WindowUi};
use crate::analysis::adherence::{Band, Totals};
use crate::analysis::headroom::{WeekHeadroom, size_text};
use crate::app::style;
use crate::document::Command;
use crate::model::{Activity, Phase, RunKind, Session, Status, Surface, week_start};
use chrono::{Datelike, Duration, NaiveDate};
use egui::{
    Align2, Color32, CornerRadius, FontId, Rect, Role, Sense, Stroke, StrokeKind, Ui, pos2, vec2,
};

/// Height of one week row.
pub const ROW_HEIGHT: f32 = 86.0;
const BLOCK_COL: f32 = 78.0;
const TOTALS_COL: f32 = 118.0;
const CHIP_H: f32 = 19.0;
const HEADER_H: f32 = 20.0;

/// What is being dragged: the index of a session.
#[derive(Clone, Copy, Debug)]
struct DragChip(usize);

/// The Mondays the calendar shows: the plan's weeks plus two empty ones to grow into
/// (or eight weeks from this one for an empty plan).
pub fn span(v: &ViewCtx) -> (NaiveDate, usize) {
    match v.doc.plan().date_range() {
        Some((lo, hi)) => {
            let first = week_start(lo);
            let weeks = ((week_start(hi) - first).num_days() / 7 + 3) as usize;
            (first, weeks)
        }
        None => (week_start(v.today), 8),
    }
}

/// A new session for an empty day: a short easy run.
pub fn default_session(date: NaiveDate) -> Session {
    Session::new(
        date,
        Activity::Run {
            kind: RunKind::Easy,
            km: Some(5.0),
            minutes: Some(30),
            rpe: 3,
            surface: Surface::Road,
            footwear: Default::default(),
        },
    )
}

fn phase_color(p: Phase) -> Color32 {
    match p {
        Phase::Base => Color32::from_rgb(0x4c, 0x9a, 0x6a),
        Phase::Build => Color32::from_rgb(0x3f, 0x7c, 0xc0),
        Phase::Peak => Color32::from_rgb(0xc0, 0x5a, 0x3f),
        Phase::Taper => Color32::from_rgb(0x8e, 0x6c, 0xb8),
        Phase::Recovery => Color32::from_rgb(0x9a, 0x9a, 0x5a),
    }
}

/// Shows the calendar; emits commands into `out`. A week's warning badge opens the
/// warnings tab (window state) on that week.
pub fn show(
    ui: &mut Ui,
    v: &ViewCtx,
    win: &mut WindowUi,
    st: &mut UiState,
    out: &mut Vec<Command>,
) {
    let (first, n_weeks) = span(v);
    let plan = v.doc.plan();
    let visuals = ui.visuals().clone();
    let width = ui.available_width();
    let day_w = ((width - BLOCK_COL - TOTALS_COL - 8.0) / 7.0).max(40.0);
    header(ui, width, day_w);
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("calendar")
        .auto_shrink(false);
    if let Some(target) = st.scroll_to.take() {
        let row = ((week_start(target) - first).num_days() / 7).max(0) as f32;
        // Leave one row above the target so it is not glued to the top edge.
        scroll = scroll.vertical_scroll_offset(
            ((row - 1.0).max(0.0)) * (ROW_HEIGHT + ui.spacing().item_spacing.y),
        );
    }
    let mut cells: Vec<(Rect, NaiveDate)> = Vec::new();
    let dragging = egui::DragAndDrop::has_payload_of_type::<DragChip>(ui.ctx());
    scroll.show_rows(ui, ROW_HEIGHT, n_weeks, |ui, rows| {
        st.visible = Some((
            first + Duration::days(rows.start as i64 * 7),
            first + Duration::days(rows.end.max(rows.start + 1) as i64 * 7 - 1),
        ));
        for row in rows {
            let monday = first + Duration::days(row as i64 * 7);
            let (rect, _) =
                ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::hover());
            let painter = ui.painter_at(rect.expand(1.0));
            painter.line_segment(
                [rect.left_bottom(), rect.right_bottom()],
                Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            );
            let block_rect = Rect::from_min_size(rect.min, vec2(BLOCK_COL, ROW_HEIGHT));
            if let Some(b) = plan.block_in_week(monday) {
                block_label(&painter, &visuals, b, monday, block_rect);
            }
            for d in 0..7 {
                let date = monday + Duration::days(d);
                let cell = Rect::from_min_size(
                    rect.min + vec2(BLOCK_COL + day_w * d as f32, 0.0),
                    vec2(day_w, ROW_HEIGHT),
                )
                .shrink(1.0);
                cells.push((cell, date));
                day_cell(ui, v, st, out, cell, date, dragging);
            }
            let tot = Rect::from_min_size(
                rect.min + vec2(BLOCK_COL + 7.0 * day_w + 4.0, 0.0),
                vec2(TOTALS_COL, ROW_HEIGHT),
            );
            if let Some(w) = v.doc.report().week_of(monday) {
                week_totals(ui, &painter, v, (win, st), w, tot);
            }
        }
    });
    if dragging && ui.input(|i| i.pointer.any_released()) {
        drop_chip(ui, plan, &cells, out);
    }
}

/// The header: the block column, the weekday names, the week's totals.
fn header(ui: &mut Ui, width: f32, day_w: f32) {
    let weak = ui.visuals().weak_text_color();
    let (hdr, _) = ui.allocate_exact_size(vec2(width, 18.0), Sense::hover());
    let p = ui.painter();
    p.text(
        pos2(hdr.left() + 4.0, hdr.center().y),
        Align2::LEFT_CENTER,
        "Block",
        FontId::proportional(12.0),
        weak,
    );
    for (i, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .enumerate()
    {
        let x = hdr.left() + BLOCK_COL + day_w * (i as f32 + 0.5);
        p.text(
            pos2(x, hdr.center().y),
            Align2::CENTER_CENTER,
            *name,
            FontId::proportional(12.0),
            weak,
        );
    }
    p.text(
        pos2(hdr.left() + BLOCK_COL + 7.0 * day_w + 8.0, hdr.center().y),
        Align2::LEFT_CENTER,
        "Week",
        FontId::proportional(12.0),
        weak,
    );
}

/// The block column of a week's row: the block's colour bar, its name (every row names
/// it, so a scrolled view still says where it is) and the week of the block.
fn block_label(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    b: &crate::model::Block,
    monday: NaiveDate,
    block_rect: Rect,
) {
    let c = phase_color(b.phase);
    painter.rect_filled(
        Rect::from_min_size(block_rect.min + vec2(2.0, 1.0), vec2(4.0, ROW_HEIGHT - 2.0)),
        2.0,
        c,
    );
    // Every row names its block, so a scrolled view still says where it is.
    let week_no = (monday - week_start(b.start)).num_days() / 7 + 1;
    let first = week_no == 1;
    // A name is clipped to its column (a long one must not cover the days) and
    // shown without bidirectional overrides.
    let painter = painter.with_clip_rect(block_rect.intersect(painter.clip_rect()));
    painter.text(
        block_rect.min + vec2(10.0, 4.0),
        Align2::LEFT_TOP,
        crate::app::plain_text(&b.name),
        FontId::proportional(13.0),
        if first {
            visuals.strong_text_color()
        } else {
            visuals.weak_text_color()
        },
    );
    painter.text(
        block_rect.min + vec2(10.0, 21.0),
        Align2::LEFT_TOP,
        format!("{} · {week_no}/{}", b.phase.name(), b.weeks),
        FontId::proportional(11.0),
        c,
    );
}

/// A week's totals column: volume, change, headroom, plan vs done, and the warning badge
/// (clicking it opens the warnings tab on the week).
fn week_totals(
    ui: &mut Ui,
    painter: &egui::Painter,
    v: &ViewCtx,
    (win, st): (&mut WindowUi, &mut UiState),
    w: &crate::analysis::Week,
    tot: Rect,
) {
    let report = v.doc.report();
    let visuals = ui.visuals().clone();
    let monday = w.start;
    let wi = report.day_index(monday).map(|d| d / 7);
    let head = wi.and_then(|i| report.headroom.get(i));
    let done = wi
        .and_then(|i| report.adherence.get(i))
        .filter(|t| t.sessions > 0);
    let summary_text = week_summary(w, head, done);
    let summary = ui.interact(tot, ui.scope_id().with(("totals", monday)), Sense::hover());
    summary.widget_info(|| egui::WidgetInfo::labeled(Role::Label, true, &summary_text));
    summary.on_hover_text(&summary_text);
    let strong = visuals.strong_text_color();
    let text = visuals.text_color();
    painter.text(
        tot.min + vec2(4.0, 4.0),
        Align2::LEFT_TOP,
        w.volume(),
        FontId::proportional(14.0),
        strong,
    );
    if let Some(c) = w.change_pct {
        painter.text(
            tot.min + vec2(4.0, 22.0),
            Align2::LEFT_TOP,
            format!("{c:+.0} % vs last wk"),
            FontId::proportional(11.0),
            text,
        );
    }
    // Headroom: how much the week (and its long run) can hold; over it in
    // the caution colour.
    if let Some(h) = head {
        let over = h.over();
        let colour = if over {
            style::severity_text(crate::analysis::Severity::Caution, &visuals)
        } else {
            visuals.weak_text_color()
        };
        if let Some(t) = h.max_text() {
            painter.text(
                tot.min + vec2(4.0, 36.0),
                Align2::LEFT_TOP,
                t,
                FontId::proportional(11.0),
                colour,
            );
        }
        if let Some(l) = &h.long_run {
            let long_over = l.size > l.limit + 1e-9;
            painter.text(
                tot.min + vec2(4.0, 49.0),
                Align2::LEFT_TOP,
                format!("long run up to {}", size_text(l.limit, l.by_time)),
                FontId::proportional(11.0),
                if long_over {
                    style::severity_text(crate::analysis::Severity::Caution, &visuals)
                } else {
                    visuals.weak_text_color()
                },
            );
        }
    }
    // Plan vs done so far, by time, in its band's colour.
    if let Some((ratio, band)) = done.and_then(|t| t.time_ratio().zip(t.band())) {
        painter.text(
            tot.min + vec2(60.0, 66.0),
            Align2::LEFT_TOP,
            format!("done {:.0} %", ratio * 100.0),
            FontId::proportional(11.0),
            style::band_text_color(band, &visuals),
        );
    }
    // The same count as the Warnings tab and the inspector.
    let counts =
        crate::analysis::Report::count(report.warnings.iter().filter(|x| x.week == monday));
    let n = counts.warnings;
    if let Some(worst) = w.worst.filter(|s| *s > crate::analysis::Severity::Info) {
        let badge = Rect::from_min_size(tot.min + vec2(4.0, 64.0), vec2(52.0, 18.0));
        let resp = ui.interact(badge, ui.scope_id().with(("badge", monday)), Sense::click());
        let label = format!("Week of {monday}: {counts} (worst: {worst})");
        resp.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, &label));
        painter.rect_filled(
            badge,
            4.0,
            style::readable_on(style::severity_color(worst), Color32::WHITE, style::AA),
        );
        painter.text(
            badge.center(),
            Align2::CENTER_CENTER,
            format!("{} {n}", style::severity_icon(worst)),
            FontId::proportional(13.0),
            Color32::WHITE,
        );
        if resp.clicked() {
            st.selected_day = Some(monday);
            st.selection = None;
            win.bottom_tab = super::BottomTab::Warnings;
            st.warning_week = Some(monday);
        }
        resp.on_hover_text(label);
    }
}

/// Drop: move (or with Ctrl, copy) the dragged chip to the day under the pointer.
fn drop_chip(
    ui: &mut Ui,
    plan: &crate::model::Plan,
    cells: &[(Rect, NaiveDate)],
    out: &mut Vec<Command>,
) {
    let pos = ui.input(|i| i.pointer.interact_pos().or(i.pointer.latest_pos()));
    let payload = egui::DragAndDrop::take_payload::<DragChip>(ui.ctx());
    let target = pos.and_then(|p| cells.iter().find(|(r, _)| r.contains(p)));
    if let (Some(payload), Some((_, date))) = (payload, target) {
        // Ctrl (Cmd) held at the moment of release copies instead of moving.
        let copy = ui.input(|i| {
            i.events
                .iter()
                .rev()
                .find_map(|e| match e {
                    egui::Event::PointerButton {
                        pressed: false,
                        modifiers,
                        ..
                    } => Some(modifiers.command),
                    _ => None,
                })
                .unwrap_or(i.modifiers.command)
        });
        if plan
            .sessions
            .get(payload.0)
            .is_some_and(|s| s.date != *date || copy)
        {
            out.push(Command::MoveSession {
                index: payload.0,
                to: *date,
                copy,
            });
        }
    }
}

/// One day's cell: select it, add a session (its "+", a double-click, its context
/// menu), its symptoms and its sessions.
#[allow(clippy::too_many_arguments)]
fn day_cell(
    ui: &mut Ui,
    v: &ViewCtx,
    st: &mut UiState,
    out: &mut Vec<Command>,
    cell: Rect,
    date: NaiveDate,
    dragging: bool,
) {
    let visuals = ui.visuals().clone();
    let plan = v.doc.plan();
    let selected_day = st.selected_day == Some(date);
    let resp = ui.interact(cell, ui.scope_id().with(("day", date)), Sense::click());
    resp.widget_info(|| {
        egui::WidgetInfo::selected(Role::Button, true, selected_day, format!("Day {date}"))
    });
    let painter = ui.painter_at(cell);
    let fill = if dragging && ui.rect_contains_pointer(cell) {
        visuals.selection.bg_fill.gamma_multiply(0.5)
    } else if selected_day {
        visuals.selection.bg_fill.gamma_multiply(0.35)
    } else if date.month().is_multiple_of(2) {
        visuals.faint_bg_color
    } else {
        Color32::TRANSPARENT
    };
    day_background(&painter, v, &visuals, cell, date, fill);
    // "+" to add a session.
    let plus = Rect::from_min_size(
        pos2(cell.right() - 18.0, cell.top() + 1.0),
        vec2(17.0, 17.0),
    );
    let plus_resp = ui.interact(plus, ui.scope_id().with(("add", date)), Sense::click());
    plus_resp.widget_info(|| {
        egui::WidgetInfo::labeled(Role::Button, true, format!("Add session on {date}"))
    });
    let plus_color = if plus_resp.hovered() {
        visuals.strong_text_color()
    } else {
        visuals.weak_text_color().gamma_multiply(0.6)
    };
    painter.text(
        plus.center(),
        Align2::CENTER_CENTER,
        "+",
        FontId::proportional(15.0),
        plus_color,
    );
    if plus_resp.clicked() || resp.double_clicked() {
        out.push(Command::AddSession(default_session(date)));
        st.selected_day = Some(date);
    } else if resp.clicked() {
        st.selected_day = Some(date);
        st.selection = None;
        st.selected_symptom = None;
    }
    resp.context_menu(|ui| {
        if ui.button("Add a session").clicked() {
            out.push(Command::AddSession(default_session(date)));
            st.selected_day = Some(date);
            ui.close();
        }
        if ui.button("Log how my calves feel…").clicked() {
            st.symptom_form = Some(super::symptoms::SymptomForm::new(date));
            ui.close();
        }
    });

    symptom_markers(ui, &painter, st, plan, cell, date);
    session_chips(ui, &painter, st, plan, cell, date);
}

/// A day's background, its date (today outlined) and the race flag.
fn day_background(
    painter: &egui::Painter,
    v: &ViewCtx,
    visuals: &egui::Visuals,
    cell: Rect,
    date: NaiveDate,
    fill: Color32,
) {
    let is_today = date == v.today;
    let is_race = v.doc.plan().race.as_ref().is_some_and(|r| r.date == date);
    painter.rect_filled(cell, 3.0, fill);
    if is_today {
        painter.rect_stroke(
            cell.shrink(0.5),
            3.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            StrokeKind::Inside,
        );
    }
    // Date line.
    let label = if date.day() == 1 || date.weekday() == chrono::Weekday::Mon {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d").to_string()
    };
    let date_color = if is_today {
        visuals.selection.stroke.color
    } else {
        visuals.weak_text_color()
    };
    painter.text(
        cell.min + vec2(4.0, 3.0),
        Align2::LEFT_TOP,
        label,
        FontId::proportional(11.0),
        date_color,
    );
    if is_race {
        painter.text(
            cell.min + vec2(cell.width() / 2.0, 3.0),
            Align2::CENTER_TOP,
            "🏁 race",
            FontId::proportional(11.0),
            style::activity_color(&Activity::Run {
                kind: RunKind::Race,
                km: Some(1.0),
                minutes: None,
                rpe: 1,
                surface: Surface::Road,
                footwear: Default::default(),
            }),
        );
    }
}

/// Symptom markers: a dot with the pain at the cell's bottom right, by seriousness.
fn symptom_markers(
    ui: &mut Ui,
    painter: &egui::Painter,
    st: &mut UiState,
    plan: &crate::model::Plan,
    cell: Rect,
    date: NaiveDate,
) {
    let visuals = ui.visuals().clone();
    for (k, (i, s)) in plan
        .symptoms
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date == date)
        .enumerate()
    {
        let c = pos2(cell.right() - 10.0 - 18.0 * k as f32, cell.bottom() - 10.0);
        let r = Rect::from_center_size(c, vec2(16.0, 16.0));
        let mresp = ui.interact(r, ui.scope_id().with(("symptom", i)), Sense::click());
        let label = super::symptoms::label(s);
        mresp.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, &label));
        let selected = st.selected_symptom == Some(i);
        painter.circle_filled(c, 8.0, super::symptoms::marker_color(s));
        if selected {
            painter.circle_stroke(c, 9.5, Stroke::new(2.0, visuals.strong_text_color()));
        }
        painter.text(
            c,
            Align2::CENTER_CENTER,
            s.pain.to_string(),
            FontId::proportional(10.0),
            Color32::WHITE,
        );
        if mresp.clicked() {
            st.selected_symptom = Some(i);
            st.selection = None;
            st.selected_day = Some(date);
        }
        mresp.on_hover_text(label);
    }
}

/// The day's sessions as chips, and "+N more" when they do not fit.
fn session_chips(
    ui: &mut Ui,
    painter: &egui::Painter,
    st: &mut UiState,
    plan: &crate::model::Plan,
    cell: Rect,
    date: NaiveDate,
) {
    let visuals = ui.visuals().clone();
    let range = plan.day_range(date);
    let capacity = ((cell.height() - HEADER_H) / (CHIP_H + 2.0)).floor() as usize;
    let shown = if range.len() > capacity {
        capacity.saturating_sub(1)
    } else {
        range.len()
    };
    for (k, i) in range.clone().take(shown).enumerate() {
        let s = &plan.sessions[i];
        let r = Rect::from_min_size(
            cell.min + vec2(3.0, HEADER_H + k as f32 * (CHIP_H + 2.0)),
            vec2(cell.width() - 6.0, CHIP_H),
        );
        let band =
            crate::analysis::adherence::session(s, plan.athlete.easy_pace).and_then(|t| t.band());
        chip(ui, st, s, i, r, band);
    }
    if range.len() > shown {
        let more = range.len() - shown;
        let r = Rect::from_min_size(
            cell.min + vec2(3.0, HEADER_H + shown as f32 * (CHIP_H + 2.0)),
            vec2(cell.width() - 6.0, CHIP_H),
        );
        let mresp = ui.interact(r, ui.scope_id().with(("more", date)), Sense::click());
        mresp.widget_info(|| {
            egui::WidgetInfo::labeled(
                Role::Button,
                true,
                format!("{more} more sessions on {date}"),
            )
        });
        painter.text(
            r.left_center() + vec2(2.0, 0.0),
            Align2::LEFT_CENTER,
            format!("+{more} more"),
            FontId::proportional(11.0),
            visuals.hyperlink_color,
        );
        if mresp.clicked() {
            st.selected_day = Some(date);
            st.selection = Some(range.start + shown);
        }
    }
}

/// What a session's chip says it is: planned, done as planned, done with imported
/// numbers (the chip shows those), skipped, or unplanned; and in words, for its label.
fn chip_texts(s: &Session, done: &str, band: Option<Band>) -> (String, String) {
    let planned = s.activity.label();
    let unplanned = s.actual.as_ref().is_some_and(|a| a.unplanned);
    let band_text = band
        .map(|b| format!(", {} by time", b.name()))
        .unwrap_or_default();
    match (&s.actual, s.status) {
        (Some(_), _) if unplanned => (
            format!("+ {planned}"),
            format!("Unplanned {planned} on {}, done", s.date),
        ),
        (Some(_), _) => (
            format!("✔ {done}"),
            format!("{planned} on {}, done {done}{band_text}", s.date),
        ),
        (None, Status::Done) => (format!("✔ {planned}"), format!("{planned} on {}", s.date)),
        (None, Status::Skipped) => (
            format!("✖ {planned}"),
            format!("{planned} on {}, skipped", s.date),
        ),
        (None, Status::Planned) => (planned.clone(), format!("{planned} on {}", s.date)),
    }
}

fn chip(ui: &mut Ui, st: &mut UiState, s: &Session, index: usize, r: Rect, band: Option<Band>) {
    let label = s.activity.label();
    // What the chip shows: what was run when it was imported, else what is planned.
    let done = s.actual.as_ref().map(|_| s.effective().activity);
    let shown_activity = done.as_ref().unwrap_or(&s.activity);
    let shown = shown_activity.label();
    let (text, name) = chip_texts(s, &shown, band);
    let resp = ui.interact(
        r,
        ui.scope_id().with(("chip", index)),
        Sense::click_and_drag(),
    );
    let selected = st.selection == Some(index);
    resp.widget_info(|| egui::WidgetInfo::selected(Role::Button, true, selected, &name));
    resp.dnd_set_drag_payload(DragChip(index));
    let mut fill = style::activity_color(&s.activity);
    if s.status == Status::Skipped {
        fill = fill.gamma_multiply(0.35);
    }
    let painter = ui.painter_at(r.expand(2.0));
    painter.rect_filled(r, CornerRadius::same(4), fill);
    // Plan vs done: a stripe in the compliance colour along the chip's right edge.
    if let Some(b) = band {
        let stripe = Rect::from_min_max(pos2(r.right() - 5.0, r.top()), r.max);
        painter.rect_filled(
            stripe,
            CornerRadius {
                ne: 4,
                se: 4,
                ..Default::default()
            },
            style::band_color(b),
        );
    }
    if selected {
        painter.rect_stroke(
            r.expand(1.0),
            4.0,
            Stroke::new(2.0, ui.visuals().strong_text_color()),
            StrokeKind::Outside,
        );
    } else if resp.hovered() {
        painter.rect_stroke(r, 4.0, Stroke::new(1.0, Color32::WHITE), StrokeKind::Inside);
    }
    let mut text = text;
    if s.generated {
        text.push_str(" ·");
    }
    // Too narrow for the full label? Drop the unit ("Fartlek 3.4"), then abbreviate
    // ("Ftk 3.4", "S4 3×20"); the full label is in the tooltip and the inspector.
    let layout = |t: String| {
        ui.painter()
            .layout_no_wrap(t, FontId::proportional(12.0), Color32::WHITE)
    };
    let room = r.width() - if band.is_some() { 12.0 } else { 8.0 };
    let mut galley = layout(text.clone());
    // The shorter labels are made only when the chip is too narrow.
    for k in 0..2 {
        if galley.size().x <= room {
            break;
        }
        let shorter = match k {
            0 => shown.trim_end_matches(" km").to_string(),
            _ => shown_activity.short_label(),
        };
        galley = layout(text.replace(&shown, &shorter));
    }
    let clip = painter.with_clip_rect(r.shrink(1.0));
    clip.galley(
        pos2(r.left() + 5.0, r.center().y - galley.size().y / 2.0),
        galley,
        Color32::WHITE,
    );
    if resp.clicked() || resp.drag_started() {
        st.selection = Some(index);
        st.selected_symptom = None;
        st.selected_day = Some(s.date);
    }
    if resp.dragged() {
        // A ghost of the chip follows the pointer.
        if let Some(p) = ui.ctx().pointer_interact_pos() {
            let ghost = Rect::from_center_size(p, r.size());
            let layer = ui.ctx().layer_painter(egui::LayerId::new(
                egui::Order::Tooltip,
                ui.scope_id().with("ghost"),
            ));
            layer.rect_filled(
                ghost,
                4.0,
                style::activity_color(&s.activity).gamma_multiply(0.8),
            );
            layer.text(
                ghost.center(),
                Align2::CENTER_CENTER,
                &label,
                FontId::proportional(12.0),
                Color32::WHITE,
            );
        }
    }
    resp.on_hover_text(format!(
        "{name}{}",
        if s.note.is_empty() {
            String::new()
        } else {
            format!("\n{}", s.note)
        }
    ));
}

/// A week's totals and headroom in words (the totals column's hover text and label).
fn week_summary(
    w: &crate::analysis::Week,
    head: Option<&WeekHeadroom>,
    done: Option<&Totals>,
) -> String {
    let monday = w.start;
    let change = w
        .change_pct
        .map(|c| format!(", {c:+.0} % vs last week"))
        .unwrap_or_default();
    let mut s = format!(
        "Week of {monday}: {}{change}, load {:.0}.",
        w.volume(),
        w.load
    );
    if let Some(t) = done {
        s.push_str(&format!(" {}", done_text(t)));
    }
    let Some(h) = head else {
        return s;
    };
    match (&h.max_text(), &h.limit) {
        (Some(t), Some(l)) => {
            s.push_str(&format!(" Headroom: {t} ({})", l.text));
            if h.over() {
                s.push_str(", over it");
            }
            s.push('.');
        }
        _ => s.push_str(" No distance rule limits this week yet (nothing to compare with)."),
    }
    if let Some(l) = &h.long_run {
        s.push_str(&format!(
            " Long run {} up to {} (+{:.0} % over the longest of the 30 days before it, {}).",
            size_text(l.size, l.by_time),
            size_text(l.limit, l.by_time),
            (l.limit / l.over - 1.0) * 100.0,
            size_text(l.over, l.by_time),
        ));
    }
    for b in &h.blockers {
        s.push_str(&format!(" Not fixed by less running: {}.", b.text));
    }
    s
}

/// Plan vs done of settled sessions in words: "Done: 130 of 150 planned minutes (87 %,
/// green), 21.0 of 24.0 km, load 95 %."
pub fn done_text(t: &Totals) -> String {
    let mut s = format!(
        "Done: {:.0} of {:.0} planned minutes",
        t.done_minutes, t.planned_minutes
    );
    if let (Some(r), Some(b)) = (t.time_ratio(), t.band()) {
        s.push_str(&format!(" ({:.0} %, {})", r * 100.0, b.name()));
    }
    if t.planned_km > 0.0 || t.done_km > 0.0 {
        s.push_str(&format!(", {:.1} of {:.1} km", t.done_km, t.planned_km));
    }
    if let Some(r) = t.load_ratio() {
        s.push_str(&format!(", load {:.0} %", r * 100.0));
    }
    s.push('.');
    s
}
