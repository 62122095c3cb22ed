//! A citizen's choices about their own overview: how their areas are arranged, what they
//! pinned, the advice they hid and the life events they chose.
//!
//! The choices are the subject's: whoever reads their overview sees it arranged their way,
//! and only they change it, never someone acting for them.

use crate::{Core, Error, Reader, Refusal};
use overblik_model::{OverviewChoices, RecordId};

impl Core {
    /// The subject's overview choices; the default ones if they made none. Someone acting
    /// for the subject is not told which life events the subject said they go through:
    /// that is the subject's own to tell, whatever the power of attorney reaches.
    pub async fn overview_choices(&self, reader: &Reader) -> Result<OverviewChoices, Error> {
        let choices = self.store.overview_choices(reader.subject()).await?;
        Ok(reader.choices_seen(choices))
    }

    /// Changes the citizen's own choices with `change`, and gives them back as changed.
    /// Someone acting for another is refused. Two changes at once may each start from the
    /// same choices and the later write wins: a citizen changes their overview one click at
    /// a time.
    pub async fn change_overview_choices(
        &self,
        reader: &Reader,
        change: impl FnOnce(&mut OverviewChoices),
    ) -> Result<OverviewChoices, Error> {
        if reader.acting.is_some() {
            return Err(Error::Forbidden(Refusal::OwnSettingsOnly));
        }
        let subject = reader.subject();
        let mut choices = self.store.overview_choices(subject).await?;
        change(&mut choices);
        self.store.put_overview_choices(subject, &choices).await?;
        Ok(choices)
    }

    /// The citizen's own choices, for them to change; someone acting for another is refused.
    pub async fn own_overview_choices(&self, reader: &Reader) -> Result<OverviewChoices, Error> {
        if reader.acting.is_some() {
            return Err(Error::Forbidden(Refusal::OwnSettingsOnly));
        }
        self.overview_choices(reader).await
    }

    /// Pins one of the citizen's own records to the top of their overview, or unpins it.
    /// A record beyond the reader's reach is not found, pinned or not.
    pub async fn pin_record(
        &self,
        reader: &Reader,
        record: RecordId,
        pin: bool,
    ) -> Result<OverviewChoices, Error> {
        if reader.acting.is_some() {
            return Err(Error::Forbidden(Refusal::OwnSettingsOnly));
        }
        if pin {
            reader.record(self, &record).await?;
        }
        self.change_overview_choices(reader, |choices| choices.pin_record(record, pin))
            .await
    }
}
