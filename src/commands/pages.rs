//! Page inputs shared by the commands that read pages: files, folders (walked), stdin.

use lurewatch::extract::{self, Extracted, Format, Source, input};
use std::path::{Path, PathBuf};

/// Reads every page of `inputs` and hands it to `handle`; a page that cannot be read is
/// reported on stderr and skipped. Returns how many inputs failed. An error from `handle`
/// (such as a closed stdout) stops the run.
pub fn each(
    inputs: &[PathBuf],
    base_url: Option<&url::Url>,
    max_bytes: u64,
    mut handle: impl FnMut(Extracted, &[u8]) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut failures = 0;
    for path in expand(inputs, PAGE_EXTENSIONS, &mut failures) {
        match read(&path, base_url, max_bytes) {
            Ok((page, bytes)) => {
                if page.had_invalid_bytes {
                    eprintln!(
                        "lurewatch: warning: {}: invalid {} bytes were replaced with U+FFFD",
                        path.display(),
                        page.charset
                    );
                }
                handle(page, &bytes)?;
            }
            Err(error) => {
                failures += 1;
                eprintln!("lurewatch: {}: {error:#}", path.display());
            }
        }
    }
    Ok(failures)
}

/// File endings of pages, read when a folder is given.
pub const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "txt"];

/// Reads and extracts one page (`-` is stdin), resolving links against `base_url` or its path;
/// returns the page and its raw bytes.
pub fn read(
    path: &Path,
    base_url: Option<&url::Url>,
    max_bytes: u64,
) -> anyhow::Result<(Extracted, Vec<u8>)> {
    let is_stdin = path == Path::new("-");
    let bytes = if is_stdin {
        input::read_capped(std::io::stdin().lock(), max_bytes)?
    } else {
        input::read_file(path, max_bytes)?
    };
    let file_url = (!is_stdin)
        .then(|| std::path::absolute(path).ok())
        .flatten()
        .and_then(|absolute| url::Url::from_file_path(absolute).ok());
    let name = path.to_string_lossy();
    let source = Source {
        name: &name,
        url: base_url.or(file_url.as_ref()),
        declared_charset: None,
        format: format_of(path),
    };
    let page = extract::extract(&bytes, &source)?;
    Ok((page, bytes))
}

fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("txt") => Format::Text,
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ => Format::Sniff,
    }
}

/// Files as given, folders walked for files with one of `extensions` (sorted, so output order
/// is stable); a folder that cannot be read is reported and counted in `failures`.
pub fn expand(inputs: &[PathBuf], extensions: &[&str], failures: &mut usize) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for input in inputs {
        if input.is_dir() {
            if let Err(error) = walk(input, extensions, &mut paths) {
                *failures += 1;
                eprintln!("lurewatch: {}: {error:#}", input.display());
            }
        } else {
            paths.push(input.clone());
        }
    }
    paths
}

fn walk(folder: &Path, extensions: &[&str], paths: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = fs_err::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, extensions, paths)?;
        } else if path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| extensions.contains(&extension.to_ascii_lowercase().as_str()))
        {
            paths.push(path);
        }
    }
    Ok(())
}
