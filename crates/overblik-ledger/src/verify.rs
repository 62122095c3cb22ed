//! What a citizen (or anyone holding their export) checks: that each entry is a leaf of the
//! tree a signed checkpoint commits to, and that each checkpoint extends the ones seen before.

use crate::entry::SealedEntry;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use tlog_tiles::{Checkpoint, RecordProof, TreeProof};

/// Checks that `sealed` is leaf `sealed.index` of the tree `checkpoint` commits to.
pub fn check_entry(
    sealed: &SealedEntry,
    proof: &RecordProof,
    checkpoint: &Checkpoint,
) -> Result<(), String> {
    let salt: [u8; 32] = STANDARD
        .decode(&sealed.salt)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or("its salt is malformed")?;
    if sealed.index >= checkpoint.size() {
        return Err(format!(
            "it is not in the checkpoint of {} entries",
            checkpoint.size()
        ));
    }
    let leaf = tlog_tiles::record_hash(&sealed.entry.commitment(&salt));
    tlog_tiles::check_record(
        proof,
        checkpoint.size(),
        *checkpoint.hash(),
        sealed.index,
        leaf,
    )
    .map_err(|_| "its inclusion proof does not match the checkpoint".to_owned())
}

/// Checks that the tree of `newer` extends the tree of `older`: nothing was removed, changed
/// or reordered in between.
pub fn check_extends(
    older: &Checkpoint,
    newer: &Checkpoint,
    proof: &TreeProof,
) -> Result<(), String> {
    if newer.size() < older.size() {
        return Err(format!(
            "the log shrank from {} to {} entries",
            older.size(),
            newer.size()
        ));
    }
    tlog_tiles::check_tree(
        proof,
        newer.size(),
        *newer.hash(),
        older.size(),
        *older.hash(),
    )
    .map_err(|_| {
        format!(
            "the log of {} entries does not extend the one of {} entries",
            newer.size(),
            older.size()
        )
    })
}

/// Base64 of a salt, as exports carry it.
pub fn encode_salt(salt: &[u8; 32]) -> String {
    STANDARD.encode(salt)
}
