//! Per-client rate limiting with `governor` (GCRA, keyed). No address is stored: clients are
//! told apart by a keyed hash (SipHash-1-3 with a key made fresh each time the collector starts,
//! kept in memory) of their network: an IPv4 address, or the /64 prefix of an IPv6 address (one
//! household or phone gets a whole /64 and can rotate through it). Behind a reverse proxy
//! (`--trust-proxy`) the client is the last address the proxy appended to `X-Forwarded-For`.

use axum::http::HeaderMap;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Buckets are pruned once there are more than this many (and every minute anyway).
const PRUNE_ABOVE: usize = 100_000;

pub struct RateLimiter {
    limiter: Option<DefaultKeyedRateLimiter<u64>>,
    key: std::hash::RandomState,
    trust_proxy: bool,
    checks: AtomicU64,
}

impl RateLimiter {
    /// `n` reports per minute per client, with a burst of `n`; 0: no limit.
    pub fn per_minute(n: u32, trust_proxy: bool) -> RateLimiter {
        RateLimiter {
            limiter: NonZeroU32::new(n)
                .map(|n| DefaultKeyedRateLimiter::keyed(Quota::per_minute(n))),
            key: std::hash::RandomState::new(),
            trust_proxy,
            checks: AtomicU64::new(0),
        }
    }

    /// The bucket a request counts against: a keyed hash of the client's network.
    pub fn client_key(&self, peer: IpAddr, headers: &HeaderMap) -> u64 {
        let client = if self.trust_proxy {
            forwarded_for(headers).unwrap_or(peer)
        } else {
            peer
        };
        self.key.hash_one(network(client))
    }

    /// Takes a token for `client`; `Err(wait)` says how long until one is available.
    pub fn check(&self, client: u64) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        // Bounded memory: every 4,096 checks, forget buckets that have refilled (they are as
        // good as new) if there are many. governor prunes shard by shard, not under one lock.
        if self
            .checks
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(4096)
            && limiter.len() > PRUNE_ABOVE
        {
            self.prune();
        }
        limiter
            .check_key(&client)
            .map_err(|not_until| not_until.wait_time_from(limiter.clock().now()))
    }

    /// Forgets the buckets that are full again.
    pub fn prune(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    #[cfg(test)]
    fn buckets(&self) -> usize {
        self.limiter.as_ref().map_or(0, |l| l.len())
    }
}

/// `Retry-After` in whole seconds: the wait rounded up, so a client that waits that long finds
/// a token (never 0).
pub fn retry_after_secs(wait: Duration) -> u64 {
    u64::try_from(wait.as_nanos().div_ceil(1_000_000_000))
        .unwrap_or(u64::MAX)
        .max(1)
}

/// What is hashed for a client: the IPv4 address (also when written as an IPv4-mapped IPv6
/// address), or the first 64 bits of an IPv6 address.
fn network(ip: IpAddr) -> [u8; 9] {
    let mut key = [0u8; 9];
    match ip.to_canonical() {
        IpAddr::V4(v4) => key[1..5].copy_from_slice(&v4.octets()),
        IpAddr::V6(v6) => {
            key[0] = 6;
            key[1..9].copy_from_slice(&v6.octets()[..8]);
        }
    }
    key
}

/// The last address in the last `X-Forwarded-For` header: the one the trusted proxy itself
/// appended (earlier ones come from the client and can be anything).
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().next_back()?;
    let entry = last.to_str().ok()?.rsplit(',').next()?.trim();
    entry
        .parse()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_client_gets_its_burst_then_waits_and_others_are_unaffected() {
        let limiter = RateLimiter::per_minute(3, false);
        let none = HeaderMap::new();
        let a = limiter.client_key(ip("192.0.2.1"), &none);
        let b = limiter.client_key(ip("192.0.2.2"), &none);
        assert!((0..3).all(|_| limiter.check(a).is_ok()));
        let wait = limiter.check(a).unwrap_err();
        assert!(
            wait > Duration::from_secs(19) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert_eq!(retry_after_secs(wait), 20);
        assert!(limiter.check(b).is_ok());
        let open = RateLimiter::per_minute(0, false);
        assert!((0..100).all(|_| open.check(a).is_ok()));
    }

    #[test]
    fn retry_after_is_the_wait_rounded_up() {
        // At the default 30 per minute a token comes every 2 s: "1" was wrong.
        let limiter = RateLimiter::per_minute(30, false);
        let a = limiter.client_key(ip("192.0.2.1"), &HeaderMap::new());
        for _ in 0..30 {
            limiter.check(a).unwrap();
        }
        assert_eq!(retry_after_secs(limiter.check(a).unwrap_err()), 2);
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_secs(20)), 20);
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_prefix() {
        let limiter = RateLimiter::per_minute(1, false);
        let none = HeaderMap::new();
        let one = limiter.client_key(ip("2001:db8:1:2::1"), &none);
        let same_64 = limiter.client_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), &none);
        let other_64 = limiter.client_key(ip("2001:db8:1:3::1"), &none);
        assert_eq!(one, same_64);
        assert_ne!(one, other_64);
        assert!(limiter.check(one).is_ok());
        assert!(
            limiter.check(same_64).is_err(),
            "a rotated address is the same client"
        );
        assert!(limiter.check(other_64).is_ok());
        // An IPv4-mapped address is the IPv4 client.
        assert_eq!(
            limiter.client_key(ip("::ffff:192.0.2.1"), &none),
            limiter.client_key(ip("192.0.2.1"), &none)
        );
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy = ip("127.0.0.1");
        let mut headers = HeaderMap::new();
        headers.append(
            "x-forwarded-for",
            "198.51.100.7, 203.0.113.9".parse().unwrap(),
        );
        let plain = RateLimiter::per_minute(1, false);
        assert_eq!(
            plain.client_key(proxy, &headers),
            plain.client_key(proxy, &HeaderMap::new()),
            "without --trust-proxy the header is ignored"
        );
        let trusting = RateLimiter::per_minute(1, true);
        let visitor = trusting.client_key(proxy, &headers);
        assert_eq!(
            visitor,
            trusting.client_key(ip("203.0.113.9"), &HeaderMap::new())
        );
        let mut other = HeaderMap::new();
        other.append("x-forwarded-for", "203.0.113.10".parse().unwrap());
        assert_ne!(visitor, trusting.client_key(proxy, &other));
        // A spoofed first entry changes nothing: the proxy's own entry is the last.
        let mut spoofed = HeaderMap::new();
        spoofed.append("x-forwarded-for", "10.9.8.7, 203.0.113.9".parse().unwrap());
        assert_eq!(visitor, trusting.client_key(proxy, &spoofed));
        // No usable header: the peer.
        let mut junk = HeaderMap::new();
        junk.append("x-forwarded-for", "unknown".parse().unwrap());
        assert_eq!(
            trusting.client_key(proxy, &junk),
            trusting.client_key(proxy, &HeaderMap::new())
        );
    }

    #[test]
    fn refilled_buckets_are_forgotten() {
        let limiter = RateLimiter::per_minute(600, false);
        let none = HeaderMap::new();
        for i in 0..50u8 {
            let key = limiter.client_key(IpAddr::from([192, 0, 2, i]), &none);
            limiter.check(key).unwrap();
        }
        assert_eq!(limiter.buckets(), 50);
        // A token comes every 100 ms; governor forgets a key 2 periods after its last use.
        std::thread::sleep(Duration::from_millis(300));
        limiter.prune();
        assert_eq!(limiter.buckets(), 0);
    }
}
