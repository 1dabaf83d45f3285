//! Zip archives (Strava and Garmin bulk exports): entries in order, nested zips spooled
//! to a temporary file, every entry bounded.

use super::read::*;
use super::*;

pub(super) fn read_zip(p: &Path, send: &Sender, out: &mut Found, progress: &Progress) {
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
