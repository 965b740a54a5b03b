/**
 * Groups FHIR resources into one collection Bundle per patient: the shape a CQL engine runs
 * a measure over. A resource belongs to the patient its `subject`, `patient` or (Coverage)
 * `beneficiary` names; resources of no patient (Practitioner, Questionnaire, ...) are left
 * out, since neither measure reads them. Pure: runs in Node and in the browser.
 */
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';

const PATIENT_FIELDS = ['subject', 'patient', 'beneficiary'] as const;

/** The patient id a reference such as `Patient/123` or `https://ehr/fhir/Patient/123` names. */
export function patientIdOf(reference: string | undefined): string | undefined {
  const match = reference ? /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference) : null;
  return match?.[1];
}

/** The patient a resource is about, or undefined when it is about none. */
export function ownerOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const fields = resource as unknown as Record<string, { reference?: string } | undefined>;
  for (const field of PATIENT_FIELDS) {
    const id = patientIdOf(fields[field]?.reference);
    if (id) return id;
  }
  return undefined;
}

export interface PatientBundle {
  patientId: string;
  bundle: Bundle;
}

/**
 * One Bundle per Patient resource, in the order the patients came. Resources naming a
 * patient that is not there are dropped (a measure cannot run without the Patient).
 */
export function patientBundles(resources: readonly Resource[]): PatientBundle[] {
  const byPatient = new Map<string, Resource[]>();
  for (const r of resources) if (r.resourceType === 'Patient' && r.id && !byPatient.has(r.id)) byPatient.set(r.id, []);
  for (const r of resources) {
    const owner = ownerOf(r);
    if (owner !== undefined) byPatient.get(owner)?.push(r);
  }
  return [...byPatient].map(([patientId, own]) => ({ patientId, bundle: collection(own) }));
}

/**
 * Like `patientBundles`, over input kept file by file: a file holding exactly one Patient
 * (a test case, a patient-level `$everything` export) is that patient's whole record, even
 * where a resource's reference was written some other way (two official CMS159 cases name
 * another patient in a ServiceRequest's subject); other files are grouped by reference.
 */
export function patientBundlesByFile(files: readonly (readonly Resource[])[]): PatientBundle[] {
  const own: PatientBundle[] = [];
  const pooled: Resource[] = [];
  for (const resources of files) {
    const patients = resources.filter((r) => r.resourceType === 'Patient' && r.id);
    // A MeasureReport is a result about the record, not part of it.
    if (patients.length === 1) own.push({ patientId: patients[0]!.id!, bundle: collection(resources.filter((r) => r.resourceType !== 'MeasureReport')) });
    else pooled.push(...resources);
  }
  const ids = new Set(own.map((p) => p.patientId));
  return [...own, ...patientBundles(pooled).filter((p) => !ids.has(p.patientId))];
}

/** A collection Bundle of one patient's resources (the Patient first). */
export function collection(resources: readonly Resource[]): Bundle {
  const patient = resources.filter((r): r is Patient => r.resourceType === 'Patient');
  const rest = resources.filter((r) => r.resourceType !== 'Patient');
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [...patient, ...rest].map((resource) => ({ ...(resource.id ? { fullUrl: `${resource.resourceType}/${resource.id}` } : {}), resource })),
  };
}
