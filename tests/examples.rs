//! The bundled example plans trigger exactly the rules they are meant to show.

use gradual::analysis::{Rule, Severity, analyze};
use gradual::format;
use std::collections::BTreeSet;
use std::path::Path;

fn report(file: &str) -> (gradual::model::Plan, gradual::analysis::Report) {
    let plan = format::load(&Path::new("plans").join(file)).unwrap();
    let report = analyze(&plan);
    (plan, report)
}

fn rules(file: &str) -> (BTreeSet<&'static str>, Option<Severity>) {
    let (_, report) = report(file);
    let worst = report.worst();
    (report.warnings.iter().map(|w| w.rule.id()).collect(), worst)
}

fn set(ids: &[&'static str]) -> BTreeSet<&'static str> {
    ids.iter().copied().collect()
}

#[test]
fn clean_plans_trigger_nothing_above_info() {
    assert_eq!(rules("beginner-5k.ron"), (set(&[]), None));
    assert_eq!(
        rules("half-marathon.ron"),
        (set(&["hydration"]), Some(Severity::Info))
    );
    assert_eq!(rules("walk-run-5k.ron"), (set(&[]), None));
}

/// An 18-week novice marathon plan in the shape of the widely used ones: nothing at
/// warning or above before race week, and race-day notes at info only.
#[test]
fn a_novice_marathon_plan_is_trusted() {
    let (plan, r) = report("novice-marathon.ron");
    let race = plan.race.as_ref().unwrap().date;
    let race_week = gradual::model::week_start(race);
    assert_eq!(r.weeks.len(), 18);
    for w in &r.warnings {
        if w.week < race_week {
            assert!(w.severity < Severity::Warning, "before race week: {w:#?}");
        } else {
            assert_eq!(w.severity, Severity::Info, "race week: {w:#?}");
        }
    }
    let race_notes: Vec<_> = r.warnings.iter().filter(|w| w.date == race).collect();
    assert!(
        !race_notes.is_empty(),
        "the marathon is longer than any run before it"
    );
    assert!(race_notes.iter().all(|w| w.message.contains("goal race")));
    // One hydration note for the whole plan, not one per long run.
    assert_eq!(
        r.warnings
            .iter()
            .filter(|w| w.rule == Rule::Hydration)
            .count(),
        1
    );
    // Long runs grow 1–2 miles a week with step-back weeks: a few small-spike cautions,
    // honestly reported.
    assert!(
        r.warnings
            .iter()
            .filter(|w| w.severity == Severity::Caution)
            .all(|w| w.rule == Rule::LongRunSpike)
    );
}

#[test]
fn too_much_too_soon() {
    // Runs +44–50 % over the longest of the last 30 days and a week +94 %: cautions (a
    // significant association and a trend; a warning takes a run over +100 %).
    assert_eq!(
        rules("too-much-too-soon.ron"),
        (
            set(&["hydration", "long-run-spike", "weekly-increase"]),
            Some(Severity::Caution)
        )
    );
}

#[test]
fn cross_training_before_key_runs() {
    assert_eq!(
        rules("cross-training-before-runs.ron"),
        (
            set(&["calf-cross-training", "hydration"]),
            Some(Severity::Caution)
        )
    );
}

#[test]
fn return_after_layoff() {
    let (_, r) = report("return-after-layoff.ron");
    assert_eq!(
        rules("return-after-layoff.ron"),
        (
            set(&["hydration", "return-after-break"]),
            Some(Severity::Warning)
        )
    );
    // All three weeks back at full volume are caught, not just the first.
    let weeks: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.rule == Rule::ReturnAfterBreak)
        .map(|w| w.message.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(weeks, ["Week 1", "Week 2", "Week 3"]);
}

#[test]
fn barefoot_streak_shows_the_calf_rules() {
    assert_eq!(
        rules("barefoot-streak.ron"),
        (
            set(&[
                "barefoot-transition",
                "calf-imbalance",
                "before-all-clear",
                "calf-work-on-run-day",
                "no-rest-day",
                "red-flag",
                "weekly-increase"
            ]),
            Some(Severity::Danger)
        )
    );
}

#[test]
fn no_example_says_seed() {
    for e in std::fs::read_dir("plans").unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!text.to_lowercase().contains("seed"));
    }
}

/// A 10K plan with a calf strain logged on an interval day, the runs after it skipped,
/// pain settling, a calf-raise test and a return block (built by
/// `scripts/calf-strain-example.sh`).
#[test]
fn a_logged_strain_and_a_return_block() {
    let (plan, r) = report("calf-strain-return.ron");
    let strain = &plan.symptoms[0];
    assert_eq!(
        (strain.area, strain.pain),
        (gradual::model::BodyArea::Calf, 6)
    );
    assert!(
        plan.blocks
            .iter()
            .any(|b| b.name == gradual::care::RETURN_BLOCK)
    );
    // The strain itself is the one warning; the return block is clear.
    let serious: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.severity >= Severity::Caution)
        .collect();
    assert_eq!(serious.len(), 1, "{serious:#?}");
    assert_eq!(serious[0].rule, Rule::RedFlag);
    // Walk/run sessions by time after the strain, with their step notes.
    assert!(
        plan.sessions
            .iter()
            .any(|s| s.note.contains("walk/run step 1") && s.run().is_some_and(|x| x.km.is_none()))
    );
    // The article's advice for it: RICE.
    assert_eq!(
        gradual::care::advice(strain).care,
        gradual::care::Care::Strain
    );
}

/// The README links only to files in the repository (or to the web): every relative link
/// and every path in backquotes that leaves the repository is a broken link for a reader
/// of a clone.
#[test]
fn readme_links_stay_in_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        !readme.contains("../"),
        "README.md points outside the repository"
    );
    let mut rest = readme.as_str();
    let mut checked = 0;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        let target = &rest[..rest.find(')').expect("a link closes")];
        if target.starts_with('#') || target.starts_with("https://") {
            continue;
        }
        assert!(
            root.join(target).exists(),
            "README.md links to {target}, which is not in the repository"
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} file links found");
}
