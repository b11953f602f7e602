//! `screening-i18n` as a translator runs it.

use std::process::Command;

const JOB_OFFER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../questionnaires/job-offer.json"
);

/// `screening-i18n export … | head -1`: the reader leaves early; the command ends without a
/// panic message (it panicked on the failed write).
#[test]
fn output_piped_into_a_reader_that_leaves_early_is_no_panic() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_screening-i18n"))
        .args(["export", JOB_OFFER, "--locale", "tg"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
}
