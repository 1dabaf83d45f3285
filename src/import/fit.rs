//! FIT activity files (Garmin, Coros, Suunto, Wahoo, Polar): one activity per session
//! message, read with `fitparser` against the FIT profile.

use super::{Imported, Sport};
use crate::model::CrossKind;
use crate::model::limits;
use fitparser::profile::MesgNum;
use fitparser::{FitDataRecord, Value};

fn number(v: &Value) -> Option<f64> {
    let x: f64 = v.clone().try_into().ok()?;
    x.is_finite().then_some(x)
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The plan's sport for a FIT sport and sub-sport; `None` for sports plans do not hold.
fn sport(sport: &str, sub: &str) -> Option<Sport> {
    Some(match (sport, sub) {
        ("running", _) => Sport::Run, // road, trail, treadmill, track: sub-sports
        ("cycling" | "e_biking", _) => Sport::Cross(CrossKind::Cycling),
        ("walking", _) => Sport::Cross(CrossKind::Walking),
        ("hiking", _) => Sport::Cross(CrossKind::Hiking),
        ("swimming", _) => Sport::Cross(CrossKind::Swimming),
        ("rowing", _) | (_, "indoor_rowing") => Sport::Cross(CrossKind::Rowing),
        (_, "elliptical") => Sport::Cross(CrossKind::Elliptical),
        (_, "stair_climbing") | ("floor_climbing", _) => Sport::Cross(CrossKind::Stairs),
        (_, "yoga") => Sport::Cross(CrossKind::Yoga),
        ("training", _) | (_, "strength_training") => Sport::Cross(CrossKind::Strength),
        _ => return None,
    })
}

fn session(r: &FitDataRecord, source: &str) -> Result<Option<Imported>, String> {
    let field = |name: &str| {
        r.fields()
            .iter()
            .find(|f| f.name() == name)
            .map(|f| f.value())
    };
    let sport_name = field("sport")
        .and_then(text)
        .unwrap_or_else(|| "generic".into());
    let sub_name = field("sub_sport").and_then(text).unwrap_or_default();
    let Some(sport) = sport(&sport_name, &sub_name) else {
        return Ok(None);
    };
    let start = match field("start_time").or_else(|| field("timestamp")) {
        Some(Value::Timestamp(t)) => t.naive_local(),
        _ => return Err("its session has no start time".into()),
    };
    let seconds = field("total_timer_time")
        .and_then(number)
        .filter(|s| *s > 0.0)
        .or_else(|| field("total_elapsed_time").and_then(number))
        .filter(|s| *s > 0.0)
        .ok_or("its session has no duration")?;
    let km = field("total_distance")
        .and_then(number)
        .filter(|m| *m > 0.0)
        .map(|m| m / 1000.0);
    // The FIT profile: "Common Borg CR10 / 0-10 RPE scale, multiplied 10x", with no
    // scale to undo it (fitparser reads 40 for an effort of 4): divided here.
    let rpe = field("workout_rpe")
        .and_then(number)
        .map(|r| (r / 10.0).round())
        .map(|r| r as u8)
        .filter(|r| limits::RPE.contains(r));
    Ok(Some(Imported {
        source: source.to_string(),
        start: Some(start),
        date: start.date(),
        sport,
        km,
        minutes: seconds / 60.0,
        rpe,
    }))
}

/// Why fitparser stopped, in words.
fn why(e: &fitparser::ErrorKind) -> String {
    use fitparser::ErrorKind as K;
    match e {
        K::UnexpectedEof(_) => "it ends early (cut short while copying or syncing?)".into(),
        K::InvalidCrc(..) => "its checksum does not match (the file is damaged)".into(),
        K::ParseError(0, _) => "it does not start like a FIT file".into(),
        K::MissingDefinitionMessage(..) => {
            "its messages are damaged (data with no definition before it)".into()
        }
        other => other.to_string(),
    }
}

/// The activities of a FIT file (one per session message; sports plans do not hold are
/// left out).
///
/// Messages are decoded one at a time and only session messages are kept, so memory does
/// not grow with the file's records. Damage is tolerated as Garmin's FIT SDK tolerates
/// it: a data message whose local message type has no definition is skipped (the SDK
/// gives it no fields, so only its header byte is passed over), and what was decoded
/// before the file breaks off or fails its checksum still counts. A file whose damage
/// comes before any session is named with the reason.
pub(super) fn read(bytes: &[u8], source: &str) -> Result<Vec<Imported>, String> {
    use fitparser::de::{FitObject, FitStreamProcessor};
    // Every FIT file says ".FIT" after its first 8 bytes.
    if bytes.get(8..12) != Some(b".FIT".as_slice()) {
        return Err("not a FIT file Gradual can read: it does not start like a FIT file".into());
    }
    // A header that claims more bytes than the file holds (fitparser would slice past the
    // end and panic).
    if let Some(&size) = bytes.first()
        && usize::from(size) > bytes.len()
    {
        return Err(format!(
            "not a FIT file Gradual can read: its header claims {size} bytes, more than the whole file ({})",
            bytes.len()
        ));
    }
    let mut processor = FitStreamProcessor::new();
    let mut sessions: Vec<FitDataRecord> = Vec::new();
    let mut rest = bytes;
    let mut problem: Option<String> = None;
    // Header bytes passed over, in a row: a long run of them is not a message stream.
    let mut skipped = 0usize;
    while !rest.is_empty() {
        match processor.deserialize_next(rest) {
            Ok((next, object)) => {
                rest = next;
                skipped = 0;
                match object {
                    FitObject::Crc(..) => processor.reset(),
                    FitObject::DataMessage(m) => {
                        // Every message is decoded: one may carry the time offset later
                        // timestamps need.
                        match processor.decode_message(m) {
                            Ok(r) if r.kind() == MesgNum::Session => sessions.push(r),
                            Ok(_) => {}
                            Err(e) => {
                                problem = Some(why(&e));
                                break;
                            }
                        }
                    }
                    FitObject::Header(..) | FitObject::DefinitionMessage(..) => {}
                }
            }
            Err(e) => {
                if matches!(*e, fitparser::ErrorKind::MissingDefinitionMessage(..))
                    && skipped < MAX_SKIPPED
                {
                    rest = &rest[1..];
                    skipped += 1;
                    continue;
                }
                problem = Some(why(&e));
                break;
            }
        }
    }
    if sessions.is_empty() {
        return Err(match problem {
            Some(p) => format!("not a FIT file Gradual can read: {p}"),
            None => {
                "a FIT file without an activity session (a course, a workout or settings?)".into()
            }
        });
    }
    let mut out = Vec::new();
    for s in &sessions {
        out.extend(session(s, source)?);
    }
    Ok(out)
}

/// Undefined data messages passed over in a row before the rest counts as damage.
const MAX_SKIPPED: usize = 64;
