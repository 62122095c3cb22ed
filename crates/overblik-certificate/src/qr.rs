//! A compact form as a QR code, for a PDF writer to draw as squares.

use std::fmt;

use qrcode::{Color, EcLevel, QrCode};

/// Why a text could not become a QR code.
#[derive(Debug, thiserror::Error)]
#[error("the text does not fit in a QR code: {0}")]
pub struct QrError(String);

/// A QR code of a text, at error correction level M (15% of it may be lost). A compact form's
/// base45 is all QR alphanumeric characters, so it is encoded in alphanumeric mode.
pub struct Qr(QrCode);

impl Qr {
    /// The QR code of `text`, of the smallest version it fits in.
    pub fn new(text: &str) -> Result<Self, QrError> {
        QrCode::with_error_correction_level(text, EcLevel::M)
            .map(Self)
            .map_err(|e| QrError(e.to_string()))
    }

    /// The number of modules on a side, without the quiet zone (four modules of light a
    /// drawing must leave around it).
    pub fn width(&self) -> usize {
        self.0.width()
    }

    /// Whether the module at column `x`, row `y` (from the top left) is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.0[(x, y)] == Color::Dark
    }

    /// The QR version, 1 to 40.
    pub fn version(&self) -> i16 {
        match self.0.version() {
            qrcode::Version::Normal(version) | qrcode::Version::Micro(version) => version,
        }
    }
}

impl fmt::Debug for Qr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Qr")
            .field("version", &self.version())
            .field("width", &self.width())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_a_small_code_with_its_finder_patterns() {
        let qr = Qr::new("OB1:HELLO").expect("fits");
        assert_eq!(qr.version(), 1);
        assert_eq!(qr.width(), 21);
        // The finder pattern's corner and the light separator beside it.
        assert!(qr.is_dark(0, 0));
        assert!(!qr.is_dark(7, 0));
        assert!(qr.is_dark(qr.width() - 1, 0));
    }

    #[test]
    fn too_long_a_text_is_refused() {
        assert!(Qr::new(&"A".repeat(5000)).is_err());
    }
}
