//! "Download my data": everything the reader may take out of the subject's data, as data (a
//! ZIP package, [`package`]) or as a document (a tagged PDF, [`document`]), from the page and
//! from the citizen API. Each download is one read in the subject's log, written before
//! anything is gathered past the records, so the export's own log holds it.

pub mod document;
pub mod package;

use crate::acting::Viewer;
use crate::citizen_api::corrections::CorrectionView;
use crate::citizen_api::mandates::MandatesView;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use overblik_core::export::{self, Export};
use overblik_core::{Disclosed, Error, local_today};
use overblik_model::Language;
use std::io::{self, Write};
use tokio::sync::mpsc;

/// The two forms, as the subject's log names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Package,
    Document,
}

impl Form {
    /// What the log entry says was read.
    pub fn code(self) -> &'static str {
        match self {
            Self::Package => "data_export_package",
            Self::Document => "data_export_document",
        }
    }

    /// The file's name: the form, in `language`, and the day it was `made_at` where the
    /// deployment is.
    fn file_name(self, language: Language, made_at: DateTime<Utc>) -> String {
        let day = overblik_model::Country::current().today(made_at);
        let name = match language {
            Language::Da => "overblik-mine-data",
            Language::En => "overblik-my-data",
            Language::Ca => "overblik-les-meves-dades",
            Language::Es => "overblik-mis-datos",
        };
        let extension = match self {
            Self::Package => "zip",
            Self::Document => "pdf",
        };
        format!("{name}-{day}.{extension}")
    }
}

/// The export `viewer` may take out, its read logged first.
pub async fn gather(
    state: &AppState,
    viewer: &Viewer,
    form: Form,
) -> Result<Disclosed<Export>, Error> {
    let records = export::records(&state.core, viewer).await?;
    let logged = viewer
        .log_read(state, export::read(&records, form.code()))
        .await?;
    // The package's log is checked away from the server, so it waits to prove its newest
    // entries; the document only tells them.
    let prove_log = form == Form::Package;
    let export = state.core.export(viewer, records, prove_log).await?;
    Ok(logged.disclose(export))
}

/// The package of `export` as an answer, streamed as it is written.
pub async fn package_answer(
    state: &AppState,
    viewer: &Viewer,
    export: Disclosed<Export>,
    language: Language,
) -> Result<Response, Error> {
    let export = export.into_inner();
    let name = Form::Package.file_name(language, export.made_at);
    let mut reports = Vec::with_capacity(export.reports.len());
    for report in &export.reports {
        let record = export
            .records
            .iter()
            .find(|stored| stored.id == report.correction.record);
        reports.push(CorrectionView::of(state, &report.correction, record).await?);
    }
    let mandates = export
        .mandates
        .as_ref()
        .map(|own| MandatesView::of(own, &viewer.session.subject, local_today(Utc::now())));
    let parts = package::Parts {
        export,
        reports,
        mandates,
        language,
    };
    let (sender, receiver) = mpsc::channel::<io::Result<Bytes>>(8);
    tokio::task::spawn_blocking(move || {
        let out = Chunks::new(sender.clone());
        match package::write(parts, out).and_then(|out| Ok(out.finish()?)) {
            Ok(()) => {}
            Err(error) => {
                // The answer has begun: all that can be done is to cut it short, which the
                // client sees as a broken download rather than a whole one.
                tracing::warn!(%error, "a data package was cut short");
                let _ = sender.blocking_send(Err(io::Error::other("the package was cut short")));
            }
        }
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    Ok(file(Body::from_stream(stream), "application/zip", &name))
}

/// The document of `export` as an answer, in the language of `page`: composed and written
/// away from the server's other work.
pub async fn document_answer(
    page: crate::pages::PageContext,
    export: Disclosed<Export>,
) -> Result<Response, crate::problem::Problem> {
    let language = page.language();
    let export = export.into_inner();
    let name = Form::Document.file_name(language, export.made_at);
    let written = tokio::task::spawn_blocking(move || {
        let composed = document::compose(&page, &export);
        // The records are in the document's words now: let them go before it is written.
        drop(export);
        overblik_export::document::write(&composed)
    })
    .await;
    match written {
        Ok(Ok(bytes)) => Ok(file(Body::from(bytes), "application/pdf", &name)),
        Ok(Err(error)) => Err(crate::problem::Problem::internal(&error)),
        Err(error) => Err(crate::problem::Problem::internal(&error)),
    }
}

fn file(body: Body, content_type: &'static str, name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// A writer that sends what it is given on in chunks of 64 KiB, waiting while the reader is
/// behind: the package never waits in memory whole.
struct Chunks {
    sender: mpsc::Sender<io::Result<Bytes>>,
    buffer: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl Chunks {
    fn new(sender: mpsc::Sender<io::Result<Bytes>>) -> Self {
        Self {
            sender,
            buffer: Vec::with_capacity(CHUNK),
        }
    }

    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the download was abandoned"))
    }

    fn finish(mut self) -> io::Result<()> {
        self.send()
    }
}

impl Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
