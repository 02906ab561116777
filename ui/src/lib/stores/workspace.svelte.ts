// Which workspace file is open, or why it could not be opened.
import { CommandError, firstPaint, workspaceInfo, type WorkspaceInfo } from '../ipc';
import { preferences } from './preferences.svelte';
import { warmScreens } from '../screens';

class Workspace {
  info = $state<WorkspaceInfo | null>(null);
  error = $state<CommandError | null>(null);
  ready = $state(false);
  private paintReported = false;

  /** Reads the workspace and preferences, and runs `firstScreen` (its data) alongside. */
  async load(firstScreen: () => Promise<void> = async () => {}) {
    try {
      // Times are read in the viewer's zone, so it is known before any screen shows one.
      [this.info] = await Promise.all([workspaceInfo(), preferences.load(), firstScreen()]);
    } catch (e) {
      this.error = e instanceof CommandError ? e : new CommandError('workspace_info', { code: 'ipc', message: String(e), field: null });
    } finally {
      this.ready = true;
    }
  }

  /** Tells the shell, once, that the first screen is on screen (see commands/startup.rs). */
  reportFirstPaint() {
    if (this.paintReported) return;
    this.paintReported = true;
    // A frame callback runs before the paint; a task queued from it runs after.
    requestAnimationFrame(() => setTimeout(() => void firstPaint().catch(() => {}), 0));
    warmScreens();
  }
}

export const workspace = new Workspace();
