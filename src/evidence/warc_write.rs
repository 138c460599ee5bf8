//! Writing the crawler's evidence: WARC/1.1 files in `index/warc/`, each record its own gzip
//! member (so any record can be read from its offset), a `warcinfo` record first, request and
//! response records with `WARC-Block-Digest` and `WARC-Payload-Digest`, rotated by size.

use super::digest;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// One HTTP exchange to archive.
pub struct Exchange<'a> {
    /// The URL requested.
    pub target: &'a str,
    /// When the response started (seconds since the epoch, UTC).
    pub date: i64,
    /// The address the response came from.
    pub ip: Option<IpAddr>,
    /// The request as sent (request line and headers).
    pub request: &'a [u8],
    /// The response's status line and headers, ending with the blank line.
    pub response_head: &'a [u8],
    /// The response's body as received (content-encoded; not chunked).
    pub payload: &'a [u8],
}

/// Writes WARC files into a folder.
pub struct WarcWriter {
    folder: PathBuf,
    /// How the corpus refers to the folder (`warc`): references read `warc/FILE#OFFSET`.
    reference: String,
    max_file_bytes: u64,
    software: String,
    current: Option<Current>,
    sequence: u32,
}

struct Current {
    name: String,
    out: BufWriter<File>,
    offset: u64,
}

impl WarcWriter {
    /// A writer into `folder` (created if missing), starting a new file past `max_file_bytes`.
    pub fn new(
        folder: &Path,
        reference: &str,
        max_file_bytes: u64,
        software: &str,
    ) -> io::Result<WarcWriter> {
        std::fs::create_dir_all(folder)?;
        Ok(WarcWriter {
            folder: folder.to_owned(),
            reference: reference.to_owned(),
            max_file_bytes,
            software: software.to_owned(),
            current: None,
            sequence: 0,
        })
    }

    /// Appends an encoded exchange (response, then request); returns the response record's
    /// reference (`warc/FILE#OFFSET`).
    pub fn append(&mut self, encoded: &Encoded) -> io::Result<String> {
        if self
            .current
            .as_ref()
            .is_some_and(|current| current.offset >= self.max_file_bytes)
        {
            self.finish_file()?;
        }
        if self.current.is_none() {
            self.start_file(encoded.date)?;
        }
        let reference = self.append_member(&encoded.response)?;
        self.append_member(&encoded.request)?;
        Ok(reference)
    }

    /// Makes everything written so far durable (called before the corpus commits).
    pub fn sync(&mut self) -> io::Result<()> {
        if let Some(current) = &mut self.current {
            current.out.flush()?;
            current.out.get_ref().sync_data()?;
        }
        Ok(())
    }

    /// Flushes and closes the current file.
    pub fn finish_file(&mut self) -> io::Result<()> {
        self.sync()?;
        self.current = None;
        Ok(())
    }

    fn start_file(&mut self, date: i64) -> io::Result<()> {
        self.sequence += 1;
        let stamp = warc_date(date).replace(['-', ':', 'T', 'Z'], "");
        let name = format!(
            "lurewatch-{stamp}-{:05}-{}.warc.gz",
            self.sequence,
            std::process::id()
        );
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.folder.join(&name))?;
        let offset = file.seek(io::SeekFrom::End(0))?;
        self.current = Some(Current {
            name: name.clone(),
            out: BufWriter::with_capacity(1 << 20, file),
            offset,
        });
        let fields = format!(
            "software: {}\r\nformat: WARC File Format 1.1\r\n\
             conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
            self.software
        );
        let headers = [
            ("WARC-Type", "warcinfo".to_owned()),
            ("WARC-Record-ID", record_id()),
            ("WARC-Date", warc_date(date)),
            ("WARC-Filename", name),
            ("Content-Type", "application/warc-fields".to_owned()),
            ("WARC-Block-Digest", digest::label(fields.as_bytes())),
        ];
        let member = gzip_record(&headers, &[fields.as_bytes()])?;
        self.append_member(&member)?;
        Ok(())
    }

    /// Appends one gzip member; returns its reference.
    fn append_member(&mut self, member: &[u8]) -> io::Result<String> {
        let current = self
            .current
            .as_mut()
            .ok_or_else(|| io::Error::other("no WARC file is open"))?;
        current.out.write_all(member)?;
        let reference = format!("{}/{}#{}", self.reference, current.name, current.offset);
        current.offset += member.len() as u64;
        Ok(reference)
    }
}

/// An exchange made into two gzip members (the costly part, done off the writer's thread).
pub struct Encoded {
    date: i64,
    response: Vec<u8>,
    request: Vec<u8>,
}

/// Encodes `exchange` as a response and a request record, each its own gzip member.
pub fn encode(exchange: &Exchange) -> io::Result<Encoded> {
    let response_id = record_id();
    let date = warc_date(exchange.date);
    let block = [exchange.response_head, exchange.payload];
    let mut headers = vec![
        ("WARC-Type", "response".to_owned()),
        ("WARC-Record-ID", response_id.clone()),
        ("WARC-Date", date.clone()),
        ("WARC-Target-URI", exchange.target.to_owned()),
        (
            "Content-Type",
            "application/http; msgtype=response".to_owned(),
        ),
        ("WARC-Block-Digest", digest::label_of_parts(&block)),
        ("WARC-Payload-Digest", digest::label(exchange.payload)),
    ];
    if let Some(ip) = exchange.ip {
        headers.push(("WARC-IP-Address", ip.to_string()));
    }
    let response = gzip_record(&headers, &block)?;
    let headers = [
        ("WARC-Type", "request".to_owned()),
        ("WARC-Record-ID", record_id()),
        ("WARC-Date", date),
        ("WARC-Target-URI", exchange.target.to_owned()),
        ("WARC-Concurrent-To", response_id),
        (
            "Content-Type",
            "application/http; msgtype=request".to_owned(),
        ),
        ("WARC-Block-Digest", digest::label(exchange.request)),
    ];
    let request = gzip_record(&headers, &[exchange.request])?;
    Ok(Encoded {
        date: exchange.date,
        response,
        request,
    })
}

/// One record as a gzip member; its block is `block`'s parts one after the other, streamed
/// into the compressor as they are.
fn gzip_record(headers: &[(&str, String)], block: &[&[u8]]) -> io::Result<Vec<u8>> {
    let length: usize = block.iter().map(|part| part.len()).sum();
    let mut head = String::from("WARC/1.1\r\n");
    for (name, value) in headers {
        // Header values come from the network: no line breaks may reach the file.
        let value = value.replace(['\r', '\n'], " ");
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity((head.len() + length) / 3),
        flate2::Compression::fast(),
    );
    encoder.write_all(head.as_bytes())?;
    for part in block {
        encoder.write_all(part)?;
    }
    encoder.write_all(b"\r\n\r\n")?;
    encoder.finish()
}

/// `WARC-Date`: UTC, seconds.
pub fn warc_date(seconds: i64) -> String {
    crate::index::rfc3339(seconds)
}

/// A unique record id.
fn record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}
