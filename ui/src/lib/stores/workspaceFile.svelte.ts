// The workspace file itself: open another, start a new one, save a copy; its backups (make one,
// list them, restore one). After another file takes its place the page starts again, so every
// screen reads the workspace now open.
import { backUpNow, backups, newWorkspace, openWorkspace, restoreBackup, saveWorkspaceCopy, type BackupInfo, type WorkspaceInfo } from '../ipc';
import { toasts } from './toasts.svelte';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

class WorkspaceFile {
  backups = $state<BackupInfo[]>([]);
  busy = $state<string | null>(null);
  error = $state<string | null>(null);

  private async step<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = what;
    this.error = null;
    try {
      return await run();
    } catch (e) {
      this.error = message(e);
      return undefined;
    } finally {
      this.busy = null;
    }
  }

  private switched(info: WorkspaceInfo | null | undefined) {
    if (info) location.reload();
  }

  async loadBackups() {
    try {
      this.backups = await backups();
    } catch (e) {
      this.error = message(e);
    }
  }

  open = () => this.step('open', openWorkspace).then((i) => this.switched(i));
  create = () => this.step('new', newWorkspace).then((i) => this.switched(i));

  async saveCopy() {
    const path = await this.step('copy', saveWorkspaceCopy);
    if (path) toasts.show(`Saved a copy to ${path}`);
  }

  async backUp() {
    const list = await this.step('backup', backUpNow);
    if (list) {
      this.backups = list;
      toasts.show('Backed up the workspace');
    }
  }

  async restore(b: BackupInfo) {
    const info = await this.step('restore', () => restoreBackup(b.file_name));
    this.switched(info);
  }
}

export const workspaceFile = new WorkspaceFile();
