// Workspace settings: pipelines with their stages, the lost-reasons list, how leads move (lead
// settings) and how they are scored. Each edit saves at once and returns what changed, which replaces what is shown.
import * as ipc from '../ipc';
import type { LeadSettings, Pipeline, ScoringRules, StageInput } from '../ipc';
import { inOrder } from '../inOrder';
import { board } from './board.svelte';
import { toasts } from './toasts.svelte';

class PipelineSettings {
  pipelines = $state<Pipeline[]>([]);
  lostReasons = $state<string[]>([]);
  leadSettings = $state<LeadSettings>({ all_deals_lost: 'sql', speed_to_lead_hours: 24 });
  scoring = $state<ScoringRules>({ rules: [], half_life_days: 30 });
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      [this.pipelines, this.lostReasons, this.leadSettings, this.scoring] = await Promise.all([
        ipc.pipelines(),
        ipc.lostReasons(),
        ipc.leadSettings(),
        ipc.scoringRules(),
      ]);
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Saves the rules; Rust scores every lead again before answering. */
  async saveScoring(rules: ScoringRules) {
    this.scoring = await ipc.setScoringRules(rules);
    toasts.show('Saved the scoring rules; every lead is scored by them', { ms: 4000 });
  }

  private replace(pipeline: Pipeline) {
    this.pipelines = this.pipelines.map((p) => (p.id === pipeline.id ? pipeline : p));
    board.pipelines = this.pipelines;
  }

  // Each of these throws a `CommandError` on bad input; the view shows it beside the field.
  async createPipeline(name: string): Promise<Pipeline> {
    const pipeline = await ipc.createPipeline(name, [
      { name: 'Qualified', probability: 20, rotting_days: 14 },
      { name: 'Proposal', probability: 50, rotting_days: 14 },
      { name: 'Negotiation', probability: 80, rotting_days: 7 },
    ]);
    this.pipelines = [...this.pipelines, pipeline];
    toasts.show(`Created pipeline ${pipeline.name}`, { ms: 3000 });
    return pipeline;
  }

  async renamePipeline(id: string, name: string) {
    this.replace(await ipc.renamePipeline(id, name));
  }

  async deletePipeline(pipeline: Pipeline) {
    await ipc.deletePipeline(pipeline.id);
    this.pipelines = this.pipelines.filter((p) => p.id !== pipeline.id);
    toasts.show(`Deleted pipeline ${pipeline.name}`, { ms: 3000 });
  }

  async addStage(pipelineId: string, input: StageInput) {
    this.replace(await ipc.addStage(pipelineId, input));
  }

  async updateStage(id: string, input: StageInput) {
    this.replace(await ipc.updateStage(id, input));
  }

  async moveStage(id: string, index: number) {
    this.replace(await ipc.moveStage(id, index));
  }

  /** Deletes a stage; Rust refuses (naming `move_deals_to`) when it holds deals and no target is given. */
  async deleteStage(id: string, moveDealsTo: string | null) {
    this.replace(await ipc.deleteStage(id, moveDealsTo));
  }

  async addLostReason(name: string) {
    this.lostReasons = board.lostReasons = await ipc.addLostReason(name);
  }

  async renameLostReason(name: string, to: string) {
    this.lostReasons = board.lostReasons = await ipc.renameLostReason(name, to);
  }

  async deleteLostReason(name: string) {
    this.lostReasons = board.lostReasons = await ipc.deleteLostReason(name);
    toasts.show(`Removed “${name}” from the list; deals lost for it keep it`, {
      action: { label: 'Undo', run: () => void this.addLostReason(name) },
    });
  }

  private leadSaves = inOrder();

  /**
   * Saves a change to how leads move; a `CommandError` names the field Rust refuses. A change
   * made while another is on its way is applied to what that one saved, so neither undoes the other.
   */
  async saveLeadSettings(change: Partial<LeadSettings>) {
    await this.leadSaves(async () => {
      this.leadSettings = await ipc.setLeadSettings({ ...this.leadSettings, ...change });
    });
    toasts.show('Lead settings saved', { ms: 2500 });
  }
}

export const settings = new PipelineSettings();
