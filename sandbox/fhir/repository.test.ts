import { matchesSearchRequest, parseSearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { patientObservationCodes } from '../../src/fhir/reads/caseloadBatch.ts';
import { generatePanel } from '../panel/index.ts';
import { IndexedRepository } from './repository.ts';
import { loadFhirSchema } from './schema.ts';

let resources: Resource[];
let repo: IndexedRepository;

beforeAll(() => {
  loadFhirSchema();
  resources = generatePanel({ patients: 15, seed: 'repository', now: new Date('2025-06-01T00:00:00Z') }).resources;
  repo = new IndexedRepository();
  repo.bulkLoad(resources);
});

/** The indexes only choose candidates: the answer is what Medplum's matcher gives, in store order. */
describe('IndexedRepository batched searches', () => {
  it.each(['patient-first', 'code-first'])(
    'a patient list and a code list (%s) give the same entries in the same order as a full scan',
    (order) => {
      const patients = resources.filter((r) => r.resourceType === 'Patient').slice(0, 6);
      const patientParam = `patient=${patients.map((p) => `Patient/${p.id}`).join(',')}`;
      const codeParam = `code=${encodeURIComponent(patientObservationCodes())}`;
      const query = `Observation?${order === 'patient-first' ? `${patientParam}&${codeParam}` : `${codeParam}&${patientParam}`}`;
      const request = parseSearchRequest(query);
      const ours = (repo.searchForResponse(request).entry ?? []).map((e) => e.resource?.id);
      const theirs = resources.filter((r) => r.resourceType === 'Observation' && matchesSearchRequest(r, request)).map((r) => r.id);
      expect(ours.length).toBeGreaterThan(20);
      expect(ours).toEqual(theirs);
    },
    60_000,
  );
});
