// The Reports screen's state: which report, over what, and the report Rust made for it.
import {
  CommandError,
  boardFacets,
  exportReport,
  leadFacets,
  pipelines,
  report as fetchReport,
  type AttributionModel,
  type CampaignRef,
  type ExportFormat,
  type Report,
  type ReportFilter,
  type ReportName,
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
  /** Answers to older requests are dropped: the last choice wins. */
  private asked = 0;

  async loadChoices() {
    const [leads, board, list] = await Promise.all([leadFacets(), boardFacets(), pipelines()]);
    this.owners = [...new Set([...leads.owners, ...board.owners])].sort((a, b) => a.localeCompare(b));
    this.campaigns = board.campaigns;
    this.pipelines = list.map((p) => p.name);
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
