//! The rules of powers of attorney and notifications hold without any web server: each
//! refusal is the typed error the pages and the APIs map, every wrong field is named, and a
//! refused change changes nothing.

mod common;

use chrono::{Duration, Utc};
use common::{Backend, on_each_backend, session, subject, world, world_with};
use overblik_core::mandates::{Change, GrantRequest};
use overblik_core::notifications::{Saved, SettingsRequest};
use overblik_core::{Acting, Conflict, Error, Limit, Limits, Reader, Refusal, local_today};
use overblik_model::{FieldError, Permission};

fn fields(errors: &[FieldError]) -> Vec<&str> {
    let mut pointers: Vec<&str> = errors.iter().map(|error| error.pointer.as_str()).collect();
    pointers.sort_unstable();
    pointers
}

fn own(national_id: &str) -> Reader {
    Reader {
        session: session(subject(national_id)),
        acting: None,
    }
}

fn grant_to(holder: &str) -> GrantRequest {
    let today = local_today(Utc::now());
    GrantRequest {
        holder_national_id: holder.to_owned(),
        holder_name: "Bo Holder".to_owned(),
        areas: vec!["economy".to_owned()],
        kinds: vec!["debt".to_owned()],
        permission: "read".to_owned(),
        valid_from: today.to_string(),
        valid_until: (today + Duration::days(30)).to_string(),
    }
}

async fn a_power_of_attorney_is_given_once_and_settled_once(backend: Backend) {
    let world = world(backend, false).await;
    let core = &world.core;
    let (grantor, holder) = (own("010190-1234"), own("020285-5678"));

    let wrong = GrantRequest {
        holder_national_id: "010190-1234".to_owned(),
        holder_name: " ".to_owned(),
        areas: vec!["nowhere".to_owned()],
        kinds: Vec::new(),
        permission: "everything".to_owned(),
        valid_from: "2000-01-01".to_owned(),
        valid_until: "soon".to_owned(),
    };
    match core.grant_mandate(&grantor, &wrong).await {
        Err(Error::Invalid(errors)) => assert_eq!(
            fields(&errors),
            [
                "/areas",
                "/holder_name",
                "/holder_national_id",
                "/kinds",
                "/permission",
                "/valid_from",
                "/valid_until"
            ]
        ),
        other => panic!("every wrong field is named, got {other:?}"),
    }
    let own_mandates = core.own_mandates(&grantor).await.expect("listed");
    assert!(own_mandates.given.is_empty(), "nothing was stored");

    let mandate = core
        .grant_mandate(&grantor, &grant_to("020285-5678"))
        .await
        .expect("given");
    assert_eq!(mandate.holder, holder.session.subject);
    assert_eq!(mandate.permission, Permission::Read);
    // Only the holder accepts, once.
    assert!(matches!(
        core.change_mandate(&grantor, Change::Accept, &mandate.id.to_string())
            .await,
        Err(Error::NotFound)
    ));
    core.change_mandate(&holder, Change::Accept, &mandate.id.to_string())
        .await
        .expect("accepted");
    assert!(matches!(
        core.change_mandate(&holder, Change::Accept, &mandate.id.to_string())
            .await,
        Err(Error::Conflict(Conflict::MandateSettled))
    ));

    // Acting for the grantor, the holder gives, accepts and revokes nothing on their behalf.
    let started = core
        .start_acting(&holder.session.subject, &format!("poa-{}", mandate.id))
        .await
        .expect("read")
        .expect("the holder may act today");
    let acting = Reader {
        session: holder.session.clone(),
        acting: Some(Acting {
            representation: started.representation,
            holder_name: started.holder_name,
        }),
    };
    assert!(matches!(
        core.grant_mandate(&acting, &grant_to("030370-1111")).await,
        Err(Error::Forbidden(Refusal::ActingForAnother))
    ));
    assert!(matches!(
        core.change_mandate(&acting, Change::Revoke, &mandate.id.to_string())
            .await,
        Err(Error::Forbidden(Refusal::ActingForAnother))
    ));
    assert!(
        matches!(
            core.change_mandate(&acting, Change::Revoke, "not-an-id")
                .await,
            Err(Error::Forbidden(Refusal::ActingForAnother))
        ),
        "refused before the id is read"
    );
    assert!(matches!(
        core.change_mandate(&grantor, Change::Revoke, "not-an-id")
            .await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        core.notification_settings(&acting).await,
        Err(Error::Forbidden(Refusal::OwnSettingsOnly))
    ));
    assert!(
        core.start_acting(&holder.session.subject, "poa-not-an-id")
            .await
            .expect("read")
            .is_none()
    );
}

async fn notification_settings_are_checked_and_confirmation_emails_limited(backend: Backend) {
    let limits = Limits {
        confirmation_emails_per_hour: 1,
        ..Limits::default()
    };
    let world = world_with(backend, false, limits).await;
    let core = &world.core;
    let citizen = own("010190-1234");
    let settings = |email: &str| SettingsRequest {
        email: email.to_owned(),
        in_product: true,
        topics: vec!["appointment".to_owned(), "reminder".to_owned()],
        lead_hours: "24".to_owned(),
        language: "en".to_owned(),
        digest: false,
        details: false,
    };

    let wrong = SettingsRequest {
        email: "not an address".to_owned(),
        topics: vec!["gossip".to_owned()],
        lead_hours: "5".to_owned(),
        language: "xx".to_owned(),
        ..settings("")
    };
    match core
        .save_notification_settings(&citizen, &wrong, true)
        .await
    {
        Err(Error::Invalid(errors)) => assert_eq!(
            fields(&errors),
            ["/email", "/language", "/lead_hours", "/topics"]
        ),
        other => panic!("every wrong field is named, got {other:?}"),
    }

    let saved = core
        .save_notification_settings(&citizen, &settings("anna@example.org"), true)
        .await
        .expect("saved");
    assert_eq!(saved, Saved::ConfirmationSent);
    // A second new address within the hour passes the limit: nothing is saved.
    match core
        .save_notification_settings(&citizen, &settings("other@example.org"), true)
        .await
    {
        Err(Error::Limited(Limit::ConfirmationEmails { wait })) => {
            assert!(wait > std::time::Duration::ZERO);
        }
        other => panic!("the limit holds, got {other:?}"),
    }
    let stored = core
        .notification_settings(&citizen)
        .await
        .expect("read")
        .preferences;
    assert_eq!(stored.email.as_deref(), Some("anna@example.org"));
    assert!(!stored.email_confirmed);
    // Without e-mail on offer the address stays as it was.
    let saved = core
        .save_notification_settings(&citizen, &settings(""), false)
        .await
        .expect("saved");
    assert_eq!(saved, Saved::Saved);
    let stored = core.notification_settings(&citizen).await.expect("read");
    assert_eq!(
        stored.preferences.email.as_deref(),
        Some("anna@example.org")
    );
}

on_each_backend!(
    a_power_of_attorney_is_given_once_and_settled_once,
    notification_settings_are_checked_and_confirmation_emails_limited,
);
