//! TCX activities (Garmin Training Center): the activity's sport and `<Id>` (its start),
//! and the laps' total time and distance, read with quick-xml's pull parser.

use super::{Imported, Sport};
use crate::model::CrossKind;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

fn sport(s: &str) -> Option<Sport> {
    Some(match s {
        "Running" => Sport::Run,
        "Biking" => Sport::Cross(CrossKind::Cycling),
        _ => return None,
    })
}

struct Partial {
    sport: Option<Sport>,
    id: Option<String>,
    seconds: f64,
    metres: f64,
}

fn finish(p: Partial, source: &str) -> Result<Option<Imported>, String> {
    let Some(sport) = p.sport else {
        return Ok(None);
    };
    let id = p.id.ok_or("an activity without an <Id> (its start time)")?;
    let utc = chrono::DateTime::parse_from_rfc3339(id.trim())
        .map_err(|e| format!("its <Id> \"{}\" is not a time ({e})", id.trim()))?
        .to_utc();
    let start = super::local(utc);
    if p.seconds <= 0.0 {
        return Err("an activity without lap times".into());
    }
    Ok(Some(Imported {
        source: source.to_string(),
        start: Some(start),
        date: start.date(),
        sport,
        km: (p.metres > 0.0).then_some(p.metres / 1000.0),
        minutes: p.seconds / 60.0,
        rpe: None,
    }))
}

/// The activities of a TCX file.
pub(super) fn read(bytes: &[u8], source: &str) -> Result<Vec<Imported>, String> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut current: Option<Partial> = None;
    // Element names from the document down to here (local names).
    let mut path: Vec<String> = Vec::new();
    let err = |e: &dyn std::fmt::Display, pos: u64| {
        format!("not a TCX file Gradual can read (at byte {pos}: {e})")
    };
    loop {
        let pos = reader.buffer_position();
        match reader.read_event_into(&mut buf) {
            Err(e) => return Err(err(&e, pos)),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_string();
                if name == "Activity" {
                    let mut s = None;
                    for a in e.attributes().flatten() {
                        if a.key.local_name().as_ref() == "Sport" {
                            s = sport(&a.value);
                        }
                    }
                    current = Some(Partial {
                        sport: s,
                        id: None,
                        seconds: 0.0,
                        metres: 0.0,
                    });
                }
                path.push(name);
            }
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == "Activity"
                    && let Some(p) = current.take()
                {
                    out.extend(finish(p, source)?);
                }
                path.pop();
            }
            Ok(Event::Text(t)) => {
                let text = t.xml10_content().into_owned();
                let n = path.len();
                let parent = n.checked_sub(2).map(|i| path[i].as_str());
                // A lap's number: a real, non-negative one, else the file is refused (NaN
                // seconds must not become a minute).
                let number = |what: &str| -> Result<f64, String> {
                    match text.trim().parse::<f64>() {
                        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
                        _ => Err(format!(
                            "not a TCX file Gradual can read: a lap's {what} is \"{}\", not a number",
                            text.trim().chars().take(40).collect::<String>()
                        )),
                    }
                };
                if let (Some(p), Some(leaf)) = (current.as_mut(), path.last()) {
                    match (parent, leaf.as_str()) {
                        (Some("Activity"), "Id") => p.id = Some(text),
                        (Some("Lap"), "TotalTimeSeconds") => p.seconds += number("time")?,
                        (Some("Lap"), "DistanceMeters") => p.metres += number("distance")?,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
    if !path.is_empty() {
        return Err(format!(
            "not a TCX file Gradual can read: it ends inside <{}> (cut short?)",
            path.last().expect("not empty")
        ));
    }
    // No activity of a sport plans hold is not an error: nothing to import.
    Ok(out)
}
