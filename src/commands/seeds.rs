//! `lurewatch seeds import`: URL lists, domain blocklists and CSV files into a seed list.

use super::Outcome;
use crate::cli::args::{SeedsAction, SeedsArgs};
use anyhow::Context;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// Runs `seeds`.
pub fn run(args: &SeedsArgs) -> anyhow::Result<Outcome> {
    match &args.action {
        SeedsAction::Import { files, into } => import(files, into),
    }
}

fn import(files: &[std::path::PathBuf], into: &Path) -> anyhow::Result<Outcome> {
    let existing: BTreeSet<String> = match fs_err::read_to_string(into) {
        Ok(text) => text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default().trim().to_owned())
            .filter(|line| !line.is_empty())
            .collect(),
        Err(_) => BTreeSet::new(),
    };
    let mut new = Vec::new();
    let mut seen = existing.clone();
    let mut skipped = 0;
    for file in files {
        let text = fs_err::read_to_string(file)?;
        let entries = if is_csv(file, &text) {
            csv_urls(&text).with_context(|| format!("reading {} as CSV", file.display()))?
        } else {
            text.lines().map(str::to_owned).collect()
        };
        for entry in entries {
            match seed_url(&entry) {
                Some(url) if seen.insert(url.clone()) => new.push(url),
                Some(_) => {}
                None if entry.trim().is_empty() || entry.trim_start().starts_with(['#', '!']) => {}
                None => skipped += 1,
            }
        }
    }
    if let Some(folder) = into
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        fs_err::create_dir_all(folder)?;
    }
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(into)
        .with_context(|| format!("opening {}", into.display()))?;
    if existing.is_empty() {
        writeln!(
            out,
            "# Imported by `lurewatch seeds import` from: {}",
            files
                .iter()
                .map(|file| file.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    for url in &new {
        writeln!(out, "{url}")?;
    }
    eprintln!(
        "lurewatch: {} new seeds in {} ({} already there, {} lines not a URL or domain)",
        new.len(),
        into.display(),
        existing.len(),
        skipped
    );
    Ok(Outcome::Success)
}

fn is_csv(file: &Path, text: &str) -> bool {
    file.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"))
        || text.lines().next().is_some_and(|header| {
            header
                .split(',')
                .any(|column| column.trim().trim_matches('"').eq_ignore_ascii_case("url"))
        })
}

/// The `url` column (else the first) of a CSV file with a header.
fn csv_urls(text: &str) -> anyhow::Result<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let column = reader
        .headers()?
        .iter()
        .position(|name| name.trim().eq_ignore_ascii_case("url"))
        .unwrap_or(0);
    let mut urls = Vec::new();
    for record in reader.records() {
        if let Some(value) = record?.get(column) {
            urls.push(value.to_owned());
        }
    }
    Ok(urls)
}

/// A seed URL from a line: a URL, a bare domain, or a hosts-file line (`0.0.0.0 domain`).
fn seed_url(line: &str) -> Option<String> {
    let line = line.split('#').next()?.trim();
    let token = line.split_whitespace().last()?;
    let token = token.trim_start_matches("||").trim_end_matches('^');
    let candidate = if token.contains("://") {
        token.to_owned()
    } else if token.contains('.') && !token.contains('/') {
        format!("https://{token}/")
    } else if token.contains('.') {
        format!("https://{token}")
    } else {
        return None;
    };
    let url = url::Url::parse(&candidate).ok()?;
    let host = url.host_str()?;
    let is_local = matches!(
        host,
        "localhost" | "0.0.0.0" | "127.0.0.1" | "broadcasthost"
    );
    (matches!(url.scheme(), "http" | "https") && !is_local).then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_every_common_shape() {
        assert_eq!(
            seed_url("https://t.me/s/jobs_kh").as_deref(),
            Some("https://t.me/s/jobs_kh")
        );
        assert_eq!(
            seed_url("scam-invest.example").as_deref(),
            Some("https://scam-invest.example/")
        );
        assert_eq!(
            seed_url("0.0.0.0 scam-invest.example").as_deref(),
            Some("https://scam-invest.example/")
        );
        assert_eq!(
            seed_url("||scam-invest.example^").as_deref(),
            Some("https://scam-invest.example/")
        );
        assert_eq!(seed_url("0.0.0.0 localhost"), None);
        assert_eq!(seed_url("# comment"), None);
        assert_eq!(
            csv_urls("id,url,notes\n1,https://a.example/x,\"a, b\"\n").unwrap(),
            ["https://a.example/x"]
        );
    }
}
