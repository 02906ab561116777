// Dragging cards with a mouse, a pen or a finger. Pointer events rather than native HTML drag and
// drop: native drops cannot be driven by WebDriver in WebKitGTK, and a virtualised column needs
// the drop index computed from its scroll offset anyway (fixed card pitch, see CARD_PITCH).
import type { DealCard } from '../../lib/ipc';
import type { Place } from '../../lib/stores/board.svelte';

/** Height of one card plus the gap below it; every card has this height so columns can window. */
export const CARD_PITCH = 108;
/** Space above the first card in a column's list. */
export const LIST_PADDING = 8;

const START_DISTANCE = 4;
const TOUCH_HOLD_MS = 350;
const EDGE = 48;

export type DropTarget = { kind: 'column'; column: number; index: number; slot: number } | { kind: 'won' } | { kind: 'lost' };

type Press = { card: DealCard; from: Place; x: number; y: number; dx: number; dy: number; width: number; pointerId: number };

export class CardDrag {
  /** The card being dragged, once the pointer has moved far enough (or a finger held still). */
  active = $state<{ card: DealCard; from: Place; width: number } | null>(null);
  x = $state(0);
  y = $state(0);
  target = $state<DropTarget | null>(null);

  private press: Press | null = null;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;

  constructor(
    private readonly count: (column: number) => number,
    private readonly drop: (card: DealCard, from: Place, target: DropTarget) => void,
  ) {}

  /** A pointer went down on a card. Nothing moves until it travels a few pixels. */
  down(e: PointerEvent, card: DealCard, from: Place) {
    if (e.button !== 0 || this.press || (e.target as HTMLElement).closest('button, a, input')) return;
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    this.press = { card, from, x: e.clientX, y: e.clientY, dx: e.clientX - rect.left, dy: e.clientY - rect.top, width: rect.width, pointerId: e.pointerId };
    window.addEventListener('pointermove', this.onmove);
    window.addEventListener('pointerup', this.onup);
    window.addEventListener('pointercancel', this.cancel);
    window.addEventListener('keydown', this.onkey, true);
    // A finger scrolls the column unless it holds still first, as on phones.
    if (e.pointerType === 'touch') this.holdTimer = setTimeout(() => this.start(), TOUCH_HOLD_MS);
  }

  private onmove = (e: PointerEvent) => {
    const p = this.press;
    if (!p || e.pointerId !== p.pointerId) return;
    if (!this.active) {
      const far = Math.hypot(e.clientX - p.x, e.clientY - p.y) >= START_DISTANCE;
      if (!far) return;
      if (e.pointerType === 'touch') return this.cancel();
      this.start();
    }
    this.x = e.clientX - p.dx;
    this.y = e.clientY - p.dy;
    p.x = e.clientX;
    p.y = e.clientY;
    this.target = this.targetAt(e.clientX, e.clientY);
  };

  private start() {
    const p = this.press;
    if (!p) return;
    clearTimeout(this.holdTimer);
    this.active = { card: p.card, from: p.from, width: p.width };
    this.x = p.x - p.dx;
    this.y = p.y - p.dy;
    this.target = this.targetAt(p.x, p.y);
    window.addEventListener('touchmove', preventScroll, { passive: false });
    document.documentElement.classList.add('dragging');
    this.frame = requestAnimationFrame(this.autoScroll);
  }

  private onup = (e: PointerEvent) => {
    const p = this.press;
    if (!p || e.pointerId !== p.pointerId) return;
    const active = this.active;
    const target = active ? this.targetAt(e.clientX, e.clientY) : null;
    this.end();
    if (!active) return;
    // The click that follows a drag is not a click on the card.
    window.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
    if (target) this.drop(active.card, active.from, target);
  };

  private onkey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.active) {
      e.preventDefault();
      e.stopPropagation();
      this.cancel();
    }
  };

  /** Ends the drag without a drop; the card stays where it was. */
  cancel = () => this.end();

  private end() {
    clearTimeout(this.holdTimer);
    cancelAnimationFrame(this.frame);
    window.removeEventListener('pointermove', this.onmove);
    window.removeEventListener('pointerup', this.onup);
    window.removeEventListener('pointercancel', this.cancel);
    window.removeEventListener('keydown', this.onkey, true);
    window.removeEventListener('touchmove', preventScroll);
    document.documentElement.classList.remove('dragging');
    this.press = null;
    this.active = null;
    this.target = null;
  }

  /** Where a drop at (x, y) would land: a place in a column, or the Won / Lost zone. */
  private targetAt(x: number, y: number): DropTarget | null {
    const zone = dropZoneAt(x, y);
    if (!zone) return null;
    const kind = zone.dataset.drop;
    if (kind === 'won' || kind === 'lost') return { kind };
    const column = Number(zone.dataset.column);
    const list = zone.querySelector<HTMLElement>('[data-cards]');
    if (!list || !this.active) return null;
    const top = list.getBoundingClientRect().top;
    // The slot is the gap between cards nearest the pointer, counting the dragged card itself.
    const slot = Math.max(0, Math.min(this.count(column), Math.round((y - top + list.scrollTop - LIST_PADDING) / CARD_PITCH)));
    const from = this.active.from;
    const index = column === from.column && slot > from.index ? slot - 1 : slot;
    return { kind: 'column', column, index, slot };
  }

  /** Near the edge of a column or of the board, scroll it, so a drop can reach anywhere. */
  private autoScroll = () => {
    const p = this.press;
    if (!p || !this.active) return;
    const list = dropZoneAt(p.x, p.y)?.querySelector<HTMLElement>('[data-cards]');
    let scrolled = false;
    if (list) {
      const r = list.getBoundingClientRect();
      const step = p.y < r.top + EDGE ? -14 : p.y > r.bottom - EDGE ? 14 : 0;
      if (step !== 0 && p.y >= r.top - EDGE && p.y <= r.bottom + EDGE) {
        list.scrollTop += step;
        scrolled = true;
      }
    }
    const board = document.querySelector<HTMLElement>('[data-board-scroller]');
    if (board) {
      const r = board.getBoundingClientRect();
      const step = p.x < r.left + EDGE ? -14 : p.x > r.right - EDGE ? 14 : 0;
      if (step !== 0) {
        board.scrollLeft += step;
        scrolled = true;
      }
    }
    if (scrolled) this.target = this.targetAt(p.x, p.y);
    this.frame = requestAnimationFrame(this.autoScroll);
  };
}

/** The column or zone under a point, looking through whatever floats above it (notices, menus). */
function dropZoneAt(x: number, y: number): HTMLElement | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const zone = el.closest<HTMLElement>('[data-drop]');
    if (zone) return zone;
  }
  return null;
}

function preventScroll(e: TouchEvent) {
  e.preventDefault();
}

function swallow(e: Event) {
  e.stopPropagation();
  e.preventDefault();
}
