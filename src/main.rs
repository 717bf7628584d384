use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match skillgap::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the chain of contexts joined, with user text made inert. A write
            // error (stderr was the terminal that just went away) must not become a panic.
            let msg = format!("{e:#}");
            let _ = writeln!(std::io::stderr(), "error: {}", skillgap::text::inert(&msg));
            ExitCode::from(1)
        }
    }
}
