import type { Organization, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { CARE_MANAGER_ROLE } from '../ehr/directory.ts';
import { FAMILY, FEMALE_GIVEN, MALE_GIVEN } from './names.ts';
import type { Rng } from './prng.ts';

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export const ROLE_SYSTEM = 'http://sandbox.cocm.example/CodeSystem/care-team-role';
export const ORGANIZATION_ID = 'org-sandbox-clinic';

export type RoleCode = 'pcp' | typeof CARE_MANAGER_ROLE | 'psychiatric-consultant';

const ROLE_LABEL: Record<RoleCode, string> = {
  pcp: 'Primary care provider',
  [CARE_MANAGER_ROLE]: 'Behavioral health care manager',
  'psychiatric-consultant': 'Psychiatric consultant',
};

export interface CareTeam {
  organization: Organization;
  practitioners: Practitioner[];
  roles: PractitionerRole[];
  pcps: string[];
  careManagers: string[];
  psychiatrist: string;
}

/** A 10-digit NPI with a valid Luhn check digit (computed over the "80840" prefix, per CMS). */
export function makeNpi(rng: Rng): string {
  const base = `1${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  const digits = `80840${base}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits[i] ?? 0;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${base}${(10 - (sum % 10)) % 10}`;
}

/**
 * 3 PCPs, 3 care managers and 1 psychiatric consultant in one clinic; a larger panel gets more
 * care managers (`careManagers`), added after the first seven so their ids and names stay put.
 */
export function makeCareTeam(rng: Rng, careManagers = 3): CareTeam {
  const organization: Organization = {
    resourceType: 'Organization',
    id: ORGANIZATION_ID,
    active: true,
    name: 'Sandbox Family Medicine',
    identifier: [{ system: 'http://sandbox.cocm.example/organization', value: 'SFM' }],
  };
  const plan: RoleCode[] = [
    'pcp',
    'pcp',
    'pcp',
    CARE_MANAGER_ROLE,
    CARE_MANAGER_ROLE,
    CARE_MANAGER_ROLE,
    'psychiatric-consultant',
    ...Array.from({ length: Math.max(0, careManagers - 3) }, (): RoleCode => CARE_MANAGER_ROLE),
  ];
  const team: CareTeam = { organization, practitioners: [], roles: [], pcps: [], careManagers: [], psychiatrist: '' };
  plan.forEach((role, i) => {
    const female = rng.chance(0.55);
    const id = `prac-${i + 1}`;
    const clinician = role !== CARE_MANAGER_ROLE;
    team.practitioners.push({
      resourceType: 'Practitioner',
      id,
      active: true,
      identifier: [{ system: NPI_SYSTEM, value: makeNpi(rng) }],
      name: [{ use: 'official', family: rng.pick(FAMILY), given: [rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN)], ...(clinician ? { prefix: ['Dr.'] } : {}) }],
      gender: female ? 'female' : 'male',
    });
    team.roles.push({
      resourceType: 'PractitionerRole',
      id: `role-${i + 1}`,
      active: true,
      practitioner: { reference: `Practitioner/${id}` },
      organization: { reference: `Organization/${ORGANIZATION_ID}` },
      code: [{ coding: [{ system: ROLE_SYSTEM, code: role, display: ROLE_LABEL[role] }], text: ROLE_LABEL[role] }],
    });
    if (role === 'pcp') team.pcps.push(id);
    else if (role === CARE_MANAGER_ROLE) team.careManagers.push(id);
    else team.psychiatrist = id;
  });
  return team;
}
