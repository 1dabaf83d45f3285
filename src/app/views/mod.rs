//! The window's views. Each reads the document and UI state and emits [`Command`]s; none
//! changes the plan itself.
//!
//! [`Command`]: crate::document::Command

pub mod calendar;
pub mod calf_panel;
pub mod calf_test_form;
pub mod charts;
pub mod fields;
pub mod fit_panel;
pub mod import_panel;
pub mod inspector;
pub mod plan_panel;
pub mod replan_panel;
pub mod return_panel;
pub mod roster;
pub mod symptoms;
pub mod template_panel;
pub mod tool;
pub mod warnings;

use crate::document::Document;
use crate::model::Session;
use chrono::NaiveDate;

/// What views read: the document, today's date (fixed in tests) and the templates.
pub struct ViewCtx<'a> {
    /// The open document.
    pub doc: &'a Document,
    /// Today, for the calendar's marker and new plans' dates.
    pub today: NaiveDate,
    /// The templates (built-in and the user's), read off the UI thread; empty until read.
    pub templates: &'a [crate::templates::Entry],
    /// Slow work (a re-plan) runs on a worker thread; false in tests (done at once).
    pub background: bool,
}

/// Which tab the bottom panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BottomTab {
    /// The charts.
    Charts,
    /// The full warnings list.
    Warnings,
}

/// Sessions on the clipboard, as day offsets from the first day (or from the Monday
/// for a copied week).
#[derive(Clone, Debug, PartialEq)]
pub struct Clip {
    /// (days after the anchor, session).
    pub sessions: Vec<(i64, Session)>,
    /// Copied as a whole week (pastes onto the selected week's Monday).
    pub week: bool,
}

/// View state that lives as long as the window, whatever plan is open: the clipboard,
/// the bottom panel's tab and filter, the template windows.
pub struct WindowUi {
    /// Copied sessions (paste into another plan works).
    pub clipboard: Option<Clip>,
    /// The bottom panel's tab.
    pub bottom_tab: BottomTab,
    /// Which severities the warnings list shows (info, caution, warning, danger).
    pub severity_filter: [bool; 4],
    /// The "New plan from template" window.
    pub new_template: template_panel::NewFromTemplate,
    /// The "Save as template" window.
    pub save_template: template_panel::SaveTemplate,
}

impl WindowUi {
    /// The state of a new window; template dates start at `today`.
    pub fn new(today: NaiveDate) -> Self {
        WindowUi {
            clipboard: None,
            bottom_tab: BottomTab::Charts,
            severity_filter: [true; 4],
            new_template: template_panel::NewFromTemplate::new(today),
            save_template: Default::default(),
        }
    }
}

/// View state of the open document (selection, scroll, typed text, its panels). It is
/// replaced with the document: a new plan starts with a fresh one.
#[derive(Default)]
pub struct UiState {
    /// The selected session, as an index into `plan.sessions`.
    pub selection: Option<usize>,
    /// The selected day (also the target of paste and add).
    pub selected_day: Option<NaiveDate>,
    /// Field buffers and error messages.
    pub fields: fields::Fields,
    /// Scroll the calendar to this date on the next frame.
    pub scroll_to: Option<NaiveDate>,
    /// Limit the warnings list to one week.
    pub warning_week: Option<NaiveDate>,
    /// Focus the inspector's first field on the next frame.
    pub focus_inspector: bool,
    /// The first and last day of the weeks on screen in the calendar.
    pub visible: Option<(NaiveDate, NaiveDate)>,
    /// The calf program panel.
    pub calf: calf_panel::CalfPanel,
    /// A run now shares this day with a generated calf session: offer to reschedule.
    pub calf_conflict: Option<NaiveDate>,
    /// A block-scale drag in progress: (block, the sessions before the drag, percent).
    pub block_scale: Option<(usize, Vec<Session>, f64)>,
    /// The "How do my calves feel?" form, when open.
    pub symptom_form: Option<symptoms::SymptomForm>,
    /// The selected symptom, as an index into `plan.symptoms` (instead of a session).
    pub selected_symptom: Option<usize>,
    /// The "Return to running" window.
    pub return_panel: return_panel::ReturnPanel,
    /// The calf-raise test result being typed in the inspector.
    pub calf_test_entry: Option<CalfTestEntry>,
    /// The plan panel's "Add calf-raise test" form, when open.
    pub new_calf_test: Option<CalfTestEntry>,
    /// The "Fit to headroom" window.
    pub fit: fit_panel::FitPanel,
    /// The "Import activities" window.
    pub import: import_panel::ImportPanel,
    /// The "Re-plan" window.
    pub replan: replan_panel::ReplanPanel,
    /// Days the selected session could move to (document state, session, days).
    pub better_days: Option<(u64, usize, Vec<NaiveDate>)>,
}

/// A calf-raise test result being typed: both legs and the pain, recorded together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalfTestEntry {
    /// The test session's day (the inspector), or the day first offered (the plan panel).
    pub date: Option<NaiveDate>,
    /// The day as typed, where it can be chosen.
    pub date_text: String,
    /// Left reps, as typed.
    pub left: String,
    /// Right reps, as typed.
    pub right: String,
    /// Pain during the test (0–10), as typed; empty when not noted.
    pub pain: String,
    /// Why the last Record was refused.
    pub error: Option<String>,
}
