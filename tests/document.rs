//! `Document`, the one place a plan changes: week arithmetic, undo/redo of merged typing,
//! dirty tracking, and a property test that inserting then removing a week is the identity.

use chrono::{Duration, NaiveDate};
use gradual::document::{Command, Document, Selection};
use gradual::model::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn run(date: &str, km: f64) -> Session {
    Session::new(
        d(date),
        Activity::Run {
            kind: RunKind::Easy,
            km: Some(km),
            minutes: None,
            rpe: 3,
            surface: Surface::Road,
            footwear: Footwear::Shoes,
        },
    )
}

fn plan() -> Plan {
    let mut p = Plan::new("Doc", Athlete::new("A", Level::Experienced));
    p.blocks = vec![
        Block {
            name: "Base".into(),
            start: d("2026-03-02"),
            weeks: 2,
            phase: Phase::Base,
        },
        Block {
            name: "Build".into(),
            start: d("2026-03-16"),
            weeks: 2,
            phase: Phase::Build,
        },
    ];
    p.sessions = vec![
        run("2026-03-03", 5.0),
        run("2026-03-10", 6.0),
        run("2026-03-17", 7.0),
        run("2026-03-24", 8.0),
    ];
    p.race = Some(Race {
        name: "R".into(),
        date: d("2026-03-29"),
        km: 10.0,
    });
    p
}

fn dates(doc: &Document) -> Vec<NaiveDate> {
    doc.plan().sessions.iter().map(|s| s.date).collect()
}

#[test]
fn insert_week_moves_later_dates_and_stretches_the_block_it_falls_in() {
    let mut doc = Document::new(plan(), None);
    // A Wednesday inside Base's second week: the week starts that Monday.
    doc.handle(Command::InsertWeek(d("2026-03-11"))).unwrap();
    assert_eq!(
        dates(&doc),
        [
            d("2026-03-03"),
            d("2026-03-17"),
            d("2026-03-24"),
            d("2026-03-31")
        ]
    );
    let p = doc.plan();
    assert_eq!((p.blocks[0].start, p.blocks[0].weeks), (d("2026-03-02"), 3));
    assert_eq!((p.blocks[1].start, p.blocks[1].weeks), (d("2026-03-23"), 2));
    assert_eq!(p.race.as_ref().unwrap().date, d("2026-04-05"));
    assert!(doc.is_dirty());
    assert_eq!(
        doc.undo_label(),
        Some(Command::InsertWeek(d("2026-03-11")).label())
    );
}

#[test]
fn remove_week_drops_its_sessions_and_pulls_later_ones_back() {
    let mut doc = Document::new(plan(), None);
    doc.handle(Command::RemoveWeek(d("2026-03-16"))).unwrap();
    assert_eq!(
        dates(&doc),
        [d("2026-03-03"), d("2026-03-10"), d("2026-03-17")]
    );
    let p = doc.plan();
    assert_eq!((p.blocks[1].start, p.blocks[1].weeks), (d("2026-03-16"), 1));
    assert_eq!(p.race.as_ref().unwrap().date, d("2026-03-22"));
    // Removing a block's only week removes the block.
    doc.handle(Command::RemoveWeek(d("2026-03-16"))).unwrap();
    assert_eq!(doc.plan().blocks.len(), 1);
    assert_eq!(dates(&doc), [d("2026-03-03"), d("2026-03-10")]);
}

#[test]
fn typing_in_one_field_is_one_undo_step_and_undo_restores_clean_state() {
    let mut doc = Document::new(plan(), None);
    let state0 = doc.state();
    for (k, name) in ["D", "Do", "Doc 2"].into_iter().enumerate() {
        let r = doc.handle(Command::SetName(name.into(), Some(("name", 1))));
        assert_eq!(r, Some(Selection::Keep), "keystroke {k}");
    }
    assert_eq!(doc.plan().name, "Doc 2");
    assert!(doc.is_dirty());
    // A new gesture on the same field is a new step.
    doc.end_gesture();
    doc.handle(Command::SetName("Doc 3".into(), Some(("name", 1))))
        .unwrap();
    doc.undo().unwrap();
    assert_eq!(doc.plan().name, "Doc 2");
    doc.undo().unwrap();
    assert_eq!(doc.plan().name, "Doc", "the three keystrokes were one step");
    assert_eq!(doc.state(), state0);
    assert!(!doc.is_dirty(), "back to what was loaded");
    assert_eq!(doc.undo(), None, "nothing more to undo");
    doc.redo().unwrap();
    assert_eq!(doc.plan().name, "Doc 2");
    // An edit after undo clears redo.
    doc.handle(Command::SetName("Other".into(), None)).unwrap();
    assert_eq!(doc.redo_label(), None);
}

#[test]
fn an_edit_that_changes_nothing_is_not_a_step() {
    let mut doc = Document::new(plan(), None);
    assert_eq!(doc.handle(Command::SetName("Doc".into(), None)), None);
    assert_eq!(doc.handle(Command::DeleteSessions(vec![99])), None);
    assert_eq!(doc.undo_label(), None);
    assert!(!doc.is_dirty());
}

#[test]
fn a_save_taken_before_an_edit_leaves_the_document_dirty() {
    let mut doc = Document::new(plan(), None);
    doc.handle(Command::SetName("A".into(), None)).unwrap();
    let saving = doc.state();
    doc.handle(Command::SetName("B".into(), None)).unwrap();
    doc.mark_saved_state("x.ron".into(), saving);
    assert!(doc.is_dirty(), "B was typed while A was being saved");
    doc.undo().unwrap();
    assert!(!doc.is_dirty(), "A is what is on disk");
}

#[test]
fn moving_a_session_lands_it_last_on_its_new_day_and_selects_it() {
    let mut doc = Document::new(plan(), None);
    let r = doc.handle(Command::MoveSession {
        index: 0,
        to: d("2026-03-10"),
        copy: false,
    });
    assert_eq!(r, Some(Selection::Sessions(vec![1])));
    assert!(matches!(
        doc.plan().sessions[1].activity,
        Activity::Run { km: Some(5.0), .. }
    ));
    let r = doc.handle(Command::MoveSession {
        index: 1,
        to: d("2026-03-11"),
        copy: true,
    });
    assert_eq!(r, Some(Selection::Sessions(vec![2])));
    assert_eq!(doc.plan().sessions.len(), 5);
}

fn arb_plan() -> impl Strategy<Value = Plan> {
    let day = |n: i64| d("2026-01-05") + Duration::days(n);
    (
        proptest::collection::vec((0i64..200, 1u32..30), 0..40),
        proptest::collection::vec((0i64..30, 1u32..6), 0..4),
        proptest::option::of(0i64..220),
    )
        .prop_map(move |(runs, blocks, race)| {
            let mut p = Plan::new("P", Athlete::new("A", Level::Novice));
            p.sessions = runs
                .into_iter()
                .map(|(n, km)| run(&day(n).to_string(), f64::from(km)))
                .collect();
            // Blocks start on Mondays, as the window and templates make them.
            p.blocks = blocks
                .into_iter()
                .map(|(w, weeks)| Block {
                    name: "B".into(),
                    start: day(w * 7),
                    weeks,
                    phase: Phase::Base,
                })
                .collect();
            p.blocks.sort_by_key(|b| b.start);
            p.race = race.map(|n| Race {
                name: "R".into(),
                date: day(n),
                km: 10.0,
            });
            p
        })
}

proptest! {
    #[test]
    fn insert_week_then_remove_week_is_the_identity(p in arb_plan(), w in 0i64..40) {
        let monday = d("2026-01-05") + Duration::days(w * 7 - 14);
        let mut doc = Document::new(p, None);
        let before = doc.plan().clone();
        doc.handle(Command::InsertWeek(monday));
        doc.handle(Command::RemoveWeek(monday));
        prop_assert_eq!(doc.plan(), &before);
        // And undo of both is the identity too.
        while doc.undo().is_some() {}
        prop_assert_eq!(doc.plan(), &before);
        prop_assert!(!doc.is_dirty());
    }
}

#[test]
fn edits_are_the_plans_methods_tested_on_their_own() {
    // A recovery week after block 0: later dates move, the new week is 70 % of the last.
    let mut p = plan();
    let blocks_before = p.blocks.clone();
    let last_day = p.blocks[0].last_day();
    assert!(p.insert_recovery_week(0));
    assert_eq!(p.blocks[0].weeks, blocks_before[0].weeks + 1);
    let week = |p: &Plan, from: NaiveDate| -> f64 {
        p.sessions
            .iter()
            .filter(|s| s.date >= from && s.date < from + Duration::days(7))
            .filter_map(|s| s.run().and_then(|r| r.km))
            .sum()
    };
    let last_monday = week_start(last_day);
    let new_week = week(&p, last_monday + Duration::days(7));
    assert!(
        (new_week - 0.7 * week(&p, last_monday)).abs() < 0.2,
        "{new_week}"
    );
    assert!(!p.insert_recovery_week(99), "no such block");
    // Inserting then removing a week leaves the plan as it was.
    let q = plan();
    let mut r = q.clone();
    r.insert_week(d("2026-01-12"));
    assert_ne!(r, q);
    r.remove_week(d("2026-01-12"));
    assert_eq!(r, q);
}

#[test]
fn one_scale_for_a_session_rounds_as_asked() {
    let mut s = run("2026-01-05", 4.4);
    if let Activity::Run { minutes, .. } = &mut s.activity {
        *minutes = Some(29);
    }
    let mut down = s.clone();
    down.scale(0.75, Rounding::Down); // 3.3 km, 21.75 min
    assert_eq!(down.run().unwrap().km, Some(3.3));
    assert_eq!(down.run().unwrap().minutes, Some(21));
    let mut nearest = s.clone();
    nearest.scale(0.75, Rounding::Nearest);
    assert_eq!(nearest.run().unwrap().minutes, Some(22));
    // An exact product does not lose a step going down (4.4 × 1.0).
    let mut same = s.clone();
    same.scale(1.0, Rounding::Down);
    assert_eq!(same, s);
    // Never below 0.1 km or a minute; cross-training scales its minutes.
    let mut tiny = s.clone();
    tiny.scale(0.001, Rounding::Down);
    assert_eq!(
        (tiny.run().unwrap().km, tiny.run().unwrap().minutes),
        (Some(0.1), Some(1))
    );
    let mut ride = Session::new(
        d("2026-01-06"),
        Activity::Cross {
            kind: CrossKind::Cycling,
            minutes: 45,
            rpe: 4,
            calf_work: false,
        },
    );
    ride.scale(0.5, Rounding::Nearest);
    assert!(matches!(ride.activity, Activity::Cross { minutes: 23, .. }));
}
