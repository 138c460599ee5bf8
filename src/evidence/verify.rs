//! `verify`: re-read WARC files and check every record's block and payload digests.

use super::digest;
use super::warc_read::WarcFile;
use std::path::{Path, PathBuf};

/// What a verification found.
#[derive(Debug, Default)]
pub struct Report {
    /// Files read.
    pub files: usize,
    /// Records read.
    pub records: usize,
    /// Digests that matched.
    pub matched: usize,
    /// Digests in an algorithm other than SHA-256 (not checked).
    pub unchecked: usize,
    /// Records whose digest does not match, or that cannot be read: `file#offset: why`.
    pub problems: Vec<String>,
}

/// Verifies every `.warc` and `.warc.gz` file in `folder` (sorted by name).
pub fn verify_folder(folder: &Path) -> std::io::Result<Report> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".warc") || name.ends_with(".warc.gz")
        })
        .collect();
    files.sort();
    let mut report = Report::default();
    for file in files {
        verify_file(&file, &mut report);
    }
    Ok(report)
}

/// Verifies one file into `report`.
pub fn verify_file(path: &Path, report: &mut Report) {
    report.files += 1;
    let archive = match WarcFile::open(path, u64::MAX) {
        Ok(archive) => archive,
        Err(error) => {
            report.problems.push(format!("{}: {error}", path.display()));
            return;
        }
    };
    for record in archive {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                report.problems.push(format!("{}: {error}", path.display()));
                continue;
            }
        };
        report.records += 1;
        let mut check = |name: &str, bytes: &[u8]| {
            let Some(label) = record.header(name) else {
                return;
            };
            match digest::matches(label, bytes) {
                Some(true) => report.matched += 1,
                Some(false) => report.problems.push(format!(
                    "{}#{}: {name} does not match the content",
                    path.display(),
                    record.offset
                )),
                None => report.unchecked += 1,
            }
        };
        check("WARC-Block-Digest", &record.block);
        if record.kind() == "response" {
            let mut slots = [httparse::EMPTY_HEADER; 128];
            let mut response = httparse::Response::new(&mut slots);
            if let Ok(httparse::Status::Complete(head)) = response.parse(&record.block) {
                check("WARC-Payload-Digest", &record.block[head..]);
            }
        }
    }
}
