//! Likely duplicates: normalised emails and phones, similar names at one company.

use tandem_core::model::LeadInput;
use tandem_core::model::duplicates::DuplicateReason;

use crate::{at, workspace};

fn person(name: &str, email: Option<&str>, phone: Option<&str>, company: Option<&str>) -> LeadInput {
    LeadInput {
        name: name.into(),
        email: email.map(str::to_owned),
        phone: phone.map(str::to_owned),
        company: company.map(str::to_owned),
        ..Default::default()
    }
}

#[tokio::test]
async fn duplicates_are_found_as_a_person_would_see_them() {
    let (store, _dir) = workspace().await;
    let anna = store
        .create_lead(
            &person("Anna Müller", Some("Anna.Mueller+News@Example.com"), None, Some("Bäckerei Kern")),
            at(1, 9),
        )
        .await
        .unwrap();
    let jo = store
        .create_lead(&person("Jo Park", Some("jo.park@gmail.com"), Some("+49 (30) 123-4567"), None), at(1, 9))
        .await
        .unwrap();
    let other = store
        .create_lead(&person("Someone Else", Some("else@example.com"), None, Some("Bäckerei Kern")), at(1, 9))
        .await
        .unwrap();

    // Entering the same person again: the form is warned, by each reason that holds.
    let again = person("müller,  anna", Some("anna.mueller@example.com"), None, Some("bäckerei kern"));
    let found = store.lead_duplicates(&again, None).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].lead.id.as_str(), found[0].reasons.clone()),
        (anna.id.as_str(), vec![DuplicateReason::Email, DuplicateReason::Name])
    );
    // Gmail ignores dots, and googlemail is gmail; a phone matches on its national digits.
    let gmail =
        store.lead_duplicates(&person("J. Park", Some("JOPARK@googlemail.com"), None, None), None).await.unwrap();
    assert_eq!(gmail.iter().map(|m| m.lead.id.as_str()).collect::<Vec<_>>(), [jo.id.as_str()]);
    let phone = store.lead_duplicates(&person("Jo", None, Some("030 1234567"), None), None).await.unwrap();
    assert_eq!(phone[0].reasons, [DuplicateReason::Phone]);
    // Editing a lead does not find itself; a name alone at another company is not a match.
    assert!(store.lead_duplicates(&again, Some(&anna.id)).await.unwrap().is_empty());
    assert!(
        store.lead_duplicates(&person("Anna Müller", None, None, Some("Elsewhere")), None).await.unwrap().is_empty()
    );
    assert!(
        store.lead_duplicates(&person("Anna Muller", None, Some("12"), None), None).await.unwrap().is_empty(),
        "two digits are no phone"
    );

    // The whole workspace: each pair once, with every reason, older lead first.
    let twin = store
        .create_lead(
            &person("Ana Müller", Some("anna.mueller@example.com"), Some("+4930 1234567"), Some("Bäckerei Kern")),
            at(2, 9),
        )
        .await
        .unwrap();
    let pairs = store.duplicates().await.unwrap();
    let seen: Vec<(&str, &str, Vec<DuplicateReason>)> =
        pairs.iter().map(|p| (p.a.id.as_str(), p.b.id.as_str(), p.reasons.clone())).collect();
    assert!(
        seen.contains(&(anna.id.as_str(), twin.id.as_str(), vec![DuplicateReason::Email, DuplicateReason::Name])),
        "{seen:?}"
    );
    assert!(seen.contains(&(jo.id.as_str(), twin.id.as_str(), vec![DuplicateReason::Phone])), "{seen:?}");
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(!seen.iter().any(|(a, b, _)| *a == other.id || *b == other.id));

    // A deleted lead is nobody's duplicate.
    store.delete_lead(&twin.id, at(3, 9)).await.unwrap();
    assert!(store.duplicates().await.unwrap().is_empty());
}

/// Emails and phones that tell a Rust key from an SQL one apart if they differ at all: case
/// beyond ASCII, whitespace other than spaces, tags, Gmail dots, separators, too few digits.
const EMAILS: [&str; 12] = [
    "Anna.Mueller+News@Example.com",
    "  Jo.Park@GMAIL.com ",
    "j.o.p+x+y@googlemail.com",
    "ÄNNE@Bäckerei.DE",
    "\tTabbed@example.com\t",
    "\u{a0}nbsp@example.com",
    "a@b+c.com",
    "+tag@example.com",
    "@example.com",
    "no-at-sign",
    "two@at@signs.com",
    "Ǆemal@İstanbul.tr",
];
const PHONES: [&str; 9] = [
    "+49 (30) 123-4567",
    "030/1234567",
    "0049.30.123\u{a0}4567",
    "12 34",
    "123456",
    "1234567",
    "\t+44 20 7946 0958\t",
    "٠١٢٣٤٥٦٧٨٩",
    "ext. 12345678901",
];

#[tokio::test]
async fn keys_computed_in_rust_are_those_sqlite_computes() {
    use tandem_core::model::duplicates::{EMAIL_KEY, PHONE_KEY, email_key, phone_key};
    let (_store, dir) = workspace().await;
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let emails = EMAILS.iter().map(|e| (EMAIL_KEY, "email", *e, email_key(e)));
    let phones = PHONES.iter().map(|p| (PHONE_KEY, "phone", *p, phone_key(p)));
    for (expression, column, value, ours) in emails.chain(phones) {
        let sql = format!("SELECT {expression} FROM (SELECT ?1 AS {column})");
        let key: Option<String> = sqlx::QueryBuilder::<sqlx::Sqlite>::new(sql)
            .build_query_scalar()
            .bind(value)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(ours, key, "{column} {value:?}");
    }
}

#[tokio::test]
async fn stored_keys_follow_every_write_of_an_email_or_phone() {
    let (store, dir) = workspace().await;
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    let keys = |id: String| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (Option<String>, Option<String>)>(
                "SELECT email_key, phone_key FROM leads WHERE id = ?1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let jo = store
        .create_lead(&person("Jo Park", Some("Jo.Park+x@GMail.com"), Some("+49 (30) 123-4567"), None), at(1, 9))
        .await
        .unwrap();
    assert_eq!(keys(jo.id.clone()).await, (Some("jopark@gmail.com".into()), Some("301234567".into())));
    let edited = person("Jo Park", Some("jo@example.com"), None, None);
    store.update_lead(&jo.id, &edited, at(1, 10)).await.unwrap();
    assert_eq!(keys(jo.id.clone()).await, (Some("jo@example.com".into()), None));
    let phone_only = person("Jo Park", None, Some("0171 9876543"), None);
    store.update_lead(&jo.id, &phone_only, at(1, 11)).await.unwrap();
    assert_eq!(keys(jo.id.clone()).await, (None, Some("719876543".into())));
    let nobody = store.create_lead(&person("No Contact", None, None, None), at(1, 9)).await.unwrap();
    assert_eq!(keys(nobody.id).await, (None, None));
}

/// Asserts every lead's stored keys are what `EMAIL_KEY` and `PHONE_KEY` compute from it now.
pub async fn assert_keys_true(pool: &sqlx::SqlitePool) {
    use tandem_core::model::duplicates::{EMAIL_KEY, PHONE_KEY};
    let sql = format!(
        "SELECT count(*), coalesce(sum(email_key IS NOT ({EMAIL_KEY}) OR phone_key IS NOT ({PHONE_KEY})), 0) FROM leads"
    );
    let (leads, wrong): (i64, i64) =
        sqlx::QueryBuilder::<sqlx::Sqlite>::new(sql).build_query_as().fetch_one(pool).await.unwrap();
    assert_eq!(wrong, 0, "{wrong} of {leads} leads have stale duplicate keys");
}
