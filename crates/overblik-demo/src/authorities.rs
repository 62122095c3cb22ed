//! A demo authority as it is registered with Overblik, and who may assert which fact.

/// How many days each demo authority may go without delivering before its data counts as
/// stale: every one promises a weekly delivery.
pub const STALE_AFTER_DAYS: u32 = 7;

/// A demo authority as it is registered with Overblik.
#[derive(Debug, Clone, Copy)]
pub struct Authority {
    pub id: &'static str,
    pub name: &'static str,
    pub homepage: &'static str,
    pub classifications: &'static [&'static str],
}

/// A fact that grants access (custody), the provider that may assert it and under which
/// classifications: (fact type, provider, classifications).
pub type AuthoritativeFact = (&'static str, &'static str, &'static [&'static str]);
