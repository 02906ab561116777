//! Shell tests, one binary: commands through Tauri's real IPC path (no window), and the
//! generated TypeScript bindings.

mod bindings;
mod calendar;
mod campaigns;
mod commands;
mod deals;
mod reports;
