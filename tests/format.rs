//! Plan files: round-trips, byte stability, atomic save with backup, and error messages.

use gradual::format::{self, LoadError, MAX_FILE_BYTES};
use gradual::model::Plan;
use std::fs;
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir("plans")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    assert!(v.len() >= 5);
    v
}

#[test]
fn examples_are_canonical_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    for path in examples() {
        let text = fs::read_to_string(&path).unwrap();
        let plan = format::load(&path).unwrap();
        assert_eq!(
            format::to_canonical_string(&plan),
            text,
            "{} is not canonical",
            path.display()
        );
        let out = dir.path().join("copy.ron");
        format::save(&plan, &out).unwrap();
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            text,
            "save is byte-identical"
        );
        assert_eq!(
            format::load(&out).unwrap(),
            plan,
            "load → save → load is equal"
        );
    }
}

#[test]
fn save_sorts_sessions_stably_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut plan = format::load(Path::new("plans/half-marathon.ron")).unwrap();
    plan.sessions.reverse();
    let same_day: Vec<_> = plan
        .sessions
        .iter()
        .filter(|s| s.date == plan.sessions[5].date)
        .cloned()
        .collect();
    format::save(&plan, &path).unwrap();
    let first = fs::read_to_string(&path).unwrap();
    let loaded = format::load(&path).unwrap();
    assert!(loaded.sessions.windows(2).all(|w| w[0].date <= w[1].date));
    let day = same_day[0].date;
    let kept: Vec<_> = loaded
        .sessions
        .iter()
        .filter(|s| s.date == day)
        .cloned()
        .collect();
    assert_eq!(kept, same_day, "order within a day is kept");
    assert!(
        !format::backup_path(&path).exists(),
        "no backup of a file that did not exist"
    );

    plan.name = "Renamed".into();
    format::save(&plan, &path).unwrap();
    assert_eq!(
        fs::read_to_string(format::backup_path(&path)).unwrap(),
        first
    );
    assert_eq!(format::load(&path).unwrap().name, "Renamed");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn failed_save_reports_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = format::load(Path::new("plans/beginner-5k.ron")).unwrap();
    let path = dir.path().join("missing-folder").join("plan.ron");
    let err = format::save(&plan, &path).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("could not save") && text.contains("writing the temporary file"),
        "{text}"
    );
    assert!(text.contains("the file on disk was not changed"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

const GOOD: &str = r#"(
    format: 1,
    name: "Spring half marathon",
    athlete: (
        name: "Sam",
        level: Novice,                 // Novice | Returning | Experienced
        body_mass_kg: Some(68.0),      // optional
        calf_raise_tests: [(date: "2026-01-03", left: 18, right: 22)],
        baseline: Some((weekly_km: 20.0, long_run_km: 8.0)),  // what they run now
    ),
    race: Some((name: "City Half", date: "2026-04-26", km: 21.1)),
    blocks: [(name: "Base", start: "2026-01-05", weeks: 4, phase: Base)],
    sessions: [
        (date: "2026-01-05", activity: Run(kind: Easy, km: 6.0, minutes: 40, rpe: 3)),
        (date: "2026-01-07", activity: Run(kind: Intervals, km: 7.0, minutes: 45, rpe: 7, surface: Track, footwear: Shoes)),
        (date: "2026-01-06", activity: Cross(kind: Cycling, minutes: 45, rpe: 5)),
        (date: "2026-01-08", activity: Cross(kind: Strength, minutes: 40, rpe: 6, calf_work: true)),
        (date: "2026-01-09", activity: Calf(stage: 1, sets: 3, reps: 15), generated: true),
        (date: "2026-01-10", activity: Rest, note: "travel"),
        (date: "2026-01-11", activity: Run(kind: Long, km: 9.0, rpe: 4), status: Done),
    ],
    symptoms: [(date: "2026-02-01", area: Calf, pain: 3, flags: [])],
    settings: (),
)"#;

fn parse(text: &str) -> Result<Plan, LoadError> {
    format::parse(text, Path::new("plan.ron"))
}

#[test]
fn the_documented_example_loads() {
    let plan = parse(GOOD).unwrap();
    assert_eq!(plan.sessions.len(), 7);
    assert!(plan.sessions[4].generated);
    assert_eq!(plan.sessions[6].status, gradual::model::Status::Done);
    // Omitted defaults (surface, footwear, minutes) survive a round trip.
    let again = parse(&format::to_canonical_string(&plan)).unwrap();
    let mut sorted = plan.clone();
    sorted.canonicalize();
    assert_eq!(again, sorted);
}

/// Replace this, with that, expected (line, column), text in the message, text in the hint.
type Case = (
    &'static str,
    &'static str,
    Option<(usize, usize)>,
    &'static str,
    &'static str,
);

#[test]
fn broken_files_name_line_column_and_what_to_do() {
    let cases: &[Case] = &[
        (
            "km: 6.0",
            "kmm: 6.0",
            Some((14, 56)),
            "unknown field `kmm` in Run",
            "allowed here: `kind`, `km`",
        ),
        (
            "Intervals",
            "Interval",
            Some((15, 50)),
            "`Interval` is not a valid choice",
            "`Intervals`",
        ),
        (
            "2026-01-07",
            "2026-02-30",
            Some((15, 17)),
            "invalid date",
            "YYYY-MM-DD",
        ),
        (
            "minutes: 40, ",
            "minutes: 40 ",
            Some((14, 77)),
            "expected a comma",
            "comma is probably missing",
        ),
        (
            "rpe: 3)",
            "rpe: 300)",
            Some((14, 83)),
            "out of range",
            "rpe 1–10",
        ),
        (
            "name: \"Sam\",",
            "",
            Some((10, 5)),
            "missing field `name` in Athlete",
            "add `name: …`",
        ),
        (
            "settings: (),\n)",
            "settings: (),\n",
            Some((23, 18)),
            "ends too early",
            "not closed",
        ),
        (
            "rpe: 3)",
            "rpe: 14)",
            Some((14, 78)),
            "sessions[0] on 2026-01-05: rpe 14 is outside 1–10",
            "correct the value",
        ),
        (
            "weeks: 4",
            "weeks: 0",
            Some((12, 50)),
            "blocks[0] \"Base\": weeks 0 is outside 1–520",
            "",
        ),
        (
            "km: 6.0",
            "km: -6.0",
            Some((14, 56)),
            "sessions[0] on 2026-01-05: km -6 km is outside",
            "",
        ),
        (
            "stage: 1",
            "stage: 9",
            Some((18, 45)),
            "sessions[4] on 2026-01-09: stage 9 is outside 1–6",
            "",
        ),
        (
            "pain: 3",
            "pain: 11",
            Some((22, 49)),
            "symptoms[0] on 2026-02-01: pain 11 is outside 0–10",
            "",
        ),
        (
            "settings: ()",
            "settings: (calf_factors: {\"Bike\": 0.2})",
            Some((23, 5)),
            "unknown name \"Bike\"",
            "",
        ),
        (
            "settings: ()",
            "settings: (long_run_caution_pct: 150.0)",
            Some((23, 5)),
            "long_run_caution_pct (150) is above long_run_warning_pct (100)",
            "",
        ),
        (
            "format: 1",
            "format: 2, hoverboard: true",
            None,
            "format 2, written by a newer Gradual",
            "update Gradual",
        ),
        (
            "format: 1",
            "format: 0",
            Some((2, 5)),
            "format 0 is not one this version reads",
            "",
        ),
    ];
    for (from, to, pos, message, hint) in cases {
        assert!(GOOD.contains(from), "{from}");
        let err = parse(&GOOD.replacen(from, to, 1)).unwrap_err();
        assert_eq!(err.file, Path::new("plan.ron"));
        assert_eq!(err.line.zip(err.column), *pos, "{to}: {err}");
        assert!(err.message.contains(message), "{to}: {}", err.message);
        assert!(err.hint.contains(hint), "{to}: {}", err.hint);
        let shown = err.to_string();
        match pos {
            Some((l, c)) => assert!(shown.starts_with(&format!("plan.ron:{l}:{c}: ")), "{shown}"),
            None => assert!(shown.starts_with("plan.ron: "), "{shown}"),
        }
    }
}

#[test]
fn several_problems_are_listed_together() {
    let text = GOOD
        .replace("rpe: 3)", "rpe: 0)")
        .replace("pain: 3", "pain: 12");
    let err = parse(&text).unwrap_err();
    assert!(
        err.message.contains("rpe 0") && err.message.contains("pain 12"),
        "{}",
        err.message
    );
}

#[test]
fn settings_overrides_load() {
    let text = GOOD.replace(
        "settings: ()",
        "settings: (acwr_warning: 1.3, break_days: 10, calf_factors: {\"Cycling\": 0.5})",
    );
    let plan = parse(&text).unwrap();
    assert_eq!(plan.settings.acwr_warning, Some(1.3));
    assert_eq!(plan.settings.break_days, Some(10));
    let canonical = format::to_canonical_string(&plan);
    assert!(canonical.contains("acwr_warning: 1.3"), "{canonical}");
    assert_eq!(parse(&canonical).unwrap().settings, plan.settings);
}

#[test]
fn files_that_cannot_be_plans() {
    let dir = tempfile::tempdir().unwrap();
    let missing = format::load(&dir.path().join("nope.ron")).unwrap_err();
    assert!(
        missing.message.contains("cannot open the file"),
        "{missing}"
    );

    let big = dir.path().join("big.ron");
    fs::File::create(&big)
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();
    let err = format::load(&big).unwrap_err();
    assert!(err.message.contains("limited to 16 MiB"), "{err}");

    let bin = dir.path().join("bin.ron");
    fs::write(&bin, b"(\n  format: 1,\n  name: \"\xff\"").unwrap();
    let err = format::load(&bin).unwrap_err();
    assert_eq!((err.line, err.column), (Some(3), Some(10)));
    assert!(err.message.contains("not UTF-8"));

    let err = format::load(dir.path()).unwrap_err();
    assert!(err.message.contains("is a folder"));

    for junk in [
        "",
        "(",
        "[]",
        "()",
        "(format: 1)",
        "\u{feff}",
        "(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((",
    ] {
        assert!(parse(junk).is_err(), "{junk:?}");
    }
}

/// Each range in `model::limits` is the one the file's validation applies: its ends pass,
/// one past them fails, and the message names the range.
#[test]
fn validation_follows_the_limits() {
    use gradual::model::{Activity, BodyArea, CalfRaiseTest, Level, Session, Symptom, limits};
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let calf = |sets: u8, reps: u8| Activity::Calf {
        stage: 3,
        sets,
        reps,
        kg: None,
    };
    let check = |edit: &dyn Fn(&mut Plan)| {
        let mut p = Plan::new(
            "Limits",
            gradual::model::Athlete::new("Tester", Level::Experienced),
        );
        edit(&mut p);
        format::validate(&p)
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
    };
    let (sets, reps) = (limits::CALF_SETS, limits::CALF_REPS);
    let ok = check(&|p| {
        p.sessions
            .push(Session::new(day, calf(*sets.start(), *reps.end())));
        p.sessions
            .push(Session::new(day, calf(*sets.end(), *reps.start())));
        p.symptoms
            .push(Symptom::new(day, BodyArea::Calf, *limits::PAIN.end()));
        p.athlete.calf_raise_tests.push(CalfRaiseTest::new(
            day,
            *limits::TEST_REPS.end(),
            *limits::TEST_REPS.start(),
        ));
        p.athlete.body_mass_kg = Some(*limits::BODY_MASS_KG.end());
    });
    assert!(ok.is_empty(), "{ok:?}");
    let bad = check(&|p| {
        p.sessions
            .push(Session::new(day, calf(*sets.end() + 1, *reps.end() + 1)));
        p.symptoms
            .push(Symptom::new(day, BodyArea::Calf, *limits::PAIN.end() + 1));
        p.athlete
            .calf_raise_tests
            .push(CalfRaiseTest::new(day, *limits::TEST_REPS.end() + 1, 0));
        p.athlete.body_mass_kg = Some(*limits::BODY_MASS_KG.end() + 1.0);
    });
    let range = |r: &std::ops::RangeInclusive<u8>| format!("{}–{}", r.start(), r.end());
    for (want, found) in [
        ("sets", range(&sets)),
        ("reps", range(&reps)),
        ("pain", range(&limits::PAIN)),
        ("left", "0–300".to_string()),
        ("body_mass_kg", "20–300".to_string()),
    ] {
        assert!(
            bad.iter()
                .any(|m| m.starts_with(want) && m.contains(&found)),
            "{want} {found}: {bad:?}"
        );
    }
    assert_eq!(bad.len(), 5, "{bad:?}");
}
