//! `lead show ID`: one lead seen whole, with its timeline, as the lead page shows it.

use chrono::Utc;
use clap::Subcommand;
use tandem_core::Store;
use tandem_core::model::Amount;
use tandem_core::model::lead_record::{LeadRecord, stage_label};

#[derive(Subcommand)]
pub enum LeadCommand {
    /// Everything about one lead: facts, source, touchpoints, deals, activities, timeline.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(store: &Store, command: LeadCommand) -> Result<(), String> {
    match command {
        LeadCommand::Show { id, json } => {
            store.bring_up_to_date(Utc::now()).await.map_err(|e| e.to_string())?;
            let record = store.lead_record(&id, Utc::now()).await.map_err(|e| e.to_string())?;
            if json {
                let text = serde_json::to_string_pretty(&record).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print!("{}", describe(&record));
            }
            Ok(())
        }
    }
}

fn describe(r: &LeadRecord) -> String {
    let l = &r.lead;
    let mut out = format!("{}\n", l.name);
    let mut fact = |label: &str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push_str(&format!("  {label:<10} {}\n", v.replace(['\n', '\r'], " ")));
        }
    };
    fact("email", l.email.as_deref());
    fact("phone", l.phone.as_deref());
    fact("company", r.company.as_ref().map(|c| c.name.as_str()));
    fact("job title", l.job_title.as_deref());
    fact("owner", l.owner.as_deref());
    fact("stage", Some(stage_label(l.lifecycle_stage)));
    let tags = l.tags.join(", ");
    fact("tags", Some(&tags));
    let source = r.touchpoints.first().map(|t| match &t.campaign {
        Some(c) => format!("{} · {c} ({})", t.kind.label(), t.occurred_at.format("%Y-%m-%d")),
        None => format!("{} ({})", t.kind.label(), t.occurred_at.format("%Y-%m-%d")),
    });
    fact("source", source.as_deref().or(l.source.as_deref()));
    let waiting = r.waiting_hours.map(|h| format!("an MQL waiting {h} hours for a first move"));
    fact("waiting", waiting.as_deref());
    if l.deleted_at.is_some() {
        out.push_str("  (deleted)\n");
    }
    out.push_str(&format!("\nScore {}\n", l.score));
    for reason in &r.score.reasons {
        out.push_str(&format!(
            "  {:+}\t{} — {}\n",
            reason.points,
            reason.label,
            reason.detail.replace(['\n', '\r'], " ")
        ));
    }
    if !r.deals.is_empty() {
        out.push_str("\nDeals\n");
        for d in &r.deals {
            let value = Amount { currency: d.currency.clone(), minor: d.value_minor };
            out.push_str(&format!("  {}\t{}\t{} · {}\t{value}\n", d.status.as_str(), d.title, d.pipeline, d.stage));
        }
    }
    out.push_str("\nTimeline\n");
    for e in &r.timeline {
        let detail = e.detail.as_deref().map(|d| format!(" — {}", d.replace(['\n', '\r'], " "))).unwrap_or_default();
        out.push_str(&format!("  {}  {}{detail}\n", e.at.format("%Y-%m-%d %H:%M"), e.title));
    }
    if r.timeline_cut {
        out.push_str("  … older entries left out\n");
    }
    out
}
