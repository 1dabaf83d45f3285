//! Importing what was actually run: FIT, GPX and TCX files (and `.gz` copies), folders of
//! them, and the zip archives Strava and Garmin bulk exports produce. Each activity
//! becomes actual numbers on the planned session of its day and kind, or an unplanned
//! session; what cannot be decided without asking (two candidates) is left to the user.
//!
//! Reading never changes a plan: [`read`] returns activities and per-file errors,
//! [`preview`] decides what each activity would do, [`apply`] makes the new plan (one
//! undo step in the window, one atomic save on the command line).

mod fit;
mod gpx;
mod tcx;

use crate::model::{
    Activity, Actual, CrossKind, Footwear, Plan, RunKind, Session, Status, Surface,
};
use chrono::{NaiveDate, NaiveDateTime};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What sport an activity was, as the plan knows sports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sport {
    /// Any run (road, trail, treadmill, track).
    Run,
    /// Cross-training of this kind.
    Cross(CrossKind),
}

impl Sport {
    /// "Run", or the cross-training kind's name ("Cycling", …).
    pub fn name(self) -> &'static str {
        match self {
            Sport::Run => "Run",
            Sport::Cross(k) => k.name(),
        }
    }
}

/// One activity read from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The file (inside an archive: `export.zip/activities/123.fit`).
    pub source: String,
    /// When it started, local time.
    pub start: Option<NaiveDateTime>,
    /// The day it counts for.
    pub date: NaiveDate,
    /// What sport.
    pub sport: Sport,
    /// Distance.
    pub km: Option<f64>,
    /// Moving minutes (elapsed when the file has no moving time).
    pub minutes: f64,
    /// Effort (CR-10) recorded in the file.
    pub rpe: Option<u8>,
}

/// A file that could not be read, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// The file (inside an archive: `export.zip/activities/bad.fit`).
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// What [`read`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// Activities, in the order read.
    pub activities: Vec<Imported>,
    /// Files that are activity files but could not be read.
    pub errors: Vec<FileError>,
    /// Files that are not activity files (a CSV in an export, a photo), by name.
    pub skipped: Vec<String>,
}

/// A file is read only up to this size (a zip entry too): activity files are kilobytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Progress of a long read, for a progress bar: files done of files found.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files read so far.
    pub done: AtomicUsize,
    /// Files to read (grows while archives are opened).
    pub total: AtomicUsize,
}

impl Progress {
    /// (done, total).
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// The formats by file name: `.fit`, `.gpx`, `.tcx`, each optionally `.gz`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Fit,
    Gpx,
    Tcx,
}

fn format_of(name: &str) -> Option<(Format, bool)> {
    let lower = name.to_ascii_lowercase();
    let (base, gz) = match lower.strip_suffix(".gz") {
        Some(b) => (b.to_string(), true),
        None => (lower, false),
    };
    let f = if base.ends_with(".fit") {
        Format::Fit
    } else if base.ends_with(".gpx") {
        Format::Gpx
    } else if base.ends_with(".tcx") {
        Format::Tcx
    } else {
        return None;
    };
    Some((f, gz))
}

/// Reads files, folders (recursively) and zip archives. One thread reads files and
/// unpacks archives while the others parse (FIT decoding is the slow part), so an export
/// of a thousand activities takes seconds; the result is sorted, whatever the order the
/// threads finished in.
pub fn read(paths: &[PathBuf], progress: &Progress) -> Found {
    let mut out = Found::default();
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, &mut out);
    }
    progress.total.fetch_add(files.len(), Ordering::Relaxed);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (send, receive) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(64);
    let receive = std::sync::Mutex::new(receive);
    let results: Vec<Found> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Found::default();
                    loop {
                        let next = receive.lock().expect("no panics while held").recv();
                        let Ok((name, bytes)) = next else {
                            break;
                        };
                        read_bytes(&name, &bytes, &mut found);
                        progress.done.fetch_add(1, Ordering::Relaxed);
                    }
                    found
                })
            })
            .collect();
        for f in &files {
            produce(f, &send, &mut out, progress);
        }
        drop(send);
        handles
            .into_iter()
            .map(|h| h.join().expect("a parser thread panicked"))
            .collect()
    });
    for r in results {
        out.activities.extend(r.activities);
        out.errors.extend(r.errors);
        out.skipped.extend(r.skipped);
    }
    out.activities
        .sort_by(|a, b| (a.start, a.date, &a.source).cmp(&(b.start, b.date, &b.source)));
    out.errors.sort_by(|a, b| a.file.cmp(&b.file));
    out.skipped.sort();
    out
}

fn name_of(p: &Path) -> String {
    p.display().to_string()
}

fn collect(p: &Path, files: &mut Vec<PathBuf>, out: &mut Found) {
    match std::fs::metadata(p) {
        Err(e) => out.errors.push(FileError {
            file: name_of(p),
            message: format!("cannot read it: {e}"),
        }),
        Ok(m) if m.is_dir() => {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
                Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
                Err(e) => {
                    out.errors.push(FileError {
                        file: name_of(p),
                        message: format!("cannot list the folder: {e}"),
                    });
                    return;
                }
            };
            entries.sort();
            for e in entries {
                collect(&e, files, out);
            }
        }
        Ok(m) if m.is_file() => files.push(p.to_path_buf()),
        Ok(_) => out.skipped.push(name_of(p)),
    }
}

type Sender = std::sync::mpsc::SyncSender<(String, Vec<u8>)>;

/// Reads one file (or each entry of an archive) and hands the bytes to the parsers;
/// what is not an activity file is skipped, what cannot be read is an error.
fn produce(p: &Path, send: &Sender, out: &mut Found, progress: &Progress) {
    let name = name_of(p);
    if name.to_ascii_lowercase().ends_with(".zip") {
        progress.done.fetch_add(1, Ordering::Relaxed);
        read_zip(p, send, out, progress);
        return;
    }
    if format_of(&name).is_none() {
        progress.done.fetch_add(1, Ordering::Relaxed);
        out.skipped.push(name);
        return;
    }
    // Never blocks on a pipe named like an activity file; bounded like a zip entry.
    let bytes = crate::format::read_regular_max(p, MAX_FILE_BYTES);
    match bytes {
        Ok(b) => {
            let _ = send.send((name, b));
        }
        Err(e) => {
            progress.done.fetch_add(1, Ordering::Relaxed);
            out.errors.push(FileError {
                file: name,
                message: format!("cannot read it: {e}"),
            });
        }
    }
}

fn read_zip(p: &Path, send: &Sender, out: &mut Found, progress: &Progress) {
    let archive = std::fs::File::open(p)
        .map_err(|e| e.to_string())
        .and_then(|f| zip::ZipArchive::new(f).map_err(|e| e.to_string()));
    let mut archive = match archive {
        Ok(a) => a,
        Err(e) => {
            out.errors.push(FileError {
                file: name_of(p),
                message: format!("not a zip archive Gradual can read: {e}"),
            });
            return;
        }
    };
    read_archive(&mut archive, &name_of(p), send, out, progress, 0);
}

/// A zip inside an export (Garmin's bulk export keeps its FIT files in
/// `UploadedFiles_*.zip` parts inside the outer archive) is unpacked in memory up to this
/// size.
pub const MAX_INNER_ZIP_BYTES: u64 = 1 << 30;

/// Sends every activity file of an archive to the parsers; zips inside it (one level
/// deep) are read the same way.
fn read_archive<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    zip_name: &str,
    send: &Sender,
    out: &mut Found,
    progress: &Progress,
    depth: u8,
) {
    progress.total.fetch_add(archive.len(), Ordering::Relaxed);
    for k in 0..archive.len() {
        let mut entry = match archive.by_index(k) {
            Ok(e) => e,
            Err(e) => {
                progress.done.fetch_add(1, Ordering::Relaxed);
                out.errors.push(FileError {
                    file: format!("{zip_name} (entry {k})"),
                    message: format!("cannot read the entry: {e}"),
                });
                continue;
            }
        };
        let entry_name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let name = format!("{zip_name}/{entry_name}");
        if !entry.is_dir() && entry_name.to_ascii_lowercase().ends_with(".zip") && depth == 0 {
            progress.done.fetch_add(1, Ordering::Relaxed);
            let mut b = Vec::new();
            let inner = (&mut entry)
                .take(MAX_INNER_ZIP_BYTES + 1)
                .read_to_end(&mut b)
                .map_err(|e| format!("cannot unpack it: {e}"))
                .and_then(|n| {
                    if n as u64 > MAX_INNER_ZIP_BYTES {
                        Err(format!(
                            "an archive inside the archive over {} MiB: unpack it and import its folder",
                            MAX_INNER_ZIP_BYTES >> 20
                        ))
                    } else {
                        zip::ZipArchive::new(std::io::Cursor::new(b))
                            .map_err(|e| format!("not a zip archive Gradual can read: {e}"))
                    }
                });
            match inner {
                Ok(mut a) => read_archive(&mut a, &name, send, out, progress, depth + 1),
                Err(message) => out.errors.push(FileError {
                    file: name,
                    message,
                }),
            }
            continue;
        }
        if entry.is_dir() || format_of(&entry_name).is_none() {
            progress.done.fetch_add(1, Ordering::Relaxed);
            if !entry.is_dir() {
                out.skipped.push(name);
            }
            continue;
        }
        let mut b = Vec::new();
        // Bounded: a zip bomb stops at the limit and is reported, not expanded.
        match (&mut entry).take(MAX_FILE_BYTES + 1).read_to_end(&mut b) {
            Ok(_) => {
                let _ = send.send((name, b));
            }
            Err(e) => {
                progress.done.fetch_add(1, Ordering::Relaxed);
                out.errors.push(FileError {
                    file: name,
                    message: format!("cannot unpack it: {e}"),
                });
            }
        }
    }
}

/// Reads one file's bytes by its name's format (`.gz` unpacked first).
fn read_bytes(name: &str, bytes: &[u8], out: &mut Found) {
    let Some((format, gz)) = format_of(name) else {
        out.skipped.push(name.to_string());
        return;
    };
    let fail = |out: &mut Found, message: String| {
        out.errors.push(FileError {
            file: name.to_string(),
            message,
        })
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        fail(
            out,
            format!(
                "over {} MiB, too big for an activity file",
                MAX_FILE_BYTES >> 20
            ),
        );
        return;
    }
    let unpacked;
    let bytes = if gz {
        let mut b = Vec::new();
        match flate2::read::GzDecoder::new(bytes)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut b)
        {
            Ok(_) => {
                unpacked = b;
                &unpacked[..]
            }
            Err(e) => {
                fail(out, format!("not a gzip file Gradual can unpack: {e}"));
                return;
            }
        }
    } else {
        bytes
    };
    // The file's own name identifies it (a path would change when the folder moves).
    let source = name.rsplit(['/', '\\']).next().unwrap_or(name).to_string();
    let result = match format {
        Format::Fit => fit::read(bytes, &source),
        Format::Gpx => gpx::read(bytes, &source),
        Format::Tcx => tcx::read(bytes, &source),
    };
    match result {
        Ok(v) => out.activities.extend(v),
        Err(e) => fail(out, e),
    }
}

/// A UTC instant as the athlete's local date and time.
pub(crate) fn local(utc: chrono::DateTime<chrono::Utc>) -> NaiveDateTime {
    utc.with_timezone(&chrono::Local).naive_local()
}

// ---- matching ------------------------------------------------------------------------

/// What an activity would do to the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Attach to this planned session (index into `plan.sessions`).
    Attach(usize),
    /// Two or more planned sessions fit: the user chooses (or adds it as unplanned).
    Choose(Vec<usize>),
    /// Nothing planned fits: add it as an unplanned session.
    Unplanned,
    /// Already in the plan (this session has it): nothing to do.
    Duplicate(usize),
    /// Left out, with why.
    Ignore(String),
}

/// One activity and what it would do.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The activity.
    pub activity: Imported,
    /// What it would do; the window lets the user change it.
    pub decision: Decision,
    /// Effort to record: from the file, else the planned session's (the window asks).
    pub rpe: Option<u8>,
}

/// Whether a planned session is the same kind as an activity.
fn same_kind(s: &Session, sport: Sport) -> bool {
    match (&s.activity, sport) {
        (Activity::Run { .. }, Sport::Run) => true,
        (Activity::Cross { kind, .. }, Sport::Cross(k)) => *kind == k,
        _ => false,
    }
}

/// Whether an activity is one the plan already holds (same start within a minute, or
/// the same file and distance when there is no start time).
fn same_activity(a: &Actual, b: &Imported) -> bool {
    match (a.start, b.start) {
        (Some(x), Some(y)) => (x - y).num_seconds().abs() <= 60,
        _ => a.source == b.source && a.km.zip(b.km).is_none_or(|(x, y)| (x - y).abs() < 0.05),
    }
}

/// Whether planned session `i` could be activity `a`: the same kind, not done, nothing
/// attached, not taken by another activity of this import.
fn open(i: usize, s: &Session, a: &Imported, taken: &[usize]) -> bool {
    s.actual.is_none() && s.status != Status::Done && same_kind(s, a.sport) && !taken.contains(&i)
}

/// Decides what each activity would do: duplicates of what the plan (or this import)
/// already holds, the one planned session of the same day and kind, a choice when there
/// are several, an unplanned session when there is none.
pub fn preview(plan: &Plan, activities: Vec<Imported>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    for a in activities {
        let planned_rpe = |i: usize| match plan.sessions[i].activity {
            Activity::Run { rpe, .. } | Activity::Cross { rpe, .. } => Some(rpe),
            _ => None,
        };
        if let Some(i) = plan
            .sessions
            .iter()
            .position(|s| s.actual.as_ref().is_some_and(|x| same_activity(x, &a)))
        {
            items.push(Item {
                activity: a,
                decision: Decision::Duplicate(i),
                rpe: None,
            });
            continue;
        }
        if items.iter().any(|it| {
            !matches!(it.decision, Decision::Duplicate(_) | Decision::Ignore(_))
                && same_activity(&to_actual(&it.activity, None, false), &a)
        }) {
            items.push(Item {
                activity: a,
                decision: Decision::Ignore("the same activity is in this import twice".into()),
                rpe: None,
            });
            continue;
        }
        if !crate::model::date_in_range(a.date) {
            items.push(Item {
                activity: a,
                decision: Decision::Ignore("its date is outside the years plans use".into()),
                rpe: None,
            });
            continue;
        }
        let candidates: Vec<usize> = plan
            .sessions
            .iter()
            .enumerate()
            .filter(|(i, s)| s.date == a.date && open(*i, s, &a, &taken))
            .map(|(i, _)| i)
            .collect();
        let (decision, rpe) = match candidates.as_slice() {
            [] => (Decision::Unplanned, a.rpe),
            [i] => {
                taken.push(*i);
                (Decision::Attach(*i), a.rpe.or(planned_rpe(*i)))
            }
            many => (Decision::Choose(many.to_vec()), a.rpe),
        };
        items.push(Item {
            activity: a,
            decision,
            rpe,
        });
    }
    // Nothing planned that day: a planned session of the same kind a day or two away, not
    // done, may be this one (run on Tuesday instead of Monday). Ask rather than add an
    // unplanned session next to a planned one that still counts.
    for it in items.iter_mut() {
        if it.decision != Decision::Unplanned {
            continue;
        }
        let a = &it.activity;
        let mut near: Vec<usize> = plan
            .sessions
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                (1..=NEARBY_DAYS).contains(&(s.date - a.date).num_days().abs())
                    && open(*i, s, a, &taken)
            })
            .map(|(i, _)| i)
            .collect();
        near.sort_by_key(|&i| ((plan.sessions[i].date - a.date).num_days().abs(), i));
        if !near.is_empty() {
            it.decision = Decision::Choose(near);
        }
    }
    items
}

/// How many days from an activity a planned session, not done, is offered for it when
/// nothing of its kind was planned on its own day.
pub const NEARBY_DAYS: i64 = 2;

fn to_actual(a: &Imported, rpe: Option<u8>, unplanned: bool) -> Actual {
    Actual {
        km: a
            .km
            .filter(|k| *k > 0.0)
            .map(|k| (k * 100.0).round() / 100.0),
        minutes: (a.minutes.round() as u32).clamp(1, 1440),
        rpe,
        source: a.source.clone(),
        start: a.start,
        unplanned,
    }
}

/// RPE for an unplanned activity without one: an easy effort (the window asks).
pub const DEFAULT_RPE: u8 = 3;

/// The session an unplanned activity becomes.
fn unplanned_session(a: &Imported, rpe: Option<u8>) -> Session {
    let r = rpe.unwrap_or(DEFAULT_RPE);
    let minutes = (a.minutes.round() as u32).clamp(1, 1440);
    let activity = match a.sport {
        Sport::Run => Activity::Run {
            kind: RunKind::Easy,
            km: a
                .km
                .filter(|k| *k > 0.0)
                .map(|k| (k * 100.0).round() / 100.0),
            minutes: Some(minutes),
            rpe: r,
            surface: Surface::Road,
            footwear: Footwear::Shoes,
        },
        Sport::Cross(kind) => Activity::Cross {
            kind,
            minutes,
            rpe: r,
            calf_work: false,
        },
    };
    Session {
        status: Status::Done,
        actual: Some(to_actual(a, Some(r), true)),
        ..Session::new(a.date, activity)
    }
}

/// What [`apply`] did, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Activities attached to planned sessions.
    pub attached: usize,
    /// Unplanned sessions added.
    pub added: usize,
    /// Activities left: duplicates, ignored, or a choice not made.
    pub left: usize,
    /// Planned runs without an activity marked skipped.
    pub skipped: usize,
}

/// Planned runs the import shows were not run: still planned, nothing attached, on a day
/// from the first to the last activity read (the watch was in use), and not offered to an
/// activity still waiting for a choice. A watch records runs; other sessions (strength,
/// yoga) often are not recorded, so they are left alone.
pub fn missed(plan: &Plan, items: &[Item]) -> Vec<usize> {
    let days = items
        .iter()
        .filter(|it| !matches!(it.decision, Decision::Ignore(_)));
    let (Some(first), Some(last)) = (
        days.clone().map(|it| it.activity.date).min(),
        days.map(|it| it.activity.date).max(),
    ) else {
        return Vec::new();
    };
    let mut taken = vec![false; plan.sessions.len()];
    for it in items {
        let claimed: &[usize] = match &it.decision {
            Decision::Attach(j) | Decision::Duplicate(j) => std::slice::from_ref(j),
            Decision::Choose(c) => c,
            _ => &[],
        };
        for &j in claimed {
            if let Some(t) = taken.get_mut(j) {
                *t = true;
            }
        }
    }
    let claimed = |i: usize| taken[i];
    plan.sessions
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.run().is_some()
                && s.status == Status::Planned
                && s.actual.is_none()
                && s.date >= first
                && s.date <= last
                && !claimed(*i)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The plan with the items applied: attached activities become the sessions' actual
/// numbers (and mark them done), unplanned ones new sessions; choices not made, duplicates
/// and ignored items change nothing. The plan comes back in canonical order.
pub fn apply(plan: &Plan, items: &[Item]) -> (Plan, Applied) {
    apply_marking(plan, items, &[])
}

/// [`apply`], and the sessions `missed` (see [`missed`]) marked skipped.
pub fn apply_marking(plan: &Plan, items: &[Item], missed: &[usize]) -> (Plan, Applied) {
    let mut p = plan.clone();
    let mut n = Applied::default();
    for &i in missed {
        if let Some(s) = p.sessions.get_mut(i)
            && s.status == Status::Planned
            && s.actual.is_none()
        {
            s.status = Status::Skipped;
            n.skipped += 1;
        }
    }
    for it in items {
        match &it.decision {
            Decision::Attach(i) if *i < p.sessions.len() && p.sessions[*i].actual.is_none() => {
                let s = &mut p.sessions[*i];
                s.actual = Some(to_actual(&it.activity, it.rpe, false));
                s.status = Status::Done;
                // Run on another day than planned: the session moves to the day it was run.
                s.date = it.activity.date;
                n.attached += 1;
            }
            Decision::Unplanned => {
                p.sessions.push(unplanned_session(&it.activity, it.rpe));
                n.added += 1;
            }
            _ => n.left += 1,
        }
    }
    p.canonicalize();
    (p, n)
}
