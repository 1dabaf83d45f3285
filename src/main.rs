//! The `gradual` binary: the window by default, subcommands for the command line.

use clap::Parser;
use gradual::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => cli::run(command),
        None => match gradual::app::run(args.plan) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: could not open the window: {e}");
                eprintln!(
                    "  hint: the command line works without a display, e.g. `gradual check PLAN.ron`"
                );
                ExitCode::from(cli::EXIT_BAD_FILE)
            }
        },
    }
}
