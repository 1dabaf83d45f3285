//! Reading activity files safely: every file on a parser thread with a time limit, a
//! memory budget across workers, size and depth limits before any parser sees a file.

use super::archive::*;
use super::*;

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
pub(super) enum Format {
    Fit,
    Gpx,
    Tcx,
}

impl Format {
    /// The most of a file of this format that is read.
    pub(super) fn max_bytes(self) -> u64 {
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

pub(super) fn format_of(name: &str) -> Option<(Format, bool)> {
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

pub(super) fn name_of(p: &Path) -> String {
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
pub(super) struct Sender<'a> {
    send: &'a std::sync::mpsc::SyncSender<(String, Vec<u8>)>,
    budget: &'a Budget,
}

impl Sender<'_> {
    pub(super) fn send(&self, name: String, bytes: Vec<u8>) {
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
