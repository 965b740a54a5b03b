/**
 * The caseload row and the patient view are one function's output: for every synthetic
 * patient of a seeded panel, under program rules that differ from the defaults, the row the
 * caseload computes and the row and courses of the patient chart are the same.
 */
import type { Flag, Observation, Patient, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generatePanel } from '../../../sandbox/panel/index.ts';
import { buildCaseloadRow, type RowOptions } from '../caseload/index.ts';
import { patientStatus } from '../patientReports/patientStatus.ts';
import { programMeasurementSchedule } from '../schedule/measurementSchedule.ts';
import { buildPatientChart } from './fullChart.ts';
import type { PatientChartRecords } from './types.ts';

const NOW = new Date('2026-11-20T15:00:00Z');
const OPTIONS: RowOptions = {
  now: NOW,
  timeZone: 'America/New_York',
  // Non-default rules: a PHQ-9 with three items missing is prorated (default: two at most).
  settings: { maxMissingItems: { phq9: 3, gad7: 2 }, responseDropPercent: 40, remissionBelow: { phq9: 6 } },
  registrySettings: { activeCadenceDays: 21 },
};

function subjectOf(resource: Resource): string | undefined {
  const ref = (resource as { subject?: { reference?: string } }).subject?.reference;
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

function chartRecordsOf(resources: readonly Resource[]): PatientChartRecords[] {
  const questionnaires = resources.filter((r): r is Questionnaire => r.resourceType === 'Questionnaire');
  const patients = resources.filter((r): r is Patient => r.resourceType === 'Patient');
  const byPatient = new Map<string, Resource[]>();
  for (const r of resources) {
    const id = subjectOf(r);
    if (id) byPatient.set(id, [...(byPatient.get(id) ?? []), r]);
  }
  return patients.map((patient) => {
    const own = byPatient.get(patient.id as string) ?? [];
    return {
      patientId: patient.id as string,
      patient,
      observations: own.filter((r): r is Observation => r.resourceType === 'Observation'),
      questionnaireResponses: own.filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse'),
      questionnaires,
      flags: own.filter((r): r is Flag => r.resourceType === 'Flag'),
      treatment: { conditions: [], medicationRequests: [], medicationStatements: [], carePlans: [], goals: [], notOffered: [] },
      failed: [],
      truncated: [],
    };
  });
}

describe('caseload row and patient chart agree', () => {
  const panel = generatePanel({ patients: 80, seed: 'agreement', now: new Date('2026-11-20T00:00:00Z') });
  const all = chartRecordsOf(panel.resources);

  it('for every synthetic patient, under non-default program rules', () => {
    expect(all.length).toBe(80);
    let prorated = 0;
    for (const records of all) {
      const chart = buildPatientChart(records, OPTIONS);
      const row = buildCaseloadRow({ ...records, failures: [] }, OPTIONS);
      expect(chart.row).toEqual(row);
      // The chart's "Next contact due" (overview, contacts) is the grid's, overdue or not.
      expect(chart.contacts.cadence.nextDue).toBe(row.nextContactDue);
      expect(chart.contacts.cadence.overdue).toBe(row.contactOverdue);
      expect(chart.contacts.cadence.lastContact?.localDate).toBe(row.lastContactDate);
      expect(chart.contacts.cadence.contactsThisMonth).toBe(row.contactsThisMonth);
      for (const history of chart.histories) {
        const columns = row[history.instrument];
        expect(history.course.latest?.total).toBe(columns.latest);
        expect(history.course.baseline?.total).toBe(columns.baseline);
        expect(history.course.response).toBe(columns.response);
        expect(history.course.remission).toBe(columns.remission);
      }
      const threeMissing = chart.histories[0]?.administrations.filter((a) => a.items.filter((i) => i.missing).length === 3) ?? [];
      // Scored under the program's rule (prorated), in the chart and in the row's course alike.
      for (const a of threeMissing) expect([a.completeness, a.total !== undefined]).toEqual(['prorated', true]);
      prorated += threeMissing.length;
    }
    // The rule under test is exercised: some PHQ-9 forms with three items missing score.
    expect(prorated).toBeGreaterThan(0);
  }, 30_000);

  it("the caseload's next scale due and overdue are the patient app's schedule, for every synthetic patient", () => {
    const today = '2026-11-20';
    const schedule = programMeasurementSchedule(OPTIONS.registrySettings);
    let scheduled = 0;
    let overdue = 0;
    for (const records of all) {
      const row = buildCaseloadRow({ ...records, failures: [] }, OPTIONS);
      const { due } = patientStatus(
        { responses: records.questionnaireResponses, scoreObservations: records.observations, registryObservations: records.observations, questionnaires: records.questionnaires },
        records.patientId,
        today,
        schedule,
      );
      if (due.status === 'not-scheduled') continue;
      scheduled++;
      if (due.status === 'overdue') overdue++;
      expect([row.nextScaleDue, row.scaleOverdue], records.patientId).toEqual([due.nextDue, due.status === 'overdue']);
    }
    // Both sides of the rule are exercised.
    expect(scheduled).toBeGreaterThan(overdue);
    expect(overdue).toBeGreaterThan(0);
  }, 30_000);
});
