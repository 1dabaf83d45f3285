//! The rules' table: their ids, titles, evidence and the severity each speaks at and
//! why (the ladder), and their thresholds in force in words.

use super::*;

/// Stable rule identifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter)]
pub enum Rule {
    /// A run much longer than the longest of the previous 30 days.
    LongRunSpike,
    /// Weekly distance above the highest of the previous four weeks.
    WeeklyIncrease,
    /// EWMA acute:chronic load ratio at or above the threshold.
    Acwr,
    /// Little day-to-day variation in load in a week of high strain.
    Monotony,
    /// Quality sessions introduced or stacked too quickly.
    NewIntensity,
    /// Too much too soon after a break from running.
    ReturnAfterBreak,
    /// Too much barefoot or minimalist running too soon.
    BarefootTransition,
    /// Calf-loading cross-training right before a run.
    CalfCrossTraining,
    /// A calf program session on a running day.
    CalfWorkOnRunDay,
    /// Legs differ in the calf-raise test.
    CalfImbalance,
    /// Too many consecutive running days.
    NoRestDay,
    /// Long runs: drink to thirst.
    Hydration,
    /// Symptoms that need a professional.
    RedFlag,
    /// Runs planned after an injury log and before an all-clear log.
    BeforeAllClear,
    /// Calf or Achilles pain that is not settling.
    PainMonitoring,
    /// No baseline: the first weeks are compared with nothing.
    NoBaseline,
}

/// What a rule is and the evidence behind it.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Stable id used in files, the CLI and JSON.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Sources and how strong they are.
    pub evidence: &'static str,
    /// Why the rule speaks at the severities it does (its rung on [`LADDER`]).
    pub rung: &'static str,
}

/// The severity ladder: which strength of evidence each severity stands for.
pub const LADDER: [(Severity, &str); 4] = [
    (
        Severity::Info,
        "a convention without evidence of effect (the 10 % rule, the load ratio in runners, hydration)",
    ),
    (
        Severity::Caution,
        "a significant association with injury (a single run more than 10 % longer than any in the last 30 days), a consistent trend (a week more than 30 % over the previous weeks), or expert opinion (calf-loading work right before a run)",
    ),
    (
        Severity::Warning,
        "a strong association (a single run more than twice the longest of the last 30 days: HRR 2.28), or a known mechanism acting on injured or deconditioned tissue (above the caps after a break, running on before an all-clear)",
    ),
    (
        Severity::Danger,
        "red flags only: see a doctor or physiotherapist",
    ),
];

/// Every rule, in the order of [`Rule`].
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        rule: Rule::LongRunSpike,
        id: "long-run-spike",
        title: "Long-run spike",
        evidence: "Frandsen et al., BJSM 2025 (Garmin-RUNSAFE, 5,205 runners, 18 months): single runs more than 10 % longer than the longest of the previous 30 days raised the rate of overuse injury (HRR 1.64 for 10–30 %, 1.52 for 30–100 %, 2.28 for more than 100 %).",
        rung: "caution above +10 %: a significant association (HRR 1.64); warning above +100 %: a strong one (HRR 2.28). Runs +30–100 % stay at caution: that group's HRR (1.52) was not above the +10–30 % group's.",
    },
    RuleInfo {
        rule: Rule::WeeklyIncrease,
        id: "weekly-increase",
        title: "Weekly increase",
        evidence: "Weak evidence, so mostly notes: in Buist et al. 2008 (532 novice runners) a programme built on the 10 % rule did not prevent injuries (20.8 % vs 20.3 %), and Frandsen et al. 2025 found no link between week-to-week change and injury. Nielsen et al., JOSPT 2014 (874 novice runners): increases over 30 % went with more distance-related injuries (HR 1.59, 95 % CI 0.96–2.66, a trend). The 10 and 20 % lines are Gradual's defaults, not trial results; with a trend as the evidence the rule stops at caution.",
        rung: "info above +10 %: the 10 % rule on its own did not prevent injuries; caution above +20 %, under the +30 % where a trend (not a significant association) was seen. It never ranks above a single run's spike of the same size.",
    },
    RuleInfo {
        rule: Rule::Acwr,
        id: "acwr",
        title: "Acute:chronic load ratio",
        evidence: "Exponentially weighted 7- and 28-day loads (Williams et al., BJSM 2017). In runners the ratio did not predict injuries (Frandsen et al., BJSM 2025: higher ratios went with fewer injuries), so it is a chart and a note by default. The 1.5 line is a team-sport convention (Gabbett 2016), and the ratio's validity is disputed (Lolli 2019; Impellizzeri 2020, 2021).",
        rung: "info: in runners the ratio did not predict injuries, so it is a chart and a note.",
    },
    RuleInfo {
        rule: Rule::Monotony,
        id: "monotony",
        title: "Monotony",
        evidence: "A note, not a warning: the evidence is about illness, not injury. Foster 1998 (25 athletes): most illnesses followed weeks in which an athlete's training strain (weekly load × monotony, monotony = mean ÷ SD of daily load) went above their own usual level. The 2.0 monotony line is a common convention and Gradual's default; a week is flagged only when its strain is above both the previous four weeks' and what a week of their load would reach at that line, so a light or unchanged steady week is not. Calf program sessions (short strength work on rest days, as the article advises) are not counted.",
        rung: "info: the evidence is about illness in a small sample, not injury.",
    },
    RuleInfo {
        rule: Rule::NewIntensity,
        id: "new-intensity",
        title: "New intensity",
        evidence: concat!(
            "Adding speedwork or hill repeats is a common cause of calf pain (",
            article!(),
            "); faster running and hills load the calf and Achilles more than easy running. The 4-week gap and the novice limit of two quality runs a week are Gradual's defaults."
        ),
        rung: "caution: expert advice (the article); no trial sets the 4-week gap or the novice limit.",
    },
    RuleInfo {
        rule: Rule::ReturnAfterBreak,
        id: "return-after-break",
        title: "Return after a break",
        evidence: concat!(
            "Runners coming back after a layoff are among the most at risk (",
            article!(),
            "). Restarting at about half the previous volume and rebuilding over three weeks (about 50, 70 and 85 %) is coaching practice, not a trial result."
        ),
        rung: "warning: load above the caps acts on deconditioned tissue after a break; the 50 / 70 / 85 % lines are coaching practice.",
    },
    RuleInfo {
        rule: Rule::BarefootTransition,
        id: "barefoot-transition",
        title: "Barefoot transition",
        evidence: concat!(
            "Barefoot and minimalist running load the calf and Achilles more than running in shoes (",
            article!(),
            "); a gradual transition over weeks is the usual advice. The 10 % and 3 km lines are Gradual's defaults."
        ),
        rung: "caution: the article's advice on a known extra load on the calf and Achilles; the lines are Gradual's.",
    },
    RuleInfo {
        rule: Rule::CalfCrossTraining,
        id: "calf-cross-training",
        title: "Calf-loading cross-training before a run",
        evidence: concat!(
            "Expert opinion, not trial evidence (",
            article!(),
            "): strength work, jumping and hard cycling can leave the calves fatigued for the run that follows."
        ),
        rung: "caution: expert opinion on placement.",
    },
    RuleInfo {
        rule: Rule::CalfWorkOnRunDay,
        id: "calf-work-on-run-day",
        title: "Calf work on a running day",
        evidence: concat!(
            "Eccentric calf strengthening belongs on non-running days, 2–3 times a week, so the calves recover between loads (",
            article!(),
            ")."
        ),
        rung: "caution: expert opinion on placement (the article).",
    },
    RuleInfo {
        rule: Rule::CalfImbalance,
        id: "calf-imbalance",
        title: "Calf imbalance",
        evidence: concat!(
            "Both legs should manage the same number of single-leg calf raises; a difference is an imbalance to work on (",
            article!(),
            "). The test repeats within about ±6 reps from one day to the next (Hébert-Losier et al., Physiotherapy 2017, 95 % limits of agreement), so smaller differences may be test error; typical results there were a median of 24 reps for men and 21 for women. The 5-rep and 10 % lines are Gradual's defaults."
        ),
        rung: "caution when the difference is beyond the test's day-to-day error, info within it: the article's advice, not an injury association.",
    },
    RuleInfo {
        rule: Rule::NoRestDay,
        id: "no-rest-day",
        title: "No rest day",
        evidence: "Rest days let muscles and tendons adapt; running every day leaves the calves no recovery. Coaching practice; seven days in a row is Gradual's default line.",
        rung: "caution: coaching practice.",
    },
    RuleInfo {
        rule: Rule::Hydration,
        id: "hydration",
        title: "Hydration",
        evidence: concat!(
            "The ",
            article!(),
            " names dehydration as a cause of cramps and advises drinking on runs over an hour. Later studies did not find dehydration or blood electrolytes behind exercise cramps (Schwellnus et al., BJSM 2004: ultramarathon runners; BJSM 2011: 210 Ironman triathletes); cramping went with faster racing and earlier cramps. Drinking to thirst is the consensus advice (Hew-Butler et al., Clin J Sport Med 2015)."
        ),
        rung: "info: later studies question dehydration as the cause of cramps.",
    },
    RuleInfo {
        rule: Rule::RedFlag,
        id: "red-flag",
        title: "Red flags",
        evidence: concat!(
            "Do not run through a calf injury. Swelling, severe pain, pins and needles, numbness, redness or a pop felt in the calf (the sign of a tear) need a doctor or physiotherapist (",
            article!(),
            "). Bruising and not being able to bear weight are signs of a tear too (physiotherapy sources). Calf swelling with warmth or redness, above all without an injury, can be a blood clot (deep vein thrombosis, NHS), which needs a doctor the same day. Pain above 5/10 is unacceptable in the pain-monitoring model (Silbernagel et al., AJSM 2007)."
        ),
        rung: "danger: red flags only (see a professional); calf or Achilles pain above 5/10 without a flag: warning (unacceptable in the pain-monitoring model).",
    },
    RuleInfo {
        rule: Rule::BeforeAllClear,
        id: "before-all-clear",
        title: "Running before the all-clear",
        evidence: concat!(
            "Do not run through a calf injury; come back only when the calf is strong and walking is comfortable (",
            article!(),
            "). Gradual protects every run after a red flag, calf or Achilles pain above 5/10 or a strain (4–5/10) until a later log of that area with pain 2/10 or less and no flags, Gradual's all-clear line, within what the pain-monitoring model counts as safe (Silbernagel et al., AJSM 2007). A pop, bruising or not bearing weight can mean a tear (physiotherapy sources), which keeps the first line longer. The 7 and 14 days are Gradual's defaults, not trial results."
        ),
        rung: "warning in the first days after a red flag or pain above 5/10 (7 days; 14 after signs of a tear): running on injured tissue; caution after that, until an all-clear log (it may only be missing), and after a strain at 4–5/10.",
    },
    RuleInfo {
        rule: Rule::PainMonitoring,
        id: "pain-monitoring",
        title: "Pain not settling",
        evidence: "Pain-monitoring model (Silbernagel et al., AJSM 2007, 38 patients with Achilles tendinopathy): running could continue with pain up to 5/10 that settles by the next morning, with no negative effects compared with rest; pain that is higher the next day means reducing the load. The model comes from Achilles tendinopathy; Gradual uses it for the calf by analogy. Gradual's default: pain of 3 or more on two logs in a row, not falling, is a caution (cramps are not counted).",
        rung: "caution: a clinical model from Achilles tendinopathy, used here by analogy.",
    },
    RuleInfo {
        rule: Rule::NoBaseline,
        id: "no-baseline",
        title: "No baseline",
        evidence: "Spikes are judged against what the athlete ran before (Frandsen et al. 2025: the previous 30 days); without the current weekly distance and longest run, the plan's first weeks have nothing to be compared with.",
        rung: "info: nothing is wrong, the first weeks just have nothing to be compared with.",
    },
];

impl Rule {
    /// Whether the rule judges where a calf-loading session sits (before or on a run's
    /// day): the only rules that name a session that is not a run, and the ones moving a
    /// session a day or two fixes (the inspector's "Move to", a re-plan's shift).
    pub fn is_placement(self) -> bool {
        matches!(self, Rule::CalfCrossTraining | Rule::CalfWorkOnRunDay)
    }

    /// The rule's description and evidence.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// The stable id (`long-run-spike`, ...).
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Looks a rule up by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.id == id).map(|r| r.rule)
    }

    /// The rule's thresholds in force, in words (the plan's settings over the level's
    /// defaults).
    pub fn thresholds(self, t: &Thresholds) -> String {
        let p = |x: f64| format!("{} %", fmt_km(x));
        // A line that is off unless a plan sets it.
        let optional = |x: f64, severity: &str| {
            if x.is_finite() {
                format!("; more than {}: {severity}", p(x))
            } else {
                String::new()
            }
        };
        match self {
            Rule::LongRunSpike => {
                let danger = optional(t.long_run_danger_pct, "danger");
                format!(
                    "a run more than {} longer than the longest of the previous {SPIKE_WINDOW_DAYS} days: caution; more than {}: warning{danger}. Judged once {SPIKE_WINDOW_DAYS} days of the plan (or the baseline) lie behind a run; by minutes when time-only runs are involved; the goal race is a note, and not what later runs are compared with",
                    p(t.long_run_caution_pct),
                    p(t.long_run_warning_pct),
                )
            }
            Rule::WeeklyIncrease => {
                let warning = optional(t.weekly_increase_warning_pct, "warning");
                format!(
                    "a full week's running more than {} over the highest of the previous four full weeks: note; more than {}: caution{warning}; increases of {} km or less are ignored; the goal race itself is left out of its week; in the three weeks after a break, compared with the weeks since the return, up to the return ladder's step (+{})",
                    p(t.weekly_increase_info_pct),
                    p(t.weekly_increase_caution_pct),
                    fmt_km(t.weekly_increase_floor_km),
                    p(return_step_pct(t))
                )
            }
            Rule::Acwr => format!(
                "a week's EWMA ratio (7 / 28 days) of {} or more, after 28 days of history: {}",
                t.acwr_warning, t.acwr_severity
            ),
            Rule::Monotony => format!(
                "weekly monotony above {} in a week whose strain is above the previous four weeks' average strain and above {} × their average load: note",
                t.monotony_caution, t.monotony_caution
            ),
            Rule::NewIntensity => format!(
                "first quality run after {} days without one, more than {} quality runs in a week for a novice, or a quality run within {EASY_AFTER_CLEAR_DAYS} days of the all-clear after a calf or Achilles injury: caution (the goal race is not counted)",
                t.quality_gap_days, t.novice_max_quality_per_week
            ),
            Rule::ReturnAfterBreak => format!(
                "{} days or more without running (also before the plan: baseline last_run), then the three weeks back above {}, {} and {} of the average week before: warning",
                t.break_days,
                p(t.return_max_pct),
                p(t.return_week2_pct),
                p(t.return_week3_pct)
            ),
            Rule::BarefootTransition => format!(
                "barefoot or minimalist running above {} of the week, or a barefoot run over {} km with no shorter one before: caution",
                p(t.barefoot_share_pct),
                fmt_km(t.barefoot_first_run_km)
            ),
            Rule::CalfCrossTraining => format!(
                "strength with calf work, plyometrics, skipping, stairs, hiking or cycling at RPE {} or more earlier the same day as a run, or the day before a long or quality run: caution",
                t.hard_cycling_rpe
            ),
            Rule::CalfWorkOnRunDay => "a calf program session on a day with a run: caution".into(),
            Rule::CalfImbalance => format!(
                "latest calf-raise test: legs differing by {} reps or more and more than {}: caution; a difference above {} but under {} reps: note",
                t.calf_imbalance_min_reps,
                p(t.calf_imbalance_pct),
                p(t.calf_imbalance_pct),
                t.calf_imbalance_min_reps
            ),
            Rule::NoRestDay => format!(
                "{} or more consecutive days with running: caution",
                t.max_running_days
            ),
            Rule::Hydration => format!(
                "runs over {} minutes: one note for the plan",
                fmt_km(t.hydration_minutes)
            ),
            Rule::RedFlag => format!(
                "any red flag (swelling, severe pain, pins and needles, numbness, redness, a pop, bruising, not bearing weight): danger; calf or Achilles pain above {}/10 (not a cramp): warning",
                t.calf_pain_warning
            ),
            Rule::BeforeAllClear => format!(
                "runs after a red flag or calf or Achilles pain above {}/10: warning for {} days ({} after a pop, bruising or not bearing weight), then caution; after a strain ({}–{}/10, not a cramp): caution; until a log of that area with pain 2 or less and no flags",
                t.calf_pain_warning, t.red_flag_days, t.tear_days, STRAIN_PAIN, t.calf_pain_warning
            ),
            Rule::PainMonitoring => format!(
                "calf or Achilles pain of {} or more on two logs in a row without falling: caution",
                t.pain_monitor_min
            ),
            Rule::NoBaseline => "a plan with runs and no baseline: one note".into(),
        }
    }
}
