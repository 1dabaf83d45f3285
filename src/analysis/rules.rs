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

/// Stable rule identifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// Shared inputs of the dated rules.
struct Ctx<'a> {
    plan: &'a Plan,
    t: &'a Thresholds,
    report: &'a Report,
    start: NaiveDate,
    /// The plan's own first day, as a day index (the first week is partial when > 0).
    plan_start: usize,
    /// Counted sessions, sorted by date, in file order within a day.
    order: Vec<usize>,
    /// `order[offsets[d]..offsets[d + 1]]` are day `d`'s sessions.
    offsets: Vec<usize>,
    /// Sessions that are the goal race: a Race run on the race's date.
    goal: Vec<usize>,
    /// The day index of the goal race, if it lies in the span.
    goal_day: Option<usize>,
}

impl Ctx<'_> {
    fn on_day(&self, d: usize) -> &[usize] {
        &self.order[self.offsets[d]..self.offsets[d + 1]]
    }

    fn session(&self, i: usize) -> &Session {
        &self.plan.sessions[i]
    }

    fn date(&self, d: usize) -> NaiveDate {
        self.start + Duration::days(d as i64)
    }

    fn runs_on(&self, d: usize) -> impl Iterator<Item = usize> + '_ {
        self.on_day(d)
            .iter()
            .copied()
            .filter(|&i| matches!(self.plan.sessions[i].activity, Activity::Run { .. }))
    }

    /// Whether session `i` is a run that gives no distance.
    fn time_only(&self, i: usize) -> bool {
        self.session(i).run().is_some_and(|r| r.km.is_none())
    }

    /// A run's size: km, or minutes (given or estimated) when comparing by time.
    fn size(&self, i: usize, by_time: bool) -> f64 {
        if by_time {
            self.report.sessions[i].minutes
        } else {
            self.session(i).run().and_then(|r| r.km).unwrap_or(0.0)
        }
    }

    /// Minutes for `km` at the athlete's easy pace (baseline distances compared by time).
    fn minutes_for(&self, km: f64) -> f64 {
        self.plan.athlete.easy_pace.minutes_for(km)
    }

    fn is_goal(&self, i: usize) -> bool {
        self.goal.contains(&i)
    }

    fn week_has_goal(&self, w: usize) -> bool {
        self.goal_day.is_some_and(|d| d / 7 == w)
    }
}

/// Adds one warning to `out`.
fn push(
    out: &mut Vec<Warning>,
    rule: Rule,
    severity: Severity,
    date: NaiveDate,
    sessions: Vec<usize>,
    message: String,
) {
    out.push(warning(rule, severity, date, sessions, message));
}

fn warning(
    rule: Rule,
    severity: Severity,
    date: NaiveDate,
    sessions: Vec<usize>,
    message: String,
) -> Warning {
    Warning {
        rule,
        severity,
        date,
        week: week_start(date),
        sessions,
        message,
        evidence: rule.info().evidence,
    }
}

/// `value > threshold`, ignoring floating-point noise (4.4 km over 4.0 km is +10 %, not
/// +10.000000000000009 %).
fn exceeds(value: f64, threshold: f64) -> bool {
    value > threshold + EPS
}

fn pct(x: f64) -> String {
    format!("{x:.0} %")
}

/// A threshold as written in settings: "10 %", "12.5 %".
fn line(x: f64) -> String {
    format!("{} %", fmt_km(x))
}

/// A measured percentage with enough decimals not to seem to contradict the `lines` it
/// is judged by: "+10.2 %" next to "keep within +10 %", where "+10 %" would read as
/// within it; "+94 %" far from any line.
fn pct_vs(x: f64, lines: &[f64]) -> String {
    for decimals in 0..=2 {
        let f = 10f64.powi(decimals);
        let r = (x * f).round() / f;
        let agrees = lines
            .iter()
            .filter(|l| l.is_finite())
            .all(|&l| exceeds(x, l) == (r > l + EPS));
        if agrees {
            return format!("{r:.*} %", decimals as usize);
        }
    }
    format!("{x:.3} %")
}

/// Pain (0–10) at or above which a calf or Achilles log (not a cramp) counts as a strain:
/// RICE and no running on it (the article).
pub const STRAIN_PAIN: u8 = 4;

/// The largest step of the return ladder between two weeks back, in % (70 after 50 is
/// +40 %): in the three weeks after a break the weekly-increase rule allows it.
fn return_step_pct(t: &Thresholds) -> f64 {
    let lines = [t.return_max_pct, t.return_week2_pct, t.return_week3_pct];
    lines
        .windows(2)
        .filter(|w| w[0] > 0.0)
        .map(|w| (w[1] / w[0] - 1.0) * 100.0)
        .fold(0.0, f64::max)
}

/// A volume as people say it: "31.0 km" or "95 min".
fn amount(x: f64, by_time: bool) -> String {
    if by_time {
        format!("{x:.0} min")
    } else {
        format!("{x:.1} km")
    }
}

/// What a comparison by time says about itself.
const BY_TIME: &str = "compared by time, as time-only runs are involved";

/// Rules that need no dated span (calf test, symptoms).
pub(super) fn undated(plan: &Plan, t: &Thresholds, report: &mut Report) {
    calf_imbalance(plan, t, &mut report.warnings);
    red_flag(plan, t, &mut report.warnings);
    before_all_clear(plan, t, &mut report.warnings);
    pain_monitoring(plan, t, &mut report.warnings);
}

/// The shared inputs of the dated rules for `report` (whose series are filled in).
fn context<'a>(plan: &'a Plan, t: &'a Thresholds, report: &'a Report) -> Ctx<'a> {
    let start = report.days[0].date;
    let n = report.days.len();
    let end = start + Duration::days(n as i64 - 1);
    let mut order: Vec<usize> = (0..plan.sessions.len())
        .filter(|&i| {
            let s = &plan.sessions[i];
            s.counts() && s.date >= start && s.date <= end
        })
        .collect();
    order.sort_by_key(|&i| plan.sessions[i].date);
    let mut offsets = vec![0usize; n + 1];
    for &i in &order {
        offsets[(plan.sessions[i].date - start).num_days() as usize + 1] += 1;
    }
    for d in 0..n {
        offsets[d + 1] += offsets[d];
    }
    let race_date = plan.race.as_ref().map(|r| r.date);
    let goal: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| {
            let s = &plan.sessions[i];
            Some(s.date) == race_date && s.run().is_some_and(|r| r.kind == RunKind::Race)
        })
        .collect();
    let goal_day = goal
        .first()
        .map(|&i| (plan.sessions[i].date - start).num_days() as usize);
    let plan_start = report
        .plan_start
        .map_or(0, |d| (d - start).num_days().max(0) as usize);
    Ctx {
        plan,
        t,
        report,
        start,
        plan_start,
        order,
        offsets,
        goal,
        goal_day,
    }
}

/// The dated rules, in the order their warnings are made: each reads the shared context
/// and adds to the output.
const DATED: [fn(&Ctx, &mut Vec<Warning>); 12] = [
    long_run_spike,
    weekly_increase,
    acwr,
    monotony,
    new_intensity,
    return_after_break,
    barefoot_transition,
    calf_cross_training,
    calf_work_on_run_day,
    no_rest_day,
    hydration,
    no_baseline,
];

/// Applies every rule to a report whose series are filled in.
pub(super) fn apply(plan: &Plan, t: &Thresholds, report: &mut Report) {
    let mut out = Vec::new();
    {
        let ctx = context(plan, t, report);
        for rule in DATED {
            rule(&ctx, &mut out);
        }
    }
    undated(plan, t, report);
    report.warnings.append(&mut out);
}

/// How one rule limits a week's running: the rule stays below caution while the week's
/// scalable runs are at most `factor` times their size (the rules' inverses, each next
/// to its rule below; `super::headroom` combines them).
pub(super) struct Bound {
    pub rule: Rule,
    pub factor: f64,
    /// The limit in words: "weekly increase: +20 % over 28.5 km".
    pub text: String,
}

/// What less running cannot fix in a week (a red flag, a shape within the week).
pub(super) struct Stuck {
    pub rule: Rule,
    pub text: String,
}

/// The most one run may be before long-run-spike reaches caution, the others as they are.
#[derive(Clone, Debug, PartialEq)]
pub struct RunLimit {
    /// The run (index into `plan.sessions`).
    pub session: usize,
    /// Its size now: km, or minutes when compared by time.
    pub size: f64,
    /// The most it may be.
    pub limit: f64,
    /// The longest run of the previous 30 days it is compared with (or the baseline's).
    pub over: f64,
    /// Sizes are minutes.
    pub by_time: bool,
    /// `over` is the baseline's longest run.
    pub from_baseline: bool,
}

/// One week's limits: its running (the goal race is fixed, every other counted run
/// scales), the bounds of the distance and load rules, what less running cannot fix.
pub(super) struct WeekLimits {
    pub w: usize,
    pub scalable: Vec<usize>,
    /// The week's unit: minutes when time-only runs are involved.
    pub by_time: bool,
    pub volume: f64,
    pub scalable_volume: f64,
    pub bounds: Vec<Bound>,
    pub stuck: Vec<Stuck>,
    /// The limit of the week's longest scalable run.
    pub long: Option<RunLimit>,
}

/// Rules whose warnings less running can lift (the others are blockers for headroom).
pub(super) const DISTANCE_RULES: [Rule; 4] = [
    Rule::LongRunSpike,
    Rule::WeeklyIncrease,
    Rule::ReturnAfterBreak,
    Rule::Acwr,
];

/// Every week's limits and every run's limit, for a report whose rules have run.
///
/// A week's scalable runs are the ones still to be run: counted, not done, not the goal
/// race, and from `from` on when given (a re-plan never touches the past).
pub(super) fn limits(
    plan: &Plan,
    t: &Thresholds,
    report: &Report,
    from: Option<NaiveDate>,
) -> (Vec<WeekLimits>, Vec<Option<RunLimit>>) {
    if report.days.is_empty() {
        return (Vec::new(), vec![None; plan.sessions.len()]);
    }
    let c = context(plan, t, report);
    let runs = day_runs(&c);
    let returns = breaks(&c);
    let windows = return_windows(&c);
    let mut run_limits = vec![None; plan.sessions.len()];
    for d in 0..report.days.len() {
        for i in c.runs_on(d) {
            run_limits[i] = run_limit(&c, &runs, d, i);
        }
    }
    let mut weeks = Vec::with_capacity(report.weeks.len());
    for (w, week) in report.weeks.iter().enumerate() {
        let all: Vec<usize> = (w * 7..w * 7 + 7).flat_map(|d| c.runs_on(d)).collect();
        let scalable: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| {
                let s = c.session(i);
                !c.is_goal(i)
                    && s.status != crate::model::Status::Done
                    && from.is_none_or(|f| s.date >= f)
            })
            .collect();
        let by_time =
            weekly_reference(&c, w, &returns).map_or(week.time_only_minutes > 0.0, |r| r.by_time);
        let volume = if by_time {
            week.run_minutes
        } else {
            week.run_km
        };
        let scalable_volume: f64 = scalable.iter().map(|&i| c.size(i, by_time)).sum();
        let mut bounds = Vec::new();
        let mut stuck = Vec::new();
        if scalable_volume > 0.0 {
            bounds.extend(weekly_increase_bound(&c, w, &returns, &scalable));
            long_run_bounds(&c, &runs, w, &scalable, &mut bounds, &mut stuck);
            return_bounds(&c, &windows, w, &scalable, &mut bounds, &mut stuck);
            bounds.extend(acwr_bound(&c, w, &scalable));
        }
        // What less running cannot fix: the week's other warnings at caution or above.
        for x in report.warnings.iter().filter(|x| {
            x.week == week.start
                && x.severity >= Severity::Caution
                && !DISTANCE_RULES.contains(&x.rule)
        }) {
            stuck.push(Stuck {
                rule: x.rule,
                text: x.message.clone(),
            });
        }
        let long = scalable
            .iter()
            .copied()
            .filter(|&i| run_limits[i].is_some())
            .max_by(|&a, &b| c.size(a, by_time).total_cmp(&c.size(b, by_time)))
            .and_then(|i| run_limits[i].clone());
        weeks.push(WeekLimits {
            w,
            scalable,
            by_time,
            volume,
            scalable_volume,
            bounds,
            stuck,
            long,
        });
    }
    (weeks, run_limits)
}

/// Per day of the span: the longest run with a distance, the longest by minutes, and
/// whether a time-only run was among them. The goal race is left out: it is a planned
/// peak, not training that later runs may build on (a long run the week after a half
/// marathon is judged against the training before it).
struct DayRuns {
    km: Vec<f64>,
    minutes: Vec<f64>,
    timed: Vec<bool>,
}

fn day_runs(c: &Ctx) -> DayRuns {
    let n = c.report.days.len();
    let mut r = DayRuns {
        km: vec![0.0; n],
        minutes: vec![0.0; n],
        timed: vec![false; n],
    };
    for d in 0..n {
        for i in c.runs_on(d).filter(|&i| !c.is_goal(i)) {
            r.km[d] = r.km[d].max(c.size(i, false));
            r.minutes[d] = r.minutes[d].max(c.size(i, true));
            r.timed[d] |= c.time_only(i);
        }
    }
    r
}

/// What the long-run-spike rule compares run `i` on day `d` with: the previous
/// [`SPIKE_WINDOW_DAYS`] days (`lo..d`), in minutes or km, and the baseline's longest run
/// where the window reaches before the plan. `None` when the rule does not judge the run
/// (the window reaches before the plan and nothing stands in for those days).
struct SpikeRef {
    lo: usize,
    by_time: bool,
    stand_in: Option<f64>,
}

fn spike_ref(c: &Ctx, runs: &DayRuns, d: usize, i: usize) -> Option<SpikeRef> {
    let lo = d.saturating_sub(SPIKE_WINDOW_DAYS);
    // The window reaches before the plan: only the baseline can stand in for those
    // days, and only if the athlete ran within them.
    let before_plan = d < c.plan_start + SPIKE_WINDOW_DAYS;
    let baseline = c
        .plan
        .athlete
        .baseline
        .as_ref()
        .filter(|b| b.long_run_km > 0.0)
        .filter(|b| {
            b.last_run
                .is_none_or(|l| (c.date(d) - l).num_days() <= SPIKE_WINDOW_DAYS as i64)
        });
    if before_plan && baseline.is_none() {
        return None; // nothing to compare with (the no-baseline note says so)
    }
    let run = c.session(i).run()?;
    let by_time = run.km.is_none() || runs.timed[lo..d].iter().any(|t| *t);
    let stand_in = baseline.filter(|_| before_plan).map(|b| {
        if by_time {
            c.minutes_for(b.long_run_km)
        } else {
            b.long_run_km
        }
    });
    Some(SpikeRef {
        lo,
        by_time,
        stand_in,
    })
}

impl DayRuns {
    fn series(&self, by_time: bool) -> &[f64] {
        if by_time { &self.minutes } else { &self.km }
    }
}

/// The smallest spike, in %, the long-run-spike rule reports at caution or above.
fn spike_limit_pct(t: &Thresholds) -> f64 {
    t.long_run_caution_pct
        .min(t.long_run_warning_pct)
        .min(t.long_run_danger_pct)
}

/// long-run-spike (Frandsen et al., BJSM 2025).
fn long_run_spike(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let runs = day_runs(c);
    for d in 0..n {
        for i in c.runs_on(d).collect::<Vec<_>>() {
            let Some(r) = spike_ref(c, &runs, d, i) else {
                continue;
            };
            let run = c.session(i).run().expect("runs_on yields runs");
            let by_time = r.by_time;
            let mut prev = runs.series(by_time)[r.lo..d]
                .iter()
                .copied()
                .fold(0.0, f64::max);
            let mut from_baseline = false;
            if let Some(b) = r.stand_in
                && b > prev
            {
                (prev, from_baseline) = (b, true);
            }
            if prev <= 0.0 {
                continue;
            }
            let size = c.size(i, by_time);
            let spike = (size / prev - 1.0) * 100.0;
            let severity = if exceeds(spike, c.t.long_run_danger_pct) {
                Severity::Danger
            } else if exceeds(spike, c.t.long_run_warning_pct) {
                Severity::Warning
            } else if exceeds(spike, c.t.long_run_caution_pct) {
                Severity::Caution
            } else {
                continue;
            };
            let mut source = String::new();
            if from_baseline {
                source.push_str(", from the baseline");
            }
            if by_time {
                source.push_str("; ");
                source.push_str(BY_TIME);
            }
            // Only the goal race is a planned peak; a tune-up race is judged like any run.
            let (severity, advice) = if c.is_goal(i) {
                (
                    Severity::Info,
                    "expected for a goal race; plan easy days after it".to_string(),
                )
            } else if run.kind == RunKind::Race {
                (
                    severity,
                    "a race counts like any other run: build the long run up toward it first, or choose a shorter race".to_string(),
                )
            } else {
                (
                    severity,
                    format!(
                        "keep single runs within +{} of it",
                        line(c.t.long_run_caution_pct)
                    ),
                )
            };
            push(
                out,
                Rule::LongRunSpike,
                severity,
                c.date(d),
                vec![i],
                format!(
                    "{} run {} is +{} over your longest run of the previous {SPIKE_WINDOW_DAYS} days ({}{source}); {advice}",
                    run.kind.name(),
                    amount(size, by_time),
                    pct_vs(
                        spike,
                        &[
                            c.t.long_run_caution_pct,
                            c.t.long_run_warning_pct,
                            c.t.long_run_danger_pct
                        ]
                    ),
                    amount(prev, by_time),
                ),
            );
        }
    }
}

/// The inverse of long-run-spike for one run, the others as they are: the most run `i` on
/// day `d` may be. `None` when the rule does not judge it (or it is the goal race).
fn run_limit(c: &Ctx, runs: &DayRuns, d: usize, i: usize) -> Option<RunLimit> {
    if c.is_goal(i) {
        return None;
    }
    let r = spike_ref(c, runs, d, i)?;
    let mut over = runs.series(r.by_time)[r.lo..d]
        .iter()
        .copied()
        .fold(0.0, f64::max);
    let mut from_baseline = false;
    if let Some(b) = r.stand_in
        && b > over
    {
        (over, from_baseline) = (b, true);
    }
    (over > 0.0).then(|| RunLimit {
        session: i,
        size: c.size(i, r.by_time),
        limit: over * (1.0 + spike_limit_pct(c.t) / 100.0),
        over,
        by_time: r.by_time,
        from_baseline,
    })
}

/// The inverse of long-run-spike for week `w` with its `scalable` runs scaled together:
/// each run's bound, given the runs before the week and the week's own earlier runs
/// (which scale with it). A run longer than an earlier one this week by more than the
/// limit, with nothing longer before the week, stays a spike however the week is scaled:
/// that is reshaping, not less running.
fn long_run_bounds(
    c: &Ctx,
    runs: &DayRuns,
    w: usize,
    scalable: &[usize],
    bounds: &mut Vec<Bound>,
    stuck: &mut Vec<Stuck>,
) {
    let ws = w * 7;
    let m = 1.0 + spike_limit_pct(c.t) / 100.0;
    for &i in scalable {
        let d = (c.session(i).date - c.start).num_days() as usize;
        let Some(r) = spike_ref(c, runs, d, i) else {
            continue;
        };
        // Fixed: the days before the week, the baseline.
        let fixed = runs.series(r.by_time)[r.lo..ws.max(r.lo)]
            .iter()
            .copied()
            .fold(r.stand_in.unwrap_or(0.0), f64::max);
        // Scaling: the week's own earlier runs (the goal race is no reference).
        let scaling = (ws.max(r.lo)..d)
            .flat_map(|e| c.runs_on(e))
            .filter(|&e| !c.is_goal(e))
            .map(|e| c.size(e, r.by_time))
            .fold(0.0f64, f64::max);
        let size = c.size(i, r.by_time);
        if size <= 0.0 || (scaling > 0.0 && !exceeds(size, scaling * m)) {
            continue; // within the limit of an earlier run this week, at any scale
        }
        let day = c.date(d).format("%a %-d %b");
        if fixed > 0.0 {
            bounds.push(Bound {
                rule: Rule::LongRunSpike,
                factor: fixed * m / size,
                text: format!(
                    "long-run spike: the run on {day} at most +{} over {}",
                    line(spike_limit_pct(c.t)),
                    amount(fixed, r.by_time)
                ),
            });
        } else if scaling > 0.0 {
            stuck.push(Stuck {
                rule: Rule::LongRunSpike,
                text: format!(
                    "the run on {day} is +{} over an earlier run this week, with nothing longer in the 30 days before: shorten it or lengthen the earlier one",
                    pct((size / scaling - 1.0) * 100.0)
                ),
            });
        }
    }
}

/// What week `i` is compared with by the weekly-increase rule: the highest of the
/// previous four full weeks (the baseline standing in for weeks before the plan), in km,
/// or in minutes when time-only runs are involved. `None` when the rule does not judge
/// the week (a partial first week, nothing to compare with).
///
/// The goal race is left out of its week (a race week is judged on its other runs). In
/// the three weeks after a break the week is compared with the full weeks since the
/// first run back (the return rule judges it against the weeks before the break), and
/// its lines widen to the return ladder's step: 50 → 70 % of the usual week is +40 %.
struct WeeklyRef {
    reference: f64,
    from_baseline: bool,
    by_time: bool,
    /// The week's volume as the rule counts it (the goal race left out).
    volume: f64,
    /// The note and caution lines for this week, in %.
    info_pct: f64,
    caution_pct: f64,
    /// The first run back, when the week is one of the three after a break.
    returning: Option<NaiveDate>,
}

impl WeeklyRef {
    /// The most the week may hold before caution: the larger of the reference plus the
    /// floor and the reference plus the caution (or warning, if lower) line.
    fn limit(&self, c: &Ctx) -> f64 {
        let p = self.caution_pct.min(c.t.weekly_increase_warning_pct);
        (self.reference * (1.0 + p / 100.0)).max(self.reference + weekly_floor(c, self.by_time))
    }

    /// What the reference is, in words: "the highest of the previous four weeks (31.0 km)".
    fn describe(&self) -> String {
        let what = match self.returning {
            Some(d) => format!("the highest full week since the return on {d}"),
            None => "the highest of the previous four weeks".to_string(),
        };
        let mut source = String::new();
        if self.from_baseline {
            source.push_str(", from the baseline");
        }
        if self.by_time {
            source.push_str("; ");
            source.push_str(BY_TIME);
        }
        format!("{what} ({}{source})", amount(self.reference, self.by_time))
    }
}

fn weekly_reference(c: &Ctx, i: usize, returns: &[(i64, i64)]) -> Option<WeeklyRef> {
    let weeks = &c.report.weeks;
    let baseline = c
        .plan
        .athlete
        .baseline
        .as_ref()
        .map(|b| b.weekly_km)
        .filter(|k| *k > 0.0);
    // A week is judged, and judges others, only when the plan covers it: a plan starting
    // on a Thursday must not compare a 4-day week with a 7-day one. (A plan whose first
    // session is on a Tuesday or Wednesday just has a rest day or two first.)
    let first_full = usize::from(c.plan_start >= PARTIAL_WEEK_DAYS);
    if i < first_full {
        return None;
    }
    // The three weeks after a break: only full weeks since the first run back count.
    let (a, b) = (i as i64 * 7, i as i64 * 7 + 7);
    let back = returns
        .iter()
        .map(|(_, d)| *d)
        .filter(|d| a < d + RETURN_DAYS && *d < b)
        .max();
    let counts = |j: usize| j >= first_full && back.is_none_or(|d| j as i64 * 7 >= d);
    let refs: Vec<Option<usize>> = (i as i64 - REFERENCE_WEEKS as i64..i as i64)
        .map(|j| (j >= 0 && counts(j as usize)).then_some(j as usize))
        .collect();
    // The goal race's own size is left out of its week.
    let goal_size = |by_time: bool| -> f64 {
        c.goal
            .iter()
            .filter(|_| c.week_has_goal(i))
            .map(|&g| c.size(g, by_time))
            .sum()
    };
    let by_time = weeks[i].time_only_minutes > 0.0
        || refs
            .iter()
            .flatten()
            .any(|&j| weeks[j].time_only_minutes > 0.0);
    let volume = |j: usize| {
        if by_time {
            weeks[j].run_minutes
        } else {
            weeks[j].run_km
        }
    };
    let from_base = baseline
        .filter(|_| back.is_none())
        .map(|b| if by_time { c.minutes_for(b) } else { b });
    let mut reference: Option<(f64, bool)> = None;
    for r in &refs {
        let v = match r {
            Some(j) => Some((volume(*j), false)),
            None => from_base.map(|b| (b, true)),
        };
        if let Some(v) = v
            && reference.is_none_or(|r| v.0 > r.0)
        {
            reference = Some(v);
        }
    }
    let (reference, from_baseline) = reference.filter(|r| r.0 > 0.0)?;
    let (info_pct, caution_pct) = match back {
        Some(_) => {
            let line = c.t.weekly_increase_caution_pct.max(return_step_pct(c.t));
            (line, line)
        }
        None => (
            c.t.weekly_increase_info_pct,
            c.t.weekly_increase_caution_pct,
        ),
    };
    Some(WeeklyRef {
        reference,
        from_baseline,
        by_time,
        volume: (volume(i) - goal_size(by_time)).max(0.0),
        info_pct,
        caution_pct,
        returning: back.map(|d| c.date(d as usize)),
    })
}

/// The weekly-increase floor in the comparison's unit.
fn weekly_floor(c: &Ctx, by_time: bool) -> f64 {
    if by_time {
        c.minutes_for(c.t.weekly_increase_floor_km)
    } else {
        c.t.weekly_increase_floor_km
    }
}

/// weekly-increase (Buist et al. 2008; Nielsen et al. 2014; Frandsen et al. 2025).
fn weekly_increase(c: &Ctx, out: &mut Vec<Warning>) {
    let weeks = &c.report.weeks;
    let returns = breaks(c);
    for (i, w) in weeks.iter().enumerate() {
        let Some(r) = weekly_reference(c, i, &returns) else {
            continue;
        };
        let now = r.volume;
        let increase = now - r.reference;
        let floor = weekly_floor(c, r.by_time);
        let p = increase / r.reference * 100.0;
        if !exceeds(increase, floor) || !exceeds(p, r.info_pct) {
            continue;
        }
        let (severity, advice) = if exceeds(p, c.t.weekly_increase_warning_pct) {
            (
                Severity::Warning,
                "build more gradually: spread the increase over several weeks".to_string(),
            )
        } else if exceeds(p, r.caution_pct) {
            let advice = match r.returning {
                Some(_) => format!(
                    "after a break, build back week by week (about +{} a week at most): keep it to {}",
                    line(r.caution_pct),
                    amount(r.limit(c), r.by_time)
                ),
                None => "consider spreading the increase over two weeks".to_string(),
            };
            (Severity::Caution, advice)
        } else {
            (
                Severity::Info,
                format!(
                    "above the {} rule of thumb, which on its own did not prevent injuries in a trial; fine if the week feels easy",
                    line(r.info_pct)
                ),
            )
        };
        let d0 = i * 7;
        let runs: Vec<usize> = (d0..d0 + 7)
            .flat_map(|d| c.runs_on(d).collect::<Vec<_>>())
            .filter(|&j| !c.is_goal(j))
            .collect();
        let race = if c.week_has_goal(i) {
            " without the goal race"
        } else {
            ""
        };
        push(
            out,
            Rule::WeeklyIncrease,
            severity,
            w.start,
            runs,
            format!(
                "Week of {}: {}{race} is +{} over {}; {advice}",
                w.start,
                amount(now, r.by_time),
                pct_vs(
                    p,
                    &[r.info_pct, r.caution_pct, c.t.weekly_increase_warning_pct]
                ),
                r.describe()
            ),
        );
    }
}

/// The inverse of weekly-increase for week `w`: the week's volume stays below caution
/// while it is at most [`WeeklyRef::limit`].
fn weekly_increase_bound(
    c: &Ctx,
    w: usize,
    returns: &[(i64, i64)],
    scalable: &[usize],
) -> Option<Bound> {
    let r = weekly_reference(c, w, returns)?;
    let scaling: f64 = scalable.iter().map(|&i| c.size(i, r.by_time)).sum();
    if scaling <= 0.0 {
        return None;
    }
    let p = r.caution_pct.min(c.t.weekly_increase_warning_pct);
    let floor = weekly_floor(c, r.by_time);
    let by_pct = r.reference * (1.0 + p / 100.0);
    let base = if r.from_baseline {
        " (the baseline)"
    } else if r.returning.is_some() {
        " (since the return)"
    } else {
        ""
    };
    let text = if by_pct >= r.reference + floor {
        format!(
            "weekly increase: +{} over {}{base}",
            line(p),
            amount(r.reference, r.by_time)
        )
    } else {
        format!(
            "weekly increase: {} over {}{base}",
            amount(floor, r.by_time),
            amount(r.reference, r.by_time)
        )
    };
    Some(Bound {
        rule: Rule::WeeklyIncrease,
        factor: (r.limit(c) - (r.volume - scaling)) / scaling,
        text,
    })
}

/// acwr (Williams et al. 2017; Frandsen et al. 2025; Gabbett 2016; critiques Lolli 2019,
/// Impellizzeri 2020). Judged per week on the means of the daily EWMAs, so the rise and
/// fall within a steady week (long-run day, rest day) is not read as a spike.
fn acwr(c: &Ctx, out: &mut Vec<Warning>) {
    let days = &c.report.days;
    for (wi, w) in c.report.weeks.iter().enumerate() {
        let Some(r) = w.acwr_week.filter(|r| *r >= c.t.acwr_warning - EPS) else {
            continue;
        };
        let week = &days[wi * 7..wi * 7 + 7];
        let acute = week.iter().map(|d| d.acute).sum::<f64>() / 7.0;
        let chronic = week.iter().map(|d| d.chronic).sum::<f64>() / 7.0;
        let (severity, tail) = if c.week_has_goal(wi) {
            (
                Severity::Info,
                "expected in a goal race's week; recover with easy days after it".to_string(),
            )
        } else {
            (
                c.t.acwr_severity,
                format!(
                    "{} is a team-sport convention, not a prediction for you",
                    c.t.acwr_warning
                ),
            )
        };
        push(
            out,
            Rule::Acwr,
            severity,
            w.start,
            Vec::new(),
            format!(
                "Week of {}: acute:chronic load ratio {r:.2} (the exponentially weighted 7-day load averaged {acute:.0} a day, the 28-day load {chronic:.0}): load is rising faster than you are used to; {tail}",
                w.start
            ),
        );
    }
}

/// The inverse of acwr for week `w`, when the rule is set to caution or above: the
/// week's mean acute and chronic averages are linear in its runs' loads, so the ratio's
/// limit gives the factor directly.
fn acwr_bound(c: &Ctx, w: usize, scalable: &[usize]) -> Option<Bound> {
    if c.t.acwr_severity < Severity::Caution || c.week_has_goal(w) {
        return None;
    }
    c.report.weeks[w].acwr_week?;
    let days = &c.report.days[w * 7..w * 7 + 7];
    let mut run_load = [0.0f64; 7];
    for &i in scalable {
        let d = (c.session(i).date - c.start).num_days() as usize - w * 7;
        run_load[d] += c.report.sessions[i].load;
    }
    // What the scalable loads add to the week's summed averages.
    let (la, lc) = (super::ewma_lambda(7.0), super::ewma_lambda(28.0));
    let (mut a, mut ch, mut da, mut dc) = (0.0, 0.0, 0.0, 0.0);
    for l in run_load {
        a = la * l + (1.0 - la) * a;
        ch = lc * l + (1.0 - lc) * ch;
        da += a;
        dc += ch;
    }
    let sum_a: f64 = days.iter().map(|d| d.acute).sum();
    let sum_c: f64 = days.iter().map(|d| d.chronic).sum();
    // Stay just under the line the rule fires at (it fires at the threshold).
    let t = c.t.acwr_warning - 2.0 * EPS;
    let k = da - t * dc;
    let rhs = t * (sum_c - dc) - (sum_a - da);
    (k > 0.0).then(|| Bound {
        rule: Rule::Acwr,
        factor: rhs / k,
        text: format!(
            "load ratio: below {} (acwr set to {})",
            c.t.acwr_warning, c.t.acwr_severity
        ),
    })
}

/// monotony (Foster 1998): high monotony matters in a week of unusually high strain. A
/// note: Foster's evidence is about illness in a small sample, not injury.
fn monotony(c: &Ctx, out: &mut Vec<Warning>) {
    let weeks = &c.report.weeks;
    for (i, w) in weeks.iter().enumerate() {
        let Some(m) = w.monotony.filter(|m| exceeds(*m, c.t.monotony_caution)) else {
            continue;
        };
        // The athlete's usual strain and load: the previous four weeks that had load.
        let previous: Vec<&super::Week> = weeks[i.saturating_sub(REFERENCE_WEEKS)..i]
            .iter()
            .filter(|p| p.load > EPS)
            .collect();
        if previous.is_empty() {
            continue; // nothing to compare the strain with
        }
        let k = previous.len() as f64;
        let usual_strain = previous.iter().filter_map(|p| p.strain).sum::<f64>() / k;
        // Training load, as monotony counts it (without calf program sessions).
        let usual_load = previous
            .iter()
            .filter_map(|p| p.strain.zip(p.monotony).map(|(s, m)| s / m))
            .sum::<f64>()
            / k;
        // Above the usual strain, and above what a week of the usual load would reach at
        // the monotony line: a light monotonous week, or the same steady week again, is
        // not flagged.
        let limit = usual_strain.max(c.t.monotony_caution * usual_load);
        let strain = w.strain.unwrap_or(0.0);
        if strain <= limit + EPS {
            continue;
        }
        // A day without running or other training (calf program work is fine on it).
        let rest_day = c.report.days[i * 7..i * 7 + 7]
            .iter()
            .any(|d| d.load - d.program_load <= EPS);
        let advice = if rest_day {
            "make the easy days easier and keep the hard days hard"
        } else {
            "make the easy days easier, keep the hard days hard, and take a rest day"
        };
        let what = if m.is_infinite() {
            "every day carries the same load (maximal monotony)".to_string()
        } else {
            format!("monotony {m:.1}: daily load barely varies")
        };
        let strain_text = if limit.is_finite() && strain.is_finite() {
            format!(
                "strain {strain:.0}, above the {usual_strain:.0} of the previous weeks (their load {usual_load:.0} × {} would be {:.0})",
                c.t.monotony_caution,
                c.t.monotony_caution * usual_load
            )
        } else {
            "strain above the previous weeks'".to_string()
        };
        push(
            out,
            Rule::Monotony,
            Severity::Info,
            w.start,
            Vec::new(),
            format!("Week of {}: {what}, with {strain_text}; {advice}", w.start),
        );
    }
}

/// After the all-clear for a calf or Achilles injury, quality runs wait this many days
/// (easy running first: the article's return "only when the calf is strong").
pub const EASY_AFTER_CLEAR_DAYS: i64 = 14;

fn quality_runs_on<'a>(c: &'a Ctx, d: usize) -> impl Iterator<Item = usize> + 'a {
    c.runs_on(d)
        .filter(|&i| c.session(i).run().is_some_and(|r| r.kind.is_quality()))
}

/// new-intensity (the article).
fn new_intensity(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let first_day = c
        .order
        .first()
        .map(|&i| (c.session(i).date - c.start).num_days() as usize)
        .unwrap_or(0);
    let mut last: Option<usize> = None;
    for d in 0..n {
        let quality: Vec<usize> = quality_runs_on(c, d).collect();
        let Some(&i) = quality.iter().find(|&&i| !c.is_goal(i)) else {
            if !quality.is_empty() {
                last = Some(d); // the goal race is hard, but never "new intensity"
            }
            continue;
        };
        let since = d - last.unwrap_or(first_day);
        if since >= c.t.quality_gap_days as usize {
            let kind = c.session(i).run().expect("quality run").kind;
            let what = if last.is_some() {
                format!("{} weeks without one", since / 7)
            } else {
                format!("{} weeks of the plan without one", since / 7)
            };
            let advice = if kind == RunKind::Race {
                "a race is a hard effort: run it controlled, and plan easy days after it"
            } else {
                "ease back in with a short, controlled session"
            };
            push(
                out,
                Rule::NewIntensity,
                Severity::Caution,
                c.date(d),
                vec![i],
                format!(
                    "{} run on {} is the first quality session after {what}: {advice}",
                    kind.name(),
                    c.date(d)
                ),
            );
        }
        last = Some(d);
    }
    // The way back after an injury: easy running first, quality later.
    let clears: Vec<(NaiveDate, &Symptom)> = c
        .plan
        .symptoms
        .iter()
        .filter(|s| needs_all_clear(s, c.t))
        .filter_map(|s| all_clear_after(c.plan, s).map(|a| (a.date, s)))
        .collect();
    if !clears.is_empty() {
        for d in 0..n {
            let date = c.date(d);
            let Some((cleared, s)) = clears
                .iter()
                .filter(|(a, _)| *a <= date && (date - *a).num_days() < EASY_AFTER_CLEAR_DAYS)
                .max_by_key(|(a, _)| *a)
            else {
                continue;
            };
            for i in quality_runs_on(c, d).filter(|&i| !c.is_goal(i)) {
                let kind = c.session(i).run().expect("quality run").kind;
                push(
                    out,
                    Rule::NewIntensity,
                    Severity::Caution,
                    date,
                    vec![i],
                    format!(
                        "{} run on {date} is {} days after the all-clear for {}: come back with easy running first (Plan > Return to running…), quality sessions after {EASY_AFTER_CLEAR_DAYS} days at the earliest",
                        kind.name(),
                        (date - *cleared).num_days(),
                        log_name(s)
                    ),
                );
            }
        }
    }
    if c.plan.athlete.level == crate::model::Level::Novice {
        for w in 0..n / 7 {
            let q: Vec<usize> = (w * 7..w * 7 + 7)
                .flat_map(|d| quality_runs_on(c, d).collect::<Vec<_>>())
                .filter(|&i| !c.is_goal(i))
                .collect();
            if q.len() > c.t.novice_max_quality_per_week as usize {
                let start = c.date(w * 7);
                push(
                    out,
                    Rule::NewIntensity,
                    Severity::Caution,
                    start,
                    q.clone(),
                    format!(
                        "Week of {start}: {} quality runs; for a novice keep it to {} a week, with easy days between",
                        q.len(),
                        c.t.novice_max_quality_per_week
                    ),
                );
            }
        }
    }
}

/// The day index of the athlete's last run before the plan: the baseline's `last_run`,
/// or the day before the plan when the baseline does not say (none without a baseline).
fn last_run_before(c: &Ctx) -> Option<i64> {
    let plan_start = c.plan_start as i64;
    c.plan.athlete.baseline.as_ref().map(|b| {
        b.last_run.map_or(plan_start - 1, |l| {
            (l - c.start).num_days().min(plan_start - 1)
        })
    })
}

/// Breaks of `break_days` or more without running, as day indices: (the last run before
/// it, the first run back). The last run may lie before the plan (the baseline's
/// `last_run`).
fn breaks(c: &Ctx) -> Vec<(i64, i64)> {
    let days = &c.report.days;
    let mut last = last_run_before(c);
    let mut out = Vec::new();
    for d in 0..days.len() as i64 {
        if days[d as usize].run_minutes <= 0.0 {
            continue;
        }
        if let Some(l) = last
            && d - l > i64::from(c.t.break_days)
        {
            out.push((l, d));
        }
        last = Some(d);
    }
    out
}

/// Days after a break's first run that the return rule judges (three 7-day windows).
const RETURN_DAYS: i64 = 21;

/// The weeks before a break that set the usual weekly volume a return is measured against.
const BEFORE_BREAK_WEEKS: i64 = 4;

/// One of the three 7-day windows after a break that the return rule judges.
struct ReturnWindow {
    /// Which week back (0, 1, 2).
    k: usize,
    /// The window's first day (day index; the first run back plus `7 k`).
    a: i64,
    /// Compared by time (time-only runs before or after the break).
    by_time: bool,
    /// The average week of the four before the break.
    before: f64,
    /// The window's share of `before` that is fine, in %.
    limit_pct: f64,
    /// Days without running.
    gap: i64,
    /// The break began before the plan (`baseline.last_run`).
    from_baseline: bool,
}

impl ReturnWindow {
    /// The most running the window may hold.
    fn limit(&self) -> f64 {
        self.before * self.limit_pct / 100.0
    }
}

/// Running on day `d` (km or minutes) as the return rule counts it: before the plan, the
/// baseline's average day up to the last run before it.
fn return_volume(c: &Ctx, d: i64, by_time: bool) -> f64 {
    let plan_start = c.plan_start as i64;
    let n = c.report.days.len() as i64;
    if d < plan_start {
        let ran = last_run_before(c).is_some_and(|l| d <= l);
        match c.plan.athlete.baseline.as_ref().filter(|_| ran) {
            Some(b) => {
                let km = b.weekly_km / 7.0;
                if by_time { c.minutes_for(km) } else { km }
            }
            None => 0.0,
        }
    } else if d < n {
        let day = &c.report.days[d as usize];
        if by_time { day.run_minutes } else { day.run_km }
    } else {
        0.0
    }
}

/// The windows the return rule judges, for every break in the span (or before it).
fn return_windows(c: &Ctx) -> Vec<ReturnWindow> {
    let days = &c.report.days;
    let n = days.len() as i64;
    let limits = [
        c.t.return_max_pct,
        c.t.return_week2_pct,
        c.t.return_week3_pct,
    ];
    let mut out = Vec::new();
    for (l, d) in breaks(c) {
        let timed =
            |a: i64, b: i64| (a.max(0)..b.min(n)).any(|k| days[k as usize].time_only_minutes > 0.0);
        // The usual week before the break: the average of the 4 weeks up to the last run.
        let window = 7 * BEFORE_BREAK_WEEKS;
        let by_time = timed(l - window + 1, l + 1) || timed(d, d + RETURN_DAYS);
        let before: f64 = (l - window + 1..=l)
            .map(|k| return_volume(c, k, by_time))
            .sum::<f64>()
            / BEFORE_BREAK_WEEKS as f64;
        for (k, limit_pct) in limits.iter().enumerate() {
            let a = d + 7 * k as i64;
            if a >= n || before <= 0.0 {
                break;
            }
            out.push(ReturnWindow {
                k,
                a,
                by_time,
                before,
                limit_pct: *limit_pct,
                gap: d - l - 1,
                from_baseline: l < c.plan_start as i64,
            });
        }
    }
    out
}

/// return-after-break (the article; coaching practice): the three weeks after a break of
/// `break_days` or more, including a layoff before the plan (`baseline.last_run`).
fn return_after_break(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len() as i64;
    let baseline = c.plan.athlete.baseline.as_ref();
    for w in return_windows(c) {
        let back: f64 = (w.a..w.a + 7).map(|x| return_volume(c, x, w.by_time)).sum();
        if !exceeds(back, w.limit()) {
            continue;
        }
        let runs: Vec<usize> = (w.a..(w.a + 7).min(n))
            .flat_map(|x| c.runs_on(x as usize).collect::<Vec<_>>())
            .collect();
        let gap = w.gap;
        let when = match baseline
            .and_then(|b| b.last_run)
            .filter(|_| w.from_baseline)
        {
            Some(lr) => format!("{gap} days without running before the plan (last run {lr})"),
            None => format!("{gap} days without running"),
        };
        let mut source = String::new();
        if w.from_baseline {
            source.push_str(", from the baseline");
        }
        if w.by_time {
            source.push_str("; ");
            source.push_str(BY_TIME);
        }
        push(
            out,
            Rule::ReturnAfterBreak,
            Severity::Warning,
            c.date(w.a as usize),
            runs,
            format!(
                "Week {} back after {when}: {} in the 7 days from {} is {} of your average week before the break ({}{source}); keep it to about {} ({}) and rebuild over three weeks",
                w.k + 1,
                amount(back, w.by_time),
                c.date(w.a as usize),
                pct_vs(back / w.before * 100.0, &[w.limit_pct]),
                amount(w.before, w.by_time),
                line(w.limit_pct),
                amount(w.limit(), w.by_time),
            ),
        );
    }
}

/// The inverse of return-after-break for week `w`: every return window the week
/// overlaps holds at most its limit, the window's days outside the week as they are.
fn return_bounds(
    c: &Ctx,
    windows: &[ReturnWindow],
    w: usize,
    scalable: &[usize],
    bounds: &mut Vec<Bound>,
    stuck: &mut Vec<Stuck>,
) {
    let (ws, we) = (w as i64 * 7, w as i64 * 7 + 7);
    for win in windows.iter().filter(|x| x.a < we && x.a + 7 > ws) {
        let inside = |i: &usize| {
            let d = (c.session(*i).date - c.start).num_days();
            d >= win.a && d < win.a + 7
        };
        let scaling: f64 = scalable
            .iter()
            .filter(|i| inside(i))
            .map(|&i| c.size(i, win.by_time))
            .sum();
        if scaling <= 0.0 {
            continue;
        }
        let back: f64 = (win.a..win.a + 7)
            .map(|x| return_volume(c, x, win.by_time))
            .sum();
        let room = win.limit() - (back - scaling);
        let text = format!(
            "return after {} days without running: week {} back at most {} of {}",
            win.gap,
            win.k + 1,
            line(win.limit_pct),
            amount(win.before, win.by_time)
        );
        if room <= 0.0 {
            stuck.push(Stuck {
                rule: Rule::ReturnAfterBreak,
                text: format!("{text}, and the window's other days already reach it"),
            });
        } else {
            bounds.push(Bound {
                rule: Rule::ReturnAfterBreak,
                factor: room / scaling,
                text,
            });
        }
    }
}

/// barefoot-transition (the article). A runner long adapted to minimalist shoes
/// (`minimalist_adapted`) is not in a transition when running in them; barefoot running
/// is still judged.
fn barefoot_transition(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let adapted = c.plan.athlete.minimalist_adapted;
    let transition = |f: Footwear| match f {
        Footwear::Shoes => false,
        Footwear::Minimalist => !adapted,
        Footwear::Barefoot => true,
    };
    for (w, week) in c.report.weeks.iter().enumerate() {
        let runs: Vec<usize> = (w * 7..w * 7 + 7)
            .flat_map(|d| c.runs_on(d).collect::<Vec<_>>())
            .collect();
        let by_time = runs.iter().any(|&i| c.time_only(i));
        let bare: Vec<usize> = runs
            .iter()
            .copied()
            .filter(|&i| c.session(i).run().is_some_and(|r| transition(r.footwear)))
            .collect();
        let bare_amount: f64 = bare.iter().map(|&i| c.size(i, by_time)).sum();
        let total: f64 = runs.iter().map(|&i| c.size(i, by_time)).sum();
        if bare_amount > 0.0 && exceeds(bare_amount / total * 100.0, c.t.barefoot_share_pct) {
            push(
                out,
                Rule::BarefootTransition,
                Severity::Caution,
                c.session(bare[0]).date,
                bare.clone(),
                format!(
                    "Week of {}: {} of {} ({}) barefoot or minimalist; keep it to about {} of the week while your calves adapt",
                    week.start,
                    amount(bare_amount, by_time),
                    amount(total, by_time),
                    pct_vs(bare_amount / total * 100.0, &[c.t.barefoot_share_pct]),
                    line(c.t.barefoot_share_pct)
                ),
            );
        }
    }
    // The first barefoot runs: compare by time (minutes at the easy pace for the km line).
    let first_limit = c.minutes_for(c.t.barefoot_first_run_km);
    let mut shortest: Option<f64> = None;
    for d in 0..n {
        for &i in c.on_day(d) {
            let Some(run) = c.session(i).run() else {
                continue;
            };
            if run.footwear != Footwear::Barefoot {
                continue;
            }
            let minutes = c.size(i, true);
            let (long, what) = match run.km {
                Some(km) => (
                    exceeds(km, c.t.barefoot_first_run_km),
                    format!("{km:.1} km"),
                ),
                None => (exceeds(minutes, first_limit), format!("{minutes:.0} min")),
            };
            if long && shortest.is_none_or(|s| s >= minutes) {
                push(
                    out,
                    Rule::BarefootTransition,
                    Severity::Caution,
                    c.date(d),
                    vec![i],
                    format!(
                        "Barefoot run of {what} with no shorter barefoot run before it: start with runs under {} km (about {first_limit:.0} min) and build up",
                        fmt_km(c.t.barefoot_first_run_km)
                    ),
                );
            }
            shortest = Some(shortest.map_or(minutes, |s| s.min(minutes)));
        }
    }
}

fn is_calf_loading(s: &Session, t: &Thresholds) -> bool {
    match s.activity {
        Activity::Cross {
            kind,
            rpe,
            calf_work,
            ..
        } => match kind {
            CrossKind::Strength => calf_work,
            CrossKind::Plyometrics
            | CrossKind::SkippingRope
            | CrossKind::Stairs
            | CrossKind::Hiking => true,
            CrossKind::Cycling => rpe >= t.hard_cycling_rpe,
            _ => false,
        },
        _ => false,
    }
}

/// The sessions' descriptions, joined; at most 5 named (a day may hold thousands).
fn labels(c: &Ctx, idx: &[usize]) -> String {
    const SHOWN: usize = 5;
    let mut out = idx
        .iter()
        .take(SHOWN)
        .map(|&i| describe(c.session(i)))
        .collect::<Vec<_>>()
        .join(", ");
    if idx.len() > SHOWN {
        out.push_str(&format!(" and {} more", idx.len() - SHOWN));
    }
    out
}

/// "Long run 16 km", "Easy run 30 min", "Cycling 45 min at RPE 8", "Strength with calf
/// work 40 min".
pub fn describe(s: &Session) -> String {
    match &s.activity {
        Activity::Run {
            kind, km, minutes, ..
        } => match km {
            Some(km) => format!("{} run {} km", kind.name(), fmt_km(*km)),
            None => format!("{} run {} min", kind.name(), minutes.unwrap_or(0)),
        },
        Activity::Cross {
            kind,
            minutes,
            rpe,
            calf_work,
        } => match kind {
            CrossKind::Strength if *calf_work => format!("Strength with calf work {minutes} min"),
            CrossKind::Cycling => format!("Cycling {minutes} min at RPE {rpe}"),
            k => format!("{} {minutes} min", k.name()),
        },
        a => a.label(),
    }
}

/// calf-cross-training (expert opinion; the article).
fn calf_cross_training(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    for d in 0..n {
        // Same day, earlier in the day's order than a run.
        let mut loading = Vec::new();
        let mut runs_after = Vec::new();
        for &i in c.on_day(d) {
            let s = c.session(i);
            if is_calf_loading(s, c.t) {
                loading.push(i);
            } else if s.run().is_some() && !loading.is_empty() {
                runs_after.push(i);
            }
        }
        if !runs_after.is_empty() {
            push(
                out,
                Rule::CalfCrossTraining,
                Severity::Caution,
                c.date(d),
                [loading.clone(), runs_after.clone()].concat(),
                format!(
                    "{} before the {} on the same day: calf-loading cross-training can tire the calves before the run; run first or move it to another day",
                    labels(c, &loading),
                    labels(c, &runs_after).to_lowercase()
                ),
            );
        }
        // The day before a long or quality run.
        if d == 0 {
            continue;
        }
        let key: Vec<usize> = c
            .runs_on(d)
            .filter(|&i| {
                c.session(i)
                    .run()
                    .is_some_and(|r| r.kind.is_quality() || r.kind == RunKind::Long)
            })
            .collect();
        if key.is_empty() {
            continue;
        }
        // Calf program work counts here too: the scheduler keeps it off these days.
        let before: Vec<usize> = c
            .on_day(d - 1)
            .iter()
            .copied()
            .filter(|&i| {
                let s = c.session(i);
                is_calf_loading(s, c.t) || s.activity.is_calf_work()
            })
            .collect();
        if !before.is_empty() {
            push(
                out,
                Rule::CalfCrossTraining,
                Severity::Caution,
                c.date(d),
                [before.clone(), key.clone()].concat(),
                format!(
                    "{} on {} is the day before the {} on {}: tired calves on a long or quality run; move it at least two days earlier or after the run",
                    labels(c, &before),
                    c.date(d - 1),
                    labels(c, &key).to_lowercase(),
                    c.date(d)
                ),
            );
        }
    }
}

/// calf-work-on-run-day (the article).
fn calf_work_on_run_day(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    for d in 0..n {
        // Most days have no calf session: check before collecting anything.
        let has_calf = c
            .on_day(d)
            .iter()
            .any(|&i| c.session(i).activity.is_calf_work());
        if !has_calf || c.runs_on(d).next().is_none() {
            continue;
        }
        let calf: Vec<usize> = c
            .on_day(d)
            .iter()
            .copied()
            .filter(|&i| c.session(i).activity.is_calf_work())
            .collect();
        let runs: Vec<usize> = c.runs_on(d).collect();
        push(
            out,
            Rule::CalfWorkOnRunDay,
            Severity::Caution,
            c.date(d),
            [calf.clone(), runs.clone()].concat(),
            format!(
                "{} on a running day ({}): put calf strengthening on non-running days so the calves recover",
                labels(c, &calf),
                labels(c, &runs)
            ),
        );
    }
}

/// no-rest-day (recovery; coaching practice).
fn no_rest_day(c: &Ctx, out: &mut Vec<Warning>) {
    let n = c.report.days.len();
    let max = c.t.max_running_days as usize;
    let running = |d: usize| c.report.days[d].run_minutes > 0.0;
    let mut d = 0;
    while d < n {
        if !running(d) {
            d += 1;
            continue;
        }
        let s = d;
        while d < n && running(d) {
            d += 1;
        }
        let len = d - s;
        if len >= max {
            let runs: Vec<usize> = (s..d)
                .flat_map(|k| c.runs_on(k).collect::<Vec<_>>())
                .collect();
            push(
                out,
                Rule::NoRestDay,
                Severity::Caution,
                c.date(s + max - 1),
                runs,
                format!(
                    "{len} days in a row with running ({} to {}): plan at least one rest day a week",
                    c.date(s),
                    c.date(d - 1)
                ),
            );
        }
    }
}

/// hydration (the article; Schwellnus 2004, 2011; Hew-Butler 2015): one note for the plan.
fn hydration(c: &Ctx, out: &mut Vec<Warning>) {
    let long: Vec<usize> = c
        .order
        .iter()
        .copied()
        .filter(|&i| {
            c.session(i).run().is_some()
                && exceeds(c.report.sessions[i].minutes, c.t.hydration_minutes)
        })
        .collect();
    let Some(&first) = long.first() else {
        return;
    };
    let s = c.session(first);
    let sl = &c.report.sessions[first];
    let about = if sl.estimated { "about " } else { "" };
    let what = if long.len() == 1 {
        format!(
            "{} on {} takes {about}{:.0} minutes",
            describe(s),
            s.date,
            sl.minutes
        )
    } else {
        format!(
            "{} runs take over {} minutes (the first: {} on {}, {about}{:.0} minutes)",
            long.len(),
            fmt_km(c.t.hydration_minutes),
            describe(s).to_lowercase(),
            s.date,
            sl.minutes
        )
    };
    push(
        out,
        Rule::Hydration,
        Severity::Info,
        s.date,
        long.clone(),
        format!("{what}: drink to thirst, and carry fluids on long or hot runs"),
    );
}

/// no-baseline: one note when the first weeks have nothing to be compared with.
fn no_baseline(c: &Ctx, out: &mut Vec<Warning>) {
    if c.plan.athlete.baseline.is_some() {
        return;
    }
    let Some(&first) = c.order.iter().find(|&&i| c.session(i).run().is_some()) else {
        return;
    };
    let date = c.session(first).date;
    push(
        out,
        Rule::NoBaseline,
        Severity::Info,
        date,
        Vec::new(),
        format!(
            "No baseline: runs in the plan's first {SPIKE_WINDOW_DAYS} days and its first weeks are not compared with anything; add the athlete's current weekly distance and longest recent run (Plan panel, Athlete)"
        ),
    );
}

/// calf-imbalance (the article; Hébert-Losier et al. 2017).
fn calf_imbalance(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    let Some(test) = plan.athlete.latest_calf_test() else {
        return;
    };
    let (l, r) = (f64::from(test.left), f64::from(test.right));
    let hi = l.max(r);
    if hi <= 0.0 {
        return;
    }
    let reps = test.left.abs_diff(test.right);
    let diff = (l - r).abs() / hi * 100.0;
    if !exceeds(diff, t.calf_imbalance_pct) {
        return;
    }
    let (weaker, weak_reps) = if l < r {
        ("left", test.left)
    } else {
        ("right", test.right)
    };
    let (severity, advice) = if reps >= t.calf_imbalance_min_reps {
        (
            Severity::Caution,
            format!(
                "test again on a fresh day to confirm it; if it holds, train both legs with the same reps, set by the weaker {weaker} leg ({weak_reps} a set at most), until they match (the article: equal reps on both legs)"
            ),
        )
    } else {
        (
            Severity::Info,
            "within the test's day-to-day error (about ±6 reps); test again in a few weeks"
                .to_string(),
        )
    };
    out.push(warning(
        Rule::CalfImbalance,
        severity,
        test.date,
        Vec::new(),
        format!(
            "Calf-raise test on {}: left {} and right {} reps differ by {reps} ({}); {advice}",
            test.date,
            test.left,
            test.right,
            pct_vs(diff, &[t.calf_imbalance_pct])
        ),
    ));
}

/// A calf or Achilles symptom.
fn is_calf_area(s: &Symptom) -> bool {
    matches!(s.area, BodyArea::Calf | BodyArea::Achilles)
}

/// A symptom after which running should stop: a red flag, or calf/Achilles pain above
/// the line that is not a cramp (the article treats cramps apart: stretch and massage).
pub fn stops_running(s: &Symptom, t: &Thresholds) -> bool {
    !s.flags.is_empty() || (is_calf_area(s) && !s.cramp && s.pain > t.calf_pain_warning)
}

/// A strain without red flags: calf or Achilles pain from [`STRAIN_PAIN`] up to the
/// line, not a cramp. The advice is RICE and no running on it, so runs after it are
/// flagged (a caution) until an all-clear.
pub fn is_strain(s: &Symptom, t: &Thresholds) -> bool {
    s.flags.is_empty()
        && is_calf_area(s)
        && !s.cramp
        && s.pain >= STRAIN_PAIN
        && s.pain <= t.calf_pain_warning
}

/// A log that protects the runs after it until an all-clear: one that stops running, or
/// a strain.
pub fn needs_all_clear(s: &Symptom, t: &Thresholds) -> bool {
    stops_running(s, t) || is_strain(s, t)
}

/// Whether `o` is an all-clear: pain 2 or less and no flags.
pub fn is_all_clear(o: &Symptom) -> bool {
    o.pain <= 2 && o.flags.is_empty()
}

/// A later log that gives the all-clear after `s`: the same area, pain 2 or less, no flags.
pub fn all_clear_after<'a>(plan: &'a Plan, s: &Symptom) -> Option<&'a Symptom> {
    plan.symptoms
        .iter()
        .filter(|o| o.date > s.date && o.area == s.area && is_all_clear(o))
        .min_by_key(|o| o.date)
}

/// How a log names itself in messages: "the calf pop on 2026-03-02", "the calf pain
/// 6/10 on 2026-03-02".
pub fn log_name(s: &Symptom) -> String {
    let area = s.area.name().to_lowercase();
    if s.flags.is_empty() {
        let what = if s.pain >= STRAIN_PAIN {
            "strain"
        } else {
            "pain"
        };
        format!("the {area} {what} ({}/10) on {}", s.pain, s.date)
    } else {
        let flags: Vec<_> = s.flags.iter().map(|f| f.name()).collect();
        format!("the {area} log with {} on {}", flags.join(", "), s.date)
    }
}

/// The protection after an injury log: the days its runs are a warning, and the
/// severity after them until the all-clear. `None` when the log protects nothing.
pub fn protection(s: &Symptom, t: &Thresholds) -> Option<(i64, Severity)> {
    if stops_running(s, t) {
        let days = if s.flags.iter().any(|f| f.suggests_tear()) {
            t.tear_days
        } else {
            t.red_flag_days
        };
        Some((i64::from(days), Severity::Caution))
    } else if is_strain(s, t) {
        Some((0, Severity::Caution))
    } else {
        None
    }
}

/// Uncleared injury logs on `date`: the logs before it that protect runs and have no
/// all-clear by then, oldest first.
pub fn uncleared_on<'a>(plan: &'a Plan, t: &Thresholds, date: NaiveDate) -> Vec<&'a Symptom> {
    let mut out: Vec<&Symptom> = plan
        .symptoms
        .iter()
        .filter(|s| s.date < date && needs_all_clear(s, t))
        .filter(|s| all_clear_after(plan, s).is_none_or(|c| c.date > date))
        .collect();
    out.sort_by_key(|s| s.date);
    out
}

/// red-flag (the article; Silbernagel et al. 2007): the symptom itself.
fn red_flag(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    for s in &plan.symptoms {
        let area = s.area.name();
        if !s.flags.is_empty() {
            let flags: Vec<_> = s.flags.iter().map(|f| f.name()).collect();
            out.push(warning(
                Rule::RedFlag,
                Severity::Danger,
                s.date,
                Vec::new(),
                format!(
                    "{area} symptom on {} with {}: stop running on that leg and see a doctor or physiotherapist",
                    s.date,
                    flags.join(", ")
                ),
            ));
        } else if stops_running(s, t) {
            out.push(warning(
                Rule::RedFlag,
                Severity::Warning,
                s.date,
                Vec::new(),
                format!(
                    "{area} pain {}/10 logged on {}: do not run through it; rest, and see a physiotherapist if it persists",
                    s.pain, s.date
                ),
            ));
        }
    }
}

/// before-all-clear (the article; Silbernagel et al. 2007): every run planned after an
/// injury log and before an all-clear log of that area. After a red flag or pain above
/// the line the first days are a warning (longer after signs of a tear), the rest a
/// caution; after a strain, a caution. Each run is warned once, by the most serious log
/// that covers it.
fn before_all_clear(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    let mut runs: Vec<usize> = (0..plan.sessions.len())
        .filter(|&i| {
            let r = &plan.sessions[i];
            r.counts() && r.run().is_some()
        })
        .collect();
    runs.sort_by_key(|&i| plan.sessions[i].date);
    // Per run, the worst (severity, log) that covers it.
    let mut worst: Vec<Option<(Severity, usize)>> = vec![None; runs.len()];
    for (k, s) in plan.symptoms.iter().enumerate() {
        let Some((days, later)) = protection(s, t) else {
            continue;
        };
        let clear = all_clear_after(plan, s).map(|c| c.date);
        let first = runs.partition_point(|&i| plan.sessions[i].date <= s.date);
        for (j, &i) in runs.iter().enumerate().skip(first) {
            let date = plan.sessions[i].date;
            if clear.is_some_and(|c| date >= c) {
                break;
            }
            let severity = if (date - s.date).num_days() <= days {
                Severity::Warning
            } else {
                later
            };
            if worst[j].is_none_or(|(w, _)| severity > w) {
                worst[j] = Some((severity, k));
            }
        }
    }
    // One warning per log and severity, naming the runs.
    let mut groups: Vec<((usize, Severity), Vec<usize>)> = Vec::new();
    for (j, w) in worst.iter().enumerate() {
        let Some((severity, k)) = *w else {
            continue;
        };
        match groups.iter_mut().find(|(key, _)| *key == (k, severity)) {
            Some((_, v)) => v.push(runs[j]),
            None => groups.push(((k, severity), vec![runs[j]])),
        }
    }
    for ((k, severity), idx) in groups {
        let s = &plan.symptoms[k];
        let first = plan.sessions[idx[0]].date;
        let last = plan.sessions[idx[idx.len() - 1]].date;
        let count = if idx.len() == 1 {
            format!("1 run on {first}")
        } else {
            format!("{} runs from {first} to {last}", idx.len())
        };
        let clear = all_clear_after(plan, s).map(|c| c.date);
        let since = match clear {
            Some(c) => format!("before the all-clear on {c}"),
            None => "with no all-clear logged since".to_string(),
        };
        let advice = if !s.flags.is_empty() {
            "see a doctor or physiotherapist before running, then log how it feels (pain 2 or less, no flags) and come back with Return to running"
        } else if stops_running(s, t) {
            "rest until it settles (see a physiotherapist if it persists), then log how it feels (pain 2 or less, no flags) and come back with Return to running"
        } else {
            "no running on a strain: rest, ice and compress until it settles, then log how it feels (pain 2 or less) and come back gradually"
        };
        out.push(warning(
            Rule::BeforeAllClear,
            severity,
            first,
            idx,
            format!("{count} planned after {} {since}: {advice}", log_name(s)),
        ));
    }
}

/// pain-monitoring (Silbernagel et al. 2007, by analogy): calf or Achilles pain that
/// stays at or above the line on two logs in a row without falling. Cramps are not
/// counted (they pass; the article treats them apart).
fn pain_monitoring(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    for area in [BodyArea::Calf, BodyArea::Achilles] {
        let mut logs: Vec<&Symptom> = plan
            .symptoms
            .iter()
            .filter(|s| s.area == area && !s.cramp)
            .collect();
        logs.sort_by_key(|s| s.date);
        for pair in logs.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.pain >= t.pain_monitor_min && b.pain >= t.pain_monitor_min && b.pain >= a.pain {
                out.push(warning(
                    Rule::PainMonitoring,
                    Severity::Caution,
                    b.date,
                    Vec::new(),
                    format!(
                        "{} pain {}/10 on {} after {}/10 on {}: it is not settling; hold your running and calf work where they are, or ease off, until it falls (the pain-monitoring model, from Achilles tendinopathy, used here by analogy)",
                        area.name(),
                        b.pain,
                        b.date,
                        a.pain,
                        a.date
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_table_follows_the_enum() {
        let all = [
            Rule::LongRunSpike,
            Rule::WeeklyIncrease,
            Rule::Acwr,
            Rule::Monotony,
            Rule::NewIntensity,
            Rule::ReturnAfterBreak,
            Rule::BarefootTransition,
            Rule::CalfCrossTraining,
            Rule::CalfWorkOnRunDay,
            Rule::CalfImbalance,
            Rule::NoRestDay,
            Rule::Hydration,
            Rule::RedFlag,
            Rule::BeforeAllClear,
            Rule::PainMonitoring,
            Rule::NoBaseline,
        ];
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
