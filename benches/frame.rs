//! Frame time: one full frame of the window (all panels, charts, the visible calendar
//! rows) on a 2-year plan, headless through `egui::Context::run_ui`; plus a frame right
//! after an edit (re-analysis included), a frame scrolled to the end of a 10-year plan, and
//! a frame with the preview of a 1,000-activity import open.
//! Run with `cargo bench --bench frame`.

use criterion::{Criterion, criterion_group, criterion_main};
use gradual::app::tasks::RfdDialogs;
use gradual::app::{AppConfig, GradualApp};
use gradual::document::{Command, Document};
use gradual::synthetic;
use std::sync::Arc;

fn app(weeks: u32, ctx: &egui::Context) -> GradualApp {
    let config = AppConfig {
        dialogs: Arc::new(RfdDialogs),
        background: false,
        today: chrono::NaiveDate::from_ymd_opt(2026, 6, 1),
        watch_files: false,
        template_dir: None,
    };
    let mut app = GradualApp::new(ctx, None, config, None);
    app.doc = Document::new(synthetic::plan(weeks), None);
    app
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut GradualApp) {
    let mut out = ctx.run_ui(input(), |ui| app.show(ui));
    out.textures_delta.clear();
    // Tessellation is part of a frame's CPU cost too.
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(prims);
}

fn frames(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut two = app(104, &ctx);
    for _ in 0..3 {
        frame(&ctx, &mut two); // fonts, layout caches
    }
    c.bench_function("frame/2y", |b| b.iter(|| frame(&ctx, &mut two)));

    let mut n = 0u32;
    c.bench_function("frame/2y after an edit", |b| {
        b.iter(|| {
            n += 1;
            let mut s = two.doc.plan().sessions[5].clone();
            if let gradual::model::Activity::Run { km, .. } = &mut s.activity {
                *km = Some(8.0 + f64::from(n % 3));
            }
            two.apply(Command::UpdateSession {
                index: 5,
                session: s,
                merge: None,
            });
            frame(&ctx, &mut two);
        })
    });

    // An export of 1,000 activities previewed: one a day from the plan's first day.
    let ctx_i = egui::Context::default();
    let mut importing = app(104, &ctx_i);
    let first = importing.doc.plan().sessions[0].date;
    let activities = (0..1000)
        .map(|k| gradual::import::Imported {
            source: format!("{k:04}.fit"),
            start: None,
            date: first + chrono::Duration::days(k % 728),
            sport: gradual::import::Sport::Run,
            km: Some(8.0),
            minutes: 48.0,
            rpe: None,
        })
        .collect();
    importing.ui.import.found(gradual::import::Found {
        activities,
        ..Default::default()
    });
    for _ in 0..3 {
        frame(&ctx_i, &mut importing);
    }
    c.bench_function("frame/2y with a 1,000-activity import preview", |b| {
        b.iter(|| frame(&ctx_i, &mut importing))
    });

    let ctx10 = egui::Context::default();
    let mut ten = app(522, &ctx10);
    let end = ten.doc.plan().sessions.last().unwrap().date;
    ten.ui.scroll_to = Some(end);
    for _ in 0..3 {
        frame(&ctx10, &mut ten);
    }
    c.bench_function("frame/10y scrolled to the end", |b| {
        b.iter(|| frame(&ctx10, &mut ten))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = frames
}
criterion_main!(benches);
