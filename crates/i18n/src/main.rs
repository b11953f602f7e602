//! `screening-i18n`: PO files for translators' tools, review status, review packs, Uzbek
//! Cyrillic (docs/translating.md).

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "screening-i18n",
    about = "Translations: PO files for translators' tools, review status, review packs, Uzbek Cyrillic"
)]
struct Cli {
    #[command(subcommand)]
    command: screening_i18n::tool::Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Output piped into `head` ends quietly when the reader goes, as other command-line tools
    // do, instead of panicking on the failed write.
    // SAFETY: restores the default disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    match screening_i18n::tool::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("screening-i18n: {message}");
            ExitCode::FAILURE
        }
    }
}
