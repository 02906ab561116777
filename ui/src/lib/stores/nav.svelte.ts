// Which screen is showing, and hand-overs between screens (open this lead; a new deal for it).
import type { Lead } from '../ipc';

export type Screen = 'leads' | 'calendar' | 'campaigns' | 'pipeline' | 'reports' | 'settings';

class Nav {
  screen = $state<Screen>('leads');
  /** The lead whose page the Leads screen shows (null: the list). */
  lead = $state<string | null>(null);
  /** Whether the Leads screen shows its likely duplicates instead of the list. */
  duplicates = $state(false);
  /** Whether the Leads screen shows its trash instead of the list. */
  trash = $state(false);
  /** Whether the Leads screen shows the import workbench instead of the list. */
  importing = $state(false);
  /** A deal the Pipeline screen should open in its drawer. */
  dealToOpen = $state<string | null>(null);
  /** The campaign whose page the Campaigns screen shows (null: the list). */
  campaign = $state<string | null>(null);
  /** A day the Calendar screen should show when it opens. */
  calendarDate = $state<string | null>(null);
  /** A lead the Pipeline screen should start a new deal for. */
  dealFor = $state<Pick<Lead, 'id' | 'name' | 'company' | 'owner'> | null>(null);

  /** Another screen: back where it was left. The same screen again: back to its start (a list). */
  go(screen: Screen) {
    if (screen === this.screen && screen === 'campaigns') this.campaign = null;
    if (screen === this.screen && screen === 'leads') {
      this.lead = null;
      this.duplicates = false;
      this.trash = false;
      this.importing = false;
    }
    this.screen = screen;
  }

  /** A lead's page (`null`: the leads list). */
  openLead(id: string | null) {
    this.lead = id;
    this.screen = 'leads';
  }

  openCampaign(id: string | null) {
    this.campaign = id;
    this.screen = 'campaigns';
  }

  /** The calendar, at the day `date` (YYYY-MM-DD). */
  openCalendarAt(date: string) {
    this.calendarDate = date;
    this.screen = 'calendar';
  }

  openDeal(id: string) {
    this.dealToOpen = id;
    this.screen = 'pipeline';
  }

  newDealFor(lead: Pick<Lead, 'id' | 'name' | 'company' | 'owner'>) {
    this.dealFor = lead;
    this.screen = 'pipeline';
  }
}

export const nav = new Nav();
