import type { Encounter, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { buildContactObservation } from '../contacts/records.ts';
import { buildEnrollmentObservation, buildReviewObservation } from '../enrollment/records.ts';
import { observation } from '../testing/fhirBuilders.ts';
import type { PatientRecords } from '../caseload/types.ts';
import { computeMeasure } from './measures.ts';
import { buildProgramPatient } from './programPatient.ts';
import { US_CORE_ETHNICITY, US_CORE_RACE } from './demographics.ts';

const now = new Date('2026-06-01T12:00:00Z');
const contact = (id: string, when: string, type: 'initial-assessment' | 'follow-up' = 'follow-up') => ({
  ...buildContactObservation({
    contactId: id,
    patientId: 'pat-1',
    when,
    type,
    modality: 'phone',
    minutes: 20,
    outcome: 'completed',
    scaleGiven: true,
    separatelyBilled: false,
    note: '',
    now,
  }),
  id,
});

function records(extra: Partial<PatientRecords> = {}): PatientRecords {
  const patient: Patient = {
    resourceType: 'Patient',
    id: 'pat-1',
    gender: 'female',
    birthDate: '1990-05-05',
    name: [{ family: 'Rivera', given: ['Ana'] }],
    extension: [
      {
        url: US_CORE_RACE,
        extension: [
          { url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2054-5' } },
          { url: 'text', valueString: 'Black' },
        ],
      },
      { url: US_CORE_ETHNICITY, extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2135-2' } }] },
    ],
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }, preferred: true }],
    managingOrganization: { reference: 'Organization/north' },
  };
  return {
    patientId: 'pat-1',
    patient,
    observations: [
      { ...buildEnrollmentObservation({ actionId: 'a1', patientId: 'pat-1', kind: 'enrolled', date: '2026-03-02', careManager: 'Practitioner/cm1', now }), id: 'e1' },
      // 23:30 on 31 March in Chicago is 04:30 on 1 April in UTC: the contact is March's.
      contact('c1', '2026-04-01T04:30:00Z', 'initial-assessment'),
      observation({ id: 'phq-1', code: '44261-6', effective: '2026-03-31T23:00:00-05:00', value: { valueInteger: 14 } }),
      { ...buildReviewObservation({ actionId: 'r1', patientId: 'pat-1', recommendation: 'Increase dose', when: '2026-05-01T10:00:00-05:00', now }), id: 'rv1' },
    ],
    questionnaireResponses: [],
    questionnaires: [],
    flags: [],
    failures: [],
    ...extra,
  };
}

const visit = (id: string, start: string, status: Encounter['status'] = 'finished', code = 'AMB'): Encounter => ({
  resourceType: 'Encounter',
  id,
  status,
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code },
  subject: { reference: 'Patient/pat-1' },
  period: { start },
});

describe('buildProgramPatient', () => {
  it('puts contacts and scores on the clinic calendar (month edges in the clinic zone)', () => {
    const p = buildProgramPatient(records(), { encounters: [] }, { today: '2026-06-01', timeZone: 'America/Chicago' });
    expect(p.contacts).toEqual([{ date: '2026-03-31', instant: Date.parse('2026-04-01T04:30:00Z'), type: 'initial-assessment' }]);
    expect(p.scores.map((s) => [s.instrument, s.date, s.total])).toEqual([['phq9', '2026-03-31', 14]]);
    const march = computeMeasure('monthly-contact', [p], { start: '2026-03-01', end: '2026-04-30' });
    expect(march.cases.map((c) => [c.unit, c.inNumerator])).toEqual([
      ['2026-03', true],
      ['2026-04', false],
    ]);
    const utc = buildProgramPatient(records(), { encounters: [] }, { today: '2026-06-01', timeZone: 'UTC' });
    expect(utc.contacts[0]?.date).toBe('2026-04-01');
  });

  it('reads episodes, reviews and the care manager from the registry records', () => {
    const p = buildProgramPatient(records(), { encounters: [] }, { today: '2026-06-01', timeZone: 'America/Chicago' });
    expect(p.episodes).toEqual([{ enrolledOn: '2026-03-02', end: undefined, careManager: 'Practitioner/cm1', pcp: undefined }]);
    expect(p.reviews).toEqual(['2026-05-01']);
  });

  it('reads US Core race, ethnicity, language, clinic', () => {
    const p = buildProgramPatient(records(), undefined, { today: '2026-06-01', timeZone: 'UTC' });
    expect(p.demographics).toMatchObject({ race: 'Black or African American', ethnicity: 'Hispanic or Latino', language: 'Spanish', sex: 'Female', clinic: 'Organization/north' });
    expect(p.encountersProblem).toBe('visits not read yet');
  });

  it('keeps finished ambulatory visits only, on the clinic calendar', () => {
    const p = buildProgramPatient(
      records(),
      { encounters: [visit('v1', '2026-03-03T09:00:00-06:00'), visit('v2', '2026-03-04', 'cancelled'), visit('v3', '2026-03-05', 'finished', 'IMP')] },
      { today: '2026-06-01', timeZone: 'America/Chicago' },
    );
    expect(p.visits).toEqual(['2026-03-03']);
  });

  it('says what could not be read', () => {
    const p = buildProgramPatient(
      records({ failures: ['Observations: the EHR did not answer'] }),
      { problem: 'Encounters: the EHR did not answer' },
      { today: '2026-06-01', timeZone: 'UTC' },
    );
    expect(p.recordsProblem).toBe('Observations: the EHR did not answer');
    expect(p.encountersProblem).toBe('Encounters: the EHR did not answer');
  });
});
