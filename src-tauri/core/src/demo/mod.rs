//! Demo and scale workspaces: realistic, deterministic data generated from a seed and a `now`.
//! Generation is pure; `Store::write_demo` writes the result in one transaction.

mod rng;
mod words;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::model::id::id_from_parts;
use crate::model::lead::LifecycleStage;
use rng::Rng;
use words::*;

/// How big a demo workspace to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// About 200 leads: a living workspace to look around in.
    Small,
    /// The size budgets are measured at: 100,000 leads, 20,000 deals, 300,000 activities.
    Large,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub companies: usize,
    pub leads: usize,
    pub campaigns: usize,
    pub calendar_items: usize,
    pub deals: usize,
    pub activities: usize,
}

impl Scale {
    pub fn counts(self) -> Counts {
        match self {
            Scale::Small => {
                Counts { companies: 60, leads: 200, campaigns: 12, calendar_items: 120, deals: 60, activities: 600 }
            }
            Scale::Large => Counts {
                companies: 8_000,
                leads: 100_000,
                campaigns: 2_000,
                calendar_items: 30_000,
                deals: 20_000,
                activities: 300_000,
            },
        }
    }
}

pub struct Company {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub industry: &'static str,
    pub size: &'static str,
}

pub struct Lead {
    pub id: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub company_id: Option<String>,
    pub job_title: &'static str,
    pub owner: &'static str,
    pub stage: LifecycleStage,
    pub source: &'static str,
    pub notes: Option<String>,
    pub tags: Vec<usize>,
    pub created_at: DateTime<Utc>,
}

pub struct Campaign {
    pub id: String,
    pub name: String,
    pub objective: String,
    pub channels: Vec<&'static str>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub budget_minor: i64,
    pub spend_minor: i64,
    pub status: &'static str,
    pub color: &'static str,
    pub owner: &'static str,
    pub code: String,
}

pub struct CalendarItem {
    pub id: String,
    pub title: String,
    pub item_type: &'static str,
    pub channel: &'static str,
    pub campaign_id: Option<String>,
    /// `Some` for all-day items (start and end date), else `starts_at` and `ends_at` are used.
    pub all_day: Option<(NaiveDate, NaiveDate)>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: &'static str,
    pub status: &'static str,
    pub owner: &'static str,
    pub rrule: Option<String>,
}

pub struct Touchpoint {
    pub id: String,
    pub lead_id: String,
    pub campaign_id: String,
    pub kind: &'static str,
    pub occurred_at: DateTime<Utc>,
}

pub struct Pipeline {
    pub id: String,
    pub name: &'static str,
    pub stages: Vec<Stage>,
}

pub struct Stage {
    pub id: String,
    pub name: &'static str,
    pub probability: i64,
    pub rotting_days: Option<i64>,
}

pub struct Deal {
    pub id: String,
    pub title: String,
    pub lead_id: String,
    pub value_minor: i64,
    pub expected_close: NaiveDate,
    pub owner: &'static str,
    pub pipeline_id: String,
    pub stage_id: String,
    pub position: String,
    pub stage_entered_at: DateTime<Utc>,
    pub status: &'static str,
    pub closed_at: Option<DateTime<Utc>>,
    pub lost_reason: Option<usize>,
    pub created_at: DateTime<Utc>,
    /// Every stage change, oldest first, ending with the move into the current stage.
    pub history: Vec<StageChange>,
}

pub struct StageChange {
    pub id: String,
    pub from_stage_id: Option<String>,
    pub to_stage_id: String,
    pub at: DateTime<Utc>,
}

pub struct Activity {
    pub id: String,
    pub kind: &'static str,
    pub subject: &'static str,
    pub lead_id: String,
    pub deal_id: Option<String>,
    pub owner: &'static str,
    pub due_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

/// A whole demo workspace, ready to be written.
pub struct DemoData {
    pub now: DateTime<Utc>,
    pub currency: &'static str,
    pub companies: Vec<Company>,
    pub tags: Vec<(String, &'static str)>,
    pub leads: Vec<Lead>,
    pub campaigns: Vec<Campaign>,
    pub calendar_items: Vec<CalendarItem>,
    pub touchpoints: Vec<Touchpoint>,
    pub pipelines: Vec<Pipeline>,
    pub lost_reasons: Vec<(String, &'static str)>,
    pub deals: Vec<Deal>,
    pub activities: Vec<Activity>,
}

pub fn generate(scale: Scale, seed: u64, now: DateTime<Utc>) -> DemoData {
    generate_counts(scale.counts(), seed, now)
}

/// Demo data of any size (tests that need a size between the two scales).
pub fn generate_counts(counts: Counts, seed: u64, now: DateTime<Utc>) -> DemoData {
    let mut g = Gen { rng: Rng::new(seed), now };

    let companies: Vec<Company> = (0..counts.companies).map(|i| g.company(i)).collect();
    let tags = TAGS.iter().map(|t| (g.id(now), *t)).collect();
    let mut campaigns: Vec<Campaign> = (0..counts.campaigns).map(|i| g.campaign(i, counts.campaigns)).collect();
    number_repeated_names(&mut campaigns);
    let leads: Vec<Lead> = (0..counts.leads).map(|i| g.lead(i, &companies)).collect();
    let touchpoints = g.touchpoints(&leads, &campaigns);
    let calendar_items = (0..counts.calendar_items).map(|i| g.calendar_item(i, &campaigns)).collect();
    let pipelines = g.pipelines();
    let lost_reasons = LOST_REASONS.iter().map(|r| (g.id(now), *r)).collect();
    let deals = (0..counts.deals).map(|i| g.deal(i, &leads, &pipelines)).collect::<Vec<_>>();
    let mut leads = leads;
    stages_from_deals(&mut leads, &deals);
    let activities = (0..counts.activities).map(|i| g.activity(i, &leads, &deals)).collect();

    DemoData {
        now,
        currency: "EUR",
        companies,
        tags,
        leads,
        campaigns,
        calendar_items,
        touchpoints,
        pipelines,
        lost_reasons,
        deals,
        activities,
    }
}

/// A lead's stage agrees with its deals, as the app would have moved it: a won deal makes a
/// customer, an open one an opportunity, only lost ones send it back to SQL. Leads without deals
/// keep the stage they were given, short of opportunity.
fn stages_from_deals(leads: &mut [Lead], deals: &[Deal]) {
    let mut by_lead: std::collections::HashMap<&str, (bool, bool)> = std::collections::HashMap::new();
    for d in deals {
        let seen = by_lead.entry(d.lead_id.as_str()).or_default();
        seen.0 |= d.status == "won";
        seen.1 |= d.status == "open";
    }
    for lead in leads {
        lead.stage = match by_lead.get(lead.id.as_str()) {
            Some((true, _)) => LifecycleStage::Customer,
            Some((false, true)) => LifecycleStage::Opportunity,
            Some((false, false)) => LifecycleStage::Sql,
            None if matches!(lead.stage, LifecycleStage::Opportunity | LifecycleStage::Customer) => LifecycleStage::Sql,
            None => lead.stage,
        };
    }
}

/// Two campaigns of one theme in the same year would be told apart by nothing on screen: the later
/// ones take a number ("Spring Launch 2026 #2").
fn number_repeated_names(campaigns: &mut [Campaign]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in campaigns {
        let n = seen.entry(c.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            c.name = format!("{} #{n}", c.name);
        }
    }
}

struct Gen {
    rng: Rng,
    now: DateTime<Utc>,
}

impl Gen {
    fn id(&mut self, at: DateTime<Utc>) -> String {
        id_from_parts(at, self.rng.u128())
    }

    /// A moment `days_back` to `days_ahead` days around now, on a working hour.
    fn around_now(&mut self, days_back: i64, days_ahead: i64) -> DateTime<Utc> {
        let day = self.rng.range(-days_back, days_ahead);
        let minutes = self.rng.range(8 * 60, 18 * 60) / 15 * 15;
        let midnight = self.now.date_naive().and_hms_opt(0, 0, 0).unwrap().and_utc();
        midnight + Duration::days(day) + Duration::minutes(minutes)
    }

    fn company(&mut self, i: usize) -> Company {
        let first = self.rng.pick(COMPANY_FIRST);
        let second = self.rng.pick(COMPANY_SECOND);
        let suffix = self.rng.pick(COMPANY_SUFFIX);
        let name = format!("{first} {second} {suffix}").trim().to_owned();
        let slug: String =
            format!("{first}{second}{i}").to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
        let created = self.around_now(720, -400);
        Company {
            id: self.id(created),
            name,
            domain: format!("{slug}.example"),
            industry: self.rng.pick(INDUSTRIES),
            size: self.rng.pick(SIZES),
        }
    }

    fn lead(&mut self, i: usize, companies: &[Company]) -> Lead {
        let first = self.rng.pick(FIRST_NAMES);
        let last = self.rng.pick(LAST_NAMES);
        let company = self.rng.chance(80).then(|| &companies[self.rng.below(companies.len())]);
        let local: String = format!("{first}.{last}").to_lowercase().chars().filter_map(ascii_letter).collect();
        let email = match company {
            Some(c) => format!("{local}{i}@{}", c.domain),
            None => format!("{local}{i}@mail.example"),
        };
        let stage = self.rng.pick(&[
            LifecycleStage::Subscriber,
            LifecycleStage::Lead,
            LifecycleStage::Lead,
            LifecycleStage::Mql,
            LifecycleStage::Sql,
            LifecycleStage::Opportunity,
            LifecycleStage::Customer,
            LifecycleStage::Disqualified,
        ]);
        let tag_count = self.rng.below(3);
        let mut tags: Vec<usize> = (0..tag_count).map(|_| self.rng.below(TAGS.len())).collect();
        tags.sort_unstable();
        tags.dedup();
        let created_at = self.around_now(540, 0);
        let notes = self.rng.chance(30).then(|| {
            format!("Met at {}. Interested in {}.", self.rng.pick(SOURCES), self.rng.pick(DEAL_WORDS).to_lowercase())
        });
        Lead {
            id: self.id(created_at),
            name: format!("{first} {last}"),
            email,
            phone: format!("+49 30 {:07}", self.rng.range(1_000_000, 9_999_999)),
            company_id: company.map(|c| c.id.clone()),
            job_title: self.rng.pick(JOB_TITLES),
            owner: self.rng.pick(OWNERS),
            stage,
            source: {
                // Once a made-up score (scores are computed now); still drawn, so every demo
                // workspace, and the figures measured on it, stay as they were.
                self.rng.range(0, 100);
                self.rng.pick(SOURCES)
            },
            notes,
            tags,
            created_at,
        }
    }

    fn campaign(&mut self, i: usize, total: usize) -> Campaign {
        // Spread campaigns from a year back to a quarter ahead, evenly, so every month has some.
        let span = 455i64;
        let offset = -365 + (i as i64 * span) / total.max(1) as i64;
        let start = self.now.date_naive() + Duration::days(offset);
        let end = start + Duration::days(self.rng.range(7, 60));
        let today = self.now.date_naive();
        let status = if self.rng.chance(5) {
            "cancelled"
        } else if end < today {
            "completed"
        } else if start <= today {
            "active"
        } else {
            "planned"
        };
        let budget = self.rng.range(5, 200) * 10_000;
        let spent_share = match status {
            "completed" => self.rng.range(70, 110),
            "active" => self.rng.range(10, 80),
            _ => 0,
        };
        let mut channels = vec![self.rng.pick(CHANNELS)];
        if self.rng.chance(50) {
            let second = self.rng.pick(CHANNELS);
            if second != channels[0] {
                channels.push(second);
            }
        }
        let theme = self.rng.pick(CAMPAIGN_THEMES);
        Campaign {
            id: self.id(start.and_hms_opt(9, 0, 0).unwrap().and_utc()),
            name: format!("{theme} {}", start.year()),
            objective: format!("Bring in {} qualified leads", self.rng.range(2, 30) * 10),
            channels,
            start,
            end,
            budget_minor: budget,
            spend_minor: budget * spent_share / 100,
            status,
            color: self.rng.pick(COLORS),
            owner: self.rng.pick(OWNERS),
            code: format!("C{:05}", i + 1),
        }
    }

    fn touchpoints(&mut self, leads: &[Lead], campaigns: &[Campaign]) -> Vec<Touchpoint> {
        let kinds = ["form_fill", "event_attended", "email_click", "referral", "walk_in", "trade_show", "ad_click"];
        let mut out = Vec::with_capacity(leads.len() * 2);
        for lead in leads {
            for _ in 0..self.rng.range(1, 3) {
                let campaign = &campaigns[self.rng.below(campaigns.len())];
                let day =
                    campaign.start + Duration::days(self.rng.range(0, (campaign.end - campaign.start).num_days()));
                let at = day.and_hms_opt(10, 0, 0).unwrap().and_utc() + Duration::minutes(self.rng.range(0, 480));
                // A campaign still ahead has touched nobody yet: its touchpoints fall in the weeks
                // before today instead (as interest registered early would).
                let at = if at > self.now {
                    self.now - Duration::minutes((at - self.now).num_minutes() % (30 * 24 * 60) + 60)
                } else {
                    at
                };
                out.push(Touchpoint {
                    id: self.id(at),
                    lead_id: lead.id.clone(),
                    campaign_id: campaign.id.clone(),
                    kind: self.rng.pick(&kinds),
                    occurred_at: at,
                });
            }
        }
        out
    }

    fn calendar_item(&mut self, i: usize, campaigns: &[Campaign]) -> CalendarItem {
        const TYPES: &[(&str, &str, &str)] = &[
            ("email", "email", "Newsletter"),
            ("social_post", "social", "Social post"),
            ("blog_article", "blog", "Blog article"),
            ("ad_flight", "ads", "Ad flight"),
            ("event", "events", "Event"),
            ("webinar", "events", "Webinar"),
            ("print", "print", "Flyer"),
        ];
        let (item_type, channel, label) = self.rng.pick(TYPES);
        let campaign = self.rng.chance(85).then(|| &campaigns[self.rng.below(campaigns.len())]);
        let starts_at = self.around_now(180, 120);
        let all_day = matches!(item_type, "ad_flight" | "print").then(|| {
            let d = starts_at.date_naive();
            (d, d + Duration::days(self.rng.range(0, 13)))
        });
        let status = if starts_at < self.now {
            self.rng.pick(&["published", "published", "published", "cancelled"])
        } else {
            self.rng.pick(&["idea", "draft", "scheduled", "scheduled"])
        };
        // One in twenty timed items repeats: weekly posts, monthly newsletters.
        let rrule = (all_day.is_none() && i.is_multiple_of(20)).then(|| match item_type {
            "email" => "FREQ=MONTHLY;BYDAY=1TU;COUNT=12".to_owned(),
            _ => format!("FREQ=WEEKLY;BYDAY={};COUNT=10", ["MO", "TU", "WE", "TH", "FR"][i % 5]),
        });
        let title = match campaign {
            Some(c) => format!("{label}: {}", c.name),
            None => format!("{label} #{}", i + 1),
        };
        CalendarItem {
            id: self.id(starts_at),
            title,
            item_type,
            channel,
            campaign_id: campaign.map(|c| c.id.clone()),
            all_day,
            starts_at,
            ends_at: starts_at + Duration::minutes(if item_type == "webinar" { 60 } else { 30 }),
            time_zone: self.rng.pick(ZONES),
            status,
            owner: self.rng.pick(OWNERS),
            rrule,
        }
    }

    fn pipelines(&mut self) -> Vec<Pipeline> {
        let mut make = |name, stages: &[(&'static str, i64, Option<i64>)]| Pipeline {
            id: id_from_parts(self.now, self.rng.u128()),
            name,
            stages: stages
                .iter()
                .map(|&(name, probability, rotting_days)| Stage {
                    id: id_from_parts(self.now, self.rng.u128()),
                    name,
                    probability,
                    rotting_days,
                })
                .collect(),
        };
        vec![
            make(
                "Sales",
                &[
                    ("Qualified", 10, Some(14)),
                    ("Contact made", 20, Some(14)),
                    ("Demo scheduled", 40, Some(10)),
                    ("Proposal sent", 60, Some(7)),
                    ("Negotiation", 80, Some(7)),
                ],
            ),
            make("Partnerships", &[("Intro", 15, None), ("Pilot", 50, Some(30)), ("Contract", 85, Some(14))]),
        ]
    }

    fn deal(&mut self, i: usize, leads: &[Lead], pipelines: &[Pipeline]) -> Deal {
        let lead = &leads[self.rng.below(leads.len())];
        let pipeline = if self.rng.chance(80) { &pipelines[0] } else { &pipelines[1] };
        let stage_index = self.rng.below(pipeline.stages.len());
        let created_at = self.around_now(240, 0).max(lead.created_at);
        let stage_entered_at = (created_at + Duration::days(self.rng.range(0, 20) * stage_index as i64)).min(self.now);
        let status = self.rng.pick(&["open", "open", "open", "open", "won", "lost"]);
        let closed_at =
            (status != "open").then(|| (stage_entered_at + Duration::days(self.rng.range(1, 20))).min(self.now));
        let mut history = Vec::with_capacity(stage_index + 1);
        for k in 0..=stage_index {
            let at = created_at + (stage_entered_at - created_at) * k as i32 / stage_index.max(1) as i32;
            history.push(StageChange {
                id: self.id(at),
                from_stage_id: k.checked_sub(1).map(|p| pipeline.stages[p].id.clone()),
                to_stage_id: pipeline.stages[k].id.clone(),
                at,
            });
        }
        let close = if status == "open" {
            self.now.date_naive() + Duration::days(self.rng.range(-10, 120))
        } else {
            closed_at.unwrap().date_naive()
        };
        Deal {
            id: self.id(created_at),
            title: format!("{} – {}", self.rng.pick(DEAL_WORDS), lead.name),
            lead_id: lead.id.clone(),
            value_minor: self.rng.range(5, 500) * 10_000 + self.rng.range(0, 99) * 100,
            expected_close: close,
            owner: lead.owner,
            pipeline_id: pipeline.id.clone(),
            stage_id: pipeline.stages[stage_index].id.clone(),
            // Base-36, fixed width: positions sort bytewise as the board shows them.
            position: format!("a{}", to_base36(i as u64 * 16)),
            stage_entered_at,
            status,
            closed_at,
            lost_reason: (status == "lost").then(|| self.rng.below(LOST_REASONS.len())),
            created_at,
            history,
        }
    }

    fn activity(&mut self, i: usize, leads: &[Lead], deals: &[Deal]) -> Activity {
        // Two in three activities follow a deal; the rest are lead work.
        let (lead_id, deal_id, owner) = if !i.is_multiple_of(3) && !deals.is_empty() {
            let d = &deals[self.rng.below(deals.len())];
            (d.lead_id.clone(), Some(d.id.clone()), d.owner)
        } else {
            let l = &leads[self.rng.below(leads.len())];
            (l.id.clone(), None, l.owner)
        };
        let due_at = self.around_now(120, 45);
        let done_at =
            (due_at < self.now && self.rng.chance(85)).then(|| due_at + Duration::minutes(self.rng.range(0, 600)));
        let id = self.id(due_at - Duration::days(2));
        let kind = self.rng.pick(&["call", "meeting", "email", "task", "note"]);
        // A note is written, not planned: it is done when it is made.
        let done_at = if kind == "note" { Some(done_at.unwrap_or(due_at).min(self.now)) } else { done_at };
        Activity { id, kind, subject: self.rng.pick(ACTIVITY_SUBJECTS), lead_id, deal_id, owner, due_at, done_at }
    }
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    format!("{:0>7}", String::from_utf8(out).unwrap())
}

/// The plain ASCII letter an accented one is written as in an email address, dropping the rest.
fn ascii_letter(c: char) -> Option<char> {
    const FROM: &str = "áàâãäåçéèêëíìîïñóòôõöøúùûüýšžł";
    const TO: &str = "aaaaaaceeeeiiiinoooooouuuuyszl";
    if c.is_ascii_alphanumeric() || c == '.' {
        return Some(c);
    }
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i))
}
