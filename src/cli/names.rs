//! The names core enums go by on the command line.
//!
//! Written out, one match per enum, rather than derived from the variants' names: renaming
//! a variant in the code must not rename an argument scripts already use. A test pins them.

use crate::export::ExportFormat;
use crate::model::{BodyArea, Level, RedFlag, Side, When};

/// A core enum an argument takes: the stable, kebab-case name of each variant.
pub trait ArgName: Copy + Send + Sync + 'static {
    /// The name on the command line (`next-morning`).
    fn arg_name(self) -> &'static str;
}

impl ArgName for Level {
    fn arg_name(self) -> &'static str {
        match self {
            Level::Novice => "novice",
            Level::Returning => "returning",
            Level::Experienced => "experienced",
        }
    }
}

impl ArgName for ExportFormat {
    fn arg_name(self) -> &'static str {
        match self {
            ExportFormat::Ics => "ics",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }
}

impl ArgName for BodyArea {
    fn arg_name(self) -> &'static str {
        match self {
            BodyArea::Calf => "calf",
            BodyArea::Achilles => "achilles",
            BodyArea::Shin => "shin",
            BodyArea::Foot => "foot",
            BodyArea::Knee => "knee",
            BodyArea::Hamstring => "hamstring",
            BodyArea::Hip => "hip",
            BodyArea::Other => "other",
        }
    }
}

impl ArgName for When {
    fn arg_name(self) -> &'static str {
        match self {
            When::During => "during",
            When::After => "after",
            When::NextMorning => "next-morning",
        }
    }
}

impl ArgName for Side {
    fn arg_name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

impl ArgName for RedFlag {
    fn arg_name(self) -> &'static str {
        match self {
            RedFlag::Swelling => "swelling",
            RedFlag::SeverePain => "severe-pain",
            RedFlag::PinsAndNeedles => "pins-and-needles",
            RedFlag::Numbness => "numbness",
            RedFlag::Redness => "redness",
            RedFlag::Pop => "pop",
            RedFlag::Bruising => "bruising",
            RedFlag::CantBearWeight => "cant-bear-weight",
        }
    }
}

/// A clap parser for a core enum over its `ALL` list, by [`ArgName`]; `--help` and errors
/// list the names.
#[derive(Clone)]
pub struct OneOf<T: 'static>(pub &'static [T]);

impl<T: ArgName> clap::builder::TypedValueParser for OneOf<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        // Any case, with or without the dashes: `calf`, `Calf` (as the file writes it),
        // `next-morning`, `NextMorning`.
        let squash = |s: &str| s.replace('-', "").to_lowercase();
        if let Some(v) = value
            .to_str()
            .and_then(|v| self.0.iter().find(|n| squash(n.arg_name()) == squash(v)))
        {
            return Ok(*v);
        }
        let names: Vec<&str> = self.0.iter().map(|v| v.arg_name()).collect();
        clap::builder::PossibleValuesParser::new(names.clone())
            .parse_ref(cmd, arg, value)
            .map(|v| {
                let i = names.iter().position(|n| *n == v);
                self.0[i.expect("the parser accepted one of the names")]
            })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.0
                .iter()
                .map(|v| clap::builder::PossibleValue::new(v.arg_name())),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::builder::TypedValueParser;
    use strum::IntoEnumIterator;

    fn names<T: ArgName + IntoEnumIterator>() -> Vec<&'static str> {
        T::iter().map(T::arg_name).collect()
    }

    /// Scripts use these: a change here is a breaking change of the command line.
    #[test]
    fn argument_names_are_pinned() {
        assert_eq!(names::<Level>(), ["novice", "returning", "experienced"]);
        assert_eq!(names::<ExportFormat>(), ["ics", "csv", "html"]);
        assert_eq!(
            names::<BodyArea>(),
            [
                "calf",
                "achilles",
                "shin",
                "foot",
                "knee",
                "hamstring",
                "hip",
                "other"
            ]
        );
        assert_eq!(names::<When>(), ["during", "after", "next-morning"]);
        assert_eq!(names::<Side>(), ["left", "right"]);
        assert_eq!(
            names::<RedFlag>(),
            [
                "swelling",
                "severe-pain",
                "pins-and-needles",
                "numbness",
                "redness",
                "pop",
                "bruising",
                "cant-bear-weight"
            ]
        );
    }

    #[test]
    fn core_enums_parse_by_their_names_in_any_case() {
        let cmd = clap::Command::new("t");
        let p = OneOf(&When::ALL);
        let parse = |s: &str| p.parse_ref(&cmd, None, std::ffi::OsStr::new(s));
        assert_eq!(parse("next-morning").unwrap(), When::NextMorning);
        // As the plan file writes it, and in any case.
        assert_eq!(parse("NextMorning").unwrap(), When::NextMorning);
        assert_eq!(parse("NEXT-MORNING").unwrap(), When::NextMorning);
        let err = parse("tomorrow").unwrap_err().to_string();
        assert!(err.contains("next-morning"), "{err}");
        let listed: Vec<String> = OneOf(&RedFlag::ALL)
            .possible_values()
            .unwrap()
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(listed, names::<RedFlag>());
    }
}
