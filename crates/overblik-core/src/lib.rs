//! Overblik's use cases, without HTTP: the rules every page, API and worker goes through.
//!
//! - [`reading`]: who reads whose data, and a read disclosed only once its entry in the
//!   subject's access log is durable ([`Disclosed`]). Every entry of a read is written here.
//! - [`acting`]: acting for someone else under a power of attorney or custody, and how far
//!   that reaches.
//! - [`Error`]: the one error a use case answers with; the web layer maps it once to a
//!   problem document and once to a page.

pub mod acting;
pub mod error;
pub mod reading;

pub use acting::{Acting, Basis, Reach, Reader, Representation, danish_today};
pub use error::Error;
pub use reading::{Disclosed, Disclosure, Logged};

use overblik_ledger::Ledger;
use overblik_model::FactAuthorities;
use overblik_store::Store;
use std::sync::Arc;

/// What the use cases work on: the store, the access log, and which providers may assert
/// which facts. Cheap to clone.
#[derive(Clone)]
pub struct Core {
    pub store: Arc<dyn Store>,
    /// The access log every read of a citizen's data is recorded in before it is served.
    pub ledger: Arc<Ledger>,
    /// Which providers may assert which register facts; custody counts only from those.
    pub fact_authorities: Arc<FactAuthorities>,
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core").finish_non_exhaustive()
    }
}

impl Core {
    pub fn new(
        store: Arc<dyn Store>,
        ledger: Arc<Ledger>,
        fact_authorities: FactAuthorities,
    ) -> Self {
        Self {
            store,
            ledger,
            fact_authorities: Arc::new(fact_authorities),
        }
    }
}
