//! The `lurewatch` binary: parses flags, sets up logging, runs a command, maps the outcome to
//! an exit code (0 success, 1 some inputs failed, 2 usage or fatal error, 3 another
//! crawl holds the index).

mod cli;
mod commands;

use clap::Parser;
use cli::args::{Cli, Command};
use commands::Outcome;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let result = match &cli.command {
        Command::Extract(args) => commands::extract::run(args),
        Command::Classify(args) => commands::classify::run(args),
        Command::Train(args) => commands::train::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Search(args) => commands::search::run(args),
        Command::Crawl(args) => commands::crawl::run(args),
        Command::Verify(args) => commands::verify::run(args),
        Command::Wallets(args) => commands::link::wallets(args),
        Command::Wallet(args) => commands::link::wallet(args),
        Command::Clusters(args) => commands::link::clusters(args),
        Command::Export(args) => commands::link::export(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Watch(args) => commands::watch::run(args),
        Command::Config(args) => commands::config::run(args),
        Command::Seeds(args) => commands::seeds::run(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Ok(Outcome::Locked) => ExitCode::from(3),
        Err(error) => {
            eprintln!("lurewatch: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}
