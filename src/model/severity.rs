//! How serious a warning is: info, caution, warning, danger.

use std::fmt;

/// Warning severity, from least to most serious.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::EnumIter,
)]
pub enum Severity {
    /// Worth knowing; nothing to change.
    Info,
    /// A moderate risk; consider adjusting.
    Caution,
    /// A clear risk factor; adjust the plan.
    Warning,
    /// Stop or change now.
    Danger,
}

impl Severity {
    /// All severities, least serious first.
    pub const ALL: [Severity; 4] = [
        Severity::Info,
        Severity::Caution,
        Severity::Warning,
        Severity::Danger,
    ];

    /// Lower-case name used in the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Caution => "caution",
            Severity::Warning => "warning",
            Severity::Danger => "danger",
        }
    }

    /// Parses a lower-case name.
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
