import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { findMrn, practitionerName, summarizePatient } from './patientSummary';

const now = new Date('2026-11-23T12:00:00Z');

describe('summarizePatient', () => {
  it('reads name, age, sex, birth date and the MR-typed identifier', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      id: 'p1',
      name: [{ use: 'official', family: 'Rivera', given: ['Ana', 'Lucia'] }],
      gender: 'female',
      birthDate: '1980-11-24',
      identifier: [
        { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-99-9999' },
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'MRN123' },
      ],
    };
    expect(summarizePatient(patient, now)).toEqual({ id: 'p1', name: 'Rivera, Ana Lucia', birthDate: '1980-11-24', age: 45, sex: 'Female', mrn: 'MRN123' });
  });

  it('turns a year older on the birthday', () => {
    const patient: Patient = { resourceType: 'Patient', id: 'p', birthDate: '1980-11-23' };
    expect(summarizePatient(patient, now).age).toBe(46);
  });

  it('copes with a patient that has no name, sex, birth date or identifier', () => {
    expect(summarizePatient({ resourceType: 'Patient', id: 'x' }, now)).toEqual({ id: 'x', name: 'Name not recorded', sex: 'Unknown' });
  });

  it('prefers a current official name over an ended one, and falls back to text', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      name: [
        { use: 'official', family: 'Old', given: ['A'], period: { end: '2001-01-01' } },
        { use: 'usual', text: 'Sam Lee' },
      ],
    };
    expect(summarizePatient(patient, now).name).toBe('Sam Lee');
  });

  it('ignores a birth date that is not a date', () => {
    expect(summarizePatient({ resourceType: 'Patient', birthDate: 'unknown' }, now).age).toBeUndefined();
  });
});

describe('findMrn', () => {
  it('falls back to the usual identifier when none is typed MR', () => {
    expect(findMrn([{ value: 'a' }, { use: 'usual', value: 'b' }])).toBe('b');
    expect(findMrn(undefined)).toBeUndefined();
  });
});

describe('practitionerName', () => {
  it('reads prefix, given and family', () => {
    expect(practitionerName({ name: [{ prefix: ['Dr.'], given: ['Maya'], family: 'Chen' }] })).toBe('Dr. Maya Chen');
    expect(practitionerName(undefined)).toBe('Unknown user');
  });
});
