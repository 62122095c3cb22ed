//! The storage conformance suite on PostgreSQL, each case in a throwaway database.

use overblik_store_postgres::testing::TestStore;

overblik_store::conformance_tests!(TestStore::create().await);
