//! The rules: each turns part of the analysis into warnings with numbers and evidence.
//! Every rule's evidence lives in [`RULES`], next to the code that applies it.

use super::{Report, Severity, Warning};
use crate::model::{
    Activity, BodyArea, CrossKind, Footwear, Plan, RunKind, Session, Thresholds, fmt_km, week_start,
};
use chrono::{Duration, NaiveDate};

/// Stable rule identifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A run much longer than the longest of the previous 30 days.
    LongRunSpike,
    /// Weekly distance above the highest of the previous four weeks.
    WeeklyIncrease,
    /// EWMA acute:chronic load ratio at or above the threshold.
    Acwr,
    /// Little day-to-day variation in load.
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
    /// Long run: drink and take electrolytes.
    Hydration,
    /// Symptoms that need a professional.
    RedFlag,
}

/// What a rule is, its default thresholds, and the evidence behind it.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Stable id used in files, the CLI and JSON.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Default thresholds, in words.
    pub thresholds: &'static str,
    /// Sources and how strong they are.
    pub evidence: &'static str,
}

/// Every rule, in the order of [`Rule`].
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        rule: Rule::LongRunSpike,
        id: "long-run-spike",
        title: "Long-run spike",
        thresholds: "> 10 % caution, > 30 % warning, > 100 % danger over the longest run of the previous 30 days",
        evidence: "Frandsen et al., BJSM 2025 (Garmin-RUNSAFE, 5,205 runners): single runs more than 10 % longer than the longest of the previous 30 days raised the injury rate (HRR 1.64 for 10–30 %, 1.52 for 30–100 %, 2.28 for > 100 %).",
    },
    RuleInfo {
        rule: Rule::WeeklyIncrease,
        id: "weekly-increase",
        title: "Weekly increase",
        thresholds: "> 10 % caution, > 30 % warning (> 20 % for novice and returning runners) over the highest of the previous four weeks, ignoring increases of 3 km or less",
        evidence: "Nielsen et al., JOSPT 2014: novices who increased weekly distance by more than 30 % had more distance-related injuries (HR 1.59, a trend). Buist et al. 2008: the 10 % rule alone did not prevent injuries, so treat this as one signal, not a guarantee.",
    },
    RuleInfo {
        rule: Rule::Acwr,
        id: "acwr",
        title: "Acute:chronic load ratio",
        thresholds: "EWMA ratio (7 / 28 days) ≥ 1.5 warning, after 28 days of history",
        evidence: "EWMA acute:chronic workload ratio, Williams et al., BJSM 2017. The 1.5 line is a team-sport convention (Gabbett 2016), not an individual prediction; the ratio's validity is disputed (Lolli 2019; Impellizzeri 2020, 2021).",
    },
    RuleInfo {
        rule: Rule::Monotony,
        id: "monotony",
        title: "Monotony",
        thresholds: "weekly monotony (mean ÷ SD of daily load) > 2.0 caution",
        evidence: "Foster 1998: weeks with little day-to-day variation in load (high monotony) and high strain preceded illness and overtraining in athletes.",
    },
    RuleInfo {
        rule: Rule::NewIntensity,
        id: "new-intensity",
        title: "New intensity",
        thresholds: "first quality run after ≥ 4 weeks without one, or > 2 quality runs in a week for a novice: caution",
        evidence: "Adding speedwork or hill repeats is a common cause of calf pain (seed article); faster running and hills put more load on the calf and Achilles than easy running.",
    },
    RuleInfo {
        rule: Rule::ReturnAfterBreak,
        id: "return-after-break",
        title: "Return after a break",
        thresholds: "≥ 14 days without running, then a first week above 50 % of the average week of the 4 weeks before: warning",
        evidence: "Runners coming back after a layoff are among the most at risk (seed article); coaching practice is to restart at about half the previous volume and rebuild.",
    },
    RuleInfo {
        rule: Rule::BarefootTransition,
        id: "barefoot-transition",
        title: "Barefoot transition",
        thresholds: "barefoot/minimalist > 10 % of the week's distance, or a barefoot run > 3 km with no shorter one before: caution",
        evidence: "Barefoot and minimalist running load the calf and Achilles more than running in shoes (seed article); a gradual transition over weeks is the usual advice.",
    },
    RuleInfo {
        rule: Rule::CalfCrossTraining,
        id: "calf-cross-training",
        title: "Calf-loading cross-training before a run",
        thresholds: "strength with calf work, plyometrics, skipping, stairs, hiking or hard cycling earlier the same day as a run, or the day before a long or quality run: warning",
        evidence: "Expert opinion, not trial evidence (seed article): strength work, jumping and hard cycling can leave the calves fatigued for the run that follows.",
    },
    RuleInfo {
        rule: Rule::CalfWorkOnRunDay,
        id: "calf-work-on-run-day",
        title: "Calf work on a running day",
        thresholds: "a calf program session on a day with a run: caution",
        evidence: "Eccentric calf strengthening belongs on non-running days, 2–3 times a week, so the calves recover between loads (seed article).",
    },
    RuleInfo {
        rule: Rule::CalfImbalance,
        id: "calf-imbalance",
        title: "Calf imbalance",
        thresholds: "latest calf-raise test differs by > 10 % between legs: warning",
        evidence: "Both legs should manage the same number of single-leg calf raises; a difference is an imbalance to fix (seed article; single-leg heel-raise norms of about 25 reps).",
    },
    RuleInfo {
        rule: Rule::NoRestDay,
        id: "no-rest-day",
        title: "No rest day",
        thresholds: "7 or more consecutive days with running: caution",
        evidence: "Rest days let muscles and tendons adapt; running every day leaves the calves no recovery and raises monotony (Foster 1998).",
    },
    RuleInfo {
        rule: Rule::Hydration,
        id: "hydration",
        title: "Hydration",
        thresholds: "a run over 60 minutes: info",
        evidence: "Dehydration is a cause of calf cramps: drink on runs over an hour and add electrolytes in heat (seed article).",
    },
    RuleInfo {
        rule: Rule::RedFlag,
        id: "red-flag",
        title: "Red flags",
        thresholds: "any red flag (swelling, severe pain, pins and needles, numbness, redness): danger; calf or Achilles pain > 5/10: warning",
        evidence: "Do not run through a calf injury. Swelling, severe pain, pins and needles, numbness or redness are red flags that need a doctor or physiotherapist (seed article).",
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
}

/// Shared inputs of the dated rules.
struct Ctx<'a> {
    plan: &'a Plan,
    t: &'a Thresholds,
    report: &'a Report,
    start: NaiveDate,
    /// Counted sessions, sorted by date, in file order within a day.
    order: Vec<usize>,
    /// `order[offsets[d]..offsets[d + 1]]` are day `d`'s sessions.
    offsets: Vec<usize>,
    out: Vec<Warning>,
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

    fn push(
        &mut self,
        rule: Rule,
        severity: Severity,
        date: NaiveDate,
        sessions: Vec<usize>,
        message: String,
    ) {
        self.out
            .push(warning(rule, severity, date, sessions, message));
    }
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
    value > threshold + 1e-9
}

fn pct(x: f64) -> String {
    format!("{x:.0} %")
}

/// Rules that need no dated span (calf test, symptoms).
pub(super) fn undated(plan: &Plan, t: &Thresholds, report: &mut Report) {
    calf_imbalance(plan, t, &mut report.warnings);
    red_flag(plan, t, &mut report.warnings);
}

/// Applies every rule to a report whose series are filled in.
pub(super) fn apply(plan: &Plan, t: &Thresholds, report: &mut Report) {
    let start = report.days[0].date;
    let n = report.days.len();
    let mut order: Vec<usize> = (0..plan.sessions.len())
        .filter(|&i| plan.sessions[i].counts())
        .collect();
    order.sort_by_key(|&i| plan.sessions[i].date);
    let mut offsets = vec![0usize; n + 1];
    for &i in &order {
        offsets[(plan.sessions[i].date - start).num_days() as usize + 1] += 1;
    }
    for d in 0..n {
        offsets[d + 1] += offsets[d];
    }
    let mut ctx = Ctx {
        plan,
        t,
        report,
        start,
        order,
        offsets,
        out: Vec::new(),
    };
    long_run_spike(&mut ctx);
    weekly_increase(&mut ctx);
    acwr(&mut ctx);
    monotony(&mut ctx);
    new_intensity(&mut ctx);
    return_after_break(&mut ctx);
    barefoot_transition(&mut ctx);
    calf_cross_training(&mut ctx);
    calf_work_on_run_day(&mut ctx);
    no_rest_day(&mut ctx);
    hydration(&mut ctx);
    let mut out = ctx.out;
    undated(plan, t, report);
    report.warnings.append(&mut out);
}

/// long-run-spike (Frandsen et al., BJSM 2025).
fn long_run_spike(c: &mut Ctx) {
    let days = &c.report.days;
    let baseline = c.plan.athlete.baseline.as_ref().map(|b| b.long_run_km);
    // Longest single run per day.
    let longest: Vec<f64> = (0..days.len())
        .map(|d| {
            c.runs_on(d)
                .filter_map(|i| c.session(i).run().map(|r| r.km))
                .fold(0.0, f64::max)
        })
        .collect();
    let mut found = Vec::new();
    for d in 0..days.len() {
        if longest[d] == 0.0 {
            continue;
        }
        let window = &longest[d.saturating_sub(30)..d];
        let mut prev = window.iter().copied().fold(0.0, f64::max);
        let mut from_baseline = false;
        if d < 30
            && let Some(b) = baseline.filter(|b| *b > prev)
        {
            prev = b;
            from_baseline = true;
        }
        if prev <= 0.0 {
            continue;
        }
        for i in c.runs_on(d) {
            let run = c.session(i).run().expect("runs_on yields runs");
            let spike = (run.km / prev - 1.0) * 100.0;
            let severity = if exceeds(spike, c.t.long_run_danger_pct) {
                Severity::Danger
            } else if exceeds(spike, c.t.long_run_warning_pct) {
                Severity::Warning
            } else if exceeds(spike, c.t.long_run_caution_pct) {
                Severity::Caution
            } else {
                continue;
            };
            let source = if from_baseline {
                ", from the baseline"
            } else {
                ""
            };
            // A race is a planned peak: say so, at info level, rather than alarm.
            let (severity, advice) = if run.kind == RunKind::Race {
                (
                    Severity::Info,
                    "expected for a goal race; plan easy days after it".to_string(),
                )
            } else {
                (
                    severity,
                    format!(
                        "keep single runs within +{} of it",
                        pct(c.t.long_run_caution_pct)
                    ),
                )
            };
            found.push((
                severity,
                c.date(d),
                i,
                format!(
                    "{} run {:.1} km is +{} over your longest run of the previous 30 days ({:.1} km{source}); {advice}",
                    run.kind.name(),
                    run.km,
                    pct(spike),
                    prev,
                ),
            ));
        }
    }
    for (sev, date, i, msg) in found {
        c.push(Rule::LongRunSpike, sev, date, vec![i], msg);
    }
}

/// weekly-increase (Nielsen et al. 2014; Buist et al. 2008).
fn weekly_increase(c: &mut Ctx) {
    let weeks = &c.report.weeks;
    let baseline = c.plan.athlete.baseline.as_ref().map(|b| b.weekly_km);
    let mut found = Vec::new();
    for (i, w) in weeks.iter().enumerate() {
        let reference = (i as i64 - 4..i as i64)
            .filter_map(|j| {
                if j < 0 {
                    baseline
                } else {
                    Some(weeks[j as usize].run_km)
                }
            })
            .reduce(f64::max);
        let Some(reference) = reference.filter(|r| *r > 0.0) else {
            continue;
        };
        let increase = w.run_km - reference;
        let p = increase / reference * 100.0;
        if !exceeds(increase, c.t.weekly_increase_floor_km)
            || !exceeds(p, c.t.weekly_increase_caution_pct)
        {
            continue;
        }
        let severity = if exceeds(p, c.t.weekly_increase_warning_pct) {
            Severity::Warning
        } else {
            Severity::Caution
        };
        let d0 = i * 7;
        let runs: Vec<usize> = (d0..d0 + 7)
            .flat_map(|d| c.runs_on(d).collect::<Vec<_>>())
            .collect();
        found.push((
            severity,
            w.start,
            runs,
            format!(
                "Week of {}: {:.1} km is +{} over the highest of the previous four weeks ({:.1} km); build more gradually",
                w.start,
                w.run_km,
                pct(p),
                reference
            ),
        ));
    }
    for (sev, date, runs, msg) in found {
        c.push(Rule::WeeklyIncrease, sev, date, runs, msg);
    }
}

/// acwr (Williams et al. 2017; Gabbett 2016; critiques Lolli 2019, Impellizzeri 2020).
fn acwr(c: &mut Ctx) {
    let days = &c.report.days;
    let mut found = Vec::new();
    for (wi, w) in days.chunks(7).enumerate() {
        let peak = w
            .iter()
            .enumerate()
            .filter_map(|(k, d)| d.acwr.map(|r| (k, r)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, r)) = peak.filter(|(_, r)| *r >= c.t.acwr_warning - 1e-9) {
            let d = wi * 7 + k;
            let day = &days[d];
            // The ratio peaks on race day by design: note it, do not alarm.
            let race_day = c
                .runs_on(d)
                .any(|i| c.session(i).run().is_some_and(|r| r.kind == RunKind::Race));
            let (severity, tail) = if race_day {
                (
                    Severity::Info,
                    "expected on race day; recover with easy days after it".to_string(),
                )
            } else {
                (
                    Severity::Warning,
                    format!(
                        "{:.1} is a team-sport convention, not a prediction for you",
                        c.t.acwr_warning
                    ),
                )
            };
            found.push((
                severity,
                day.date,
                c.on_day(d).to_vec(),
                format!(
                    "Acute:chronic load ratio {r:.2} on {} (7-day average {:.0} vs 28-day average {:.0} load a day): load is rising fast compared with what you are used to; {tail}",
                    day.date, day.acute, day.chronic
                ),
            ));
        }
    }
    for (severity, date, sessions, msg) in found {
        c.push(Rule::Acwr, severity, date, sessions, msg);
    }
}

/// monotony (Foster 1998).
fn monotony(c: &mut Ctx) {
    let mut found = Vec::new();
    for w in &c.report.weeks {
        if let Some(m) = w.monotony.filter(|m| exceeds(*m, c.t.monotony_caution)) {
            found.push((
                w.start,
                format!(
                    "Week of {}: monotony {m:.1} (daily load barely varies; strain {:.0}); alternate hard and easy days and keep a rest day",
                    w.start,
                    w.strain.unwrap_or(0.0)
                ),
            ));
        }
    }
    for (date, msg) in found {
        c.push(Rule::Monotony, Severity::Caution, date, Vec::new(), msg);
    }
}

fn quality_runs_on<'a>(c: &'a Ctx, d: usize) -> impl Iterator<Item = usize> + 'a {
    c.runs_on(d)
        .filter(|&i| c.session(i).run().is_some_and(|r| r.kind.is_quality()))
}

/// new-intensity (seed article).
fn new_intensity(c: &mut Ctx) {
    let n = c.report.days.len();
    let first_day = c
        .plan
        .sessions
        .iter()
        .filter(|s| s.counts())
        .map(|s| (s.date - c.start).num_days() as usize)
        .min()
        .unwrap_or(0);
    let mut last: Option<usize> = None;
    let mut found = Vec::new();
    for d in 0..n {
        let Some(i) = quality_runs_on(c, d).next() else {
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
            found.push((
                c.date(d),
                vec![i],
                format!(
                    "{} run on {} is the first quality session after {what}: ease back in with a short, controlled session",
                    kind.name(),
                    c.date(d)
                ),
            ));
        }
        last = Some(d);
    }
    if c.plan.athlete.level == crate::model::Level::Novice {
        for w in 0..n / 7 {
            let q: Vec<usize> = (w * 7..w * 7 + 7)
                .flat_map(|d| quality_runs_on(c, d).collect::<Vec<_>>())
                .collect();
            if q.len() > c.t.novice_max_quality_per_week as usize {
                let start = c.date(w * 7);
                found.push((
                    start,
                    q.clone(),
                    format!(
                        "Week of {start}: {} quality runs; for a novice keep it to {} a week, with easy days between",
                        q.len(),
                        c.t.novice_max_quality_per_week
                    ),
                ));
            }
        }
    }
    for (date, sessions, msg) in found {
        c.push(Rule::NewIntensity, Severity::Caution, date, sessions, msg);
    }
}

/// return-after-break (seed article; coaching practice).
fn return_after_break(c: &mut Ctx) {
    let days = &c.report.days;
    let n = days.len() as i64;
    let baseline_day = c.plan.athlete.baseline.as_ref().map(|b| b.weekly_km / 7.0);
    // Day -1 stands for "running at the baseline until the plan starts".
    let km = |d: i64| {
        if d < 0 {
            baseline_day.unwrap_or(0.0)
        } else {
            days[d as usize].run_km
        }
    };
    let mut last: Option<i64> = baseline_day.map(|_| -1);
    let mut found = Vec::new();
    for d in 0..n {
        if days[d as usize].run_km <= 0.0 {
            continue;
        }
        if let Some(l) = last {
            let gap = d - l - 1;
            if gap >= i64::from(c.t.break_days) {
                let before: f64 = (l - 27..=l).map(km).sum::<f64>() / 4.0;
                let back: f64 = (d..(d + 7).min(n)).map(km).sum();
                let limit = before * c.t.return_max_pct / 100.0;
                if before > 0.0 && exceeds(back, limit) {
                    let runs: Vec<usize> = (d..(d + 7).min(n))
                        .flat_map(|k| c.runs_on(k as usize).collect::<Vec<_>>())
                        .collect();
                    found.push((
                        c.date(d as usize),
                        runs,
                        format!(
                            "First week back after {gap} days without running: {back:.1} km in the 7 days from {} is {} of your average week before the break ({before:.1} km); restart at about {} ({limit:.1} km) and rebuild",
                            c.date(d as usize),
                            pct(back / before * 100.0),
                            pct(c.t.return_max_pct)
                        ),
                    ));
                }
            }
        }
        last = Some(d);
    }
    for (date, sessions, msg) in found {
        c.push(
            Rule::ReturnAfterBreak,
            Severity::Warning,
            date,
            sessions,
            msg,
        );
    }
}

/// barefoot-transition (seed article).
fn barefoot_transition(c: &mut Ctx) {
    let n = c.report.days.len();
    let mut found = Vec::new();
    for (w, week) in c.report.weeks.iter().enumerate() {
        let bare: Vec<usize> = (w * 7..w * 7 + 7)
            .flat_map(|d| c.runs_on(d).collect::<Vec<_>>())
            .filter(|&i| {
                c.session(i)
                    .run()
                    .is_some_and(|r| r.footwear != Footwear::Shoes)
            })
            .collect();
        let bare_km: f64 = bare
            .iter()
            .filter_map(|&i| c.session(i).run())
            .map(|r| r.km)
            .sum();
        if bare_km > 0.0 && exceeds(bare_km / week.run_km * 100.0, c.t.barefoot_share_pct) {
            found.push((
                c.session(bare[0]).date,
                bare.clone(),
                format!(
                    "Week of {}: {bare_km:.1} of {:.1} km ({}) barefoot or minimalist; keep it to about {} of the week while your calves adapt",
                    week.start,
                    week.run_km,
                    pct(bare_km / week.run_km * 100.0),
                    pct(c.t.barefoot_share_pct)
                ),
            ));
        }
    }
    let mut shortest: Option<f64> = None;
    for d in 0..n {
        for &i in c.on_day(d) {
            let Some(run) = c.session(i).run() else {
                continue;
            };
            if run.footwear != Footwear::Barefoot {
                continue;
            }
            if exceeds(run.km, c.t.barefoot_first_run_km) && shortest.is_none_or(|s| s >= run.km) {
                found.push((
                    c.date(d),
                    vec![i],
                    format!(
                        "Barefoot run of {:.1} km with no shorter barefoot run before it: start with runs under {:.1} km and build up",
                        run.km, c.t.barefoot_first_run_km
                    ),
                ));
            }
            shortest = Some(shortest.map_or(run.km, |s| s.min(run.km)));
        }
    }
    for (date, sessions, msg) in found {
        c.push(
            Rule::BarefootTransition,
            Severity::Caution,
            date,
            sessions,
            msg,
        );
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

fn labels(c: &Ctx, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| describe(c.session(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Long run 16 km", "Cycling 45 min (RPE 8)", "Strength with calf work 40 min".
fn describe(s: &Session) -> String {
    match &s.activity {
        Activity::Run { kind, km, .. } => format!("{} run {} km", kind.name(), fmt_km(*km)),
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

/// calf-cross-training (expert opinion; seed article).
fn calf_cross_training(c: &mut Ctx) {
    let n = c.report.days.len();
    let mut found = Vec::new();
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
            found.push((
                c.date(d),
                [loading.clone(), runs_after.clone()].concat(),
                format!(
                    "{} before the {} on the same day: calf-loading cross-training fatigues the calves before the run; run first or move it to another day",
                    labels(c, &loading),
                    labels(c, &runs_after).to_lowercase()
                ),
            ));
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
                    .is_some_and(|r| r.kind.is_quality() || r.kind == crate::model::RunKind::Long)
            })
            .collect();
        if key.is_empty() {
            continue;
        }
        let before: Vec<usize> = c
            .on_day(d - 1)
            .iter()
            .copied()
            .filter(|&i| is_calf_loading(c.session(i), c.t))
            .collect();
        if !before.is_empty() {
            found.push((
                c.date(d),
                [before.clone(), key.clone()].concat(),
                format!(
                    "{} on {} is the day before the {} on {}: tired calves on a long or quality run; move the cross-training at least two days earlier or after the run",
                    labels(c, &before),
                    c.date(d - 1),
                    labels(c, &key).to_lowercase(),
                    c.date(d)
                ),
            ));
        }
    }
    for (date, sessions, msg) in found {
        c.push(
            Rule::CalfCrossTraining,
            Severity::Warning,
            date,
            sessions,
            msg,
        );
    }
}

/// calf-work-on-run-day (seed article).
fn calf_work_on_run_day(c: &mut Ctx) {
    let n = c.report.days.len();
    let mut found = Vec::new();
    for d in 0..n {
        // Most days have no calf session: check before collecting anything.
        let has_calf = c
            .on_day(d)
            .iter()
            .any(|&i| matches!(c.session(i).activity, Activity::Calf { .. }));
        if !has_calf || c.runs_on(d).next().is_none() {
            continue;
        }
        let calf: Vec<usize> = c
            .on_day(d)
            .iter()
            .copied()
            .filter(|&i| matches!(c.session(i).activity, Activity::Calf { .. }))
            .collect();
        let runs: Vec<usize> = c.runs_on(d).collect();
        if !calf.is_empty() && !runs.is_empty() {
            found.push((
                c.date(d),
                [calf.clone(), runs.clone()].concat(),
                format!(
                    "{} on a running day ({}): put calf strengthening on non-running days so the calves recover",
                    labels(c, &calf),
                    labels(c, &runs)
                ),
            ));
        }
    }
    for (date, sessions, msg) in found {
        c.push(
            Rule::CalfWorkOnRunDay,
            Severity::Caution,
            date,
            sessions,
            msg,
        );
    }
}

/// no-rest-day (Foster 1998; recovery).
fn no_rest_day(c: &mut Ctx) {
    let n = c.report.days.len();
    let max = c.t.max_running_days as usize;
    let mut found = Vec::new();
    let mut d = 0;
    while d < n {
        if c.report.days[d].run_km <= 0.0 {
            d += 1;
            continue;
        }
        let s = d;
        while d < n && c.report.days[d].run_km > 0.0 {
            d += 1;
        }
        let len = d - s;
        if len >= max {
            let runs: Vec<usize> = (s..d)
                .flat_map(|k| c.runs_on(k).collect::<Vec<_>>())
                .collect();
            found.push((
                c.date(s + max - 1),
                runs,
                format!(
                    "{len} days in a row with running ({} to {}): plan at least one rest day a week",
                    c.date(s),
                    c.date(d - 1)
                ),
            ));
        }
    }
    for (date, sessions, msg) in found {
        c.push(Rule::NoRestDay, Severity::Caution, date, sessions, msg);
    }
}

/// hydration (seed article).
fn hydration(c: &mut Ctx) {
    let mut found = Vec::new();
    for &i in &c.order {
        let s = c.session(i);
        if s.run().is_none() {
            continue;
        }
        let sl = &c.report.sessions[i];
        if exceeds(sl.minutes, c.t.hydration_minutes) {
            let about = if sl.estimated { "about " } else { "" };
            found.push((
                s.date,
                i,
                format!(
                    "{} takes {about}{:.0} minutes: carry fluids, and add electrolytes in heat",
                    describe(s),
                    sl.minutes
                ),
            ));
        }
    }
    for (date, i, msg) in found {
        c.push(Rule::Hydration, Severity::Info, date, vec![i], msg);
    }
}

/// calf-imbalance (seed article).
fn calf_imbalance(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    let Some(test) = plan.athlete.latest_calf_test() else {
        return;
    };
    let (l, r) = (f64::from(test.left), f64::from(test.right));
    let hi = l.max(r);
    if hi <= 0.0 {
        return;
    }
    let diff = (l - r).abs() / hi * 100.0;
    if exceeds(diff, t.calf_imbalance_pct) {
        let weaker = if l < r { "left" } else { "right" };
        out.push(warning(
            Rule::CalfImbalance,
            Severity::Warning,
            test.date,
            Vec::new(),
            format!(
                "Calf-raise test on {}: left {} and right {} reps differ by {}; build the {weaker} leg up to match (the calf program works each leg)",
                test.date,
                test.left,
                test.right,
                pct(diff)
            ),
        ));
    }
}

/// red-flag (seed article).
fn red_flag(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
    for s in &plan.symptoms {
        let area = format!("{:?}", s.area);
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
        } else if matches!(s.area, BodyArea::Calf | BodyArea::Achilles)
            && s.pain > t.calf_pain_warning
        {
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
