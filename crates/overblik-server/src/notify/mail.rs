//! E-mails from notices: HTML and text bodies from per-language templates, and the SMTP
//! transport that sends them.

use crate::i18n::{text, text_with};
use askama::Template;
use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};
use overblik_model::Language;
use overblik_model::notify::{Happening, Moment, Notice, Preferences};
use std::time::Duration;

/// How the server sends e-mail.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The SMTP server, as `smtp://HOST:PORT` (STARTTLS when offered), `smtp://HOST:PORT?tls=required`
    /// or `smtps://HOST:PORT`, with `USER:PASSWORD@` where it needs them.
    pub smtp_url: String,
    /// The sender, such as `Overblik <no-reply@overblik.example>`.
    pub from: String,
    /// The wait after a first failed try; it doubles with each further one, up to an hour.
    pub retry_base: Duration,
    /// How often the worker looks for due notices when it found none.
    pub poll_interval: Duration,
    /// E-mails sent at the same time.
    pub concurrency: usize,
    /// How long a worker keeps the notices it took from others; after a crash they are
    /// sent again once it has passed. Far longer than sending a few e-mails takes.
    pub lease: Duration,
}

/// Composes and sends e-mails.
#[derive(Debug, Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

/// The longest one e-mail may take to hand to the SMTP server.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// How often the SMTP server may refuse an e-mail for good (a 5xx answer) before it is given
/// up: a refusal is most often the address, but can be the server's own setup, put right
/// within hours.
const REFUSALS_BEFORE_GIVING_UP: u32 = 8;

/// Why an e-mail was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the address is not valid")]
    Address,
    #[error("the e-mail could not be built: {0}")]
    Build(String),
    #[error("the SMTP server refused it: {0}")]
    Refused(String),
    #[error("the SMTP server did not take it: {0}")]
    Smtp(String),
}

impl MailError {
    /// Whether to stop trying, after `attempts` tries that failed before this one.
    pub fn gives_up(&self, attempts: u32) -> bool {
        match self {
            MailError::Address | MailError::Build(_) => true,
            MailError::Refused(_) => attempts + 1 >= REFUSALS_BEFORE_GIVING_UP,
            // The server away or busy: the e-mail waits for it, however long.
            MailError::Smtp(_) => false,
        }
    }
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct HtmlBody<'a> {
    mail: &'a MailContent,
}

#[derive(Template)]
#[template(path = "mail/notice.txt")]
struct TextBody<'a> {
    mail: &'a MailContent,
}

/// What an e-mail says, in one language, before it is HTML or text.
#[derive(Debug)]
struct MailContent {
    lang: &'static str,
    subject: String,
    greeting: String,
    items: Vec<MailItem>,
    action: String,
    action_href: String,
    footer: String,
    settings: String,
    settings_href: String,
}

#[derive(Debug)]
struct MailItem {
    text: String,
    detail: Option<String>,
}

impl Mailer {
    pub fn new(settings: &MailSettings, public_url: &str) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
            .map_err(|error| MailError::Smtp(error.to_string()))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = settings.from.parse().map_err(|_| MailError::Address)?;
        Ok(Self {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// Sends one e-mail telling `notices` (one, or a day's for a digest) to `to`.
    pub async fn send(
        &self,
        to: &str,
        notices: &[&Notice],
        preferences: &Preferences,
    ) -> Result<(), MailError> {
        let message = self.compose(to, notices, preferences)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| {
                if error.is_permanent() {
                    MailError::Refused(smtp_failure(&error))
                } else {
                    MailError::Smtp(smtp_failure(&error))
                }
            })
    }

    fn compose(
        &self,
        to: &str,
        notices: &[&Notice],
        preferences: &Preferences,
    ) -> Result<Message, MailError> {
        let first = notices
            .first()
            .ok_or_else(|| MailError::Build("no notice".to_owned()))?;
        let content = self.content(notices, preferences);
        let html = HtmlBody { mail: &content }
            .render()
            .map_err(|error| MailError::Build(error.to_string()))?;
        let plain = TextBody { mail: &content }
            .render()
            .map_err(|error| MailError::Build(error.to_string()))?;
        Message::builder()
            .from(self.from.clone())
            .to(to.parse().map_err(|_| MailError::Address)?)
            .subject(content.subject.clone())
            // The notice's own id: a receiver that got it before can tell it is the same.
            .message_id(Some(format!("<{}@overblik>", first.id)))
            .multipart(MultiPart::alternative_plain_html(plain, html))
            .map_err(|error| MailError::Build(error.to_string()))
    }

    fn content(&self, notices: &[&Notice], preferences: &Preferences) -> MailContent {
        let language = preferences.language;
        let t = |id: &str| text(language, id);
        let settings_href = format!("{}/notifications/settings", self.public_url);
        if let [notice] = notices
            && let Some(confirmation) = &notice.confirmation
        {
            return MailContent {
                lang: code(language),
                subject: t("mail-subject-email_confirmation"),
                greeting: t("mail-greeting"),
                items: vec![MailItem {
                    text: t("mail-confirm-text"),
                    detail: None,
                }],
                action: t("mail-confirm-action"),
                action_href: format!(
                    "{}/notifications/email/confirm?token={}",
                    self.public_url, confirmation.token
                ),
                footer: t("mail-confirm-footer"),
                settings: t("mail-settings"),
                settings_href,
            };
        }
        let subject = match notices {
            [notice] => t(&format!("mail-subject-{}", notice.happening.as_str())),
            _ => text_with(
                language,
                "mail-subject-digest",
                &[("count", notices.len().into())],
            ),
        };
        let items = notices
            .iter()
            .map(|notice| MailItem {
                text: t(&format!("notice-{}", notice.happening.as_str())),
                detail: preferences
                    .email_details
                    .then(|| detail(notice, language))
                    .flatten(),
            })
            .collect();
        let action_href = match notices {
            [notice] => match notice.href() {
                Some(path) => format!("{}{path}", self.public_url),
                None => format!("{}/notifications", self.public_url),
            },
            _ => format!("{}/notifications", self.public_url),
        };
        MailContent {
            lang: code(language),
            subject,
            greeting: t("mail-greeting"),
            items,
            action: t("mail-action"),
            action_href,
            footer: t("mail-footer"),
            settings: t("mail-settings"),
            settings_href,
        }
    }
}

/// What went wrong in SMTP terms only: the server's own text may name the address.
fn smtp_failure(error: &lettre::transport::smtp::Error) -> String {
    let code = error
        .status()
        .map(|code| format!(" ({code})"))
        .unwrap_or_default();
    if error.is_permanent() {
        format!("rejected permanently{code}")
    } else if error.is_transient() {
        format!("rejected for now{code}")
    } else if error.is_timeout() {
        "timed out".to_owned()
    } else {
        "could not talk to the SMTP server".to_owned()
    }
}

fn code(language: Language) -> &'static str {
    crate::i18n::code(language)
}

/// The record's title and moment, for a citizen who chose e-mails that name them.
fn detail(notice: &Notice, language: Language) -> Option<String> {
    let (_, title) = notice.record.as_ref()?;
    let title = title.get(language);
    Some(match notice.moment {
        Some(moment) if notice.happening != Happening::AccessReported => {
            format!("{title}: {}", moment_text(moment, language))
        }
        _ => title.to_owned(),
    })
}

/// A moment as the citizen reads it, on the deployment's clocks.
pub fn moment_text(moment: Moment, language: Language) -> String {
    let day = |date: chrono::NaiveDate| language.date(date);
    match moment {
        Moment::On(date) => day(date),
        Moment::At(at) => {
            let local: DateTime<_> = overblik_model::Country::current().local(at);
            format!("{} {}", day(local.date_naive()), local.format("%H:%M"))
        }
    }
}

/// When a notice is shown as told: now, in Danish time.
pub fn told_at(at: DateTime<Utc>, language: Language) -> String {
    moment_text(Moment::At(at), language)
}
