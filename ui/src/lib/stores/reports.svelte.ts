// The Reports screen's state: which report, over what, and the report Rust made for it; the
// report packs saved in the workspace.
import {
  CommandError,
  boardFacets,
  deleteReportPack,
  exportReport,
  exportReportPack,
  reportPacks,
  saveReportPack,
  leadFacets,
  pipelines,
  report as fetchReport,
  type AttributionModel,
  type CampaignRef,
  type ExportFormat,
  type Report,
  type ReportFilter,
  type ReportName,
  type ReportPack,
  type ReportPeriod,
} from '../ipc';
import { toasts } from './toasts.svelte';

class Reports {
  name = $state<ReportName>('pipeline');
  period = $state<ReportPeriod>('last-12-months');
  filter = $state<ReportFilter>({ from: null, to: null, owner: null, pipeline: null, campaign: null, model: null });
  report = $state<Report | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  exporting = $state<ExportFormat | null>(null);
  owners = $state<string[]>([]);
  pipelines = $state<string[]>([]);
  campaigns = $state<CampaignRef[]>([]);
  packs = $state<ReportPack[]>([]);
  exportingPack = $state(false);
  /** Answers to older requests are dropped: the last choice wins. */
  private asked = 0;

  async loadChoices() {
    const [leads, board, list] = await Promise.all([leadFacets(), boardFacets(), pipelines()]);
    this.owners = [...new Set([...leads.owners, ...board.owners])].sort((a, b) => a.localeCompare(b));
    this.campaigns = board.campaigns;
    this.pipelines = list.map((p) => p.name);
  }

  async loadPacks() {
    this.packs = await reportPacks();
  }

  /** A new pack of this screen's period and filters. */
  packOf(name: string, chosen: ReportName[], format: ReportPack['format']): ReportPack {
    return { name, reports: chosen, period: this.period, filter: $state.snapshot(this.filter), format };
  }

  /** Saves the pack; throws Rust's refusal (shown beside the field it names). */
  async savePack(pack: ReportPack) {
    this.packs = await saveReportPack(pack);
    toasts.show(`Saved the pack “${pack.name.trim()}”`, { ms: 3000 });
  }

  async deletePack(name: string) {
    this.packs = await deleteReportPack(name);
  }

  /** Exports the pack; throws Rust's refusal. */
  async exportPack(pack: ReportPack) {
    this.exportingPack = true;
    try {
      const saved = await exportReportPack(pack);
      if (saved) toasts.show(`Exported to ${saved.path}`);
      return saved !== null;
    } finally {
      this.exportingPack = false;
    }
  }

  private request() {
    return { name: this.name, period: this.period, filter: $state.snapshot(this.filter) };
  }

  async load() {
    const asked = ++this.asked;
    this.loading = true;
    try {
      const made = await fetchReport(this.request());
      if (asked !== this.asked) return;
      this.report = made;
      this.error = null;
    } catch (e) {
      if (asked !== this.asked) return;
      this.error = e instanceof CommandError ? e.message : String(e);
    } finally {
      if (asked === this.asked) this.loading = false;
    }
  }

  show(name: ReportName) {
    this.name = name;
    void this.load();
  }

  setPeriod(period: ReportPeriod) {
    this.period = period;
    void this.load();
  }

  set<K extends 'owner' | 'pipeline' | 'campaign'>(key: K, value: string | null) {
    this.filter[key] = value;
    void this.load();
  }

  setModel(model: AttributionModel) {
    this.filter.model = model;
    void this.load();
  }

  async export(format: ExportFormat) {
    this.exporting = format;
    try {
      const saved = await exportReport(this.request(), format);
      if (saved) {
        const more = saved.files > 1 ? ` and ${saved.files - 1} more beside it` : '';
        toasts.show(`Exported to ${saved.path}${more}`);
      }
    } catch (e) {
      toasts.show(e instanceof Error ? e.message : String(e), { kind: 'error' });
    } finally {
      this.exporting = null;
    }
  }
}

export const reports = new Reports();
