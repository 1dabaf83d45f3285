//! `gradual check` end to end: text, JSON, folders and exit statuses.

use std::path::Path;
use std::process::{Command, Output};

fn gradual(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gradual"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn text_report_has_the_weekly_table_and_grouped_warnings() {
    let o = gradual(&["check", "plans/too-much-too-soon.ron"]);
    assert_eq!(o.status.code(), Some(0), "no --fail-on: exit 0");
    let out = stdout(&o);
    assert!(
        out.contains("Too much too soon — Jo (Novice), Harbour 10K on 2026-05-31"),
        "{out}"
    );
    assert!(
        out.contains("week         run km   change    load   ACWR  calf load  worst"),
        "{out}"
    );
    assert!(out.contains("2026-05-04     31.0   +107 %"), "{out}");
    let warning_at = out.find("CAUTION (3)").expect("caution group");
    let info_at = out.find("INFO (1)").expect("info group");
    assert!(warning_at < info_at, "most serious first");
    assert!(
        out.contains("weekly-increase       Week of 2026-05-04: 31.0 km is +94 %"),
        "{out}"
    );
    assert!(out.contains("Nielsen et al., JOSPT 2014"));
    assert!(out.contains("evidence: Weak evidence, so mostly notes: in Buist et al. 2008"));
    assert!(!out.to_lowercase().contains("seed"), "{out}");
    assert!(!out.contains("\x1b["), "NO_COLOR and a pipe: no escapes");
}

#[test]
fn colour_can_be_forced() {
    let o = gradual(&[
        "check",
        "--color",
        "always",
        "plans/return-after-layoff.ron",
    ]);
    assert!(stdout(&o).contains("\x1b[31mWARNING\x1b[0m"));
}

#[test]
fn json_is_one_document_with_every_plan() {
    let o = gradual(&["check", "--format", "json", "plans"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let plans = doc["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 9);
    assert_eq!(doc["errors"].as_array().unwrap().len(), 0);
    let tmts = plans
        .iter()
        .find(|p| p["name"] == "Too much too soon")
        .unwrap();
    assert_eq!(tmts["file"], "plans/too-much-too-soon.ron");
    let week = &tmts["weeks"][4];
    assert_eq!(week["start"], "2026-05-04");
    assert_eq!(week["run_km"], 31.0);
    assert!(week["change_pct"].as_f64().unwrap() > 100.0);
    assert!(
        tmts["weeks"][0]["acwr"].is_null(),
        "no ratio before 28 days"
    );
    assert!(week["acwr"].as_f64().unwrap() > 1.5);
    assert!(
        week["acwr_week"].as_f64().unwrap() > 1.0,
        "the ratio the rule judges"
    );
    for key in ["run_minutes", "load", "calf_load", "time_only_minutes"] {
        assert!(week[key].is_number(), "{key}");
    }
    let w = &tmts["warnings"][0];
    for key in ["rule", "severity", "date", "week", "message", "evidence"] {
        assert!(w[key].is_string(), "{key}");
    }
    assert_eq!(w["rule"], "weekly-increase");
    assert_eq!(w["severity"], "caution");
}

#[test]
fn fail_on_sets_exit_status_1() {
    assert_eq!(
        gradual(&["check", "--fail-on", "warning", "plans"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        gradual(&["check", "--fail-on", "caution", "plans/beginner-5k.ron"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        gradual(&["check", "--fail-on", "info", "plans/half-marathon.ron"])
            .status
            .code(),
        Some(1)
    );
    let bad = gradual(&["check", "--fail-on", "severe", "plans"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use info, caution, warning or danger"));
}

#[test]
fn a_broken_file_is_reported_and_the_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("plans/beginner-5k.ron", dir.path().join("a-good.ron")).unwrap();
    let text = std::fs::read_to_string("plans/beginner-5k.ron")
        .unwrap()
        .replacen("rpe: 3", "rpee: 3", 1);
    std::fs::write(dir.path().join("b-broken.ron"), text).unwrap();
    let folder = dir.path().to_str().unwrap();

    let o = gradual(&["check", "--format", "json", folder]);
    assert_eq!(o.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["plans"].as_array().unwrap().len(), 1);
    let e = &doc["errors"][0];
    assert!(e["file"].as_str().unwrap().ends_with("b-broken.ron"));
    assert_eq!(e["line"], 23);
    assert!(e["column"].as_u64().unwrap() > 1);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `rpee`")
    );

    let o = gradual(&["check", folder]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("b-broken.ron:23:") && err.contains("hint:"),
        "{err}"
    );
    let out = stdout(&o);
    let summary = &out[out.find("Summary").expect("summary for several files")..];
    assert!(
        summary.contains("OK")
            && summary.contains("a-good.ron  Beginner 5K — Alex, race 2026-05-09: no warnings"),
        "{summary}"
    );
    assert!(
        summary.contains("ERROR") && summary.contains("b-broken.ron  could not be read"),
        "{summary}"
    );
}

#[test]
fn folder_summary_has_one_line_per_plan() {
    let out = stdout(&gradual(&["check", "plans"]));
    let summary = &out[out.find("Summary").unwrap()..];
    assert_eq!(summary.lines().count(), 1 + 9, "{summary}");
    assert!(
        summary.contains("DANGER   plans/barefoot-streak.ron"),
        "{summary}"
    );
}

#[test]
fn missing_paths_and_empty_folders_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = gradual(&["check", dir.path().to_str().unwrap(), "no/such/plan.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("holds no .ron plan files"), "{err}");
    assert!(
        err.contains("no/such/plan.ron: cannot open the file"),
        "{err}"
    );
    assert!(Path::new("plans").exists());
}

#[test]
fn headroom_reports_each_week_and_fit_brings_weeks_under_it() {
    let o = gradual(&["headroom", "plans/too-much-too-soon.ron"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("limit set by"), "{out}");
    assert!(
        out.contains(
            "2026-05-04    31.0 km   up to 15.7 km    13.0 km    up to 9.9 km  long-run spike"
        ),
        "{out}"
    );
    assert!(out.contains(" OVER"), "{out}");
    // JSON: the documented keys; time-only weeks in minutes.
    let o = gradual(&[
        "headroom",
        "--format",
        "json",
        "plans/too-much-too-soon.ron",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let w = doc["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["start"] == "2026-05-04")
        .unwrap();
    assert_eq!(w["run_km"], 31.0);
    assert_eq!(w["max_run_km"], 15.7);
    assert_eq!(w["long_run_km"], 13.0);
    assert_eq!(w["max_long_run_km"], 9.9);
    assert_eq!(w["limiting_rule"], "long-run-spike");
    let o = gradual(&["headroom", "--format", "json", "plans/walk-run-5k.ron"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let w = &doc["weeks"][0];
    assert_eq!(
        (w["unit"].as_str(), w["run_minutes"].as_f64()),
        (Some("minutes"), Some(62.0))
    );
    assert!(w.get("run_km").is_none());
    // --fit writes a plan whose weeks are all within their headroom.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::copy("plans/too-much-too-soon.ron", &path).unwrap();
    let f = path.to_str().unwrap();
    let o = gradual(&["headroom", f, "--fit", "--dry-run"]);
    assert!(
        stdout(&o).contains("Dry run: nothing written."),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read("plans/too-much-too-soon.ron").unwrap()
    );
    let o = gradual(&["headroom", f, "--fit"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout(&o).contains("weeks fitted to headroom"),
        "{}",
        stdout(&o)
    );
    let p = gradual::format::load(&path).unwrap();
    let r = gradual::analysis::analyze(&p);
    assert!(r.headroom.iter().all(|h| !h.over()), "{:#?}", r.headroom);
    // --from without --fit is a usage error.
    let o = gradual(&["headroom", f, "--from", "2026-05-04"]);
    assert_eq!(o.status.code(), Some(2));
}
