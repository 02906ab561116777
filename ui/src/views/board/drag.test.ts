// The drag controller's own rules, on real pointer events. jsdom has no layout, so the one
// layout answer it needs (which drop zone is under the point) is given by the test.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { DealCard } from '../../lib/ipc';
import { CardDrag, type DropTarget } from './drag.svelte';

const card = { id: 'd1', title: 'Deal 1' } as DealCard;
let drops: DropTarget[];
let drag: CardDrag;
let handle: HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<section data-drop="column" data-column="1"><div data-cards></div></section><div id="card"></div>';
  const zone = document.querySelector('section')!;
  document.elementsFromPoint = () => [zone];
  handle = document.getElementById('card')!;
  drops = [];
  drag = new CardDrag(() => 3, (_card, _from, target) => drops.push(target));
});
afterEach(() => {
  drag.cancel();
  vi.useRealTimers();
});

function press(pointerType: string) {
  const e = new PointerEvent('pointerdown', { button: 0, pointerId: 7, pointerType, clientX: 20, clientY: 20 });
  Object.defineProperty(e, 'currentTarget', { value: handle });
  Object.defineProperty(e, 'target', { value: handle });
  drag.down(e, card, { column: 0, index: 0 });
}
const pointer = (type: string, x: number, y: number, pointerType: string) =>
  window.dispatchEvent(new PointerEvent(type, { pointerId: 7, pointerType, clientX: x, clientY: y }));

test('a mouse drags once it has moved a few pixels, and drops where it is released', () => {
  press('mouse');
  pointer('pointermove', 22, 21, 'mouse');
  expect(drag.active).toBeNull();
  pointer('pointermove', 30, 30, 'mouse');
  expect(drag.active?.card.id).toBe('d1');
  pointer('pointerup', 300, 30, 'mouse');
  expect(drops).toEqual([{ kind: 'column', column: 1, index: 0, slot: 0 }]);
  expect(drag.active).toBeNull();
});

test('a finger that moves at once scrolls; one that holds still picks the card up', () => {
  press('touch');
  pointer('pointermove', 20, 60, 'touch');
  vi.advanceTimersByTime(500);
  expect(drag.active).toBeNull();
  pointer('pointerup', 20, 60, 'touch');
  expect(drops).toEqual([]);

  press('touch');
  vi.advanceTimersByTime(400);
  expect(drag.active?.card.id).toBe('d1');
  pointer('pointermove', 300, 40, 'touch');
  pointer('pointerup', 300, 40, 'touch');
  expect(drops).toHaveLength(1);
});

test('Escape puts the card back without a drop', () => {
  press('mouse');
  pointer('pointermove', 40, 40, 'mouse');
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
  expect(drag.active).toBeNull();
  pointer('pointerup', 300, 40, 'mouse');
  expect(drops).toEqual([]);
});
