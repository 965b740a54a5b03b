import { describe, expect, it } from 'vitest';
import { minutesByMonth } from '../../src/clinical/billing/index.ts';
import { readContacts } from '../../src/clinical/contacts/index.ts';
import { deriveEnrollment, readRegistryRecords } from '../../src/clinical/enrollment/index.ts';
import type { Observation } from '@medplum/fhirtypes';
import { generatePanel } from './index.ts';

const NOW = new Date('2026-03-15T12:00:00Z');

describe('synthetic contact history', () => {
  const panel = generatePanel({ patients: 120, seed: 'contacts', now: NOW } as Parameters<typeof generatePanel>[0]);
  const observations = panel.resources.filter((r): r is Observation => r.resourceType === 'Observation');
  const byPatient = new Map<string, Observation[]>();
  for (const o of observations) {
    const id = o.subject?.reference?.replace('Patient/', '') ?? '';
    byPatient.set(id, [...(byPatient.get(id) ?? []), o]);
  }
  const contacts = readContacts(observations, 'America/New_York').contacts;

  it('gives enrolled patients contacts, with every outcome, separately billed time and one removal', () => {
    expect(contacts.length).toBeGreaterThan(100);
    expect(new Set(contacts.map((c) => c.outcome))).toEqual(new Set(['completed', 'no-show', 'attempt']));
    expect(contacts.some((c) => c.separatelyBilled)).toBe(true);
    expect(contacts.filter((c) => c.enteredInError)).toHaveLength(1);
    expect(readContacts(observations, 'America/New_York').unreadable).toEqual([]);
  });

  it('keeps contacts inside the episodes and never in the future', () => {
    for (const [patient, records] of byPatient) {
      const mine = readContacts(records, 'America/New_York').contacts;
      if (mine.length === 0) continue;
      const { episodes } = deriveEnrollment(readRegistryRecords(records, []).events, { today: '2026-03-15' });
      expect(episodes.length, patient).toBeGreaterThan(0);
      for (const c of mine) {
        expect(c.instant).toBeLessThanOrEqual(NOW.getTime());
        expect(
          episodes.some((e) => c.localDate >= e.start && (e.end === undefined || c.localDate <= e.end)),
          `${patient} ${c.localDate}`,
        ).toBe(true);
      }
    }
  });

  it('has a realistic spread of monthly minutes (some below, some at each code)', () => {
    const months = [...byPatient.values()].flatMap((records) => minutesByMonth(readContacts(records, 'America/New_York').contacts, { timeZone: 'America/New_York' }));
    const minutes = months.map((m) => m.minutes);
    expect(minutes.some((m) => m > 0 && m < 31)).toBe(true);
    expect(minutes.some((m) => m >= 36 && m < 86)).toBe(true);
    expect(Math.max(...minutes)).toBeLessThan(300);
  });
});
