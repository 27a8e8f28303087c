use clap::Parser;
use triage::cli::{self, Cli};

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => {
            // The wizard arrives with the TUI; until then, print the tree summary.
            cli::run(&cli, &cli::Command::List { json: false })
        }
    };
    std::process::exit(code);
}
