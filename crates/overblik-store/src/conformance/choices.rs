//! Citizens' overview choices: each citizen's own, replaced whole, moved whole.

use super::*;
use overblik_model::AreaMove;

pub async fn overview_choices_default_change_and_stay_the_citizens_own(store: &dyn Store) {
    let (citizen, neighbour) = (subject(CITIZEN), subject(NEIGHBOUR));
    assert_eq!(
        store.overview_choices(&citizen).await.expect("reads"),
        OverviewChoices::default()
    );
    let mut choices = OverviewChoices::default();
    choices.move_area(Area::Economy, AreaMove::Pin);
    choices.move_area(Area::Fishing, AreaMove::Hide);
    choices.pin_record(RecordId::random(), true);
    choices.dismiss("driving-licence-expiring/record");
    choices.choose_event("moving-house", true);
    store
        .put_overview_choices(&citizen, &choices)
        .await
        .expect("writes");
    assert_eq!(
        store.overview_choices(&citizen).await.expect("reads"),
        choices
    );
    assert_eq!(
        store.overview_choices(&neighbour).await.expect("reads"),
        OverviewChoices::default()
    );
    choices.move_area(Area::Fishing, AreaMove::Show);
    store
        .put_overview_choices(&citizen, &choices)
        .await
        .expect("replaces");
    assert_eq!(
        store.overview_choices(&citizen).await.expect("reads"),
        choices
    );
}

pub async fn overview_choices_move_to_another_store_unchanged(from: &dyn Store, to: &dyn Store) {
    let mut choices = OverviewChoices::default();
    choices.move_area(Area::Health, AreaMove::Up);
    choices.dismiss("school-enrolment/record");
    from.put_overview_choices(&subject(CITIZEN), &choices)
        .await
        .expect("writes");
    from.put_overview_choices(&subject(NEIGHBOUR), &OverviewChoices::default())
        .await
        .expect("writes");
    let exported = from.export_overview_choices().await.expect("exports");
    assert_eq!(exported.len(), 2);
    to.import_overview_choices(&exported)
        .await
        .expect("imports");
    assert_eq!(
        to.overview_choices(&subject(CITIZEN)).await.expect("reads"),
        choices
    );
    let mut moved = to.export_overview_choices().await.expect("exports");
    let mut expected = exported;
    moved.sort_by_key(|(subject, _)| *subject.as_bytes());
    expected.sort_by_key(|(subject, _)| *subject.as_bytes());
    assert_eq!(moved, expected);
}
