//! A coach's roster: every plan in a folder with its athlete, plan, race date and worst
//! warning, read and analysed in one pass (the window runs it off the UI thread).

use crate::analysis::{Severity, analyze};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// One plan file in the folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// The file with links resolved, to compare with the open plan's once.
    pub canonical: PathBuf,
    /// Athlete name (or the file name when it does not load).
    pub athlete: String,
    /// Plan name.
    pub name: String,
    /// Race date, if any.
    pub race: Option<NaiveDate>,
    /// Worst warning.
    pub worst: Option<Severity>,
    /// Why it does not load, if it does not.
    pub error: Option<String>,
    /// Plan vs done over the last four weeks with anything done or skipped.
    pub lately: Option<crate::analysis::adherence::Totals>,
}

/// A folder of plans.
#[derive(Clone, Debug, PartialEq)]
pub struct Roster {
    /// The folder.
    pub folder: PathBuf,
    /// Its plans, sorted by athlete then plan name.
    pub entries: Vec<Entry>,
}

/// How many recent weeks the roster's plan-vs-done covers.
pub const RECENT_WEEKS: usize = 4;

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Reads and analyses every `.ron` file in `folder`; entries that are not plan files are
/// listed with why.
pub fn scan(folder: &Path) -> Roster {
    let listing = crate::format::plan_files(folder).unwrap_or_default();
    let file_name = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    // Entries that are not plan files (a dangling link, a pipe) are named, not opened.
    let skipped = listing.skipped.into_iter().map(|(path, why)| Entry {
        athlete: file_name(&path),
        name: "not a plan file".into(),
        race: None,
        worst: None,
        lately: None,
        error: Some(format!("{}: {why}", path.display())),
        canonical: canonical(&path),
        path,
    });
    let mut entries: Vec<Entry> = listing
        .files
        .into_iter()
        .map(|path| match crate::format::load(&path) {
            Ok(plan) => Entry {
                athlete: plan.athlete.name.clone(),
                name: plan.name.clone(),
                race: plan.race.as_ref().map(|r| r.date),
                worst: analyze(&plan).worst(),
                error: None,
                lately: crate::analysis::adherence::recent(&plan, RECENT_WEEKS),
                canonical: canonical(&path),
                path,
            },
            Err(e) => Entry {
                athlete: file_name(&path),
                name: "could not be read".into(),
                race: None,
                worst: None,
                lately: None,
                error: Some(e.to_string()),
                canonical: canonical(&path),
                path,
            },
        })
        .chain(skipped)
        .collect();
    entries.sort_by(|a, b| (&a.athlete, &a.name).cmp(&(&b.athlete, &b.name)));
    Roster {
        folder: folder.to_path_buf(),
        entries,
    }
}
