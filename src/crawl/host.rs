//! What the crawler knows about one host during a run: its robots.txt, its rate limiter, its
//! queue, its budgets and its failures.

use super::robots::Robots;
use super::state::Entry;
use governor::{Quota, RateLimiter};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A host's rate limiter (one per host, so that a Crawl-delay can slow one host alone).
pub type Limiter = governor::DefaultDirectRateLimiter;

/// Spacing is this much longer than `1 / rate`, so that timing noise never puts more than
/// `rate` request starts into a one-second window.
const SPACING_MARGIN: f64 = 1.04;

/// Where the host's robots.txt stands.
pub enum RobotsState {
    /// Not fetched in this run (and not cached).
    Unknown,
    /// Being fetched.
    Fetching,
    /// Known.
    Ready(Robots),
}

/// One host (`host[:port]`).
pub struct Host {
    /// robots.txt.
    pub robots: RobotsState,
    /// Failed robots.txt attempts in this run.
    pub robots_failures: u32,
    /// Paces every request to the host, robots.txt and sitemaps included.
    pub limiter: Arc<Limiter>,
    /// URLs waiting.
    pub queue: VecDeque<Entry>,
    /// Requests in flight.
    pub in_flight: usize,
    /// Requests in flight allowed.
    pub max_in_flight: usize,
    /// Requests started in this run.
    pub pages: u64,
    /// Body bytes received in this run.
    pub bytes: u64,
    /// Failures since the last success.
    pub failures_in_row: u32,
    /// 429/503 answers in this run.
    pub backoffs: u32,
    /// No request before this (Retry-After, backoff).
    pub not_before: Instant,
    /// Why the host is paused for the rest of the run, if it is.
    pub paused: Option<String>,
    /// Why the address policy refuses the host, if it does.
    pub refused: Option<String>,
}

impl Host {
    /// A host paced at `rps` requests per second.
    pub fn new(rps: f64) -> Host {
        Host {
            robots: RobotsState::Unknown,
            robots_failures: 0,
            limiter: limiter(1.0 / rps),
            queue: VecDeque::new(),
            in_flight: 0,
            // One request at a time unless the rate leaves room for more.
            max_in_flight: (rps / 2.0).ceil().clamp(1.0, 8.0) as usize,
            pages: 0,
            bytes: 0,
            failures_in_row: 0,
            backoffs: 0,
            not_before: Instant::now(),
            paused: None,
            refused: None,
        }
    }

    /// Takes the host's robots.txt answer; a Crawl-delay longer than the rate's spacing slows
    /// the host down.
    pub fn set_robots(&mut self, status: u16, body: &[u8], rps: f64) {
        let robots = Robots::from_response(status, body);
        if let Some(delay) = robots.delay().filter(|delay| *delay > 1.0 / rps) {
            self.limiter = limiter(delay);
            self.max_in_flight = 1;
        }
        self.robots = RobotsState::Ready(robots);
    }
}

fn limiter(seconds_between: f64) -> Arc<Limiter> {
    let period = Duration::from_secs_f64((seconds_between * SPACING_MARGIN).max(1e-6));
    let quota = Quota::with_period(period).unwrap_or_else(|| Quota::per_second(nonzero(1)));
    Arc::new(RateLimiter::direct(quota.allow_burst(nonzero(1))))
}

fn nonzero(value: u32) -> std::num::NonZeroU32 {
    std::num::NonZeroU32::new(value).unwrap_or(std::num::NonZeroU32::MIN)
}
