//! Importing what was run: each format read from the fixtures (made by
//! scripts/make-import-fixtures.py), per-file errors, matching to planned sessions,
//! duplicates, applying, the analysis of what was done, adherence bands, the CLI.

use gradual::analysis::adherence::{Band, Totals};
use gradual::analysis::analyze;
use gradual::import::{Decision, Progress, Sport, apply, apply_marking, missed, preview, read};
use gradual::model::{CrossKind, Status};
use std::path::{Path, PathBuf};
use std::process::Command;

const DIR: &str = "tests/fixtures/import";

fn fixture(name: &str) -> PathBuf {
    Path::new(DIR).join(name)
}

fn plan() -> gradual::model::Plan {
    gradual::format::load(&fixture("plan.ron")).unwrap()
}

#[test]
fn every_format_is_read_and_bad_files_are_named() {
    let found = read(&[PathBuf::from(DIR)], &Progress::default());
    let by = |src: &str| {
        found
            .activities
            .iter()
            .find(|a| a.source == src)
            .unwrap_or_else(|| panic!("{src} in {:#?}", found.activities))
    };
    // FIT: distance, moving (timer) time, sport, RPE from the session message.
    let fit = by("2026-03-02-easy.fit");
    assert_eq!(
        (fit.sport, fit.km, fit.minutes, fit.rpe),
        (Sport::Run, Some(8.2), 47.0, Some(4))
    );
    assert_eq!(fit.date.to_string(), "2026-03-02");
    let ride = by("2026-03-03-ride.fit");
    assert_eq!(ride.sport, Sport::Cross(CrossKind::Cycling));
    // GPX: distance along the track, time from the points; no RPE in GPX.
    let gpx = by("2026-03-04-tempo.gpx");
    assert!((gpx.km.unwrap() - 9.0).abs() < 0.01, "{gpx:?}");
    assert!((gpx.minutes - 44.0).abs() < 0.01);
    assert_eq!(gpx.rpe, None);
    // TCX: laps summed.
    let tcx = by("2026-03-05-run.tcx");
    assert!((tcx.km.unwrap() - 5.0).abs() < 1e-9 && (tcx.minutes - 30.0).abs() < 1e-9);
    // .gz, and a zip export with a .gz inside.
    assert!((by("2026-03-06-extra.gpx.gz").km.unwrap() - 5.0).abs() < 0.01);
    assert_eq!(by("2026-03-07-easy.fit").km, Some(6.1));
    assert!((by("2026-03-08-long.gpx.gz").km.unwrap() - 15.0).abs() < 0.01);
    // The Monday run is in the folder and in the export: read twice (the preview drops one).
    assert_eq!(found.activities.len(), 8, "{:#?}", found.activities);
    // Errors are per file, with what is wrong; the rest is read.
    let errors: Vec<(String, &str)> = found
        .errors
        .iter()
        .map(|e| {
            (
                e.file.rsplit('/').next().unwrap().to_string(),
                e.message.as_str(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|(f, m)| f == "broken.tcx" && m.contains("not a TCX file"))
    );
    assert!(
        errors
            .iter()
            .any(|(f, m)| f == "bad.fit" && m.contains("does not start like a FIT file"))
    );
    assert!(
        errors
            .iter()
            .any(|(f, m)| f == "truncated.fit" && m.contains("ends early"))
    );
    assert!(
        found
            .errors
            .iter()
            .any(|e| e.file.contains("export.zip/export/activities/bad.fit"))
    );
    assert!(found.skipped.iter().any(|s| s.ends_with("activities.csv")));
}

#[test]
fn activities_attach_to_the_planned_session_of_their_day_and_kind() {
    let p = plan();
    let found = read(&[PathBuf::from(DIR)], &Progress::default());
    let items = preview(&p, found.activities);
    let decision = |src: &str| {
        items
            .iter()
            .find(|i| i.activity.source == src)
            .map(|i| i.decision.clone())
            .unwrap()
    };
    let on = |date: &str| {
        p.sessions
            .iter()
            .position(|s| s.date.to_string() == date)
            .unwrap()
    };
    assert_eq!(
        decision("2026-03-02-easy.fit"),
        Decision::Attach(on("2026-03-02"))
    );
    assert_eq!(
        decision("2026-03-03-ride.fit"),
        Decision::Attach(on("2026-03-03"))
    );
    assert_eq!(
        decision("2026-03-04-tempo.gpx"),
        Decision::Attach(on("2026-03-04"))
    );
    // Two planned runs on Thursday: the user chooses.
    let thu = on("2026-03-05");
    assert_eq!(
        decision("2026-03-05-run.tcx"),
        Decision::Choose(vec![thu, thu + 1])
    );
    // Nothing planned on Friday, but Thursday's two runs are a day away and not done: it
    // asks (attach one of them, or add it as unplanned).
    assert_eq!(
        decision("2026-03-06-extra.gpx.gz"),
        Decision::Choose(vec![thu, thu + 1])
    );
    // Attached to Thursday's recovery run, that session moves to the day it was run.
    let mut late = items.clone();
    let fri = late
        .iter()
        .position(|i| i.activity.source == "2026-03-06-extra.gpx.gz")
        .unwrap();
    late[fri].decision = Decision::Attach(thu + 1);
    let (moved, n) = apply(&p, &late);
    assert_eq!((n.attached, n.added), (6, 0));
    let recovery: Vec<_> = moved
        .sessions
        .iter()
        .filter(|s| s.activity.label().starts_with("Recovery"))
        .collect();
    assert_eq!(recovery.len(), 1);
    assert_eq!(recovery[0].date.to_string(), "2026-03-06");
    assert_eq!(recovery[0].actual.as_ref().unwrap().km, Some(5.0));
    // The user adds it as unplanned instead (the rest of this test).
    let mut items = items;
    items[fri].decision = Decision::Unplanned;
    // The Monday run a second time in the same import: left out.
    let mondays: Vec<_> = items
        .iter()
        .filter(|i| i.activity.source == "2026-03-02-easy.fit")
        .map(|i| &i.decision)
        .collect();
    assert!(matches!(mondays[1], Decision::Ignore(_)), "{mondays:?}");
    // RPE: from the file, else the planned session's.
    let rpe = |src: &str| items.iter().find(|i| i.activity.source == src).unwrap().rpe;
    assert_eq!(rpe("2026-03-02-easy.fit"), Some(4));
    assert_eq!(
        rpe("2026-03-04-tempo.gpx"),
        Some(7),
        "the tempo's planned RPE"
    );

    let (done, n) = apply(&p, &items);
    assert_eq!((n.attached, n.added), (5, 1));
    let mon = &done.sessions[on("2026-03-02")];
    assert_eq!(mon.status, Status::Done);
    let a = mon.actual.as_ref().unwrap();
    assert_eq!((a.km, a.minutes, a.rpe), (Some(8.2), 47, Some(4)));
    assert_eq!(a.source, "2026-03-02-easy.fit");
    // The analysis counts what was done: 8.2 + 9 + 6.1 + 15 + 5 km done, 6 + 4 planned.
    let r = analyze(&done);
    assert!(
        (r.weeks[0].run_km - (8.2 + 9.0 + 6.1 + 15.0 + 5.0 + 10.0)).abs() < 0.05,
        "{}",
        r.weeks[0].run_km
    );
    // Importing the same files again changes nothing.
    let found = read(&[PathBuf::from(DIR)], &Progress::default());
    let again = preview(&done, found.activities);
    assert!(
        again.iter().all(|i| matches!(
            i.decision,
            Decision::Duplicate(_) | Decision::Ignore(_) | Decision::Choose(_)
        )),
        "{again:#?}"
    );
    let (twice, n) = apply(&done, &again);
    assert_eq!((n.attached, n.added), (0, 0));
    assert_eq!(twice, done);
    // The plan file keeps the actual numbers, and old files stay valid.
    let text = gradual::format::to_canonical_string(&done);
    assert!(
        text.contains(
            "actual: Some((km: 8.2, minutes: 47, rpe: 4, source: \"2026-03-02-easy.fit\""
        ),
        "{text}"
    );
    assert_eq!(
        gradual::format::parse(&text, Path::new("x.ron")).unwrap(),
        done
    );
}

#[test]
fn adherence_bands_follow_the_compliance_colours() {
    for (ratio, band) in [
        (1.0, Band::Green),
        (0.8, Band::Green),
        (1.2, Band::Green),
        (0.79, Band::Amber),
        (1.21, Band::Amber),
        (0.5, Band::Amber),
        (1.5, Band::Amber),
        (0.49, Band::Red),
        (1.51, Band::Red),
        (0.0, Band::Red),
    ] {
        assert_eq!(Band::of(ratio), band, "{ratio}");
    }
    let mut done = imported();
    // Thursday: one run skipped, the other still planned (not counted yet).
    let thu = done
        .sessions
        .iter()
        .position(|s| s.date.to_string() == "2026-03-05")
        .unwrap();
    done.sessions[thu].status = Status::Skipped;
    let r = analyze(&done);
    let week: Totals = r.adherence[0];
    // Planned and settled: 8 + 45' ride + 8 + 6 (skipped) + 6 + 14 = 42 km of running.
    assert!((week.planned_km - 42.0).abs() < 1e-9, "{week:?}");
    assert!(
        (week.done_km - (8.2 + 9.0 + 5.0 + 6.1 + 15.0)).abs() < 0.05,
        "{week:?}"
    );
    assert_eq!(week.sessions, 7);
    assert_eq!(week.band(), Some(Band::Green));
    let skipped =
        gradual::analysis::adherence::session(&done.sessions[thu], done.athlete.easy_pace).unwrap();
    assert_eq!(skipped.band(), Some(Band::Red));
}

fn gradual(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gradual"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_imports_reports_and_never_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::copy(fixture("plan.ron"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let f = path.to_str().unwrap();
    let o = gradual(&["import", f, DIR, "--dry-run"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "some files were not read: {out}");
    assert!(
        out.contains("not read: tests/fixtures/import/truncated.fit"),
        "{out}"
    );
    assert!(
        out.contains("not attached: 2 planned sessions fit"),
        "{out}"
    );
    assert!(out.contains("Dry run: nothing written."));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let o = gradual(&[
        "import",
        f,
        &fixture("2026-03-02-easy.fit").display().to_string(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let p = gradual::format::load(&path).unwrap();
    assert_eq!(p.sessions.iter().filter(|s| s.actual.is_some()).count(), 1);
    assert!(gradual::format::backup_path(&path).exists());
    // Again: nothing to do, nothing written.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let o = gradual(&[
        "import",
        f,
        &fixture("2026-03-02-easy.fit").display().to_string(),
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("already in the plan"));
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

/// The fixtures' plan with the folder imported (Thursday's choice left open, Friday's run
/// added as unplanned).
fn imported() -> gradual::model::Plan {
    let p = plan();
    let found = read(&[PathBuf::from(DIR)], &Progress::default());
    let mut items = preview(&p, found.activities);
    // The Friday run is added as unplanned (the window asks; see above).
    for it in &mut items {
        if it.activity.source == "2026-03-06-extra.gpx.gz" {
            it.decision = Decision::Unplanned;
        }
    }
    apply(&p, &items).0
}

#[test]
fn exports_roster_and_json_carry_plan_vs_done() {
    use gradual::export::{ExportFormat, export};
    let done = imported();
    // CSV: the new columns come last; Monday ran 8.2 km in 47 of 48 planned minutes.
    let csv = export(&done, ExportFormat::Csv);
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(
        header[header.len() - 7..],
        [
            "actual_km",
            "actual_minutes",
            "actual_rpe",
            "actual_source",
            "unplanned",
            "adherence_pct",
            "adherence_band"
        ]
    );
    let monday = rows.find(|r| r.starts_with("2026-03-02")).unwrap();
    assert!(
        monday.ends_with(",8.2,47,4,2026-03-02-easy.fit,false,98,green"),
        "{monday}"
    );
    let unplanned = csv.lines().find(|r| r.starts_with("2026-03-06")).unwrap();
    assert!(unplanned.contains(",true,,"), "{unplanned}");
    // HTML: what was run beside what was planned, and the week's share in its colour.
    let html = export(&done, ExportFormat::Html);
    assert!(html.contains("✔ Easy 8.2 km (planned Easy 8 km)"), "{html}");
    assert!(html.contains("band-green"));
    assert!(html.contains("% of planned time (green)"));
    // The roster: plan vs done lately.
    let dir = tempfile::tempdir().unwrap();
    gradual::format::save(&done, &dir.path().join("a.ron")).unwrap();
    gradual::format::save(&plan(), &dir.path().join("b.ron")).unwrap();
    let roster = gradual::roster::scan(dir.path());
    let lately: Vec<_> = roster
        .entries
        .iter()
        .map(|e| e.lately.map(|t| t.band()))
        .collect();
    assert_eq!(lately, [Some(Some(Band::Green)), None]);
    // check --format json: per week and for the plan, additions only.
    let o = gradual(&[
        "check",
        "--format",
        "json",
        dir.path().join("a.ron").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let week = &v["plans"][0]["weeks"][0];
    assert_eq!(week["adherence"]["band"], "green", "{week}");
    assert_eq!(week["adherence"]["sessions"], 6);
    assert!(week["run_km"].is_number(), "existing fields stay");
    assert_eq!(v["plans"][0]["adherence"]["band"], "green");
}

#[test]
fn a_garmin_export_with_zips_inside_is_read() {
    use std::io::Write;
    // Garmin's bulk export keeps the uploaded FIT files in zip parts inside its archive.
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut inner = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    inner.start_file("2026-03-02-easy.fit", opts).unwrap();
    inner
        .write_all(&std::fs::read(fixture("2026-03-02-easy.fit")).unwrap())
        .unwrap();
    inner.start_file("broken.fit", opts).unwrap();
    inner.write_all(b"not a fit file").unwrap();
    let inner = inner.finish().unwrap().into_inner();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garmin.zip");
    let mut outer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    outer
        .start_file(
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
            opts,
        )
        .unwrap();
    outer.write_all(&inner).unwrap();
    outer
        .start_file("DI_CONNECT/DI-Connect-Fitness/summary.json", opts)
        .unwrap();
    outer.write_all(b"{}").unwrap();
    outer.finish().unwrap();
    let progress = Progress::default();
    let found = read(std::slice::from_ref(&path), &progress);
    let part = format!(
        "{}/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
        path.display()
    );
    assert_eq!(found.activities.len(), 1, "{found:#?}");
    // An activity is known by its file's name (re-importing from elsewhere matches).
    assert_eq!(found.activities[0].source, "2026-03-02-easy.fit");
    assert_eq!(found.activities[0].km, Some(8.2));
    assert_eq!(found.errors.len(), 1);
    assert_eq!(found.errors[0].file, format!("{part}/broken.fit"));
    assert_eq!(
        found.skipped.len(),
        1,
        "the JSON summary is not an activity"
    );
    let (done, total) = progress.get();
    assert_eq!(done, total, "the progress bar ends full");
}

#[test]
fn runs_with_no_activity_between_the_first_and_last_one_read_are_missed() {
    let p = plan();
    // Monday's file and the export (Saturday and Sunday); Saturday's left out: the runs
    // from Tuesday to Saturday were not run.
    let found = read(
        &[fixture("2026-03-02-easy.fit"), fixture("export.zip")],
        &Progress::default(),
    );
    let mut items = preview(&p, found.activities);
    items.retain(|it| it.activity.source != "2026-03-07-easy.fit");
    let names = |ix: &[usize]| -> Vec<String> {
        ix.iter()
            .map(|&i| format!("{} {}", p.sessions[i].date, p.sessions[i].activity.label()))
            .collect()
    };
    assert_eq!(
        names(&missed(&p, &items)),
        [
            "2026-03-04 Tempo 8 km",
            "2026-03-05 Easy 6 km",
            "2026-03-05 Recovery 4 km",
            "2026-03-07 Easy 6 km"
        ],
        "runs only (Tuesday's ride is not a watch's to judge), from Monday to Sunday"
    );
    let (done, n) = apply_marking(&p, &items, &missed(&p, &items));
    assert_eq!((n.attached, n.skipped), (2, 4));
    // The week's plan vs done says so.
    let week = analyze(&done).adherence[0];
    assert_eq!(week.band(), Some(Band::Amber), "{week:?}");
    // Without marking, nothing is skipped.
    assert_eq!(apply(&p, &items).1.skipped, 0);
    // A run still offered to an activity waiting for a choice is not called missed.
    let found = read(
        &[
            fixture("2026-03-02-easy.fit"),
            fixture("2026-03-05-run.tcx"),
        ],
        &Progress::default(),
    );
    let thursday = preview(&p, found.activities);
    assert_eq!(names(&missed(&p, &thursday)), ["2026-03-04 Tempo 8 km"]);
}

#[test]
fn the_command_line_names_runs_without_an_activity_and_marks_them_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::copy(fixture("plan.ron"), &path).unwrap();
    let f = path.to_str().unwrap();
    let mon = fixture("2026-03-02-easy.fit").display().to_string();
    let weekend = fixture("export.zip").display().to_string();
    // Monday, then Saturday and Sunday: Wednesday's and Thursday's runs have no activity
    // (Tuesday's ride is not a run: left alone).
    let o = gradual(&["import", f, &mon, &weekend, "--dry-run"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let listed: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("no activity for"))
        .collect();
    assert_eq!(listed.len(), 3, "{out}");
    assert!(listed[0].starts_with("  2026-03-04  no activity for: Tempo run 8 km (still planned; --mark-missed marks it skipped)"), "{out}");
    let o = gradual(&["import", f, &mon, &weekend, "--mark-missed"]);
    assert_eq!(o.status.code(), Some(1), "the zip holds a broken file");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(", 3 missed runs marked skipped;"), "{out}");
    let p = gradual::format::load(&path).unwrap();
    let skipped: Vec<String> = p
        .sessions
        .iter()
        .filter(|s| s.status == Status::Skipped)
        .map(|s| s.date.to_string())
        .collect();
    assert_eq!(skipped, ["2026-03-04", "2026-03-05", "2026-03-05"]);
}

#[test]
fn a_run_recorded_without_distance_keeps_the_plan_in_kilometres() {
    use gradual::model::{Activity, Actual, Session};
    let mut p = plan();
    // Monday's 8 km (48 min at the easy pace) run on a treadmill: 24 minutes, no distance.
    let mon = p
        .sessions
        .iter()
        .position(|s| s.date.to_string() == "2026-03-02")
        .unwrap();
    p.sessions[mon].status = Status::Done;
    p.sessions[mon].actual = Some(Actual {
        km: None,
        minutes: 24,
        rpe: None,
        source: "treadmill.fit".into(),
        start: None,
        unplanned: false,
    });
    // And an unplanned 30-minute treadmill run on Friday.
    let mut extra = Session::new(
        "2026-03-06".parse().unwrap(),
        Activity::Run {
            kind: gradual::model::RunKind::Easy,
            km: None,
            minutes: Some(30),
            rpe: 3,
            surface: Default::default(),
            footwear: Default::default(),
        },
    );
    extra.status = Status::Done;
    extra.actual = Some(Actual {
        km: None,
        minutes: 30,
        rpe: None,
        source: "extra.fit".into(),
        start: None,
        unplanned: true,
    });
    p.sessions.push(extra);
    p.canonicalize();
    let r = analyze(&p);
    let week = &r.weeks[0];
    assert_eq!(week.time_only_minutes, 0.0, "still judged in km: {week:?}");
    // 4 km for Monday (half the planned time), 5 km for Friday (30 min at 6:00 / km),
    // and the other runs as planned: 8 + 6 + 4 + 6 + 14.
    assert!(
        (week.run_km - (4.0 + 5.0 + 8.0 + 6.0 + 4.0 + 6.0 + 14.0)).abs() < 1e-9,
        "{}",
        week.run_km
    );
}
