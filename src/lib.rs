//! Gradual: a training planner for runners that explains every risky spot in a plan.
//!
//! The core is egui-free: [`model`] (the plan), [`format`] (RON files), [`analysis`]
//! (load series and rules), [`calf`], [`care`], [`templates`], [`export`] and
//! [`document`] (the open plan with undo, the one place a plan is edited). The command
//! line ([`cli`]) and the window ([`app`]) sit on top of it.
#![warn(missing_docs)]

pub mod analysis;
/// The desktop window (eframe/egui), a thin layer over the core.
pub mod app;
/// The calf program: stage ladder, exercise library and scheduler.
pub mod calf;
pub mod care;
/// The `gradual` command line.
pub mod cli;
pub mod document;
/// Exports: ICS, CSV and printable HTML.
pub mod export;
pub mod format;
pub mod import;
pub mod model;
pub mod replan;
pub mod roster;
/// Generated plans for benchmarks and tests.
pub mod synthetic;
/// Block templates: built-in plans and blocks, generation, chaining, saving.
pub mod templates;
