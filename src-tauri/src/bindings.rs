//! The TypeScript types of everything that crosses IPC, generated from the Rust types into
//! `ui/src/lib/ipc/bindings.ts`. A test fails when the committed file is stale.

use ts_rs::{Config, TS};

use crate::commands::workspace::WorkspaceInfo;
use crate::error::IpcError;
use tandem_core::model::{Lead, LeadFacets, LeadInput, LeadPage, LeadQuery, LeadSort, LifecycleStage};

fn decl<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

pub fn typescript() -> String {
    // Money in minor units and counts fit easily in a JS number (2^53).
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from("// Generated from the Rust types by `make bindings`. Do not edit.\n\n");
    for d in [
        decl::<IpcError>(&cfg),
        decl::<WorkspaceInfo>(&cfg),
        decl::<LifecycleStage>(&cfg),
        decl::<Lead>(&cfg),
        decl::<LeadInput>(&cfg),
        decl::<LeadSort>(&cfg),
        decl::<LeadQuery>(&cfg),
        decl::<LeadPage>(&cfg),
        decl::<LeadFacets>(&cfg),
    ] {
        out.push_str(&d);
        out.push('\n');
    }
    out
}
