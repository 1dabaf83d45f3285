//! Templates: every built-in template, for every level and a range of base volumes,
//! generates a plan that Gradual's own rules find nothing at `warning` or above in, and
//! that lands on the race date when anchored to it.

use chrono::NaiveDate;
use gradual::analysis::{Severity, analyze};
use gradual::model::Level;
use gradual::templates::{self, Anchor, Params};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn every_builtin_template_is_clean_at_every_level_and_base() {
    let all = templates::builtin();
    assert!(all.len() >= 12);
    for kind in ["5k", "10k", "half-marathon", "marathon"] {
        for level in ["novice", "experienced"] {
            assert!(
                all.iter().any(|e| e.id == format!("{kind}-{level}")),
                "{kind}-{level}"
            );
        }
    }
    for block in ["base", "build", "peak", "taper"] {
        assert!(all.iter().any(|e| e.id == format!("block-{block}")));
    }
    let mut checked = 0;
    for e in &all {
        let (lo, hi) = e.template.base_km;
        for base in [lo, (lo + hi) / 2.0, hi] {
            for level in Level::ALL {
                let params = Params {
                    anchor: Anchor::Race(date("2026-10-11")),
                    base_km: base,
                    level,
                    athlete: "T".into(),
                    name: None,
                    calf: true,
                };
                let plan = templates::generate(&e.template, &params);
                let report = analyze(&plan);
                let bad: Vec<String> = report
                    .warnings
                    .iter()
                    .filter(|w| w.severity >= Severity::Warning)
                    .map(|w| format!("{} {}: {}", w.date, w.rule.id(), w.message))
                    .collect();
                assert!(
                    bad.is_empty(),
                    "{} at {base} km, {level:?}:\n{}",
                    e.id,
                    bad.join("\n")
                );
                assert_eq!(gradual::format::validate(&plan), vec![], "{}", e.id);
                if e.template.race_km.is_some() {
                    let race = plan.race.as_ref().unwrap();
                    assert_eq!(race.date, date("2026-10-11"), "{}", e.id);
                    let last = plan.sessions.iter().rfind(|s| s.run().is_some()).unwrap();
                    assert_eq!(last.date, race.date, "{}: the race is the last run", e.id);
                    assert_eq!(last.run().unwrap().kind, gradual::model::RunKind::Race);
                }
                assert_eq!(
                    plan.blocks.iter().map(|b| b.weeks as usize).sum::<usize>(),
                    e.template.weeks()
                );
                assert!(
                    plan.sessions.iter().any(|s| s.generated),
                    "{}: calf program scheduled",
                    e.id
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, all.len() * 9);
}

#[test]
fn anchored_to_a_start_date_and_scaled_to_the_base() {
    let t = templates::builtin()
        .into_iter()
        .find(|e| e.id == "10k-novice")
        .unwrap()
        .template;
    let params = |base| Params {
        anchor: Anchor::Start(date("2026-03-04")), // a Wednesday: the plan starts that Monday
        base_km: base,
        level: Level::Novice,
        athlete: "Ana".into(),
        name: Some("Spring 10K".into()),
        calf: false,
    };
    let p = templates::generate(&t, &params(20.0));
    assert_eq!(p.name, "Spring 10K");
    assert_eq!(p.blocks[0].start, date("2026-03-02"));
    assert_eq!(
        p.race.as_ref().unwrap().date,
        date("2026-03-02") + chrono::Duration::days(10 * 7 - 1)
    );
    assert_eq!(p.athlete.baseline.as_ref().unwrap().weekly_km, 20.0);
    let r = analyze(&p);
    assert!(
        (r.weeks[0].run_km - 20.0).abs() <= 1.0,
        "week 1 ≈ the base: {}",
        r.weeks[0].run_km
    );
    let doubled = analyze(&templates::generate(&t, &params(30.0)));
    assert!(
        doubled.weeks[4].run_km > r.weeks[4].run_km * 1.3,
        "scales with the base"
    );
}

#[test]
fn a_plan_saved_as_a_template_regenerates_a_similar_plan() {
    let t = templates::builtin()
        .into_iter()
        .find(|e| e.id == "half-marathon-experienced")
        .unwrap()
        .template;
    let params = Params {
        anchor: Anchor::Start(date("2026-01-05")),
        base_km: 40.0,
        level: Level::Experienced,
        athlete: "S".into(),
        name: None,
        calf: false,
    };
    let plan = templates::generate(&t, &params);
    let saved = templates::from_plan(&plan, None, "Mine").unwrap();
    assert_eq!(saved.problems(), Vec::<String>::new());
    assert_eq!(saved.weeks(), t.weeks());
    assert_eq!(saved.blocks.len(), t.blocks.len());
    let text = templates::to_string(&saved);
    assert_eq!(templates::parse(&text).unwrap(), saved, "round-trips");
    let again = analyze(&templates::generate(&saved, &params));
    let orig = analyze(&plan);
    for (a, b) in again.weeks.iter().zip(&orig.weeks).take(10) {
        assert!(
            (a.run_km - b.run_km).abs() <= b.run_km * 0.15 + 2.0,
            "{} vs {}",
            a.run_km,
            b.run_km
        );
    }
    // And it lists next to the built-in ones.
    let dir = tempfile::tempdir().unwrap();
    templates::save_user(dir.path(), "mine", &saved).unwrap();
    let all = templates::all(Some(dir.path()));
    assert!(all.iter().any(|e| e.id == "mine" && !e.builtin));
}

#[test]
fn chaining_a_block_appends_after_the_last() {
    let all = templates::builtin();
    let base = all.iter().find(|e| e.id == "block-base").unwrap();
    let build = all.iter().find(|e| e.id == "block-build").unwrap();
    let params = Params {
        anchor: Anchor::Start(date("2026-01-05")),
        base_km: 25.0,
        level: Level::Novice,
        athlete: "N".into(),
        name: None,
        calf: false,
    };
    let plan = templates::generate(&base.template, &params);
    let (blocks, sessions) = templates::chain(&plan, &build.template, plan.sessions[0].date);
    assert_eq!(blocks[0].start, date("2026-02-02"));
    assert!(sessions.iter().all(|s| s.date >= date("2026-02-02")));
}

#[test]
fn cli_new_from_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kim.ron");
    let bin = env!("CARGO_BIN_EXE_gradual");
    let o = std::process::Command::new(bin)
        .args([
            "new",
            "--template",
            "10k-experienced",
            "--race",
            "2026-06-14",
            "--base-km",
            "40",
            "--level",
            "experienced",
            "--athlete",
            "Kim",
            "-o",
        ])
        .arg(&out)
        .env("GRADUAL_TEMPLATES", dir.path().join("none"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("\"10K, experienced\" for Kim, 10 weeks from 2026-04-06 to 2026-06-14"),
        "{text}"
    );
    let plan = gradual::format::load(&out).unwrap();
    assert_eq!(plan.race.as_ref().unwrap().date, date("2026-06-14"));
    assert!(analyze(&plan).worst() < Some(Severity::Warning));

    let list = std::process::Command::new(bin)
        .args(["new", "--list"])
        .env("GRADUAL_TEMPLATES", dir.path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8(list.stdout)
            .unwrap()
            .contains("marathon-novice")
    );
    let bad = std::process::Command::new(bin)
        .args([
            "new",
            "--template",
            "ultra",
            "--base-km",
            "40",
            "-o",
            "x.ron",
        ])
        .env("GRADUAL_TEMPLATES", dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no template `ultra`"));
}
