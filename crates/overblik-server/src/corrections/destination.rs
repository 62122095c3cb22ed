//! Where webhooks may go: to the internet, not into the network Overblik runs in, so that an
//! authority cannot point deliveries at services beside it. Checked on the URL when it is
//! registered, and again at every delivery: on the URL, and on every address its name
//! resolves to.
//!
//! An address is on the internet unless the IANA special-purpose address registries say it
//! is not globally reachable (or it is multicast, or outside the IPv6 global unicast space):
//! <https://www.iana.org/assignments/iana-ipv4-special-registry> and
//! <https://www.iana.org/assignments/iana-ipv6-special-registry>. Addresses that embed an
//! IPv4 address (IPv4-mapped, NAT64 `64:ff9b::/96`) are judged by the embedded one.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 ranges that are not on the internet: every range of the IANA IPv4 special-purpose
/// registry that is not globally reachable (192.0.0.0/24 whole, although two of its
/// addresses are anycast services no webhook is), the deprecated 6to4 relay anycast, and
/// multicast (224.0.0.0/4, from the multicast registry).
const IPV4_NOT_INTERNET: [(Ipv4Addr, u8); 16] = [
    (Ipv4Addr::new(0, 0, 0, 0), 8),          // "this network"
    (Ipv4Addr::new(10, 0, 0, 0), 8),         // private use
    (Ipv4Addr::new(100, 64, 0, 0), 10),      // shared address space (carrier-grade NAT)
    (Ipv4Addr::new(127, 0, 0, 0), 8),        // loopback
    (Ipv4Addr::new(169, 254, 0, 0), 16),     // link local (cloud metadata services)
    (Ipv4Addr::new(172, 16, 0, 0), 12),      // private use
    (Ipv4Addr::new(192, 0, 0, 0), 24),       // IETF protocol assignments
    (Ipv4Addr::new(192, 0, 2, 0), 24),       // documentation (TEST-NET-1)
    (Ipv4Addr::new(192, 88, 99, 0), 24),     // 6to4 relay anycast (deprecated)
    (Ipv4Addr::new(192, 168, 0, 0), 16),     // private use
    (Ipv4Addr::new(198, 18, 0, 0), 15),      // benchmarking
    (Ipv4Addr::new(198, 51, 100, 0), 24),    // documentation (TEST-NET-2)
    (Ipv4Addr::new(203, 0, 113, 0), 24),     // documentation (TEST-NET-3)
    (Ipv4Addr::new(224, 0, 0, 0), 4),        // multicast
    (Ipv4Addr::new(240, 0, 0, 0), 4),        // reserved
    (Ipv4Addr::new(255, 255, 255, 255), 32), // limited broadcast
];

/// The IPv6 global unicast space, `2000::/3`: every address outside it is not on the
/// internet. That covers, from the registry, `::/128`, `::1/128`, `::/96` (IPv4-compatible),
/// `64:ff9b:1::/48` (local-use translation), `100::/64` (discard), `100:0:0:1::/64` (dummy),
/// `5f00::/16` (SRv6), `fc00::/7` (unique local), `fe80::/10` (link local), and besides it
/// `fec0::/10` (site local, deprecated) and `ff00::/8` (multicast). `::ffff:0:0/96` and
/// `64:ff9b::/96` are judged by the IPv4 address they embed.
const IPV6_GLOBAL_UNICAST: (Ipv6Addr, u8) = (Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3);

/// IPv6 ranges inside `2000::/3` that are not on the internet: IETF protocol assignments
/// (`2001::/23`, with Teredo, whole), documentation (`2001:db8::/32`, `3fff::/20`), and
/// 6to4 (`2002::/16`, which embeds an IPv4 address a relay would reach).
const IPV6_NOT_INTERNET: [(Ipv6Addr, u8); 4] = [
    (Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0), 23),
    (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32),
    (Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0), 16),
    (Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20),
];

/// NAT64's well-known prefix, `64:ff9b::/96`: the last 32 bits are the IPv4 address reached.
const NAT64: (Ipv6Addr, u8) = (Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96);

fn in_v4(ip: Ipv4Addr, (network, length): (Ipv4Addr, u8)) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(length)).unwrap_or(0);
    u32::from(ip) & mask == u32::from(network) & mask
}

fn in_v6(ip: Ipv6Addr, (network, length): (Ipv6Addr, u8)) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(length)).unwrap_or(0);
    u128::from(ip) & mask == u128::from(network) & mask
}

/// Whether `ip` is on the internet, by the IANA special-purpose registries.
pub fn is_internet(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_internet_v4(ip),
        IpAddr::V6(ip) => {
            if let Some(embedded) = ip.to_ipv4_mapped() {
                return is_internet_v4(embedded);
            }
            if in_v6(ip, NAT64) {
                let [.., a, b, c, d] = ip.octets();
                return is_internet_v4(Ipv4Addr::new(a, b, c, d));
            }
            in_v6(ip, IPV6_GLOBAL_UNICAST)
                && !IPV6_NOT_INTERNET.iter().any(|&range| in_v6(ip, range))
        }
    }
}

fn is_internet_v4(ip: Ipv4Addr) -> bool {
    !IPV4_NOT_INTERNET.iter().any(|&range| in_v4(ip, range))
}

/// Whether `ip` is this machine: `127.0.0.0/8`, `::1`, or their IPv4-mapped form.
fn is_loopback(ip: IpAddr) -> bool {
    ip.to_canonical().is_loopback()
}

/// Whether `name` is one for this machine (`localhost`, RFC 6761).
fn is_loopback_name(name: &str) -> bool {
    name == "localhost" || name.ends_with(".localhost")
}

/// Where a deployment's webhooks may go: the internet, and this machine's loopback addresses
/// only where the deployment says so itself (the demo, and tests with a local receiver).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Destinations {
    loopback: bool,
}

impl Destinations {
    /// The internet only.
    pub const INTERNET: Self = Self { loopback: false };

    /// The internet and this machine's loopback addresses, over plain http too; no other
    /// special-purpose range.
    pub const INTERNET_AND_LOOPBACK: Self = Self { loopback: true };

    /// What `settings` allow.
    pub fn of(settings: &crate::ServerSettings) -> Self {
        Self {
            loopback: settings.allow_loopback_webhooks,
        }
    }

    /// Whether a connection to `ip` may carry a delivery.
    pub fn allows_ip(self, ip: IpAddr) -> bool {
        is_internet(ip) || (self.loopback && is_loopback(ip))
    }

    /// Whether `url` may receive webhooks: https to the internet; with loopback allowed,
    /// https or http to this machine too. A name is checked here for what it says it is;
    /// the addresses it resolves to are checked when a delivery is sent.
    pub fn allows_url(self, url: &url::Url) -> bool {
        let Some(host) = url.host() else {
            return false;
        };
        let (internet, loopback) = match host {
            url::Host::Ipv4(ip) => (is_internet(ip.into()), is_loopback(ip.into())),
            url::Host::Ipv6(ip) => (is_internet(ip.into()), is_loopback(ip.into())),
            url::Host::Domain(name) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                (is_internet_name(&name), is_loopback_name(&name))
            }
        };
        match url.scheme() {
            "https" => internet || (self.loopback && loopback),
            "http" => self.loopback && loopback,
            _ => false,
        }
    }
}

/// Whether a name may be on the internet: not a special-use name that points inward
/// (`localhost`, `.local`, `.internal`, `home.arpa`), nor a single label that the system's
/// search domains would complete into the local network.
fn is_internet_name(name: &str) -> bool {
    let inward = ["localhost", "local", "internal", "home.arpa"]
        .iter()
        .any(|special| name == *special || name.ends_with(&format!(".{special}")));
    name.contains('.') && !inward
}

/// Resolves names as the system does, keeping only the addresses deliveries may go to: a
/// name that points inward (by mistake or on purpose) reaches nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filtered(pub Destinations);

impl Resolve for Filtered {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let destinations = self.0;
        Box::pin(async move {
            let allowed: Vec<_> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|address| destinations.allows_ip(address.ip()))
                .collect();
            if allowed.is_empty() {
                return Err("the name has no address webhooks may go to".into());
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One address in each range the registries (and multicast) keep off the internet.
    const NOT_INTERNET: &[&str] = &[
        "0.1.2.3",
        "10.0.0.5",
        "100.64.1.1",
        "100.127.255.254",
        "127.0.0.1",
        "127.8.9.10",
        "169.254.169.254",
        "172.16.0.1",
        "172.31.255.255",
        "192.0.0.9",
        "192.0.0.170",
        "192.0.2.1",
        "192.88.99.1",
        "192.168.1.1",
        "198.18.0.1",
        "198.19.255.255",
        "198.51.100.1",
        "203.0.113.1",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "::127.0.0.1",
        "::ffff:10.0.0.5",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::10.0.0.5",
        "64:ff9b::7f00:1",
        "64:ff9b::198.18.0.1",
        "64:ff9b:1::8.8.8.8",
        "100::1",
        "100:0:0:1::1",
        "2001::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "2001:2::1",
        "2001:10::1",
        "2001:1ff::1",
        "2001:db8::1",
        "2002:a00:5::1",
        "2002:808:808::1",
        "3fff::1",
        "5f00::1",
        "fc00::1",
        "fd00::1",
        "fe80::1",
        "febf::1",
        "fec0::1",
        "feff::1",
        "ff02::1",
        "ff0e::1",
        "400::1",
    ];

    #[test]
    fn every_special_purpose_range_is_off_the_internet() {
        for address in NOT_INTERNET {
            let ip: IpAddr = address.parse().expect("an address");
            assert!(!is_internet(ip), "{address}");
            assert!(!Destinations::INTERNET.allows_ip(ip), "{address}");
        }
        for address in [
            "8.8.8.8",
            "1.1.1.1",
            "100.128.0.1",
            "172.32.0.1",
            "192.0.1.1",
            "192.31.196.1",
            "198.20.0.1",
            "223.255.255.255",
            "2001:4860:4860::8888",
            "2001:200::1",
            "2a00:1450:4001::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::8.8.8.8",
        ] {
            let ip: IpAddr = address.parse().expect("an address");
            assert!(is_internet(ip), "{address}");
        }
    }

    #[test]
    fn loopback_when_allowed_is_loopback_only() {
        let local = Destinations::INTERNET_AND_LOOPBACK;
        for address in ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"] {
            let ip: IpAddr = address.parse().expect("an address");
            assert!(local.allows_ip(ip), "{address}");
        }
        let this_machine = ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"];
        for address in NOT_INTERNET
            .iter()
            .filter(|address| !this_machine.contains(address))
        {
            let ip: IpAddr = address.parse().expect("an address");
            assert!(!local.allows_ip(ip), "{address}");
        }
    }

    #[test]
    fn urls_go_to_the_internet_over_https() {
        let url = |text: &str| url::Url::parse(text).expect("a URL");
        assert!(Destinations::INTERNET.allows_url(&url("https://hooks.example.org/x")));
        for refused in [
            "http://hooks.example.org/",
            "ftp://hooks.example.org/",
            "https://localhost/",
            "https://LOCALHOST./",
            "https://a.localhost/",
            "https://db.internal/",
            "https://printer.local/",
            "https://nas.home.arpa/",
            "https://db/",
            "https://127.0.0.1/",
            "https://[::1]/",
            "https://[::ffff:7f00:1]/",
            "https://[64:ff9b::a00:5]/",
            "https://198.18.0.1/",
            "https://[fec0::1]/",
            "https://192.0.0.170/",
        ] {
            assert!(
                !Destinations::INTERNET.allows_url(&url(refused)),
                "{refused}"
            );
        }
        let local = Destinations::INTERNET_AND_LOOPBACK;
        for allowed in [
            "http://127.0.0.1:9000/hook",
            "https://localhost:9000/",
            "http://[::1]:9000/",
        ] {
            assert!(local.allows_url(&url(allowed)), "{allowed}");
        }
        for refused in [
            "http://hooks.example.org/",
            "http://10.0.0.5/",
            "https://10.0.0.5/",
            "https://169.254.169.254/",
            "https://db.internal/",
        ] {
            assert!(!local.allows_url(&url(refused)), "{refused}");
        }
    }

    #[tokio::test]
    async fn a_name_that_points_inward_resolves_to_nothing() {
        let name: Name = "localhost".parse().expect("a name");
        let resolved = Filtered(Destinations::INTERNET).resolve(name).await;
        assert!(resolved.is_err(), "localhost is this machine");
        let name: Name = "localhost".parse().expect("a name");
        let resolved = Filtered(Destinations::INTERNET_AND_LOOPBACK)
            .resolve(name)
            .await;
        assert!(resolved.is_ok(), "loopback allowed");
    }
}
