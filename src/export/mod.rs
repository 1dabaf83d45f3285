//! Exports: calendar (ICS, RFC 5545), spreadsheet (CSV) and a printable page (HTML).
//! Each is a pure function from the plan (and its analysis) to text.

use crate::analysis::analyze;
use crate::model::{Activity, CrossKind, Plan, Session, fmt_km, slug, week_start};
use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};

mod html;

pub use html::html;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum ExportFormat {
    /// iCalendar, one all-day event per session.
    Ics,
    /// One row per session.
    Csv,
    /// A printable page (A4 landscape).
    Html,
}

impl ExportFormat {
    /// All formats, in menu order.
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Ics, ExportFormat::Csv, ExportFormat::Html];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Ics => "ics",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }
}

/// Exports `plan` in `format`.
pub fn export(plan: &Plan, format: ExportFormat) -> String {
    match format {
        ExportFormat::Ics => ics(plan),
        ExportFormat::Csv => csv(plan),
        ExportFormat::Html => html(plan),
    }
}

/// A calendar title: "Long run 16 km", "Calf S3 3×15", "Cycling 45 min", "Rest day".
pub fn title(s: &Session) -> String {
    match &s.activity {
        Activity::Run { .. } => crate::analysis::describe(s),
        Activity::Cross { kind, minutes, .. } => format!("{} {minutes} min", kind.name()),
        Activity::Calf { .. } | Activity::CalfTest => s.activity.label(),
        Activity::Rest => "Rest day".into(),
    }
}

/// The details of a session as plain-text lines: dose, effort, the warm-up for runs,
/// hydration for runs over an hour, the calf stage's instructions.
pub fn details(s: &Session, minutes: f64, estimated: bool) -> Vec<String> {
    let mut out = Vec::new();
    match &s.activity {
        Activity::Run {
            km,
            rpe,
            surface,
            footwear,
            ..
        } => {
            let about = if estimated { "about " } else { "" };
            let distance = km
                .map(|k| format!("{} km, ", fmt_km(k)))
                .unwrap_or_default();
            out.push(format!(
                "{distance}{about}{minutes:.0} min, effort {rpe}/10, {}, {}",
                surface.name(),
                footwear.name()
            ));
            // Hydration comes with the session's warnings (the `hydration` rule).
            out.push(format!(
                "Warm-up: {}.",
                crate::calf::names(&crate::calf::WARM_UP)
            ));
            out.push(format!(
                "After: {}, 30–45 s each side.",
                crate::calf::names(&crate::calf::STRETCHES)
            ));
        }
        Activity::Cross {
            kind,
            minutes,
            rpe,
            calf_work,
        } => {
            out.push(format!(
                "{minutes} min, effort {rpe}/10{}",
                if *calf_work {
                    ", includes calf work"
                } else {
                    ""
                }
            ));
            if *kind == CrossKind::Cycling || *calf_work {
                out.push(
                    "Calf-loading work: keep it away from the day before a long or quality run."
                        .into(),
                );
            }
        }
        Activity::Calf {
            stage,
            sets,
            reps,
            kg,
        } => {
            let st = crate::calf::stage(*stage);
            out.push(format!(
                "Stage {stage}: {} — {sets} × {reps}{}{}",
                st.name,
                if st.per_leg { " per leg" } else { "" },
                kg.map(|k| format!(", +{} kg", fmt_km(k)))
                    .unwrap_or_default()
            ));
            out.push(format!("{}. {}", st.tempo, st.instructions));
        }
        Activity::CalfTest => out.push(crate::calf::TEST_INSTRUCTIONS.into()),
        Activity::Rest => out.push("Rest: let muscles and tendons adapt.".into()),
    }
    if !s.note.is_empty() {
        out.push(format!("Note: {}", s.note));
    }
    out
}

/// A stable id: plan, athlete, day and position within the day, so re-importing an
/// edited plan updates events instead of duplicating them.
fn uid(plan: &Plan, date: NaiveDate, n: usize) -> String {
    format!(
        "{}-{}-{date}-{n}@gradual",
        slug(&plan.athlete.name),
        slug(&plan.name)
    )
}

/// At most this many warnings in one event's description (the rest are counted).
const MAX_WARNINGS_PER_EVENT: usize = 5;
/// At most this many characters of one text (a name, a note, a warning) in an export.
const MAX_TEXT_CHARS: usize = 500;

/// Text as a calendar's TEXT value may hold it: line breaks as `\n` only (a bare CR or a
/// CRLF would end the line and let the text start a property of its own), no other
/// control characters (RFC 5545 forbids them), at most [`MAX_TEXT_CHARS`].
pub fn ics_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: String = s
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .take(MAX_TEXT_CHARS)
        .collect();
    if s.chars().count() > MAX_TEXT_CHARS {
        out.push('…');
    }
    out
}

/// RFC 5545 TEXT escaping, for properties the calendar library writes as they are.
fn ics_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// iCalendar (RFC 5545): one all-day event per session (skipped ones included and
/// marked), lines folded at 75 octets with CRLF line ends. UIDs follow the plan's
/// canonical order (sessions sorted by date), so a hand-edited, unsorted file cannot give
/// two events one UID; every text is escaped and stripped of control characters; a
/// description lists at most 5 warnings. Linear in the number of sessions.
pub fn ics(plan: &Plan) -> String {
    let mut plan = plan.clone();
    plan.canonicalize();
    let report = analyze(&plan);
    // Warnings by session, once (one warning may name thousands of sessions).
    let mut by_session: Vec<Vec<&crate::analysis::Warning>> = vec![Vec::new(); plan.sessions.len()];
    for w in &report.warnings {
        for &i in &w.sessions {
            if let Some(v) = by_session.get_mut(i) {
                v.push(w);
            }
        }
    }
    let mut cal = Calendar::new();
    let name = ics_text(&format!("{} — {}", plan.name, plan.athlete.name)).replace('\n', " ");
    // NAME is written as it is by the library: escape it here. X-WR-CALNAME is escaped by
    // the library.
    cal.append_property(icalendar::Property::new("NAME", ics_escape(&name)));
    cal.append_property(icalendar::Property::new("X-WR-CALNAME", &name));
    let mut prev: Option<NaiveDate> = None;
    let mut n = 0;
    for (i, s) in plan.sessions.iter().enumerate() {
        if !crate::model::date_in_range(s.date) {
            continue; // never a date a calendar cannot hold
        }
        n = if prev == Some(s.date) { n + 1 } else { 0 };
        prev = Some(s.date);
        let sl = &report.sessions[i];
        let mut summary = title(s);
        if s.status == crate::model::Status::Skipped {
            summary = format!("(skipped) {summary}");
        }
        let mut desc = details(s, sl.minutes, sl.estimated);
        let ws = &by_session[i];
        for w in ws.iter().take(MAX_WARNINGS_PER_EVENT) {
            desc.push(format!(
                "{}: {}",
                w.severity.as_str().to_uppercase(),
                w.message
            ));
        }
        if ws.len() > MAX_WARNINGS_PER_EVENT {
            desc.push(format!(
                "… and {} more warnings (see Gradual)",
                ws.len() - MAX_WARNINGS_PER_EVENT
            ));
        }
        let desc: Vec<String> = desc.iter().map(|d| ics_text(d)).collect();
        cal.push(
            icalendar::Event::new()
                .uid(&uid(&plan, s.date, n))
                .summary(&ics_text(&summary).replace('\n', " "))
                .description(&desc.join("\n"))
                // All-day: DTEND is exclusive, so the next day (RFC 5545 §3.6.1).
                .starts(s.date)
                .ends(s.date.succ_opt().unwrap_or(s.date))
                .done(),
        );
    }
    cal.done().to_string()
}

/// A spreadsheet cell of free text that cannot start a formula: a text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice
/// against CSV injection). Numbers are written by their own columns, untouched.
pub fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The CSV's columns.
const CSV_HEADER: [&str; 29] = [
    "date",
    "weekday",
    "week",
    "block",
    "phase",
    "type",
    "kind",
    "km",
    "minutes",
    "minutes_estimated",
    "rpe",
    "surface",
    "footwear",
    "calf_work",
    "stage",
    "sets",
    "reps",
    "status",
    "load",
    "calf_load",
    "generated",
    "note",
    "actual_km",
    "actual_minutes",
    "actual_rpe",
    "actual_source",
    "unplanned",
    "adherence_pct",
    "adherence_band",
];

/// CSV: a header and one row per session, ISO dates.
pub fn csv(plan: &Plan) -> String {
    let report = analyze(plan);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).expect("writing to memory");
    for (i, s) in plan.sessions.iter().enumerate() {
        let sl = &report.sessions[i];
        let block = plan.block_on(s.date);
        // Plan vs done: what was run (imported) and how close it came, by time.
        let actual = s.actual.as_ref();
        let done = crate::analysis::adherence::session(s, plan.athlete.easy_pace)
            .filter(|t| t.planned_minutes > 0.0);
        let (ty, c) = activity_columns(&s.activity);
        let ActivityColumns {
            kind,
            km,
            rpe,
            surface,
            footwear,
            calf_work,
            stage,
            sets,
            reps,
        } = c;
        let minutes = if matches!(s.activity, Activity::Rest) {
            String::new()
        } else {
            format!("{:.0}", sl.minutes)
        };
        w.write_record([
            s.date.to_string(),
            s.date.format("%a").to_string(),
            week_start(s.date).to_string(),
            block.map(|b| csv_text(&b.name)).unwrap_or_default(),
            block
                .map(|b| b.phase.name().to_string())
                .unwrap_or_default(),
            ty.to_string(),
            kind,
            km,
            minutes,
            sl.estimated.to_string(),
            rpe,
            surface,
            footwear,
            calf_work,
            stage,
            sets,
            reps,
            s.status.name().to_string(),
            format!("{:.0}", sl.load),
            format!("{:.0}", sl.calf_load),
            s.generated.to_string(),
            csv_text(&s.note),
            actual
                .map(|a| a.km.map(fmt_km).unwrap_or_default())
                .unwrap_or_default(),
            actual.map(|a| a.minutes.to_string()).unwrap_or_default(),
            actual
                .and_then(|a| a.rpe.map(|r| r.to_string()))
                .unwrap_or_default(),
            actual.map(|a| csv_text(&a.source)).unwrap_or_default(),
            actual.is_some_and(|a| a.unplanned).to_string(),
            done.and_then(|t| t.time_ratio())
                .map(|r| format!("{:.0}", r * 100.0))
                .unwrap_or_default(),
            done.and_then(|t| t.band())
                .map(|b| b.name().to_string())
                .unwrap_or_default(),
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flushing to memory"))
        .expect("CSV of UTF-8 fields is UTF-8")
}

/// The type column and the columns only some activities have (those that do not apply
/// stay empty).
fn activity_columns(activity: &Activity) -> (&'static str, ActivityColumns) {
    let mut c = ActivityColumns::default();
    let ty = match activity {
        Activity::Run {
            kind,
            km,
            rpe,
            surface,
            footwear,
            ..
        } => {
            c.kind = kind.name().to_string();
            c.km = km.map(fmt_km).unwrap_or_default();
            c.rpe = rpe.to_string();
            c.surface = surface.name().to_string();
            c.footwear = footwear.name().to_string();
            "Run"
        }
        Activity::Cross {
            kind,
            rpe,
            calf_work,
            ..
        } => {
            c.kind = kind.name().to_string();
            c.rpe = rpe.to_string();
            c.calf_work = calf_work.to_string();
            "Cross"
        }
        Activity::Calf {
            stage, sets, reps, ..
        } => {
            c.stage = stage.to_string();
            c.sets = sets.to_string();
            c.reps = reps.to_string();
            "Calf"
        }
        Activity::CalfTest => "CalfTest",
        Activity::Rest => "Rest",
    };
    (ty, c)
}

/// The CSV columns that only some activities have.
#[derive(Default)]
struct ActivityColumns {
    kind: String,
    km: String,
    rpe: String,
    surface: String,
    footwear: String,
    calf_work: String,
    stage: String,
    sets: String,
    reps: String,
}
