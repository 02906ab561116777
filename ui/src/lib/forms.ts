// How a form shows a save Rust refused: beside the field it names (which takes the focus), or,
// when no field is to blame, above the form.
import { CommandError } from './ipc';

export type Refusal = { errors: Record<string, string>; failure: string | null };

export function refusal(err: unknown, form: HTMLElement | undefined): Refusal {
  if (err instanceof CommandError && err.field) {
    form?.querySelector<HTMLElement>(`[name="${err.field}"]`)?.focus();
    return { errors: { [err.field]: err.message }, failure: null };
  }
  return { errors: {}, failure: err instanceof Error ? err.message : String(err) };
}
