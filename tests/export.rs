//! Exports read back by real parsers: ICS (the `ical` crate), CSV (the `csv` crate), and
//! the HTML page checked for every week.

use gradual::analysis::analyze;
use gradual::export::{self, ExportFormat};
use gradual::format;
use std::path::Path;

fn plan(name: &str) -> gradual::model::Plan {
    format::load(&Path::new("plans").join(name)).unwrap()
}

#[test]
fn ics_has_one_event_per_session_with_the_right_dates() {
    let p = plan("half-marathon.ron");
    let text = export::ics(&p);
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines folded to 75 octets"
    );
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    assert_eq!(cal.events.len(), p.sessions.len());
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|x| x.name == name)
            .and_then(|x| x.value.clone())
            .unwrap_or_default()
    };
    let mut uids = std::collections::HashSet::new();
    for (e, s) in cal.events.iter().zip(&p.sessions) {
        assert_eq!(prop(e, "DTSTART"), s.date.format("%Y%m%d").to_string());
        assert_eq!(
            prop(e, "DTEND"),
            s.date.succ_opt().unwrap().format("%Y%m%d").to_string()
        );
        assert_eq!(prop(e, "SUMMARY"), export::title(s));
        assert!(uids.insert(prop(e, "UID")), "unique UIDs");
    }
    let long = cal
        .events
        .iter()
        .find(|e| prop(e, "SUMMARY") == "Long run 18 km")
        .unwrap();
    let desc = prop(long, "DESCRIPTION");
    assert!(
        desc.contains("Warm-up") && desc.contains("drink to thirst"),
        "{desc}"
    );
    assert!(
        cal.events
            .iter()
            .any(|e| prop(e, "SUMMARY").starts_with("Calf S"))
    );
    let test = cal
        .events
        .iter()
        .find(|e| prop(e, "SUMMARY") == "Calf test")
        .expect("the calf program's retest is an event");
    assert!(prop(test, "DESCRIPTION").contains("count the reps"));
    assert!(
        cal.events
            .iter()
            .any(|e| prop(e, "SUMMARY") == "Cycling 45 min")
    );

    // Stable UIDs: editing a session keeps its UID, so a re-import updates it.
    let mut edited = p.clone();
    if let gradual::model::Activity::Run { km, .. } = &mut edited.sessions[2].activity {
        *km = km.map(|k| k + 1.0);
    }
    let uid = |t: &str| {
        let c = ical::IcalParser::new(t.as_bytes()).next().unwrap().unwrap();
        c.events.iter().map(|e| prop(e, "UID")).collect::<Vec<_>>()
    };
    assert_eq!(uid(&text), uid(&export::ics(&edited)));
}

#[test]
fn csv_has_a_header_and_one_row_per_session() {
    let p = plan("too-much-too-soon.ron");
    let text = export::csv(&p);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "date");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), p.sessions.len());
    let report = analyze(&p);
    for ((row, s), sl) in rows.iter().zip(&p.sessions).zip(&report.sessions) {
        assert_eq!(
            row[col("date")].parse::<chrono::NaiveDate>().unwrap(),
            s.date,
            "ISO dates"
        );
        assert_eq!(row[col("load")].parse::<f64>().unwrap(), sl.load.round());
    }
    let race = rows.iter().find(|r| &r[col("kind")] == "Race").unwrap();
    assert_eq!(
        (&race[col("km")], &race[col("minutes")], &race[col("rpe")]),
        ("10", "58", "8")
    );
}

#[test]
fn html_is_self_contained_and_has_every_week() {
    let p = plan("too-much-too-soon.ron");
    let text = export::html(&p);
    let report = analyze(&p);
    for w in &report.weeks {
        assert!(
            text.contains(&format!("data-week=\"{}\"", w.start)),
            "week {}",
            w.start
        );
    }
    assert!(text.contains("@page { size: A4 landscape"));
    assert!(
        !text.contains("http://") && !text.contains("https://") && !text.contains("<script"),
        "no network, no scripts"
    );
    assert!(
        text.contains("Nielsen et al., JOSPT 2014"),
        "warnings with evidence"
    );
    assert!(text.contains("31.0 km is +94 % over the highest"));
    let calf = export::html(&plan("beginner-5k.ron"));
    assert!(
        calf.contains("<h2>Calf program</h2>")
            && calf.contains("S2 Up on two, down on one — 3 × 12 per leg")
    );
}

#[test]
fn cli_export_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    for f in [ExportFormat::Ics, ExportFormat::Csv, ExportFormat::Html] {
        let out = dir.path().join(format!("plan.{}", f.extension()));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_gradual"))
            .args([
                "export",
                "plans/beginner-5k.ron",
                "--to",
                f.extension(),
                "-o",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // The same text as the library makes, but for the export time stamp.
        let stable = |t: String| {
            t.lines()
                .filter(|l| !l.starts_with("DTSTAMP"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            stable(std::fs::read_to_string(&out).unwrap()),
            stable(export::export(&plan("beginner-5k.ron"), f))
        );
    }
}

#[test]
fn csv_uses_the_names_people_read_not_variant_names() {
    use gradual::model::*;
    let mut p = Plan::new("Names", Athlete::new("A", Level::Novice));
    p.blocks = vec![Block {
        name: "B".into(),
        start: "2026-03-02".parse().unwrap(),
        weeks: 1,
        phase: Phase::Taper,
    }];
    let mut rope = Session::new(
        "2026-03-03".parse().unwrap(),
        Activity::Cross {
            kind: CrossKind::SkippingRope,
            minutes: 10,
            rpe: 5,
            calf_work: false,
        },
    );
    rope.status = Status::Skipped;
    let run = Session::new(
        "2026-03-04".parse().unwrap(),
        Activity::Run {
            kind: RunKind::Easy,
            km: Some(5.0),
            minutes: None,
            rpe: 3,
            surface: Surface::Treadmill,
            footwear: Footwear::Minimalist,
        },
    );
    p.sessions = vec![rope, run];
    let text = export::export(&p, ExportFormat::Csv);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][col("kind")], CrossKind::SkippingRope.name());
    assert_eq!(&rows[0][col("kind")], "Skipping rope");
    assert_eq!(&rows[0][col("status")], "Skipped");
    assert_eq!(&rows[0][col("phase")], "Taper");
    assert_eq!(&rows[1][col("surface")], "Treadmill");
    assert_eq!(&rows[1][col("footwear")], "Minimalist");
    // Every user-facing name is distinct within its type.
    let distinct = |v: Vec<&str>| {
        let n = v.len();
        let set: std::collections::HashSet<_> = v.into_iter().collect();
        set.len() == n
    };
    assert!(distinct(Phase::ALL.iter().map(|x| x.name()).collect()));
    assert!(distinct(Surface::ALL.iter().map(|x| x.name()).collect()));
    assert!(distinct(Footwear::ALL.iter().map(|x| x.name()).collect()));
    assert!(distinct(CrossKind::ALL.iter().map(|x| x.name()).collect()));
    assert!(distinct(RunKind::ALL.iter().map(|x| x.name()).collect()));
}
