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
