//! One record: who holds it and when it changed there, then what its kind shows — a case's
//! timeline, a benefit's payments, a debt's breakdown, an appointment's calendar file.

use super::chart::{Chart, Point};
use super::{Chrome, PageContext, Section, Viewing, area_name, kind_name, store_failure};
use crate::access_log::records_read;
use crate::i18n::{text, text_with};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use overblik_model::record::{
    Amounts, Appointment, Benefit, Case, ContactEvent, DatedItem, Debt, InKind, Payment, Provision,
    RecordDetails,
};
use overblik_model::{Kind, Language, Money, RecordId};
use overblik_store::{Provider, RecordFilter, StoreError, StoredRecord};

/// How many of a benefit's latest payments the chart draws; the table lists them all.
const CHART_PAYMENTS: usize = 24;

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    chrome: Chrome,
    /// The title's language, when it is not the page's.
    title_lang: Option<String>,
    back: String,
    back_href: String,
    kind: String,
    about: Vec<(String, String)>,
    blocks: Vec<Block>,
    actions: Vec<Action>,
    report: Option<ReportLink>,
    /// Pinning the record to the overview, for the citizen themselves.
    pin: Option<PinButton>,
}

struct PinButton {
    record: String,
    pinned: bool,
    label: String,
}

/// The way to tell the authority that the record is wrong, for a reader who may act.
struct ReportLink {
    heading: String,
    text: String,
    href: String,
    label: String,
}

/// A part of a record page under its own heading.
pub(crate) struct Block {
    pub(crate) heading: String,
    pub(crate) body: BlockBody,
}

pub(crate) enum BlockBody {
    Facts(Vec<(String, String)>),
    /// Steps oldest first; the last one is where the matter stands now.
    Timeline(Vec<Step>),
    Items(Vec<Item>),
    Text(String),
    Table(Table),
    Chart(Chart),
}

pub(crate) struct Step {
    pub(crate) date: String,
    pub(crate) text: String,
}

/// A dated entry in a list, such as a journal note or a document, with a link where the
/// authority offers one.
pub(crate) struct Item {
    pub(crate) date: String,
    pub(crate) title: String,
    pub(crate) href: Option<String>,
}

/// A table whose columns after the first hold amounts or dates, aligned right.
pub(crate) struct Table {
    pub(crate) caption: String,
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// A link that does something: pay, rebook, add to the calendar, go to the authority.
struct Action {
    href: String,
    label: String,
    /// A link to a file of ours rather than to another site.
    download: bool,
}

impl Action {
    fn external(href: &str, label: String) -> Self {
        Self {
            href: href.to_owned(),
            label,
            download: false,
        }
    }
}

pub async fn record(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(id) = id.parse::<RecordId>() else {
        return page.not_found();
    };
    let stored = match viewer.record(&state, &id).await {
        Ok(stored) => stored,
        Err(StoreError::NotFound) => return page.not_found(),
        Err(error) => return store_failure(error),
    };
    let authority = match state.core.store.provider(&stored.provider).await {
        Ok(provider) => provider,
        Err(error) => return store_failure(error),
    };
    // Payments and benefits point at each other by the authority's own ids.
    let related = match stored.record.kind() {
        Kind::Benefit => Kind::Payment,
        Kind::Payment => Kind::Benefit,
        _ => Kind::AccessEvent,
    };
    let siblings = if related == Kind::AccessEvent {
        Vec::new()
    } else {
        let filter = RecordFilter {
            kind: Some(related),
            ..RecordFilter::visible_now()
        };
        match viewer.records(&state, &filter).await {
            Ok(records) => records
                .into_iter()
                .filter(|other| other.provider == stored.provider)
                .collect(),
            Err(error) => return store_failure(error),
        }
    };
    let pinned = if viewer.acting.is_none() {
        match state.core.overview_choices(&viewer).await {
            Ok(choices) => Some(choices.pinned_records.contains(&stored.id)),
            Err(error) => return page.failed(error),
        }
    } else {
        None
    };
    if let Err(error) = viewer.log_read(&state, records_read([&stored])).await {
        return page.failed(error);
    }
    let view = RecordView {
        page: &page,
        stored: &stored,
        authority: &authority,
        siblings: &siblings.iter().collect::<Vec<_>>(),
    };
    let language = page.language;
    let (title, title_lang) = stored.record.title_shown(language);
    let template = RecordPage {
        chrome: page.chrome(title.to_owned(), Section::None),
        title_lang: title_lang.map(str::to_owned),
        back: area_name(language, stored.area()),
        back_href: format!("/areas/{}", stored.area().slug()),
        kind: kind_name(language, stored.record.kind()),
        about: view.about(),
        blocks: view.blocks(),
        actions: view.actions(),
        report: viewer.may_act().then(|| ReportLink {
            heading: page.t("report-link-heading"),
            text: text_with(
                language,
                "report-link-text",
                &[("authority", authority.name.clone().into())],
            ),
            href: format!("/records/{}/report", stored.id),
            label: page.t("report-link"),
        }),
        pin: pinned.map(|pinned| PinButton {
            record: stored.id.to_string(),
            pinned,
            label: page.t(if pinned { "pin-remove" } else { "pin-add" }),
        }),
    };
    page.render(StatusCode::OK, &template)
}

/// What a record page is made from.
pub(crate) struct RecordView<'a> {
    pub(crate) page: &'a PageContext,
    pub(crate) stored: &'a StoredRecord,
    pub(crate) authority: &'a Provider,
    /// The same authority's records of the related kind: a benefit's payments, a payment's
    /// benefit.
    pub(crate) siblings: &'a [&'a StoredRecord],
}

impl RecordView<'_> {
    fn language(&self) -> Language {
        self.page.language
    }

    fn t(&self, id: &str) -> String {
        self.page.t(id)
    }

    fn money(&self, amount: Money) -> String {
        amount.written(self.language())
    }

    fn date(&self, date: overblik_model::values::Date) -> String {
        self.page.date(date.get())
    }

    fn row(&self, id: &str, value: String) -> (String, String) {
        (self.t(id), value)
    }

    /// Who holds the record, when it last changed there, where it stands, whom to ask.
    pub(crate) fn about(&self) -> Vec<(String, String)> {
        let record = &self.stored.record;
        let mut about = vec![
            self.row("record-authority", self.authority.name.clone()),
            self.row("record-updated", self.page.moment(record.updated_at.get())),
        ];
        if let Some(status) = &record.status {
            about.push(self.row("record-status", status.get(self.language()).to_owned()));
        }
        if let Some(contact) = &record.contact {
            let reach: Vec<&str> = [
                Some(contact.name.as_str()),
                contact.phone.as_ref().map(|phone| phone.as_str()),
                contact.email.as_ref().map(|email| email.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            about.push(self.row("record-contact", reach.join(", ")));
        }
        about
    }

    pub(crate) fn blocks(&self) -> Vec<Block> {
        match &self.stored.record.details {
            RecordDetails::Case(case) => self.case(case),
            RecordDetails::Benefit(benefit) => self.benefit(benefit),
            RecordDetails::Payment(payment) => self.payment(payment),
            RecordDetails::Debt(debt) => self.debt(debt),
            RecordDetails::Appointment(appointment) => self.appointment(appointment),
            RecordDetails::Deadline(deadline) => {
                let mut rows = vec![
                    self.row("field-due", self.date(deadline.due)),
                    self.row("field-action", deadline.action.to_string()),
                ];
                if deadline.done {
                    rows.push(self.row("field-done", self.t("deadline-done")));
                }
                vec![self.facts(rows)]
            }
            RecordDetails::Document(document) => {
                let mut blocks = vec![self.facts(vec![
                    self.row(
                        "field-category",
                        self.t(&format!("category-{}", document.category.as_str())),
                    ),
                    self.row("field-date", self.date(document.date)),
                    self.row("field-sender", document.sender.to_string()),
                ])];
                // The letter's own words, its line breaks kept (`p.text` is `pre-line`).
                blocks.extend(document.body.as_ref().map(|body| Block {
                    heading: self.t("block-body"),
                    body: BlockBody::Text(body.to_string()),
                }));
                blocks
            }
            RecordDetails::RegisterFact(fact) => {
                let mut rows = vec![self.row(
                    "field-fact",
                    self.t(&format!("fact-{}", fact.fact.as_str())),
                )];
                rows.extend(fact.attributes.iter().map(|attribute| {
                    (
                        attribute.name.get(self.language()).to_owned(),
                        attribute.value.to_string(),
                    )
                }));
                rows.extend(
                    fact.relation
                        .as_ref()
                        .map(|relation| self.row("field-relation", relation.to_string())),
                );
                rows.extend(
                    fact.valid_from
                        .map(|from| self.row("field-valid-from", self.date(from))),
                );
                match (fact.valid_from, fact.valid_until) {
                    (_, Some(until)) => rows.push(self.row("field-valid-until", self.date(until))),
                    // A fact with a first day and no last one holds with no end date.
                    (Some(_), None) => {
                        rows.push(self.row("field-valid-until", self.t("no-end-date")))
                    }
                    (None, None) => {}
                }
                vec![self.facts(rows)]
            }
            RecordDetails::AccessEvent(event) => {
                let mut rows = vec![
                    self.row("field-organisation", event.organisation.to_string()),
                    self.row("field-date", self.page.moment(event.at.get())),
                    self.row("field-what", event.what.to_string()),
                    self.row("field-purpose", event.purpose.to_string()),
                ];
                rows.extend(
                    event
                        .legal_basis
                        .as_ref()
                        .map(|basis| self.row("field-legal-basis", basis.to_string())),
                );
                vec![self.facts(rows)]
            }
            RecordDetails::Contact(contact) => vec![self.contact(contact)],
        }
    }

    fn facts(&self, rows: Vec<(String, String)>) -> Block {
        Block {
            heading: self.t("block-details"),
            body: BlockBody::Facts(rows),
        }
    }

    fn case(&self, case: &Case) -> Vec<Block> {
        let mut blocks = Vec::new();
        if let Some(step) = &case.next_step {
            let mut rows = vec![
                self.row("field-next-step", step.text.get(self.language()).to_owned()),
                self.row(
                    "field-who-acts",
                    self.t(&format!("actor-{}", step.actor.as_str())),
                ),
            ];
            rows.extend(step.due.map(|due| self.row("field-due", self.date(due))));
            blocks.push(Block {
                heading: self.t("block-next-step"),
                body: BlockBody::Facts(rows),
            });
        }
        let mut details = Vec::new();
        details.extend(
            case.case_number
                .as_ref()
                .map(|number| self.row("field-case-number", number.to_string())),
        );
        details.extend(
            case.place
                .as_ref()
                .map(|place| self.row("field-case-place", place.to_string())),
        );
        // Once decided, when a decision was expected is history.
        if case.decision.is_none() {
            details.extend(
                case.expected_decision
                    .map(|date| self.row("field-expected-decision", self.date(date))),
            );
        }
        let handled_by: Vec<String> = [&case.case_worker, &case.org_unit]
            .into_iter()
            .flatten()
            .map(ToString::to_string)
            .collect();
        if !handled_by.is_empty() {
            details.push(self.row("field-handled-by", handled_by.join(", ")));
        }
        if !details.is_empty() {
            blocks.push(self.facts(details));
        }
        if let Some(description) = &case.description {
            blocks.push(Block {
                heading: self.t("block-description"),
                body: BlockBody::Text(description.to_string()),
            });
        }
        if !case.status_history.is_empty() {
            let steps = case
                .status_history
                .iter()
                .map(|status| Step {
                    date: self
                        .page
                        .date(overblik_model::Country::current().today(status.at.get())),
                    text: status.status.get(self.language()).to_owned(),
                })
                .collect();
            blocks.push(Block {
                heading: self.t("block-timeline"),
                body: BlockBody::Timeline(steps),
            });
        }
        if let Some(decision) = &case.decision {
            let mut text = format!("{} ({})", decision.text, self.date(decision.date));
            if let Some(from) = decision.valid_from {
                let from = ("from", self.date(from).into());
                text.push('\n');
                text.push_str(&match decision.valid_until {
                    Some(until) => text_with(
                        self.language(),
                        "decision-valid",
                        &[from, ("until", self.date(until).into())],
                    ),
                    None => text_with(self.language(), "decision-valid-open", &[from]),
                });
            }
            if let Some(appeal_by) = decision.appeal_by {
                text.push('\n');
                text.push_str(&text_with(
                    self.language(),
                    "decision-appeal-by",
                    &[("date", self.date(appeal_by).into())],
                ));
            }
            blocks.push(Block {
                heading: self.t("field-decision"),
                body: BlockBody::Text(text),
            });
        }
        for (heading, items) in [
            ("block-journal", &case.journal),
            ("block-documents", &case.documents),
        ] {
            if !items.is_empty() {
                blocks.push(Block {
                    heading: self.t(heading),
                    body: BlockBody::Items(items.iter().map(|item| self.item(item)).collect()),
                });
            }
        }
        blocks
    }

    fn item(&self, item: &DatedItem) -> Item {
        Item {
            date: self.date(item.date),
            title: item.title.to_string(),
            href: item.link.as_ref().map(|link| link.as_str().to_owned()),
        }
    }

    fn amounts_rows(&self, amounts: &Amounts) -> [(String, String); 3] {
        [
            self.row("field-gross", self.money(amounts.gross)),
            self.row("field-tax", self.money(amounts.tax)),
            self.row("field-net", self.money(amounts.net)),
        ]
    }

    fn benefit(&self, benefit: &Benefit) -> Vec<Block> {
        let language = self.language();
        let period = match benefit.granted_until {
            Some(until) => format!("{} – {}", self.date(benefit.granted_from), self.date(until)),
            None => text_with(
                language,
                "granted-open",
                &[("date", self.date(benefit.granted_from).into())],
            ),
        };
        let mut rows = vec![self.row("field-granted", period)];
        if let Some(money) = benefit.in_money() {
            rows.push(self.row(
                "field-frequency",
                self.t(&format!("frequency-{}", money.frequency.as_str())),
            ));
            rows.push(self.row(
                "field-paid-in",
                self.t(&format!("paid-in-{}", money.paid_in.as_str())),
            ));
        }
        rows.extend(
            benefit
                .reason
                .as_ref()
                .map(|reason| self.row("field-reason", reason.get(language).to_owned())),
        );
        if benefit.repayable {
            rows.push(self.row("field-repayable", self.t("benefit-repayable")));
        }
        let mut blocks = vec![self.facts(rows)];
        let money = match &benefit.provision {
            Provision::Money(money) => money,
            Provision::InKind { in_kind } => {
                blocks.push(self.in_kind(in_kind));
                return blocks;
            }
        };
        blocks.push(Block {
            heading: self.t("block-per-period"),
            body: BlockBody::Facts(self.amounts_rows(&money.per_period).to_vec()),
        });
        let mut payments: Vec<&Payment> = self
            .siblings
            .iter()
            .filter_map(|sibling| match &sibling.record.details {
                RecordDetails::Payment(payment)
                    if payment.benefit_id.as_ref() == Some(&self.stored.record.id) =>
                {
                    Some(payment)
                }
                _ => None,
            })
            .collect();
        payments.sort_by_key(|payment| payment.date);
        if !payments.is_empty() {
            let latest = &payments[payments.len().saturating_sub(CHART_PAYMENTS)..];
            let points: Vec<Point> = latest
                .iter()
                .map(|payment| Point {
                    label: self.date(payment.date),
                    short_label: payment.date.get().format("%m/%y").to_string(),
                    value: payment.amounts.net.minor(),
                    value_text: self.money(payment.amounts.net),
                })
                .collect();
            blocks.push(Block {
                heading: self.t("block-payment-chart"),
                body: BlockBody::Chart(Chart::bars(
                    text_with(language, "chart-title", &[("count", points.len().into())]),
                    self.t("chart-description"),
                    points,
                )),
            });
            blocks.push(Block {
                heading: self.t("block-payments"),
                body: BlockBody::Table(self.payments_table(payments.iter().rev().copied())),
            });
        }
        if !money.payment_plan.is_empty() {
            let rows = money
                .payment_plan
                .iter()
                .map(|planned| {
                    vec![
                        self.date(planned.date),
                        self.money(planned.amounts.gross),
                        self.money(planned.amounts.tax),
                        self.money(planned.amounts.net),
                    ]
                })
                .collect();
            blocks.push(Block {
                heading: self.t("block-payment-plan"),
                body: BlockBody::Table(Table {
                    caption: self.t("block-payment-plan"),
                    columns: self.amount_columns(),
                    rows,
                }),
            });
        }
        blocks
    }

    /// What a benefit in kind grants, how much is used and what is left; more used than
    /// granted is said in words, not as a negative number.
    fn in_kind(&self, in_kind: &InKind) -> Block {
        let language = self.language();
        let unit = in_kind.unit.get(language);
        let quantity = |amount: overblik_model::values::Quantity| {
            format!("{} {unit}", amount.written(language))
        };
        let mut rows = vec![self.row("field-in-kind-granted", quantity(in_kind.granted))];
        rows.extend(in_kind.period.map(|period| {
            self.row(
                "field-in-kind-period",
                self.t(&format!("frequency-{}", period.as_str())),
            )
        }));
        rows.push(self.row("field-in-kind-used", quantity(in_kind.used)));
        let balance = in_kind.balance();
        let left = if balance.is_negative() {
            text_with(
                language,
                "in-kind-overused",
                &[("amount", quantity(balance.abs()).into())],
            )
        } else {
            quantity(balance)
        };
        rows.push(self.row("field-in-kind-balance", left));
        Block {
            heading: self.t("block-in-kind"),
            body: BlockBody::Facts(rows),
        }
    }

    fn amount_columns(&self) -> Vec<String> {
        ["field-date", "field-gross", "field-tax", "field-net"]
            .into_iter()
            .map(|id| self.t(id))
            .collect()
    }

    fn payments_table<'p>(&self, payments: impl Iterator<Item = &'p Payment>) -> Table {
        let mut columns = self.amount_columns();
        columns.push(self.t("field-payment-status"));
        Table {
            caption: self.t("block-payments"),
            columns,
            rows: payments
                .map(|payment| {
                    vec![
                        self.date(payment.date),
                        self.money(payment.amounts.gross),
                        self.money(payment.amounts.tax),
                        self.money(payment.amounts.net),
                        self.t(&format!(
                            "payment-status-{}",
                            payment.payment_status.as_str()
                        )),
                    ]
                })
                .collect(),
        }
    }

    fn payment(&self, payment: &Payment) -> Vec<Block> {
        let mut rows = vec![
            self.row("field-date", self.date(payment.date)),
            self.row(
                "field-direction",
                self.t(&format!("direction-{}", payment.direction.as_str())),
            ),
            self.row(
                "field-payment-status",
                self.t(&format!(
                    "payment-status-{}",
                    payment.payment_status.as_str()
                )),
            ),
        ];
        rows.extend(self.amounts_rows(&payment.amounts));
        rows.extend(
            payment
                .account_hint
                .as_ref()
                .map(|hint| self.row("field-account", hint.to_string())),
        );
        vec![self.facts(rows)]
    }

    /// The benefit a payment belongs to, among the same authority's benefits.
    fn benefit_of(&self, payment: &Payment) -> Option<&StoredRecord> {
        let benefit_id = payment.benefit_id.as_ref()?;
        self.siblings
            .iter()
            .find(|sibling| &sibling.record.id == benefit_id)
            .copied()
    }

    fn debt(&self, debt: &Debt) -> Vec<Block> {
        let facts = vec![
            self.row("field-creditor", debt.creditor.to_string()),
            self.row("field-due", self.date(debt.due)),
            self.row(
                "field-debt-status",
                self.t(&format!("debt-status-{}", debt.debt_status.as_str())),
            ),
        ];
        let breakdown = Table {
            caption: self.t("block-breakdown"),
            columns: vec![self.t("field-part"), self.t("field-amount")],
            rows: [
                ("field-principal", debt.principal),
                ("field-interest", debt.interest),
                ("field-fees", debt.fees),
                ("field-outstanding", debt.outstanding),
            ]
            .into_iter()
            .map(|(id, amount)| vec![self.t(id), self.money(amount)])
            .collect(),
        };
        let mut blocks = vec![
            self.facts(facts),
            Block {
                heading: self.t("block-breakdown"),
                body: BlockBody::Table(breakdown),
            },
        ];
        if !debt.instalments.is_empty() {
            let rows = debt
                .instalments
                .iter()
                .map(|instalment| {
                    vec![
                        self.date(instalment.date),
                        self.money(instalment.amount),
                        self.t(if instalment.paid {
                            "instalment-paid"
                        } else {
                            "instalment-not-paid"
                        }),
                    ]
                })
                .collect();
            blocks.push(Block {
                heading: self.t("block-instalments"),
                body: BlockBody::Table(Table {
                    caption: self.t("block-instalments"),
                    columns: vec![
                        self.t("field-date"),
                        self.t("field-amount"),
                        self.t("field-payment-status"),
                    ],
                    rows,
                }),
            });
        }
        blocks
    }

    fn appointment(&self, appointment: &Appointment) -> Vec<Block> {
        let mut rows = vec![
            self.row("field-start", self.page.moment(appointment.start.get())),
            self.row("field-end", self.page.moment(appointment.end.get())),
        ];
        rows.extend(
            appointment
                .place
                .as_ref()
                .map(|place| self.row("field-place", place.to_string())),
        );
        rows.extend(
            appointment
                .with_whom
                .as_ref()
                .map(|who| self.row("field-with", who.to_string())),
        );
        rows.extend(
            appointment
                .bring
                .as_ref()
                .map(|bring| self.row("field-bring", bring.to_string())),
        );
        rows.extend(
            appointment
                .check_in_code
                .as_ref()
                .map(|code| self.row("field-check-in-code", code.to_string())),
        );
        vec![self.facts(rows)]
    }

    fn contact(&self, contact: &ContactEvent) -> Block {
        let mut rows = vec![
            self.row("field-date", self.page.moment(contact.at.get())),
            self.row(
                "field-channel",
                self.t(&format!("channel-{}", contact.channel.as_str())),
            ),
            self.row(
                "field-contact-direction",
                self.t(&format!("contact-direction-{}", contact.direction.as_str())),
            ),
        ];
        rows.extend(
            contact
                .with_whom
                .as_ref()
                .map(|who| self.row("field-with", who.to_string())),
        );
        rows.push(self.row("field-summary", contact.summary.to_string()));
        self.facts(rows)
    }

    /// What the citizen can do from here, most useful first; the authority's own service last.
    fn actions(&self) -> Vec<Action> {
        let language = self.language();
        let mut actions = Vec::new();
        match &self.stored.record.details {
            RecordDetails::Debt(debt) => {
                if let Some(link) = &debt.payment_link {
                    actions.push(Action::external(link.as_str(), self.t("field-pay")));
                }
            }
            RecordDetails::Appointment(appointment) => {
                actions.push(Action {
                    href: format!("/records/{}/calendar.ics", self.stored.id),
                    label: self.t("add-to-calendar"),
                    download: true,
                });
                if let Some(link) = &appointment.video_link {
                    actions.push(Action::external(link.as_str(), self.t("join-video")));
                }
                if let Some(link) = &appointment.rebook_link {
                    actions.push(Action::external(link.as_str(), self.t("rebook")));
                }
                if let Some(link) = &appointment.cancel_link {
                    actions.push(Action::external(
                        link.as_str(),
                        self.t("cancel-appointment"),
                    ));
                }
            }
            RecordDetails::Deadline(deadline) => {
                if let Some(link) = &deadline.action_link {
                    actions.push(Action::external(link.as_str(), self.t("do-it-now")));
                }
            }
            RecordDetails::Document(document) => {
                if let Some(link) = &document.link {
                    actions.push(Action::external(link.as_str(), self.t("open-document")));
                }
            }
            RecordDetails::Payment(payment) => {
                if let Some(benefit) = self.benefit_of(payment) {
                    actions.push(Action {
                        href: format!("/records/{}", benefit.id),
                        label: text_with(
                            language,
                            "payment-of",
                            &[(
                                "benefit",
                                benefit.record.title_in(language).to_owned().into(),
                            )],
                        ),
                        download: false,
                    });
                }
            }
            _ => {}
        }
        let record = &self.stored.record;
        let self_service = record
            .link
            .as_ref()
            .map(|link| link.as_str().to_owned())
            .or_else(|| self.authority.homepage.clone());
        if let Some(href) = self_service {
            actions.push(Action {
                href,
                label: text_with(
                    language,
                    "record-self-service",
                    &[("authority", self.authority.name.clone().into())],
                ),
                download: false,
            });
        }
        if let Some(url) = record
            .contact
            .as_ref()
            .and_then(|contact| contact.url.as_ref())
        {
            actions.push(Action::external(
                url.as_str(),
                text(language, "contact-authority"),
            ));
        }
        actions
    }
}
