//! Extract: any page (HTML or plain text, any charset) → text, links, wallets and contacts.
//!
//! Plain functions over bytes: no I/O beyond [`input`], no network, no state. The crawler and
//! `ingest` hand pages in; classification and indexing take the [`Extracted`] record out.
//! It does not judge the page (that is `classify`) nor remember it (that is `index`).

mod charset;
mod contacts;
mod html;
pub mod input;
mod language;
mod normalize;
mod wallets;

pub use contacts::{Contact, ContactKind};
pub use html::TextWriter;
pub use normalize::{
    ceil_boundary, compose, floor_boundary, fold_character, in_latin_word, is_hangul, is_ideograph,
    is_unspaced, is_unspaced_alphabet, is_whole_word, latin_lookalike,
};

use crate::wallet::WalletAddress;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;
use url::Url;

/// Where a page came from, as far as extraction needs to know.
#[derive(Debug, Clone, Copy, Default)]
pub struct Source<'a> {
    /// A name for messages and the record (`path`, `-`, a URL).
    pub name: &'a str,
    /// The page's own address (fetched URL, `--base-url`, or `file://` path), for relative links.
    pub url: Option<&'a Url>,
    /// The charset from an HTTP `Content-Type`, if any.
    pub declared_charset: Option<&'a str>,
    /// What kind of document the bytes are.
    pub format: Format,
}

/// Whether to read the bytes as HTML or as plain text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Decide from the content.
    #[default]
    Sniff,
    /// HTML or XHTML.
    Html,
    /// Plain text.
    Text,
}

/// What extraction finds in one page (the `extract --json` record of DESIGN.md).
#[derive(Debug, Clone, Serialize)]
pub struct Extracted {
    /// The input's name (path, `-`, URL).
    pub source: String,
    /// The page's URL: its canonical URL if it names one, else its own address.
    pub url: Option<String>,
    /// The page's title.
    pub title: String,
    /// The meta description.
    pub description: String,
    /// ISO 639-1 language of the text.
    pub lang: Option<&'static str>,
    /// The visible text.
    pub text: String,
    /// Absolute, normalized, de-duplicated links (http, https).
    pub links: Vec<String>,
    /// Addresses whose checksum holds (or, for forms without one, whose context vouches).
    pub wallets: Vec<WalletAddress>,
    /// Contact handles.
    pub contacts: Vec<Contact>,
    /// The charset the bytes were read in.
    pub charset: &'static str,
    /// True when some bytes were invalid in that charset and were replaced.
    #[serde(skip)]
    pub had_invalid_bytes: bool,
}

/// Extracts one page from its bytes.
///
/// Fails only for input that is not a page at all (empty, binary); malformed HTML and
/// invalid bytes still give a record.
pub fn extract(bytes: &[u8], source: &Source) -> crate::Result<Extracted> {
    input::check_textual(bytes)?;
    let decoded = charset::decode(bytes, source.declared_charset);
    let is_html = match source.format {
        Format::Html => true,
        Format::Text => false,
        Format::Sniff => looks_like_html(&decoded.text),
    };
    let document = if is_html {
        html::read(&decoded.text)
    } else {
        read_plain_text(&decoded.text)
    };
    let canonical = document
        .canonical
        .as_deref()
        .and_then(|canonical| resolve(source.url, canonical));
    let base = document
        .base
        .as_deref()
        .and_then(|base| resolve(source.url, base))
        .or_else(|| source.url.cloned());
    let links = normalize_links(base.as_ref(), &document.links);
    let (wallets, contacts) = find_entities(&document, &links);
    let lang = language::detect(if document.text.is_empty() {
        &document.title
    } else {
        &document.text
    });
    Ok(Extracted {
        source: source.name.to_owned(),
        url: canonical.or_else(|| source.url.cloned()).map(String::from),
        title: document.title,
        description: document.description,
        lang,
        text: document.text,
        links,
        wallets,
        contacts,
        charset: decoded.encoding.name(),
        had_invalid_bytes: decoded.had_errors,
    })
}

/// Scans visible text, then the markup where pages hide things, then the links.
fn find_entities(
    document: &html::Document,
    links: &[String],
) -> (Vec<WalletAddress>, Vec<Contact>) {
    let mut wallets = Vec::new();
    let mut contacts = Vec::new();
    for part in [
        &document.title,
        &document.description,
        &document.text,
        &document.markup,
    ] {
        let folded = normalize::fold(part);
        wallets::find(&folded, &mut wallets);
        contacts::find(&folded, &mut contacts);
    }
    contacts::find(&links.join("\n"), &mut contacts);
    (wallets, contacts)
}

/// Scans already-extracted text for wallets and contacts (the scanning stage on its own).
pub fn find_in_text(text: &str) -> (Vec<WalletAddress>, Vec<Contact>) {
    let folded = normalize::fold(text);
    let mut wallets = Vec::new();
    let mut contacts = Vec::new();
    wallets::find(&folded, &mut wallets);
    contacts::find(&folded, &mut contacts);
    (wallets, contacts)
}

/// The messenger handles (Telegram, WhatsApp, LINE, WeChat, KakaoTalk, Signal) in
/// already-extracted text.
pub fn find_messengers(text: &str) -> Vec<Contact> {
    let mut contacts = Vec::new();
    contacts::find_messengers(&normalize::fold(text), &mut contacts);
    contacts
}

fn looks_like_html(text: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)<(?:!doctype|html|head|body|meta|title|div|p|a|br|span|table|script|ul|h[1-6])[\s/>]")
            .expect("the tag pattern is valid")
    });
    let head = &text[..normalize::floor_boundary(text, text.len().min(8192))];
    TAG.is_match(head)
}

fn read_plain_text(text: &str) -> html::Document {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"https?://[^\s<>"'`{}|\\^]+"#).expect("the URL pattern is valid")
    });
    let mut writer = TextWriter::default();
    for line in text.lines() {
        writer.push(line);
        writer.break_line();
    }
    let links = URL
        .find_iter(text)
        .map(|found| {
            found
                .as_str()
                .trim_end_matches(['.', ',', ')', ';', ':', '!', '?'])
                .to_owned()
        })
        .collect();
    html::Document {
        text: writer.finish(),
        links,
        ..Default::default()
    }
}

fn resolve(base: Option<&Url>, reference: &str) -> Option<Url> {
    let reference = reference.trim();
    match base {
        Some(base) => base.join(reference).ok(),
        None => Url::parse(reference).ok(),
    }
}

/// Absolute http(s) links, fragments dropped, in first-seen order without duplicates.
fn normalize_links(base: Option<&Url>, raw: &[String]) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for reference in raw {
        let Some(mut url) = resolve(base, reference) else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        url.set_fragment(None);
        let url = String::from(url);
        if seen.insert(url.clone()) {
            links.push(url);
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_base_and_drop_fragments() {
        let page = br#"<html><head><base href="https://jobs.example/kh/"></head><body>
            <a href="apply.html#top">a</a><a href="apply.html">b</a><a href="javascript:x()">c</a>
            <a href="//cdn.example/x">d</a><a href="https://t.me/hr_kh88">e</a></body></html>"#;
        let extracted = extract(page, &Source::default()).unwrap();
        assert_eq!(
            extracted.links,
            [
                "https://jobs.example/kh/apply.html",
                "https://cdn.example/x",
                "https://t.me/hr_kh88"
            ]
        );
        assert_eq!(extracted.contacts[0].value, "hr_kh88");
    }

    #[test]
    fn plain_text_keeps_lines() {
        let extracted = extract(
            b"line one\n\n  line   two\nsee https://x.example/a.",
            &Source::default(),
        )
        .unwrap();
        assert_eq!(
            extracted.text,
            "line one\nline two\nsee https://x.example/a."
        );
        assert_eq!(extracted.links, ["https://x.example/a"]);
    }
}
