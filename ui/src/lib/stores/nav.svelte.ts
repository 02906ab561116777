// Which screen is showing, and hand-overs between screens (open this lead; a new deal for it).
import type { Lead } from '../ipc';

export type Screen = 'leads' | 'calendar' | 'campaigns' | 'pipeline' | 'settings';

class Nav {
  screen = $state<Screen>('leads');
  /** A lead another screen asked the Leads screen to open. */
  leadToOpen = $state<string | null>(null);
  /** A deal the Pipeline screen should open in its drawer. */
  dealToOpen = $state<string | null>(null);
  /** A lead the Pipeline screen should start a new deal for. */
  dealFor = $state<Pick<Lead, 'id' | 'name' | 'company' | 'owner'> | null>(null);

  go(screen: Screen) {
    this.screen = screen;
  }

  openLead(id: string) {
    this.leadToOpen = id;
    this.screen = 'leads';
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
