//! Which addresses the crawler may connect to (the SSRF guard).
//!
//! Loopback, private, link-local, CGNAT, multicast, broadcast, documentation, unspecified and
//! IPv6 unique-local addresses are refused, as are IPv6 forms that embed an IPv4 address
//! (mapped, compatible, 6to4, NAT64) of such a range, unless the policy allows all private
//! addresses or the address falls in an allowed network. Every hostname is resolved by
//! [`GuardedResolver`], which hands the HTTP client only the addresses that pass, so the
//! connection goes to a checked address (DNS rebinding cannot slip a private one in).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// An IP network, `addr/prefix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Network, String> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address
            .parse()
            .map_err(|_| format!("{text:?} is not an IP network (expected e.g. 127.0.1.0/24)"))?;
        let bits = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix
                .parse::<u8>()
                .ok()
                .filter(|prefix| *prefix <= bits)
                .ok_or_else(|| format!("{text:?}: the prefix must be 0 to {bits}"))?,
            None => bits,
        };
        Ok(Network { address, prefix })
    }
}

impl Network {
    /// Whether `address` is inside the network.
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.address, address) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                prefix_matches(&network.octets(), &address.octets(), self.prefix)
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                prefix_matches(&network.octets(), &address.octets(), self.prefix)
            }
            _ => false,
        }
    }
}

fn prefix_matches(network: &[u8], address: &[u8], prefix: u8) -> bool {
    let full = usize::from(prefix / 8);
    let rest = prefix % 8;
    if network[..full] != address[..full] {
        return false;
    }
    rest == 0 || {
        let mask = 0xffu8 << (8 - rest);
        network[full] & mask == address[full] & mask
    }
}

/// The policy: public addresses always, others only when allowed.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    /// `--allow-private`: every address.
    pub allow_private: bool,
    /// `--allow-net`: these networks besides the public internet.
    pub allowed: Vec<Network>,
}

impl AddressPolicy {
    /// Whether the crawler may connect to `address`; `Err` says why not.
    pub fn check(&self, address: IpAddr) -> Result<(), String> {
        if self.allow_private || self.allowed.iter().any(|network| network.contains(address)) {
            return Ok(());
        }
        match non_public(address) {
            None => Ok(()),
            Some(kind) => Err(format!(
                "{address} is a {kind} address (refused; --allow-net or --allow-private permit it)"
            )),
        }
    }
}

/// What kind of non-public address `address` is, if it is one.
pub fn non_public(address: IpAddr) -> Option<&'static str> {
    match address {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = embedded_v4(v6) {
                return non_public_v4(v4).map(|_| "IPv4-embedding IPv6");
            }
            let segments = v6.segments();
            if v6.is_unspecified() {
                Some("unspecified")
            } else if v6.is_loopback() {
                Some("loopback")
            } else if segments[0] & 0xfe00 == 0xfc00 {
                Some("unique-local")
            } else if segments[0] & 0xffc0 == 0xfe80 || segments[0] & 0xffc0 == 0xfec0 {
                Some("link-local")
            } else if segments[0] & 0xff00 == 0xff00 {
                Some("multicast")
            } else if segments[0] == 0x2001 && segments[1] == 0x0db8 {
                Some("documentation")
            } else if segments[0] == 0x2001 && segments[1] == 0 {
                Some("Teredo")
            } else if segments[..3] == [0x64, 0xff9b, 1] {
                Some("local-use NAT64")
            } else if segments[..6] == [0, 0, 0, 0, 0xffff, 0] {
                Some("SIIT-translated")
            } else {
                None
            }
        }
    }
}

fn non_public_v4(v4: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = v4.octets();
    if v4.is_unspecified() || a == 0 {
        Some("unspecified")
    } else if v4.is_loopback() {
        Some("loopback")
    } else if v4.is_private() {
        Some("private")
    } else if v4.is_link_local() {
        Some("link-local")
    } else if a == 100 && (64..128).contains(&b) {
        Some("CGNAT")
    } else if v4.is_multicast() || a >= 240 {
        Some("multicast or reserved")
    } else if v4.is_broadcast() {
        Some("broadcast")
    } else if v4.is_documentation() || (a == 198 && (18..20).contains(&b)) {
        Some("documentation or benchmark")
    } else if a == 192 && b == 0 && v4.octets()[2] == 0 {
        Some("IETF protocol")
    } else {
        None
    }
}

/// The IPv4 address inside an IPv4-mapped, -compatible, 6to4 or NAT64 IPv6 address.
fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let segments = v6.segments();
    let octets = v6.octets();
    let tail = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
    if let Some(mapped) = v6.to_ipv4_mapped() {
        Some(mapped)
    } else if segments[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified() {
        Some(tail) // IPv4-compatible (deprecated)
    } else if segments[0] == 0x2002 {
        Some(Ipv4Addr::new(octets[2], octets[3], octets[4], octets[5])) // 6to4
    } else if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        Some(tail) // NAT64
    } else {
        None
    }
}

/// The HTTP client's resolver: system DNS, then only the addresses the policy allows.
pub struct GuardedResolver {
    policy: AddressPolicy,
    hosts: Vec<(String, IpAddr)>,
}

impl GuardedResolver {
    /// A resolver for `policy`; `hosts` are fixed entries (like `/etc/hosts`) looked up first,
    /// and still checked against the policy.
    pub fn new(policy: AddressPolicy, hosts: Vec<(String, IpAddr)>) -> Arc<GuardedResolver> {
        Arc::new(GuardedResolver { policy, hosts })
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy.clone();
        let host = name.as_str().to_owned();
        let fixed: Vec<SocketAddr> = self
            .hosts
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(&host))
            .map(|(_, ip)| SocketAddr::new(*ip, 0))
            .collect();
        Box::pin(async move {
            let resolved: Vec<SocketAddr> = if fixed.is_empty() {
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect()
            } else {
                fixed
            };
            let mut refusal = None;
            let allowed: Vec<SocketAddr> = resolved
                .into_iter()
                .filter(|address| match policy.check(address.ip()) {
                    Ok(()) => true,
                    Err(why) => {
                        refusal.get_or_insert(why);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                let why = refusal.unwrap_or_else(|| "no address".to_owned());
                return Err(format!("{host} resolves to {why}").into());
            }
            let addresses: reqwest::dns::Addrs = Box::new(allowed.into_iter());
            Ok(addresses)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(address: &str) -> bool {
        AddressPolicy::default()
            .check(address.parse().unwrap())
            .is_err()
    }

    #[test]
    fn non_public_ranges_are_refused_on_ip_values() {
        for address in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "2002:c0a8:0101::1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a9fe:a9fe",
            "::ffff:0:a9fe:a9fe",
            "2001:0:4136:e378::1",
        ] {
            assert!(refused(address), "{address} should be refused");
        }
        for address in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(!refused(address), "{address} should be allowed");
        }
    }

    #[test]
    fn allowed_networks_open_only_themselves() {
        let policy = AddressPolicy {
            allow_private: false,
            allowed: vec!["127.0.1.0/24".parse().unwrap()],
        };
        assert!(policy.check("127.0.1.7".parse().unwrap()).is_ok());
        assert!(policy.check("127.0.0.1".parse().unwrap()).is_err());
        assert!(policy.check("10.0.0.1".parse().unwrap()).is_err());
        let everything = AddressPolicy {
            allow_private: true,
            allowed: Vec::new(),
        };
        assert!(everything.check("10.0.0.1".parse().unwrap()).is_ok());
        assert!("127.0.1.0/33".parse::<Network>().is_err());
        assert!(
            "::1/128"
                .parse::<Network>()
                .unwrap()
                .contains("::1".parse().unwrap())
        );
    }
}
