// The one place that invokes Rust. It turns the `{code, message, field}` errors of commands
// into `CommandError`s that stores can switch on, and logs every failure.
import { invoke } from '@tauri-apps/api/core';
import type { IpcError } from './bindings';

export class CommandError extends Error {
  readonly code: string;
  readonly field: string | null;
  readonly command: string;

  constructor(command: string, e: IpcError) {
    super(e.message);
    this.name = 'CommandError';
    this.code = e.code;
    this.field = e.field;
    this.command = command;
  }
}

function isIpcError(x: unknown): x is IpcError {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = isIpcError(raw)
      ? new CommandError(command, raw)
      : new CommandError(command, { code: 'ipc', message: String(raw), field: null });
    console.error(`[ipc] ${command}: ${error.code}: ${error.message}`);
    throw error;
  }
}

