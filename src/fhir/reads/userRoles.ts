/** The signed-in user's PractitionerRoles (what the EHR says they do), from `fhirUser`. */
import type { PractitionerRole } from '@medplum/fhirtypes';
import type { Session } from '../session';

export async function readUserPractitionerRoles(session: Pick<Session, 'api' | 'fhirUser'>, signal?: AbortSignal): Promise<PractitionerRole[]> {
  const [type, id] = (session.fhirUser ?? '').split('/');
  if (!id) return [];
  if (type === 'PractitionerRole') return [await session.api.read<PractitionerRole>('PractitionerRole', id, signal)];
  if (type !== 'Practitioner') return [];
  const found = await session.api.search<PractitionerRole>(
    'PractitionerRole',
    { practitioner: `Practitioner/${id}`, _count: '20' },
    { maxPages: 1, ...(signal ? { signal } : {}) },
  );
  return found.resources;
}
