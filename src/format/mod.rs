//! Reading and writing plan files (RON, format 1).
//!
//! Loading is strict and never panics: unknown fields, impossible values and files from a
//! newer Gradual are refused with the file, line and column (or the session) and what to
//! do. Saving writes one canonical pretty form, atomically, keeping the previous file as
//! `NAME.ron.bak`.

mod validate;

pub use validate::validate;

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
#[error(
    "could not save {}: {step} failed: {source}\n  hint: the file on disk was not changed; check that the folder exists, is writable and has free space, or save under another name",
    path.display()
)]
pub struct SaveError {
    /// The file that was being written.
    pub path: PathBuf,
    /// Which step failed (writing the temporary file, keeping the backup, ...).
    pub step: &'static str,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

/// Reads and validates the plan at `path`.
pub fn load(path: &Path) -> Result<Plan, LoadError> {
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
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(
            path,
            format!(
                "the file is {:.1} MiB; plans are limited to {} MiB",
                meta.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "is this really a plan? A 10-year plan is well under 1 MiB",
        ));
    }
    let bytes = fs::read(path).map_err(|e| {
        LoadError::whole_file(
            path,
            format!("cannot read the file: {e}"),
            "check that you may read the file",
        )
    })?;
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
    parse(&text, path)
}

/// Parses and validates plan text; `file` is used only in error messages.
pub fn parse(text: &str, file: &Path) -> Result<Plan, LoadError> {
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
    let shown: Vec<_> = problems.iter().take(10).map(|p| p.to_string()).collect();
    let mut message = shown.join("\n  ");
    if problems.len() > shown.len() {
        message.push_str(&format!("\n  … and {} more", problems.len() - shown.len()));
    }
    Err(LoadError::whole_file(
        file,
        message,
        "correct the value in a text editor (or in Gradual's inspector) and load again",
    ))
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

/// The path of the backup kept next to `path` (`plan.ron` → `plan.ron.bak`).
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `plan` to `path` in canonical form, atomically: the text goes to a temporary file
/// in the same folder, is flushed to disk, the previous file is copied to `NAME.ron.bak`,
/// and the temporary file is renamed over `path`. A crash at any point leaves either the
/// old or the new plan, never a mix.
pub fn save(plan: &Plan, path: &Path) -> Result<(), SaveError> {
    write_atomic(path, to_canonical_string(plan).as_bytes(), true)
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync,
/// rename), keeping the previous file as `NAME.bak` when `backup` is set.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<(), SaveError> {
    let err = |step, source| SaveError {
        path: path.to_path_buf(),
        step,
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(path.file_name().unwrap_or_default());
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let write_tmp = || -> io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    if let Err(e) = write_tmp() {
        let _ = fs::remove_file(&tmp);
        return Err(err("writing the temporary file", e));
    }
    if backup
        && path.exists()
        && let Err(e) = fs::copy(path, backup_path(path))
    {
        let _ = fs::remove_file(&tmp);
        return Err(err("keeping the backup", e));
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(err("replacing the file", e));
    }
    // Make the rename itself durable; not every platform can sync a directory.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Serde helper: an `Option<T>` written as a plain `T` (no `Some(..)`) and omitted when
/// `None`. Used for optional numbers people type by hand (`minutes: 40`).
pub mod plain_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes the inner value (callers skip `None` with `skip_serializing_if`).
    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) => x.serialize(s),
            None => s.serialize_none(),
        }
    }

    /// Reads a plain value as `Some`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
    }
}
