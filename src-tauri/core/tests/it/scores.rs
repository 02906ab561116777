//! Lead scores follow everything they read, fade with the day, and sort the leads list.

use tandem_core::model::lead_record::TouchpointInput;
use tandem_core::model::scoring::{Condition, FitField, ScoreRule, ScoringRules};
use tandem_core::model::{ActivityInput, LeadInput, LeadQuery, LeadSort};

use crate::{at, workspace};

fn touch(lead_id: &str, kind: &str, when: &str) -> TouchpointInput {
    TouchpointInput { lead_id: lead_id.into(), kind: kind.into(), occurred_at: Some(when.into()), ..Default::default() }
}

#[tokio::test]
async fn a_score_follows_every_input_and_its_reasons_add_up_to_it() {
    let (store, _dir) = workspace().await;
    store.bring_up_to_date(at(20, 9)).await.unwrap();
    let input = LeadInput {
        name: "Ana Pérez".into(),
        job_title: Some("Founder".into()),
        email: Some("ana@gmail.com".into()),
        ..Default::default()
    };
    let lead = store.create_lead(&input, at(20, 9)).await.unwrap();
    assert_eq!(lead.score, 15, "a decision maker with a free-mail address");

    let business = LeadInput { email: Some("ana@perez-bakery.example".into()), ..input.clone() };
    assert_eq!(store.update_lead(&lead.id, &business, at(20, 10)).await.unwrap().score, 25);

    store.add_touchpoint(&touch(&lead.id, "form_fill", "2026-11-20T08:00:00Z"), at(20, 11)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().score, 35);

    // An open call counts once it is done.
    let call =
        ActivityInput { kind: "call".into(), subject: "Intro".into(), lead_id: lead.id.clone(), ..Default::default() };
    let call = store.add_activity(&call, at(20, 12)).await.unwrap();
    assert_eq!(store.get_lead(&lead.id).await.unwrap().score, 35);
    store.complete_activity(&call.id, at(20, 13)).await.unwrap();

    let record = store.lead_record(&lead.id, at(20, 14)).await.unwrap();
    assert_eq!(record.lead.score, 40);
    assert_eq!(record.score.total, record.lead.score);
    let reasons: Vec<(&str, i64, &str)> =
        record.score.reasons.iter().map(|r| (r.label.as_str(), r.points, r.detail.as_str())).collect();
    assert_eq!(
        reasons,
        [
            ("Decision maker", 15, "job title \"Founder\""),
            ("Business email", 10, "email at perez-bakery.example"),
            ("Form filled", 10, "1 touchpoint, today"),
            ("Call made", 5, "once, today"),
        ]
    );
}

#[tokio::test]
async fn new_rules_score_every_lead_again_and_bad_rules_are_refused() {
    let (store, _dir) = workspace().await;
    let titled =
        |name: &str, title: &str| LeadInput { name: name.into(), job_title: Some(title.into()), ..Default::default() };
    let chef = store.create_lead(&titled("Chef", "Head Chef"), at(1, 9)).await.unwrap();
    let baker = store.create_lead(&titled("Baker", "Baker"), at(1, 9)).await.unwrap();
    assert_eq!((chef.score, baker.score), (15, 0));

    let rules = ScoringRules {
        rules: vec![ScoreRule {
            label: "Bakes".into(),
            when: Condition::Field { field: FitField::JobTitle, any_of: vec!["baker".into()] },
            points: 7,
        }],
        half_life_days: 0,
    };
    store.set_scoring_rules(&rules, at(2, 9)).await.unwrap();
    assert_eq!(store.scoring_rules().await.unwrap(), rules);
    assert_eq!(store.get_lead(&chef.id).await.unwrap().score, 0);
    assert_eq!(store.get_lead(&baker.id).await.unwrap().score, 7);

    let bad = ScoringRules { rules: vec![ScoreRule { points: 500, ..rules.rules[0].clone() }], ..rules.clone() };
    let err = store.set_scoring_rules(&bad, at(3, 9)).await.unwrap_err();
    assert_eq!(err.to_string(), "rules: rule 1: points must be a whole number from -100 to 100, other than 0");
    assert_eq!(store.scoring_rules().await.unwrap(), rules, "nothing half-saved");
}

#[tokio::test]
async fn engagement_fades_as_the_days_pass() {
    let (store, _dir) = workspace().await;
    let lead = store.create_lead(&crate::lead("Ola"), at(1, 9)).await.unwrap();
    store.add_touchpoint(&touch(&lead.id, "event_attended", "2026-11-01T10:00:00Z"), at(1, 10)).await.unwrap();
    assert_eq!(store.bring_up_to_date(at(1, 11)).await.unwrap(), 1);
    assert_eq!(store.get_lead(&lead.id).await.unwrap().score, 15);
    assert_eq!(store.bring_up_to_date(at(1, 18)).await.unwrap(), 0, "the same day: nothing to do");
    // Thirty days on (the default half-life), the event counts half.
    let later = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 1, 9, 0, 0).unwrap();
    store.bring_up_to_date(later).await.unwrap();
    let record = store.lead_record(&lead.id, later).await.unwrap();
    assert_eq!(record.lead.score, 8);
    assert_eq!(record.score.reasons[0].detail, "1 touchpoint, 30 days ago");
}

#[tokio::test]
async fn the_leads_list_sorts_by_score() {
    let (store, _dir) = workspace().await;
    let mut ids = Vec::new();
    for (name, title) in [("Low", "Clerk"), ("High", "CEO"), ("Mid", "Office Manager")] {
        let input = LeadInput { name: name.into(), job_title: Some(title.into()), ..Default::default() };
        ids.push(store.create_lead(&input, at(1, 9)).await.unwrap().name);
    }
    let query = LeadQuery { sort: LeadSort::Score, descending: true, limit: 10, ..Default::default() };
    let page = store.list_leads(&query).await.unwrap();
    let order: Vec<(&str, i64)> = page.leads.iter().map(|l| (l.name.as_str(), l.score)).collect();
    assert_eq!(order, [("High", 15), ("Mid", 5), ("Low", 0)]);
}

#[tokio::test]
async fn scores_kept_for_the_whole_workspace_equal_each_leads_reasons() {
    use tandem_core::demo::{Scale, generate};
    let (store, _dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 7, at(27, 12))).await.unwrap();
    // A new day and a rules change each score every lead at once (reading whole tables).
    store.bring_up_to_date(at(27, 12)).await.unwrap();
    let rules = ScoringRules { half_life_days: 10, ..Default::default() };
    store.set_scoring_rules(&rules, at(27, 13)).await.unwrap();
    let page = store.list_leads(&LeadQuery { limit: 500, ..Default::default() }).await.unwrap();
    assert!(page.leads.len() > 100);
    let mut nonzero = 0;
    for lead in &page.leads {
        let one = store.lead_score(&lead.id).await.unwrap();
        assert_eq!(one.total, lead.score, "{}: {:?}", lead.name, one.reasons);
        nonzero += usize::from(lead.score != 0);
    }
    assert!(nonzero > page.leads.len() / 2, "the demo's leads mostly score: {nonzero}");
}

#[tokio::test]
async fn many_marked_leads_are_settled_later_and_attribution_never_reads_behind() {
    use tandem_core::demo::{Counts, generate_counts};
    use tandem_core::model::attribution::Model;
    let (store, _dir) = workspace().await;
    let counts =
        Counts { companies: 300, leads: 6_000, campaigns: 20, calendar_items: 10, deals: 400, activities: 1_500 };
    store.write_demo(&generate_counts(counts, 3, at(27, 12))).await.unwrap();
    // Too many for the demo's own commit: scores wait, but attribution settles before it reads.
    let by_score = |limit| LeadQuery { sort: LeadSort::Score, descending: true, limit, ..Default::default() };
    assert_eq!(store.list_leads(&by_score(1)).await.unwrap().leads[0].score, 0, "not scored yet");
    assert!(store.lead_score(&store.list_leads(&by_score(1)).await.unwrap().leads[0].id).await.unwrap().total != 0);
    let first = store.attribution(Model::First, None, None).await.unwrap();
    let credited: f64 = first.campaigns.iter().map(|c| c.leads).sum::<f64>() + first.unattributed_leads;
    assert!((credited - 6_000.0).abs() < 0.5, "every lead credited once: {credited}");

    assert_eq!(store.bring_up_to_date(at(27, 13)).await.unwrap(), 6_000);
    assert_eq!(store.bring_up_to_date(at(27, 14)).await.unwrap(), 0);
    for lead in store.list_leads(&by_score(50)).await.unwrap().leads {
        assert!(lead.score > 0);
        assert_eq!(store.lead_score(&lead.id).await.unwrap().total, lead.score, "{}", lead.name);
    }
    assert_eq!(store.attribution(Model::First, None, None).await.unwrap(), first, "nothing left to settle");
}
