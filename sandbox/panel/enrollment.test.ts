import type { Flag, Group, List, Observation, Patient, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { buildCaseloadRow } from '../../src/clinical/caseload/index.ts';
import { ENROLLED_FLAG, hasCoding } from '../../src/clinical/enrollment/index.ts';
import { generatePanel, PROGRAM_GROUP_ID } from './index.ts';

const now = new Date('2025-06-01T00:00:00Z');

function byPatient(resources: Resource[]): Map<string, Resource[]> {
  const map = new Map<string, Resource[]>();
  for (const r of resources) {
    const ref = (r as { subject?: { reference?: string } }).subject?.reference;
    if (!ref?.startsWith('Patient/')) continue;
    const id = ref.slice('Patient/'.length);
    map.set(id, [...(map.get(id) ?? []), r]);
  }
  return map;
}

describe('synthetic panel enrollment', () => {
  const { resources, summary } = generatePanel({ patients: 300, seed: 'enrollment', now });
  const perPatient = byPatient(resources);
  const questionnaires = resources.filter((r): r is Questionnaire => r.resourceType === 'Questionnaire');
  const activeMembers = new Set(
    resources
      .filter((r): r is Flag => r.resourceType === 'Flag' && r.status === 'active' && hasCoding(r.code?.coding, ENROLLED_FLAG))
      .map((f) => f.subject.reference?.slice(8) ?? ''),
  );

  it('enrolls a realistic share in every phase, with re-enrollments', () => {
    const withScores = summary.patients - summary.patientsWithoutScores;
    expect(summary.enrollment.enrolled / withScores).toBeGreaterThan(0.6);
    expect(summary.enrollment.enrolled / withScores).toBeLessThan(0.8);
    for (const phase of ['active', 'relapse-prevention', 'discharged', 'lapsed'] as const) expect(summary.enrollment.byPhase[phase] ?? 0, phase).toBeGreaterThan(0);
    expect(summary.enrollment.reenrolled).toBeGreaterThan(0);
    expect(activeMembers.size).toBe(summary.enrollment.open);
  });

  it('reads back through the clinical model as the phases it was generated with', () => {
    const phases: Record<string, number> = {};
    for (const id of activeMembers) {
      const own = perPatient.get(id) ?? [];
      const patient = resources.find((r): r is Patient => r.resourceType === 'Patient' && r.id === id);
      const row = buildCaseloadRow(
        {
          patientId: id,
          patient,
          observations: own.filter((r): r is Observation => r.resourceType === 'Observation'),
          questionnaireResponses: own.filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse'),
          questionnaires,
          flags: own.filter((r): r is Flag => r.resourceType === 'Flag'),
          failures: [],
        },
        { now, timeZone: 'America/New_York' },
      );
      phases[row.phase] = (phases[row.phase] ?? 0) + 1;
      expect(row.enrolledOn).toBeDefined();
      expect(row.phq9.baseline ?? row.gad7.baseline, `${id} has a baseline`).toBeDefined();
    }
    expect(phases.discharged ?? 0).toBe(0);
    expect(phases.inactive ?? 0).toBe(summary.enrollment.byPhase.lapsed ?? 0);
    expect((phases.active ?? 0) + (phases['relapse-prevention'] ?? 0) + (phases.inactive ?? 0)).toBe(activeMembers.size);
  });

  it('keeps a List per care manager and a Group of the program, both of the open caseload', () => {
    const lists = resources.filter((r): r is List => r.resourceType === 'List');
    const group = resources.find((r): r is Group => r.resourceType === 'Group' && r.id === PROGRAM_GROUP_ID);
    expect(lists).toHaveLength(summary.practitioners >= 7 ? 3 : lists.length);
    const listed = lists.flatMap((l) => (l.entry ?? []).map((e) => e.item.reference?.slice(8)));
    expect(new Set(listed)).toEqual(activeMembers);
    expect(new Set(group?.member?.map((m) => m.entity.reference?.slice(8)))).toEqual(activeMembers);
  });
});
