import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generatePanel, QR_SHAPES } from './index.ts';

const now = new Date('2025-06-01T00:00:00Z');

describe('synthetic panel', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = generatePanel({ patients: 30, seed: 's1', now });
    const b = generatePanel({ patients: 30, seed: 's1', now });
    const c = generatePanel({ patients: 30, seed: 's2', now });
    expect(JSON.stringify(b.resources)).toBe(JSON.stringify(a.resources));
    expect(JSON.stringify(c.resources)).not.toBe(JSON.stringify(a.resources));
  });

  it('has the promised variety', () => {
    const { resources, summary } = generatePanel({ patients: 200, seed: 'variety', now });
    expect(summary.byType.Patient).toBe(200);
    expect(summary.byType.Practitioner).toBeGreaterThanOrEqual(5);
    for (const shape of QR_SHAPES) expect(summary.qrShapes[shape] ?? 0, shape).toBeGreaterThan(0);
    for (const value of ['valueQuantity', 'valueInteger', 'valueString'] as const) expect(summary.obsValues[value] ?? 0, value).toBeGreaterThan(0);
    for (const mode of ['both', 'qr-only', 'obs-only'] as const) expect(summary.modes[mode] ?? 0, mode).toBeGreaterThan(0);
    for (const course of ['responder', 'remitter', 'slow-improver', 'non-responder', 'relapse', 'drop-out'] as const)
      expect(summary.courses[course] ?? 0, course).toBeGreaterThan(0);
    expect(summary.item9Positive).toBeGreaterThan(0);
    expect(summary.missingItems).toBeGreaterThan(0);
    expect(summary.enteredInError).toBeGreaterThan(0);
    expect(summary.amended).toBeGreaterThan(0);
    expect(summary.patientsWithoutScores).toBeGreaterThan(0);
    expect(summary.longHistoryPatients).toHaveLength(2);

    // What the summary claims is really in the resources.
    // Score Observations (registry Observations are the enrollment's: panel/enrollment.test.ts).
    const observations = resources.filter((r): r is Observation => r.resourceType === 'Observation' && r.category?.[0]?.coding?.[0]?.code !== 'registry');
    const qrs = resources.filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse');
    expect(observations.some((o) => o.derivedFrom?.[0]?.reference?.startsWith('QuestionnaireResponse/'))).toBe(true);
    expect(observations.filter((o) => o.status === 'entered-in-error')).toHaveLength(summary.enteredInError);
    expect(qrs.some((q) => q.questionnaire?.endsWith('|2.0'))).toBe(true);
    expect(qrs.some((q) => q.item?.[0]?.linkId === '/44249-1' && q.item[0].item?.[0]?.linkId === '/44249-1/44250-9')).toBe(true);
    expect(qrs.some((q) => q.contained?.length && q.questionnaire === '#form')).toBe(true);
    expect(resources.some((r) => r.resourceType === 'Questionnaire' && r.id === 'clinic-phq9')).toBe(true);
    const item9 = qrs.filter((q) => JSON.stringify(q).includes('44260-8'));
    expect(item9.length).toBeGreaterThan(0);
    for (const o of observations) {
      expect(o.category?.[0]?.coding?.[0]?.code).toBe('survey');
      expect(o.effectiveDateTime).toMatch(/T\d{2}:\d{2}:00-0[45]:00$/);
      expect(Date.parse(o.effectiveDateTime!)).toBeLessThanOrEqual(now.getTime() + 86_400_000);
    }
  });

  it('gives the long-history patients about ten years of weekly-ish scores', () => {
    const { resources, summary } = generatePanel({ patients: 20, seed: 'long', now });
    const id = summary.longHistoryPatients[0]!;
    const phq9 = resources.filter(
      (r) =>
        (r.resourceType === 'QuestionnaireResponse' || r.resourceType === 'Observation') &&
        r.id?.includes('-phq9-') &&
        (r as { subject?: { reference?: string } }).subject?.reference === `Patient/${id}`,
    );
    const administrations = new Set(phq9.map((r) => r.id!.replace(/^(qr|obs)-/, '').replace(/-eie$/, '')));
    expect(administrations.size).toBeGreaterThan(200);
    expect(administrations.size).toBeLessThan(400);
  });

  it('ids and MRNs are unique', () => {
    const { resources } = generatePanel({ patients: 300, seed: 'unique', now });
    const keys = resources.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const mrns = resources.filter((r) => r.resourceType === 'Patient').map((p) => (p as { identifier: { value: string }[] }).identifier[0]!.value);
    expect(new Set(mrns).size).toBe(300);
  });
});
