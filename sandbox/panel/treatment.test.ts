import type { Condition, MedicationRequest, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { medicationTimelineFrom, readDiagnoses } from '../../src/clinical/index.ts';
import { generatePanel } from './index.ts';
import { Rng } from './prng.ts';
import { generateTreatment } from './treatment.ts';

const now = new Date('2025-06-01T00:00:00Z');

function byPatient(resources: Resource[]): Map<string, Resource[]> {
  const map = new Map<string, Resource[]>();
  for (const r of resources) {
    const ref = (r as { subject?: { reference?: string } }).subject?.reference;
    if (ref && ['Condition', 'MedicationRequest', 'CarePlan', 'Goal'].includes(r.resourceType)) map.set(ref, [...(map.get(ref) ?? []), r]);
  }
  return map;
}

describe('synthetic treatment context', () => {
  it('has believable diagnoses, medication courses and care plans, and the awkward shapes EHRs send', () => {
    const { resources } = generatePanel({ patients: 300, seed: 'treatment', now });
    const kinds: Record<string, number> = {};
    let ignored = 0;
    let byName = 0;
    let freeTextDiagnoses = 0;
    for (const [, rs] of byPatient(resources)) {
      const timeline = medicationTimelineFrom({ medicationRequests: rs.filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest') }, { now });
      timeline.events.forEach((e) => (kinds[e.kind] = (kinds[e.kind] ?? 0) + 1));
      ignored += timeline.ignored.length;
      byName += timeline.episodes.filter((e) => e.drug.by !== 'rxnorm-ingredient').length;
      freeTextDiagnoses += readDiagnoses(rs.filter((r): r is Condition => r.resourceType === 'Condition')).behavioral.filter((d) => d.recognisedBy === 'name').length;
    }
    for (const kind of ['start', 'dose-change', 'switch', 'augmentation', 'stop']) expect(kinds[kind] ?? 0, kind).toBeGreaterThan(0);
    expect(ignored, 'an order entered in error').toBeGreaterThan(0);
    expect(byName, 'orders recognised by name').toBeGreaterThan(0);
    expect(freeTextDiagnoses, 'free-text diagnoses').toBeGreaterThan(0);
    const requests = resources.filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
    expect(requests.some((r) => !r.medicationCodeableConcept?.coding)).toBe(true);
    expect(requests.some((r) => !r.dosageInstruction?.[0]?.doseAndRate)).toBe(true);
    expect(resources.some((r) => r.resourceType === 'CarePlan')).toBe(true);
    const conditions = resources.filter((r): r is Condition => r.resourceType === 'Condition');
    for (const code of ['F32.1', 'F33.1', 'F41.1'])
      expect(
        conditions.some((c) => c.code?.coding?.some((x) => x.code === code)),
        code,
      ).toBe(true);
    expect(conditions.some((c) => c.category?.[0]?.coding?.[0]?.code === 'encounter-diagnosis')).toBe(true);
  });

  it('raises the dose of a non-responder 8-10 weeks in', () => {
    const start = new Date('2024-06-03T00:00:00Z');
    for (let i = 0; i < 20; i++) {
      const { resources, stats } = generateTreatment(
        { patient: 'pat-x', key: 'x', course: 'non-responder', weeksAgo: 52, withGad7: false, start, pcp: 'pcp' },
        new Rng(`nr-${i}`),
        now,
      );
      const timeline = medicationTimelineFrom({ medicationRequests: resources.filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest') }, { now });
      if (!stats.doseChanges) continue;
      const change = timeline.events.find((e) => e.kind === 'dose-change');
      const weeks = ((change?.instant ?? 0) - start.getTime()) / (7 * 86_400_000);
      expect(weeks).toBeGreaterThanOrEqual(8);
      expect(weeks).toBeLessThan(11);
      expect(timeline.events.some((e) => e.kind === 'switch' || e.kind === 'augmentation')).toBe(true);
      return;
    }
    throw new Error('no medicated non-responder in 20 tries');
  });

  it('is the same for the same seed', () => {
    const a = generateTreatment(
      { patient: 'pat-x', key: 'x', course: 'slow-improver', weeksAgo: 40, withGad7: true, start: new Date('2024-08-01T00:00:00Z'), pcp: 'pcp' },
      new Rng('s'),
      now,
    );
    const b = generateTreatment(
      { patient: 'pat-x', key: 'x', course: 'slow-improver', weeksAgo: 40, withGad7: true, start: new Date('2024-08-01T00:00:00Z'), pcp: 'pcp' },
      new Rng('s'),
      now,
    );
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
