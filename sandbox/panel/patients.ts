import type { Patient } from '@medplum/fhirtypes';
import { FAMILY, FEMALE_GIVEN, MALE_GIVEN } from './names.ts';
import { ORGANIZATION_ID } from './practitioners.ts';
import type { Rng } from './prng.ts';

/** The MRN identifier system of the sandbox (identifier.type MR). */
export const MRN_SYSTEM = 'http://sandbox.cocm.example/mrn';

/** One synthetic patient's demographics. `index` keeps MRNs unique and ordered. */
export function makePatient(index: number, id: string, rng: Rng, now: Date, pcp: string): Patient {
  const g = rng.weighted({ female: 55, male: 43, other: 2 });
  const given: string[] = [rng.pick(g === 'male' ? MALE_GIVEN : g === 'female' ? FEMALE_GIVEN : rng.pick([MALE_GIVEN, FEMALE_GIVEN]))];
  if (rng.chance(0.3)) given.push(`${String.fromCharCode(65 + rng.int(0, 25))}.`);
  const age = rng.int(18, 88);
  const birth = new Date(Date.UTC(now.getUTCFullYear() - age, rng.int(0, 11), rng.int(1, 28)));
  return {
    resourceType: 'Patient',
    id,
    active: true,
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }], text: 'MRN' },
        system: MRN_SYSTEM,
        value: `M${2_000_000 + index * 131 + rng.int(0, 100)}`,
      },
    ],
    name: [{ use: 'official', family: rng.pick(FAMILY), given }],
    gender: g,
    birthDate: birth.toISOString().slice(0, 10),
    generalPractitioner: [{ reference: `Practitioner/${pcp}` }],
    managingOrganization: { reference: `Organization/${ORGANIZATION_ID}` },
  };
}
