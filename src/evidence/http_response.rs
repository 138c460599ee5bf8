//! An HTTP response as an archive holds it (status line, headers, body as sent on the wire):
//! parsed, de-chunked and decompressed, with a cap on the decompressed size.

use std::io::Read;

/// A parsed response.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers as received.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked and decompressed.
    pub body: Vec<u8>,
}

/// Why a response could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HttpError {
    /// Not an HTTP response.
    #[error("not an HTTP response: {0}")]
    Malformed(String),
    /// A content coding we do not decode.
    #[error("unsupported content-encoding {0:?}")]
    UnsupportedEncoding(String),
    /// The compressed body does not decompress.
    #[error("content-encoding {0}: the body does not decompress")]
    BadEncoding(String),
    /// The body is larger than the cap once decompressed.
    #[error("the body is larger than {0} bytes once decompressed")]
    TooLarge(u64),
}

impl HttpResponse {
    /// The value of header `name` (case-insensitive; the first one).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The media type of `Content-Type`, lower-case (`text/html`).
    pub fn media_type(&self) -> Option<String> {
        self.header("Content-Type").map(media_type)
    }

    /// The `charset` parameter of `Content-Type`.
    pub fn charset(&self) -> Option<&str> {
        self.header("Content-Type").and_then(charset)
    }
}

/// Parses `block`, an HTTP response as received.
pub fn parse(block: &[u8], max_body_bytes: u64) -> Result<HttpResponse, HttpError> {
    let mut slots = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut slots);
    let length = match response.parse(block) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => {
            return Err(HttpError::Malformed("the header ends early".to_owned()));
        }
        Err(error) => return Err(HttpError::Malformed(error.to_string())),
    };
    let status = response.code.unwrap_or_default();
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .map(|header| {
            (
                header.name.to_owned(),
                String::from_utf8_lossy(header.value).trim().to_owned(),
            )
        })
        .collect();
    let raw = &block[length..];
    let chunked = header(&headers, "Transfer-Encoding")
        .is_some_and(|coding| coding.to_ascii_lowercase().contains("chunked"));
    // Some archivers store the body de-chunked but keep the header: then the raw body is it.
    let dechunked = chunked.then(|| dechunk(raw)).flatten();
    let body = dechunked.as_deref().unwrap_or(raw);
    let body = match header(&headers, "Content-Encoding") {
        Some(coding) => decode_content(coding, body, max_body_bytes)?,
        None if body.len() as u64 > max_body_bytes => {
            return Err(HttpError::TooLarge(max_body_bytes));
        }
        None => body.to_vec(),
    };
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

/// Decompresses `body` sent with `Content-Encoding: coding` (gzip, deflate, identity), reading
/// at most `max_bytes` of output.
pub fn decode_content(coding: &str, body: &[u8], max_bytes: u64) -> Result<Vec<u8>, HttpError> {
    let coding = coding.trim().to_ascii_lowercase();
    let mut output = Vec::new();
    let read = match coding.as_str() {
        "" | "identity" | "none" => {
            output.extend_from_slice(body);
            Ok(body.len())
        }
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body)
            .take(max_bytes + 1)
            .read_to_end(&mut output),
        "deflate" => {
            // "deflate" is meant to be zlib-wrapped, but raw deflate is common.
            let zlib = flate2::read::ZlibDecoder::new(body)
                .take(max_bytes + 1)
                .read_to_end(&mut output);
            zlib.or_else(|_| {
                output.clear();
                flate2::read::DeflateDecoder::new(body)
                    .take(max_bytes + 1)
                    .read_to_end(&mut output)
            })
        }
        _ => return Err(HttpError::UnsupportedEncoding(coding)),
    };
    read.map_err(|_| HttpError::BadEncoding(coding))?;
    if output.len() as u64 > max_bytes {
        return Err(HttpError::TooLarge(max_bytes));
    }
    Ok(output)
}

/// The body of a `Transfer-Encoding: chunked` message, or `None` if it is not chunked.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::with_capacity(raw.len());
    loop {
        let line_end = memchr::memmem::find(raw, b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw.strip_prefix(b"\r\n").unwrap_or(raw);
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// The media type of a `Content-Type` value, lower-case.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn chunked_gzip_bodies_are_decoded() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"<p>hello</p>").unwrap();
        let zipped = encoder.finish().unwrap();
        let (first, second) = zipped.split_at(10);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"EUC-KR\"\r\n\
            Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
        block.extend(format!("{:x}\r\n", first.len()).bytes());
        block.extend(first);
        block.extend(format!("\r\n{:x};ext=1\r\n", second.len()).bytes());
        block.extend(second);
        block.extend(b"\r\n0\r\n\r\n");
        let response = parse(&block, 1000).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.body, b"<p>hello</p>");
        assert_eq!(response.media_type().as_deref(), Some("text/html"));
        assert_eq!(response.charset(), Some("EUC-KR"));
    }

    #[test]
    fn a_body_stored_dechunked_under_a_chunked_header_is_kept() {
        let block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<p>plain</p>";
        assert_eq!(parse(block, 1000).unwrap().body, b"<p>plain</p>");
    }

    #[test]
    fn a_decompression_bomb_stops_at_the_cap() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&vec![b'a'; 10_000_000]).unwrap();
        let zipped = encoder.finish().unwrap();
        assert!(zipped.len() < 100_000);
        assert_eq!(
            decode_content("gzip", &zipped, 1_000_000),
            Err(HttpError::TooLarge(1_000_000))
        );
        assert_eq!(
            decode_content("br", b"", 10),
            Err(HttpError::UnsupportedEncoding("br".to_owned()))
        );
        assert!(matches!(
            parse(b"not http at all", 10),
            Err(HttpError::Malformed(_))
        ));
    }
}
