//! What the crawler knows about one host during a run: its robots.txt, its rate limiter, its
//! queue, its budgets and its failures.

use super::robots::Robots;
use super::state::Entry;
use governor::{Quota, RateLimiter};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Paces the requests to one host (one per host, so that a Crawl-delay can slow one host
/// alone): a `governor` limiter for the rate, and, when one request at a time goes to the
/// host, a minimum gap after the previous answer — so that a request held up on its way out
/// cannot land too close to the next one.
pub struct Pacer {
    limiter: governor::DefaultDirectRateLimiter,
    min_gap: Duration,
    last_answer: std::sync::Mutex<Option<Instant>>,
}

impl Pacer {
    /// Waits until the host may get the next request.
    pub async fn ready(&self) {
        self.limiter.until_ready().await;
        let last = *self
            .last_answer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(last) = last {
            let earliest = last + self.min_gap;
            if earliest > Instant::now() {
                tokio::time::sleep_until(earliest.into()).await;
            }
        }
    }

    /// Notes that an answer (or a failure) came back.
    pub fn answered(&self) {
        self.answered_at(Some(Instant::now()));
    }

    fn answered_at(&self, at: Option<Instant>) {
        *self
            .last_answer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = at;
    }
}

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
    pub limiter: Arc<Pacer>,
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
        // One request at a time unless the rate leaves room for more.
        let max_in_flight = (rps / 2.0).ceil().clamp(1.0, 8.0) as usize;
        Host {
            robots: RobotsState::Unknown,
            robots_failures: 0,
            limiter: pacer(1.0 / rps, max_in_flight == 1),
            queue: VecDeque::new(),
            in_flight: 0,
            max_in_flight,
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
            let last_answer = *self
                .limiter
                .last_answer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            self.limiter = pacer(delay, true);
            // The robots.txt request itself counts: the delay runs from its answer.
            self.limiter.answered_at(last_answer);
            self.max_in_flight = 1;
        }
        self.robots = RobotsState::Ready(robots);
    }
}

fn pacer(seconds_between: f64, one_at_a_time: bool) -> Arc<Pacer> {
    let period = Duration::from_secs_f64((seconds_between * SPACING_MARGIN).max(1e-6));
    let quota = Quota::with_period(period).unwrap_or_else(|| Quota::per_second(nonzero(1)));
    Arc::new(Pacer {
        limiter: RateLimiter::direct(quota.allow_burst(nonzero(1))),
        min_gap: if one_at_a_time {
            Duration::from_secs_f64(seconds_between)
        } else {
            Duration::ZERO
        },
        last_answer: std::sync::Mutex::new(None),
    })
}

fn nonzero(value: u32) -> std::num::NonZeroU32 {
    std::num::NonZeroU32::new(value).unwrap_or(std::num::NonZeroU32::MIN)
}
