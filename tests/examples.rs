//! The bundled example plans trigger exactly the rules they are meant to show.

use gradual::analysis::{Severity, analyze};
use gradual::format;
use std::collections::BTreeSet;
use std::path::Path;

fn rules(file: &str) -> (BTreeSet<&'static str>, Option<Severity>) {
    let plan = format::load(&Path::new("plans").join(file)).unwrap();
    let report = analyze(&plan);
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
}

#[test]
fn too_much_too_soon() {
    assert_eq!(
        rules("too-much-too-soon.ron"),
        (
            set(&[
                "acwr",
                "hydration",
                "long-run-spike",
                "new-intensity",
                "weekly-increase"
            ]),
            Some(Severity::Warning)
        )
    );
}

#[test]
fn cross_training_before_key_runs() {
    assert_eq!(
        rules("cross-training-before-runs.ron"),
        (
            set(&["calf-cross-training", "hydration"]),
            Some(Severity::Warning)
        )
    );
}

#[test]
fn return_after_layoff() {
    assert_eq!(
        rules("return-after-layoff.ron"),
        (
            set(&["acwr", "hydration", "return-after-break"]),
            Some(Severity::Warning)
        )
    );
}

#[test]
fn barefoot_streak_shows_the_calf_rules() {
    assert_eq!(
        rules("barefoot-streak.ron"),
        (
            set(&[
                "barefoot-transition",
                "calf-imbalance",
                "calf-work-on-run-day",
                "monotony",
                "no-rest-day",
                "red-flag",
                "weekly-increase"
            ]),
            Some(Severity::Danger)
        )
    );
}
