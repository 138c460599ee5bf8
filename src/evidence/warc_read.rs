//! Reading WARC archives (`.warc`, and `.warc.gz` compressed record by record as Heritrix,
//! wget and Common Crawl write them), each record with the byte offset it starts at.
//!
//! A record that cannot be read is reported and the reader moves on to the next record it can
//! find; a record cut short at the end of the file ends the file; a record larger than the cap
//! is skipped without being held in memory.

use flate2::bufread::GzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Longest header block accepted (a WARC header block is a few hundred bytes).
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// One WARC record.
#[derive(Debug, Clone)]
pub struct WarcRecord {
    /// Where the record starts in the file (for `.warc.gz`, where its gzip member starts).
    pub offset: u64,
    /// `WARC/1.0` or `WARC/1.1`.
    pub version: String,
    /// Header names as written, with their values.
    pub headers: Vec<(String, String)>,
    /// The record's block (for a `response` record: the HTTP response as received).
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// `WARC-Type`, lower-case.
    pub fn kind(&self) -> String {
        self.header("WARC-Type")
            .unwrap_or_default()
            .to_ascii_lowercase()
    }

    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers put around it.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI")
            .map(|uri| uri.trim().trim_start_matches('<').trim_end_matches('>'))
    }

    /// `WARC-Date` as seconds since the epoch.
    pub fn date(&self) -> Option<i64> {
        let date = self.header("WARC-Date")?;
        time::OffsetDateTime::parse(date.trim(), &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|date| date.unix_timestamp())
    }
}

/// Why a record could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The file ended inside a record.
    #[error("record at byte {offset} is truncated (the file ends inside it)")]
    Truncated {
        /// Where the record starts.
        offset: u64,
    },
    /// The record is not well-formed.
    #[error("record at byte {offset} is malformed: {reason}")]
    Malformed {
        /// Where the record starts.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// The record's block is larger than the cap.
    #[error("record at byte {offset} holds {length} bytes, more than the cap of {cap}; skipped")]
    TooLarge {
        /// Where the record starts.
        offset: u64,
        /// Its declared length.
        length: u64,
        /// The cap.
        cap: u64,
    },
    /// Reading the file failed.
    #[error("reading at byte {offset}: {source}")]
    Io {
        /// Where the reader was.
        offset: u64,
        /// Why.
        #[source]
        source: io::Error,
    },
}

/// The records of one WARC file, in order.
pub struct WarcFile {
    path: PathBuf,
    /// The file, while no gzip member is open.
    file: Option<Counted>,
    /// The gzip member being read and where it starts (a member usually holds one record;
    /// a file compressed whole is one member with all of them).
    member: Option<(u64, BufReader<GzDecoder<Counted>>)>,
    gzip: bool,
    max_block_bytes: u64,
    done: bool,
}

type Counted = CountingReader<BufReader<File>>;

impl WarcFile {
    /// Opens `path`; `.gz` files are read gzip member by member.
    pub fn open(path: &Path, max_block_bytes: u64) -> io::Result<WarcFile> {
        let file = File::open(path)?;
        let gzip = path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("gz"));
        Ok(WarcFile {
            path: path.to_owned(),
            file: Some(CountingReader::new(BufReader::with_capacity(1 << 20, file))),
            member: None,
            gzip,
            max_block_bytes,
            done: false,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes of the file consumed so far (for progress).
    pub fn position(&self) -> u64 {
        match (&self.file, &self.member) {
            (Some(file), _) => file.count,
            (None, Some((_, member))) => member.get_ref().get_ref().count,
            (None, None) => 0,
        }
    }

    fn next_record(&mut self) -> Option<Result<WarcRecord, RecordError>> {
        while !self.done {
            if let Some((offset, member)) = &mut self.member {
                let offset = *offset;
                match read_record(member, offset, self.max_block_bytes) {
                    Ok(Some(record)) => return Some(Ok(record)),
                    Err(error @ RecordError::TooLarge { .. }) => return Some(Err(error)),
                    result => {
                        let (_, member) = self.member.take()?;
                        self.file = Some(member.into_inner().into_inner());
                        match result {
                            Ok(_) => continue,
                            Err(error) => return Some(Err(self.recover(error, offset))),
                        }
                    }
                }
            }
            let file = self.file.as_mut()?;
            let offset = file.count;
            match file.fill_buf() {
                Ok([]) => return None,
                Ok(_) => {}
                Err(source) => {
                    self.done = true;
                    return Some(Err(RecordError::Io { offset, source }));
                }
            }
            if self.gzip {
                let file = self.file.take()?;
                self.member = Some((offset, BufReader::new(GzDecoder::new(file))));
                continue;
            }
            return match read_record(file, offset, self.max_block_bytes) {
                Ok(Some(record)) => Some(Ok(record)),
                Ok(None) => None,
                Err(error) => Some(Err(self.recover(error, offset))),
            };
        }
        None
    }

    /// After a bad record: a truncated one ends the file, an oversized one was read past;
    /// otherwise reading goes on at the next place a record could start.
    fn recover(&mut self, error: RecordError, offset: u64) -> RecordError {
        let Some(file) = self.file.as_mut() else {
            self.done = true;
            return error;
        };
        let next = match error {
            RecordError::Truncated { .. } => None,
            RecordError::TooLarge { .. } => return error,
            _ => {
                let magic: &[u8] = if self.gzip {
                    b"\x1f\x8b\x08"
                } else {
                    b"WARC/1."
                };
                find_from(file.inner.get_mut(), offset + 1, magic)
                    .ok()
                    .flatten()
            }
        };
        match next {
            Some(next) => {
                let seek = file.inner.seek(SeekFrom::Start(next));
                file.count = next;
                self.done = seek.is_err();
            }
            None => self.done = true,
        }
        error
    }
}

impl Iterator for WarcFile {
    type Item = Result<WarcRecord, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

/// Reads one record; `None` at a clean end of input.
fn read_record(
    reader: &mut impl BufRead,
    offset: u64,
    max_block_bytes: u64,
) -> Result<Option<WarcRecord>, RecordError> {
    let io_error = |source: io::Error| match source.kind() {
        io::ErrorKind::UnexpectedEof => RecordError::Truncated { offset },
        _ => RecordError::Io { offset, source },
    };
    let malformed = |reason: &str| RecordError::Malformed {
        offset,
        reason: reason.to_owned(),
    };
    let mut head = reader.take(MAX_HEADER_BYTES);
    let mut line = String::new();
    // Blank lines between records are tolerated.
    loop {
        line.clear();
        if read_line(&mut head, &mut line).map_err(io_error)? == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    let version = line.trim().to_owned();
    if !version.starts_with("WARC/") {
        return Err(malformed("it does not start with a WARC/ version line"));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        line.clear();
        if read_line(&mut head, &mut line).map_err(io_error)? == 0 {
            return Err(if head.limit() == 0 {
                malformed("its header block is too long")
            } else {
                RecordError::Truncated { offset }
            });
        }
        if line.trim_end_matches(['\r', '\n']).is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| malformed("a header line has no colon"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: u64 = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
        .ok_or_else(|| malformed("it has no Content-Length"))?
        .1
        .parse()
        .map_err(|_| malformed("its Content-Length is not a number"))?;
    if length > max_block_bytes {
        let skipped = io::copy(&mut reader.take(length), &mut io::sink()).map_err(io_error)?;
        if skipped < length {
            return Err(RecordError::Truncated { offset });
        }
        skip_record_end(reader).map_err(io_error)?;
        return Err(RecordError::TooLarge {
            offset,
            length,
            cap: max_block_bytes,
        });
    }
    let mut block = Vec::with_capacity(length as usize);
    reader
        .take(length)
        .read_to_end(&mut block)
        .map_err(io_error)?;
    if (block.len() as u64) < length {
        return Err(RecordError::Truncated { offset });
    }
    skip_record_end(reader).map_err(io_error)?;
    Ok(Some(WarcRecord {
        offset,
        version,
        headers,
        block,
    }))
}

/// A header line, decoded leniently (header values are ASCII by the standard).
fn read_line(reader: &mut impl BufRead, line: &mut String) -> io::Result<usize> {
    let mut bytes = Vec::new();
    let read = reader.read_until(b'\n', &mut bytes)?;
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(read)
}

/// Consumes the `\r\n\r\n` that ends a record (or as much of it as is there).
fn skip_record_end(reader: &mut impl BufRead) -> io::Result<()> {
    for _ in 0..4 {
        match reader.fill_buf()?.first() {
            Some(b'\r' | b'\n') => reader.consume(1),
            _ => break,
        }
    }
    Ok(())
}

/// The first offset at or after `start` where `needle` occurs in `file`.
fn find_from<R: Read + Seek>(file: &mut R, start: u64, needle: &[u8]) -> io::Result<Option<u64>> {
    const CHUNK: usize = 1 << 20;
    file.seek(SeekFrom::Start(start))?;
    let mut window: Vec<u8> = Vec::with_capacity(CHUNK + needle.len());
    let mut window_start = start;
    let mut chunk = vec![0; CHUNK];
    loop {
        let read = file.read(&mut chunk)?;
        if read == 0 {
            return Ok(None);
        }
        window.extend_from_slice(&chunk[..read]);
        if let Some(at) = memchr::memmem::find(&window, needle) {
            return Ok(Some(window_start + at as u64));
        }
        let keep = needle.len().saturating_sub(1).min(window.len());
        let drop = window.len() - keep;
        window.drain(..drop);
        window_start += drop as u64;
    }
}

/// A buffered reader that counts the bytes consumed from it.
struct CountingReader<R> {
    inner: R,
    count: u64,
}

impl<R> CountingReader<R> {
    fn new(inner: R) -> Self {
        CountingReader { inner, count: 0 }
    }
}

impl<R: BufRead> Read for CountingReader<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.count += read as u64;
        Ok(read)
    }
}

impl<R: BufRead> BufRead for CountingReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.count += amount as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(uri: &str, body: &str) -> Vec<u8> {
        format!(
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2026-11-01T10:00:00Z\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
        .into_bytes()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn read_all(name: &str, bytes: &[u8]) -> Vec<Result<WarcRecord, RecordError>> {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        WarcFile::open(&path, 1000).unwrap().collect()
    }

    #[test]
    fn plain_records_carry_their_offsets() {
        let first = record("http://a.test/", "one");
        let second = record("<http://b.test/>", "two");
        let records = read_all("x.warc", &[first.clone(), second].concat());
        let records: Vec<_> = records.into_iter().map(Result::unwrap).collect();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].offset, 0);
        assert_eq!(records[1].offset, first.len() as u64);
        assert_eq!(records[1].target_uri(), Some("http://b.test/"));
        assert_eq!(records[1].block, b"two");
        assert_eq!(records[0].date(), Some(1_793_527_200));
    }

    #[test]
    fn gzip_members_carry_their_offsets_and_a_broken_member_is_passed_over() {
        let first = gzip(&record("http://a.test/", "one"));
        let mut broken = gzip(&record("http://b.test/", "two"));
        broken[20] ^= 0xff;
        let third = gzip(&record("http://c.test/", "three"));
        let records = read_all(
            "x.warc.gz",
            &[first.clone(), broken.clone(), third].concat(),
        );
        assert_eq!(records.len(), 3, "{records:?}");
        assert_eq!(records[0].as_ref().unwrap().offset, 0);
        assert!(records[1].is_err());
        let last = records[2].as_ref().unwrap();
        assert_eq!(last.offset, (first.len() + broken.len()) as u64);
        assert_eq!(last.block, b"three");
    }

    #[test]
    fn a_truncated_last_record_is_reported_and_the_others_kept() {
        for (name, compress) in [("x.warc", false), ("x.warc.gz", true)] {
            let whole = record("http://a.test/", "one");
            let cut = &record("http://b.test/", "a longer body")[..60];
            let bytes = if compress {
                let cut = gzip(&record("http://b.test/", "a longer body"));
                [gzip(&whole), cut[..cut.len() - 12].to_vec()].concat()
            } else {
                [whole, cut.to_vec()].concat()
            };
            let records = read_all(name, &bytes);
            assert_eq!(records.len(), 2, "{name}: {records:?}");
            assert!(records[0].is_ok());
            assert!(
                matches!(records[1], Err(RecordError::Truncated { .. })),
                "{name}: {:?}",
                records[1]
            );
        }
    }

    #[test]
    fn an_oversized_record_is_skipped_and_the_next_read() {
        let big = record("http://a.test/", &"x".repeat(5000));
        let small = record("http://b.test/", "small");
        let records = read_all("x.warc", &[big, small].concat());
        assert!(matches!(records[0], Err(RecordError::TooLarge { .. })));
        assert_eq!(records[1].as_ref().unwrap().block, b"small");
    }

    #[test]
    fn garbage_between_records_is_passed_over() {
        let bytes = [
            record("http://a.test/", "one"),
            b"garbage line\r\n".to_vec(),
            record("http://b.test/", "two"),
        ]
        .concat();
        let records = read_all("x.warc", &bytes);
        assert_eq!(records.len(), 3);
        assert!(records[1].is_err());
        assert_eq!(records[2].as_ref().unwrap().block, b"two");
    }
}
