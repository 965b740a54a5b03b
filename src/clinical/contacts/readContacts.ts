/**
 * Reads logged contacts out of whatever an Observation search returned. Pure and total:
 * other Observations are skipped, and a contact record that cannot be used is listed with
 * the reason. Entered-in-error records are kept, marked, so billing and the list can tell a
 * removal from a record never seen; copies of one record (paging overlap) are read once, the
 * latest version winning.
 */
import type { Observation, ObservationComponent } from '@medplum/fhirtypes';
import { hasCoding, REGISTRY_SYSTEM } from '../enrollment/codes.ts';
import { localDateOfFhirDateTime } from '../billing/months.ts';
import { parseFhirDate } from '../time/fhirDate.ts';
import {
  CONTACT_CODE,
  CONTACT_IDENTIFIER_SYSTEM,
  CONTACT_MODALITIES,
  CONTACT_MODALITY,
  CONTACT_OUTCOME,
  CONTACT_OUTCOMES,
  CONTACT_TYPE,
  CONTACT_TYPES,
  type ContactModality,
  type ContactOutcome,
  type ContactType,
  SCALE_GIVEN,
  SEPARATELY_BILLED,
} from './codes.ts';
import type { Contact } from './types.ts';

export interface ReadContactsResult {
  /** Oldest first; entered-in-error ones included (marked). */
  readonly contacts: readonly Contact[];
  readonly unreadable: readonly { reference: string; reason: string }[];
}

export function isContactObservation(obs: Observation): boolean {
  return hasCoding(obs.code?.coding, CONTACT_CODE);
}

function component(obs: Observation, code: { system?: string; code?: string }): ObservationComponent | undefined {
  return obs.component?.find((c) => hasCoding(c.code?.coding, code));
}

function ourCode<T extends string>(obs: Observation, which: { system?: string; code?: string }, allowed: readonly T[]): T | undefined {
  const code = component(obs, which)?.valueCodeableConcept?.coding?.find((c) => c.system === REGISTRY_SYSTEM)?.code;
  return allowed.find((a) => a === code);
}

function versionOf(obs: Observation): number {
  const updated = obs.meta?.lastUpdated ? Date.parse(obs.meta.lastUpdated) : Number.NaN;
  if (Number.isFinite(updated)) return updated;
  const numeric = Number(obs.meta?.versionId);
  return Number.isFinite(numeric) ? numeric : 0;
}

function minutesOf(obs: Observation): number | undefined {
  const q = obs.valueQuantity;
  if (typeof q?.value !== 'number' || q.value < 0) return undefined;
  // Hours are accepted from other writers; anything else is not a duration we know.
  const unit = q.code ?? q.unit;
  if (unit === undefined || unit === 'min') return q.value;
  if (unit === 'h') return q.value * 60;
  return undefined;
}

function readOne(obs: Observation, timeZone: string): Contact | string {
  const effective = obs.effectiveDateTime ?? obs.effectivePeriod?.start ?? obs.effectiveInstant;
  const parsed = parseFhirDate(effective);
  const localDate = localDateOfFhirDateTime(effective, timeZone);
  if (!effective || !parsed || !localDate) return 'the contact has no usable date';
  const minutes = minutesOf(obs);
  if (minutes === undefined) return 'the contact has no minutes in a known unit';
  // Missing details read as the most common case rather than losing the contact's time.
  const type: ContactType = ourCode(obs, CONTACT_TYPE, CONTACT_TYPES) ?? 'follow-up';
  const modality: ContactModality = ourCode(obs, CONTACT_MODALITY, CONTACT_MODALITIES) ?? 'phone';
  const outcome: ContactOutcome = ourCode(obs, CONTACT_OUTCOME, CONTACT_OUTCOMES) ?? 'completed';
  const contactId = obs.identifier?.find((i) => i.system === CONTACT_IDENTIFIER_SYSTEM)?.value;
  const note = (obs.note ?? [])
    .map((n) => n.text ?? '')
    .filter((t) => t && !t.startsWith('Removed (entered in error)'))
    .join('\n');
  return {
    id: `Observation/${obs.id ?? '(no id)'}`,
    version: versionOf(obs),
    versionId: obs.meta?.versionId,
    contactId,
    when: effective,
    effective,
    localDate,
    instant: parsed.instant,
    type,
    modality,
    outcome,
    minutes,
    scaleGiven: component(obs, SCALE_GIVEN)?.valueBoolean === true,
    separatelyBilled: component(obs, SEPARATELY_BILLED)?.valueBoolean === true,
    note,
    performer: obs.performer?.[0]?.reference,
    enteredInError: obs.status === 'entered-in-error',
    corrected: obs.status === 'corrected' || obs.status === 'amended',
    resource: obs,
  };
}

const READ_STATUS = new Set(['final', 'amended', 'corrected', 'preliminary', 'entered-in-error']);

export function readContacts(observations: readonly Observation[], timeZone: string): ReadContactsResult {
  const latest = new Map<string, Contact>();
  const unreadable: { reference: string; reason: string }[] = [];
  for (const obs of observations) {
    if (obs?.resourceType !== 'Observation' || !isContactObservation(obs) || !READ_STATUS.has(obs.status)) continue;
    const read = readOne(obs, timeZone);
    if (typeof read === 'string') {
      unreadable.push({ reference: `Observation/${obs.id ?? '(no id)'}`, reason: read });
      continue;
    }
    const seen = latest.get(read.id);
    if (!seen || read.version > seen.version) latest.set(read.id, read);
  }
  const contacts = [...latest.values()].sort((a, b) => a.instant - b.instant || a.id.localeCompare(b.id));
  return { contacts, unreadable };
}
