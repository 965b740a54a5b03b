import type { Patient, Practitioner, PractitionerRole, RelatedPerson } from '@medplum/fhirtypes';
import type { Session } from '../session';
import { practitionerDirectory } from './practitioners';

export type SignedInUserResource = Practitioner | PractitionerRole | Patient | RelatedPerson;

const USER_TYPES = new Set(['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson']);

/** Reads the resource named by `fhirUser`; undefined when the EHR named nobody we can read. */
export async function readSignedInUser(session: Session, signal?: AbortSignal): Promise<SignedInUserResource | undefined> {
  if (!session.fhirUser) return undefined;
  const [type, id] = session.fhirUser.split('/');
  if (!type || !id || !USER_TYPES.has(type)) return undefined;
  // A practitioner is usually in the session's directory (read once for the whole app).
  if (type === 'Practitioner') {
    const listed = await practitionerDirectory(session.api).then(
      (all) => all.find((p) => p.id === id),
      () => undefined,
    );
    if (listed) return listed;
  }
  return session.api.read<SignedInUserResource>(type as SignedInUserResource['resourceType'], id, signal);
}
