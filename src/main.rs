use std::process::ExitCode;

fn main() -> ExitCode {
    match skillgap::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the chain of contexts joined, with user text made inert.
            let msg = format!("{e:#}");
            eprintln!("error: {}", skillgap::text::inert(&msg));
            ExitCode::from(1)
        }
    }
}
