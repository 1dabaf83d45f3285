//! Logged symptoms: where, how much, when, which leg, and the red flags.

use super::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A logged symptom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Symptom {
    /// When it was noticed.
    pub date: NaiveDate,
    /// Where it hurts.
    pub area: BodyArea,
    /// Pain on a 0–10 scale.
    pub pain: u8,
    /// Red flags that mean: stop and see a professional.
    #[serde(default)]
    pub flags: Vec<RedFlag>,
    /// When it hurt: during a run, after it, or the next morning (the pain-monitoring
    /// model looks at the next morning).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub when: Option<When>,
    /// Which leg, if one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::plain_option"
    )]
    pub side: Option<Side>,
    /// A cramp: a sudden, involuntary tightening (treated differently from a strain).
    #[serde(default, skip_serializing_if = "is_false")]
    pub cramp: bool,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Symptom {
    /// A symptom with no flags, no timing, no side and no note.
    pub fn new(date: NaiveDate, area: BodyArea, pain: u8) -> Self {
        Symptom {
            date,
            area,
            pain,
            flags: Vec::new(),
            when: None,
            side: None,
            cramp: false,
            note: String::new(),
        }
    }
}

/// When a symptom was felt, relative to running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum When {
    /// During a run.
    During,
    /// After a run, the same day.
    After,
    /// The next morning.
    NextMorning,
}

impl When {
    /// All, in display order.
    pub const ALL: [When; 3] = [When::During, When::After, When::NextMorning];

    /// Plain-language name.
    pub fn name(self) -> &'static str {
        match self {
            When::During => "during the run",
            When::After => "after the run",
            When::NextMorning => "the next morning",
        }
    }
}

/// A leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum Side {
    /// The left leg.
    Left,
    /// The right leg.
    Right,
}

impl Side {
    /// Both, in display order.
    pub const ALL: [Side; 2] = [Side::Left, Side::Right];

    /// Plain-language name.
    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// Where a symptom is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum BodyArea {
    /// Calf muscles.
    Calf,
    /// Achilles tendon.
    Achilles,
    /// Shin.
    Shin,
    /// Foot or plantar fascia.
    Foot,
    /// Knee.
    Knee,
    /// Hamstring.
    Hamstring,
    /// Hip.
    Hip,
    /// Anywhere else.
    Other,
}

impl BodyArea {
    /// All areas, in display order.
    pub const ALL: [BodyArea; 8] = [
        BodyArea::Calf,
        BodyArea::Achilles,
        BodyArea::Shin,
        BodyArea::Foot,
        BodyArea::Knee,
        BodyArea::Hamstring,
        BodyArea::Hip,
        BodyArea::Other,
    ];

    /// The name used in files and on screen.
    pub fn name(self) -> &'static str {
        match self {
            BodyArea::Calf => "Calf",
            BodyArea::Achilles => "Achilles",
            BodyArea::Shin => "Shin",
            BodyArea::Foot => "Foot",
            BodyArea::Knee => "Knee",
            BodyArea::Hamstring => "Hamstring",
            BodyArea::Hip => "Hip",
            BodyArea::Other => "Other",
        }
    }

    /// The calf or the Achilles tendon: the areas the calf program and the pain rules
    /// watch.
    pub fn is_calf(self) -> bool {
        matches!(self, BodyArea::Calf | BodyArea::Achilles)
    }
}

/// Signs that mean a symptom needs a professional, not more running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter, Serialize, Deserialize)]
pub enum RedFlag {
    /// Visible swelling.
    Swelling,
    /// Severe pain.
    SeverePain,
    /// Pins and needles.
    PinsAndNeedles,
    /// Numbness.
    Numbness,
    /// Redness or warmth.
    Redness,
    /// A pop felt or heard in the calf: the article's sign of a tear.
    Pop,
    /// Bruising on the calf or down toward the ankle: blood from torn fibres.
    Bruising,
    /// Walking or standing on the leg is too painful: a sign of a tear.
    CantBearWeight,
}

impl RedFlag {
    /// Plain-language name.
    pub fn name(self) -> &'static str {
        match self {
            RedFlag::Swelling => "swelling",
            RedFlag::SeverePain => "severe pain",
            RedFlag::PinsAndNeedles => "pins and needles",
            RedFlag::Numbness => "numbness",
            RedFlag::Redness => "redness",
            RedFlag::Pop => "a pop felt or heard",
            RedFlag::Bruising => "bruising",
            RedFlag::CantBearWeight => "can't bear weight",
        }
    }

    /// A sign that the muscle may be torn (a pop, bruising, not bearing weight): runs
    /// after it are warned for longer.
    pub fn suggests_tear(self) -> bool {
        matches!(
            self,
            RedFlag::Pop | RedFlag::Bruising | RedFlag::CantBearWeight
        )
    }

    /// All flags, in display order.
    pub const ALL: [RedFlag; 8] = [
        RedFlag::Swelling,
        RedFlag::SeverePain,
        RedFlag::PinsAndNeedles,
        RedFlag::Numbness,
        RedFlag::Redness,
        RedFlag::Pop,
        RedFlag::Bruising,
        RedFlag::CantBearWeight,
    ];
}
