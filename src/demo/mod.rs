//! `lurewatch demo`: a synthetic scam web served on loopback, for the crawler to run on.

pub mod sites;
mod web;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// The running demo web.
pub struct DemoWeb {
    /// Its sites.
    pub sites: Vec<Served>,
    published: Arc<AtomicBool>,
}

impl DemoWeb {
    /// The sites publish their later pages (new job ads on a lure board).
    pub fn publish(&self) {
        self.published.store(true, Ordering::SeqCst);
    }
}

/// Starts every demo site; they serve until the process ends.
pub fn start() -> std::io::Result<DemoWeb> {
    let published = Arc::new(AtomicBool::new(false));
    let sites = sites::sites()
        .into_iter()
        .map(|site| {
            let (name, kind) = (site.name, site.kind);
            web::serve(site, published.clone()).map(|address| Served {
                name,
                kind,
                address,
            })
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    Ok(DemoWeb { sites, published })
}
