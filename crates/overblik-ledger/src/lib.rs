//! The access log ("My Log"): every read of a citizen's data, recorded before the data is
//! served, as a leaf of an append-only Merkle tree (RFC 6962 hashing) whose signed checkpoints
//! can be published.
//!
//! A leaf is a salted commitment to its entry, so the tree and its checkpoints reveal nothing
//! about who read what; the citizen holds their entries and salts and can check each one's
//! inclusion, and that every checkpoint they saw extends the ones before.

pub mod checkpoint;
pub mod entry;
pub mod export;
pub mod ledger;
pub mod purpose;
pub mod tree;
pub mod verify;

pub use checkpoint::{CheckpointError, LogKey};
pub use entry::{AccessEntry, Actor, ActorKind, Channel, SealedEntry, UnsealedEntry, WhatWasRead};
pub use ledger::{
    EntryFilter, Integration, Integrator, Ledger, LedgerError, LedgerStore, PendingEntry, Queued,
    StoredEntry,
};
pub use purpose::Purpose;
pub use tlog_tiles::{Checkpoint, Hash, RecordProof, TreeProof};
