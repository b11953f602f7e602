//! Randomized response (local differential privacy) for sensitive questions.
//!
//! Each answer is reported truthfully with probability `p = e^ε / (e^ε + k − 1)`, otherwise as
//! one of the other `k − 1` answers chosen uniformly (k-ary randomized response). No single
//! report can be trusted, so none can incriminate anyone; the collector still estimates the
//! true proportions by undoing the known noise (see [`debias`]).

/// A source of uniform randomness. The widget uses the browser's cryptographic generator;
/// tests and benchmarks use [`SplitMix64`] with a fixed seed.
///
/// A generator that fails returns `None`: randomization fails closed (nothing is sent), never
/// open (the truth sent for want of noise).
pub trait Random {
    /// A uniform integer in `0..n` (`n > 0`), or `None` when no randomness can be had.
    fn below(&mut self, n: u32) -> Option<u32>;

    /// A uniform number in `[0, 1)`.
    fn unit(&mut self) -> Option<f64> {
        Some(f64::from(self.below(1 << 30)?) / f64::from(1u32 << 30))
    }
}

/// The probability of reporting the true answer among `k` possible answers.
pub fn truth_probability(epsilon: f64, k: usize) -> f64 {
    let e = epsilon.exp();
    e / (e + k as f64 - 1.0)
}

/// Randomizes the answer at index `truth` among `k` answers; returns the index to report, or
/// `None` when the generator failed.
pub fn randomize(truth: usize, k: usize, epsilon: f64, rng: &mut impl Random) -> Option<usize> {
    if k < 2 || truth >= k {
        return Some(truth);
    }
    if rng.unit()? < truth_probability(epsilon, k) {
        Some(truth)
    } else {
        // Uniform among the other k - 1 answers.
        let other = rng.below((k - 1) as u32)? as usize;
        Some(if other >= truth { other + 1 } else { other })
    }
}

/// Estimated true counts from reported counts (one per answer, in the same order), given the
/// mechanism's `epsilon`. Unbiased; may fall below 0 or above n for small n by chance.
pub fn debias(reported: &[u64], epsilon: f64) -> Vec<f64> {
    let k = reported.len();
    let n: u64 = reported.iter().sum();
    if k < 2 || n == 0 {
        return reported.iter().map(|&c| c as f64).collect();
    }
    let p = truth_probability(epsilon, k);
    let q = (1.0 - p) / (k as f64 - 1.0);
    let n = n as f64;
    reported
        .iter()
        .map(|&c| (c as f64 - n * q) / (p - q))
        .collect()
}

/// A small, fast, seedable generator (SplitMix64) for tests, benchmarks and load generation.
/// Not for real reports: the widget uses the browser's cryptographic generator.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Random for SplitMix64 {
    fn below(&mut self, n: u32) -> Option<u32> {
        Some((((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_debiased_estimate_recovers_the_true_proportions() {
        // n = 10,000, epsilon = 1, three answers with true shares 60/30/10 %.
        let truth = [0.6, 0.3, 0.1];
        let n = 10_000;
        let mut rng = SplitMix64(20261129);
        let mut reported = [0u64; 3];
        for i in 0..n {
            let answer = if (i as f64) < truth[0] * n as f64 {
                0
            } else if (i as f64) < (truth[0] + truth[1]) * n as f64 {
                1
            } else {
                2
            };
            reported[randomize(answer, 3, 1.0, &mut rng).unwrap()] += 1;
        }
        // The noise is real: raw shares are far from the truth...
        assert!((reported[2] as f64 / n as f64 - 0.1).abs() > 0.05);
        // ...and the estimate undoes it to within 3 points.
        let estimate = debias(&reported, 1.0);
        for (e, t) in estimate.iter().zip(truth) {
            assert!(
                (e / n as f64 - t).abs() < 0.03,
                "estimated {e}, true share {t}"
            );
        }
    }

    #[test]
    fn truthful_probability_matches_the_formula() {
        let p = truth_probability(1.0, 2);
        assert!((p - 1f64.exp() / (1f64.exp() + 1.0)).abs() < 1e-12);
        assert!(truth_probability(10.0, 4) > 0.99);
    }

    #[test]
    fn randomized_answers_stay_in_range_and_each_other_answer_is_used() {
        let mut rng = SplitMix64(7);
        let mut seen = [0u32; 4];
        for _ in 0..4000 {
            seen[randomize(1, 4, 0.5, &mut rng).unwrap()] += 1;
        }
        assert!(seen.iter().all(|&c| c > 400), "{seen:?}");
        assert_eq!(randomize(0, 1, 1.0, &mut rng), Some(0));
    }

    #[test]
    fn splitmix_below_is_in_range() {
        let mut rng = SplitMix64(1);
        assert!((0..1000).all(|_| rng.below(3).is_some_and(|x| x < 3)));
    }
}
