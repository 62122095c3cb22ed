//! A certificate as an accessible PDF: what it attests as a table of facts, who signed it
//! and when, the code to type and the QR code to scan, and the QR code's signed text carried
//! inside as `certificate.txt`, so that a verifier given the file checks it offline.

use crate::acting::Viewer;
use crate::i18n::{text, text_with};
use crate::problem::Problem;
use crate::state::AppState;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use overblik_certificate::qr::Qr;
use overblik_core::certificates::Issuer;
use overblik_core::reading::described;
use overblik_export::document::{Attachment, Block, Document, DocumentError, Matrix, write};
use overblik_model::{Certificate, Language};

/// The name of the signed text inside the PDF.
pub const ATTACHMENT: &str = "certificate.txt";

/// How wide the QR code is printed, in points: about 6 cm, so that a phone reads it.
const QR_POINTS: f32 = 170.0;

/// The PDF of `certificate`, in the language it was issued in.
pub fn pdf(certificate: &Certificate, issuer: &Issuer) -> Result<Vec<u8>, DocumentError> {
    write(&compose(certificate, issuer))
}

fn compose(certificate: &Certificate, issuer: &Issuer) -> Document {
    let language = certificate.language;
    let t = |id: &str| text(language, id);
    let kind = issuer.types.get(&certificate.type_id);
    let title = kind.map_or_else(
        || certificate.type_id.to_string(),
        |kind| kind.title.get(language).to_owned(),
    );
    let mut blocks = vec![Block::Heading(1, title.clone())];
    if let Some(kind) = kind {
        blocks.push(Block::Paragraph(kind.attests.get(language).to_owned()));
    }
    blocks.push(Block::Facts(
        certificate
            .claims
            .iter()
            .map(|claim| {
                (
                    issuer.types.label(&claim.name, language).to_owned(),
                    claim.value.clone(),
                )
            })
            .collect(),
    ));
    blocks.push(Block::Heading(2, t("certificate-about-heading")));
    let mut about = vec![
        (t("certificate-code"), certificate.id.to_string()),
        (t("certificate-sources"), certificate.sources.join(", ")),
        (
            t("certificate-issued"),
            moment(certificate.issued_at, language),
        ),
        (
            t("certificate-valid-until"),
            moment(certificate.valid_until, language),
        ),
        (t("certificate-issuer"), issuer.url().to_owned()),
        (t("certificate-key"), certificate.key_id.clone()),
    ];
    if let Some(by) = &certificate.issued_by {
        about.push((t("certificate-issued-by"), by.name.clone()));
    }
    blocks.push(Block::Facts(about));
    blocks.push(Block::Heading(2, t("certificate-check-heading")));
    blocks.push(Block::Paragraph(text_with(
        language,
        "certificate-check-online",
        &[
            ("url", format!("{}/verify", issuer.url()).into()),
            ("code", certificate.id.to_string().into()),
        ],
    )));
    blocks.push(Block::Paragraph(text_with(
        language,
        "certificate-check-offline",
        &[(
            "keys",
            format!("{}/certificates/keys.json", issuer.url()).into(),
        )],
    )));
    if let Ok(qr) = Qr::new(&certificate.sealed) {
        let width = qr.width();
        blocks.push(Block::Matrix(Matrix {
            text: t("certificate-qr"),
            size: QR_POINTS,
            dark: (0..width)
                .map(|y| (0..width).map(|x| qr.is_dark(x, y)).collect())
                .collect(),
        }));
    }
    Document {
        language: crate::i18n::code(language).to_owned(),
        title,
        creator: t("app-name"),
        footer: text_with(
            language,
            "certificate-footer",
            &[("code", certificate.id.to_string().into())],
        ),
        blocks,
        attachments: vec![Attachment {
            name: ATTACHMENT.to_owned(),
            description: t("certificate-attachment"),
            media_type: "text/plain".to_owned(),
            data: format!("{}\n", certificate.sealed).into_bytes(),
        }],
    }
}

/// A moment as the deployment's clocks show it.
fn moment(at: DateTime<Utc>, language: Language) -> String {
    let local = overblik_model::Country::current().local(at);
    match language {
        Language::Da => local.format("%d.%m.%Y kl. %H:%M").to_string(),
        Language::En => local.format("%d %B %Y, %H:%M").to_string(),
        Language::Ca | Language::Es => local.format("%d/%m/%Y %H:%M").to_string(),
    }
}

/// The file name a download of `certificate` is given.
pub fn file_name(certificate: &Certificate, extension: &str) -> String {
    format!(
        "{}-{}.{extension}",
        certificate.type_id,
        certificate.id.compact()
    )
}

/// A form a certificate is downloaded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    Pdf,
    SdJwt,
}

/// One of the citizen's certificates as a file, for the citizen API and the pages alike: the
/// read is in the subject's log before the file is made.
pub async fn download(
    state: &AppState,
    viewer: &Viewer,
    number: u32,
    form: Download,
) -> Result<Response, overblik_core::Error> {
    let certificate = state.core.own_certificate(viewer, number).await?;
    let logged = viewer.log_read(state, described("certificates")).await?;
    Ok(match form {
        Download::SdJwt => {
            let name = file_name(&certificate, "sd-jwt");
            let token = logged.disclose(certificate.sd_jwt).into_inner();
            file(token.into_bytes(), "application/dc+sd-jwt", &name)
        }
        Download::Pdf => {
            let issuer = state.core.issuer.clone();
            let name = file_name(&certificate, "pdf");
            match tokio::task::spawn_blocking(move || pdf(&certificate, &issuer)).await {
                Ok(Ok(bytes)) => file(
                    logged.disclose(bytes).into_inner(),
                    "application/pdf",
                    &name,
                ),
                Ok(Err(error)) => Problem::internal(&error).into_response(),
                Err(error) => Problem::internal(&error).into_response(),
            }
        }
    })
}

/// A download: its bytes, type and file name.
fn file(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
