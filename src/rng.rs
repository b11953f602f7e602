//! Randomness for submission ids and randomized response, from the browser's cryptographic
//! generator: a predictable generator would let anyone undo the randomization.

use screening_core::randomized::Random;

/// Fills `bytes` from `crypto.getRandomValues`; false when the browser has no Web Crypto.
pub fn fill(bytes: &mut [u8]) -> bool {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(bytes).is_ok())
}

/// `crypto.getRandomValues`, drawn 64 values at a time.
pub struct CryptoRandom {
    buffer: [u32; 64],
    used: usize,
}

impl CryptoRandom {
    /// `None` when the browser has no Web Crypto (then nothing is randomized or sent).
    pub fn new() -> Option<CryptoRandom> {
        let mut rng = CryptoRandom {
            buffer: [0; 64],
            used: 64,
        };
        rng.refill().then_some(rng)
    }

    fn refill(&mut self) -> bool {
        let mut bytes = [0u8; 256];
        if !fill(&mut bytes) {
            return false;
        }
        for (slot, chunk) in self.buffer.iter_mut().zip(bytes.chunks_exact(4)) {
            *slot = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        self.used = 0;
        true
    }
}

impl Random for CryptoRandom {
    fn below(&mut self, n: u32) -> Option<u32> {
        if self.used == self.buffer.len() && !self.refill() {
            // Web Crypto vanished mid-session: fail closed, never a weak generator.
            return None;
        }
        let x = self.buffer[self.used];
        self.used += 1;
        Some(((u64::from(x) * u64::from(n)) >> 32) as u32)
    }
}
