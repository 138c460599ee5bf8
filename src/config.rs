//! `lurewatch.toml`: every key optional, each with the default the crawler uses without it.
//! Flags on the command line override the file.

use serde::Deserialize;
use std::path::Path;
use std::time::Duration;

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[crawl]`.
    pub crawl: CrawlConfig,
}

/// `[crawl]`: how the crawler behaves.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrawlConfig {
    /// A URL (or mail address) where site owners can reach whoever runs the crawler; it goes
    /// into the User-Agent.
    pub contact: String,
    /// Requests per second per host.
    pub per_host_rps: f64,
    /// Requests in flight at once, all hosts together.
    pub concurrency: usize,
    /// Links followed from a seed at most.
    pub max_depth: u32,
    /// Pages fetched per run at most (0: no limit).
    pub max_pages: u64,
    /// Pages per host per run at most.
    pub max_pages_per_host: u64,
    /// Body bytes per host per run at most.
    pub max_bytes_per_host: u64,
    /// Largest body read, before and after decompression.
    pub max_body_bytes: u64,
    /// Hops off the seed hosts allowed.
    pub follow_external: u32,
    /// Re-validate pages fetched longer ago than this (`7d`).
    pub refresh_after: String,
    /// End a run after this long (`""`: no limit).
    pub time_limit: String,
    /// Connect timeout (`10s`).
    pub connect_timeout: String,
    /// Longest silence while reading a response (`20s`).
    pub read_timeout: String,
    /// Longest a whole request may take (`60s`).
    pub total_timeout: String,
    /// Attempts per URL on 5xx, 429 and network errors.
    pub max_attempts: u32,
    /// Longest Retry-After honoured (`10m`).
    pub max_retry_after: String,
    /// Networks allowed besides the public internet (CIDR).
    pub allow_net: Vec<String>,
    /// Allow every private, loopback and link-local address.
    pub allow_private: bool,
    /// WARC files are rotated past this many bytes.
    pub warc_file_bytes: u64,
    /// Pages between commits of the corpus and the state (a killed run fetches at most these
    /// again).
    pub commit_every: usize,
}

impl Default for CrawlConfig {
    fn default() -> CrawlConfig {
        CrawlConfig {
            contact: "https://github.com/lurewatch/lurewatch".to_owned(),
            per_host_rps: 1.0,
            concurrency: 32,
            max_depth: 5,
            max_pages: 0,
            max_pages_per_host: 20_000,
            max_bytes_per_host: 1 << 30,
            max_body_bytes: 5 * 1024 * 1024,
            follow_external: 0,
            refresh_after: "7d".to_owned(),
            time_limit: String::new(),
            connect_timeout: "10s".to_owned(),
            read_timeout: "20s".to_owned(),
            total_timeout: "60s".to_owned(),
            max_attempts: 3,
            max_retry_after: "10m".to_owned(),
            allow_net: Vec::new(),
            allow_private: false,
            warc_file_bytes: 1 << 30,
            commit_every: 500,
        }
    }
}

impl Config {
    /// Reads `path`; a missing file is an error (the caller decides whether one is needed).
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = fs_err::read_to_string(path)?;
        let config: Config = toml::from_str(&text)
            .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
        config.check()?;
        Ok(config)
    }

    /// Checks values the types cannot (durations, networks, rates).
    pub fn check(&self) -> anyhow::Result<()> {
        let crawl = &self.crawl;
        for (key, value) in [
            ("refresh_after", &crawl.refresh_after),
            ("connect_timeout", &crawl.connect_timeout),
            ("read_timeout", &crawl.read_timeout),
            ("total_timeout", &crawl.total_timeout),
            ("max_retry_after", &crawl.max_retry_after),
        ] {
            parse_duration(value).map_err(|error| anyhow::anyhow!("crawl.{key}: {error}"))?;
        }
        if !crawl.time_limit.is_empty() {
            parse_duration(&crawl.time_limit)
                .map_err(|error| anyhow::anyhow!("crawl.time_limit: {error}"))?;
        }
        for network in &crawl.allow_net {
            network
                .parse::<crate::crawl::address_policy::Network>()
                .map_err(|error| anyhow::anyhow!("crawl.allow_net: {error}"))?;
        }
        if !(crawl.per_host_rps > 0.0 && crawl.per_host_rps.is_finite()) {
            anyhow::bail!("crawl.per_host_rps must be a positive number");
        }
        if crawl.concurrency == 0 || crawl.max_attempts == 0 {
            anyhow::bail!("crawl.concurrency and crawl.max_attempts must be at least 1");
        }
        Ok(())
    }
}

/// `90s`, `30m`, `2h`, `7d`, or a number of seconds.
pub fn parse_duration(text: &str) -> anyhow::Result<Duration> {
    let text = text.trim();
    let (number, unit) = text
        .find(|character: char| !(character.is_ascii_digit() || character == '.'))
        .map_or((text, ""), |at| text.split_at(at));
    let value: f64 = number
        .parse()
        .map_err(|_| anyhow::anyhow!("{text:?} is not a duration (e.g. 90s, 30m, 2h, 7d)"))?;
    let seconds = match unit.trim() {
        "" | "s" => value,
        "m" => value * 60.0,
        "h" => value * 3600.0,
        "d" => value * 86_400.0,
        _ => anyhow::bail!("{text:?} is not a duration (e.g. 90s, 30m, 2h, 7d)"),
    };
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_bad_keys() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("2h").unwrap(), Duration::from_secs(7200));
        assert_eq!(parse_duration("0").unwrap(), Duration::ZERO);
        assert!(parse_duration("soon").is_err());
        assert!(toml::from_str::<Config>("[crawl]\nper_host_rsp = 2\n").is_err());
        let config: Config = toml::from_str("[crawl]\nper_host_rps = 2.5\n").unwrap();
        assert_eq!(config.crawl.per_host_rps, 2.5);
        assert_eq!(config.crawl.max_depth, 5);
    }

    #[test]
    fn the_example_file_documents_every_key_with_its_default() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("lurewatch.example.toml");
        let example = Config::load(&path).unwrap();
        assert_eq!(
            format!("{:?}", example.crawl),
            format!("{:?}", CrawlConfig::default())
        );
    }
}
