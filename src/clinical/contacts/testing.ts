/** Test helpers: contacts as the reader gives them, without building Observations. */
import type { Contact, ContactDetails } from './types.ts';

let counter = 0;

export function testContact(localDate: string, extra: Partial<Contact & ContactDetails> = {}): Contact {
  counter += 1;
  const when = extra.when ?? `${localDate}T10:00:00-05:00`;
  return {
    id: `Observation/t${counter}`,
    version: 1,
    versionId: '1',
    contactId: `c-${counter}`,
    when,
    effective: when,
    localDate,
    instant: Date.parse(when),
    type: 'follow-up',
    modality: 'phone',
    minutes: 20,
    outcome: 'completed',
    scaleGiven: false,
    separatelyBilled: false,
    note: '',
    performer: undefined,
    enteredInError: false,
    corrected: false,
    resource: { resourceType: 'Observation', status: 'final', code: {} },
    ...extra,
  };
}
