// The one step a screen can undo: the newest change, offered in a notice with an Undo button and
// by Ctrl/Cmd+Z. Only the newest Undo stays on screen, so an old button never undoes something else.
import { toasts } from './toasts.svelte';

export class UndoSlot {
  private undo: (() => Promise<void>) | null = null;
  private toast: number | null = null;

  /** `after` runs once the change is put back (or could not be), to refresh what shows it. */
  constructor(private readonly after: () => unknown) {}

  /** Announces `done` and keeps `back` as what Undo runs. */
  offer(done: string, back: () => Promise<unknown>) {
    this.dismiss();
    const undo = async () => {
      this.undo = null;
      this.dismiss();
      try {
        await back();
        toasts.show('Undone', { ms: 3000 });
      } catch (e) {
        toasts.show(`Could not undo: ${(e as Error).message}`, { kind: 'error' });
      }
      await this.after();
    };
    this.undo = undo;
    this.toast = toasts.show(done, { action: { label: 'Undo', run: () => void (this.undo === undo && undo()) } });
  }

  /** Undoes the newest change, if any (Ctrl/Cmd+Z). */
  async undoLast(): Promise<boolean> {
    if (!this.undo) return false;
    await this.undo();
    return true;
  }

  clear() {
    this.undo = null;
    this.dismiss();
  }

  private dismiss() {
    if (this.toast !== null) toasts.dismiss(this.toast);
    this.toast = null;
  }
}
