//! `lurewatch demo`: a synthetic scam web served on loopback, for the crawler to run on.

pub mod sites;
mod web;

use std::net::SocketAddr;

/// A demo site being served.
pub struct Served {
    /// Its made-up host name.
    pub name: &'static str,
    /// What kind of site it is.
    pub kind: &'static str,
    /// Where it listens (127.0.0.1).
    pub address: SocketAddr,
}

impl Served {
    /// Its root URL, by name (the crawler resolves the name to the address).
    pub fn url(&self) -> String {
        format!("http://{}:{}/", self.name, self.address.port())
    }
}

/// Starts every demo site; they serve until the process ends.
pub fn start() -> std::io::Result<Vec<Served>> {
    sites::sites()
        .into_iter()
        .map(|site| {
            let (name, kind) = (site.name, site.kind);
            web::serve(site).map(|address| Served {
                name,
                kind,
                address,
            })
        })
        .collect()
}
