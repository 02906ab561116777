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
