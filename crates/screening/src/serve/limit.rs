//! A per-client token bucket that never stores an address: clients are told apart by a keyed
//! hash of their address, with a key made fresh each time the collector starts, kept in memory.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    /// Tokens per second, and bucket size; `None`: no limit.
    rate: Option<(f64, f64)>,
    key: std::collections::hash_map::RandomState,
    buckets: Mutex<HashMap<u64, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn per_minute(n: u32) -> RateLimiter {
        RateLimiter {
            rate: (n > 0).then(|| (f64::from(n) / 60.0, f64::from(n))),
            key: std::collections::hash_map::RandomState::new(),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `client`; `Err(wait)` says how long until one is free.
    pub fn check(&self, client: IpAddr) -> Result<(), Duration> {
        let Some((per_second, burst)) = self.rate else {
            return Ok(());
        };
        let now = Instant::now();
        let id = self.key.hash_one(client);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() > 100_000 {
            // Forget clients whose buckets have refilled: they are as if new.
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_second < burst
            });
        }
        let (tokens, at) = buckets.entry(id).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_burst_then_waits_and_others_are_unaffected() {
        let limiter = RateLimiter::per_minute(3);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!((0..3).all(|_| limiter.check(a).is_ok()));
        let wait = limiter.check(a).unwrap_err();
        assert!(wait > Duration::from_secs(10) && wait <= Duration::from_secs(20));
        assert!(limiter.check(b).is_ok());
        assert!(RateLimiter::per_minute(0).check(a).is_ok());
    }
}
