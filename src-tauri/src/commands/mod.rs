//! Commands the page may invoke: adapters of a few lines over the core, one file per area.
//! `names.rs` lists them for `build.rs`, the capabilities and the generated TypeScript wrappers.

pub mod calendar;
pub mod campaigns;
pub mod data_export;
pub mod deals;
pub mod ical;
pub mod import;
pub mod lead_record;
pub mod leads;
mod names;
pub mod pipelines;
pub mod preferences;
pub mod reports;
pub mod startup;
pub mod workspace;

pub use names::COMMANDS;

/// Registers every command, and the state they keep, with the app (and with test apps).
pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(ical::PendingImport::default())
        .manage(startup::Prefetch::default())
        .manage(import::ImportSession::default())
        .invoke_handler(tauri::generate_handler![
            leads::list_leads,
            leads::lead_facets,
            leads::get_lead,
            leads::create_lead,
            leads::update_lead,
            leads::delete_lead,
            leads::restore_lead,
            leads::lead_duplicates,
            leads::duplicates,
            leads::merge_leads,
            leads::undo_merge,
            leads::deleted_leads,
            leads::lead_ids,
            leads::bulk_change_leads,
            leads::undo_bulk_change,
            leads::lead_views,
            leads::save_lead_view,
            leads::delete_lead_view,
            lead_record::lead_record,
            lead_record::add_touchpoint,
            lead_record::update_company,
            lead_record::lead_settings,
            lead_record::set_lead_settings,
            lead_record::waiting_leads,
            lead_record::scoring_rules,
            lead_record::set_scoring_rules,
            startup::start_screen,
            startup::first_paint,
            deals::pipelines,
            deals::board,
            deals::board_facets,
            deals::board_column,
            deals::move_deal,
            deals::list_deals,
            deals::get_deal,
            deals::create_deal,
            deals::create_deal_with_lead,
            deals::update_deal,
            deals::set_deal_status,
            deals::lost_reasons,
            deals::deal_timeline,
            deals::add_activity,
            deals::complete_activity,
            deals::reschedule_activity,
            pipelines::create_pipeline,
            pipelines::rename_pipeline,
            pipelines::delete_pipeline,
            pipelines::add_stage,
            pipelines::update_stage,
            pipelines::move_stage,
            pipelines::delete_stage,
            pipelines::add_lost_reason,
            pipelines::rename_lost_reason,
            pipelines::delete_lost_reason,
            campaigns::list_campaigns,
            campaigns::get_campaign,
            campaigns::create_campaign,
            campaigns::update_campaign,
            campaigns::archive_campaign,
            campaigns::delete_campaign,
            campaigns::restore_campaign,
            campaigns::campaign_numbers,
            campaigns::campaign_page,
            campaigns::campaign_attribution,
            campaigns::attribution,
            reports::report,
            reports::export_report,
            reports::report_packs,
            reports::save_report_pack,
            reports::delete_report_pack,
            reports::export_report_pack,
            data_export::export_data,
            calendar::calendar_range,
            calendar::get_calendar_item,
            calendar::create_calendar_item,
            calendar::update_calendar_item,
            calendar::delete_calendar_item,
            calendar::restore_calendar_item,
            calendar::edit_occurrence,
            calendar::delete_occurrence,
            calendar::restore_occurrence,
            calendar::calendar_item_attendees,
            calendar::sales_activities,
            ical::export_calendar,
            ical::preview_calendar_import,
            ical::import_calendar,
            import::open_import_file,
            import::choose_import_sheet,
            import::choose_import_encoding,
            import::preview_import,
            import::run_import,
            import::cancel_import,
            import::settle_search,
            import::save_rejected_rows,
            import::import_history,
            import::undo_import,
            import::import_mappings,
            import::save_import_mapping,
            import::apply_import_mapping,
            import::delete_import_mapping,
            import::export_vcard,
            preferences::set_time_zone,
            preferences::set_lead_columns,
            preferences::time_zones,
            workspace::open_workspace,
            workspace::new_workspace,
            workspace::save_workspace_copy,
            workspace::backups,
            workspace::back_up_now,
            workspace::restore_backup,
        ])
}
