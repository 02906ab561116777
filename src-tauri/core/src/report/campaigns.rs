//! Campaign performance: per campaign its spend and what it is credited with under the chosen
//! attribution model (the leads and deals created in the period, the leads among them that
//! became MQLs and SQLs, open deals' value, won revenue), then cost per lead and return on spend
//! ("Won ÷ spend": a short header, so the table fits a 1200 px window).
//! Spend is the campaign's recorded spend, in its own currency; deal money in another currency
//! goes on a row of its own under the campaign, since amounts are never converted.

use std::collections::BTreeMap;

use super::pipeline::money;
use super::{Cell, Chart, Report, ReportName, Table, columns, round1};

/// What a campaign (or, unnamed, no campaign) is credited with; counts may be fractional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Credited {
    pub leads: f64,
    pub mqls: f64,
    pub sqls: f64,
    pub deals: f64,
    /// Minor units per currency, unrounded shares.
    pub pipeline: BTreeMap<String, f64>,
    pub won: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CampaignFact {
    pub name: String,
    pub currency: String,
    pub spend_minor: i64,
    pub credited: Credited,
}

pub fn campaign_performance(campaigns: &[CampaignFact], unattributed: &Credited) -> Report {
    let mut list: Vec<&CampaignFact> =
        campaigns.iter().filter(|c| c.spend_minor != 0 || c.credited != Credited::default()).collect();
    list.sort_by(|a, b| b.credited.leads.total_cmp(&a.credited.leads).then_with(|| a.name.cmp(&b.name)));
    let mut rows = Vec::new();
    for c in list {
        rows.extend(campaign_rows(Cell::Text(c.name.clone()), &c.currency, Some(c.spend_minor), &c.credited));
    }
    if *unattributed != Credited::default() {
        rows.extend(campaign_rows(Cell::Text("(no campaign)".into()), "", None, unattributed));
    }
    let table = Table {
        title: "Campaigns".into(),
        columns: columns(&[
            "Campaign",
            "Spend",
            "Leads",
            "MQLs",
            "SQLs",
            "Deals",
            "Pipeline value",
            "Won revenue",
            "Cost per lead",
            "Won ÷ spend",
        ]),
        rows,
    };
    let chart = Chart { table: 0, label: vec![0], series: vec![2, 3, 4], stacked: false, limit: Some(15) };
    Report::new(ReportName::CampaignPerformance, vec![table], Some(chart))
}

/// The campaign's row in its own currency, then a row for each other currency its deals are in.
fn campaign_rows(name: Cell, currency: &str, spend: Option<i64>, c: &Credited) -> Vec<Vec<Cell>> {
    let amount = |m: &BTreeMap<String, f64>, cur: &str| m.get(cur).map_or(0, |v| v.round() as i64);
    // With no spend to compare against, the row takes the currency its deals are in.
    let main = match spend {
        Some(_) => currency.to_owned(),
        None => c.pipeline.keys().chain(c.won.keys()).next().cloned().unwrap_or_default(),
    };
    let won = amount(&c.won, &main);
    let cost = spend.filter(|s| *s > 0 && c.leads > 0.0);
    let mut rows = vec![vec![
        name.clone(),
        spend.map_or(Cell::Empty, |s| money(s, &main)),
        Cell::Number(round1(c.leads)),
        Cell::Number(round1(c.mqls)),
        Cell::Number(round1(c.sqls)),
        Cell::Number(round1(c.deals)),
        if main.is_empty() { Cell::Empty } else { money(amount(&c.pipeline, &main), &main) },
        if main.is_empty() { Cell::Empty } else { money(won, &main) },
        cost.map_or(Cell::Empty, |s| money((s as f64 / c.leads).round() as i64, &main)),
        spend.filter(|s| *s > 0).map_or(Cell::Empty, |s| Cell::Number(round1(won as f64 / s as f64))),
    ]];
    let others: std::collections::BTreeSet<&String> =
        c.pipeline.keys().chain(c.won.keys()).filter(|k| **k != main).collect();
    for other in others {
        let mut row = vec![name.clone()];
        row.extend(std::iter::repeat_n(Cell::Empty, 5));
        row.push(money(amount(&c.pipeline, other), other));
        row.push(money(amount(&c.won, other), other));
        row.extend([Cell::Empty, Cell::Empty]);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credited(leads: f64, won: &[(&str, f64)]) -> Credited {
        Credited {
            leads,
            mqls: leads / 2.0,
            sqls: leads / 4.0,
            deals: won.len() as f64,
            pipeline: BTreeMap::new(),
            won: won.iter().map(|(c, v)| ((*c).to_owned(), *v)).collect(),
        }
    }

    #[test]
    fn cost_per_lead_and_return_on_spend_in_the_campaigns_currency() {
        let fair = CampaignFact {
            name: "Trade fair".into(),
            currency: "EUR".into(),
            spend_minor: 100_000,
            credited: credited(8.0, &[("EUR", 250_000.4), ("USD", 5_000.0)]),
        };
        let idle =
            CampaignFact { name: "Idle".into(), currency: "EUR".into(), spend_minor: 0, credited: Credited::default() };
        let r = campaign_performance(&[idle, fair], &credited(2.0, &[]));
        let rows = &r.tables[0].rows;
        assert_eq!(rows.len(), 3, "the fair in EUR, its USD deals, no campaign: {rows:?}");
        assert_eq!(rows[0][1], money(100_000, "EUR"));
        assert_eq!(rows[0][7], money(250_000, "EUR"));
        // 1,000.00 over 8 leads; 2,500.00 won on 1,000.00 spent.
        assert_eq!(rows[0][8], money(12_500, "EUR"));
        assert_eq!(rows[0][9], Cell::Number(2.5));
        assert_eq!(rows[1][7], money(5_000, "USD"));
        assert_eq!(rows[1][2], Cell::Empty);
        assert_eq!(rows[2][0], Cell::Text("(no campaign)".into()));
        assert_eq!(rows[2][8], Cell::Empty, "no spend: no cost per lead");
    }

    #[test]
    fn no_leads_means_no_cost_per_lead_rather_than_a_division_by_zero() {
        let c = CampaignFact {
            name: "Billboard".into(),
            currency: "EUR".into(),
            spend_minor: 50_000,
            credited: Credited::default(),
        };
        let r = campaign_performance(&[c], &Credited::default());
        assert_eq!(r.tables[0].rows[0][8], Cell::Empty);
        assert_eq!(r.tables[0].rows[0][9], Cell::Number(0.0));
    }
}
