//! Where webhooks may go: to the internet, not into the network Overblik runs in, so that an
//! authority cannot point deliveries at services beside it. Checked on the URL when it is
//! registered, and again on every address its name resolves to when a delivery is sent.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr};

/// Whether Overblik itself runs on this machine only (development and tests): then webhooks
/// may go to this machine too.
pub fn runs_on_loopback(public_url: &str) -> bool {
    url::Url::parse(public_url)
        .ok()
        .and_then(|own| own.host().map(|host| is_internal(&host.to_owned())))
        .unwrap_or(false)
}

/// Whether `host` names this machine or a private network rather than the internet.
pub fn is_internal(host: &url::Host) -> bool {
    match host {
        url::Host::Domain(name) => {
            *name == "localhost" || name.ends_with(".localhost") || name.ends_with(".internal")
        }
        url::Host::Ipv4(ip) => is_internal_ip(IpAddr::V4(*ip)),
        url::Host::Ipv6(ip) => is_internal_ip(IpAddr::V6(*ip)),
    }
}

/// Whether `ip` is this machine, a private or shared network, or no address at all.
pub fn is_internal_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_internal_ipv4(ip),
        IpAddr::V6(ip) => {
            ip.is_loopback()
                || ip.is_unspecified()
                || ip.is_unique_local()
                || ip.is_unicast_link_local()
                // ::ffff:10.0.0.5 reaches 10.0.0.5.
                || ip.to_ipv4_mapped().is_some_and(is_internal_ipv4)
        }
    }
}

fn is_internal_ipv4(ip: Ipv4Addr) -> bool {
    // 100.64.0.0/10: carrier-grade NAT, shared address space inside providers' networks.
    let shared = ip.octets()[0] == 100 && (ip.octets()[1] & 0xc0) == 64;
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || shared
}

/// Resolves names as the system does, keeping only addresses on the internet: a name that
/// points inward (by mistake or on purpose) reaches nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let public: Vec<_> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|address| !is_internal_ip(address.ip()))
                .collect();
            if public.is_empty() {
                return Err(format!("{host} has no address outside this network").into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inward_addresses_are_internal() {
        for inward in [
            "127.0.0.1",
            "10.0.0.5",
            "172.16.0.1",
            "192.168.1.1",
            "100.64.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "::1",
            "::ffff:10.0.0.5",
            "fd00::1",
            "fe80::1",
        ] {
            let ip: IpAddr = inward.parse().expect("an address");
            assert!(is_internal_ip(ip), "{inward}");
        }
        for outward in ["8.8.8.8", "100.128.0.1", "2001:4860:4860::8888"] {
            let ip: IpAddr = outward.parse().expect("an address");
            assert!(!is_internal_ip(ip), "{outward}");
        }
    }

    #[tokio::test]
    async fn a_name_that_points_inward_resolves_to_nothing() {
        let name: Name = "localhost".parse().expect("a name");
        let resolved = PublicOnly.resolve(name).await;
        assert!(resolved.is_err(), "localhost is this machine");
    }

    #[test]
    fn loopback_deployments_are_told_apart() {
        assert!(runs_on_loopback("http://127.0.0.1:8080"));
        assert!(runs_on_loopback("http://localhost:8080"));
        assert!(!runs_on_loopback("https://overblik.example"));
    }
}
