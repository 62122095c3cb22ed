//! Finding the compact form a certificate's PDF carries.
//!
//! The PDF carries the compact form as an attachment, `certificate.txt`, stored uncompressed,
//! whose whole content is the `OB1:` text and a newline. Stored so, the text is in the PDF's
//! bytes as it is, and a verifier finds it without a PDF parser.

use crate::compact::PREFIX;

/// The first well-formed compact form in a PDF's bytes: `OB1:` followed by base45 characters
/// up to a newline.
pub fn sealed_in(pdf: &[u8]) -> Option<String> {
    let prefix = PREFIX.as_bytes();
    (0..pdf.len())
        .filter(|&at| pdf[at..].starts_with(prefix))
        .find_map(|at| {
            let rest = &pdf[at + prefix.len()..];
            let end = rest.iter().position(|&byte| byte == b'\n')?;
            let encoded = &rest[..end];
            let well_formed = !encoded.is_empty()
                && encoded.iter().all(|&byte| is_base45(byte))
                && base45::decode(encoded).is_ok();
            well_formed.then(|| format!("{PREFIX}{}", String::from_utf8_lossy(encoded)))
        })
}

/// Whether `byte` is one of base45's 45 characters (RFC 9285 §4).
fn is_base45(byte: u8) -> bool {
    byte.is_ascii_digit() || byte.is_ascii_uppercase() || b" $%*+-./:".contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_found_among_other_bytes() {
        let mut pdf =
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /EmbeddedFile >>\nstream\n".to_vec();
        pdf.extend_from_slice(b"OB1:6BFOXN*TS0BI$ZD-PHQ7I\nendstream\n\xff\x00OB1:ZZ\n%%EOF");
        assert_eq!(
            sealed_in(&pdf).as_deref(),
            Some("OB1:6BFOXN*TS0BI$ZD-PHQ7I")
        );
    }

    #[test]
    fn an_ill_formed_occurrence_is_passed_over() {
        let pdf = b"(OB1:abc)\nxx OB1:\nOB1:0\nOB1:1 3\n";
        assert_eq!(sealed_in(pdf).as_deref(), Some("OB1:1 3"));
    }

    #[test]
    fn a_text_without_its_newline_is_not_taken() {
        assert_eq!(sealed_in(b"OB1:6BFOXN"), None);
        assert_eq!(sealed_in(b"nothing here\n"), None);
    }
}
