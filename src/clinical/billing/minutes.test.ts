import { describe, expect, it } from 'vitest';
import { type BillableContact, currentContacts, minutesByMonth, minutesInMonth } from './minutes.ts';

let n = 0;
function contact(effective: string, minutes: number, extra: Partial<BillableContact> = {}): BillableContact {
  n += 1;
  return { id: `Observation/c${n}`, effective, minutes, outcome: 'completed', separatelyBilled: false, enteredInError: false, ...extra };
}

const TZ = 'America/Chicago';

describe('minutesByMonth', () => {
  it('sums per clinic month, never across months', () => {
    const months = minutesByMonth([contact('2026-01-05T10:00:00-06:00', 20), contact('2026-01-31T23:30:00-06:00', 25), contact('2026-02-01T08:00:00-06:00', 30)], { timeZone: TZ });
    expect(months.map((m) => [m.month, m.minutes, m.contacts])).toEqual([
      ['2026-01', 45, 2],
      ['2026-02', 30, 1],
    ]);
  });

  it('cuts months in the clinic zone: the same contacts split differently in Tokyo', () => {
    const contacts = [contact('2026-01-31T16:00:00Z', 40), contact('2026-01-31T14:00:00Z', 10)];
    expect(minutesByMonth(contacts, { timeZone: 'Asia/Tokyo' }).map((m) => [m.month, m.minutes])).toEqual([
      ['2026-01', 10],
      ['2026-02', 40],
    ]);
    expect(minutesByMonth(contacts, { timeZone: TZ }).map((m) => [m.month, m.minutes])).toEqual([['2026-01', 50]]);
  });

  it('excludes separately billed time and shows it apart', () => {
    const [m] = minutesByMonth([contact('2026-03-02T09:00:00-06:00', 30), contact('2026-03-03T09:00:00-06:00', 50, { separatelyBilled: true })], { timeZone: TZ });
    expect(m).toMatchObject({ minutes: 30, separatelyBilledMinutes: 50, contacts: 1 });
  });

  it('counts no-shows and attempts as 0 minutes unless the settings count them', () => {
    const contacts = [
      contact('2026-03-02T09:00:00-06:00', 30),
      contact('2026-03-03T09:00:00-06:00', 5, { outcome: 'attempt' }),
      contact('2026-03-04T09:00:00-06:00', 10, { outcome: 'no-show' }),
    ];
    expect(minutesByMonth(contacts, { timeZone: TZ })[0]).toMatchObject({ minutes: 30, attemptMinutes: 15, contacts: 1 });
    expect(minutesByMonth(contacts, { timeZone: TZ, settings: { countAttemptMinutes: true } })[0]).toMatchObject({ minutes: 45, attemptMinutes: 0, contacts: 3 });
  });

  it('leaves out contacts entered in error', () => {
    const months = minutesByMonth([contact('2026-03-02T09:00:00-06:00', 30), contact('2026-03-05T09:00:00-06:00', 40, { enteredInError: true })], { timeZone: TZ });
    expect(months[0]?.minutes).toBe(30);
  });

  it('a corrected contact replaces its earlier version, whatever the order read', () => {
    const first = contact('2026-03-31T23:00:00-05:00', 20, { id: 'Observation/x', version: 1 });
    const corrected = { ...first, version: 2, minutes: 45, effective: '2026-04-01T09:00:00-05:00' };
    for (const order of [
      [first, corrected],
      [corrected, first],
    ]) {
      expect(minutesByMonth(order, { timeZone: TZ }).map((m) => [m.month, m.minutes])).toEqual([['2026-04', 45]]);
    }
  });

  it('a removal (entered in error as the latest version) takes the contact out', () => {
    const first = contact('2026-03-10T09:00:00-05:00', 20, { id: 'Observation/y', version: 1 });
    expect(currentContacts([first, { ...first, version: 2, enteredInError: true }])).toEqual([]);
  });

  it('skips undated contacts and nonsense minutes', () => {
    const months = minutesByMonth([contact('sometime', 30), contact('2026-03-10T09:00:00-05:00', -10), contact('2026-03-11T09:00:00-05:00', 12.7)], { timeZone: TZ });
    expect(months.map((m) => [m.month, m.minutes])).toEqual([['2026-03', 12]]);
  });

  it('gives 0 for a month without time', () => {
    expect(minutesInMonth([], '2026-03', { timeZone: TZ })).toMatchObject({ minutes: 0, contacts: 0 });
  });
});
