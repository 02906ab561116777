// Every screen but the first (Leads) is its own chunk, loaded when first shown, so a start parses
// and styles only what the Leads list needs. Once the first screen is painted, the rest are
// fetched in the background, so the first visit to another screen does not wait for them.
import type { Component } from 'svelte';

// Screens with differing props share one loader type.
export type ScreenModule = { default: Component<any> };
export type Loader = () => Promise<ScreenModule>;

export const screens = {
  calendar: () => import('../views/calendar/CalendarView.svelte'),
  campaigns: () => import('../views/campaigns/CampaignsView.svelte'),
  pipeline: () => import('../views/board/BoardView.svelte'),
  reports: () => import('../views/reports/ReportsView.svelte'),
  settings: () => import('../views/settings/SettingsView.svelte'),
  lead: () => import('../views/leads/LeadPage.svelte'),
  duplicates: () => import('../views/leads/DuplicatesView.svelte'),
  trash: () => import('../views/leads/TrashView.svelte'),
  importing: () => import('../views/leads/ImportView.svelte'),
} satisfies Record<string, Loader>;

/** Fetches every screen's chunk once the machine is quiet after start. */
export function warmScreens(delayMs = 1500) {
  setTimeout(() => {
    for (const load of Object.values(screens)) void load().catch(() => {});
  }, delayMs);
}
