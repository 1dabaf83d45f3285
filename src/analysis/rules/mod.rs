//! The rules: each turns part of the analysis into warnings with numbers and evidence.
//! Every rule's evidence lives in [`RULES`], next to the code that applies it, and its
//! thresholds in force are described by [`Rule::thresholds`].
//!
//! Severities follow the strength of the evidence ([`LADDER`]): `info` for conventions
//! without evidence of effect, `caution` for a significant association, a consistent
//! trend or expert opinion, `warning` for a strong association or a known mechanism
//! acting on injured or deconditioned tissue, `danger` for red flags only. Each rule says
//! why it sits where it does ([`RuleInfo::rung`]).

use super::{Report, Severity, Warning};
use crate::model::{
    Activity, BodyArea, CrossKind, Footwear, Plan, RunKind, Session, Symptom, Thresholds, fmt_km,
    week_start,
};
use chrono::{Duration, NaiveDate};

/// Expands to the article's citation as user-facing text shows it, so it is written once.
macro_rules! article {
    () => {
        "article \"How To Treat & Prevent Calf Pain From Running\""
    };
}

/// The title of the running-coach article the domain comes from.
pub const ARTICLE_TITLE: &str = "How To Treat & Prevent Calf Pain From Running";

/// How user-facing text cites the article: `article "How To Treat & Prevent Calf Pain
/// From Running"`.
pub const ARTICLE: &str = article!();

/// Days a run looks back for the longest run before it (Frandsen et al. 2025).
pub const SPIKE_WINDOW_DAYS: usize = 30;

/// A plan whose first day leaves this many days of its first week before it (it starts on
/// a Thursday or later) has a partial first week, which weekly comparisons skip.
pub const PARTIAL_WEEK_DAYS: usize = 3;

/// The weekly-increase and monotony rules compare a week with this many weeks before it
/// (the weekly increase with the highest of them, monotony with their average).
pub const REFERENCE_WEEKS: usize = 4;

/// Loads, ratios and percentages this close count as equal: sums of the same numbers in
/// another order differ in the last bits, and a value exactly at a line must not flicker.
pub const EPS: f64 = 1e-9;

/// Pain (0–10) at or above which a calf or Achilles log (not a cramp) counts as a strain:
/// RICE and no running on it (the article).
pub const STRAIN_PAIN: u8 = 4;

mod calf;
mod context;
mod intensity;
mod limits;
mod load;
mod returning;
mod routine;
mod spike;
mod symptoms;
mod table;
mod weekly;

pub use calf::*;
pub(in crate::analysis) use context::*;
pub use intensity::*;
pub use limits::*;
use load::*;
use returning::*;
use routine::*;
use spike::*;
pub use symptoms::*;
pub use table::*;
use weekly::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_table_follows_the_enum() {
        use strum::IntoEnumIterator;
        // The table lists the variants in the enum's order, each once.
        let all: Vec<Rule> = Rule::iter().collect();
        assert_eq!(all.len(), RULES.len());
        for (i, r) in all.iter().enumerate() {
            assert_eq!(RULES[i].rule, *r, "RULES[{i}]");
            assert_eq!(Rule::from_id(r.id()), Some(*r));
        }
    }

    #[test]
    fn no_user_text_says_seed() {
        let t = Thresholds::resolve(&Default::default(), crate::model::Level::Novice);
        for r in RULES {
            for text in [r.evidence, r.title, &r.rule.thresholds(&t)] {
                assert!(!text.to_lowercase().contains("seed"), "{}: {text}", r.id);
            }
        }
    }
}
