import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { minutesByMonth } from '../billing/minutes.ts';
import { r4Errors } from '../records/r4Validation.testkit.ts';
import { CONTACT_IDENTIFIER_SYSTEM } from './codes.ts';
import { contactNoteText } from './noteText.ts';
import { readContacts } from './readContacts.ts';
import { buildContactObservation, correctContactObservation, removeContactObservation, type ContactRecordInput } from './records.ts';

const INPUT: ContactRecordInput = {
  contactId: '6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  patientId: 'p1',
  performer: 'Practitioner/cm1',
  encounterId: 'e9',
  when: '2026-03-31T23:30:00-05:00',
  type: 'initial-assessment',
  modality: 'video',
  minutes: 40,
  outcome: 'completed',
  scaleGiven: true,
  separatelyBilled: false,
  note: '  Discussed sleep.  ',
  now: new Date('2026-04-01T04:31:00Z'),
};

function stored(obs: Observation, id = 'o1', lastUpdated = '2026-04-01T04:31:01Z'): Observation & { id: string } {
  return { ...obs, id, meta: { versionId: '1', lastUpdated } };
}

describe('contact Observation', () => {
  const obs = buildContactObservation(INPUT);

  it('is valid R4 and carries the mapping of docs/fhir-mapping.md', () => {
    expect(r4Errors(obs)).toEqual([]);
    expect(obs).toMatchObject({
      identifier: [{ system: CONTACT_IDENTIFIER_SYSTEM, value: INPUT.contactId }],
      status: 'final',
      category: [{ coding: [{ system: 'http://cocm-registry.example/fhir/CodeSystem/registry', code: 'registry' }] }],
      code: { coding: [{ system: 'http://cocm-registry.example/fhir/CodeSystem/registry', code: 'cocm-contact' }] },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e9' },
      effectiveDateTime: '2026-03-31T23:30:00-05:00',
      issued: '2026-04-01T04:31:00.000Z',
      performer: [{ reference: 'Practitioner/cm1' }],
      valueQuantity: { value: 40, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
      note: [{ text: 'Discussed sleep.' }],
    });
    const codes = obs.component?.map((c) => [c.code.coding?.[0]?.code, c.valueCodeableConcept?.coding?.[0]?.code ?? c.valueBoolean]);
    expect(codes).toEqual([
      ['contact-type', 'initial-assessment'],
      ['contact-modality', 'video'],
      ['contact-outcome', 'completed'],
      ['scale-given', true],
      ['separately-billed', false],
    ]);
  });

  it('builds the same resource for the same input (a resend is identical)', () => {
    expect(buildContactObservation(INPUT)).toEqual(obs);
  });

  it('leaves out a performer of a type the element does not allow, and an empty note', () => {
    const bare = buildContactObservation({ ...INPUT, performer: 'Device/d1', note: ' ' });
    expect(bare.performer).toBeUndefined();
    expect(bare.note).toBeUndefined();
    expect(r4Errors(bare)).toEqual([]);
  });

  it('reads back what was written, in the clinic zone', () => {
    const [contact] = readContacts([stored(obs)], 'America/Chicago').contacts;
    expect(contact).toMatchObject({
      id: 'Observation/o1',
      contactId: INPUT.contactId,
      localDate: '2026-03-31',
      type: 'initial-assessment',
      modality: 'video',
      minutes: 40,
      outcome: 'completed',
      scaleGiven: true,
      separatelyBilled: false,
      note: 'Discussed sleep.',
      performer: 'Practitioner/cm1',
      enteredInError: false,
      corrected: false,
    });
    // The same contact in a clinic in Tokyo is on 1 April.
    expect(readContacts([stored(obs)], 'Asia/Tokyo').contacts[0]?.localDate).toBe('2026-04-01');
  });

  it('a correction keeps the record and identifier and replaces the values', () => {
    const first = stored(obs);
    const fixed = correctContactObservation(first, { ...INPUT, minutes: 25, separatelyBilled: true, note: '' }, new Date('2026-04-02T10:00:00Z'));
    expect(fixed).toMatchObject({ id: 'o1', status: 'corrected', identifier: first.identifier, valueQuantity: { value: 25 } });
    expect(fixed.note).toBeUndefined();
    expect(r4Errors(fixed)).toEqual([]);
    const read = readContacts([first, { ...fixed, meta: { versionId: '2', lastUpdated: '2026-04-02T10:00:01Z' } }], 'America/Chicago');
    expect(read.contacts).toHaveLength(1);
    expect(read.contacts[0]).toMatchObject({ minutes: 25, separatelyBilled: true, corrected: true });
    expect(minutesByMonth(read.contacts, { timeZone: 'America/Chicago' })[0]).toMatchObject({ minutes: 0, separatelyBilledMinutes: 25 });
  });

  it('a removal marks the record entered-in-error with the reason; billing leaves it out', () => {
    const removed = removeContactObservation(stored(obs), 'wrong patient', 'Practitioner/cm1', new Date('2026-04-02T10:00:00Z'));
    expect(removed.status).toBe('entered-in-error');
    expect(removed.note?.[1]).toMatchObject({ text: 'Removed (entered in error): wrong patient', authorReference: { reference: 'Practitioner/cm1' } });
    expect(r4Errors(removed)).toEqual([]);
    const read = readContacts([{ ...removed, meta: { versionId: '2', lastUpdated: '2026-04-02T10:00:01Z' } }], 'America/Chicago');
    expect(read.contacts[0]).toMatchObject({ enteredInError: true, note: 'Discussed sleep.' });
    expect(minutesByMonth(read.contacts, { timeZone: 'America/Chicago' })).toEqual([]);
  });
});

describe('readContacts', () => {
  const base = stored(buildContactObservation(INPUT));

  it('skips other Observations and lists contacts it cannot use', () => {
    const other: Observation = { resourceType: 'Observation', id: 'x', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] } };
    const undated = { ...base, id: 'u1', effectiveDateTime: undefined };
    const hours = { ...base, id: 'h1', valueQuantity: { value: 0.5, code: 'h' } };
    const seconds = { ...base, id: 's1', valueQuantity: { value: 600, code: 's' } };
    const read = readContacts([other, undated, hours, seconds], 'UTC');
    expect(read.contacts.map((c) => [c.id, c.minutes])).toEqual([['Observation/h1', 30]]);
    expect(read.unreadable.map((u) => u.reference)).toEqual(['Observation/u1', 'Observation/s1']);
  });

  it('reads a contact without components as a completed follow-up by phone, and sorts by time', () => {
    const plain = { ...base, id: 'p', component: undefined, effectiveDateTime: '2026-03-01T09:00:00-05:00' };
    const read = readContacts([base, plain], 'America/New_York');
    expect(read.contacts.map((c) => [c.id, c.type, c.modality, c.outcome])).toEqual([
      ['Observation/p', 'follow-up', 'phone', 'completed'],
      ['Observation/o1', 'initial-assessment', 'video', 'completed'],
    ]);
  });
});

describe('contact note text', () => {
  it('says what happened, and what was not saved', () => {
    expect(contactNoteText(INPUT, { notSaved: true })).toBe(
      [
        'Collaborative care contact, 2026-03-31 23:30: Initial assessment, Video',
        'Time: 40 min',
        'Rating scale given at this contact.',
        'Note: Discussed sleep.',
        'Not saved to the EHR by CoCM Registry (enter by hand): contact record and minutes.',
        'Recorded with CoCM Registry.',
      ].join('\n'),
    );
    expect(contactNoteText({ ...INPUT, outcome: 'no-show', minutes: 5, scaleGiven: false, note: '' })).toContain('No-show; time spent: 5 min');
    expect(contactNoteText({ ...INPUT, separatelyBilled: true })).toContain('separately billed service');
  });
});
