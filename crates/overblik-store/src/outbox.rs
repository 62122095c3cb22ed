//! What every backend does alike with notices: the notices a written record or an answered
//! report calls for, with their ids and due times, ready to store.

use chrono::{DateTime, Duration, Utc};
use overblik_model::notify::{Changes, Due, Happening, Notice, NoticeId, Title, report_answer_key};
use overblik_model::{Correction, Record, RecordId, SubjectKey};

/// The notices `changes` (worked out for `record`, written as `record_id` for `subject`)
/// make at `now`, given the subject's reminder `lead`. A reminder already due is not made:
/// its moment is too close for a reminder, and the news of the record itself tells it. A
/// hidden record's notices wait until it shows.
pub fn notices_to_write(
    record_id: RecordId,
    subject: &SubjectKey,
    record: &Record,
    changes: Changes,
    lead: Duration,
    now: DateTime<Utc>,
) -> Vec<Notice> {
    let shows_at = record.hidden_until.map(|at| at.get());
    changes
        .notices
        .into_iter()
        .filter_map(|new| {
            let due_at = match (new.due, new.moment) {
                (Due::BeforeMoment, Some(moment)) => {
                    let due = moment.instant() - lead;
                    if due <= now {
                        return None;
                    }
                    due
                }
                _ => now,
            };
            Some(Notice {
                id: NoticeId::random(),
                subject: *subject,
                happening: new.happening,
                key: new.key,
                record: Some((record_id, Title::of(record))),
                moment: new.moment,
                created_at: now,
                due_at: shows_at.map_or(due_at, |shows| due_at.max(shows)),
                read_at: None,
                confirmation: None,
            })
        })
        .collect()
}

/// The notice that tells the citizen the authority answered their report: `correction` as
/// answered at `now`, its last step the answer.
pub fn answer_notice(correction: &Correction, now: DateTime<Utc>) -> Notice {
    // The record's title as the citizen saw it when reporting; a record gone since
    // still reads the same.
    let title = Title::same(&correction.record_title);
    Notice {
        id: NoticeId::random(),
        subject: correction.subject,
        happening: Happening::ReportAnswered,
        key: report_answer_key(correction.id, correction.steps.len()),
        record: Some((correction.record, title)),
        moment: None,
        created_at: now,
        due_at: now,
        read_at: None,
        confirmation: None,
    }
}
