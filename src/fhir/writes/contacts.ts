/**
 * Writes of the contact log, under the same rules as the screening: a create that a retry
 * cannot duplicate (createOnce with the contact's identifier), the capability store asked
 * before sending and taught by every refusal, and corrections and removals sent as an update
 * with If-Match, so a contact changed by someone else meanwhile is never overwritten.
 */
import type { Observation } from '@medplum/fhirtypes';
import { CONTACT_CODE, contactIdentifier } from '../../clinical/contacts';
import { REGISTRY_CATEGORY } from '../../clinical/enrollment/codes';
import type { WriteCapabilities, WriteTarget } from '../capabilities';
import type { FhirApi } from '../fhirApi';
import { FhirError } from '../fhirError';
import { createOnce } from './createOnce';

/** What the capability store is asked about a contact. */
export const CONTACT_TARGET: WriteTarget = {
  resourceType: 'Observation',
  categories: [REGISTRY_CATEGORY],
  codes: [CONTACT_CODE],
  label: 'contact record',
};

export type ContactWriteOutcome =
  | { status: 'saved'; reference: string | undefined; resource: Observation | undefined; existing: boolean }
  | { status: 'not-allowed'; reason: string }
  /** Someone changed the contact meanwhile (412): reload before correcting again. */
  | { status: 'changed'; reason: string }
  | { status: 'failed'; reason: string; sessionEnded: boolean };

export interface ContactWriteDeps {
  api: FhirApi;
  capabilities: WriteCapabilities;
}

export const CONTACT_SESSION_ENDED =
  'Your EHR session ended before the contact was saved. Open CoCM Registry again from the EHR: the contact is kept in this window, and saving again will not make a copy.';

export function contactFailureReason(error: unknown): string {
  if (!(error instanceof FhirError)) return 'The contact was not saved because of an unexpected problem. Retry; if it fails again, use the note text.';
  switch (error.kind) {
    case 'unauthorized':
      return CONTACT_SESSION_ENDED;
    case 'timeout':
      return 'The EHR did not answer in time, so it is not known whether the contact was saved. Retry: it will not be saved twice.';
    case 'network':
      return 'The app could not reach the EHR to save the contact. Check the connection and retry: it will not be saved twice.';
    case 'server':
      return `The EHR had a problem saving the contact${error.status ? ` (error ${error.status})` : ''}. Retry in a moment.`;
    default:
      return `The EHR did not save the contact${error.status ? ` (error ${error.status})` : ''}. Retry; if it fails again, use the note text.`;
  }
}

function fail(error: unknown, deps: ContactWriteDeps): ContactWriteOutcome {
  const learned = deps.capabilities.learnFromError(CONTACT_TARGET, error);
  if (learned?.status === 'not-allowed') return { status: 'not-allowed', reason: learned.reason };
  if (error instanceof FhirError && error.kind === 'precondition-failed') {
    return { status: 'changed', reason: 'Someone changed this contact in the EHR meanwhile. The list has been reloaded; check it and try again.' };
  }
  return { status: 'failed', reason: contactFailureReason(error), sessionEnded: error instanceof FhirError && error.kind === 'unauthorized' };
}

/**
 * Creates a contact once. `earlierAttemptLost`: an earlier send's answer never came (timeout,
 * reload mid-save); without declared conditional create, the identifier is looked up first.
 */
export async function createContact(observation: Observation, contactId: string, earlierAttemptLost: boolean, deps: ContactWriteDeps): Promise<ContactWriteOutcome> {
  const verdict = deps.capabilities.getSnapshot().verdict(CONTACT_TARGET);
  if (verdict.status === 'not-allowed') return { status: 'not-allowed', reason: verdict.reason };
  const searchFirst = earlierAttemptLost && deps.capabilities.getSnapshot().conditionalCreate('Observation') !== true;
  try {
    const result = await createOnce(deps.api, observation, contactIdentifier(contactId), { searchFirst });
    return { status: 'saved', reference: result.reference, resource: result.resource, existing: result.outcome === 'existing' };
  } catch (error) {
    return fail(error, deps);
  }
}

/** Sends a corrected or removed contact (same id) with If-Match on the version it was read at. */
export async function updateContact(observation: Observation & { id: string }, versionId: string | undefined, deps: ContactWriteDeps): Promise<ContactWriteOutcome> {
  try {
    const result = await deps.api.update(observation, versionId ? { ifMatch: `W/"${versionId}"` } : {});
    return { status: 'saved', reference: `Observation/${observation.id}`, resource: result.resource, existing: false };
  } catch (error) {
    return fail(error, deps);
  }
}
