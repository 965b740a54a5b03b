import type { HumanName, Patient, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import type { Directory, PatientSummary, PractitionerSummary } from '../auth/deps.ts';
import type { IndexedRepository } from '../fhir/repository.ts';

/** Role code of a care manager in the synthetic panel (PractitionerRole.code). */
export const CARE_MANAGER_ROLE = 'care-manager';

export function displayName(name: HumanName[] | undefined): string {
  const n = name?.find((x) => x.use === 'official') ?? name?.[0];
  if (!n) return '(no name)';
  if (n.text) return n.text;
  return [n.family, (n.given ?? []).join(' ')].filter(Boolean).join(', ');
}

function mrnOf(patient: Patient): string {
  const ids = patient.identifier ?? [];
  const mr = ids.find((i) => i.type?.coding?.some((c) => c.code === 'MR')) ?? ids[0];
  return mr?.value ?? '';
}

function summarize(patient: Patient): PatientSummary {
  return { id: patient.id ?? '', name: displayName(patient.name), mrn: mrnOf(patient), birthDate: patient.birthDate ?? '', gender: patient.gender ?? 'unknown' };
}

/**
 * The EHR's view of its own people, read straight from the repository (no FHIR round trip):
 * used by the EHR pages, the standalone patient picker and the token endpoint.
 */
export class RepositoryDirectory implements Directory {
  constructor(private readonly repo: IndexedRepository) {}

  searchPatients(q: string, limit: number): PatientSummary[] {
    const words = q
      .toLowerCase()
      .split(/[\s,]+/)
      .filter(Boolean);
    const out: PatientSummary[] = [];
    for (const p of this.repo.all('Patient') as Iterable<Patient>) {
      const s = summarize(p);
      const hay = `${s.name} ${s.mrn}`.toLowerCase();
      if (words.every((w) => hay.includes(w))) out.push(s);
      if (out.length >= limit) break;
    }
    return out;
  }

  patient(id: string): PatientSummary | undefined {
    const p = this.repo.peek('Patient', id) as Patient | undefined;
    return p ? summarize(p) : undefined;
  }

  practitioners(): PractitionerSummary[] {
    const roles = new Map<string, string>();
    for (const role of this.repo.all('PractitionerRole') as Iterable<PractitionerRole>) {
      const id = role.practitioner?.reference?.replace(/^Practitioner\//, '');
      const label = role.code?.[0]?.text ?? role.code?.[0]?.coding?.[0]?.display;
      if (id && label && !roles.has(id)) roles.set(id, label);
    }
    return [...(this.repo.all('Practitioner') as Iterable<Practitioner>)].map((p) => ({
      id: p.id ?? '',
      name: displayName(p.name),
      role: roles.get(p.id ?? '') ?? 'Practitioner',
    }));
  }

  practitioner(id: string): PractitionerSummary | undefined {
    return this.practitioners().find((p) => p.id === id);
  }

  defaultUser(): string | undefined {
    for (const role of this.repo.all('PractitionerRole') as Iterable<PractitionerRole>) {
      if (role.code?.some((c) => c.coding?.some((x) => x.code === CARE_MANAGER_ROLE))) {
        const id = role.practitioner?.reference?.replace(/^Practitioner\//, '');
        if (id && this.repo.peek('Practitioner', id)) return id;
      }
    }
    const first = this.repo.all('Practitioner')[Symbol.iterator]().next();
    return first.done ? undefined : first.value.id;
  }
}
