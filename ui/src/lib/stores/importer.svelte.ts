// The import workbench: the file Rust opened and read, each column's field, what to do with
// duplicates, the dry run Rust makes of it all (again after each change), then the import with
// its progress and cancel, the import history and its undo, and saved mappings.
import {
  Channel,
  CommandError,
  applyImportMapping,
  cancelImport,
  chooseImportSheet,
  chooseImportEncoding,
  deleteImportMapping,
  importHistory,
  importMappings,
  openImportFile,
  previewImport,
  runImport,
  saveImportMapping,
  saveRejectedRows,
  undoImport,
  type Field,
  type ImportBatch,
  type ImportFile,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  type LeadImportSummary,
  type MatchOn,
  type OnDuplicate,
  type SavedMapping,
} from '../ipc';
import { count } from '../format';
import { leads } from './leads.svelte';
import { toasts } from './toasts.svelte';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

class Importer {
  file = $state<ImportFile | null>(null);
  columns = $state<(Field | null)[]>([]);
  onDuplicate = $state<OnDuplicate>('skip');
  matchOn = $state<MatchOn>('email');
  onlyValid = $state(false);
  /** The dry run of the current choices; null while it is being made. */
  summary = $state<LeadImportSummary | null>(null);
  /** Why the file could not be opened or previewed (Rust's words). */
  error = $state<string | null>(null);
  opening = $state(false);
  running = $state(false);
  progress = $state<ImportProgress | null>(null);
  result = $state<ImportResult | null>(null);
  history = $state<ImportBatch[]>([]);
  mappings = $state<SavedMapping[]>([]);
  /** A refused mapping save, shown beside its name field. */
  mappingError = $state<string | null>(null);
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private previewSeq = 0;

  get options(): ImportOptions {
    return { columns: $state.snapshot(this.columns), on_duplicate: this.onDuplicate, match_on: this.matchOn };
  }

  async load() {
    try {
      [this.history, this.mappings] = await Promise.all([importHistory(), importMappings()]);
    } catch (e) {
      this.error = message(e);
    }
  }

  async open() {
    this.opening = true;
    this.error = null;
    try {
      const file = await openImportFile();
      if (file) this.take(file);
    } catch (e) {
      this.error = message(e);
    } finally {
      this.opening = false;
    }
  }

  async chooseSheet(sheet: string) {
    this.error = null;
    try {
      this.take(await chooseImportSheet(sheet));
    } catch (e) {
      this.error = message(e);
    }
  }

  async chooseEncoding(encoding: string) {
    this.error = null;
    try {
      this.take(await chooseImportEncoding(encoding));
    } catch (e) {
      this.error = message(e);
    }
  }

  private take(file: ImportFile) {
    this.file = file;
    this.columns = [...file.columns];
    this.result = null;
    this.onlyValid = false;
    this.schedulePreview(0);
  }

  setField(column: number, field: Field | null) {
    this.columns[column] = field;
    this.schedulePreview();
  }

  setOnDuplicate(value: OnDuplicate) {
    this.onDuplicate = value;
    this.schedulePreview(0);
  }

  setMatchOn(value: MatchOn) {
    this.matchOn = value;
    this.schedulePreview(0);
  }

  async applyMapping(name: string) {
    if (!name || !this.file) return;
    try {
      this.columns = await applyImportMapping(name);
      this.schedulePreview(0);
    } catch (e) {
      this.error = message(e);
    }
  }

  async saveMapping(name: string) {
    this.mappingError = null;
    try {
      this.mappings = await saveImportMapping(name, $state.snapshot(this.columns));
      toasts.show(`Saved the mapping “${name.trim()}”`);
      return true;
    } catch (e) {
      this.mappingError = message(e);
      return false;
    }
  }

  async deleteMapping(name: string) {
    try {
      this.mappings = await deleteImportMapping(name);
    } catch (e) {
      toasts.show(message(e), { kind: 'error' });
    }
  }

  /** Asks Rust for the dry run once the choices settle. */
  schedulePreview(ms = 250) {
    clearTimeout(this.previewTimer);
    this.summary = null;
    this.previewTimer = setTimeout(() => void this.preview(), ms);
  }

  private async preview() {
    if (!this.file) return;
    const seq = ++this.previewSeq;
    try {
      const summary = await previewImport(this.options);
      if (seq === this.previewSeq) {
        this.summary = summary;
        this.error = null;
      }
    } catch (e) {
      if (seq === this.previewSeq) this.error = message(e);
    }
  }

  async run() {
    if (this.running || !this.file) return;
    this.running = true;
    this.error = null;
    this.progress = null;
    const onProgress = new Channel<ImportProgress>();
    onProgress.onmessage = (p) => (this.progress = p);
    try {
      const done = await runImport(this.options, this.onlyValid, onProgress);
      this.result = done;
      this.file = null;
      this.summary = null;
      const c = done.summary.counts;
      toasts.show(`Imported ${count(c.new)} new and ${count(c.updated)} updated leads`);
      if (done.search_pending) void leads.settleSearch();
      void leads.reload();
      await this.load();
    } catch (e) {
      this.error = e instanceof CommandError && e.code === 'cancelled' ? 'Import cancelled; nothing was written.' : message(e);
    } finally {
      this.running = false;
      this.progress = null;
    }
  }

  async cancel() {
    await cancelImport();
  }

  async saveRejected() {
    try {
      const saved = await saveRejectedRows(this.options);
      if (saved) toasts.show(`Saved ${count(saved.rows)} rejected rows to ${saved.path}`);
    } catch (e) {
      toasts.show(message(e), { kind: 'error' });
    }
  }

  async undo(batch: ImportBatch) {
    try {
      const undone = await undoImport(batch.id);
      toasts.show(`Undid the import of ${undone.file_name}`);
      if (this.result?.batch.id === batch.id) this.result = { ...this.result, batch: undone };
      void leads.reload();
      await this.load();
    } catch (e) {
      toasts.show(message(e), { kind: 'error' });
    }
  }

  /** Back to choosing a file. */
  reset() {
    clearTimeout(this.previewTimer);
    this.file = null;
    this.summary = null;
    this.result = null;
    this.error = null;
  }
}

export const importer = new Importer();
