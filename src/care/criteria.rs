//! When a runner may return after a calf injury: the injury a return starts from, the
//! day it starts, and the entry criteria with their numbers.

use super::*;

/// One entry criterion of the return to running.
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    /// What is checked.
    pub name: &'static str,
    /// Whether it is met.
    pub met: bool,
    /// The numbers, and what to do when it is not met.
    pub detail: String,
}

/// The injured side must manage at least this share of the other leg's calf raises, and
/// of its own test before the injury (Green et al. 2022: asymmetry of 10 % or less).
pub const RETURN_SYMMETRY: f64 = 0.9;

/// Logged pain may be at most this when returning, walking and during the calf-raise test.
pub const RETURN_MAX_PAIN: u8 = 2;

/// Single-leg calf raises the injured side needs before running again, or 90 % of its
/// own result before the injury when that is lower (a sports physiotherapy clinic's
/// line to start jogging; Green et al. 2022 ask 30 for a full return to play).
pub const RETURN_MIN_REPS: u32 = 25;

/// The calf or Achilles injury a return starts from: the latest log on or before `on`
/// that protects the runs after it (a red flag, pain above the line, a strain). Cramps
/// are not injuries.
pub fn injury(plan: &Plan, on: NaiveDate) -> Option<&Symptom> {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    plan.symptoms
        .iter()
        .filter(|s| s.date <= on && s.area.is_calf())
        .filter(|s| needs_all_clear(s, &t))
        .max_by_key(|s| s.date)
}

/// The day a return starts by default: where a return block already built after the
/// latest injury starts; else the day after the latest all-clear log or calf-raise test
/// after that injury; never on or before the injury itself (a test taken before it says
/// nothing about the way back); without an injury, `today`.
pub fn default_from(plan: &Plan, today: NaiveDate) -> NaiveDate {
    let Some(i) = injury(plan, NaiveDate::MAX) else {
        return today;
    };
    if let Some(b) = plan
        .blocks
        .iter()
        .filter(|b| b.name == RETURN_BLOCK && b.start > i.date)
        .max_by_key(|b| b.start)
    {
        return b.start;
    }
    let clear = plan
        .symptoms
        .iter()
        .filter(|s| s.date > i.date && s.area == i.area && is_all_clear(s))
        .map(|s| s.date);
    let tests = plan
        .athlete
        .calf_raise_tests
        .iter()
        .filter(|t| t.date > i.date)
        .map(|t| t.date);
    let after = i.date + Duration::days(1);
    match clear.chain(tests).max() {
        Some(d) => (d + Duration::days(1)).max(after),
        None => today.max(after),
    }
}

/// Why a return cannot start on `from`, if it cannot: the plan has no dates, or `from`
/// is after its last day (a return block goes into the plan's weeks).
pub fn outside_plan(plan: &Plan, from: NaiveDate) -> Option<String> {
    match plan.date_range() {
        None => Some(
            "The plan has no sessions yet: a return block replaces planned runs, so add the weeks to come first."
                .into(),
        ),
        Some((_, last)) if from > last => Some(format!(
            "{from} is after the plan's last day ({last}): a return block goes into the plan's weeks; choose a day up to {last}, or add the weeks first."
        )),
        _ => None,
    }
}

/// Checks the entry criteria for returning to running on `on`: the all-clear, pain now,
/// and after a calf injury the calf-raise test's strength and pain.
pub fn criteria(plan: &Plan, on: NaiveDate) -> Vec<Criterion> {
    let mut out = vec![all_clear(plan, on), pain_now(plan, on)];
    match injury(plan, on) {
        None => out.push(Criterion {
            name: "Calf strength",
            met: true,
            detail: "no calf injury logged: no calf-raise test needed".into(),
        }),
        Some(i) => out.extend(strength(plan, on, i)),
    }
    out
}

/// No injury log without an all-clear.
fn all_clear(plan: &Plan, on: NaiveDate) -> Criterion {
    let t = Thresholds::resolve(&plan.settings, plan.athlete.level);
    let open: Vec<&Symptom> = plan
        .symptoms
        .iter()
        .filter(|s| s.date <= on && needs_all_clear(s, &t))
        .filter(|s| all_clear_after(plan, s).is_none_or(|c| c.date > on))
        .collect();
    Criterion {
        name: "All-clear logged",
        met: open.is_empty(),
        detail: match open.iter().max_by_key(|s| s.date) {
            None => "no red flag, strain or pain above 5/10 without an all-clear".into(),
            Some(s) => format!(
                "{} has no all-clear yet: {}then log how it feels (pain 2 or less, no flags)",
                log_name(s),
                if s.flags.is_empty() {
                    ""
                } else {
                    "see a doctor or physiotherapist, "
                }
            ),
        },
    }
}

/// Pain 2 or less now: the latest calf or Achilles log.
fn pain_now(plan: &Plan, on: NaiveDate) -> Criterion {
    let latest = plan
        .symptoms
        .iter()
        .filter(|s| s.date <= on && s.area.is_calf())
        .max_by_key(|s| s.date);
    let name = "Pain 2/10 or less walking";
    match latest {
        None => Criterion {
            name,
            met: true,
            detail: "no calf or Achilles pain logged".into(),
        },
        Some(s) => Criterion {
            name,
            met: is_all_clear(s),
            detail: if is_all_clear(s) {
                format!("{} pain {}/10 on {}", s.area.name(), s.pain, s.date)
            } else {
                format!(
                    "latest log: {} pain {}/10 on {}; log again once walking is comfortable (2/10 or less)",
                    s.area.name(),
                    s.pain,
                    s.date
                )
            },
        },
    }
}

/// `a` as a share of `b` (0 when `b` is 0).
fn share(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// A calf-raise test after injury `i`: the injured side back to 90 % of the other leg
/// and of its own test before the injury, enough reps, and no pain.
fn strength(plan: &Plan, on: NaiveDate, i: &Symptom) -> Vec<Criterion> {
    let tests = &plan.athlete.calf_raise_tests;
    let test = tests
        .iter()
        .filter(|x| x.date <= on && x.date > i.date)
        .max_by_key(|x| x.date);
    let Some(x) = test else {
        return vec![Criterion {
            name: "Calf-raise test after the injury",
            met: false,
            detail: format!(
                "record a calf-raise test taken after {} (both legs' reps and the pain during it)",
                log_name(i)
            ),
        }];
    };
    let mut out = vec![Criterion {
        name: "Calf-raise test after the injury",
        met: true,
        detail: format!("test on {}: left {}, right {}", x.date, x.left, x.right),
    }];
    let (hurt, other, side) = match i.side {
        Some(Side::Left) => (x.left, x.right, Side::Left),
        Some(Side::Right) => (x.right, x.left, Side::Right),
        None if x.left <= x.right => (x.left, x.right, Side::Left),
        None => (x.right, x.left, Side::Right),
    };
    let leg = if i.side.is_some() {
        format!("{} leg", side.name())
    } else {
        format!("weaker ({}) leg", side.name())
    };
    let s = share(hurt, other);
    out.push(Criterion {
        name: "Both legs alike",
        met: other > 0 && s >= RETURN_SYMMETRY - 1e-9,
        detail: format!(
            "{leg} {hurt} reps vs {other}: {:.0} % (90 % needed)",
            s * 100.0
        ),
    });
    let before = tests
        .iter()
        .filter(|b| b.date <= i.date)
        .max_by_key(|b| b.date)
        .map(|b| (b.date, if side == Side::Left { b.left } else { b.right }));
    out.push(match before {
        Some((d, reps)) => {
            let s = share(hurt, reps);
            Criterion {
                name: "Back to before the injury",
                met: s >= RETURN_SYMMETRY - 1e-9,
                detail: format!(
                    "{leg} {hurt} reps vs {reps} in the test on {d}, before the injury: {:.0} % (90 % needed)",
                    s * 100.0
                ),
            }
        }
        None => Criterion {
            name: "Back to before the injury",
            met: true,
            detail: "no test before the injury to compare with".into(),
        },
    });
    let needed = before.map_or(RETURN_MIN_REPS, |(_, reps)| {
        RETURN_MIN_REPS.min((f64::from(reps) * RETURN_SYMMETRY).ceil() as u32)
    });
    out.push(Criterion {
        name: "Enough reps",
        met: hurt >= needed,
        detail: if needed < RETURN_MIN_REPS {
            format!(
                "{leg} {hurt} reps; {needed} needed (90 % of the test before the injury, which was under {RETURN_MIN_REPS})"
            )
        } else {
            format!("{leg} {hurt} reps; {needed} needed")
        },
    });
    out.push(match x.pain {
        None => Criterion {
            name: "No pain in the test",
            met: false,
            detail: "record the pain felt during the test (2/10 or less to return)".into(),
        },
        Some(p) => Criterion {
            name: "No pain in the test",
            met: p <= RETURN_MAX_PAIN,
            detail: format!("pain {p}/10 during the test ({RETURN_MAX_PAIN}/10 or less needed)"),
        },
    });
    out
}
