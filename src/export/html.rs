//! The printable page: one self-contained HTML file (inline CSS, no network) with the
//! weeks as a grid, weekly totals, the warnings with their evidence, the symptoms with
//! what to do, and the calf program.

use crate::analysis::{Report, Week, analyze};
use crate::model::{Activity, Plan, RunKind, Session, Status, fmt_km, week_start};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// `s` with HTML's special characters escaped.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A printable page: one self-contained file (inline CSS, no network) with the weeks as a
/// grid, weekly totals, the warnings with their evidence, and the calf program.
pub fn html(plan: &Plan) -> String {
    let report = analyze(plan);
    html_with(plan, &report)
}

/// [`html`] with the plan's analysis already made.
fn html_with(plan: &Plan, report: &Report) -> String {
    let mut h = String::new();
    head(&mut h, plan);
    grid(&mut h, plan, report);
    warnings(&mut h, report);
    symptoms(&mut h, plan);
    calf_program(&mut h, plan);
    h.push_str("<p class=\"muted\">Made with Gradual. Warnings are risk signals from studies and expert opinion, not diagnoses; calf-load factors are estimates.</p>\n</body></html>\n");
    h
}

/// The document head with its print style, the title and who the plan is for.
fn head(h: &mut String, plan: &Plan) {
    let race = plan
        .race
        .as_ref()
        .map(|r| format!(" · {} ({} km) on {}", esc(&r.name), fmt_km(r.km), r.date))
        .unwrap_or_default();
    h.push_str(&format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{name}</title>
<style>
@page {{ size: A4 landscape; margin: 10mm; }}
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 9pt; color: #222; margin: 0; }}
h1 {{ font-size: 15pt; margin: 0 0 2mm; }} h2 {{ font-size: 12pt; margin: 5mm 0 2mm; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 0.3mm solid #bbb; padding: 1mm; vertical-align: top; }}
th {{ background: #eee; }} tr {{ page-break-inside: avoid; }}
.wk {{ width: 16mm; }} .tot {{ width: 30mm; }}
.s {{ display: block; border-radius: 1mm; padding: 0.5mm 1mm; margin: 0.5mm 0; color: #fff; font-size: 8pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
.easy {{ background: #2a8c7f; }} .long {{ background: #3564a8; }} .quality {{ background: #c85a12; }} .race {{ background: #8e44ad; }}
.cross {{ background: #5f6b7d; }} .calf {{ background: #a84a6e; }} .rest {{ background: #8a8a8a; }} .skipped {{ opacity: 0.4; }}
.sev-info {{ color: #3b82c4; }} .sev-caution {{ color: #a87a0a; }} .sev-warning {{ color: #d0500e; }} .sev-danger {{ color: #c92a2a; }}
.ev {{ color: #666; font-size: 7.5pt; }} .muted {{ color: #666; }}
.band-green {{ border-right: 1.5mm solid #2ea043; }} .band-amber {{ border-right: 1.5mm solid #e0a800; }} .band-red {{ border-right: 1.5mm solid #d03030; }}
.done-green {{ color: #1f7a33; }} .done-amber {{ color: #a87a0a; }} .done-red {{ color: #c92a2a; }}
</style></head><body>
<h1>{name}</h1>
<p>{athlete} ({level}){race}</p>
"#,
        name = esc(&plan.name),
        athlete = esc(&plan.athlete.name),
        level = plan.athlete.level.name(),
    ));
}

/// The weeks as a grid: a row a week, a cell a day, the totals at the end.
fn grid(h: &mut String, plan: &Plan, report: &Report) {
    h.push_str("<table><thead><tr><th class=\"wk\">Week</th>");
    for d in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
        h.push_str(&format!("<th>{d}</th>"));
    }
    h.push_str("<th class=\"tot\">Totals</th></tr></thead><tbody>\n");
    // Sessions by day, once: the grid is linear in days plus sessions.
    let mut by_day: BTreeMap<NaiveDate, Vec<&Session>> = BTreeMap::new();
    for s in &plan.sessions {
        by_day.entry(s.date).or_default().push(s);
    }
    for w in &report.weeks {
        let block = plan
            .block_in_week(w.start)
            .map(|b| {
                format!(
                    "<br><span class=\"muted\">{} ({})</span>",
                    esc(&b.name),
                    b.phase.name()
                )
            })
            .unwrap_or_default();
        h.push_str(&format!(
            "<tr data-week=\"{}\"><td class=\"wk\">{}{block}</td>",
            w.start,
            w.start.format("%-d %b")
        ));
        for d in 0..7 {
            let date = w.start + chrono::Duration::days(d);
            h.push_str("<td>");
            h.push_str(&format!(
                "<span class=\"muted\">{}</span>",
                date.format("%-d")
            ));
            for s in by_day.get(&date).into_iter().flatten() {
                h.push_str(&chip(plan, s));
            }
            h.push_str("</td>");
        }
        h.push_str(&totals(report, w));
    }
    h.push_str("</tbody></table>\n");
}

/// One session in the grid: coloured by kind, faded when skipped, edged by how close
/// what was done came to the plan.
fn chip(plan: &Plan, s: &Session) -> String {
    let class = match &s.activity {
        Activity::Run { kind, .. } if *kind == RunKind::Race => "race",
        Activity::Run { kind, .. } if kind.is_quality() => "quality",
        Activity::Run { kind, .. } if *kind == RunKind::Long => "long",
        Activity::Run { .. } => "easy",
        Activity::Cross { .. } => "cross",
        Activity::Calf { .. } | Activity::CalfTest => "calf",
        Activity::Rest => "rest",
    };
    let skipped = if s.status == Status::Skipped {
        " skipped"
    } else {
        ""
    };
    let band = crate::analysis::adherence::session(s, plan.athlete.easy_pace)
        .and_then(|t| t.band())
        .map(|b| format!(" band-{}", b.name()))
        .unwrap_or_default();
    let text = match &s.actual {
        Some(a) if a.unplanned => format!("+ {} (unplanned)", s.activity.label()),
        Some(_) => format!(
            "✔ {} (planned {})",
            s.effective().activity.label(),
            s.activity.label()
        ),
        None if s.status == Status::Done => format!("✔ {}", s.activity.label()),
        None => s.activity.label(),
    };
    format!(
        "<span class=\"s {class}{skipped}{band}\">{}</span>",
        esc(&text)
    )
}

/// A week's totals cell: distance and change, load, calf load, the worst warning, and
/// how much of the planned time was done.
fn totals(report: &Report, w: &Week) -> String {
    let change = w
        .change_pct
        .map(|c| format!("{c:+.0} %"))
        .unwrap_or_else(|| "–".into());
    let worst = w
        .worst
        .map(|s| format!("<br><span class=\"sev-{s}\">{s}</span>"))
        .unwrap_or_default();
    let done = report
        .day_index(w.start)
        .and_then(|d| report.adherence.get(d / 7))
        .and_then(|t| t.time_ratio().zip(t.band()))
        .map(|(r, b)| {
            format!(
                "<br><span class=\"done-{b}\">done {:.0} % of planned time ({b})</span>",
                r * 100.0,
                b = b.name()
            )
        })
        .unwrap_or_default();
    format!(
        "<td>{:.1} km ({change})<br>load {:.0}<br>calf {:.0}{worst}{done}</td></tr>\n",
        w.run_km, w.load, w.calf_load
    )
}

/// The warnings, worst first, each with its evidence.
fn warnings(h: &mut String, report: &Report) {
    h.push_str("<h2>Warnings</h2>\n");
    if report.warnings.is_empty() {
        h.push_str("<p>No warnings.</p>\n");
        return;
    }
    h.push_str("<ul>\n");
    let mut ws: Vec<_> = report.warnings.iter().collect();
    ws.sort_by_key(|w| (std::cmp::Reverse(w.severity), w.date));
    for w in ws {
        h.push_str(&format!(
            "<li><b class=\"sev-{s}\">{s}</b> {} <code>{}</code>: {}<br><span class=\"ev\">Evidence: {}</span></li>\n",
            w.date,
            w.rule.id(),
            esc(&w.message),
            esc(w.evidence),
            s = w.severity
        ));
    }
    h.push_str("</ul>\n");
}

/// The symptoms logged, each with what to do and where the advice comes from.
fn symptoms(h: &mut String, plan: &Plan) {
    if plan.symptoms.is_empty() {
        return;
    }
    h.push_str("<h2>Symptoms and what to do</h2>\n<ul>\n");
    for s in &plan.symptoms {
        let a = crate::care::advice_in(plan, s);
        let mut what = format!("{} pain {}/10", s.area.name(), s.pain);
        if let Some(w) = s.when {
            what.push_str(&format!(", {}", w.name()));
        }
        if let Some(side) = s.side {
            what.push_str(&format!(", {} leg", side.name()));
        }
        if !s.flags.is_empty() {
            let flags: Vec<_> = s.flags.iter().map(|f| f.name()).collect();
            what.push_str(&format!(", with {}", flags.join(", ")));
        }
        if s.cramp {
            what.push_str(", a cramp");
        }
        h.push_str(&format!(
            "<li><b>{}</b> {}{}<br><b>{}</b> (guidance, not a diagnosis)<ul>{}</ul><span class=\"ev\">From: {}</span></li>\n",
            s.date,
            esc(&what),
            if s.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", esc(&s.note))
            },
            esc(&a.title),
            a.steps
                .iter()
                .map(|x| format!("<li>{}</li>", esc(x)))
                .collect::<String>(),
            esc(&a.source)
        ));
    }
    h.push_str("</ul>\n");
}

/// The calf program week by week: days, stage and dose, how to do it.
fn calf_program(h: &mut String, plan: &Plan) {
    h.push_str("<h2>Calf program</h2>\n");
    let mut weeks: BTreeMap<NaiveDate, Vec<&Session>> = BTreeMap::new();
    for s in plan.sessions.iter().filter(|s| s.activity.is_calf_work()) {
        weeks.entry(week_start(s.date)).or_default().push(s);
    }
    if weeks.is_empty() {
        h.push_str("<p>No calf sessions in this plan. Gradual's calf program places eccentric calf work on days without a run.</p>\n");
        return;
    }
    h.push_str("<table><thead><tr><th>Week</th><th>Sessions</th><th>Stage and dose</th><th>How</th></tr></thead><tbody>\n");
    for (wk, in_week) in weeks {
        let mut days: Vec<String> = in_week
            .iter()
            .map(|s| s.date.format("%a").to_string())
            .collect();
        days.dedup();
        let dose = in_week.iter().find_map(|s| match s.activity {
            Activity::Calf {
                stage,
                sets,
                reps,
                kg,
            } => Some((stage, sets, reps, kg)),
            _ => None,
        });
        let test = in_week
            .iter()
            .any(|s| matches!(s.activity, Activity::CalfTest));
        if let Some((stage, sets, reps, kg)) = dose {
            let st = crate::calf::stage(stage);
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>S{stage} {} — {sets} × {reps}{}{}{}</td><td>{}</td></tr>\n",
                wk.format("%-d %b"),
                days.join(" "),
                esc(st.name),
                if st.per_leg { " per leg" } else { "" },
                kg.map(|k| format!(", +{} kg", fmt_km(k))).unwrap_or_default(),
                if test { "; calf-raise test" } else { "" },
                esc(st.instructions)
            ));
        } else if test {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>Calf-raise test</td><td>{}</td></tr>\n",
                wk.format("%-d %b"),
                days.join(" "),
                esc(crate::calf::TEST_INSTRUCTIONS)
            ));
        }
    }
    h.push_str("</tbody></table>\n");
}
