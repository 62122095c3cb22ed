//! Signed checkpoints: the tree's size and root hash in the C2SP `tlog-checkpoint` text,
//! signed as a C2SP `signed-note` with the log's Ed25519 key. Checkpoints reveal nothing but
//! the tree's shape, so they can be published and witnessed by anyone.

use signed_note::{Note, StandardSigner, StandardVerifier, VerifierList};
use tlog_tiles::{Checkpoint, Hash};

/// Why a checkpoint was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error("the checkpoint is not a signed note: {0}")]
    NotANote(String),
    #[error("the checkpoint's signature does not verify with the log's key: {0}")]
    BadSignature(String),
    #[error("the checkpoint's text is malformed")]
    Malformed,
    #[error("the checkpoint is for the log {found}, not {expected}")]
    OtherLog { expected: String, found: String },
    #[error("the log key is malformed")]
    BadKey,
}

/// The log's signing key and its public half, in the signed-note key encodings.
#[derive(Clone)]
pub struct LogKey {
    /// The log's name, which its checkpoints carry as their origin.
    origin: String,
    signer_key: String,
    verifier_key: String,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogKey")
            .field("verifier_key", &self.verifier_key)
            .finish_non_exhaustive()
    }
}

impl LogKey {
    /// A new key for the log named `origin` (such as `overblik.example.dk/log`): no spaces or
    /// `+`.
    pub fn generate(origin: &str) -> Self {
        let (signer_key, verifier_key) = signed_note::generate_key(&mut rand::rngs::OsRng, origin);
        Self {
            origin: origin.to_owned(),
            signer_key,
            verifier_key,
        }
    }

    /// A key from its private encoding (`PRIVATE+KEY+origin+id+key`).
    pub fn from_private(signer_key: &str) -> Result<Self, CheckpointError> {
        StandardSigner::new(signer_key).map_err(|_| CheckpointError::BadKey)?;
        let (_, rest) = signer_key
            .split_once("PRIVATE+KEY+")
            .ok_or(CheckpointError::BadKey)?;
        let (origin, _) = rest.split_once('+').ok_or(CheckpointError::BadKey)?;
        let seed = signed_key_seed(signer_key).ok_or(CheckpointError::BadKey)?;
        let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
        Ok(Self {
            origin: origin.to_owned(),
            signer_key: signer_key.to_owned(),
            verifier_key: signed_note::new_ed25519_verifier_key(origin, &signing.verifying_key()),
        })
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn private(&self) -> &str {
        &self.signer_key
    }

    /// The public key that verifies checkpoints: `origin+id+key`.
    pub fn verifier(&self) -> &str {
        &self.verifier_key
    }

    /// The signed checkpoint for a tree of `size` leaves with root `root`.
    pub fn sign(&self, size: u64, root: Hash) -> String {
        let checkpoint =
            Checkpoint::new(&self.origin, size, root, "").expect("an origin without newlines");
        let signer = StandardSigner::new(&self.signer_key).expect("a key checked when made");
        let mut note = Note::new(&checkpoint.to_bytes(), &[]).expect("a well-formed text");
        note.add_sigs(&[&signer]).expect("a valid key name");
        String::from_utf8(note.to_bytes()).expect("notes are UTF-8")
    }
}

/// The Ed25519 seed inside a private key encoding.
fn signed_key_seed(signer_key: &str) -> Option<[u8; 32]> {
    use base64::Engine;
    // PRIVATE+KEY+name+id+key: the key is everything after the fourth '+', and base64 may
    // itself hold '+'.
    let encoded = signer_key.splitn(5, '+').nth(4)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    // The first byte names the algorithm; 1 is Ed25519.
    (bytes.len() == 33 && bytes[0] == 1).then(|| bytes[1..].try_into().ok())?
}

/// Checks a signed checkpoint against the log's public key and reads it.
pub fn open(note: &str, verifier_key: &str) -> Result<Checkpoint, CheckpointError> {
    let verifier = StandardVerifier::new(verifier_key).map_err(|_| CheckpointError::BadKey)?;
    let origin = verifier_key
        .split('+')
        .next()
        .ok_or(CheckpointError::BadKey)?
        .to_owned();
    let note = Note::from_bytes(note.as_bytes())
        .map_err(|error| CheckpointError::NotANote(error.to_string()))?;
    note.verify(&VerifierList::new(vec![Box::new(verifier)]))
        .map_err(|error| CheckpointError::BadSignature(error.to_string()))?;
    let checkpoint = Checkpoint::from_bytes(note.text()).map_err(|_| CheckpointError::Malformed)?;
    if checkpoint.origin() != origin {
        return Err(CheckpointError::OtherLog {
            expected: origin,
            found: checkpoint.origin().to_owned(),
        });
    }
    Ok(checkpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "overblik.test/log";

    #[test]
    fn a_signed_checkpoint_opens_with_its_key_and_no_other() {
        let key = LogKey::generate(ORIGIN);
        let root = tlog_tiles::record_hash(b"leaf");
        let note = key.sign(1, root);
        assert!(note.starts_with("overblik.test/log\n1\n"), "{note}");
        let checkpoint = open(&note, key.verifier()).expect("opens");
        assert_eq!((checkpoint.size(), *checkpoint.hash()), (1, root));

        let other = LogKey::generate(ORIGIN);
        assert!(open(&note, other.verifier()).is_err());
        let forged = note.replacen("\n1\n", "\n2\n", 1);
        assert!(matches!(
            open(&forged, key.verifier()),
            Err(CheckpointError::BadSignature(_))
        ));
    }

    #[test]
    fn a_key_survives_its_private_encoding() {
        // Enough keys that some have '+' in their base64.
        for _ in 0..64 {
            let key = LogKey::generate("127.0.0.1:8080/log");
            let again = LogKey::from_private(key.private()).expect("reads");
            assert_eq!(again.verifier(), key.verifier());
            assert_eq!(again.origin(), "127.0.0.1:8080/log");
        }
        assert!(LogKey::from_private("PRIVATE+KEY+x+00000000+AAAA").is_err());
    }
}
