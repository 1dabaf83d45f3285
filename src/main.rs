//! The `gradual` binary: the window by default, subcommands for the command line.

use clap::Parser;
use gradual::cli::{self, Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(Command::Check(check)) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            match cli::check(check, &mut out, &mut err) {
                Ok(code) => ExitCode::from(code),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(cli::EXIT_BAD_FILE)
                }
            }
        }
        Some(Command::Export(export)) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            match cli::export(export, &mut out, &mut err) {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::from(cli::EXIT_BAD_FILE),
            }
        }
        Some(Command::New(new)) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            match cli::new(new, &mut out, &mut err) {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::from(cli::EXIT_BAD_FILE),
            }
        }
        Some(Command::Calf(calf)) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            match cli::calf(calf, &mut out, &mut err) {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::from(cli::EXIT_BAD_FILE),
            }
        }
        Some(Command::Symptom(a)) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            match cli::symptom(a, &mut out, &mut err) {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::from(cli::EXIT_BAD_FILE),
            }
        }
        Some(Command::Return(a)) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            match cli::return_to_running(a, &mut out, &mut err) {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::from(cli::EXIT_BAD_FILE),
            }
        }
        Some(Command::CalfTest(a)) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            match cli::calf_test(a, &mut out, &mut err) {
                Ok(code) => ExitCode::from(code),
                Err(_) => ExitCode::from(cli::EXIT_BAD_FILE),
            }
        }
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
