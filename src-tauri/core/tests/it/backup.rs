//! Backups and restore on real workspace files: a snapshot taken while writes go on, checked,
//! restored to exactly its content; damaged or foreign files refused with the workspace untouched.

use tandem_core::Store;
use tandem_core::store::backup;

use crate::{at, lead, workspace};

async fn lead_ids(store: &Store) -> Vec<String> {
    let page = store.list_leads(&tandem_core::model::LeadQuery { limit: 500, ..Default::default() }).await.unwrap();
    let mut ids: Vec<String> = page.leads.into_iter().map(|l| l.id).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_backup_taken_while_writes_go_on_is_sound_and_restores_to_exactly_its_content() {
    let (store, dir) = workspace().await;
    for i in 0..50 {
        store.create_lead(&lead(&format!("Before {i}")), at(1, 9)).await.unwrap();
    }
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            for i in 0..400 {
                store.create_lead(&lead(&format!("During {i}")), at(2, 9)).await.unwrap();
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let out = dir.path().join("backups").join("snapshot.tandem");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let size = store.backup_to(&out).await.unwrap();
    assert!(size > 0 && out.exists());
    assert!(!dir.path().join("backups").join(".snapshot.tandem.part").exists(), "no temporary file left");
    writer.await.unwrap();
    backup::check(&out).await.unwrap();

    let snapshot = Store::open(&out).await.unwrap();
    let in_backup = lead_ids(&snapshot).await;
    snapshot.close().await;
    let now = lead_ids(&store).await;
    assert!(in_backup.len() >= 50 && in_backup.len() <= now.len(), "{} of {}", in_backup.len(), now.len());
    assert!(in_backup.iter().all(|id| now.contains(id)), "a snapshot of the workspace, nothing else");

    // Restore over the live workspace: what it held is backed up first, then replaced.
    let path = store.path().to_owned();
    store.close().await;
    let kept = backup::restore(&path, &out, at(3, 9)).await.unwrap().expect("the state replaced is backed up");
    let restored = Store::open(&path).await.unwrap();
    assert_eq!(lead_ids(&restored).await, in_backup, "exactly the backup's leads");
    restored.close().await;
    let before = Store::open(&kept).await.unwrap();
    assert_eq!(lead_ids(&before).await.len(), now.len(), "the replaced state is kept whole");
    before.close().await;
    assert!(kept.file_name().unwrap().to_string_lossy().ends_with("-before-restore.tandem"), "{}", kept.display());
}

#[tokio::test]
async fn damaged_or_foreign_files_are_refused_and_the_workspace_is_untouched() {
    let (store, dir) = workspace().await;
    for i in 0..300 {
        store.create_lead(&lead(&format!("Lead {i}")), at(1, 9)).await.unwrap();
    }
    let good = dir.path().join("good.tandem");
    store.backup_to(&good).await.unwrap();
    let err = store.backup_to(&good).await.unwrap_err();
    assert!(err.to_string().contains("exists already"), "{err}");

    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, "not a database at all, just some words that run on for a while").unwrap();
    let err = backup::check(&foreign).await.unwrap_err();
    assert!(err.to_string().contains("not a SQLite database"), "{err}");

    // A backup cut short: pages missing from its end.
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.path().join("cut.tandem");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = backup::check(&cut).await.unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");

    let path = store.path().to_owned();
    let ids = lead_ids(&store).await;
    store.close().await;
    assert!(backup::restore(&path, &cut, at(3, 9)).await.is_err());
    assert!(backup::restore(&path, &foreign, at(3, 9)).await.is_err());
    let same = Store::open(&path).await.unwrap();
    assert_eq!(lead_ids(&same).await, ids, "a refused restore changes nothing");
    same.close().await;
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().contains("restoring")), "{left:?}");
}

#[tokio::test]
async fn an_automatic_backup_is_taken_once_a_day_into_the_backups_folder() {
    let (store, dir) = workspace().await;
    store.create_lead(&lead("Ana"), at(1, 9)).await.unwrap();
    let first = store.daily_backup(at(1, 10)).await.unwrap().expect("the first one is due");
    assert!(first.starts_with(dir.path().join("backups")));
    assert_eq!(store.daily_backup(at(1, 22)).await.unwrap(), None, "one a day");
    let second = store.daily_backup(at(2, 11)).await.unwrap().expect("a day later");
    let listed = backup::list(store.path()).unwrap();
    assert_eq!(listed.iter().map(|b| b.path.clone()).collect::<Vec<_>>(), vec![second, first]);
    assert!(listed.iter().all(|b| b.why == "auto"));
    backup::check(&listed[0].path).await.unwrap();
}
