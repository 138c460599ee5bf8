//! URL canonicalization (one spelling per page, so the seen-set works) and the guards against
//! crawler traps and downloads the crawler must never make.

use url::Url;

/// Longest URL the crawler follows.
pub const MAX_URL_LENGTH: usize = 2048;

/// Query parameters that only track clicks: dropped.
const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl",
    "ref_src", "spm",
];

/// File endings of programs and archives the crawler never downloads.
const EXECUTABLE_ENDINGS: &[&str] = &[
    ".exe",
    ".msi",
    ".apk",
    ".xapk",
    ".ipa",
    ".dmg",
    ".pkg",
    ".deb",
    ".rpm",
    ".bat",
    ".cmd",
    ".scr",
    ".jar",
    ".bin",
    ".dll",
    ".so",
    ".sh",
    ".ps1",
    ".vbs",
    ".appimage",
    ".zip",
    ".rar",
    ".7z",
    ".tar",
    ".gz",
    ".iso",
];

/// The canonical form of `url`: http(s) only, no fragment, no default port, no tracking
/// parameters, the other parameters sorted, no empty query. `None` for other schemes.
pub fn canonicalize(url: &Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    let mut url = url.clone();
    url.set_fragment(None);
    if url.username() != "" || url.password().is_some() {
        // Credentials in a link are a login the crawler never makes.
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    if url.query().is_some() {
        let mut pairs: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(name, _)| {
                let name = name.to_ascii_lowercase();
                !name.starts_with("utm_") && !TRACKING_PARAMETERS.contains(&name.as_str())
            })
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        pairs.sort();
        if pairs.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
    }
    Some(url)
}

/// The key of the host a URL belongs to for politeness: `host[:port]`.
pub fn host_key(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => String::new(),
    }
}

/// Why the crawler will not follow `url`, if it will not: a trap or a download.
pub fn refuse(url: &Url) -> Option<&'static str> {
    if url.as_str().len() > MAX_URL_LENGTH {
        return Some("URL too long");
    }
    let path = url.path().to_ascii_lowercase();
    if EXECUTABLE_ENDINGS
        .iter()
        .any(|ending| path.ends_with(ending))
    {
        return Some("executable or archive");
    }
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    if segments.len() > 20 {
        return Some("path too deep");
    }
    let repeated = segments
        .iter()
        .any(|segment| segments.iter().filter(|other| *other == segment).count() >= 3);
    if repeated {
        return Some("repeated path segments");
    }
    if url.query_pairs().count() > 12 {
        return Some("too many query parameters");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> Option<String> {
        canonicalize(&Url::parse(text).unwrap()).map(String::from)
    }

    #[test]
    fn one_spelling_per_page() {
        assert_eq!(
            canonical("HTTP://Jobs.Example.COM:80/a?utm_source=x&b=2&a=1&fbclid=z#top").as_deref(),
            Some("http://jobs.example.com/a?a=1&b=2")
        );
        assert_eq!(
            canonical("https://example.com:443/?utm_medium=m").as_deref(),
            Some("https://example.com/")
        );
        assert_eq!(canonical("mailto:hr@example.com"), None);
        assert_eq!(canonical("javascript:void(0)"), None);
        assert_eq!(
            canonical("http://user:pw@example.com/").as_deref(),
            Some("http://example.com/")
        );
    }

    #[test]
    fn traps_and_downloads_are_refused() {
        for (text, why) in [
            ("http://a.test/app/release.apk", "executable or archive"),
            ("http://a.test/Setup.EXE", "executable or archive"),
            (
                "http://a.test/cal/x/cal/x/cal/x/cal",
                "repeated path segments",
            ),
        ] {
            assert_eq!(refuse(&Url::parse(text).unwrap()), Some(why), "{text}");
        }
        let long = format!("http://a.test/{}", "a".repeat(3000));
        assert_eq!(refuse(&Url::parse(&long).unwrap()), Some("URL too long"));
        assert_eq!(
            refuse(&Url::parse("http://a.test/jobs/1?page=2").unwrap()),
            None
        );
        assert_eq!(
            host_key(&Url::parse("http://127.0.0.1:8080/x").unwrap()),
            "127.0.0.1:8080"
        );
    }
}
