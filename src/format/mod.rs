//! Reading and writing plan files (RON, format 1).
//!
//! Loading is strict and never panics: unknown fields, impossible values and files from a
//! newer Gradual are refused with the file, line and column (or the session) and what to
//! do. Saving writes one canonical pretty form, atomically, keeping the previous file as
//! `NAME.ron.bak`.

mod locate;
mod save;
mod validate;

pub use locate::{Locator, Seg, locate};
pub use save::*;
pub use validate::{Problem, validate};

use crate::model::{FORMAT_VERSION, Plan};
use serde::Deserialize;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Plans larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a plan could not be loaded: where, what, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file (as given by the caller).
    pub file: PathBuf,
    /// 1-based line, when the problem has a position in the text.
    pub line: Option<usize>,
    /// 1-based column, when the problem has a position in the text.
    pub column: Option<usize>,
    /// What is wrong, with the offending value.
    pub message: String,
    /// What the user can do about it.
    pub hint: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn whole_file(file: &Path, message: String, hint: impl Into<String>) -> Self {
        LoadError {
            file: file.to_path_buf(),
            line: None,
            column: None,
            message,
            hint: hint.into(),
        }
    }
}

/// Why a plan could not be saved. The original file is untouched in every case.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {step} failed: {source}\n  hint: {hint}", path.display())]
pub struct SaveError {
    /// The file that was being written.
    pub path: PathBuf,
    /// Which step failed (writing the temporary file, keeping the backup, ...).
    pub step: &'static str,
    /// The underlying error.
    #[source]
    pub source: io::Error,
    /// What the user can do about it.
    pub hint: &'static str,
}

/// The usual hint after a failed save.
const SAVE_HINT: &str = "the file on disk was not changed; check that the folder exists, is writable and has free space, or save under another name";

impl SaveError {
    fn new(path: &Path, step: &'static str, source: io::Error) -> Self {
        SaveError {
            path: path.to_path_buf(),
            step,
            source,
            hint: SAVE_HINT,
        }
    }

    fn refused(path: &Path, step: &'static str, why: String, hint: &'static str) -> Self {
        SaveError {
            path: path.to_path_buf(),
            step,
            source: io::Error::other(why),
            hint,
        }
    }

    /// Whether the save was refused because the file changed on disk since it was loaded.
    pub fn is_changed_on_disk(&self) -> bool {
        self.step == STEP_CHANGED
    }
}

/// The step of a save refused because someone else wrote the file meanwhile.
const STEP_CHANGED: &str = "checking the file on disk";

/// What a file held when it was loaded: its length and a hash of its bytes. Saving with
/// it refuses to overwrite a file someone else changed meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of these bytes.
    pub fn of(bytes: &[u8]) -> Self {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Fingerprint {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }

    /// The fingerprint of the file at `path` now (`None` if it cannot be read).
    pub fn of_file(path: &Path) -> Option<Self> {
        read_regular(path).ok().map(|b| Fingerprint::of(&b))
    }
}

/// A loaded plan with what saving it needs to know.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The plan.
    pub plan: Plan,
    /// What the file held (to refuse clobbering a file changed meanwhile).
    pub fingerprint: Fingerprint,
    /// The file has `//` or `/* */` comments, which saving (one canonical form) drops.
    pub has_comments: bool,
}

/// What a save did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// The file was written (the previous one kept as `.bak`).
    Written,
    /// The file already held exactly this text: nothing was written, the backup kept.
    Unchanged,
}

/// Why a path cannot be read as a plan file: a folder, a pipe, a device...
fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Reads a regular file, at most [`MAX_FILE_BYTES`] + 1 bytes of it: never blocks on a
/// pipe, never reads a device without end. The type is checked on the opened file (opened
/// without blocking), so a pipe swapped in after a check cannot hang the caller.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    read_regular_max(path, MAX_FILE_BYTES)
}

/// [`read_regular`] with another bound: at most `max` + 1 bytes (so the caller can tell a
/// file over `max`); activity files may be bigger than plans.
pub fn read_regular_max(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = fs::metadata(path)?;
    if let Some(what) = not_regular(&meta) {
        return Err(io::Error::other(format!("{what}, not a regular file")));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if let Some(what) = not_regular(&file.metadata()?) {
        return Err(io::Error::other(format!("{what}, not a regular file")));
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `1234567` → "1,234,567".
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether RON text has comments outside of strings.
pub fn has_comments(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'r' if b.get(i + 1).is_some_and(|c| *c == b'#' || *c == b'"') => {
                // A raw string: r"..." or r#"..."#.
                let mut hashes = 0;
                let mut j = i + 1;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) == Some(&b'"') {
                    j += 1;
                    loop {
                        if j >= b.len() {
                            break;
                        }
                        if b[j] == b'"'
                            && b[j + 1..]
                                .iter()
                                .take(hashes)
                                .filter(|c| **c == b'#')
                                .count()
                                == hashes
                        {
                            j += 1 + hashes;
                            break;
                        }
                        j += 1;
                    }
                    i = j;
                    continue;
                }
            }
            b'\'' => {
                // A char literal: '"' must not open a string.
                if b.get(i + 2) == Some(&b'\'') {
                    i += 2;
                } else if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') {
                    i += 3;
                }
            }
            b'/' if matches!(b.get(i + 1), Some(b'/') | Some(b'*')) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// Reads and validates the plan at `path`.
pub fn load(path: &Path) -> Result<Plan, LoadError> {
    load_full(path).map(|l| l.plan)
}

/// Reads and validates the plan at `path`, with its fingerprint and whether it has
/// comments. Only regular files are read (a pipe or a device is refused before it is
/// opened), and never more than [`MAX_FILE_BYTES`].
pub fn load_full(path: &Path) -> Result<Loaded, LoadError> {
    let meta = fs::metadata(path).map_err(|e| {
        LoadError::whole_file(
            path,
            format!("cannot open the file: {e}"),
            "check the path and that you may read the file",
        )
    })?;
    if meta.is_dir() {
        return Err(LoadError::whole_file(
            path,
            "is a folder, not a plan file".into(),
            "give a .ron plan file (`gradual check` also accepts folders)",
        ));
    }
    if let Some(what) = not_regular(&meta) {
        return Err(LoadError::whole_file(
            path,
            format!("is {what}, not a regular file"),
            "save the plan to a file first and give that file",
        ));
    }
    let too_big = |len: u64| {
        LoadError::whole_file(
            path,
            format!(
                "the file is {} bytes ({:.1} MiB); plans are limited to {} MiB ({} bytes)",
                thousands(len),
                len as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024),
                thousands(MAX_FILE_BYTES)
            ),
            "is this really a plan? A 10-year plan is well under 1 MiB",
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let bytes = read_regular(path).map_err(|e| {
        LoadError::whole_file(
            path,
            format!("cannot read the file: {e}"),
            "check that you may read the file",
        )
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let fingerprint = Fingerprint::of(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        LoadError {
            file: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            message: "the file is not UTF-8 text".into(),
            hint: "save it as UTF-8 in your editor; plan files are plain text".into(),
        }
    })?;
    let plan = parse(&text, path)?;
    Ok(Loaded {
        plan,
        fingerprint,
        has_comments: has_comments(&text),
    })
}

/// Parses and validates plan text; `file` is used only in error messages.
pub fn parse(text: &str, file: &Path) -> Result<Plan, LoadError> {
    // A UTF-8 byte-order mark is accepted; CR-only (old Mac) and CRLF line ends count as
    // line breaks, so error positions match what an editor shows.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    // A newer file may use fields this build does not know; say "newer" rather than
    // "unknown field" by reading just the version first, leniently.
    if let Ok(Probe {
        format: Some(version),
    }) = ron::from_str::<Probe>(text)
        && version > FORMAT_VERSION
    {
        return Err(LoadError::whole_file(
            file,
            format!(
                "the plan is in format {version}, written by a newer Gradual; this version reads format {FORMAT_VERSION}"
            ),
            "update Gradual to open it (the file was not changed)",
        ));
    }
    let plan: Plan = ron::from_str(text).map_err(|e| ron_error(file, e))?;
    let problems = validate(&plan);
    if problems.is_empty() {
        return Ok(plan);
    }
    // Each problem at its line, like a syntax error: the first in the error's position,
    // the others prefixed with theirs.
    let locator = Locator::new(text);
    let places: Vec<Option<(usize, usize)>> = problems
        .iter()
        .take(10)
        .map(|p| locator.find(&p.path))
        .collect();
    let shown: Vec<String> = problems
        .iter()
        .zip(&places)
        .enumerate()
        .map(|(i, (p, place))| match place {
            Some((line, col)) if i > 0 => format!("line {line}:{col}: {p}"),
            _ => p.to_string(),
        })
        .collect();
    let mut message = shown.join("\n  ");
    if problems.len() > shown.len() {
        message.push_str(&format!("\n  … and {} more", problems.len() - shown.len()));
    }
    let mut e = LoadError::whole_file(
        file,
        message,
        "correct the value in a text editor (or in Gradual's inspector) and load again",
    );
    if let Some((line, column)) = places[0] {
        (e.line, e.column) = (Some(line), Some(column));
    }
    Err(e)
}

/// Just the version, read before anything else; every other field is ignored.
#[derive(Deserialize)]
struct Probe {
    #[serde(default, with = "plain_option")]
    format: Option<u32>,
}

fn ron_error(file: &Path, e: ron::error::SpannedError) -> LoadError {
    use ron::error::Error as E;
    let outer = |o: &Option<String>| o.as_ref().map(|o| format!(" in {o}")).unwrap_or_default();
    let list = |xs: &[&str]| {
        xs.iter()
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (message, hint) = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => (
            format!("unknown field `{found}`{}", outer(o)),
            format!(
                "check the spelling (names are case-sensitive) or remove it; allowed here: {}",
                list(expected)
            ),
        ),
        E::MissingStructField { field, outer: o } => (
            format!("missing field `{field}`{}", outer(o)),
            format!("add `{field}: …` there (see the README's file format)"),
        ),
        E::DuplicateStructField { field, outer: o } => (
            format!("field `{field}` is given twice{}", outer(o)),
            "keep one of the two".to_string(),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer: o,
        } => (
            format!("`{found}` is not a valid choice{}", outer(o)),
            format!("use one of: {}", list(expected)),
        ),
        E::Message(m) if m.contains("input") || m.contains("premature end") => (
            format!("invalid date: {m}"),
            "write dates as \"YYYY-MM-DD\" with a real day, e.g. \"2026-03-04\"".to_string(),
        ),
        E::Message(m) => (m.clone(), "correct the value at that position".to_string()),
        E::Eof => (
            "the file ends too early".to_string(),
            "a bracket or parenthesis is not closed; check that every `(` and `[` has its partner"
                .to_string(),
        ),
        E::ExpectedComma => (
            "expected a comma".to_string(),
            "a comma is probably missing between two fields or items just before this point"
                .to_string(),
        ),
        E::IntegerOutOfBounds => (
            "the number is out of range here".to_string(),
            "use a whole number in the allowed range (e.g. rpe 1–10, minutes up to 1440)"
                .to_string(),
        ),
        E::TrailingCharacters => (
            "unexpected text after the end of the plan".to_string(),
            "the plan is one `( … )`; remove what follows its closing parenthesis".to_string(),
        ),
        E::ExceededRecursionLimit => (
            "the file is nested too deeply".to_string(),
            "this is not a plan file Gradual wrote; check its contents".to_string(),
        ),
        other => (
            other.to_string(),
            "fix the file at that line and column in a text editor, then load it again".to_string(),
        ),
    };
    LoadError {
        file: file.to_path_buf(),
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        message,
        hint,
    }
}

/// The canonical text of `plan`: sessions sorted by date (stable within a day), default
/// values omitted, one session per line. Saving this text again is byte-identical.
pub fn to_canonical_string(plan: &Plan) -> String {
    let mut plan = plan.clone();
    plan.canonicalize();
    plan.format = FORMAT_VERSION;
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ".to_string())
        .separate_tuple_members(false)
        .struct_names(false);
    let mut text = ron::ser::to_string_pretty(&plan, config)
        .expect("a plan always serializes: it has no maps with non-string keys");
    text.push('\n');
    text
}

/// The plan files of a folder: every regular `.ron` file, sorted; and the `.ron` entries
/// that are not plan files, with why (a link to a missing file, a pipe, a folder).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// Regular `.ron` files, sorted.
    pub files: Vec<PathBuf>,
    /// `.ron` entries skipped, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Lists the plan files in `dir` (one helper for the command line, the roster, the folder
/// watcher and the templates folder). Backups (`.ron.bak`) and temporary files are not
/// `.ron` files.
pub fn plan_files(dir: &Path) -> io::Result<Listing> {
    let mut out = Listing::default();
    for e in fs::read_dir(dir)? {
        let Ok(e) = e else { continue };
        let path = e.path();
        if path.extension().is_none_or(|x| x != "ron") {
            continue;
        }
        match fs::metadata(&path) {
            Err(_) => out.skipped.push((path, "a link to a missing file".into())),
            Ok(m) => match not_regular(&m) {
                None => out.files.push(path),
                Some(what) => out.skipped.push((path, what.to_string())),
            },
        }
    }
    out.files.sort();
    out.skipped.sort();
    Ok(out)
}

/// Serde helper for optional numbers written plainly (`minutes: 40`); it lives with the
/// model that uses it.
pub use crate::model::plain_option;
