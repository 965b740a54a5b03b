import type { Encounter, Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generatePanel } from './index.ts';

const now = new Date('2026-06-01T00:00:00Z');

describe('synthetic panel: visits and demographics for the program measures', () => {
  const { resources } = generatePanel({ patients: 120, seed: 'visits', now });
  const encounters = resources.filter((r): r is Encounter => r.resourceType === 'Encounter');
  const patients = resources.filter((r): r is Patient => r.resourceType === 'Patient');

  it('gives every patient finished ambulatory visits with CPT or SNOMED types, none in the future', () => {
    expect(new Set(encounters.map((e) => e.subject?.reference)).size).toBe(120);
    for (const e of encounters) {
      expect(e.status).toBe('finished');
      expect(e.class?.code).toBe('AMB');
      expect(['http://www.ama-assn.org/go/cpt', 'http://snomed.info/sct']).toContain(e.type?.[0]?.coding?.[0]?.system);
      expect(Date.parse(e.period?.start ?? '')).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('screens some routine visits with a PHQ-2, some of them positive', () => {
    const phq2 = resources.filter((r): r is Observation => r.resourceType === 'Observation' && r.code?.coding?.[0]?.code === '55758-7');
    expect(phq2.length).toBeGreaterThan(20);
    expect(phq2.some((o) => (o.valueInteger ?? 0) >= 3)).toBe(true);
    expect(phq2.length).toBeLessThan(encounters.length);
  });

  it('records race, ethnicity and language on most patients, and not on some', () => {
    const race = (p: Patient) => p.extension?.some((e) => e.url.endsWith('us-core-race'));
    expect(patients.filter(race).length).toBeGreaterThan(80);
    expect(patients.some((p) => !race(p))).toBe(true);
    expect(patients.filter((p) => p.communication?.[0]?.preferred).length).toBeGreaterThan(90);
  });
});
