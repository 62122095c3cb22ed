//! The signed forms of a certificate, knowing nothing of what it attests.
//!
//! A certificate's content ([`Attested`]) is signed by the issuer's Ed25519 key
//! ([`IssuerKey`]) in two forms anyone can check offline against the issuer's published keys
//! ([`PublicKeys`]):
//!
//! - [`compact`]: a CWT in a COSE_Sign1, as `OB1:` and base45, short enough for a [`qr`] code
//!   and found again in the certificate's PDF by [`pdf::sealed_in`];
//! - [`sd_jwt`]: an SD-JWT VC, from which its holder may present some fields only.
//!
//! Both point to the certificate's entry in the issuer's [`status_list`], which says whether
//! it has been withdrawn. Reading a form that is not genuine says why ([`Forged`]); reading one
//! that is genuine gives what it attests, and whether that still holds (its `valid_until`, its
//! entry in the status list) is for the reader to judge.

mod attested;
pub mod compact;
mod forged;
mod jws;
mod keys;
pub mod pdf;
pub mod qr;
pub mod sd_jwt;
pub mod status_list;
#[cfg(test)]
mod testing;

pub use attested::{Attested, StatusRef};
pub use forged::Forged;
pub use keys::{IssuerKey, KeyError, PublicKey, PublicKeys};
pub use status_list::StatusList;

/// Reads a signed form, whichever it is (the QR code's text or an SD-JWT VC), against the
/// issuer's `keys`.
pub fn open(text: &str, keys: &PublicKeys) -> Result<Attested, Forged> {
    let text = text.trim();
    if text.starts_with(compact::PREFIX) {
        compact::open(text, keys)
    } else if text.contains('~') {
        sd_jwt::verify(text, keys)
    } else {
        Err(Forged::Malformed(
            "neither a certificate's QR text nor an SD-JWT VC".to_owned(),
        ))
    }
}
