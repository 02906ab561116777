//! A company's details edited from the lead page: shared by its leads, checked, and read by
//! scoring rules.

use tandem_core::model::CompanyInput;
use tandem_core::model::scoring::{Condition, FitField, ScoreRule, ScoringRules};

use crate::{at, lead, workspace};

fn at_company(name: &str, company: &str) -> tandem_core::model::LeadInput {
    tandem_core::model::LeadInput { company: Some(company.into()), ..lead(name) }
}

#[tokio::test]
async fn a_company_edit_reaches_every_lead_there_and_their_scores() {
    let (store, _dir) = workspace().await;
    let rules = ScoringRules {
        rules: vec![ScoreRule {
            label: "Retail".into(),
            when: Condition::Field { field: FitField::Industry, any_of: vec!["retail".into()] },
            points: 15,
        }],
        half_life_days: 30,
    };
    store.set_scoring_rules(&rules, at(1, 9)).await.unwrap();
    let ana = store.create_lead(&at_company("Ana", "Acme GmbH"), at(2, 9)).await.unwrap();
    let bo = store.create_lead(&at_company("Bo", "acme gmbh"), at(2, 10)).await.unwrap();
    store.create_lead(&at_company("Cy", "Other Co"), at(2, 11)).await.unwrap();
    assert_eq!(ana.score, 0);

    let company = store.lead_record(&ana.id, at(3, 9)).await.unwrap().company.unwrap();
    assert_eq!((company.name.as_str(), company.leads), ("Acme GmbH", 2));
    let edit = CompanyInput {
        name: "Acme Handels GmbH".into(),
        domain: Some("https://www.acme-handel.de/".into()),
        industry: Some("Retail".into()),
        size: Some("11-50".into()),
    };
    let saved = store.update_company(&company.id, &edit, at(3, 10)).await.unwrap();
    assert_eq!(saved.domain.as_deref(), Some("acme-handel.de"));
    assert_eq!((saved.industry.as_deref(), saved.size.as_deref()), (Some("Retail"), Some("11-50")));

    // Both leads work at the renamed company, are found under its new name and scored for it.
    for id in [&ana.id, &bo.id] {
        let l = store.get_lead(id).await.unwrap();
        assert_eq!((l.company.as_deref(), l.score), (Some("Acme Handels GmbH"), 15), "{}", l.name);
    }
    assert_eq!(store.search_leads("handels", 10).await.unwrap().len(), 2);
    let record = store.lead_record(&bo.id, at(3, 11)).await.unwrap();
    assert_eq!(record.company, Some(saved));
}

#[tokio::test]
async fn a_name_or_website_another_company_has_is_refused_and_nothing_changes() {
    let (store, _dir) = workspace().await;
    let ana = store.create_lead(&at_company("Ana", "Acme GmbH"), at(2, 9)).await.unwrap();
    let cy = store.create_lead(&at_company("Cy", "Other Co"), at(2, 10)).await.unwrap();
    let acme = store.lead_record(&ana.id, at(3, 9)).await.unwrap().company.unwrap();
    let other = store.lead_record(&cy.id, at(3, 9)).await.unwrap().company.unwrap();
    let web = CompanyInput { name: "Other Co".into(), domain: Some("other.example".into()), ..Default::default() };
    store.update_company(&other.id, &web, at(3, 10)).await.unwrap();

    let cases = [
        (CompanyInput { name: "OTHER CO".into(), ..Default::default() }, "name", "another company is named “Other Co”"),
        (
            CompanyInput { name: "Acme GmbH".into(), domain: Some("www.Other.example".into()), ..Default::default() },
            "domain",
            "other.example is the website of “Other Co”",
        ),
        (
            CompanyInput { name: "Acme GmbH".into(), domain: Some("acme".into()), ..Default::default() },
            "domain",
            "is not a website",
        ),
        (CompanyInput { name: "".into(), ..Default::default() }, "name", "is required"),
    ];
    for (input, field, says) in cases {
        let err = store.update_company(&acme.id, &input, at(3, 11)).await.unwrap_err();
        assert_eq!((err.code(), err.field()), ("invalid", Some(field)), "{err}");
        assert!(err.to_string().contains(says), "{err}");
    }
    assert_eq!(store.lead_record(&ana.id, at(3, 12)).await.unwrap().company, Some(acme.clone()));

    let missing = store.update_company("0193a000-0000-7000-8000-000000000000", &web, at(3, 12)).await.unwrap_err();
    assert_eq!(missing.code(), "not_found");
    // Its own name in other capitals is no conflict.
    let recased = CompanyInput { name: "ACME GmbH".into(), ..Default::default() };
    assert_eq!(store.update_company(&acme.id, &recased, at(3, 13)).await.unwrap().name, "ACME GmbH");
}
