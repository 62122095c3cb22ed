//! Life events and recommendations as the pages show them: in the reader's language, with
//! the record each rests on and its date counted from today.

use super::PageContext;
use chrono::NaiveDate;
use overblik_overview::proactive::{Detected, EventShown, RecommendationShown};

/// A recommendation on the overview.
pub(super) struct AdviceView {
    pub(super) title: String,
    /// Why it is shown, naming the citizen's record and its date.
    pub(super) reason: String,
    pub(super) action: String,
    pub(super) href: String,
    /// What hiding it remembers.
    pub(super) key: String,
}

/// A life event, as a link to its page.
pub(super) struct EventLink {
    pub(super) href: String,
    pub(super) title: String,
    /// "Shown because of Kørekort, in 30 days, 4 Jan 2027" or "You chose this".
    pub(super) why: String,
}

impl PageContext {
    pub(super) fn advice(&self, shown: &RecommendationShown<'_>, today: NaiveDate) -> AdviceView {
        let rule = shown.rule;
        let language = self.language;
        AdviceView {
            title: rule.title.get(language).to_owned(),
            reason: shown.reason(language, |date| self.day_from(date, today)),
            action: rule.action.get(language).to_owned(),
            href: shown.link(),
            key: shown.key.clone(),
        }
    }

    pub(super) fn event_link(&self, shown: &EventShown<'_>, today: NaiveDate) -> EventLink {
        let event = shown.event;
        EventLink {
            href: format!("/life-events/{}", event.id),
            title: event.title.get(self.language).to_owned(),
            why: self.why_event(shown.detected.as_ref(), shown.chosen, today),
        }
    }

    /// Why a life event is shown: the record that told of it, or the citizen's choice.
    pub(super) fn why_event(
        &self,
        detected: Option<&Detected>,
        chosen: bool,
        today: NaiveDate,
    ) -> String {
        match detected {
            Some(detected) => {
                // "Custody: Barn A Eksempelsen" rather than only "Custody".
                let record = match &detected.person {
                    Some(person) => format!("{}: {person}", detected.title),
                    None => detected.title.clone(),
                };
                match detected.date {
                    Some(date) => crate::i18n::text_with(
                        self.language,
                        "life-event-detected-on",
                        &[
                            ("name", record.into()),
                            ("date", self.day_from(date, today).into()),
                        ],
                    ),
                    None => crate::i18n::text_with(
                        self.language,
                        "life-event-detected",
                        &[("name", record.into())],
                    ),
                }
            }
            None if chosen => self.t("life-event-chosen"),
            None => String::new(),
        }
    }
}
