//! One HTTP GET, the crawler's way: address policy before connecting, conditional headers,
//! timeouts, no automatic redirects (the crawler follows them itself, so robots, scope and the
//! seen-set apply to every hop), bodies only of the types it processes, read as a stream under
//! a size cap.

use super::address_policy::{AddressPolicy, GuardedResolver};
use std::net::IpAddr;
use std::time::Duration;
use url::Url;

/// How the crawler talks HTTP.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    /// `User-Agent`, with a contact URL.
    pub user_agent: String,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes.
    pub read_timeout: Duration,
    /// Longest a whole request may take.
    pub total_timeout: Duration,
    /// Largest body read (as received, before decompression).
    pub max_body_bytes: u64,
    /// Which addresses may be contacted.
    pub policy: AddressPolicy,
    /// Fixed host entries, looked up before DNS (the demo's made-up names).
    pub hosts: Vec<(String, IpAddr)>,
}

/// A response as received.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Status code.
    pub status: u16,
    /// Headers, lower-case names.
    pub headers: Vec<(String, String)>,
    /// Status line and headers as the archive keeps them.
    pub head: Vec<u8>,
    /// The request as sent.
    pub request: Vec<u8>,
    /// The body as received (still content-encoded), empty when not read.
    pub body: Vec<u8>,
    /// Whether the body was read (types the crawler does not process are not downloaded).
    pub body_read: bool,
    /// The address that answered.
    pub ip: Option<IpAddr>,
}

impl Fetched {
    /// The value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Why a fetch failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    /// The address policy refused the host.
    #[error("refused: {0}")]
    Refused(String),
    /// A timeout.
    #[error("timeout")]
    Timeout,
    /// The body was larger than the cap.
    #[error("body larger than {0} bytes")]
    TooLarge(u64),
    /// Connection or protocol failure.
    #[error("network: {0}")]
    Network(String),
}

impl FetchError {
    /// A short kind for the run summary.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::Refused(_) => "refused address",
            FetchError::Timeout => "timeout",
            FetchError::TooLarge(_) => "body over cap",
            FetchError::Network(_) => "network",
        }
    }
}

/// The HTTP client.
pub struct Fetcher {
    client: reqwest::Client,
    settings: FetchSettings,
}

/// Media types whose bodies are downloaded: pages, and XML for sitemaps.
pub fn wanted(media_type: &str) -> bool {
    matches!(
        media_type,
        "" | "text/html"
            | "application/xhtml+xml"
            | "text/plain"
            | "application/xml"
            | "text/xml"
            | "application/gzip"
            | "application/x-gzip"
    )
}

impl Fetcher {
    /// A client for `settings`.
    pub fn new(settings: FetchSettings) -> reqwest::Result<Fetcher> {
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .connect_timeout(settings.connect_timeout)
            .read_timeout(settings.read_timeout)
            .timeout(settings.total_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(GuardedResolver::new(
                settings.policy.clone(),
                settings.hosts.clone(),
            ))
            .pool_max_idle_per_host(4)
            .tcp_nodelay(true)
            .build()?;
        Ok(Fetcher { client, settings })
    }

    /// GETs `url`, with `If-None-Match`/`If-Modified-Since` when validators are given.
    pub async fn get(
        &self,
        url: &Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, FetchError> {
        self.fetch(url, etag, last_modified, false).await
    }

    /// GETs `url` and reads its body whatever its type (for robots.txt).
    pub async fn get_any_type(&self, url: &Url) -> Result<Fetched, FetchError> {
        self.fetch(url, None, None, true).await
    }

    async fn fetch(
        &self,
        url: &Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
        any_type: bool,
    ) -> Result<Fetched, FetchError> {
        match url.host() {
            Some(url::Host::Ipv4(ip)) => self.settings.policy.check(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => self.settings.policy.check(IpAddr::V6(ip)),
            Some(url::Host::Domain(_)) => Ok(()),
            None => Err("no host".to_owned()),
        }
        .map_err(FetchError::Refused)?;
        let mut headers = vec![
            (
                "Accept",
                "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1".to_owned(),
            ),
            ("Accept-Encoding", "gzip, deflate".to_owned()),
        ];
        if let Some(etag) = etag {
            headers.push(("If-None-Match", etag.to_owned()));
        }
        if let Some(last_modified) = last_modified {
            headers.push(("If-Modified-Since", last_modified.to_owned()));
        }
        let mut builder = self.client.get(url.clone());
        for (name, value) in &headers {
            builder = builder.header(*name, value);
        }
        let request = request_bytes(url, &self.settings.user_agent, &headers);
        let mut response = builder.send().await.map_err(classify_error)?;
        let status = response.status().as_u16();
        let ip = response.remote_addr().map(|address| address.ip());
        let response_headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let head = head_bytes(
            status,
            response.status().canonical_reason(),
            &response_headers,
        );
        let media_type = response_headers
            .iter()
            .find(|(name, _)| name == "content-type")
            .map(|(_, value)| crate::evidence::http_response::media_type(value))
            .unwrap_or_default();
        let mut fetched = Fetched {
            status,
            headers: response_headers,
            head,
            request,
            body: Vec::new(),
            body_read: false,
            ip,
        };
        if !any_type && !wanted(&media_type) {
            return Ok(fetched); // dropping the response closes the connection unread
        }
        let cap = self.settings.max_body_bytes;
        if response.content_length().is_some_and(|length| length > cap) {
            return Err(FetchError::TooLarge(cap));
        }
        while let Some(chunk) = response.chunk().await.map_err(classify_error)? {
            if (fetched.body.len() + chunk.len()) as u64 > cap {
                return Err(FetchError::TooLarge(cap));
            }
            fetched.body.extend_from_slice(&chunk);
        }
        fetched.body_read = true;
        Ok(fetched)
    }
}

fn classify_error(error: reqwest::Error) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout;
    }
    // The resolver's refusal arrives as the source of a connect error.
    let mut source: Option<&dyn std::error::Error> = Some(&error);
    while let Some(inner) = source {
        let text = inner.to_string();
        if text.contains("(refused;") {
            return FetchError::Refused(text);
        }
        source = inner.source();
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    FetchError::Network(text)
}

/// The request as the archive keeps it.
fn request_bytes(url: &Url, user_agent: &str, headers: &[(&str, String)]) -> Vec<u8> {
    let mut target = url.path().to_owned();
    if let Some(query) = url.query() {
        target.push('?');
        target.push_str(query);
    }
    let mut text = format!(
        "GET {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {user_agent}\r\n",
        super::canonical::host_key(url)
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// Status line and headers as the archive keeps them. The body is stored de-chunked, so a
/// `Transfer-Encoding` header is kept under another name (as Common Crawl does).
fn head_bytes(status: u16, reason: Option<&str>, headers: &[(String, String)]) -> Vec<u8> {
    let mut text = format!("HTTP/1.1 {status} {}\r\n", reason.unwrap_or(""));
    for (name, value) in headers {
        let name = if name == "transfer-encoding" {
            "x-crawler-transfer-encoding"
        } else {
            name
        };
        text.push_str(&format!("{name}: {}\r\n", value.replace(['\r', '\n'], " ")));
    }
    text.push_str("\r\n");
    text.into_bytes()
}
