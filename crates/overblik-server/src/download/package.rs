//! The export as data: a ZIP of JSON files in the citizen API's shapes, each with its JSON
//! Schema (2020-12) under `schemas/`, the files sent with reports, a README in the citizen's
//! language explaining each file, and `manifest.json` with every file's SHA-256.
//!
//! The format is versioned ([`VERSION`]): a file's meaning changes only with a new version.

use crate::certificates::view::CertificateView;
use crate::citizen_api::corrections::CorrectionView;
use crate::citizen_api::mandates::MandatesView;
use crate::citizen_api::{AuthorityView, RecordView};
use crate::i18n::{text, text_with};
use crate::sharing::record::ConsentRecord;
use chrono::{DateTime, Utc};
use overblik_core::export::Export;
use overblik_export::package::{Package, PackageError};
use overblik_export::schema;
use overblik_ledger::export::LogExport;
use overblik_model::notify::{Happening, Moment, Preferences};
use overblik_model::{Catalogue, Language, RecordId, Scope};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;
use utoipa::ToSchema;

/// The format's name, in `export.json` and the manifest.
pub const FORMAT: &str = "overblik-export";
/// The format's version.
pub const VERSION: u32 = 1;

/// `export.json`: what the package is, when it was made, for whom and by whom, and what it
/// holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct About {
    /// Always `overblik-export`.
    pub format: String,
    pub version: u32,
    pub made_at: DateTime<Utc>,
    /// The language of the texts (titles, statuses) and of the README.
    pub language: Language,
    /// Set when someone acting for the citizen made the export: it then holds only what they
    /// may see.
    pub on_behalf_of: Option<OnBehalf>,
    /// The files with the citizen's data this package holds.
    pub contents: Vec<String>,
    /// Parts left out, with why: a power of attorney does not show My Log, powers of attorney
    /// or notifications.
    pub left_out: Vec<String>,
}

/// Who made an export for someone else, on what basis and within what.
#[derive(Debug, Serialize, ToSchema)]
pub struct OnBehalf {
    /// The person whose data it is, as far as Overblik knows their name.
    pub subject_name: Option<String>,
    /// The person who made it.
    pub made_by: String,
    /// `power_of_attorney` or `parental_custody`.
    pub basis: String,
    /// A power of attorney's scope; none for custody, which covers everything.
    pub scope: Option<Scope>,
}

/// `covered.json`: an authority connected to Overblik, what it may report, and what it holds
/// about the citizen.
#[derive(Debug, Serialize, ToSchema)]
pub struct Covered {
    pub authority: AuthorityView,
    /// The plain-language names of what it may report.
    pub supplies: Vec<String>,
    /// How many of the citizen's records it holds that the export has.
    pub records: u64,
    /// Its latest change among them.
    pub last_updated: Option<DateTime<Utc>>,
}

/// `notifications.json`: the citizen's settings and their notices.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notifications {
    pub settings: Preferences,
    pub notices: Vec<NoticeView>,
}

/// A notice Overblik gave the citizen.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeView {
    pub happening: Happening,
    /// The record it is about, and its title then.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub record: Option<RecordId>,
    pub record_title: Option<String>,
    pub moment: Option<Moment>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// What the package is made of, beyond the core's export: the views that need the store.
#[derive(Debug)]
pub struct Parts {
    pub export: Export,
    pub reports: Vec<CorrectionView>,
    pub mandates: Option<MandatesView>,
    pub language: Language,
}

/// A JSON file of the package and its schema.
struct File {
    name: &'static str,
    schema: serde_json::Value,
}

impl File {
    fn path(&self) -> String {
        format!("{}.json", self.name)
    }

    fn schema_path(&self) -> String {
        format!("schemas/{}.schema.json", self.name)
    }

    /// Writes `value` as this file of `package`, and keeps the file in `written` for its
    /// schema and the README.
    fn write<W: Write>(
        self,
        package: &mut Package<W>,
        written: &mut Vec<File>,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), PackageError> {
        package.json(&self.path(), Some(&self.schema_path()), value)?;
        written.push(self);
        Ok(())
    }
}

fn file<T: ToSchema>(name: &'static str, title: &str, list: bool) -> File {
    let id = format!("urn:overblik:export:{VERSION}:{name}");
    File {
        name,
        schema: if list {
            schema::list_of::<T>(&id, title)
        } else {
            schema::of::<T>(&id, title)
        },
    }
}

/// Writes the package of `parts` to `out`, file by file.
pub fn write<W: Write>(parts: Parts, out: W) -> Result<W, PackageError> {
    let Parts {
        export,
        reports,
        mandates,
        language,
    } = parts;
    let mut package = Package::new(
        out,
        overblik_model::Country::current()
            .local(export.made_at)
            .naive_local(),
    );
    let names: HashMap<&str, &overblik_store::Provider> = export
        .providers
        .iter()
        .map(|provider| (provider.id.as_str(), provider))
        .collect();

    let mut contents = vec!["covered", "records", "reports"];
    let mut left_out = Vec::new();
    match &mandates {
        Some(_) => contents.push("mandates"),
        None => left_out.push(text(language, "export-left-out-mandates")),
    }
    match &export.notifications {
        Some(_) => contents.push("notifications"),
        None => left_out.push(text(language, "export-left-out-notifications")),
    }
    match &export.log {
        Some(_) => contents.push("log"),
        None => left_out.push(text(language, "export-left-out-log")),
    }
    if export.shared.is_some() {
        contents.push("consents");
    }
    if export.certificates.is_some() {
        contents.push("certificates");
    }

    // export.json
    let about = About {
        format: FORMAT.to_owned(),
        version: VERSION,
        made_at: export.made_at,
        language,
        on_behalf_of: export.acting.as_ref().map(|acting| OnBehalf {
            subject_name: acting.representation.subject_name.clone(),
            made_by: acting.holder_name.clone(),
            basis: acting.representation.basis.purpose().code().to_owned(),
            scope: match &acting.representation.reach {
                overblik_core::Reach::Everything => None,
                overblik_core::Reach::Within(scope) => Some(scope.clone()),
            },
        }),
        contents: contents.iter().map(|name| format!("{name}.json")).collect(),
        left_out,
    };
    let mut schemas = Vec::new();
    file::<About>("export", "Overblik export: about this package", false).write(
        &mut package,
        &mut schemas,
        &about,
    )?;

    // covered.json
    let held = overblik_overview::holdings(&export.records);
    let covered: Vec<Covered> = export
        .providers
        .iter()
        .map(|provider| {
            let holding = held.get(provider.id.as_str());
            Covered {
                authority: AuthorityView::of(provider),
                supplies: Catalogue::get()
                    .titles(language, &provider.classifications)
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                records: holding.map_or(0, |holding| holding.records as u64),
                last_updated: holding.map(|holding| holding.last_updated),
            }
        })
        .collect();
    file::<Covered>("covered", "What is covered: the authorities", true).write(
        &mut package,
        &mut schemas,
        &covered,
    )?;

    // records.json, written record by record.
    let records_file = file::<RecordView>("records", "The citizen's records", true);
    package.file(
        &records_file.path(),
        Some(&records_file.schema_path()),
        |out| {
            let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
            let mut serializer = serde_json::Serializer::pretty(&mut buffered);
            serde::Serializer::collect_seq(
                &mut serializer,
                // Every record's authority is registered (the stores' foreign key), and the
                // authorities are read after the records: none is missing.
                export.records.iter().filter_map(|stored| {
                    let provider = names.get(stored.provider.as_str())?;
                    Some(RecordView::of(stored.clone(), provider, language))
                }),
            )?;
            buffered.flush()?;
            Ok(())
        },
    )?;
    schemas.push(records_file);

    // reports.json, and the files sent with them.
    let mut reports = reports;
    for (view, report) in reports.iter_mut().zip(&export.reports) {
        for (shown, (attachment, bytes)) in view.attachments.iter_mut().zip(&report.files) {
            let path = format!(
                "reports/{}/{}-{}",
                report.correction.id, attachment.id, attachment.name
            );
            package.bytes(&path, bytes)?;
            shown.href = path;
        }
    }
    file::<CorrectionView>("reports", "Reports of wrong or missing data", true).write(
        &mut package,
        &mut schemas,
        &reports,
    )?;

    if let Some(mandates) = &mandates {
        file::<MandatesView>("mandates", "Powers of attorney", false).write(
            &mut package,
            &mut schemas,
            mandates,
        )?;
    }

    if let Some(shared) = &export.shared {
        let today = overblik_core::local_today(export.made_at);
        let consents: Vec<ConsentRecord> = shared
            .consents
            .iter()
            .filter_map(|consent| {
                let recipient = shared.recipient_of(consent)?;
                Some(ConsentRecord::of(consent, recipient, today))
            })
            .collect();
        file::<ConsentRecord>("consents", "Consents to share data with services", true).write(
            &mut package,
            &mut schemas,
            &consents,
        )?;
    }

    if let Some(certificates) = &export.certificates {
        let views: Vec<CertificateView> = certificates
            .issued
            .iter()
            .map(|issued| {
                CertificateView::of(issued, &certificates.issuer, language, export.made_at)
            })
            .collect();
        file::<CertificateView>(
            "certificates",
            "Certificates issued from the citizen's data",
            true,
        )
        .write(&mut package, &mut schemas, &views)?;
    }

    if let Some((settings, notices)) = &export.notifications {
        let notifications = Notifications {
            settings: settings.clone(),
            notices: notices
                .iter()
                .map(|notice| NoticeView {
                    happening: notice.happening,
                    record: notice.record.as_ref().map(|(id, _)| *id),
                    record_title: notice
                        .record
                        .as_ref()
                        .map(|(_, title)| title.get(language).to_owned()),
                    moment: notice.moment,
                    created_at: notice.created_at,
                    due_at: notice.due_at,
                    read_at: notice.read_at,
                })
                .collect(),
        };
        file::<Notifications>("notifications", "Notifications", false).write(
            &mut package,
            &mut schemas,
            &notifications,
        )?;
    }

    if let Some(log) = &export.log {
        file::<LogExport>("log", "My Log: who used the citizen's data", false).write(
            &mut package,
            &mut schemas,
            log,
        )?;
    }

    let manifest_schema = manifest_schema();
    package.json("schemas/manifest.schema.json", None, &manifest_schema)?;
    for written in &schemas {
        package.json(&written.schema_path(), None, &written.schema)?;
    }
    package.file("README.txt", None, |out| {
        out.write_all(readme(language, &schemas, export.acting.is_some()).as_bytes())?;
        Ok(())
    })?;

    let mut head = serde_json::Map::new();
    head.insert("$schema".to_owned(), json!("schemas/manifest.schema.json"));
    head.insert("format".to_owned(), json!(FORMAT));
    head.insert("version".to_owned(), json!(VERSION));
    head.insert("made_at".to_owned(), json!(export.made_at));
    package.finish(head)
}

/// The manifest's own schema.
fn manifest_schema() -> serde_json::Value {
    let files = schema::list_of::<overblik_export::package::ManifestFile>(
        "urn:overblik:export:files",
        "Files",
    );
    json!({
        "$schema": schema::DIALECT,
        "$id": format!("urn:overblik:export:{VERSION}:manifest"),
        "title": "The package's manifest: every file with its size and SHA-256",
        "type": "object",
        "required": ["format", "version", "made_at", "files"],
        "properties": {
            "$schema": {"type": "string"},
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "made_at": {"type": "string", "format": "date-time"},
            "files": {"type": "array", "items": files["items"].clone()}
        }
    })
}

/// The README: what each file holds, in the citizen's language.
fn readme(language: Language, files: &[File], on_behalf: bool) -> String {
    let mut readme = text(language, "export-readme-intro");
    readme.push_str("\n\n");
    if on_behalf {
        readme.push_str(&text(language, "export-readme-on-behalf"));
        readme.push_str("\n\n");
    }
    for written in files {
        readme.push_str(&format!(
            "{}\n    {}\n",
            written.path(),
            text(language, &format!("export-readme-{}", written.name))
        ));
    }
    for (path, id) in [
        ("reports/", "export-readme-files"),
        ("schemas/", "export-readme-schemas"),
        ("manifest.json", "export-readme-manifest"),
    ] {
        readme.push_str(&format!("{path}\n    {}\n", text(language, id)));
    }
    readme.push('\n');
    readme.push_str(&text_with(
        language,
        "export-readme-version",
        &[("version", VERSION.into())],
    ));
    readme.push('\n');
    readme
}
