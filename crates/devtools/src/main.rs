//! `screening-dev`: the collector's development tools (see the library's docs).

use clap::{Parser, Subcommand};
use screening_devtools::{load, multiply};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "screening-dev",
    about = "Development tools for the screening collector: load generation, database multiplication"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Post generated reports to a collector and print throughput and latency.
    Load(load::LoadArgs),
    /// Multiply the stored reports (placeholder payloads, new ids) and their counters by a
    /// factor, directly in the database of a stopped collector. Irreversible.
    Generate {
        #[arg(long)]
        db: String,
        #[arg(long)]
        multiply: u32,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Load(args) => load::run(args).map(|summary| println!("{summary}")),
        Command::Generate { db, multiply } => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|rt| rt.block_on(multiply::multiply(&db, multiply)))
            .map(|n| println!("{n} reports stored")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("screening-dev: {message}");
            ExitCode::FAILURE
        }
    }
}
