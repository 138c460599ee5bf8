//! The demo's web server: each site on its own loopback port, answering from memory, one
//! thread per connection. It serves only what `sites.rs` holds.

use super::sites::Site;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Serves `site` on 127.0.0.1 (a port the system picks); returns the address. Pages whose
/// path starts with `+` appear (and replace their namesake) once `published` is set.
pub fn serve(site: Site, published: Arc<AtomicBool>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let address = listener.local_addr()?;
    let port = address.port().to_string();
    let pages: Vec<(String, String, Vec<u8>)> = site
        .pages
        .into_iter()
        .map(|(path, kind, body)| {
            (
                path.to_owned(),
                kind.to_owned(),
                body.replace("{PORT}", &port).into_bytes(),
            )
        })
        .collect();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let pages = pages.clone();
            let published = published.clone();
            std::thread::spawn(move || {
                let Ok(reader) = stream.try_clone() else {
                    return;
                };
                let mut reader = BufReader::new(reader);
                let mut stream = stream;
                loop {
                    let mut request = String::new();
                    let mut line = String::new();
                    loop {
                        line.clear();
                        match reader.read_line(&mut line) {
                            Ok(0) | Err(_) => return,
                            Ok(_) if line.trim().is_empty() => break,
                            Ok(_) => request.push_str(&line),
                        }
                    }
                    let path = request.split_whitespace().nth(1).unwrap_or("/");
                    let late = format!("+{path}");
                    let late = pages
                        .iter()
                        .find(|(page, _, _)| published.load(Ordering::SeqCst) && *page == late);
                    let page = late.or_else(|| pages.iter().find(|(page, _, _)| page == path));
                    let response = match page {
                        Some((_, kind, body)) => {
                            let mut head = format!(
                                "HTTP/1.1 200 OK\r\nContent-Type: {kind}; charset=utf-8\r\n\
                                 Content-Length: {}\r\n\r\n",
                                body.len()
                            )
                            .into_bytes();
                            head.extend_from_slice(body);
                            head
                        }
                        None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
                    };
                    if stream.write_all(&response).is_err() {
                        return;
                    }
                }
            });
        }
    });
    Ok(address)
}
