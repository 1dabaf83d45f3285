//! Core benchmarks for 1-, 2-, 5- and 10-year plans: analysis with and without headroom,
//! run limits and adherence, headroom on its own (`analyze` includes it), parse +
//! validate, save, a re-plan after a missed week, and Fit to headroom on a plan with a
//! two-week break in every eight weeks (three weeks back over their headroom after each).
//! Run with `cargo bench --bench core`; compare ratios within one run (shared cores).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gradual::{analysis, format, synthetic};
use std::hint::black_box;
use std::path::Path;

fn core(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for years in [1u32, 2, 5, 10] {
        let plan = synthetic::plan(years * 52 + years / 4);
        let text = format::to_canonical_string(&plan);
        if years == 10 {
            let r = analysis::analyze(&plan);
            assert!(r.days.len() >= 3650 && plan.sessions.len() >= 5000);
        }
        c.bench_with_input(
            BenchmarkId::new("analyze", format!("{years}y")),
            &plan,
            |b, p| b.iter(|| analysis::analyze(black_box(p))),
        );
        c.bench_with_input(
            BenchmarkId::new("analyze rules only", format!("{years}y")),
            &plan,
            |b, p| b.iter(|| analysis::analyze_rules_only(black_box(p))),
        );
        let report = analysis::analyze(&plan);
        c.bench_with_input(
            BenchmarkId::new("headroom", format!("{years}y")),
            &(&plan, &report),
            |b, (p, r)| b.iter(|| analysis::headroom::of(black_box(p), black_box(r))),
        );
        c.bench_with_input(
            BenchmarkId::new("parse+validate", format!("{years}y")),
            &text,
            |b, t| b.iter(|| format::parse(black_box(t), Path::new("bench.ron")).unwrap()),
        );
        // Halfway through, the first half done except one missed week just before it.
        let mut missed = plan.clone();
        let (lo, hi) = missed.date_range().unwrap();
        let from = gradual::model::week_start(lo + (hi - lo) / 2);
        for s in &mut missed.sessions {
            if s.date < from - chrono::Duration::days(7) {
                s.status = gradual::model::Status::Done;
            } else if s.date < from {
                s.status = gradual::model::Status::Skipped;
            }
        }
        c.bench_with_input(
            BenchmarkId::new("replan after a missed week", format!("{years}y")),
            &missed,
            |b, p| b.iter(|| gradual::replan::replan(black_box(p), from)),
        );
        let mut breaks = plan.clone();
        let (lo, hi) = breaks.date_range().unwrap();
        for s in &mut breaks.sessions {
            if (s.date - lo).num_days() / 7 % 8 >= 6 && s.run().is_some() {
                s.status = gradual::model::Status::Skipped;
            }
        }
        c.bench_with_input(
            BenchmarkId::new("fit with a break every 8 weeks", format!("{years}y")),
            &breaks,
            |b, p| b.iter(|| analysis::headroom::fit(black_box(p), lo, hi)),
        );
        let path = dir.path().join(format!("{years}y.ron"));
        c.bench_with_input(
            BenchmarkId::new("save", format!("{years}y")),
            &plan,
            |b, p| b.iter(|| format::save(black_box(p), &path).unwrap()),
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = core
}
criterion_main!(benches);
