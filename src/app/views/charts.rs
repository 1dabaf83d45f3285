//! Charts (egui_plot): weekly running km coloured by the week's worst warning, weekly load
//! and calf load, and the acute:chronic ratio with its 1.5 reference line.

use super::{UiState, ViewCtx};
use crate::analysis::{Report, Severity};
use crate::app::style;
use chrono::NaiveDate;
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, HLine, Legend, Line, Plot};

/// The load chart's hover text.
const LOAD_HELP: &str =
    "Session-RPE load (RPE × minutes) and calf/Achilles load; calf factors are estimates";
/// The ratio chart's hover text.
const ACWR_HELP: &str = "Exponentially weighted 7- and 28-day loads, averaged over each \
    week. The line is a team-sport convention, not a prediction for you: in runners the \
    ratio did not predict injuries.";

/// One week as the charts show it.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekPoint {
    /// The Monday.
    pub start: NaiveDate,
    /// Running distance.
    pub run_km: f64,
    /// Running minutes (given or estimated).
    pub run_minutes: f64,
    /// Session-RPE load.
    pub load: f64,
    /// Calf/Achilles load.
    pub calf_load: f64,
    /// The week's acute:chronic ratio as the `acwr` rule judges it.
    pub acwr: Option<f64>,
    /// Worst warning.
    pub worst: Option<Severity>,
    /// The highest calf or Achilles pain logged that week (0–10).
    pub calf_pain: Option<u8>,
    /// The week's headroom in km, and in minutes (the week's runs scaled to it).
    pub headroom: Option<(f64, f64)>,
    /// The week's running as planned (km, minutes), when anything in it is done or
    /// skipped: drawn beside what was run plus what is still planned.
    pub as_planned: Option<(f64, f64)>,
}

/// The data the charts plot, straight from the report (x = week index).
pub fn series(report: &Report) -> Vec<WeekPoint> {
    report
        .weeks
        .iter()
        .enumerate()
        .map(|(i, w)| WeekPoint {
            start: w.start,
            run_km: w.run_km,
            run_minutes: w.run_minutes,
            load: w.load,
            calf_load: w.calf_load,
            acwr: w.acwr_week,
            worst: w.worst,
            calf_pain: w.calf_pain,
            as_planned: report
                .adherence
                .get(i)
                .filter(|t| t.sessions > 0)
                .and(report.planned_running.get(i).copied()),
            headroom: report.headroom.get(i).and_then(|h| {
                // The week's runs scale together: km and minutes by the same factor.
                let m = h.max_volume?;
                let f = if h.volume > 0.0 {
                    m / h.volume
                } else {
                    return None;
                };
                Some((w.run_km * f, w.run_minutes * f))
            }),
        })
        .collect()
}

/// An x-axis formatter for week-indexed charts: "6 Apr" under whole week indices, or
/// "Apr 2027" when more than about a year is in view (a plan over several years).
pub fn week_axis(
    starts: Vec<NaiveDate>,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + Clone {
    move |mark, range| {
        let i = mark.value.round();
        if (mark.value - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        let years = range.end() - range.start() > 52.0;
        starts
            .get(i as usize)
            .map(|d| d.format(if years { "%b %Y" } else { "%-d %b" }).to_string())
            .unwrap_or_default()
    }
}

/// The headroom as a staircase over the bars: one line per run of weeks that have one,
/// each week a flat step across its bar.
fn headroom_steps(points: &[WeekPoint], by_time: bool) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match p.headroom {
            Some((km, minutes)) => {
                let y = if by_time { minutes } else { km };
                let x = i as f64;
                current.push([x - 0.45, y]);
                current.push([x + 0.45, y]);
            }
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Shows the three charts side by side; a click on the volume chart goes to its week.
pub fn show(ui: &mut Ui, v: &ViewCtx, st: &mut UiState) {
    let points = series(v.doc.report());
    if points.is_empty() {
        ui.label("Add sessions to see weekly load.");
        return;
    }
    let starts: Vec<NaiveDate> = points.iter().map(|p| p.start).collect();
    // One line of title above each plot; the plots take the rest of the panel.
    let h = (ui.available_height() - ui.text_style_height(&egui::TextStyle::Body) - 8.0).max(60.0);
    let axis = Axis {
        link: ui.scope_id().with("charts-x"),
        height: h,
        starts,
    };
    let w = (ui.available_width() - 16.0) / 3.0;
    // A plan with time-only runs is charted in minutes (every run has minutes).
    let by_time = v
        .doc
        .report()
        .weeks
        .iter()
        .any(|w| w.time_only_minutes > 0.0);
    let mut clicked_week: Option<usize> = None;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(w);
            clicked_week = volume_chart(ui, &points, by_time, &axis);
        });
        ui.vertical(|ui| {
            ui.set_width(w);
            load_chart(ui, &points, &axis);
        });
        ui.vertical(|ui| {
            ui.set_width(w);
            acwr_chart(ui, v, &points, &axis);
        });
    });
    if let Some(i) = clicked_week.filter(|&i| i < points.len()) {
        st.scroll_to = Some(points[i].start);
        st.selected_day = Some(points[i].start);
        st.selection = None;
    }
}

/// What the three charts share: the linked x axis of weeks and the height.
struct Axis {
    link: egui::Id,
    height: f32,
    starts: Vec<NaiveDate>,
}

impl Axis {
    /// A plot on the shared axis.
    fn plot(&self, id: &str) -> Plot<'static> {
        Plot::new(id)
            .height(self.height)
            .link_axis(self.link, [true, false])
            .x_axis_formatter(week_axis(self.starts.clone()))
            .allow_scroll(false)
            .include_y(0.0)
    }
}

/// Running a week (km, or minutes for plans with time-only runs), coloured by the worst
/// warning, the plan as written beside what was done, and the headroom dashed. Returns
/// the week clicked.
fn volume_chart(ui: &mut Ui, points: &[WeekPoint], by_time: bool, axis: &Axis) -> Option<usize> {
    let volume = move |p: &WeekPoint| if by_time { p.run_minutes } else { p.run_km };
    ui.label(if by_time {
        "Running minutes a week"
    } else {
        "Running km a week"
    })
    .on_hover_text(
        "Bar colour: the week's worst warning. Weeks with sessions done or skipped \
         have a grey bar first: the week as planned, beside what was run plus what \
         is still planned. Dashed: the week's headroom, the most it can hold before \
         the distance rules reach caution",
    );
    // Weeks with something done or skipped: the plan as written (grey) beside
    // what was run plus what is still planned (the analysed week).
    let grey = ui.visuals().weak_text_color().gamma_multiply(0.6);
    let as_planned: Vec<Bar> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (km, min) = p.as_planned?;
            Some(
                Bar::new(i as f64 - 0.2, if by_time { min } else { km })
                    .fill(grey)
                    .width(0.38)
                    .name(format!("{} as planned", p.start)),
            )
        })
        .collect();
    let bars: Vec<Bar> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, width) = if p.as_planned.is_some() {
                (i as f64 + 0.2, 0.38)
            } else {
                (i as f64, 0.75)
            };
            Bar::new(x, volume(p))
                .fill(style::week_color(p.worst))
                .width(width)
                .name(p.start.to_string())
        })
        .collect();
    let plan_chart = BarChart::new("as planned", as_planned);
    let pts = points.to_vec();
    let chart = BarChart::new("km", bars).element_formatter(Box::new(move |bar, _| {
        let p = &pts[bar.argument.round() as usize];
        let amount = if by_time {
            format!("{:.0} min", p.run_minutes)
        } else {
            format!("{:.1} km", p.run_km)
        };
        format!(
            "Week of {}\n{amount} · load {:.0}\ncalf load {:.0} · ACWR {}\n{}",
            p.start,
            p.load,
            p.calf_load,
            p.acwr
                .map(|a| format!("{a:.2}"))
                .unwrap_or_else(|| "–".into()),
            p.worst
                .map(|s| format!("worst: {s}"))
                .unwrap_or_else(|| "no warnings".into())
        )
    }));
    let limits = headroom_steps(points, by_time);
    let colour = ui.visuals().strong_text_color().gamma_multiply(0.8);
    let resp = axis.plot("km-chart").show(ui, |p| {
        p.bar_chart(plan_chart);
        p.bar_chart(chart);
        for steps in limits {
            p.line(
                Line::new("headroom", steps)
                    .color(colour)
                    .style(egui_plot::LineStyle::dashed_dense()),
            );
        }
    });
    let pos = resp
        .response
        .interact_pointer_pos()
        .filter(|_| resp.response.clicked())?;
    Some(resp.transform.value_from_position(pos).x.round().max(0.0) as usize)
}

/// Load and calf load, with logged calf pain on its own axis.
fn load_chart(ui: &mut Ui, points: &[WeekPoint], axis: &Axis) {
    ui.label("Load and calf load").on_hover_text(LOAD_HELP);
    let load: Vec<[f64; 2]> = points
        .iter()
        .enumerate()
        .map(|(i, p)| [i as f64, p.load])
        .collect();
    let calf: Vec<[f64; 2]> = points
        .iter()
        .enumerate()
        .map(|(i, p)| [i as f64, p.calf_load])
        .collect();
    // Logged calf pain as a line on the same chart, scaled to the load axis, with
    // its own axis on the right (0–10).
    let top = points
        .iter()
        .map(|p| p.load.max(p.calf_load))
        .fold(1.0, f64::max);
    let scale = top / 10.0;
    let pain: Vec<[f64; 2]> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.calf_pain.map(|x| [i as f64, f64::from(x) * scale]))
        .collect();
    let mut plot = axis.plot("load-chart").legend(Legend::default());
    if !pain.is_empty() {
        plot = plot.custom_y_axes(vec![
            egui_plot::AxisHints::new_y(),
            egui_plot::AxisHints::new_y()
                .placement(egui_plot::HPlacement::Right)
                .formatter(move |mark, _| {
                    let v = mark.value / scale;
                    if (0.0..=10.0).contains(&v) && (v - v.round()).abs() < 0.05 {
                        format!("{v:.0}")
                    } else {
                        String::new()
                    }
                }),
        ]);
    }
    plot.show(ui, |p| {
        if !pain.is_empty() {
            p.line(
                Line::new("calf pain (right axis)", pain)
                    .color(style::severity_color(Severity::Danger))
                    .width(2.0),
            );
        }
        p.line(
            Line::new("load", load)
                .color(Color32::from_rgb(0x35, 0x64, 0xa8))
                .width(2.0),
        );
        p.line(
            Line::new("calf load", calf)
                .color(Color32::from_rgb(0xa8, 0x4a, 0x6e))
                .width(2.0),
        );
    });
}

/// The acute:chronic ratio with the warning line.
fn acwr_chart(ui: &mut Ui, v: &ViewCtx, points: &[WeekPoint], axis: &Axis) {
    ui.label("Acute:chronic ratio").on_hover_text(ACWR_HELP);
    let acwr: Vec<[f64; 2]> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.acwr.map(|a| [i as f64, a]))
        .collect();
    let threshold =
        crate::model::Thresholds::resolve(&v.doc.plan().settings, v.doc.plan().athlete.level)
            .acwr_warning;
    axis.plot("acwr-chart").include_y(2.0).show(ui, |p| {
        p.hline(
            HLine::new(format!("{threshold} (team-sport convention)"), threshold)
                .color(style::severity_color(Severity::Warning)),
        );
        p.line(
            Line::new("ACWR", acwr)
                .color(Color32::from_rgb(0x2a, 0x8c, 0x7f))
                .width(2.0),
        );
    });
}
