//! Block templates: a plan (or one block) described by its weeks' volumes as a share of
//! the athlete's base weekly distance, a day pattern, the long-run share and the phase;
//! turned into sessions anchored to a start or race date and scaled to the athlete.

use crate::model::{
    Activity, Athlete, Baseline, Block, CrossKind, Footwear, Level, Pace, Phase, Plan, Race,
    RunKind, Session, Surface, week_start,
};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a day of the pattern holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayKind {
    /// No session.
    Rest,
    /// An easy run (shares what is left of the week's distance).
    Easy,
    /// The block's quality run.
    Quality,
    /// The long run (or the race in race week).
    Long,
    /// Easy cross-training (cycling at an easy effort: not calf-loading).
    Cross,
}

/// One block of a template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockTemplate {
    /// Block name.
    pub name: String,
    /// Phase.
    pub phase: Phase,
    /// Each week's running distance as a share of the base weekly distance.
    pub volumes: Vec<f64>,
    /// The long run's share of the week's distance.
    pub long_share: f64,
    /// The kind of the quality runs.
    pub quality: RunKind,
    /// A day pattern for this block instead of the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Vec<DayKind>>,
}

/// A template: a whole plan or a single block to chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// File format version (1).
    pub format: u32,
    /// Name shown in lists.
    pub name: String,
    /// One or two sentences.
    pub description: String,
    /// Who it is written for (generation may use another level).
    pub level: Level,
    /// The goal race's distance; `None` for single blocks.
    pub race_km: Option<f64>,
    /// The base weekly distances it is built for (min, max).
    pub base_km: (f64, f64),
    /// Monday-to-Sunday pattern (7 days).
    pub days: Vec<DayKind>,
    /// The blocks, in order.
    pub blocks: Vec<BlockTemplate>,
}

impl Template {
    /// Total weeks.
    pub fn weeks(&self) -> usize {
        self.blocks.iter().map(|b| b.volumes.len()).sum()
    }

    /// Problems with the template's values (empty when valid).
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if self.blocks.is_empty() {
            p.push("a template needs at least one block".into());
        }
        for b in &self.blocks {
            if b.volumes.is_empty() {
                p.push(format!("block \"{}\" has no weeks", b.name));
            }
            if b.volumes
                .iter()
                .any(|v| !v.is_finite() || *v <= 0.0 || *v > 4.0)
            {
                p.push(format!(
                    "block \"{}\": volumes must be more than 0 and at most 4",
                    b.name
                ));
            }
            if !(0.1..=0.6).contains(&b.long_share) {
                p.push(format!(
                    "block \"{}\": long_share {} is outside 0.1–0.6",
                    b.name, b.long_share
                ));
            }
            let days = b.days.as_ref().unwrap_or(&self.days);
            if days.len() != 7 {
                p.push(format!(
                    "block \"{}\": the day pattern needs 7 days, Monday to Sunday",
                    b.name
                ));
            }
            if days.iter().filter(|d| **d == DayKind::Long).count() > 1 {
                p.push(format!("block \"{}\": at most one Long day a week", b.name));
            }
        }
        if !(self.base_km.0 > 0.0 && self.base_km.0 <= self.base_km.1) {
            p.push("base_km must be (min, max) with 0 < min ≤ max".into());
        }
        p
    }
}

/// A template with where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Its id: the file stem (`half-marathon-novice`).
    pub id: String,
    /// The template.
    pub template: Template,
    /// Built into Gradual, or the user's own file.
    pub builtin: bool,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "5k-novice",
        include_str!("../../assets/templates/5k-novice.ron"),
    ),
    (
        "5k-experienced",
        include_str!("../../assets/templates/5k-experienced.ron"),
    ),
    (
        "10k-novice",
        include_str!("../../assets/templates/10k-novice.ron"),
    ),
    (
        "10k-experienced",
        include_str!("../../assets/templates/10k-experienced.ron"),
    ),
    (
        "half-marathon-novice",
        include_str!("../../assets/templates/half-marathon-novice.ron"),
    ),
    (
        "half-marathon-experienced",
        include_str!("../../assets/templates/half-marathon-experienced.ron"),
    ),
    (
        "marathon-novice",
        include_str!("../../assets/templates/marathon-novice.ron"),
    ),
    (
        "marathon-experienced",
        include_str!("../../assets/templates/marathon-experienced.ron"),
    ),
    (
        "block-base",
        include_str!("../../assets/templates/block-base.ron"),
    ),
    (
        "block-build",
        include_str!("../../assets/templates/block-build.ron"),
    ),
    (
        "block-peak",
        include_str!("../../assets/templates/block-peak.ron"),
    ),
    (
        "block-taper",
        include_str!("../../assets/templates/block-taper.ron"),
    ),
];

/// Parses template text.
pub fn parse(text: &str) -> Result<Template, String> {
    let t: Template = ron::from_str(text)
        .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
    let p = t.problems();
    if p.is_empty() {
        Ok(t)
    } else {
        Err(p.join("; "))
    }
}

/// The built-in templates.
pub fn builtin() -> Vec<Entry> {
    BUILTIN
        .iter()
        .map(|(id, text)| Entry {
            id: id.to_string(),
            template: parse(text).unwrap_or_else(|e| panic!("built-in template {id}: {e}")),
            builtin: true,
        })
        .collect()
}

/// Where the user's own templates live: `$XDG_DATA_HOME/gradual/templates` (or
/// `~/.local/share/gradual/templates`), overridable with `GRADUAL_TEMPLATES`.
pub fn user_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("GRADUAL_TEMPLATES") {
        return Some(PathBuf::from(d));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(data.join("gradual").join("templates"))
}

/// Built-in templates followed by the user's (those that parse) from `dir`.
pub fn all(dir: Option<&Path>) -> Vec<Entry> {
    let mut v = builtin();
    if let Some(dir) = dir
        && let Ok(listing) = crate::format::plan_files(dir)
    {
        let mut own: Vec<Entry> = listing
            .files
            .into_iter()
            .filter_map(|p| {
                let bytes = crate::format::read_regular(&p).ok()?;
                let text = String::from_utf8(bytes).ok()?;
                let template = parse(&text).ok()?;
                Some(Entry {
                    id: p.file_stem()?.to_string_lossy().into_owned(),
                    template,
                    builtin: false,
                })
            })
            .collect();
        own.sort_by(|a, b| a.id.cmp(&b.id));
        v.extend(own);
    }
    v
}

/// Where a generated plan sits in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The first week starts on the Monday of this date.
    Start(NaiveDate),
    /// The last week holds this race day.
    Race(NaiveDate),
}

/// What to generate for.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Start or race date.
    pub anchor: Anchor,
    /// The athlete's current weekly distance.
    pub base_km: f64,
    /// The athlete's level.
    pub level: Level,
    /// The athlete's name.
    pub athlete: String,
    /// The plan's name (default: the template's).
    pub name: Option<String>,
    /// Schedule the calf program too.
    pub calf: bool,
}

/// Easy pace assumed for each level when generating.
pub fn level_pace(level: Level) -> Pace {
    Pace {
        seconds_per_km: match level {
            Level::Novice => 390,
            Level::Returning => 375,
            Level::Experienced => 330,
        },
    }
}

fn round_half(km: f64) -> f64 {
    (km * 2.0).round() / 2.0
}

fn run(date: NaiveDate, kind: RunKind, km: f64, pace: Pace, speed: f64, rpe: u8) -> Session {
    Session::new(
        date,
        Activity::Run {
            kind,
            km: Some(km),
            minutes: Some((pace.minutes_for(km) * speed).round().max(1.0) as u32),
            rpe,
            surface: if kind == RunKind::Intervals {
                Surface::Track
            } else {
                Surface::Road
            },
            footwear: Footwear::Shoes,
        },
    )
}

fn quality_rpe(kind: RunKind) -> u8 {
    match kind {
        RunKind::Fartlek => 5,
        RunKind::Hills | RunKind::Tempo => 6,
        RunKind::Intervals => 7,
        RunKind::Race => 8,
        _ => 4,
    }
}

/// The sessions of one week: `km` of running spread over the pattern.
#[allow(clippy::too_many_arguments)]
fn week_sessions(
    monday: NaiveDate,
    days: &[DayKind],
    km: f64,
    long_share: f64,
    quality: RunKind,
    level: Level,
    race: Option<(NaiveDate, f64)>,
) -> Vec<Session> {
    const MIN_RUN: f64 = 2.0;
    let pace = level_pace(level);
    let n_quality = days.iter().filter(|d| **d == DayKind::Quality).count();
    let n_easy = days.iter().filter(|d| **d == DayKind::Easy).count();
    let race_in_week = race.filter(|(d, _)| week_start(*d) == monday);
    let (long_km, q_km) = match race_in_week {
        // Race week: the race replaces the long run; quality days turn easy.
        Some((_, race_km)) => (race_km, 0.0),
        None => (
            round_half(km * long_share).max(MIN_RUN),
            round_half(km * 0.18).max(MIN_RUN),
        ),
    };
    let quality_days = if race_in_week.is_some() { 0 } else { n_quality };
    let easy_days = n_easy + n_quality - quality_days;
    let rest_km = km - long_km - q_km * quality_days as f64;
    let easy_km = if easy_days > 0 {
        round_half(rest_km / easy_days as f64).max(MIN_RUN)
    } else {
        0.0
    };
    let mut out = Vec::new();
    for (i, kind) in days.iter().enumerate() {
        let date = monday + Duration::days(i as i64);
        match (kind, race_in_week) {
            (DayKind::Rest, _) => {}
            (DayKind::Cross, _) => out.push(Session::new(
                date,
                Activity::Cross {
                    kind: CrossKind::Cycling,
                    minutes: if level == Level::Experienced { 45 } else { 40 },
                    rpe: 4,
                    calf_work: false,
                },
            )),
            (DayKind::Long, None) => out.push(run(date, RunKind::Long, long_km, pace, 1.05, 4)),
            (DayKind::Long, Some(_)) => {}
            (DayKind::Quality, None) => {
                out.push(run(date, quality, q_km, pace, 0.92, quality_rpe(quality)))
            }
            (DayKind::Quality | DayKind::Easy, _) => {
                // No easy run the day before the race.
                if race_in_week.is_some_and(|(d, _)| d == date + Duration::days(1)) {
                    continue;
                }
                out.push(run(date, RunKind::Easy, easy_km, pace, 1.0, 3));
            }
        }
    }
    if let Some((date, race_km)) = race_in_week {
        out.retain(|s| s.date < date); // nothing after the race in race week
        out.push(run(date, RunKind::Race, race_km, pace, 0.85, 8));
    }
    out
}

/// Generates a plan from `template` for `params`: blocks, sessions, the goal race, the
/// athlete with baseline and easy pace, and (if asked) the calf program.
pub fn generate(template: &Template, params: &Params) -> Plan {
    let weeks = template.weeks() as i64;
    let (first_monday, race_date) = match params.anchor {
        Anchor::Start(d) => {
            let m = week_start(d);
            (
                m,
                template
                    .race_km
                    .map(|_| m + Duration::days((weeks - 1) * 7 + 6)),
            )
        }
        Anchor::Race(d) => (
            week_start(d) - Duration::days((weeks - 1) * 7),
            template.race_km.map(|_| d),
        ),
    };
    let race = race_date.zip(template.race_km);
    let mut athlete = Athlete::new(params.athlete.clone(), params.level);
    athlete.easy_pace = level_pace(params.level);
    let first = &template.blocks[0];
    athlete.baseline = Some(Baseline {
        weekly_km: params.base_km,
        long_run_km: round_half(params.base_km * first.volumes[0] * first.long_share).max(2.0),
        last_run: None,
    });
    let mut plan = Plan::new(
        params.name.clone().unwrap_or_else(|| template.name.clone()),
        athlete,
    );
    if let Some((date, km)) = race {
        plan.race = Some(Race {
            name: format!("{} race", template.name.split(',').next().unwrap_or("Goal")),
            date,
            km,
        });
    }
    let mut monday = first_monday;
    for b in &template.blocks {
        plan.blocks.push(Block {
            name: b.name.clone(),
            start: monday,
            weeks: b.volumes.len() as u32,
            phase: b.phase,
        });
        for v in &b.volumes {
            let days = b.days.as_ref().unwrap_or(&template.days);
            plan.sessions.extend(week_sessions(
                monday,
                days,
                params.base_km * v,
                b.long_share,
                b.quality,
                params.level,
                race,
            ));
            monday += Duration::days(7);
        }
    }
    plan.sessions.sort_by_key(|s| s.date);
    // Clear by construction: every week the scaled template puts over its headroom (a
    // low base, a novice's lower limits) is brought down to it, in date order.
    if let Some((lo, hi)) = plan.date_range() {
        plan = crate::analysis::headroom::fit(&plan, week_start(lo), hi).plan;
    }
    if params.calf
        && let Some(s) = crate::calf::schedule(&plan, &crate::calf::Options::default())
    {
        plan = crate::calf::apply(&plan, &s);
    }
    plan
}

/// The sessions a single-block template adds after `plan`'s last block (or last week),
/// and the block itself: for "chain another block". Scaled to the plan's baseline (or
/// its first week's distance). An empty plan starts the block in `today`'s week.
pub fn chain(plan: &Plan, template: &Template, today: NaiveDate) -> (Vec<Block>, Vec<Session>) {
    let start = plan
        .blocks
        .iter()
        .map(|b| b.last_day() + Duration::days(1))
        .chain(
            plan.sessions
                .iter()
                .map(|s| week_start(s.date) + Duration::days(7)),
        )
        .max()
        .unwrap_or_else(|| week_start(today));
    let base = plan
        .athlete
        .baseline
        .as_ref()
        .map(|b| b.weekly_km)
        .filter(|k| *k > 0.0)
        .unwrap_or(20.0);
    let params = Params {
        anchor: Anchor::Start(start),
        base_km: base,
        level: plan.athlete.level,
        athlete: plan.athlete.name.clone(),
        name: None,
        calf: false,
    };
    let mut t = template.clone();
    t.race_km = None;
    let g = generate(&t, &params);
    (g.blocks, g.sessions)
}

/// A template from a plan (or from one of its blocks): volumes relative to the first
/// week's running distance, the most common session type per weekday as the pattern,
/// the average long-run share, the most common quality kind per block.
pub fn from_plan(plan: &Plan, block: Option<usize>, name: &str) -> Option<Template> {
    let report = crate::analysis::analyze(plan);
    let blocks: Vec<Block> = match block {
        Some(i) => vec![plan.blocks.get(i)?.clone()],
        None if plan.blocks.is_empty() => {
            let (lo, hi) = plan.date_range()?;
            vec![Block {
                name: "Plan".into(),
                start: week_start(lo),
                weeks: ((week_start(hi) - week_start(lo)).num_days() / 7 + 1) as u32,
                phase: Phase::Base,
            }]
        }
        None => plan.blocks.clone(),
    };
    let first = blocks.first()?;
    let base = report
        .week_of(first.start)
        .map(|w| w.run_km)
        .filter(|k| *k > 0.0)?;
    let mut counts = [[0usize; 5]; 7];
    let out_blocks: Vec<BlockTemplate> = blocks
        .iter()
        .filter_map(|b| block_template(plan, &report, b, base, &mut counts))
        .collect();
    if out_blocks.is_empty() {
        return None;
    }
    let days = week_pattern(&counts);
    Some(Template {
        format: 1,
        name: name.to_string(),
        description: format!(
            "Saved from \"{}\" ({} weeks).",
            plan.name,
            out_blocks.iter().map(|b| b.volumes.len()).sum::<usize>()
        ),
        level: plan.athlete.level,
        race_km: if block.is_none() {
            plan.race.as_ref().map(|r| r.km)
        } else {
            None
        },
        base_km: ((base * 0.5).round().max(1.0), (base * 2.0).round().max(2.0)),
        days,
        blocks: out_blocks,
    })
}

/// One block as a template block: weekly volumes relative to `base`, the long run's
/// average share, the most common quality kind. Counts each weekday's session types
/// into `counts` (rest, easy, quality, long, cross). `None` for a block without running.
fn block_template(
    plan: &Plan,
    report: &crate::analysis::Report,
    b: &Block,
    base: f64,
    counts: &mut [[usize; 5]; 7],
) -> Option<BlockTemplate> {
    let mut volumes = Vec::new();
    let mut shares = Vec::new();
    let mut quality: Vec<RunKind> = Vec::new();
    for w in 0..b.weeks {
        let monday = week_start(b.start) + Duration::days(i64::from(w) * 7);
        let Some(week) = report.week_of(monday) else {
            continue;
        };
        volumes.push(((week.run_km / base) * 100.0).round() / 100.0);
        if week.run_km > 0.0 {
            shares.push(week.longest_run_km / week.run_km);
        }
        for s in plan
            .sessions
            .iter()
            .filter(|s| week_start(s.date) == monday && s.counts())
        {
            let d = chrono::Datelike::weekday(&s.date).num_days_from_monday() as usize;
            let k = match &s.activity {
                Activity::Run {
                    kind: RunKind::Long,
                    ..
                } => 3,
                Activity::Run { kind, .. } if kind.is_quality() => {
                    quality.push(*kind);
                    2
                }
                Activity::Run { .. } => 1,
                Activity::Cross { .. } => 4,
                _ => 0,
            };
            counts[d][k] += 1;
        }
    }
    if volumes.iter().all(|v| *v <= 0.0) {
        return None;
    }
    for v in volumes.iter_mut() {
        *v = v.max(0.1);
    }
    quality.sort_by_key(|k| *k as u8);
    let q = quality
        .iter()
        .max_by_key(|k| quality.iter().filter(|x| x == k).count())
        .copied()
        .unwrap_or(RunKind::Fartlek);
    let share = if shares.is_empty() {
        0.3
    } else {
        shares.iter().sum::<f64>() / shares.len() as f64
    };
    Some(BlockTemplate {
        name: b.name.clone(),
        phase: b.phase,
        volumes,
        long_share: ((share.clamp(0.1, 0.6)) * 100.0).round() / 100.0,
        quality: q,
        days: None,
    })
}

/// The most common session type of each weekday (rest on a tie, and where nothing is).
fn week_pattern(counts: &[[usize; 5]; 7]) -> Vec<DayKind> {
    let kinds = [
        DayKind::Rest,
        DayKind::Easy,
        DayKind::Quality,
        DayKind::Long,
        DayKind::Cross,
    ];
    counts
        .iter()
        .map(|c| {
            let best = (0..5)
                .max_by_key(|k| (c[*k], usize::from(*k == 0)))
                .unwrap_or(0);
            if c.iter().all(|x| *x == 0) {
                DayKind::Rest
            } else {
                kinds[best]
            }
        })
        .collect()
}

/// The canonical text of a template.
pub fn to_string(t: &Template) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ".to_string())
        .struct_names(false);
    let mut s = ron::ser::to_string_pretty(t, config).expect("templates serialize");
    s.push('\n');
    s
}

/// Saves a user template into `dir` as `ID.ron` (atomically); returns the path.
pub fn save_user(dir: &Path, id: &str, t: &Template) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{id}.ron"));
    crate::format::write_atomic(&path, to_string(t).as_bytes(), false)
        .map_err(|e| e.to_string())?;
    Ok(path)
}
