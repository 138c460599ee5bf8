//! `lurewatch extract`: runs the extract stage over files, folders or stdin and prints records.

use super::Outcome;
use crate::cli::args::ExtractArgs;
use crate::cli::sanitize::for_terminal;
use anyhow::Context;
use lurewatch::extract::{self, Extracted, Format, Source, input};
use std::io::Write;
use std::path::{Path, PathBuf};

/// File endings read when a folder is given.
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "txt"];

/// Runs `extract`; bad inputs are reported on stderr and the others go on.
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    for path in expand_inputs(&args.inputs, &mut failures) {
        match extract_one(&path, args) {
            Ok(record) => {
                if record.had_invalid_bytes {
                    eprintln!(
                        "lurewatch: warning: {}: invalid {} bytes were replaced with U+FFFD",
                        path.display(),
                        record.charset
                    );
                }
                write_record(&mut out, &record, args.json).context("writing to stdout")?;
            }
            Err(error) => {
                failures += 1;
                eprintln!("lurewatch: {}: {error:#}", path.display());
            }
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(if failures == 0 {
        Outcome::Success
    } else {
        Outcome::Partial
    })
}

fn extract_one(path: &Path, args: &ExtractArgs) -> anyhow::Result<Extracted> {
    let is_stdin = path == Path::new("-");
    let bytes = if is_stdin {
        input::read_capped(std::io::stdin().lock(), args.max_bytes)?
    } else {
        input::read_file(path, args.max_bytes)?
    };
    let file_url = (!is_stdin)
        .then(|| std::path::absolute(path).ok())
        .flatten()
        .and_then(|absolute| url::Url::from_file_path(absolute).ok());
    let name = path.to_string_lossy();
    let source = Source {
        name: &name,
        url: args.base_url.as_ref().or(file_url.as_ref()),
        declared_charset: None,
        format: format_of(path),
    };
    Ok(extract::extract(&bytes, &source)?)
}

fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("txt") => Format::Text,
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ => Format::Sniff,
    }
}

/// Files as given, folders walked (sorted, so output order is stable).
fn expand_inputs(inputs: &[PathBuf], failures: &mut usize) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for input in inputs {
        if input.is_dir() {
            if let Err(error) = walk(input, &mut paths) {
                *failures += 1;
                eprintln!("lurewatch: {}: {error:#}", input.display());
            }
        } else {
            paths.push(input.clone());
        }
    }
    paths
}

fn walk(folder: &Path, paths: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = fs_err::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, paths)?;
        } else if path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| {
                PAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
            })
        {
            paths.push(path);
        }
    }
    Ok(())
}

fn write_record(out: &mut impl Write, record: &Extracted, json: bool) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, record)?;
        return writeln!(out);
    }
    writeln!(out, "== {}", for_terminal(&record.source))?;
    if let Some(url) = &record.url {
        writeln!(out, "url:      {}", for_terminal(url))?;
    }
    writeln!(out, "title:    {}", for_terminal(&record.title))?;
    writeln!(
        out,
        "language: {}   charset: {}   links: {}",
        record.lang.unwrap_or("?"),
        record.charset,
        record.links.len()
    )?;
    for wallet in &record.wallets {
        writeln!(
            out,
            "wallet:   {:<5} {}  ({})",
            wallet.chain,
            wallet.address,
            wallet.rule.name()
        )?;
    }
    for contact in &record.contacts {
        writeln!(
            out,
            "contact:  {:<9} {}",
            contact.kind.name(),
            for_terminal(&contact.value)
        )?;
    }
    let excerpt: String = record.text.chars().take(240).collect();
    writeln!(
        out,
        "text:     {}",
        for_terminal(&excerpt.replace('\n', " / "))
    )?;
    writeln!(out)
}
