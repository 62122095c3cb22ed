//! Why a citizen's data was read: the purpose codes the access log knows.

use std::fmt;

/// A purpose the log knows, each with a plain-language text in the citizen's language. An
/// entry keeps its purpose as text, since an authority's own access event may give its own
/// words instead; those are shown as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// The citizen looking at their own data.
    SelfService,
    CaseProcessing,
    Payment,
    Control,
    Statistics,
    Research,
    LegalObligation,
    /// A holder reading under a power of attorney.
    PowerOfAttorney,
    /// A parent reading under custody.
    ParentalCustody,
    /// An authority reading a correction request about the citizen's record.
    CorrectionRequest,
    /// A service fetching what the citizen consented to share with it; the entry keeps the
    /// purpose in the words the citizen consented to.
    Consent,
    /// The citizen (or a parent for a child) having a certificate issued from their data.
    Certificate,
    /// Someone shown one of the citizen's certificates checking it online.
    CertificateCheck,
    Other,
}

impl Purpose {
    /// Every purpose, in the order the log's filter lists them.
    pub const ALL: [Self; 14] = [
        Self::SelfService,
        Self::CaseProcessing,
        Self::Payment,
        Self::Control,
        Self::Statistics,
        Self::Research,
        Self::LegalObligation,
        Self::PowerOfAttorney,
        Self::ParentalCustody,
        Self::CorrectionRequest,
        Self::Consent,
        Self::Certificate,
        Self::CertificateCheck,
        Self::Other,
    ];

    /// The code an entry keeps.
    pub fn code(self) -> &'static str {
        match self {
            Self::SelfService => "self_service",
            Self::CaseProcessing => "case_processing",
            Self::Payment => "payment",
            Self::Control => "control",
            Self::Statistics => "statistics",
            Self::Research => "research",
            Self::LegalObligation => "legal_obligation",
            Self::PowerOfAttorney => "power_of_attorney",
            Self::ParentalCustody => "parental_custody",
            Self::CorrectionRequest => "correction_request",
            Self::Consent => "consent",
            Self::Certificate => "certificate",
            Self::CertificateCheck => "certificate_check",
            Self::Other => "other",
        }
    }

    /// The purpose `code` names, if the log knows it.
    pub fn of(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|purpose| purpose.code() == code)
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Purpose;

    #[test]
    fn each_code_names_its_purpose_and_no_other() {
        for purpose in Purpose::ALL {
            assert_eq!(Purpose::of(purpose.code()), Some(purpose));
        }
        assert_eq!(Purpose::of("own words of an authority"), None);
    }
}
