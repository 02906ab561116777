//! Opening workspaces: settings, migrations, and refusing what is not ours without touching it.

use tandem_core::store::{APPLICATION_ID, Pragma, latest_schema_version};
use tandem_core::{Error, Store};

use crate::workspace;

#[tokio::test]
async fn a_new_workspace_is_durable_and_fully_migrated() {
    let (store, _dir) = workspace().await;
    assert_eq!(store.pragma(Pragma::JournalMode).await.unwrap(), "wal");
    assert_eq!(store.pragma(Pragma::Synchronous).await.unwrap(), "2", "synchronous=FULL");
    assert_eq!(store.pragma(Pragma::ForeignKeys).await.unwrap(), "1");
    assert_eq!(store.pragma(Pragma::BusyTimeout).await.unwrap(), "5000");
    assert_eq!(store.pragma(Pragma::ApplicationId).await.unwrap(), APPLICATION_ID.to_string());
    assert_eq!(store.schema_version().await.unwrap(), latest_schema_version());
}

#[tokio::test]
async fn reopening_keeps_the_data() {
    let (store, dir) = workspace().await;
    let created = store.create_lead(&crate::lead("Ana Costa"), crate::at(1, 9)).await.unwrap();
    store.close().await;
    let again = Store::open(dir.path().join("test.tandem")).await.unwrap();
    assert_eq!(again.get_lead(&created.id).await.unwrap(), created);
}

#[tokio::test]
async fn an_empty_file_becomes_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.tandem");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), latest_schema_version());
}

fn assert_refused(err: Error, code: &str, says: &str) {
    assert_eq!(err.code(), code, "{err}");
    assert!(err.to_string().contains(says), "{err}");
}

#[tokio::test]
async fn random_bytes_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.jpg");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).await.unwrap_err();
    assert_refused(err, "not_a_workspace", "not a SQLite database");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no -wal or -shm file left behind");
}

#[tokio::test]
async fn another_applications_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        use sqlx::{ConnectOptions, Connection};
        let mut conn =
            sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).connect().await.unwrap();
        sqlx::query("CREATE TABLE notes (body TEXT)").execute(&mut conn).await.unwrap();
        sqlx::query("INSERT INTO notes VALUES ('keep me')").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).await.unwrap_err();
    assert_refused(err, "not_a_workspace", "another application's SQLite database");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test]
async fn a_workspace_from_a_newer_version_is_refused_and_left_untouched() {
    let (store, dir) = workspace().await;
    let path = dir.path().join("test.tandem");
    store.close().await;
    {
        use sqlx::{ConnectOptions, Connection};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).connect().await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES (9999, 'from the future', 1, x'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).await.unwrap_err();
    assert_refused(err, "too_new", "newer version of Tandem");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test]
async fn a_missing_folder_is_a_clear_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/w.tandem");
    let err = Store::open(&path).await.unwrap_err();
    assert_refused(err, "io", "does not exist");
    assert!(!dir.path().join("no").exists());
}

#[tokio::test]
async fn a_folder_is_not_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).await.unwrap_err();
    assert_refused(err, "not_a_workspace", "it is a folder");
}
