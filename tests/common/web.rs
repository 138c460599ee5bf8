//! A small web of our own for the crawler's tests: HTTP/1.1 servers on loopback addresses,
//! one thread per connection, each answering through a handler and logging every request
//! with the moment it arrived (the log is what politeness is measured from).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a handler answers.
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Headers besides Content-Length.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// Wait this long before answering.
    pub delay: Duration,
}

/// A body.
pub enum Body {
    /// These bytes.
    Bytes(Vec<u8>),
    /// Bytes forever, until the client hangs up.
    Endless,
}

impl Reply {
    /// 200 with an HTML body.
    pub fn html(body: impl Into<String>) -> Reply {
        Reply::with_type(200, "text/html; charset=utf-8", body.into().into_bytes())
    }

    /// A status with a body of a type.
    pub fn with_type(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: Body::Bytes(body),
            delay: Duration::ZERO,
        }
    }

    /// A redirect.
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Location".to_owned(), location.to_owned())],
            body: Body::Bytes(Vec::new()),
            delay: Duration::ZERO,
        }
    }

    /// A status with no body.
    pub fn status(status: u16) -> Reply {
        Reply::with_type(status, "text/html", Vec::new())
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// `ip:port` of the server that got it.
    pub host: String,
    /// Path and query.
    pub target: String,
    /// When its request line arrived.
    pub at: Instant,
    /// The request head, lower-cased.
    pub head: String,
}

/// The shared request log.
pub type Log = Arc<Mutex<Vec<Hit>>>;

/// A handler: request target and head → reply.
pub type Handler = Arc<dyn Fn(&str, &str) -> Reply + Send + Sync>;

/// Serves `handler` on `ip` (port chosen by the system); returns the address.
pub fn serve(ip: &str, handler: Handler, log: Log) -> SocketAddr {
    let listener = TcpListener::bind((ip, 0)).expect("a loopback port");
    let address = listener.local_addr().expect("an address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let handler = handler.clone();
            let log = log.clone();
            std::thread::spawn(move || connection(stream, address, &handler, &log));
        }
    });
    address
}

fn connection(stream: TcpStream, address: SocketAddr, handler: &Handler, log: &Log) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(reader_stream) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader_stream);
    let mut stream = stream;
    loop {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" || line == "\n" {
                break;
            }
            head.push_str(&line);
        }
        let at = Instant::now();
        // Header names and values lower-cased, so tests need not care how clients spell them.
        let head = head.to_ascii_lowercase();
        let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
        log.lock().expect("the log").push(Hit {
            host: address.to_string(),
            target: target.clone(),
            at,
            head: head.clone(),
        });
        let reply = handler(&target, &head);
        std::thread::sleep(reply.delay);
        let mut response = format!("HTTP/1.1 {} X\r\n", reply.status);
        for (name, value) in &reply.headers {
            response.push_str(&format!("{name}: {value}\r\n"));
        }
        match reply.body {
            Body::Bytes(body) => {
                response.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
                let mut bytes = response.into_bytes();
                bytes.extend_from_slice(&body);
                if stream.write_all(&bytes).is_err() {
                    return;
                }
            }
            Body::Endless => {
                response.push_str("Connection: close\r\n\r\n");
                if stream.write_all(response.as_bytes()).is_err() {
                    return;
                }
                let chunk = "<p>and more and more</p>\n".repeat(400);
                while stream.write_all(chunk.as_bytes()).is_ok() {}
                return;
            }
        }
    }
}

/// The hits on `host` (`ip:port`), in arrival order.
pub fn hits_on(log: &Log, host: &SocketAddr) -> Vec<Hit> {
    let host = host.to_string();
    log.lock()
        .expect("the log")
        .iter()
        .filter(|hit| hit.host == host)
        .cloned()
        .collect()
}

/// The largest number of request arrivals in any one-second window (half-open).
pub fn max_per_second(hits: &[Hit]) -> usize {
    let mut times: Vec<Instant> = hits.iter().map(|hit| hit.at).collect();
    times.sort();
    (0..times.len())
        .map(|start| {
            times[start..]
                .iter()
                .take_while(|at| at.duration_since(times[start]) < Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap_or(0)
}
