//! One bad file never costs the rest: activity files that hang, panic or blow up a
//! reader, archives and folders that grow without end, activities no plan can hold, and
//! the command line's arguments taken strictly. Hostile files are made here, in temporary
//! folders; the real device files are in `tests/fixtures/fit-real/`.

mod common;

use common::*;
use gradual::import::{self, Decision, Progress, preview, read};
use gradual::model::Level;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = "tests/fixtures/import";
const REAL: &str = "tests/fixtures/fit-real";

/// Runs `gradual` with a time limit: a hang fails the test instead of the suite.
fn gradual_within(args: &[&str], limit: Duration) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gradual"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let o = child.wait_with_output().unwrap();
            let text = String::from_utf8_lossy(&o.stdout).into_owned()
                + &String::from_utf8_lossy(&o.stderr);
            return (status.code().unwrap_or(-1), text);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("gradual {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn read_paths(paths: &[PathBuf]) -> import::Found {
    read(paths, &Progress::default())
}

fn copy(from: &str, to: &Path) {
    std::fs::copy(from, to).unwrap();
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

// ---- high: one file stops everything ---------------------------------------------------

#[test]
fn a_fit_file_with_misaligned_fields_does_not_hang_the_import() {
    // fitparser warns on standard error from a worker thread; the command line held the
    // stream's lock for the whole command, so the import waited for ever (a real COROS
    // PACE 2 file does this).
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    copy(&format!("{FIXTURES}/plan.ron"), &plan);
    let coros = format!("{REAL}/coros-pace-2-cycling-misaligned-fields.fit");
    let (code, out) = gradual_within(
        &["import", plan.to_str().unwrap(), &coros, "--dry-run"],
        Duration::from_secs(60),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Cycling  32.1 km, 188 min"), "{out}");
}

#[test]
fn real_device_files_read_as_the_fit_sdk_reads_them() {
    let found = read_paths(&[PathBuf::from(REAL)]);
    assert!(found.errors.is_empty(), "{:#?}", found.errors);
    let by = |name: &str| {
        found
            .activities
            .iter()
            .find(|a| a.source.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {:#?}", found.activities))
    };
    // Garmin's SDK: cycling, 32.15 km, timer 188.1 min.
    let coros = by("coros");
    assert_eq!(
        coros.sport,
        import::Sport::Cross(gradual::model::CrossKind::Cycling)
    );
    assert!((coros.km.unwrap() - 32.15).abs() < 0.01, "{coros:?}");
    assert!((coros.minutes - 188.1).abs() < 0.1, "{coros:?}");
    // A data message without a definition (and a checksum that does not check): skipped
    // as the SDK does; its session is running, 11.27 km, 59.3 min.
    let strava = by("strava");
    assert_eq!(strava.sport, import::Sport::Run);
    assert!((strava.km.unwrap() - 11.27).abs() < 0.01, "{strava:?}");
    assert!((strava.minutes - 59.3).abs() < 0.1, "{strava:?}");
    assert_eq!(
        strava.date.to_string(),
        strava.start.unwrap().date().to_string()
    );
}

/// A folder with a good run and files that panicked readers.
fn hostile_folder() -> (tempfile::TempDir, Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    copy(
        &format!("{FIXTURES}/2026-03-02-easy.fit"),
        &dir.path().join("good.fit"),
    );
    // A header-size byte larger than the file: fitparser sliced past the end.
    let mut fit = std::fs::read(format!("{FIXTURES}/2026-03-02-easy.fit")).unwrap();
    fit.truncate(100);
    fit[0] = 240;
    std::fs::write(dir.path().join("header.fit"), fit).unwrap();
    // A time the gpx crate cannot hold.
    std::fs::write(
        dir.path().join("time.gpx"),
        r#"<?xml version="1.0"?><gpx version="1.1" creator="x"><trk><trkseg>
        <trkpt lat="1" lon="1"><time>9999-12-31T23:00:59-23:59</time></trkpt>
        <trkpt lat="1.01" lon="1"><time>9999-12-31T23:10:59-23:59</time></trkpt>
        </trkseg></trk></gpx>"#,
    )
    .unwrap();
    (dir, vec!["header.fit", "time.gpx"])
}

#[test]
fn a_file_that_breaks_its_reader_costs_only_itself() {
    let (dir, bad) = hostile_folder();
    let progress = Progress::default();
    let found = read(&[dir.path().to_path_buf()], &progress);
    assert_eq!(found.activities.len(), 1, "{found:#?}");
    for b in bad {
        let e = found
            .errors
            .iter()
            .find(|e| e.file.ends_with(b))
            .unwrap_or_else(|| panic!("{b} named: {found:#?}"));
        assert!(!e.message.is_empty());
    }
    let (done, total) = progress.get();
    assert_eq!(done, total, "the progress reaches its end");
    // The command line goes on too: exit 1 (some files not read), never 101.
    let plan = dir.path().join("plan.ron");
    copy(&format!("{FIXTURES}/plan.ron"), &plan);
    let (code, out) = gradual_within(
        &[
            "import",
            plan.to_str().unwrap(),
            dir.path().to_str().unwrap(),
            "--dry-run",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("header.fit") && out.contains("time.gpx"),
        "{out}"
    );
}

#[test]
fn out_of_range_activities_are_left_out_one_by_one() {
    let good = |date: &str, km: Option<f64>, minutes: f64| import::Imported {
        source: format!("{date}.fit"),
        start: Some(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .unwrap()
                .and_hms_opt(7, 0, 0)
                .unwrap(),
        ),
        date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        sport: import::Sport::Run,
        km,
        minutes,
        rpe: None,
    };
    let mut plan = with_baseline(Level::Experienced, 30.0, 10.0);
    plan.sessions = vec![easy(0, 8.0), easy(2, 8.0), easy(4, 8.0)];
    let items = preview(
        &plan,
        vec![
            good("2026-01-05", Some(8.1), 48.0),     // attaches
            good("1989-12-31", Some(5.0), 30.0),     // a watch with its clock unset
            good("2100-06-01", Some(5.0), 30.0),     // far in the future: 30 years
            good("2026-01-07", Some(301.0), 2000.0), // over 300 km, over a day
            good("2026-01-07", Some(f64::INFINITY), 30.0),
            good("2026-01-09", Some(50.0), 10.0), // 300 km/h
            good("2026-01-08", Some(5.0), 1e300 / 60.0),
            good("2250-01-08", Some(5.0), 30.0),
        ],
    );
    let why: Vec<String> = items
        .iter()
        .map(|it| match &it.decision {
            Decision::Ignore(w) => w.clone(),
            d => format!("{d:?}"),
        })
        .collect();
    assert!(matches!(items[0].decision, Decision::Attach(0)), "{why:#?}");
    assert!(
        why[1].contains(
            "would stretch the plan over more than 30 years (a watch with its clock unset?)"
        ),
        "{why:#?}"
    );
    assert!(
        why[2].contains("would stretch the plan over more than 30 years"),
        "{why:#?}"
    );
    assert!(why[3].contains("it lasts over a day"), "{why:#?}");
    assert!(why[4].contains("not a real distance"), "{why:#?}");
    assert!(why[5].contains("faster than a runner can go"), "{why:#?}");
    assert!(
        why[6].contains("it lasts over a day (far more)"),
        "{why:#?}"
    );
    assert!(why[7].contains("outside the years plans use"), "{why:#?}");
    // The rest is applied and the plan still loads.
    let (p, n) = import::apply(&plan, &items);
    assert_eq!((n.attached, n.added), (1, 0));
    assert!(gradual::format::validate(&p).is_empty());
    // Text stays short, whatever a file claims.
    assert_eq!(items[6].activity.size_text(), "5.0 km, ? min");
}

#[test]
fn the_command_line_writes_the_rest_and_says_what_was_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    copy(&format!("{FIXTURES}/plan.ron"), &plan);
    let acts = dir.path().join("acts");
    std::fs::create_dir(&acts).unwrap();
    copy(
        &format!("{FIXTURES}/2026-03-04-tempo.gpx"),
        &acts.join("ok.gpx"),
    );
    // The same track dated 1989 (an unset clock).
    let text = std::fs::read_to_string(format!("{FIXTURES}/2026-03-04-tempo.gpx")).unwrap();
    std::fs::write(
        acts.join("old.gpx"),
        text.replace("2026-03-04", "1989-12-31"),
    )
    .unwrap();
    let (code, out) = gradual_within(
        &[
            "import",
            plan.to_str().unwrap(),
            acts.to_str().unwrap(),
            "-o",
            "-",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1989-12-31  Run      9.0 km, 44 min  left out: its date, 1989-12-31, would stretch the plan"),
        "{out}"
    );
    assert!(out.contains("1 attached to planned sessions"), "{out}");
    // Defaults are left out of the file as everywhere else.
    assert!(
        !out.contains("body_mass_kg: None") && !out.contains("race: None"),
        "{out}"
    );
}

// ---- medium: small inputs, big costs ---------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loops_are_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    std::fs::create_dir_all(a.join("b")).unwrap();
    copy(
        &format!("{FIXTURES}/2026-03-02-easy.fit"),
        &a.join("b/run.fit"),
    );
    std::os::unix::fs::symlink(&a, a.join("b/up")).unwrap();
    std::os::unix::fs::symlink(&a, a.join("again")).unwrap();
    std::os::unix::fs::symlink(a.join("b/run.fit"), a.join("same.fit")).unwrap();
    let started = Instant::now();
    let found = read_paths(&[dir.path().to_path_buf()]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(found.activities.len(), 1, "{found:#?}");
    assert!(found.errors.is_empty(), "{found:#?}");
}

#[test]
fn matching_is_linear_in_activities_and_sessions() {
    // Was quadratic: 20,000 activities took 13 s.
    let mut plan = plan(Level::Experienced);
    let n = 20_000i64;
    plan.sessions = (0..n).map(|d| easy(d % 9000, 8.0)).collect();
    let acts: Vec<import::Imported> = (0..n)
        .map(|k| import::Imported {
            source: format!("{k}.fit"),
            start: Some(
                day(k % 9000).and_hms_opt(6, 0, (k % 60) as u32).unwrap()
                    + chrono::Duration::minutes(k / 60 * 3),
            ),
            date: day(k % 9000),
            sport: import::Sport::Run,
            km: Some(8.0),
            minutes: 48.0,
            rpe: None,
        })
        .collect();
    let started = Instant::now();
    let items = preview(&plan, acts);
    let took = started.elapsed();
    assert_eq!(items.len(), n as usize);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn deeply_nested_gpx_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(r#"<?xml version="1.0"?><gpx version="1.1" creator="x">"#);
    for _ in 0..50_000 {
        text.push_str("<extensions>");
    }
    for _ in 0..50_000 {
        text.push_str("</extensions>");
    }
    text.push_str("</gpx>");
    std::fs::write(dir.path().join("deep.gpx"), text).unwrap();
    let started = Instant::now();
    let found = read_paths(&[dir.path().to_path_buf()]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        found.errors[0]
            .message
            .contains("nested more than 100 deep"),
        "{found:#?}"
    );
}

#[test]
fn a_gpx_over_its_size_is_named_not_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let f = std::fs::File::create(dir.path().join("huge.gpx")).unwrap();
    f.set_len(import::MAX_GPX_BYTES + 10).unwrap();
    let found = read_paths(&[dir.path().to_path_buf()]);
    assert!(
        found.errors[0]
            .message
            .contains("over 16 MiB, too big for a GPX activity file"),
        "{found:#?}"
    );
}

// ---- low ------------------------------------------------------------------------------

#[test]
fn zip_entries_of_one_name_are_each_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for (name, f) in [
        ("activity-1.fit", "2026-03-02-easy.fit"),
        ("activity-2.fit", "2026-03-03-ride.fit"),
    ] {
        z.start_file(name, opts).unwrap();
        z.write_all(&std::fs::read(format!("{FIXTURES}/{f}")).unwrap())
            .unwrap();
    }
    z.finish().unwrap();
    // The zip writer refuses two entries of one name: give the second the first's name
    // in place (same length, in its local header and the central directory).
    let mut bytes = std::fs::read(&path).unwrap();
    let (from, to) = (b"activity-2.fit", b"activity-1.fit");
    let mut i = 0;
    while let Some(k) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + k..i + k + to.len()].copy_from_slice(to);
        i += k + 1;
    }
    std::fs::write(&path, bytes).unwrap();
    let found = read_paths(&[path]);
    assert_eq!(
        found.activities.len() + found.errors.len(),
        2,
        "both entries accounted for: {found:#?}"
    );
}

#[test]
fn every_member_of_a_gz_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(format!("{FIXTURES}/2026-03-04-tempo.gpx")).unwrap();
    let (a, b) = text.split_at(text.len() / 2);
    let mut two = gz(a);
    two.extend(gz(b));
    std::fs::write(dir.path().join("run.gpx.gz"), two).unwrap();
    let found = read_paths(&[dir.path().to_path_buf()]);
    assert!(found.errors.is_empty(), "{found:#?}");
    assert_eq!(found.activities.len(), 1);
}

#[test]
fn the_plan_is_never_written_over_an_activity_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    copy(&format!("{FIXTURES}/plan.ron"), &plan);
    let act = dir.path().join("act.fit");
    copy(&format!("{FIXTURES}/2026-03-02-easy.fit"), &act);
    let before = std::fs::read(&act).unwrap();
    let a = act.to_str().unwrap();
    let (code, out) = gradual_within(
        &["import", plan.to_str().unwrap(), a, "-o", a],
        Duration::from_secs(60),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is one of the activity files read"), "{out}");
    assert_eq!(std::fs::read(&act).unwrap(), before);
}

#[test]
fn a_tcx_lap_time_that_is_not_a_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(format!("{FIXTURES}/2026-03-05-run.tcx")).unwrap();
    let start = text.find("<TotalTimeSeconds>").unwrap() + "<TotalTimeSeconds>".len();
    let end = start + text[start..].find('<').unwrap();
    let bad = format!("{}NaN{}", &text[..start], &text[end..]);
    std::fs::write(dir.path().join("nan.tcx"), bad).unwrap();
    let found = read_paths(&[dir.path().to_path_buf()]);
    assert!(found.activities.is_empty(), "{found:#?}");
    assert!(
        found.errors[0]
            .message
            .contains("a lap's time is \"NaN\", not a number"),
        "{found:#?}"
    );
}

#[test]
fn arguments_are_taken_strictly_and_enums_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    copy("plans/beginner-5k.ron", &plan);
    let p = plan.to_str().unwrap();
    let symptom = |date: &str, area: &str, pain: &str| {
        gradual_within(
            &[
                "symptom",
                p,
                "--date",
                date,
                "--area",
                area,
                "--pain",
                pain,
                "--dry-run",
            ],
            Duration::from_secs(60),
        )
    };
    for date in ["+2026-03-03", " 2026-03-03", "2026-3-3"] {
        let (code, out) = symptom(date, "calf", "2");
        assert_eq!(code, 2, "{date:?}: {out}");
    }
    let (code, out) = symptom("2026-03-03", "calf", "+5");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not a whole number"), "{out}");
    // As the file writes it.
    let (code, out) = symptom("2026-03-03", "Calf", "2");
    assert_eq!(code, 0, "{out}");
    let (code, out) = gradual_within(
        &[
            "symptom",
            p,
            "--date",
            "2026-03-03",
            "--area",
            "calf",
            "--pain",
            "2",
            "--when",
            "NextMorning",
            "--dry-run",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn ranges_that_cannot_work_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    copy("plans/beginner-5k.ron", &plan);
    let p = plan.to_str().unwrap();
    let (code, out) = gradual_within(
        &[
            "headroom",
            p,
            "--fit",
            "--from",
            "2026-04-20",
            "--to",
            "2026-03-10",
            "--dry-run",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("--to 2026-03-10 is before --from 2026-04-20"),
        "{out}"
    );
    let (code, out) = gradual_within(
        &["return", p, "--from", "2027-01-04", "--dry-run"],
        Duration::from_secs(60),
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("is after the plan's last day (2026-05-10)"),
        "{out}"
    );
}

// ---- no background task takes the window down ------------------------------------------

#[test]
fn fit_replan_and_return_survive_the_plans_that_broke_them() {
    // A last week of runs that all scale below a kilometre: fitting dropped them all and
    // then looked up the week by an index the shorter plan no longer had.
    let mut p = with_baseline(Level::Novice, 1.0, 1.0);
    p.sessions = vec![easy(0, 1.0)];
    p.sessions.extend((7..13).map(|d| easy(d, 0.9)));
    let fitted = gradual::analysis::headroom::fit(&p, day(0), day(13));
    assert_eq!(fitted.changed.len(), 1);
    assert_eq!(fitted.changed[0].after, 0.0);
    let r = gradual::replan::replan(&p, day(1));
    assert!(!r.changes.is_empty());
    // A return on an empty plan, or one run and no baseline, from a Monday: analysed a
    // block of no weeks.
    let empty = plan(Level::Novice);
    assert!(gradual::care::outside_plan(&empty, day(0)).is_some());
    let b = gradual::care::return_block(&empty, day(0));
    assert!(b.plan.blocks.iter().all(|x| x.weeks > 0));
    let mut one = plan(Level::Novice);
    one.sessions = vec![easy(2, 5.0)];
    let b = gradual::care::return_block(&one, day(0));
    assert!(!b.weeks.is_empty());
}

// ---- a few hundred mutated files: no panic, no hang --------------------------------------

/// A small deterministic generator (no dependency for it).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn mutated_activity_files_never_panic_or_hang_the_import() {
    let sources = [
        "2026-03-02-easy.fit",
        "2026-03-03-ride.fit",
        "2026-03-04-tempo.gpx",
        "2026-03-05-run.tcx",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Lcg(42);
    let mut written = 0;
    for (k, src) in sources.iter().enumerate() {
        let original = std::fs::read(format!("{FIXTURES}/{src}")).unwrap();
        let ext = src.rsplit('.').next().unwrap();
        for m in 0..80 {
            let mut b = original.clone();
            match m % 4 {
                // Flip a few bytes.
                0 | 1 => {
                    for _ in 0..1 + rng.next() % 6 {
                        let i = (rng.next() as usize) % b.len();
                        b[i] ^= 1 << (rng.next() % 8);
                    }
                }
                // Cut it short.
                2 => b.truncate((rng.next() as usize) % b.len()),
                // A byte set to an extreme.
                _ => {
                    let i = (rng.next() as usize) % b.len().min(64);
                    b[i] = [0x00, 0xff, 0x7f, 0x80][(rng.next() % 4) as usize];
                }
            }
            std::fs::write(dir.path().join(format!("m{k}-{m}.{ext}")), b).unwrap();
            written += 1;
        }
    }
    let started = Instant::now();
    let progress = Progress::default();
    let found = read(&[dir.path().to_path_buf()], &progress);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{:?}",
        started.elapsed()
    );
    // Every file is read (perhaps with nothing a plan holds in it) or named.
    let files_with_activities: std::collections::HashSet<&str> =
        found.activities.iter().map(|a| a.source.as_str()).collect();
    assert!(files_with_activities.len() + found.errors.len() <= written);
    assert!(
        found.errors.len() > written / 4,
        "most mutants are damaged: {}",
        found.errors.len()
    );
    let (done, total) = progress.get();
    assert_eq!((done, total), (written, written));
    // And every activity read is one a plan can take or is left out with a reason.
    let plan = plan(Level::Experienced);
    for it in preview(&plan, found.activities) {
        if let Decision::Ignore(why) = &it.decision {
            assert!(!why.is_empty());
        }
    }
}
