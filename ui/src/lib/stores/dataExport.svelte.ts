// The full data export (every lead, company, campaign, item, deal, activity and touchpoint): its
// progress, a message from Rust per table written, and where the files went.
import { Channel, exportData, type DataFormat, type ExportProgress } from '../ipc';
import { count } from '../format';
import { toasts } from './toasts.svelte';

class DataExport {
  running = $state<DataFormat | null>(null);
  progress = $state<ExportProgress | null>(null);
  /** What the last export wrote where: "1,442 rows to 7 files in /path". */
  done = $state<string | null>(null);
  error = $state<string | null>(null);

  async run(format: DataFormat) {
    if (this.running) return;
    this.running = format;
    this.progress = null;
    this.error = null;
    const onProgress = new Channel<ExportProgress>();
    const seen: { last: ExportProgress | null } = { last: null };
    onProgress.onmessage = (p) => (this.progress = seen.last = p);
    try {
      const saved = await exportData(format, onProgress);
      if (saved) {
        // The rows come from the last progress message: Rust counted them as it wrote.
        const rows = seen.last ? `${count(seen.last.rows)} rows to ` : '';
        this.done = saved.files > 1 ? `${rows}${saved.files} files in ${saved.path}` : `${rows}${saved.path}`;
        toasts.show(`Exported all data to ${saved.path}`);
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = null;
      this.progress = null;
    }
  }
}

export const dataExport = new DataExport();
