// The screen loader: what it shows once a screen's chunk arrives, and when it cannot.
import { afterEach, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import Lazy from './Lazy.svelte';
import Probe from './LazyProbe.test.svelte';

afterEach(cleanup);

test('shows the loaded screen with the props it was given', async () => {
  render(Lazy, { load: async () => ({ default: Probe }), name: 'Probe', id: 'lead-7' });
  expect((await screen.findByTestId('probe')).textContent).toBe('lead-7');
});

test('says which screen could not be loaded, and why', async () => {
  render(Lazy, { load: () => Promise.reject(new Error('chunk missing')), name: 'Calendar' });
  expect((await screen.findByRole('alert')).textContent).toBe('The Calendar screen could not be loaded: chunk missing');
});
