// Every command the page may invoke. `build.rs` includes this file to give each one a
// permission; `capabilities/main.json` grants them; `bindings.rs` describes each one's signature.
// Tests check that the four agree with the handlers registered in `commands::register`.
pub const COMMANDS: &[&str] = &[
    "workspace_info",
    "list_leads",
    "lead_facets",
    "get_lead",
    "create_lead",
    "update_lead",
    "delete_lead",
    "restore_lead",
    "first_paint",
    "pipelines",
    "board",
    "board_column",
    "move_deal",
    "create_deal",
    "set_deal_status",
    "lost_reasons",
];
