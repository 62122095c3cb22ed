//! Why a signed form is not genuine.

/// Why a signed form is not genuine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Forged {
    /// It is not in the form it claims to be; the text says what is wrong.
    #[error("The certificate is not well-formed: {0}.")]
    Malformed(String),
    /// It names a key the verifier does not trust.
    #[error("The certificate is signed with a key the issuer does not publish.")]
    UnknownKey,
    /// Its signature is not the named key's signature of its content.
    #[error("The certificate's signature does not match its content.")]
    BadSignature,
    /// One of its SD-JWT disclosures is not one the issuer signed, or is given twice.
    #[error("The certificate discloses a field its issuer did not sign.")]
    BadDisclosure,
}

impl Forged {
    /// `Malformed` with this reason.
    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        Self::Malformed(reason.into())
    }
}
