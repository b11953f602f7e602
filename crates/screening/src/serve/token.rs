//! The admin token: where it comes from, and the strength it must have. A token that could be
//! guessed is refused at start, because the guard only slows guessing down (see `guard.rs`):
//! at 256 bits nobody finishes, however many networks they guess from.

use super::ServeArgs;
use std::path::Path;

/// The least entropy an admin token must show, in bits (32 random bytes).
pub const MIN_BITS: f64 = 256.0;
/// The fewest different characters a token must use (a long run of a few characters is not
/// random, whatever its length).
const MIN_DISTINCT: usize = 10;

/// How to make a token, said with every refusal.
pub const HOW_TO_MAKE: &str = "make one with `screening admin-token > admin-token && chmod 600 \
                               admin-token` (or `openssl rand -hex 32`) and pass \
                               --admin-token-file admin-token";

/// A new token: 32 bytes from the system's random source, as 64 hex digits.
pub fn generate() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("the system's random source: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// An upper estimate of the entropy of `token` if it was drawn at random from the smallest
/// usual alphabet that holds its characters: hex digits (4 bits each), else the union of the
/// character classes it uses (lower case, upper case, digits, other ASCII (punctuation, space), and 8 bits for
/// anything else). A person's password scores far too high here, which is why only random
/// tokens are recommended; the estimate refuses what is surely too weak.
pub fn entropy_bits(token: &str) -> f64 {
    let chars: Vec<char> = token.chars().collect();
    let hex_lower = chars
        .iter()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(c));
    let hex_upper = chars
        .iter()
        .all(|c| c.is_ascii_digit() || ('A'..='F').contains(c));
    let alphabet = if hex_lower || hex_upper {
        16.0
    } else {
        let has = |f: fn(&char) -> bool| chars.iter().any(f);
        let mut size = 0.0;
        if has(char::is_ascii_lowercase) {
            size += 26.0;
        }
        if has(char::is_ascii_uppercase) {
            size += 26.0;
        }
        if has(char::is_ascii_digit) {
            size += 10.0;
        }
        if has(|c| c.is_ascii() && !c.is_ascii_alphanumeric()) {
            size += 33.0;
        }
        if has(|c| !c.is_ascii()) {
            size += 256.0;
        }
        f64::max(size, 2.0)
    };
    #[allow(clippy::cast_precision_loss)] // a token is far shorter than 2^52 characters
    let len = chars.len() as f64;
    len * f64::log2(alphabet)
}

/// Refuses a token that is too weak to be safe from guessing, saying why and how to make one.
pub fn check_strength(token: &str) -> Result<(), String> {
    let bits = entropy_bits(token);
    let mut distinct: Vec<char> = token.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if bits + 1e-9 < MIN_BITS {
        return Err(format!(
            "the admin token is too weak: {} characters carry at most {bits:.0} bits, and a \
             token needs {MIN_BITS:.0} (32 random bytes) so that it cannot be guessed; {HOW_TO_MAKE}",
            token.chars().count()
        ));
    }
    if distinct.len() < MIN_DISTINCT {
        return Err(format!(
            "the admin token is not random: it uses only {} different characters; {HOW_TO_MAKE}",
            distinct.len()
        ));
    }
    Ok(())
}

/// The admin token: from `--admin-token-file`, or `--admin-token` / SCREENING_ADMIN_TOKEN,
/// checked for strength.
pub fn admin_token(args: &ServeArgs) -> Result<Option<String>, String> {
    let from_value = args.admin_token.clone().filter(|t| !t.trim().is_empty());
    let token = match &args.admin_token_file {
        None => from_value.map(|t| t.trim().to_owned()),
        Some(_) if from_value.is_some() => {
            return Err(
                "give the admin token once: --admin-token-file, or SCREENING_ADMIN_TOKEN (or \
                 --admin-token), not both"
                    .into(),
            );
        }
        Some(file) => Some(read_token(file)?),
    };
    if let Some(token) = &token {
        check_strength(token)?;
    }
    Ok(token)
}

fn read_token(file: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("--admin-token-file {}: {e}", file.display()))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(format!(
            "--admin-token-file {}: the file is empty; {HOW_TO_MAKE}",
            file.display()
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(file)
            && meta.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(
                file = %file.display(),
                "the admin token file can be read by other users: chmod 600 it"
            );
        }
    }
    Ok(token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_of_32_bytes_pass_and_guessable_ones_do_not() {
        for _ in 0..50 {
            let hex = generate().unwrap();
            assert_eq!(hex.len(), 64);
            assert!(check_strength(&hex).is_ok(), "{hex}");
            assert!(check_strength(&hex.to_ascii_uppercase()).is_ok());
        }
        // `openssl rand -base64 32`: 44 characters.
        assert!(check_strength("q2Lr0yO9tq6mZ8YtB3Vw0uQm1Gf7cX4eJk2Hs9Pa0Rc=").is_ok());
        for weak in [
            "demo",
            "changeme",
            "correct horse battery staple",
            // 31 random bytes in hex: 248 bits.
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddee",
            // A UUID: 122 random bits.
            "6f1c2b0e-8a1d-4b7e-9d3a-2f4e5c6b7a81",
            &"a".repeat(200),
            &"ab".repeat(100),
        ] {
            let e = check_strength(weak).expect_err(weak);
            assert!(e.contains("screening admin-token"), "{e}");
        }
    }

    #[test]
    fn the_estimate_uses_the_smallest_alphabet() {
        assert!((entropy_bits("ff") - 8.0).abs() < 1e-9);
        assert!((entropy_bits("zz") - 2.0 * 26f64.log2()).abs() < 1e-9);
        assert!((entropy_bits("aZ9") - 3.0 * 62f64.log2()).abs() < 1e-9);
    }
}
