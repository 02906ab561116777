// Wall-clock conversions against zones with daylight-saving changes.
import { afterEach, describe, expect, test } from 'vitest';
import { fromWallClock, instantOf, localInput, setViewZone, systemZone, wallClock, wallInput } from './zone';
import { dayTime, dayWithYear, date } from './format';

afterEach(() => setViewZone(systemZone()));

describe('wall clocks', () => {
  test('an instant reads as the clock of each zone, and back', () => {
    const at = '2027-03-28T00:30:00Z';
    expect(wallInput(wallClock(at, 'Europe/Berlin'))).toBe('2027-03-28T01:30');
    expect(wallInput(wallClock(at, 'America/New_York'))).toBe('2027-03-27T20:30');
    expect(wallInput(wallClock(at, 'Asia/Kolkata'))).toBe('2027-03-28T06:00');
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      expect(fromWallClock(wallClock(at, zone), zone).toISOString()).toBe('2027-03-28T00:30:00.000Z');
    }
  });

  test('both sides of a daylight-saving change keep their offsets', () => {
    // Berlin: 02:00 becomes 03:00 on 28 March 2027; New York: 02:00 becomes 03:00 on 14 March.
    expect(instantOf('2027-03-28T01:30', 'Europe/Berlin')).toBe('2027-03-28T00:30:00.000Z');
    expect(instantOf('2027-03-28T03:30', 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000Z');
    expect(instantOf('2027-03-13T09:00', 'America/New_York')).toBe('2027-03-13T14:00:00.000Z');
    expect(instantOf('2027-03-15T09:00', 'America/New_York')).toBe('2027-03-15T13:00:00.000Z');
    // 02:30 does not exist that night; it is read as the clock that jumped shows it, 03:30.
    expect(localInput(instantOf('2027-03-28T02:30', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2027-03-28T03:30');
  });

  test('what cannot be read is passed on for Rust to explain', () => {
    expect(instantOf('2027-03-28T01:30', 'Berlin')).toBe('2027-03-28T01:30');
    expect(instantOf('tomorrow', 'UTC')).toBe('tomorrow');
  });

  test('dates and times on screen follow the viewer’s zone; plain dates do not move', () => {
    setViewZone('Asia/Tokyo');
    expect(dayTime('2027-06-30T20:00:00Z', new Date('2027-01-10T00:00:00Z'))).toMatch(/(1 Jul|Jul 1).*05:00/);
    setViewZone('America/Los_Angeles');
    expect(dayTime('2027-06-30T20:00:00Z', new Date('2027-01-10T00:00:00Z'))).toMatch(/(30 Jun|Jun 30).*01:00/);
    expect(date('2027-07-01', new Date('2027-01-10T00:00:00Z'))).toMatch(/^(1 Jul|Jul 1)$/);
  });

  test('the leads list’s dates (always with the year) follow the viewer’s zone too', () => {
    setViewZone('Pacific/Auckland');
    expect(dayWithYear('2026-11-29T23:30:00Z')).toMatch(/^(30 Nov 2026|Nov 30, 2026)$/);
    setViewZone('America/Los_Angeles');
    expect(dayWithYear('2026-11-29T23:30:00Z')).toMatch(/^(29 Nov 2026|Nov 29, 2026)$/);
  });
});
