//! `gradual export`: a plan as a calendar (ICS), a spreadsheet (CSV) or a printable page
//! (HTML).

use super::{CliError, CliResult, EXIT_OK, OneOf, load, safe_path};
use crate::export::ExportFormat;
use crate::format;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `gradual export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The plan.
    pub plan: PathBuf,
    /// The format.
    #[arg(long = "to", value_parser = OneOf(&ExportFormat::ALL))]
    pub format: ExportFormat,
    /// Where to write (atomically; never over a plan); `-` for standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Whether writing an export to `path` would destroy a plan: the plan being exported, or
/// any existing `.ron` file or plan backup.
fn is_plan(path: &Path, input: &Path) -> bool {
    if format::same_file(path, input) {
        return true;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
    path.exists() && name.is_some_and(|n| n.ends_with(".ron") || n.ends_with(".ron.bak"))
}

/// Runs `gradual export`; returns the exit status.
pub fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
    let plan = load(&args.plan)?.plan;
    let format = args.format;
    let text = crate::export::export(&plan, format);
    if args.output == Path::new("-") {
        out.write_all(text.as_bytes())?;
        return Ok(EXIT_OK);
    }
    if is_plan(&args.output, &args.plan) {
        return Err(CliError::Usage(format!(
            "{} is a plan; an export never overwrites one\n  hint: write to a .{} file, or - for standard output",
            safe_path(&args.output),
            format.extension()
        )));
    }
    format::write_atomic(&args.output, text.as_bytes(), false)?;
    writeln!(
        err,
        "Wrote {} ({} sessions, {}).",
        safe_path(&args.output),
        plan.sessions.len(),
        format.extension()
    )?;
    Ok(EXIT_OK)
}
