//! robots.txt (with `texting_robots`) and sitemaps.

use crate::evidence::http_response::decode_content;
use texting_robots::Robot;

/// The product token robots.txt rules are matched against.
pub const AGENT: &str = "lurewatch";

/// Longest Crawl-delay honoured, in seconds.
pub const MAX_CRAWL_DELAY: f64 = 30.0;

/// A host's rules.
pub struct Robots {
    robot: Option<Robot>,
}

impl Robots {
    /// Rules from a robots.txt answer: a 2xx body is parsed; a 4xx (no robots.txt) allows
    /// everything. (5xx and 429 never get here: the host is deferred.)
    pub fn from_response(status: u16, body: &[u8]) -> Robots {
        let robot = (200..300)
            .contains(&status)
            .then(|| Robot::new(AGENT, body).ok())
            .flatten();
        Robots { robot }
    }

    /// Whether `url` may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        self.robot.as_ref().is_none_or(|robot| robot.allowed(url))
    }

    /// Crawl-delay, capped, in seconds.
    pub fn delay(&self) -> Option<f64> {
        self.robot
            .as_ref()
            .and_then(|robot| robot.delay)
            .map(|delay| f64::from(delay).clamp(0.0, MAX_CRAWL_DELAY))
    }

    /// The sitemaps it names.
    pub fn sitemaps(&self) -> &[String] {
        self.robot
            .as_ref()
            .map_or(&[], |robot| robot.sitemaps.as_slice())
    }
}

/// The `<loc>` URLs of a sitemap or sitemap index (gzip-compressed or not), at most `limit`.
pub fn sitemap_locations(body: &[u8], limit: usize) -> Vec<String> {
    let decoded;
    let body = if body.starts_with(&[0x1f, 0x8b]) {
        match decode_content("gzip", body, 50 * 1024 * 1024) {
            Ok(bytes) => {
                decoded = bytes;
                &decoded[..]
            }
            Err(_) => return Vec::new(),
        }
    } else {
        body
    };
    let text = String::from_utf8_lossy(body);
    let mut locations = Vec::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("<loc>") {
        rest = &rest[start + 5..];
        let Some(end) = rest.find("</loc>") else {
            break;
        };
        let location = rest[..end]
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .replace("&amp;", "&");
        locations.push(location);
        rest = &rest[end..];
        if locations.len() == limit {
            break;
        }
    }
    locations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_delay_and_sitemaps() {
        let robots = Robots::from_response(
            200,
            b"User-agent: *\nDisallow: /private/\nCrawl-delay: 90\nSitemap: http://a.test/sm.xml\n",
        );
        assert!(robots.allowed("http://a.test/jobs/1"));
        assert!(!robots.allowed("http://a.test/private/x"));
        assert_eq!(robots.delay(), Some(MAX_CRAWL_DELAY));
        assert_eq!(robots.sitemaps(), ["http://a.test/sm.xml"]);
        assert!(Robots::from_response(404, b"").allowed("http://a.test/private/x"));
    }

    #[test]
    fn sitemap_urls_are_read() {
        let xml =
            b"<?xml version=\"1.0\"?><urlset><url><loc>http://a.test/1?x=1&amp;y=2</loc></url>\
            <url><loc> http://a.test/2 </loc></url></urlset>";
        assert_eq!(
            sitemap_locations(xml, 10),
            ["http://a.test/1?x=1&y=2", "http://a.test/2"]
        );
        assert_eq!(sitemap_locations(xml, 1).len(), 1);
    }
}
