//! iCalendar files in and out of a real workspace: each producer's style imported, Tandem's export
//! read back by itself and by an independent parser (Python `icalendar` and
//! `recurring-ical-events`), re-imports that update instead of duplicating, and malformed files
//! that import nothing.

use std::path::{Path, PathBuf};

use tandem_core::Store;
use tandem_core::ical;
use tandem_core::model::{
    CalendarItemInput, CalendarRange, CampaignInput, IcsScope, ImportAction, LeadInput, Occurrence, When,
};

use crate::{at, workspace};

fn sample(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/ics").join(name)).unwrap()
}

fn berlin() -> chrono_tz::Tz {
    chrono_tz::Europe::Berlin
}

async fn import(store: &Store, text: &str) -> tandem_core::model::ImportSummary {
    let events = ical::read(text, berlin()).unwrap();
    store.import_ics(&events, at(27, 10)).await.unwrap()
}

async fn occurrences(store: &Store, from: &str, to: &str) -> Vec<(String, String)> {
    let range = CalendarRange { from: from.into(), to: to.into(), time_zone: "UTC".into() };
    let mut out: Vec<(String, String)> =
        store.calendar_range(&range).await.unwrap().iter().map(|o| (o.title.clone(), start(o))).collect();
    out.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    out
}

fn start(o: &Occurrence) -> String {
    match o.when {
        When::Timed { starts_at, .. } => tandem_core::model::time::to_db(starts_at),
        When::AllDay { start_date, .. } => start_date.to_string(),
    }
}

/// The occurrences the independent parser finds in `file` from `from` up to `to` (UTC days).
#[allow(clippy::disallowed_methods, reason = "the test harness, not the core, finds the Python to run")]
fn python_occurrences(file: &Path, from: &str, to: &str) -> Vec<(String, String)> {
    let python = std::env::var("TANDEM_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/ics_occurrences.py");
    let out = std::process::Command::new(&python)
        .arg(script)
        .args([file.to_str().unwrap(), from, to])
        .output()
        .unwrap_or_else(|e| panic!("{python}: {e} (`make deps` makes the Python environment)"));
    assert!(out.status.success(), "{python} failed (run `make deps`): {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn google_calendar_export_imports_with_its_series_override_and_attendee() {
    let (store, dir) = workspace().await;
    let jane = LeadInput { name: "Jane Doe".into(), email: Some("Jane.Doe@example.com".into()), ..Default::default() };
    let jane = store.create_lead(&jane, at(27, 9)).await.unwrap();
    // Matched as email keys match: ASCII letters in any case, others as written.
    let omer =
        LeadInput {
            name: "Ömer Öztürk".into(), email: Some("Ömer.Öztürk@example.com".into()), ..Default::default()
        };
    store.create_lead(&omer, at(27, 9)).await.unwrap();
    let summary = import(&store, &sample("google.ics")).await;
    assert_eq!((summary.events, summary.new, summary.updated, summary.series, summary.overrides), (3, 3, 0, 1, 1));

    let got = occurrences(&store, "2026-03-01", "2026-05-01").await;
    let standup = |s: &str| ("Launch stand-up".to_owned(), s.to_owned());
    assert_eq!(
        got,
        [
            standup("2026-03-02T08:00:00.000Z"),
            standup("2026-03-09T08:00:00.000Z"),
            // 16 March is an EXDATE; 09:00 Berlin is 07:00 UTC once the clocks have changed.
            standup("2026-03-23T08:00:00.000Z"),
            ("Launch stand-up (after the clocks change)".to_owned(), "2026-03-30T09:00:00.000Z".to_owned()),
            standup("2026-04-06T07:00:00.000Z"),
            standup("2026-04-13T07:00:00.000Z"),
            ("Messe München – Frühjahr".to_owned(), "2026-04-15".to_owned()),
            standup("2026-04-20T07:00:00.000Z"),
        ]
    );
    assert_eq!(
        got,
        python_occurrences(&write_temp(dir.path(), "g.ics", &sample("google.ics")), "2026-03-01", "2026-05-01")
    );

    let fair = store
        .calendar_range(&CalendarRange { from: "2026-04-15".into(), to: "2026-04-16".into(), time_zone: "UTC".into() })
        .await
        .unwrap();
    let fair = store.get_calendar_item(&fair[0].item_id).await.unwrap();
    assert_eq!(
        fair.when,
        When::AllDay { start_date: "2026-04-15".parse().unwrap(), end_date: "2026-04-17".parse().unwrap() }
    );
    assert_eq!(
        fair.notes.as_deref(),
        Some("Stand 4B, Halle 3. Übernachtung im Hotel am Messegelände – bitte früh buchen.")
    );
    let exported = store.export_ics(&IcsScope::default(), "All", at(27, 11)).await.unwrap();
    assert!(exported.text.contains(&format!("CN=\"{}\"", jane.name)), "the attendee is linked to the lead");
    assert!(exported.text.contains("mailto:Jane.Doe@example.com"));
    assert!(exported.text.contains("CN=\"Ömer Öztürk\""), "a name beyond ASCII is linked too");
}

#[tokio::test]
async fn outlook_and_apple_exports_import_in_their_own_zones() {
    let (store, dir) = workspace().await;
    let outlook = import(&store, &sample("outlook.ics")).await;
    assert_eq!((outlook.events, outlook.series), (2, 1));
    let apple = import(&store, &sample("apple.ics")).await;
    assert_eq!((apple.events, apple.series), (2, 2));

    let got = occurrences(&store, "2026-01-01", "2027-01-31").await;
    for (file, name) in [("outlook.ics", "o.ics"), ("apple.ics", "a.ics")] {
        let theirs = python_occurrences(&write_temp(dir.path(), name, &sample(file)), "2026-01-01", "2027-01-31");
        let ours: Vec<_> = got.iter().filter(|o| theirs.iter().any(|t| t.0 == o.0)).cloned().collect();
        assert_eq!(ours, theirs, "{file}");
    }
    let webinar: Vec<&String> = got.iter().filter(|o| o.0 == "Webinar: Q4 pricing").map(|o| &o.1).collect();
    // 10:00 in New York: 14:00 UTC before 1 November, 15:00 after; 30 October left out.
    assert_eq!(
        webinar,
        [
            "2026-10-16T14:00:00.000Z",
            "2026-10-23T14:00:00.000Z",
            "2026-11-06T15:00:00.000Z",
            "2026-11-13T15:00:00.000Z"
        ]
    );
    let webinar_item = store
        .calendar_range(&CalendarRange { from: "2026-10-16".into(), to: "2026-10-17".into(), time_zone: "UTC".into() })
        .await
        .unwrap();
    assert_eq!(webinar_item[0].time_zone, "America/New_York", "Outlook's Windows zone name is understood");
    let month_ends: Vec<&String> = got.iter().filter(|o| o.0 == "Month-end numbers").map(|o| &o.1).collect();
    assert_eq!(month_ends, ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"]);
    assert!(got.iter().any(|o| o.0 == "Café-Abend für Kunden 🎉" && o.1 == "2026-10-06T22:00:00.000Z"));
}

#[tokio::test]
async fn importing_the_same_file_again_updates_by_uid() {
    let (store, _dir) = workspace().await;
    import(&store, &sample("google.ics")).await;
    let edited = sample("google.ics").replace("SUMMARY:Launch stand-up\r\n", "SUMMARY:Launch sync\r\n");
    let events = ical::read(&edited, berlin()).unwrap();
    let preview = store.preview_ics_import(&events).await.unwrap();
    assert_eq!((preview.new, preview.updated), (0, 3));
    assert!(preview.rows.iter().all(|r| r.action == ImportAction::Update));
    let again = store.import_ics(&events, at(27, 12)).await.unwrap();
    assert_eq!((again.new, again.updated), (0, 3));
    let titles: Vec<String> = occurrences(&store, "2026-03-01", "2026-05-01").await.into_iter().map(|o| o.0).collect();
    assert_eq!(titles.len(), 8, "no duplicates");
    assert_eq!(titles.iter().filter(|t| *t == "Launch sync").count(), 6);
}

async fn planned_workspace(store: &Store) {
    let campaign = CampaignInput {
        name: "Spring launch".into(),
        code: Some("SPR-27".into()),
        currency: "EUR".into(),
        ..Default::default()
    };
    let campaign = store.create_campaign(&campaign, at(27, 9)).await.unwrap();
    let items = [
        CalendarItemInput {
            title: "Tip of the week, with commas; and semicolons".into(),
            item_type: "social_post".into(),
            channel: Some("social".into()),
            campaign_id: Some(campaign.id.clone()),
            starts_at: Some("2027-03-15T09:00:00+01:00".into()),
            ends_at: Some("2027-03-15T09:30:00+01:00".into()),
            time_zone: Some("Europe/Berlin".into()),
            rrule: Some("FREQ=WEEKLY;BYDAY=MO;COUNT=6".into()),
            notes: Some("Line one\nLine two — ünïcödé, \"quoted\"\\ and a long line that has to be folded because it is far longer than seventy-five octets".into()),
            status: Some(tandem_core::model::ItemStatus::Scheduled),
            owner: Some("Maya".into()),
            ..Default::default()
        },
        CalendarItemInput {
            title: "Trade fair".into(),
            item_type: "event".into(),
            all_day: true,
            start_date: Some("2027-03-24".into()),
            end_date: Some("2027-03-26".into()),
            time_zone: Some("Europe/Berlin".into()),
            ..Default::default()
        },
        CalendarItemInput {
            title: "Month-end newsletter".into(),
            item_type: "email".into(),
            channel: Some("email".into()),
            all_day: true,
            start_date: Some("2027-01-31".into()),
            rrule: Some("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5".into()),
            ..Default::default()
        },
        CalendarItemInput {
            title: "US webinar".into(),
            item_type: "webinar".into(),
            starts_at: Some("2027-03-05T10:00:00-05:00".into()),
            ends_at: Some("2027-03-05T11:00:00-05:00".into()),
            time_zone: Some("America/New_York".into()),
            rrule: Some("FREQ=WEEKLY;BYDAY=FR;UNTIL=20270402T150000Z".into()),
            ..Default::default()
        },
        CalendarItemInput {
            title: "UTC check-in".into(),
            starts_at: Some("2027-03-10T12:00:00Z".into()),
            ends_at: Some("2027-03-10T12:15:00Z".into()),
            ..Default::default()
        },
    ];
    let mut made = Vec::new();
    for item in &items {
        made.push(store.create_calendar_item(item, at(27, 9)).await.unwrap());
    }
    use tandem_core::store::OccurrenceScope;
    let tip = &made[0];
    // One occurrence moved, one removed; one month-end left out.
    let mut moved = items[0].clone();
    moved.starts_at = Some("2027-03-30T14:00:00+02:00".into());
    moved.ends_at = Some("2027-03-30T14:30:00+02:00".into());
    moved.rrule = None;
    store.edit_occurrence(&tip.id, "2027-03-29T07:00:00.000Z", OccurrenceScope::This, &moved, at(27, 9)).await.unwrap();
    store.delete_occurrence(&tip.id, "2027-04-05T07:00:00.000Z", OccurrenceScope::This, at(27, 9)).await.unwrap();
    store.delete_occurrence(&made[2].id, "2027-03-31", OccurrenceScope::This, at(27, 9)).await.unwrap();
    // The US series ends early: its "following" split writes an UNTIL.
    store
        .delete_occurrence(&made[3].id, "2027-03-26T14:00:00.000Z", OccurrenceScope::Following, at(27, 9))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_export_reads_back_the_same_here_elsewhere_and_in_an_independent_parser() {
    let (store, dir) = workspace().await;
    planned_workspace(&store).await;
    let file = store.export_ics(&IcsScope::default(), "Tandem", at(27, 11)).await.unwrap();
    assert_eq!(file.events, 6, "five items and one moved occurrence");
    assert!(file.text.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    assert!(file.text.contains("DTSTAMP:20261127T110000Z"));
    assert!(file.text.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York"));
    assert!(
        file.text.contains("DTSTART;VALUE=DATE:20270324\r\nDTEND;VALUE=DATE:20270327"),
        "all-day as DATE, end exclusive"
    );
    assert!(file.text.contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5\r\nEXDATE;VALUE=DATE:20270331"));
    assert!(file.text.contains("EXDATE;TZID=Europe/Berlin:20270405T090000"));
    assert!(file.text.contains("RECURRENCE-ID;TZID=Europe/Berlin:20270329T090000"));
    assert!(file.text.contains("X-TANDEM-CAMPAIGN:SPR-27"));

    let path = write_temp(dir.path(), "export.ics", &file.text);
    let ours = occurrences(&store, "2027-01-01", "2027-07-01").await;
    assert_eq!(ours.len(), 4 + 4 + 1 + 4 + 1, "5 tips, 3 fridays, 1 fair, 4 month ends, 1 check-in");
    assert_eq!(python_occurrences(&path, "2027-01-01", "2027-07-01"), ours);

    // Into another workspace: the same occurrences, the same fields.
    let (other, _other_dir) = workspace().await;
    other
        .create_campaign(
            &CampaignInput {
                name: "Spring".into(),
                code: Some("SPR-27".into()),
                currency: "EUR".into(),
                ..Default::default()
            },
            at(27, 9),
        )
        .await
        .unwrap();
    let summary = import(&other, &file.text).await;
    assert_eq!((summary.new, summary.updated, summary.series, summary.overrides), (6, 0, 3, 1));
    assert_eq!(occurrences(&other, "2027-01-01", "2027-07-01").await, ours);
    let tip = |s: &Store| {
        let s = s.clone();
        async move {
            let o = s
                .calendar_range(&CalendarRange {
                    from: "2027-03-15".into(),
                    to: "2027-03-16".into(),
                    time_zone: "UTC".into(),
                })
                .await
                .unwrap();
            s.get_calendar_item(&o[0].item_id).await.unwrap()
        }
    };
    let (a, b) = (tip(&store).await, tip(&other).await);
    assert_eq!(
        (&a.title, &a.notes, &a.channel, a.status, &a.owner, a.item_type),
        (&b.title, &b.notes, &b.channel, b.status, &b.owner, b.item_type)
    );
    assert_eq!((&a.rrule, &a.exdates, &a.time_zone, a.when), (&b.rrule, &b.exdates, &b.time_zone, b.when));
    assert!(b.campaign_id.is_some(), "the campaign is found by its code");

    // Back into the workspace it came from: every item is found again, nothing doubles.
    let back = import(&store, &file.text).await;
    assert_eq!((back.new, back.updated), (0, 6));
    assert_eq!(occurrences(&store, "2027-01-01", "2027-07-01").await, ours);
}

#[tokio::test]
async fn an_export_can_be_one_campaign_or_the_filtered_view() {
    let (store, _dir) = workspace().await;
    planned_workspace(&store).await;
    let campaigns = store.list_campaigns(&Default::default()).await.unwrap();
    let campaign = IcsScope { campaign_id: Some(campaigns[0].id.clone()), ..Default::default() };
    let file = store.export_ics(&campaign, "Spring launch", at(27, 11)).await.unwrap();
    assert_eq!(file.events, 2, "the series and its moved occurrence");
    let view = IcsScope {
        from: Some("2027-03-19".into()),
        to: Some("2027-03-25".into()),
        time_zone: Some("Europe/Berlin".into()),
        hidden_channels: vec!["social".into()],
        ..Default::default()
    };
    let file = store.export_ics(&view, "Week", at(27, 11)).await.unwrap();
    let titles: Vec<&str> = file.text.lines().filter_map(|l| l.strip_prefix("SUMMARY:")).collect();
    assert_eq!(titles, ["US webinar", "Trade fair"]);
    let bad = IcsScope { from: Some("2027-03-22".into()), ..Default::default() };
    assert_eq!(store.export_ics(&bad, "x", at(27, 11)).await.unwrap_err().to_string(), "to: is required with from");
}

#[tokio::test]
async fn a_malformed_file_names_its_line_and_imports_nothing() {
    let (store, _dir) = workspace().await;
    let broken = sample("google.ics").replace("DTSTART;VALUE=DATE:20260415", "DTSTART;VALUE=DATE:2026-04-15");
    let err = ical::read(&broken, berlin()).unwrap_err();
    assert_eq!(err.to_string(), "line 57: DTSTART: \"2026-04-15\" is not a date or date-time");
    let bad_rule = sample("outlook.ics").replace("BYDAY=FR;WKST=SU", "BYDAY=XX");
    let err = ical::read(&bad_rule, berlin()).unwrap_err().to_string();
    assert!(err.starts_with("line 30: RRULE: "), "{err}");
    let unknown_zone = sample("outlook.ics").replace("TZID=\"Eastern Standard Time\"", "TZID=\"Nowhere Time\"");
    let err = ical::read(&unknown_zone, berlin()).unwrap_err().to_string();
    assert!(err == "line 27: DTSTART: time zone \"Nowhere Time\" is unknown", "{err}");
    assert_eq!(
        ical::read("PK\u{3}\u{4}binary", berlin()).unwrap_err().to_string(),
        "line 1: \"PK\\u{3}\\u{4}binary\" has no ':' before its value"
    );
    assert!(occurrences(&store, "2026-01-01", "2027-01-01").await.is_empty());
}
