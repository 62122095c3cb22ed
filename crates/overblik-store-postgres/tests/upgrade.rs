//! A PostgreSQL database written by an older Overblik opens with the current code and reads
//! the same for its citizens.

use overblik_store::conformance::upgrade;
use overblik_store_postgres::PostgresStore;
use overblik_store_postgres::testing::TestStore;

/// Nothing changes for a Danish citizen when their records were stored before amounts had a
/// currency: every amount reads as the same øre in kroner, written as before, every title
/// the same, and their subject key is the one their records are stored under.
#[tokio::test]
async fn danish_records_stored_before_currencies_read_the_same() {
    let database = TestStore::create().await;
    let as_sent_today = {
        let store = database.store();
        let as_sent_today = upgrade::sent_today(store).await;
        // As the rows were before: the old form of each body.
        for (source_id, body) in upgrade::stored_before_currencies() {
            let written = sqlx::query("UPDATE records SET body = $1 WHERE source_id = $2")
                .bind(body.to_string())
                .bind(source_id)
                .execute(store.pool())
                .await
                .expect("writes the old form");
            assert_eq!(written.rows_affected(), 1, "{source_id}");
        }
        as_sent_today
    };
    // A server started anew on the database, as after an upgrade.
    let store = PostgresStore::open(database.database().url())
        .await
        .expect("opens with the current code");
    upgrade::read_as_before(&store, &as_sent_today).await;
}

/// Records stored before their content was fingerprinted and their standing kept get both
/// when a server opens the database, so the citizen's standing records are found and the
/// same records sent again are not news.
#[tokio::test]
async fn records_stored_before_fingerprints_and_standing_get_them_when_the_store_opens() {
    let database = TestStore::create().await;
    let sent = {
        let store = database.store();
        let sent = upgrade::sent_today(store).await;
        // As the rows were before the columns existed.
        sqlx::query("UPDATE records SET content_hash = NULL, stands_until = NULL")
            .execute(store.pool())
            .await
            .expect("clears");
        sent
    };
    let store = PostgresStore::open(database.database().url())
        .await
        .expect("opens with the current code");
    let unknown: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM records WHERE content_hash IS NULL OR stands_until IS NULL",
    )
    .fetch_one(store.pool())
    .await
    .expect("counts");
    assert_eq!(unknown, 0);
    let (_, subject) = upgrade::danish_subject();
    let now = chrono::Utc::now();
    let standing = overblik_store::RecordStore::standing_records(&store, &subject, now)
        .await
        .expect("reads");
    let expected = sent
        .iter()
        .filter(|(_, record)| record.standing().end_millis() >= now.timestamp_millis())
        .count();
    assert!(expected > 0, "the sample has standing records");
    assert_eq!(standing.len(), expected);
}

/// A database written before authorities' deliveries were kept takes each authority's latest
/// record as its last delivery.
#[tokio::test]
async fn authorities_that_delivered_before_their_deliveries_were_kept_get_their_latest() {
    let database = TestStore::create().await;
    {
        let store = database.store();
        upgrade::sent_today(store).await;
        // As the database was before migration 0013.
        for statement in [
            "ALTER TABLE providers DROP COLUMN stale_after_days",
            "ALTER TABLE providers DROP COLUMN last_delivery_at",
            "DELETE FROM _sqlx_migrations WHERE version = 13",
        ] {
            sqlx::query(statement)
                .execute(store.pool())
                .await
                .expect(statement);
        }
    }
    let store = PostgresStore::open(database.database().url())
        .await
        .expect("opens with the current code");
    upgrade::last_delivery_is_the_latest_records(&store).await;
}
