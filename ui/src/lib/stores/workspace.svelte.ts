// Which workspace file is open, or why it could not be opened.
import { CommandError, firstPaint, startScreen, type FirstRows, type LeadQuery, type WorkspaceInfo } from '../ipc';
import { preferences } from './preferences.svelte';
import { warmScreens } from '../screens';
import { warmFormats } from '../format';

class Workspace {
  info = $state<WorkspaceInfo | null>(null);
  error = $state<CommandError | null>(null);
  ready = $state(false);
  private paintReported = false;

  /**
   * Reads, in one request, the workspace, the preferences and the first screen's rows for
   * `query`, which Rust has been reading since the window was made; `firstRows` takes them.
   */
  async load(query: LeadQuery, firstRows: (rows: FirstRows | null) => void) {
    try {
      const asked = startScreen(query);
      warmFormats();
      const start = await asked;
      this.info = start.workspace;
      // Times are read in the viewer's zone, so it is known before any screen shows one.
      preferences.apply(start.preferences);
      firstRows(start.rows);
    } catch (e) {
      this.error = e instanceof CommandError ? e : new CommandError('start_screen', { code: 'ipc', message: String(e), field: null });
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
