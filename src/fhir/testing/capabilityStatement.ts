/**
 * CapabilityStatements for tests of capability-aware writes: the fixed header every
 * statement needs, so a test says only which resources the EHR lets the app read and write.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';

/** Read, search and create: what a test usually grants a resource type. */
export const READ_SEARCH_CREATE: NonNullable<CapabilityStatementRestResource['interaction']> = [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }];

export function capabilityStatement(resources: CapabilityStatementRestResource[]): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{ mode: 'server', resource: resources }],
  };
}

/** Each type readable, searchable and creatable, with conditional create (the sandbox's answer). */
export function writableTypes(types: readonly string[]): CapabilityStatement {
  return capabilityStatement(types.map((type) => ({ type: type as CapabilityStatementRestResource['type'], interaction: READ_SEARCH_CREATE, conditionalCreate: true })));
}
