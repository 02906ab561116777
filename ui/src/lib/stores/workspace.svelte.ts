// Which workspace file is open, or why it could not be opened.
import { CommandError, workspaceInfo, type WorkspaceInfo } from '../ipc';

class Workspace {
  info = $state<WorkspaceInfo | null>(null);
  error = $state<CommandError | null>(null);
  ready = $state(false);

  async load() {
    try {
      this.info = await workspaceInfo();
    } catch (e) {
      this.error = e instanceof CommandError ? e : new CommandError('workspace_info', { code: 'ipc', message: String(e), field: null });
    } finally {
      this.ready = true;
    }
  }
}

export const workspace = new Workspace();
