/**
 * The synthetic panel's caseloads look like a real program's (issue 14): 50-120 patients in an
 * open episode per care manager, episodes of 3-12 months, discharges and re-enrolments, and
 * contacts up to today, so nothing is due years ago.
 */
import type { Flag, Observation, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { contactCadence, readContacts } from '../../src/clinical/contacts/index.ts';
import { addDays, deriveEnrollment, ENROLLED_FLAG, readRegistryRecords } from '../../src/clinical/enrollment/index.ts';
import { generatePanel } from './index.ts';
import { SANDBOX_CLINIC_ZONE } from './contacts.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const TODAY = '2026-12-01';

function observationsByPatient(resources: readonly Resource[]): Map<string, Observation[]> {
  const by = new Map<string, Observation[]>();
  for (const r of resources) {
    if (r.resourceType !== 'Observation' || !r.subject?.reference) continue;
    by.set(r.subject.reference, [...(by.get(r.subject.reference) ?? []), r]);
  }
  return by;
}

describe.each([200, 1000])('a synthetic panel of %i patients', (size) => {
  const panel = generatePanel({ patients: size, seed: 'cocm', now: NOW });

  it('gives each care manager who carries patients 50-120 in an open episode', () => {
    const open = panel.resources.filter(
      (r): r is Flag => r.resourceType === 'Flag' && r.status === 'active' && r.code?.coding?.some((c) => c.code === ENROLLED_FLAG.code) === true,
    );
    const perCareManager = new Map<string, number>();
    for (const f of open) perCareManager.set(f.author?.reference ?? '', (perCareManager.get(f.author?.reference ?? '') ?? 0) + 1);
    expect(perCareManager.size).toBeGreaterThan(1);
    for (const [, n] of perCareManager) {
      expect(n).toBeGreaterThanOrEqual(50);
      expect(n).toBeLessThanOrEqual(120);
    }
  });

  it('has episodes of 3 to 12 months, discharges and re-enrolments, and contacts up to today', () => {
    expect(panel.summary.enrollment.reenrolled).toBeGreaterThan(0);
    expect(panel.summary.enrollment.byPhase.discharged ?? 0).toBeGreaterThan(0);
    let recentContacts = 0;
    for (const [, observations] of observationsByPatient(panel.resources)) {
      const { episodes, current } = deriveEnrollment(readRegistryRecords(observations, []).events, { today: TODAY });
      for (const e of episodes) {
        const weeks = (Date.parse(e.end ?? TODAY) - Date.parse(e.start)) / (7 * 86_400_000);
        expect(weeks).toBeLessThanOrEqual(53);
        if (e.end) expect(weeks).toBeGreaterThanOrEqual(13);
      }
      const { contacts } = readContacts(observations, SANDBOX_CLINIC_ZONE);
      const cadence = contactCadence(contacts, { today: TODAY, episode: current });
      // Nothing is due more than a year ago (the issue saw next contacts due in 2016).
      if (cadence.nextDue) expect(cadence.nextDue >= addDays(TODAY, -366)).toBe(true);
      if (cadence.lastContact && cadence.lastContact.localDate >= addDays(TODAY, -14)) recentContacts++;
    }
    expect(recentContacts).toBeGreaterThan(size / 10);
  });
});
