//! Saving: atomic writes with a backup, never over a file changed meanwhile, never
//! through a planted link.

use super::*;

/// The path of the backup kept next to `path` (`plan.ron` → `plan.ron.bak`).
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `plan` to `path` in canonical form, atomically (see [`write_atomic`]), keeping the
/// previous file as `NAME.ron.bak`. The plan is validated first: Gradual never writes a
/// plan it would refuse to load. A save that would not change the file writes nothing.
pub fn save(plan: &Plan, path: &Path) -> Result<Saved, SaveError> {
    save_checked(plan, path, None)
}

/// [`save`], refusing to overwrite the file if it no longer holds what was loaded
/// (`expected`): another program, or another Gradual, changed it meanwhile.
pub fn save_checked(
    plan: &Plan,
    path: &Path,
    expected: Option<&Fingerprint>,
) -> Result<Saved, SaveError> {
    let text = writable_text(plan, path)?;
    write_file(path, text.as_bytes(), true, expected)
}

/// Follows `path` through symbolic links to the file they name (which may not exist yet),
/// as editors do when saving through a link.
fn resolve(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&p) {
                Ok(target) => {
                    p = if target.is_absolute() {
                        target
                    } else {
                        p.parent().unwrap_or(Path::new(".")).join(target)
                    };
                }
                Err(_) => return p,
            },
            _ => return p,
        }
    }
    p
}

/// A fresh, unguessable temporary file next to `target`, created exclusively (never
/// following a link planted under its name), named `.NAME.gradual-PID-N.tmp`.
fn create_temp(dir: &Path, stem: &str) -> io::Result<(PathBuf, fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let pid = std::process::id();
    for _ in 0..100 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let salt = u64::from(nanos) ^ (n << 32) ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let p = dir.join(format!(".{stem}.gradual-{pid}-{salt:x}.tmp"));
        match fs::OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("could not create a temporary file"))
}

/// Removes temporary files of earlier saves of `stem` whose process is gone (a save
/// killed mid-way).
fn clean_stale_temps(dir: &Path, stem: &str) {
    let prefix = format!(".{stem}.gradual-");
    let me = std::process::id();
    let Ok(rd) = fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        if !name.ends_with(".tmp") {
            continue;
        }
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let gone = if cfg!(target_os = "linux") {
            pid != me && !Path::new(&format!("/proc/{pid}")).exists()
        } else {
            // Elsewhere: only clearly abandoned ones.
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|d| d.as_secs() > 86_400))
        };
        if gone {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync,
/// rename), keeping the previous file as `NAME.bak` when `backup` is set (the backup
/// also through its own temporary file and rename). Never overwrites anything but a
/// regular file; refuses read-only files; keeps the file's permissions; writes through a
/// symbolic link to its target; never follows a link planted where the temporary file or
/// the backup go.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<(), SaveError> {
    write_file(path, bytes, backup, None).map(|_| ())
}

fn write_file(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    expected: Option<&Fingerprint>,
) -> Result<Saved, SaveError> {
    let target = resolve(path);
    let err = |step, source| SaveError::new(path, step, source);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let stem = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let existing = match fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(err("checking the file", e)),
    };
    // Held while checking and replacing, so two Gradual processes saving the same file
    // take turns (and the second sees the first's change).
    let mut _lock = None;
    let mut old: Option<Vec<u8>> = None;
    if let Some(meta) = &existing {
        if let Some(what) = not_regular(meta) {
            return Err(SaveError::refused(
                path,
                "checking the file",
                format!("it is {what}, not a regular file"),
                "give a file path, or - for standard output",
            ));
        }
        if meta.permissions().readonly() {
            return Err(SaveError::refused(
                path,
                "checking the file",
                "the file is read-only".into(),
                "nothing was changed; make the file writable or save under another name",
            ));
        }
        _lock = lock_current(&target);
        let current = read_regular(&target).map_err(|e| err("reading the file", e))?;
        if let Some(exp) = expected
            && Fingerprint::of(&current) != *exp
        {
            return Err(SaveError::refused(
                path,
                STEP_CHANGED,
                "the file changed on disk since it was opened (another program, or another Gradual, saved it)".into(),
                "nothing was overwritten; reload it to see the other version, or save under another name",
            ));
        }
        if current == bytes {
            return Ok(Saved::Unchanged);
        }
        old = Some(current);
    }
    clean_stale_temps(&dir, &stem);
    let perms = existing.as_ref().map(|m| m.permissions());
    let write_temp = |data: &[u8], name: &str| -> io::Result<PathBuf> {
        let (tmp, mut f) = create_temp(&dir, name)?;
        let result = (|| {
            if let Some(p) = &perms {
                f.set_permissions(p.clone())?;
            }
            f.write_all(data)?;
            f.sync_all()
        })();
        match result {
            Ok(()) => Ok(tmp),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        }
    };
    let tmp = write_temp(bytes, &stem).map_err(|e| err("writing the temporary file", e))?;
    if backup && let Some(old) = &old {
        let bak = backup_path(&target);
        let kept = write_temp(old, &format!("{stem}.bak")).and_then(|t| {
            fs::rename(&t, &bak).inspect_err(|_| {
                let _ = fs::remove_file(&t);
            })
        });
        if let Err(e) = kept {
            let _ = fs::remove_file(&tmp);
            return Err(err("keeping the backup", e));
        }
    }
    if let Err(e) = fs::rename(&tmp, &target) {
        let _ = fs::remove_file(&tmp);
        return Err(err("replacing the file", e));
    }
    // Make the rename itself durable; not every platform can sync a directory.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(Saved::Written)
}

/// Opens and locks the file now at `path`. A save that replaced it while this process
/// waited leaves the lock on the old file, so it locks again until the file it holds is
/// the one the path names: two savers never both think they hold the file.
fn lock_current(path: &Path) -> Option<fs::File> {
    for _ in 0..100 {
        let f = fs::File::open(path).ok()?;
        if f.lock().is_err() {
            return Some(f);
        }
        if same_inode(&f, path) {
            return Some(f);
        }
    }
    None
}

#[cfg(unix)]
fn same_inode(f: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &fs::File, _: &Path) -> bool {
    true
}

/// Parses plan text for writing: validates it and returns its canonical text, or why
/// Gradual would refuse to load it (so it is never written, to a file or a pipe).
pub fn writable_text(plan: &Plan, path: &Path) -> Result<String, SaveError> {
    let problems = validate(plan);
    if !problems.is_empty() {
        let shown: Vec<_> = problems.iter().take(5).map(|p| p.to_string()).collect();
        return Err(SaveError::refused(
            path,
            "checking the plan",
            format!("the plan would not load: {}", shown.join("; ")),
            "correct the values named (nothing was written)",
        ));
    }
    let text = to_canonical_string(plan);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::refused(
            path,
            "checking the plan",
            format!(
                "the plan would be {} bytes, over the {} MiB plans are limited to",
                thousands(text.len() as u64),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "split it into several plans (nothing was written)",
        ));
    }
    Ok(text)
}

/// Whether `a` and `b` name the same existing file (through links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
