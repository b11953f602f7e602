//! The `screening` command: checks and scores questionnaire definitions, runs the collector.

use screening::aggregate;

mod check;
mod serve;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "screening",
    version,
    about = "Check and score screening-form questionnaires"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a questionnaire definition (or, with --contacts, a contact directory).
    ///
    /// Exit status: 0 valid, 1 invalid (every error listed with its JSON path), 2 unreadable.
    Check {
        /// The definition's JSON file.
        file: PathBuf,
        /// The file is a contact directory, not a questionnaire.
        #[arg(long)]
        contacts: bool,
    },
    /// Score answers against a definition and print the result as JSON.
    ///
    /// The result has, for each scale, its band, score, red flags and the reasons (question and
    /// answer ids with their indicator). Exit status: 0 scored, 1 invalid definition or answers,
    /// 2 unreadable file.
    Score {
        /// The definition's JSON file.
        file: PathBuf,
        /// The answers: a JSON file, or inline JSON such as '{"fee": "yes"}'. Questions not
        /// present are skipped; multi-select answers are lists.
        #[arg(long)]
        answers: String,
    },
    /// Run the collector: accept anonymous reports, store them in SQLite, serve aggregates.
    ///
    /// API: POST /v1/submissions, GET /v1/aggregates?questionnaire=ID (admin token),
    /// GET /v1/aggregates.csv, GET /healthz. See docs/collector.md.
    Serve(serve::ServeArgs),
    /// Print a new admin token for `screening serve --admin-token-file`: 32 random bytes from
    /// the system's random source, as 64 hex digits.
    ///
    /// Usage: `screening admin-token > admin-token && chmod 600 admin-token`.
    AdminToken,
    /// Copy a collector's database to a new file while the collector runs.
    ///
    /// The copy is one consistent snapshot (SQLite's VACUUM INTO), a single self-contained file
    /// (no -wal needed), compacted and checked; it prints how many reports it holds. OUT must
    /// not exist.
    Backup {
        /// The collector's database (the --db of `screening serve`).
        #[arg(long, default_value = "screening.sqlite")]
        db: PathBuf,
        /// The new file.
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        // A command whose output is piped into `head` ends quietly when the reader goes, as
        // other command-line tools do, instead of panicking on the failed write. Not for the
        // collector: a closed log pipe must never stop it.
        // SAFETY: restores the default disposition of one signal before any thread starts.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    match cli.command {
        Command::Check { file, contacts } => check::check(&file, contacts),
        Command::Score { file, answers } => check::score(&file, &answers),
        Command::Serve(args) => exit("serve", serve::run(args)),
        Command::AdminToken => exit(
            "admin-token",
            serve::token::generate().map(|token| println!("{token}")),
        ),
        Command::Backup { db, out } => exit(
            "backup",
            serve::backup(&db, &out).map(|n| {
                println!(
                    "{n} reports copied to {} (one self-contained file, checked)",
                    out.display()
                );
            }),
        ),
    }
}

fn exit(command: &str, result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("screening {command}: {message}");
            ExitCode::FAILURE
        }
    }
}
