//! GPX tracks (Strava and most apps): distance along the track points, moving time
//! from the timestamps (pauses left out), sport from the track's `<type>`.

use super::{Imported, Sport};
use crate::model::CrossKind;

/// Earth's mean radius (m), for the haversine distance between track points.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Below this speed between two points (m/s) the athlete is paused, not moving.
const MOVING_SPEED: f64 = 0.5;

fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.1.to_radians(), b.1.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.0 - a.0).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// The plan's sport for a GPX `<type>` (Garmin writes "running", "cycling"; Strava words
/// or its numbers: 1 ride, 4 hike, 9 run, 10 walk, 16 swim, 23 rowing, as other importers
/// of its exports read them); no type is read as a run, what GPX exports mostly are.
fn sport(t: Option<&str>) -> Option<Sport> {
    let t = t.unwrap_or("running").trim().to_ascii_lowercase();
    Some(match t.as_str() {
        "running" | "run" | "trail_running" | "trail running" | "9" | "treadmill" => Sport::Run,
        "cycling" | "ride" | "biking" | "1" | "virtualride" => Sport::Cross(CrossKind::Cycling),
        "walking" | "walk" | "10" => Sport::Cross(CrossKind::Walking),
        "hiking" | "hike" | "4" => Sport::Cross(CrossKind::Hiking),
        "swimming" | "swim" | "16" => Sport::Cross(CrossKind::Swimming),
        "rowing" | "row" | "23" => Sport::Cross(CrossKind::Rowing),
        _ => return None,
    })
}

fn time(t: &gpx::Time) -> Option<chrono::NaiveDateTime> {
    let s = t.format().ok()?;
    let utc = chrono::DateTime::parse_from_rfc3339(&s).ok()?.to_utc();
    Some(super::local(utc))
}

/// The activities of a GPX file: one per track.
pub(super) fn read(bytes: &[u8], source: &str) -> Result<Vec<Imported>, String> {
    let doc = gpx::read(bytes).map_err(|e| format!("not a GPX file Gradual can read ({e})"))?;
    let mut out = Vec::new();
    for track in &doc.tracks {
        let Some(sport) = sport(track.type_.as_deref()) else {
            continue;
        };
        let mut metres = 0.0;
        let mut moving = 0.0;
        let mut first: Option<chrono::NaiveDateTime> = None;
        let mut last: Option<chrono::NaiveDateTime> = None;
        for seg in &track.segments {
            let mut prev: Option<((f64, f64), Option<chrono::NaiveDateTime>)> = None;
            for p in &seg.points {
                let pt = p.point();
                let here = (pt.x(), pt.y());
                let t = p.time.as_ref().and_then(time);
                if let Some(t) = t {
                    first = first.or(Some(t));
                    last = Some(t);
                }
                if let Some((q, tq)) = prev {
                    let d = haversine(q, here);
                    metres += d;
                    if let (Some(a), Some(b)) = (tq, t) {
                        let s = (b - a).num_milliseconds() as f64 / 1000.0;
                        if s > 0.0 && d / s >= MOVING_SPEED {
                            moving += s;
                        }
                    }
                }
                prev = Some((here, t));
            }
        }
        let start = first
            .or_else(|| {
                doc.metadata
                    .as_ref()
                    .and_then(|m| m.time.as_ref())
                    .and_then(time)
            })
            .ok_or("its track has no times: Gradual cannot tell the day")?;
        let elapsed = last.map_or(0.0, |l| (l - start).num_seconds() as f64);
        let seconds = if moving > 0.0 { moving } else { elapsed };
        if seconds <= 0.0 {
            return Err("its track has no duration (one point, or no times)".into());
        }
        out.push(Imported {
            source: source.to_string(),
            start: Some(start),
            date: start.date(),
            sport,
            km: (metres > 0.0).then_some(metres / 1000.0),
            minutes: seconds / 60.0,
            rpe: None,
        });
    }
    if out.is_empty() && doc.tracks.is_empty() {
        return Err("a GPX file without a track (a route or waypoints only?)".into());
    }
    Ok(out)
}
