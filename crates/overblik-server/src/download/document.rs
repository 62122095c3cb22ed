//! The export as a document: what a citizen reads of it in the PDF, in their language. A
//! summary first (who holds what, what needs attention), then each life area with its
//! records as their pages show them (payments as tables, with the chart), the reports, the
//! powers of attorney, and My Log in plain words (who used the data, why, when): with what
//! is covered, the information GDPR Article 15 gives a right to.

use crate::i18n::text_with;
use crate::pages::PageContext;
use crate::pages::chart::Chart;
use crate::pages::log::entry_view;
use crate::pages::mandates::scope_text;
use crate::pages::record::{Block as RecordBlock, BlockBody, RecordView};
use crate::pages::{area_name, kind_name};
use overblik_core::Reach;
use overblik_core::export::Export;
use overblik_export::document::{Block, Chart as DrawnChart, Document, Label, Table};
use overblik_model::record::RecordDetails;
use overblik_model::{Area, Catalogue, Kind, RecordId};
use overblik_store::{Provider, StoredRecord};
use std::collections::HashMap;

/// The document of `export`, in the language of `page`.
pub fn compose(page: &PageContext, export: &Export) -> Document {
    let language = page.language();
    let t = |id: &str| page.t(id);
    let mut blocks = Vec::new();
    let subject = export
        .acting
        .as_ref()
        .and_then(|acting| acting.representation.subject_name.clone());
    let title = match &subject {
        Some(name) => text_with(
            language,
            "document-title-for",
            &[("name", name.clone().into())],
        ),
        None => t("document-title"),
    };
    blocks.push(Block::Heading(1, title.clone()));
    let made = page.moment(export.made_at);
    blocks.push(Block::Paragraph(text_with(
        language,
        "document-made",
        &[("moment", made.clone().into())],
    )));
    if let Some(acting) = &export.acting {
        let scope = match &acting.representation.reach {
            Reach::Everything => t("document-scope-everything"),
            Reach::Within(scope) => scope_text(page, scope),
        };
        blocks.push(Block::Paragraph(text_with(
            language,
            "document-on-behalf",
            &[
                ("holder", acting.holder_name.clone().into()),
                (
                    "name",
                    subject
                        .clone()
                        .unwrap_or_else(|| t("acting-someone"))
                        .into(),
                ),
                ("scope", scope.into()),
            ],
        )));
    }

    let providers: HashMap<&str, &Provider> = export
        .providers
        .iter()
        .map(|provider| (provider.id.as_str(), provider))
        .collect();
    summary(page, export, &mut blocks);

    // A benefit's page shows its payments; the siblings are the same authority's.
    let mut by_kind: HashMap<(&str, Kind), Vec<&StoredRecord>> = HashMap::new();
    for stored in &export.records {
        by_kind
            .entry((stored.provider.as_str(), stored.record.kind()))
            .or_default()
            .push(stored);
    }
    // A benefit's payments are rows of its area's payment table, each with its title, so its
    // own table of them (on its page) is left out: not twice.
    let payments_heading = t("block-payments");
    for area in Area::ALL {
        let records: Vec<&StoredRecord> = export
            .records
            .iter()
            .filter(|stored| stored.area() == area)
            .collect();
        if records.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(2, area_name(language, area)));
        // What comes in hundreds (payments, letters, deadlines, appointments, uses of the data,
        // contacts) is one table per kind, a row each; cases, benefits, debts and register facts, which
        // have a history or parts, each have a section as their page shows them.
        let (listed, others): (Vec<&StoredRecord>, Vec<&StoredRecord>) = records
            .into_iter()
            .partition(|stored| LISTED.contains(&stored.record.kind()));
        for stored in others {
            let Some(authority) = providers.get(stored.provider.as_str()) else {
                continue;
            };
            let siblings: &[&StoredRecord] = match stored.record.kind() {
                Kind::Benefit => by_kind
                    .get(&(stored.provider.as_str(), Kind::Payment))
                    .map_or(&[], Vec::as_slice),
                _ => &[],
            };
            let view = RecordView {
                page,
                stored,
                authority,
                siblings,
            };
            blocks.push(Block::Heading(
                3,
                stored.record.title_in(language).to_owned(),
            ));
            let mut about = vec![(
                t("document-kind"),
                kind_name(language, stored.record.kind()),
            )];
            about.extend(view.about());
            blocks.push(Block::Facts(about));
            for block in view.blocks() {
                if stored.record.kind() == Kind::Benefit && block.heading == payments_heading {
                    continue;
                }
                blocks.extend(record_block(block));
            }
        }
        // One authority's records of a kind together, under its name.
        let mut authorities: Vec<&Provider> = providers.values().copied().collect();
        authorities.sort_by(|a, b| a.name.cmp(&b.name));
        for kind in LISTED {
            for authority in &authorities {
                let of_kind: Vec<&StoredRecord> = listed
                    .iter()
                    .copied()
                    .filter(|stored| {
                        stored.record.kind() == kind && stored.provider == authority.id
                    })
                    .collect();
                if let Some(table) = kind_table(page, authority, kind, &of_kind) {
                    blocks.push(Block::Heading(3, table.caption.clone()));
                    blocks.push(Block::Table(table));
                }
            }
        }
    }

    reports(page, export, &mut blocks);
    mandates(page, export, &mut blocks);
    shared(page, export, &mut blocks);
    certificates(page, export, &mut blocks);
    log(page, export, &mut blocks);
    about(page, export, &mut blocks);

    Document {
        language: crate::i18n::code(language).to_owned(),
        title,
        creator: t("app-name"),
        footer: text_with(language, "document-footer", &[("moment", made.into())]),
        blocks,
        attachments: Vec::new(),
    }
}

/// The kinds a document lists as rows of a table rather than as sections.
const LISTED: [Kind; 6] = [
    Kind::Payment,
    Kind::Appointment,
    Kind::Deadline,
    Kind::Document,
    Kind::Contact,
    Kind::AccessEvent,
];

/// An area's records of a listed `kind` from `authority`, a row each, in the order they come
/// (newest change first); none when there are none.
fn kind_table(
    page: &PageContext,
    authority: &Provider,
    kind: Kind,
    records: &[&StoredRecord],
) -> Option<Table> {
    if records.is_empty() {
        return None;
    }
    let language = page.language();
    let t = |id: &str| page.t(id);
    let (caption, columns): (&str, &[&str]) = match kind {
        Kind::Payment => (
            "document-payments",
            &[
                "field-date",
                "field-direction",
                "field-net",
                "field-payment-status",
            ],
        ),
        Kind::Appointment => ("document-appointments", &["field-start", "field-place"]),
        Kind::Deadline => (
            "document-deadlines",
            &["field-due", "field-action", "field-done"],
        ),
        Kind::Document => (
            "document-documents",
            &["field-date", "field-category", "field-sender"],
        ),
        Kind::Contact => (
            "document-contacts",
            &[
                "field-date",
                "field-channel",
                "field-contact-direction",
                "field-summary",
            ],
        ),
        _ => (
            "document-access-events",
            &["field-date", "field-organisation", "field-purpose"],
        ),
    };
    let rows = records
        .iter()
        .map(|stored| {
            let mut row = vec![stored.record.title_in(language).to_owned()];
            row.extend(match &stored.record.details {
                RecordDetails::Payment(payment) => vec![
                    page.date(payment.date.get()),
                    t(&format!("direction-{}", payment.direction.as_str())),
                    payment.amounts.net.written(language),
                    t(&format!(
                        "payment-status-{}",
                        payment.payment_status.as_str()
                    )),
                ],
                RecordDetails::Appointment(appointment) => vec![
                    page.moment(appointment.start.get()),
                    appointment
                        .place
                        .as_ref()
                        .map_or_else(String::new, ToString::to_string),
                ],
                RecordDetails::Deadline(deadline) => vec![
                    page.date(deadline.due.get()),
                    deadline.action.to_string(),
                    if deadline.done {
                        t("deadline-done")
                    } else {
                        String::new()
                    },
                ],
                RecordDetails::Document(document) => vec![
                    page.date(document.date.get()),
                    t(&format!("category-{}", document.category.as_str())),
                    document.sender.to_string(),
                ],
                RecordDetails::Contact(contact) => vec![
                    page.moment(contact.at.get()),
                    t(&format!("channel-{}", contact.channel.as_str())),
                    t(&format!("contact-direction-{}", contact.direction.as_str())),
                    contact.summary.to_string(),
                ],
                RecordDetails::AccessEvent(event) => vec![
                    page.moment(event.at.get()),
                    event.organisation.to_string(),
                    event.purpose.to_string(),
                ],
                _ => Vec::new(),
            });
            row
        })
        .collect();
    let mut headers = vec![t("document-title-column")];
    headers.extend(columns.iter().map(|id| t(id)));
    Some(Table {
        caption: format!("{}: {}", t(caption), authority.name),
        columns: headers,
        rows,
    })
}

/// Who holds what, and what needs attention.
fn summary(page: &PageContext, export: &Export, blocks: &mut Vec<Block>) {
    let language = page.language();
    blocks.push(Block::Heading(2, page.t("document-summary")));
    let held = overblik_overview::holdings(&export.records);
    let mut providers: Vec<&Provider> = export.providers.iter().collect();
    providers.sort_by(|a, b| a.name.cmp(&b.name));
    blocks.push(Block::Table(Table {
        caption: page.t("document-holders"),
        columns: vec![
            page.t("document-authority"),
            page.t("covered-supplies"),
            page.t("document-items"),
            page.t("document-last-update"),
        ],
        rows: providers
            .iter()
            .map(|provider| {
                let (count, updated) =
                    held.get(provider.id.as_str()).map_or((0, None), |holding| {
                        (holding.records, Some(holding.last_updated))
                    });
                vec![
                    provider.name.clone(),
                    Catalogue::get()
                        .titles(language, &provider.classifications)
                        .join(", "),
                    count.to_string(),
                    updated.map_or_else(String::new, |at| {
                        page.date(overblik_model::Country::current().today(at))
                    }),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::Heading(3, page.t("document-attention")));
    let now = chrono::Utc::now();
    let attention: Vec<String> = export
        .records
        .iter()
        .filter(|stored| stored.record.attention_span().reaches(now))
        .map(|stored| {
            format!(
                "{} ({})",
                stored.record.title_in(language),
                kind_name(language, stored.record.kind())
            )
        })
        .collect();
    blocks.push(if attention.is_empty() {
        Block::Paragraph(page.t("document-attention-none"))
    } else {
        Block::List(attention)
    });
}

/// A block of a record's page as the document's blocks.
fn record_block(block: RecordBlock) -> Vec<Block> {
    let heading = Block::Heading(4, block.heading);
    let body = match block.body {
        BlockBody::Facts(rows) => Block::Facts(rows),
        BlockBody::Timeline(steps) => Block::List(
            steps
                .into_iter()
                .map(|step| format!("{}: {}", step.date, step.text))
                .collect(),
        ),
        BlockBody::Items(items) => Block::List(
            items
                .into_iter()
                .map(|item| format!("{}: {}", item.date, item.title))
                .collect(),
        ),
        BlockBody::Text(text) => Block::Paragraph(text),
        BlockBody::Table(table) => Block::Table(Table {
            caption: table.caption,
            columns: table.columns,
            rows: table.rows,
        }),
        BlockBody::Chart(chart) => Block::Chart(drawn(chart)),
    };
    vec![heading, body]
}

/// The page's chart as the document draws it, with the same words for who cannot see it.
fn drawn(chart: Chart) -> DrawnChart {
    DrawnChart {
        text: format!("{} {}", chart.title, chart.description),
        width: chart.width as f32,
        height: chart.height as f32,
        bars: chart
            .bars
            .iter()
            .map(|bar| {
                [
                    bar.x as f32,
                    bar.y as f32,
                    bar.width as f32,
                    bar.height as f32,
                ]
            })
            .collect(),
        labels: chart
            .labels
            .into_iter()
            .map(|label| Label {
                x: label.x as f32,
                y: label.y as f32,
                text: label.text,
                centred: label.anchor == "middle",
            })
            .collect(),
    }
}

fn reports(page: &PageContext, export: &Export, blocks: &mut Vec<Block>) {
    if export.reports.is_empty() {
        return;
    }
    blocks.push(Block::Heading(2, page.t("nav-reports")));
    let titles: HashMap<RecordId, &StoredRecord> = export
        .records
        .iter()
        .map(|stored| (stored.id, stored))
        .collect();
    for report in &export.reports {
        let correction = &report.correction;
        let title = titles.get(&correction.record).map_or_else(
            || correction.record_title.clone(),
            |stored| stored.record.title_in(page.language()).to_owned(),
        );
        blocks.push(Block::Heading(3, title));
        let mut facts = vec![
            (
                page.t("report-state"),
                page.t(&format!("report-state-{}", correction.state().as_str())),
            ),
            (
                page.t("document-explanation"),
                correction.explanation.clone(),
            ),
        ];
        if !report.files.is_empty() {
            facts.push((
                page.t("document-files"),
                report
                    .files
                    .iter()
                    .map(|(attachment, _)| attachment.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        blocks.push(Block::Facts(facts));
        blocks.push(Block::List(
            correction
                .steps
                .iter()
                .map(|step| {
                    let state = page.t(&format!("report-state-{}", step.state.as_str()));
                    match &step.note {
                        Some(note) => format!("{}: {state}. {note}", page.moment(step.at)),
                        None => format!("{}: {state}", page.moment(step.at)),
                    }
                })
                .collect(),
        ));
    }
}

fn mandates(page: &PageContext, export: &Export, blocks: &mut Vec<Block>) {
    let Some(own) = &export.mandates else {
        return;
    };
    if own.given.is_empty() && own.held.is_empty() {
        return;
    }
    let today = overblik_core::local_today(chrono::Utc::now());
    blocks.push(Block::Heading(2, page.t("nav-mandates")));
    let rows = |mandates: &[overblik_model::Mandate], given: bool| -> Vec<Vec<String>> {
        mandates
            .iter()
            .map(|mandate| {
                vec![
                    if given {
                        mandate.holder_name.clone()
                    } else {
                        mandate.grantor_name.clone()
                    },
                    scope_text(page, &mandate.scope),
                    format!(
                        "{} – {}",
                        page.date(mandate.valid_from),
                        page.date(mandate.valid_until)
                    ),
                    page.t(&format!("mandate-state-{}", mandate.state(today).as_str())),
                ]
            })
            .collect()
    };
    let columns = vec![
        page.t("document-person"),
        page.t("document-scope"),
        page.t("document-period"),
        page.t("report-state"),
    ];
    for (caption, mandates, given) in [
        ("document-mandates-given", &own.given, true),
        ("document-mandates-held", &own.held, false),
    ] {
        if !mandates.is_empty() {
            blocks.push(Block::Table(Table {
                caption: page.t(caption),
                columns: columns.clone(),
                rows: rows(mandates, given),
            }));
        }
    }
}

/// The consents given to services: to whom, why, which data, for how long, and where they
/// stand.
fn shared(page: &PageContext, export: &Export, blocks: &mut Vec<Block>) {
    let Some(shared) = &export.shared else {
        return;
    };
    if shared.consents.is_empty() {
        return;
    }
    let language = page.language();
    let today = overblik_core::local_today(export.made_at);
    blocks.push(Block::Heading(2, page.t("shared-title")));
    blocks.push(Block::Paragraph(page.t("document-shared-intro")));
    let rows = shared
        .consents
        .iter()
        .map(|consent| {
            let terms = &consent.terms;
            vec![
                shared
                    .recipient_of(consent)
                    .map(|recipient| recipient.name.clone())
                    .unwrap_or_default(),
                consent.purpose.clone(),
                scope_text(page, &terms.scope),
                match terms.frequency {
                    overblik_model::Frequency::Once => page.t("consent-once"),
                    overblik_model::Frequency::Ongoing => crate::i18n::text_with(
                        language,
                        "consent-ongoing",
                        &[("until", page.date(terms.last_day).into())],
                    ),
                },
                page.t(&format!("consent-state-{}", consent.state(today).as_str())),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        caption: page.t("shared-title"),
        columns: vec![
            page.t("document-recipient"),
            page.t("shared-purpose"),
            page.t("document-data"),
            page.t("shared-period"),
            page.t("report-state"),
        ],
        rows,
    }));
}

/// The certificates issued from the data: which, their code, and where each stands.
fn certificates(page: &PageContext, export: &Export, blocks: &mut Vec<Block>) {
    let Some(certificates) = &export.certificates else {
        return;
    };
    if certificates.issued.is_empty() {
        return;
    }
    let types = &certificates.issuer.types;
    let rows = certificates
        .issued
        .iter()
        .map(|issued| {
            vec![
                types.get(&issued.type_id).map_or_else(
                    || issued.type_id.to_string(),
                    |kind| kind.title.get(page.language()).to_owned(),
                ),
                issued.id.to_string(),
                page.moment(issued.issued_at),
                page.moment(issued.valid_until),
                page.t(&format!(
                    "certificates-state-{}",
                    issued.state(export.made_at).as_str()
                )),
            ]
        })
        .collect();
    blocks.push(Block::Heading(2, page.t("certificates-title")));
    blocks.push(Block::Table(Table {
        caption: page.t("certificates-title"),
        columns: vec![
            page.t("certificates-type"),
            page.t("certificate-code"),
            page.t("certificate-issued"),
            page.t("certificate-valid-until"),
            page.t("report-state"),
        ],
        rows,
    }));
}

/// My Log in plain words, newest first: who used the data, why, what, when.
fn log(page: &PageContext, export: &Export, blocks: &mut Vec<Block>) {
    let Some(log) = &export.log else {
        return;
    };
    blocks.push(Block::Heading(2, page.t("nav-log")));
    blocks.push(Block::Paragraph(page.t("document-log-intro")));
    let entries = log
        .pending
        .iter()
        .map(|unsealed| (&unsealed.entry, false))
        .chain(
            log.entries
                .iter()
                .map(|exported| (&exported.sealed.entry, true)),
        );
    let rows = entries
        .map(|(entry, sealed)| {
            let view = entry_view(page, entry, sealed);
            vec![view.when, view.who, view.purpose, view.what]
        })
        .collect();
    blocks.push(Block::Table(Table {
        caption: page.t("document-log-caption"),
        columns: vec![
            page.t("document-when"),
            page.t("log-authority"),
            page.t("log-purpose"),
            page.t("document-what"),
        ],
        rows,
    }));
}

/// What the document is, where its data comes from, and the citizen's rights.
fn about(page: &PageContext, _export: &Export, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading(2, page.t("document-about")));
    for id in [
        "document-about-purpose",
        "document-about-sources",
        "document-about-recipients",
        "document-about-retention",
        "document-about-rights",
    ] {
        blocks.push(Block::Paragraph(page.t(id)));
    }
}
