//! The symptom rules: red flags, running before the all-clear, pain that does not settle,
//! and the helpers the calf program and the return share (what stops running, what an
//! all-clear is).

use super::*;

/// A calf or Achilles symptom.
pub(super) fn is_calf_area(s: &Symptom) -> bool {
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
pub(super) fn red_flag(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
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
pub(super) fn before_all_clear(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
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
pub(super) fn pain_monitoring(plan: &Plan, t: &Thresholds, out: &mut Vec<Warning>) {
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
