//! The hostile probe set: every file Gradual reads or writes survives it. Each test is a
//! defect found by probing as a careful attacker or an unlucky user would: dates at the
//! limits, huge spans, quadratic exports, unbounded reads, injection into ICS / CSV /
//! terminals, symlinks and permissions around saving, lost updates, needless rewrites,
//! and the command line's outputs and pipes.

mod common;

use common::*;
use gradual::format::{self, MAX_FILE_BYTES};
use gradual::model::{Activity, Level, Plan, RunKind, Session};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gradual(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gradual"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

const TINY: &str = r#"(format: 1, name: "T", athlete: (name: "A", level: Novice),
    sessions: [(date: "2026-01-05", activity: Run(kind: Easy, km: 5.0, rpe: 3))])"#;

fn parse(t: &str) -> Result<Plan, format::LoadError> {
    format::parse(t, Path::new("p.ron"))
}

// ---- dates at chrono's limits, spans ------------------------------------------------------

#[test]
fn dates_out_of_range_are_refused_with_their_place() {
    for date in [
        "+262142-12-31",
        "-262143-01-01",
        "1899-12-31",
        "2201-01-01",
        "9999-12-31",
    ] {
        let t = TINY.replace("2026-01-05", date);
        let e = parse(&t).unwrap_err();
        assert!(e.to_string().contains("years 1900–2200"), "{date}: {e}");
    }
    // A block whose last day would leave the range.
    let t = TINY.replace(
        "sessions:",
        r#"blocks: [(name: "B", start: "2199-06-01", weeks: 200, phase: Base)], sessions:"#,
    );
    let e = parse(&t).unwrap_err();
    assert!(
        e.message.contains("blocks[0] \"B\"") && e.message.contains("1900–2200"),
        "{e}"
    );
    for field in [
        r#"race: Some((name: "R", date: "3000-01-01", km: 5.0)),"#,
        r#"symptoms: [(date: "1800-01-01", area: Calf, pain: 1)],"#,
    ] {
        let t = TINY.replace("sessions:", &format!("{field} sessions:"));
        assert!(
            parse(&t).unwrap_err().message.contains("1900–2200"),
            "{field}"
        );
    }
}

#[test]
fn one_bad_file_does_not_stop_a_folder_check() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.ron"), TINY).unwrap();
    fs::write(
        dir.path().join("b.ron"),
        TINY.replace("2026-01-05", "+262142-12-31"),
    )
    .unwrap();
    let o = gradual(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["plans"].as_array().unwrap().len(),
        1,
        "the good plan is reported"
    );
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1);
}

#[test]
fn a_plan_spanning_centuries_is_refused_quickly() {
    let t = TINY.replace(
        "sessions: [",
        r#"sessions: [(date: "1901-01-01", activity: Rest), (date: "2199-12-31", activity: Rest), "#,
    );
    let start = Instant::now();
    let e = parse(&t).unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(1));
    assert!(
        e.message.contains("spans 299 years") && e.message.contains("limited to 30 years"),
        "{e}"
    );
    // The window's analysis of such a plan (built in memory) does not allocate centuries.
    let mut p = plan(Level::Novice);
    p.sessions = vec![
        Session::new(
            chrono::NaiveDate::from_ymd_opt(1901, 1, 1).unwrap(),
            Activity::Rest,
        ),
        Session::new(
            chrono::NaiveDate::from_ymd_opt(2199, 1, 1).unwrap(),
            Activity::Rest,
        ),
    ];
    let start = Instant::now();
    let r = gradual::analysis::analyze(&p);
    assert!(start.elapsed() < Duration::from_secs(1));
    assert!(
        r.notes.iter().any(|n| n.contains("30 years")),
        "{:?}",
        r.notes
    );
}

#[test]
fn cli_dates_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    fs::write(&path, TINY).unwrap();
    let f = path.to_str().unwrap();
    for args in [
        vec!["calf", f, "--to", "+262142-12-31"],
        vec!["calf", f, "--from", "1066-10-14"],
        vec![
            "new",
            "--template",
            "5k-novice",
            "--start",
            "9999-01-01",
            "--base-km",
            "20",
            "-o",
            "x.ron",
        ],
        vec![
            "new",
            "--template",
            "5k-novice",
            "--race",
            "1899-01-01",
            "--base-km",
            "20",
            "-o",
            "x.ron",
        ],
        vec![
            "symptom",
            f,
            "--date",
            "2500-01-01",
            "--area",
            "calf",
            "--pain",
            "3",
        ],
        vec!["return", f, "--from", "1800-01-01"],
    ] {
        let o = gradual(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(text(&o).contains("1900–2200"), "{args:?}: {}", text(&o));
    }
}

// ---- exports stay linear -------------------------------------------------------------------

/// 8,000 calf sessions on one day with a run: one warning names them all.
fn crowded() -> Plan {
    let mut p = with_baseline(Level::Experienced, 30.0, 10.0);
    p.sessions.push(easy(0, 6.0));
    for _ in 0..8000 {
        p.sessions.push(calf(0));
    }
    p
}

#[test]
fn exports_of_a_crowded_day_are_fast_and_bounded() {
    let p = crowded();
    for f in [
        gradual::export::ExportFormat::Ics,
        gradual::export::ExportFormat::Csv,
        gradual::export::ExportFormat::Html,
    ] {
        let start = Instant::now();
        let out = gradual::export::export(&p, f);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(5), "{f:?} took {took:?}");
        assert!(out.len() < 20_000_000, "{f:?}: {} bytes", out.len());
    }
    let ics = gradual::export::export(&p, gradual::export::ExportFormat::Ics);
    let first = ics.find("DESCRIPTION").unwrap();
    let desc_end = ics[first..].find("\r\nDTEND").unwrap_or(ics.len() - first);
    assert!(
        desc_end < 4000,
        "one description is capped: {desc_end} bytes"
    );
    // The calf scheduler copes too.
    let start = Instant::now();
    let _ = gradual::calf::schedule(&p, &gradual::calf::Options::default());
    assert!(start.elapsed() < Duration::from_secs(5));
}

// ---- bounded reads, non-regular files --------------------------------------------------------

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_reading() {
    let e = format::load(Path::new("/dev/zero")).unwrap_err();
    assert!(e.message.contains("not a regular file"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    let e = format::load(&fifo).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "a FIFO does not hang"
    );
    assert!(e.message.contains("not a regular file"), "{e}");
    // A process substitution (a pipe behind /dev/fd) from the command line.
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} check <(head -c 100000000 /dev/zero)",
            env!("CARGO_BIN_EXE_gradual")
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("not a regular file"), "{}", text(&o));
}

#[test]
fn the_size_cap_is_checked_while_reading_and_worded_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    fs::File::create(&big)
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();
    let e = format::load(&big).unwrap_err();
    assert!(
        e.message.contains("16,777,217 bytes")
            && e.message.contains("limited to 16 MiB (16,777,216 bytes)"),
        "{e}"
    );
}

// ---- injection -------------------------------------------------------------------------------

#[test]
fn ics_text_cannot_inject_events_or_control_characters() {
    let mut p = plan(Level::Novice);
    p.name = "Plan\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:pwned\r\nEND:VEVENT".into();
    p.athlete.name = "Jo\u{1b}[2J\u{7}\u{0}".into();
    let mut s = easy(0, 5.0);
    s.note = "line one\nline two; a,b\\c\rbare".into();
    p.sessions.push(s);
    let ics = gradual::export::export(&p, gradual::export::ExportFormat::Ics);
    // The text stays inside its property: no line of its own starts an event.
    let lines: Vec<&str> = ics.split("\r\n").collect();
    assert_eq!(
        lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(),
        1,
        "{ics}"
    );
    assert_eq!(
        lines.iter().filter(|l| **l == "END:VCALENDAR").count(),
        1,
        "{ics}"
    );
    assert!(!lines.iter().any(|l| l.starts_with("SUMMARY:pwned")));
    for bad in ['\u{1b}', '\u{7}', '\u{0}'] {
        assert!(!ics.contains(bad), "{bad:?} in {ics}");
    }
    // Every line ends with CRLF; no bare CR or LF inside a line.
    for line in ics.split("\r\n") {
        assert!(!line.contains('\r') && !line.contains('\n'), "{line:?}");
    }
    let cal = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(cal.events.len(), 1);
}

#[test]
fn ics_uids_are_unique_whatever_the_order_in_the_file() {
    let mut p = plan(Level::Novice);
    p.sessions = vec![easy(0, 5.0), easy(1, 6.0), easy(0, 7.0)]; // unsorted by hand
    let ics = gradual::export::export(&p, gradual::export::ExportFormat::Ics);
    let uids: Vec<&str> = ics.lines().filter(|l| l.starts_with("UID:")).collect();
    let unique: std::collections::HashSet<_> = uids.iter().collect();
    assert_eq!(uids.len(), 3);
    assert_eq!(unique.len(), 3, "{uids:?}");
    // The same plan sorted exports the same UIDs.
    let mut sorted = p.clone();
    sorted.canonicalize();
    let again = gradual::export::export(&sorted, gradual::export::ExportFormat::Ics);
    let uids2: Vec<&str> = again.lines().filter(|l| l.starts_with("UID:")).collect();
    let mut a = uids.clone();
    let mut b = uids2.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn csv_text_cells_are_neutralised_numbers_stay_numbers() {
    let mut p = plan(Level::Novice);
    for (i, note) in [
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "plain",
    ]
    .into_iter()
    .enumerate()
    {
        let mut s = easy(i as i64, 5.0);
        s.note = note.into();
        p.sessions.push(s);
    }
    p.blocks.push(gradual::model::Block {
        name: "=cmd|' /C calc'!A0".into(),
        start: day(0),
        weeks: 2,
        phase: gradual::model::Phase::Base,
    });
    let csv = gradual::export::export(&p, gradual::export::ExportFormat::Csv);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let headers = rd.headers().unwrap().clone();
    let note = headers.iter().position(|h| h == "note").unwrap();
    let block = headers.iter().position(|h| h == "block").unwrap();
    let km = headers.iter().position(|h| h == "km").unwrap();
    for row in rd.records() {
        let row = row.unwrap();
        let n = &row[note];
        assert!(!n.starts_with(['=', '+', '-', '@', '\t', '\r']), "{n:?}");
        assert!(row[block].starts_with("'="), "{}", &row[block]);
        assert_eq!(&row[km], "5", "numbers stay numbers");
    }
}

#[test]
fn terminal_output_escapes_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let t = TINY
        .replace(
            "name: \"T\"",
            "name: \"T\\u{1b}]52;c;aGk=\\u{7}\\u{1b}[2J\"",
        )
        .replace("name: \"A\"", "name: \"A\\u{1b}[31m\"");
    fs::write(&path, t).unwrap();
    let o = gradual(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("\\u{1b}]52"), "shown, not run: {out}");
}

// ---- saving ---------------------------------------------------------------------------------

fn saved_plan(dir: &Path) -> (std::path::PathBuf, Plan) {
    let path = dir.join("plan.ron");
    let p = format::load(Path::new("plans/beginner-5k.ron")).unwrap();
    format::save(&p, &path).unwrap();
    (path, p)
}

#[cfg(unix)]
#[test]
fn saving_never_follows_a_planted_symlink() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut p) = saved_plan(dir.path());
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    // Links planted where a predictable temporary file and the backup would go.
    for i in 0..64 {
        let _ = symlink(&victim, dir.path().join(format!(".plan.ron.tmp{i}")));
    }
    symlink(&victim, dir.path().join("plan.ron.bak")).unwrap();
    p.name = "Changed".into();
    format::save(&p, &path).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        !fs::symlink_metadata(dir.path().join("plan.ron.bak"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(format::load(&path).unwrap().name, "Changed");
}

#[cfg(unix)]
#[test]
fn saving_keeps_permissions_and_refuses_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut p) = saved_plan(dir.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    p.name = "Private".into();
    format::save(&p, &path).unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        fs::metadata(format::backup_path(&path))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600,
        "the backup holds the same health data"
    );
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    p.name = "Again".into();
    let e = format::save(&p, &path).unwrap_err().to_string();
    assert!(e.contains("read-only"), "{e}");
    assert_eq!(format::load(&path).unwrap().name, "Private", "not replaced");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_its_target() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (real, mut p) = saved_plan(dir.path());
    let link = dir.path().join("link.ron");
    symlink(&real, &link).unwrap();
    p.name = "Through the link".into();
    format::save(&p, &link).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert_eq!(format::load(&real).unwrap().name, "Through the link");
}

#[test]
fn a_save_that_changes_nothing_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, p) = saved_plan(dir.path());
    let mut older = p.clone();
    older.name = "Older".into();
    format::save(&older, &path).unwrap();
    format::save(&p, &path).unwrap(); // .bak now holds "Older"
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(format::save(&p, &path).unwrap(), format::Saved::Unchanged);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
    assert_eq!(
        format::load(&format::backup_path(&path)).unwrap().name,
        "Older",
        "the backup was not rotated"
    );
}

#[test]
fn a_file_changed_since_it_was_loaded_is_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved_plan(dir.path());
    let mine = format::load_full(&path).unwrap();
    // Someone else saves meanwhile.
    let mut theirs = mine.plan.clone();
    theirs.name = "Theirs".into();
    format::save(&theirs, &path).unwrap();
    let mut edited = mine.plan.clone();
    edited.name = "Mine".into();
    let e = format::save_checked(&edited, &path, Some(&mine.fingerprint)).unwrap_err();
    assert!(
        e.to_string()
            .contains("changed on disk since it was opened"),
        "{e}"
    );
    assert_eq!(format::load(&path).unwrap().name, "Theirs");
    // With the fresh fingerprint it saves.
    let now = format::load_full(&path).unwrap();
    format::save_checked(&edited, &path, Some(&now.fingerprint)).unwrap();
    assert_eq!(format::load(&path).unwrap().name, "Mine");
}

#[test]
fn concurrent_command_line_writers_do_not_lose_an_update_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved_plan(dir.path());
    let f = path.to_str().unwrap().to_string();
    let children: Vec<_> = (0..8)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_gradual"))
                .args([
                    "symptom",
                    &f,
                    "--date",
                    &format!("2026-03-{:02}", i + 1),
                    "--area",
                    "knee",
                    "--pain",
                    "1",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut written = 0;
    let mut refused = 0;
    for c in children {
        let o = c.wait_with_output().unwrap();
        match o.status.code() {
            Some(0) => written += 1,
            _ => {
                assert!(String::from_utf8_lossy(&o.stderr).contains("changed on disk"));
                refused += 1;
            }
        }
    }
    let symptoms = format::load(&path).unwrap().symptoms.len();
    assert_eq!(
        symptoms, written,
        "every reported success is in the file ({refused} refused)"
    );
}

#[test]
fn stale_temporary_files_of_a_killed_save_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut p) = saved_plan(dir.path());
    // A temp file left by a save whose process no longer exists.
    let stale = dir.path().join(".plan.ron.gradual-999999999-1.tmp");
    fs::write(&stale, "half a plan").unwrap();
    p.name = "Next".into();
    format::save(&p, &path).unwrap();
    assert!(!stale.exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn gradual_never_writes_a_plan_it_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = plan(Level::Novice);
    p.sessions.push(Session::new(
        day(0),
        Activity::Run {
            kind: RunKind::Easy,
            km: Some(5.0),
            minutes: Some(5000),
            rpe: 3,
            surface: Default::default(),
            footwear: Default::default(),
        },
    ));
    let path = dir.path().join("bad.ron");
    let e = format::save(&p, &path).unwrap_err().to_string();
    assert!(e.contains("minutes 5000 is outside 1–1440"), "{e}");
    assert!(!path.exists());
    // A template scaled to 500 km a week is refused with a message, not written broken.
    let out = dir.path().join("huge.ron");
    let o = gradual(&[
        "new",
        "--template",
        "marathon-experienced",
        "--start",
        "2027-01-04",
        "--base-km",
        "500",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("would not load"), "{}", text(&o));
    assert!(!out.exists());
}

#[test]
fn comments_are_announced_before_they_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    fs::write(&path, format!("// my notes\n{TINY}")).unwrap();
    let loaded = format::load_full(&path).unwrap();
    assert!(loaded.has_comments);
    let no = format::load_full(Path::new("plans/beginner-5k.ron")).unwrap();
    assert!(!no.has_comments);
    // A comment-like text inside a string is not a comment.
    fs::write(
        &path,
        TINY.replace("name: \"T\"", "name: \"http://x // y\""),
    )
    .unwrap();
    assert!(!format::load_full(&path).unwrap().has_comments);
    // The CLI says so when it rewrites a commented plan.
    fs::write(&path, format!("// my notes\n{TINY}")).unwrap();
    let o = gradual(&["calf", path.to_str().unwrap()]);
    assert!(
        text(&o).contains("comments") && text(&o).contains(".bak"),
        "{}",
        text(&o)
    );
    assert!(
        fs::read_to_string(format::backup_path(&path))
            .unwrap()
            .contains("// my notes")
    );
}

// ---- command-line outputs and pipes ---------------------------------------------------------

#[cfg(unix)]
#[test]
fn outputs_must_be_regular_files_or_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = saved_plan(dir.path());
    let f = path.to_str().unwrap();
    let o = gradual(&["export", f, "--to", "csv", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("not a regular file"), "{}", text(&o));
    // An export never overwrites a plan.
    let o = gradual(&["export", f, "--to", "csv", "-o", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("is a plan"), "{}", text(&o));
    assert!(format::load(&path).is_ok());
    // `-o -` is standard output for every command that writes.
    for args in [
        vec!["calf", f, "-o", "-"],
        vec![
            "symptom",
            f,
            "--date",
            "2026-03-03",
            "--area",
            "calf",
            "--pain",
            "1",
            "-o",
            "-",
        ],
        vec![
            "calf-test",
            f,
            "--date",
            "2026-03-03",
            "--left",
            "20",
            "--right",
            "20",
            "-o",
            "-",
        ],
        vec![
            "new",
            "--template",
            "5k-novice",
            "--start",
            "2027-01-04",
            "--base-km",
            "20",
            "-o",
            "-",
        ],
    ] {
        let o = gradual(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("format: 1,"), "{args:?}: the plan on stdout");
        assert!(!dir.path().join("-").exists());
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_keeps_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.ron"), "(").unwrap();
    for _ in 0..3 {
        fs::copy(
            "plans/half-marathon.ron",
            dir.path().join(format!("good{}.ron", rand_u())),
        )
        .unwrap();
    }
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} check {} | head -c 1 > /dev/null; echo \"${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_gradual"),
            dir.path().display()
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "2",
        "the invalid file still counts"
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} export plans/half-marathon.ron --to ics -o - | head -c 1 > /dev/null; echo \"${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_gradual"),
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "0",
        "export | head is not an error"
    );
}

fn rand_u() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
}

#[test]
fn bom_and_old_mac_line_ends() {
    assert!(
        parse(&format!("\u{feff}{TINY}")).is_ok(),
        "a UTF-8 BOM is accepted"
    );
    let cr = TINY.replace('\n', "\r").replace("rpe: 3", "rpe: three");
    let e = parse(&cr).unwrap_err();
    let crlf = TINY.replace('\n', "\r\n").replace("rpe: 3", "rpe: three");
    let e2 = parse(&crlf).unwrap_err();
    let lf = TINY.replace("rpe: 3", "rpe: three");
    let e3 = parse(&lf).unwrap_err();
    assert_eq!((e.line, e.column), (e3.line, e3.column), "CR-only: {e}");
    assert_eq!((e2.line, e2.column), (e3.line, e3.column), "CRLF: {e2}");
    assert_eq!(e3.line, Some(2));
}

#[cfg(unix)]
#[test]
fn folder_checks_name_what_they_skip() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.ron"), TINY).unwrap();
    symlink(dir.path().join("gone.ron"), dir.path().join("dangling.ron")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(dir.path().join("fifo.ron"))
            .status()
            .unwrap()
            .success()
    );
    let o = gradual(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let skipped = doc["skipped"].as_array().unwrap();
    let names: Vec<String> = skipped
        .iter()
        .map(|s| s["file"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("dangling.ron")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with("fifo.ron")), "{names:?}");
    let o = gradual(&["check", dir.path().to_str().unwrap()]);
    assert!(
        text(&o).contains("skipped") && text(&o).contains("dangling.ron"),
        "{}",
        text(&o)
    );
}
