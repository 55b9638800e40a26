//! The proxy's only way out: the HTTP client that talks to upstreams.
//!
//! It follows no redirects (protocol §8.3), accepts no content coding it cannot
//! redact through (it asks for `identity`), and refuses non-public addresses unless
//! the configuration opts in. That check happens at DNS resolution, per connection,
//! so a public host name that later resolves to `127.0.0.1` or `169.254.169.254`
//! cannot route a secret into the proxy's own network.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

use crate::config::Config;

pub struct Egress {
    pub client: reqwest::Client,
    allow_private: bool,
}

impl Egress {
    pub fn new(config: &Config) -> reqwest::Result<Egress> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // An `HTTP(S)_PROXY` in the environment would route secrets through a host
            // that is not the upstream, past the address check below.
            .no_proxy()
            .connect_timeout(config.connect_timeout())
            .dns_resolver(Arc::new(PublicOnly {
                allow_private: config.allow_private_upstreams,
            }))
            .https_only(false)
            .pool_max_idle_per_host(64)
            .tcp_nodelay(true)
            .build()?;
        Ok(Egress {
            client,
            allow_private: config.allow_private_upstreams,
        })
    }

    /// Refuses, at start-up, an upstream that would carry secrets in clear text over
    /// a network, and one whose host is a literal non-public address (such hosts never
    /// reach the resolver).
    pub fn check_upstream(&self, api: &str, upstream: &Url) -> anyhow::Result<()> {
        if upstream.scheme() != "https" && !self.allow_private {
            anyhow::bail!(
                "the upstream of API `{api}` ({upstream}) is not https: its secrets would \
                 travel unencrypted. Use an https upstream (plain http is accepted only \
                 with `allow_private_upstreams`, for loopback and internal test servers)"
            );
        }
        let ip = match upstream.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(Host::Domain(_)) => return Ok(()),
            None => anyhow::bail!("the upstream of API `{api}` ({upstream}) has no host"),
        };
        if !self.allow_private && !is_public(ip) {
            anyhow::bail!(
                "the upstream of API `{api}` ({upstream}) is a non-public address; set \
                 `allow_private_upstreams = true` (or POLY_ALLOW_PRIVATE_UPSTREAMS=true) if \
                 that is intended"
            );
        }
        Ok(())
    }
}

/// A resolver that drops non-public addresses unless they are allowed.
struct PublicOnly {
    allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| allow_private || is_public(addr.ip()))
                .collect();
            if resolved.is_empty() {
                let message = format!("{host} resolves to no permitted address");
                return Err(Box::<dyn std::error::Error + Send + Sync>::from(message));
            }
            let addrs: Addrs = Box::new(resolved.into_iter());
            Ok(addrs)
        })
    }
}

/// True for addresses on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xC0) == 64) // 100.64.0.0/10, carrier-grade NAT
                || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0.0/24, IETF protocol
                || (o[0] == 198 && (o[1] & 0xFE) == 18) // 198.18.0.0/15, benchmarking
                || o[0] >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xFE00) == 0xFC00 // fc00::/7, unique local
                || (s[0] & 0xFFC0) == 0xFE80 // fe80::/10, link-local
                || (s[0] == 0x2001 && s[1] == 0x0DB8)) // documentation
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_internal_addresses() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(internal.parse().unwrap()), "{internal}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn literal_loopback_upstreams_need_the_opt_in() {
        let mut config = Config::default();
        let url = Url::parse("http://127.0.0.1:9/api").unwrap();
        let egress = Egress::new(&config).unwrap();
        let err = egress.check_upstream("erp", &url).unwrap_err().to_string();
        assert!(err.contains("allow_private_upstreams"), "{err}");
        let https = Url::parse("https://127.0.0.1:9/api").unwrap();
        let err = egress
            .check_upstream("erp", &https)
            .unwrap_err()
            .to_string();
        assert!(err.contains("non-public"), "{err}");
        let plain = Url::parse("http://erp.example/api").unwrap();
        let err = egress
            .check_upstream("erp", &plain)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not https"), "{err}");
        let public = Url::parse("https://erp.example/api").unwrap();
        assert!(egress.check_upstream("erp", &public).is_ok());
        config.allow_private_upstreams = true;
        assert!(Egress::new(&config)
            .unwrap()
            .check_upstream("erp", &url)
            .is_ok());
    }

    #[tokio::test]
    async fn names_resolving_to_loopback_are_refused_without_the_opt_in() {
        let resolver = PublicOnly {
            allow_private: false,
        };
        let name: Name = "localhost".parse().unwrap();
        assert!(resolver.resolve(name).await.is_err());
        let resolver = PublicOnly {
            allow_private: true,
        };
        let name: Name = "localhost".parse().unwrap();
        assert!(resolver.resolve(name).await.is_ok());
    }
}
