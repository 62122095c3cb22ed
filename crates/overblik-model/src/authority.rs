//! Which providers may assert which register facts.
//!
//! Some facts grant one citizen access to another's data: custody today, more to come. Such a
//! fact counts only from a provider the operator designates as authoritative for it (the
//! population register for custody), in the classifications named with it, so nothing another
//! provider writes can widen who sees what. The rule is checked twice: at ingest, where any
//! other provider's such fact is refused, and where access is granted, so that facts stored
//! before the rule (or before it changed) grant nothing unless their source is authoritative.

use crate::catalogue::{Classification, is_code_shaped};
use crate::ids::{ProviderId, RecordId};
use crate::mandate::Custody;
use crate::record::{FactType, RegisterFact};
use std::collections::BTreeMap;

/// One provider designated as authoritative for a fact type, under some classifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactSource {
    pub provider: ProviderId,
    /// Classification prefixes under which the provider asserts the fact, such as `93.04`.
    pub classifications: Vec<String>,
}

impl FactSource {
    /// A source under at least one classification prefix, each written as a code (`NN`,
    /// `NN.NN` or `NN.NN.NN`).
    pub fn new(provider: ProviderId, classifications: Vec<String>) -> Result<Self, String> {
        if classifications.is_empty() {
            return Err("must name at least one classification".to_owned());
        }
        if let Some(bad) = classifications.iter().find(|code| !is_code_shaped(code)) {
            return Err(format!(
                "classification {bad:?} must be written NN, NN.NN or NN.NN.NN"
            ));
        }
        Ok(Self {
            provider,
            classifications,
        })
    }

    fn covers(&self, provider: &ProviderId, classification: &Classification) -> bool {
        self.provider == *provider
            && self
                .classifications
                .iter()
                .any(|prefix| classification.is_under(prefix))
    }
}

/// The operator's rule of who may assert what: for each fact type it names, the only providers
/// that may assert it. A fact type it does not name may be asserted by any provider within the
/// classifications it is registered for, unless the fact grants access
/// ([`FactType::grants_access`]): then no provider may until the operator names one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactAuthorities {
    sources: BTreeMap<FactType, Vec<FactSource>>,
}

impl FactAuthorities {
    /// Designates `source` as authoritative for `fact`, beside any named before.
    pub fn designate(&mut self, fact: FactType, source: FactSource) {
        self.sources.entry(fact).or_default().push(source);
    }

    /// The providers designated for `fact`, if the rule names it.
    pub fn sources(&self, fact: FactType) -> Option<&[FactSource]> {
        self.sources.get(&fact).map(Vec::as_slice)
    }

    /// Whether `provider` may assert a `fact` under `classification`.
    pub fn may_assert(
        &self,
        fact: FactType,
        provider: &ProviderId,
        classification: &Classification,
    ) -> bool {
        match self.sources.get(&fact) {
            Some(sources) => sources
                .iter()
                .any(|source| source.covers(provider, classification)),
            None => !fact.grants_access(),
        }
    }

    /// The custody a stored register fact gives, only if its provider is authoritative for
    /// custody under the fact's classification: the one way to a [`Custody`].
    pub fn custody(
        &self,
        provider: &ProviderId,
        classification: &Classification,
        record: RecordId,
        fact: &RegisterFact,
    ) -> Option<Custody> {
        if !self.may_assert(FactType::Custody, provider, classification) {
            return None;
        }
        Custody::from_fact(record, fact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(id: &str) -> ProviderId {
        id.parse().expect("a provider id")
    }

    fn code(code: &str) -> Classification {
        code.parse().expect("a classification")
    }

    fn population_register() -> FactAuthorities {
        let mut rule = FactAuthorities::default();
        let source = FactSource::new(provider("cpr"), vec!["93.04".to_owned()]).expect("valid");
        rule.designate(FactType::Custody, source);
        rule
    }

    #[test]
    fn a_fact_that_grants_access_counts_only_from_its_designated_source() {
        let rule = population_register();
        assert!(rule.may_assert(FactType::Custody, &provider("cpr"), &code("93.04")));
        assert!(rule.may_assert(FactType::Custody, &provider("cpr"), &code("93.04.01")));
        assert!(!rule.may_assert(FactType::Custody, &provider("cpr"), &code("93.05")));
        assert!(!rule.may_assert(FactType::Custody, &provider("library"), &code("93.04")));
    }

    #[test]
    fn without_a_rule_nobody_asserts_custody_and_anyone_asserts_an_address() {
        let rule = FactAuthorities::default();
        assert!(!rule.may_assert(FactType::Custody, &provider("cpr"), &code("93.04")));
        assert!(rule.may_assert(FactType::Address, &provider("library"), &code("95")));
    }

    #[test]
    fn a_named_fact_type_is_reserved_to_its_sources() {
        let mut rule = FactAuthorities::default();
        let source = FactSource::new(provider("cpr"), vec!["93".to_owned()]).expect("valid");
        rule.designate(FactType::Address, source);
        assert!(rule.may_assert(FactType::Address, &provider("cpr"), &code("93.01")));
        assert!(!rule.may_assert(FactType::Address, &provider("library"), &code("95")));
    }

    #[test]
    fn a_source_names_real_classifications() {
        assert!(FactSource::new(provider("cpr"), vec![]).is_err());
        assert!(FactSource::new(provider("cpr"), vec!["93.4".to_owned()]).is_err());
    }
}
