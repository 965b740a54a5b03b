import { matchesSearchRequest, parseSearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePanel } from '../panel/index.ts';
import { fastMatcher } from './fastFilters.ts';
import { loadFhirSchema } from './schema.ts';

let resources: Resource[];

beforeAll(() => {
  loadFhirSchema();
  resources = generatePanel({ patients: 15, seed: 'fast-filters', now: new Date('2025-06-01T00:00:00Z') }).resources;
});

/** The fast matchers are an optimisation: they must agree with Medplum's own matcher. */
describe('fast search matchers agree with Medplum', () => {
  it.each([
    'Observation?code=http://loinc.org|44261-6',
    'Observation?code=44261-6,70274-6',
    'Observation?code=http://loinc.org|44261-6,70274-6,http://loinc.org|',
    'Observation?code=http://loinc.org|',
    'Observation?category=survey',
    'Observation?category=http://terminology.hl7.org/CodeSystem/observation-category|survey',
    'Observation?status=final,amended',
    'Observation?date=ge2025-01-01',
    'Observation?date=lt2024-06',
    'Observation?date=2025',
    'Observation?date=le2025-03-15T12:00:00-05:00',
    'QuestionnaireResponse?authored=gt2025-02-01',
    'QuestionnaireResponse?status=completed',
    'Condition?code=http://hl7.org/fhir/sid/icd-10-cm|F41.1',
    'MedicationRequest?status=active',
  ])(
    '%s',
    (query) => {
      const request = parseSearchRequest(query);
      const filter = request.filters![0]!;
      const fast = fastMatcher(request.resourceType, filter);
      expect(fast).toBeDefined();
      const ofType = resources.filter((r) => r.resourceType === request.resourceType);
      const ours = ofType.filter((r) => fast!(r, filter)).map((r) => r.id);
      const theirs = ofType.filter((r) => matchesSearchRequest(r, request)).map((r) => r.id);
      expect(ours.length).toBeGreaterThan(0);
      expect(ours).toEqual(theirs);
      // Medplum's matcher evaluates FHIRPath on every resource (thousands here): seconds on a
      // busy 2-core machine. This is a correctness comparison, not a timing test.
    },
    60_000,
  );
});
