//! The load rules that are notes by default: the acute:chronic ratio and monotony.

use super::*;

/// acwr (Williams et al. 2017; Frandsen et al. 2025; Gabbett 2016; critiques Lolli 2019,
/// Impellizzeri 2020). Judged per week on the means of the daily EWMAs, so the rise and
/// fall within a steady week (long-run day, rest day) is not read as a spike.
pub(super) fn acwr(c: &Ctx, out: &mut Vec<Warning>) {
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
pub(super) fn acwr_bound(c: &Ctx, w: usize, scalable: &[usize]) -> Option<Bound> {
    if c.t.acwr_severity < Severity::Caution || c.week_has_goal(w) {
        return None;
    }
    c.report.weeks[w].acwr_week?;
    let days = &c.report.days[w * 7..w * 7 + 7];
    let mut run_load = [0.0f64; 7];
    for &i in scalable {
        let d = c.day_of(i) - w * 7;
        run_load[d] += c.report.sessions[i].load;
    }
    // What the scalable loads add to the week's summed averages.
    let (la, lc) = (
        crate::analysis::ewma_lambda(7.0),
        crate::analysis::ewma_lambda(28.0),
    );
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
        text: LimitText::Acwr {
            line: c.t.acwr_warning,
            severity: c.t.acwr_severity,
        },
    })
}

/// monotony (Foster 1998): high monotony matters in a week of unusually high strain. A
/// note: Foster's evidence is about illness in a small sample, not injury.
pub(super) fn monotony(c: &Ctx, out: &mut Vec<Warning>) {
    let weeks = &c.report.weeks;
    for (i, w) in weeks.iter().enumerate() {
        let Some(m) = w.monotony.filter(|m| exceeds(*m, c.t.monotony_caution)) else {
            continue;
        };
        // The athlete's usual strain and load: the previous four weeks that had load.
        let previous: Vec<&crate::analysis::Week> = weeks[i.saturating_sub(REFERENCE_WEEKS)..i]
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
