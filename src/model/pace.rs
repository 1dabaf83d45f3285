use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A running pace, written `"m:ss"` per km in files (e.g. `"6:00"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pace {
    /// Seconds per kilometre.
    pub seconds_per_km: u32,
}

impl Default for Pace {
    /// 6:00 per km, the easy pace assumed when a plan gives none.
    fn default() -> Self {
        Pace {
            seconds_per_km: 360,
        }
    }
}

impl Pace {
    /// Whether this is the default 6:00/km.
    pub fn is_default(&self) -> bool {
        *self == Pace::default()
    }

    /// Minutes needed for `km` at this pace.
    pub fn minutes_for(&self, km: f64) -> f64 {
        km * f64::from(self.seconds_per_km) / 60.0
    }

    /// Parses `"m:ss"`; the minutes must be 2–20 and seconds 0–59.
    pub fn parse(text: &str) -> Result<Pace, String> {
        let bad = || format!("pace \"{text}\" should look like \"6:00\" (minutes:seconds per km)");
        let (m, s) = text.trim().split_once(':').ok_or_else(bad)?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        if s.len() != 2 {
            return Err(bad());
        }
        let s: u32 = s.parse().map_err(|_| bad())?;
        if s > 59 || !(2..=20).contains(&m) {
            return Err(format!(
                "pace \"{text}\" is outside 2:00–20:59 per km; give minutes:seconds per km"
            ));
        }
        Ok(Pace {
            seconds_per_km: m * 60 + s,
        })
    }
}

impl fmt::Display for Pace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{:02}",
            self.seconds_per_km / 60,
            self.seconds_per_km % 60
        )
    }
}

impl Serialize for Pace {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Pace {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Pace::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(Pace::parse("5:07").unwrap().seconds_per_km, 307);
        assert_eq!(Pace::parse("5:07").unwrap().to_string(), "5:07");
        assert!(Pace::parse("5:7").is_err());
        assert!(Pace::parse("1:30").is_err());
        assert!(Pace::parse("6:60").is_err());
        assert!((Pace::default().minutes_for(10.0) - 60.0).abs() < 1e-9);
    }
}
