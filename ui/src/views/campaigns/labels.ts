// How campaign values read on screen.
import type { CampaignSort, CampaignStatus } from '../../lib/ipc';

export const statusLabels: Record<CampaignStatus, string> = {
  planned: 'Planned',
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const statuses = Object.keys(statusLabels) as CampaignStatus[];

export const sortLabels: Record<CampaignSort, string> = { start: 'Dates', name: 'Name', status: 'Status', budget: 'Budget' };
