//! Calendar items in a real workspace: their life, and range queries that agree with expansion.

use sqlx::SqlitePool;
use tandem_core::demo::{Scale, generate};
use tandem_core::model::{CalendarItemInput, CalendarRange, Occurrence, When};
use tandem_core::store::OccurrenceScope;

use crate::{at, workspace};

fn weekly_post() -> CalendarItemInput {
    CalendarItemInput {
        title: "Tip of the week".into(),
        item_type: "social_post".into(),
        channel: Some("social".into()),
        starts_at: Some("2027-03-15T09:00:00+01:00".into()),
        ends_at: Some("2027-03-15T09:30:00+01:00".into()),
        time_zone: Some("Europe/Berlin".into()),
        rrule: Some("FREQ=WEEKLY;BYDAY=MO;COUNT=6".into()),
        ..CalendarItemInput::default()
    }
}

fn range(from: &str, to: &str) -> CalendarRange {
    CalendarRange { from: from.into(), to: to.into(), time_zone: "Europe/Berlin".into() }
}

fn starts(list: &[Occurrence]) -> Vec<String> {
    list.iter()
        .map(|o| match o.when {
            When::Timed { starts_at, .. } => starts_at.to_rfc3339(),
            When::AllDay { start_date, .. } => start_date.to_string(),
        })
        .collect()
}

#[tokio::test]
async fn items_are_saved_expanded_deleted_and_restored() {
    let (store, _dir) = workspace().await;
    let series = store.create_calendar_item(&weekly_post(), at(27, 10)).await.unwrap();
    let fair = CalendarItemInput {
        title: "Trade fair".into(),
        item_type: "event".into(),
        all_day: true,
        start_date: Some("2027-03-24".into()),
        end_date: Some("2027-03-26".into()),
        ..CalendarItemInput::default()
    };
    store.create_calendar_item(&fair, at(27, 10)).await.unwrap();

    let march = store.calendar_range(&range("2027-03-22", "2027-04-05")).await.unwrap();
    assert_eq!(
        starts(&march),
        ["2027-03-22T08:00:00+00:00", "2027-03-24", "2027-03-29T07:00:00+00:00"],
        "09:00 in Berlin on both sides of the clock change"
    );

    store.delete_calendar_item(&series.id, at(27, 11)).await.unwrap();
    assert_eq!(starts(&store.calendar_range(&range("2027-03-22", "2027-04-05")).await.unwrap()), ["2027-03-24"]);
    let back = store.restore_calendar_item(&series.id, at(27, 12)).await.unwrap();
    assert_eq!((back.deleted_at, back.updated_at), (None, at(27, 12)));
    assert_eq!(store.calendar_range(&range("2027-03-22", "2027-04-05")).await.unwrap(), march);
}

#[tokio::test]
async fn long_items_reach_into_a_range_from_months_before() {
    let (store, _dir) = workspace().await;
    let season = CalendarItemInput {
        title: "Spring ads".into(),
        item_type: "ad_flight".into(),
        all_day: true,
        start_date: Some("2027-01-10".into()),
        end_date: Some("2027-04-10".into()),
        ..CalendarItemInput::default()
    };
    let stream = CalendarItemInput {
        title: "Always-on retargeting".into(),
        item_type: "ad_flight".into(),
        starts_at: Some("2027-01-01T00:00:00Z".into()),
        ends_at: Some("2027-06-30T00:00:00Z".into()),
        ..CalendarItemInput::default()
    };
    let month = CalendarItemInput {
        title: "Newsletter".into(),
        item_type: "email".into(),
        starts_at: Some("2027-02-20T10:00:00Z".into()),
        ends_at: Some("2027-03-10T10:00:00Z".into()),
        ..CalendarItemInput::default()
    };
    for item in [&season, &stream, &month] {
        store.create_calendar_item(item, at(27, 10)).await.unwrap();
    }
    let march = store.calendar_range(&range("2027-03-01", "2027-04-01")).await.unwrap();
    let titles: Vec<_> = march.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, ["Always-on retargeting", "Spring ads", "Newsletter"]);
    assert!(store.calendar_range(&range("2027-07-01", "2027-08-01")).await.unwrap().is_empty());
}

#[tokio::test]
async fn bad_items_are_refused_with_the_field_named_and_nothing_written() {
    let (store, dir) = workspace().await;
    let pool = SqlitePool::connect(&format!("sqlite://{}", dir.path().join("test.tandem").display())).await.unwrap();
    type Spoil = fn(&mut CalendarItemInput);
    let cases: [(Spoil, &str); 8] = [
        (|i| i.title = " ".into(), "title"),
        (|i| i.item_type = "podcast".into(), "item_type"),
        (|i| i.time_zone = Some("Berlin".into()), "time_zone"),
        (|i| i.rrule = Some("FREQ=FORTNIGHTLY".into()), "rrule"),
        (|i| i.ends_at = Some("2027-03-15T08:00:00+01:00".into()), "ends_at"),
        (|i| i.starts_at = Some("15/03/2027 9:00".into()), "starts_at"),
        (|i| i.campaign_id = Some("0193a000-0000-7000-8000-0000000000ff".into()), "campaign_id"),
        (|i| i.all_day = true, "start_date"),
    ];
    for (spoil, field) in cases {
        let mut input = weekly_post();
        spoil(&mut input);
        let err = store.create_calendar_item(&input, at(27, 10)).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM calendar_items").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_month_holds_exactly_what_overlaps_it_in_a_wider_range() {
    let (store, _dir) = workspace().await;
    store.write_demo(&generate(Scale::Small, 2, at(27, 12))).await.unwrap();
    let wide = store.calendar_range(&range("2026-05-01", "2027-05-01")).await.unwrap();
    let month = store.calendar_range(&range("2026-12-01", "2027-01-01")).await.unwrap();
    assert!(month.len() > 5 && month.len() < wide.len());
    assert!(month.iter().any(|o| o.key.is_some()), "the demo's series show up");

    let (first, last) =
        (chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let in_december = |o: &&Occurrence| match o.when {
        When::Timed { starts_at, ends_at } => {
            let (s, e) = (starts_at.with_timezone(&berlin).date_naive(), ends_at.with_timezone(&berlin));
            s <= last
                && (e.date_naive() > first
                    || (e.date_naive() == first && e.time() > chrono::NaiveTime::MIN)
                    || s >= first)
        }
        When::AllDay { start_date, end_date } => start_date <= last && end_date >= first,
    };
    let expected: Vec<&Occurrence> = wide.iter().filter(in_december).collect();
    assert_eq!(month.iter().collect::<Vec<_>>(), expected);
}

#[tokio::test]
async fn one_occurrence_following_ones_or_all_are_edited_and_removed() {
    let (store, _dir) = workspace().await;
    let daily = CalendarItemInput {
        title: "Stand-up post".into(),
        item_type: "social_post".into(),
        starts_at: Some("2027-05-03T09:00:00Z".into()),
        ends_at: Some("2027-05-03T09:15:00Z".into()),
        rrule: Some("FREQ=DAILY;COUNT=5".into()),
        ..CalendarItemInput::default()
    };
    let series = store.create_calendar_item(&daily, at(27, 10)).await.unwrap();
    let may = || async {
        starts(
            &store
                .calendar_range(&CalendarRange {
                    from: "2027-05-01".into(),
                    to: "2027-06-01".into(),
                    time_zone: "UTC".into(),
                })
                .await
                .unwrap(),
        )
    };
    let moved = |start: &str, end: &str| CalendarItemInput {
        starts_at: Some(start.into()),
        ends_at: Some(end.into()),
        ..daily.clone()
    };

    // One occurrence moved, twice: it stays one exception, not a new series.
    let key = "2027-05-05T09:00:00.000Z";
    store
        .edit_occurrence(
            &series.id,
            key,
            OccurrenceScope::This,
            &moved("2027-05-05T15:00:00Z", "2027-05-05T15:15:00Z"),
            at(27, 11),
        )
        .await
        .unwrap();
    let again = store
        .edit_occurrence(
            &series.id,
            key,
            OccurrenceScope::This,
            &moved("2027-05-05T16:00:00Z", "2027-05-05T16:15:00Z"),
            at(27, 11),
        )
        .await
        .unwrap();
    assert_eq!((again.rrule.as_deref(), again.recurrence_id.as_deref()), (None, Some(key)));
    assert_eq!(
        may().await,
        [
            "2027-05-03T09:00:00+00:00",
            "2027-05-04T09:00:00+00:00",
            "2027-05-05T16:00:00+00:00",
            "2027-05-06T09:00:00+00:00",
            "2027-05-07T09:00:00+00:00"
        ]
    );

    // One removed, then brought back.
    store.delete_occurrence(&series.id, "2027-05-04T09:00:00.000Z", OccurrenceScope::This, at(27, 12)).await.unwrap();
    assert_eq!(may().await.len(), 4);
    store.restore_occurrence(&series.id, "2027-05-04T09:00:00.000Z", at(27, 12)).await.unwrap();
    assert_eq!(may().await.len(), 5);

    // From the sixth on, an hour later: the series splits, the moved fifth stays.
    let later = moved("2027-05-06T10:00:00Z", "2027-05-06T10:15:00Z");
    let tail = store
        .edit_occurrence(&series.id, "2027-05-06T09:00:00.000Z", OccurrenceScope::Following, &later, at(27, 13))
        .await
        .unwrap();
    assert_eq!(tail.rrule.as_deref(), Some("FREQ=DAILY;COUNT=2"));
    assert_eq!(
        may().await,
        [
            "2027-05-03T09:00:00+00:00",
            "2027-05-04T09:00:00+00:00",
            "2027-05-05T16:00:00+00:00",
            "2027-05-06T10:00:00+00:00",
            "2027-05-07T10:00:00+00:00"
        ]
    );

    // The new series' last occurrence removed with everything after it; then the old series whole.
    store
        .delete_occurrence(&tail.id, "2027-05-07T10:00:00.000Z", OccurrenceScope::Following, at(27, 14))
        .await
        .unwrap();
    assert_eq!(may().await.len(), 4);
    let bad =
        store.edit_occurrence(&series.id, "next tuesday", OccurrenceScope::This, &daily, at(27, 15)).await.unwrap_err();
    assert_eq!(bad.field(), Some("key"));
    store.delete_occurrence(&series.id, key, OccurrenceScope::All, at(27, 15)).await.unwrap();
    assert_eq!(may().await, ["2027-05-06T10:00:00+00:00"], "the series and its moved occurrence are gone");
}

#[tokio::test]
async fn attendees_are_leads_kept_through_moves_and_lead_deletes() {
    let (store, _dir) = workspace().await;
    let zoe = store.create_lead(&crate::lead("Zoë Adler"), at(27, 9)).await.unwrap();
    let ana = store.create_lead(&crate::lead("ana Berg"), at(27, 9)).await.unwrap();
    let names = |list: Vec<tandem_core::model::Attendee>| list.into_iter().map(|a| a.name).collect::<Vec<_>>();

    // Named twice, listed once, by name.
    let input =
        CalendarItemInput { attendees: Some(vec![zoe.id.clone(), ana.id.clone(), zoe.id.clone()]), ..weekly_post() };
    let series = store.create_calendar_item(&input, at(27, 10)).await.unwrap();
    assert_eq!(names(store.calendar_item_attendees(&series.id).await.unwrap()), ["ana Berg", "Zoë Adler"]);

    // A move names no attendees and keeps them; an occurrence edited on its own keeps the series'.
    let moved = CalendarItemInput {
        starts_at: Some("2027-03-15T10:00:00+01:00".into()),
        ends_at: Some("2027-03-15T10:30:00+01:00".into()),
        ..weekly_post()
    };
    store.update_calendar_item(&series.id, &moved, at(27, 11)).await.unwrap();
    assert_eq!(store.calendar_item_attendees(&series.id).await.unwrap().len(), 2);
    let one = store
        .edit_occurrence(&series.id, "2027-03-22T09:00:00.000Z", OccurrenceScope::This, &moved, at(27, 11))
        .await
        .unwrap();
    assert_eq!(names(store.calendar_item_attendees(&one.id).await.unwrap()), ["ana Berg", "Zoë Adler"]);

    // A deleted lead drops out of the list, survives a save that did not see it, and comes back.
    store.delete_lead(&ana.id, at(27, 12)).await.unwrap();
    assert_eq!(names(store.calendar_item_attendees(&series.id).await.unwrap()), ["Zoë Adler"]);
    let only_zoe = CalendarItemInput { attendees: Some(vec![zoe.id.clone()]), ..moved.clone() };
    store.update_calendar_item(&series.id, &only_zoe, at(27, 12)).await.unwrap();
    store.restore_lead(&ana.id, at(27, 13)).await.unwrap();
    assert_eq!(names(store.calendar_item_attendees(&series.id).await.unwrap()), ["ana Berg", "Zoë Adler"]);

    // Emptied on purpose; a lead that is not live is refused and nothing changes.
    store
        .update_calendar_item(&series.id, &CalendarItemInput { attendees: Some(vec![]), ..moved.clone() }, at(27, 14))
        .await
        .unwrap();
    assert!(store.calendar_item_attendees(&series.id).await.unwrap().is_empty());
    store.delete_lead(&zoe.id, at(27, 14)).await.unwrap();
    let refused = store.update_calendar_item(&series.id, &only_zoe, at(27, 15)).await.unwrap_err();
    assert_eq!(refused.field(), Some("attendees"), "{refused}");
    let bad = CalendarItemInput { attendees: Some(vec!["not an id".into()]), ..moved };
    assert_eq!(store.update_calendar_item(&series.id, &bad, at(27, 15)).await.unwrap_err().field(), Some("attendees"));
    assert!(store.calendar_item_attendees(&series.id).await.unwrap().is_empty());
}
