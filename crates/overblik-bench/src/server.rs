//! What every benchmark's server runs with.

use overblik_model::record::FactType;
use overblik_model::{FactAuthorities, FactSource, SubjectKeySecret};
use overblik_server::ServerSettings;
use overblik_store::Provider;
use overblik_store::roles::*;
use std::time::Duration;

/// The provider every benchmark pushes as; it stands in for the population register too.
pub const PROVIDER: &str = "bench-authority";

/// The subject key secret of every benchmark; stores made for one benchmark run are read
/// again by the next with it.
pub fn subject_key_secret() -> anyhow::Result<SubjectKeySecret> {
    SubjectKeySecret::new(b"benchmark-subject-key-secret-0123456789".to_vec())
        .map_err(anyhow::Error::msg)
}

/// Settings for a server on `public_url`, without sign-in: benchmarks start citizens'
/// sessions straight in the store.
pub fn settings(public_url: String, subject_key_secret: SubjectKeySecret) -> ServerSettings {
    ServerSettings {
        public_url: public_url.clone(),
        subject_key_secret,
        token_secret: b"benchmark-token-secret-0123456789abcdef".to_vec(),
        token_lifetime: Duration::from_secs(3600),
        max_body_bytes: 64 * 1024 * 1024,
        login: None,
        dev_idp: false,
        mail: None,
        fact_authorities: fact_authorities(),
        allow_loopback_webhooks: false,
        rate_limits: overblik_server::rate_limit::RateLimitSettings::default(),
        issuer: issuer(&public_url),
        overview_rules: std::sync::Arc::new(overblik_overview::proactive::Rules::shipped()),
    }
}

/// An issuer at `public_url` with a key of its own, as a deployment has.
pub fn issuer(public_url: &str) -> std::sync::Arc<overblik_core::certificates::Issuer> {
    let issuer = overblik_core::certificates::Issuer::new(
        public_url,
        vec![overblik_certificate::IssuerKey::generate()],
        overblik_model::CertificateTypes::shipped(),
    )
    .expect("an issuer with a key");
    std::sync::Arc::new(issuer)
}

/// The benchmark's one provider stands in for every demo authority, the population register
/// among them, so it is designated for the facts the demo's register may assert (custody):
/// the demo records it pushes hold them.
fn fact_authorities() -> FactAuthorities {
    let mut authorities = FactAuthorities::default();
    for (fact, _, classifications) in overblik_demo::AUTHORITATIVE_FACTS {
        let fact: FactType = fact.parse().expect("the demo names a fact type");
        let provider = PROVIDER.parse().expect("a provider id");
        let classifications = classifications.iter().map(|c| (*c).to_owned()).collect();
        let source =
            FactSource::new(provider, classifications).expect("the demo names classifications");
        authorities.designate(fact, source);
    }
    authorities
}

/// Registers the demo's authorities, as the demo does, without keys: benchmarks write their
/// records straight into the store.
pub async fn register_demo_authorities(store: &dyn ProviderStore) -> anyhow::Result<()> {
    for authority in overblik_demo::AUTHORITIES {
        store
            .put_provider(&Provider {
                id: authority.id.parse().map_err(anyhow::Error::msg)?,
                name: authority.name.to_owned(),
                public_keys: Vec::new(),
                classifications: authority
                    .classifications
                    .iter()
                    .map(|code| (*code).to_owned())
                    .collect(),
                homepage: Some(authority.homepage.to_owned()),
                registered_at: chrono::Utc::now(),
                stale_after_days: Some(overblik_demo::STALE_AFTER_DAYS),
                last_delivery: None,
            })
            .await?;
    }
    Ok(())
}
