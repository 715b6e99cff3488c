import { describe, expect, it } from 'vitest';
import { isLate, needsTemporaryResidence, notificationDeadline, stayDays } from './deadline.js';
import { todayInVietnam } from '../../platform/time.js';

/** An instant written in Vietnamese local time. */
const vn = (local: string) => new Date(`${local}+07:00`);
const citizen = { foreigner: false, remoteArea: false };

describe('notificationDeadline: citizens (before 23:00 the same day, or 08:00 the next day)', () => {
  it.each([
    ['2026-11-26T00:00:00', '2026-11-26T23:00:00'],
    ['2026-11-26T08:15:00', '2026-11-26T23:00:00'],
    ['2026-11-26T22:59:59', '2026-11-26T23:00:00'],
    ['2026-11-26T23:00:00', '2026-11-27T08:00:00'],
    ['2026-11-26T23:45:00', '2026-11-27T08:00:00'],
    // across month and year ends
    ['2026-11-30T23:30:00', '2026-12-01T08:00:00'],
    ['2026-12-31T23:10:00', '2027-01-01T08:00:00'],
    ['2028-02-28T23:59:00', '2028-02-29T08:00:00'],
    ['2027-02-28T23:59:00', '2027-03-01T08:00:00'],
  ])('arrival %s → due %s', (arrival, due) => {
    expect(notificationDeadline(vn(arrival), citizen).toISOString()).toBe(vn(due).toISOString());
  });

  it('uses Vietnamese time whatever the server clock zone: 16:30 UTC is 23:30 in Vietnam', () => {
    expect(notificationDeadline(new Date('2026-11-26T16:30:00Z'), citizen).toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(notificationDeadline(new Date('2026-11-26T15:59:00Z'), citizen).toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('an arrival just after midnight belongs to the new day', () => {
    expect(notificationDeadline(vn('2026-11-27T00:30:00'), citizen).toISOString()).toBe(vn('2026-11-27T23:00:00').toISOString());
  });
});

describe('notificationDeadline: foreigners (12 hours, 24 in remote areas)', () => {
  it('adds 12 hours, across midnight and month ends', () => {
    expect(notificationDeadline(vn('2026-11-30T20:00:00'), { foreigner: true, remoteArea: false }).toISOString()).toBe(vn('2026-12-01T08:00:00').toISOString());
    expect(notificationDeadline(vn('2026-11-26T09:00:00'), { foreigner: true, remoteArea: false }).toISOString()).toBe(vn('2026-11-26T21:00:00').toISOString());
  });
  it('adds 24 hours in a remote area', () => {
    expect(notificationDeadline(vn('2026-12-31T18:00:00'), { foreigner: true, remoteArea: true }).toISOString()).toBe(vn('2027-01-01T18:00:00').toISOString());
  });
});

describe('late notifications and long stays', () => {
  it('is late only after the deadline', () => {
    const due = vn('2026-11-26T23:00:00');
    expect(isLate(vn('2026-11-26T22:59:59'), due)).toBe(false);
    expect(isLate(due, due)).toBe(false);
    expect(isLate(vn('2026-11-26T23:00:01'), due)).toBe(true);
  });
  it('counts days on the Vietnamese calendar', () => {
    expect(todayInVietnam(new Date('2026-11-26T17:30:00Z'))).toBe('2026-11-27');
    expect(stayDays(vn('2026-11-26T23:30:00'), '2026-11-27')).toBe(1);
    expect(stayDays(vn('2026-11-01T10:00:00'), '2026-12-01')).toBe(30);
  });
  it('flags a citizen staying more than 29 days for temporary residence, not a foreigner', () => {
    expect(needsTemporaryResidence(vn('2026-11-01T10:00:00'), '2026-11-30', false)).toBe(false);
    expect(needsTemporaryResidence(vn('2026-11-01T10:00:00'), '2026-12-01', false)).toBe(true);
    expect(needsTemporaryResidence(vn('2026-11-01T10:00:00'), '2026-12-01', true)).toBe(false);
  });
});
