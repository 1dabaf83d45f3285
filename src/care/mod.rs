//! Care: what the article advises when a symptom is logged (treatment), and the return
//! to running after a calf injury (entry criteria, a walk/run ladder by time, a rebuild
//! checked by Gradual's own rules).
//!
//! Everything here is guidance, not diagnosis. The advice follows the article "How To
//! Treat & Prevent Calf Pain From Running"; the return's entry criteria follow clinician
//! consensus (Green et al., Sports Medicine – Open 2022) and the pain-monitoring model
//! (Silbernagel et al., AJSM 2007).

mod criteria;
mod return_block;

pub use criteria::*;
pub use return_block::*;

use crate::analysis::{
    ARTICLE, Severity, all_clear_after, analyze, is_all_clear, log_name, needs_all_clear,
};
use crate::model::{
    Activity, Block, Footwear, Phase, Plan, RedFlag, RunKind, Session, Side, Status, Surface,
    Symptom, Thresholds, week_start,
};
use chrono::{Duration, NaiveDate};

/// What kind of care a symptom calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Care {
    /// A red flag: a doctor or physiotherapist first.
    RedFlag,
    /// A strain (pain of 4 or more, or a pop): RICE.
    Strain,
    /// A cramp: stretch and massage.
    Cramp,
    /// Mild pain: keep an eye on it (pain-monitoring model).
    Monitor,
}

/// The advice for one logged symptom.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// The kind of care.
    pub care: Care,
    /// A one-line heading.
    pub title: String,
    /// What to do, step by step.
    pub steps: Vec<String>,
    /// Where it comes from.
    pub source: String,
}

pub use crate::analysis::STRAIN_PAIN;

/// What the article advises for `s` on its own, phrased as guidance. [`advice_in`] adds
/// what the plan's earlier logs change about it.
pub fn advice(s: &Symptom) -> Advice {
    let area = s.area.name().to_lowercase();
    let tear = s.flags.iter().any(|f| f.suggests_tear());
    let clot = s.flags.contains(&RedFlag::Swelling) || s.flags.contains(&RedFlag::Redness);
    let rice = vec![
        "Rest the leg: no running on it.".to_string(),
        "Ice: 15–20 minutes, three times a day.".to_string(),
        "Compress it with a bandage, and loosen the bandage if the pain gets worse.".to_string(),
        "Elevate the leg when you can.".to_string(),
    ];
    if !s.flags.is_empty() {
        let flags: Vec<_> = s.flags.iter().map(|f| f.name()).collect();
        let mut steps = vec![format!(
            "See a doctor or physiotherapist before you run again: {} {} not something to run through.",
            flags.join(", "),
            if flags.len() == 1 { "is" } else { "are" }
        )];
        if tear {
            steps.push("A pop, bruising or not being able to bear weight can mean a tear.".into());
        }
        if clot && !tear {
            steps.push(
                "Calf swelling with warmth or redness, above all without an injury, can be a blood clot: see a doctor the same day, and get emergency help for breathlessness or chest pain.".into(),
            );
        }
        steps.extend(rice);
        return Advice {
            care: Care::RedFlag,
            title: format!("Red flag in the {area}: see a professional"),
            steps,
            source: format!(
                "{ARTICLE}: red flags need a doctor or physiotherapist{}",
                if clot && !tear {
                    "; NHS: deep vein thrombosis"
                } else {
                    ""
                }
            ),
        };
    }
    if s.cramp {
        let mut steps = vec![
            "Stretch the calf slowly and massage it until it lets go.".to_string(),
            "If cramps keep coming back, stop and see a doctor.".to_string(),
            "Drink to thirst; on long or hot runs carry fluids.".to_string(),
        ];
        if s.pain >= STRAIN_PAIN {
            steps.push(format!(
                "A cramp can hurt a lot while it lasts. If the pain stays once it has let go, it may be a strain: log it again without \"cramp\" ({}/10 now)."
                ,
                s.pain
            ));
        }
        return Advice {
            care: Care::Cramp,
            title: format!("A cramp in the {area}"),
            steps,
            source: format!("{ARTICLE}: treating cramps"),
        };
    }
    if s.pain >= STRAIN_PAIN && s.area.is_calf() {
        let mut steps = rice;
        steps.push(
            "If it is not getting better with home treatment, see a doctor or physiotherapist."
                .into(),
        );
        steps.push(
            "Do not run through it. Once it has settled, log how it feels (pain 2/10 or less is the all-clear) and come back with Plan > Return to running…"
                .into(),
        );
        return Advice {
            care: Care::Strain,
            title: format!("Possibly a strain ({} pain {}/10): RICE", area, s.pain),
            steps,
            source: format!("{ARTICLE}: treating a strain with RICE"),
        };
    }
    if s.pain >= STRAIN_PAIN {
        return Advice {
            care: Care::Strain,
            title: format!("{} pain {}/10: rest it", s.area.name(), s.pain),
            steps: vec![
                "Rest it and ease off until it settles; do not run through pain.".into(),
                "If it is not getting better in a few days, see a doctor or physiotherapist."
                    .into(),
            ],
            source: ARTICLE.to_string(),
        };
    }
    if s.pain == 0 {
        return Advice {
            care: Care::Monitor,
            title: format!("No {area} pain"),
            steps: vec![
                "Nothing to treat. Keep warming up before runs (brisk walk, inchworms, butt kicks) and stretching after.".into(),
                "Log again if anything changes; after a strain, a log with pain 2/10 or less is the all-clear.".into(),
            ],
            source: ARTICLE.to_string(),
        };
    }
    Advice {
        care: Care::Monitor,
        title: format!("Mild {area} pain ({}/10): keep an eye on it", s.pain),
        steps: vec![
            "Mild pain that settles by the next morning counts as safe in the pain-monitoring model (from Achilles tendinopathy, used here by analogy); keep the load where it is if it has.".into(),
            "Log how it feels the next morning; if it is higher, hold the load or ease off.".into(),
            "Warm up before runs (brisk walk, inchworms, butt kicks) and stretch after.".into(),
        ],
        source: format!("Silbernagel et al., AJSM 2007 (pain-monitoring model); {ARTICLE}"),
    }
}

/// The advice for `s` in the plan it is (or is about to be) logged in: the earlier logs
/// that still wait for an all-clear change it. A mild log while a pop has no all-clear
/// says so instead of "keep the load where it is"; a log that is the all-clear for an
/// earlier one says how to come back.
pub fn advice_in(plan: &Plan, s: &Symptom) -> Advice {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    let mut a = advice(s);
    // Earlier logs that protect runs and had no all-clear before this one.
    let earlier: Vec<&Symptom> = plan
        .symptoms
        .iter()
        .filter(|o| *o != s && o.date <= s.date && needs_all_clear(o, &t))
        .filter(|o| {
            !plan.symptoms.iter().any(|c| {
                c != s && c.date > o.date && c.date <= s.date && c.area == o.area && is_all_clear(c)
            })
        })
        .collect();
    let clears = |o: &&Symptom| o.area == s.area && o.date < s.date && is_all_clear(s);
    let (cleared, open): (Vec<&Symptom>, Vec<&Symptom>) = earlier.into_iter().partition(clears);
    if let Some(o) = open.iter().max_by_key(|o| o.date) {
        let named = log_name(o);
        let keep_off = format!(
            "Not cleared yet: {named} has no all-clear. Keep off running on it until a log of the {} with pain 2/10 or less and no flags.",
            o.area.name().to_lowercase()
        );
        if a.care == Care::Monitor {
            a.title = format!(
                "{}; {named} has no all-clear yet",
                a.title.split(':').next().unwrap_or(&a.title)
            );
            a.steps.retain(|x| {
                !x.contains("keep the load where it is") && !x.starts_with("Nothing to treat")
            });
        }
        a.steps.insert(0, keep_off);
    } else if let Some(o) = cleared.iter().max_by_key(|o| o.date) {
        let named = log_name(o);
        a.title = format!("All-clear for {named}");
        let mut steps = vec![
            format!("Pain {}/10 and no flags: this log is the all-clear for {named}.", s.pain),
            "Come back gradually, not at the old volume: Plan > Return to running… checks a calf-raise test first and builds a walk/run start.".to_string(),
        ];
        if cleared
            .iter()
            .any(|o| o.flags.iter().any(|f| f.suggests_tear()))
        {
            steps.push("After a possible tear, run again only once a doctor or physiotherapist has seen it.".into());
        }
        steps.extend(
            a.steps
                .into_iter()
                .filter(|x| !x.starts_with("Nothing to treat")),
        );
        a.steps = steps;
    }
    a
}

/// Logs a symptom in `plan` and reschedules the calf program from its week (a red flag
/// stops it). A log identical to one already there (same day, area, pain, flags, …) is
/// the same log: logging it again changes nothing. Returns whether the program was
/// rescheduled. The window and `gradual symptom` both log through here.
pub fn log_symptom(plan: &mut Plan, s: Symptom) -> bool {
    if plan.symptoms.contains(&s) {
        return false;
    }
    plan.symptoms.push(s);
    plan.symptoms.sort_by_key(|s| s.date);
    match crate::calf::refresh(plan) {
        Some(p) => {
            *plan = p;
            true
        }
        None => false,
    }
}
