// The IPC boundary: stores import from here, and only stores do (see ARCHITECTURE.md).
export { call, CommandError } from './call';
export * from './commands';
export type * from './bindings';
export { Channel } from '@tauri-apps/api/core';
