//! A read is disclosed only once its entry is durable in the subject's log, with who read it,
//! on whose behalf and why; a read the log cannot record is not disclosed at all.

mod common;

use chrono::{Duration, Utc};
use common::{Backend, on_each_backend, session, subject, world};
use overblik_core::{Acting, Core, Disclosure, Error, Reader, Representation, local_today};
use overblik_ledger::{ActorKind, Channel, EntryFilter, PendingEntry, Purpose};
use overblik_model::{Area, Kind, Mandate, MandateId, Permission, Scope, SubjectKey};

/// The subject's entries, durable and awaiting their seal (no integration runs here).
async fn entries(core: &Core, of: &SubjectKey) -> Vec<PendingEntry> {
    core.ledger
        .pending(of, &EntryFilter::visible_now(10))
        .await
        .expect("reads the log")
}

async fn a_citizens_own_read_is_in_their_log_before_it_is_disclosed(backend: Backend) {
    let world = world(backend, false).await;
    let core = &world.core;
    let me = subject("010190-1234");
    let reader = Reader {
        session: session(me),
        acting: None,
    };
    let disclosed = core
        .disclose(
            &reader.disclosure(),
            Channel::Api,
            Some("3f1b2c4d-0000-4000-8000-000000000001".to_owned()),
            overblik_core::reading::described("overview"),
            "the overview",
        )
        .await
        .expect("disclosed");
    let logged = entries(core, &me).await;
    assert_eq!(logged.len(), 1);
    let entry = &logged[0].entry;
    assert_eq!(entry.actor.kind, ActorKind::Citizen);
    assert_eq!(entry.purpose, Purpose::SelfService.code());
    assert_eq!(entry.channel, Channel::Api);
    assert_eq!(disclosed.into_inner(), "the overview");
}

async fn a_read_the_log_cannot_record_is_not_disclosed(backend: Backend) {
    let world = world(backend, true).await;
    let core = &world.core;
    let me = subject("010190-1234");
    let refused = core
        .disclose(
            &Disclosure::own(me),
            Channel::Web,
            None,
            overblik_core::reading::described("overview"),
            "the overview",
        )
        .await;
    assert!(
        matches!(refused, Err(Error::LogUnavailable(_))),
        "{refused:?}"
    );
}

async fn a_holders_read_is_logged_as_the_proxys_and_its_first_use_is_noted(backend: Backend) {
    let world = world(backend, false).await;
    let core = &world.core;
    let (grantor, holder) = (subject("010190-1234"), subject("020285-5678"));
    let today = local_today(Utc::now());
    let mandate = Mandate {
        id: MandateId::random(),
        grantor,
        grantor_name: "Anna Grantor".to_owned(),
        holder,
        holder_name: "Bo Holder".to_owned(),
        scope: Scope::new(vec![Area::Economy], vec![Kind::Debt]).expect("a scope"),
        permission: Permission::Read,
        valid_from: today,
        valid_until: today + Duration::days(30),
        granted_at: Utc::now(),
        accepted_at: None,
        revoked_at: None,
        first_used_at: None,
    };
    core.store.put_mandate(&mandate).await.expect("granted");
    let accepted = core
        .store
        .accept_mandate(&mandate.id, &holder, Utc::now())
        .await
        .expect("accepted");
    let representation =
        Representation::of_mandate(&accepted, &holder, today).expect("in force today");
    let reader = Reader {
        session: session(holder),
        acting: Some(Acting {
            representation,
            holder_name: "Bo Holder".to_owned(),
        }),
    };
    assert!(reader.allows(Area::Economy, Kind::Debt));
    assert!(!reader.allows(Area::Health, Kind::Appointment));
    core.disclose(
        &reader.disclosure(),
        Channel::Web,
        None,
        overblik_core::reading::described("debts"),
        (),
    )
    .await
    .expect("disclosed")
    .into_inner();

    assert!(
        entries(core, &holder).await.is_empty(),
        "nothing of the holder's"
    );
    let logged = entries(core, &grantor).await;
    assert_eq!(logged.len(), 1);
    let entry = &logged[0].entry;
    assert_eq!(entry.actor.kind, ActorKind::Proxy);
    assert_eq!(entry.actor.id, format!("poa-{}", mandate.id));
    assert_eq!(entry.actor.name, "Bo Holder");
    assert_eq!(entry.purpose, Purpose::PowerOfAttorney.code());
    assert_eq!(entry.on_behalf_of.as_deref(), Some("citizen"));
    let used = core.store.mandate(&mandate.id).await.expect("still there");
    assert!(
        used.first_used_at.is_some(),
        "the grantor is told of the first use"
    );
}

on_each_backend!(
    a_citizens_own_read_is_in_their_log_before_it_is_disclosed,
    a_read_the_log_cannot_record_is_not_disclosed,
    a_holders_read_is_logged_as_the_proxys_and_its_first_use_is_noted,
);
