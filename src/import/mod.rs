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

use crate::model::limits;
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

impl Imported {
    /// Distance and time as people read them ("8.2 km, 47 min"), whatever a file claims
    /// (a duration of 1e300 seconds is "?", not a 300-digit number).
    pub fn size_text(&self) -> String {
        let km = match self.km {
            Some(k) if k.is_finite() && k < 100_000.0 => format!("{k:.1} km, "),
            Some(_) => "? km, ".into(),
            None => String::new(),
        };
        let min = if self.minutes.is_finite() && self.minutes.abs() < 1e6 {
            format!("{:.0} min", self.minutes)
        } else {
            "? min".into()
        };
        format!("{km}{min}")
    }

    /// Why the plan cannot hold this activity as read, if it cannot: a date outside the
    /// years plans use, no real duration or one longer than a day, a distance that is
    /// not a number or over 300 km, or a speed no runner or rider reaches (50 km in 10
    /// minutes). Each activity is judged on its own: the rest of an import goes in.
    pub fn implausible(&self) -> Option<String> {
        if !crate::model::date_in_range(self.date) {
            return Some(format!(
                "its date, {}, is outside the years plans use (a watch with its clock unset?)",
                self.date
            ));
        }
        if !self.minutes.is_finite() || self.minutes <= 0.0 {
            return Some("its duration is not a real time".into());
        }
        if self.minutes > 1440.0 {
            return Some(format!(
                "it lasts over a day ({}): not one activity a plan can hold",
                if self.minutes < 1e6 {
                    format!("{:.0} hours", self.minutes / 60.0)
                } else {
                    "far more".into()
                }
            ));
        }
        if let Some(km) = self.km {
            if !km.is_finite() || km < 0.0 {
                return Some("its distance is not a real distance".into());
            }
            if km > limits::MAX_KM {
                return Some(format!(
                    "a distance of {km:.0} km is more than plans hold ({:.0} km)",
                    limits::MAX_KM
                ));
            }
            let kmh = km / (self.minutes / 60.0);
            let most = match self.sport {
                Sport::Run => MAX_RUN_KMH,
                Sport::Cross(CrossKind::Cycling) => MAX_RIDE_KMH,
                Sport::Cross(_) => MAX_OTHER_KMH,
            };
            if km >= 1.0 && kmh > most {
                return Some(format!(
                    "{km:.1} km in {:.0} min is {kmh:.0} km/h, faster than a {} can go ({most:.0} km/h): a wrong distance or time",
                    self.minutes,
                    match self.sport {
                        Sport::Run => "runner",
                        Sport::Cross(CrossKind::Cycling) => "rider",
                        Sport::Cross(_) => "person",
                    }
                ));
            }
        }
        None
    }
}

/// Average speeds above these are a wrong distance or time: a run (the 1,000 m world
/// record is about 27 km/h), a ride, anything else.
pub const MAX_RUN_KMH: f64 = 30.0;
/// See [`MAX_RUN_KMH`].
pub const MAX_RIDE_KMH: f64 = 80.0;
/// See [`MAX_RUN_KMH`].
pub const MAX_OTHER_KMH: f64 = 40.0;

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
/// FIT files are decoded a message at a time, so this bounds reading, not decoding.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// GPX files are parsed whole (the `gpx` crate builds the document, about 14 bytes of
/// memory for each byte of file): they are read only up to this size. A 10-hour track
/// recorded every second is about 5 MiB.
pub const MAX_GPX_BYTES: u64 = 16 * 1024 * 1024;

/// XML nested deeper than this is refused before parsing (a GPX is about 8 deep; nesting
/// by the ten thousand made the parser quadratic).
pub const MAX_XML_DEPTH: usize = 100;

/// Bytes of activity files read but not yet parsed, or being parsed, at any moment: the
/// reader waits for the parsers when this is reached, so an export of thousands of files
/// never sits in memory at once.
pub const MAX_IN_FLIGHT_BYTES: u64 = 128 * 1024 * 1024;

/// A file whose reader takes longer than this is left out ("took too long"), and the
/// import goes on with the rest.
pub const PARSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// An archive inside an archive (Garmin's `UploadedFiles_*.zip` parts) is unpacked to a
/// temporary file, never into memory, up to this size.
pub const MAX_INNER_ZIP_BYTES: u64 = 1 << 30;

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

impl Format {
    /// The most of a file of this format that is read.
    fn max_bytes(self) -> u64 {
        match self {
            Format::Gpx => MAX_GPX_BYTES,
            Format::Fit | Format::Tcx => MAX_FILE_BYTES,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Fit => "FIT",
            Format::Gpx => "GPX",
            Format::Tcx => "TCX",
        }
    }
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

/// Bytes in flight, shared by the reader (which takes) and the parsers (which give back).
struct Budget {
    used: std::sync::Mutex<u64>,
    freed: std::sync::Condvar,
}

impl Budget {
    /// Waits until `n` more bytes fit in [`MAX_IN_FLIGHT_BYTES`] (a bigger file goes
    /// alone), then takes them.
    fn take(&self, n: u64) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + n > MAX_IN_FLIGHT_BYTES {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += n;
    }

    fn give(&self, n: u64) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(n);
        self.freed.notify_all();
    }
}

/// Reads files, folders (recursively) and zip archives. One thread reads files and
/// unpacks archives while the others parse (FIT decoding is the slow part), so an export
/// of a thousand activities takes seconds; the result is sorted, whatever the order the
/// threads finished in.
///
/// One file never costs the rest: each is parsed behind a boundary that turns a panic in
/// a reader into that file's error, and a reader that takes longer than
/// [`PARSE_TIMEOUT`] is left behind with "took too long"; what is in memory at once is
/// bounded ([`MAX_IN_FLIGHT_BYTES`], per-format file sizes, archives in archives on disk).
pub fn read(paths: &[PathBuf], progress: &Progress) -> Found {
    let mut out = Found::default();
    let mut files = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        collect(p, &mut files, &mut out, &mut seen);
    }
    progress.total.fetch_add(files.len(), Ordering::Relaxed);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (send, receive) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(64);
    let receive = std::sync::Mutex::new(receive);
    let budget = Budget {
        used: std::sync::Mutex::new(0),
        freed: std::sync::Condvar::new(),
    };
    let results: Vec<Found> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Found::default();
                    let mut parser = Parser::start();
                    loop {
                        let next = receive.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok((name, bytes)) = next else {
                            break;
                        };
                        let n = bytes.len() as u64;
                        read_guarded(&mut parser, name, bytes, &mut found);
                        budget.give(n);
                        progress.done.fetch_add(1, Ordering::Relaxed);
                    }
                    found
                })
            })
            .collect();
        let sender = Sender {
            send: &send,
            budget: &budget,
        };
        for f in &files {
            produce(f, &sender, &mut out, progress);
        }
        drop(send);
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
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

/// A parser thread: it takes one file at a time and answers with what it found, or with
/// `Err` when the reader panicked (caught; the thread goes on with the next file).
struct Parser {
    jobs: std::sync::mpsc::Sender<(String, Vec<u8>)>,
    results: std::sync::mpsc::Receiver<std::thread::Result<Found>>,
}

impl Parser {
    fn start() -> Option<Parser> {
        let (jobs, job_rx) = std::sync::mpsc::channel::<(String, Vec<u8>)>();
        let (result_tx, results) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("gradual-import".into())
            .spawn(move || {
                // Ends when its worker drops it (after a timeout, or at the end).
                while let Ok((name, bytes)) = job_rx.recv() {
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let mut f = Found::default();
                        read_bytes(&name, &bytes, &mut f);
                        f
                    }));
                    if result_tx.send(r).is_err() {
                        break;
                    }
                }
            })
            .ok()?;
        Some(Parser { jobs, results })
    }
}

/// Parses one file on the worker's parser thread: a panic in a reader becomes the file's
/// error, and a reader still busy after [`PARSE_TIMEOUT`] is left to finish alone (its
/// thread is given up, a new one takes the next file) while the import goes on.
fn read_guarded(parser: &mut Option<Parser>, name: String, bytes: Vec<u8>, out: &mut Found) {
    if parser.is_none() {
        *parser = Parser::start();
    }
    let reader = format_of(&name).map_or("file", |(f, _)| f.name());
    let failed = |name: String| FileError {
        file: name,
        message: format!(
            "the {reader} reader failed on it (an error inside the reader, not in your other files); it is left out"
        ),
    };
    let Some(p) = parser.as_ref() else {
        out.errors.push(FileError {
            file: name,
            message: "could not start a reader for it (the system is out of threads)".into(),
        });
        return;
    };
    if p.jobs.send((name.clone(), bytes)).is_err() {
        *parser = None;
        out.errors.push(failed(name));
        return;
    }
    match p.results.recv_timeout(PARSE_TIMEOUT) {
        Ok(Ok(found)) => {
            out.activities.extend(found.activities);
            out.errors.extend(found.errors);
            out.skipped.extend(found.skipped);
        }
        Ok(Err(_)) => out.errors.push(failed(name)),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            *parser = None;
            out.errors.push(failed(name));
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            *parser = None;
            out.errors.push(FileError {
                file: name,
                message: format!(
                    "took longer than {} s to read; it is left out",
                    PARSE_TIMEOUT.as_secs()
                ),
            });
        }
    }
}

fn name_of(p: &Path) -> String {
    p.display().to_string()
}

/// A folder's identity, to read each once however links lead back to it.
#[cfg(unix)]
fn folder_id(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Folders are read recursively, each folder and file once: a link back to a folder
/// already read (a symlink loop) is skipped, not followed again.
fn collect(
    p: &Path,
    files: &mut Vec<PathBuf>,
    out: &mut Found,
    seen: &mut std::collections::HashSet<(u64, u64)>,
) {
    match std::fs::metadata(p) {
        Err(e) => out.errors.push(FileError {
            file: name_of(p),
            message: format!("cannot read it: {e}"),
        }),
        Ok(m) if m.is_dir() => {
            if let Some(id) = folder_id(&m)
                && !seen.insert(id)
            {
                out.skipped
                    .push(format!("{} (a link to a folder already read)", name_of(p)));
                return;
            }
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
                collect(&e, files, out, seen);
            }
        }
        Ok(m) if m.is_file() => {
            // The same file reached twice (a link to it) is read once.
            if let Some(id) = folder_id(&m)
                && !seen.insert(id)
            {
                return;
            }
            files.push(p.to_path_buf())
        }
        Ok(_) => out.skipped.push(name_of(p)),
    }
}

/// Hands files to the parsers within the in-flight budget.
struct Sender<'a> {
    send: &'a std::sync::mpsc::SyncSender<(String, Vec<u8>)>,
    budget: &'a Budget,
}

impl Sender<'_> {
    fn send(&self, name: String, bytes: Vec<u8>) {
        self.budget.take(bytes.len() as u64);
        let n = bytes.len() as u64;
        if self.send.send((name, bytes)).is_err() {
            self.budget.give(n);
        }
    }
}

/// Reads one file (or each entry of an archive) and hands the bytes to the parsers;
/// what is not an activity file is skipped, what cannot be read is an error.
fn produce(p: &Path, send: &Sender, out: &mut Found, progress: &Progress) {
    let name = name_of(p);
    if name.to_ascii_lowercase().ends_with(".zip") {
        progress.done.fetch_add(1, Ordering::Relaxed);
        read_zip(p, send, out, progress);
        return;
    }
    let Some((format, _)) = format_of(&name) else {
        progress.done.fetch_add(1, Ordering::Relaxed);
        out.skipped.push(name);
        return;
    };
    // Never blocks on a pipe named like an activity file; bounded like a zip entry.
    let bytes = crate::format::read_regular_max(p, format.max_bytes());
    match bytes {
        Ok(b) => send.send(name, b),
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
    // Entries that share a name are one entry to the archive's index (the last of them):
    // when the central directory counts more, read the entries in order instead.
    let counted = std::fs::File::open(p)
        .ok()
        .and_then(|mut f| central_count(&mut f));
    if counted.is_some_and(|n| n > archive.len() as u64)
        && read_in_order(p, send, out, progress).is_ok()
    {
        return;
    }
    read_archive(&mut archive, &name_of(p), send, out, progress, 0);
}

/// How many entries a zip's central directory says it holds (its end record, or the
/// zip64 one), read from the end of the file.
fn central_count(f: &mut std::fs::File) -> Option<u64> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let len = f.seek(SeekFrom::End(0)).ok()?;
    let tail = len.min(65_557 + 76);
    f.seek(SeekFrom::Start(len - tail)).ok()?;
    let mut b = vec![0u8; tail as usize];
    f.read_exact(&mut b).ok()?;
    let end = b.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let total = u16::from_le_bytes(b.get(end + 10..end + 12)?.try_into().ok()?);
    if total != 0xFFFF {
        return Some(u64::from(total));
    }
    let z64 = b[..end].windows(4).rposition(|w| w == b"PK\x06\x06")?;
    Some(u64::from_le_bytes(
        b.get(z64 + 32..z64 + 40)?.try_into().ok()?,
    ))
}

/// Reads a zip's entries in the order they are stored, from their own headers (every
/// entry, whatever its name); fails for archives whose entries do not say their size
/// up front, which the indexed reader then takes.
fn read_in_order(
    p: &Path,
    send: &Sender,
    out: &mut Found,
    progress: &Progress,
) -> Result<(), String> {
    let mut f = std::io::BufReader::new(std::fs::File::open(p).map_err(|e| e.to_string())?);
    let zip_name = name_of(p);
    let mut names_seen = Default::default();
    let mut k = 0usize;
    loop {
        match zip::read::read_zipfile_from_stream(&mut f) {
            Ok(Some(mut entry)) => {
                progress.total.fetch_add(1, Ordering::Relaxed);
                one_entry(
                    &mut entry,
                    k,
                    &zip_name,
                    &mut names_seen,
                    send,
                    out,
                    progress,
                    0,
                );
                k += 1;
            }
            Ok(None) => return Ok(()),
            Err(e) if k == 0 => return Err(e.to_string()),
            Err(e) => {
                out.errors.push(FileError {
                    file: format!("{zip_name} (entry {k})"),
                    message: format!("cannot read the entry: {e}"),
                });
                return Ok(());
            }
        }
    }
}

/// Sends every activity file of an archive to the parsers; zips inside it (one level
/// deep) are unpacked to a temporary file and read the same way.
fn read_archive<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    zip_name: &str,
    send: &Sender,
    out: &mut Found,
    progress: &Progress,
    depth: u8,
) {
    progress.total.fetch_add(archive.len(), Ordering::Relaxed);
    let mut names_seen = Default::default();
    for k in 0..archive.len() {
        match archive.by_index(k) {
            Ok(mut e) => one_entry(
                &mut e,
                k,
                zip_name,
                &mut names_seen,
                send,
                out,
                progress,
                depth,
            ),
            Err(e) => {
                progress.done.fetch_add(1, Ordering::Relaxed);
                out.errors.push(FileError {
                    file: format!("{zip_name} (entry {k})"),
                    message: format!("cannot read the entry: {e}"),
                });
            }
        }
    }
}

/// One entry of an archive: an activity file to the parsers, a zip inside the archive
/// read in turn (one level deep), anything else skipped. A name already seen in this
/// archive gets the entry's number as a folder (`export.zip/entry-3/run.fit`), so both
/// are told apart.
#[allow(clippy::too_many_arguments)]
fn one_entry<R: std::io::Read>(
    entry: &mut zip::read::ZipFile<'_, R>,
    k: usize,
    zip_name: &str,
    names_seen: &mut std::collections::HashSet<String>,
    send: &Sender,
    out: &mut Found,
    progress: &Progress,
    depth: u8,
) {
    let entry_name = String::from_utf8_lossy(entry.name_raw()).into_owned();
    let mut name = format!("{zip_name}/{entry_name}");
    if !names_seen.insert(entry_name.clone()) {
        name = format!("{zip_name}/entry-{k}/{entry_name}");
    }
    if !entry.is_dir() && entry_name.to_ascii_lowercase().ends_with(".zip") && depth == 0 {
        progress.done.fetch_add(1, Ordering::Relaxed);
        let inner = spool(entry).and_then(|f| {
            zip::ZipArchive::new(f).map_err(|e| format!("not a zip archive Gradual can read: {e}"))
        });
        match inner {
            Ok(mut a) => read_archive(&mut a, &name, send, out, progress, depth + 1),
            Err(message) => out.errors.push(FileError {
                file: name,
                message,
            }),
        }
        return;
    }
    let format = format_of(&entry_name);
    if entry.is_dir() || format.is_none() {
        progress.done.fetch_add(1, Ordering::Relaxed);
        if !entry.is_dir() {
            out.skipped.push(name);
        }
        return;
    }
    let max = format.map_or(MAX_FILE_BYTES, |(f, _)| f.max_bytes());
    let mut b = Vec::new();
    // Bounded: a zip bomb stops at the limit and is reported, not expanded.
    match entry.take(max + 1).read_to_end(&mut b) {
        Ok(_) => send.send(name, b),
        Err(e) => {
            progress.done.fetch_add(1, Ordering::Relaxed);
            out.errors.push(FileError {
                file: name,
                message: format!("cannot unpack it: {e}"),
            });
        }
    }
}

/// Unpacks an archive inside an archive to an anonymous temporary file (removed when
/// dropped), at most [`MAX_INNER_ZIP_BYTES`]: memory does not grow with it.
fn spool(entry: &mut impl std::io::Read) -> Result<std::fs::File, String> {
    use std::io::Seek as _;
    let mut f =
        tempfile::tempfile().map_err(|e| format!("cannot unpack it (no temporary file: {e})"))?;
    let n = std::io::copy(&mut entry.take(MAX_INNER_ZIP_BYTES + 1), &mut f)
        .map_err(|e| format!("cannot unpack it: {e}"))?;
    if n > MAX_INNER_ZIP_BYTES {
        return Err(format!(
            "an archive inside the archive over {} MiB: unpack it and import its folder",
            MAX_INNER_ZIP_BYTES >> 20
        ));
    }
    f.rewind().map_err(|e| format!("cannot unpack it: {e}"))?;
    Ok(f)
}

/// Reads one file's bytes by its name's format (`.gz` unpacked first, every member of
/// it).
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
    let max = format.max_bytes();
    let too_big = || {
        format!(
            "over {} MiB, too big for a {} activity file",
            max >> 20,
            format.name()
        )
    };
    if bytes.len() as u64 > max {
        fail(out, too_big());
        return;
    }
    let unpacked;
    let bytes = if gz {
        let mut b = Vec::new();
        match flate2::read::MultiGzDecoder::new(bytes)
            .take(max + 1)
            .read_to_end(&mut b)
        {
            Ok(_) if b.len() as u64 > max => {
                fail(out, too_big());
                return;
            }
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
        Format::Gpx => xml_depth(bytes).and_then(|()| gpx::read(bytes, &source)),
        Format::Tcx => tcx::read(bytes, &source),
    };
    match result {
        Ok(v) => out.activities.extend(v),
        Err(e) => fail(out, e),
    }
}

/// Refuses XML nested deeper than [`MAX_XML_DEPTH`], in one linear pass, before a
/// parser that slows down with depth sees it.
fn xml_depth(bytes: &[u8]) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::reader::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(format!(
                        "not a GPX file Gradual can read: elements nested more than {MAX_XML_DEPTH} deep"
                    ));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => return Ok(()), // the GPX reader names errors
            _ => {}
        }
        buf.clear();
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

/// Whether planned session `i` could be activity `a`: the same kind, not done, nothing
/// attached, not taken by another activity of this import.
fn open(i: usize, s: &Session, a: &Imported, taken: &std::collections::HashSet<usize>) -> bool {
    s.actual.is_none() && s.status != Status::Done && same_kind(s, a.sport) && !taken.contains(&i)
}

/// One held activity under its file's name: its start, distance and value.
type HeldEntry<T> = (Option<NaiveDateTime>, Option<f64>, T);

/// Activities already held (by the plan, or earlier in this import), found by their start
/// minute or their file's name in constant time: matching stays linear however many
/// activities and sessions there are. Two are the same when they start within a minute of
/// each other, or (without a start time) come from the same file with the same distance.
struct Held<T> {
    by_minute: std::collections::HashMap<i64, Vec<(NaiveDateTime, T)>>,
    by_source: std::collections::HashMap<String, Vec<HeldEntry<T>>>,
}

impl<T: Copy> Held<T> {
    fn new() -> Self {
        Held {
            by_minute: Default::default(),
            by_source: Default::default(),
        }
    }

    fn minute(t: NaiveDateTime) -> i64 {
        t.and_utc().timestamp().div_euclid(60)
    }

    fn add(&mut self, start: Option<NaiveDateTime>, source: &str, km: Option<f64>, v: T) {
        if let Some(t) = start {
            self.by_minute
                .entry(Self::minute(t))
                .or_default()
                .push((t, v));
        }
        self.by_source
            .entry(source.to_string())
            .or_default()
            .push((start, km, v));
    }

    fn find(&self, a: &Imported) -> Option<T> {
        let same_file = |start_ok: &dyn Fn(Option<NaiveDateTime>) -> bool| {
            self.by_source.get(&a.source).and_then(|v| {
                v.iter()
                    .find(|(s, km, _)| {
                        start_ok(*s) && km.zip(a.km).is_none_or(|(x, y)| (x - y).abs() < 0.05)
                    })
                    .map(|e| e.2)
            })
        };
        match a.start {
            Some(t) => {
                let m = Self::minute(t);
                (m - 1..=m + 1)
                    .filter_map(|k| self.by_minute.get(&k))
                    .flatten()
                    .find(|(x, _)| (*x - t).num_seconds().abs() <= 60)
                    .map(|e| e.1)
                    // Held without a start time: the same file and distance.
                    .or_else(|| same_file(&|s| s.is_none()))
            }
            None => same_file(&|_| true),
        }
    }
}

/// Decides what each activity would do: duplicates of what the plan (or this import)
/// already holds, the one planned session of the same day and kind, a choice when there
/// are several, an unplanned session when there is none. Each activity is judged on its
/// own: one that cannot be right ([`Imported::implausible`], or a date that would stretch
/// the plan past its 30 years) is left out with the reason, the rest go on. Linear in the
/// activities and sessions (sessions are looked up by day, held activities by minute).
pub fn preview(plan: &Plan, activities: Vec<Imported>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut taken: std::collections::HashSet<usize> = Default::default();
    let span = plan.date_range();
    let mut in_plan: Held<usize> = Held::new();
    let mut by_day: std::collections::HashMap<NaiveDate, Vec<usize>> = Default::default();
    for (i, s) in plan.sessions.iter().enumerate() {
        if let Some(x) = &s.actual {
            in_plan.add(x.start, &x.source, x.km, i);
        }
        by_day.entry(s.date).or_default().push(i);
    }
    let mut in_import: Held<()> = Held::new();
    let open_on = |day: NaiveDate, a: &Imported, taken: &std::collections::HashSet<usize>| {
        by_day
            .get(&day)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| open(i, &plan.sessions[i], a, taken))
            .collect::<Vec<usize>>()
    };
    for a in activities {
        let planned_rpe = |i: usize| match plan.sessions[i].activity {
            Activity::Run { rpe, .. } | Activity::Cross { rpe, .. } => Some(rpe),
            _ => None,
        };
        if let Some(i) = in_plan.find(&a) {
            items.push(Item {
                activity: a,
                decision: Decision::Duplicate(i),
                rpe: None,
            });
            continue;
        }
        if in_import.find(&a).is_some() {
            items.push(Item {
                activity: a,
                decision: Decision::Ignore("the same activity is in this import twice".into()),
                rpe: None,
            });
            continue;
        }
        let too_long = span.is_some_and(|(lo, hi): (NaiveDate, NaiveDate)| {
            (hi.max(a.date) - lo.min(a.date)).num_days() > crate::model::MAX_SPAN_YEARS * 366
        });
        if let Some(why) = a.implausible().or_else(|| {
            too_long.then(|| {
                format!(
                    "its date, {}, would stretch the plan over more than {} years (a watch with its clock unset?)",
                    a.date,
                    crate::model::MAX_SPAN_YEARS
                )
            })
        }) {
            items.push(Item {
                activity: a,
                decision: Decision::Ignore(why),
                rpe: None,
            });
            continue;
        }
        let actual = to_actual(&a, None, false);
        in_import.add(actual.start, &actual.source, actual.km, ());
        let candidates = open_on(a.date, &a, &taken);
        let (decision, rpe) = match candidates.as_slice() {
            [] => (Decision::Unplanned, a.rpe),
            [i] => {
                taken.insert(*i);
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
        let mut near: Vec<usize> = (1..=NEARBY_DAYS)
            .flat_map(|k| {
                [
                    a.date - chrono::Duration::days(k),
                    a.date + chrono::Duration::days(k),
                ]
            })
            .flat_map(|d| open_on(d, a, &taken))
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
