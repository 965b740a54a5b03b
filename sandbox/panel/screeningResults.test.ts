/**
 * The panel's depression screens carry CMS2's screening result, as the registry's screening
 * writes it: one per PHQ-2 at a visit (positive from 3) and one for the first PHQ-9 (positive
 * from 10), adult or adolescent code by age, derived from the total; none under 12.
 */
import type { Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { ageInYears } from '../../src/clinical/records/screeningResult';
import { generatePanel } from './index';

const now = new Date('2026-12-01T00:00:00Z');
const POSITIVE = '428181000124104';

describe('panel screening results', () => {
  it('gives every screen of a patient 12 or older its CMS2 result', () => {
    const { resources } = generatePanel({ patients: 60, seed: 'screens', now });
    const births = new Map(resources.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [`Patient/${p.id}`, p.birthDate!]));
    const observations = resources.filter((r): r is Observation => r.resourceType === 'Observation');
    const results = new Map(observations.filter((o) => o.derivedFrom && /^7383[12]-/.test(o.code.coding?.[0]?.code ?? '')).map((o) => [o.derivedFrom![0]!.reference, o]));
    const phq2 = observations.filter((o) => o.code.coding?.[0]?.code === '55758-7');
    expect(phq2.length).toBeGreaterThan(10);
    for (const screen of phq2) {
      const result = results.get(`Observation/${screen.id}`);
      const age = ageInYears(births.get(screen.subject!.reference!)!, screen.effectiveDateTime!.slice(0, 10))!;
      if (age < 12) {
        expect(result).toBeUndefined();
        continue;
      }
      expect(result?.code.coding?.[0]?.code).toBe(age < 18 ? '73831-0' : '73832-8');
      expect(result?.status).toBe('final');
      expect(result?.category?.[0]?.coding?.[0]?.code).toBe('survey');
      expect(result?.effectiveDateTime).toBe(screen.effectiveDateTime);
      expect(result?.valueCodeableConcept?.coding?.[0]?.code === POSITIVE).toBe((screen.valueInteger ?? screen.valueQuantity!.value!) >= 3);
    }
    const phq9Results = [...results.values()].filter((o) => o.code.text === 'Depression screening (PHQ-9)');
    expect(phq9Results.length).toBeGreaterThan(0);
    expect(JSON.stringify(generatePanel({ patients: 60, seed: 'screens', now }).resources)).toBe(JSON.stringify(resources));
  });
});
